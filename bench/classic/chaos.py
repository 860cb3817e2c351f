"""chaos: a chaos game whose maps are bent by B-splines (GVector/Spline classes).

Usage: chaos.py [ITERATIONS]   (default 30000)
"""
import math
import random
import sys


class GVector:
    __slots__ = ("x", "y", "z")

    def __init__(self, x=0.0, y=0.0, z=0.0):
        self.x = x
        self.y = y
        self.z = z

    def mag(self):
        return math.sqrt(self.x ** 2 + self.y ** 2 + self.z ** 2)

    def dist(self, other):
        return math.sqrt((self.x - other.x) ** 2 + (self.y - other.y) ** 2 + (self.z - other.z) ** 2)

    def __add__(self, other):
        return GVector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return self + other * -1

    def __mul__(self, k):
        return GVector(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def linear_combination(self, other, l1, l2=None):
        if l2 is None:
            l2 = 1 - l1
        return GVector(self.x * l1 + other.x * l2, self.y * l1 + other.y * l2, self.z * l1 + other.z * l2)

    def __repr__(self):
        return "<%f, %f, %f>" % (self.x, self.y, self.z)


class Spline:
    """A clamped B-spline of a given degree over control points."""

    def __init__(self, points, degree, knots):
        if len(points) > len(knots) - degree + 1:
            raise ValueError("too many control points")
        if len(points) < len(knots) - degree + 1:
            raise ValueError("not enough control points")
        last = knots[0]
        for k in knots[1:]:
            if k < last:
                raise ValueError("knots not increasing")
            last = k
        self.knots = knots
        self.points = points
        self.degree = degree

    def domain(self):
        return self.knots[self.degree - 1], self.knots[len(self.knots) - self.degree]

    def __call__(self, u):
        # de Boor's algorithm
        dom = self.domain()
        if not dom[0] <= u <= dom[1]:
            raise ValueError("u out of the spline's domain")
        for ii in range(self.degree - 1, len(self.knots) - self.degree):
            if self.knots[ii] <= u < self.knots[ii + 1]:
                idx = ii
                break
        else:
            idx = len(self.knots) - self.degree - 1
        d = [self.points[idx - self.degree + 1 + j] for j in range(self.degree + 1)]
        for r in range(1, self.degree + 1):
            for j in range(self.degree, r - 1, -1):
                i = idx - self.degree + 1 + j
                lo = self.knots[i - 1]
                hi = self.knots[i + self.degree - r]
                alpha = (u - lo) / (hi - lo)
                d[j] = d[j - 1].linear_combination(d[j], 1 - alpha, alpha)
        return d[self.degree]

    def __len__(self):
        return len(self.points)


class Chaosgame:
    def __init__(self, splines, rng, thickness=0.1):
        self.splines = splines
        self.rng = rng
        self.thickness = thickness
        self.minx = min(p.x for s in splines for p in s.points)
        self.miny = min(p.y for s in splines for p in s.points)
        self.maxx = max(p.x for s in splines for p in s.points)
        self.maxy = max(p.y for s in splines for p in s.points)
        self.height = self.maxy - self.miny
        self.width = self.maxx - self.minx
        self.num_trafos = []
        maxlength = thickness * self.width / self.height
        for s in splines:
            length = 0.0
            curr = s(0)
            for i in range(1, 1000):
                last = curr
                t = 1 / 999 * i
                curr = s(t)
                length += curr.dist(last)
            self.num_trafos.append(max(1, int(length / maxlength * 1.5)))
        self.num_total = sum(self.num_trafos)

    def get_random_trafo(self):
        r = self.rng.randrange(int(self.num_total) + 1)
        acc = 0
        for i, n in enumerate(self.num_trafos):
            if acc <= r < acc + n:
                return i, self.rng.randrange(n)
            acc += n
        return len(self.num_trafos) - 1, self.rng.randrange(self.num_trafos[-1])

    def transform_point(self, point, trafo=None):
        x = (point.x - self.minx) / self.width
        y = (point.y - self.miny) / self.height
        if trafo is None:
            trafo = self.get_random_trafo()
        start, end = self.splines[trafo[0]].domain()
        length = end - start
        seg_length = length / self.num_trafos[trafo[0]]
        t = start + seg_length * trafo[1] + seg_length * x
        basepoint = self.splines[trafo[0]](t)
        if t + 1 / 50000 > end:
            neighbour = self.splines[trafo[0]](t - 1 / 50000)
            derivative = neighbour - basepoint
        else:
            neighbour = self.splines[trafo[0]](t + 1 / 50000)
            derivative = basepoint - neighbour
        if derivative.mag() != 0:
            basepoint.x += derivative.y / derivative.mag() * (y - 0.5) * self.thickness
            basepoint.y += -derivative.x / derivative.mag() * (y - 0.5) * self.thickness
        self.truncate(basepoint)
        return basepoint

    def truncate(self, point):
        point.x = min(max(point.x, self.minx), self.maxx)
        point.y = min(max(point.y, self.miny), self.maxy)

    def create_image(self, w, h, iterations):
        im = [[0] * h for _ in range(w)]
        point = GVector((self.maxx + self.minx) / 2, (self.maxy + self.miny) / 2, 0)
        for _ in range(iterations):
            point = self.transform_point(point)
            x = int((point.x - self.minx) / self.width * w)
            y = int((point.y - self.miny) / self.height * h)
            if x == w:
                x -= 1
            if y == h:
                y -= 1
            im[x][h - y - 1] += 1
        return im


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
    splines = [
        Spline([GVector(1.597350, 3.304460, 0.0), GVector(1.575810, 4.123260, 0.0),
                GVector(1.313210, 5.288350, 0.0), GVector(1.618900, 5.329910, 0.0),
                GVector(2.889940, 5.502700, 0.0), GVector(2.373060, 4.381830, 0.0),
                GVector(1.662000, 4.360280, 0.0)],
               3, [0, 0, 0, 1, 1, 1, 2, 2, 2]),
        Spline([GVector(2.804500, 4.017350, 0.0), GVector(2.550500, 3.525230, 0.0),
                GVector(1.979010, 2.620360, 0.0), GVector(1.979010, 2.620360, 0.0)],
               3, [0, 0, 0, 1, 1, 1]),
        Spline([GVector(2.001670, 4.011320, 0.0), GVector(2.335040, 3.312830, 0.0),
                GVector(2.366800, 3.233460, 0.0), GVector(2.366800, 3.233460, 0.0)],
               3, [0, 0, 0, 1, 1, 1]),
    ]
    game = Chaosgame(splines, random.Random(1234), 0.25)
    im = game.create_image(256, 256, iterations)
    lit = sum(1 for col in im for v in col if v)
    weighted = sum(x * 31 + y * v for x, col in enumerate(im) for y, v in enumerate(col) if v)
    print("chaos: trafos=%s lit=%d weighted=%d" % (game.num_trafos, lit, weighted))


if __name__ == "__main__":
    main()
