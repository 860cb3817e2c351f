# Seeded random sequences of read/write/seek/tell/truncate on StringIO,
# TextIOWrapper (every newline mode) and BytesIO, compared with CPython.
import _io
seed = 12345
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n
texts = ["a", "\n", "\r", "\r\n", "héllo", "€", "xy\r", "\nz", "", "line\n", "𝄞"]
def run_text(kind, nl):
    if kind == "sio":
        f = _io.StringIO(newline=nl)
    else:
        f = _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8", newline=nl)
    out = []
    for step in range(60):
        op = rnd(7)
        try:
            if op == 0: out.append(f.write(texts[rnd(len(texts))]))
            elif op == 1: out.append(f.read(rnd(5) - 1))
            elif op == 2: out.append(f.readline())
            elif op == 3: out.append(f.seek(0))
            elif op == 4:
                p = f.tell(); out.append(p); f.seek(p)
            elif op == 5: out.append(f.seek(0, 2))
            elif op == 6: out.append(f.read())
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    f.seek(0)
    try:
        out.append(f.read())
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
    out.append(f.newlines)
    return out
for seed in (12345, 1, 7, 99, 2024, 31337, 4242, 5, 6, 808):
    for kind in ("sio", "tw"):
        for nl in (None, "", "\n", "\r", "\r\n"):
            print(kind, repr(nl), run_text(kind, nl))
def run_bytes(kind):
    if kind == "bio":
        f = _io.BytesIO()
    else:
        f = _io.BufferedRandom(_io.BytesIO(), 4)
    out = []
    chunks = [b"a", b"\n", b"hello", b"0123456789", b""]
    for step in range(80):
        op = rnd(9)
        try:
            if op == 0: out.append(f.write(chunks[rnd(len(chunks))]))
            elif op == 1: out.append(f.read(rnd(6) - 1))
            elif op == 2: out.append(f.readline(rnd(8) - 1))
            elif op == 3: out.append(f.seek(rnd(12), rnd(3)))
            elif op == 4: out.append(f.tell())
            elif op == 5: out.append(f.truncate(rnd(10)))
            elif op == 6: out.append(f.read1(rnd(6)))
            elif op == 7: out.append(f.seek(-rnd(4), 1 + rnd(2)))
            elif op == 8:
                ba = bytearray(rnd(6)); n = f.readinto(ba); out.append((n, bytes(ba)))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    f.seek(0)
    out.append(f.read())
    return out
for seed in (12345, 1, 7, 99, 2024, 31337, 4242, 5, 6, 77, 808, 123, 321):
    print("bio", run_bytes("bio"))
