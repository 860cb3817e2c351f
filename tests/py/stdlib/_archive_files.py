# Not a test (the runner skips names starting with "_"): the body shared by
# bz2_files.py and lzma_files.py.  run() writes, appends to, truncates and
# reads back a file through the module's open() / file class, then makes a
# tarfile and a zipfile with the same compression, in a temp dir.
import io
import os
import shutil
import tarfile
import tempfile
import zipfile

DATA = b''.join(b'line %d of the file\n' % i for i in range(5000))


def run(mod, file_class, ext, level_kw, tar_mode, zip_method):
    data = DATA
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, 'a.' + ext)
    with mod.open(path, 'wb', **level_kw) as f:
        f.write(data[:30000])
        f.write(data[30000:])
    with mod.open(path, 'rb') as f:
        print(f.read(10), f.readline(), len(f.read()))
    with mod.open(path, 'rt') as f:
        lines = f.readlines()
        print(len(lines), lines[-1])
    # append makes a multi-stream file
    with mod.open(path, 'ab') as f:
        f.write(b'appended\n')
    with file_class(path) as f:
        r = f.read()
        print(len(r), r[-18:])
    with file_class(path) as f:
        f.seek(40000)
        print(f.read(15), f.tell())
    # truncated file
    raw = open(path, 'rb').read()
    with open(path, 'wb') as f:
        f.write(raw[:-10])
    try:
        with mod.open(path) as f:
            f.read()
    except Exception as e:
        print(type(e).__name__, e)
    # in-memory file object
    buf = io.BytesIO()
    with file_class(buf, 'w') as f:
        f.write(b'in memory')
    buf.seek(0)
    print(file_class(buf).read())

    # tarfile
    src = os.path.join(tmp, 'src')
    os.mkdir(src)
    for i in range(3):
        with open(os.path.join(src, 'f%d.txt' % i), 'wb') as f:
            f.write(data[i * 100:(i + 1) * 5000])
    tpath = os.path.join(tmp, 't.tar.' + ext)
    with tarfile.open(tpath, tar_mode) as tf:
        for i in range(3):
            tf.add(os.path.join(src, 'f%d.txt' % i), arcname='f%d.txt' % i)
    with tarfile.open(tpath, 'r:*') as tf:
        for m in tf.getmembers():
            k = int(m.name[1])
            print(m.name, m.size, tf.extractfile(m).read() == data[k * 100:(k + 1) * 5000])

    # zipfile
    zpath = os.path.join(tmp, 'z.zip')
    with zipfile.ZipFile(zpath, 'w', compression=zip_method) as zf:
        zf.writestr('a.txt', data)
        zf.writestr('b.txt', b'small')
    with zipfile.ZipFile(zpath) as zf:
        for info in zf.infolist():
            print(info.filename, info.compress_type, info.file_size)
        print(zf.read('a.txt') == data, zf.read('b.txt'))
        print(zf.testzip())

    shutil.rmtree(tmp)
    print('done')
