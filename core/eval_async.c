/*
 * core/eval_async.c — the await protocols behind GET_AWAITABLE, GET_AITER,
 * GET_ANEXT, BEFORE_ASYNC_WITH and END_ASYNC_FOR, and the builtins aiter()
 * and anext() (with the anext_awaitable that anext(it, default) returns).
 *
 * pvm's types have no am_await/am_aiter/am_anext slots: the special
 * methods are looked up on the type (`__await__`, `__aiter__`,
 * `__anext__`, `__aenter__`, `__aexit__`), which finds the methods of the
 * built-in coroutine and async generator types as well as Python classes.
 * Coroutines and generators whose code has CO_ITERABLE_COROUTINE (what
 * types.coroutine sets) are awaited directly.  Error messages are CPython
 * 3.11's.
 *
 * The anext_awaitable holds the awaitable that __anext__() returned and,
 * once first resumed, the iterator that awaiting it runs; that iterator is
 * published once with a compare-and-swap (a racing loser drops its copy)
 * and never rebound, so readers need no lock.
 */
#include "../objects/code.h"
#include "../objects/exceptions.h"
#include "../objects/gen.h"
#include "../objects/str.h"
#include "error.h"
#include "builtins_internal.h"
#include "eval_ops.h"

static PVM_WUR obj_t *lookup_special(obj_t *obj, const char *name) {
    obj_t *d = type_lookup(TYPE(obj), str_intern(name));
    if (!d) return NULL;
    descrgetfunc get = TYPE(d)->descr_get;
    if (get) return get(d, obj, (obj_t *)TYPE(obj));
    return NEWREF(d);
}

static bool has_special(obj_t *obj, const char *name) {
    return type_lookup(TYPE(obj), str_intern(name)) != NULL;
}

// A generator made by code flagged CO_ITERABLE_COROUTINE (types.coroutine).
static bool is_iterable_coroutine(obj_t *o) {
    return GEN_CHECK(o) && (((code_t *)((gen_t *)o)->code)->flags & CO_ITERABLE_COROUTINE);
}

// CPython's _PyCoro_GetAwaitableIter.  *no_await: o's type has no __await__.
static PVM_WUR obj_t *awaitable_iter(obj_t *o, bool *no_await) {
    *no_await = false;
    if (CORO_CHECK(o) || is_iterable_coroutine(o)) return NEWREF(o);
    obj_t *meth = lookup_special(o, "__await__");
    if (!meth) {
        if (err_occurred()) return NULL;
        *no_await = true;
        err_format(exc_TypeError, "object %s can't be used in 'await' expression",
                   obj_type_name(o));
        return NULL;
    }
    obj_t *res = obj_call0(meth);
    DECREF(meth);
    if (!res) return NULL;
    if (CORO_CHECK(res) || is_iterable_coroutine(res)) {
        err_set_str(exc_TypeError, "__await__() returned a coroutine");
        DECREF(res);
        return NULL;
    }
    if (!TYPE(res)->iternext) {
        err_format(exc_TypeError, "__await__() returned non-iterator of type '%s'",
                   obj_type_name(res));
        DECREF(res);
        return NULL;
    }
    return res;
}

PVM_WUR obj_t *eval_get_awaitable(obj_t *o, int kind) {
    bool no_await;
    obj_t *it = awaitable_iter(o, &no_await);
    if (!it) {
        if (no_await && kind != 0) {
            err_clear();
            err_format(exc_TypeError,
                       "'async with' received an object from %s that does not implement "
                       "__await__: %s",
                       kind == 1 ? "__aenter__" : "__aexit__", obj_type_name(o));
        }
        return NULL;
    }
    if (CORO_CHECK(it)) {
        obj_t *yf = gen_yieldfrom(it);
        bool busy = yf && yf != None;
        XDECREF(yf);
        if (busy) {
            DECREF(it);
            err_set_str(exc_RuntimeError, "coroutine is being awaited already");
            return NULL;
        }
    }
    return it;
}

PVM_WUR obj_t *eval_get_aiter(obj_t *o) {
    obj_t *meth = lookup_special(o, "__aiter__");
    if (!meth) {
        if (!err_occurred())
            err_format(exc_TypeError,
                       "'async for' requires an object with __aiter__ method, got %s",
                       obj_type_name(o));
        return NULL;
    }
    obj_t *it = obj_call0(meth);
    DECREF(meth);
    if (!it) return NULL;
    if (!has_special(it, "__anext__")) {
        err_format(exc_TypeError,
                   "'async for' received an object from __aiter__ that does not implement "
                   "__anext__: %s",
                   obj_type_name(it));
        DECREF(it);
        return NULL;
    }
    return it;
}

extern PVM_WUR obj_t *asyncgen_anext(obj_t *self);

PVM_WUR obj_t *eval_get_anext(obj_t *aiter) {
    if (ASYNCGEN_CHECK(aiter)) return asyncgen_anext(aiter);
    obj_t *meth = lookup_special(aiter, "__anext__");
    if (!meth) {
        if (!err_occurred())
            err_format(exc_TypeError,
                       "'async for' requires an iterator with __anext__ method, got %s",
                       obj_type_name(aiter));
        return NULL;
    }
    obj_t *next = obj_call0(meth);
    DECREF(meth);
    if (!next) return NULL;
    bool no_await;
    obj_t *it = awaitable_iter(next, &no_await);
    if (!it) {
        obj_t *cause = err_fetch();
        err_format(exc_TypeError, "'async for' received an invalid object from __anext__: %s",
                   obj_type_name(next));
        obj_t *e = err_peek();
        if (e && cause) {
            INCREF(cause);
            exc_set_context(e, cause);
            exc_set_cause(e, cause);
        } else {
            XDECREF(cause);
        }
    }
    DECREF(next);
    return it;
}

int eval_before_async_with(obj_t *mgr, obj_t **exit_out, obj_t **enter_out) {
    obj_t *enter = lookup_special(mgr, "__aenter__");
    if (!enter) {
        if (!err_occurred())
            err_format(exc_TypeError,
                       "'%s' object does not support the asynchronous context manager protocol",
                       obj_type_name(mgr));
        return -1;
    }
    obj_t *exit = lookup_special(mgr, "__aexit__");
    if (!exit) {
        if (!err_occurred())
            err_format(exc_TypeError,
                       "'%s' object does not support the asynchronous context manager protocol "
                       "(missed __aexit__ method)",
                       obj_type_name(mgr));
        DECREF(enter);
        return -1;
    }
    obj_t *r = obj_call0(enter);
    DECREF(enter);
    if (!r) {
        DECREF(exit);
        return -1;
    }
    *exit_out = exit;
    *enter_out = r;
    return 0;
}

// ---- anext_awaitable -------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *wrapped;      // what __anext__() returned (owned, never rebound)
    obj_t *dflt;         // the default (owned, never rebound)
    _Atomic(obj_t *) it; // the iterator awaiting `wrapped` runs (set once, owned)
} anext_awaitable_t;

static type_t anext_awaitable_type;

static obj_t *aa_iter_of(anext_awaitable_t *a) {
    obj_t *cur = atomic_load_explicit(&a->it, memory_order_acquire);
    if (cur) return cur;
    bool no_await;
    obj_t *it = awaitable_iter(a->wrapped, &no_await);
    if (!it) return NULL;
    if (CORO_CHECK(it)) { // coroutines are not iterators: drive them through __await__()
        obj_t *w = obj_call_method(it, "__await__", NULL, 0);
        DECREF(it);
        if (!w) return NULL;
        it = w;
    }
    obj_t *expect = NULL;
    if (!atomic_compare_exchange_strong_explicit(&a->it, &expect, it, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        DECREF(it);
        return expect;
    }
    return it;
}

// StopAsyncIteration from the wrapped awaitable becomes StopIteration(default).
static obj_t *aa_result(anext_awaitable_t *a, obj_t *r) {
    if (r) return r;
    if (err_matches(exc_StopAsyncIteration)) {
        err_clear();
        return gen_status_result(GEN_RESULT_RETURN, NEWREF(a->dflt));
    }
    return NULL;
}

static obj_t *aa_proxy(obj_t *self, const char *meth, obj_t *const *args, size_t nargs) {
    anext_awaitable_t *a = (anext_awaitable_t *)self;
    obj_t *it = aa_iter_of(a);
    if (!it) return NULL;
    obj_t *r = meth ? obj_call_method(it, meth, (obj_t **)args, nargs) : obj_iternext_raw(it);
    if (!r && !meth && !err_occurred()) err_set(exc_StopIteration, NULL);
    return aa_result(a, r);
}

static obj_t *aa_iternext(obj_t *self) {
    return aa_proxy(self, NULL, NULL, 0);
}
static obj_t *aa_send(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("send", nargs, kwnames, 1, 1) < 0) return NULL;
    return aa_proxy(self, "send", args, 1);
}
static obj_t *aa_throw(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("throw", nargs, kwnames, 1, 3) < 0) return NULL;
    return aa_proxy(self, "throw", args, nargs);
}
static obj_t *aa_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    return aa_proxy(self, "close", NULL, 0);
}
static obj_t *aa_await(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__await__", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(self);
}
static obj_t *aa_self(obj_t *self) {
    return NEWREF(self);
}
static void aa_dealloc(obj_t *o) {
    anext_awaitable_t *a = (anext_awaitable_t *)o;
    DECREF(a->wrapped);
    DECREF(a->dflt);
    XDECREF(atomic_load_explicit(&a->it, memory_order_relaxed));
    obj_free(o);
}

static const method_def_t aa_methods[] = {
    {"send", aa_send, METH_DEFAULT, NULL},
    {"throw", aa_throw, METH_DEFAULT, NULL},
    {"close", aa_close, METH_DEFAULT, NULL},
    {"__await__", aa_await, METH_DEFAULT, NULL},
    {NULL},
};

static type_t anext_awaitable_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "anext_awaitable",
    .basicsize = sizeof(anext_awaitable_t),
    .base = &object_type,
    .dealloc = aa_dealloc,
    .iter = aa_self,
    .iternext = aa_iternext,
    .methods = aa_methods,
};

// ---- builtins --------------------------------------------------------------------------

obj_t *builtin_aiter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("aiter", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *o = args[0];
    obj_t *meth = lookup_special(o, "__aiter__");
    if (!meth) {
        if (!err_occurred())
            err_format(exc_TypeError, "'%s' object is not an async iterable", obj_type_name(o));
        return NULL;
    }
    obj_t *it = obj_call0(meth);
    DECREF(meth);
    if (!it) return NULL;
    if (!has_special(it, "__anext__")) {
        err_format(exc_TypeError, "aiter() returned not an async iterator of type '%s'",
                   obj_type_name(it));
        DECREF(it);
        return NULL;
    }
    return it;
}

obj_t *builtin_anext(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("anext", nargs, kwnames, 1, 2) < 0) return NULL;
    obj_t *o = args[0];
    obj_t *awaitable;
    if (ASYNCGEN_CHECK(o)) {
        awaitable = asyncgen_anext(o);
    } else {
        obj_t *meth = lookup_special(o, "__anext__");
        if (!meth) {
            if (!err_occurred())
                err_format(exc_TypeError, "'%s' object is not an async iterator", obj_type_name(o));
            return NULL;
        }
        awaitable = obj_call0(meth);
        DECREF(meth);
    }
    if (!awaitable || nargs == 1) return awaitable;
    anext_awaitable_t *a =
        (anext_awaitable_t *)obj_alloc(&anext_awaitable_type, sizeof(anext_awaitable_t));
    if (!a) {
        DECREF(awaitable);
        return NULL;
    }
    a->wrapped = awaitable;
    a->dflt = NEWREF(args[1]);
    atomic_store_explicit(&a->it, NULL, memory_order_relaxed);
    return (obj_t *)a;
}

extern int coro_types_ready(void);
extern int asyncgen_types_ready(void);

int async_types_ready(void) {
    if (coro_types_ready() < 0 || asyncgen_types_ready() < 0) return -1;
    return type_ready(&anext_awaitable_type);
}
