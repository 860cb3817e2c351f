import warnings
def t(src, mode='eval'):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        try:
            compile(src, '<t>', mode)
        except SyntaxError as e:
            print('  E', e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
        for x in w:
            print('  W', x.category.__name__, x.message, x.filename, x.lineno)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('error')
        try:
            compile(src, '<t>', mode)
        except SyntaxError as e:
            print('  E', e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
        print('  n', len(w))
for s in ['0xfor x', 'y+ 1if x else y', '(1,\n 2,\n x) is 1', "x = '\\d'", "x = (1,\n '''\n\\d''')", "b'\\N'", "'\\407'", "f'\\{6*7}'", "f'{x}\\d{y}\\e'", "'\\d\\e'", "x is 1", "x is not 'a'", "1 is x is ()", "x is -1", "x is (1,2)", "x is None", "x == 1 is y"]:
    print(repr(s)); t(s, 'exec')
for s in ['assert(x, 1)', 'assert (x,)', 'assert ()', 'if 1:\n  assert(x,\n "m")', '[(1, 2) (3, 4)]', '[x for x in (1) (2)]', '"a" (1)', 'f"x" (1)', '(1,2)[i, j]', '[1][1,2]', '[1]["a"]', '[1][1.5]', '[1][x]', '(1,2)[(1,2)]', '{1}[1]', 'None[1]', '...(1)', '[1][...]','[1][f"{x}"]', '"a"[None]', '[1][lambda: 1]', '[1][-1]', '[1][1:2]', '(1,2)[1+2j]', '[1][b"a"]', 'x = [1][1,2]\ny = 2[0]']:
    print(repr(s)); t(s, 'exec')
# a warning shown once per compile, with the default filters, on stderr
import sys
sys.stderr = sys.stdout
compile("x = 1\nif x is 2: pass\n", "<w>", "exec")
# inside nested code, in a jump context, and in a comprehension
t("def f():\n    while x is 'a': pass\n    return [y for y in z if y is 1]", 'exec')
t("assert x is 1, 'm'", 'exec')
t("'\\w' and b'\\w' or f'\\w'", 'eval')
t("r'\\w' + rb'\\w' + '\\\\w'", 'eval')
t("1 if 0x1for x in y else 2", 'eval')
