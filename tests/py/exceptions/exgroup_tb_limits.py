# An uncaught group wider than 15 and deeper than 10 levels
def nest(depth):
    g = ExceptionGroup("level %d" % depth, [ValueError(depth)])
    for d in range(depth - 1, 0, -1):
        g = ExceptionGroup("level %d" % d, [g, TypeError(d)])
    return g

wide = ExceptionGroup("wide", [KeyError(i) for i in range(17)])
just16 = ExceptionGroup("sixteen", [IndexError(i) for i in range(16)])
just15 = ExceptionGroup("fifteen", [IndexError(i) for i in range(15)])
raise BaseExceptionGroup("limits", [nest(13), wide, just16, just15, KeyboardInterrupt()])
