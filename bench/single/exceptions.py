# Exceptions: try/except in loops, raising and catching, custom classes, finally.
class AppError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


class SubError(AppError):
    pass


def check(i):
    if i % 5 == 0:
        raise SubError(i)
    if i % 7 == 0:
        raise ValueError("bad %d" % i)
    return i


def deep(n):
    if n == 0:
        raise KeyError(n)
    return deep(n - 1)


def main():
    caught = 0
    codes = 0
    finals = 0
    ok = 0
    for i in range(300000):
        try:
            ok += check(i)
        except AppError as e:
            caught += 1
            codes += e.code % 100
        except ValueError:
            caught += 2
        finally:
            finals += 1
    d = {}
    misses = 0
    for i in range(200000):
        try:
            misses += d[i]
        except KeyError:
            d[i // 2] = 1
    for i in range(20000):
        try:
            deep(10)
        except LookupError:
            caught += 1
    lst = [1, 2, 3]
    for i in range(100000):
        try:
            lst[i % 5]
        except IndexError:
            caught += 1
        try:
            int("x%d" % i) if i % 2 else int("%d" % i)
        except ValueError:
            caught += 1
    try:
        try:
            raise AppError(1)
        except AppError as e:
            raise RuntimeError("wrapped") from e
    except RuntimeError as e:
        caught += e.__cause__.code
    return ("exception checksum", caught, codes, finals, ok, misses, len(d))


for _rep in range(6):
    result = main()
print(*result)
