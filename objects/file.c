/*
 * objects/file.c — file objects over POSIX descriptors (objects/file.h).
 *
 * Invariants: `wbuf` holds written bytes not yet passed to write(2); `rbuf`
 * holds bytes read from the descriptor but not yet consumed, [rpos, rlen).
 * A file is either being read or written through its buffers at a time: a
 * read flushes pending writes first, a write or seek drops read-ahead.
 * Text mode decodes strictly as UTF-8 and turns "\r\n" and "\r" into "\n" on
 * input (newline=None semantics); output is written as is.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/error.h"
#include "../threads/critical.h"
#include "../threads/thread.h"
#include "buffer.h"
#include "bytes.h"
#include "exceptions.h"
#include "file.h"
#include "int.h"
#include "list.h"
#include "str.h"

#define BUF_SIZE 8192

static obj_t *closed_error(void) {
    err_set_str(exc_ValueError, "I/O operation on closed file.");
    return NULL;
}

// Writes all of buf to the descriptor; -1 + OSError on failure.  The
// caller keeps the file's critical section (buf is the file's buffer), but
// write(2) to a pipe nobody reads may block for ever: the thread is offline
// for QSBR meanwhile, so a grace period (another thread's exit, the main
// thread's at shutdown) never waits for it.
static int write_all(int fd, const char *buf, size_t n) {
    bool blocked = false;
    while (n > 0) {
        thread_offline_for_park(true);
        ssize_t w = write(fd, buf, n);
        thread_offline_for_park(false);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (blocked) thread_block_end();
            err_from_errno(errno, NULL);
            return -1;
        }
        buf += w;
        n -= (size_t)w;
    }
    (void)blocked;
    return 0;
}

static int flush_locked(file_t *f) {
    if (f->wlen == 0) return 0;
    size_t n = f->wlen;
    f->wlen = 0;
    return write_all(f->fd, f->wbuf, n);
}

int file_flush(obj_t *fo) {
    file_t *f = (file_t *)fo;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(fo);
    if (!f->closed) rc = flush_locked(f);
    END_CRITICAL_SECTION();
    return rc;
}

int file_flush_at_exit(obj_t *fo, int timeout_ms) {
    file_t *f = (file_t *)fo;
    for (int waited = 0;; waited++) {
        critical_section_t cs;
        if (critical_try_enter(&cs, fo)) {
            int rc = f->closed ? 0 : flush_locked(f);
            critical_exit(&cs);
            return rc < 0 ? -1 : 1;
        }
        if (waited >= timeout_ms) return 0;
        struct timespec ms = {0, 1000000};
        thread_block_begin();
        nanosleep(&ms, NULL);
        thread_block_end();
    }
}

static int buffer_write(file_t *f, const char *s, size_t n) {
    if (n == 0) return 0;
    if (f->unbuffered) return write_all(f->fd, s, n);
    if (f->wlen + n > f->wcap) {
        if (flush_locked(f) < 0) return -1;
        if (n >= BUF_SIZE) return write_all(f->fd, s, n);
        if (f->wbuf == NULL) {
            f->wbuf = malloc(BUF_SIZE);
            if (f->wbuf == NULL) {
                err_no_memory();
                return -1;
            }
            f->wcap = BUF_SIZE;
        }
    }
    memcpy(f->wbuf + f->wlen, s, n);
    f->wlen += n;
    if (f->line_buffered && memchr(s, '\n', n)) return flush_locked(f);
    return 0;
}

int file_write_utf8(obj_t *fo, const char *s, size_t n) {
    file_t *f = (file_t *)fo;
    int rc;
    BEGIN_CRITICAL_SECTION(fo);
    if (f->closed) {
        closed_error();
        rc = -1;
    } else if (!f->writable) {
        err_set_str(exc_OSError, "not writable");
        rc = -1;
    } else {
        f->rpos = f->rlen = 0;
        rc = buffer_write(f, s, n);
    }
    END_CRITICAL_SECTION();
    return rc;
}

// Ensures at least one unread byte is buffered; returns 0 at EOF, 1 if data,
// -1 on error.  Critical section held.
static int fill(file_t *f) {
    if (f->rpos < f->rlen) return 1;
    if (f->eof) return 0;
    if (flush_locked(f) < 0) return -1;
    if (f->rbuf == NULL) {
        f->rbuf = malloc(BUF_SIZE);
        if (f->rbuf == NULL) {
            err_no_memory();
            return -1;
        }
        f->rcap = BUF_SIZE;
    }
    ssize_t r;
    do {
        r = read(f->fd, f->rbuf, f->rcap);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        err_from_errno(errno, NULL);
        return -1;
    }
    f->rpos = 0;
    f->rlen = (size_t)r;
    if (r == 0) {
        f->eof = true;
        return 0;
    }
    return 1;
}

// Appends raw bytes up to and including the next '\n' (or everything when
// !line) to b; limit < 0 means no limit (bytes).  Critical section held.
static int read_raw(file_t *f, str_builder_t *b, bool line, ssize_t limit) {
    for (;;) {
        if (limit >= 0 && (ssize_t)b->len >= limit) return 0;
        int r = fill(f);
        if (r <= 0) return r;
        size_t avail = f->rlen - f->rpos;
        if (limit >= 0 && (ssize_t)avail > limit - (ssize_t)b->len)
            avail = (size_t)(limit - (ssize_t)b->len);
        const char *start = f->rbuf + f->rpos;
        if (line) {
            const char *nl = memchr(start, '\n', avail);
            if (nl) {
                size_t n = (size_t)(nl - start) + 1;
                str_builder_add(b, start, n);
                f->rpos += n;
                return 0;
            }
        }
        str_builder_add(b, start, avail);
        f->rpos += avail;
    }
}

// Translates "\r\n" and lone "\r" to "\n" in place; returns the new length.
static size_t translate_newlines(char *s, size_t n) {
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            s[j++] = '\n';
            if (i + 1 < n && s[i + 1] == '\n') i++;
        } else {
            s[j++] = s[i];
        }
    }
    return j;
}

static obj_t *finish_read(file_t *f, str_builder_t *b) {
    if (b->failed) {
        str_builder_discard(b);
        return err_no_memory();
    }
    if (f->binary) {
        obj_t *r = bytes_from(b->buf, b->len);
        str_builder_discard(b);
        return r;
    }
    size_t n = translate_newlines(b->buf ? b->buf : "", b->len);
    obj_t *r = str_from_utf8(b->buf ? b->buf : "", n);
    str_builder_discard(b);
    return r;
}

static obj_t *check_readable(file_t *f) {
    if (f->closed) return closed_error();
    if (!f->readable) {
        err_set_str(exc_OSError, "not readable");
        return NULL;
    }
    return None;
}

static obj_t *do_read(obj_t *fo, bool line, ssize_t limit) {
    file_t *f = (file_t *)fo;
    obj_t *result = NULL;
    BEGIN_CRITICAL_SECTION(fo);
    if (check_readable(f)) {
        str_builder_t b;
        str_builder_init(&b);
        if (read_raw(f, &b, line, limit) < 0)
            str_builder_discard(&b);
        else
            result = finish_read(f, &b);
    }
    END_CRITICAL_SECTION();
    return result;
}

static obj_t *file_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"size", NULL};
    obj_t *size = NULL;
    if (args_parse("read", args, nargs, kwnames, names, 0, &size) < 0) return NULL;
    ssize_t limit = -1;
    if (size && size != None) {
        limit = obj_as_ssize(size);
        if (limit == -1 && err_occurred()) return NULL;
    }
    return do_read(self, false, limit < 0 ? -1 : limit);
}

// readinto(b): reads up to len(b) bytes into a writable bytes-like object
// (a bytearray or a view of one), through an export so the target cannot
// be resized while the read blocks.
static obj_t *file_readinto(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (!((file_t *)self)->binary) {
        err_format(exc_AttributeError, "'%s' object has no attribute 'readinto'",
                   obj_type_name(self));
        return NULL;
    }
    if (args_check("readinto", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (buffer_check(args[0]) && buffer_get(args[0], &view) < 0) return NULL;
    if (!buffer_check(args[0]) || view.readonly) {
        if (buffer_check(args[0])) buffer_release(&view);
        err_format(exc_TypeError,
                   "readinto() argument must be read-write bytes-like object, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    obj_t *data = do_read(self, false, (ssize_t)view.len);
    obj_t *r = NULL;
    if (data) {
        size_t n = bytes_len(data);
        if (n) memcpy(view.buf, bytes_data(data), n);
        DECREF(data);
        r = int_from_i64((int64_t)n);
    }
    buffer_release(&view);
    return r;
}

static obj_t *file_readline(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"size", NULL};
    obj_t *size = NULL;
    if (args_parse("readline", args, nargs, kwnames, names, 0, &size) < 0) return NULL;
    ssize_t limit = -1;
    if (size && size != None) {
        limit = obj_as_ssize(size);
        if (limit == -1 && err_occurred()) return NULL;
    }
    return do_read(self, true, limit < 0 ? -1 : limit);
}

static obj_t *file_iternext(obj_t *self) {
    obj_t *line = do_read(self, true, -1);
    if (line == NULL) return NULL;
    bool empty = ((file_t *)self)->binary ? bytes_len(line) == 0 : str_nbytes(line) == 0;
    if (empty) {
        DECREF(line);
        return NULL;
    }
    return line;
}

static obj_t *file_readlines(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readlines", nargs, kwnames, 0, 1) < 0) return NULL;
    obj_t *list = list_new(0);
    if (list == NULL) return NULL;
    for (;;) {
        obj_t *line = file_iternext(self);
        if (line == NULL) {
            if (err_occurred()) {
                DECREF(list);
                return NULL;
            }
            return list;
        }
        int rc = list_append(list, line);
        DECREF(line);
        if (rc < 0) {
            DECREF(list);
            return NULL;
        }
    }
}

static obj_t *file_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write", nargs, kwnames, 1, 1) < 0) return NULL;
    file_t *f = (file_t *)self;
    obj_t *s = args[0];
    if (f->binary) {
        // An export keeps a bytearray's bytes in place while the write blocks.
        buffer_t view;
        if (buffer_get(s, &view) < 0) return NULL;
        int rc = file_write_utf8(self, (const char *)view.buf, view.len);
        size_t n = view.len;
        buffer_release(&view);
        if (rc < 0) return NULL;
        return int_from_i64((int64_t)n);
    }
    if (!STR_CHECK(s)) {
        err_format(exc_TypeError, "write() argument must be str, not %T", s);
        return NULL;
    }
    if (f->closed) return closed_error();
    if (file_write_utf8(self, str_data(s), str_nbytes(s)) < 0) return NULL;
    return int_from_i64((int64_t)str_len(s));
}

static obj_t *file_writelines(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("writelines", nargs, kwnames, 1, 1) < 0) return NULL;
    return obj_apply_each(self, args[0], file_write);
}

static obj_t *file_flush_m(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("flush", nargs, kwnames, 0, 0) < 0) return NULL;
    if (((file_t *)self)->closed) return closed_error();
    if (file_flush(self) < 0) return NULL;
    return NEWREF(None);
}

static int close_file(file_t *f) {
    int rc = 0;
    BEGIN_CRITICAL_SECTION(f);
    if (!f->closed) {
        rc = flush_locked(f);
        f->closed = true;
        if (f->closefd && f->fd > 2) close(f->fd);
    }
    END_CRITICAL_SECTION();
    return rc;
}

static obj_t *file_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    if (close_file((file_t *)self) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *file_enter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (((file_t *)self)->closed) return closed_error();
    return NEWREF(self);
}

static obj_t *file_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (close_file((file_t *)self) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *file_fileno(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return int_from_i64(((file_t *)self)->fd);
}

static obj_t *file_isatty(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return NEWREF(bool_from(isatty(((file_t *)self)->fd)));
}

static obj_t *file_readable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return NEWREF(bool_from(((file_t *)self)->readable));
}

static obj_t *file_writable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return NEWREF(bool_from(((file_t *)self)->writable));
}

static obj_t *file_seek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("seek", nargs, kwnames, 1, 2) < 0) return NULL;
    int64_t off, whence = 0;
    if (int_as_i64(args[0], &off) < 0 || (nargs > 1 && int_as_i64(args[1], &whence) < 0))
        return NULL;
    file_t *f = (file_t *)self;
    off_t pos = -1;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    if (f->closed) {
        rc = -1;
    } else if (flush_locked(f) < 0) {
        rc = -2;
    } else {
        if (whence == 1) off -= (int64_t)(f->rlen - f->rpos);
        f->rpos = f->rlen = 0;
        f->eof = false;
        pos = lseek(f->fd, (off_t)off, (int)whence);
    }
    END_CRITICAL_SECTION();
    if (rc == -1) return closed_error();
    if (rc == -2) return NULL;
    if (pos < 0) return err_from_errno(errno, NULL);
    return int_from_i64((int64_t)pos);
}

static obj_t *file_tell(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    file_t *f = (file_t *)self;
    off_t pos = -1;
    BEGIN_CRITICAL_SECTION(self);
    if (!f->closed) {
        pos = lseek(f->fd, 0, SEEK_CUR);
        if (pos >= 0) pos = pos - (off_t)(f->rlen - f->rpos) + (off_t)f->wlen;
    }
    END_CRITICAL_SECTION();
    if (f->closed) return closed_error();
    if (pos < 0) return err_from_errno(errno, NULL);
    return int_from_i64((int64_t)pos);
}

static obj_t *file_get_closed(obj_t *self, void *c) {
    return NEWREF(bool_from(((file_t *)self)->closed));
}
static obj_t *file_get_name(obj_t *self, void *c) {
    return NEWREF(((file_t *)self)->name);
}
static obj_t *file_get_mode(obj_t *self, void *c) {
    return NEWREF(((file_t *)self)->mode);
}
static obj_t *file_get_encoding(obj_t *self, void *c) {
    return str_from_cstr("utf-8");
}

// A text file's .buffer: an unbuffered binary file over the same
// descriptor (closefd false), made on first use and kept; pending text
// output is flushed each time it is asked for, so bytes written through it
// come after the text written before (sys.stdout.buffer.write).
static file_t *new_file(int fd, obj_t *name, const char *mode, int buffering);

static obj_t *file_get_buffer(obj_t *self, void *c) {
    file_t *f = (file_t *)self;
    if (f->binary) {
        err_format(exc_AttributeError, "'%s' object has no attribute 'buffer'",
                   obj_type_name(self));
        return NULL;
    }
    if (file_flush(self) < 0) return NULL;
    obj_t *b = atomic_load(&f->buffer);
    if (b != NULL) return NEWREF(b);
    const char *mode = f->readable && f->writable ? "rb+" : f->readable ? "rb" : "wb";
    file_t *nb = new_file(f->fd, f->name, mode, 0);
    if (nb == NULL) return NULL;
    nb->closefd = false;
    obj_t *expected = NULL;
    if (!atomic_compare_exchange_strong(&f->buffer, &expected, (obj_t *)nb)) {
        DECREF((obj_t *)nb); // another thread made it first
        return NEWREF(expected);
    }
    return NEWREF((obj_t *)nb);
}

static obj_t *file_repr(obj_t *self) {
    file_t *f = (file_t *)self;
    if (f->binary) return str_from_format("<_io.BufferedIOBase name=%R>", f->name);
    return str_from_format("<_io.TextIOWrapper name=%R mode=%R encoding='utf-8'>", f->name,
                           f->mode);
}

static obj_t *file_iter(obj_t *self) {
    if (((file_t *)self)->closed) return closed_error();
    return NEWREF(self);
}

static void file_dealloc(obj_t *self) {
    file_t *f = (file_t *)self;
    if (!f->closed) {
        if (close_file(f) < 0) err_clear();
    }
    free(f->wbuf);
    free(f->rbuf);
    XDECREF(atomic_load(&f->buffer));
    XDECREF(f->name);
    XDECREF(f->mode);
    obj_free(self);
}

static const method_def_t file_methods[] = {
    {"read", file_read, 0, NULL},
    {"readinto", file_readinto, 0, NULL},
    {"readline", file_readline, 0, NULL},
    {"readlines", file_readlines, 0, NULL},
    {"write", file_write, 0, NULL},
    {"writelines", file_writelines, 0, NULL},
    {"flush", file_flush_m, 0, NULL},
    {"close", file_close, 0, NULL},
    {"fileno", file_fileno, 0, NULL},
    {"isatty", file_isatty, 0, NULL},
    {"readable", file_readable, 0, NULL},
    {"writable", file_writable, 0, NULL},
    {"seek", file_seek, 0, NULL},
    {"tell", file_tell, 0, NULL},
    {"__enter__", file_enter, 0, NULL},
    {"__exit__", file_exit, 0, NULL},
    {NULL},
};

static const getset_def_t file_getsets[] = {
    {"closed", file_get_closed, NULL, NULL}, {"name", file_get_name, NULL, NULL},
    {"mode", file_get_mode, NULL, NULL},     {"encoding", file_get_encoding, NULL, NULL},
    {"buffer", file_get_buffer, NULL, NULL}, {NULL},
};

type_t file_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io.TextIOWrapper",
    .basicsize = sizeof(file_t),
    .base = &object_type,
    .dealloc = file_dealloc,
    .repr = file_repr,
    .iter = file_iter,
    .iternext = file_iternext,
    .methods = file_methods,
    .getsets = file_getsets,
};

static file_t *new_file(int fd, obj_t *name, const char *mode, int buffering) {
    file_t *f = (file_t *)obj_alloc(&file_type, sizeof(file_t));
    if (f == NULL) return NULL;
    f->fd = fd;
    f->name = NEWREF(name);
    f->mode = str_from_cstr(mode);
    if (f->mode == NULL) {
        DECREF((obj_t *)f);
        return NULL;
    }
    f->binary = strchr(mode, 'b') != NULL;
    f->readable = strchr(mode, 'r') != NULL || strchr(mode, '+') != NULL;
    f->writable = strpbrk(mode, "wax+") != NULL;
    f->closefd = true;
    if (buffering == 0)
        f->unbuffered = true;
    else if (buffering == 1 || (buffering < 0 && isatty(fd)))
        f->line_buffered = true;
    return f;
}

obj_t *file_from_fd(int fd, const char *name, const char *mode, int buffering) {
    obj_t *n = str_from_cstr(name);
    if (n == NULL) return NULL;
    file_t *f = new_file(fd, n, mode, buffering);
    DECREF(n);
    if (f) f->closefd = false;
    return (obj_t *)f;
}

obj_t *file_open(obj_t *path, const char *mode, int buffering) {
    // Validate the mode as CPython does.
    int nrw = 0;
    bool plus = false, b = false, t = false;
    for (const char *m = mode; *m; m++) {
        switch (*m) {
        case 'r':
        case 'w':
        case 'a':
        case 'x': nrw++; break;
        case '+': plus = true; break;
        case 'b': b = true; break;
        case 't': t = true; break;
        default: goto bad_mode;
        }
    }
    if (nrw != 1 || (b && t)) goto bad_mode;
    int flags = 0;
    if (strchr(mode, 'r'))
        flags = plus ? O_RDWR : O_RDONLY;
    else if (strchr(mode, 'w'))
        flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
    else if (strchr(mode, 'a'))
        flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
    else
        flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_EXCL;
    flags |= O_CLOEXEC;

    int fd;
    if (INT_CHECK(path)) {
        int64_t v;
        if (int_as_i64(path, &v) < 0) return NULL;
        fd = (int)v;
    } else if (STR_CHECK(path)) {
        thread_block_begin();
        do {
            fd = open(str_data(path), flags, 0666);
        } while (fd < 0 && errno == EINTR);
        thread_block_end();
        if (fd < 0) return err_from_errno(errno, str_data(path));
        struct stat;
    } else {
        err_format(exc_TypeError, "expected str, bytes or os.PathLike object, not %T", path);
        return NULL;
    }
    char norm[8];
    size_t k = 0;
    norm[k++] = strchr(mode, 'r') ? 'r' : strchr(mode, 'w') ? 'w' : strchr(mode, 'a') ? 'a' : 'x';
    if (plus) norm[k++] = '+';
    if (b) norm[k++] = 'b';
    norm[k] = '\0';
    file_t *f = new_file(fd, path, b ? norm : mode, buffering);
    if (f == NULL) {
        if (!INT_CHECK(path)) close(fd);
        return NULL;
    }
    if (INT_CHECK(path)) f->closefd = false;
    return (obj_t *)f;

bad_mode:
    err_format(exc_ValueError, "invalid mode: '%s'", mode);
    return NULL;
}
