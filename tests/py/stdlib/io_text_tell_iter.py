# TextIOWrapper: tell() is refused while iterating, until a seek or the end.
import io
t = io.TextIOWrapper(io.BytesIO(b'a\nb\n'), encoding='utf-8')
next(t)
try: t.tell()
except Exception as e: print(type(e).__name__, e)
try: t.seek(0, 1)
except Exception as e: print(type(e).__name__, e)
t.seek(0)
try: print(t.tell())
except Exception as e: print(type(e).__name__, e)
print(t.readline())
try: print(t.tell())
except Exception as e: print(type(e).__name__, e)
for l in t: pass
print(t.tell())
