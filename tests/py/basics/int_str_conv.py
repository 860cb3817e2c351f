# integer <-> string conversions
for n in [0, 7, -7, 255, -255, 2 ** 64, -(2 ** 70), 10 ** 20]:
    print(str(n), repr(n), hex(n), oct(n), bin(n))
print(str(10 ** 100))
print(int(str(2 ** 200)) == 2 ** 200)
print(format(255, "x"), format(255, "X"), format(255, "#x"), format(255, "o"),
      format(255, "b"), format(255, "#b"), format(-255, "#o"))
print(format(1234567, ","), format(1234567, "_"), format(-1234567, ",d"))
print(format(42, "08d"), format(-42, "08d"), format(42, "+d"), format(42, " d"))
print(format(42, "<6"), format(42, ">6"), format(42, "^6"), format(42, "*^7"))
print(format(2 ** 70, "x"), format(2 ** 70, ","))
print("%d %i %x %X %o" % (255, -3, 255, 255, 8))
print("%5d|%-5d|%05d" % (42, 42, 42))
print(str(-0), str(+12), int("-0"))
print(list(map(int, "1 22 333".split())))
print(chr(65) + str(66), ord("C") - ord("A"))
digits = [int(c) for c in str(2 ** 50)]
print(digits, sum(digits))
print(int(format(12345, "b"), 2), int(hex(99999), 16), int(oct(777), 8))
