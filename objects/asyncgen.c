/*
 * objects/asyncgen.c — async generators (`async def` with `yield`) and the
 * awaitables their asend()/__anext__() and athrow()/aclose() return.
 *
 * An async generator is a gen_t (objects/gen.h) of type async_generator.
 * Its frame suspends in two ways: at its own `yield` (gen_send_ex returns
 * GEN_RESULT_AGEN_YIELD) or inside an `await` (YIELD_FROM: GEN_RESULT_YIELD,
 * the value is for whoever drives the awaitable).  CPython wraps yielded
 * values to tell these apart; pvm asks the frame while the claim is held.
 * The awaitables turn an own yield into StopIteration(value) (the await
 * of `__anext__()` is done) and the generator's end into
 * StopAsyncIteration, and pass await suspensions through.
 *
 * Shared state: ag_running_async ("an asend/athrow is in progress",
 * ag_running) and ag_closed live in the gen_t as atomics.  An awaitable
 * claims the generator for its whole run with a compare-and-swap of
 * ag_running_async from 0 to 1 when it starts, so a second awaitable
 * started meanwhile (in this thread or another) raises RuntimeError
 * "anext(): asynchronous generator is already running"; the frame itself
 * stays protected by the generator's state word (ValueError "async
 * generator already executing" for a racing resumption of the same
 * awaitable).  An awaitable's own state (INIT, ITER, CLOSED) is one atomic
 * word; a racing pair of resumptions of one awaitable is refused by the
 * generator's claim.
 */
#include "../core/error.h"
#include "../core/unraisable.h"
#include "../gc/gc.h"
#include "../threads/thread.h"
#include "exceptions.h"
#include "gen.h"
#include "tuple.h"
#include "type.h"

enum { AW_INIT, AW_ITER, AW_CLOSED };

typedef struct {
    obj_t ob;
    gen_t *gen;        // owned
    obj_t *sendval;    // asend: value of the first send (owned)
    obj_t *args;       // athrow: tuple of throw() arguments (owned); NULL for aclose()
    _Atomic int state; // AW_*
} agawait_t;

static type_t asend_type, athrow_type;

static int aw_state(agawait_t *o) {
    return atomic_load_explicit(&o->state, memory_order_acquire);
}
static void aw_set_state(agawait_t *o, int s) {
    atomic_store_explicit(&o->state, s, memory_order_release);
}
static void ag_set_running(gen_t *g, int v) {
    atomic_store_explicit(&g->ag_running_async, v, memory_order_release);
}

// Claims the generator for a starting awaitable; false if another one runs.
static bool ag_claim(gen_t *g) {
    int expect = 0;
    return atomic_compare_exchange_strong_explicit(&g->ag_running_async, &expect, 1,
                                                   memory_order_acq_rel, memory_order_acquire);
}

static obj_t *raise_stop_iteration(obj_t *value) {
    return gen_status_result(GEN_RESULT_RETURN, value); // steals value
}

// CPython's async_gen_unwrap_value: the result of resuming `g` as seen by
// the awaitable that resumed it.
static obj_t *ag_unwrap(gen_t *g, int st, obj_t *r) {
    if (st == GEN_RESULT_YIELD) return r; // suspended inside an await: pass it on
    if (st == GEN_RESULT_AGEN_YIELD) {
        ag_set_running(g, 0);
        return raise_stop_iteration(r);
    }
    if (st == GEN_RESULT_RETURN) {
        DECREF(r);
        err_set(exc_StopAsyncIteration, NULL);
    }
    if (err_matches(exc_StopAsyncIteration) || err_matches(exc_GeneratorExit))
        atomic_store_explicit(&g->ag_closed, 1, memory_order_release);
    ag_set_running(g, 0);
    return NULL;
}

static obj_t *aw_new(type_t *tp, obj_t *gen, obj_t *sendval, obj_t *args) {
    agawait_t *o = (agawait_t *)obj_alloc(tp, sizeof(agawait_t));
    if (!o) return NULL;
    o->gen = (gen_t *)NEWREF(gen);
    o->sendval = sendval ? NEWREF(sendval) : NULL;
    o->args = args ? NEWREF(args) : NULL;
    atomic_store_explicit(&o->state, AW_INIT, memory_order_relaxed);
    return (obj_t *)o;
}

static void aw_dealloc(obj_t *self) {
    agawait_t *o = (agawait_t *)self;
    DECREF((obj_t *)o->gen);
    XDECREF(o->sendval);
    XDECREF(o->args);
    obj_free(self);
}

// The cycle collector (gc/gc.h): the fields are set at creation, never rebound.
static int aw_traverse(obj_t *self, visitproc visit, void *arg) {
    agawait_t *o = (agawait_t *)self;
    int r = visit((obj_t *)o->gen, arg);
    if (r == 0 && o->sendval != NULL) r = visit(o->sendval, arg);
    if (r == 0 && o->args != NULL) r = visit(o->args, arg);
    return r;
}

static obj_t *aw_iter(obj_t *self) {
    return NEWREF(self);
}

static obj_t *aw_await(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__await__", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *aw_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    aw_set_state((agawait_t *)self, AW_CLOSED);
    return NEWREF(None);
}

// ---- asend / __anext__ -----------------------------------------------------------------

static obj_t *asend_send_impl(agawait_t *o, obj_t *arg) {
    gen_t *g = o->gen;
    int s = aw_state(o);
    if (s == AW_CLOSED) {
        err_set_str(exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    if (s == AW_INIT) {
        if (!ag_claim(g)) {
            err_set_str(exc_RuntimeError, "anext(): asynchronous generator is already running");
            return NULL;
        }
        if (arg == NULL || arg == None) arg = o->sendval;
        aw_set_state(o, AW_ITER);
    } else {
        ag_set_running(g, 1);
    }
    obj_t *r = NULL;
    int st = gen_send_ex((obj_t *)g, arg, NULL, &r);
    obj_t *res = ag_unwrap(g, st, r);
    if (!res) aw_set_state(o, AW_CLOSED);
    return res;
}

static obj_t *asend_send(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("send", nargs, kwnames, 1, 1) < 0) return NULL;
    return asend_send_impl((agawait_t *)self, args[0]);
}

static obj_t *asend_iternext(obj_t *self) {
    return asend_send_impl((agawait_t *)self, NULL);
}

static obj_t *asend_throw(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("throw", nargs, kwnames, 1, 3) < 0) return NULL;
    agawait_t *o = (agawait_t *)self;
    if (aw_state(o) == AW_CLOSED) {
        err_set_str(exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    obj_t *exc = gen_throw_args(args, nargs);
    if (!exc) return NULL;
    obj_t *r = NULL;
    int st = gen_throw_ex((obj_t *)o->gen, exc, &r);
    DECREF(exc);
    obj_t *res = ag_unwrap(o->gen, st, r);
    if (!res) aw_set_state(o, AW_CLOSED);
    return res;
}

static const method_def_t asend_methods[] = {
    {"send", asend_send, METH_DEFAULT, NULL},
    {"throw", asend_throw, METH_DEFAULT, NULL},
    {"close", aw_close, METH_DEFAULT, NULL},
    {"__await__", aw_await, METH_DEFAULT, NULL},
    {NULL},
};

static type_t asend_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "async_generator_asend",
    .basicsize = sizeof(agawait_t),
    .base = &object_type,
    .dealloc = aw_dealloc,
    .traverse = aw_traverse,
    .iter = aw_iter,
    .iternext = asend_iternext,
    .methods = asend_methods,
};

// ---- athrow / aclose ---------------------------------------------------------------------

static obj_t *athrow_yield_close(agawait_t *o) {
    ag_set_running(o->gen, 0);
    aw_set_state(o, AW_CLOSED);
    err_set_str(exc_RuntimeError, "async generator ignored GeneratorExit");
    return NULL;
}

// An athrow/aclose awaitable ended with an exception (set).
static obj_t *athrow_check_error(agawait_t *o) {
    ag_set_running(o->gen, 0);
    aw_set_state(o, AW_CLOSED);
    if (!o->args && (err_matches(exc_StopAsyncIteration) || err_matches(exc_GeneratorExit))) {
        // aclose() is done: the generator finished or let GeneratorExit out.
        err_clear();
        err_set(exc_StopIteration, NULL);
    }
    return NULL;
}

static obj_t *athrow_send_impl(agawait_t *o, obj_t *arg) {
    gen_t *g = o->gen;
    int s = aw_state(o);
    if (s == AW_CLOSED) {
        err_set_str(exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    if (atomic_load_explicit(&g->state, memory_order_acquire) == GEN_DONE) {
        aw_set_state(o, AW_CLOSED);
        err_set(exc_StopIteration, NULL);
        return NULL;
    }
    obj_t *r = NULL;
    int st;
    if (s == AW_INIT) {
        if (!ag_claim(g)) {
            aw_set_state(o, AW_CLOSED);
            err_set_str(exc_RuntimeError,
                        o->args ? "athrow(): asynchronous generator is already running"
                                : "aclose(): asynchronous generator is already running");
            return NULL;
        }
        if (atomic_load_explicit(&g->ag_closed, memory_order_acquire)) {
            ag_set_running(g, 0);
            aw_set_state(o, AW_CLOSED);
            err_set(exc_StopAsyncIteration, NULL);
            return NULL;
        }
        if (arg && arg != None) {
            ag_set_running(g, 0);
            err_set_str(exc_RuntimeError, "can't send non-None value to a just-started coroutine");
            return NULL;
        }
        aw_set_state(o, AW_ITER);
        obj_t *exc;
        if (o->args) {
            size_t n = TUPLE_SIZE(o->args);
            if (n < 1 || n > 3) {
                // CPython 3.11 leaves ag_running set here: later asend/athrow
                // calls report the generator as running.
                err_format(exc_TypeError, "athrow expected at %s argument%s, got %zu",
                           n < 1 ? "least 1" : "most 3", n < 1 ? "" : "s", n);
                return NULL;
            }
            exc = gen_throw_args(TUPLE_ITEMS(o->args), n);
        } else {
            atomic_store_explicit(&g->ag_closed, 1, memory_order_release);
            exc = exc_new(exc_GeneratorExit, NULL);
        }
        if (!exc) return athrow_check_error(o);
        st = gen_throw_ex((obj_t *)g, exc, &r);
        DECREF(exc);
        if (!o->args) {
            if (st == GEN_RESULT_AGEN_YIELD) {
                DECREF(r);
                return athrow_yield_close(o);
            }
            if (st == GEN_RESULT_YIELD) return r;
            if (st == GEN_RESULT_RETURN) {
                DECREF(r);
                err_set(exc_StopAsyncIteration, NULL);
            }
            return athrow_check_error(o);
        }
        obj_t *res = ag_unwrap(g, st, r);
        return res ? res : athrow_check_error(o);
    }
    // AW_ITER
    st = gen_send_ex((obj_t *)g, arg, NULL, &r);
    if (o->args) return ag_unwrap(g, st, r);
    if (st == GEN_RESULT_AGEN_YIELD) {
        DECREF(r);
        return athrow_yield_close(o);
    }
    if (st == GEN_RESULT_YIELD) return r;
    if (st == GEN_RESULT_RETURN) {
        DECREF(r);
        err_set(exc_StopAsyncIteration, NULL);
    }
    return athrow_check_error(o);
}

static obj_t *athrow_send(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("send", nargs, kwnames, 1, 1) < 0) return NULL;
    return athrow_send_impl((agawait_t *)self, args[0]);
}

static obj_t *athrow_iternext(obj_t *self) {
    return athrow_send_impl((agawait_t *)self, NULL);
}

static obj_t *athrow_throw(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("throw", nargs, kwnames, 1, 3) < 0) return NULL;
    agawait_t *o = (agawait_t *)self;
    if (aw_state(o) == AW_CLOSED) {
        err_set_str(exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    obj_t *exc = gen_throw_args(args, nargs);
    if (!exc) return NULL;
    obj_t *r = NULL;
    int st = gen_throw_ex((obj_t *)o->gen, exc, &r);
    DECREF(exc);
    if (o->args) return ag_unwrap(o->gen, st, r);
    if (st == GEN_RESULT_AGEN_YIELD) {
        DECREF(r);
        return athrow_yield_close(o);
    }
    if (st == GEN_RESULT_YIELD) return r;
    if (st == GEN_RESULT_RETURN) {
        DECREF(r);
        err_set(exc_StopAsyncIteration, NULL);
    }
    if (err_matches(exc_StopAsyncIteration) || err_matches(exc_GeneratorExit)) {
        err_clear();
        err_set(exc_StopIteration, NULL);
    }
    return NULL;
}

static const method_def_t athrow_methods[] = {
    {"send", athrow_send, METH_DEFAULT, NULL},
    {"throw", athrow_throw, METH_DEFAULT, NULL},
    {"close", aw_close, METH_DEFAULT, NULL},
    {"__await__", aw_await, METH_DEFAULT, NULL},
    {NULL},
};

static type_t athrow_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "async_generator_athrow",
    .basicsize = sizeof(agawait_t),
    .base = &object_type,
    .dealloc = aw_dealloc,
    .traverse = aw_traverse,
    .iter = aw_iter,
    .iternext = athrow_iternext,
    .methods = athrow_methods,
};

// ---- the async generator type ---------------------------------------------------------------

// PEP 525: the generator's first asend/athrow/__anext__/aclose records the
// calling thread's finalizer hook (sys.set_asyncgen_hooks) in the generator
// and calls its firstiter hook with the generator; asyncio's loop records
// it for shutdown_asyncgens().  The exchange makes it once per generator
// even when threads race; ag_finalizer is written by the winner only and
// read only by the dealloc (asyncgen_finalize), after the last reference.
static int ag_init_hooks(obj_t *self) {
    gen_t *g = (gen_t *)self;
    if (atomic_load_explicit(&g->ag_hooks_inited, memory_order_acquire) ||
        atomic_exchange_explicit(&g->ag_hooks_inited, 1, memory_order_acq_rel))
        return 0;
    thread_t *ts = thread_current();
    if (ts && ts->asyncgen_finalizer) g->ag_finalizer = NEWREF(ts->asyncgen_finalizer);
    obj_t *first = ts ? ts->asyncgen_firstiter : NULL;
    if (first == NULL) return 0;
    INCREF(first); // the hook may replace itself
    obj_t *r = obj_call1(first, self);
    DECREF(first);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

bool asyncgen_finalize(obj_t *o) {
    gen_t *g = (gen_t *)o;
    obj_t *fin = g->ag_finalizer;
    uint8_t bits = atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed);
    // Once only (GC_FINALIZED), and only for a generator that can still run
    // code: suspended, not closed (CPython: not completed, not ag_closed).
    if (fin == NULL || (bits & GC_FINALIZED) ||
        atomic_load_explicit(&g->state, memory_order_acquire) != GEN_SUSPENDED ||
        g->frame == NULL || atomic_load_explicit(&g->ag_closed, memory_order_acquire))
        return false;
    atomic_fetch_or_explicit(&o->ob_gc_bits, GC_FINALIZED, memory_order_relaxed);
    // Resurrected, owned by this thread, for the call (as __del__ is,
    // objects/type.c); the hook usually keeps it (asyncio schedules aclose()).
    brc_init_ref(o, (bits & GC_WEAKREFS) ? REF_MAYBE_WEAKREF : REF_SHARED_NONE);
    obj_t *saved = err_fetch();
    INCREF(fin);
    gc_finalizer_enter();
    obj_t *r = obj_call1(fin, o);
    if (r == NULL)
        err_write_unraisable(NULL, o); // sys.unraisablehook, as CPython
    else
        DECREF(r);
    gc_finalizer_exit();
    DECREF(fin);
    err_restore(saved);
    DECREF(o);
    return true;
}

bool asyncgen_gc_finalize(obj_t *o) {
    gen_t *g = (gen_t *)o;
    // Unreachable: no other thread can reach ag_finalizer.  The collector
    // holds the generator, so unlike asyncgen_finalize nothing is
    // resurrected here; a hook that keeps it (asyncio schedules aclose())
    // resurrects it, which the collector's second pause sees.
    obj_t *fin = g->ag_finalizer;
    if (fin == NULL || atomic_load_explicit(&g->ag_closed, memory_order_acquire)) return false;
    obj_t *saved = err_fetch();
    INCREF(fin);
    obj_t *r = obj_call1(fin, o);
    if (r == NULL)
        err_write_unraisable(NULL, o);
    else
        DECREF(r);
    DECREF(fin);
    err_restore(saved);
    return true;
}

static obj_t *ag_asend(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("asend", nargs, kwnames, 1, 1) < 0 || ag_init_hooks(self) < 0) return NULL;
    return aw_new(&asend_type, self, args[0], NULL);
}

PVM_WUR obj_t *asyncgen_anext(obj_t *self) {
    if (ag_init_hooks(self) < 0) return NULL;
    return aw_new(&asend_type, self, None, NULL);
}

static obj_t *ag_anext(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__anext__", nargs, kwnames, 0, 0) < 0) return NULL;
    return asyncgen_anext(self);
}

static obj_t *ag_aiter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__aiter__", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *ag_athrow(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("athrow", kwnames) < 0 || ag_init_hooks(self) < 0) return NULL;
    obj_t *targs = tuple_from_array(args, nargs); // checked when first resumed, as in CPython
    if (!targs) return NULL;
    obj_t *r = aw_new(&athrow_type, self, NULL, targs);
    DECREF(targs);
    return r;
}

static obj_t *ag_aclose(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("aclose", nargs, kwnames, 0, 0) < 0 || ag_init_hooks(self) < 0) return NULL;
    return aw_new(&athrow_type, self, NULL, NULL);
}

static obj_t *ag_get_await(obj_t *o, void *c) {
    return gen_yieldfrom(o);
}

static obj_t *ag_get_running(obj_t *o, void *c) {
    gen_t *g = (gen_t *)o;
    return NEWREF(bool_from(atomic_load_explicit(&g->ag_running_async, memory_order_acquire)));
}

static const method_def_t ag_methods[] = {
    {"asend", ag_asend, METH_DEFAULT, NULL},
    {"athrow", ag_athrow, METH_DEFAULT, NULL},
    {"aclose", ag_aclose, METH_DEFAULT, NULL},
    {"__aiter__", ag_aiter, METH_DEFAULT, NULL},
    {"__anext__", ag_anext, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL},
};

static const getset_def_t ag_getsets[] = {
    {"ag_await", ag_get_await, NULL, NULL},
    {"ag_running", ag_get_running, NULL, NULL},
    {"ag_code", gen_get_code, NULL, NULL},
    {"ag_frame", gen_get_frame, NULL, NULL},
    {"__name__", gen_get_name, gen_set_name, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL},
    {NULL},
};

type_t asyncgen_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "async_generator",
    .basicsize = sizeof(gen_t),
    .base = &object_type,
    .dealloc = gen_dealloc,
    .traverse = gen_gc_traverse,
    .clear = gen_gc_clear,
    .repr = gen_repr,
    .methods = ag_methods,
    .getsets = ag_getsets,
};

int asyncgen_types_ready(void) {
    return type_ready(&asyncgen_type) < 0 || type_ready(&asend_type) < 0 ||
                   type_ready(&athrow_type) < 0
               ? -1
               : 0;
}
