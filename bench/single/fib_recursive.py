# Recursive function calls: naive Fibonacci.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    total = 0
    for i in range(3):
        total += fib(33 - (i % 2))
    print("fib checksum", total)


main()
