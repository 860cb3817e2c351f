# re: Pattern.scanner and re.Scanner.
import re

s = re.compile(r'\w+|\s').scanner('ab cd')
print([s.match() for _ in range(5)])
s = re.compile(r'\d+').scanner('a1b22c', 1)
print(s.search(), s.search(), s.search(), s.search(), s.pattern)
s = re.compile(r'x*').scanner('axx')
print([m.span() for m in iter(s.search, None)])
s = re.compile(r'\w').scanner('abcd', 1, 3)
print([(m.group(), m.pos, m.endpos) for m in iter(s.match, None)])

sc = re.Scanner([
    (r'\d+', lambda s, t: int(t)),
    (r'\s+', None),
    (r'[a-z]+', lambda s, t: t.upper()),
    (r'[=+*/-]', lambda s, t: ('op', t)),
])
print(sc.scan('12 ab + 3 * x = 7'))
print(sc.scan('12 ab !x'))
print(sc.scan(''))
