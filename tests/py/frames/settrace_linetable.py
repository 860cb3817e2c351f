# Line events of sys.settrace for constructs whose line table must match
# CPython 3.11's: constant statements, constant if/while, nested if/else
# joins and the implicit return, except-handler clean-up, break/return out
# of with and finally blocks.
import sys


def run(func, *args):
    base = func.__code__.co_firstlineno
    events = []

    def tracer(frame, event, arg):
        if frame.f_code.co_filename == __file__:
            events.append((frame.f_lineno - base, event))
        return tracer

    sys.settrace(tracer)
    try:
        func(*args)
    except Exception as e:
        events.append(("raised", type(e).__name__))
    finally:
        sys.settrace(None)
    print(func.__name__, events)


def const_stmts():
    2
    "text"
    if False:
        a = 5
    else:
        a = 7
    if True:
        a = 9
    while 0:
        pass
    ...


def nested_ifs(a, b):
    if a == 1:
        if b == 1:
            x = 4
        else:
            y = 6
    else:
        z = 8


def if_no_else(a):
    if a:
        if a > 1:
            x = 4


def try_else_finally():
    try:
        2
    except Exception:
        4
    else:
        6
        if False:
            8
        else:
            10
        if try_else_finally.__name__ == 'Fred':
            12
    finally:
        14


def handler_name_cleanup():
    try:
        1 / 0
    except ZeroDivisionError as e:
        if e is None:
            x = 6
    y = 7


def handler_no_match():
    try:
        try:
            1 / 0
        except IndexError:
            5
    except ZeroDivisionError:
        7


def tight_while():
    items = [1, 2, 3]
    i = 0
    try:
        while 1: i = items[i]
    except IndexError:
        pass


class CM:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


def break_out_of_with():
    for i in (1, 2):
        with CM():
            break
    pass


def return_out_of_with():
    with CM():
        return


def break_through_finally():
    for i in range(3):
        try:
            if i > 0:
                break
            a = 6
        finally:
            c = 8
    return c


def class_body():
    class A:
        a = 3
        if a == 4:
            b = 5
    return A


def finally_after_raise():
    try:
        try:
            raise KeyError
        finally:
            y = 5
    except KeyError:
        b = 7


def gen_with_finally():
    try:
        yield True
        "continued"
    finally:
        "finally"


def closes_generator():
    x = any(gen_with_finally())
    y = 2


def _sets_caller_trace(tracer):
    sys._getframe().f_back.f_trace = tracer


def traced_from_inside():
    # The tracer becomes this frame's f_trace during the call: the rest of
    # the call's line gets no 'line' event.
    events = []

    def tracer(frame, event, arg):
        events.append((frame.f_lineno - traced_from_inside.__code__.co_firstlineno, event))
        return tracer

    sys.settrace(lambda *a: None)
    _sets_caller_trace(tracer); x = 1
    y = 2
    sys.settrace(None)
    print("traced_from_inside", events)


def except_star(fail):
    try:
        if fail:
            raise ValueError(3)
    except* ValueError:
        6
    except* TypeError:
        8
    else:
        10
    y = 11


class AIter:
    def __init__(self):
        self.n = 3

    def __aiter__(self):
        return self

    async def __anext__(self):
        self.n -= 1
        if self.n < 0:
            raise StopAsyncIteration
        return self.n


async def async_loop():
    async for x in AIter():
        y = x
    z = 4


def drive_async_loop():
    coro = async_loop()
    try:
        coro.send(None)
    except StopIteration:
        pass


for f, args in [(except_star, (0,)), (except_star, (1,)), (drive_async_loop, ()),
                (finally_after_raise, ()), (closes_generator, ()),
                (const_stmts, ()), (nested_ifs, (1, 1)), (nested_ifs, (1, 2)),
                (nested_ifs, (2, 1)), (if_no_else, (0,)), (if_no_else, (1,)),
                (try_else_finally, ()), (handler_name_cleanup, ()),
                (handler_no_match, ()), (tight_while, ()), (break_out_of_with, ()),
                (return_out_of_with, ()), (break_through_finally, ()), (class_body, ())]:
    run(f, *args)

traced_from_inside()

# co_lines() reports the lines; f_lineno outside tracing is always a line.
print(all(l is None or l > 0 for _, _, l in nested_ifs.__code__.co_lines()))
print(sys._getframe().f_lineno)
