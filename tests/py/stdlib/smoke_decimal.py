# decimal: exact arithmetic, contexts, quantize and rounding modes, signals
# and traps, special values, conversions.
import decimal
from decimal import Decimal as D, localcontext, getcontext

print(D("1.1") + D("2.2"), D("1.30") + D("1.20"), D("1.3") * D("1.2"), D(1) / D(7))
print(D("0.1") * 3 == D("0.3"), D(0.1), D("1e3"), D("-0"), D("123.4500").normalize())
print(D(10) ** 20, D(2).sqrt(), D(2).ln(), D(100).log10(), D("2.5").exp())
print(D("7.325").quantize(D("0.01")), D("7.325").quantize(D("0.01"), rounding=decimal.ROUND_HALF_UP))
for mode in (decimal.ROUND_HALF_EVEN, decimal.ROUND_HALF_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING,
             decimal.ROUND_FLOOR, decimal.ROUND_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_05UP):
    print(mode, [str(D(x).quantize(D("1"), rounding=mode)) for x in ("2.5", "-2.5", "1.4", "-1.6", "0.5")])
print(round(D("2.675"), 2), round(D("3.5")), int(D("-3.9")), float(D("1.5")), D("3.14").as_tuple())
print(D(7) // D(2), D(-7) // D(2), D(7) % D(-2), divmod(D(-7), D(2)), D("1.2345").scaleb(2))
with localcontext() as ctx:
    ctx.prec = 5
    print(D(1) / D(3), D("123456789") + 0, ctx.prec)
print(getcontext().prec, getcontext().rounding, D(1) / D(3))
ctx = decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)
print(ctx.divide(D(2), D(3)), ctx.add(D("1.234"), D("1")), ctx.create_decimal("3.14159"))
print(D("NaN"), D("-Infinity"), D("Inf") > 10**100, D("nan").is_nan(), D("sNaN").is_snan())
print(D("1.5").compare(D("2")), max(D("1"), D("1.0")), D("1.0") == D("1"), hash(D("1.0")) == hash(1))
print(D("12.5").to_integral_value(), D("-0.5").copy_abs(), D("5").copy_sign(D("-1")), D(3).is_signed())
print(D("1234.5").adjusted(), D("0.001").adjusted(), D(255).to_eng_string(), D("1E+5").to_eng_string())
print(f"{D('1234.5678'):.2f}", f"{D('1234.5678'):,.1f}", f"{D('0.000012'):e}", "%s" % D("1.10"))
print(D.from_float(0.25), D((1, (1, 4), -1)), D(3).fma(2, 1), D("1.5").as_integer_ratio())


def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, isinstance(e, ArithmeticError))


err(lambda: D(1) / D(0))
err(lambda: D("abc"))
err(lambda: D(0) / D(0))
err(lambda: D(-1).sqrt())
with localcontext() as c:
    c.traps[decimal.DivisionByZero] = False
    c.traps[decimal.Inexact] = True
    print(D(1) / D(0), bool(c.flags[decimal.DivisionByZero]))
    err(lambda: D(1) / D(3))
    c.clear_flags()
    print(bool(c.flags[decimal.DivisionByZero]), bool(c.flags[decimal.Inexact]))
with localcontext(decimal.Context(prec=2)) as c:
    print(D("1.23") + D("1"), bool(c.flags[decimal.Rounded]), bool(c.flags[decimal.Inexact]))
print(decimal.MAX_PREC > 10**8, decimal.DefaultContext.prec, decimal.BasicContext.prec)
