# OSError's filename(s) and ImportError's name/path survive __reduce__,
# copy and pickle.
import copy
import pickle

cases = [
    OSError('foo', 'bar', 'baz'),
    OSError(2, 'No such file', 'a.txt'),
    OSError(2, 'No such file', 'a.txt', None, 'b.txt'),
    OSError(1, 'x'),
    OSError('only'),
    ImportError('m', name='n', path='p'),
    ImportError('m', name='n'),
    ImportError('m'),
    ModuleNotFoundError('no mod', name='zz'),
]
for e in cases:
    print(e.__reduce__())
    for c in [copy.copy(e)] + [pickle.loads(pickle.dumps(e, p)) for p in range(pickle.HIGHEST_PROTOCOL + 1)]:
        if isinstance(e, OSError):
            got = (type(c).__name__, c.args, c.errno, c.strerror, c.filename, c.filename2)
        else:
            got = (type(c).__name__, c.args, c.msg, c.name, c.path)
        print(' ', got)
e = ImportError('m', name='n')
e.extra = 1
print(e.__reduce__())
