# a tiny stack-based VM: assembler with labels, interpreter, and a few programs
class VMError(Exception):
    pass

OPS = {"push": 1, "pop": 0, "add": 0, "sub": 0, "mul": 0, "div": 0, "mod": 0, "dup": 0,
       "swap": 0, "over": 0, "jmp": 1, "jz": 1, "jnz": 1, "load": 1, "store": 1, "print": 0,
       "call": 1, "ret": 0, "halt": 0, "lt": 0, "eq": 0}

def assemble(src):
    code, labels, fixups = [], {}, []
    for lineno, raw in enumerate(src.strip().splitlines(), 1):
        line = raw.split(";")[0].strip()
        if not line:
            continue
        if line.endswith(":"):
            labels[line[:-1]] = len(code)
            continue
        parts = line.split()
        op = parts[0]
        if op not in OPS:
            raise VMError("line %d: unknown op %r" % (lineno, op))
        if len(parts) - 1 != OPS[op]:
            raise VMError("line %d: %s takes %d operand(s)" % (lineno, op, OPS[op]))
        arg = None
        if OPS[op]:
            a = parts[1]
            if a.lstrip("-").isdigit():
                arg = int(a)
            else:
                arg = a
                fixups.append(len(code))
        code.append([op, arg])
    for i in fixups:
        name = code[i][1]
        if code[i][0] in ("load", "store"):
            continue
        if name not in labels:
            raise VMError("undefined label " + name)
        code[i][1] = labels[name]
    return code

def run(code, max_steps=100000):
    stack, frames, mem, out = [], [], {}, []
    pc = steps = 0
    binops = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
              "lt": lambda a, b: int(a < b), "eq": lambda a, b: int(a == b)}
    while True:
        steps += 1
        if steps > max_steps:
            raise VMError("step limit exceeded")
        if pc >= len(code):
            raise VMError("pc out of range: %d" % pc)
        op, arg = code[pc]
        pc += 1
        try:
            if op == "push":
                stack.append(arg)
            elif op == "pop":
                stack.pop()
            elif op in binops:
                b, a = stack.pop(), stack.pop()
                stack.append(binops[op](a, b))
            elif op in ("div", "mod"):
                b, a = stack.pop(), stack.pop()
                if b == 0:
                    raise VMError("division by zero at %d" % (pc - 1))
                stack.append(a // b if op == "div" else a % b)
            elif op == "dup":
                stack.append(stack[-1])
            elif op == "swap":
                stack[-1], stack[-2] = stack[-2], stack[-1]
            elif op == "over":
                stack.append(stack[-2])
            elif op == "jmp":
                pc = arg
            elif op == "jz":
                if stack.pop() == 0:
                    pc = arg
            elif op == "jnz":
                if stack.pop() != 0:
                    pc = arg
            elif op == "load":
                stack.append(mem.get(arg, 0))
            elif op == "store":
                mem[arg] = stack.pop()
            elif op == "print":
                out.append(stack.pop())
            elif op == "call":
                frames.append(pc)
                pc = arg
            elif op == "ret":
                pc = frames.pop()
            elif op == "halt":
                return out, steps, stack
        except IndexError:
            raise VMError("stack underflow at %d (%s)" % (pc - 1, op))

FACT = """
    push 20
    store n
    push 1
    store acc
loop:
    load n
    jz done
    load acc
    load n
    mul
    store acc
    load n
    push 1
    sub
    store n
    jmp loop
done:
    load acc
    print
    halt
"""
FIB = """
    push 0
    push 1
    push 15
    store k
again:
    over
    print
    dup        ; a b b
    store t
    add        ; a+b
    load t
    swap       ; b a+b
    load k
    push 1
    sub
    dup
    store k
    jnz again
    halt
"""
CALLS = """
    push 7
    call square
    print
    push 12
    call square
    call square
    print
    halt
square:
    dup
    mul
    ret
"""
for name, src in [("fact", FACT), ("fib", FIB), ("calls", CALLS)]:
    out, steps, stack = run(assemble(src))
    print(name, out, "steps=%d" % steps, "stack=%r" % stack)
bad_programs = {
    "underflow": "push 1\nadd\nhalt",
    "divzero": "push 1\npush 0\ndiv\nhalt",
    "badop": "push 1\nfrobnicate\nhalt",
    "badarg": "push\nhalt",
    "nolabel": "jmp nowhere\nhalt",
    "infinite": "top:\njmp top",
    "runoff": "push 1",
}
for name, src in bad_programs.items():
    try:
        print(name, run(assemble(src)))
    except VMError as e:
        print(name, "VMError:", e)
print(assemble(CALLS))
