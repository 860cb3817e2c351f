/*
 * tests/c/test_type.c — unit tests of the object protocol and classes
 * (objects/type.c, typeslots.c, object.c, abstract.c, descr.c, method.c,
 * exceptions.c, core/error.c, core/args.c): C3 MRO for diamonds and the
 * inconsistent case, slot inheritance for static and heap types, attribute
 * lookup order (data descriptor > instance dict > non-data descriptor),
 * binary operator dispatch, exceptions, and args_parse binding and errors.
 * Expected messages were produced by CPython 3.11.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/runtime.h"
#include "objects/dict.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/method.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type.h"
#include "objects/type_internal.h"
#include "gc/gc.h"

static int setup(void **state) {
    static char *argv[] = {"test_type", NULL};
    return runtime_init(1, argv) < 0 ? -1 : 0;
}

// The pending exception's type name and message; clears it.
static void expect_error(type_t *type, const char *msg) {
    obj_t *exc = err_fetch();
    assert_non_null(exc);
    if (!type_is_subtype(TYPE(exc), type))
        fail_msg("expected %s, got %s", type->name, TYPE(exc)->name);
    obj_t *s = obj_str(exc);
    assert_non_null(s);
    if (strcmp(str_data(s), msg) != 0) fail_msg("got '%s' expected '%s'", str_data(s), msg);
    DECREF(s);
    DECREF(exc);
}

static obj_t *make_class(const char *name, obj_t *bases, obj_t *ns) {
    obj_t *n = str_from_cstr(name);
    obj_t *d = ns ? NEWREF(ns) : dict_new();
    assert_non_null(n);
    assert_non_null(d);
    obj_t *c = type_new_class(&type_type, n, bases, d, NULL);
    DECREF(n);
    DECREF(d);
    return c;
}

static void assert_mro(obj_t *cls, const char *expect) {
    char buf[256] = "";
    obj_t *mro = ((type_t *)cls)->mro;
    for (size_t i = 0; i < TUPLE_SIZE(mro); i++) {
        if (i) strcat(buf, " ");
        strcat(buf, ((type_t *)TUPLE_GET(mro, i))->name);
    }
    if (strcmp(buf, expect) != 0) fail_msg("mro '%s' expected '%s'", buf, expect);
}

// ---- MRO ------------------------------------------------------------------------------

static void test_mro_diamond(void **state) {
    obj_t *e = tuple_new(0);
    obj_t *A = make_class("A", e, NULL);
    obj_t *ba = tuple_pack(1, A);
    obj_t *B = make_class("B", ba, NULL);
    obj_t *C = make_class("C", ba, NULL);
    obj_t *bc = tuple_pack(2, B, C);
    obj_t *D = make_class("D", bc, NULL);
    assert_non_null(D);
    assert_mro(D, "D B C A object");
    assert_true(type_is_subtype((type_t *)D, (type_t *)A));
    assert_false(type_is_subtype((type_t *)B, (type_t *)C));

    // class X, Y; class Z(X, Y); class W(Z, Y) -> W Z X Y object
    obj_t *X = make_class("X", e, NULL), *Y = make_class("Y", e, NULL);
    obj_t *xy = tuple_pack(2, X, Y);
    obj_t *Z = make_class("Z", xy, NULL);
    obj_t *zy = tuple_pack(2, Z, Y);
    obj_t *W = make_class("W", zy, NULL);
    assert_mro(W, "W Z X Y object");

    // class Bad(X, Z): inconsistent
    obj_t *xz = tuple_pack(2, X, Z);
    assert_null(make_class("Bad", xz, NULL));
    expect_error(exc_TypeError,
                 "Cannot create a consistent method resolution\norder (MRO) for bases X, Z");

    obj_t *aa = tuple_pack(2, A, A);
    assert_null(make_class("Dup", aa, NULL));
    expect_error(exc_TypeError, "duplicate base class A");

    obj_t *bb = tuple_pack(1, (obj_t *)&bool_type);
    assert_null(make_class("NoBool", bb, NULL));
    expect_error(exc_TypeError, "type 'bool' is not an acceptable base type");

    DECREF(e), DECREF(ba), DECREF(bc), DECREF(xy), DECREF(zy), DECREF(xz), DECREF(aa);
    DECREF(bb);
}

// ---- slots ------------------------------------------------------------------------------

static ssize_t base_len(obj_t *self) {
    return 42;
}
static obj_t *base_repr(obj_t *self) {
    return str_from_cstr("<base>");
}

static type_t test_base_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "tbase",
    .basicsize = sizeof(obj_t),
    .flags = TPFLAG_BASETYPE,
    .repr = base_repr,
    .len = base_len,
};

static type_t test_sub_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "tsub",
    .basicsize = sizeof(obj_t),
    .flags = TPFLAG_BASETYPE,
    .base = &test_base_type,
};

static void test_slot_inheritance(void **state) {
    assert_int_equal(type_ready(&test_sub_type), 0);
    assert_ptr_equal(test_sub_type.len, base_len);
    assert_ptr_equal(test_sub_type.repr, base_repr);
    assert_ptr_equal(test_sub_type.hash, obj_generic_hash); // from object
    assert_ptr_equal(test_sub_type.getattro, obj_generic_getattr);
    // Wrappers live in the defining type's dict only.
    obj_t *name = str_intern("__len__");
    assert_int_equal(dict_contains(test_base_type.dict, name), 1);
    assert_int_equal(dict_contains(test_sub_type.dict, name), 0);
    assert_non_null(type_lookup(&test_sub_type, name));
    assert_mro((obj_t *)&test_sub_type, "tsub tbase object");

    // A heap subclass of list that does not override __len__ uses list's C slot.
    obj_t *bl = tuple_pack(1, (obj_t *)&list_type);
    obj_t *Stack = make_class("Stack", bl, NULL);
    assert_non_null(Stack);
    assert_ptr_equal(((type_t *)Stack)->len, list_type.len);
    assert_ptr_equal(((type_t *)Stack)->getitem, list_type.getitem);
    assert_true(type_has_flag((type_t *)Stack, TPFLAG_LIST_SUBCLASS));
    assert_true(((type_t *)Stack)->dictoffset >= sizeof(list_t));
    obj_t *inst = obj_call0(Stack);
    assert_non_null(inst);
    assert_true(LIST_CHECK(inst));
    assert_int_equal(list_append(inst, SMALLINT_FROM(7)), 0);
    assert_int_equal(obj_len(inst), 1);
    assert_int_equal(obj_setattr_str(inst, "tag", SMALLINT_FROM(3)), 0);
    obj_t *tag = obj_getattr_str(inst, "tag");
    assert_ptr_equal(tag, SMALLINT_FROM(3));
    DECREF(inst);

    // A class defining __eq__ but not __hash__ is unhashable.
    obj_t *ns = dict_new();
    obj_t *eqw = type_lookup(&object_type, str_intern("__eq__"));
    assert_int_equal(dict_set_str(ns, "__eq__", eqw), 0);
    obj_t *e = tuple_new(0);
    obj_t *H = make_class("H", e, ns);
    assert_non_null(H);
    obj_t *h = obj_call0(H);
    assert_non_null(h);
    assert_int_equal(obj_hash(h), -1);
    expect_error(exc_TypeError, "unhashable type: 'H'");
    DECREF(h), DECREF(ns), DECREF(e), DECREF(bl);
}

// ---- attribute lookup order ------------------------------------------------------------------

static obj_t *get_x(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return str_from_cstr("from property");
}
static const method_def_t get_x_def = {"get_x", get_x, METH_DEFAULT, NULL};

static void test_attribute_order(void **state) {
    obj_t *fget = cfunction_new(&get_x_def, NULL);
    obj_t *prop = obj_call1((obj_t *)&property_type, fget);
    assert_non_null(prop);
    obj_t *ns = dict_new();
    dict_set_str(ns, "x", prop);             // data descriptor
    dict_set_str(ns, "y", SMALLINT_FROM(1)); // plain class attribute
    obj_t *e = tuple_new(0);
    obj_t *A = make_class("A", e, ns);
    assert_non_null(A);
    obj_t *a = obj_call0(A);
    assert_non_null(a);

    // The instance dict cannot shadow a data descriptor ...
    obj_t **dp = obj_dict_ptr(a);
    assert_non_null(dp);
    obj_t *d = dict_new();
    dict_set_str(d, "x", SMALLINT_FROM(5));
    dict_set_str(d, "y", SMALLINT_FROM(6));
    *dp = d;
    obj_t *x = obj_getattr_str(a, "x");
    assert_non_null(x);
    assert_string_equal(str_data(x), "from property");
    DECREF(x);
    // ... but shadows a plain class attribute.
    assert_ptr_equal(obj_getattr_str(a, "y"), SMALLINT_FROM(6));
    assert_ptr_equal(obj_getattr_str(A, "y"), SMALLINT_FROM(1));

    // Class attribute changes are seen through the method cache, also by subclasses.
    obj_t *ba = tuple_pack(1, A);
    obj_t *B = make_class("B", ba, NULL);
    obj_t *b = obj_call0(B);
    assert_ptr_equal(obj_getattr_str(b, "y"), SMALLINT_FROM(1));
    uint32_t v0 = atomic_load(&((type_t *)B)->version);
    assert_int_equal(obj_setattr_str(A, "y", SMALLINT_FROM(2)), 0);
    assert_int_not_equal(atomic_load(&((type_t *)B)->version), v0);
    assert_ptr_equal(obj_getattr_str(b, "y"), SMALLINT_FROM(2));
    assert_ptr_equal(obj_getattr_str(B, "y"), SMALLINT_FROM(2));
    assert_int_equal(obj_setattr_str(A, "y", NULL), 0);
    assert_null(obj_getattr_str(b, "y"));
    expect_error(exc_AttributeError, "'B' object has no attribute 'y'");
    assert_int_equal(obj_setattr_str(A, "y", SMALLINT_FROM(1)), 0);
    DECREF(b), DECREF(ba);

    // Setting a property without setter.
    assert_int_equal(obj_setattr_str(a, "x", SMALLINT_FROM(1)), -1);
    expect_error(exc_AttributeError, "property 'x' of 'A' object has no setter");

    assert_null(obj_getattr_str(a, "nope"));
    expect_error(exc_AttributeError, "'A' object has no attribute 'nope'");
    assert_null(obj_getattr_str(A, "nope"));
    expect_error(exc_AttributeError, "type object 'A' has no attribute 'nope'");
    assert_null(obj_lookup_attr(a, str_intern("nope")));
    assert_false(err_occurred());
    assert_int_equal(obj_setattr_str(SMALLINT_FROM(5), "x", None), -1);
    expect_error(exc_AttributeError, "'int' object has no attribute 'x'");
    assert_int_equal(obj_setattr_str((obj_t *)&int_type, "x", None), -1);
    expect_error(exc_TypeError, "cannot set 'x' attribute of immutable type 'int'");

    // Bound methods from builtin types.
    obj_t *l = list_new(0);
    obj_t *app = obj_getattr_str(l, "append");
    assert_non_null(app);
    assert_ptr_equal(TYPE(app), &cfunction_type);
    DECREF(app);
    DECREF(l);

    DECREF(a), DECREF(ns), DECREF(e), DECREF(prop), DECREF(fget);
}

// ---- operators and protocol errors
// ----------------------------------------------------------------

static void test_protocol_errors(void **state) {
    obj_t *s = str_from_cstr("s");
    assert_null(obj_binop(SMALLINT_FROM(1), s, BINOP_ADD));
    expect_error(exc_TypeError, "unsupported operand type(s) for +: 'int' and 'str'");
    assert_null(obj_inplace_binop(None, s, BINOP_SUB));
    expect_error(exc_TypeError, "unsupported operand type(s) for -=: 'NoneType' and 'str'");
    assert_null(obj_binop(s, SMALLINT_FROM(1), BINOP_POW));
    expect_error(exc_TypeError, "unsupported operand type(s) for ** or pow(): 'str' and 'int'");
    assert_null(obj_unop(s, UNOP_NEG));
    expect_error(exc_TypeError, "bad operand type for unary -: 'str'");
    assert_null(obj_richcompare(SMALLINT_FROM(1), s, CMP_LT_OP));
    expect_error(exc_TypeError, "'<' not supported between instances of 'int' and 'str'");
    assert_int_equal(obj_richcompare_bool(SMALLINT_FROM(1), s, CMP_EQ_OP), 0);
    assert_int_equal(obj_len(SMALLINT_FROM(1)), -1);
    expect_error(exc_TypeError, "object of type 'int' has no len()");
    assert_null(obj_getitem(SMALLINT_FROM(1), SMALLINT_FROM(0)));
    expect_error(exc_TypeError, "'int' object is not subscriptable");
    assert_null(obj_iter(SMALLINT_FROM(1)));
    expect_error(exc_TypeError, "'int' object is not iterable");
    assert_null(obj_call0(SMALLINT_FROM(1)));
    expect_error(exc_TypeError, "'int' object is not callable");
    assert_int_equal(obj_is_instance(SMALLINT_FROM(1), SMALLINT_FROM(1)), -1);
    expect_error(exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    obj_t *types = tuple_pack(2, (obj_t *)&str_type, (obj_t *)&int_type);
    assert_int_equal(obj_is_instance(True, types), 1);
    DECREF(types);
    assert_int_equal(obj_hash(list_new(0)), -1); // leaks one empty list
    expect_error(exc_TypeError, "unhashable type: 'list'");
    obj_t *spec = str_from_cstr("x");
    obj_t *o = obj_call0((obj_t *)&object_type);
    assert_null(obj_format(o, spec));
    expect_error(exc_TypeError, "unsupported format string passed to object.__format__");
    assert_null(obj_call(o, NULL, 0, NULL));
    expect_error(exc_TypeError, "'object' object is not callable");
    obj_t *one = SMALLINT_FROM(1);
    assert_null(obj_call((obj_t *)&object_type, &one, 1, NULL));
    expect_error(exc_TypeError, "object() takes no arguments");
    DECREF(o), DECREF(spec), DECREF(s);
}

// ---- exceptions ---------------------------------------------------------------------------------

static void test_exceptions(void **state) {
    err_format(exc_ValueError, "bad value %d for %s", 3, "x");
    assert_true(err_matches(exc_ValueError));
    assert_true(err_matches(exc_Exception));
    assert_false(err_matches(exc_KeyError));
    obj_t *exc = err_fetch();
    obj_t *r = obj_repr(exc);
    assert_string_equal(str_data(r), "ValueError('bad value 3 for x')");
    DECREF(r), DECREF(exc);

    err_set(exc_KeyError, str_intern("k"));
    expect_error(exc_LookupError, "'k'");
    err_from_errno(2, "nofile");
    exc = err_peek();
    assert_ptr_equal(TYPE(exc), exc_FileNotFoundError);
    expect_error(exc_OSError, "[Errno 2] No such file or directory: 'nofile'");

    obj_t *args = tuple_pack(2, str_intern("a"), SMALLINT_FROM(2));
    exc = exc_new(exc_RuntimeError, args);
    r = obj_repr(exc);
    assert_string_equal(str_data(r), "RuntimeError('a', 2)");
    DECREF(r);
    r = obj_str(exc);
    assert_string_equal(str_data(r), "('a', 2)");
    DECREF(r), DECREF(exc), DECREF(args);

    // A Python-level subclass carries attributes in its instance dict.
    obj_t *b = tuple_pack(1, (obj_t *)exc_ValueError);
    obj_t *MyError = make_class("MyError", b, NULL);
    assert_non_null(MyError);
    assert_true(EXC_TYPE_CHECK(MyError));
    exc = obj_call1(MyError, str_intern("boom"));
    assert_non_null(exc);
    assert_int_equal(obj_setattr_str(exc, "code", SMALLINT_FROM(7)), 0);
    err_set_object(exc);
    assert_true(err_matches(exc_ValueError));
    expect_error((type_t *)MyError, "boom");
    DECREF(exc), DECREF(b);
}

// ---- args_parse
// -------------------------------------------------------------------------------------

static void test_args_parse(void **state) {
    static const char *const names[] = {"sep", "maxsplit", NULL};
    obj_t *out[2];
    obj_t *argv[4] = {SMALLINT_FROM(1), SMALLINT_FROM(2), SMALLINT_FROM(3), NULL};
    assert_int_equal(args_parse("split", argv, 1, NULL, names, 0, out), 0);
    assert_ptr_equal(out[0], SMALLINT_FROM(1));
    assert_null(out[1]);

    obj_t *kw = tuple_pack(1, str_intern("maxsplit"));
    obj_t *kargs[2] = {SMALLINT_FROM(9), SMALLINT_FROM(5)};
    assert_int_equal(args_parse("split", kargs, 1, kw, names, 0, out), 0);
    assert_ptr_equal(out[0], SMALLINT_FROM(9));
    assert_ptr_equal(out[1], SMALLINT_FROM(5));
    DECREF(kw);

    assert_int_equal(args_parse("split", argv, 3, NULL, names, 0, out), -1);
    expect_error(exc_TypeError, "split() takes at most 2 arguments (3 given)");

    kw = tuple_pack(1, str_intern("foo"));
    assert_int_equal(args_parse("sort", kargs, 0, kw, names, 0, out), -1);
    expect_error(exc_TypeError, "'foo' is an invalid keyword argument for sort()");
    DECREF(kw);

    kw = tuple_pack(1, str_intern("sep"));
    assert_int_equal(args_parse("split", kargs, 1, kw, names, 0, out), -1);
    expect_error(exc_TypeError, "argument for split() given by name ('sep') and position (1)");
    DECREF(kw);

    static const char *const req[] = {"x", "y", NULL};
    assert_int_equal(args_parse("f", argv, 0, NULL, req, 1, out), -1);
    expect_error(exc_TypeError, "f() missing required argument 'x' (pos 1)");

    static const char *const kwonly[] = {"$key", "$reverse", NULL};
    assert_int_equal(args_parse("sort", argv, 1, NULL, kwonly, 0, out), -1);
    expect_error(exc_TypeError, "sort() takes no positional arguments");

    assert_int_equal(args_check("len", 2, NULL, 1, 1), -1);
    expect_error(exc_TypeError, "len() takes exactly one argument (2 given)");
    static const char *const sorted_names[] = {"/iterable", "$key", "$reverse", NULL};
    obj_t *o3[3];
    assert_int_equal(args_parse("sorted", argv, 0, NULL, sorted_names, 1, o3), -1);
    expect_error(exc_TypeError, "sorted expected 1 argument, got 0");
    assert_int_equal(args_check("divmod", 1, NULL, 2, 2), -1);
    expect_error(exc_TypeError, "divmod expected 2 arguments, got 1");
    assert_int_equal(args_check("getattr", 1, NULL, 2, 3), -1);
    expect_error(exc_TypeError, "getattr expected at least 2 arguments, got 1");
    assert_int_equal(args_check("list.clear", 1, NULL, 0, 0), -1);
    expect_error(exc_TypeError, "list.clear() takes no arguments (1 given)");
    kw = tuple_pack(1, str_intern("x"));
    assert_int_equal(args_check("len", 0, kw, 1, 1), -1);
    expect_error(exc_TypeError, "len() takes no keyword arguments");
    DECREF(kw);
}

// ---- lifetime of classes made at run time (objects/type.c) -------------------------

typedef struct {
    type_t *target;
    int seen;
} seen_arg_t;

static void note_seen(type_t *t, void *arg) {
    seen_arg_t *a = arg;
    if (t == a->target) a->seen++;
}

static int registry_sees(obj_t *cls) {
    seen_arg_t a = {(type_t *)cls, 0};
    heaptypes_foreach(note_seen, &a);
    return a.seen;
}

// A class from type_new_class is counted: each instance holds a reference
// from obj_alloc to obj_free; the registry walk holds none of its own
// (the count is back after it) and skips a class the collector marked; the
// collector frees the class once only its own MRO refers to it;
// type_immortalize makes the class and its parts immortal.
static void test_runtime_class_lifetime(void **state) {
    obj_t *e = tuple_new(0);
    obj_t *K = make_class("K", e, NULL);
    assert_non_null(K);
    assert_false(obj_is_immortal(K));
    int64_t rc = obj_refcount(K);
    obj_t *inst = object_new_instance((type_t *)K);
    assert_non_null(inst);
    assert_int_equal(obj_refcount(K), rc + 1);
    DECREF(inst);
    assert_int_equal(obj_refcount(K), rc);

    assert_int_equal(registry_sees(K), 1);
    assert_int_equal(obj_refcount(K), rc);
    atomic_fetch_or(&K->ob_gc_bits, GC_GARBAGE);
    assert_int_equal(registry_sees(K), 0);
    atomic_fetch_and(&K->ob_gc_bits, (uint8_t)~GC_GARBAGE);

    DECREF(K); // only the MRO holds it now: a cycle
    gc_collect(2);
    // No class was made since, so the address cannot be reused by another.
    assert_int_equal(registry_sees(K), 0);

    obj_t *P = make_class("P", e, NULL);
    assert_non_null(P);
    type_immortalize((type_t *)P);
    assert_true(obj_is_immortal(P));
    assert_true(obj_is_immortal(((type_t *)P)->dict));
    assert_true(obj_is_immortal(((type_t *)P)->mro));
    assert_int_equal(registry_sees(P), 1);
    DECREF(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mro_diamond),
        cmocka_unit_test(test_slot_inheritance),
        cmocka_unit_test(test_attribute_order),
        cmocka_unit_test(test_protocol_errors),
        cmocka_unit_test(test_exceptions),
        cmocka_unit_test(test_args_parse),
        cmocka_unit_test(test_runtime_class_lifetime),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
