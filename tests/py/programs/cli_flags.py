# The interpreter accepts CPython's common option letters (test.support's
# script_helper and subprocess pass them) and -W fills sys.warnoptions.
import subprocess
import sys

def run(*args):
    p = subprocess.run([sys.executable, *args], capture_output=True, text=True)
    print(p.returncode, p.stdout.strip(), p.stderr.strip().splitlines()[-1:] )

run("-I", "-c", "print('isolated')")
run("-E", "-s", "-S", "-u", "-c", "print('many')")
run("-Es", "-X", "faulthandler", "-c", "print('group')")
run("-W", "ignore", "-Wdefault::DeprecationWarning", "-c", "import sys; print(sys.warnoptions)")
run("-W", "error", "-c", "import warnings; warnings.warn('boom')")
run("-W", "ignore", "-c", "import warnings; warnings.warn('quiet'); print('done')")
run("-X", "faulthandler", "-c", "import faulthandler; print(faulthandler.is_enabled())")
run("-c", "import faulthandler; print(faulthandler.is_enabled())")

# PYTHONWARNINGS entries come first, then -W; -E and -I ignore the variable.
import os
def run_env(value, *args):
    env = dict(os.environ, PYTHONWARNINGS=value)
    p = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env)
    print(p.returncode, p.stdout.strip(), p.stderr.strip().splitlines()[-1:])

code = "import sys; print(sys.warnoptions)"
run_env("ignore::DeprecationWarning", "-c", code)
run_env("ignore::DeprecationWarning,,error::UserWarning", "-W", "default", "-c", code)
run_env("ignore::DeprecationWarning", "-E", "-c", code)
run_env("ignore::DeprecationWarning", "-I", "-c", code)
run_env("error", "-c", "import warnings; warnings.warn('envboom')")
