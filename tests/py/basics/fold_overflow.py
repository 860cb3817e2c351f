# Constant folding must not try to build huge values: these functions are
# compiled but never called (bits * exponent and len * count overflow int64).
def big_power():
    return 15 ** 2305843009213693952

def big_repeat():
    return "abc" * 3074457345618258603

def big_repeat_bytes():
    return b"xy" * 4611686018427387904

print(big_power.__name__, big_repeat.__name__, big_repeat_bytes.__name__)
print(2 ** 10, "ab" * 3, (1, 2) * 2)
