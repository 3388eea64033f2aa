"""The app as the browser tests run it under uvicorn, plus one deliberately unsafe test-only route.

``/__test__/unescaped?html=...`` echoes its input unescaped. It exists only here,
never in the package: a test loads a script through it to prove that the
browser tests' ``dialog`` listener would notice a script that runs.
"""

from __future__ import annotations

import os

from fastapi.responses import HTMLResponse

from counterclaim.serve.app import create_app


def make_app():
    """The app on ``CC_TEST_DB`` with token ``CC_TEST_TOKEN``; ``CC_TEST_CSP=0`` turns CSP off."""
    app = create_app(os.environ["CC_TEST_DB"], os.environ["CC_TEST_TOKEN"], csp=os.environ.get("CC_TEST_CSP") != "0")

    @app.get("/__test__/unescaped", include_in_schema=False)
    def unescaped(html: str = "") -> HTMLResponse:
        return HTMLResponse(f"<!doctype html><title>unsafe test page</title><body>{html}</body>")

    return app
