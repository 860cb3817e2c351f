"""The concurrent package (pvm): see concurrent.futures.

Why pvm has its own: the standard library's concurrent.futures needs
logging, weakref, itertools and more that do not import on pvm yet, and
pvm's concurrent.futures (a thread pool) is what its tests use.  __path__
holds the standard library's concurrent directory too, so nothing else in
the package is hidden.  Retire both files once the standard library's
concurrent.futures imports.
"""
import sys

__path__.append(sys._stdlib_dir + "/concurrent")
