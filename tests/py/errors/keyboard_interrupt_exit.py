# An uncaught KeyboardInterrupt ends the interpreter by SIGINT's default
# action after the traceback, as CPython does, so the parent sees the signal
# (returncode -2), not an exit status; SystemExit and other errors keep
# their statuses.
import subprocess
import sys

for src in ["raise KeyboardInterrupt", "raise KeyboardInterrupt('x')",
            "import sys; sys.exit(3)", "1/0",
            "try:\n raise KeyboardInterrupt\nexcept KeyboardInterrupt:\n print('caught')"]:
    p = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True)
    print(repr(src), p.returncode, p.stdout.strip(), p.stderr.strip().splitlines()[-1:])
