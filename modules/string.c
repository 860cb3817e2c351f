/*
 * modules/string.c — the native `_string` module that string.py's Formatter
 * uses: formatter_parser() splits a str.format() template into
 * (literal, field_name, format_spec, conversion) tuples and
 * formatter_field_name_split() splits a field name into its first part and
 * an iterator of (is_attribute, key) pairs.
 *
 * Both parse the whole string at once into a list and return an iterator
 * over it, so the iterators hold no mutable state of their own (the list
 * iterator is already safe to share).  A malformed string raises the
 * ValueError when the function is called rather than at the failing step.
 *
 * Strings are UTF-8: the syntax characters are all ASCII, so the scanners
 * walk bytes and only the conversion character is decoded as a code point.
 */
#include <stdint.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"

static obj_t *sub(const char *p, size_t n) {
    return str_from_utf8_trusted(p, n);
}

static int check_str(obj_t *v) {
    if (!STR_CHECK(v)) {
        err_format(exc_TypeError, "expected str, got %s", obj_type_name(v));
        return -1;
    }
    return 0;
}

// Appends (literal, field, spec, conv) to `out`; NULL parts become None.
static int add_entry(obj_t *out, obj_t *lit, obj_t *field, obj_t *spec, obj_t *conv) {
    obj_t *t = NULL;
    int rc = -1;
    if (lit && (!field == !spec)) {
        t = tuple_pack(4, lit, field ? field : None, spec ? spec : None, conv ? conv : None);
        if (t) rc = list_append(out, t);
    }
    XDECREF(t);
    XDECREF(lit);
    XDECREF(field);
    XDECREF(spec);
    XDECREF(conv);
    return rc;
}

static int parse_markup(obj_t *out, const char *s, size_t n) {
    size_t pos = 0;
    while (pos < n) {
        size_t start = pos;
        char c = 0;
        bool markup = false;
        while (pos < n) {
            c = s[pos++];
            if (c == '{' || c == '}') {
                markup = true;
                break;
            }
        }
        bool at_end = pos >= n;
        size_t len = pos - start;
        if (c == '}' && markup && (at_end || s[pos] != '}')) {
            err_set_str(exc_ValueError, "Single '}' encountered in format string");
            return -1;
        }
        if (at_end && c == '{' && markup) {
            err_set_str(exc_ValueError, "Single '{' encountered in format string");
            return -1;
        }
        if (markup) {
            if (s[pos] == c) { // doubled brace: a literal one
                pos++;
                markup = false;
            } else {
                len--;
            }
        }
        obj_t *lit = sub(s + start, len);
        if (!lit) return -1;
        if (!markup) {
            if (add_entry(out, lit, NULL, NULL, NULL) < 0) return -1;
            continue;
        }
        // The field name ends at '}', ':' or '!' outside brackets.
        size_t fstart = pos;
        c = 0;
        while (pos < n) {
            c = s[pos++];
            if (c == '{') {
                DECREF(lit);
                err_set_str(exc_ValueError, "unexpected '{' in field name");
                return -1;
            }
            if (c == '[') {
                while (pos < n && s[pos] != ']')
                    pos++;
                continue;
            }
            if (c == '}' || c == ':' || c == '!') break;
        }
        obj_t *field = NULL, *spec = NULL, *conv = NULL;
        if (c == '!' || c == ':') {
            field = sub(s + fstart, pos - 1 - fstart);
            if (!field) goto fail;
            if (c == '!') {
                if (pos >= n) {
                    err_set_str(exc_ValueError,
                                "end of string while looking for conversion specifier");
                    goto fail;
                }
                const char *p = s + pos;
                uint32_t cp = utf8_decode(&p);
                pos = (size_t)(p - s);
                conv = str_from_codepoint(cp);
                if (!conv) goto fail;
                if (pos < n) {
                    c = s[pos++];
                    if (c == '}') {
                        spec = sub("", 0);
                        if (!spec || add_entry(out, lit, field, spec, conv) < 0) return -1;
                        continue;
                    }
                    if (c != ':') {
                        err_set_str(exc_ValueError, "expected ':' after conversion specifier");
                        goto fail;
                    }
                }
            }
            size_t sstart = pos;
            int count = 1;
            bool done = false;
            while (pos < n) {
                c = s[pos++];
                if (c == '{') {
                    count++;
                } else if (c == '}' && --count == 0) {
                    done = true;
                    break;
                }
            }
            if (!done) {
                err_set_str(exc_ValueError, "unmatched '{' in format spec");
                goto fail;
            }
            spec = sub(s + sstart, pos - 1 - sstart);
            if (!spec) goto fail;
        } else if (c != '}') {
            err_set_str(exc_ValueError, "expected '}' before end of string");
            goto fail;
        } else {
            field = sub(s + fstart, pos - 1 - fstart);
            spec = sub("", 0);
            if (!field || !spec) goto fail;
        }
        if (add_entry(out, lit, field, spec, conv) < 0) return -1;
        continue;
    fail:
        DECREF(lit);
        XDECREF(field);
        XDECREF(spec);
        XDECREF(conv);
        return -1;
    }
    return 0;
}

static obj_t *string_formatter_parser(obj_t *self, obj_t *const *args, size_t nargs,
                                      obj_t *kwnames) {
    if (args_check("_string.formatter_parser", nargs, kwnames, 1, 1) < 0) return NULL;
    if (check_str(args[0]) < 0) return NULL;
    obj_t *out = list_new(0);
    if (!out) return NULL;
    if (parse_markup(out, str_data(args[0]), str_nbytes(args[0])) < 0) {
        DECREF(out);
        return NULL;
    }
    obj_t *it = obj_iter(out);
    DECREF(out);
    return it;
}

// A decimal index (any Unicode decimal digits), or NULL without an
// exception when the text is empty or not all digits; ValueError when it
// does not fit a Py_ssize_t.
static obj_t *as_index(const char *s, size_t n, bool *is_int) {
    *is_int = false;
    if (n == 0) return NULL;
    int64_t acc = 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        int d = str_decimal_value(utf8_decode(&p));
        if (d < 0) return NULL;
        if (acc > (INT64_MAX - d) / 10) {
            err_set_str(exc_ValueError, "Too many decimal digits in format string");
            return NULL;
        }
        acc = acc * 10 + d;
    }
    *is_int = true;
    return int_from_i64(acc);
}

static int add_pair(obj_t *out, bool is_attr, obj_t *key) {
    if (!key) return -1;
    obj_t *t = tuple_pack(2, is_attr ? True : False, key);
    DECREF(key);
    if (!t) return -1;
    int rc = list_append(out, t);
    DECREF(t);
    return rc;
}

static obj_t *string_field_name_split(obj_t *self, obj_t *const *args, size_t nargs,
                                      obj_t *kwnames) {
    if (args_check("_string.formatter_field_name_split", nargs, kwnames, 1, 1) < 0) return NULL;
    if (check_str(args[0]) < 0) return NULL;
    const char *s = str_data(args[0]);
    size_t n = str_nbytes(args[0]), pos = 0;
    while (pos < n && s[pos] != '.' && s[pos] != '[')
        pos++;
    bool is_int;
    obj_t *first = as_index(s, pos, &is_int);
    if (!is_int) {
        if (err_occurred()) return NULL;
        first = sub(s, pos);
    }
    if (!first) return NULL;
    obj_t *rest = list_new(0);
    if (!rest) goto fail;
    while (pos < n) {
        char c = s[pos++];
        size_t start = pos;
        if (c == '.') {
            while (pos < n && s[pos] != '.' && s[pos] != '[')
                pos++;
            if (pos == start) {
                err_set_str(exc_ValueError, "Empty attribute in format string");
                goto fail;
            }
            if (add_pair(rest, true, sub(s + start, pos - start)) < 0) goto fail;
        } else if (c == '[') {
            while (pos < n && s[pos] != ']')
                pos++;
            if (pos >= n) {
                err_set_str(exc_ValueError, "Missing ']' in format string");
                goto fail;
            }
            size_t end = pos++;
            if (pos < n && s[pos] != '.' && s[pos] != '[') {
                err_set_str(exc_ValueError,
                            "Only '.' or '[' may follow ']' in format field specifier");
                goto fail;
            }
            if (end == start) {
                err_set_str(exc_ValueError, "Empty attribute in format string");
                goto fail;
            }
            obj_t *key = as_index(s + start, end - start, &is_int);
            if (!is_int) {
                if (err_occurred()) goto fail;
                key = sub(s + start, end - start);
            }
            if (add_pair(rest, false, key) < 0) goto fail;
        } else {
            err_set_str(exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
            goto fail;
        }
    }
    obj_t *it = obj_iter(rest);
    DECREF(rest);
    if (!it) {
        DECREF(first);
        return NULL;
    }
    obj_t *res = tuple_pack(2, first, it);
    DECREF(first);
    DECREF(it);
    return res;
fail:
    DECREF(first);
    XDECREF(rest);
    return NULL;
}

static const method_def_t string_functions[] = {
    {"formatter_parser", string_formatter_parser, 0, NULL},
    {"formatter_field_name_split", string_field_name_split, 0, NULL},
    {NULL},
};

obj_t *string_module_init(void) {
    obj_t *m = module_new("_string");
    if (!m) return NULL;
    if (module_add_functions(m, string_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
