# sys._current_exceptions(): each thread's handled exception, by thread ident.
import sys, threading
entered = threading.Event(); leave = threading.Event(); ids = []
def g():
    ids.append(threading.get_ident())
    try:
        raise ValueError("oops")
    except ValueError:
        entered.set()
        leave.wait()
t = threading.Thread(target=g); t.start(); entered.wait()
d = sys._current_exceptions()
print(d.pop(threading.get_ident()))
tp, v, tb = d.pop(ids[0])
print(tp.__name__, v, tb.tb_frame.f_code.co_name)
leave.set(); t.join()
try:
    raise KeyError(1)
except KeyError:
    print(sys._current_exceptions()[threading.get_ident()][0].__name__)
try:
    sys._current_exceptions(1)
except TypeError as e:
    print(type(e).__name__, e)
