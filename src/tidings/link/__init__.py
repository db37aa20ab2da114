"""Event linking: the same real-world event across sentences and articles.

:mod:`tidings.link.features` decides whether two events are the same event;
:mod:`tidings.link.minhash` finds near-duplicate articles; :mod:`tidings.link.summary`
gives a cluster its best-supported coding; :mod:`tidings.link.incremental` does it
all inside :meth:`tidings.store.Store.add`.
"""

from tidings.link.features import Decision, EventSig, decide, signature
from tidings.link.summary import Member, cluster_factuality, summarize

__all__ = ["Decision", "EventSig", "Member", "cluster_factuality", "decide", "signature",
           "summarize"]
