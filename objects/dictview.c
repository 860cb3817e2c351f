/*
 * objects/dictview.c — dict views (dict_keys, dict_values, dict_items) and
 * the six dict iterator types (forward and reverse over keys, values,
 * items).
 *
 * Views hold a reference to their dict and read it live.  Keys and items
 * views are set-like: comparisons with sets and other set-like views, and
 * `& | - ^` producing sets, follow CPython's dictviews_* functions.
 *
 * Iterators follow CPython's rules: the dict's size is recorded when
 * iteration starts; a different size at any step raises (and keeps raising)
 * RuntimeError "dictionary changed size during iteration"; finding more
 * entries than expected raises "dictionary keys changed during iteration"
 * and ends the iteration.  Each step is one critical section of the dict
 * (dict_iter_step in dict.c); the table itself stays private to dict.c.
 */
#define PVM_CONTAINERS_IMPL 1
#include "../gc/gc.h"
#include "containers_internal.h"

#include "../core/error.h"
#include "../threads/critical.h"
#include "dict.h"
#include "dict_internal.h"
#include "exceptions.h"
#include "list.h"
#include "range.h"
#include "set.h"
#include "str.h"
#include "tuple.h"

extern type_t dict_keys_type, dict_values_type, dict_items_type;
extern type_t dict_keyiter_type, dict_valueiter_type, dict_itemiter_type;
extern type_t dict_revkeyiter_type, dict_revvalueiter_type, dict_revitemiter_type;

// ---- iterators ---------------------------------------------------------------

static obj_t *dictiter_next_locked(obj_t *o);
static obj_t *dictiter_next(obj_t *o);

typedef struct {
    obj_t ob;
    obj_t *dict;
    dict_iter_state_t st;
    int kind;
    bool reverse;
} dictiter_t;

PVM_WUR obj_t *dictiter_new(obj_t *d, int kind, bool reverse) {
    static type_t *const types[2][3] = {
        {&dict_keyiter_type, &dict_valueiter_type, &dict_itemiter_type},
        {&dict_revkeyiter_type, &dict_revvalueiter_type, &dict_revitemiter_type},
    };
    type_t *tp = types[reverse ? 1 : 0][kind];
    if (cont_ready(tp) < 0) return NULL;
    dictiter_t *it = (dictiter_t *)obj_alloc(tp, sizeof(dictiter_t));
    if (!it) return NULL;
    it->dict = NEWREF(d);
    it->kind = kind;
    it->reverse = reverse;
    dict_iter_init(d, &it->st, reverse);
    return (obj_t *)it;
}

static void dictiter_dealloc(obj_t *o) {
    DECREF(((dictiter_t *)o)->dict);
    obj_free(o);
}

// iternext_reg of the forward iterators: the dict is read without its
// lock (dict_iter_step_for_reg).  Steps of one iterator are serialized by
// the iterator's own critical section (cheap: an iterator is almost always
// private to one thread).
static inline int dictiter_step_reg(obj_t *o, obj_t **key, obj_t **value) {
    dictiter_t *it = (dictiter_t *)o;
    int rc;
    BEGIN_CRITICAL_SECTION(o);
    rc = dict_iter_step_for_reg(it->dict, &it->st, key, value);
    END_CRITICAL_SECTION();
    return rc;
}

static int dict_keyiter_next_reg(obj_t *o, obj_t **v, obj_t **pair) {
    (void)pair;
    return dictiter_step_reg(o, v, NULL);
}

static int dict_valueiter_next_reg(obj_t *o, obj_t **v, obj_t **pair) {
    (void)pair;
    return dictiter_step_reg(o, NULL, v);
}

// Asked for one value, an items iterator builds the tuple on the general path.
static int dict_itemiter_next_reg(obj_t *o, obj_t **v, obj_t **pair) {
    if (pair != NULL) return dictiter_step_reg(o, v, pair);
    *v = dictiter_next(o);
    return *v != NULL ? 1 : err_occurred() ? -1 : 0;
}

static obj_t *dictiter_next(obj_t *o) {
    obj_t *r;
    BEGIN_CRITICAL_SECTION(o);
    r = dictiter_next_locked(o);
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *dictiter_next_locked(obj_t *o) {
    dictiter_t *it = (dictiter_t *)o;
    obj_t *k = NULL, *v = NULL;
    int rc;
    switch (it->kind) {
    case DICT_ITER_KEYS:
        rc = dict_iter_step(it->dict, &it->st, it->reverse, &k, NULL);
        return rc > 0 ? k : NULL;
    case DICT_ITER_VALUES:
        rc = dict_iter_step(it->dict, &it->st, it->reverse, NULL, &v);
        return rc > 0 ? v : NULL;
    default:
        rc = dict_iter_step(it->dict, &it->st, it->reverse, &k, &v);
        if (rc <= 0) return NULL;
        obj_t *t = tuple_new(2);
        if (!t) {
            DECREF(k);
            DECREF(v);
            return NULL;
        }
        TUPLE_SET(t, 0, k);
        TUPLE_SET(t, 1, v);
        return t;
    }
}

static obj_t *dictiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    dictiter_t *it = (dictiter_t *)self;
    ssize_t n = it->st.len;
    if (n < 0 || it->st.used != dict_size(it->dict)) n = 0;
    return SMALLINT_FROM(n);
}

// __reduce__: (iter, (list of what is left,)), as CPython does: a copy of
// the iterator, taken in the iterator's critical section, is run out so
// the iterator itself does not move.
static obj_t *dictiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    dictiter_t *it = (dictiter_t *)self;
    dictiter_t *copy = (dictiter_t *)obj_alloc(TYPE(self), sizeof(dictiter_t));
    if (!copy) return NULL;
    copy->dict = NEWREF(it->dict);
    copy->kind = it->kind;
    copy->reverse = it->reverse;
    BEGIN_CRITICAL_SECTION(self);
    copy->st = it->st;
    END_CRITICAL_SECTION();
    obj_t *rest = list_from_iterable((obj_t *)copy);
    DECREF((obj_t *)copy);
    if (!rest) return NULL;
    obj_t *r = iter_reduce_seq("iter", rest, -1);
    DECREF(rest);
    return r;
}

static const method_def_t dictiter_methods[] = {
    {"__length_hint__", dictiter_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", dictiter_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

// The cycle collector (gc/gc.h): the dict an iterator walks.
static int dictiter_traverse(obj_t *o, visitproc visit, void *arg) {
    return visit(((dictiter_t *)o)->dict, arg);
}

#define DICTITER_TYPE(var, tname, next_reg, tflags)                                                \
    type_t var = {                                                                                 \
        .ob = OBJ_HEAD_INIT(&type_type),                                                           \
        .name = tname,                                                                             \
        .basicsize = sizeof(dictiter_t),                                                           \
        .flags = tflags,                                                                           \
        .base = &object_type,                                                                      \
        .dealloc = dictiter_dealloc,                                                               \
        .traverse = dictiter_traverse,                                                             \
        .iter = cont_iter_self,                                                                    \
        .iternext = dictiter_next,                                                                 \
        .iternext_reg = next_reg,                                                                  \
        .methods = dictiter_methods,                                                               \
    };

DICTITER_TYPE(dict_keyiter_type, "dict_keyiterator", dict_keyiter_next_reg, 0)
DICTITER_TYPE(dict_valueiter_type, "dict_valueiterator", dict_valueiter_next_reg, 0)
DICTITER_TYPE(dict_itemiter_type, "dict_itemiterator", dict_itemiter_next_reg, TPFLAG_ITER_PAIRS)
DICTITER_TYPE(dict_revkeyiter_type, "dict_reversekeyiterator", NULL, 0)
DICTITER_TYPE(dict_revvalueiter_type, "dict_reversevalueiterator", NULL, 0)
DICTITER_TYPE(dict_revitemiter_type, "dict_reverseitemiterator", NULL, 0)

// ---- views ---------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *dict;
} dictview_t;

#define VIEW_DICT(v) (((dictview_t *)(v))->dict)

// The dict view type v is, or derives from (OrderedDict's views).
static type_t *view_base(obj_t *v) {
    type_t *t = TYPE(v);
    while (t->base && t != &dict_keys_type && t != &dict_values_type && t != &dict_items_type)
        t = t->base;
    return t;
}

static int view_kind(obj_t *v) {
    type_t *t = view_base(v);
    return t == &dict_keys_type     ? DICT_ITER_KEYS
           : t == &dict_values_type ? DICT_ITER_VALUES
                                    : DICT_ITER_ITEMS;
}

static bool is_setlike_view(obj_t *v) {
    if (IS_SMALLINT(v)) return false;
    type_t *t = view_base(v);
    return t == &dict_keys_type || t == &dict_items_type;
}

PVM_WUR obj_t *dictview_new(obj_t *d, int kind) {
    type_t *tp = kind == DICT_ITER_KEYS     ? &dict_keys_type
                 : kind == DICT_ITER_VALUES ? &dict_values_type
                                            : &dict_items_type;
    if (cont_ready(tp) < 0) return NULL;
    dictview_t *v = (dictview_t *)obj_alloc(tp, sizeof(dictview_t));
    if (!v) return NULL;
    v->dict = NEWREF(d);
    return (obj_t *)v;
}

PVM_WUR obj_t *dictview_new_of(type_t *tp, obj_t *d) {
    if (cont_ready(tp) < 0) return NULL;
    dictview_t *v = (dictview_t *)obj_alloc(tp, sizeof(dictview_t));
    if (!v) return NULL;
    v->dict = NEWREF(d);
    return (obj_t *)v;
}

PVM_WUR obj_t *dictview_snapshot(obj_t *v) {
    if (IS_SMALLINT(v)) return NULL;
    type_t *t = v->ob_type;
    if (t == &dict_keys_type) return dict_keys_list(VIEW_DICT(v));
    if (t == &dict_values_type) return dict_values_list(VIEW_DICT(v));
    if (t == &dict_items_type) return dict_items_list(VIEW_DICT(v));
    return NULL;
}

static void dictview_dealloc(obj_t *o) {
    DECREF(VIEW_DICT(o));
    obj_free(o);
}

static ssize_t dictview_len(obj_t *o) {
    return dict_size(VIEW_DICT(o));
}

static obj_t *dictview_iter(obj_t *o) {
    return dictiter_new(VIEW_DICT(o), view_kind(o), false);
}

static obj_t *dictview_reversed(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    return dictiter_new(VIEW_DICT(self), view_kind(self), true);
}

static obj_t *dictview_repr(obj_t *o) {
    int rc = repr_enter(o);
    if (rc != 0) return rc > 0 ? str_from_cstr("...") : NULL;
    obj_t *r = NULL;
    obj_t *l = list_from_iterable(o);
    if (l) {
        r = str_from_format("%s(%R)", TYPE(o)->name, l);
        DECREF(l);
    }
    repr_leave(o);
    return r;
}

static int dictkeys_contains(obj_t *o, obj_t *key) {
    return dict_contains(VIEW_DICT(o), key);
}

static int dictitems_contains(obj_t *o, obj_t *item) {
    if (!TUPLE_CHECK(item) || TUPLE_SIZE(item) != 2) return 0;
    obj_t *found = dict_get(VIEW_DICT(o), TUPLE_GET(item, 0));
    if (!found) return err_occurred() ? -1 : 0;
    int r = obj_richcompare_bool(found, TUPLE_GET(item, 1), CMP_EQ_OP);
    DECREF(found);
    return r;
}

// 1 if every item of `self` is in `other`.
static int all_contained_in(obj_t *self, obj_t *other) {
    obj_t *it = obj_iter(self);
    if (!it) return -1;
    int ok = 1;
    for (;;) {
        obj_t *x = obj_iternext(it);
        if (!x) {
            if (err_occurred()) ok = -1;
            break;
        }
        ok = obj_contains(other, x);
        DECREF(x);
        if (ok <= 0) break;
    }
    DECREF(it);
    return ok;
}

static obj_t *dictview_richcompare(obj_t *self, obj_t *other, int op) {
    if (!is_setlike_view(self) || (!ANYSET_CHECK(other) && !is_setlike_view(other)))
        return NEWREF(NotImplemented);
    ssize_t ls = obj_len(self);
    if (ls < 0) return NULL;
    ssize_t lo = obj_len(other);
    if (lo < 0) return NULL;
    int ok = 0;
    switch (op) {
    case CMP_NE_OP:
    case CMP_EQ_OP:
        if (ls == lo) ok = all_contained_in(self, other);
        if (op == CMP_NE_OP && ok >= 0) ok = !ok;
        break;
    case CMP_LT_OP:
        if (ls < lo) ok = all_contained_in(self, other);
        break;
    case CMP_LE_OP:
        if (ls <= lo) ok = all_contained_in(self, other);
        break;
    case CMP_GT_OP:
        if (ls > lo) ok = all_contained_in(other, self);
        break;
    case CMP_GE_OP:
        if (ls >= lo) ok = all_contained_in(other, self);
        break;
    }
    if (ok < 0) return NULL;
    return NEWREF(bool_from(ok));
}

// set(self), using the dict directly for a keys view.
static obj_t *dictviews_to_set(obj_t *self) {
    obj_t *left = self;
    if (OBJ_IS_TYPE(self, &dict_keys_type) && OBJ_IS_TYPE(VIEW_DICT(self), &dict_type))
        left = VIEW_DICT(self);
    return set_new(left);
}

static obj_t *dictviews_sub(obj_t *self, obj_t *other) {
    obj_t *r = dictviews_to_set(self);
    if (!r) return NULL;
    if (set_difference_update(r, other) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static obj_t *dictviews_or(obj_t *self, obj_t *other) {
    obj_t *r = dictviews_to_set(self);
    if (!r) return NULL;
    if (set_update(r, other) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static obj_t *dictviews_xor(obj_t *self, obj_t *other) {
    obj_t *r = dictviews_to_set(self);
    if (!r) return NULL;
    if (set_symmetric_difference_update(r, other) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static obj_t *dictviews_and(obj_t *self, obj_t *other) {
    if (!is_setlike_view(self)) {
        obj_t *t = self;
        self = other;
        other = t;
    }
    ssize_t len_self = dictview_len(self);
    if (OBJ_IS_TYPE(other, &set_type) && len_self <= set_size(other))
        return set_intersection(other, self);
    if (is_setlike_view(other) && dictview_len(other) > len_self) {
        obj_t *t = self;
        self = other;
        other = t;
    }
    obj_t *result = set_new(NULL);
    if (!result) return NULL;
    obj_t *it = obj_iter(other);
    if (!it) {
        DECREF(result);
        return NULL;
    }
    bool keys = view_kind(self) == DICT_ITER_KEYS;
    for (;;) {
        obj_t *k = obj_iternext(it);
        if (!k) break;
        int rv = keys ? dictkeys_contains(self, k) : dictitems_contains(self, k);
        if (rv > 0) rv = set_add(result, k) < 0 ? -1 : 1;
        DECREF(k);
        if (rv < 0) {
            DECREF(it);
            DECREF(result);
            return NULL;
        }
    }
    DECREF(it);
    if (err_occurred()) {
        DECREF(result);
        return NULL;
    }
    return result;
}

static obj_t *dictviews_isdisjoint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("isdisjoint", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *other = args[0];
    if (self == other) return NEWREF(bool_from(dictview_len(self) == 0));
    if (ANYSET_CHECK(other) || is_setlike_view(other)) {
        ssize_t lo = obj_len(other);
        if (lo < 0) return NULL;
        if (lo > dictview_len(self)) {
            obj_t *t = self;
            self = other;
            other = t;
        }
    }
    obj_t *it = obj_iter(other);
    if (!it) return NULL;
    for (;;) {
        obj_t *x = obj_iternext(it);
        if (!x) break;
        int c = obj_contains(self, x);
        DECREF(x);
        if (c != 0) {
            DECREF(it);
            return c < 0 ? NULL : NEWREF(False);
        }
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    return NEWREF(True);
}

static const method_def_t setview_methods[] = {
    {"isdisjoint", dictviews_isdisjoint, METH_DEFAULT, NULL},
    {"__reversed__", dictview_reversed, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static const method_def_t values_methods[] = {
    {"__reversed__", dictview_reversed, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static int dictview_traverse(obj_t *o, visitproc visit, void *arg) {
    return visit(VIEW_DICT(o), arg);
}

type_t dict_keys_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "dict_keys",
    .basicsize = sizeof(dictview_t),
    .base = &object_type,
    .dealloc = dictview_dealloc,
    .traverse = dictview_traverse,
    .repr = dictview_repr,
    .hash = hash_not_implemented,
    .richcompare = dictview_richcompare,
    .iter = dictview_iter,
    .len = dictview_len,
    .contains = dictkeys_contains,
    .nb = {[BINOP_SUB] = dictviews_sub,
           [BINOP_AND] = dictviews_and,
           [BINOP_OR] = dictviews_or,
           [BINOP_XOR] = dictviews_xor},
    .methods = setview_methods,
};

type_t dict_items_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "dict_items",
    .basicsize = sizeof(dictview_t),
    .base = &object_type,
    .dealloc = dictview_dealloc,
    .traverse = dictview_traverse,
    .repr = dictview_repr,
    .hash = hash_not_implemented,
    .richcompare = dictview_richcompare,
    .iter = dictview_iter,
    .len = dictview_len,
    .contains = dictitems_contains,
    .nb = {[BINOP_SUB] = dictviews_sub,
           [BINOP_AND] = dictviews_and,
           [BINOP_OR] = dictviews_or,
           [BINOP_XOR] = dictviews_xor},
    .methods = setview_methods,
};

type_t dict_values_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "dict_values",
    .basicsize = sizeof(dictview_t),
    .base = &object_type,
    .dealloc = dictview_dealloc,
    .traverse = dictview_traverse,
    .repr = dictview_repr,
    .iter = dictview_iter,
    .len = dictview_len,
    .methods = values_methods,
};
