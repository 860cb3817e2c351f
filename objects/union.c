/*
 * objects/union.c — types.UnionType, the value of `int | str` (PEP 604):
 * the `|` operator on classes, isinstance()/issubclass() against a union,
 * equality and hashing as an unordered set of members, CPython's repr.
 *
 * Invariants: `args` is a tuple of at least two distinct members, each a
 * class or None (NoneType is stored as None, as CPython does); nested unions
 * are flattened at construction.
 */
#include "../core/error.h"
#include "exceptions.h"
#include "list.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"

typedef struct {
    obj_t ob;
    obj_t *args;
} union_t;

static bool union_member_ok(obj_t *v) {
    return v == None || TYPE_CHECK(v) || TYPE(v) == &union_type || TYPE(v) == &generic_alias_type;
}

static int add_member(obj_t *list, obj_t *v) {
    if (v == (obj_t *)&none_type) v = None;
    ssize_t n = list_size(list);
    for (ssize_t i = 0; i < n; i++) {
        obj_t *x = list_get(list, i);
        if (x == NULL) return -1;
        DECREF(x);
        if (x == v) return 0;
    }
    return list_append(list, v);
}

static int add_flat(obj_t *list, obj_t *v) {
    if (TYPE(v) == &union_type) {
        obj_t *a = ((union_t *)v)->args;
        for (size_t i = 0; i < TUPLE_SIZE(a); i++)
            if (add_member(list, TUPLE_GET(a, i)) < 0) return -1;
        return 0;
    }
    return add_member(list, v);
}

static obj_t *union_nb_or(obj_t *a, obj_t *b);

// a | b for classes, None and unions; NotImplemented for anything else.
obj_t *union_or(obj_t *a, obj_t *b) {
    if (!union_member_ok(a) || !union_member_ok(b)) return NEWREF(NotImplemented);
    obj_t *list = list_new(0);
    if (list == NULL) return NULL;
    if (add_flat(list, a) < 0 || add_flat(list, b) < 0) {
        DECREF(list);
        return NULL;
    }
    if (list_size(list) == 1) {
        obj_t *only = list_get(list, 0);
        DECREF(list);
        return only;
    }
    obj_t *args = list_as_tuple(list);
    DECREF(list);
    if (args == NULL) return NULL;
    union_t *u = (union_t *)obj_alloc(&union_type, sizeof(union_t));
    if (u == NULL) {
        DECREF(args);
        return NULL;
    }
    u->args = args;
    return (obj_t *)u;
}

static obj_t *union_nb_or(obj_t *a, obj_t *b) {
    return union_or(a, b);
}

int union_contains_instance(obj_t *u, obj_t *v, bool subclass) {
    obj_t *a = ((union_t *)u)->args;
    for (size_t i = 0; i < TUPLE_SIZE(a); i++) {
        obj_t *m = TUPLE_GET(a, i);
        if (m == None) m = (obj_t *)&none_type;
        int r = subclass ? obj_is_subclass(v, m) : obj_is_instance(v, m);
        if (r != 0) return r;
    }
    return 0;
}

static void union_dealloc(obj_t *self) {
    CLEAR(((union_t *)self)->args);
    obj_free(self);
}

static obj_t *member_repr(obj_t *m) {
    if (m == None) return str_from_cstr("None");
    if (TYPE_CHECK(m)) {
        obj_t *mod = obj_lookup_attr(m, ID(__module__));
        obj_t *qn = obj_lookup_attr(m, ID(__qualname__));
        obj_t *r;
        if (mod != NULL && qn != NULL && STR_CHECK(mod) && STR_CHECK(qn)) {
            if (str_eq_cstr(mod, "builtins"))
                r = NEWREF(qn);
            else
                r = str_from_format("%U.%U", mod, qn);
        } else {
            r = err_occurred() ? NULL : obj_repr(m);
        }
        XDECREF(mod);
        XDECREF(qn);
        return r;
    }
    return obj_repr(m);
}

static obj_t *union_repr(obj_t *self) {
    obj_t *a = ((union_t *)self)->args;
    str_builder_t b;
    str_builder_init(&b);
    for (size_t i = 0; i < TUPLE_SIZE(a); i++) {
        if (i) str_builder_add_cstr(&b, " | ");
        obj_t *r = member_repr(TUPLE_GET(a, i));
        if (r == NULL) {
            str_builder_discard(&b);
            return NULL;
        }
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    return str_builder_finish(&b);
}

static bool tuple_has(obj_t *t, obj_t *v) {
    for (size_t i = 0; i < TUPLE_SIZE(t); i++)
        if (TUPLE_GET(t, i) == v) return true;
    return false;
}

static obj_t *union_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || TYPE(b) != &union_type)
        return NEWREF(NotImplemented);
    obj_t *x = ((union_t *)a)->args, *y = ((union_t *)b)->args;
    bool eq = TUPLE_SIZE(x) == TUPLE_SIZE(y);
    for (size_t i = 0; eq && i < TUPLE_SIZE(x); i++)
        eq = tuple_has(y, TUPLE_GET(x, i));
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static hash_t union_hash(obj_t *self) {
    obj_t *a = ((union_t *)self)->args;
    uint64_t h = 0x345678;
    for (size_t i = 0; i < TUPLE_SIZE(a); i++)
        h ^= (uint64_t)obj_generic_hash(TUPLE_GET(a, i)); // order-independent
    hash_t r = (hash_t)h;
    return r == -1 ? -2 : r;
}

static obj_t *union_get_args(obj_t *self, void *c) {
    return NEWREF(((union_t *)self)->args);
}

static obj_t *union_instancecheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__instancecheck__", nargs, kwnames, 1, 1) < 0) return NULL;
    int r = union_contains_instance(self, args[0], false);
    return r < 0 ? NULL : NEWREF(bool_from(r));
}

static obj_t *union_subclasscheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__subclasscheck__", nargs, kwnames, 1, 1) < 0) return NULL;
    int r = union_contains_instance(self, args[0], true);
    return r < 0 ? NULL : NEWREF(bool_from(r));
}

static const method_def_t union_methods[] = {
    {"__instancecheck__", union_instancecheck, METH_DEFAULT, NULL},
    {"__subclasscheck__", union_subclasscheck, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static const getset_def_t union_getsets[] = {
    {"__args__", union_get_args, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t union_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "types.UnionType",
    .basicsize = sizeof(union_t),
    .base = &object_type,
    .dealloc = union_dealloc,
    .repr = union_repr,
    .hash = union_hash,
    .richcompare = union_richcompare,
    .nb = {[BINOP_OR] = union_nb_or},
    .methods = union_methods,
    .getsets = union_getsets,
    .doc = "Represent a PEP 604 union type\n\nE.g. for int | str",
};

// ---- types.GenericAlias: list[int], dict[str, int] (PEP 585) ----------------------

typedef struct {
    obj_t ob;
    obj_t *origin; // the class
    obj_t *args;   // tuple
} galias_t;

obj_t *generic_alias_new(obj_t *origin, obj_t *item) {
    obj_t *args = TUPLE_CHECK(item) ? NEWREF(item) : tuple_pack(1, item);
    if (args == NULL) return NULL;
    galias_t *g = (galias_t *)obj_alloc(&generic_alias_type, sizeof(galias_t));
    if (g == NULL) {
        DECREF(args);
        return NULL;
    }
    g->origin = NEWREF(origin);
    g->args = args;
    return (obj_t *)g;
}

static void galias_dealloc(obj_t *self) {
    galias_t *g = (galias_t *)self;
    CLEAR(g->origin);
    CLEAR(g->args);
    obj_free(self);
}

static obj_t *galias_repr(obj_t *self) {
    galias_t *g = (galias_t *)self;
    str_builder_t b;
    str_builder_init(&b);
    obj_t *r = member_repr(g->origin);
    if (r == NULL) goto error;
    str_builder_add_str(&b, r);
    DECREF(r);
    str_builder_add_char(&b, '[');
    size_t n = TUPLE_SIZE(g->args);
    if (n == 0) str_builder_add_cstr(&b, "()");
    for (size_t i = 0; i < n; i++) {
        if (i) str_builder_add_cstr(&b, ", ");
        obj_t *a = TUPLE_GET(g->args, i);
        r = a == Ellipsis ? str_from_cstr("...") : member_repr(a);
        if (r == NULL) goto error;
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    str_builder_add_char(&b, ']');
    return str_builder_finish(&b);
error:
    str_builder_discard(&b);
    return NULL;
}

static obj_t *galias_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_call(((galias_t *)self)->origin, args, nargs, kwnames);
}

static obj_t *galias_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || TYPE(b) != &generic_alias_type)
        return NEWREF(NotImplemented);
    galias_t *x = (galias_t *)a, *y = (galias_t *)b;
    int eq = x->origin == y->origin ? obj_eq(x->args, y->args) : 0;
    if (eq < 0) return NULL;
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static hash_t galias_hash(obj_t *self) {
    galias_t *g = (galias_t *)self;
    hash_t h = obj_hash(g->args);
    if (h == -1) return -1;
    h ^= obj_generic_hash(g->origin);
    return h == -1 ? -2 : h;
}

static obj_t *galias_get_origin(obj_t *self, void *c) {
    return NEWREF(((galias_t *)self)->origin);
}
static obj_t *galias_get_args(obj_t *self, void *c) {
    return NEWREF(((galias_t *)self)->args);
}

static obj_t *galias_instancecheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_set_str(exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
    return NULL;
}
static obj_t *galias_subclasscheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_set_str(exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
    return NULL;
}

static const method_def_t galias_methods[] = {
    {"__instancecheck__", galias_instancecheck, METH_DEFAULT, NULL},
    {"__subclasscheck__", galias_subclasscheck, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static const getset_def_t galias_getsets[] = {
    {"__origin__", galias_get_origin, NULL, NULL},
    {"__args__", galias_get_args, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t generic_alias_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "types.GenericAlias",
    .basicsize = sizeof(galias_t),
    .base = &object_type,
    .dealloc = galias_dealloc,
    .repr = galias_repr,
    .hash = galias_hash,
    .richcompare = galias_richcompare,
    .call = galias_call,
    .nb = {[BINOP_OR] = union_nb_or},
    .methods = galias_methods,
    .getsets = galias_getsets,
    .doc = "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list "
           "and t.__args__ is (int,).",
};
