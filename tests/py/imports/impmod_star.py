# Helper module for tests/py/imports/*.py (prints nothing when run alone).
__all__ = ["pub", "_priv_listed"]
pub = 1
_priv_listed = 2
other = 3
