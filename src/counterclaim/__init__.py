"""counterclaim: track contested claims in war reporting.

The pipeline, one package per stage: ``ingest`` (files to Documents) →
``extract`` (Documents to Claims) → ``link`` (Claims to Events and Relations) →
``store`` (SQLite or PostgreSQL) → ``serve`` (HTTP API and web app). ``cli``
is a thin layer over all of them.
"""

from counterclaim.models import (
    Assessment,
    Claim,
    Document,
    Event,
    Place,
    Proposition,
    Quantity,
    Relation,
    Span,
    Speaker,
    TimeRange,
)

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "Claim",
    "Document",
    "Event",
    "Place",
    "Proposition",
    "Quantity",
    "Relation",
    "Span",
    "Speaker",
    "TimeRange",
    "__version__",
]
