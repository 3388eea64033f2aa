"""Odd scripts: mixed-script words and pre-reform spelling get a message and a same-length reading copy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from counterclaim.lang.script import mixed_words, oddities, reading_copy


def test_a_latin_look_alike_inside_a_cyrillic_word_is_named_and_read_as_cyrillic():
    text = "Штаб сообщил о двух атаках, Мoсква молчит."  # a Latin "o" in the capital's name
    assert mixed_words(text) == ["Мoсква"]
    assert "mix Latin and Cyrillic" in oddities(text)[0]
    assert "Москва" in reading_copy(text)


def test_a_cyrillic_look_alike_inside_a_latin_word_is_read_as_latin():
    text = "Fighting near Hоrlivka went on."  # a Cyrillic "о"
    assert reading_copy(text) == "Fighting near Horlivka went on."


def test_pre_reform_letters_are_modernised():
    text = "Вѣдомство сообщило о побѣдѣ."
    assert any("pre-reform" in m for m in oddities(text))
    assert reading_copy(text) == "Ведомство сообщило о победе."


def test_clean_text_has_nothing_to_say():
    assert oddities("Генштаб ЗСУ повідомив про обстріл. The ministry said so.") == []


@given(st.text(alphabet=st.sampled_from("abcoxyрсоаеАВЕѣѳ .,\n1"), max_size=80))
def test_the_reading_copy_keeps_every_offset(text):
    assert len(reading_copy(text)) == len(text)
