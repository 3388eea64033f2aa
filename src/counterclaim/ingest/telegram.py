"""Telegram Desktop exports (``result.json``): one document per channel post.

An export is one chat (``{"name", "type", "id", "messages": [...]}``) or a whole
account (``{"chats": {"list": [chat, ...]}}``). A message's ``text`` is a string or a
list of strings and ``{"type", "text"}`` entities; we flatten it to plain text.
Service messages (joins, pins) and messages without text (a bare photo) are skipped.

Times: ``date_unixtime`` is UTC; the older ``date`` field is the exporting computer's
local time with no zone, which we take as UTC. Ids are stable per channel and message,
so a re-export of the same channel updates rather than duplicates.

One bad message (an id that is not text or repeats another's, a NUL in its text, an
impossible date) costs only itself: the good messages are kept and the bad ones named (:class:`PartialRead`).
"""

from __future__ import annotations

from typing import Any

from counterclaim.errors import InputError
from counterclaim.ingest.dates import from_unix, parse_time
from counterclaim.ingest.document import collect, new_document
from counterclaim.ingest.jsondoc import parse_json
from counterclaim.models import Document, content_id


def is_export(value: object) -> bool:
    """True when decoded JSON looks like a Telegram Desktop export rather than documents."""
    if not isinstance(value, dict) or isinstance(value.get("text"), str):  # a document may carry "messages" too
        return False
    chats = value.get("chats")
    return isinstance(value.get("messages"), list) or (isinstance(chats, dict) and isinstance(chats.get("list"), list))


def read(path: str, text: str) -> list[Document]:
    """The documents of a ``result.json`` export."""
    value = parse_json(path, text)
    if not is_export(value):
        raise InputError(path, "not a Telegram Desktop export (no \"messages\" list); export the chat as JSON")
    return read_export(path, value)


def read_export(path: str, value: dict[str, Any]) -> list[Document]:
    """The documents of a decoded export (see :func:`is_export`)."""
    chats = [value] if isinstance(value.get("messages"), list) else value["chats"]["list"]
    documents: list[Document] = []
    errors: list[str] = []
    seen: set[str] = set()
    for chat in chats:
        if not (isinstance(chat, dict) and isinstance(chat.get("messages"), list)):
            continue
        for message in chat["messages"]:
            try:
                doc = _message(path, chat, message)
            except InputError as exc:
                errors.append(exc.reason)
                continue
            if doc is not None and doc.id in seen:
                errors.append(f"message {message.get('id')!r}: another message of its channel has the same id; "
                              "the export is damaged")
            elif doc is not None:
                seen.add(doc.id)
                documents.append(doc)
    if not documents and not errors:
        raise InputError(path, "the Telegram export has no messages with text")
    return collect(path, documents, errors, ("message", "messages"))


def flatten(text: object) -> str:
    """Plain text from a message's ``text``: a string, or a list of strings and entities."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(part if isinstance(part, str) else _entity_text(part) for part in text)
    return ""


def _entity_text(entity: object) -> str:
    return entity.get("text", "") if isinstance(entity, dict) and isinstance(entity.get("text"), str) else ""


def _message(path: str, chat: dict[str, Any], message: object) -> Document | None:
    if not isinstance(message, dict) or message.get("type", "message") != "message":
        return None
    text = flatten(message.get("text"))
    if not text.strip():
        return None
    channel = chat.get("name") if isinstance(chat.get("name"), str) else None
    channel_key = str(chat.get("id") or channel or "unknown")
    message_id = message.get("id")
    known = isinstance(message_id, int | str) and not isinstance(message_id, bool)
    for name, key in (("message id", message_id), ("channel id", channel_key)):
        if isinstance(key, str) and not _storable(key):
            raise InputError(path, f"message {message_id!r}: its {name} is not valid text (a NUL or an unpaired "
                             "surrogate); the export is damaged")
    return new_document(
        path,
        text,
        kind="telegram",
        doc_id=content_id("doc", "telegram", channel_key, message_id) if known else None,
        outlet=channel,
        url=f"tg://channel/{channel_key}/{message_id}" if known else None,
        published=from_unix(message.get("date_unixtime")) or parse_time(message.get("date")),
        meta=_meta(channel, channel_key, message),
        where=f"message {message_id}: ",
    )


def _storable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


def _meta(channel: str | None, channel_key: str, message: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {"channel": channel, "channel_id": channel_key, "message_id": message.get("id")}
    for key in ("forwarded_from", "from", "reply_to_message_id"):
        if isinstance(message.get(key), str | int) and not isinstance(message.get(key), bool):
            meta["author" if key == "from" else key] = message[key]
    edited = from_unix(message.get("edited_unixtime")) or parse_time(message.get("edited"))
    if edited is not None:
        meta["edited"] = edited.isoformat()
    return meta
