/*
 * modules/sqlite_cursor.c — sqlite3.Cursor, sqlite3.Row and
 * sqlite3.PrepareProtocol.
 *
 * A cursor takes a prepared statement from the connection's cache (or
 * prepares one, and gives it back to the cache when done), binds the
 * parameters (qmark sequences or named mappings, adapted through
 * sqlite3.adapters), steps once in execute() and keeps the statement while
 * it has a row: fetching returns the current row and steps again, as
 * CPython's cursor does, so `rowcount`, `lastrowid` and `description` read
 * the same.  Converters (detect_types) are looked up per column when the
 * statement runs.
 *
 * Concurrency: see modules/sqlite_internal.h.  The cursor's `locked` flag,
 * taken under its critical section, gives the statement to one caller at a
 * time; a second caller gets "Recursive use of cursors not allowed.".
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "../objects/bytearray.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/range.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "sqlite_internal.h"

#define CUR(o) ((cursor_t *)(o))

// ---- construction -------------------------------------------------------------------------

static obj_t *cursor_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    cursor_t *c = (cursor_t *)obj_alloc(type, type->basicsize);
    if (!c) return NULL;
    c->description = NEWREF(None);
    c->lastrowid = NEWREF(None);
    c->row_factory = NEWREF(None);
    c->rowcount = -1;
    c->arraysize = 1;
    return (obj_t *)c;
}

static int cursor_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("Cursor", nargs, kwnames, 1, 1) < 0) return -1;
    if (!type_is_subtype(TYPE(args[0]), &sq_connection_type)) {
        err_format(exc_TypeError, "Cursor() argument 1 must be sqlite3.Connection, not %s",
                   obj_type_name(args[0]));
        return -1;
    }
    if (conn_check_thread((conn_t *)args[0]) < 0) return -1;
    cursor_t *c = CUR(self);
    obj_t *old = NULL;
    bool busy;
    INCREF(args[0]);
    // One section for the check and the swap: a thread that has locked the
    // cursor keeps the connection it read until it unlocks.
    BEGIN_CRITICAL_SECTION(c);
    busy = c->locked;
    if (!busy) {
        old = c->connection;
        c->connection = args[0];
        c->initialized = true;
    }
    END_CRITICAL_SECTION();
    if (busy) {
        DECREF(args[0]);
        err_set_str(SQ_EXC(ProgrammingError), "Recursive use of cursors not allowed.");
        return -1;
    }
    XDECREF(old);
    return 0;
}

static void cursor_dealloc(obj_t *self) {
    cursor_t *c = CUR(self);
    if (c->stmt) SQ_BLOCK(sqlite3_finalize(c->stmt));
    XDECREF(c->stmt_sql);
    XDECREF(c->connection);
    XDECREF(c->description);
    XDECREF(c->lastrowid);
    XDECREF(c->row_factory);
    XDECREF(c->converters);
    obj_free(self);
}

// ---- the lock -------------------------------------------------------------------------------

// CPython's check_cursor: __init__ called, open, not in use; then the
// connection's thread and state.  Takes the cursor's lock and a use of the
// connection; returns the database handle, NULL + error.
static sqlite3 *cursor_enter(cursor_t *c) {
    const char *msg = NULL;
    BEGIN_CRITICAL_SECTION(c);
    if (!c->initialized)
        msg = "Base Cursor.__init__ not called.";
    else if (c->closed)
        msg = "Cannot operate on a closed cursor.";
    else if (c->locked)
        msg = "Recursive use of cursors not allowed.";
    else
        c->locked = true;
    END_CRITICAL_SECTION();
    if (msg) {
        err_set_str(SQ_EXC(ProgrammingError), msg);
        return NULL;
    }
    sqlite3 *db = conn_acquire((conn_t *)c->connection);
    if (!db) {
        BEGIN_CRITICAL_SECTION(c);
        c->locked = false;
        END_CRITICAL_SECTION();
    }
    return db;
}

static void cursor_leave(cursor_t *c) {
    conn_release((conn_t *)c->connection);
    BEGIN_CRITICAL_SECTION(c);
    c->locked = false;
    END_CRITICAL_SECTION();
}

static void cursor_set(cursor_t *c, obj_t **field, obj_t *v) {
    obj_t *old;
    BEGIN_CRITICAL_SECTION(c);
    old = *field;
    *field = v;
    END_CRITICAL_SECTION();
    XDECREF(old);
}

static void set_rowcount(cursor_t *c, int64_t n, bool add) {
    BEGIN_CRITICAL_SECTION(c);
    c->rowcount = add ? c->rowcount + n : n;
    END_CRITICAL_SECTION();
}

// Gives the cursor's statement back to the connection's cache (reset,
// bindings cleared) or finalizes it.  Lock held.
static void drop_stmt(cursor_t *c) {
    if (c->stmt) {
        sqlite3_stmt *st = c->stmt;
        obj_t *sql = c->stmt_sql;
        c->stmt = NULL;
        c->stmt_sql = NULL;
        if (sql) {
            SQ_BLOCK({
                sqlite3_reset(st);
                sqlite3_clear_bindings(st);
            });
            conn_cache_put((conn_t *)c->connection, sql, st, c->stmt_is_dml);
            DECREF(sql);
        } else {
            SQ_BLOCK(sqlite3_finalize(st));
        }
    }
    obj_t *conv = c->converters;
    c->converters = NULL;
    XDECREF(conv);
}

// ---- statements -----------------------------------------------------------------------------

// Skips white space and SQL comments; NULL at an unterminated comment.
static const char *skip_ws(const char *p) {
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            p++;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
            if (!*p) return p;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e) return p + strlen(p);
            p = e + 2;
        } else {
            return p;
        }
    }
}

static bool is_dml(const char *sql) {
    const char *p = skip_ws(sql);
    return strncasecmp(p, "insert", 6) == 0 || strncasecmp(p, "update", 6) == 0 ||
           strncasecmp(p, "delete", 6) == 0 || strncasecmp(p, "replace", 7) == 0;
}

static int prepare_utf8(sqlite3 *db, const char *s, size_t n, sqlite3_stmt **out);

// Prepares one statement of `sql` (a str) into *out (NULL for an empty
// statement).
int sq_prepare(sqlite3 *db, obj_t *sql, sqlite3_stmt **out) {
    obj_t *utf8 = str_encode(sql, "utf-8", "strict"); // lone surrogates: UnicodeEncodeError
    if (!utf8) return -1;
    int rc = prepare_utf8(db, (const char *)bytes_data(utf8), bytes_len(utf8), out);
    DECREF(utf8);
    return rc;
}

static int prepare_utf8(sqlite3 *db, const char *s, size_t n, sqlite3_stmt **out) {
    int max;
    SQ_BLOCK(max = sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, -1));
    if (n > (size_t)max) {
        err_set_str(SQ_EXC(DataError), "query string is too large");
        return -1;
    }
    if (strlen(s) != n) {
        err_set_str(SQ_EXC(ProgrammingError), "the query contains a null character");
        return -1;
    }
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    int rc;
    SQ_BLOCK(rc = sqlite3_prepare_v2(db, s, (int)n + 1, &st, &tail));
    if (rc != SQLITE_OK) {
        if (err_occurred()) err_clear();
        sq_set_error(db);
        return -1;
    }
    if (tail && *skip_ws(tail)) {
        SQ_BLOCK(sqlite3_finalize(st));
        err_set_str(SQ_EXC(ProgrammingError), "You can only execute one statement at a time.");
        return -1;
    }
    *out = st;
    return 0;
}

static int bind_one(sqlite3_stmt *st, int i, obj_t *v) {
    obj_t *adapted;
    if (sq_need_adapt(v)) {
        adapted = sq_adapt(v, (obj_t *)&sq_prepare_type, v);
        if (!adapted) return -1;
    } else {
        adapted = NEWREF(v);
    }
    int rc = sq_bind(st, i, adapted);
    if (rc != SQLITE_OK) {
        if (!err_occurred())
            err_format(SQ_EXC(ProgrammingError),
                       "Error binding parameter %d: type '%s' is not supported", i,
                       obj_type_name(adapted));
        DECREF(adapted);
        return -1;
    }
    DECREF(adapted);
    return 0;
}

static int bind_params(sqlite3_stmt *st, obj_t *params) {
    int needed;
    SQ_BLOCK(needed = sqlite3_bind_parameter_count(st));
    bool exact_seq = OBJ_IS_TYPE(params, &tuple_type) || OBJ_IS_TYPE(params, &list_type);
    if (exact_seq || (!DICT_CHECK(params) && TYPE(params)->getitem)) {
        ssize_t n = obj_len(params);
        if (n < 0) return -1;
        if (n != needed) {
            err_format(SQ_EXC(ProgrammingError),
                       "Incorrect number of bindings supplied. The current statement uses %d, "
                       "and there are %zd supplied.",
                       needed, n);
            return -1;
        }
        for (int i = 0; i < needed; i++) {
            obj_t *idx = int_from_i64(i);
            obj_t *v = idx ? obj_getitem(params, idx) : NULL;
            XDECREF(idx);
            if (!v) return -1;
            int rc = bind_one(st, i + 1, v);
            DECREF(v);
            if (rc < 0) return -1;
        }
        return 0;
    }
    if (DICT_CHECK(params)) {
        for (int i = 1; i <= needed; i++) {
            const char *name;
            SQ_BLOCK(name = sqlite3_bind_parameter_name(st, i));
            if (!name) {
                err_format(SQ_EXC(ProgrammingError),
                           "Binding %d has no name, but you supplied a dictionary (which has "
                           "only names).",
                           i);
                return -1;
            }
            name++;
            obj_t *key = str_from_utf8(name, strlen(name));
            if (!key) return -1;
            obj_t *v;
            if (OBJ_IS_TYPE(params, &dict_type)) {
                v = dict_get(params, key);
            } else {
                v = obj_getitem(params, key);
                if (!v && err_matches(exc_KeyError)) err_clear();
            }
            DECREF(key);
            if (!v) {
                if (!err_occurred())
                    err_format(SQ_EXC(ProgrammingError),
                               "You did not supply a value for binding parameter :%s.", name);
                return -1;
            }
            int rc = bind_one(st, i, v);
            DECREF(v);
            if (rc < 0) return -1;
        }
        return 0;
    }
    err_set_str(SQ_EXC(ProgrammingError), "parameters are of unsupported type");
    return -1;
}

// The converters of the statement's columns (detect_types), or NULL.
static int build_converters(cursor_t *c, sqlite3_stmt *st) {
    int detect = ((conn_t *)c->connection)->detect_types;
    obj_t *old = c->converters;
    c->converters = NULL;
    XDECREF(old);
    if (!detect) return 0;
    int n;
    SQ_BLOCK(n = sqlite3_column_count(st));
    obj_t *list = list_new(0);
    if (!list) return -1;
    for (int i = 0; i < n; i++) {
        obj_t *conv = NULL;
        if (detect & 2) { // PARSE_COLNAMES: "name [type]"
            const char *name;
            SQ_BLOCK(name = sqlite3_column_name(st, i));
            const char *l = name ? strchr(name, '[') : NULL;
            const char *r = l ? strchr(l + 1, ']') : NULL;
            if (r) {
                obj_t *t = str_from_utf8(l + 1, (size_t)(r - l - 1));
                conv = t ? sq_get_converter(t) : NULL;
                XDECREF(t);
                if (!conv) goto fail;
                if (conv == None) {
                    DECREF(conv);
                    conv = NULL;
                }
            }
        }
        if (!conv && (detect & 1)) { // PARSE_DECLTYPES: the first word of the declared type
            const char *decl;
            SQ_BLOCK(decl = sqlite3_column_decltype(st, i));
            if (decl) {
                size_t k = 0;
                while (decl[k] && decl[k] != ' ' && decl[k] != '(')
                    k++;
                obj_t *t = str_from_utf8(decl, k);
                conv = t ? sq_get_converter(t) : NULL;
                XDECREF(t);
                if (!conv) goto fail;
            }
        }
        if (!conv) conv = NEWREF(None);
        int rc = list_append(list, conv);
        DECREF(conv);
        if (rc < 0) goto fail;
    }
    c->converters = list;
    return 0;
fail:
    DECREF(list);
    return -1;
}

static obj_t *column_name(cursor_t *c, const char *name) {
    if (!name) return NEWREF(None);
    size_t n = strlen(name);
    if (((conn_t *)c->connection)->detect_types & 2) {
        const char *p = strchr(name, '[');
        if (p) {
            if (p != name && p[-1] == ' ') p--;
            n = (size_t)(p - name);
        }
    }
    return str_from_utf8(name, n);
}

static int build_description(cursor_t *c, sqlite3_stmt *st) {
    int n;
    SQ_BLOCK(n = sqlite3_column_count(st));
    if (n <= 0) return 0;
    obj_t *desc = tuple_new((size_t)n);
    if (!desc) return -1;
    for (int i = 0; i < n; i++) {
        const char *name;
        SQ_BLOCK(name = sqlite3_column_name(st, i));
        obj_t *s = column_name(c, name);
        obj_t *t = s ? tuple_pack(7, s, None, None, None, None, None, None) : NULL;
        XDECREF(s);
        if (!t) {
            DECREF(desc);
            return -1;
        }
        TUPLE_SET(desc, i, t);
    }
    cursor_set(c, &c->description, desc);
    return 0;
}

// One execute() or executemany() (CPython's _pysqlite_query_execute).
obj_t *cursor_execute_impl(obj_t *self, obj_t *sql, obj_t *params, bool many) {
    cursor_t *c = CUR(self);
    sqlite3 *db = cursor_enter(c);
    if (!db) return NULL;
    conn_t *conn = (conn_t *)c->connection;
    obj_t *iter = NULL, *p = NULL;
    if (many) {
        iter = obj_iter(params);
    } else {
        obj_t *empty = params ? NULL : tuple_new(0);
        obj_t *t = params || empty ? tuple_pack(1, params ? params : empty) : NULL;
        XDECREF(empty);
        if (t) {
            iter = obj_iter(t);
            DECREF(t);
        }
    }
    bool ok = false;
    drop_stmt(c);
    cursor_set(c, &c->description, NEWREF(None));
    set_rowcount(c, 0, false);
    if (!iter) goto done;
    c->stmt = conn_cache_take(conn, sql, &c->stmt_is_dml);
    if (!c->stmt) {
        if (sq_prepare(db, sql, &c->stmt) < 0) goto done;
        if (!c->stmt) {
            set_rowcount(c, -1, false);
            ok = true;
            goto done;
        }
        c->stmt_is_dml = is_dml(str_data(sql));
    }
    if (STR_EXACT(sql)) c->stmt_sql = NEWREF(sql);
    set_rowcount(c, c->stmt_is_dml ? 0 : -1, false);
    if (many) {
        int ro;
        SQ_BLOCK(ro = sqlite3_stmt_readonly(c->stmt));
        if (ro) {
            err_set_str(SQ_EXC(ProgrammingError), "executemany() can only execute DML statements.");
            goto done;
        }
    }
    if (conn_begin_if_needed(conn, db, c->stmt_is_dml) < 0) goto done;
    while ((p = obj_iternext(iter))) {
        int rc;
        SQ_BLOCK(rc = sqlite3_reset(c->stmt));
        if (bind_params(c->stmt, p) < 0) goto done;
        SQ_BLOCK(rc = sqlite3_step(c->stmt));
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
            // An error a callback left pending was reported there already.
            if (err_occurred()) err_clear();
            SQ_BLOCK(sqlite3_reset(c->stmt));
            sq_set_error(db);
            goto done;
        }
        if (err_occurred()) goto done; // left pending by a collation
        if (build_converters(c, c->stmt) < 0) goto done;
        bool has_desc;
        BEGIN_CRITICAL_SECTION(c);
        has_desc = c->description != None;
        END_CRITICAL_SECTION();
        if (!has_desc && build_description(c, c->stmt) < 0) goto done;
        if (rc == SQLITE_DONE) {
            if (c->stmt_is_dml) {
                int ch;
                SQ_BLOCK(ch = sqlite3_changes(db));
                set_rowcount(c, ch, true);
            }
            SQ_BLOCK(sqlite3_reset(c->stmt));
        }
        DECREF(p);
        p = NULL;
    }
    if (err_occurred()) goto done;
    if (!many) {
        sqlite3_int64 id;
        SQ_BLOCK(id = sqlite3_last_insert_rowid(db));
        obj_t *v = int_from_i64(id);
        if (!v) goto done;
        cursor_set(c, &c->lastrowid, v);
    }
    ok = true;
done:
    XDECREF(p);
    XDECREF(iter);
    if (!ok) {
        drop_stmt(c);
        set_rowcount(c, -1, false);
    } else if (c->stmt) {
        int busy;
        SQ_BLOCK(busy = sqlite3_stmt_busy(c->stmt));
        if (!busy) drop_stmt(c);
    }
    cursor_leave(c);
    if (!ok) return NULL;
    return NEWREF(self);
}

static obj_t *cursor_execute(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("execute", nargs, kwnames, 1, 2) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "execute() argument 1 must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    return cursor_execute_impl(self, args[0], nargs > 1 ? args[1] : NULL, false);
}

static obj_t *cursor_executemany(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("executemany", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "executemany() argument 1 must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    return cursor_execute_impl(self, args[0], args[1], true);
}

obj_t *cursor_executescript_impl(obj_t *self, obj_t *script) {
    cursor_t *c = CUR(self);
    sqlite3 *db = cursor_enter(c);
    if (!db) return NULL;
    bool ok = false;
    obj_t *utf8 = str_encode(script, "utf-8", "strict");
    if (!utf8) {
        cursor_leave(c);
        return NULL;
    }
    const char *s = (const char *)bytes_data(utf8);
    size_t n = bytes_len(utf8);
    int max, autocommit;
    if (strlen(s) != n) {
        err_set_str(exc_ValueError, "embedded null character");
        goto done;
    }
    SQ_BLOCK(max = sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, -1));
    if (n > (size_t)max) {
        err_set_str(SQ_EXC(DataError), "query string is too large");
        goto done;
    }
    SQ_BLOCK(autocommit = sqlite3_get_autocommit(db));
    if (!autocommit) {
        sqlite3_stmt *st = NULL;
        int rc;
        SQ_BLOCK({
            rc = sqlite3_prepare_v2(db, "COMMIT", -1, &st, NULL);
            if (rc == SQLITE_OK) rc = sqlite3_step(st);
            sqlite3_finalize(st);
        });
        if (rc != SQLITE_DONE) {
            sq_set_error(db);
            goto done;
        }
    }
    for (;;) {
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        int rc;
        SQ_BLOCK({
            rc = sqlite3_prepare_v2(db, s, (int)n + 1, &st, &tail);
            if (rc == SQLITE_OK && st) {
                do {
                    rc = sqlite3_step(st);
                } while (rc == SQLITE_ROW);
                if (rc == SQLITE_DONE) rc = SQLITE_OK;
                // finalize returns the step's error again: keep the first
                int frc = sqlite3_finalize(st);
                if (rc == SQLITE_OK) rc = frc;
            }
        });
        if (rc != SQLITE_OK) {
            if (err_occurred()) err_clear();
            sq_set_error(db);
            goto done;
        }
        if (!tail || !*tail) break;
        n -= (size_t)(tail - s);
        s = tail;
    }
    ok = true;
done:
    DECREF(utf8);
    cursor_leave(c);
    if (!ok) return NULL;
    return NEWREF(self);
}

static obj_t *cursor_executescript(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("executescript", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "executescript() argument must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    return cursor_executescript_impl(self, args[0]);
}

// ---- fetching -------------------------------------------------------------------------------

// The current row of c->stmt as a tuple (lock held).
// One column of the current row as libsqlite3 gave it; `p` stays valid
// until the statement is stepped, reset or finalized (the cursor's lock
// holder alone does that).
typedef struct {
    int type; // SQLITE_* type, or -1: raw bytes for a converter
    int len;
    sqlite3_int64 i;
    double d;
    const void *p;
    const char *name; // for the decode error message
} col_t;

// The current row of c->stmt as a tuple (lock held).  The columns are read
// in one blocking region, then turned into objects outside it.
static obj_t *fetch_row(cursor_t *c) {
    sqlite3_stmt *st = c->stmt;
    int n;
    SQ_BLOCK(n = sqlite3_data_count(st));
    col_t small[16];
    col_t *cols = n <= 16 ? small : malloc(sizeof(col_t) * (size_t)n);
    obj_t **convs = calloc(n ? (size_t)n : 1, sizeof(obj_t *));
    obj_t *row = NULL, *tf = NULL;
    if (!cols || !convs) {
        err_no_memory();
        goto out;
    }
    for (int i = 0; i < n; i++) {
        if (c->converters && (size_t)i < (size_t)list_size(c->converters)) {
            obj_t *conv = list_get(c->converters, i);
            if (!conv) goto out;
            if (conv == None)
                DECREF(conv);
            else
                convs[i] = conv;
        }
    }
    SQ_BLOCK({
        for (int i = 0; i < n; i++) {
            col_t *k = &cols[i];
            k->type = convs[i] ? -1 : sqlite3_column_type(st, i);
            k->name = NULL;
            switch (k->type) {
            case SQLITE_NULL: break;
            case SQLITE_INTEGER: k->i = sqlite3_column_int64(st, i); break;
            case SQLITE_FLOAT: k->d = sqlite3_column_double(st, i); break;
            case SQLITE_TEXT:
                k->p = sqlite3_column_text(st, i);
                k->len = sqlite3_column_bytes(st, i);
                k->name = sqlite3_column_name(st, i);
                break;
            default: // BLOB, or raw bytes for a converter
                k->p = sqlite3_column_blob(st, i);
                k->len = sqlite3_column_bytes(st, i);
                break;
            }
        }
    });
    row = tuple_new((size_t)n);
    if (!row) goto out;
    for (int i = 0; i < n; i++) {
        col_t *k = &cols[i];
        obj_t *v = NULL;
        if (k->type == -1) {
            if (!k->p) {
                v = NEWREF(None);
            } else {
                obj_t *b = bytes_from(k->p, (size_t)k->len);
                v = b ? obj_call1(convs[i], b) : NULL;
                XDECREF(b);
            }
        } else if (k->type == SQLITE_NULL) {
            v = NEWREF(None);
        } else if (k->type == SQLITE_INTEGER) {
            v = int_from_i64(k->i);
        } else if (k->type == SQLITE_FLOAT) {
            v = float_from_double(k->d);
        } else if (k->type == SQLITE_TEXT) {
            const char *p = k->p;
            if (!p) {
                err_no_memory();
                goto fail;
            }
            if (!tf)
                tf = conn_get_field((conn_t *)c->connection,
                                    &((conn_t *)c->connection)->text_factory);
            if (tf == (obj_t *)&str_type) {
                v = str_from_utf8(p, (size_t)k->len);
                if (!v && err_matches(exc_UnicodeDecodeError)) {
                    err_clear();
                    err_format(SQ_EXC(OperationalError),
                               "Could not decode to UTF-8 column '%s' with text '%s'",
                               k->name ? k->name : "", p);
                }
            } else if (tf == (obj_t *)&bytes_type) {
                v = bytes_from(p, (size_t)k->len);
            } else {
                obj_t *b = bytes_from(p, (size_t)k->len);
                v = b ? obj_call1(tf, b) : NULL;
                XDECREF(b);
            }
        } else {
            v = bytes_from(k->len ? k->p : "", (size_t)k->len);
        }
        if (!v) goto fail;
        TUPLE_SET(row, i, v);
    }
    goto out;
fail:
    DECREF(row);
    row = NULL;
out:
    XDECREF(tf);
    if (convs)
        for (int i = 0; i < n; i++)
            XDECREF(convs[i]);
    free(convs);
    if (cols != small) free(cols);
    return row;
}

// The next row, NULL without exception at the end (iternext).
static obj_t *cursor_next_row(obj_t *self) {
    cursor_t *c = CUR(self);
    sqlite3 *db = cursor_enter(c);
    if (!db) return NULL;
    if (!c->stmt) {
        cursor_leave(c);
        return NULL;
    }
    obj_t *row = fetch_row(c);
    if (!row) {
        // CPython leaves the statement where it is after a conversion error.
        cursor_leave(c);
        return NULL;
    }
    int rc;
    SQ_BLOCK(rc = sqlite3_step(c->stmt));
    if (rc == SQLITE_DONE) {
        if (c->stmt_is_dml) {
            int ch;
            SQ_BLOCK(ch = sqlite3_changes(db));
            set_rowcount(c, ch, false);
        }
        drop_stmt(c);
    } else if (rc != SQLITE_ROW) {
        if (err_occurred()) err_clear();
        sq_set_error(db);
        drop_stmt(c);
        DECREF(row);
        row = NULL;
    } else if (err_occurred()) { // left pending by a collation
        DECREF(row);
        row = NULL;
    }
    cursor_leave(c);
    if (!row) return NULL;
    obj_t *rf;
    BEGIN_CRITICAL_SECTION(c);
    rf = NEWREF(c->row_factory);
    END_CRITICAL_SECTION();
    if (rf != None) {
        obj_t *r = obj_call2(rf, self, row);
        DECREF(row);
        row = r;
    }
    DECREF(rf);
    return row;
}

static obj_t *cursor_iter(obj_t *self) {
    return NEWREF(self);
}

static obj_t *cursor_iternext(obj_t *self) {
    return cursor_next_row(self);
}

static obj_t *cursor_fetchone(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("fetchone", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *r = cursor_next_row(self);
    if (!r && !err_occurred()) r = NEWREF(None);
    return r;
}

static obj_t *fetch_n(obj_t *self, int64_t max) {
    obj_t *list = list_new(0);
    if (!list) return NULL;
    int64_t count = 0;
    obj_t *row;
    while ((row = cursor_next_row(self))) {
        int rc = list_append(list, row);
        DECREF(row);
        if (rc < 0) break;
        if (++count == max) break;
    }
    if (err_occurred()) {
        DECREF(list);
        return NULL;
    }
    return list;
}

static obj_t *cursor_fetchmany(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"size", NULL};
    obj_t *a[1];
    if (args_parse("fetchmany", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int64_t n;
    if (a[0]) {
        obj_t *i = obj_index(a[0]);
        if (!i) return NULL;
        int rc = int_as_i64(i, &n);
        DECREF(i);
        if (rc < 0 || n > INT_MAX || n < INT_MIN) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
            return NULL;
        }
    } else {
        BEGIN_CRITICAL_SECTION(self);
        n = CUR(self)->arraysize;
        END_CRITICAL_SECTION();
    }
    return fetch_n(self, n);
}

static obj_t *cursor_fetchall(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("fetchall", nargs, kwnames, 0, 0) < 0) return NULL;
    return fetch_n(self, -1);
}

static obj_t *cursor_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    cursor_t *c = CUR(self);
    if (!c->connection) {
        err_set_str(SQ_EXC(ProgrammingError), "Base Cursor.__init__ not called.");
        return NULL;
    }
    if (conn_check((conn_t *)c->connection) < 0) return NULL;
    bool busy;
    BEGIN_CRITICAL_SECTION(c);
    busy = c->locked;
    if (!busy) c->locked = true;
    END_CRITICAL_SECTION();
    if (busy) {
        err_set_str(SQ_EXC(ProgrammingError), "Recursive use of cursors not allowed.");
        return NULL;
    }
    drop_stmt(c);
    BEGIN_CRITICAL_SECTION(c);
    c->closed = true;
    c->locked = false;
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static obj_t *cursor_noop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return NEWREF(None);
}

static const method_def_t cursor_methods[] = {
    {"execute", cursor_execute, 0, "Executes an SQL statement."},
    {"executemany", cursor_executemany, 0, "Repeatedly executes an SQL statement."},
    {"executescript", cursor_executescript, 0, "Executes multiple SQL statements at once."},
    {"fetchone", cursor_fetchone, 0, "Fetches one row from the resultset."},
    {"fetchmany", cursor_fetchmany, 0, "Fetches several rows from the resultset."},
    {"fetchall", cursor_fetchall, 0, "Fetches all rows from the resultset."},
    {"close", cursor_close, 0, "Closes the cursor."},
    {"setinputsizes", cursor_noop, 0, "Required by DB-API. Does nothing in sqlite3."},
    {"setoutputsize", cursor_noop, 0, "Required by DB-API. Does nothing in sqlite3."},
    {NULL},
};

static obj_t *cur_get(obj_t *self, void *closure) {
    cursor_t *c = CUR(self);
    obj_t *r;
    BEGIN_CRITICAL_SECTION(c);
    switch ((int)(intptr_t)closure) {
    case 0: r = NEWREF(c->description); break;
    case 1: r = NEWREF(c->lastrowid); break;
    case 2: r = int_from_i64(c->rowcount); break;
    case 3: r = int_from_i64(c->arraysize); break;
    case 4: r = NEWREF(c->row_factory); break;
    default: r = c->connection ? NEWREF(c->connection) : NEWREF(None); break;
    }
    END_CRITICAL_SECTION();
    return r;
}

static int cur_readonly(obj_t *self, obj_t *v, void *closure) {
    err_set_str(exc_AttributeError, "readonly attribute");
    return -1;
}

static int cur_set_arraysize(obj_t *self, obj_t *v, void *closure) {
    if (!v) {
        err_set_str(exc_TypeError, "can't delete numeric/char attribute");
        return -1;
    }
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int64_t n;
    int rc = int_as_i64(i, &n);
    DECREF(i);
    if (rc < 0 || n > INT_MAX || n < INT_MIN) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    BEGIN_CRITICAL_SECTION(self);
    CUR(self)->arraysize = n;
    END_CRITICAL_SECTION();
    return 0;
}

static int cur_set_row_factory(obj_t *self, obj_t *v, void *closure) {
    obj_t *nv = v ? v : None;
    INCREF(nv);
    cursor_set(CUR(self), &CUR(self)->row_factory, nv);
    return 0;
}

static const getset_def_t cursor_getsets[] = {
    {"description", cur_get, cur_readonly, (void *)0},
    {"lastrowid", cur_get, cur_readonly, (void *)1},
    {"rowcount", cur_get, cur_readonly, (void *)2},
    {"arraysize", cur_get, cur_set_arraysize, (void *)3},
    {"row_factory", cur_get, cur_set_row_factory, (void *)4},
    {"connection", cur_get, cur_readonly, (void *)5},
    {NULL},
};

type_t sq_cursor_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sqlite3.Cursor",
    .basicsize = sizeof(cursor_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = cursor_dealloc,
    .tp_new = cursor_tp_new,
    .tp_init = cursor_tp_init,
    .iter = cursor_iter,
    .iternext = cursor_iternext,
    .methods = cursor_methods,
    .getsets = cursor_getsets,
    .doc = "SQLite database cursor class.",
};

// ---- Row ----------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *data;        // tuple
    obj_t *description; // the cursor's description (tuple or None)
} row_t;

#define ROW(o) ((row_t *)(o))

static obj_t *row_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_set_str(exc_TypeError, "Row() takes no keyword arguments");
        return NULL;
    }
    if (nargs != 2) {
        err_format(exc_TypeError, "Row expected 2 arguments, got %zu", nargs);
        return NULL;
    }
    if (!type_is_subtype(TYPE(args[0]), &sq_cursor_type)) {
        err_format(exc_TypeError, "Row() argument 1 must be sqlite3.Cursor, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    if (!TUPLE_CHECK(args[1])) {
        err_format(exc_TypeError, "Row() argument 2 must be tuple, not %s", obj_type_name(args[1]));
        return NULL;
    }
    row_t *r = (row_t *)obj_alloc(type, type->basicsize);
    if (!r) return NULL;
    r->data = NEWREF(args[1]);
    r->description = cur_get(args[0], (void *)0);
    return (obj_t *)r;
}

static void row_dealloc(obj_t *self) {
    XDECREF(ROW(self)->data);
    XDECREF(ROW(self)->description);
    obj_free(self);
}

static ssize_t row_len(obj_t *self) {
    return (ssize_t)TUPLE_SIZE(ROW(self)->data);
}

// ASCII case-insensitive equality, as CPython's Row lookup.
static bool same_name(obj_t *a, obj_t *b) {
    if (str_nbytes(a) != str_nbytes(b)) return false;
    const char *p = str_data(a), *q = str_data(b);
    for (size_t i = 0; i < str_nbytes(a); i++) {
        unsigned char x = (unsigned char)p[i], y = (unsigned char)q[i];
        if (x >= 'A' && x <= 'Z') x += 32;
        if (y >= 'A' && y <= 'Z') y += 32;
        if (x != y) return false;
    }
    return true;
}

static obj_t *row_getitem(obj_t *self, obj_t *key) {
    row_t *r = ROW(self);
    if (INT_CHECK(key)) {
        ssize_t i = obj_as_ssize(key);
        if (i == -1 && err_occurred()) return NULL;
        ssize_t n = (ssize_t)TUPLE_SIZE(r->data);
        if (i < 0) i += n;
        if (i < 0 || i >= n) {
            err_set_str(exc_IndexError, "tuple index out of range");
            return NULL;
        }
        return NEWREF(TUPLE_ITEMS(r->data)[i]);
    }
    if (STR_CHECK(key)) {
        if (TUPLE_CHECK(r->description)) {
            size_t n = TUPLE_SIZE(r->description);
            for (size_t i = 0; i < n && i < TUPLE_SIZE(r->data); i++) {
                obj_t *d = TUPLE_ITEMS(r->description)[i];
                obj_t *name = TUPLE_CHECK(d) && TUPLE_SIZE(d) ? TUPLE_ITEMS(d)[0] : NULL;
                if (name && STR_CHECK(name) && same_name(name, key))
                    return NEWREF(TUPLE_ITEMS(r->data)[i]);
            }
        }
        err_set_str(exc_IndexError, "No item with that key");
        return NULL;
    }
    if (SLICE_CHECK(key)) return obj_getitem(r->data, key);
    err_set_str(exc_IndexError, "Index must be int or string");
    return NULL;
}

static obj_t *row_keys(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("keys", nargs, kwnames, 0, 0) < 0) return NULL;
    row_t *r = ROW(self);
    obj_t *list = list_new(0);
    if (!list) return NULL;
    if (TUPLE_CHECK(r->description)) {
        for (size_t i = 0; i < TUPLE_SIZE(r->description); i++) {
            obj_t *d = TUPLE_ITEMS(r->description)[i];
            if (TUPLE_CHECK(d) && TUPLE_SIZE(d) && list_append(list, TUPLE_ITEMS(d)[0]) < 0) {
                DECREF(list);
                return NULL;
            }
        }
    }
    return list;
}

static obj_t *row_iter(obj_t *self) {
    return obj_iter(ROW(self)->data);
}

static hash_t row_hash(obj_t *self) {
    hash_t a = obj_hash(ROW(self)->description);
    if (a == -1) return -1;
    hash_t b = obj_hash(ROW(self)->data);
    if (b == -1) return -1;
    hash_t h = a ^ b;
    return h == -1 ? -2 : h;
}

static obj_t *row_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || !type_is_subtype(TYPE(b), &sq_row_type))
        return NEWREF(NotImplemented);
    int eq = obj_eq(ROW(a)->description, ROW(b)->description);
    if (eq < 0) return NULL;
    if (eq) {
        eq = obj_eq(ROW(a)->data, ROW(b)->data);
        if (eq < 0) return NULL;
    }
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static const method_def_t row_methods[] = {
    {"keys", row_keys, 0, "Returns the keys of the row."},
    {NULL},
};

type_t sq_row_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sqlite3.Row",
    .basicsize = sizeof(row_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = row_dealloc,
    .hash = row_hash,
    .richcompare = row_richcompare,
    .iter = row_iter,
    .len = row_len,
    .getitem = row_getitem,
    .tp_new = row_tp_new,
    .methods = row_methods,
};

// ---- PrepareProtocol ------------------------------------------------------------------

static obj_t *prepare_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(type, type->basicsize);
}

static int prepare_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return args_check("PrepareProtocol", nargs, kwnames, 0, 0);
}

type_t sq_prepare_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "sqlite3.PrepareProtocol",
    .basicsize = sizeof(obj_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .tp_new = prepare_tp_new,
    .tp_init = prepare_tp_init,
    .doc = "PEP 246 style object adaption protocol type.",
};
