# base64: standard, URL-safe, base32/base32hex, base16, base85/a85,
# encodebytes, validation and padding errors.
import base64
import binascii

data = b"hello, world\x00\xff\xfe"
for name in ("b64", "urlsafe_b64", "b32", "b32hex", "b16", "b85", "a85"):
    enc = getattr(base64, name + "encode")(data)
    dec = getattr(base64, name + "decode")(enc)
    print(name, enc, dec == data)
print(base64.b64encode(b"a"), base64.b64encode(b"ab"), base64.b64encode(b"abc"), base64.b64encode(b""))
print(base64.b64encode(b"\xfb\xff", altchars=b"-_"), base64.b64decode("+/8="), base64.b64decode(b"-_8=", altchars=b"-_"))
print(base64.b64decode(b"aGk=\n"), base64.b64decode("aGk"[:3] + "="), base64.standard_b64encode(b"x"))
print(base64.encodebytes(b"x" * 60), base64.decodebytes(b"eHh4\n"))
print(base64.a85encode(b"\x00\x00\x00\x00 ok", foldspaces=True), base64.a85encode(b"hi", adobe=True), base64.a85decode(b"<~BOu!rD]j7BEbo7~>", adobe=True))
print(base64.b32encode(b"abcde"), base64.b32decode(b"me======", casefold=True), base64.b16decode(b"ff", casefold=True))
print(base64.b32decode(b"ME======".replace(b"E", b"E"), map01=None), base64.b85encode(b"abc", pad=True))


def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e, isinstance(e, ValueError))


err(lambda: base64.b64decode(b"abc"))
err(lambda: base64.b64decode(b"ab$c", validate=True))
err(lambda: base64.b64decode(b"ab$c=="))
err(lambda: base64.b32decode(b"abc"))
err(lambda: base64.b16decode(b"fg"))
err(lambda: base64.b85decode(b"~~~"))
err(lambda: base64.b64encode("text"))
err(lambda: base64.a85decode(b"z!"))
print(binascii.Error.__mro__[1].__name__, base64.b64decode("YQ==") == b"a")
import io
src, dst = io.BytesIO(b"stream data " * 10), io.BytesIO()
base64.encode(src, dst)
print(dst.getvalue())
back = io.BytesIO()
base64.decode(io.BytesIO(dst.getvalue()), back)
print(back.getvalue() == b"stream data " * 10)
