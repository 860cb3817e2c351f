# multiple except clauses, order, catching base classes, Exception vs BaseException
def risky(n):
    if n == 0:
        return 1 / 0
    if n == 1:
        return [][1]
    if n == 2:
        return {}["k"]
    if n == 3:
        return int("z")
    if n == 4:
        raise SystemExit(4)
    if n == 5:
        raise KeyboardInterrupt
    return "fine"
for n in range(7):
    try:
        print(n, risky(n))
    except ZeroDivisionError:
        print(n, "zero division")
    except (IndexError, KeyError) as e:
        print(n, "lookup", type(e).__name__)
    except Exception as e:
        print(n, "other exception", type(e).__name__)
    except BaseException as e:
        print(n, "base exception", type(e).__name__, e.args)
try:
    raise ValueError("first clause wins")
except Exception:
    print("Exception clause")
except ValueError:
    print("never reached")
def classify(exc):
    try:
        raise exc
    except ArithmeticError:
        return "arith"
    except LookupError:
        return "lookup"
    except:
        return "bare except"
print([classify(e) for e in (OverflowError, KeyError("x"), TypeError, GeneratorExit)])
