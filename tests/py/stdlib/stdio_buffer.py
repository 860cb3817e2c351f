# sys.stdout.buffer / sys.stdin.buffer: binary access to the standard streams, ordered with text output.
import sys, subprocess
print("text first")
sys.stdout.buffer.write(b"bytes second\n")
print("text third", flush=True)
b = sys.stdout.buffer
print(b is sys.stdout.buffer, b.mode if hasattr(b, 'mode') else None)
sys.stdout.flush()
r = subprocess.run([sys.executable, "-c", "import sys; d = sys.stdin.buffer.read(); sys.stdout.buffer.write(d.upper()); sys.stdout.buffer.flush(); sys.exit(47)"], input=b"abc\n", capture_output=True)
print(r.returncode, r.stdout)
try:
    sys.stdout.buffer.buffer
except AttributeError as e:
    print("AttributeError")
