# sys.setprofile (call/return/c_call/c_return/c_exception), a trace function
# that raises, local trace functions returning None, f_trace_lines, tracing
# the current frame pdb-style, opcode events, argument errors.
import sys

out = []

def prof(frame, event, arg):
    if event.startswith('c_'):
        out.append("%s %s %s" % (event, frame.f_code.co_name, getattr(arg, '__name__', arg)))
    else:
        out.append("%s %s %d %r" % (event, frame.f_code.co_name, frame.f_lineno,
                                    arg if event == 'return' else None))

def work(xs):
    l = []
    for x in xs:
        l.append(x * 2)
    n = len(l)
    try:
        int('nope')
    except ValueError:
        n += 1
    return sorted(l, reverse=True)[0] + n

def gen():
    yield 1
    yield 2

sys.setprofile(prof)
work([1, 2])
list(gen())
sys.setprofile(None)
print("\n".join(out))
print(sys.getprofile())

# A trace function that raises is switched off; the error propagates.
def bad(frame, event, arg):
    if event == 'line':
        raise RuntimeError('tracer failed')
    return bad

def victim():
    a = 1
    return a

sys.settrace(bad)
try:
    victim()
except RuntimeError as e:
    print('caught', e)
print(sys.gettrace())

# A local trace function that returns None keeps itself; f_trace_lines off.
seen = []
def local(frame, event, arg):
    seen.append((event, frame.f_lineno))
    return None

def glob(frame, event, arg):
    if frame.f_code.co_name == 'quiet':
        frame.f_trace_lines = False
    return local

def traced():
    x = 1
    y = 2
    return x + y

def quiet():
    x = 1
    return x

sys.settrace(glob)
traced()
quiet()
sys.settrace(None)
print(seen)

# pdb-style: trace the current frame from here on.
lines = []
def here(frame, event, arg):
    lines.append((event, frame.f_lineno))
    return here

def body():
    f = sys._getframe()
    f.f_trace = here
    sys.settrace(here)
    a = 1
    b = 2
    sys.settrace(None)
    return a + b

body()
print(lines)

# Opcode events arrive when asked for (their number is pvm's own).
ops = []
def opt(frame, event, arg):
    frame.f_trace_opcodes = True
    if event == 'opcode':
        ops.append(frame.f_lineno)
    return opt

def small():
    return 1 + 1

sys.settrace(opt)
small()
sys.settrace(None)
print(len(ops) > 0, set(ops))

# Errors
for args in [(), (1, 2)]:
    try:
        sys.settrace(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    sys.gettrace(1)
except TypeError as e:
    print(type(e).__name__, e)
