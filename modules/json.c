/*
 * modules/json.c — the `_json` accelerator json's pure-Python package picks
 * up when present: the string functions encode_basestring_ascii,
 * encode_basestring (json/encoder.py) and scanstring (json/decoder.py), the
 * Scanner type (make_scanner: the whole decoder) and the Encoder type
 * (make_encoder: the whole encoder, which json.encoder uses for
 * JSONEncoder.encode when indent is None).
 *
 * Strings are UTF-8 (objects/str.h), while CPython's positions (the `end`
 * argument and result, JSONDecodeError.pos) count code points: scanstring
 * walks bytes and counts code points beside them (for an ASCII string the
 * two are the same).  Lone surrogates are stored encoded like any other
 * code point, so they pass through utf8_decode / str_builder_add_codepoint.
 *
 * Errors are json.decoder.JSONDecodeError(msg, doc, pos), imported on first
 * use as CPython does.
 *
 * The encoder writes the whole document into one str_builder and returns
 * it as a one-item list.  It follows CPython 3.11's C encoder: exact lists
 * and tuples are read in place, subclasses through their __iter__; dicts
 * through a snapshot of their items (a subclass's items()); ints and floats
 * (subclasses too) by int.__repr__ / float.__repr__; anything else through
 * `default`, with the markers dict (ids of the containers being written)
 * catching cycles.
 *
 * Concurrency: Scanner and Encoder objects are immutable after creation;
 * the key memo and the output buffer are per call.  The encoder never holds
 * a lock while Python code runs: a dict's items are copied in one critical
 * section (dict_items_list), a list is read item by item (list_get, its
 * size read again at each step), so other threads (or `default`) mutating
 * a container being encoded change what is written, never crash it.
 * The markers dict is an ordinary dict, locked by its own operations.
 */
#include "../core/error.h"
#include "../core/import.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/dict.h"
#include "../objects/float.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char hexdigits[] = "0123456789abcdef";

// Adds \uXXXX for a BMP code unit.
static void add_u_escape(str_builder_t *b, uint32_t u) {
    char e[6] = {'\\',
                 'u',
                 hexdigits[(u >> 12) & 15],
                 hexdigits[(u >> 8) & 15],
                 hexdigits[(u >> 4) & 15],
                 hexdigits[u & 15]};
    str_builder_add(b, e, 6);
}

// The JSON escape of c for the characters both encoders escape (", \ and
// control characters); false if c needs none.
static bool add_common_escape(str_builder_t *b, uint32_t c) {
    switch (c) {
    case '"': str_builder_add(b, "\\\"", 2); return true;
    case '\\': str_builder_add(b, "\\\\", 2); return true;
    case '\n': str_builder_add(b, "\\n", 2); return true;
    case '\r': str_builder_add(b, "\\r", 2); return true;
    case '\t': str_builder_add(b, "\\t", 2); return true;
    case '\b': str_builder_add(b, "\\b", 2); return true;
    case '\f': str_builder_add(b, "\\f", 2); return true;
    default:
        if (c < 0x20) {
            add_u_escape(b, c);
            return true;
        }
        return false;
    }
}

static obj_t *one_str_arg(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames != NULL && TUPLE_SIZE(kwnames) > 0) {
        err_format(exc_TypeError, "_json.%s() takes no keyword arguments", fname);
        return NULL;
    }
    if (nargs != 1) {
        err_format(exc_TypeError, "_json.%s() takes exactly one argument (%zu given)", fname,
                   nargs);
        return NULL;
    }
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "first argument must be a string, not %.80s",
                   obj_type_name(args[0]));
        return NULL;
    }
    return args[0];
}

// Appends the JSON string literal of str s using only ASCII.
static void add_string_ascii(str_builder_t *b, obj_t *s) {
    str_builder_add_char(b, '"');
    const char *p = str_data(s), *end = p + str_nbytes(s);
    while (p < end) {
        // Copy the run of characters that need no escape at once.
        const char *run = p;
        while (p < end && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f && *p != '"' &&
               *p != '\\')
            p++;
        if (p > run) str_builder_add(b, run, (size_t)(p - run));
        if (p >= end) break;
        uint32_t c = utf8_decode(&p);
        if (add_common_escape(b, c)) continue;
        if (c >= 0x10000) {
            uint32_t v = c - 0x10000;
            add_u_escape(b, 0xd800 | (v >> 10));
            add_u_escape(b, 0xdc00 | (v & 0x3ff));
        } else {
            add_u_escape(b, c);
        }
    }
    str_builder_add_char(b, '"');
}

// Appends the JSON string literal of str s, non-ASCII kept as is.
static void add_string(str_builder_t *b, obj_t *s) {
    str_builder_add_char(b, '"');
    const char *p = str_data(s), *end = p + str_nbytes(s);
    while (p < end) {
        const char *run = p;
        while (p < end && (unsigned char)*p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        if (p > run) str_builder_add(b, run, (size_t)(p - run));
        if (p >= end) break;
        add_common_escape(b, (unsigned char)*p);
        p++;
    }
    str_builder_add_char(b, '"');
}

// encode_basestring_ascii(s): a JSON string literal of s using only ASCII.
static obj_t *json_encode_basestring_ascii(obj_t *self, obj_t *const *args, size_t nargs,
                                           obj_t *kwnames) {
    (void)self;
    obj_t *s = one_str_arg("encode_basestring_ascii", args, nargs, kwnames);
    if (s == NULL) return NULL;
    str_builder_t b;
    str_builder_init(&b);
    add_string_ascii(&b, s);
    return str_builder_finish(&b);
}

// encode_basestring(s): a JSON string literal of s, non-ASCII kept as is.
static obj_t *json_encode_basestring(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    (void)self;
    obj_t *s = one_str_arg("encode_basestring", args, nargs, kwnames);
    if (s == NULL) return NULL;
    str_builder_t b;
    str_builder_init(&b);
    add_string(&b, s);
    return str_builder_finish(&b);
}

// Raises json.decoder.JSONDecodeError(msg, doc, pos).
static void raise_errmsg(const char *msg, obj_t *doc, size_t pos) {
    obj_t *mod = import_module("json.decoder");
    if (mod == NULL) return;
    obj_t *cls = obj_getattr_str(mod, "JSONDecodeError");
    DECREF(mod);
    if (cls == NULL) return;
    obj_t *m = str_from_cstr(msg);
    obj_t *p = m ? int_from_i64((int64_t)pos) : NULL;
    if (p == NULL) {
        XDECREF(m);
        DECREF(cls);
        return;
    }
    obj_t *a[3] = {m, doc, p};
    obj_t *exc = obj_call(cls, a, 3, NULL);
    DECREF(cls);
    DECREF(m);
    DECREF(p);
    if (exc == NULL) return;
    err_set_object(exc);
    DECREF(exc);
}

static int hex_value(char d) {
    if (d >= '0' && d <= '9') return d - '0';
    if (d >= 'a' && d <= 'f') return d - 'a' + 10;
    if (d >= 'A' && d <= 'F') return d - 'A' + 10;
    return -1;
}

// Four hex digits at p (ASCII bytes checked one by one); -1 if not hex.
static int32_t read_hex4(const char *p) {
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(p[i]);
        if (h < 0) return -1;
        v = (v << 4) | h;
    }
    return v;
}

// The byte offset of code point index i in s (0 <= i <= len).
static size_t byte_offset(obj_t *s, size_t i) {
    if (((str_t *)s)->ascii) return i;
    const char *p = str_data(s), *start = p;
    while (i-- > 0)
        utf8_decode(&p);
    return (size_t)(p - start);
}

/*
 * The core of scanstring: the string literal whose opening quote is just
 * before code point `end` of s.  Returns the decoded str and sets *out_end
 * to the index after the closing quote; NULL + JSONDecodeError on bad input.
 * Positions follow CPython's C scanner exactly.  ci/bi are the code point
 * and byte index of the cursor; escapes and quotes are ASCII, so while the
 * cursor sits on one the two move together.
 */
static obj_t *scan_string(obj_t *s, size_t end, size_t end_b, bool strict, size_t *out_end,
                          size_t *out_end_b) {
    const char *d = str_data(s);
    size_t len = str_len(s), nbytes = str_nbytes(s);
    size_t begin = end - 1;
    size_t ci = end, bi = end_b;
    str_builder_t b;
    bool building = false;
    for (;;) {
        // Find the end of the string or the next escape.
        size_t chunk_b = bi;
        char c = 0;
        while (bi < nbytes) {
            unsigned char u = (unsigned char)d[bi];
            if (u == '"' || u == '\\') {
                c = (char)u;
                break;
            }
            if (u <= 0x1f && strict) {
                if (building) str_builder_discard(&b);
                raise_errmsg("Invalid control character at", s, ci);
                return NULL;
            }
            if (u < 0x80) {
                bi++;
            } else {
                const char *q = d + bi;
                utf8_decode(&q);
                bi = (size_t)(q - d);
            }
            ci++;
        }
        if (c == 0) {
            if (building) str_builder_discard(&b);
            raise_errmsg("Unterminated string starting at", s, begin);
            return NULL;
        }
        if (c == '"' && !building) {
            *out_end = ci + 1;
            *out_end_b = bi + 1;
            return str_from_utf8_trusted(d + chunk_b, bi - chunk_b);
        }
        if (!building) {
            str_builder_init(&b);
            building = true;
        }
        if (bi > chunk_b) str_builder_add(&b, d + chunk_b, bi - chunk_b);
        bi++, ci++;
        if (c == '"') break;
        // A backslash escape.
        if (ci == len) {
            str_builder_discard(&b);
            raise_errmsg("Unterminated string starting at", s, begin);
            return NULL;
        }
        char e = d[bi];
        if (e != 'u') {
            uint32_t r;
            switch (e) {
            case '"': r = '"'; break;
            case '\\': r = '\\'; break;
            case '/': r = '/'; break;
            case 'b': r = '\b'; break;
            case 'f': r = '\f'; break;
            case 'n': r = '\n'; break;
            case 'r': r = '\r'; break;
            case 't': r = '\t'; break;
            default:
                str_builder_discard(&b);
                raise_errmsg("Invalid \\escape", s, ci - 1);
                return NULL;
            }
            str_builder_add_char(&b, (char)r);
            bi++, ci++;
            continue;
        }
        // \uXXXX: the escape's digits start at ci + 1.
        size_t dig = ci + 1;
        if (dig + 4 >= len) {
            str_builder_discard(&b);
            raise_errmsg("Invalid \\uXXXX escape", s, dig - 1);
            return NULL;
        }
        // Every byte read below is before a non-escape character only if all
        // are ASCII; read_hex4 stops at the first non-hex byte, so a
        // multi-byte character is never read past.
        int32_t v = read_hex4(d + bi + 1);
        if (v < 0) {
            str_builder_discard(&b);
            raise_errmsg("Invalid \\uXXXX escape", s, dig - 1);
            return NULL;
        }
        uint32_t cp = (uint32_t)v;
        ci = dig + 4, bi = bi + 5;
        if (cp >= 0xd800 && cp <= 0xdbff && ci + 6 < len && d[bi] == '\\' && d[bi + 1] == 'u') {
            int32_t v2 = read_hex4(d + bi + 2);
            if (v2 < 0) {
                str_builder_discard(&b);
                raise_errmsg("Invalid \\uXXXX escape", s, ci + 1);
                return NULL;
            }
            if (v2 >= 0xdc00 && v2 <= 0xdfff) {
                cp = 0x10000 + (((cp - 0xd800) << 10) | ((uint32_t)v2 - 0xdc00));
                ci += 6, bi += 6;
            }
        }
        str_builder_add_codepoint(&b, cp);
    }
    *out_end = ci;
    *out_end_b = bi;
    return str_builder_finish(&b);
}

// scanstring(string, end, strict=True) -> (str, end)
static obj_t *json_scanstring(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    if (kwnames != NULL && TUPLE_SIZE(kwnames) > 0) {
        err_set_str(exc_TypeError, "scanstring() takes no keyword arguments");
        return NULL;
    }
    if (nargs < 2) {
        err_format(exc_TypeError, "scanstring() takes at least 2 arguments (%zu given)", nargs);
        return NULL;
    }
    if (nargs > 3) {
        err_format(exc_TypeError, "scanstring() takes at most 3 arguments (%zu given)", nargs);
        return NULL;
    }
    obj_t *s = args[0];
    ssize_t end, strict = 1;
    if (obj_ssize_arg(args[1], &end) < 0) return NULL;
    if (nargs > 2 && obj_ssize_arg(args[2], &strict) < 0) return NULL;
    if (!STR_CHECK(s)) {
        err_format(exc_TypeError, "first argument must be a string, not %.80s", obj_type_name(s));
        return NULL;
    }
    if (end < 0 || (size_t)end > str_len(s)) {
        err_set_str(exc_ValueError, "end is out of bounds");
        return NULL;
    }
    size_t next_end = 0, next_end_b = 0;
    obj_t *r = scan_string(s, (size_t)end, byte_offset(s, (size_t)end), strict != 0, &next_end,
                           &next_end_b);
    if (r == NULL) return NULL;
    obj_t *e = int_from_i64((int64_t)next_end);
    if (e == NULL) {
        DECREF(r);
        return NULL;
    }
    obj_t *t = tuple_pack(2, r, e);
    DECREF(r);
    DECREF(e);
    return t;
}

// ---- make_scanner: the Scanner type ----------------------------------------------------------

// The context's settings, read once by make_scanner (CPython's members).
typedef struct {
    obj_t ob;
    obj_t *object_hook, *object_pairs_hook, *parse_float, *parse_int, *parse_constant;
    bool strict;
} scanner_t;

// One call's state: the document, its bytes, and the per-call key memo.
typedef struct {
    scanner_t *sc;
    obj_t *s;
    const char *d;
    size_t len, nbytes;
    obj_t *memo;
} scan_t;

static void raise_stop_iteration(size_t idx) {
    obj_t *v = int_from_i64((int64_t)idx);
    if (v == NULL) return;
    obj_t *exc = obj_call1((obj_t *)exc_StopIteration, v);
    DECREF(v);
    if (exc == NULL) return;
    err_set_object(exc);
    DECREF(exc);
}

// The ASCII byte at the cursor, or 0 past the end (non-ASCII bytes never
// match the structural characters compared against).
static inline char at(const scan_t *st, size_t bi) {
    return bi < st->nbytes ? st->d[bi] : 0;
}

static inline void skip_ws(const scan_t *st, size_t *ci, size_t *bi) {
    for (;;) {
        char c = at(st, *bi);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        (*ci)++, (*bi)++;
    }
}

static obj_t *scan_once(scan_t *st, size_t ci, size_t bi, size_t *nci, size_t *nbi);

static obj_t *parse_object(scan_t *st, size_t ci, size_t bi, size_t *nci, size_t *nbi) {
    scanner_t *sc = st->sc;
    bool pairs = sc->object_pairs_hook != None;
    obj_t *rval = pairs ? list_new(0) : dict_new();
    if (rval == NULL) return NULL;
    skip_ws(st, &ci, &bi);
    if (at(st, bi) != '}') {
        for (;;) {
            if (at(st, bi) != '"') {
                raise_errmsg("Expecting property name enclosed in double quotes", st->s, ci);
                goto bail;
            }
            size_t kci, kbi;
            obj_t *key = scan_string(st->s, ci + 1, bi + 1, sc->strict, &kci, &kbi);
            if (key == NULL) goto bail;
            obj_t *memokey = dict_get(st->memo, key);
            if (memokey == NULL) {
                if (err_occurred() || dict_set(st->memo, key, key) < 0) {
                    DECREF(key);
                    goto bail;
                }
            } else {
                DECREF(key);
                key = memokey;
            }
            ci = kci, bi = kbi;
            skip_ws(st, &ci, &bi);
            if (at(st, bi) != ':') {
                DECREF(key);
                raise_errmsg("Expecting ':' delimiter", st->s, ci);
                goto bail;
            }
            ci++, bi++;
            skip_ws(st, &ci, &bi);
            size_t vci, vbi;
            obj_t *val = scan_once(st, ci, bi, &vci, &vbi);
            if (val == NULL) {
                DECREF(key);
                goto bail;
            }
            int rc;
            if (pairs) {
                obj_t *item = tuple_pack(2, key, val);
                rc = item ? list_append(rval, item) : -1;
                XDECREF(item);
            } else {
                rc = dict_set(rval, key, val);
            }
            DECREF(key);
            DECREF(val);
            if (rc < 0) goto bail;
            ci = vci, bi = vbi;
            skip_ws(st, &ci, &bi);
            if (at(st, bi) == '}') break;
            if (at(st, bi) != ',') {
                raise_errmsg("Expecting ',' delimiter", st->s, ci);
                goto bail;
            }
            ci++, bi++;
            skip_ws(st, &ci, &bi);
        }
    }
    *nci = ci + 1, *nbi = bi + 1;
    if (pairs) {
        obj_t *r = obj_call1(sc->object_pairs_hook, rval);
        DECREF(rval);
        return r;
    }
    if (sc->object_hook != None) {
        obj_t *r = obj_call1(sc->object_hook, rval);
        DECREF(rval);
        return r;
    }
    return rval;
bail:
    DECREF(rval);
    return NULL;
}

static obj_t *parse_array(scan_t *st, size_t ci, size_t bi, size_t *nci, size_t *nbi) {
    obj_t *rval = list_new(0);
    if (rval == NULL) return NULL;
    skip_ws(st, &ci, &bi);
    if (at(st, bi) != ']') {
        for (;;) {
            size_t vci, vbi;
            obj_t *val = scan_once(st, ci, bi, &vci, &vbi);
            if (val == NULL) goto bail;
            int rc = list_append(rval, val);
            DECREF(val);
            if (rc < 0) goto bail;
            ci = vci, bi = vbi;
            skip_ws(st, &ci, &bi);
            if (at(st, bi) == ']') break;
            if (at(st, bi) != ',') {
                raise_errmsg("Expecting ',' delimiter", st->s, ci);
                goto bail;
            }
            ci++, bi++;
            skip_ws(st, &ci, &bi);
        }
    }
    *nci = ci + 1, *nbi = bi + 1;
    return rval;
bail:
    DECREF(rval);
    return NULL;
}

static obj_t *parse_constant(scan_t *st, const char *name, size_t ci, size_t bi, size_t *nci,
                             size_t *nbi) {
    obj_t *n = str_from_cstr(name);
    if (n == NULL) return NULL;
    obj_t *r = obj_call1(st->sc->parse_constant, n);
    DECREF(n);
    size_t k = strlen(name);
    *nci = ci + k, *nbi = bi + k;
    return r;
}

static inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static obj_t *match_number(scan_t *st, size_t ci, size_t bi, size_t *nci, size_t *nbi) {
    // Numbers are ASCII, so ci and bi advance together from the start.
    const char *d = st->d;
    size_t start = bi, idx = bi, endb = st->nbytes; // idx <= end_idx is idx < endb
    bool is_float = false;
    if (d[idx] == '-') {
        idx++;
        if (idx >= endb) {
            raise_stop_iteration(ci);
            return NULL;
        }
    }
    if (d[idx] >= '1' && d[idx] <= '9') {
        idx++;
        while (idx < endb && is_digit(d[idx]))
            idx++;
    } else if (d[idx] == '0') {
        idx++;
    } else {
        raise_stop_iteration(ci);
        return NULL;
    }
    if (idx + 1 < endb && d[idx] == '.' && is_digit(d[idx + 1])) {
        is_float = true;
        idx += 2;
        while (idx < endb && is_digit(d[idx]))
            idx++;
    }
    if (idx + 1 < endb && (d[idx] == 'e' || d[idx] == 'E')) {
        size_t e_start = idx;
        idx++;
        if (idx + 1 < endb && (d[idx] == '-' || d[idx] == '+')) idx++;
        while (idx < endb && is_digit(d[idx]))
            idx++;
        if (is_digit(d[idx - 1]))
            is_float = true;
        else
            idx = e_start;
    }
    size_t n = idx - start;
    obj_t *custom = NULL;
    if (is_float && st->sc->parse_float != (obj_t *)&float_type)
        custom = st->sc->parse_float;
    else if (!is_float && st->sc->parse_int != (obj_t *)&int_type)
        custom = st->sc->parse_int;
    obj_t *r;
    if (custom != NULL) {
        obj_t *text = str_from_utf8_trusted(d + start, n);
        if (text == NULL) return NULL;
        r = obj_call1(custom, text);
        DECREF(text);
    } else if (is_float) {
        double v;
        if (float_parse_text(d + start, n, &v) < 0) {
            err_set_str(exc_ValueError, "could not convert string to float");
            return NULL;
        }
        r = float_from_double(v);
    } else {
        r = int_from_string(d + start, n, 10);
    }
    *nci = ci + n, *nbi = idx;
    return r;
}

static bool match_word(const scan_t *st, size_t bi, const char *w) {
    size_t k = strlen(w);
    return bi + k <= st->nbytes && memcmp(st->d + bi, w, k) == 0;
}

// One JSON value at cursor (ci, bi); StopIteration(ci) when none starts there.
static obj_t *scan_once(scan_t *st, size_t ci, size_t bi, size_t *nci, size_t *nbi) {
    if (ci >= st->len) {
        raise_stop_iteration(ci);
        return NULL;
    }
    obj_t *r;
    switch (st->d[bi]) {
    case '"': return scan_string(st->s, ci + 1, bi + 1, st->sc->strict, nci, nbi);
    case '{':
        if (c_recursion_enter(" while decoding a JSON object from a unicode string") < 0)
            return NULL;
        r = parse_object(st, ci + 1, bi + 1, nci, nbi);
        c_recursion_leave();
        return r;
    case '[':
        if (c_recursion_enter(" while decoding a JSON array from a unicode string") < 0)
            return NULL;
        r = parse_array(st, ci + 1, bi + 1, nci, nbi);
        c_recursion_leave();
        return r;
    case 'n':
        if (match_word(st, bi, "null")) {
            *nci = ci + 4, *nbi = bi + 4;
            return NEWREF(None);
        }
        break;
    case 't':
        if (match_word(st, bi, "true")) {
            *nci = ci + 4, *nbi = bi + 4;
            return NEWREF(True);
        }
        break;
    case 'f':
        if (match_word(st, bi, "false")) {
            *nci = ci + 5, *nbi = bi + 5;
            return NEWREF(False);
        }
        break;
    case 'N':
        if (match_word(st, bi, "NaN")) return parse_constant(st, "NaN", ci, bi, nci, nbi);
        break;
    case 'I':
        if (match_word(st, bi, "Infinity")) return parse_constant(st, "Infinity", ci, bi, nci, nbi);
        break;
    case '-':
        if (match_word(st, bi, "-Infinity"))
            return parse_constant(st, "-Infinity", ci, bi, nci, nbi);
        break;
    default: break;
    }
    return match_number(st, ci, bi, nci, nbi);
}

// scanner(string, idx) -> (value, end)
static obj_t *scanner_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"string", "idx", NULL};
    obj_t *a[2];
    if (args_parse("scan_once", args, nargs, kwnames, names, 2, a) < 0) return NULL;
    ssize_t idx;
    if (obj_ssize_arg(a[1], &idx) < 0) return NULL;
    obj_t *s = a[0];
    if (!STR_CHECK(s)) {
        err_format(exc_TypeError, "first argument must be a string, not %.80s", obj_type_name(s));
        return NULL;
    }
    if (idx < 0) {
        err_set_str(exc_ValueError, "idx cannot be negative");
        return NULL;
    }
    scan_t st = {(scanner_t *)self, s, str_data(s), str_len(s), str_nbytes(s), dict_new()};
    if (st.memo == NULL) return NULL;
    size_t nci = 0, nbi = 0;
    obj_t *r = NULL;
    if ((size_t)idx >= st.len)
        raise_stop_iteration((size_t)idx);
    else
        r = scan_once(&st, (size_t)idx, byte_offset(s, (size_t)idx), &nci, &nbi);
    DECREF(st.memo);
    if (r == NULL) return NULL;
    obj_t *e = int_from_i64((int64_t)nci);
    if (e == NULL) {
        DECREF(r);
        return NULL;
    }
    obj_t *t = tuple_pack(2, r, e);
    DECREF(r);
    DECREF(e);
    return t;
}

static obj_t *scanner_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"context", NULL};
    obj_t *ctx;
    if (args_parse("make_scanner", args, nargs, kwnames, names, 1, &ctx) < 0) return NULL;
    obj_t *f[6] = {NULL};
    static const char *const attrs[6] = {"strict",      "object_hook", "object_pairs_hook",
                                         "parse_float", "parse_int",   "parse_constant"};
    for (int i = 0; i < 6; i++) {
        f[i] = obj_getattr_str(ctx, attrs[i]);
        if (f[i] == NULL) goto fail;
    }
    int strict = obj_is_true(f[0]);
    if (strict < 0) goto fail;
    scanner_t *sc = (scanner_t *)obj_alloc(type, type->basicsize);
    if (sc == NULL) goto fail;
    DECREF(f[0]);
    sc->object_hook = f[1];
    sc->object_pairs_hook = f[2];
    sc->parse_float = f[3];
    sc->parse_int = f[4];
    sc->parse_constant = f[5];
    sc->strict = strict != 0;
    return (obj_t *)sc;
fail:
    for (int i = 0; i < 6; i++)
        XDECREF(f[i]);
    return NULL;
}

static void scanner_dealloc(obj_t *o) {
    scanner_t *sc = (scanner_t *)o;
    XDECREF(sc->object_hook);
    XDECREF(sc->object_pairs_hook);
    XDECREF(sc->parse_float);
    XDECREF(sc->parse_int);
    XDECREF(sc->parse_constant);
    obj_free(o);
}

static const member_def_t scanner_members[] = {
    {"strict", MEMBER_BOOL, offsetof(scanner_t, strict), true},
    {"object_hook", MEMBER_OBJECT, offsetof(scanner_t, object_hook), true},
    {"object_pairs_hook", MEMBER_OBJECT, offsetof(scanner_t, object_pairs_hook), true},
    {"parse_float", MEMBER_OBJECT, offsetof(scanner_t, parse_float), true},
    {"parse_int", MEMBER_OBJECT, offsetof(scanner_t, parse_int), true},
    {"parse_constant", MEMBER_OBJECT, offsetof(scanner_t, parse_constant), true},
    {NULL},
};

static type_t scanner_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_json.Scanner",
    .basicsize = sizeof(scanner_t),
    .base = &object_type,
    .dealloc = scanner_dealloc,
    .call = scanner_call,
    .tp_new = scanner_new,
    .members = scanner_members,
    .doc = "JSON scanner object",
};

// ---- make_encoder: the Encoder type ----------------------------------------------------------

// CPython's PyArg_ParseTupleAndKeywords for n required parameters, with its
// order of checks and messages: the count, then each parameter in turn
// (bound, then converted by check(i, value, ctx), or missing), then the
// leftover keywords.
static int bind_args(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                     const char *const *names, size_t n, obj_t **out,
                     int (*check)(size_t i, obj_t *v, void *ctx), void *ctx) {
    size_t nkw = kwnames != NULL ? TUPLE_SIZE(kwnames) : 0;
    if (nargs + nkw > n) {
        err_format(exc_TypeError, "%s() takes at most %zu %sargument%s (%zu given)", fname, n,
                   nargs == 0 ? "keyword " : "", n == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    size_t left = nkw;
    for (size_t i = 0; i < n; i++) {
        obj_t *v = NULL;
        if (i < nargs) {
            v = args[i];
        } else {
            for (size_t k = 0; k < nkw; k++) {
                obj_t *key = TUPLE_GET(kwnames, k);
                if (STR_CHECK(key) && strcmp(str_data(key), names[i]) == 0) {
                    v = args[nargs + k];
                    left--;
                    break;
                }
            }
        }
        if (v == NULL) {
            err_format(exc_TypeError, "%s() missing required argument '%s' (pos %zu)", fname,
                       names[i], i + 1);
            return -1;
        }
        if (check(i, v, ctx) < 0) return -1;
        out[i] = v;
    }
    if (left > 0) {
        // A keyword that names no parameter, or one already given by position.
        for (size_t k = 0; k < nkw; k++) {
            obj_t *key = TUPLE_GET(kwnames, k);
            const char *ks = STR_CHECK(key) ? str_data(key) : "";
            for (size_t i = 0; i < nargs; i++) {
                if (strcmp(ks, names[i]) == 0) {
                    err_format(exc_TypeError,
                               "argument for %s() given by name ('%s') and position (%zu)", fname,
                               ks, i + 1);
                    return -1;
                }
            }
            bool known = false;
            for (size_t i = 0; i < n; i++)
                known = known || strcmp(ks, names[i]) == 0;
            if (!known) {
                err_format(exc_TypeError, "'%s' is an invalid keyword argument for %s()", ks,
                           fname);
                return -1;
            }
        }
    }
    return 0;
}

// The settings json/encoder.py passes to c_make_encoder, fixed at creation.
// `fast` names the C string escape to run in place of calling `encoder`
// when it is one of this module's two functions.
typedef struct {
    obj_t ob;
    obj_t *markers, *defaultfn, *encoder, *indent, *key_separator, *item_separator;
    bool sort_keys, skipkeys, allow_nan;
    void (*fast)(str_builder_t *b, obj_t *s);
} encoder_t;

static int encode_obj(encoder_t *e, str_builder_t *b, obj_t *o);

// The JSON literal of str s.
static int encode_str(encoder_t *e, str_builder_t *b, obj_t *s) {
    if (e->fast != NULL) {
        e->fast(b, s);
        return 0;
    }
    obj_t *r = obj_call1(e->encoder, s);
    if (r == NULL) return -1;
    if (!STR_CHECK(r)) {
        err_format(exc_TypeError, "encoder() must return a string, not %.80s", obj_type_name(r));
        DECREF(r);
        return -1;
    }
    str_builder_add_str(b, r);
    DECREF(r);
    return 0;
}

// float.__repr__ of a float (or subclass), or the JavaScript names of the
// non-finite values when allowed.
static int encode_float(encoder_t *e, str_builder_t *b, obj_t *o) {
    double d = float_value(o);
    if (!isfinite(d)) {
        if (!e->allow_nan) {
            err_set_str(exc_ValueError, "Out of range float values are not JSON compliant");
            return -1;
        }
        str_builder_add_cstr(b, d > 0 ? "Infinity" : d < 0 ? "-Infinity" : "NaN");
        return 0;
    }
    char buf[64];
    int n = float_repr_buf(d, buf, sizeof buf);
    str_builder_add(b, buf, (size_t)n);
    return 0;
}

// int.__repr__ of an int (or subclass): a subclass's own __repr__ is not used.
static int encode_int(str_builder_t *b, obj_t *o) {
    if (IS_SMALLINT(o)) {
        // Digits written backwards from the end of buf (the magnitude as
        // unsigned: SMALLINT_MIN's negation fits).
        char buf[24], *p = buf + sizeof buf;
        int64_t v = SMALLINT_VALUE(o);
        uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u != 0);
        if (v < 0) *--p = '-';
        str_builder_add(b, p, (size_t)(buf + sizeof buf - p));
        return 0;
    }
    obj_t *r = int_repr(o);
    if (r == NULL) return -1;
    str_builder_add_str(b, r);
    DECREF(r);
    return 0;
}

// Records container o in the markers dict under its id; ValueError if it
// is already there (a cycle).  *ident gets the key to remove afterwards
// (NULL when markers is None).
static int markers_enter(encoder_t *e, obj_t *o, obj_t **ident) {
    *ident = NULL;
    if (e->markers == None) return 0;
    obj_t *id = int_from_u64((uint64_t)(uintptr_t)o);
    if (id == NULL) return -1;
    int has = dict_contains(e->markers, id);
    if (has != 0) {
        if (has > 0) err_set_str(exc_ValueError, "Circular reference detected");
        DECREF(id);
        return -1;
    }
    if (dict_set(e->markers, id, o) < 0) {
        DECREF(id);
        return -1;
    }
    *ident = id;
    return 0;
}

static int markers_leave(encoder_t *e, obj_t *ident) {
    if (ident == NULL) return 0;
    int rc = dict_del(e->markers, ident);
    DECREF(ident);
    return rc;
}

// A list or tuple.  An exact list's size is read again at each step, so a
// `default` that changes the list (or another thread) shortens or
// lengthens the walk, never crashes it.
static int encode_list(encoder_t *e, str_builder_t *b, obj_t *seq) {
    // Subclasses are walked through their __iter__, into a list of ours
    // (PySequence_Fast); the marker stays the original object's id.
    obj_t *orig = seq, *own = NULL;
    if (!OBJ_IS_TYPE(seq, &list_type) && !OBJ_IS_TYPE(seq, &tuple_type)) {
        obj_t *it = obj_iter(seq);
        if (it == NULL) return -1;
        own = list_from_iterable(it);
        DECREF(it);
        if (own == NULL) return -1;
        seq = own;
    }
    bool is_list = LIST_CHECK(seq);
    size_t n = is_list ? (size_t)list_size(seq) : TUPLE_SIZE(seq);
    if (n == 0) {
        XDECREF(own);
        str_builder_add(b, "[]", 2);
        return 0;
    }
    obj_t *ident;
    if (markers_enter(e, orig, &ident) < 0) {
        XDECREF(own);
        return -1;
    }
    str_builder_add_char(b, '[');
    for (size_t i = 0;; i++) {
        obj_t *item;
        if (is_list) {
            if (i >= (size_t)list_size(seq)) break;
            item = list_get(seq, (ssize_t)i);
            if (item == NULL) { // shrunk by another thread since the size check
                err_clear();
                break;
            }
        } else {
            if (i >= n) break;
            item = NEWREF(TUPLE_GET(seq, i));
        }
        if (i > 0) str_builder_add_str(b, e->item_separator);
        int rc = encode_obj(e, b, item);
        DECREF(item);
        if (rc < 0) {
            XDECREF(ident);
            XDECREF(own);
            return -1;
        }
    }
    XDECREF(own);
    if (markers_leave(e, ident) < 0) return -1;
    str_builder_add_char(b, ']');
    return 0;
}

// The (key, value) pairs of a dict as a list: a snapshot taken in one
// critical section for a dict, the result of items() for a subclass (as
// CPython's PyMapping_Items).
static obj_t *dict_items_of(obj_t *d) {
    if (OBJ_IS_TYPE(d, &dict_type)) return dict_items_list(d);
    obj_t *r = obj_call_method(d, "items", NULL, 0);
    if (r == NULL || OBJ_IS_TYPE(r, &list_type)) return r;
    obj_t *it = obj_iter(r);
    if (it == NULL) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_format(exc_TypeError, "%.200s.items() returned a non-iterable (type %.200s)",
                       obj_type_name(d), obj_type_name(r));
        }
        DECREF(r);
        return NULL;
    }
    DECREF(r);
    obj_t *l = list_from_iterable(it);
    DECREF(it);
    return l;
}

// A key JSON can write: str, float, int, bool or None.
static bool key_encodable(obj_t *key) {
    return STR_CHECK(key) || FLOAT_CHECK(key) || INT_CHECK(key) || key == None;
}

// The JSON text of a dict key (key_encodable or TypeError).
static int encode_key(encoder_t *e, str_builder_t *b, obj_t *key) {
    if (STR_CHECK(key)) return encode_str(e, b, key);
    // Non-str keys become strings first, then go through the string encoder
    // (only their characters need no escaping).
    str_builder_t kb;
    str_builder_init(&kb);
    int rc = 0;
    if (FLOAT_CHECK(key)) {
        rc = encode_float(e, &kb, key);
    } else if (key == True || key == False || key == None) {
        str_builder_add_cstr(&kb, key == True ? "true" : key == False ? "false" : "null");
    } else if (INT_CHECK(key)) {
        rc = encode_int(&kb, key);
    } else {
        str_builder_discard(&kb);
        err_format(exc_TypeError, "keys must be str, int, float, bool or None, not %.100s",
                   obj_type_name(key));
        return -1;
    }
    if (rc < 0) {
        str_builder_discard(&kb);
        return -1;
    }
    obj_t *kstr = str_builder_finish(&kb);
    if (kstr == NULL) return -1;
    rc = encode_str(e, b, kstr);
    DECREF(kstr);
    return rc;
}

// One "key": value member; skipped keys write nothing.  *first: nothing
// written yet (no item separator before this one).
static int encode_member(encoder_t *e, str_builder_t *b, obj_t *key, obj_t *value, bool *first) {
    if (e->skipkeys && !key_encodable(key)) return 0;
    if (!*first) str_builder_add_str(b, e->item_separator);
    *first = false;
    if (encode_key(e, b, key) < 0) return -1;
    str_builder_add_str(b, e->key_separator);
    return encode_obj(e, b, value);
}

// Orders two (key, value) pairs of exact str keys as str's `<` does: UTF-8
// bytes compare in code point order.
static int cmp_str_pairs(const void *a, const void *b) {
    obj_t *ka = *(obj_t *const *)a, *kb = *(obj_t *const *)b;
    size_t na = str_nbytes(ka), nb = str_nbytes(kb);
    int c = memcmp(str_data(ka), str_data(kb), na < nb ? na : nb);
    return c != 0 ? c : (na > nb) - (na < nb);
}

// The members of an exact dict from one flat snapshot (no item tuples
// built): in insertion order, or sorted when sort_keys and every key is an
// exact str (distinct keys under a strict total order: any sort gives
// list.sort's result, with no Python code).  1 when sort_keys needs
// list.sort instead.
static int encode_members_flat(encoder_t *e, str_builder_t *b, obj_t *d) {
    obj_t **kv;
    size_t n;
    if (dict_items_flat(d, &kv, &n) < 0) return -1;
    bool first = true;
    int rc = 0;
    if (e->sort_keys) {
        for (size_t i = 0; i < n && rc == 0; i++)
            if (!STR_EXACT(kv[2 * i])) rc = 1;
        if (rc == 0) qsort(kv, n, 2 * sizeof(obj_t *), cmp_str_pairs);
    }
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = encode_member(e, b, kv[2 * i], kv[2 * i + 1], &first);
    for (size_t i = 0; i < 2 * n; i++)
        DECREF(kv[i]);
    free(kv);
    return rc;
}

// The members from the items list (sorted when sort_keys): a subclass's
// items(), or the tuples list.sort orders as CPython's does.
static int encode_members_list(encoder_t *e, str_builder_t *b, obj_t *d) {
    obj_t *items = dict_items_of(d);
    if (items == NULL) return -1;
    if (e->sort_keys && list_sort(items, NULL, false) < 0) {
        DECREF(items);
        return -1;
    }
    // items is ours unless a subclass's items() returned a list it keeps:
    // read it by index as list iteration does.
    bool first = true;
    int rc = 0;
    for (ssize_t i = 0; rc == 0 && i < list_size(items); i++) {
        obj_t *item = list_get(items, i);
        if (item == NULL) {
            err_clear();
            break;
        }
        if (!TUPLE_CHECK(item) || TUPLE_SIZE(item) != 2) {
            err_set_str(exc_ValueError, "items must return 2-tuples");
            rc = -1;
        } else {
            rc = encode_member(e, b, TUPLE_GET(item, 0), TUPLE_GET(item, 1), &first);
        }
        DECREF(item);
    }
    DECREF(items);
    return rc;
}

static int encode_dict(encoder_t *e, str_builder_t *b, obj_t *d) {
    if (dict_size(d) == 0) {
        str_builder_add(b, "{}", 2);
        return 0;
    }
    obj_t *ident;
    if (markers_enter(e, d, &ident) < 0) return -1;
    str_builder_add_char(b, '{');
    int rc = OBJ_IS_TYPE(d, &dict_type) ? encode_members_flat(e, b, d) : 1;
    if (rc > 0) rc = encode_members_list(e, b, d);
    if (rc < 0) {
        XDECREF(ident);
        return -1;
    }
    if (markers_leave(e, ident) < 0) return -1;
    str_builder_add_char(b, '}');
    return 0;
}

static int encode_obj(encoder_t *e, str_builder_t *b, obj_t *o) {
    int rc;
    if (o == None) {
        str_builder_add(b, "null", 4);
        return 0;
    }
    if (o == True) {
        str_builder_add(b, "true", 4);
        return 0;
    }
    if (o == False) {
        str_builder_add(b, "false", 5);
        return 0;
    }
    if (STR_CHECK(o)) return encode_str(e, b, o);
    if (INT_CHECK(o)) return encode_int(b, o);
    // No type is both a float and a container: the cheap flag tests go
    // before FLOAT_CHECK's walk of the MRO.
    if (FLOAT_EXACT(o)) return encode_float(e, b, o);
    if (LIST_CHECK(o) || TUPLE_CHECK(o)) {
        if (c_recursion_enter(" while encoding a JSON object") < 0) return -1;
        rc = encode_list(e, b, o);
        c_recursion_leave();
        return rc;
    }
    if (DICT_CHECK(o)) {
        if (c_recursion_enter(" while encoding a JSON object") < 0) return -1;
        rc = encode_dict(e, b, o);
        c_recursion_leave();
        return rc;
    }
    if (FLOAT_CHECK(o)) return encode_float(e, b, o);
    // Anything else goes through default(o), under o's marker.
    obj_t *ident;
    if (markers_enter(e, o, &ident) < 0) return -1;
    obj_t *newobj = obj_call1(e->defaultfn, o);
    if (newobj == NULL) {
        XDECREF(ident);
        return -1;
    }
    if (c_recursion_enter(" while encoding a JSON object") < 0) {
        DECREF(newobj);
        XDECREF(ident);
        return -1;
    }
    rc = encode_obj(e, b, newobj);
    c_recursion_leave();
    DECREF(newobj);
    if (rc < 0) {
        XDECREF(ident);
        return -1;
    }
    return markers_leave(e, ident);
}

static int call_check(size_t i, obj_t *v, void *ctx) {
    return i == 1 ? obj_ssize_arg(v, (ssize_t *)ctx) : 0;
}

// encoder(obj, _current_indent_level) -> [str]: the whole text in one
// chunk.  indent is ignored, as in CPython 3.11 (json only uses the C
// encoder when indent is None).
static obj_t *encoder_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"obj", "_current_indent_level"};
    obj_t *a[2];
    ssize_t level;
    if (bind_args("_iterencode", args, nargs, kwnames, names, 2, a, call_check, &level) < 0)
        return NULL;
    str_builder_t b;
    str_builder_init(&b);
    if (encode_obj((encoder_t *)self, &b, a[0]) < 0) {
        str_builder_discard(&b);
        return NULL;
    }
    obj_t *s = str_builder_finish(&b);
    if (s == NULL) return NULL;
    obj_t *l = list_from_array(&s, 1);
    DECREF(s);
    return l;
}

// A builtin function object of this module running fn.
static bool is_cfunction(obj_t *o, cfunc_t fn) {
    return OBJ_IS_TYPE(o, &cfunction_type) && ((cfunction_t *)o)->def->fn == fn;
}

// make_encoder's conversions: "U" for the separators, "p" for the flags.
static int new_check(size_t i, obj_t *v, void *ctx) {
    int *flags = ctx;
    if ((i == 4 || i == 5) && !STR_CHECK(v)) {
        err_format(exc_TypeError, "make_encoder() argument %zu must be str, not %.50s", i + 1,
                   v == None ? "None" : obj_type_name(v));
        return -1;
    }
    if (i >= 6) {
        flags[i - 6] = obj_is_true(v);
        if (flags[i - 6] < 0) return -1;
    }
    return 0;
}

static obj_t *encoder_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"markers",   "default",       "encoder",
                                        "indent",    "key_separator", "item_separator",
                                        "sort_keys", "skipkeys",      "allow_nan"};
    obj_t *a[9];
    int flags[3];
    if (bind_args("make_encoder", args, nargs, kwnames, names, 9, a, new_check, flags) < 0)
        return NULL;
    if (a[0] != None && !DICT_CHECK(a[0])) {
        err_format(exc_TypeError, "make_encoder() argument 1 must be dict or None, not %.200s",
                   obj_type_name(a[0]));
        return NULL;
    }
    encoder_t *e = (encoder_t *)obj_alloc(type, type->basicsize);
    if (e == NULL) return NULL;
    e->markers = NEWREF(a[0]);
    e->defaultfn = NEWREF(a[1]);
    e->encoder = NEWREF(a[2]);
    e->indent = NEWREF(a[3]);
    e->key_separator = NEWREF(a[4]);
    e->item_separator = NEWREF(a[5]);
    e->sort_keys = flags[0] != 0;
    e->skipkeys = flags[1] != 0;
    e->allow_nan = flags[2] != 0;
    e->fast = is_cfunction(a[2], json_encode_basestring_ascii) ? add_string_ascii
              : is_cfunction(a[2], json_encode_basestring)     ? add_string
                                                               : NULL;
    return (obj_t *)e;
}

static void encoder_dealloc(obj_t *o) {
    encoder_t *e = (encoder_t *)o;
    XDECREF(e->markers);
    XDECREF(e->defaultfn);
    XDECREF(e->encoder);
    XDECREF(e->indent);
    XDECREF(e->key_separator);
    XDECREF(e->item_separator);
    obj_free(o);
}

static const member_def_t encoder_members[] = {
    {"markers", MEMBER_OBJECT, offsetof(encoder_t, markers), true},
    {"default", MEMBER_OBJECT, offsetof(encoder_t, defaultfn), true},
    {"encoder", MEMBER_OBJECT, offsetof(encoder_t, encoder), true},
    {"indent", MEMBER_OBJECT, offsetof(encoder_t, indent), true},
    {"key_separator", MEMBER_OBJECT, offsetof(encoder_t, key_separator), true},
    {"item_separator", MEMBER_OBJECT, offsetof(encoder_t, item_separator), true},
    {"sort_keys", MEMBER_BOOL, offsetof(encoder_t, sort_keys), true},
    {"skipkeys", MEMBER_BOOL, offsetof(encoder_t, skipkeys), true},
    {NULL},
};

static type_t encoder_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_json.Encoder",
    .basicsize = sizeof(encoder_t),
    .base = &object_type,
    .dealloc = encoder_dealloc,
    .call = encoder_call,
    .tp_new = encoder_new,
    .members = encoder_members,
    .doc = "Encoder(markers, default, encoder, indent, key_separator, item_separator, "
           "sort_keys, skipkeys, allow_nan)",
};

static const method_def_t json_functions[] = {
    {"encode_basestring_ascii", json_encode_basestring_ascii, 0, NULL},
    {"encode_basestring", json_encode_basestring, 0, NULL},
    {"scanstring", json_scanstring, 0, NULL},
    {NULL},
};

obj_t *json_module_init(void) {
    obj_t *m = module_new("_json");
    if (m == NULL) return NULL;
    if (type_ready(&scanner_type) < 0 || type_ready(&encoder_type) < 0 ||
        module_add_functions(m, json_functions) < 0 ||
        obj_setattr_str(m, "make_scanner", (obj_t *)&scanner_type) < 0 ||
        obj_setattr_str(m, "make_encoder", (obj_t *)&encoder_type) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
