"""Cyrillic files in Windows-1251 or KOI8 without a declared charset are recognised; others still refused."""

from __future__ import annotations

import pytest

from counterclaim.errors import InputError
from counterclaim.ingest import read_file
from counterclaim.ingest.decode import decode

RU = "Командование сообщило, что ночью над областью сбиты три беспилотника.\n"
UK = "Командування повідомило, що вночі над областю збито три безпілотники, їх уламки впали в полі.\n"


@pytest.mark.parametrize("text, encoding", [(RU, "cp1251"), (RU, "koi8_r"), (UK, "cp1251"), (UK, "koi8_u")])
def test_undeclared_cyrillic_legacy_encodings_are_read(text, encoding):
    assert decode("report.txt", text.encode(encoding)) == text


def test_a_legacy_file_is_ingested_with_its_language(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(RU.encode("cp1251"))
    (doc,) = read_file(path)
    assert doc.text == RU and doc.language == "ru"


@pytest.mark.parametrize("text, encoding", [("Les autorités ont déclaré que la contre-offensive continue.", "latin-1"),
                                             ("Die Behörden erklärten, dass die Straße gesperrt bleibt.", "cp1252")])
def test_other_undeclared_legacy_encodings_are_still_refused(text, encoding):
    with pytest.raises(InputError, match="save it as UTF-8"):
        decode("report.txt", text.encode(encoding))


def test_a_few_stray_high_bytes_are_not_taken_for_cyrillic():
    with pytest.raises(InputError):
        decode("report.txt", b"Plain ASCII report with one stray byte \xe9 in it.")
