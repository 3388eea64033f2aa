"""Who is speaking: the canonical actor registry, side from description, and pronoun resolution.

The registry (``actors.yaml``, extended by the user's own YAML file named in
``COUNTERCLAIM_ACTORS``) maps aliases to a canonical name, organisation and
side. A mention that matches no alias gets a side from what the text says about
it: its own words ("pro-Moscow bloggers" -> russia) and, when there is a spaCy
parse, its appositives, modifiers and "of/for" phrases ("Valentyn X, a spokesman
for Ukraine's southern command"), carried to later mentions of the same surname.
Pronouns and bare titles ("he", "the governor") resolve to the most recent fitting
speaker, or to the person an earlier sentence gave that title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from counterclaim.errors import InputError, ModelError
from counterclaim.models import Side, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

SHIPPED_ACTORS = Path(__file__).parent / "actors.yaml"

PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "you", "who", "which", "this", "that"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
INDEFINITE = re.compile(r"^(a|an|some|several|many|other|another|one|two|three|four|five|six|seven|eight|nine|ten|"
                        r"dozens|hundreds|[0-9]+)\s", re.I)
DETERMINERS = re.compile(r"^(the|a|an|this|that|these|those|both|some|several|many|other)\s+", re.I)
ROLE_NOUNS = {
    "release", "communique", "readout", "bulletin", "organization", "organisation", "body", "watchdog",
    "minister", "ministry", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "president",
    "commander", "general", "agency", "army", "military", "department", "office", "group", "chief", "head",
    "leader", "governor", "mayor", "adviser", "advisor", "secretary", "founder", "boss", "statement", "newspaper",
    "paper", "outlet", "company", "campaign", "candidate", "senator", "administration", "government", "report",
    "institute", "brigade", "staff", "service", "intelligence", "council", "committee", "analyst", "expert", "envoy", "ambassador", "prosecutor", "diplomat", "aide", "chairman",
    "representative",
}
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
LOOKBACK_CHARS = 1500

_SIDE_PATTERNS: list[tuple[Side, re.Pattern[str]]] = [
    ("russia", re.compile(
        r"\bpro-(moscow|kremlin|russian|russia|putin)\b|\b(kremlin|moscow|russia|russian)[- ](backed|installed|appointed|"
        r"imposed|led|affiliated|aligned|controlled|friendly|sponsored|connected|linked|funded|run|loyal)\b", re.I)),
    ("ukraine", re.compile(r"\bpro-(kyiv|kiev|ukrainian|ukraine)\b|\b(kyiv|kiev)[- ](backed|appointed|controlled|"
                           r"affiliated|aligned|loyal)\b", re.I)),
]
_NATION_WORDS: list[tuple[Side, re.Pattern[str]]] = [
    ("russia", re.compile(r"\b(russian|russia|moscow|kremlin|wagner|chechen|chechnya|dpr|lpr|dnr|lnr|fsb|rosgvardia|"
                          r"(?<!de-)occupation|occupying|occupiers?|occupants?|separatists?|self-proclaimed|"
                          r"military-civilian administration|southern military district|akhmat|rosgvardiya|"
                          r"(donetsk|luhansk|lugansk) people['’]?s republic|milbloggers?|mil-bloggers?|"
                          r"military bloggers?|voenkors?)\b", re.I)),
    ("ukraine", re.compile(r"\b(ukrainian|ukraine|kyiv|kiev|zelensk\w*|zsu|sbu|(regional )?military administration|"
                           r"operational command|southern defen[cs]e forces|defen[cs]e forces of the south|tavriy?a|"
                           r"khortytsia|state emergency service|verkhovna rada|territorial defen[cs]e)\b", re.I)),
    ("third_party", re.compile(
        r"(?<![\w.])(u\.s\.|u\.k\.|u\.n\.)(?!\w)|(?-i:\b(US|UK|UN|EU|NATO|IAEA|OSCE|ICRC|G7)\b)|\b(american|america|"
        r"united states|british|britain|nato|european|german|germany|french|france|polish|poland|turkish|"
        r"turkey|chinese|china|israeli|canadian|washington|london|berlin|paris|brussels|pentagon|state department|"
        r"white house|downing street|united nations|red cross|western|atomic energy agency|amnesty|"
        r"human rights watch)\b", re.I)),
]
_THIRD = re.compile(r"\b(analysts?|observers?|experts?|think[- ]tanks?|international|researchers?|monitors?|"
                    r"institute|academics?|diplomats?)\b", re.I)
_MEDIA = re.compile(r"\b(newspapers?|outlets?|reporters?|journalists?|correspondents?|news agency|media|"
                    r"broadcasters?|editors?|columnists?|tv channel|television)\b", re.I)
# words after these prepositions say what someone talks about, not whom they speak for ("an expert on Russia")
_TOPIC = re.compile(r"\b(on|about|against|over|towards?|regarding|covering)\s+(the\s+)?[\w.'’-]+(\s+[\w.'’-]+)?", re.I)

# titles that stand for the same post when a later mention uses a variant ("the spokeswoman", "the official")
TITLE_VARIANTS = [
    {"spokesman", "spokeswoman", "spokesperson", "press secretary", "spokespeople"},
    {"official", "officials"},
    {"analyst", "analysts", "expert", "experts"},
    {"adviser", "advisor", "aide"},
]
TITLE_WORDS = {
    "president", "governor", "mayor", "minister", "deputy", "general", "colonel", "lieutenant", "major", "captain",
    "commander", "spokesman", "spokeswoman", "secretary", "chief", "head", "adviser", "advisor", "ambassador", "envoy",
    "prosecutor", "senator", "mr", "mrs", "ms", "dr", "sergeant", "admiral", "marshal", "prime", "foreign", "defence",
    "defense", "acting", "former", "senior",
}
# a relative or participial clause describes its head only with these verbs ("X, who heads the occupation administration")
DESCRIBING_VERBS = {"be", "head", "lead", "serve", "run", "command", "represent", "chair", "oversee", "act", "work",
                    "appoint", "install", "back", "support", "name", "elect", "base", "fight", "belong"}
CLAUSE_DEPS = {"ccomp", "advcl", "parataxis", "punct", "nsubj", "nsubjpass", "dobj", "dative", "xcomp", "csubj",
               "aux", "auxpass", "mark"}
# the small English model often tags unfamiliar Slavic names ORG, so ORG does not rule a person out
NOT_PEOPLE = {"GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "DATE", "TIME", "CARDINAL", "WORK_OF_ART"}
DOC_LOOKBACK_TOKENS = 5000  # a long article: a first mention many paragraphs back still counts
# bare institutions that belong to whichever side the surrounding report is about
INSTITUTION_WORDS = {"ministry", "army", "military", "staff", "command", "government", "authorities", "forces",
                     "troops", "presidency", "president", "kremlin", "directorate", "intelligence", "committee",
                     "service", "services", "police", "guard", "prosecutor", "prosecutors", "office", "council",
                     "rescuers", "administration", "unit", "brigade", "headquarters"}
# documents that speak for whoever issued them ("the statement said", "the news release reads")
DOCUMENT_NOUNS = {"statement", "release", "report", "communique", "communiqué", "post", "message", "update",
                  "bulletin", "briefing", "readout", "announcement", "publication", "summary", "comment", "address"}
# nouns that stand for any organisation named before ("the organization noted", "the agency said")
GENERIC_ORGANISATIONS = {"organization", "organisation", "agency", "body", "institution", "watchdog", "group",
                         "mission", "committee", "department", "ministry", "service"}
# plural people whose side their own words give, not an actor named inside them ("experts the Post consulted")
GROUP_HEADS = {"experts", "analysts", "officials", "sources", "people", "residents", "witnesses", "survivors",
               "soldiers", "researchers", "journalists", "reporters", "observers", "investigators", "diplomats",
               "detainees", "prisoners", "locals", "commanders"}
ORGANISATION_WORDS = {
    "command", "forces", "force", "corps", "battalion", "regiment", "division", "guard", "navy", "fleet", "police",
    "ministry", "directorate", "center", "centre", "bureau", "agency", "post", "times", "news", "press", "channel",
    "tv", "radio", "mission", "union", "parliament", "duma", "rada", "court", "party", "fund", "foundation", "cross",
    "watch", "district", "region", "oblast", "republic", "city", "plant", "station", "operator", "authority",
    "authorities", "institute", "university", "bank", "energoatom", "telegram",
}


class Actor(BaseModel):
    """One entry of the registry."""

    model_config = ConfigDict(extra="forbid")
    id: str = ""
    name: str
    kind: str = "organisation"  # person | organisation | country | media
    side: Side = "unknown"
    country: Side | None = None  # media: whose institutions a bare mention in their reporting means
    organisation: str | None = None
    titles: list[str] = []
    aliases: list[str] = []


def _read_registry(path: Path) -> dict[str, Actor]:
    """The actors of one YAML file, keyed by id; errors name the file and the bad entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read actor registry ({exc}); it must be YAML with an `actors:` mapping") from exc
    if not isinstance(data, dict) or not isinstance(data.get("actors") or {}, dict):
        raise InputError(str(path), "not an actor registry: it must be a YAML mapping whose `actors:` maps "
                                    "each id to its fields; see extract/actors.yaml")
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
    flags = 0 if _exact_case(alias) else re.I
    return re.compile(r"(?<![\w-])" + re.escape(alias.replace("’", "'")) + r"(?![\w-])", flags)


_WORD = re.compile(r"\w+|[^\w\s]")


def _exact_case(alias: str) -> bool:
    """Short all-capitals aliases (AP, UN) match only as written."""
    return alias.isupper() and len(alias) <= 4


class AliasIndex:
    """Every alias of the registry, found in a text in one pass over its words.

    Aliases are keyed by their first word, so finding them costs a dictionary look-up per word
    of the text rather than one regular expression per alias (the registry has thousands).
    A match is whole words, not glued to a hyphen ("pro-Moscow" holds no "Moscow"); short
    all-capitals aliases must match their case.
    """

    def __init__(self, actors: list[Actor]) -> None:
        self.first: dict[str, list[tuple[tuple[str, ...], bool, Actor, int]]] = {}
        for actor in actors:
            for alias in {*actor.aliases, actor.name}:
                alias = alias.replace("’", "'")
                words = tuple(_WORD.findall(alias))
                if not words:
                    continue
                exact = _exact_case(alias)
                key = words if exact else tuple(w.lower() for w in words)
                self.first.setdefault(key[0], []).append((key, exact, actor, len(alias)))

    def matches(self, text: str) -> list[tuple[int, int, Actor, int]]:
        """(start, end, actor, alias length) for every alias occurrence in ``text``."""
        text = text.replace("’", "'")
        tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        lowered = [t[2].lower() for t in tokens]
        out = []
        for i, (start, _, word) in enumerate(tokens):
            for candidates in (self.first.get(word, ()), self.first.get(lowered[i], ())):
                for key, exact, actor, length in candidates:
                    seq = [t[2] for t in tokens[i: i + len(key)]] if exact else lowered[i: i + len(key)]
                    if tuple(seq) != key:
                        continue
                    end = tokens[i + len(key) - 1][1]
                    if (start and (text[start - 1].isalnum() or text[start - 1] in "-_")) or \
                            (end < len(text) and (text[end].isalnum() or text[end] in "-_")):
                        continue
                    if not any(o[:2] == (start, end) and o[2] is actor for o in out):
                        out.append((start, end, actor, length))
        return out


@lru_cache(maxsize=8)
def alias_index(user_path: str | None) -> AliasIndex:
    """The alias index of the registry (shipped plus the user's file)."""
    return AliasIndex(list(registry(user_path).values()))


_INNER_QUOTES = re.compile(r"[\"“”«»]")


def normalise(mention: str) -> str:
    """Mention text with typographic apostrophes straightened, quotation marks and outer
    determiners dropped ("The International Committee of the" Red Cross"" -> "International
    Committee of the Red Cross")."""
    text = _INNER_QUOTES.sub("", mention.replace("’", "'")).strip(" ,.;:'")
    return DETERMINERS.sub("", " ".join(text.split()))


def match_actor(mention: str, user_path: str | None = None) -> Actor | None:
    """The registered actor a mention names: longest alias, a person before an organisation.

    Country aliases ("Russia", "Moscow") match only the whole mention, so
    "pro-Moscow bloggers" is not the Russian government.
    """
    text = normalise(mention)
    best: tuple[int, int, Actor] | None = None
    for start, end, actor, length in alias_index(user_path).matches(text):
        if actor.kind == "country" and (start, end) != (0, len(text)):
            continue
        rank = (int(actor.kind == "person"), length)
        if best is None or rank > best[:2]:
            best = (*rank, actor)
    return best[2] if best else None


def side_from_description(mention: str) -> Side:
    """A side from the words of a description ("western analysts" -> third_party).

    Explicit allegiance ("pro-Moscow", "Kremlin-backed") decides first; then the first
    nationality, capital or organisation word ("a spokesman for Ukraine's southern command",
    "the Russian-installed governor", "Britain's foreign secretary"), ignoring what someone
    talks about ("an expert on Russia"); then generic analysts and observers, then the media.
    """
    text = _TOPIC.sub(" ", mention)
    for side, pattern in _SIDE_PATTERNS:
        if pattern.search(text):
            return side
    hits = [(m.start(), side) for side, p in _NATION_WORDS for m in [p.search(text)] if m]
    if hits:
        return min(hits)[1]
    if _THIRD.search(text):
        return "third_party"
    if _MEDIA.search(text):
        return "media"
    return "unknown"


def _np_tokens(tok: Token) -> list[Token]:
    """The noun phrase a token heads, with its appositives, modifiers and "of/for" phrases, but
    without coordinated phrases or relative clauses that do not describe it."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in ("conj", "cc") or (child.dep_ in ("relcl", "acl") and child.lemma_ not in DESCRIBING_VERBS):
            continue
        if child.dep_ in CLAUSE_DEPS:  # a mis-parsed name heading a clause: keep only its phrase
            continue
        out.extend(_np_tokens(child))
    return out


def _as_text(tokens: list[Token]) -> str:
    """Tokens in document order, contiguous runs joined as written, gaps marked by ``;``."""
    parts: list[str] = []
    prev: Token | None = None
    for tok in sorted(set(tokens), key=lambda t: t.i):
        if prev is not None:
            parts.append(prev.whitespace_ if tok.i == prev.i + 1 else " ; ")
        parts.append(tok.text)
        prev = tok
    return "".join(parts)


def describe(tok: Token, extra: SpacySpan | None = None) -> str:
    """What the text says about the person or body ``tok`` names: its phrase with appositives and
    pre-modifiers ("Russian-installed governor", "a spokesman for Ukraine's southern command"),
    and the phrase it is itself an appositive of ("the governor of Kherson, Oleksandr X")."""
    tokens = _np_tokens(tok) + (list(extra) if extra is not None else [])
    if tok.dep_ == "appos" or (tok.dep_ == "compound" and tok.pos_ == "PROPN"):
        tokens += _np_tokens(tok.head)
    return _as_text(tokens)


def person_token(tok: Token) -> Token | None:
    """The proper name a phrase is about: the head itself, or its appositive ("the governor, X")."""
    if _is_person(tok):
        return tok
    for child in tok.children:
        if child.dep_ == "appos" and _is_person(child):
            return child
    if tok.dep_ in ("appos", "compound") and _is_person(tok.head):
        return tok.head
    return None


def _is_person(tok: Token) -> bool:
    """A capitalised proper noun that is no organisation or place ("General Staff" is not a person)."""
    if tok.pos_ != "PROPN" or tok.ent_type_ in NOT_PEOPLE or not tok.text[:1].isupper():
        return False
    return tok.lower_ not in ROLE_NOUNS | ORGANISATION_WORDS


def person_name(tok: Token) -> str:
    """A person's name without titles: "Governor Vladimir Saldo" -> "Vladimir Saldo"."""
    left = []
    for child in reversed([c for c in tok.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]):
        if child.i != (left[0].i if left else tok.i) - 1:
            break
        left.insert(0, child)
    names = [t.text for t in [*left, tok]]
    while len(names) > 1 and names[0].lower().strip(".") in TITLE_WORDS:
        names.pop(0)
    return " ".join(names)


def _names_a_group(source: SpacySpan | None, actor: Actor) -> bool:
    """A plural group whose head the actor's name does not include: "six experts The Post
    consulted" are experts, not the Post; "U.S. officials" (an alias) stay the actor."""
    if source is None or source.root.lower_ not in GROUP_HEADS:
        return False
    root = source.root.idx - source.start_char
    text = source.text.replace("’", "'")
    return not any(m.start() <= root < m.end() for a in [actor.name, *actor.aliases]
                   for m in _alias_pattern(a).finditer(text))


def _variants(noun: str) -> set[str]:
    for group in TITLE_VARIANTS:
        if noun in group:
            return group
    return {noun}


def is_pronoun(mention: str) -> bool:
    """True for a bare pronoun mention ("he", "They")."""
    return mention.strip().lower() in PRONOUNS


def role_noun(mention: str) -> str | None:
    """The title in a bare description ("the minister" -> "minister"), None when it names someone
    or says whose it is ("Britain's foreign secretary" is no back-reference)."""
    text = normalise(mention)
    words = text.lower().split()
    if not words or len(words) > 3 or text.split()[-1][:1].isupper():
        return None
    if INDEFINITE.match(mention.strip()):  # "a spokesman", "two officials": someone new, not a back-reference
        return None
    if any(p.search(text) for _, p in [*_SIDE_PATTERNS, *_NATION_WORDS]):
        return None
    return words[-1] if words[-1] in ROLE_NOUNS else None


@dataclass
class SpeakerResolver:
    """Resolves the speaker mentions of one document, in reading order.

    Besides the registry it remembers what the document says about people it does not know:
    a description given at a person's first mention ("Valentyn X, a spokesman for Ukraine's
    southern command") gives the side of every later mention of the surname ("X said").
    """

    outlet: str | None = None
    history: list[tuple[Speaker, str]] = field(default_factory=list)  # (speaker, kind)
    user_path: str | None = field(default_factory=_user_registry_path)
    people: dict[str, Speaker] = field(default_factory=dict)  # surname -> unregistered person met so far
    notes: dict[str, str] = field(default_factory=dict)  # speaker name -> its description, for titles

    def resolve(self, mention: Span | None, before: str = "", source: SpacySpan | None = None) -> Speaker:
        """The speaker for a mention; ``None`` means the outlet's own voice. ``before`` is the
        document text before the mention: a pronoun or title no earlier speaker fits refers to the
        last registered actor named there ("Prigozhin appeared in a video ... he said").
        ``source`` is the mention's spaCy span, when there is a parse: its appositives and
        modifiers, and earlier mentions of the same name, then describe unregistered speakers."""
        if mention is None:
            return self.outlet_speaker()
        text = mention.text
        owned = self._possessed(mention, before)
        if owned is not None:
            return owned
        if is_pronoun(text) or role_noun(text):
            previous = (self._in_sentence(text, before) or self._later_subject(text, source)
                        or self._antecedent(text) or self._issuer(text) or self._named_before(text, before)
                        or self._described_before(text, source))
            if previous is not None:
                return previous.model_copy(update={"mention": mention})
        expanded = self._acronym(text)
        if expanded is not None:
            return expanded.model_copy(update={"mention": mention})
        speaker, kind = self._named(mention, source, before)
        self.history.append((speaker, kind))
        return speaker

    def _issuer(self, text: str) -> Speaker | None:
        """A document or a generic organisation noun with no speaker of that title before it: "the
        statement said" is whoever spoke last; "the organization noted", "the agency said" the last
        organisation that spoke (not a person)."""
        noun = role_noun(text)
        if noun in DOCUMENT_NOUNS:
            return self.history[-1][0] if self.history else None
        if noun in GENERIC_ORGANISATIONS:
            return next((s for s, kind in reversed(self.history) if kind in ("organisation", "country")), None)
        return None

    def _acronym(self, text: str) -> Speaker | None:
        """An all-capitals abbreviation ("the IC said") of a speaker named in full before it
        ("Russia's Investigative Committee"): the initials of the capitalised words of the name."""
        short = normalise(text)
        if not (2 <= len(short) <= 6 and short.isalpha() and short.isupper()):
            return None
        if match_actor(short, self.user_path) is not None:
            return None
        for speaker, _ in reversed(self.history):
            for name in (speaker.name, speaker.mention.text if speaker.mention else ""):
                initials = "".join(w[0] for w in re.findall(r"[\w']+", normalise(name)) if w[0].isupper())
                if short in (initials, initials.lstrip("RU")) or initials.endswith(short) and len(short) > 2:
                    return speaker
        return None

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

    def _fits(self, text: str, actor: Actor) -> bool:
        """Whether a pronoun or title can refer to a registered actor."""
        low, noun = text.strip().lower(), role_noun(text)
        if noun:
            haystack = " ".join([actor.name, *actor.aliases, *actor.titles]).lower()
            return any(v in haystack for v in _variants(noun))
        if low in PERSON_PRONOUNS:
            return actor.kind == "person"
        return low == "it" and actor.kind in ("organisation", "media")

    def _in_sentence(self, text: str, before: str) -> Speaker | None:
        """A registered actor named earlier in the same sentence ("the ministry said the city,
        which it calls Artemovsk, ...") binds a pronoun before any earlier speaker does."""
        if not is_pronoun(text):
            return None
        sentence = re.split(r"[.!?][\"”’']?\s+|\n", before)[-1]
        return self._named_before(text, sentence)

    def _named_before(self, text: str, before: str) -> Speaker | None:
        """The registered actor named last in ``before`` that a pronoun or title can refer to;
        it joins the history so that later pronouns find it too."""
        actor = self._named_last(before, lambda a: self._fits(text, a))
        if actor is None:
            return None
        speaker = Speaker(name=actor.name, side=actor.side, organisation=actor.organisation, actor_id=actor.id)
        self.history.append((speaker, actor.kind))
        return speaker

    def _named_last(self, before: str, wanted: Callable[[Actor], bool]) -> Actor | None:
        """The ``wanted`` registered actor whose alias ends last in the ``LOOKBACK_CHARS`` before a mention."""
        best: tuple[int, Actor] | None = None
        for _, end, actor, _ in alias_index(self.user_path).matches(before[-LOOKBACK_CHARS:]):
            if wanted(actor) and (best is None or end > best[0]):
                best = (end, actor)
        return best[1] if best else None

    def _institution_before(self, mention: Span, before: str) -> Speaker | None:
        """A bare institution ("the General Staff") after the document named whose it is
        ("Ukraine's General Staff said ... the General Staff added")."""
        phrase = normalise(mention.text)
        if not phrase or len(phrase.split()) > 4:
            return None
        inside = re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", re.I)
        actor = self._named_last(before, lambda a: a.kind not in ("person", "country")
                                 and any(inside.search(n) for n in [a.name, *a.aliases]))
        if actor is None:
            return None
        return Speaker(mention=mention, name=actor.name, side=actor.side, organisation=actor.organisation,
                       actor_id=actor.id)

    def _institution_in_context(self, mention: Span) -> Speaker | None:
        """"The Ministry of Defence", "the army" with nothing saying whose: the institution of the
        side the last few speakers spoke for, when they all spoke for one side (a report on
        Wagner's complaints: the army is Russia's)."""
        phrase = normalise(mention.text).lower()
        words = phrase.split()
        head = words[0] if "of" in words else (words[-1] if words else "")
        member = bool(words) and words[-1] in ROLE_NOUNS | {"source", "sources"} and bool(set(words) & INSTITUTION_WORDS)
        if not words or len(words) > 4 or not (head in INSTITUTION_WORDS or member):
            return None
        sides = {s.side for s, _ in self.history[-3:] if s.side in ("russia", "ukraine")}
        if len(sides) != 1:
            sides = {self._outlet_country()} - {None}
        if len(sides) != 1:
            return None
        side = sides.pop()
        inside = re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", re.I)
        fitting = [a for a in registry(self.user_path).values() if a.side == side and a.kind != "country"
                   and any(inside.search(x) for x in [a.name, *a.aliases, *a.titles])]
        if len(fitting) == 1:
            actor = fitting[0]
            return Speaker(mention=mention, name=actor.name, side=side, organisation=actor.organisation,
                           actor_id=actor.id)
        return Speaker(mention=mention, name=normalise(mention.text), side=side)

    def _later_subject(self, text: str, source: SpacySpan | None) -> Speaker | None:
        """"he"/"she" after a sentence whose subject is a person the registry does not know, met
        after the last speaker ("X, a spokesman for ..., visited the dam. He said ...")."""
        if source is None or text.strip().lower() not in PERSON_PRONOUNS:
            return None
        last = max((s.mention.start for s, _ in self.history if s.mention is not None), default=-1)
        doc = source.doc
        contents = [a.content for a in doc._.cc_attributions or [] if not a.outlet] \
            if doc.has_extension("cc_attributions") else []
        start = doc[source.start].sent.start
        start = doc[start - 1].sent.start if start > 0 else start  # this sentence and the one before
        for tok in reversed(doc[start:source.start]):
            if tok.idx <= last:
                return None
            if tok.dep_ in ("nsubj", "nsubjpass") and _is_person(tok) and not any(
                    c.start <= tok.i < c.end for c in contents):
                if match_actor(person_name(tok), self.user_path) is not None:
                    return None
                speaker = self._unregistered(None, tok, None)
                self.history.append((speaker, "person"))
                return speaker
        return None

    def _described_before(self, text: str, source: SpacySpan | None) -> Speaker | None:
        """"The governor said", where no speaker so far is a governor: the person an earlier
        sentence gave that title ("Russian-installed governor Vladimir X visited ...")."""
        noun = role_noun(text)
        if source is None or noun is None:
            return None
        variants = _variants(noun)
        for tok in reversed(source.doc[max(0, source.start - DOC_LOOKBACK_TOKENS):source.start]):
            person = person_token(tok) if tok.lower_ in variants else None
            if person is not None and person.i < source.start:
                speaker = self._unregistered(None, person, None)
                self.history.append((speaker, "person"))
                return speaker
        return None

    def _outlet_country(self) -> Side | None:
        """The country of the publishing outlet, when the registry knows it (a Ukrainian paper's
        "Interior Ministry" is Ukraine's)."""
        actor = match_actor(self.outlet, self.user_path) if self.outlet else None
        return actor.country if actor is not None else None

    def outlet_speaker(self) -> Speaker:
        """The publishing outlet as speaker (side ``media``, or the registry's side for it)."""
        name = self.outlet or "the outlet"
        actor = match_actor(name, self.user_path) if self.outlet else None
        if actor is not None:
            return Speaker(name=actor.name, side=actor.side, organisation=actor.organisation, actor_id=actor.id)
        return Speaker(name=name, side="media", organisation=self.outlet)

    def _named(self, mention: Span, source: SpacySpan | None = None, before: str = "") -> tuple[Speaker, str]:
        """A mention that names someone: a registered actor, an unregistered person, or a group
        or institution described by its words or by the document before it."""
        actor = match_actor(mention.text, self.user_path)
        if actor is not None and source is not None and source.root.pos_ == "PROPN":
            # "the Russian president's press secretary Dmitry Peskov" is Peskov, the phrase's head
            head = match_actor(person_name(source.root), self.user_path)
            actor = head if head is not None and head.kind == "person" else actor
        if actor is not None and not _names_a_group(source, actor):
            return Speaker(mention=mention, name=actor.name, side=actor.side, organisation=actor.organisation,
                           actor_id=actor.id), actor.kind
        person = person_token(source.root) if source is not None else None
        if person is not None:
            return self._unregistered(mention, person, source), "person"
        known = self._surname_met(source)
        if known is not None:
            return known.model_copy(update={"mention": mention}), "person"
        description = describe(source.root, source) if source is not None else mention.text
        kind = "person" if any(w[:1].isupper() for w in normalise(mention.text).split()) else "group"
        speaker = Speaker(mention=mention, name=normalise(mention.text) or mention.text,
                          **self._side_of(description))
        if speaker.side == "unknown":
            institution = self._institution_before(mention, before) or self._institution_in_context(mention)
            if institution is not None:
                return institution, "organisation"
        self.notes[speaker.name] = description
        return speaker, kind

    def _side_of(self, description: str) -> dict:
        """Side and organisation from a description: its own words first, then a registered actor
        it names ("a spokesman for Prigozhin" -> russia, Wagner Group)."""
        side = side_from_description(description)
        actor = match_actor(description, self.user_path)
        organisation = None
        if actor is not None and actor.kind != "country":
            organisation = actor.organisation or actor.name
            side = actor.side if side == "unknown" else side
        return {"side": side, "organisation": organisation}

    def _unregistered(self, mention: Span | None, person: Token, source: SpacySpan | None) -> Speaker:
        """A person the registry does not know, described here or at an earlier mention of the surname."""
        name = person_name(person)
        surname = name.split()[-1].lower()
        description = describe(person, source)
        found = self._side_of(description)
        known = self.people.get(surname) or self._earlier_mention(person, surname)
        if known is not None and found["side"] in ("unknown", known.side):
            speaker = known.model_copy(update={"mention": mention})
        else:
            speaker = Speaker(mention=mention, name=name, **found)
            self.notes[name] = description
        self.people.setdefault(surname, speaker.model_copy(update={"mention": None}))
        return speaker

    def _surname_met(self, source: SpacySpan | None) -> Speaker | None:
        """A capitalised word the tagger did not take for a name ("Exampleson said" at the start
        of a sentence) that is the surname of a person met earlier."""
        if source is None or not source.root.text[:1].isupper() or source.root.lower_ in ROLE_NOUNS:
            return None
        surname = source.root.lower_
        return self.people.get(surname) or self._earlier_mention(source.root, surname)

    def _earlier_mention(self, person: Token, surname: str) -> Speaker | None:
        """The first earlier mention of the surname that the text describes ("Valentyn X, a spokesman
        for Ukraine's southern command, visited ..." before "X said")."""
        start = max(0, person.i - DOC_LOOKBACK_TOKENS)
        for tok in person.doc[start:person.i]:
            if tok.lower_ != surname or not _is_person(tok) or tok.head.i == person.i:
                continue
            description = describe(tok)
            found = self._side_of(description)
            name = person_name(tok)
            if found["side"] != "unknown" or len(name.split()) > 1:  # described, or named in full
                self.notes[name] = description
                return Speaker(name=name, **found)
        return None

    def _antecedent(self, text: str) -> Speaker | None:
        """The most recent speaker a pronoun or title can refer to."""
        low = text.strip().lower()
        noun = role_noun(text)
        for speaker, kind in reversed(self.history):
            if noun:
                actor = registry(self.user_path).get(speaker.actor_id or "")
                titles = " ".join(actor.titles if actor else []).lower()
                haystack = (f"{speaker.mention.text if speaker.mention else ''} {speaker.name} {titles} "
                            f"{self.notes.get(speaker.name, '')}").lower()
                if any(v in haystack for v in _variants(noun)):
                    return speaker
                continue
            if low in PERSON_PRONOUNS and kind not in ("person",):
                continue
            if low == "it" and kind == "person":
                continue
            return speaker
        return None
