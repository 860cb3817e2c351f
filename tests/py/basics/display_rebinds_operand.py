# A list/set/dict display with starred items (or too many for one BUILD_*)
# assigned to a local that it also reads: x = {**a, **x} (functools.partial)

def t1(x): x = [y * 2 for y in x]; return x
def t2(x): x = {y for y in x}; return x
def t3(x): x = {y: x for y in (1,)}; return x
def t4(x): x = f"{x}-{x}"; return x
def t5(x): x = (x, *x); return x
def t6(x): x = [0] * 40 + [x]; return x[-1]
def t7(x): x = [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]; return x[-1]
def t8(x): x = {i: x for i in range(2)}; return x
def t9(x): x = {'k%d' % 0: x, 1: x, 2: x, 3: x, 4: x, 5: x, 6: x, 7: x, 8: x, 9: x, 10: x, 11: x, 12: x, 13: x, 14: x, 15: x, 16: x, 17: x}; return x[17]
def t10(x): x = print(*x, *x, sep=',') ; return x
def t11(x): x = dict(**x, b=x); return sorted(x)
def t12(x): x = x[0], x[1]; return x
def t13(x): x = [*x, *x]; return x
def t14(x): x = {*x, *x}; return x
def t15(x): x = {**x, **x}; return x
def t16(x): x = (*x, *x); return x
def t17(x): x = [1, *x]; return x
def t18(x): x = {1: 2, **x}; return x
def t19(x):
    x = x.copy() if x else x
    return x
print(t1([1,2]), t2([1]), t3(5), t4('a'), t5((1,2)), t6(7), t7(8), t8(3), t9(4))
t10([1,2]); print(t11({'a': 1}), t12((1,2)), t13([1,2]), t14([1,2]), t15({'a':1}), t16([1]), t17([2]), t18({3:4}), t19([1]))
try:
    def bad(x):
        try:
            x = [*x, *None]
        except TypeError:
            return x
    print(bad([1]))
except Exception as e: print(type(e).__name__, e)
def partial_call(self_kw, keywords):
    keywords = {**self_kw, **keywords}
    return keywords
print(partial_call({'a': 10, 'b': 20}, {'b': 30, 'c': 40}))
