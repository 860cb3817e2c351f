# Jumping (f_lineno = n) out of a for loop whose body has 30 000 lines: the
# legality check must not be quadratic in code size (CPython's
# test_jump_extended_args_for_iter, smaller), and still refuses the jumps
# CPython refuses.
import sys

N = 30_000
source = ["def f(output):", "    output.append(1)", "    for _ in spam:",
          *(f"        output.append({i})" for i in range(3, N)), f"    output.append({N})"]
ns = {}
exec("\n".join(source), ns)
f = ns["f"]


def run(src, dst):
    out = []
    first = f.__code__.co_firstlineno

    def tracer(frame, event, arg):
        if frame.f_code is f.__code__ and event == "line" and frame.f_lineno == first + src:
            try:
                frame.f_lineno = first + dst
            except ValueError as e:
                out.append(("ValueError", str(e)))
        return tracer

    sys.settrace(tracer)
    try:
        f(out)
    except NameError as e:
        out.append((type(e).__name__, str(e)))
    finally:
        sys.settrace(None)
    print(out[:3], out[-1], len(out))


run(2, N)        # over the whole loop
run(1, 5)        # into the loop body: refused
run(1, N + 5)    # past the end: refused
