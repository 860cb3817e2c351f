/*
 * objects/bytes.c — the bytes type (immutable byte strings) and the text
 * codecs: UTF-8, ASCII, Latin-1 and UTF-16/32, with the error handlers
 * strict, replace, ignore, backslashreplace, xmlcharrefreplace (encode) and
 * surrogateescape-free behaviour otherwise.  Other encodings and error
 * handlers go through the codec registry (modules/codecs.c).
 *
 * Invariants: data[len] == 0 (so data can be handed to C as a string when
 * it holds no NUL); bytes are immutable, so no method locks.  The hash is
 * cached like str's (relaxed atomics, -1 = not computed).
 *
 * Bytes-like arguments (bytearray, memoryview) reach the methods as bytes
 * snapshots (bytes_call_shared, through objects/buffer.h); bytearray runs
 * these same methods on a snapshot of itself, and the searching ones on its
 * own bytes inside its critical section (bytes_search).
 */
#define _GNU_SOURCE  1
#define PVM_STR_IMPL 1
#include "bytes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/runtime.h"
#include "../gc/qsbr.h"
#include "buffer.h"
#include "dict.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "pyhash.h"
#include "memoryview.h"
#include "range.h"
#include "str_internal.h"
#include "tuple.h"
#include "type_internal.h"

#define BYTES_HEADER offsetof(bytes_t, data)

static obj_t *bytes_new_raw(size_t len) {
    if (len > (size_t)PTRDIFF_MAX - BYTES_HEADER) {
        err_set_str(exc_OverflowError, "byte string is too large");
        return NULL;
    }
    bytes_t *b = (bytes_t *)obj_alloc(&bytes_type, BYTES_HEADER + len + 1);
    if (!b) return NULL;
    atomic_store_explicit(&b->hash, -1, memory_order_relaxed);
    b->len = len;
    b->data[len] = 0;
    return (obj_t *)b;
}

obj_t *bytes_from(const void *data, size_t len) {
    obj_t *b = bytes_new_raw(len);
    if (b && len) memcpy(((bytes_t *)b)->data, data, len);
    return b;
}

#define BD(o) ((const char *)bytes_data(o))

// A method whose result equals self returns self only for an exact bytes; a
// subclass instance gets an exact copy (CPython does the same).
static obj_t *bytes_self_or_copy(obj_t *self) {
    if (TYPE(self) == &bytes_type) return NEWREF(self);
    return bytes_from(bytes_data(self), bytes_len(self));
}

// ---- codecs ---------------------------------------------------------------------------------

enum {
    ENC_UTF8,
    ENC_ASCII,
    ENC_LATIN1,
    ENC_U16,
    ENC_U16LE,
    ENC_U16BE,
    ENC_U32,
    ENC_U32LE,
    ENC_U32BE
};
enum { EH_STRICT, EH_REPLACE, EH_IGNORE, EH_BACKSLASH, EH_XMLREF, EH_SURROGATEESCAPE, EH_UNKNOWN };

static const char *const enc_names[] = {"utf-8",     "ascii",  "latin-1",   "utf-16",   "utf-16-le",
                                        "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"};

static int lookup_encoding(const char *name) {
    char n[32];
    size_t i = 0;
    for (; name[i] && i < sizeof n - 1; i++) {
        char c = (char)tolower((unsigned char)name[i]);
        n[i] = c == '_' || c == ' ' ? '-' : c;
    }
    n[i] = 0;
    if (name[i]) {
        err_format(exc_LookupError, "unknown encoding: %s", name);
        return -1;
    }
    static const struct {
        const char *n;
        int e;
    } table[] = {
        {"utf-8", ENC_UTF8},       {"utf8", ENC_UTF8},      {"u8", ENC_UTF8},
        {"utf", ENC_UTF8},         {"cp65001", ENC_UTF8},   {"ascii", ENC_ASCII},
        {"us-ascii", ENC_ASCII},   {"646", ENC_ASCII},      {"latin-1", ENC_LATIN1},
        {"latin1", ENC_LATIN1},    {"latin", ENC_LATIN1},   {"iso-8859-1", ENC_LATIN1},
        {"iso8859-1", ENC_LATIN1}, {"8859", ENC_LATIN1},    {"cp819", ENC_LATIN1},
        {"l1", ENC_LATIN1},        {"utf-16", ENC_U16},     {"utf16", ENC_U16},
        {"utf-16-le", ENC_U16LE},  {"utf-16le", ENC_U16LE}, {"utf-16-be", ENC_U16BE},
        {"utf-16be", ENC_U16BE},   {"utf-32", ENC_U32},     {"utf32", ENC_U32},
        {"utf-32-le", ENC_U32LE},  {"utf-32le", ENC_U32LE}, {"utf-32-be", ENC_U32BE},
        {"utf-32be", ENC_U32BE},
    };
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        if (strcmp(table[k].n, n) == 0) return table[k].e;
    err_format(exc_LookupError, "unknown encoding: %s", name);
    return -1;
}

static int lookup_errors(const char *e) {
    if (!e || strcmp(e, "strict") == 0) return EH_STRICT;
    if (strcmp(e, "replace") == 0) return EH_REPLACE;
    if (strcmp(e, "ignore") == 0) return EH_IGNORE;
    if (strcmp(e, "backslashreplace") == 0) return EH_BACKSLASH;
    if (strcmp(e, "xmlcharrefreplace") == 0) return EH_XMLREF;
    if (strcmp(e, "surrogateescape") == 0) return EH_SURROGATEESCAPE;
    return EH_UNKNOWN;
}

static void unknown_handler(const char *errors) {
    err_format(exc_LookupError, "unknown error handler name '%s'", errors);
}

// Handles undecodable bytes [start, end): appends the replacement or raises.
static int decode_handle(str_builder_t *b, int eh, const char *errors, const char *enc,
                         const unsigned char *p, size_t n, size_t start, size_t end,
                         const char *reason) {
    switch (eh) {
    case EH_REPLACE: str_builder_add_codepoint(b, 0xfffd); return 0;
    case EH_IGNORE: return 0;
    case EH_BACKSLASH:
        for (size_t i = start; i < end; i++)
            str_builder_printf(b, "\\x%02x", p[i]);
        return 0;
    case EH_SURROGATEESCAPE:
        for (size_t i = start; i < end; i++)
            str_builder_add_codepoint(b, 0xdc00 + p[i]);
        return 0;
    case EH_STRICT: err_unicode_decode(enc, p, n, start, end, reason); return -1;
    case EH_XMLREF: // not valid for decoding
        err_set_str(exc_TypeError, "don't know how to handle UnicodeDecodeError in error callback");
        return -1;
    default: unknown_handler(errors); return -1;
    }
}

// Length of the valid UTF-8 sequence at p[0..n), or 0 with *bad (maximal
// invalid subpart length) and *reason set.
static size_t utf8_check_one(const unsigned char *p, size_t n, size_t *bad, const char **reason) {
    unsigned c = p[0];
    if (c < 0x80) return 1;
    size_t need;
    unsigned lo = 0x80, hi = 0xbf;
    if (c < 0xc2 || c > 0xf4) {
        *bad = 1;
        *reason = "invalid start byte";
        return 0;
    } else if (c < 0xe0) {
        need = 2;
    } else if (c < 0xf0) {
        need = 3;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else {
        need = 4;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    }
    for (size_t i = 1; i < need; i++) {
        if (i >= n) {
            *bad = i;
            *reason = "unexpected end of data";
            return 0;
        }
        unsigned x = p[i];
        unsigned l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xbf;
        if (x < l || x > h) {
            *bad = i;
            *reason = "invalid continuation byte";
            return 0;
        }
    }
    return need;
}

obj_t *utf8_decode_to_str(const unsigned char *p, size_t n, const char *errors) {
    // Fast validation pass.
    size_t i = 0, bad = 0;
    const char *reason = NULL;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_check_one(p + i, n - i, &bad, &reason);
        if (!k) break;
        i += k;
    }
    if (i >= n) return str_from_utf8_trusted((const char *)p, n);
    int eh = lookup_errors(errors);
    if (eh == EH_STRICT) {
        err_unicode_decode("utf-8", p, n, i, i + bad, reason);
        return NULL;
    }
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add(&b, (const char *)p, i);
    while (i < n) {
        size_t k = utf8_check_one(p + i, n - i, &bad, &reason);
        if (k) {
            str_builder_add(&b, (const char *)p + i, k);
            i += k;
            continue;
        }
        if (decode_handle(&b, eh, errors, "utf-8", p, n, i, i + bad, reason) < 0) {
            str_builder_discard(&b);
            return NULL;
        }
        i += bad;
    }
    return str_builder_finish(&b);
}

static obj_t *decode_simple(const unsigned char *p, size_t n, int enc, const char *errors) {
    str_builder_t b;
    str_builder_init(&b);
    int eh = -1;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < 0x80 || enc == ENC_LATIN1) {
            str_builder_add_codepoint(&b, p[i]);
            continue;
        }
        if (eh < 0) eh = lookup_errors(errors);
        if (decode_handle(&b, eh, errors, "ascii", p, n, i, i + 1, "ordinal not in range(128)") <
            0) {
            str_builder_discard(&b);
            return NULL;
        }
    }
    return str_builder_finish(&b);
}

static obj_t *decode_utf16_32(const unsigned char *p, size_t n, int enc, const char *errors) {
    bool wide = enc >= ENC_U32;
    bool be = enc == ENC_U16BE || enc == ENC_U32BE;
    const char *name = enc_names[enc];
    size_t unit = wide ? 4 : 2, i = 0;
    if (enc == ENC_U16 || enc == ENC_U32) {
        name = wide ? "utf-32-le" : "utf-16-le";
        if (wide && n >= 4 && !memcmp(p, "\xff\xfe\0\0", 4))
            i = 4;
        else if (wide && n >= 4 && !memcmp(p, "\0\0\xfe\xff", 4))
            i = 4, be = true, name = "utf-32-be";
        else if (!wide && n >= 2 && p[0] == 0xff && p[1] == 0xfe)
            i = 2;
        else if (!wide && n >= 2 && p[0] == 0xfe && p[1] == 0xff)
            i = 2, be = true, name = "utf-16-be";
    }
    int eh = lookup_errors(errors);
    str_builder_t b;
    str_builder_init(&b);
    while (i < n) {
        if (n - i < unit) {
            if (decode_handle(&b, eh, errors, name, p, n, i, n, "truncated data") < 0) goto error;
            break;
        }
        uint32_t u;
        if (wide)
            u = be ? (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 |
                         p[i + 3]
                   : (uint32_t)p[i + 3] << 24 | (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 1] << 8 |
                         p[i];
        else
            u = be ? (uint32_t)p[i] << 8 | p[i + 1] : (uint32_t)p[i + 1] << 8 | p[i];
        if (wide) {
            if (u > 0x10ffff || (u >= 0xd800 && u < 0xe000)) {
                if (decode_handle(
                        &b, eh, errors, name, p, n, i, i + 4,
                        u > 0x10ffff
                            ? "code point not in range(0x110000)"
                            : "code point in surrogate code point range(0xd800, 0xe000)") < 0)
                    goto error;
            } else {
                str_builder_add_codepoint(&b, u);
            }
            i += 4;
            continue;
        }
        if (u >= 0xd800 && u < 0xdc00) {
            if (n - i < 4) {
                if (decode_handle(&b, eh, errors, name, p, n, i, n, "unexpected end of data") < 0)
                    goto error;
                break;
            }
            uint32_t u2 =
                be ? (uint32_t)p[i + 2] << 8 | p[i + 3] : (uint32_t)p[i + 3] << 8 | p[i + 2];
            if (u2 >= 0xdc00 && u2 < 0xe000) {
                str_builder_add_codepoint(&b, 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00));
                i += 4;
                continue;
            }
            if (decode_handle(&b, eh, errors, name, p, n, i, i + 2, "illegal UTF-16 surrogate") < 0)
                goto error;
            i += 2;
            continue;
        }
        if (u >= 0xdc00 && u < 0xe000) {
            if (decode_handle(&b, eh, errors, name, p, n, i, i + 2, "illegal encoding") < 0)
                goto error;
            i += 2;
            continue;
        }
        str_builder_add_codepoint(&b, u);
        i += 2;
    }
    return str_builder_finish(&b);
error:
    str_builder_discard(&b);
    return NULL;
}

// True when the native codecs here handle errors themselves; other
// handlers (surrogatepass, registered ones ...) go through the registry.
static bool native_errors(const char *errors, bool encode) {
    int eh = lookup_errors(errors);
    return eh == EH_STRICT || eh == EH_REPLACE || eh == EH_IGNORE || eh == EH_BACKSLASH ||
           (encode ? eh == EH_XMLREF : eh == EH_SURROGATEESCAPE);
}

obj_t *bytes_decode(obj_t *o, const char *encoding, const char *errors) {
    if (codecs_check_encoding_errors(encoding, errors) < 0) return NULL;
    if (bytes_len(o) == 0) return str_from_cstr(""); // CPython looks nothing up either
    int enc = lookup_encoding(encoding ? encoding : "utf-8");
    // surrogateescape here escapes the whole error range, right only where
    // every byte of it is >= 0x80 (UTF-8, ASCII).
    if (enc < 0 || !native_errors(errors, false) ||
        (enc > ENC_LATIN1 && lookup_errors(errors) == EH_SURROGATEESCAPE)) {
        // Not a codec known here: ask the registry (modules/codecs.c).
        if (enc < 0) err_clear();
        return codecs_decode_text(o, encoding ? encoding : "utf-8", errors);
    }
    const unsigned char *p = bytes_data(o);
    size_t n = bytes_len(o);
    switch (enc) {
    case ENC_UTF8: return utf8_decode_to_str(p, n, errors);
    case ENC_ASCII:
    case ENC_LATIN1: return decode_simple(p, n, enc, errors);
    default: return decode_utf16_32(p, n, enc, errors);
    }
}

typedef struct {
    unsigned char *buf;
    size_t len, cap;
    bool failed;
} bbuf_t;

// Makes room for n more bytes; false (and b->failed, so bb_finish raises
// MemoryError) when no machine could hold them.
static bool bb_reserve(bbuf_t *b, size_t n) {
    if (b->failed) return false;
    size_t need;
    if (__builtin_add_overflow(b->len, n, &need) || need > SIZE_MAX / 2 ||
        obj_alloc_too_big(need)) {
        b->failed = true;
        return false;
    }
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < need)
            cap *= 2;
        if (obj_alloc_too_big(cap)) cap = need;
        unsigned char *nb = realloc(b->buf, cap);
        if (!nb) {
            b->failed = true;
            return false;
        }
        b->buf = nb;
        b->cap = cap;
    }
    return true;
}

static void bb_add(bbuf_t *b, const void *p, size_t n) {
    if (!bb_reserve(b, n)) return;
    if (n) memcpy(b->buf + b->len, p, n);
    b->len += n;
}

static obj_t *bb_finish(bbuf_t *b) {
    obj_t *r = b->failed ? err_no_memory() : bytes_from(b->buf, b->len);
    free(b->buf);
    return r;
}

static void add_unit(bbuf_t *b, uint32_t u, int size, bool be) {
    unsigned char t[4];
    for (int i = 0; i < size; i++)
        t[be ? size - 1 - i : i] = (unsigned char)(u >> (8 * i));
    bb_add(b, t, (size_t)size);
}

obj_t *str_encode(obj_t *s, const char *encoding, const char *errors) {
    if (codecs_check_encoding_errors(encoding, errors) < 0) return NULL;
    int enc = lookup_encoding(encoding ? encoding : "utf-8");
    // The handlers below write their replacement as ASCII bytes, right for
    // the ASCII-compatible codecs only; UTF-16/32 handle errors in the registry.
    if (enc < 0 || !native_errors(errors, true) ||
        (enc >= ENC_U16 && lookup_errors(errors) != EH_STRICT)) {
        if (enc < 0) err_clear();
        return codecs_encode_text(s, encoding ? encoding : "utf-8", errors);
    }
    const char *d = str_data(s);
    size_t n = str_nbytes(s);
    bool ascii = ((str_t *)s)->ascii;
    if (ascii && (enc == ENC_UTF8 || enc == ENC_ASCII || enc == ENC_LATIN1))
        return bytes_from(d, n);
    if (enc == ENC_UTF8 && !memmem(d, n, "\xed", 1)) return bytes_from(d, n);
    uint32_t limit = enc == ENC_ASCII ? 0x80 : enc == ENC_LATIN1 ? 0x100 : 0x110000;
    const char *reason = enc == ENC_ASCII    ? "ordinal not in range(128)"
                         : enc == ENC_LATIN1 ? "ordinal not in range(256)"
                                             : "surrogates not allowed";
    bbuf_t b = {NULL, 0, 0, false};
    int eh = -1;
    bool be = enc == ENC_U16BE || enc == ENC_U32BE;
    int unit = enc >= ENC_U32 ? 4 : 2;
    if (enc == ENC_U16 || enc == ENC_U32) add_unit(&b, 0xfeff, unit, false);
    const char *p = d, *end = d + n;
    size_t idx = 0;
    while (p < end) {
        const char *start = p;
        uint32_t c = utf8_decode(&p);
        bool surrogate = c >= 0xd800 && c < 0xe000;
        if (c < limit && !surrogate) {
            if (enc == ENC_UTF8) {
                bb_add(&b, start, (size_t)(p - start));
            } else if (enc == ENC_ASCII || enc == ENC_LATIN1) {
                unsigned char ch = (unsigned char)c;
                bb_add(&b, &ch, 1);
            } else if (unit == 4) {
                add_unit(&b, c, 4, be);
            } else if (c >= 0x10000) {
                add_unit(&b, 0xd800 + ((c - 0x10000) >> 10), 2, be);
                add_unit(&b, 0xdc00 + ((c - 0x10000) & 0x3ff), 2, be);
            } else {
                add_unit(&b, c, 2, be);
            }
            idx++;
            continue;
        }
        // A run of unencodable characters [idx, idx2).
        size_t idx2 = idx + 1;
        const char *q = p;
        while (q < end && enc < ENC_U16) { // UTF-16/32 report one at a time
            const char *q0 = q;
            uint32_t c2 = utf8_decode(&q);
            bool s2 = c2 >= 0xd800 && c2 < 0xe000;
            if (c2 < limit && !s2) {
                q = q0;
                break;
            }
            idx2++;
        }
        if (eh < 0) eh = lookup_errors(errors);
        switch (eh) {
        case EH_STRICT:
            free(b.buf);
            err_unicode_encode(enc_names[enc], s, idx, idx2, reason);
            return NULL;
        case EH_IGNORE: break;
        case EH_REPLACE:
            for (size_t k = idx; k < idx2; k++)
                bb_add(&b, "?", 1);
            break;
        case EH_BACKSLASH:
        case EH_XMLREF: {
            const char *r = start;
            for (size_t k = idx; k < idx2; k++) {
                uint32_t x = utf8_decode(&r);
                char esc[24];
                if (eh == EH_XMLREF)
                    snprintf(esc, sizeof esc, "&#%u;", x);
                else if (x < 0x100)
                    snprintf(esc, sizeof esc, "\\x%02x", x);
                else if (x < 0x10000)
                    snprintf(esc, sizeof esc, "\\u%04x", x);
                else
                    snprintf(esc, sizeof esc, "\\U%08x", x);
                bb_add(&b, esc, strlen(esc));
            }
            break;
        }
        default:
            free(b.buf);
            unknown_handler(errors);
            return NULL;
        }
        p = q;
        idx = idx2;
    }
    return bb_finish(&b);
}

// ---- type slots -----------------------------------------------------------------------------

obj_t *bytes_repr(obj_t *o) {
    const unsigned char *d = bytes_data(o);
    size_t n = bytes_len(o);
    char quote = '\'';
    if (memchr(d, '\'', n) && !memchr(d, '"', n)) quote = '"';
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_char(&b, 'b');
    str_builder_add_char(&b, quote);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = d[i];
        if (c == (unsigned char)quote || c == '\\') {
            str_builder_add_char(&b, '\\');
            str_builder_add_char(&b, (char)c);
        } else if (c == '\t') {
            str_builder_add(&b, "\\t", 2);
        } else if (c == '\n') {
            str_builder_add(&b, "\\n", 2);
        } else if (c == '\r') {
            str_builder_add(&b, "\\r", 2);
        } else if (c < 0x20 || c >= 0x7f) {
            str_builder_printf(&b, "\\x%02x", c);
        } else {
            str_builder_add_char(&b, (char)c);
        }
    }
    str_builder_add_char(&b, quote);
    return str_builder_finish(&b);
}

static hash_t bytes_hash(obj_t *o) {
    bytes_t *b = (bytes_t *)o;
    hash_t h = atomic_load_explicit(&b->hash, memory_order_relaxed);
    if (h == -1) {
        h = pyhash_bytes(b->data, b->len);
        atomic_store_explicit(&b->hash, h, memory_order_relaxed);
    }
    return h;
}

static obj_t *bytes_richcompare(obj_t *a, obj_t *b, int op) {
    if (!BYTES_CHECK(a) || !BYTES_CHECK(b)) return NEWREF(NotImplemented);
    size_t na = bytes_len(a), nb = bytes_len(b);
    int c;
    if ((op == CMP_EQ_OP || op == CMP_NE_OP) && na != nb) {
        c = 1;
    } else {
        c = memcmp(bytes_data(a), bytes_data(b), na < nb ? na : nb);
        if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
    }
    bool r;
    switch (op) {
    case CMP_LT_OP: r = c < 0; break;
    case CMP_LE_OP: r = c <= 0; break;
    case CMP_EQ_OP: r = c == 0; break;
    case CMP_NE_OP: r = c != 0; break;
    case CMP_GT_OP: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return bool_from(r);
}

static ssize_t bytes_length(obj_t *o) {
    return (ssize_t)bytes_len(o);
}

static obj_t *bytes_getitem(obj_t *o, obj_t *key) {
    ssize_t n = (ssize_t)bytes_len(o);
    if (SLICE_CHECK(key)) {
        ssize_t start, stop, step, slen;
        if (slice_unpack(key, n, &start, &stop, &step, &slen) < 0) return NULL;
        if (slen <= 0) return bytes_from("", 0);
        if (step == 1) return bytes_from(bytes_data(o) + start, (size_t)slen);
        obj_t *r = bytes_new_raw((size_t)slen);
        if (!r) return NULL;
        for (size_t k = 0, i = (size_t)start; k < (size_t)slen; k++, i += (size_t)step)
            ((bytes_t *)r)->data[k] = bytes_data(o)[i];
        return r;
    }
    if (INT_CHECK(key) || TYPE(key)->nb_index) {
        ssize_t i = obj_as_ssize(key);
        if (i == -1 && err_occurred()) return NULL;
        if (i < 0) i += n;
        if (i < 0 || i >= n) {
            err_set_str(exc_IndexError, "index out of range");
            return NULL;
        }
        return SMALLINT_FROM(bytes_data(o)[i]);
    }
    err_format(exc_TypeError, "byte indices must be integers or slices, not %s",
               obj_type_name(key));
    return NULL;
}

// A count (bytes(n), bytes * n): __index__, then OverflowError "cannot fit
// 'int' into an index-sized integer" as CPython's PyNumber_AsSsize_t.
static int count_arg(obj_t *v, ssize_t *out) {
    if (obj_ssize_arg(v, out) == 0) return 0;
    if (err_matches(exc_OverflowError)) {
        err_clear();
        err_format(exc_OverflowError, "cannot fit '%s' into an index-sized integer",
                   obj_type_name(v));
    }
    return -1;
}

// Value of an int argument that must be a byte; -1 + error otherwise.
static int byte_value(obj_t *v, const char *range_msg) {
    ssize_t x;
    if (obj_ssize_arg(v, &x) < 0) {
        if (!err_matches(exc_OverflowError)) return -1;
        err_clear();
        x = -1; // any int too big for a ssize_t is out of range too
    }
    if (x < 0 || x > 255) {
        err_set_str(exc_ValueError, range_msg);
        return -1;
    }
    return (int)x;
}

static int bytes_contains(obj_t *o, obj_t *item) {
    if (buffer_check(item)) {
        obj_t *sub = buffer_as_bytes(item);
        if (!sub) return -1;
        int r = bytes_len(sub) == 0 ||
                memmem(bytes_data(o), bytes_len(o), bytes_data(sub), bytes_len(sub)) != NULL;
        DECREF(sub);
        return r;
    }
    if (INT_CHECK(item)) {
        int c = byte_value(item, "byte must be in range(0, 256)");
        if (c < 0) return -1;
        return memchr(bytes_data(o), c, bytes_len(o)) != NULL;
    }
    err_format(exc_TypeError, "a bytes-like object is required, not '%s'", obj_type_name(item));
    return -1;
}

static obj_t *bytes_add(obj_t *a, obj_t *b) {
    if (!BYTES_CHECK(a)) return NEWREF(NotImplemented);
    if (!buffer_check(b)) {
        if (type_has_flag(TYPE(b), TPFLAG_HEAPTYPE) && TYPE(b)->nb[BINOP_ADD])
            return NEWREF(NotImplemented);
        err_format(exc_TypeError, "can't concat %s to bytes", obj_type_name(b));
        return NULL;
    }
    obj_t *sb = buffer_as_bytes(b); // bytes + bytearray/memoryview is bytes
    if (!sb) return NULL;
    size_t na = bytes_len(a), nb = bytes_len(sb);
    obj_t *r = bytes_new_raw(na + nb);
    if (r) {
        memcpy(((bytes_t *)r)->data, bytes_data(a), na);
        memcpy(((bytes_t *)r)->data + na, bytes_data(sb), nb);
    }
    DECREF(sb);
    return r;
}

static obj_t *bytes_mul(obj_t *a, obj_t *b) {
    obj_t *s = BYTES_CHECK(a) ? a : b, *n = BYTES_CHECK(a) ? b : a;
    if (!BYTES_CHECK(s)) return NEWREF(NotImplemented);
    if (!(INT_CHECK(n) || TYPE(n)->nb_index)) {
        if (type_has_flag(TYPE(n), TPFLAG_HEAPTYPE) && TYPE(n)->nb[BINOP_MUL])
            return NEWREF(NotImplemented);
        err_format(exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                   obj_type_name(n));
        return NULL;
    }
    ssize_t count;
    if (count_arg(n, &count) < 0) return NULL;
    size_t len = bytes_len(s);
    if (count <= 0 || len == 0) return bytes_from("", 0);
    if (count == 1 && TYPE(s) == &bytes_type) return NEWREF(s); // b * 1 is b
    if ((size_t)count > (SIZE_MAX / 2) / len) {
        err_set_str(exc_OverflowError, "repeated bytes are too long");
        return NULL;
    }
    if (len * (size_t)count > (size_t)PTRDIFF_MAX - BYTES_HEADER) return err_no_memory();
    obj_t *r = bytes_new_raw(len * (size_t)count);
    if (!r) return NULL;
    for (ssize_t i = 0; i < count; i++)
        memcpy(((bytes_t *)r)->data + (size_t)i * len, bytes_data(s), len);
    return r;
}

static obj_t *bytes_mod(obj_t *a, obj_t *b) {
    if (!BYTES_CHECK(a)) return NEWREF(NotImplemented);
    return bytes_mod_format(a, b);
}

// ---- iterator -----------------------------------------------------------------------------------

// The iterator lets its bytes go once exhausted, as CPython's does (a
// __del__ of a bytes subclass runs then).  `b` is rebound only from the
// bytes to NULL, through gc/qsbr.h's rule: threads sharing the iterator
// read it with qsbr_field_borrow (no Python code runs while they use it).
typedef struct {
    obj_t ob;
    obj_t *b; // NULL once exhausted
    _Atomic size_t pos;
} bytes_iter_t;

static void bytes_iter_dealloc(obj_t *o) {
    XDECREF(((bytes_iter_t *)o)->b);
    obj_free(o);
}
static obj_t *bytes_iter_self(obj_t *o) {
    return NEWREF(o);
}
static obj_t *bytes_iter_next(obj_t *o) {
    bytes_iter_t *it = (bytes_iter_t *)o;
    obj_t *b = qsbr_field_borrow(o, &it->b);
    if (b == NULL) return NULL;
    // Threads sharing the iterator each claim their position (CAS).
    size_t pos = atomic_load_explicit(&it->pos, memory_order_relaxed);
    do {
        if (pos >= bytes_len(b)) {
            // Exhausted for good (SIZE_MAX): __reduce__ then says so.
            atomic_store_explicit(&it->pos, SIZE_MAX, memory_order_relaxed);
            qsbr_field_store(o, &it->b, NULL);
            return NULL;
        }
    } while (!atomic_compare_exchange_weak_explicit(&it->pos, &pos, pos + 1, memory_order_relaxed,
                                                    memory_order_relaxed));
    return SMALLINT_FROM(bytes_data(b)[pos]);
}

obj_t *bytes_iter_reduce(obj_t *seq, size_t pos, bool exhausted) {
    obj_t *fn = dict_get_str(pvm_rt.builtins_dict, "iter");
    if (!fn) {
        if (!err_occurred()) err_set_str(exc_AttributeError, "iter");
        return NULL;
    }
    obj_t *r = NULL, *args = NULL, *empty = NULL, *p = NULL;
    if (exhausted || seq == NULL) {
        empty = tuple_pack(0);
        if (empty) args = tuple_pack(1, empty);
        if (args) r = tuple_pack(2, fn, args);
    } else {
        args = tuple_pack(1, seq);
        p = int_from_u64(pos);
        if (args && p) r = tuple_pack(3, fn, args, p);
    }
    DECREF(fn);
    XDECREF(args);
    XDECREF(empty);
    XDECREF(p);
    return r;
}

int bytes_iter_setstate_pos(obj_t *state, size_t len, size_t *pos) {
    ssize_t i;
    if (!INT_CHECK(state)) {
        err_set_str(exc_TypeError, "an integer is required");
        return -1;
    }
    if (obj_ssize_arg(state, &i) < 0) return -1;
    *pos = i < 0 ? 0 : (size_t)i > len ? len : (size_t)i;
    return 0;
}

static obj_t *bytes_iter_m_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("__reduce__", nargs, kw, 0, 0) < 0) return NULL;
    bytes_iter_t *it = (bytes_iter_t *)self;
    obj_t *b = qsbr_field_load(self, &it->b);
    size_t pos = atomic_load_explicit(&it->pos, memory_order_relaxed);
    obj_t *r = bytes_iter_reduce(b, pos, pos == SIZE_MAX);
    XDECREF(b);
    return r;
}

static obj_t *bytes_iter_m_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("__setstate__", nargs, kw, 1, 1) < 0) return NULL;
    bytes_iter_t *it = (bytes_iter_t *)self;
    obj_t *b = qsbr_field_load(self, &it->b);
    size_t pos;
    int rc = bytes_iter_setstate_pos(args[0], b ? bytes_len(b) : 0, &pos);
    XDECREF(b);
    if (rc < 0) return NULL;
    if (b != NULL && atomic_load_explicit(&it->pos, memory_order_relaxed) != SIZE_MAX)
        atomic_store_explicit(&it->pos, pos, memory_order_relaxed); // not once exhausted
    return NEWREF(None);
}

static obj_t *bytes_iter_m_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    bytes_iter_t *it = (bytes_iter_t *)self;
    obj_t *b = qsbr_field_borrow(self, &it->b);
    size_t pos = atomic_load_explicit(&it->pos, memory_order_relaxed), n = b ? bytes_len(b) : 0;
    return int_from_u64(pos < n ? n - pos : 0);
}

static const method_def_t bytes_iter_methods[] = {
    {"__reduce__", bytes_iter_m_reduce, METH_DEFAULT, NULL},
    {"__setstate__", bytes_iter_m_setstate, METH_DEFAULT, NULL},
    {"__length_hint__", bytes_iter_m_length_hint, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

type_t bytes_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "bytes_iterator",
    .basicsize = sizeof(bytes_iter_t),
    .base = &object_type,
    .dealloc = bytes_iter_dealloc,
    .iter = bytes_iter_self,
    .iternext = bytes_iter_next,
    .methods = bytes_iter_methods,
};

static obj_t *bytes_iter(obj_t *o) {
    if (PVM_UNLIKELY(!type_has_flag(&bytes_iter_type, TPFLAG_READY)) &&
        type_ensure_ready(&bytes_iter_type) < 0)
        return NULL;
    bytes_iter_t *it = (bytes_iter_t *)obj_alloc(&bytes_iter_type, sizeof(bytes_iter_t));
    if (!it) return NULL;
    it->b = NEWREF(o);
    atomic_store_explicit(&it->pos, 0, memory_order_relaxed);
    return (obj_t *)it;
}

// ---- bytes()
// ---------------------------------------------------------------------------------------

static obj_t *bytes_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"source", "encoding", "errors", NULL};
    obj_t *a[3] = {NULL, NULL, NULL};
    if (args_parse("bytes", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    obj_t *src = a[0];
    for (int i = 1; i < 3; i++) {
        if (a[i] && !STR_CHECK(a[i])) {
            err_format(exc_TypeError, "bytes() argument '%s' must be str, not %s", names[i],
                       obj_type_name(a[i]));
            return NULL;
        }
    }
    if (!src) {
        if (a[1] || a[2]) {
            err_set_str(exc_TypeError, a[1] ? "encoding without a string argument"
                                            : "errors without a string argument");
            return NULL;
        }
        return bytes_from("", 0);
    }
    if (a[1]) {
        if (!STR_CHECK(src)) {
            err_set_str(exc_TypeError, "encoding without a string argument");
            return NULL;
        }
        return str_encode(src, str_data(a[1]), a[2] ? str_data(a[2]) : "strict");
    }
    if (a[2]) {
        err_set_str(exc_TypeError, STR_CHECK(src) ? "string argument without an encoding"
                                                  : "errors without a string argument");
        return NULL;
    }
    if (TYPE(src) == &bytes_type) return NEWREF(src);
    // CPython's order: __bytes__ (looked up on the type; None blocks the
    // conversion), then str, then an integer, then the buffer or iterable.
    obj_t *meth = type_lookup(TYPE(src), str_intern("__bytes__"));
    if (meth) {
        INCREF(meth);
        obj_t *r = call_unbound(meth, src, NULL, 0, NULL);
        DECREF(meth);
        if (r && !BYTES_CHECK(r)) {
            err_format(exc_TypeError, "__bytes__ returned non-bytes (type %s)", obj_type_name(r));
            DECREF(r);
            return NULL;
        }
        if (r && type != &bytes_type && TYPE(r) != &bytes_type) {
            // A subclass is built from an exact copy (objects/type.c).
            obj_t *c = bytes_from(bytes_data(r), bytes_len(r));
            DECREF(r);
            r = c;
        }
        return r;
    }
    if (err_occurred()) return NULL;
    if (STR_CHECK(src)) {
        err_set_str(exc_TypeError, "string argument without an encoding");
        return NULL;
    }
    if (INT_CHECK(src) || TYPE(src)->nb_index) {
        ssize_t n;
        if (count_arg(src, &n) < 0) {
            if (!err_matches(exc_TypeError)) return NULL;
            err_clear(); // __index__ raised TypeError: convert the object instead
        } else {
            if (n < 0) {
                err_set_str(exc_ValueError, "negative count");
                return NULL;
            }
            obj_t *r = bytes_new_raw((size_t)n);
            if (r) memset(((bytes_t *)r)->data, 0, (size_t)n);
            return r;
        }
    }
    if (BYTES_CHECK(src)) return bytes_from(bytes_data(src), bytes_len(src));
    if (MEMORYVIEW_CHECK(src)) return memoryview_tobytes(src); // any layout
    if (buffer_check(src)) return buffer_as_bytes(src);
    if (err_occurred()) return NULL;
    obj_t *it = obj_iter(src);
    if (!it) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_format(exc_TypeError, "cannot convert '%s' object to bytes", obj_type_name(src));
        }
        return NULL;
    }
    // Sized from the length hint first, as CPython does: bytes(range(2**62))
    // is a MemoryError at once, not after iterating.
    ssize_t hint = obj_length_hint(src, 64);
    if (hint < 0 || obj_alloc_too_big((size_t)hint)) {
        if (hint > PTRDIFF_MAX - (ssize_t)BYTES_HEADER)
            err_set_str(exc_OverflowError, "byte string is too large");
        else if (hint >= 0)
            err_no_memory();
        DECREF(it);
        return NULL;
    }
    bbuf_t b = {NULL, 0, 0, false};
    obj_t *item;
    while ((item = obj_iternext(it))) {
        if (!INT_CHECK(item) && !TYPE(item)->nb_index) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       obj_type_name(item));
            DECREF(item);
            goto error;
        }
        int c = byte_value(item, "bytes must be in range(0, 256)");
        DECREF(item);
        if (c < 0) goto error;
        unsigned char ch = (unsigned char)c;
        bb_add(&b, &ch, 1);
    }
    if (err_occurred()) goto error;
    DECREF(it);
    return bb_finish(&b);
error:
    DECREF(it);
    free(b.buf);
    return NULL;
}

// ---- methods
// ----------------------------------------------------------------------------------------

static int need_bytes(obj_t *v) {
    if (!BYTES_CHECK(v)) {
        err_format(exc_TypeError, "a bytes-like object is required, not '%s'", obj_type_name(v));
        return -1;
    }
    return 0;
}

static obj_t *m_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    static const char *const names[] = {"encoding", "errors", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("decode", args, nargs, kw, names, 0, a) < 0) return NULL;
    for (int i = 0; i < 2; i++) {
        if (a[i] && !STR_CHECK(a[i])) {
            err_format(exc_TypeError, "decode() argument '%s' must be str, not %s", names[i],
                       obj_type_name(a[i]));
            return NULL;
        }
    }
    return bytes_decode(self, a[0] ? str_data(a[0]) : "utf-8", a[1] ? str_data(a[1]) : "strict");
}

static obj_t *m_hex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    static const char *const names[] = {"sep", "bytes_per_sep", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("hex", args, nargs, kw, names, 0, a) < 0) return NULL;
    const char *sep = NULL;
    size_t seplen = 0;
    if (a[0]) {
        // CPython's order: a length first, then the type, then ASCII.
        ssize_t n = obj_len(a[0]);
        if (n < 0) return NULL;
        if (n != 1) {
            err_set_str(exc_ValueError, "sep must be length 1.");
            return NULL;
        }
        if (STR_CHECK(a[0])) {
            sep = str_data(a[0]);
            seplen = str_nbytes(a[0]);
            if (seplen != 1) {
                err_set_str(exc_ValueError, "sep must be ASCII.");
                return NULL;
            }
        } else if (BYTES_CHECK(a[0])) {
            sep = BD(a[0]);
            seplen = 1;
            if ((unsigned char)sep[0] >= 0x80) {
                err_set_str(exc_ValueError, "sep must be ASCII.");
                return NULL;
            }
        } else {
            err_set_str(exc_TypeError, "sep must be str or bytes.");
            return NULL;
        }
    }
    ssize_t per = 1;
    if (a[1]) {
        int iper;
        if (str_arg_int(a[1], &iper) < 0) return NULL;
        per = iper;
    }
    str_builder_t b;
    str_builder_init(&b);
    size_t n = bytes_len(self);
    size_t group = (size_t)(per < 0 ? -per : per);
    if (group == 0) sep = NULL;
    for (size_t i = 0; i < n; i++) {
        if (sep && i) {
            // Groups count from the right for positive bytes_per_sep.
            size_t k = per > 0 ? n - i : i;
            if (k % group == 0) str_builder_add(&b, sep, 1);
        }
        str_builder_printf(&b, "%02x", bytes_data(self)[i]);
    }
    return str_builder_finish(&b);
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static obj_t *m_fromhex(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("fromhex", nargs, kw, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "fromhex() argument must be str, not %s", obj_type_name(args[0]));
        return NULL;
    }
    const char *s = str_data(args[0]);
    size_t n = str_nbytes(args[0]);
    bbuf_t b = {NULL, 0, 0, false};
    size_t i = 0;
    while (i < n) {
        if (s[i] == ' ' || (s[i] >= 9 && s[i] <= 13)) {
            i++;
            continue;
        }
        int hi = hexval((unsigned char)s[i]);
        if (hi < 0) {
            free(b.buf);
            err_format(exc_ValueError,
                       "non-hexadecimal number found in fromhex() arg at position %zu",
                       utf8_count(s, i));
            return NULL;
        }
        int lo = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
        if (lo < 0) {
            free(b.buf);
            err_format(exc_ValueError,
                       "non-hexadecimal number found in fromhex() arg at position %zu",
                       utf8_count(s, i + 1));
            return NULL;
        }
        unsigned char c = (unsigned char)(hi * 16 + lo);
        bb_add(&b, &c, 1);
        i += 2;
    }
    obj_t *r = bb_finish(&b);
    if (r && cls && cls != (obj_t *)&bytes_type) {
        obj_t *sub = obj_call1(cls, r); // a subclass: cls(bytes)
        DECREF(r);
        r = sub;
    }
    return r;
}

static obj_t *m_join(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("join", nargs, kw, 1, 1) < 0) return NULL;
    obj_t *seq;
    if (TUPLE_CHECK(args[0])) {
        seq = NEWREF(args[0]);
    } else {
        obj_t *l;
        if (LIST_CHECK(args[0])) {
            seq = list_as_tuple(args[0]);
        } else {
            obj_t *it = obj_iter(args[0]);
            if (!it) {
                if (err_matches(exc_TypeError)) {
                    err_clear();
                    err_set_str(exc_TypeError, "can only join an iterable");
                }
                return NULL;
            }
            l = list_from_iterable(it);
            DECREF(it);
            if (!l) return NULL;
            seq = list_as_tuple(l);
            DECREF(l);
        }
        if (!seq) return NULL;
    }
    bbuf_t b = {NULL, 0, 0, false};
    for (size_t i = 0; i < TUPLE_SIZE(seq); i++) {
        obj_t *item = TUPLE_GET(seq, i);
        obj_t *ib = BYTES_CHECK(item) ? NEWREF(item) : buffer_as_bytes_opt(item);
        if (!ib) {
            if (!err_occurred())
                err_format(exc_TypeError,
                           "sequence item %zu: expected a bytes-like object, %s found", i,
                           obj_type_name(item));
            free(b.buf);
            DECREF(seq);
            return NULL;
        }
        if (i) bb_add(&b, bytes_data(self), bytes_len(self));
        bb_add(&b, bytes_data(ib), bytes_len(ib));
        DECREF(ib);
    }
    DECREF(seq);
    return bb_finish(&b);
}

static bool b_isspace(unsigned char c) {
    return c == ' ' || (c >= 9 && c <= 13);
}

static int append_bytes(obj_t *list, const char *a, size_t n) {
    obj_t *piece = bytes_from(a, n);
    if (!piece) return -1;
    int r = list_append(list, piece);
    DECREF(piece);
    return r;
}

static obj_t *split_impl(const char *fname, obj_t *self, obj_t *const *args, size_t nargs,
                         obj_t *kw, bool reverse) {
    static const char *const names[] = {"sep", "maxsplit", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse(fname, args, nargs, kw, names, 0, a) < 0) return NULL;
    obj_t *sep = a[0] == None ? NULL : a[0];
    ssize_t maxcount = -1;
    if (a[1]) {
        if (obj_ssize_arg(a[1], &maxcount) < 0) return NULL;
    }
    if (maxcount < 0) maxcount = PTRDIFF_MAX;
    if (sep) {
        if (need_bytes(sep) < 0) return NULL;
        if (bytes_len(sep) == 0) {
            err_set_str(exc_ValueError, "empty separator");
            return NULL;
        }
    }
    obj_t *list = list_new(0);
    if (!list) return NULL;
    const char *d = BD(self);
    size_t n = bytes_len(self);
    if (!sep) {
        if (!reverse) {
            size_t i = 0;
            while (maxcount-- > 0) {
                while (i < n && b_isspace((unsigned char)d[i]))
                    i++;
                if (i == n) break;
                size_t j = i;
                while (i < n && !b_isspace((unsigned char)d[i]))
                    i++;
                if (append_bytes(list, d + j, i - j) < 0) goto error;
            }
            while (i < n && b_isspace((unsigned char)d[i]))
                i++;
            if (i < n && append_bytes(list, d + i, n - i) < 0) goto error;
        } else {
            size_t i = n;
            while (maxcount-- > 0) {
                while (i > 0 && b_isspace((unsigned char)d[i - 1]))
                    i--;
                if (i == 0) break;
                size_t j = i;
                while (i > 0 && !b_isspace((unsigned char)d[i - 1]))
                    i--;
                if (append_bytes(list, d + i, j - i) < 0) goto error;
            }
            while (i > 0 && b_isspace((unsigned char)d[i - 1]))
                i--;
            if (i > 0 && append_bytes(list, d, i) < 0) goto error;
            if (list_reverse(list) < 0) goto error;
        }
        return list;
    }
    const char *s = BD(sep);
    size_t m = bytes_len(sep);
    if (!reverse) {
        const char *p = d, *end = d + n;
        while (maxcount-- > 0) {
            const char *q = memmem(p, (size_t)(end - p), s, m);
            if (!q) break;
            if (append_bytes(list, p, (size_t)(q - p)) < 0) goto error;
            p = q + m;
        }
        if (append_bytes(list, p, (size_t)(end - p)) < 0) goto error;
    } else {
        size_t hi = n;
        while (maxcount-- > 0 && hi >= m) {
            size_t k = hi - m + 1;
            bool found = false;
            while (k-- > 0) {
                if (memcmp(d + k, s, m) == 0) {
                    found = true;
                    break;
                }
            }
            if (!found) break;
            if (append_bytes(list, d + k + m, hi - k - m) < 0) goto error;
            hi = k;
        }
        if (append_bytes(list, d, hi) < 0) goto error;
        if (list_reverse(list) < 0) goto error;
    }
    return list;
error:
    DECREF(list);
    return NULL;
}

static obj_t *m_split(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return split_impl("split", self, args, nargs, kw, false);
}
static obj_t *m_rsplit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return split_impl("rsplit", self, args, nargs, kw, true);
}

static obj_t *strip_impl(const char *fname, obj_t *self, obj_t *const *args, size_t nargs,
                         obj_t *kw, bool left, bool right) {
    if (args_check(fname, nargs, kw, 0, 1) < 0) return NULL;
    bool set[256] = {false};
    obj_t *chars = nargs ? args[0] : None;
    if (chars == None) {
        for (int c = 0; c < 256; c++)
            set[c] = b_isspace((unsigned char)c);
    } else {
        if (need_bytes(chars) < 0) return NULL;
        for (size_t i = 0; i < bytes_len(chars); i++)
            set[bytes_data(chars)[i]] = true;
    }
    const unsigned char *d = bytes_data(self);
    size_t a = 0, b = bytes_len(self);
    if (left)
        while (a < b && set[d[a]])
            a++;
    if (right)
        while (b > a && set[d[b - 1]])
            b--;
    return bytes_from(d + a, b - a);
}

static obj_t *m_strip(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return strip_impl("strip", self, args, nargs, kw, true, true);
}
static obj_t *m_lstrip(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return strip_impl("lstrip", self, args, nargs, kw, true, false);
}
static obj_t *m_rstrip(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return strip_impl("rstrip", self, args, nargs, kw, false, true);
}

// The searching methods (find ... endswith) work on a span of bytes, so a
// bytearray can run them on its own bytes inside its critical section
// (bytes_search) once it has made every argument a plain bytes or int.
typedef struct {
    const char *d;
    size_t n;
    const char *tname; // "bytes" or "bytearray", for messages
} span_t;
#define SPAN(o) ((span_t){BD(o), bytes_len(o), "bytes"})

// CPython's argument-count messages for the searching methods.
static int search_arity(span_t self, const char *fname, size_t nargs, obj_t *kw) {
    if (kw && TUPLE_SIZE(kw) > 0) {
        err_format(exc_TypeError, "%s.%s() takes no keyword arguments", self.tname, fname);
        return -1;
    }
    if (nargs < 1 || nargs > 3) {
        err_format(exc_TypeError, "%s() takes at %s %d argument%s (%zu given)", fname,
                   nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 3, nargs < 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

// Parses (sub, start, end) where sub is bytes or an int; *single >= 0 for an int.
static int parse_sub(const char *fname, span_t self, obj_t *const *args, size_t nargs, obj_t *kw,
                     obj_t **sub, int *single, ssize_t *start, ssize_t *end) {
    if (search_arity(self, fname, nargs, kw) < 0) return -1;
    *sub = args[0];
    *single = -1;
    if (BYTES_CHECK(*sub)) {
    } else if (INT_CHECK(*sub) || TYPE(*sub)->nb_index) {
        *single = byte_value(*sub, "byte must be in range(0, 256)");
        if (*single < 0) return -1;
    } else {
        err_format(exc_TypeError, "argument should be integer or bytes-like object, not '%s'",
                   obj_type_name(*sub));
        return -1;
    }
    return str_parse_range(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, (ssize_t)self.n,
                           start, end);
}

static ssize_t bfind(span_t self, obj_t *sub, int single, ssize_t start, ssize_t end, bool rev) {
    ssize_t n = (ssize_t)self.n;
    unsigned char one = (unsigned char)single;
    const char *s = single >= 0 ? (const char *)&one : BD(sub);
    size_t m = single >= 0 ? 1 : bytes_len(sub);
    if (start > n || end - start < (ssize_t)m) return -1;
    if (m == 0) return rev ? end : start;
    const char *d = self.d;
    if (!rev) {
        const char *p = memmem(d + start, (size_t)(end - start), s, m);
        return p ? p - d : -1;
    }
    for (ssize_t k = end - (ssize_t)m; k >= start; k--)
        if (memcmp(d + k, s, m) == 0) return k;
    return -1;
}

static obj_t *find_common(const char *fname, span_t self, obj_t *const *args, size_t nargs,
                          obj_t *kw, bool rev, bool raise) {
    obj_t *sub;
    int single;
    ssize_t start, end;
    if (parse_sub(fname, self, args, nargs, kw, &sub, &single, &start, &end) < 0) return NULL;
    ssize_t r = bfind(self, sub, single, start, end, rev);
    if (r < 0 && raise) {
        err_set_str(exc_ValueError, "subsection not found");
        return NULL;
    }
    return SMALLINT_FROM(r);
}

static obj_t *m_find(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return find_common("find", SPAN(self), args, nargs, kw, false, false);
}
static obj_t *m_rfind(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return find_common("rfind", SPAN(self), args, nargs, kw, true, false);
}
static obj_t *m_index(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return find_common("index", SPAN(self), args, nargs, kw, false, true);
}
static obj_t *m_rindex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return find_common("rindex", SPAN(self), args, nargs, kw, true, true);
}

static obj_t *count_impl(span_t self, obj_t *const *args, size_t nargs, obj_t *kw) {
    obj_t *sub;
    int single;
    ssize_t start, end;
    if (parse_sub("count", self, args, nargs, kw, &sub, &single, &start, &end) < 0) return NULL;
    ssize_t n = (ssize_t)self.n;
    if (start > n || end < start) return SMALLINT_FROM(0);
    unsigned char one = (unsigned char)single;
    const char *s = single >= 0 ? (const char *)&one : BD(sub);
    size_t m = single >= 0 ? 1 : bytes_len(sub);
    if (m == 0) return SMALLINT_FROM(end - start + 1);
    const char *p = self.d + start, *e = self.d + end;
    int64_t count = 0;
    while ((size_t)(e - p) >= m) {
        const char *q = memmem(p, (size_t)(e - p), s, m);
        if (!q) break;
        count++;
        p = q + m;
    }
    return SMALLINT_FROM(count);
}

static obj_t *m_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return count_impl(SPAN(self), args, nargs, kw);
}

static obj_t *xwith(const char *fname, span_t self, obj_t *const *args, size_t nargs, obj_t *kw,
                    bool at_end) {
    if (search_arity(self, fname, nargs, kw) < 0) return NULL;
    ssize_t start, end;
    if (str_parse_range(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, (ssize_t)self.n,
                        &start, &end) < 0)
        return NULL;
    obj_t *x = args[0];
    size_t count = TUPLE_CHECK(x) ? TUPLE_SIZE(x) : 1;
    for (size_t i = 0; i < count; i++) {
        obj_t *sub = TUPLE_CHECK(x) ? TUPLE_GET(x, i) : x;
        if (!BYTES_CHECK(sub) && buffer_check(sub)) {
            // A bytearray or memoryview in the tuple: test its snapshot.
            obj_t *snap = buffer_as_bytes(sub);
            if (!snap) return NULL;
            ssize_t m = (ssize_t)bytes_len(snap);
            bool hit = start <= (ssize_t)self.n && end - start >= m &&
                       memcmp(at_end ? self.d + end - m : self.d + start, BD(snap), (size_t)m) == 0;
            DECREF(snap);
            if (hit) return True;
            continue;
        }
        if (!BYTES_CHECK(sub)) {
            if (TUPLE_CHECK(x))
                err_format(exc_TypeError, "a bytes-like object is required, not '%s'",
                           obj_type_name(sub));
            else
                err_format(exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %s",
                           fname, obj_type_name(sub));
            return NULL;
        }
        ssize_t m = (ssize_t)bytes_len(sub);
        if (start > (ssize_t)self.n || end - start < m) continue;
        const char *p = at_end ? self.d + end - m : self.d + start;
        if (memcmp(p, BD(sub), (size_t)m) == 0) return True;
    }
    return False;
}

static obj_t *m_startswith(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return xwith("startswith", SPAN(self), args, nargs, kw, false);
}
static obj_t *m_endswith(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return xwith("endswith", SPAN(self), args, nargs, kw, true);
}

obj_t *bytes_search(int which, const unsigned char *d, size_t n, obj_t *const *args, size_t nargs,
                    obj_t *kw) {
    span_t self = {(const char *)(d ? d : (const unsigned char *)""), n, "bytearray"};
    switch (which) {
    case BSEARCH_FIND: return find_common("find", self, args, nargs, kw, false, false);
    case BSEARCH_RFIND: return find_common("rfind", self, args, nargs, kw, true, false);
    case BSEARCH_INDEX: return find_common("index", self, args, nargs, kw, false, true);
    case BSEARCH_RINDEX: return find_common("rindex", self, args, nargs, kw, true, true);
    case BSEARCH_COUNT: return count_impl(self, args, nargs, kw);
    case BSEARCH_STARTSWITH: return xwith("startswith", self, args, nargs, kw, false);
    default: return xwith("endswith", self, args, nargs, kw, true);
    }
}

static obj_t *m_replace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("replace", nargs, kw, 2, 3) < 0) return NULL;
    if (need_bytes(args[0]) < 0 || need_bytes(args[1]) < 0) return NULL;
    ssize_t count = -1;
    if (nargs > 2) {
        if (obj_ssize_arg(args[2], &count) < 0) return NULL;
    }
    if (count < 0) count = PTRDIFF_MAX;
    const char *p = BD(self), *end = p + bytes_len(self);
    const char *old = BD(args[0]);
    size_t m = bytes_len(args[0]);
    bbuf_t b = {NULL, 0, 0, false};
    if (m == 0) {
        while (count > 0) {
            bb_add(&b, bytes_data(args[1]), bytes_len(args[1]));
            count--;
            if (p >= end) break;
            bb_add(&b, p++, 1);
        }
        bb_add(&b, p, (size_t)(end - p));
        return bb_finish(&b);
    }
    while (count-- > 0) {
        const char *q = memmem(p, (size_t)(end - p), old, m);
        if (!q) break;
        bb_add(&b, p, (size_t)(q - p));
        bb_add(&b, bytes_data(args[1]), bytes_len(args[1]));
        p = q + m;
    }
    bb_add(&b, p, (size_t)(end - p));
    return bb_finish(&b);
}

enum { BC_UPPER, BC_LOWER, BC_SWAP, BC_TITLE, BC_CAP };

static obj_t *bcase(obj_t *self, int how) {
    size_t n = bytes_len(self);
    obj_t *r = bytes_new_raw(n);
    if (!r) return NULL;
    const unsigned char *d = bytes_data(self);
    unsigned char *o = ((bytes_t *)r)->data;
    bool prev = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = d[i];
        bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        switch (how) {
        case BC_UPPER: c = lo ? c - 32 : c; break;
        case BC_LOWER: c = up ? c + 32 : c; break;
        case BC_SWAP: c = up ? c + 32 : lo ? c - 32 : c; break;
        case BC_TITLE:
            c = prev ? (up ? c + 32 : c) : (lo ? c - 32 : c);
            prev = up || lo;
            break;
        default: c = i == 0 ? (lo ? c - 32 : c) : (up ? c + 32 : c); break;
        }
        o[i] = c;
    }
    return r;
}

#define BCASE(fname, how)                                                                          \
    static obj_t *m_##fname(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {            \
        if (args_check(#fname, nargs, kw, 0, 0) < 0) return NULL;                                  \
        return bcase(self, how);                                                                   \
    }
BCASE(upper, BC_UPPER)
BCASE(lower, BC_LOWER)
BCASE(swapcase, BC_SWAP)
BCASE(title, BC_TITLE)
BCASE(capitalize, BC_CAP)

static bool b_isdigit(unsigned char c) {
    return c >= '0' && c <= '9';
}
static bool b_isalpha(unsigned char c) {
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
static bool b_isalnum(unsigned char c) {
    return b_isdigit(c) || b_isalpha(c);
}

#define BPRED(fname, pred)                                                                         \
    static obj_t *m_##fname(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {            \
        if (args_check(#fname, nargs, kw, 0, 0) < 0) return NULL;                                  \
        size_t n = bytes_len(self);                                                                \
        if (n == 0) return False;                                                                  \
        for (size_t i = 0; i < n; i++)                                                             \
            if (!pred(bytes_data(self)[i])) return False;                                          \
        return True;                                                                               \
    }
BPRED(isdigit, b_isdigit)
BPRED(isalpha, b_isalpha)
BPRED(isalnum, b_isalnum)
BPRED(isspace, b_isspace)

static obj_t *bcase_pred(obj_t *self, bool upper) {
    bool cased = false;
    for (size_t i = 0; i < bytes_len(self); i++) {
        unsigned char c = bytes_data(self)[i];
        if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) return False;
        if (upper ? (c >= 'A' && c <= 'Z') : (c >= 'a' && c <= 'z')) cased = true;
    }
    return bool_from(cased);
}
static obj_t *m_isupper(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("isupper", nargs, kw, 0, 0) < 0) return NULL;
    return bcase_pred(self, true);
}
static obj_t *m_islower(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("islower", nargs, kw, 0, 0) < 0) return NULL;
    return bcase_pred(self, false);
}

static obj_t *bpad(const char *fname, obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw,
                   int how) {
    if (args_check(fname, nargs, kw, 1, 2) < 0) return NULL;
    ssize_t width;
    if (obj_ssize_arg(args[0], &width) < 0) return NULL;
    unsigned char fill = ' ';
    if (nargs > 1) {
        if (!BYTES_CHECK(args[1]) || bytes_len(args[1]) != 1) {
            err_format(exc_TypeError, "%s() argument 2 must be a byte string of length 1, not %s",
                       fname, obj_type_name(args[1]));
            return NULL;
        }
        fill = bytes_data(args[1])[0];
    }
    ssize_t n = (ssize_t)bytes_len(self);
    if (width <= n) return bytes_self_or_copy(self);
    ssize_t marg = width - n, left;
    if (how == 0)
        left = 0;
    else if (how == 1)
        left = marg;
    else
        left = marg / 2 + (marg & width & 1);
    obj_t *r = bytes_new_raw((size_t)width);
    if (!r) return NULL;
    unsigned char *o = ((bytes_t *)r)->data;
    memset(o, fill, (size_t)width);
    memcpy(o + left, bytes_data(self), (size_t)n);
    return r;
}

static obj_t *m_ljust(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return bpad("ljust", self, args, nargs, kw, 0);
}
static obj_t *m_rjust(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return bpad("rjust", self, args, nargs, kw, 1);
}
static obj_t *m_center(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return bpad("center", self, args, nargs, kw, 2);
}

static obj_t *bpartition(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw, bool rev) {
    if (args_check(rev ? "rpartition" : "partition", nargs, kw, 1, 1) < 0) return NULL;
    // A found bytes-like separator is returned as given (CPython does).
    obj_t *given = args[0];
    obj_t *sep = BYTES_CHECK(given) ? NEWREF(given) : buffer_as_bytes(given);
    if (!sep) return NULL;
    if (bytes_len(sep) == 0) {
        err_set_str(exc_ValueError, "empty separator");
        DECREF(sep);
        return NULL;
    }
    ssize_t i = bfind(SPAN(self), sep, -1, 0, (ssize_t)bytes_len(self), rev);
    obj_t *a, *b, *c;
    size_t n = bytes_len(self), m = bytes_len(sep);
    if (i < 0) {
        a = rev ? bytes_from("", 0) : NEWREF(self);
        b = bytes_from("", 0);
        c = rev ? NEWREF(self) : bytes_from("", 0);
    } else {
        a = bytes_from(bytes_data(self), (size_t)i);
        b = NEWREF(given);
        c = bytes_from(bytes_data(self) + i + m, n - (size_t)i - m);
    }
    DECREF(sep);
    obj_t *t = NULL;
    if (a && b && c) t = tuple_pack(3, a, b, c);
    XDECREF(a);
    XDECREF(b);
    XDECREF(c);
    return t;
}

static obj_t *m_partition(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return bpartition(self, args, nargs, kw, false);
}
static obj_t *m_rpartition(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return bpartition(self, args, nargs, kw, true);
}

static obj_t *m_splitlines(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    static const char *const names[] = {"keepends", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("splitlines", args, nargs, kw, names, 0, a) < 0) return NULL;
    int keep = a[0] ? obj_is_true(a[0]) : 0;
    if (keep < 0) return NULL;
    obj_t *list = list_new(0);
    if (!list) return NULL;
    const char *d = BD(self);
    size_t n = bytes_len(self), i = 0, line = 0;
    while (i < n) {
        if (d[i] == '\n' || d[i] == '\r') {
            size_t eol = i + 1;
            if (d[i] == '\r' && eol < n && d[eol] == '\n') eol++;
            if (append_bytes(list, d + line, (keep ? eol : i) - line) < 0) {
                DECREF(list);
                return NULL;
            }
            i = line = eol;
        } else {
            i++;
        }
    }
    if (line < n && append_bytes(list, d + line, n - line) < 0) {
        DECREF(list);
        return NULL;
    }
    return list;
}

static obj_t *m_removeprefix(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("removeprefix", nargs, kw, 1, 1) < 0 || need_bytes(args[0]) < 0) return NULL;
    size_t m = bytes_len(args[0]);
    if (m <= bytes_len(self) && memcmp(bytes_data(self), bytes_data(args[0]), m) == 0)
        return bytes_from(bytes_data(self) + m, bytes_len(self) - m);
    return bytes_self_or_copy(self);
}

static obj_t *m_removesuffix(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("removesuffix", nargs, kw, 1, 1) < 0 || need_bytes(args[0]) < 0) return NULL;
    size_t m = bytes_len(args[0]), n = bytes_len(self);
    if (m && m <= n && memcmp(bytes_data(self) + n - m, bytes_data(args[0]), m) == 0)
        return bytes_from(bytes_data(self), n - m);
    return bytes_self_or_copy(self);
}

static obj_t *m_zfill(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("zfill", nargs, kw, 1, 1) < 0) return NULL;
    ssize_t width;
    if (obj_ssize_arg(args[0], &width) < 0) return NULL;
    ssize_t n = (ssize_t)bytes_len(self);
    if (width <= n) return bytes_self_or_copy(self);
    ssize_t fill = width - n;
    obj_t *r = bytes_new_raw((size_t)width);
    if (!r) return NULL;
    unsigned char *o = ((bytes_t *)r)->data;
    memset(o, '0', (size_t)fill);
    memcpy(o + fill, bytes_data(self), (size_t)n);
    if (n && (o[fill] == '+' || o[fill] == '-')) {
        o[0] = o[fill];
        o[fill] = '0';
    }
    return r;
}

static obj_t *m_expandtabs(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    static const char *const names[] = {"tabsize", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("expandtabs", args, nargs, kw, names, 0, a) < 0) return NULL;
    int tabsize = 8;
    if (a[0] && str_arg_int(a[0], &tabsize) < 0) return NULL;
    bbuf_t b = {NULL, 0, 0, false};
    ssize_t col = 0;
    for (size_t i = 0; i < bytes_len(self) && !b.failed; i++) {
        unsigned char c = bytes_data(self)[i];
        if (c == '\t') {
            if (tabsize > 0) {
                // One reserve for the run of spaces (fails at once if huge).
                size_t incr = (size_t)(tabsize - (col % tabsize));
                if (!bb_reserve(&b, incr)) break;
                memset(b.buf + b.len, ' ', incr);
                b.len += incr;
                col += (ssize_t)incr;
            }
        } else {
            bb_add(&b, &c, 1);
            col = c == '\n' || c == '\r' ? 0 : col + 1;
        }
    }
    return bb_finish(&b);
}

static obj_t *m_isascii(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("isascii", nargs, kw, 0, 0) < 0) return NULL;
    for (size_t i = 0; i < bytes_len(self); i++)
        if (bytes_data(self)[i] >= 0x80) return False;
    return True;
}

static obj_t *m_istitle(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("istitle", nargs, kw, 0, 0) < 0) return NULL;
    bool cased = false, prev_cased = false;
    for (size_t i = 0; i < bytes_len(self); i++) {
        unsigned char c = bytes_data(self)[i];
        bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        if ((up && prev_cased) || (lo && !prev_cased)) return False;
        if (up || lo) cased = true;
        prev_cased = up || lo;
    }
    return bool_from(cased);
}

// bytes.maketrans(frm, to) (static): a 256-byte table mapping frm to to.
static obj_t *m_maketrans(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("maketrans", nargs, kw, 2, 2) < 0) return NULL;
    obj_t *frm = buffer_as_bytes(args[0]);
    if (!frm) return NULL;
    obj_t *to = buffer_as_bytes(args[1]);
    obj_t *r = NULL;
    if (to && bytes_len(frm) != bytes_len(to)) {
        err_set_str(exc_ValueError, "maketrans arguments must have same length");
    } else if (to) {
        r = bytes_new_raw(256);
        if (r) {
            unsigned char *t = ((bytes_t *)r)->data;
            for (int c = 0; c < 256; c++)
                t[c] = (unsigned char)c;
            for (size_t i = 0; i < bytes_len(frm); i++)
                t[bytes_data(frm)[i]] = bytes_data(to)[i];
        }
    }
    DECREF(frm);
    XDECREF(to);
    return r;
}

static obj_t *m_translate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    static const char *const names[] = {"/table", "delete", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (nargs == 0) {
        err_set_str(exc_TypeError, "translate() takes at least 1 positional argument (0 given)");
        return NULL;
    }
    if (args_parse("translate", args, nargs, kw, names, 1, a) < 0) return NULL;
    obj_t *table = a[0] == None ? NULL : a[0];
    if (table) {
        if (need_bytes(table) < 0) return NULL;
        if (bytes_len(table) != 256) {
            err_set_str(exc_ValueError, "translation table must be 256 characters long");
            return NULL;
        }
    }
    bool del[256] = {false};
    if (a[1]) {
        if (need_bytes(a[1]) < 0) return NULL;
        for (size_t i = 0; i < bytes_len(a[1]); i++)
            del[bytes_data(a[1])[i]] = true;
    }
    if (!table && (!a[1] || bytes_len(a[1]) == 0) && TYPE(self) == &bytes_type) return NEWREF(self);
    bbuf_t b = {NULL, 0, 0, false};
    for (size_t i = 0; i < bytes_len(self); i++) {
        unsigned char c = bytes_data(self)[i];
        if (del[c]) continue;
        unsigned char o = table ? bytes_data(table)[c] : c;
        bb_add(&b, &o, 1);
    }
    return bb_finish(&b);
}

static obj_t *m___bytes__(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("__bytes__", nargs, kw, 0, 0) < 0) return NULL;
    return TYPE(self) == &bytes_type ? NEWREF(self) : bytes_from(bytes_data(self), bytes_len(self));
}

static obj_t *m___getnewargs__(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("bytes.__getnewargs__", nargs, kw, 0, 0) < 0) return NULL;
    // An exact copy: a subclass instance here would make pickle and copy
    // rebuild the argument by __reduce_ex__ again, without end.
    obj_t *b = bytes_self_or_copy(self);
    if (!b) return NULL;
    obj_t *t = tuple_pack(1, b);
    DECREF(b);
    return t;
}

// Every method runs through bytes_call_shared, which hands it bytes-like
// arguments (bytearray, memoryview) as bytes snapshots.
// The common case, no argument to convert, is checked inline (self is a
// bytes here: the method descriptor checked it).
static inline bool plain_args(obj_t *const *args, size_t nargs, obj_t *kw) {
    if (kw) return false;
    for (size_t i = 0; i < nargs; i++) {
        obj_t *a = args[i];
        if (!IS_SMALLINT(a) && !BYTES_CHECK(a) && !STR_EXACT(a) && buffer_check(a)) return false;
    }
    return true;
}
#define W(name)                                                                                    \
    static obj_t *w_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {             \
        if (PVM_LIKELY(plain_args(args, nargs, kw))) return m_##name(self, args, nargs, kw);       \
        return bytes_call_shared(m_##name, self, args, nargs, kw);                                 \
    }
W(decode)
W(hex)
W(fromhex)
W(join)
W(split)
W(rsplit)
W(splitlines)
W(strip)
W(lstrip)
W(rstrip)
W(find)
W(rfind)
W(index)
W(rindex)
W(count)
W(startswith)
W(endswith)
W(replace)
W(upper)
W(lower)
W(swapcase)
W(title)
W(capitalize)
W(isdigit)
W(isalpha)
W(isalnum)
W(isspace)
W(isupper)
W(islower)
W(ljust)
W(rjust)
W(center)
W(partition)
W(rpartition)
W(removeprefix)
W(removesuffix)
W(zfill)
W(expandtabs)
W(isascii)
W(istitle)
W(translate)

obj_t *bytes_call_shared(cfunc_t fn, obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    size_t total = nargs + (kw ? TUPLE_SIZE(kw) : 0);
    bool convert = self && !BYTES_CHECK(self) && !TYPE_CHECK(self);
    // hex's sep must be str or bytes; partition returns its separator as given.
    bool keep_args = fn == w_hex || fn == w_partition || fn == w_rpartition || fn == m_hex ||
                     fn == m_partition || fn == m_rpartition;
    for (size_t i = 0; i < total && !convert && !keep_args; i++)
        convert = !IS_SMALLINT(args[i]) && !BYTES_CHECK(args[i]) && buffer_check(args[i]);
    if (!convert) return fn(self, args, nargs, kw);
    obj_t *small[8], **conv = total <= 8 ? small : malloc(total * sizeof(obj_t *));
    if (!conv) return err_no_memory();
    obj_t *r = NULL, *s = NULL;
    size_t done = 0;
    for (; done < total; done++) {
        obj_t *a = args[done];
        conv[done] = !keep_args && !IS_SMALLINT(a) && !BYTES_CHECK(a) && buffer_check(a)
                         ? buffer_as_bytes(a)
                         : NEWREF(a);
        if (!conv[done]) goto out;
    }
    if (!self) {
        r = fn(NULL, conv, nargs, kw); // a static method
        goto out;
    }
    s = BYTES_CHECK(self) || TYPE_CHECK(self) ? NEWREF(self) : buffer_as_bytes(self);
    if (s) r = fn(s, conv, nargs, kw);
out:
    XDECREF(s);
    for (size_t i = 0; i < done; i++)
        DECREF(conv[i]);
    if (conv != small) free(conv);
    return r;
}

#define M(name)                                                                                    \
    { #name, w_##name, METH_DEFAULT, NULL }
const method_def_t bytes_methods[] = {
    M(decode),
    M(hex),
    {"fromhex", w_fromhex, METH_CLASS, NULL},
    M(join),
    M(split),
    M(rsplit),
    M(splitlines),
    M(strip),
    M(lstrip),
    M(rstrip),
    M(find),
    M(rfind),
    M(index),
    M(rindex),
    M(count),
    M(startswith),
    M(endswith),
    M(replace),
    M(upper),
    M(lower),
    M(swapcase),
    M(title),
    M(capitalize),
    M(isdigit),
    M(isalpha),
    M(isalnum),
    M(isspace),
    M(isupper),
    M(islower),
    M(ljust),
    M(rjust),
    M(center),
    M(partition),
    M(rpartition),
    M(removeprefix),
    M(removesuffix),
    M(zfill),
    M(expandtabs),
    M(isascii),
    M(istitle),
    M(translate),
    {"maketrans", m_maketrans, METH_STATIC, NULL},
    {"__bytes__", m___bytes__, METH_DEFAULT, NULL},
    {"__getnewargs__", m___getnewargs__, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static void bytes_dealloc(obj_t *o) {
    obj_free(o);
}

type_t bytes_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "bytes",
    .basicsize = sizeof(bytes_t),
    .itemsize = 1,
    .flags = TPFLAG_BYTES_SUBCLASS | TPFLAG_LEAF,
    .base = &object_type,
    .dealloc = bytes_dealloc,
    .repr = bytes_repr,
    .hash = bytes_hash,
    .richcompare = bytes_richcompare,
    .iter = bytes_iter,
    .tp_new = bytes_tp_new,
    .nb = {[BINOP_ADD] = bytes_add, [BINOP_MUL] = bytes_mul, [BINOP_MOD] = bytes_mod},
    .len = bytes_length,
    .getitem = bytes_getitem,
    .contains = bytes_contains,
    .methods = bytes_methods,
    .doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes",
};
