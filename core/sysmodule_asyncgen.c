/*
 * core/sysmodule_asyncgen.c — sys.get_asyncgen_hooks and
 * sys.set_asyncgen_hooks (PEP 525), which asyncio's event loop sets around
 * run_forever().
 *
 * The hooks are per thread, as in CPython: two fields of the calling
 * thread's thread_t, private to it (no locking), released when the thread
 * detaches.
 */
#include "../modules/structseq.h"
#include "../objects/exceptions.h"
#include "../objects/module.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "error.h"
#include "sysmodule.h"

static const getset_def_t hooks_getsets[] = {
    STRUCTSEQ_FIELD("firstiter", 0),
    STRUCTSEQ_FIELD("finalizer", 1),
    {NULL, NULL, NULL, NULL},
};
static const char *const hooks_names[] = {"firstiter", "finalizer"};
static structseq_type_t hooks_type =
    STRUCTSEQ_TYPE("asyncgen_hooks", hooks_getsets, 2, 2, hooks_names);

static obj_t *or_none(obj_t *v) {
    return NEWREF(v ? v : None);
}

static obj_t *sys_get_asyncgen_hooks(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    if (args_check("get_asyncgen_hooks", nargs, kwnames, 0, 0) < 0) return NULL;
    thread_t *ts = thread_current();
    obj_t *items[2] = {or_none(ts->asyncgen_firstiter), or_none(ts->asyncgen_finalizer)};
    return structseq_new(&hooks_type, items);
}

// A hook argument: absent (keep), None (clear) or a callable.
static int hook_arg(obj_t *v, const char *what) {
    if (v == NULL || v == None || obj_is_callable(v)) return 0;
    err_format(exc_TypeError, "callable %s expected, got %s", what, obj_type_name(v));
    return -1;
}

static void hook_set(obj_t **slot, obj_t *v) {
    if (v == NULL) return;
    obj_t *old = *slot;
    *slot = v == None ? NULL : NEWREF(v);
    XDECREF(old);
}

static obj_t *sys_set_asyncgen_hooks(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    static const char *const names[] = {"firstiter", "finalizer", NULL};
    obj_t *v[2] = {NULL, NULL};
    if (nargs > 2) {
        err_format(exc_TypeError, "function takes at most 2 arguments (%zu given)", nargs);
        return NULL;
    }
    if (args_parse("set_asyncgen_hooks", args, nargs, kwnames, names, 0, v) < 0) return NULL;
    if (hook_arg(v[1], "finalizer") < 0 || hook_arg(v[0], "firstiter") < 0) return NULL;
    thread_t *ts = thread_current();
    hook_set(&ts->asyncgen_finalizer, v[1]);
    hook_set(&ts->asyncgen_firstiter, v[0]);
    return NEWREF(None);
}

static const method_def_t asyncgen_methods[] = {
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks, 0, NULL},
    {"set_asyncgen_hooks", sys_set_asyncgen_hooks, 0, NULL},
    {NULL, NULL, 0, NULL},
};

int sysmodule_add_asyncgen(obj_t *m) {
    if (structseq_ready(&hooks_type, 0) < 0) return -1;
    return module_add_functions(m, asyncgen_methods);
}
