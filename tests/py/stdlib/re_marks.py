# re: which group spans survive backtracking (CPython 3.11's rules): outside
# any repeat, a failed BRANCH alternative, REPEAT_ONE step, negative
# lookahead or lazy-repeat tail leaves the marks of groups it closed below
# the last opened group in place; inside a repeat they are restored.
import re

cases = [
    (r'(?i)((\b|((?(1)a|b)|\b))|c)', 'abcaxxAA'),
    (r'((\b|(?(1)c))(Ä|[^a])|((?:\W)??|(?i:(?(1)a|b))))', 'xbbcxx  acb'),
    (r'(a|(a(?(1)c)\W|(?:(?(1)a|b))*?))', 'bb'),
    (r'((a)|b)\2', 'aa ba'),
    (r'(?:(a)|b)*', 'ab'),
    (r'((a)|(b))*', 'ab'),
    (r'(a(b)?)+', 'aba'),
    (r'((x)|y)+?z', 'xyz'),
    (r'(?:((a)|b)c)*', 'acbc'),
    (r'(?:(a)|b)(?(1)x|y)', 'by'),
    (r'(?!(a)b)(?(1)a|c)', 'ac'),
    (r'(a)?(?(1)b|c)*d', 'abbd'),
    (r'((a)|x)(?(2)b|c)', 'xc'),
]
for p, s in cases:
    c = re.compile(p)
    m = c.search(s)
    print(repr(p), repr(s), m and (m.span(), m.groups(), m.lastindex), c.findall(s),
          c.sub('-', s), c.split(s), c.fullmatch(s) is not None)
