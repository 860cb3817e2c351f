/*
 * objects/abstract.c — the number protocol of the abstract object API:
 * binary and in-place operators, unary operators, pow(b, e, m), divmod().
 *
 * Dispatch follows CPython's binary_op1: with slots sa = type(a).nb[op] and
 * sb = type(b).nb[op] (sb dropped when the types or slots are equal), a
 * proper subclass b is tried first, then a, then b.  Every slot is called
 * as slot(a, b) and returns NotImplemented for pairs it cannot handle (the
 * heap-type slots in typeslots.c sort out __add__ vs __radd__ themselves).
 * In-place operators try nb_inplace[op] first, then fall back to the binary
 * operator.
 */
#include "../core/error.h"
#include "complex.h"
#include "exceptions.h"
#include "float.h"
#include "int.h"
#include "tuple.h"
#include "type_internal.h"

static const char *const binop_symbols[BINOP_COUNT] = {
    "+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "|", "^",
};

const char *binop_symbol(binop_t op) {
    return (unsigned)op < BINOP_COUNT ? binop_symbols[op] : "?";
}

static obj_t *binary_op1(obj_t *a, obj_t *b, binop_t op) {
    type_t *ta = TYPE(a), *tb = TYPE(b);
    binaryfunc sa = ta->nb[op];
    binaryfunc sb = NULL;
    obj_t *r;
    if (tb != ta) {
        sb = tb->nb[op];
        if (sb == sa) sb = NULL;
    }
    if (sa != NULL) {
        if (sb != NULL && type_is_subtype(tb, ta)) {
            r = sb(a, b);
            if (r != NotImplemented) return r;
            DECREF(r);
            sb = NULL;
        }
        r = sa(a, b);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    if (sb != NULL) return sb(a, b);
    return NEWREF(NotImplemented);
}

static void binop_type_error(obj_t *a, obj_t *b, binop_t op, bool inplace) {
    if (op == BINOP_POW && !inplace)
        err_format(exc_TypeError, "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                   obj_type_name(a), obj_type_name(b));
    else
        err_format(exc_TypeError, "unsupported operand type(s) for %s%s: '%s' and '%s'",
                   binop_symbol(op), inplace ? "=" : "", obj_type_name(a), obj_type_name(b));
}

obj_t *obj_binop(obj_t *a, obj_t *b, binop_t op) {
    obj_t *r = binary_op1(a, b, op);
    if (r == NotImplemented) {
        DECREF(r);
        binop_type_error(a, b, op, false);
        return NULL;
    }
    return r;
}

obj_t *obj_inplace_binop(obj_t *a, obj_t *b, binop_t op) {
    binaryfunc f = TYPE(a)->nb_inplace[op];
    obj_t *r;
    if (f != NULL) {
        r = f(a, b);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    r = binary_op1(a, b, op);
    if (r == NotImplemented) {
        DECREF(r);
        binop_type_error(a, b, op, true);
        return NULL;
    }
    return r;
}

obj_t *obj_unop(obj_t *v, unop_t op) {
    type_t *t = TYPE(v);
    unaryfunc f = NULL;
    const char *sym = "?";
    switch (op) {
    case UNOP_NEG:
        if (IS_SMALLINT(v) && SMALLINT_VALUE(v) != SMALLINT_MIN)
            return SMALLINT_FROM(-SMALLINT_VALUE(v));
        f = t->nb_neg;
        sym = "-";
        break;
    case UNOP_POS:
        if (IS_SMALLINT(v)) return v;
        f = t->nb_pos;
        sym = "+";
        break;
    case UNOP_INVERT:
        if (IS_SMALLINT(v)) return SMALLINT_FROM(~SMALLINT_VALUE(v));
        f = t->nb_invert;
        sym = "~";
        break;
    case UNOP_NOT: {
        int b = obj_is_true(v);
        if (b < 0) return NULL;
        return NEWREF(bool_from(!b));
    }
    default: break;
    }
    if (f == NULL) {
        err_format(exc_TypeError, "bad operand type for unary %s: '%s'", sym, t->name);
        return NULL;
    }
    return f(v);
}

obj_t *obj_pow3_slot(type_t *owner, obj_t *base, obj_t *exp, obj_t *mod) {
    if (type_is_subtype(owner, &float_type)) {
        err_set_str(exc_TypeError,
                    "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    if (type_is_subtype(owner, &int_type) && INT_CHECK(base) && INT_CHECK(exp) && INT_CHECK(mod))
        return int_pow3(base, exp, mod);
    return NEWREF(NotImplemented);
}

// pow(base, exp, mod) through one operand type's pow slot: int's and float's
// natively (never through their __pow__ wrapper, which would come back here);
// a Python-level __pow__ only for the base, as CPython's slot_nb_power.
static obj_t *pow3_through(binaryfunc slot, obj_t *base, obj_t *exp, obj_t *mod) {
    if (slot == int_type.nb[BINOP_POW]) return obj_pow3_slot(&int_type, base, exp, mod);
    if (slot == float_type.nb[BINOP_POW]) return obj_pow3_slot(&float_type, base, exp, mod);
    if (TYPE(base)->nb[BINOP_POW] != slot) return NEWREF(NotImplemented);
    obj_t *args[2] = {exp, mod};
    bool missing = false;
    obj_t *r = call_dunder(base, ID(__pow__), args, 2, &missing);
    if (r == NULL && missing && !err_occurred()) return NEWREF(NotImplemented);
    return r;
}

// Three-argument pow as CPython's ternary_op: the base's slot, the
// exponent's (first when its type is a subclass of the base's) and then the
// modulus's, each tried once; __rpow__ is never called.
obj_t *obj_pow3(obj_t *base, obj_t *exp, obj_t *mod) {
    if (mod == NULL || mod == None) return obj_binop(base, exp, BINOP_POW);
    if (COMPLEX_CHECK(base) || COMPLEX_CHECK(exp) || COMPLEX_CHECK(mod)) {
        obj_t *r = complex_pow3(base, exp, mod); // complex's and float's refusals, in order
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    type_t *tv = TYPE(base), *tw = TYPE(exp), *tz = TYPE(mod);
    binaryfunc sv = tv->nb[BINOP_POW];
    binaryfunc sw = tw != tv ? tw->nb[BINOP_POW] : NULL;
    if (sw == sv) sw = NULL;
    binaryfunc sz = tz->nb[BINOP_POW];
    if (sz == sv || sz == sw) sz = NULL;
    binaryfunc order[3] = {sv, sw, sz};
    if (sv && sw && type_is_subtype(tw, tv)) {
        order[0] = sw;
        order[1] = sv;
    }
    for (int i = 0; i < 3; i++) {
        if (!order[i]) continue;
        obj_t *r = pow3_through(order[i], base, exp, mod);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    err_format(exc_TypeError, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
               obj_type_name(base), obj_type_name(exp), obj_type_name(mod));
    return NULL;
}

static bool is_zero(obj_t *v) {
    if (IS_SMALLINT(v)) return SMALLINT_VALUE(v) == 0;
    if (v == False) return true;
    if (FLOAT_CHECK(v)) return float_value(v) == 0.0;
    return false;
}

obj_t *obj_divmod(obj_t *a, obj_t *b) {
    if ((INT_CHECK(a) || FLOAT_EXACT(a)) && (INT_CHECK(b) || FLOAT_EXACT(b))) {
        if ((FLOAT_CHECK(a) || FLOAT_CHECK(b)) && is_zero(b)) {
            err_set_str(exc_ZeroDivisionError, "float divmod()");
            return NULL;
        }
        obj_t *q = obj_binop(a, b, BINOP_FLOORDIV);
        if (q == NULL) return NULL;
        obj_t *m = obj_binop(a, b, BINOP_MOD);
        if (m == NULL) {
            DECREF(q);
            return NULL;
        }
        obj_t *t = tuple_pack(2, q, m);
        DECREF(q);
        DECREF(m);
        return t;
    }
    // Generic: __divmod__ / __rdivmod__ with subclass priority.
    type_t *ta = TYPE(a), *tb = TYPE(b);
    obj_t *fa = type_lookup(ta, ID(__divmod__));
    obj_t *fb = ta != tb ? type_lookup(tb, ID(__rdivmod__)) : NULL;
    obj_t *r;
    if (fb != NULL && type_is_subtype(tb, ta) && fb != type_lookup(ta, ID(__rdivmod__))) {
        INCREF(fb);
        r = call_unbound(fb, b, &a, 1, NULL);
        DECREF(fb);
        if (r != NotImplemented) return r;
        DECREF(r);
        fb = NULL;
    }
    if (fa != NULL) {
        INCREF(fa);
        r = call_unbound(fa, a, &b, 1, NULL);
        DECREF(fa);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    if (fb != NULL) {
        INCREF(fb);
        r = call_unbound(fb, b, &a, 1, NULL);
        DECREF(fb);
        if (r != NotImplemented) return r;
        DECREF(r);
    }
    err_format(exc_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'", ta->name,
               tb->name);
    return NULL;
}
