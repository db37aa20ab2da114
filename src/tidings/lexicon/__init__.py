"""The event lexicon: CAMEO/PLOVER/ACLED type table and verb/noun patterns (data files)."""

from tidings.lexicon.table import CodeInfo, Lexicon, Pattern

__all__ = ["CodeInfo", "Lexicon", "Pattern"]
