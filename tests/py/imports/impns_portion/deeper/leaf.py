# A module inside a namespace package (tests/py/imports/namespace_spec.py).
V = 7
