# re: flags, IGNORECASE and Unicode categories.
import re
import _sre

print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
for c in [0x41, 0x61, 0x31, 0xdf, 0x130, 0x131, 0x3a3, 0x3c2, 0x212a, 0x1c5, 0x10400, 0x1e9e, 0xb5]:
    print(hex(c), hex(_sre.unicode_tolower(c)), _sre.unicode_iscased(c),
          hex(_sre.ascii_tolower(c)), _sre.ascii_iscased(c))

cases = [
    (r'^\w+$', 'héllo'), (r'(?a)^\w+$', 'héllo'), (r'\d+', '١٢٣ 45'), (r'(?a)\d+', '١٢٣ 45'),
    (r'\s+', 'a \u2003\x1c\x85b'), (r'(?a)\s+', 'a \u2003b'), (r'[^\W\d_]+', 'ab1_cd'),
    (r'\W+', 'a!é?'), (r'(?a)\W+', 'a!é?'), (r'\D+', '12ab'), (r'\S+', ' ab '),
    (r'(?i)[a-z]+', 'ABCdef'), (r'(?i)[^a-z]+', 'ABC123'), (r'(?i)ǅ', 'ǆ'), (r'(?i)ǆ', 'Ǆ'),
    (r'(?i)ß', 'ẞ'), (r'(?i)ẞ', 'ß'), (r'(?i)k', '\u212a'), (r'(?i)[k]', '\u212a'),
    (r'(?i)σ', 'ς'), (r'(?i)[σ]+', 'ΣσςΣ'), (r'(?i)Σ+', 'σςΣ'), (r'(?ia)k', '\u212a'),
    (r'[\u0100-\u0200]+', 'aāĂƀz'), (r'(?i)[\u0100-\u0200]+', 'aāĂƀz'), (r'[😀-😂]', 'x😁'),
    (r'(?i)[ä-ü]+', 'ÄÖÜxäöü'), (r'(?i)é', 'É'), (r'(?i)i', 'İ'), (r'(?i)ı', 'I'),
    (r'(?i)[^é]', 'É'), (r'(?i)[\d\w]+', 'Ab1É'), (r'(?i)\u0390', '\u1fd3'),
    (r'(?i)a', 'A'), (r'(?i)A', 'a'), (r'(?i)[^a]', 'A'), (r'(?i)[b-d]+', 'BcD'),
    (r'(?i)(a)\1', 'aA'), (r'(?i)(é)\1', 'éÉ'), (r'(?i)(σ)\1', 'σς'),
    (r'(?ai)[a-z]+', 'AbÉ'), (r'(?m)^b$', 'a\nb\nc'), (r'(?s).+', 'a\nb'), (r'.+', 'a\nb'),
    (r'\bé', ' é'), (r'(?a)\bé', ' é'), (r'\w+', 'ｆｕｌｌ'), (r'[\s\S]+', 'a\nb'),
    (r'(?i)[\u212a-\u212b]', 'k'), (r'(?i)[\u1e9e]', 'ß'), (r'(?i)\u00b5', '\u03bc'),
]
for p, s in cases:
    c = re.compile(p)
    m = c.search(s)
    print(repr(p), repr(s), m and m.span(), c.findall(s))

print(re.I, re.IGNORECASE | re.MULTILINE, re.compile('a', re.I | re.U).flags)
print(re.match(r'(?i:a)b', 'Ab'), re.match(r'(?i:a)b', 'AB'))
print(re.match(r'(?-i:a)b', 'aB', re.I), re.match(r'(?-i:a)b', 'AB', re.I))
print(re.match(r'(?x: a b )c', 'abc'))
for ch in range(0x0, 0x300, 7):
    s = chr(ch)
    r = [bool(re.match(p, s)) for p in (r'\w', r'\d', r'\s', r'(?i)[a-z]', r'(?i)' + re.escape(s.upper()))]
    print(hex(ch), r)
