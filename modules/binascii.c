/*
 * modules/binascii.c — the native `binascii` module: hex (hexlify,
 * unhexlify, b2a_hex, a2b_hex), base64 (b2a_base64, a2b_base64 with
 * strict_mode), quoted-printable (b2a_qp, a2b_qp), uuencode (b2a_uu,
 * a2b_uu), crc32 (a table, zlib is not linked) and crc_hqx, with the Error
 * (a ValueError) and Incomplete exceptions.
 *
 * Every function reads its input once through the buffer protocol (a
 * consistent bytes snapshot, objects/buffer.h) or an ASCII str, and builds
 * a new bytes object; the module keeps no mutable state.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"

static obj_t *binascii_error, *binascii_incomplete;

// ---- input and output helpers ------------------------------------------------------------

// The bytes of a bytes-like object (for the b2a_ functions).
static obj_t *input_bytes(obj_t *v) {
    return buffer_as_bytes(v);
}

// The bytes of a bytes-like object or an ASCII str (for the a2b_ functions).
static obj_t *input_ascii(obj_t *v) {
    if (STR_CHECK(v)) {
        if (str_len(v) != str_nbytes(v)) {
            err_set_str(exc_ValueError, "string argument should contain only ASCII characters");
            return NULL;
        }
        return bytes_from(str_data(v), str_nbytes(v));
    }
    obj_t *b = buffer_as_bytes_opt(v);
    if (!b && !err_occurred())
        err_format(exc_TypeError, "argument should be bytes, buffer or ASCII string, not '%s'",
                   obj_type_name(v));
    return b;
}

static void set_error(const char *msg) {
    obj_t *m = str_from_cstr(msg);
    if (!m) return;
    obj_t *e = obj_call1(binascii_error, m);
    DECREF(m);
    if (e) err_set_object(e);
    XDECREF(e);
}

typedef struct {
    unsigned char *p;
    size_t len, cap;
} out_t;

static int out_put(out_t *o, unsigned char c) {
    if (o->len == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        unsigned char *p = realloc(o->p, cap);
        if (!p) {
            err_no_memory();
            return -1;
        }
        o->p = p;
        o->cap = cap;
    }
    o->p[o->len++] = c;
    return 0;
}

static obj_t *out_finish(out_t *o) {
    obj_t *r = bytes_from(o->p ? (const char *)o->p : "", o->len);
    free(o->p);
    return r;
}

// A bool-like argument (truth value), default `dflt` when absent.
static int arg_bool(obj_t *v, int dflt) {
    return v ? obj_is_true(v) : dflt;
}

// An int argument masked to 32 bits, as CPython's bitwise 'I' converter.
static int arg_uint32(obj_t *v, uint32_t *out) {
    obj_t *i = obj_index(v);
    if (!i) return -1;
    obj_t *mask = int_from_i64(0xffffffff);
    obj_t *m = mask ? obj_binop(i, mask, BINOP_AND) : NULL;
    DECREF(i);
    XDECREF(mask);
    if (!m) return -1;
    int64_t x;
    int rc = int_as_i64(m, &x);
    DECREF(m);
    if (rc < 0) return -1;
    *out = (uint32_t)x;
    return 0;
}

// ---- hex ---------------------------------------------------------------------------------

static obj_t *hex_common(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"data", "sep", "bytes_per_sep", NULL};
    obj_t *a[3] = {NULL, NULL, NULL};
    if (args_parse(fname, args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *data = input_bytes(a[0]);
    if (!data) return NULL;
    obj_t *meth = obj_getattr_str(data, "hex");
    DECREF(data);
    if (!meth) return NULL;
    obj_t *hargs[2] = {a[1], a[2]};
    size_t hn = a[1] ? (a[2] ? 2 : 1) : 0;
    obj_t *s;
    if (!a[1] && a[2]) {
        // bytes_per_sep without sep: no separator at all.
        obj_t *pv = obj_index(a[2]);
        if (!pv) {
            DECREF(meth);
            return NULL;
        }
        DECREF(pv);
        hn = 0;
    }
    s = obj_call(meth, hargs, hn, NULL);
    DECREF(meth);
    if (!s) return NULL;
    obj_t *r = bytes_from(str_data(s), str_nbytes(s));
    DECREF(s);
    return r;
}

static obj_t *ba_hexlify(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return hex_common("hexlify", args, nargs, kwnames);
}

static obj_t *ba_b2a_hex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return hex_common("b2a_hex", args, nargs, kwnames);
}

static int hexdigit(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static obj_t *unhex_common(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"hexstr", NULL};
    obj_t *a[1];
    if (args_parse(fname, args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *data = input_ascii(a[0]);
    if (!data) return NULL;
    const unsigned char *d = bytes_data(data);
    size_t n = bytes_len(data);
    if (n % 2) {
        DECREF(data);
        set_error("Odd-length string");
        return NULL;
    }
    out_t o = {0};
    for (size_t i = 0; i < n; i += 2) {
        int hi = hexdigit(d[i]), lo = hexdigit(d[i + 1]);
        if (hi < 0 || lo < 0) {
            free(o.p);
            DECREF(data);
            set_error("Non-hexadecimal digit found");
            return NULL;
        }
        if (out_put(&o, (unsigned char)(hi << 4 | lo)) < 0) {
            free(o.p);
            DECREF(data);
            return NULL;
        }
    }
    DECREF(data);
    return out_finish(&o);
}

static obj_t *ba_unhexlify(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return unhex_common("unhexlify", args, nargs, kwnames);
}

static obj_t *ba_a2b_hex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return unhex_common("a2b_hex", args, nargs, kwnames);
}

// ---- base64 ------------------------------------------------------------------------------

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

static obj_t *ba_b2a_base64(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/data", "$newline", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("b2a_base64", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int newline = arg_bool(a[1], 1);
    if (newline < 0) return NULL;
    obj_t *data = input_bytes(a[0]);
    if (!data) return NULL;
    const unsigned char *d = bytes_data(data);
    size_t n = bytes_len(data);
    size_t olen = (n + 2) / 3 * 4 + (newline ? 1 : 0);
    unsigned char *buf = malloc(olen ? olen : 1);
    if (!buf) {
        DECREF(data);
        return err_no_memory();
    }
    size_t o = 0, i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8 | d[i + 2];
        buf[o++] = b64chars[v >> 18];
        buf[o++] = b64chars[(v >> 12) & 63];
        buf[o++] = b64chars[(v >> 6) & 63];
        buf[o++] = b64chars[v & 63];
    }
    if (n - i == 1) {
        buf[o++] = b64chars[d[i] >> 2];
        buf[o++] = b64chars[(d[i] & 3) << 4];
        buf[o++] = '=';
        buf[o++] = '=';
    } else if (n - i == 2) {
        buf[o++] = b64chars[d[i] >> 2];
        buf[o++] = b64chars[((d[i] & 3) << 4) | (d[i + 1] >> 4)];
        buf[o++] = b64chars[(d[i + 1] & 15) << 2];
        buf[o++] = '=';
    }
    if (newline) buf[o++] = '\n';
    DECREF(data);
    obj_t *r = bytes_from(buf, o);
    free(buf);
    return r;
}

static obj_t *ba_a2b_base64(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/data", "$strict_mode", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("a2b_base64", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int strict = arg_bool(a[1], 0);
    if (strict < 0) return NULL;
    obj_t *data = input_ascii(a[0]);
    if (!data) return NULL;
    const unsigned char *d = bytes_data(data);
    size_t n = bytes_len(data);
    out_t o = {0};
    const char *msg = NULL;
    char msgbuf[160];
    int quad = 0, pads = 0;
    bool padding_started = false;
    unsigned leftchar = 0;
    if (strict && n > 0 && d[0] == '=') {
        msg = "Leading padding not allowed";
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = d[i];
        if (c == '=') {
            padding_started = true;
            if (strict && quad == 0) {
                msg = "Excess padding not allowed";
                goto fail;
            }
            if (quad >= 2 && quad + ++pads >= 4) {
                if (strict && i + 1 < n) {
                    msg = "Excess data after padding";
                    goto fail;
                }
                goto done;
            }
            continue;
        }
        int v = b64value(c);
        if (v < 0) {
            if (strict) {
                msg = "Only base64 data is allowed";
                goto fail;
            }
            continue;
        }
        if (strict && padding_started) {
            msg = "Discontinuous padding not allowed";
            goto fail;
        }
        pads = 0;
        int rc = 0;
        switch (quad) {
        case 0:
            quad = 1;
            leftchar = (unsigned)v;
            break;
        case 1:
            quad = 2;
            rc = out_put(&o, (unsigned char)((leftchar << 2) | ((unsigned)v >> 4)));
            leftchar = (unsigned)v & 0x0f;
            break;
        case 2:
            quad = 3;
            rc = out_put(&o, (unsigned char)((leftchar << 4) | ((unsigned)v >> 2)));
            leftchar = (unsigned)v & 0x03;
            break;
        default:
            quad = 0;
            rc = out_put(&o, (unsigned char)((leftchar << 6) | (unsigned)v));
            leftchar = 0;
            break;
        }
        if (rc < 0) goto fail;
    }
    if (quad != 0) {
        if (quad == 1) {
            snprintf(msgbuf, sizeof msgbuf,
                     "Invalid base64-encoded string: number of data characters (%zu) cannot be 1 "
                     "more than a multiple of 4",
                     o.len / 3 * 4 + 1);
            msg = msgbuf;
        } else {
            msg = "Incorrect padding";
        }
        goto fail;
    }
done:
    DECREF(data);
    return out_finish(&o);
fail:
    free(o.p);
    DECREF(data);
    if (msg) set_error(msg);
    return NULL;
}

// ---- uuencode ----------------------------------------------------------------------------

static obj_t *ba_b2a_uu(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/data", "$backtick", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("b2a_uu", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int backtick = arg_bool(a[1], 0);
    if (backtick < 0) return NULL;
    obj_t *data = input_bytes(a[0]);
    if (!data) return NULL;
    const unsigned char *d = bytes_data(data);
    size_t n = bytes_len(data);
    if (n > 45) {
        DECREF(data);
        set_error("At most 45 bytes at once");
        return NULL;
    }
    unsigned char buf[2 + 60 + 1];
    size_t o = 0;
#define UU(v) ((backtick && (v) == 0) ? '`' : (unsigned char)(' ' + (v)))
    buf[o++] = UU(n);
    for (size_t i = 0; i < n; i += 3) {
        unsigned b0 = d[i], b1 = i + 1 < n ? d[i + 1] : 0, b2 = i + 2 < n ? d[i + 2] : 0;
        buf[o++] = UU(b0 >> 2);
        buf[o++] = UU(((b0 & 3) << 4) | (b1 >> 4));
        buf[o++] = UU(((b1 & 15) << 2) | (b2 >> 6));
        buf[o++] = UU(b2 & 63);
    }
#undef UU
    buf[o++] = '\n';
    DECREF(data);
    return bytes_from(buf, o);
}

static obj_t *ba_a2b_uu(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/data", NULL};
    obj_t *a[1];
    if (args_parse("a2b_uu", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *data = input_ascii(a[0]);
    if (!data) return NULL;
    const unsigned char *d = bytes_data(data);
    size_t n = bytes_len(data), i = 0;
    // The first character is the length of the decoded line.
    size_t binlen = (size_t)(((n > 0 ? d[0] : 0) - ' ') & 077);
    if (n > 0) i = 1;
    unsigned char *buf = calloc(binlen ? binlen : 1, 1);
    if (!buf) {
        DECREF(data);
        return err_no_memory();
    }
    size_t o = 0;
    unsigned leftchar = 0;
    int leftbits = 0;
    for (; o < binlen; i++) {
        unsigned char c;
        if (i >= n || d[i] == '\n' || d[i] == '\r') {
            c = 0; // whitespace stripped at the end: zeros
        } else {
            c = d[i];
            if (c < ' ' || c > (' ' + 64)) {
                free(buf);
                DECREF(data);
                set_error("Illegal char");
                return NULL;
            }
            c = (unsigned char)((c - ' ') & 077);
        }
        leftchar = (leftchar << 6) | c;
        leftbits += 6;
        if (leftbits >= 8) {
            leftbits -= 8;
            buf[o++] = (unsigned char)(leftchar >> leftbits);
            leftchar &= (1u << leftbits) - 1;
        }
    }
    // What follows must be padding or whitespace.
    for (; i < n; i++) {
        unsigned char c = d[i];
        if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r') {
            free(buf);
            DECREF(data);
            set_error("Trailing garbage");
            return NULL;
        }
    }
    DECREF(data);
    obj_t *r = bytes_from(buf, binlen);
    free(buf);
    return r;
}

// ---- quoted-printable --------------------------------------------------------------------

static obj_t *ba_a2b_qp(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"data", "header", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("a2b_qp", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int header = arg_bool(a[1], 0);
    if (header < 0) return NULL;
    obj_t *data = input_ascii(a[0]);
    if (!data) return NULL;
    const unsigned char *d = bytes_data(data);
    size_t n = bytes_len(data), i = 0;
    out_t o = {0};
    int rc = 0;
    while (i < n && rc == 0) {
        if (d[i] == '=') {
            i++;
            if (i >= n) break;
            if (d[i] == '\n' || d[i] == '\r') { // soft line break
                if (d[i] != '\n')
                    while (i < n && d[i] != '\n')
                        i++;
                if (i < n) i++;
            } else if (d[i] == '=') {
                rc = out_put(&o, '=');
                i++;
            } else if (i + 1 < n && hexdigit(d[i]) >= 0 && hexdigit(d[i + 1]) >= 0) {
                rc = out_put(&o, (unsigned char)(hexdigit(d[i]) << 4 | hexdigit(d[i + 1])));
                i += 2;
            } else {
                rc = out_put(&o, '=');
            }
        } else if (header && d[i] == '_') {
            rc = out_put(&o, ' ');
            i++;
        } else {
            rc = out_put(&o, d[i]);
            i++;
        }
    }
    DECREF(data);
    if (rc < 0) {
        free(o.p);
        return NULL;
    }
    return out_finish(&o);
}

#define QP_MAXLINE 76

static int put_hex(out_t *o, unsigned char c) {
    static const char hx[] = "0123456789ABCDEF";
    if (out_put(o, '=') < 0 || out_put(o, (unsigned char)hx[c >> 4]) < 0) return -1;
    return out_put(o, (unsigned char)hx[c & 15]);
}

static obj_t *ba_b2a_qp(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"data", "quotetabs", "istext", "header", NULL};
    obj_t *a[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("b2a_qp", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int quotetabs = arg_bool(a[1], 0), istext, header;
    if (quotetabs < 0 || (istext = arg_bool(a[2], 1)) < 0 || (header = arg_bool(a[3], 0)) < 0)
        return NULL;
    obj_t *data = input_bytes(a[0]);
    if (!data) return NULL;
    const unsigned char *d = bytes_data(data);
    size_t n = bytes_len(data), i = 0, linelen = 0;
    const unsigned char *nl = memchr(d, '\n', n);
    bool crlf = nl && nl > d && nl[-1] == '\r';
    out_t o = {0};
    int rc = 0;
    while (i < n && rc == 0) {
        unsigned char c = d[i];
        if (c > 126 || c == '=' || (header && c == '_') ||
            (c == '.' && linelen == 0 &&
             (i + 1 == n || d[i + 1] == '\n' || d[i + 1] == '\r' || d[i + 1] == 0)) ||
            (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && i + 1 == n) ||
            (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')))) {
            if (linelen + 3 >= QP_MAXLINE) {
                rc = out_put(&o, '=');
                if (rc == 0 && crlf) rc = out_put(&o, '\r');
                if (rc == 0) rc = out_put(&o, '\n');
                linelen = 0;
            }
            if (rc == 0) rc = put_hex(&o, c);
            i++;
            linelen += 3;
        } else if (istext && (c == '\n' || (i + 1 < n && c == '\r' && d[i + 1] == '\n'))) {
            linelen = 0;
            // Protect whitespace at the end of a line.
            if (o.len && (o.p[o.len - 1] == ' ' || o.p[o.len - 1] == '\t')) {
                unsigned char ws = o.p[--o.len];
                rc = put_hex(&o, ws);
            }
            if (rc == 0 && crlf) rc = out_put(&o, '\r');
            if (rc == 0) rc = out_put(&o, '\n');
            i += c == '\r' ? 2 : 1;
        } else {
            if (i + 1 != n && d[i + 1] != '\n' && linelen + 1 >= QP_MAXLINE) {
                rc = out_put(&o, '=');
                if (rc == 0 && crlf) rc = out_put(&o, '\r');
                if (rc == 0) rc = out_put(&o, '\n');
                linelen = 0;
            }
            linelen++;
            if (rc == 0) rc = out_put(&o, header && c == ' ' ? '_' : c);
            i++;
        }
    }
    DECREF(data);
    if (rc < 0) {
        free(o.p);
        return NULL;
    }
    return out_finish(&o);
}

// ---- checksums ---------------------------------------------------------------------------

static uint32_t crc32_table[256];
static uint16_t hqx_table[256];

static void tables_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc32_table[i] = c;
        uint32_t h = i << 8;
        for (int k = 0; k < 8; k++)
            h = h & 0x8000 ? (h << 1) ^ 0x1021 : h << 1;
        hqx_table[i] = (uint16_t)h;
    }
}

static obj_t *ba_crc32(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("crc32", nargs, kwnames, 1, 2) < 0) return NULL;
    uint32_t crc = 0;
    if (nargs > 1 && arg_uint32(args[1], &crc) < 0) return NULL;
    obj_t *data = input_bytes(args[0]);
    if (!data) return NULL;
    const unsigned char *d = bytes_data(data);
    size_t n = bytes_len(data);
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = crc32_table[(crc ^ d[i]) & 0xff] ^ (crc >> 8);
    DECREF(data);
    return int_from_u64(~crc);
}

static obj_t *ba_crc_hqx(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("crc_hqx", nargs, kwnames, 2, 2) < 0) return NULL;
    uint32_t crc;
    if (arg_uint32(args[1], &crc) < 0) return NULL;
    obj_t *data = input_bytes(args[0]);
    if (!data) return NULL;
    const unsigned char *d = bytes_data(data);
    size_t n = bytes_len(data);
    crc &= 0xffff;
    for (size_t i = 0; i < n; i++)
        crc = ((crc << 8) & 0xff00) ^ hqx_table[(crc >> 8) ^ d[i]];
    DECREF(data);
    return int_from_u64(crc);
}

static const method_def_t binascii_functions[] = {
    {"hexlify", ba_hexlify, 0, NULL},
    {"b2a_hex", ba_b2a_hex, 0, NULL},
    {"unhexlify", ba_unhexlify, 0, NULL},
    {"a2b_hex", ba_a2b_hex, 0, NULL},
    {"b2a_base64", ba_b2a_base64, 0, NULL},
    {"a2b_base64", ba_a2b_base64, 0, NULL},
    {"b2a_uu", ba_b2a_uu, 0, NULL},
    {"a2b_uu", ba_a2b_uu, 0, NULL},
    {"b2a_qp", ba_b2a_qp, 0, NULL},
    {"a2b_qp", ba_a2b_qp, 0, NULL},
    {"crc32", ba_crc32, 0, NULL},
    {"crc_hqx", ba_crc_hqx, 0, NULL},
    {NULL},
};

obj_t *binascii_module_init(void) {
    static _Atomic int ready;
    obj_t *m = module_new("binascii");
    if (!m) return NULL;
    if (module_add_functions(m, binascii_functions) < 0) goto fail;
    if (!atomic_exchange(&ready, 1)) {
        tables_init();
        binascii_error = exc_new_class("binascii", "Error", exc_ValueError);
        binascii_incomplete = exc_new_class("binascii", "Incomplete", exc_Exception);
    }
    if (!binascii_error || !binascii_incomplete ||
        dict_set_str(module_dict(m), "Error", binascii_error) < 0 ||
        dict_set_str(module_dict(m), "Incomplete", binascii_incomplete) < 0)
        goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
