# In development mode (-X dev), str.encode, bytes.decode, bytes(str, ...),
# bytearray(str, ...) and str(bytes, ...) check their encoding and error
# handler even when the data is empty or they go unused; without -X dev an
# unused error handler is not looked up.
import subprocess
import sys

code = r'''
import sys
cases = [
    ("''.encode('ascii', 'Boom')", lambda: "".encode("ascii", "Boom")),
    ("'abc'.encode('latin1', 'Boom')", lambda: "abc".encode("latin1", "Boom")),
    ("''.encode('Boom')", lambda: "".encode("Boom")),
    ("bytes('', encoding='utf8', errors='Boom')", lambda: bytes("", encoding="utf8", errors="Boom")),
    ("bytearray('x', 'latin1', 'Boom')", lambda: bytearray("x", "latin1", "Boom")),
    ("b''.decode('ascii', 'Boom')", lambda: b"".decode("ascii", "Boom")),
    ("b'abc'.decode(errors='Boom')", lambda: b"abc".decode(errors="Boom")),
    ("b''.decode('Boom')", lambda: b"".decode("Boom")),
    ("bytearray(b'a').decode('latin-1', 'Boom')", lambda: bytearray(b"a").decode("latin-1", "Boom")),
    ("str(b'', 'ascii', 'Boom')", lambda: str(b"", "ascii", "Boom")),
    ("'x'.encode('latin-1', 'backslashreplace')", lambda: "x".encode("latin-1", "backslashreplace")),
    ("b'x'.decode('utf-8', 'surrogatepass')", lambda: b"x".decode("utf-8", "surrogatepass")),
]
print("dev_mode", sys.flags.dev_mode)
for text, f in cases:
    try:
        print(text, "->", repr(f()))
    except LookupError as e:
        print(text, "-> LookupError:", e)
'''
for args in ([], ["-X", "dev"]):
    out = subprocess.run([sys.executable, *args, "-c", code], capture_output=True, text=True)
    print(out.stdout, end="")
    print(out.stderr, end="")

# open() and io.TextIOWrapper check their error handler in development mode.
code = r'''
import io
for f in (lambda: open(__file__ if "__file__" in dir() else "/dev/null", errors="Boom"),
          lambda: io.TextIOWrapper(io.BytesIO(), errors="Boom"),
          lambda: io.TextIOWrapper(io.BytesIO(), encoding="Boom")):
    try:
        f().close()
        print("no error")
    except LookupError as e:
        print("LookupError:", e)
'''
for args in ([], ["-X", "dev"]):
    out = subprocess.run([sys.executable, *args, "-c", code], capture_output=True, text=True)
    print(out.stdout, end="")
    print(out.stderr, end="")
