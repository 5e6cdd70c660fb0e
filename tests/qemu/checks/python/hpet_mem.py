# SPDX-License-Identifier: MIT
"""python.hpet_mem_by_name: the HPET through /dev/mem (a mem: address), its registers by the
names of tools/svd/devices/hpet.svd: Intel's vendor ID, a counter period within the
specification, the counter enabled, and the main counter advancing at the rate its period
declares, measured against the guest's monotonic clock."""
import time

import uiokit

with uiokit.Device("mem:0xfed00000+0x400", svd="hpet", writable=False) as dev:
    hpet = dev.HPET
    print(hpet.GCAP_ID)
    vendor = int(hpet.GCAP_ID.VENDOR_ID)
    period_fs = int(hpet.GCAP_ID.COUNTER_CLK_PERIOD)
    assert vendor == 0x8086, f"VENDOR_ID {vendor:#x}"
    # The HPET specification: at most 100 ns (10^8 fs) per tick.
    assert 0 < period_fs <= 100_000_000, f"COUNTER_CLK_PERIOD {period_fs} fs"
    assert int(hpet.GEN_CONF.ENABLE_CNF) == 1, "the main counter is stopped"
    assert hpet.MAIN_CNT.address == 0xFED000F0, f"MAIN_CNT at {hpet.MAIN_CNT.address:#x}"

    def timed_count():
        """The main counter, with CLOCK_MONOTONIC just before and just after reading it."""
        before = time.monotonic_ns()
        count = int(hpet.MAIN_CNT)
        return before, count, time.monotonic_ns()

    a0, first, a1 = timed_count()
    time.sleep(0.2)
    b0, second, b1 = timed_count()
    counted_ns = (second - first) * period_fs / 1e6
    print(f"MAIN_CNT {first:#x} -> {second:#x}: {counted_ns / 1e6:.2f} ms at {period_fs} fs a tick; "
          f"CLOCK_MONOTONIC: between {(b0 - a1) / 1e6:.2f} and {(b1 - a0) / 1e6:.2f} ms")
    assert second > first, "the main counter did not advance"
    # Both clocks are the guest's: however slowly the host runs the guest, the counted time lies
    # between the monotonic time from the end of the first read to the start of the second and
    # that from the start of the first to the end of the second (5 % for the kernel's calibration
    # of the TSC, which CLOCK_MONOTONIC counts, on a busy host).
    assert (b0 - a1) * 0.95 <= counted_ns <= (b1 - a0) * 1.05, "the counter does not run at its declared period"
print("PASS")
