# A buffered reader/writer asked for an impossible buffer size raises
# MemoryError instead of asking malloc for it (sanitizer builds abort on
# such requests).
import io
import sys

for cls in (io.BufferedReader, io.BufferedWriter):
    try:
        cls(io.BytesIO(), sys.maxsize)
        print(cls.__name__, "made")
    except (MemoryError, OverflowError, ValueError) as e:
        print(cls.__name__, type(e).__name__)
print(io.BufferedReader(io.BytesIO(b"abc"), 16).read())
