# os.wait3 / os.wait4 (with resource.struct_rusage) and os.abort in a child.
import os, sys, subprocess, signal
def t(f, *a, **k):
    try: print(repr(f(*a, **k)))
    except Exception as e: print(type(e).__name__, e)
t(os.wait3, os.WNOHANG)
t(os.wait4, -1, os.WNOHANG)
t(os.wait3); t(os.wait3, "x"); t(os.wait4, 1); t(os.wait4, "a", 0)
p = subprocess.Popen([sys.executable, "-c", "import sys; sys.exit(3)"])
pid, status, ru = os.wait4(p.pid, 0)
print(pid == p.pid, os.waitstatus_to_exitcode(status), type(ru).__name__, len(ru), ru.ru_utime >= 0, ru.ru_maxrss > 0)
p.returncode = 3
p = subprocess.Popen([sys.executable, "-c", "pass"])
pid, status, ru = os.wait3(options=0)
print(pid == p.pid, os.waitstatus_to_exitcode(status), type(ru).__name__)
p.returncode = 0
r = subprocess.run([sys.executable, "-c", "import os, resource; resource.setrlimit(resource.RLIMIT_CORE, (0, 0)); import faulthandler; faulthandler.disable(); os.abort()"])
print(r.returncode == -signal.SIGABRT)
t(os.abort, 1)
