# Threads parse, dump and compile at once, and some of them compile ONE shared tree while
# others mutate it (swap list items, rebind fields, delete them): converting a tree another
# thread changes may raise TypeError/ValueError, never crash, and a tree left whole always
# compiles and runs.
import ast
import threading

N = 6
ROUNDS = 60
SRC = """
def f(a, b=2, *c, **d):
    return [x * b for x in range(a) if x % 2] + list(c)
class K:
    v = {'k': (1, 2.5, 3j)}
match f(5):
    case [2, *rest]:
        out = rest
    case _:
        out = None
"""
EXPECTED = ast.dump(ast.parse(SRC), include_attributes=True)
shared = ast.parse(SRC)
errors = []


mutate = threading.Lock()


def work(k):
    for i in range(ROUNDS):
        t = ast.parse(SRC)
        if ast.dump(t, include_attributes=True) != EXPECTED:
            errors.append("dump differs")
        ns = {}
        exec(compile(t, "<t%d>" % k, "exec"), ns)
        if ns["out"] != [6]:
            errors.append(("out", ns["out"]))
        if k % 2:
            # Mutators take turns (a lock): two threads swapping items at once
            # would lose a node at the Python level, as on CPython.  The
            # readers below still race with every mutation.
            with mutate:
                body = shared.body
                if i % 3 == 0 and len(body) > 1:
                    body[0], body[-1] = body[-1], body[0]
                elif i % 3 == 1:
                    body.append(ast.Pass(lineno=20, col_offset=0))
                    del body[-1:]
                else:
                    node = body[0]
                    old = getattr(node, "name", None)
                    if old is not None:
                        node.name = 5
                        node.name = old
        else:
            try:
                compile(shared, "<shared>", "exec")
            except (TypeError, ValueError):
                pass
            ast.dump(shared)


threads = [threading.Thread(target=work, args=(k,)) for k in range(N)]
for th in threads:
    th.start()
for th in threads:
    th.join()
shared.body.sort(key=lambda n: n.lineno)
ns = {}
exec(compile(shared, "<final>", "exec"), ns)
if ns["out"] != [6]:
    errors.append("final")
if errors:
    print("errors", errors[:5])
print("ok ast_parse_threads")
