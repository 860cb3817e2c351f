/*
 * modules/multiprocessing.c — the native `_multiprocessing` and
 * `_posixshmem` modules (CPython 3.11's API on Linux), which the pure-Python
 * `multiprocessing` package and `concurrent.futures.ProcessPoolExecutor`
 * build on.
 *
 * `_multiprocessing.SemLock` wraps a POSIX named semaphore (sem_open) that
 * several processes share: kind RECURSIVE_MUTEX (0) or SEMAPHORE (1),
 * acquire(block=True, timeout=None), release, the context manager, and the
 * helpers multiprocessing.synchronize uses (_count, _is_mine, _get_value,
 * _is_zero, _rebuild, _after_fork, handle/kind/maxvalue/name).  A SemLock
 * made with unlink=True has no name (None) and crosses a fork() by its
 * handle, the sem_t address, which the child shares; one with a name is
 * reopened by name (_rebuild) in a spawned or forkserver child.
 *
 * Waiting: thread_sem_wait (threads/thread.h), the one semaphore wait of
 * the native modules: sem_trywait first; a blocking wait is a blocking
 * region (offline for QSBR, stop-the-world pauses do not wait for it, no
 * critical section held); signal handlers run while it waits (the main
 * thread wakes every 50 ms for signals other threads received), and a
 * handler's exception ends it: Ctrl-C interrupts it.
 *
 * Threads: one SemLock object may be shared by threads.  The semaphore
 * itself is the kernel's (futex-based, thread- and process-safe); the
 * object's own state is `count` (acquisitions by this process not yet
 * released) and `last_tid` (the thread that acquired last), both atomics.
 * For a RECURSIVE_MUTEX only the owner changes them while it holds the
 * semaphore; for a SEMAPHORE the count is a shared counter (atomic add).
 * handle, kind, maxvalue and name never change after creation.
 *
 * `_posixshmem`: shm_open(path, flags, mode=0o777) -> fd and
 * shm_unlink(path), for multiprocessing.shared_memory.
 */
#define _GNU_SOURCE // sem_clockwait
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../threads/thread.h"

bool thread_is_main(thread_t *ts); // threads/thread.c

enum { MP_RECURSIVE_MUTEX = 0, MP_SEMAPHORE = 1 };

typedef struct {
    obj_t ob;
    sem_t *handle;
    int kind;
    int maxvalue;
    char *name;                // NULL when the semaphore was unlinked at creation
    _Atomic int64_t count;     // acquisitions by this process not yet released
    _Atomic uint64_t last_tid; // pthread_self() of the last acquirer
} semlock_t;

static type_t semlock_type;

static uint64_t my_tid(void) {
    return (uint64_t)pthread_self();
}

static bool is_mine(semlock_t *s) {
    return atomic_load(&s->count) > 0 && atomic_load(&s->last_tid) == my_tid();
}

static const char *type_name_of(obj_t *v) {
    return v == None ? "None" : obj_type_name(v);
}

// A C int argument (through __index__), CPython's messages.
static int c_int_arg(obj_t *v, int *out) {
    if (FLOAT_CHECK(v)) {
        err_set_str(exc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int64_t x;
    int rc = int_as_i64(i, &x);
    DECREF(i);
    if (rc < 0 || x > INT_MAX || x < INT_MIN) {
        if (rc < 0 && !err_matches(exc_OverflowError)) return -1;
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)x;
    return 0;
}

// A str argument as a C string (no embedded NUL).
static const char *c_str_arg(const char *fname, const char *argname, obj_t *v) {
    if (!STR_CHECK(v)) {
        err_format(exc_TypeError, "%s() argument '%s' must be str, not %s", fname, argname,
                   type_name_of(v));
        return NULL;
    }
    const char *s = str_data(v);
    if (strlen(s) != str_nbytes(v)) {
        err_set_str(exc_ValueError, "embedded null character");
        return NULL;
    }
    return s;
}

static obj_t *semlock_alloc(type_t *type, sem_t *handle, int kind, int maxvalue, const char *name) {
    semlock_t *s = (semlock_t *)obj_alloc(type, type->basicsize);
    if (s == NULL) return NULL;
    if (name) {
        s->name = strdup(name);
        if (s->name == NULL) {
            DECREF((obj_t *)s);
            return err_no_memory();
        }
    }
    s->handle = handle;
    s->kind = kind;
    s->maxvalue = maxvalue;
    return (obj_t *)s;
}

static void semlock_dealloc(obj_t *o) {
    semlock_t *s = (semlock_t *)o;
    if (s->handle != NULL && s->handle != SEM_FAILED) sem_close(s->handle);
    free(s->name);
    obj_free(o);
}

// SemLock(kind, value, maxvalue, name, unlink)
static obj_t *semlock_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"kind", "value", "maxvalue", "name", "unlink", NULL};
    obj_t *v[5] = {NULL};
    if (nargs > 5) {
        err_format(exc_TypeError, "SemLock() takes at most 5 arguments (%zu given)", nargs);
        return NULL;
    }
    if (args_parse("SemLock", args, nargs, kwnames, names, 5, v) < 0) return NULL;
    int kind, value, maxvalue;
    if (c_int_arg(v[0], &kind) < 0 || c_int_arg(v[1], &value) < 0 || c_int_arg(v[2], &maxvalue) < 0)
        return NULL;
    const char *name = c_str_arg("SemLock", "name", v[3]);
    if (name == NULL) return NULL;
    int unlink_now;
    if (FLOAT_CHECK(v[4])) {
        err_set_str(exc_TypeError, "'float' object cannot be interpreted as an integer");
        return NULL;
    }
    if ((unlink_now = obj_is_true(v[4])) < 0) return NULL;
    if (kind != MP_RECURSIVE_MUTEX && kind != MP_SEMAPHORE) {
        err_set_str(exc_ValueError, "unrecognized kind");
        return NULL;
    }
    sem_t *h = sem_open(name, O_CREAT | O_EXCL, 0600, (unsigned)value);
    if (h == SEM_FAILED) return err_from_errno(errno, NULL);
    if (unlink_now && sem_unlink(name) < 0) {
        int e = errno;
        sem_close(h);
        return err_from_errno(e, NULL);
    }
    obj_t *r = semlock_alloc(type, h, kind, maxvalue, unlink_now ? NULL : name);
    if (r == NULL) sem_close(h);
    return r;
}

// acquire(block=True, timeout=None)
static obj_t *semlock_acquire(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    semlock_t *s = (semlock_t *)self;
    static const char *const names[] = {"block", "timeout", NULL};
    obj_t *v[2] = {NULL, NULL};
    if (args_parse("acquire", args, nargs, kwnames, names, 0, v) < 0) return NULL;
    int blocking = 1;
    if (v[0]) {
        if (FLOAT_CHECK(v[0])) {
            err_set_str(exc_TypeError, "'float' object cannot be interpreted as an integer");
            return NULL;
        }
        if ((blocking = obj_is_true(v[0])) < 0) return NULL;
    }
    if (s->kind == MP_RECURSIVE_MUTEX && is_mine(s)) {
        atomic_fetch_add(&s->count, 1);
        return NEWREF(True);
    }
    struct timespec deadline;
    const struct timespec *dl = NULL;
    if (!blocking) {
        deadline = thread_deadline_after(0); // one try
        dl = &deadline;
    } else if (v[1] && v[1] != None) {
        double t = float_as_double(v[1]);
        if (t == -1.0 && err_occurred()) return NULL;
        if (!(t > 0.0)) t = 0.0; // negative (and NaN) mean "now"
        if (t > 1e9) t = 1e9;
        deadline = thread_deadline_after(t);
        dl = &deadline;
    }
    int got = thread_sem_wait(s->handle, dl);
    if (got < 0) return NULL;
    if (got) {
        atomic_store(&s->last_tid, my_tid());
        atomic_fetch_add(&s->count, 1);
    }
    return NEWREF(bool_from(got));
}

static obj_t *semlock_release(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    semlock_t *s = (semlock_t *)self;
    if (args_check("release", nargs, kwnames, 0, 0) < 0) return NULL;
    if (s->kind == MP_RECURSIVE_MUTEX) {
        if (!is_mine(s)) {
            err_set_str(exc_AssertionError,
                        "attempt to release recursive lock not owned by thread");
            return NULL;
        }
        if (atomic_load(&s->count) > 1) {
            atomic_fetch_sub(&s->count, 1);
            return NEWREF(None);
        }
    } else {
        // Not an absolute guarantee that the value stays <= maxvalue (two
        // releases may race), the same as CPython's check.
        int sval;
        if (sem_getvalue(s->handle, &sval) < 0) return err_from_errno(errno, NULL);
        if (sval >= s->maxvalue) {
            err_set_str(exc_ValueError, "semaphore or lock released too many times");
            return NULL;
        }
    }
    // The count drops before the post: once posted another thread (or
    // process) may acquire, and is_mine() must not see this thread's count.
    atomic_fetch_sub(&s->count, 1);
    if (sem_post(s->handle) < 0) {
        int e = errno;
        atomic_fetch_add(&s->count, 1);
        return err_from_errno(e, NULL);
    }
    return NEWREF(None);
}

static obj_t *semlock_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return semlock_release(self, NULL, 0, NULL);
}

static obj_t *semlock_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_count", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(atomic_load(&((semlock_t *)self)->count));
}

static obj_t *semlock_is_mine(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_is_mine", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(bool_from(is_mine((semlock_t *)self)));
}

static obj_t *semlock_get_value(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_get_value", nargs, kwnames, 0, 0) < 0) return NULL;
    int sval;
    if (sem_getvalue(((semlock_t *)self)->handle, &sval) < 0) return err_from_errno(errno, NULL);
    if (sval < 0) sval = 0; // some systems count waiters as negative values
    return int_from_i64(sval);
}

static obj_t *semlock_is_zero(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_is_zero", nargs, kwnames, 0, 0) < 0) return NULL;
    int sval;
    if (sem_getvalue(((semlock_t *)self)->handle, &sval) < 0) return err_from_errno(errno, NULL);
    return NEWREF(bool_from(sval <= 0));
}

// In a fork()'s child: the parent's acquisitions are not this process's.
static obj_t *semlock_after_fork(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_after_fork", nargs, kwnames, 0, 0) < 0) return NULL;
    atomic_store(&((semlock_t *)self)->count, 0);
    return NEWREF(None);
}

// SemLock._rebuild(handle, kind, maxvalue, name): a named semaphore is
// reopened by name; an unnamed one is the handle inherited through fork().
static obj_t *semlock_rebuild(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_rebuild", nargs, kwnames, 4, 4) < 0) return NULL;
    obj_t *hi = obj_index(args[0]);
    if (hi == NULL) return NULL;
    int64_t hv;
    int rc = int_as_i64(hi, &hv);
    DECREF(hi);
    if (rc < 0) return NULL;
    int kind, maxvalue;
    if (c_int_arg(args[1], &kind) < 0 || c_int_arg(args[2], &maxvalue) < 0) return NULL;
    const char *name = NULL;
    if (args[3] != None) {
        if (!STR_CHECK(args[3])) {
            err_format(exc_TypeError, "_rebuild() argument 4 must be str or None, not %s",
                       type_name_of(args[3]));
            return NULL;
        }
        if ((name = c_str_arg("_rebuild", "name", args[3])) == NULL) return NULL;
    }
    sem_t *h = (sem_t *)(uintptr_t)hv;
    bool opened = false;
    if (name != NULL) {
        h = sem_open(name, 0);
        if (h == SEM_FAILED) return err_from_errno(errno, NULL);
        opened = true;
    }
    obj_t *r = semlock_alloc((type_t *)cls, h, kind, maxvalue, name);
    if (r == NULL && opened) sem_close(h);
    return r;
}

static obj_t *semlock_get_handle(obj_t *self, void *closure) {
    return int_from_u64((uint64_t)(uintptr_t)((semlock_t *)self)->handle);
}
static obj_t *semlock_get_kind(obj_t *self, void *closure) {
    return int_from_i64(((semlock_t *)self)->kind);
}
static obj_t *semlock_get_maxvalue(obj_t *self, void *closure) {
    return int_from_i64(((semlock_t *)self)->maxvalue);
}
static obj_t *semlock_get_name(obj_t *self, void *closure) {
    const char *n = ((semlock_t *)self)->name;
    return n ? str_from_cstr(n) : NEWREF(None);
}

static const method_def_t semlock_methods[] = {
    {"acquire", semlock_acquire, 0,
     "Take one unit of the semaphore, waiting up to timeout seconds when block is true."},
    {"release", semlock_release, 0, "Give one unit back to the semaphore."},
    {"__enter__", semlock_acquire, 0, "Take the semaphore for a with block."},
    {"__exit__", semlock_exit, 0, "Give the semaphore back at the end of a with block."},
    {"_count", semlock_count, 0,
     "How many more times this process took the semaphore than it gave it back."},
    {"_is_mine", semlock_is_mine, 0, "True when the calling thread holds the semaphore."},
    {"_get_value", semlock_get_value, 0, "The semaphore's current value."},
    {"_is_zero", semlock_is_zero, 0, "True when taking the semaphore now would have to wait."},
    {"_rebuild", semlock_rebuild, METH_CLASS, NULL},
    {"_after_fork", semlock_after_fork, 0,
     "Forget this process's acquisitions in a child made by fork()."},
    {NULL, NULL, 0, NULL},
};

static const getset_def_t semlock_getsets[] = {
    {"handle", semlock_get_handle, NULL, NULL, NULL},
    {"kind", semlock_get_kind, NULL, NULL, NULL},
    {"maxvalue", semlock_get_maxvalue, NULL, NULL, NULL},
    {"name", semlock_get_name, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static type_t semlock_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_multiprocessing.SemLock",
    .basicsize = sizeof(semlock_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = semlock_dealloc,
    .tp_new = semlock_new,
    .methods = semlock_methods,
    .getsets = semlock_getsets,
    .doc =
        "A POSIX named semaphore shared between processes, used as a lock or a counting semaphore.",
};

static obj_t *mp_sem_unlink(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("sem_unlink", nargs, kwnames, 1, 1) < 0) return NULL;
    const char *name = c_str_arg("sem_unlink", "name", args[0]);
    if (name == NULL) return NULL;
    if (sem_unlink(name) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static const method_def_t mp_functions[] = {
    {"sem_unlink", mp_sem_unlink, 0, NULL},
    {NULL, NULL, 0, NULL},
};

obj_t *multiprocessing_module_init(void) {
    if (type_ready(&semlock_type) < 0) return NULL;
    obj_t *vmax = int_from_i64(SEM_VALUE_MAX);
    int rc = vmax ? dict_set_str(semlock_type.dict, "SEM_VALUE_MAX", vmax) : -1;
    XDECREF(vmax);
    if (rc < 0) return NULL;
    obj_t *m = module_new("_multiprocessing");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    obj_t *flags = dict_new();
    if (flags == NULL) goto error;
    rc = dict_set_str(flags, "HAVE_SEM_OPEN", SMALLINT_FROM(1)) < 0 ||
                 dict_set_str(flags, "HAVE_SEM_TIMEDWAIT", SMALLINT_FROM(1)) < 0 ||
                 dict_set_str(d, "flags", flags) < 0
             ? -1
             : 0;
    DECREF(flags);
    if (rc < 0 || module_add_functions(m, mp_functions) < 0 ||
        dict_set_str(d, "SemLock", (obj_t *)&semlock_type) < 0)
        goto error;
    return m;
error:
    DECREF(m);
    return NULL;
}

// ---- _posixshmem -----------------------------------------------------------------------

// shm_open(path, flags, mode=0o777) -> fd
static obj_t *shm_open_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "flags", "mode", NULL};
    obj_t *v[3] = {NULL, NULL, NULL};
    if (args_parse("shm_open", args, nargs, kwnames, names, 2, v) < 0) return NULL;
    const char *path = c_str_arg("shm_open", "path", v[0]);
    if (path == NULL) return NULL;
    int flags, mode = 0777;
    if (c_int_arg(v[1], &flags) < 0 || (v[2] && c_int_arg(v[2], &mode) < 0)) return NULL;
    for (;;) {
        int fd = shm_open(path, flags, (mode_t)mode);
        if (fd >= 0) return int_from_i64(fd);
        int e = errno;
        if (e != EINTR) return err_from_errno(e, path);
        thread_t *ts = thread_current();
        if (ts && thread_handle_eval_breaker(ts) < 0) return NULL;
    }
}

static obj_t *shm_unlink_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", NULL};
    obj_t *v[1] = {NULL};
    if (args_parse("shm_unlink", args, nargs, kwnames, names, 1, v) < 0) return NULL;
    const char *path = c_str_arg("shm_unlink", "path", v[0]);
    if (path == NULL) return NULL;
    if (shm_unlink(path) < 0) return err_from_errno(errno, path);
    return NEWREF(None);
}

static const method_def_t shm_functions[] = {
    {"shm_open", shm_open_m, 0, NULL},
    {"shm_unlink", shm_unlink_m, 0, NULL},
    {NULL, NULL, 0, NULL},
};

obj_t *posixshmem_module_init(void) {
    obj_t *m = module_new("_posixshmem");
    if (m == NULL) return NULL;
    if (module_add_functions(m, shm_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
