/*
 * modules/sqlite_internal.h — shared between the files of `_sqlite3` (the
 * native half of the sqlite3 package, over Debian's libsqlite3):
 * modules/sqlite.c (module, exceptions, errors, adapters, converters, value
 * conversion, user callbacks), modules/sqlite_conn.c (Connection) and
 * modules/sqlite_cursor.c (Cursor, Row, PrepareProtocol).
 *
 * Concurrency.  libsqlite3 is opened in serialized mode
 * (SQLITE_OPEN_FULLMUTEX): its own mutex makes every call on one database
 * handle safe from any thread.  pvm's objects keep their Python-visible
 * fields under their own critical sections (threads/critical.h):
 *  - conn_t: `db`, `users`, `closing`, the factories, the isolation level
 *    and the callback references change inside the connection's section.
 *    `db` is used only between conn_acquire() and conn_release(): while
 *    `users` > 0 close() only marks the connection closed and the last
 *    release closes the handle, so no thread ever calls libsqlite3 on a
 *    freed handle (statements still held by cursors keep the handle as an
 *    sqlite3_close_v2 "zombie" until they are finalized).
 *  - cursor_t: a cursor in use by execute/fetch is `locked` (taken under the
 *    cursor's section); a second user meanwhile gets CPython's
 *    ProgrammingError "Recursive use of cursors not allowed.", so `stmt`
 *    belongs to the locker alone.  The other fields are read and written
 *    under the section.
 * No section is held across a libsqlite3 call: every call that may take
 * the database mutex or do I/O runs in a blocking region (SQ_BLOCK), so a
 * thread waiting for the database never holds up stop-the-world pauses;
 * callbacks into Python (user functions, aggregates, collations, the
 * authorizer, progress handler and trace callback, destructors) leave the
 * region first (sq_leave / sq_reenter).
 */
#ifndef PVM_SQLITE_INTERNAL_H
#define PVM_SQLITE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "../objects/object.h"

// Module-wide objects, created once and immortal.
typedef struct {
    obj_t *Warning, *Error, *InterfaceError, *DatabaseError, *DataError, *OperationalError,
        *IntegrityError, *InternalError, *ProgrammingError, *NotSupportedError;
    obj_t *adapters;   // dict (type, proto) -> adapter
    obj_t *converters; // dict UPPER name -> converter
    _Atomic bool base_type_adapted;
    _Atomic bool callback_tracebacks;
} sq_state_t;
extern sq_state_t sq;

#define SQ_EXC(name) ((type_t *)sq.name)

extern type_t sq_connection_type, sq_cursor_type, sq_row_type, sq_prepare_type, sq_blob_type,
    sq_statement_type;

// One user function / aggregate / collation / handler registered with
// libsqlite3: the callable and the connection's text factory.
typedef struct {
    obj_t *callable;
} sq_cb_t;

// A prepared statement kept for reuse (the connection's statement cache):
// a statement is either in the cache or checked out by one cursor, never
// both, so no two threads ever use one sqlite3_stmt.
typedef struct {
    obj_t *sql; // the exact str it was prepared from
    sqlite3_stmt *st;
    bool is_dml;
} sq_cached_t;

typedef struct {
    obj_t ob;
    sqlite3 *db;              // section; NULL when closed (or never opened)
    sq_cached_t *cache;       // section: oldest first
    int cache_len, cache_cap; // section; cap: cached_statements
    int users;                // section: threads between conn_acquire and conn_release
    bool closing;             // section: close() was called
    bool initialized;         // section: __init__ succeeded once
    bool check_same_thread;   // set by __init__
    unsigned long thread_ident;
    int detect_types;
    obj_t *isolation_level; // section: None or str
    const char *begin;      // section: "BEGIN ", "BEGIN DEFERRED" ... or NULL (autocommit)
    obj_t *row_factory;     // section
    obj_t *text_factory;    // section
    sq_cb_t *authorizer, *progress, *trace; // section: the installed handlers (owned here)
} conn_t;

typedef struct {
    obj_t ob;
    obj_t *connection;  // conn_t, set by __init__
    sqlite3_stmt *stmt; // owned by the locker
    obj_t *stmt_sql;    // the str stmt was prepared from (for the cache)
    bool stmt_is_dml;
    bool locked; // section
    bool closed; // section
    bool initialized;
    obj_t *description; // section
    obj_t *lastrowid;   // section
    int64_t rowcount;   // section
    int64_t arraysize;  // section
    obj_t *row_factory; // section
    obj_t *converters;  // list of converters (None or callable) for the current statement
} cursor_t;

// Blocking regions around libsqlite3 calls (see the top of this file).
extern __thread int sq_blocked;
void sq_block_begin(void);
void sq_block_end(void);
#define SQ_BLOCK(stmt)                                                                             \
    do {                                                                                           \
        sq_block_begin();                                                                          \
        stmt;                                                                                      \
        sq_block_end();                                                                            \
    } while (0)
// In a callback: leaves the blocking region if the thread is in one;
// returns what sq_reenter needs.
int sq_leave(void);
void sq_reenter(int was);

// Errors.
void sq_set_error(sqlite3 *db); // raises the exception for sqlite3_errcode(db)
void sq_set_error_code(int code, const char *msg);
unsigned long sq_thread_ident(void);

// Connection helpers.
int conn_check_thread(conn_t *c);
int conn_check(conn_t *c); // thread + initialized + open
sqlite3 *conn_acquire(conn_t *c);
void conn_release(conn_t *c);
int conn_begin_if_needed(conn_t *c, sqlite3 *db, bool is_dml);
obj_t *conn_get_field(conn_t *c, obj_t **field); // new ref read under section
// The statement cache: take checks a statement for `sql` out (NULL: none),
// put gives one back (reset by the caller) or finalizes it.
sqlite3_stmt *conn_cache_take(conn_t *c, obj_t *sql, bool *is_dml);
void conn_cache_put(conn_t *c, obj_t *sql, sqlite3_stmt *st, bool is_dml);

// Values.
PVM_WUR obj_t *sq_adapt(obj_t *obj, obj_t *proto, obj_t *alt);
bool sq_need_adapt(obj_t *obj);
int sq_bind(sqlite3_stmt *st, int i, obj_t *v); // SQLITE_OK or an error code; -1 + Python error
PVM_WUR obj_t *sq_value_to_py(sqlite3_value *v);
int sq_set_result(sqlite3_context *ctx, obj_t *v); // -1 (no Python error) if unsupported
PVM_WUR obj_t *sq_get_converter(obj_t *name_str);

// Callback registration (modules/sqlite.c).
void sq_func_call(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void sq_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void sq_agg_final(sqlite3_context *ctx);
void sq_win_value(sqlite3_context *ctx);
void sq_win_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv);
int sq_collation_call(void *ctx, int l1, const void *s1, int l2, const void *s2);
int sq_authorizer_call(void *ctx, int action, const char *a1, const char *a2, const char *dbn,
                       const char *src);
int sq_progress_call(void *ctx);
int sq_trace_call(unsigned type, void *ctx, void *p, void *x);
sq_cb_t *sq_cb_new(obj_t *callable);
void sq_cb_free(void *cb);

PVM_WUR obj_t *sq_blob_open(obj_t *conn, obj_t *const *args, size_t nargs, obj_t *kwnames);

// Cursor helpers used by Connection.
int sq_prepare(sqlite3 *db, obj_t *sql, sqlite3_stmt **out);
PVM_WUR obj_t *cursor_execute_impl(obj_t *self, obj_t *sql, obj_t *params, bool many);
PVM_WUR obj_t *cursor_executescript_impl(obj_t *self, obj_t *script);

#endif // PVM_SQLITE_INTERNAL_H
