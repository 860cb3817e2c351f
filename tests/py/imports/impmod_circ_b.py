# Helper module for tests/py/imports/*.py: circular import with impmod_circ_a.
import impmod_circ_a

Y = "b"
SEEN_X_EARLY = hasattr(impmod_circ_a, "X")


def late():
    return hasattr(impmod_circ_a, "X")
