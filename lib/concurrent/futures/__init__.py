"""Futures and a thread-pool executor (the thread half of concurrent.futures).

Why pvm has its own: see lib/concurrent/__init__.py.  __path__ also holds
the standard library's concurrent/futures directory, so its submodules
(_base, thread, process) are found there.
"""

import sys as _sys
import threading
import queue as _queue

__path__.append(_sys._stdlib_dir + "/concurrent/futures")
import time as _time

__all__ = ['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED', 'CancelledError',
           'TimeoutError', 'InvalidStateError', 'BrokenExecutor', 'Future', 'Executor',
           'wait', 'as_completed', 'ThreadPoolExecutor']

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

_PENDING = 'PENDING'
_RUNNING = 'RUNNING'
_CANCELLED = 'CANCELLED'
_CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
_FINISHED = 'FINISHED'


class Error(Exception):
    pass


class CancelledError(Error):
    pass


TimeoutError = TimeoutError


class InvalidStateError(Error):
    pass


class BrokenExecutor(RuntimeError):
    pass


class Future:
    """The result of a call that may not have finished yet."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception:
                    return '<Future at 0x%x state=finished raised %s>' % (
                        id(self), type(self._exception).__name__)
                return '<Future at 0x%x state=finished returned %s>' % (
                    id(self), type(self._result).__name__)
            return '<Future at 0x%x state=%s>' % (id(self), self._state.lower())

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception as exc:
                import sys
                sys.stderr.write('exception calling callback for %r: %r\n' % (self, exc))

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._notify_waiters()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED)

    def running(self):
        with self._condition:
            return self._state == _RUNNING

    def done(self):
        with self._condition:
            return self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED)

    def _get_result(self):
        if self._exception:
            raise self._exception
        return self._result

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception as exc:
            import sys
            sys.stderr.write('exception calling callback for %r: %r\n' % (self, exc))

    def result(self, timeout=None):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            self._condition.wait(timeout)
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            raise TimeoutError()

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                self._state = _CANCELLED_AND_NOTIFIED
                return False
            if self._state == _PENDING:
                self._state = _RUNNING
                return True
            raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._result = result
            self._state = _FINISHED
            self._condition.notify_all()
        self._notify_waiters()
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._exception = exception
            self._state = _FINISHED
            self._condition.notify_all()
        self._notify_waiters()
        self._invoke_callbacks()

    def _notify_waiters(self):
        with self._condition:
            waiters = list(self._waiters)
        for w in waiters:
            w.put(self)


def _collect(fs, timeout):
    # Yields futures as they complete, through one queue every future reports to.
    fs = set(fs)
    done_q = _queue.Queue()
    pending = set()
    for f in fs:
        with f._condition:
            if f._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                done_q.put(f)
            else:
                f._waiters.append(done_q)
                pending.add(f)
    return fs, done_q, pending


def _detach(fs, done_q):
    for f in fs:
        with f._condition:
            if done_q in f._waiters:
                f._waiters.remove(done_q)


def as_completed(fs, timeout=None):
    """Iterates over the futures as they finish (finished ones first)."""
    end = None if timeout is None else _time.monotonic() + timeout
    fs, done_q, pending = _collect(fs, timeout)
    seen = set()
    try:
        while len(seen) < len(fs):
            wait = None if end is None else end - _time.monotonic()
            if wait is not None and wait <= 0:
                raise TimeoutError('%d (of %d) futures unfinished' % (len(fs) - len(seen),
                                                                      len(fs)))
            try:
                f = done_q.get(True, wait)
            except _queue.Empty:
                raise TimeoutError('%d (of %d) futures unfinished' % (len(fs) - len(seen),
                                                                      len(fs))) from None
            if f in seen:
                continue
            seen.add(f)
            yield f
    finally:
        _detach(fs, done_q)


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __getitem__(self, i):
        return (self.done, self.not_done)[i]


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Waits until the futures finish as `return_when` says; returns (done, not_done)."""
    end = None if timeout is None else _time.monotonic() + timeout
    fs, done_q, pending = _collect(fs, timeout)
    done = set(f for f in fs if f not in pending)
    try:
        while True:
            not_done = fs - done
            if not not_done:
                break
            if return_when == FIRST_COMPLETED and done:
                break
            if return_when == FIRST_EXCEPTION and any(
                    not f.cancelled() and f._exception is not None for f in done):
                break
            w = None if end is None else end - _time.monotonic()
            if w is not None and w <= 0:
                break
            try:
                done.add(done_q.get(True, w))
            except _queue.Empty:
                break
    finally:
        _detach(fs, done_q)
    return DoneAndNotDoneFutures(done, fs - done)


class Executor:
    """Base class of executors: submit/map/shutdown and the with-statement."""

    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        end = None if timeout is None else _time.monotonic() + timeout
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    f = fs.pop()
                    if end is None:
                        yield f.result()
                    else:
                        yield f.result(end - _time.monotonic())
            finally:
                for f in fs:
                    f.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            self = None
        else:
            self.future.set_result(result)


def _worker(work_queue, executor_ref):
    while True:
        item = work_queue.get()
        if item is None:
            work_queue.put(None)  # wake the next worker too
            return
        item.run()
        del item


_live_executors = []


def _python_exit():
    # Like CPython: work submitted before exit still runs to completion.
    for ex in list(_live_executors):
        ex.shutdown(wait=True)


threading._register_atexit(_python_exit)


class ThreadPoolExecutor(Executor):
    """Runs calls on a pool of threads; on pvm they execute in parallel."""

    _counter = 0

    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None,
                 initargs=()):
        if max_workers is None:
            import os
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = _queue.Queue()
        self._threads = set()
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        ThreadPoolExecutor._counter += 1
        self._thread_name_prefix = (thread_name_prefix or
                                    ("ThreadPoolExecutor-%d" % ThreadPoolExecutor._counter))
        self._initializer = initializer
        self._initargs = initargs
        _live_executors.append(self)

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            f = Future()
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        if len(self._threads) < self._max_workers:
            name = '%s_%d' % (self._thread_name_prefix, len(self._threads))
            t = threading.Thread(name=name, target=self._run_worker)
            t.daemon = True
            t.start()
            self._threads.add(t)

    def _run_worker(self):
        if self._initializer is not None:
            try:
                self._initializer(*self._initargs)
            except BaseException:
                return
        _worker(self._work_queue, None)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work_queue.get_nowait()
                    except _queue.Empty:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in list(self._threads):
                t.join()
            if self in _live_executors:
                _live_executors.remove(self)
