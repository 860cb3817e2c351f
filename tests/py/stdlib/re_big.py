# re: long subjects and deep backtracking run on the heap (no C recursion).
import re

s = 'a' * 100000
print(re.match('(a|b)*', s).span())
print(re.match('(a|b)*' * 3, s).span())
print(re.match('(?:a|b)*?c', s + 'c').span())
print(re.match(r'(a)*', s).span(1))
print(re.match(r'((a)|b)+', s).span(2))
print(re.fullmatch(r'(?:a+)+', s) is not None)
print(re.match(r'(?:(?:a|b)(?:a|b))*', s).end())
print(len(re.findall('a', s)), len(re.split('a', s)), len(re.sub('a', 'bb', s)))
print(re.search('x', s), re.search('ax', s + 'x').span())
u = 'é' * 50000 + 'x'
print(re.search('x', u).span(), len(re.findall('é', u)), re.match('(é)*', u).span(1))
print(re.match('(?:é|x)*', u).end(), re.sub('é+', '-', u))
t = ('word 123 ' * 20000)
print(len(re.findall(r'\w+', t)), re.subn(r'\d+', '#', t)[1])
print(re.match('(?=(a+))' * 50, s).span(1))
nested = '(' * 90 + 'a' + ')' * 90
print(re.match(nested, 'a').span(90))
