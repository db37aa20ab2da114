"""The factuality stage moved to :mod:`tidings.factuality`; kept importable from here."""

from tidings.factuality.stage import FactualityStage

__all__ = ["FactualityStage"]
