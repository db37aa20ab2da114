from tests.store.conftest import backend, store

__all__ = ["backend", "store"]
