# raise from, __cause__, __context__, __suppress_context__
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__, e.__cause__)
    print(type(e.__context__).__name__, e.__suppress_context__)
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("implicit chain")
except RuntimeError as e:
    print(e.__cause__, type(e.__context__).__name__, e.__context__, e.__suppress_context__)
try:
    try:
        raise TypeError("first")
    except TypeError:
        raise ValueError("second") from None
except ValueError as e:
    print(e.__cause__, type(e.__context__).__name__, e.__suppress_context__)
try:
    raise IndexError("no chain")
except IndexError as e:
    print(e.__cause__, e.__context__, e.__suppress_context__)
try:
    raise ValueError("direct") from KeyError("cause")
except ValueError as e:
    print(repr(e.__cause__), e.__context__)
try:
    raise ValueError from TypeError
except ValueError as e:
    print(repr(e), repr(e.__cause__))
try:
    raise ValueError("x") from 5
except TypeError as e:
    print(type(e).__name__, e)
