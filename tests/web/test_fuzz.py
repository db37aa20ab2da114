"""API fuzzing from the OpenAPI schema (schemathesis): no server errors, every
error in the one envelope, every answer as the schema says. Bounded examples."""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="fuzzing needs schemathesis "
                                   "(pip install -e .[dev])")
from hypothesis import HealthCheck, settings  # noqa: E402

from tests.web.conftest import TOKEN  # noqa: E402
from tests.web.records import corpus  # noqa: E402
from tidings.store import Store  # noqa: E402
from tidings.web import create_app  # noqa: E402
from tidings.web.errors import ErrorEnvelope  # noqa: E402

MAX_EXAMPLES = 15


def _app() -> Any:
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    # built when the module is collected (schemathesis reads the schema then)
    folder = Path(tempfile.mkdtemp(prefix="tidings-fuzz-"))
    store = Store.open(str(folder / "fuzz.db"))
    store.add(corpus())
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    atexit.register(store.close)

    def no_pipeline() -> Any:
        raise RuntimeError("fuzzing does not run the pipeline")

    # a token the fuzzer does not know: write endpoints must refuse in the envelope
    return create_app(store, token=TOKEN + "-unknown", pipeline_factory=no_pipeline)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schemathesis.check
def error_envelope(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every 4xx/5xx body is exactly the error envelope."""
    if response.status_code >= 400:
        ErrorEnvelope.model_validate(response.json())
    return None


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None,
          suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_fuzz(case: Any) -> None:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    case.call_and_validate(checks=[not_a_server_error, status_code_conformance,
                                   content_type_conformance, response_schema_conformance,
                                   error_envelope])
