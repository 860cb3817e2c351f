# Generated differential test: random patterns (every kind, nested, guards, captures) run
# against a fixed set of subjects; each case prints the names it bound.
class K:
    v = 0
    w = 's'
class P:
    __match_args__ = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return 'P(%r, %r)' % (self.x, self.y)
class Q:
    __match_args__ = ('x',)
    def __repr__(self):
        return 'Q()'
def show(tag, ns):
    print(tag, sorted((k, repr(v)) for k, v in ns.items() if k in ('a','b','c','d')))
def f0(s):
    match s:
        case {'t': {'t': 1.5}}:
            show('f0 case 0', locals()); return 0
    show('f0 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f0(s)
    except Exception as e:
        print('f0', type(e).__name__, e)
def f1(s):
    match s:
        case 's' if s:
            show('f1 case 0', locals()); return 0
    show('f1 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f1(s)
    except Exception as e:
        print('f1', type(e).__name__, e)
def f2(s):
    match s:
        case d:
            show('f2 case 0', locals()); return 0
    show('f2 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f2(s)
    except Exception as e:
        print('f2', type(e).__name__, e)
def f3(s):
    match s:
        case [{'s': (), 't': (0 | -1 | None), **c}]:
            show('f3 case 0', locals()); return 0
        case (b, 0) if True:
            show('f3 case 1', locals()); return 1
        case {K.v: d, 0: False, **b} if False:
            show('f3 case 2', locals()); return 2
    show('f3 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f3(s)
    except Exception as e:
        print('f3', type(e).__name__, e)
def f4(s):
    match s:
        case 0:
            show('f4 case 0', locals()); return 0
    show('f4 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f4(s)
    except Exception as e:
        print('f4', type(e).__name__, e)
def f5(s):
    match s:
        case [Q(_)] if True:
            show('f5 case 0', locals()); return 0
        case 't':
            show('f5 case 1', locals()); return 1
    show('f5 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f5(s)
    except Exception as e:
        print('f5', type(e).__name__, e)
def f6(s):
    match s:
        case [K.v, None] if not s:
            show('f6 case 0', locals()); return 0
    show('f6 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f6(s)
    except Exception as e:
        print('f6', type(e).__name__, e)
def f7(s):
    match s:
        case (False,):
            show('f7 case 0', locals()); return 0
    show('f7 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f7(s)
    except Exception as e:
        print('f7', type(e).__name__, e)
def f8(s):
    match s:
        case [Q(_)]:
            show('f8 case 0', locals()); return 0
        case (('s', _), 0):
            show('f8 case 1', locals()); return 1
        case K.w:
            show('f8 case 2', locals()); return 2
    show('f8 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f8(s)
    except Exception as e:
        print('f8', type(e).__name__, e)
def f9(s):
    match s:
        case 1:
            show('f9 case 0', locals()); return 0
    show('f9 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f9(s)
    except Exception as e:
        print('f9', type(e).__name__, e)
def f10(s):
    match s:
        case [{0: (() as d)}] if False:
            show('f10 case 0', locals()); return 0
        case _:
            show('f10 case 1', locals()); return 1
    show('f10 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f10(s)
    except Exception as e:
        print('f10', type(e).__name__, e)
def f11(s):
    match s:
        case ['t']:
            show('f11 case 0', locals()); return 0
        case ((0 | True), 0) if not s:
            show('f11 case 1', locals()); return 1
        case () if not s:
            show('f11 case 2', locals()); return 2
    show('f11 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f11(s)
    except Exception as e:
        print('f11', type(e).__name__, e)
def f12(s):
    match s:
        case (int(tuple()) as b):
            show('f12 case 0', locals()); return 0
    show('f12 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f12(s)
    except Exception as e:
        print('f12', type(e).__name__, e)
def f13(s):
    match s:
        case ({0: 1.5}, 0):
            show('f13 case 0', locals()); return 0
        case ({0: (K.w | 2 | 2), **d}, 0):
            show('f13 case 1', locals()); return 1
        case 1.5:
            show('f13 case 2', locals()); return 2
    show('f13 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f13(s)
    except Exception as e:
        print('f13', type(e).__name__, e)
def f14(s):
    match s:
        case (c, 0):
            show('f14 case 0', locals()); return 0
        case (_, 0) if False:
            show('f14 case 1', locals()); return 1
        case (*_,):
            show('f14 case 2', locals()); return 2
    show('f14 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f14(s)
    except Exception as e:
        print('f14', type(e).__name__, e)
def f15(s):
    match s:
        case None if True:
            show('f15 case 0', locals()); return 0
    show('f15 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f15(s)
    except Exception as e:
        print('f15', type(e).__name__, e)
def f16(s):
    match s:
        case [{'s': K.v, 0: _, **b}]:
            show('f16 case 0', locals()); return 0
        case (False, 0) if True:
            show('f16 case 1', locals()); return 1
        case list((('s' | True) as a)):
            show('f16 case 2', locals()); return 2
    show('f16 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f16(s)
    except Exception as e:
        print('f16', type(e).__name__, e)
def f17(s):
    match s:
        case [0]:
            show('f17 case 0', locals()); return 0
        case (K.w as c):
            show('f17 case 1', locals()); return 1
    show('f17 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f17(s)
    except Exception as e:
        print('f17', type(e).__name__, e)
def f18(s):
    match s:
        case ((1.5 | 't'), 0):
            show('f18 case 0', locals()); return 0
        case (b, 0):
            show('f18 case 1', locals()); return 1
        case K.v:
            show('f18 case 2', locals()); return 2
    show('f18 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f18(s)
    except Exception as e:
        print('f18', type(e).__name__, e)
def f19(s):
    match s:
        case K.v:
            show('f19 case 0', locals()); return 0
    show('f19 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f19(s)
    except Exception as e:
        print('f19', type(e).__name__, e)
def f20(s):
    match s:
        case _:
            show('f20 case 0', locals()); return 0
    show('f20 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f20(s)
    except Exception as e:
        print('f20', type(e).__name__, e)
def f21(s):
    match s:
        case (tuple(), 0):
            show('f21 case 0', locals()); return 0
        case [(True | K.w | K.w)]:
            show('f21 case 1', locals()); return 1
        case (K.v | K.v) if True:
            show('f21 case 2', locals()); return 2
    show('f21 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f21(s)
    except Exception as e:
        print('f21', type(e).__name__, e)
def f22(s):
    match s:
        case (_, 0):
            show('f22 case 0', locals()); return 0
        case [-1]:
            show('f22 case 1', locals()); return 1
        case (True as c):
            show('f22 case 2', locals()); return 2
    show('f22 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f22(s)
    except Exception as e:
        print('f22', type(e).__name__, e)
def f23(s):
    match s:
        case _ if not s:
            show('f23 case 0', locals()); return 0
    show('f23 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f23(s)
    except Exception as e:
        print('f23', type(e).__name__, e)
def f24(s):
    match s:
        case [(str((1.5 | 0 | K.w)) as a)]:
            show('f24 case 0', locals()); return 0
        case [(K.w | False | 's')]:
            show('f24 case 1', locals()); return 1
        case list((False as b)):
            show('f24 case 2', locals()); return 2
    show('f24 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f24(s)
    except Exception as e:
        print('f24', type(e).__name__, e)
def f25(s):
    match s:
        case (-1, 0):
            show('f25 case 0', locals()); return 0
        case _:
            show('f25 case 1', locals()); return 1
    show('f25 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f25(s)
    except Exception as e:
        print('f25', type(e).__name__, e)
def f26(s):
    match s:
        case _:
            show('f26 case 0', locals()); return 0
    show('f26 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f26(s)
    except Exception as e:
        print('f26', type(e).__name__, e)
def f27(s):
    match s:
        case b:
            show('f27 case 0', locals()); return 0
    show('f27 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f27(s)
    except Exception as e:
        print('f27', type(e).__name__, e)
def f28(s):
    match s:
        case [None] if False:
            show('f28 case 0', locals()); return 0
        case (0 | 1):
            show('f28 case 1', locals()); return 1
    show('f28 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f28(s)
    except Exception as e:
        print('f28', type(e).__name__, e)
def f29(s):
    match s:
        case ((True | K.v | 't'), 0):
            show('f29 case 0', locals()); return 0
        case (0, 0):
            show('f29 case 1', locals()); return 1
        case c:
            show('f29 case 2', locals()); return 2
    show('f29 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f29(s)
    except Exception as e:
        print('f29', type(e).__name__, e)
def f30(s):
    match s:
        case ({}, 0):
            show('f30 case 0', locals()); return 0
        case ():
            show('f30 case 1', locals()); return 1
    show('f30 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f30(s)
    except Exception as e:
        print('f30', type(e).__name__, e)
def f31(s):
    match s:
        case (dict(), 0):
            show('f31 case 0', locals()); return 0
        case ['t']:
            show('f31 case 1', locals()); return 1
        case c if s:
            show('f31 case 2', locals()); return 2
    show('f31 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f31(s)
    except Exception as e:
        print('f31', type(e).__name__, e)
def f32(s):
    match s:
        case ((1.5 | -1), 0) if s:
            show('f32 case 0', locals()); return 0
        case True if True:
            show('f32 case 1', locals()); return 1
    show('f32 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f32(s)
    except Exception as e:
        print('f32', type(e).__name__, e)
def f33(s):
    match s:
        case (0, 0):
            show('f33 case 0', locals()); return 0
        case (2 | 1.5):
            show('f33 case 1', locals()); return 1
    show('f33 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f33(s)
    except Exception as e:
        print('f33', type(e).__name__, e)
def f34(s):
    match s:
        case ['t']:
            show('f34 case 0', locals()); return 0
        case (False, 0):
            show('f34 case 1', locals()); return 1
        case ('t' | 't' | K.w):
            show('f34 case 2', locals()); return 2
    show('f34 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f34(s)
    except Exception as e:
        print('f34', type(e).__name__, e)
def f35(s):
    match s:
        case (d, 0):
            show('f35 case 0', locals()); return 0
        case int(b):
            show('f35 case 1', locals()); return 1
    show('f35 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f35(s)
    except Exception as e:
        print('f35', type(e).__name__, e)
def f36(s):
    match s:
        case ({}, 0):
            show('f36 case 0', locals()); return 0
        case (((), 0, *_, b), 0):
            show('f36 case 1', locals()); return 1
        case d:
            show('f36 case 2', locals()); return 2
    show('f36 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f36(s)
    except Exception as e:
        print('f36', type(e).__name__, e)
def f37(s):
    match s:
        case [{}] if not s:
            show('f37 case 0', locals()); return 0
        case ('s' as c):
            show('f37 case 1', locals()); return 1
    show('f37 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f37(s)
    except Exception as e:
        print('f37', type(e).__name__, e)
def f38(s):
    match s:
        case {0: c, 't': (-1 | None | K.w), **b}:
            show('f38 case 0', locals()); return 0
    show('f38 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f38(s)
    except Exception as e:
        print('f38', type(e).__name__, e)
def f39(s):
    match s:
        case -1:
            show('f39 case 0', locals()); return 0
    show('f39 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f39(s)
    except Exception as e:
        print('f39', type(e).__name__, e)
def f40(s):
    match s:
        case ('s', 0):
            show('f40 case 0', locals()); return 0
        case ('t', 0):
            show('f40 case 1', locals()); return 1
        case c:
            show('f40 case 2', locals()); return 2
    show('f40 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f40(s)
    except Exception as e:
        print('f40', type(e).__name__, e)
def f41(s):
    match s:
        case (d, 0) if s:
            show('f41 case 0', locals()); return 0
        case [[*_]]:
            show('f41 case 1', locals()); return 1
        case (False | -1):
            show('f41 case 2', locals()); return 2
    show('f41 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f41(s)
    except Exception as e:
        print('f41', type(e).__name__, e)
def f42(s):
    match s:
        case P((int(_) as c), z=a) if True:
            show('f42 case 0', locals()); return 0
    show('f42 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f42(s)
    except Exception as e:
        print('f42', type(e).__name__, e)
def f43(s):
    match s:
        case (([], d, a), 0):
            show('f43 case 0', locals()); return 0
        case 2:
            show('f43 case 1', locals()); return 1
    show('f43 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f43(s)
    except Exception as e:
        print('f43', type(e).__name__, e)
def f44(s):
    match s:
        case ((2 as b), 0) if False:
            show('f44 case 0', locals()); return 0
        case [({} as c)]:
            show('f44 case 1', locals()); return 1
        case (_ as d):
            show('f44 case 2', locals()); return 2
    show('f44 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f44(s)
    except Exception as e:
        print('f44', type(e).__name__, e)
def f45(s):
    match s:
        case ({0: dict(), **c}, 0):
            show('f45 case 0', locals()); return 0
        case [[*d]]:
            show('f45 case 1', locals()); return 1
        case (*_, ('t' | K.v)):
            show('f45 case 2', locals()); return 2
    show('f45 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f45(s)
    except Exception as e:
        print('f45', type(e).__name__, e)
def f46(s):
    match s:
        case (*_, [*d], K.w):
            show('f46 case 0', locals()); return 0
    show('f46 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f46(s)
    except Exception as e:
        print('f46', type(e).__name__, e)
def f47(s):
    match s:
        case {**b} if False:
            show('f47 case 0', locals()); return 0
    show('f47 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f47(s)
    except Exception as e:
        print('f47', type(e).__name__, e)
def f48(s):
    match s:
        case 1.5:
            show('f48 case 0', locals()); return 0
    show('f48 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f48(s)
    except Exception as e:
        print('f48', type(e).__name__, e)
def f49(s):
    match s:
        case int() if not s:
            show('f49 case 0', locals()); return 0
    show('f49 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f49(s)
    except Exception as e:
        print('f49', type(e).__name__, e)
def f50(s):
    match s:
        case (None, 0):
            show('f50 case 0', locals()); return 0
        case [c]:
            show('f50 case 1', locals()); return 1
        case None:
            show('f50 case 2', locals()); return 2
    show('f50 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f50(s)
    except Exception as e:
        print('f50', type(e).__name__, e)
def f51(s):
    match s:
        case ({}, 0):
            show('f51 case 0', locals()); return 0
        case ('s' as c):
            show('f51 case 1', locals()); return 1
    show('f51 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f51(s)
    except Exception as e:
        print('f51', type(e).__name__, e)
def f52(s):
    match s:
        case ({0: a, **b}, 0):
            show('f52 case 0', locals()); return 0
        case (False, 0) if True:
            show('f52 case 1', locals()); return 1
        case _:
            show('f52 case 2', locals()); return 2
    show('f52 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f52(s)
    except Exception as e:
        print('f52', type(e).__name__, e)
def f53(s):
    match s:
        case (-1, 0):
            show('f53 case 0', locals()); return 0
        case {K.v: d}:
            show('f53 case 1', locals()); return 1
    show('f53 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f53(s)
    except Exception as e:
        print('f53', type(e).__name__, e)
def f54(s):
    match s:
        case (({0: {}, 's': (K.v | True), **b} as c), 0):
            show('f54 case 0', locals()); return 0
        case list():
            show('f54 case 1', locals()); return 1
    show('f54 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f54(s)
    except Exception as e:
        print('f54', type(e).__name__, e)
def f55(s):
    match s:
        case c:
            show('f55 case 0', locals()); return 0
    show('f55 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f55(s)
    except Exception as e:
        print('f55', type(e).__name__, e)
def f56(s):
    match s:
        case {**c} if not s:
            show('f56 case 0', locals()); return 0
    show('f56 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f56(s)
    except Exception as e:
        print('f56', type(e).__name__, e)
def f57(s):
    match s:
        case 0 if False:
            show('f57 case 0', locals()); return 0
    show('f57 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f57(s)
    except Exception as e:
        print('f57', type(e).__name__, e)
def f58(s):
    match s:
        case False:
            show('f58 case 0', locals()); return 0
    show('f58 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f58(s)
    except Exception as e:
        print('f58', type(e).__name__, e)
def f59(s):
    match s:
        case (P(1.5, (True | True | None)), 0) if False:
            show('f59 case 0', locals()); return 0
        case -1:
            show('f59 case 1', locals()); return 1
    show('f59 none', locals())
for s in [0, 1, 2, -1, 's', None, True, False, 1.5, [], [1], [1, 2], (1, 's'), [0, [1, 2]], {0: 1}, {1: 's', 's': [1]}, {'s': 0, 't': 1, 0: 2}, P(1, 2), P(0, [1]), P('s', None), Q(), range(3), 'st', b'x', {1, 2}, [[], {}], (None, True, 1.5), {0: {1: 2}}]:
    try:
        f59(s)
    except Exception as e:
        print('f59', type(e).__name__, e)
