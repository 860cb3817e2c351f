# re: sub, subn, split.
import re


def show(f):
    try:
        r = f()
    except Exception as e:
        r = (type(e).__name__, str(e))
    print(repr(r))


print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@x and ann@y'))
print(re.sub('x*', '-', 'abxd'))
print(re.sub('', '-', 'abc'))
print(re.sub('a', lambda m: m.group().upper(), 'banana', count=2))
print(re.subn('a', 'o', 'banana'), re.subn('z', 'o', 'banana'))
print(re.sub('(?P<n>a)', r'\g<n>\g<n>', 'xa'))
print(re.sub('(a)', r'[\1\n\g<1>\g<0>]', 'xa'))
print(re.sub('(a)(b)?', r'<\2>', 'a ab'))
print(re.sub('a', r'\\', 'xa'))
print(re.sub('a', 'b', 'aaa', 0), re.sub('a', 'b', 'aaa', 1))
print(re.compile('a').sub(repl='b', string='aa', count=1))
print(re.sub('a', lambda m: None if m.start() else 'X', 'aa'))
print(re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a1b22c333'))
print(re.subn(r'x*', '-', 'abc'))
show(lambda: re.sub('(a)', r'\2', 'a'))
show(lambda: re.sub('a', lambda m: 1, 'xa'))
show(lambda: re.sub('a', b'x', 'xa'))
show(lambda: re.sub('a', r'\g<x>', 'a'))
show(lambda: re.sub('a', 5, 'a'))
show(lambda: re.sub('a', 'b', 5))

print(re.split(r'[,;]\s*', 'a, b;c,d'))
print(re.split(r'(,)', 'a,b,c'))
print(re.split(r'(:)|(,)', 'a:b,c'))
print(re.split(r'(:)|(,)', 'a:b,c', maxsplit=1))
print(re.split('x*', 'axbc'))
print(re.split(r'\b', 'a b'))
print(re.split('', 'abc'))
print(re.split('a', ''), re.split('', ''))
print(re.split('(a)?b', 'xbyab'))
print(re.split(',', 'a,b,c', -1), re.split(',', 'a,b,c', 5))
print(re.compile(r'\s+').split(' a  b '))
