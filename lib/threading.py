"""Thread objects and synchronization primitives, built on pvm's _thread.

Why pvm has its own: the standard library's threading needs _thread
additions (_set_sentinel, _local, _excepthook), itertools, functools,
_weakrefset and collections; until pvm has them, this version (which the
tests and benchmarks use) stands in.  Retire it when the standard one runs.

pvm runs threads in parallel (there is no global interpreter lock), so every
primitive here is real mutual exclusion: Lock and RLock are native, and
Condition, Semaphore, Event, Barrier are built from them as in CPython's
documented semantics.
"""

import _thread
import sys as _sys
from time import monotonic as _time

__all__ = ['get_ident', 'get_native_id', 'active_count', 'Condition', 'current_thread',
           'enumerate', 'main_thread', 'TIMEOUT_MAX', 'Event', 'Lock', 'RLock', 'Semaphore',
           'BoundedSemaphore', 'Thread', 'Barrier', 'BrokenBarrierError', 'Timer',
           'ThreadError', 'ExceptHookArgs', 'setprofile', 'settrace', 'local', 'stack_size',
           'excepthook', 'gettrace', 'getprofile']

get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX
Lock = _thread.allocate_lock
_allocate_lock = _thread.allocate_lock
RLock = _thread.RLock


def stack_size(size=0):
    return _thread.stack_size(size)


def settrace(func):
    pass


def setprofile(func):
    pass


def gettrace():
    return None


def getprofile():
    return None


class Condition:
    """Waiting for a condition to become true, with a lock held around it."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _is_owned(self):
        owned = getattr(self._lock, '_is_owned', None)
        if owned is not None:
            return owned()
        # A plain lock: owned if we cannot take it right now.
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def _release_save(self):
        save = getattr(self._lock, '_release_save', None)
        if save is not None:
            return save()
        self._lock.release()
        return None

    def _acquire_restore(self, state):
        restore = getattr(self._lock, '_acquire_restore', None)
        if restore is not None:
            restore(state)
        else:
            self._lock.acquire()

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved = self._release_save()
        got = False
        try:
            if timeout is None:
                waiter.acquire()
                got = True
            elif timeout > 0:
                got = waiter.acquire(True, timeout)
            else:
                got = waiter.acquire(False)
            return got
        finally:
            self._acquire_restore(saved)
            if not got:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        end = None
        wait_time = timeout
        result = predicate()
        while not result:
            if wait_time is not None:
                if end is None:
                    end = _time() + wait_time
                else:
                    wait_time = end - _time()
                    if wait_time <= 0:
                        break
            self.wait(wait_time)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        woken = self._waiters[:n]
        del self._waiters[:n]
        for waiter in woken:
            waiter.release()

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


class Semaphore:
    """A counter with acquire (wait while zero, then decrement) and release."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        return "<%s at 0x%x: value=%d>" % (type(self).__qualname__, id(self), self._value)

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        end = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if end is None:
                        end = _time() + timeout
                    else:
                        timeout = end - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            self._value += n
            for _ in range(n):
                self._cond.notify()

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            for _ in range(n):
                self._cond.notify()


class Event:
    """A flag that threads can wait on until another thread sets it."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def __repr__(self):
        status = 'set' if self._flag else 'unset'
        return "<%s at 0x%x: %s>" % (type(self).__qualname__, id(self), status)

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """N threads wait until all N have called wait(), then all proceed."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0  # 0 filling, 1 draining, -1 resetting, -2 broken
        self._count = 0

    def __repr__(self):
        if self.broken:
            return "<%s at 0x%x: broken>" % (type(self).__qualname__, id(self))
        return "<%s at 0x%x: waiters=%d/%d>" % (type(self).__qualname__, id(self),
                                                self.n_waiting, self.parties)

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2


# ---- threads ------------------------------------------------------------------------

_counter = 0
_counter_lock = Lock()


def _newname(name_template="Thread-%d"):
    global _counter
    with _counter_lock:
        _counter += 1
        return name_template % _counter


_active_lock = Lock()
_active = {}      # ident -> Thread, for started threads that have not ended
_limbo = {}       # Thread -> Thread, started but not yet running
_shutdown_locks = set()  # the _tstate_lock of every non-daemon live thread


class _ExceptHookArgs:
    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread


def ExceptHookArgs(args):
    return _ExceptHookArgs(*args)


def excepthook(args):
    """Default handler of exceptions escaping Thread.run(): print them."""
    if args.exc_type is SystemExit:
        return
    stderr = _sys.stderr
    if stderr is None:
        return
    if args.thread is not None:
        name = args.thread.name
    else:
        name = get_ident()
    stderr.write("Exception in thread %s:\n" % name)
    stderr.flush()
    _print_exception(args.exc_value)
    stderr.flush()


def _print_exception(exc):
    import _pvm
    _pvm.print_exception(exc)


__excepthook__ = excepthook


class Thread:
    """A thread of control: subclass with run(), or pass a target."""

    _initialized = False

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                tname = getattr(target, '__name__', None)
                if tname is not None:
                    name += " (%s)" % tname
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._ident = None
        self._native_id = None
        self._tstate_lock = None
        self._started = Event()
        self._is_stopped = False
        self._initialized = True
        self._stderr = _sys.stderr
        self._invoke_excepthook = excepthook

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started.is_set():
            status = "started"
        self.is_alive()
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (type(self).__name__, self._name, status)

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        with _active_lock:
            _limbo[self] = self
        try:
            _thread.start_new_thread(self._bootstrap, ())
        except Exception:
            with _active_lock:
                del _limbo[self]
            raise
        self._started.wait()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def _bootstrap(self):
        try:
            self._ident = get_ident()
            self._native_id = get_native_id()
            self._tstate_lock = _allocate_lock()
            self._tstate_lock.acquire()
            with _active_lock:
                _active[self._ident] = self
                del _limbo[self]
                if not self._daemonic:
                    _shutdown_locks.add(self._tstate_lock)
            self._started.set()
            try:
                self.run()
            except BaseException as exc:
                self._invoke_excepthook(_ExceptHookArgs(type(exc), exc, exc.__traceback__,
                                                        self))
        finally:
            with _active_lock:
                _active.pop(get_ident(), None)
                _shutdown_locks.discard(self._tstate_lock)
            # This thread's threading.local values go before join() returns.
            _thread._run_exit_hooks()
            self._is_stopped = True
            self._tstate_lock.release()

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        lock = self._tstate_lock
        if lock is None:
            return
        if timeout is None:
            if lock.acquire():
                lock.release()
        elif timeout > 0:
            if lock.acquire(True, timeout):
                lock.release()
        else:
            if lock.acquire(False):
                lock.release()

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._native_id

    def is_alive(self):
        if self._is_stopped or not self._started.is_set():
            return False
        return True

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self.daemon

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self.name

    def setName(self, name):
        self.name = name


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    """A thread started outside this module (e.g. by _thread directly)."""

    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_lock:
            _active[self._ident] = self

    def is_alive(self):
        return True

    def join(self, timeout=None):
        raise RuntimeError("cannot join a dummy thread")


class Timer(Thread):
    """Calls a function after a number of seconds, unless cancelled."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


def current_thread():
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


currentThread = current_thread


def active_count():
    with _active_lock:
        return len(_active) + len(_limbo)


activeCount = active_count


def enumerate():
    with _active_lock:
        return list(_active.values()) + list(_limbo.values())


def main_thread():
    return _main_thread


_main_thread = _MainThread()


_atexit_calls = []


def _register_atexit(func, *args, **kwargs):
    """Runs func(*args, **kwargs) at exit, before non-daemon threads are joined."""
    _atexit_calls.append((func, args, kwargs))


def _shutdown():
    """Called by the VM at exit: wait for every non-daemon thread."""
    for func, args, kwargs in reversed(_atexit_calls):
        func(*args, **kwargs)
    _main_thread._is_stopped = True
    while True:
        with _active_lock:
            locks = list(_shutdown_locks)
        if not locks:
            break
        for lock in locks:
            lock.acquire()
            lock.release()
            with _active_lock:
                _shutdown_locks.discard(lock)


class local:
    """Attributes stored per thread: each thread sees its own values.

    The storage is keyed by a serial number that no other thread ever gets
    (OS idents are reused) and a thread's values are dropped when it ends.
    A subclass's __init__ runs, with the constructor's arguments, in each
    thread that first touches the object; it need not call local.__init__.
    """

    def __new__(cls, *args, **kw):
        if (args or kw) and cls.__init__ is local.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, '_local__dicts', {})
        object.__setattr__(self, '_local__args', (args, kw))
        # The creating thread's storage: its __init__ runs from this call.
        local._local__create(self)
        return self

    def __init__(self, *args, **kw):
        pass

    def _local__create(self):
        dicts = object.__getattribute__(self, '_local__dicts')
        key = _thread._local_serial()
        d = {}
        dicts[key] = d
        _thread._at_thread_exit(lambda: dicts.pop(key, None))
        return d

    def _local__mine(self):
        dicts = object.__getattribute__(self, '_local__dicts')
        d = dicts.get(_thread._local_serial())
        if d is None:
            d = local._local__create(self)
            args, kw = object.__getattribute__(self, '_local__args')
            init = type(self).__init__
            if init is not local.__init__:
                init(self, *args, **kw)
        return d

    def __getattribute__(self, name):
        if name in ('__dict__',):
            return local._local__mine(self)
        if name.startswith('_local__') or name == '__class__':
            return object.__getattribute__(self, name)
        d = local._local__mine(self)
        if name in d:
            return d[name]
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name == '__dict__':
            cls = type(self)
            raise AttributeError("%r object attribute '__dict__' is read-only"
                                 % ('_thread._local' if cls is local else cls.__name__))
        local._local__mine(self)[name] = value

    def __delattr__(self, name):
        d = local._local__mine(self)
        try:
            del d[name]
        except KeyError:
            raise AttributeError(name) from None
