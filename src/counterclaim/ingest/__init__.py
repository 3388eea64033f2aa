"""counterclaim.ingest: files to :class:`~counterclaim.models.Document`s, stored idempotently.

One reader per format (``text``, ``html``, ``jsondoc``, ``feeds``, ``telegram``), each
``read(path, text) -> list[Document]`` raising only :class:`~counterclaim.errors.InputError`.
"""

from counterclaim.ingest.inputs import expand_inputs
from counterclaim.ingest.read import read_file
from counterclaim.ingest.run import IngestSummary, ingest

__all__ = ["IngestSummary", "expand_inputs", "ingest", "read_file"]
