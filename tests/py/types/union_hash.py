# hash(int | str) is hash(frozenset of its members), equal to typing.Union's.
import typing
print(hash(int | str) == hash(str | int), hash(int | str) == hash(typing.Union[int, str]))
print(hash(int | None) == hash(frozenset({int, type(None)})))
print(len({int | str, str | int, typing.Union[str, int]}))
print(hash(list[int] | str) == hash(str | list[int]))


# A __hash__ result that fits in 64 bits is the hash itself (big tagged-int
# boundaries included); a larger one is reduced by int's hash.
class H:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return self.v


for v in (2**62 + 5, 2**63 - 1, -(2**62) - 7, -(2**63), 2**64 + 5, -(2**70), -1):
    print(v, hash(H(v)))
