/*
 * modules/io.c — the native `_io` module: what CPython 3.11's io.py imports
 * (`from _io import ...`).  This file owns the module, the four abstract
 * base classes (_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase) with
 * CPython's default methods, io.UnsupportedOperation, open(), open_code()
 * and text_encoding(), and the per-object I/O lock.  The concrete classes
 * live beside it: io_bytesio.c (BytesIO), io_stringio.c (StringIO),
 * io_fileio.c (FileIO), io_buffered.c (BufferedReader/Writer/Random/RWPair)
 * and io_text.c (TextIOWrapper, IncrementalNewlineDecoder).
 *
 * Layout: every _io object starts with iobase_t (the object header and an
 * instance dict), so io.py's `class IOBase(_io._IOBase, metaclass=ABCMeta)`
 * and `class RawIOBase(_io._RawIOBase, IOBase)` find one solid base.  The
 * default close()/closed of _IOBase keep the flag `__IOBase_closed` in the
 * instance dict, as CPython does.
 *
 * Locking (no GIL):
 *   - BytesIO and StringIO change their buffer, position and flags only
 *     inside their own critical section (threads/critical.h) and never run
 *     Python code there (arguments are converted before the section).
 *   - FileIO holds no lock around system calls: its descriptor is read once
 *     per call; a read racing close() gets EBADF, as in CPython.
 *   - Buffered objects and TextIOWrapper call into their raw / buffer
 *     object, which may be Python code, so a critical section (released
 *     whenever the thread blocks or runs Python code) cannot protect them.
 *     Each has an io_lock_t held for the whole operation, raw calls
 *     included, like CPython's buffered lock: two threads writing one
 *     BufferedWriter or TextIOWrapper never tear each other's data.
 *     Waiting for it is a blocking region, so stop-the-world and other
 *     critical sections are never held up by a waiter.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gc/refcount.h"
#include "../objects/buffer.h"
#include "../objects/bytearray.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/mutex.h"
#include "../threads/thread.h"
#include "io_internal.h"

type_t *io_unsupported_operation;

obj_t *io_unsupported(const char *msg) {
    err_set_str(io_unsupported_operation, msg);
    return NULL;
}

obj_t *io_closed_error(void) {
    err_set_str(exc_ValueError, "I/O operation on closed file.");
    return NULL;
}

int io_size_arg(obj_t *v, ssize_t *out) {
    *out = -1;
    if (v == NULL || v == None) return 0;
    if (!INT_CHECK(v) && type_lookup(TYPE(v), str_intern("__index__")) == NULL) {
        err_format(exc_TypeError, "argument should be integer or None, not '%s'", obj_type_name(v));
        return -1;
    }
    ssize_t n = obj_as_ssize(v);
    if (n == -1 && err_occurred()) return -1;
    *out = n;
    return 0;
}

int io_is_closed(obj_t *self) {
    if (TYPE(self) == &io_fileio_type) return io_fileio_fd(self) < 0;
    int fast = io_buffered_closed(self);
    if (fast != -2) return fast;
    obj_t *c = obj_getattr_str(self, "closed");
    if (c == NULL) return -1;
    int r = obj_is_true(c);
    DECREF(c);
    return r;
}

int io_writable_buffer(obj_t *arg, buffer_t *view) {
    if (!buffer_check(arg) || buffer_get(arg, view) < 0 || view->readonly) {
        if (buffer_check(arg) && !err_occurred()) buffer_release(view);
        if (err_occurred() && !err_matches(exc_TypeError)) return -1;
        err_clear();
        err_format(exc_TypeError,
                   "readinto() argument must be read-write bytes-like object, not %s",
                   obj_type_name(arg));
        return -1;
    }
    return 0;
}

void io_base_free(obj_t *o) {
    CLEAR(((iobase_t *)o)->dict);
    obj_free(o);
}

static obj_t *iobase_get_dict(obj_t *self, void *c) {
    return obj_instance_dict_ensure(self);
}

static int iobase_set_dict(obj_t *self, obj_t *v, void *c) {
    if (v == NULL || !DICT_CHECK(v)) {
        err_set_str(exc_TypeError, "__dict__ must be set to a dictionary");
        return -1;
    }
    return obj_instance_dict_replace(self, v);
}

const getset_def_t io_dict_getset = {"__dict__", iobase_get_dict, iobase_set_dict, NULL};

// ---- the I/O lock ---------------------------------------------------------------------

int io_lock_acquire(io_lock_t *l, obj_t *self) {
    uint64_t me = current_tid();
    if (atomic_load_explicit(&l->owner, memory_order_relaxed) == me) {
        obj_t *r = obj_repr(self);
        if (r == NULL) return -1;
        err_format(exc_RuntimeError, "reentrant call inside %s", str_data(r));
        DECREF(r);
        return -1;
    }
    if (!mutex_trylock(&l->m)) {
        thread_block_begin();
        mutex_lock(&l->m);
        thread_block_end();
    }
    atomic_store_explicit(&l->owner, me, memory_order_relaxed);
    return 0;
}

void io_lock_release(io_lock_t *l) {
    atomic_store_explicit(&l->owner, 0, memory_order_relaxed);
    mutex_unlock(&l->m);
}

// ---- _IOBase --------------------------------------------------------------------------

static obj_t *closed_key(void) {
    return str_intern("__IOBase_closed");
}

// The flag of the default close(): 1 closed, 0 open, -1 error.
static int iobase_flag_closed(obj_t *self) {
    obj_t *v = obj_lookup_attr(self, closed_key());
    if (v == NULL) return err_occurred() ? -1 : 0;
    DECREF(v);
    return 1;
}

static obj_t *check_closed(obj_t *self) {
    int c = io_is_closed(self);
    if (c < 0) return NULL;
    if (c) return io_closed_error();
    return None;
}

static obj_t *iobase_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(type, type->basicsize);
}

static obj_t *iobase_unsupported_seek(obj_t *self, obj_t *const *args, size_t nargs,
                                      obj_t *kwnames) {
    return io_unsupported("seek");
}

static obj_t *iobase_tell(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("tell", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *a[2] = {SMALLINT_FROM(0), SMALLINT_FROM(1)};
    return obj_call_method(self, "seek", a, 2);
}

static obj_t *iobase_truncate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return io_unsupported("truncate");
}

static obj_t *iobase_fileno(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return io_unsupported("fileno");
}

static obj_t *iobase_false(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readable", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(False);
}

static obj_t *iobase_isatty(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("isatty", nargs, kwnames, 0, 0) < 0) return NULL;
    if (check_closed(self) == NULL) return NULL;
    return NEWREF(False);
}

static obj_t *iobase_flush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("flush", nargs, kwnames, 0, 0) < 0) return NULL;
    int c = iobase_flag_closed(self);
    if (c < 0) return NULL;
    if (c) return io_closed_error();
    return NEWREF(None);
}

static obj_t *iobase_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    int c = iobase_flag_closed(self);
    if (c < 0) return NULL;
    if (c) return NEWREF(None);
    obj_t *r = obj_call_method(self, "flush", NULL, 0);
    obj_t *saved = r == NULL ? err_fetch() : NULL;
    XDECREF(r);
    if (obj_setattr(self, closed_key(), True) < 0) {
        XDECREF(saved);
        return NULL;
    }
    if (saved) {
        err_restore(saved);
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *iobase_get_closed(obj_t *self, void *c) {
    int r = iobase_flag_closed(self);
    if (r < 0) return NULL;
    return NEWREF(bool_from(r));
}

static obj_t *check_method(obj_t *self, const char *meth, const char *msg, obj_t *const *args,
                           size_t nargs) {
    obj_t *r = obj_call_method(self, meth, NULL, 0);
    if (r == NULL) return NULL;
    int t = obj_is_true(r);
    DECREF(r);
    if (t < 0) return NULL;
    if (!t) {
        err_set_str(io_unsupported_operation,
                    nargs > 0 && args[0] != None && STR_CHECK(args[0]) ? str_data(args[0]) : msg);
        return NULL;
    }
    return NEWREF(True);
}

static obj_t *iobase_check_closed(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (check_closed(self) == NULL) return NULL;
    return NEWREF(None);
}

static obj_t *iobase_check_seekable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return check_method(self, "seekable", "File or stream is not seekable.", args, nargs);
}

static obj_t *iobase_check_readable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return check_method(self, "readable", "File or stream is not readable.", args, nargs);
}

static obj_t *iobase_check_writable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return check_method(self, "writable", "File or stream is not writable.", args, nargs);
}

static obj_t *iobase_enter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (check_closed(self) == NULL) return NULL;
    return NEWREF(self);
}

static obj_t *iobase_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_call_method(self, "close", NULL, 0);
}

static obj_t *iobase_iter(obj_t *self) {
    if (check_closed(self) == NULL) return NULL;
    return NEWREF(self);
}

static obj_t *iobase_iternext(obj_t *self) {
    obj_t *line = obj_call_method(self, "readline", NULL, 0);
    if (line == NULL) return NULL;
    ssize_t n = obj_len(line);
    if (n < 0) {
        DECREF(line);
        return NULL;
    }
    if (n == 0) {
        DECREF(line);
        return NULL;
    }
    return line;
}

// readline(size=-1) over peek()/read(1), as CPython's _IOBase.readline.
static obj_t *iobase_readline(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"size", NULL};
    obj_t *sz = NULL;
    if (args_parse("readline", args, nargs, kwnames, names, 0, &sz) < 0) return NULL;
    ssize_t limit;
    if (io_size_arg(sz, &limit) < 0) return NULL;
    obj_t *peek = obj_lookup_attr(self, str_intern("peek"));
    if (peek == NULL && err_occurred()) return NULL;
    str_builder_t b;
    str_builder_init(&b);
    while (limit < 0 || (ssize_t)b.len < limit) {
        ssize_t nreadahead = 1;
        if (peek != NULL) {
            obj_t *ra = obj_call1(peek, SMALLINT_FROM(1));
            if (ra == NULL) goto error;
            if (!BYTES_CHECK(ra)) {
                err_format(exc_OSError, "peek() should have returned a bytes object, not '%s'",
                           obj_type_name(ra));
                DECREF(ra);
                goto error;
            }
            size_t n = bytes_len(ra);
            if (n > 0) {
                const unsigned char *p = bytes_data(ra);
                size_t k = 0;
                while (k < n && (limit < 0 || (ssize_t)k < limit - (ssize_t)b.len))
                    if (p[k++] == '\n') break;
                nreadahead = (ssize_t)k;
            }
            DECREF(ra);
        }
        obj_t *a = int_from_i64(nreadahead);
        obj_t *chunk = obj_call_method(self, "read", &a, 1);
        DECREF(a);
        if (chunk == NULL) goto error;
        if (!BYTES_CHECK(chunk)) {
            err_format(exc_OSError, "read() should have returned a bytes object, not '%s'",
                       obj_type_name(chunk));
            DECREF(chunk);
            goto error;
        }
        size_t n = bytes_len(chunk);
        if (n == 0) {
            DECREF(chunk);
            break;
        }
        str_builder_add(&b, (const char *)bytes_data(chunk), n);
        bool nl = bytes_data(chunk)[n - 1] == '\n';
        DECREF(chunk);
        if (nl) break;
    }
    XDECREF(peek);
    if (b.failed) {
        str_builder_discard(&b);
        return err_no_memory();
    }
    obj_t *r = bytes_from(b.buf ? b.buf : "", b.len);
    str_builder_discard(&b);
    return r;
error:
    XDECREF(peek);
    str_builder_discard(&b);
    return NULL;
}

static obj_t *iobase_readlines(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"hint", NULL};
    obj_t *h = NULL;
    if (args_parse("readlines", args, nargs, kwnames, names, 0, &h) < 0) return NULL;
    ssize_t hint;
    if (io_size_arg(h, &hint) < 0) return NULL;
    obj_t *list = list_new(0);
    if (list == NULL) return NULL;
    obj_t *it = obj_iter(self);
    if (it == NULL) goto error;
    ssize_t total = 0;
    obj_t *line;
    while ((line = obj_iternext(it)) != NULL) {
        int rc = list_append(list, line);
        ssize_t n = obj_len(line);
        DECREF(line);
        if (rc < 0 || n < 0) {
            DECREF(it);
            goto error;
        }
        total += n;
        if (hint > 0 && total >= hint) break;
    }
    DECREF(it);
    if (err_occurred()) goto error;
    return list;
error:
    DECREF(list);
    return NULL;
}

// self.write(arg), for obj_apply_each.
static obj_t *call_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_call_method(self, "write", args, nargs);
}

static obj_t *iobase_writelines(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("writelines", nargs, kwnames, 1, 1) < 0) return NULL;
    if (check_closed(self) == NULL) return NULL;
    return obj_apply_each(self, args[0], call_write);
}

// __del__ (run for instances of Python subclasses, as CPython's
// finalizer): close() unless already closed; a failing `closed` is
// ignored, a failing close() is reported as an ignored exception.
static obj_t *iobase_del(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *c = obj_lookup_attr(self, str_intern("closed"));
    if (c == NULL) {
        err_clear();
        return NEWREF(None);
    }
    int closed = obj_is_true(c);
    DECREF(c);
    if (closed < 0) {
        err_clear();
        return NEWREF(None);
    }
    if (closed) return NEWREF(None);
    return obj_call_method(self, "close", NULL, 0);
}

static void iobase_dealloc(obj_t *o) {
    io_base_free(o);
}

static const method_def_t iobase_methods[] = {
    {"seek", iobase_unsupported_seek, 0, NULL},
    {"tell", iobase_tell, 0, NULL},
    {"truncate", iobase_truncate, 0, NULL},
    {"flush", iobase_flush, 0, NULL},
    {"close", iobase_close, 0, NULL},
    {"seekable", iobase_false, 0, NULL},
    {"readable", iobase_false, 0, NULL},
    {"writable", iobase_false, 0, NULL},
    {"_checkClosed", iobase_check_closed, 0, NULL},
    {"_checkSeekable", iobase_check_seekable, 0, NULL},
    {"_checkReadable", iobase_check_readable, 0, NULL},
    {"_checkWritable", iobase_check_writable, 0, NULL},
    {"fileno", iobase_fileno, 0, NULL},
    {"isatty", iobase_isatty, 0, NULL},
    {"__enter__", iobase_enter, 0, NULL},
    {"__exit__", iobase_exit, 0, NULL},
    {"readline", iobase_readline, 0, NULL},
    {"readlines", iobase_readlines, 0, NULL},
    {"writelines", iobase_writelines, 0, NULL},
    {"__del__", iobase_del, 0, NULL},
    {NULL},
};

static const getset_def_t iobase_getsets[] = {
    {"__dict__", iobase_get_dict, iobase_set_dict, NULL},
    {"closed", iobase_get_closed, NULL, NULL},
    {NULL},
};

type_t io_iobase_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io._IOBase",
    .basicsize = sizeof(iobase_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dictoffset = offsetof(iobase_t, dict),
    .dealloc = iobase_dealloc,
    .iter = iobase_iter,
    .iternext = iobase_iternext,
    .tp_new = iobase_new,
    .methods = iobase_methods,
    .getsets = iobase_getsets,
    .doc = "The abstract base class for all I/O classes.",
};

// ---- _RawIOBase -----------------------------------------------------------------------

static obj_t *rawiobase_readall(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readall", nargs, kwnames, 0, 0) < 0) return NULL;
    str_builder_t b;
    str_builder_init(&b);
    bool got_none = false;
    for (;;) {
        obj_t *a = SMALLINT_FROM(IO_DEFAULT_BUFFER_SIZE);
        obj_t *data = obj_call_method(self, "read", &a, 1);
        if (data == NULL) {
            str_builder_discard(&b);
            return NULL;
        }
        if (data == None) {
            DECREF(data);
            got_none = b.len == 0;
            break;
        }
        if (!BYTES_CHECK(data)) {
            DECREF(data);
            str_builder_discard(&b);
            err_set_str(exc_TypeError, "read() should return bytes");
            return NULL;
        }
        size_t n = bytes_len(data);
        str_builder_add(&b, (const char *)bytes_data(data), n);
        DECREF(data);
        if (n == 0) break;
    }
    if (got_none) {
        str_builder_discard(&b);
        return NEWREF(None);
    }
    obj_t *r = b.failed ? err_no_memory() : bytes_from(b.buf ? b.buf : "", b.len);
    str_builder_discard(&b);
    return r;
}

static obj_t *rawiobase_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"size", NULL};
    obj_t *sz = NULL;
    if (args_parse("read", args, nargs, kwnames, names, 0, &sz) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(sz, &n) < 0) return NULL;
    if (n < 0) return obj_call_method(self, "readall", NULL, 0);
    // A bytearray of n zero bytes for readinto.
    obj_t *len = int_from_i64(n);
    if (len == NULL) return NULL;
    obj_t *ba = obj_call1((obj_t *)&bytearray_type, len);
    DECREF(len);
    if (ba == NULL) return NULL;
    obj_t *got = obj_call_method(self, "readinto", &ba, 1);
    if (got == NULL || got == None) {
        DECREF(ba);
        return got;
    }
    ssize_t k = obj_as_ssize(got);
    DECREF(got);
    if (k == -1 && err_occurred()) {
        DECREF(ba);
        return NULL;
    }
    if (k < 0 || k > n) {
        DECREF(ba);
        err_format(exc_ValueError, "readinto returned %zd outside buffer size %zd", k, n);
        return NULL;
    }
    obj_t *snap = bytearray_snapshot(ba);
    DECREF(ba);
    if (snap == NULL) return NULL;
    obj_t *r = bytes_from(bytes_data(snap), (size_t)k);
    DECREF(snap);
    return r;
}

static obj_t *raise_not_implemented(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_set(exc_NotImplementedError, NULL);
    return NULL;
}

static const method_def_t rawiobase_methods[] = {
    {"read", rawiobase_read, 0, NULL},
    {"readall", rawiobase_readall, 0, NULL},
    {"readinto", raise_not_implemented, 0, NULL},
    {"write", raise_not_implemented, 0, NULL},
    {NULL},
};

type_t io_rawiobase_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io._RawIOBase",
    .basicsize = sizeof(iobase_t),
    .flags = TPFLAG_BASETYPE,
    .base = &io_iobase_type,
    .dictoffset = offsetof(iobase_t, dict),
    .dealloc = iobase_dealloc,
    .tp_new = iobase_new,
    .methods = rawiobase_methods,
    .doc = "Base class for raw binary I/O.",
};

// ---- _BufferedIOBase ------------------------------------------------------------------

static obj_t *bufbase_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return io_unsupported("read");
}
static obj_t *bufbase_read1(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return io_unsupported("read1");
}
static obj_t *bufbase_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return io_unsupported("write");
}
static obj_t *bufbase_detach(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return io_unsupported("detach");
}

static obj_t *readinto_generic(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames,
                               const char *meth) {
    if (args_check(meth[8] ? "readinto1" : "readinto", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (io_writable_buffer(args[0], &view) < 0) return NULL;
    obj_t *a = int_from_i64((int64_t)view.len);
    obj_t *data = a ? obj_call_method(self, meth[8] ? "read1" : "read", &a, 1) : NULL;
    XDECREF(a);
    if (data == NULL) {
        buffer_release(&view);
        return NULL;
    }
    if (!BYTES_CHECK(data)) {
        buffer_release(&view);
        DECREF(data);
        err_set_str(exc_TypeError, "read() should return bytes");
        return NULL;
    }
    size_t n = bytes_len(data);
    if (n > view.len) {
        buffer_release(&view);
        DECREF(data);
        err_format(exc_ValueError,
                   "read() returned too much data: %zu bytes requested, %zu returned", view.len, n);
        return NULL;
    }
    if (n) memcpy(view.buf, bytes_data(data), n);
    DECREF(data);
    buffer_release(&view);
    return int_from_i64((int64_t)n);
}

static obj_t *bufbase_readinto(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return readinto_generic(self, args, nargs, kwnames, "readinto");
}
static obj_t *bufbase_readinto1(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return readinto_generic(self, args, nargs, kwnames, "readinto1");
}

static const method_def_t bufbase_methods[] = {
    {"read", bufbase_read, 0, NULL},
    {"read1", bufbase_read1, 0, NULL},
    {"readinto", bufbase_readinto, 0, NULL},
    {"readinto1", bufbase_readinto1, 0, NULL},
    {"write", bufbase_write, 0, NULL},
    {"detach", bufbase_detach, 0, NULL},
    {NULL},
};

type_t io_bufferediobase_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io._BufferedIOBase",
    .basicsize = sizeof(iobase_t),
    .flags = TPFLAG_BASETYPE,
    .base = &io_iobase_type,
    .dictoffset = offsetof(iobase_t, dict),
    .dealloc = iobase_dealloc,
    .tp_new = iobase_new,
    .methods = bufbase_methods,
    .doc = "Base class for buffered IO objects.",
};

// ---- _TextIOBase ----------------------------------------------------------------------

static obj_t *textbase_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return io_unsupported("read");
}
static obj_t *textbase_readline(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return io_unsupported("readline");
}
static obj_t *textbase_none(obj_t *self, void *c) {
    return NEWREF(None);
}

static const method_def_t textbase_methods[] = {
    {"read", textbase_read, 0, NULL},
    {"readline", textbase_readline, 0, NULL},
    {"write", bufbase_write, 0, NULL},
    {"detach", bufbase_detach, 0, NULL},
    {NULL},
};

static const getset_def_t textbase_getsets[] = {
    {"encoding", textbase_none, NULL, NULL},
    {"newlines", textbase_none, NULL, NULL},
    {"errors", textbase_none, NULL, NULL},
    {NULL},
};

type_t io_textiobase_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io._TextIOBase",
    .basicsize = sizeof(iobase_t),
    .flags = TPFLAG_BASETYPE,
    .base = &io_iobase_type,
    .dictoffset = offsetof(iobase_t, dict),
    .dealloc = iobase_dealloc,
    .tp_new = iobase_new,
    .methods = textbase_methods,
    .getsets = textbase_getsets,
    .doc = "Base class for text I/O.",
};

// The `newlines` value of a universal-newline reader that has seen the
// endings in `seen` (1 "\n", 2 "\r", 4 "\r\n"): None, one str or a tuple.
obj_t *io_newlines_value(unsigned seen) {
    static const char *const names[] = {"\r", "\n", "\r\n"};
    static const unsigned bits[] = {2, 1, 4};
    obj_t *items[3];
    size_t n = 0;
    for (int i = 0; i < 3; i++)
        if (seen & bits[i]) items[n++] = str_intern(names[i]);
    if (n == 0) return NEWREF(None);
    if (n == 1) return NEWREF(items[0]);
    return tuple_from_array(items, n);
}

// ---- open() --------------------------------------------------------------------------

obj_t *io_open_impl(obj_t *file, obj_t *mode, ssize_t buffering, obj_t *encoding, obj_t *errors,
                    obj_t *newline, bool closefd, obj_t *opener) {
    if (!STR_CHECK(file) && !BYTES_CHECK(file) && !INT_CHECK(file) &&
        type_lookup(TYPE(file), str_intern("__fspath__")) == NULL) {
        err_format(exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                   obj_type_name(file));
        return NULL;
    }
    const char *m = mode ? str_data(mode) : "r";
    bool creating = false, reading = false, writing = false, appending = false, updating = false,
         text = false, binary = false;
    for (const char *c = m; *c; c++) {
        bool *flag;
        switch (*c) {
        case 'x': flag = &creating; break;
        case 'r': flag = &reading; break;
        case 'w': flag = &writing; break;
        case 'a': flag = &appending; break;
        case '+': flag = &updating; break;
        case 't': flag = &text; break;
        case 'b': flag = &binary; break;
        default: flag = NULL; break;
        }
        if (flag == NULL || *flag) {
            obj_t *r = mode ? obj_repr(mode) : NULL;
            if (r) err_format(exc_ValueError, "invalid mode: %s", str_data(r));
            XDECREF(r);
            return NULL;
        }
        *flag = true;
    }
    if (text && binary) {
        err_set_str(exc_ValueError, "can't have text and binary mode at once");
        return NULL;
    }
    // None of them is left to FileIO's error.
    if ((int)creating + reading + writing + appending > 1) {
        err_set_str(exc_ValueError, "must have exactly one of create/read/write/append mode");
        return NULL;
    }
    if (binary && encoding != NULL && encoding != None) {
        err_set_str(exc_ValueError, "binary mode doesn't take an encoding argument");
        return NULL;
    }
    if (binary && errors != NULL && errors != None) {
        err_set_str(exc_ValueError, "binary mode doesn't take an errors argument");
        return NULL;
    }
    if (binary && newline != NULL && newline != None) {
        err_set_str(exc_ValueError, "binary mode doesn't take a newline argument");
        return NULL;
    }
    char rawmode[4];
    size_t k = 0;
    if (creating || reading || writing || appending)
        rawmode[k++] = creating ? 'x' : reading ? 'r' : writing ? 'w' : 'a';
    if (updating) rawmode[k++] = '+';
    rawmode[k] = '\0';
    obj_t *rm = str_from_cstr(rawmode);
    if (rm == NULL) return NULL;
    obj_t *fa[4] = {file, rm, bool_from(closefd), opener ? opener : None};
    obj_t *raw = obj_call((obj_t *)&io_fileio_type, fa, 4, NULL);
    DECREF(rm);
    if (raw == NULL) return NULL;
    obj_t *result = raw, *buffer = NULL, *wrapper = NULL;
    bool line_buffering = false;
    if (buffering == 1 || buffering < 0) {
        obj_t *tty = obj_call_method(raw, "isatty", NULL, 0);
        if (tty == NULL) goto error;
        int istty = obj_is_true(tty);
        DECREF(tty);
        if (istty < 0) goto error;
        if (buffering == 1 || istty) {
            buffering = -1;
            line_buffering = true;
        }
    }
    if (buffering < 0) {
        obj_t *bs = obj_getattr_str(raw, "_blksize");
        if (bs == NULL) goto error;
        buffering = obj_as_ssize(bs);
        DECREF(bs);
        if (buffering == -1 && err_occurred()) goto error;
        if (buffering <= 1) buffering = IO_DEFAULT_BUFFER_SIZE;
    }
    if (buffering == 0) {
        if (binary) return raw;
        err_set_str(exc_ValueError, "can't have unbuffered text I/O");
        goto error;
    }
    type_t *bt = updating                             ? &io_bufrandom_type
                 : (creating || writing || appending) ? &io_bufwriter_type
                                                      : &io_bufreader_type;
    obj_t *ba[2] = {raw, NULL};
    ba[1] = int_from_i64(buffering);
    if (ba[1] == NULL) goto error;
    buffer = obj_call((obj_t *)bt, ba, 2, NULL);
    DECREF(ba[1]);
    if (buffer == NULL) goto error;
    result = buffer;
    if (binary) {
        DECREF(raw);
        return buffer;
    }
    obj_t *ta[5] = {buffer, encoding ? encoding : None, errors ? errors : None,
                    newline ? newline : None, bool_from(line_buffering)};
    wrapper = obj_call((obj_t *)&io_textwrapper_type, ta, 5, NULL);
    if (wrapper == NULL) goto error;
    result = wrapper;
    obj_t *mo = mode ? NEWREF(mode) : str_from_cstr("r");
    if (mo == NULL || obj_setattr_str(wrapper, "mode", mo) < 0) {
        XDECREF(mo);
        goto error;
    }
    DECREF(mo);
    DECREF(buffer);
    DECREF(raw);
    return wrapper;
error : {
    obj_t *e = err_fetch();
    obj_t *r = obj_call_method(result, "close", NULL, 0);
    if (r == NULL) err_clear();
    XDECREF(r);
    err_restore(e);
    XDECREF(wrapper);
    XDECREF(buffer);
    DECREF(raw);
    return NULL;
}
}

// ---- module functions -----------------------------------------------------------------

static obj_t *io_open(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"file",    "mode",    "buffering", "encoding", "errors",
                                        "newline", "closefd", "opener",    NULL};
    obj_t *v[8] = {NULL};
    if (args_parse("open", args, nargs, kwnames, names, 1, v) < 0) return NULL;
    ssize_t buffering = -1;
    if (v[2] != NULL) {
        if (!INT_CHECK(v[2])) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       obj_type_name(v[2]));
            return NULL;
        }
        buffering = obj_as_ssize(v[2]);
        if (buffering == -1 && err_occurred()) return NULL;
    }
    bool closefd = true;
    if (v[6] != NULL) {
        int t = obj_is_true(v[6]);
        if (t < 0) return NULL;
        closefd = t;
    }
    static const char *const argnames[] = {NULL, "mode", NULL, "encoding", "errors", "newline"};
    for (int i = 1; i < 6; i++) {
        if (i == 2 || v[i] == NULL) continue;
        if (i > 1 && v[i] == None) continue;
        if (!STR_CHECK(v[i])) {
            err_format(exc_TypeError, "open() argument '%s' must be str%s, not %s", argnames[i],
                       i == 1 ? "" : " or None", obj_type_name(v[i]));
            return NULL;
        }
    }
    return io_open_impl(v[0], v[1], buffering, v[3], v[4], v[5], closefd,
                        v[7] == None ? NULL : v[7]);
}

static obj_t *io_open_code(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"path", NULL};
    obj_t *path = NULL;
    if (args_parse("open_code", args, nargs, kwnames, names, 1, &path) < 0) return NULL;
    if (!STR_CHECK(path)) {
        err_format(exc_TypeError, "open_code() argument 'path' must be str, not %s",
                   obj_type_name(path));
        return NULL;
    }
    obj_t *mode = str_from_cstr("rb");
    if (mode == NULL) return NULL;
    obj_t *r = io_open_impl(path, mode, -1, NULL, NULL, NULL, true, NULL);
    DECREF(mode);
    return r;
}

static obj_t *io_text_encoding(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"encoding", "stacklevel", NULL};
    obj_t *v[2] = {NULL, NULL};
    if (args_parse("text_encoding", args, nargs, kwnames, names, 1, v) < 0) return NULL;
    if (v[0] != None) return NEWREF(v[0]);
    return str_from_cstr("locale");
}

static const method_def_t io_functions[] = {
    {"open", io_open, 0, NULL},
    {"open_code", io_open_code, 0, NULL},
    {"text_encoding", io_text_encoding, 0, NULL},
    {NULL},
};

// Creates io.UnsupportedOperation once; a thread that loses the race to
// publish it drops its own copy.
static int make_unsupported_operation(void) {
    if (__atomic_load_n(&io_unsupported_operation, __ATOMIC_ACQUIRE) != NULL) return 0;
    obj_t *name = str_from_cstr("UnsupportedOperation");
    obj_t *bases = tuple_pack(2, (obj_t *)exc_OSError, (obj_t *)exc_ValueError);
    obj_t *dict = dict_new();
    obj_t *mod = str_from_cstr("io");
    obj_t *cls = NULL;
    if (name && bases && dict && mod && dict_set_str(dict, "__module__", mod) == 0)
        cls = type_new_class(&type_type, name, bases, dict, NULL);
    XDECREF(name);
    XDECREF(bases);
    XDECREF(dict);
    XDECREF(mod);
    if (cls == NULL) return -1;
    type_immortalize((type_t *)cls); // before it is published (a loser's copy just stays)
    type_t *expected = NULL;
    __atomic_compare_exchange_n(&io_unsupported_operation, &expected, (type_t *)cls, false,
                                __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
    return 0;
}

static type_t *const io_types[] = {&io_iobase_type,     &io_rawiobase_type, &io_bufferediobase_type,
                                   &io_textiobase_type, &io_bytesio_type,   &io_stringio_type,
                                   &io_fileio_type,     &io_bufreader_type, &io_bufwriter_type,
                                   &io_bufrandom_type,  &io_bufrwpair_type, &io_textwrapper_type,
                                   &io_nldecoder_type};
#define N_IO_TYPES (sizeof io_types / sizeof io_types[0])

// Readies the types and UnsupportedOperation (idempotent, thread-safe).
static int io_ensure_ready(void) {
    for (size_t i = 0; i < N_IO_TYPES; i++)
        if (type_ensure_ready(io_types[i]) < 0) return -1;
    return make_unsupported_operation();
}

// builtins.open: _io.open, usable before `_io` is imported.
obj_t *io_builtin_open(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (io_ensure_ready() < 0) return NULL;
    return io_open(self, args, nargs, kwnames);
}

obj_t *io_module_init(void) {
    if (io_ensure_ready() < 0) return NULL;
    obj_t *m = module_new("_io");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, io_functions) < 0) goto error;
    for (size_t i = 0; i < N_IO_TYPES; i++) {
        const char *n = strchr(io_types[i]->name, '.') + 1;
        if (dict_set_str(d, n, (obj_t *)io_types[i]) < 0) goto error;
    }
    if (dict_set_str(d, "UnsupportedOperation", (obj_t *)io_unsupported_operation) < 0 ||
        dict_set_str(d, "BlockingIOError", (obj_t *)exc_BlockingIOError) < 0 ||
        dict_set_str(d, "DEFAULT_BUFFER_SIZE", SMALLINT_FROM(IO_DEFAULT_BUFFER_SIZE)) < 0)
        goto error;
    return m;
error:
    DECREF(m);
    return NULL;
}
