/*
 * modules/resource.c — the native `resource` module (CPython 3.11's API on
 * Linux): getrlimit / setrlimit / prlimit over the process's resource
 * limits, getrusage returning a `resource.struct_rusage` struct sequence,
 * getpagesize, the RLIMIT_* / RUSAGE_* constants, RLIM_INFINITY and
 * `error` (OSError).
 *
 * Limits cross into Python as CPython's do: RLIM_INFINITY is -1, any other
 * rlim_t value is shown as a signed 64-bit integer; a limit given from
 * Python goes through __index__ and must fit a C long ("Python int too
 * large to convert to C long"), a negative one being reinterpreted as
 * rlim_t (-1 is RLIM_INFINITY).  libregrtest (ulimit for open files) and
 * test.support.SuppressCrashReport (no core files) use it.
 *
 * The module has no state of its own: the limits belong to the kernel,
 * which serializes changes, so it needs no locking.
 */
#define _GNU_SOURCE // prlimit, RUSAGE_THREAD
#include <errno.h>
#include <limits.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "structseq.h"

// ---- struct_rusage -------------------------------------------------------------------------

static const getset_def_t rusage_getsets[] = {
    STRUCTSEQ_FIELD("ru_utime", 0),    STRUCTSEQ_FIELD("ru_stime", 1),
    STRUCTSEQ_FIELD("ru_maxrss", 2),   STRUCTSEQ_FIELD("ru_ixrss", 3),
    STRUCTSEQ_FIELD("ru_idrss", 4),    STRUCTSEQ_FIELD("ru_isrss", 5),
    STRUCTSEQ_FIELD("ru_minflt", 6),   STRUCTSEQ_FIELD("ru_majflt", 7),
    STRUCTSEQ_FIELD("ru_nswap", 8),    STRUCTSEQ_FIELD("ru_inblock", 9),
    STRUCTSEQ_FIELD("ru_oublock", 10), STRUCTSEQ_FIELD("ru_msgsnd", 11),
    STRUCTSEQ_FIELD("ru_msgrcv", 12),  STRUCTSEQ_FIELD("ru_nsignals", 13),
    STRUCTSEQ_FIELD("ru_nvcsw", 14),   STRUCTSEQ_FIELD("ru_nivcsw", 15),
    {NULL, NULL, NULL, NULL},
};
static const char *const rusage_names[] = {
    "ru_utime",  "ru_stime",    "ru_maxrss", "ru_ixrss",   "ru_idrss",   "ru_isrss",
    "ru_minflt", "ru_majflt",   "ru_nswap",  "ru_inblock", "ru_oublock", "ru_msgsnd",
    "ru_msgrcv", "ru_nsignals", "ru_nvcsw",  "ru_nivcsw",
};
static structseq_type_t rusage_type =
    STRUCTSEQ_TYPE("resource.struct_rusage", rusage_getsets, 16, 16, rusage_names);

static double tv_seconds(struct timeval tv) {
    return (double)tv.tv_sec + (double)tv.tv_usec * 1e-6;
}

// A struct_rusage from `ru` (os.wait3/wait4 build theirs through this too).
obj_t *resource_rusage_new(const struct rusage *ru) {
    if (structseq_ready(&rusage_type, 0) < 0) return NULL;
    obj_t *it[16] = {
        float_from_double(tv_seconds(ru->ru_utime)),
        float_from_double(tv_seconds(ru->ru_stime)),
        int_from_i64(ru->ru_maxrss),
        int_from_i64(ru->ru_ixrss),
        int_from_i64(ru->ru_idrss),
        int_from_i64(ru->ru_isrss),
        int_from_i64(ru->ru_minflt),
        int_from_i64(ru->ru_majflt),
        int_from_i64(ru->ru_nswap),
        int_from_i64(ru->ru_inblock),
        int_from_i64(ru->ru_oublock),
        int_from_i64(ru->ru_msgsnd),
        int_from_i64(ru->ru_msgrcv),
        int_from_i64(ru->ru_nsignals),
        int_from_i64(ru->ru_nvcsw),
        int_from_i64(ru->ru_nivcsw),
    };
    return structseq_new(&rusage_type, it);
}

// ---- conversions ---------------------------------------------------------------------------

// An int argument that must fit a C int (the resource number, `who`).
static int int_arg(obj_t *v, int *out) {
    obj_t *iv = obj_index(v);
    if (iv == NULL) return -1;
    int64_t x;
    int rc = int_as_i64(iv, &x);
    DECREF(iv);
    if (rc < 0 || x > INT_MAX || x < INT_MIN) {
        err_clear();
        err_set_str(exc_OverflowError, x < 0 && rc == 0
                                           ? "Python int too small to convert to C int"
                                           : "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)x;
    return 0;
}

static int resource_arg(obj_t *v, int *out) {
    if (int_arg(v, out) < 0) return -1;
    if (*out < 0 || *out >= RLIM_NLIMITS) {
        err_set_str(exc_ValueError, "invalid resource specified");
        return -1;
    }
    return 0;
}

static int rlim_from_obj(obj_t *v, rlim_t *out) {
    obj_t *iv = obj_index(v);
    if (iv == NULL) return -1;
    int64_t x;
    int rc = int_as_i64(iv, &x); // OverflowError "... to C long" as CPython's
    DECREF(iv);
    if (rc < 0) return -1;
    *out = (rlim_t)x;
    return 0;
}

static obj_t *rlim_to_obj(rlim_t v) {
    if (v == RLIM_INFINITY) return int_from_i64(-1);
    return int_from_i64((int64_t)v);
}

// (soft, hard) from any iterable of exactly two ints.
static int limits_from_obj(obj_t *limits, struct rlimit *rl) {
    obj_t *t = tuple_from_iterable(limits);
    if (t == NULL) return -1;
    if (TUPLE_SIZE(t) != 2) {
        DECREF(t);
        err_set_str(exc_ValueError, "expected a tuple of 2 integers");
        return -1;
    }
    int rc = rlim_from_obj(TUPLE_ITEMS(t)[0], &rl->rlim_cur) < 0 ||
                     rlim_from_obj(TUPLE_ITEMS(t)[1], &rl->rlim_max) < 0
                 ? -1
                 : 0;
    DECREF(t);
    return rc;
}

static obj_t *limits_to_obj(const struct rlimit *rl) {
    obj_t *s = rlim_to_obj(rl->rlim_cur);
    obj_t *h = s ? rlim_to_obj(rl->rlim_max) : NULL;
    obj_t *r = h ? tuple_pack(2, s, h) : NULL;
    XDECREF(s);
    XDECREF(h);
    return r;
}

// setrlimit / prlimit's errors, as CPython words them.
static obj_t *set_error(int e) {
    if (e == EINVAL)
        err_set_str(exc_ValueError, "current limit exceeds maximum limit");
    else if (e == EPERM)
        err_set_str(exc_ValueError, "not allowed to raise maximum limit");
    else
        err_from_errno(e, NULL);
    return NULL;
}

// ---- functions -----------------------------------------------------------------------------

static obj_t *res_getrlimit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("resource.getrlimit", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "resource.getrlimit() takes exactly one argument (%zu given)",
                   nargs);
        return NULL;
    }
    int res;
    if (resource_arg(args[0], &res) < 0) return NULL;
    struct rlimit rl;
    if (getrlimit(res, &rl) < 0) return err_from_errno(errno, NULL);
    return limits_to_obj(&rl);
}

static obj_t *res_setrlimit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("resource.setrlimit", kwnames) < 0) return NULL;
    if (nargs != 2) {
        err_format(exc_TypeError, "setrlimit expected 2 arguments, got %zu", nargs);
        return NULL;
    }
    int res;
    struct rlimit rl;
    if (resource_arg(args[0], &res) < 0 || limits_from_obj(args[1], &rl) < 0) return NULL;
    if (setrlimit(res, &rl) < 0) return set_error(errno);
    return NEWREF(None);
}

static obj_t *res_prlimit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("resource.prlimit", kwnames) < 0) return NULL;
    if (nargs < 2 || nargs > 3) {
        err_set_str(exc_TypeError, "resource.prlimit requires 2 to 3 arguments");
        return NULL;
    }
    int64_t pid;
    obj_t *ip = obj_index(args[0]);
    if (ip == NULL) return NULL;
    int rc = int_as_i64(ip, &pid);
    DECREF(ip);
    if (rc < 0) return NULL;
    if (pid > INT_MAX || pid < INT_MIN) {
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    int res;
    if (resource_arg(args[1], &res) < 0) return NULL;
    struct rlimit new_rl, old_rl;
    if (nargs == 3 && limits_from_obj(args[2], &new_rl) < 0) return NULL;
    if (prlimit((pid_t)pid, res, nargs == 3 ? &new_rl : NULL, &old_rl) < 0) {
        if (errno == EINVAL && nargs == 3) return set_error(errno);
        return err_from_errno(errno, NULL);
    }
    return limits_to_obj(&old_rl);
}

static obj_t *res_getrusage(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("resource.getrusage", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "resource.getrusage() takes exactly one argument (%zu given)",
                   nargs);
        return NULL;
    }
    int who;
    if (int_arg(args[0], &who) < 0) return NULL;
    struct rusage ru;
    if (getrusage(who, &ru) < 0) {
        if (errno == EINVAL) {
            err_set_str(exc_ValueError, "invalid who parameter");
            return NULL;
        }
        return err_from_errno(errno, NULL);
    }
    return resource_rusage_new(&ru);
}

static obj_t *res_getpagesize(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("resource.getpagesize", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(sysconf(_SC_PAGESIZE));
}

static const method_def_t resource_functions[] = {
    {"getrlimit", res_getrlimit, 0, NULL},     {"setrlimit", res_setrlimit, 0, NULL},
    {"prlimit", res_prlimit, 0, NULL},         {"getrusage", res_getrusage, 0, NULL},
    {"getpagesize", res_getpagesize, 0, NULL}, {NULL, NULL, 0, NULL},
};

static const struct {
    const char *name;
    long value;
} resource_constants[] = {
    {"RLIMIT_CPU", RLIMIT_CPU},
    {"RLIMIT_FSIZE", RLIMIT_FSIZE},
    {"RLIMIT_DATA", RLIMIT_DATA},
    {"RLIMIT_STACK", RLIMIT_STACK},
    {"RLIMIT_CORE", RLIMIT_CORE},
    {"RLIMIT_NOFILE", RLIMIT_NOFILE},
    {"RLIMIT_OFILE", RLIMIT_OFILE},
    {"RLIMIT_AS", RLIMIT_AS},
    {"RLIMIT_RSS", RLIMIT_RSS},
    {"RLIMIT_NPROC", RLIMIT_NPROC},
    {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK},
    {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE},
    {"RLIMIT_NICE", RLIMIT_NICE},
    {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},
    {"RLIMIT_RTTIME", RLIMIT_RTTIME},
    {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
    {"RUSAGE_SELF", RUSAGE_SELF},
    {"RUSAGE_CHILDREN", RUSAGE_CHILDREN},
    {"RUSAGE_THREAD", RUSAGE_THREAD},
    {"RLIM_INFINITY", -1},
    {NULL, 0},
};

obj_t *resource_module_init(void) {
    if (structseq_ready(&rusage_type, 0) < 0) return NULL;
    obj_t *m = module_new("resource");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, resource_functions) < 0) goto error;
    for (size_t i = 0; resource_constants[i].name; i++) {
        obj_t *v = int_from_i64(resource_constants[i].value);
        int rc = v ? dict_set_str(d, resource_constants[i].name, v) : -1;
        XDECREF(v);
        if (rc < 0) goto error;
    }
    if (dict_set_str(d, "error", (obj_t *)exc_OSError) < 0 ||
        dict_set_str(d, "struct_rusage", (obj_t *)&rusage_type) < 0)
        goto error;
    return m;
error:
    DECREF(m);
    return NULL;
}
