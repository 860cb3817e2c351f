# sys.settrace: call, line, return and exception events of plain calls,
# loops, generators, try/except, methods, lambdas and comprehensions.
import sys

events = []

def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if event == 'return':
        events.append((event, name, frame.f_lineno, arg))
    elif event == 'exception':
        events.append((event, name, frame.f_lineno, arg[0].__name__))
    else:
        events.append((event, name, frame.f_lineno))
    return tracer

def add(a, b):
    c = a + b
    return c

def loop(n):
    total = 0
    for i in range(n):
        total += add(i, 1)
    return total

def gen(n):
    for i in range(n):
        yield i * 2
    return 'done'

def fails():
    x = 1
    raise ValueError('bad')

def catches():
    try:
        fails()
    except ValueError:
        y = 2
    return 'ok'

class K:
    a = 1
    def m(self):
        return self.a

sys.settrace(tracer)
loop(2)
list(gen(2))
catches()
K().m()
(lambda x: x)(3)
[i for i in range(2)]
sys.settrace(None)
for e in events:
    print(e)
print(sys.gettrace())
