/*
 * core/mod_time_tm.c — the calendar half of the `time` module: struct_time,
 * gmtime, localtime, mktime, asctime, ctime, strftime, strptime (through
 * the pure-Python _strptime), the time zone attributes and tzset, the
 * CLOCK_* constants, clock_gettime/getres/settime and get_clock_info.
 * core/mod_time.c calls time_tm_add() from its module init.
 *
 * struct_time is a tuple subclass of 9 items that carries two more,
 * tm_zone and tm_gmtoff, past its size: the block has room for 11 item
 * slots, `size` says 9, so len(), indexing, hashing and comparison see the
 * 9 (as CPython's struct sequence), the two extra fields are read by name
 * and released by the type's own dealloc.  Instances are immutable, so no
 * lock is needed.  tzset() rebinds the module's timezone attributes, each
 * a dict store (atomic); the C library's time zone state is guarded by
 * the C library.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "error.h"
#include "import.h"
#include "sysmodule.h"

#define TM_VISIBLE 9
#define TM_FIELDS  11

static type_t struct_time_type;

// ---- struct_time ---------------------------------------------------------------------

// A struct_time from 11 items (stolen; a NULL item: allocation failed).
static obj_t *struct_time_make(obj_t **items) {
    tuple_t *t = NULL;
    for (size_t i = 0; i < TM_FIELDS; i++)
        if (!items[i]) goto fail;
    t = (tuple_t *)obj_alloc(&struct_time_type, sizeof(tuple_t) + TM_FIELDS * sizeof(obj_t *));
    if (!t) goto fail;
    atomic_store_explicit(&t->hash, -1, memory_order_relaxed);
    t->size = TM_VISIBLE;
    for (size_t i = 0; i < TM_FIELDS; i++)
        t->items[i] = items[i];
    return (obj_t *)t;
fail:
    for (size_t i = 0; i < TM_FIELDS; i++)
        XDECREF(items[i]);
    return NULL;
}

static void struct_time_dealloc(obj_t *o) {
    tuple_t *t = (tuple_t *)o;
    XDECREF(t->items[TM_FIELDS - 1]);
    XDECREF(t->items[TM_VISIBLE]);
    tuple_type.dealloc(o);
}

static obj_t *struct_time_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"sequence", "dict", NULL};
    obj_t *a[2];
    if (args_parse("struct_time", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *seq = TUPLE_CHECK(a[0]) || LIST_CHECK(a[0]) ? obj_iter(a[0]) : NULL;
    if (!seq) {
        err_clear();
        seq = obj_iter(a[0]);
        if (!seq) {
            err_clear();
            err_set_str(exc_TypeError, "constructor requires a sequence");
            return NULL;
        }
    }
    obj_t *tup = tuple_from_iterable(seq);
    DECREF(seq);
    if (!tup) return NULL;
    size_t n = TUPLE_SIZE(tup);
    if (n < TM_VISIBLE || n > TM_FIELDS) {
        err_format(exc_TypeError, "time.struct_time() takes an %s %d-sequence (%zu-sequence given)",
                   n < TM_VISIBLE ? "at least" : "at most", n < TM_VISIBLE ? TM_VISIBLE : TM_FIELDS,
                   n);
        DECREF(tup);
        return NULL;
    }
    obj_t *dict = a[1] && a[1] != None ? a[1] : NULL;
    if (dict && !DICT_CHECK(dict)) {
        err_format(exc_TypeError, "struct_time() argument 2 must be dict, not %s",
                   obj_type_name(dict));
        DECREF(tup);
        return NULL;
    }
    obj_t *items[TM_FIELDS];
    for (size_t i = 0; i < TM_FIELDS; i++) {
        if (i < n) {
            items[i] = NEWREF(TUPLE_GET(tup, i));
            continue;
        }
        obj_t *v = NULL;
        if (dict) {
            v = dict_get_str(dict, i == TM_VISIBLE ? "tm_zone" : "tm_gmtoff");
            if (!v && err_occurred()) {
                for (size_t j = 0; j < i; j++)
                    DECREF(items[j]);
                DECREF(tup);
                return NULL;
            }
        }
        items[i] = v ? v : NEWREF(None);
    }
    DECREF(tup);
    return struct_time_make(items);
}

static obj_t *struct_time_get(obj_t *self, void *closure) {
    return NEWREF(((tuple_t *)self)->items[(size_t)(uintptr_t)closure]);
}

static int struct_time_set(obj_t *self, obj_t *value, void *closure) {
    err_set_str(exc_AttributeError, "readonly attribute");
    return -1;
}

static obj_t *struct_time_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    tuple_t *t = (tuple_t *)self;
    obj_t *vis = tuple_new(TM_VISIBLE);
    obj_t *d = vis ? dict_new() : NULL;
    if (!d) goto fail;
    for (size_t i = 0; i < TM_VISIBLE; i++)
        TUPLE_SET(vis, i, NEWREF(t->items[i]));
    if (dict_set_str(d, "tm_zone", t->items[TM_VISIBLE]) < 0 ||
        dict_set_str(d, "tm_gmtoff", t->items[TM_VISIBLE + 1]) < 0)
        goto fail;
    obj_t *inner = tuple_pack(2, vis, d);
    DECREF(vis);
    DECREF(d);
    if (!inner) return NULL;
    obj_t *r = tuple_pack(2, (obj_t *)&struct_time_type, inner);
    DECREF(inner);
    return r;
fail:
    XDECREF(vis);
    XDECREF(d);
    return NULL;
}

#define TM_FIELD(name, i)                                                                          \
    { name, struct_time_get, struct_time_set, (void *)(i) }

static const getset_def_t struct_time_getsets[] = {
    TM_FIELD("tm_year", 0), TM_FIELD("tm_mon", 1),     TM_FIELD("tm_mday", 2),
    TM_FIELD("tm_hour", 3), TM_FIELD("tm_min", 4),     TM_FIELD("tm_sec", 5),
    TM_FIELD("tm_wday", 6), TM_FIELD("tm_yday", 7),    TM_FIELD("tm_isdst", 8),
    TM_FIELD("tm_zone", 9), TM_FIELD("tm_gmtoff", 10), {NULL},
};

static const method_def_t struct_time_methods[] = {
    {"__reduce__", struct_time_reduce, METH_DEFAULT, NULL},
    {NULL},
};

static type_t struct_time_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "time.struct_time",
    .basicsize = sizeof(tuple_t),
    .itemsize = sizeof(obj_t *),
    .flags = TPFLAG_TUPLE_SUBCLASS,
    .base = &tuple_type,
    .dealloc = struct_time_dealloc,
    .repr = sys_seq_repr,
    .tp_new = struct_time_new,
    .methods = struct_time_methods,
    .getsets = struct_time_getsets,
    .doc = "The time value as returned by gmtime(), localtime(), and strptime(), and\n"
           " accepted by asctime(), mktime() and strftime().  May be considered as a\n"
           " sequence of 9 integers.",
};

static obj_t *tm_to_struct_time(const struct tm *p) {
    obj_t *items[TM_FIELDS] = {
        int_from_i64((int64_t)p->tm_year + 1900),
        int_from_i64(p->tm_mon + 1),
        int_from_i64(p->tm_mday),
        int_from_i64(p->tm_hour),
        int_from_i64(p->tm_min),
        int_from_i64(p->tm_sec),
        int_from_i64((p->tm_wday + 6) % 7),
        int_from_i64(p->tm_yday + 1),
        int_from_i64(p->tm_isdst),
        p->tm_zone ? str_from_cstr(p->tm_zone) : NEWREF(None),
        int_from_i64(p->tm_gmtoff),
    };
    return struct_time_make(items);
}

// ---- argument conversions ------------------------------------------------------------

// A timestamp argument as time_t, rounded toward -inf (floats), as CPython's
// _PyTime_ObjectToTime_t.  None: now.
static int object_to_time_t(obj_t *o, time_t *out) {
    if (o == NULL || o == None) {
        *out = time(NULL);
        return 0;
    }
    if (FLOAT_CHECK(o)) {
        double d = float_as_double(o);
        if (isnan(d)) {
            err_set_str(exc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
        d = floor(d);
        if (!(d >= (double)INT64_MIN && d < (double)INT64_MAX)) goto range;
        *out = (time_t)d;
        return 0;
    }
    obj_t *i = obj_index(o);
    if (!i) return -1;
    int64_t v;
    int rc = int_as_i64(i, &v);
    DECREF(i);
    if (rc < 0) {
        if (!err_matches(exc_OverflowError)) return -1;
        err_clear();
        goto range;
    }
    *out = (time_t)v;
    return 0;
range:
    err_set_str(exc_OverflowError, "timestamp out of range for platform time_t");
    return -1;
}

// A 9-tuple or struct_time into *p (as CPython's gettmarg): year made
// relative to 1900, month and yday 0-based, weekday Sunday-based.  For a
// struct_time tm_zone/tm_gmtoff come along; *zone keeps the zone string
// alive (new reference or NULL).
static int gettmarg(obj_t *args, struct tm *p, const char *fname, obj_t **zone) {
    memset(p, 0, sizeof *p);
    *zone = NULL;
    if (!TUPLE_CHECK(args)) {
        err_set_str(exc_TypeError, "Tuple or struct_time argument required");
        return -1;
    }
    if (TUPLE_SIZE(args) != TM_VISIBLE) {
        err_format(exc_TypeError, "%s(): illegal time tuple argument", fname);
        return -1;
    }
    int y, f[8];
    if (obj_int_arg(TUPLE_GET(args, 0), &y) < 0) return -1;
    for (size_t i = 1; i < TM_VISIBLE; i++)
        if (obj_int_arg(TUPLE_GET(args, i), &f[i - 1]) < 0) return -1;
    p->tm_year = (int)((long)y - 1900);
    p->tm_mon = f[0] - 1;
    p->tm_mday = f[1];
    p->tm_hour = f[2];
    p->tm_min = f[3];
    p->tm_sec = f[4];
    p->tm_wday = (f[5] + 1) % 7;
    p->tm_yday = f[6] - 1;
    p->tm_isdst = f[7];
    if (TYPE(args) == &struct_time_type) {
        obj_t *z = ((tuple_t *)args)->items[TM_VISIBLE];
        obj_t *off = ((tuple_t *)args)->items[TM_VISIBLE + 1];
        if (z != None) {
            if (!STR_CHECK(z)) {
                err_format(exc_TypeError, "bad argument type for built-in operation");
                return -1;
            }
            *zone = NEWREF(z);
            p->tm_zone = str_data(z);
        }
        if (off != None) {
            int64_t g;
            if (!INT_CHECK(off)) {
                err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                           obj_type_name(off));
                goto fail;
            }
            if (int_as_i64(off, &g) < 0) goto fail;
            p->tm_gmtoff = (long)g;
        }
    }
    return 0;
fail:
    CLEAR(*zone);
    return -1;
}

// The range checks of asctime() and strftime() (CPython's checktm), with
// its fix-ups of zero month, day and yday.
static int checktm(struct tm *p) {
    const char *bad = NULL;
    if (p->tm_mon == -1)
        p->tm_mon = 0;
    else if (p->tm_mon < 0 || p->tm_mon > 11)
        bad = "month out of range";
    if (!bad) {
        if (p->tm_mday == 0)
            p->tm_mday = 1;
        else if (p->tm_mday < 0 || p->tm_mday > 31)
            bad = "day of month out of range";
    }
    if (!bad && (p->tm_hour < 0 || p->tm_hour > 23)) bad = "hour out of range";
    if (!bad && (p->tm_min < 0 || p->tm_min > 59)) bad = "minute out of range";
    if (!bad && (p->tm_sec < 0 || p->tm_sec > 61)) bad = "seconds out of range";
    if (!bad && p->tm_wday < 0) bad = "day of week out of range";
    if (!bad) {
        if (p->tm_yday == -1)
            p->tm_yday = 0;
        else if (p->tm_yday < 0 || p->tm_yday > 365)
            bad = "day of year out of range";
    }
    if (bad) {
        err_set_str(exc_ValueError, bad);
        return -1;
    }
    return 0;
}

static int local_tm(time_t t, struct tm *p) {
    errno = 0;
    if (localtime_r(&t, p) == NULL) {
        if (errno == 0) errno = EINVAL;
        err_from_errno(errno, NULL);
        return -1;
    }
    return 0;
}

// ---- gmtime, localtime, mktime, asctime, ctime ---------------------------------------

static obj_t *time_gmtime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("gmtime", nargs, kwnames, 0, 1) < 0) return NULL;
    time_t t;
    if (object_to_time_t(nargs ? args[0] : NULL, &t) < 0) return NULL;
    struct tm tm;
    errno = 0;
    if (gmtime_r(&t, &tm) == NULL) return err_from_errno(errno ? errno : EINVAL, NULL);
    return tm_to_struct_time(&tm);
}

static obj_t *time_localtime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("localtime", nargs, kwnames, 0, 1) < 0) return NULL;
    time_t t;
    if (object_to_time_t(nargs ? args[0] : NULL, &t) < 0) return NULL;
    struct tm tm;
    if (local_tm(t, &tm) < 0) return NULL;
    return tm_to_struct_time(&tm);
}

static obj_t *time_mktime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("time.mktime", nargs, kwnames, 1, 1) < 0) return NULL;
    struct tm tm;
    obj_t *zone;
    if (gettmarg(args[0], &tm, "mktime", &zone) < 0) return NULL;
    tm.tm_wday = -1; // mktime sets it: still -1 means failure
    time_t t = mktime(&tm);
    XDECREF(zone);
    if (t == (time_t)-1 && tm.tm_wday == -1) {
        err_set_str(exc_OverflowError, "mktime argument out of range");
        return NULL;
    }
    return float_from_double((double)t);
}

static obj_t *format_asctime(const struct tm *p) {
    static const char wday[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char mon[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[80];
    snprintf(buf, sizeof buf, "%s %s%3d %.2d:%.2d:%.2d %lld", wday[p->tm_wday], mon[p->tm_mon],
             p->tm_mday, p->tm_hour, p->tm_min, p->tm_sec, (long long)p->tm_year + 1900);
    return str_from_cstr(buf);
}

static obj_t *time_asctime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("asctime", nargs, kwnames, 0, 1) < 0) return NULL;
    struct tm tm;
    if (nargs == 0) {
        if (local_tm(time(NULL), &tm) < 0) return NULL;
        return format_asctime(&tm);
    }
    obj_t *zone;
    if (gettmarg(args[0], &tm, "asctime", &zone) < 0) return NULL;
    XDECREF(zone);
    if (checktm(&tm) < 0) return NULL;
    return format_asctime(&tm);
}

static obj_t *time_ctime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("ctime", nargs, kwnames, 0, 1) < 0) return NULL;
    time_t t;
    if (object_to_time_t(nargs ? args[0] : NULL, &t) < 0) return NULL;
    struct tm tm;
    if (local_tm(t, &tm) < 0) return NULL;
    return format_asctime(&tm);
}

// ---- strftime, strptime --------------------------------------------------------------

// wcsftime over the format's code points, as CPython on glibc: lone
// surrogates and other odd characters pass through unchanged.
static obj_t *format_time(obj_t *fmt, const struct tm *tm) {
    size_t n = str_len(fmt);
    wchar_t *wfmt = malloc((n + 1) * sizeof(wchar_t));
    if (!wfmt) return err_no_memory();
    const char *p = str_data(fmt);
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = utf8_decode(&p);
        if (cp == 0) {
            free(wfmt);
            err_set_str(exc_ValueError, "embedded null character");
            return NULL;
        }
        wfmt[i] = (wchar_t)cp;
    }
    wfmt[n] = 0;
    obj_t *res = NULL;
    for (size_t cap = 1024;; cap += cap) {
        wchar_t *out = malloc(cap * sizeof(wchar_t));
        if (!out) {
            err_no_memory();
            break;
        }
        size_t len = wcsftime(out, cap, wfmt, tm);
        if (len > 0 || cap >= 256 * (n + 1)) {
            str_builder_t b;
            str_builder_init(&b);
            for (size_t i = 0; i < len; i++)
                str_builder_add_codepoint(&b, (uint32_t)out[i]);
            free(out);
            res = str_builder_finish(&b);
            break;
        }
        free(out);
    }
    free(wfmt);
    return res;
}

static obj_t *time_strftime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("strftime", nargs, kwnames, 1, 2) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "strftime() argument 1 must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    struct tm tm;
    obj_t *zone = NULL;
    if (nargs < 2) {
        if (local_tm(time(NULL), &tm) < 0) return NULL;
    } else {
        if (gettmarg(args[1], &tm, "strftime", &zone) < 0) return NULL;
        if (checktm(&tm) < 0) {
            XDECREF(zone);
            return NULL;
        }
        if (tm.tm_isdst < -1)
            tm.tm_isdst = -1;
        else if (tm.tm_isdst > 1)
            tm.tm_isdst = 1;
    }
    obj_t *r = format_time(args[0], &tm);
    XDECREF(zone);
    return r;
}

static obj_t *time_strptime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("strptime", kwnames) < 0) return NULL;
    obj_t *mod = import_module("_strptime");
    if (!mod) return NULL;
    obj_t *fn = obj_getattr_str(mod, "_strptime_time");
    DECREF(mod);
    if (!fn) return NULL;
    obj_t *r = obj_call(fn, args, nargs, NULL);
    DECREF(fn);
    return r;
}

// ---- time zone -----------------------------------------------------------------------

// timezone, altzone, daylight and tzname from the offsets of early January
// and early July of this year (CPython's way on glibc).
static int set_timezone(obj_t *m) {
    const time_t year = (365 * 24 + 6) * 3600;
    time_t t = (time(NULL) / year) * year;
    struct tm p;
    char jan[10] = "", jul[10] = "";
    if (local_tm(t, &p) < 0) return -1;
    strftime(jan, 9, "%Z", &p);
    long janzone = -p.tm_gmtoff;
    t += year / 2;
    if (local_tm(t, &p) < 0) return -1;
    strftime(jul, 9, "%Z", &p);
    long julzone = -p.tm_gmtoff;
    bool south = janzone < julzone; // DST in the southern hemisphere
    obj_t *tz = int_from_i64(south ? julzone : janzone);
    obj_t *alt = int_from_i64(south ? janzone : julzone);
    obj_t *day = int_from_i64(janzone != julzone);
    obj_t *n0 = str_from_cstr(south ? jul : jan), *n1 = str_from_cstr(south ? jan : jul);
    obj_t *names = n0 && n1 ? tuple_pack(2, n0, n1) : NULL;
    obj_t *d = module_dict(m);
    int rc = -1;
    if (tz && alt && day && names && dict_set_str(d, "timezone", tz) == 0 &&
        dict_set_str(d, "altzone", alt) == 0 && dict_set_str(d, "daylight", day) == 0 &&
        dict_set_str(d, "tzname", names) == 0)
        rc = 0;
    XDECREF(tz);
    XDECREF(alt);
    XDECREF(day);
    XDECREF(n0);
    XDECREF(n1);
    XDECREF(names);
    return rc;
}

static obj_t *time_tzset(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("time.tzset", nargs, kwnames, 0, 0) < 0) return NULL;
    tzset();
    if (set_timezone(self) < 0) return NULL;
    return NEWREF(None);
}

// ---- clocks by id --------------------------------------------------------------------

static int clock_id_arg(obj_t *o, clockid_t *out) {
    int v;
    if (obj_int_arg(o, &v) < 0) return -1;
    *out = (clockid_t)v;
    return 0;
}

static obj_t *time_clock_gettime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    clockid_t id;
    if (args_check_tuple("clock_gettime", nargs, kwnames, 1, 1) < 0 ||
        clock_id_arg(args[0], &id) < 0)
        return NULL;
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) return err_from_errno(errno, NULL);
    return float_from_double((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static obj_t *time_clock_gettime_ns(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    clockid_t id;
    if (args_check_tuple("clock_gettime_ns", nargs, kwnames, 1, 1) < 0 ||
        clock_id_arg(args[0], &id) < 0)
        return NULL;
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) return err_from_errno(errno, NULL);
    return int_from_i64((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

static obj_t *time_clock_getres(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    clockid_t id;
    if (args_check_tuple("clock_getres", nargs, kwnames, 1, 1) < 0 ||
        clock_id_arg(args[0], &id) < 0)
        return NULL;
    struct timespec ts;
    if (clock_getres(id, &ts) != 0) return err_from_errno(errno, NULL);
    return float_from_double((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static obj_t *time_clock_settime(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    clockid_t id;
    if (args_check_tuple("clock_settime", nargs, kwnames, 2, 2) < 0 ||
        clock_id_arg(args[0], &id) < 0)
        return NULL;
    if (!INT_CHECK(args[1]) && !FLOAT_CHECK(args[1])) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(args[1]));
        return NULL;
    }
    double secs = float_as_double(args[1]);
    if (secs == -1.0 && err_occurred()) return NULL;
    struct timespec ts;
    ts.tv_sec = (time_t)floor(secs);
    ts.tv_nsec = (long)((secs - floor(secs)) * 1e9);
    if (clock_settime(id, &ts) != 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *time_clock_settime_ns(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    clockid_t id;
    if (args_check_tuple("clock_settime_ns", nargs, kwnames, 2, 2) < 0 ||
        clock_id_arg(args[0], &id) < 0)
        return NULL;
    obj_t *i = obj_index(args[1]);
    if (!i) return NULL;
    int64_t ns;
    int rc = int_as_i64(i, &ns);
    DECREF(i);
    if (rc < 0) return NULL;
    struct timespec ts;
    ts.tv_sec = (time_t)(ns / 1000000000);
    ts.tv_nsec = (long)(ns % 1000000000);
    if (ts.tv_nsec < 0) {
        ts.tv_nsec += 1000000000;
        ts.tv_sec--;
    }
    if (clock_settime(id, &ts) != 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *time_pthread_getcpuclockid(obj_t *self, obj_t *const *args, size_t nargs,
                                         obj_t *kwnames) {
    if (args_check_tuple("pthread_getcpuclockid", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *i = obj_index(args[0]);
    if (!i) return NULL;
    int64_t tid;
    int rc = int_as_i64(i, &tid);
    DECREF(i);
    if (rc < 0) return NULL;
    clockid_t id;
    int err = pthread_getcpuclockid((pthread_t)tid, &id);
    if (err) return err_from_errno(err, NULL);
    return int_from_i64(id);
}

static obj_t *time_get_clock_info(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("get_clock_info", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "get_clock_info() argument 1 must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    static const struct {
        const char *name, *impl;
        clockid_t id;
        bool monotonic, adjustable;
    } clocks[] = {
        {"time", "clock_gettime(CLOCK_REALTIME)", CLOCK_REALTIME, false, true},
        {"monotonic", "clock_gettime(CLOCK_MONOTONIC)", CLOCK_MONOTONIC, true, false},
        {"perf_counter", "clock_gettime(CLOCK_MONOTONIC)", CLOCK_MONOTONIC, true, false},
        {"process_time", "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", CLOCK_PROCESS_CPUTIME_ID, true,
         false},
        {"thread_time", "clock_gettime(CLOCK_THREAD_CPUTIME_ID)", CLOCK_THREAD_CPUTIME_ID, true,
         false},
    };
    size_t k = 0;
    while (k < sizeof clocks / sizeof clocks[0] && !str_eq_cstr(args[0], clocks[k].name))
        k++;
    if (k == sizeof clocks / sizeof clocks[0]) {
        err_set_str(exc_ValueError, "unknown clock");
        return NULL;
    }
    struct timespec res;
    double resolution = 1e-9;
    if (clock_getres(clocks[k].id, &res) == 0)
        resolution = (double)res.tv_sec + (double)res.tv_nsec * 1e-9;
    // types.SimpleNamespace is the type of sys.implementation.
    obj_t *sys = import_module("sys");
    obj_t *impl = sys ? obj_getattr_str(sys, "implementation") : NULL;
    XDECREF(sys);
    if (!impl) return NULL;
    obj_t *ns_type = NEWREF((obj_t *)TYPE(impl));
    DECREF(impl);
    obj_t *vals[4] = {str_from_cstr(clocks[k].impl), NEWREF(bool_from(clocks[k].monotonic)),
                      NEWREF(bool_from(clocks[k].adjustable)), float_from_double(resolution)};
    obj_t *kw = tuple_new(4);
    obj_t *r = NULL;
    if (kw && vals[0] && vals[3]) {
        static const char *const keys[4] = {"implementation", "monotonic", "adjustable",
                                            "resolution"};
        for (size_t i = 0; i < 4; i++)
            TUPLE_SET(kw, i, NEWREF(str_intern(keys[i])));
        r = obj_call(ns_type, vals, 0, kw);
    }
    XDECREF(kw);
    for (size_t i = 0; i < 4; i++)
        XDECREF(vals[i]);
    DECREF(ns_type);
    return r;
}

static const method_def_t tm_functions[] = {
    {"gmtime", time_gmtime, 0, NULL},
    {"localtime", time_localtime, 0, NULL},
    {"mktime", time_mktime, 0, NULL},
    {"asctime", time_asctime, 0, NULL},
    {"ctime", time_ctime, 0, NULL},
    {"strftime", time_strftime, 0, NULL},
    {"strptime", time_strptime, 0, NULL},
    {"tzset", time_tzset, 0, NULL},
    {"clock_gettime", time_clock_gettime, 0, NULL},
    {"clock_gettime_ns", time_clock_gettime_ns, 0, NULL},
    {"clock_getres", time_clock_getres, 0, NULL},
    {"clock_settime", time_clock_settime, 0, NULL},
    {"clock_settime_ns", time_clock_settime_ns, 0, NULL},
    {"pthread_getcpuclockid", time_pthread_getcpuclockid, 0, NULL},
    {"get_clock_info", time_get_clock_info, 0, NULL},
    {NULL},
};

static int add_int(obj_t *m, const char *name, int64_t v) {
    obj_t *o = int_from_i64(v);
    if (!o) return -1;
    int rc = dict_set_str(module_dict(m), name, o);
    DECREF(o);
    return rc;
}

int time_tm_add(obj_t *m) {
    static _Atomic int ready;
    if (type_ensure_ready(&struct_time_type) < 0) return -1;
    if (!atomic_exchange(&ready, 1)) {
        obj_t *d = struct_time_type.dict;
        obj_t *a = int_from_i64(TM_FIELDS), *b = int_from_i64(TM_VISIBLE), *c = int_from_i64(0);
        int rc = a && b && c && dict_set_str(d, "n_fields", a) == 0 &&
                         dict_set_str(d, "n_sequence_fields", b) == 0 &&
                         dict_set_str(d, "n_unnamed_fields", c) == 0
                     ? 0
                     : -1;
        XDECREF(a);
        XDECREF(b);
        XDECREF(c);
        if (rc < 0) return -1;
        type_modified(&struct_time_type);
    }
    tzset();
    if (module_add_functions(m, tm_functions) < 0 ||
        dict_set_str(module_dict(m), "struct_time", (obj_t *)&struct_time_type) < 0 ||
        set_timezone(m) < 0 || add_int(m, "_STRUCT_TM_ITEMS", TM_FIELDS) < 0 ||
        add_int(m, "CLOCK_REALTIME", CLOCK_REALTIME) < 0 ||
        add_int(m, "CLOCK_MONOTONIC", CLOCK_MONOTONIC) < 0 ||
        add_int(m, "CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW) < 0 ||
        add_int(m, "CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID) < 0 ||
        add_int(m, "CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID) < 0 ||
        add_int(m, "CLOCK_BOOTTIME", CLOCK_BOOTTIME) < 0 || add_int(m, "CLOCK_TAI", CLOCK_TAI) < 0)
        return -1;
    return 0;
}
