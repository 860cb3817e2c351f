"""_thread._local: per-thread attributes (threading.local), in Python.

The _thread module (threads/thread_module.c) gives this class as its
`_local` attribute (a module __getattr__ imports this module on first use);
CPython's threading.py then uses it as threading.local.  It rests on two
_thread helpers: _local_serial() (a number no other thread of the process
ever gets: OS idents are reused) and _at_thread_exit(callback) (run when
the thread ends, so a thread's values are dropped with it).  A value store
is one dict per thread, in a dict keyed by that serial; the exit callback
holds a weak reference to that dict of dicts, not the local object, so a
local is freed as soon as it is unreachable (cycles through its values
included).
"""

import _thread
from _weakref import ref as _ref


class _Dicts(dict):
    """A local's per-thread dicts, keyed by _local_serial(); weakly
    referenced by the thread-exit callbacks, so that a thread that lives on
    does not keep a dead local's values (or a cycle through them) alive."""
    __slots__ = ('__weakref__',)


class _local:
    """Attributes stored per thread: each thread sees its own values.

    The storage is keyed by a serial number that no other thread ever gets
    (OS idents are reused) and a thread's values are dropped when it ends.
    A subclass's __init__ runs, with the constructor's arguments, in each
    thread that first touches the object; it need not call local.__init__.
    """

    def __new__(cls, *args, **kw):
        if (args or kw) and cls.__init__ is _local.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, '_local__dicts', _Dicts())
        object.__setattr__(self, '_local__args', (args, kw))
        # The creating thread's storage: its __init__ runs from this call.
        _local._local__create(self)
        return self

    def __init__(self, *args, **kw):
        pass

    def _local__create(self):
        dicts = object.__getattribute__(self, '_local__dicts')
        key = _thread._local_serial()
        d = {}
        dicts[key] = d
        wr = _ref(dicts)

        def drop():
            ds = wr()
            if ds is not None:
                ds.pop(key, None)
        _thread._at_thread_exit(drop)
        return d

    def _local__mine(self):
        dicts = object.__getattribute__(self, '_local__dicts')
        d = dicts.get(_thread._local_serial())
        if d is None:
            d = _local._local__create(self)
            args, kw = object.__getattribute__(self, '_local__args')
            init = type(self).__init__
            if init is not _local.__init__:
                init(self, *args, **kw)
        return d

    def __getattribute__(self, name):
        if name in ('__dict__',):
            return _local._local__mine(self)
        if name.startswith('_local__') or name == '__class__':
            return object.__getattribute__(self, name)
        d = _local._local__mine(self)
        if name in d:
            return d[name]
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name == '__dict__':
            cls = type(self)
            raise AttributeError("%r object attribute '__dict__' is read-only"
                                 % ('_thread._local' if cls is _local else cls.__name__))
        _local._local__mine(self)[name] = value

    def __delattr__(self, name):
        d = _local._local__mine(self)
        try:
            del d[name]
        except KeyError:
            raise AttributeError(name) from None


_local.__module__ = '_thread'
