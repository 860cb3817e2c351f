/*
 * objects/typeslots.c — the bridge between C slots and dunder methods.
 *
 *  - pvm_slotdefs: one row per dunder that maps to a type_t slot (several
 *    dunders may share a slot: the six comparisons, __add__/__radd__,
 *    __setitem__/__delitem__ ...).
 *  - Slot wrappers (wrapper_descriptor): type_ready() puts one in the dict
 *    of a builtin type for every slot the type defines itself, so
 *    `list.__len__`, `int.__add__` and `super().__init__()` work from Python.
 *    Bound to an instance they become a method-wrapper.
 *  - Heap types (class statements) get generic slot functions (slot_*) that
 *    look the dunder up along the MRO and call it.  When every dunder of a
 *    slot resolves to a wrapper of one C function (e.g. a list subclass that
 *    does not override __len__), the C function is used directly.
 *
 * The binary-operator slots follow CPython's SLOT1BINFULL: a slot is called
 * as slot(a, b) with either operand being the instance; it tries
 * type(b).__rX__ first when b's type is a proper subclass that overrides it,
 * then type(a).__X__, then type(b).__rX__.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "dict.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "method.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"

// ---- helpers ------------------------------------------------------------------------

// self.<name>(args) looked up on the type; NotImplemented when missing.
static obj_t *call_maybe(obj_t *self, obj_t *name, obj_t *const *args, size_t nargs) {
    bool missing;
    obj_t *r = call_dunder(self, name, args, nargs, &missing);
    if (missing) return NEWREF(NotImplemented);
    return r;
}

// self.<name>(args) looked up on the type; AttributeError(name) when missing.
static obj_t *call_method(obj_t *self, obj_t *name, obj_t *const *args, size_t nargs) {
    bool missing;
    obj_t *r = call_dunder(self, name, args, nargs, &missing);
    if (missing) err_set(exc_AttributeError, name);
    return r;
}

#define INTERNED(cache_array, idx, text) intern_cached(&(cache_array)[idx], (text))

// ---- generic heap-type slots -------------------------------------------------------------

static obj_t *slot_repr(obj_t *self) {
    return call_method(self, ID(__repr__), NULL, 0);
}
static obj_t *slot_str(obj_t *self) {
    return call_method(self, ID(__str__), NULL, 0);
}

static hash_t slot_hash(obj_t *self) {
    obj_t *r = call_method(self, ID(__hash__), NULL, 0);
    if (r == NULL) return -1;
    hash_t h;
    if (!INT_CHECK(r)) {
        DECREF(r);
        err_set_str(exc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    if (IS_SMALLINT(r))
        h = SMALLINT_VALUE(r);
    else if (r == True)
        h = 1;
    else if (r == False)
        h = 0;
    else {
        // A result that fits a hash is used as it is (CPython's slot_tp_hash);
        // only a bigger one is hashed again.
        int64_t v;
        if (int_as_i64(r, &v) == 0) {
            h = (hash_t)v;
        } else {
            err_clear();
            h = int_hash(r);
        }
    }
    DECREF(r);
    return h == -1 ? -2 : h;
}

static const char *const cmp_dunders[] = {"__lt__", "__le__", "__eq__",
                                          "__ne__", "__gt__", "__ge__"};
static obj_t *cmp_name_cache[6];

static obj_t *slot_richcompare(obj_t *self, obj_t *other, int op) {
    return call_maybe(self, INTERNED(cmp_name_cache, op, cmp_dunders[op]), &other, 1);
}

// Calls a __getattribute__ found on the type: C fast paths for the generic ones.
static obj_t *call_getattribute(obj_t *ga, obj_t *self, obj_t *name, bool suppress) {
    if (ga == NULL) return generic_getattr_impl(self, name, suppress);
    if (TYPE(ga) == &wrapperdescr_type) {
        void *fn = ((wrapperdescr_t *)ga)->fn;
        if (fn == (void *)obj_generic_getattr) return generic_getattr_impl(self, name, suppress);
        if (fn == (void *)type_getattro) return type_getattr_impl(self, name, suppress);
        return ((getattrofunc)fn)(self, name);
    }
    INCREF(ga);
    obj_t *r = call_unbound(ga, self, &name, 1, NULL);
    DECREF(ga);
    return r;
}

static obj_t *slot_getattr_hook(obj_t *self, obj_t *name) {
    type_t *tp = TYPE(self);
    obj_t *ga = type_lookup(tp, ID(__getattribute__));
    // type_lookup's result is borrowed until this thread's next quiescent
    // state, and __getattribute__ runs Python code: another thread may
    // rebind C.__getattr__ meanwhile.  Hold a reference across the call.
    obj_t *getattr = type_lookup(tp, ID(__getattr__));
    if (getattr != NULL) INCREF(getattr);
    obj_t *r = call_getattribute(ga, self, name, getattr != NULL);
    if (r != NULL || getattr == NULL) {
        XDECREF(getattr);
        if (r == NULL) exc_attr_error_context(self, name);
        return r;
    }
    if (err_occurred()) {
        if (!err_matches(exc_AttributeError)) {
            DECREF(getattr);
            return NULL;
        }
        err_clear();
    }
    r = call_unbound(getattr, self, &name, 1, NULL);
    DECREF(getattr);
    if (r == NULL) exc_attr_error_context(self, name);
    return r;
}

static int slot_setattro(obj_t *self, obj_t *name, obj_t *value) {
    obj_t *r;
    if (value != NULL) {
        obj_t *args[2] = {name, value};
        r = call_method(self, ID(__setattr__), args, 2);
    } else {
        r = call_method(self, ID(__delattr__), &name, 1);
    }
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static obj_t *slot_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *f = type_lookup(TYPE(self), ID(__call__));
    if (f == NULL) {
        err_format(exc_TypeError, "'%s' object is not callable", obj_type_name(self));
        return NULL;
    }
    INCREF(f);
    obj_t *r = call_unbound(f, self, args, nargs, kwnames);
    DECREF(f);
    return r;
}

static obj_t *slot_iter(obj_t *self) {
    obj_t *f = type_lookup(TYPE(self), ID(__iter__));
    if (f == NULL || f == None) {
        err_format(exc_TypeError, "'%s' object is not iterable", obj_type_name(self));
        return NULL;
    }
    INCREF(f);
    obj_t *r = call_unbound(f, self, NULL, 0, NULL);
    DECREF(f);
    return r;
}

// A StopIteration raised by __next__ stays set: obj_iternext clears it, while
// next() and `yield from` pass on its value (obj_iternext_raw).
static obj_t *slot_iternext(obj_t *self) {
    return call_method(self, ID(__next__), NULL, 0);
}

static obj_t *slot_descr_get(obj_t *self, obj_t *obj, obj_t *type) {
    obj_t *args[2] = {obj ? obj : None, type ? type : None};
    return call_method(self, ID(__get__), args, 2);
}

static int slot_descr_set(obj_t *self, obj_t *obj, obj_t *value) {
    obj_t *r;
    if (value != NULL) {
        obj_t *args[2] = {obj, value};
        r = call_method(self, ID(__set__), args, 2);
    } else {
        r = call_method(self, ID(__delete__), &obj, 1);
    }
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static int slot_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *f = type_lookup(TYPE(self), ID(__init__));
    if (f == NULL) return 0;
    INCREF(f);
    obj_t *r = call_unbound(f, self, args, nargs, kwnames);
    DECREF(f);
    if (r == NULL) return -1;
    if (r != None) {
        err_format(exc_TypeError, "__init__() should return None, not '%s'", obj_type_name(r));
        DECREF(r);
        return -1;
    }
    DECREF(r);
    return 0;
}

obj_t *slot_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *f = type_getattro((obj_t *)type, ID(__new__));
    if (f == NULL) return NULL;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    size_t total = nargs + nkw + 1;
    obj_t *small[8];
    obj_t **argv = total <= 8 ? small : malloc(total * sizeof(obj_t *));
    if (argv == NULL) {
        DECREF(f);
        return err_no_memory();
    }
    argv[0] = (obj_t *)type;
    for (size_t i = 0; i < nargs + nkw; i++)
        argv[i + 1] = args[i];
    obj_t *r = obj_call(f, argv, nargs + 1, kwnames);
    if (argv != small) free(argv);
    DECREF(f);
    return r;
}

static ssize_t slot_len(obj_t *self) {
    obj_t *r = call_method(self, ID(__len__), NULL, 0);
    if (r == NULL) return -1;
    obj_t *i = obj_index(r);
    DECREF(r);
    if (i == NULL) return -1;
    if (int_sign(i) < 0) { // a negative length is a ValueError however big
        DECREF(i);
        err_set_str(exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    int64_t v;
    int rc = int_as_i64(i, &v);
    DECREF(i);
    if (rc < 0) {
        if (err_matches(exc_OverflowError)) {
            err_clear();
            err_set_str(exc_OverflowError, "cannot fit 'int' into an index-sized integer");
        }
        return -1;
    }
    if (v < 0) {
        err_set_str(exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return (ssize_t)v;
}

static obj_t *slot_getitem(obj_t *self, obj_t *key) {
    return call_method(self, ID(__getitem__), &key, 1);
}

static int slot_setitem(obj_t *self, obj_t *key, obj_t *value) {
    obj_t *r;
    if (value != NULL) {
        obj_t *args[2] = {key, value};
        r = call_method(self, ID(__setitem__), args, 2);
    } else {
        r = call_method(self, ID(__delitem__), &key, 1);
    }
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static int slot_contains(obj_t *self, obj_t *item) {
    obj_t *f = type_lookup(TYPE(self), ID(__contains__));
    if (f == None) {
        err_format(exc_TypeError, "'%s' object is not a container", obj_type_name(self));
        return -1;
    }
    if (f == NULL) { // fall back to iteration
        obj_t *it = obj_iter(self);
        if (it == NULL) return -1;
        int found = 0;
        for (;;) {
            obj_t *x = obj_iternext(it);
            if (x == NULL) {
                found = err_occurred() ? -1 : 0;
                break;
            }
            int c = obj_richcompare_bool(x, item, CMP_EQ_OP);
            DECREF(x);
            if (c != 0) {
                found = c;
                break;
            }
        }
        DECREF(it);
        return found;
    }
    INCREF(f);
    obj_t *r = call_unbound(f, self, &item, 1, NULL);
    DECREF(f);
    if (r == NULL) return -1;
    int t = obj_is_true(r);
    DECREF(r);
    return t;
}

static int slot_nb_bool(obj_t *self) {
    bool missing;
    obj_t *r = call_dunder(self, ID(__bool__), NULL, 0, &missing);
    if (missing) {
        if (TYPE(self)->len != NULL) {
            ssize_t n = TYPE(self)->len(self);
            return n < 0 ? -1 : n > 0;
        }
        return 1;
    }
    if (r == NULL) return -1;
    int t;
    if (r == True)
        t = 1;
    else if (r == False)
        t = 0;
    else {
        err_format(exc_TypeError, "__bool__ should return bool, returned %s", obj_type_name(r));
        t = -1;
    }
    DECREF(r);
    return t;
}

#define SLOT_UNARY(fname, dunder)                                                                  \
    static obj_t *fname(obj_t *self) {                                                             \
        return call_method(self, ID(dunder), NULL, 0);                                             \
    }
SLOT_UNARY(slot_nb_neg, __neg__)
SLOT_UNARY(slot_nb_pos, __pos__)
SLOT_UNARY(slot_nb_abs, __abs__)
SLOT_UNARY(slot_nb_invert, __invert__)
SLOT_UNARY(slot_nb_int, __int__)
SLOT_UNARY(slot_nb_float, __float__)
SLOT_UNARY(slot_nb_index, __index__)

static const char *const binop_dunders[BINOP_COUNT] = {
    "__add__", "__sub__",    "__mul__",    "__matmul__", "__truediv__", "__floordiv__", "__mod__",
    "__pow__", "__lshift__", "__rshift__", "__and__",    "__or__",      "__xor__",
};
static const char *const binop_rdunders[BINOP_COUNT] = {
    "__radd__",      "__rsub__", "__rmul__", "__rmatmul__", "__rtruediv__",
    "__rfloordiv__", "__rmod__", "__rpow__", "__rlshift__", "__rrshift__",
    "__rand__",      "__ror__",  "__rxor__",
};
static const char *const binop_idunders[BINOP_COUNT] = {
    "__iadd__",      "__isub__", "__imul__", "__imatmul__", "__itruediv__",
    "__ifloordiv__", "__imod__", "__ipow__", "__ilshift__", "__irshift__",
    "__iand__",      "__ior__",  "__ixor__",
};
static obj_t *binop_name_cache[BINOP_COUNT], *binop_rname_cache[BINOP_COUNT],
    *binop_iname_cache[BINOP_COUNT];

static bool method_is_overloaded(type_t *left, type_t *right, obj_t *name) {
    obj_t *b = type_lookup(right, name);
    if (b == NULL) return false;
    obj_t *a = type_lookup(left, name);
    return a == NULL || a != b;
}

static obj_t *slot_binop_impl(obj_t *self, obj_t *other, binop_t op, binaryfunc mine) {
    obj_t *dname = INTERNED(binop_name_cache, op, binop_dunders[op]);
    obj_t *rname = INTERNED(binop_rname_cache, op, binop_rdunders[op]);
    type_t *ta = TYPE(self), *tb = TYPE(other);
    bool do_other = ta != tb && tb->nb[op] == mine;
    obj_t *r;
    if (ta->nb[op] == mine) {
        if (do_other && type_is_subtype(tb, ta) && method_is_overloaded(ta, tb, rname)) {
            r = call_maybe(other, rname, &self, 1);
            if (r != NotImplemented) return r;
            DECREF(r);
            do_other = false;
        }
        r = call_maybe(self, dname, &other, 1);
        if (r != NotImplemented || ta == tb) return r;
        DECREF(r);
    }
    if (do_other) return call_maybe(other, rname, &self, 1);
    return NEWREF(NotImplemented);
}

#define SLOT_BINOP(fname, ifname, OP)                                                              \
    static obj_t *fname(obj_t *a, obj_t *b) {                                                      \
        return slot_binop_impl(a, b, OP, fname);                                                   \
    }                                                                                              \
    static obj_t *ifname(obj_t *a, obj_t *b) {                                                     \
        return call_maybe(a, INTERNED(binop_iname_cache, OP, binop_idunders[OP]), &b, 1);          \
    }
SLOT_BINOP(slot_nb_add, slot_nb_iadd, BINOP_ADD)
SLOT_BINOP(slot_nb_sub, slot_nb_isub, BINOP_SUB)
SLOT_BINOP(slot_nb_mul, slot_nb_imul, BINOP_MUL)
SLOT_BINOP(slot_nb_matmul, slot_nb_imatmul, BINOP_MATMUL)
SLOT_BINOP(slot_nb_truediv, slot_nb_itruediv, BINOP_TRUEDIV)
SLOT_BINOP(slot_nb_floordiv, slot_nb_ifloordiv, BINOP_FLOORDIV)
SLOT_BINOP(slot_nb_mod, slot_nb_imod, BINOP_MOD)
SLOT_BINOP(slot_nb_pow, slot_nb_ipow, BINOP_POW)
SLOT_BINOP(slot_nb_lshift, slot_nb_ilshift, BINOP_LSHIFT)
SLOT_BINOP(slot_nb_rshift, slot_nb_irshift, BINOP_RSHIFT)
SLOT_BINOP(slot_nb_and, slot_nb_iand, BINOP_AND)
SLOT_BINOP(slot_nb_or, slot_nb_ior, BINOP_OR)
SLOT_BINOP(slot_nb_xor, slot_nb_ixor, BINOP_XOR)

// ---- the table --------------------------------------------------------------------------

#define OFF(f) offsetof(type_t, f)
#define BIN(op, d, r, i, fn, ifn, wk, wrk)                                                         \
    {d, OFF(nb[op]), (void *)fn, wk, op}, {r, OFF(nb[op]), (void *)fn, wrk, op}, {                 \
        i, OFF(nb_inplace[op]), (void *)ifn, W_BINARY, op                                          \
    }

const slotdef_t pvm_slotdefs[] = {
    {"__repr__", OFF(repr), (void *)slot_repr, W_UNARY, 0},
    {"__str__", OFF(str), (void *)slot_str, W_UNARY, 0},
    {"__hash__", OFF(hash), (void *)slot_hash, W_HASH, 0},
    {"__lt__", OFF(richcompare), (void *)slot_richcompare, W_RICHCMP, CMP_LT_OP},
    {"__le__", OFF(richcompare), (void *)slot_richcompare, W_RICHCMP, CMP_LE_OP},
    {"__eq__", OFF(richcompare), (void *)slot_richcompare, W_RICHCMP, CMP_EQ_OP},
    {"__ne__", OFF(richcompare), (void *)slot_richcompare, W_RICHCMP, CMP_NE_OP},
    {"__gt__", OFF(richcompare), (void *)slot_richcompare, W_RICHCMP, CMP_GT_OP},
    {"__ge__", OFF(richcompare), (void *)slot_richcompare, W_RICHCMP, CMP_GE_OP},
    {"__getattribute__", OFF(getattro), (void *)slot_getattr_hook, W_GETATTR, 0},
    {"__getattr__", OFF(getattro), (void *)slot_getattr_hook, W_NONE, 0},
    {"__setattr__", OFF(setattro), (void *)slot_setattro, W_SETATTR, 0},
    {"__delattr__", OFF(setattro), (void *)slot_setattro, W_DELATTR, 0},
    {"__call__", OFF(call), (void *)slot_call, W_CALL, 0},
    {"__iter__", OFF(iter), (void *)slot_iter, W_UNARY, 0},
    {"__next__", OFF(iternext), (void *)slot_iternext, W_NEXT, 0},
    {"__get__", OFF(descr_get), (void *)slot_descr_get, W_DESCR_GET, 0},
    {"__set__", OFF(descr_set), (void *)slot_descr_set, W_DESCR_SET, 0},
    {"__delete__", OFF(descr_set), (void *)slot_descr_set, W_DESCR_DEL, 0},
    {"__init__", OFF(tp_init), (void *)slot_tp_init, W_INIT, 0},
    {"__len__", OFF(len), (void *)slot_len, W_LEN, 0},
    {"__getitem__", OFF(getitem), (void *)slot_getitem, W_GETITEM, 0},
    {"__setitem__", OFF(setitem), (void *)slot_setitem, W_SETITEM, 0},
    {"__delitem__", OFF(setitem), (void *)slot_setitem, W_DELITEM, 0},
    {"__contains__", OFF(contains), (void *)slot_contains, W_CONTAINS, 0},
    {"__bool__", OFF(nb_bool), (void *)slot_nb_bool, W_BOOL, 0},
    {"__neg__", OFF(nb_neg), (void *)slot_nb_neg, W_UNARY, 0},
    {"__pos__", OFF(nb_pos), (void *)slot_nb_pos, W_UNARY, 0},
    {"__abs__", OFF(nb_abs), (void *)slot_nb_abs, W_UNARY, 0},
    {"__invert__", OFF(nb_invert), (void *)slot_nb_invert, W_UNARY, 0},
    {"__int__", OFF(nb_int), (void *)slot_nb_int, W_UNARY, 0},
    {"__float__", OFF(nb_float), (void *)slot_nb_float, W_UNARY, 0},
    {"__index__", OFF(nb_index), (void *)slot_nb_index, W_UNARY, 0},
    BIN(BINOP_ADD, "__add__", "__radd__", "__iadd__", slot_nb_add, slot_nb_iadd, W_BINARY,
        W_BINARY_R),
    BIN(BINOP_SUB, "__sub__", "__rsub__", "__isub__", slot_nb_sub, slot_nb_isub, W_BINARY,
        W_BINARY_R),
    BIN(BINOP_MUL, "__mul__", "__rmul__", "__imul__", slot_nb_mul, slot_nb_imul, W_BINARY,
        W_BINARY_R),
    BIN(BINOP_MATMUL, "__matmul__", "__rmatmul__", "__imatmul__", slot_nb_matmul, slot_nb_imatmul,
        W_BINARY, W_BINARY_R),
    BIN(BINOP_TRUEDIV, "__truediv__", "__rtruediv__", "__itruediv__", slot_nb_truediv,
        slot_nb_itruediv, W_BINARY, W_BINARY_R),
    BIN(BINOP_FLOORDIV, "__floordiv__", "__rfloordiv__", "__ifloordiv__", slot_nb_floordiv,
        slot_nb_ifloordiv, W_BINARY, W_BINARY_R),
    BIN(BINOP_MOD, "__mod__", "__rmod__", "__imod__", slot_nb_mod, slot_nb_imod, W_BINARY,
        W_BINARY_R),
    BIN(BINOP_POW, "__pow__", "__rpow__", "__ipow__", slot_nb_pow, slot_nb_ipow, W_POW, W_POW_R),
    BIN(BINOP_LSHIFT, "__lshift__", "__rlshift__", "__ilshift__", slot_nb_lshift, slot_nb_ilshift,
        W_BINARY, W_BINARY_R),
    BIN(BINOP_RSHIFT, "__rshift__", "__rrshift__", "__irshift__", slot_nb_rshift, slot_nb_irshift,
        W_BINARY, W_BINARY_R),
    BIN(BINOP_AND, "__and__", "__rand__", "__iand__", slot_nb_and, slot_nb_iand, W_BINARY,
        W_BINARY_R),
    BIN(BINOP_OR, "__or__", "__ror__", "__ior__", slot_nb_or, slot_nb_ior, W_BINARY, W_BINARY_R),
    BIN(BINOP_XOR, "__xor__", "__rxor__", "__ixor__", slot_nb_xor, slot_nb_ixor, W_BINARY,
        W_BINARY_R),
};
const size_t pvm_nslotdefs = sizeof pvm_slotdefs / sizeof pvm_slotdefs[0];
#define NSLOTDEFS (sizeof pvm_slotdefs / sizeof pvm_slotdefs[0])

static obj_t *slotdef_name_cache[NSLOTDEFS];
static obj_t *slotdef_name(size_t i) {
    return intern_cached(&slotdef_name_cache[i], pvm_slotdefs[i].name);
}

static inline void **slot_ptr(type_t *t, size_t offset) {
    return (void **)((char *)t + offset);
}

// ---- static types: add wrappers ---------------------------------------------------------

int typeslots_add_wrappers(type_t *type) {
    obj_t *dict = type->dict;
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        const slotdef_t *sd = &pvm_slotdefs[i];
        if (sd->kind == W_NONE) continue;
        void *fn = *slot_ptr(type, sd->offset);
        if (fn == NULL) continue;
        // Sequences concatenate but do not reflect: no list.__radd__ (as CPython).
        if (sd->kind == W_BINARY_R && sd->op == BINOP_ADD && type->len != NULL) continue;
        obj_t *name = slotdef_name(i);
        int has = dict_contains(dict, name);
        if (has < 0) return -1;
        if (has) continue;
        obj_t *w;
        if (sd->offset == OFF(hash) && fn == (void *)hash_not_implemented)
            w = NEWREF(None);
        else
            w = wrapperdescr_new(type, sd, fn);
        if (w == NULL) return -1;
        int r = dict_set(dict, name, w);
        DECREF(w);
        if (r < 0) return -1;
    }
    return 0;
}

// ---- heap types: choose slot functions ----------------------------------------------------

static void fixup_group(type_t *type, size_t first) {
    const slotdef_t *sd0 = &pvm_slotdefs[first];
    void *specific = NULL;
    bool use_generic = false, any = false;
    for (size_t j = first; j < NSLOTDEFS; j++) {
        const slotdef_t *sd = &pvm_slotdefs[j];
        if (sd->offset != sd0->offset) continue;
        obj_t *d = type_lookup(type, slotdef_name(j));
        if (d == NULL) continue;
        any = true;
        void *fn = NULL;
        if (TYPE(d) == &wrapperdescr_type && ((wrapperdescr_t *)d)->sd->offset == sd->offset)
            fn = ((wrapperdescr_t *)d)->fn;
        else if (d == None && sd->offset == OFF(hash))
            fn = (void *)hash_not_implemented;
        if (fn == NULL)
            use_generic = true;
        else if (specific == NULL)
            specific = fn;
        else if (specific != fn)
            use_generic = true;
    }
    void *val = !any ? NULL : use_generic ? sd0->generic : specific;
    // Other threads read slots with plain loads (TYPE(o)->getattro ...).
    // Rebinding a dunder to another Python function keeps the slot (the
    // generic one looks the dunder up at each call): store only a change.
    // A change is a word-sized store of a static function pointer, and
    // either function is right for a call that races with the assignment.
    _Atomic(void *) *slot = (_Atomic(void *) *)slot_ptr(type, sd0->offset);
    if (atomic_load_explicit(slot, memory_order_relaxed) != val)
        atomic_store_explicit(slot, val, memory_order_release);
}

static void fixup_new(type_t *type) {
    obj_t *d = type_lookup(type, ID(__new__));
    newfunc f;
    if (d == NULL)
        f = type->base ? type->base->tp_new : NULL;
    else if (TYPE(d) == &cfunction_type && ((cfunction_t *)d)->def == &tp_new_def)
        f = ((type_t *)((cfunction_t *)d)->self)->tp_new;
    else
        f = slot_tp_new;
    if (f != slot_tp_new && f != NULL) f = type_builtin_subtype_new(type, f);
    // type_call reads tp_new with plain loads: store only a change (see
    // fixup_group); rebinding __new__ to another Python function keeps it.
    _Atomic(newfunc) *slot = (_Atomic(newfunc) *)&type->tp_new;
    if (atomic_load_explicit(slot, memory_order_relaxed) != f)
        atomic_store_explicit(slot, f, memory_order_release);
}

static bool first_of_group(size_t i) {
    for (size_t j = 0; j < i; j++)
        if (pvm_slotdefs[j].offset == pvm_slotdefs[i].offset) return false;
    return true;
}

void typeslots_fixup(type_t *type) {
    for (size_t i = 0; i < NSLOTDEFS; i++)
        if (first_of_group(i)) fixup_group(type, i);
    fixup_new(type);
}

typedef struct {
    type_t *changed;
    obj_t *name;
} update_arg_t;

static void update_one(type_t *t, void *arg) {
    update_arg_t *u = arg;
    if (!type_is_subtype(t, u->changed)) return;
    if (str_eq_cstr(u->name, "__new__")) {
        fixup_new(t);
        return;
    }
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        if (!str_eq(slotdef_name(i), u->name)) continue;
        // Find the first row of the group and recompute it.
        for (size_t j = 0; j < NSLOTDEFS; j++) {
            if (pvm_slotdefs[j].offset == pvm_slotdefs[i].offset) {
                fixup_group(t, j);
                break;
            }
        }
    }
}

// ---- abstract classes -----------------------------------------------------------------

// TPFLAG_ABSTRACT follows the truth of the type's own __abstractmethods__
// (abc sets it on every class it makes), as CPython's type setter does;
// object.__new__ refuses to instantiate a type that has it.
static void update_abstract_flag(type_t *type) {
    obj_t *v = dict_get_str(type->dict, "__abstractmethods__");
    int t = 0;
    if (v != NULL) {
        t = obj_is_true(v);
        DECREF(v);
    }
    if (t < 0 || err_occurred()) err_clear();
    if (t > 0)
        __atomic_fetch_or(&type->flags, TPFLAG_ABSTRACT, __ATOMIC_RELEASE);
    else
        __atomic_fetch_and(&type->flags, ~TPFLAG_ABSTRACT, __ATOMIC_RELEASE);
}

obj_t *typeslots_abstract_error(type_t *type) {
    obj_t *methods = dict_get_str(type->dict, "__abstractmethods__");
    if (methods == NULL) {
        if (!err_occurred())
            err_format(exc_TypeError, "Can't instantiate abstract class %s", type->name);
        return NULL;
    }
    obj_t *sorted = list_from_iterable(methods);
    DECREF(methods);
    if (sorted == NULL) return NULL;
    obj_t *sep = NULL, *joined = NULL;
    if (list_sort(sorted, NULL, false) == 0 && (sep = str_from_cstr(", ")) != NULL)
        joined = str_join(sep, sorted);
    if (joined != NULL)
        err_format(exc_TypeError, "Can't instantiate abstract class %s with abstract method%s %U",
                   type->name, list_size(sorted) > 1 ? "s" : "", joined);
    XDECREF(sep);
    XDECREF(joined);
    DECREF(sorted);
    return NULL;
}

void typeslots_update(type_t *type, obj_t *name) {
    if (!STR_CHECK(name) || str_nbytes(name) < 5 || str_data(name)[0] != '_' ||
        str_data(name)[1] != '_')
        return;
    if (str_eq_cstr(name, "__abstractmethods__")) {
        update_abstract_flag(type);
        return;
    }
    bool relevant = str_eq_cstr(name, "__new__");
    for (size_t i = 0; i < NSLOTDEFS && !relevant; i++)
        relevant = str_eq(slotdef_name(i), name);
    if (!relevant) return;
    update_arg_t u = {type, name};
    if (__atomic_load_n(&type->flags, __ATOMIC_ACQUIRE) & TPFLAG_HAS_SUBCLASS)
        heaptypes_foreach(update_one, &u);
    else
        update_one(type, &u);
}

// ---- wrapper_descriptor and method-wrapper ----------------------------------------------------

obj_t *wrapperdescr_new(type_t *owner, const slotdef_t *sd, void *fn) {
    wrapperdescr_t *w = (wrapperdescr_t *)obj_alloc(&wrapperdescr_type, sizeof(wrapperdescr_t));
    if (w == NULL) return NULL;
    w->owner = owner;
    w->sd = sd;
    w->fn = fn;
    return (obj_t *)w;
}

static int check_nargs(size_t got, size_t expected) {
    if (got == expected) return 0;
    err_format(exc_TypeError, "expected %zu argument%s, got %zu", expected,
               expected == 1 ? "" : "s", got);
    return -1;
}

static obj_t *int_result(int64_t v) {
    return int_from_i64(v);
}

// Calls the wrapped slot for `self` with the Python-level arguments.
static obj_t *wrapper_invoke(wrapperdescr_t *w, obj_t *self, obj_t *const *args, size_t nargs,
                             obj_t *kwnames) {
    const slotdef_t *sd = w->sd;
    void *fn = w->fn;
    if (kwnames != NULL && TUPLE_SIZE(kwnames) > 0 && sd->kind != W_CALL && sd->kind != W_INIT) {
        err_format(exc_TypeError, "wrapper %s() takes no keyword arguments", sd->name);
        return NULL;
    }
    switch (sd->kind) {
    case W_UNARY:
        if (check_nargs(nargs, 0) < 0) return NULL;
        return ((unaryfunc)fn)(self);
    case W_HASH: {
        if (check_nargs(nargs, 0) < 0) return NULL;
        hash_t h = ((hashfunc)fn)(self);
        return h == -1 ? NULL : int_result(h);
    }
    case W_LEN: {
        if (check_nargs(nargs, 0) < 0) return NULL;
        ssize_t n = ((lenfunc)fn)(self);
        return n < 0 ? NULL : int_result(n);
    }
    case W_BOOL: {
        if (check_nargs(nargs, 0) < 0) return NULL;
        int b = ((inquiry)fn)(self);
        return b < 0 ? NULL : NEWREF(bool_from(b));
    }
    case W_RICHCMP:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return ((richcmpfunc)fn)(self, args[0], sd->op);
    case W_BINARY:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return ((binaryfunc)fn)(self, args[0]);
    case W_BINARY_R:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return ((binaryfunc)fn)(args[0], self);
    case W_POW:
    case W_POW_R:
        // CPython's wrap_ternaryfunc(_r) unpacks with an empty name.
        if (nargs < 1 || nargs > 2) {
            err_format(exc_TypeError, " expected at %s %d argument%s, got %zu",
                       nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 2, nargs < 1 ? "" : "s",
                       nargs);
            return NULL;
        }
        if (nargs == 2 && args[1] != None) // the owner's own three-argument pow
            return sd->kind == W_POW ? obj_pow3_slot(w->owner, self, args[0], args[1])
                                     : obj_pow3_slot(w->owner, args[0], self, args[1]);
        return sd->kind == W_POW ? ((binaryfunc)fn)(self, args[0])
                                 : ((binaryfunc)fn)(args[0], self);
    case W_GETATTR:
        if (check_nargs(nargs, 1) < 0) return NULL;
        if (!STR_CHECK(args[0])) {
            err_format(exc_TypeError, "attribute name must be string, not '%s'",
                       obj_type_name(args[0]));
            return NULL;
        }
        return ((getattrofunc)fn)(self, args[0]);
    case W_SETATTR:
    case W_DELATTR: {
        if (check_nargs(nargs, sd->kind == W_SETATTR ? 2 : 1) < 0) return NULL;
        if (!STR_CHECK(args[0])) {
            err_format(exc_TypeError, "attribute name must be string, not '%s'",
                       obj_type_name(args[0]));
            return NULL;
        }
        int r = ((setattrofunc)fn)(self, args[0], sd->kind == W_SETATTR ? args[1] : NULL);
        return r < 0 ? NULL : NEWREF(None);
    }
    case W_CALL: return ((callfunc)fn)(self, args, nargs, kwnames);
    case W_NEXT: {
        if (check_nargs(nargs, 0) < 0) return NULL;
        obj_t *r = ((iternextfunc)fn)(self);
        if (r == NULL && !err_occurred()) err_set(exc_StopIteration, NULL);
        return r;
    }
    case W_DESCR_GET: {
        if (nargs < 1 || nargs > 2) {
            err_format(exc_TypeError, "expected 1 or 2 arguments, got %zu", nargs);
            return NULL;
        }
        obj_t *obj = args[0] == None ? NULL : args[0];
        obj_t *type = nargs > 1 && args[1] != None ? args[1] : NULL;
        if (obj == NULL && type == NULL) {
            err_set_str(exc_TypeError, "__get__(None, None) is invalid");
            return NULL;
        }
        return ((descrgetfunc)fn)(self, obj, type);
    }
    case W_DESCR_SET:
    case W_DESCR_DEL: {
        if (check_nargs(nargs, sd->kind == W_DESCR_SET ? 2 : 1) < 0) return NULL;
        int r = ((descrsetfunc)fn)(self, args[0], sd->kind == W_DESCR_SET ? args[1] : NULL);
        return r < 0 ? NULL : NEWREF(None);
    }
    case W_INIT: {
        int r = ((initfunc)fn)(self, args, nargs, kwnames);
        return r < 0 ? NULL : NEWREF(None);
    }
    case W_GETITEM:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return ((getitemfunc)fn)(self, args[0]);
    case W_SETITEM:
    case W_DELITEM: {
        if (check_nargs(nargs, sd->kind == W_SETITEM ? 2 : 1) < 0) return NULL;
        int r = ((setitemfunc)fn)(self, args[0], sd->kind == W_SETITEM ? args[1] : NULL);
        return r < 0 ? NULL : NEWREF(None);
    }
    case W_CONTAINS: {
        if (check_nargs(nargs, 1) < 0) return NULL;
        int r = ((containsfunc)fn)(self, args[0]);
        return r < 0 ? NULL : NEWREF(bool_from(r));
    }
    default: err_format(exc_SystemError, "bad slot wrapper %s", sd->name); return NULL;
    }
}

static int wrapper_check_self(wrapperdescr_t *w, obj_t *self) {
    if (!type_is_subtype(TYPE(self), w->owner)) {
        err_format(exc_TypeError, "descriptor '%s' requires a '%s' object but received a '%s'",
                   w->sd->name, w->owner->name, obj_type_name(self));
        return -1;
    }
    return 0;
}

static obj_t *wrapperdescr_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    wrapperdescr_t *w = (wrapperdescr_t *)callable;
    if (nargs < 1) {
        err_format(exc_TypeError, "descriptor '%s' of '%s' object needs an argument", w->sd->name,
                   w->owner->name);
        return NULL;
    }
    if (wrapper_check_self(w, args[0]) < 0) return NULL;
    return wrapper_invoke(w, args[0], args + 1, nargs - 1, kwnames);
}

static obj_t *wrapperdescr_get(obj_t *descr, obj_t *obj, obj_t *type) {
    wrapperdescr_t *w = (wrapperdescr_t *)descr;
    if (obj == NULL) return NEWREF(descr);
    if (wrapper_check_self(w, obj) < 0) return NULL;
    method_t *m = (method_t *)obj_alloc(&methodwrapper_type, sizeof(method_t));
    if (m == NULL) return NULL;
    m->func = NEWREF(descr);
    m->self = NEWREF(obj);
    return (obj_t *)m;
}

static obj_t *wrapperdescr_repr(obj_t *self) {
    wrapperdescr_t *w = (wrapperdescr_t *)self;
    return str_from_format("<slot wrapper '%s' of '%s' objects>", w->sd->name, w->owner->name);
}

static void wrapperdescr_dealloc(obj_t *self) {
    obj_free(self);
}

static obj_t *wrapperdescr_get_name(obj_t *self, void *c) {
    return str_from_cstr(((wrapperdescr_t *)self)->sd->name);
}
static obj_t *wrapperdescr_get_qualname(obj_t *self, void *c) {
    wrapperdescr_t *w = (wrapperdescr_t *)self;
    return str_from_format("%s.%s", w->owner->name, w->sd->name);
}
static obj_t *wrapperdescr_get_objclass(obj_t *self, void *c) {
    return NEWREF((obj_t *)((wrapperdescr_t *)self)->owner);
}
// CPython 3.11's docstrings of the slot wrappers, by dunder name.
static const char *const slot_docs[][2] = {
    {"__abs__", "abs(self)"},
    {"__add__", "Return self+value."},
    {"__and__", "Return self&value."},
    {"__bool__", "True if self else False"},
    {"__call__", "Call self as a function."},
    {"__contains__", "Return key in self."},
    {"__delattr__", "Implement delattr(self, name)."},
    {"__delete__", "Delete an attribute of instance."},
    {"__delitem__", "Delete self[key]."},
    {"__eq__", "Return self==value."},
    {"__float__", "float(self)"},
    {"__floordiv__", "Return self//value."},
    {"__ge__", "Return self>=value."},
    {"__get__", "Return an attribute of instance, which is of type owner."},
    {"__getattribute__", "Return getattr(self, name)."},
    {"__getitem__", "Return self[key]."},
    {"__gt__", "Return self>value."},
    {"__hash__", "Return hash(self)."},
    {"__iadd__", "Implement self+=value."},
    {"__iand__", "Return self&=value."},
    {"__imul__", "Implement self*=value."},
    {"__index__",
     "Return self converted to an integer, if self is suitable for use as an index into a list."},
    {"__init__", "Initialize self.  See help(type(self)) for accurate signature."},
    {"__int__", "int(self)"},
    {"__invert__", "~self"},
    {"__ior__", "Return self|=value."},
    {"__isub__", "Return self-=value."},
    {"__iter__", "Implement iter(self)."},
    {"__ixor__", "Return self^=value."},
    {"__le__", "Return self<=value."},
    {"__len__", "Return len(self)."},
    {"__lshift__", "Return self<<value."},
    {"__lt__", "Return self<value."},
    {"__mod__", "Return self%value."},
    {"__mul__", "Return self*value."},
    {"__ne__", "Return self!=value."},
    {"__neg__", "-self"},
    {"__next__", "Implement next(self)."},
    {"__or__", "Return self|value."},
    {"__pos__", "+self"},
    {"__pow__", "Return pow(self, value, mod)."},
    {"__radd__", "Return value+self."},
    {"__rand__", "Return value&self."},
    {"__repr__", "Return repr(self)."},
    {"__rfloordiv__", "Return value//self."},
    {"__rlshift__", "Return value<<self."},
    {"__rmod__", "Return value%self."},
    {"__rmul__", "Return value*self."},
    {"__ror__", "Return value|self."},
    {"__rpow__", "Return pow(value, self, mod)."},
    {"__rrshift__", "Return value>>self."},
    {"__rshift__", "Return self>>value."},
    {"__rsub__", "Return value-self."},
    {"__rtruediv__", "Return value/self."},
    {"__rxor__", "Return value^self."},
    {"__set__", "Set an attribute of instance to value."},
    {"__setattr__", "Implement setattr(self, name, value)."},
    {"__setitem__", "Set self[key] to value."},
    {"__str__", "Return str(self)."},
    {"__sub__", "Return self-value."},
    {"__truediv__", "Return self/value."},
    {"__xor__", "Return self^value."},
};

static obj_t *slot_doc(const slotdef_t *sd) {
    for (size_t i = 0; i < sizeof slot_docs / sizeof slot_docs[0]; i++)
        if (strcmp(slot_docs[i][0], sd->name) == 0) return str_from_cstr(slot_docs[i][1]);
    return NEWREF(None);
}
// CPython 3.11's __text_signature__ of a slot wrapper, from the shape of
// its slot: what inspect.signature reads.
static obj_t *slot_text_signature(const slotdef_t *sd) {
    static const struct {
        const char *name, *sig;
    } special[] = {
        {"__pow__", "($self, value, mod=None, /)"},
        {"__rpow__", "($self, value, mod=None, /)"},
        {"__call__", "($self, /, *args, **kwargs)"},
        {"__init__", "($self, /, *args, **kwargs)"},
        {"__get__", "($self, instance, owner=None, /)"},
        {"__set__", "($self, instance, value, /)"},
        {"__delete__", "($self, instance, /)"},
        {"__getattr__", "($self, name, /)"},
        {"__getattribute__", "($self, name, /)"},
        {"__delattr__", "($self, name, /)"},
        {"__setattr__", "($self, name, value, /)"},
        {"__getitem__", "($self, key, /)"},
        {"__delitem__", "($self, key, /)"},
        {"__contains__", "($self, key, /)"},
        {"__setitem__", "($self, key, value, /)"},
    };
    static const char *const unary[] = {
        "__abs__",  "__bool__", "__float__", "__hash__", "__index__", "__int__",  "__invert__",
        "__iter__", "__len__",  "__neg__",   "__next__", "__pos__",   "__repr__", "__str__"};
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        if (strcmp(special[i].name, sd->name) == 0) return str_from_cstr(special[i].sig);
    for (size_t i = 0; i < sizeof unary / sizeof unary[0]; i++)
        if (strcmp(unary[i], sd->name) == 0) return str_from_cstr("($self, /)");
    // The binary, reflected, in-place and comparison operators.
    return str_from_cstr("($self, value, /)");
}
static obj_t *wrapperdescr_get_text_signature(obj_t *self, void *c) {
    return slot_text_signature(((wrapperdescr_t *)self)->sd);
}
static obj_t *methodwrapper_get_text_signature(obj_t *self, void *c) {
    return slot_text_signature(((wrapperdescr_t *)((method_t *)self)->func)->sd);
}
static obj_t *wrapperdescr_get_doc(obj_t *self, void *c) {
    return slot_doc(((wrapperdescr_t *)self)->sd);
}
static obj_t *methodwrapper_get_doc(obj_t *self, void *c) {
    return slot_doc(((wrapperdescr_t *)((method_t *)self)->func)->sd);
}

static const getset_def_t wrapperdescr_getsets[] = {
    {"__name__", wrapperdescr_get_name, NULL, NULL},
    {"__qualname__", wrapperdescr_get_qualname, NULL, NULL},
    {"__objclass__", wrapperdescr_get_objclass, NULL, NULL},
    {"__doc__", wrapperdescr_get_doc, NULL, NULL},
    {"__text_signature__", wrapperdescr_get_text_signature, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t wrapperdescr_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "wrapper_descriptor",
    .basicsize = sizeof(wrapperdescr_t),
    .flags = TPFLAG_METHOD_DESCRIPTOR,
    .base = &object_type,
    .dealloc = wrapperdescr_dealloc,
    .repr = wrapperdescr_repr,
    .call = wrapperdescr_call,
    .descr_get = wrapperdescr_get,
    .getsets = wrapperdescr_getsets,
};

static obj_t *methodwrapper_call(obj_t *callable, obj_t *const *args, size_t nargs,
                                 obj_t *kwnames) {
    method_t *m = (method_t *)callable;
    return wrapper_invoke((wrapperdescr_t *)m->func, m->self, args, nargs, kwnames);
}

static obj_t *methodwrapper_repr(obj_t *self) {
    method_t *m = (method_t *)self;
    return str_from_format("<method-wrapper '%s' of %s object at %p>",
                           ((wrapperdescr_t *)m->func)->sd->name, obj_type_name(m->self),
                           (void *)m->self);
}

static void methodwrapper_dealloc(obj_t *self) {
    method_t *m = (method_t *)self;
    DECREF(m->func);
    DECREF(m->self);
    obj_free(self);
}

static obj_t *methodwrapper_get_self(obj_t *self, void *c) {
    return NEWREF(((method_t *)self)->self);
}
static obj_t *methodwrapper_get_name(obj_t *self, void *c) {
    return str_from_cstr(((wrapperdescr_t *)((method_t *)self)->func)->sd->name);
}
static obj_t *methodwrapper_get_qualname(obj_t *self, void *c) {
    return wrapperdescr_get_qualname(((method_t *)self)->func, c);
}

static obj_t *methodwrapper_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || TYPE(b) != &methodwrapper_type)
        return NEWREF(NotImplemented);
    method_t *x = (method_t *)a, *y = (method_t *)b;
    bool eq = x->func == y->func && x->self == y->self;
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static hash_t methodwrapper_hash(obj_t *self) {
    method_t *m = (method_t *)self;
    hash_t h = obj_generic_hash(m->self) ^ obj_generic_hash(m->func);
    return h == -1 ? -2 : h;
}

static const getset_def_t methodwrapper_getsets[] = {
    {"__self__", methodwrapper_get_self, NULL, NULL},
    {"__name__", methodwrapper_get_name, NULL, NULL},
    {"__qualname__", methodwrapper_get_qualname, NULL, NULL},
    {"__doc__", methodwrapper_get_doc, NULL, NULL},
    {"__text_signature__", methodwrapper_get_text_signature, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t methodwrapper_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "method-wrapper",
    .basicsize = sizeof(method_t),
    .base = &object_type,
    .dealloc = methodwrapper_dealloc,
    .repr = methodwrapper_repr,
    .hash = methodwrapper_hash,
    .richcompare = methodwrapper_richcompare,
    .call = methodwrapper_call,
    .getsets = methodwrapper_getsets,
};
