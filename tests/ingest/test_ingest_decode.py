"""Bytes to text: encodings we accept, and the reasons we give for what we refuse."""

from __future__ import annotations

import codecs

import pytest

from counterclaim.errors import InputError
from counterclaim.ingest import decode as decode_module
from counterclaim.ingest.decode import decode

TEXT = "Кремль заявил: «ситуация под контролем» — 95 km"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "utf32le", "utf32be"],
)
def test_unicode_with_or_without_bom_decodes_to_the_same_text(data: bytes) -> None:
    assert decode("a.txt", data) == TEXT


def test_html_declared_charset_is_used_when_not_utf8() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>Кремль</body></html>'
    assert "Кремль" in decode("a.html", page.encode("windows-1251"))


def test_http_equiv_and_xml_declarations_are_used() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>contrôle</p>'
    xml = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>contrôle</title></rss>'
    assert "contrôle" in decode("a.html", meta.encode("latin-1"))
    assert "contrôle" in decode("a.xml", xml.encode("latin-1"))


def test_undeclared_latin1_is_refused_with_the_byte_offset() -> None:
    data = "abc déclaré".encode("latin-1")
    with pytest.raises(InputError) as info:
        decode("notes.txt", data)
    assert info.value.path == "notes.txt"
    assert "not valid UTF-8 at byte 5" in info.value.reason
    assert "save it as UTF-8" in info.value.reason


def test_a_declared_charset_that_is_no_text_encoding_is_refused() -> None:
    with pytest.raises(InputError, match="declared charset"):
        decode("a.html", b'<meta charset="rot13"><p>\xff</p>')


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00binary", bytes(range(32)) * 10, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        decode("x.bin", data)


def test_binary_behind_a_bom_is_refused() -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        decode("x.txt", codecs.BOM_UTF8 + b"\x01\x02\x03\x04\x05\x06abc")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty_and_blank_files_are_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="empty file"):
        decode("x.txt", data)


def test_files_over_the_size_cap_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode_module, "MAX_BYTES", 1000)
    assert decode("ok.txt", b"a" * 1000) == "a" * 1000
    with pytest.raises(InputError, match="over the 0 MB limit|limit; split it"):
        decode("big.txt", b"a" * 1001)


def test_text_is_kept_verbatim() -> None:
    raw = "  line one\r\nline two\n\n\tthird  "
    assert decode("a.txt", raw.encode()) == raw
