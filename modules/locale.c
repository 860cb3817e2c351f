/*
 * modules/locale.c — the native `_locale` module (CPython 3.11's API on
 * Linux): setlocale, localeconv, strcoll, strxfrm, nl_langinfo with its
 * constants, getencoding, the gettext family over glibc's libintl, the
 * LC_* categories, CHAR_MAX and `Error`.  Without it, the standard
 * library's locale.py falls back to an emulation that knows only the "C"
 * locale and has no nl_langinfo or CODESET.
 *
 * The locale is process-wide state in libc, and the strings that
 * setlocale, localeconv and nl_langinfo return live in static buffers that
 * the next call may overwrite.  Every call that reads or changes that state
 * holds `locale_mutex` (this module's own, not a lock of the interpreter)
 * while it copies the C strings it needs, so two threads never see a torn
 * localeconv or a setlocale result overwritten under them.  The mutex is
 * taken only inside a blocking region (locked_begin/locked_end), and only
 * C copies happen under it: no Python object is made there, so a thread
 * waiting for it never holds up a stop-the-world pause, and nothing under
 * it can run Python code or wait for one.  The copies are decoded after.  Strings from libc are
 * decoded from the locale's encoding (mbstowcs), as CPython's PyUnicode_DecodeLocale, falling back
 * to UTF-8 with surrogateescape.
 */
#include <errno.h>
#include <langinfo.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../core/error.h"
#include "../core/runtime.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"

static obj_t *locale_error; // locale.Error, made by the first import, immortal after
static pthread_mutex_t locale_mutex = PTHREAD_MUTEX_INITIALIZER;

// The one way to hold locale_mutex: in a blocking region, so that a thread
// waiting here counts as stopped for a stop-the-world pause.  Between the two
// calls only C code runs (no object is made or released).
static void locked_begin(void) {
    thread_block_begin();
    pthread_mutex_lock(&locale_mutex);
}

static void locked_end(void) {
    pthread_mutex_unlock(&locale_mutex);
    thread_block_end();
}

// A private copy of a string libc returned, NULL taken as "".  NULL when out
// of memory.
static char *copy_cstr(const char *s) {
    return strdup(s ? s : "");
}

// ---- conversions ---------------------------------------------------------------------

// A C string from libc as str, decoded as PyUnicode_DecodeLocale does.
static obj_t *decode_locale(const char *s) {
    size_t n = mbstowcs(NULL, s, 0);
    if (n == (size_t)-1) return runtime_fs_decode(s); // UTF-8, surrogateescape
    wchar_t *w = malloc((n + 1) * sizeof(wchar_t));
    if (!w) return err_no_memory();
    mbstowcs(w, s, n + 1);
    str_builder_t b;
    str_builder_init(&b);
    for (size_t i = 0; i < n; i++)
        str_builder_add_codepoint(&b, (uint32_t)w[i]);
    free(w);
    return str_builder_finish(&b);
}

// Decodes a copy made under the mutex and frees it; a NULL copy means the
// copy failed for lack of memory.
static obj_t *decode_copy(char *copy) {
    if (copy == NULL) return err_no_memory();
    obj_t *r = decode_locale(copy);
    free(copy);
    return r;
}

// `v` must be a str: "<fname>() argument <pos> must be str, not <type>".
static int need_str(obj_t *v, const char *fname, int pos) {
    if (STR_CHECK(v)) return 0;
    err_format(exc_TypeError, "%s() argument %d must be str, not %s", fname, pos, obj_type_name(v));
    return -1;
}

// The UTF-8 text of a str argument (or NULL for None when `none_ok`) for a
// libc call; ValueError on an embedded null character.
static int c_string_arg(obj_t *v, const char *fname, int pos, bool none_ok, const char **out) {
    if (none_ok && v == None) {
        *out = NULL;
        return 0;
    }
    if (!STR_CHECK(v)) {
        err_format(exc_TypeError, "%s() argument %d must be str%s, not %s", fname, pos,
                   none_ok ? " or None" : "", obj_type_name(v));
        return -1;
    }
    const char *s = str_data(v);
    if (strlen(s) != str_nbytes(v)) {
        err_set_str(exc_ValueError, "embedded null character");
        return -1;
    }
    *out = s;
    return 0;
}

// A str as a NUL-terminated wide string (malloc'ed); ValueError on an
// embedded null character.
static wchar_t *wide_arg(obj_t *s) {
    size_t n = str_len(s);
    wchar_t *w = malloc((n + 1) * sizeof(wchar_t));
    if (!w) {
        err_no_memory();
        return NULL;
    }
    const char *p = str_data(s);
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = utf8_decode(&p);
        if (cp == 0) {
            free(w);
            err_set_str(exc_ValueError, "embedded null character");
            return NULL;
        }
        w[i] = (wchar_t)cp;
    }
    w[n] = 0;
    return w;
}

static obj_t *from_wide(const wchar_t *w, size_t n) {
    str_builder_t b;
    str_builder_init(&b);
    for (size_t i = 0; i < n; i++)
        str_builder_add_codepoint(&b, (uint32_t)w[i]);
    return str_builder_finish(&b);
}

static int int_arg(obj_t *v, int *out) {
    obj_t *iv = obj_index(v);
    if (!iv) return -1;
    int64_t x;
    int rc = int_as_i64(iv, &x);
    DECREF(iv);
    if (rc < 0) return -1;
    if (x > INT_MAX || x < INT_MIN) {
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)x;
    return 0;
}

// ---- setlocale, localeconv ----------------------------------------------------------------

static obj_t *loc_setlocale(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("setlocale", nargs, kwnames, 1, 2) < 0) return NULL;
    int category;
    const char *name = NULL;
    if (int_arg(args[0], &category) < 0) return NULL;
    if (nargs > 1 && c_string_arg(args[1], "setlocale", 2, true, &name) < 0) return NULL;
    char *copy = NULL;
    locked_begin();
    const char *res = setlocale(category, name);
    bool ok = res != NULL;
    if (ok) copy = copy_cstr(res);
    locked_end();
    if (!ok) {
        err_set_str((type_t *)locale_error, "unsupported locale setting");
        return NULL;
    }
    return decode_copy(copy);
}

// A grouping string as CPython's copy_grouping: the sizes up to and
// including the terminating 0 or CHAR_MAX; [] when the string is empty.
static obj_t *grouping_list(const char *s) {
    obj_t *l = list_new(0);
    if (!l || s[0] == '\0') return l;
    size_t i = 0;
    for (;;) {
        obj_t *v = int_from_i64(s[i]);
        if (!v || list_append(l, v) < 0) {
            XDECREF(v);
            DECREF(l);
            return NULL;
        }
        DECREF(v);
        if (s[i] == '\0' || s[i] == CHAR_MAX) break;
        i++;
    }
    return l;
}

static int set_str_item(obj_t *d, const char *key, const char *value) {
    obj_t *v = decode_locale(value);
    int rc = v ? dict_set_str(d, key, v) : -1;
    XDECREF(v);
    return rc;
}

static int set_int_item(obj_t *d, const char *key, char value) {
    obj_t *v = int_from_i64(value);
    int rc = v ? dict_set_str(d, key, v) : -1;
    XDECREF(v);
    return rc;
}

static int set_grouping_item(obj_t *d, const char *key, const char *value) {
    obj_t *v = grouping_list(value);
    int rc = v ? dict_set_str(d, key, v) : -1;
    XDECREF(v);
    return rc;
}

// localeconv()'s strings, copied out of libc's buffer under the mutex (the
// char fields are copied by value).
typedef struct {
    char *int_curr_symbol, *currency_symbol, *mon_decimal_point, *mon_thousands_sep, *mon_grouping,
        *positive_sign, *negative_sign, *decimal_point, *thousands_sep, *grouping;
} lconv_strs_t;

static bool lconv_copy(lconv_strs_t *c, const struct lconv *lc) {
    c->int_curr_symbol = copy_cstr(lc->int_curr_symbol);
    c->currency_symbol = copy_cstr(lc->currency_symbol);
    c->mon_decimal_point = copy_cstr(lc->mon_decimal_point);
    c->mon_thousands_sep = copy_cstr(lc->mon_thousands_sep);
    c->mon_grouping = copy_cstr(lc->mon_grouping);
    c->positive_sign = copy_cstr(lc->positive_sign);
    c->negative_sign = copy_cstr(lc->negative_sign);
    c->decimal_point = copy_cstr(lc->decimal_point);
    c->thousands_sep = copy_cstr(lc->thousands_sep);
    c->grouping = copy_cstr(lc->grouping);
    char **all = (char **)c;
    for (size_t i = 0; i < sizeof *c / sizeof(char *); i++)
        if (all[i] == NULL) return false;
    return true;
}

static void lconv_free(lconv_strs_t *c) {
    char **all = (char **)c;
    for (size_t i = 0; i < sizeof *c / sizeof(char *); i++)
        free(all[i]);
}

static obj_t *loc_localeconv(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("localeconv", nargs, kwnames, 0, 0) < 0) return NULL;
    lconv_strs_t c;
    struct lconv lc; // its char fields; its pointers are not used after the unlock
    locked_begin();
    lc = *localeconv();
    bool ok = lconv_copy(&c, &lc);
    locked_end();
    obj_t *d = ok ? dict_new() : NULL;
    // The keys in CPython's order.
    int rc = d == NULL || set_str_item(d, "int_curr_symbol", c.int_curr_symbol) < 0 ||
                     set_str_item(d, "currency_symbol", c.currency_symbol) < 0 ||
                     set_str_item(d, "mon_decimal_point", c.mon_decimal_point) < 0 ||
                     set_str_item(d, "mon_thousands_sep", c.mon_thousands_sep) < 0 ||
                     set_grouping_item(d, "mon_grouping", c.mon_grouping) < 0 ||
                     set_str_item(d, "positive_sign", c.positive_sign) < 0 ||
                     set_str_item(d, "negative_sign", c.negative_sign) < 0 ||
                     set_int_item(d, "int_frac_digits", lc.int_frac_digits) < 0 ||
                     set_int_item(d, "frac_digits", lc.frac_digits) < 0 ||
                     set_int_item(d, "p_cs_precedes", lc.p_cs_precedes) < 0 ||
                     set_int_item(d, "p_sep_by_space", lc.p_sep_by_space) < 0 ||
                     set_int_item(d, "n_cs_precedes", lc.n_cs_precedes) < 0 ||
                     set_int_item(d, "n_sep_by_space", lc.n_sep_by_space) < 0 ||
                     set_int_item(d, "p_sign_posn", lc.p_sign_posn) < 0 ||
                     set_int_item(d, "n_sign_posn", lc.n_sign_posn) < 0 ||
                     set_str_item(d, "decimal_point", c.decimal_point) < 0 ||
                     set_str_item(d, "thousands_sep", c.thousands_sep) < 0 ||
                     set_grouping_item(d, "grouping", c.grouping) < 0
                 ? -1
                 : 0;
    lconv_free(&c);
    if (!ok) return err_no_memory();
    if (rc < 0) {
        XDECREF(d);
        return NULL;
    }
    return d;
}

// ---- collation ------------------------------------------------------------------------

static obj_t *loc_strcoll(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("strcoll", nargs, kwnames, 2, 2) < 0) return NULL;
    if (need_str(args[0], "strcoll", 1) < 0 || need_str(args[1], "strcoll", 2) < 0) return NULL;
    wchar_t *a = wide_arg(args[0]);
    if (!a) return NULL;
    wchar_t *b = wide_arg(args[1]);
    if (!b) {
        free(a);
        return NULL;
    }
    int r = wcscoll(a, b);
    free(a);
    free(b);
    return int_from_i64(r);
}

static obj_t *loc_strxfrm(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("strxfrm", nargs, kwnames, 1, 1) < 0) return NULL;
    if (need_str(args[0], "strxfrm", 1) < 0) return NULL;
    wchar_t *s = wide_arg(args[0]);
    if (!s) return NULL;
    size_t n1 = wcslen(s) + 1;
    wchar_t *buf = malloc(n1 * sizeof(wchar_t));
    obj_t *r = NULL;
    if (!buf) {
        err_no_memory();
        goto done;
    }
    errno = 0;
    size_t n2 = wcsxfrm(buf, s, n1);
    if (errno && errno != ERANGE) {
        err_from_errno(errno, NULL);
        goto done;
    }
    if (n2 >= n1) { // more room needed
        wchar_t *bigger = realloc(buf, (n2 + 1) * sizeof(wchar_t));
        if (!bigger) {
            err_no_memory();
            goto done;
        }
        buf = bigger;
        errno = 0;
        n2 = wcsxfrm(buf, s, n2 + 1);
        if (errno) {
            err_from_errno(errno, NULL);
            goto done;
        }
    }
    r = from_wide(buf, n2);
done:
    free(buf);
    free(s);
    return r;
}

// ---- nl_langinfo, getencoding ---------------------------------------------------------

static const struct {
    const char *name;
    int value;
} langinfo_constants[] = {
#define LI(x)                                                                                      \
    { #x, x }
    LI(DAY_1),     LI(DAY_2),      LI(DAY_3),     LI(DAY_4),     LI(DAY_5),      LI(DAY_6),
    LI(DAY_7),     LI(ABDAY_1),    LI(ABDAY_2),   LI(ABDAY_3),   LI(ABDAY_4),    LI(ABDAY_5),
    LI(ABDAY_6),   LI(ABDAY_7),    LI(MON_1),     LI(MON_2),     LI(MON_3),      LI(MON_4),
    LI(MON_5),     LI(MON_6),      LI(MON_7),     LI(MON_8),     LI(MON_9),      LI(MON_10),
    LI(MON_11),    LI(MON_12),     LI(ABMON_1),   LI(ABMON_2),   LI(ABMON_3),    LI(ABMON_4),
    LI(ABMON_5),   LI(ABMON_6),    LI(ABMON_7),   LI(ABMON_8),   LI(ABMON_9),    LI(ABMON_10),
    LI(ABMON_11),  LI(ABMON_12),   LI(RADIXCHAR), LI(THOUSEP),   LI(YESEXPR),    LI(NOEXPR),
    LI(CRNCYSTR),  LI(D_T_FMT),    LI(D_FMT),     LI(T_FMT),     LI(AM_STR),     LI(PM_STR),
    LI(CODESET),   LI(T_FMT_AMPM), LI(ERA),       LI(ERA_D_FMT), LI(ALT_DIGITS), LI(ERA_D_T_FMT),
    LI(ERA_T_FMT), LI(_DATE_FMT),
#undef LI
};

static obj_t *langinfo_string(nl_item item) {
    locked_begin();
    char *copy = copy_cstr(nl_langinfo(item)); // glibc may return NULL for "" (ERA)
    locked_end();
    return decode_copy(copy);
}

static obj_t *loc_nl_langinfo(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("nl_langinfo", nargs, kwnames, 1, 1) < 0) return NULL;
    int key;
    if (int_arg(args[0], &key) < 0) return NULL;
    for (size_t i = 0; i < sizeof langinfo_constants / sizeof langinfo_constants[0]; i++)
        if (langinfo_constants[i].value == key) return langinfo_string((nl_item)key);
    err_set_str(exc_ValueError, "unsupported langinfo constant");
    return NULL;
}

// The locale's encoding (CPython's _Py_GetLocaleEncoding): CODESET, or
// "UTF-8" when libc gives none.
static obj_t *loc_getencoding(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getencoding", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *r = langinfo_string(CODESET);
    if (r && str_len(r) == 0) {
        DECREF(r);
        return str_from_cstr("UTF-8");
    }
    return r;
}

// ---- gettext ----------------------------------------------------------------------------

static obj_t *loc_gettext(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("gettext", nargs, kwnames, 1, 1) < 0) return NULL;
    const char *msg;
    if (c_string_arg(args[0], "gettext", 1, false, &msg) < 0) return NULL;
    return decode_locale(gettext(msg));
}

static obj_t *loc_dgettext(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dgettext", nargs, kwnames, 2, 2) < 0) return NULL;
    const char *domain, *msg;
    if (c_string_arg(args[0], "dgettext", 1, true, &domain) < 0 ||
        c_string_arg(args[1], "dgettext", 2, false, &msg) < 0)
        return NULL;
    return decode_locale(dgettext(domain, msg));
}

static obj_t *loc_dcgettext(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dcgettext", nargs, kwnames, 3, 3) < 0) return NULL;
    const char *domain, *msg;
    int category;
    if (c_string_arg(args[0], "dcgettext", 1, true, &domain) < 0 ||
        c_string_arg(args[1], "dcgettext", 2, false, &msg) < 0 || int_arg(args[2], &category) < 0)
        return NULL;
    return decode_locale(dcgettext(domain, msg, category));
}

static obj_t *loc_textdomain(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("textdomain", nargs, kwnames, 1, 1) < 0) return NULL;
    const char *domain;
    if (c_string_arg(args[0], "textdomain", 1, true, &domain) < 0) return NULL;
    const char *r = textdomain(domain);
    if (!r) return err_from_errno(errno, NULL);
    return decode_locale(r);
}

static obj_t *loc_bindtextdomain(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("bindtextdomain", nargs, kwnames, 2, 2) < 0) return NULL;
    const char *domain, *dir;
    if (c_string_arg(args[0], "bindtextdomain", 1, false, &domain) < 0 ||
        c_string_arg(args[1], "bindtextdomain", 2, true, &dir) < 0)
        return NULL;
    if (!*domain) {
        err_set_str(exc_ValueError, "empty string");
        return NULL;
    }
    errno = 0;
    const char *r = bindtextdomain(domain, dir);
    if (!r) return err_from_errno(errno ? errno : ENOMEM, NULL);
    return decode_locale(r);
}

static obj_t *loc_bind_textdomain_codeset(obj_t *self, obj_t *const *args, size_t nargs,
                                          obj_t *kwnames) {
    if (args_check("bind_textdomain_codeset", nargs, kwnames, 2, 2) < 0) return NULL;
    const char *domain, *codeset;
    if (c_string_arg(args[0], "bind_textdomain_codeset", 1, false, &domain) < 0 ||
        c_string_arg(args[1], "bind_textdomain_codeset", 2, true, &codeset) < 0)
        return NULL;
    errno = 0;
    const char *r = bind_textdomain_codeset(domain, codeset);
    if (!r) {
        if (errno) return err_from_errno(errno, NULL);
        return NEWREF(None);
    }
    return decode_locale(r);
}

// ---- the module -------------------------------------------------------------------------

static const method_def_t locale_functions[] = {
    {"setlocale", loc_setlocale, 0, NULL},
    {"localeconv", loc_localeconv, 0, NULL},
    {"strcoll", loc_strcoll, 0, NULL},
    {"strxfrm", loc_strxfrm, 0, NULL},
    {"nl_langinfo", loc_nl_langinfo, 0, NULL},
    {"getencoding", loc_getencoding, 0, NULL},
    {"gettext", loc_gettext, 0, NULL},
    {"dgettext", loc_dgettext, 0, NULL},
    {"dcgettext", loc_dcgettext, 0, NULL},
    {"textdomain", loc_textdomain, 0, NULL},
    {"bindtextdomain", loc_bindtextdomain, 0, NULL},
    {"bind_textdomain_codeset", loc_bind_textdomain_codeset, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct {
    const char *name;
    int value;
} locale_ints[] = {
    {"LC_CTYPE", LC_CTYPE},       {"LC_COLLATE", LC_COLLATE},   {"LC_TIME", LC_TIME},
    {"LC_MONETARY", LC_MONETARY}, {"LC_MESSAGES", LC_MESSAGES}, {"LC_NUMERIC", LC_NUMERIC},
    {"LC_ALL", LC_ALL},           {"CHAR_MAX", CHAR_MAX},
};

static int add_int(obj_t *d, const char *name, int value) {
    obj_t *v = int_from_i64(value);
    int rc = v ? dict_set_str(d, name, v) : -1;
    XDECREF(v);
    return rc;
}

obj_t *locale_module_init(void) {
    static _Atomic int ready;
    obj_t *m = module_new("_locale");
    if (!m) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, locale_functions) < 0) goto fail;
    if (!atomic_exchange(&ready, 1)) {
        locale_error = exc_new_class("locale", "Error", exc_Exception);
        if (locale_error) obj_immortalize(locale_error);
    }
    if (!locale_error || dict_set_str(d, "Error", locale_error) < 0) goto fail;
    for (size_t i = 0; i < sizeof locale_ints / sizeof locale_ints[0]; i++)
        if (add_int(d, locale_ints[i].name, locale_ints[i].value) < 0) goto fail;
    for (size_t i = 0; i < sizeof langinfo_constants / sizeof langinfo_constants[0]; i++)
        if (add_int(d, langinfo_constants[i].name, langinfo_constants[i].value) < 0) goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
