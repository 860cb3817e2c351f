/*
 * objects/format.c — text formatting:
 *   - the format-spec mini-language shared by format(), f-strings and
 *     str.format: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
 *     (format_int, format_float, format_str);
 *   - the str.format engine (str_format_method / str_format_impl);
 *   - printf-style `str % args` (str_mod_format);
 *   - str_from_format / str_from_vformat, printf for C code with %R %S %T %U %N.
 *
 * Float formatting reproduces CPython's format_float_short(): digits come
 * from glibc's correctly rounded printf ("%.*e" for 'g' and 'e', "%.*f" for
 * 'f') or from float_repr_buf() for the shortest repr, and are then laid out
 * with CPython's rules (exponent thresholds, '#', the ".0" of the empty type).
 */
#define _GNU_SOURCE  1
#define PVM_STR_IMPL 1
#include "str_internal.h"

#include <ctype.h>
#include <limits.h>
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "exceptions.h"
#include "buffer.h"
#include "bytes.h"
#include "float.h"
#include "int.h"
#include "tuple.h"

// ---- the format spec ----------------------------------------------------------------

typedef struct {
    uint32_t fill;
    char align; // '<' '>' '=' '^' or 0
    char sign;  // '+' '-' ' ' or 0
    bool no_neg_0, alt;
    ssize_t width;     // -1 = none
    char grouping;     // ',' '_' or 0
    ssize_t precision; // -1 = none
    char type;         // 0 = none
} spec_t;

static bool is_align(char c) {
    return c == '<' || c == '>' || c == '=' || c == '^';
}

static ssize_t parse_digits(const char **pp, const char *end, bool *overflow) {
    const char *p = *pp;
    ssize_t v = 0;
    while (p < end && *p >= '0' && *p <= '9') {
        int d = *p - '0';
        if (v > (PTRDIFF_MAX - d) / 10)
            *overflow = true;
        else
            v = v * 10 + d;
        p++;
    }
    if (p == *pp) return -1;
    *pp = p;
    return v;
}

static void grouping_error(char g, char type) {
    if (type > 32 && type < 127)
        err_format(exc_ValueError, "Cannot specify '%c' with '%c'.", g, type);
    else
        err_format(exc_ValueError, "Cannot specify '%c' with '\\x%x'.", g, (unsigned)type);
}

// Parses spec (a str) for an object of type name `tname`, with the default
// alignment `default_align`.
static int parse_spec(obj_t *specobj, spec_t *sp, char default_align, char default_type,
                      const char *tname) {
    const char *p = str_data(specobj), *end = p + str_nbytes(specobj);
    sp->fill = ' ';
    sp->align = default_align;
    sp->sign = 0;
    sp->no_neg_0 = sp->alt = false;
    sp->width = sp->precision = -1;
    sp->grouping = 0;
    sp->type = 0;
    bool fill_given = false, align_given = false;
    if (p < end) {
        const char *q = p;
        uint32_t c = utf8_decode(&q);
        if (q < end && is_align(*q)) {
            sp->fill = c;
            sp->align = *q;
            fill_given = align_given = true;
            p = q + 1;
        } else if (is_align(*p)) {
            sp->align = *p++;
            align_given = true;
        }
    }
    if (p < end && (*p == '+' || *p == '-' || *p == ' ')) sp->sign = *p++;
    if (p < end && *p == 'z') {
        sp->no_neg_0 = true;
        p++;
    }
    if (p < end && *p == '#') {
        sp->alt = true;
        p++;
    }
    if (!fill_given && p < end && *p == '0') {
        sp->fill = '0';
        if (!align_given && default_align == '>') sp->align = '=';
        p++;
    }
    bool overflow = false;
    sp->width = parse_digits(&p, end, &overflow);
    if (p < end && *p == ',') {
        sp->grouping = ',';
        p++;
    }
    if (p < end && *p == '_') {
        if (sp->grouping) {
            err_set_str(exc_ValueError, "Cannot specify both ',' and '_'.");
            return -1;
        }
        sp->grouping = '_';
        p++;
    }
    if (p < end && (*p == ',' || *p == '_')) {
        if (sp->grouping == *p || !sp->grouping)
            grouping_error(*p, *p);
        else
            err_set_str(exc_ValueError, "Cannot specify both ',' and '_'.");
        return -1;
    }
    if (p < end && *p == '.') {
        p++;
        sp->precision = parse_digits(&p, end, &overflow);
        if (sp->precision < 0) {
            err_set_str(exc_ValueError, "Format specifier missing precision");
            return -1;
        }
    }
    if (overflow) {
        err_set_str(exc_ValueError, "Too many decimal digits in format string");
        return -1;
    }
    if (end - p > 1 || (end - p == 1 && (unsigned char)*p >= 128)) {
        err_format(exc_ValueError, "Invalid format specifier '%s' for object of type '%s'",
                   str_data(specobj), tname);
        return -1;
    }
    sp->type = p < end ? *p : default_type;
    if (sp->grouping) {
        switch (sp->type) {
        case 'd':
        case 'e':
        case 'f':
        case 'g':
        case 'E':
        case 'G':
        case '%':
        case 'F':
        case 0: break;
        case 'b':
        case 'o':
        case 'x':
        case 'X':
            if (sp->grouping == '_') break;
            // fallthrough
        default: grouping_error(sp->grouping, sp->type); return -1;
        }
    }
    return 0;
}

static void unknown_code(char type, const char *tname) {
    if (type > 32 && type < 127)
        err_format(exc_ValueError, "Unknown format code '%c' for object of type '%s'", type, tname);
    else
        err_format(exc_ValueError, "Unknown format code '\\x%x' for object of type '%s'",
                   (unsigned)(unsigned char)type, tname);
}

// Appends n copies of fill.  The whole run is reserved first: a width no
// machine could hold fails at once (MemoryError) instead of growing the
// buffer one character at a time.
static void add_fill(str_builder_t *b, uint32_t fill, ssize_t n) {
    if (n <= 0) return;
    char enc[4];
    size_t fn = (size_t)utf8_encode(fill, enc), total;
    if (__builtin_mul_overflow((size_t)n, fn, &total) || !str_builder_reserve(b, total)) {
        b->failed = true;
        return;
    }
    char *o = b->buf + b->len;
    if (fn == 1) {
        memset(o, enc[0], total);
    } else {
        for (size_t i = 0; i < total; i += fn)
            memcpy(o + i, enc, fn);
    }
    b->len += total;
}

// Lays out prefix (sign, 0x...) and body (len code points) within the width.
static void emit_padded(str_builder_t *b, const spec_t *sp, const char *prefix, size_t plen,
                        const char *body, size_t blen, size_t body_cps) {
    ssize_t total = (ssize_t)(plen + body_cps);
    ssize_t padn = sp->width > total ? sp->width - total : 0;
    ssize_t left = 0, right = 0, mid = 0;
    switch (sp->align) {
    case '<': right = padn; break;
    case '^':
        left = padn / 2;
        right = padn - left;
        break;
    case '=': mid = padn; break;
    default: left = padn; break;
    }
    add_fill(b, sp->fill, left);
    str_builder_add(b, prefix, plen);
    add_fill(b, sp->fill, mid);
    str_builder_add(b, body, blen);
    add_fill(b, sp->fill, right);
}

// Appends digits (ASCII, no sign) with separators every `every` digits; if
// min_width > 0 pads with leading zeros (grouped too) up to that width.
static void add_grouped(str_builder_t *b, const char *digits, size_t n, char sep, int every,
                        ssize_t min_width) {
    // Build right to left into a temporary buffer; zero padding stops at
    // most one separator past min_width.
    size_t cap = n + n / (size_t)every;
    if (min_width > 0 && (size_t)min_width >= cap) cap = (size_t)min_width + 1;
    if (cap > SIZE_MAX / 2 || obj_alloc_too_big(cap += 8)) {
        b->failed = true;
        return;
    }
    char *tmp = malloc(cap);
    if (!tmp) {
        b->failed = true;
        return;
    }
    size_t pos = cap, count = 0;
    for (size_t i = n; i > 0; i--) {
        if (count && count % (size_t)every == 0) tmp[--pos] = sep;
        tmp[--pos] = digits[i - 1];
        count++;
    }
    while ((ssize_t)(cap - pos) < min_width) {
        if (count && count % (size_t)every == 0) {
            tmp[--pos] = sep;
        }
        tmp[--pos] = '0';
        count++;
    }
    str_builder_add(b, tmp + pos, cap - pos);
    free(tmp);
}

// Formats a number: sign_neg, prefix ("0x"), integer digits, rest (".5e+03",
// suffix "%") according to sp (fill, align, sign, width, grouping).
static obj_t *emit_number(const spec_t *sp, bool neg, const char *prefix, const char *intdigits,
                          size_t nint, const char *rest, size_t nrest, int group_every) {
    char pre[8];
    size_t plen = 0;
    if (neg)
        pre[plen++] = '-';
    else if (sp->sign == '+')
        pre[plen++] = '+';
    else if (sp->sign == ' ')
        pre[plen++] = ' ';
    size_t l = strlen(prefix);
    memcpy(pre + plen, prefix, l);
    plen += l;
    str_builder_t body;
    str_builder_init(&body);
    if (sp->grouping) {
        ssize_t minw = 0;
        if (sp->fill == '0' && sp->align == '=' && sp->width > 0)
            minw = sp->width - (ssize_t)plen - (ssize_t)nrest;
        add_grouped(&body, intdigits, nint, sp->grouping, group_every, minw);
    } else {
        str_builder_add(&body, intdigits, nint);
    }
    str_builder_add(&body, rest, nrest);
    str_builder_t out;
    str_builder_init(&out);
    emit_padded(&out, sp, pre, plen, body.buf ? body.buf : "", body.len, body.len);
    if (body.failed) out.failed = true;
    str_builder_discard(&body);
    return str_builder_finish(&out);
}

// ---- format_str ------------------------------------------------------------------------------

obj_t *format_str(obj_t *s, obj_t *spec) {
    if (!spec || str_nbytes(spec) == 0) return str_exact_copy(s);
    spec_t sp;
    if (parse_spec(spec, &sp, '<', 's', obj_type_name(s)) < 0) return NULL;
    if (sp.type != 0 && sp.type != 's') {
        unknown_code(sp.type, obj_type_name(s));
        return NULL;
    }
    if (sp.sign) {
        err_set_str(exc_ValueError, sp.sign == ' ' ? "Space not allowed in string format specifier"
                                                   : "Sign not allowed in string format specifier");
        return NULL;
    }
    if (sp.no_neg_0) {
        err_set_str(exc_ValueError,
                    "Negative zero coercion (z) not allowed in string format specifier");
        return NULL;
    }
    if (sp.alt) {
        err_set_str(exc_ValueError, "Alternate form (#) not allowed in string format specifier");
        return NULL;
    }
    if (sp.align == '=') {
        err_set_str(exc_ValueError, "'=' alignment not allowed in string format specifier");
        return NULL;
    }
    size_t len = str_len(s);
    const char *d = str_data(s);
    size_t nb = str_nbytes(s);
    if (sp.precision >= 0 && (size_t)sp.precision < len) {
        len = (size_t)sp.precision;
        nb = (size_t)(str_cp_ptr(s, len) - d);
    }
    if ((sp.width < 0 || (size_t)sp.width <= len) && nb == str_nbytes(s)) return str_exact_copy(s);
    str_builder_t b;
    str_builder_init(&b);
    emit_padded(&b, &sp, "", 0, d, nb, len);
    return str_builder_finish(&b);
}

// ---- integer digits ---------------------------------------------------------------------------

// Writes the absolute value of int v in base into a malloc'd buffer; NULL +
// exception.  Decimal text of a big int comes from int_to_base_str, the one
// owner of the int-to-str digit limit (sys.set_int_max_str_digits), so %d,
// format(x, "d"), f"{x:,}" ... fail exactly as str(x) does; the power-of-two
// bases are not limited (as in CPython).
static char *int_abs_digits(obj_t *v, int base, bool upper, bool *neg, size_t *n) {
    int64_t x;
    char *buf;
    if (int_as_i64(v, &x) == 0) {
        uint64_t u = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
        *neg = x < 0;
        char tmp[72];
        size_t pos = sizeof tmp;
        const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        do {
            tmp[--pos] = dig[u % (uint64_t)base];
            u /= (uint64_t)base;
        } while (u);
        *n = sizeof tmp - pos;
        buf = malloc(*n + 1);
        if (!buf) {
            err_no_memory();
            return NULL;
        }
        memcpy(buf, tmp + pos, *n);
        buf[*n] = 0;
        return buf;
    }
    err_clear();
    if (base == 10) {
        obj_t *text = int_to_base_str(v, 10);
        if (!text) return NULL;
        const char *d = str_data(text);
        *neg = d[0] == '-';
        d += *neg;
        *n = str_nbytes(text) - *neg;
        buf = malloc(*n + 1);
        if (buf) memcpy(buf, d, *n + 1);
        DECREF(text);
        if (!buf) err_no_memory();
        return buf;
    }
    mpz_t z;
    mpz_init(z);
    int_to_mpz(v, z);
    *neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    buf = malloc(mpz_sizeinbase(z, base) + 2);
    if (buf) {
        mpz_get_str(buf, upper ? -base : base, z);
        *n = strlen(buf);
    }
    mpz_clear(z);
    if (!buf) err_no_memory();
    return buf;
}

static obj_t *format_float_spec(double d, spec_t *sp, const char *tname);

obj_t *format_int(obj_t *v, obj_t *spec) {
    if (!spec || str_nbytes(spec) == 0) return obj_str(v);
    spec_t sp;
    if (parse_spec(spec, &sp, '>', 'd', obj_type_name(v)) < 0) return NULL;
    int base = 10;
    const char *prefix = "";
    bool upper = false;
    switch (sp.type) {
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': {
        int overflow = 0;
        double d = int_as_double(v, &overflow);
        if (overflow) {
            err_set_str(exc_OverflowError, "int too large to convert to float");
            return NULL;
        }
        return format_float_spec(d, &sp, obj_type_name(v));
    }
    case 'd':
    case 'n': break;
    case 'b':
        base = 2;
        prefix = "0b";
        break;
    case 'o':
        base = 8;
        prefix = "0o";
        break;
    case 'x':
        base = 16;
        prefix = "0x";
        break;
    case 'X':
        base = 16;
        prefix = "0X";
        upper = true;
        break;
    case 'c': break;
    default: unknown_code(sp.type, obj_type_name(v)); return NULL;
    }
    if (sp.precision >= 0) {
        err_set_str(exc_ValueError, "Precision not allowed in integer format specifier");
        return NULL;
    }
    if (sp.no_neg_0) {
        err_set_str(exc_ValueError,
                    "Negative zero coercion (z) not allowed in integer format specifier");
        return NULL;
    }
    if (sp.type == 'c') {
        if (sp.sign) {
            err_set_str(exc_ValueError, "Sign not allowed with integer format specifier 'c'");
            return NULL;
        }
        if (sp.alt) {
            err_set_str(exc_ValueError,
                        "Alternate form (#) not allowed with integer format specifier 'c'");
            return NULL;
        }
        int64_t x;
        if (int_as_i64(v, &x) < 0) return NULL;
        if (x < 0 || x > 0x10ffff) {
            err_set_str(exc_OverflowError, "%c arg not in range(0x110000)");
            return NULL;
        }
        char buf[4];
        int n = utf8_encode((uint32_t)x, buf);
        str_builder_t b;
        str_builder_init(&b);
        emit_padded(&b, &sp, "", 0, buf, (size_t)n, 1);
        return str_builder_finish(&b);
    }
    bool neg;
    size_t n;
    char *digits = int_abs_digits(v, base, upper, &neg, &n);
    if (!digits) return NULL;
    obj_t *r = emit_number(&sp, neg, sp.alt ? prefix : "", digits, n, "", 0, base == 10 ? 3 : 4);
    free(digits);
    return r;
}

// ---- floats -------------------------------------------------------------------------------------

// Significant digits of |d| for mode 'e'/'g' (ndigits) or shortest repr
// (ndigits <= 0), trailing zeros removed; returns the decimal point position.
static int float_digits(double d, int ndigits, char *out, size_t outsize, size_t *outlen) {
    char buf[64];
    d = fabs(d);
    if (ndigits > 0) {
        char *big = NULL;
        const char *s;
        if ((size_t)ndigits + 16 > sizeof buf) {
            big = malloc((size_t)ndigits + 16);
            if (!big) return INT32_MIN;
            snprintf(big, (size_t)ndigits + 16, "%.*e", ndigits - 1, d);
            s = big;
        } else {
            snprintf(buf, sizeof buf, "%.*e", ndigits - 1, d);
            s = buf;
        }
        size_t n = 0;
        const char *p = s;
        for (; *p && *p != 'e'; p++)
            if (isdigit((unsigned char)*p) && n < outsize - 1) out[n++] = *p;
        int exp = atoi(p + 1);
        while (n > 1 && out[n - 1] == '0')
            n--;
        out[n] = 0;
        *outlen = n;
        free(big);
        if (n == 1 && out[0] == '0') return 1;
        return exp + 1;
    }
    // Shortest repr: parse float_repr_buf's output.
    float_repr_buf(d, buf, sizeof buf);
    size_t n = 0;
    int decpt = 0;
    bool seen_point = false;
    const char *p = buf;
    for (; *p && *p != 'e'; p++) {
        if (*p == '.') {
            seen_point = true;
            continue;
        }
        if (!isdigit((unsigned char)*p)) continue;
        if (n == 0 && *p == '0') { // leading zero
            if (seen_point) decpt--;
            continue;
        }
        out[n++] = *p;
        if (!seen_point) decpt++;
    }
    if (*p == 'e') decpt += atoi(p + 1);
    while (n > 1 && out[n - 1] == '0')
        n--;
    if (n == 0) {
        out[n++] = '0';
        decpt = 1;
    }
    out[n] = 0;
    *outlen = n;
    return decpt;
}

// CPython's format_float_short for modes 'g' and 'r' (shortest): writes the
// text of |d| into b.
static void float_short(str_builder_t *b, double d, char mode, int precision, bool add_dot_0,
                        bool alt, bool upper) {
    char small[64];
    char *digits = small;
    size_t cap = sizeof small;
    if (mode == 'g' && (size_t)precision + 8 > cap) {
        cap = (size_t)precision + 8;
        digits = malloc(cap);
        if (!digits) {
            b->failed = true;
            return;
        }
    }
    size_t nd = 0;
    int decpt = float_digits(d, mode == 'g' ? precision : 0, digits, cap, &nd);
    if (mode == 'g' && nd == 1 && digits[0] == '0') decpt = 1;
    bool use_exp = false;
    ssize_t vend = (ssize_t)nd;
    if (mode == 'g') {
        if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
        if (alt) vend = precision;
    } else if (decpt <= -4 || decpt > 16) {
        use_exp = true;
    }
    int exp = 0;
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    ssize_t vstart = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0)
        vend = vend > decpt ? vend : decpt + 1;
    else
        vend = vend > decpt ? vend : decpt;
    size_t before = b->len;
    if (decpt <= 0) {
        for (ssize_t i = 0; i < decpt - vstart; i++)
            str_builder_add_char(b, '0');
        str_builder_add_char(b, '.');
        for (ssize_t i = 0; i < -decpt; i++)
            str_builder_add_char(b, '0');
    } else {
        for (ssize_t i = 0; i < -vstart; i++)
            str_builder_add_char(b, '0');
    }
    if (decpt > 0 && (size_t)decpt <= nd) {
        str_builder_add(b, digits, (size_t)decpt);
        str_builder_add_char(b, '.');
        str_builder_add(b, digits + decpt, nd - (size_t)decpt);
    } else {
        str_builder_add(b, digits, nd);
    }
    if ((ssize_t)nd < decpt) {
        for (ssize_t i = 0; i < decpt - (ssize_t)nd; i++)
            str_builder_add_char(b, '0');
        str_builder_add_char(b, '.');
        for (ssize_t i = 0; i < vend - decpt; i++)
            str_builder_add_char(b, '0');
    } else {
        for (ssize_t i = 0; i < vend - (ssize_t)nd; i++)
            str_builder_add_char(b, '0');
    }
    if (!b->failed && b->len > before && b->buf[b->len - 1] == '.' && !alt) b->len--;
    if (use_exp) str_builder_printf(b, "%c%+.02d", upper ? 'E' : 'e', exp);
    if (digits != small) free(digits);
}

// Text of |d| for a float presentation type (e E f F g G r), CPython rules.
static void float_body(str_builder_t *b, double d, char type, int precision, bool add_dot_0,
                       bool alt) {
    bool upper = type == 'E' || type == 'F' || type == 'G';
    double a = fabs(d);
    if (isinf(a)) {
        str_builder_add_cstr(b, upper ? "INF" : "inf");
        return;
    }
    if (isnan(a)) {
        str_builder_add_cstr(b, upper ? "NAN" : "nan");
        return;
    }
    switch (type) {
    case 'e':
    case 'E':
        str_builder_printf(b, alt ? "%#.*e" : "%.*e", precision, a);
        if (upper)
            for (size_t i = 0; i < b->len && !b->failed; i++)
                if (b->buf[i] == 'e') b->buf[i] = 'E';
        break;
    case 'f':
    case 'F': str_builder_printf(b, alt ? "%#.*f" : "%.*f", precision, a); break;
    case 'g':
    case 'G': float_short(b, a, 'g', precision == 0 ? 1 : precision, add_dot_0, alt, upper); break;
    default: // 'r'
        float_short(b, a, 'r', 0, add_dot_0, alt, upper);
        break;
    }
}

static obj_t *format_float_spec(double d, spec_t *sp, const char *tname) {
    char type = sp->type;
    bool add_dot_0 = false, pct = false;
    ssize_t precision = sp->precision;
    int default_precision = 6;
    switch (type) {
    case 0:
        add_dot_0 = true;
        type = 'r';
        default_precision = 0;
        break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': break;
    case 'n': type = 'g'; break;
    case '%':
        type = 'f';
        d *= 100;
        pct = true;
        break;
    default: unknown_code(type, tname); return NULL;
    }
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    if (precision > INT32_MAX / 2) {
        err_set_str(exc_ValueError, "precision too big");
        return NULL;
    }
    str_builder_t body;
    str_builder_init(&body);
    float_body(&body, d, type, (int)precision, add_dot_0, sp->alt);
    if (pct) str_builder_add_char(&body, '%');
    if (body.failed) {
        str_builder_discard(&body);
        return err_no_memory();
    }
    bool neg = signbit(d) && !isnan(d);
    if (neg && sp->no_neg_0 && isfinite(d)) {
        bool allzero = true;
        for (size_t i = 0; i < body.len; i++) {
            char c = body.buf[i];
            if (c == 'e' || c == 'E') break;
            if (c >= '1' && c <= '9') allzero = false;
        }
        if (allzero) neg = false;
    }
    // Split the integer digits (grouped) from the rest.
    size_t nint = 0;
    while (nint < body.len && isdigit((unsigned char)body.buf[nint]))
        nint++;
    spec_t nsp = *sp;
    if (!isfinite(d)) {
        nint = 0;
        nsp.grouping = 0; // CPython does not group the zero padding of inf/nan
    }
    obj_t *r = emit_number(&nsp, neg, "", body.buf, nint, body.buf + nint, body.len - nint, 3);
    str_builder_discard(&body);
    return r;
}

obj_t *format_float(double d, obj_t *spec) {
    if (!spec || str_nbytes(spec) == 0) {
        char buf[64];
        int n = float_repr_buf(d, buf, sizeof buf);
        return str_from_utf8_trusted(buf, (size_t)n);
    }
    spec_t sp;
    if (parse_spec(spec, &sp, '>', 0, "float") < 0) return NULL;
    return format_float_spec(d, &sp, "float");
}

// ---- complex ------------------------------------------------------------------------------------

// One part of a complex: sign (per `sign`), grouped integer digits, the rest;
// no padding.  NULL on error.
static obj_t *complex_part(double d, const spec_t *sp, char type, int precision, char sign) {
    str_builder_t body;
    str_builder_init(&body);
    float_body(&body, d, type, precision, false, sp->alt);
    if (body.failed) {
        str_builder_discard(&body);
        return err_no_memory();
    }
    bool neg = signbit(d) && !isnan(d);
    if (neg && sp->no_neg_0 && isfinite(d)) {
        bool allzero = true;
        for (size_t i = 0; i < body.len; i++) {
            char c = body.buf[i];
            if (c == 'e' || c == 'E') break;
            if (c >= '1' && c <= '9') allzero = false;
        }
        if (allzero) neg = false;
    }
    size_t nint = 0;
    while (nint < body.len && isdigit((unsigned char)body.buf[nint]))
        nint++;
    spec_t nsp = *sp;
    nsp.fill = ' ';
    nsp.align = '<';
    nsp.width = -1;
    nsp.sign = sign;
    if (!isfinite(d)) {
        nint = 0;
        nsp.grouping = 0;
    }
    obj_t *r = emit_number(&nsp, neg, "", body.buf, nint, body.buf + nint, body.len - nint, 3);
    str_builder_discard(&body);
    return r;
}

// CPython's format_complex_internal: both parts formatted as floats (no
// forced ".0"), the imaginary one always signed unless the real part is
// omitted (empty type, real part +0), parentheses for the empty type, then
// the whole padded.  Zero padding and '=' alignment are refused.
obj_t *format_complex(double re, double im, obj_t *spec) {
    spec_t sp;
    if (parse_spec(spec, &sp, '>', 0, "complex") < 0) return NULL;
    if (sp.fill == '0') {
        err_set_str(exc_ValueError, "Zero padding is not allowed in complex format specifier");
        return NULL;
    }
    if (sp.align == '=') {
        err_set_str(exc_ValueError,
                    "'=' alignment flag is not allowed in complex format specifier");
        return NULL;
    }
    char type = sp.type;
    bool skip_re = false, parens = false;
    ssize_t precision = sp.precision;
    int default_precision = 6;
    switch (type) {
    case 0:
        type = 'r';
        default_precision = 0;
        if (re == 0.0 && !signbit(re))
            skip_re = true;
        else
            parens = true;
        break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': break;
    case 'n': type = 'g'; break;
    default: unknown_code(type, "complex"); return NULL;
    }
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    if (precision > INT32_MAX / 2) {
        err_set_str(exc_ValueError, "precision too big");
        return NULL;
    }
    obj_t *rs = NULL, *is = NULL;
    if (!skip_re) rs = complex_part(re, &sp, type, (int)precision, sp.sign);
    if (skip_re || rs) is = complex_part(im, &sp, type, (int)precision, skip_re ? sp.sign : '+');
    obj_t *r = NULL;
    if (is) {
        str_builder_t body;
        str_builder_init(&body);
        if (parens) str_builder_add_char(&body, '(');
        if (rs) str_builder_add_str(&body, rs);
        str_builder_add_str(&body, is);
        str_builder_add_char(&body, 'j');
        if (parens) str_builder_add_char(&body, ')');
        str_builder_t out;
        str_builder_init(&out);
        emit_padded(&out, &sp, "", 0, body.buf ? body.buf : "", body.len, body.len);
        if (body.failed) out.failed = true;
        str_builder_discard(&body);
        r = str_builder_finish(&out);
    }
    XDECREF(rs);
    XDECREF(is);
    return r;
}

// ---- str.format ---------------------------------------------------------------------------------

typedef struct {
    obj_t *const *args;
    size_t nargs;
    obj_t *kwnames;
    obj_t *mapping;
    int auto_state; // 0 undecided, 1 automatic, 2 manual
    size_t auto_next;
} fmtctx_t;

static obj_t *lookup_kw(fmtctx_t *c, const char *name, size_t n) {
    obj_t *key = str_from_utf8_trusted(name, n);
    if (!key) return NULL;
    obj_t *r = NULL;
    if (c->mapping) {
        r = obj_getitem(c->mapping, key);
    } else {
        if (c->kwnames) {
            for (size_t i = 0; i < TUPLE_SIZE(c->kwnames); i++) {
                if (str_eq(TUPLE_GET(c->kwnames, i), key)) {
                    r = NEWREF(c->args[c->nargs + i]);
                    break;
                }
            }
        }
        if (!r) err_set(exc_KeyError, key);
    }
    DECREF(key);
    return r;
}

static bool all_digits(const char *p, size_t n) {
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return false;
    return true;
}

// The value of an all-digits field name or index: a Py_ssize_t as in
// CPython, ValueError past it.  -1 + error.
static int field_number(const char *p, const char *end, ssize_t *out) {
    bool overflow = false;
    *out = parse_digits(&p, end, &overflow);
    if (overflow) {
        err_set_str(exc_ValueError, "Too many decimal digits in format string");
        return -1;
    }
    return 0;
}

static obj_t *get_positional(fmtctx_t *c, size_t idx) {
    if (c->mapping) {
        err_set_str(exc_ValueError, "Format string contains positional fields");
        return NULL;
    }
    if (idx >= c->nargs) {
        err_format(exc_IndexError, "Replacement index %zu out of range for positional args tuple",
                   idx);
        return NULL;
    }
    return NEWREF(c->args[idx]);
}

// Resolves a field name ("0", "name.attr[key]", "") to its value.
static obj_t *resolve_field(fmtctx_t *c, const char *p, const char *end) {
    const char *q = p;
    while (q < end && *q != '.' && *q != '[')
        q++;
    obj_t *v;
    if (q == p) {
        if (c->auto_state == 2) {
            err_set_str(exc_ValueError,
                        "cannot switch from manual field specification to automatic field "
                        "numbering");
            return NULL;
        }
        c->auto_state = 1;
        v = get_positional(c, c->auto_next++);
    } else if (all_digits(p, (size_t)(q - p))) {
        ssize_t idx;
        if (field_number(p, q, &idx) < 0) return NULL;
        if (c->auto_state == 1) {
            err_set_str(exc_ValueError,
                        "cannot switch from automatic field numbering to manual field "
                        "specification");
            return NULL;
        }
        c->auto_state = 2;
        v = get_positional(c, (size_t)idx);
    } else {
        v = lookup_kw(c, p, (size_t)(q - p));
    }
    if (!v) return NULL;
    p = q;
    while (p < end) {
        if (*p == '.') {
            p++;
            q = p;
            while (q < end && *q != '.' && *q != '[')
                q++;
            if (q == p) {
                err_set_str(exc_ValueError, "Empty attribute in format string");
                goto error;
            }
            obj_t *name = str_from_utf8_trusted(p, (size_t)(q - p));
            if (!name) goto error;
            obj_t *nv = obj_getattr(v, name);
            DECREF(name);
            if (!nv) goto error;
            SETREF(v, nv);
            p = q;
        } else if (*p == '[') {
            p++;
            q = p;
            while (q < end && *q != ']')
                q++;
            if (q >= end) {
                err_set_str(exc_ValueError, "Missing ']' in format string");
                goto error;
            }
            if (q == p) {
                err_set_str(exc_ValueError, "Empty attribute in format string");
                goto error;
            }
            obj_t *key;
            if (all_digits(p, (size_t)(q - p))) {
                ssize_t idx;
                if (field_number(p, q, &idx) < 0) goto error;
                key = int_from_i64(idx);
            } else {
                key = str_from_utf8_trusted(p, (size_t)(q - p));
            }
            if (!key) goto error;
            obj_t *nv = obj_getitem(v, key);
            DECREF(key);
            if (!nv) goto error;
            SETREF(v, nv);
            p = q + 1;
            if (p < end && *p != '.' && *p != '[') {
                err_set_str(exc_ValueError,
                            "Only '.' or '[' may follow ']' in format field specifier");
                goto error;
            }
        } else {
            err_set_str(exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
            goto error;
        }
    }
    return v;
error:
    DECREF(v);
    return NULL;
}

static int format_into(str_builder_t *out, fmtctx_t *c, const char *p, const char *end, int depth);

// One replacement field: the text between the braces.
static int format_field(str_builder_t *out, fmtctx_t *c, const char *p, const char *end, int depth,
                        bool last) {
    // Field name ends at '!' or ':' (brackets may contain either).
    const char *q = p;
    while (q < end && *q != '!' && *q != ':') {
        if (*q == '[') {
            while (q < end && *q != ']')
                q++;
            if (q >= end) break;
        }
        if (*q == '{') {
            err_set_str(exc_ValueError, "unexpected '{' in field name");
            return -1;
        }
        q++;
    }
    const char *name_end = q;
    char conv = 0;
    if (q < end && *q == '!') {
        q++;
        if (q >= end) {
            // CPython reads the closing brace as the conversion character.
            err_set_str(exc_ValueError, last ? "unmatched '{' in format spec"
                                             : "expected ':' after conversion specifier");
            return -1;
        }
        conv = *q++;
        if (q < end && *q != ':') {
            err_set_str(exc_ValueError, "expected ':' after conversion specifier");
            return -1;
        }
    }
    const char *spec_start = q < end ? q + 1 : end;
    obj_t *v = resolve_field(c, p, name_end);
    if (!v) return -1;
    if (conv) {
        obj_t *cv;
        switch (conv) {
        case 'r': cv = obj_repr(v); break;
        case 's': cv = obj_str(v); break;
        case 'a': cv = obj_ascii(v); break;
        default:
            if ((unsigned char)conv < 128 && conv > 32)
                err_format(exc_ValueError, "Unknown conversion specifier %c", conv);
            else
                err_format(exc_ValueError, "Unknown conversion specifier \\x%x",
                           (unsigned)(unsigned char)conv);
            cv = NULL;
        }
        DECREF(v);
        if (!cv) return -1;
        v = cv;
    }
    obj_t *spec;
    if (memchr(spec_start, '{', (size_t)(end - spec_start))) {
        if (depth >= 1) { // CPython expands one level of nested fields
            DECREF(v);
            err_set_str(exc_ValueError, "Max string recursion exceeded");
            return -1;
        }
        str_builder_t sb;
        str_builder_init(&sb);
        if (format_into(&sb, c, spec_start, end, depth + 1) < 0) {
            str_builder_discard(&sb);
            DECREF(v);
            return -1;
        }
        spec = str_builder_finish(&sb);
    } else {
        spec = str_from_utf8_trusted(spec_start, (size_t)(end - spec_start));
    }
    if (!spec) {
        DECREF(v);
        return -1;
    }
    obj_t *r;
    if (str_nbytes(spec) == 0 && STR_EXACT(v))
        r = NEWREF(v);
    else
        r = obj_format(v, spec);
    DECREF(spec);
    DECREF(v);
    if (!r) return -1;
    if (!STR_CHECK(r)) {
        err_format(exc_TypeError, "__format__ must return a str, not %s", obj_type_name(r));
        DECREF(r);
        return -1;
    }
    str_builder_add_str(out, r);
    DECREF(r);
    return 0;
}

static int format_into(str_builder_t *out, fmtctx_t *c, const char *p, const char *end, int depth) {
    const char *fend = end;
    while (p < end) {
        const char *lit = p;
        while (p < end && *p != '{' && *p != '}')
            p++;
        str_builder_add(out, lit, (size_t)(p - lit));
        if (p >= end) break;
        if (*p == '}') {
            if (p + 1 < end && p[1] == '}') {
                str_builder_add_char(out, '}');
                p += 2;
                continue;
            }
            err_set_str(exc_ValueError, "Single '}' encountered in format string");
            return -1;
        }
        // '{'
        if (p + 1 < end && p[1] == '{') {
            str_builder_add_char(out, '{');
            p += 2;
            continue;
        }
        p++;
        const char *field = p;
        int level = 1;
        while (p < end) {
            if (*p == '[') { // brackets in the field name may hold braces
                while (p < end && *p != ']' && *p != '}' && *p != ':' && *p != '!')
                    p++;
                if (p < end && *p == ']') p++;
                continue;
            }
            if (*p == '{')
                level++;
            else if (*p == '}' && --level == 0)
                break;
            p++;
        }
        if (p >= end) {
            err_set_str(exc_ValueError, level > 1 || field < end
                                            ? "expected '}' before end of string"
                                            : "Single '{' encountered in format string");
            return -1;
        }
        if (format_field(out, c, field, p, depth, p + 1 >= fend) < 0) return -1;
        p++;
    }
    return 0;
}

obj_t *str_format_impl(obj_t *fmt, obj_t *const *args, size_t nargs, obj_t *kwnames,
                       obj_t *mapping) {
    fmtctx_t c = {args, nargs, kwnames, mapping, 0, 0};
    str_builder_t b;
    str_builder_init(&b);
    if (format_into(&b, &c, str_data(fmt), str_data(fmt) + str_nbytes(fmt), 0) < 0) {
        str_builder_discard(&b);
        return NULL;
    }
    return str_builder_finish(&b);
}

obj_t *str_format_method(obj_t *fmt, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return str_format_impl(fmt, args, nargs, kwnames, NULL);
}

obj_t *str_format_map(obj_t *fmt, obj_t *mapping) {
    return str_format_impl(fmt, NULL, 0, NULL, mapping);
}

// ---- printf-style % formatting ----------------------------------------------------------------

#define F_LJUST 1
#define F_SIGN  2
#define F_BLANK 4
#define F_ALT   8
#define F_ZERO  16

// Pads text (len code points) to width with spaces (or zeros after the sign).
static void pct_emit(str_builder_t *out, int flags, ssize_t width, const char *sign,
                     const char *prefix, const char *body, size_t blen, size_t bcps, bool zero_ok) {
    size_t slen = strlen(sign), plen = strlen(prefix);
    ssize_t total = (ssize_t)(slen + plen + bcps);
    ssize_t padn = width > total ? width - total : 0;
    if (flags & F_LJUST) {
        str_builder_add(out, sign, slen);
        str_builder_add(out, prefix, plen);
        str_builder_add(out, body, blen);
        add_fill(out, ' ', padn);
    } else if ((flags & F_ZERO) && zero_ok) {
        str_builder_add(out, sign, slen);
        str_builder_add(out, prefix, plen);
        add_fill(out, '0', padn);
        str_builder_add(out, body, blen);
    } else {
        add_fill(out, ' ', padn);
        str_builder_add(out, sign, slen);
        str_builder_add(out, prefix, plen);
        str_builder_add(out, body, blen);
    }
}

// Converts v for %d/%x...: returns a new int reference or NULL (TypeError).
static obj_t *pct_as_int(obj_t *v, char conv) {
    if (INT_CHECK(v)) return NEWREF(v);
    bool decimal = conv == 'd' || conv == 'i' || conv == 'u';
    if (decimal && FLOAT_CHECK(v)) return int_from_double(float_value(v));
    type_t *t = TYPE(v);
    if (t->nb_index) return obj_index(v);
    if (decimal && t->nb_int) return t->nb_int(v);
    if (decimal && t->nb_float) {
        obj_t *f = t->nb_float(v);
        if (!f) return NULL;
        obj_t *r = int_from_double(float_value(f));
        DECREF(f);
        return r;
    }
    if (decimal)
        err_format(exc_TypeError, "%%%c format: a real number is required, not %s", conv,
                   obj_type_name(v));
    else
        err_format(exc_TypeError, "%%%c format: an integer is required, not %s", conv,
                   obj_type_name(v));
    return NULL;
}

static int pct_int(str_builder_t *out, obj_t *v, char conv, int flags, ssize_t width,
                   ssize_t prec) {
    obj_t *iv = pct_as_int(v, conv);
    if (!iv) return -1;
    int base = 10;
    const char *prefix = "";
    bool upper = false;
    if (conv == 'x') {
        base = 16;
        prefix = flags & F_ALT ? "0x" : "";
    } else if (conv == 'X') {
        base = 16;
        upper = true;
        prefix = flags & F_ALT ? "0X" : "";
    } else if (conv == 'o') {
        base = 8;
        prefix = flags & F_ALT ? "0o" : "";
    }
    bool neg;
    size_t n;
    char *digits = int_abs_digits(iv, base, upper, &neg, &n);
    DECREF(iv);
    if (!digits) return -1;
    const char *sign = neg ? "-" : (flags & F_SIGN) ? "+" : (flags & F_BLANK) ? " " : "";
    if (prec > INT_MAX - 3) {
        free(digits);
        err_set_str(exc_OverflowError, "precision too large");
        return -1;
    }
    if (prec > (ssize_t)n) {
        size_t z = (size_t)prec - n;
        char *nd = malloc((size_t)prec + 1);
        if (!nd) {
            free(digits);
            err_no_memory();
            return -1;
        }
        memset(nd, '0', z);
        memcpy(nd + z, digits, n + 1);
        free(digits);
        digits = nd;
        n = (size_t)prec;
    }
    pct_emit(out, flags, width, sign, prefix, digits, n, n, true);
    free(digits);
    return 0;
}

static int pct_float(str_builder_t *out, obj_t *v, char conv, int flags, ssize_t width,
                     ssize_t prec) {
    double d;
    if (FLOAT_CHECK(v)) {
        d = float_value(v);
    } else if (INT_CHECK(v) || TYPE(v)->nb_float || TYPE(v)->nb_index) {
        d = float_as_double(v);
        if (d == -1.0 && err_occurred()) return -1;
    } else {
        err_format(exc_TypeError, "must be real number, not %s", obj_type_name(v));
        return -1;
    }
    if (prec < 0) prec = 6;
    if (prec > INT32_MAX / 2) {
        err_set_str(exc_ValueError, "precision too big");
        return -1;
    }
    str_builder_t body;
    str_builder_init(&body);
    char type = conv;
    if (conv == 'g' || conv == 'G')
        float_short(&body, fabs(d), 'g', prec == 0 ? 1 : (int)prec, false, flags & F_ALT,
                    conv == 'G');
    else
        float_body(&body, d, type, (int)prec, false, flags & F_ALT);
    if (isinf(d) || isnan(d)) {
        body.len = 0;
        str_builder_add_cstr(&body, isnan(d) ? (conv < 'a' ? "NAN" : "nan")
                                             : (conv < 'a' ? "INF" : "inf"));
    }
    if (body.failed) {
        str_builder_discard(&body);
        err_no_memory();
        return -1;
    }
    bool neg = signbit(d) && !isnan(d);
    const char *sign = neg ? "-" : (flags & F_SIGN) ? "+" : (flags & F_BLANK) ? " " : "";
    pct_emit(out, flags, width, sign, "", body.buf, body.len, body.len, true);
    str_builder_discard(&body);
    return 0;
}

// printf-style formatting of text (bytes_mode false: fmt is UTF-8, the
// result a str) or of bytes (bytes_mode: %s/%b insert bytes, %r/%a ASCII
// reprs, %c one byte; the result is bytes).
static obj_t *mod_format_impl(const char *fmtp, size_t fmtn, obj_t *args, bool bytes_mode) {
    const char *p = fmtp, *end = p + fmtn;
    ssize_t arglen, argidx = 0;
    obj_t *dict = NULL;
    // The value of the last %(key): it becomes the argument list, as in
    // CPython (one argument: a later unkeyed spec finds none left).
    obj_t *keyed = NULL;
    if (TUPLE_CHECK(args)) {
        arglen = (ssize_t)TUPLE_SIZE(args);
    } else {
        arglen = -1;
        argidx = -2;
    }
    if (!IS_SMALLINT(args) && TYPE(args)->getitem && !TUPLE_CHECK(args) && !STR_CHECK(args))
        dict = args;
    str_builder_t out;
    str_builder_init(&out);
#define NEXTARG(dst)                                                                               \
    do {                                                                                           \
        if (argidx < arglen) {                                                                     \
            argidx++;                                                                              \
            dst = arglen < 0 ? (keyed ? keyed : args) : TUPLE_GET(args, argidx - 1);               \
        } else {                                                                                   \
            err_set_str(exc_TypeError, "not enough arguments for format string");                  \
            goto error;                                                                            \
        }                                                                                          \
    } while (0)
    while (p < end) {
        const char *lit = p;
        while (p < end && *p != '%')
            p++;
        str_builder_add(&out, lit, (size_t)(p - lit));
        if (p >= end) break;
        const char *spec_start = p;
        p++; // '%'
        obj_t *v = NULL;
        if (p < end && *p == '(') {
            if (!dict) {
                err_set_str(exc_TypeError, "format requires a mapping");
                goto error;
            }
            int depth = 1;
            const char *k = ++p;
            while (p < end && depth) {
                if (*p == '(')
                    depth++;
                else if (*p == ')')
                    depth--;
                p++;
            }
            if (depth) {
                err_set_str(exc_ValueError, "incomplete format key");
                goto error;
            }
            obj_t *key = bytes_mode ? bytes_from(k, (size_t)(p - 1 - k))
                                    : str_from_utf8_trusted(k, (size_t)(p - 1 - k));
            if (!key) goto error;
            XDECREF(keyed);
            keyed = obj_getitem(dict, key);
            DECREF(key);
            if (!keyed) goto error;
            arglen = -1;
            argidx = -2;
        }
        int flags = 0;
        for (; p < end; p++) {
            if (*p == '-')
                flags |= F_LJUST;
            else if (*p == '+')
                flags |= F_SIGN;
            else if (*p == ' ')
                flags |= F_BLANK;
            else if (*p == '#')
                flags |= F_ALT;
            else if (*p == '0')
                flags |= F_ZERO;
            else
                break;
        }
        ssize_t width = -1, prec = -1;
        for (int part = 0; part < 2; part++) {
            ssize_t *dst = part == 0 ? &width : &prec;
            if (part == 1) {
                if (p < end && *p == '.') {
                    p++;
                    *dst = 0;
                } else {
                    break;
                }
            }
            if (p < end && *p == '*') {
                obj_t *w;
                NEXTARG(w);
                if (!INT_CHECK(w)) {
                    err_set_str(exc_TypeError, "* wants int");
                    goto error;
                }
                // CPython reads a '*' width as a Py_ssize_t and a '*'
                // precision as a C int.
                int64_t x;
                if (int_as_i64(w, &x) < 0 || (part == 1 && (x < INT_MIN || x > INT_MAX))) {
                    err_clear();
                    err_set_str(exc_OverflowError,
                                part == 0 ? "Python int too large to convert to C ssize_t"
                                          : "Python int too large to convert to C int");
                    goto error;
                }
                if (part == 0 && x < 0) {
                    flags |= F_LJUST;
                    // -(-2**63) does not fit: CPython's width stays negative (no padding).
                    x = x == INT64_MIN ? -1 : -x;
                }
                *dst = x < 0 ? (part == 1 ? 0 : -1) : (ssize_t)x;
                p++;
            } else {
                bool overflow = false;
                ssize_t x = parse_digits(&p, end, &overflow);
                if (part == 1 && x > INT_MAX) overflow = true;
                if (overflow) {
                    err_set_str(exc_ValueError, part == 0    ? "width too big"
                                                : bytes_mode ? "prec too big"
                                                             : "precision too big");
                    goto error;
                }
                if (x >= 0) *dst = x;
            }
        }
        while (p < end && (*p == 'h' || *p == 'l' || *p == 'L'))
            p++;
        if (p >= end) {
            err_set_str(exc_ValueError, "incomplete format");
            goto error;
        }
        char conv = *p++;
        if (conv == '%' && p == spec_start + 2) { // only a bare "%%" is a literal
            str_builder_add_char(&out, '%');
            continue;
        }
        NEXTARG(v);
        int rc = 0;
        switch (conv) {
        case 'b':
            if (!bytes_mode) goto unsupported;
            // fallthrough
        case 's':
        case 'r':
        case 'a': {
            if (bytes_mode && (conv == 's' || conv == 'b')) {
                obj_t *bv = NULL;
                if (BYTES_CHECK(v)) {
                    bv = NEWREF(v);
                } else if (buffer_check(v)) {
                    bv = buffer_as_bytes(v);
                    if (!bv) {
                        rc = -1;
                        break;
                    }
                } else {
                    obj_t *m = obj_lookup_attr(v, str_intern("__bytes__"));
                    if (m) {
                        bv = obj_call0(m);
                        DECREF(m);
                        if (!bv) {
                            rc = -1;
                            break;
                        }
                    } else if (!err_occurred()) {
                        err_format(exc_TypeError,
                                   "%%b requires a bytes-like object, or an object that "
                                   "implements __bytes__, not '%s'",
                                   obj_type_name(v));
                    }
                }
                if (!bv || !BYTES_CHECK(bv)) {
                    XDECREF(bv);
                    rc = -1;
                    break;
                }
                size_t nb = bytes_len(bv);
                if (prec >= 0 && (size_t)prec < nb) nb = (size_t)prec;
                pct_emit(&out, flags, width, "", "", (const char *)bytes_data(bv), nb, nb, false);
                DECREF(bv);
                break;
            }
            obj_t *t = conv == 's'                  ? obj_str(v)
                       : conv == 'r' && !bytes_mode ? obj_repr(v)
                                                    : obj_ascii(v);
            if (!t) {
                rc = -1;
                break;
            }
            size_t cps = str_len(t), nb = str_nbytes(t);
            if (prec >= 0 && (size_t)prec < cps) {
                cps = (size_t)prec;
                nb = (size_t)(str_cp_ptr(t, cps) - str_data(t));
            }
            pct_emit(&out, flags, width, "", "", str_data(t), nb, cps, false);
            DECREF(t);
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': rc = pct_int(&out, v, conv, flags, width, prec); break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': rc = pct_float(&out, v, conv, flags, width, prec); break;
        case 'c': {
            uint32_t cp;
            if (bytes_mode) {
                int64_t x = -1;
                obj_t *one = !BYTES_CHECK(v) && buffer_check(v) ? buffer_as_bytes_opt(v) : NULL;
                err_clear();
                if (one && bytes_len(one) == 1) x = bytes_data(one)[0];
                XDECREF(one);
                if (BYTES_CHECK(v) && bytes_len(v) == 1)
                    x = bytes_data(v)[0];
                else if (INT_CHECK(v) && int_as_i64(v, &x) < 0)
                    x = -1;
                if (x < 0 || x > 255) {
                    err_clear();
                    if (INT_CHECK(v))
                        err_set_str(exc_OverflowError, "%c arg not in range(256)");
                    else
                        err_set_str(exc_TypeError,
                                    "%c requires an integer in range(256) or a single byte");
                    rc = -1;
                    break;
                }
                char ch = (char)x;
                pct_emit(&out, flags, width, "", "", &ch, 1, 1, false);
                break;
            }
            if (STR_CHECK(v)) {
                if (str_len(v) != 1) {
                    err_set_str(exc_TypeError, "%c requires int or char");
                    rc = -1;
                    break;
                }
                cp = str_char_at(v, 0);
            } else if (INT_CHECK(v)) {
                int64_t x;
                if (int_as_i64(v, &x) < 0 || x < 0 || x > 0x10ffff) {
                    err_clear();
                    err_set_str(exc_OverflowError, "%c arg not in range(0x110000)");
                    rc = -1;
                    break;
                }
                cp = (uint32_t)x;
            } else {
                err_set_str(exc_TypeError, "%c requires int or char");
                rc = -1;
                break;
            }
            char buf[4];
            int n = utf8_encode(cp, buf);
            pct_emit(&out, flags, width, "", "", buf, (size_t)n, 1, false);
            break;
        }
        default:
        unsupported : {
            size_t at =
                bytes_mode ? (size_t)(p - 1 - fmtp) : utf8_count(fmtp, (size_t)(p - 1 - fmtp));
            if ((unsigned char)conv >= 32 && (unsigned char)conv < 127) {
                err_format(exc_ValueError, "unsupported format character '%c' (0x%x) at index %zu",
                           conv, (unsigned)conv, at);
            } else if (bytes_mode) {
                err_format(exc_ValueError,
                           "unsupported format character '\\x%x' (0x%x) at index %zu",
                           (unsigned)(unsigned char)conv, (unsigned)(unsigned char)conv, at);
            } else {
                const char *cpp = p - 1;
                uint32_t cp = utf8_decode(&cpp);
                err_format(exc_ValueError, "unsupported format character '?' (0x%x) at index %zu",
                           cp, at);
            }
        }
            rc = -1;
            break;
        }
        (void)spec_start;
        if (rc < 0) goto error;
        if (out.failed) {
            // MemoryError now, as CPython raises it at the conversion that
            // could not be held (not a later TypeError).
            err_no_memory();
            goto error;
        }
    }
#undef NEXTARG
    XDECREF(keyed);
    keyed = NULL;
    if (argidx < arglen && !dict) {
        err_set_str(exc_TypeError, "not all arguments converted during string formatting");
        goto error;
    }
    if (bytes_mode) {
        obj_t *r = out.failed ? err_no_memory() : bytes_from(out.buf ? out.buf : "", out.len);
        str_builder_discard(&out);
        return r;
    }
    return str_builder_finish(&out);
error:
    XDECREF(keyed);
    str_builder_discard(&out);
    return NULL;
}

obj_t *str_mod_format(obj_t *fmt, obj_t *args) {
    return mod_format_impl(str_data(fmt), str_nbytes(fmt), args, false);
}

obj_t *bytes_mod_format(obj_t *fmt, obj_t *args) {
    return mod_format_impl((const char *)bytes_data(fmt), bytes_len(fmt), args, true);
}

// ---- str_from_format
// -----------------------------------------------------------------------------

// Appends text (n bytes, cps code points) honouring width and precision
// (both counted in code points; -1 = none).
static void add_text(str_builder_t *b, const char *s, size_t n, ssize_t width, ssize_t prec,
                     bool ljust) {
    size_t cps = utf8_count(s, n);
    if (prec >= 0 && (size_t)prec < cps) {
        const char *p = s;
        for (ssize_t i = 0; i < prec; i++)
            p += utf8_seq_len((unsigned char)*p);
        n = (size_t)(p - s);
        cps = (size_t)prec;
    }
    ssize_t padn = width > (ssize_t)cps ? width - (ssize_t)cps : 0;
    if (!ljust) add_fill(b, ' ', padn);
    str_builder_add(b, s, n);
    if (ljust) add_fill(b, ' ', padn);
}

obj_t *str_from_vformat(const char *fmt, va_list ap) {
    str_builder_t b;
    str_builder_init(&b);
    const char *f = fmt;
    while (*f) {
        const char *lit = f;
        while (*f && *f != '%')
            f++;
        str_builder_add(&b, lit, (size_t)(f - lit));
        if (!*f) break;
        const char *spec = f++;
        bool ljust = false, zero = false;
        while (*f == '-' || *f == '0') {
            if (*f == '-')
                ljust = true;
            else
                zero = true;
            f++;
        }
        ssize_t width = -1, prec = -1;
        if (*f == '*') {
            width = va_arg(ap, int);
            f++;
        } else if (isdigit((unsigned char)*f)) {
            width = 0;
            while (isdigit((unsigned char)*f))
                width = width * 10 + (*f++ - '0');
        }
        if (*f == '.') {
            f++;
            if (*f == '*') {
                prec = va_arg(ap, int);
                f++;
            } else {
                prec = 0;
                while (isdigit((unsigned char)*f))
                    prec = prec * 10 + (*f++ - '0');
            }
        }
        int lng = 0; // 1 l, 2 ll, 3 z, 4 t, -1 h
        if (*f == 'l') {
            lng = 1;
            f++;
            if (*f == 'l') {
                lng = 2;
                f++;
            }
        } else if (*f == 'z') {
            lng = 3;
            f++;
        } else if (*f == 't') {
            lng = 4;
            f++;
        } else if (*f == 'h') {
            lng = -1;
            f++;
            if (*f == 'h') f++;
        } else if (*f == 'j') {
            lng = 2;
            f++;
        }
        char conv = *f;
        if (conv) f++;
        switch (conv) {
        case '%': str_builder_add_char(&b, '%'); break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            char cfmt[32], num[80];
            bool is_signed = conv == 'd' || conv == 'i';
            snprintf(cfmt, sizeof cfmt, "%%%s%s%sll%c", ljust ? "-" : "", zero ? "0" : "",
                     width >= 0 ? "*" : "", conv == 'i' ? 'd' : conv);
            int w = width >= 0 ? (int)width : 0;
            if (is_signed) {
                long long v = lng == 1   ? va_arg(ap, long)
                              : lng == 2 ? va_arg(ap, long long)
                              : lng == 3 ? (long long)va_arg(ap, ssize_t)
                              : lng == 4 ? (long long)va_arg(ap, ptrdiff_t)
                                         : va_arg(ap, int);
                if (width >= 0)
                    snprintf(num, sizeof num, cfmt, w, v);
                else
                    snprintf(num, sizeof num, cfmt, v);
            } else {
                unsigned long long v = lng == 1   ? va_arg(ap, unsigned long)
                                       : lng == 2 ? va_arg(ap, unsigned long long)
                                       : lng == 3 ? (unsigned long long)va_arg(ap, size_t)
                                       : lng == 4 ? (unsigned long long)va_arg(ap, ptrdiff_t)
                                                  : va_arg(ap, unsigned int);
                if (width >= 0)
                    snprintf(num, sizeof num, cfmt, w, v);
                else
                    snprintf(num, sizeof num, cfmt, v);
            }
            str_builder_add_cstr(&b, num);
            break;
        }
        case 'c': {
            int c = va_arg(ap, int);
            str_builder_add_codepoint(&b, (uint32_t)c);
            break;
        }
        case 'p': {
            void *ptr = va_arg(ap, void *);
            str_builder_printf(&b, "%p", ptr);
            break;
        }
        case 'f':
        case 'g':
        case 'e': {
            double d = va_arg(ap, double);
            char cfmt[16];
            snprintf(cfmt, sizeof cfmt, "%%.%d%c", prec >= 0 ? (int)prec : 6, conv);
            str_builder_printf(&b, cfmt, d);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            add_text(&b, s, strlen(s), width, prec, ljust);
            break;
        }
        case 'U': {
            obj_t *o = va_arg(ap, obj_t *);
            add_text(&b, str_data(o), str_nbytes(o), width, prec, ljust);
            break;
        }
        case 'N': {
            type_t *t = va_arg(ap, type_t *);
            add_text(&b, t->name, strlen(t->name), width, prec, ljust);
            break;
        }
        case 'T': {
            obj_t *o = va_arg(ap, obj_t *);
            const char *n = obj_type_name(o);
            add_text(&b, n, strlen(n), width, prec, ljust);
            break;
        }
        case 'R':
        case 'S':
        case 'A': {
            obj_t *o = va_arg(ap, obj_t *);
            obj_t *t = conv == 'R' ? obj_repr(o) : conv == 'S' ? obj_str(o) : obj_ascii(o);
            if (!t) {
                str_builder_discard(&b);
                return NULL;
            }
            add_text(&b, str_data(t), str_nbytes(t), width, prec, ljust);
            DECREF(t);
            break;
        }
        default:
            // Unknown conversion: copy it verbatim.
            str_builder_add(&b, spec, (size_t)(f - spec));
            break;
        }
    }
    return str_builder_finish(&b);
}

obj_t *str_from_format(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    obj_t *r = str_from_vformat(fmt, ap);
    va_end(ap);
    return r;
}
