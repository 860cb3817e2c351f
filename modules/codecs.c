/*
 * modules/codecs.c — the native `_codecs` module: the codec registry
 * (register, unregister, lookup, encode, decode), the error handler
 * registry (register_error, lookup_error) with the built-in handlers, and
 * the registry fallback of str.encode / bytes.decode for the encodings
 * objects/bytes.c does not know natively.  The codec functions themselves
 * (utf_8_decode, charmap_encode ...) live in modules/codecs_impl.c.
 *
 * The registry is process-wide, made on first use (by whichever thread
 * gets there first, published with a compare-and-swap) and immortal:
 *   - search_path: a list of search functions.  register() appends (one
 *     atomic list operation); unregister() removes the function inside the
 *     list's critical section, comparing by identity (no Python code runs
 *     there).  lookup() calls a tuple snapshot of the list with no lock held.
 *   - cache: a dict normalized name -> CodecInfo; str keys, so its own
 *     locking suffices.  Two threads that miss at once both search and the
 *     last store wins (both results are equivalent).
 *   - handlers: a dict name -> error handler, likewise.
 * On the first lookup the `encodings` package is imported (CPython does it
 * at start-up), which registers its search function.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../core/sysmodule.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/memoryview.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/tuple.h"
#include "../threads/critical.h"
#include "codecs_internal.h"
#include "unicodedata.h"

typedef struct {
    obj_t *search_path; // list of callables
    obj_t *cache;       // dict
    obj_t *handlers;    // dict
} registry_t;

static registry_t *_Atomic registry;
static _Atomic int encodings_imported;

static const method_def_t handler_defs[];

static registry_t *registry_get(void) {
    registry_t *r = atomic_load_explicit(&registry, memory_order_acquire);
    if (r) return r;
    r = calloc(1, sizeof *r);
    if (!r) return (registry_t *)err_no_memory();
    r->search_path = list_new(0);
    r->cache = dict_new();
    r->handlers = dict_new();
    if (!r->search_path || !r->cache || !r->handlers) goto error;
    for (const method_def_t *d = handler_defs; d->name; d++) {
        obj_t *f = cfunction_new(d, NULL);
        if (!f) goto error;
        // "strict_errors" is registered as "strict", and so on.
        size_t len = strlen(d->name);
        if (len > 7 && strcmp(d->name + len - 7, "_errors") == 0) len -= 7;
        obj_t *name = str_from_utf8_trusted(d->name, len);
        int rc = name ? dict_set(r->handlers, name, f) : -1;
        XDECREF(name);
        DECREF(f);
        if (rc < 0) goto error;
    }
    registry_t *expected = NULL;
    if (atomic_compare_exchange_strong(&registry, &expected, r)) return r;
    XDECREF(r->search_path);
    XDECREF(r->cache);
    XDECREF(r->handlers);
    free(r);
    return expected;
error:
    XDECREF(r->search_path);
    XDECREF(r->cache);
    XDECREF(r->handlers);
    free(r);
    return NULL;
}

// CPython's normalizestring: ASCII lower case, spaces to underscores.
static obj_t *normalize(const char *s) {
    size_t n = strlen(s);
    char *buf = malloc(n + 1);
    if (!buf) return err_no_memory();
    for (size_t i = 0; i <= n; i++) {
        char c = s[i];
        buf[i] = c == ' ' ? '_' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    obj_t *r = str_from_utf8_trusted(buf, n);
    free(buf);
    return r;
}

obj_t *codecs_lookup(const char *encoding) {
    registry_t *r = registry_get();
    if (!r) return NULL;
    obj_t *key = normalize(encoding);
    if (!key) return NULL;
    obj_t *v = dict_get(r->cache, key);
    if (v || err_occurred()) {
        DECREF(key);
        return v;
    }
    // Every thread imports until one import has finished: a thread that
    // comes while another imports waits on the module's import lock rather
    // than searching an empty path.
    if (!atomic_load_explicit(&encodings_imported, memory_order_acquire)) {
        obj_t *m = import_module("encodings");
        if (!m) {
            DECREF(key);
            return NULL;
        }
        DECREF(m);
        atomic_store_explicit(&encodings_imported, 1, memory_order_release);
    }
    obj_t *funcs = list_as_tuple(r->search_path);
    if (!funcs) {
        DECREF(key);
        return NULL;
    }
    if (TUPLE_SIZE(funcs) == 0) {
        err_set_str(exc_LookupError, "no codec search functions registered: can't find encoding");
        goto error;
    }
    for (size_t i = 0; i < TUPLE_SIZE(funcs); i++) {
        v = obj_call1(TUPLE_GET(funcs, i), key);
        if (!v) goto error;
        if (v == None) {
            DECREF(v);
            v = NULL;
            continue;
        }
        if (!TUPLE_CHECK(v) || TUPLE_SIZE(v) != 4) {
            DECREF(v);
            err_set_str(exc_TypeError, "codec search functions must return 4-tuples");
            goto error;
        }
        break;
    }
    if (!v) {
        err_format(exc_LookupError, "unknown encoding: %s", encoding);
        goto error;
    }
    if (dict_set(r->cache, key, v) < 0) {
        DECREF(v);
        goto error;
    }
    DECREF(funcs);
    DECREF(key);
    return v;
error:
    DECREF(funcs);
    DECREF(key);
    return NULL;
}

// ---- error handler plumbing for the codecs ---------------------------------------------------

void codec_err_init(codec_err_t *c, const char *encoding, const char *errors) {
    c->encoding = encoding;
    c->errors = errors ? errors : "strict";
    c->handler = NULL;
    c->input = NULL;
    if (strcmp(c->errors, "strict") == 0)
        c->eh = CEH_STRICT;
    else if (strcmp(c->errors, "ignore") == 0)
        c->eh = CEH_IGNORE;
    else if (strcmp(c->errors, "replace") == 0)
        c->eh = CEH_REPLACE;
    else
        c->eh = CEH_OTHER;
}

void codec_err_done(codec_err_t *c) {
    CLEAR(c->handler);
    CLEAR(c->input);
}

static obj_t *lookup_error_cstr(const char *name) {
    registry_t *r = registry_get();
    if (!r) return NULL;
    obj_t *h = dict_get_str(r->handlers, name);
    if (!h && !err_occurred()) err_format(exc_LookupError, "unknown error handler name '%s'", name);
    return h;
}

int codecs_check_encoding_errors(const char *encoding, const char *errors) {
    if (!sysmodule_dev_mode()) return 0;
    if (encoding != NULL && strcmp(encoding, "utf-8") != 0 && strcmp(encoding, "utf8") != 0 &&
        strcmp(encoding, "ascii") != 0) {
        obj_t *codec = codecs_lookup(encoding);
        if (codec == NULL) return -1;
        DECREF(codec);
    }
    if (errors != NULL && strcmp(errors, "strict") != 0 && strcmp(errors, "ignore") != 0 &&
        strcmp(errors, "replace") != 0 && strcmp(errors, "surrogateescape") != 0 &&
        strcmp(errors, "surrogatepass") != 0) {
        obj_t *handler = lookup_error_cstr(errors);
        if (handler == NULL) return -1;
        DECREF(handler);
    }
    return 0;
}

static int ensure_handler(codec_err_t *c) {
    if (c->handler) return 0;
    c->handler = lookup_error_cstr(c->errors);
    return c->handler ? 0 : -1;
}

// Checks a handler's (replacement, position) result; -1 + TypeError/IndexError.
static int handler_result(obj_t *res, bool encode, size_t len, obj_t **repl, size_t *newpos) {
    if (!TUPLE_CHECK(res) || TUPLE_SIZE(res) != 2 || !INT_CHECK(TUPLE_GET(res, 1)) ||
        !(STR_CHECK(TUPLE_GET(res, 0)) || (encode && BYTES_CHECK(TUPLE_GET(res, 0))))) {
        err_set_str(exc_TypeError, encode
                                       ? "encoding error handler must return (str/bytes, int) tuple"
                                       : "decoding error handler must return (str, int) tuple");
        return -1;
    }
    int64_t pos;
    if (int_as_i64(TUPLE_GET(res, 1), &pos) < 0) return -1;
    if (pos < 0) pos += (int64_t)len;
    if (pos < 0 || pos > (int64_t)len) {
        err_format(exc_IndexError, "position %lld from error handler out of bounds",
                   (long long)(pos < 0 ? pos - (int64_t)len : pos));
        return -1;
    }
    *newpos = (size_t)pos;
    *repl = NEWREF(TUPLE_GET(res, 0));
    return 0;
}

static obj_t *make_exc(type_t *type, const char *encoding, obj_t *object, size_t start, size_t end,
                       const char *reason) {
    obj_t *enc = str_from_cstr(encoding);
    obj_t *rs = str_from_cstr(reason);
    obj_t *st = int_from_i64((int64_t)start), *en = int_from_i64((int64_t)end);
    obj_t *r = NULL;
    if (enc && rs && st && en) {
        obj_t *args[5] = {enc, object, st, en, rs};
        r = obj_call((obj_t *)type, args, 5, NULL);
    }
    XDECREF(enc);
    XDECREF(rs);
    XDECREF(st);
    XDECREF(en);
    return r;
}

int codec_decode_error(codec_err_t *c, str_builder_t *b, const unsigned char **datap, size_t *np,
                       size_t start, size_t end, const char *reason, size_t *newpos) {
    const unsigned char *data = *datap;
    size_t n = *np;
    switch (c->eh) {
    case CEH_STRICT: err_unicode_decode(c->encoding, data, n, start, end, reason); return -1;
    case CEH_IGNORE: *newpos = end; return 0;
    case CEH_REPLACE:
        str_builder_add_codepoint(b, 0xfffd);
        *newpos = end;
        return 0;
    default: break;
    }
    if (ensure_handler(c) < 0) return -1;
    obj_t *obj = bytes_from(data, n);
    if (!obj) return -1;
    obj_t *exc = make_exc(exc_UnicodeDecodeError, c->encoding, obj, start, end, reason);
    if (!exc) {
        DECREF(obj);
        return -1;
    }
    obj_t *res = obj_call1(c->handler, exc);
    // The handler may have replaced exc.object: the decoder goes on in it.
    obj_t *now = res ? obj_getattr_str(exc, "object") : NULL;
    DECREF(exc);
    if (now != NULL && !BYTES_CHECK(now)) {
        err_set_str(exc_TypeError, "object attribute must be bytes");
        CLEAR(now);
    }
    if (now == NULL) {
        DECREF(obj);
        XDECREF(res);
        return -1;
    }
    if (now != obj) {
        SETREF(c->input, now);
        *datap = bytes_data(now);
        *np = n = bytes_len(now);
    } else {
        DECREF(now);
    }
    DECREF(obj);
    obj_t *repl;
    int rc = handler_result(res, false, n, &repl, newpos);
    DECREF(res);
    if (rc < 0) return -1;
    str_builder_add_str(b, repl);
    DECREF(repl);
    return 0;
}

void codec_raise_encode(const char *encoding, obj_t *s, size_t start, size_t end,
                        const char *reason) {
    err_unicode_encode(encoding, s, start, end, reason);
}

int codec_encode_error(codec_err_t *c, obj_t *s, size_t len, size_t start, size_t end,
                       const char *reason, obj_t **repl, size_t *newpos) {
    if (c->eh == CEH_STRICT) {
        err_unicode_encode(c->encoding, s, start, end, reason);
        return -1;
    }
    if (ensure_handler(c) < 0) return -1;
    obj_t *exc = make_exc(exc_UnicodeEncodeError, c->encoding, s, start, end, reason);
    if (!exc) return -1;
    obj_t *res = obj_call1(c->handler, exc);
    DECREF(exc);
    if (!res) return -1;
    int rc = handler_result(res, true, len, repl, newpos);
    DECREF(res);
    return rc;
}

// ---- the built-in error handlers (Python-callable) ------------------------------------------

typedef struct {
    bool encode;   // UnicodeEncodeError (else UnicodeDecodeError)
    obj_t *object; // str or bytes (a reference)
    obj_t *enc;    // encoding (a reference, may be NULL)
    size_t start, end;
    size_t len; // of object
} excinfo_t;

static void cant_handle(obj_t *exc) {
    err_format(exc_TypeError, "don't know how to handle %s in error callback", obj_type_name(exc));
}

// Reads a Unicode{En,De}codeError's fields, clamped as CPython's
// PyUnicode*Error_GetStart/End do.  want: 1 encode only, 2 decode only, 3 both.
static int exc_info(obj_t *exc, int want, excinfo_t *x) {
    int isenc = obj_is_instance(exc, (obj_t *)exc_UnicodeEncodeError);
    int isdec = isenc ? 0 : obj_is_instance(exc, (obj_t *)exc_UnicodeDecodeError);
    if (isenc < 0 || isdec < 0) return -1;
    if (!((isenc && (want & 1)) || (isdec && (want & 2)))) {
        cant_handle(exc);
        return -1;
    }
    x->encode = isenc;
    x->object = obj_getattr_str(exc, "object");
    if (!x->object) return -1;
    if (isenc ? !STR_CHECK(x->object) : !BYTES_CHECK(x->object)) {
        err_format(exc_TypeError, "object attribute must be %s", isenc ? "unicode" : "bytes");
        DECREF(x->object);
        return -1;
    }
    x->len = isenc ? str_len(x->object) : bytes_len(x->object);
    obj_t *st = obj_getattr_str(exc, "start"), *en = st ? obj_getattr_str(exc, "end") : NULL;
    int64_t s = 0, e = 0;
    int rc = 0;
    if (!st || !en) {
        rc = -1;
    } else if (!INT_CHECK(st) || !INT_CHECK(en)) {
        err_format(exc_TypeError, "%s attribute must be int", INT_CHECK(st) ? "end" : "start");
        rc = -1;
    } else if (int_as_i64(st, &s) < 0 || int_as_i64(en, &e) < 0) {
        rc = -1;
    }
    XDECREF(st);
    XDECREF(en);
    if (rc < 0) {
        DECREF(x->object);
        return -1;
    }
    if (s < 0) s = 0;
    if ((size_t)s >= x->len) s = x->len ? (int64_t)x->len - 1 : 0;
    if (e < 1) e = 1;
    if ((size_t)e > x->len) e = (int64_t)x->len;
    x->start = (size_t)s;
    x->end = (size_t)e;
    x->enc = NULL;
    return 0;
}

static obj_t *pair(obj_t *repl, size_t pos) {
    if (!repl) return NULL;
    obj_t *p = int_from_i64((int64_t)pos);
    obj_t *t = p ? tuple_pack(2, repl, p) : NULL;
    XDECREF(p);
    DECREF(repl);
    return t;
}

static obj_t *h_strict(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("strict_errors", nargs, kw, 1, 1) < 0) return NULL;
    if (EXC_CHECK(args[0]))
        err_set_object(args[0]);
    else
        err_set_str(exc_TypeError, "codec must pass exception instance");
    return NULL;
}

static obj_t *h_ignore(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("ignore_errors", nargs, kw, 1, 1) < 0) return NULL;
    excinfo_t x;
    if (exc_info(args[0], 3, &x) < 0) return NULL;
    DECREF(x.object);
    return pair(str_from_cstr(""), x.end);
}

static obj_t *h_replace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("replace_errors", nargs, kw, 1, 1) < 0) return NULL;
    excinfo_t x;
    if (exc_info(args[0], 3, &x) < 0) return NULL;
    DECREF(x.object);
    if (!x.encode) return pair(str_from_codepoint(0xfffd), x.end);
    str_builder_t b;
    str_builder_init(&b);
    for (size_t i = x.start; i < x.end; i++)
        str_builder_add_char(&b, '?');
    return pair(str_builder_finish(&b), x.end);
}

static void add_escape(str_builder_t *b, uint32_t c) {
    if (c < 0x100)
        str_builder_printf(b, "\\x%02x", c);
    else if (c < 0x10000)
        str_builder_printf(b, "\\u%04x", c);
    else
        str_builder_printf(b, "\\U%08x", c);
}

static obj_t *h_backslashreplace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("backslashreplace_errors", nargs, kw, 1, 1) < 0) return NULL;
    excinfo_t x;
    if (exc_info(args[0], 3, &x) < 0) return NULL;
    str_builder_t b;
    str_builder_init(&b);
    for (size_t i = x.start; i < x.end; i++) {
        if (x.encode)
            add_escape(&b, str_char_at(x.object, i));
        else
            str_builder_printf(&b, "\\x%02x", bytes_data(x.object)[i]);
    }
    DECREF(x.object);
    return pair(str_builder_finish(&b), x.end);
}

static obj_t *h_xmlcharrefreplace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("xmlcharrefreplace_errors", nargs, kw, 1, 1) < 0) return NULL;
    excinfo_t x;
    if (exc_info(args[0], 1, &x) < 0) return NULL;
    str_builder_t b;
    str_builder_init(&b);
    for (size_t i = x.start; i < x.end; i++)
        str_builder_printf(&b, "&#%u;", str_char_at(x.object, i));
    DECREF(x.object);
    return pair(str_builder_finish(&b), x.end);
}

// \N{name} from the Unicode database (modules/unicodedata.c), or the
// backslash escape CPython uses for characters without a name.
static obj_t *h_namereplace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("namereplace_errors", nargs, kw, 1, 1) < 0) return NULL;
    excinfo_t x;
    if (exc_info(args[0], 1, &x) < 0) return NULL;
    str_builder_t b;
    str_builder_init(&b);
    for (size_t i = x.start; i < x.end; i++) {
        char name[128];
        uint32_t c = str_char_at(x.object, i);
        if (ucd_char_name(c, name))
            str_builder_printf(&b, "\\N{%s}", name);
        else
            add_escape(&b, c);
    }
    DECREF(x.object);
    return pair(str_builder_finish(&b), x.end);
}

static obj_t *h_surrogateescape(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("surrogateescape", nargs, kw, 1, 1) < 0) return NULL;
    excinfo_t x;
    if (exc_info(args[0], 3, &x) < 0) return NULL;
    obj_t *r = NULL;
    if (x.encode) {
        unsigned char *buf = malloc(x.end - x.start + 1);
        size_t k = 0;
        for (size_t i = x.start; buf && i < x.end; i++) {
            uint32_t c = str_char_at(x.object, i);
            if (c < 0xdc80 || c > 0xdcff) break;
            buf[k++] = (unsigned char)(c - 0xdc00);
        }
        if (!buf)
            err_no_memory();
        else if (k == x.end - x.start)
            r = pair(bytes_from(buf, k), x.end);
        else
            err_set_object(args[0]);
        free(buf);
    } else {
        str_builder_t b;
        str_builder_init(&b);
        size_t k = 0;
        const unsigned char *p = bytes_data(x.object);
        while (k < 4 && x.start + k < x.end && p[x.start + k] >= 0x80) {
            str_builder_add_codepoint(&b, 0xdc00 + p[x.start + k]);
            k++;
        }
        if (k == 0) {
            str_builder_discard(&b);
            err_set_object(args[0]);
        } else {
            r = pair(str_builder_finish(&b), x.start + k);
        }
    }
    DECREF(x.object);
    return r;
}

// utf-8 = 8, utf-16* = 16, utf-32* = 32 (0 unknown); *be: big endian.
static int standard_encoding(obj_t *exc, bool *be) {
    obj_t *e = obj_getattr_str(exc, "encoding");
    if (!e) return -1;
    int r = 0;
    *be = false;
    if (STR_CHECK(e)) {
        char n[32];
        size_t k = 0;
        for (const char *p = str_data(e); *p && k < sizeof n - 1; p++)
            if (*p != '-' && *p != '_') n[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        n[k] = 0;
        if (!strcmp(n, "utf8"))
            r = 8;
        else if (!strcmp(n, "utf16") || !strcmp(n, "utf16le"))
            r = 16;
        else if (!strcmp(n, "utf16be"))
            r = 16, *be = true;
        else if (!strcmp(n, "utf32") || !strcmp(n, "utf32le"))
            r = 32;
        else if (!strcmp(n, "utf32be"))
            r = 32, *be = true;
    }
    DECREF(e);
    return r;
}

static obj_t *h_surrogatepass(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("surrogatepass", nargs, kw, 1, 1) < 0) return NULL;
    excinfo_t x;
    if (exc_info(args[0], 3, &x) < 0) return NULL;
    bool be;
    int std = standard_encoding(args[0], &be);
    obj_t *r = NULL;
    if (std < 0) goto done;
    if (std == 0) {
        err_set_object(args[0]);
        goto done;
    }
    if (x.encode) {
        size_t unit = std == 8 ? 3 : (size_t)std / 8;
        unsigned char *buf = malloc((x.end - x.start) * unit + 1);
        if (!buf) {
            err_no_memory();
            goto done;
        }
        size_t k = 0;
        for (size_t i = x.start; i < x.end; i++) {
            uint32_t c = str_char_at(x.object, i);
            if (c < 0xd800 || c > 0xdfff) {
                free(buf);
                err_set_object(args[0]);
                goto done;
            }
            if (std == 8) {
                buf[k++] = (unsigned char)(0xe0 | (c >> 12));
                buf[k++] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
                buf[k++] = (unsigned char)(0x80 | (c & 0x3f));
            } else {
                for (size_t j = 0; j < unit; j++)
                    buf[k + (be ? unit - 1 - j : j)] = (unsigned char)(c >> (8 * j));
                k += unit;
            }
        }
        r = pair(bytes_from(buf, k), x.end);
        free(buf);
    } else {
        const unsigned char *p = bytes_data(x.object) + x.start;
        size_t avail = x.len - x.start;
        uint32_t c = 0;
        size_t used = 0;
        if (std == 8 && avail >= 3 && (p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 &&
            (p[2] & 0xc0) == 0x80) {
            c = ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
            used = 3;
        } else if (std == 16 && avail >= 2) {
            c = be ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
            used = 2;
        } else if (std == 32 && avail >= 4) {
            c = be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                   : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
            used = 4;
        }
        if (used == 0 || c < 0xd800 || c > 0xdfff)
            err_set_object(args[0]);
        else
            r = pair(str_from_codepoint(c), x.start + used);
    }
done:
    DECREF(x.object);
    return r;
}

static const method_def_t handler_defs[] = {
    {"strict_errors", h_strict, 0, NULL},
    {"ignore_errors", h_ignore, 0, NULL},
    {"replace_errors", h_replace, 0, NULL},
    {"xmlcharrefreplace_errors", h_xmlcharrefreplace, 0, NULL},
    {"backslashreplace_errors", h_backslashreplace, 0, NULL},
    {"namereplace_errors", h_namereplace, 0, NULL},
    {"surrogateescape", h_surrogateescape, 0, NULL},
    {"surrogatepass", h_surrogatepass, 0, NULL},
    {NULL},
};

// ---- wrapping a codec's errors ---------------------------------------------------------------

// CPython's wrap_codec_error: an exception raised inside a codec called
// through the registry is replaced by one of the same type saying
// "encoding with 'X' codec failed (Type: message)", chained as __cause__,
// when the exception carries nothing but its message (a type with
// BaseException's constructor, at most one str argument and an
// empty instance dict); any other exception passes unchanged.
static void wrap_codec_error(const char *op, const char *encoding) {
    obj_t *exc = err_fetch();
    if (!exc) return;
    type_t *t = TYPE(exc), *base = exc_BaseException;
    // (pvm's exception families with fields of their own all have their own
    // tp_init or tp_new, so the layout needs no separate check.)
    bool plain = EXC_CHECK(exc) && t->tp_init == base->tp_init && t->tp_new == base->tp_new;
    if (plain) {
        obj_t *args = obj_getattr_str(exc, "args");
        plain = args && TUPLE_CHECK(args) &&
                (TUPLE_SIZE(args) == 0 ||
                 (TUPLE_SIZE(args) == 1 && TYPE(TUPLE_GET(args, 0)) == &str_type));
        XDECREF(args);
        obj_t *d = obj_instance_dict_borrow(exc);
        if (d && dict_size(d) > 0) plain = false;
        if (err_occurred()) err_clear();
    }
    if (!plain) {
        err_restore(exc);
        return;
    }
    obj_t *msg = str_from_format("%s with '%s' codec failed (%s: %S)", op, encoding,
                                 obj_type_name(exc), exc);
    obj_t *wrapped = msg ? obj_call1((obj_t *)t, msg) : NULL;
    XDECREF(msg);
    if (!wrapped) {
        err_clear();
        err_restore(exc);
        return;
    }
    exc_set_cause(wrapped, exc);
    err_restore(wrapped);
}

// ---- module functions ----------------------------------------------------------------------

static obj_t *c_register(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("_codecs.register", nargs, kw, 1, 1) < 0) return NULL;
    if (!obj_is_callable(args[0])) {
        err_set_str(exc_TypeError, "argument must be callable");
        return NULL;
    }
    registry_t *r = registry_get();
    if (!r || list_append(r->search_path, args[0]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *c_unregister(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("_codecs.unregister", nargs, kw, 1, 1) < 0) return NULL;
    registry_t *r = registry_get();
    if (!r) return NULL;
    obj_t *l = r->search_path;
    obj_t *removed = NULL;
    obj_t **tail = NULL;
    size_t ntail = 0;
    bool nomem = false;
    BEGIN_CRITICAL_SECTION(l);
    size_t n = (size_t)list_size(l), i = 0;
    while (i < n && list_item_locked(l, i) != args[0])
        i++;
    if (i < n) {
        // Pops the items after i, drops i, puts the others back in order.
        tail = malloc((n - i) * sizeof *tail);
        if (tail) {
            while ((size_t)list_size(l) > i + 1)
                tail[ntail++] = list_pop_last_locked(l);
            removed = list_pop_last_locked(l);
            for (size_t k = ntail; k > 0; k--)
                if (list_append_locked(l, tail[k - 1]) < 0) nomem = true;
        } else {
            nomem = true;
        }
    }
    END_CRITICAL_SECTION();
    for (size_t k = 0; k < ntail; k++)
        DECREF(tail[k]);
    free(tail);
    if (nomem) return err_no_memory();
    if (removed) {
        DECREF(removed);
        dict_clear(r->cache);
    }
    return NEWREF(None);
}

static const char *str_arg(const char *fname, const char *argname, obj_t *v, bool none_ok) {
    if (v == NULL || (none_ok && v == None)) return NULL;
    if (!STR_CHECK(v)) {
        err_format(exc_TypeError, "%s() argument '%s' must be str, not %s", fname, argname,
                   arg_type_name(v));
        return (const char *)-1;
    }
    return str_data(v);
}

static obj_t *c_lookup(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("_codecs.lookup", nargs, kw, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "lookup() argument must be str, not %s", arg_type_name(args[0]));
        return NULL;
    }
    if (strlen(str_data(args[0])) != str_nbytes(args[0])) {
        err_set_str(exc_ValueError, "embedded null character");
        return NULL;
    }
    return codecs_lookup(str_data(args[0]));
}

// encode/decode: calls the codec's encoder (index 0) or decoder (1).
static obj_t *call_codec(const char *fname, obj_t *const *args, size_t nargs, obj_t *kw,
                         int which) {
    static const char *const names[] = {"obj", "encoding", "errors", NULL};
    obj_t *a[3];
    if (args_parse(fname, args, nargs, kw, names, 1, a) < 0) return NULL;
    const char *enc = str_arg(fname, "encoding", a[1], false);
    const char *errs = str_arg(fname, "errors", a[2], false);
    if (enc == (const char *)-1 || errs == (const char *)-1) return NULL;
    obj_t *info = codecs_lookup(enc ? enc : "utf-8");
    if (!info) return NULL;
    obj_t *f = obj_getitem(info, SMALLINT_FROM(which));
    DECREF(info);
    if (!f) return NULL;
    obj_t *res;
    if (errs) {
        obj_t *cargs[2] = {a[0], a[2]};
        res = obj_call(f, cargs, 2, NULL);
    } else {
        res = obj_call1(f, a[0]);
    }
    DECREF(f);
    if (!res) {
        wrap_codec_error(which == 0 ? "encoding" : "decoding", enc ? enc : "utf-8");
        return NULL;
    }
    if (!TUPLE_CHECK(res) || TUPLE_SIZE(res) != 2) {
        DECREF(res);
        err_set_str(exc_TypeError, which == 0 ? "encoder must return a tuple (object, integer)"
                                              : "decoder must return a tuple (object,integer)");
        return NULL;
    }
    obj_t *r = NEWREF(TUPLE_GET(res, 0));
    DECREF(res);
    return r;
}

static obj_t *c_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return call_codec("encode", args, nargs, kw, 0);
}

static obj_t *c_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return call_codec("decode", args, nargs, kw, 1);
}

static obj_t *c_register_error(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_no_kw("register_error", kw) < 0) return NULL;
    if (nargs != 2) {
        err_format(exc_TypeError, "register_error expected 2 arguments, got %zu", nargs);
        return NULL;
    }
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "register_error() argument 1 must be str, not %s",
                   arg_type_name(args[0]));
        return NULL;
    }
    if (!obj_is_callable(args[1])) {
        err_set_str(exc_TypeError, "handler must be callable");
        return NULL;
    }
    registry_t *r = registry_get();
    if (!r || dict_set(r->handlers, args[0], args[1]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *c_lookup_error(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("_codecs.lookup_error", nargs, kw, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "lookup_error() argument must be str, not %s",
                   arg_type_name(args[0]));
        return NULL;
    }
    return lookup_error_cstr(str_data(args[0]));
}

static const method_def_t codecs_functions[] = {
    {"register", c_register, 0, NULL},
    {"unregister", c_unregister, 0, NULL},
    {"lookup", c_lookup, 0, NULL},
    {"encode", c_encode, 0, NULL},
    {"decode", c_decode, 0, NULL},
    {"register_error", c_register_error, 0, NULL},
    {"lookup_error", c_lookup_error, 0, NULL},
    {NULL},
};

obj_t *codecs_module_init(void) {
    if (!registry_get()) return NULL;
    obj_t *m = module_new("_codecs");
    if (m == NULL) return NULL;
    if (module_add_functions(m, codecs_functions) < 0 ||
        module_add_functions(m, codecs_impl_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}

// ---- str.encode / bytes.decode through the registry -----------------------------------------

// The codec's encoder (which 0) or decoder (1), refusing codecs that are
// not text encodings (CodecInfo._is_text_encoding false).
static obj_t *text_codec(const char *encoding, int which) {
    obj_t *info = codecs_lookup(encoding);
    if (!info) return NULL;
    obj_t *flag = obj_lookup_attr(info, str_intern("_is_text_encoding"));
    if (flag) {
        int t = obj_is_true(flag);
        DECREF(flag);
        if (t <= 0) {
            if (t == 0)
                err_format(
                    exc_LookupError,
                    "'%s' is not a text encoding; use codecs.%s() to handle arbitrary codecs",
                    encoding, which ? "decode" : "encode");
            DECREF(info);
            return NULL;
        }
    } else if (err_occurred()) {
        DECREF(info);
        return NULL;
    }
    obj_t *f = obj_getitem(info, SMALLINT_FROM(which));
    DECREF(info);
    return f;
}

// True for the names CPython's str.encode / bytes.decode handle without
// the registry (so errors inside them are not wrapped): utf-8, latin-1 and
// ascii spellings, and utf-16 / utf-32 with the native byte order.
static bool cpython_fast_path(const char *encoding) {
    char n[16];
    size_t k = 0;
    bool punct = false;
    for (const char *p = encoding; *p; p++) {
        char c = *p;
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            c == '.') {
            if (punct && k) n[k++] = '_';
            punct = false;
            n[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else {
            punct = true;
        }
        if (k >= sizeof n - 2) return false;
    }
    n[k] = 0;
    static const char *const names[] = {"utf_8",  "utf8",    "utf_16",     "utf16",
                                        "utf_32", "utf32",   "ascii",      "us_ascii",
                                        "latin1", "latin_1", "iso_8859_1", "iso8859_1"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(n, names[i]) == 0) return true;
    return false;
}

static obj_t *run_text_codec(obj_t *f, obj_t *input, const char *encoding, const char *errors,
                             int which) {
    obj_t *res;
    if (errors) {
        obj_t *e = str_from_cstr(errors);
        if (!e) return NULL;
        obj_t *cargs[2] = {input, e};
        res = obj_call(f, cargs, 2, NULL);
        DECREF(e);
    } else {
        res = obj_call1(f, input);
    }
    if (!res) {
        if (!cpython_fast_path(encoding))
            wrap_codec_error(which ? "decoding" : "encoding", encoding);
        return NULL;
    }
    if (!TUPLE_CHECK(res) || TUPLE_SIZE(res) != 2) {
        DECREF(res);
        err_set_str(exc_TypeError, which == 0 ? "encoder must return a tuple (object, integer)"
                                              : "decoder must return a tuple (object,integer)");
        return NULL;
    }
    obj_t *r = NEWREF(TUPLE_GET(res, 0));
    DECREF(res);
    return r;
}

obj_t *codecs_encode_text(obj_t *s, const char *encoding, const char *errors) {
    obj_t *f = text_codec(encoding, 0);
    if (!f) return NULL;
    obj_t *r = run_text_codec(f, s, encoding, errors, 0);
    DECREF(f);
    if (r && !BYTES_CHECK(r)) {
        err_format(exc_TypeError,
                   "'%s' encoder returned '%s' instead of 'bytes'; use codecs.encode() to "
                   "encode to arbitrary types",
                   encoding, obj_type_name(r));
        DECREF(r);
        return NULL;
    }
    return r;
}

obj_t *codecs_decode_text(obj_t *b, const char *encoding, const char *errors) {
    obj_t *f = text_codec(encoding, 1);
    if (!f) return NULL;
    // CPython hands the decoder a memoryview of the bytes.
    obj_t *mv = obj_call1((obj_t *)&memoryview_type, b);
    obj_t *r = mv ? run_text_codec(f, mv, encoding, errors, 1) : NULL;
    XDECREF(mv);
    DECREF(f);
    if (r && !STR_CHECK(r)) {
        err_format(exc_TypeError,
                   "'%s' decoder returned '%s' instead of 'str'; use codecs.decode() to "
                   "decode to arbitrary types",
                   encoding, obj_type_name(r));
        DECREF(r);
        return NULL;
    }
    return r;
}
