"""importlib for pvm: import_module, reload and invalidate_caches.

Why pvm has its own: CPython's importlib/__init__.py sets up
importlib._bootstrap and _bootstrap_external, which need the native modules
_weakref, _warnings, _io and marshal that pvm does not have yet.  Imports go
through the VM's own import system (__import__, per-module import locks, the
bytecode cache, lib/_pvm_import.py for the protocol objects); this module
only adds CPython's public entry points on top of it.  Its __path__ also
holds the standard library's importlib directory, so importlib.util,
importlib.machinery, importlib.abc, importlib.metadata... are the standard
library's own (each imports once the native modules it needs exist).
"""

import sys

__all__ = ["import_module", "reload", "invalidate_caches"]

__path__.append(sys._stdlib_dir + "/importlib")


def _resolve_name(name, package, level):
    bits = package.rsplit(".", level - 1)
    if len(bits) < level:
        raise ImportError("attempted relative import beyond top-level package")
    base = bits[0]
    return "{}.{}".format(base, name) if name else base


def import_module(name, package=None):
    """Import a module by name; '.mod' names are relative to `package`."""
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError("the 'package' argument is required to perform a "
                            "relative import for {!r}".format(name))
        while level < len(name) and name[level] == ".":
            level += 1
        name = _resolve_name(name[level:], package, level)
    __import__(name)
    return sys.modules[name]


def reload(module):
    """Re-execute a module's source in its existing namespace; return it."""
    if type(module) is not type(sys):
        raise TypeError("reload() argument must be a module")
    name = module.__name__
    if sys.modules.get(name) is not module:
        raise ImportError("module {} not in sys.modules".format(name), name=name)
    path = getattr(module, "__file__", None)
    if path is None or not path.endswith(".py"):
        return module  # built-in and native modules have nothing to re-read
    parent = name.rpartition(".")[0]
    if parent and parent not in sys.modules:
        raise ImportError("parent {!r} not in sys.modules".format(parent), name=parent)
    with open(path, "rb") as f:
        source = f.read()
    code = compile(source, path, "exec")
    exec(code, module.__dict__)
    return sys.modules[name]


def invalidate_caches():
    """Calls invalidate_caches() of every finder on sys.meta_path that has
    one (pvm's own finders keep no directory caches)."""
    for finder in sys.meta_path:
        if hasattr(finder, "invalidate_caches"):
            finder.invalidate_caches()


__import__ = __import__
