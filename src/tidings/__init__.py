"""tidings: political events from news, with their evidence, places, times and sources.

    >>> import tidings
    >>> events = tidings.extract(text, published="2022-01-12", outlet="Asia-Plus")
"""

from tidings.pipeline import Pipeline, Resources, extract
from tidings.records import (
    Actor,
    AttributionLink,
    Document,
    Event,
    EventCluster,
    Factuality,
    Place,
    TimeValue,
)
from tidings.version import __version__

__all__ = [
    "Actor",
    "AttributionLink",
    "Document",
    "Event",
    "EventCluster",
    "Factuality",
    "Pipeline",
    "Place",
    "Resources",
    "TimeValue",
    "__version__",
    "extract",
]
