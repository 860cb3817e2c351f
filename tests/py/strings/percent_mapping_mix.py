# printf-style formatting with a mapping: the value of %(key) becomes the
# argument list (so a later unkeyed spec finds none left, and a '*' width
# takes the keyed value); '%' as a conversion after a key, flags or a width
# is an unsupported format character; only a bare "%%" is a literal.
cases = [
    ('"%(a)s %s" % {"a": 1}', lambda: "%(a)s %s" % {"a": 1}),
    ('"%(a)s %(a)s %s" % {"a": 1}', lambda: "%(a)s %(a)s %s" % {"a": 1}),
    ('"%(a)*d" % {"a": 1}', lambda: "%(a)*d" % {"a": 1}),
    ('"%(a).*f" % {"a": 1}', lambda: "%(a).*f" % {"a": 1}),
    ('"%(a)s %(b)r" % {...}', lambda: "%(a)s %(b)r" % {"a": 1, "b": "x"}),
    ('"%s %(a)s" % {"a": 1}', lambda: "%s %(a)s" % {"a": 1}),
    ('"%(a)s %%" % {"a": 1}', lambda: "%(a)s %%" % {"a": 1}),
    ('"%(a)s" % ({"a": 1},)', lambda: "%(a)s" % ({"a": 1},)),
    ('"%s" % {"a": 1}', lambda: "%s" % {"a": 1}),
    ('"%s %s" % {"a": 1}', lambda: "%s %s" % {"a": 1}),
    ('"%(a)s %(c)s" % {"a": 1}', lambda: "%(a)s %(c)s" % {"a": 1}),
    ('"%(a)05d|%(b)-4s|" % {...}', lambda: "%(a)05d|%(b)-4s|" % {"a": 42, "b": "x"}),
    ('"%(a)%" % {"a": 1}', lambda: "%(a)%" % {"a": 1}),
    ('"%(a)5%" % {"a": 1}', lambda: "%(a)5%" % {"a": 1}),
    ('"%5%" % (1,)', lambda: "%5%" % (1,)),
    ('"%-%" % 1', lambda: "%-%" % 1),
    ('"%5%" % ()', lambda: "%5%" % ()),
    ('"%%%s%%" % (1,)', lambda: "%%%s%%" % (1,)),
    ('b"%(a)s %s" % {b"a": b"x"}', lambda: b"%(a)s %s" % {b"a": b"x"}),
    ('b"%(a)s" % {b"a": b"x"}', lambda: b"%(a)s" % {b"a": b"x"}),
    ('b"%5%" % (1,)', lambda: b"%5%" % (1,)),
    ('b"%%%s%%" % (b"1",)', lambda: b"%%%s%%" % (b"1",)),
]
for label, f in cases:
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "->", type(e).__name__, e)
