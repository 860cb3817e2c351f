"""pvm's own half of the import protocol (CPython keeps it in the frozen
importlib._bootstrap, which needs _io, marshal, _weakref and _warnings that
pvm does not have yet).

core/import.c imports this module at start-up and keeps references to the
objects below.  The common case never runs Python code here: while
sys.meta_path is [BuiltinImporter, PathFinder], sys.path_hooks is
[FileFinder.path_hook's hook] and sys.path_importer_cache is empty, the C
import system finds and loads modules itself and only calls _make_spec to
give each module its __spec__ and __loader__.  As soon as a program adds a
finder or a path hook, or puts a finder in sys.path_importer_cache, C calls
_find_spec (the meta path walk, CPython's order and rules) and loads the
spec it returns: through the C fast path for pvm's own loaders, through
_module_from_spec + _exec_spec for any other loader.

SimpleNamespace is the type of sys.implementation (types.SimpleNamespace
is defined as that type).
"""

import sys
import _imp


class SimpleNamespace:
    """A simple attribute-based namespace: SimpleNamespace(**kwargs)."""

    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        self.__dict__.update(dict(mapping_or_iterable))
        self.__dict__.update(kwargs)

    def __repr__(self):
        items = ("{}={!r}".format(k, v) for k, v in self.__dict__.items())
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        return "{}({})".format(name, ", ".join(items))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None

    def __reduce__(self):
        return (type(self), (), dict(self.__dict__))


SimpleNamespace.__module__ = "types"


class ModuleSpec:
    """The import-system state of a module (importlib.machinery.ModuleSpec)."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._uninitialized_submodules = []
        self._set_fileattr = False
        self._cached = None

    def __repr__(self):
        parts = ["name={!r}".format(self.name), "loader={!r}".format(self.loader)]
        if self.origin is not None:
            parts.append("origin={!r}".format(self.origin))
        if self.submodule_search_locations is not None:
            parts.append("submodule_search_locations={}".format(self.submodule_search_locations))
        return "{}({})".format(type(self).__name__, ", ".join(parts))

    def __eq__(self, other):
        try:
            return (self.name == other.name and self.loader == other.loader
                    and self.origin == other.origin
                    and self.submodule_search_locations == other.submodule_search_locations
                    and self.cached == other.cached and self.has_location == other.has_location)
        except AttributeError:
            return NotImplemented

    @property
    def cached(self):
        if self._cached is None and self.origin is not None and self._set_fileattr:
            if self.origin.endswith(".py"):
                self._cached = _imp._pvm_cache_path(self.origin)
        return self._cached

    @cached.setter
    def cached(self, cached):
        self._cached = cached

    @property
    def parent(self):
        if self.submodule_search_locations is None:
            return self.name.rpartition(".")[0]
        return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)


def spec_from_loader(name, loader, *, origin=None, is_package=None):
    if origin is None:
        origin = getattr(loader, "_ORIGIN", None)
    if is_package is None and hasattr(loader, "is_package"):
        try:
            is_package = loader.is_package(name)
        except ImportError:
            is_package = None
    return ModuleSpec(name, loader, origin=origin, is_package=bool(is_package))


class BuiltinImporter:
    """Meta path finder and loader of the modules written in C."""

    _ORIGIN = "built-in"

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if path is not None or not _imp.is_builtin(fullname):
            return None
        return ModuleSpec(fullname, cls, origin=cls._ORIGIN)

    @staticmethod
    def create_module(spec):
        return _imp.create_builtin(spec)

    @staticmethod
    def exec_module(module):
        pass

    @classmethod
    def get_code(cls, fullname):
        return None

    @classmethod
    def get_source(cls, fullname):
        return None

    @classmethod
    def is_package(cls, fullname):
        return False


class SourceFileLoader:
    """Loader of a module or package from its .py file (code from pvm's
    bytecode cache when it matches)."""

    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def __eq__(self, other):
        return self.__class__ == other.__class__ and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def get_filename(self, name=None):
        return self.path

    def is_package(self, fullname):
        return self.path.rpartition("/")[2] == "__init__.py"

    def get_data(self, path):
        with open(path, "rb") as f:
            return f.read()

    def get_source(self, fullname):
        return self.get_data(self.path).decode("utf-8")

    def get_code(self, fullname):
        return _imp._pvm_get_code(self.path)

    def path_stats(self, path):
        import _os
        st = _os.stat(path)
        return {"mtime": st.st_mtime, "size": st.st_size}

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        _imp._pvm_exec_source(module, self.path)

    def load_module(self, fullname):
        __import__(fullname)
        return sys.modules[fullname]


class NamespaceLoader:
    """Loader of namespace packages (directories without __init__.py)."""

    def __init__(self, name, path, path_finder=None):
        self._path = path

    def is_package(self, fullname):
        return True

    def get_source(self, fullname):
        return ""

    def get_code(self, fullname):
        return compile("", "<string>", "exec")

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        pass


class FileFinder:
    """Path entry finder for one directory of sources and packages."""

    def __init__(self, path):
        self.path = path or "."

    def __repr__(self):
        return "FileFinder({!r})".format(self.path)

    def invalidate_caches(self):
        pass

    def find_spec(self, fullname, target=None):
        found = _imp._pvm_find(fullname, [self.path])
        if found is None:
            return None
        kind, origin, where = found
        if kind == "namespace":
            spec = ModuleSpec(fullname, None, is_package=True)
            spec.submodule_search_locations = where
            return spec
        return _make_spec(kind, fullname, origin, where)

    @classmethod
    def path_hook(cls, *loader_details):
        def path_hook_for_FileFinder(path):
            if not _imp._pvm_isdir(path or "."):
                raise ImportError("only directories are supported", path=path)
            return cls(path)
        return path_hook_for_FileFinder


_default_path_hook = FileFinder.path_hook()


class PathFinder:
    """Meta path finder for sys.path and packages' __path__."""

    @staticmethod
    def invalidate_caches():
        for finder in list(sys.path_importer_cache.values()):
            if hasattr(finder, "invalidate_caches"):
                finder.invalidate_caches()

    @staticmethod
    def _path_importer_cache(path):
        if path == "":
            try:
                import _os
                path = _os.getcwd()
            except (ImportError, OSError):
                return None
        cache = sys.path_importer_cache
        if path in cache:
            return cache[path]
        if sys.path_hooks is not None:
            for hook in sys.path_hooks:
                try:
                    finder = hook(path)
                except ImportError:
                    continue
                # pvm's own finder is cheap to make again: not cached, so the
                # C fast path (which needs an empty cache) stays in use.
                if hook is not _default_path_hook:
                    cache[path] = finder
                return finder
        cache[path] = None
        return None

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if path is None:
            path = sys.path
        namespace_path = []
        for entry in path:
            if not isinstance(entry, (str, bytes)):
                continue
            finder = cls._path_importer_cache(entry)
            if finder is None:
                continue
            if hasattr(finder, "find_spec"):
                spec = finder.find_spec(fullname, target)
            else:
                loader = finder.find_module(fullname)
                spec = spec_from_loader(fullname, loader) if loader is not None else None
            if spec is None:
                continue
            if spec.loader is not None:
                return spec
            portions = spec.submodule_search_locations
            if portions is None:
                raise ImportError("spec missing loader")
            namespace_path.extend(portions)
        if namespace_path:
            spec = ModuleSpec(fullname, None, is_package=True)
            spec.submodule_search_locations = namespace_path
            return spec
        return None


def _make_spec(kind, name, origin, locations):
    """The spec of a module found by the C finder: kind is 'builtin',
    'source', 'package' or 'namespace'; locations is the package's __path__
    list (the same object)."""
    if kind == "builtin":
        return ModuleSpec(name, BuiltinImporter, origin="built-in")
    if kind == "namespace":
        spec = ModuleSpec(name, NamespaceLoader(name, locations), is_package=True)
        spec.submodule_search_locations = locations
        return spec
    spec = ModuleSpec(name, SourceFileLoader(name, origin), origin=origin,
                      is_package=kind == "package")
    if kind == "package":
        spec.submodule_search_locations = locations
    spec._set_fileattr = True
    return spec


def _find_spec(name, path):
    """Walks sys.meta_path as CPython's importlib._bootstrap._find_spec."""
    meta_path = sys.meta_path
    if meta_path is None:
        raise ImportError("sys.meta_path is None, Python is likely shutting down")
    for finder in meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is not None:
            spec = find_spec(name, path, None)
        elif hasattr(finder, "find_module"):
            loader = finder.find_module(name, path)
            spec = spec_from_loader(name, loader) if loader is not None else None
        else:
            continue
        if spec is not None:
            return spec
    return None


def _init_module_attrs(spec, module):
    for attr, value in (("__name__", spec.name), ("__loader__", spec.loader),
                        ("__package__", spec.parent), ("__spec__", spec)):
        try:
            setattr(module, attr, value)
        except AttributeError:
            pass
    if spec.submodule_search_locations is not None:
        try:
            module.__path__ = spec.submodule_search_locations
        except AttributeError:
            pass
    if spec.has_location:
        try:
            module.__file__ = spec.origin
            if spec.cached is not None:
                module.__cached__ = spec.cached
        except AttributeError:
            pass
    return module


def _module_from_spec(spec):
    """importlib.util.module_from_spec: the loader's module, or a new one."""
    module = None
    loader = spec.loader
    if hasattr(loader, "create_module"):
        module = loader.create_module(spec)
    elif hasattr(loader, "exec_module"):
        raise ImportError("loaders that define exec_module() must also define create_module()")
    if module is None:
        module = type(sys)(spec.name)
    return _init_module_attrs(spec, module)


def _exec_spec(spec, module):
    """Runs a module created by _module_from_spec (the C side has put it in
    sys.modules)."""
    loader = spec.loader
    if loader is None:
        if spec.submodule_search_locations is None:
            raise ImportError("missing loader", name=spec.name)
        return
    if hasattr(loader, "exec_module"):
        loader.exec_module(module)
    elif hasattr(loader, "load_module"):
        loader.load_module(spec.name)
    else:
        raise ImportError("missing loader", name=spec.name)


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


def is_finalizing():
    """sys.is_finalizing: pvm runs no Python code once shutdown starts."""
    return False


for _f in (audit, addaudithook, is_finalizing):
    _f.__module__ = "sys"
    setattr(sys, _f.__name__, _f)
del _f

sys.meta_path[:] = [BuiltinImporter, PathFinder]
sys.path_hooks[:] = [_default_path_hook]
sys.implementation = SimpleNamespace(
    name="pvm", cache_tag="pvm-" + _imp._pvm_bytecode_version, version=sys.version_info,
    hexversion=sys.hexversion, _multiarch=_imp._pvm_multiarch)
