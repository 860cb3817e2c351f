# uncaught exception propagating out of a generator and a class method
def numbers():
    yield 1
    yield 2
    raise IndexError("generator ran off the end")
class Consumer:
    def __init__(self):
        self.seen = []
    def consume(self, gen):
        for v in gen:
            self.seen.append(v)
            print("consumed", v)
        return self.seen
c = Consumer()
c.consume(numbers())
print("not reached")
