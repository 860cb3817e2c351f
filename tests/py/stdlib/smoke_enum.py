# enum: Enum, IntEnum, StrEnum, Flag/IntFlag, auto, unique, aliases,
# lookup by value and name, iteration, members in pickles, errors.
import enum
import pickle


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1


print(Color.RED, repr(Color.GREEN), Color(3), Color["BLUE"], Color.CRIMSON is Color.RED, list(Color))
print(Color.RED.name, Color.RED.value, len(Color), sorted(Color.__members__), Color.RED in Color)
print(isinstance(Color.RED, Color), Color.RED == 1, hash(Color.RED) == hash(Color.RED), pickle.loads(pickle.dumps(Color.BLUE)) is Color.BLUE)


class Prio(enum.IntEnum):
    LOW = 1
    HIGH = 2


print(Prio.LOW < Prio.HIGH, Prio.HIGH + 1, Prio(2), int(Prio.LOW), f"{Prio.HIGH}", sorted([Prio.HIGH, Prio.LOW]))


class Mode(enum.StrEnum):
    READ = enum.auto()
    WRITE = "w"


print(Mode.READ, Mode.WRITE == "w", Mode.READ.upper(), repr(Mode.READ))


class Perm(enum.Flag):
    R = enum.auto()
    W = enum.auto()
    X = enum.auto()
    RW = R | W


rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, rw is Perm.RW, ~Perm.R, Perm(0), list(Perm(7)), bool(Perm(0)))


class IP(enum.IntFlag):
    A = 1
    B = 4


print(IP.A | IP.B, IP.A | 2, int(IP.B | IP.A), IP(5), repr(IP(5)))


class Planet(enum.Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / self.radius ** 2, 2)


print(Planet.EARTH.gravity, Planet.MARS.mass, Planet((6.42e23, 3.39e6)))


class Auto(enum.Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()
    ONE = enum.auto()
    TWO = enum.auto()


print(list(Auto), Auto.TWO.value)
Animal = enum.Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, enum.IntEnum("N", [("x", 10), ("y", 20)]).y.value)


def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


err(lambda: Color(7))
err(lambda: Color["PINK"])


def dup():
    @enum.unique
    class D(enum.Enum):
        A = 1
        B = 1


err(dup)


def extend():
    class More(Color):
        PINK = 4


err(extend)


def reassign():
    Color.RED = 5


err(reassign)
print(Color.RED.__class__.__name__, type(Color).__name__, enum.Enum.__name__, Perm.__members__.keys() == {"R", "W", "X", "RW"})
