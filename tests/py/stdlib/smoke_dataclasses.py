# dataclasses: fields and defaults, ordering, frozen, slots, kw_only,
# __post_init__, InitVar, asdict/astuple/replace/fields, make_dataclass, errors.
import dataclasses as dc
from typing import ClassVar


@dc.dataclass(order=True)
class Point:
    x: int
    y: int = 0
    tags: list = dc.field(default_factory=list, compare=False, repr=False)
    count: ClassVar[int] = 0


p = Point(1, 2)
print(p, Point(1) < Point(1, 1), p == Point(1, 2, ["t"]), sorted([Point(2), Point(1, 5), Point(1, 3)]))
print(dc.asdict(p), dc.astuple(Point(3, 4, [5])), [f.name for f in dc.fields(Point)], Point.count)
print(dc.replace(p, y=9), dc.is_dataclass(p), dc.is_dataclass(Point), dc.is_dataclass(1))


@dc.dataclass(frozen=True)
class Frozen:
    a: int
    b: str = "b"


fr = Frozen(1)
try:
    fr.a = 2
except dc.FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
print(hash(fr) == hash(Frozen(1)), {fr: 1}[Frozen(1, "b")])


@dc.dataclass
class WithPost:
    w: float
    h: float
    scale: dc.InitVar[int] = 1
    area: float = dc.field(init=False)

    def __post_init__(self, scale):
        self.area = self.w * self.h * scale


print(WithPost(2, 3), WithPost(2, 3, 10).area)


@dc.dataclass(slots=True, kw_only=True)
class Slotted:
    a: int
    b: int = 2


s = Slotted(a=1)
print(s, Slotted.__slots__, hasattr(s, "__dict__"))
try:
    Slotted(1)
except TypeError as e:
    print("TypeError:", e)


@dc.dataclass
class Mixed:
    a: int
    _: dc.KW_ONLY
    b: int = 0
    c: int = 1


print(Mixed(1, c=5), dc.fields(Mixed)[1].kw_only)


@dc.dataclass
class Child(Point):
    z: int = 7


print(Child(1, 2, [], 3), Child.__match_args__)
Dyn = dc.make_dataclass("Dyn", [("u", int), ("v", str, dc.field(default="v"))], namespace={"twice": lambda self: self.u * 2})
print(Dyn(4), Dyn(4).twice(), dc.fields(Dyn)[1].default)
for bad in ("mutable", "order"):
    try:
        if bad == "mutable":
            @dc.dataclass
            class Bad:
                x: list = []
        else:
            @dc.dataclass
            class Bad2:
                x: int = 0
                y: int
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(dc.field(default=1).default, dc.fields(Point)[0].default is dc.MISSING, type(dc.MISSING).__name__)
