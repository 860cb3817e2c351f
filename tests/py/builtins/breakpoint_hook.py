# PEP 553: breakpoint() calls sys.breakpointhook; the default hook reads $PYTHONBREAKPOINT
import sys, os, warnings
print(sys.breakpointhook is sys.__breakpointhook__)
os.environ['PYTHONBREAKPOINT'] = '0'
print(breakpoint())
os.environ['PYTHONBREAKPOINT'] = 'print'
breakpoint(1, 2, sep='-')
os.environ['PYTHONBREAKPOINT'] = 'os.path.join'
print(breakpoint('a', 'b'))
os.environ['PYTHONBREAKPOINT'] = 'nosuchmod.nosuch'
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    print(breakpoint())
print([(x.category.__name__, str(x.message)) for x in w])
sys.breakpointhook = lambda *a, **k: ('hook', a, k)
print(breakpoint(3, x=4))
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print(type(e).__name__, e)
