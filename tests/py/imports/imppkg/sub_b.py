# Helper module for tests/py/imports/*.py (prints nothing when run alone).
B = 2
