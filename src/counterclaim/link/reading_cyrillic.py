"""Russian and Ukrainian claims read into the questions and answers of :mod:`.reading`.

Not written yet: every Cyrillic claim is compared by its wording alone (frame ``other``).
"""

from __future__ import annotations

from counterclaim.link.reading import Reading


def read_text(text: str, speaker_side: str, denied: bool = False) -> Reading:
    """The reading of a Russian or Ukrainian content ``text``."""
    return Reading("other", None, not denied)
