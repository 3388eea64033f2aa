"""What a claim says, read into a small structure that claims can be compared on.

A :class:`Reading` answers three questions about a claim's content:

- **which question** it bears on (its ``frame``): who is *responsible* for a strike, a blast or a
  killing; who *gains* ground at a place; what a *toll* of dead, wounded, flooded or evacuated
  counts; or none of those (``other``: the claim is compared by its wording alone);
- **what answer** it gives: the side held responsible (``russia``, ``ukraine``, ``none`` for a
  collapse on its own, ``undetermined`` for "cannot say who"), the side that gains ground, or the
  numbers counted;
- **with which polarity**: a claim that says the answer is false ("Ukraine was not involved",
  "they have not taken the village", a denial) has polarity False.

The agent of an action is found the way English reporting names it: a ``by`` phrase ("organised
by the Wagner Group"), an accusation ("accused Kyiv of striking"), words of responsibility ("the
responsibility lies with the Kiev regime", "points to Russia as the culprit"), a side's adjective on
the act ("a Ukrainian sabotage operation", "a Russian crime"), the subject of the verb ("Russian
forces blew up"), a weapon only one side fields (HIMARS, Iskander), first person ("our forces") or
"the enemy" relative to the speaker. A side that describes an attack without naming who made it
blames the other side; a side that denies one, itself.

Readings are regular expressions over the content, so that a million claims read in minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from counterclaim.extract.stance import FALSITY
from counterclaim.models import Claim

OPPONENT = {"ukraine": "russia", "russia": "ukraine"}
QUESTIONS = yaml.safe_load((Path(__file__).resolve().parent / "data" / "questions.yaml").read_text(encoding="utf-8"))
SIDES = ("russia", "ukraine")

_UA = (r"ukrain\w*|kyiv(?:['’]s)?|kiev(?:['’]s)?|zelensk\w*|zsu|afu|armed forces of ukraine|sbu|hur|gur"
       r"|defen[cs]e forces")
_RU = (r"russi\w*|moscow(?:['’]s)?|kremlin|putin\w*|wagner\w*|prigozhin\w*|kadyrov\w*|chechen\w*"
       r"|occup(?:iers?|ying forces|ation forces|ation troops)|invaders?|rashists?|racists|separatists?"
       r"|dpr|lpr|rosgvardi\w*|shoigu|gerasimov")
_SIDE = re.compile(rf"\b(?:(?P<ua>{_UA})|(?P<ru>{_RU}))\b", re.I)
_ENEMY = re.compile(r"\b(?:the )?(?:enemy|adversary|opponent|aggressor)\b", re.I)
_OWN = re.compile(r"\b(?:we|us|our|ours|(?:its|his|her|their) (?:own )?(?:forces|troops|army|units|soldiers|brigade|"
                  r"fighters|military|defenders|servicemen))\b", re.I)
SIDE_WORDS = re.compile(rf"\b(?:{_UA}|{_RU})\b|\b(?:the )?(?:enemy|adversary|opponent|aggressor)\b"
                        r"|\b(?:we|us|our|ours|they|them|their)\b", re.I)
"""Every word that names a side, absolutely or relative to the speaker."""
_THEY = re.compile(r"^\W*(?:they|them|their)\b", re.I)
PRONOUN_REACH = 25  # "they" speaks for the other side only as the subject right before the act
_PRONOUN = re.compile(r"\b(?:they|them|their)\b(?!\s+own)", re.I)  # said by a side, the other side

# What follows a side's adjective when the side suffers, not acts: "Ukrainian prisoners", "Russian positions".
_PATIENT = re.compile(r"\W*(?:[\w-]+\s+){0,2}?(?:prisoners?|pows?|captives?|detainees?|civilians?|people|residents?"
                      r"|children|citizens?|positions?|defen[cs]es?|lines?|territor\w+|villages?|towns?|cities|city"
                      r"|settlements?|soil|land|dam|plant|hpp|regions?|oblast|bank|side of|-controlled|-held|-occupied"
                      r"|-installed)\b", re.I)
_AGENT_HEAD = (r"(?:forces|troops|military|army|armed forces|units?|soldiers|servicemen|fighters|mercenaries|regime"
               r"|side|authorities|government|militants|saboteurs|brigade|group|command|officials|artillery"
               r"|navy|air force|special services|intelligence|pmc)")

# Weapons one side alone fields name that side as the one who fired.
_WEAPON_UA = re.compile(r"\b(?:himars|m142|atacms|storm shadow|scalp|olkha|vilkha|bayraktar|neptune"
                        r"|(?:us|u\.s\.|american|western|nato|british|french)[- ](?:made|supplied|provided|produced|"
                        r"donated)|(?:western|nato)[- ]\w+ weapons)\b", re.I)
_WEAPON_RU = re.compile(r"\b(?:iskander\w*|kalibr|kinzhal|shahed\w*|geran\w*|lancet|kh-\d+|tochka|grad|"
                        r"uragan|smerch|tos-1\w*|glide bombs?|fab-\d+)\b", re.I)

_NEGATION = re.compile(r"\b(?:not|never|no|none|nothing|neither|nor|without|failed to|fail(?:s|ed)? to"
                       r"|unable to|could not|cannot|did not|didn['’]t|haven['’]t|hasn['’]t|have yet to)\b"
                       r"|n['’]t\b", re.I)
_UNDETERMINED = re.compile(
    r"\b(?:cannot|can ?not|could not|couldn['’]t|unable to|not (?:yet )?(?:ready|able|possible) to|impossible to"
    r"|no way to|not (?:yet )?(?:clear|known|established|determined)|uncertain|unclear|too early to"
    r"|not immediately (?:possible|clear))\b[^.;]{0,80}?\b(?:who|responsib\w*|caus\w*|culprit|to blame"
    r"|party|what (?:caused|happened)|assess\w*|determin\w*|establish\w*|verify|confirm)", re.I)
_FALSE = re.compile(FALSITY.pattern + r"|\b(?:dismiss\w*|reject\w*|refut\w*|exaggerat\w*|inflated|overstated"
                    r"|fiction\w*|fantas\w*|propaganda|made[- ]up|invent\w*|not confirm\w*|did not confirm|has not"
                    r" confirmed|had not confirmed|unconfirmed|absurd|ridiculous|no evidence)\b", re.I)
_LIES_WITH = re.compile(r"\blie(?:s)?\s+(?:fully\s+|entirely\s+|solely\s+)?(?:with|on|in|at|behind|ahead)\b", re.I)


def says_false(text: str) -> bool:
    """True when ``text`` calls something false, exaggerated or unconfirmed ("responsibility lies with"
    is not a lie)."""
    return any(not _LIES_WITH.match(text, m.start()) for m in _FALSE.finditer(text))


_DISOWN = re.compile(r"\b(?:nothing to do with|not involved|no involvement|had no part|played no part|no hand in)\b",
                     re.I)
_ACCUSATION = re.compile(r"\b(?:accus\w*|allegations?|blam\w*|responsib\w*|involvement|culpab\w*|claims? that)\b", re.I)
_NATURAL = re.compile(r"\b(?:collapsed|burst|gave way|failed|broke)\b[^.;]{0,30}\b(?:on its own|by itself"
                      r"|naturally|due to (?:wear|age|pressure|neglect))|\b(?:structural failure|wear and tear)\b", re.I)

# Responsibility: a deliberate act of harm, the words that blame, and the things harmed.
_HARM_ACT = re.compile(
    r"\b(?:blew|blow(?:n|ing|s)?|blast\w*|explo\w+|detonat\w+|strik(?:e|es|ing)|struck|hit(?:s|ting)?|shell\w*"
    r"|bomb\w*|fired?|firing|attack\w*|destroy\w*|destruct\w*|damag\w*|target\w*|kill\w*|murder\w*|execut\w*"
    r"|massacre\w*|sabotag\w*|undermin\w*|mined|rigged|terrorism|terrorist (?:act|attack)s?|provocation|false[- ]flag|crime|atrocit\w*"
    r"|rocket\w*|missiles?|drones?|artillery|mlrs|shoot\w*|shot|organi[sz]ed|carried out|pre-?planned|staged"
    r"|culprit|responsib\w+|blame\w*|involved|involvement|behind|took down|taken down|brought down|bring down)\b",
    re.I)
_BLAME_WORD = re.compile(r"\b(?:sabotag\w*|terror\w*|provocation|false[- ]flag|crime|atrocit\w*|culprit|responsib\w+"
                         r"|blame\w*|deliberate(?:ly)?|pre-?planned|premeditated|intentional(?:ly)?|on purpose)\b",
                         re.I)
_BY_AGENT = re.compile(rf"\b(?:by|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?(?:{_UA}|{_RU})\b", re.I)
_ACCUSED = re.compile(rf"^\W*(?:the\s+)?(?:{_UA}|{_RU})(?:\s+\w+){{0,3}}?\s+(?:of|for)\s+\w+ing\b", re.I)
_RESPONSIBLE = re.compile(
    rf"\bresponsib\w*[^.;]{{0,60}}?\b(?:lies|rests|is|was|lay|falls)\s+(?:fully\s+|entirely\s+|solely\s+)?"
    rf"(?:with|on)\s+(?:the\s+)?(?P<a>(?:[\w’'-]+\s+){{0,2}}?(?:{_UA}|{_RU}))"
    rf"|\b(?P<b>{_UA}|{_RU})\b[^.;]{{0,40}}?\b(?:bears?|take|takes|hold|holds|carr(?:y|ies)|should bear|must bear)"
    rf"\s+(?:\w+\s+)?responsib"
    rf"|\bpoints?\s+(?:\w+\s+)?to\s+(?:the\s+)?(?P<c>{_UA}|{_RU})"
    rf"|\b(?P<d>{_UA}|{_RU})\b[^.;]{{0,30}}?\b(?:as|is|was|were|are)\s+(?:the\s+)?(?:culprit|responsible|to blame"
    rf"|behind|involved|guilty)", re.I)
_ADJ_ACT = re.compile(rf"\b(?:{_UA}|{_RU})\s+(?:[\w-]+\s+){{0,2}}?(?:shelling|strikes?|attacks?|sabotage|crime|"
                      r"provocation|missiles?|rockets?|artillery|operation|bombardment|drones?|fire|terror\w*"
                      r"|aggression|false[- ]flag|war crime|saboteurs|bombing|air ?strikes?)\b", re.I)

# What was harmed: the object names the incident ("the dam", "the prison"), so that blame for one
# strike is not compared with blame for another in the same place.
OBJECTS: dict[str, re.Pattern[str]] = {name: re.compile(rx, re.I) for name, rx in {
    "nuclear plant": r"\b(?:nuclear (?:power )?(?:plant|station)|npp|znpp)\b",
    "dam": r"\b(?:dams?|hpp|hydro-?(?:electric|power)\w*(?: \w+)?|reservoir|sluices?|power plant|power station)\b",
    "detention site": r"\b(?:prisons?|(?:penal |prison )?colony|detention (?:cent(?:er|re)|facility)|barracks|camp"
                      r"|pows?|prisoners?(?: of war)?|captives?|detainees?)\b",
    "bridge": r"\bbridges?\b",
    "hospital": r"\b(?:hospitals?|maternity|clinic)\b",
    "school": r"\b(?:schools?|kindergartens?|universit\w+)\b",
    "railway station": r"\b(?:railway|train) stations?\b",
    "residential building": r"\b(?:apartment|residential|block of flats|high-rise|houses?|homes?)\b",
    "market": r"\b(?:market|shopping (?:cent(?:er|re)|mall)|mall|supermarket)\b",
    "theatre": r"\btheat(?:re|er)s?\b",
    "port": r"\b(?:ports?|harbou?r|grain terminal)\b",
    "ship": r"\b(?:ship|cruiser|flagship|vessel|frigate|submarine)\b",
    "civilians": r"\b(?:civilians?|residents?|children|non-combatants?|people)\b",
}.items()}
_INCIDENT = re.compile(r"\b(?:explosions?|explosives?|blasts?|killings?|massacre|tragedy|disaster|destruction|blew|blown)\b",
                       re.I)
_MILITARY = re.compile(r"\W*(?:[\w’'-]+\s+){0,3}?(?:tanks?|vehicles?|armou?r\w*|positions?|troops|soldiers|servicemen"
                       r"|equipment|aircraft|helicopters?|drones?|launchers?|artillery|howitzers?|guns|units?|fighters"
                       r"|depots?|command posts?|trenches|fortifications|manpower)\b", re.I)
_FALLEN = re.compile(r"\b(?:fighters|soldiers|troops|servicemen|mercenaries|men|personnel|marines|paratroopers"
                     r"|conscripts)\s+(?:\w+\s+)?(?:were|was|had been|have been|has been)\s+(?:\w+\s+)?$", re.I)
_MOTIVE = re.compile(r"\b(?:interest in|motive|would not make sense|benefit\w*|stands? to gain|to gain from)\b", re.I)
_MISMATCH = re.compile(r"\b(?:inconsistent with|not consistent with|at odds with|does not match|do not match"
                       r"|not the (?:sort|kind) of|rule out|ruled out|contradict\w*)\b", re.I)

# Ground: who gains ground where. A gain word's subject gains; a withdrawal's subject loses ground.
_GAIN = re.compile(
    r"\b(?:advanc\w*|gain(?:ed|s|ing)?\b(?! of)|made (?:\w+ ){0,3}?(?:gains|progress)|progress\w*|captur\w*|recaptur\w*"
    r"|t(?:ook|aken?|aking)\b(?! (?:down|part|place|into|away|prisoner|captive|hostage|to|out|off|up|measures|steps))"
    r"|seiz\w*|liberat\w*|entered|enter(?:s|ing)?\b|reached|broke(?:n)? through|break(?:s|ing)? through"
    r"|breakthroughs?|breach\w*|penetrat\w*|pierc\w*|punch\w* through|cross(?:ed|ing)? (?:the )?(?:line|river)"
    r"|raised (?:the |their |its |our )?(?:\w+ )?flag|mopping[- ]up|clear(?:ed|ing) (?:the )?(?:village|town|area)"
    r"|pushed (?:\w+ ){0,2}?(?:back|forward|further|out)|push(?:ing)? (?:further|forward|south|north|east|west)"
    r"|(?:drove|driven|forced|kicked|threw|thrown|knocked) (?:\w+ ){0,2}?(?:out|back)"
    r"|moving (?:forward|south\w*|north\w*|east\w*|west\w*)|succeeded|success(?:es)?|overr[au]n"
    r"|consolidat\w* (?:their |its |our )?positions|expanded|fell to|(?:has|had|have) fallen|fell)\b", re.I)
_LOSE = re.compile(r"\b(?:withdr[ae]w\w*|retreat\w*|abandon\w*|pull(?:ed|ing)? (?:back|out)|fled|flee\w*|moved off"
                   r"|los[et](?:s|ing)? (?:a |an |one |any |single |their |its |our )*(?:control|positions?|ground|territory)|fell back|left (?:the )?(?:village|town|city|positions?))\b",
                   re.I)
_REPEL = re.compile(r"\b(?:repel\w*|repuls\w*|thwart\w*|foil\w*|fought off|beat(?:en)? (?:back|off)|fend\w* off"
                    r"|stopped (?:the|an?|their|enemy) (?:\w+ )?(?:attack|assault|advance|offensive))\b", re.I)
_FAIL = re.compile(r"\b(?:unsuccessful(?:ly)?|fail(?:ed|ure|s|ing)?|faltering|stalled|no (?:noticeable |real )?success"
                   r"|not (?:managed|succeeded)|only (?:managed to )?approach\w*|could not (?:cross|break|advance))\b",
                   re.I)
_HOLD = re.compile(r"\b(?:(?:firmly )?entrenched|hold(?:s|ing)? (?:on|the|their|our|its|part|parts|most|some|positions?)"
                   r"|held (?:on|the|their|our|part|parts|most|some|positions?)|in (?:full )?control of"
                   r"|under (?:our|their|its) control|occupy|occupies|remain(?:s|ed)? in)\b", re.I)
_ALL = re.compile(r"\b(?:all|every|each|any)\b(?:\s+\w+){0,2}?\s+(?:attacks?|assaults?|attempts?|offensives?|advances?)\b",
                  re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|get|got)\s+(?:\w+ly\s+)?$")
_FIGHTING = re.compile(r"\b(?:fighting|fight|battles?|clashes|combat)\b[^.;]{0,25}?\b(?:is|are|was|were)?\s*(?:still\s+)?"
                       r"(?:ongoing|continu\w*|under ?way|raging|going on)\b|\bstill\s+(?:\w+\s+)?(?:fighting|battling)\b",
                       re.I)
_GROUND_WORDS = (("repel", _REPEL), ("fail", _FAIL), ("lose", _LOSE), ("gain", _GAIN), ("hold", _HOLD))
_FIGURES = re.compile(r"\b(?:figures?|numbers?|tall(?:y|ies)|toll|statistics|count|claims? of losses|losses)\b", re.I)
_FIGURES_OF = re.compile(rf"\b(?:{_UA}|{_RU})\W+(?:\w+\s+)?(?:figures?|numbers?|tall(?:y|ies)|statistics|claims?)\b", re.I)
_LOSER = re.compile(rf"(?:\b(?:{_UA}|{_RU}|we|our|the enemy|enemy|they|their)\W+(?:\w+\s+){{0,2}}?(?:lost|los(?:e|es|ing)"
                    rf"|suffer\w*|losses|casualties|dead|soldiers|troops|fighters|servicemen|personnel|mercenaries"
                    rf"|tanks|vehicles)\b|\b(?:losses|casualties)\s+(?:of|among|for|to)\s+(?:the\s+)?(?:{_UA}|{_RU}"
                    rf"|the enemy|enemy)\b)", re.I)
# Tolls: the dead, the wounded, the flooded, the evacuated.
_TOLL = re.compile(r"\b(?:kill\w*|dead|died|deaths?|death toll|toll|perished|drowned|wounded|injur\w*|casualt\w*"
                   r"|missing|evacuat\w*|rescued|stranded|flooded|inundat\w*|submerged|under ?water|homeless"
                   r"|displaced|losses|lost)\b", re.I)


# Finer kinds of ground words: "took the village" and "broke through the line" answer the same question
# (who gains) but are different propositions.
ACTIONS: dict[str, re.Pattern[str]] = {name: re.compile(rx, re.I) for name, rx in {
    "capture": r"captur|recaptur|t(?:ook|ake|aken|aking)\b|seiz|liberat|raised|flag|overr|f[ae]ll|mopping|clear",
    "entry": r"enter|reached",
    "breakthrough": r"break|broke|breach|penetrat|pierc|punch|cross",
    "advance": r"advanc|gain|progress|push|moving|succeed|success|expand|consolidat",
    "withdrawal": r"withdr|retreat|abandon|pull|fled|flee|moved off|lost|fell back|left",
    "repel": r"repel|repuls|thwart|foil|fought off|beat|fend|stopped",
    "failure": r"fail|unsuccess|falter|stall|no (?:noticeable |real )?success|not (?:managed|succeeded)|approach"
               r"|could not",
    "hold": r"entrench|hold|held|control|occup|remain",
    "fighting": r"fight|battl|clash|combat",
}.items()}


def action(reading: Reading) -> str:
    """The finer kind of act a reading rests on ("capture", "breakthrough", ...; the frame otherwise)."""
    if reading.frame != "ground" or len(reading.cues) < 2:
        return reading.frame
    if reading.cues[0] == "fighting":
        return "fighting"
    word = reading.cues[1]
    return next((name for name, rx in ACTIONS.items() if rx.search(word)), reading.frame)


@dataclass(frozen=True)
class Reading:
    """The question a claim bears on, its answer and its polarity (see the module docstring)."""

    frame: str  # "responsibility" | "ground" | "toll" | "other"
    answer: str | None = None  # a side, "none", "undetermined", or None when the claim does not say
    polarity: bool = True
    cues: tuple[str, ...] = field(default_factory=tuple)  # the words the reading rests on, for reasons
    object: str | None = None  # what was harmed ("dam", "detention site"), for responsibility
    universal: bool = False  # "all attacks were repelled": nothing the attacker did there succeeded


def read(claim: Claim) -> Reading:
    """The reading of one claim (its content, its speaker's side and its stance); Russian and Ukrainian
    contents are read by :mod:`.reading_cyrillic` into the same questions and answers."""
    text = claim.content.text
    if cyrillic(text):
        from counterclaim.link.reading_cyrillic import read_text as read_cyrillic

        return read_cyrillic(text, claim.speaker.side, claim.stance == "denies")
    return read_text(text, claim.speaker.side, claim.stance == "denies")


_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04FF]")


@lru_cache(maxsize=1 << 16)
def cyrillic(text: str) -> bool:
    """True when most of the letters of ``text`` are Cyrillic (remembered: every pair and relation asks)."""
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_CYRILLIC_LETTER.findall(text)) * 2 > letters


def read_text(text: str, speaker_side: str, denied: bool = False) -> Reading:
    """The reading of a content ``text`` said by a speaker of ``speaker_side`` (``denied``: a denial)."""
    if _MOTIVE.search(text):
        return Reading("other", None, not denied and not _negated(text))
    harmful = harmed_object(text) or _BLAME_WORD.search(text) or _INCIDENT.search(text)
    first = (_responsibility, _ground) if harmful else (_ground, _responsibility)
    return (first[0](text, speaker_side, denied) or first[1](text, speaker_side, denied)
            or _toll(text, speaker_side, denied) or Reading("other", None, not (denied or _negated(text))))


def harmed_object(text: str) -> str | None:
    """The kind of thing a clause says was harmed ("dam", "detention site"), the first one named."""
    found = [(m.start(), name) for name, rx in OBJECTS.items() if (m := rx.search(text))]
    return min(found)[1] if found else None


def _responsibility(text: str, side: str, denied: bool) -> Reading | None:
    obj = harmed_object(text)
    if _DISOWN.search(text) or (_ACCUSATION.search(text) and says_false(text) and side in OPPONENT):
        agent = _subject_side(text, len(text), side) if _DISOWN.search(text) else None
        return Reading("responsibility", agent or (side if side in OPPONENT else None), False, ("rejects blame",), obj) \
            if (agent or side in OPPONENT) else None
    if _UNDETERMINED.search(text):
        return Reading("responsibility", "undetermined", not denied, ("undetermined",), obj)
    if _NATURAL.search(text):
        return Reading("responsibility", "none", not denied, ("collapsed on its own",), obj)
    act = _HARM_ACT.search(text)
    if act is None or (obj is None and (_MILITARY.match(text, act.end()) or _FALLEN.search(text[:act.start()]))):
        return None
    agent, how = harm_agent(text, side, act.start(), denied)
    if agent is None:
        return None
    negated = bool(_NEGATION.search(text[max(0, act.start() - 40):act.start()]) or _MISMATCH.search(text)
                   or says_false(text))
    return Reading("responsibility", agent, not (denied or negated), (how, act.group(0).lower()), obj)


def harm_agent(text: str, side: str, at: int, denied: bool = False) -> tuple[str | None, str]:
    """``(side, how it was found)`` of who did the harmful act whose word starts at ``at``."""
    for rx, how in ((_RESPONSIBLE, "responsibility"), (_ACCUSED, "accusation"), (_BY_AGENT, "by"),
                    (_ADJ_ACT, "side's act")):
        m = rx.search(text)
        if m:
            found = side_of(m.group(0))
            if found:
                return found, how
    subject = _subject_side(text, at, side)
    if subject:
        return subject, "subject"
    if _WEAPON_UA.search(text):
        return "ukraine", "weapon"
    if _WEAPON_RU.search(text):
        return "russia", "weapon"
    if side in OPPONENT and _THEY.search(text):
        return OPPONENT[side], "they"
    if side in OPPONENT and denied:
        return side, "denied by the side"
    if side in OPPONENT and (_BLAME_WORD.search(text) or re.search(r"\b(?:was|were|been)\s+(?:\w+\s+)?(?:hit|struck|"
                                                                  r"fired|shelled|attacked|targeted|blown up|taken down)",
                                                                  text, re.I)):
        return OPPONENT[side], "blamed by the other side"
    return None, ""


def side_of(text: str) -> str | None:
    """The side the first side word of ``text`` names ("Kyiv's forces" → ukraine)."""
    m = _SIDE.search(text)
    if m is None:
        return None
    return "ukraine" if m.group("ua") else "russia"


def _subject_side(text: str, at: int, speaker_side: str) -> str | None:
    """The side named as the subject before the act at ``at``: the last side (or "we", "the enemy")
    before it whose words are not a patient ("Ukrainian prisoners")."""
    before = text[:at]
    hits = [(m.start(), m.end(), "ukraine" if m.group("ua") else "russia") for m in _SIDE.finditer(before)]
    if speaker_side in OPPONENT:
        hits += [(m.start(), m.end(), speaker_side) for m in _OWN.finditer(before)]
        hits += [(m.start(), m.end(), OPPONENT[speaker_side]) for m in _ENEMY.finditer(before)]
        hits += [(m.start(), m.end(), OPPONENT[speaker_side]) for m in _PRONOUN.finditer(before)
                 if at - m.end() <= PRONOUN_REACH]
    for start, end, side in sorted(hits, reverse=True):
        if not _PATIENT.match(text, end) and not re.search(r"\b(?:in|on|at|to|against|for|near)\s+(?:the\s+)?$",
                                                           text[max(0, start - 15):start], re.I):
            return side
    return None


def _ground(text: str, side: str, denied: bool) -> Reading | None:
    """Ground changing hands: the answer is the side that gains, the polarity whether it does. Fighting
    that goes on inside a place is ground no side has taken yet (no answer)."""
    fight = _FIGHTING.search(text)
    if fight and not _GAIN.search(text[:fight.start()]):
        return Reading("ground", None, not denied, ("fighting", fight.group(0).lower()))
    found_words = sorted((m.start(), k, kind, m) for k, (kind, rx) in enumerate(_GROUND_WORDS) if (m := rx.search(text)))
    for _, _, kind, m in found_words:  # the first ground word of the clause, which is usually its main one
        if kind == "gain" and _PASSIVE.search(text, max(0, m.start() - 25), m.start()) \
                and re.match(r"(?:pushed|driven|forced|kicked|thrown|knocked)", m.group(0), re.I):
            kind = "lose"  # "the enemy was pushed out of the village": its subject loses ground
        negated = bool(_NEGATION.search(text[max(0, m.start() - 30):m.start()]) or says_false(text))
        found = _ground_at(kind, m, text, side, denied or negated)
        if found is not None:
            gainer, gains = found
            universal = kind == "repel" and bool(_ALL.search(text[:m.start()]))
            return Reading("ground", gainer, gains != (denied or negated), (kind, m.group(0).lower()),
                           universal=universal)
    return None


def _ground_at(kind: str, m: re.Match[str], text: str, side: str, negative: bool) -> tuple[str, bool] | None:
    """``(gainer, gains)`` for the ground word ``m`` of ``kind`` (a role in questions.yaml), or None when no
    side can be told. With no side named, a side's own report of a gain is about its own forces, and its
    denial of one ("did not confirm the capture", "denied that the city had fallen") about the other side's."""
    denied = negative
    role = QUESTIONS["ground"]["roles"][kind]
    own = side if side in OPPONENT else None
    subject = _subject_side(text, m.start(), side)
    if kind == "gain" and m.group(0).lower().startswith(("fell", "has fallen", "had fallen", "have fallen")):
        to = re.match(rf"(?:has |had |have )?f[ae]ll(?:en)?\s+(?:to|into the hands of)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,2}}?"
                      rf"(?:{_UA}|{_RU})", text[m.start():], re.I)
        gainer = side_of(to.group(0)) if to else (OPPONENT.get(own or "") if denied else own)
        return (gainer, True) if gainer in OPPONENT else None  # a place falls to a side, not by one
    if kind == "gain":  # the "by" agent gains too; a side named as the object loses ("broke through Russian lines")
        agent = _by_side(text, m.end()) or _holder_side(text, m.end())
        lost = None if agent else _object_side(text, m.end())
        subject = agent or subject or OPPONENT.get(lost or "") or (OPPONENT.get(own or "") if denied else own)
    elif kind == "fail":
        subject = subject or _attacker(text, side)
    elif kind != "repel":
        subject = subject or own
    if role["gainer"] == "attacker" and _PASSIVE.search(text, max(0, m.start() - 25), m.start()):
        gainer = subject or _attacker(text, side) or OPPONENT.get(own or "")  # "attacks by X were repelled"
    elif role["gainer"] == "attacker":  # the subject defends; the attacker is named with the attack
        gainer = _attacker(text, side) or OPPONENT.get(subject or own or "")
    elif role["gainer"] == "other":
        gainer = OPPONENT.get(subject or "")
    else:
        gainer = subject
    return (gainer, bool(role["gains"])) if gainer in OPPONENT else None


def _by_side(text: str, at: int) -> str | None:
    """A side named in a "by" phrase right after ``at`` ("taken by Russian forces")."""
    m = re.match(rf"\W*(?:\w+\s+){{0,3}}?by\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,2}}?(?:{_UA}|{_RU})", text[at:at + 60], re.I)
    return side_of(m.group(0)) if m else None


def _holder_side(text: str, at: int) -> str | None:
    """The side whose held ground a gain word extends ("advancing Ukrainian-controlled territory")."""
    m = re.match(rf"\W*(?:\w+\s+){{0,2}}?(?:{_UA}|{_RU})[- ](?:controlled|held)", text[at:at + 60], re.I)
    return side_of(m.group(0)) if m else None


def _object_side(text: str, at: int) -> str | None:
    """The side whose ground, lines or positions a gain word takes ("broke through Russian defenses",
    "liberated from the occupiers")."""
    m = re.match(rf"\W*(?:[\w’'\[\]-]+\s+){{0,6}}?(?:{_UA}|{_RU})", text[at:at + 70], re.I)
    return side_of(m.group(0)) if m else None


def _attacker(text: str, speaker_side: str) -> str | None:
    """The side whose attacks or offensive a sentence names ("attacks by Kyiv's forces")."""
    m = re.search(rf"\b(?:(?:{_UA}|{_RU})\W+(?:\w+\s+){{0,2}}?(?:attacks?|assaults?|offensive|counteroffensive|"
                  rf"attempts?)|(?:attacks?|assaults?|offensive|counteroffensive|attempts?)\s+(?:\w+\s+){{0,2}}?"
                  rf"(?:by|of|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,5}}?(?:{_UA}|{_RU}))", text, re.I)
    if m:
        return side_of(m.group(0))
    if speaker_side in OPPONENT and _ENEMY.search(text):
        return OPPONENT[speaker_side]
    return None


def _toll(text: str, side: str, denied: bool) -> Reading | None:
    """A count of the dead, wounded, flooded or moved; for losses in war, whose they are. A claim that calls
    figures false or exaggerated denies the losses they count: the other side's when a side's figures are
    named ("Russian figures" count Ukrainian losses), else the speaker's own."""
    false = says_false(text)
    m = _TOLL.search(text)
    if m is None and not (false and _FIGURES.search(text)):
        return None
    named = _FIGURES_OF.search(text)
    if false and named:
        loser = OPPONENT.get(side_of(named.group(0)) or "")
    elif false and _FIGURES.search(text):
        loser = side if side in OPPONENT else None
    else:
        loser = _loser(text, side)
    negated = false or bool(m and _NEGATION.search(text[max(0, m.start() - 30):m.start()]))
    return Reading("toll", loser, not (denied or negated), (m.group(0).lower() if m else "figures",))


def _loser(text: str, side: str) -> str | None:
    """The side whose losses a clause counts: the subject of "lost"/"suffered", the owner of the people or
    things counted ("Ukrainian soldiers", "Wagner fighters", "Russian losses"), "our" losses, "the enemy"."""
    m = _LOSER.search(text)
    if m:
        return side_of(m.group(0)) or _relative(m.group(0), side)
    return None


def _relative(words: str, side: str) -> str | None:
    if side not in OPPONENT:
        return None
    if _OWN.search(words):
        return side
    if _ENEMY.search(words) or _PRONOUN.search(words):
        return OPPONENT[side]
    return None


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(text))
