# A read interrupted by a signal runs the Python handler and retries (PEP 475);
# an exception from the handler propagates out of the read.
import os, signal, io
r, w = os.pipe()
def h(sig, frame):
    os.write(w, b"bar")
signal.signal(signal.SIGALRM, h)
rio = io.open(r, "rb", closefd=False)
os.write(w, b"foo")
signal.alarm(1)
print(rio.read(6))
def h2(sig, frame):
    1/0
signal.signal(signal.SIGALRM, h2)
signal.alarm(1)
try:
    os.read(r, 10) if False else rio.read(5)
except ZeroDivisionError as e:
    print("handler raised", e)
raw = io.FileIO(r, closefd=False)
signal.alarm(1)
try:
    raw.read(5)
except ZeroDivisionError as e:
    print("raw handler raised", e)

# A buffered write longer than the pipe holds: a signal cuts the raw write
# short, its handler runs before the writer blocks again (it starts the
# reader that lets the write finish).
import threading
r2, w2 = os.pipe()
got = []
def reader():
    while True:
        chunk = os.read(r2, 65536)
        if not chunk:
            break
        got.append(len(chunk))
t = threading.Thread(target=reader)
def start_reader(sig, frame):
    t.start()
signal.signal(signal.SIGALRM, start_reader)
wio = io.open(w2, "wb", closefd=False)
signal.alarm(1)
data = b"x" * (4 * 1024 * 1024)
print(wio.write(data))
wio.flush()
os.close(w2)
t.join()
print(sum(got) == len(data))
