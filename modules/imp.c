/*
 * modules/imp.c — the `_imp` module: the builtin half of importlib
 * (is_builtin, create_builtin, the global import lock, ...) with CPython
 * 3.11's API (what CPython's importlib._bootstrap and _bootstrap_external
 * call), plus the `_pvm_*` helpers through which lib/_pvm_import.py and
 * lib/marshal.py reach the C import system (core/import.c) and the bytecode
 * cache (core/pyc.c): the import itself, running a source through the
 * cache, the cache path, code objects to and from cache images.
 *
 * pvm has no frozen modules and no extension modules: is_frozen is always
 * False, extension_suffixes() is [].  The global import lock exists for
 * programs that call acquire_lock/release_lock (pvm's own imports use
 * per-module locks and never take it); it is a reentrant lock held per
 * thread, waited for as a blocking region.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../core/pyc.h"
#include "../core/runtime.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "posix_internal.h"

// ---- the global import lock ------------------------------------------------------------

static pthread_mutex_t imp_lock_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t imp_lock_cond = PTHREAD_COND_INITIALIZER;
static thread_t *imp_lock_owner; // guarded by imp_lock_mutex
static long imp_lock_depth;

static obj_t *imp_acquire_lock(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("acquire_lock", nargs, kwnames, 0, 0) < 0) return NULL;
    thread_t *me = thread_current();
    thread_block_begin();
    pthread_mutex_lock(&imp_lock_mutex);
    while (imp_lock_owner != NULL && imp_lock_owner != me)
        pthread_cond_wait(&imp_lock_cond, &imp_lock_mutex);
    imp_lock_owner = me;
    imp_lock_depth++;
    pthread_mutex_unlock(&imp_lock_mutex);
    thread_block_end();
    return NEWREF(None);
}

static obj_t *imp_release_lock(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("release_lock", nargs, kwnames, 0, 0) < 0) return NULL;
    thread_t *me = thread_current();
    bool ok;
    pthread_mutex_lock(&imp_lock_mutex);
    ok = imp_lock_owner == me;
    if (ok && --imp_lock_depth == 0) {
        imp_lock_owner = NULL;
        pthread_cond_broadcast(&imp_lock_cond);
    }
    pthread_mutex_unlock(&imp_lock_mutex);
    if (!ok) {
        err_set_str(exc_RuntimeError, "not holding the import lock");
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *imp_lock_held(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("lock_held", nargs, kwnames, 0, 0) < 0) return NULL;
    pthread_mutex_lock(&imp_lock_mutex);
    bool held = imp_lock_owner != NULL;
    pthread_mutex_unlock(&imp_lock_mutex);
    return NEWREF(bool_from(held));
}

// ---- builtin modules ---------------------------------------------------------------------

static int str_arg(const char *fname, obj_t *a) {
    if (STR_CHECK(a)) return 0;
    // As CPython's argument clinic: None is named "None", not "NoneType".
    err_format(exc_TypeError, "%s() argument must be str, not %s", fname,
               a == None ? "None" : obj_type_name(a));
    return -1;
}

static obj_t *imp_is_builtin(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("is_builtin", nargs, kwnames, 1, 1) < 0 || str_arg("is_builtin", args[0]) < 0)
        return NULL;
    const char *n = str_data(args[0]);
    bool core = strcmp(n, "sys") == 0 || strcmp(n, "builtins") == 0;
    // CPython: -1 for modules that cannot be initialized again (sys, builtins).
    if (core) return int_from_i64(-1);
    return int_from_i64(runtime_find_builtin_module(n) != NULL ? 1 : 0);
}

static obj_t *imp_create_builtin(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("create_builtin", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *name = obj_getattr_str(args[0], "name");
    if (name == NULL) return NULL;
    if (!STR_CHECK(name)) {
        err_format(exc_TypeError, "name must be string, not %T", name);
        DECREF(name);
        return NULL;
    }
    obj_t *r = NULL;
    if (str_eq_cstr(name, "sys")) {
        r = NEWREF(pvm_rt.sys);
    } else if (str_eq_cstr(name, "builtins")) {
        r = NEWREF(pvm_rt.builtins);
    } else {
        module_init_fn init = runtime_find_builtin_module(str_data(name));
        if (init != NULL) {
            r = init();
        } else {
            r = NEWREF(None); // as CPython: an unknown name makes no module
        }
    }
    DECREF(name);
    return r;
}

static obj_t *imp_exec_builtin(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("exec_builtin", nargs, kwnames, 1, 1) < 0) return NULL;
    return int_from_i64(0); // pvm's builtin modules are complete once created
}

static obj_t *imp_false1(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check(fname, nargs, kwnames, 1, 1) < 0 || str_arg(fname, args[0]) < 0) return NULL;
    return NEWREF(False);
}

static obj_t *imp_is_frozen(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return imp_false1("is_frozen", args, nargs, kwnames);
}

static obj_t *imp_is_frozen_package(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return imp_false1("is_frozen_package", args, nargs, kwnames);
}

static obj_t *imp_find_frozen(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("find_frozen", nargs, kwnames, 1, 2) < 0 || str_arg("find_frozen", args[0]) < 0)
        return NULL;
    return NEWREF(None);
}

static obj_t *imp_get_frozen_object(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("get_frozen_object", nargs, kwnames, 1, 2) < 0 ||
        str_arg("get_frozen_object", args[0]) < 0)
        return NULL;
    obj_t *msg = str_from_format("No such frozen object named %R", args[0]);
    obj_t *a = msg ? tuple_pack(1, msg) : NULL;
    obj_t *exc = a ? exc_new(exc_ImportError, a) : NULL;
    XDECREF(msg);
    XDECREF(a);
    if (exc != NULL) {
        SETREF(((exc_t *)exc)->name, NEWREF(args[0]));
        err_set_object(exc);
        DECREF(exc);
    }
    return NULL;
}

static obj_t *imp_init_frozen(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("init_frozen", nargs, kwnames, 1, 1) < 0 || str_arg("init_frozen", args[0]) < 0)
        return NULL;
    return NEWREF(None);
}

static obj_t *imp_frozen_module_names(obj_t *self, obj_t *const *args, size_t nargs,
                                      obj_t *kwnames) {
    if (args_check("_frozen_module_names", nargs, kwnames, 0, 0) < 0) return NULL;
    return list_new(0);
}

// test.support.import_helper.frozen_modules() switches CPython's frozen
// stdlib modules on and off; pvm freezes none, so there is nothing to do.
static obj_t *imp_override_frozen(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_override_frozen_modules_for_tests", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!INT_CHECK(args[0])) {
        err_format(exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *imp_extension_suffixes(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    if (args_check("extension_suffixes", nargs, kwnames, 0, 0) < 0) return NULL;
    return list_new(0);
}

static obj_t *imp_fix_co_filename(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_fix_co_filename", nargs, kwnames, 2, 2) < 0) return NULL;
    return NEWREF(None);
}

// ---- pvm's helpers for lib/_pvm_import.py ----------------------------------------------

// _pvm_exec_source(module, path): runs the source through the bytecode cache.
static obj_t *imp_pvm_exec_source(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_pvm_exec_source", nargs, kwnames, 2, 2) < 0 ||
        str_arg("_pvm_exec_source", args[1]) < 0)
        return NULL;
    if (!MODULE_CHECK(args[0])) {
        err_format(exc_TypeError, "_pvm_exec_source() needs a module, not %T", args[0]);
        return NULL;
    }
    if (import_exec_source(args[0], str_data(args[1])) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *imp_pvm_get_code(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_pvm_get_code", nargs, kwnames, 1, 1) < 0 ||
        str_arg("_pvm_get_code", args[0]) < 0)
        return NULL;
    // The file's name in the file-system encoding (a name from os.listdir
    // may hold undecodable bytes as lone surrogates).
    obj_t *path = posix_fs_encode(args[0]);
    if (path == NULL) return NULL;
    obj_t *r =
        pyc_compile_cached((const char *)bytes_data(path), !pvm_rt.dont_write_bytecode, NULL);
    DECREF(path);
    return r;
}

static obj_t *imp_pvm_cache_path(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_pvm_cache_path", nargs, kwnames, 1, 1) < 0 ||
        str_arg("_pvm_cache_path", args[0]) < 0)
        return NULL;
    char *p = pyc_cache_path(str_data(args[0]));
    if (p == NULL) return err_no_memory();
    obj_t *r = str_from_cstr(p);
    free(p);
    return r;
}

// _pvm_import(name): core/import.c's import of an absolute dotted name,
// parents first (lib/_pvm_import.py makes it importlib._bootstrap's
// _find_and_load, so importlib.import_module takes the same per-module
// locks as the import statement).
static obj_t *imp_pvm_import(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_pvm_import", nargs, kwnames, 1, 1) < 0 || str_arg("_pvm_import", args[0]) < 0)
        return NULL;
    return import_module(str_data(args[0]));
}

// source_hash(key, source): the 8-byte source hash of hash-based caches.
// pvm's hash (core/pyc.c, FNV-style over the bytes) mixed with the key, not
// CPython's SipHash: the digests differ from CPython's, as pvm's caches do.
static obj_t *imp_source_hash(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"key", "source", NULL};
    obj_t *a[2];
    if (args_parse("source_hash", args, nargs, kwnames, names, 2, a) < 0) return NULL;
    int64_t key;
    if (!INT_CHECK(a[0])) {
        err_format(exc_TypeError, "'%T' object cannot be interpreted as an integer", a[0]);
        return NULL;
    }
    if (int_as_i64(a[0], &key) < 0) return NULL;
    buffer_t view;
    if (buffer_get(a[1], &view) < 0) return NULL;
    uint64_t h = pyc_source_hash(view.buf, view.len) ^ ((uint64_t)key * 0x9E3779B97F4A7C15ULL);
    buffer_release(&view);
    unsigned char out[8];
    for (int i = 0; i < 8; i++)
        out[i] = (unsigned char)(h >> (8 * i));
    return bytes_from(out, 8);
}

// _pvm_code_dumps(code) -> bytes: a code object as a pvm cache image
// (core/pyc.c's format); lib/marshal.py stores code objects this way.
static obj_t *imp_pvm_code_dumps(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_pvm_code_dumps", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!CODE_CHECK(args[0])) {
        err_format(exc_TypeError, "_pvm_code_dumps() needs a code object, not %T", args[0]);
        return NULL;
    }
    uint8_t *out;
    size_t len;
    if (pyc_dumps(args[0], 0, 0, 0, &out, &len) < 0) {
        err_set_str(exc_ValueError, "unmarshallable object");
        return NULL;
    }
    obj_t *r = bytes_from(out, len);
    free(out);
    return r;
}

// _pvm_code_loads(bytes) -> code, or ValueError when the bytes are not a
// cache image of this pvm build.
static obj_t *imp_pvm_code_loads(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_pvm_code_loads", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    obj_t *code = pyc_loads(view.buf, view.len, NULL, 0);
    buffer_release(&view);
    if (code == NULL && !err_occurred())
        err_set_str(exc_ValueError, "bad marshal data (not a code object of this pvm build)");
    return code;
}

static const method_def_t imp_functions[] = {
    {"acquire_lock", imp_acquire_lock, 0, NULL},
    {"release_lock", imp_release_lock, 0, NULL},
    {"lock_held", imp_lock_held, 0, NULL},
    {"is_builtin", imp_is_builtin, 0, NULL},
    {"create_builtin", imp_create_builtin, 0, NULL},
    {"exec_builtin", imp_exec_builtin, 0, NULL},
    {"is_frozen", imp_is_frozen, 0, NULL},
    {"is_frozen_package", imp_is_frozen_package, 0, NULL},
    {"find_frozen", imp_find_frozen, 0, NULL},
    {"get_frozen_object", imp_get_frozen_object, 0, NULL},
    {"init_frozen", imp_init_frozen, 0, NULL},
    {"_frozen_module_names", imp_frozen_module_names, 0, NULL},
    {"extension_suffixes", imp_extension_suffixes, 0, NULL},
    {"_override_frozen_modules_for_tests", imp_override_frozen, 0, NULL},
    {"_fix_co_filename", imp_fix_co_filename, 0, NULL},
    {"_pvm_exec_source", imp_pvm_exec_source, 0, NULL},
    {"_pvm_get_code", imp_pvm_get_code, 0, NULL},
    {"_pvm_cache_path", imp_pvm_cache_path, 0, NULL},
    {"_pvm_import", imp_pvm_import, 0, NULL},
    {"source_hash", imp_source_hash, 0, NULL},
    {"_pvm_code_dumps", imp_pvm_code_dumps, 0, NULL},
    {"_pvm_code_loads", imp_pvm_code_loads, 0, NULL},
    {NULL, NULL, 0, NULL},
};

// Debian's multiarch triplet (sys.implementation._multiarch).
#if defined(__x86_64__)
#define PVM_MULTIARCH "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define PVM_MULTIARCH "aarch64-linux-gnu"
#else
#define PVM_MULTIARCH ""
#endif

obj_t *imp_module_init(void) {
    obj_t *m = module_new("_imp");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    obj_t *cm = str_from_cstr("default");
    obj_t *bv = str_from_cstr(PVM_BYTECODE_VERSION_STR);
    obj_t *ma = str_from_cstr(PVM_MULTIARCH);
    int rc = module_add_functions(m, imp_functions) < 0 || cm == NULL || bv == NULL || ma == NULL ||
                     dict_set_str(d, "check_hash_based_pycs", cm) < 0 ||
                     dict_set_str(d, "_pvm_bytecode_version", bv) < 0 ||
                     dict_set_str(d, "_pvm_multiarch", ma) < 0
                 ? -1
                 : 0;
    XDECREF(cm);
    XDECREF(bv);
    XDECREF(ma);
    if (rc < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
