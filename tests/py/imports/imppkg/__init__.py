# Helper package for tests/py/imports/*.py (prints nothing when run alone).
VALUE = "pkg"
if __name__ != "__main__":
    from .sub_a import helper
    log = ["init"]
