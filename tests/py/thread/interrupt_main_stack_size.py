# _thread.interrupt_main(signum) (range check; nothing when the signal is not handled) and _thread.stack_size.
import _thread, signal, threading

# Whatever SIGINT's disposition at start-up (a runner may ignore it).
signal.signal(signal.SIGINT, signal.default_int_handler)
for a in (-1, 0, 100000):
    try: _thread.interrupt_main(a)
    except Exception as e: print(type(e).__name__, e)
signal.signal(signal.SIGUSR1, signal.SIG_IGN)
_thread.interrupt_main(signal.SIGUSR1)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
_thread.interrupt_main(signal.SIGUSR1)
got = []
signal.signal(signal.SIGUSR1, lambda *a: got.append(a[0]))
_thread.interrupt_main(signal.SIGUSR1)
for i in range(10): pass
print(got)
print(_thread.stack_size(), _thread.stack_size(262144), _thread.stack_size())
_thread.stack_size(0)
for a in (-1, 100, 1.5):
    try: _thread.stack_size(a)
    except Exception as e: print(type(e).__name__, e)
_thread.stack_size(1 << 20)
t = threading.Thread(target=lambda: print("ran")); t.start(); t.join()
_thread.stack_size(0)
try:
    try:
        _thread.interrupt_main()
    finally:
        print("raised by the call itself")
except KeyboardInterrupt:
    print("KeyboardInterrupt")
