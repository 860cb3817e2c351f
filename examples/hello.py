# A first pvm program: a class, an f-string, and two threads that run in
# parallel (pvm has no global interpreter lock).
import threading


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

# Each thread sums the squares of half of the primes.
results = [0, 0]


def work(k):
    results[k] = sum(p * p for p in ps[k::2])


threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("sum of their squares, from 2 threads:", results[0] + results[1])
