# SPDX-License-Identifier: MIT
"""python.uio_timer_asyncio: kernel/uio_stub's software interrupt (a 10 ms hrtimer, device
stub-x86) handled in an asyncio loop through Interrupt.fileno() and loop.add_reader: twenty
wake-ups whose events come every 10 ms by the guest's clock, while another task of the same loop
keeps running; then disabled, no event arrives."""
import asyncio
import sys
import time

import uiokit

PERIOD_MS = 10
WAKEUPS = 20


async def run(irq):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    seen = {"start": None, "events": 0, "wakeups": 0, "ticks": 0}

    def on_readable():
        now = time.monotonic()
        count = irq.consume().count
        if seen["start"] is None:  # timed from the first wake-up: earlier events had no start time
            seen["start"] = now
            return
        seen["events"] += count
        seen["wakeups"] += 1
        if seen["wakeups"] == WAKEUPS and not done.done():
            done.set_result(now)

    async def ticker():  # the loop's other work: it must not be held up by the interrupt
        while True:
            await asyncio.sleep(PERIOD_MS / 1000 / 2)
            seen["ticks"] += 1

    other = asyncio.create_task(ticker())
    irq.enable()
    loop.add_reader(irq.fileno(), on_readable)
    try:
        t1 = await asyncio.wait_for(done, timeout=5)
    finally:
        loop.remove_reader(irq.fileno())
        other.cancel()
    t0 = seen["start"]
    per_ms = (t1 - t0) * 1000 / seen["events"]
    print(f"running: {seen['events']} events in {seen['wakeups']} wake-ups over {(t1 - t0) * 1000:.1f} ms: "
          f"{per_ms:.2f} ms per event (period {PERIOD_MS} ms); the other task ran {seen['ticks']} times")
    assert PERIOD_MS * 0.8 <= per_ms <= PERIOD_MS * 1.25, "the event period is off"
    assert seen["ticks"] > 0, "the loop's other task never ran"

    irq.disable()
    irq.wait(timeout=PERIOD_MS / 1000)  # an event that raced with the disable
    late = []
    loop.add_reader(irq.fileno(), lambda: late.append(irq.consume()))
    await asyncio.sleep(PERIOD_MS * 5 / 1000)
    loop.remove_reader(irq.fileno())
    assert not late, f"events arrived while disabled: {late}"
    print(f"disabled: no event in {PERIOD_MS * 5} ms")


with uiokit.interrupt(sys.argv[1] if len(sys.argv) > 1 else "uio:stub-x86") as irq:
    asyncio.run(run(irq))
print("PASS")
