# zlib's int and size arguments report overflow as CPython's Argument
# Clinic converters do ("C int" / "C ssize_t"), as do bz2's and lzma's.
import bz2
import lzma
import zlib

cases = [
    ("decompressobj().decompress max_length 2**70", lambda: zlib.decompressobj().decompress(b'', 2**70)),
    ("decompressobj().decompress max_length 2**63", lambda: zlib.decompressobj().decompress(b'', 2**63)),
    ("decompressobj().decompress max_length -2**70", lambda: zlib.decompressobj().decompress(b'', -2**70)),
    ("decompress bufsize 2**64", lambda: zlib.decompress(b'', bufsize=2**64)),
    ("decompressobj().flush 2**64", lambda: zlib.decompressobj().flush(2**64)),
    ("compress level 2**40", lambda: zlib.compress(b'', 2**40)),
    ("compress level -2**40", lambda: zlib.compress(b'', -2**40)),
    ("compress wbits 2**31", lambda: zlib.compress(b'', 6, 2**31)),
    ("compressobj memLevel 2**35", lambda: zlib.compressobj(memLevel=2**35)),
    ("decompressobj wbits 2**100", lambda: zlib.decompressobj(2**100)),
    ("compressobj().flush 2**33", lambda: zlib.compressobj().flush(2**33)),
    ("decompress max_length float", lambda: zlib.decompressobj().decompress(b'', 1.5)),
    ("compress level float", lambda: zlib.compress(b'', 1.5)),
    ("LZMACompressor format 2**40", lambda: lzma.LZMACompressor(2**40)),
    ("is_check_supported 2**40", lambda: lzma.is_check_supported(2**40)),
    ("BZ2Compressor 2**40", lambda: bz2.BZ2Compressor(2**40)),
    ("BZ2Decompressor max_length 2**64", lambda: bz2.BZ2Decompressor().decompress(b'', 2**64)),
    ("LZMADecompressor max_length 2**64", lambda: lzma.LZMADecompressor().decompress(b'', 2**64)),
]
for name, f in cases:
    try:
        r = f()
        print(name, type(r).__name__)
    except Exception as e:
        print(name, type(e).__name__, e)
