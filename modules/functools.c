/*
 * modules/functools.c — the native `_functools` module: partial, reduce,
 * cmp_to_key (the KeyWrapper type) and _lru_cache_wrapper (with its
 * _lru_list_elem links), the C halves that functools.py imports.
 *
 * Concurrency.
 *   - partial: func/args/keywords are written in tp_new and __setstate__;
 *     readers (call, repr, reduce) take a snapshot of the three fields in
 *     the partial's critical section, holding references, and call outside.
 *   - KeyWrapper objects are immutable.
 *   - _lru_cache_wrapper: hits and misses are atomic counters.  The cache
 *     is a dict (thread-safe on its own).  With a bounded maxsize, the
 *     recency list (a doubly linked list of _lru_list_elem through a root
 *     embedded in the wrapper) and the dict are changed together inside the
 *     wrapper's critical section; the user function always runs outside it.
 *     The key's hash is computed before the section; a lookup may still run
 *     a key's __eq__ inside it (as CPython 3.13t does), so a link is
 *     re-checked (`linked`) before it is moved, since a section can be let
 *     go while __eq__ blocks.  If two threads miss on the same key, both
 *     call the function and the first result stays cached (CPython's rule).
 */
#include <stdlib.h>
#include <string.h>

#include "../gc/gc.h"
#include "functools_internal.h"

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"

// ---- partial -------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *fn;
    obj_t *args; // tuple
    obj_t *kw;   // dict
    obj_t *dict; // instance __dict__ (lazily made)
} partial_t;

static obj_t *partial_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);

static obj_t *partial_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs < 1) {
        err_set_str(exc_TypeError, "type 'partial' takes at least one argument");
        return NULL;
    }
    obj_t *func = args[0];
    obj_t *pargs = NULL, *pkw = NULL;
    if (!obj_is_callable(func)) {
        err_set_str(exc_TypeError, "the first argument must be callable");
        return NULL;
    }
    obj_t *inner_fn = NULL;
    // A partial (or a subclass that keeps partial's __call__) without an
    // instance dict is flattened into the new one, as in CPython.
    if (!IS_SMALLINT(func) && TYPE(func)->call == partial_call &&
        obj_instance_dict_borrow(func) == NULL) {
        partial_t *p = (partial_t *)func;
        BEGIN_CRITICAL_SECTION(func);
        inner_fn = NEWREF(p->fn);
        pargs = NEWREF(p->args);
        pkw = NEWREF(p->kw);
        END_CRITICAL_SECTION();
        func = inner_fn;
    }
    obj_t *newargs = NULL, *kw = NULL;
    size_t np = pargs ? TUPLE_SIZE(pargs) : 0, nnew = nargs - 1;
    newargs = tuple_new(np + nnew);
    if (!newargs) goto fail;
    for (size_t i = 0; i < np; i++)
        TUPLE_SET(newargs, i, NEWREF(TUPLE_GET(pargs, i)));
    for (size_t i = 0; i < nnew; i++)
        TUPLE_SET(newargs, np + i, NEWREF(args[1 + i]));
    kw = pkw ? dict_copy(pkw) : dict_new();
    if (!kw) goto fail;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++)
        if (dict_set(kw, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) goto fail;
    partial_t *p = (partial_t *)obj_alloc(type, type->basicsize);
    if (!p) goto fail;
    p->fn = NEWREF(func);
    p->args = newargs;
    p->kw = kw;
    XDECREF(inner_fn);
    XDECREF(pargs);
    XDECREF(pkw);
    return (obj_t *)p;
fail:
    XDECREF(newargs);
    XDECREF(kw);
    XDECREF(inner_fn);
    XDECREF(pargs);
    XDECREF(pkw);
    return NULL;
}

static void partial_dealloc(obj_t *o) {
    partial_t *p = (partial_t *)o;
    XDECREF(p->fn);
    XDECREF(p->args);
    XDECREF(p->kw);
    XDECREF(p->dict);
    obj_free(o);
}

// References to the three fields, taken together.
static void partial_snapshot(obj_t *o, obj_t **fn, obj_t **args, obj_t **kw) {
    partial_t *p = (partial_t *)o;
    BEGIN_CRITICAL_SECTION(o);
    *fn = NEWREF(p->fn);
    *args = NEWREF(p->args);
    *kw = NEWREF(p->kw);
    END_CRITICAL_SECTION();
}

static obj_t *partial_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *fn, *pargs, *pkw, *r = NULL;
    partial_snapshot(self, &fn, &pargs, &pkw);
    size_t np = TUPLE_SIZE(pargs);
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (dict_size(pkw) == 0) {
        // Fast path: one flat vector, the call's keywords as they are.
        size_t total = np + nargs + nkw;
        obj_t *small[16];
        obj_t **v = total <= 16 ? small : malloc(total * sizeof(obj_t *));
        if (!v) {
            err_no_memory();
            goto done;
        }
        memcpy(v, TUPLE_ITEMS(pargs), np * sizeof(obj_t *));
        if (nargs + nkw) memcpy(v + np, args, (nargs + nkw) * sizeof(obj_t *)); // args may be NULL
        r = obj_call(fn, v, np + nargs, kwnames);
        if (v != small) free(v);
        goto done;
    }
    obj_t *argt = tuple_new(np + nargs);
    if (!argt) goto done;
    for (size_t i = 0; i < np; i++)
        TUPLE_SET(argt, i, NEWREF(TUPLE_GET(pargs, i)));
    for (size_t i = 0; i < nargs; i++)
        TUPLE_SET(argt, np + i, NEWREF(args[i]));
    obj_t *kw = dict_copy(pkw);
    if (!kw) {
        DECREF(argt);
        goto done;
    }
    for (size_t i = 0; i < nkw; i++) {
        if (dict_set(kw, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) {
            DECREF(argt);
            DECREF(kw);
            goto done;
        }
    }
    r = obj_call_tuple_dict(fn, argt, kw);
    DECREF(argt);
    DECREF(kw);
done:
    DECREF(fn);
    DECREF(pargs);
    DECREF(pkw);
    return r;
}

static obj_t *partial_repr(obj_t *self) {
    int rc = repr_enter(self);
    if (rc < 0) return NULL;
    if (rc > 0) return str_from_cstr("...");
    obj_t *fn, *pargs, *pkw;
    partial_snapshot(self, &fn, &pargs, &pkw);
    str_builder_t b;
    str_builder_init(&b);
    obj_t *r = obj_repr(fn);
    if (!r) goto fail;
    str_builder_add_str(&b, r);
    DECREF(r);
    for (size_t i = 0; i < TUPLE_SIZE(pargs); i++) {
        r = obj_repr(TUPLE_GET(pargs, i));
        if (!r) goto fail;
        str_builder_add_cstr(&b, ", ");
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    ssize_t pos = 0;
    obj_t *k, *v;
    while (dict_next(pkw, &pos, &k, &v)) {
        obj_t *ks = obj_str(k);
        r = ks ? obj_repr(v) : NULL;
        if (!r) {
            XDECREF(ks);
            goto fail;
        }
        str_builder_add_cstr(&b, ", ");
        str_builder_add_str(&b, ks);
        str_builder_add_char(&b, '=');
        str_builder_add_str(&b, r);
        DECREF(ks);
        DECREF(r);
    }
    obj_t *body = str_builder_finish(&b);
    obj_t *result = body ? str_from_format("%s(%U)", TYPE(self)->name, body) : NULL;
    XDECREF(body);
    DECREF(fn);
    DECREF(pargs);
    DECREF(pkw);
    repr_leave(self);
    return result;
fail:
    str_builder_discard(&b);
    DECREF(fn);
    DECREF(pargs);
    DECREF(pkw);
    repr_leave(self);
    return NULL;
}

static obj_t *partial_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *fn, *pargs, *pkw;
    partial_snapshot(self, &fn, &pargs, &pkw);
    obj_t *d = obj_instance_dict(self);
    obj_t *a = tuple_pack(1, fn);
    obj_t *state = tuple_pack(4, fn, pargs, pkw, d ? d : None);
    obj_t *r = a && state ? tuple_pack(3, (obj_t *)TYPE(self), a, state) : NULL;
    XDECREF(a);
    XDECREF(state);
    XDECREF(d);
    DECREF(fn);
    DECREF(pargs);
    DECREF(pkw);
    return r;
}

static obj_t *partial_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *state = args[0];
    if (!TUPLE_CHECK(state) || TUPLE_SIZE(state) != 4) {
        err_set_str(exc_TypeError, "invalid partial state");
        return NULL;
    }
    obj_t *fn = TUPLE_GET(state, 0), *fnargs = TUPLE_GET(state, 1), *kw = TUPLE_GET(state, 2),
          *dict = TUPLE_GET(state, 3);
    // CPython 3.11 stores any non-None dict value as is; only a dict can
    // serve as pvm's instance dict, so anything else is dropped.
    if (dict != None && !DICT_CHECK(dict)) dict = None;
    if (!obj_is_callable(fn) || !TUPLE_CHECK(fnargs) || (kw != None && !DICT_CHECK(kw))) {
        err_set_str(exc_TypeError, "invalid partial state");
        return NULL;
    }
    obj_t *newargs =
        TYPE(fnargs) == &tuple_type ? NEWREF(fnargs) : tuple_slice(fnargs, 0, TUPLE_SIZE(fnargs));
    if (!newargs) return NULL;
    obj_t *newkw = kw == None ? dict_new() : TYPE(kw) == &dict_type ? NEWREF(kw) : dict_copy(kw);
    if (!newkw) {
        DECREF(newargs);
        return NULL;
    }
    if (obj_instance_dict_replace(self, dict == None ? NULL : dict) < 0) {
        DECREF(newargs);
        DECREF(newkw);
        return NULL;
    }
    partial_t *p = (partial_t *)self;
    obj_t *ofn, *oargs, *okw;
    BEGIN_CRITICAL_SECTION(self);
    ofn = p->fn, oargs = p->args, okw = p->kw;
    p->fn = NEWREF(fn);
    p->args = newargs;
    p->kw = newkw;
    END_CRITICAL_SECTION();
    // Another thread may still be reading the old values through a
    // snapshot: those hold their own references.
    XDECREF(ofn);
    XDECREF(oargs);
    XDECREF(okw);
    return NEWREF(None);
}

static obj_t *partial_get_field(obj_t *self, void *which) {
    obj_t *fn, *pargs, *pkw;
    partial_snapshot(self, &fn, &pargs, &pkw);
    intptr_t w = (intptr_t)which;
    obj_t *keep = w == 0 ? fn : w == 1 ? pargs : pkw;
    if (keep != fn) DECREF(fn);
    if (keep != pargs) DECREF(pargs);
    if (keep != pkw) DECREF(pkw);
    return keep;
}

static int partial_set_readonly(obj_t *self, obj_t *value, void *which) {
    err_set_str(exc_AttributeError, "readonly attribute");
    return -1;
}

static obj_t *partial_get_dict(obj_t *self, void *c) {
    return obj_instance_dict_ensure(self);
}

static int partial_set_dict(obj_t *self, obj_t *v, void *c) {
    if (v == NULL) {
        err_set_str(exc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!DICT_CHECK(v)) {
        err_format(exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                   obj_type_name(v));
        return -1;
    }
    return obj_instance_dict_replace(self, v);
}

static const getset_def_t partial_getsets[] = {
    {"func", partial_get_field, partial_set_readonly, (void *)0},
    {"args", partial_get_field, partial_set_readonly, (void *)1},
    {"keywords", partial_get_field, partial_set_readonly, (void *)2},
    {"__dict__", partial_get_dict, partial_set_dict, NULL},
    {NULL},
};

static const method_def_t partial_methods[] = {
    {"__reduce__", partial_reduce, METH_DEFAULT, NULL},
    {"__setstate__", partial_setstate, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL},
};

// The cycle collector (gc/gc.h), in its pause.
static int partial_traverse(obj_t *o, visitproc visit, void *arg) {
    partial_t *p = (partial_t *)o;
    return GC_VISIT_FIELDS(visit, arg, p->fn, p->args, p->kw, p->dict);
}

// Only on unreachable partials: nobody reads the fields any more.
static int partial_gc_clear(obj_t *o) {
    partial_t *p = (partial_t *)o;
    CLEAR(p->fn);
    CLEAR(p->args);
    CLEAR(p->kw);
    CLEAR(p->dict);
    return 0;
}

type_t functools_partial_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "functools.partial",
    .basicsize = sizeof(partial_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dictoffset = offsetof(partial_t, dict),
    .dealloc = partial_dealloc,
    .traverse = partial_traverse,
    .clear = partial_gc_clear,
    .repr = partial_repr,
    .call = partial_call,
    .tp_new = partial_new,
    .methods = partial_methods,
    .getsets = partial_getsets,
    .doc = "partial(func, *args, **keywords) - new function with partial application\n    of "
           "the given arguments and keywords.\n",
};

// ---- reduce --------------------------------------------------------------------------------

static obj_t *functools_reduce(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("reduce", kwnames) < 0) return NULL;
    if (nargs < 2 || nargs > 3) {
        err_format(exc_TypeError, "reduce expected %s %d arguments, got %zu",
                   nargs < 2 ? "at least" : "at most", nargs < 2 ? 2 : 3, nargs);
        return NULL;
    }
    obj_t *func = args[0];
    obj_t *it = obj_iter(args[1]);
    if (!it) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_set_str(exc_TypeError, "reduce() arg 2 must support iteration");
        }
        return NULL;
    }
    obj_t *acc = nargs > 2 ? NEWREF(args[2]) : NULL;
    for (;;) {
        obj_t *item = obj_iternext(it);
        if (!item) break;
        if (!acc) {
            acc = item;
            continue;
        }
        obj_t *next = obj_call2(func, acc, item);
        DECREF(acc);
        DECREF(item);
        acc = next;
        if (!acc) break;
    }
    DECREF(it);
    if (err_occurred()) {
        XDECREF(acc);
        return NULL;
    }
    if (!acc) err_set_str(exc_TypeError, "reduce() of empty iterable with no initial value");
    return acc;
}

// ---- cmp_to_key ------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *cmp;
    obj_t *object; // NULL for the K factory itself
} keywrapper_t;

static type_t keywrapper_type;

static obj_t *keywrapper_make(obj_t *cmp, obj_t *object) {
    if (type_ensure_ready(&keywrapper_type) < 0) return NULL;
    keywrapper_t *k = (keywrapper_t *)obj_alloc(&keywrapper_type, sizeof(keywrapper_t));
    if (!k) return NULL;
    k->cmp = NEWREF(cmp);
    k->object = object ? NEWREF(object) : NULL;
    return (obj_t *)k;
}

static void keywrapper_dealloc(obj_t *o) {
    keywrapper_t *k = (keywrapper_t *)o;
    DECREF(k->cmp);
    XDECREF(k->object);
    obj_free(o);
}

static obj_t *keywrapper_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"obj", NULL};
    obj_t *a[1];
    if (args_parse("K", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    return keywrapper_make(((keywrapper_t *)self)->cmp, a[0]);
}

static obj_t *keywrapper_richcompare(obj_t *a, obj_t *b, int op) {
    if (TYPE(b) != &keywrapper_type) {
        err_set_str(exc_TypeError, "other argument must be K instance");
        return NULL;
    }
    keywrapper_t *ka = (keywrapper_t *)a, *kb = (keywrapper_t *)b;
    if (!ka->object || !kb->object) {
        err_set_str(exc_AttributeError, "object");
        return NULL;
    }
    obj_t *res = obj_call2(ka->cmp, ka->object, kb->object);
    if (!res) return NULL;
    obj_t *r = obj_richcompare(res, SMALLINT_FROM(0), op);
    DECREF(res);
    return r;
}

static const member_def_t keywrapper_members[] = {
    {"obj", MEMBER_OBJECT_EX, offsetof(keywrapper_t, object), false},
    {NULL},
};

static type_t keywrapper_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "functools.KeyWrapper",
    .basicsize = sizeof(keywrapper_t),
    .base = &object_type,
    .dealloc = keywrapper_dealloc,
    .call = keywrapper_call,
    .richcompare = keywrapper_richcompare,
    .hash = hash_not_implemented,
    .members = keywrapper_members,
};

static obj_t *functools_cmp_to_key(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"mycmp", NULL};
    obj_t *a[1];
    if (nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0) > 1) {
        err_format(exc_TypeError, "cmp_to_key() takes at most 1 argument (%zu given)",
                   nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0));
        return NULL;
    }
    if (args_parse("cmp_to_key", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    return keywrapper_make(a[0], NULL);
}

// ---- _lru_cache_wrapper ---------------------------------------------------------------------

typedef struct lru_node {
    struct lru_node *prev, *next; // borrowed: the cache dict owns the links
} lru_node_t;

typedef struct {
    obj_t ob;
    lru_node_t node; // in the recency list while `linked`
    bool linked;
    hash_t hash;
    obj_t *key;
    obj_t *result;
} lru_link_t;

typedef struct {
    obj_t ob;
    obj_t *func;
    obj_t *cache;     // dict: key -> result (unbounded) or key -> lru_link_t
    obj_t *info_type; // the _CacheInfo named tuple
    obj_t *dict;      // instance __dict__
    lru_node_t root;  // root.next: most recent; root.prev: least recent
    ssize_t maxsize;  // -1 = unbounded
    bool typed;
    _Atomic int64_t hits, misses;
} lru_t;

static type_t lru_link_type, lru_type;

static void lru_link_dealloc(obj_t *o) {
    lru_link_t *l = (lru_link_t *)o;
    XDECREF(l->key);
    XDECREF(l->result);
    obj_free(o);
}

static type_t lru_link_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "functools._lru_list_elem",
    .basicsize = sizeof(lru_link_t),
    .base = &object_type,
    .dealloc = lru_link_dealloc,
};

static obj_t *kwd_mark(void) {
    static obj_t *mark;
    obj_t *m = __atomic_load_n(&mark, __ATOMIC_ACQUIRE);
    if (!m) {
        m = obj_alloc(&object_type, sizeof(obj_t));
        if (!m) return NULL;
        obj_immortalize(m);
        obj_t *expected = NULL;
        if (!__atomic_compare_exchange_n(&mark, &expected, m, false, __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE))
            m = expected; // the loser's mark stays immortal: one object, harmless
    }
    return m;
}

// The cache key of a call (CPython's _make_key): the argument itself for
// one int or str argument, else a tuple of the positional arguments, then
// a marker and the keyword names and values, then (typed) the types.
static obj_t *lru_make_key(obj_t *const *args, size_t nargs, obj_t *kwnames, bool typed) {
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (!nkw && !typed && nargs == 1) {
        obj_t *a = args[0];
        if (IS_SMALLINT(a) || TYPE(a) == &int_type || TYPE(a) == &str_type) return NEWREF(a);
    }
    size_t size = nargs + (nkw ? 1 + 2 * nkw : 0) + (typed ? nargs + nkw : 0);
    obj_t *key = tuple_new(size);
    if (!key) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < nargs; i++)
        TUPLE_SET(key, k++, NEWREF(args[i]));
    if (nkw) {
        obj_t *mark = kwd_mark();
        if (!mark) {
            DECREF(key);
            return NULL;
        }
        TUPLE_SET(key, k++, NEWREF(mark));
        for (size_t i = 0; i < nkw; i++) {
            TUPLE_SET(key, k++, NEWREF(TUPLE_GET(kwnames, i)));
            TUPLE_SET(key, k++, NEWREF(args[nargs + i]));
        }
    }
    if (typed) {
        for (size_t i = 0; i < nargs + nkw; i++)
            TUPLE_SET(key, k++, NEWREF((obj_t *)TYPE(args[i])));
    }
    return key;
}

static obj_t *lru_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"user_function", "maxsize", "typed", "cache_info_type",
                                        NULL};
    obj_t *a[4];
    if (args_parse("lru_cache", args, nargs, kwnames, names, 4, a) < 0) return NULL;
    if (!obj_is_callable(a[0])) {
        err_set_str(exc_TypeError, "the first argument must be callable");
        return NULL;
    }
    ssize_t maxsize = -1;
    if (a[1] != None) {
        if (!INT_CHECK(a[1])) {
            err_set_str(exc_TypeError, "maxsize should be integer or None");
            return NULL;
        }
        maxsize = obj_as_ssize(a[1]);
        if (maxsize == -1 && err_occurred()) {
            if (!err_matches(exc_OverflowError)) return NULL;
            err_clear();
            maxsize = int_sign(a[1]) < 0 ? 0 : SSIZE_MAX;
        }
        if (maxsize < 0) maxsize = 0;
    }
    int typed = obj_is_true(a[2]);
    if (typed < 0) return NULL;
    obj_t *cache = dict_new();
    if (!cache) return NULL;
    lru_t *w = (lru_t *)obj_alloc(type, type->basicsize);
    if (!w) {
        DECREF(cache);
        return NULL;
    }
    w->func = NEWREF(a[0]);
    w->cache = cache;
    w->info_type = NEWREF(a[3]);
    w->root.prev = w->root.next = &w->root;
    w->maxsize = maxsize;
    w->typed = typed;
    return (obj_t *)w;
}

static void lru_dealloc(obj_t *o) {
    lru_t *w = (lru_t *)o;
    XDECREF(w->func);
    XDECREF(w->cache);
    XDECREF(w->info_type);
    XDECREF(w->dict);
    obj_free(o);
}

#define LINK_OF(n) ((lru_link_t *)((char *)(n)-offsetof(lru_link_t, node)))

// List operations: in the wrapper's critical section.
static void list_unlink(lru_link_t *l) {
    if (!l->linked) return;
    l->node.prev->next = l->node.next;
    l->node.next->prev = l->node.prev;
    l->node.prev = l->node.next = NULL;
    l->linked = false;
}

static void list_push_front(lru_t *w, lru_link_t *l) {
    l->node.next = w->root.next;
    l->node.prev = &w->root;
    w->root.next->prev = &l->node;
    w->root.next = &l->node;
    l->linked = true;
}

static obj_t *lru_call_uncached(lru_t *w, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    atomic_fetch_add_explicit(&w->misses, 1, memory_order_relaxed);
    return obj_call(w->func, args, nargs, kwnames);
}

static obj_t *lru_call_unbounded(lru_t *w, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *key = lru_make_key(args, nargs, kwnames, w->typed);
    if (!key) return NULL;
    hash_t h = obj_hash(key);
    if (h == -1) {
        DECREF(key);
        return NULL;
    }
    obj_t *r = dict_get_hashed(w->cache, key, h);
    if (r || err_occurred()) {
        if (r) atomic_fetch_add_explicit(&w->hits, 1, memory_order_relaxed);
        DECREF(key);
        return r;
    }
    atomic_fetch_add_explicit(&w->misses, 1, memory_order_relaxed);
    r = obj_call(w->func, args, nargs, kwnames);
    if (r && dict_set(w->cache, key, r) < 0) CLEAR(r);
    DECREF(key);
    return r;
}

static obj_t *lru_call_bounded(lru_t *w, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *key = lru_make_key(args, nargs, kwnames, w->typed);
    if (!key) return NULL;
    hash_t h = obj_hash(key);
    if (h == -1) {
        DECREF(key);
        return NULL;
    }
    obj_t *r = NULL;
    bool failed = false;
    BEGIN_CRITICAL_SECTION(w);
    obj_t *found = dict_get_hashed(w->cache, key, h);
    if (found) {
        lru_link_t *l = (lru_link_t *)found;
        if (l->linked) {
            list_unlink(l);
            list_push_front(w, l);
        }
        r = NEWREF(l->result);
        DECREF(found);
        atomic_fetch_add_explicit(&w->hits, 1, memory_order_relaxed);
    } else if (err_occurred()) {
        failed = true;
    }
    END_CRITICAL_SECTION();
    if (r || failed) {
        DECREF(key);
        return r;
    }
    atomic_fetch_add_explicit(&w->misses, 1, memory_order_relaxed);
    r = obj_call(w->func, args, nargs, kwnames);
    if (!r) {
        DECREF(key);
        return NULL;
    }
    lru_link_t *l = (lru_link_t *)obj_alloc(&lru_link_type, sizeof(lru_link_t));
    if (!l) {
        DECREF(key);
        DECREF(r);
        return NULL;
    }
    l->key = key; // stolen
    l->hash = h;
    l->result = NEWREF(r);
    obj_t *evicted = NULL;
    BEGIN_CRITICAL_SECTION(w);
    obj_t *again = dict_get_hashed(w->cache, key, h);
    if (again) {
        // Another thread cached this key while the function ran.
        DECREF(again);
    } else if (!err_occurred()) {
        if (dict_size(w->cache) >= w->maxsize && w->root.prev != &w->root) {
            lru_link_t *old = LINK_OF(w->root.prev);
            list_unlink(old);
            if (dict_pop(w->cache, old->key, &evicted) < 0) failed = true;
        }
        if (!failed) {
            if (dict_set(w->cache, key, (obj_t *)l) < 0)
                failed = true;
            else
                list_push_front(w, l);
        }
    } else {
        failed = true;
    }
    END_CRITICAL_SECTION();
    XDECREF(evicted); // may run __del__ of the old result: outside the section
    DECREF((obj_t *)l);
    if (failed) CLEAR(r);
    return r;
}

static obj_t *lru_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    lru_t *w = (lru_t *)self;
    if (w->maxsize == 0) return lru_call_uncached(w, args, nargs, kwnames);
    if (w->maxsize < 0) return lru_call_unbounded(w, args, nargs, kwnames);
    return lru_call_bounded(w, args, nargs, kwnames);
}

static obj_t *lru_descr_get(obj_t *self, obj_t *obj, obj_t *type) {
    if (obj == NULL || obj == None) return NEWREF(self);
    return method_new(self, obj);
}

static obj_t *lru_cache_info(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("cache_info", nargs, kwnames, 0, 0) < 0) return NULL;
    lru_t *w = (lru_t *)self;
    obj_t *v[4];
    v[0] = int_from_i64(atomic_load_explicit(&w->hits, memory_order_relaxed));
    v[1] = int_from_i64(atomic_load_explicit(&w->misses, memory_order_relaxed));
    v[2] = w->maxsize < 0 ? NEWREF(None) : int_from_i64(w->maxsize);
    v[3] = int_from_i64(dict_size(w->cache));
    obj_t *r = NULL;
    if (v[0] && v[1] && v[2] && v[3]) r = obj_call(w->info_type, v, 4, NULL);
    for (int i = 0; i < 4; i++)
        XDECREF(v[i]);
    return r;
}

static obj_t *lru_cache_clear(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("cache_clear", nargs, kwnames, 0, 0) < 0) return NULL;
    lru_t *w = (lru_t *)self;
    obj_t *old = dict_new();
    if (!old) return NULL;
    BEGIN_CRITICAL_SECTION(w);
    // Unlink every node, then swap the table's contents out, so the
    // results are released outside the section.
    lru_node_t *n = w->root.next;
    while (n != &w->root) {
        lru_node_t *next = n->next;
        LINK_OF(n)->linked = false;
        n->prev = n->next = NULL;
        n = next;
    }
    w->root.prev = w->root.next = &w->root;
    atomic_store_explicit(&w->hits, 0, memory_order_relaxed);
    atomic_store_explicit(&w->misses, 0, memory_order_relaxed);
    if (dict_merge(old, w->cache, true) == 0) dict_clear(w->cache);
    END_CRITICAL_SECTION();
    DECREF(old);
    if (err_occurred()) return NULL;
    return NEWREF(None);
}

static obj_t *lru_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    return obj_getattr_str(self, "__qualname__");
}

static obj_t *lru_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__copy__", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *lru_deepcopy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__deepcopy__", nargs, kwnames, 1, 1) < 0) return NULL;
    return NEWREF(self);
}

static const getset_def_t lru_getsets[] = {
    {"__dict__", partial_get_dict, partial_set_dict, NULL},
    {NULL},
};

static const method_def_t lru_methods[] = {
    {"cache_info", lru_cache_info, METH_DEFAULT, NULL},
    {"cache_clear", lru_cache_clear, METH_DEFAULT, NULL},
    {"__reduce__", lru_reduce, METH_DEFAULT, NULL},
    {"__copy__", lru_copy, METH_DEFAULT, NULL},
    {"__deepcopy__", lru_deepcopy, METH_DEFAULT, NULL},
    {NULL},
};

static type_t lru_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "functools._lru_cache_wrapper",
    .basicsize = sizeof(lru_t),
    .flags = TPFLAG_BASETYPE | TPFLAG_METHOD_DESCRIPTOR,
    .base = &object_type,
    .dictoffset = offsetof(lru_t, dict),
    .dealloc = lru_dealloc,
    .call = lru_call,
    .descr_get = lru_descr_get,
    .tp_new = lru_new,
    .methods = lru_methods,
    .getsets = lru_getsets,
};

// ---- the module -------------------------------------------------------------------------------

static const method_def_t functools_functions[] = {
    {"reduce", functools_reduce, 0, NULL},
    {"cmp_to_key", functools_cmp_to_key, 0, NULL},
    {NULL},
};

obj_t *functools_module_init(void) {
    obj_t *m = module_new("_functools");
    if (!m) return NULL;
    obj_t *d = module_dict(m);
    obj_t *doc = str_from_cstr("Tools that operate on functions.");
    if (!doc || dict_set_str(d, "__doc__", doc) < 0) {
        XDECREF(doc);
        DECREF(m);
        return NULL;
    }
    DECREF(doc);
    if (module_add_functions(m, functools_functions) < 0 ||
        type_ensure_ready(&functools_partial_type) < 0 || type_ensure_ready(&lru_type) < 0 ||
        type_ensure_ready(&lru_link_type) < 0 || type_ensure_ready(&keywrapper_type) < 0 ||
        dict_set_str(d, "partial", (obj_t *)&functools_partial_type) < 0 ||
        dict_set_str(d, "_lru_cache_wrapper", (obj_t *)&lru_type) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
