# if / elif / else chains
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
for v in (-5, 0, 3, 42, 1000):
    print(v, classify(v))
x = 7
if x > 5:
    if x > 6:
        print("x > 6")
    else:
        print("5 < x <= 6")
if x:
    pass
if not x:
    print("no")
elif x == 7: print("seven on one line")
if []:
    print("empty list true?")
elif {}:
    print("empty dict true?")
else:
    print("both empty")
def fizz(n):
    if n % 15 == 0: return "FizzBuzz"
    if n % 3 == 0: return "Fizz"
    if n % 5 == 0: return "Buzz"
    return str(n)
print(" ".join(fizz(i) for i in range(1, 16)))
