/*
 * modules/io_stringio.c — _io.StringIO: an in-memory text stream.
 *
 * Storage: the text as code points, `buf` (`cap` slots) holding `len`, so
 * positions (which count code points) index directly; `pos` may lie past
 * `len` (a write there pads with U+0000).  getvalue()/read() encode the
 * wanted slice to UTF-8.
 *
 * Newlines, as CPython: newline=None or '' reads with universal newlines;
 * None also translates "\r\n" and "\r" to "\n" in everything written (the
 * initial value included), each write on its own; '\r' and '\r\n' turn
 * "\n" into that string on write; `seen` records which endings were
 * written while universal (the `newlines` attribute).
 *
 * Concurrency: every field is read and written in the object's critical
 * section; arguments are converted before it, and no Python code runs in
 * it.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/critical.h"
#include "io_internal.h"

enum { SEEN_LF = 1, SEEN_CR = 2, SEEN_CRLF = 4 };

typedef struct {
    iobase_t base;
    uint32_t *buf;
    size_t len, cap, pos;
    bool closed, ok; // ok: __init__ has run
    bool universal, translate;
    uint8_t seen;
    char readnl[3];  // "\n", "\r" or "\r\n" when not universal
    char writenl[3]; // "" (none), "\r" or "\r\n"
    obj_t *newline;  // the newline argument (str or None), for __getstate__
} stringio_t;

#define SIO(o) ((stringio_t *)(o))

static obj_t *closed_err(void) {
    err_set_str(exc_ValueError, "I/O operation on closed file");
    return NULL;
}

static int reserve(stringio_t *s, size_t need) {
    if (need <= s->cap) return 0;
    size_t cap = s->cap < 16 ? 16 : s->cap;
    while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
    if (cap > SIZE_MAX / 4 || obj_alloc_too_big(cap * 4)) {
        if (need > SIZE_MAX / 4 || obj_alloc_too_big(need * 4)) {
            err_no_memory();
            return -1;
        }
        cap = need;
    }
    uint32_t *nb = realloc(s->buf, cap * 4);
    if (nb == NULL) {
        err_no_memory();
        return -1;
    }
    s->buf = nb;
    s->cap = cap;
    return 0;
}

// The code points of str `text` after newline handling, in a malloc'd
// array (*n of them).  Runs no Python code; NULL + MemoryError.
static uint32_t *decode_for_write(stringio_t *s, obj_t *text, size_t *n, uint8_t *seen) {
    size_t len = str_len(text);
    size_t wl = strlen(s->writenl);
    size_t max = len * (wl > 1 ? 2 : 1);
    uint32_t *out = malloc((max ? max : 1) * 4);
    if (out == NULL) {
        err_no_memory();
        return NULL;
    }
    const char *p = str_data(text), *end = p + str_nbytes(text);
    size_t k = 0;
    while (p < end) {
        uint32_t c = utf8_decode(&p);
        if (s->universal && (c == '\r' || c == '\n')) {
            if (c == '\r' && p < end && *p == '\n') {
                p++;
                *seen |= SEEN_CRLF;
                if (!s->translate) {
                    out[k++] = '\r';
                    out[k++] = '\n';
                    continue;
                }
            } else {
                *seen |= c == '\r' ? SEEN_CR : SEEN_LF;
                if (!s->translate) {
                    out[k++] = c;
                    continue;
                }
            }
            out[k++] = '\n';
            continue;
        }
        if (c == '\n' && wl > 0) {
            for (size_t i = 0; i < wl; i++)
                out[k++] = (unsigned char)s->writenl[i];
            continue;
        }
        out[k++] = c;
    }
    *n = k;
    return out;
}

// Writes the code points at pos.  Section held.
static int write_cps(stringio_t *s, const uint32_t *cp, size_t n) {
    if (n == 0) return 0;
    size_t end = s->pos + n;
    if (reserve(s, end) < 0) return -1;
    if (s->pos > s->len) memset(s->buf + s->len, 0, (s->pos - s->len) * 4);
    memcpy(s->buf + s->pos, cp, n * 4);
    s->pos = end;
    if (end > s->len) s->len = end;
    return 0;
}

static obj_t *encode_range(const uint32_t *cp, size_t n) {
    str_builder_t b;
    str_builder_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (cp[i] < 0x80)
            str_builder_add_char(&b, (char)cp[i]);
        else
            str_builder_add_codepoint(&b, cp[i]);
    }
    return str_builder_finish(&b);
}

// Parses the newline argument into s's flags; -1 + TypeError/ValueError.
static int set_newline(stringio_t *s, obj_t *nl) {
    const char *v = NULL;
    if (nl != NULL && nl != None) {
        if (!STR_CHECK(nl)) {
            err_format(exc_TypeError, "newline must be str or None, not %s", obj_type_name(nl));
            return -1;
        }
        v = str_data(nl);
        if (strcmp(v, "") && strcmp(v, "\n") && strcmp(v, "\r") && strcmp(v, "\r\n")) {
            obj_t *r = obj_repr(nl);
            if (r == NULL) return -1;
            err_format(exc_ValueError, "illegal newline value: %s", str_data(r));
            DECREF(r);
            return -1;
        }
    } else if (nl == NULL) {
        v = "\n";
    }
    s->universal = v == NULL || v[0] == '\0';
    s->translate = v == NULL;
    strcpy(s->readnl, v && v[0] ? v : "\n");
    strcpy(s->writenl, v && v[0] == '\r' ? v : "");
    s->seen = 0;
    return 0;
}

static obj_t *stringio_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(type, type->basicsize);
}

static int stringio_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"initial_value", "newline", NULL};
    obj_t *v[2] = {NULL, NULL};
    if (args_parse("StringIO", args, nargs, kwnames, names, 0, v) < 0) return -1;
    if (v[0] != NULL && v[0] != None && !STR_CHECK(v[0])) {
        err_format(exc_TypeError, "initial_value must be str or None, not %s", obj_type_name(v[0]));
        return -1;
    }
    stringio_t tmp = {0};
    if (set_newline(&tmp, v[1]) < 0) return -1;
    size_t n = 0;
    uint32_t *cps = NULL;
    uint8_t seen = 0;
    if (v[0] != NULL && v[0] != None) {
        cps = decode_for_write(&tmp, v[0], &n, &seen);
        if (cps == NULL) return -1;
    }
    obj_t *nlobj = v[1] == NULL ? str_from_cstr("\n") : NEWREF(v[1]);
    if (nlobj == NULL) {
        free(cps);
        return -1;
    }
    stringio_t *s = SIO(self);
    obj_t *old;
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    s->universal = tmp.universal;
    s->translate = tmp.translate;
    memcpy(s->readnl, tmp.readnl, 3);
    memcpy(s->writenl, tmp.writenl, 3);
    s->seen = seen;
    old = s->newline;
    s->newline = nlobj;
    s->len = s->pos = 0;
    s->closed = false;
    s->ok = true;
    rc = write_cps(s, cps, n);
    s->pos = 0;
    END_CRITICAL_SECTION();
    XDECREF(old);
    free(cps);
    return rc;
}

static void stringio_dealloc(obj_t *self) {
    free(SIO(self)->buf);
    XDECREF(SIO(self)->newline);
    io_base_free(self);
}

// Checks open; rc set to -1 with the exception.  Section held.
static int check_locked(stringio_t *s) {
    if (!s->ok) {
        err_set_str(exc_ValueError, "I/O operation on uninitialized object");
        return -1;
    }
    if (s->closed) {
        closed_err();
        return -1;
    }
    return 0;
}

// The end of the line starting at `start` (exclusive), at most `limit`.
// Section held.
static size_t line_end(stringio_t *s, size_t start, size_t stop) {
    const uint32_t *b = s->buf;
    if (s->universal) {
        for (size_t i = start; i < stop; i++) {
            if (b[i] == '\n') return i + 1;
            if (b[i] == '\r') {
                if (i + 1 < stop && b[i + 1] == '\n') return i + 2;
                return i + 1;
            }
        }
        return stop;
    }
    size_t nl = strlen(s->readnl);
    for (size_t i = start; i < stop; i++) {
        if (b[i] == (unsigned char)s->readnl[0]) {
            if (nl == 1) return i + 1;
            if (i + 1 < stop && b[i + 1] == (unsigned char)s->readnl[1]) return i + 2;
        }
    }
    return stop;
}

static obj_t *read_common(obj_t *self, ssize_t n, bool line) {
    stringio_t *s = SIO(self);
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (check_locked(s) == 0) {
        size_t avail = s->pos < s->len ? s->len - s->pos : 0;
        if (n >= 0 && (size_t)n < avail) avail = (size_t)n;
        if (line && avail) avail = line_end(s, s->pos, s->pos + avail) - s->pos;
        r = encode_range(s->buf + s->pos, avail);
        if (r) s->pos += avail;
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *stringio_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("read", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    return read_common(self, n, false);
}

static obj_t *stringio_readline(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readline", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    return read_common(self, n, true);
}

static obj_t *stringio_iternext(obj_t *self) {
    obj_t *line;
    if (TYPE(self) == &io_stringio_type)
        line = read_common(self, -1, true);
    else
        line = obj_call_method(self, "readline", NULL, 0);
    if (line == NULL) return NULL;
    if (!STR_CHECK(line)) {
        err_format(exc_OSError, "readline() should have returned a str object, not '%s'",
                   obj_type_name(line));
        DECREF(line);
        return NULL;
    }
    if (str_len(line) == 0) {
        DECREF(line);
        return NULL;
    }
    return line;
}

static obj_t *stringio_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "string argument expected, got '%s'", obj_type_name(args[0]));
        return NULL;
    }
    stringio_t *s = SIO(self);
    int rc;
    stringio_t cfg = {0}; // the newline configuration only
    BEGIN_CRITICAL_SECTION(self);
    rc = check_locked(s);
    cfg.universal = s->universal;
    cfg.translate = s->translate;
    memcpy(cfg.writenl, s->writenl, 3);
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    size_t n;
    uint8_t seen = 0;
    uint32_t *cps = decode_for_write(&cfg, args[0], &n, &seen);
    if (cps == NULL) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    rc = check_locked(s);
    if (rc == 0) rc = write_cps(s, cps, n);
    s->seen |= seen;
    END_CRITICAL_SECTION();
    free(cps);
    if (rc < 0) return NULL;
    return int_from_i64((int64_t)str_len(args[0]));
}

static obj_t *stringio_seek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("seek", nargs, kwnames, 1, 2) < 0) return NULL;
    ssize_t pos, whence = 0;
    if (obj_ssize_arg(args[0], &pos) < 0) return NULL;
    if (nargs > 1 && obj_ssize_arg(args[1], &whence) < 0) return NULL;
    stringio_t *s = SIO(self);
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = check_locked(s);
    if (rc == 0) {
        if (whence < 0 || whence > 2) {
            err_format(exc_ValueError, "Invalid whence (%zd, should be 0, 1 or 2)", whence);
            rc = -1;
        } else if (pos < 0 && whence == 0) {
            err_format(exc_ValueError, "Negative seek position %zd", pos);
            rc = -1;
        } else if (whence != 0 && pos != 0) {
            err_set_str(exc_OSError, "Can't do nonzero cur-relative seeks");
            rc = -1;
        } else {
            if (whence == 1) pos = (ssize_t)s->pos;
            if (whence == 2) pos = (ssize_t)s->len;
            s->pos = (size_t)pos;
        }
    }
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    return int_from_i64(pos);
}

static obj_t *stringio_tell(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("tell", nargs, kwnames, 0, 0) < 0) return NULL;
    int rc;
    size_t pos;
    BEGIN_CRITICAL_SECTION(self);
    rc = check_locked(SIO(self));
    pos = SIO(self)->pos;
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    return int_from_i64((int64_t)pos);
}

static obj_t *stringio_truncate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("truncate", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t size = -1;
    bool given = nargs > 0 && args[0] != None;
    if (given && io_size_arg(args[0], &size) < 0) return NULL;
    stringio_t *s = SIO(self);
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = check_locked(s);
    if (rc == 0) {
        if (!given) size = (ssize_t)s->pos;
        if (size < 0) {
            err_format(exc_ValueError, "Negative size value %zd", size);
            rc = -1;
        } else if ((size_t)size < s->len) {
            s->len = (size_t)size;
        }
    }
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    return int_from_i64(size);
}

static obj_t *stringio_getvalue(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getvalue", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (check_locked(SIO(self)) == 0) r = encode_range(SIO(self)->buf, SIO(self)->len);
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *stringio_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    stringio_t *s = SIO(self);
    s->closed = true;
    free(s->buf);
    s->buf = NULL;
    s->len = s->cap = 0;
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static obj_t *check_open(obj_t *self) {
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = check_locked(SIO(self));
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : None;
}

static obj_t *stringio_true(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readable", nargs, kwnames, 0, 0) < 0) return NULL;
    if (check_open(self) == NULL) return NULL;
    return NEWREF(True);
}

static obj_t *stringio_getstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *value = stringio_getvalue(self, NULL, 0, NULL);
    if (value == NULL) return NULL;
    size_t pos;
    obj_t *nl;
    BEGIN_CRITICAL_SECTION(self);
    pos = SIO(self)->pos;
    nl = NEWREF(SIO(self)->newline);
    END_CRITICAL_SECTION();
    obj_t *d = obj_instance_dict(self);
    obj_t *dcopy = d ? dict_copy(d) : NEWREF(None);
    XDECREF(d);
    obj_t *p = int_from_i64((int64_t)pos);
    obj_t *r = dcopy && p ? tuple_pack(4, value, nl, p, dcopy) : NULL;
    XDECREF(p);
    XDECREF(dcopy);
    DECREF(nl);
    DECREF(value);
    return r;
}

static obj_t *stringio_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *st = args[0];
    if (!TUPLE_CHECK(st) || TUPLE_SIZE(st) < 4) {
        err_format(exc_TypeError, "%s.__setstate__ argument should be 4-tuple, got %s",
                   obj_type_name(self), obj_type_name(st));
        return NULL;
    }
    obj_t **it = TUPLE_ITEMS(st);
    obj_t *init[2] = {it[0], it[1]};
    // Restores the value without newline translation, as CPython does.
    obj_t *nl = it[1];
    if (nl != None && !STR_CHECK(nl)) {
        err_format(exc_TypeError, "newline must be str or None, not %s", obj_type_name(nl));
        return NULL;
    }
    if (it[0] != None && !STR_CHECK(it[0])) {
        err_format(exc_TypeError, "initial_value must be str or None, not %s",
                   obj_type_name(it[0]));
        return NULL;
    }
    if (!INT_CHECK(it[2])) {
        err_format(exc_TypeError, "third item of state must be an integer, got %s",
                   obj_type_name(it[2]));
        return NULL;
    }
    ssize_t pos = obj_as_ssize(it[2]);
    if (pos == -1 && err_occurred()) return NULL;
    if (pos < 0) {
        err_set_str(exc_ValueError, "position value cannot be negative");
        return NULL;
    }
    if (it[3] != None && !DICT_CHECK(it[3])) {
        err_format(exc_TypeError, "fourth item of state should be a dict, got a %s",
                   obj_type_name(it[3]));
        return NULL;
    }
    stringio_t cfg = {0};
    if (set_newline(&cfg, nl) < 0) return NULL;
    if (stringio_init(self, init, 1, NULL) < 0) return NULL;
    obj_t *old;
    BEGIN_CRITICAL_SECTION(self);
    SIO(self)->universal = cfg.universal;
    SIO(self)->translate = cfg.translate;
    memcpy(SIO(self)->readnl, cfg.readnl, 3);
    memcpy(SIO(self)->writenl, cfg.writenl, 3);
    SIO(self)->seen = 0;
    old = SIO(self)->newline;
    SIO(self)->newline = NEWREF(nl);
    SIO(self)->len = 0;
    SIO(self)->pos = 0;
    END_CRITICAL_SECTION();
    XDECREF(old);
    // The raw value, untranslated.
    if (it[0] != None) {
        size_t n = str_len(it[0]), k = 0;
        uint32_t *cps = malloc((n ? n : 1) * 4);
        if (cps == NULL) return err_no_memory();
        const char *p = str_data(it[0]), *end = p + str_nbytes(it[0]);
        while (p < end)
            cps[k++] = utf8_decode(&p);
        int rc;
        BEGIN_CRITICAL_SECTION(self);
        rc = write_cps(SIO(self), cps, k);
        END_CRITICAL_SECTION();
        free(cps);
        if (rc < 0) return NULL;
    }
    BEGIN_CRITICAL_SECTION(self);
    SIO(self)->pos = (size_t)pos;
    END_CRITICAL_SECTION();
    if (it[3] != None) {
        obj_t *mine = obj_instance_dict_ensure(self);
        if (mine == NULL) return NULL;
        int rc = dict_update(mine, it[3]);
        DECREF(mine);
        if (rc < 0) return NULL;
    }
    return NEWREF(None);
}

static obj_t *stringio_get_closed(obj_t *self, void *c) {
    bool closed, ok;
    BEGIN_CRITICAL_SECTION(self);
    closed = SIO(self)->closed;
    ok = SIO(self)->ok;
    END_CRITICAL_SECTION();
    if (!ok) {
        err_set_str(exc_ValueError, "I/O operation on uninitialized object");
        return NULL;
    }
    return NEWREF(bool_from(closed));
}

static obj_t *stringio_get_newlines(obj_t *self, void *c) {
    uint8_t seen;
    bool universal;
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = check_locked(SIO(self));
    seen = SIO(self)->seen;
    universal = SIO(self)->universal;
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    if (!universal) return NEWREF(None);
    return io_newlines_value(seen);
}

static obj_t *stringio_get_line_buffering(obj_t *self, void *c) {
    if (check_open(self) == NULL) return NULL;
    return NEWREF(False);
}

static obj_t *stringio_iter(obj_t *self) {
    if (check_open(self) == NULL) return NULL;
    return NEWREF(self);
}

static const method_def_t stringio_methods[] = {
    {"read", stringio_read, 0, NULL},
    {"readline", stringio_readline, 0, NULL},
    {"write", stringio_write, 0, NULL},
    {"seek", stringio_seek, 0, NULL},
    {"tell", stringio_tell, 0, NULL},
    {"truncate", stringio_truncate, 0, NULL},
    {"getvalue", stringio_getvalue, 0, NULL},
    {"close", stringio_close, 0, NULL},
    {"readable", stringio_true, 0, NULL},
    {"writable", stringio_true, 0, NULL},
    {"seekable", stringio_true, 0, NULL},
    {"__getstate__", stringio_getstate, 0, NULL},
    {"__setstate__", stringio_setstate, 0, NULL},
    {NULL},
};

static const getset_def_t stringio_getsets[] = {
    {"closed", stringio_get_closed, NULL, NULL},
    {"newlines", stringio_get_newlines, NULL, NULL},
    {"line_buffering", stringio_get_line_buffering, NULL, NULL},
    {NULL},
};

type_t io_stringio_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io.StringIO",
    .basicsize = sizeof(stringio_t),
    .flags = TPFLAG_BASETYPE,
    .base = &io_textiobase_type,
    .dictoffset = offsetof(iobase_t, dict),
    .dealloc = stringio_dealloc,
    .iter = stringio_iter,
    .iternext = stringio_iternext,
    .tp_new = stringio_new,
    .tp_init = stringio_init,
    .methods = stringio_methods,
    .getsets = stringio_getsets,
    .doc = "Text I/O implementation using an in-memory buffer.",
};
