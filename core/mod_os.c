/*
 * core/mod_os.c — the native part of `os` (module `_os`): processes,
 * files and directories over POSIX calls.  lib/os.py builds the `os`
 * module on top of it and adds `os.path` (lib/posixpath.py).
 *
 * Every call that may block (file-system calls) is a blocking region.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "error.h"
#include "runtime.h"

extern char **environ;

// The path argument as a C string (borrowed from the str object).
static const char *path_arg(const char *fname, obj_t *v) {
    if (!STR_CHECK(v)) {
        err_format(exc_TypeError, "%s: path should be string, bytes or os.PathLike, not %s", fname,
                   obj_type_name(v));
        return NULL;
    }
    return str_data(v);
}

static obj_t *os_cpu_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) return NEWREF(None);
    return int_from_i64(n);
}

static obj_t *os_getpid(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return int_from_i64(getpid());
}

static obj_t *os_getcwd(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof buf) == NULL) return err_from_errno(errno, NULL);
    return str_from_cstr(buf);
}

static obj_t *os_listdir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("listdir", nargs, kwnames, 0, 1) < 0) return NULL;
    const char *path = ".";
    if (nargs == 1 && args[0] != None && !(path = path_arg("listdir", args[0]))) return NULL;
    thread_block_begin();
    DIR *d = opendir(path);
    int e = errno;
    thread_block_end();
    if (d == NULL) return err_from_errno(e, path);
    obj_t *list = list_new(0);
    struct dirent *ent;
    while (list && (ent = readdir(d)) != NULL) {
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0) continue;
        obj_t *s = str_from_utf8(ent->d_name, strlen(ent->d_name));
        if (s == NULL || list_append(list, s) < 0) {
            XDECREF(s);
            CLEAR(list);
            break;
        }
        DECREF(s);
    }
    closedir(d);
    return list;
}

// One-path calls returning None: remove, rmdir, mkdir ...
#define PATH_CALL(name, call)                                                                      \
    static obj_t *os_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {       \
        if (args_check(#name, nargs, kwnames, 1, 2) < 0) return NULL;                              \
        const char *path = path_arg(#name, args[0]);                                               \
        if (path == NULL) return NULL;                                                             \
        int64_t mode = 0777;                                                                       \
        if (nargs > 1 && int_as_i64(args[1], &mode) < 0) return NULL;                              \
        (void)mode;                                                                                \
        thread_block_begin();                                                                      \
        int rc = call;                                                                             \
        int e = errno;                                                                             \
        thread_block_end();                                                                        \
        if (rc < 0) return err_from_errno(e, path);                                                \
        return NEWREF(None);                                                                       \
    }

PATH_CALL(remove, unlink(path))
PATH_CALL(unlink, unlink(path))
PATH_CALL(rmdir, rmdir(path))
PATH_CALL(mkdir, mkdir(path, (mode_t)mode))
PATH_CALL(chdir, chdir(path))

static obj_t *os_rename(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("rename", nargs, kwnames, 2, 2) < 0) return NULL;
    const char *a = path_arg("rename", args[0]), *b = a ? path_arg("rename", args[1]) : NULL;
    if (b == NULL) return NULL;
    thread_block_begin();
    int rc = rename(a, b);
    int e = errno;
    thread_block_end();
    if (rc < 0) return err_from_errno(e, a);
    return NEWREF(None);
}

// ---- stat ------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    // Not named st_*: glibc defines st_atime etc. as macros.
    obj_t *mode, *ino, *dev, *nlink, *uid, *gid, *size;
    obj_t *atime, *mtime, *ctime, *atime_ns, *mtime_ns, *ctime_ns;
} stat_result_t;

#define STAT_MEMBER(f)                                                                             \
    { "st_" #f, MEMBER_OBJECT, offsetof(stat_result_t, f), true }
static const member_def_t stat_members[] = {
    STAT_MEMBER(mode),     STAT_MEMBER(ino),
    STAT_MEMBER(dev),      STAT_MEMBER(nlink),
    STAT_MEMBER(uid),      STAT_MEMBER(gid),
    STAT_MEMBER(size),     STAT_MEMBER(atime),
    STAT_MEMBER(mtime),    STAT_MEMBER(ctime),
    STAT_MEMBER(atime_ns), STAT_MEMBER(mtime_ns),
    STAT_MEMBER(ctime_ns), {NULL},
};

static void stat_dealloc(obj_t *o) {
    stat_result_t *s = (stat_result_t *)o;
    obj_t **fields = &s->mode;
    for (int i = 0; i < 13; i++)
        XDECREF(fields[i]);
    obj_free(o);
}

static obj_t *stat_repr(obj_t *o) {
    stat_result_t *s = (stat_result_t *)o;
    return str_from_format("os.stat_result(st_mode=%R, st_size=%R, st_mtime=%R)", s->mode, s->size,
                           s->mtime);
}

static type_t stat_result_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "os.stat_result",
    .basicsize = sizeof(stat_result_t),
    .base = &object_type,
    .dealloc = stat_dealloc,
    .repr = stat_repr,
    .members = stat_members,
};

static obj_t *ts_float(struct timespec t) {
    return float_from_double((double)t.tv_sec + (double)t.tv_nsec * 1e-9);
}
static obj_t *ts_ns(struct timespec t) {
    return int_from_i64((int64_t)t.tv_sec * 1000000000 + t.tv_nsec);
}

static obj_t *do_stat(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                      bool follow) {
    static const char *const names[] = {"path", "$dir_fd", "$follow_symlinks", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    if (args_parse(fname, args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    if (vals[2] && vals[2] == False) follow = false;
    struct stat st;
    int rc;
    const char *path = NULL;
    thread_block_begin();
    if (INT_CHECK(vals[0])) {
        rc = fstat((int)SMALLINT_VALUE(vals[0]), &st);
    } else {
        path = STR_CHECK(vals[0]) ? str_data(vals[0]) : NULL;
        rc = path ? (follow ? stat(path, &st) : lstat(path, &st)) : -2;
    }
    int e = errno;
    thread_block_end();
    if (rc == -2) {
        path_arg(fname, vals[0]);
        return NULL;
    }
    if (rc < 0) return err_from_errno(e, path);
    stat_result_t *r = (stat_result_t *)obj_alloc(&stat_result_type, sizeof(stat_result_t));
    if (r == NULL) return NULL;
    r->mode = int_from_i64(st.st_mode);
    r->ino = int_from_u64(st.st_ino);
    r->dev = int_from_u64(st.st_dev);
    r->nlink = int_from_i64((int64_t)st.st_nlink);
    r->uid = int_from_i64(st.st_uid);
    r->gid = int_from_i64(st.st_gid);
    r->size = int_from_i64(st.st_size);
    r->atime = ts_float(st.st_atim);
    r->mtime = ts_float(st.st_mtim);
    r->ctime = ts_float(st.st_ctim);
    r->atime_ns = ts_ns(st.st_atim);
    r->mtime_ns = ts_ns(st.st_mtim);
    r->ctime_ns = ts_ns(st.st_ctim);
    obj_t **fields = &r->mode;
    for (int i = 0; i < 13; i++) {
        if (fields[i] == NULL) {
            DECREF((obj_t *)r);
            return NULL;
        }
    }
    return (obj_t *)r;
}

static obj_t *os_stat(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return do_stat("stat", args, nargs, kwnames, true);
}
static obj_t *os_lstat(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return do_stat("lstat", args, nargs, kwnames, false);
}

static obj_t *os_utime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "times", "$ns", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    if (args_parse("utime", args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    const char *path = path_arg("utime", vals[0]);
    if (path == NULL) return NULL;
    struct timespec ts[2];
    struct timespec *tsp = NULL;
    if (vals[2] && vals[2] != None) {
        if (!TUPLE_CHECK(vals[2]) || TUPLE_SIZE(vals[2]) != 2) {
            err_set_str(exc_TypeError, "utime: 'ns' must be a tuple of two ints");
            return NULL;
        }
        for (int i = 0; i < 2; i++) {
            int64_t ns;
            if (int_as_i64(TUPLE_GET(vals[2], i), &ns) < 0) return NULL;
            ts[i].tv_sec = ns / 1000000000;
            ts[i].tv_nsec = ns % 1000000000;
        }
        tsp = ts;
    } else if (vals[1] && vals[1] != None) {
        if (!TUPLE_CHECK(vals[1]) || TUPLE_SIZE(vals[1]) != 2) {
            err_set_str(exc_TypeError, "utime: 'times' must be either a tuple of two ints or None");
            return NULL;
        }
        for (int i = 0; i < 2; i++) {
            double t = float_as_double(TUPLE_GET(vals[1], i));
            if (t == -1.0 && err_occurred()) return NULL;
            ts[i].tv_sec = (time_t)t;
            ts[i].tv_nsec = (long)((t - (double)ts[i].tv_sec) * 1e9);
        }
        tsp = ts;
    }
    if (utimensat(AT_FDCWD, path, tsp, 0) < 0) return err_from_errno(errno, path);
    return NEWREF(None);
}

static obj_t *os_urandom(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);

static obj_t *os_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t code = 0;
    if (args_check("_exit", nargs, kwnames, 1, 1) < 0 || int_as_i64(args[0], &code) < 0)
        return NULL;
    fflush(stdout);
    fflush(stderr);
    _exit((int)code);
}

static obj_t *os_strerror(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t code;
    if (args_check("strerror", nargs, kwnames, 1, 1) < 0 || int_as_i64(args[0], &code) < 0)
        return NULL;
    return str_from_cstr(strerror((int)code));
}

static obj_t *os_putenv(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("putenv", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!STR_CHECK(args[0]) || !STR_CHECK(args[1])) {
        err_set_str(exc_TypeError, "putenv: expected str arguments");
        return NULL;
    }
    if (setenv(str_data(args[0]), str_data(args[1]), 1) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *os_unsetenv(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("unsetenv", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_set_str(exc_TypeError, "unsetenv: expected str argument");
        return NULL;
    }
    unsetenv(str_data(args[0]));
    return NEWREF(None);
}

static const method_def_t os_functions[] = {
    {"cpu_count", os_cpu_count, 0, NULL}, {"getpid", os_getpid, 0, NULL},
    {"getcwd", os_getcwd, 0, NULL},       {"listdir", os_listdir, 0, NULL},
    {"remove", os_remove, 0, NULL},       {"unlink", os_unlink, 0, NULL},
    {"rmdir", os_rmdir, 0, NULL},         {"mkdir", os_mkdir, 0, NULL},
    {"chdir", os_chdir, 0, NULL},         {"rename", os_rename, 0, NULL},
    {"replace", os_rename, 0, NULL},      {"stat", os_stat, 0, NULL},
    {"lstat", os_lstat, 0, NULL},         {"utime", os_utime, 0, NULL},
    {"urandom", os_urandom, 0, NULL},     {"_exit", os_exit, 0, NULL},
    {"strerror", os_strerror, 0, NULL},   {"putenv", os_putenv, 0, NULL},
    {"unsetenv", os_unsetenv, 0, NULL},   {NULL},
};

#include "../objects/bytes.h"
static obj_t *os_urandom(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t n;
    if (args_check("urandom", nargs, kwnames, 1, 1) < 0 || int_as_i64(args[0], &n) < 0) return NULL;
    if (n < 0) {
        err_set_str(exc_ValueError, "negative argument not allowed");
        return NULL;
    }
    unsigned char *buf = malloc((size_t)n + 1);
    if (buf == NULL) return err_no_memory();
    FILE *f = fopen("/dev/urandom", "rb");
    if (f == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        if (f) fclose(f);
        free(buf);
        return err_from_errno(errno ? errno : EIO, "/dev/urandom");
    }
    fclose(f);
    obj_t *r = bytes_from(buf, (size_t)n);
    free(buf);
    return r;
}

obj_t *os_module_init(void) {
    if (type_ready(&stat_result_type) < 0) return NULL;
    obj_t *m = module_new("_os");
    if (m == NULL) return NULL;
    obj_t *env = dict_new();
    if (env == NULL || module_add_functions(m, os_functions) < 0) goto error;
    for (char **e = environ; *e; e++) {
        const char *eq = strchr(*e, '=');
        if (eq == NULL) continue;
        obj_t *k = str_from_utf8(*e, (size_t)(eq - *e));
        obj_t *v = k ? str_from_utf8(eq + 1, strlen(eq + 1)) : NULL;
        if (v == NULL || dict_set(env, k, v) < 0) {
            err_clear(); // undecodable entries are skipped
        }
        XDECREF(k);
        XDECREF(v);
    }
    if (dict_set_str(module_dict(m), "environ", env) < 0 ||
        dict_set_str(module_dict(m), "stat_result", (obj_t *)&stat_result_type) < 0)
        goto error;
    DECREF(env);
    return m;
error:
    XDECREF(env);
    DECREF(m);
    return NULL;
}
