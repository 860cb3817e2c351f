# re: errors from the parser/compiler and the native module.
import re
import _sre


def show(f):
    try:
        r = f()
    except re.error as e:
        r = ('error', str(e), e.pos, e.lineno, e.colno)
    except Exception as e:
        r = (type(e).__name__, str(e))
    print(repr(r))


for p in ['(', 'a)', '[a', 'a**', r'(?<=a+)b', r'\1(a)', '(?P<1>a)', r'\x', 'a{2,1}',
          '(?P<a>x)(?P<a>y)', '(?z)', r'\p', '*a', '(?<!a|bc)d', 'a\n(', '(?P=nope)',
          r'[\d-z]', '(?i', 'x{99999999999}', '(?', 'a++*']:
    show(lambda: re.compile(p))
show(lambda: re.compile('a', 'x'))
show(lambda: re.compile(1))
show(lambda: re.compile(re.compile('a'), re.I))
show(lambda: re.compile(re.compile('a')).pattern)
show(lambda: _sre.compile('a', 0, [1 << 40], 0, {}, ()))
show(lambda: _sre.compile('a', 0, [99], 0, {}, ()).match('a'))
show(lambda: _sre.compile('a', 0, [17, 0], 0, {}, ()).match('a'))
show(lambda: _sre.compile('a', 0, [15, 1000], 0, {}, ()).match('a'))
show(lambda: _sre.compile('a', 0, [13, 1000, 16], 0, {}, ()).match('a'))
show(lambda: _sre.compile('a', 0, [19], 0, {}, ()).match('a'))
show(lambda: _sre.ascii_tolower('a'))
show(lambda: re.match('(a)', 'a').group(2))
show(lambda: re.error('msg', 'pat', 1))
e = re.error('boom', 'ab\ncd', 4)
print(e.msg, e.pattern, e.pos, e.lineno, e.colno, str(e))
