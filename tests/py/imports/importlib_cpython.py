# CPython's importlib machinery (importlib._bootstrap and
# _bootstrap_external, set up at start-up) drives imports: the protocol
# objects are CPython's classes, importlib.util/machinery work, user
# subclasses of SourceFileLoader work, zip archives on sys.path import, and
# the C fast path keeps working after CPython's PathFinder has filled
# sys.path_importer_cache.
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import marshal
import os
import shutil
import sys
import tempfile
import zipfile

print([f.__name__ for f in sys.meta_path if isinstance(f, type)])  # site may add others
print([getattr(h, "__qualname__", None) for h in sys.path_hooks])
print(importlib._bootstrap is sys.modules["importlib._bootstrap"])
print(importlib._bootstrap_external._bootstrap is importlib._bootstrap)
import json
print(type(json.__spec__) is importlib.machinery.ModuleSpec)
print(type(json.__loader__) is importlib.machinery.SourceFileLoader)
print(type(sys.__spec__).__name__, sys.__spec__.origin, sys.__loader__.__name__)
print(importlib.machinery.SOURCE_SUFFIXES, importlib.machinery.BYTECODE_SUFFIXES)

root = tempfile.mkdtemp()
cwd = os.getcwd()
try:
    os.chdir(root)
    with open("plainmod.py", "w") as f:
        f.write("VALUE = 6 * 7\n")
    os.mkdir("pkgx")
    with open("pkgx/__init__.py", "w") as f:
        f.write("from . import child\n")
    with open("pkgx/child.py", "w") as f:
        f.write("NAME = __name__\n")
    os.mkdir("nspkg")
    with open("nspkg/part.py", "w") as f:
        f.write("P = 1\n")

    # spec_from_file_location + module_from_spec + exec_module
    spec = importlib.util.spec_from_file_location("alias_mod", os.path.join(root, "plainmod.py"))
    print(type(spec.loader).__name__, spec.name, spec.has_location, spec.parent == "")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    print(mod.VALUE, mod.__name__, "alias_mod" in sys.modules)

    sys.path.insert(0, ".")
    m = importlib.import_module("plainmod")
    print(m.VALUE, m.__file__ == os.path.join(root, "plainmod.py"))
    print(m.__spec__.origin == m.__file__, m.__spec__.cached == m.__cached__)
    child = importlib.import_module(".child", "pkgx")
    print(child.NAME, child is sys.modules["pkgx.child"])
    ns = importlib.import_module("nspkg.part")
    nsp = sys.modules["nspkg"]
    print(ns.P, nsp.__spec__.origin, type(nsp.__loader__).__name__, nsp.__file__)

    # find_spec fills sys.path_importer_cache with FileFinders; plain
    # imports keep working afterwards.
    s = importlib.util.find_spec("pkgx")
    print(s.name, s.submodule_search_locations == [os.path.join(root, "pkgx")])
    print(importlib.util.find_spec("no_such_module_xyz"))
    with open("later.py", "w") as f:
        f.write("L = 'later'\n")
    importlib.invalidate_caches()
    import later
    print(later.L)

    # reload re-runs the module from its source
    with open("plainmod.py", "w") as f:
        f.write("VALUE = 'reloaded'\n")
    print(importlib.reload(m).VALUE)

    # A SourceFileLoader subclass that rewrites the source
    class Upper(importlib.machinery.SourceFileLoader):
        def source_to_code(self, data, path, *, _optimize=-1):
            return compile(data.replace(b"small", b"LARGE"), path, "exec")

    with open("shout.py", "w") as f:
        f.write("WORD = 'small'\n")
    spec = importlib.util.spec_from_loader("shout", Upper("shout", os.path.join(root, "shout.py")))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    print(mod.WORD)

    # A user meta path finder through importlib.abc
    class Loader(importlib.abc.Loader):
        def create_module(self, spec):
            return None

        def exec_module(self, module):
            module.made_by = "Loader"

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "virtual_mod":
                return importlib.util.spec_from_loader(name, Loader())
            return None

    sys.meta_path.insert(0, Finder())
    import virtual_mod
    print(virtual_mod.made_by, virtual_mod.__spec__.name)
    del sys.meta_path[0]

    # zip archives on sys.path (zipimport's zipimporter)
    with zipfile.ZipFile("arch.zip", "w") as z:
        z.writestr("zipped.py", "Z = 'from zip'\n")
        z.writestr("zpkg/__init__.py", "from .inner import W\n")
        z.writestr("zpkg/inner.py", "W = 'inner'\n")
    sys.path.insert(0, os.path.join(root, "arch.zip"))
    import zipped
    import zpkg
    print(zipped.Z, zpkg.W, type(zipped.__loader__).__name__)

    # importlib.util.LazyLoader: the module's __class__ becomes a ModuleType
    # subclass until first use
    with open("lazy_one.py", "w") as f:
        f.write("print('lazy_one runs')\nLAZY = 'yes'\n")
    spec = importlib.util.find_spec("lazy_one")
    spec.loader = importlib.util.LazyLoader(spec.loader)
    lazy = importlib.util.module_from_spec(spec)
    sys.modules["lazy_one"] = lazy
    spec.loader.exec_module(lazy)
    print("before use", type(lazy).__name__)
    print(lazy.LAZY, type(lazy).__name__)
    plain = type(sys)("plain")
    class Sub(type(sys)):
        pass
    plain.__class__ = Sub
    print(type(plain).__name__)
    try:
        plain.__class__ = int
    except TypeError as e:
        print(type(e).__name__, e)

    # runpy.run_path and compile() take os.PathLike file names
    import pathlib
    import runpy
    with open("script_one.py", "w") as f:
        f.write("OUT = __name__ + ' ran'\n")
    print(runpy.run_path(pathlib.Path("script_one.py"))["OUT"])
    print(compile("1", pathlib.PurePosixPath("p.py"), "eval").co_filename)

    # a coding declaration the codec registry knows (not UTF-8 or Latin-1)
    with open("koi_mod.py", "wb") as f:
        f.write(b"# -*- coding: koi8-r -*-\nS = '\xf0\xf2\xe9'\n")
    import koi_mod
    print(koi_mod.S, len(koi_mod.S))

    # marshal stores pvm's (or CPython's) own code objects
    code = compile("result = 2 ** 10", "<m>", "exec")
    g = {}
    exec(marshal.loads(marshal.dumps(code)), g)
    print(g["result"])

    # py_compile / cache_from_source name the interpreter's cache
    print(os.path.basename(importlib.util.cache_from_source("x.py")).startswith("x."))

    # errors
    for name, pkg in (("..x", None), ("", None), (".y", "no_such_parent_pkg")):
        try:
            importlib.import_module(name, pkg)
        except Exception as e:
            print(type(e).__name__, e)
    try:
        from plainmod import missing_name
    except ImportError as e:
        print(e.name, e.path == os.path.join(root, "plainmod.py"))
    with open("cyc_one.py", "w") as f:
        f.write("import cyc_two\nX = 1\n")
    with open("cyc_two.py", "w") as f:
        f.write("import cyc_one\ncyc_one.X\n")
    try:
        import cyc_one
    except AttributeError as e:
        print(type(e).__name__, e)
    with open("badkeys.py", "w") as f:
        f.write("globals()[b'k'] = 1\n")
    try:
        exec("from badkeys import *", {})
    except TypeError as e:
        print(type(e).__name__, e)
finally:
    os.chdir(cwd)
    shutil.rmtree(root, ignore_errors=True)
