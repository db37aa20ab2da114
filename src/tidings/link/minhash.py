"""Near-duplicate articles (wire copies, updates) by MinHash over word shingles.

Each document gets a MinHash signature; its LSH bands are stored as short strings
so that candidates are found by an index lookup, not by comparing with every
stored document.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 4
SEED = 7
NEAR_DUPLICATE = 0.5
"""Estimated shingle Jaccard at or above which two articles are near-duplicates."""

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text (``NUM_PERM`` unsigned integers)."""
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype=np.uint64)


def bands(sig: np.ndarray) -> list[str]:
    """LSH band keys: two documents sharing one are near-duplicate candidates."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS:(b + 1) * ROWS].tobytes()
        out.append(f"{b}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return out


def encode(sig: np.ndarray) -> str:
    return sig.tobytes().hex()


def decode(text: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(text), dtype=np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))
