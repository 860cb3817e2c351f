/*
 * core/unraisable.c — exceptions that cannot be raised (an error in
 * __del__, in a weakref callback, in the "never awaited" warning):
 * sys.unraisablehook, sys.__unraisablehook__ and err_write_unraisable,
 * CPython's PyErr_WriteUnraisable.
 *
 * err_write_unraisable takes the pending exception and hands
 * sys.UnraisableHookArgs(exc_type, exc_value, exc_traceback, err_msg,
 * object) to sys.unraisablehook (looked up at each report, so a hook set by
 * any thread is used); without a hook, or when the hook itself fails, the
 * default hook prints "Exception ignored in: <repr of object>" and the
 * traceback to stderr.  Nothing here is shared mutable state: the args are
 * a new immutable struct sequence per report.
 */
#include <stdio.h>

#include "../objects/tuple.h"
#include "../modules/structseq.h"
#include "../objects/exceptions.h"
#include "../objects/str.h"
#include "../objects/code.h"
#include "../threads/thread.h"
#include "error.h"
#include "frame.h"
#include "sysmodule.h"
#include "traceback.h"
#include "unraisable.h"

static const char *const uh_names[] = {"exc_type", "exc_value", "exc_traceback", "err_msg",
                                       "object"};
static const getset_def_t uh_getsets[] = {
    STRUCTSEQ_FIELD("exc_type", 0),      STRUCTSEQ_FIELD("exc_value", 1),
    STRUCTSEQ_FIELD("exc_traceback", 2), STRUCTSEQ_FIELD("err_msg", 3),
    STRUCTSEQ_FIELD("object", 4),        {NULL},
};
static structseq_type_t uh_type = STRUCTSEQ_TYPE("UnraisableHookArgs", uh_getsets, 5, 5, uh_names);

int unraisable_ready(void) {
    return structseq_ready(&uh_type, 0);
}

obj_t *unraisable_args_type(void) {
    return (obj_t *)&uh_type;
}

// Reads field i of the hook's argument (new reference; None if absent).
static obj_t *field(obj_t *a, const char *name) {
    obj_t *v = obj_getattr_str(a, name);
    if (v == NULL) {
        err_clear();
        return NEWREF(None);
    }
    return v;
}

static void print_default(obj_t *a) {
    obj_t *value = field(a, "exc_value"), *msg = field(a, "err_msg"), *o = field(a, "object");
    obj_t *type = field(a, "exc_type");
    sysmodule_flush_std();
    if (o != None) {
        obj_t *r = obj_repr(o);
        if (r == NULL) err_clear();
        fprintf(stderr, "%s: %s\n", STR_CHECK(msg) ? str_data(msg) : "Exception ignored in",
                r ? str_data(r) : "<object repr() failed>");
        XDECREF(r);
    } else if (STR_CHECK(msg)) {
        fprintf(stderr, "%s:\n", str_data(msg));
    }
    if (EXC_CHECK(value))
        err_display(value, stderr);
    else if (TYPE_CHECK(type))
        fprintf(stderr, "%s\n", ((type_t *)type)->name);
    fflush(stderr);
    DECREF(value);
    DECREF(msg);
    DECREF(o);
    DECREF(type);
}

obj_t *sys_unraisablehook(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    if (args_check("unraisablehook", nargs, kwnames, 1, 1) < 0) return NULL;
    if (TYPE(args[0]) != &uh_type.type) {
        err_set_str(exc_TypeError, "sys.unraisablehook argument type must be UnraisableHookArgs");
        return NULL;
    }
    print_default(args[0]);
    return NEWREF(None);
}

// An exception raised by C code with no Python frame under it (a
// generator's close() at its finalization) gets a traceback entry for the
// frame that was running, as CPython's _PyErr_WriteUnraisableMsg gives it.
static int exc_add_current_frame(obj_t *exc) {
    frame_t *f = thread_current()->frame;
    if (f == NULL) return -1;
    size_t lasti = f->pc > f->code->insns ? (size_t)(f->pc - 1 - f->code->insns) : 0;
    int line = code_addr2line(f->code, lasti);
    if (traceback_add_frame(exc, f, lasti, line, line, -1, -1) < 0) {
        err_clear();
        return -1;
    }
    return 0;
}

void err_write_unraisable(const char *msg, obj_t *obj) {
    obj_t *exc = err_fetch();
    if (exc == NULL) return;
    obj_t *tb = exc_traceback_ref(exc);
    if (tb == NULL && exc_add_current_frame(exc) == 0) tb = exc_traceback_ref(exc);
    obj_t *items[5] = {NEWREF((obj_t *)TYPE(exc)), NEWREF(exc), tb ? tb : NEWREF(None),
                       msg ? str_from_cstr(msg) : NEWREF(None), NEWREF(obj ? obj : None)};
    obj_t *a = structseq_new(&uh_type, items);
    if (a == NULL) {
        err_clear();
        fprintf(stderr, "%s: <unraisable>\n", msg ? msg : "Exception ignored in");
        err_display(exc, stderr);
        DECREF(exc);
        return;
    }
    obj_t *hook = sysmodule_get("unraisablehook");
    if (hook == NULL) err_clear();
    if (hook == NULL || hook == None) {
        print_default(a);
    } else {
        obj_t *r = obj_call(hook, &a, 1, NULL);
        if (r == NULL) {
            // The hook failed: report its error with the default hook, in
            // place of the original one, as CPython does.
            obj_t *hexc = err_fetch();
            fprintf(stderr, "Exception ignored in sys.unraisablehook: ");
            obj_t *hr = obj_repr(hook);
            if (hr == NULL) err_clear();
            fprintf(stderr, "%s\n", hr ? str_data(hr) : "<hook>");
            XDECREF(hr);
            if (hexc != NULL) err_display(hexc, stderr);
            XDECREF(hexc);
        }
        XDECREF(r);
    }
    XDECREF(hook);
    DECREF(a);
    DECREF(exc);
}
