"""counterclaim.lang: which language a document and each of its paragraphs is written in.

``identify(text)`` returns the document's language and one ``(start, end, language)``
entry per paragraph; languages are ISO 639-1 codes among :data:`SUPPORTED`
(English, Russian, Ukrainian), ``None`` where a paragraph has no letters to judge.
:mod:`counterclaim.lang.script` says what is odd about Cyrillic text (mixed-script
words, pre-reform letters, transliterated names) in words a person can act on.
"""

from counterclaim.lang.detect import SUPPORTED, Identified, identify, language_of, paragraphs

__all__ = ["SUPPORTED", "Identified", "identify", "language_of", "paragraphs"]
