# Helper module for tests/py/imports/*.py (prints nothing when run alone).
A = 1


def helper():
    return "helper from " + __name__


if __name__ != "__main__":
    from . import sub_b
    from .sub_b import B
