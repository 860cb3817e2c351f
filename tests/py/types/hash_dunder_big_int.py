# A __hash__ returning an int that fits 64 bits is the hash itself (a frozen
# dataclass's hash(C()) == hash(())); only a bigger one is hashed again, and
# -1 becomes -2.
class H:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return self.v


for v in [0, 5, -1, -2, 2**61 - 1, 2**61, 5740354900026072187, 2**63 - 1, -2**63,
          2**63, -2**63 - 1, 2**100, True, False]:
    print(v, hash(H(v)))
print(hash(()) == hash(H(hash(()))))
try:
    hash(H(1.5))
except TypeError as e:
    print(type(e).__name__, e)
