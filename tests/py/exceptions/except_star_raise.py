# except*: exceptions raised or re-raised by the clauses, combined with the rest
import sys

def show(e, indent=""):
    print(indent + type(e).__name__ + ": " + str(e),
          "| cause:", repr(e.__cause__), "| context:", repr(e.__context__))
    if isinstance(e, BaseExceptionGroup):
        for sub in e.exceptions:
            show(sub, indent + "    ")

def attempt(label, body):
    print("--", label)
    try:
        body()
    except BaseException as e:
        show(e)
    else:
        print("nothing escaped")

def bare_reraise():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
attempt("bare raise of the match, with a rest", bare_reraise)

def bare_reraise_all():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
    except* TypeError:
        raise
attempt("bare raise in every clause gives the original back", bare_reraise_all)

orig = ExceptionGroup("orig", [ValueError(1), TypeError(2)])
def reraise_identity():
    try:
        raise orig
    except* ValueError:
        raise
    except* TypeError:
        raise
try:
    reraise_identity()
except ExceptionGroup as e:
    print("same object:", e is orig)

def raise_new():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        raise RuntimeError("new")
attempt("new exception plus rest", raise_new)

def raise_new_only():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        raise RuntimeError("only")
attempt("new exception alone", raise_new_only)

def raise_from():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError as e:
        raise RuntimeError("from") from e
attempt("raise from", raise_from)

def raise_match_explicitly():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        raise e
attempt("raise e (a new traceback: counts as raised)", raise_match_explicitly)

def several():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3), OSError(4)])
    except* ValueError:
        raise RuntimeError("r1")
    except* TypeError:
        raise
    except* KeyError:
        raise ExceptionGroup("sub", [ArithmeticError(5)])
attempt("raised, re-raised and rest together", several)

def naked_raise_new():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise TypeError("replacement")
attempt("naked exception, clause raises", naked_raise_new)

def naked_bare():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise
attempt("naked exception, bare raise", naked_bare)

def naked_unmatched():
    try:
        raise ValueError("naked")
    except* TypeError:
        print("not reached")
attempt("naked exception, unmatched", naked_unmatched)

def handled():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        return_value = "handled"
    return return_value
attempt("all handled", lambda: print(handled()))

def nested_star():
    try:
        try:
            raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
        except* ValueError:
            raise KeyError("from inner")
    except* KeyError as k:
        print("outer caught KeyError part:", repr(k))
        raise
    except* TypeError as t:
        print("outer caught TypeError part:", repr(t))
attempt("nested try-star", nested_star)

def in_finally():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        raise OSError("os")
    finally:
        print("finally sees", repr(sys.exc_info()[1]))
attempt("finally after a raising clause", in_finally)

def base_in_clause():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyboardInterrupt("ki")
attempt("BaseException raised in a clause", base_in_clause)

def custom_derive():
    class Derived(ExceptionGroup):
        def derive(self, excs):
            return Derived(self.message.upper(), excs)
    try:
        raise Derived("mine", [ValueError(1), TypeError(2)])
    except* ValueError as v:
        print("match type:", type(v).__name__, repr(v))
attempt("subclass with derive: rest keeps the class", custom_derive)
print(sys.exc_info())
