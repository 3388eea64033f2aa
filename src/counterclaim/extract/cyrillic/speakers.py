"""Who speaks in Russian and Ukrainian text: the actor registry's Cyrillic aliases, inflected.

A mention is matched word by word against every Cyrillic alias of ``actors.yaml`` (and
of the user's registry): a word matches when its dictionary form is the alias word's,
or when it is the alias word with a case ending changed ("Пригожина" for "Пригожин",
"Министерства обороны" for "Министерство обороны"), which also covers surnames the
dictionary does not know. The longest alias wins, a person before an organisation.

Mentions the registry does not know get a side from their words (:func:`lexicon.side_of_words`:
"министр обороны России", "американские аналитики"); a title in quotation marks
("«глава» области") is an occupation post, so Russia's. Pronouns and bare titles
("он", "міністр") refer to the last fitting speaker, a surname to the person it ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from counterclaim.extract.cyrillic.lexicon import Lexicon, side_of_words
from counterclaim.extract.cyrillic.morph import lemmas, nominative, normal
from counterclaim.extract.speakers import Actor, _user_registry_path, registry
from counterclaim.extract.speakers import match_actor as latin_actor
from counterclaim.models import Span, Speaker

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]{2,}")
_WORD = re.compile(r"[\w'’ʼ]+(?:-[\w'’ʼ]+)*")
# a title in quotation marks before a name: an office the writer does not recognise (occupation posts)
_SCARE_QUOTED = re.compile(r"^\W*[«„“\"][^»“”\"]{2,60}[»“”\"]")
ROLE_WORDS = frozenset(normal(w) for w in (
    "министр", "міністр", "глава", "голова", "президент", "премьер", "прем'єр", "представитель", "представник",
    "спикер", "спікер", "пресс-секретарь", "прес-секретар", "секретарь", "секретар", "руководитель", "керівник",
    "командующий", "командувач", "губернатор", "мэр", "мер", "советник", "радник", "начальник", "директор",
    "председатель", "посол", "генерал", "ведомство", "відомство", "министерство", "міністерство", "штаб",
    "источник", "джерело", "военный", "військовий", "эксперт", "експерт", "аналитик", "аналітик"))


@dataclass(frozen=True)
class _Alias:
    words: tuple[str, ...]
    actor: Actor


@lru_cache(maxsize=8)
def _aliases(user_path: str | None) -> tuple[_Alias, ...]:
    """Every Cyrillic alias of the registry, as folded words."""
    out = []
    for actor in registry(user_path).values():
        for alias in {*actor.aliases, actor.name}:
            if _CYRILLIC.search(alias):
                out.append(_Alias(tuple(normal(w) for w in _WORD.findall(alias)), actor))
    return tuple(out)


def _word_match(lang: str, said: str, alias: str) -> bool:
    """Whether a word of a mention is an alias word, inflected or not."""
    if lang == "ru":
        alias = alias.replace("і", "и")
    if said == alias:
        return True
    if len(alias) >= 4 and said.startswith(alias[:-1]) and len(said) <= len(alias) + 2:
        return True
    if len(alias) >= 4 and len(said) >= 4 and said[:-2] == alias[:-2] and abs(len(said) - len(alias)) <= 1 \
            and said[:2] == alias[:2]:
        return alias in lemmas(lang, said) or said[:-1] == alias[:-1]
    return alias in lemmas(lang, said)


def folded_words(lang: str, mention: str) -> list[str]:
    """The words of a mention folded for matching, look-alike Latin letters read as Cyrillic (and
    the Ukrainian "і" as "и" in Russian, where it is a look-alike or pre-reform spelling)."""
    from counterclaim.lang.script import reading_copy

    words = [normal(w) for w in _WORD.findall(reading_copy(mention))]
    return [w.replace("і", "и") for w in words] if lang == "ru" else words


def match_actor(lang: str, mention: str, user_path: str | None = None) -> Actor | None:
    """The registered actor a Cyrillic mention names, or None."""
    words = folded_words(lang, mention)
    best: tuple[tuple[int, int, int], Actor] | None = None
    for alias in _aliases(user_path):
        n = len(alias.words)
        if alias.actor.kind == "country" and n != len(words):
            continue
        for i in range(len(words) - n, -1, -1):  # the last match: the name that ends an apposition
            if all(_word_match(lang, words[i + k], alias.words[k]) for k in range(n)):
                # a person first, then the one named last ("советник главы Офиса президента Михаил
                # Подоляк" is Podolyak), then the longest alias
                rank = (int(alias.actor.kind == "person"), i + n, sum(len(w) for w in alias.words))
                if best is None or rank > best[0]:
                    best = (rank, alias.actor)
                break
    if best is None and _LATIN.search(mention):  # "ISW", "Reuters": the registry's Latin aliases
        return latin_actor(mention, user_path)
    return best[1] if best else None


def _speaker(actor: Actor, mention: Span | None) -> Speaker:
    return Speaker(mention=mention, name=actor.name, side=actor.side, organisation=actor.organisation,
                   actor_id=actor.id)


@dataclass
class CyrillicSpeakers:
    """Resolves the speaker mentions of one document, in reading order."""

    lex: Lexicon
    outlet: Speaker
    user_path: str | None = field(default_factory=_user_registry_path)
    history: list[tuple[Speaker, str]] = field(default_factory=list)  # (speaker, words of its mention)

    def resolve(self, mention: Span) -> Speaker:
        """The speaker a mention names, or the one a pronoun or bare title refers back to."""
        words = folded_words(self.lex.lang, mention.text)
        if not words:
            return self.outlet
        if len(words) == 1 and (words[0] in self.lex.pronouns or words[0] in self.lex.possessives):
            found = self._antecedent(words[0])
            if found is not None:
                return self._remember(found.model_copy(update={"mention": mention}), words)
        actor = match_actor(self.lex.lang, mention.text, self.user_path)
        if actor is not None:
            return self._remember(_speaker(actor, mention), words)
        if self._bare_title(words):
            found = self._titled(words) or self._context_side(mention, words)
            if found is not None:
                return self._remember(found.model_copy(update={"mention": mention}), words)
        surname = self._surname(words, mention.text)
        if surname is not None:
            return self._remember(surname.model_copy(update={"mention": mention}), words)
        side = "russia" if _SCARE_QUOTED.match(mention.text) else side_of_words(mention.text)
        return self._remember(Speaker(mention=mention, name=self._name(mention.text), side=side), words)

    def last(self) -> Speaker | None:
        return self.history[-1][0] if self.history else None

    def _remember(self, speaker: Speaker, words: list[str]) -> Speaker:
        self.history.append((speaker, " ".join(words)))
        return speaker

    def _antecedent(self, pronoun: str) -> Speaker | None:
        """The last speaker a pronoun fits: "он"/"він" and "она"/"вона" want a person when one was named."""
        plural = self.lex.possessives.get(pronoun, pronoun) in ("они", "вони")
        for speaker, words in reversed(self.history):
            person = speaker.actor_id is None and len(words.split()) <= 4 or self._is_person(speaker)
            if plural or person:
                return speaker
        return self.history[-1][0] if self.history else None

    def _is_person(self, speaker: Speaker) -> bool:
        actor = registry(self.user_path).get(speaker.actor_id or "")
        return actor is not None and actor.kind == "person"

    @staticmethod
    def _bare_title(words: list[str]) -> bool:
        return 0 < len(words) <= 3 and any(any(w.startswith(r[:max(4, len(r) - 2)]) for r in ROLE_WORDS)
                                            for w in words[:1])

    def _titled(self, words: list[str]) -> Speaker | None:
        """The last speaker whose mention carried this title ("министр" after "Министр обороны ... Шойгу")."""
        head = words[0][:max(4, len(words[0]) - 2)]
        for speaker, said in reversed(self.history):
            if any(w.startswith(head) for w in said.split()) and speaker.side != "unknown":
                return speaker
        return None

    def _context_side(self, mention: Span, words: list[str]) -> Speaker | None:
        """A bare title naming no one ("президент", "руководитель") speaks for the side of the last
        speakers when they all spoke for one side, as an institution named without its country does."""
        if side_of_words(mention.text) != "unknown" or normal(words[0]).startswith(("источн", "джерел")):
            return None
        sides = {s.side for s, _ in self.history[-3:] if s.side in ("russia", "ukraine")}
        if len(sides) != 1:
            return None
        return Speaker(mention=mention, name=self._name(mention.text), side=sides.pop())

    def _surname(self, words: list[str], text: str) -> Speaker | None:
        """A single capitalised word that ended an earlier speaker's mention ("Юсов" after "Андрей Юсов")."""
        if len(words) != 1 or not text.strip()[:1].isupper():
            return None
        for speaker, said in reversed(self.history):
            last = said.split()[-1] if said else ""
            if last and _word_match(self.lex.lang, words[0], last) or _word_match(self.lex.lang, last, words[0]):
                return speaker
        return None

    def _name(self, text: str) -> str:
        """A readable name for an unregistered speaker: a person's name at the end of the mention put
        back in the nominative ("командира роты Андрея Юсова" -> "Андрей Юсов"), else the words as written."""
        words = _WORD.findall(text)
        run: list[str] = []
        for w in reversed(words):
            if w[:1].isupper() and _CYRILLIC.search(w) and not w.isupper() and len(run) < 3:
                run.insert(0, w)
            else:
                break
        if run and (len(run) >= 2 or len(words) == 1):
            return " ".join(nominative(self.lex.lang, w).capitalize() for w in run)
        return " ".join(text.replace("«", "").replace("»", "").replace("“", "").replace("”", "").split()).strip(
            " ,.:;\"„")
