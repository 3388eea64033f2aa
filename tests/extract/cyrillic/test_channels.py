"""Telegram channels: a post's own statements are its channel's claims; unknown channels are listed."""

from __future__ import annotations

import json

from click.testing import CliRunner
from cyr_helpers import by_content

from counterclaim.extract.channels import channel_speaker, outlet_speaker, unresolved
from counterclaim.models import Document

POST = "Подразделения отразили четыре атаки противника у села. Уничтожены два танка и бронемашина."


def test_a_known_channel_speaks_for_its_actor(cyr):
    claims = cyr(POST, outlet="Минобороны России", kind="telegram", meta={"channel": "Минобороны России"})
    assert len(claims) == 2
    c = by_content(claims, "отразили")
    assert c.speaker.name == "Russian Ministry of Defence" and c.speaker.side == "russia"
    assert c.cue is None


def test_a_forwarded_post_speaks_for_the_channel_it_came_from(cyr):
    meta = {"channel": "Какой-то агрегатор", "forwarded_from": "Генеральний штаб ЗСУ"}
    claims = cyr("Сили оборони відбили шість атак на сході. Противник зазнав втрат.", outlet="Какой-то агрегатор",
                 kind="telegram", meta=meta)
    assert {c.speaker.side for c in claims} == {"ukraine"}


def test_attributions_inside_a_post_keep_their_own_speakers(cyr):
    text = "Губернатор Вячеслав Гладков сообщил, что обстрел повредил подстанцию. Ремонт начнётся утром."
    claims = cyr(text, outlet="Рыбарь", kind="telegram", meta={"channel": "Рыбарь"})
    assert by_content(claims, "подстанцию").speaker.name == "Vyacheslav Gladkov"
    assert by_content(claims, "Ремонт").speaker.name == "Rybar"


def test_unknown_channels_keep_their_title_and_a_side_only_when_it_says_one():
    assert channel_speaker("Канал, которого никто не знает") is None
    doc = Document(id="d", text="x", outlet="Окопная правда ВСУ", source_kind="telegram",
                   meta={"channel": "Окопная правда ВСУ"})
    assert outlet_speaker(doc).side == "ukraine"
    assert [u.channel for u in unresolved([doc, doc])] == ["Окопная правда ВСУ"]
    assert unresolved([doc])[0].posts == 1


def test_channels_command_lists_unresolved_channels(tmp_path):
    from counterclaim.cli.main import cli

    export = {"name": "Неизвестный канал", "type": "public_channel", "id": 7, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1700000000", "text": "Сегодня тихо, обстрелов не было."}]}
    known = {"name": "Рыбарь", "type": "public_channel", "id": 8, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1700000000", "text": "Противник отошёл от реки."}]}
    (tmp_path / "a.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--db", db]).exit_code == 0
    out = runner.invoke(cli, ["channels", "--unresolved", "--format", "json", "--db", db])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert [r["channel"] for r in rows] == ["Неизвестный канал"]
    everything = json.loads(runner.invoke(cli, ["channels", "--format", "json", "--db", db]).output)
    assert {r["channel"]: r["side"] for r in everything} == {"Неизвестный канал": "unresolved", "Рыбарь": "russia"}


def test_a_broken_user_channel_file_names_the_file(tmp_path, monkeypatch):
    import pytest

    from counterclaim.errors import InputError
    from counterclaim.extract import channels

    bad = tmp_path / "mine.yaml"
    bad.write_text("channels: [not, a, mapping]\n", encoding="utf-8")
    with pytest.raises(InputError, match="mine.yaml"):
        channels.registry(str(bad))
