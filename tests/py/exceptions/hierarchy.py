# exception hierarchy
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (ArithmeticError, Exception), (KeyError, LookupError), (IndexError, LookupError),
    (LookupError, Exception), (ValueError, Exception), (UnicodeDecodeError, ValueError),
    (UnicodeError, ValueError), (TypeError, Exception), (NameError, Exception),
    (UnboundLocalError, NameError), (AttributeError, Exception),
    (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
    (StopIteration, Exception), (GeneratorExit, Exception), (GeneratorExit, BaseException),
    (KeyboardInterrupt, Exception), (SystemExit, Exception), (SystemExit, BaseException),
    (Exception, BaseException), (AssertionError, Exception), (OSError, Exception),
    (FileNotFoundError, OSError), (KeyError, IndexError), (bool, Exception),
]
for sub, sup in pairs:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
print([c.__name__ for c in ZeroDivisionError.__mro__])
print([c.__name__ for c in KeyError.__mro__])
print(IOError is OSError, EnvironmentError is OSError)
try:
    raise KeyError("k")
except LookupError as e:
    print("caught as LookupError:", type(e).__name__)
try:
    {}["x"]
except (IndexError, KeyError) as e:
    print("tuple catch", type(e).__name__)
