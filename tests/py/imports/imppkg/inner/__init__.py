# Helper package for tests/py/imports/*.py (prints nothing when run alone).
X = "inner"
