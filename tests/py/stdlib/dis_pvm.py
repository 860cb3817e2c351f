# pvm's disassembly of its register bytecode (docs/bytecode.md): registers
# named after locals, constants and names resolved, jump targets, labels,
# the exception table and nested code objects.
import dis
import io
import re


def show(x, **kw):
    out = io.StringIO()
    dis.dis(x, file=out, **kw)
    # Code object reprs carry addresses.
    text = re.sub(r" at 0x[0-9a-f]+", " at ADDR", out.getvalue())
    print(re.sub(r'file "[^"]*/', 'file "', text), end="")


def add(a, b):
    return a + b


def loop(n):
    total = 0
    for i in range(n):
        if i > 2:
            total += i
    return total


def call(f):
    return f(1, key=-5)


def guarded(x):
    try:
        return x.y
    except AttributeError:
        return None


def closure(v):
    def get():
        return v
    return get


show(add)
print("--")
show(loop)
print("--")
show(call)
print("--")
show(guarded)
print("--")
show(closure)
print("--")
show(closure, depth=0)
print("--")
show("x = y.z")
print("--")
show(add.__code__.co_code)
print("--")
# An unknown opcode and a truncated EXTENDED_ARG prefix.
prefix = dis.opmap["EXTENDED_ARG"].to_bytes(4, "little")
show(bytes([255, 0, 0, 0]) + add.__code__.co_code + prefix)
print("--")


class K:
    def method(self):
        return self

    @staticmethod
    def static():
        return None


show(K)
print("--")
# Operands above 255 take EXTENDED_ARG prefixes; the instruction shows the
# full operands at the first prefix's offset.
src = "def big():\n" + "".join("    v%d = %d.5\n" % (i, i) for i in range(300)) + "    return v299\n"
ns = {}
exec(src, ns)
lines = io.StringIO()
dis.dis(ns["big"], file=lines)
print("\n".join(lines.getvalue().splitlines()[-5:]))
insns = list(dis.get_instructions(ns["big"]))
print(insns[-2].opname, insns[-2].arg, insns[-2].argval, insns[-1].offset - insns[-2].offset)
print("--")
for i in dis.get_instructions(call):
    print(i.opname, i.arg, i.argval, repr(i.argrepr), i.offset, i.starts_line, i.is_jump_target)
print(dis.findlabels(loop.__code__.co_code))
print([i.jump_target for i in dis.get_instructions(loop)])
