# pvm's threading: CPython 3.11's own threading.py, run in this module's
# namespace, with the one piece that relies on the GIL replaced.
#
# Thread._stop asserts that the thread's _tstate_lock is unlocked.  Under
# the GIL no other thread runs between the release of that lock and the
# assertion (in _shutdown, or in a join that saw the lock free); pvm runs
# threads in parallel, so a second joiner can take the lock in between
# (it releases it at once).  The assertion is the only difference.
#
# The default excepthook also tells pvm's stress mode (-X stress) that an
# exception escaped a thread, so such a run counts as failed.
#
# What the standard module needs from _thread is native (threads/
# thread_module.c): _set_sentinel (released when the thread is done,
# after its deferred releases), _local (lib/_pvm_thread_local.py), locks
# with _at_fork_reinit, stack_size, interrupt_main.

import sys as _pvm_sys

_pvm_path = _pvm_sys._stdlib_dir + '/threading.py'
with open(_pvm_path, encoding='utf-8') as _pvm_f:
    _pvm_code = compile(_pvm_f.read(), _pvm_path, 'exec')
exec(_pvm_code, globals())
del _pvm_f, _pvm_code, _pvm_path, _pvm_sys


def _stop(self):
    # As CPython's, without `assert not self._tstate_lock.locked()`.
    self._is_stopped = True
    self._tstate_lock = None
    if not self.daemon:
        with _shutdown_locks_lock:
            _maintain_shutdown_locks()


_stop.__qualname__ = "Thread._stop"
Thread._stop = _stop
del _stop


def _pvm_wrap_print_exception(print_exception):
    import _pvm

    def _print_exception(*args, **kwargs):
        _pvm.note_thread_failure()
        print_exception(*args, **kwargs)
    return _print_exception


_print_exception = _pvm_wrap_print_exception(_print_exception)
del _pvm_wrap_print_exception


# is_alive() is true until the thread's sentinel (_tstate_lock) is
# released.  CPython releases it when the thread state is deleted, a moment
# after run() returns; pvm's thread first waits for a grace period of its
# deferred releases (gc/qsbr.c, about 10 ms: what it dropped is freed when
# join() returns).  libregrtest -jN relies on is_alive() turning false at
# once when a worker thread has put its last result and returned (its main
# loop otherwise waits 30 s for a result that never comes), so once the
# thread's Python part is over (run() returned, the thread left _active),
# is_alive() waits for that end (at most a second, should another thread
# hold the lock) instead of answering "alive" during it.
def _pvm_wrap_bootstrap_inner(inner):
    def _bootstrap_inner(self):
        try:
            inner(self)
        finally:
            self._pvm_run_done = True
    return _bootstrap_inner


def _pvm_wrap_is_alive(alive):
    def is_alive(self):
        if self._pvm_run_done and not self._is_stopped:
            self._wait_for_tstate_lock(True, 1.0)
        return alive(self)
    return is_alive


Thread._pvm_run_done = False
Thread._bootstrap_inner = _pvm_wrap_bootstrap_inner(Thread._bootstrap_inner)
Thread._bootstrap_inner.__qualname__ = "Thread._bootstrap_inner"
Thread.is_alive = _pvm_wrap_is_alive(Thread.is_alive)
Thread.is_alive.__qualname__ = "Thread.is_alive"
del _pvm_wrap_bootstrap_inner, _pvm_wrap_is_alive
