/*
 * modules/sqlite_blob.c — sqlite3.Blob (Connection.blobopen): incremental
 * I/O on one BLOB value through sqlite3_blob_*: read, write, seek, tell,
 * len, indexing and slicing by byte, the context manager, with CPython
 * 3.11's messages.
 *
 * Concurrency: every operation first takes a use of the connection
 * (conn_acquire: thread check, open check), then a use of the blob under
 * the blob's critical section; `offset` changes under the section.  The
 * handle is closed by close() only when no other thread is using it (else
 * by the last user), so sqlite3_blob_* never sees a freed handle; the
 * I/O itself runs in a blocking region with no section held.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/range.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "sqlite_internal.h"

typedef struct {
    obj_t ob;
    obj_t *connection;  // conn_t (immutable)
    sqlite3_blob *blob; // section; NULL once closed
    sqlite3 *db;        // the handle's database (for error messages)
    int offset;         // section
    int users;          // section
    bool closing;       // section
} blob_t;

#define BLOB(o) ((blob_t *)(o))

// Takes a use of the connection and of the blob; NULL + error.
static sqlite3_blob *blob_enter(blob_t *b) {
    if (!conn_acquire((conn_t *)b->connection)) return NULL;
    sqlite3_blob *h = NULL;
    BEGIN_CRITICAL_SECTION(b);
    if (b->blob && !b->closing) {
        h = b->blob;
        b->users++;
    }
    END_CRITICAL_SECTION();
    if (!h) {
        conn_release((conn_t *)b->connection);
        err_set_str(SQ_EXC(ProgrammingError), "Cannot operate on a closed blob.");
    }
    return h;
}

static void blob_leave(blob_t *b) {
    sqlite3_blob *h = NULL;
    BEGIN_CRITICAL_SECTION(b);
    if (--b->users == 0 && b->closing) {
        h = b->blob;
        b->blob = NULL;
    }
    END_CRITICAL_SECTION();
    if (h) SQ_BLOCK(sqlite3_blob_close(h));
    conn_release((conn_t *)b->connection);
}

static int blob_len(sqlite3_blob *h) {
    int n;
    SQ_BLOCK(n = sqlite3_blob_bytes(h));
    return n;
}

// Reads n bytes at off into a new bytes object.
static obj_t *read_at(blob_t *b, sqlite3_blob *h, int off, int n) {
    obj_t *r = bytes_from(NULL, 0);
    char *buf = malloc(n ? (size_t)n : 1);
    if (!buf) {
        XDECREF(r);
        return err_no_memory();
    }
    int rc;
    SQ_BLOCK(rc = sqlite3_blob_read(h, buf, n, off));
    if (rc != SQLITE_OK) {
        free(buf);
        XDECREF(r);
        sq_set_error(b->db);
        return NULL;
    }
    XDECREF(r);
    r = bytes_from(buf, (size_t)n);
    free(buf);
    return r;
}

static int write_at(blob_t *b, sqlite3_blob *h, const void *p, int n, int off) {
    int rc;
    SQ_BLOCK(rc = sqlite3_blob_write(h, p, n, off));
    if (rc != SQLITE_OK) {
        sq_set_error(b->db);
        return -1;
    }
    return 0;
}

// ---- construction -------------------------------------------------------------------------

obj_t *sq_blob_open(obj_t *conn, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/table", "/column", "/row", "$readonly", "$name", NULL};
    obj_t *a[5];
    if (args_parse("blobopen", args, nargs, kwnames, names, 3, a) < 0) return NULL;
    static const char *const argnames[] = {"1", "2"};
    for (int i = 0; i < 2; i++) {
        if (!STR_CHECK(a[i])) {
            err_format(exc_TypeError, "blobopen() argument %s must be str, not %s", argnames[i],
                       obj_type_name(a[i]));
            return NULL;
        }
    }
    if (a[4] && !STR_CHECK(a[4])) {
        err_format(exc_TypeError, "blobopen() argument 'name' must be str, not %s",
                   obj_type_name(a[4]));
        return NULL;
    }
    obj_t *ri = obj_index(a[2]);
    if (!ri) return NULL;
    int64_t row;
    int rc = int_as_i64(ri, &row);
    DECREF(ri);
    if (rc < 0) return NULL;
    int ro = 0;
    if (a[3] && (ro = obj_is_true(a[3])) < 0) return NULL;
    conn_t *c = (conn_t *)conn;
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    sqlite3_blob *h = NULL;
    const char *dbname = a[4] ? str_data(a[4]) : "main";
    SQ_BLOCK(rc = sqlite3_blob_open(db, dbname, str_data(a[0]), str_data(a[1]), row, !ro, &h));
    if (rc != SQLITE_OK) {
        sq_set_error(db);
        conn_release(c);
        return NULL;
    }
    conn_release(c);
    blob_t *b = (blob_t *)obj_alloc(&sq_blob_type, sizeof(blob_t));
    if (!b) {
        SQ_BLOCK(sqlite3_blob_close(h));
        return NULL;
    }
    b->connection = NEWREF(conn);
    b->blob = h;
    b->db = db;
    return (obj_t *)b;
}

static void blob_dealloc(obj_t *self) {
    blob_t *b = BLOB(self);
    if (b->blob) SQ_BLOCK(sqlite3_blob_close(b->blob));
    XDECREF(b->connection);
    obj_free(self);
}

// ---- methods ------------------------------------------------------------------------------

static obj_t *blob_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    blob_t *b = BLOB(self);
    if (!conn_acquire((conn_t *)b->connection)) return NULL;
    sqlite3_blob *h = NULL;
    BEGIN_CRITICAL_SECTION(b);
    if (b->users == 0) {
        h = b->blob;
        b->blob = NULL;
    } else {
        b->closing = true;
    }
    END_CRITICAL_SECTION();
    if (h) SQ_BLOCK(sqlite3_blob_close(h));
    conn_release((conn_t *)b->connection);
    return NEWREF(None);
}

static obj_t *blob_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/length", NULL};
    obj_t *a[1];
    if (args_parse("read", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int64_t want = -1;
    if (a[0]) {
        obj_t *i = obj_index(a[0]);
        if (!i) return NULL;
        int rc = int_as_i64(i, &want);
        DECREF(i);
        if (rc < 0 || want > INT_MAX || want < INT_MIN) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
            return NULL;
        }
    }
    blob_t *b = BLOB(self);
    sqlite3_blob *h = blob_enter(b);
    if (!h) return NULL;
    int len = blob_len(h), off;
    BEGIN_CRITICAL_SECTION(b);
    off = b->offset;
    END_CRITICAL_SECTION();
    int left = len - off;
    if (left < 0) left = 0;
    int n = want < 0 || want > left ? left : (int)want;
    obj_t *r = read_at(b, h, off, n);
    if (r) {
        BEGIN_CRITICAL_SECTION(b);
        b->offset = off + n;
        END_CRITICAL_SECTION();
    }
    blob_leave(b);
    return r;
}

static obj_t *blob_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *data = buffer_as_bytes(args[0]);
    if (!data) return NULL;
    blob_t *b = BLOB(self);
    sqlite3_blob *h = blob_enter(b);
    if (!h) {
        DECREF(data);
        return NULL;
    }
    int len = blob_len(h), off;
    BEGIN_CRITICAL_SECTION(b);
    off = b->offset;
    END_CRITICAL_SECTION();
    size_t n = bytes_len(data);
    int rc = 0;
    if (n > (size_t)INT_MAX || (int)n > len - off) {
        err_set_str(exc_ValueError, "data longer than blob length");
        rc = -1;
    } else {
        rc = write_at(b, h, bytes_data(data), (int)n, off);
        if (rc == 0) {
            BEGIN_CRITICAL_SECTION(b);
            b->offset = off + (int)n;
            END_CRITICAL_SECTION();
        }
    }
    blob_leave(b);
    DECREF(data);
    if (rc < 0) return NULL;
    return NEWREF(None);
}

static obj_t *blob_seek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/offset", "/origin", NULL};
    obj_t *a[2];
    if (args_parse("seek", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int64_t offset, origin = 0;
    obj_t *i = obj_index(a[0]);
    if (!i) return NULL;
    int rc = int_as_i64(i, &offset);
    DECREF(i);
    if (rc < 0 || offset > INT_MAX || offset < INT_MIN) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    if (a[1]) {
        i = obj_index(a[1]);
        if (!i) return NULL;
        rc = int_as_i64(i, &origin);
        DECREF(i);
        if (rc < 0 || origin > INT_MAX || origin < INT_MIN) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
            return NULL;
        }
    }
    blob_t *b = BLOB(self);
    sqlite3_blob *h = blob_enter(b);
    if (!h) return NULL;
    int len = blob_len(h);
    const char *err = NULL;
    type_t *etype = exc_ValueError;
    BEGIN_CRITICAL_SECTION(b);
    int64_t base = origin == 0 ? 0 : origin == 1 ? b->offset : len;
    if (origin < 0 || origin > 2) {
        err = "'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END";
    } else if (base + offset > INT_MAX) {
        err = "seek offset results in overflow";
        etype = exc_OverflowError;
    } else if (base + offset < 0 || base + offset > len) {
        err = "offset out of blob range";
    } else {
        b->offset = (int)(base + offset);
    }
    END_CRITICAL_SECTION();
    blob_leave(b);
    if (err) {
        err_set_str(etype, err);
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *blob_tell(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("tell", nargs, kwnames, 0, 0) < 0) return NULL;
    blob_t *b = BLOB(self);
    if (!blob_enter(b)) return NULL;
    int off;
    BEGIN_CRITICAL_SECTION(b);
    off = b->offset;
    END_CRITICAL_SECTION();
    blob_leave(b);
    return int_from_i64(off);
}

static obj_t *blob_enter_cm(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__enter__", nargs, kwnames, 0, 0) < 0) return NULL;
    if (!blob_enter(BLOB(self))) return NULL;
    blob_leave(BLOB(self));
    return NEWREF(self);
}

static obj_t *blob_exit_cm(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__exit__", nargs, kwnames, 3, 3) < 0) return NULL;
    if (!blob_enter(BLOB(self))) return NULL;
    blob_leave(BLOB(self));
    obj_t *r = blob_close(self, NULL, 0, NULL);
    if (!r) return NULL;
    DECREF(r);
    return NEWREF(False);
}

// ---- mapping --------------------------------------------------------------------------------

static ssize_t blob_length(obj_t *self) {
    blob_t *b = BLOB(self);
    sqlite3_blob *h = blob_enter(b);
    if (!h) return -1;
    int n = blob_len(h);
    blob_leave(b);
    return n;
}

// An int index into a blob of len bytes; -1 + error (IndexError).
static int blob_index(obj_t *key, int len, int *out) {
    ssize_t i = obj_as_ssize(key);
    if (i == -1 && err_occurred()) {
        if (err_matches(exc_OverflowError) || err_matches(exc_IndexError)) {
            err_clear();
            err_format(exc_IndexError, "cannot fit '%s' into an index-sized integer",
                       obj_type_name(key));
        }
        return -1;
    }
    if (i < 0) i += len;
    if (i < 0 || i >= len) {
        err_set_str(exc_IndexError, "Blob index out of range");
        return -1;
    }
    *out = (int)i;
    return 0;
}

static obj_t *blob_getitem(obj_t *self, obj_t *key) {
    blob_t *b = BLOB(self);
    bool is_int =
        INT_CHECK(key) || (!SLICE_CHECK(key) && type_lookup(TYPE(key), str_intern("__index__")));
    if (!is_int && !SLICE_CHECK(key)) {
        err_set_str(exc_TypeError, "Blob indices must be integers");
        return NULL;
    }
    ssize_t start = 0, stop = 0, step = 1;
    if (!is_int && slice_unpack_raw(key, &start, &stop, &step) < 0) return NULL;
    sqlite3_blob *h = blob_enter(b);
    if (!h) return NULL;
    int len = blob_len(h);
    obj_t *r = NULL;
    if (is_int) {
        int i;
        if (blob_index(key, len, &i) == 0) {
            obj_t *one = read_at(b, h, i, 1);
            if (one) {
                r = int_from_i64(bytes_data(one)[0]);
                DECREF(one);
            }
        }
    } else {
        ssize_t n = slice_adjust_indices(len, &start, &stop, step);
        if (n <= 0) {
            r = bytes_from("", 0);
        } else if (step == 1) {
            r = read_at(b, h, (int)start, (int)n);
        } else {
            ssize_t lo = step > 0 ? start : start + (n - 1) * step;
            ssize_t hi = step > 0 ? start + (n - 1) * step : start;
            obj_t *all = read_at(b, h, (int)lo, (int)(hi - lo + 1));
            if (all) {
                unsigned char *out = malloc((size_t)n);
                if (out) {
                    for (ssize_t k = 0; k < n; k++)
                        out[k] = bytes_data(all)[start + k * step - lo];
                    r = bytes_from(out, (size_t)n);
                    free(out);
                } else {
                    err_no_memory();
                }
                DECREF(all);
            }
        }
    }
    blob_leave(b);
    return r;
}

static int blob_setitem(obj_t *self, obj_t *key, obj_t *value) {
    blob_t *b = BLOB(self);
    bool is_int =
        INT_CHECK(key) || (!SLICE_CHECK(key) && type_lookup(TYPE(key), str_intern("__index__")));
    if (!is_int && !SLICE_CHECK(key)) {
        err_set_str(exc_TypeError, "Blob indices must be integers");
        return -1;
    }
    ssize_t start = 0, stop = 0, step = 1;
    if (!is_int && slice_unpack_raw(key, &start, &stop, &step) < 0) return -1;
    sqlite3_blob *h = blob_enter(b);
    if (!h) return -1;
    int len = blob_len(h);
    int rc = -1;
    obj_t *data = NULL;
    if (!value) {
        err_set_str(exc_TypeError, is_int ? "Blob doesn't support item deletion"
                                          : "Blob doesn't support slice deletion");
    } else if (is_int) {
        int i;
        if (blob_index(key, len, &i) == 0) {
            obj_t *v = obj_index(value);
            if (v) {
                int64_t x;
                if (int_as_i64(v, &x) < 0) {
                    err_clear();
                    x = -1;
                }
                DECREF(v);
                if (x < 0 || x > 255) {
                    err_set_str(exc_ValueError, "byte must be in range(0, 256)");
                } else {
                    unsigned char byte = (unsigned char)x;
                    rc = write_at(b, h, &byte, 1, i);
                }
            }
        }
    } else if ((data = buffer_as_bytes(value))) {
        ssize_t n = slice_adjust_indices(len, &start, &stop, step);
        if ((ssize_t)bytes_len(data) != n) {
            err_set_str(exc_IndexError, "Blob slice assignment is wrong size");
        } else if (n == 0) {
            rc = 0;
        } else if (step == 1) {
            rc = write_at(b, h, bytes_data(data), (int)n, (int)start);
        } else {
            ssize_t lo = step > 0 ? start : start + (n - 1) * step;
            ssize_t hi = step > 0 ? start + (n - 1) * step : start;
            obj_t *all = read_at(b, h, (int)lo, (int)(hi - lo + 1));
            if (all) {
                size_t m = bytes_len(all);
                unsigned char *buf = malloc(m);
                if (buf) {
                    memcpy(buf, bytes_data(all), m);
                    for (ssize_t k = 0; k < n; k++)
                        buf[start + k * step - lo] = bytes_data(data)[k];
                    rc = write_at(b, h, buf, (int)m, (int)lo);
                    free(buf);
                } else {
                    err_no_memory();
                }
                DECREF(all);
            }
        }
    }
    XDECREF(data);
    blob_leave(b);
    return rc;
}

static obj_t *blob_no_iter(obj_t *self) {
    err_set_str(exc_TypeError, "'sqlite3.Blob' object is not iterable");
    return NULL;
}

static int blob_no_contains(obj_t *self, obj_t *v) {
    err_set_str(exc_TypeError, "argument of type 'sqlite3.Blob' is not iterable");
    return -1;
}

static const method_def_t blob_methods[] = {
    {"close", blob_close, 0, "Close the blob."},
    {"read", blob_read, 0, "Read data at the current offset position."},
    {"write", blob_write, 0, "Write data at the current offset."},
    {"seek", blob_seek, 0, "Set the current access position to offset."},
    {"tell", blob_tell, 0, "Return the current access position for the blob."},
    {"__enter__", blob_enter_cm, 0, "Blob context manager enter."},
    {"__exit__", blob_exit_cm, 0, "Blob context manager exit."},
    {NULL},
};

type_t sq_blob_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sqlite3.Blob",
    .basicsize = sizeof(blob_t),
    .base = &object_type,
    .dealloc = blob_dealloc,
    .len = blob_length,
    .getitem = blob_getitem,
    .setitem = blob_setitem,
    .iter = blob_no_iter,
    .contains = blob_no_contains,
    .methods = blob_methods,
};
