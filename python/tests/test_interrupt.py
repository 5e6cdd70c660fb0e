# SPDX-License-Identifier: MIT
# uiokit.Interrupt through the library's wait(): an eventfd stands in for the device (a UIO or
# VFIO line needs hardware: the guest suites cover those). Timeouts, counts and missed events,
# fileno() with selectors, and the errors for closed interrupts and absent devices.
import os
import selectors

import pytest

import uiokit


@pytest.fixture
def efd():
    fd = os.eventfd(0, os.EFD_NONBLOCK)
    yield fd
    os.close(fd)


def test_wait_times_out_with_none(efd):
    with uiokit.eventfd_interrupt(efd) as irq:
        assert irq.wait(timeout=0.01) is None


def test_wait_returns_count_and_missed(efd):
    with uiokit.eventfd_interrupt(efd) as irq:
        os.eventfd_write(efd, 3)
        e = irq.wait(timeout=1)
        assert (e.count, e.missed, e.total) == (3, 2, 3)
        os.eventfd_write(efd, 1)
        e = irq.wait(timeout=1)
        assert (e.count, e.missed, e.total) == (1, 0, 4)
        irq.enable()


def test_fileno_works_with_selectors(efd):
    with uiokit.eventfd_interrupt(efd) as irq, selectors.DefaultSelector() as sel:
        sel.register(irq, selectors.EVENT_READ)
        assert sel.select(timeout=0) == []
        os.eventfd_write(efd, 1)
        assert len(sel.select(timeout=1)) == 1
        assert irq.consume().count == 1


def test_bad_timeout_and_closed(efd):
    irq = uiokit.eventfd_interrupt(efd)
    with pytest.raises(uiokit.InvalidArgument):
        irq.wait(timeout=-1)
    with pytest.raises(TypeError):
        irq.wait(timeout="1")
    irq.close()
    with pytest.raises(uiokit.InvalidArgument, match="closed"):
        irq.wait(timeout=0)
    with pytest.raises(uiokit.InvalidArgument):
        irq.fileno()


def test_absent_and_unsupported_devices():
    with pytest.raises(uiokit.NotFound):
        uiokit.interrupt("uio:no-such-device-here")
    with pytest.raises(uiokit.ParseError):
        uiokit.interrupt("uio:")
    with pytest.raises(uiokit.Unsupported):
        uiokit.interrupt("file:/dev/null")


def test_region_interrupt_needs_a_vfio_region():
    with uiokit.memfd(4096) as r, pytest.raises(uiokit.Unsupported, match="vfio"):
        r.interrupt()


def test_closed_region_and_device_have_no_interrupt():
    r = uiokit.memfd(4096)
    r.close()
    with pytest.raises(uiokit.InvalidArgument, match="closed"):
        r.interrupt()
    dev = uiokit.Device(uiokit.memfd(4096), svd="edu")
    dev.close()
    with pytest.raises(uiokit.InvalidArgument, match="closed"):
        dev.interrupt()


def test_vfio_device_that_is_not_there_raises():
    with pytest.raises(uiokit.Error) as e:
        uiokit.open("vfio:1234:5678#3")
    assert e.value.code in ("not_found", "permission_denied", "vfio_get_api_version", "open_failed")
    with pytest.raises(uiokit.Error):
        uiokit.interrupt("vfio:1234:5678#3")
