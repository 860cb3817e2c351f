/*
 * core/import.c — the import system (core/import.h): `import a.b.c`,
 * `from m import x`, `from m import *`, relative imports, __import__.
 *
 * Lookup order for an absolute dotted name, one component at a time
 * ("a", then "a.b", then "a.b.c"): sys.modules; builtin C modules
 * (runtime_find_builtin_module); then the search path — sys.path for a
 * top-level name, the parent package's __path__ for a submodule — where each
 * entry is tried for a regular package NAME/__init__.py, then a module
 * NAME.py, and directories without __init__.py are collected as portions of
 * a namespace package used only when no entry provides a real module.
 *
 * Finding (find_spec) and loading (load_spec) are separate steps.  A source
 * module's code comes from its bytecode cache __pycache__/NAME.pvm-VV.pyc
 * when the cache matches the source, else it is compiled and the cache
 * written (core/pyc.c; not with -B / PYTHONDONTWRITEBYTECODE /
 * sys.dont_write_bytecode).
 *
 * Loading: the module is created, its __file__/__cached__/__name__/
 * __package__/__spec__/__builtins__ (and __path__ for packages) set, and it
 * is inserted in sys.modules BEFORE its code runs, so circular imports see
 * the partial module.  On failure it is removed again and the error
 * propagates.
 *
 * Thread safety: per-module locks (CPython's _ModuleLock).  Finding and
 * executing module X happens under X's lock, so threads importing X at the
 * same time get one module object, executed once, while imports of
 * different modules proceed in parallel.  The locks are reentrant, and a
 * thread whose wait would close a cycle of threads waiting for each other's
 * module locks (a circular import racing across threads) gets the
 * partially initialized module instead of deadlocking.  Waiting is a
 * blocking region for QSBR.  A module found in sys.modules is used without
 * any lock when it is complete: either no import is in progress anywhere
 * (imports_in_progress == 0, the common case) or it is not in the list of
 * modules being executed (checked under the tiny init_lock).  A module that
 * another thread is still executing is waited for through its lock; one
 * this thread is executing (a circular import) is returned partial.  So a
 * thread that only imports already-loaded modules never waits, even while
 * another thread runs a long module body.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../threads/stress.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "error.h"
#include "eval.h"
#include "import.h"
#include "pyc.h"
#include "runtime.h"
#include "sysmodule.h"

// ---- per-module import locks -----------------------------------------------------------

// One lock per module name being imported (CPython's _ModuleLock): threads
// importing the same module wait for the one that executes it, threads
// importing different modules run in parallel.  A lock is reentrant for its
// owner.  Entries live in a small hash table while some thread refers to
// them and are freed when the last one lets go.
typedef struct modlock {
    struct modlock *next; // hash chain
    char *name;
    thread_t *owner; // NULL = free
    int count;       // the owner's recursion depth
    int refs;        // threads holding a pointer to the entry
    pthread_cond_t cond;
} modlock_t;

// imp_mutex guards the table, every modlock_t field and the waiter list.
// It is held only for a few instructions that never touch Python objects,
// allocate them or wait (cond waits happen detached), so taking it while
// attached cannot stall a stop-the-world pause.
static pthread_mutex_t imp_mutex = PTHREAD_MUTEX_INITIALIZER;
#define MODLOCK_BUCKETS 64
static modlock_t *modlocks[MODLOCK_BUCKETS];

// The lock each waiting thread waits for, for deadlock detection.
typedef struct {
    thread_t *thread;
    modlock_t *lock;
} waiter_t;
static waiter_t *waiters;
static size_t n_waiters, cap_waiters;

static _Atomic int imports_in_progress;

static size_t name_bucket(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)(h % MODLOCK_BUCKETS);
}

// The lock entry for `name`, created if needed, with a reference for the
// caller (modlock_put).  NULL on out-of-memory (no exception set).
static modlock_t *modlock_get(const char *name) {
    size_t b = name_bucket(name);
    pthread_mutex_lock(&imp_mutex);
    modlock_t *lk = modlocks[b];
    while (lk != NULL && strcmp(lk->name, name) != 0)
        lk = lk->next;
    if (lk == NULL && (lk = calloc(1, sizeof *lk)) != NULL) {
        lk->name = strdup(name);
        if (lk->name == NULL) {
            free(lk);
            lk = NULL;
        } else {
            pthread_cond_init(&lk->cond, NULL);
            lk->next = modlocks[b];
            modlocks[b] = lk;
        }
    }
    if (lk != NULL) lk->refs++;
    pthread_mutex_unlock(&imp_mutex);
    return lk;
}

static void modlock_put(modlock_t *lk) {
    pthread_mutex_lock(&imp_mutex);
    if (--lk->refs == 0 && lk->owner == NULL) {
        modlock_t **pp = &modlocks[name_bucket(lk->name)];
        while (*pp != lk)
            pp = &(*pp)->next;
        *pp = lk->next;
        pthread_cond_destroy(&lk->cond);
        free(lk->name);
        free(lk);
    }
    pthread_mutex_unlock(&imp_mutex);
}

static modlock_t *waiting_on(thread_t *t) {
    for (size_t i = 0; i < n_waiters; i++)
        if (waiters[i].thread == t) return waiters[i].lock;
    return NULL;
}

// Would waiting for lk close a cycle of threads waiting for each other's
// module locks?  Follows owner -> lock it waits for -> its owner ...  Only
// the thread that closes a cycle can see it (the others were not waiting
// in a cycle when they started to wait), as in CPython's _has_deadlock.
static bool has_deadlock(modlock_t *lk, thread_t *me) {
    thread_t *t = lk->owner;
    for (size_t steps = 0; t != NULL && steps <= n_waiters; steps++) {
        if (t == me) return true;
        modlock_t *w = waiting_on(t);
        if (w == NULL) return false;
        t = w->owner;
    }
    return false;
}

// Returns 0 once acquired, 1 if waiting would deadlock (not acquired), -1
// on out-of-memory (no exception set).  Waiting is a blocking region.
static int modlock_acquire(modlock_t *lk) {
    thread_t *me = thread_current();
    pthread_mutex_lock(&imp_mutex);
    if (lk->owner == NULL || lk->owner == me) {
        lk->owner = me;
        lk->count++;
        pthread_mutex_unlock(&imp_mutex);
        stress_noswitch(1); // threads/stress.h: no serial switch while held
        return 0;
    }
    if (has_deadlock(lk, me)) {
        pthread_mutex_unlock(&imp_mutex);
        return 1;
    }
    if (n_waiters == cap_waiters) {
        size_t cap = cap_waiters ? cap_waiters * 2 : 16;
        waiter_t *w = realloc(waiters, cap * sizeof *w);
        if (w == NULL) {
            pthread_mutex_unlock(&imp_mutex);
            return -1;
        }
        waiters = w;
        cap_waiters = cap;
    }
    waiters[n_waiters++] = (waiter_t){me, lk};
    pthread_mutex_unlock(&imp_mutex);

    thread_block_begin();
    pthread_mutex_lock(&imp_mutex);
    while (lk->owner != NULL)
        pthread_cond_wait(&lk->cond, &imp_mutex);
    lk->owner = me;
    lk->count = 1;
    for (size_t i = 0; i < n_waiters; i++) {
        if (waiters[i].thread == me) {
            waiters[i] = waiters[--n_waiters];
            break;
        }
    }
    pthread_mutex_unlock(&imp_mutex);
    thread_block_end();
    stress_noswitch(1);
    return 0;
}

static void modlock_release(modlock_t *lk) {
    stress_noswitch(-1);
    pthread_mutex_lock(&imp_mutex);
    if (--lk->count == 0) {
        lk->owner = NULL;
        pthread_cond_broadcast(&lk->cond);
    }
    pthread_mutex_unlock(&imp_mutex);
}

// ---- modules being executed ------------------------------------------------------------------

// Modules whose code is executing and the thread executing each.  Guarded
// by init_lock, which is only ever held for a few instructions (never while
// running Python code or waiting), so other threads can tell a complete
// module from a partial one without waiting for a module lock.
typedef struct {
    obj_t *module;
    thread_t *owner;
} init_entry_t;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static init_entry_t *initializing;
static size_t n_initializing, cap_initializing;

static int push_initializing(obj_t *m) {
    int rc = 0;
    pthread_mutex_lock(&init_lock);
    if (n_initializing == cap_initializing) {
        size_t cap = cap_initializing ? cap_initializing * 2 : 16;
        init_entry_t *p = realloc(initializing, cap * sizeof *p);
        if (p == NULL) {
            rc = -1;
        } else {
            initializing = p;
            cap_initializing = cap;
        }
    }
    if (rc == 0) initializing[n_initializing++] = (init_entry_t){m, thread_current()};
    pthread_mutex_unlock(&init_lock);
    if (rc < 0) err_no_memory();
    return rc;
}

static void pop_initializing(obj_t *m) {
    pthread_mutex_lock(&init_lock);
    for (size_t i = n_initializing; i-- > 0;) {
        if (initializing[i].module == m) {
            memmove(initializing + i, initializing + i + 1,
                    (n_initializing - i - 1) * sizeof *initializing);
            n_initializing--;
            break;
        }
    }
    pthread_mutex_unlock(&init_lock);
}

// The thread executing module m's code, or NULL if m is complete.
static thread_t *initializing_owner(obj_t *m) {
    thread_t *owner = NULL;
    pthread_mutex_lock(&init_lock);
    for (size_t i = 0; i < n_initializing; i++)
        if (initializing[i].module == m) owner = initializing[i].owner;
    pthread_mutex_unlock(&init_lock);
    return owner;
}

static bool is_initializing(obj_t *m) {
    return initializing_owner(m) != NULL;
}

bool import_is_initializing(obj_t *m) {
    return atomic_load(&imports_in_progress) > 0 && is_initializing(m);
}

// ---- helpers ----------------------------------------------------------------------

// sys.modules[name] as a new reference, or NULL (no exception) if missing.
static obj_t *modules_get(obj_t *name) {
    obj_t *m = dict_get(pvm_rt.modules, name);
    if (m == NULL && err_occurred()) err_clear();
    return m;
}

static void raise_not_found(obj_t *name, const char *fmt, ...) {
    obj_t *msg;
    if (fmt == NULL) {
        msg = str_from_format("No module named %R", name);
    } else {
        va_list ap;
        va_start(ap, fmt);
        msg = str_from_vformat(fmt, ap);
        va_end(ap);
    }
    if (msg == NULL) return;
    obj_t *args = tuple_pack(1, msg);
    DECREF(msg);
    if (args == NULL) return;
    obj_t *exc = exc_new(exc_ModuleNotFoundError, args);
    DECREF(args);
    if (exc == NULL) return;
    SETREF(((exc_t *)exc)->name, NEWREF(name));
    err_set_object(exc);
    DECREF(exc);
}

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join_path(const char *a, const char *b, const char *suffix) {
    size_t la = strlen(a), lb = strlen(b), ls = strlen(suffix);
    char *r = malloc(la + lb + ls + 2);
    if (r == NULL) return NULL;
    memcpy(r, a, la);
    size_t n = la;
    if (la > 0 && a[la - 1] != '/') r[n++] = '/';
    memcpy(r + n, b, lb);
    memcpy(r + n + lb, suffix, ls + 1);
    return r;
}

// ---- finding ------------------------------------------------------------------------

typedef enum { SPEC_NONE, SPEC_BUILTIN, SPEC_SOURCE, SPEC_PACKAGE, SPEC_NAMESPACE } spec_kind_t;

typedef struct {
    spec_kind_t kind;
    module_init_fn init; // SPEC_BUILTIN
    char *origin;        // the .py file (SPEC_SOURCE, SPEC_PACKAGE), malloc'ed
    char *pkgdir;        // the package directory (SPEC_PACKAGE), malloc'ed
    obj_t *ns_path;      // list of portions (SPEC_NAMESPACE)
} spec_t;

static void spec_clear(spec_t *s) {
    free(s->origin);
    free(s->pkgdir);
    XDECREF(s->ns_path);
    memset(s, 0, sizeof *s);
}

// Finds module `fullname` whose last component is `tail`, searching the
// list `search` (sys.path or the parent's __path__; NULL = nothing).  Fills
// *spec (kind SPEC_NONE when not found).  -1 + exception on error.
static int find_spec_in_dirs(const char *tail, obj_t *search, spec_t *spec);

static int find_spec(const char *fullname, const char *tail, obj_t *search, bool top_level,
                     spec_t *spec) {
    memset(spec, 0, sizeof *spec);
    module_init_fn init = runtime_find_builtin_module(fullname);
    if (init != NULL && (top_level || strchr(fullname, '.'))) {
        spec->kind = SPEC_BUILTIN;
        spec->init = init;
        return 0;
    }
    return find_spec_in_dirs(tail, search, spec);
}

// The directory search of find_spec (no builtin modules).
static int find_spec_in_dirs(const char *tail, obj_t *search, spec_t *spec) {
    memset(spec, 0, sizeof *spec);
    if (search == NULL) return 0;
    obj_t *iter = obj_iter(search);
    if (iter == NULL) return -1;
    char cwd[PATH_MAX];
    for (;;) {
        obj_t *entry = obj_iternext(iter);
        if (entry == NULL) {
            if (err_occurred()) goto error;
            break;
        }
        if (!STR_CHECK(entry)) {
            DECREF(entry);
            continue;
        }
        const char *dir = str_data(entry);
        if (dir[0] != '/') {
            // Relative entries ('' and '.' too) name folders of the current
            // directory, and modules found there get absolute __file__s, as
            // with CPython's FileFinder.
            if (getcwd(cwd, sizeof cwd) == NULL) {
                DECREF(entry);
                continue;
            }
            size_t n = strlen(cwd);
            if (!(dir[0] == '\0' || (dir[0] == '.' && dir[1] == '\0'))) {
                if (n + 1 + strlen(dir) >= sizeof cwd) {
                    DECREF(entry);
                    continue;
                }
                if (n > 1) cwd[n++] = '/';
                strcpy(cwd + n, dir);
            }
            dir = cwd;
        }
        char *pkgdir = join_path(dir, tail, "");
        char *modfile = join_path(dir, tail, ".py");
        DECREF(entry);
        if (pkgdir == NULL || modfile == NULL) {
            free(pkgdir);
            free(modfile);
            err_no_memory();
            goto error;
        }
        if (is_dir(pkgdir)) {
            char *init_py = join_path(pkgdir, "__init__", ".py");
            if (init_py == NULL) {
                free(pkgdir);
                free(modfile);
                err_no_memory();
                goto error;
            }
            if (is_file(init_py)) {
                free(modfile);
                XDECREF(spec->ns_path);
                spec->ns_path = NULL;
                spec->kind = SPEC_PACKAGE;
                spec->origin = init_py;
                spec->pkgdir = pkgdir;
                DECREF(iter);
                return 0;
            }
            free(init_py);
            if (is_file(modfile)) {
                free(pkgdir);
                goto found_module;
            }
            // A namespace portion: remember it, keep looking.
            if (spec->ns_path == NULL && (spec->ns_path = list_new(0)) == NULL) {
                free(pkgdir);
                free(modfile);
                goto error;
            }
            obj_t *s = str_from_cstr(pkgdir);
            free(pkgdir);
            free(modfile);
            if (s == NULL || list_append(spec->ns_path, s) < 0) {
                XDECREF(s);
                goto error;
            }
            DECREF(s);
            continue;
        }
        free(pkgdir);
        if (is_file(modfile)) {
        found_module:
            XDECREF(spec->ns_path);
            spec->ns_path = NULL;
            spec->kind = SPEC_SOURCE;
            spec->origin = modfile;
            DECREF(iter);
            return 0;
        }
        free(modfile);
    }
    DECREF(iter);
    if (spec->ns_path != NULL) spec->kind = SPEC_NAMESPACE;
    return 0;
error:
    DECREF(iter);
    spec_clear(spec);
    return -1;
}

// ---- loading --------------------------------------------------------------------------

// Runs the source file `path` in module m's dict: its code comes from the
// bytecode cache when the cache matches the source (core/pyc.c), otherwise
// it is compiled and cached.
static int exec_source(obj_t *m, const char *path) {
    obj_t *code = pyc_compile_cached(path, !pvm_rt.dont_write_bytecode, NULL);
    if (code == NULL) return -1;
    obj_t *d = module_dict(m);
    obj_t *r = eval_code(code, d, d);
    DECREF(code);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

int import_exec_source(obj_t *m, const char *path) {
    return exec_source(m, path);
}

// ---- the protocol objects (CPython's importlib._bootstrap, set up by lib/_pvm_import.py) --

// Set once by import_bootstrap (single-threaded start-up) and immortal, so
// any thread reads them without synchronization.  NULL until then (and
// for good if _pvm_import could not load: modules get __spec__ None and
// only the C finders run).
static struct {
    obj_t *builtin_importer, *frozen_importer, *path_finder, *path_hook;
    obj_t *zip_hook;    // the zip path hook (lib/_pvm_import.py), or NULL
    obj_t *file_finder; // the FileFinder class
    obj_t *make_spec, *find_spec, *module_from_spec, *exec_spec, *load_legacy;
    obj_t *source_loader; // the SourceFileLoader class
} boot;

static const char *const kind_names[] = {
    [SPEC_BUILTIN] = "builtin",
    [SPEC_SOURCE] = "source",
    [SPEC_PACKAGE] = "package",
    [SPEC_NAMESPACE] = "namespace",
};

// A ModuleSpec for a module the C finder found (None before bootstrap).
// `locations` is the package's __path__ list (NULL for modules).
static obj_t *make_spec_object(spec_kind_t kind, obj_t *name, const char *origin,
                               obj_t *locations) {
    if (boot.make_spec == NULL) return NEWREF(None);
    obj_t *k = str_from_cstr(kind_names[kind]);
    obj_t *o = origin ? str_from_cstr(origin) : NEWREF(None);
    obj_t *r = NULL;
    if (k != NULL && o != NULL) {
        obj_t *args[4] = {k, name, o, locations ? locations : None};
        r = obj_call(boot.make_spec, args, 4, NULL);
    }
    XDECREF(k);
    XDECREF(o);
    return r;
}

// module.__spec__ = spec, module.__loader__ = spec.loader (dict d).
static int set_spec_attrs(obj_t *d, obj_t *spec) {
    if (dict_set_str(d, "__spec__", spec) < 0) return -1;
    obj_t *loader = spec == None ? NEWREF(None) : obj_getattr_str(spec, "loader");
    if (loader == NULL) return -1;
    int rc = dict_set_str(d, "__loader__", loader);
    DECREF(loader);
    return rc;
}

// Is the import protocol as pvm set it up (the C finders do the work)?
// sys.meta_path == [BuiltinImporter, FrozenImporter, PathFinder],
// sys.path_hooks == [zipimporter, the FileFinder hook] (zipimporter absent
// if zipimport did not import) and sys.path_importer_cache holds only
// CPython's FileFinders (what the default hook makes; they find what the C
// finder finds) or None (entries no hook accepted, where C finds nothing).
// Not checked: a FileFinder built by hand with other loaders and stored in
// the cache (its loaders are ignored while the fast path is on).
static bool protocol_is_default(void) {
    if (boot.find_spec == NULL) return true;
    bool ok = false;
    obj_t *mp = sysmodule_get("meta_path");
    obj_t *ph = sysmodule_get("path_hooks");
    obj_t *pic = sysmodule_get("path_importer_cache");
    ssize_t nhooks = boot.zip_hook ? 2 : 1;
    if (mp && ph && pic && LIST_CHECK(mp) && LIST_CHECK(ph) && DICT_CHECK(pic) &&
        list_size(mp) == 3 && list_size(ph) == nhooks) {
        obj_t *a = list_get(mp, 0), *b = list_get(mp, 1), *c = list_get(mp, 2);
        obj_t *h = list_get(ph, nhooks - 1), *z = nhooks == 2 ? list_get(ph, 0) : NULL;
        ok = a == boot.builtin_importer && b == boot.frozen_importer && c == boot.path_finder &&
             h == boot.path_hook && (nhooks == 1 || z == boot.zip_hook);
        XDECREF(a);
        XDECREF(b);
        XDECREF(c);
        XDECREF(h);
        XDECREF(z);
        if (ok && dict_size(pic) > 0) {
            obj_t *values = dict_values_list(pic);
            if (values == NULL) {
                ok = false;
            } else {
                for (ssize_t i = 0; ok && i < list_size(values); i++) {
                    obj_t *v = list_get(values, i);
                    ok = v == None || (obj_t *)TYPE(v) == boot.file_finder;
                    XDECREF(v);
                }
                DECREF(values);
            }
        }
    }
    err_clear();
    XDECREF(mp);
    XDECREF(ph);
    XDECREF(pic);
    return ok;
}

static int set_str_attr(obj_t *d, const char *key, const char *value) {
    obj_t *s = str_from_cstr(value);
    if (s == NULL) return -1;
    int rc = dict_set_str(d, key, s);
    DECREF(s);
    return rc;
}

// Issues an ImportWarning with message msg (through _warnings.warn, so the
// warnings filters apply); -1 when it was turned into an error.
static int import_warning(obj_t *msg) {
    obj_t *w = import_module("_warnings");
    obj_t *wargs[2] = {msg, (obj_t *)exc_ImportWarning};
    obj_t *r = w ? obj_call_method(w, "warn", wargs, 2) : NULL;
    XDECREF(w);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static int import_warning_cstr(const char *text) {
    obj_t *msg = str_from_cstr(text);
    if (msg == NULL) return -1;
    int r = import_warning(msg);
    DECREF(msg);
    return r;
}

// parent.<tail> = m, binding a submodule in its package.  A package that
// refuses the attribute (AttributeError) gets an ImportWarning instead, as
// with CPython's _bootstrap; other errors propagate.
// The package is the one in sys.modules now (the module may have replaced
// it there), else the one it was imported from.
static int bind_in_parent(obj_t *parent, obj_t *name, const char *tail, obj_t *m) {
    if (parent == NULL) return 0;
    obj_t *pn_str = str_from_utf8(str_data(name), str_nbytes(name) - strlen(tail) - 1);
    if (pn_str == NULL) return -1;
    obj_t *cur = modules_get(pn_str);
    DECREF(pn_str);
    if (cur == None) CLEAR(cur);
    int rc = obj_setattr_str(cur ? cur : parent, tail, m);
    XDECREF(cur);
    if (rc == 0) return 0;
    if (!err_matches(exc_AttributeError)) return -1;
    err_clear();
    obj_t *pn = obj_lookup_attr(parent, str_intern("__name__"));
    if (pn == NULL && err_occurred()) return -1;
    obj_t *msg = str_from_format("Cannot set an attribute on %R for child module '%s'",
                                 pn ? pn : None, tail);
    XDECREF(pn);
    if (msg == NULL) return -1;
    int r = import_warning(msg);
    DECREF(msg);
    return r;
}

// Creates and executes the module described by spec and binds it as
// attribute `tail` of its parent package (if any) before other threads may
// use it.  Import lock held.
static obj_t *load_spec(spec_t *spec, obj_t *name, obj_t *parent, const char *tail) {
    if (spec->kind == SPEC_BUILTIN) {
        obj_t *m = spec->init();
        if (m == NULL) return NULL;
        if (MODULE_CHECK(m)) {
            obj_t *so = make_spec_object(SPEC_BUILTIN, name, "built-in", NULL);
            int rc = so ? set_spec_attrs(module_dict(m), so) : -1;
            XDECREF(so);
            if (rc < 0) {
                DECREF(m);
                return NULL;
            }
        }
        if (bind_in_parent(parent, name, tail, m) < 0 || dict_set(pvm_rt.modules, name, m) < 0) {
            DECREF(m);
            return NULL;
        }
        return m;
    }
    const char *full = str_data(name);
    obj_t *m = module_new(full);
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    // __package__: the package itself for packages, else the parent.
    const char *dot = strrchr(full, '.');
    obj_t *pkg = spec->kind == SPEC_SOURCE
                     ? (dot ? str_from_utf8(full, (size_t)(dot - full)) : str_from_cstr(""))
                     : NEWREF(name);
    if (pkg == NULL) goto error;
    int rc = dict_set_str(d, "__package__", pkg);
    DECREF(pkg);
    if (rc < 0 || dict_set_str(d, "__builtins__", pvm_rt.builtins) < 0) goto error;
    if (spec->kind == SPEC_NAMESPACE) {
        if (dict_set_str(d, "__file__", None) < 0 || dict_set_str(d, "__path__", spec->ns_path) < 0)
            goto error;
    } else {
        if (set_str_attr(d, "__file__", spec->origin) < 0) goto error;
        char *cached = pyc_cache_path(spec->origin);
        if (cached == NULL) {
            err_no_memory();
            goto error;
        }
        rc = set_str_attr(d, "__cached__", cached);
        free(cached);
        if (rc < 0) goto error;
    }
    obj_t *locations = NULL; // __path__, shared with the spec
    if (spec->kind == SPEC_PACKAGE) {
        obj_t *p = str_from_cstr(spec->pkgdir);
        locations = p ? list_from_array(&p, 1) : NULL;
        XDECREF(p);
        if (locations == NULL) goto error;
        rc = dict_set_str(d, "__path__", locations);
        if (rc < 0) {
            DECREF(locations);
            goto error;
        }
    }
    {
        obj_t *so = make_spec_object(spec->kind, name, spec->origin,
                                     spec->kind == SPEC_NAMESPACE ? spec->ns_path : locations);
        XDECREF(locations);
        rc = so ? set_spec_attrs(d, so) : -1;
        if (rc == 0 && spec->kind == SPEC_NAMESPACE && so != None) {
            // The spec's _NamespacePath (recomputed when sys.path changes).
            obj_t *nsp = obj_getattr_str(so, "submodule_search_locations");
            rc = nsp ? dict_set_str(d, "__path__", nsp) : -1;
            XDECREF(nsp);
        }
        XDECREF(so);
        if (rc < 0) goto error;
    }
    if (spec->kind == SPEC_NAMESPACE) {
        if (bind_in_parent(parent, name, tail, m) < 0 || dict_set(pvm_rt.modules, name, m) < 0)
            goto error;
        return m;
    }
    // Registered as initializing before it becomes visible in sys.modules.
    if (push_initializing(m) < 0) goto error;
    if (dict_set(pvm_rt.modules, name, m) < 0) {
        pop_initializing(m);
        goto error;
    }
    rc = exec_source(m, spec->origin);
    if (rc < 0) goto remove; // still "initializing" until it has left sys.modules
    // The module may have replaced itself in sys.modules.
    obj_t *final = modules_get(name);
    if (final == NULL) final = NEWREF(m);
    rc = bind_in_parent(parent, name, tail, final);
    pop_initializing(m);
    DECREF(m);
    if (rc < 0) {
        DECREF(final);
        return NULL;
    }
    return final;

remove : {
    obj_t *exc = err_fetch();
    obj_t *cur = modules_get(name);
    if (cur == m && dict_del(pvm_rt.modules, name) < 0) err_clear();
    XDECREF(cur);
    pop_initializing(m);
    err_restore(exc);
}
error:
    DECREF(m);
    return NULL;
}

// The general protocol, used once a program has changed sys.meta_path,
// sys.path_hooks or sys.path_importer_cache (or when the C finder misses a
// module that a path hook may find): _pvm_import._find_spec (CPython's
// _bootstrap._find_spec) walks sys.meta_path (path = the parent's __path__,
// None for a top-level name), then the module is made by _module_from_spec
// (_bootstrap.module_from_spec; None for a legacy loader, then loaded by
// _load_legacy), entered in sys.modules, and run by _exec_spec
// (loader.exec_module).  Import lock held.
static obj_t *load_by_protocol(obj_t *name, obj_t *parent, const char *tail, obj_t *path) {
    obj_t *args[2] = {name, path ? path : None};
    obj_t *spec = obj_call(boot.find_spec, args, 2, NULL);
    if (spec == NULL) return NULL;
    if (spec == None) {
        DECREF(spec);
        raise_not_found(name, NULL);
        return NULL;
    }
    obj_t *m = obj_call1(boot.module_from_spec, spec);
    if (m == NULL) {
        DECREF(spec);
        return NULL;
    }
    if (m == None) { // a legacy loader (load_module only): CPython's own path
        DECREF(m);
        m = obj_call1(boot.load_legacy, spec);
        DECREF(spec);
        if (m != NULL && bind_in_parent(parent, name, tail, m) < 0) CLEAR(m);
        return m;
    }
    if (push_initializing(m) < 0) goto error;
    if (dict_set(pvm_rt.modules, name, m) < 0) {
        pop_initializing(m);
        goto error;
    }
    obj_t *r = obj_call2(boot.exec_spec, spec, m);
    if (r == NULL) {
        obj_t *exc = err_fetch();
        obj_t *cur = modules_get(name);
        if (cur == m && dict_del(pvm_rt.modules, name) < 0) err_clear();
        XDECREF(cur);
        pop_initializing(m);
        err_restore(exc);
        goto error;
    }
    DECREF(r);
    // The loader may have replaced the module in sys.modules.
    obj_t *final = modules_get(name);
    if (final == NULL) final = NEWREF(m);
    int rc = bind_in_parent(parent, name, tail, final);
    pop_initializing(m);
    DECREF(m);
    DECREF(spec);
    if (rc < 0) {
        DECREF(final);
        return NULL;
    }
    return final;
error:
    DECREF(m);
    DECREF(spec);
    return NULL;
}

// Whether some str entry of the search path is not a folder (a zip archive,
// or a path inside one: "archive.zip/pkg"), or a folder entry holds
// TAIL.pyc or TAIL/__init__.pyc: only a path hook (zipimport's zipimporter,
// CPython's sourceless loader in FileFinder) can load those, so a module the
// C finder misses is looked for through the protocol.  Errors are ignored
// (false).
static bool search_has_file(obj_t *search, const char *tail) {
    // A name with lone surrogates (undecodable bytes of a file name, as
    // os.listdir gives them) is not the file's name in UTF-8: the path
    // hooks find it through os's file-system encoding.
    for (const unsigned char *p = (const unsigned char *)tail; *p; p++)
        if (p[0] == 0xED && p[1] >= 0xA0) return true;
    bool found = false;
    obj_t *iter = search ? obj_iter(search) : NULL;
    if (iter == NULL) {
        err_clear();
        return false;
    }
    obj_t *entry;
    while (!found && (entry = obj_iternext(iter)) != NULL) {
        if (STR_CHECK(entry)) {
            const char *dir = str_data(entry)[0] ? str_data(entry) : ".";
            found = !is_dir(dir);
            if (!found) { // a bytecode-only module: NAME.pyc (CPython's sourceless loader)
                char *pyc = join_path(dir, tail, ".pyc");
                found = pyc != NULL && is_file(pyc);
                free(pyc);
            }
            if (!found) { // a bytecode-only package: NAME/__init__.pyc
                char *init = join_path(dir, tail, "/__init__.pyc");
                found = init != NULL && is_file(init);
                free(init);
            }
        }
        DECREF(entry);
    }
    err_clear();
    DECREF(iter);
    return found;
}

// Imports the single (possibly dotted) absolute name whose parent package is
// already imported.  The caller holds the module's lock.
static obj_t *find_and_load_unlocked(obj_t *name) {
    obj_t *result = NULL, *parent = NULL, *search = NULL, *parent_name = NULL;
    spec_t spec;
    memset(&spec, 0, sizeof spec);

    obj_t *m = modules_get(name);
    if (m != NULL) {
        if (m == None) {
            DECREF(m);
            raise_not_found(name, "import of %U halted; None in sys.modules", name);
            goto done;
        }
        result = m;
        goto done;
    }
    const char *full = str_data(name);
    const char *dot = strrchr(full, '.');
    const char *tail = dot ? dot + 1 : full;
    if (dot) {
        parent_name = str_from_utf8(full, (size_t)(dot - full));
        if (parent_name == NULL) goto done;
        parent = modules_get(parent_name);
        if (parent == NULL) {
            parent = import_module(str_data(parent_name));
            if (parent == NULL) goto done;
        }
        search = obj_lookup_attr(parent, str_intern("__path__"));
        if (search == NULL) {
            if (!err_occurred())
                raise_not_found(name, "No module named %R; %R is not a package", name, parent_name);
            goto done;
        }
    } else {
        search = sysmodule_get("path");
    }
    if (!protocol_is_default()) {
        result = load_by_protocol(name, parent, tail, dot ? search : NULL);
        goto done;
    }
    if (find_spec(full, tail, search, dot == NULL, &spec) < 0) goto done;
    if (spec.kind == SPEC_NONE) {
        // A file on the search path (a zip archive) or a bytecode-only
        // NAME.pyc is for the path hooks.
        if (boot.find_spec != NULL && search_has_file(search, tail))
            result = load_by_protocol(name, parent, tail, dot ? search : NULL);
        else
            raise_not_found(name, NULL);
        goto done;
    }
    // A namespace package may have more portions inside zip archives.
    if (spec.kind == SPEC_NAMESPACE && boot.find_spec != NULL && search_has_file(search, tail)) {
        result = load_by_protocol(name, parent, tail, dot ? search : NULL);
        goto done;
    }
    result = load_spec(&spec, name, parent, tail);
done:
    spec_clear(&spec);
    XDECREF(parent);
    XDECREF(parent_name);
    XDECREF(search);
    return result;
}

// find_and_load_unlocked under the module's lock.  A thread that finds the
// lock held waits for the module to be complete, unless waiting would
// deadlock (threads importing each other's modules circularly): then it
// takes the partially initialized module, as CPython does.
static obj_t *find_and_load(obj_t *name) {
    atomic_fetch_add(&imports_in_progress, 1);
    obj_t *result = NULL;
    modlock_t *lk = modlock_get(str_data(name));
    int rc = lk ? modlock_acquire(lk) : -1;
    if (rc < 0) {
        err_no_memory();
    } else if (rc == 1) {
        obj_t *m = modules_get(name);
        if (m != NULL && m != None) {
            result = m;
        } else {
            XDECREF(m);
            err_format(exc_ImportError, "deadlock detected by _ModuleLock(%R)", name);
        }
    } else {
        result = find_and_load_unlocked(name);
        modlock_release(lk);
    }
    if (lk) modlock_put(lk);
    atomic_fetch_sub(&imports_in_progress, 1);
    return result;
}

// sys.modules[name] if it is there and usable by this thread: complete, or
// being executed by this very thread (a circular import sees the partial
// module).  NULL (no exception) otherwise.
static obj_t *lookup_ready(obj_t *name) {
    obj_t *m = modules_get(name);
    if (m == NULL) return NULL;
    if (m == None) {
        DECREF(m);
        return NULL;
    }
    if (atomic_load_explicit(&imports_in_progress, memory_order_seq_cst) == 0) return m;
    thread_t *owner = initializing_owner(m);
    if (owner == NULL || owner == thread_current()) return m;
    // Another thread is executing it: wait for it through the import lock.
    DECREF(m);
    return NULL;
}

// One component's module: sys.modules, else find_and_load.
static obj_t *get_or_load(obj_t *name) {
    obj_t *m = lookup_ready(name);
    return m ? m : find_and_load(name);
}

// Imports an absolute dotted name, parents first; returns the module itself.
static obj_t *import_absolute(obj_t *name) {
    obj_t *m = lookup_ready(name);
    if (m != NULL) return m;
    const char *full = str_data(name);
    size_t n = str_nbytes(name);
    for (size_t i = 0; i < n; i++) {
        if (full[i] != '.') continue;
        obj_t *prefix = str_from_utf8(full, i);
        if (prefix == NULL) return NULL;
        obj_t *pm = get_or_load(prefix);
        DECREF(prefix);
        if (pm == NULL) return NULL;
        DECREF(pm);
    }
    return get_or_load(name);
}

// ---- public API ------------------------------------------------------------------------

obj_t *import_module(const char *name) {
    obj_t *s = str_from_cstr(name);
    if (s == NULL) return NULL;
    if (str_nbytes(s) == 0) {
        DECREF(s);
        err_set_str(exc_ValueError, "Empty module name");
        return NULL;
    }
    obj_t *m = import_absolute(s);
    DECREF(s);
    return m;
}

// The absolute name for a relative import of `name` at `level` from the
// module whose globals are given.
static obj_t *resolve_name(obj_t *name, obj_t *globals, int level) {
    obj_t *pkg = NULL;
    if (globals == NULL) {
        err_set_str(exc_KeyError, "'__name__' not in globals");
        return NULL;
    }
    if (!DICT_CHECK(globals)) {
        err_set_str(exc_TypeError, "globals must be a dict");
        return NULL;
    }
    {
        pkg = dict_get_str(globals, "__package__");
        if (pkg == NULL && err_occurred()) return NULL;
        if (pkg == None) CLEAR(pkg);
        if (pkg != NULL && !STR_CHECK(pkg)) {
            DECREF(pkg);
            err_set_str(exc_TypeError, "package must be a string");
            return NULL;
        }
        // __spec__.parent: checked against __package__, or used without it.
        obj_t *spec = dict_get_str(globals, "__spec__");
        if (spec == NULL && err_occurred()) {
            XDECREF(pkg);
            return NULL;
        }
        if (spec == None) CLEAR(spec);
        if (spec != NULL) {
            obj_t *parent = obj_getattr_str(spec, "parent");
            DECREF(spec);
            if (parent == NULL) {
                XDECREF(pkg);
                return NULL;
            }
            if (pkg != NULL) {
                int eq = obj_eq(pkg, parent);
                DECREF(parent);
                if (eq < 0 ||
                    (eq == 0 && import_warning_cstr("__package__ != __spec__.parent") < 0)) {
                    DECREF(pkg);
                    return NULL;
                }
            } else if (!STR_CHECK(parent)) {
                DECREF(parent);
                err_set_str(exc_TypeError, "__spec__.parent must be a string");
                return NULL;
            } else {
                pkg = parent;
            }
        } else if (pkg == NULL &&
                   import_warning_cstr("can't resolve package from __spec__ or __package__, "
                                       "falling back on __name__ and __path__") < 0) {
            return NULL;
        }
        if (pkg == NULL) {
            obj_t *modname = dict_get_str(globals, "__name__");
            if (modname == NULL) {
                if (!err_occurred()) err_set_str(exc_KeyError, "'__name__' not in globals");
                return NULL;
            }
            if (!STR_CHECK(modname)) {
                DECREF(modname);
                err_set_str(exc_TypeError, "__name__ must be a string");
                return NULL;
            }
            int has_path = dict_contains(globals, str_intern("__path__"));
            if (has_path < 0) {
                DECREF(modname);
                return NULL;
            }
            if (has_path) {
                pkg = modname;
            } else {
                const char *s = str_data(modname);
                const char *dot = strrchr(s, '.');
                pkg = str_from_utf8(s, dot ? (size_t)(dot - s) : 0);
                DECREF(modname);
                if (pkg == NULL) return NULL;
            }
        }
    }
    if (pkg == NULL || str_nbytes(pkg) == 0) {
        XDECREF(pkg);
        err_set_str(exc_ImportError, "attempted relative import with no known parent package");
        return NULL;
    }
    // base = pkg.rsplit('.', level - 1)[0]
    const char *s = str_data(pkg);
    size_t end = str_nbytes(pkg);
    for (int i = 1; i < level; i++) {
        size_t j = end;
        while (j > 0 && s[j - 1] != '.')
            j--;
        if (j == 0) {
            DECREF(pkg);
            err_set_str(exc_ImportError, "attempted relative import beyond top-level package");
            return NULL;
        }
        end = j - 1;
    }
    obj_t *base = str_from_utf8(s, end);
    DECREF(pkg);
    if (base == NULL || str_nbytes(name) == 0) return base;
    obj_t *r = str_from_format("%U.%U", base, name);
    DECREF(base);
    return r;
}

// from-list handling for packages: imports pkg.x for each x of fromlist
// that is not yet an attribute.  `recursive` is set while handling __all__.
static int handle_fromlist(obj_t *module, obj_t *absname, obj_t *fromlist, bool recursive) {
    obj_t *it = obj_iter(fromlist);
    if (it == NULL) return -1;
    for (;;) {
        obj_t *x = obj_iternext(it);
        if (x == NULL) {
            DECREF(it);
            return err_occurred() ? -1 : 0;
        }
        if (!STR_CHECK(x)) {
            if (recursive)
                err_format(exc_TypeError, "Item in %U.__all__ must be str, not %T", absname, x);
            else
                err_format(exc_TypeError, "Item in ``from list'' must be str, not %T", x);
            goto fail;
        }
        if (str_eq_cstr(x, "*")) {
            if (!recursive) {
                obj_t *all = obj_lookup_attr(module, str_intern("__all__"));
                if (all == NULL && err_occurred()) goto fail;
                if (all != NULL) {
                    int rc = handle_fromlist(module, absname, all, true);
                    DECREF(all);
                    if (rc < 0) goto fail;
                }
            }
        } else {
            obj_t *attr = obj_lookup_attr(module, x);
            if (attr == NULL && err_occurred()) goto fail;
            if (attr == NULL) {
                obj_t *sub = str_from_format("%U.%U", absname, x);
                if (sub == NULL) goto fail;
                obj_t *sm = import_absolute(sub);
                if (sm == NULL) {
                    // A missing submodule is not an error here: `from pkg
                    // import name` reports it later as "cannot import name".
                    obj_t *exc = err_peek();
                    bool ignore = err_matches(exc_ModuleNotFoundError) &&
                                  ((exc_t *)exc)->name != NULL && STR_CHECK(((exc_t *)exc)->name) &&
                                  str_eq(((exc_t *)exc)->name, sub);
                    if (ignore) { // not when None in sys.modules blocks it
                        obj_t *blocked = modules_get(sub);
                        ignore = blocked != None;
                        XDECREF(blocked);
                    }
                    DECREF(sub);
                    if (!ignore) goto fail;
                    err_clear();
                } else {
                    DECREF(sub);
                    DECREF(sm);
                }
            } else {
                DECREF(attr);
            }
        }
        DECREF(x);
        continue;
    fail:
        DECREF(x);
        DECREF(it);
        return -1;
    }
}

obj_t *import_name(obj_t *name, obj_t *globals, obj_t *fromlist, int level) {
    if (!STR_CHECK(name)) {
        err_format(exc_TypeError, "module name must be str, not %T", name);
        return NULL;
    }
    if (level < 0) {
        err_set_str(exc_ValueError, "level must be >= 0");
        return NULL;
    }
    if (level == 0 && str_nbytes(name) == 0) {
        err_set_str(exc_ValueError, "Empty module name");
        return NULL;
    }
    obj_t *absname = level > 0 ? resolve_name(name, globals, level) : NEWREF(name);
    if (absname == NULL) return NULL;
    obj_t *mod = import_absolute(absname);
    if (mod == NULL) goto error;

    int has_from = 0;
    if (fromlist != NULL && fromlist != None) {
        has_from = obj_is_true(fromlist);
        if (has_from < 0) goto error;
    }
    if (!has_from) {
        const char *n = str_data(name);
        const char *dot = strchr(n, '.');
        if (level == 0) {
            if (dot == NULL) {
                DECREF(absname);
                return mod;
            }
            obj_t *top = str_from_utf8(n, (size_t)(dot - n));
            if (top == NULL) goto error;
            obj_t *t = import_absolute(top);
            DECREF(top);
            DECREF(mod);
            DECREF(absname);
            return t;
        }
        if (str_nbytes(name) == 0 || dot == NULL) {
            DECREF(absname);
            return mod;
        }
        // Relative `import` of a dotted name: return the module for the
        // first component relative to the package.
        size_t cut = str_nbytes(name) - (size_t)(dot - n);
        obj_t *sub = str_from_utf8(str_data(absname), str_nbytes(absname) - cut);
        if (sub == NULL) goto error;
        obj_t *t = import_absolute(sub);
        DECREF(sub);
        DECREF(mod);
        DECREF(absname);
        return t;
    }
    obj_t *path = obj_lookup_attr(mod, str_intern("__path__"));
    if (path == NULL && err_occurred()) goto error;
    if (path != NULL) {
        DECREF(path);
        if (handle_fromlist(mod, absname, fromlist, false) < 0) goto error;
    }
    DECREF(absname);
    return mod;
error:
    XDECREF(mod);
    DECREF(absname);
    return NULL;
}

obj_t *import_from(obj_t *module, obj_t *name) {
    obj_t *r = obj_lookup_attr(module, name);
    if (r != NULL || err_occurred()) return r;
    // Circular imports: the submodule may be in sys.modules before it is
    // set as an attribute of its package.
    obj_t *pkgname = obj_lookup_attr(module, str_intern("__name__"));
    if (pkgname == NULL && err_occurred()) return NULL;
    if (pkgname != NULL && !STR_CHECK(pkgname)) CLEAR(pkgname);
    if (pkgname != NULL) {
        obj_t *full = str_from_format("%U.%U", pkgname, name);
        if (full == NULL) {
            DECREF(pkgname);
            return NULL;
        }
        obj_t *m = modules_get(full);
        DECREF(full);
        if (m != NULL && m != None) {
            DECREF(pkgname);
            return m;
        }
        XDECREF(m);
    }
    obj_t *file = obj_lookup_attr(module, str_intern("__file__"));
    if (file == NULL && err_occurred()) {
        XDECREF(pkgname);
        return NULL;
    }
    const char *modname = pkgname ? str_data(pkgname) : "<unknown module name>";
    obj_t *where = (file != NULL && STR_CHECK(file)) ? str_from_format("%U", file)
                                                     : str_from_cstr("unknown location");
    obj_t *msg = NULL;
    if (where != NULL) {
        if (is_initializing(module))
            msg = str_from_format("cannot import name %R from partially initialized module "
                                  "'%s' (most likely due to a circular import) (%U)",
                                  name, modname, where);
        else
            msg = str_from_format("cannot import name %R from '%s' (%U)", name, modname, where);
        DECREF(where);
    }
    if (msg != NULL) {
        obj_t *args = tuple_pack(1, msg);
        DECREF(msg);
        obj_t *exc = args ? exc_new(exc_ImportError, args) : NULL;
        XDECREF(args);
        if (exc != NULL) {
            if (pkgname != NULL) SETREF(((exc_t *)exc)->name, NEWREF(pkgname));
            if (file != NULL && STR_CHECK(file)) SETREF(((exc_t *)exc)->extra, NEWREF(file));
            err_set_object(exc);
            DECREF(exc);
        }
    }
    XDECREF(pkgname);
    XDECREF(file);
    return NULL;
}

static int star_set(obj_t *locals, obj_t *key, obj_t *value) {
    if (DICT_CHECK(locals)) return dict_set(locals, key, value);
    return obj_setitem(locals, key, value);
}

int import_star(obj_t *module, obj_t *locals) {
    obj_t *all = obj_lookup_attr(module, str_intern("__all__"));
    if (all == NULL && err_occurred()) return -1;
    if (all != NULL) {
        obj_t *it = obj_iter(all);
        DECREF(all);
        if (it == NULL) return -1;
        for (;;) {
            obj_t *name = obj_iternext(it);
            if (name == NULL) {
                DECREF(it);
                return err_occurred() ? -1 : 0;
            }
            if (!STR_CHECK(name)) {
                obj_t *mn = obj_lookup_attr(module, str_intern("__name__"));
                if (mn == NULL && err_occurred()) err_clear();
                err_format(exc_TypeError, "Item in %S.__all__ must be str, not %T", mn ? mn : None,
                           name);
                XDECREF(mn);
                DECREF(name);
                DECREF(it);
                return -1;
            }
            obj_t *v = obj_getattr(module, name);
            int rc = v ? star_set(locals, name, v) : -1;
            XDECREF(v);
            DECREF(name);
            if (rc < 0) {
                DECREF(it);
                return -1;
            }
        }
    }
    obj_t *d;
    if (MODULE_CHECK(module))
        d = NEWREF(module_dict(module));
    else {
        d = obj_getattr_str(module, "__dict__");
        if (d == NULL) {
            if (err_matches(exc_AttributeError)) {
                err_clear();
                err_set_str(exc_ImportError, "from-import-* object has no __dict__ and no __all__");
            }
            return -1;
        }
    }
    if (!DICT_CHECK(d)) {
        DECREF(d);
        err_set_str(exc_ImportError, "from-import-* object has no __dict__ and no __all__");
        return -1;
    }
    ssize_t pos = 0;
    obj_t *k, *v;
    int rc = 0;
    while (dict_next(d, &pos, &k, &v)) {
        if (rc == 0 && !STR_CHECK(k)) {
            obj_t *mn = obj_lookup_attr(module, str_intern("__name__"));
            if (mn == NULL && err_occurred()) err_clear();
            err_format(exc_TypeError, "Key in %S.__dict__ must be str, not %T", mn ? mn : None, k);
            XDECREF(mn);
            rc = -1;
        }
        if (rc == 0 && str_data(k)[0] != '_') rc = star_set(locals, k, v);
        DECREF(k);
        DECREF(v);
    }
    DECREF(d);
    return rc;
}

char *import_find_source(const char *name, bool *is_package) {
    obj_t *full = str_from_cstr(name);
    if (full == NULL) return NULL;
    obj_t *search = NULL;
    const char *dot = strrchr(name, '.');
    if (dot) {
        obj_t *parent = import_module_prefix(name, (size_t)(dot - name));
        if (parent == NULL) {
            DECREF(full);
            return NULL;
        }
        search = obj_lookup_attr(parent, str_intern("__path__"));
        if (search == NULL && !err_occurred()) {
            obj_t *pn = str_from_utf8(name, (size_t)(dot - name));
            if (pn != NULL) {
                raise_not_found(full, "No module named %R; %R is not a package", full, pn);
                DECREF(pn);
            }
        }
        DECREF(parent);
        if (search == NULL) {
            DECREF(full);
            return NULL;
        }
    } else {
        search = sysmodule_get("path");
    }
    spec_t spec;
    int rc = find_spec(name, dot ? dot + 1 : name, search, dot == NULL, &spec);
    XDECREF(search);
    char *result = NULL;
    if (rc == 0) {
        if (spec.kind == SPEC_SOURCE || spec.kind == SPEC_PACKAGE) {
            result = spec.origin;
            spec.origin = NULL;
            if (is_package) *is_package = spec.kind == SPEC_PACKAGE;
        } else {
            raise_not_found(full, NULL);
        }
        spec_clear(&spec);
    }
    DECREF(full);
    return result;
}

obj_t *import_module_prefix(const char *name, size_t len) {
    obj_t *s = str_from_utf8(name, len);
    if (s == NULL) return NULL;
    obj_t *m = import_absolute(s);
    DECREF(s);
    return m;
}

// ---- start-up and the _imp helpers -------------------------------------------------------

static obj_t *boot_attr(obj_t *m, const char *name) {
    obj_t *v = obj_getattr_str(m, name);
    if (v != NULL) obj_immortalize(v);
    return v;
}

int import_bootstrap(void) {
    obj_t *m = import_module("_pvm_import");
    if (m == NULL) goto fail;
    obj_immortalize(m);
    obj_t *bi = boot_attr(m, "BuiltinImporter"), *pf = boot_attr(m, "PathFinder"),
          *ph = boot_attr(m, "_default_path_hook"), *ms = boot_attr(m, "_make_spec"),
          *fs = boot_attr(m, "_find_spec"), *mfs = boot_attr(m, "_module_from_spec"),
          *es = boot_attr(m, "_exec_spec"), *sl = boot_attr(m, "SourceFileLoader"),
          *fi = boot_attr(m, "FrozenImporter"), *ff = boot_attr(m, "FileFinder"),
          *ll = boot_attr(m, "_load_legacy"), *zh = boot_attr(m, "_zip_path_hook");
    DECREF(m);
    if (!bi || !pf || !ph || !ms || !fs || !mfs || !es || !sl || !fi || !ff || !ll || !zh)
        goto fail;
    boot.source_loader = sl;
    boot.frozen_importer = fi;
    boot.file_finder = ff;
    boot.load_legacy = ll;
    boot.zip_hook = zh == None ? NULL : zh;
    boot.builtin_importer = bi;
    boot.path_finder = pf;
    boot.path_hook = ph;
    boot.make_spec = ms;
    boot.module_from_spec = mfs;
    boot.exec_spec = es;
    boot.find_spec = fs;
    // The modules loaded before the protocol objects existed get their spec.
    obj_t *items = dict_items_list(pvm_rt.modules);
    if (items == NULL) goto fail;
    for (ssize_t i = 0; i < list_size(items); i++) {
        obj_t *kv = list_get(items, i);
        obj_t *name = TUPLE_GET(kv, 0), *mod = TUPLE_GET(kv, 1);
        int rc = 0;
        if (MODULE_CHECK(mod) && STR_CHECK(name) && !str_eq_cstr(name, "__main__")) {
            obj_t *d = module_dict(mod);
            obj_t *cur = dict_get_str(d, "__spec__");
            if (cur == NULL || cur == None) {
                obj_t *file = dict_get_str(d, "__file__");
                obj_t *path = dict_get_str(d, "__path__");
                obj_t *so = NULL;
                if (file != NULL && STR_CHECK(file))
                    so = make_spec_object(path ? SPEC_PACKAGE : SPEC_SOURCE, name, str_data(file),
                                          path);
                else
                    so = make_spec_object(SPEC_BUILTIN, name, "built-in", NULL);
                rc = so ? set_spec_attrs(d, so) : -1;
                XDECREF(so);
                XDECREF(file);
                XDECREF(path);
            }
            XDECREF(cur);
        }
        DECREF(kv);
        if (rc < 0) {
            DECREF(items);
            goto fail;
        }
    }
    DECREF(items);
    // __main__ runs code given on the command line until a script says
    // otherwise (import_set_main_loader), as CPython's -c.
    if (dict_set_str(module_dict(pvm_rt.main_module), "__loader__", bi) < 0) goto fail;
    return 0;
fail:
    memset(&boot, 0, sizeof boot);
    fputs("pvm: warning: lib/_pvm_import.py did not load; modules get no __spec__ and "
          "sys.meta_path is not used:\n",
          stderr);
    if (err_occurred()) err_print();
    return 0;
}

int import_set_main_loader(const char *path) {
    if (boot.source_loader == NULL) return 0;
    obj_t *name = str_from_cstr("__main__"), *p = str_from_cstr(path);
    obj_t *loader = NULL;
    if (name != NULL && p != NULL) loader = obj_call2(boot.source_loader, name, p);
    XDECREF(name);
    XDECREF(p);
    if (loader == NULL) return -1;
    int rc = dict_set_str(module_dict(pvm_rt.main_module), "__loader__", loader);
    DECREF(loader);
    return rc;
}

int import_set_main_spec(const char *name, const char *path) {
    if (boot.make_spec == NULL) return 0;
    obj_t *n = str_from_cstr(name);
    if (n == NULL) return -1;
    obj_t *spec = make_spec_object(SPEC_SOURCE, n, path, NULL);
    DECREF(n);
    int rc = spec ? set_spec_attrs(module_dict(pvm_rt.main_module), spec) : -1;
    XDECREF(spec);
    return rc;
}
