# Threads write lines to one shared BufferedWriter, one TextIOWrapper, one
# BytesIO and one StringIO (each line in one write() call) while others
# tell()/flush()/read them; afterwards every line is present exactly once
# and none is torn.  A BufferedRandom is read and written at once to check
# the VM survives mixed use.
import _io
import os
import threading

N = 6
LINES = 400
d = "/tmp/io_shared_file_%d" % os.getpid()
os.mkdir(d)
errors = []


def line(k, i):
    return "t%d-%05d-%s\n" % (k, i, "x" * (i % 37))


def check(text, what):
    seen = text.splitlines(keepends=True)
    want = sorted(line(k, i) for k in range(N) for i in range(LINES))
    if sorted(seen) != want:
        errors.append("%s: %d lines, torn or missing" % (what, len(seen)))


def run(targets):
    ts = [threading.Thread(target=t, args=a) for t, a in targets]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


# BufferedWriter over a file (small buffer: many raw writes)
bw = _io.BufferedWriter(_io.FileIO(d + "/bw", "w"), 64)
tw = _io.TextIOWrapper(_io.BufferedWriter(_io.FileIO(d + "/tw", "w"), 100), encoding="utf-8")
bio = _io.BytesIO()
sio = _io.StringIO()


def writer(k):
    for i in range(LINES):
        s = line(k, i)
        bw.write(s.encode())
        tw.write(s)
        bio.write(s.encode())
        sio.write(s)
        if i % 50 == 0:
            bw.flush()
            tw.flush()


def poker(k):
    for i in range(LINES):
        try:
            bw.tell()
            tw.tell()
            bio.getvalue()
            sio.getvalue()
            bio.tell()
        except Exception as e:
            errors.append("poke: %r" % (e,))


run([(writer, (k,)) for k in range(N)] + [(poker, (0,))])
bw.close()
tw.close()
with _io.FileIO(d + "/bw") as f:
    check(f.read().decode(), "BufferedWriter")
with _io.FileIO(d + "/tw") as f:
    check(f.read().decode(), "TextIOWrapper")
check(bio.getvalue().decode(), "BytesIO")
check(sio.getvalue(), "StringIO")

# BufferedRandom: mixed reads, writes and seeks from several threads
br = _io.BufferedRandom(_io.FileIO(d + "/br", "w+"), 32)


def mixed(k):
    for i in range(300):
        try:
            if i % 3 == 0:
                br.write(b"abcdefgh")
            elif i % 3 == 1:
                br.seek(0)
                br.read(5)
            else:
                br.peek(3)
                br.tell()
        except Exception as e:
            errors.append("random: %r" % (e,))


run([(mixed, (k,)) for k in range(4)])
br.close()

# detach() racing writes, reprs and attribute reads: only ValueError
# ("... detached") may come out, the detached raw stream stays usable.
def detach_round(make):
    obj = make()
    allowed = ("raw stream has been detached", "underlying buffer has been detached")

    def user(k):
        for i in range(200):
            try:
                obj.write(b"x" if not isinstance(obj, _io.TextIOWrapper) else "x")
                repr(obj)
                obj.name if hasattr(type(obj), "name") else None
                if i % 20 == 0:
                    obj.flush()
            except ValueError as e:
                if str(e) not in allowed:
                    errors.append("detach: %r" % (e,))
            except AttributeError:
                pass

    def detacher():
        for _ in range(50):
            pass
        try:
            r = obj.detach()
            r.write(b"after" if not isinstance(r, _io.TextIOWrapper) else "after")
        except ValueError:
            pass

    run([(user, (k,)) for k in range(3)] + [(detacher, ())])


for _ in range(20):
    detach_round(lambda: _io.BufferedWriter(_io.BytesIO(), 16))
    detach_round(lambda: _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8"))

# BytesIO views racing writes: BufferError while a view lives, nothing else.
shared = _io.BytesIO(b"0123456789")


def viewer(k):
    for i in range(300):
        try:
            with shared.getbuffer() as v:
                bytes(v[:2])
        except (BufferError, ValueError) as e:
            errors.append("view: %r" % (e,))


def bwriter(k):
    for i in range(300):
        try:
            shared.seek(0)
            shared.write(b"ab")
            shared.getvalue()
        except BufferError:
            pass


# One writer: seek(0) + write() from two threads is a race of the program
# itself (a second writer can move the position between them).
run([(viewer, (k,)) for k in range(2)] + [(bwriter, (0,))])
if shared.getvalue()[2:] != b"23456789":
    errors.append("BytesIO contents: %r" % shared.getvalue())

for name in ("bw", "tw", "br"):
    os.remove(d + "/" + name)
os.rmdir(d)
if errors:
    print(errors[:5])
else:
    print("ok io_shared_file")
