/*
 * modules/csv.c — the `_csv` module, the native half of CPython 3.11's
 * csv.py: Dialect (validated, immutable formatting parameters), reader and
 * writer objects, the dialect registry (register_dialect, get_dialect,
 * unregister_dialect, list_dialects, the `_dialects` dict), field_size_limit,
 * Error and the QUOTE_* constants, with CPython's results and messages.
 *
 * The reader is CPython's state machine over code points (text is decoded
 * from the line's UTF-8 one code point at a time; a field is collected as
 * UTF-8 bytes).  The writer builds each record in a local buffer in two
 * passes over every field (the first decides whether it must be quoted).
 *
 * Concurrency: a Dialect never changes after construction, so it is read
 * without locks.  The registry is one dict shared by every thread; its
 * updates are single dict operations, which the dict makes atomic in its
 * own critical section, and lookups are plain dict reads.  The field size
 * limit is an atomic int64.  A reader's parse state (state, current field,
 * fields of the record so far, line_num) changes only inside the reader's
 * critical section, one whole line at a time; the underlying iterator's
 * __next__ runs before the section is entered, and the finished record is
 * turned into a list after it is left.  Threads sharing one reader each get
 * whole records (lines are fed in the order the threads got them).  The
 * parse state is reset after each record and after an error, so a reader
 * behaves as CPython's (which resets at the start of each __next__).  A
 * writer has no mutable state: each writerow builds its line in a local
 * buffer and calls the file's write outside any section.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/complex.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"

#define NOT_SET (-1) // an unset quotechar / escapechar
#define EOL     (-2) // end of a line, fed to the reader's state machine

enum { QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE };

static obj_t *csv_error;    // _csv.Error (immortal)
static obj_t *csv_registry; // _csv._dialects (immortal dict)
static _Atomic int64_t field_limit = 128 * 1024;

// ---- Dialect -------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    int32_t delimiter;
    int32_t quotechar;  // NOT_SET when None
    int32_t escapechar; // NOT_SET when None
    bool doublequote, skipinitialspace, strict;
    int quoting;
    obj_t *lineterminator; // str
} dialect_t;

static type_t dialect_type;

// Argument order of Dialect(): the dialect, then the attributes.
static const char *const dialect_kw[] = {
    "dialect",   "delimiter", "doublequote",      "escapechar", "lineterminator",
    "quotechar", "quoting",   "skipinitialspace", "strict",     NULL};
enum {
    A_DIALECT,
    A_DELIMITER,
    A_DOUBLEQUOTE,
    A_ESCAPECHAR,
    A_LINETERMINATOR,
    A_QUOTECHAR,
    A_QUOTING,
    A_SKIPINITIALSPACE,
    A_STRICT,
    A_COUNT
};

static void dialect_dealloc(obj_t *o) {
    XDECREF(((dialect_t *)o)->lineterminator);
    obj_free(o);
}

static int set_char(const char *name, int32_t *target, obj_t *src, int32_t dflt, bool or_none) {
    if (src == NULL) {
        *target = dflt;
        return 0;
    }
    if (or_none && src == None) {
        *target = NOT_SET;
        return 0;
    }
    if (!STR_CHECK(src)) {
        err_format(exc_TypeError, "\"%s\" must be string%s, not %s", name,
                   or_none ? " or None" : "", obj_type_name(src));
        return -1;
    }
    if (str_len(src) != 1) {
        err_format(exc_TypeError, "\"%s\" must be a 1-character string", name);
        return -1;
    }
    const char *p = str_data(src);
    *target = (int32_t)utf8_decode(&p);
    return 0;
}

static int set_bool(bool *target, obj_t *src, bool dflt) {
    if (src == NULL) {
        *target = dflt;
        return 0;
    }
    int t = obj_is_true(src);
    if (t < 0) return -1;
    *target = t;
    return 0;
}

// vals: A_COUNT borrowed values or NULL (absent).
static obj_t *dialect_make(type_t *type, obj_t *const *given) {
    obj_t *own[A_COUNT] = {0};
    obj_t *result = NULL;
    for (int i = 0; i < A_COUNT; i++)
        own[i] = given[i] ? NEWREF(given[i]) : NULL;
    obj_t *d = own[A_DIALECT];
    if (d != NULL) {
        if (STR_CHECK(d)) {
            obj_t *found = dict_get(csv_registry, d);
            if (found == NULL) {
                if (!err_occurred()) err_set_str((type_t *)csv_error, "unknown dialect");
                goto done;
            }
            DECREF(d);
            own[A_DIALECT] = d = found;
        }
        bool reuse = type_is_subtype(TYPE(d), &dialect_type);
        for (int i = 1; i < A_COUNT && reuse; i++)
            if (own[i]) reuse = false;
        if (reuse) {
            result = NEWREF(d);
            goto done;
        }
        for (int i = 1; i < A_COUNT; i++) {
            if (own[i]) continue;
            own[i] = obj_getattr_str(d, dialect_kw[i]);
            if (own[i] == NULL) err_clear();
        }
    }
    dialect_t *self = (dialect_t *)obj_alloc(type, type->basicsize);
    if (self == NULL) goto done;
    if (set_char("delimiter", &self->delimiter, own[A_DELIMITER], ',', false) < 0 ||
        set_bool(&self->doublequote, own[A_DOUBLEQUOTE], true) < 0 ||
        set_char("escapechar", &self->escapechar, own[A_ESCAPECHAR], NOT_SET, true) < 0)
        goto fail;
    obj_t *lt = own[A_LINETERMINATOR];
    if (lt == NULL) {
        self->lineterminator = str_from_cstr("\r\n");
        if (self->lineterminator == NULL) goto fail;
    } else if (lt != None) {
        if (!STR_CHECK(lt)) {
            err_set_str(exc_TypeError, "\"lineterminator\" must be a string");
            goto fail;
        }
        self->lineterminator = NEWREF(lt);
    }
    if (set_char("quotechar", &self->quotechar, own[A_QUOTECHAR], '"', true) < 0) goto fail;
    obj_t *q = own[A_QUOTING];
    if (q == NULL) {
        self->quoting = QUOTE_MINIMAL;
    } else {
        if (!IS_SMALLINT(q) && TYPE(q) != &int_type) { // exact int only, as CPython
            err_set_str(exc_TypeError, "\"quoting\" must be an integer");
            goto fail;
        }
        int64_t v;
        if (int_as_i64(q, &v) < 0 || v < INT32_MIN || v > INT32_MAX) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
            goto fail;
        }
        self->quoting = (int)v;
    }
    if (set_bool(&self->skipinitialspace, own[A_SKIPINITIALSPACE], false) < 0 ||
        set_bool(&self->strict, own[A_STRICT], false) < 0)
        goto fail;
    if (self->quoting < QUOTE_MINIMAL || self->quoting > QUOTE_NONE) {
        err_set_str(exc_TypeError, "bad \"quoting\" value");
        goto fail;
    }
    if (own[A_QUOTECHAR] == None && own[A_QUOTING] == NULL) self->quoting = QUOTE_NONE;
    if (self->quoting != QUOTE_NONE && self->quotechar == NOT_SET) {
        err_set_str(exc_TypeError, "quotechar must be set if quoting enabled");
        goto fail;
    }
    if (self->lineterminator == NULL) {
        err_set_str(exc_TypeError, "lineterminator must be set");
        goto fail;
    }
    result = (obj_t *)self;
    goto done;
fail:
    DECREF((obj_t *)self);
done:
    for (int i = 0; i < A_COUNT; i++)
        XDECREF(own[i]);
    return result;
}

// Binds Dialect()'s arguments (positional, then keywords) into vals.
static int dialect_bind(obj_t *const *args, size_t nargs, obj_t *const *kwvals, obj_t *kwnames,
                        obj_t **vals) {
    for (int i = 0; i < A_COUNT; i++)
        vals[i] = NULL;
    if (nargs > A_COUNT) {
        err_format(exc_TypeError, "function takes at most %d arguments (%zu given)", A_COUNT,
                   nargs);
        return -1;
    }
    for (size_t i = 0; i < nargs; i++)
        vals[i] = args[i];
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        obj_t *name = TUPLE_GET(kwnames, k);
        int idx = -1;
        for (int i = 0; i < A_COUNT; i++)
            if (str_eq_cstr(name, dialect_kw[i])) idx = i;
        if (idx < 0) {
            err_format(exc_TypeError, "'%U' is an invalid keyword argument for this function",
                       name);
            return -1;
        }
        if ((size_t)idx < nargs) {
            err_format(exc_TypeError,
                       "argument for function given by name ('%s') and position (%d)",
                       dialect_kw[idx], idx + 1);
            return -1;
        }
        vals[idx] = kwvals[k];
    }
    return 0;
}

static obj_t *dialect_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *vals[A_COUNT];
    if (dialect_bind(args, nargs, args + nargs, kwnames, vals) < 0) return NULL;
    return dialect_make(type, vals);
}

// Dialect(dialect, **kwargs) for reader(), writer() and register_dialect().
static dialect_t *call_dialect(obj_t *dialect, obj_t *const *kwvals, obj_t *kwnames) {
    obj_t *vals[A_COUNT];
    if (dialect_bind(&dialect, dialect ? 1 : 0, kwvals, kwnames, vals) < 0) return NULL;
    return (dialect_t *)dialect_make(&dialect_type, vals);
}

static obj_t *char_or_none(int32_t c) {
    return c == NOT_SET ? NEWREF(None) : str_from_codepoint((uint32_t)c);
}

static obj_t *d_delimiter(obj_t *o, void *c) {
    return char_or_none(((dialect_t *)o)->delimiter);
}
static obj_t *d_escapechar(obj_t *o, void *c) {
    return char_or_none(((dialect_t *)o)->escapechar);
}
static obj_t *d_quotechar(obj_t *o, void *c) {
    return char_or_none(((dialect_t *)o)->quotechar);
}
static obj_t *d_lineterminator(obj_t *o, void *c) {
    return NEWREF(((dialect_t *)o)->lineterminator);
}
static obj_t *d_quoting(obj_t *o, void *c) {
    return int_from_i64(((dialect_t *)o)->quoting);
}

static int d_readonly(obj_t *o, obj_t *v, void *name) {
    err_format(exc_AttributeError, "attribute '%s' of '_csv.Dialect' objects is not writable",
               (const char *)name);
    return -1;
}

static const getset_def_t dialect_getsets[] = {
    {"delimiter", d_delimiter, d_readonly, "delimiter"},
    {"escapechar", d_escapechar, d_readonly, "escapechar"},
    {"lineterminator", d_lineterminator, d_readonly, "lineterminator"},
    {"quotechar", d_quotechar, d_readonly, "quotechar"},
    {"quoting", d_quoting, d_readonly, "quoting"},
    {NULL},
};

static const member_def_t dialect_members[] = {
    {"doublequote", MEMBER_BOOL, offsetof(dialect_t, doublequote), true},
    {"skipinitialspace", MEMBER_BOOL, offsetof(dialect_t, skipinitialspace), true},
    {"strict", MEMBER_BOOL, offsetof(dialect_t, strict), true},
    {NULL},
};

static type_t dialect_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_csv.Dialect",
    .basicsize = sizeof(dialect_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = dialect_dealloc,
    .tp_new = dialect_new,
    .getsets = dialect_getsets,
    .members = dialect_members,
    .doc = "CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n",
};

// ---- reader --------------------------------------------------------------------------

enum {
    START_RECORD,
    START_FIELD,
    ESCAPED_CHAR,
    IN_FIELD,
    IN_QUOTED_FIELD,
    ESCAPE_IN_QUOTED_FIELD,
    QUOTE_IN_QUOTED_FIELD,
    EAT_CRNL,
    AFTER_ESCAPED_CRNL
};

typedef struct {
    obj_t ob;
    obj_t *input_iter;  // immutable
    dialect_t *dialect; // immutable
    // Parse state, changed only in the reader's critical section.
    int state;
    bool numeric_field;
    char *field; // UTF-8 bytes of the current field
    size_t field_nbytes, field_cap, field_len;
    obj_t **fields; // the record's finished fields (owned)
    size_t nfields, fields_cap;
    _Atomic int64_t line_num;
} reader_t;

static type_t reader_type, writer_type;

static void reader_drop_fields(reader_t *r) {
    for (size_t i = 0; i < r->nfields; i++)
        DECREF(r->fields[i]);
    r->nfields = 0;
}

static void reader_reset(reader_t *r) {
    reader_drop_fields(r);
    r->field_nbytes = r->field_len = 0;
    r->state = START_RECORD;
    r->numeric_field = false;
}

static void reader_dealloc(obj_t *o) {
    reader_t *r = (reader_t *)o;
    reader_drop_fields(r);
    free(r->fields);
    free(r->field);
    XDECREF(r->input_iter);
    XDECREF((obj_t *)r->dialect);
    obj_free(o);
}

static int parse_save_field(reader_t *r) {
    obj_t *f = str_from_utf8_trusted(r->field ? r->field : "", r->field_nbytes);
    if (f == NULL) return -1;
    r->field_nbytes = r->field_len = 0;
    if (r->numeric_field) {
        r->numeric_field = false;
        obj_t *n = float_from_object(f);
        DECREF(f);
        if (n == NULL) return -1;
        f = n;
    }
    if (r->nfields == r->fields_cap) {
        size_t cap = r->fields_cap ? r->fields_cap * 2 : 8;
        obj_t **nf = realloc(r->fields, cap * sizeof(obj_t *));
        if (nf == NULL) {
            DECREF(f);
            err_no_memory();
            return -1;
        }
        r->fields = nf;
        r->fields_cap = cap;
    }
    r->fields[r->nfields++] = f;
    return 0;
}

static int parse_add_char(reader_t *r, int32_t c) {
    int64_t limit = atomic_load_explicit(&field_limit, memory_order_relaxed);
    if ((int64_t)r->field_len >= limit) {
        err_format((type_t *)csv_error, "field larger than field limit (%lld)", (long long)limit);
        return -1;
    }
    if (r->field_nbytes + 4 > r->field_cap) {
        size_t cap = r->field_cap ? r->field_cap * 2 : 64;
        char *nf = realloc(r->field, cap);
        if (nf == NULL) {
            err_no_memory();
            return -1;
        }
        r->field = nf;
        r->field_cap = cap;
    }
    r->field_nbytes += (size_t)utf8_encode((uint32_t)c, r->field + r->field_nbytes);
    r->field_len++;
    return 0;
}

// One step of the state machine: c is a code point or EOL.
static int parse_char(reader_t *r, int32_t c) {
    dialect_t *d = r->dialect;
    bool nl = c == '\n' || c == '\r';
    switch (r->state) {
    case START_RECORD:
        if (c == EOL) break;
        if (nl) {
            r->state = EAT_CRNL;
            break;
        }
        r->state = START_FIELD;
        // fall through
    case START_FIELD:
        if (nl || c == EOL) {
            if (parse_save_field(r) < 0) return -1;
            r->state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (c == d->quotechar && d->quoting != QUOTE_NONE) {
            r->state = IN_QUOTED_FIELD;
        } else if (c == d->escapechar) {
            r->state = ESCAPED_CHAR;
        } else if (c == ' ' && d->skipinitialspace) {
            // skip spaces at the start of a field
        } else if (c == d->delimiter) {
            if (parse_save_field(r) < 0) return -1;
        } else {
            if (d->quoting == QUOTE_NONNUMERIC) r->numeric_field = true;
            if (parse_add_char(r, c) < 0) return -1;
            r->state = IN_FIELD;
        }
        break;
    case ESCAPED_CHAR:
        if (nl) {
            if (parse_add_char(r, c) < 0) return -1;
            r->state = AFTER_ESCAPED_CRNL;
            break;
        }
        if (c == EOL) c = '\n';
        if (parse_add_char(r, c) < 0) return -1;
        r->state = IN_FIELD;
        break;
    case AFTER_ESCAPED_CRNL:
        if (c == EOL) break;
        // fall through
    case IN_FIELD:
        if (nl || c == EOL) {
            if (parse_save_field(r) < 0) return -1;
            r->state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (c == d->escapechar) {
            r->state = ESCAPED_CHAR;
        } else if (c == d->delimiter) {
            if (parse_save_field(r) < 0) return -1;
            r->state = START_FIELD;
        } else if (parse_add_char(r, c) < 0) {
            return -1;
        }
        break;
    case IN_QUOTED_FIELD:
        if (c == EOL) {
            // the field goes on on the next line
        } else if (c == d->escapechar) {
            r->state = ESCAPE_IN_QUOTED_FIELD;
        } else if (c == d->quotechar && d->quoting != QUOTE_NONE) {
            r->state = d->doublequote ? QUOTE_IN_QUOTED_FIELD : IN_FIELD;
        } else if (parse_add_char(r, c) < 0) {
            return -1;
        }
        break;
    case ESCAPE_IN_QUOTED_FIELD:
        if (c == EOL) c = '\n';
        if (parse_add_char(r, c) < 0) return -1;
        r->state = IN_QUOTED_FIELD;
        break;
    case QUOTE_IN_QUOTED_FIELD:
        if (d->quoting != QUOTE_NONE && c == d->quotechar) {
            if (parse_add_char(r, c) < 0) return -1;
            r->state = IN_QUOTED_FIELD;
        } else if (c == d->delimiter) {
            if (parse_save_field(r) < 0) return -1;
            r->state = START_FIELD;
        } else if (nl || c == EOL) {
            if (parse_save_field(r) < 0) return -1;
            r->state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (!d->strict) {
            if (parse_add_char(r, c) < 0) return -1;
            r->state = IN_FIELD;
        } else {
            char a[5] = {0}, b[5] = {0};
            utf8_encode((uint32_t)d->delimiter, a);
            utf8_encode((uint32_t)d->quotechar, b);
            err_format((type_t *)csv_error, "'%s' expected after '%s'", a, b);
            return -1;
        }
        break;
    case EAT_CRNL:
        if (nl) break;
        if (c == EOL) {
            r->state = START_RECORD;
            break;
        }
        err_set_str((type_t *)csv_error, "new-line character seen in unquoted field - do you need "
                                         "to open the file in universal-newline mode?");
        return -1;
    }
    return 0;
}

// Moves the finished record's fields out (the section is held).
static obj_t **reader_take(reader_t *r, size_t *n) {
    obj_t **f = r->fields;
    *n = r->nfields;
    r->fields = NULL;
    r->nfields = r->fields_cap = 0;
    reader_reset(r);
    return f;
}

static obj_t *record_list(obj_t **f, size_t n) {
    obj_t *l = list_from_array(f, n);
    for (size_t i = 0; i < n; i++)
        DECREF(f[i]);
    free(f);
    return l;
}

static obj_t *reader_next(obj_t *o) {
    reader_t *r = (reader_t *)o;
    for (;;) {
        obj_t *line = obj_iternext(r->input_iter);
        obj_t **rec = NULL;
        size_t n = 0;
        int rc = 0;
        if (line == NULL) {
            if (err_occurred()) return NULL;
            BEGIN_CRITICAL_SECTION(r);
            if (r->field_len != 0 || r->state == IN_QUOTED_FIELD) {
                if (r->dialect->strict) {
                    err_set_str((type_t *)csv_error, "unexpected end of data");
                    rc = -1;
                } else if (parse_save_field(r) < 0) {
                    rc = -1;
                } else {
                    rec = reader_take(r, &n);
                    rc = 1;
                }
            }
            reader_reset(r);
            END_CRITICAL_SECTION();
            return rc == 1 ? record_list(rec, n) : NULL;
        }
        if (!STR_CHECK(line)) {
            err_format((type_t *)csv_error,
                       "iterator should return strings, not %s (the file should be opened in "
                       "text mode)",
                       obj_type_name(line));
            DECREF(line);
            return NULL;
        }
        BEGIN_CRITICAL_SECTION(r);
        atomic_fetch_add_explicit(&r->line_num, 1, memory_order_relaxed);
        const char *p = str_data(line), *end = p + str_nbytes(line);
        while (p < end) {
            int32_t c = (unsigned char)*p < 0x80 ? *p++ : (int32_t)utf8_decode(&p);
            if (parse_char(r, c) < 0) {
                rc = -1;
                break;
            }
        }
        if (rc == 0 && parse_char(r, EOL) < 0) rc = -1;
        if (rc < 0) {
            reader_reset(r);
        } else if (r->state == START_RECORD) {
            rec = reader_take(r, &n);
            rc = 1;
        }
        END_CRITICAL_SECTION();
        DECREF(line);
        if (rc < 0) return NULL;
        if (rc == 1) return record_list(rec, n);
    }
}

static obj_t *reader_self_iter(obj_t *self) {
    return NEWREF(self);
}

static obj_t *r_line_num(obj_t *o, void *c) {
    return int_from_i64(atomic_load_explicit(&((reader_t *)o)->line_num, memory_order_relaxed));
}

// line_num is a member in CPython: its message.
static int r_readonly(obj_t *o, obj_t *v, void *c) {
    err_set_str(exc_AttributeError, "readonly attribute");
    return -1;
}

static const member_def_t reader_members[] = {
    {"dialect", MEMBER_OBJECT, offsetof(reader_t, dialect), true},
    {NULL},
};

static const getset_def_t reader_getsets[] = {
    {"line_num", r_line_num, r_readonly, NULL},
    {NULL},
};

static type_t reader_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_csv.reader",
    .basicsize = sizeof(reader_t),
    .base = &object_type,
    .dealloc = reader_dealloc,
    .iter = reader_self_iter,
    .iternext = reader_next,
    .members = reader_members,
    .getsets = reader_getsets,
    .doc = "CSV reader\n\nReader objects are responsible for reading and parsing tabular data\n"
           "in CSV format.\n",
};

// Splits reader()/writer()'s arguments: the file and an optional dialect.
static int file_and_dialect(size_t nargs, size_t nkw) {
    if (nargs < 1) {
        err_format(exc_TypeError, " expected at least 1 argument, got %zu", nargs);
        return -1;
    }
    if (nargs > 2) {
        err_format(exc_TypeError, " expected at most 2 arguments, got %zu", nargs);
        return -1;
    }
    return 0;
}

static obj_t *csv_reader(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (file_and_dialect(nargs, 0) < 0) return NULL;
    obj_t *it = obj_iter(args[0]);
    if (it == NULL) return NULL;
    dialect_t *d = call_dialect(nargs > 1 ? args[1] : NULL, args + nargs, kwnames);
    if (d == NULL) {
        DECREF(it);
        return NULL;
    }
    reader_t *r = (reader_t *)obj_alloc(&reader_type, sizeof(reader_t));
    if (r == NULL) {
        DECREF(it);
        DECREF((obj_t *)d);
        return NULL;
    }
    r->input_iter = it;
    r->dialect = d;
    r->state = START_RECORD;
    return (obj_t *)r;
}

// ---- writer --------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *write;       // the file's bound write method (immutable)
    dialect_t *dialect; // immutable
} writer_t;

static void writer_dealloc(obj_t *o) {
    writer_t *w = (writer_t *)o;
    XDECREF(w->write);
    XDECREF((obj_t *)w->dialect);
    obj_free(o);
}

static bool in_str(obj_t *s, int32_t c) {
    const char *p = str_data(s), *end = p + str_nbytes(s);
    while (p < end)
        if ((int32_t)utf8_decode(&p) == c) return true;
    return false;
}

// What a field's character c needs: 0 nothing, 1 the field quoted, 2 an
// escape before it, 3 the quote doubled; -1 + Error when it needs an escape
// and there is no escapechar.
static int char_need(dialect_t *d, int32_t c) {
    if (!(c == d->delimiter || c == d->escapechar || c == d->quotechar ||
          in_str(d->lineterminator, c)))
        return 0;
    bool esc = false;
    int need = 1;
    if (d->quoting == QUOTE_NONE) {
        esc = true;
    } else if (c == d->quotechar) {
        if (d->doublequote)
            need = 3;
        else
            esc = true;
    } else if (c == d->escapechar) {
        esc = true;
    }
    if (!esc) return need;
    if (d->escapechar == NOT_SET) {
        err_set_str((type_t *)csv_error, "need to escape, but no escapechar set");
        return -1;
    }
    return 2;
}

// Appends one field (NULL: empty) to the record in b.
static int join_append(str_builder_t *b, dialect_t *d, obj_t *field, bool quoted, size_t nfields) {
    const char *start = field ? str_data(field) : "",
               *end = start + (field ? str_nbytes(field) : 0);
    for (const char *p = start; p < end;) {
        int need = char_need(d, (int32_t)utf8_decode(&p));
        if (need < 0) return -1;
        if (need == 1 || need == 3) quoted = true;
    }
    if (nfields > 0) str_builder_add_codepoint(b, (uint32_t)d->delimiter);
    if (quoted) str_builder_add_codepoint(b, (uint32_t)d->quotechar);
    for (const char *p = start; p < end;) {
        int32_t c = (int32_t)utf8_decode(&p);
        int need = char_need(d, c);
        if (need == 3) str_builder_add_codepoint(b, (uint32_t)d->quotechar);
        if (need == 2) str_builder_add_codepoint(b, (uint32_t)d->escapechar);
        str_builder_add_codepoint(b, (uint32_t)c);
    }
    if (quoted) str_builder_add_codepoint(b, (uint32_t)d->quotechar);
    return 0;
}

// PyNumber_Check: the value converts to a number.
static bool is_number(obj_t *v) {
    if (INT_CHECK(v) || FLOAT_CHECK(v) || COMPLEX_CHECK(v)) return true;
    type_t *t = TYPE(v);
    return t->nb_int != NULL || t->nb_float != NULL || t->nb_index != NULL;
}

static obj_t *w_writerow(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("writer.writerow", nargs, kwnames, 1, 1) < 0) return NULL;
    writer_t *w = (writer_t *)self;
    dialect_t *d = w->dialect;
    obj_t *it = obj_iter(args[0]);
    if (it == NULL) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_format((type_t *)csv_error, "iterable expected, not %s", obj_type_name(args[0]));
        }
        return NULL;
    }
    str_builder_t b;
    str_builder_init(&b);
    size_t nfields = 0;
    obj_t *field;
    while ((field = obj_iternext(it)) != NULL) {
        bool quoted =
            d->quoting == QUOTE_ALL || (d->quoting == QUOTE_NONNUMERIC && !is_number(field));
        obj_t *s = NULL;
        if (STR_CHECK(field)) {
            s = NEWREF(field);
        } else if (field != None) {
            s = obj_str(field);
            if (s == NULL) {
                DECREF(field);
                goto fail;
            }
        }
        DECREF(field);
        int rc = join_append(&b, d, s, quoted, nfields);
        XDECREF(s);
        if (rc < 0) goto fail;
        nfields++;
    }
    if (err_occurred()) goto fail;
    DECREF(it);
    it = NULL;
    if (nfields > 0 && b.len == 0) {
        if (d->quoting == QUOTE_NONE) {
            err_set_str((type_t *)csv_error, "single empty field record must be quoted");
            goto fail;
        }
        if (join_append(&b, d, NULL, true, 0) < 0) goto fail;
    }
    str_builder_add_str(&b, d->lineterminator);
    obj_t *line = str_builder_finish(&b);
    if (line == NULL) return NULL;
    obj_t *res = obj_call1(w->write, line);
    DECREF(line);
    return res;
fail:
    XDECREF(it);
    str_builder_discard(&b);
    return NULL;
}

static obj_t *w_writerows(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("writer.writerows", nargs, kwnames, 1, 1) < 0) return NULL;
    return obj_apply_each(self, args[0], w_writerow);
}

static const method_def_t writer_methods[] = {
    {"writerow", w_writerow, METH_DEFAULT,
     "writerow(iterable)\n\nConstruct and write a CSV record from an iterable of fields.  "
     "Non-string\n"
     "elements will be converted to string."},
    {"writerows", w_writerows, METH_DEFAULT,
     "writerows(iterable of iterables)\n\nConstruct and write a series of iterables to a csv "
     "file.\n"
     "Non-string elements will be converted to string."},
    {NULL},
};

static const member_def_t writer_members[] = {
    {"dialect", MEMBER_OBJECT, offsetof(writer_t, dialect), true},
    {NULL},
};

static type_t writer_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_csv.writer",
    .basicsize = sizeof(writer_t),
    .base = &object_type,
    .dealloc = writer_dealloc,
    .methods = writer_methods,
    .members = writer_members,
    .doc = "CSV writer\n\nWriter objects are responsible for generating tabular data\n"
           "in CSV format from sequence input.\n",
};

static obj_t *csv_writer(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (file_and_dialect(nargs, 0) < 0) return NULL;
    obj_t *write = obj_lookup_attr(args[0], str_intern("write"));
    if (write == NULL && err_occurred()) return NULL;
    if (write == NULL || !obj_is_callable(write)) {
        XDECREF(write);
        err_set_str(exc_TypeError, "argument 1 must have a \"write\" method");
        return NULL;
    }
    dialect_t *d = call_dialect(nargs > 1 ? args[1] : NULL, args + nargs, kwnames);
    if (d == NULL) {
        DECREF(write);
        return NULL;
    }
    writer_t *w = (writer_t *)obj_alloc(&writer_type, sizeof(writer_t));
    if (w == NULL) {
        DECREF(write);
        DECREF((obj_t *)d);
        return NULL;
    }
    w->write = write;
    w->dialect = d;
    return (obj_t *)w;
}

// ---- the registry and field_size_limit -------------------------------------------------

static obj_t *csv_register_dialect(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (file_and_dialect(nargs, 0) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_set_str(exc_TypeError, "dialect name must be a string");
        return NULL;
    }
    dialect_t *d = call_dialect(nargs > 1 ? args[1] : NULL, args + nargs, kwnames);
    if (d == NULL) return NULL;
    int rc = dict_set(csv_registry, args[0], (obj_t *)d);
    DECREF((obj_t *)d);
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *csv_unregister_dialect(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", NULL};
    obj_t *name;
    if (nargs > 1) {
        err_format(exc_TypeError, "unregister_dialect() takes at most 1 argument (%zu given)",
                   nargs);
        return NULL;
    }
    if (args_parse("unregister_dialect", args, nargs, kwnames, names, 1, &name) < 0) return NULL;
    if (dict_del(csv_registry, name) < 0) {
        if (err_matches(exc_KeyError)) {
            err_clear();
            err_set_str((type_t *)csv_error, "unknown dialect");
        }
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *csv_get_dialect(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", NULL};
    obj_t *name;
    if (nargs > 1) {
        err_format(exc_TypeError, "get_dialect() takes at most 1 argument (%zu given)", nargs);
        return NULL;
    }
    if (args_parse("get_dialect", args, nargs, kwnames, names, 1, &name) < 0) return NULL;
    obj_t *d = dict_get(csv_registry, name);
    if (d == NULL && !err_occurred()) err_set_str((type_t *)csv_error, "unknown dialect");
    return d;
}

static obj_t *csv_list_dialects(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_csv.list_dialects", nargs, kwnames, 0, 0) < 0) return NULL;
    return dict_keys_list(csv_registry);
}

static obj_t *csv_field_size_limit(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) > 0) {
        err_format(exc_TypeError, "'%U' is an invalid keyword argument for field_size_limit()",
                   TUPLE_GET(kwnames, 0));
        return NULL;
    }
    if (nargs > 1) {
        err_format(exc_TypeError, "field_size_limit() takes at most 1 argument (%zu given)", nargs);
        return NULL;
    }
    int64_t old = atomic_load(&field_limit);
    if (nargs == 1) {
        if (!INT_CHECK(args[0])) {
            err_set_str(exc_TypeError, "limit must be an integer");
            return NULL;
        }
        int64_t v;
        if (int_as_i64(args[0], &v) < 0) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C long");
            return NULL;
        }
        old = atomic_exchange(&field_limit, v);
    }
    return int_from_i64(old);
}

static const method_def_t csv_functions[] = {
    {"reader", csv_reader, 0,
     "    csv_reader = reader(iterable [, dialect='excel']\n"
     "                        [optional keyword args])\n"
     "    for row in csv_reader:\n"
     "        process(row)\n"},
    {"writer", csv_writer, 0,
     "    csv_writer = csv.writer(fileobj [, dialect='excel']\n"
     "                            [optional keyword args])\n"},
    {"register_dialect", csv_register_dialect, 0,
     "Create a mapping from a string name to a dialect class.\n"
     "    dialect = csv.register_dialect(name[, dialect[, **fmtparams]])"},
    {"unregister_dialect", csv_unregister_dialect, 0,
     "Delete the name/dialect mapping associated with a string name.\n"
     "    csv.unregister_dialect(name)"},
    {"get_dialect", csv_get_dialect, 0,
     "Return the dialect instance associated with name.\n    dialect = csv.get_dialect(name)"},
    {"list_dialects", csv_list_dialects, 0,
     "Return a list of all know dialect names.\n    names = csv.list_dialects()"},
    {"field_size_limit", csv_field_size_limit, 0,
     "Sets an upper limit on parsed fields.\n    csv.field_size_limit([limit])\n\n"
     "Returns old limit. If limit is not given, no new limit is set and\n"
     "the old limit is returned"},
    {NULL},
};

static pthread_once_t csv_once = PTHREAD_ONCE_INIT;

static void csv_globals_init(void) {
    csv_error = exc_new_class("_csv", "Error", exc_Exception);
    csv_registry = dict_new();
    if (csv_registry) obj_immortalize(csv_registry);
}

obj_t *csv_module_init(void) {
    pthread_once(&csv_once, csv_globals_init);
    if (!csv_error || !csv_registry) {
        if (!err_occurred()) err_no_memory();
        return NULL;
    }
    obj_t *m = module_new("_csv");
    if (!m) return NULL;
    obj_t *md = module_dict(m);
    if (module_add_functions(m, csv_functions) < 0 || type_ensure_ready(&dialect_type) < 0 ||
        type_ensure_ready(&reader_type) < 0 || type_ensure_ready(&writer_type) < 0)
        goto fail;
    static const struct {
        const char *name;
        int value;
    } consts[] = {{"QUOTE_MINIMAL", QUOTE_MINIMAL},
                  {"QUOTE_ALL", QUOTE_ALL},
                  {"QUOTE_NONNUMERIC", QUOTE_NONNUMERIC},
                  {"QUOTE_NONE", QUOTE_NONE}};
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++) {
        obj_t *v = int_from_i64(consts[i].value);
        int rc = v ? dict_set_str(md, consts[i].name, v) : -1;
        XDECREF(v);
        if (rc < 0) goto fail;
    }
    obj_t *ver = str_from_cstr("1.0");
    int rc = ver ? dict_set_str(md, "__version__", ver) : -1;
    XDECREF(ver);
    obj_t *doc = rc == 0 ? str_from_cstr("CSV parsing and writing.\n") : NULL;
    rc = doc ? dict_set_str(md, "__doc__", doc) : -1;
    XDECREF(doc);
    if (rc < 0 || dict_set_str(md, "Error", csv_error) < 0 ||
        dict_set_str(md, "_dialects", csv_registry) < 0 ||
        dict_set_str(md, "Dialect", (obj_t *)&dialect_type) < 0 ||
        dict_set_str(md, "Reader", (obj_t *)&reader_type) < 0 ||
        dict_set_str(md, "Writer", (obj_t *)&writer_type) < 0)
        goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
