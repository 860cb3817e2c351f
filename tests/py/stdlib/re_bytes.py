# re: bytes patterns and bytes-like subjects.
import re


def show(f):
    try:
        r = f()
    except Exception as e:
        r = (type(e).__name__, str(e))
    print(repr(r))


print(re.findall(rb'\d', b'a1b2'))
print(re.match(rb'\w+', b'ab\xe9'), re.match(rb'(?i)\xe9', b'\xc9'))
print(re.match(rb'(?i)[a-z]+', b'AbC'))
print(re.match(b'a', bytearray(b'a')), re.match(b'a', memoryview(b'ab')).group())
m = re.match(b'(a)(b)', bytearray(b'abc'))
print(m.group(0, 1, 2), type(m.group()).__name__, type(m.string).__name__, m)
print(re.sub(b'a', b'\\n', b'xa'), re.sub(b'(a)', rb'<\1>', b'xay'))
print(re.sub(b'a', lambda m: b'Z', bytearray(b'xa')))
print(re.split(rb'\s+', b'a b  c'), re.subn(b'a', b'', b'aaa'))
print(re.fullmatch(rb'(?L)\w+', b'ab'), re.match(rb'(?iL)A', b'a'))
print(re.search(rb'\bb', b'a b'), re.findall(rb'[^\x00-\x7f]', b'a\xff\x80'))
print(repr(re.compile(rb'\d+')), re.compile(b'a').pattern)
print(re.compile(rb'(?P<n>\d)').match(b'5').groupdict())
show(lambda: re.match(b'a', 'a'))
show(lambda: re.match('a', b'a'))
show(lambda: re.match('a', 1))
show(lambda: re.match(b'a', [1]))
show(lambda: re.compile(rb'\w', re.U))
show(lambda: re.compile(r'\w', re.L))
show(lambda: re.sub(b'a', 'x', b'a'))
ba = bytearray(b'xaxa')
print([m.span() for m in re.finditer(b'a', ba)], re.sub(b'a', b'b', ba))
