/*
 * modules/posix_misc.c — the less central part of `posix`: ownership
 * (chown/lchown/fchown), device numbers, fifos and nodes, statvfs,
 * sysconf, positional I/O (pread/pwrite/sendfile), and process queries
 * (getloadavg, nice, getgroups, getsid, setpgid, getlogin, ttyname).
 * No shared mutable state; blocking calls are blocking regions.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "posix_internal.h"
#include "structseq.h"

static int i64_arg(obj_t *v, int64_t *out) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int rc = int_as_i64(i, out);
    DECREF(i);
    return rc;
}

// ---- ownership -----------------------------------------------------------------------

static int id_arg(obj_t *v, int64_t *out, const char *what) {
    if (!INT_CHECK(v) && TYPE(v)->nb_index == NULL) {
        err_format(exc_TypeError, "%s should be integer, not %s", what, obj_type_name(v));
        return -1;
    }
    if (i64_arg(v, out) < 0) return -1;
    if (*out < -1 || *out > (int64_t)UINT_MAX) {
        err_set_str(exc_OverflowError, "uid/gid out of range");
        return -1;
    }
    return 0;
}

static obj_t *os_chown(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "uid", "gid", "$dir_fd", "$follow_symlinks", NULL};
    obj_t *vals[5] = {NULL, NULL, NULL, NULL, NULL};
    if (args_parse("chown", args, nargs, kwnames, names, 3, vals) < 0) return NULL;
    path_t p = PATH_INIT("chown", "path", true, false);
    int64_t uid, gid;
    int dirfd, rc, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if (id_arg(vals[1], &uid, "uid") < 0 || id_arg(vals[2], &gid, "gid") < 0 ||
        posix_dir_fd(vals[3], &dirfd) < 0) {
        path_release(&p);
        return NULL;
    }
    bool follow = vals[4] == NULL || obj_is_true(vals[4]);
    thread_block_begin();
    if (p.path == NULL)
        rc = fchown(p.fd, (uid_t)uid, (gid_t)gid);
    else
        rc = fchownat(dirfd, p.path, (uid_t)uid, (gid_t)gid, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    e = errno;
    thread_block_end();
    obj_t *r = rc < 0 ? posix_path_error(e, &p) : NEWREF(None);
    path_release(&p);
    return r;
}

static obj_t *os_lchown(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "uid", "gid", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    if (args_parse("lchown", args, nargs, kwnames, names, 3, vals) < 0) return NULL;
    path_t p = PATH_INIT("lchown", "path", false, false);
    int64_t uid, gid;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if (id_arg(vals[1], &uid, "uid") < 0 || id_arg(vals[2], &gid, "gid") < 0) {
        path_release(&p);
        return NULL;
    }
    int rc = lchown(p.path, (uid_t)uid, (gid_t)gid), e = errno;
    obj_t *r = rc < 0 ? posix_path_error(e, &p) : NEWREF(None);
    path_release(&p);
    return r;
}

static obj_t *os_fchown(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", "uid", "gid", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    int fd;
    int64_t uid, gid;
    if (args_parse("fchown", args, nargs, kwnames, names, 3, vals) < 0 ||
        posix_fd_arg(vals[0], &fd) < 0 || id_arg(vals[1], &uid, "uid") < 0 ||
        id_arg(vals[2], &gid, "gid") < 0)
        return NULL;
    if (fchown(fd, (uid_t)uid, (gid_t)gid) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

// ---- devices, fifos ------------------------------------------------------------------

static obj_t *os_major(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t d;
    if (args_check("major", nargs, kwnames, 1, 1) < 0 || i64_arg(args[0], &d) < 0) return NULL;
    return int_from_u64(major((dev_t)d));
}

static obj_t *os_minor(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t d;
    if (args_check("minor", nargs, kwnames, 1, 1) < 0 || i64_arg(args[0], &d) < 0) return NULL;
    return int_from_u64(minor((dev_t)d));
}

static obj_t *os_makedev(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t a, b;
    if (args_check("makedev", nargs, kwnames, 2, 2) < 0 || i64_arg(args[0], &a) < 0 ||
        i64_arg(args[1], &b) < 0)
        return NULL;
    return int_from_u64(makedev((unsigned)a, (unsigned)b));
}

static obj_t *os_mkfifo(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "mode", "$dir_fd", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    if (args_parse("mkfifo", args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    path_t p = PATH_INIT("mkfifo", "path", false, false);
    int mode = 0666, dirfd;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if ((vals[1] && posix_fd_arg(vals[1], &mode) < 0) || posix_dir_fd(vals[2], &dirfd) < 0) {
        path_release(&p);
        return NULL;
    }
    int rc = mkfifoat(dirfd, p.path, (mode_t)mode), e = errno;
    obj_t *r = rc < 0 ? err_from_errno(e, NULL) : NEWREF(None); // CPython names no file
    path_release(&p);
    return r;
}

static obj_t *os_mknod(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "mode", "device", "$dir_fd", NULL};
    obj_t *vals[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("mknod", args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    path_t p = PATH_INIT("mknod", "path", false, false);
    int mode = 0600, dirfd;
    int64_t dev = 0;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if ((vals[1] && posix_fd_arg(vals[1], &mode) < 0) || (vals[2] && i64_arg(vals[2], &dev) < 0) ||
        posix_dir_fd(vals[3], &dirfd) < 0) {
        path_release(&p);
        return NULL;
    }
    int rc = mknodat(dirfd, p.path, (mode_t)mode, (dev_t)dev), e = errno;
    obj_t *r = rc < 0 ? err_from_errno(e, NULL) : NEWREF(None); // CPython names no file
    path_release(&p);
    return r;
}

// ---- statvfs -------------------------------------------------------------------------

static const getset_def_t statvfs_getsets[] = {
    STRUCTSEQ_FIELD("f_bsize", 0),   STRUCTSEQ_FIELD("f_frsize", 1), STRUCTSEQ_FIELD("f_blocks", 2),
    STRUCTSEQ_FIELD("f_bfree", 3),   STRUCTSEQ_FIELD("f_bavail", 4), STRUCTSEQ_FIELD("f_files", 5),
    STRUCTSEQ_FIELD("f_ffree", 6),   STRUCTSEQ_FIELD("f_favail", 7), STRUCTSEQ_FIELD("f_flag", 8),
    STRUCTSEQ_FIELD("f_namemax", 9), STRUCTSEQ_FIELD("f_fsid", 10),  {NULL, NULL, NULL, NULL},
};
static const char *const statvfs_names[] = {"f_bsize",  "f_frsize", "f_blocks", "f_bfree",
                                            "f_bavail", "f_files",  "f_ffree",  "f_favail",
                                            "f_flag",   "f_namemax"};
static structseq_type_t statvfs_type =
    STRUCTSEQ_TYPE("os.statvfs_result", statvfs_getsets, 10, 11, statvfs_names);

static obj_t *os_statvfs(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", NULL};
    obj_t *v = NULL;
    if (args_parse("statvfs", args, nargs, kwnames, names, 1, &v) < 0) return NULL;
    path_t p = PATH_INIT("statvfs", "path", true, false);
    if (path_convert(v, &p) < 0) return NULL;
    struct statvfs s;
    int rc, e;
    thread_block_begin();
    rc = p.path ? statvfs(p.path, &s) : fstatvfs(p.fd, &s);
    e = errno;
    thread_block_end();
    if (rc < 0) {
        posix_path_error(e, &p);
        path_release(&p);
        return NULL;
    }
    path_release(&p);
    obj_t *it[11] = {
        int_from_u64(s.f_bsize),   int_from_u64(s.f_frsize), int_from_u64(s.f_blocks),
        int_from_u64(s.f_bfree),   int_from_u64(s.f_bavail), int_from_u64(s.f_files),
        int_from_u64(s.f_ffree),   int_from_u64(s.f_favail), int_from_u64(s.f_flag),
        int_from_u64(s.f_namemax), int_from_u64(s.f_fsid),
    };
    return structseq_new(&statvfs_type, it);
}

// ---- sysconf -------------------------------------------------------------------------

#define SC(n)                                                                                      \
    { #n, _##n }
static const struct {
    const char *name;
    int value;
} sysconf_table[] = {
    SC(SC_ARG_MAX),
    SC(SC_CHILD_MAX),
    SC(SC_CLK_TCK),
    SC(SC_NGROUPS_MAX),
    SC(SC_OPEN_MAX),
    SC(SC_PAGESIZE),
    {"SC_PAGE_SIZE", _SC_PAGESIZE},
    SC(SC_NPROCESSORS_CONF),
    SC(SC_NPROCESSORS_ONLN),
    SC(SC_PHYS_PAGES),
    SC(SC_AVPHYS_PAGES),
    SC(SC_LINE_MAX),
    SC(SC_HOST_NAME_MAX),
    SC(SC_LOGIN_NAME_MAX),
    SC(SC_TTY_NAME_MAX),
    SC(SC_SEM_NSEMS_MAX),
    SC(SC_IOV_MAX),
    SC(SC_THREAD_STACK_MIN),
    SC(SC_GETPW_R_SIZE_MAX),
    SC(SC_GETGR_R_SIZE_MAX),
    SC(SC_STREAM_MAX),
    SC(SC_TZNAME_MAX),
    SC(SC_VERSION),
    SC(SC_MINSIGSTKSZ),
    {NULL, 0},
};

static obj_t *os_sysconf(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("sysconf", nargs, kwnames, 1, 1) < 0) return NULL;
    int name = -1;
    if (STR_CHECK(args[0])) {
        for (size_t i = 0; sysconf_table[i].name; i++)
            if (str_eq_cstr(args[0], sysconf_table[i].name)) name = sysconf_table[i].value;
        if (name < 0) {
            err_set_str(exc_ValueError, "unrecognized configuration name");
            return NULL;
        }
    } else if (INT_CHECK(args[0])) {
        if (posix_fd_arg(args[0], &name) < 0) return NULL;
    } else {
        err_set_str(exc_TypeError, "configuration names must be strings or integers");
        return NULL;
    }
    errno = 0;
    long r = sysconf(name);
    if (r == -1 && errno != 0) return err_from_errno(errno, NULL);
    return int_from_i64(r);
}

// ---- positional I/O --------------------------------------------------------------------

static obj_t *os_pread(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd, e;
    int64_t n, off;
    if (args_check("pread", nargs, kwnames, 3, 3) < 0 || posix_fd_arg(args[0], &fd) < 0 ||
        i64_arg(args[1], &n) < 0 || i64_arg(args[2], &off) < 0)
        return NULL;
    if (n < 0) return err_from_errno(EINVAL, NULL);
    char *buf = malloc(n ? (size_t)n : 1);
    if (buf == NULL) return err_no_memory();
    ssize_t got;
    thread_block_begin();
    got = pread(fd, buf, (size_t)n, (off_t)off);
    e = errno;
    thread_block_end();
    obj_t *r = got < 0 ? err_from_errno(e, NULL) : bytes_from(buf, (size_t)got);
    free(buf);
    return r;
}

static obj_t *os_pwrite(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd, e;
    int64_t off;
    if (args_check("pwrite", nargs, kwnames, 3, 3) < 0 || posix_fd_arg(args[0], &fd) < 0 ||
        i64_arg(args[2], &off) < 0)
        return NULL;
    obj_t *b = BYTES_CHECK(args[1]) ? NEWREF(args[1]) : obj_call1((obj_t *)&bytes_type, args[1]);
    if (b == NULL) return NULL;
    ssize_t n;
    thread_block_begin();
    n = pwrite(fd, bytes_data(b), bytes_len(b), (off_t)off);
    e = errno;
    thread_block_end();
    DECREF(b);
    if (n < 0) return err_from_errno(e, NULL);
    return int_from_i64(n);
}

static obj_t *os_sendfile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"out_fd", "in_fd", "offset", "count", NULL};
    obj_t *vals[4] = {NULL, NULL, NULL, NULL};
    int out, in, e;
    int64_t cnt;
    if (args_parse("sendfile", args, nargs, kwnames, names, 4, vals) < 0 ||
        posix_fd_arg(vals[0], &out) < 0 || posix_fd_arg(vals[1], &in) < 0 ||
        i64_arg(vals[3], &cnt) < 0)
        return NULL;
    off_t off = 0, *offp = NULL;
    if (vals[2] != None) {
        int64_t o;
        if (i64_arg(vals[2], &o) < 0) return NULL;
        off = (off_t)o;
        offp = &off;
    }
    ssize_t n;
    thread_block_begin();
    n = sendfile(out, in, offp, (size_t)cnt);
    e = errno;
    thread_block_end();
    if (n < 0) return err_from_errno(e, NULL);
    return int_from_i64(n);
}

static obj_t *os_fdatasync(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd, rc, e;
    if (args_check("fdatasync", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    thread_block_begin();
    rc = fdatasync(fd);
    e = errno;
    thread_block_end();
    if (rc < 0) return err_from_errno(e, NULL);
    return NEWREF(None);
}

// ---- process queries -------------------------------------------------------------------

static obj_t *os_getloadavg(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getloadavg", nargs, kwnames, 0, 0) < 0) return NULL;
    double l[3];
    if (getloadavg(l, 3) != 3) {
        err_set_str(exc_OSError, "Load averages are unobtainable");
        return NULL;
    }
    obj_t *a = float_from_double(l[0]), *b = float_from_double(l[1]), *c = float_from_double(l[2]);
    obj_t *r = a && b && c ? tuple_pack(3, a, b, c) : NULL;
    XDECREF(a);
    XDECREF(b);
    XDECREF(c);
    return r;
}

static obj_t *os_nice(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int inc;
    if (args_check("nice", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &inc) < 0)
        return NULL;
    errno = 0;
    int r = nice(inc);
    if (r == -1 && errno != 0) return err_from_errno(errno, NULL);
    return SMALLINT_FROM(r);
}

static obj_t *os_getgroups(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getgroups", nargs, kwnames, 0, 0) < 0) return NULL;
    int n = getgroups(0, NULL);
    if (n < 0) return err_from_errno(errno, NULL);
    gid_t *g = calloc((size_t)n + 1, sizeof(gid_t));
    if (g == NULL) return err_no_memory();
    n = getgroups(n, g);
    obj_t *l = n < 0 ? err_from_errno(errno, NULL) : list_new(0);
    for (int i = 0; l && i < n; i++) {
        obj_t *v = int_from_i64(g[i]);
        if (v == NULL || list_append(l, v) < 0) CLEAR(l);
        XDECREF(v);
    }
    free(g);
    return l;
}

static obj_t *os_getsid(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t pid;
    if (args_check("getsid", nargs, kwnames, 1, 1) < 0 || i64_arg(args[0], &pid) < 0) return NULL;
    pid_t r = getsid((pid_t)pid);
    if (r < 0) return err_from_errno(errno, NULL);
    return int_from_i64(r);
}

static obj_t *os_setpgid(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t pid, pg;
    if (args_check("setpgid", nargs, kwnames, 2, 2) < 0 || i64_arg(args[0], &pid) < 0 ||
        i64_arg(args[1], &pg) < 0)
        return NULL;
    if (setpgid((pid_t)pid, (pid_t)pg) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *os_getlogin(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getlogin", nargs, kwnames, 0, 0) < 0) return NULL;
    char buf[256];
    int rc = getlogin_r(buf, sizeof buf);
    if (rc != 0) return err_from_errno(rc, NULL);
    return posix_fs_decode(buf, strlen(buf), false);
}

static obj_t *os_ttyname(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    if (args_check("ttyname", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    char buf[256];
    int rc = ttyname_r(fd, buf, sizeof buf);
    if (rc != 0) return err_from_errno(rc, NULL);
    return posix_fs_decode(buf, strlen(buf), false);
}

static obj_t *os_sched_yield(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("sched_yield", nargs, kwnames, 0, 0) < 0) return NULL;
    thread_block_begin();
    sched_yield();
    thread_block_end();
    return NEWREF(None);
}

static const method_def_t posix_misc_functions[] = {
    {"chown", os_chown, 0, NULL},
    {"lchown", os_lchown, 0, NULL},
    {"fchown", os_fchown, 0, NULL},
    {"major", os_major, 0, NULL},
    {"minor", os_minor, 0, NULL},
    {"makedev", os_makedev, 0, NULL},
    {"mkfifo", os_mkfifo, 0, NULL},
    {"mknod", os_mknod, 0, NULL},
    {"statvfs", os_statvfs, 0, NULL},
    {"sysconf", os_sysconf, 0, NULL},
    {"pread", os_pread, 0, NULL},
    {"pwrite", os_pwrite, 0, NULL},
    {"sendfile", os_sendfile, 0, NULL},
    {"fdatasync", os_fdatasync, 0, NULL},
    {"getloadavg", os_getloadavg, 0, NULL},
    {"nice", os_nice, 0, NULL},
    {"getgroups", os_getgroups, 0, NULL},
    {"getsid", os_getsid, 0, NULL},
    {"setpgid", os_setpgid, 0, NULL},
    {"getlogin", os_getlogin, 0, NULL},
    {"ttyname", os_ttyname, 0, NULL},
    {"sched_yield", os_sched_yield, 0, NULL},
    {NULL},
};

int posix_misc_add(obj_t *m) {
    if (structseq_ready(&statvfs_type, 0) < 0 || module_add_functions(m, posix_misc_functions) < 0)
        return -1;
    obj_t *d = module_dict(m), *names = dict_new();
    if (names == NULL) return -1;
    for (size_t i = 0; sysconf_table[i].name; i++) {
        if (dict_set_str(names, sysconf_table[i].name, SMALLINT_FROM(sysconf_table[i].value)) < 0) {
            DECREF(names);
            return -1;
        }
    }
    int rc = dict_set_str(d, "sysconf_names", names);
    DECREF(names);
    if (rc < 0 || dict_set_str(d, "statvfs_result", (obj_t *)&statvfs_type) < 0) return -1;
    return 0;
}
