# bz2.open / BZ2File and tarfile / zipfile with bzip2, in a temp dir
# (the body is _archive_files.run, shared with lzma_files.py).
import bz2
import zipfile

import _archive_files

_archive_files.run(bz2, bz2.BZ2File, 'bz2', {'compresslevel': 3}, 'w:bz2', zipfile.ZIP_BZIP2)
