# re: greedy, lazy and counted repeats.
import re

cases = [
    (r'a*?b', 'aaab'), (r'a{2,3}', 'aaaa'), (r'(ab){2,}?', 'ababab'), (r'a{3}', 'aaaa'),
    (r'a{,2}', 'aaa'), (r'a{2,}', 'a'), (r'(?:ab){1,2}?c', 'ababc'), (r'<.*>', '<a><b>'),
    (r'<.*?>', '<a><b>'), (r'a+?', 'aaa'), (r'a??b', 'ab'), (r'(a|ab)(c|bcd)(d*)', 'abcd'),
    (r'(a+|b)*', 'ab'), (r'(a+|b){0,}', 'ab'), (r'(a+|b)+', 'ab'), (r'(a+|b){1,}', 'ab'),
    (r'(a+|b)?', 'ab'), (r'(a+|b){0,1}', 'ab'), (r'([abc])*d', 'abbbcd'), (r'([abc])*bcd', 'abcd'),
    (r'(a*)*', '-'), (r'(a*)+', '-'), (r'(a|b)*?c', 'abc'), (r'(?:a{2})*', 'aaaaa'),
    (r'(?:x*)*y', 'xxy'), (r'(?:x*?)*?y', 'xxy'), (r'(a{1,2}){2}', 'aaa'), (r'((a)|b)*?c', 'abc'),
    (r'(?:(a)|b)*?c', 'abc'), (r'\d{2,4}?', '12345'), (r'.{0,2}x', 'aaax'),
    (r'(?:a|b|c|d|e)+f', 'abcdef'), (r'(?:(?:a|b)*c)*d', 'abcacd'),
]
for p, s in cases:
    c = re.compile(p)
    m = c.search(s)
    print(repr(p), repr(s), m and (m.span(), m.groups()), c.findall(s), c.sub('-', s))
