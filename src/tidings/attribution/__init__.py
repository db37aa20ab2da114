"""Attribution (who says so) and factuality (whether it happened)."""

from tidings.attribution.factuality import FactualityStage
from tidings.attribution.stage import AttributionStage

__all__ = ["AttributionStage", "FactualityStage"]
