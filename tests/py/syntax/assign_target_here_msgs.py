# CPython 3.11's messages for invalid assignment targets: "cannot assign to X
# here. Maybe you meant '==' instead of '='?" for a single target its
# bitwise_or rule parses (parenthesized groups included), the plain message
# otherwise, and "assignment to yield expression not possible" only for a bare yield.
srcs = ["def f(): (yield bar) = y", "f() = 1", "(yield) = 1", "a + 1 = 2", "x = (yield) = 1", "for (yield) in x: pass",
"with a as (yield): pass", "(yield bar) += 1", "del (yield)", "[x for (yield) in y]", "(a, (yield)) = 1", "lambda: 1 = 1",
"def f(): x = yield = 1", "await x = 1", "(x := 1) = 2", "1 = x", "'s' = 1", "... = 1", "None = 1", "a if b else c = 1",
"f'{x}' = 1", "{a: b} = 1", "{a} = 1", "a < b = 1", "not a = 1", "-a = 1", "a.b() = 1", "[a, b()] = 1", "x: (yield) = 1", "print(a=1 = 2)", "f(a.b=1)", "f(x()=1)", "(yield) : int"]
for s in srcs:
    try:
        compile(s, "<s>", "exec")
        print(repr(s), "OK")
    except SyntaxError as e:
        print(repr(s), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
more = ["(a < b) = 1", "(not a) = 1", "(a if b else c) = 1", "(yield) = a, b", "(yield) = not x", "(yield) = lambda: 1", "(yield) = *a, b", "(a) + b() = 1",
"(f()) = 1", "(yield) = yield", "x = (yield) = 1", "(lambda: 1) = 1", "(a, f()) = 1", "((a < b)) = 1", "(a < b) = not c", "(await x) = 1", "[(yield)] = 1", "(x for x in y) = 1", "((yield)) = 1"]
for s in more:
    try:
        compile(s, "<s>", "exec")
        print(repr(s), "OK")
    except SyntaxError as e:
        print(repr(s), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
