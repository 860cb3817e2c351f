/*
 * threads/thread_module.c — the native `_thread` module: starting OS
 * threads that run Python callables, lock and rlock objects, thread ids.
 * `threading`, `queue` and `concurrent.futures` are written in Python on top
 * of it (lib/).
 *
 * A started thread attaches itself to the VM (its own thread_t, id, QSBR
 * registration), calls the function, reports an uncaught exception the way
 * CPython's _thread does, and detaches (draining its merge queue).  Lock
 * waits are blocking regions: the waiter goes offline for QSBR and releases
 * its critical sections while parked.
 *
 * Lock state byte: LOCKED | HAS_PARKED, the same protocol as the object
 * mutex, with timeouts; in the main thread a wait wakes up periodically to
 * let Ctrl-C raise KeyboardInterrupt.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../core/unraisable.h"
#include "../core/runtime.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../gc/qsbr.h"
#include "mutex.h"
#include "race.h"
#include "stress.h"
#include "thread.h"

bool thread_is_main(thread_t *ts); // threads/thread.c

static _Atomic long running_threads;

static uint64_t ident_of_self(void) {
    return (uint64_t)pthread_self();
}

// ---- timed acquisition ---------------------------------------------------------------

#define TIMEOUT_MAX_SECONDS 4294967.0

// Acquires the lock byte; timeout_ns < 0 waits forever.  Returns 1 when
// acquired, 0 on timeout, -1 with KeyboardInterrupt (main thread, Ctrl-C).
#define LOCK_SPIN_COUNT 40

static int lock_acquire(_Atomic uint8_t *m, int64_t timeout_ns) {
    if (PVM_UNLIKELY(stress_mode)) {
        int r = stress_lock_acquire(m, timeout_ns); // threads/stress.h
        if (r >= 0) return r;
    }
    if (mutex_trylock(m)) return 1;
    if (timeout_ns == 0) return 0;
    // Spin a little first, as the object mutex does (threads/mutex.c): a
    // lock guarding a short section (a queue's) is usually free again within
    // microseconds, and parking costs two context switches.  The second half
    // yields the CPU, so a holder waiting for a core gets it.
    for (int i = 0; i < LOCK_SPIN_COUNT; i++) {
        uint8_t v = atomic_load_explicit(m, memory_order_relaxed);
        if (!(v & MUTEX_LOCKED) &&
            atomic_compare_exchange_weak_explicit(m, &v, v | MUTEX_LOCKED, memory_order_acquire,
                                                  memory_order_relaxed))
            return 1;
        if (i > LOCK_SPIN_COUNT / 2) sched_yield();
    }
    thread_settle_before_wait();
    thread_t *ts = thread_current();
    bool main_thread = ts && thread_is_main(ts);
    uint64_t deadline = timeout_ns > 0 ? monotonic_ns() + (uint64_t)timeout_ns : 0;
    int result = 0;
    thread_block_begin();
    for (;;) {
        uint8_t v = atomic_load_explicit(m, memory_order_relaxed);
        if (!(v & MUTEX_LOCKED)) {
            if (atomic_compare_exchange_weak_explicit(m, &v, v | MUTEX_LOCKED, memory_order_acquire,
                                                      memory_order_relaxed)) {
                result = 1;
                break;
            }
            continue;
        }
        if (!(v & MUTEX_HAS_PARKED) &&
            !atomic_compare_exchange_weak_explicit(m, &v, v | MUTEX_HAS_PARKED,
                                                   memory_order_relaxed, memory_order_relaxed))
            continue;
        int64_t wait = -1;
        if (timeout_ns > 0) {
            uint64_t now = monotonic_ns();
            if (now >= deadline) {
                result = 0;
                break;
            }
            wait = (int64_t)(deadline - now);
        }
        // The main thread wakes up now and then to notice Ctrl-C, every
        // thread for its merge queue (thread_wait_chores).
        if (wait < 0 || wait > THREAD_WAIT_SLICE_NS) wait = THREAD_WAIT_SLICE_NS;
        int r = parking_park(m, MUTEX_LOCKED | MUTEX_HAS_PARKED, wait);
        if (r == PARK_HANDOFF) {
            atomic_thread_fence(memory_order_acquire);
            result = 1;
            break;
        }
        if (main_thread &&
            (atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed) & EB_SIGNAL)) {
            result = -1;
            break;
        }
        thread_wait_chores(ts);
    }
    thread_block_end();
    if (result == -1) {
        if (thread_handle_eval_breaker(ts) < 0) return -1;
        // Not a KeyboardInterrupt after all: keep waiting, for what is left
        // of the timeout (none left: one last try, as a zero timeout does).
        if (timeout_ns < 0) return lock_acquire(m, -1);
        uint64_t now = monotonic_ns();
        return lock_acquire(m, now < deadline ? (int64_t)(deadline - now) : 0);
    }
    return result;
}

// Parses acquire(blocking=True, timeout=-1) into a timeout in ns (-1 forever).
static int parse_acquire_args(obj_t *const *args, size_t nargs, obj_t *kwnames,
                              int64_t *timeout_ns) {
    static const char *const names[] = {"blocking", "timeout", NULL};
    obj_t *vals[2] = {NULL, NULL};
    if (args_parse("acquire", args, nargs, kwnames, names, 0, vals) < 0) return -1;
    int blocking = 1;
    if (vals[0]) {
        blocking = obj_is_true(vals[0]);
        if (blocking < 0) return -1;
    }
    double timeout = -1;
    if (vals[1]) {
        timeout = float_as_double(vals[1]);
        if (timeout == -1.0 && err_occurred()) return -1;
    }
    if (!blocking && timeout != -1) {
        err_set_str(exc_ValueError, "can't specify a timeout for a non-blocking call");
        return -1;
    }
    if (timeout < 0 && timeout != -1) {
        err_set_str(exc_ValueError, "timeout value must be positive");
        return -1;
    }
    if (timeout > TIMEOUT_MAX_SECONDS) {
        err_set_str(exc_OverflowError, "timeout value is too large");
        return -1;
    }
    if (!blocking)
        *timeout_ns = 0;
    else if (timeout == -1)
        *timeout_ns = -1;
    else
        *timeout_ns = (int64_t)(timeout * 1e9);
    return 0;
}

// ---- lock ------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    _Atomic uint8_t state;
} lock_t;

extern type_t lock_type, rlock_type;

static obj_t *lock_acquire_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t timeout;
    if (parse_acquire_args(args, nargs, kwnames, &timeout) < 0) return NULL;
    int r = lock_acquire(&((lock_t *)self)->state, timeout);
    if (r < 0) return NULL;
    if (PVM_UNLIKELY(race_mode) && r == 1) race_acquire(self); // -X race: threads/race.h
    return NEWREF(bool_from(r == 1));
}

static obj_t *lock_release_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    lock_t *l = (lock_t *)self;
    if (!mutex_is_locked(&l->state)) {
        err_set_str(exc_RuntimeError, "release unlocked lock");
        return NULL;
    }
    if (PVM_UNLIKELY(race_mode)) race_release(self);
    mutex_unlock(&l->state);
    if (PVM_UNLIKELY(stress_mode)) stress_lock_released(&l->state);
    return NEWREF(None);
}

static obj_t *lock_exit_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return lock_release_m(self, NULL, 0, NULL);
}

static obj_t *lock_locked_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return NEWREF(bool_from(mutex_is_locked(&((lock_t *)self)->state)));
}

// threading's after-fork hook in a fork()'s child: the lock starts over
// unlocked, whatever the parent's other threads left it in (they do not
// exist in the child, so nobody waits on it).
static obj_t *lock_at_fork_reinit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_at_fork_reinit", nargs, kwnames, 0, 0) < 0) return NULL;
    atomic_store(&((lock_t *)self)->state, 0);
    return NEWREF(None);
}

static obj_t *lock_repr(obj_t *self) {
    return str_from_format("<%s _thread.lock object at %p>",
                           mutex_is_locked(&((lock_t *)self)->state) ? "locked" : "unlocked",
                           (void *)self);
}

static obj_t *lock_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("lock", nargs, kwnames, 0, 0) < 0) return NULL;
    return obj_alloc(type, type->basicsize);
}

static const method_def_t lock_methods[] = {
    {"acquire", lock_acquire_m, 0, NULL},
    {"acquire_lock", lock_acquire_m, 0, NULL},
    {"release", lock_release_m, 0, NULL},
    {"release_lock", lock_release_m, 0, NULL},
    {"locked", lock_locked_m, 0, NULL},
    {"locked_lock", lock_locked_m, 0, NULL},
    {"__enter__", lock_acquire_m, 0, NULL},
    {"__exit__", lock_exit_m, 0, NULL},
    {"_at_fork_reinit", lock_at_fork_reinit, 0, NULL},
    {NULL},
};

type_t lock_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_thread.lock",
    .basicsize = sizeof(lock_t),
    .base = &object_type,
    .repr = lock_repr,
    .tp_new = lock_new,
    .methods = lock_methods,
};

// ---- rlock -----------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    _Atomic uint8_t state;
    _Atomic uint64_t owner; // ident of the holder, 0 = none
    uint64_t count;         // written only by the holder
} rlock_t;

static obj_t *rlock_acquire_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    rlock_t *r = (rlock_t *)self;
    int64_t timeout;
    if (parse_acquire_args(args, nargs, kwnames, &timeout) < 0) return NULL;
    uint64_t me = ident_of_self();
    if (atomic_load_explicit(&r->owner, memory_order_relaxed) == me) {
        r->count++;
        return NEWREF(True);
    }
    int got = lock_acquire(&r->state, timeout);
    if (got < 0) return NULL;
    if (got) {
        atomic_store_explicit(&r->owner, me, memory_order_relaxed);
        r->count = 1;
        if (PVM_UNLIKELY(race_mode)) race_acquire(self);
    }
    return NEWREF(bool_from(got == 1));
}

static obj_t *rlock_release_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    rlock_t *r = (rlock_t *)self;
    if (atomic_load_explicit(&r->owner, memory_order_relaxed) != ident_of_self()) {
        err_set_str(exc_RuntimeError, "cannot release un-acquired lock");
        return NULL;
    }
    if (--r->count == 0) {
        if (PVM_UNLIKELY(race_mode)) race_release(self);
        atomic_store_explicit(&r->owner, 0, memory_order_relaxed);
        mutex_unlock(&r->state);
        if (PVM_UNLIKELY(stress_mode)) stress_lock_released(&r->state);
    }
    return NEWREF(None);
}

static obj_t *rlock_exit_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return rlock_release_m(self, NULL, 0, NULL);
}

static obj_t *rlock_is_owned(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    rlock_t *r = (rlock_t *)self;
    return NEWREF(
        bool_from(atomic_load_explicit(&r->owner, memory_order_relaxed) == ident_of_self()));
}

// Condition support: release completely, returning (count, owner) ...
static obj_t *rlock_release_save(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    rlock_t *r = (rlock_t *)self;
    if (r->count == 0) {
        err_set_str(exc_RuntimeError, "cannot release un-acquired lock");
        return NULL;
    }
    uint64_t count = r->count, owner = atomic_load_explicit(&r->owner, memory_order_relaxed);
    r->count = 0;
    if (PVM_UNLIKELY(race_mode)) race_release(self);
    atomic_store_explicit(&r->owner, 0, memory_order_relaxed);
    mutex_unlock(&r->state);
    if (PVM_UNLIKELY(stress_mode)) stress_lock_released(&r->state);
    obj_t *c = int_from_u64(count), *o = int_from_u64(owner);
    obj_t *t = (c && o) ? tuple_pack(2, c, o) : NULL;
    XDECREF(c);
    XDECREF(o);
    return t;
}

// ... and take it back with the saved state.
static obj_t *rlock_acquire_restore(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    rlock_t *r = (rlock_t *)self;
    if (args_check("_acquire_restore", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *st = args[0];
    if (!TUPLE_CHECK(st) || TUPLE_SIZE(st) != 2) {
        err_set_str(exc_TypeError, "_acquire_restore expects a (count, owner) tuple");
        return NULL;
    }
    int64_t count, owner;
    if (int_as_i64(TUPLE_GET(st, 0), &count) < 0 || int_as_i64(TUPLE_GET(st, 1), &owner) < 0)
        return NULL;
    if (lock_acquire(&r->state, -1) < 0) return NULL;
    if (PVM_UNLIKELY(race_mode)) race_acquire(self);
    atomic_store_explicit(&r->owner, (uint64_t)owner, memory_order_relaxed);
    r->count = (uint64_t)count;
    return NEWREF(None);
}

// threading's after-fork hook in a fork()'s child (as lock_at_fork_reinit).
static obj_t *rlock_at_fork_reinit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_at_fork_reinit", nargs, kwnames, 0, 0) < 0) return NULL;
    rlock_t *r = (rlock_t *)self;
    atomic_store(&r->owner, 0);
    r->count = 0;
    atomic_store(&r->state, 0);
    return NEWREF(None);
}

static obj_t *rlock_repr(obj_t *self) {
    rlock_t *r = (rlock_t *)self;
    uint64_t owner = atomic_load_explicit(&r->owner, memory_order_relaxed);
    return str_from_format("<%s _thread.RLock object owner=%llu count=%llu at %p>",
                           owner ? "locked" : "unlocked", (unsigned long long)owner,
                           (unsigned long long)(owner ? r->count : 0), (void *)self);
}

static const method_def_t rlock_methods[] = {
    {"acquire", rlock_acquire_m, 0, NULL},
    {"release", rlock_release_m, 0, NULL},
    {"__enter__", rlock_acquire_m, 0, NULL},
    {"__exit__", rlock_exit_m, 0, NULL},
    {"_is_owned", rlock_is_owned, 0, NULL},
    {"_release_save", rlock_release_save, 0, NULL},
    {"_acquire_restore", rlock_acquire_restore, 0, NULL},
    {"_at_fork_reinit", rlock_at_fork_reinit, 0, NULL},
    {NULL},
};

type_t rlock_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_thread.RLock",
    .basicsize = sizeof(rlock_t),
    .base = &object_type,
    .repr = rlock_repr,
    .tp_new = lock_new,
    .methods = rlock_methods,
};

// ---- threading.local support ---------------------------------------------------------
// OS idents are recycled, so threading.local keys its per-thread storage by
// a serial number that no other thread of the process ever gets, and drops
// a thread's values with callbacks run when the thread ends.

static _Atomic uint64_t next_serial = 1;
static __thread uint64_t my_serial;
static __thread obj_t *exit_hooks; // list of callables, or NULL

static obj_t *local_serial(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_local_serial", nargs, kwnames, 0, 0) < 0) return NULL;
    if (my_serial == 0) my_serial = atomic_fetch_add(&next_serial, 1);
    return int_from_u64(my_serial);
}

static obj_t *at_thread_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_at_thread_exit", nargs, kwnames, 1, 1) < 0) return NULL;
    if (exit_hooks == NULL && (exit_hooks = list_new(0)) == NULL) return NULL;
    if (list_append(exit_hooks, args[0]) < 0) return NULL;
    return NEWREF(None);
}

// Runs (once) the callbacks registered by this thread; errors are ignored.
static void run_exit_hooks(void) {
    while (exit_hooks != NULL) {
        obj_t *hooks = exit_hooks;
        exit_hooks = NULL;
        obj_t *t = tuple_from_iterable(hooks);
        DECREF(hooks);
        if (t == NULL) {
            err_clear();
            continue;
        }
        for (size_t i = 0; i < TUPLE_SIZE(t); i++) {
            obj_t *r = obj_call0(TUPLE_GET(t, i));
            if (r == NULL) err_clear();
            XDECREF(r);
        }
        DECREF(t);
    }
}

static obj_t *run_exit_hooks_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_run_exit_hooks", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *saved = err_fetch();
    run_exit_hooks();
    err_restore(saved);
    return NEWREF(None);
}

static _Atomic size_t new_thread_stack_size; // _thread.stack_size(), 0 = default

// ---- _set_sentinel -------------------------------------------------------------------
// threading.Thread's _tstate_lock: a new lock, which the thread takes at
// once and which is released (if locked) when the thread that asked for it
// has finished running Python code (after its function and its exit
// hooks), so join() can wait on it.  A second call in
// the same thread (after fork) replaces the first, which stays locked.

static __thread obj_t *sentinel_lock; // this thread's, or NULL

static obj_t *set_sentinel(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_set_sentinel", nargs, kwnames, 0, 0) < 0) return NULL;
    lock_t *l = (lock_t *)obj_alloc(&lock_type, sizeof(lock_t));
    if (l == NULL) return NULL;
    XDECREF(sentinel_lock);
    sentinel_lock = NEWREF((obj_t *)l);
    return (obj_t *)l;
}

// Releases this thread's sentinel (once; later calls do nothing).
// thread_boot calls it after the thread's last Python code and its
// deferred releases (qsbr_thread_fini), so what the thread dropped is gone
// when join() returns, as in CPython, and before stress mode and the race
// detector let go of the thread; thread_detach calls it too (a thread not
// started by thread_boot).
void thread_release_sentinel(void) {
    obj_t *l = sentinel_lock;
    if (l == NULL) return;
    sentinel_lock = NULL;
    lock_t *lk = (lock_t *)l;
    if (mutex_is_locked(&lk->state)) {
        if (PVM_UNLIKELY(race_mode)) race_release(l); // join() happens after the thread
        mutex_unlock(&lk->state);
        if (PVM_UNLIKELY(stress_mode)) stress_lock_released(&lk->state);
    }
    DECREF(l);
}

// ---- _thread._local ------------------------------------------------------------------
// threading.local's class is written in Python (lib/_pvm_thread_local.py,
// on _local_serial and _at_thread_exit above); the module's __getattr__
// (PEP 562) gives it as _thread._local, importing it on first use.

static obj_t *thread_getattr(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__getattr__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *name = args[0];
    if (STR_CHECK(name) && str_eq_cstr(name, "_local")) {
        obj_t *m = import_module("_pvm_thread_local");
        if (m == NULL) return NULL;
        obj_t *r = obj_getattr_str(m, "_local");
        DECREF(m);
        return r;
    }
    err_format(exc_AttributeError, "module '_thread' has no attribute '%S'", name);
    return NULL;
}

// ---- starting threads --------------------------------------------------------------

typedef struct {
    obj_t *func, *args, *kwargs;
    void *stress; // the thread's stress-mode state (threads/stress.h), or NULL
    void *race;   // its -X race state (threads/race.h), or NULL
} boot_t;

static void report_unhandled(obj_t *func) {
    if (err_matches(exc_SystemExit)) {
        err_clear();
        return;
    }
    stress_note_failure();
    err_write_unraisable("Exception ignored in thread started by", func);
}

static void *thread_boot(void *arg) {
    boot_t *b = arg;
    if (thread_attach() == NULL) {
        fprintf(stderr, "pvm: cannot attach a new thread\n");
        atomic_fetch_sub(&running_threads, 1);
        return NULL;
    }
    stress_thread_begin(b->stress);
    race_thread_begin(b->race);
    obj_t *r = obj_call_tuple_dict(b->func, b->args, b->kwargs);
    if (r == NULL) report_unhandled(b->func);
    XDECREF(r);
    run_exit_hooks();
    DECREF(b->func);
    DECREF(b->args);
    XDECREF(b->kwargs);
    free(b);
    // The thread's state, debts and deferred releases first (what it
    // dropped is freed when join() returns, as CPython clears a thread's
    // state before its lock is released), then its sentinel, while stress
    // mode and the race detector still count the thread (a joiner must be
    // woken through them).
    thread_clear(thread_current());
    qsbr_thread_fini(thread_current());
    thread_release_sentinel();
    stress_thread_end();
    race_thread_end();
    atomic_fetch_sub(&running_threads, 1);
    if (thread_is_main(thread_current())) {
        // The child of a fork() from this thread: it was the only thread
        // left, and the process ends with it (exit status 0, as when the
        // last thread of a CPython child returns; liburcu's helper thread
        // would otherwise keep the process alive).
        fflush(stdout);
        fflush(stderr);
        _exit(0);
    }
    thread_detach();
    return NULL;
}

static obj_t *start_new_thread(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("start_new_thread", nargs, kwnames, 2, 3) < 0) return NULL;
    obj_t *func = args[0], *fargs = args[1], *fkw = nargs > 2 ? args[2] : NULL;
    if (!obj_is_callable(func)) {
        err_set_str(exc_TypeError, "first arg must be callable");
        return NULL;
    }
    if (!TUPLE_CHECK(fargs)) {
        err_set_str(exc_TypeError, "2nd arg must be a tuple");
        return NULL;
    }
    if (fkw && fkw != None && !DICT_CHECK(fkw)) {
        err_set_str(exc_TypeError, "optional 3rd arg must be a dictionary");
        return NULL;
    }
    boot_t *b = malloc(sizeof *b);
    if (b == NULL) return err_no_memory();
    b->func = NEWREF(func);
    b->args = NEWREF(fargs);
    b->kwargs = (fkw && fkw != None) ? NEWREF(fkw) : NULL;
    b->stress = stress_thread_created();
    b->race = race_thread_created();
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    size_t ss = atomic_load(&new_thread_stack_size);
    pthread_attr_setstacksize(&attr, ss ? ss : 8 * 1024 * 1024);
    pthread_t tid;
    atomic_fetch_add(&running_threads, 1);
    int rc = pthread_create(&tid, &attr, thread_boot, b);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        atomic_fetch_sub(&running_threads, 1);
        stress_thread_abandon(b->stress);
        race_thread_abandon(b->race);
        DECREF(b->func);
        DECREF(b->args);
        XDECREF(b->kwargs);
        free(b);
        err_set_str(exc_RuntimeError, "can't start new thread");
        return NULL;
    }
    if (PVM_UNLIKELY(stress_mode)) stress_point(STRESS_KIND_START);
    return int_from_u64((uint64_t)tid);
}

static obj_t *get_ident(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return int_from_u64(ident_of_self());
}

static obj_t *get_native_id(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return int_from_i64((int64_t)syscall(SYS_gettid));
}

static obj_t *allocate_lock(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(&lock_type, sizeof(lock_t));
}

static obj_t *thread_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return int_from_i64(atomic_load(&running_threads));
}

// _thread.stack_size([size]): the stack size of threads started from now
// on (0: pvm's default, 8 MiB); returns the previous setting.  The C stack
// guard (c_recursion_enter) measures each thread's real stack, so a small
// one gives RecursionError sooner, never a crash.
static obj_t *stack_size(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("stack_size", nargs, kwnames, 0, 1) < 0) return NULL;
    size_t old = atomic_load(&new_thread_stack_size);
    if (nargs == 1) {
        int64_t n;
        if (!INT_CHECK(args[0])) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       obj_type_name(args[0]));
            return NULL;
        }
        if (int_as_i64(args[0], &n) < 0) return NULL;
        if (n < 0) {
            err_set_str(exc_ValueError, "size must be 0 or a positive value");
            return NULL;
        }
        if (n != 0 && n < 32768) {
            err_format(exc_ValueError, "size not valid: %lld bytes", (long long)n);
            return NULL;
        }
        atomic_store(&new_thread_stack_size, (size_t)n);
    }
    return int_from_u64(old);
}

// _thread.interrupt_main(signum=SIGINT): as if the signal arrived; nothing
// happens when Python does not handle it (SIG_DFL or SIG_IGN).
static obj_t *interrupt_main(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"signum", NULL};
    obj_t *a = NULL;
    if (args_parse("interrupt_main", args, nargs, kwnames, names, 0, &a) < 0) return NULL;
    int64_t signum = SIGINT;
    if (a != NULL) {
        if (!INT_CHECK(a)) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       obj_type_name(a));
            return NULL;
        }
        if (int_as_i64(a, &signum) < 0) return NULL;
    }
    if (signum < 1 || signum >= NSIG) {
        err_set_str(exc_ValueError, "signal number out of range");
        return NULL;
    }
    struct sigaction sa;
    if (sigaction((int)signum, NULL, &sa) == 0 && !(sa.sa_flags & SA_SIGINFO) &&
        (sa.sa_handler == SIG_DFL || sa.sa_handler == SIG_IGN))
        return NEWREF(None);
    raise((int)signum);
    // In the main thread the handler runs before the call returns (as
    // signal.raise_signal): KeyboardInterrupt comes from this call.
    thread_t *ts = thread_current();
    if (ts && thread_is_main(ts) && thread_handle_eval_breaker(ts) < 0) return NULL;
    return NEWREF(None);
}

static const method_def_t thread_functions[] = {
    {"start_new_thread", start_new_thread, 0, NULL},
    {"start_new", start_new_thread, 0, NULL},
    {"get_ident", get_ident, 0, NULL},
    {"get_native_id", get_native_id, 0, NULL},
    {"allocate_lock", allocate_lock, 0, NULL},
    {"allocate", allocate_lock, 0, NULL},
    {"_count", thread_count, 0, NULL},
    {"stack_size", stack_size, 0, NULL},
    {"interrupt_main", interrupt_main, 0, NULL},
    {"_local_serial", local_serial, 0, NULL},
    {"_at_thread_exit", at_thread_exit, 0, NULL},
    {"_run_exit_hooks", run_exit_hooks_m, 0, NULL},
    {"_set_sentinel", set_sentinel, 0, NULL},
    {"__getattr__", thread_getattr, 0, NULL},
    {NULL},
};

obj_t *thread_module_init(void) {
    if (type_ready(&lock_type) < 0 || type_ready(&rlock_type) < 0) return NULL;
    obj_t *m = module_new("_thread");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    obj_t *tmax = float_from_double(TIMEOUT_MAX_SECONDS);
    if (module_add_functions(m, thread_functions) < 0 || tmax == NULL ||
        dict_set_str(d, "LockType", (obj_t *)&lock_type) < 0 ||
        dict_set_str(d, "lock", (obj_t *)&lock_type) < 0 ||
        dict_set_str(d, "RLock", (obj_t *)&rlock_type) < 0 ||
        dict_set_str(d, "error", (obj_t *)exc_RuntimeError) < 0 ||
        dict_set_str(d, "TIMEOUT_MAX", tmax) < 0) {
        XDECREF(tmax);
        DECREF(m);
        return NULL;
    }
    DECREF(tmax);
    return m;
}

long thread_module_running(void) {
    return atomic_load(&running_threads);
}
