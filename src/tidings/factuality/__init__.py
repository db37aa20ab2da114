"""Factuality: whether each event happened, according to the text.

Labels (asserted, reported, negated, possible, hypothetical, planned, refuted) with the
words that decide them, and a graded score on the [-3, +3] scale fitted on the UW and
MEANTIME factuality data.
"""

from tidings.factuality.model import Scorer, default_scorer, load_scorer
from tidings.factuality.stage import FactualityStage, assess

__all__ = ["FactualityStage", "Scorer", "assess", "default_scorer", "load_scorer"]
