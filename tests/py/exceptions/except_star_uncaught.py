# What escapes a try/except* uncaught: new exceptions raised in clauses and
# the unmatched rest, combined in an ExceptionGroup('')
def work():
    raise ExceptionGroup("work", [ValueError(1), TypeError(2), KeyError(3)])

def main():
    try:
        work()
    except* ValueError as v:
        print("handling", repr(v))
        raise RuntimeError("handler failed")
    except* TypeError:
        raise
main()
