# frame.f_lineno = n from a trace function (debugger jumps): which jumps
# are allowed, what they do to loops, with blocks, except and finally
# blocks, and the errors for the others.
import sys


class Jumper:
    # Jumps once, from line `src` to line `dst` (relative to the def line)
    # of func, on event `event`.
    def __init__(self, func, src, dst, event="line"):
        self.code = func.__code__
        self.src, self.dst, self.event = src, dst, event
        self.done = False

    def trace(self, frame, event, arg):
        if self.done or frame.f_code is not self.code:
            return self.trace
        first = self.code.co_firstlineno
        if event == self.event and frame.f_lineno == first + self.src:
            self.done = True
            # An error propagates: the trace function is switched off and
            # the traced function raises it.
            frame.f_lineno = self.dst if isinstance(self.dst, str) else first + self.dst
        return self.trace


out = []


def run(func, src, dst, event="line"):
    global out
    out = []
    j = Jumper(func, src, dst, event)
    sys.settrace(j.trace)
    try:
        func(out)
    except Exception as e:
        msg = str(e)
        if isinstance(dst, int):
            msg = msg.replace(str(func.__code__.co_firstlineno + dst), "N")
        out.append(type(e).__name__ + ": " + msg)
    finally:
        sys.settrace(None)
    print(func.__name__, out)


class ctx:
    def __init__(self, output, n):
        self.output, self.n = output, n

    def __enter__(self):
        self.output.append(self.n)

    def __exit__(self, *a):
        self.output.append(-self.n)


def forward(output):
    output.append(1)
    output.append(2)
    output.append(3)
run(forward, 1, 3)


def backward(output):
    output.append(1)
    output.append(2)
run(backward, 2, 1)


def same_line(output):
    output.append(1)
    output.append(2)
    output.append(3)
run(same_line, 2, 2)


def codeless_line(output):
    output.append(1)
    # nothing here
    output.append(3)
run(codeless_line, 1, 2)


def out_of_loops_forward(output):
    for i in 1, 2:
        output.append(2)
        for j in [3]:
            output.append(4)
    output.append(5)
run(out_of_loops_forward, 3, 5)


def out_of_loops_backward(output):
    output.append(1)
    for i in [1]:
        output.append(3)
        for j in [2]:
            output.append(5)
        output.append(6)
    output.append(7)
run(out_of_loops_backward, 6, 1)


def to_loop_header(output):
    for i in range(3):
        output.append(i)
        output.append(10)
    output.append(4)
run(to_loop_header, 2, 1)


def into_while_forward(output):
    i = 1
    output.append(2)
    while i <= 2:
        output.append(4)
        i += 1
run(into_while_forward, 2, 4)


def into_while_backward(output):
    i = 1
    while i <= 2:
        output.append(3)
        i += 1
    output.append(5)
run(into_while_backward, 5, 3)


def infinite_while(output):
    output.append(1)
    while True:
        output.append(3)
    output.append(4)
run(infinite_while, 3, 4)


def nested_finally(output):
    try:
        output.append(2)
    finally:
        output.append(4)
        try:
            output.append(6)
        finally:
            output.append(8)
        output.append(9)
run(nested_finally, 4, 9)


def within_finally_on_error(output):
    try:
        output.append(2)
        1 / 0
        return
    finally:
        output.append(6)
        output.append(7)
    output.append(8)
run(within_finally_on_error, 6, 7)


def out_of_with_forward(output):
    with ctx(output, 1):
        output.append(2)
    output.append(3)
run(out_of_with_forward, 2, 3)


def out_of_with_backward(output):
    output.append(1)
    with ctx(output, 2):
        output.append(3)
run(out_of_with_backward, 3, 1)


def out_of_try_finally_forward(output):
    try:
        output.append(2)
    finally:
        output.append(4)
    output.append(5)
run(out_of_try_finally_forward, 2, 5)


def out_of_try_finally_backward(output):
    output.append(1)
    try:
        output.append(3)
    finally:
        output.append(5)
run(out_of_try_finally_backward, 3, 1)


def out_of_try_except_forward(output):
    try:
        output.append(2)
    except:
        output.append(4)
        raise
    output.append(6)
run(out_of_try_except_forward, 2, 6)


def between_except_blocks(output):
    try:
        1 / 0
    except ZeroDivisionError:
        output.append(4)
        output.append(5)
    except FloatingPointError:
        output.append(7)
    output.append(8)
run(between_except_blocks, 5, 7)


def except_to_finally(output):
    try:
        1 / 0
    except ZeroDivisionError:
        output.append(4)
        output.append(5)
    finally:
        output.append(7)
    output.append(8)
run(except_to_finally, 5, 7)


def within_except(output):
    try:
        1 / 0
    except:
        output.append(4)
        output.append(5)
        output.append(6)
    output.append(7)
run(within_except, 5, 6)


def out_of_except_backward(output):
    output.append(1)
    try:
        output.append(3)
        1 / 0
    except Exception:
        output.append(6)
        output.append(sys.exc_info()[0].__name__)
run(out_of_except_backward, 7, 1)


def exc_info_after_leaving_except(output):
    try:
        1 / 0
    except ZeroDivisionError:
        output.append(sys.exc_info()[0].__name__)
        output.append(5)
    output.append(sys.exc_info()[0])
run(exc_info_after_leaving_except, 5, 6)


def across_with(output):
    output.append(1)
    with ctx(output, 2):
        output.append(3)
    with ctx(output, 4):
        output.append(5)
run(across_with, 2, 4)


def out_of_with_in_for(output):
    output.append(1)
    for i in [1]:
        with ctx(output, 3):
            output.append(4)
        output.append(5)
    output.append(6)
run(out_of_with_in_for, 4, 5)


def out_of_with_in_with(output):
    output.append(1)
    with ctx(output, 2):
        with ctx(output, 3):
            output.append(4)
        output.append(5)
    output.append(6)
run(out_of_with_in_with, 4, 5)


def out_of_nested_blocks(output):
    output.append(1)
    for i in [1]:
        output.append(3)
        for j in [1, 2]:
            output.append(5)
            try:
                for k in [1, 2]:
                    output.append(8)
            finally:
                output.append(10)
        output.append(11)
    output.append(12)
run(out_of_nested_blocks, 8, 11)


def over_return_in_finally(output):
    output.append(1)
    try:
        output.append(3)
        if not output:
            return
        output.append(6)
    finally:
        output.append(8)
    output.append(9)
run(over_return_in_finally, 3, 6)


def over_break_in_finally(output):
    output.append(1)
    while True:
        output.append(3)
        try:
            output.append(5)
            if not output:
                break
            output.append(8)
        finally:
            output.append(10)
        output.append(11)
        break
    output.append(13)
run(over_break_in_finally, 5, 8)


def into_finally(output):
    output.append(1)
    try:
        output.append(3)
    finally:
        output.append(5)
run(into_finally, 1, 5)


def over_listcomp(output):
    output.append(1)
    x = [i for i in range(10)]
    output.append(3)
run(over_listcomp, 1, 3)


def back_over_listcomp(output):
    flag = False
    output.append(2)
    if flag:
        return
    x = [i for i in range(5)]
    flag = 6
    output.append(7)
    output.append(8)
run(back_over_listcomp, 8, 2)


# Not allowed.
def too_far_forward(output):
    output.append(1)
    output.append(2)
run(too_far_forward, 2, 3)


def too_far_backward(output):
    output.append(1)
    output.append(2)
run(too_far_backward, 2, -2)


def to_except_bare(output):
    try:
        output.append(2)
    except:
        output.append(4)
        raise
run(to_except_bare, 2, 3)


def to_except_typed(output):
    try:
        output.append(2)
    except ValueError as e:
        output.append(4)
        raise e
run(to_except_typed, 2, 3)


def into_for_forward(output):
    output.append(1)
    for i in 1, 2:
        output.append(3)
run(into_for_forward, 1, 3)


def into_for_backward(output):
    for i in 1, 2:
        output.append(2)
    output.append(3)
run(into_for_backward, 3, 2)


def into_with_forward(output):
    output.append(1)
    with ctx(output, 2):
        output.append(3)
run(into_with_forward, 1, 3)


def into_with_backward(output):
    with ctx(output, 1):
        output.append(2)
    output.append(3)
run(into_with_backward, 3, 2)


def into_except_body(output):
    output.append(1)
    try:
        output.append(3)
    except:
        output.append(5)
run(into_except_body, 1, 5)


def into_except_from_try(output):
    try:
        output.append(2)
        output.append(3)
    except ZeroDivisionError:
        output.append(5)
        output.append(6)
        raise
    output.append(8)
run(into_except_from_try, 3, 6)


def into_for_before_else(output):
    output.append(1)
    if not output:
        for i in [3]:
            output.append(4)
    else:
        output.append(6)
        output.append(7)
    output.append(8)
run(into_for_before_else, 7, 4)


def mid_expression(output):
    a = 1
    print(
        output.append(3)
    )
    output.append(5)
    (
        (
            a
            +
            10
        )
        +
        13
    )
    output.append(15)
run(mid_expression, 3, 7)


def non_integer(output):
    output.append(1)
    output.append(2)
run_args = (non_integer, 1, "Spam")
run(*run_args)


def from_call(output):
    output.append(1)
    def nested():
        output.append(3)
    nested()
    output.append(5)
run(from_call, 2, 3, "call")


def from_return(output):
    output.append(1)
    return
run(from_return, 2, 1, "return")


def from_exception(output):
    output.append(1)
    1 / 0
run(from_exception, 2, 1, "exception")


def from_yield(output):
    def gen():
        output.append(2)
        yield 3
    next(gen())
    output.append(5)
run(from_yield, 3, 2, "return")


def yield_then_resume(output):
    def gen():
        output.append(2)
        x = yield 3
        output.append(4)
        yield 5
    g = gen()
    output.append(next(g))
    output.append(g.send(None))
run(yield_then_resume, 0, 0)  # no jump: baseline


def gen_jump_in_line(output):
    def gen():
        for i in range(3):
            output.append(i)
            yield i
        output.append(5)
    output.extend(gen())
run(gen_jump_in_line, 0, 0)

# Without a trace function.
def no_tracer():
    fr = sys._getframe()
    try:
        fr.f_lineno = fr.f_lineno
    except ValueError as e:
        print("no tracer:", "trace" in str(e))
no_tracer()
print(sys.gettrace())


# More: generators, module code, match, big line numbers.
def traced_gen_jump():
    log = []

    def gen():
        log.append(1)
        yield 2
        log.append(3)
        yield 4
        log.append(5)
    first = gen.__code__.co_firstlineno
    done = []

    def tr(frame, event, arg):
        if frame.f_code is gen.__code__ and event == "line" and frame.f_lineno == first + 3 and not done:
            done.append(1)
            frame.f_lineno = first + 5
        return tr
    sys.settrace(tr)
    try:
        log.extend(gen())
    finally:
        sys.settrace(None)
    print("gen jump", log)
traced_gen_jump()


def module_code_jump():
    src = "\n# comment\nout.append(2)\nout.append(3)\nout.append(4)\n"
    code = compile(src, "<fake>", "exec")
    ns = {"out": []}
    done = []

    def tr(frame, event, arg):
        if frame.f_code is code and event == "line" and frame.f_lineno == 4 and not done:
            done.append(1)
            frame.f_lineno = 1
        return tr
    sys.settrace(tr)
    try:
        exec(code, ns)
    finally:
        sys.settrace(None)
    print("module", ns["out"])
module_code_jump()


def into_case(output):
    match output:
        case [1, 2]:
            output.append(3)
        case _:
            output.append(5)
    output.append(6)
run(into_case, 6, 3)


def out_of_case(output):
    match output:
        case []:
            output.append(3)
            output.append(4)
        case _:
            output.append(6)
    output.append(7)
run(out_of_case, 3, 7)


def big_line(output):
    output.append(1)
    output.append(2)
run(big_line, 1, 2 ** 70)


def while_try(output):
    i = 0
    while i < 3:
        try:
            i += 1
            output.append(i)
        except Exception:
            output.append(-1)
    output.append(8)
run(while_try, 5, 8)


def loop_body_backward(output):
    for i in range(2):
        output.append(i)
        output.append(i * 10)
    output.append(4)
run(loop_body_backward, 3, 2)


def after_loop_into_else(output):
    for i in range(2):
        output.append(i)
    else:
        output.append(4)
    output.append(5)
run(after_loop_into_else, 5, 4)


def local_jump_over_assign(output):
    output.append(1)
    x = 2
    output.append(3)
run(local_jump_over_assign, 1, 3)
