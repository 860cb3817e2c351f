# sqlite3.Blob (Connection.blobopen): read, write, seek, tell, len,
# indexing and slicing, the context manager, errors.
import sqlite3

def t(f):
    try:
        print("ok", repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

con = sqlite3.connect(":memory:")
con.execute("create table t(b blob)")
con.execute("insert into t values (?)", (b"0123456789abcdef",))
blob = con.blobopen("t", "b", 1)
print(type(blob).__name__, len(blob), blob.tell())
print(blob.read(4), blob.tell(), blob.read(), blob.tell(), blob.read())
blob.seek(2)
print(blob.read(3))
blob.seek(-2, 2)
print(blob.read())
blob.seek(-4, 1)
print(blob.tell())
blob.seek(0)
blob.write(b"AB")
print(blob.tell(), con.execute("select b from t").fetchone()[0])
print(blob[0], blob[-1], blob[2:5], blob[::4], blob[5:2], blob[-3:])
blob[0] = ord("z")
blob[1:3] = b"yx"
blob[10::2] = b"QRS"
print(con.execute("select b from t").fetchone()[0])
for f in (lambda: blob[16], lambda: blob[-17], lambda: blob[1.5], lambda: blob[2**64],
          lambda: blob.__setitem__(0, 256), lambda: blob.__setitem__(0, b"x"),
          lambda: blob.__setitem__(slice(0, 3), b"x"), lambda: blob.__delitem__(0),
          lambda: blob.__delitem__(slice(0, 1)), lambda: blob.__setitem__("a", 1),
          lambda: blob.seek(100), lambda: blob.seek(-1), lambda: blob.seek(0, 3),
          lambda: blob.seek(2**31 - 1, 1) if blob.seek(1) is None else None,
          lambda: blob.write(b"x" * 100), lambda: blob.write("s"), lambda: blob + blob,
          lambda: b"a" in blob, lambda: blob.read("x")):
    t(f)
ro = con.blobopen("t", "b", 1, readonly=True)
t(lambda: ro.write(b"a"))
ro.close()
for args, kw in ((("t", "b", 2), {}), (("nosuch", "b", 1), {}), (("t", "x", 1), {}),
                 (("t", "b", 1), {"name": "nosuch"}), ((1, "b", 1), {})):
    t(lambda: con.blobopen(*args, **kw))
with con.blobopen("t", "b", 1) as b2:
    print(b2.read(3))
for f in (b2.read, b2.tell, lambda: len(b2), lambda: b2[0], lambda: b2.__enter__(),
          lambda: b2.seek(0), lambda: b2.write(b"")):
    t(f)
b2.close()
con.execute("update t set b = 'other' where rowid = 1")
t(lambda: blob.read())
t(lambda: blob[0])
blob.close()
blob3 = con.blobopen("t", "b", 1)
con.close()
t(lambda: blob3.read())
t(lambda: sqlite3.Blob())
