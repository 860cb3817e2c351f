# _queue.SimpleQueue and _queue.Empty: the native queue that queue.py and
# concurrent.futures' thread pools use (API, errors, a getter woken by put,
# a subclass, a queue holding itself).
import _queue, weakref, queue, threading
print(sorted(x for x in dir(_queue) if not x.startswith('__'))); q=_queue.SimpleQueue(); print(sorted(x for x in dir(q) if not x.startswith("__")))
print(_queue.Empty.__module__, _queue.Empty.__mro__, _queue.SimpleQueue.__module__, queue.SimpleQueue is _queue.SimpleQueue, queue.Empty is _queue.Empty)
for f in [lambda: _queue.SimpleQueue(1), lambda: q.get(timeout=-1), lambda: q.get(False), lambda: q.get_nowait(), lambda: q.get(timeout=0.01), lambda: q.put(1,2,3,4), lambda: weakref.ref(q) is not None, lambda: _queue.SimpleQueue[int], lambda: q.get(False, -1), lambda: q.get(1, 2, 3)]:
  try: print(f())
  except Exception as e: print(type(e).__name__, repr(e))
q.put(1); q.put_nowait(2); q.put(3, block=False, timeout=5); print(q.qsize(), q.empty(), q.get(), q.get_nowait(), q.get(True, 1), q.empty())
out = []
t = threading.Thread(target=lambda: out.append(q.get(timeout=5)))
t.start(); q.put("x"); t.join(); print(out)
class Sub(_queue.SimpleQueue): pass
s = Sub(); s.put(s); print(s.get() is s)
