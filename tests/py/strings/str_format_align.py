# alignment, fill, sign and width combinations in format specs
for spec in ["<10", ">10", "^10", "*<10", "-^11", "=+10", "010", "+", " ", "-"]:
    try:
        print(repr(format(42, spec)), repr(format(-42, spec)), repr(format(3.5, spec)))
    except ValueError as e:
        print(spec, type(e).__name__, e)
for spec in ["<8", ">8", "^8", ".<8", "#^9", ".2", "8.3"]:
    print(repr(format("abcd", spec)), repr(format("é✓", spec)))
table = [("Name", "Qty", "Price"), ("apple", 3, 0.5), ("watermelon", 1, 3.25), ("fig", 12, 0.125)]
print("%-12s|%5s|%8s" % table[0])
for name, qty, price in table[1:]:
    print(f"{name:<12}|{qty:>5d}|{price:>8.2f}")
print(f"{'total':>12}|{sum(r[1] for r in table[1:]):>5}|{sum(r[1] * r[2] for r in table[1:]):>8.3f}")
print("{:,d}|{:_x}|{:#_b}".format(10 ** 9, 2 ** 32, 255))
print("{:>+10.2%}|{:<+10.1e}|".format(0.1234, 12345.6789))
print(f"{-0.0:+.1f} {0.0:+.1f} {-1e-9:.2f}")
print(f"{'x':{'<'}{5}}|{7:{'0'}{4}}|")
