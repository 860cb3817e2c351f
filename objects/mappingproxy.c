/*
 * objects/mappingproxy.c — types.MappingProxyType ("mappingproxy"): a
 * read-only view of a mapping.  `C.__dict__` of a class is one (over the
 * class's own dict, live: later class attributes show through it), and
 * `types.MappingProxyType(m)` makes one over any mapping that is not a list
 * or a tuple.
 *
 * The proxy holds one strong reference to its mapping and never changes it,
 * so it needs no lock of its own: every operation is the mapping's own
 * (item lookup, len, iteration, `in`, comparison, and the methods get,
 * keys, values, items, copy, __reversed__), which does its own locking.
 * Assignment, deletion and `|=` raise TypeError, as in CPython.
 */
#include "../core/error.h"
#include "dict.h"
#include "exceptions.h"
#include "list.h"
#include "range.h"
#include "str.h"
#include "tuple.h"
#include "type.h"

typedef struct {
    obj_t ob;
    obj_t *mapping; // strong, never NULL, never changes
} mappingproxy_t;

type_t mappingproxy_type;

#define MP(o) (((mappingproxy_t *)(o))->mapping)

// A proxy over `mapping` (no checks: the caller vouches for it).
PVM_WUR obj_t *mappingproxy_new(obj_t *mapping) {
    if (type_ensure_ready(&mappingproxy_type) < 0) return NULL;
    mappingproxy_t *p = (mappingproxy_t *)obj_alloc(&mappingproxy_type, sizeof(mappingproxy_t));
    if (p == NULL) return NULL;
    p->mapping = NEWREF(mapping);
    return (obj_t *)p;
}

static obj_t *mp_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"mapping", NULL};
    obj_t *m = NULL;
    if (args_parse("mappingproxy", args, nargs, kwnames, names, 1, &m) < 0) return NULL;
    type_t *mt = TYPE(m);
    if (mt->getitem == NULL || type_is_subtype(mt, &list_type) ||
        type_is_subtype(mt, &tuple_type)) {
        err_format(exc_TypeError, "mappingproxy() argument must be a mapping, not %s",
                   obj_type_name(m));
        return NULL;
    }
    return mappingproxy_new(m);
}

static void mp_dealloc(obj_t *o) {
    DECREF(MP(o));
    obj_free(o);
}

static int mp_traverse(obj_t *o, visitproc visit, void *arg) {
    return visit(MP(o), arg);
}

static obj_t *mp_repr(obj_t *o) {
    return str_from_format("mappingproxy(%R)", MP(o));
}

static obj_t *mp_str(obj_t *o) {
    return obj_str(MP(o));
}

static obj_t *mp_getitem(obj_t *o, obj_t *key) {
    return obj_getitem(MP(o), key);
}

static ssize_t mp_len(obj_t *o) {
    return obj_len(MP(o));
}

static int mp_contains(obj_t *o, obj_t *key) {
    if (TYPE(MP(o)) == &dict_type) return dict_contains(MP(o), key);
    return obj_contains(MP(o), key);
}

static obj_t *mp_iter(obj_t *o) {
    return obj_iter(MP(o));
}

static obj_t *mp_richcompare(obj_t *a, obj_t *b, int op) {
    return obj_richcompare(MP(a), b, op);
}

// `proxy | other` and `other | proxy`: the mappings' own `|`.
static obj_t *mp_or(obj_t *a, obj_t *b) {
    if (TYPE(a) == &mappingproxy_type) a = MP(a);
    if (TYPE(b) == &mappingproxy_type) b = MP(b);
    return obj_binop(a, b, BINOP_OR);
}

static obj_t *mp_ior(obj_t *a, obj_t *b) {
    err_format(exc_TypeError, "'|=' is not supported by %s; use '|' instead", obj_type_name(a));
    return NULL;
}

static obj_t *mp_get(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("get", kwnames) < 0) return NULL;
    if (nargs < 1) {
        err_format(exc_TypeError, "get expected at least 1 argument, got %zu", nargs);
        return NULL;
    }
    if (nargs > 2) {
        err_format(exc_TypeError, "get expected at most 2 arguments, got %zu", nargs);
        return NULL;
    }
    obj_t *call_args[2] = {args[0], nargs == 2 ? args[1] : None};
    return obj_call_method(MP(self), "get", call_args, 2);
}

// fname is "mappingproxy.<name>" for the error messages.
static obj_t *forward0(obj_t *self, const char *fname, size_t nargs, obj_t *kwnames) {
    if (args_check(fname, nargs, kwnames, 0, 0) < 0) return NULL;
    const char *name = fname + sizeof "mappingproxy." - 1;
    return obj_call_method(MP(self), name, NULL, 0);
}

static obj_t *mp_keys(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward0(self, "mappingproxy.keys", nargs, kwnames);
}
static obj_t *mp_values(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward0(self, "mappingproxy.values", nargs, kwnames);
}
static obj_t *mp_items(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward0(self, "mappingproxy.items", nargs, kwnames);
}
static obj_t *mp_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward0(self, "mappingproxy.copy", nargs, kwnames);
}

static obj_t *mp_reversed(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("mappingproxy.__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *m = MP(self);
    return obj_call((obj_t *)&reversed_type, &m, 1, NULL);
}

static const method_def_t mp_methods[] = {
    {"get", mp_get, METH_DEFAULT, NULL},
    {"keys", mp_keys, METH_DEFAULT, NULL},
    {"values", mp_values, METH_DEFAULT, NULL},
    {"items", mp_items, METH_DEFAULT, NULL},
    {"copy", mp_copy, METH_DEFAULT, NULL},
    {"__reversed__", mp_reversed, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

type_t mappingproxy_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "mappingproxy",
    .basicsize = sizeof(mappingproxy_t),
    .base = &object_type,
    .dealloc = mp_dealloc,
    .traverse = mp_traverse,
    .repr = mp_repr,
    .str = mp_str,
    .hash = hash_not_implemented,
    .richcompare = mp_richcompare,
    .iter = mp_iter,
    .len = mp_len,
    .getitem = mp_getitem,
    .contains = mp_contains,
    .nb = {[BINOP_OR] = mp_or},
    .nb_inplace = {[BINOP_OR] = mp_ior},
    .tp_new = mp_tp_new,
    .methods = mp_methods,
};
