/*
 * modules/io_bytesio.c — _io.BytesIO: an in-memory binary stream.
 *
 * Storage: `buf` (malloc'd, `cap` bytes) holds `len` bytes; `pos` may lie
 * past `len` (a write there pads with zero bytes).  getbuffer() must hand
 * out a memoryview that shares the stream's bytes, and pvm's memoryview
 * views bytes and bytearray only, so getbuffer() moves the contents into a
 * bytearray `shared` and returns memoryview(shared).  While `shared` is
 * set it is the storage; as soon as its export count is back to zero (no
 * view alive) the next operation moves the bytes back into `buf`.  While a
 * view is alive every change of the stream raises BufferError "Existing
 * exports of data: object cannot be re-sized", as CPython's BytesIO.  The
 * export count and the bytes of `shared` are read in the bytearray's own
 * critical section (the fields objects/bytearray.h exposes); while a view
 * is alive, reads take a snapshot of it (bytearray_snapshot), since the
 * view's owner may write to it in place.
 *
 * Concurrency: every read and write of the fields runs in the BytesIO's
 * critical section; argument conversions (__index__, buffer exports of the
 * argument) happen before it is entered, and no Python code runs inside.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytearray.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/memoryview.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/critical.h"
#include "io_internal.h"

typedef struct {
    iobase_t base;
    unsigned char *buf;
    size_t len, cap, pos;
    obj_t *shared; // bytearray holding the bytes while getbuffer() views may live
    bool closed;
} bytesio_t;

#define BIO(o) ((bytesio_t *)(o))

static const char resize_error[] = "Existing exports of data: object cannot be re-sized";

// Drops `shared` when no view is left.  Returns true while exported.
// Section held.
static bool sync_shared(bytesio_t *b) {
    if (b->shared == NULL) return false;
    bytearray_t *ba = (bytearray_t *)b->shared;
    bool exported;
    BEGIN_CRITICAL_SECTION(b->shared);
    exported = ba->exports > 0;
    if (!exported) {
        size_t n = atomic_load_explicit(&ba->len, memory_order_relaxed);
        unsigned char *nb = malloc(n ? n : 1);
        if (nb != NULL) {
            if (n) memcpy(nb, ba->data, n);
            free(b->buf);
            b->buf = nb;
            b->len = b->cap = n;
        } else {
            exported = true; // keep the bytearray as storage; try again later
        }
    }
    END_CRITICAL_SECTION();
    if (!exported) CLEAR(b->shared);
    return exported;
}

// The current bytes, valid until the section ends and *keep is released.
// While a view is alive they are a snapshot of `shared` (taken in its
// section: a view's owner may change them in place).  -1 + MemoryError.
// Section held.
static int data_of(bytesio_t *b, const unsigned char **p, size_t *n, obj_t **keep) {
    *keep = NULL;
    if (b->shared != NULL && sync_shared(b)) {
        obj_t *snap = bytearray_snapshot(b->shared);
        if (snap == NULL) return -1;
        *keep = snap;
        *p = bytes_data(snap);
        *n = bytes_len(snap);
        return 0;
    }
    *p = b->buf;
    *n = b->len;
    return 0;
}

// Checks the stream may change: open, no live view.  Section held.
static int check_resizable(bytesio_t *b) {
    if (b->closed) {
        io_closed_error();
        return -1;
    }
    if (sync_shared(b)) {
        err_set_str(exc_BufferError, resize_error);
        return -1;
    }
    return 0;
}

static int reserve(bytesio_t *b, size_t need) {
    if (need <= b->cap) return 0;
    size_t cap = b->cap < 64 ? 64 : b->cap;
    while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
    if (obj_alloc_too_big(cap)) cap = need;
    if (obj_alloc_too_big(need)) {
        err_no_memory();
        return -1;
    }
    unsigned char *nb = realloc(b->buf, cap);
    if (nb == NULL) {
        err_no_memory();
        return -1;
    }
    b->buf = nb;
    b->cap = cap;
    return 0;
}

// Writes n bytes at pos (padding with zeros past the end).  Section held.
static int write_locked(bytesio_t *b, const unsigned char *p, size_t n) {
    if (check_resizable(b) < 0) return -1;
    if (n == 0) return 0;
    size_t end = b->pos + n;
    if (end < b->pos) {
        err_no_memory();
        return -1;
    }
    if (reserve(b, end) < 0) return -1;
    if (b->pos > b->len) memset(b->buf + b->len, 0, b->pos - b->len);
    memcpy(b->buf + b->pos, p, n);
    b->pos = end;
    if (end > b->len) b->len = end;
    return 0;
}

static int set_value(bytesio_t *b, const unsigned char *p, size_t n) {
    b->len = 0;
    b->pos = 0;
    if (write_locked(b, p, n) < 0) return -1;
    b->pos = 0;
    return 0;
}

static obj_t *bytesio_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(type, type->basicsize);
}

static int bytesio_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"initial_bytes", NULL};
    obj_t *init = NULL;
    if (args_parse("BytesIO", args, nargs, kwnames, names, 0, &init) < 0) return -1;
    buffer_t view = {0};
    if (init != NULL && init != None && buffer_get(init, &view) < 0) return -1;
    int rc;
    bytesio_t *b = BIO(self);
    BEGIN_CRITICAL_SECTION(self);
    b->closed = false;
    rc = check_resizable(b);
    if (rc == 0) rc = set_value(b, view.buf, view.len);
    END_CRITICAL_SECTION();
    buffer_release(&view);
    return rc;
}

static void bytesio_dealloc(obj_t *self) {
    bytesio_t *b = BIO(self);
    free(b->buf);
    XDECREF(b->shared);
    io_base_free(self);
}

// Fails with ValueError when closed.  Section held.
#define CHECK_OPEN_LOCKED(b, rc)                                                                   \
    do {                                                                                           \
        if ((b)->closed) {                                                                         \
            io_closed_error();                                                                     \
            rc = -1;                                                                               \
        }                                                                                          \
    } while (0)

// Reads up to n bytes (n < 0: all) from pos; line: stop after '\n'.
static obj_t *read_common(obj_t *self, ssize_t n, bool line) {
    bytesio_t *b = BIO(self);
    obj_t *r = NULL;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    CHECK_OPEN_LOCKED(b, rc);
    size_t len;
    const unsigned char *d;
    obj_t *keep = NULL;
    if (rc == 0) rc = data_of(b, &d, &len, &keep);
    if (rc == 0) {
        size_t avail = b->pos < len ? len - b->pos : 0;
        if (n >= 0 && (size_t)n < avail) avail = (size_t)n;
        if (line && avail > 0) {
            const unsigned char *nl = memchr(d + b->pos, '\n', avail);
            if (nl) avail = (size_t)(nl - (d + b->pos)) + 1;
        }
        r = bytes_from(avail ? d + b->pos : NULL, avail);
        if (r) b->pos += avail;
    }
    XDECREF(keep);
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *bytesio_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("read", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    return read_common(self, n, false);
}

static obj_t *bytesio_read1(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("read1", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    return read_common(self, n, false);
}

static obj_t *bytesio_readline(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readline", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    return read_common(self, n, true);
}

static obj_t *bytesio_iternext(obj_t *self) {
    obj_t *line = read_common(self, -1, true);
    if (line != NULL && bytes_len(line) == 0) {
        DECREF(line);
        return NULL;
    }
    return line;
}

static obj_t *bytesio_readlines(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readlines", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t hint;
    if (io_size_arg(nargs ? args[0] : NULL, &hint) < 0) return NULL;
    obj_t *list = list_new(0);
    if (list == NULL) return NULL;
    size_t total = 0;
    for (;;) {
        obj_t *line = read_common(self, -1, true);
        if (line == NULL) {
            DECREF(list);
            return NULL;
        }
        size_t n = bytes_len(line);
        if (n == 0) {
            DECREF(line);
            break;
        }
        int rc = list_append(list, line);
        DECREF(line);
        if (rc < 0) {
            DECREF(list);
            return NULL;
        }
        total += n;
        if (hint > 0 && total >= (size_t)hint) break;
    }
    return list;
}

static obj_t *bytesio_readinto(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readinto", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (io_writable_buffer(args[0], &view) < 0) return NULL;
    bytesio_t *b = BIO(self);
    size_t got = 0;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    CHECK_OPEN_LOCKED(b, rc);
    size_t len;
    const unsigned char *d;
    obj_t *keep = NULL;
    if (rc == 0) rc = data_of(b, &d, &len, &keep);
    if (rc == 0) {
        got = b->pos < len ? len - b->pos : 0;
        if (got > view.len) got = view.len;
        if (got) memmove(view.buf, d + b->pos, got);
        b->pos += got;
    }
    XDECREF(keep);
    END_CRITICAL_SECTION();
    buffer_release(&view);
    if (rc < 0) return NULL;
    return int_from_i64((int64_t)got);
}

static obj_t *bytesio_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write", nargs, kwnames, 1, 1) < 0) return NULL;
    bytesio_t *b = BIO(self);
    int rc = 0;
    // A closed stream is reported before a bad argument, as in CPython.
    BEGIN_CRITICAL_SECTION(self);
    rc = check_resizable(b);
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    rc = write_locked(b, view.buf, view.len);
    END_CRITICAL_SECTION();
    size_t n = view.len;
    buffer_release(&view);
    if (rc < 0) return NULL;
    return int_from_i64((int64_t)n);
}

static obj_t *bytesio_writelines(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("writelines", nargs, kwnames, 1, 1) < 0) return NULL;
    return obj_apply_each(self, args[0], bytesio_write);
}

static obj_t *bytesio_seek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("seek", nargs, kwnames, 1, 2) < 0) return NULL;
    ssize_t pos, whence = 0;
    if (obj_ssize_arg(args[0], &pos) < 0) return NULL;
    if (nargs > 1 && obj_ssize_arg(args[1], &whence) < 0) return NULL;
    bytesio_t *b = BIO(self);
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    CHECK_OPEN_LOCKED(b, rc);
    if (rc == 0) {
        if (pos < 0 && whence == 0) {
            err_format(exc_ValueError, "negative seek value %zd", pos);
            rc = -1;
        } else if (whence < 0 || whence > 2) {
            err_format(exc_ValueError, "invalid whence (%zd, should be 0, 1 or 2)", whence);
            rc = -1;
        } else {
            size_t len = 0;
            const unsigned char *d;
            obj_t *keep = NULL;
            rc = data_of(b, &d, &len, &keep);
            XDECREF(keep);
            if (whence == 1)
                pos += (ssize_t)b->pos;
            else if (whence == 2)
                pos += (ssize_t)len;
            if (pos < 0) pos = 0;
            if (rc == 0) b->pos = (size_t)pos;
        }
    }
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    return int_from_i64(pos);
}

static obj_t *bytesio_tell(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("tell", nargs, kwnames, 0, 0) < 0) return NULL;
    bytesio_t *b = BIO(self);
    int rc = 0;
    size_t pos = 0;
    BEGIN_CRITICAL_SECTION(self);
    CHECK_OPEN_LOCKED(b, rc);
    pos = b->pos;
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    return int_from_i64((int64_t)pos);
}

static obj_t *bytesio_truncate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("truncate", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t size = -1;
    bool given = nargs > 0 && args[0] != None;
    if (given && io_size_arg(args[0], &size) < 0) return NULL;
    bytesio_t *b = BIO(self);
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    rc = check_resizable(b);
    if (rc == 0) {
        if (!given) size = (ssize_t)b->pos;
        if (size < 0) {
            err_format(exc_ValueError, "negative size value %zd", size);
            rc = -1;
        } else if ((size_t)size < b->len) {
            b->len = (size_t)size;
        }
    }
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    return int_from_i64(size);
}

static obj_t *bytesio_getvalue(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getvalue", nargs, kwnames, 0, 0) < 0) return NULL;
    bytesio_t *b = BIO(self);
    obj_t *r = NULL;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    CHECK_OPEN_LOCKED(b, rc);
    size_t len;
    const unsigned char *d;
    obj_t *keep = NULL;
    if (rc == 0 && data_of(b, &d, &len, &keep) == 0) r = bytes_from(d, len);
    XDECREF(keep);
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *bytesio_getbuffer(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getbuffer", nargs, kwnames, 0, 0) < 0) return NULL;
    bytesio_t *b = BIO(self);
    obj_t *shared = NULL;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    CHECK_OPEN_LOCKED(b, rc);
    if (rc == 0) {
        if (b->shared == NULL) {
            b->shared = bytearray_from(b->buf, b->len);
            if (b->shared == NULL) rc = -1;
        }
        if (rc == 0) shared = NEWREF(b->shared);
    }
    END_CRITICAL_SECTION();
    if (shared == NULL) return NULL;
    // The view takes its export of `shared` here, outside the section: a
    // thread racing in between sees no export yet and may take the bytes
    // back, in which case this view shares nothing; it still reads what
    // the stream held.
    obj_t *mv = obj_call1((obj_t *)&memoryview_type, shared);
    DECREF(shared);
    return mv;
}

static obj_t *bytesio_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    bytesio_t *b = BIO(self);
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    if (sync_shared(b)) {
        err_set_str(exc_BufferError, resize_error);
        rc = -1;
    } else {
        b->closed = true;
        free(b->buf);
        b->buf = NULL;
        b->len = b->cap = b->pos = 0;
    }
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    return NEWREF(None);
}

static obj_t *check_open(obj_t *self) {
    bool closed;
    BEGIN_CRITICAL_SECTION(self);
    closed = BIO(self)->closed;
    END_CRITICAL_SECTION();
    if (closed) return io_closed_error();
    return None;
}

static obj_t *bytesio_true(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readable", nargs, kwnames, 0, 0) < 0) return NULL;
    if (check_open(self) == NULL) return NULL;
    return NEWREF(True);
}

static obj_t *bytesio_isatty(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("isatty", nargs, kwnames, 0, 0) < 0) return NULL;
    if (check_open(self) == NULL) return NULL;
    return NEWREF(False);
}

static obj_t *bytesio_flush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("flush", nargs, kwnames, 0, 0) < 0) return NULL;
    if (check_open(self) == NULL) return NULL;
    return NEWREF(None);
}

static obj_t *bytesio_getstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__getstate__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *value = bytesio_getvalue(self, NULL, 0, NULL);
    if (value == NULL) return NULL;
    size_t pos;
    BEGIN_CRITICAL_SECTION(self);
    pos = BIO(self)->pos;
    END_CRITICAL_SECTION();
    obj_t *d = obj_instance_dict(self);
    obj_t *dcopy = d ? dict_copy(d) : NEWREF(None);
    XDECREF(d);
    obj_t *p = int_from_i64((int64_t)pos);
    obj_t *r = dcopy && p ? tuple_pack(3, value, p, dcopy) : NULL;
    XDECREF(p);
    XDECREF(dcopy);
    DECREF(value);
    return r;
}

static obj_t *bytesio_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *st = args[0];
    if (!TUPLE_CHECK(st) || TUPLE_SIZE(st) < 3) {
        err_format(exc_TypeError, "%s.__setstate__ argument should be 3-tuple, got %s",
                   obj_type_name(self), obj_type_name(st));
        return NULL;
    }
    obj_t *value = TUPLE_GET(st, 0), *pos = TUPLE_GET(st, 1), *d = TUPLE_GET(st, 2);
    if (!INT_CHECK(pos)) {
        err_format(exc_TypeError, "second item of state must be an integer, not %s",
                   obj_type_name(pos));
        return NULL;
    }
    if (d != None && !DICT_CHECK(d)) {
        err_format(exc_TypeError, "third item of state should be a dict, got a %s",
                   obj_type_name(d));
        return NULL;
    }
    ssize_t p = obj_as_ssize(pos);
    if (p == -1 && err_occurred()) return NULL;
    if (p < 0) {
        err_set_str(exc_ValueError, "position value cannot be negative");
        return NULL;
    }
    buffer_t view;
    if (buffer_get(value, &view) < 0) return NULL;
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = check_resizable(BIO(self));
    if (rc == 0) rc = set_value(BIO(self), view.buf, view.len);
    if (rc == 0) BIO(self)->pos = (size_t)p;
    END_CRITICAL_SECTION();
    buffer_release(&view);
    if (rc < 0) return NULL;
    if (d != None) {
        obj_t *mine = obj_instance_dict_ensure(self);
        if (mine == NULL) return NULL;
        rc = dict_update(mine, d);
        DECREF(mine);
        if (rc < 0) return NULL;
    }
    return NEWREF(None);
}

static obj_t *bytesio_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    size_t cap;
    BEGIN_CRITICAL_SECTION(self);
    cap = BIO(self)->cap;
    END_CRITICAL_SECTION();
    return int_from_i64((int64_t)(sizeof(bytesio_t) + cap));
}

static obj_t *bytesio_get_closed(obj_t *self, void *c) {
    bool closed;
    BEGIN_CRITICAL_SECTION(self);
    closed = BIO(self)->closed;
    END_CRITICAL_SECTION();
    return NEWREF(bool_from(closed));
}

static obj_t *bytesio_iter(obj_t *self) {
    return NEWREF(self);
}

static obj_t *bytesio_iternext_checked(obj_t *self) {
    return bytesio_iternext(self);
}

static const method_def_t bytesio_methods[] = {
    {"read", bytesio_read, 0, NULL},
    {"read1", bytesio_read1, 0, NULL},
    {"readline", bytesio_readline, 0, NULL},
    {"readlines", bytesio_readlines, 0, NULL},
    {"readinto", bytesio_readinto, 0, NULL},
    {"write", bytesio_write, 0, NULL},
    {"writelines", bytesio_writelines, 0, NULL},
    {"seek", bytesio_seek, 0, NULL},
    {"tell", bytesio_tell, 0, NULL},
    {"truncate", bytesio_truncate, 0, NULL},
    {"getvalue", bytesio_getvalue, 0, NULL},
    {"getbuffer", bytesio_getbuffer, 0, NULL},
    {"close", bytesio_close, 0, NULL},
    {"readable", bytesio_true, 0, NULL},
    {"writable", bytesio_true, 0, NULL},
    {"seekable", bytesio_true, 0, NULL},
    {"isatty", bytesio_isatty, 0, NULL},
    {"flush", bytesio_flush, 0, NULL},
    {"__getstate__", bytesio_getstate, 0, NULL},
    {"__setstate__", bytesio_setstate, 0, NULL},
    {"__sizeof__", bytesio_sizeof, 0, NULL},
    {NULL},
};

static const getset_def_t bytesio_getsets[] = {
    {"closed", bytesio_get_closed, NULL, NULL},
    {NULL},
};

type_t io_bytesio_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io.BytesIO",
    .basicsize = sizeof(bytesio_t),
    .flags = TPFLAG_BASETYPE,
    .base = &io_bufferediobase_type,
    .dictoffset = offsetof(iobase_t, dict),
    .dealloc = bytesio_dealloc,
    .iter = bytesio_iter,
    .iternext = bytesio_iternext_checked,
    .tp_new = bytesio_new,
    .tp_init = bytesio_init,
    .methods = bytesio_methods,
    .getsets = bytesio_getsets,
    .doc = "Buffered I/O implementation using an in-memory bytes buffer.",
};
