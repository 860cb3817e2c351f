# Helper module for tests/py/imports/*.py: circular import with impmod_circ_b.
import impmod_circ_b

X = "a"


def get():
    return impmod_circ_b.Y
