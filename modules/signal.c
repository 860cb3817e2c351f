/*
 * modules/signal.c — `_signal`: Python-level signal handlers (signal.py
 * builds `signal` on it).
 *
 * Delivery, as CPython: the C handler (any thread, async-signal-safe) only
 * sets the signal's flag and `any_tripped`, writes the signal number to
 * the wakeup fd if one is set, and raises EB_SIGNAL on the main thread
 * (thread_signal_main).  The main thread's next eval-breaker check calls
 * run_pending (thread_set_signal_hook), which calls the Python handlers
 * with (signum, current frame).  A blocking call of the main thread that
 * fails with EINTR (time.sleep, os.read, os.waitpid, select ...) checks
 * the eval breaker before retrying, so handlers run promptly there too.
 *
 * The handler table: signal.signal and set_wakeup_fd are main-thread only
 * (CPython's rule: ValueError elsewhere); any thread may read the table
 * (getsignal).  Entries are swapped atomically and the old value is
 * released after a QSBR grace period (qsbr_defer_decref), so a reader's
 * load-then-INCREF never races with the last DECREF.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/frameobject.h"
#include "../gc/qsbr.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../threads/thread.h"

#define PVM_NSIG NSIG // 65 on Linux: signals 1..64

bool thread_is_main(thread_t *ts); // threads/thread.c

static _Atomic int tripped[PVM_NSIG];
static _Atomic int any_tripped;
static _Atomic int wakeup_fd = -1;
static obj_t *_Atomic handlers[PVM_NSIG]; // SIG_DFL (0), SIG_IGN (1), None or a callable
static obj_t *default_int_handler;        // the builtin function object

static void c_handler(int sig) {
    int saved = errno;
    if (sig > 0 && sig < PVM_NSIG) atomic_store(&tripped[sig], 1);
    atomic_store(&any_tripped, 1);
    thread_signal_main();
    int fd = atomic_load(&wakeup_fd);
    if (fd >= 0) {
        unsigned char b = (unsigned char)sig;
        ssize_t rc = write(fd, &b, 1);
        (void)rc;
    }
    errno = saved;
}

// The eval-breaker hook (main thread): runs the handlers of flagged signals.
static int run_pending(void) {
    if (!atomic_exchange(&any_tripped, 0)) return 0;
    thread_t *ts = thread_current();
    for (int i = 1; i < PVM_NSIG; i++) {
        if (!atomic_load(&tripped[i])) continue;
        atomic_store(&tripped[i], 0);
        obj_t *h = atomic_load(&handlers[i]);
        if (h == NULL || IS_SMALLINT(h) || h == None || !obj_is_callable(h)) continue;
        INCREF(h);
        obj_t *frame = ts && ts->frame ? frameobj_get(ts->frame, ts) : NEWREF(None);
        obj_t *r = frame ? obj_call2(h, SMALLINT_FROM(i), frame) : NULL;
        XDECREF(frame);
        DECREF(h);
        if (r == NULL) {
            // The rest run at the next check.
            atomic_store(&any_tripped, 1);
            thread_signal_main();
            return -1;
        }
        DECREF(r);
    }
    return 0;
}

static int signum_arg(obj_t *v, int *sig) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int64_t x;
    int rc = int_as_i64(i, &x);
    DECREF(i);
    if (rc < 0) {
        if (err_matches(exc_OverflowError)) {
            err_clear();
            err_set_str(exc_ValueError, "signal number out of range");
        }
        return -1;
    }
    if (x < 1 || x >= PVM_NSIG) {
        err_set_str(exc_ValueError, "signal number out of range");
        return -1;
    }
    *sig = (int)x;
    return 0;
}

static int int_arg(obj_t *v, int64_t *out) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int rc = int_as_i64(i, out);
    DECREF(i);
    return rc;
}

static int nargs_exact(const char *name, size_t nargs, obj_t *kwnames, size_t n) {
    if (args_no_kw(name, kwnames) < 0) return -1;
    if (nargs != n) {
        err_format(exc_TypeError, "%s expected %d argument%s, got %d", name, (int)n,
                   n == 1 ? "" : "s", (int)nargs);
        return -1;
    }
    return 0;
}

static void set_handler(int sig, obj_t *h) { // h: new reference
    obj_t *old = atomic_exchange(&handlers[sig], h);
    if (old) qsbr_defer_decref(old);
}

static obj_t *sig_signal(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int sig;
    if (nargs_exact("signal", nargs, kwnames, 2) < 0 || signum_arg(args[0], &sig) < 0) return NULL;
    if (!thread_is_main(thread_current())) {
        err_set_str(exc_ValueError, "signal only works in main thread of the main interpreter");
        return NULL;
    }
    obj_t *h = args[1];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK;
    int64_t v = -1;
    if (INT_CHECK(h)) {
        if (int_as_i64(h, &v) < 0) err_clear();
    }
    if (v == 0 || v == 1) {
        sa.sa_handler = v == 0 ? SIG_DFL : SIG_IGN;
    } else if (obj_is_callable(h)) {
        sa.sa_handler = c_handler;
    } else {
        err_set_str(exc_TypeError,
                    "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
        return NULL;
    }
    // Run what is pending first, as CPython (a handler being replaced).
    if (run_pending() < 0) return NULL;
    if (sigaction(sig, &sa, NULL) < 0) return err_from_errno(errno, NULL);
    obj_t *old = atomic_load(&handlers[sig]);
    obj_t *ret = NEWREF(old ? old : None);
    set_handler(sig, NEWREF(h));
    return ret;
}

static obj_t *sig_getsignal(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int sig;
    if (args_check("getsignal", nargs, kwnames, 1, 1) < 0 || signum_arg(args[0], &sig) < 0)
        return NULL;
    obj_t *h = atomic_load(&handlers[sig]);
    return NEWREF(h ? h : None);
}

static obj_t *sig_default_int_handler(obj_t *self, obj_t *const *args, size_t nargs,
                                      obj_t *kwnames) {
    if (nargs_exact("default_int_handler", nargs, kwnames, 2) < 0) return NULL;
    err_set(exc_KeyboardInterrupt, NULL);
    return NULL;
}

static obj_t *sig_raise_signal(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t sig; // no range check: raise() answers EINVAL, as CPython
    if (args_check("raise_signal", nargs, kwnames, 1, 1) < 0 || int_arg(args[0], &sig) < 0)
        return NULL;
    if (sig < INT_MIN || sig > INT_MAX || raise((int)sig) != 0) return err_from_errno(EINVAL, NULL);
    thread_t *ts = thread_current();
    if (ts && thread_is_main(ts) && thread_handle_eval_breaker(ts) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *sig_strsignal(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int sig;
    if (args_check("strsignal", nargs, kwnames, 1, 1) < 0 || signum_arg(args[0], &sig) < 0)
        return NULL;
    const char *s = strsignal(sig);
    if (s == NULL || strncmp(s, "Unknown signal", 14) == 0) return NEWREF(None);
    return str_from_cstr(s);
}

static obj_t *set_of(const sigset_t *set) {
    obj_t *r = set_new(NULL);
    if (r == NULL) return NULL;
    for (int i = 1; i < PVM_NSIG; i++) {
        if (sigismember(set, i) == 1 && set_add(r, SMALLINT_FROM(i)) < 0) {
            DECREF(r);
            return NULL;
        }
    }
    return r;
}

static obj_t *sig_valid_signals(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("valid_signals", nargs, kwnames, 0, 0) < 0) return NULL;
    sigset_t set;
    sigfillset(&set);
    return set_of(&set);
}

static int sigset_arg(obj_t *v, sigset_t *set) {
    sigemptyset(set);
    obj_t *it = obj_iter(v);
    if (it == NULL) return -1;
    obj_t *x;
    while ((x = obj_iternext(it)) != NULL) {
        int64_t n;
        int rc = int_arg(x, &n);
        DECREF(x);
        // A number past a C long is "signal number -1 out of range", as
        // CPython's converter (overflow gives -1) has it.
        if (rc < 0 && err_matches(exc_OverflowError)) {
            err_clear();
            n = -1;
            rc = 0;
        }
        if (rc < 0) goto error;
        if (n < 1 || n >= PVM_NSIG) {
            err_format(exc_ValueError, "signal number %d out of range [1; %d]", (int)n,
                       PVM_NSIG - 1);
            goto error;
        }
        sigaddset(set, (int)n);
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
error:
    DECREF(it);
    return -1;
}

static obj_t *sig_pthread_sigmask(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t how;
    sigset_t set, old;
    if (nargs_exact("pthread_sigmask", nargs, kwnames, 2) < 0 || int_arg(args[0], &how) < 0 ||
        sigset_arg(args[1], &set) < 0)
        return NULL;
    int rc = pthread_sigmask((int)how, &set, &old);
    if (rc != 0) return err_from_errno(rc, NULL);
    thread_t *ts = thread_current();
    if (ts && thread_is_main(ts) && thread_handle_eval_breaker(ts) < 0) return NULL;
    return set_of(&old);
}

static obj_t *sig_sigpending(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("sigpending", nargs, kwnames, 0, 0) < 0) return NULL;
    sigset_t set;
    if (sigpending(&set) < 0) return err_from_errno(errno, NULL);
    return set_of(&set);
}

static obj_t *sig_sigwait(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    sigset_t set;
    int sig, rc;
    if (args_check("sigwait", nargs, kwnames, 1, 1) < 0 || sigset_arg(args[0], &set) < 0)
        return NULL;
    thread_block_begin();
    rc = sigwait(&set, &sig);
    thread_block_end();
    if (rc != 0) return err_from_errno(rc, NULL);
    return SMALLINT_FROM(sig);
}

static obj_t *sig_siginterrupt(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int sig;
    if (nargs_exact("siginterrupt", nargs, kwnames, 2) < 0 || signum_arg(args[0], &sig) < 0)
        return NULL;
    int flag = obj_is_true(args[1]);
    if (flag < 0) return NULL;
    struct sigaction sa;
    if (sigaction(sig, NULL, &sa) < 0) return err_from_errno(errno, NULL);
    if (flag)
        sa.sa_flags &= ~SA_RESTART;
    else
        sa.sa_flags |= SA_RESTART;
    if (sigaction(sig, &sa, NULL) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *sig_alarm(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t secs;
    if (args_check("alarm", nargs, kwnames, 1, 1) < 0 || int_arg(args[0], &secs) < 0) return NULL;
    return int_from_i64(alarm((unsigned)secs));
}

static obj_t *sig_pause(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("pause", nargs, kwnames, 0, 0) < 0) return NULL;
    thread_block_begin();
    pause();
    thread_block_end();
    thread_t *ts = thread_current();
    if (ts && thread_handle_eval_breaker(ts) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *sig_set_wakeup_fd(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", "$warn_on_full_buffer", NULL};
    obj_t *vals[2] = {NULL, NULL};
    int64_t fd;
    if (args_parse("set_wakeup_fd", args, nargs, kwnames, names, 1, vals) < 0 ||
        int_arg(vals[0], &fd) < 0)
        return NULL;
    if (!thread_is_main(thread_current())) {
        err_set_str(exc_ValueError,
                    "set_wakeup_fd only works in main thread of the main interpreter");
        return NULL;
    }
    if (fd != -1) {
        struct stat st;
        if (fd < 0 || fd > 0x7fffffff || fstat((int)fd, &st) < 0)
            return err_from_errno(fd < 0 ? EBADF : errno, NULL);
        int fl = fcntl((int)fd, F_GETFL);
        if (fl < 0) return err_from_errno(errno, NULL);
        if (!(fl & O_NONBLOCK)) {
            err_format(exc_ValueError, "the fd %d must be in non-blocking mode", (int)fd);
            return NULL;
        }
    }
    return int_from_i64(atomic_exchange(&wakeup_fd, (int)fd));
}

static obj_t *sig_pthread_kill(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t tid, sig;
    if (nargs_exact("pthread_kill", nargs, kwnames, 2) < 0 || int_arg(args[0], &tid) < 0 ||
        int_arg(args[1], &sig) < 0)
        return NULL;
    int rc = pthread_kill((pthread_t)tid, (int)sig);
    if (rc != 0) return err_from_errno(rc, NULL);
    thread_t *ts = thread_current();
    if (ts && thread_is_main(ts) && thread_handle_eval_breaker(ts) < 0) return NULL;
    return NEWREF(None);
}

static const method_def_t signal_functions[] = {
    {"signal", sig_signal, 0, NULL},
    {"getsignal", sig_getsignal, 0, NULL},
    {"default_int_handler", sig_default_int_handler, 0, NULL},
    {"raise_signal", sig_raise_signal, 0, NULL},
    {"strsignal", sig_strsignal, 0, NULL},
    {"valid_signals", sig_valid_signals, 0, NULL},
    {"pthread_sigmask", sig_pthread_sigmask, 0, NULL},
    {"pthread_kill", sig_pthread_kill, 0, NULL},
    {"sigpending", sig_sigpending, 0, NULL},
    {"sigwait", sig_sigwait, 0, NULL},
    {"siginterrupt", sig_siginterrupt, 0, NULL},
    {"alarm", sig_alarm, 0, NULL},
    {"pause", sig_pause, 0, NULL},
    {"set_wakeup_fd", sig_set_wakeup_fd, 0, NULL},
    {NULL},
};

#define S(name)                                                                                    \
    { #name, name }
static const struct {
    const char *name;
    int value;
} signal_constants[] = {
    S(SIGHUP),      S(SIGINT),          S(SIGQUIT),     S(SIGILL),      S(SIGTRAP),
    S(SIGABRT),     S(SIGIOT),          S(SIGBUS),      S(SIGFPE),      S(SIGKILL),
    S(SIGUSR1),     S(SIGSEGV),         S(SIGUSR2),     S(SIGPIPE),     S(SIGALRM),
    S(SIGTERM),     S(SIGSTKFLT),       S(SIGCHLD),     S(SIGCONT),     S(SIGSTOP),
    S(SIGTSTP),     S(SIGTTIN),         S(SIGTTOU),     S(SIGURG),      S(SIGXCPU),
    S(SIGXFSZ),     S(SIGVTALRM),       S(SIGPROF),     S(SIGWINCH),    S(SIGIO),
    S(SIGPOLL),     S(SIGPWR),          S(SIGSYS),      S(SIG_BLOCK),   S(SIG_UNBLOCK),
    S(SIG_SETMASK), {"NSIG", PVM_NSIG}, {"SIG_DFL", 0}, {"SIG_IGN", 1}, {NULL, 0},
};

obj_t *signal_module_init(void) {
    obj_t *m = module_new("_signal");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, signal_functions) < 0) goto error;
    for (size_t i = 0; signal_constants[i].name; i++)
        if (dict_set_str(d, signal_constants[i].name, SMALLINT_FROM(signal_constants[i].value)) < 0)
            goto error;
    if (dict_set_str(d, "SIGRTMIN", SMALLINT_FROM(SIGRTMIN)) < 0 ||
        dict_set_str(d, "SIGRTMAX", SMALLINT_FROM(SIGRTMAX)) < 0)
        goto error;
    if (default_int_handler == NULL) {
        default_int_handler = dict_get_str(d, "default_int_handler");
        if (default_int_handler == NULL) goto error;
        obj_immortalize(default_int_handler);
        // The table from the current dispositions; SIGINT gets
        // default_int_handler unless it is ignored (as CPython at start-up).
        for (int i = 1; i < PVM_NSIG; i++) {
            struct sigaction sa;
            obj_t *h = None;
            if (sigaction(i, NULL, &sa) == 0) {
                if (sa.sa_handler == SIG_DFL)
                    h = SMALLINT_FROM(0);
                else if (sa.sa_handler == SIG_IGN)
                    h = SMALLINT_FROM(1);
            }
            if (i == SIGINT && h != SMALLINT_FROM(1)) {
                struct sigaction na;
                memset(&na, 0, sizeof na);
                sigemptyset(&na.sa_mask);
                na.sa_flags = SA_ONSTACK;
                na.sa_handler = c_handler;
                sigaction(SIGINT, &na, NULL);
                h = default_int_handler;
            }
            atomic_store(&handlers[i], NEWREF(h));
        }
        thread_set_signal_hook(run_pending);
    }
    return m;
error:
    DECREF(m);
    return NULL;
}
