/*
 * objects/union.c — types.UnionType, the value of `int | str` (PEP 604):
 * the `|` operator on classes, isinstance()/issubclass() against a union,
 * equality and hashing as an unordered set of members, CPython's repr.
 * Also types.GenericAlias, the value of `list[int]` (PEP 585), and the
 * shared `__class_getitem__` of builtin generic classes (see its section).
 *
 * Invariants: `args` is a tuple of at least two distinct members, each a
 * class (None is stored as NoneType, as CPython does); nested unions
 * are flattened at construction.
 */
#include "../core/error.h"
#include "../core/runtime.h"
#include "dict.h"
#include "exceptions.h"
#include "list.h"
#include "set.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"

typedef struct {
    obj_t ob;
    obj_t *args;
    obj_t *parameters; // tuple, or NULL until first asked for (see galias_t)
} union_t;

static bool galias_check(obj_t *v);

static bool union_member_ok(obj_t *v) {
    return v == None || TYPE_CHECK(v) || TYPE(v) == &union_type || galias_check(v);
}

// Two members are the same class, or equal generic aliases (list[int] is
// made anew each time); 1, 0 or -1 on error.
static int same_member(obj_t *x, obj_t *v) {
    if (x == v) return 1;
    if (galias_check(x) && galias_check(v)) return obj_eq(x, v);
    return 0;
}

static int add_member(obj_t *list, obj_t *v) {
    if (v == None) v = (obj_t *)&none_type;
    ssize_t n = list_size(list);
    for (ssize_t i = 0; i < n; i++) {
        obj_t *x = list_get(list, i);
        if (x == NULL) return -1;
        int same = same_member(x, v);
        DECREF(x);
        if (same != 0) return same < 0 ? -1 : 0;
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
    CLEAR(((union_t *)self)->parameters);
    obj_free(self);
}

static obj_t *member_repr(obj_t *m) {
    if (m == None || m == (obj_t *)&none_type) return str_from_cstr("None");
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

static int tuple_has(obj_t *t, obj_t *v) {
    for (size_t i = 0; i < TUPLE_SIZE(t); i++) {
        int same = same_member(TUPLE_GET(t, i), v);
        if (same != 0) return same;
    }
    return 0;
}

static obj_t *union_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || TYPE(b) != &union_type)
        return NEWREF(NotImplemented);
    obj_t *x = ((union_t *)a)->args, *y = ((union_t *)b)->args;
    int eq = TUPLE_SIZE(x) == TUPLE_SIZE(y);
    for (size_t i = 0; eq > 0 && i < TUPLE_SIZE(x); i++)
        eq = tuple_has(y, TUPLE_GET(x, i));
    if (eq < 0) return NULL;
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

// hash(frozenset(args)), as CPython (so int | str hashes as
// typing.Union[int, str]).
static hash_t union_hash(obj_t *self) {
    obj_t *fs = frozenset_new(((union_t *)self)->args);
    if (fs == NULL) return -1;
    hash_t h = obj_hash(fs);
    DECREF(fs);
    return h;
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

// Defined with GenericAlias's substitution below.
static obj_t *union_get_parameters(obj_t *self, void *c);
static obj_t *union_getitem(obj_t *self, obj_t *item);

static const getset_def_t union_getsets[] = {
    {"__args__", union_get_args, NULL, NULL},
    {"__parameters__", union_get_parameters, NULL, NULL},
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
    .getitem = union_getitem,
    .nb = {[BINOP_OR] = union_nb_or},
    .methods = union_methods,
    .getsets = union_getsets,
    .doc = "Represent a PEP 604 union type\n\nE.g. for int | str",
};

// ---- types.GenericAlias: list[int], dict[str, int] (PEP 585) ----------------------
//
// An alias holds its origin class and its argument tuple, both fixed at
// construction, and a `starred` flag (`*tuple[int]`, 3.11).  __parameters__
// is computed on first use and published with a compare-and-swap, so racing
// readers agree on one tuple.  Attribute reads other than the alias's own
// (alias_own_attrs) go to the origin, as CPython does: list[int].append is
// list.append.  The type is subclassable (_collections_abc's
// _CallableGenericAlias): every check below accepts subclasses.

typedef struct {
    obj_t ob;
    obj_t *origin;     // the class
    obj_t *args;       // tuple
    obj_t *parameters; // tuple, or NULL until first asked for
    bool starred;      // made by *alias
} galias_t;

static bool galias_check(obj_t *v) {
    return !IS_SMALLINT(v) && type_is_subtype(TYPE(v), &generic_alias_type);
}

static obj_t *galias_make(type_t *type, obj_t *origin, obj_t *item, bool starred) {
    obj_t *args = TUPLE_CHECK(item) ? NEWREF(item) : tuple_pack(1, item);
    if (args == NULL) return NULL;
    galias_t *g = (galias_t *)obj_alloc(type, type->basicsize);
    if (g == NULL) {
        DECREF(args);
        return NULL;
    }
    g->origin = NEWREF(origin);
    g->args = args;
    g->starred = starred;
    return (obj_t *)g;
}

obj_t *generic_alias_new(obj_t *origin, obj_t *item) {
    return galias_make(&generic_alias_type, origin, item, false);
}

// The shared `__class_getitem__` of builtin generic classes: cls[item] is
// types.GenericAlias(cls, item).
obj_t *generic_class_getitem(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    bool kw = kwnames != NULL && TUPLE_SIZE(kwnames) > 0;
    if (kw || nargs != 1) {
        obj_t *qn = obj_getattr(cls, ID(__qualname__));
        if (qn == NULL) return NULL;
        if (kw)
            err_format(exc_TypeError, "%S.__class_getitem__() takes no keyword arguments", qn);
        else
            err_format(exc_TypeError,
                       "%S.__class_getitem__() takes exactly one argument (%zu given)", qn, nargs);
        DECREF(qn);
        return NULL;
    }
    return generic_alias_new(cls, args[0]);
}

static obj_t *galias_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames != NULL && TUPLE_SIZE(kwnames) > 0) {
        err_set_str(exc_TypeError, "GenericAlias() takes no keyword arguments");
        return NULL;
    }
    if (nargs != 2) {
        err_format(exc_TypeError, "GenericAlias expected 2 arguments, got %zu", nargs);
        return NULL;
    }
    return galias_make(type, args[0], args[1], false);
}

static void galias_dealloc(obj_t *self) {
    galias_t *g = (galias_t *)self;
    CLEAR(g->origin);
    CLEAR(g->args);
    CLEAR(g->parameters);
    obj_free(self);
}

// ---- repr ----

// One argument as CPython's ga_repr_item writes it: `...`, the repr of
// anything that looks like an alias (__origin__ and __args__), module.qualname
// for classes (qualname alone for builtins), else the repr.
static obj_t *item_repr(obj_t *p) {
    if (p == Ellipsis) return str_from_cstr("...");
    obj_t *t = obj_lookup_attr(p, ID(__origin__));
    if (t == NULL && err_occurred()) return NULL;
    if (t != NULL) {
        DECREF(t);
        t = obj_lookup_attr(p, ID(__args__));
        if (t == NULL && err_occurred()) return NULL;
        if (t != NULL) {
            DECREF(t);
            return obj_repr(p);
        }
    }
    obj_t *qn = obj_lookup_attr(p, ID(__qualname__));
    if (qn == NULL) return err_occurred() ? NULL : obj_repr(p);
    obj_t *mod = obj_lookup_attr(p, ID(__module__));
    if (mod == NULL || mod == None) {
        XDECREF(mod);
        DECREF(qn);
        return err_occurred() ? NULL : obj_repr(p);
    }
    obj_t *r;
    if (STR_CHECK(mod) && str_eq_cstr(mod, "builtins"))
        r = obj_str(qn);
    else
        r = str_from_format("%S.%S", mod, qn);
    DECREF(mod);
    DECREF(qn);
    return r;
}

static int add_item_repr(str_builder_t *b, obj_t *p) {
    obj_t *r = item_repr(p);
    if (r == NULL) return -1;
    str_builder_add_str(b, r);
    DECREF(r);
    return 0;
}

static obj_t *galias_repr(obj_t *self) {
    galias_t *g = (galias_t *)self;
    str_builder_t b;
    str_builder_init(&b);
    if (g->starred) str_builder_add_char(&b, '*');
    if (add_item_repr(&b, g->origin) < 0) goto error;
    str_builder_add_char(&b, '[');
    size_t n = TUPLE_SIZE(g->args);
    for (size_t i = 0; i < n; i++) {
        if (i) str_builder_add_cstr(&b, ", ");
        if (add_item_repr(&b, TUPLE_GET(g->args, i)) < 0) goto error;
    }
    if (n == 0) str_builder_add_cstr(&b, "()");
    str_builder_add_char(&b, ']');
    return str_builder_finish(&b);
error:
    str_builder_discard(&b);
    return NULL;
}

// ---- __parameters__ and substitution ----

static ssize_t tuple_index(obj_t *t, obj_t *v) {
    for (size_t i = 0; i < TUPLE_SIZE(t); i++)
        if (TUPLE_GET(t, i) == v) return (ssize_t)i;
    return -1;
}

static int list_add_unique(obj_t *list, obj_t *v) {
    ssize_t n = list_size(list);
    for (ssize_t i = 0; i < n; i++) {
        obj_t *x = list_get(list, i);
        if (x == NULL) return -1;
        DECREF(x);
        if (x == v) return 0;
    }
    return list_append(list, v);
}

// The type variables of `args` in order of first appearance: each argument
// with __typing_subst__ (TypeVar, ParamSpec...), then the __parameters__ of
// other non-class arguments (nested aliases).
static obj_t *make_parameters(obj_t *args) {
    obj_t *list = list_new(0);
    if (list == NULL) return NULL;
    for (size_t i = 0; i < TUPLE_SIZE(args); i++) {
        obj_t *t = TUPLE_GET(args, i);
        if (TYPE_CHECK(t)) continue;
        obj_t *subst = obj_lookup_attr(t, ID(__typing_subst__));
        if (subst != NULL) {
            DECREF(subst);
            if (list_add_unique(list, t) < 0) goto error;
            continue;
        }
        if (err_occurred()) goto error;
        obj_t *sub = obj_lookup_attr(t, ID(__parameters__));
        if (sub == NULL) {
            if (err_occurred()) goto error;
            continue;
        }
        if (TUPLE_CHECK(sub)) {
            for (size_t j = 0; j < TUPLE_SIZE(sub); j++) {
                if (list_add_unique(list, TUPLE_GET(sub, j)) < 0) {
                    DECREF(sub);
                    goto error;
                }
            }
        }
        DECREF(sub);
    }
    obj_t *r = list_as_tuple(list);
    DECREF(list);
    return r;
error:
    DECREF(list);
    return NULL;
}

// A borrowed reference to the parameters of `args`, computed once and
// published in *slot (an alias's or a union's cache).
static obj_t *cached_parameters(obj_t **slot, obj_t *args) {
    obj_t *p = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (p != NULL) return p;
    p = make_parameters(args);
    if (p == NULL) return NULL;
    obj_t *expected = NULL;
    if (!__atomic_compare_exchange_n(slot, &expected, p, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        DECREF(p); // another thread published first
        return expected;
    }
    return p;
}

static obj_t *galias_parameters(galias_t *g) {
    return cached_parameters(&g->parameters, g->args);
}

// The arguments of an unpacked tuple (*tuple[int, str]), or NULL (no
// exception) when v is not one.
static obj_t *unpacked_tuple_args(obj_t *v) {
    if (galias_check(v)) {
        galias_t *g = (galias_t *)v;
        if (g->starred && g->origin == (obj_t *)&tuple_type) return NEWREF(g->args);
    }
    obj_t *r = obj_lookup_attr(v, ID(__typing_unpacked_tuple_args__));
    if (r == None) {
        DECREF(r);
        return NULL;
    }
    return r;
}

// The subscript as a tuple, unpacked tuples (*tuple[int, str], not ones
// ending in ...) spliced in.
static obj_t *unpack_item(obj_t *item) {
    obj_t *list = list_new(0);
    if (list == NULL) return NULL;
    bool is_tuple = TUPLE_CHECK(item);
    size_t n = is_tuple ? TUPLE_SIZE(item) : 1;
    for (size_t i = 0; i < n; i++) {
        obj_t *v = is_tuple ? TUPLE_GET(item, i) : item;
        if (!TYPE_CHECK(v)) {
            obj_t *sub = unpacked_tuple_args(v);
            if (sub != NULL) {
                size_t k = TUPLE_CHECK(sub) ? TUPLE_SIZE(sub) : 0;
                if (TUPLE_CHECK(sub) && !(k > 0 && TUPLE_GET(sub, k - 1) == Ellipsis)) {
                    int rc = list_extend(list, sub);
                    DECREF(sub);
                    if (rc < 0) goto error;
                    continue;
                }
                DECREF(sub);
            } else if (err_occurred()) {
                goto error;
            }
        }
        if (list_append(list, v) < 0) goto error;
    }
    obj_t *r = list_as_tuple(list);
    DECREF(list);
    return r;
error:
    DECREF(list);
    return NULL;
}

// 1 when v is *Ts for a TypeVarTuple Ts, 0 if not, -1 on error.
static int is_unpacked_typevartuple(obj_t *v) {
    if (TYPE_CHECK(v)) return 0;
    obj_t *t = obj_lookup_attr(v, ID(__typing_is_unpacked_typevartuple__));
    if (t == NULL) return err_occurred() ? -1 : 0;
    int r = obj_is_true(t);
    DECREF(t);
    return r;
}

// obj with its own parameters replaced: dict[T, list[S]] substitutes into
// list[S] by subscripting it with the values of S.
static obj_t *subs_tvars(obj_t *obj, obj_t *params, obj_t *items) {
    obj_t *sub = obj_lookup_attr(obj, ID(__parameters__));
    if (sub == NULL) return err_occurred() ? NULL : NEWREF(obj);
    if (!TUPLE_CHECK(sub) || TUPLE_SIZE(sub) == 0) {
        DECREF(sub);
        return NEWREF(obj);
    }
    obj_t *list = list_new(0);
    if (list == NULL) goto error;
    for (size_t i = 0; i < TUPLE_SIZE(sub); i++) {
        obj_t *a = TUPLE_GET(sub, i);
        ssize_t k = tuple_index(params, a);
        if (k >= 0) {
            obj_t *param = TUPLE_GET(params, k);
            a = TUPLE_GET(items, k);
            if (TUPLE_CHECK(a) && TYPE(param)->iter != NULL) { // a TypeVarTuple's values
                if (list_extend(list, a) < 0) goto error;
                continue;
            }
        }
        if (list_append(list, a) < 0) goto error;
    }
    obj_t *key = list_as_tuple(list);
    DECREF(list);
    DECREF(sub);
    if (key == NULL) return NULL;
    obj_t *r = obj_getitem(obj, key);
    DECREF(key);
    return r;
error:
    XDECREF(list);
    DECREF(sub);
    return NULL;
}

// The new argument tuple of self[item] (CPython's _Py_subs_parameters).
static obj_t *subs_parameters(obj_t *self, obj_t *args, obj_t *params, obj_t *item) {
    size_t nparams = TUPLE_SIZE(params);
    if (nparams == 0) {
        err_format(exc_TypeError, "%R is not a generic class", self);
        return NULL;
    }
    item = unpack_item(item);
    if (item == NULL) return NULL;
    for (size_t i = 0; i < nparams; i++) {
        obj_t *prep = obj_lookup_attr(TUPLE_GET(params, i), ID(__typing_prepare_subst__));
        if (prep == NULL) {
            if (err_occurred()) goto error;
            continue;
        }
        if (prep != None) {
            obj_t *tmp = obj_call2(prep, self, item);
            DECREF(prep);
            DECREF(item);
            item = tmp;
            if (item == NULL) return NULL;
            if (!TUPLE_CHECK(item)) {
                obj_t *t = tuple_pack(1, item);
                DECREF(item);
                item = t;
                if (item == NULL) return NULL;
            }
        } else {
            DECREF(prep);
        }
    }
    size_t nitems = TUPLE_SIZE(item);
    if (nitems != nparams) {
        err_format(exc_TypeError, "Too %s arguments for %R; actual %zu, expected %zu",
                   nitems > nparams ? "many" : "few", self, nitems, nparams);
        goto error;
    }
    obj_t *list = list_new(0);
    if (list == NULL) goto error;
    for (size_t i = 0; i < TUPLE_SIZE(args); i++) {
        obj_t *a = TUPLE_GET(args, i);
        if (TYPE_CHECK(a)) {
            if (list_append(list, a) < 0) goto error2;
            continue;
        }
        int unpack = is_unpacked_typevartuple(a);
        if (unpack < 0) goto error2;
        obj_t *subst = obj_lookup_attr(a, ID(__typing_subst__));
        obj_t *v;
        if (subst != NULL) {
            ssize_t k = tuple_index(params, a);
            v = k >= 0 ? obj_call1(subst, TUPLE_GET(item, k)) : NEWREF(a);
            DECREF(subst);
        } else {
            if (err_occurred()) goto error2;
            v = subs_tvars(a, params, item);
        }
        if (v == NULL) goto error2;
        int rc = unpack && TUPLE_CHECK(v) ? list_extend(list, v) : list_append(list, v);
        DECREF(v);
        if (rc < 0) goto error2;
    }
    DECREF(item);
    obj_t *r = list_as_tuple(list);
    DECREF(list);
    return r;
error2:
    DECREF(list);
error:
    DECREF(item);
    return NULL;
}

static obj_t *galias_getitem(obj_t *self, obj_t *item) {
    galias_t *g = (galias_t *)self;
    obj_t *params = galias_parameters(g);
    if (params == NULL) return NULL;
    obj_t *newargs = subs_parameters(self, g->args, params, item);
    if (newargs == NULL) return NULL;
    obj_t *r = galias_make(&generic_alias_type, g->origin, newargs, g->starred);
    DECREF(newargs);
    return r;
}

// ---- call, compare, hash ----

static obj_t *galias_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *r = obj_call(((galias_t *)self)->origin, args, nargs, kwnames);
    if (r == NULL) return NULL;
    if (obj_setattr(r, ID(__orig_class__), self) < 0) {
        if (!err_matches(exc_AttributeError) && !err_matches(exc_TypeError)) {
            DECREF(r);
            return NULL;
        }
        err_clear();
    }
    return r;
}

static obj_t *galias_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || !galias_check(b)) return NEWREF(NotImplemented);
    galias_t *x = (galias_t *)a, *y = (galias_t *)b;
    int eq = 0;
    if (x->starred == y->starred) {
        eq = obj_eq(x->origin, y->origin);
        if (eq > 0) eq = obj_eq(x->args, y->args);
        if (eq < 0) return NULL;
    }
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static hash_t galias_hash(obj_t *self) {
    galias_t *g = (galias_t *)self;
    hash_t h0 = obj_hash(g->origin);
    if (h0 == -1) return -1;
    hash_t h1 = obj_hash(g->args);
    if (h1 == -1) return -1;
    hash_t h = h0 ^ h1;
    return h == -1 ? -2 : h;
}

// ---- attributes ----

// Names an alias answers itself; every other attribute comes from the origin.
static const char *const alias_own_attrs[] = {
    "__class__",       "__origin__",     "__args__",
    "__unpacked__",    "__parameters__", "__typing_unpacked_tuple_args__",
    "__mro_entries__", "__reduce_ex__",  "__reduce__",
    "__copy__",        "__deepcopy__",   NULL,
};

static obj_t *galias_getattro(obj_t *self, obj_t *name) {
    if (STR_CHECK(name)) {
        for (const char *const *p = alias_own_attrs;; p++) {
            if (*p == NULL) return obj_getattr(((galias_t *)self)->origin, name);
            if (str_eq_cstr(name, *p)) break;
        }
    }
    return obj_generic_getattr(self, name);
}

static obj_t *galias_get_origin(obj_t *self, void *c) {
    return NEWREF(((galias_t *)self)->origin);
}
static obj_t *galias_get_args(obj_t *self, void *c) {
    return NEWREF(((galias_t *)self)->args);
}
static obj_t *galias_get_unpacked(obj_t *self, void *c) {
    return NEWREF(bool_from(((galias_t *)self)->starred));
}
static obj_t *galias_get_parameters(obj_t *self, void *c) {
    obj_t *p = galias_parameters((galias_t *)self);
    return p ? NEWREF(p) : NULL;
}
static obj_t *galias_get_unpacked_tuple_args(obj_t *self, void *c) {
    galias_t *g = (galias_t *)self;
    if (g->starred && g->origin == (obj_t *)&tuple_type) return NEWREF(g->args);
    return NEWREF(None);
}

static obj_t *galias_instancecheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_set_str(exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
    return NULL;
}
static obj_t *galias_subclasscheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_set_str(exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
    return NULL;
}

static obj_t *galias_mro_entries(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__mro_entries__", nargs, kwnames, 1, 1) < 0) return NULL;
    return tuple_pack(1, ((galias_t *)self)->origin);
}

static obj_t *galias_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    galias_t *g = (galias_t *)self;
    if (g->starred) {
        // *alias pickles as next(iter(alias)).
        obj_t *plain = generic_alias_new(g->origin, g->args);
        if (plain == NULL) return NULL;
        obj_t *it = obj_iter(plain);
        DECREF(plain);
        if (it == NULL) return NULL;
        obj_t *next = dict_get(pvm_rt.builtins_dict, ID(next));
        if (next == NULL) {
            if (!err_occurred()) err_set_str(exc_RuntimeError, "lost builtins.next");
            DECREF(it);
            return NULL;
        }
        obj_t *inner = tuple_pack(1, it);
        DECREF(it);
        obj_t *r = inner ? tuple_pack(2, next, inner) : NULL;
        XDECREF(inner);
        DECREF(next);
        return r;
    }
    obj_t *inner = tuple_pack(2, g->origin, g->args);
    if (inner == NULL) return NULL;
    obj_t *r = tuple_pack(2, (obj_t *)TYPE(self), inner);
    DECREF(inner);
    return r;
}

static obj_t *galias_dir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__dir__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *d = obj_dir(((galias_t *)self)->origin);
    if (d == NULL) return NULL;
    for (const char *const *p = alias_own_attrs; *p != NULL; p++) {
        obj_t *name = str_intern(*p);
        int c = obj_contains(d, name);
        if (c == 0) c = list_append(d, name);
        if (c < 0) {
            DECREF(d);
            return NULL;
        }
    }
    return d;
}

// ---- UnionType's __parameters__ and substitution: (int | list[T])[str] ----

static obj_t *union_get_parameters(obj_t *self, void *c) {
    union_t *u = (union_t *)self;
    obj_t *p = cached_parameters(&u->parameters, u->args);
    return p ? NEWREF(p) : NULL;
}

// The substituted arguments joined again with `|`.
static obj_t *union_getitem(obj_t *self, obj_t *item) {
    union_t *u = (union_t *)self;
    obj_t *params = cached_parameters(&u->parameters, u->args);
    if (params == NULL) return NULL;
    obj_t *newargs = subs_parameters(self, u->args, params, item);
    if (newargs == NULL) return NULL;
    obj_t *r = NULL;
    if (TUPLE_SIZE(newargs) > 0) {
        r = NEWREF(TUPLE_GET(newargs, 0));
        for (size_t i = 1; r != NULL && i < TUPLE_SIZE(newargs); i++) {
            obj_t *t = obj_binop(r, TUPLE_GET(newargs, i), BINOP_OR);
            DECREF(r);
            r = t;
        }
    } else {
        err_set_str(exc_TypeError, "cannot substitute an empty union");
    }
    DECREF(newargs);
    return r;
}

// ---- iter(alias): yields *alias once (`*tuple[int]` in a subscript) ----

typedef struct {
    obj_t ob;
    obj_t *alias;  // fixed for the iterator's life
    bool finished; // set (atomically) by the first next()
} galias_iter_t;

type_t generic_alias_iter_type;

static obj_t *galias_iter(obj_t *self) {
    if (type_ensure_ready(&generic_alias_iter_type) < 0) return NULL;
    galias_iter_t *it = (galias_iter_t *)obj_alloc(&generic_alias_iter_type, sizeof(galias_iter_t));
    if (it == NULL) return NULL;
    it->alias = NEWREF(self);
    return (obj_t *)it;
}

static obj_t *galias_iter_next(obj_t *self) {
    galias_iter_t *it = (galias_iter_t *)self;
    if (__atomic_exchange_n(&it->finished, true, __ATOMIC_ACQ_REL)) return NULL;
    galias_t *g = (galias_t *)it->alias;
    return galias_make(&generic_alias_type, g->origin, g->args, true);
}

static void galias_iter_dealloc(obj_t *self) {
    CLEAR(((galias_iter_t *)self)->alias);
    obj_free(self);
}

// iter(alias), or iter(()) once exhausted.
static obj_t *galias_iter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    galias_iter_t *it = (galias_iter_t *)self;
    obj_t *iter = dict_get(pvm_rt.builtins_dict, ID(iter));
    if (iter == NULL) {
        if (!err_occurred()) err_set_str(exc_RuntimeError, "lost builtins.iter");
        return NULL;
    }
    obj_t *arg =
        __atomic_load_n(&it->finished, __ATOMIC_ACQUIRE) ? tuple_new(0) : NEWREF(it->alias);
    obj_t *inner = arg ? tuple_pack(1, arg) : NULL;
    obj_t *r = inner ? tuple_pack(2, iter, inner) : NULL;
    XDECREF(inner);
    XDECREF(arg);
    DECREF(iter);
    return r;
}

static const method_def_t galias_iter_methods[] = {
    {"__reduce__", galias_iter_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static obj_t *self_iter(obj_t *self) {
    return NEWREF(self);
}

type_t generic_alias_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "generic_alias_iterator",
    .basicsize = sizeof(galias_iter_t),
    .base = &object_type,
    .dealloc = galias_iter_dealloc,
    .iter = self_iter,
    .iternext = galias_iter_next,
    .methods = galias_iter_methods,
};

static const method_def_t galias_methods[] = {
    {"__instancecheck__", galias_instancecheck, METH_DEFAULT, NULL},
    {"__subclasscheck__", galias_subclasscheck, METH_DEFAULT, NULL},
    {"__mro_entries__", galias_mro_entries, METH_DEFAULT, NULL},
    {"__reduce__", galias_reduce, METH_DEFAULT, NULL},
    {"__dir__", galias_dir, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static const getset_def_t galias_getsets[] = {
    {"__origin__", galias_get_origin, NULL, NULL},
    {"__args__", galias_get_args, NULL, NULL},
    {"__unpacked__", galias_get_unpacked, NULL, NULL},
    {"__parameters__", galias_get_parameters, NULL, NULL},
    {"__typing_unpacked_tuple_args__", galias_get_unpacked_tuple_args, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t generic_alias_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "types.GenericAlias",
    .basicsize = sizeof(galias_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = galias_dealloc,
    .repr = galias_repr,
    .hash = galias_hash,
    .richcompare = galias_richcompare,
    .getattro = galias_getattro,
    .call = galias_call,
    .iter = galias_iter,
    .getitem = galias_getitem,
    .tp_new = galias_tp_new,
    .nb = {[BINOP_OR] = union_nb_or},
    .methods = galias_methods,
    .getsets = galias_getsets,
    .doc = "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list "
           "and t.__args__ is (int,).",
};
