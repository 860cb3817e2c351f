# subprocess: run with capture/text/input/check/cwd/env, Popen with pipes
# and communicate, return codes and signals, errors, check_output, shell.
import os
import signal
import subprocess
import sys

r = subprocess.run(["echo", "hello", "world"], capture_output=True)
print(r.returncode, r.stdout, r.stderr, r.args)
r = subprocess.run(["cat"], input="piped text\n", capture_output=True, text=True)
print(repr(r.stdout))
r = subprocess.run("echo $((6*7)); echo err >&2; exit 3", shell=True, capture_output=True, text=True)
print(r.returncode, repr(r.stdout), repr(r.stderr))
r = subprocess.run(["sh", "-c", "echo out; echo err 1>&2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print(repr(r.stdout))
print(subprocess.check_output(["pwd"], cwd="/", text=True).strip())
print(subprocess.check_output(["sh", "-c", "echo $FOO"], env={"FOO": "bar", "PATH": os.environ["PATH"]}).strip())
try:
    subprocess.run(["false"], check=True)
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e.returncode, e.cmd, str(e))
try:
    subprocess.run(["/nonexistent/prog"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename)
try:
    subprocess.run(["sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e.cmd, str(e).split(" timed out")[0])
p = subprocess.Popen(["tr", "a-z", "A-Z"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b"shout this\n")
print(out, err, p.returncode, p.poll())
p = subprocess.Popen(["sleep", "10"])
p.send_signal(signal.SIGTERM)
print(p.wait(), -signal.SIGTERM)
p = subprocess.Popen(["sh", "-c", "read x; echo got $x; exit 4"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
p.stdin.write("line\n")
p.stdin.close()
print(p.stdout.read(), p.wait())
p.stdout.close()
with subprocess.Popen([sys.executable, "-c", "import sys; print(sys.argv[1:]); sys.exit(7)", "a b", "c"],
                      stdout=subprocess.PIPE, text=True) as p:
    print(p.stdout.read().strip(), p.wait())
print(subprocess.call(["true"]), subprocess.getstatusoutput("echo hi; exit 1"), subprocess.getoutput("printf x"))
r = subprocess.run(["sh", "-c", "printf 'a\\r\\nb\\n'"], capture_output=True, text=True)
print(repr(r.stdout), subprocess.list2cmdline(["a b", 'c"d', "e"]))
print(subprocess.DEVNULL, subprocess.PIPE, subprocess.STDOUT, subprocess.run(["ls", "/nonexistent"], stderr=subprocess.DEVNULL).returncode)
