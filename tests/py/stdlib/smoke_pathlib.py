# pathlib: pure path manipulation (parts, suffixes, joinpath, relative_to,
# with_*), PurePosix/PureWindows, and concrete Path I/O in a temp directory.
import os
import pathlib
import tempfile
from pathlib import Path, PurePosixPath, PureWindowsPath

p = PurePosixPath("/usr/local/lib/python3.11/site.tar.gz")
print(p.parts, p.name, p.stem, p.suffix, p.suffixes, p.parent, list(p.parents)[:2], p.anchor, p.root)
print(p.with_name("x.py"), p.with_suffix(".zip"), p.with_stem("other"), p.is_absolute(), p.relative_to("/usr"))
print(PurePosixPath("a") / "b" / "../c", PurePosixPath("a").joinpath("b", "/abs"), PurePosixPath("a//b/./c/"))
print(p.match("*.gz"), p.match("lib/*/*.gz"), p.match("/usr/*"), PurePosixPath("a/b").is_relative_to("a"))
print(repr(PurePosixPath("x/y")), str(PurePosixPath()), PurePosixPath("a") == PurePosixPath("a/"), PurePosixPath("a") < PurePosixPath("b"))
w = PureWindowsPath("C:\\Users\\Bob\\file.TXT")
print(w.parts, w.drive, w.root, w.anchor, w.name, w.suffix, w.as_posix(), w == PureWindowsPath("c:/users/bob/FILE.txt"))
print(PureWindowsPath("//server/share/dir").parts, PureWindowsPath("a") / "b", PurePosixPath("/a/b").as_uri())
try:
    PurePosixPath("/a/b").relative_to("/c")
except ValueError as e:
    print("ValueError:", e)
try:
    PurePosixPath("a").with_suffix("bad")
except ValueError as e:
    print("ValueError:", e)
base = Path(tempfile.mkdtemp())
try:
    (base / "d" / "e").mkdir(parents=True)
    f = base / "d" / "note.txt"
    print(f.write_text("line1\nline2\n"), f.read_text().splitlines(), f.exists(), f.is_file(), f.is_dir())
    (base / "data.bin").write_bytes(b"\x00\x01")
    print((base / "data.bin").read_bytes(), (base / "data.bin").stat().st_size, f.suffix)
    print(sorted(x.relative_to(base).as_posix() for x in base.iterdir()))
    print(sorted(x.relative_to(base).as_posix() for x in base.rglob("*")))
    print(sorted(x.name for x in base.glob("*/*.txt")), [x.name for x in base.glob("*.none")])
    with f.open("a") as fh:
        fh.write("line3\n")
    print(len(f.read_text().splitlines()), f.with_suffix(".md").exists())
    g = f.rename(base / "renamed.txt")
    print(g.name, f.exists(), g.exists(), g.resolve() == g, g.samefile(base / "renamed.txt"))
    (base / "link").symlink_to(g)
    print((base / "link").is_symlink(), (base / "link").read_text().startswith("line1"), os.readlink(base / "link") == str(g))
    (base / "empty").touch()
    (base / "empty").chmod(0o600)
    print(oct((base / "empty").stat().st_mode & 0o777), (base / "empty").stat().st_size)
    (base / "empty").unlink()
    (base / "empty").unlink(missing_ok=True)
    (base / "d" / "e").rmdir()
    print(sorted(x.name for x in base.iterdir()))
    try:
        (base / "missing.txt").read_text()
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno)
    try:
        (base / "d").mkdir()
    except FileExistsError as e:
        print("FileExistsError", e.errno)
finally:
    import shutil
    shutil.rmtree(base)
print(Path("a/b").parts, Path.cwd().is_absolute(), type(Path("x")).__name__, Path("~").expanduser().is_absolute())
print(os.fspath(Path("x/y")), Path("x") / Path("y"), Path("x.py").with_suffix(""), pathlib.PurePath("p").__class__.__name__)
