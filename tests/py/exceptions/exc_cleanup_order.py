# order of cleanup across nested try/finally, with, and function returns
log = []
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        log.append("enter " + self.name)
    def __exit__(self, t, v, tb):
        log.append("exit %s (%s)" % (self.name, t.__name__ if t else "ok"))
def work(fail):
    try:
        with CM("outer"):
            try:
                with CM("inner"):
                    if fail:
                        raise ValueError("fail")
                    return "returned"
            finally:
                log.append("finally inner")
    finally:
        log.append("finally outer")
print(work(False))
print(log)
log.clear()
try:
    work(True)
except ValueError as e:
    log.append("caught " + str(e))
print(log)
log.clear()
def gen():
    with CM("gen"):
        yield 1
        yield 2
for v in gen():
    log.append("value %d" % v)
print(log)
