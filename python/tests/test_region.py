# SPDX-License-Identifier: MIT
# uiokit.Region over files and memfd: widths, the checks on offsets and values, closing, the
# buffer protocol (and that close() refuses while a memoryview is alive), errors' attributes.
import gc
import inspect

import pytest

import uiokit


def test_file_region_reads_the_file_little_endian(regfile):
    path = regfile(64)
    with uiokit.open(f"file:{path}") as r:
        assert len(r) == 64
        assert r.read8(3) == 3
        assert r.read16(2) == 0x0302
        assert r.read32(4) == 0x07060504
        assert r.read64(8) == 0x0F0E0D0C0B0A0908
        assert r.phys is None
    assert r.closed


def test_file_region_writes_reach_the_file(regfile):
    path = regfile(64)
    with uiokit.open(f"file:{path}") as r:
        r.write32(0, 0xDEADBEEF)
        r.write8(4, 0x5A)
        r.write16(6, 0x1234)
        r.write64(8, 0x1122334455667788)
        r.sync()
    data = path.read_bytes()
    assert data[0:4] == bytes.fromhex("efbeadde")
    assert data[4] == 0x5A and data[6:8] == bytes.fromhex("3412")
    assert data[8:16] == bytes.fromhex("8877665544332211")


def test_file_offset_and_size(regfile):
    path = regfile(256)
    with uiokit.open(f"file:{path}+0x10+0x20") as r:
        assert len(r) == 0x20
        assert r.read8(0) == 0x10


def test_memfd_region_is_zeroed_and_writable():
    with uiokit.memfd(8192, "t") as r:
        assert len(r) == 8192
        assert r.read64(8184) == 0
        r.write32(100, 7)
        assert r.read32(100) == 7


def test_read_only_open_refuses_writes(regfile):
    path = regfile(16)
    with uiokit.open(f"file:{path}", writable=False) as r:
        assert not r.writable
        with pytest.raises(uiokit.Error):
            r.write32(0, 1)
        assert memoryview(r).readonly
    assert path.read_bytes()[0:4] == bytes([0, 1, 2, 3])


@pytest.mark.parametrize("call", [
    lambda r: r.read32(16), lambda r: r.read64(12), lambda r: r.write8(16, 0), lambda r: r.read16(2**63),
    lambda r: r.read32(2**64 + 4),
])
def test_out_of_range_is_out_of_range(regfile, call):
    with uiokit.open(f"file:{regfile(16)}") as r, pytest.raises(uiokit.OutOfRange) as e:
        call(r)
    assert isinstance(e.value, IndexError)


def test_misaligned_and_negative_offsets(regfile):
    with uiokit.open(f"file:{regfile(16)}") as r:
        with pytest.raises(uiokit.OutOfRange) as e:
            r.read32(2)
        assert e.value.code == "misaligned"
        with pytest.raises(uiokit.OutOfRange) as e:
            r.read8(-1)
        assert "negative" in str(e.value)


@pytest.mark.parametrize("offset", ["0", 1.0, None, b"\0", [0], True])
def test_wrong_types_are_type_errors(regfile, offset):
    with uiokit.open(f"file:{regfile(16)}") as r, pytest.raises(TypeError):
        r.read32(offset)


@pytest.mark.parametrize("value", [-1, 2**32, 2**64])
def test_values_that_do_not_fit_are_refused(regfile, value):
    path = regfile(16)
    with uiokit.open(f"file:{path}") as r, pytest.raises(uiokit.InvalidArgument):
        r.write32(0, value)
    assert path.read_bytes()[0:4] == bytes([0, 1, 2, 3])


def test_closed_region_raises_not_crashes(regfile):
    r = uiokit.open(f"file:{regfile(16)}")
    r.close()
    r.close()  # twice is fine
    for call in (lambda: r.read32(0), lambda: r.write32(0, 1), lambda: len(r)):
        with pytest.raises(uiokit.InvalidArgument, match="closed"):
            call()
    with pytest.raises(BufferError):
        memoryview(r)
    assert "closed" in repr(r)


def test_memoryview_is_the_mapping(regfile):
    path = regfile(32)
    with uiokit.open(f"file:{path}") as r:
        m = memoryview(r)
        assert len(m) == 32 and not m.readonly
        assert bytes(m[0:4]) == bytes([0, 1, 2, 3])
        m[4:8] = b"\xaa\xbb\xcc\xdd"
        assert r.read32(4) == 0xDDCCBBAA
        r.write8(0, 0x77)
        assert m[0] == 0x77
        m.release()
    assert path.read_bytes()[4:8] == b"\xaa\xbb\xcc\xdd"


def test_close_refuses_while_a_memoryview_is_alive(regfile):
    r = uiokit.open(f"file:{regfile(32)}")
    m = memoryview(r)
    s = m[8:16]  # a slice is an export of the same buffer
    with pytest.raises(BufferError, match="memoryview"):
        r.close()
    assert not r.closed and bytes(s) == bytes(range(8, 16))
    m.release()
    with pytest.raises(BufferError):
        r.close()
    s.release()
    r.close()
    assert r.closed


def test_with_block_exit_refuses_too_and_the_view_stays_valid(regfile):
    views = []
    with pytest.raises(BufferError):
        with uiokit.open(f"file:{regfile(32)}") as r:
            views.append(memoryview(r))
    assert views[0][5] == 5  # still mapped: close() was refused
    views[0].release()
    r.close()


def test_dropping_the_region_with_a_view_keeps_the_mapping(regfile):
    m = memoryview(uiokit.open(f"file:{regfile(32)}"))
    gc.collect()
    assert m[31] == 31  # the view holds the Region


def test_error_attributes(tmp_path):
    missing = tmp_path / "missing.bin"
    with pytest.raises(uiokit.NotFound) as e:
        uiokit.open(f"file:{missing}")
    err = e.value
    assert isinstance(err, uiokit.Error) and isinstance(err, LookupError)
    assert err.code == "not_found"
    assert str(missing) in err.subject
    assert err.errno == 2
    assert err.address is None
    assert str(missing) in str(err)


def test_permission_denied(tmp_path):
    import os
    if os.geteuid() == 0:
        pytest.skip("root opens files whatever their mode")
    p = tmp_path / "locked.bin"
    p.write_bytes(bytes(16))
    p.chmod(0)
    with pytest.raises(uiokit.PermissionDenied):
        uiokit.open(f"file:{p}")


def test_arguments_by_name_and_their_errors(regfile):
    path = regfile(16)
    with uiokit.open(f"file:{path}") as r:
        assert r.read32(offset=4) == r.read32(4) == 0x07060504
        r.write16(value=0xBEEF, offset=2)
        assert r.read16(2) == 0xBEEF
        for call in (lambda: r.read32(), lambda: r.read32(0, 4), lambda: r.read32(0, offset=0),
                     lambda: r.read32(off=0), lambda: r.write32(0), lambda: r.write8(0, 1, 2)):
            with pytest.raises(TypeError):
                call()
        with pytest.raises(TypeError):
            uiokit.Region.read32(object(), 0)  # not a Region
        assert uiokit.Region.read8(r, 5) == 5
        assert "offset" in uiokit.Region.read32.__doc__ and "offset" in str(inspect.signature(r.read32))
