# lzma.open / LZMAFile and tarfile / zipfile with xz and lzma, in a temp dir
# (the body is _archive_files.run, shared with bz2_files.py), then
# FORMAT_ALONE files and a check.
import lzma
import os
import shutil
import tempfile
import zipfile

import _archive_files

_archive_files.run(lzma, lzma.LZMAFile, 'xz', {'preset': 3}, 'w:xz', zipfile.ZIP_LZMA)
data = _archive_files.DATA

# FORMAT_ALONE files and a check
tmp = tempfile.mkdtemp()
p = os.path.join(tmp, 'b.lzma')
with lzma.open(p, 'wb', format=lzma.FORMAT_ALONE) as f:
    f.write(data)
with lzma.open(p, 'rb', format=lzma.FORMAT_ALONE) as f:
    print(f.read() == data)
with lzma.open(p, 'w', check=lzma.CHECK_CRC32) as f:
    f.write(b'crc32')
with lzma.open(p) as f:
    print(f.read())
try:
    print(lzma.open(p, 'rb', format=lzma.FORMAT_ALONE).read())
except Exception as e:
    print(type(e).__name__, e)
shutil.rmtree(tmp)
