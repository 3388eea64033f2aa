"""The attribution component: who (source) says (cue) what (content), as spaCy spans.

``counterclaim_attribution_v1`` tags the doc's paragraphs with the MiniLM tagger
(:mod:`attribution_tagger`, labels of :mod:`attribution_labels`), pairs every content with its cue and every cue with
its source (dependency links first, then proximity in the sentence, then in the
paragraph), and applies the linguistic rules of :mod:`attribution_rules`
(coordinated speakers, nominal claims, denials of claims, quote-only paragraphs
that continue the previous speaker, the outlet's own reporting). It writes
``doc.spans["cc_source"|"cc_cue"|"cc_content"]`` and ``doc._.cc_attributions``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from counterclaim.extract import attribution_labels as labels
from counterclaim.extract import attribution_tagger as tagger

COMPONENT = "counterclaim_attribution_v1"


@dataclass(eq=False)
class Attribution:
    """One attribution found in a spaCy doc. ``source is None`` with ``continues`` set: the speaker
    carries over from that earlier attribution; with ``outlet`` set: the publishing outlet speaks.
    ``group``: the whole coordinated subject ("Both Kyiv and Moscow") when ``source`` is one of
    its members; the claim names the member and points at the words as written."""

    source: Span | None
    cue: Span | None
    content: Span
    method: str = "tagger"
    continues: Attribution | None = None
    outlet: bool = False
    group: Span | None = None


if not Doc.has_extension("cc_attributions"):
    Doc.set_extension("cc_attributions", default=None)


def _sentence_ids(span: Span) -> set[int]:
    return {span.doc[i].sent.start for i in (span.start, span.end - 1)}


def _root_heads(span: Span) -> set[int]:
    """Token indices that the span's roots (tokens whose head lies outside) attach to."""
    return {t.head.i for t in span if not (span.start <= t.head.i < span.end)}


def _distance(a: Span, b: Span) -> int:
    return max(0, b.start - a.end, a.start - b.end)


def _nearest(target: Span, candidates: list[Span], linked: set[int]) -> Span | None:
    """The nearest candidate attached to ``target`` by a dependency, else the nearest in the
    same sentence, else the nearest in the paragraph (ties go to the candidate before)."""
    if not candidates:
        return None
    attached = [c for c in candidates if any(c.start <= i < c.end for i in linked)
                or (_root_heads(c) & set(range(target.start, target.end)))]
    if attached:  # "X elaborated on Friday, claiming: ...": the nearer of two linked cues
        return min(attached, key=lambda c: (_distance(target, c), c.start > target.start))
    sents = _sentence_ids(target)
    same = [c for c in candidates if _sentence_ids(c) & sents]
    pool = same or candidates
    return min(pool, key=lambda c: (_distance(target, c), c.start > target.start))


def dependency_subject(cue: Span, content: Span) -> Span | None:
    """The grammatical subject of the cue's verb, climbing participles and infinitives
    ("Russia elaborated on Friday, claiming: ..." -> "Russia"); never inside the content."""
    tok = cue.root
    for _ in range(3):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "DET"]
        if subj:
            span = _trimmed(cue.doc, subj[0].left_edge.i, subj[0].right_edge.i + 1)
            if span is None:
                return None
            inside = content.start <= span.start < content.end or content.start < span.end <= content.end
            return None if inside else span
        if tok.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "acl") or tok.head is tok:
            return None
        tok = tok.head
    return None


def pair(doc: Doc, tagged: list[labels.TaggedSpan], para: list) -> tuple[list[Attribution], list[Span], list[Span]]:
    """Contents with their cues and sources, within one paragraph (``tagged`` indexes its tokens,
    which skip whitespace tokens, so a tagged run maps to doc tokens through ``para``);
    also the cues no content took, and all the sources."""
    def as_span(t: labels.TaggedSpan) -> Span:
        return doc[para[t.start].i: para[t.end - 1].i + 1]

    def clean(t: labels.TaggedSpan) -> Span | None:
        """Sources and cues without edge punctuation or spaces ("said:" -> "said")."""
        start, end = para[t.start].i, para[t.end - 1].i + 1
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return doc[start:end] if start < end else None

    contents = [as_span(t) for t in tagged if t.role == "content"]
    cues = [s for s in (clean(t) for t in tagged if t.role == "cue") if s is not None]
    sources = [s for s in (clean(t) for t in tagged if t.role == "source") if s is not None]
    out = []
    for content in contents:
        if _question_word(content):
            continue
        inner = [c for c in cues if content.start <= c.start and c.end <= content.end]
        cue = inner[0] if inner else _nearest(content, cues, _root_heads(content))
        anchor = cue if cue is not None else content
        src_inner = [s for s in sources if anchor.start <= s.start and s.end <= content.end and cue is not None
                     and content.start <= s.start]
        source = src_inner[0] if src_inner else _nearest(anchor, sources, {t.i for t in anchor})
        if cue is not None and (source is None or not (_sentence_ids(source) & _sentence_ids(cue))):
            source = dependency_subject(cue, content) or source
        if cue is None and source is None:
            continue  # a content without cue or source: only the quote-continuation rule may adopt it
        out.append(Attribution(source=source, cue=cue, content=content))
    used = {a.cue.start for a in out if a.cue is not None}
    return out, [c for c in cues if c.start not in used], sources


def _question_word(content: Span) -> bool:
    """A content that is only the wh-word opening a question ("What has Russia said?"): the
    question asks what was said and attributes nothing."""
    sent = content.sent
    last = [t for t in sent if not t.is_space][-1]
    return len(content) == 1 and content[0].tag_ in ("WP", "WDT", "WRB") and content.start == sent.start \
        and last.text == "?"


def _free(content: Span, found: list[Attribution]) -> bool:
    return not any(a.content.start < content.end and content.start < a.content.end for a in found)


def _trimmed(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {",", ":", ";", '"', "“", "”"}):
        end -= 1
    return doc[start:end] if start < end else None


def complete_cue(cue: Span, sources: list[Span], next_para: list | None, found: list[Attribution]) -> Attribution | None:
    """A content for a cue the tagger left without one: the next paragraph after "X said:", else
    the clausal complement of the cue verb ("..., the source added")."""
    doc = cue.doc
    colon = cue.end < len(doc) and doc[cue.end].text == ":" and (cue.end + 1 >= len(doc) or doc[cue.end + 1].is_space
                                                                 or "\n" in doc[cue.end].whitespace_)
    content = None
    if colon and next_para:
        content = _trimmed(doc, next_para[0].i, next_para[-1].i + 1)
    else:
        comp = [c for c in cue.root.children if c.dep_ == "ccomp"]
        if comp:
            content = _trimmed(doc, comp[0].left_edge.i, comp[0].right_edge.i + 1)
    if content is None or len(content) < 3 or not _free(content, found):
        return None
    source = dependency_subject(cue, content) or _nearest(cue, sources, {t.i for t in cue})
    if source is None:
        return None
    return Attribution(source=source, cue=cue, content=content, method="tagger+rules:complement")


SPAN_CONVENTIONS = ("claim", "polnear")


@Language.factory(COMPONENT, assigns=["doc.spans", "doc._.cc_attributions"], default_config={"spans": "claim"})
def make_attribution(nlp: Language, name: str, spans: str) -> AttributionComponent:
    """Register the component (``nlp.add_pipe("counterclaim_attribution_v1", config={"spans": "claim"})``)."""
    if spans not in SPAN_CONVENTIONS:
        raise ValueError(f"{name}: unknown span convention {spans!r}; expected one of {', '.join(SPAN_CONVENTIONS)}")
    return AttributionComponent(spans)


class AttributionComponent:
    """Tags, pairs and applies the rules; one pass per doc. ``spans`` is the span convention:
    "claim" trims contents to the proposition and cues to the speech verb, "polnear" keeps the
    tagger's PolNeAR-style spans ("that", auxiliaries)."""

    def __init__(self, spans: str = "claim"):
        self.spans = spans

    def __call__(self, doc: Doc) -> Doc:
        from counterclaim.extract import attribution_rules as rules

        found: list[Attribution] = []
        paras = labels.paragraphs(doc)
        tagged = doc._.cc_tags if doc._.cc_tags is not None else tagger.tag_paragraphs(paras)  # batch tagger ran?
        for k, (para, tags) in enumerate(zip(paras, tagged, strict=True)):
            paired, unused, sources = pair(doc, labels.decode(labels.repair_idioms(para, tags)), para)
            found.extend(paired)
            for cue in unused:
                extra = complete_cue(cue, sources, paras[k + 1] if k + 1 < len(paras) else None, found)
                if extra is not None:
                    found.append(extra)
        found = rules.apply_all(doc, paras, found, trim_to_claim=self.spans == "claim")
        doc._.cc_attributions = found
        doc.spans["cc_source"] = [a.source for a in found if a.source is not None]
        doc.spans["cc_cue"] = [a.cue for a in found if a.cue is not None]
        doc.spans["cc_content"] = [a.content for a in found]
        return doc
