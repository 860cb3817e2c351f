# Running a folder or a zip archive as a program (its __main__ module, via
# runpy), -m with packages and option groups ("-sm", "-mNAME", "-Im"), -P
# and -I (no sys.path entry for the program's folder), a .pyc written by
# py_compile, and the error messages when there is no __main__.
# sys.executable and the temporary folder are replaced in the output.
import os
import py_compile
import subprocess
import sys
import tempfile
import zipfile

MAIN = """\
import sys
print("name", __name__, "package", repr(__package__))
print("spec", __spec__ and __spec__.name, "loader", type(__loader__).__name__)
print("file", __file__)
print("argv", sys.argv)
print("path0", sys.path[0])
import helper
print("helper", helper.VALUE)
"""


def show(text, root):
    text = text.replace(sys.executable, "PYTHON").replace(root, "ROOT")
    return text.replace(os.path.realpath(root), "ROOT")


def run(args, root, cwd=None):
    p = subprocess.run([sys.executable, *args], capture_output=True, cwd=cwd or root)
    shown = [show(a, root) for a in args]
    print(shown, "rc", p.returncode)
    for line in show(p.stdout.decode(), root).splitlines():
        print("  out:", line)
    for line in show(p.stderr.decode(), root).splitlines():
        print("  err:", line)


with tempfile.TemporaryDirectory() as root:
    app = os.path.join(root, "app")
    os.mkdir(app)
    with open(os.path.join(app, "__main__.py"), "w") as f:
        f.write(MAIN)
    with open(os.path.join(app, "helper.py"), "w") as f:
        f.write("VALUE = 'from app'\n")
    run(["app", "x", "y"], root)
    run(["app/"], root)
    run([app], root)
    run(["-I", "app"], root)
    run(["-P", "./app"], root)

    # A zip archive, by name and as a file without the .zip suffix.
    zpath = os.path.join(root, "app.zip")
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr("__main__.py", MAIN)
        z.writestr("helper.py", "VALUE = 'from zip'\n")
    run(["app.zip", "arg"], root)
    os.rename(zpath, os.path.join(root, "program"))
    run(["program"], root)

    # No __main__ in a folder or a zip archive.
    os.mkdir(os.path.join(root, "empty"))
    run(["empty"], root)
    with zipfile.ZipFile(os.path.join(root, "nomain.zip"), "w") as z:
        z.writestr("other.py", "print('other')\n")
    run(["nomain.zip"], root)

    # A package in a zip archive on sys.path, run with -m (zipimport).
    with zipfile.ZipFile(os.path.join(root, "lib.zip"), "w") as z:
        z.writestr("zpkg/__init__.py", "")
        z.writestr("zpkg/__main__.py", "import sys\nprint('zpkg main', __name__, __spec__.name)\n")
        z.writestr("zpkg/mod.py", "print('zpkg.mod', __name__, type(__loader__).__name__)\n")
    env = dict(os.environ, PYTHONPATH=os.path.join(root, "lib.zip"))
    for args in (["-m", "zpkg"], ["-m", "zpkg.mod"]):
        p = subprocess.run([sys.executable, *args], capture_output=True, cwd=root, env=env)
        print(args, "rc", p.returncode, p.stdout.decode().splitlines(), p.stderr.decode())

    # -m with a package, in option groups; -I leaves the current folder out.
    pkg = os.path.join(root, "pkg")
    os.mkdir(pkg)
    with open(os.path.join(pkg, "__init__.py"), "w") as f:
        f.write("")
    with open(os.path.join(pkg, "__main__.py"), "w") as f:
        f.write("import sys\nprint('pkg main', __spec__.name, sys.argv, sys.path[0])\n")
    run(["-m", "pkg", "a"], root)
    run(["-sm", "pkg"], root)
    run(["-mpkg"], root)
    run(["-m", "pkg.__main__"], root)
    run(["-Im", "pkg"], root)
    run(["-m", "nosuchmodule"], root)
    run(["-m", "helper.py"], app)
    run(["-c", "import sys; print(sys.argv, sys.path[0])", "z"], root)
    run(["-Pc", "import sys; print(sys.argv, '' in sys.path)"], root)
    # A package with nothing to run.
    os.mkdir(os.path.join(root, "bare"))
    with open(os.path.join(root, "bare", "__init__.py"), "w") as f:
        f.write("")
    run(["-m", "bare"], root)

    # A .pyc compiled with py_compile, run as a script and as a folder's main.
    src = os.path.join(root, "script.py")
    with open(src, "w") as f:
        f.write("import sys\nprint('compiled', sys.argv[1:])\n")
    py_compile.compile(src, cfile=os.path.join(root, "script.pyc"), doraise=True)
    run(["script.pyc", "1", "2"], root)
