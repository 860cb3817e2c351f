# Helper module for tests/py/imports/*.py (prints nothing when run alone).
a = 1
_b = 2
c = 3
