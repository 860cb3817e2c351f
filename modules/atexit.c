/*
 * modules/atexit.c — the native `atexit` module: register(func, *args,
 * **kwargs), unregister(func), _run_exitfuncs(), _clear() and
 * _ncallbacks().  pvm_finalize (core/pvm_api.c) calls atexit_run_at_exit()
 * after threading._shutdown() and before the runtime goes away, so the
 * callbacks run last-registered first, as in CPython.
 *
 * The callbacks are one process-wide list of slots: a (func, args, kwargs)
 * tuple, or None where unregister() cleared it (CPython 3.11 keeps such
 * slots too, so _ncallbacks() still counts them until the list is run or
 * cleared).  Every change to the list happens inside the list's own critical
 * section; no Python code runs inside it: unregister() compares against a
 * snapshot with the section released and then clears a slot only if it
 * still holds the same tuple, and _clear() / running first move the slots
 * out under the section and drop them after leaving it.  Running
 * calls the slots of a snapshot, each only if it is still in the list.
 */
#include <stdlib.h>

#include "../core/error.h"
#include "../core/unraisable.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/critical.h"

static obj_t *callbacks; // list of slots, made once by the first import, immortal after

static int ensure_callbacks(void) {
    if (atomic_load_explicit((_Atomic(obj_t *) *)&callbacks, memory_order_acquire)) return 0;
    obj_t *l = list_new(0);
    if (!l) return -1;
    obj_t *expected = NULL;
    if (!atomic_compare_exchange_strong((_Atomic(obj_t *) *)&callbacks, &expected, l)) DECREF(l);
    return 0;
}

// Moves every slot out of the list; *out gets a malloc'd array (or NULL).
static size_t take_all(obj_t ***out) {
    *out = NULL;
    obj_t *l = callbacks;
    if (!l) return 0;
    size_t n = 0;
    BEGIN_CRITICAL_SECTION(l);
    size_t size = (size_t)list_size(l);
    if (size > 0) {
        obj_t **items = malloc(size * sizeof(obj_t *));
        if (items) {
            for (n = 0; n < size; n++)
                items[n] = list_pop_last_locked(l);
            *out = items;
        }
    }
    END_CRITICAL_SECTION();
    return n;
}

static void clear_all(void) {
    obj_t **items;
    size_t n = take_all(&items);
    for (size_t i = 0; i < n; i++)
        XDECREF(items[i]);
    free(items);
}

// The slot at i if it is still `slot` (not unregistered or cleared since).
static bool slot_is_live(size_t i, obj_t *slot) {
    bool live;
    BEGIN_CRITICAL_SECTION(callbacks);
    live = (size_t)list_size(callbacks) > i && list_item_locked(callbacks, i) == slot;
    END_CRITICAL_SECTION();
    return live;
}

static void call_slot(obj_t *slot) {
    obj_t *func = TUPLE_GET(slot, 0);
    obj_t *kw = TUPLE_GET(slot, 2);
    obj_t *r = obj_call_tuple_dict(func, TUPLE_GET(slot, 1), kw == None ? NULL : kw);
    if (r != NULL) {
        DECREF(r);
        return;
    }
    err_write_unraisable("Exception ignored in atexit callback", func);
}

// Calls the slots present now, last first, skipping any a callback
// unregisters meanwhile; then empties the list, dropping callbacks
// registered while running, as CPython 3.11 does.
static void run_all(void) {
    if (!callbacks) return;
    obj_t *snap = list_as_tuple(callbacks);
    if (!snap) {
        err_clear();
        return;
    }
    for (size_t i = TUPLE_SIZE(snap); i-- > 0;) {
        obj_t *slot = TUPLE_GET(snap, i);
        if (slot != None && slot_is_live(i, slot)) call_slot(slot);
    }
    DECREF(snap);
    clear_all();
}

void atexit_run_at_exit(void) {
    if (callbacks) run_all();
}

static obj_t *atexit_register(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    size_t npos = nargs;
    if (npos == 0) {
        err_set_str(exc_TypeError, "register() takes at least 1 argument (0 given)");
        return NULL;
    }
    if (!obj_is_callable(args[0])) {
        err_set_str(exc_TypeError, "the first argument must be callable");
        return NULL;
    }
    if (ensure_callbacks() < 0) return NULL;
    obj_t *a = tuple_from_array(args + 1, npos - 1);
    obj_t *kw = NULL;
    if (!a) return NULL;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (nkw > 0) {
        kw = dict_new();
        if (!kw) goto fail;
        for (size_t i = 0; i < nkw; i++)
            if (dict_set(kw, TUPLE_GET(kwnames, i), args[npos + i]) < 0) goto fail;
    }
    obj_t *slot = tuple_pack(3, args[0], a, kw ? kw : None);
    if (!slot) goto fail;
    int rc = list_append(callbacks, slot);
    DECREF(slot);
    if (rc < 0) goto fail;
    DECREF(a);
    XDECREF(kw);
    return NEWREF(args[0]);
fail:
    DECREF(a);
    XDECREF(kw);
    return NULL;
}

static obj_t *atexit_unregister(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("atexit.unregister", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!callbacks) return NEWREF(None);
    obj_t *snap = list_as_tuple(callbacks);
    if (!snap) return NULL;
    for (size_t i = 0; i < TUPLE_SIZE(snap); i++) {
        obj_t *slot = TUPLE_GET(snap, i);
        if (slot == None) continue;
        int eq = obj_richcompare_bool(TUPLE_GET(slot, 0), args[0], CMP_EQ_OP);
        if (eq < 0) {
            DECREF(snap);
            return NULL;
        }
        if (!eq) continue;
        obj_t *old = NULL;
        BEGIN_CRITICAL_SECTION(callbacks);
        if ((size_t)list_size(callbacks) > i && list_item_locked(callbacks, i) == slot)
            old = list_replace_locked(callbacks, i, None);
        END_CRITICAL_SECTION();
        XDECREF(old);
    }
    DECREF(snap);
    return NEWREF(None);
}

static obj_t *atexit_run_exitfuncs(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_run_exitfuncs", nargs, kwnames, 0, 0) < 0) return NULL;
    run_all();
    return NEWREF(None);
}

static obj_t *atexit_clear(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_clear", nargs, kwnames, 0, 0) < 0) return NULL;
    clear_all();
    return NEWREF(None);
}

static obj_t *atexit_ncallbacks(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_ncallbacks", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(callbacks ? list_size(callbacks) : 0);
}

static const method_def_t atexit_functions[] = {
    {"register", atexit_register, 0, NULL},
    {"unregister", atexit_unregister, 0, NULL},
    {"_run_exitfuncs", atexit_run_exitfuncs, 0, NULL},
    {"_clear", atexit_clear, 0, NULL},
    {"_ncallbacks", atexit_ncallbacks, 0, NULL},
    {NULL},
};

obj_t *atexit_module_init(void) {
    if (ensure_callbacks() < 0) return NULL;
    obj_t *m = module_new("atexit");
    if (!m) return NULL;
    if (module_add_functions(m, atexit_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
