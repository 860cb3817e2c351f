# attributes of built-in exception instances
try:
    {}["k"]
except KeyError as e:
    print(e.args, repr(e))
try:
    int("q")
except ValueError as e:
    print(e.args)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
try:
    open("/tmp/pvm_test_missing_dir_xyz/none.txt")
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
try:
    raise StopIteration("val")
except StopIteration as e:
    print(e.value, e.args)
try:
    undefined_thing
except NameError as e:
    print(e.args, e.name)
try:
    None.missing
except AttributeError as e:
    print(e.args, e.name)
e = SystemExit(2)
print(e.code, e.args)
try:
    raise ValueError("a", "b")
except ValueError as e:
    print(str(e), e.args[1])
ex = Exception("base")
print(ex.__cause__, ex.__context__, ex.__suppress_context__, ex.__traceback__)
