/*
 * objects/object.c — the abstract object API (objects/object.h): repr/str/
 * format, hashing, rich comparison, truth, len, attribute access with the
 * generic descriptor protocol, subscription, iteration, calls, isinstance /
 * issubclass, index conversion, dir(), and the recursion guards.  The number
 * protocol (binary/unary operators) lives in abstract.c.
 *
 * Invariants:
 *  - Every entry point works on tagged small ints (TYPE() maps them to int).
 *  - Class-level lookups go through type_lookup (objects/type.c), which
 *    returns borrowed references; callers INCREF what they keep across a
 *    call that may run Python code.
 *  - An instance's dict slot (at type->dictoffset) is read with an acquire
 *    load and created lazily with a compare-and-swap, so two threads setting
 *    the first attribute of a shared object cannot lose a dict.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/parser.h"
#include "../gc/qsbr.h"
#include "../threads/thread.h"
#include "bytes.h"
#include "dict.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "method.h"
#include "module.h"
#include "range.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"

// ---- recursion guards ---------------------------------------------------------

int c_recursion_enter(const char *where) {
    thread_t *ts = thread_current();
    // The depth bound, and the thread's real C stack (the parser's guard:
    // frames are much larger in sanitizer builds, where 3000 levels of
    // Python calls through C overflowed it).
    // The C stack is a pvm safety net CPython 3.11 lacks, and which of the
    // two fires first depends on the machine's stack size: its message
    // carries no `where`, so only the depth bound (CPython's counter) says
    // "while calling a Python object".
    parse_stack_init();
    if (PVM_UNLIKELY(++ts->c_depth > PVM_MAX_C_DEPTH)) {
        ts->c_depth--;
        err_format(exc_RecursionError, "maximum recursion depth exceeded%s", where ? where : "");
        return -1;
    }
    if (PVM_UNLIKELY(parse_stack_exhausted())) {
        ts->c_depth--;
        err_set_str(exc_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    return 0;
}

void c_recursion_leave(void) {
    thread_current()->c_depth--;
}

int repr_enter(obj_t *v) {
    thread_t *ts = thread_current();
    for (size_t i = 0; i < ts->repr_len; i++)
        if (ts->repr_stack[i] == v) return 1;
    if (ts->repr_len == ts->repr_cap) {
        size_t cap = ts->repr_cap ? ts->repr_cap * 2 : 16;
        obj_t **s = realloc(ts->repr_stack, cap * sizeof(obj_t *));
        if (s == NULL) {
            err_no_memory();
            return -1;
        }
        ts->repr_stack = s;
        ts->repr_cap = cap;
    }
    ts->repr_stack[ts->repr_len++] = v;
    return 0;
}

void repr_leave(obj_t *v) {
    thread_t *ts = thread_current();
    for (size_t i = ts->repr_len; i > 0; i--) {
        if (ts->repr_stack[i - 1] == v) {
            memmove(&ts->repr_stack[i - 1], &ts->repr_stack[i],
                    (ts->repr_len - i) * sizeof(obj_t *));
            ts->repr_len--;
            return;
        }
    }
}

// ---- subtype test ---------------------------------------------------------------

bool type_is_subtype(type_t *a, type_t *b) {
    if (a == b) return true;
    obj_t *mro = a->mro;
    if (mro != NULL) {
        size_t n = TUPLE_SIZE(mro);
        for (size_t i = 0; i < n; i++)
            if ((type_t *)TUPLE_GET(mro, i) == b) return true;
        return false;
    }
    // Not ready yet: follow the primary bases.
    for (type_t *t = a; t != NULL; t = t->base)
        if (t == b) return true;
    return b == &object_type;
}

// ---- repr / str / ascii / format -------------------------------------------------

obj_t *obj_repr(obj_t *v) {
    unaryfunc f = TYPE(v)->repr;
    if (f == NULL) return str_from_format("<%s object at %p>", TYPE(v)->name, (void *)v);
    if (c_recursion_enter(" while getting the repr of an object") < 0) return NULL;
    obj_t *r = f(v);
    c_recursion_leave();
    if (r != NULL && !STR_CHECK(r)) {
        err_format(exc_TypeError, "__repr__ returned non-string (type %s)", obj_type_name(r));
        DECREF(r);
        return NULL;
    }
    return r;
}

obj_t *obj_str(obj_t *v) {
    if (STR_EXACT(v)) return NEWREF(v);
    unaryfunc f = TYPE(v)->str;
    if (f == NULL) return obj_repr(v);
    if (c_recursion_enter(" while getting the str of an object") < 0) return NULL;
    obj_t *r = f(v);
    c_recursion_leave();
    if (r != NULL && !STR_CHECK(r)) {
        err_format(exc_TypeError, "__str__ returned non-string (type %s)", obj_type_name(r));
        DECREF(r);
        return NULL;
    }
    return r;
}

obj_t *obj_ascii(obj_t *v) {
    obj_t *r = obj_repr(v);
    if (r == NULL || ((str_t *)r)->ascii) return r;
    str_builder_t b;
    str_builder_init(&b);
    const char *p = str_data(r), *end = p + str_nbytes(r);
    while (p < end) {
        uint32_t c = utf8_decode(&p);
        if (c < 128)
            str_builder_add_char(&b, (char)c);
        else if (c <= 0xff)
            str_builder_printf(&b, "\\x%02x", c);
        else if (c <= 0xffff)
            str_builder_printf(&b, "\\u%04x", c);
        else
            str_builder_printf(&b, "\\U%08x", c);
    }
    DECREF(r);
    return str_builder_finish(&b);
}

obj_t *obj_format(obj_t *v, obj_t *spec) {
    obj_t *empty = NULL;
    if (spec == NULL) spec = empty = str_intern("");
    if (str_len(spec) == 0) {
        if (STR_EXACT(v)) return NEWREF(v);
        if (IS_SMALLINT(v)) return obj_str(v);
    }
    obj_t *meth = type_lookup(TYPE(v), ID(__format__));
    if (meth == NULL) {
        err_format(exc_TypeError, "Type %s doesn't define __format__", obj_type_name(v));
        return NULL;
    }
    INCREF(meth);
    obj_t *r = call_unbound(meth, v, &spec, 1, NULL);
    DECREF(meth);
    if (r != NULL && !STR_CHECK(r)) {
        err_format(exc_TypeError, "__format__ must return a str, not %s", obj_type_name(r));
        DECREF(r);
        return NULL;
    }
    (void)empty;
    return r;
}

// ---- hashing -----------------------------------------------------------------------

hash_t hash_not_implemented(obj_t *v) {
    err_format(exc_TypeError, "unhashable type: '%s'", obj_type_name(v));
    return -1;
}

hash_t obj_generic_hash(obj_t *v) {
    // CPython's _Py_HashPointer: rotate out the alignment bits.
    uint64_t y = (uint64_t)(uintptr_t)v;
    y = (y >> 4) | (y << 60);
    hash_t h = (hash_t)y;
    if (h == -1) h = -2;
    return h;
}

hash_t obj_hash(obj_t *v) {
    hashfunc f = TYPE(v)->hash;
    if (f == NULL) return hash_not_implemented(v);
    return f(v);
}

// ---- comparison -----------------------------------------------------------------------

static const int swapped_op[] = {CMP_GT_OP, CMP_GE_OP, CMP_EQ_OP, CMP_NE_OP, CMP_LT_OP, CMP_LE_OP};
static const char *const cmp_symbol[] = {"<", "<=", "==", "!=", ">", ">="};

static obj_t *do_richcompare(obj_t *a, obj_t *b, int op) {
    type_t *ta = TYPE(a), *tb = TYPE(b);
    bool checked_reverse = false;
    obj_t *r;
    if (ta != tb && tb->richcompare != NULL && type_is_subtype(tb, ta)) {
        checked_reverse = true;
        r = tb->richcompare(b, a, swapped_op[op]);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    if (ta->richcompare != NULL) {
        r = ta->richcompare(a, b, op);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    if (!checked_reverse && tb->richcompare != NULL) {
        r = tb->richcompare(b, a, swapped_op[op]);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    switch (op) {
    case CMP_EQ_OP: return NEWREF(bool_from(a == b));
    case CMP_NE_OP: return NEWREF(bool_from(a != b));
    default:
        err_format(exc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                   cmp_symbol[op], ta->name, tb->name);
        return NULL;
    }
}

obj_t *obj_richcompare(obj_t *a, obj_t *b, int op) {
    if (IS_SMALLINT(a) && IS_SMALLINT(b)) {
        int64_t x = SMALLINT_VALUE(a), y = SMALLINT_VALUE(b);
        bool res;
        switch (op) {
        case CMP_LT_OP: res = x < y; break;
        case CMP_LE_OP: res = x <= y; break;
        case CMP_EQ_OP: res = x == y; break;
        case CMP_NE_OP: res = x != y; break;
        case CMP_GT_OP: res = x > y; break;
        default: res = x >= y; break;
        }
        return bool_from(res);
    }
    if (c_recursion_enter(" in comparison") < 0) return NULL;
    obj_t *r = do_richcompare(a, b, op);
    c_recursion_leave();
    return r;
}

int obj_richcompare_bool(obj_t *a, obj_t *b, int op) {
    if (a == b) {
        if (op == CMP_EQ_OP) return 1;
        if (op == CMP_NE_OP) return 0;
    }
    obj_t *r = obj_richcompare(a, b, op);
    if (r == NULL) return -1;
    int t;
    if (r == True)
        t = 1;
    else if (r == False)
        t = 0;
    else
        t = obj_is_true(r);
    DECREF(r);
    return t;
}

int obj_eq(obj_t *a, obj_t *b) {
    return obj_richcompare_bool(a, b, CMP_EQ_OP);
}

// ---- truth, len ------------------------------------------------------------------------

int obj_is_true(obj_t *v) {
    if (v == True) return 1;
    if (v == False || v == None) return 0;
    if (IS_SMALLINT(v)) return SMALLINT_VALUE(v) != 0;
    type_t *t = TYPE(v);
    if (t->nb_bool != NULL) return t->nb_bool(v);
    if (t->len != NULL) {
        ssize_t n = t->len(v);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

ssize_t obj_len(obj_t *v) {
    lenfunc f = TYPE(v)->len;
    if (f == NULL) {
        err_format(exc_TypeError, "object of type '%s' has no len()", obj_type_name(v));
        return -1;
    }
    return f(v);
}

// CPython's PyObject_LengthHint: len(v) if v has one (a TypeError from it
// falls through), else v.__length_hint__() (missing, NotImplemented or a
// TypeError give dflt).  Used to size containers built from iterables.
ssize_t obj_length_hint(obj_t *v, ssize_t dflt) {
    if (TYPE(v)->len != NULL) {
        ssize_t n = TYPE(v)->len(v);
        if (n >= 0) return n;
        if (!err_matches(exc_TypeError)) return -1;
        err_clear();
    }
    bool missing = false;
    obj_t *r = call_dunder(v, ID(__length_hint__), NULL, 0, &missing);
    if (r == NULL) {
        if (missing) return dflt;
        if (!err_matches(exc_TypeError)) return -1;
        err_clear();
        return dflt;
    }
    if (r == NotImplemented) {
        DECREF(r);
        return dflt;
    }
    if (!INT_CHECK(r)) {
        err_format(exc_TypeError, "__length_hint__ must be an integer, not %s", obj_type_name(r));
        DECREF(r);
        return -1;
    }
    int64_t n;
    int rc = int_as_i64(r, &n);
    DECREF(r);
    if (rc < 0) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    if (n < 0) {
        err_set_str(exc_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return (ssize_t)n;
}

// ---- attributes ---------------------------------------------------------------------------

#define ALIGN8(n) (((n) + 7) & ~(size_t)7)

size_t obj_var_end(obj_t *v) {
    type_t *t = TYPE(v);
    if (type_has_flag(t, TPFLAG_STR_SUBCLASS))
        return ALIGN8(offsetof(str_t, data) + str_nbytes(v) + 1);
    if (type_has_flag(t, TPFLAG_TUPLE_SUBCLASS))
        return offsetof(tuple_t, items) + TUPLE_SIZE(v) * sizeof(obj_t *);
    if (type_has_flag(t, TPFLAG_BYTES_SUBCLASS))
        return ALIGN8(offsetof(bytes_t, data) + bytes_len(v) + 1);
    return t->basicsize;
}

obj_t **obj_dict_ptr(obj_t *v) {
    if (IS_SMALLINT(v)) return NULL;
    size_t off = v->ob_type->dictoffset;
    if (PVM_LIKELY(off != DICTOFFSET_AT_END)) return off ? (obj_t **)((char *)v + off) : NULL;
    return (obj_t **)((char *)v + obj_var_end(v));
}

// ---- the instance dict: the only readers and writers of the slot ----------------------------
//
// `o.__dict__ = d` (and `del o.__dict__`) may replace an instance dict while
// other threads read it without a lock, so every access goes through the
// rebindable-field helpers of gc/qsbr.h; these five functions are the only
// code that touches the slot of a live object (deallocs clear it).

obj_t *obj_instance_dict_borrow(obj_t *v) {
    obj_t **dp = obj_dict_ptr(v);
    return dp ? qsbr_field_borrow(v, dp) : NULL;
}

obj_t *obj_instance_dict(obj_t *v) {
    obj_t **dp = obj_dict_ptr(v);
    return dp ? qsbr_field_load(v, dp) : NULL;
}

obj_t *obj_instance_dict_ensure(obj_t *v) {
    obj_t **dp = obj_dict_ptr(v);
    if (dp == NULL) {
        err_set_str(exc_AttributeError, "This object has no __dict__");
        return NULL;
    }
    obj_t *d = qsbr_field_load(v, dp);
    if (d != NULL) return d;
    obj_t *nd = dict_new();
    if (nd == NULL) return NULL;
    return NEWREF(qsbr_field_init(v, dp, nd));
}

int obj_instance_dict_replace(obj_t *v, obj_t *d) {
    obj_t **dp = obj_dict_ptr(v);
    if (dp == NULL) {
        err_set_str(exc_AttributeError, "This object has no __dict__");
        return -1;
    }
    XINCREF(d);
    qsbr_field_store(v, dp, d);
    return 0;
}

// An exact-str name in a dict read lock-free: as a register reference
// (credit) when `reg`, else counted.  *done false: undecided (the caller
// must use the general lookup, holding its own reference to d).
static inline obj_t *lockfree_name_lookup(obj_t *d, obj_t *name, bool reg, bool *done) {
    *done = false;
    if (!STR_EXACT(name)) return NULL;
    obj_t *r = dict_get_for_reg(d, name, str_hash(name), done);
    if (r != NULL && !reg) credit_claim(r); // a C caller may store it anywhere
    return r;
}

// The general lookup of name in an instance dict borrowed from v: it may
// run __eq__ or park on the dict's lock (a quiescent state), so it holds a
// counted reference to d meanwhile.
static obj_t *instance_dict_lookup(obj_t *d, obj_t *name) {
    INCREF(d);
    obj_t *r = dict_get(d, name);
    DECREF(d);
    return r;
}

obj_t *obj_load_method(obj_t *obj, obj_t *name, obj_t **self_out) {
    type_t *tp = TYPE(obj);
    *self_out = NULL;
    if (tp->getattro == obj_generic_getattr) {
        obj_t *descr = type_lookup(tp, name);
        if (descr && type_has_flag(TYPE(descr), TPFLAG_METHOD_DESCRIPTOR)) {
            obj_t *d = obj_instance_dict_borrow(obj);
            if (d != NULL) {
                // An instance attribute shadows the method.
                bool done;
                obj_t *shadow = lockfree_name_lookup(d, name, true, &done);
                if (!done) shadow = instance_dict_lookup(d, name);
                if (shadow != NULL) return shadow;
                if (err_occurred()) return NULL;
            }
            INCREF_MOVE(obj); // obj is in a register of the caller
            *self_out = obj;
            return NEWREF(descr);
        }
    }
    return obj_getattr(obj, name);
}

int obj_ssize_arg(obj_t *v, ssize_t *out) {
    if (IS_SMALLINT(v)) {
        *out = (ssize_t)SMALLINT_VALUE(v);
        return 0;
    }
    obj_t *iv = obj_index(v);
    if (!iv) return -1;
    int64_t x;
    int rc = IS_SMALLINT(iv) ? (x = SMALLINT_VALUE(iv), 0) : int_as_i64(iv, &x);
    DECREF(iv);
    if (rc < 0) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    *out = (ssize_t)x;
    return 0;
}

int obj_int_arg(obj_t *v, int *out) {
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int64_t x;
    int rc = int_as_i64(i, &x);
    DECREF(i);
    if (rc < 0) return -1;
    if (x > INT_MAX || x < INT_MIN) {
        err_set_str(exc_OverflowError, x > INT_MAX ? "signed integer is greater than maximum"
                                                   : "signed integer is less than minimum");
        return -1;
    }
    *out = (int)x;
    return 0;
}

void raise_attribute_error(obj_t *v, obj_t *name) {
    err_format(exc_AttributeError, "'%s' object has no attribute '%U'", obj_type_name(v), name);
    obj_t *exc = err_peek();
    if (exc != NULL && EXC_CHECK(exc)) exc_set_attr_details(exc, name, v);
}

static inline obj_t *generic_getattr_any(obj_t *v, obj_t *name, bool suppress, bool reg) {
    type_t *tp = TYPE(v);
    obj_t *descr = type_lookup(tp, name);
    descrgetfunc f = NULL;
    obj_t *r;
    if (descr != NULL) {
        INCREF(descr);
        f = TYPE(descr)->descr_get;
        if (f != NULL && TYPE(descr)->descr_set != NULL) {
            r = f(descr, v, (obj_t *)tp);
            DECREF(descr);
            return r;
        }
    }
    obj_t *d = obj_instance_dict_borrow(v);
    if (d != NULL) {
        bool done;
        r = lockfree_name_lookup(d, name, reg, &done);
        if (!done) r = instance_dict_lookup(d, name);
        if (r != NULL || err_occurred()) {
            XDECREF(descr);
            return r;
        }
    }
    if (f != NULL) {
        r = f(descr, v, (obj_t *)tp);
        DECREF(descr);
        return r;
    }
    if (descr != NULL) return descr;
    if (!suppress) raise_attribute_error(v, name);
    return NULL;
}

obj_t *generic_getattr_impl(obj_t *v, obj_t *name, bool suppress) {
    return generic_getattr_any(v, name, suppress, false);
}

obj_t *obj_getattr_for_reg(obj_t *v, obj_t *name) {
    if (IS_SMALLINT(v)) return obj_getattr(v, name);
    getattrofunc ga = TYPE(v)->getattro;
    if (ga == obj_generic_getattr) return generic_getattr_any(v, name, false, true);
    if (ga == module_type.getattro) {
        // A module's attributes are its dict's values: credits too.  Not
        // found: the module's own getattro (__getattr__, the error).
        obj_t *r = generic_getattr_any(v, name, true, true);
        if (r != NULL || err_occurred()) return r;
    }
    return obj_getattr(v, name);
}

obj_t *obj_generic_getattr(obj_t *v, obj_t *name) {
    return generic_getattr_impl(v, name, false);
}

int obj_generic_setattr(obj_t *v, obj_t *name, obj_t *value) {
    type_t *tp = TYPE(v);
    obj_t *descr = type_lookup(tp, name);
    if (descr != NULL) {
        descrsetfunc f = TYPE(descr)->descr_set;
        if (f != NULL) {
            INCREF(descr);
            int r = f(descr, v, value);
            DECREF(descr);
            return r;
        }
    }
    if (obj_dict_ptr(v) == NULL) {
        if (descr == NULL)
            raise_attribute_error(v, name);
        else
            err_format(exc_AttributeError, "'%s' object attribute '%U' is read-only", tp->name,
                       name);
        return -1;
    }
    // A counted reference: dict_set may park on the dict's lock.
    obj_t *d = value != NULL ? obj_instance_dict_ensure(v) : obj_instance_dict(v);
    if (d == NULL) {
        if (value == NULL && !err_occurred()) raise_attribute_error(v, name);
        return -1;
    }
    int r;
    if (value != NULL) {
        r = dict_set(d, name, value);
    } else if ((r = dict_del(d, name)) < 0 && err_matches(exc_KeyError)) {
        err_clear();
        raise_attribute_error(v, name);
    }
    DECREF(d);
    return r;
}

static int check_name(obj_t *name) {
    if (PVM_UNLIKELY(!STR_CHECK(name))) {
        err_format(exc_TypeError, "attribute name must be string, not '%s'", obj_type_name(name));
        return -1;
    }
    return 0;
}

obj_t *obj_getattr(obj_t *v, obj_t *name) {
    if (check_name(name) < 0) return NULL;
    getattrofunc f = TYPE(v)->getattro;
    if (f != NULL) return f(v, name);
    return generic_getattr_impl(v, name, false);
}

// C-string attribute names -> interned str without taking the intern
// table's lock each time: a small direct-mapped cache, filled first come
// first served (entries are never replaced, so readers need no lock).
typedef struct {
    obj_t *val;
    char text[];
} ncache_entry_t;
static ncache_entry_t *_Atomic ncache[256];

static obj_t *name_from_cstr(const char *s) {
    uint32_t h = 2166136261u;
    size_t n = 0;
    for (const char *p = s; *p; p++, n++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    _Atomic(ncache_entry_t *) *slot = &ncache[h & 255];
    ncache_entry_t *e = atomic_load_explicit(slot, memory_order_acquire);
    if (e != NULL && strcmp(e->text, s) == 0) return e->val;
    obj_t *v = str_intern(s);
    if (e == NULL && n < 64) {
        ncache_entry_t *ne = malloc(sizeof(ncache_entry_t) + n + 1);
        if (ne != NULL) {
            ne->val = v;
            memcpy(ne->text, s, n + 1);
            ncache_entry_t *expected = NULL;
            if (!atomic_compare_exchange_strong_explicit(slot, &expected, ne, memory_order_acq_rel,
                                                         memory_order_acquire))
                free(ne);
        }
    }
    return v;
}

obj_t *obj_getattr_str(obj_t *v, const char *name) {
    return obj_getattr(v, name_from_cstr(name));
}

obj_t *obj_lookup_attr(obj_t *v, obj_t *name) {
    if (check_name(name) < 0) return NULL;
    getattrofunc f = TYPE(v)->getattro;
    obj_t *r;
    if (f == NULL || f == obj_generic_getattr)
        r = generic_getattr_impl(v, name, true);
    else if (f == type_getattro)
        r = type_getattr_impl(v, name, true);
    else
        r = f(v, name);
    if (r == NULL && err_matches(exc_AttributeError)) err_clear();
    return r;
}

int obj_hasattr(obj_t *v, obj_t *name) {
    obj_t *r = obj_lookup_attr(v, name);
    if (r != NULL) {
        DECREF(r);
        return 1;
    }
    return err_occurred() ? -1 : 0;
}

int obj_setattr(obj_t *v, obj_t *name, obj_t *value) {
    if (check_name(name) < 0) return -1;
    setattrofunc f = TYPE(v)->setattro;
    if (f != NULL) return f(v, name, value);
    return obj_generic_setattr(v, name, value);
}

int obj_setattr_str(obj_t *v, const char *name, obj_t *value) {
    return obj_setattr(v, name_from_cstr(name), value);
}

// ---- subscription -------------------------------------------------------------------------

// Builtin classes that are generic in CPython (list[int] is a GenericAlias).
static bool is_builtin_generic(type_t *t) {
    extern type_t set_type, frozenset_type;
    return t == &list_type || t == &dict_type || t == &tuple_type || t == &type_type ||
           t == &set_type || t == &frozenset_type;
}

obj_t *obj_getitem(obj_t *v, obj_t *key) {
    type_t *t = TYPE(v);
    if (t->getitem != NULL) return t->getitem(v, key);
    if (TYPE_CHECK(v)) {
        obj_t *meth = obj_lookup_attr(v, ID(__class_getitem__));
        if (meth != NULL) {
            obj_t *r = obj_call1(meth, key);
            DECREF(meth);
            return r;
        }
        if (err_occurred()) return NULL;
        if (is_builtin_generic((type_t *)v)) return generic_alias_new(v, key);
        err_format(exc_TypeError, "type '%s' is not subscriptable", ((type_t *)v)->name);
        return NULL;
    }
    err_format(exc_TypeError, "'%s' object is not subscriptable", t->name);
    return NULL;
}

int obj_setitem(obj_t *v, obj_t *key, obj_t *value) {
    type_t *t = TYPE(v);
    if (t->setitem != NULL) return t->setitem(v, key, value);
    err_format(exc_TypeError, "'%s' object does not support item assignment", t->name);
    return -1;
}

int obj_delitem(obj_t *v, obj_t *key) {
    type_t *t = TYPE(v);
    if (t->setitem != NULL) return t->setitem(v, key, NULL);
    err_format(exc_TypeError, "'%s' object doesn't support item deletion", t->name);
    return -1;
}

int obj_contains(obj_t *container, obj_t *item) {
    type_t *t = TYPE(container);
    if (t->contains != NULL) return t->contains(container, item);
    if (t->iter == NULL && t->getitem == NULL) {
        err_format(exc_TypeError, "argument of type '%s' is not iterable", t->name);
        return -1;
    }
    obj_t *it = obj_iter(container);
    if (it == NULL) return -1;
    int found = 0;
    for (;;) {
        obj_t *x = obj_iternext(it);
        if (x == NULL) {
            if (err_occurred()) found = -1;
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

// ---- iteration ----------------------------------------------------------------------------

obj_t *obj_iter(obj_t *v) {
    type_t *t = TYPE(v);
    if (t->iter != NULL) {
        obj_t *r = t->iter(v);
        if (r != NULL && TYPE(r)->iternext == NULL) {
            err_format(exc_TypeError, "iter() returned non-iterator of type '%s'",
                       obj_type_name(r));
            DECREF(r);
            return NULL;
        }
        return r;
    }
    if (t->getitem != NULL && !DICT_CHECK(v)) return seqiter_new(v);
    err_format(exc_TypeError, "'%s' object is not iterable", t->name);
    return NULL;
}

obj_t *obj_iternext_raw(obj_t *it) {
    iternextfunc f = TYPE(it)->iternext;
    if (f == NULL) {
        err_format(exc_TypeError, "'%s' object is not an iterator", obj_type_name(it));
        return NULL;
    }
    return f(it);
}

obj_t *obj_iternext_transient(obj_t *it) {
    iternextregfunc f = TYPE(it)->iternext_reg;
    if (f == NULL) return obj_iternext(it);
    obj_t *v = NULL;
    return f(it, &v, NULL) > 0 ? v : NULL;
}

obj_t *obj_iternext(obj_t *it) {
    obj_t *r = obj_iternext_raw(it);
    if (PVM_UNLIKELY(r == NULL) && err_matches(exc_StopIteration)) err_clear();
    return r;
}

obj_t *obj_apply_each(obj_t *self, obj_t *iterable, cfunc_t fn) {
    obj_t *it = obj_iter(iterable);
    if (it == NULL) return NULL;
    obj_t *item;
    while ((item = obj_iternext(it)) != NULL) {
        obj_t *r = fn(self, &item, 1, NULL);
        DECREF(item);
        if (r == NULL) {
            DECREF(it);
            return NULL;
        }
        DECREF(r);
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    return NEWREF(None);
}

// ---- calls ------------------------------------------------------------------------------------

obj_t *obj_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    callfunc f = TYPE(callable)->call;
    if (PVM_UNLIKELY(f == NULL)) {
        err_format(exc_TypeError, "'%s' object is not callable", obj_type_name(callable));
        return NULL;
    }
    if (kwnames != NULL && TUPLE_SIZE(kwnames) == 0) kwnames = NULL;
    if (PVM_UNLIKELY(c_recursion_enter(" while calling a Python object") < 0)) return NULL;
    obj_t *r = f(callable, args, nargs, kwnames);
    c_recursion_leave();
    if (PVM_UNLIKELY(r == NULL && !err_occurred()))
        err_format(exc_SystemError, "%s returned NULL without setting an exception",
                   obj_type_name(callable));
    return r;
}

obj_t *obj_call0(obj_t *callable) {
    return obj_call(callable, NULL, 0, NULL);
}

obj_t *obj_call1(obj_t *callable, obj_t *a) {
    return obj_call(callable, &a, 1, NULL);
}

obj_t *obj_call2(obj_t *callable, obj_t *a, obj_t *b) {
    obj_t *args[2] = {a, b};
    return obj_call(callable, args, 2, NULL);
}

obj_t *obj_call_tuple_dict(obj_t *callable, obj_t *args_tuple, obj_t *kwargs) {
    size_t n = args_tuple ? TUPLE_SIZE(args_tuple) : 0;
    obj_t *const *items = args_tuple ? TUPLE_ITEMS(args_tuple) : NULL;
    ssize_t nk = kwargs ? dict_size(kwargs) : 0;
    if (nk <= 0) return obj_call(callable, items, n, NULL);
    obj_t **argv = malloc((n + (size_t)nk) * sizeof(obj_t *));
    obj_t **keys = malloc((size_t)nk * sizeof(obj_t *));
    if (argv == NULL || keys == NULL) {
        free(argv);
        free(keys);
        return err_no_memory();
    }
    for (size_t i = 0; i < n; i++)
        argv[i] = items[i];
    ssize_t pos = 0, got = 0;
    obj_t *k, *v, *r = NULL, *kwnames = NULL;
    while (got < nk && dict_next(kwargs, &pos, &k, &v)) {
        if (!STR_CHECK(k)) {
            DECREF(k);
            DECREF(v);
            err_set_str(exc_TypeError, "keywords must be strings");
            goto done;
        }
        keys[got] = k;
        argv[n + (size_t)got] = v;
        got++;
    }
    kwnames = tuple_new((size_t)got);
    if (kwnames == NULL) goto done;
    for (ssize_t i = 0; i < got; i++)
        TUPLE_SET(kwnames, i, NEWREF(keys[i]));
    r = obj_call(callable, argv, n, kwnames);
done:
    XDECREF(kwnames);
    for (ssize_t i = 0; i < got; i++) {
        DECREF(keys[i]);
        DECREF(argv[n + (size_t)i]);
    }
    free(argv);
    free(keys);
    return r;
}

obj_t *obj_call_method(obj_t *obj, const char *name, obj_t *const *args, size_t nargs) {
    obj_t *f = obj_getattr(obj, name_from_cstr(name));
    if (f == NULL) return NULL;
    obj_t *r = obj_call(f, args, nargs, NULL);
    DECREF(f);
    return r;
}

bool obj_is_callable(obj_t *v) {
    return TYPE(v)->call != NULL;
}

obj_t *call_unbound(obj_t *func, obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    type_t *ft = TYPE(func);
    if (type_has_flag(ft, TPFLAG_METHOD_DESCRIPTOR)) {
        size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
        size_t total = nargs + nkw + 1;
        obj_t *small[8];
        obj_t **argv = total <= 8 ? small : malloc(total * sizeof(obj_t *));
        if (argv == NULL) return err_no_memory();
        argv[0] = self;
        for (size_t i = 0; i < nargs + nkw; i++)
            argv[i + 1] = args[i];
        obj_t *r = obj_call(func, argv, nargs + 1, kwnames);
        if (argv != small) free(argv);
        return r;
    }
    if (ft->descr_get != NULL) {
        obj_t *bound = ft->descr_get(func, self, (obj_t *)TYPE(self));
        if (bound == NULL) return NULL;
        obj_t *r = obj_call(bound, args, nargs, kwnames);
        DECREF(bound);
        return r;
    }
    return obj_call(func, args, nargs, kwnames);
}

obj_t *call_dunder(obj_t *self, obj_t *name, obj_t *const *args, size_t nargs, bool *missing) {
    obj_t *f = type_lookup(TYPE(self), name);
    if (f == NULL) {
        if (missing) *missing = true;
        return NULL;
    }
    if (missing) *missing = false;
    INCREF(f);
    obj_t *r = call_unbound(f, self, args, nargs, NULL);
    DECREF(f);
    return r;
}

// ---- isinstance / issubclass --------------------------------------------------------------

// A user-defined __instancecheck__/__subclasscheck__ on the metaclass of cls.
static obj_t *meta_hook(obj_t *cls, obj_t *name) {
    type_t *meta = TYPE(cls);
    if (meta == &type_type || IS_SMALLINT(cls)) return NULL;
    return type_lookup(meta, name);
}

// CPython's abstract class protocol: an object that is not a type but has
// a tuple __bases__ acts as a class for isinstance/issubclass, and an
// instance's __class__ counts besides its type (proxies, mocks).

// cls.__bases__ as a new reference if it is a tuple; else NULL, with an
// exception only when reading it raised something other than AttributeError.
static obj_t *abstract_bases(obj_t *cls) {
    obj_t *b = obj_getattr(cls, ID(__bases__));
    if (b == NULL) {
        if (err_matches(exc_AttributeError)) err_clear();
        return NULL;
    }
    if (!TUPLE_CHECK(b)) {
        DECREF(b);
        return NULL;
    }
    return b;
}

static bool check_class(obj_t *cls, const char *msg) {
    obj_t *b = abstract_bases(cls);
    if (b == NULL) {
        if (!err_occurred()) err_set_str(exc_TypeError, msg);
        return false;
    }
    DECREF(b);
    return true;
}

// derived is cls or reaches it through __bases__, depth first.
static int abstract_issubclass(obj_t *derived, obj_t *cls) {
    if (derived == cls) return 1;
    obj_t *bases = abstract_bases(derived);
    if (bases == NULL) return err_occurred() ? -1 : 0;
    int r = 0;
    if (c_recursion_enter(" in __issubclass__") < 0)
        r = -1;
    else {
        for (size_t i = 0; i < TUPLE_SIZE(bases) && r == 0; i++)
            r = abstract_issubclass(TUPLE_GET(bases, i), cls);
        c_recursion_leave();
    }
    DECREF(bases);
    return r;
}

// v.__class__ as a new reference, or NULL (no exception: missing).
static obj_t *instance_class(obj_t *v) {
    obj_t *icls = obj_getattr(v, ID(__class__));
    if (icls == NULL && err_matches(exc_AttributeError)) err_clear();
    return icls;
}

// isinstance(v, cls) without cls's __instancecheck__ (type.__instancecheck__).
int obj_real_is_instance(obj_t *v, obj_t *cls) {
    if (TYPE_CHECK(cls)) {
        if (type_is_subtype(TYPE(v), (type_t *)cls)) return 1;
        // __class__ is object's descriptor for almost every type: it can
        // only name TYPE(v), so the attribute read is skipped.
        static obj_t *object_class_descr;
        obj_t *d = __atomic_load_n(&object_class_descr, __ATOMIC_ACQUIRE);
        if (d == NULL) {
            d = type_lookup(&object_type, ID(__class__));
            __atomic_store_n(&object_class_descr, d, __ATOMIC_RELEASE);
        }
        if (type_lookup(TYPE(v), ID(__class__)) == d) return 0;
        obj_t *icls = instance_class(v);
        if (icls == NULL) return err_occurred() ? -1 : 0;
        int r = icls != (obj_t *)TYPE(v) && TYPE_CHECK(icls) &&
                type_is_subtype((type_t *)icls, (type_t *)cls);
        DECREF(icls);
        return r;
    }
    if (!check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union"))
        return -1;
    obj_t *icls = instance_class(v);
    if (icls == NULL) return err_occurred() ? -1 : 0;
    int r = abstract_issubclass(icls, cls);
    DECREF(icls);
    return r;
}

// issubclass(a, cls) without cls's __subclasscheck__ (type.__subclasscheck__).
int obj_real_is_subclass(obj_t *a, obj_t *cls) {
    if (TYPE_CHECK(a) && TYPE_CHECK(cls)) return type_is_subtype((type_t *)a, (type_t *)cls);
    if (!check_class(a, "issubclass() arg 1 must be a class")) return -1;
    if (TYPE(cls) != &union_type &&
        !check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        return -1;
    return abstract_issubclass(a, cls);
}

// Calls cls's __instancecheck__ / __subclasscheck__ (hook, borrowed) with
// arg; the result's truth, or -1.
static int call_check_hook(obj_t *hook, obj_t *cls, obj_t *arg, const char *where) {
    INCREF(hook);
    if (c_recursion_enter(where) < 0) {
        DECREF(hook);
        return -1;
    }
    obj_t *r = call_unbound(hook, cls, &arg, 1, NULL);
    c_recursion_leave();
    DECREF(hook);
    if (r == NULL) return -1;
    int t = obj_is_true(r);
    DECREF(r);
    return t;
}

int obj_is_instance(obj_t *v, obj_t *cls) {
    if (TYPE(cls) == &type_type) return obj_real_is_instance(v, cls);
    if (TUPLE_CHECK(cls)) {
        if (c_recursion_enter(" in __instancecheck__") < 0) return -1;
        int r = 0;
        for (size_t i = 0; i < TUPLE_SIZE(cls) && r == 0; i++)
            r = obj_is_instance(v, TUPLE_GET(cls, i));
        c_recursion_leave();
        return r;
    }
    if (TYPE(cls) == &union_type) return union_contains_instance(cls, v, false);
    obj_t *hook = meta_hook(cls, ID(__instancecheck__));
    if (hook != NULL) return call_check_hook(hook, cls, v, " in __instancecheck__");
    return obj_real_is_instance(v, cls);
}

int obj_is_subclass(obj_t *a, obj_t *cls) {
    if (TYPE(cls) == &type_type && TYPE_CHECK(a))
        return type_is_subtype((type_t *)a, (type_t *)cls);
    if (TUPLE_CHECK(cls)) {
        if (c_recursion_enter(" in __subclasscheck__") < 0) return -1;
        int r = 0;
        for (size_t i = 0; i < TUPLE_SIZE(cls) && r == 0; i++)
            r = obj_is_subclass(a, TUPLE_GET(cls, i));
        c_recursion_leave();
        return r;
    }
    if (TYPE(cls) == &union_type) return union_contains_instance(cls, a, true);
    obj_t *hook = meta_hook(cls, ID(__subclasscheck__));
    if (hook != NULL) return call_check_hook(hook, cls, a, " in __subclasscheck__");
    return obj_real_is_subclass(a, cls);
}

// ---- index conversion ---------------------------------------------------------------------

obj_t *obj_index(obj_t *v) {
    if (INT_CHECK(v)) return NEWREF(v);
    unaryfunc f = TYPE(v)->nb_index;
    if (f == NULL) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(v));
        return NULL;
    }
    obj_t *r = f(v);
    if (r != NULL && !INT_CHECK(r)) {
        err_format(exc_TypeError, "__index__ returned non-int (type %s)", obj_type_name(r));
        DECREF(r);
        return NULL;
    }
    return r;
}

ssize_t obj_as_ssize(obj_t *v) {
    if (IS_SMALLINT(v)) return (ssize_t)SMALLINT_VALUE(v);
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int64_t out;
    int r = int_as_i64(i, &out);
    DECREF(i);
    if (r < 0) {
        if (err_matches(exc_OverflowError)) {
            err_clear();
            err_format(exc_IndexError, "cannot fit '%s' into an index-sized integer",
                       obj_type_name(v));
        }
        return -1;
    }
    return (ssize_t)out;
}

// ---- dir --------------------------------------------------------------------------------------

obj_t *obj_dir(obj_t *v) {
    obj_t *meth = type_lookup(TYPE(v), ID(__dir__));
    if (meth == NULL) {
        err_set_str(exc_TypeError, "object does not provide __dir__");
        return NULL;
    }
    INCREF(meth);
    obj_t *r = call_unbound(meth, v, NULL, 0, NULL);
    DECREF(meth);
    if (r == NULL) return NULL;
    obj_t *l = list_from_iterable(r);
    DECREF(r);
    if (l == NULL) return NULL;
    if (list_sort(l, NULL, false) < 0) {
        DECREF(l);
        return NULL;
    }
    return l;
}
