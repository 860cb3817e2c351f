/*
 * modules/posixsubprocess.c — `_posixsubprocess.fork_exec`, the
 * fork-and-exec step of subprocess.Popen on POSIX (CPython 3.11's 23
 * positional arguments).
 *
 * Everything the child needs (argv, envp, the executable list, the fds to
 * keep) is converted to C before the fork, so that without a preexec_fn
 * the child runs only async-signal-safe calls between fork() and exec():
 * safe while other threads run, whatever locks they hold.  With a
 * preexec_fn the child must run Python code, so the fork goes through
 * pvm's fork protocol (threads/thread.c: stop the world, reset the thread
 * registry in the child), as os.fork does.  A failure in the child is
 * reported on errpipe_write as "ExceptionName:hex_errno:message", the
 * format subprocess.py parses ("noexec" marks a failure before exec).
 */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/bytes.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "posix_internal.h"

static void free_strv(char **v) {
    if (v == NULL) return;
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

// A sequence of str/bytes/PathLike as a NULL-terminated C array.
static char **to_strv(obj_t *seq, const char *what) {
    obj_t *t = tuple_from_iterable(seq);
    if (t == NULL) return NULL;
    size_t n = TUPLE_SIZE(t);
    char **v = calloc(n + 1, sizeof(char *));
    if (v == NULL) {
        DECREF(t);
        err_no_memory();
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        path_t p = PATH_INIT("fork_exec", what, false, false);
        if (path_convert(TUPLE_GET(t, i), &p) < 0) goto error;
        v[i] = strdup(p.path);
        path_release(&p);
        if (v[i] == NULL) {
            err_no_memory();
            goto error;
        }
    }
    DECREF(t);
    return v;
error:
    DECREF(t);
    free_strv(v);
    return NULL;
}

static int int_of(obj_t *v, int *out) {
    return posix_fd_arg(v, out);
}

// ---- the child (async-signal-safe unless preexec_fn) ------------------------------------

typedef struct {
    char **argv, **envp, **exes;
    const char *cwd;
    int *keep;
    size_t nkeep;
    int p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_write;
    int close_fds, restore_signals, call_setsid, pgid, child_umask;
    int has_gid, has_uid, has_groups;
    gid_t gid;
    uid_t uid;
    gid_t *groups;
    size_t ngroups;
    obj_t *preexec_fn;
} child_t;

static void write_all(int fd, const char *s, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static void report(int fd, const char *exc, int err, bool noexec) {
    char buf[64];
    size_t n = 0;
    const char *hex = "0123456789abcdef";
    char digits[16];
    int nd = 0;
    unsigned u = (unsigned)err;
    do {
        digits[nd++] = hex[u % 16];
        u /= 16;
    } while (u && nd < 16);
    write_all(fd, exc, strlen(exc));
    buf[n++] = ':';
    while (nd > 0)
        buf[n++] = digits[--nd];
    buf[n++] = ':';
    write_all(fd, buf, n);
    if (noexec) write_all(fd, "noexec", 6);
}

static bool kept(const child_t *c, int fd) {
    for (size_t i = 0; i < c->nkeep; i++)
        if (c->keep[i] == fd) return true;
    return false;
}

static int set_inheritable(int fd, bool inh) {
    int fl = fcntl(fd, F_GETFD);
    if (fl < 0) return -1;
    int nfl = inh ? (fl & ~FD_CLOEXEC) : (fl | FD_CLOEXEC);
    return nfl == fl ? 0 : fcntl(fd, F_SETFD, nfl);
}

static void close_open_fds(const child_t *c) {
    // /proc/self/fd read with the raw getdents64 syscall (opendir may
    // allocate, which is not async-signal-safe).
    int dfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        long max = sysconf(_SC_OPEN_MAX);
        for (int fd = 3; fd < max; fd++)
            if (!kept(c, fd)) close(fd);
        return;
    }
    char buf[4096];
    for (;;) {
        long n = syscall(SYS_getdents64, dfd, buf, sizeof buf);
        if (n <= 0) break;
        for (long off = 0; off < n;) {
            unsigned short reclen = *(unsigned short *)(buf + off + 16);
            const char *name = buf + off + 19;
            int fd = 0;
            bool num = name[0] != 0;
            for (const char *p = name; *p; p++) {
                if (*p < '0' || *p > '9') {
                    num = false;
                    break;
                }
                fd = fd * 10 + (*p - '0');
            }
            if (num && fd >= 3 && fd != dfd && !kept(c, fd)) close(fd);
            off += reclen;
        }
    }
    close(dfd);
}

static void child_exec(child_t *c) {
    int err = 0;
    const char *stage_exc = "OSError";
    if (c->p2cwrite != -1) close(c->p2cwrite);
    if (c->c2pread != -1) close(c->c2pread);
    if (c->errread != -1) close(c->errread);
    // Keep the targets of the dup2s below from being overwritten first.
    if (c->c2pwrite == 0 && (c->c2pwrite = dup(c->c2pwrite)) < 0) goto fail;
    while (c->errwrite == 0 || c->errwrite == 1)
        if ((c->errwrite = dup(c->errwrite)) < 0) goto fail;
    int targets[3] = {c->p2cread, c->c2pwrite, c->errwrite};
    for (int i = 0; i < 3; i++) {
        if (targets[i] == i) {
            if (set_inheritable(i, true) < 0) goto fail;
        } else if (targets[i] != -1 && dup2(targets[i], i) < 0) {
            goto fail;
        }
    }
    if (c->cwd && chdir(c->cwd) < 0) {
        err = errno;
        report(c->errpipe_write, "OSError", err, true);
        _exit(255);
    }
    if (c->child_umask >= 0) umask((mode_t)c->child_umask);
    if (c->restore_signals) {
        signal(SIGPIPE, SIG_DFL);
        signal(SIGXFSZ, SIG_DFL);
    }
    if (c->call_setsid && setsid() < 0) goto fail;
    if (c->pgid >= 0 && setpgid(0, c->pgid) < 0) goto fail;
    if (c->has_groups && setgroups(c->ngroups, c->groups) < 0) goto fail;
    if (c->has_gid && setregid(c->gid, c->gid) < 0) goto fail;
    if (c->has_uid && setreuid(c->uid, c->uid) < 0) goto fail;
    if (c->preexec_fn != NULL) {
        obj_t *r = obj_call0(c->preexec_fn);
        if (r == NULL) {
            err_clear();
            const char *msg = "SubprocessError:0:Exception occurred in preexec_fn.";
            write_all(c->errpipe_write, msg, strlen(msg));
            _exit(255);
        }
        DECREF(r);
    }
    if (c->close_fds) close_open_fds(c);
    for (size_t i = 0; i < c->nkeep; i++)
        if (c->keep[i] != c->errpipe_write && set_inheritable(c->keep[i], true) < 0) goto fail;
    int saved = 0;
    for (char **e = c->exes; *e; e++) {
        if (c->envp)
            execve(*e, c->argv, c->envp);
        else
            execv(*e, c->argv);
        if (errno != ENOENT && errno != ENOTDIR && saved == 0) saved = errno;
    }
    err = saved ? saved : errno;
    report(c->errpipe_write, stage_exc, err, false);
    _exit(255);
fail:
    err = errno;
    report(c->errpipe_write, "OSError", err, true);
    _exit(255);
}

// ---- fork_exec ---------------------------------------------------------------------

static obj_t *fork_exec(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("fork_exec", kwnames) < 0) return NULL;
    if (nargs != 23) {
        err_format(exc_TypeError, "fork_exec() takes exactly 23 arguments (%d given)", (int)nargs);
        return NULL;
    }
    child_t c;
    memset(&c, 0, sizeof c);
    obj_t *result = NULL;
    path_t cwd = PATH_INIT("fork_exec", "cwd", false, true);
    obj_t *keep = args[3];
    if (!TUPLE_CHECK(keep)) {
        err_set_str(exc_TypeError, "fds_to_keep must be a tuple");
        return NULL;
    }
    if ((c.close_fds = obj_is_true(args[2])) < 0) return NULL;
    if (args[0] != None && (c.argv = to_strv(args[0], "args")) == NULL) goto done;
    if (c.argv == NULL && (c.argv = calloc(1, sizeof(char *))) == NULL) goto nomem;
    if ((c.exes = to_strv(args[1], "executable")) == NULL) goto done;
    if (args[5] != None && (c.envp = to_strv(args[5], "env")) == NULL) goto done;
    if (path_convert(args[4], &cwd) < 0) goto done;
    c.cwd = cwd.path;
    c.nkeep = TUPLE_SIZE(keep);
    if ((c.keep = calloc(c.nkeep + 1, sizeof(int))) == NULL) goto nomem;
    for (size_t i = 0; i < c.nkeep; i++)
        if (int_of(TUPLE_GET(keep, i), &c.keep[i]) < 0) goto done;
    int *fds[8] = {&c.p2cread, &c.p2cwrite, &c.c2pread, &c.c2pwrite,
                   &c.errread, &c.errwrite, NULL,       &c.errpipe_write};
    int dummy;
    for (int i = 0; i < 8; i++)
        if (int_of(args[6 + i], fds[i] ? fds[i] : &dummy) < 0) goto done;
    if ((c.restore_signals = obj_is_true(args[14])) < 0 ||
        (c.call_setsid = obj_is_true(args[15])) < 0)
        goto done;
    if (int_of(args[16], &c.pgid) < 0) goto done;
    if (args[17] != None) {
        int g;
        if (int_of(args[17], &g) < 0) goto done;
        c.has_gid = 1;
        c.gid = (gid_t)g;
    }
    if (args[18] != None) {
        obj_t *t = tuple_from_iterable(args[18]);
        if (t == NULL) goto done;
        c.ngroups = TUPLE_SIZE(t);
        c.groups = calloc(c.ngroups + 1, sizeof(gid_t));
        for (size_t i = 0; c.groups && i < c.ngroups; i++) {
            int g;
            if (int_of(TUPLE_GET(t, i), &g) < 0) {
                DECREF(t);
                goto done;
            }
            c.groups[i] = (gid_t)g;
        }
        DECREF(t);
        if (c.groups == NULL) goto nomem;
        c.has_groups = 1;
    }
    if (args[19] != None) {
        int u;
        if (int_of(args[19], &u) < 0) goto done;
        c.has_uid = 1;
        c.uid = (uid_t)u;
    }
    if (int_of(args[20], &c.child_umask) < 0) goto done;
    if (args[21] != None) {
        c.preexec_fn = args[21];
    }
    pid_t pid;
    int fork_errno;
    if (c.preexec_fn != NULL) {
        thread_fork_prepare();
        pid = fork();
        fork_errno = errno;
        if (pid == 0) {
            thread_fork_child();
            child_exec(&c); // does not return
        }
        thread_fork_parent();
    } else {
        pid = fork();
        fork_errno = errno;
        if (pid == 0) child_exec(&c); // does not return
    }
    if (pid < 0) {
        err_from_errno(fork_errno, NULL);
        goto done;
    }
    result = int_from_i64(pid);
    goto done;
nomem:
    err_no_memory();
done:
    free_strv(c.argv);
    free_strv(c.exes);
    free_strv(c.envp);
    free(c.keep);
    free(c.groups);
    path_release(&cwd);
    return result;
}

static const method_def_t posixsubprocess_functions[] = {
    {"fork_exec", fork_exec, 0, NULL},
    {NULL},
};

obj_t *posixsubprocess_module_init(void) {
    obj_t *m = module_new("_posixsubprocess");
    if (m == NULL) return NULL;
    if (module_add_functions(m, posixsubprocess_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
