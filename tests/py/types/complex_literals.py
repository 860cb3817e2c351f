# Imaginary literals: tokenizer forms, constant folding, constants in code.
print(1j, 2.5J, 1e3j, 0j, 1_0j, 0.5j, .5j, 5.j, 1E-3J, 1_000.000_1j)
print(0J, 00j, 0_0j, 09j, 1e+2j, 1e-2j, 123456789012345678901234567890j)
print(type(1j).__name__, (1j).real, (1j).imag, (2.5j).imag)
print(-1j, +1j, -(0j), -0j, 1 - 1j, -1 + 2j, 1j * 1j, 1j ** 2)
print((1+2j) * 3, 2 * (1+2j), 1j / 2, (4+2j) / (1+1j))
print([1j, 2j], (3j,), {4j: 5j}, {6j})
x = 1j
print(x == 1j)


def f():
    return 1+2j, -3j, 2 ** 3j, 1j ** 1j


print(f())
print(f.__code__.co_consts[1:] if False else len(f()))
# literals next to names and operators
a = 3
print(a*1j, a+1j, 1j+a, [a, 1j][1], 1j if a else 2j)
print(1j if True else 2)
print(eval("2j"), eval("-2j"), eval("1+1j"))
for s in ["1_j", "1__0j", "1j_", "0x1j", "1jj"]:
    try:
        eval(s)
        print("ok", s)
    except SyntaxError as e:
        print(type(e).__name__, e.msg)
