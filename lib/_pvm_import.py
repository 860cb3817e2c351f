"""Start-up of CPython's own import machinery on pvm, and pvm's hooks into it.

Why pvm has its own: CPython sets up its frozen importlib._bootstrap and
importlib._bootstrap_external from C at start-up (pylifecycle.c); pvm has no
frozen modules, so core/import.c imports this module at start-up and it
does the same from the standard library's sources: it runs
importlib/_bootstrap.py as the module `_frozen_importlib` and
importlib/_bootstrap_external.py as `_frozen_importlib_external` (the names
CPython gives them, so the standard library's importlib/__init__.py and
zipimport find them), then calls `_bootstrap._install(sys, _imp)` and
`_bootstrap_external._install(_bootstrap)`.  sys.meta_path is then CPython's
[BuiltinImporter, FrozenImporter, PathFinder], sys.path_hooks
[zipimporter, FileFinder hook] and modules get CPython's ModuleSpec,
SourceFileLoader, NamespaceLoader.

What pvm does differently (the rest is CPython's code, unchanged):
- the fast path: while the protocol is the default (C checks meta_path,
  path_hooks and that sys.path_importer_cache holds only FileFinders or
  None), core/import.c finds and loads modules itself and calls _make_spec
  for each module's __spec__; otherwise it calls _find_spec (CPython's
  _bootstrap._find_spec), _module_from_spec and _exec_spec below.
- _bootstrap._find_and_load is core/import.c's import (the same per-module
  locks for importlib.import_module and the import statement).
- SourceFileLoader.get_code reads pvm's own bytecode cache (core/pyc.c)
  when the loader is CPython's plain SourceFileLoader; subclasses that
  override get_data, path_stats or source_to_code get CPython's
  SourceLoader.get_code (marshal stores pvm code objects, lib/marshal.py).
- spec.cached is where pvm's cache really lives (core/pyc_path.c).
- sys.path_hooks[0] is a function that imports zipimport on first use
  (below), not the zipimporter class itself.

SimpleNamespace is the type of sys.implementation (types.SimpleNamespace
is defined as that type).
"""

import sys
import _imp
from _thread import get_ident as _get_ident

_repr_running = set()  # (thread, id) of the namespaces being repr'd


class SimpleNamespace:
    """A simple attribute-based namespace: SimpleNamespace(**kwargs)."""

    def __init__(self, /, *args, **kwargs):
        if args:
            raise TypeError("no positional arguments expected")
        self.__dict__.update(kwargs)

    def __repr__(self):
        # Recursion shows as name(...), per thread, as CPython's Py_ReprEnter.
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        key = (_get_ident(), id(self))
        if key in _repr_running:
            return name + "(...)"
        _repr_running.add(key)
        try:
            items = ("{}={!r}".format(k, v) for k, v in self.__dict__.items()
                     if isinstance(k, str) and str.__len__(k) > 0)
            return "{}({})".format(name, ", ".join(items))
        finally:
            _repr_running.discard(key)

    def __eq__(self, other):
        # The real types (a faked __class__ does not count).
        if issubclass(type(self), SimpleNamespace) and issubclass(type(other), SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None

    def __reduce__(self):
        return (type(self), (), dict(self.__dict__))


SimpleNamespace.__module__ = "types"



sys.implementation = SimpleNamespace(
    name="pvm", cache_tag="pvm-" + _imp._pvm_bytecode_version, version=sys.version_info,
    hexversion=sys.hexversion, _multiarch=_imp._pvm_multiarch)


def _load_source_module(name, filename):
    """Runs the standard library's importlib/FILENAME as module NAME (in
    sys.modules first, as _bootstrap._setup looks itself up there)."""
    module = type(sys)(name)
    module.__file__ = path = sys._stdlib_dir + "/importlib/" + filename
    sys.modules[name] = module
    _imp._pvm_exec_source(module, path)
    return module


import _warnings  # _bootstrap._setup takes it from sys.modules (pvm's is lib/_warnings.py)

_bootstrap = _load_source_module("_frozen_importlib", "_bootstrap.py")
_bootstrap._install(sys, _imp)
_bootstrap_external = _load_source_module("_frozen_importlib_external",
                                          "_bootstrap_external.py")
_bootstrap._bootstrap_external = _bootstrap_external
_bootstrap_external._install(_bootstrap)

ModuleSpec = _bootstrap.ModuleSpec
BuiltinImporter = _bootstrap.BuiltinImporter
FrozenImporter = _bootstrap.FrozenImporter
PathFinder = _bootstrap_external.PathFinder
FileFinder = _bootstrap_external.FileFinder
SourceFileLoader = _bootstrap_external.SourceFileLoader
NamespaceLoader = _bootstrap_external.NamespaceLoader
_default_path_hook = sys.path_hooks[-1]
_path_isdir = _bootstrap_external._path_isdir
_zip_loading = []


def zipimporter(path):
    """zipimport.zipimporter(path), imported on first use.

    pvm: CPython puts the zipimporter class first in sys.path_hooks at
    start-up; importing zipimport then would cost every pvm process about a
    millisecond, so this hook imports it only when a path that is not a
    folder comes (the class rejects folders anyway)."""
    if not isinstance(path, str) or _path_isdir(path or "."):
        raise ImportError("not a Zip file", path=path)
    if _zip_loading:  # zipimport is being imported: no zip hook yet
        raise ImportError("zipimport is not imported yet", path=path)
    _zip_loading.append(True)
    try:
        import zipimport
    finally:
        _zip_loading.pop()
    return zipimport.zipimporter(path)


zipimporter.__module__ = "zipimport"
_zip_path_hook = zipimporter
sys.path_hooks.insert(0, zipimporter)  # first, as CPython's _PyImportZip_Init
del zipimporter

# ---- SourceFileLoader.get_code through pvm's bytecode cache ------------------

_FileLoader = _bootstrap_external.FileLoader
_SourceLoader = _bootstrap_external.SourceLoader
_plain = (_FileLoader.get_data, SourceFileLoader.path_stats, _SourceLoader.source_to_code,
          _FileLoader.get_filename)
_source_loader_get_code = _SourceLoader.get_code


def get_code(self, fullname):
    """pvm: the code of the module, from pvm's bytecode cache when this is
    a plain SourceFileLoader (CPython's SourceLoader.get_code otherwise)."""
    cls = type(self)
    if (cls.get_data, cls.path_stats, cls.source_to_code, cls.get_filename) == _plain:
        return _imp._pvm_get_code(self.get_filename(fullname))
    return _source_loader_get_code(self, fullname)


get_code.__qualname__ = "SourceFileLoader.get_code"
get_code.__module__ = SourceFileLoader.__module__
SourceFileLoader.get_code = get_code
del get_code


# ---- what core/import.c calls ------------------------------------------------

def _make_spec(kind, name, origin, locations):
    """The spec of a module found by the C finder: kind is 'builtin',
    'source', 'package' or 'namespace'; locations is the package's __path__
    list (the same object; a namespace package's __path__ becomes the
    spec's _NamespacePath, as CPython's)."""
    if kind == "builtin":
        return ModuleSpec(name, BuiltinImporter, origin="built-in")
    if kind == "namespace":
        locations = _bootstrap_external._NamespacePath(name, locations, PathFinder._get_spec)
        loader = NamespaceLoader.__new__(NamespaceLoader)
        loader._path = locations
        spec = ModuleSpec(name, loader, is_package=True)
        spec.submodule_search_locations = locations
        return spec
    spec = ModuleSpec(name, SourceFileLoader(name, origin), origin=origin)
    if kind == "package":
        spec.submodule_search_locations = locations
    spec._set_fileattr = True
    spec._cached = _imp._pvm_cache_path(origin)
    return spec


_find_spec = _bootstrap._find_spec


def _module_from_spec(spec):
    """The module for spec (None for a legacy loader without exec_module:
    C then calls _load_legacy)."""
    loader = spec.loader
    if loader is not None and not hasattr(loader, "exec_module"):
        return None
    return _bootstrap.module_from_spec(spec)


def _load_legacy(spec):
    msg = ("{}.exec_module() not found; falling back to load_module()"
           .format(_bootstrap._object_name(spec.loader)))
    _warnings.warn(msg, ImportWarning)
    return _bootstrap._load_backward_compatible(spec)


def _exec_spec(spec, module):
    """Runs a module made by _module_from_spec (C has put it in sys.modules
    and takes it out again if this fails)."""
    spec._initializing = True
    try:
        if spec.loader is None:
            if spec.submodule_search_locations is None:
                raise ImportError("missing loader", name=spec.name)
        else:
            spec.loader.exec_module(module)
    finally:
        spec._initializing = False


def _find_and_load(name, import_=None):
    return _imp._pvm_import(name)


_bootstrap._find_and_load = _find_and_load


# ---- sys functions the standard library calls at import time ----------------

_audit_hooks = []


def audit(event, *args):
    """sys.audit: passes (event, args) to every hook added by addaudithook.
    pvm raises no events of its own yet: only those of Python code."""
    if not _audit_hooks:
        return
    if not isinstance(event, str):
        raise TypeError("expected str for argument 'event', not " + type(event).__name__)
    for hook in list(_audit_hooks):
        hook(event, args)


def addaudithook(hook):
    """sys.addaudithook: a hook may veto by raising (RuntimeError stops it
    silently, as CPython)."""
    try:
        audit("sys.addaudithook")
    except RuntimeError:
        return
    _audit_hooks.append(hook)


_finalizing = False


def is_finalizing():
    """sys.is_finalizing: true once exit has run the atexit callbacks
    (core/exitclear.c sets _finalizing)."""
    return _finalizing


for _f in (audit, addaudithook, is_finalizing):
    _f.__module__ = "sys"
    setattr(sys, _f.__name__, _f)
del _f

