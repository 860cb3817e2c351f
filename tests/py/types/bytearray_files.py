# binary files: write bytes-like objects, readinto a bytearray or a view of one
path = "/tmp/pvm_test_readinto.bin"
with open(path, "wb") as f:
    print(f.write(bytearray(b"hello ")), f.write(memoryview(b"world!")[:5]), f.write(memoryview(b"xyz").cast("c")))
buf = bytearray(4)
with open(path, "rb") as f:
    print(f.readinto(buf), buf, f.readinto(memoryview(buf)[1:3]), buf, f.read())
    print(f.readinto(buf), buf)
    for bad in (b"abcd", "text", 5, memoryview(b"ro")):
        try:
            f.readinto(bad)
        except TypeError as e:
            print(type(e).__name__, e)
with open(path) as f:
    try:
        f.readinto(buf)
    except AttributeError as e:
        print(type(e).__name__, e)
with open(path, "wb") as f:
    try:
        f.write("s")
    except TypeError as e:
        print(type(e).__name__, e)
