# re: match / search / fullmatch / findall / finditer over str patterns.
import re


def show(f):
    try:
        r = f()
    except Exception as e:
        r = (type(e).__name__, str(e))
    print(repr(r))


print(re.match('a', 'abc'))
print(re.match('b', 'abc'))
print(re.search('b', 'abc'))
print(re.fullmatch('abc', 'abc'), re.fullmatch('ab', 'abc'))
print(re.fullmatch(r'a|ab', 'ab'))
print(re.fullmatch(r'a*?', 'aaa'))
print(re.fullmatch(r'a*', 'aab'))
print(re.search(r'(\d+)-(\d+)', 'tel 123-456 x').groups())
print(re.findall(r'\w+', 'hello world, foo'))
print(re.findall(r'(a)(b)?', 'ab a'))
print(re.findall(r'(a)|b', 'ab'))
print(re.findall('', 'abc'))
print([m.span() for m in re.finditer(r'x*', 'axxb')])
print([m.group() for m in re.finditer(r'\d+', 'a1b22c333')])
print(type(re.finditer('a', 'a')).__name__)
print(re.match(r'a.c', 'a\nc'), re.match(r'(?s)a.c', 'a\nc'))
print(re.match(r'[a-z]+', 'abcDEF'))
print(re.match(r'[^a-z]+', 'ABCdef'))
print(re.match(r'[.]', '.'), re.match(r'[\]]', ']'), re.match(r'[-a]+', 'a-a'))
print(re.search(r'[\w.+-]+@[\w-]+\.[\w.]+', 'mail x.y+z@ex-a.co.uk now'))
print(re.match(r'(?x) a  b  # comment', 'ab'))

# anchors
print(re.search(r'^b', 'ab'), re.search(r'(?m)^b', 'a\nb'))
print(re.search(r'a$', 'a\n'), re.search(r'a\Z', 'a\n'), re.search(r'\Aa', 'ba'))
print(re.findall(r'(?m)^\w', 'ab\ncd\nef'))
print(re.findall(r'(?m)\w$', 'ab\ncd\nef'))
print(re.search(r'\bfoo\b', 'a foo b'), re.search(r'\bfoo\b', 'afoo'))
print(re.findall(r'\B\w', 'ab cd'))
print(re.search(r'\b', ''), re.search(r'\B', ''))

# pos / endpos
p = re.compile('b')
print(p.search('abcb', 2), p.search('abcb', 2).pos, p.search('abcb', 2).endpos)
print(re.compile('b$').search('abcb', 0, 2))
print(re.compile('^b').search('abcb', 1))
print(re.compile('b').match('abc', 1, 0))
print(re.compile('').match('abc', -5, 100).span())
print(re.compile('a').findall('aaaa', 1, 3))
print(re.compile(r'\d').fullmatch('12', 0, 1))
print(re.compile('a').search('bba', endpos=2))
print(re.compile('a').match(string='a', pos=0))
print(re.compile('$').search('ab', 0, 1).span())

# module cache and purge
for i in range(600):
    re.match('x%d' % i, 'x%d' % i)
print(re.match('x599', 'x599').group())
re.purge()
print(re.match('x5', 'x5'))

show(lambda: re.compile('a').match())
show(lambda: re.compile('a').match('a', 'x'))
show(lambda: re.compile('a').split('a', 1, 2))
show(lambda: re.compile('a').sub())
