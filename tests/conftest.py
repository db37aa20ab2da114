"""Shared fixtures: one pipeline per test session, the shared data folder."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.annotations import Analysis
from tidings.config import load_config
from tidings.pipeline import Pipeline, Resources
from tidings.records import Document

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


@pytest.fixture(scope="session")
def seed(pipeline: Pipeline) -> Analysis:
    """The article the project starts from (Asia-Plus, 2022-01-12), analysed once for
    every acceptance test (events, times, attribution, factuality)."""
    path = shared_path("seed", "000_d771c9b33da33c29.txt")
    doc = Document.from_text(path.read_text(encoding="utf-8"), outlet="Asia-Plus",
                             published_at=datetime(2022, 1, 12, tzinfo=UTC))
    (analysis,) = pipeline.analyse([doc])
    assert not analysis.rejected
    return analysis
