# re: backreferences.
import re

cases = [
    (r'(\w)\1', 'abcdde'), (r'(?P<x>a)(?P=x)', 'aa'), (r'(?i)(ab)\1', 'abAB'),
    (r'(a)|\1', 'x'), (r'(a)?\1', 'aa'), (r'(a)?b\1', 'b'), (r'(a*)\1', 'aaaa'),
    (r'(\w+)\s+\1', 'hello hello world'), (r'(?i)(\w+) \1', 'Ab aB'),
    (r'(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10', 'abcdefghijj'), (r'(.)(?:(?!\1).)*\1', 'abcab'),
    (r'((a)|b)\2', 'aa ba'), (r'^(a+)\1*$', 'aaaa'), (r'^(a+?)\1*$', 'aaaaaa'),
]
for p, s in cases:
    c = re.compile(p)
    m = c.search(s)
    print(repr(p), repr(s), m and (m.span(), m.groups()), c.findall(s))
print(re.sub(r'(\w+) (\w+)', r'\2 \1', 'hello world foo bar'))
print(re.sub(r'(?P<w>\w+)', r'\g<w>!', 'a b'))
