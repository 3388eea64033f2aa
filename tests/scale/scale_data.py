"""Documents the scale-out tests extract, and claims in a comparable form."""

from __future__ import annotations

from datetime import UTC, datetime

from counterclaim.models import Document

TEXTS = [
    "The defence ministry said on Friday that all attacks near Soledar had been repelled.",
    "According to the regional governor, at least 12 people were hurt in the strike.",
    '"We advanced two kilometres," the deputy minister said in a statement.',
    "Kyiv denied that its troops had withdrawn from the town, a spokesman told reporters.",
    "The governor said 40 homes were damaged.\n\nThe mayor claimed the shelling lasted all night.",
    "Analysts at the institute wrote that the offensive had stalled near the river.",
]


def _docs() -> list[Document]:
    published = datetime(2023, 5, 12, 9, 0, tzinfo=UTC)
    return [
        Document(id=f"d{i}", text=text, outlet="Test Wire", published=published)
        for i, text in enumerate(TEXTS)
    ]


def _dumped(pairs) -> dict[str, list[dict]]:
    return {doc_id: [c.model_dump() for c in claims] for doc_id, claims in pairs}
