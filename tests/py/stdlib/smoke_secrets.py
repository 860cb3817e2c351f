# secrets: token_bytes/hex/urlsafe lengths and alphabets, randbelow and
# choice ranges, randbits, compare_digest, SystemRandom.  Values are random,
# so only their shape is printed.
import secrets
import string

print(len(secrets.token_bytes(16)), type(secrets.token_bytes()).__name__, len(secrets.token_bytes()))
h = secrets.token_hex(8)
print(len(h), set(h) <= set(string.hexdigits.lower()), len(secrets.token_hex()))
u = secrets.token_urlsafe(24)
print(len(u), set(u) <= set(string.ascii_letters + string.digits + "-_"), "=" in u)
print(all(0 <= secrets.randbelow(10) < 10 for _ in range(200)), {secrets.randbelow(1) for _ in range(5)})
print(all(secrets.choice("abc") in "abc" for _ in range(50)), 0 <= secrets.randbits(8) < 256, secrets.randbits(0))
print(secrets.compare_digest("abc", "abc"), secrets.compare_digest(b"abc", b"abd"), secrets.compare_digest("a", "ab"))
sr = secrets.SystemRandom()
print(type(sr).__name__, 0 <= sr.random() < 1, sorted(sr.sample(range(5), 5)), 1 <= sr.randint(1, 3) <= 3)
pw = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(12))
print(len(pw), pw.isalnum(), len({secrets.token_hex(16) for _ in range(50)}))
for bad in (lambda: secrets.randbelow(0), lambda: secrets.randbelow(-1), lambda: secrets.choice([]),
            lambda: secrets.compare_digest("a", b"a"), lambda: secrets.compare_digest("é", "é"), lambda: secrets.token_bytes(-1)):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(secrets.DEFAULT_ENTROPY)
