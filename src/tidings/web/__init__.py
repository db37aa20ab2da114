"""REST API and web page: ``create_app(store)``, run by ``tidings serve``."""

from tidings.web.app import create_app, static_ready

__all__ = ["create_app", "static_ready"]
