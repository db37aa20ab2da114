"""Places: toponym recognition and resolution to GeoNames."""

from tidings.geo.gazetteer import Gazetteer
from tidings.geo.stage import PlaceStage

__all__ = ["Gazetteer", "PlaceStage"]
