/*
 * modules/sqlite.c — the `_sqlite3` module over Debian's libsqlite3: the
 * module object and its functions (connect, register_adapter,
 * register_converter, adapt, complete_statement,
 * enable_callback_tracebacks), the DB-API exception hierarchy and the
 * mapping of libsqlite3 result codes to it, the SQLITE_* constants, the
 * conversion of values both ways, and the C callbacks libsqlite3 calls for
 * user functions, aggregates, collations, the authorizer, the progress
 * handler and the trace callback.  Connection is in
 * modules/sqlite_conn.c, Cursor and Row in modules/sqlite_cursor.c; the
 * concurrency rules are at the top of modules/sqlite_internal.h.
 *
 * The adapters and converters are two module-level dicts (sqlite3.adapters
 * and sqlite3.converters, as in CPython); dicts are thread-safe on their own.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/unraisable.h"
#include "../objects/buffer.h"
#include "../objects/bytearray.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/thread.h"
#include "sqlite_internal.h"

sq_state_t sq;

// ---- blocking regions -------------------------------------------------------------------

__thread int sq_blocked;

void sq_block_begin(void) {
    thread_block_begin();
    sq_blocked++;
}

void sq_block_end(void) {
    sq_blocked--;
    thread_block_end();
}

int sq_leave(void) {
    int was = sq_blocked;
    if (was) {
        sq_blocked = 0;
        thread_block_end();
    }
    return was;
}

void sq_reenter(int was) {
    if (was) {
        thread_block_begin();
        sq_blocked = was;
    }
}

unsigned long sq_thread_ident(void) {
    return (unsigned long)pthread_self();
}

// ---- errors -----------------------------------------------------------------------------

typedef struct {
    const char *name;
    int value;
} sq_const_t;

// Result codes, primary and extended: the exceptions' sqlite_errorname.
static const sq_const_t error_codes[] = {
#define C(x)                                                                                       \
    { #x, x }
    C(SQLITE_OK),
    C(SQLITE_ERROR),
    C(SQLITE_INTERNAL),
    C(SQLITE_PERM),
    C(SQLITE_ABORT),
    C(SQLITE_BUSY),
    C(SQLITE_LOCKED),
    C(SQLITE_NOMEM),
    C(SQLITE_READONLY),
    C(SQLITE_INTERRUPT),
    C(SQLITE_IOERR),
    C(SQLITE_CORRUPT),
    C(SQLITE_NOTFOUND),
    C(SQLITE_FULL),
    C(SQLITE_CANTOPEN),
    C(SQLITE_PROTOCOL),
    C(SQLITE_EMPTY),
    C(SQLITE_SCHEMA),
    C(SQLITE_TOOBIG),
    C(SQLITE_CONSTRAINT),
    C(SQLITE_MISMATCH),
    C(SQLITE_MISUSE),
    C(SQLITE_NOLFS),
    C(SQLITE_AUTH),
    C(SQLITE_FORMAT),
    C(SQLITE_RANGE),
    C(SQLITE_NOTADB),
    C(SQLITE_NOTICE),
    C(SQLITE_WARNING),
    C(SQLITE_ROW),
    C(SQLITE_DONE),
    C(SQLITE_ABORT_ROLLBACK),
    C(SQLITE_AUTH_USER),
    C(SQLITE_BUSY_RECOVERY),
    C(SQLITE_BUSY_SNAPSHOT),
    C(SQLITE_BUSY_TIMEOUT),
    C(SQLITE_CANTOPEN_CONVPATH),
    C(SQLITE_CANTOPEN_DIRTYWAL),
    C(SQLITE_CANTOPEN_FULLPATH),
    C(SQLITE_CANTOPEN_ISDIR),
    C(SQLITE_CANTOPEN_NOTEMPDIR),
    C(SQLITE_CANTOPEN_SYMLINK),
    C(SQLITE_CONSTRAINT_CHECK),
    C(SQLITE_CONSTRAINT_COMMITHOOK),
    C(SQLITE_CONSTRAINT_FOREIGNKEY),
    C(SQLITE_CONSTRAINT_FUNCTION),
    C(SQLITE_CONSTRAINT_NOTNULL),
    C(SQLITE_CONSTRAINT_PINNED),
    C(SQLITE_CONSTRAINT_PRIMARYKEY),
    C(SQLITE_CONSTRAINT_ROWID),
    C(SQLITE_CONSTRAINT_TRIGGER),
    C(SQLITE_CONSTRAINT_UNIQUE),
    C(SQLITE_CONSTRAINT_VTAB),
    C(SQLITE_CORRUPT_INDEX),
    C(SQLITE_CORRUPT_SEQUENCE),
    C(SQLITE_CORRUPT_VTAB),
    C(SQLITE_ERROR_MISSING_COLLSEQ),
    C(SQLITE_ERROR_RETRY),
    C(SQLITE_ERROR_SNAPSHOT),
    C(SQLITE_IOERR_ACCESS),
    C(SQLITE_IOERR_AUTH),
    C(SQLITE_IOERR_BEGIN_ATOMIC),
    C(SQLITE_IOERR_BLOCKED),
    C(SQLITE_IOERR_CHECKRESERVEDLOCK),
    C(SQLITE_IOERR_CLOSE),
    C(SQLITE_IOERR_COMMIT_ATOMIC),
    C(SQLITE_IOERR_CONVPATH),
    C(SQLITE_IOERR_CORRUPTFS),
    C(SQLITE_IOERR_DATA),
    C(SQLITE_IOERR_DELETE),
    C(SQLITE_IOERR_DELETE_NOENT),
    C(SQLITE_IOERR_DIR_CLOSE),
    C(SQLITE_IOERR_DIR_FSYNC),
    C(SQLITE_IOERR_FSTAT),
    C(SQLITE_IOERR_FSYNC),
    C(SQLITE_IOERR_GETTEMPPATH),
    C(SQLITE_IOERR_LOCK),
    C(SQLITE_IOERR_MMAP),
    C(SQLITE_IOERR_NOMEM),
    C(SQLITE_IOERR_RDLOCK),
    C(SQLITE_IOERR_READ),
    C(SQLITE_IOERR_ROLLBACK_ATOMIC),
    C(SQLITE_IOERR_SEEK),
    C(SQLITE_IOERR_SHMLOCK),
    C(SQLITE_IOERR_SHMMAP),
    C(SQLITE_IOERR_SHMOPEN),
    C(SQLITE_IOERR_SHMSIZE),
    C(SQLITE_IOERR_SHORT_READ),
    C(SQLITE_IOERR_TRUNCATE),
    C(SQLITE_IOERR_UNLOCK),
    C(SQLITE_IOERR_VNODE),
    C(SQLITE_IOERR_WRITE),
    C(SQLITE_LOCKED_SHAREDCACHE),
    C(SQLITE_LOCKED_VTAB),
    C(SQLITE_NOTICE_RECOVER_ROLLBACK),
    C(SQLITE_NOTICE_RECOVER_WAL),
    C(SQLITE_OK_LOAD_PERMANENTLY),
    C(SQLITE_OK_SYMLINK),
    C(SQLITE_READONLY_CANTINIT),
    C(SQLITE_READONLY_CANTLOCK),
    C(SQLITE_READONLY_DBMOVED),
    C(SQLITE_READONLY_DIRECTORY),
    C(SQLITE_READONLY_RECOVERY),
    C(SQLITE_READONLY_ROLLBACK),
    C(SQLITE_WARNING_AUTOINDEX),
    {NULL, 0},
};

// The other module constants: authorizer actions and results, limits.
static const sq_const_t other_consts[] = {
    C(SQLITE_DENY),
    C(SQLITE_IGNORE),
    C(SQLITE_CREATE_INDEX),
    C(SQLITE_CREATE_TABLE),
    C(SQLITE_CREATE_TEMP_INDEX),
    C(SQLITE_CREATE_TEMP_TABLE),
    C(SQLITE_CREATE_TEMP_TRIGGER),
    C(SQLITE_CREATE_TEMP_VIEW),
    C(SQLITE_CREATE_TRIGGER),
    C(SQLITE_CREATE_VIEW),
    C(SQLITE_DELETE),
    C(SQLITE_DROP_INDEX),
    C(SQLITE_DROP_TABLE),
    C(SQLITE_DROP_TEMP_INDEX),
    C(SQLITE_DROP_TEMP_TABLE),
    C(SQLITE_DROP_TEMP_TRIGGER),
    C(SQLITE_DROP_TEMP_VIEW),
    C(SQLITE_DROP_TRIGGER),
    C(SQLITE_DROP_VIEW),
    C(SQLITE_INSERT),
    C(SQLITE_PRAGMA),
    C(SQLITE_READ),
    C(SQLITE_SELECT),
    C(SQLITE_TRANSACTION),
    C(SQLITE_UPDATE),
    C(SQLITE_ATTACH),
    C(SQLITE_DETACH),
    C(SQLITE_ALTER_TABLE),
    C(SQLITE_REINDEX),
    C(SQLITE_ANALYZE),
    C(SQLITE_CREATE_VTABLE),
    C(SQLITE_DROP_VTABLE),
    C(SQLITE_FUNCTION),
    C(SQLITE_SAVEPOINT),
    C(SQLITE_RECURSIVE),
    C(SQLITE_LIMIT_LENGTH),
    C(SQLITE_LIMIT_SQL_LENGTH),
    C(SQLITE_LIMIT_COLUMN),
    C(SQLITE_LIMIT_EXPR_DEPTH),
    C(SQLITE_LIMIT_COMPOUND_SELECT),
    C(SQLITE_LIMIT_VDBE_OP),
    C(SQLITE_LIMIT_FUNCTION_ARG),
    C(SQLITE_LIMIT_ATTACHED),
    C(SQLITE_LIMIT_LIKE_PATTERN_LENGTH),
    C(SQLITE_LIMIT_VARIABLE_NUMBER),
    C(SQLITE_LIMIT_TRIGGER_DEPTH),
    C(SQLITE_LIMIT_WORKER_THREADS),
    {NULL, 0},
#undef C
};

static const char *error_name(int code) {
    for (const sq_const_t *c = error_codes; c->name; c++)
        if (c->value == code) return c->name;
    return "SQLITE_UNKNOWN";
}

// The exception class CPython raises for a primary result code; NULL for
// SQLITE_NOMEM (MemoryError).
static type_t *error_class(int code) {
    switch (code & 0xff) {
    case SQLITE_INTERNAL:
    case SQLITE_NOTFOUND: return SQ_EXC(InternalError);
    case SQLITE_NOMEM: return NULL;
    case SQLITE_ERROR:
    case SQLITE_PERM:
    case SQLITE_ABORT:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_INTERRUPT:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
    case SQLITE_EMPTY:
    case SQLITE_SCHEMA: return SQ_EXC(OperationalError);
    case SQLITE_CORRUPT: return SQ_EXC(DatabaseError);
    case SQLITE_TOOBIG: return SQ_EXC(DataError);
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH: return SQ_EXC(IntegrityError);
    case SQLITE_MISUSE:
    case SQLITE_RANGE: return SQ_EXC(InterfaceError);
    default: return SQ_EXC(DatabaseError);
    }
}

void sq_set_error_code(int code, const char *msg) {
    type_t *cls = error_class(code);
    if (!cls) {
        err_no_memory();
        return;
    }
    obj_t *m = str_from_utf8(msg, strlen(msg));
    if (!m) return;
    obj_t *args = tuple_pack(1, m);
    DECREF(m);
    if (!args) return;
    obj_t *exc = exc_new(cls, args);
    DECREF(args);
    if (!exc) return;
    obj_t *ec = int_from_i64(code);
    obj_t *en = str_from_cstr(error_name(code));
    if (!ec || !en || obj_setattr_str(exc, "sqlite_errorcode", ec) < 0 ||
        obj_setattr_str(exc, "sqlite_errorname", en) < 0) {
        XDECREF(ec);
        XDECREF(en);
        DECREF(exc);
        return;
    }
    DECREF(ec);
    DECREF(en);
    err_set_object(exc);
    DECREF(exc);
}

void sq_set_error(sqlite3 *db) {
    int code;
    const char *msg;
    char *copy;
    SQ_BLOCK({
        sqlite3_mutex_enter(sqlite3_db_mutex(db));
        code = sqlite3_extended_errcode(db);
        msg = sqlite3_errmsg(db);
        copy = strdup(msg ? msg : "");
        sqlite3_mutex_leave(sqlite3_db_mutex(db));
    });
    if (!copy) {
        err_no_memory();
        return;
    }
    if (code == SQLITE_OK) code = SQLITE_ERROR;
    sq_set_error_code(code, copy);
    free(copy);
}

// ---- values -----------------------------------------------------------------------------

static bool exact_base(obj_t *v) {
    type_t *t = TYPE(v);
    return t == &int_type || t == &float_type || t == &str_type || t == &bytearray_type;
}

bool sq_need_adapt(obj_t *obj) {
    if (atomic_load(&sq.base_type_adapted)) return true;
    return !exact_base(obj);
}

PVM_WUR obj_t *sq_adapt(obj_t *obj, obj_t *proto, obj_t *alt) {
    obj_t *key = tuple_pack(2, (obj_t *)TYPE(obj), proto);
    if (!key) return NULL;
    obj_t *adapter = dict_get(sq.adapters, key);
    DECREF(key);
    if (adapter) {
        obj_t *r = obj_call1(adapter, obj);
        DECREF(adapter);
        return r;
    }
    if (err_occurred()) return NULL;
    obj_t *fn = obj_lookup_attr(proto, str_intern("__adapt__"));
    if (fn) {
        obj_t *r = obj_call1(fn, obj);
        DECREF(fn);
        if (r && r != None) return r;
        if (r)
            DECREF(r);
        else if (!err_matches(exc_TypeError))
            return NULL;
        else
            err_clear();
    } else if (err_occurred()) {
        return NULL;
    }
    fn = obj_lookup_attr(obj, str_intern("__conform__"));
    if (fn) {
        obj_t *r = obj_call1(fn, proto);
        DECREF(fn);
        if (r && r != None) return r;
        if (r)
            DECREF(r);
        else if (!err_matches(exc_TypeError))
            return NULL;
        else
            err_clear();
    } else if (err_occurred()) {
        return NULL;
    }
    if (alt) return NEWREF(alt);
    err_set_str(SQ_EXC(ProgrammingError), "can't adapt");
    return NULL;
}

static int int64_of(obj_t *v, sqlite3_int64 *out) {
    int64_t x;
    if (int_as_i64(v, &x) < 0) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to SQLite INTEGER");
        return -1;
    }
    *out = x;
    return 0;
}

// Binds v to parameter i: SQLITE_OK, an SQLite error code, or -1 with a
// Python exception (or -1 without one for an unsupported type).
int sq_bind(sqlite3_stmt *st, int i, obj_t *v) {
    int rc;
    if (v == None) {
        SQ_BLOCK(rc = sqlite3_bind_null(st, i));
        return rc;
    }
    if (INT_CHECK(v)) {
        sqlite3_int64 x;
        if (int64_of(v, &x) < 0) return -1;
        SQ_BLOCK(rc = sqlite3_bind_int64(st, i, x));
        return rc;
    }
    if (FLOAT_CHECK(v)) {
        double d = float_value(v);
        SQ_BLOCK(rc = sqlite3_bind_double(st, i, d));
        return rc;
    }
    if (STR_CHECK(v)) {
        obj_t *b = str_encode(v, "utf-8", "strict");
        if (!b) return -1;
        size_t n = bytes_len(b);
        if (n > INT_MAX) {
            DECREF(b);
            err_set_str(exc_OverflowError, "string longer than INT_MAX bytes");
            return -1;
        }
        SQ_BLOCK(
            rc = sqlite3_bind_text(st, i, (const char *)bytes_data(b), (int)n, SQLITE_TRANSIENT));
        DECREF(b);
        return rc;
    }
    obj_t *b = buffer_as_bytes_opt(v);
    if (b) {
        size_t n = bytes_len(b);
        if (n > INT_MAX) {
            DECREF(b);
            err_set_str(exc_OverflowError, "BLOB longer than INT_MAX bytes");
            return -1;
        }
        SQ_BLOCK(rc = sqlite3_bind_blob(st, i, bytes_data(b), (int)n, SQLITE_TRANSIENT));
        DECREF(b);
        return rc;
    }
    return -1;
}

PVM_WUR obj_t *sq_value_to_py(sqlite3_value *v) {
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: return int_from_i64(sqlite3_value_int64(v));
    case SQLITE_FLOAT: return float_from_double(sqlite3_value_double(v));
    case SQLITE_TEXT: {
        const char *s = (const char *)sqlite3_value_text(v);
        int n = sqlite3_value_bytes(v);
        if (!s) return err_no_memory();
        return str_from_utf8(s, (size_t)n);
    }
    case SQLITE_BLOB: {
        const void *p = sqlite3_value_blob(v);
        int n = sqlite3_value_bytes(v);
        return bytes_from(n ? p : "", (size_t)n);
    }
    default: return NEWREF(None);
    }
}

int sq_set_result(sqlite3_context *ctx, obj_t *v) {
    if (v == None) {
        sqlite3_result_null(ctx);
    } else if (INT_CHECK(v)) {
        sqlite3_int64 x;
        if (int64_of(v, &x) < 0) return -1;
        sqlite3_result_int64(ctx, x);
    } else if (FLOAT_CHECK(v)) {
        sqlite3_result_double(ctx, float_value(v));
    } else if (STR_CHECK(v)) {
        obj_t *b = str_encode(v, "utf-8", "strict");
        if (!b) return -1;
        if (bytes_len(b) > INT_MAX) {
            DECREF(b);
            sqlite3_result_error_toobig(ctx);
            return 0;
        }
        sqlite3_result_text(ctx, (const char *)bytes_data(b), (int)bytes_len(b), SQLITE_TRANSIENT);
        DECREF(b);
    } else {
        obj_t *b = buffer_as_bytes_opt(v);
        if (!b) return -1;
        if (bytes_len(b) > INT_MAX) {
            DECREF(b);
            err_set_str(exc_OverflowError, "BLOB longer than INT_MAX bytes");
            return -1;
        }
        sqlite3_result_blob(ctx, bytes_data(b), (int)bytes_len(b), SQLITE_TRANSIENT);
        DECREF(b);
    }
    return 0;
}

PVM_WUR obj_t *sq_get_converter(obj_t *name) {
    obj_t *up = obj_call_method(name, "upper", NULL, 0);
    if (!up) return NULL;
    obj_t *r = dict_get(sq.converters, up);
    DECREF(up);
    if (!r && !err_occurred()) r = NEWREF(None);
    return r;
}

// ---- callbacks --------------------------------------------------------------------------

sq_cb_t *sq_cb_new(obj_t *callable) {
    sq_cb_t *cb = malloc(sizeof *cb);
    if (!cb) {
        err_no_memory();
        return NULL;
    }
    cb->callable = NEWREF(callable);
    return cb;
}

void sq_cb_free(void *p) {
    if (!p) return;
    sq_cb_t *cb = p;
    int was = sq_leave();
    DECREF(cb->callable);
    free(cb);
    sq_reenter(was);
}

// Prints the pending exception through sys.unraisablehook when
// enable_callback_tracebacks(True) was called, else drops it.
static void report_callback_error(obj_t *callable) {
    if (!err_occurred()) return;
    if (atomic_load(&sq.callback_tracebacks))
        err_write_unraisable(NULL, callable);
    else
        err_clear();
}

static void set_callback_error(sqlite3_context *ctx, obj_t *callable, const char *msg) {
    if (err_matches(exc_MemoryError))
        sqlite3_result_error_nomem(ctx);
    else if (err_matches(exc_OverflowError))
        sqlite3_result_error_toobig(ctx);
    else
        sqlite3_result_error(ctx, msg, -1);
    report_callback_error(callable);
}

static obj_t *args_tuple(int argc, sqlite3_value **argv) {
    obj_t *t = tuple_new((size_t)argc);
    if (!t) return NULL;
    for (int i = 0; i < argc; i++) {
        obj_t *v = sq_value_to_py(argv[i]);
        if (!v) {
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, i, v);
    }
    return t;
}

void sq_func_call(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    int was = sq_leave();
    sq_cb_t *cb = sqlite3_user_data(ctx);
    obj_t *args = args_tuple(argc, argv);
    obj_t *r = args ? obj_call(cb->callable, TUPLE_ITEMS(args), (size_t)argc, NULL) : NULL;
    XDECREF(args);
    int rc = -1;
    if (r) {
        rc = sq_set_result(ctx, r);
        DECREF(r);
    }
    if (rc < 0) {
        if (!err_occurred()) err_set_str(exc_TypeError, "unsupported result type");
        set_callback_error(ctx, cb->callable, "user-defined function raised exception");
    }
    sq_reenter(was);
}

// Calls inst.<name>(*args) for an aggregate or window function; on error
// sets the SQL error "user-defined aggregate's '<name>' method raised
// error" ("not defined" when the method is missing).  NULL on error.
static obj_t *agg_call(sqlite3_context *ctx, sq_cb_t *cb, obj_t *inst, const char *name, int argc,
                       sqlite3_value **argv) {
    char msg[96];
    obj_t *fn = obj_getattr_str(inst, name);
    if (!fn) {
        bool missing = err_matches(exc_AttributeError);
        snprintf(msg, sizeof msg, "user-defined aggregate's '%s' method %s", name,
                 missing ? "not defined" : "raised error");
        set_callback_error(ctx, cb->callable, msg);
        return NULL;
    }
    obj_t *args = args_tuple(argc, argv);
    obj_t *r = args ? obj_call(fn, TUPLE_ITEMS(args), (size_t)argc, NULL) : NULL;
    DECREF(fn);
    XDECREF(args);
    if (!r) {
        snprintf(msg, sizeof msg, "user-defined aggregate's '%s' method raised error", name);
        set_callback_error(ctx, cb->callable, msg);
    }
    return r;
}

void sq_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    int was = sq_leave();
    sq_cb_t *cb = sqlite3_user_data(ctx);
    obj_t **inst = sqlite3_aggregate_context(ctx, sizeof(obj_t *));
    if (!inst) {
        sqlite3_result_error_nomem(ctx);
        goto out;
    }
    if (!*inst) {
        *inst = obj_call0(cb->callable);
        if (!*inst) {
            set_callback_error(ctx, cb->callable,
                               "user-defined aggregate's '__init__' method raised error");
            goto out;
        }
    }
    obj_t *r = agg_call(ctx, cb, *inst, "step", argc, argv);
    XDECREF(r);
out:
    sq_reenter(was);
}

// xInverse of a window function.
void sq_win_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    int was = sq_leave();
    sq_cb_t *cb = sqlite3_user_data(ctx);
    obj_t **inst = sqlite3_aggregate_context(ctx, 0);
    if (inst && *inst) {
        obj_t *r = agg_call(ctx, cb, *inst, "inverse", argc, argv);
        XDECREF(r);
    }
    sq_reenter(was);
}

// The result of finalize() (final) or value() (window value).
static void agg_result(sqlite3_context *ctx, bool final) {
    int was = sq_leave();
    sq_cb_t *cb = sqlite3_user_data(ctx);
    obj_t **inst = sqlite3_aggregate_context(ctx, 0);
    if (!inst || !*inst) goto out; // no row was stepped: NULL
    // An error left pending by step must not be lost nor confuse finalize.
    obj_t *saved = err_occurred() ? err_fetch() : NULL;
    const char *name = final ? "finalize" : "value";
    obj_t *r = agg_call(ctx, cb, *inst, name, 0, NULL);
    if (final) {
        DECREF(*inst);
        *inst = NULL;
    }
    if (r) {
        int rc = sq_set_result(ctx, r);
        DECREF(r);
        if (rc < 0) {
            char msg[96];
            if (!err_occurred()) err_set_str(exc_TypeError, "unsupported result type");
            snprintf(msg, sizeof msg, "user-defined aggregate's '%s' method raised error", name);
            set_callback_error(ctx, cb->callable, msg);
        }
    }
    if (saved) err_restore(saved);
out:
    sq_reenter(was);
}

void sq_agg_final(sqlite3_context *ctx) {
    agg_result(ctx, true);
}

void sq_win_value(sqlite3_context *ctx) {
    agg_result(ctx, false);
}

// An exception in the callable stays pending, as in CPython: the query
// that sorted raises it.  Once one is pending no more calls are made.
int sq_collation_call(void *ctx, int l1, const void *s1, int l2, const void *s2) {
    int was = sq_leave();
    sq_cb_t *cb = ctx;
    int result = 0;
    if (err_occurred()) {
        sq_reenter(was);
        return 0;
    }
    obj_t *a = str_from_utf8(s1, (size_t)l1);
    obj_t *b = a ? str_from_utf8(s2, (size_t)l2) : NULL;
    obj_t *r = b ? obj_call2(cb->callable, a, b) : NULL;
    XDECREF(a);
    XDECREF(b);
    if (r) {
        if (INT_CHECK(r)) {
            int s = int_sign(r);
            result = s;
        }
        DECREF(r);
    }
    sq_reenter(was);
    return result;
}

static obj_t *str_or_none(const char *s) {
    return s ? str_from_utf8(s, strlen(s)) : NEWREF(None);
}

int sq_authorizer_call(void *ctx, int action, const char *a1, const char *a2, const char *dbn,
                       const char *src) {
    int was = sq_leave();
    sq_cb_t *cb = ctx;
    int rc = SQLITE_DENY;
    obj_t *args[5] = {int_from_i64(action), str_or_none(a1), str_or_none(a2), str_or_none(dbn),
                      str_or_none(src)};
    bool ok = true;
    for (int i = 0; i < 5; i++)
        if (!args[i]) ok = false;
    obj_t *r = ok ? obj_call(cb->callable, args, 5, NULL) : NULL;
    for (int i = 0; i < 5; i++)
        XDECREF(args[i]);
    if (r) {
        int64_t x;
        if (INT_CHECK(r) && int_as_i64(r, &x) == 0 && x >= INT_MIN && x <= INT_MAX) rc = (int)x;
        DECREF(r);
    }
    if (err_occurred()) {
        report_callback_error(cb->callable);
        rc = SQLITE_DENY;
    }
    sq_reenter(was);
    return rc;
}

int sq_progress_call(void *ctx) {
    int was = sq_leave();
    sq_cb_t *cb = ctx;
    int rc = 1;
    obj_t *r = obj_call0(cb->callable);
    if (r) {
        int t = obj_is_true(r);
        DECREF(r);
        rc = t != 0;
    }
    if (err_occurred()) {
        report_callback_error(cb->callable);
        rc = 1;
    }
    sq_reenter(was);
    return rc;
}

int sq_trace_call(unsigned type, void *ctx, void *p, void *x) {
    if (type != SQLITE_TRACE_STMT) return 0;
    sq_cb_t *cb = ctx;
    sqlite3_stmt *st = p;
    char *expanded = sqlite3_expanded_sql(st);
    const char *sql = expanded;
    if (!sql) sql = sqlite3_sql(st);
    int was = sq_leave();
    if (!expanded && sql) {
        err_set_str(SQ_EXC(DataError), "Expanded SQL string exceeds the maximum string length");
        report_callback_error(cb->callable);
    }
    obj_t *s = sql ? str_from_utf8(sql, strlen(sql)) : NULL;
    if (s) {
        obj_t *r = obj_call1(cb->callable, s);
        DECREF(s);
        XDECREF(r);
    }
    if (err_occurred()) report_callback_error(cb->callable);
    sq_reenter(was);
    sqlite3_free(expanded);
    return 0;
}

// ---- module functions -------------------------------------------------------------------

static obj_t *m_connect(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    // connect(database, timeout=5.0, detect_types=0, isolation_level="",
    // check_same_thread=True, factory=Connection, cached_statements=128,
    // uri=False): all arguments go to factory(...), as CPython does
    // (Connection.__init__ takes and ignores `factory`).
    obj_t *factory = (obj_t *)&sq_connection_type;
    if (nargs > 5) {
        factory = args[5];
    } else if (kwnames) {
        for (size_t i = 0; i < TUPLE_SIZE(kwnames); i++)
            if (str_eq_cstr(TUPLE_ITEMS(kwnames)[i], "factory")) factory = args[nargs + i];
    }
    return obj_call(factory, args, nargs, kwnames);
}

static obj_t *m_register_adapter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("register_adapter", nargs, kwnames, 2, 2) < 0) return NULL;
    obj_t *t = args[0];
    if (t == (obj_t *)&int_type || t == (obj_t *)&float_type || t == (obj_t *)&str_type ||
        t == (obj_t *)&bytearray_type)
        atomic_store(&sq.base_type_adapted, true);
    obj_t *key = tuple_pack(2, t, (obj_t *)&sq_prepare_type);
    if (!key) return NULL;
    int rc = dict_set(sq.adapters, key, args[1]);
    DECREF(key);
    if (rc < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_register_converter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("register_converter", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "register_converter() argument 1 must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    obj_t *up = obj_call_method(args[0], "upper", NULL, 0);
    if (!up) return NULL;
    int rc = dict_set(sq.converters, up, args[1]);
    DECREF(up);
    if (rc < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_adapt(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("adapt", nargs, kwnames, 1, 3) < 0) return NULL;
    obj_t *proto = nargs > 1 ? args[1] : (obj_t *)&sq_prepare_type;
    return sq_adapt(args[0], proto, nargs > 2 ? args[2] : NULL);
}

static obj_t *m_complete_statement(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"statement", NULL};
    obj_t *a[1];
    if (args_parse("complete_statement", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    if (!STR_CHECK(a[0])) {
        err_format(exc_TypeError, "complete_statement() argument 'statement' must be str, not %s",
                   obj_type_name(a[0]));
        return NULL;
    }
    return NEWREF(bool_from(sqlite3_complete(str_data(a[0])) != 0));
}

static obj_t *m_enable_callback_tracebacks(obj_t *self, obj_t *const *args, size_t nargs,
                                           obj_t *kwnames) {
    if (args_check("enable_callback_tracebacks", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *i = obj_index(args[0]);
    if (!i) return NULL;
    bool on = int_sign(i) != 0;
    DECREF(i);
    atomic_store(&sq.callback_tracebacks, on);
    return NEWREF(None);
}

static obj_t *m_enable_shared_cache(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"do_enable", NULL};
    obj_t *a[1];
    if (args_parse("enable_shared_cache", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *i = obj_index(a[0]);
    if (!i) return NULL;
    int on = int_sign(i) != 0;
    DECREF(i);
    if (sqlite3_enable_shared_cache(on) != SQLITE_OK) {
        err_set_str(SQ_EXC(OperationalError), "Changing the shared_cache flag failed");
        return NULL;
    }
    return NEWREF(None);
}

static const method_def_t sq_functions[] = {
    {"connect", m_connect, 0, "Opens a connection to the SQLite database file database."},
    {"register_adapter", m_register_adapter, 0,
     "Register a function to adapt Python objects to SQLite values."},
    {"register_converter", m_register_converter, 0,
     "Register a function to convert SQLite values to Python objects."},
    {"adapt", m_adapt, 0, "Adapt given object to given protocol."},
    {"complete_statement", m_complete_statement, 0,
     "Checks if a string contains a complete SQL statement."},
    {"enable_callback_tracebacks", m_enable_callback_tracebacks, 0,
     "Enable or disable callback functions throwing errors to stderr."},
    {"enable_shared_cache", m_enable_shared_cache, 0,
     "Enable or disable shared cache mode for the calling thread."},
    {NULL},
};

// ---- module -----------------------------------------------------------------------------

static pthread_once_t sq_once = PTHREAD_ONCE_INIT;
static bool sq_ready;

static obj_t *new_exc(const char *name, obj_t *base) {
    obj_t *e = exc_new_class("sqlite3", name, (type_t *)base);
    if (e) obj_immortalize(e);
    return e;
}

static void sq_globals_init(void) {
    if (!(sq.Warning = new_exc("Warning", (obj_t *)exc_Exception))) return;
    if (!(sq.Error = new_exc("Error", (obj_t *)exc_Exception))) return;
    if (!(sq.InterfaceError = new_exc("InterfaceError", sq.Error))) return;
    if (!(sq.DatabaseError = new_exc("DatabaseError", sq.Error))) return;
    if (!(sq.InternalError = new_exc("InternalError", sq.DatabaseError))) return;
    if (!(sq.OperationalError = new_exc("OperationalError", sq.DatabaseError))) return;
    if (!(sq.ProgrammingError = new_exc("ProgrammingError", sq.DatabaseError))) return;
    if (!(sq.IntegrityError = new_exc("IntegrityError", sq.DatabaseError))) return;
    if (!(sq.DataError = new_exc("DataError", sq.DatabaseError))) return;
    if (!(sq.NotSupportedError = new_exc("NotSupportedError", sq.DatabaseError))) return;
    sq.adapters = dict_new();
    sq.converters = dict_new();
    if (!sq.adapters || !sq.converters) return;
    obj_immortalize(sq.adapters);
    obj_immortalize(sq.converters);
    if (type_ensure_ready(&sq_connection_type) < 0 || type_ensure_ready(&sq_cursor_type) < 0 ||
        type_ensure_ready(&sq_row_type) < 0 || type_ensure_ready(&sq_prepare_type) < 0 ||
        type_ensure_ready(&sq_blob_type) < 0 || type_ensure_ready(&sq_statement_type) < 0)
        return;
    sq_ready = true;
}

static int add_int(obj_t *md, const char *name, int64_t v) {
    obj_t *o = int_from_i64(v);
    int rc = o ? dict_set_str(md, name, o) : -1;
    XDECREF(o);
    return rc;
}

static int add_str(obj_t *md, const char *name, const char *v) {
    obj_t *o = str_from_cstr(v);
    int rc = o ? dict_set_str(md, name, o) : -1;
    XDECREF(o);
    return rc;
}

obj_t *sqlite_module_init(void) {
    pthread_once(&sq_once, sq_globals_init);
    if (!sq_ready) {
        if (!err_occurred()) err_set_str(exc_ImportError, "_sqlite3: initialization failed");
        return NULL;
    }
    obj_t *m = module_new("_sqlite3");
    if (!m) return NULL;
    obj_t *md = module_dict(m);
    if (module_add_functions(m, sq_functions) < 0) goto fail;
    static const struct {
        const char *name;
        obj_t **v;
    } excs[] = {{"Warning", &sq.Warning},
                {"Error", &sq.Error},
                {"InterfaceError", &sq.InterfaceError},
                {"DatabaseError", &sq.DatabaseError},
                {"InternalError", &sq.InternalError},
                {"OperationalError", &sq.OperationalError},
                {"ProgrammingError", &sq.ProgrammingError},
                {"IntegrityError", &sq.IntegrityError},
                {"DataError", &sq.DataError},
                {"NotSupportedError", &sq.NotSupportedError}};
    for (size_t i = 0; i < sizeof excs / sizeof excs[0]; i++)
        if (dict_set_str(md, excs[i].name, *excs[i].v) < 0) goto fail;
    if (dict_set_str(md, "Connection", (obj_t *)&sq_connection_type) < 0 ||
        dict_set_str(md, "Cursor", (obj_t *)&sq_cursor_type) < 0 ||
        dict_set_str(md, "Row", (obj_t *)&sq_row_type) < 0 ||
        dict_set_str(md, "PrepareProtocol", (obj_t *)&sq_prepare_type) < 0 ||
        dict_set_str(md, "Blob", (obj_t *)&sq_blob_type) < 0 ||
        dict_set_str(md, "adapters", sq.adapters) < 0 ||
        dict_set_str(md, "converters", sq.converters) < 0)
        goto fail;
    for (const sq_const_t *c = error_codes; c->name; c++)
        if (add_int(md, c->name, c->value) < 0) goto fail;
    for (const sq_const_t *c = other_consts; c->name; c++)
        if (add_int(md, c->name, c->value) < 0) goto fail;
    // sqlite3_threadsafe(): 0 single-thread, 1 serialized, 2 multi-thread;
    // DB-API threadsafety: 0, 3, 1 (CPython's mapping).
    int ts = sqlite3_threadsafe();
    if (add_int(md, "PARSE_DECLTYPES", 1) < 0 || add_int(md, "PARSE_COLNAMES", 2) < 0 ||
        add_int(md, "threadsafety",
                ts == 1   ? 3
                : ts == 2 ? 1
                          : 0) < 0 ||
        add_str(md, "sqlite_version", sqlite3_libversion()) < 0 ||
        add_str(md, "version", "2.6.0") < 0)
        goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
