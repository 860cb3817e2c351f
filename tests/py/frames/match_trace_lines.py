# Line events of a match statement: a failed pattern's cleanup (and what
# follows the last case) belongs to the pattern's line.
import sys


def trace_lines(func, *args):
    lines = []

    def trace(frame, event, arg):
        if event == "line" and frame.f_code is func.__code__:
            lines.append(frame.f_lineno - func.__code__.co_firstlineno)
        return trace

    sys.settrace(trace)
    try:
        func(*args)
    finally:
        sys.settrace(None)
    return lines


def no_default(command):
    match command.split():
        case ["go", direction] if direction in "nesw":
            return f"go {direction}"
        case ["go", _]:
            return "no go"


def wildcard(command):
    match command.split():
        case ["go", direction] if direction in "nesw":
            return f"go {direction}"
        case ["go", _]:
            return "no go"
        case _:
            return "default"


def after(x):
    match x:
        case 1:
            y = "one"
        case {"k": v}:
            y = v
    return "done"


for f in (no_default, wildcard):
    for arg in ("go n", "go x", "spam"):
        print(f.__name__, arg, trace_lines(f, arg))
for arg in (1, {"k": 2}, 3):
    print("after", arg, trace_lines(after, arg))


def in_loop(items):
    out = []
    for x in items:
        match x:
            case int() if x > 1:
                out.append("big")
            case int():
                pass
            case [a, *rest]:
                out.append(a)
    return out


print("in_loop", trace_lines(in_loop, [1, 2, [3, 4], "s"]))
