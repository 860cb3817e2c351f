# -i: after the program (-c, a script), the interactive prompt reads stdin,
# with its prompts on stderr, whatever the program did (an exception is
# reported first).  PYTHONINSPECT asks for the prompt too, but only on a
# terminal (not here) unless -i is given.
import os
import subprocess
import sys
import tempfile

SESSION = b"x = 1\nif x:\n  print('in block', x)\n\n1/0\nx + 1\nprint('done')\n"


def run(args, env=None):
    p = subprocess.run([sys.executable, *args], input=SESSION, capture_output=True, env=env)
    shown = [os.path.basename(a) if a.endswith(".py") else a for a in args[:2]]
    print(shown, "rc", p.returncode)
    print("  stdout:", p.stdout.decode().splitlines())
    print("  stderr:", p.stderr.decode().replace("\n", "|"))


run(["-i", "-c", "x = 41"])
run(["-i", "-c", "1/0"])
with tempfile.TemporaryDirectory() as d:
    script = os.path.join(d, "prog.py")
    with open(script, "w") as f:
        f.write("x = 10\nprint('script ran')\n")
    run(["-i", script])
env = dict(os.environ, PYTHONINSPECT="1")
run(["-c", "print('with PYTHONINSPECT')"], env=env)
run(["-Ei", "-c", "pass"])
