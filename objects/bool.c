/*
 * objects/bool.c — bool, the subclass of int with the two immortal instances
 * True and False (static bool_obj_t, value 1/0, NOT tagged ints).  Every int
 * operation reads them as 0/1 (objects/int_impl.h int_small_value); bool
 * only overrides repr/str, & | ^ (bool op bool gives a bool) and bool().
 * bool is not subclassable (no TPFLAG_BASETYPE).
 */
#include "int_impl.h"
#include "str.h"
#include "tuple.h"

bool_obj_t true_obj = {.ob = OBJ_HEAD_INIT(&bool_type), .value = 1};
bool_obj_t false_obj = {.ob = OBJ_HEAD_INIT(&bool_type), .value = 0};

static obj_t *bool_repr(obj_t *v) {
    return NEWREF(str_intern(v == True ? "True" : "False"));
}

static bool is_bool(obj_t *v) {
    return !IS_SMALLINT(v) && v->ob_type == &bool_type;
}

static obj_t *bool_and(obj_t *a, obj_t *b) {
    if (is_bool(a) && is_bool(b)) return bool_from(a == True && b == True);
    return int_binop(a, b, BINOP_AND);
}

static obj_t *bool_or(obj_t *a, obj_t *b) {
    if (is_bool(a) && is_bool(b)) return bool_from(a == True || b == True);
    return int_binop(a, b, BINOP_OR);
}

static obj_t *bool_xor(obj_t *a, obj_t *b) {
    if (is_bool(a) && is_bool(b)) return bool_from(a != b);
    return int_binop(a, b, BINOP_XOR);
}

static obj_t *bool_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) > 0) {
        err_set_str(exc_TypeError, "bool() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1) {
        err_format(exc_TypeError, "bool expected at most 1 argument, got %zu", nargs);
        return NULL;
    }
    if (nargs == 0) return False;
    int t = obj_is_true(args[0]);
    if (t < 0) return NULL;
    return bool_from(t);
}

static void bool_dealloc(obj_t *o) {
    (void)o; // True and False are immortal
}

type_t bool_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "bool",
    .basicsize = sizeof(bool_obj_t),
    .flags = TPFLAG_INT_SUBCLASS,
    .base = &int_type,
    .dealloc = bool_dealloc,
    .repr = bool_repr,
    .tp_new = bool_tp_new,
    .nb =
        {
            [BINOP_AND] = bool_and,
            [BINOP_OR] = bool_or,
            [BINOP_XOR] = bool_xor,
        },
    .doc = "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.",
};
