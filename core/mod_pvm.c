/*
 * core/mod_pvm.c — the `_pvm` module: helpers that pvm's own Python library
 * (lib/) needs from the VM and that CPython keeps in private modules.
 */
#include <time.h>

#include "../gc/credit.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/module.h"
#include "../objects/tuple.h"
#include "../threads/stress.h"
#include "../threads/stw.h"
#include "error.h"
#include "runtime.h"
#include "sysmodule.h"

// print_exception(exc): the CPython-format report of exc on stderr.
static obj_t *pvm_print_exception(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("print_exception", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!EXC_CHECK(args[0])) {
        err_format(exc_TypeError, "print_exception() expects an exception, not %T", args[0]);
        return NULL;
    }
    stress_note_failure(); // threading.excepthook: an uncaught exception in a thread
    sysmodule_flush_std();
    err_display(args[0], stderr);
    return NEWREF(None);
}

// note_thread_failure(): an uncaught exception in a thread was reported
// (lib/threading.py's excepthook): under -X stress the run counts as failed.
static obj_t *pvm_note_thread_failure(obj_t *self, obj_t *const *args, size_t nargs,
                                      obj_t *kwnames) {
    if (args_check("note_thread_failure", nargs, kwnames, 0, 0) < 0) return NULL;
    stress_note_failure();
    return NEWREF(None);
}

// stop_the_world(probe, pause_ms=2): stops every other thread, then watches
// len(probe) (a list the other threads keep appending to) for pause_ms
// milliseconds before letting them run again.  Returns (threads stopped,
// True if the list changed during the pause).  For tests of the pause.
static obj_t *pvm_stop_the_world(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("stop_the_world", nargs, kwnames, 1, 2) < 0) return NULL;
    if (!LIST_CHECK(args[0])) {
        err_format(exc_TypeError, "stop_the_world() expects a list, not %T", args[0]);
        return NULL;
    }
    int64_t ms = 2;
    if (nargs == 2) {
        if (!IS_SMALLINT(args[1]) || SMALLINT_VALUE(args[1]) < 0 ||
            SMALLINT_VALUE(args[1]) > 1000) {
            err_set_str(exc_ValueError, "pause_ms must be an int in [0, 1000]");
            return NULL;
        }
        ms = SMALLINT_VALUE(args[1]);
    }
    size_t n = stw_stop_world();
    ssize_t before = list_size(args[0]);
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
    ssize_t after = list_size(args[0]);
    stw_start_world();
    return tuple_pack(2, SMALLINT_FROM((int64_t)n), before != after ? True : False);
}

// refcount_fields(obj): (owner tid, local count, shared count, shared
// state bits, caller's tid) of a heap object, read after paying the
// caller's register credits.  For tests of reference counting.
static obj_t *pvm_refcount_fields(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("refcount_fields", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *o = args[0];
    if (IS_SMALLINT(o)) return NEWREF(None);
    credit_settle(thread_current());
    int32_t sh = atomic_load(&o->ob_ref_shared);
    return tuple_pack(
        5, SMALLINT_FROM(atomic_load(&o->ob_tid)), SMALLINT_FROM(atomic_load(&o->ob_ref_local)),
        SMALLINT_FROM(sh >> REF_SHARED_SHIFT), SMALLINT_FROM(sh & 3), SMALLINT_FROM(pvm_tls_tid));
}

static const method_def_t pvm_functions[] = {
    {"print_exception", pvm_print_exception, 0, NULL},
    {"note_thread_failure", pvm_note_thread_failure, 0, NULL},
    {"refcount_fields", pvm_refcount_fields, 0, NULL},
    {"stop_the_world", pvm_stop_the_world, 0, NULL},
    {NULL},
};

// _pvm.sanitizer: "address", "thread" or None, for tests that cannot run
// under a sanitizer (ASan reserves its shadow memory up front, so it cannot
// start under an address-space limit) and must say SKIP there.
#if PVM_ASAN
#define PVM_SANITIZER_NAME "address"
#elif defined(__SANITIZE_THREAD__)
#define PVM_SANITIZER_NAME "thread"
#else
#define PVM_SANITIZER_NAME NULL
#endif

obj_t *pvm_module_init(void) {
    obj_t *m = module_new("_pvm");
    if (m && module_add_functions(m, pvm_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    const char *san = PVM_SANITIZER_NAME;
    obj_t *v = san ? str_from_cstr(san) : NEWREF(None);
    int r = m && v ? dict_set_str(module_dict(m), "sanitizer", v) : -1;
    XDECREF(v);
    if (r < 0) {
        XDECREF(m);
        return NULL;
    }
    return m;
}
