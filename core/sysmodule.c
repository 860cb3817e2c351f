/*
 * core/sysmodule.c — the `sys` module.
 *
 * Attributes live in the module dict, so `sys.stdout = x` from Python is a
 * plain module attribute assignment and the VM reads them back by name
 * (sysmodule_get): print(), input() and the traceback printer always see the
 * current sys.stdout / sys.stderr.
 *
 * Process-wide settings: the recursion limit is pvm_recursion_limit
 * (threads/thread.h, atomic); the switch interval is an atomic word here.
 * sys.version_info and sys.float_info are immortal tuples re-typed to
 * static tuple subclasses with named fields and CPython's repr.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <float.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../gc/credit.h"
#include "../gc/spare.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/file.h"
#include "../objects/float.h"
#include "../objects/gen.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/pyhash.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "error.h"
#include "runtime.h"
#include "sysmodule.h"
#include "trace.h"
#include "unraisable.h"

#ifndef PVM_LIB_DIR
#define PVM_LIB_DIR "lib"
#endif
// Where an installed pvm keeps lib/, relative to the directory of the
// program (bin/) and of libpvm.so (the library directory).
#ifndef PVM_LIB_FROM_BIN
#define PVM_LIB_FROM_BIN "../share/pvm/lib"
#endif
#ifndef PVM_LIB_FROM_LIBDIR
#define PVM_LIB_FROM_LIBDIR "../share/pvm/lib"
#endif

// ---- struct sequences: sys.version_info, sys.float_info ----------------------------

// Named-tuple-like values: immortal tuples re-typed to a static tuple
// subclass whose getsets name the fields (closure = index).

obj_t *sys_seq_get(obj_t *self, void *closure) {
    return NEWREF(TUPLE_GET(self, (size_t)(uintptr_t)closure));
}

// CPython's repr: "sys.version_info(major=3, minor=11, ...)".
obj_t *sys_seq_repr(obj_t *self) {
    type_t *t = TYPE(self);
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_cstr(&b, t->name);
    str_builder_add_char(&b, '(');
    for (size_t i = 0; t->getsets[i].name != NULL && i < TUPLE_SIZE(self); i++) {
        if (i > 0) str_builder_add_cstr(&b, ", ");
        str_builder_add_cstr(&b, t->getsets[i].name);
        str_builder_add_char(&b, '=');
        obj_t *r = obj_repr(TUPLE_GET(self, i));
        if (r == NULL) {
            str_builder_discard(&b);
            return NULL;
        }
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    str_builder_add_char(&b, ')');
    return str_builder_finish(&b);
}

#define SEQ_FIELD(name, i)                                                                         \
    { name, sys_seq_get, NULL, (void *)(i) }

static const getset_def_t vi_getsets[] = {
    SEQ_FIELD("major", 0),        SEQ_FIELD("minor", 1),  SEQ_FIELD("micro", 2),
    SEQ_FIELD("releaselevel", 3), SEQ_FIELD("serial", 4), {NULL, NULL, NULL, NULL},
};

static const getset_def_t fi_getsets[] = {
    SEQ_FIELD("max", 0),   SEQ_FIELD("max_exp", 1),  SEQ_FIELD("max_10_exp", 2),
    SEQ_FIELD("min", 3),   SEQ_FIELD("min_exp", 4),  SEQ_FIELD("min_10_exp", 5),
    SEQ_FIELD("dig", 6),   SEQ_FIELD("mant_dig", 7), SEQ_FIELD("epsilon", 8),
    SEQ_FIELD("radix", 9), SEQ_FIELD("rounds", 10),  {NULL, NULL, NULL, NULL},
};

type_t sys_version_info_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sys.version_info",
    .basicsize = sizeof(tuple_t),
    .itemsize = sizeof(obj_t *),
    .flags = TPFLAG_TUPLE_SUBCLASS,
    .base = &tuple_type,
    .repr = sys_seq_repr,
    .getsets = vi_getsets,
};

type_t sys_float_info_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sys.float_info",
    .basicsize = sizeof(tuple_t),
    .itemsize = sizeof(obj_t *),
    .flags = TPFLAG_TUPLE_SUBCLASS,
    .base = &tuple_type,
    .repr = sys_seq_repr,
    .getsets = fi_getsets,
};

obj_t *sys_seq_new(type_t *type, size_t n, obj_t **items) {
    obj_t *t = NULL;
    for (size_t i = 0; i < n; i++)
        if (items[i] == NULL) goto error;
    if (type_ensure_ready(type) < 0 || (t = tuple_new(n)) == NULL) goto error;
    for (size_t i = 0; i < n; i++)
        TUPLE_SET(t, i, items[i]);
    // Immortal, so it is never handed back to the tuple allocator with the
    // wrong type.
    obj_immortalize(t);
    t->ob_type = type;
    return t;
error:
    for (size_t i = 0; i < n; i++)
        XDECREF(items[i]);
    return NULL;
}

static const getset_def_t flags_getsets[] = {
    SEQ_FIELD("debug", 0),
    SEQ_FIELD("inspect", 1),
    SEQ_FIELD("interactive", 2),
    SEQ_FIELD("optimize", 3),
    SEQ_FIELD("dont_write_bytecode", 4),
    SEQ_FIELD("no_user_site", 5),
    SEQ_FIELD("no_site", 6),
    SEQ_FIELD("ignore_environment", 7),
    SEQ_FIELD("verbose", 8),
    SEQ_FIELD("bytes_warning", 9),
    SEQ_FIELD("quiet", 10),
    SEQ_FIELD("hash_randomization", 11),
    SEQ_FIELD("isolated", 12),
    SEQ_FIELD("dev_mode", 13),
    SEQ_FIELD("utf8_mode", 14),
    SEQ_FIELD("warn_default_encoding", 15),
    SEQ_FIELD("safe_path", 16),
    SEQ_FIELD("int_max_str_digits", 17),
    {NULL, NULL, NULL, NULL},
};

type_t sys_flags_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sys.flags",
    .basicsize = sizeof(tuple_t),
    .itemsize = sizeof(obj_t *),
    .flags = TPFLAG_TUPLE_SUBCLASS,
    .base = &tuple_type,
    .repr = sys_seq_repr,
    .getsets = flags_getsets,
};

// sys.flags: pvm runs no site module (no_site=1) and has CPython's
// defaults otherwise; dont_write_bytecode follows -B /
// PYTHONDONTWRITEBYTECODE, utf8_mode the locale found at start-up.
// -E/-I and -X dev/PYTHONDEVMODE, as main() parsed them
// (sysmodule_set_startup_flags).
static bool flag_ignore_env, flag_dev_mode;

static obj_t *make_flags(bool dont_write) {
    obj_t *items[18];
    for (int i = 0; i < 18; i++)
        items[i] = SMALLINT_FROM(0);
    items[4] = SMALLINT_FROM(dont_write ? 1 : 0);
    items[6] = SMALLINT_FROM(1);
    items[11] = SMALLINT_FROM(pyhash_randomized() ? 1 : 0);
    items[7] = SMALLINT_FROM(flag_ignore_env ? 1 : 0);
    items[13] = NEWREF(flag_dev_mode ? True : False);
    items[14] = SMALLINT_FROM(pvm_rt.utf8_mode ? 1 : 0);
    items[16] = NEWREF(False);
    items[17] = SMALLINT_FROM(-1);
    return sys_seq_new(&sys_flags_type, 18, items);
}

static obj_t *make_version_info(void) {
    obj_t *items[5] = {SMALLINT_FROM(3), SMALLINT_FROM(11), SMALLINT_FROM(0),
                       str_from_cstr("final"), SMALLINT_FROM(0)};
    return sys_seq_new(&sys_version_info_type, 5, items);
}

static obj_t *make_float_info(void) {
    obj_t *items[11] = {
        float_from_double(DBL_MAX),
        int_from_i64(DBL_MAX_EXP),
        int_from_i64(DBL_MAX_10_EXP),
        float_from_double(DBL_MIN),
        int_from_i64(DBL_MIN_EXP),
        int_from_i64(DBL_MIN_10_EXP),
        int_from_i64(DBL_DIG),
        int_from_i64(DBL_MANT_DIG),
        float_from_double(DBL_EPSILON),
        int_from_i64(FLT_RADIX),
        int_from_i64(1),
    };
    return sys_seq_new(&sys_float_info_type, 11, items);
}

// sys.thread_info: pvm's threads are pthreads and its locks are built on
// semaphores/futexes as CPython's on Linux; version is glibc's NPTL.
static const getset_def_t ti_getsets[] = {
    SEQ_FIELD("name", 0),
    SEQ_FIELD("lock", 1),
    SEQ_FIELD("version", 2),
    {NULL, NULL, NULL, NULL},
};

type_t sys_thread_info_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sys.thread_info",
    .basicsize = sizeof(tuple_t),
    .itemsize = sizeof(obj_t *),
    .flags = TPFLAG_TUPLE_SUBCLASS,
    .base = &tuple_type,
    .repr = sys_seq_repr,
    .getsets = ti_getsets,
};

static obj_t *make_thread_info(void) {
    char ver[64] = "";
    size_t n = confstr(_CS_GNU_LIBPTHREAD_VERSION, ver, sizeof ver);
    obj_t *items[3] = {str_from_cstr("pthread"), str_from_cstr("semaphore"),
                       n > 1 && n <= sizeof ver ? str_from_cstr(ver) : NEWREF(None)};
    return sys_seq_new(&sys_thread_info_type, 3, items);
}

// ---- functions -------------------------------------------------------------------

static _Atomic uint64_t switch_interval_bits; // a double; 0 = default (0.005)

double sysmodule_switch_interval(void) {
    uint64_t bits = atomic_load_explicit(&switch_interval_bits, memory_order_relaxed);
    if (bits == 0) return 0.005;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static obj_t *sys_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("exit", nargs, kwnames, 0, 1) < 0) return NULL;
    // As CPython's PyErr_SetObject: None -> no args, a tuple -> the args.
    err_set(exc_SystemExit, nargs == 0 || args[0] == None ? NULL : args[0]);
    return NULL;
}

static obj_t *sys_getrecursionlimit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getrecursionlimit", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(atomic_load_explicit(&pvm_recursion_limit, memory_order_relaxed));
}

// The int <-> decimal str digit limit (objects/int.c int_max_str_digits, read
// by every conversion through int_get_max_str_digits).
static obj_t *sys_get_int_max_str_digits(obj_t *self, obj_t *const *args, size_t nargs,
                                         obj_t *kwnames) {
    if (args_check("sys.get_int_max_str_digits", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(atomic_load_explicit(&int_max_str_digits, memory_order_relaxed));
}

static obj_t *sys_set_int_max_str_digits(obj_t *self, obj_t *const *args, size_t nargs,
                                         obj_t *kwnames) {
    static const char *const names[] = {"maxdigits", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("set_int_max_str_digits", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *i = obj_index(a[0]);
    if (i == NULL) return NULL;
    int64_t v;
    int rc = int_as_i64(i, &v);
    DECREF(i);
    if (rc < 0 || v < INT_MIN || v > INT_MAX) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    if (v != 0 && v < 640) {
        err_set_str(exc_ValueError, "maxdigits must be 0 or larger than 640");
        return NULL;
    }
    atomic_store_explicit(&int_max_str_digits, v, memory_order_relaxed);
    return NEWREF(None);
}

static obj_t *sys_setrecursionlimit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("setrecursionlimit", nargs, kwnames, 1, 1) < 0) return NULL;
    if (FLOAT_CHECK(args[0])) {
        err_set_str(exc_TypeError, "'float' object cannot be interpreted as an integer");
        return NULL;
    }
    obj_t *i = obj_index(args[0]);
    if (i == NULL) return NULL;
    int64_t v;
    int rc = int_as_i64(i, &v);
    DECREF(i);
    if (rc < 0 || v > INT_MAX) {
        if (rc == 0 || err_matches(exc_OverflowError)) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        }
        return NULL;
    }
    if (v < 1) {
        err_set_str(exc_ValueError, "recursion limit must be greater or equal than 1");
        return NULL;
    }
    thread_t *ts = thread_current();
    if (ts && ts->py_depth >= v) {
        err_format(exc_RecursionError,
                   "cannot set the recursion limit to %d at the recursion depth %d: the limit "
                   "is too low",
                   (int)v, ts->py_depth);
        return NULL;
    }
    atomic_store_explicit(&pvm_recursion_limit, (int)v, memory_order_relaxed);
    return NEWREF(None);
}

static obj_t *current_exception(void) {
    thread_t *ts = thread_current();
    obj_t *e = ts ? ts->exc_info : NULL;
    return (e == NULL || e == None) ? NULL : e;
}

static obj_t *sys_exc_info(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("exc_info", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *e = current_exception();
    if (e == NULL) return tuple_pack(3, None, None, None);
    obj_t *tb = exc_get_traceback(e);
    return tuple_pack(3, (obj_t *)TYPE(e), e, tb ? tb : None);
}

static obj_t *sys_exception(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("exception", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *e = current_exception();
    return NEWREF(e ? e : None);
}

static obj_t *sys_intern(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("intern", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_EXACT(args[0])) {
        err_format(exc_TypeError, "intern() argument must be str, not %T", args[0]);
        return NULL;
    }
    return NEWREF(str_intern_obj(args[0]));
}

static obj_t *sys_getdefaultencoding(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    if (args_check("getdefaultencoding", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(str_intern("utf-8"));
}

static obj_t *sys_getfilesystemencoding(obj_t *self, obj_t *const *args, size_t nargs,
                                        obj_t *kwnames) {
    if (args_check("getfilesystemencoding", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(str_intern("utf-8"));
}

static obj_t *sys_getfilesystemencodeerrors(obj_t *self, obj_t *const *args, size_t nargs,
                                            obj_t *kwnames) {
    if (args_check("getfilesystemencodeerrors", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(str_intern("surrogateescape"));
}

static obj_t *sys_is_gil_enabled(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_is_gil_enabled", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(False);
}

static obj_t *sys_getswitchinterval(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getswitchinterval", nargs, kwnames, 0, 0) < 0) return NULL;
    return float_from_double(sysmodule_switch_interval());
}

static obj_t *sys_setswitchinterval(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("setswitchinterval", nargs, kwnames, 1, 1) < 0) return NULL;
    double d = float_as_double(args[0]);
    if (d == -1.0 && err_occurred()) return NULL;
    if (!(d > 0.0)) {
        err_set_str(exc_ValueError, "switch interval must be strictly positive");
        return NULL;
    }
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    atomic_store_explicit(&switch_interval_bits, bits, memory_order_relaxed);
    return NEWREF(None);
}

static obj_t *sys_getrefcount(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getrefcount", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *o = args[0];
    if (IS_SMALLINT(o) || obj_is_immortal(o)) return int_from_i64(UINT32_MAX);
    // The argument register is a counted copy (CPython's +1 for the
    // argument is already in the count).  This thread's register credits
    // are not in the count: pay them first so the figure is exact.  Its
    // spare references (gc/spare.h) are in the count: give them back.
    credit_settle(thread_current());
    spare_flush(thread_current());
    return int_from_i64(obj_refcount(o));
}

static int write_to_sys_file(const char *name, obj_t *s) {
    obj_t *f = sysmodule_get(name);
    if (f == NULL || f == None) {
        XDECREF(f);
        err_format(exc_RuntimeError, "lost sys.%s", name);
        return -1;
    }
    int rc;
    if (TYPE(f) == &file_type && !((file_t *)f)->binary) {
        rc = file_write_utf8(f, str_data(s), str_nbytes(s));
    } else {
        obj_t *r = obj_call_method(f, "write", &s, 1);
        rc = r ? 0 : -1;
        XDECREF(r);
    }
    DECREF(f);
    return rc;
}

// sys.displayhook(value): the REPL's echo of expression statements.
static obj_t *sys_displayhook(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("displayhook", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *v = args[0];
    if (v == None) return NEWREF(None);
    if (dict_set_str(pvm_rt.builtins_dict, "_", None) < 0) return NULL;
    obj_t *r = obj_repr(v);
    if (r == NULL) return NULL;
    obj_t *line = str_from_format("%U\n", r);
    DECREF(r);
    if (line == NULL) return NULL;
    int rc = write_to_sys_file("stdout", line);
    DECREF(line);
    if (rc < 0 || dict_set_str(pvm_rt.builtins_dict, "_", v) < 0) return NULL;
    return NEWREF(None);
}

// When sys.stderr has been replaced (test.support.captured_stderr, a
// StringIO), the report goes to the new object's write(): it is rendered into
// memory first.  1: written there, 0: sys.stderr is the process's own stderr
// (the caller prints to the C stream), -1: error pending.
static int excepthook_to_sys_stderr(obj_t *value) {
    obj_t *f = sysmodule_get("stderr");
    obj_t *orig = sysmodule_get("__stderr__");
    bool own = f == NULL || f == None || f == orig;
    XDECREF(f);
    XDECREF(orig);
    if (own) return 0;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (mem == NULL) return 0;
    if (EXC_CHECK(value))
        err_display(value, mem);
    else
        fprintf(mem, "TypeError: print_exception(): Exception expected for value, %s found\n",
                obj_type_name(value));
    fclose(mem);
    obj_t *s = str_from_utf8_trusted(buf, len);
    free(buf);
    if (s == NULL) return -1;
    int rc = write_to_sys_file("stderr", s);
    DECREF(s);
    return rc < 0 ? -1 : 1;
}

// sys.excepthook(type, value, traceback): prints the report to stderr.
static obj_t *sys_excepthook(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("excepthook", nargs, kwnames, 3, 3) < 0) return NULL;
    int redirected = excepthook_to_sys_stderr(args[1]);
    if (redirected != 0) return redirected < 0 ? NULL : NEWREF(None);
    sysmodule_flush_std();
    if (EXC_CHECK(args[1])) {
        err_display(args[1], stderr);
    } else {
        obj_t *s = obj_str(args[1]);
        if (s == NULL) return NULL;
        fprintf(stderr, "TypeError: print_exception(): Exception expected for value, %s found\n",
                obj_type_name(args[1]));
        DECREF(s);
    }
    fflush(stderr);
    return NEWREF(None);
}

static const method_def_t sys_methods[] = {
    {"exit", sys_exit, 0, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, 0, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, 0, NULL},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, 0, NULL},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, 0, NULL},
    {"exc_info", sys_exc_info, 0, NULL},
    {"exception", sys_exception, 0, NULL},
    {"intern", sys_intern, 0, NULL},
    {"getdefaultencoding", sys_getdefaultencoding, 0, NULL},
    {"getfilesystemencoding", sys_getfilesystemencoding, 0, NULL},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, 0, NULL},
    {"_is_gil_enabled", sys_is_gil_enabled, 0, NULL},
    {"getswitchinterval", sys_getswitchinterval, 0, NULL},
    {"setswitchinterval", sys_setswitchinterval, 0, NULL},
    {"getrefcount", sys_getrefcount, 0, NULL},
    {"displayhook", sys_displayhook, 0, NULL},
    {"excepthook", sys_excepthook, 0, NULL},
    {"settrace", sys_settrace, 0, NULL},
    {"gettrace", sys_gettrace, 0, NULL},
    {"setprofile", sys_setprofile, 0, NULL},
    {"getprofile", sys_getprofile, 0, NULL},
    {"set_coroutine_origin_tracking_depth", sys_set_coro_origin_depth, 0, NULL},
    {"unraisablehook", sys_unraisablehook, 0, NULL},
    {"get_coroutine_origin_tracking_depth", sys_get_coro_origin_depth, 0, NULL},
    {NULL, NULL, 0, NULL},
};

// ---- module ------------------------------------------------------------------------

obj_t *sysmodule_get(const char *name) {
    if (pvm_rt.sys == NULL) return NULL;
    obj_t *v = dict_get_str(module_dict(pvm_rt.sys), name);
    if (v == NULL && err_occurred()) err_clear();
    return v;
}

void sysmodule_flush_std(void) {
    static const char *const names[] = {"stdout", "stderr"};
    obj_t *exc = err_fetch();
    for (int i = 0; i < 2; i++) {
        obj_t *f = sysmodule_get(names[i]);
        if (f != NULL && FILE_CHECK(f) && !((file_t *)f)->closed && file_flush(f) < 0) err_clear();
        XDECREF(f);
    }
    fflush(stdout);
    fflush(stderr);
    err_restore(exc);
}

bool sysmodule_dev_mode(void) {
    return flag_dev_mode;
}

void sysmodule_set_startup_flags(bool ignore_env, bool dev_mode) {
    flag_ignore_env = ignore_env;
    flag_dev_mode = dev_mode;
}

void sysmodule_sync_flags(void) {
    if (pvm_rt.sys == NULL) return;
    if (dict_set_str(module_dict(pvm_rt.sys), "dont_write_bytecode",
                     bool_from(pvm_rt.dont_write_bytecode)) < 0)
        err_clear();
    obj_t *f = make_flags(pvm_rt.dont_write_bytecode);
    if (f == NULL || dict_set_str(module_dict(pvm_rt.sys), "flags", f) < 0) err_clear();
    XDECREF(f);
}

// ---- the standard library and the prefixes ------------------------------------------

#ifndef PVM_STDLIB_DIR
#define PVM_STDLIB_DIR "/usr/lib/python3.11"
#endif

static const char *stdlib_dir; // set once by sys_module_init, read-only after

const char *sysmodule_stdlib_dir(void) {
    return stdlib_dir ? stdlib_dir : PVM_STDLIB_DIR;
}

// $PVM_STDLIB, else the build's PVM_STDLIB_DIR.  When no standard library
// is there, says so once on stderr (naming both variables) and goes on:
// programs that import only builtin modules and their own still run.
static void find_stdlib(void) {
    const char *env = getenv("PVM_STDLIB");
    stdlib_dir = env && *env ? env : PVM_STDLIB_DIR;
    char *probe = NULL;
    if (asprintf(&probe, "%s/os.py", stdlib_dir) < 0) return;
    bool ok = access(probe, R_OK) == 0;
    free(probe);
    if (ok) return;
    if (env && *env)
        fprintf(stderr,
                "pvm: warning: PVM_STDLIB=%s holds no Python 3.11 standard library (no os.py "
                "there); imports of standard modules will fail\n",
                stdlib_dir);
    else
        fprintf(stderr,
                "pvm: warning: CPython 3.11's standard library is not at %s (PVM_STDLIB_DIR, "
                "chosen at build time): install it (Debian: libpython3.11-stdlib) or set "
                "PVM_STDLIB to its directory\n",
                stdlib_dir);
}

// pvm's own lib/ (the modules pvm must do differently, first on sys.path
// after PYTHONPATH).  An installed pvm (`cmake --install`) finds the copy
// installed beside it: PREFIX/share/pvm/lib, reached from the running
// program's directory or from libpvm.so's (a C program embedding the shared
// library).  Otherwise, as in a build tree, it is the source tree's lib/.
// Set once, by the first sys_module_init, and read-only after.
static const char *pvm_lib_dir;
static bool pvm_lib_installed;

const char *sysmodule_pvm_lib_dir(void) {
    return pvm_lib_dir ? pvm_lib_dir : PVM_LIB_DIR;
}

bool sysmodule_pvm_lib_is_installed(void) {
    return pvm_lib_installed;
}

// realpath(dirname(object_path)/rel) when it holds pvm's lib/ (its import
// helper is the marker), else NULL.  The result is malloc'ed.
static char *installed_lib_near(const char *object_path, const char *rel) {
    char *real = realpath(object_path, NULL);
    if (real == NULL) return NULL;
    char *slash = strrchr(real, '/');
    char *dir = NULL;
    if (slash != NULL) {
        *slash = '\0';
        if (asprintf(&dir, "%s/%s", real, rel) < 0) dir = NULL;
    }
    free(real);
    if (dir == NULL) return NULL;
    char *lib = realpath(dir, NULL);
    free(dir);
    char *probe = NULL;
    if (lib == NULL || asprintf(&probe, "%s/_pvm_import.py", lib) < 0) {
        free(lib);
        return NULL;
    }
    bool found = access(probe, R_OK) == 0;
    free(probe);
    if (!found) {
        free(lib);
        return NULL;
    }
    return lib;
}

static void find_pvm_lib(void) {
    if (pvm_lib_dir != NULL) return; // a VM created again in the same process
    char *lib = installed_lib_near("/proc/self/exe", PVM_LIB_FROM_BIN);
    Dl_info info;
    if (lib == NULL && dladdr((void *)find_pvm_lib, &info) != 0 && info.dli_fname != NULL &&
        strchr(info.dli_fname, '/') != NULL)
        lib = installed_lib_near(info.dli_fname, PVM_LIB_FROM_LIBDIR);
    pvm_lib_installed = lib != NULL;
    pvm_lib_dir = lib != NULL ? lib : PVM_LIB_DIR;
}

// sys.prefix: the stdlib is PREFIX/PLATLIBDIR/python3.11 (Debian: /usr/lib/...).
static obj_t *make_prefix(void) {
    const char *d = sysmodule_stdlib_dir();
    size_t n = strlen(d);
    while (n > 1 && d[n - 1] == '/')
        n--;
    for (int up = 0; up < 2; up++) { // drop "python3.11", then "lib"
        while (n > 0 && d[n - 1] != '/')
            n--;
        while (n > 1 && d[n - 1] == '/')
            n--;
    }
    if (n == 0) return str_from_cstr("/");
    return str_from_utf8(d, n);
}

int sysmodule_set_xoptions(char **opts, int n) {
    obj_t *xo = sysmodule_get("_xoptions");
    if (xo == NULL || !DICT_CHECK(xo)) {
        XDECREF(xo);
        return 0;
    }
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        const char *eq = strchr(opts[i], '=');
        obj_t *k = eq ? str_from_utf8(opts[i], (size_t)(eq - opts[i])) : str_from_cstr(opts[i]);
        obj_t *v = eq ? str_from_cstr(eq + 1) : NEWREF(True);
        rc = k && v ? dict_set(xo, k, v) : -1;
        if (rc == 0 && eq && str_eq_cstr(k, "pycache_prefix"))
            rc = dict_set_str(module_dict(pvm_rt.sys), "pycache_prefix", v);
        XDECREF(k);
        XDECREF(v);
    }
    DECREF(xo);
    return rc;
}

int sysmodule_set_path0(const char *script_path) {
    sysmodule_sync_flags();
    char *real = realpath(script_path, NULL);
    const char *p = real ? real : script_path;
    const char *slash = strrchr(p, '/');
    obj_t *dir;
    if (slash == NULL)
        dir = str_from_cstr("");
    else if (slash == p)
        dir = str_from_cstr("/");
    else
        dir = str_from_utf8(p, (size_t)(slash - p));
    free(real);
    if (dir == NULL) return -1;
    obj_t *path = sysmodule_get("path");
    int rc = 0;
    if (path != NULL && LIST_CHECK(path)) {
        if (list_size(path) > 0)
            rc = list_set(path, 0, dir);
        else
            rc = list_append(path, dir);
    }
    XDECREF(path);
    DECREF(dir);
    return rc;
}

static obj_t *make_path(void) {
    obj_t *path = list_new(0);
    if (path == NULL) return NULL;
    obj_t *s = str_from_cstr("");
    if (s == NULL || list_append(path, s) < 0) goto error;
    DECREF(s);
    s = NULL;
    const char *pp = getenv("PYTHONPATH");
    while (pp && *pp) {
        const char *colon = strchr(pp, ':');
        size_t n = colon ? (size_t)(colon - pp) : strlen(pp);
        if (n > 0) {
            s = str_from_utf8(pp, n);
            if (s == NULL || list_append(path, s) < 0) goto error;
            DECREF(s);
            s = NULL;
        }
        pp = colon ? colon + 1 : NULL;
    }
    const char *tail[] = {sysmodule_pvm_lib_dir(), sysmodule_stdlib_dir(), PVM_DIST_PACKAGES_DIR};
    for (int i = 0; i < 3; i++) {
        s = str_from_cstr(tail[i]);
        if (s == NULL || list_append(path, s) < 0) goto error;
        DECREF(s);
        s = NULL;
    }
    return path;
error:
    XDECREF(s);
    DECREF(path);
    return NULL;
}

// Sets d[name] = v and drops the reference to v (steals); v may be NULL
// (then an error is already set).
static int set_steal(obj_t *d, const char *name, obj_t *v) {
    if (v == NULL) return -1;
    int rc = dict_set_str(d, name, v);
    DECREF(v);
    return rc;
}

obj_t *sys_module_init(void) {
    obj_t *m = module_new("sys");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, sys_methods) < 0) goto error;
    const char *unbuf = getenv("PYTHONUNBUFFERED");
    int outbuf = (unbuf && *unbuf) ? 0 : -1;
    obj_t *in = file_from_fd(0, "<stdin>", "r", -1);
    obj_t *out = file_from_fd(1, "<stdout>", "w", outbuf);
    obj_t *err = file_from_fd(2, "<stderr>", "w", 1);
    if (in == NULL || out == NULL || err == NULL) {
        XDECREF(in);
        XDECREF(out);
        XDECREF(err);
        goto error;
    }
    obj_immortalize(in);
    obj_immortalize(out);
    obj_immortalize(err);
    if (dict_set_str(d, "stdin", in) < 0 || dict_set_str(d, "stdout", out) < 0 ||
        dict_set_str(d, "stderr", err) < 0 || dict_set_str(d, "__stdin__", in) < 0 ||
        dict_set_str(d, "__stdout__", out) < 0 || dict_set_str(d, "__stderr__", err) < 0)
        goto error;

    if (dict_set_str(d, "argv", pvm_rt.argv) < 0 || dict_set_str(d, "modules", pvm_rt.modules) < 0)
        goto error;
    find_stdlib();
    find_pvm_lib();
    const char *pcp = getenv("PYTHONPYCACHEPREFIX");
    const char *dwb_env = getenv("PYTHONDONTWRITEBYTECODE");
    bool dwb_flag = pvm_rt.dont_write_bytecode || (dwb_env && *dwb_env);
    if (set_steal(d, "prefix", make_prefix()) < 0 ||
        set_steal(d, "base_prefix", make_prefix()) < 0 ||
        set_steal(d, "exec_prefix", make_prefix()) < 0 ||
        set_steal(d, "base_exec_prefix", make_prefix()) < 0 ||
        set_steal(d, "platlibdir", str_from_cstr("lib")) < 0 ||
        set_steal(d, "_stdlib_dir", str_from_cstr(sysmodule_stdlib_dir())) < 0 ||
        set_steal(d, "pycache_prefix", pcp && *pcp ? str_from_cstr(pcp) : NEWREF(None)) < 0 ||
        set_steal(d, "_xoptions", dict_new()) < 0 ||
        set_steal(d, "builtin_module_names", runtime_builtin_module_names()) < 0 ||
        set_steal(d, "float_repr_style", str_from_cstr("short")) < 0 ||
        set_steal(d, "flags", make_flags(dwb_flag)) < 0)
        goto error;
    if (set_steal(d, "path", make_path()) < 0 ||
        set_steal(d, "version_info", make_version_info()) < 0 ||
        set_steal(d, "float_info", make_float_info()) < 0 ||
        set_steal(d, "thread_info", make_thread_info()) < 0 ||
        set_steal(d, "hexversion", int_from_i64(0x030B00F0)) < 0 ||
        set_steal(d, "maxsize", int_from_i64(INT64_MAX)) < 0 ||
        set_steal(d, "maxunicode", int_from_i64(0x10FFFF)) < 0 ||
        set_steal(d, "byteorder", str_from_cstr("little")) < 0 ||
        set_steal(d, "platform", str_from_cstr("linux")) < 0 ||
        set_steal(d, "meta_path", list_new(0)) < 0 || set_steal(d, "path_hooks", list_new(0)) < 0 ||
        set_steal(d, "path_importer_cache", dict_new()) < 0 ||
        set_steal(d, "warnoptions", list_new(0)) < 0)
        goto error;
    if (sysmodule_add_info(m) < 0) goto error;       // core/sysmodule_info.c
    if (sysmodule_add_asyncgen(m) < 0) goto error;   // core/sysmodule_asyncgen.c
    if (sysmodule_add_breakpoint(m) < 0) goto error; // core/sysmodule_breakpoint.c
    char *exe = realpath("/proc/self/exe", NULL);
    obj_t *exe_s = str_from_cstr(exe ? exe : "");
    free(exe);
    if (set_steal(d, "executable", exe_s) < 0) goto error;
    obj_t *dh = dict_get_str(d, "displayhook"), *eh = dict_get_str(d, "excepthook");
    int rc = (dh && eh) ? 0 : -1;
    if (rc == 0)
        rc = dict_set_str(d, "__displayhook__", dh) < 0 || dict_set_str(d, "__excepthook__", eh) < 0
                 ? -1
                 : 0;
    XDECREF(dh);
    XDECREF(eh);
    if (rc < 0) goto error;
    obj_t *uh = dict_get_str(d, "unraisablehook"); // core/unraisable.c
    rc = uh == NULL || unraisable_ready() < 0 || dict_set_str(d, "__unraisablehook__", uh) < 0 ? -1
                                                                                               : 0;
    XDECREF(uh);
    if (rc < 0) goto error;
    const char *dwb = getenv("PYTHONDONTWRITEBYTECODE");
    if (dict_set_str(d, "dont_write_bytecode",
                     bool_from(pvm_rt.dont_write_bytecode || (dwb && *dwb))) < 0)
        goto error;
    return m;
error:
    DECREF(m);
    return NULL;
}
