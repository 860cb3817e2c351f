# When join() returns, what the finished thread referenced has been
# released: its target, arguments, frame locals and the exception it ended
# with (test_threading's test_no_refcycle_through_target).  pvm once
# applied a finished thread's postponed decrements (its debts) and cleared
# its exception state only after waking the joiner, so the object below
# was still alive for a moment after join() in about 1 run in 100.
import threading
import weakref


class RunSelf:
    def __init__(self, should_raise, exc_type):
        self.should_raise = should_raise
        self.exc_type = exc_type
        self.thread = threading.Thread(target=self._run, args=(self,),
                                       kwargs={"yet_another": self})
        self.thread.start()

    def _run(self, other_ref, yet_another):
        if self.should_raise:
            raise self.exc_type


def alive_after_join(should_raise, exc_type=SystemExit):
    obj = RunSelf(should_raise, exc_type)
    ref = weakref.ref(obj)
    obj.thread.join()
    del obj
    return ref() is not None


leaked = {"return": 0, "SystemExit": 0}
for i in range(300):
    leaked["return"] += alive_after_join(False)
    leaked["SystemExit"] += alive_after_join(True)
print("still alive after join():", leaked)


# A thread that dies of an exception hands it to threading.excepthook,
# which may keep it; without a hook keeping it, the frame goes too.
seen = []
old_hook = threading.excepthook
threading.excepthook = lambda args: seen.append(args.exc_type.__name__)
try:
    leaked_value_error = sum(alive_after_join(True, ValueError) for _ in range(100))
finally:
    threading.excepthook = old_hook
print("ValueError: still alive", leaked_value_error, "hook calls", len(seen), set(seen))
