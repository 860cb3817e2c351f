srcs = ["f'{}'", "f'{ }'", "f'{10:{ }}'", "f'''{\t\f\r\n}'''", "f'{!r}'", "f'{ !r}'", "f'{!}'", "f'''{\t\f\r\n!a}'''", "f'{!'", "f'{!s:'", "f'{!x}'", "f'{ !xr}'", "f'{!x:}'", "f'{!x:a}'", "f'{ !xr:}'", "f'{ !xr:a}'",
        "f'{:}'", "f'{ :!}'", "f'{:2}'", "f'''{\t\f\r\n:a}'''", "f'{:'", "f'{=}'", "f'{ =}'", "f'{=x}'", "f'{*a}'", "f'{**a}'", "f'{x!}'", "f'{x!z}'", "f'{x:{!r}}'", "f'{a:{:}}'"]
for s in srcs:
    try:
        compile(s, "?", "exec")
        print(repr(s), "ok")
    except SyntaxError as e:
        print(repr(s), type(e).__name__, e, e.offset)
for s in ["(**a)", "( ** a )", "(*a)", "x = (**a)", "(**a, b)", "f'{**a}'", "f'{ **a}'", "f'{(**a)}'", "f'{ ** a }'", "f'{x, **a}'", "f'{**a, b}'"]:
    try:
        compile(s, '?', 'exec'); print(repr(s), 'ok')
    except SyntaxError as e:
        print(repr(s), e.msg, e.offset, e.end_offset)
