"""pvm's stand-in for CPython's native _warnings module.

Why pvm has its own: importlib._bootstrap_external imports _warnings
unconditionally and calls _warnings.warn.  CPython's _warnings is the C
accelerator of warnings.py; pvm does not have that C half yet, so this
module forwards to the pure-Python implementation in the standard
library's warnings.py.  It deliberately lacks `filters` and the other
names warnings.py takes from the C module, so warnings.py keeps its own
pure-Python state.  Retire it once modules/ has a native _warnings.
"""


def warn(message, category=None, stacklevel=1, source=None):
    import warnings
    # One more frame (this function) sits between the caller and warnings.
    warnings.warn(message, category, stacklevel + 1, source)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    import warnings
    warnings.warn_explicit(message, category, filename, lineno, module, registry,
                           module_globals, source)


def _warn_unawaited_coroutine(coro):
    """Called by the interpreter when a coroutine that never started is
    freed (objects/coro.c).  Same text as CPython's: the coroutine's
    qualified name, then where it was created when cr_origin was recorded
    (sys.set_coroutine_origin_tracking_depth).  warnings.py's own helper
    passes source= through a path of the pure-Python warn_explicit that
    takes it for the output file, so pvm formats the message here and
    warns without a source."""
    import warnings
    text = f"coroutine '{coro.__qualname__}' was never awaited\n"
    origin = coro.cr_origin
    if origin is not None:
        import linecache
        import traceback
        entries = []
        for filename, lineno, funcname in reversed(origin):
            entries.append((filename, lineno, funcname, linecache.getline(filename, lineno)))
        text += "Coroutine created at (most recent call last)\n"
        text += "".join(traceback.format_list(entries))
    # stacklevel 2: the frame that dropped the coroutine (this function is
    # called from C, with no frame of its own in between).
    warnings.warn(text.rstrip("\n"), RuntimeWarning, 2)
