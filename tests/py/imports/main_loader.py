# __main__'s __loader__ and __spec__ for a script (CPython: a
# SourceFileLoader named '__main__', no spec).
import sys

print(__spec__, type(__loader__).__name__, __loader__.name)
print(__loader__.get_filename().endswith("main_loader.py"), __loader__.is_package("__main__"))
print(__loader__.get_source("__main__").splitlines()[0])
print(sys.modules["__main__"].__loader__ is __loader__)
