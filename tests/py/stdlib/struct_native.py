import _struct as struct
def t(f,*a):
  try: print(f.__name__, a, f(*a))
  except Exception as e: print(f.__name__, a, type(e).__name__, e)
t(struct.pack,"@I",2**32); t(struct.pack,"<I",2**32); t(struct.pack,">H",65536); t(struct.pack,"<L",2**32);t(struct.pack,"<Q",2**64);t(struct.pack,"q",2**63);t(struct.pack,">Q",2**63)
t(struct.pack,"e",1e6); t(struct.pack,"e", 65504.0); t(struct.pack,"e", 65520.0); t(struct.pack,"f",1e39); t(struct.pack,"d",1e308); t(struct.pack,"f","x"); t(struct.pack,"d", 3); t(struct.pack,"e", None); t(struct.pack,"f",float("inf")); t(struct.pack,"f", float("nan"))
t(struct.pack,"c",b"ab"); t(struct.pack,"c","a"); t(struct.pack,"c",bytearray(b"a")); t(struct.pack,"c", 1); t(struct.pack,"3s", "abc"); t(struct.pack,"3s", b"abcdef"); t(struct.pack,"3s", bytearray(b"a")); t(struct.pack,"3p", b"abcdef"); t(struct.pack,"p", b"x"); t(struct.pack,"0p", b"x"); t(struct.pack,"300p", b"x"*300)
t(struct.pack,"P", -1); t(struct.pack,"P", 2**64); t(struct.pack,"P", 5); t(struct.pack,"<P", 5); t(struct.pack,"<n", 5); t(struct.pack,"?", []); t(struct.pack,"?", [1]); t(struct.pack,"x"); t(struct.pack,"3x"); t(struct.pack,"ii", 1); t(struct.pack,"i", 1, 2); t(struct.pack,"i"); t(struct.pack,"Z", 1); t(struct.pack,"3"); t(struct.pack,"i 3 i", 1, 2); t(struct.pack,"<3 i", 1,2,3); t(struct.pack,"b", True); t(struct.pack,"i", 2.0)
class I:
  def __index__(self): return 7
  def __repr__(self): return "I()"
t(struct.pack,"i", I()); t(struct.pack,"d", I()); t(struct.pack,"Q", I())
t(struct.pack,"@q", -1); t(struct.pack,"=q", -1); t(struct.pack,"!h", 1)
for f in ["ci", "ic", "bq", "@hq", "=hq", "<qh", "xi", "3si", "0i", "c0i", "i0s", "@dh", "P", "e", "5?", "!", "", "  ", " i", "i ", "cP", "Qb3xP", "i\ti", b"<ih", "99999999999999999999i", "1000000000000000000q"]:
  try: print(repr(f), struct.calcsize(f))
  except Exception as e: print(repr(f), type(e).__name__, e)
for f in [1, None, "é", b"\xff", "Z", "2", "<n"]:
  try: struct.calcsize(f)
  except Exception as e: print(repr(f), type(e).__name__, e)
for p in "@=<>!":
  for c in "bBhHiIlLqQnNP?efd":
    try:
      fmt = p + "3" + c
      vals = {"?": (True, False, 2), "e": (1.5, -0.0, 65504.0), "f": (1.5, -2.25, 1e30), "d": (1e300, -0.1, 5)}.get(c, (0, 1, 100))
      b = struct.pack(fmt, *vals)
      print(fmt, b, struct.unpack(fmt, b))
    except Exception as e: print(fmt, type(e).__name__, e)
for v in [1e-8, 6e-8, 3e-5, 0.1, 1/3, 2049.0, 2051.0, 65519.0, -65519.0, float("inf"), float("-inf"), 5e-324, 2**-24, 2**-25, 1.5*2**-25]:
  b = struct.pack("<e", v); print(v, b, struct.unpack("<e", b), struct.unpack(">e", b))
for b in [b"\x00\x7c", b"\x00\xfc", b"\x01\x00", b"\xff\x03", b"\x00\x04"]:
  print(b, struct.unpack("<e", b))
print(struct.unpack("<e", b"\x01\x7c")[0] != struct.unpack("<e", b"\x01\x7c")[0])
t(struct.unpack,"i",b"abc"); t(struct.unpack_from,"i",b"abcdefghij",8); t(struct.unpack_from,"i",b"abcdefghij",-11);t(struct.unpack_from,"i",b"abcdefghij",-2); t(struct.unpack_from,"i",b"abc"); t(struct.unpack_from,"<h",b"abcdefghij",-4)
t(struct.iter_unpack,"i",b"abcde"); t(struct.iter_unpack,"",b"abcde");
ba=bytearray(8); t(struct.pack_into,"i",ba,6,1); t(struct.pack_into,"i",ba,-20,1); t(struct.pack_into,"i",b"12345678",0,1); t(struct.pack_into,"i",ba); t(struct.pack_into,"i"); t(struct.pack_into,"i",ba,0); t(struct.pack_into,"i",ba,-4,1); print(ba)
t(struct.pack_into,"i",ba,-2,1); t(struct.pack_into,"<h",ba,1,-2); print(ba); t(struct.pack_into, "i", 5, 0, 1)
t(struct.pack); t(struct.unpack, "i"); t(struct.unpack, "i", "abcd"); print(struct.unpack_from("<h", b"abcd", offset=2), struct.unpack_from("<h", buffer=b"abcd"))
t(struct.pack,"<f",1e39); t(struct.pack,">f",-1e39); t(struct.unpack,"<e",b"\x00\x7c"); t(struct.unpack, "<e", b"\x01\x00")
s=struct.Struct("<ih"); print(s.format, s.size, s.pack(1,2), s.unpack(s.pack(1,2)), s.unpack_from(b"xx" + s.pack(3, 4), 2), list(s.iter_unpack(s.pack(5, 6) * 2)))
print(struct.Struct(b"i").format)
ba = bytearray(8); s.pack_into(ba, 1, 7, 8); print(ba)
it=struct.iter_unpack("<h",b"\x01\x00\x02\x00"); print(it.__length_hint__(), list(it))
t(struct.Struct); t(struct.Struct, "i", "x"); print(struct.error.__module__, struct.Struct.__name__, issubclass(struct.error, Exception))
t(struct.unpack, "3p", b"\x05ab"); t(struct.unpack, "?", b"\x02"); t(struct.unpack, ">q", b"\xff"*8); t(struct.unpack, "P", b"\xff"*8)
t(struct.unpack, "<i", bytearray(b"abcd")); print(struct.unpack("<i", memoryview(b"abcd"))); t(struct.unpack, "c3s", b"abcd")
class S(struct.Struct): pass
print(S("<h").pack(3), isinstance(S("b"), struct.Struct))
for p in "<>!=@":
  for c in "bBhHiIlLqQn":
    for v in [2**70, -2**70, -1, 2**64, 2**40, -2**40, 2**31, 70000, 300, -200]:
      try: struct.pack(p+c, v)
      except Exception as e: print(p, c, v, type(e).__name__, e)
