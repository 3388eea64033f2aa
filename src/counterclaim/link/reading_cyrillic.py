"""Russian and Ukrainian claims read into the questions and answers of :mod:`.reading`.

The reader answers the English reader's questions (which question a claim bears on, which answer it
gives, with which polarity, about which harmed object) by the same mechanisms, over lemmas: every word
of a content is replaced by its dictionary form (pymorphy3, with the Russian or the Ukrainian dictionary
by the letters the text uses), so that "подорвали", "подорвана" and "подрывом" all meet the lexicon's
"подорвать" and "подрыв". The words are data (``data/reading_cyrillic.yaml``), in both languages:

- **who did it**: a by-phrase ("силами ВСУ", "со стороны России", "з боку Росії"), an accusation
  ("обвинил Киев в подрыве", a content that starts with the accused: "военных РФ в подрыве"), words
  of responsibility ("ответственность лежит на", "причастна к", "причетність РФ"), a side's adjective
  on the act ("российская диверсионная группа", "украинский обстрел") or a side in the genitive after
  it ("преступление киевского режима"), the subject before the act ("российские войска подорвали",
  "рашисты", "оккупанты", "ВСУ", "ЗСУ", "Киевский режим"), a weapon one side alone fields, first
  person ("наша группа") or "противник" / "враг" / "ворог" relative to the speaker. A side that
  reports a blast without naming who set it blames the other side; a side that denies one, itself;
- **ground**: "взяли", "освободили", "захватили", "продвинулись", "прорвали" (gains), "отступили"
  (loss), "отразили атаки" (repel), "безуспешно" (failure), "удерживают" (hold), "идут бои"
  (fighting), with the roles of ``questions.yaml``;
- **polarity**: a negation right before the act, denials and falsity ("опроверг", "фейк", "не
  соответствует действительности", "не подтвердил"), disowning ("не имеет никакого отношения к");
- **undetermined** ("невозможно установить, кто", "немає достовірних даних про те, хто"), a collapse
  on its own ("не выдержала", "из-за повреждений"), motives (compared by wording), tolls.

A ground reading's cues are ``(kind, act, word)``: the act in the English reader's word ("captured",
"repelled"), so that :func:`.reading.action` tells a capture from a breakthrough in either language,
and the word as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import yaml

from counterclaim.link.reading import OPPONENT, QUESTIONS, Reading

LEXICON = yaml.safe_load((Path(__file__).resolve().parent / "data" / "reading_cyrillic.yaml").read_text(encoding="utf-8"))

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*|\d+(?:[.,]\d+)*|[^\w\s]")
_UK_LETTERS = re.compile("[іїєґІЇЄҐ]")
_RU_LETTERS = re.compile("[ыэъёЫЭЪЁ]")
_PREPOSITIONS = frozenset("в во на по против для к ко у от из с со за под над перед при о об обо про до від із з зі "
                          "проти біля около возле вблизи поблизу серед среди між между через".split())
_CLAUSE_END = frozenset(".;!?")
_PARTICIPLE = frozenset({"PRTS", "PRTF"})
NEAR = 5  # words between a word of responsibility and the side it names
PRONOUN_REACH = 3  # "они" speaks for the other side only as the subject right before the act


@dataclass(frozen=True)
class Word:
    """One token of a content: as written, its lemma, part of speech (pymorphy3's) and possible cases."""

    text: str
    lemma: str
    start: int
    end: int
    pos: str | None
    cases: frozenset[str]


@dataclass(frozen=True)
class Mention:
    """Words ``[i, j)`` that name ``side`` ("russia"/"ukraine"), as written or relative to the speaker."""

    i: int
    j: int
    side: str


def language(text: str) -> str:
    """"uk" or "ru": by the letters only one of them has, else by which dictionary knows more of the words."""
    uk, ru = len(_UK_LETTERS.findall(text)), len(_RU_LETTERS.findall(text))
    if uk != ru:
        return "uk" if uk > ru else "ru"
    from counterclaim.extract.cyrillic.morph import analyzer

    words = re.findall(r"[^\W\d_]+", text.lower())
    known = sum(analyzer("uk").word_is_known(w) - analyzer("ru").word_is_known(w) for w in words)
    return "uk" if known > 0 else "ru"


@lru_cache(maxsize=100_000)
def _word(lang: str, text: str) -> tuple[str, str | None, frozenset[str]]:
    """``(lemma, part of speech, possible cases)`` of one token, out of context."""
    from counterclaim.extract.cyrillic.morph import analyzer, best_parse, normal

    if not any(ch.isalpha() for ch in text):
        return text, None, frozenset()
    p = best_parse(lang, text)
    cases = frozenset(q.tag.case for q in analyzer(lang).parse(text) if q.tag.case and q.tag.POS == p.tag.POS)
    return normal(p.normal_form), p.tag.POS, cases


@cache
def _pattern(entries: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression for a lexicon list over a line of ``form|lemma`` tokens: each word of an entry
    matches a token's form or its lemma ("x*": any that starts with x)."""
    def word(w: str) -> str:
        stem, rest = (re.escape(w[:-1]), "[^ |]*") if w.endswith("*") else (re.escape(w), "")
        return rf"(?:{stem}{rest}\|[^ ]*|[^ |]*\|{stem}{rest})"

    alts = [" ".join(word(w) for w in e.split()) for e in sorted(entries, key=len, reverse=True)]
    return re.compile(r"(?<= )(?:" + "|".join(alts) + r")(?= )")


def _entries(name: str) -> tuple[str, ...]:
    """The entries of a lexicon list by its path ("ground.gain.captured", "sides.russia")."""
    node = LEXICON
    for key in name.split("."):
        node = node[key]
    return tuple(str(e) for e in node)


class Text:
    """A content as words, searched by lexicon lists over one line of ``form|lemma`` tokens."""

    def __init__(self, text: str) -> None:
        from counterclaim.lang.script import reading_copy

        self.text = text
        self.lang = language(text)
        copy = reading_copy(text)  # same length: look-alike Latin letters and old spelling made modern
        self.words = []
        for m in _TOKEN.finditer(copy):
            lemma, pos, cases = _word(self.lang, m.group())
            self.words.append(Word(m.group(), lemma, m.start(), m.end(), pos, cases))
        tokens = [f"{w.text.lower().replace('ё', 'е').replace('|', '¦')}|{w.lemma.replace('|', '¦')}" for w in self.words]
        self._offsets = [0] * len(tokens)
        pos = 1
        for k, token in enumerate(tokens):
            self._offsets[k] = pos
            pos += len(token) + 1
        self._line = " " + " ".join(tokens) + " "

    def find(self, name: str | list[str]) -> list[tuple[int, int]]:
        """Spans ``(first word, last word + 1)`` where an entry of the list ``name`` (or the list itself)
        matches, in order."""
        rx = _pattern(_entries(name) if isinstance(name, str) else tuple(name))
        return [(bisect_right(self._offsets, m.start()) - 1, bisect_right(self._offsets, m.end() - 1))
                for m in rx.finditer(self._line)]

    def first(self, name: str) -> tuple[int, int] | None:
        found = self.find(name)
        return found[0] if found else None

    def has(self, name: str, lo: int = 0, hi: int | None = None) -> bool:
        hi = len(self.words) if hi is None else hi
        return any(lo <= i and j <= hi for i, j in self.find(name))

    def clause(self, at: int) -> tuple[int, int]:
        """The words of the sentence around word ``at``."""
        lo = at
        while lo > 0 and self.words[lo - 1].text not in _CLAUSE_END:
            lo -= 1
        hi = at
        while hi < len(self.words) and self.words[hi].text not in _CLAUSE_END:
            hi += 1
        return lo, hi

    def negated(self, span: tuple[int, int], reach: int = 3) -> bool:
        """A negation among the ``reach`` words before the words ``span`` ("не подрывали"), or their being
        denied right after ("прилетов не было")."""
        return any(i >= span[0] - reach and j <= span[0] for i, j in self.find("negation")) or \
            any(span[1] <= i <= span[1] + 1 for i, _ in self.find("absent"))

    @cached_property
    def false(self) -> bool:
        """The content calls something false ("фейк", "опроверг", "не подтвердил", "не соответствует ...")."""
        from counterclaim.extract.cyrillic.lexicon import lexicon

        return bool(self.find("falsity")) or bool(re.search(lexicon(self.lang).falsity, self.text.lower()))

    def mentions(self, speaker_side: str) -> list[Mention]:
        """Every naming of a side: absolute ones, and (said by a side) "мы"/"наш" and "противник"."""
        out = [Mention(i, j, side) for side in ("russia", "ukraine") for i, j in self.find(f"sides.{side}")]
        if speaker_side in OPPONENT:
            out += [Mention(i, j, speaker_side) for i, j in self.find("own")]
            out += [Mention(i, j, OPPONENT[speaker_side]) for i, j in self.find("enemy")]
        return sorted(out, key=lambda m: (m.i, -m.j))

    def side_in(self, speaker_side: str, lo: int, hi: int) -> Mention | None:
        """The first side named within words ``[lo, hi)``."""
        return next((m for m in self.mentions(speaker_side) if lo <= m.i < hi), None)

    def patient(self, m: Mention) -> bool:
        """The side's words are something that suffers ("украинские пленные", "российские позиции"), or follow
        a preposition ("по украинским позициям", "в России")."""
        after = any(m.j <= i <= m.j + 1 for i, _ in self.find("patients"))
        return after or (m.i > 0 and self.words[m.i - 1].lemma in _PREPOSITIONS)

    def can_be_subject(self, m: Mention) -> bool:
        """Not a patient, and nominative (or a genitive after a noun: "подразделения ВСУ")."""
        w = self.words[m.i]
        if self.patient(m):
            return False
        if not w.cases or "nomn" in w.cases:
            return True
        return m.i > 0 and self.words[m.i - 1].pos == "NOUN"


def read_text(text: str, speaker_side: str, denied: bool = False) -> Reading:
    """The reading of a Russian or Ukrainian content ``text`` said by a speaker of ``speaker_side``."""
    t = Text(text)
    if t.find("motive"):
        return Reading("other", None, not denied and not t.find("negation"))
    harmful = harmed_object(t) or t.find("blame") or t.find("incident")
    first = (_responsibility, _ground) if harmful else (_ground, _responsibility)
    return (first[0](t, speaker_side, denied) or first[1](t, speaker_side, denied)
            or _toll(t, speaker_side, denied) or Reading("other", None, not (denied or t.find("negation"))))


def harmed_object(t: Text) -> str | None:
    """The kind of thing a content says was harmed ("dam", "detention site"), the first one named."""
    found = [(spans[0][0], name) for name in LEXICON["objects"] if (spans := t.find(f"objects.{name}"))]
    return min(found)[1] if found else None


def _responsibility(t: Text, side: str, denied: bool) -> Reading | None:
    obj = harmed_object(t)
    disown = t.first("disown")
    if disown or (t.find("accusation") and t.false and side in OPPONENT):
        agent = _subject(t, disown[0], side) if disown else None
        agent = agent or (side if side in OPPONENT else None)
        return Reading("responsibility", agent, False, ("rejects blame",), obj) if agent else None
    if _undetermined(t):
        return Reading("responsibility", "undetermined", not denied, ("undetermined",), obj)
    natural = t.first("natural")
    if natural:
        lo, hi = t.clause(natural[0])
        negated = any(lo <= i and j <= hi and not (natural[0] <= i < natural[1]) for i, j in t.find("negation"))
        return Reading("responsibility", "none", not (denied or negated), ("collapsed on its own",), obj)
    act = t.first("harm_acts")
    if act is None or (obj is None and t.has("military", act[1], act[1] + 4)):
        return None
    agent, how = harm_agent(t, side, act, denied)
    if agent is None:
        return None
    negated = t.negated(act) or _negated_agent(t, act, agent, side) or bool(t.find("mismatch")) or t.false
    return Reading("responsibility", agent, not (denied or negated), (how, t.words[act[0]].text.lower()), obj)


def _negated_agent(t: Text, act: tuple[int, int], agent: str, side: str) -> bool:
    """The agent named before the act is negated: "не они (Украина) долбанули", "не Украина взорвала"."""
    mentions = t.mentions(side)
    if side in OPPONENT:
        mentions += [Mention(i, j, OPPONENT[side]) for i, j in t.find("they")]
    return any(j == m.i for m in mentions if m.side == agent and act[0] - 8 <= m.i <= act[1] + 3
               for _, j in t.find("negation"))


def _undetermined(t: Text) -> bool:
    """"Who did it cannot be said": a word of not knowing, then within ten words one of cause or culprit."""
    unknown, culprit = LEXICON["undetermined"]
    about = [k for k, _ in t.find(culprit)]
    return any(j <= k <= j + 10 for _, j in t.find(unknown) for k in about)


def harm_agent(t: Text, side: str, act: tuple[int, int], denied: bool = False) -> tuple[str | None, str]:
    """``(side, how it was found)`` of who did the harmful act at words ``act``."""
    for how, find in (("responsibility", _responsible), ("accusation", _accused), ("by", _by_agent),
                      ("side's act", _side_act)):
        found = find(t, side)
        if found:
            return found, how
    subject = _subject(t, act[0], side)
    if subject:
        return subject, "subject"
    for weapon_side in ("ukraine", "russia"):
        if t.find(f"weapons.{weapon_side}"):
            return weapon_side, "weapon"
    if side in OPPONENT and t.words and t.words[0].lemma in _entries("they"):
        return OPPONENT[side], "they"
    if side in OPPONENT and denied:
        return side, "denied by the side"
    if side in OPPONENT and (t.find("blame") or t.find("passive_harm") or _passive_act(t)):
        return OPPONENT[side], "blamed by the other side"
    return None, ""


def _passive_act(t: Text) -> bool:
    """A harmful act in the passive ("был взорван", "підірвано")."""
    return any(t.words[i].pos in _PARTICIPLE or (t.words[i].pos == "VERB" and t.words[i].text.lower().endswith(("но", "то")))
               for i, _ in t.find("harm_acts"))


def _responsible(t: Text, side: str) -> str | None:
    """The side a word of responsibility names: after "на" ("лежит на Киеве"), else the nearest in its clause."""
    mentions = [m for m in t.mentions(side) if not t.patient(m) or t.words[m.i - 1].lemma == "на"]
    for i, j in t.find("responsible"):
        lo, hi = t.clause(i)
        on = [m for m in mentions if j <= m.i <= j + NEAR and m.i < hi and t.words[m.i - 1].lemma == "на"]
        near = [m for m in mentions if lo <= m.i < hi and (i - NEAR <= m.j <= i or j <= m.i <= j + NEAR)]
        best = on or sorted(near, key=lambda m: min(abs(m.j - i), abs(m.i - j)))
        if best:
            return best[0].side
    return None


def _accused(t: Text, side: str) -> str | None:
    """The accused: the side right after a verb of accusing, or the side a content opens with when an act
    follows as "в/у" + noun ("военных РФ в подрыве ГЭС")."""
    mentions = t.mentions(side)
    for _, j in t.find("accuse"):
        m = next((m for m in mentions if j <= m.i <= j + 3), None)
        if m:
            return m.side
    acts = {i for i, _ in t.find("harm_acts")}
    for m in mentions:
        if m.i > 8:
            break
        for k in range(m.j, min(m.j + 4, len(t.words) - 1)):
            if t.words[k].lemma in ("в", "у", "во") and k + 1 in acts:
                return m.side
    return None


def _by_agent(t: Text, side: str) -> str | None:
    """A by-phrase ("силами ВСУ", "со стороны России"), or a side in the instrumental after a passive act
    ("взорвана российскими военными")."""
    mentions = t.mentions(side)
    for _, j in t.find("by"):
        m = next((m for m in mentions if j <= m.i <= j + 2), None)
        if m:
            return m.side
    for i, j in t.find("harm_acts"):
        if t.words[i].pos in _PARTICIPLE:
            m = next((m for m in mentions if j <= m.i <= j + 3 and "ablt" in t.words[m.i].cases), None)
            if m:
                return m.side
    return None


def _side_act(t: Text, side: str) -> str | None:
    """A side's adjective on the act ("российская диверсионная группа", "украинский обстрел"), or a side in
    the genitive right after an act noun ("преступление киевского режима", "удар ВСУ")."""
    mentions = [m for m in t.mentions(side) if not t.patient(m)]
    for i, j in t.find("harm_acts"):
        if t.words[i].pos not in ("NOUN", "ADJF"):
            continue
        before = [m for m in mentions if i - 2 <= m.j - 1 < i and t.words[m.i].pos == "ADJF"]
        after = [m for m in mentions if j <= m.i <= j + 1 and (not t.words[m.i].cases or "gent" in t.words[m.i].cases)]
        if before or after:
            return (before or after)[0].side
    return None


def _subject(t: Text, at: int, speaker_side: str) -> str | None:
    """The side named as the subject before word ``at``: the last naming before it that can be a subject
    ("российские войска подорвали", "Захватчики хотели ... подрывом"); "они" right before the act
    names the other side."""
    hits = [m for m in t.mentions(speaker_side) if m.j <= at]
    if speaker_side in OPPONENT:
        hits += [Mention(i, j, OPPONENT[speaker_side]) for i, j in t.find("they") if j <= at and at - j <= PRONOUN_REACH]
    for m in sorted(hits, key=lambda m: m.i, reverse=True):
        if t.can_be_subject(m):
            return m.side
    after = _postposed(t, at, speaker_side)
    return after.side if after else None


def _postposed(t: Text, at: int, speaker_side: str) -> Mention | None:
    """A subject right after a finite verb at word ``at`` ("мост взорвали российские войска", "взорвали не они")."""
    if at >= len(t.words) or t.words[at].pos != "VERB":
        return None
    hits = t.mentions(speaker_side)
    if speaker_side in OPPONENT:
        hits += [Mention(i, j, OPPONENT[speaker_side]) for i, j in t.find("they")]
    near = sorted((m for m in hits if at < m.i <= at + 3 and "nomn" in t.words[m.i].cases or
                   at < m.i <= at + 3 and not t.words[m.i].cases), key=lambda m: m.i)
    return next((m for m in near if not t.patient(m)), None)


def _ground(t: Text, side: str, denied: bool) -> Reading | None:
    """Ground changing hands (see :func:`.reading._ground`): the side that gains, and whether it does."""
    fight = _fighting(t)
    gains = [(i, j, act) for act in LEXICON["ground"]["gain"] for i, j in t.find(f"ground.gain.{act}")]
    if fight is not None and not any(i < fight for i, _, _ in gains):
        return Reading("ground", None, not denied, ("fighting", "fighting", t.words[fight].text.lower()))
    found = sorted((i, j, kind, act) for kind, acts in LEXICON["ground"].items() for act in acts
                   for i, j in t.find(f"ground.{kind}.{act}"))
    for i, j, kind, act in found:  # the first ground word of the content, usually its main one
        negated = t.negated((i, j)) or t.false
        result = _ground_at(kind, (i, j), t, side, denied or negated)
        if result is not None:
            gainer, gains_ground = result
            attacks = [a for a, _ in t.find("attacks")]
            universal = kind == "repel" and any(b <= a <= b + 2 and a < i for _, b in t.find("every") for a in attacks)
            return Reading("ground", gainer, gains_ground != (denied or negated),
                           (kind, act, " ".join(w.text for w in t.words[i:j]).lower()), universal=universal)
    return None


def _fighting(t: Text) -> int | None:
    """The first word of fighting that goes on ("идут бои", "тривають запеклі бої"), or None."""
    fight, going = LEXICON["fighting"]
    goes = t.find(going)
    for i, _ in t.find(fight):
        if any(abs(k - i) <= 3 for k, _ in goes):
            return i
    return None


def _ground_at(kind: str, span: tuple[int, int], t: Text, side: str, negative: bool) -> tuple[str, bool] | None:
    """``(gainer, gains)`` for the ground word at ``span`` of ``kind`` (a role in questions.yaml), as
    :func:`.reading._ground_at` finds them."""
    role = QUESTIONS["ground"]["roles"][kind]
    own = side if side in OPPONENT else None
    subject = _subject(t, span[0], side)
    if kind == "gain":  # a side in the instrumental after the act gains ("взят российскими войсками"); one named
        mentions = [m for m in t.mentions(side) if span[1] <= m.i <= span[1] + 6]  # as the object loses
        agent = next((m.side for m in mentions if "ablt" in t.words[m.i].cases), None)
        lost = None if agent else next((m.side for m in mentions), None)
        subject = agent or subject or OPPONENT.get(lost or "") or (OPPONENT.get(own or "") if negative else own)
    elif kind == "fail":
        subject = subject or _attacker(t, side)
    elif kind != "repel":
        subject = subject or own
    passive = t.words[span[0]].pos in _PARTICIPLE
    if role["gainer"] == "attacker" and passive:
        gainer = subject or _attacker(t, side) or OPPONENT.get(own or "")  # "атаки ВСУ отбиты"
    elif role["gainer"] == "attacker":
        gainer = _attacker(t, side) or OPPONENT.get(subject or own or "")
    elif role["gainer"] == "other":
        gainer = OPPONENT.get(subject or "")
    else:
        gainer = subject
    return (gainer, bool(role["gains"])) if gainer in OPPONENT else None


def _attacker(t: Text, side: str) -> str | None:
    """The side whose attacks a content names ("атаки ВСУ", "украинское наступление", "наступ ворога")."""
    mentions = t.mentions(side)
    for i, j in t.find("attacks"):
        m = next((m for m in mentions if i - 2 <= m.i < i or j <= m.i <= j + 3), None)
        if m:
            return m.side
    if side in OPPONENT and t.find("enemy"):
        return OPPONENT[side]
    return None


def _toll(t: Text, side: str, denied: bool) -> Reading | None:
    """A count of the dead, wounded, flooded or moved (see :func:`.reading._toll`)."""
    toll = t.first("toll")
    figures = t.find("figures")
    if toll is None and not (t.false and figures):
        return None
    mentions = t.mentions(side)
    named = next((m for i, j in figures for m in mentions if i - 2 <= m.i <= j + 1), None)
    if t.false and named:
        loser = OPPONENT.get(named.side)
    elif t.false and figures:
        loser = side if side in OPPONENT else None
    else:
        loser = next((m.side for i, j in t.find("losers") for m in mentions if i - 3 <= m.i <= j + 2), None)
    negated = t.false or bool(toll and t.negated(toll))
    word = t.words[toll[0]].text.lower() if toll else "figures"
    return Reading("toll", loser, not (denied or negated), (word,))


def neutral_text(text: str) -> str:
    """``text`` with its sides and negations taken out (as :func:`.embeddings.neutral` does in English):
    side words become "кто-то" / "хтось", negations and denial words go."""
    t = Text(text)
    someone = "хтось" if t.lang == "uk" else "кто-то"
    cut = {k: someone for side in ("russia", "ukraine") for i, j in t.find(f"sides.{side}") for k in range(i, j)}
    cut.update({k: someone for name in ("enemy", "own", "they") for i, j in t.find(name) for k in range(i, j)})
    cut.update({k: "" for name in ("negation", "falsity") for i, j in t.find(name) for k in range(i, j)})
    out, pos = [], 0
    for k, w in enumerate(t.words):
        if k in cut:
            out.append(text[pos:w.start] + cut[k])
            pos = w.end
    out.append(text[pos:])
    return re.sub(r"\s+", " ", "".join(out)).strip()
