/*
 * objects/str_methods.c — the methods of str (split, join, strip, find,
 * case mapping, predicates, padding, translate ...) and the Unicode
 * character predicates they use.
 *
 * Strings are immutable, so no method takes a lock.  Searching works on the
 * UTF-8 bytes (a valid UTF-8 needle only matches at character boundaries);
 * positions are converted to code-point indices only at the API boundary.
 * Classification of non-ASCII characters uses range tables generated from
 * CPython 3.11's Unicode database (str_unicode_tables.h: printable, alpha,
 * digit, numeric, identifier); case mapping and upper/lower use <wctype.h> in
 * the C.UTF-8 locale set by the runtime (glibc agrees with CPython there),
 * plus SpecialCasing's one-to-many mappings and the final-sigma rule.
 */
#define _GNU_SOURCE  1
#define PVM_STR_IMPL 1
#include "str_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "../core/error.h"
#include "bytes.h"
#include "dict.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "tuple.h"
#include "str_unicode_tables.h"

// ---- integer arguments --------------------------------------------------------------------

// A C int argument (CPython's "i" converter, e.g. expandtabs' tabsize).
int str_arg_int(obj_t *v, int *out) {
    ssize_t x;
    if (obj_ssize_arg(v, &x) < 0) {
        if (!err_matches(exc_OverflowError)) return -1;
        err_clear();
        x = PTRDIFF_MAX;
    }
    if (x < INT_MIN || x > INT_MAX) {
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)x;
    return 0;
}

// ---- Unicode predicates ----------------------------------------------------------

bool uni_isspace(uint32_t c) {
    if (c < 128) return (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x20);
    return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
           c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

bool uni_islinebreak(uint32_t c) {
    return (c >= 0x0a && c <= 0x0d) || (c >= 0x1c && c <= 0x1e) || c == 0x85 || c == 0x2028 ||
           c == 0x2029;
}

static bool in_ranges(const uint32_t (*r)[2], size_t n, uint32_t c) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < r[mid][0])
            hi = mid;
        else if (c > r[mid][1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}
#define IN_TABLE(t, c) in_ranges((t), sizeof(t) / sizeof((t)[0]), (c))

bool uni_isprintable(uint32_t c) {
    if (c < 128) return c >= 0x20 && c < 0x7f;
    return IN_TABLE(uni_printable_ranges, c);
}

// First code point of each block of ten decimal digits (Unicode Nd).
static const uint32_t nd_zeros[] = {
    0x30,    0x660,   0x6f0,   0x7c0,   0x966,   0x9e6,   0xa66,   0xae6,   0xb66,   0xbe6,
    0xc66,   0xce6,   0xd66,   0xde6,   0xe50,   0xed0,   0xf20,   0x1040,  0x1090,  0x17e0,
    0x1810,  0x1946,  0x19d0,  0x1a80,  0x1a90,  0x1b50,  0x1bb0,  0x1c40,  0x1c50,  0xa620,
    0xa8d0,  0xa900,  0xa9d0,  0xa9f0,  0xaa50,  0xabf0,  0xff10,  0x104a0, 0x10d30, 0x11066,
    0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0,
    0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2,
    0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
};

int uni_decimal_value(uint32_t c) {
    if (c < 128) return c >= '0' && c <= '9' ? (int)(c - '0') : -1;
    for (size_t i = 1; i < sizeof nd_zeros / sizeof nd_zeros[0]; i++)
        if (c >= nd_zeros[i] && c < nd_zeros[i] + 10) return (int)(c - nd_zeros[i]);
    return -1;
}

int str_decimal_value(uint32_t cp) {
    return uni_decimal_value(cp);
}

bool uni_isdecimal(uint32_t c) {
    return uni_decimal_value(c) >= 0;
}

bool uni_isdigit(uint32_t c) {
    if (c < 128) return c >= '0' && c <= '9';
    return IN_TABLE(uni_digit_ranges, c);
}

bool uni_isnumeric(uint32_t c) {
    if (c < 128) return c >= '0' && c <= '9';
    return IN_TABLE(uni_numeric_ranges, c);
}

bool uni_isalpha(uint32_t c) {
    if (c < 128) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return IN_TABLE(uni_alpha_ranges, c);
}

bool uni_istitle(uint32_t c) {
    return c == 0x1c5 || c == 0x1c8 || c == 0x1cb || c == 0x1f2 || (c >= 0x1f88 && c <= 0x1f8f) ||
           (c >= 0x1f98 && c <= 0x1f9f) || (c >= 0x1fa8 && c <= 0x1faf) || c == 0x1fbc ||
           c == 0x1fcc || c == 0x1ffc;
}

bool uni_isupper(uint32_t c) {
    if (c < 128) return c >= 'A' && c <= 'Z';
    return iswupper((wint_t)c) && !uni_istitle(c);
}

bool uni_islower(uint32_t c) {
    if (c < 128) return c >= 'a' && c <= 'z';
    return (iswlower((wint_t)c) && !uni_istitle(c)) || c == 0xaa || c == 0xba;
}

static bool uni_iscased(uint32_t c) {
    return uni_isupper(c) || uni_islower(c) || uni_istitle(c);
}

uint32_t uni_toupper(uint32_t c) {
    if (c < 128) return c >= 'a' && c <= 'z' ? c - 32 : c;
    return (uint32_t)towupper((wint_t)c);
}

uint32_t uni_tolower(uint32_t c) {
    if (c < 128) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    return (uint32_t)towlower((wint_t)c);
}

static uint32_t uni_totitle(uint32_t c) {
    switch (c) { // the Latin digraphs have a separate titlecase form
    case 0x1c4:
    case 0x1c5:
    case 0x1c6: return 0x1c5;
    case 0x1c7:
    case 0x1c8:
    case 0x1c9: return 0x1c8;
    case 0x1ca:
    case 0x1cb:
    case 0x1cc: return 0x1cb;
    case 0x1f1:
    case 0x1f2:
    case 0x1f3: return 0x1f2;
    }
    return uni_toupper(c);
}

static bool uni_isalnum(uint32_t c) {
    return uni_isalpha(c) || uni_isnumeric(c);
}

// ---- small helpers ----------------------------------------------------------------------

#define SELF_DATA str_data(self)
#define SELF_N    str_nbytes(self)

static inline bool is_ascii_str(obj_t *s) {
    return ((str_t *)s)->ascii;
}

// Decodes the code point that ends just before *pp (going backwards).
static inline uint32_t prev_cp(const char **pp) {
    const char *p = *pp;
    do
        p--;
    while (((unsigned char)*p & 0xc0) == 0x80);
    *pp = p;
    const char *q = p;
    return utf8_decode(&q);
}

static obj_t *type_error_must_be_str(obj_t *v) {
    err_format(exc_TypeError, "must be str, not %s", obj_type_name(v));
    return NULL;
}

static int slice_index(obj_t *v, ssize_t *out) {
    if (!v || v == None) return 0;
    if (IS_SMALLINT(v)) {
        int64_t x = SMALLINT_VALUE(v);
        *out = (ssize_t)x;
        return 0;
    }
    if (!INT_CHECK(v) && !TYPE(v)->nb_index) {
        err_set_str(exc_TypeError,
                    "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int64_t x;
    if (int_as_i64(i, &x) < 0) {
        err_clear();
        x = int_sign(i) < 0 ? INT64_MIN / 2 : INT64_MAX / 2; // clamp as CPython does
    }
    DECREF(i);
    *out = (ssize_t)x;
    return 0;
}

int str_parse_range(obj_t *ostart, obj_t *oend, ssize_t len, ssize_t *start, ssize_t *end) {
    ssize_t s = 0, e = PTRDIFF_MAX;
    if (slice_index(ostart, &s) < 0 || slice_index(oend, &e) < 0) return -1;
    if (e > len)
        e = len;
    else if (e < 0) {
        e += len;
        if (e < 0) e = 0;
    }
    if (s < 0) {
        s += len;
        if (s < 0) s = 0;
    }
    *start = s;
    *end = e;
    return 0;
}

// Last occurrence of needle in [h, h+hn), or NULL.
static const char *memrmem_(const char *h, size_t hn, const char *n, size_t nn) {
    if (nn == 0) return h + hn;
    if (nn > hn) return NULL;
    const char *p = h + hn - nn;
    for (;;) {
        if (*p == *n && memcmp(p, n, nn) == 0) return p;
        if (p == h) return NULL;
        p--;
        const char *q = memrchr(h, *n, (size_t)(p - h) + 1);
        if (!q) return NULL;
        p = q;
    }
}

// ---- find / index / count ------------------------------------------------------------------

// Parses (sub, [start, [end]]) for find-like methods; sub must be a str.
static int parse_find_args(const char *fname, obj_t *self, obj_t *const *args, size_t nargs,
                           obj_t *kwnames, obj_t **sub, ssize_t *start, ssize_t *end) {
    if (args_check(fname, nargs, kwnames, 1, 3) < 0) return -1;
    *sub = args[0];
    if (str_parse_range(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL,
                        (ssize_t)str_len(self), start, end) < 0)
        return -1;
    if (!STR_CHECK(*sub)) {
        type_error_must_be_str(*sub);
        return -1;
    }
    return 0;
}

// Code-point index of sub in self[start:end] (dir > 0: first, else last), -1.
static ssize_t find_impl(obj_t *self, obj_t *sub, ssize_t start, ssize_t end, int dir) {
    ssize_t len = (ssize_t)str_len(self);
    if (start > len || end - start < (ssize_t)str_len(sub)) return -1;
    const char *a = str_cp_ptr(self, (size_t)start);
    const char *b = str_cp_ptr(self, (size_t)end);
    size_t m = str_nbytes(sub);
    if (m == 0) return dir > 0 ? start : end;
    const char *p = dir > 0 ? memmem(a, (size_t)(b - a), str_data(sub), m)
                            : memrmem_(a, (size_t)(b - a), str_data(sub), m);
    if (!p) return -1;
    if (is_ascii_str(self)) return p - SELF_DATA;
    return start + (ssize_t)utf8_count(a, (size_t)(p - a));
}

static obj_t *find_common(const char *fname, obj_t *self, obj_t *const *args, size_t nargs,
                          obj_t *kwnames, int dir, bool raise) {
    obj_t *sub;
    ssize_t start, end;
    if (parse_find_args(fname, self, args, nargs, kwnames, &sub, &start, &end) < 0) return NULL;
    ssize_t r = find_impl(self, sub, start, end, dir);
    if (r < 0 && raise) {
        err_set_str(exc_ValueError, "substring not found");
        return NULL;
    }
    return SMALLINT_FROM(r);
}

static obj_t *m_find(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return find_common("find", self, args, nargs, kw, 1, false);
}
static obj_t *m_rfind(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return find_common("rfind", self, args, nargs, kw, -1, false);
}
static obj_t *m_index(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return find_common("index", self, args, nargs, kw, 1, true);
}
static obj_t *m_rindex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return find_common("rindex", self, args, nargs, kw, -1, true);
}

static obj_t *m_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    obj_t *sub;
    ssize_t start, end;
    if (parse_find_args("count", self, args, nargs, kw, &sub, &start, &end) < 0) return NULL;
    ssize_t len = (ssize_t)str_len(self);
    if (start > len || end < start) return SMALLINT_FROM(0);
    if (str_len(sub) == 0) return SMALLINT_FROM(end - start + 1);
    const char *a = str_cp_ptr(self, (size_t)start), *b = str_cp_ptr(self, (size_t)end);
    size_t m = str_nbytes(sub);
    int64_t count = 0;
    while ((size_t)(b - a) >= m) {
        const char *p = memmem(a, (size_t)(b - a), str_data(sub), m);
        if (!p) break;
        count++;
        a = p + m;
    }
    return SMALLINT_FROM(count);
}

// ---- startswith / endswith ---------------------------------------------------------------------

static int tail_match(obj_t *self, obj_t *sub, ssize_t start, ssize_t end, bool at_end) {
    ssize_t len = (ssize_t)str_len(self), sl = (ssize_t)str_len(sub);
    if (start > len) return 0;
    if (end - start < sl) return 0;
    if (sl == 0) return 1;
    const char *p;
    if (at_end) {
        p = str_cp_ptr(self, (size_t)end);
        if ((size_t)(p - SELF_DATA) < str_nbytes(sub)) return 0;
        p -= str_nbytes(sub);
    } else {
        p = str_cp_ptr(self, (size_t)start);
        if ((size_t)(SELF_DATA + SELF_N - p) < str_nbytes(sub)) return 0;
    }
    return memcmp(p, str_data(sub), str_nbytes(sub)) == 0;
}

static obj_t *xwith(const char *fname, obj_t *self, obj_t *const *args, size_t nargs,
                    obj_t *kwnames, bool at_end) {
    if (args_check(fname, nargs, kwnames, 1, 3) < 0) return NULL;
    ssize_t start, end;
    if (str_parse_range(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL,
                        (ssize_t)str_len(self), &start, &end) < 0)
        return NULL;
    obj_t *x = args[0];
    if (TUPLE_CHECK(x)) {
        for (size_t i = 0; i < TUPLE_SIZE(x); i++) {
            obj_t *sub = TUPLE_GET(x, i);
            if (!STR_CHECK(sub)) {
                err_format(exc_TypeError, "tuple for %s must only contain str, not %s", fname,
                           obj_type_name(sub));
                return NULL;
            }
            if (tail_match(self, sub, start, end, at_end)) return True;
        }
        return False;
    }
    if (!STR_CHECK(x)) {
        err_format(exc_TypeError, "%s first arg must be str or a tuple of str, not %s", fname,
                   obj_type_name(x));
        return NULL;
    }
    return bool_from(tail_match(self, x, start, end, at_end));
}

static obj_t *m_startswith(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return xwith("startswith", self, args, nargs, kw, false);
}
static obj_t *m_endswith(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return xwith("endswith", self, args, nargs, kw, true);
}

// ---- split family ------------------------------------------------------------------------------

static int append_piece(obj_t *list, obj_t *self, const char *a, const char *b) {
    obj_t *piece = str_from_bytes_of(self, a, (size_t)(b - a));
    if (!piece) return -1;
    int r = list_append(list, piece);
    DECREF(piece);
    return r;
}

static int parse_split_args(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                            obj_t **sep, ssize_t *maxsplit) {
    static const char *const names[] = {"sep", "maxsplit", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse(fname, args, nargs, kwnames, names, 0, a) < 0) return -1;
    *sep = a[0] == None ? NULL : a[0];
    *maxsplit = -1;
    if (a[1]) {
        if (obj_ssize_arg(a[1], maxsplit) < 0) return -1;
    }
    if (*maxsplit < 0) *maxsplit = PTRDIFF_MAX;
    if (*sep) {
        if (!STR_CHECK(*sep)) {
            err_format(exc_TypeError, "must be str or None, not %s", obj_type_name(*sep));
            return -1;
        }
        if (str_nbytes(*sep) == 0) {
            err_set_str(exc_ValueError, "empty separator");
            return -1;
        }
    }
    return 0;
}

static obj_t *m_split(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    obj_t *sep;
    ssize_t maxcount;
    if (parse_split_args("split", args, nargs, kw, &sep, &maxcount) < 0) return NULL;
    obj_t *list = list_new(0);
    if (!list) return NULL;
    const char *p = SELF_DATA, *end = p + SELF_N;
    if (!sep) {
        while (maxcount-- > 0) {
            const char *q = p;
            while (p < end) {
                q = p;
                if (!uni_isspace(utf8_decode(&q))) break;
                p = q;
            }
            if (p >= end) break;
            const char *j = p;
            q = p;
            utf8_decode(&q);
            p = q;
            while (p < end) {
                q = p;
                if (uni_isspace(utf8_decode(&q))) break;
                p = q;
            }
            if (append_piece(list, self, j, p) < 0) goto error;
        }
        if (p < end) {
            const char *q = p;
            while (p < end) {
                q = p;
                if (!uni_isspace(utf8_decode(&q))) break;
                p = q;
            }
            if (p < end && append_piece(list, self, p, end) < 0) goto error;
        }
        return list;
    }
    size_t m = str_nbytes(sep);
    while (maxcount-- > 0) {
        const char *q = memmem(p, (size_t)(end - p), str_data(sep), m);
        if (!q) break;
        if (append_piece(list, self, p, q) < 0) goto error;
        p = q + m;
    }
    if (p == SELF_DATA && STR_EXACT(self)) {
        if (list_append(list, self) < 0) goto error;
    } else if (append_piece(list, self, p, end) < 0) {
        goto error;
    }
    return list;
error:
    DECREF(list);
    return NULL;
}

static obj_t *m_rsplit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    obj_t *sep;
    ssize_t maxcount;
    if (parse_split_args("rsplit", args, nargs, kw, &sep, &maxcount) < 0) return NULL;
    obj_t *list = list_new(0);
    if (!list) return NULL;
    const char *begin = SELF_DATA, *p = begin + SELF_N;
    if (!sep) {
        while (maxcount-- > 0) {
            const char *q;
            while (p > begin) {
                q = p;
                if (!uni_isspace(prev_cp(&q))) break;
                p = q;
            }
            if (p <= begin) break;
            const char *j = p;
            q = p;
            prev_cp(&q);
            p = q;
            while (p > begin) {
                q = p;
                if (uni_isspace(prev_cp(&q))) break;
                p = q;
            }
            if (append_piece(list, self, p, j) < 0) goto error;
        }
        if (p > begin) {
            const char *q;
            while (p > begin) {
                q = p;
                if (!uni_isspace(prev_cp(&q))) break;
                p = q;
            }
            if (p > begin && append_piece(list, self, begin, p) < 0) goto error;
        }
    } else {
        size_t m = str_nbytes(sep);
        while (maxcount-- > 0) {
            const char *q = memrmem_(begin, (size_t)(p - begin), str_data(sep), m);
            if (!q) break;
            if (append_piece(list, self, q + m, p) < 0) goto error;
            p = q;
        }
        if (p == begin + SELF_N && STR_EXACT(self)) {
            if (list_append(list, self) < 0) goto error;
        } else if (append_piece(list, self, begin, p) < 0) {
            goto error;
        }
    }
    if (list_reverse(list) < 0) goto error;
    return list;
error:
    DECREF(list);
    return NULL;
}

static obj_t *m_splitlines(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    static const char *const names[] = {"keepends", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("splitlines", args, nargs, kw, names, 0, a) < 0) return NULL;
    int keepends = 0;
    if (a[0]) {
        keepends = obj_is_true(a[0]);
        if (keepends < 0) return NULL;
    }
    obj_t *list = list_new(0);
    if (!list) return NULL;
    const char *p = SELF_DATA, *end = p + SELF_N, *line = p;
    while (p < end) {
        const char *q = p;
        uint32_t c = utf8_decode(&q);
        if (uni_islinebreak(c)) {
            const char *eol = q;
            if (c == '\r' && eol < end && *eol == '\n') eol++;
            if (append_piece(list, self, line, keepends ? eol : p) < 0) {
                DECREF(list);
                return NULL;
            }
            p = line = eol;
        } else {
            p = q;
        }
    }
    if (line < end && append_piece(list, self, line, end) < 0) {
        DECREF(list);
        return NULL;
    }
    return list;
}

static obj_t *m_join(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("join", nargs, kw, 1, 1) < 0) return NULL;
    return str_join(self, args[0]);
}

static obj_t *partition_impl(obj_t *self, obj_t *sep, bool reverse) {
    if (!STR_CHECK(sep)) return type_error_must_be_str(sep);
    if (str_nbytes(sep) == 0) {
        err_set_str(exc_ValueError, "empty separator");
        return NULL;
    }
    size_t m = str_nbytes(sep);
    const char *d = SELF_DATA;
    const char *p =
        reverse ? memrmem_(d, SELF_N, str_data(sep), m) : memmem(d, SELF_N, str_data(sep), m);
    obj_t *a, *b, *c;
    if (!p) {
        if (reverse) {
            a = str_empty();
            b = str_empty();
            c = str_exact_copy(self);
        } else {
            a = str_exact_copy(self);
            b = str_empty();
            c = str_empty();
        }
        if (!a || !c) return NULL;
    } else {
        a = str_from_bytes_of(self, d, (size_t)(p - d));
        if (!a) return NULL;
        b = str_exact_copy(sep);
        c = str_from_bytes_of(self, p + m, (size_t)(d + SELF_N - (p + m)));
        if (!b || !c) {
            DECREF(a);
            XDECREF(b);
            return NULL;
        }
    }
    obj_t *t = tuple_pack(3, a, b, c);
    DECREF(a);
    DECREF(b);
    DECREF(c);
    return t;
}

static obj_t *m_partition(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("partition", nargs, kw, 1, 1) < 0) return NULL;
    return partition_impl(self, args[0], false);
}
static obj_t *m_rpartition(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("rpartition", nargs, kw, 1, 1) < 0) return NULL;
    return partition_impl(self, args[0], true);
}

// ---- strip ------------------------------------------------------------------------------------

typedef struct {
    bool ascii_set[128];
    uint32_t *cps; // non-ASCII code points of chars (malloc'd) or NULL
    size_t ncps;
    bool whitespace;
} charset_t;

static bool charset_has(const charset_t *cs, uint32_t c) {
    if (cs->whitespace) return uni_isspace(c);
    if (c < 128) return cs->ascii_set[c];
    for (size_t i = 0; i < cs->ncps; i++)
        if (cs->cps[i] == c) return true;
    return false;
}

static int charset_init(charset_t *cs, obj_t *chars) {
    memset(cs, 0, sizeof *cs);
    if (!chars || chars == None) {
        cs->whitespace = true;
        return 0;
    }
    if (!STR_CHECK(chars)) {
        err_set_str(exc_TypeError, "strip arg must be None or str");
        return -1;
    }
    const char *p = str_data(chars), *end = p + str_nbytes(chars);
    if (!is_ascii_str(chars)) {
        cs->cps = malloc(str_len(chars) * sizeof(uint32_t));
        if (!cs->cps) {
            err_no_memory();
            return -1;
        }
    }
    while (p < end) {
        uint32_t c = utf8_decode(&p);
        if (c < 128)
            cs->ascii_set[c] = true;
        else
            cs->cps[cs->ncps++] = c;
    }
    return 0;
}

static obj_t *strip_impl(const char *fname, obj_t *self, obj_t *const *args, size_t nargs,
                         obj_t *kw, bool left, bool right) {
    if (args_check(fname, nargs, kw, 0, 1) < 0) return NULL;
    charset_t cs;
    if (charset_init(&cs, nargs ? args[0] : NULL) < 0) return NULL;
    const char *a = SELF_DATA, *b = a + SELF_N;
    if (left) {
        while (a < b) {
            const char *q = a;
            if (!charset_has(&cs, utf8_decode(&q))) break;
            a = q;
        }
    }
    if (right) {
        while (b > a) {
            const char *q = b;
            if (!charset_has(&cs, prev_cp(&q))) break;
            b = q;
        }
    }
    free(cs.cps);
    if (a == SELF_DATA && b == SELF_DATA + SELF_N) return str_exact_copy(self);
    return str_from_bytes_of(self, a, (size_t)(b - a));
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

// ---- replace ----------------------------------------------------------------------------------

static obj_t *m_replace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("replace", nargs, kw, 2, 3) < 0) return NULL;
    for (int i = 0; i < 2; i++) {
        if (!STR_CHECK(args[i])) {
            err_format(exc_TypeError, "replace() argument %d must be str, not %s", i + 1,
                       obj_type_name(args[i]));
            return NULL;
        }
    }
    obj_t *old = args[0], *new_ = args[1];
    ssize_t count = -1;
    if (nargs > 2) {
        if (obj_ssize_arg(args[2], &count) < 0) return NULL;
    }
    if (count < 0) count = PTRDIFF_MAX;
    const char *p = SELF_DATA, *end = p + SELF_N;
    size_t m = str_nbytes(old);
    if (count == 0 || (m == 0 && str_nbytes(new_) == 0)) return str_exact_copy(self);
    if (m > 0 && !memmem(p, SELF_N, str_data(old), m)) return str_exact_copy(self);
    str_builder_t b;
    str_builder_init(&b);
    if (m == 0) {
        while (count > 0) {
            str_builder_add_str(&b, new_);
            count--;
            if (p >= end) break;
            int n = utf8_seq_len((unsigned char)*p);
            str_builder_add(&b, p, (size_t)n);
            p += n;
        }
        str_builder_add(&b, p, (size_t)(end - p));
        return str_builder_finish(&b);
    }
    while (count-- > 0) {
        const char *q = memmem(p, (size_t)(end - p), str_data(old), m);
        if (!q) break;
        str_builder_add(&b, p, (size_t)(q - p));
        str_builder_add_str(&b, new_);
        p = q + m;
    }
    str_builder_add(&b, p, (size_t)(end - p));
    return str_builder_finish(&b);
}

// ---- case mapping ---------------------------------------------------------------------------

enum { CASE_UPPER, CASE_LOWER, CASE_SWAP, CASE_FOLD, CASE_TITLE, CASE_CAPITALIZE };

// One-to-many case mappings (Unicode SpecialCasing.txt, unconditional part,
// the common characters): code point, upper, title, lower, folded.
static const struct {
    uint32_t cp;
    const char *upper, *title, *lower, *fold;
} special_cases[] = {
    {0xdf, "SS", "Ss", NULL, "ss"},
    {0x130, NULL, NULL, "i\xcc\x87", "i\xcc\x87"},
    {0x149, "\xca\xbcN", "\xca\xbcN", NULL, "\xca\xbcn"},
    {0x1e9e, NULL, NULL, NULL, "ss"},
    {0xfb00, "FF", "Ff", NULL, "ff"},
    {0xfb01, "FI", "Fi", NULL, "fi"},
    {0xfb02, "FL", "Fl", NULL, "fl"},
    {0xfb03, "FFI", "Ffi", NULL, "ffi"},
    {0xfb04, "FFL", "Ffl", NULL, "ffl"},
    {0xfb05, "ST", "St", NULL, "st"},
    {0xfb06, "ST", "St", NULL, "st"},
};

// Appends the full mapping of c.
static void add_mapped(str_builder_t *b, uint32_t c, int how) {
    if (c >= 0xdf &&
        (c == 0xdf || c == 0x130 || c == 0x149 || c == 0x1e9e || (c >= 0xfb00 && c <= 0xfb06))) {
        for (size_t i = 0; i < sizeof special_cases / sizeof special_cases[0]; i++) {
            if (special_cases[i].cp != c) continue;
            const char *m = how == CASE_UPPER   ? special_cases[i].upper
                            : how == CASE_TITLE ? special_cases[i].title
                            : how == CASE_FOLD  ? special_cases[i].fold
                                                : special_cases[i].lower;
            if (m) {
                str_builder_add_cstr(b, m);
                return;
            }
            break;
        }
    }
    uint32_t r;
    switch (how) {
    case CASE_UPPER: r = uni_toupper(c); break;
    case CASE_TITLE: r = uni_totitle(c); break;
    default: r = uni_tolower(c); break;
    }
    str_builder_add_codepoint(b, r);
}

static bool case_ignorable(uint32_t c) {
    return c == '\'' || c == '.' || c == ':' || c == '^' || c == '`' || c == 0xad || c == 0xb7 ||
           c == 0x2019 || (c >= 0x300 && c <= 0x36f);
}

// Is the sigma at [at, after) final within [begin, end)?
static bool final_sigma(const char *begin, const char *at, const char *after, const char *end) {
    const char *q = at;
    bool before = false;
    while (q > begin) {
        uint32_t c = prev_cp(&q);
        if (case_ignorable(c)) continue;
        before = uni_iscased(c);
        break;
    }
    if (!before) return false;
    q = after;
    while (q < end) {
        uint32_t c = utf8_decode(&q);
        if (case_ignorable(c)) continue;
        return !uni_iscased(c);
    }
    return true;
}

static obj_t *case_map(obj_t *self, int how) {
    size_t n = SELF_N;
    const char *d = SELF_DATA;
    if (is_ascii_str(self)) {
        if (n == 0) return str_empty();
        obj_t *r = str_alloc(n);
        if (!r) return NULL;
        char *o = ((str_t *)r)->data;
        bool prev_cased = false;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)d[i];
            bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
            unsigned char m = c;
            switch (how) {
            case CASE_UPPER: m = lo ? c - 32 : c; break;
            case CASE_LOWER:
            case CASE_FOLD: m = up ? c + 32 : c; break;
            case CASE_SWAP: m = up ? c + 32 : lo ? c - 32 : c; break;
            case CASE_TITLE:
                m = prev_cased ? (up ? c + 32 : c) : (lo ? c - 32 : c);
                prev_cased = up || lo;
                break;
            case CASE_CAPITALIZE: m = i == 0 ? (lo ? c - 32 : c) : (up ? c + 32 : c); break;
            }
            o[i] = (char)m;
        }
        str_finish(r);
        if (n == 1) {
            obj_t *c = str_ascii_char((unsigned char)o[0]);
            DECREF(r);
            return c;
        }
        return r;
    }
    str_builder_t b;
    str_builder_init(&b);
    const char *p = d, *end = d + n;
    bool prev_cased = false, first = true;
    while (p < end) {
        const char *cstart = p;
        uint32_t c = utf8_decode(&p);
        if (c == 0x3a3 && how != CASE_UPPER && how != CASE_FOLD &&
            !(how == CASE_TITLE && !prev_cased) && !(how == CASE_CAPITALIZE && first)) {
            // Final sigma: lowercases to U+03C2 after a cased letter and not
            // before one (Unicode's Final_Sigma condition, case-ignorables skipped).
            str_builder_add_codepoint(&b, final_sigma(d, cstart, p, end) ? 0x3c2 : 0x3c3);
            prev_cased = true;
            first = false;
            continue;
        }
        switch (how) {
        case CASE_SWAP:
            if (uni_isupper(c))
                add_mapped(&b, c, CASE_LOWER);
            else if (uni_islower(c))
                add_mapped(&b, c, CASE_UPPER);
            else
                str_builder_add_codepoint(&b, c);
            break;
        case CASE_TITLE:
            add_mapped(&b, c, prev_cased ? CASE_LOWER : CASE_TITLE);
            prev_cased = uni_iscased(c);
            break;
        case CASE_CAPITALIZE: add_mapped(&b, c, first ? CASE_TITLE : CASE_LOWER); break;
        default: add_mapped(&b, c, how); break;
        }
        first = false;
    }
    return str_builder_finish(&b);
}

#define CASE_METHOD(fname, how)                                                                    \
    static obj_t *m_##fname(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {            \
        if (args_check(#fname, nargs, kw, 0, 0) < 0) return NULL;                                  \
        return case_map(self, how);                                                                \
    }
CASE_METHOD(upper, CASE_UPPER)
CASE_METHOD(lower, CASE_LOWER)
CASE_METHOD(swapcase, CASE_SWAP)
CASE_METHOD(casefold, CASE_FOLD)
CASE_METHOD(title, CASE_TITLE)
CASE_METHOD(capitalize, CASE_CAPITALIZE)

// ---- predicates -------------------------------------------------------------------------------

#define PRED_METHOD(fname, pred)                                                                   \
    static obj_t *m_##fname(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {            \
        if (args_check(#fname, nargs, kw, 0, 0) < 0) return NULL;                                  \
        const char *p = SELF_DATA, *end = p + SELF_N;                                              \
        if (p == end) return False;                                                                \
        while (p < end)                                                                            \
            if (!pred(utf8_decode(&p))) return False;                                              \
        return True;                                                                               \
    }
PRED_METHOD(isdigit, uni_isdigit)
PRED_METHOD(isdecimal, uni_isdecimal)
PRED_METHOD(isnumeric, uni_isnumeric)
PRED_METHOD(isalpha, uni_isalpha)
PRED_METHOD(isalnum, uni_isalnum)
PRED_METHOD(isspace, uni_isspace)

static obj_t *m_isascii(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("isascii", nargs, kw, 0, 0) < 0) return NULL;
    return bool_from(is_ascii_str(self));
}

static obj_t *m_isprintable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("isprintable", nargs, kw, 0, 0) < 0) return NULL;
    const char *p = SELF_DATA, *end = p + SELF_N;
    while (p < end)
        if (!uni_isprintable(utf8_decode(&p))) return False;
    return True;
}

static obj_t *case_pred(obj_t *self, bool want_upper) {
    const char *p = SELF_DATA, *end = p + SELF_N;
    bool cased = false;
    while (p < end) {
        uint32_t c = utf8_decode(&p);
        if (want_upper ? (uni_islower(c) || uni_istitle(c)) : (uni_isupper(c) || uni_istitle(c)))
            return False;
        if (!cased && (want_upper ? uni_isupper(c) : uni_islower(c))) cased = true;
    }
    return bool_from(cased);
}

static obj_t *m_isupper(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("isupper", nargs, kw, 0, 0) < 0) return NULL;
    return case_pred(self, true);
}
static obj_t *m_islower(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("islower", nargs, kw, 0, 0) < 0) return NULL;
    return case_pred(self, false);
}

static obj_t *m_istitle(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("istitle", nargs, kw, 0, 0) < 0) return NULL;
    const char *p = SELF_DATA, *end = p + SELF_N;
    bool cased = false, prev = false;
    while (p < end) {
        uint32_t c = utf8_decode(&p);
        if (uni_isupper(c) || uni_istitle(c)) {
            if (prev) return False;
            prev = cased = true;
        } else if (uni_islower(c)) {
            if (!prev) return False;
            prev = cased = true;
        } else {
            prev = false;
        }
    }
    return bool_from(cased);
}

static bool id_start(uint32_t c) {
    if (c < 128) return c == '_' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return IN_TABLE(uni_xid_start_ranges, c);
}
static bool id_continue(uint32_t c) {
    if (c < 128)
        return c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return IN_TABLE(uni_xid_continue_ranges, c);
}

static obj_t *m_isidentifier(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("isidentifier", nargs, kw, 0, 0) < 0) return NULL;
    const char *p = SELF_DATA, *end = p + SELF_N;
    if (p == end) return False;
    if (!id_start(utf8_decode(&p))) return False;
    while (p < end)
        if (!id_continue(utf8_decode(&p))) return False;
    return True;
}

// ---- padding --------------------------------------------------------------------------------

static int parse_pad_args(const char *fname, obj_t *const *args, size_t nargs, obj_t *kw,
                          ssize_t *width, uint32_t *fill) {
    if (args_no_kw(fname, kw) < 0) return -1;
    if (nargs < 1 || nargs > 2) {
        if (nargs < 1)
            err_format(exc_TypeError, "%s expected at least 1 argument, got 0", fname);
        else
            err_format(exc_TypeError, "%s expected at most 2 arguments, got %zu", fname, nargs);
        return -1;
    }
    if (obj_ssize_arg(args[0], width) < 0) return -1;
    *fill = ' ';
    if (nargs > 1) {
        obj_t *f = args[1];
        if (!STR_CHECK(f)) {
            err_format(exc_TypeError, "%s() argument 2 must be a unicode character, not %s", fname,
                       obj_type_name(f));
            return -1;
        }
        if (str_len(f) != 1) {
            err_set_str(exc_TypeError, "The fill character must be exactly one character long");
            return -1;
        }
        *fill = str_char_at(f, 0);
    }
    return 0;
}

static obj_t *pad(obj_t *self, ssize_t left, ssize_t right, uint32_t fill) {
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    if (left == 0 && right == 0) return str_exact_copy(self);
    char fb[4];
    int fn = utf8_encode(fill, fb);
    // left + right < width fits a ssize_t; its UTF-8 size may not.
    size_t total;
    if (__builtin_mul_overflow((size_t)(left + right), (size_t)fn, &total) ||
        __builtin_add_overflow(total, SELF_N, &total) || total > (size_t)PTRDIFF_MAX)
        return err_no_memory();
    obj_t *r = str_alloc(total);
    if (!r) return NULL;
    char *o = ((str_t *)r)->data;
    for (ssize_t i = 0; i < left; i++, o += fn)
        memcpy(o, fb, (size_t)fn);
    memcpy(o, SELF_DATA, SELF_N);
    o += SELF_N;
    for (ssize_t i = 0; i < right; i++, o += fn)
        memcpy(o, fb, (size_t)fn);
    ((str_t *)r)->len = str_len(self) + (size_t)(left + right);
    ((str_t *)r)->ascii = is_ascii_str(self) && fill < 128;
    ((str_t *)r)->data[total] = 0;
    return r;
}

static obj_t *m_center(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    ssize_t width;
    uint32_t fill;
    if (parse_pad_args("center", args, nargs, kw, &width, &fill) < 0) return NULL;
    ssize_t len = (ssize_t)str_len(self);
    if (width <= len) return str_exact_copy(self);
    ssize_t marg = width - len;
    ssize_t left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill);
}

static obj_t *m_ljust(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    ssize_t width;
    uint32_t fill;
    if (parse_pad_args("ljust", args, nargs, kw, &width, &fill) < 0) return NULL;
    return pad(self, 0, width - (ssize_t)str_len(self), fill);
}

static obj_t *m_rjust(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    ssize_t width;
    uint32_t fill;
    if (parse_pad_args("rjust", args, nargs, kw, &width, &fill) < 0) return NULL;
    return pad(self, width - (ssize_t)str_len(self), 0, fill);
}

static obj_t *m_zfill(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("zfill", nargs, kw, 1, 1) < 0) return NULL;
    ssize_t width;
    if (obj_ssize_arg(args[0], &width) < 0) return NULL;
    ssize_t fill = width - (ssize_t)str_len(self);
    obj_t *r = pad(self, fill, 0, '0');
    if (!r || fill <= 0) return r;
    char *o = ((str_t *)r)->data;
    if (o[fill] == '+' || o[fill] == '-') {
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
    if (!memchr(SELF_DATA, '\t', SELF_N)) return str_exact_copy(self);
    str_builder_t b;
    str_builder_init(&b);
    const char *p = SELF_DATA, *end = p + SELF_N;
    ssize_t col = 0;
    while (p < end) {
        const char *q = p;
        uint32_t c = utf8_decode(&q);
        if (c == '\t') {
            if (tabsize > 0) {
                // One reserve for the whole run of spaces: a result no
                // machine could hold fails here (MemoryError) at once.
                size_t incr = (size_t)(tabsize - (col % tabsize));
                if (!str_builder_reserve(&b, incr)) break;
                memset(b.buf + b.len, ' ', incr);
                b.len += incr;
                col += (ssize_t)incr;
            }
        } else {
            str_builder_add(&b, p, (size_t)(q - p));
            col++;
            if (c == '\n' || c == '\r') col = 0;
        }
        p = q;
    }
    return str_builder_finish(&b);
}

// ---- encode, format, prefixes ---------------------------------------------------------------

static obj_t *m_encode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    static const char *const names[] = {"encoding", "errors", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("encode", args, nargs, kw, names, 0, a) < 0) return NULL;
    for (int i = 0; i < 2; i++) {
        if (a[i] && !STR_CHECK(a[i])) {
            err_format(exc_TypeError, "encode() argument '%s' must be str, not %s", names[i],
                       obj_type_name(a[i]));
            return NULL;
        }
    }
    return str_encode(self, a[0] ? str_data(a[0]) : "utf-8", a[1] ? str_data(a[1]) : "strict");
}

static obj_t *m_format(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return str_format_impl(self, args, nargs, kw, NULL);
}

static obj_t *m_format_map(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("format_map", nargs, kw, 1, 1) < 0) return NULL;
    return str_format_impl(self, NULL, 0, NULL, args[0]);
}

static obj_t *m___format__(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("__format__", nargs, kw, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "__format__() argument must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    return format_str(self, args[0]);
}

static obj_t *fix_common(const char *fname, obj_t *self, obj_t *const *args, size_t nargs,
                         obj_t *kw, bool suffix) {
    if (args_check(fname, nargs, kw, 1, 1) < 0) return NULL;
    obj_t *x = args[0];
    if (!STR_CHECK(x)) {
        err_format(exc_TypeError, "%s() argument must be str, not %s", fname, obj_type_name(x));
        return NULL;
    }
    size_t m = str_nbytes(x);
    if (m > 0 && m <= SELF_N) {
        if (!suffix && memcmp(SELF_DATA, str_data(x), m) == 0)
            return str_from_bytes_of(self, SELF_DATA + m, SELF_N - m);
        if (suffix && memcmp(SELF_DATA + SELF_N - m, str_data(x), m) == 0)
            return str_from_bytes_of(self, SELF_DATA, SELF_N - m);
    }
    return str_exact_copy(self);
}

static obj_t *m_removeprefix(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return fix_common("removeprefix", self, args, nargs, kw, false);
}
static obj_t *m_removesuffix(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    return fix_common("removesuffix", self, args, nargs, kw, true);
}

// ---- maketrans / translate ------------------------------------------------------------------

static obj_t *m_maketrans(obj_t *unused, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("maketrans", nargs, kw, 1, 3) < 0) return NULL;
    obj_t *d = dict_new();
    if (!d) return NULL;
    if (nargs == 1) {
        obj_t *x = args[0];
        if (!DICT_CHECK(x)) {
            err_set_str(exc_TypeError,
                        "if you give only one argument to maketrans it must be a dict");
            goto error;
        }
        ssize_t pos = 0;
        obj_t *k, *v;
        while (dict_next(x, &pos, &k, &v)) {
            obj_t *key = NULL;
            if (STR_CHECK(k)) {
                if (str_len(k) != 1) {
                    DECREF(k);
                    DECREF(v);
                    err_set_str(exc_ValueError,
                                "string keys in translate table must be of length 1");
                    goto error;
                }
                key = SMALLINT_FROM(str_char_at(k, 0));
            } else if (INT_CHECK(k)) {
                key = NEWREF(k);
            } else {
                DECREF(k);
                DECREF(v);
                err_set_str(exc_TypeError, "keys in translate table must be strings or integers");
                goto error;
            }
            int r = dict_set(d, key, v);
            DECREF(key);
            DECREF(k);
            DECREF(v);
            if (r < 0) goto error;
        }
        return d;
    }
    for (size_t i = 0; i < nargs; i++) {
        if (!STR_CHECK(args[i])) {
            err_format(exc_TypeError, "maketrans() argument %zu must be str, not %s", i + 1,
                       obj_type_name(args[i]));
            goto error;
        }
    }
    if (str_len(args[0]) != str_len(args[1])) {
        err_set_str(exc_ValueError, "the first two maketrans arguments must have equal length");
        goto error;
    }
    {
        const char *p = str_data(args[0]), *q = str_data(args[1]);
        const char *pe = p + str_nbytes(args[0]);
        while (p < pe) {
            uint32_t a = utf8_decode(&p), b = utf8_decode(&q);
            if (dict_set(d, SMALLINT_FROM(a), SMALLINT_FROM(b)) < 0) goto error;
        }
        if (nargs == 3) {
            const char *z = str_data(args[2]), *ze = z + str_nbytes(args[2]);
            while (z < ze)
                if (dict_set(d, SMALLINT_FROM(utf8_decode(&z)), None) < 0) goto error;
        }
    }
    return d;
error:
    DECREF(d);
    return NULL;
}

static obj_t *m_translate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("translate", nargs, kw, 1, 1) < 0) return NULL;
    obj_t *table = args[0];
    str_builder_t b;
    str_builder_init(&b);
    const char *p = SELF_DATA, *end = p + SELF_N;
    while (p < end) {
        const char *start = p;
        uint32_t c = utf8_decode(&p);
        obj_t *v = obj_getitem(table, SMALLINT_FROM(c));
        if (!v) {
            if (err_matches(exc_LookupError)) {
                err_clear();
                str_builder_add(&b, start, (size_t)(p - start));
                continue;
            }
            goto error;
        }
        if (v == None) {
            // deleted
        } else if (STR_CHECK(v)) {
            str_builder_add_str(&b, v);
        } else if (INT_CHECK(v)) {
            int64_t x;
            if (int_as_i64(v, &x) < 0 || x < 0 || x > 0x10ffff) {
                err_clear();
                err_set_str(exc_ValueError, "character mapping must be in range(0x110000)");
                DECREF(v);
                goto error;
            }
            str_builder_add_codepoint(&b, (uint32_t)x);
        } else {
            DECREF(v);
            err_set_str(exc_TypeError, "character mapping must return integer, None or str");
            goto error;
        }
        DECREF(v);
    }
    return str_builder_finish(&b);
error:
    str_builder_discard(&b);
    return NULL;
}

static obj_t *m___getnewargs__(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("__getnewargs__", nargs, kw, 0, 0) < 0) return NULL;
    obj_t *s = str_exact_copy(self);
    if (!s) return NULL;
    obj_t *t = tuple_pack(1, s);
    DECREF(s);
    return t;
}

static obj_t *m___sizeof__(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kw) {
    if (args_check("__sizeof__", nargs, kw, 0, 0) < 0) return NULL;
    return SMALLINT_FROM((int64_t)(sizeof(str_t) + SELF_N + 1));
}

#define M(name)                                                                                    \
    { #name, m_##name, METH_DEFAULT, NULL }
const method_def_t str_methods_table[] = {
    M(split),
    M(rsplit),
    M(splitlines),
    M(join),
    M(strip),
    M(lstrip),
    M(rstrip),
    M(replace),
    M(find),
    M(rfind),
    M(index),
    M(rindex),
    M(count),
    M(startswith),
    M(endswith),
    M(upper),
    M(lower),
    M(casefold),
    M(title),
    M(capitalize),
    M(swapcase),
    M(isdigit),
    M(isdecimal),
    M(isnumeric),
    M(isalpha),
    M(isalnum),
    M(isspace),
    M(isupper),
    M(islower),
    M(istitle),
    M(isidentifier),
    M(isprintable),
    M(isascii),
    M(center),
    M(ljust),
    M(rjust),
    M(zfill),
    M(partition),
    M(rpartition),
    M(expandtabs),
    M(encode),
    M(format),
    M(format_map),
    M(removeprefix),
    M(removesuffix),
    {"maketrans", m_maketrans, METH_STATIC, NULL},
    M(translate),
    M(__format__),
    M(__getnewargs__),
    M(__sizeof__),
    {NULL, NULL, 0, NULL},
};
