# Helper module for tests/py/imports/*.py: fails when imported.
if __name__ != "__main__":
    raise ValueError("boom in module")
