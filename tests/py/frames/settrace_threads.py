# threading.settrace / setprofile reach threads started afterwards; each
# thread's sys.settrace is its own.
import sys
import threading

events = []
lock = threading.Lock()

def tracer(frame, event, arg):
    if frame.f_code.co_name == 'job':
        with lock:
            events.append((threading.current_thread().name, event, frame.f_lineno))
    return tracer

def job(n):
    total = 0
    for i in range(n):
        total += i
    return total

threading.settrace(tracer)
print(threading.gettrace() is tracer)
t = threading.Thread(target=job, args=(2,), name='worker')
t.start()
t.join()
threading.settrace(None)
print(sys.gettrace())          # the main thread was never traced
job(1)
for e in events:
    print(e)

prof = []
def profiler(frame, event, arg):
    if event in ('call', 'return') and frame.f_code.co_name == 'job':
        prof.append(event)

threading.setprofile(profiler)
t = threading.Thread(target=job, args=(1,))
t.start()
t.join()
threading.setprofile(None)
print(prof, threading.getprofile())
