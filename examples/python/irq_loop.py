#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Handle a device's interrupts in an asyncio loop, next to whatever else the loop does.

    irq_loop.py uio:NAME [COUNT]       the UIO device's interrupt, COUNT events (default 10)
    irq_loop.py --fake [COUNT]         no hardware: an eventfd ticked by the loop every 10 ms

The interrupt's fileno() goes to loop.add_reader; on each event the handler consumes it,
acknowledges the device (with an SVD, a write-1-to-clear of its pending flag, e.g.
dev.RTC.INTP.TIC.clear()) and re-arms the line with enable(). Missed events are counted.
"""
import asyncio
import os
import sys

import uiokit


async def handle(irq: uiokit.Interrupt, count: int, acknowledge=lambda: None) -> tuple[int, int]:
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    seen = missed = 0

    def on_readable() -> None:
        nonlocal seen, missed
        events = irq.consume()
        seen += events.count
        missed += events.missed
        acknowledge()
        irq.enable()
        if seen >= count and not done.done():
            done.set_result(None)

    irq.enable()
    loop.add_reader(irq.fileno(), on_readable)
    try:
        await asyncio.wait_for(done, timeout=max(5.0, count * 1.0))
    finally:
        loop.remove_reader(irq.fileno())
    return seen, missed


async def fake(count: int) -> tuple[int, int]:
    """A stand-in device: an eventfd that a loop timer bumps every 10 ms."""
    fd = os.eventfd(0, os.EFD_NONBLOCK)
    loop = asyncio.get_running_loop()

    def tick() -> None:
        os.eventfd_write(fd, 1)
        timer[0] = loop.call_later(0.01, tick)

    timer = [loop.call_later(0.01, tick)]
    try:
        with uiokit.eventfd_interrupt(fd) as irq:
            return await handle(irq, count)
    finally:
        timer[0].cancel()
        os.close(fd)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    count = int(argv[2]) if len(argv) > 2 else 10
    try:
        if argv[1] == "--fake":
            seen, missed = asyncio.run(fake(count))
        else:
            with uiokit.interrupt(argv[1]) as irq:
                seen, missed = asyncio.run(handle(irq, count))
    except uiokit.Error as e:
        print(f"irq_loop: {e}", file=sys.stderr)
        return 1
    except asyncio.TimeoutError:
        print("irq_loop: no interrupt arrived in time", file=sys.stderr)
        return 1
    print(f"{seen} interrupts, {missed} missed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
