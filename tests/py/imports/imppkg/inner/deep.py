# Helper module for tests/py/imports/*.py (prints nothing when run alone).
if __name__ != "__main__":
    from .. import sub_b
    from ..sub_a import A
    from . import X as INNER_X
    LEVEL2 = sub_b.B + A


def too_far():
    from ... import zzz
    return zzz
