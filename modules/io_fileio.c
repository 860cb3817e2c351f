/*
 * modules/io_fileio.c — _io.FileIO: raw, unbuffered binary I/O over a
 * POSIX file descriptor.
 *
 * The descriptor lives in an atomic `fd` (-1 once closed).  No lock is
 * held around system calls: each method loads `fd` once and uses it, so a
 * read racing close() fails with EBADF (or reads from a descriptor number
 * reused meanwhile, as CPython can), never touches freed memory.  close()
 * swaps `fd` to -1 first, so the descriptor is closed exactly once.  The
 * other fields are written only by __init__ before the object is shared.
 * System calls that may block run in a blocking region
 * (thread_block_begin/end), so other threads' stop-the-world requests are
 * not held up.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "io_internal.h"
#include "posix_internal.h"

typedef struct {
    iobase_t base;
    _Atomic int fd;
    bool readable, writable, appending, created, closefd;
    _Atomic signed char seekable; // -1 unknown; a benign cache any thread may fill
    int blksize;
    bool finalizing;
} fileio_t;

#define FIO(o) ((fileio_t *)(o))

static int get_fd(obj_t *self) {
    return atomic_load_explicit(&FIO(self)->fd, memory_order_acquire);
}

// OSError(errno, strerror, filename) with the fitting subclass; NULL.
static obj_t *errno_error(int e, obj_t *filename) {
    obj_t *msg = str_from_cstr(strerror(e));
    if (msg == NULL) return NULL;
    obj_t *args = filename ? tuple_pack(3, SMALLINT_FROM(e), msg, filename)
                           : tuple_pack(2, SMALLINT_FROM(e), msg);
    DECREF(msg);
    if (args == NULL) return NULL;
    obj_t *exc = exc_new(exc_OSError, args);
    DECREF(args);
    if (exc != NULL) err_set_object(exc);
    XDECREF(exc);
    return NULL;
}

static obj_t *closed_err(void) {
    err_set_str(exc_ValueError, "I/O operation on closed file");
    return NULL;
}

static obj_t *fileio_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *o = obj_alloc(type, type->basicsize);
    if (o) {
        FIO(o)->fd = -1;
        FIO(o)->seekable = -1;
        FIO(o)->closefd = true;
    }
    return o;
}

static void internal_close(fileio_t *f) {
    int fd = atomic_exchange_explicit(&f->fd, -1, memory_order_acq_rel);
    if (fd >= 0 && f->closefd) close(fd);
}

static int fileio_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"file", "mode", "closefd", "opener", NULL};
    obj_t *v[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("FileIO", args, nargs, kwnames, names, 1, v) < 0) return -1;
    fileio_t *f = FIO(self);
    if (get_fd(self) >= 0) {
        if (f->closefd)
            internal_close(f);
        else
            atomic_store(&f->fd, -1);
    }
    obj_t *nameobj = v[0];
    const char *mode = "r";
    if (v[1] != NULL) {
        if (!STR_CHECK(v[1])) {
            err_format(exc_TypeError, "FileIO() argument 'mode' must be str, not %s",
                       obj_type_name(v[1]));
            return -1;
        }
        mode = str_data(v[1]);
    }
    bool closefd = true;
    if (v[2] != NULL) {
        int t = obj_is_true(v[2]);
        if (t < 0) return -1;
        closefd = t;
    }
    obj_t *opener = v[3] != NULL && v[3] != None ? v[3] : NULL;

    int fd = -1;
    obj_t *path = NULL; // bytes of the path when opening by name
    if (INT_CHECK(nameobj)) {
        int64_t v64;
        if (int_as_i64(nameobj, &v64) < 0) return -1;
        if (v64 < 0) {
            err_set_str(exc_ValueError, "negative file descriptor");
            return -1;
        }
        if (v64 > INT32_MAX) {
            err_set_str(exc_OverflowError, "signed integer is greater than maximum");
            return -1;
        }
        fd = (int)v64;
    }

    bool readable = false, writable = false, appending = false, created = false, plus = false,
         rwa = false;
    int flags = 0;
    for (const char *m = mode; *m; m++) {
        switch (*m) {
        case 'x':
        case 'r':
        case 'w':
        case 'a':
            if (rwa) goto bad_mode;
            rwa = true;
            if (*m == 'x') {
                created = writable = true;
                flags |= O_EXCL | O_CREAT;
            } else if (*m == 'r') {
                readable = true;
            } else if (*m == 'w') {
                writable = true;
                flags |= O_CREAT | O_TRUNC;
            } else {
                writable = appending = true;
                flags |= O_APPEND | O_CREAT;
            }
            break;
        case 'b': break;
        case '+':
            if (plus) goto bad_mode;
            readable = writable = plus = true;
            break;
        default: err_format(exc_ValueError, "invalid mode: %.200s", mode); return -1;
        }
    }
    if (!rwa) goto bad_mode;
    flags |= readable && writable ? O_RDWR : readable ? O_RDONLY : O_WRONLY;
    flags |= O_CLOEXEC;

    if (fd < 0) {
        if (!closefd) {
            err_set_str(exc_ValueError, "Cannot use closefd=False with file name");
            return -1;
        }
        if (STR_CHECK(nameobj)) {
            path = posix_fs_encode(nameobj); // UTF-8, surrogateescape
        } else if (BYTES_CHECK(nameobj)) {
            path = NEWREF(nameobj);
        } else {
            obj_t *fspath = type_lookup(TYPE(nameobj), str_intern("__fspath__"));
            if (fspath == NULL) {
                err_format(exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                           obj_type_name(nameobj));
                return -1;
            }
            obj_t *p = obj_call_method(nameobj, "__fspath__", NULL, 0);
            if (p == NULL) return -1;
            if (STR_CHECK(p))
                path = posix_fs_encode(p);
            else if (BYTES_CHECK(p))
                path = NEWREF(p);
            else
                err_format(exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                           obj_type_name(nameobj), obj_type_name(p));
            DECREF(p);
        }
        if (path == NULL) return -1;
        if (memchr(bytes_data(path), 0, bytes_len(path))) {
            DECREF(path);
            err_set_str(exc_ValueError, "embedded null byte");
            return -1;
        }
        if (opener == NULL) {
            thread_block_begin();
            do {
                fd = open((const char *)bytes_data(path), flags, 0666);
            } while (fd < 0 && errno == EINTR);
            int e = errno;
            thread_block_end();
            if (fd < 0) {
                DECREF(path);
                errno_error(e, nameobj);
                return -1;
            }
        } else {
            obj_t *fl = int_from_i64(flags);
            obj_t *r = fl ? obj_call2(opener, nameobj, fl) : NULL;
            XDECREF(fl);
            if (r == NULL) {
                DECREF(path);
                return -1;
            }
            if (!INT_CHECK(r)) {
                DECREF(r);
                DECREF(path);
                err_set_str(exc_TypeError, "expected integer from opener");
                return -1;
            }
            int64_t v64;
            int rc = int_as_i64(r, &v64);
            DECREF(r);
            if (rc < 0) {
                DECREF(path);
                return -1;
            }
            if (v64 < 0) {
                DECREF(path);
                err_format(exc_ValueError, "opener returned %lld", (long long)v64);
                return -1;
            }
            fd = (int)v64;
        }
        DECREF(path);
    }
    f->readable = readable;
    f->writable = writable;
    f->appending = appending;
    f->created = created;
    f->closefd = closefd;
    f->seekable = -1;
    f->blksize = IO_DEFAULT_BUFFER_SIZE;
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        if (e == EBADF) {
            if (closefd && v[0] != NULL && !INT_CHECK(nameobj)) close(fd);
            errno_error(e, NULL);
            return -1;
        }
    } else {
        if (S_ISDIR(st.st_mode)) {
            if (!INT_CHECK(nameobj)) close(fd);
            errno_error(EISDIR, nameobj);
            return -1;
        }
        if (st.st_blksize > 1) f->blksize = (int)st.st_blksize;
    }
    atomic_store_explicit(&f->fd, fd, memory_order_release);
    if (obj_setattr_str(self, "name", nameobj) < 0) {
        internal_close(f);
        return -1;
    }
    if (appending) lseek(fd, 0, SEEK_END);
    return 0;

bad_mode:
    err_set_str(exc_ValueError,
                "Must have exactly one of create/read/write/append mode and at most one plus");
    return -1;
}

static void fileio_dealloc(obj_t *self) {
    internal_close(FIO(self));
    io_base_free(self);
}

// Loads the descriptor of an open file, checking readable/writable when
// asked; -1 + exception.
static int open_fd(obj_t *self, int need) {
    int fd = get_fd(self);
    if (fd < 0) {
        closed_err();
        return -1;
    }
    if (need == 'r' && !FIO(self)->readable) {
        io_unsupported("File not open for reading");
        return -1;
    }
    if (need == 'w' && !FIO(self)->writable) {
        io_unsupported("File not open for writing");
        return -1;
    }
    return fd;
}

// read(2) in a blocking region; -1 with errno.  On EINTR the signal
// handlers run first (PEP 475): then the read is retried, or -2 is
// returned with the exception a handler raised.
static ssize_t do_read(int fd, void *buf, size_t n) {
    for (;;) {
        thread_block_begin();
        ssize_t r = read(fd, buf, n);
        int e = errno;
        thread_block_end();
        if (r >= 0 || e != EINTR) {
            errno = e;
            return r;
        }
        thread_t *ts = thread_current();
        if (ts && thread_handle_eval_breaker(ts) < 0) return -2;
    }
}

static obj_t *readall_fd(int fd) {
    size_t cap = IO_DEFAULT_BUFFER_SIZE, len = 0;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        off_t pos = lseek(fd, 0, SEEK_CUR);
        if (pos >= 0 && st.st_size > pos) cap = (size_t)(st.st_size - pos) + 1;
    }
    char *buf = malloc(cap);
    if (buf == NULL) return err_no_memory();
    for (;;) {
        if (len == cap) {
            size_t ncap = cap * 2;
            char *nb = obj_alloc_too_big(ncap) ? NULL : realloc(buf, ncap);
            if (nb == NULL) {
                free(buf);
                return err_no_memory();
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = do_read(fd, buf + len, cap - len);
        if (r == -2) {
            free(buf);
            return NULL;
        }
        if (r < 0) {
            int e = errno;
            free(buf);
            if (e == EAGAIN && len == 0) return NEWREF(None);
            return errno_error(e, NULL);
        }
        if (r == 0) break;
        len += (size_t)r;
    }
    obj_t *res = bytes_from(buf, len);
    free(buf);
    return res;
}

obj_t *io_fileio_read(obj_t *self, ssize_t n) {
    int fd = open_fd(self, 'r');
    if (fd < 0) return NULL;
    if (n < 0) return readall_fd(fd);
    char small[512];
    char *buf = (size_t)n <= sizeof small ? small : malloc((size_t)n);
    if (buf == NULL) return err_no_memory();
    ssize_t r = do_read(fd, buf, (size_t)n);
    obj_t *res;
    if (r == -2)
        res = NULL;
    else if (r < 0)
        res = errno == EAGAIN ? NEWREF(None) : errno_error(errno, NULL);
    else
        res = bytes_from(buf, (size_t)r);
    if (buf != small) free(buf);
    return res;
}

int io_fileio_fd(obj_t *self) {
    return get_fd(self);
}

static obj_t *fileio_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("read", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    return io_fileio_read(self, n);
}

static obj_t *fileio_readall(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readall", nargs, kwnames, 0, 0) < 0) return NULL;
    int fd = get_fd(self);
    if (fd < 0) return closed_err();
    return readall_fd(fd);
}

static obj_t *fileio_readinto(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readinto", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (io_writable_buffer(args[0], &view) < 0) return NULL;
    int fd = open_fd(self, 'r');
    if (fd < 0) {
        buffer_release(&view);
        return NULL;
    }
    ssize_t r = do_read(fd, view.buf, view.len);
    int e = errno;
    buffer_release(&view);
    if (r == -2) return NULL;
    if (r < 0) return e == EAGAIN ? NEWREF(None) : errno_error(e, NULL);
    return int_from_i64(r);
}

static obj_t *fileio_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write", nargs, kwnames, 1, 1) < 0) return NULL;
    int fd = open_fd(self, 'w');
    if (fd < 0) return NULL;
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    ssize_t w;
    int e;
    for (;;) { // as do_read: handlers run on EINTR, then the write is retried
        thread_block_begin();
        w = write(fd, view.buf, view.len);
        e = errno;
        thread_block_end();
        if (w >= 0 || e != EINTR) break;
        thread_t *ts = thread_current();
        if (ts && thread_handle_eval_breaker(ts) < 0) {
            buffer_release(&view);
            return NULL;
        }
    }
    buffer_release(&view);
    if (w < 0) return e == EAGAIN ? NEWREF(None) : errno_error(e, NULL);
    return int_from_i64(w);
}

static obj_t *fileio_seek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("seek", nargs, kwnames, 1, 2) < 0) return NULL;
    int64_t pos, whence = 0;
    obj_t *idx = obj_index(args[0]);
    if (idx == NULL) return NULL;
    int rc = int_as_i64(idx, &pos);
    DECREF(idx);
    if (rc < 0) return NULL;
    if (nargs > 1) {
        ssize_t w;
        if (obj_ssize_arg(args[1], &w) < 0) return NULL;
        whence = w;
    }
    int fd = get_fd(self);
    if (fd < 0) return closed_err();
    off_t r = lseek(fd, (off_t)pos, (int)whence);
    if (r < 0) return errno_error(errno, NULL);
    if (FIO(self)->seekable < 0) FIO(self)->seekable = 1;
    return int_from_i64((int64_t)r);
}

static obj_t *fileio_tell(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("tell", nargs, kwnames, 0, 0) < 0) return NULL;
    int fd = get_fd(self);
    if (fd < 0) return closed_err();
    off_t r = lseek(fd, 0, SEEK_CUR);
    if (r < 0) return errno_error(errno, NULL);
    return int_from_i64((int64_t)r);
}

static obj_t *fileio_truncate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("truncate", nargs, kwnames, 0, 1) < 0) return NULL;
    int fd = open_fd(self, 'w');
    if (fd < 0) return NULL;
    int64_t size;
    if (nargs == 0 || args[0] == None) {
        off_t r = lseek(fd, 0, SEEK_CUR);
        if (r < 0) return errno_error(errno, NULL);
        size = r;
    } else {
        obj_t *idx = obj_index(args[0]);
        if (idx == NULL) return NULL;
        int rc = int_as_i64(idx, &size);
        DECREF(idx);
        if (rc < 0) return NULL;
    }
    if (ftruncate(fd, (off_t)size) < 0) return errno_error(errno, NULL);
    return int_from_i64(size);
}

static obj_t *fileio_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    fileio_t *f = FIO(self);
    int fd = atomic_exchange_explicit(&f->fd, -1, memory_order_acq_rel);
    // The flag of _IOBase.close(), which FileIO's close() also is.
    if (obj_setattr_str(self, "__IOBase_closed", True) < 0) err_clear();
    if (fd >= 0 && f->closefd) {
        if (close(fd) < 0) return errno_error(errno, NULL);
    }
    return NEWREF(None);
}

static obj_t *fileio_fileno(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("fileno", nargs, kwnames, 0, 0) < 0) return NULL;
    int fd = get_fd(self);
    if (fd < 0) return closed_err();
    return int_from_i64(fd);
}

static obj_t *fileio_isatty(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("isatty", nargs, kwnames, 0, 0) < 0) return NULL;
    int fd = get_fd(self);
    if (fd < 0) return closed_err();
    return NEWREF(bool_from(isatty(fd)));
}

static obj_t *fileio_readable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readable", nargs, kwnames, 0, 0) < 0) return NULL;
    if (get_fd(self) < 0) return closed_err();
    return NEWREF(bool_from(FIO(self)->readable));
}

static obj_t *fileio_writable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("writable", nargs, kwnames, 0, 0) < 0) return NULL;
    if (get_fd(self) < 0) return closed_err();
    return NEWREF(bool_from(FIO(self)->writable));
}

static obj_t *fileio_seekable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("seekable", nargs, kwnames, 0, 0) < 0) return NULL;
    int fd = get_fd(self);
    if (fd < 0) return closed_err();
    if (FIO(self)->seekable < 0) FIO(self)->seekable = lseek(fd, 0, SEEK_CUR) >= 0;
    return NEWREF(bool_from(FIO(self)->seekable));
}

static obj_t *fileio_getstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_format(exc_TypeError, "cannot pickle '%s' object", TYPE(self)->name);
    return NULL;
}

static const char *mode_string(fileio_t *f) {
    if (f->created) return f->readable ? "xb+" : "xb";
    if (f->appending) return f->readable ? "ab+" : "ab";
    if (f->readable) return f->writable ? "rb+" : "rb";
    return "wb";
}

static obj_t *fileio_get_mode(obj_t *self, void *c) {
    return str_from_cstr(mode_string(FIO(self)));
}

static obj_t *fileio_get_closed(obj_t *self, void *c) {
    return NEWREF(bool_from(get_fd(self) < 0));
}

static obj_t *fileio_get_closefd(obj_t *self, void *c) {
    return NEWREF(bool_from(FIO(self)->closefd));
}

static obj_t *fileio_get_blksize(obj_t *self, void *c) {
    return int_from_i64(FIO(self)->blksize);
}

static obj_t *fileio_repr(obj_t *self) {
    const char *tn = "_io.FileIO";
    if (get_fd(self) < 0) return str_from_format("<%s [closed]>", tn);
    obj_t *name = obj_lookup_attr(self, str_intern("name"));
    if (name == NULL && err_occurred()) return NULL;
    obj_t *r;
    if (name == NULL) {
        r = str_from_format("<%s fd=%d mode='%s' closefd=%s>", tn, get_fd(self),
                            mode_string(FIO(self)), FIO(self)->closefd ? "True" : "False");
    } else {
        if (repr_enter(self) != 0) {
            DECREF(name);
            if (!err_occurred())
                err_format(exc_RuntimeError, "reentrant call inside %s.__repr__", tn);
            return NULL;
        }
        r = str_from_format("<%s name=%R mode='%s' closefd=%s>", tn, name, mode_string(FIO(self)),
                            FIO(self)->closefd ? "True" : "False");
        repr_leave(self);
        DECREF(name);
    }
    return r;
}

static const method_def_t fileio_methods[] = {
    {"read", fileio_read, 0, NULL},
    {"readall", fileio_readall, 0, NULL},
    {"readinto", fileio_readinto, 0, NULL},
    {"write", fileio_write, 0, NULL},
    {"seek", fileio_seek, 0, NULL},
    {"tell", fileio_tell, 0, NULL},
    {"truncate", fileio_truncate, 0, NULL},
    {"close", fileio_close, 0, NULL},
    {"fileno", fileio_fileno, 0, NULL},
    {"isatty", fileio_isatty, 0, NULL},
    {"readable", fileio_readable, 0, NULL},
    {"writable", fileio_writable, 0, NULL},
    {"seekable", fileio_seekable, 0, NULL},
    {"__getstate__", fileio_getstate, 0, NULL},
    {NULL},
};

static const getset_def_t fileio_getsets[] = {
    {"mode", fileio_get_mode, NULL, NULL},
    {"closed", fileio_get_closed, NULL, NULL},
    {"closefd", fileio_get_closefd, NULL, NULL},
    {"_blksize", fileio_get_blksize, NULL, NULL},
    {NULL},
};

type_t io_fileio_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io.FileIO",
    .basicsize = sizeof(fileio_t),
    .flags = TPFLAG_BASETYPE,
    .base = &io_rawiobase_type,
    .dictoffset = offsetof(iobase_t, dict),
    .dealloc = fileio_dealloc,
    .repr = fileio_repr,
    .tp_new = fileio_new,
    .tp_init = fileio_init,
    .methods = fileio_methods,
    .getsets = fileio_getsets,
    .doc = "Open a file.",
};
