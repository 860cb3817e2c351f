/*
 * modules/sqlite_conn.c — sqlite3.Connection: opening and closing the
 * database, transactions as CPython 3.11 does them (an implicit BEGIN before
 * INSERT/UPDATE/DELETE/REPLACE unless isolation_level is None; commit and
 * rollback only inside a transaction), the execute shortcuts, user
 * functions, aggregates, collations, the authorizer, progress and trace
 * handlers, limits, interrupt, iterdump and the context manager.
 *
 * Concurrency: see modules/sqlite_internal.h.  In short, `db` is only used
 * between conn_acquire() and conn_release(), which count the users under
 * the connection's critical section; close() with users left only marks the
 * connection closed and the last conn_release() closes the handle.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "posix_internal.h"
#include "sqlite_internal.h"

#define CONN(o) ((conn_t *)(o))

// ---- checks and the users count -----------------------------------------------------------

int conn_check_thread(conn_t *c) {
    if (!c->check_same_thread) return 0;
    unsigned long me = sq_thread_ident();
    if (me != c->thread_ident) {
        err_format(SQ_EXC(ProgrammingError),
                   "SQLite objects created in a thread can only be used in that same thread. "
                   "The object was created in thread id %lu and this is thread id %lu.",
                   c->thread_ident, me);
        return -1;
    }
    return 0;
}

// Thread, __init__ called, open.
int conn_check(conn_t *c) {
    if (conn_check_thread(c) < 0) return -1;
    bool init, open;
    BEGIN_CRITICAL_SECTION(c);
    init = c->initialized;
    open = c->db != NULL && !c->closing;
    END_CRITICAL_SECTION();
    if (!init) {
        err_set_str(SQ_EXC(ProgrammingError), "Base Connection.__init__ not called.");
        return -1;
    }
    if (!open) {
        err_set_str(SQ_EXC(ProgrammingError), "Cannot operate on a closed database.");
        return -1;
    }
    return 0;
}

// conn_acquire without the thread check (the getters CPython lets any
// thread read, and interrupt()).
static sqlite3 *acquire_any_thread(conn_t *c) {
    sqlite3 *db = NULL;
    bool init;
    BEGIN_CRITICAL_SECTION(c);
    init = c->initialized;
    if (c->db && !c->closing) {
        db = c->db;
        c->users++;
    }
    END_CRITICAL_SECTION();
    if (!db) {
        err_set_str(SQ_EXC(ProgrammingError), init ? "Cannot operate on a closed database."
                                                   : "Base Connection.__init__ not called.");
    }
    return db;
}

sqlite3 *conn_acquire(conn_t *c) {
    if (conn_check_thread(c) < 0) return NULL;
    return acquire_any_thread(c);
}

static void close_db(sqlite3 *db) {
    if (db) SQ_BLOCK(sqlite3_close_v2(db));
}

// Finalizes statements taken out of the cache (no section held).
static void finalize_all(sq_cached_t *v, int n) {
    for (int i = 0; i < n; i++) {
        SQ_BLOCK(sqlite3_finalize(v[i].st));
        DECREF(v[i].sql);
    }
    free(v);
}

void conn_release(conn_t *c) {
    sqlite3 *db = NULL;
    sq_cached_t *cache = NULL;
    int n = 0;
    BEGIN_CRITICAL_SECTION(c);
    if (--c->users == 0 && c->closing) {
        db = c->db;
        c->db = NULL;
        cache = c->cache;
        n = c->cache_len;
        c->cache = NULL;
        c->cache_len = 0;
    }
    END_CRITICAL_SECTION();
    finalize_all(cache, n);
    close_db(db);
}

sqlite3_stmt *conn_cache_take(conn_t *c, obj_t *sql, bool *is_dml) {
    sqlite3_stmt *st = NULL;
    obj_t *key = NULL;
    BEGIN_CRITICAL_SECTION(c);
    for (int i = c->cache_len - 1; i >= 0; i--) {
        obj_t *k = c->cache[i].sql;
        if (k == sql || (str_nbytes(k) == str_nbytes(sql) &&
                         memcmp(str_data(k), str_data(sql), str_nbytes(k)) == 0)) {
            st = c->cache[i].st;
            *is_dml = c->cache[i].is_dml;
            key = k;
            memmove(&c->cache[i], &c->cache[i + 1],
                    sizeof(sq_cached_t) * (size_t)(c->cache_len - i - 1));
            c->cache_len--;
            break;
        }
    }
    END_CRITICAL_SECTION();
    XDECREF(key);
    return st;
}

void conn_cache_put(conn_t *c, obj_t *sql, sqlite3_stmt *st, bool is_dml) {
    sqlite3_stmt *drop = st;
    obj_t *drop_sql = NULL;
    INCREF(sql);
    BEGIN_CRITICAL_SECTION(c);
    if (c->db && !c->closing && c->cache_cap > 0) {
        if (!c->cache) c->cache = malloc(sizeof(sq_cached_t) * (size_t)c->cache_cap);
        if (c->cache) {
            drop = NULL;
            if (c->cache_len == c->cache_cap) { // evict the oldest
                drop = c->cache[0].st;
                drop_sql = c->cache[0].sql;
                memmove(&c->cache[0], &c->cache[1],
                        sizeof(sq_cached_t) * (size_t)(c->cache_len - 1));
                c->cache_len--;
            }
            c->cache[c->cache_len++] = (sq_cached_t){sql, st, is_dml};
            sql = NULL;
        }
    }
    END_CRITICAL_SECTION();
    XDECREF(sql);
    XDECREF(drop_sql);
    if (drop) SQ_BLOCK(sqlite3_finalize(drop));
}

obj_t *conn_get_field(conn_t *c, obj_t **field) {
    obj_t *r;
    BEGIN_CRITICAL_SECTION(c);
    r = *field ? NEWREF(*field) : NEWREF(None);
    END_CRITICAL_SECTION();
    return r;
}

static void conn_set_field(conn_t *c, obj_t **field, obj_t *v) {
    obj_t *old;
    INCREF(v);
    BEGIN_CRITICAL_SECTION(c);
    old = *field;
    *field = v;
    END_CRITICAL_SECTION();
    XDECREF(old);
}

// Runs one statement with no parameters and no rows (BEGIN, COMMIT...).
// Runs BEGIN, COMMIT or ROLLBACK when the handle's autocommit state is
// `when_autocommit`, else nothing.  The test and the statement are one step
// under the handle's own (recursive) mutex: two threads committing, or
// beginning before their first insert, would otherwise both see the same
// state and the second statement would fail ("cannot start a transaction
// within a transaction"), losing that thread's insert.  The error message
// is read under the mutex too, before another thread's call replaces it.
static int run_transaction_stmt(sqlite3 *db, const char *sql, bool when_autocommit) {
    int rc = SQLITE_OK;
    char *msg = NULL;
    int code = 0;
    SQ_BLOCK({
        sqlite3_mutex *m = sqlite3_db_mutex(db);
        sqlite3_mutex_enter(m);
        if ((sqlite3_get_autocommit(db) != 0) == when_autocommit) {
            sqlite3_stmt *st = NULL;
            rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
            if (rc == SQLITE_OK) {
                rc = sqlite3_step(st);
                if (rc == SQLITE_DONE) rc = SQLITE_OK;
            }
            sqlite3_finalize(st);
            if (rc != SQLITE_OK) {
                code = sqlite3_extended_errcode(db);
                msg = sqlite3_mprintf("%s", sqlite3_errmsg(db));
            }
        }
        sqlite3_mutex_leave(m);
    });
    if (rc == SQLITE_OK) return 0;
    if (err_occurred()) err_clear();
    if (msg == NULL)
        err_no_memory();
    else
        sq_set_error_code(code != SQLITE_OK ? code : SQLITE_ERROR, msg);
    sqlite3_free(msg);
    return -1;
}

int conn_begin_if_needed(conn_t *c, sqlite3 *db, bool is_dml) {
    if (!is_dml) return 0;
    const char *begin;
    BEGIN_CRITICAL_SECTION(c);
    begin = c->begin;
    END_CRITICAL_SECTION();
    if (!begin) return 0;
    return run_transaction_stmt(db, begin, true);
}

// ---- isolation level ----------------------------------------------------------------------

static const char *const begin_statements[] = {"BEGIN ", "BEGIN DEFERRED", "BEGIN IMMEDIATE",
                                               "BEGIN EXCLUSIVE", NULL};

// The BEGIN statement for an isolation level (a str); NULL + error.
static const char *begin_for(obj_t *level) {
    if (strlen(str_data(level)) != str_nbytes(level)) {
        err_set_str(exc_ValueError, "embedded null character");
        return NULL;
    }
    for (int i = 0; begin_statements[i]; i++)
        if (strcasecmp(str_data(level), begin_statements[i] + 6) == 0) return begin_statements[i];
    err_set_str(exc_ValueError,
                "isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'");
    return NULL;
}

// ---- construction -------------------------------------------------------------------------

static obj_t *conn_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(type, type->basicsize);
}

// database argument: str, bytes or os.PathLike, as the file-system bytes.
static obj_t *fs_path(obj_t *v) {
    if (!STR_CHECK(v) && !BYTES_CHECK(v)) {
        obj_t *fn = type_lookup(TYPE(v), str_intern("__fspath__"));
        if (!fn) {
            err_format(exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                       obj_type_name(v));
            return NULL;
        }
        obj_t *r = obj_call_method(v, "__fspath__", NULL, 0);
        if (!r) return NULL;
        if (!STR_CHECK(r) && !BYTES_CHECK(r)) {
            err_format(exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                       obj_type_name(v), obj_type_name(r));
            DECREF(r);
            return NULL;
        }
        obj_t *b = STR_CHECK(r) ? posix_fs_encode(r) : bytes_from(bytes_data(r), bytes_len(r));
        DECREF(r);
        return b;
    }
    if (STR_CHECK(v)) return posix_fs_encode(v);
    return bytes_from(bytes_data(v), bytes_len(v));
}

// close(): closes the handle now, or marks the connection closed and
// leaves the handle (and the authorizer/progress/trace handlers, which a
// running call may still use; dealloc frees them) to the last user.
static void conn_drop(conn_t *c) {
    sqlite3 *db = NULL;
    sq_cb_t *cbs[3] = {NULL, NULL, NULL};
    sq_cached_t *cache = NULL;
    int ncache = 0;
    BEGIN_CRITICAL_SECTION(c);
    if (c->users == 0) {
        db = c->db;
        c->db = NULL;
        cache = c->cache;
        ncache = c->cache_len;
        c->cache = NULL;
        c->cache_len = 0;
        cbs[0] = c->authorizer;
        cbs[1] = c->progress;
        cbs[2] = c->trace;
        c->authorizer = c->progress = c->trace = NULL;
    } else {
        c->closing = true;
    }
    END_CRITICAL_SECTION();
    finalize_all(cache, ncache);
    if (db) {
        // The handlers may still be installed: clear them before freeing.
        SQ_BLOCK({
            sqlite3_set_authorizer(db, NULL, NULL);
            sqlite3_progress_handler(db, 0, NULL, NULL);
            sqlite3_trace_v2(db, 0, NULL, NULL);
        });
        close_db(db);
    }
    for (int i = 0; i < 3; i++)
        sq_cb_free(cbs[i]);
}

static int conn_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"database",
                                        "timeout",
                                        "detect_types",
                                        "isolation_level",
                                        "check_same_thread",
                                        "factory",
                                        "cached_statements",
                                        "uri",
                                        NULL};
    obj_t *a[8];
    if (args_parse("Connection", args, nargs, kwnames, names, 1, a) < 0) {
        // CPython words unknown keywords the old way for this class.
        if (err_matches(exc_TypeError) && kwnames) {
            for (size_t i = 0; i < TUPLE_SIZE(kwnames); i++) {
                obj_t *k = TUPLE_ITEMS(kwnames)[i];
                bool known = false;
                for (int j = 0; names[j]; j++)
                    if (str_eq_cstr(k, names[j])) known = true;
                if (!known) {
                    err_clear();
                    err_format(exc_TypeError,
                               "'%s' is an invalid keyword argument for Connection()", str_data(k));
                    break;
                }
            }
        }
        return -1;
    }
    conn_t *c = CONN(self);
    obj_t *path = fs_path(a[0]);
    if (!path) return -1;
    double timeout = 5.0;
    int64_t detect = 0, cached = 128;
    obj_t *level = a[3] ? a[3] : NULL;
    int same_thread = 1, uri = 0;
    const char *begin = "BEGIN ";
    if (a[1]) {
        if (FLOAT_CHECK(a[1])) {
            timeout = float_value(a[1]);
        } else if (INT_CHECK(a[1])) {
            int ov = 0;
            timeout = int_as_double(a[1], &ov);
        } else if (STR_CHECK(a[1]) || (!type_lookup(TYPE(a[1]), str_intern("__float__")) &&
                                       !type_lookup(TYPE(a[1]), str_intern("__index__")))) {
            err_format(exc_TypeError, "must be real number, not %s", obj_type_name(a[1]));
            goto fail;
        } else {
            obj_t *f = float_from_object(a[1]);
            if (!f) {
                if (err_matches(exc_TypeError)) {
                    err_clear();
                    err_format(exc_TypeError, "must be real number, not %s", obj_type_name(a[1]));
                }
                goto fail;
            }
            timeout = float_value(f);
            DECREF(f);
        }
    }
    if (a[2]) {
        obj_t *i = obj_index(a[2]);
        if (!i) goto fail;
        int rc = int_as_i64(i, &detect);
        DECREF(i);
        if (rc < 0 || detect > INT_MAX || detect < INT_MIN) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
            goto fail;
        }
    }
    if (level) {
        if (level == None) {
            begin = NULL;
        } else if (STR_CHECK(level)) {
            if (!(begin = begin_for(level))) goto fail;
        } else {
            err_set_str(exc_TypeError, "isolation_level must be str or None");
            goto fail;
        }
    }
    if (a[4] && (same_thread = obj_is_true(a[4])) < 0) goto fail;
    if (a[6]) {
        obj_t *i = obj_index(a[6]);
        if (!i) goto fail;
        int rc = int_as_i64(i, &cached);
        DECREF(i);
        if (rc < 0) goto fail;
    }
    if (a[7] && (uri = obj_is_true(a[7])) < 0) goto fail;

    if (c->initialized || c->db) {
        // Re-initialization: close first; until it succeeds the object is
        // as if __init__ had never run.
        conn_drop(c);
        BEGIN_CRITICAL_SECTION(c);
        c->initialized = false;
        END_CRITICAL_SECTION();
    }

    sqlite3 *db = NULL;
    int rc;
    const char *fname = (const char *)bytes_data(path);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX |
                (uri ? SQLITE_OPEN_URI : 0);
    SQ_BLOCK(rc = sqlite3_open_v2(fname, &db, flags, NULL));
    if (rc != SQLITE_OK) {
        if (db) {
            sq_set_error(db);
            close_db(db);
        } else {
            err_no_memory();
        }
        goto fail;
    }
    int ms = timeout * 1000 > INT_MAX ? INT_MAX : timeout < 0 ? 0 : (int)(timeout * 1000);
    SQ_BLOCK(sqlite3_busy_timeout(db, ms));
    obj_t *text = NEWREF((obj_t *)&str_type);
    obj_t *lvl = level ? NEWREF(level) : str_from_cstr("");
    if (!lvl) {
        DECREF(text);
        close_db(db);
        goto fail;
    }
    obj_t *old_level, *old_text, *old_rf;
    BEGIN_CRITICAL_SECTION(c);
    c->db = db;
    c->closing = false;
    c->thread_ident = sq_thread_ident();
    c->check_same_thread = same_thread != 0;
    c->cache_cap = cached < 0 ? 0 : cached > 4096 ? 4096 : (int)cached;
    c->detect_types = (int)detect;
    old_level = c->isolation_level;
    c->isolation_level = lvl;
    c->begin = begin;
    old_rf = c->row_factory;
    c->row_factory = NEWREF(None);
    old_text = c->text_factory;
    c->text_factory = text;
    c->initialized = true;
    END_CRITICAL_SECTION();
    XDECREF(old_level);
    XDECREF(old_text);
    XDECREF(old_rf);
    DECREF(path);
    return 0;
fail:
    DECREF(path);
    return -1;
}

static void conn_dealloc(obj_t *self) {
    conn_t *c = CONN(self);
    finalize_all(c->cache, c->cache_len);
    c->cache = NULL;
    c->cache_len = 0;
    if (c->db) {
        sqlite3 *db = c->db;
        c->db = NULL;
        SQ_BLOCK({
            sqlite3_set_authorizer(db, NULL, NULL);
            sqlite3_progress_handler(db, 0, NULL, NULL);
            sqlite3_trace_v2(db, 0, NULL, NULL);
        });
        close_db(db);
    }
    sq_cb_free(c->authorizer);
    sq_cb_free(c->progress);
    sq_cb_free(c->trace);
    XDECREF(c->isolation_level);
    XDECREF(c->row_factory);
    XDECREF(c->text_factory);
    obj_free(self);
}

// ---- methods ------------------------------------------------------------------------------

static obj_t *conn_cursor(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"factory", NULL};
    obj_t *a[1];
    if (args_parse("cursor", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    if (conn_check(CONN(self)) < 0) return NULL;
    obj_t *factory = a[0] ? a[0] : (obj_t *)&sq_cursor_type;
    obj_t *cur = obj_call1(factory, self);
    if (!cur) return NULL;
    if (!type_is_subtype(TYPE(cur), &sq_cursor_type)) {
        err_format(exc_TypeError, "factory must return a cursor, not %s", obj_type_name(cur));
        DECREF(cur);
        return NULL;
    }
    obj_t *rf = conn_get_field(CONN(self), &CONN(self)->row_factory);
    if (rf != None) {
        cursor_t *cu = (cursor_t *)cur;
        obj_t *old;
        BEGIN_CRITICAL_SECTION(cu);
        old = cu->row_factory;
        cu->row_factory = rf;
        END_CRITICAL_SECTION();
        XDECREF(old);
    } else {
        DECREF(rf);
    }
    return cur;
}

static obj_t *conn_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    conn_t *c = CONN(self);
    if (conn_check_thread(c) < 0) return NULL;
    bool init;
    BEGIN_CRITICAL_SECTION(c);
    init = c->initialized;
    END_CRITICAL_SECTION();
    if (!init) {
        err_set_str(SQ_EXC(ProgrammingError), "Base Connection.__init__ not called.");
        return NULL;
    }
    conn_drop(c);
    return NEWREF(None);
}

static obj_t *end_transaction(obj_t *self, const char *sql) {
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    int rc = run_transaction_stmt(db, sql, false);
    conn_release(c);
    if (rc < 0) return NULL;
    return NEWREF(None);
}

static obj_t *conn_commit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("commit", nargs, kwnames, 0, 0) < 0) return NULL;
    return end_transaction(self, "COMMIT");
}

static obj_t *conn_rollback(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("rollback", nargs, kwnames, 0, 0) < 0) return NULL;
    return end_transaction(self, "ROLLBACK");
}

// execute / executemany / executescript on a new cursor from self.cursor().
static obj_t *via_cursor(obj_t *self, const char *meth, obj_t *const *args, size_t n) {
    obj_t *cur = obj_call_method(self, "cursor", NULL, 0);
    if (!cur) return NULL;
    obj_t *r = obj_call_method(cur, meth, args, n);
    if (!r) {
        DECREF(cur);
        return NULL;
    }
    DECREF(r);
    return cur;
}

static obj_t *conn_execute(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("execute", nargs, kwnames, 1, 2) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "execute() argument 1 must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    return via_cursor(self, "execute", args, nargs);
}

static obj_t *conn_executemany(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("executemany", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "executemany() argument 1 must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    return via_cursor(self, "executemany", args, nargs);
}

static obj_t *conn_executescript(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("executescript", nargs, kwnames, 1, 1) < 0) return NULL;
    return via_cursor(self, "executescript", args, nargs);
}

static int int_arg(obj_t *v, int *out) {
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int64_t x;
    int rc = int_as_i64(i, &x);
    DECREF(i);
    if (rc < 0 || x > INT_MAX || x < INT_MIN) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)x;
    return 0;
}

static int str_arg(const char *fname, const char *pos, obj_t *v) {
    if (STR_CHECK(v)) {
        if (strlen(str_data(v)) != str_nbytes(v)) {
            err_set_str(exc_ValueError, "embedded null character");
            return -1;
        }
        obj_t *b = str_encode(v, "utf-8", "strict"); // lone surrogates
        if (!b) return -1;
        DECREF(b);
        return 0;
    }
    err_format(exc_TypeError, "%s() argument %s must be str, not %s", fname, pos, obj_type_name(v));
    return -1;
}

static obj_t *conn_create_function(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", "narg", "func", "$deterministic", NULL};
    obj_t *a[4];
    if (args_parse("create_function", args, nargs, kwnames, names, 3, a) < 0) return NULL;
    if (str_arg("create_function", "'name'", a[0]) < 0) return NULL;
    int narg, det = 0;
    if (int_arg(a[1], &narg) < 0) return NULL;
    if (a[3] && (det = obj_is_true(a[3])) < 0) return NULL;
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    int flags = SQLITE_UTF8 | (det ? SQLITE_DETERMINISTIC : 0);
    int rc;
    {
        sq_cb_t *cb = sq_cb_new(a[2]);
        if (!cb) {
            conn_release(c);
            return NULL;
        }
        SQ_BLOCK(rc = sqlite3_create_function_v2(db, str_data(a[0]), narg, flags, cb, sq_func_call,
                                                 NULL, NULL, sq_cb_free));
    }
    conn_release(c);
    if (rc != SQLITE_OK) {
        err_set_str(SQ_EXC(OperationalError), "Error creating function");
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *conn_create_aggregate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", "n_arg", "aggregate_class", NULL};
    obj_t *a[3];
    if (args_parse("create_aggregate", args, nargs, kwnames, names, 3, a) < 0) return NULL;
    if (str_arg("create_aggregate", "'name'", a[0]) < 0) return NULL;
    int narg;
    if (int_arg(a[1], &narg) < 0) return NULL;
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    int rc;
    {
        sq_cb_t *cb = sq_cb_new(a[2]);
        if (!cb) {
            conn_release(c);
            return NULL;
        }
        SQ_BLOCK(rc = sqlite3_create_function_v2(db, str_data(a[0]), narg, SQLITE_UTF8, cb, NULL,
                                                 sq_agg_step, sq_agg_final, sq_cb_free));
    }
    conn_release(c);
    if (rc != SQLITE_OK) {
        err_set_str(SQ_EXC(OperationalError), "Error creating aggregate");
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *conn_create_window_function(obj_t *self, obj_t *const *args, size_t nargs,
                                          obj_t *kwnames) {
    if (args_check("create_window_function", nargs, kwnames, 3, 3) < 0) return NULL;
    if (str_arg("create_window_function", "1", args[0]) < 0) return NULL;
    int narg;
    if (int_arg(args[1], &narg) < 0) return NULL;
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    int rc;
    const char *name = str_data(args[0]);
    if (args[2] == None) {
        SQ_BLOCK(rc = sqlite3_create_window_function(db, name, narg, SQLITE_UTF8, NULL, NULL, NULL,
                                                     NULL, NULL, NULL));
    } else {
        sq_cb_t *cb = sq_cb_new(args[2]);
        if (!cb) {
            conn_release(c);
            return NULL;
        }
        SQ_BLOCK(rc = sqlite3_create_window_function(db, name, narg, SQLITE_UTF8, cb, sq_agg_step,
                                                     sq_agg_final, sq_win_value, sq_win_inverse,
                                                     sq_cb_free));
    }
    conn_release(c);
    if (rc != SQLITE_OK) {
        // The error is not recorded on the connection: CPython uses errstr.
        err_set_str(SQ_EXC(ProgrammingError), sqlite3_errstr(rc));
        return NULL;
    }
    return NEWREF(None);
}

// Connection(sql): prepares the statement (raising what execute() would
// for it) and returns a sqlite3.Statement.
static obj_t *conn_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    if (args_check("Connection", nargs, kwnames, 1, 1) < 0) {
        conn_release(c);
        return NULL;
    }
    if (!STR_CHECK(args[0])) {
        conn_release(c);
        err_format(exc_TypeError, "argument must be str, not %s", obj_type_name(args[0]));
        return NULL;
    }
    sqlite3_stmt *st = NULL;
    int rc = sq_prepare(db, args[0], &st);
    if (st) SQ_BLOCK(sqlite3_finalize(st));
    conn_release(c);
    if (rc < 0) return NULL;
    return obj_alloc(&sq_statement_type, sizeof(obj_t));
}

static obj_t *conn_create_collation(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("create_collation", nargs, kwnames, 2, 2) < 0) return NULL;
    if (str_arg("create_collation", "1", args[0]) < 0) return NULL;
    if (args[1] != None && !obj_is_callable(args[1])) {
        err_set_str(exc_TypeError, "parameter must be callable");
        return NULL;
    }
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    int rc;
    if (args[1] == None) {
        SQ_BLOCK(
            rc = sqlite3_create_collation_v2(db, str_data(args[0]), SQLITE_UTF8, NULL, NULL, NULL));
    } else {
        sq_cb_t *cb = sq_cb_new(args[1]);
        if (!cb) {
            conn_release(c);
            return NULL;
        }
        SQ_BLOCK(rc = sqlite3_create_collation_v2(db, str_data(args[0]), SQLITE_UTF8, cb,
                                                  sq_collation_call, sq_cb_free));
    }
    if (rc != SQLITE_OK) sq_set_error(db);
    conn_release(c);
    if (rc != SQLITE_OK) return NULL;
    return NEWREF(None);
}

enum { H_AUTH, H_PROGRESS, H_TRACE };

// Installs (callable) or removes (None) one of the three handlers; the
// replaced one is freed once libsqlite3 no longer refers to it.
static obj_t *set_handler(obj_t *self, int which, obj_t *callable, int n) {
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    sq_cb_t *cb = NULL;
    if (callable != None) {
        cb = sq_cb_new(callable);
        if (!cb) {
            conn_release(c);
            return NULL;
        }
    }
    int rc = SQLITE_OK;
    SQ_BLOCK({
        switch (which) {
        case H_AUTH: rc = sqlite3_set_authorizer(db, cb ? sq_authorizer_call : NULL, cb); break;
        case H_PROGRESS:
            sqlite3_progress_handler(db, cb ? n : 0, cb ? sq_progress_call : NULL, cb);
            break;
        default:
            sqlite3_trace_v2(db, cb ? SQLITE_TRACE_STMT : 0, cb ? sq_trace_call : NULL, cb);
            break;
        }
    });
    sq_cb_t *old;
    BEGIN_CRITICAL_SECTION(c);
    sq_cb_t **slot = which == H_AUTH       ? &c->authorizer
                     : which == H_PROGRESS ? &c->progress
                                           : &c->trace;
    old = *slot;
    *slot = cb;
    END_CRITICAL_SECTION();
    sq_cb_free(old);
    conn_release(c);
    if (rc != SQLITE_OK) {
        err_set_str(SQ_EXC(OperationalError), "Error setting authorizer callback");
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *conn_set_authorizer(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"authorizer_callback", NULL};
    obj_t *a[1];
    if (args_parse("set_authorizer", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    return set_handler(self, H_AUTH, a[0], 0);
}

static obj_t *conn_set_progress_handler(obj_t *self, obj_t *const *args, size_t nargs,
                                        obj_t *kwnames) {
    static const char *const names[] = {"progress_handler", "n", NULL};
    obj_t *a[2];
    if (args_parse("set_progress_handler", args, nargs, kwnames, names, 2, a) < 0) return NULL;
    int n;
    if (int_arg(a[1], &n) < 0) return NULL;
    return set_handler(self, H_PROGRESS, a[0], n);
}

static obj_t *conn_set_trace_callback(obj_t *self, obj_t *const *args, size_t nargs,
                                      obj_t *kwnames) {
    static const char *const names[] = {"trace_callback", NULL};
    obj_t *a[1];
    if (args_parse("set_trace_callback", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    return set_handler(self, H_TRACE, a[0], 0);
}

static obj_t *conn_interrupt(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("interrupt", nargs, kwnames, 0, 0) < 0) return NULL;
    conn_t *c = CONN(self);
    // interrupt() is meant to be called from another thread: no thread check.
    sqlite3 *db = acquire_any_thread(c);
    if (!db) return NULL;
    sqlite3_interrupt(db);
    conn_release(c);
    return NEWREF(None);
}

static obj_t *conn_enable_load_extension(obj_t *self, obj_t *const *args, size_t nargs,
                                         obj_t *kwnames) {
    if (args_check("enable_load_extension", nargs, kwnames, 1, 1) < 0) return NULL;
    int on = obj_is_true(args[0]);
    if (on < 0) return NULL;
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    int rc;
    SQ_BLOCK(rc = sqlite3_enable_load_extension(db, on));
    conn_release(c);
    if (rc != SQLITE_OK) {
        err_set_str(SQ_EXC(OperationalError), "Error enabling load extension");
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *conn_load_extension(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("load_extension", nargs, kwnames, 1, 1) < 0) return NULL;
    if (str_arg("load_extension", "1", args[0]) < 0) return NULL;
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    int rc;
    char *msg = NULL;
    SQ_BLOCK(rc = sqlite3_load_extension(db, str_data(args[0]), NULL, &msg));
    conn_release(c);
    if (rc != SQLITE_OK) {
        err_set_str(SQ_EXC(OperationalError), msg ? msg : "unknown error");
        sqlite3_free(msg);
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *limit_impl(obj_t *self, int category, int value) {
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    int old;
    SQ_BLOCK(old = sqlite3_limit(db, category, value));
    conn_release(c);
    if (old < 0) {
        err_set_str(SQ_EXC(ProgrammingError), "'category' is out of bounds");
        return NULL;
    }
    return int_from_i64(old);
}

static obj_t *conn_getlimit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"category", NULL};
    obj_t *a[1];
    if (args_parse("getlimit", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int cat;
    if (int_arg(a[0], &cat) < 0) return NULL;
    return limit_impl(self, cat, -1);
}

static obj_t *conn_setlimit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"category", "limit", NULL};
    obj_t *a[2];
    if (args_parse("setlimit", args, nargs, kwnames, names, 2, a) < 0) return NULL;
    int cat, lim;
    if (int_arg(a[0], &cat) < 0 || int_arg(a[1], &lim) < 0) return NULL;
    return limit_impl(self, cat, lim);
}

static obj_t *conn_enter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__enter__", nargs, kwnames, 0, 0) < 0) return NULL;
    if (conn_check(CONN(self)) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *conn_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__exit__", nargs, kwnames, 3, 3) < 0) return NULL;
    bool ok = args[0] == None && args[1] == None && args[2] == None;
    obj_t *r = end_transaction(self, ok ? "COMMIT" : "ROLLBACK");
    if (!r) {
        if (!ok) return NULL;
        // The commit failed: roll back, and raise the commit's error.
        obj_t *exc = err_fetch();
        obj_t *r2 = end_transaction(self, "ROLLBACK");
        if (r2)
            DECREF(r2);
        else
            err_clear();
        err_restore(exc);
        return NULL;
    }
    DECREF(r);
    return NEWREF(False);
}

static obj_t *conn_iterdump(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("iterdump", nargs, kwnames, 0, 0) < 0) return NULL;
    if (conn_check(CONN(self)) < 0) return NULL;
    obj_t *mod = import_module("sqlite3.dump");
    if (!mod) return NULL;
    obj_t *fn = obj_getattr_str(mod, "_iterdump");
    DECREF(mod);
    if (!fn) return NULL;
    obj_t *r = obj_call1(fn, self);
    DECREF(fn);
    return r;
}

static obj_t *conn_blobopen(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
static obj_t *conn_backup(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
static obj_t *conn_serialize(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
static obj_t *conn_deserialize(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);

static const method_def_t conn_methods[] = {
    {"cursor", conn_cursor, 0, "Return a cursor for the connection."},
    {"close", conn_close, 0, "Close the database connection."},
    {"commit", conn_commit, 0, "Commit the current transaction."},
    {"rollback", conn_rollback, 0, "Roll back the current transaction."},
    {"execute", conn_execute, 0, "Executes an SQL statement."},
    {"executemany", conn_executemany, 0, "Repeatedly executes an SQL statement."},
    {"executescript", conn_executescript, 0, "Executes multiple SQL statements at once."},
    {"create_function", conn_create_function, 0, "Creates a new function."},
    {"create_aggregate", conn_create_aggregate, 0, "Creates a new aggregate."},
    {"create_collation", conn_create_collation, 0, "Creates a collation function."},
    {"create_window_function", conn_create_window_function, 0,
     "Creates or redefines an aggregate window function. Non-standard."},
    {"set_authorizer", conn_set_authorizer, 0, "Sets authorizer callback."},
    {"set_progress_handler", conn_set_progress_handler, 0, "Sets progress handler callback."},
    {"set_trace_callback", conn_set_trace_callback, 0,
     "Sets a trace callback called for each SQL statement."},
    {"interrupt", conn_interrupt, 0, "Abort any pending database operation."},
    {"enable_load_extension", conn_enable_load_extension, 0,
     "Enable dynamic loading of SQLite extension modules."},
    {"load_extension", conn_load_extension, 0, "Load SQLite extension module."},
    {"getlimit", conn_getlimit, 0, "Get connection run-time limits."},
    {"setlimit", conn_setlimit, 0, "Set connection run-time limits."},
    {"iterdump", conn_iterdump, 0,
     "Returns iterator to the dump of the database in an SQL text format."},
    {"blobopen", conn_blobopen, 0, "Open and return a BLOB object."},
    {"backup", conn_backup, 0, "Makes a backup of the database."},
    {"serialize", conn_serialize, 0, "Serialize a database into a byte string."},
    {"deserialize", conn_deserialize, 0, "Load a serialized database."},
    {"__enter__", conn_enter, 0, "Called when the connection is used as a context manager."},
    {"__exit__", conn_exit, 0, "Called when the connection is used as a context manager."},
    {NULL},
};

// ---- attributes ---------------------------------------------------------------------------

static obj_t *get_total_changes(obj_t *self, void *closure) {
    conn_t *c = CONN(self);
    sqlite3 *db = acquire_any_thread(c);
    if (!db) return NULL;
    int n;
    SQ_BLOCK(n = sqlite3_total_changes(db));
    conn_release(c);
    return int_from_i64(n);
}

static obj_t *get_in_transaction(obj_t *self, void *closure) {
    conn_t *c = CONN(self);
    sqlite3 *db = acquire_any_thread(c);
    if (!db) return NULL;
    int a;
    SQ_BLOCK(a = sqlite3_get_autocommit(db));
    conn_release(c);
    return NEWREF(bool_from(!a));
}

static obj_t *get_isolation_level(obj_t *self, void *closure) {
    conn_t *c = CONN(self);
    if (!acquire_any_thread(c)) return NULL;
    conn_release(c);
    const char *begin;
    BEGIN_CRITICAL_SECTION(c);
    begin = c->begin;
    END_CRITICAL_SECTION();
    // CPython gives the level back in its canonical spelling
    return begin ? str_from_cstr(begin + 6) : NEWREF(None);
}

static int set_isolation_level(obj_t *self, obj_t *v, void *closure) {
    conn_t *c = CONN(self);
    if (!v) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    if (conn_check(c) < 0) return -1;
    const char *begin = NULL;
    if (v == None) {
        obj_t *r = end_transaction(self, "COMMIT");
        if (!r) return -1;
        DECREF(r);
    } else if (!STR_CHECK(v)) {
        err_set_str(exc_TypeError, "isolation_level must be str or None");
        return -1;
    } else if (!(begin = begin_for(v))) {
        return -1;
    }
    obj_t *old;
    INCREF(v);
    BEGIN_CRITICAL_SECTION(c);
    old = c->isolation_level;
    c->isolation_level = v;
    c->begin = begin;
    END_CRITICAL_SECTION();
    XDECREF(old);
    return 0;
}

static obj_t *get_row_factory(obj_t *self, void *closure) {
    return conn_get_field(CONN(self), &CONN(self)->row_factory);
}

static int set_row_factory(obj_t *self, obj_t *v, void *closure) {
    conn_set_field(CONN(self), &CONN(self)->row_factory, v ? v : None);
    return 0;
}

static obj_t *get_text_factory(obj_t *self, void *closure) {
    return conn_get_field(CONN(self), &CONN(self)->text_factory);
}

static int set_text_factory(obj_t *self, obj_t *v, void *closure) {
    conn_set_field(CONN(self), &CONN(self)->text_factory, v ? v : None);
    return 0;
}

static int readonly_attr(obj_t *self, obj_t *v, void *closure) {
    err_format(exc_AttributeError, "attribute '%s' of 'sqlite3.Connection' objects is not writable",
               (const char *)closure);
    return -1;
}

static obj_t *get_exc(obj_t *self, void *closure) {
    return NEWREF(*(obj_t **)closure);
}

static const getset_def_t conn_getsets[] = {
    {"isolation_level", get_isolation_level, set_isolation_level, NULL},
    {"total_changes", get_total_changes, readonly_attr, "total_changes"},
    {"in_transaction", get_in_transaction, readonly_attr, "in_transaction"},
    {"row_factory", get_row_factory, set_row_factory, NULL},
    {"text_factory", get_text_factory, set_text_factory, NULL},
    {"Warning", get_exc, NULL, &sq.Warning},
    {"Error", get_exc, NULL, &sq.Error},
    {"InterfaceError", get_exc, NULL, &sq.InterfaceError},
    {"DatabaseError", get_exc, NULL, &sq.DatabaseError},
    {"DataError", get_exc, NULL, &sq.DataError},
    {"OperationalError", get_exc, NULL, &sq.OperationalError},
    {"IntegrityError", get_exc, NULL, &sq.IntegrityError},
    {"InternalError", get_exc, NULL, &sq.InternalError},
    {"ProgrammingError", get_exc, NULL, &sq.ProgrammingError},
    {"NotSupportedError", get_exc, NULL, &sq.NotSupportedError},
    {NULL},
};

type_t sq_statement_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sqlite3.Statement",
    .basicsize = sizeof(obj_t),
    .base = &object_type,
};

type_t sq_connection_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sqlite3.Connection",
    .basicsize = sizeof(conn_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = conn_dealloc,
    .tp_new = conn_tp_new,
    .tp_init = conn_tp_init,
    .call = conn_call,
    .methods = conn_methods,
    .getsets = conn_getsets,
    .doc = "SQLite database connection object.",
};

// ---- blobopen / backup ------------------------------------------------------------------

static obj_t *conn_blobopen(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return sq_blob_open(self, args, nargs, kwnames);
}

// backup(target, *, pages=-1, progress=None, name="main", sleep=0.250):
// copies this database into target's "main" with the backup API, calling
// progress(status, remaining, pagecount) after each step.
static obj_t *conn_backup(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"target", "$pages", "$progress", "$name", "$sleep", NULL};
    obj_t *a[5];
    if (args_parse("backup", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    conn_t *c = CONN(self);
    if (!type_is_subtype(TYPE(a[0]), &sq_connection_type)) {
        err_format(exc_TypeError, "backup() argument 'target' must be sqlite3.Connection, not %s",
                   obj_type_name(a[0]));
        return NULL;
    }
    int pages = -1;
    if (a[1] && int_arg(a[1], &pages) < 0) return NULL;
    obj_t *progress = a[2] && a[2] != None ? a[2] : NULL;
    if (a[3] && str_arg("backup", "'name'", a[3]) < 0) return NULL;
    const char *name = a[3] ? str_data(a[3]) : "main";
    double sleep_s = 0.25;
    if (a[4]) {
        if (FLOAT_CHECK(a[4])) {
            sleep_s = float_value(a[4]);
        } else {
            obj_t *f = float_from_object(a[4]);
            if (!f) return NULL;
            sleep_s = float_value(f);
            DECREF(f);
        }
    }
    if (sleep_s * 1000.0 > INT_MAX || sleep_s * 1000.0 < INT_MIN) {
        err_set_str(exc_OverflowError, "sleep is too large");
        return NULL;
    }
    int sleep_ms = (int)(sleep_s * 1000.0);
    conn_t *t = CONN(a[0]);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    sqlite3 *tdb = conn_acquire(t);
    if (!tdb) {
        conn_release(c);
        return NULL;
    }
    obj_t *r = NULL;
    int rc;
    sqlite3_backup *bk;
    if (t == c) {
        err_set_str(exc_ValueError, "target cannot be the same connection instance");
        goto done;
    }
    if (progress && !obj_is_callable(progress)) {
        err_set_str(exc_TypeError, "progress argument must be a callable");
        goto done;
    }
    if (pages == 0) pages = -1;
    SQ_BLOCK(bk = sqlite3_backup_init(tdb, "main", db, name));
    if (!bk) {
        sq_set_error(tdb);
        goto done;
    }
    do {
        int remaining, count;
        SQ_BLOCK({
            rc = sqlite3_backup_step(bk, pages);
            remaining = sqlite3_backup_remaining(bk);
            count = sqlite3_backup_pagecount(bk);
        });
        if (progress) {
            obj_t *pa[3] = {int_from_i64(rc), int_from_i64(remaining), int_from_i64(count)};
            obj_t *res = pa[0] && pa[1] && pa[2] ? obj_call(progress, pa, 3, NULL) : NULL;
            for (int i = 0; i < 3; i++)
                XDECREF(pa[i]);
            if (!res) {
                SQ_BLOCK(sqlite3_backup_finish(bk));
                goto done;
            }
            DECREF(res);
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) SQ_BLOCK(sqlite3_sleep(sleep_ms));
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    SQ_BLOCK(rc = sqlite3_backup_finish(bk));
    if (rc != SQLITE_OK) {
        sq_set_error(tdb);
        goto done;
    }
    r = NEWREF(None);
done:
    conn_release(t);
    conn_release(c);
    return r;
}

static obj_t *conn_serialize(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"$name", NULL};
    obj_t *a[1];
    if (args_parse("serialize", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    if (a[0] && str_arg("serialize", "'name'", a[0]) < 0) return NULL;
    const char *name = a[0] ? str_data(a[0]) : "main";
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) return NULL;
    sqlite3_int64 size = 0;
    unsigned char *data;
    bool copied = false;
    SQ_BLOCK({
        data = sqlite3_serialize(db, name, &size, SQLITE_SERIALIZE_NOCOPY);
        if (!data) {
            data = sqlite3_serialize(db, name, &size, 0);
            copied = true;
        }
    });
    obj_t *r = NULL;
    if (!data)
        err_format(SQ_EXC(OperationalError), "unable to serialize '%s'", name);
    else
        r = bytes_from(data, (size_t)size);
    if (copied) sqlite3_free(data);
    conn_release(c);
    return r;
}

static obj_t *conn_deserialize(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/data", "$name", NULL};
    obj_t *a[2];
    if (args_parse("deserialize", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    // Like CPython's "s*" converter, a str is taken as its UTF-8 bytes.
    obj_t *data = STR_CHECK(a[0]) ? str_encode(a[0], "utf-8", "strict") : buffer_as_bytes(a[0]);
    if (!data) return NULL;
    if (a[1] && str_arg("deserialize", "'name'", a[1]) < 0) {
        DECREF(data);
        return NULL;
    }
    const char *name = a[1] ? str_data(a[1]) : "main";
    conn_t *c = CONN(self);
    sqlite3 *db = conn_acquire(c);
    if (!db) {
        DECREF(data);
        return NULL;
    }
    obj_t *r = NULL;
    sqlite3_int64 size = (sqlite3_int64)bytes_len(data);
    unsigned char *buf = sqlite3_malloc64(size ? (sqlite3_uint64)size : 1);
    if (!buf) {
        err_no_memory();
    } else {
        int rc;
        memcpy(buf, bytes_data(data), (size_t)size);
        SQ_BLOCK(rc = sqlite3_deserialize(db, name, buf, size, size,
                                          SQLITE_DESERIALIZE_FREEONCLOSE |
                                              SQLITE_DESERIALIZE_RESIZEABLE));
        if (rc != SQLITE_OK)
            sq_set_error(db);
        else
            r = NEWREF(None);
    }
    conn_release(c);
    DECREF(data);
    return r;
}
