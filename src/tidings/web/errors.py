"""One error envelope for every error the API returns.

Every error, whatever raised it (a missing record, a bad parameter, an unknown
route, a wrong token, a bug), reaches the client as::

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": [...]}}

``details`` lists the offending parameters for validation errors and is empty
otherwise. A test holds this shape for each kind of error.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from tidings.errors import StoreError, TidingsError

log = logging.getLogger("tidings.web")


class ApiError(Exception):
    """An error with its HTTP status, a short code and a message for people."""

    def __init__(self, status: int, code: str, message: str,
                 details: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers


class ErrorDetail(BaseModel):
    """One problem with the request: where (``loc``) and what."""

    model_config = ConfigDict(extra="forbid")
    loc: list[str | int] = []
    msg: str
    type: str = "value_error"


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorEnvelope(BaseModel):
    """What every error response holds."""

    model_config = ConfigDict(extra="forbid")
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorEnvelope, "description": HTTPStatus(code).phrase}
    for code in (400, 401, 403, 404, 422, 500)
}
"""The error responses each route documents in the OpenAPI schema."""


def envelope(status: int, code: str, message: str,
             details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message,
                      "details": details or []}}


def error_response(status: int, code: str, message: str,
                   details: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(envelope(status, code, message, details), status_code=status,
                        headers=headers)


def _code_for(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for e in exc.errors():
        loc = [p if isinstance(p, int) else str(p) for p in e.get("loc", ())]
        out.append({"loc": loc, "msg": str(e.get("msg", "invalid value")),
                    "type": str(e.get("type", "value_error"))})
    return out


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and message == "Not Found":
        message = "no such page or endpoint; the API is described at /docs"
    return error_response(exc.status_code, _code_for(exc.status_code), message,
                          headers=getattr(exc, "headers", None))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = _validation_details(exc)
    where = ", ".join(".".join(str(p) for p in d["loc"]) for d in details) or "the request"
    return error_response(422, "invalid_request",
                          f"invalid value in {where}; see details and the schema at /docs",
                          details)


async def _tidings_error(_request: Request, exc: Exception) -> JSONResponse:
    # StoreError here is almost always a bad cursor or an empty text query: the
    # client's to fix. Anything else from tidings is an input problem too.
    assert isinstance(exc, TidingsError)
    code = "store_error" if isinstance(exc, StoreError) else "invalid_input"
    return error_response(400, code, str(exc))


def install(app: FastAPI) -> None:
    """Register the handlers that turn every exception into the envelope."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(TidingsError, _tidings_error)


def internal_error() -> JSONResponse:
    """The response for an unexpected exception (the guard middleware logs it)."""
    return error_response(500, "internal_error",
                          "the server failed on this request; it is logged on the server")
