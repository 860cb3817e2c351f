# sys.flags.ignore_environment follows -E/-I and sys.flags.dev_mode follows
# -X dev and PYTHONDEVMODE (which -E ignores); dev mode adds the "default"
# warning filter first and turns faulthandler on.  asyncio reads both flags
# for an event loop's debug mode (test_asyncio's test_env_var_debug).
import os
import subprocess
import sys

CODE = ("import sys, faulthandler, asyncio\n"
        "loop = asyncio.new_event_loop()\n"
        "print(sys.flags.ignore_environment, sys.flags.dev_mode, loop.get_debug(),\n"
        "      sys.warnoptions, faulthandler.is_enabled())\n"
        "loop.close()\n")

def run(env, *args):
    full = {k: v for k, v in os.environ.items()
            if k not in ("PYTHONDEVMODE", "PYTHONASYNCIODEBUG", "PYTHONWARNINGS")}
    full.update(env)
    p = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=full)
    print(p.returncode, p.stdout.strip(), p.stderr.strip().splitlines()[-1:])

run({}, "-c", CODE)
run({}, "-E", "-c", CODE)
run({}, "-I", "-c", CODE)
run({"PYTHONASYNCIODEBUG": "1"}, "-c", CODE)
run({"PYTHONASYNCIODEBUG": "1"}, "-E", "-c", CODE)
run({"PYTHONASYNCIODEBUG": ""}, "-c", CODE)
run({}, "-X", "dev", "-c", CODE)
run({}, "-E", "-X", "dev", "-c", CODE)
run({"PYTHONDEVMODE": "1"}, "-c", CODE)
run({"PYTHONDEVMODE": "1"}, "-E", "-c", CODE)
run({"PYTHONDEVMODE": ""}, "-c", CODE)
run({"PYTHONWARNINGS": "ignore"}, "-X", "dev", "-W", "error", "-c",
    "import sys; print(sys.warnoptions)")
run({}, "-X", "dev", "-c", "import sys; print(sys._xoptions)")
