"""Who is speaking: the canonical actor registry, side from description, and pronoun resolution.

The registry (``actors.yaml``, extended by the user's own YAML file named in
``COUNTERCLAIM_ACTORS``) maps aliases to a canonical name, organisation and
side. A mention that matches no alias gets a side from its description
("pro-Moscow bloggers" -> russia). Pronouns and bare titles ("he", "the
minister") resolve to the most recent fitting speaker in the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from counterclaim.errors import InputError, ModelError
from counterclaim.models import Side, Span, Speaker

SHIPPED_ACTORS = Path(__file__).parent / "actors.yaml"

PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "you", "who", "which", "this", "that"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
DETERMINERS = re.compile(r"^(the|a|an|this|that|these|those|both|some|several|many|other)\s+", re.I)
ROLE_NOUNS = {
    "minister", "ministry", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "president",
    "commander", "general", "agency", "army", "military", "department", "office", "group", "chief", "head",
    "leader", "governor", "mayor", "adviser", "advisor", "secretary", "founder", "boss", "statement", "newspaper",
    "paper", "outlet", "company", "campaign", "candidate", "senator", "administration", "government", "report",
    "institute", "brigade", "staff", "service", "intelligence", "council", "committee", "organisation",
    "organization",
}
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
LOOKBACK_CHARS = 1500

_SIDE_PATTERNS: list[tuple[Side, re.Pattern[str]]] = [
    ("russia", re.compile(r"\bpro-(moscow|kremlin|russian|russia|putin)\b|\b(kremlin|moscow|russia)-(backed|installed|appointed)\b", re.I)),
    ("ukraine", re.compile(r"\bpro-(kyiv|kiev|ukrainian|ukraine)\b|\b(kyiv|kiev)-(backed|appointed)\b", re.I)),
]
_NATION_WORDS: list[tuple[Side, re.Pattern[str]]] = [
    ("russia", re.compile(r"\b(russian|russia|moscow|kremlin|wagner|separatists?|chechen|dpr|lpr)\b", re.I)),
    ("ukraine", re.compile(r"\b(ukrainian|ukraine|kyiv|kiev|zelensky\w*)\b", re.I)),
]
_THIRD = re.compile(
    r"\b(western|west|u\.s\.|us|american|british|uk|nato|pentagon|european|eu|german|french|polish|analysts?|"
    r"observers?|experts?|united nations|think tanks?|international|washington|london|berlin|paris)\b", re.I)
_MEDIA = re.compile(r"\b(newspapers?|outlets?|reporters?|journalists?|correspondents?|news agency|media|"
                    r"broadcasters?|editors?|columnists?)\b", re.I)


class Actor(BaseModel):
    """One entry of the registry."""

    model_config = ConfigDict(extra="forbid")
    id: str = ""
    name: str
    kind: str = "organisation"  # person | organisation | country | media
    side: Side = "unknown"
    organisation: str | None = None
    titles: list[str] = []
    aliases: list[str] = []


def _read_registry(path: Path) -> dict[str, Actor]:
    """The actors of one YAML file, keyed by id; errors name the file and the bad entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read actor registry ({exc}); it must be YAML with an `actors:` mapping") from exc
    out = {}
    for key, entry in (data.get("actors") or {}).items():
        try:
            out[key] = Actor(id=key, **entry)
        except (TypeError, ValidationError) as exc:
            raise InputError(str(path), f"actor {key!r} is invalid: {exc}; see extract/actors.yaml for the fields") from exc
    return out


@lru_cache(maxsize=8)
def registry(user_path: str | None = None) -> dict[str, Actor]:
    """The shipped registry, with the user's file (``COUNTERCLAIM_ACTORS``) merged over it by id."""
    if not SHIPPED_ACTORS.exists():
        raise ModelError(f"{SHIPPED_ACTORS}: shipped actor registry missing; reinstall counterclaim")
    actors = _read_registry(SHIPPED_ACTORS)
    if user_path:
        actors.update(_read_registry(Path(user_path)))
    return actors


def _user_registry_path() -> str | None:
    from counterclaim.settings import settings

    return settings().actors


def _alias_pattern(alias: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive, except short all-capitals aliases (AP, UN) which must match exactly."""
    flags = 0 if (alias.isupper() and len(alias) <= 4) else re.I
    return re.compile(r"(?<![\w-])" + re.escape(alias.replace("’", "'")) + r"(?![\w-])", flags)


@lru_cache(maxsize=8)
def _alias_table(user_path: str | None) -> list[tuple[re.Pattern[str], int, Actor]]:
    table = []
    for actor in registry(user_path).values():
        for alias in {*actor.aliases, actor.name}:
            table.append((_alias_pattern(alias), len(alias), actor))
    return table


def normalise(mention: str) -> str:
    """Mention text with typographic apostrophes straightened and outer determiners dropped."""
    return DETERMINERS.sub("", mention.replace("’", "'").strip(" ,.;:\"'“”"))


def match_actor(mention: str, user_path: str | None = None) -> Actor | None:
    """The registered actor a mention names: longest alias, a person before an organisation.

    Country aliases ("Russia", "Moscow") match only the whole mention, so
    "pro-Moscow bloggers" is not the Russian government.
    """
    text = normalise(mention)
    best: tuple[int, int, Actor] | None = None
    for pattern, length, actor in _alias_table(user_path):
        if actor.kind == "country":
            if not pattern.fullmatch(text):
                continue
        elif not pattern.search(text):
            continue
        rank = (int(actor.kind == "person"), length)
        if best is None or rank > best[:2]:
            best = (*rank, actor)
    return best[2] if best else None


def side_from_description(mention: str) -> Side:
    """A side from words in an unregistered mention ("western analysts" -> third_party)."""
    for side, pattern in _SIDE_PATTERNS:
        if pattern.search(mention):
            return side
    hits = [(m.start(), side) for side, p in _NATION_WORDS for m in [p.search(mention)] if m]
    if hits:
        return min(hits)[1]
    if _THIRD.search(mention):
        return "third_party"
    if _MEDIA.search(mention):
        return "media"
    return "unknown"


def is_pronoun(mention: str) -> bool:
    """True for a bare pronoun mention ("he", "They")."""
    return mention.strip().lower() in PRONOUNS


def role_noun(mention: str) -> str | None:
    """The title in a bare description ("the minister" -> "minister"), None when it names someone."""
    words = normalise(mention).lower().split()
    if not words or len(words) > 3 or any(w[0].isupper() for w in normalise(mention).split()[-1:]):
        return None
    return words[-1] if words[-1] in ROLE_NOUNS else None


@dataclass
class SpeakerResolver:
    """Resolves the speaker mentions of one document, in reading order."""

    outlet: str | None = None
    history: list[tuple[Speaker, str]] = field(default_factory=list)  # (speaker, kind)
    user_path: str | None = field(default_factory=_user_registry_path)

    def resolve(self, mention: Span | None, before: str = "") -> Speaker:
        """The speaker for a mention; ``None`` means the outlet's own voice. ``before`` is the
        document text before the mention: a pronoun or title no earlier speaker fits refers to the
        last registered actor named there ("Prigozhin appeared in a video ... he said")."""
        if mention is None:
            return self.outlet_speaker()
        text = mention.text
        owned = self._possessed(mention, before)
        if owned is not None:
            return owned
        if is_pronoun(text) or role_noun(text):
            previous = self._antecedent(text) or self._named_before(text, before)
            if previous is not None:
                return previous.model_copy(update={"mention": mention})
        speaker, kind = self._named(mention)
        self.history.append((speaker, kind))
        return speaker

    def _possessed(self, mention: Span, before: str) -> Speaker | None:
        """"his spokesman", "its press service": someone of the possessor's side and organisation."""
        words = mention.text.strip().split(maxsplit=1)
        if len(words) != 2 or words[0].lower() not in POSSESSIVES or not role_noun(words[1]):
            return None
        pronoun = POSSESSIVES[words[0].lower()]
        owner = self._antecedent(pronoun) or self._named_before(pronoun, before)
        if owner is None:
            return None
        return Speaker(mention=mention, name=f"{owner.name}'s {normalise(words[1])}", side=owner.side,
                       organisation=owner.organisation or owner.name)

    def _named_before(self, text: str, before: str) -> Speaker | None:
        """The registered actor named last in ``before`` that a pronoun or title can refer to;
        it joins the history so that later pronouns find it too."""
        low, noun = text.strip().lower(), role_noun(text)
        best: tuple[int, Actor] | None = None
        window = before[-LOOKBACK_CHARS:].replace("’", "'")
        for pattern, _, actor in _alias_table(self.user_path):
            if low in PERSON_PRONOUNS and actor.kind != "person":
                continue
            if noun and noun not in " ".join([actor.name, *actor.aliases, *actor.titles]).lower():
                continue
            if not noun and low not in PERSON_PRONOUNS:
                continue
            for m in pattern.finditer(window):
                if best is None or m.end() > best[0]:
                    best = (m.end(), actor)
        if best is None:
            return None
        actor = best[1]
        speaker = Speaker(name=actor.name, side=actor.side, organisation=actor.organisation, actor_id=actor.id)
        self.history.append((speaker, actor.kind))
        return speaker

    def outlet_speaker(self) -> Speaker:
        """The publishing outlet as speaker (side ``media``, or the registry's side for it)."""
        name = self.outlet or "the outlet"
        actor = match_actor(name, self.user_path) if self.outlet else None
        if actor is not None:
            return Speaker(name=actor.name, side=actor.side, organisation=actor.organisation, actor_id=actor.id)
        return Speaker(name=name, side="media", organisation=self.outlet)

    def _named(self, mention: Span) -> tuple[Speaker, str]:
        actor = match_actor(mention.text, self.user_path)
        if actor is not None:
            return Speaker(mention=mention, name=actor.name, side=actor.side, organisation=actor.organisation,
                           actor_id=actor.id), actor.kind
        kind = "person" if any(w[:1].isupper() for w in normalise(mention.text).split()) else "group"
        return Speaker(mention=mention, name=normalise(mention.text) or mention.text,
                       side=side_from_description(mention.text)), kind

    def _antecedent(self, text: str) -> Speaker | None:
        """The most recent speaker a pronoun or title can refer to."""
        low = text.strip().lower()
        noun = role_noun(text)
        for speaker, kind in reversed(self.history):
            if noun:
                actor = registry(self.user_path).get(speaker.actor_id or "")
                titles = " ".join(actor.titles if actor else []).lower()
                haystack = f"{speaker.mention.text if speaker.mention else ''} {speaker.name} {titles}".lower()
                if noun in haystack:
                    return speaker
                continue
            if low in PERSON_PRONOUNS and kind not in ("person",):
                continue
            if low == "it" and kind == "person":
                continue
            return speaker
        return None
