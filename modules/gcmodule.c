/*
 * modules/gcmodule.c — the `gc` module: the Python face of the cycle
 * collector (gc/collect.c, docs/memory.md).
 *
 * pvm has one generation (see docs/memory.md): get_count()'s first number
 * is the net number of containers allocated since the last collection,
 * threshold0 triggers a collection, threshold1 and threshold2 are kept
 * only to be read back.  gc.callbacks and gc.garbage are the module's
 * lists, shared with the collector (gc_callbacks_list, gc_garbage_list).
 */
#include <stdlib.h>

#include "../core/error.h"
#include "../gc/gc.h"
#include "../gc/qsbr.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/tuple.h"

static _Atomic int64_t threshold1 = 10, threshold2 = 10;

static obj_t *gc_enable(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("enable", nargs, kwnames, 0, 0) < 0) return NULL;
    atomic_store(&gc_enabled, true);
    return NEWREF(None);
}

static obj_t *gc_disable(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("disable", nargs, kwnames, 0, 0) < 0) return NULL;
    atomic_store(&gc_enabled, false);
    return NEWREF(None);
}

static obj_t *gc_isenabled(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("isenabled", nargs, kwnames, 0, 0) < 0) return NULL;
    return bool_from(atomic_load(&gc_enabled));
}

// An int argument as CPython's "i" converter: TypeError for non-ints.
static int int_arg(obj_t *v, int64_t *out) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int rc = int_as_i64(i, out);
    DECREF(i);
    return rc;
}

static obj_t *gc_collect_fn(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    static const char *const names[] = {"generation", NULL};
    obj_t *a[1];
    if (args_parse("collect", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int64_t gen = 2;
    if (a[0] != NULL && int_arg(a[0], &gen) < 0) return NULL;
    if (gen < 0 || gen > 2) {
        err_set_str(exc_ValueError, "invalid generation");
        return NULL;
    }
    // What this thread dropped from shared containers waits for a grace
    // period (gc/qsbr.h): release it first, so that gc.collect() sees the
    // program's last `del` as CPython's does; and after, so that what the
    // collection's clearing dropped is freed before gc.collect() returns.
    thread_t *ts = thread_current();
    qsbr_drain_self(ts);
    ssize_t found = gc_collect((int)gen);
    qsbr_drain_self(ts);
    return int_from_i64(found);
}

static obj_t *gc_get_count(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("get_count", nargs, kwnames, 0, 0) < 0) return NULL;
    return tuple_pack(3, SMALLINT_FROM(gc_young_count()), SMALLINT_FROM(0), SMALLINT_FROM(0));
}

static obj_t *gc_get_threshold(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("get_threshold", nargs, kwnames, 0, 0) < 0) return NULL;
    return tuple_pack(3, SMALLINT_FROM(atomic_load(&gc_threshold0)),
                      SMALLINT_FROM(atomic_load(&threshold1)),
                      SMALLINT_FROM(atomic_load(&threshold2)));
}

static obj_t *gc_set_threshold(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_no_kw("set_threshold", kwnames) < 0) return NULL;
    if (nargs < 1) {
        err_format(exc_TypeError, "set_threshold() takes at least 1 argument (%zu given)", nargs);
        return NULL;
    }
    if (nargs > 3) {
        err_format(exc_TypeError, "set_threshold() takes at most 3 arguments (%zu given)", nargs);
        return NULL;
    }
    int64_t t[3] = {0, atomic_load(&threshold1), atomic_load(&threshold2)};
    for (size_t i = 0; i < nargs; i++)
        if (int_arg(args[i], &t[i]) < 0) return NULL;
    atomic_store(&gc_threshold0, t[0]);
    atomic_store(&threshold1, t[1]);
    atomic_store(&threshold2, t[2]);
    return NEWREF(None);
}

static obj_t *gc_get_debug(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("get_debug", nargs, kwnames, 0, 0) < 0) return NULL;
    return SMALLINT_FROM(gc_debug_flags);
}

static obj_t *gc_set_debug(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_check("gc.set_debug", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t f;
    if (int_arg(args[0], &f) < 0) return NULL;
    gc_debug_flags = (int)f;
    return NEWREF(None);
}

// A list stealing the n references of `items` (freed here).
static obj_t *list_steal(obj_t **items, size_t n) {
    if (items == NULL) return err_no_memory();
    obj_t *l = list_from_array(items, n);
    for (size_t i = 0; i < n; i++)
        DECREF(items[i]);
    free(items);
    return l;
}

static obj_t *gc_get_objects(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    static const char *const names[] = {"generation", NULL};
    obj_t *a[1];
    if (args_parse("get_objects", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    if (a[0] != NULL && a[0] != None) {
        int64_t gen;
        if (int_arg(a[0], &gen) < 0) return NULL;
        if (gen >= 3) {
            err_set_str(exc_ValueError, "generation parameter must be less than the number of "
                                        "available generations (3)");
            return NULL;
        }
        if (gen < 0) {
            err_set_str(exc_ValueError, "generation parameter cannot be negative");
            return NULL;
        }
    }
    size_t n;
    obj_t **items = gc_all_objects(&n);
    return list_steal(items, n);
}

static obj_t *gc_get_referrers(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_no_kw("get_referrers", kwnames) < 0) return NULL;
    size_t n;
    obj_t **items = gc_referrers(args, nargs, &n);
    return list_steal(items, n);
}

static obj_t *gc_get_referents(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_no_kw("get_referents", kwnames) < 0) return NULL;
    obj_t *out = list_new(0);
    if (out == NULL) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        size_t n;
        obj_t **items = gc_referents(args[i], &n);
        obj_t *l = list_steal(items, n);
        if (l == NULL || list_extend(out, l) < 0) {
            XDECREF(l);
            DECREF(out);
            return NULL;
        }
        DECREF(l);
    }
    return out;
}

static obj_t *gc_is_tracked_fn(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_check("gc.is_tracked", nargs, kwnames, 1, 1) < 0) return NULL;
    return bool_from(gc_is_tracked(args[0]));
}

static obj_t *gc_is_finalized(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    if (args_check("gc.is_finalized", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *o = args[0];
    return bool_from(!IS_SMALLINT(o) &&
                     (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_FINALIZED));
}

static obj_t *gc_freeze_fn(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("gc.freeze", nargs, kwnames, 0, 0) < 0) return NULL;
    gc_freeze();
    return NEWREF(None);
}

static obj_t *gc_unfreeze_fn(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("gc.unfreeze", nargs, kwnames, 0, 0) < 0) return NULL;
    gc_unfreeze();
    return NEWREF(None);
}

static obj_t *gc_get_freeze_count(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("gc.get_freeze_count", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64((int64_t)gc_freeze_count());
}

static obj_t *gc_get_stats(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)m;
    (void)args;
    if (args_check("get_stats", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *l = list_new(0);
    if (l == NULL) return NULL;
    for (int g = 0; g < 3; g++) {
        obj_t *d = dict_new();
        obj_t *a =
            int_from_i64(atomic_load_explicit(&gc_stats[g].collections, memory_order_relaxed));
        obj_t *b = int_from_i64(atomic_load_explicit(&gc_stats[g].collected, memory_order_relaxed));
        obj_t *c =
            int_from_i64(atomic_load_explicit(&gc_stats[g].uncollectable, memory_order_relaxed));
        int rc = (d && a && b && c && dict_set_str(d, "collections", a) == 0 &&
                  dict_set_str(d, "collected", b) == 0 &&
                  dict_set_str(d, "uncollectable", c) == 0 && list_append(l, d) == 0)
                     ? 0
                     : -1;
        XDECREF(a);
        XDECREF(b);
        XDECREF(c);
        XDECREF(d);
        if (rc < 0) {
            DECREF(l);
            return NULL;
        }
    }
    return l;
}

static const method_def_t gc_functions[] = {
    {"enable", gc_enable, 0, NULL},
    {"disable", gc_disable, 0, NULL},
    {"isenabled", gc_isenabled, 0, NULL},
    {"set_debug", gc_set_debug, 0, NULL},
    {"get_debug", gc_get_debug, 0, NULL},
    {"get_count", gc_get_count, 0, NULL},
    {"set_threshold", gc_set_threshold, 0, NULL},
    {"get_threshold", gc_get_threshold, 0, NULL},
    {"collect", gc_collect_fn, 0, NULL},
    {"get_objects", gc_get_objects, 0, NULL},
    {"get_stats", gc_get_stats, 0, NULL},
    {"is_tracked", gc_is_tracked_fn, 0, NULL},
    {"is_finalized", gc_is_finalized, 0, NULL},
    {"get_referrers", gc_get_referrers, 0, NULL},
    {"get_referents", gc_get_referents, 0, NULL},
    {"freeze", gc_freeze_fn, 0, NULL},
    {"unfreeze", gc_unfreeze_fn, 0, NULL},
    {"get_freeze_count", gc_get_freeze_count, 0, NULL},
    {NULL},
};

obj_t *gc_module_init(void) {
    obj_t *m = module_new("gc");
    if (!m) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, gc_functions) < 0) goto fail;
    // The lists live as long as the process: the collector reads them.
    if (gc_garbage_list == NULL) {
        obj_t *g = list_new(0), *c = list_new(0);
        if (g == NULL || c == NULL) {
            XDECREF(g);
            XDECREF(c);
            goto fail;
        }
        gc_garbage_list = g;
        gc_callbacks_list = c;
    }
    static const struct {
        const char *name;
        int value;
    } consts[] = {{"DEBUG_STATS", GC_DEBUG_STATS},
                  {"DEBUG_COLLECTABLE", GC_DEBUG_COLLECTABLE},
                  {"DEBUG_UNCOLLECTABLE", GC_DEBUG_UNCOLLECTABLE},
                  {"DEBUG_SAVEALL", GC_DEBUG_SAVEALL},
                  {"DEBUG_LEAK", GC_DEBUG_COLLECTABLE | GC_DEBUG_UNCOLLECTABLE | GC_DEBUG_SAVEALL}};
    for (size_t i = 0; i < sizeof(consts) / sizeof(consts[0]); i++)
        if (dict_set_str(d, consts[i].name, SMALLINT_FROM(consts[i].value)) < 0) goto fail;
    if (dict_set_str(d, "garbage", gc_garbage_list) < 0 ||
        dict_set_str(d, "callbacks", gc_callbacks_list) < 0)
        goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
