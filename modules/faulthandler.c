/*
 * modules/faulthandler.c — the native `faulthandler` module: enable(),
 * disable(), is_enabled(), dump_traceback(), dump_traceback_later(),
 * cancel_dump_traceback_later(), register(), unregister(), and the
 * _sigsegv()/_sigabrt()/_read_null() helpers CPython's tests use.
 *
 * A traceback is written with write(2) only, no allocation and no lock, so
 * the same code serves a fatal signal handler, a user signal and the
 * watchdog thread: "File "f.py", line N in name" for each frame of
 * thread_t.frame's chain (core/frame.h), innermost first, at most
 * MAX_FRAMES per thread, under "Current thread 0x..." / "Thread 0x...".
 *
 * Safety: dump_traceback() called from Python stops the world
 * (threads/stw.h) while it walks other threads' frames, so every chain it
 * reads is stable.  From a signal handler or the watchdog thread it cannot:
 * it reads the other threads' frames as they run, like CPython's
 * faulthandler reads other threads' frames without the GIL (best effort: a
 * frame popped meanwhile may print a stale line).  Code objects are
 * immortal (objects/code.h), and a register stack stays mapped while its
 * thread is attached, so a stale frame pointer reads old memory, not
 * unmapped memory.
 *
 * State: the fatal handler's settings (fd, all_threads, installed) and the
 * watchdog's (deadline, repeat, exit, fd) are process-wide, changed under
 * `lock` by Python callers; the handlers only read them.  The file objects
 * are kept referenced so their descriptors stay open, as CPython does.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/frame.h"
#include "../core/sysmodule.h"
#include "../objects/code.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../threads/registry.h"
#include "../threads/stw.h"
#include "../threads/thread.h"

#define MAX_FRAMES  100
#define MAX_THREADS 100

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

// ---- writing without allocating --------------------------------------------------------

static void put(int fd, const char *s, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static void puts_fd(int fd, const char *s) {
    put(fd, s, strlen(s));
}

static void put_dec(int fd, long v) {
    char buf[32];
    int i = (int)sizeof buf;
    bool neg = v < 0;
    unsigned long u = neg ? (unsigned long)-v : (unsigned long)v;
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u && i > 1);
    if (neg) buf[--i] = '-';
    put(fd, buf + i, sizeof buf - (size_t)i);
}

static void put_hex(int fd, unsigned long v, int width) {
    char buf[2 + 16];
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < width; i++)
        buf[2 + width - 1 - i] = "0123456789abcdef"[(v >> (4 * i)) & 15];
    put(fd, buf, 2 + (size_t)width);
}

// A str, with anything that is not printable ASCII written as \xNN / \uNNNN
// escapes of its UTF-8 bytes (CPython writes backslashreplace'd ASCII).
static void put_str(int fd, obj_t *s) {
    if (s == NULL || IS_SMALLINT(s) || !STR_CHECK(s)) {
        puts_fd(fd, "???");
        return;
    }
    const unsigned char *p = (const unsigned char *)str_data(s);
    size_t n = str_nbytes(s);
    if (n > 500) n = 500;
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= 32 && p[i] < 127) continue;
        put(fd, (const char *)p + start, i - start);
        char esc[4] = {'\\', 'x', "0123456789abcdef"[p[i] >> 4], "0123456789abcdef"[p[i] & 15]};
        put(fd, esc, 4);
        start = i + 1;
    }
    put(fd, (const char *)p + start, n - start);
    if (str_nbytes(s) > n) puts_fd(fd, "...");
}

static void dump_frames(int fd, frame_t *f) {
    int depth = 0;
    for (; f != NULL && depth < MAX_FRAMES; f = f->prev, depth++) {
        code_t *co = f->code;
        if (co == NULL) {
            puts_fd(fd, "  ???\n");
            continue;
        }
        puts_fd(fd, "  File \"");
        put_str(fd, co->filename);
        puts_fd(fd, "\", line ");
        int line = -1;
        if (f->pc > co->insns && f->pc <= co->insns + co->ninsns)
            line = code_addr2line(co, (size_t)(f->pc - 1 - co->insns));
        if (line >= 0)
            put_dec(fd, line);
        else
            puts_fd(fd, "???");
        puts_fd(fd, " in ");
        put_str(fd, co->name);
        puts_fd(fd, "\n");
    }
    if (f != NULL) puts_fd(fd, "  ...\n");
}

static void dump_thread(int fd, thread_t *t, bool current) {
    puts_fd(fd, current ? "Current thread " : "Thread ");
    put_hex(fd, (unsigned long)t->ident, 16);
    puts_fd(fd, " (most recent call first):\n");
    dump_frames(fd, t->frame);
}

// Writes the tracebacks; the caller makes the walk safe (world stopped) or
// accepts a best-effort read (signal handler, watchdog).
static void dump_all(int fd, bool all_threads) {
    thread_t *me = thread_current();
    if (!all_threads) {
        puts_fd(fd, "Stack (most recent call first):\n");
        if (me) dump_frames(fd, me->frame);
        return;
    }
    int n = 0;
    for (thread_t *t = registry_first(); t != NULL; t = t->next) {
        if (n++ >= MAX_THREADS) {
            puts_fd(fd, "...\n");
            break;
        }
        if (n > 1) puts_fd(fd, "\n");
        dump_thread(fd, t, t == me);
    }
}

// ---- the file argument ------------------------------------------------------------------

// Resolves file (NULL or None: sys.stderr) to a descriptor, flushing a file
// object first.  *keep receives a new reference to keep the file open.
static int file_fd(obj_t *file, obj_t **keep) {
    *keep = NULL;
    obj_t *f = NULL;
    if (file == NULL || file == None) {
        f = sysmodule_get("stderr");
        if (f == NULL || f == None) {
            XDECREF(f);
            err_set_str(exc_RuntimeError, "sys.stderr is None");
            return -1;
        }
    } else {
        f = NEWREF(file);
    }
    int64_t fd;
    if (INT_CHECK(f)) {
        if (int_as_i64(f, &fd) < 0) goto fail;
        if (fd < 0) {
            err_set_str(exc_ValueError, "file is not a valid file descripter");
            goto fail;
        }
        *keep = f;
        return (int)fd;
    }
    obj_t *r = obj_call_method(f, "fileno", NULL, 0);
    if (r == NULL) goto fail;
    if (!INT_CHECK(r) || int_as_i64(r, &fd) < 0) {
        DECREF(r);
        if (!err_occurred())
            err_set_str(exc_RuntimeError, "file.fileno() is not a valid file descriptor");
        goto fail;
    }
    DECREF(r);
    if (fd < 0) {
        err_set_str(exc_RuntimeError, "file.fileno() is not a valid file descriptor");
        goto fail;
    }
    r = obj_call_method(f, "flush", NULL, 0);
    if (r == NULL)
        err_clear(); // as CPython: a failing flush does not prevent the dump
    else
        DECREF(r);
    *keep = f;
    return (int)fd;
fail:
    DECREF(f);
    return -1;
}

// ---- fatal signals ----------------------------------------------------------------------

static const struct {
    int sig;
    const char *name;
} fatal_signals[] = {
    {SIGBUS, "Bus error"}, {SIGILL, "Illegal instruction"}, {SIGFPE, "Floating point exception"},
    {SIGABRT, "Aborted"},  {SIGSEGV, "Segmentation fault"},
};
#define NFATAL (sizeof fatal_signals / sizeof fatal_signals[0])

static struct {
    volatile sig_atomic_t enabled;
    int fd;
    bool all_threads;
    obj_t *file;
    struct sigaction previous[NFATAL];
} fatal;

static char *alt_stack; // the main thread's alternate signal stack (stack overflows)

static void fatal_handler(int sig) {
    int saved = errno;
    size_t i = 0;
    while (i < NFATAL && fatal_signals[i].sig != sig)
        i++;
    if (i == NFATAL || !fatal.enabled) {
        errno = saved;
        return;
    }
    // Restore the handler that was there, so that re-raising ends the
    // process as it would have without us (or reaches a chained handler).
    fatal.enabled = 0;
    for (size_t k = 0; k < NFATAL; k++)
        sigaction(fatal_signals[k].sig, &fatal.previous[k], NULL);
    int fd = fatal.fd;
    puts_fd(fd, "Fatal Python error: ");
    puts_fd(fd, fatal_signals[i].name);
    puts_fd(fd, "\n\n");
    dump_all(fd, fatal.all_threads);
    errno = saved;
    raise(sig);
}

static void fatal_disable_locked(void) {
    if (!fatal.enabled) return;
    fatal.enabled = 0;
    for (size_t k = 0; k < NFATAL; k++)
        sigaction(fatal_signals[k].sig, &fatal.previous[k], NULL);
}

static obj_t *fh_enable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"file", "all_threads", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("enable", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int all = 1;
    if (a[1] && (all = obj_is_true(a[1])) < 0) return NULL;
    obj_t *keep;
    int fd = file_fd(a[0], &keep);
    if (fd < 0) return NULL;
    if (alt_stack == NULL) {
        stack_t ss = {.ss_size = SIGSTKSZ * 2 + 65536};
        ss.ss_sp = alt_stack = malloc(ss.ss_size);
        if (alt_stack != NULL && sigaltstack(&ss, NULL) != 0) {
            free(alt_stack);
            alt_stack = NULL;
        }
    }
    pthread_mutex_lock(&lock);
    obj_t *old = fatal.file;
    fatal.file = keep;
    fatal.fd = fd;
    fatal.all_threads = all != 0;
    int rc = 0;
    if (!fatal.enabled) {
        for (size_t k = 0; k < NFATAL; k++) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = fatal_handler;
            sigemptyset(&sa.sa_mask);
            sa.sa_flags = SA_NODEFER | SA_ONSTACK;
            if (sigaction(fatal_signals[k].sig, &sa, &fatal.previous[k]) != 0) {
                rc = errno;
                for (size_t j = 0; j < k; j++)
                    sigaction(fatal_signals[j].sig, &fatal.previous[j], NULL);
                break;
            }
        }
        if (rc == 0) fatal.enabled = 1;
    }
    pthread_mutex_unlock(&lock);
    XDECREF(old);
    if (rc != 0) return err_from_errno(rc, NULL);
    return NEWREF(None);
}

static obj_t *fh_disable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("disable", nargs, kwnames, 0, 0) < 0) return NULL;
    pthread_mutex_lock(&lock);
    bool was = fatal.enabled;
    fatal_disable_locked();
    obj_t *old = fatal.file;
    fatal.file = NULL;
    pthread_mutex_unlock(&lock);
    XDECREF(old);
    return NEWREF(bool_from(was));
}

static obj_t *fh_is_enabled(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("is_enabled", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(bool_from(fatal.enabled));
}

static obj_t *fh_dump_traceback(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"file", "all_threads", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("dump_traceback", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int all = 1;
    if (a[1] && (all = obj_is_true(a[1])) < 0) return NULL;
    obj_t *keep;
    int fd = file_fd(a[0], &keep);
    if (fd < 0) return NULL;
    if (all) {
        stw_stop_world();
        registry_lock();
        dump_all(fd, true);
        registry_unlock();
        stw_start_world();
    } else {
        dump_all(fd, false);
    }
    XDECREF(keep);
    return NEWREF(None);
}

// ---- dump_traceback_later: a watchdog thread ------------------------------------------

static struct {
    pthread_cond_t cond;
    bool running; // the watchdog thread exists
    bool armed;
    unsigned long generation; // bumped by every arm/cancel
    struct timespec deadline;
    double timeout;
    bool repeat, exit;
    int fd;
    obj_t *file;
} later = {.cond = PTHREAD_COND_INITIALIZER};

static void put_timeout(int fd, double secs) {
    long total = (long)secs;
    long us = (long)((secs - (double)total) * 1e6);
    puts_fd(fd, "Timeout (");
    put_dec(fd, total / 3600);
    puts_fd(fd, ":");
    long m = total / 60 % 60, s = total % 60;
    if (m < 10) puts_fd(fd, "0");
    put_dec(fd, m);
    puts_fd(fd, ":");
    if (s < 10) puts_fd(fd, "0");
    put_dec(fd, s);
    if (us != 0) {
        char buf[8];
        snprintf(buf, sizeof buf, ".%06ld", us);
        puts_fd(fd, buf);
    }
    puts_fd(fd, ")!\n");
}

static void deadline_from_now(struct timespec *ts, double secs) {
    clock_gettime(CLOCK_REALTIME, ts);
    double whole = (double)(long)secs;
    ts->tv_sec += (time_t)whole;
    ts->tv_nsec += (long)((secs - whole) * 1e9);
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

static void *watchdog(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (!later.armed)
            pthread_cond_wait(&later.cond, &lock);
        unsigned long gen = later.generation;
        int rc = 0;
        while (later.armed && later.generation == gen && rc != ETIMEDOUT)
            rc = pthread_cond_timedwait(&later.cond, &lock, &later.deadline);
        if (!later.armed || later.generation != gen) continue;
        // Timed out: dump every thread (best effort, see the top comment).
        put_timeout(later.fd, later.timeout);
        dump_all(later.fd, true);
        if (later.exit) _exit(1);
        if (later.repeat)
            deadline_from_now(&later.deadline, later.timeout);
        else
            later.armed = false;
    }
    return NULL;
}

static obj_t *fh_dump_later(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"timeout", "repeat", "file", "exit", NULL};
    obj_t *a[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("dump_traceback_later", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    double timeout = float_as_double(a[0]);
    if (timeout == -1.0 && err_occurred()) return NULL;
    if (timeout <= 0) {
        err_set_str(exc_ValueError, "timeout must be greater than 0");
        return NULL;
    }
    if (timeout > 1e9) {
        err_set_str(exc_OverflowError, "timeout value is too large");
        return NULL;
    }
    int repeat = 0, ex = 0;
    if (a[1] && (repeat = obj_is_true(a[1])) < 0) return NULL;
    if (a[3] && (ex = obj_is_true(a[3])) < 0) return NULL;
    obj_t *keep;
    int fd = file_fd(a[2], &keep);
    if (fd < 0) return NULL;
    pthread_mutex_lock(&lock);
    int rc = 0;
    if (!later.running) {
        pthread_t th;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_BLOCK, &all, &old); // signals go to Python threads
        rc = pthread_create(&th, &attr, watchdog, NULL);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_attr_destroy(&attr);
        if (rc == 0) later.running = true;
    }
    obj_t *old = NULL;
    if (rc == 0) {
        old = later.file;
        later.file = keep;
        later.fd = fd;
        later.timeout = timeout;
        later.repeat = repeat != 0;
        later.exit = ex != 0;
        deadline_from_now(&later.deadline, timeout);
        later.armed = true;
        later.generation++;
        pthread_cond_broadcast(&later.cond);
    }
    pthread_mutex_unlock(&lock);
    if (rc != 0) {
        XDECREF(keep);
        return err_from_errno(rc, NULL);
    }
    XDECREF(old);
    return NEWREF(None);
}

static obj_t *fh_cancel_later(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("cancel_dump_traceback_later", nargs, kwnames, 0, 0) < 0) return NULL;
    pthread_mutex_lock(&lock);
    later.armed = false;
    later.generation++;
    obj_t *old = later.file;
    later.file = NULL;
    pthread_cond_broadcast(&later.cond);
    pthread_mutex_unlock(&lock);
    XDECREF(old);
    return NEWREF(None);
}

// ---- register(): user signals -----------------------------------------------------------

#define NSIG_MAX 65

static struct user_sig {
    volatile sig_atomic_t enabled;
    int fd;
    bool all_threads, chain;
    obj_t *file;
    struct sigaction previous;
} user[NSIG_MAX];

static void user_handler(int sig) {
    int saved = errno;
    if (sig <= 0 || sig >= NSIG_MAX || !user[sig].enabled) return;
    struct user_sig *u = &user[sig];
    dump_all(u->fd, u->all_threads);
    if (u->chain) {
        struct sigaction *p = &u->previous;
        if (p->sa_flags & SA_SIGINFO) {
            if (p->sa_sigaction) p->sa_sigaction(sig, NULL, NULL);
        } else if (p->sa_handler != SIG_DFL && p->sa_handler != SIG_IGN && p->sa_handler) {
            p->sa_handler(sig);
        }
    }
    errno = saved;
}

static int check_signum(int64_t sig) {
    for (size_t k = 0; k < NFATAL; k++)
        if (fatal_signals[k].sig == sig) {
            err_format(exc_RuntimeError, "signal %d cannot be registered, use enable() instead",
                       (int)sig);
            return -1;
        }
    if (sig < 1 || sig >= NSIG_MAX || sig == SIGKILL || sig == SIGSTOP) {
        err_set_str(exc_ValueError, "signal number out of range");
        return -1;
    }
    return 0;
}

static obj_t *fh_register(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"signum", "file", "all_threads", "chain", NULL};
    obj_t *a[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("register", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int64_t sig;
    if (!INT_CHECK(a[0])) {
        err_format(exc_TypeError, "'%T' object cannot be interpreted as an integer", a[0]);
        return NULL;
    }
    if (int_as_i64(a[0], &sig) < 0 || check_signum(sig) < 0) return NULL;
    int all = 1, chain = 0;
    if (a[2] && (all = obj_is_true(a[2])) < 0) return NULL;
    if (a[3] && (chain = obj_is_true(a[3])) < 0) return NULL;
    obj_t *keep;
    int fd = file_fd(a[1], &keep);
    if (fd < 0) return NULL;
    pthread_mutex_lock(&lock);
    struct user_sig *u = &user[sig];
    obj_t *old = u->file;
    u->file = keep;
    u->fd = fd;
    u->all_threads = all != 0;
    u->chain = chain != 0;
    int rc = 0;
    if (!u->enabled) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = user_handler;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART | (chain ? SA_NODEFER : 0);
        if (sigaction((int)sig, &sa, &u->previous) != 0)
            rc = errno;
        else
            u->enabled = 1;
    }
    pthread_mutex_unlock(&lock);
    XDECREF(old);
    if (rc != 0) return err_from_errno(rc, NULL);
    return NEWREF(None);
}

static obj_t *fh_unregister(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("unregister", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t sig;
    if (!INT_CHECK(args[0])) {
        err_format(exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
        return NULL;
    }
    if (int_as_i64(args[0], &sig) < 0 || check_signum(sig) < 0) return NULL;
    pthread_mutex_lock(&lock);
    struct user_sig *u = &user[sig];
    bool was = u->enabled;
    if (was) {
        u->enabled = 0;
        sigaction((int)sig, &u->previous, NULL);
    }
    obj_t *old = u->file;
    u->file = NULL;
    pthread_mutex_unlock(&lock);
    XDECREF(old);
    return NEWREF(bool_from(was));
}

// ---- crash helpers for tests ------------------------------------------------------------

static obj_t *fh_sigsegv(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    raise(SIGSEGV);
    return NEWREF(None);
}

static obj_t *fh_sigabrt(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    abort();
}

static obj_t *fh_sigfpe(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    raise(SIGFPE);
    return NEWREF(None);
}

static obj_t *fh_read_null(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    volatile int *p = NULL;
    int v = *p;
    return int_from_i64(v);
}

static const method_def_t fh_functions[] = {
    {"enable", fh_enable, 0, "Enable the fault handler."},
    {"disable", fh_disable, 0, "Disable the fault handler."},
    {"is_enabled", fh_is_enabled, 0, "Check if the handler is enabled."},
    {"dump_traceback", fh_dump_traceback, 0,
     "Dump the traceback of the current thread, or of all "
     "threads if all_threads is True, into file."},
    {"dump_traceback_later", fh_dump_later, 0,
     "Dump the traceback of all threads in timeout seconds, or each timeout seconds if repeat is "
     "True."},
    {"cancel_dump_traceback_later", fh_cancel_later, 0,
     "Cancel the previous call to dump_traceback_later()."},
    {"register", fh_register, 0, "Register a handler for the signal 'signum'."},
    {"unregister", fh_unregister, 0, "Unregister the handler of the signal 'signum'."},
    {"_sigsegv", fh_sigsegv, 0, NULL},
    {"_sigabrt", fh_sigabrt, 0, NULL},
    {"_sigfpe", fh_sigfpe, 0, NULL},
    {"_read_null", fh_read_null, 0, NULL},
    {NULL},
};

obj_t *faulthandler_module_init(void) {
    obj_t *m = module_new("faulthandler");
    if (!m) return NULL;
    if (module_add_functions(m, fh_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
