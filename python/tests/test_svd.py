# SPDX-License-Identifier: MIT
# uiokit.Device over a file: region with vendor SVD files (../shared/svd) and the shipped ones:
# names as attributes, dir(), enumerated values, the write-1-to-clear rule, the refusals, and the
# repr and to_dict() against `uiokit reg ... dump [--json]` for the same region.
import operator

import pytest

import uiokit
from svd_helpers import pattern_file


@pytest.fixture
def rp2040(shared_svd, tmp_path):
    return uiokit.Device(pattern_file(tmp_path / "rp.bin"), svd=str(shared_svd / "rp2040.svd"))


@pytest.fixture
def rtc(tmp_path):
    return uiokit.Device(pattern_file(tmp_path / "rtc.bin", 0x100), svd="s3c-rtc")


def word(dev, offset):
    return dev.region.read32(offset)


def test_names_are_attributes_and_dir_lists_them(rp2040):
    assert "ADC" in dir(rp2040) and "UART0" in rp2040.peripherals
    assert "FCS" in dir(rp2040.ADC)
    assert {"THRESH", "OVER", "UNDER", "LEVEL"} <= set(dir(rp2040.ADC.FCS))
    assert rp2040.ADC.FCS.offset == 8
    assert rp2040.ADC.FCS.name == "ADC.FCS"
    assert rp2040["ADC.FCS.OVER"].name == "ADC.FCS.OVER"


def test_handles_are_kept_and_peripherals_cannot_be_assigned(rp2040):
    assert rp2040.ADC is rp2040.ADC and rp2040.ADC.FCS.OVER is rp2040.ADC.FCS.OVER
    with pytest.raises(AttributeError):
        rp2040.ADC = 1
    with pytest.raises(AttributeError, match="ADC"):
        rp2040.ADCX = 1


def test_unknown_names_suggest_the_nearest(rp2040):
    with pytest.raises(AttributeError, match="ADC") as e:
        rp2040.ADCC
    with pytest.raises(AttributeError, match="FCS") as e:
        rp2040.ADC.FSC
    with pytest.raises(AttributeError, match="OVER") as e:
        rp2040.ADC.FCS.OVR
    assert "did you mean" in str(e.value)
    with pytest.raises(uiokit.NotFound):
        rp2040["ADC.NOPE"]


def test_field_read_decodes(rp2040):
    v = rp2040.ADC.FCS.read()
    assert v == word(rp2040, 8)
    f = rp2040.ADC.FCS.THRESH
    assert int(f) == f.read() == (v >> f.lsb) & ((1 << f.width) - 1)
    assert f == int(f)
    assert operator.index(f) == int(f) and hex(rp2040.ADC.FCS) == hex(v) and int(rp2040.ADC.FCS) == v


def test_field_write_keeps_other_fields_and_w1c_flags_are_not_written_back(rp2040):
    fcs = rp2040.ADC.FCS
    assert fcs.OVER.w1c and fcs.UNDER.w1c and not fcs.THRESH.w1c
    w1c = (1 << fcs.OVER.lsb) | (1 << fcs.UNDER.lsb)
    thresh = ((1 << fcs.THRESH.width) - 1) << fcs.THRESH.lsb
    rp2040.region.write32(8, fcs.read() | w1c)
    before = fcs.read()
    fcs.THRESH = 5
    after = fcs.read()
    assert fcs.THRESH.read() == 5
    assert after & w1c == 0  # pending flags stored as 0, so the device would not clear them
    assert after & ~(thresh | w1c) & 0xFFFFFFFF == before & ~(thresh | w1c) & 0xFFFFFFFF


def test_clear_writes_one_only_to_the_w1c_flag(rp2040):
    intr = rp2040.TIMER.INTR
    rp2040.region.write32(intr.offset, 0)
    intr.ALARM_2.clear()
    assert intr.read() == 1 << intr.ALARM_2.lsb


def test_modify_sets_several_fields(rp2040):
    fcs = rp2040.ADC.FCS
    fcs.modify(THRESH=3, EN=1)
    assert fcs.THRESH.read() == 3 and fcs.EN.read() == 1


def test_refusals_write_nothing(rp2040):
    fcs = rp2040.ADC.FCS
    before = fcs.read()
    with pytest.raises(uiokit.InvalidArgument, match="read-only"):
        fcs.LEVEL = 1
    with pytest.raises(uiokit.InvalidArgument, match="does not fit"):
        fcs.THRESH = 1 << fcs.THRESH.width
    with pytest.raises(uiokit.InvalidArgument):
        fcs.THRESH = -1
    with pytest.raises(uiokit.InvalidArgument, match="neither a number nor a value name"):
        fcs.THRESH = "no-such-value"
    with pytest.raises(TypeError):
        fcs.THRESH = 1.5
    with pytest.raises(AttributeError):
        fcs.NOPE = 1
    with pytest.raises(uiokit.InvalidArgument, match="does not fit"):
        fcs.write(1 << 32)
    assert fcs.read() == before


def test_enumerated_values_by_name(tmp_path):
    dev = uiokit.Device(pattern_file(tmp_path / "r.bin", 0x100), svd="s3c-rtc")
    con = dev.RTC.RTCCON
    con.TICCKSEL = "hz1024"
    assert con.TICCKSEL.read() == 5 and con.TICCKSEL.enum == "hz1024" and con.TICCKSEL == "hz1024"
    assert con.TICCKSEL.enums["hz1"] == 15
    dev.RTC.RTCCON.CTLEN = 1
    assert dev.RTC.RTCCON.CTLEN.read() == 1


def test_rtc_intp_clear_touches_only_that_flag(rtc):
    rtc.region.write32(0x30, 0b11)
    rtc.RTC.INTP.TIC.clear()
    assert rtc.region.read32(0x30) == 0b01  # TIC's 1 stored, ALM's 0: only TIC would clear


def test_read_only_register_refuses_write(rtc):
    with pytest.raises(uiokit.InvalidArgument, match="read-only"):
        rtc.RTC.CURTICCNT.write(1)
    with pytest.raises(uiokit.InvalidArgument, match="read-only"):
        rtc.RTC.CURTICCNT = 1


SIDE_EFFECT_SVD = """<?xml version="1.0"?>
<device><name>fifo</name><addressUnitBits>8</addressUnitBits><width>32</width><size>32</size>
<peripherals><peripheral><name>FIFO</name><baseAddress>0</baseAddress>
<addressBlock><offset>0</offset><size>0x10</size><usage>registers</usage></addressBlock>
<registers>
<register><name>DATA</name><addressOffset>0</addressOffset><readAction>modify</readAction>
<fields><field><name>BYTE</name><bitRange>[7:0]</bitRange></field></fields></register>
<register><name>CTRL</name><addressOffset>4</addressOffset>
<fields><field><name>EN</name><bitRange>[0:0]</bitRange></field></fields></register>
<register><name>CMD</name><addressOffset>8</addressOffset><access>write-only</access><resetValue>0</resetValue></register>
</registers></peripheral></peripherals></device>
"""


@pytest.fixture
def fifo(tmp_path):
    svd = tmp_path / "fifo.svd"
    svd.write_text(SIDE_EFFECT_SVD)
    return uiokit.Device(pattern_file(tmp_path / "f.bin", 0x10), svd=str(svd)), svd


def test_reads_with_side_effects_need_force(fifo):
    dev, _ = fifo
    with pytest.raises(uiokit.InvalidArgument, match="side effect"):
        dev.FIFO.DATA.read()
    with pytest.raises(uiokit.InvalidArgument, match="side effect"):
        dev.FIFO.DATA.BYTE = 1  # a field write reads first
    assert dev.FIFO.DATA.read(force=True) == dev.region.read32(0)
    assert "not read: read has side effects" in repr(dev.FIFO)
    with pytest.raises(uiokit.InvalidArgument, match="write-only"):
        dev.FIFO.CMD.read()
    dev.FIFO.CMD = 7
    assert dev.region.read32(8) == 7


def test_repr_and_to_dict_match_the_tool(fifo, tool):
    dev, svd = fifo
    addr = dev.region.address
    assert dev.to_dict() == tool.json("reg", "--svd", str(svd), "-d", addr, "dump", "--json")
    assert dev.to_dict(force=True) == tool.json("reg", "--svd", str(svd), "-d", addr, "--force", "dump", "--json")
    status, out, err = tool("reg", "--svd", str(svd), "-d", addr, "dump")
    assert status == 0, err
    assert repr(dev) == out


@pytest.mark.parametrize("svd,peripherals", [
    ("rp2040.svd", ["ADC", "TIMER", "UART0", "PWM", "DMA"]),
    ("STM32H7A3x.svd", ["RTC", "GPIOA", "USART1", "RCC"]),
])
def test_vendor_files_match_the_tool(shared_svd, tmp_path, tool, svd, peripherals):
    path = str(shared_svd / svd)
    dev = uiokit.Device(pattern_file(tmp_path / "v.bin"), svd=path)
    addr = dev.region.address
    for name in peripherals:
        p = getattr(dev, name)
        assert p.to_dict() == tool.json("reg", "--svd", path, "-d", addr, "dump", name, "--json")
        status, out, err = tool("reg", "--svd", path, "-d", addr, "dump", name)
        assert status == 0, err
        assert repr(p) == out
    reg = getattr(dev, peripherals[0])[getattr(dev, peripherals[0]).registers[0]]
    assert reg.to_dict() == tool.json("reg", "--svd", path, "-d", addr, "read", reg.name, "--json")


def test_stm32_enums_and_names(shared_svd, tmp_path):
    dev = uiokit.Device(pattern_file(tmp_path / "s.bin"), svd=str(shared_svd / "STM32H7A3x.svd"))
    assert len(dev.peripherals) > 100
    moder = dev.GPIOA.MODER
    assert "MODE0" in dir(moder)
    names = moder.MODE0.enums
    if names:
        first = next(iter(names))
        moder.MODE0 = first
        assert moder.MODE0.enum == first


def test_reads_take_force_by_position_or_name(fifo):
    dev, _ = fifo
    data = dev.FIFO.DATA
    assert data.read(True) == data.read(force=1) == dev.region.read32(0)
    assert data.BYTE.read(True) == dev.region.read32(0) & 0xFF
    assert dev.FIFO.CTRL.EN.read(force=False) == dev.FIFO.CTRL.EN.value == dev.region.read32(4) & 1
    for call in (lambda: data.read(True, True), lambda: data.read(forc=True), lambda: data.BYTE.read(1, 2),
                 lambda: data.BYTE.read(force=True, x=1)):
        with pytest.raises(TypeError):
            call()
    for call in (lambda: data.BYTE.value, lambda: int(data.BYTE), lambda: int(data), lambda: hex(data)):
        with pytest.raises(uiokit.InvalidArgument, match="FIFO.DATA"):  # the message names the register
            call()


def test_remembered_handles_and_closed_devices(rtc):
    con = rtc.RTC.RTCCON
    assert "RTCCON" in vars(rtc.RTC) and rtc.RTC.RTCCON is con  # kept in the instance's __dict__
    assert rtc.RTC.name == "RTC" and con.name == "RTC.RTCCON"   # properties of the class still win
    by_value = {v: name for name, v in con.TICCKSEL.enums.items()}
    assert con.TICCKSEL.enum == by_value.get(con.TICCKSEL.read())
    rtc.close()
    with pytest.raises(uiokit.InvalidArgument, match="closed"):
        rtc.RTC.RTCCON.TICCKSEL.read()
    with pytest.raises(uiokit.InvalidArgument, match="closed"):
        con.TICCKSEL.enum


def two_peripherals(tmp_path, second_access):
    svd = tmp_path / "two.svd"
    svd.write_text(
        "<device><name>TWO</name>\n<peripherals>\n"
        "<peripheral><name>A</name><baseAddress>0</baseAddress><registers><register><name>R</name>"
        "<addressOffset>0</addressOffset></register></registers></peripheral>\n"
        "<peripheral><name>B</name><baseAddress>0</baseAddress><registers><register><name>S</name>"
        f"<addressOffset>4</addressOffset><access>{second_access}</access></register></registers></peripheral>\n"
        "</peripherals></device>\n")
    return svd


def test_a_peripheral_is_read_when_first_used(tmp_path, tool):
    """An error in a peripheral that is not used does not stop the others; using it, or the whole
    device, raises the tool's message for the file."""
    svd = two_peripherals(tmp_path, "sometimes")
    regs = pattern_file(tmp_path / "r.bin", 0x100)
    dev = uiokit.Device(regs, svd=str(svd))
    assert dev.name == "TWO" and dev.peripherals == ["A", "B"]
    assert dev.A.R.read() == dev.region.read32(0)
    assert dev["A.R"].read() == dev.region.read32(0)
    status, _, message = tool("reg", "--svd", str(svd), "-d", regs, "read", "A.R")
    assert status != 0 and f"{svd}:4:" in message and 'unknown access "sometimes"' in message
    with pytest.raises(uiokit.ParseError) as e:
        dev.B
    assert str(e.value) in message
    with pytest.raises(uiokit.ParseError):
        dev.to_dict()
    good = uiokit.Device(regs, svd=str(two_peripherals(tmp_path, "read-only")))
    assert good.B.S.read() == good.region.read32(4) and len(good.to_dict()) == 2
