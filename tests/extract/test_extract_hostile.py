"""Extraction takes any text ingest stores (cases found by the fuzz campaign, tests/reliability/test_fuzz.py)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text", [
    "Генштаб \U000175db заявил, что войска отошли от Бахмута.",  # a Tangut ideograph: no name in unicodedata
    "Міністерство оборони \U000175db повідомило, що ворог відступив.",
])
def test_letters_without_a_unicode_name_do_not_break_cyrillic_extraction(extract, text: str) -> None:
    for claim in extract(text):
        assert text[claim.content.start:claim.content.end] == claim.content.text
