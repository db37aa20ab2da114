"""Shared fixtures: one pipeline per test session, the shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tidings.config import load_config
from tidings.pipeline import Pipeline, Resources

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIDINGS_SHARED", ROOT.parent / "shared")) / "data"
SAMPLE = ROOT / "src" / "tidings" / "data" / "sample"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, skipping the test with a reason when absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared gold data not available: {path} is absent "
                    "(set TIDINGS_SHARED to the folder holding data/)")
    return path


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources.load(load_config(env={}))


@pytest.fixture(scope="session")
def pipeline(resources: Resources) -> Pipeline:
    return Pipeline(resources, load_config(env={}))
