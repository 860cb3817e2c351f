import quopri

for s in [b"hello world", b"caf\xe9 = 5\n", b"tab\there \n", b"a" * 100]:
    enc = quopri.encodestring(s)
    print(enc, quopri.decodestring(enc) == s)
    print(quopri.encodestring(s, quotetabs=True, header=True))
print(quopri.decodestring(b"=41=42_c", header=True))
