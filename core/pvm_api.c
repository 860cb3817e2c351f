/*
 * core/pvm_api.c — the public embedding API (include/pvm.h) over the
 * runtime, and the exit-status rules shared with the CLI.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "../include/pvm.h"
#include "../gc/qsbr.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/file.h"
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
// An uncaught KeyboardInterrupt ended the program: the CLI then ends the
// process by SIGINT itself, as CPython does, so that the parent (a shell,
// a test runner) sees "killed by SIGINT" rather than an exit status.
static bool exit_by_sigint;

bool pvm_exit_by_sigint(void) {
    return exit_by_sigint;
}

int pvm_exit_status_from_exception(void) {
    if (!err_matches(exc_SystemExit)) {
        if (err_matches(exc_KeyboardInterrupt)) exit_by_sigint = true;
        err_print();
        return exit_by_sigint ? 128 + SIGINT : 1;
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

// ---- inside / outside the VM (include/pvm.h "Threads") ----------------------
//
// Between two API calls a host thread is parked: in a blocking region
// (thread_block_begin), so stop-the-world pauses and QSBR grace periods
// never wait for a thread that sits in accept().  Every API entry point
// unparks on entry and parks again on return.  The CLI (core/main.c) calls
// internals between API calls, so it unparks once after pvm_initialize
// (pvm_api_enter) and the thread stays inside until its next API call
// returns.
static __thread bool api_parked;
static __thread int api_attach_depth; // pvm_thread_attach nesting

bool pvm_api_enter(void) {
    if (pvm_tls_thread == NULL) return false;
    if (api_parked) {
        api_parked = false;
        thread_block_end();
    }
    return true;
}

void pvm_api_leave(void) {
    if (pvm_tls_thread == NULL || api_parked) return;
    api_parked = true;
    thread_block_begin();
}

int pvm_initialize(int argc, char **argv) {
    int rc = runtime_init(argc, argv);
    if (rc == 0) {
        api_attach_depth = 1;
        pvm_api_leave();
    }
    return rc;
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

void atexit_run_at_exit(void);   // modules/atexit.c
void exit_clear_modules(void);   // core/exitclear.c
void exit_mark_finalizing(void); // core/exitclear.c

// Flushes sys.stdout / sys.stderr through their Python-level objects.
static void flush_std_files(void) {
    static const char *const names[] = {"stdout", "stderr"};
    for (int i = 0; i < 2; i++) {
        obj_t *f = obj_getattr_str(pvm_rt.sys, names[i]);
        if (f == NULL) {
            err_clear();
            continue;
        }
        // pvm's own file objects (sys.stdout/sys.stderr as started) are
        // flushed with a bounded wait: a daemon thread may hold one for
        // ever (CPython waits 1 s too, then gives up with a fatal error).
        if (FILE_CHECK(f)) {
            if (file_flush_at_exit(f, 1000) < 0) err_clear();
            DECREF(f);
            continue;
        }
        obj_t *r = obj_call_method(f, "flush", NULL, 0);
        if (r == NULL) err_clear();
        XDECREF(r);
        DECREF(f);
    }
}

void pvm_finalize(void) {
    if (!pvm_api_enter()) return;
    wait_for_threads();
    atexit_run_at_exit();
    exit_mark_finalizing();
    // As CPython: flush, then let what only module globals hold die
    // (their __del__ output follows the program's), then flush again.
    // Only when no other thread is attached (core/exitclear.c).
    if (atomic_load(&pvm_attached_threads) == 1) {
        flush_std_files();
        exit_clear_modules();
    }
    // Release what this thread deferred (runs pending __del__ methods).
    qsbr_flush(thread_current());
    qsbr_thread_fini(thread_current());
    flush_std_files();
    REFSTATS_REPORT();
    runtime_fini();
}

int pvm_run_file(const char *path) {
    if (!pvm_api_enter()) return 1;
    int status = eval_run_file(path);
    pvm_api_leave();
    return status;
}

int pvm_run_string(const char *source) {
    if (!pvm_api_enter()) return 1;
    obj_t *globals = module_dict(pvm_rt.main_module);
    obj_t *r = eval_source(source, strlen(source), "<string>", "exec", globals, globals);
    int status = 0;
    if (r == NULL)
        status = pvm_exit_status_from_exception();
    else
        DECREF(r);
    pvm_api_leave();
    return status;
}

int pvm_thread_attach(void) {
    if (pvm_tls_thread != NULL) {
        api_attach_depth++;
        return 0;
    }
    if (thread_attach() == NULL) return -1;
    api_attach_depth = 1;
    api_parked = false;
    pvm_api_leave();
    return 0;
}

void pvm_thread_detach(void) {
    if (pvm_tls_thread == NULL || --api_attach_depth > 0) return;
    pvm_api_enter();
    thread_detach();
}
