# -*- coding: latin-1 -*-
# A script declared as Latin-1 runs with its strings decoded accordingly.
s = 'café µ ÿ'
print(ascii(s), len(s))
print(ascii('é'.encode('utf-8')))
