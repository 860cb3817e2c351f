/*
 * core/runtime.c — start-up and shut-down of the VM, and the table of
 * builtin (C) modules.
 *
 * Start-up order matters: the calling thread is attached first (objects
 * need an owner id), then the builtin types are readied (type dicts hold
 * interned strings and method descriptors), then the exception types, then
 * the builtins and sys modules, then __main__.
 */
#include <langinfo.h>
#include <locale.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "../objects/bytearray.h"
#include "../objects/bytes.h"
#include "../objects/memoryview.h"
#include "../objects/pyhash.h"
#include "../objects/code.h"
#include "../objects/complex.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/range.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/thread.h"
#include "error.h"
#include "eval_ops.h"
#include "runtime.h"
#include "traceback.h"

runtime_t pvm_rt;

void thread_install_signal_handlers(void); // threads/thread.c
obj_t *thread_module_init(void);           // threads/thread_module.c
obj_t *time_module_init(void);             // core/mod_time.c
obj_t *itertools_module_init(void);        // modules/itertools.c
obj_t *operator_module_init(void);         // modules/operator.c
obj_t *functools_module_init(void);        // modules/functools.c
obj_t *collections_module_init(void);      // modules/collections.c
obj_t *heapq_module_init(void);            // modules/heapq.c
obj_t *abc_module_init(void);              // modules/abc.c
obj_t *bisect_module_init(void);           // modules/bisect.c
obj_t *codecs_module_init(void);           // modules/codecs.c
obj_t *posix_module_init(void);            // modules/posix.c
obj_t *signal_module_init(void);           // modules/signal.c
obj_t *select_module_init(void);           // modules/select.c
obj_t *posixsubprocess_module_init(void);  // modules/posixsubprocess.c
obj_t *pvm_module_init(void);              // core/mod_pvm.c
obj_t *math_module_init(void);             // modules/math.c
obj_t *cmath_module_init(void);            // modules/cmath.c
obj_t *imp_module_init(void);              // modules/imp.c
obj_t *string_module_init(void);           // modules/string.c
obj_t *errno_module_init(void);            // modules/errno.c
obj_t *atexit_module_init(void);           // modules/atexit.c
obj_t *binascii_module_init(void);         // modules/binascii.c
obj_t *json_module_init(void);             // modules/json.c
obj_t *io_module_init(void);               // modules/io.c
obj_t *struct_module_init(void);           // modules/struct.c
obj_t *contextvars_module_init(void);      // modules/contextvars.c
obj_t *random_module_init(void);           // modules/random.c
obj_t *csv_module_init(void);              // modules/csv.c
obj_t *unicodedata_module_init(void);      // modules/unicodedata.c
obj_t *array_module_init(void);            // modules/array.c
obj_t *zlib_module_init(void);             // modules/zlib.c
obj_t *hashlib_module_init(void);          // modules/hashlib.c
obj_t *blake2_module_init(void);           // modules/blake2.c
obj_t *weakref_module_init(void);          // modules/weakref.c
obj_t *gc_module_init(void);               // modules/gcmodule.c
obj_t *ast_module_init(void);              // modules/ast_module.c
obj_t *socket_module_init(void);           // modules/socket.c
obj_t *sre_module_init(void);              // modules/sre.c
obj_t *bz2_module_init(void);              // modules/bz2.c
obj_t *lzma_module_init(void);             // modules/lzma.c
obj_t *sqlite_module_init(void);           // modules/sqlite.c
obj_t *ssl_module_init(void);              // modules/ssl.c
obj_t *faulthandler_module_init(void);     // modules/faulthandler.c
obj_t *tracemalloc_module_init(void);      // modules/tracemalloc.c
obj_t *pyexpat_module_init(void);          // modules/pyexpat.c
obj_t *resource_module_init(void);         // modules/resource.c
obj_t *locale_module_init(void);           // modules/locale.c
obj_t *stat_module_init(void);             // modules/stat.c
obj_t *multiprocessing_module_init(void);  // modules/multiprocessing.c
obj_t *posixshmem_module_init(void);       // modules/multiprocessing.c
obj_t *queue_module_init(void);            // modules/queue.c
obj_t *mmap_module_init(void);             // modules/mmap.c
obj_t *opcode_module_init(void);           // modules/opcode.c
int import_bootstrap(void);                // core/import.c

// ---- builtin module table ----------------------------------------------------------

#define MAX_BUILTIN_MODULES 128
static struct {
    const char *name;
    module_init_fn init;
} builtin_modules[MAX_BUILTIN_MODULES];
static int n_builtin_modules;

void runtime_register_builtin_module(const char *name, module_init_fn init) {
    for (int i = 0; i < n_builtin_modules; i++) {
        if (strcmp(builtin_modules[i].name, name) == 0) {
            builtin_modules[i].init = init;
            return;
        }
    }
    if (n_builtin_modules < MAX_BUILTIN_MODULES)
        builtin_modules[n_builtin_modules++] = (typeof(builtin_modules[0])){name, init};
}

module_init_fn runtime_find_builtin_module(const char *name) {
    for (int i = 0; i < n_builtin_modules; i++)
        if (strcmp(builtin_modules[i].name, name) == 0) return builtin_modules[i].init;
    return NULL;
}

static int cmp_cstr(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

obj_t *runtime_builtin_module_names(void) {
    const char *names[MAX_BUILTIN_MODULES + 2];
    int n = 0;
    names[n++] = "builtins";
    names[n++] = "sys";
    for (int i = 0; i < n_builtin_modules; i++)
        names[n++] = builtin_modules[i].name;
    qsort(names, (size_t)n, sizeof names[0], cmp_cstr);
    obj_t *t = tuple_new((size_t)n);
    if (t == NULL) return NULL;
    for (int i = 0; i < n; i++) {
        obj_t *s = str_from_cstr(names[i]);
        if (s == NULL) {
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, (size_t)i, s);
    }
    return t;
}

// ---- types -----------------------------------------------------------------------

// Types defined in files whose headers the runtime does not otherwise need.
extern type_t function_type, cell_type, gen_type;

int types_init(void) {
    static type_t *const core_types[] = {
        &object_type,      &type_type,         &int_type,         &bool_type,       &float_type,
        &str_type,         &bytes_type,        &tuple_type,       &list_type,       &dict_type,
        &set_type,         &frozenset_type,    &range_type,       &slice_type,      &none_type,
        &notimpl_type,     &ellipsis_type,     &module_type,      &cfunction_type,  &method_type,
        &methoddescr_type, &code_type,         &function_type,    &cell_type,       &gen_type,
        &property_type,    &staticmethod_type, &classmethod_type, &super_type,      &traceback_type,
        &enumerate_type,   &zip_type,          &map_type,         &filter_type,     &reversed_type,
        &seqiter_type,     &calliter_type,     &bytearray_type,   &memoryview_type, &complex_type,
    };
    for (size_t i = 0; i < sizeof core_types / sizeof core_types[0]; i++)
        if (type_ready(core_types[i]) < 0) return -1;
    if (async_types_ready() < 0) return -1;
    return 0;
}

obj_t *runtime_fs_decode(const char *s) {
    obj_t *b = bytes_from(s, strlen(s));
    if (b == NULL) return NULL;
    obj_t *r = bytes_decode(b, "utf-8", "surrogateescape");
    DECREF(b);
    return r;
}

// LC_CTYPE comes from the environment, as CPython takes it, when that
// locale uses UTF-8; otherwise pvm sets C.UTF-8 and runs in UTF-8 mode
// (sys.flags.utf8_mode = 1, what CPython does in the C and POSIX locales).
// pvm encodes and decodes text as UTF-8 everywhere, so a locale with
// another encoding is never kept.  main() then applies -X utf8 and
// PYTHONUTF8.
static void init_ctype_locale(void) {
    const char *loc = setlocale(LC_CTYPE, "");
    bool keep = loc && strcmp(loc, "C") != 0 && strcmp(loc, "POSIX") != 0;
    if (keep) {
        const char *cs = nl_langinfo(CODESET);
        keep = cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
    }
    if (!keep) setlocale(LC_CTYPE, "C.UTF-8");
    pvm_rt.utf8_mode = !keep;
}

int runtime_init(int argc, char **argv) {
    init_ctype_locale();
    pyhash_secret_init(true, false); // embedders; main() has set it already
    if (thread_attach() == NULL) {
        fprintf(stderr, "pvm: cannot attach the main thread\n");
        return -1;
    }
    if (types_init() < 0 || exceptions_init() < 0) goto error;
    runtime_register_builtin_module("_thread", thread_module_init);
    runtime_register_builtin_module("time", time_module_init);
    runtime_register_builtin_module("posix", posix_module_init);
    runtime_register_builtin_module("_signal", signal_module_init);
    runtime_register_builtin_module("select", select_module_init);
    runtime_register_builtin_module("_posixsubprocess", posixsubprocess_module_init);
    runtime_register_builtin_module("_pvm", pvm_module_init);
    runtime_register_builtin_module("itertools", itertools_module_init);
    runtime_register_builtin_module("_operator", operator_module_init);
    runtime_register_builtin_module("_functools", functools_module_init);
    runtime_register_builtin_module("_collections", collections_module_init);
    runtime_register_builtin_module("_heapq", heapq_module_init);
    runtime_register_builtin_module("_abc", abc_module_init);
    runtime_register_builtin_module("_bisect", bisect_module_init);
    runtime_register_builtin_module("math", math_module_init);
    runtime_register_builtin_module("cmath", cmath_module_init);
    runtime_register_builtin_module("_imp", imp_module_init);
    runtime_register_builtin_module("_string", string_module_init);
    runtime_register_builtin_module("errno", errno_module_init);
    runtime_register_builtin_module("atexit", atexit_module_init);
    runtime_register_builtin_module("binascii", binascii_module_init);
    runtime_register_builtin_module("_json", json_module_init);
    runtime_register_builtin_module("_struct", struct_module_init);
    runtime_register_builtin_module("_weakref", weakref_module_init);
    runtime_register_builtin_module("gc", gc_module_init);
    runtime_register_builtin_module("_contextvars", contextvars_module_init);
    runtime_register_builtin_module("_random", random_module_init);
    runtime_register_builtin_module("array", array_module_init);
    runtime_register_builtin_module("zlib", zlib_module_init);
    runtime_register_builtin_module("_hashlib", hashlib_module_init);
    runtime_register_builtin_module("_blake2", blake2_module_init);
    runtime_register_builtin_module("_codecs", codecs_module_init);
    runtime_register_builtin_module("_io", io_module_init);
    runtime_register_builtin_module("_ast", ast_module_init);
    runtime_register_builtin_module("_sre", sre_module_init);
    runtime_register_builtin_module("_csv", csv_module_init);
    runtime_register_builtin_module("unicodedata", unicodedata_module_init);
    runtime_register_builtin_module("_socket", socket_module_init);
    runtime_register_builtin_module("_bz2", bz2_module_init);
    runtime_register_builtin_module("_lzma", lzma_module_init);
    runtime_register_builtin_module("_sqlite3", sqlite_module_init);
    runtime_register_builtin_module("_ssl", ssl_module_init);
    runtime_register_builtin_module("faulthandler", faulthandler_module_init);
    runtime_register_builtin_module("_tracemalloc", tracemalloc_module_init);
    runtime_register_builtin_module("pyexpat", pyexpat_module_init);
    runtime_register_builtin_module("resource", resource_module_init);
    runtime_register_builtin_module("_locale", locale_module_init);
    runtime_register_builtin_module("_stat", stat_module_init);
    runtime_register_builtin_module("_multiprocessing", multiprocessing_module_init);
    runtime_register_builtin_module("_posixshmem", posixshmem_module_init);
    runtime_register_builtin_module("_queue", queue_module_init);
    runtime_register_builtin_module("mmap", mmap_module_init);
    runtime_register_builtin_module("_opcode", opcode_module_init);

    pvm_rt.modules = dict_new();
    if (pvm_rt.modules == NULL) goto error;
    obj_immortalize(pvm_rt.modules);

    pvm_rt.argv = list_new(0);
    if (pvm_rt.argv == NULL) goto error;
    obj_immortalize(pvm_rt.argv);
    for (int i = 0; i < argc; i++) {
        obj_t *s = runtime_fs_decode(argv[i]);
        if (s == NULL || list_append(pvm_rt.argv, s) < 0) goto error;
        DECREF(s);
    }
    if (argc == 0) {
        obj_t *s = str_from_cstr("");
        if (s == NULL || list_append(pvm_rt.argv, s) < 0) goto error;
        DECREF(s);
    }

    pvm_rt.builtins = builtins_module_init();
    if (pvm_rt.builtins == NULL) goto error;
    obj_immortalize(pvm_rt.builtins);
    pvm_rt.builtins_dict = module_dict(pvm_rt.builtins);
    obj_immortalize(pvm_rt.builtins_dict);
    if (exceptions_add_to_builtins(pvm_rt.builtins_dict) < 0) goto error;
    if (dict_set_str(pvm_rt.modules, "builtins", pvm_rt.builtins) < 0) goto error;

    pvm_rt.sys = sys_module_init();
    if (pvm_rt.sys == NULL) goto error;
    obj_immortalize(pvm_rt.sys);
    if (dict_set_str(pvm_rt.modules, "sys", pvm_rt.sys) < 0) goto error;

    pvm_rt.main_module = module_new("__main__");
    if (pvm_rt.main_module == NULL) goto error;
    obj_immortalize(pvm_rt.main_module);
    obj_t *md = module_dict(pvm_rt.main_module);
    obj_immortalize(md);
    // CPython's __main__ starts with an empty __annotations__, before __builtins__.
    obj_t *ann = dict_new();
    int ann_rc = ann ? dict_set_str(md, "__annotations__", ann) : -1;
    XDECREF(ann);
    if (ann_rc < 0 || dict_set_str(md, "__builtins__", pvm_rt.builtins) < 0 ||
        dict_set_str(pvm_rt.modules, "__main__", pvm_rt.main_module) < 0)
        goto error;

    thread_install_signal_handlers();
    // The import protocol objects (lib/_pvm_import.py), last: it imports.
    if (import_bootstrap() < 0) goto error;
    return 0;

error:
    if (err_occurred()) err_print();
    fprintf(stderr, "pvm: fatal error during start-up\n");
    return -1;
}

void runtime_fini(void) {
    fflush(stdout);
    fflush(stderr);
}
