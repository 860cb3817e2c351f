# Weakrefs and __del__: the referent is still reachable through its weakrefs
# while __del__ runs; callbacks run after it; a resurrecting __del__ keeps
# its weakrefs alive until the real death.
import _weakref

ref = _weakref.ref
log = []


class A:
    def __del__(self):
        log.append(("del", r() is self, p.name))


a = A()
a.name = "a"
r = ref(a, lambda w: log.append("cb"))
p = _weakref.proxy(a)
del a
print(log)
print(r())

keep = []


class R:
    def __del__(self):
        log.append("R del")
        keep.append(self)


log.clear()
x = R()
rx = ref(x, lambda w: log.append("R cb"))
del x
print(log, rx() is keep[0], _weakref.getweakrefcount(keep[0]))
keep.clear()
print(log, rx())

# Chains deeper than the trashcan's limit still clear every weakref.
log.clear()


class Node:
    pass


head = Node()
cur = head
refs = []
for i in range(3000):
    n = Node()
    cur.next = n
    cur = n
    if i % 500 == 0:
        refs.append(ref(n, lambda w: log.append(1)))
cur = n = None
del head
print(len(log), [w() for w in refs])
