# re: lookahead, lookbehind, atomic groups, possessive repeats, conditionals.
import re

cases = [
    (r'x(?=y)', 'xy xz'), (r'x(?!y)', 'xy xz'), (r'(?<=ab)c', 'abc'), (r'(?<!x)y', 'xyay'),
    (r'(?<=(a))b', 'ab'), (r'(?=(a))a', 'a'), (r'(?!(a)b)a', 'ac'), (r'(?<=\d{3})x', '12x123x'),
    (r'(?<=a|b)c', 'acbc'), (r'\w+(?=,)', 'ab,cd,e'), (r'(?<![a-z])\d', 'a1 2'),
    (r'^(?=.*\d)(?=.*[a-z]).{4,}$', 'ab12'), (r'^(?=.*\d)(?=.*[a-z]).{4,}$', 'abcd'),
    (r'(?=a)*b', 'ab'), (r'(?<=^)a', 'aa'), (r'(?<=\n)b', 'a\nb'),
    (r'(?>a+)a', 'aaa'), (r'(?>a|ab)c', 'abc'), (r'(?>(a+))b', 'aab'), (r'(?>a*)', 'aaa'),
    (r'a*+a', 'aaa'), (r'a?+a', 'a'), (r'a++b', 'aab'), (r'(?:ab)++', 'ababx'),
    (r'(?:a|b)*+c', 'abc'), (r'(a)++', 'aa'), (r'(?:(a)|b){2,3}+', 'abab'), (r'a{2,3}+a', 'aaaa'),
    (r'(?:ab){1,2}+b', 'ababb'), (r'x(?:a|bc)?+c', 'xbcc'),
    (r'(a)?(?(1)b|c)', 'ab'), (r'(a)?(?(1)b|c)', 'c'), (r'(\d+)(?(1)x|y)', '12x'),
    (r'(?P<n>a)?(?(n)b|c)', 'c'), (r'(?P<n><)?\w+(?(n)>)', '<a> b <c'),
    (r'(a)?(?(1)b)', 'x'),
]
for p, s in cases:
    c = re.compile(p)
    m = c.search(s)
    print(repr(p), repr(s), m and (m.span(), m.groups()), c.findall(s), c.sub('-', s))
