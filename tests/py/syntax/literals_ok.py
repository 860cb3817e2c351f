# valid syntax: numeric and string literal forms
print(1_000, 0x_FF, 0o_17, 0b_1010, 1_0.5_0, 1e1_0, .5, 5., 0.0e0, 00, 0_0)
print(0XFF, 0O17, 0B11, 1E3, 1E-3, 1_2E+1_0)
print('single', "double", '''triple single''', """triple double""")
print(r'raw\n', R"RAW\t", b'bytes', B"BYTES", rb'\x00', Rb"\n", f'{1}', F"{2}", rf'\{3}', fr"{4}\n")
print("adjacent" 'strings' """concatenate""")
print(u"unicode prefix", U"upper")
print(..., Ellipsis, ... is Ellipsis)
print(not-1, - -1, + +1, -+-1, ~~5)
print([1, 2, 3,], (1,), {1: 2,}, {3,}, f(*()) if False else "trailing commas ok")
x = [
    1,
    2,  # comment inside brackets
]
print(x)
