"""Errors that tidings raises on purpose. Each names the input and the next step."""

from __future__ import annotations


class TidingsError(Exception):
    """Base class: a problem the user can act on (the CLI prints it and exits non-zero)."""

    exit_code = 1


class ConfigError(TidingsError):
    """A setting is unknown or has a value of the wrong kind."""

    exit_code = 2


class InputError(TidingsError):
    """An input (file, URL, record) cannot be read; the message names it and why."""

    exit_code = 3


class ModelError(TidingsError):
    """The spaCy pipeline or a data resource cannot be loaded."""

    exit_code = 4


class StoreError(TidingsError):
    """The database cannot be opened or written."""

    exit_code = 5


class EvalDataError(TidingsError):
    """Evaluation data is missing or not in the expected layout."""

    exit_code = 6
