"""Properties of linking over random claim sets: deterministic, order-free, consistent ids, and ids kept
when the stored events are handed back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.link import link
from counterclaim.models import Event, Relation

SENTENCES = [
    "Every attack launched by Ukrainian army units near {p} was repelled.",
    "Our defence forces advanced {n} kilometres near {p}.",
    "Kyiv's forces had advanced {n} kilometers near {p}",
    "Ukrainian troops made a breakthrough near {p}",
    "Our troops did not lose one position near {p}",
    "The enemy lost {n} soldiers near {p}",
    "Russian forces captured {p}",
    "everything is going according to plan near {p}",
]
SPEAKERS = [("Russian Ministry of Defence", "russia"), ("Ganna Malyar", "ukraine"),
            ("Yevgeny Prigozhin", "russia"), ("Kyiv Post", "media"), ("ISW", "third_party")]

claim_args = st.tuples(st.sampled_from(SENTENCES), st.sampled_from(SPEAKERS), st.sampled_from(["Bakhmut", "Soledar", "Kherson"]),
                       st.sampled_from([2, 3, 500]), st.sampled_from(["d1", "d2", "d3"]),
                       st.sampled_from(["2023-05-10", "2023-05-11", "2023-05-20", None]),
                       st.sampled_from(["asserts", "denies"]))


def build(claim, args):
    sentence, (speaker, side), place, number, doc, when, stance = args
    text = sentence.format(p=place, n=number)
    unit = "km" if "kilomet" in text else None
    quantities = ((str(number), number, unit, "exact"),) if str(number) in text else ()
    return claim(text, speaker, side, doc=doc, when=when, places=(place,), quantities=quantities, stance=stance)


@settings(max_examples=40, deadline=None)
@given(st.lists(claim_args, max_size=12), st.randoms(use_true_random=False))
def test_linking_is_deterministic_and_consistent(claim, args, rnd):
    claims = list({c.id: c for c in (build(claim, a) for a in args)}.values())
    result = link(claims)
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert link(shuffled) == result
    rel_ids = [r.id for r in result.relations]
    assert len(rel_ids) == len(set(rel_ids))
    for r in result.relations:
        assert r.a != r.b and r.a < r.b and r.id == Relation.make_id(r.a, r.b, r.kind)
    member = {cid: e for e in result.events for cid in e.claim_ids}
    assert len(member) == sum(len(e.claim_ids) for e in result.events)  # a claim is in one event at most
    for e in result.events:
        assert e.id == Event.make_id(e.claim_ids)
        assert sorted(cid for c in e.propositions for cid in c.members) == sorted(e.claim_ids)  # clusters partition it
        for rid in e.relation_ids:
            r = next(x for x in result.relations if x.id == rid)
            assert r.a in e.claim_ids and r.b in e.claim_ids
    assert all(r.a in member and r.b in member for r in result.relations)
    assert link(claims, previous={e.id: e.claim_ids for e in result.events}) == result
