/*
 * core/pvm_api.c — the public embedding API (include/pvm.h) over the
 * runtime, and the exit-status rules shared with the CLI.
 */
#include <stdlib.h>
#include <string.h>

#include "../include/pvm.h"
#include "../gc/qsbr.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../threads/thread.h"
#include "../gc/refstats.h"
#include "error.h"
#include "eval.h"
#include "runtime.h"

// Turns the pending exception into a process exit status the way CPython
// does: SystemExit(None) -> 0, SystemExit(n) -> n, SystemExit(other) ->
// print it to stderr and 1; anything else: print the traceback and 1.
int pvm_exit_status_from_exception(void) {
    if (!err_matches(exc_SystemExit)) {
        err_print();
        return 1;
    }
    obj_t *exc = err_fetch();
    obj_t *code = ((exc_t *)exc)->value;
    int status = 0;
    if (code == NULL || code == None) {
        status = 0;
    } else if (INT_CHECK(code)) {
        int64_t v;
        if (int_as_i64(code, &v) < 0) {
            err_clear();
            v = -1;
        }
        status = (int)(v & 0xff);
    } else {
        obj_t *s = obj_str(code);
        if (s) {
            fprintf(stderr, "%s\n", str_data(s));
            DECREF(s);
        } else {
            err_clear();
        }
        status = 1;
    }
    DECREF(exc);
    return status;
}

int pvm_initialize(int argc, char **argv) {
    return runtime_init(argc, argv);
}

// Runs threading._shutdown() when threading was imported: waits for every
// non-daemon thread (and runs the callbacks registered for exit).
static void wait_for_threads(void) {
    obj_t *threading = dict_get_str(pvm_rt.modules, "threading");
    if (threading == NULL) {
        err_clear();
        return;
    }
    obj_t *r = obj_call_method(threading, "_shutdown", NULL, 0);
    if (r == NULL) err_print();
    XDECREF(r);
    DECREF(threading);
}

void atexit_run_at_exit(void); // modules/atexit.c

void pvm_finalize(void) {
    wait_for_threads();
    atexit_run_at_exit();
    // Release what this thread deferred (runs pending __del__ methods).
    qsbr_flush(thread_current());
    qsbr_thread_fini(thread_current());
    // Flush sys.stdout / sys.stderr through their Python-level objects.
    static const char *const names[] = {"stdout", "stderr"};
    for (int i = 0; i < 2; i++) {
        obj_t *f = obj_getattr_str(pvm_rt.sys, names[i]);
        if (f == NULL) {
            err_clear();
            continue;
        }
        obj_t *r = obj_call_method(f, "flush", NULL, 0);
        if (r == NULL) err_clear();
        XDECREF(r);
        DECREF(f);
    }
    REFSTATS_REPORT();
    runtime_fini();
}

int pvm_run_file(const char *path) {
    return eval_run_file(path);
}

int pvm_run_string(const char *source) {
    obj_t *globals = module_dict(pvm_rt.main_module);
    obj_t *r = eval_source(source, strlen(source), "<string>", "exec", globals, globals);
    if (r == NULL) return pvm_exit_status_from_exception();
    DECREF(r);
    return 0;
}

int pvm_thread_attach(void) {
    return thread_attach() ? 0 : -1;
}
void pvm_thread_detach(void) {
    thread_detach();
}
