"""Actor resolution on the gold actors of PLOVER GSR and PETRARCH-2 GSR.

Usage: PYTHONPATH=src python tools/actor_gsr.py [--shared ../shared/data] [--misses N]

Prints code/sector agreement for PLOVER GSR (gold actor texts resolved one by one)
and the share of PETRARCH-2 GSR gold codes reached by some resolved mention of their
sentence. See ``tidings.actors.gsr`` for what is compared.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tidings.actors import ActorKB, ActorResolver
from tidings.actors.gsr import petrarch_reach, plover_agreement, summary
from tidings.config import load_config
from tidings.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--misses", type=int, default=15)
    args = parser.parse_args()
    nlp = load_nlp(load_config(env={}).spacy_model)
    resolver = ActorResolver(ActorKB.load())
    plover = plover_agreement(args.shared / "plover_gsr_cameo", nlp, resolver)
    print(summary("PLOVER GSR (gold actor texts)", plover, args.misses))
    petr = petrarch_reach(args.shared / "petrarch2_gsr_validation", nlp, resolver)
    print(summary("PETRARCH-2 GSR (gold codes reached)", petr, args.misses))


if __name__ == "__main__":
    main()
