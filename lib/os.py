"""Operating-system services (the parts pvm provides), over the native _os.

Why pvm has its own: the standard library's os.py starts with `from posix
import *` and imports abc (which needs _abc or _weakref); pvm's native module
is _os, a subset of posix.  Delete this file once modules/ has posix (and
_abc or _weakref): the standard library's os then imports as is.  os.path is
the standard library's posixpath, which works over this module.
"""

import sys
from _os import *
from _os import environ, stat_result
import posixpath as path

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'

sys.modules['os.path'] = path


def getenv(key, default=None):
    return environ.get(key, default)


def makedirs(name, mode=0o777, exist_ok=False):
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def walk(top, topdown=True, onerror=None, followlinks=False):
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs, nondirs = [], []
    for n in names:
        (dirs if path.isdir(path.join(top, n)) else nondirs).append(n)
    if topdown:
        yield top, dirs, nondirs
    for d in dirs:
        new = path.join(top, d)
        if followlinks or not path.islink(new):
            yield from walk(new, topdown, onerror, followlinks)
    if not topdown:
        yield top, dirs, nondirs


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    f = getattr(type(p), "__fspath__", None)
    if f is not None:
        r = f(p)
        if isinstance(r, (str, bytes)):
            return r
        raise TypeError("expected {}.__fspath__() to return str or bytes, not {}".format(
            type(p).__name__, type(r).__name__))
    raise TypeError("expected str, bytes or os.PathLike object, not " + type(p).__name__)


def fsencode(filename):
    filename = fspath(filename)
    return filename.encode("utf-8", "surrogateescape") if isinstance(filename, str) else filename


def fsdecode(filename):
    filename = fspath(filename)
    return filename.decode("utf-8", "surrogateescape") if isinstance(filename, bytes) else filename


class PathLike:
    """The protocol of objects with a file system path (__fspath__).  A base
    class only: isinstance() by __fspath__ needs abc.ABCMeta (not yet)."""

    def __fspath__(self):
        raise NotImplementedError
