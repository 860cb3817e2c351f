# A function returns (or raises) while a traceback in one of its locals
# keeps its frame object alive, and another local's __del__ runs when that
# frame object dies at the end of the call.  The __del__'s frames reuse the
# stack window of the frame that is leaving: pvm read the caller's return
# register and "entry" flag from that memory afterwards, so the call's result
# was lost and the program ended silently, with status 0 (test_asyncio's
# sendfile tests stopped mid-test under unittest).
import gc

log = []

def deep(n):
    return n if n == 0 else deep(n - 1) + 1

class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append((self.name, deep(20), [i * 2 for i in range(5)]))

def raiser(k):
    raise KeyError(k)

def returns(i):
    d = D('ret%d' % i)
    try:
        raiser(i)
    except KeyError as e:
        tb = e.__traceback__
    return i * 10

def raises(i):
    d = D('exc%d' % i)
    try:
        raiser(i)
    except KeyError as e:
        tb = e.__traceback__
    raise ValueError(i)

def clears(i):
    d = D('clr%d' % i)
    try:
        raiser(i)
    except KeyError as e:
        try:
            e.__traceback__.tb_frame.clear()
        except RuntimeError as r:
            msg = str(r)
    return msg

total = 0
for i in range(20):
    total += returns(i)
print('returns', total)
caught = 0
for i in range(20):
    try:
        raises(i)
    except ValueError as e:
        caught += 1
print('raises', caught)
print('clears', clears(1))
gc.collect()
print(len(log), sorted(set(x[1] for x in log)), log[0][2])
print(sorted(x[0] for x in log)[:3])
