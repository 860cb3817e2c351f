/*
 * core/mod_time.c — the `time` module: clocks and sleep; struct_time and
 * the calendar functions are in core/mod_time_tm.c.
 *
 * sleep() is a blocking region (offline for QSBR, critical sections
 * released) and is interruptible: in the main thread a Ctrl-C ends it with
 * KeyboardInterrupt, as in CPython.
 */
#include <errno.h>
#include <time.h>

#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../threads/stress.h"
#include "../threads/thread.h"
#include "error.h"
#include "runtime.h"

static double clock_seconds(clockid_t id) {
    int64_t ns;
    if (stress_serial() && stress_clock_ns(id, &ns)) return (double)ns * 1e-9; // virtual time
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int64_t clock_ns(clockid_t id) {
    int64_t ns;
    if (stress_serial() && stress_clock_ns(id, &ns)) return ns;
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#define CLOCK_FUNCS(name, id)                                                                      \
    static obj_t *time_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {     \
        if (args_check(#name, nargs, kwnames, 0, 0) < 0) return NULL;                              \
        return float_from_double(clock_seconds(id));                                               \
    }                                                                                              \
    static obj_t *time_##name##_ns(obj_t *self, obj_t *const *args, size_t nargs,                  \
                                   obj_t *kwnames) {                                               \
        if (args_check(#name "_ns", nargs, kwnames, 0, 0) < 0) return NULL;                        \
        return int_from_i64(clock_ns(id));                                                         \
    }

CLOCK_FUNCS(time, CLOCK_REALTIME)
CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
// core/mod_time_tm.c
int time_tm_add(obj_t *m);
CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)

static obj_t *time_sleep(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("sleep", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!INT_CHECK(args[0]) && !FLOAT_CHECK(args[0])) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(args[0]));
        return NULL;
    }
    double secs = float_as_double(args[0]);
    if (secs == -1.0 && err_occurred()) return NULL;
    if (secs < 0) {
        err_set_str(exc_ValueError, "sleep length must be non-negative");
        return NULL;
    }
    if (PVM_UNLIKELY(stress_mode) && stress_sleep(secs)) return NEWREF(None); // virtual time
    struct timespec req;
    req.tv_sec = (time_t)secs;
    req.tv_nsec = (long)((secs - (double)req.tv_sec) * 1e9);
    if (secs > 0) thread_settle_before_wait();
    thread_t *ts = thread_current();
    for (;;) {
        struct timespec rem;
        thread_block_begin();
        int rc = nanosleep(&req, &rem);
        thread_block_end();
        if (rc == 0) break;
        if (errno != EINTR) return err_from_errno(errno, NULL);
        if (atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed) &&
            thread_handle_eval_breaker(ts) < 0)
            return NULL;
        req = rem;
    }
    return NEWREF(None);
}

static const method_def_t time_functions[] = {
    {"time", time_time, 0, NULL},
    {"time_ns", time_time_ns, 0, NULL},
    {"monotonic", time_monotonic, 0, NULL},
    {"monotonic_ns", time_monotonic_ns, 0, NULL},
    {"perf_counter", time_perf_counter, 0, NULL},
    {"perf_counter_ns", time_perf_counter_ns, 0, NULL},
    {"process_time", time_process_time, 0, NULL},
    {"process_time_ns", time_process_time_ns, 0, NULL},
    {"thread_time", time_thread_time, 0, NULL},
    {"thread_time_ns", time_thread_time_ns, 0, NULL},
    {"sleep", time_sleep, 0, NULL},
    {NULL},
};

obj_t *time_module_init(void) {
    obj_t *m = module_new("time");
    if (m == NULL) return NULL;
    if (module_add_functions(m, time_functions) < 0 || time_tm_add(m) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
