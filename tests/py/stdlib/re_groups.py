# re: Match objects and groups.
import copy
import re


def show(f):
    try:
        r = f()
    except Exception as e:
        r = (type(e).__name__, str(e))
    print(repr(r))


m = re.match(r'(?P<a>x)(y)?(?P<c>z)?', 'xz')
print(m)
print(m[0], m['a'], m[1], m[2], m.group(), m.group(0, 'a', 2))
print(m.groups(), m.groups('d'), m.groupdict(), m.groupdict(default='d'))
print(m.start(), m.end(), m.span(), m.start(2), m.end('a'), m.span(2), m.span('a'))
print(m.regs, m.lastindex, m.lastgroup, m.pos, m.endpos, m.string, m.re)
show(lambda: m.group(4))
show(lambda: m.group(-1))
show(lambda: m.group('zz'))
show(lambda: m.group(True))
show(lambda: m.group(1.5))
show(lambda: m.start(9))
show(lambda: m['nope'])
print(copy.copy(m) is m, copy.deepcopy(m) is m)
print(re.match('(a)(b)?', 'a').expand(r'\1-\2-\g<1>'))
print(re.match('(?P<n>a)', 'a').expand(r'[\g<n>]'))
show(lambda: re.match('(a)', 'a').expand(r'\2'))

# lastindex / lastgroup
print(re.match(r'(a)|(b)', 'b').lastindex)
print(re.match(r'((a)b)', 'ab').lastindex)
print(re.match(r'(a)(b)?', 'a').lastindex)
print(re.match(r'(?P<x>a)(?P<y>b)', 'ab').lastgroup)
print(re.match(r'(?P<x>a)(b)', 'ab').lastgroup)
print(re.match(r'a', 'a').lastindex, re.match(r'a', 'a').lastgroup)

# groups kept across repeats and alternatives (CPython's rules)
print(re.match(r'(a|b)*c', 'ababc').group(0, 1))
print(re.match(r'(?:(a)|b)*', 'ab').groups())
print(re.match(r'((a)|b)+', 'ab').groups())
print(re.match(r'(?:(a)|(b))+', 'ab').groups())
print(re.match(r'(a*)*b', 'aaab').groups())
print(re.match(r'(a*)+b', 'aab').groups())
print(re.match(r'(a|)+b', 'aab').groups())
print(re.match(r'(a?)*?b', 'ab').groups())
print(re.match(r'(.*?)-(.*)', 'a-b-c').groups())
print(re.match(r'(.*)(\d+)', 'abc123').groups())

# Pattern attributes
p = re.compile(r'(?P<x>a)(?P<y>b)(c)')
print(p.groups, sorted(p.groupindex.items()), p.pattern, p.flags)
print(re.compile('a', re.X).flags, re.compile(b'a').flags, re.compile('(?i)a').flags)
print(p == re.compile(r'(?P<x>a)(?P<y>b)(c)'), p == re.compile('a'), p != re.compile('a'))
print(re.compile('a') == re.compile('a', re.I))
print(hash(re.compile('ab')) == hash(re.compile('ab')))
print(copy.copy(p) is p, copy.deepcopy(p) is p)
print(re.Pattern[str], re.Match[bytes])
print(re.Pattern.__name__, re.Match.__name__, type(p.scanner('')).__name__)

# repr
print(repr(re.match('a' * 100, 'a' * 100)))
print(repr(re.compile('a' * 300)))
print(repr(re.compile('a', re.I | re.M | re.S | re.X)))
print(repr(re.compile(b'a', re.I)))
print(repr(re.compile('a', re.A)))
print(repr(re.compile(b'a', re.L)))
print(repr(re.compile('a', re.U)))
print(repr(re.compile('\n\'"')))
print(repr(re.match('é\n', 'é\n')))

# read-only attributes
show(lambda: setattr(p, 'pattern', 'x'))
show(lambda: setattr(p, 'flags', 1))
show(lambda: setattr(m, 'pos', 1))
show(lambda: setattr(m, 'string', 'x'))
show(lambda: setattr(m, 'lastindex', 1))
show(lambda: setattr(p, 'groupindex', {}))
show(lambda: p.nope)
show(lambda: re.Pattern())
show(lambda: re.Match())

# argument handling
n = re.match('(a)(b)', 'ab')
show(lambda: m[0:1])
show(lambda: n['a'])
show(lambda: m.group(x=1))
show(lambda: m.span(2**100))
show(lambda: m.start(-1))
show(lambda: re.compile('a').match('a', endpos=None))
show(lambda: re.compile('a').search('ba', 5, 1))
show(lambda: re.compile('a').search('ba', 1, 5).endpos)
show(lambda: re.compile('a').split('a', maxsplit='1'))
show(lambda: re.compile('a').sub('b', 'a', count=None))
show(lambda: re.compile('a').findall(string='aa'))
show(lambda: re.compile('a').finditer('aa', 1).__next__().span())
