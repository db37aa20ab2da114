"""``tidings timex-annotate IN_DIR OUT_DIR``: TimeML files with tidings' own TIMEX3 tags."""

from __future__ import annotations

from pathlib import Path

import click

from tidings.cli.common import config_options, handle_errors, make_config


@click.command(name="timex-annotate")
@click.argument("in_dir", type=click.Path(exists=True, path_type=Path))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@config_options
@handle_errors
def command(in_dir: Path, out_dir: Path, config_path: str | None,
            spacy_model: str | None) -> None:
    """Write every .tml under IN_DIR to OUT_DIR (same relative path) with the header,
    DCT and text kept and only tidings' TIMEX3 tags in the text, for scoring with the
    official TempEval-3 toolkit."""
    from tidings.nlp import load_nlp
    from tidings.time.stage import annotate
    from tidings.time.timeml import find_timeml, read_timeml, timex_tags, write_timeml

    config = make_config(config_path, spacy_model=spacy_model)
    paths = find_timeml(in_dir)
    docs = [read_timeml(p) for p in paths]
    nlp = load_nlp(config.spacy_model)
    root = in_dir if in_dir.is_dir() else in_dir.parent
    n_tags = 0
    for doc, parsed in zip(docs, nlp.pipe([d.text for d in docs],
                                          batch_size=config.batch_size), strict=True):
        tags = timex_tags(annotate(doc.text, doc.dct, parsed))
        n_tags += len(tags)
        target = out_dir / doc.path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(write_timeml(doc, tags), encoding="utf-8")
    click.echo(f"wrote {len(docs)} TimeML files with {n_tags} TIMEX3 to {out_dir}")
