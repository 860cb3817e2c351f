/*
 * modules/posix.c — the `posix` module (CPython's name for the native half
 * of `os` on POSIX systems; the standard library's os.py does `from posix
 * import *`).  This file: module set-up and constants, processes (fork,
 * exec, wait, kill, ids), the environment, and small system queries
 * (uname, times, umask, urandom, cpu_count, terminal size).  The
 * file-system functions are in modules/posix_fs.c.
 *
 * Concurrency: `environ` is a dict (its own critical sections); the C
 * environment behind putenv/unsetenv is process-global, so those calls
 * are serialized by env_lock (held only around setenv/unsetenv).  The
 * fork hooks of register_at_fork live in three lists (list operations are
 * atomic).  fork() stops the world first (threads/stw.h), so every other
 * thread is parked outside critical sections and offline for QSBR when
 * the process is copied; the child then forgets them
 * (thread_after_fork_child) and only the calling thread runs.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "posix_internal.h"
#include "structseq.h"

extern char **environ;

static pthread_mutex_t env_lock = PTHREAD_MUTEX_INITIALIZER;
static obj_t *fork_before, *fork_child, *fork_parent; // lists of callables

static obj_t *oserr(int e) {
    return err_from_errno(e, NULL);
}

// ---- struct sequences ------------------------------------------------------------------

static const getset_def_t uname_getsets[] = {
    STRUCTSEQ_FIELD("sysname", 0), STRUCTSEQ_FIELD("nodename", 1), STRUCTSEQ_FIELD("release", 2),
    STRUCTSEQ_FIELD("version", 3), STRUCTSEQ_FIELD("machine", 4),  {NULL, NULL, NULL, NULL},
};
static const char *const uname_names[] = {"sysname", "nodename", "release", "version", "machine"};
static structseq_type_t uname_type =
    STRUCTSEQ_TYPE("posix.uname_result", uname_getsets, 5, 5, uname_names);

static const getset_def_t times_getsets[] = {
    STRUCTSEQ_FIELD("user", 0),          STRUCTSEQ_FIELD("system", 1),
    STRUCTSEQ_FIELD("children_user", 2), STRUCTSEQ_FIELD("children_system", 3),
    STRUCTSEQ_FIELD("elapsed", 4),       {NULL, NULL, NULL, NULL},
};
static const char *const times_names[] = {"user", "system", "children_user", "children_system",
                                          "elapsed"};
static structseq_type_t times_type =
    STRUCTSEQ_TYPE("posix.times_result", times_getsets, 5, 5, times_names);

static const getset_def_t tsize_getsets[] = {
    STRUCTSEQ_FIELD("columns", 0),
    STRUCTSEQ_FIELD("lines", 1),
    {NULL, NULL, NULL, NULL},
};
static const char *const tsize_names[] = {"columns", "lines"};
static structseq_type_t tsize_type =
    STRUCTSEQ_TYPE("os.terminal_size", tsize_getsets, 2, 2, tsize_names);

static obj_t *os_uname(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("uname", nargs, kwnames, 0, 0) < 0) return NULL;
    struct utsname u;
    if (uname(&u) < 0) return oserr(errno);
    obj_t *it[5] = {
        posix_fs_decode(u.sysname, strlen(u.sysname), false),
        posix_fs_decode(u.nodename, strlen(u.nodename), false),
        posix_fs_decode(u.release, strlen(u.release), false),
        posix_fs_decode(u.version, strlen(u.version), false),
        posix_fs_decode(u.machine, strlen(u.machine), false),
    };
    return structseq_new(&uname_type, it);
}

static obj_t *os_times(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("times", nargs, kwnames, 0, 0) < 0) return NULL;
    struct tms t;
    clock_t c = times(&t);
    if (c == (clock_t)-1) return oserr(errno);
    double tick = (double)sysconf(_SC_CLK_TCK);
    obj_t *it[5] = {
        float_from_double((double)t.tms_utime / tick),
        float_from_double((double)t.tms_stime / tick),
        float_from_double((double)t.tms_cutime / tick),
        float_from_double((double)t.tms_cstime / tick),
        float_from_double((double)c / tick),
    };
    return structseq_new(&times_type, it);
}

static obj_t *os_get_terminal_size(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd = 1;
    if (args_check("get_terminal_size", nargs, kwnames, 0, 1) < 0 ||
        (nargs == 1 && posix_fd_arg(args[0], &fd) < 0))
        return NULL;
    struct winsize w;
    if (ioctl(fd, TIOCGWINSZ, &w) < 0) return oserr(errno);
    obj_t *it[2] = {SMALLINT_FROM(w.ws_col), SMALLINT_FROM(w.ws_row)};
    return structseq_new(&tsize_type, it);
}

// ---- processes -------------------------------------------------------------------------

#define ID_FUNC(pyname, expr)                                                                      \
    static obj_t *os_##pyname(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {     \
        if (args_check(#pyname, nargs, kwnames, 0, 0) < 0) return NULL;                            \
        return int_from_i64((int64_t)(expr));                                                      \
    }
ID_FUNC(getpid, getpid())
ID_FUNC(getppid, getppid())
ID_FUNC(getuid, getuid())
ID_FUNC(geteuid, geteuid())
ID_FUNC(getgid, getgid())
ID_FUNC(getegid, getegid())
ID_FUNC(getpgrp, getpgrp())

static obj_t *os_setsid(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("setsid", nargs, kwnames, 0, 0) < 0) return NULL;
    if (setsid() < 0) return oserr(errno);
    return NEWREF(None);
}

static int int_arg(obj_t *v, int64_t *out) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int rc = int_as_i64(i, out);
    DECREF(i);
    return rc;
}

static obj_t *os_getpgid(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t pid;
    if (args_check("getpgid", nargs, kwnames, 1, 1) < 0 || int_arg(args[0], &pid) < 0) return NULL;
    pid_t r = getpgid((pid_t)pid);
    if (r < 0) return oserr(errno);
    return int_from_i64(r);
}

static obj_t *os_kill(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t pid, sig;
    if (args_check("kill", nargs, kwnames, 2, 2) < 0 || int_arg(args[0], &pid) < 0 ||
        int_arg(args[1], &sig) < 0)
        return NULL;
    if (kill((pid_t)pid, (int)sig) < 0) return oserr(errno);
    // A signal sent to ourselves is handled before kill() returns, as CPython.
    thread_t *ts = thread_current();
    if (ts && thread_handle_eval_breaker(ts) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *os_killpg(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t pg, sig;
    if (args_check("killpg", nargs, kwnames, 2, 2) < 0 || int_arg(args[0], &pg) < 0 ||
        int_arg(args[1], &sig) < 0)
        return NULL;
    if (killpg((pid_t)pg, (int)sig) < 0) return oserr(errno);
    return NEWREF(None);
}

static void run_hooks(obj_t *list, bool reverse) {
    if (list == NULL) return;
    obj_t *copy = tuple_from_iterable(list);
    if (copy == NULL) {
        err_clear();
        return;
    }
    size_t n = TUPLE_SIZE(copy);
    for (size_t k = 0; k < n; k++) {
        obj_t *f = TUPLE_GET(copy, reverse ? n - 1 - k : k);
        obj_t *r = obj_call0(f);
        if (r == NULL)
            err_print();
        else
            DECREF(r);
    }
    DECREF(copy);
}

static obj_t *os_fork(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("fork", nargs, kwnames, 0, 0) < 0) return NULL;
    run_hooks(fork_before, true);
    thread_fork_prepare();
    pid_t pid = fork();
    int e = errno;
    if (pid == 0) {
        thread_fork_child();
        run_hooks(fork_child, false);
    } else {
        thread_fork_parent();
        run_hooks(fork_parent, false);
    }
    if (pid < 0) return oserr(e);
    return int_from_i64(pid);
}

static obj_t *os_register_at_fork(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"$before", "$after_in_child", "$after_in_parent", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    if (args_parse("register_at_fork", args, nargs, kwnames, names, 0, vals) < 0) return NULL;
    if (!vals[0] && !vals[1] && !vals[2]) {
        err_set_str(exc_TypeError, "At least one argument is required.");
        return NULL;
    }
    static const char *const what[] = {"before", "after_in_child", "after_in_parent"};
    for (int i = 0; i < 3; i++) {
        if (vals[i] && !obj_is_callable(vals[i])) {
            err_format(exc_TypeError, "'%s' must be callable, not %s", what[i],
                       obj_type_name(vals[i]));
            return NULL;
        }
    }
    obj_t *lists[3] = {fork_before, fork_child, fork_parent};
    for (int i = 0; i < 3; i++)
        if (vals[i] && list_append(lists[i], vals[i]) < 0) return NULL;
    return NEWREF(None);
}

// argv/env element as a NUL-terminated C string (str, bytes or PathLike).
static char *c_string(obj_t *v, const char *fname, const char *what) {
    path_t p = PATH_INIT(fname, what, false, false);
    if (path_convert(v, &p) < 0) return NULL;
    char *s = strdup(p.path);
    path_release(&p);
    if (s == NULL) err_no_memory();
    return s;
}

static void free_strv(char **v) {
    if (v == NULL) return;
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

static char **argv_list(obj_t *seq, const char *fname) {
    if (!TUPLE_CHECK(seq) && !LIST_CHECK(seq)) {
        err_format(exc_TypeError, "%s() arg 2 must be a tuple or list", fname);
        return NULL;
    }
    obj_t *t = tuple_from_iterable(seq);
    if (t == NULL) return NULL;
    size_t n = TUPLE_SIZE(t);
    char **v = calloc(n + 1, sizeof(char *));
    if (v == NULL) {
        DECREF(t);
        err_no_memory();
        return NULL;
    }
    if (n == 0) {
        err_format(exc_ValueError, "%s() arg 2 must not be empty", fname);
        goto error;
    }
    for (size_t i = 0; i < n; i++) {
        if ((v[i] = c_string(TUPLE_GET(t, i), fname, "args")) == NULL) goto error;
    }
    if (v[0][0] == 0) {
        err_format(exc_ValueError, "%s() arg 2 first element cannot be empty", fname);
        goto error;
    }
    DECREF(t);
    return v;
error:
    DECREF(t);
    free_strv(v);
    return NULL;
}

static char **env_list(obj_t *env) {
    obj_t *keys = obj_call_method(env, "keys", NULL, 0);
    obj_t *kl = keys ? tuple_from_iterable(keys) : NULL;
    XDECREF(keys);
    if (kl == NULL) return NULL;
    size_t n = TUPLE_SIZE(kl);
    char **v = calloc(n + 1, sizeof(char *));
    if (v == NULL) {
        DECREF(kl);
        err_no_memory();
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        obj_t *k = TUPLE_GET(kl, i);
        obj_t *val = obj_getitem(env, k);
        if (val == NULL) goto error;
        char *ks = c_string(k, "execve", "key"), *vs = ks ? c_string(val, "execve", "value") : NULL;
        DECREF(val);
        if (vs == NULL) {
            free(ks);
            goto error;
        }
        if (ks[0] == 0 || strchr(ks, '=') != NULL) {
            free(ks);
            free(vs);
            err_set_str(exc_ValueError, "illegal environment variable name");
            goto error;
        }
        size_t lk = strlen(ks), lv = strlen(vs);
        v[i] = malloc(lk + lv + 2);
        if (v[i] == NULL) {
            free(ks);
            free(vs);
            err_no_memory();
            goto error;
        }
        memcpy(v[i], ks, lk);
        v[i][lk] = '=';
        memcpy(v[i] + lk + 1, vs, lv + 1);
        free(ks);
        free(vs);
    }
    DECREF(kl);
    return v;
error:
    DECREF(kl);
    free_strv(v);
    return NULL;
}

static obj_t *do_exec(const char *fname, obj_t *pathobj, obj_t *argvobj, obj_t *envobj) {
    path_t p = PATH_INIT(fname, "path", envobj != NULL, false);
    if (path_convert(pathobj, &p) < 0) return NULL;
    char **argv = argv_list(argvobj, fname), **envp = NULL;
    if (argv == NULL) goto done;
    if (envobj != NULL && (envp = env_list(envobj)) == NULL) goto done;
    fflush(stdout);
    fflush(stderr);
    if (p.path == NULL)
        fexecve(p.fd, argv, envp);
    else if (envp)
        execve(p.path, argv, envp);
    else
        execv(p.path, argv);
    oserr(errno);
done:
    free_strv(argv);
    free_strv(envp);
    path_release(&p);
    return NULL;
}

static obj_t *os_execv(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("execv", nargs, kwnames, 2, 2) < 0) return NULL;
    return do_exec("execv", args[0], args[1], NULL);
}

static obj_t *os_execve(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "argv", "env", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    if (args_parse("execve", args, nargs, kwnames, names, 3, vals) < 0) return NULL;
    return do_exec("execve", vals[0], vals[1], vals[2]);
}

// wait4 (waitpid when ru is NULL) in a blocking region, retried after
// EINTR once the signal handlers have run: the child's pid, -1 with the
// errno in *err, or -2 when a handler raised.
static pid_t wait_for_child(pid_t pid, int opts, int *status, struct rusage *ru, int *err) {
    for (;;) {
        thread_block_begin();
        pid_t r = wait4(pid, status, opts, ru);
        int e = errno;
        thread_block_end();
        if (r >= 0 || e != EINTR) {
            *err = e;
            return r;
        }
        thread_t *ts = thread_current();
        if (ts && thread_handle_eval_breaker(ts) < 0) return -2;
    }
}

static obj_t *os_waitpid(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t pid, opts;
    if (args_check("waitpid", nargs, kwnames, 2, 2) < 0 || int_arg(args[0], &pid) < 0 ||
        int_arg(args[1], &opts) < 0)
        return NULL;
    int status = 0, e;
    pid_t r = wait_for_child((pid_t)pid, (int)opts, &status, NULL, &e);
    if (r == -2) return NULL;
    if (r < 0) return oserr(e);
    obj_t *a = int_from_i64(r);
    if (a == NULL) return NULL;
    obj_t *t = tuple_pack(2, a, SMALLINT_FROM(status));
    DECREF(a);
    return t;
}

static obj_t *os_wait(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("wait", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *a[2] = {SMALLINT_FROM(-1), SMALLINT_FROM(0)};
    return os_waitpid(self, a, 2, NULL);
}

// wait3/wait4: waitpid's result and the child's resource usage as a
// resource.struct_rusage (modules/resource.c); zeros when WNOHANG found
// no child ready.
obj_t *resource_rusage_new(const struct rusage *ru);

static obj_t *wait_rusage(pid_t pid, int opts) {
    int status = 0, e;
    struct rusage ru;
    pid_t r = wait_for_child(pid, opts, &status, &ru, &e);
    if (r == -2) return NULL;
    if (r < 0) return oserr(e);
    if (r == 0) memset(&ru, 0, sizeof ru);
    obj_t *a = int_from_i64(r);
    obj_t *u = a ? resource_rusage_new(&ru) : NULL;
    obj_t *t = u ? tuple_pack(3, a, SMALLINT_FROM(status), u) : NULL;
    XDECREF(a);
    XDECREF(u);
    return t;
}

static obj_t *os_wait3(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"options", NULL};
    obj_t *v = NULL;
    int opts;
    if (args_parse("wait3", args, nargs, kwnames, names, 1, &v) < 0 || posix_fd_arg(v, &opts) < 0)
        return NULL;
    return wait_rusage(-1, opts);
}

static obj_t *os_wait4(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"pid", "options", NULL};
    obj_t *v[2] = {NULL, NULL};
    int64_t pid;
    int opts;
    if (args_parse("wait4", args, nargs, kwnames, names, 2, v) < 0 || int_arg(v[0], &pid) < 0 ||
        posix_fd_arg(v[1], &opts) < 0)
        return NULL;
    return wait_rusage((pid_t)pid, opts);
}

static obj_t *os_abort(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("posix.abort", nargs, kwnames, 0, 0) < 0) return NULL;
    abort();
}

static obj_t *os_waitstatus_to_exitcode(obj_t *self, obj_t *const *args, size_t nargs,
                                        obj_t *kwnames) {
    static const char *const names[] = {"status", NULL};
    obj_t *v = NULL;
    int st;
    if (args_parse("waitstatus_to_exitcode", args, nargs, kwnames, names, 1, &v) < 0 ||
        posix_fd_arg(v, &st) < 0)
        return NULL;
    if (WIFEXITED(st)) return SMALLINT_FROM(WEXITSTATUS(st));
    if (WIFSIGNALED(st)) return SMALLINT_FROM(-WTERMSIG(st));
    err_format(exc_ValueError, "invalid wait status: %d", st);
    return NULL;
}

#define WAIT_FUNC(name, expr, isbool)                                                              \
    static obj_t *os_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {       \
        static const char *const names[] = {"status", NULL};                                       \
        obj_t *v = NULL;                                                                           \
        int status;                                                                                \
        if (args_parse(#name, args, nargs, kwnames, names, 1, &v) < 0 ||                           \
            posix_fd_arg(v, &status) < 0)                                                          \
            return NULL;                                                                           \
        int r = expr(status);                                                                      \
        return isbool ? NEWREF(r ? True : False) : SMALLINT_FROM(r);                               \
    }
WAIT_FUNC(WIFEXITED, WIFEXITED, true)
WAIT_FUNC(WEXITSTATUS, WEXITSTATUS, false)
WAIT_FUNC(WIFSIGNALED, WIFSIGNALED, true)
WAIT_FUNC(WTERMSIG, WTERMSIG, false)
WAIT_FUNC(WIFSTOPPED, WIFSTOPPED, true)
WAIT_FUNC(WSTOPSIG, WSTOPSIG, false)
WAIT_FUNC(WIFCONTINUED, WIFCONTINUED, true)
WAIT_FUNC(WCOREDUMP, WCOREDUMP, true)

static obj_t *os_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int code;
    if (args_check("_exit", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &code) < 0)
        return NULL;
    fflush(stdout);
    fflush(stderr);
    _exit(code);
}

// ---- environment and misc ------------------------------------------------------------

static obj_t *os_putenv(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("putenv", nargs, kwnames, 2, 2) < 0) return NULL;
    path_t k = PATH_INIT("putenv", "name", false, false),
           v = PATH_INIT("putenv", "value", false, false);
    obj_t *r = NULL;
    if (path_convert(args[0], &k) < 0) return NULL;
    if (path_convert(args[1], &v) < 0) goto done;
    if (strchr(k.path, '=') != NULL) {
        err_set_str(exc_ValueError, "illegal environment variable name");
        goto done;
    }
    pthread_mutex_lock(&env_lock);
    int rc = setenv(k.path, v.path, 1), e = errno;
    pthread_mutex_unlock(&env_lock);
    r = rc < 0 ? oserr(e) : NEWREF(None);
done:
    path_release(&k);
    path_release(&v);
    return r;
}

static obj_t *os_unsetenv(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("unsetenv", nargs, kwnames, 1, 1) < 0) return NULL;
    path_t k = PATH_INIT("unsetenv", "name", false, false);
    if (path_convert(args[0], &k) < 0) return NULL;
    if (k.path[0] == 0 || strchr(k.path, '=') != NULL) {
        path_release(&k);
        return oserr(EINVAL);
    }
    pthread_mutex_lock(&env_lock);
    int rc = unsetenv(k.path), e = errno;
    pthread_mutex_unlock(&env_lock);
    path_release(&k);
    if (rc < 0) return oserr(e);
    return NEWREF(None);
}

static obj_t *os_strerror(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int code;
    if (args_check("strerror", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &code) < 0)
        return NULL;
    char buf[256];
    const char *s = strerror_r(code, buf, sizeof buf);
    return str_from_cstr(s);
}

static obj_t *os_urandom(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t n;
    if (args_check("urandom", nargs, kwnames, 1, 1) < 0 || int_arg(args[0], &n) < 0) return NULL;
    if (n < 0) {
        err_set_str(exc_ValueError, "negative argument not allowed");
        return NULL;
    }
    unsigned char *buf = malloc((size_t)n + 1);
    if (buf == NULL) return err_no_memory();
    size_t got = 0;
    while (got < (size_t)n) {
        ssize_t r = getrandom(buf + got, (size_t)n - got, 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(buf);
            return oserr(e);
        }
        got += (size_t)r;
    }
    obj_t *r = bytes_from(buf, (size_t)n);
    free(buf);
    return r;
}

static obj_t *os_cpu_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("cpu_count", nargs, kwnames, 0, 0) < 0) return NULL;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) return NEWREF(None);
    return int_from_i64(n);
}

static obj_t *os_sched_getaffinity(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t pid;
    if (args_check("sched_getaffinity", nargs, kwnames, 1, 1) < 0 || int_arg(args[0], &pid) < 0)
        return NULL;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity((pid_t)pid, sizeof set, &set) < 0) return oserr(errno);
    obj_t *s = set_new(NULL);
    if (s == NULL) return NULL;
    for (int i = 0; i < CPU_SETSIZE; i++) {
        if (CPU_ISSET(i, &set) && set_add(s, SMALLINT_FROM(i)) < 0) {
            DECREF(s);
            return NULL;
        }
    }
    return s;
}

static obj_t *os_umask(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int m;
    if (args_check("umask", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &m) < 0) return NULL;
    return SMALLINT_FROM(umask((mode_t)m));
}

static obj_t *os_fspath(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", NULL};
    obj_t *v = NULL;
    if (args_parse("fspath", args, nargs, kwnames, names, 1, &v) < 0) return NULL;
    if (STR_CHECK(v) || BYTES_CHECK(v)) return NEWREF(v);
    obj_t *f = type_lookup(TYPE(v), str_intern("__fspath__"));
    if (f == NULL) {
        err_format(exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                   obj_type_name(v));
        return NULL;
    }
    obj_t *r = obj_call1(f, v);
    if (r == NULL) return NULL;
    if (!STR_CHECK(r) && !BYTES_CHECK(r)) {
        err_format(exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                   obj_type_name(v), obj_type_name(r));
        DECREF(r);
        return NULL;
    }
    return r;
}

static const method_def_t posix_functions[] = {
    {"uname", os_uname, 0, NULL},
    {"times", os_times, 0, NULL},
    {"get_terminal_size", os_get_terminal_size, 0, NULL},
    {"getpid", os_getpid, 0, NULL},
    {"getppid", os_getppid, 0, NULL},
    {"getuid", os_getuid, 0, NULL},
    {"geteuid", os_geteuid, 0, NULL},
    {"getgid", os_getgid, 0, NULL},
    {"getegid", os_getegid, 0, NULL},
    {"getpgrp", os_getpgrp, 0, NULL},
    {"getpgid", os_getpgid, 0, NULL},
    {"setsid", os_setsid, 0, NULL},
    {"kill", os_kill, 0, NULL},
    {"killpg", os_killpg, 0, NULL},
    {"fork", os_fork, 0, NULL},
    {"register_at_fork", os_register_at_fork, 0, NULL},
    {"execv", os_execv, 0, NULL},
    {"execve", os_execve, 0, NULL},
    {"waitpid", os_waitpid, 0, NULL},
    {"wait3", os_wait3, 0, NULL},
    {"wait4", os_wait4, 0, NULL},
    {"abort", os_abort, 0, NULL},
    {"wait", os_wait, 0, NULL},
    {"waitstatus_to_exitcode", os_waitstatus_to_exitcode, 0, NULL},
    {"WIFEXITED", os_WIFEXITED, 0, NULL},
    {"WEXITSTATUS", os_WEXITSTATUS, 0, NULL},
    {"WIFSIGNALED", os_WIFSIGNALED, 0, NULL},
    {"WTERMSIG", os_WTERMSIG, 0, NULL},
    {"WIFSTOPPED", os_WIFSTOPPED, 0, NULL},
    {"WSTOPSIG", os_WSTOPSIG, 0, NULL},
    {"WIFCONTINUED", os_WIFCONTINUED, 0, NULL},
    {"WCOREDUMP", os_WCOREDUMP, 0, NULL},
    {"_exit", os_exit, 0, NULL},
    {"putenv", os_putenv, 0, NULL},
    {"unsetenv", os_unsetenv, 0, NULL},
    {"strerror", os_strerror, 0, NULL},
    {"urandom", os_urandom, 0, NULL},
    {"cpu_count", os_cpu_count, 0, NULL},
    {"sched_getaffinity", os_sched_getaffinity, 0, NULL},
    {"umask", os_umask, 0, NULL},
    {"fspath", os_fspath, 0, NULL},
    {NULL},
};

// ---- module --------------------------------------------------------------------------

#define C(name)                                                                                    \
    { #name, name }
static const struct {
    const char *name;
    long value;
} posix_constants[] = {
    C(F_OK),
    C(R_OK),
    C(W_OK),
    C(X_OK),
    C(O_RDONLY),
    C(O_WRONLY),
    C(O_RDWR),
    C(O_APPEND),
    C(O_CREAT),
    C(O_EXCL),
    C(O_TRUNC),
    C(O_NONBLOCK),
    C(O_NDELAY),
    C(O_SYNC),
    C(O_DSYNC),
    C(O_RSYNC),
    C(O_NOCTTY),
    C(O_CLOEXEC),
    C(O_DIRECTORY),
    C(O_NOFOLLOW),
    C(O_ACCMODE),
    C(O_ASYNC),
    C(O_DIRECT),
    C(O_LARGEFILE),
    C(O_NOATIME),
    C(O_PATH),
    C(O_TMPFILE),
    {"O_FSYNC", O_SYNC},
    C(SEEK_SET),
    C(SEEK_CUR),
    C(SEEK_END),
    C(SEEK_DATA),
    C(SEEK_HOLE),
    C(WNOHANG),
    C(WUNTRACED),
    C(WCONTINUED),
    C(WEXITED),
    C(WSTOPPED),
    C(WNOWAIT),
    C(EX_OK),
    C(EX_USAGE),
    C(EX_DATAERR),
    C(EX_NOINPUT),
    C(EX_NOUSER),
    C(EX_NOHOST),
    C(EX_UNAVAILABLE),
    C(EX_SOFTWARE),
    C(EX_OSERR),
    C(EX_OSFILE),
    C(EX_CANTCREAT),
    C(EX_IOERR),
    C(EX_TEMPFAIL),
    C(EX_PROTOCOL),
    C(EX_NOPERM),
    C(EX_CONFIG),
    C(P_PID),
    C(P_PGID),
    C(P_ALL),
    C(PRIO_PROCESS),
    C(PRIO_PGRP),
    C(PRIO_USER),
    C(SCHED_OTHER),
    C(SCHED_FIFO),
    C(SCHED_RR),
    C(SCHED_BATCH),
    C(SCHED_IDLE),
    C(SCHED_RESET_ON_FORK),
    C(F_LOCK),
    C(F_TLOCK),
    C(F_ULOCK),
    C(F_TEST),
    C(CLD_EXITED),
    C(CLD_KILLED),
    C(CLD_DUMPED),
    C(CLD_TRAPPED),
    C(CLD_STOPPED),
    C(CLD_CONTINUED),
    C(NGROUPS_MAX),
    C(TMP_MAX),
    C(GRND_NONBLOCK),
    C(GRND_RANDOM),
    {NULL, 0},
};

// What os.py builds supports_dir_fd / supports_fd / supports_follow_symlinks
// from: only what this module implements.
static const char *const have_functions[] = {
    "HAVE_FACCESSAT", "HAVE_FCHDIR",   "HAVE_FCHMOD",    "HAVE_FCHMODAT",   "HAVE_FDOPENDIR",
    "HAVE_FEXECVE",   "HAVE_FSTATAT",  "HAVE_FTRUNCATE", "HAVE_FUTIMENS",   "HAVE_LINKAT",
    "HAVE_LSTAT",     "HAVE_MKDIRAT",  "HAVE_OPENAT",    "HAVE_READLINKAT", "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT", "HAVE_UNLINKAT", "HAVE_UTIMENSAT", "HAVE_FCHOWN",     "HAVE_FCHOWNAT",
    "HAVE_LCHOWN",    "HAVE_MKFIFOAT", "HAVE_MKNODAT",   "HAVE_FSTATVFS",   NULL,
};

static int build_environ(obj_t *d) {
    for (char **e = environ; *e; e++) {
        const char *eq = strchr(*e, '=');
        if (eq == NULL) continue;
        obj_t *k = bytes_from(*e, (size_t)(eq - *e));
        obj_t *v = k ? bytes_from(eq + 1, strlen(eq + 1)) : NULL;
        int rc = v ? dict_contains(d, k) : -1;
        if (rc == 0) rc = dict_set(d, k, v); // the first of duplicates wins, as CPython
        XDECREF(k);
        XDECREF(v);
        if (rc < 0) return -1;
    }
    return 0;
}

obj_t *posix_module_init(void) {
    if (structseq_ready(&uname_type, 0) < 0 || structseq_ready(&times_type, 0) < 0 ||
        structseq_ready(&tsize_type, 0) < 0)
        return NULL;
    obj_t *m = module_new("posix");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m), *env = NULL, *have = NULL;
    if (module_add_functions(m, posix_functions) < 0 || posix_fs_add(m) < 0 ||
        posix_misc_add(m) < 0)
        goto error;
    for (size_t i = 0; posix_constants[i].name; i++) {
        obj_t *v = int_from_i64(posix_constants[i].value);
        int rc = v ? dict_set_str(d, posix_constants[i].name, v) : -1;
        XDECREF(v);
        if (rc < 0) goto error;
    }
    if ((env = dict_new()) == NULL || build_environ(env) < 0 || dict_set_str(d, "environ", env) < 0)
        goto error;
    if ((have = list_new(0)) == NULL) goto error;
    for (size_t i = 0; have_functions[i]; i++) {
        obj_t *s = str_from_cstr(have_functions[i]);
        int rc = s ? list_append(have, s) : -1;
        XDECREF(s);
        if (rc < 0) goto error;
    }
    if (dict_set_str(d, "_have_functions", have) < 0 ||
        dict_set_str(d, "error", (obj_t *)exc_OSError) < 0 ||
        dict_set_str(d, "uname_result", (obj_t *)&uname_type) < 0 ||
        dict_set_str(d, "times_result", (obj_t *)&times_type) < 0 ||
        dict_set_str(d, "terminal_size", (obj_t *)&tsize_type) < 0)
        goto error;
    if (fork_before == NULL) {
        fork_before = list_new(0);
        fork_child = list_new(0);
        fork_parent = list_new(0);
        if (!fork_before || !fork_child || !fork_parent) goto error;
        obj_immortalize(fork_before);
        obj_immortalize(fork_child);
        obj_immortalize(fork_parent);
    }
    DECREF(env);
    DECREF(have);
    return m;
error:
    XDECREF(env);
    XDECREF(have);
    DECREF(m);
    return NULL;
}
