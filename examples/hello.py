# A first pvm program: primes, a class and an f-string.
class Sieve:
    def __init__(self, n):
        self.n = n

    def primes(self):
        flags = [True] * (self.n + 1)
        flags[0] = flags[1] = False
        for i in range(2, int(self.n ** 0.5) + 1):
            if flags[i]:
                for j in range(i * i, self.n + 1, i):
                    flags[j] = False
        return [i for i, f in enumerate(flags) if f]


ps = Sieve(100_000).primes()
print(f"{len(ps)} primes below 100000; the last is {ps[-1]}")
print("sum of their squares:", sum(p * p for p in ps))
