"""Curating the actor registry from what the store holds: speakers the registry does not know.

``unresolved_speakers(store)`` counts the stored claims of every speaker that no registered
actor matched (and, with ``unknown_only``, only those whose side is still ``unknown``), most
frequent first. ``registry_yaml(rows)`` writes them as a YAML actor file of the shape of
``extract/actors.yaml``: an analyst fills in each ``side`` (and ``kind``), deletes what is not a
speaker, and points ``COUNTERCLAIM_ACTORS`` at the file; the next ``counterclaim extract --all``
resolves those speakers. Outlet-voice claims (no mention in the text) are the outlet speaking,
not an unresolved speaker, and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from counterclaim.extract.speakers import is_pronoun
from counterclaim.models import Claim

PAGE = 5_000  # claims read from the store at a time, so memory stays bounded on large stores
SIDES_HELP = "russia | ukraine | third_party | media | unknown"


@dataclass
class UnresolvedSpeaker:
    """One speaker name the registry does not know, with what the store says about it."""

    name: str
    side: str
    claims: int = 0
    documents: set[str] = field(default_factory=set)
    mentions: dict[str, int] = field(default_factory=dict)  # mention as written -> count
    example: str = ""  # one claim content, shortened, to recognise the speaker by

    def row(self) -> dict:
        """The speaker as a plain row for tables and JSON."""
        mentions = sorted(self.mentions, key=lambda m: (-self.mentions[m], m))
        return {"name": self.name, "side": self.side, "claims": self.claims, "documents": len(self.documents),
                "mentions": mentions[:5], "example": self.example}


def _stored_claims(store) -> Iterator[Claim]:
    """Every stored claim, read page by page."""
    offset = 0
    while True:
        page = store.claims(limit=PAGE, offset=offset)
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def unresolved_speakers(store, unknown_only: bool = False, min_claims: int = 1) -> list[UnresolvedSpeaker]:
    """Speakers of stored claims that match no registered actor, most claims first.
    ``unknown_only``: only those whose side is still ``unknown``."""
    found: dict[str, UnresolvedSpeaker] = {}
    for claim in _stored_claims(store):
        speaker = claim.speaker
        if speaker.actor_id or speaker.mention is None or (unknown_only and speaker.side != "unknown"):
            continue
        if is_pronoun(speaker.name):  # "it" left unresolved is no one an analyst can register
            continue
        entry = found.setdefault(speaker.name.casefold(), UnresolvedSpeaker(speaker.name, speaker.side))
        entry.claims += 1
        entry.documents.add(claim.document_id)
        entry.mentions[speaker.mention.text] = entry.mentions.get(speaker.mention.text, 0) + 1
        if speaker.side != "unknown" and entry.side == "unknown":
            entry.side = speaker.side
        if not entry.example:
            entry.example = _shorten(claim.content.text)
    rows = [e for e in found.values() if e.claims >= min_claims]
    return sorted(rows, key=lambda e: (-e.claims, -len(e.documents), e.name.casefold()))


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def actor_id(name: str, taken: set[str]) -> str:
    """A registry id for a name: lower-case words joined by "_", made unique."""
    base = "_".join(re.findall(r"\w+", name.casefold())) or "speaker"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    taken.add(key)
    return key


def _kind(entry: UnresolvedSpeaker) -> str:
    """A first guess at the kind: capitalised words name a person or body, others describe a group."""
    words = entry.name.split()
    if words and all(w[:1].isupper() for w in words if w.isalpha()) and len(words) <= 3:
        return "person"
    return "organisation"


def registry_yaml(rows: list[UnresolvedSpeaker]) -> str:
    """An actor file for ``COUNTERCLAIM_ACTORS``: one entry per speaker, its current side as the
    starting point and a comment saying how often and where it speaks."""
    taken: set[str] = set()
    lines = [
        "# Speakers the actor registry does not know, most frequent first (counterclaim speakers --unresolved).",
        f"# Set each side ({SIDES_HELP}) and kind (person | organisation | country | media), delete lines",
        "# that are no speaker, then: export COUNTERCLAIM_ACTORS=this-file.yaml && counterclaim extract --all",
        "actors:",
    ]
    for entry in rows:
        key = actor_id(entry.name, taken)
        aliases = list(dict.fromkeys([entry.name, *_alias_mentions(entry)]))
        lines.append(f"  # {entry.claims} claim{'s' if entry.claims != 1 else ''} in {len(entry.documents)} "
                     f"document{'s' if len(entry.documents) != 1 else ''}; e.g. {_comment(entry.example)}")
        block = {key: {"name": entry.name, "kind": _kind(entry), "side": entry.side, "aliases": aliases}}
        dumped = yaml.safe_dump(block, allow_unicode=True, sort_keys=False, default_flow_style=None, width=110)
        lines.extend("  " + line for line in dumped.rstrip("\n").splitlines())
    if not rows:
        lines[-1] = "actors: {}  # every speaker in the store is registered"
    return "\n".join(lines) + "\n"


def _alias_mentions(entry: UnresolvedSpeaker) -> list[str]:
    """The mentions worth keeping as aliases: not pronouns or bare titles ("he", "the ministry"),
    not long descriptions; most frequent first."""
    from counterclaim.extract.speakers import normalise, role_noun

    mentions = sorted(entry.mentions, key=lambda m: (-entry.mentions[m], m))
    keep = [normalise(m) for m in mentions if not is_pronoun(m) and not role_noun(m) and len(m.split()) <= 8]
    return [m for m in dict.fromkeys(keep) if m][:5]


def _comment(text: str) -> str:
    """Text that is safe inside a YAML comment on one line."""
    return " ".join(text.split()).replace("#", "")
