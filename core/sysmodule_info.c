/*
 * core/sysmodule_info.c — the introspection part of `sys`: frames
 * (_getframe, _current_frames; core/frameobject.c), getsizeof, and the
 * read-only information values the standard library reads (hash_info,
 * int_info, api_version, abiflags, version; sys.flags and version_info are
 * core/sysmodule.c's).
 *
 * The struct sequences here are immortal tuples re-typed to static tuple
 * subclasses whose getsets name the fields, as sys.version_info is in
 * core/sysmodule.c.  The sys.version string follows CPython's layout
 * ("X.Y.Z (buildno, date, time) [compiler]") so platform._sys_version()
 * parses it.
 */
#include <stdlib.h>
#include <string.h>

#include "../gc/gc.h"
#include "../objects/dict.h"
#include "unraisable.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type_internal.h"
#include "error.h"
#include "frameobject.h"
#include "runtime.h"
#include "sysmodule.h"

#define F(name, i)                                                                                 \
    { name, sys_seq_get, NULL, (void *)(i) }

static const getset_def_t hash_info_getsets[] = {
    F("width", 0),  F("modulus", 1),          F("inf", 2),       F("nan", 3),
    F("imag", 4),   F("algorithm", 5),        F("hash_bits", 6), F("seed_bits", 7),
    F("cutoff", 8), {NULL, NULL, NULL, NULL},
};

static const getset_def_t int_info_getsets[] = {
    F("bits_per_digit", 0),         F("sizeof_digit", 1),
    F("default_max_str_digits", 2), F("str_digits_check_threshold", 3),
    {NULL, NULL, NULL, NULL},
};

#define INFO_TYPE(cname, pyname, gs)                                                               \
    static type_t cname = {                                                                        \
        .ob = OBJ_HEAD_INIT(&type_type),                                                           \
        .name = pyname,                                                                            \
        .basicsize = sizeof(tuple_t),                                                              \
        .itemsize = sizeof(obj_t *),                                                               \
        .flags = TPFLAG_TUPLE_SUBCLASS,                                                            \
        .base = &tuple_type,                                                                       \
        .repr = sys_seq_repr,                                                                      \
        .getsets = gs,                                                                             \
    }

INFO_TYPE(sys_hash_info_type, "sys.hash_info", hash_info_getsets);
INFO_TYPE(sys_int_info_type, "sys.int_info", int_info_getsets);

static obj_t *make_hash_info(void) {
    obj_t *items[9] = {
        SMALLINT_FROM(64),      int_from_i64(((int64_t)1 << 61) - 1),
        SMALLINT_FROM(314159),  SMALLINT_FROM(0),
        SMALLINT_FROM(1000003), str_from_cstr("siphash13"),
        SMALLINT_FROM(64),      SMALLINT_FROM(128),
        SMALLINT_FROM(0),
    };
    return sys_seq_new(&sys_hash_info_type, 9, items);
}

static obj_t *make_int_info(void) {
    obj_t *items[4] = {SMALLINT_FROM(30), SMALLINT_FROM(4), SMALLINT_FROM(4300),
                       SMALLINT_FROM(640)};
    return sys_seq_new(&sys_int_info_type, 4, items);
}

// sys.getsizeof(object[, default]): object.__sizeof__() plus the cycle
// collector's 16-byte head in front of a container (gc/gc.h), as CPython
// adds its GC header; `default` when the size cannot be had because of a
// TypeError (no usable __sizeof__, or a result that is not an int).
static obj_t *getsizeof_raw(obj_t *o) {
    // Looked up on the type, as CPython's special methods (a class's own
    // size is type.__sizeof__'s, not its instances').
    obj_t *meth = type_lookup(TYPE(o), str_intern("__sizeof__"));
    if (meth == NULL) {
        err_format(exc_TypeError, "Type %s doesn't define __sizeof__", obj_type_name(o));
        return NULL;
    }
    INCREF(meth);
    obj_t *r = call_unbound(meth, o, NULL, 0, NULL);
    DECREF(meth);
    if (r != NULL && !INT_CHECK(r)) {
        DECREF(r);
        err_set_str(exc_TypeError, "an integer is required");
        return NULL;
    }
    return r;
}

static obj_t *sys_getsizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"object", "default", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("getsizeof", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *r = getsizeof_raw(a[0]);
    if (r == NULL) {
        if (a[1] != NULL && err_matches(exc_TypeError)) {
            err_clear();
            return NEWREF(a[1]);
        }
        return NULL;
    }
    int64_t n;
    int rc = int_as_i64(r, &n);
    DECREF(r);
    if (rc < 0) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C ssize_t");
        return NULL;
    }
    if (n < 0) {
        err_set_str(exc_ValueError, "__sizeof__() should return >= 0");
        return NULL;
    }
    if (!IS_SMALLINT(a[0]) && gc_has_head(a[0])) n += (int64_t)sizeof(gc_head_t);
    return int_from_i64(n);
}

static const method_def_t info_methods[] = {
    {"_getframe", frameobj_getframe, 0, NULL},
    {"_current_frames", frameobj_current_frames, 0, NULL},
    {"_current_exceptions", frameobj_current_exceptions, 0, NULL},
    {"getsizeof", sys_getsizeof, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static int set_steal(obj_t *d, const char *name, obj_t *v) {
    if (v == NULL) return -1;
    int rc = dict_set_str(d, name, v);
    DECREF(v);
    return rc;
}

int sysmodule_add_info(obj_t *m) {
    obj_t *d = module_dict(m);
    // Readied at start-up, while one thread runs (lazy readying races
    // with readers on other threads).
    if (type_ensure_ready(&frame_type) < 0) return -1;
    if (module_add_functions(m, info_methods) < 0) return -1;
    if (set_steal(d, "hash_info", make_hash_info()) < 0 ||
        set_steal(d, "int_info", make_int_info()) < 0 ||
        set_steal(d, "api_version", SMALLINT_FROM(1013)) < 0 ||
        set_steal(d, "abiflags", str_from_cstr("")) < 0 ||
        set_steal(d, "version",
                  str_from_cstr("3.11.0 (pvm, " __DATE__ ", " __TIME__
                                ") [free-threaded register VM]")) < 0)
        return -1;
    return 0;
}
