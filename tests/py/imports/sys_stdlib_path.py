# sys.path ends with the standard library and Debian's dist-packages; the
# script's folder comes first; standard modules come from the library;
# sys.prefix & co, sys.implementation, sys.flags, sys._xoptions.
import sys

stdlib = "/usr/lib/python3.11"
print(sys.path[0].endswith("/imports"), sys.path[-1], stdlib in sys.path)
print(sys.path.index(stdlib) < sys.path.index("/usr/lib/python3/dist-packages"))
print(sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, sys.platlibdir)
print(sys._stdlib_dir, sys.pycache_prefix, sys._xoptions)
import keyword

print(keyword.__file__ == stdlib + "/keyword.py", keyword.__spec__.origin == keyword.__file__)
impl = sys.implementation
print(type(impl).__name__, isinstance(impl.name, str), impl.version == sys.version_info)
print(isinstance(impl.cache_tag, str), impl.hexversion == sys.hexversion)
print(sys.flags.optimize, sys.flags.dont_write_bytecode, sys.flags.debug, sys.flags.isolated)
print(type(sys.flags).__name__, sys.flags[0], len(sys.flags) >= 16)
print("sys" in sys.builtin_module_names, "builtins" in sys.builtin_module_names)
print(sorted(sys.builtin_module_names) == list(sys.builtin_module_names))
print(sys.getfilesystemencodeerrors(), sys.float_repr_style)
# A namespace like sys.implementation's type.
ns = type(impl)(a=1, b="x")
print(ns, ns == type(impl)(a=1, b="x"), ns.a)
ns.c = [1]
del ns.a
print(ns)
