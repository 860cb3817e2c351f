"""raytrace: a small object-oriented ray tracer (spheres, a checkered plane, shadows, reflection).

Usage: raytrace.py [SIZE]   (default 110: a 110x110 image)
"""
import math
import sys

EPSILON = 0.00001


class Vector:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def magnitude(self):
        return math.sqrt(self.dot(self))

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def scale(self, k):
        return Vector(self.x * k, self.y * k, self.z * k)

    def cross(self, other):
        return Vector(self.y * other.z - self.z * other.y,
                      self.z * other.x - self.x * other.z,
                      self.x * other.y - self.y * other.x)

    def normalized(self):
        return self.scale(1.0 / self.magnitude())

    def negated(self):
        return self.scale(-1)

    def reflect_through(self, normal):
        d = normal.scale(self.dot(normal))
        return self - d.scale(2)

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y and self.z == other.z

    def __repr__(self):
        return "Vector(%s, %s, %s)" % (self.x, self.y, self.z)


ZERO = Vector(0, 0, 0)
RIGHT = Vector(1, 0, 0)
UP = Vector(0, 1, 0)
OUT = Vector(0, 0, 1)


class Ray:
    def __init__(self, point, vector):
        self.point = point
        self.vector = vector.normalized()

    def point_at_time(self, t):
        return self.point + self.vector.scale(t)


class Sphere:
    def __init__(self, centre, radius):
        self.centre = centre
        self.radius = radius

    def intersection_time(self, ray):
        cp = self.centre - ray.point
        v = cp.dot(ray.vector)
        disc = self.radius * self.radius - (cp.dot(cp) - v * v)
        if disc < 0:
            return None
        return v - math.sqrt(disc)

    def normal_at(self, p):
        return (p - self.centre).normalized()


class Halfspace:
    def __init__(self, point, normal):
        self.point = point
        self.normal = normal.normalized()

    def intersection_time(self, ray):
        v = ray.vector.dot(self.normal)
        if v:
            return (self.point - ray.point).dot(self.normal) / v
        return None

    def normal_at(self, p):
        return self.normal


class SimpleSurface:
    def __init__(self, base_colour=(1, 1, 1), specular=0.2, lambert=0.6, checker=None):
        self.base_colour = base_colour
        self.specular = specular
        self.lambert = lambert
        self.ambient = 1.0 - specular - lambert
        self.checker = checker

    def colour_at(self, scene, ray, p, normal):
        b = self.base_colour
        if self.checker is not None:
            size, other = self.checker
            v = p - ZERO
            if (int(math.floor(v.x / size + EPSILON)) + int(math.floor(v.z / size + EPSILON))) % 2:
                b = other
        c = (0, 0, 0)
        if self.specular > 0:
            reflected = Ray(p, ray.vector.reflect_through(normal))
            rc = scene.ray_colour(reflected)
            c = add_colours(c, self.specular, rc)
        if self.lambert > 0:
            lambert_amount = 0
            for light in scene.visible_lights(p):
                contribution = (light - p).normalized().dot(normal)
                if contribution > 0:
                    lambert_amount += contribution
            lambert_amount = min(1, lambert_amount)
            c = add_colours(c, self.lambert * lambert_amount, b)
        if self.ambient > 0:
            c = add_colours(c, self.ambient, b)
        return c


def add_colours(a, scale, b):
    return (a[0] + scale * b[0], a[1] + scale * b[1], a[2] + scale * b[2])


class Scene:
    def __init__(self):
        self.objects = []
        self.lights = []
        self.position = Vector(0, 1.8, 10)
        self.look_at = ZERO
        self.field_of_view = 45
        self.recursion_depth = 0

    def add_object(self, obj, surface):
        self.objects.append((obj, surface))

    def add_light(self, p):
        self.lights.append(p)

    def render(self, width, height):
        fov_radians = math.pi * (self.field_of_view / 2.0) / 180.0
        half_width = math.tan(fov_radians)
        half_height = 0.75 * half_width
        pixel_width = half_width * 2 / (width - 1)
        pixel_height = half_height * 2 / (height - 1)
        eye = Ray(self.position, self.look_at - self.position)
        vp_right = eye.vector.cross(UP).normalized()
        vp_up = vp_right.cross(eye.vector).normalized()
        pixels = []
        for y in range(height):
            row = []
            for x in range(width):
                xcomp = vp_right.scale(x * pixel_width - half_width)
                ycomp = vp_up.scale(y * pixel_height - half_height)
                ray = Ray(eye.point, eye.vector + xcomp + ycomp)
                row.append(self.ray_colour(ray))
            pixels.append(row)
        return pixels

    def ray_colour(self, ray):
        if self.recursion_depth > 3:
            return (0, 0, 0)
        self.recursion_depth += 1
        try:
            hit = self.first_intersection(ray)
            if hit is None:
                return (0, 0, 0)
            (obj, t, surface) = hit
            p = ray.point_at_time(t)
            return surface.colour_at(self, ray, p, obj.normal_at(p))
        finally:
            self.recursion_depth -= 1

    def first_intersection(self, ray):
        best = None
        for obj, surface in self.objects:
            t = obj.intersection_time(ray)
            if t is not None and t > EPSILON:
                if best is None or t < best[1]:
                    best = (obj, t, surface)
        return best

    def visible_lights(self, p):
        result = []
        for light in self.lights:
            hit = self.first_intersection(Ray(p, light - p))
            if hit is None:
                result.append(light)
        return result


def build_scene():
    s = Scene()
    s.add_light(Vector(30, 30, 10))
    s.add_light(Vector(-10, 100, 30))
    s.look_at = Vector(0, 3, 0)
    s.add_object(Sphere(Vector(1, 3, -10), 2), SimpleSurface(base_colour=(1, 1, 0)))
    for y in range(6):
        s.add_object(Sphere(Vector(-3 - y * 0.4, 2.3, -5), 0.4),
                     SimpleSurface(base_colour=(y / 6.0, 1 - y / 6.0, 0.5)))
    s.add_object(Halfspace(Vector(0, 0, 0), UP),
                 SimpleSurface(checker=(1, (0, 0, 0))))
    return s


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 110
    pixels = build_scene().render(size, size)
    total = [0.0, 0.0, 0.0]
    hist = [0] * 8
    for row in pixels:
        for (r, g, b) in row:
            total[0] += r
            total[1] += g
            total[2] += b
            hist[min(7, int((r + g + b) / 3 * 8))] += 1
    print("raytrace %dx%d: sum=(%.6f, %.6f, %.6f) histogram=%s" % (size, size, total[0], total[1], total[2], hist))
    print("centre pixel %r" % (tuple(round(c, 9) for c in pixels[size // 2][size // 2]),))


if __name__ == "__main__":
    main()
