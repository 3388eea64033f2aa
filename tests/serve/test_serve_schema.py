"""Schemathesis against the OpenAPI schema: no generated request may make the API fail with a 5xx.

Bounded to a few dozen examples per operation so the whole run stays well under a minute.
The app is built at import because schemathesis parametrizes tests at collection time.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
import serve_data
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from serve_data import TOKEN

from counterclaim.serve.app import create_app

_DIR = Path(tempfile.mkdtemp(prefix="cc-schema-"))
atexit.register(shutil.rmtree, _DIR, ignore_errors=True)
serve_data.build(f"sqlite:///{_DIR / 'store.db'}", with_hostile=True)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(f"sqlite:///{_DIR / 'store.db'}", TOKEN,
                                                                                hosts=["testserver"]))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
    case.call_and_validate(checks=[not_a_server_error])
