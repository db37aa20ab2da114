"""The event lexicon: CAMEO/PLOVER/ACLED type table and verb/noun patterns (data files)."""

from tidings.lexicon.patterns import Constraint, Pattern, PatternError
from tidings.lexicon.table import CodeInfo, Lexicon

__all__ = ["CodeInfo", "Constraint", "Lexicon", "Pattern", "PatternError"]
