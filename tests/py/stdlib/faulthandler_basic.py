# faulthandler: enable/disable state, tracebacks written to a file, errors.
import faulthandler
import os
import signal
import subprocess
import sys
import tempfile

print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled())
print(faulthandler.disable(), faulthandler.disable(), faulthandler.is_enabled())

def inner(f):
    faulthandler.dump_traceback(f, all_threads=False)

def outer(f):
    inner(f)

with tempfile.TemporaryFile("w+") as f:
    outer(f)
    f.seek(0)
    text = f.read()
# The file name of this script differs between runs: print the rest.
for line in text.splitlines():
    print(line.replace(__file__, "SCRIPT"))

with tempfile.TemporaryFile("w+") as f:
    faulthandler.dump_traceback(f.fileno(), all_threads=True)
    f.seek(0)
    lines = f.read().splitlines()
print(lines[0].startswith("Current thread 0x"), lines[0].endswith("(most recent call first):"))

for call in (lambda: faulthandler.dump_traceback_later(0),
             lambda: faulthandler.dump_traceback_later(-1.5),
             lambda: faulthandler.dump_traceback(-1),
             lambda: faulthandler.register(signal.SIGSEGV),
             lambda: faulthandler.unregister(signal.SIGABRT),
             lambda: faulthandler.dump_traceback(1, True, 3),
             lambda: faulthandler.enable(sys.stdout, True, 3)):
    try:
        call()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)

faulthandler.dump_traceback_later(30)
faulthandler.cancel_dump_traceback_later()
print(faulthandler.register(signal.SIGUSR1, sys.stdout, all_threads=False))
print(faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))

# A fatal signal in a child: the traceback, then death by the signal
# (SIGABRT: sanitizer builds keep their own SIGSEGV handling).
code = "import faulthandler\nfaulthandler.enable()\ndef boom():\n    faulthandler._sigabrt()\nboom()\n"
p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
print(p.returncode)
for line in p.stderr.splitlines():
    print(line if not line.startswith("Current thread") else line[:15])
