# Threads switch their own sys.settrace / sys.setprofile on and off while
# running, and one thread sets f_trace / f_trace_lines on the other threads'
# frames through sys._current_frames(): no crash, and every traced thread
# still computes the right result with its tracer counting events.
import sys
import threading

N = 4
ROUNDS = 300
stop = False
errors = []


def work(k, counts):
    def tracer(frame, event, arg):
        counts[event] = counts.get(event, 0) + 1
        return tracer

    def prof(frame, event, arg):
        counts['p'] = counts.get('p', 0) + 1

    def body(n):
        t = 0
        for i in range(n):
            t += i
        return t

    for r in range(ROUNDS):
        if r % 3 == 0:
            sys.settrace(tracer)
        elif r % 3 == 1:
            sys.setprofile(prof)
        if body(50) != 1225:
            errors.append(k)
        sys.settrace(None)
        sys.setprofile(None)


def meddle():
    while not stop:
        for ident, frame in list(sys._current_frames().items()):
            f = frame
            while f is not None:
                f.f_trace_lines = not f.f_trace_lines
                if f.f_code.co_name == 'body':
                    f.f_trace = None
                f = f.f_back


counts = [dict() for _ in range(N)]
threads = [threading.Thread(target=work, args=(k, counts[k])) for k in range(N)]
m = threading.Thread(target=meddle)
m.start()
for t in threads:
    t.start()
for t in threads:
    t.join()
stop = True
m.join()
assert not errors, errors
assert all(c.get('call', 0) >= ROUNDS // 3 for c in counts), counts
assert all(c.get('p', 0) > 0 for c in counts), counts
print("ok settrace_toggle")
