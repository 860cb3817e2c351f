/*
 * modules/posix_fs.c — the file-system half of `posix`: path arguments
 * (path_t), stat_result, stat/lstat/fstat, listdir, scandir and DirEntry,
 * file descriptors (open/read/write/close/pipe/dup/lseek ...) and the
 * one-path calls (mkdir, unlink, rename, chmod, utime, readlink ...).
 *
 * Every call that may block is a blocking region (thread_block_begin/end).
 * Locking: a scandir iterator's DIR stream is read and closed inside the
 * iterator's critical section (two threads may share one iterator); a
 * DirEntry caches its stat and lstat results, set once inside the entry's
 * critical section.  Everything else here has no shared mutable state.
 */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
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
#include "../objects/type.h"
#include "../threads/critical.h"
#include "../threads/thread.h"
#include "posix_internal.h"
#include "structseq.h"

// ---- argument conversion -----------------------------------------------------------

int posix_fd_arg(obj_t *v, int *fd) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int64_t x;
    int rc = int_as_i64(i, &x);
    DECREF(i);
    if (rc < 0 || x > INT_MAX || x < INT_MIN) {
        if (rc == 0 || err_matches(exc_OverflowError)) {
            err_clear();
            err_set_str(exc_OverflowError, x < 0 && rc == 0
                                               ? "signed integer is less than minimum"
                                               : "Python int too large to convert to C int");
        }
        return -1;
    }
    *fd = (int)x;
    return 0;
}

int posix_dir_fd(obj_t *v, int *fd) {
    *fd = AT_FDCWD;
    if (v == NULL || v == None) return 0;
    if (!INT_CHECK(v)) {
        err_format(exc_TypeError, "argument should be integer or None, not %s", obj_type_name(v));
        return -1;
    }
    return posix_fd_arg(v, fd);
}

static const char *path_kinds(path_t *p) {
    if (p->allow_fd && p->nullable) return "string, bytes, os.PathLike, integer or None";
    if (p->allow_fd) return "string, bytes, os.PathLike or integer";
    if (p->nullable) return "string, bytes, os.PathLike or None";
    return "string, bytes or os.PathLike";
}

// str -> bytes as the file-system encoding does (UTF-8, surrogateescape):
// pvm keeps str as UTF-8 with lone surrogates in their 3-byte form, so
// U+DC80..U+DCFF become the bytes 0x80..0xFF and everything else is copied;
// another lone surrogate is the strict codec's UnicodeEncodeError.
obj_t *posix_fs_encode(obj_t *s) {
    const unsigned char *d = (const unsigned char *)str_data(s);
    size_t n = str_nbytes(s);
    bool sur = false;
    for (size_t i = 0; i + 2 < n; i++)
        if (d[i] == 0xED && d[i + 1] >= 0xA0) sur = true;
    if (!sur) return bytes_from(d, n);
    unsigned char *buf = malloc(n ? n : 1);
    if (buf == NULL) return err_no_memory();
    size_t j = 0;
    for (size_t i = 0; i < n;) {
        if (i + 2 < n && d[i] == 0xED && d[i + 1] >= 0xA0) {
            uint32_t cp = 0xD000u | ((uint32_t)(d[i + 1] & 0x3F) << 6) | (d[i + 2] & 0x3F);
            if (cp < 0xDC80 || cp > 0xDCFF) {
                free(buf);
                return str_encode(s, "utf-8", "strict"); // raises the codec's error
            }
            buf[j++] = (unsigned char)(cp - 0xDC00);
            i += 3;
        } else {
            buf[j++] = d[i++];
        }
    }
    obj_t *r = bytes_from(buf, j);
    free(buf);
    return r;
}

int path_convert(obj_t *arg, path_t *p) {
    p->obj = arg;
    p->path = NULL;
    p->fd = -1;
    p->narrow = NULL;
    p->conv = NULL;
    p->is_bytes = false;
    if (arg == NULL || (arg == None && p->nullable)) return 0;
    if (p->allow_fd && INT_CHECK(arg)) return posix_fd_arg(arg, &p->fd);
    obj_t *v = arg;
    obj_t *conv = NULL;
    if (!STR_CHECK(v) && !BYTES_CHECK(v)) {
        obj_t *f = type_lookup(TYPE(v), str_intern("__fspath__"));
        if (f == NULL) {
            err_format(exc_TypeError, "%s: %s should be %s, not %s", p->fname, p->argname,
                       path_kinds(p), obj_type_name(v));
            return -1;
        }
        conv = obj_call1(f, v);
        if (conv == NULL) return -1;
        if (!STR_CHECK(conv) && !BYTES_CHECK(conv)) {
            err_format(exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                       obj_type_name(v), obj_type_name(conv));
            DECREF(conv);
            return -1;
        }
        v = conv;
        p->obj = conv; // errors name the path the object stands for (kept by p->conv)
        p->conv = conv;
    }
    if (STR_CHECK(v)) {
        p->narrow = posix_fs_encode(v);
        if (p->narrow == NULL) goto fail;
        if (strlen((const char *)bytes_data(p->narrow)) != bytes_len(p->narrow)) {
            err_set_str(exc_ValueError, "embedded null byte");
            goto fail;
        }
    } else {
        p->narrow = NEWREF(v);
        p->is_bytes = true;
        if (strlen((const char *)bytes_data(p->narrow)) != bytes_len(p->narrow)) {
            err_format(exc_ValueError, "%s: embedded null character in %s", p->fname, p->argname);
            goto fail;
        }
    }
    p->path = (const char *)bytes_data(p->narrow);
    return 0;
fail:
    path_release(p);
    return -1;
}

void path_release(path_t *p) {
    CLEAR(p->narrow);
    CLEAR(p->conv);
}

static obj_t *raise_oserror(int errnum, obj_t *fn, obj_t *fn2) {
    obj_t *msg = str_from_cstr(strerror(errnum));
    if (msg == NULL) return NULL;
    obj_t *args;
    if (fn2 != NULL)
        args = tuple_pack(5, SMALLINT_FROM(errnum), msg, fn, None, fn2);
    else if (fn != NULL)
        args = tuple_pack(3, SMALLINT_FROM(errnum), msg, fn);
    else
        args = tuple_pack(2, SMALLINT_FROM(errnum), msg);
    DECREF(msg);
    if (args == NULL) return NULL;
    obj_t *exc = exc_new(exc_OSError, args);
    DECREF(args);
    if (exc != NULL) {
        err_set_object(exc);
        DECREF(exc);
    }
    return NULL;
}

obj_t *posix_path_error(int errnum, path_t *p) {
    return raise_oserror(errnum, p && p->obj && p->obj != None ? p->obj : NULL, NULL);
}

obj_t *posix_path_error2(int errnum, path_t *a, path_t *b) {
    return raise_oserror(errnum, a->obj, b->obj);
}

obj_t *posix_fs_decode(const char *s, size_t n, bool as_bytes) {
    if (as_bytes) return bytes_from(s, n);
    obj_t *r = str_from_utf8(s, n);
    if (r != NULL) return r;
    err_clear();
    obj_t *b = bytes_from(s, n);
    if (b == NULL) return NULL;
    r = bytes_decode(b, "utf-8", "surrogateescape");
    DECREF(b);
    return r;
}

#define BLOCKING(stmt)                                                                             \
    do {                                                                                           \
        thread_block_begin();                                                                      \
        stmt;                                                                                      \
        e = errno;                                                                                 \
        thread_block_end();                                                                        \
    } while (0)

// ---- stat_result ---------------------------------------------------------------------

static const getset_def_t stat_getsets[] = {
    STRUCTSEQ_FIELD("st_mode", 0),      STRUCTSEQ_FIELD("st_ino", 1),
    STRUCTSEQ_FIELD("st_dev", 2),       STRUCTSEQ_FIELD("st_nlink", 3),
    STRUCTSEQ_FIELD("st_uid", 4),       STRUCTSEQ_FIELD("st_gid", 5),
    STRUCTSEQ_FIELD("st_size", 6),      STRUCTSEQ_FIELD("st_atime", 10),
    STRUCTSEQ_FIELD("st_mtime", 11),    STRUCTSEQ_FIELD("st_ctime", 12),
    STRUCTSEQ_FIELD("st_atime_ns", 13), STRUCTSEQ_FIELD("st_mtime_ns", 14),
    STRUCTSEQ_FIELD("st_ctime_ns", 15), STRUCTSEQ_FIELD("st_blksize", 16),
    STRUCTSEQ_FIELD("st_blocks", 17),   STRUCTSEQ_FIELD("st_rdev", 18),
    {NULL, NULL, NULL, NULL},
};
static const char *const stat_names[] = {"st_mode", "st_ino",  "st_dev",   "st_nlink", "st_uid",
                                         "st_gid",  "st_size", "st_atime", "st_mtime", "st_ctime"};
static structseq_type_t stat_result_type =
    STRUCTSEQ_TYPE("os.stat_result", stat_getsets, 10, 19, stat_names);

static obj_t *ts_ns(struct timespec t) {
    // Up to ~292 years from 1970 fits int64 nanoseconds; beyond, go through ints.
    if (t.tv_sec > -9000000000LL && t.tv_sec < 9000000000LL)
        return int_from_i64((int64_t)t.tv_sec * 1000000000 + t.tv_nsec);
    obj_t *s = int_from_i64(t.tv_sec), *g = SMALLINT_FROM(1000000000),
          *ns = SMALLINT_FROM(t.tv_nsec);
    if (s == NULL) return NULL;
    obj_t *m = obj_binop(s, g, BINOP_MUL);
    DECREF(s);
    if (m == NULL) return NULL;
    obj_t *r = obj_binop(m, ns, BINOP_ADD);
    DECREF(m);
    return r;
}

PVM_WUR obj_t *posix_stat_result(const struct stat *st) {
    obj_t *it[19];
    it[0] = int_from_i64(st->st_mode);
    it[1] = int_from_u64(st->st_ino);
    it[2] = int_from_u64(st->st_dev);
    it[3] = int_from_u64((uint64_t)st->st_nlink);
    it[4] = int_from_i64(st->st_uid);
    it[5] = int_from_i64(st->st_gid);
    it[6] = int_from_i64(st->st_size);
    it[7] = int_from_i64(st->st_atim.tv_sec);
    it[8] = int_from_i64(st->st_mtim.tv_sec);
    it[9] = int_from_i64(st->st_ctim.tv_sec);
    it[10] = float_from_double((double)st->st_atim.tv_sec + st->st_atim.tv_nsec * 1e-9);
    it[11] = float_from_double((double)st->st_mtim.tv_sec + st->st_mtim.tv_nsec * 1e-9);
    it[12] = float_from_double((double)st->st_ctim.tv_sec + st->st_ctim.tv_nsec * 1e-9);
    it[13] = ts_ns(st->st_atim);
    it[14] = ts_ns(st->st_mtim);
    it[15] = ts_ns(st->st_ctim);
    it[16] = int_from_i64(st->st_blksize);
    it[17] = int_from_i64(st->st_blocks);
    it[18] = int_from_u64(st->st_rdev);
    return structseq_new(&stat_result_type, it);
}

static obj_t *do_stat(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                      bool follow) {
    static const char *const names[] = {"path", "$dir_fd", "$follow_symlinks", NULL};
    static const char *const lnames[] = {"path", "$dir_fd", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    if (args_parse(fname, args, nargs, kwnames, follow ? names : lnames, 1, vals) < 0) return NULL;
    if (vals[2] && !obj_is_true(vals[2])) follow = false;
    path_t p = PATH_INIT(fname, "path", true, false);
    int dirfd, rc, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if (posix_dir_fd(vals[1], &dirfd) < 0) goto error;
    struct stat st;
    if (p.path == NULL)
        BLOCKING(rc = fstat(p.fd, &st));
    else
        BLOCKING(rc = fstatat(dirfd, p.path, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW));
    if (rc < 0) {
        posix_path_error(e, &p);
        goto error;
    }
    path_release(&p);
    return posix_stat_result(&st);
error:
    path_release(&p);
    return NULL;
}

static obj_t *os_stat(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return do_stat("stat", args, nargs, kwnames, true);
}
static obj_t *os_lstat(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return do_stat("lstat", args, nargs, kwnames, false);
}

static obj_t *os_fstat(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", NULL};
    obj_t *v = NULL;
    int fd, rc, e;
    if (args_parse("fstat", args, nargs, kwnames, names, 1, &v) < 0 || posix_fd_arg(v, &fd) < 0)
        return NULL;
    struct stat st;
    BLOCKING(rc = fstat(fd, &st));
    if (rc < 0) return raise_oserror(e, NULL, NULL);
    return posix_stat_result(&st);
}

// ---- listdir ---------------------------------------------------------------------------

static bool dot_or_dotdot(const char *n) {
    return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0));
}

// Opens a directory stream for a path or (a duplicate of) an fd.
static DIR *open_dir(path_t *p, int *err) {
    DIR *d;
    int e = 0;
    if (p->path == NULL && p->fd >= 0) {
        BLOCKING({
            int fd2 = dup(p->fd);
            d = fd2 < 0 ? NULL : fdopendir(fd2);
            if (d == NULL && fd2 >= 0) {
                int keep = errno;
                close(fd2);
                errno = keep;
            }
            if (d != NULL) rewinddir(d);
        });
    } else {
        const char *path = p->path ? p->path : ".";
        BLOCKING(d = opendir(path));
    }
    *err = e;
    return d;
}

static obj_t *os_listdir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", NULL};
    obj_t *v = NULL;
    if (args_parse("listdir", args, nargs, kwnames, names, 0, &v) < 0) return NULL;
    path_t p = PATH_INIT("listdir", "path", true, true);
    if (path_convert(v, &p) < 0) return NULL;
    int e;
    DIR *d = open_dir(&p, &e);
    if (d == NULL) {
        posix_path_error(e, &p);
        path_release(&p);
        return NULL;
    }
    obj_t *list = list_new(0);
    struct dirent *ent;
    while (list) {
        errno = 0;
        ent = readdir(d);
        if (ent == NULL) {
            if (errno != 0) {
                posix_path_error(errno, &p);
                CLEAR(list);
            }
            break;
        }
        if (dot_or_dotdot(ent->d_name)) continue;
        obj_t *s = posix_fs_decode(ent->d_name, strlen(ent->d_name), p.is_bytes);
        if (s == NULL || list_append(list, s) < 0) CLEAR(list);
        XDECREF(s);
    }
    closedir(d);
    path_release(&p);
    return list;
}

// ---- scandir and DirEntry ------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *name, *path; // str or bytes, as the scandir argument
    int dir_fd;         // scandir(fd): stat relative to it; else AT_FDCWD
    unsigned char d_type;
    uint64_t ino;
    obj_t *stat, *lstat; // cached results, set once (entry's critical section)
} direntry_t;

typedef struct {
    obj_t ob;
    DIR *dir;      // NULL once exhausted or closed (iterator's critical section)
    obj_t *prefix; // str/bytes joined before names (NULL: names alone, fd mode)
    bool is_bytes;
    int fd; // scandir(fd): the caller's fd, else -1
} scandir_t;

static type_t direntry_type, scandir_type;

static void direntry_dealloc(obj_t *o) {
    direntry_t *d = (direntry_t *)o;
    XDECREF(d->name);
    XDECREF(d->path);
    XDECREF(d->stat);
    XDECREF(d->lstat);
    obj_free(o);
}

static obj_t *direntry_repr(obj_t *o) {
    return str_from_format("<DirEntry %R>", ((direntry_t *)o)->name);
}

static obj_t *direntry_fspath(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__fspath__", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(((direntry_t *)self)->path);
}

static obj_t *direntry_inode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("inode", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_u64(((direntry_t *)self)->ino);
}

// The entry's stat (follow) or lstat, computed once.
static obj_t *direntry_fetch(direntry_t *d, bool follow) {
    obj_t *cached = NULL;
    BEGIN_CRITICAL_SECTION((obj_t *)d);
    cached = follow ? d->stat : d->lstat;
    if (cached) INCREF(cached);
    END_CRITICAL_SECTION();
    if (cached) return cached;
    if (follow && d->d_type != DT_LNK && d->d_type != DT_UNKNOWN) {
        // Not a link: stat is lstat.
        obj_t *l = direntry_fetch(d, false);
        if (l == NULL) return NULL;
        BEGIN_CRITICAL_SECTION((obj_t *)d);
        if (d->stat == NULL) d->stat = NEWREF(l);
        END_CRITICAL_SECTION();
        return l;
    }
    obj_t *nm = d->dir_fd != AT_FDCWD ? d->name : d->path;
    obj_t *b = STR_CHECK(nm) ? posix_fs_encode(nm) : NEWREF(nm);
    if (b == NULL) return NULL;
    struct stat st;
    int rc, e;
    BLOCKING(rc = fstatat(d->dir_fd, (const char *)bytes_data(b), &st,
                          follow ? 0 : AT_SYMLINK_NOFOLLOW));
    DECREF(b);
    if (rc < 0) return raise_oserror(e, d->path, NULL);
    obj_t *r = posix_stat_result(&st);
    if (r == NULL) return NULL;
    BEGIN_CRITICAL_SECTION((obj_t *)d);
    obj_t **slot = follow ? &d->stat : &d->lstat;
    if (*slot == NULL)
        *slot = NEWREF(r);
    else {
        DECREF(r);
        r = NEWREF(*slot);
    }
    END_CRITICAL_SECTION();
    return r;
}

static int follow_arg(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"$follow_symlinks", NULL};
    obj_t *v = NULL;
    if (args_parse(fname, args, nargs, kwnames, names, 0, &v) < 0) return -1;
    return v == NULL ? 1 : obj_is_true(v);
}

static obj_t *direntry_stat(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int follow = follow_arg("stat", args, nargs, kwnames);
    if (follow < 0) return NULL;
    return direntry_fetch((direntry_t *)self, follow);
}

// is_dir / is_file: from d_type when it is known and not a followed link.
static obj_t *direntry_test(obj_t *self, bool follow, mode_t want, unsigned char dt) {
    direntry_t *d = (direntry_t *)self;
    if (d->d_type != DT_UNKNOWN && !(follow && d->d_type == DT_LNK))
        return NEWREF(d->d_type == dt ? True : False);
    obj_t *st = direntry_fetch(d, follow);
    if (st == NULL) {
        if (err_matches(exc_FileNotFoundError)) {
            err_clear();
            return NEWREF(False);
        }
        return NULL;
    }
    int64_t mode = 0;
    int rc = int_as_i64(TUPLE_GET(st, 0), &mode);
    DECREF(st);
    if (rc < 0) return NULL;
    return NEWREF(((mode_t)mode & S_IFMT) == want ? True : False);
}

static obj_t *direntry_is_dir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int follow = follow_arg("is_dir", args, nargs, kwnames);
    if (follow < 0) return NULL;
    return direntry_test(self, follow, S_IFDIR, DT_DIR);
}

static obj_t *direntry_is_file(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int follow = follow_arg("is_file", args, nargs, kwnames);
    if (follow < 0) return NULL;
    return direntry_test(self, follow, S_IFREG, DT_REG);
}

static obj_t *direntry_is_symlink(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("is_symlink", nargs, kwnames, 0, 0) < 0) return NULL;
    return direntry_test(self, false, S_IFLNK, DT_LNK);
}

static const method_def_t direntry_methods[] = {
    {"__fspath__", direntry_fspath, 0, NULL},
    {"inode", direntry_inode, 0, NULL},
    {"stat", direntry_stat, 0, NULL},
    {"is_dir", direntry_is_dir, 0, NULL},
    {"is_file", direntry_is_file, 0, NULL},
    {"is_symlink", direntry_is_symlink, 0, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL},
};

static const member_def_t direntry_members[] = {
    {"name", MEMBER_OBJECT, offsetof(direntry_t, name), true},
    {"path", MEMBER_OBJECT, offsetof(direntry_t, path), true},
    {NULL},
};

static type_t direntry_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "posix.DirEntry",
    .basicsize = sizeof(direntry_t),
    .base = &object_type,
    .dealloc = direntry_dealloc,
    .repr = direntry_repr,
    .methods = direntry_methods,
    .members = direntry_members,
};

static void scandir_close_locked(scandir_t *s) {
    if (s->dir != NULL) {
        closedir(s->dir);
        s->dir = NULL;
    }
}

static void scandir_dealloc(obj_t *o) {
    scandir_t *s = (scandir_t *)o;
    scandir_close_locked(s);
    XDECREF(s->prefix);
    obj_free(o);
}

static obj_t *scandir_iter(obj_t *o) {
    return NEWREF(o);
}

static obj_t *make_entry(scandir_t *s, struct dirent *ent) {
    direntry_t *d = (direntry_t *)obj_alloc(&direntry_type, sizeof(direntry_t));
    if (d == NULL) return NULL;
    d->d_type = ent->d_type;
    d->ino = ent->d_ino;
    d->dir_fd = s->fd >= 0 ? s->fd : AT_FDCWD;
    d->name = posix_fs_decode(ent->d_name, strlen(ent->d_name), s->is_bytes);
    if (d->name == NULL) goto error;
    if (s->prefix == NULL) {
        d->path = NEWREF(d->name);
    } else {
        d->path = obj_binop(s->prefix, d->name, BINOP_ADD);
        if (d->path == NULL) goto error;
    }
    return (obj_t *)d;
error:
    DECREF((obj_t *)d);
    return NULL;
}

static obj_t *scandir_next(obj_t *o) {
    scandir_t *s = (scandir_t *)o;
    obj_t *r = NULL;
    int err = 0;
    BEGIN_CRITICAL_SECTION(o);
    while (s->dir != NULL) {
        errno = 0;
        struct dirent *ent = readdir(s->dir);
        if (ent == NULL) {
            err = errno;
            scandir_close_locked(s);
            break;
        }
        if (dot_or_dotdot(ent->d_name)) continue;
        r = make_entry(s, ent);
        if (r == NULL) err = -1;
        break;
    }
    END_CRITICAL_SECTION();
    if (err > 0) return raise_oserror(err, NULL, NULL);
    return r;
}

static obj_t *scandir_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    BEGIN_CRITICAL_SECTION(self);
    scandir_close_locked((scandir_t *)self);
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static obj_t *scandir_enter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return NEWREF(self);
}

static const method_def_t scandir_methods[] = {
    {"close", scandir_close, 0, NULL},
    {"__enter__", scandir_enter, 0, NULL},
    {"__exit__", scandir_close, 0, NULL},
    {NULL},
};

static type_t scandir_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "posix.ScandirIterator",
    .basicsize = sizeof(scandir_t),
    .base = &object_type,
    .dealloc = scandir_dealloc,
    .iter = scandir_iter,
    .iternext = scandir_next,
    .methods = scandir_methods,
};

static obj_t *os_scandir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", NULL};
    obj_t *v = NULL;
    if (args_parse("scandir", args, nargs, kwnames, names, 0, &v) < 0) return NULL;
    path_t p = PATH_INIT("scandir", "path", true, true);
    if (path_convert(v, &p) < 0) return NULL;
    int e;
    DIR *d = open_dir(&p, &e);
    if (d == NULL) {
        posix_path_error(e, &p);
        path_release(&p);
        return NULL;
    }
    scandir_t *s = (scandir_t *)obj_alloc(&scandir_type, sizeof(scandir_t));
    if (s == NULL) {
        closedir(d);
        path_release(&p);
        return NULL;
    }
    s->dir = d;
    s->fd = p.fd;
    s->is_bytes = p.is_bytes;
    if (p.fd < 0) {
        const char *base = p.path ? p.path : ".";
        size_t n = strlen(base);
        char *buf = malloc(n + 2);
        if (buf == NULL) {
            err_no_memory();
            goto error;
        }
        memcpy(buf, base, n);
        if (n == 0 || base[n - 1] != '/') buf[n++] = '/';
        s->prefix = posix_fs_decode(buf, n, p.is_bytes);
        free(buf);
        if (s->prefix == NULL) goto error;
    }
    path_release(&p);
    return (obj_t *)s;
error:
    path_release(&p);
    DECREF((obj_t *)s);
    return NULL;
}

// ---- file descriptors ----------------------------------------------------------------

static obj_t *os_open(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "flags", "mode", "$dir_fd", NULL};
    obj_t *vals[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("open", args, nargs, kwnames, names, 2, vals) < 0) return NULL;
    path_t p = PATH_INIT("open", "path", false, false);
    int flags, mode = 0777, dirfd, fd, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if (posix_fd_arg(vals[1], &flags) < 0 || (vals[2] && posix_fd_arg(vals[2], &mode) < 0) ||
        posix_dir_fd(vals[3], &dirfd) < 0) {
        path_release(&p);
        return NULL;
    }
    BLOCKING(fd = openat(dirfd, p.path, flags | O_CLOEXEC, mode));
    if (fd < 0) {
        posix_path_error(e, &p);
        path_release(&p);
        return NULL;
    }
    path_release(&p);
    return SMALLINT_FROM(fd);
}

static obj_t *os_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", NULL};
    obj_t *v = NULL;
    int fd, rc, e;
    if (args_parse("close", args, nargs, kwnames, names, 1, &v) < 0 || posix_fd_arg(v, &fd) < 0)
        return NULL;
    BLOCKING(rc = close(fd));
    if (rc < 0 && e != EINTR) return raise_oserror(e, NULL, NULL);
    return NEWREF(None);
}

static obj_t *os_closerange(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int lo, hi;
    if (args_check("closerange", nargs, kwnames, 2, 2) < 0 || posix_fd_arg(args[0], &lo) < 0 ||
        posix_fd_arg(args[1], &hi) < 0)
        return NULL;
    for (int fd = lo < 0 ? 0 : lo; fd < hi; fd++)
        close(fd);
    return NEWREF(None);
}

static obj_t *os_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd, e;
    int64_t n;
    if (args_check("read", nargs, kwnames, 2, 2) < 0 || posix_fd_arg(args[0], &fd) < 0) return NULL;
    obj_t *i = obj_index(args[1]);
    if (i == NULL) return NULL;
    int rc = int_as_i64(i, &n);
    DECREF(i);
    if (rc < 0) return NULL;
    if (n < 0) return raise_oserror(EINVAL, NULL, NULL);
    char *buf = malloc(n ? (size_t)n : 1);
    if (buf == NULL) return err_no_memory();
    ssize_t got;
    for (;;) {
        BLOCKING(got = read(fd, buf, (size_t)n));
        if (got >= 0 || e != EINTR) break;
        if (thread_current() && thread_handle_eval_breaker(thread_current()) < 0) {
            free(buf);
            return NULL;
        }
    }
    if (got < 0) {
        free(buf);
        return raise_oserror(e, NULL, NULL);
    }
    obj_t *r = bytes_from(buf, (size_t)got);
    free(buf);
    return r;
}

// A bytes-like argument as (data, len); *owned receives a reference to drop.
static int bytes_like(obj_t *v, const char **data, size_t *len, obj_t **owned) {
    *owned = NULL;
    if (BYTES_CHECK(v)) {
        *data = (const char *)bytes_data(v);
        *len = bytes_len(v);
        return 0;
    }
    obj_t *b = obj_call1((obj_t *)&bytes_type, v);
    if (b == NULL || !BYTES_CHECK(b) || STR_CHECK(v) || INT_CHECK(v)) {
        XDECREF(b);
        err_clear();
        err_format(exc_TypeError, "a bytes-like object is required, not '%s'", obj_type_name(v));
        return -1;
    }
    *owned = b;
    *data = (const char *)bytes_data(b);
    *len = bytes_len(b);
    return 0;
}

static obj_t *os_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd, e;
    if (args_check("write", nargs, kwnames, 2, 2) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    const char *data;
    size_t len;
    obj_t *owned;
    if (bytes_like(args[1], &data, &len, &owned) < 0) return NULL;
    ssize_t n;
    for (;;) {
        BLOCKING(n = write(fd, data, len));
        if (n >= 0 || e != EINTR) break;
        if (thread_current() && thread_handle_eval_breaker(thread_current()) < 0) {
            XDECREF(owned);
            return NULL;
        }
    }
    XDECREF(owned);
    if (n < 0) return raise_oserror(e, NULL, NULL);
    return int_from_i64(n);
}

static obj_t *os_pipe(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("pipe", nargs, kwnames, 0, 0) < 0) return NULL;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) return raise_oserror(errno, NULL, NULL);
    return tuple_pack(2, SMALLINT_FROM(fds[0]), SMALLINT_FROM(fds[1]));
}

static obj_t *os_pipe2(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int flags, fds[2];
    if (args_check("pipe2", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &flags) < 0)
        return NULL;
    if (pipe2(fds, flags) < 0) return raise_oserror(errno, NULL, NULL);
    return tuple_pack(2, SMALLINT_FROM(fds[0]), SMALLINT_FROM(fds[1]));
}

static obj_t *os_dup(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    if (args_check("dup", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &fd) < 0) return NULL;
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (r < 0) return raise_oserror(errno, NULL, NULL);
    return SMALLINT_FROM(r);
}

static obj_t *os_dup2(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", "fd2", "inheritable", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    int fd, fd2, r;
    if (args_parse("dup2", args, nargs, kwnames, names, 2, vals) < 0 ||
        posix_fd_arg(vals[0], &fd) < 0 || posix_fd_arg(vals[1], &fd2) < 0)
        return NULL;
    bool inh = vals[2] == NULL || obj_is_true(vals[2]);
    if (inh || fd == fd2)
        r = dup2(fd, fd2);
    else
        r = dup3(fd, fd2, O_CLOEXEC);
    if (r < 0) return raise_oserror(errno, NULL, NULL);
    return SMALLINT_FROM(r);
}

static obj_t *os_lseek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd, how;
    int64_t pos;
    if (args_check("lseek", nargs, kwnames, 3, 3) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    obj_t *i = obj_index(args[1]);
    if (i == NULL) return NULL;
    int rc = int_as_i64(i, &pos);
    DECREF(i);
    if (rc < 0 || posix_fd_arg(args[2], &how) < 0) return NULL;
    off_t r = lseek(fd, (off_t)pos, how);
    if (r < 0) return raise_oserror(errno, NULL, NULL);
    return int_from_i64(r);
}

static obj_t *fd_call(const char *name, obj_t *const *args, size_t nargs, obj_t *kwnames,
                      int (*fn)(int)) {
    int fd, rc, e;
    if (args_check(name, nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *v = args[0];
    if (!INT_CHECK(v)) {
        // fsync accepts any object with fileno(), as CPython.
        obj_t *f = type_lookup(TYPE(v), str_intern("fileno"));
        if (f != NULL) {
            obj_t *r = obj_call1(f, v);
            if (r == NULL) return NULL;
            rc = posix_fd_arg(r, &fd);
            DECREF(r);
            if (rc < 0) return NULL;
            goto have_fd;
        }
    }
    if (posix_fd_arg(v, &fd) < 0) return NULL;
have_fd:
    BLOCKING(rc = fn(fd));
    if (rc < 0) return raise_oserror(e, NULL, NULL);
    return NEWREF(None);
}

static obj_t *os_fsync(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return fd_call("fsync", args, nargs, kwnames, fsync);
}
static obj_t *os_fchdir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return fd_call("fchdir", args, nargs, kwnames, fchdir);
}

static obj_t *os_ftruncate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd, rc, e;
    int64_t len;
    if (args_check("ftruncate", nargs, kwnames, 2, 2) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    obj_t *i = obj_index(args[1]);
    if (i == NULL) return NULL;
    rc = int_as_i64(i, &len);
    DECREF(i);
    if (rc < 0) return NULL;
    BLOCKING(rc = ftruncate(fd, (off_t)len));
    if (rc < 0) return raise_oserror(e, NULL, NULL);
    return NEWREF(None);
}

static obj_t *os_truncate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "length", NULL};
    obj_t *vals[2] = {NULL, NULL};
    if (args_parse("truncate", args, nargs, kwnames, names, 2, vals) < 0) return NULL;
    path_t p = PATH_INIT("truncate", "path", true, false);
    int64_t len;
    int rc, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    obj_t *i = obj_index(vals[1]);
    if (i == NULL || int_as_i64(i, &len) < 0) {
        XDECREF(i);
        path_release(&p);
        return NULL;
    }
    DECREF(i);
    if (p.path)
        BLOCKING(rc = truncate(p.path, (off_t)len));
    else
        BLOCKING(rc = ftruncate(p.fd, (off_t)len));
    obj_t *r = rc < 0 ? posix_path_error(e, &p) : NEWREF(None);
    path_release(&p);
    return r;
}

static obj_t *os_isatty(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    if (args_check("isatty", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    return NEWREF(isatty(fd) ? True : False);
}

static obj_t *os_device_encoding(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", NULL};
    obj_t *v = NULL;
    int fd;
    if (args_parse("device_encoding", args, nargs, kwnames, names, 1, &v) < 0 ||
        posix_fd_arg(v, &fd) < 0)
        return NULL;
    if (!isatty(fd)) return NEWREF(None);
    return str_from_cstr("utf-8");
}

static obj_t *os_get_inheritable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    if (args_check("get_inheritable", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    int fl = fcntl(fd, F_GETFD);
    if (fl < 0) return raise_oserror(errno, NULL, NULL);
    return NEWREF((fl & FD_CLOEXEC) ? False : True);
}

static obj_t *os_set_inheritable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    if (args_check("set_inheritable", nargs, kwnames, 2, 2) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    int inh = obj_is_true(args[1]);
    if (inh < 0) return NULL;
    int fl = fcntl(fd, F_GETFD);
    if (fl < 0 || fcntl(fd, F_SETFD, inh ? (fl & ~FD_CLOEXEC) : (fl | FD_CLOEXEC)) < 0)
        return raise_oserror(errno, NULL, NULL);
    return NEWREF(None);
}

static obj_t *os_get_blocking(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    if (args_check("get_blocking", nargs, kwnames, 1, 1) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return raise_oserror(errno, NULL, NULL);
    return NEWREF((fl & O_NONBLOCK) ? False : True);
}

static obj_t *os_set_blocking(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    if (args_check("set_blocking", nargs, kwnames, 2, 2) < 0 || posix_fd_arg(args[0], &fd) < 0)
        return NULL;
    int b = obj_is_true(args[1]);
    if (b < 0) return NULL;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, b ? (fl & ~O_NONBLOCK) : (fl | O_NONBLOCK)) < 0)
        return raise_oserror(errno, NULL, NULL);
    return NEWREF(None);
}

// ---- one-path and two-path calls -----------------------------------------------------

static obj_t *os_getcwd(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getcwd", nargs, kwnames, 0, 0) < 0) return NULL;
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof buf) == NULL) return raise_oserror(errno, NULL, NULL);
    return posix_fs_decode(buf, strlen(buf), false);
}

static obj_t *os_getcwdb(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getcwdb", nargs, kwnames, 0, 0) < 0) return NULL;
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof buf) == NULL) return raise_oserror(errno, NULL, NULL);
    return bytes_from(buf, strlen(buf));
}

static obj_t *os_chdir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", NULL};
    obj_t *v = NULL;
    if (args_parse("chdir", args, nargs, kwnames, names, 1, &v) < 0) return NULL;
    path_t p = PATH_INIT("chdir", "path", true, false);
    int rc, e;
    if (path_convert(v, &p) < 0) return NULL;
    if (p.path)
        BLOCKING(rc = chdir(p.path));
    else
        BLOCKING(rc = fchdir(p.fd));
    obj_t *r = rc < 0 ? posix_path_error(e, &p) : NEWREF(None);
    path_release(&p);
    return r;
}

// fn(path, *, dir_fd=None) for unlink, remove, rmdir.
static obj_t *path_dirfd_call(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                              int flags) {
    static const char *const names[] = {"path", "$dir_fd", NULL};
    obj_t *vals[2] = {NULL, NULL};
    if (args_parse(fname, args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    path_t p = PATH_INIT(fname, "path", false, false);
    int dirfd, rc, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if (posix_dir_fd(vals[1], &dirfd) < 0) {
        path_release(&p);
        return NULL;
    }
    BLOCKING(rc = unlinkat(dirfd, p.path, flags));
    obj_t *r = rc < 0 ? posix_path_error(e, &p) : NEWREF(None);
    path_release(&p);
    return r;
}

static obj_t *os_unlink(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return path_dirfd_call("unlink", args, nargs, kwnames, 0);
}
static obj_t *os_remove(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return path_dirfd_call("remove", args, nargs, kwnames, 0);
}
static obj_t *os_rmdir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return path_dirfd_call("rmdir", args, nargs, kwnames, AT_REMOVEDIR);
}

static obj_t *os_mkdir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "mode", "$dir_fd", NULL};
    obj_t *vals[3] = {NULL, NULL, NULL};
    if (args_parse("mkdir", args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    path_t p = PATH_INIT("mkdir", "path", false, false);
    int dirfd, mode = 0777, rc, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if ((vals[1] && posix_fd_arg(vals[1], &mode) < 0) || posix_dir_fd(vals[2], &dirfd) < 0) {
        path_release(&p);
        return NULL;
    }
    BLOCKING(rc = mkdirat(dirfd, p.path, (mode_t)mode));
    obj_t *r = rc < 0 ? posix_path_error(e, &p) : NEWREF(None);
    path_release(&p);
    return r;
}

static obj_t *os_chmod(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "mode", "$dir_fd", "$follow_symlinks", NULL};
    obj_t *vals[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("chmod", args, nargs, kwnames, names, 2, vals) < 0) return NULL;
    path_t p = PATH_INIT("chmod", "path", true, false);
    int dirfd, mode, rc, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if (posix_fd_arg(vals[1], &mode) < 0 || posix_dir_fd(vals[2], &dirfd) < 0) {
        path_release(&p);
        return NULL;
    }
    bool follow = vals[3] == NULL || obj_is_true(vals[3]);
    if (p.path == NULL)
        BLOCKING(rc = fchmod(p.fd, (mode_t)mode));
    else
        BLOCKING(rc = fchmodat(dirfd, p.path, (mode_t)mode, follow ? 0 : AT_SYMLINK_NOFOLLOW));
    obj_t *r = rc < 0 ? posix_path_error(e, &p) : NEWREF(None);
    path_release(&p);
    return r;
}

static obj_t *os_fchmod(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", "mode", NULL};
    obj_t *vals[2] = {NULL, NULL};
    int fd, mode, rc, e;
    if (args_parse("fchmod", args, nargs, kwnames, names, 2, vals) < 0 ||
        posix_fd_arg(vals[0], &fd) < 0 || posix_fd_arg(vals[1], &mode) < 0)
        return NULL;
    BLOCKING(rc = fchmod(fd, (mode_t)mode));
    if (rc < 0) return raise_oserror(e, NULL, NULL);
    return NEWREF(None);
}

// rename/replace/link: (src, dst, *, src_dir_fd, dst_dir_fd[, follow_symlinks]).
static obj_t *two_path_call(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                            int which) {
    static const char *const names[] = {"src", "dst", "$src_dir_fd", "$dst_dir_fd", NULL};
    static const char *const lnames[] = {
        "src", "dst", "$src_dir_fd", "$dst_dir_fd", "$follow_symlinks", NULL};
    obj_t *vals[5] = {NULL, NULL, NULL, NULL, NULL};
    if (args_parse(fname, args, nargs, kwnames, which == 2 ? lnames : names, 2, vals) < 0)
        return NULL;
    path_t a = PATH_INIT(fname, "src", false, false), b = PATH_INIT(fname, "dst", false, false);
    int fa, fb, rc, e;
    obj_t *r = NULL;
    if (path_convert(vals[0], &a) < 0) return NULL;
    if (path_convert(vals[1], &b) < 0) goto done;
    if (posix_dir_fd(vals[2], &fa) < 0 || posix_dir_fd(vals[3], &fb) < 0) goto done;
    if (which == 2) {
        int fl = vals[4] == NULL || obj_is_true(vals[4]) ? AT_SYMLINK_FOLLOW : 0;
        BLOCKING(rc = linkat(fa, a.path, fb, b.path, fl));
    } else {
        BLOCKING(rc = renameat(fa, a.path, fb, b.path));
    }
    r = rc < 0 ? posix_path_error2(e, &a, &b) : NEWREF(None);
done:
    path_release(&a);
    path_release(&b);
    return r;
}

static obj_t *os_rename(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return two_path_call("rename", args, nargs, kwnames, 0);
}
static obj_t *os_replace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return two_path_call("replace", args, nargs, kwnames, 1);
}
static obj_t *os_link(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return two_path_call("link", args, nargs, kwnames, 2);
}

static obj_t *os_symlink(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"src", "dst", "target_is_directory", "$dir_fd", NULL};
    obj_t *vals[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("symlink", args, nargs, kwnames, names, 2, vals) < 0) return NULL;
    path_t a = PATH_INIT("symlink", "src", false, false),
           b = PATH_INIT("symlink", "dst", false, false);
    int fd, rc, e;
    obj_t *r = NULL;
    if (path_convert(vals[0], &a) < 0) return NULL;
    if (path_convert(vals[1], &b) < 0 || posix_dir_fd(vals[3], &fd) < 0) goto done;
    BLOCKING(rc = symlinkat(a.path, fd, b.path));
    r = rc < 0 ? posix_path_error2(e, &a, &b) : NEWREF(None);
done:
    path_release(&a);
    path_release(&b);
    return r;
}

static obj_t *os_readlink(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "$dir_fd", NULL};
    obj_t *vals[2] = {NULL, NULL};
    if (args_parse("readlink", args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    path_t p = PATH_INIT("readlink", "path", false, false);
    int fd, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if (posix_dir_fd(vals[1], &fd) < 0) {
        path_release(&p);
        return NULL;
    }
    char buf[PATH_MAX + 1];
    ssize_t n;
    BLOCKING(n = readlinkat(fd, p.path, buf, sizeof buf - 1));
    obj_t *r = n < 0 ? posix_path_error(e, &p) : posix_fs_decode(buf, (size_t)n, p.is_bytes);
    path_release(&p);
    return r;
}

static obj_t *os_access(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {
        "path", "mode", "$dir_fd", "$effective_ids", "$follow_symlinks", NULL};
    obj_t *vals[5] = {NULL, NULL, NULL, NULL, NULL};
    if (args_parse("access", args, nargs, kwnames, names, 2, vals) < 0) return NULL;
    path_t p = PATH_INIT("access", "path", false, false);
    int fd, mode, rc, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    if (posix_fd_arg(vals[1], &mode) < 0 || posix_dir_fd(vals[2], &fd) < 0) {
        path_release(&p);
        return NULL;
    }
    int fl = 0;
    if (vals[3] && obj_is_true(vals[3])) fl |= AT_EACCESS;
    if (vals[4] && !obj_is_true(vals[4])) fl |= AT_SYMLINK_NOFOLLOW;
    BLOCKING(rc = faccessat(fd, p.path, mode, fl));
    (void)e;
    path_release(&p);
    return NEWREF(rc == 0 ? True : False);
}

// utime's times=(atime, mtime) in seconds (int or float).
static int time_arg(obj_t *v, struct timespec *ts) {
    if (INT_CHECK(v)) {
        int64_t s;
        if (int_as_i64(v, &s) < 0) return -1;
        ts->tv_sec = (time_t)s;
        ts->tv_nsec = 0;
        return 0;
    }
    double t = float_as_double(v);
    if (t == -1.0 && err_occurred()) return -1;
    double fl = __builtin_floor(t);
    ts->tv_sec = (time_t)fl;
    ts->tv_nsec = (long)((t - fl) * 1e9);
    if (ts->tv_nsec >= 1000000000) ts->tv_nsec = 999999999;
    return 0;
}

static obj_t *os_utime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", "times", "$ns", "$dir_fd", "$follow_symlinks",
                                        NULL};
    obj_t *vals[5] = {NULL, NULL, NULL, NULL, NULL};
    if (args_parse("utime", args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    path_t p = PATH_INIT("utime", "path", true, false);
    int fd, rc, e;
    if (path_convert(vals[0], &p) < 0) return NULL;
    struct timespec ts[2], *tsp = NULL;
    obj_t *times = vals[1] && vals[1] != None ? vals[1] : NULL;
    if (times && vals[2]) {
        err_set_str(exc_ValueError, "utime: you may specify either 'times' or 'ns' but not both");
        goto error;
    }
    if (times) {
        if (!TUPLE_CHECK(times) || TUPLE_SIZE(times) != 2) {
            err_set_str(exc_TypeError, "utime: 'times' must be either a tuple of two ints or None");
            goto error;
        }
        if (time_arg(TUPLE_GET(times, 0), &ts[0]) < 0 || time_arg(TUPLE_GET(times, 1), &ts[1]) < 0)
            goto error;
        tsp = ts;
    } else if (vals[2]) {
        if (!TUPLE_CHECK(vals[2]) || TUPLE_SIZE(vals[2]) != 2) {
            err_set_str(exc_TypeError, "utime: 'ns' must be a tuple of two ints");
            goto error;
        }
        for (int i = 0; i < 2; i++) {
            int64_t ns;
            obj_t *nv = TUPLE_GET(vals[2], i);
            if (!INT_CHECK(nv)) {
                // CPython splits ns with divmod(ns, 10**9): its TypeError.
                obj_t *q = obj_divmod(nv, SMALLINT_FROM(1000000000));
                XDECREF(q);
                if (q == NULL) goto error;
            }
            obj_t *iv = obj_index(nv);
            int rc2 = iv ? int_as_i64(iv, &ns) : -1;
            XDECREF(iv);
            if (rc2 < 0) goto error;
            ts[i].tv_sec = ns / 1000000000;
            ts[i].tv_nsec = ns % 1000000000;
            if (ts[i].tv_nsec < 0) {
                ts[i].tv_nsec += 1000000000;
                ts[i].tv_sec--;
            }
        }
        tsp = ts;
    }
    if (posix_dir_fd(vals[3], &fd) < 0) goto error;
    bool follow = vals[4] == NULL || obj_is_true(vals[4]);
    if (p.path == NULL)
        BLOCKING(rc = futimens(p.fd, tsp));
    else
        BLOCKING(rc = utimensat(fd, p.path, tsp, follow ? 0 : AT_SYMLINK_NOFOLLOW));
    if (rc < 0) {
        posix_path_error(e, &p);
        goto error;
    }
    path_release(&p);
    return NEWREF(None);
error:
    path_release(&p);
    return NULL;
}

const method_def_t posix_fs_functions[] = {
    {"stat", os_stat, 0, NULL},
    {"lstat", os_lstat, 0, NULL},
    {"fstat", os_fstat, 0, NULL},
    {"listdir", os_listdir, 0, NULL},
    {"scandir", os_scandir, 0, NULL},
    {"open", os_open, 0, NULL},
    {"close", os_close, 0, NULL},
    {"closerange", os_closerange, 0, NULL},
    {"read", os_read, 0, NULL},
    {"write", os_write, 0, NULL},
    {"pipe", os_pipe, 0, NULL},
    {"pipe2", os_pipe2, 0, NULL},
    {"dup", os_dup, 0, NULL},
    {"dup2", os_dup2, 0, NULL},
    {"lseek", os_lseek, 0, NULL},
    {"fsync", os_fsync, 0, NULL},
    {"fchdir", os_fchdir, 0, NULL},
    {"ftruncate", os_ftruncate, 0, NULL},
    {"truncate", os_truncate, 0, NULL},
    {"isatty", os_isatty, 0, NULL},
    {"device_encoding", os_device_encoding, 0, NULL},
    {"get_inheritable", os_get_inheritable, 0, NULL},
    {"set_inheritable", os_set_inheritable, 0, NULL},
    {"get_blocking", os_get_blocking, 0, NULL},
    {"set_blocking", os_set_blocking, 0, NULL},
    {"getcwd", os_getcwd, 0, NULL},
    {"getcwdb", os_getcwdb, 0, NULL},
    {"chdir", os_chdir, 0, NULL},
    {"unlink", os_unlink, 0, NULL},
    {"remove", os_remove, 0, NULL},
    {"rmdir", os_rmdir, 0, NULL},
    {"mkdir", os_mkdir, 0, NULL},
    {"chmod", os_chmod, 0, NULL},
    {"fchmod", os_fchmod, 0, NULL},
    {"rename", os_rename, 0, NULL},
    {"replace", os_replace, 0, NULL},
    {"link", os_link, 0, NULL},
    {"symlink", os_symlink, 0, NULL},
    {"readlink", os_readlink, 0, NULL},
    {"access", os_access, 0, NULL},
    {"utime", os_utime, 0, NULL},
    {NULL},
};

// os.stat_result(seq): hidden float times left out default to the int ones.
static obj_t *stat_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *r = structseq_tp_new(type, args, nargs, kwnames);
    if (r == NULL) return NULL;
    tuple_t *t = (tuple_t *)r;
    for (int i = 0; i < 3; i++) {
        if (t->items[10 + i] == None) {
            DECREF(t->items[10 + i]);
            t->items[10 + i] = NEWREF(t->items[7 + i]);
        }
    }
    return r;
}

int posix_fs_add(obj_t *m) {
    stat_result_type.type.tp_new = stat_tp_new;
    if (structseq_ready(&stat_result_type, 3) < 0 || type_ready(&direntry_type) < 0 ||
        type_ready(&scandir_type) < 0)
        return -1;
    if (module_add_functions(m, posix_fs_functions) < 0 ||
        dict_set_str(module_dict(m), "stat_result", (obj_t *)&stat_result_type) < 0 ||
        dict_set_str(module_dict(m), "DirEntry", (obj_t *)&direntry_type) < 0)
        return -1;
    return 0;
}
