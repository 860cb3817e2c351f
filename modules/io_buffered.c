/*
 * modules/io_buffered.c — _io.BufferedReader, BufferedWriter,
 * BufferedRandom and BufferedRWPair: buffering over a raw stream.
 *
 * State: `rbuf[rpos, rlen)` holds bytes read from the raw stream and not
 * yet consumed; `wbuf[0, wlen)` holds bytes written and not yet passed to
 * raw.write().  At most one of them is non-empty at a time in a
 * BufferedRandom: a write first moves the raw position back over the
 * unread bytes and drops them, a read first flushes pending writes.  So the
 * logical position is raw.tell() - (rlen - rpos) + wlen.
 *
 * Locking: the raw stream may be Python code, so the state is guarded by
 * the object's io_lock_t (modules/io_internal.h), held for a whole method,
 * raw calls included, as CPython's buffered lock: concurrent write()s of
 * several threads land whole and in some order, never interleaved inside
 * one call; a reentrant call from the same thread (a raw.write that writes
 * to this object again) raises RuntimeError.  `raw` changes only under the
 * lock (__init__, detach).
 *
 * BufferedRWPair holds a BufferedReader and a BufferedWriter and forwards
 * to them; it needs no state of its own beyond the two references, which
 * only __init__ sets.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../threads/thread.h"
#include "../gc/refcount.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "io_internal.h"

typedef struct {
    iobase_t base;
    io_lock_t lock;
    obj_t *raw;
    _Atomic bool ok, detached; // read without the lock by the pre-checks
    bool can_read, can_write;
    size_t bufsize;
    unsigned char *rbuf; // bufsize bytes once allocated
    size_t rpos, rlen;
    unsigned char *wbuf; // bufsize bytes once allocated
    size_t wlen;
} buffered_t;

#define BUF(o) ((buffered_t *)(o))

static obj_t *forward(obj_t *self, const char *meth);

static obj_t *detached_error(void) {
    err_set_str(exc_ValueError, "raw stream has been detached");
    return NULL;
}

// Checks __init__ ran and the raw stream is attached; -1 + ValueError.
static int check_attached(buffered_t *b) {
    if (!b->ok) {
        if (b->detached)
            detached_error();
        else
            err_set_str(exc_ValueError, "I/O operation on uninitialized object");
        return -1;
    }
    return 0;
}

// 1 when the raw stream is closed, 0 open, -1 error.  Lock held or not.
static int raw_closed(buffered_t *b) {
    if (TYPE(b->raw) == &io_fileio_type) return io_fileio_fd(b->raw) < 0;
    return io_is_closed(b->raw);
}

// Enters the lock after checking the object is usable and, when `what`
// is given, that the stream is open (else ValueError `what`).
static int enter(obj_t *self, const char *what) {
    buffered_t *b = BUF(self);
    if (check_attached(b) < 0) return -1;
    if (io_lock_acquire(&b->lock, self) < 0) return -1;
    if (check_attached(b) < 0) goto fail;
    if (what != NULL) {
        int c = raw_closed(b);
        if (c < 0) goto fail;
        if (c) {
            err_set_str(exc_ValueError, what);
            goto fail;
        }
    }
    return 0;
fail:
    io_lock_release(&b->lock);
    return -1;
}

static void leave(obj_t *self) {
    io_lock_release(&BUF(self)->lock);
}

static int alloc_buffers(buffered_t *b) {
    if (obj_alloc_too_big(b->bufsize)) goto oom; // buffer_size=sys.maxsize: MemoryError
    if (b->can_read && b->rbuf == NULL) {
        b->rbuf = malloc(b->bufsize);
        if (b->rbuf == NULL) goto oom;
    }
    if (b->can_write && b->wbuf == NULL) {
        b->wbuf = malloc(b->bufsize);
        if (b->wbuf == NULL) goto oom;
    }
    return 0;
oom:
    err_no_memory();
    return -1;
}

// ---- raw calls (lock held) ------------------------------------------------------------

// raw.read(n): bytes, None (would block) or NULL.
static obj_t *raw_read(buffered_t *b, ssize_t n) {
    if (TYPE(b->raw) == &io_fileio_type) return io_fileio_read(b->raw, n);
    obj_t *a = int_from_i64(n);
    if (a == NULL) return NULL;
    obj_t *r = obj_call_method(b->raw, "read", &a, 1);
    DECREF(a);
    if (r == NULL || r == None) return r;
    if (!BYTES_CHECK(r)) {
        obj_t *bb = buffer_as_bytes_opt(r);
        if (bb == NULL) {
            err_format(exc_TypeError, "read() should return bytes, not %s", obj_type_name(r));
            DECREF(r);
            return NULL;
        }
        DECREF(r);
        r = bb;
    }
    if (n >= 0 && bytes_len(r) > (size_t)n) {
        err_format(exc_OSError,
                   "raw read() returned invalid length %zu (should have been "
                   "between 0 and %zd)",
                   bytes_len(r), n);
        DECREF(r);
        return NULL;
    }
    return r;
}

// Writes all of p[0, n) through raw.write(); -1 + exception.
static int raw_write_all(buffered_t *b, const unsigned char *p, size_t n) {
    while (n > 0) {
        obj_t *chunk = bytes_from(p, n);
        if (chunk == NULL) return -1;
        obj_t *r = obj_call_method(b->raw, "write", &chunk, 1);
        DECREF(chunk);
        if (r == NULL) return -1;
        if (r == None) {
            DECREF(r);
            obj_t *args = tuple_pack(3, SMALLINT_FROM(11),
                                     str_intern("write could not complete without blocking"),
                                     SMALLINT_FROM(0));
            if (args == NULL) return -1;
            obj_t *exc = exc_new(exc_BlockingIOError, args);
            DECREF(args);
            if (exc) {
                err_set_object(exc);
                DECREF(exc);
            }
            return -1;
        }
        ssize_t w = obj_as_ssize(r);
        DECREF(r);
        if (w == -1 && err_occurred()) return -1;
        if (w < 0 || (size_t)w > n) {
            err_format(exc_OSError,
                       "raw write() returned invalid length %zd (should have been between 0 "
                       "and %zu)",
                       w, n);
            return -1;
        }
        p += w;
        n -= (size_t)w;
        // A signal may have cut the write short: run its handlers before
        // blocking again, possibly for ever (as CPython's buffered writer).
        thread_t *ts = thread_current();
        if (n > 0 && ts && thread_handle_eval_breaker(ts) < 0) return -1;
    }
    return 0;
}

static int flush_writes(buffered_t *b) {
    if (b->wlen == 0) return 0;
    size_t n = b->wlen;
    // Written or not, the bytes leave the buffer: a failing raw write is
    // reported once, not again by close().
    b->wlen = 0;
    return raw_write_all(b, b->wbuf, n);
}

static obj_t *raw_seek(buffered_t *b, int64_t off, int whence) {
    obj_t *a[2];
    a[0] = int_from_i64(off);
    if (a[0] == NULL) return NULL;
    a[1] = SMALLINT_FROM(whence);
    obj_t *r = obj_call_method(b->raw, "seek", a, 2);
    DECREF(a[0]);
    return r;
}

// Moves the raw position back over unread buffered bytes and drops them.
static int drop_read_ahead(buffered_t *b) {
    size_t unread = b->rlen - b->rpos;
    b->rpos = b->rlen = 0;
    if (unread == 0) return 0;
    obj_t *r = raw_seek(b, -(int64_t)unread, 1);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

// Refills the read buffer (empty on entry): 1 data, 0 EOF, 2 would block,
// -1 error.
static int fill(buffered_t *b) {
    if (flush_writes(b) < 0) return -1;
    b->rpos = b->rlen = 0;
    obj_t *data = raw_read(b, (ssize_t)b->bufsize);
    if (data == NULL) return -1;
    if (data == None) {
        DECREF(data);
        return 2;
    }
    size_t n = bytes_len(data);
    if (n) memcpy(b->rbuf, bytes_data(data), n);
    DECREF(data);
    b->rlen = n;
    return n > 0;
}

// ---- construction ---------------------------------------------------------------------

static obj_t *buffered_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(type, type->basicsize);
}

// As CPython's C buffered objects: asks the raw stream's readable() /
// writable() / seekable() directly (the raw object need not derive from
// IOBase: tarfile's _FileInFile does not) and raises UnsupportedOperation
// when it answers false.  `meth` names the IOBase helper ("_checkReadable").
static int check_raw(obj_t *raw, const char *meth) {
    const char *ask = strcmp(meth, "_checkSeekable") == 0   ? "seekable"
                      : strcmp(meth, "_checkWritable") == 0 ? "writable"
                                                            : "readable";
    obj_t *r = obj_call_method(raw, ask, NULL, 0);
    if (r == NULL) return -1;
    int t = obj_is_true(r);
    DECREF(r);
    if (t < 0) return -1;
    if (!t) {
        err_format(io_unsupported_operation, "File or stream is not %s.", ask);
        return -1;
    }
    return 0;
}

static int buffered_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    bool is_random = type_is_subtype(TYPE(self), &io_bufrandom_type);
    bool is_writer = is_random || type_is_subtype(TYPE(self), &io_bufwriter_type);
    bool is_reader = is_random || !is_writer;
    static const char *const names[] = {"raw", "buffer_size", NULL};
    obj_t *v[2] = {NULL, NULL};
    const char *fname = is_random   ? "BufferedRandom"
                        : is_writer ? "BufferedWriter"
                                    : "BufferedReader";
    if (args_parse(fname, args, nargs, kwnames, names, 1, v) < 0) return -1;
    ssize_t size = IO_DEFAULT_BUFFER_SIZE;
    if (v[1] != NULL && obj_ssize_arg(v[1], &size) < 0) return -1;
    obj_t *raw = v[0];
    if (is_random && check_raw(raw, "_checkSeekable") < 0) return -1;
    if (is_reader && check_raw(raw, "_checkReadable") < 0) return -1;
    if (is_writer && check_raw(raw, "_checkWritable") < 0) return -1;
    if (size <= 0) {
        err_set_str(exc_ValueError, "buffer size must be strictly positive");
        return -1;
    }
    buffered_t *b = BUF(self);
    if (io_lock_acquire(&b->lock, self) < 0) return -1;
    obj_t *old = b->raw;
    b->raw = NEWREF(raw);
    free(b->rbuf);
    free(b->wbuf);
    b->rbuf = b->wbuf = NULL;
    b->rpos = b->rlen = b->wlen = 0;
    b->bufsize = (size_t)size;
    b->can_read = is_reader;
    b->can_write = is_writer;
    b->detached = false;
    int rc = alloc_buffers(b);
    b->ok = rc == 0;
    io_lock_release(&b->lock);
    XDECREF(old);
    return rc;
}

static void buffered_dealloc(obj_t *self) {
    buffered_t *b = BUF(self);
    if (b->ok && b->raw != NULL) {
        obj_t *saved = err_fetch();
        int c = raw_closed(b);
        if (c == 0) {
            if (flush_writes(b) < 0) err_clear();
            obj_t *r = obj_call_method(b->raw, "close", NULL, 0);
            if (r == NULL) err_clear();
            XDECREF(r);
        } else if (c < 0) {
            err_clear();
        }
        err_restore(saved);
    }
    free(b->rbuf);
    free(b->wbuf);
    XDECREF(b->raw);
    io_base_free(self);
}

// ---- reading --------------------------------------------------------------------------

static obj_t *read_locked(buffered_t *b, ssize_t n) {
    size_t avail = b->rlen - b->rpos;
    if (n < 0) {
        if (flush_writes(b) < 0) return NULL;
        str_builder_t sb;
        str_builder_init(&sb);
        str_builder_add(&sb, (const char *)b->rbuf + b->rpos, avail);
        b->rpos = b->rlen = 0;
        bool none = false;
        bool has_readall = TYPE(b->raw) == &io_fileio_type;
        if (!has_readall) {
            obj_t *ra = obj_lookup_attr(b->raw, str_intern("readall"));
            if (ra == NULL && err_occurred()) {
                str_builder_discard(&sb);
                return NULL;
            }
            has_readall = ra != NULL;
            XDECREF(ra);
        }
        for (;;) {
            obj_t *data = TYPE(b->raw) == &io_fileio_type ? io_fileio_read(b->raw, -1)
                          : has_readall ? obj_call_method(b->raw, "readall", NULL, 0)
                                        : obj_call_method(b->raw, "read", NULL, 0);
            if (data == NULL) {
                str_builder_discard(&sb);
                return NULL;
            }
            if (data == None) {
                DECREF(data);
                none = sb.len == 0;
                break;
            }
            if (!BYTES_CHECK(data)) {
                DECREF(data);
                str_builder_discard(&sb);
                err_set_str(exc_TypeError, "readall() should return bytes");
                return NULL;
            }
            size_t got = bytes_len(data);
            if (sb.len == 0 && has_readall && BYTES_CHECK(data) && TYPE(data) == &bytes_type) {
                // Nothing was buffered: hand the raw stream's bytes on as they are.
                str_builder_discard(&sb);
                return data;
            }
            str_builder_add(&sb, (const char *)bytes_data(data), got);
            DECREF(data);
            if (has_readall || got == 0) break;
        }
        if (none) {
            str_builder_discard(&sb);
            return NEWREF(None);
        }
        obj_t *r = sb.failed ? err_no_memory() : bytes_from(sb.buf ? sb.buf : "", sb.len);
        str_builder_discard(&sb);
        return r;
    }
    if ((size_t)n <= avail) {
        obj_t *r = bytes_from(b->rbuf + b->rpos, (size_t)n);
        if (r) b->rpos += (size_t)n;
        return r;
    }
    if (flush_writes(b) < 0) return NULL;
    str_builder_t sb;
    str_builder_init(&sb);
    str_builder_add(&sb, (const char *)b->rbuf + b->rpos, avail);
    b->rpos = b->rlen = 0;
    bool none = false;
    while (sb.len < (size_t)n) {
        size_t want = (size_t)n - sb.len;
        if (want >= b->bufsize) {
            obj_t *data = raw_read(b, (ssize_t)want);
            if (data == NULL) goto error;
            if (data == None) {
                DECREF(data);
                none = sb.len == 0;
                break;
            }
            size_t got = bytes_len(data);
            str_builder_add(&sb, (const char *)bytes_data(data), got);
            DECREF(data);
            if (got == 0) break;
            continue;
        }
        int f = fill(b);
        if (f < 0) goto error;
        if (f == 2) {
            none = sb.len == 0;
            break;
        }
        if (f == 0) break;
        size_t take = b->rlen < want ? b->rlen : want;
        str_builder_add(&sb, (const char *)b->rbuf, take);
        b->rpos = take;
    }
    if (none) {
        str_builder_discard(&sb);
        return NEWREF(None);
    }
    obj_t *r = sb.failed ? err_no_memory() : bytes_from(sb.buf ? sb.buf : "", sb.len);
    str_builder_discard(&sb);
    return r;
error:
    str_builder_discard(&sb);
    return NULL;
}

static obj_t *buffered_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("read", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    if (n < -1) {
        err_set_str(exc_ValueError, "read length must be non-negative or -1");
        return NULL;
    }
    if (enter(self, "read of closed file") < 0) return NULL;
    obj_t *r = read_locked(BUF(self), n);
    leave(self);
    return r;
}

static obj_t *read1_locked(buffered_t *b, ssize_t n) {
    if (n < 0) n = (ssize_t)b->bufsize;
    if (n == 0) return bytes_from(NULL, 0);
    size_t avail = b->rlen - b->rpos;
    if (avail == 0) {
        if ((size_t)n > b->bufsize) {
            if (flush_writes(b) < 0) return NULL;
            b->rpos = b->rlen = 0;
            obj_t *data = raw_read(b, n);
            if (data == None) {
                DECREF(data);
                return bytes_from(NULL, 0);
            }
            return data;
        }
        int f = fill(b);
        if (f < 0) return NULL;
        avail = b->rlen;
    }
    size_t take = avail < (size_t)n ? avail : (size_t)n;
    obj_t *r = bytes_from(b->rbuf + b->rpos, take);
    if (r) b->rpos += take;
    return r;
}

static obj_t *buffered_read1(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("read1", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    if (enter(self, "read of closed file") < 0) return NULL;
    obj_t *r = read1_locked(BUF(self), n);
    leave(self);
    return r;
}

static obj_t *buffered_peek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("peek", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs && obj_as_ssize(args[0]) == -1 && err_occurred()) return NULL;
    if (enter(self, "peek of closed file") < 0) return NULL;
    buffered_t *b = BUF(self);
    obj_t *r = NULL;
    if (b->rlen == b->rpos && fill(b) < 0) goto out;
    r = bytes_from(b->rbuf + b->rpos, b->rlen - b->rpos);
out:
    leave(self);
    return r;
}

static obj_t *readinto_common(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames,
                              bool one) {
    if (args_check(one ? "readinto1" : "readinto", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (io_writable_buffer(args[0], &view) < 0) return NULL;
    if (enter(self, "readinto of closed file") < 0) {
        buffer_release(&view);
        return NULL;
    }
    obj_t *data = one ? read1_locked(BUF(self), (ssize_t)view.len)
                      : read_locked(BUF(self), (ssize_t)view.len);
    leave(self);
    obj_t *r = NULL;
    if (data == None) {
        r = data;
    } else if (data != NULL) {
        size_t n = bytes_len(data);
        if (n) memcpy(view.buf, bytes_data(data), n);
        DECREF(data);
        r = int_from_i64((int64_t)n);
    }
    buffer_release(&view);
    return r;
}

static obj_t *buffered_readinto(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return readinto_common(self, args, nargs, kwnames, false);
}

static obj_t *buffered_readinto1(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return readinto_common(self, args, nargs, kwnames, true);
}

static obj_t *readline_locked(buffered_t *b, ssize_t limit) {
    str_builder_t sb;
    str_builder_init(&sb);
    if (flush_writes(b) < 0) goto error;
    for (;;) {
        size_t avail = b->rlen - b->rpos;
        if (limit >= 0 && avail > (size_t)limit - sb.len) avail = (size_t)limit - sb.len;
        const unsigned char *start = b->rbuf + b->rpos;
        const unsigned char *nl = avail ? memchr(start, '\n', avail) : NULL;
        size_t take = nl ? (size_t)(nl - start) + 1 : avail;
        str_builder_add(&sb, (const char *)start, take);
        b->rpos += take;
        if (nl || (limit >= 0 && sb.len >= (size_t)limit)) break;
        int f = fill(b);
        if (f < 0) goto error;
        if (f != 1) break;
    }
    obj_t *r = sb.failed ? err_no_memory() : bytes_from(sb.buf ? sb.buf : "", sb.len);
    str_builder_discard(&sb);
    return r;
error:
    str_builder_discard(&sb);
    return NULL;
}

static obj_t *buffered_readline(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readline", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    if (enter(self, "readline of closed file") < 0) return NULL;
    obj_t *r = readline_locked(BUF(self), n);
    leave(self);
    return r;
}

static obj_t *buffered_iternext(obj_t *self) {
    obj_t *line;
    if (TYPE(self) == &io_bufreader_type || TYPE(self) == &io_bufrandom_type) {
        if (enter(self, "readline of closed file") < 0) return NULL;
        line = readline_locked(BUF(self), -1);
        leave(self);
    } else {
        line = obj_call_method(self, "readline", NULL, 0);
    }
    if (line == NULL) return NULL;
    ssize_t n = obj_len(line);
    if (n <= 0) {
        DECREF(line);
        return NULL;
    }
    return line;
}

// ---- writing --------------------------------------------------------------------------

static obj_t *buffered_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    if (enter(self, "write to closed file") < 0) {
        buffer_release(&view);
        return NULL;
    }
    buffered_t *b = BUF(self);
    int rc = 0;
    if (b->rlen > b->rpos || b->rlen) rc = drop_read_ahead(b);
    if (rc == 0) {
        if (b->wlen + view.len <= b->bufsize) {
            memcpy(b->wbuf + b->wlen, view.buf, view.len);
            b->wlen += view.len;
        } else {
            rc = flush_writes(b);
            if (rc == 0) {
                if (view.len >= b->bufsize) {
                    rc = raw_write_all(b, view.buf, view.len);
                } else {
                    memcpy(b->wbuf, view.buf, view.len);
                    b->wlen = view.len;
                }
            }
        }
    }
    leave(self);
    size_t n = view.len;
    buffer_release(&view);
    if (rc < 0) return NULL;
    return int_from_i64((int64_t)n);
}

static obj_t *buffered_flush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("flush", nargs, kwnames, 0, 0) < 0) return NULL;
    buffered_t *b = BUF(self);
    if (!b->can_write) return forward(self, "flush");
    if (enter(self, "flush of closed file") < 0) return NULL;
    int rc = flush_writes(b);
    leave(self);
    if (rc < 0) return NULL;
    return NEWREF(None);
}

// ---- positioning ----------------------------------------------------------------------

static obj_t *buffered_seek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("seek", nargs, kwnames, 1, 2) < 0) return NULL;
    obj_t *target = obj_index(args[0]);
    if (target == NULL) return NULL;
    int64_t pos;
    int rc = int_as_i64(target, &pos);
    DECREF(target);
    if (rc < 0) return NULL;
    ssize_t whence = 0;
    if (nargs > 1 && obj_ssize_arg(args[1], &whence) < 0) return NULL;
    if (whence < 0 || whence > 4) {
        err_format(exc_ValueError, "whence value %zd unsupported", whence);
        return NULL;
    }
    if (enter(self, "seek of closed file") < 0) return NULL;
    buffered_t *b = BUF(self);
    obj_t *r = NULL;
    if (check_raw(b->raw, "_checkSeekable") < 0) goto out;
    if (flush_writes(b) < 0) goto out;
    if (whence == 1) pos -= (int64_t)(b->rlen - b->rpos);
    b->rpos = b->rlen = 0;
    r = raw_seek(b, pos, (int)whence);
out:
    leave(self);
    return r;
}

static obj_t *buffered_tell(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("tell", nargs, kwnames, 0, 0) < 0) return NULL;
    if (enter(self, NULL) < 0) return NULL;
    buffered_t *b = BUF(self);
    obj_t *r = obj_call_method(b->raw, "tell", NULL, 0);
    if (r != NULL) {
        int64_t pos;
        if (int_as_i64(r, &pos) < 0) {
            DECREF(r);
            r = NULL;
        } else {
            DECREF(r);
            if (pos < 0) {
                err_format(exc_OSError, "Raw stream returned invalid position %lld",
                           (long long)pos);
                r = NULL;
            } else {
                pos = pos - (int64_t)(b->rlen - b->rpos) + (int64_t)b->wlen;
                r = int_from_i64(pos < 0 ? 0 : pos);
            }
        }
    }
    leave(self);
    return r;
}

static obj_t *buffered_truncate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("truncate", nargs, kwnames, 0, 1) < 0) return NULL;
    if (enter(self, "truncate of closed file") < 0) return NULL;
    buffered_t *b = BUF(self);
    obj_t *r = NULL;
    if (!b->can_write) {
        io_unsupported("truncate");
        goto out;
    }
    if (flush_writes(b) < 0 || drop_read_ahead(b) < 0) goto out;
    obj_t *pos = nargs ? args[0] : None;
    r = obj_call_method(b->raw, "truncate", &pos, 1);
out:
    leave(self);
    return r;
}

// ---- closing, detaching, delegation ------------------------------------------------------

static obj_t *buffered_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    if (enter(self, NULL) < 0) return NULL;
    buffered_t *b = BUF(self);
    obj_t *r = NULL;
    int c = raw_closed(b);
    if (c < 0) goto out;
    if (c) {
        r = NEWREF(None);
        goto out;
    }
    obj_t *flush_err = NULL;
    if (b->can_write && flush_writes(b) < 0) flush_err = err_fetch();
    b->rpos = b->rlen = 0;
    r = obj_call_method(b->raw, "close", NULL, 0);
    if (flush_err != NULL) {
        if (r == NULL) {
            obj_t *close_err = err_fetch();
            exc_set_context(close_err, flush_err);
            err_restore(close_err);
        } else {
            CLEAR(r);
            err_restore(flush_err);
        }
    }
out:
    leave(self);
    return r;
}

static obj_t *buffered_detach(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("detach", nargs, kwnames, 0, 0) < 0) return NULL;
    buffered_t *b = BUF(self);
    // The flush first, by the method (its closed-file errors are the ones
    // CPython reports).
    obj_t *f = buffered_flush(self, NULL, 0, NULL);
    if (f == NULL) return NULL;
    DECREF(f);
    if (io_lock_acquire(&b->lock, self) < 0) return NULL;
    obj_t *raw = NULL;
    if (check_attached(b) == 0) {
        raw = b->raw;
        b->raw = NULL;
        b->ok = false;
        b->detached = true;
        b->rpos = b->rlen = b->wlen = 0;
    }
    io_lock_release(&b->lock);
    return raw;
}

// A new reference to the raw stream, taken under the lock (or directly
// when this thread holds it already: a repr inside a locked method), so a
// concurrent detach() cannot free it under the caller.
static obj_t *raw_ref(obj_t *self) {
    buffered_t *b = BUF(self);
    if (check_attached(b) < 0) return NULL;
    obj_t *r = NULL;
    if (atomic_load_explicit(&b->lock.owner, memory_order_relaxed) == current_tid()) {
        r = b->raw ? NEWREF(b->raw) : NULL;
    } else {
        if (io_lock_acquire(&b->lock, self) < 0) return NULL;
        r = b->raw ? NEWREF(b->raw) : NULL;
        io_lock_release(&b->lock);
    }
    if (r == NULL) check_attached(b);
    return r;
}

static obj_t *forward(obj_t *self, const char *meth) {
    obj_t *raw = raw_ref(self);
    if (raw == NULL) return NULL;
    obj_t *r = obj_call_method(raw, meth, NULL, 0);
    DECREF(raw);
    return r;
}

static obj_t *buffered_fileno(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "fileno");
}
static obj_t *buffered_isatty(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "isatty");
}
static obj_t *buffered_readable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "readable");
}
static obj_t *buffered_writable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "writable");
}
static obj_t *buffered_seekable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "seekable");
}

static obj_t *buffered_getstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_format(exc_TypeError, "cannot pickle '%s' object", TYPE(self)->name);
    return NULL;
}

static obj_t *get_raw_attr(obj_t *self, void *name) {
    obj_t *raw = raw_ref(self);
    if (raw == NULL) return NULL;
    obj_t *r = obj_getattr_str(raw, (const char *)name);
    DECREF(raw);
    return r;
}

int io_buffered_closed(obj_t *o) {
    type_t *t = TYPE(o);
    if (t != &io_bufreader_type && t != &io_bufwriter_type && t != &io_bufrandom_type) return -2;
    if (!BUF(o)->ok) return -2;
    obj_t *raw = raw_ref(o);
    if (raw == NULL) return -1;
    int c = TYPE(raw) == &io_fileio_type ? io_fileio_fd(raw) < 0 : io_is_closed(raw);
    DECREF(raw);
    return c;
}

static obj_t *buffered_get_raw(obj_t *self, void *c) {
    return raw_ref(self);
}

static obj_t *buffered_repr(obj_t *self) {
    const char *tn = TYPE(self)->name;
    if (strncmp(tn, "_io.", 4) != 0) tn = TYPE(self)->name;
    obj_t *name = NULL;
    if (BUF(self)->ok) {
        name = obj_lookup_attr(self, str_intern("name"));
        if (name == NULL && err_occurred()) {
            if (!err_matches(exc_ValueError)) return NULL;
            err_clear();
        }
    }
    if (name == NULL) return str_from_format("<%s>", tn);
    if (repr_enter(self) != 0) {
        DECREF(name);
        if (!err_occurred()) err_format(exc_RuntimeError, "reentrant call inside %s.__repr__", tn);
        return NULL;
    }
    obj_t *r = str_from_format("<%s name=%R>", tn, name);
    repr_leave(self);
    DECREF(name);
    return r;
}

#define COMMON_METHODS                                                                             \
    {"flush", buffered_flush, 0, NULL}, {"close", buffered_close, 0, NULL},                        \
        {"detach", buffered_detach, 0, NULL}, {"seek", buffered_seek, 0, NULL},                    \
        {"tell", buffered_tell, 0, NULL}, {"truncate", buffered_truncate, 0, NULL},                \
        {"fileno", buffered_fileno, 0, NULL}, {"isatty", buffered_isatty, 0, NULL},                \
        {"seekable", buffered_seekable, 0, NULL}, {                                                \
        "__getstate__", buffered_getstate, 0, NULL                                                 \
    }

#define READ_METHODS                                                                               \
    {"read", buffered_read, 0, NULL}, {"read1", buffered_read1, 0, NULL},                          \
        {"peek", buffered_peek, 0, NULL}, {"readinto", buffered_readinto, 0, NULL},                \
        {"readinto1", buffered_readinto1, 0, NULL}, {"readline", buffered_readline, 0, NULL}, {    \
        "readable", buffered_readable, 0, NULL                                                     \
    }

#define WRITE_METHODS                                                                              \
    {"write", buffered_write, 0, NULL}, {                                                          \
        "writable", buffered_writable, 0, NULL                                                     \
    }

static const method_def_t reader_methods[] = {COMMON_METHODS, READ_METHODS, {NULL}};
static const method_def_t writer_methods[] = {COMMON_METHODS, WRITE_METHODS, {NULL}};
static const method_def_t random_methods[] = {COMMON_METHODS, READ_METHODS, WRITE_METHODS, {NULL}};

static const getset_def_t buffered_getsets[] = {
    {"raw", buffered_get_raw, NULL, NULL},
    {"closed", get_raw_attr, NULL, "closed"},
    {"name", get_raw_attr, NULL, "name"},
    {"mode", get_raw_attr, NULL, "mode"},
    {NULL},
};

#define BUFFERED_TYPE(var, tname, meths, docstr)                                                   \
    type_t var = {                                                                                 \
        .ob = OBJ_HEAD_INIT(&type_type),                                                           \
        .name = tname,                                                                             \
        .basicsize = sizeof(buffered_t),                                                           \
        .flags = TPFLAG_BASETYPE,                                                                  \
        .base = &io_bufferediobase_type,                                                           \
        .dictoffset = offsetof(iobase_t, dict),                                                    \
        .dealloc = buffered_dealloc,                                                               \
        .repr = buffered_repr,                                                                     \
        .iternext = buffered_iternext,                                                             \
        .tp_new = buffered_new,                                                                    \
        .tp_init = buffered_init,                                                                  \
        .methods = meths,                                                                          \
        .getsets = buffered_getsets,                                                               \
        .doc = docstr,                                                                             \
    };

BUFFERED_TYPE(io_bufreader_type, "_io.BufferedReader", reader_methods,
              "Create a new buffered reader using the given readable raw IO object.")
BUFFERED_TYPE(io_bufwriter_type, "_io.BufferedWriter", writer_methods,
              "A buffer for a writeable sequential RawIO object.")
BUFFERED_TYPE(io_bufrandom_type, "_io.BufferedRandom", random_methods,
              "A buffered interface to random access streams.")

// ---- BufferedRWPair -------------------------------------------------------------------

typedef struct {
    iobase_t base;
    obj_t *reader, *writer; // set once by __init__
} rwpair_t;

#define RWP(o) ((rwpair_t *)(o))

static int rwpair_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("BufferedRWPair", kwnames) < 0) return -1;
    if (nargs < 2 || nargs > 3) {
        err_format(exc_TypeError, "BufferedRWPair expected %s %d argument%s, got %zu",
                   nargs < 2 ? "at least" : "at most", nargs < 2 ? 2 : 3, "s", nargs);
        return -1;
    }
    if (check_raw(args[0], "_checkReadable") < 0) return -1;
    if (check_raw(args[1], "_checkWritable") < 0) return -1;
    obj_t *ra[2] = {args[0], nargs > 2 ? args[2] : NULL};
    obj_t *r = obj_call((obj_t *)&io_bufreader_type, ra, nargs > 2 ? 2 : 1, NULL);
    if (r == NULL) return -1;
    obj_t *wa[2] = {args[1], nargs > 2 ? args[2] : NULL};
    obj_t *w = obj_call((obj_t *)&io_bufwriter_type, wa, nargs > 2 ? 2 : 1, NULL);
    if (w == NULL) {
        DECREF(r);
        return -1;
    }
    rwpair_t *p = RWP(self);
    if (p->reader != NULL) {
        DECREF(r);
        DECREF(w);
        err_set_str(exc_RuntimeError, "BufferedRWPair already initialized");
        return -1;
    }
    p->reader = r;
    p->writer = w;
    return 0;
}

static void rwpair_dealloc(obj_t *self) {
    XDECREF(RWP(self)->reader);
    XDECREF(RWP(self)->writer);
    io_base_free(self);
}

static obj_t *pair_call(obj_t *self, bool writer, const char *meth, obj_t *const *args,
                        size_t nargs) {
    obj_t *target = writer ? RWP(self)->writer : RWP(self)->reader;
    if (target == NULL) {
        err_set_str(exc_ValueError, "I/O operation on uninitialized object");
        return NULL;
    }
    return obj_call_method(target, meth, args, nargs);
}

#define PAIR_METHOD(fn, writer, meth)                                                              \
    static obj_t *fn(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {              \
        if (args_no_kw(meth, kwnames) < 0) return NULL;                                            \
        return pair_call(self, writer, meth, args, nargs);                                         \
    }

PAIR_METHOD(rwpair_read, false, "read")
PAIR_METHOD(rwpair_peek, false, "peek")
PAIR_METHOD(rwpair_read1, false, "read1")
PAIR_METHOD(rwpair_readinto, false, "readinto")
PAIR_METHOD(rwpair_readinto1, false, "readinto1")
PAIR_METHOD(rwpair_readable, false, "readable")
PAIR_METHOD(rwpair_write, true, "write")
PAIR_METHOD(rwpair_flush, true, "flush")
PAIR_METHOD(rwpair_writable, true, "writable")

static obj_t *rwpair_isatty(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *r = pair_call(self, true, "isatty", NULL, 0);
    if (r == NULL) return NULL;
    if (r != False) return r;
    DECREF(r);
    return pair_call(self, false, "isatty", NULL, 0);
}

static obj_t *rwpair_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *r = pair_call(self, true, "close", NULL, 0);
    obj_t *e = r == NULL ? err_fetch() : NULL;
    XDECREF(r);
    r = pair_call(self, false, "close", NULL, 0);
    if (e != NULL) {
        if (r == NULL) {
            obj_t *e2 = err_fetch();
            exc_set_context(e2, e);
            err_restore(e2);
        } else {
            CLEAR(r);
            err_restore(e);
        }
    }
    return r;
}

static obj_t *rwpair_get_closed(obj_t *self, void *c) {
    if (RWP(self)->writer == NULL) {
        err_set_str(exc_RuntimeError, "the BufferedRWPair object is being garbage-collected");
        return NULL;
    }
    return obj_getattr_str(RWP(self)->writer, "closed");
}

static obj_t *rwpair_iternext(obj_t *self) {
    obj_t *line = obj_call_method(self, "readline", NULL, 0);
    if (line == NULL) return NULL;
    ssize_t n = obj_len(line);
    if (n <= 0) {
        DECREF(line);
        return NULL;
    }
    return line;
}

static const method_def_t rwpair_methods[] = {
    {"read", rwpair_read, 0, NULL},           {"peek", rwpair_peek, 0, NULL},
    {"read1", rwpair_read1, 0, NULL},         {"readinto", rwpair_readinto, 0, NULL},
    {"readinto1", rwpair_readinto1, 0, NULL}, {"write", rwpair_write, 0, NULL},
    {"flush", rwpair_flush, 0, NULL},         {"readable", rwpair_readable, 0, NULL},
    {"writable", rwpair_writable, 0, NULL},   {"close", rwpair_close, 0, NULL},
    {"isatty", rwpair_isatty, 0, NULL},       {NULL},
};

static const getset_def_t rwpair_getsets[] = {
    {"closed", rwpair_get_closed, NULL, NULL},
    {NULL},
};

type_t io_bufrwpair_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io.BufferedRWPair",
    .basicsize = sizeof(rwpair_t),
    .flags = TPFLAG_BASETYPE,
    .base = &io_bufferediobase_type,
    .dictoffset = offsetof(iobase_t, dict),
    .dealloc = rwpair_dealloc,
    .iternext = rwpair_iternext,
    .tp_new = buffered_new,
    .tp_init = rwpair_init,
    .methods = rwpair_methods,
    .getsets = rwpair_getsets,
    .doc = "A buffered reader and writer object together.",
};
