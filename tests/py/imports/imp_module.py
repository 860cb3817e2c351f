# The _imp module: builtin modules, the global import lock, no frozen modules.
import _imp
import sys

print(_imp.is_builtin("sys"), _imp.is_builtin("builtins"), _imp.is_builtin("_thread"))
print(_imp.is_builtin("time"), _imp.is_builtin("no_such_builtin"))
print(_imp.lock_held())
_imp.acquire_lock()
_imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock()
_imp.release_lock()
print(_imp.lock_held())
try:
    _imp.release_lock()
except RuntimeError as e:
    print(type(e).__name__, e)
print(_imp.check_hash_based_pycs, _imp.find_frozen("no_such"), _imp.is_frozen("no_such"))
print(sys.__spec__.loader.is_package("sys"), sys.__spec__.loader.get_source("sys"))
import time

t2 = _imp.create_builtin(time.__spec__)
print(type(t2).__name__, t2.__name__, hasattr(t2, "monotonic"))


class S:
    name = "no_such_builtin"


print(_imp.create_builtin(S()))
for bad in [lambda: _imp.is_builtin(3), lambda: _imp.is_frozen(None)]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
try:
    _imp.get_frozen_object("no_such")
except ImportError as e:
    print(type(e).__name__, e, e.name)
print(_imp.init_frozen("no_such"), type(_imp._frozen_module_names()).__name__)
