# The import protocol: __spec__/__loader__ on every module, sys.meta_path
# finders (find_spec), loaders (create_module/exec_module), sys.path_hooks
# and sys.path_importer_cache, consulted as CPython does.
import sys

ModuleSpec = type(sys.__spec__)

# Specs of builtin, source, package and namespace modules.
print(sys.__spec__.name, sys.__spec__.origin, sys.__spec__.parent, sys.__spec__.has_location)
print(sys.__loader__ is sys.__spec__.loader, sys.__spec__.submodule_search_locations)
import imppkg
import imppkg.sub_a
s = imppkg.__spec__
print(s.name, s.parent, s.origin.endswith("imppkg/__init__.py"), s.has_location)
print(s.submodule_search_locations == imppkg.__path__, imppkg.__loader__ is s.loader)
s = imppkg.sub_a.__spec__
print(s.name, s.parent, s.origin == imppkg.sub_a.__file__, s.submodule_search_locations)
print(s.loader.get_filename("imppkg.sub_a") == s.origin, s.loader.is_package("imppkg.sub_a"))
print(imppkg.__loader__.is_package("imppkg"), s.loader.get_source("imppkg.sub_a").splitlines()[0])
print(type(imppkg.__spec__) is ModuleSpec, repr(ModuleSpec("x", None)))
print(repr(ModuleSpec("y", None, origin="o", is_package=True)))

events = []


class Loader:
    def create_module(self, spec):
        events.append(("create", spec.name))
        return None

    def exec_module(self, module):
        events.append(("exec", module.__name__, module.__spec__.name, module.__loader__ is self))
        module.VALUE = module.__name__.upper()
        if module.__name__ == "virt_fail":
            raise ValueError("exec failed")


class MetaFinder:
    def find_spec(self, name, path, target=None):
        events.append(("find", name, path is None))
        if name.startswith("virt"):
            return ModuleSpec(name, Loader(), origin="virtual")
        return None


finder = MetaFinder()
sys.meta_path.insert(0, finder)
try:
    import virt_one
    print(virt_one.VALUE, virt_one.__spec__.origin, virt_one.__name__, "virt_one" in sys.modules)
    import virt_one as again
    print(again is virt_one)
    import imppkg.sub_b
    print(imppkg.sub_b.B)
    try:
        import virt_fail
    except ValueError as e:
        print(type(e).__name__, e, "virt_fail" in sys.modules)
    try:
        import not_found_anywhere_xyz
    except ImportError as e:
        print(type(e).__name__, e)
finally:
    sys.meta_path.remove(finder)
for ev in events:
    print(ev)


# A loader whose create_module makes the module object.
class Custom(type(sys)):
    pass


class CreatingLoader:
    def create_module(self, spec):
        return Custom(spec.name)

    def exec_module(self, module):
        module.kind = type(module).__name__


class CreatingFinder:
    @classmethod
    def find_spec(cls, name, path, target=None):
        return ModuleSpec(name, CreatingLoader()) if name == "made_here" else None


sys.meta_path.insert(0, CreatingFinder)
try:
    import made_here
    print(made_here.kind, made_here.__spec__.name, made_here.__loader__.__class__.__name__)
finally:
    sys.meta_path.remove(CreatingFinder)


# A loader with exec_module and no create_module is refused.
class HalfLoader:
    def exec_module(self, module):
        pass


class HalfFinder:
    @staticmethod
    def find_spec(name, path, target=None):
        return ModuleSpec(name, HalfLoader()) if name == "half_mod" else None


sys.meta_path.insert(0, HalfFinder)
try:
    import half_mod
except ImportError as e:
    print(type(e).__name__, e)
finally:
    sys.meta_path.remove(HalfFinder)

# A finder that raises: the error propagates.


class BadFinder:
    @staticmethod
    def find_spec(name, path, target=None):
        raise RuntimeError("finder broke on " + name)


sys.meta_path.insert(0, BadFinder)
try:
    import anything_at_all
except RuntimeError as e:
    print(type(e).__name__, e)
finally:
    sys.meta_path.remove(BadFinder)

# sys.path_hooks: a hook claims the entry "<virtual>"; entries it refuses
# (ImportError) go to the next hook.
hook_calls = []


class EntryFinder:
    def __init__(self, entry):
        self.entry = entry

    def find_spec(self, name, target=None):
        if name in ("hooked", "hooked_pkg", "hooked_pkg.child"):
            spec = ModuleSpec(name, Loader(), origin=self.entry + "/" + name,
                              is_package=name == "hooked_pkg")
            if name == "hooked_pkg":
                spec.submodule_search_locations.append("<virtual>/hooked_pkg")
            return spec
        return None


def hook(entry):
    hook_calls.append(entry)
    if not entry.startswith("<virtual>"):
        raise ImportError("not mine")
    return EntryFinder(entry)


sys.path_hooks.insert(0, hook)
sys.path.append("<virtual>")
events.clear()
try:
    import hooked
    print(hooked.VALUE, hooked.__spec__.origin)
    import hooked_pkg.child
    print(hooked_pkg.child.VALUE, hooked_pkg.__path__, hooked_pkg.child.__spec__.origin)
    print(type(sys.path_importer_cache["<virtual>"]).__name__)
    print("<virtual>" in hook_calls, "<virtual>/hooked_pkg" in hook_calls)
finally:
    sys.path_hooks.remove(hook)
    sys.path.remove("<virtual>")
    sys.path_importer_cache.pop("<virtual>", None)
    sys.path_importer_cache.pop("<virtual>/hooked_pkg", None)
print(events)

# sys.path_importer_cache: a finder stored for a path entry is used.


class CacheFinder:
    def find_spec(self, name, target=None):
        return ModuleSpec(name, Loader(), origin="cache") if name == "from_cache" else None


sys.path.append("/nonexistent/pvm-entry")
sys.path_importer_cache["/nonexistent/pvm-entry"] = CacheFinder()
try:
    import from_cache
    print(from_cache.VALUE, from_cache.__spec__.origin)
finally:
    sys.path.remove("/nonexistent/pvm-entry")
    del sys.path_importer_cache["/nonexistent/pvm-entry"]

# None in sys.modules stops an import.
sys.modules["blocked_mod"] = None
try:
    import blocked_mod
except ImportError as e:
    print(type(e).__name__, e)
del sys.modules["blocked_mod"]

# importlib.invalidate_caches() calls the finders' invalidate_caches().
import importlib

calls = []


class Inval:
    def find_spec(self, name, path, target=None):
        return None

    def invalidate_caches(self):
        calls.append("meta")


class EntryInval:
    def find_spec(self, name, target=None):
        return None

    def invalidate_caches(self):
        calls.append("entry")


inv = Inval()
sys.meta_path.insert(0, inv)
sys.path_importer_cache["/nonexistent/pvm-inval"] = EntryInval()
try:
    importlib.invalidate_caches()
    print(sorted(calls))
finally:
    sys.meta_path.remove(inv)
    del sys.path_importer_cache["/nonexistent/pvm-inval"]
