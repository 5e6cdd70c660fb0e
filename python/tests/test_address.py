# SPDX-License-Identifier: MIT
# Every malformed device address is a ParseError with the library's message, the same text
# `uiokit reg -d ADDRESS` prints; good addresses print back canonically.
import pytest

import uiokit

MALFORMED = [
    "rtc", "nope:1", "uio:", "uio:a:b:c", "uio:x:", "pci:zz:zz", "pci:1234:11e8:bar9", "pci:0000:00:03.9",
    "pci:1234:11e8#x", "vfio:00:03.0:bar6", "dt:soc/rtc", "dt:/x:bogus", "dt:compatible=", "dt:phandle=x",
    "dt:compatible=a#99999", "mem:", "mem:xyz", "mem:0x10+0", "mem:0xffffffffffffffff+2", "mem:1+2+3", "file:",
]


@pytest.mark.parametrize("address", MALFORMED)
def test_malformed_address_is_a_parse_error(address, tool):
    with pytest.raises(uiokit.ParseError) as e:
        uiokit.open(address)
    assert e.value.code == "parse_error"
    assert e.value.subject == address
    with pytest.raises(uiokit.ParseError) as p:
        uiokit.parse_address(address)
    assert str(p.value) == str(e.value)
    status, _, err = tool("reg", "-d", address, "read", "0")
    assert status != 0
    assert err.strip() == f"uiokit: {e.value}"


def test_empty_address_is_a_parse_error():
    with pytest.raises(uiokit.ParseError):
        uiokit.open("")


@pytest.mark.parametrize("text,canonical", [
    ("uio:rtc", "uio:rtc"), ("mem:0xfed00000", "mem:0xfed00000"), ("file:/tmp/x+16+32", "file:/tmp/x+0x10+0x20"),
])
def test_good_addresses_print_canonically(text, canonical):
    assert uiokit.parse_address(text) == canonical


def test_missing_devices_are_not_found(tmp_path):
    with pytest.raises(uiokit.NotFound):
        uiokit.open("uio:no-such-device-here")
