# zipfile: write (stored and deflated, writestr, mkdir-like entries),
# read back (namelist, infolist, ZipInfo fields, read/open, extractall),
# append mode, in-memory archives, zipfile.Path, testzip, errors.
import io
import os
import shutil
import tempfile
import zipfile

d = tempfile.mkdtemp()
os.chdir(d)
with open("plain.txt", "w") as f:
    f.write("hello zip\n" * 50)
fixed = (2024, 1, 2, 3, 4, 6)
with zipfile.ZipFile("a.zip", "w", compression=zipfile.ZIP_DEFLATED) as z:
    z.write("plain.txt")
    z.write("plain.txt", arcname="dir/renamed.txt", compress_type=zipfile.ZIP_STORED)
    zi = zipfile.ZipInfo("meta/info.json", date_time=fixed)
    zi.external_attr = 0o644 << 16
    z.writestr(zi, '{"k": 1}')
    z.writestr("empty/", "")
    z.comment = b"archive comment"
with zipfile.ZipFile("a.zip") as z:
    print(z.namelist(), z.comment, z.testzip())
    for info in z.infolist():
        print(info.filename, info.file_size, info.compress_type, info.is_dir(), info.CRC, oct(info.external_attr >> 16) if info.filename.startswith("meta") else "")
    print(z.getinfo("meta/info.json").date_time, z.read("meta/info.json"))
    with z.open("dir/renamed.txt") as fh:
        print(fh.readline(), fh.read(5), fh.seekable())
    z.extractall("out")
print(sorted(os.path.relpath(os.path.join(r, f), "out") for r, _, fs in os.walk("out") for f in fs))
with zipfile.ZipFile("a.zip", "a") as z:
    z.writestr("added.txt", b"appended")
with zipfile.ZipFile("a.zip") as z:
    print(len(z.namelist()), z.read("added.txt"))
    p = zipfile.Path(z)
    print(sorted(x.name for x in p.iterdir()), (p / "meta" / "info.json").read_text(), (p / "dir").is_dir())
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr(zipfile.ZipInfo("x.txt", fixed), "x" * 1000)
data = buf.getvalue()
print(zipfile.is_zipfile(io.BytesIO(data)), zipfile.is_zipfile(io.BytesIO(b"not a zip")), len(data))
with zipfile.ZipFile(io.BytesIO(data)) as z:
    i = z.infolist()[0]
    print(i.compress_size, i.file_size, z.read("x.txt") == b"x" * 1000)
for bad in (lambda: zipfile.ZipFile(io.BytesIO(b"garbage")), lambda: zipfile.ZipFile("a.zip").read("missing"),
            lambda: zipfile.ZipFile("nope.zip"), lambda: zipfile.ZipFile("a.zip", "q"),
            lambda: zipfile.ZipInfo("t", (1970, 1, 1, 0, 0, 0))):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__ + ":", e)
corrupt = bytearray(data)
corrupt[40] ^= 0xFF
try:
    with zipfile.ZipFile(io.BytesIO(bytes(corrupt))) as z:
        z.read("x.txt")
except (zipfile.BadZipFile, Exception) as e:
    print("corrupt:", type(e).__name__)
print(zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, issubclass(zipfile.BadZipFile, Exception))
os.chdir("/")
shutil.rmtree(d)
