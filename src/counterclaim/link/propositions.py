"""Claims to typed propositions: "Ukraine ADVANCE near Bakhmut, 2 km" or "no BREAKTHROUGH".

Each sentence of a claim's content is typed from a small ontology for war
reporting by lexical triggers (regular expressions over inflected forms, so that
100k claims type in seconds). Then three things are read off the sentence:

- **actor**: which side acts. The first side named before the trigger ("Ukrainian
  troops", "Kyiv's forces", "Wagner") counts; first-person words ("our defence
  forces", "we", "its forces", "his troops") mean the speaker's side; "the enemy"
  means the side opposite the speaker's. An unnamed actor of an advance, capture,
  withdrawal, strike, deployment or hold said by a side is that side's own forces. For REPEL the actor is the defender and the side named
  is usually the attacker; for LOSSES "suffered/lost" marks the side that loses.
- **blame** (STRIKE and CIVILIAN_HARM that name a struck object, or words of blame such as sabotage, a
  provocation, a terrorist act): the target is the object ("dam", "bridge", "plant", "hospital") and the
  actor the side held responsible; rejecting accusations is a denial of one's own strike. Figures
  dismissed as false or exaggerated deny the losses they count.
- **polarity**: False when the claim is a denial (``stance == "denies"``) or the
  sentence negates the trigger ("did not lose a single position", "do not
  correspond to reality").
- places, time and quantities: those whose spans fall inside the sentence,
  falling back to the whole claim's places and time.

Sentences without a trigger yield nothing; a claim without any typed sentence
yields one OTHER proposition. :mod:`counterclaim.link.embeddings` can type those
against prototype sentences with MiniLM when asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from counterclaim.extract.stance import FALSITY as DECLARED_FALSE
from counterclaim.models import Claim, Place, Proposition, Quantity, Span

# Order matters: the first type whose trigger matches a sentence wins. Supplies of ammunition count as
# DEPLOYMENT (forces and what they are given) and come before STRIKE, so "shells" asked for is not a strike.
TRIGGERS: dict[str, re.Pattern[str]] = {name: re.compile(rx, re.I) for name, rx in {
    "REPEL": r"\b(repel(?:s|led|ling)?|repuls(?:e|ed|es|ing)|beat(?:en)? (?:back|off)|fought off|fend(?:ed)? off"
             r"|thwart(?:ed|s)?|foil(?:ed|s)?|held (?:the|our|their) (?:line|ground|positions?)"
             r"|hold(?:s|ing)? (?:the|our|their) (?:line|ground|positions?)|stopped the (?:enemy|attack|advance))\b"
             r"|\b(?:attacks?|assaults?|offensives?|advances?|attempts?)\b[^.;]{0,60}?\b(?:were|was|had been|have been"
             r"|has been)\W+(?:\w+\W+)?(?:stopped|halted|repelled|repulsed|beaten back)\b",
    "BREAKTHROUGH": r"\b(break-?throughs?|broke(?:n)? through|break(?:s|ing)? through|breach(?:ed|es)?"
                    r"|broke the (?:line|front|defen[cs]e)|collapse(?:d|s)? of the (?:front|line|defen[cs]e))\b"
                    r"|\b(?:flanks?|front|lines?|defen[cs]es?)\b[^.;]{0,40}?\b(?:fall(?:s|ing)? apart|fell apart"
                    r"|crumbl(?:e|ed|es|ing)|collaps(?:e|ed|es|ing))",
    "WITHDRAWAL": r"\b(withdr[ae]w(?:n|s|al)?|withdraw(?:ing|s)?|retreat(?:ed|s|ing)?|pull(?:ed|s|ing)? (?:back|out)"
                  r"|abandon(?:ed|s|ing)?|fled|flee(?:ing|s)?|los[et](?:s|ing)? (?:a |an |one |any |single )*"
                  r"(?:single )?(?:positions?|ground|territory|control)|regroup(?:ed|ing)?|r[au]n(?:ning)? away"
                  r"|forc(?:e|ed|es|ing) (?:\w+ ){1,3}?(?:out|back|to (?:retreat|withdraw|pull back))"
                  r"|(?:push(?:ed|es|ing)?|dr[io]ve[ns]?|driving) (?:\w+ ){1,3}?out"
                  r"|(?:was|were|been|being|got) (?:\w+ )?(?:pushed|driven|forced|kicked|thrown|knocked) (?:back )?out)\b",
    "CAPTURE": r"\b(re-?t(?:ook|aken?|aking)|t(?:ook|aken?|aking) back|regain(?:ed|s|ing)? control"
               r"|(?:re)?captur(?:e|ed|es|ing)(?! (?:chunks|territory|ground|positions|parts|areas|some))|(?:re)?t(?:ook|aken?|aking) (?:control of|over)"
               r"|seiz(?:e|ed|es|ing)|liberat(?:e|ed|es|ing|ion)|fell to|overr[au]n|occup(?:y|ied|ies)"
               r"|(?:has|had|have) fallen|t(?:ook|aken?|aking) (?:full |complete |total )control of"
               r"|(?:was|were|been|is|are) (?:\w+ )?taken(?! (?:part|place|into|to|away|prisoner|captive|hostage))"
               r"|(?:have|has|had) taken (?:the )?(?:whole |entire |full )?(?:city|town|village|settlement|control))\b",
    "ADVANCE": r"\b(advanc(?:e|ed|es|ing)|gain(?:ed|s|ing)? (?:ground|territory)|push(?:ed|es|ing)? (?:back|forward)"
               r"|push(?:ed|es|ing)? (?:[\w’'-]+ ){1,3}?back|made (?:\w+ ){0,3}?gains"
               r"|mov(?:ed|ing) forward|progress(?:ed)?|outflank(?:ed|ing)?|counter-?offensive|made gains"
               r"|wiped out .{0,40}positions|recaptured (?:chunks|territory|ground|positions))\b",
    "CIVILIAN_HARM": r"\b(civilians?|residents?|children|non-combatants?|hospital|school|apartment|residential"
                     r"|people|persons|inhabitants|locals|families)\b"
                     r"(?=.{0,80}\b(killed|wounded|injured|dead|died|hit|struck|damaged|destroyed|casualt))"
                     r"|\b(killed|wounded|injured|dead|died|hit|struck|shelled)\b.{0,60}\b(civilians?|residents?|children|people)\b"
                     r"|\b(evacuat\w*|flood(?:ed|ing|s)?|inundat\w*|submerged|under ?water|displaced|homeless"
                     r"|without (?:power|electricity|water|drinking water|heating))\b",
    "LOSSES": r"\b(loss(?:es)?|lost|casualt(?:y|ies)|killed|kill(?:ing|s)?|dead|wounded|destroy(?:ed|ing|s)?"
              r"|eliminat(?:ed|ing)|neutrali[sz]ed|shot down|downed|perished)\b",
    "DEPLOYMENT": r"\b(deploy(?:ed|s|ing|ment)|reinforc(?:e|ed|ements?)|sen[dt] (?:in )?(?:troops|units|forces)"
                  r"|massing|amass(?:ed|ing)|concentrat(?:ed|ing)|brought in|transferr?(?:ed|ing))\b"
                  r"|\b(?:suppl(?:y|ied|ies|ying)|deliver(?:y|ies|ed|ing))\b[^.;]{0,40}?\b(?:ammunition|shells|munitions"
                  r"|weapons|arms|fuel)\b|\b(?:ammunition|shells|munitions|weapons)\b[^.;]{0,40}?\b(?:suppl(?:y|ied|ies)"
                  r"|deliver(?:y|ies|ed)|shortages?|asked for|requested|promised)\b"
                  r"|\breceiv(?:e|ed|es|ing)\b[^.;]{0,40}?\b(?:ammunition|shells|munitions|weapons|supplies)\b",
    "STRIKE": r"\b(strikes?|struck|shell(?:ed|ing)|bomb(?:ed|ing|ardment)|missiles?|drones?|artillery|air ?raids?"
              r"|rocket(?:s|ed)?|hit)\b",
    "CONTROL": r"\b(in control of|under (?:our|their|ukrainian|russian) control|control(?:s|led)? (?:the |most |all |part )"
               r"|hold(?:s|ing)? (?:the )?(?:city|town|village|territory|settlement|district))"
               r"|\b(?:held|hold(?:s|ing)?|kept|keep(?:s|ing)?)\W+(?:on(?:to| to)?\W+)?(?:[\w’'-]+\W+){0,3}?(?:parts?"
               r"|positions?|ground|blocks?|outskirts|districts?|neighbou?rhoods?|areas?|sections?|streets?)\b"
               r"|\b(?:still|continu\w*)\s+(?:\w+\s+){0,2}?(?:fighting|fight|defending)\b"
               r"|\bfighting\s+(?:\w+\s+)?(?:continue[sd]?|goes on|went on|is ongoing|was ongoing)\b",
}.items()}

_UKRAINE = re.compile(r"\b(ukrain\w*|kyiv(?:'s|’s)?|kiev(?:'s|’s)?|zsu|afu|azov|zelensk\w*)\b", re.I)
_RUSSIA = re.compile(r"\b(russi\w*|wagner\w*|kremlin|moscow(?:'s|’s)?|putin\w*|chechen\w*|kadyrov\w*|prigozhin\w*)\b", re.I)
_ENEMY = re.compile(r"\b(the enemy|enemy|adversary|occupiers?|invaders?|the opponent)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(we|our|(?:its|his|her|their own) (?:forces|troops|units|soldiers|men|fighters))\b", re.I)
_ATTACK_NOUN = re.compile(r"\b(attacks?|assaults?|offensives?|attempts?|counterattacks?|advances?)\b", re.I)
_NEGATION = re.compile(r"\b(not|never|no|none|nothing|neither|nor|failed to|without)\b|n['’]t\b", re.I)
# What extraction counts as declaring something false (stance.FALSITY), plus the words that
# dispute a figure or an account without calling it a lie ("exaggerated", "propaganda").
_DISPUTES = re.compile(r"\b(false|lies?|den(?:y|ied|ies)|refut\w+|dismiss\w+|rejected|not consistent with"
                       r"|inconsistent with|no evidence|exaggerat\w*|inflated|overstated|fiction\w*|fantas\w*"
                       r"|propaganda|invent\w*|made up)\b", re.I)


def _says_false(text: str) -> bool:
    """True when ``text`` declares something false or disputes it."""
    return bool(DECLARED_FALSE.search(text) or _DISPUTES.search(text))


_SUFFER = re.compile(r"\b(suffer\w*|lost|los(?:e|es|ing))\b", re.I)
_COUNTED_AFTER = re.compile(r"^[\"'”’»]*\s+(men|fighters|soldiers|troops|servicem[ae]n|personnel|mercenaries"
                            r"|tanks|vehicles|aircraft|helicopters|drones|civilians|people)\b", re.I)
_FRONT = re.compile(r"^[\s-]*(?:long\s+|wide\s+)?(?:front|line of contact|contact line|stretch|section)", re.I)
_SENTENCE_END = re.compile(r"[.!?;]+[\"'”’)]*(?=\s|$)|,\s+(?:and|but|while|whereas)\s+(?:that\s+)?(?=\w)"
                           r"|\s+and\s+that\s+|\s+and(?=\s+(?:had|has|have|was|were)\s+\w+ed\b)")
_COLLAPSE = re.compile(r"fall\w* apart|fell apart|crumbl\w*|collaps\w*", re.I)
_FORCED = re.compile(r"(?:forc|push|dr[io]v)\w* ", re.I)
_PERSONNEL = re.compile(r"\W+(?:\w+\W+)?(?:fighters?|soldiers?|troops?|men|servicem[ae]n|personnel|units?|forces"
                        r"|mercenar\w+|tanks?|vehicles?|equipment|losses|casualt\w+|dead)\b"
                        r"(?!\s+(?:have\s+|has\s+|had\s+)?(?:\w+ly\s+)?(?:destroy|kill|eliminat|shot|down|neutrali"
                        r"|wip|inflict)\w*)", re.I)  # "Ukrainian forces destroyed ..." act, they do not lose
_PASSIVE_LOSS = re.compile(r"\s+(?:\w+\s+)?(?:were|was|had been|have been|has been|are being|were being)\s+"
                           r"(?:\w+\s+)?(?:killed|wounded|injured|destroyed|lost|eliminated)\b", re.I)
_UNCONFIRMED = re.compile(r"(?:\b(?:not|never|declined to|refused to|could not|cannot)|n['’]t)\s+(?:yet\s+)?"
                          r"(?:confirm|verify|comment)\w*", re.I)
_IN_FULL = re.compile(r"\bin full\b|\bfully\b|\bwithout (?:any )?shortages?\b", re.I)
_LOSS_OF = re.compile(r"\b(?:losses|casualties)\s+(?:for|of|among|to)\s+$", re.I)

_INFRA = re.compile(r"\b(?:(?:hydro-?electric|hydro-?power|nuclear|power|thermal|water|treatment|chemical|energy)"
                    r"\s+(?:power\s+)?(?:plants?|stations?|facilit\w+)|dams?|bridges?|plants?|HPPs?|NPPs?|ports?"
                    r"|harbou?rs?|reservoirs?|substations?|power lines?|power grid|dykes?|dikes?|pipelines?"
                    r"|railway lines?|rail lines?|crossings?|sluices?|infrastructure)\b", re.I)
_CIVIL_OBJECT = re.compile(r"\b(?:hospitals?|schools?|kindergartens?|apartment (?:blocks?|buildings?)|apartments?"
                           r"|residential (?:buildings?|blocks?|areas?)|markets?|churche?s?|theat(?:re|er)s?"
                           r"|shopping (?:centre|center|mall)s?|maternity (?:ward|hospital)s?|train stations?)\b", re.I)
_OBJECT_NAMES = {"station": "plant", "facility": "plant", "facilities": "plant", "hpp": "plant", "npp": "plant",
                 "hpps": "plant", "npps": "plant", "dike": "dam", "dikes": "dam", "dyke": "dam", "dykes": "dam",
                 "blocks": "apartment", "block": "apartment", "buildings": "apartment", "building": "apartment",
                 "apartments": "apartment", "areas": "apartment", "area": "apartment", "harbour": "port",
                 "harbor": "port", "harbours": "port", "churches": "church", "facilit": "plant"}
_DESTROY = re.compile(r"\b(blow(?:n|s|ing)? up|blew up|explo(?:ded|sions?|des?)|destr(?:oy\w*|uction)|breach\w*"
                      r"|shell(?:ed|ing|s)?|strik(?:e|es|ing)|struck|hit|sabotag\w*|mined|mining|undermin\w*"
                      r"|damag\w*|collaps\w*|bomb\w*|blast\w*|knocked out|wrecked|attack(?:s|ed|ing)?)\b", re.I)
_BLAME = re.compile(r"\b(sabotag\w*|saboteurs?|terror(?:ist)? (?:acts?|attacks?)|acts? of terror\w*|terrorism"
                    r"|provocations?|false[- ]flag|war crimes?|ecocide)\b", re.I)
_FIGURES = re.compile(r"\b(figures?|numbers?|tall(?:y|ies)|toll|statistics|count|claims?|reports?|statements?"
                      r"|data|losses)\b", re.I)
_FIGURES_OF = re.compile(r"\b(russi\w*|ukrain\w*|kyiv\W?s?|moscow\W?s?|kremlin)\s+(?:\w+\s+)?(?:figures?|numbers?"
                         r"|tall(?:y|ies)|claims?|statistics|count|reports?|data)\b", re.I)
_HARM = ("STRIKE", "CIVILIAN_HARM")
_ATTEMPTS = ("ADVANCE", "BREAKTHROUGH", "CAPTURE")
_FAILED = re.compile(r"\b(fail(?:ed|ure|s|ing)?|stall(?:ed|s|ing)?|bogged down|fizzled(?: out)?|came to nothing"
                     r"|unsuccessful|in vain|ground to a halt|petered out)\b", re.I)
_ACCUSED = re.compile(r"\b(accus\w*|allegations?|blam\w*|responsib\w*|involvement|culpab\w*)\b", re.I)
_DISOWN = re.compile(r"\b(nothing to do with|not involved|no involvement|had no part|played no part)\b", re.I)

OPPONENT = {"ukraine": "russia", "russia": "ukraine"}
_OWN_ACTION = {"ADVANCE", "CAPTURE", "WITHDRAWAL", "CONTROL", "DEPLOYMENT", "STRIKE"}


def propositions(claim: Claim) -> list[Proposition]:
    """The typed propositions a claim makes, one per typed clause (OTHER when none is typed).

    Clauses are sentences, split again at ", and (that)", ", but", ", while" and " and that"."""
    found = [prop for start, end in _sentences(claim) if (prop := _sentence_proposition(claim, start, end))]
    return found or [_proposition(claim, "OTHER", claim.content.start, claim.content.end, polarity=not _denied(claim))]


def sentence_type(text: str) -> str | None:
    """The ontology type of one sentence by its lexical triggers, or None."""
    return next((name for name, rx in TRIGGERS.items() if rx.search(text)), None)


def _sentences(claim: Claim) -> Iterator[tuple[int, int]]:
    """Absolute ``(start, end)`` of each clause in the claim's content."""
    base, text, start = claim.content.start, claim.content.text, 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.end()].strip():
            yield base + start, base + m.end()
        start = m.end()
    if text[start:].strip():
        yield base + start, base + len(text)


def _sentence_proposition(claim: Claim, start: int, end: int) -> Proposition | None:
    """The proposition of one sentence, or None when no trigger fires or the speaker only declines to
    confirm it ("had not confirmed the city's capture" neither asserts nor denies the capture)."""
    text = _text(claim, start, end)
    if _UNCONFIRMED.search(text):
        return None
    typed = typed_trigger(text)
    if typed is None:
        return _rebuttal(claim, start, end, text)
    name, at = typed
    blame = _BLAME.search(text) if name in _HARM else None
    polarity = not _denied(claim) if blame else not (_denied(claim) or _negated(text, at, name))
    return _proposition(claim, name, start, end, polarity, text, at)


def typed_trigger(text: str) -> tuple[str, int] | None:
    """``(type, trigger offset)`` of one clause, or None. The destruction of a named object (a dam, a
    bridge, a plant, a hospital) or a word of blame (sabotage, a provocation, a terrorist act) is a STRIKE
    even where a loss ("destroyed"), a breach or flooding would type it otherwise; ground fighting
    ("attacks on the plant were repelled") keeps its own type."""
    first = next(((name, m.start()) for name, rx in TRIGGERS.items() if (m := rx.search(text))), None)
    if first is not None and first[0] in ("REPEL", "WITHDRAWAL", "CAPTURE", "ADVANCE", "CONTROL"):
        return first
    blame = _BLAME.search(text)
    if blame:
        return "STRIKE", blame.start()
    obj, verb = _INFRA.search(text), _DESTROY.search(text)
    if obj and verb and (first is None or first[0] in ("BREAKTHROUGH", "LOSSES", "STRIKE", "DEPLOYMENT")):
        return "STRIKE", verb.start()
    return first


def _rebuttal(claim: Claim, start: int, end: int, text: str) -> Proposition | None:
    """A clause that calls figures false or exaggerated ("dismissed the figures as fiction", "the claimed
    tally is likely exaggerated") denies the losses those figures count: a LOSSES proposition with
    polarity False. The losses are the other side's when a side's figures are named ("Russian figures"),
    else the speaker's own (a side rejects the losses claimed against it)."""
    if _disowns(claim, text):
        return Proposition(claim_id=claim.id, type="STRIKE", polarity=False, actor=_known(claim.speaker.side),
                           target="blame", places=_places(claim, start, end), when=claim.when)
    if not (_says_false(text) and _FIGURES.search(text)):
        return None
    named = _FIGURES_OF.search(text)
    side = (_UKRAINE.search(named.group(1)) and "ukraine" or "russia") if named else None
    target = OPPONENT.get(side or "") if named else _known(claim.speaker.side)
    return Proposition(claim_id=claim.id, type="LOSSES", polarity=False, actor=OPPONENT.get(target or ""),
                       target=target, places=_places(claim, start, end), when=claim.when,
                       quantities=_quantities(claim, start, end, "LOSSES"))


def _proposition(claim: Claim, kind: str, start: int, end: int, polarity: bool,
                 text: str | None = None, at: int = 0) -> Proposition:
    """Build the proposition of ``claim`` for the sentence ``[start, end)``."""
    text = _text(claim, start, end) if text is None else text
    actor, target = roles(kind, text, at, claim.speaker.side, denied=_denied(claim))
    if kind in _HARM and (obj := harm_object(text)):
        actor, target = blamed(text, at, claim.speaker.side, denied=_denied(claim)), obj
    elif kind == "LOSSES" and target is None:
        target = _default_loser(text, claim.speaker.side, polarity)
        actor = OPPONENT.get(target or "", actor)
    return Proposition(claim_id=claim.id, type=kind, polarity=polarity, actor=actor, target=target,
                       places=_places(claim, start, end), when=claim.when,
                       quantities=_quantities(claim, start, end, kind))


def _text(claim: Claim, start: int, end: int) -> str:
    base = claim.content.start
    return claim.content.text[start - base:end - base]


def _denied(claim: Claim) -> bool:
    return claim.stance == "denies"


def _negated(text: str, at: int, kind: str = "") -> bool:
    """True when the sentence says the triggered thing did not happen (an offensive that "failed" or
    "stalled" did not advance)."""
    if _says_false(text) or kind in _ATTEMPTS and _FAILED.search(text, at):
        return True
    window = text[max(0, at - 40):at]
    return bool(_NEGATION.search(window))


def side_mentions(text: str, speaker_side: str) -> list[tuple[int, str]]:
    """``(offset, side)`` of every side a sentence names, in order; "the enemy" and "we" resolved."""
    hits = [(m.start(), "ukraine") for m in _UKRAINE.finditer(text)]
    hits += [(m.start(), "russia") for m in _RUSSIA.finditer(text)]
    if speaker_side in OPPONENT:
        hits += [(m.start(), OPPONENT[speaker_side]) for m in _ENEMY.finditer(text)]
        hits += [(m.start(), speaker_side) for m in _FIRST_PERSON.finditer(text)]
    return sorted(hits)


def roles(kind: str, text: str, at: int, speaker_side: str, *, denied: bool = False
          ) -> tuple[str | None, str | None]:
    """``(actor, target)`` sides for a sentence of type ``kind`` whose trigger is at ``at``.

    The actor is the subject: the first side named before the trigger, else the first named at all.
    Some triggers name the side they happen to: a line that collapses ("the Russian flanks were falling
    apart") is the target's, a side "forced out" is the one that withdraws, and for LOSSES the side that
    loses is the target. With no side named, a side's own report is about its own forces, but a denial
    answers the other side ("denied that the city had fallen", said by its defender).
    """
    mentions = side_mentions(text, speaker_side)
    before = [side for pos, side in mentions if pos < at]
    subject = before[0] if before else (mentions[0][1] if mentions else None)
    if kind == "REPEL":
        return _repel_roles(text, mentions, subject, speaker_side)
    if kind == "LOSSES" and (victim := loser(text, mentions)):
        return OPPONENT.get(victim), victim
    if kind == "BREAKTHROUGH" and subject and _COLLAPSE.search(text[at:at + 80]):
        return OPPONENT.get(subject), subject
    if kind == "WITHDRAWAL" and _FORCED.match(text, at):
        forced = [side for pos, side in mentions if pos > at]
        if forced:
            return forced[0], OPPONENT.get(forced[0])
    if subject is None and kind == "BREAKTHROUGH":
        return OPPONENT.get(speaker_side), _known(speaker_side)
    if subject is None and kind in _OWN_ACTION:
        own = _known(speaker_side)  # "forces advanced", said by a side, is its own forces
        subject = OPPONENT.get(own or "") if denied else own
    others = [side for _, side in mentions if side != subject]
    return subject, others[0] if others else OPPONENT.get(subject or "")


def loser(text: str, mentions: list[tuple[int, str]]) -> str | None:
    """The side that suffers the losses a sentence reports, or None when it does not say.

    The first side named as losing wins: the subject of "lost"/"suffered" ("Ukraine had lost"), the
    owner of the people or things counted ("Wagner fighters", "destroyed two Ukrainian tanks",
    "Russian losses") unless they do the destroying, the subject of a passive loss ("his fighters had
    been killed"), or the side losses are "for" ("heavy losses for the enemy").
    """
    for k, (pos, side) in enumerate(mentions):
        nxt = mentions[k + 1][0] if k + 1 < len(mentions) else len(text)
        word = _mention_end(text, pos)
        if _SUFFER.search(text[word:min(nxt, pos + 40)]) or _PERSONNEL.match(text, word) \
                or _PASSIVE_LOSS.match(text, word) \
                or _LOSS_OF.search(text, max(0, pos - 30), pos):
            return side
    return None


def _mention_end(text: str, pos: int) -> int:
    """Where the side mention starting at ``pos`` ends (after "the enemy", "his fighters", "Ukrainian")."""
    for rx in (_FIRST_PERSON, _ENEMY, _UKRAINE, _RUSSIA):
        m = rx.match(text, pos)
        if m:
            return m.end()
    return pos


def _repel_roles(text: str, mentions: list[tuple[int, str]], subject: str | None,
                 speaker_side: str) -> tuple[str | None, str | None]:
    """``(defender, attacker)``: the side named with the attack ("Ukrainian attacks", "attacks of the
    Armed Forces of Ukraine") attacks; else "we" or the subject defends."""
    attack = _ATTACK_NOUN.search(text)
    if attack:
        near = [side for pos, side in mentions if attack.start() - 15 <= pos <= attack.end() + 60]
        if near:
            return _known(OPPONENT.get(near[0])), _known(near[0])
    defender = speaker_side if _FIRST_PERSON.search(text) and speaker_side in OPPONENT else subject
    defender = defender or (speaker_side if speaker_side in OPPONENT else None)
    return _known(defender), _known(OPPONENT.get(defender or ""))


def _known(side: str | None) -> str | None:
    return side if side in OPPONENT else None


def harm_object(text: str) -> str | None:
    """The object a strike or harm clause names ("dam", "bridge", "power plant", "hospital"), or "blame"
    for a clause that only blames ("a provocation", "sabotage"); None when it names neither."""
    m = _INFRA.search(text) or _CIVIL_OBJECT.search(text)
    if m:
        word = re.sub(r"\s+", " ", m.group(0).lower())
        return _OBJECT_NAMES.get(word.split()[-1], word.split()[-1].rstrip("s"))
    return "blame" if _BLAME.search(text) else None


def _disowns(claim: Claim, text: str) -> bool:
    """A side rejecting blame ("called the accusations absurd", "had nothing to do with it") denies that its
    own forces struck; the event's place and time say which strike."""
    if claim.speaker.side not in OPPONENT:
        return False
    accused = _ACCUSED.search(text)
    return bool(_DISOWN.search(text) or accused and (_says_false(text) or _denied(claim)))


def blamed(text: str, at: int, speaker_side: str, *, denied: bool = False) -> str | None:
    """The side a strike or harm clause holds responsible (the actor-of-blame slot).

    A side named with a word of blame ("Kyiv's provocation", "a terrorist act by the Russian army") is
    blamed; else the first side named before the trigger, else the first named at all. Unnamed: a word of
    blame said by a side blames the other side; a side's denial is its own forces' ("denied striking the
    plant"); a plain report ("the dam was blown up") blames nobody."""
    mentions = side_mentions(text, speaker_side)
    blame = _BLAME.search(text)
    if blame and not denied:
        near = [(abs(pos - blame.start()), side) for pos, side in mentions
                if blame.start() - 40 <= pos <= blame.end() + 30]
        if near:
            return _known(min(near)[1])
    before = [side for pos, side in mentions if pos < at]
    named = before[0] if before else (mentions[0][1] if mentions else None)
    if named:
        return _known(named)
    if blame and not denied:
        return OPPONENT.get(speaker_side)
    return _known(speaker_side) if denied else None


def _default_loser(text: str, speaker_side: str, polarity: bool) -> str | None:
    """Whose losses a clause reports when it names no side: "we lost" or a denial ("no tanks were lost")
    is the speaker's own side; a tally of things destroyed or killed is the other side's."""
    if speaker_side not in OPPONENT:
        return None
    if not polarity or _SUFFER.search(text):
        return speaker_side
    return OPPONENT[speaker_side]


def _places(claim: Claim, start: int, end: int) -> list[Place]:
    inside = [p for p in claim.places if start <= p.span.start < end]
    return inside or list(claim.places)


def _quantities(claim: Claim, start: int, end: int, kind: str = "") -> list[Quantity]:
    """The claim's quantities inside the sentence; a front's width is counted as "front"; a supply
    given "in full" is 100 %, so it can be compared with a share ("only 10% of the shells")."""
    found = [_front(claim, q) for q in claim.quantities if start <= q.span.start < end]
    if kind in _HARM:
        found = [_harmed(claim, q, end) for q in found]
    if kind == "DEPLOYMENT" and not any(q.unit == "%" for q in found):
        found += [_in_full(start, m) for m in _IN_FULL.finditer(_text(claim, start, end))][:1]
    return found


_HARM_WORDS = re.compile(r"\b(?:(kill\w*|dead|died|deaths?|death toll|perished|drowned)|(injur\w*|wounded|hurt)"
                         r"|(evacuat\w*|rescued|displaced|relocated)|(flood\w*|inundat\w*|submerged|under ?water)"
                         r"|(without (?:power|electricity|water|drinking water|heating)|power cuts?|blackouts?)"
                         r"|(destroy\w*|damag\w*))\b", re.I)
_HARM_KEYS = ("killed", "injured", "evacuated", "flooded", "without power", "destroyed")
_PEOPLE = {"people", "persons", "person", "civilians", "civilian", "residents", "resident", "inhabitants"}


def _harmed(claim: Claim, q: Quantity, end: int) -> Quantity:
    """A humanitarian figure keyed by what happened to what is counted ("people killed", "people
    evacuated", "settlements flooded", "homes without power"), so different figures of one disaster are
    not compared with each other; words for civilians count as "people". The nearest harm word after
    the number wins (within the clause), else the nearest one before it."""
    base = claim.content.start
    after = claim.content.text[q.span.end - base:end - base]
    before = claim.content.text[max(0, q.span.start - base - 60):max(0, q.span.start - base)]
    m = _HARM_WORDS.search(after)
    if m is None or m.start() > 60:
        hits = list(_HARM_WORDS.finditer(before))
        m = hits[-1] if hits else m
    if m is None or q.unit is not None:
        return q
    what = _HARM_KEYS[next(i for i, g in enumerate(m.groups()) if g)]
    noun = (q.counted or "").lower()
    noun = "people" if noun in _PEOPLE or not noun else noun
    return q.model_copy(update={"counted": f"{noun} {what}"})


def _in_full(start: int, m: re.Match) -> Quantity:
    """The quantity "100 %" for an "in full" phrase (``m`` matched the clause text starting at ``start``)."""
    at = start + m.start()
    return Quantity(span=Span(text=m.group(0), start=at, end=at + len(m.group(0))), value=100.0, low=100.0,
                    high=100.0, unit="%", bound="exact")


def _front(claim: Claim, q: Quantity) -> Quantity:
    """A front's width counted as "front"; a bare count takes the noun right after it ("“no more than
    100” men": the closing quote kept the noun from the number)."""
    rel = q.span.end - claim.content.start
    after = claim.content.text[rel:rel + 30] if 0 <= rel <= len(claim.content.text) else ""
    front = _FRONT.match(after) or "front" in (q.counted or "").lower()
    if front:
        return q.model_copy(update={"counted": "front"})
    noun = _COUNTED_AFTER.match(after) if q.counted is None and q.unit is None else None
    return q.model_copy(update={"counted": noun.group(1).lower()}) if noun else q
