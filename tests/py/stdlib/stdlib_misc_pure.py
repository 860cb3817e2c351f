# Small pure-Python modules of CPython's standard library that import on pvm:
# colorsys, copyreg, quopri's helpers, ntpath's string functions, opcode.
import colorsys
import copyreg
import ntpath
import opcode

print(colorsys.rgb_to_hsv(0.2, 0.4, 0.4), colorsys.hsv_to_rgb(0.5, 0.5, 0.4))
print(colorsys.rgb_to_hls(1.0, 0.0, 0.0), colorsys.hls_to_rgb(0.0, 0.5, 1.0))
print(colorsys.rgb_to_yiq(1.0, 1.0, 1.0))


class Point:
    def __init__(self, x):
        self.x = x


def reduce_point(p):
    return Point, (p.x,)


copyreg.pickle(Point, reduce_point)
print(copyreg.dispatch_table[Point] is reduce_point, copyreg.__newobj__.__name__)
try:
    copyreg.pickle(Point, 3)
except TypeError as e:
    print(type(e).__name__, e)
print(ntpath.join("C:\\a", "b"), ntpath.splitdrive("C:\\x\\y"), ntpath.normpath("a/b/../c"))
print(ntpath.basename("C:\\dir\\f.txt"), ntpath.isabs("\\\\server\\share"), ntpath.splitext("a.b"))
print(opcode.cmp_op, "LOAD_CONST" in opcode.opmap, isinstance(opcode.HAVE_ARGUMENT, int))
