/*
 * modules/codecs_impl.c — the codec functions of `_codecs` that the
 * modules of the encodings package call: utf_8, utf_16 / utf_32 (and their -le, -be
 * and _ex variants), utf_7, latin_1, ascii, charmap, unicode_escape,
 * raw_unicode_escape, escape (bytes) and readbuffer_encode.
 *
 * Each encoder takes (str, errors=None, ...) and returns (bytes, len(str));
 * each decoder takes (bytes-like, errors=None, [final=False]) and returns
 * (str, bytes consumed).  With final false a decoder stops before an
 * incomplete sequence at the end of its input and reports it as not
 * consumed, so incremental decoders (codecs.BufferedIncrementalDecoder)
 * feed it again with the next chunk.  Errors go through codec_err_t
 * (codecs_internal.h).
 *
 * Encoders work on an array of the str's code points; decoders append to
 * a str_builder_t.  Nothing here touches shared mutable state: inputs are
 * immutable str/bytes, or a buffer export of a bytearray/memoryview (which
 * cannot be resized while exported); charmap mappings are read through
 * their own operations.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/tuple.h"
#include "codecs_internal.h"

// ---- argument helpers ----------------------------------------------------------------------

static int check_nargs(const char *fname, size_t nargs, obj_t *kw, size_t min, size_t max) {
    if (kw && TUPLE_SIZE(kw) > 0) {
        err_format(exc_TypeError, "_codecs.%s() takes no keyword arguments", fname);
        return -1;
    }
    if (nargs < min) {
        err_format(exc_TypeError, "%s expected at least %zu argument%s, got %zu", fname, min,
                   min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        err_format(exc_TypeError, "%s expected at most %zu argument%s, got %zu", fname, max,
                   max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

// errors argument (position pos, 1-based): NULL when absent or None.
static int errors_arg(const char *fname, obj_t *const *args, size_t nargs, size_t pos,
                      const char **out) {
    *out = NULL;
    if (nargs < pos || args[pos - 1] == None) return 0;
    obj_t *v = args[pos - 1];
    if (!STR_CHECK(v)) {
        err_format(exc_TypeError, "%s() argument %zu must be str or None, not %s", fname, pos,
                   arg_type_name(v));
        return -1;
    }
    *out = str_data(v);
    return 0;
}

static int int_arg(obj_t *const *args, size_t nargs, size_t pos, int64_t dflt, int64_t *out) {
    *out = dflt;
    if (nargs < pos) return 0;
    obj_t *v = args[pos - 1];
    if (!INT_CHECK(v)) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(v));
        return -1;
    }
    return int_as_i64(v, out);
}

static int str_arg1(const char *fname, obj_t *v) {
    if (STR_CHECK(v)) return 0;
    err_format(exc_TypeError, "%s() argument 1 must be str, not %s", fname, arg_type_name(v));
    return -1;
}

// The input of a decoder: a buffer export, or (accept_str) a str's UTF-8.
typedef struct {
    buffer_t view;
    bool have_view;
    const unsigned char *p;
    size_t n;
} input_t;

static int input_get(obj_t *v, bool accept_str, input_t *in) {
    in->have_view = false;
    if (accept_str && STR_CHECK(v)) {
        in->p = (const unsigned char *)str_data(v);
        in->n = str_nbytes(v);
        return 0;
    }
    if (buffer_get(v, &in->view) < 0) return -1;
    in->have_view = true;
    in->p = in->view.buf;
    in->n = in->view.len;
    return 0;
}

static void input_release(input_t *in) {
    if (in->have_view) buffer_release(&in->view);
}

static obj_t *result2(obj_t *r, size_t consumed) {
    if (!r) return NULL;
    obj_t *n = int_from_i64((int64_t)consumed);
    obj_t *t = n ? tuple_pack(2, r, n) : NULL;
    XDECREF(n);
    DECREF(r);
    return t;
}

static uint32_t *code_points(obj_t *s, size_t *len) {
    size_t n = str_len(s);
    uint32_t *a = malloc((n + 1) * sizeof *a);
    if (!a) {
        err_no_memory();
        return NULL;
    }
    const char *p = str_data(s);
    for (size_t i = 0; i < n; i++)
        a[i] = utf8_decode(&p);
    *len = n;
    return a;
}

// ---- byte output buffer --------------------------------------------------------------------

typedef struct {
    unsigned char *buf;
    size_t len, cap;
    bool failed;
} bbuf_t;

static void bb_add(bbuf_t *b, const void *p, size_t n) {
    if (b->failed) return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n)
            cap *= 2;
        unsigned char *nb = realloc(b->buf, cap);
        if (!nb) {
            b->failed = true;
            return;
        }
        b->buf = nb;
        b->cap = cap;
    }
    if (n) memcpy(b->buf + b->len, p, n);
    b->len += n;
}

static void bb_byte(bbuf_t *b, unsigned char c) {
    bb_add(b, &c, 1);
}

static obj_t *bb_finish(bbuf_t *b) {
    obj_t *r = b->failed ? err_no_memory() : bytes_from(b->buf, b->len);
    free(b->buf);
    b->buf = NULL;
    return r;
}

// ---- the generic encoder -------------------------------------------------------------------

typedef struct enc enc_t;
// Encodes c (dry: only tells whether it can): 0 done, 1 unencodable, -1 error.
typedef int (*put_fn)(enc_t *e, uint32_t c, bool dry);

struct enc {
    bbuf_t out;
    put_fn put;
    bool collapse;      // a run of unencodable characters is one error
    const char *reason; // for unencodable characters
    int width;          // utf-16: 2, utf-32: 4
    bool be;
    bool utf;          // utf-8/16/32: a handler's text must be ASCII
    bool escape_first; // surrogateescape inline first (utf-8, ascii, latin-1)
    obj_t *mapping;    // charmap
    codec_err_t err;
};

static int put_utf8(enc_t *e, uint32_t c, bool dry) {
    if (c >= 0xd800 && c < 0xe000) return 1;
    if (!dry) {
        char buf[4];
        bb_add(&e->out, buf, (size_t)utf8_encode(c, buf));
    }
    return 0;
}

static int put_ascii(enc_t *e, uint32_t c, bool dry) {
    if (c >= 0x80) return 1;
    if (!dry) bb_byte(&e->out, (unsigned char)c);
    return 0;
}

static int put_latin1(enc_t *e, uint32_t c, bool dry) {
    if (c >= 0x100) return 1;
    if (!dry) bb_byte(&e->out, (unsigned char)c);
    return 0;
}

static void put_unit(enc_t *e, uint32_t u, int size) {
    unsigned char t[4];
    for (int i = 0; i < size; i++)
        t[e->be ? size - 1 - i : i] = (unsigned char)(u >> (8 * i));
    bb_add(&e->out, t, (size_t)size);
}

static int put_utf16_32(enc_t *e, uint32_t c, bool dry) {
    if (c >= 0xd800 && c < 0xe000) return 1;
    if (dry) return 0;
    if (e->width == 4) {
        put_unit(e, c, 4);
    } else if (c >= 0x10000) {
        put_unit(e, 0xd800 + ((c - 0x10000) >> 10), 2);
        put_unit(e, 0xdc00 + ((c - 0x10000) & 0x3ff), 2);
    } else {
        put_unit(e, c, 2);
    }
    return 0;
}

static int put_charmap(enc_t *e, uint32_t c, bool dry) {
    obj_t *key = SMALLINT_FROM(c);
    obj_t *v = DICT_CHECK(e->mapping) && TYPE(e->mapping) == &dict_type
                   ? dict_get(e->mapping, key)
                   : obj_getitem(e->mapping, key);
    if (!v) {
        if (!err_occurred()) return 1;
        if (!err_matches(exc_LookupError)) return -1;
        err_clear();
        return 1;
    }
    int rc = 0;
    if (v == None) {
        rc = 1;
    } else if (INT_CHECK(v)) {
        int64_t x;
        if (int_as_i64(v, &x) < 0 || x < 0 || x > 255) {
            if (!err_occurred() || err_matches(exc_OverflowError)) {
                err_clear();
                err_set_str(exc_TypeError, "character mapping must be in range(256)");
            }
            rc = -1;
        } else if (!dry) {
            bb_byte(&e->out, (unsigned char)x);
        }
    } else if (BYTES_CHECK(v)) {
        if (!dry) bb_add(&e->out, bytes_data(v), bytes_len(v));
    } else {
        err_format(exc_TypeError, "character mapping must return integer, bytes or None, not %s",
                   obj_type_name(v));
        rc = -1;
    }
    DECREF(v);
    return rc;
}

// Runs e over s; returns (bytes, len(s)).
static obj_t *encode_with(enc_t *e, obj_t *s) {
    size_t len;
    uint32_t *cp = code_points(s, &len);
    if (!cp) return NULL;
    size_t i = 0;
    while (i < len) {
        int r = e->put(e, cp[i], false);
        if (r < 0) goto error;
        if (r == 0) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (e->collapse && j < len) {
            r = e->put(e, cp[j], true);
            if (r < 0) goto error;
            if (r == 0) break;
            j++;
        }
        if (e->err.eh == CEH_IGNORE) {
            i = j;
            continue;
        }
        if (e->escape_first && strcmp(e->err.errors, "surrogateescape") == 0) {
            // CPython's utf-8, ascii and latin-1 encoders write the leading
            // U+DC80..U+DCFF of the run themselves and call the handler for
            // what is left (so its error starts at the first other one).
            while (i < j && cp[i] >= 0xdc80 && cp[i] <= 0xdcff)
                bb_byte(&e->out, (unsigned char)(cp[i++] - 0xdc00));
            if (i == j) continue;
        }
        obj_t *repl = NULL;
        size_t newpos = j;
        if (e->err.eh == CEH_REPLACE) {
            repl = str_from_cstr("?");
            if (repl && j - i > 1) {
                obj_t *q = NULL;
                str_builder_t b;
                str_builder_init(&b);
                for (size_t k = i; k < j; k++)
                    str_builder_add_char(&b, '?');
                q = str_builder_finish(&b);
                DECREF(repl);
                repl = q;
            }
            if (!repl) goto error;
        } else if (codec_encode_error(&e->err, s, len, i, j, e->reason, &repl, &newpos) < 0) {
            goto error;
        }
        // The UTF encoders take only whole code units of bytes and ASCII
        // text from a handler, as CPython's.
        bool refused = BYTES_CHECK(repl) ? e->width && bytes_len(repl) % (size_t)e->width
                                         : e->utf && !((str_t *)repl)->ascii;
        if (refused) {
            codec_raise_encode(e->err.encoding, s, i, j, e->reason);
            DECREF(repl);
            goto error;
        }
        if (BYTES_CHECK(repl)) {
            bb_add(&e->out, bytes_data(repl), bytes_len(repl));
        } else {
            const char *p = str_data(repl);
            for (size_t k = 0, n = str_len(repl); k < n; k++) {
                r = e->put(e, utf8_decode(&p), false);
                if (r != 0) {
                    if (r > 0) codec_raise_encode(e->err.encoding, s, i, j, e->reason);
                    DECREF(repl);
                    goto error;
                }
            }
        }
        DECREF(repl);
        i = newpos;
    }
    free(cp);
    codec_err_done(&e->err);
    return result2(bb_finish(&e->out), len);
error:
    free(cp);
    free(e->out.buf);
    codec_err_done(&e->err);
    return NULL;
}

static void enc_init(enc_t *e, put_fn put, const char *encoding, const char *errors,
                     const char *reason, bool collapse) {
    memset(e, 0, sizeof *e);
    e->put = put;
    e->escape_first = put == put_utf8 || put == put_ascii || put == put_latin1;
    e->reason = reason;
    e->collapse = collapse;
    codec_err_init(&e->err, encoding, errors);
}

// Parses (str, errors=None) for an encoder; -1 + TypeError.
static int enc_args(const char *fname, obj_t *const *args, size_t nargs, obj_t *kw, size_t max,
                    const char **errors) {
    if (check_nargs(fname, nargs, kw, 1, max) < 0) return -1;
    if (str_arg1(fname, args[0]) < 0) return -1;
    return errors_arg(fname, args, nargs, 2, errors);
}

static obj_t *utf_8_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    const char *errors;
    if (enc_args("utf_8_encode", args, nargs, kw, 2, &errors) < 0) return NULL;
    obj_t *s = args[0];
    if (!memchr(str_data(s), 0xed, str_nbytes(s)))
        return result2(bytes_from(str_data(s), str_nbytes(s)), str_len(s));
    enc_t e;
    enc_init(&e, put_utf8, "utf-8", errors, "surrogates not allowed", true);
    e.utf = true;
    return encode_with(&e, s);
}

static obj_t *ascii_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    const char *errors;
    if (enc_args("ascii_encode", args, nargs, kw, 2, &errors) < 0) return NULL;
    obj_t *s = args[0];
    if (((str_t *)s)->ascii) return result2(bytes_from(str_data(s), str_nbytes(s)), str_len(s));
    enc_t e;
    enc_init(&e, put_ascii, "ascii", errors, "ordinal not in range(128)", true);
    return encode_with(&e, s);
}

static obj_t *latin_1_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    const char *errors;
    if (enc_args("latin_1_encode", args, nargs, kw, 2, &errors) < 0) return NULL;
    obj_t *s = args[0];
    if (((str_t *)s)->ascii) return result2(bytes_from(str_data(s), str_nbytes(s)), str_len(s));
    enc_t e;
    enc_init(&e, put_latin1, "latin-1", errors, "ordinal not in range(256)", true);
    return encode_with(&e, s);
}

// utf_16/utf_32 encoders: byteorder 0 writes a BOM and little-endian data.
static obj_t *utf_wide_encode(const char *fname, const char *encoding, int width, int bo_fixed,
                              obj_t *const *args, size_t nargs, obj_t *kw) {
    const char *errors;
    if (enc_args(fname, args, nargs, kw, bo_fixed ? 2 : 3, &errors) < 0) return NULL;
    int64_t bo = bo_fixed;
    if (!bo_fixed && int_arg(args, nargs, 3, 0, &bo) < 0) return NULL;
    enc_t e;
    enc_init(&e, put_utf16_32, encoding, errors, "surrogates not allowed", false);
    e.width = width;
    e.utf = true;
    e.be = bo > 0;
    if (bo == 0) put_unit(&e, 0xfeff, width);
    return encode_with(&e, args[0]);
}

#define WIDE_ENCODER(name, enc, width, bo)                                                         \
    static obj_t *name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {                 \
        return utf_wide_encode(#name, enc, width, bo, args, nargs, kw);                            \
    }
WIDE_ENCODER(utf_16_encode, "utf-16", 2, 0)
WIDE_ENCODER(utf_16_le_encode, "utf-16-le", 2, -1)
WIDE_ENCODER(utf_16_be_encode, "utf-16-be", 2, 1)
WIDE_ENCODER(utf_32_encode, "utf-32", 4, 0)
WIDE_ENCODER(utf_32_le_encode, "utf-32-le", 4, -1)
WIDE_ENCODER(utf_32_be_encode, "utf-32-be", 4, 1)

static obj_t *charmap_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    const char *errors;
    if (enc_args("charmap_encode", args, nargs, kw, 3, &errors) < 0) return NULL;
    enc_t e;
    if (nargs < 3 || args[2] == None) {
        enc_init(&e, put_latin1, "latin-1", errors, "ordinal not in range(256)", true);
    } else {
        enc_init(&e, put_charmap, "charmap", errors, "character maps to <undefined>", true);
        e.mapping = args[2];
    }
    return encode_with(&e, args[0]);
}

static void add_hex_escape(bbuf_t *b, uint32_t c) {
    char buf[16];
    int n;
    if (c >= 0x10000)
        n = snprintf(buf, sizeof buf, "\\U%08x", c);
    else if (c >= 0x100)
        n = snprintf(buf, sizeof buf, "\\u%04x", c);
    else
        n = snprintf(buf, sizeof buf, "\\x%02x", c);
    bb_add(b, buf, (size_t)n);
}

static obj_t *unicode_escape_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    const char *errors;
    if (enc_args("unicode_escape_encode", args, nargs, kw, 2, &errors) < 0) return NULL;
    bbuf_t b = {0};
    const char *p = str_data(args[0]);
    size_t n = str_len(args[0]);
    for (size_t i = 0; i < n; i++) {
        uint32_t c = utf8_decode(&p);
        if (c == '\\')
            bb_add(&b, "\\\\", 2);
        else if (c == '\t')
            bb_add(&b, "\\t", 2);
        else if (c == '\n')
            bb_add(&b, "\\n", 2);
        else if (c == '\r')
            bb_add(&b, "\\r", 2);
        else if (c < 0x20 || c >= 0x7f)
            add_hex_escape(&b, c);
        else
            bb_byte(&b, (unsigned char)c);
    }
    return result2(bb_finish(&b), n);
}

static obj_t *raw_unicode_escape_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    const char *errors;
    if (enc_args("raw_unicode_escape_encode", args, nargs, kw, 2, &errors) < 0) return NULL;
    bbuf_t b = {0};
    const char *p = str_data(args[0]);
    size_t n = str_len(args[0]);
    for (size_t i = 0; i < n; i++) {
        uint32_t c = utf8_decode(&p);
        if (c >= 0x100)
            add_hex_escape(&b, c);
        else
            bb_byte(&b, (unsigned char)c);
    }
    return result2(bb_finish(&b), n);
}

// ---- UTF-7 -----------------------------------------------------------------------------------

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static bool is_b64(unsigned c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

static unsigned from_b64(unsigned c) {
    return c >= 'A' && c <= 'Z'   ? c - 'A'
           : c >= 'a' && c <= 'z' ? c - 'a' + 26
           : c >= '0' && c <= '9' ? c - '0' + 52
           : c == '+'             ? 62
                                  : 63;
}

// RFC 2152 characters written as themselves (sets D, O and white space).
static bool utf7_direct(uint32_t c) {
    if (c == 0 || c >= 0x7f) return false;
    if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
    return c != '+' && c != '\\' && c != '~';
}

static obj_t *utf_7_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    const char *errors;
    if (enc_args("utf_7_encode", args, nargs, kw, 2, &errors) < 0) return NULL;
    bbuf_t b = {0};
    const char *p = str_data(args[0]);
    size_t n = str_len(args[0]);
    bool shift = false;
    int bits = 0;
    uint64_t buf = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = utf8_decode(&p);
        if (shift && utf7_direct(c)) {
            if (bits) {
                bb_byte(&b, (unsigned char)b64chars[(buf << (6 - bits)) & 0x3f]);
                buf = 0;
                bits = 0;
            }
            shift = false;
            if (is_b64(c) || c == '-') bb_byte(&b, '-');
            bb_byte(&b, (unsigned char)c);
            continue;
        }
        if (!shift) {
            if (c == '+') {
                bb_add(&b, "+-", 2);
                continue;
            }
            if (utf7_direct(c)) {
                bb_byte(&b, (unsigned char)c);
                continue;
            }
            bb_byte(&b, '+');
            shift = true;
        }
        uint32_t units[2];
        int nu = 0;
        if (c >= 0x10000) {
            units[nu++] = 0xd800 + ((c - 0x10000) >> 10);
            units[nu++] = 0xdc00 + ((c - 0x10000) & 0x3ff);
        } else {
            units[nu++] = c;
        }
        for (int k = 0; k < nu; k++) {
            bits += 16;
            buf = (buf << 16) | units[k];
            while (bits >= 6) {
                bb_byte(&b, (unsigned char)b64chars[(buf >> (bits - 6)) & 0x3f]);
                bits -= 6;
            }
            buf &= (1u << bits) - 1;
        }
    }
    if (bits) bb_byte(&b, (unsigned char)b64chars[(buf << (6 - bits)) & 0x3f]);
    if (shift) bb_byte(&b, '-');
    return result2(bb_finish(&b), n);
}

// ---- decoders ------------------------------------------------------------------------------

// Parses (data, errors=None[, final]) with final at position final_pos (0:
// none); final defaults to dflt_final.
static int dec_args(const char *fname, obj_t *const *args, size_t nargs, obj_t *kw, size_t max,
                    bool accept_str, input_t *in, const char **errors, size_t final_pos,
                    bool dflt_final, bool *final) {
    if (check_nargs(fname, nargs, kw, 1, max) < 0) return -1;
    if (errors_arg(fname, args, nargs, 2, errors) < 0) return -1;
    *final = dflt_final;
    if (final_pos) {
        int64_t f;
        if (int_arg(args, nargs, final_pos, dflt_final, &f) < 0) return -1;
        *final = f != 0;
    }
    return input_get(args[0], accept_str, in);
}

// Length of the valid UTF-8 sequence at p[0..n), or 0 with *bad (maximal
// invalid subpart) and *reason set.
static size_t utf8_one(const unsigned char *p, size_t n, size_t *bad, const char **reason) {
    unsigned c = p[0];
    if (c < 0x80) return 1;
    size_t need;
    unsigned lo = 0x80, hi = 0xbf;
    if (c < 0xc2 || c > 0xf4) {
        *bad = 1;
        *reason = "invalid start byte";
        return 0;
    }
    if (c < 0xe0) {
        need = 2;
    } else if (c < 0xf0) {
        need = 3;
        if (c == 0xe0) lo = 0xa0;
        if (c == 0xed) hi = 0x9f;
    } else {
        need = 4;
        if (c == 0xf0) lo = 0x90;
        if (c == 0xf4) hi = 0x8f;
    }
    for (size_t i = 1; i < need; i++) {
        if (i >= n) {
            *bad = i;
            *reason = "unexpected end of data";
            return 0;
        }
        unsigned l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xbf;
        if (p[i] < l || p[i] > h) {
            *bad = i;
            *reason = "invalid continuation byte";
            return 0;
        }
    }
    return need;
}

static obj_t *utf_8_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    input_t in;
    const char *errors;
    bool final;
    if (dec_args("utf_8_decode", args, nargs, kw, 3, false, &in, &errors, 3, false, &final) < 0)
        return NULL;
    const unsigned char *p = in.p;
    size_t n = in.n, i = 0;
    codec_err_t err;
    codec_err_init(&err, "utf-8", errors);
    str_builder_t b;
    str_builder_init(&b);
    while (i < n) {
        size_t run = i;
        while (run < n && p[run] < 0x80)
            run++;
        str_builder_add(&b, (const char *)p + i, run - i);
        i = run;
        if (i >= n) break;
        size_t bad;
        const char *reason;
        size_t k = utf8_one(p + i, n - i, &bad, &reason);
        if (k) {
            str_builder_add(&b, (const char *)p + i, k);
            i += k;
            continue;
        }
        if (!final && i + bad == n && reason[0] == 'u') break;
        // A truncated surrogate (ED A0..BF) waits for its last byte too, so
        // surrogatepass works on incremental input (as CPython).
        if (!final && n - i == 2 && p[i] == 0xed && p[i + 1] >= 0xa0) break;
        if (codec_decode_error(&err, &b, &p, &n, i, i + bad, reason, &i) < 0) goto error;
    }
    codec_err_done(&err);
    input_release(&in);
    return result2(str_builder_finish(&b), final ? in.n : i);
error:
    codec_err_done(&err);
    input_release(&in);
    str_builder_discard(&b);
    return NULL;
}

// ascii (limit 0x80) and latin-1 (0x100) decoding.
static obj_t *simple_decode(const char *fname, const char *encoding, unsigned limit,
                            obj_t *const *args, size_t nargs, obj_t *kw) {
    input_t in;
    const char *errors;
    bool final;
    if (dec_args(fname, args, nargs, kw, 2, false, &in, &errors, 0, true, &final) < 0) return NULL;
    codec_err_t err;
    codec_err_init(&err, encoding, errors);
    str_builder_t b;
    str_builder_init(&b);
    size_t i = 0, whole = in.n;
    while (i < in.n) {
        unsigned c = in.p[i];
        if (c < limit) {
            str_builder_add_codepoint(&b, c);
            i++;
        } else if (codec_decode_error(&err, &b, &in.p, &in.n, i, i + 1, "ordinal not in range(128)",
                                      &i) < 0) {
            codec_err_done(&err);
            input_release(&in);
            str_builder_discard(&b);
            return NULL;
        }
    }
    codec_err_done(&err);
    input_release(&in);
    return result2(str_builder_finish(&b), whole);
}

static obj_t *ascii_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return simple_decode("ascii_decode", "ascii", 0x80, args, nargs, kw);
}

static obj_t *latin_1_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return simple_decode("latin_1_decode", "latin-1", 0x100, args, nargs, kw);
}

// UTF-16 (width 2) / UTF-32 (4) decoding.  *bo: 0 detect from a BOM (else
// little endian), -1 little, 1 big; updated to the BOM's order.
static obj_t *decode_wide(const unsigned char *p, size_t n, const char *errors, int width, int *bo,
                          bool final, size_t *consumed) {
    size_t i = 0;
    if (*bo == 0 && n >= (size_t)width) {
        if (width == 2 && p[0] == 0xff && p[1] == 0xfe)
            *bo = -1, i = 2;
        else if (width == 2 && p[0] == 0xfe && p[1] == 0xff)
            *bo = 1, i = 2;
        else if (width == 4 && !memcmp(p, "\xff\xfe\0\0", 4))
            *bo = -1, i = 4;
        else if (width == 4 && !memcmp(p, "\0\0\xfe\xff", 4))
            *bo = 1, i = 4;
    }
    bool be = *bo == 1;
    const char *name =
        width == 2 ? (be ? "utf-16-be" : "utf-16-le") : (be ? "utf-32-be" : "utf-32-le");
    codec_err_t err;
    codec_err_init(&err, name, errors);
    str_builder_t b;
    str_builder_init(&b);
    while (i < n) {
        size_t w = (size_t)width;
        if (n - i < w) {
            if (!final) break;
            if (codec_decode_error(&err, &b, &p, &n, i, n, "truncated data", &i) < 0) goto error;
            continue;
        }
        uint32_t u;
        if (width == 4)
            u = be ? (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 |
                         p[i + 3]
                   : (uint32_t)p[i + 3] << 24 | (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 1] << 8 |
                         p[i];
        else
            u = be ? (uint32_t)p[i] << 8 | p[i + 1] : (uint32_t)p[i + 1] << 8 | p[i];
        if (width == 4) {
            if (u > 0x10ffff || (u >= 0xd800 && u < 0xe000)) {
                const char *why = u > 0x10ffff
                                      ? "code point not in range(0x110000)"
                                      : "code point in surrogate code point range(0xd800, 0xe000)";
                if (codec_decode_error(&err, &b, &p, &n, i, i + 4, why, &i) < 0) goto error;
                continue;
            }
            str_builder_add_codepoint(&b, u);
            i += 4;
            continue;
        }
        if (u >= 0xd800 && u < 0xdc00) {
            if (n - i < 4) {
                if (!final) break;
                if (codec_decode_error(&err, &b, &p, &n, i, n, "unexpected end of data", &i) < 0)
                    goto error;
                continue;
            }
            uint32_t u2 =
                be ? (uint32_t)p[i + 2] << 8 | p[i + 3] : (uint32_t)p[i + 3] << 8 | p[i + 2];
            if (u2 >= 0xdc00 && u2 < 0xe000) {
                str_builder_add_codepoint(&b, 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00));
                i += 4;
                continue;
            }
            if (codec_decode_error(&err, &b, &p, &n, i, i + 2, "illegal UTF-16 surrogate", &i) < 0)
                goto error;
            continue;
        }
        if (u >= 0xdc00 && u < 0xe000) {
            if (codec_decode_error(&err, &b, &p, &n, i, i + 2, "illegal encoding", &i) < 0)
                goto error;
            continue;
        }
        str_builder_add_codepoint(&b, u);
        i += 2;
    }
    codec_err_done(&err);
    *consumed = i;
    return str_builder_finish(&b);
error:
    codec_err_done(&err);
    str_builder_discard(&b);
    return NULL;
}

static obj_t *wide_decode(const char *fname, int width, int bo, bool ex, obj_t *const *args,
                          size_t nargs, obj_t *kw) {
    input_t in;
    const char *errors;
    bool final;
    int64_t bo64 = bo;
    if (ex) {
        // (data, errors=None, byteorder=0, final=False)
        if (check_nargs(fname, nargs, kw, 1, 4) < 0 ||
            errors_arg(fname, args, nargs, 2, &errors) < 0 || int_arg(args, nargs, 3, 0, &bo64) < 0)
            return NULL;
        int64_t f;
        if (int_arg(args, nargs, 4, 0, &f) < 0 || input_get(args[0], false, &in) < 0) return NULL;
        final = f != 0;
    } else if (dec_args(fname, args, nargs, kw, 3, false, &in, &errors, 3, false, &final) < 0) {
        return NULL;
    }
    int order = bo64 < 0 ? -1 : bo64 > 0 ? 1 : 0;
    size_t consumed = 0;
    obj_t *s = decode_wide(in.p, in.n, errors, width, &order, final, &consumed);
    if (final) consumed = in.n; // the whole input, even if a handler replaced it
    input_release(&in);
    if (!s) return NULL;
    if (!ex) return result2(s, consumed);
    obj_t *c = int_from_i64((int64_t)consumed);
    obj_t *t = c ? tuple_pack(3, s, c, SMALLINT_FROM(order)) : NULL;
    XDECREF(c);
    DECREF(s);
    return t;
}

#define WIDE_DECODER(name, width, bo, ex)                                                          \
    static obj_t *name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {                 \
        return wide_decode(#name, width, bo, ex, args, nargs, kw);                                 \
    }
WIDE_DECODER(utf_16_decode, 2, 0, false)
WIDE_DECODER(utf_16_le_decode, 2, -1, false)
WIDE_DECODER(utf_16_be_decode, 2, 1, false)
WIDE_DECODER(utf_16_ex_decode, 2, 0, true)
WIDE_DECODER(utf_32_decode, 4, 0, false)
WIDE_DECODER(utf_32_le_decode, 4, -1, false)
WIDE_DECODER(utf_32_be_decode, 4, 1, false)
WIDE_DECODER(utf_32_ex_decode, 4, 0, true)

static obj_t *utf_7_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    input_t in;
    const char *errors;
    bool final;
    if (dec_args("utf_7_decode", args, nargs, kw, 3, false, &in, &errors, 3, false, &final) < 0)
        return NULL;
    const unsigned char *p = in.p;
    size_t n = in.n, i = 0, startin = 0, shift_out = 0;
    bool shift = false;
    int bits = 0;
    uint64_t buf = 0;
    uint32_t surrogate = 0;
    codec_err_t err;
    codec_err_init(&err, "utf7", errors);
    str_builder_t b;
    str_builder_init(&b);
    for (;;) {
        while (i < n) {
            unsigned c = p[i];
            const char *msg = NULL;
            size_t errstart = i;
            if (shift) {
                if (is_b64(c)) {
                    buf = (buf << 6) | from_b64(c);
                    bits += 6;
                    i++;
                    if (bits >= 16) {
                        uint32_t out = (uint32_t)(buf >> (bits - 16)) & 0xffff;
                        bits -= 16;
                        buf &= ((uint64_t)1 << bits) - 1;
                        if (surrogate) {
                            if (out >= 0xdc00 && out < 0xe000) {
                                str_builder_add_codepoint(
                                    &b, 0x10000 + ((surrogate - 0xd800) << 10) + (out - 0xdc00));
                                surrogate = 0;
                                continue;
                            }
                            str_builder_add_codepoint(&b, surrogate);
                            surrogate = 0;
                        }
                        if (out >= 0xd800 && out < 0xdc00)
                            surrogate = out;
                        else
                            str_builder_add_codepoint(&b, out);
                    }
                    continue;
                }
                shift = false;
                if (bits >= 6) {
                    i++;
                    msg = "partial character in shift sequence";
                } else if (bits > 0 && buf != 0) {
                    i++;
                    msg = "non-zero padding bits in shift sequence";
                } else {
                    if (surrogate && c < 0x80 && c != '+') str_builder_add_codepoint(&b, surrogate);
                    surrogate = 0;
                    if (c == '-') i++;
                    continue;
                }
                errstart = startin;
            } else if (c == '+') {
                startin = i;
                i++;
                if (i < n && p[i] == '-') {
                    i++;
                    str_builder_add_char(&b, '+');
                    continue;
                }
                if (i < n && !is_b64(p[i])) {
                    i++;
                    msg = "ill-formed sequence";
                    errstart = startin;
                } else {
                    shift = true;
                    surrogate = 0;
                    shift_out = b.len;
                    bits = 0;
                    buf = 0;
                    continue;
                }
            } else if (c < 0x80) {
                str_builder_add_char(&b, (char)c);
                i++;
                continue;
            } else {
                i++;
                msg = "unexpected special character";
            }
            if (codec_decode_error(&err, &b, &p, &n, errstart, i, msg, &i) < 0) goto error;
        }
        if (shift && final) {
            shift = false;
            if (surrogate || bits >= 6 || (bits > 0 && buf != 0)) {
                if (codec_decode_error(&err, &b, &p, &n, startin, n, "unterminated shift sequence",
                                       &i) < 0)
                    goto error;
                if (i < n) continue;
            }
        }
        break;
    }
    if (!final && shift) {
        i = startin;
        b.len = shift_out;
    }
    codec_err_done(&err);
    input_release(&in);
    return result2(str_builder_finish(&b), final ? in.n : i);
error:
    codec_err_done(&err);
    input_release(&in);
    str_builder_discard(&b);
    return NULL;
}

static obj_t *charmap_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    input_t in;
    const char *errors;
    bool final;
    if (check_nargs("charmap_decode", nargs, kw, 1, 3) < 0) return NULL;
    obj_t *mapping = nargs >= 3 ? args[2] : None;
    if (mapping == None) return latin_1_decode(self, args, nargs < 2 ? nargs : 2, kw);
    if (dec_args("charmap_decode", args, nargs, kw, 3, false, &in, &errors, 0, true, &final) < 0)
        return NULL;
    codec_err_t err;
    codec_err_init(&err, "charmap", errors);
    str_builder_t b;
    str_builder_init(&b);
    size_t i = 0, whole = in.n;
    uint32_t *table = NULL;
    size_t tlen = 0;
    if (STR_CHECK(mapping)) {
        table = code_points(mapping, &tlen);
        if (!table) goto error;
    }
    while (i < in.n) {
        unsigned c = in.p[i];
        bool undefined = false;
        if (table) {
            if (c < tlen && table[c] != 0xfffe)
                str_builder_add_codepoint(&b, table[c]);
            else
                undefined = true;
        } else {
            obj_t *v = obj_getitem(mapping, SMALLINT_FROM(c));
            if (!v) {
                if (!err_matches(exc_LookupError)) goto error;
                err_clear();
                undefined = true;
            } else if (v == None) {
                undefined = true;
            } else if (INT_CHECK(v)) {
                int64_t x;
                if (int_as_i64(v, &x) < 0 || x < 0 || x > 0x10ffff) {
                    err_clear();
                    err_set_str(exc_TypeError, "character mapping must be in range(0x110000)");
                    DECREF(v);
                    goto error;
                }
                if (x == 0xfffe)
                    undefined = true;
                else
                    str_builder_add_codepoint(&b, (uint32_t)x);
            } else if (STR_CHECK(v)) {
                if (str_len(v) == 1 && str_char_at(v, 0) == 0xfffe)
                    undefined = true;
                else
                    str_builder_add_str(&b, v);
            } else {
                err_set_str(exc_TypeError, "character mapping must return integer, None or str");
                DECREF(v);
                goto error;
            }
            XDECREF(v);
        }
        if (!undefined) {
            i++;
            continue;
        }
        if (codec_decode_error(&err, &b, &in.p, &in.n, i, i + 1, "character maps to <undefined>",
                               &i) < 0)
            goto error;
    }
    free(table);
    codec_err_done(&err);
    input_release(&in);
    return result2(str_builder_finish(&b), whole);
error:
    free(table);
    codec_err_done(&err);
    input_release(&in);
    str_builder_discard(&b);
    return NULL;
}

static obj_t *charmap_build(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("_codecs.charmap_build", nargs, kw, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "charmap_build() argument must be str, not %s",
                   arg_type_name(args[0]));
        return NULL;
    }
    size_t n;
    uint32_t *cp = code_points(args[0], &n);
    if (!cp) return NULL;
    obj_t *d = dict_new();
    for (size_t i = 0; d && i < n; i++) {
        if (dict_set(d, SMALLINT_FROM(cp[i]), SMALLINT_FROM(i)) < 0) CLEAR(d);
    }
    free(cp);
    return d;
}

static int hexval(unsigned c) {
    return c >= '0' && c <= '9'   ? (int)(c - '0')
           : c >= 'a' && c <= 'f' ? (int)(c - 'a' + 10)
           : c >= 'A' && c <= 'F' ? (int)(c - 'A' + 10)
                                  : -1;
}

// unicode_escape (raw false) and raw_unicode_escape (raw true) decoding.
static obj_t *escape_decode_text(const char *fname, bool raw, obj_t *const *args, size_t nargs,
                                 obj_t *kw) {
    input_t in;
    const char *errors;
    bool final;
    if (dec_args(fname, args, nargs, kw, 3, true, &in, &errors, 3, true, &final) < 0) return NULL;
    const unsigned char *p = in.p;
    size_t n = in.n, i = 0;
    codec_err_t err;
    codec_err_init(&err, raw ? "rawunicodeescape" : "unicodeescape", errors);
    str_builder_t b;
    str_builder_init(&b);
    while (i < n) {
        unsigned c = p[i];
        if (c != '\\') {
            str_builder_add_codepoint(&b, c);
            i++;
            continue;
        }
        size_t start = i++;
        const char *msg = "\\ at end of string";
        if (i >= n) {
            if (!final) {
                i = start;
                break;
            }
            if (raw) {
                str_builder_add_char(&b, '\\');
                continue;
            }
            if (codec_decode_error(&err, &b, &p, &n, start, n, msg, &i) < 0) goto error;
            continue;
        }
        c = p[i++];
        int count = 0;
        if (raw) {
            if (c == 'u') {
                count = 4;
                msg = "truncated \\uXXXX escape";
            } else if (c == 'U') {
                count = 8;
                msg = "truncated \\UXXXXXXXX escape";
            } else {
                str_builder_add_char(&b, '\\');
                str_builder_add_codepoint(&b, c);
                continue;
            }
        } else {
            switch (c) {
            case '\n': continue;
            case '\\': str_builder_add_char(&b, '\\'); continue;
            case '\'': str_builder_add_char(&b, '\''); continue;
            case '"': str_builder_add_char(&b, '"'); continue;
            case 'b': str_builder_add_char(&b, '\b'); continue;
            case 'f': str_builder_add_char(&b, '\f'); continue;
            case 't': str_builder_add_char(&b, '\t'); continue;
            case 'n': str_builder_add_char(&b, '\n'); continue;
            case 'r': str_builder_add_char(&b, '\r'); continue;
            case 'v': str_builder_add_char(&b, '\v'); continue;
            case 'a': str_builder_add_char(&b, '\a'); continue;
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7': {
                uint32_t v = c - '0';
                for (int k = 0; k < 2 && i < n && p[i] >= '0' && p[i] <= '7'; k++)
                    v = v * 8 + (p[i++] - '0');
                str_builder_add_codepoint(&b, v);
                continue;
            }
            case 'x':
                count = 2;
                msg = "truncated \\xXX escape";
                break;
            case 'u':
                count = 4;
                msg = "truncated \\uXXXX escape";
                break;
            case 'U':
                count = 8;
                msg = "truncated \\UXXXXXXXX escape";
                break;
            case 'N': {
                // the names string literals know (core/parser.c)
                msg = "malformed \\N character escape";
                if (i >= n) goto incomplete;
                if (p[i] == '{') {
                    size_t q = ++i;
                    while (i < n && p[i] != '}')
                        i++;
                    if (i >= n) goto incomplete;
                    if (i > q) {
                        uint32_t named;
                        i++;
                        if (parser_unicode_name((const char *)p + q, i - 1 - q, &named)) {
                            str_builder_add_codepoint(&b, named);
                            continue;
                        }
                        msg = "unknown Unicode character name";
                    }
                }
                goto bad;
            }
            default:
                str_builder_add_char(&b, '\\');
                str_builder_add_codepoint(&b, c);
                continue;
            }
        }
        uint32_t v = 0;
        for (; count; count--, i++) {
            if (i >= n) goto incomplete;
            int h = hexval(p[i]);
            if (h < 0) goto bad;
            v = v * 16 + (uint32_t)h;
        }
        if (v > 0x10ffff) {
            msg = raw ? "\\Uxxxxxxxx out of range" : "illegal Unicode character";
            goto bad;
        }
        str_builder_add_codepoint(&b, v);
        continue;
    incomplete:
        if (!final) {
            i = start;
            break;
        }
    bad:
        if (codec_decode_error(&err, &b, &p, &n, start, i, msg, &i) < 0) goto error;
    }
    codec_err_done(&err);
    input_release(&in);
    return result2(str_builder_finish(&b), final ? in.n : i);
error:
    codec_err_done(&err);
    input_release(&in);
    str_builder_discard(&b);
    return NULL;
}

static obj_t *unicode_escape_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return escape_decode_text("unicode_escape_decode", false, args, nargs, kw);
}

static obj_t *raw_unicode_escape_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return escape_decode_text("raw_unicode_escape_decode", true, args, nargs, kw);
}

// ---- bytes-to-bytes helpers ------------------------------------------------------------------

static obj_t *escape_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (check_nargs("escape_encode", nargs, kw, 1, 2) < 0) return NULL;
    if (!BYTES_CHECK(args[0])) {
        err_format(exc_TypeError, "escape_encode() argument 1 must be bytes, not %s",
                   arg_type_name(args[0]));
        return NULL;
    }
    const char *errors;
    if (errors_arg("escape_encode", args, nargs, 2, &errors) < 0) return NULL;
    const unsigned char *p = bytes_data(args[0]);
    size_t n = bytes_len(args[0]);
    bbuf_t b = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        char esc[8];
        if (c == '\\' || c == '\'') {
            esc[0] = '\\';
            esc[1] = (char)c;
            bb_add(&b, esc, 2);
        } else if (c == '\t') {
            bb_add(&b, "\\t", 2);
        } else if (c == '\n') {
            bb_add(&b, "\\n", 2);
        } else if (c == '\r') {
            bb_add(&b, "\\r", 2);
        } else if (c < 0x20 || c >= 0x7f) {
            snprintf(esc, sizeof esc, "\\x%02x", c);
            bb_add(&b, esc, 4);
        } else {
            bb_byte(&b, (unsigned char)c);
        }
    }
    return result2(bb_finish(&b), n);
}

static obj_t *escape_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    input_t in;
    const char *errors;
    bool final;
    if (dec_args("escape_decode", args, nargs, kw, 2, true, &in, &errors, 0, true, &final) < 0)
        return NULL;
    const unsigned char *p = in.p;
    size_t n = in.n, i = 0;
    bbuf_t b = {0};
    while (i < n) {
        unsigned c = p[i++];
        if (c != '\\') {
            bb_byte(&b, (unsigned char)c);
            continue;
        }
        if (i >= n) {
            err_set_str(exc_ValueError, "Trailing \\ in string");
            goto error;
        }
        c = p[i++];
        switch (c) {
        case '\n': break;
        case '\\': bb_byte(&b, '\\'); break;
        case '\'': bb_byte(&b, '\''); break;
        case '"': bb_byte(&b, '"'); break;
        case 'b': bb_byte(&b, '\b'); break;
        case 'f': bb_byte(&b, '\f'); break;
        case 't': bb_byte(&b, '\t'); break;
        case 'n': bb_byte(&b, '\n'); break;
        case 'r': bb_byte(&b, '\r'); break;
        case 'v': bb_byte(&b, '\v'); break;
        case 'a': bb_byte(&b, '\a'); break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {
            unsigned v = c - '0';
            for (int k = 0; k < 2 && i < n && p[i] >= '0' && p[i] <= '7'; k++)
                v = v * 8 + (p[i++] - '0');
            bb_byte(&b, (unsigned char)v);
            break;
        }
        case 'x':
            if (i + 1 < n && hexval(p[i]) >= 0 && hexval(p[i + 1]) >= 0) {
                bb_byte(&b, (unsigned char)(hexval(p[i]) * 16 + hexval(p[i + 1])));
                i += 2;
                break;
            }
            if (!errors || !strcmp(errors, "strict")) {
                err_format(exc_ValueError, "invalid \\x escape at position %zu", i - 2);
                goto error;
            }
            if (!strcmp(errors, "replace")) {
                bb_byte(&b, '?');
            } else if (strcmp(errors, "ignore") != 0) {
                err_format(exc_ValueError, "decoding error; unknown error handling code: %s",
                           errors);
                goto error;
            }
            if (i < n && hexval(p[i]) >= 0) i++;
            break;
        default:
            bb_byte(&b, '\\');
            i--;
            break;
        }
    }
    input_release(&in);
    return result2(bb_finish(&b), n);
error:
    input_release(&in);
    free(b.buf);
    return NULL;
}

static obj_t *readbuffer_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    input_t in;
    const char *errors;
    bool final;
    if (dec_args("readbuffer_encode", args, nargs, kw, 2, true, &in, &errors, 0, true, &final) < 0)
        return NULL;
    obj_t *r = bytes_from(in.p, in.n);
    size_t n = in.n;
    input_release(&in);
    return result2(r, n);
}

const method_def_t codecs_impl_functions[] = {
    {"utf_7_encode", utf_7_encode, 0, NULL},
    {"utf_7_decode", utf_7_decode, 0, NULL},
    {"utf_8_encode", utf_8_encode, 0, NULL},
    {"utf_8_decode", utf_8_decode, 0, NULL},
    {"utf_16_encode", utf_16_encode, 0, NULL},
    {"utf_16_decode", utf_16_decode, 0, NULL},
    {"utf_16_le_encode", utf_16_le_encode, 0, NULL},
    {"utf_16_le_decode", utf_16_le_decode, 0, NULL},
    {"utf_16_be_encode", utf_16_be_encode, 0, NULL},
    {"utf_16_be_decode", utf_16_be_decode, 0, NULL},
    {"utf_16_ex_decode", utf_16_ex_decode, 0, NULL},
    {"utf_32_encode", utf_32_encode, 0, NULL},
    {"utf_32_decode", utf_32_decode, 0, NULL},
    {"utf_32_le_encode", utf_32_le_encode, 0, NULL},
    {"utf_32_le_decode", utf_32_le_decode, 0, NULL},
    {"utf_32_be_encode", utf_32_be_encode, 0, NULL},
    {"utf_32_be_decode", utf_32_be_decode, 0, NULL},
    {"utf_32_ex_decode", utf_32_ex_decode, 0, NULL},
    {"latin_1_encode", latin_1_encode, 0, NULL},
    {"latin_1_decode", latin_1_decode, 0, NULL},
    {"ascii_encode", ascii_encode, 0, NULL},
    {"ascii_decode", ascii_decode, 0, NULL},
    {"charmap_encode", charmap_encode, 0, NULL},
    {"charmap_decode", charmap_decode, 0, NULL},
    {"charmap_build", charmap_build, 0, NULL},
    {"unicode_escape_encode", unicode_escape_encode, 0, NULL},
    {"unicode_escape_decode", unicode_escape_decode, 0, NULL},
    {"raw_unicode_escape_encode", raw_unicode_escape_encode, 0, NULL},
    {"raw_unicode_escape_decode", raw_unicode_escape_decode, 0, NULL},
    {"escape_encode", escape_encode, 0, NULL},
    {"escape_decode", escape_decode, 0, NULL},
    {"readbuffer_encode", readbuffer_encode, 0, NULL},
    {NULL},
};
