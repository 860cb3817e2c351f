# dis and opcode: the API other modules rely on (inspect, modulefinder, pdb,
# trace, test.support), with results that do not depend on the bytecode.
import dis
import inspect
import io
import opcode
import os
import sys
import tempfile
from modulefinder import ModuleFinder


def plain(a, b=1, /, c=2, *args, d, **kw):
    x = a + b
    for i in range(3):
        x += i
    return x


def outer(n):
    def inner():
        return n
    return inner


def gen():
    yield 1


async def coro():
    pass


async def agen():
    yield 1


# COMPILER_FLAG_NAMES and pretty_flags, as inspect reads them.
print(sorted(dis.COMPILER_FLAG_NAMES.items()))
for fn in (plain, outer, outer(1), gen, coro, agen, lambda: 0):
    print(fn.__name__, dis.pretty_flags(fn.__code__.co_flags))
print(dis.pretty_flags(0x10000000), dis.pretty_flags(1 | 0x400))
print(inspect.CO_GENERATOR, inspect.CO_COROUTINE, inspect.CO_ASYNC_GENERATOR,
      inspect.CO_VARARGS, inspect.CO_ITERABLE_COROUTINE)
print(inspect.isgeneratorfunction(gen), inspect.iscoroutinefunction(coro),
      inspect.isasyncgenfunction(agen), inspect.isgeneratorfunction(plain))

# Line starts: byte offsets, increasing, and the lines of the body.
for fn in (plain, outer, gen):
    co = fn.__code__
    starts = list(dis.findlinestarts(co))
    offsets = [o for o, _ in starts]
    print(fn.__name__, sorted({l for _, l in starts} - {co.co_firstlineno}),
          offsets == sorted(set(offsets)), all(o % 2 == 0 for o in offsets))

# Instruction and Positions.
print(dis.Instruction._fields)
print(dis.Positions._fields, dis.Positions())
insns = list(dis.get_instructions(plain))
print(all(isinstance(i, dis.Instruction) for i in insns), len(insns) > 5)
print(any(i.is_jump_target for i in insns), insns[0].offset)
print(all(isinstance(i.positions, dis.Positions) for i in insns))
print(all(i.opname == opcode.opname[i.opcode] for i in insns))
print(sorted({i.starts_line for i in insns if i.starts_line is not None} - {plain.__code__.co_firstlineno}))
shifted = list(dis.get_instructions(plain, first_line=100))
print(sorted({i.starts_line for i in shifted if i.starts_line is not None} - {100}))
bc = dis.Bytecode(plain)
print(bc.first_line == plain.__code__.co_firstlineno, bc.codeobj is plain.__code__)
print([i.offset for i in bc] == [i.offset for i in insns], bc.current_offset)
print(isinstance(dis.findlabels(plain.__code__.co_code), list))
print(type(bc.dis()).__name__, bc.dis() == dis.Bytecode(plain).dis())

# code_info / show_code: the fields that do not depend on the bytecode.
def fields(text):
    keep, skip = [], False
    for line in text.splitlines():
        if line.startswith(("Stack size", "Constants", "Names")):
            skip = line.endswith(":")
            continue
        if line.startswith(" ") and skip:
            continue
        skip = False
        keep.append(line)
    return keep

for x in (plain, outer, outer(1), gen, "a + b"):
    print(fields(dis.code_info(x)))
out = io.StringIO()
dis.show_code(plain, file=out)
print(out.getvalue().splitlines()[0], fields(out.getvalue()) == fields(dis.code_info(plain)))
print(fields(dis.Bytecode(gen).info()) == fields(dis.code_info(gen)))

# Errors.
for bad in (42, None.__class__):
    try:
        dis.code_info(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    dis.dis(3.5)
except TypeError as e:
    print(type(e).__name__, e)
had = hasattr(sys, "last_traceback")
if had:
    del sys.last_traceback
try:
    dis.distb()
except RuntimeError as e:
    print(type(e).__name__, e)

# A traceback: Bytecode.from_traceback marks the failing instruction.
def fails():
    return 1 / 0
try:
    fails()
except ZeroDivisionError as e:
    tb = e.__traceback__
    bc = dis.Bytecode.from_traceback(tb)
    last = tb
    while last.tb_next:
        last = last.tb_next
    print(bc.codeobj.co_name, bc.current_offset == last.tb_lasti)
    print("-->" in bc.dis())
    out = io.StringIO()
    dis.distb(last, file=out)
    print(out.getvalue().count("-->"))

# opcode: the tables' shapes and consistency.
print(type(opcode.opmap).__name__, len(opcode.opname), opcode.cmp_op)
print(all(opcode.opname[v] == k for k, v in opcode.opmap.items()))
print(opcode.opmap["EXTENDED_ARG"] == opcode.EXTENDED_ARG, dis.EXTENDED_ARG == opcode.EXTENDED_ARG)
for name in ("hasconst", "hasname", "hasjrel", "hasjabs", "haslocal", "hascompare", "hasfree", "hasnargs"):
    lst = getattr(opcode, name)
    print(name, type(lst).__name__, all(isinstance(o, int) and 0 <= o < 256 for o in lst))
print(all(n in opcode.__all__ for n in ["cmp_op", "hasconst", "hasname", "hasjrel", "hasjabs",
      "haslocal", "hascompare", "hasfree", "opname", "opmap", "HAVE_ARGUMENT", "EXTENDED_ARG",
      "hasnargs", "stack_effect"]))
print(all(n in dis.__all__ for n in ["code_info", "dis", "disassemble", "distb", "disco",
      "findlinestarts", "findlabels", "show_code", "get_instructions", "Instruction",
      "Bytecode", "opmap", "opname"]))
print(isinstance(opcode.stack_effect(opcode.opmap["LOAD_CONST"], 0), int))
try:
    opcode.stack_effect("x")
except TypeError as e:
    print(type(e).__name__, e)

# inspect's frame positions are dis.Positions.
info = inspect.stack()[0]
print(type(info.positions).__name__, info.positions.lineno == info.lineno)

# modulefinder scans code objects with dis._find_imports/_find_store_names.
with tempfile.TemporaryDirectory() as d:
    os.mkdir(os.path.join(d, "pkg"))
    files = {
        "main.py": "from __future__ import annotations\nimport a\nfrom pkg import b as bb\nimport pkg.c\n"
                   "def f():\n    import inside\nX = 1\nglobal G\nG = 2\n",
        "a.py": "from missing import thing\nimport sys\n",
        "pkg/__init__.py": "from . import c\nfrom .b import *\n",
        "pkg/b.py": "VALUE = 1\n",
        "pkg/c.py": "from .. import nothing\n",
        "inside.py": "",
    }
    for name, text in files.items():
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
    mf = ModuleFinder(path=[d])
    mf.run_script(os.path.join(d, "main.py"))
    print(sorted(mf.modules))
    print(sorted(mf.badmodules))
    print(sorted(mf.modules["pkg.b"].globalnames))
    print(sorted(mf.modules["__main__"].globalnames))
    code = compile(files["main.py"], "main", "exec")
    print(list(dis._find_imports(code)))
    print(sorted(dis._find_store_names(code)))
