/*
 * modules/operator.c — the native `_operator` module that operator.py
 * imports: one function per operator (add, iadd, getitem, not_ ...),
 * index, length_hint, call, _compare_digest, and the callable types
 * itemgetter, attrgetter and methodcaller.
 *
 * Concurrency: the three callable types are immutable after construction
 * (their fields are set once in tp_new and only read afterwards), so they
 * need no lock; the functions only call the abstract object API, which
 * guards each object it touches.
 */
#include <stdlib.h>
#include <string.h>

#include "../gc/gc.h"
#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "functools_internal.h"

// ---- the operator functions ---------------------------------------------------------------

#define UNARY(name, expr, doc)                                                                     \
    static obj_t *op_##name(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {          \
        if (args_check("_operator." #name, nargs, kwnames, 1, 1) < 0) return NULL;                 \
        obj_t *a = args[0];                                                                        \
        return expr;                                                                               \
    }

#define BINARY(name, expr, doc)                                                                    \
    static obj_t *op_##name(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {          \
        if (args_no_kw("_operator." #name, kwnames) < 0) return NULL;                              \
        if (args_check(#name, nargs, NULL, 2, 2) < 0) return NULL;                                 \
        obj_t *a = args[0], *b = args[1];                                                          \
        return expr;                                                                               \
    }

static obj_t *bool_result(int r) {
    return r < 0 ? NULL : NEWREF(bool_from(r > 0));
}

static obj_t *bool_not(int r) {
    return r < 0 ? NULL : NEWREF(bool_from(r == 0));
}

// operator.index(True) is 1: the exact int, not the bool.
static obj_t *do_index(obj_t *v) {
    obj_t *r = obj_index(v);
    if (r && TYPE(r) == &bool_type) {
        obj_t *i = SMALLINT_FROM(r == True ? 1 : 0);
        DECREF(r);
        return i;
    }
    return r;
}

static obj_t *do_abs(obj_t *v) {
    if (IS_SMALLINT(v)) {
        int64_t x = SMALLINT_VALUE(v);
        return int_from_i64(x < 0 ? -x : x);
    }
    unaryfunc f = TYPE(v)->nb_abs;
    if (!f) {
        err_format(exc_TypeError, "bad operand type for abs(): '%s'", obj_type_name(v));
        return NULL;
    }
    return f(v);
}

static bool is_sequence(obj_t *v) {
    return TYPE(v)->getitem != NULL && !DICT_CHECK(v);
}

static obj_t *do_concat(obj_t *a, obj_t *b, bool inplace) {
    if (!is_sequence(a)) {
        err_format(exc_TypeError, "'%s' object can't be concatenated", obj_type_name(a));
        return NULL;
    }
    return inplace ? obj_inplace_binop(a, b, BINOP_ADD) : obj_binop(a, b, BINOP_ADD);
}

// countOf / indexOf: the number of items equal to b, or the first index.
static obj_t *seq_search(obj_t *a, obj_t *b, bool index) {
    obj_t *it = obj_iter(a);
    if (!it) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_format(exc_TypeError, "argument of type '%s' is not iterable", obj_type_name(a));
        }
        return NULL;
    }
    int64_t n = 0;
    for (;;) {
        obj_t *item = obj_iternext(it);
        if (!item) break;
        int eq = obj_richcompare_bool(item, b, CMP_EQ_OP);
        DECREF(item);
        if (eq < 0) break;
        if (eq > 0 && index) {
            DECREF(it);
            return int_from_i64(n);
        }
        if (eq > 0 || index) n++;
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    if (index) {
        err_set_str(exc_ValueError, "sequence.index(x): x not in sequence");
        return NULL;
    }
    return int_from_i64(n);
}

static obj_t *do_contains(obj_t *a, obj_t *b) {
    return bool_result(obj_contains(a, b));
}

static obj_t *none_result(int r) {
    return r < 0 ? NULL : NEWREF(None);
}

UNARY(truth, bool_result(obj_is_true(a)), "Return True if a is true, False otherwise.")
UNARY(not_, bool_not(obj_is_true(a)), "Same as not a.")
UNARY(abs, do_abs(a), "Same as abs(a).")
UNARY(index, do_index(a), "Same as a.__index__()")
UNARY(neg, obj_unop(a, UNOP_NEG), "Same as -a.")
UNARY(pos, obj_unop(a, UNOP_POS), "Same as +a.")
UNARY(inv, obj_unop(a, UNOP_INVERT), "Same as ~a.")
UNARY(invert, obj_unop(a, UNOP_INVERT), "Same as ~a.")

BINARY(lt, obj_richcompare(a, b, CMP_LT_OP), "Same as a < b.")
BINARY(le, obj_richcompare(a, b, CMP_LE_OP), "Same as a <= b.")
BINARY(eq, obj_richcompare(a, b, CMP_EQ_OP), "Same as a == b.")
BINARY(ne, obj_richcompare(a, b, CMP_NE_OP), "Same as a != b.")
BINARY(gt, obj_richcompare(a, b, CMP_GT_OP), "Same as a > b.")
BINARY(ge, obj_richcompare(a, b, CMP_GE_OP), "Same as a >= b.")
BINARY(is_, NEWREF(bool_from(a == b)), "Same as a is b.")
BINARY(is_not, NEWREF(bool_from(a != b)), "Same as a is not b.")
BINARY(add, obj_binop(a, b, BINOP_ADD), "Same as a + b.")
BINARY(sub, obj_binop(a, b, BINOP_SUB), "Same as a - b.")
BINARY(mul, obj_binop(a, b, BINOP_MUL), "Same as a * b.")
BINARY(matmul, obj_binop(a, b, BINOP_MATMUL), "Same as a @ b.")
BINARY(truediv, obj_binop(a, b, BINOP_TRUEDIV), "Same as a / b.")
BINARY(floordiv, obj_binop(a, b, BINOP_FLOORDIV), "Same as a // b.")
BINARY(mod, obj_binop(a, b, BINOP_MOD), "Same as a % b.")
BINARY(pow, obj_binop(a, b, BINOP_POW), "Same as a ** b.")
BINARY(lshift, obj_binop(a, b, BINOP_LSHIFT), "Same as a << b.")
BINARY(rshift, obj_binop(a, b, BINOP_RSHIFT), "Same as a >> b.")
BINARY(and_, obj_binop(a, b, BINOP_AND), "Same as a & b.")
BINARY(or_, obj_binop(a, b, BINOP_OR), "Same as a | b.")
BINARY(xor, obj_binop(a, b, BINOP_XOR), "Same as a ^ b.")
BINARY(iadd, obj_inplace_binop(a, b, BINOP_ADD), "Same as a += b.")
BINARY(isub, obj_inplace_binop(a, b, BINOP_SUB), "Same as a -= b.")
BINARY(imul, obj_inplace_binop(a, b, BINOP_MUL), "Same as a *= b.")
BINARY(imatmul, obj_inplace_binop(a, b, BINOP_MATMUL), "Same as a @= b.")
BINARY(itruediv, obj_inplace_binop(a, b, BINOP_TRUEDIV), "Same as a /= b.")
BINARY(ifloordiv, obj_inplace_binop(a, b, BINOP_FLOORDIV), "Same as a //= b.")
BINARY(imod, obj_inplace_binop(a, b, BINOP_MOD), "Same as a %= b.")
BINARY(ipow, obj_inplace_binop(a, b, BINOP_POW), "Same as a **= b.")
BINARY(ilshift, obj_inplace_binop(a, b, BINOP_LSHIFT), "Same as a <<= b.")
BINARY(irshift, obj_inplace_binop(a, b, BINOP_RSHIFT), "Same as a >>= b.")
BINARY(iand, obj_inplace_binop(a, b, BINOP_AND), "Same as a &= b.")
BINARY(ior, obj_inplace_binop(a, b, BINOP_OR), "Same as a |= b.")
BINARY(ixor, obj_inplace_binop(a, b, BINOP_XOR), "Same as a ^= b.")
BINARY(concat, do_concat(a, b, false), "Same as a + b, for a and b sequences.")
BINARY(iconcat, do_concat(a, b, true), "Same as a += b, for a and b sequences.")
BINARY(contains, do_contains(a, b), "Same as b in a (note reversed operands).")
BINARY(countOf, seq_search(a, b, false),
       "Return the number of items in a which are, or which equal, b.")
BINARY(indexOf, seq_search(a, b, true), "Return the first index of b in a.")
BINARY(getitem, obj_getitem(a, b), "Same as a[b].")
BINARY(delitem, none_result(obj_delitem(a, b)), "Same as del a[b].")

static obj_t *op_setitem(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("_operator.setitem", kwnames) < 0) return NULL;
    if (args_check("setitem", nargs, NULL, 3, 3) < 0) return NULL;
    return none_result(obj_setitem(args[0], args[1], args[2]));
}

static obj_t *op_length_hint(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("_operator.length_hint", kwnames) < 0) return NULL;
    if (args_check("length_hint", nargs, NULL, 1, 2) < 0) return NULL;
    ssize_t dflt = 0;
    if (nargs > 1) {
        obj_t *d = args[1];
        if (!INT_CHECK(d)) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       obj_type_name(d));
            return NULL;
        }
        if (obj_ssize_arg(d, &dflt) < 0) return NULL;
    }
    ssize_t n = obj_length_hint(args[0], dflt);
    if (n == -1 && err_occurred()) return NULL;
    return int_from_i64(n);
}

static obj_t *op_call(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs < 1) {
        err_set_str(exc_TypeError, "call expected at least 1 argument, got 0");
        return NULL;
    }
    return obj_call(args[0], args + 1, nargs - 1, kwnames);
}

static bool str_is_ascii(obj_t *s) {
    return str_len(s) == str_nbytes(s);
}

static obj_t *op_compare_digest(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("_operator._compare_digest", kwnames) < 0) return NULL;
    if (args_check("_compare_digest", nargs, NULL, 2, 2) < 0) return NULL;
    obj_t *a = args[0], *b = args[1];
    const unsigned char *pa, *pb;
    size_t la, lb;
    buffer_t va = {0}, vb = {0};
    if (STR_CHECK(a) && STR_CHECK(b)) {
        if (!str_is_ascii(a) || !str_is_ascii(b)) {
            err_set_str(exc_TypeError,
                        "comparing strings with non-ASCII characters is not supported");
            return NULL;
        }
        pa = (const unsigned char *)str_data(a), la = str_nbytes(a);
        pb = (const unsigned char *)str_data(b), lb = str_nbytes(b);
    } else {
        if (!buffer_check(a) && !buffer_check(b)) {
            err_format(exc_TypeError,
                       "unsupported operand types(s) or combination of types: '%s' and '%s'",
                       obj_type_name(a), obj_type_name(b));
            return NULL;
        }
        if (buffer_get(a, &va) < 0) return NULL;
        if (buffer_get(b, &vb) < 0) {
            buffer_release(&va);
            return NULL;
        }
        pa = va.buf, la = va.len, pb = vb.buf, lb = vb.len;
    }
    // Constant time in the length of b: every byte of b is visited.
    const unsigned char *left = la == lb ? pa : pb;
    unsigned char diff = la == lb ? 0 : 1;
    for (size_t i = 0; i < lb; i++)
        diff |= (unsigned char)(left[i] ^ pb[i]);
    buffer_release(&va);
    buffer_release(&vb);
    return NEWREF(bool_from(diff == 0));
}

// ---- itemgetter --------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *items; // tuple
} itemgetter_t;

static obj_t *itemgetter_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("itemgetter", kwnames) < 0) return NULL;
    if (nargs < 1) {
        err_set_str(exc_TypeError, "itemgetter expected 1 argument, got 0");
        return NULL;
    }
    obj_t *items = tuple_from_array(args, nargs);
    if (!items) return NULL;
    itemgetter_t *g = (itemgetter_t *)obj_alloc(type, type->basicsize);
    if (!g) {
        DECREF(items);
        return NULL;
    }
    g->items = items;
    return (obj_t *)g;
}

static void itemgetter_dealloc(obj_t *o) {
    DECREF(((itemgetter_t *)o)->items);
    obj_free(o);
}

static obj_t *itemgetter_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("itemgetter", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "itemgetter expected 1 argument, got %zu", nargs);
        return NULL;
    }
    obj_t *items = ((itemgetter_t *)self)->items;
    size_t n = TUPLE_SIZE(items);
    if (n == 1) return obj_getitem(args[0], TUPLE_GET(items, 0));
    obj_t *r = tuple_new(n);
    if (!r) return NULL;
    for (size_t i = 0; i < n; i++) {
        obj_t *v = obj_getitem(args[0], TUPLE_GET(items, i));
        if (!v) {
            DECREF(r);
            return NULL;
        }
        TUPLE_SET(r, i, v);
    }
    return r;
}

// "operator.X(a, b)" from reprs of the tuple's items.
static obj_t *repr_args(obj_t *self, obj_t *items) {
    int rc = repr_enter(self);
    if (rc < 0) return NULL;
    if (rc > 0) return str_from_format("%s(...)", TYPE(self)->name);
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_cstr(&b, TYPE(self)->name);
    str_builder_add_char(&b, '(');
    for (size_t i = 0; i < TUPLE_SIZE(items); i++) {
        obj_t *r = obj_repr(TUPLE_GET(items, i));
        if (!r) {
            str_builder_discard(&b);
            repr_leave(self);
            return NULL;
        }
        if (i) str_builder_add_cstr(&b, ", ");
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    str_builder_add_char(&b, ')');
    repr_leave(self);
    return str_builder_finish(&b);
}

static obj_t *itemgetter_repr(obj_t *self) {
    return repr_args(self, ((itemgetter_t *)self)->items);
}

static obj_t *itemgetter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    return tuple_pack(2, (obj_t *)TYPE(self), ((itemgetter_t *)self)->items);
}

static const method_def_t itemgetter_methods[] = {
    {"__reduce__", itemgetter_reduce, METH_DEFAULT, NULL},
    {NULL},
};

// The cycle collector (gc/gc.h): the fields are set at creation, never rebound.
static int itemgetter_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((itemgetter_t *)o)->items);
}

static type_t itemgetter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "operator.itemgetter",
    .basicsize = sizeof(itemgetter_t),
    .base = &object_type,
    .dealloc = itemgetter_dealloc,
    .traverse = itemgetter_traverse,
    .repr = itemgetter_repr,
    .call = itemgetter_call,
    .tp_new = itemgetter_new,
    .methods = itemgetter_methods,
    .doc = "itemgetter(item, ...) --> itemgetter object\n\nReturn a callable object that "
           "fetches the given item(s) from its operand.\nAfter f = itemgetter(2), the call f(r) "
           "returns r[2].\nAfter g = itemgetter(2, 5, 3), the call g(r) returns (r[2], r[5], r[3])",
};

// ---- attrgetter --------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *names;  // tuple of the names as given (for repr / reduce)
    obj_t *chains; // tuple of tuples of interned names: "a.b" -> ("a", "b")
} attrgetter_t;

static obj_t *split_dotted(obj_t *name) {
    const char *s = str_data(name);
    size_t n = str_nbytes(name), parts = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.') parts++;
    obj_t *t = tuple_new(parts);
    if (!t) return NULL;
    size_t start = 0, k = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            obj_t *part = str_from_utf8_trusted(s + start, i - start);
            if (!part) {
                DECREF(t);
                return NULL;
            }
            obj_t *interned = str_intern_obj(part);
            DECREF(part);
            TUPLE_SET(t, k++, NEWREF(interned));
            start = i + 1;
        }
    }
    return t;
}

static obj_t *attrgetter_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("attrgetter", kwnames) < 0) return NULL;
    if (nargs < 1) {
        err_set_str(exc_TypeError, "attrgetter expected 1 argument, got 0");
        return NULL;
    }
    obj_t *names = tuple_from_array(args, nargs);
    obj_t *chains = names ? tuple_new(nargs) : NULL;
    if (!chains) goto fail;
    for (size_t i = 0; i < nargs; i++) {
        if (!STR_CHECK(args[i])) {
            err_set_str(exc_TypeError, "attribute name must be a string");
            goto fail;
        }
        obj_t *c = split_dotted(args[i]);
        if (!c) goto fail;
        TUPLE_SET(chains, i, c);
    }
    attrgetter_t *g = (attrgetter_t *)obj_alloc(type, type->basicsize);
    if (!g) goto fail;
    g->names = names;
    g->chains = chains;
    return (obj_t *)g;
fail:
    XDECREF(names);
    XDECREF(chains);
    return NULL;
}

static void attrgetter_dealloc(obj_t *o) {
    attrgetter_t *g = (attrgetter_t *)o;
    DECREF(g->names);
    DECREF(g->chains);
    obj_free(o);
}

static obj_t *get_chain(obj_t *obj, obj_t *chain) {
    obj_t *v = NEWREF(obj);
    for (size_t i = 0; i < TUPLE_SIZE(chain) && v; i++) {
        obj_t *next = obj_getattr(v, TUPLE_GET(chain, i));
        DECREF(v);
        v = next;
    }
    return v;
}

static obj_t *attrgetter_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("attrgetter", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "attrgetter expected 1 argument, got %zu", nargs);
        return NULL;
    }
    obj_t *chains = ((attrgetter_t *)self)->chains;
    size_t n = TUPLE_SIZE(chains);
    if (n == 1) return get_chain(args[0], TUPLE_GET(chains, 0));
    obj_t *r = tuple_new(n);
    if (!r) return NULL;
    for (size_t i = 0; i < n; i++) {
        obj_t *v = get_chain(args[0], TUPLE_GET(chains, i));
        if (!v) {
            DECREF(r);
            return NULL;
        }
        TUPLE_SET(r, i, v);
    }
    return r;
}

static obj_t *attrgetter_repr(obj_t *self) {
    return repr_args(self, ((attrgetter_t *)self)->names);
}

static obj_t *attrgetter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    return tuple_pack(2, (obj_t *)TYPE(self), ((attrgetter_t *)self)->names);
}

static const method_def_t attrgetter_methods[] = {
    {"__reduce__", attrgetter_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static int attrgetter_traverse(obj_t *o, visitproc visit, void *arg) {
    attrgetter_t *g = (attrgetter_t *)o;
    return GC_VISIT_FIELDS(visit, arg, g->names, g->chains);
}

static type_t attrgetter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "operator.attrgetter",
    .basicsize = sizeof(attrgetter_t),
    .base = &object_type,
    .dealloc = attrgetter_dealloc,
    .traverse = attrgetter_traverse,
    .repr = attrgetter_repr,
    .call = attrgetter_call,
    .tp_new = attrgetter_new,
    .methods = attrgetter_methods,
};

// ---- methodcaller ------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *name;
    obj_t *args;    // tuple: positional values, then keyword values
    obj_t *kwnames; // tuple of str or NULL
    size_t npos;
} methodcaller_t;

static obj_t *methodcaller_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs < 1) {
        err_set_str(exc_TypeError, "methodcaller needs at least one argument, the method name");
        return NULL;
    }
    if (!STR_CHECK(args[0])) {
        err_set_str(exc_TypeError, "method name must be a string");
        return NULL;
    }
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    obj_t *rest = tuple_from_array(args + 1, nargs - 1 + nkw);
    if (!rest) return NULL;
    methodcaller_t *mc = (methodcaller_t *)obj_alloc(type, type->basicsize);
    if (!mc) {
        DECREF(rest);
        return NULL;
    }
    mc->name = NEWREF(str_intern_obj(args[0]));
    mc->args = rest;
    mc->kwnames = nkw ? NEWREF(kwnames) : NULL;
    mc->npos = nargs - 1;
    return (obj_t *)mc;
}

static void methodcaller_dealloc(obj_t *o) {
    methodcaller_t *mc = (methodcaller_t *)o;
    DECREF(mc->name);
    DECREF(mc->args);
    XDECREF(mc->kwnames);
    obj_free(o);
}

static obj_t *methodcaller_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("methodcaller", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "methodcaller expected 1 argument, got %zu", nargs);
        return NULL;
    }
    methodcaller_t *mc = (methodcaller_t *)self;
    obj_t *meth = obj_getattr(args[0], mc->name);
    if (!meth) return NULL;
    obj_t *r = obj_call(meth, TUPLE_ITEMS(mc->args), mc->npos, mc->kwnames);
    DECREF(meth);
    return r;
}

static obj_t *methodcaller_repr(obj_t *self) {
    methodcaller_t *mc = (methodcaller_t *)self;
    int rc = repr_enter(self);
    if (rc < 0) return NULL;
    if (rc > 0) return str_from_format("%s(...)", TYPE(self)->name);
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_cstr(&b, TYPE(self)->name);
    str_builder_add_char(&b, '(');
    size_t n = TUPLE_SIZE(mc->args);
    for (size_t i = 0; i <= n; i++) {
        obj_t *v = i == 0 ? mc->name : TUPLE_GET(mc->args, i - 1);
        obj_t *r = obj_repr(v);
        if (!r) {
            str_builder_discard(&b);
            repr_leave(self);
            return NULL;
        }
        if (i) str_builder_add_cstr(&b, ", ");
        if (i > mc->npos) {
            str_builder_add_str(&b, TUPLE_GET(mc->kwnames, i - 1 - mc->npos));
            str_builder_add_char(&b, '=');
        }
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    str_builder_add_char(&b, ')');
    repr_leave(self);
    return str_builder_finish(&b);
}

static obj_t *methodcaller_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    methodcaller_t *mc = (methodcaller_t *)self;
    if (!mc->kwnames) {
        obj_t *t = tuple_new(mc->npos + 1);
        if (!t) return NULL;
        TUPLE_SET(t, 0, NEWREF(mc->name));
        for (size_t i = 0; i < mc->npos; i++)
            TUPLE_SET(t, i + 1, NEWREF(TUPLE_GET(mc->args, i)));
        obj_t *r = tuple_pack(2, (obj_t *)TYPE(self), t);
        DECREF(t);
        return r;
    }
    // partial(type(self), name, **kwargs), args
    size_t nkw = TUPLE_SIZE(mc->kwnames);
    obj_t *pargs[2 + 64];
    obj_t **pa = nkw + 2 <= 66 ? pargs : malloc((nkw + 2) * sizeof(obj_t *));
    if (!pa) return err_no_memory();
    pa[0] = (obj_t *)TYPE(self);
    pa[1] = mc->name;
    for (size_t i = 0; i < nkw; i++)
        pa[2 + i] = TUPLE_GET(mc->args, mc->npos + i);
    obj_t *partial = obj_call((obj_t *)&functools_partial_type, pa, 2, mc->kwnames);
    if (pa != pargs) free(pa);
    if (!partial) return NULL;
    obj_t *pos = tuple_slice(mc->args, 0, mc->npos);
    obj_t *r = pos ? tuple_pack(2, partial, pos) : NULL;
    XDECREF(pos);
    DECREF(partial);
    return r;
}

static const method_def_t methodcaller_methods[] = {
    {"__reduce__", methodcaller_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static int methodcaller_traverse(obj_t *o, visitproc visit, void *arg) {
    methodcaller_t *mc = (methodcaller_t *)o;
    return GC_VISIT_FIELDS(visit, arg, mc->name, mc->args, mc->kwnames);
}

static type_t methodcaller_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "operator.methodcaller",
    .basicsize = sizeof(methodcaller_t),
    .base = &object_type,
    .dealloc = methodcaller_dealloc,
    .traverse = methodcaller_traverse,
    .repr = methodcaller_repr,
    .call = methodcaller_call,
    .tp_new = methodcaller_new,
    .methods = methodcaller_methods,
};

// ---- the module --------------------------------------------------------------------------------

#define F(name, doc)                                                                               \
    { #name, op_##name, 0, doc }

static const method_def_t operator_functions[] = {
    F(truth, "Return True if a is true, False otherwise."),
    F(not_, "Same as not a."),
    F(abs, "Same as abs(a)."),
    F(index, "Same as a.__index__()"),
    F(neg, "Same as -a."),
    F(pos, "Same as +a."),
    F(inv, "Same as ~a."),
    F(invert, "Same as ~a."),
    F(lt, "Same as a < b."),
    F(le, "Same as a <= b."),
    F(eq, "Same as a == b."),
    F(ne, "Same as a != b."),
    F(gt, "Same as a > b."),
    F(ge, "Same as a >= b."),
    F(is_, "Same as a is b."),
    F(is_not, "Same as a is not b."),
    F(add, "Same as a + b."),
    F(sub, "Same as a - b."),
    F(mul, "Same as a * b."),
    F(matmul, "Same as a @ b."),
    F(truediv, "Same as a / b."),
    F(floordiv, "Same as a // b."),
    F(mod, "Same as a % b."),
    F(pow, "Same as a ** b."),
    F(lshift, "Same as a << b."),
    F(rshift, "Same as a >> b."),
    F(and_, "Same as a & b."),
    F(or_, "Same as a | b."),
    F(xor, "Same as a ^ b."),
    F(iadd, "Same as a += b."),
    F(isub, "Same as a -= b."),
    F(imul, "Same as a *= b."),
    F(imatmul, "Same as a @= b."),
    F(itruediv, "Same as a /= b."),
    F(ifloordiv, "Same as a //= b."),
    F(imod, "Same as a %= b."),
    F(ipow, "Same as a **= b."),
    F(ilshift, "Same as a <<= b."),
    F(irshift, "Same as a >>= b."),
    F(iand, "Same as a &= b."),
    F(ior, "Same as a |= b."),
    F(ixor, "Same as a ^= b."),
    F(concat, "Same as a + b, for a and b sequences."),
    F(iconcat, "Same as a += b, for a and b sequences."),
    F(contains, "Same as b in a (note reversed operands)."),
    F(countOf, "Return the number of items in a which are, or which equal, b."),
    F(indexOf, "Return the first index of b in a."),
    F(getitem, "Same as a[b]."),
    F(setitem, "Same as a[b] = c."),
    F(delitem, "Same as del a[b]."),
    F(length_hint, "Return an estimate of the number of items in obj.\n\nThis is useful for "
                   "presizing containers when building from an iterable.\n\nIf the object "
                   "supports len(), the result will be exact.\nOtherwise, it may over- or "
                   "under-estimate by an arbitrary amount.\nThe result will be an integer >= 0."),
    F(call, "Same as obj(*args, **kwargs)."),
    {"_compare_digest", op_compare_digest, 0,
     "Return 'a == b'.\n\nThis function uses an approach designed to prevent\ntiming analysis, "
     "making it appropriate for cryptography.\n\na and b must both be of the same type: either "
     "str (ASCII only),\nor any bytes-like object.\n\nNote: If a and b are of different lengths, "
     "or if an error occurs,\na timing attack could theoretically reveal information about "
     "the\ntypes and lengths of a and b--but not their values."},
    {NULL},
};

obj_t *operator_module_init(void) {
    obj_t *m = module_new("_operator");
    if (!m) return NULL;
    obj_t *d = module_dict(m);
    obj_t *doc = str_from_cstr(
        "Operator interface.\n\nThis module exports a set of functions implemented in C "
        "corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, "
        "y)\nis equivalent to the expression x+y.  The function names are those\nused for special "
        "methods; variants without leading and trailing\n'__' are also provided for "
        "convenience.");
    if (!doc || dict_set_str(d, "__doc__", doc) < 0 ||
        module_add_functions(m, operator_functions) < 0 ||
        type_ensure_ready(&itemgetter_type) < 0 || type_ensure_ready(&attrgetter_type) < 0 ||
        type_ensure_ready(&methodcaller_type) < 0 ||
        dict_set_str(d, "itemgetter", (obj_t *)&itemgetter_type) < 0 ||
        dict_set_str(d, "attrgetter", (obj_t *)&attrgetter_type) < 0 ||
        dict_set_str(d, "methodcaller", (obj_t *)&methodcaller_type) < 0) {
        XDECREF(doc);
        DECREF(m);
        return NULL;
    }
    DECREF(doc);
    return m;
}
