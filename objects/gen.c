/*
 * objects/gen.c — generator objects (see gen.h).
 *
 * The generator's frame (header + registers) is one malloc'ed block owned
 * by the generator; eval_frame() resumes it and returns at each YIELD.
 * While suspended inside YIELD_FROM (frame->yf_active) send/throw/close are
 * forwarded to the sub-iterator held in register frame->yf_b; the value the
 * delegation produces lands in register frame->yf_a.
 *
 * Exception state: the exception being handled inside a suspended
 * generator is saved in exc_state and becomes the thread's handled
 * exception again while it runs (sys.exc_info() semantics).
 *
 * PEP 479: a StopIteration escaping the generator's frame is replaced by
 * RuntimeError("generator raised StopIteration") chained to it.
 */
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/frame.h"
#include "../gc/credit.h"
#include "../gc/gc.h"
#include "../core/parser.h"
#include "../core/traceback.h"
#include "../core/frameobject.h"
#include "../core/unraisable.h"
#include "../gc/qsbr.h"
#include "../threads/registry.h"
#include "code.h"
#include "exceptions.h"
#include "func.h"
#include "gen.h"
#include "str.h"
#include "tuple.h"

PVM_WUR obj_t *gen_new_from_call(obj_t *func, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    func_t *fn = (func_t *)func;
    code_t *co = (code_t *)fn->code;
    frame_t *f = calloc(1, (FRAME_SLOTS + co->nregs) * sizeof(obj_t *));
    if (!f) return err_no_memory();
    f->regs = (obj_t **)f + FRAME_SLOTS;
    if (eval_bind_args(func, f->regs, args, nargs, kwnames, false) < 0 ||
        (!(co->flags & CO_NOFREE) && eval_init_cells(func, co, f->regs, false) < 0)) {
        eval_clear_regs(f->regs, co->nregs);
        free(f);
        return NULL;
    }
    type_t *tp = (co->flags & CO_COROUTINE)         ? &coro_type
                 : (co->flags & CO_ASYNC_GENERATOR) ? &asyncgen_type
                                                    : &gen_type;
    gen_t *g = (gen_t *)obj_alloc(tp, sizeof(gen_t));
    if (!g) {
        eval_clear_regs(f->regs, co->nregs);
        free(f);
        return NULL;
    }
    g->func = NEWREF(func);
    g->code = NEWREF(fn->code);
    g->name = NEWREF(fn->name);
    g->qualname = NEWREF(fn->qualname);
    atomic_store_explicit(&g->state, GEN_CREATED, memory_order_relaxed);
    atomic_store_explicit(&g->ag_running_async, 0, memory_order_relaxed);
    atomic_store_explicit(&g->ag_closed, 0, memory_order_relaxed);
    f->code = co;
    f->func = func;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->pc = co->insns;
    f->is_entry = 1;
    f->on_heap = 1;
    f->gen = (obj_t *)g;
    g->frame = f;
    if (tp == &coro_type && coro_record_origin(g) < 0) {
        atomic_store_explicit(&g->state, GEN_DONE, memory_order_relaxed); // no warning
        DECREF((obj_t *)g);
        return NULL;
    }
    return (obj_t *)g;
}

static void gen_free_frame(gen_t *g) {
    frame_t *f = g->frame;
    if (!f) return;
    g->frame = NULL;
    if (f->frameobj) frameobj_release(f); // freed while suspended: keep a snapshot
    eval_clear_regs(f->regs, f->code->nregs);
    free(f);
}

// ---- the state word (gen.h) ----------------------------------------------------------------

// Register credits in a suspended frame (core/frame.h, frame_suspend).  A
// frame suspends with its registers as they are, credits included, and
// records the suspending thread and its credit epoch.  The same thread may
// resume it at any time.  Another thread may touch the registers only after
// the suspender has paid every credit it had then (its epoch moved on: a
// quiescent state, going offline, or exit): until then it asks for a
// quiescent state and waits, offline.  Handing a suspended generator to
// another thread within the same millisecond is rare; paying every credit
// at every yield, which this replaces, cost each yield of a generator over
// shared data two shared writes.
void gen_note_suspend(obj_t *gen, thread_t *ts) {
    if (gen == NULL) {
        credit_pay_before_release(ts);
        return;
    }
    gen_t *g = (gen_t *)gen;
    // Published by gen_release's release store of the state.
    g->susp_tid = ts->ncredits > 0 ? ts->tid : 0;
    g->susp_epoch = atomic_load_explicit(&ts->credit_epoch, memory_order_relaxed);
}

static int gen_claim_state(gen_t *g);

static void gen_wait_for_suspender(gen_t *g) {
    uint32_t tid = g->susp_tid;
    if (tid == 0 || tid == current_tid()) return;
    for (;;) {
        registry_lock();
        thread_t *v = registry_find(tid);
        bool paid = v == NULL ||
                    atomic_load_explicit(&v->credit_epoch, memory_order_acquire) != g->susp_epoch;
        if (!paid) atomic_fetch_or_explicit(&v->eval_breaker, EB_QUIESCE, memory_order_relaxed);
        registry_unlock();
        if (paid) break;
        thread_block_begin();
        sched_yield();
        thread_block_end();
    }
    g->susp_tid = 0;
}

// Claims `g` for this thread: moves CREATED or SUSPENDED to RUNNING and
// returns the state it replaced.  GEN_DONE: finished, nothing claimed.  -1:
// another resumption is under way (ValueError set).
static int gen_claim(gen_t *g) {
    int s = gen_claim_state(g);
    if (s == GEN_SUSPENDED) gen_wait_for_suspender(g);
    return s;
}

static int gen_claim_state(gen_t *g) {
    int s = atomic_load_explicit(&g->state, memory_order_acquire);
    for (;;) {
        if (s == GEN_DONE) return GEN_DONE;
        if (s == GEN_RUNNING) {
            err_set_str(exc_ValueError, CORO_CHECK(g)       ? "coroutine already executing"
                                        : ASYNCGEN_CHECK(g) ? "async generator already executing"
                                                            : "generator already executing");
            return -1;
        }
        if (atomic_compare_exchange_weak_explicit(&g->state, &s, GEN_RUNNING, memory_order_acquire,
                                                  memory_order_acquire))
            return s;
    }
}

// Ends a claim: everything this thread did to the frame is published with
// the new state.
static void gen_release(gen_t *g, int state) {
    atomic_store_explicit(&g->state, state, memory_order_release);
}

// The answer of a finished generator (nothing claimed): the thrown
// exception, or a return of None.  A finished coroutine cannot be resumed.
static int gen_done_result(gen_t *g, obj_t *exc, obj_t **result) {
    if (CORO_CHECK(g)) {
        err_set_str(exc_RuntimeError, "cannot reuse already awaited coroutine");
        return GEN_RESULT_ERROR;
    }
    if (exc) {
        err_set_object(exc);
        return GEN_RESULT_ERROR;
    }
    *result = NEWREF(None);
    return GEN_RESULT_RETURN;
}

// Runs the claimed frame (`prev`: the state the claim replaced) until its
// next yield or its end, then releases the claim.  write: store `value` as
// the result of the pending yield (or the value to send on in YIELD_FROM).
static int gen_run(gen_t *g, int prev, bool write, obj_t *value, obj_t *exc, obj_t **result) {
    frame_t *f = g->frame;
    if (prev == GEN_CREATED) {
        if (write && value && value != None && !exc) {
            gen_release(g, GEN_CREATED);
            err_format(exc_TypeError, "can't send non-None value to a just-started %s",
                       CORO_CHECK(g)       ? "coroutine"
                       : ASYNCGEN_CHECK(g) ? "async generator"
                                           : "generator");
            return GEN_RESULT_ERROR;
        }
    } else if (write && !exc) {
        obj_t *v = value ? value : None;
        uint32_t r = f->yf_active ? f->yf_a : f->resume_reg;
        INCREF(v);
        SETREF(f->regs[r], v);
    }
    thread_t *ts = thread_current();
    // Each resumption nests a C call of eval_frame (yield from / await
    // chains): bounded like calls from C, and by the C stack guard, so a
    // deep chain raises instead of exhausting the stack.
    if (PVM_UNLIKELY(c_recursion_enter(NULL) < 0)) {
        if (prev == GEN_CREATED) {
            // As in CPython, where the frame was already started when its
            // entry hit the limit: finished (no "never awaited" warning).
            gen_free_frame(g);
            gen_release(g, GEN_DONE);
        } else {
            gen_release(g, prev);
        }
        return GEN_RESULT_ERROR;
    }
    obj_t *prev_exc = ts->exc_info;
    if (f->handlers > 0 && f->outer_s != 0xFFFF) {
        // Suspended in an except block: leaving its outermost one restores
        // the exception handled by whoever resumes it now, not the one its
        // caller handled when the block was entered.
        obj_t *old = f->regs[f->outer_s];
        f->regs[f->outer_s] = prev_exc ? NEWREF(prev_exc) : NULL;
        XDECREF(old);
    }
    if (g->exc_state) {
        ts->exc_info = g->exc_state;
        g->exc_state = NULL;
    } else {
        XINCREF(prev_exc);
    }
    int yielded = 0;
    obj_t *r = eval_frame(ts, f, exc, &yielded);
    c_recursion_leave();
    obj_t *cur = ts->exc_info;
    ts->exc_info = prev_exc;
    // Suspended inside one of its own except blocks: the exception it
    // handles is its own until resumed (even the caller's same object);
    // outside them it sees its caller's again when resumed.
    if (yielded && cur && cur != None && f->handlers > 0)
        g->exc_state = cur;
    else
        XDECREF(cur);
    if (yielded) {
        // An async generator's own yield, told apart from a suspension
        // inside `await` (YIELD_FROM) while the frame is still ours.
        int st = ASYNCGEN_CHECK(g) && !f->yf_active ? GEN_RESULT_AGEN_YIELD : GEN_RESULT_YIELD;
        gen_release(g, GEN_SUSPENDED);
        *result = r;
        return st;
    }
    // The frame is gone before DONE is published: a thread that sees DONE
    // never finds a frame, one that sees RUNNING never touches it.
    gen_free_frame(g);
    gen_release(g, GEN_DONE);
    if (r) {
        *result = r;
        return GEN_RESULT_RETURN;
    }
    bool stop_async = ASYNCGEN_CHECK(g) && err_matches(exc_StopAsyncIteration);
    if (stop_async || err_matches(exc_StopIteration)) {
        obj_t *si = err_fetch();
        err_format(exc_RuntimeError, "%s raised %s",
                   CORO_CHECK(g)       ? "coroutine"
                   : ASYNCGEN_CHECK(g) ? "async generator"
                                       : "generator",
                   stop_async ? "StopAsyncIteration" : "StopIteration");
        obj_t *re = err_peek();
        if (re) {
            INCREF(si);
            exc_set_cause(re, si);
            exc_set_context(re, si);
            // __cause__ set explicitly: the context is still shown as cause.
        } else {
            DECREF(si);
        }
    }
    return GEN_RESULT_ERROR;
}

static int gen_resume(gen_t *g, bool write, obj_t *value, obj_t *exc, obj_t **result) {
    int prev = gen_claim(g);
    if (prev < 0) return GEN_RESULT_ERROR;
    if (prev == GEN_DONE) return gen_done_result(g, exc, result);
    return gen_run(g, prev, write, value, exc, result);
}

int gen_send_ex(obj_t *self, obj_t *value, obj_t *exc, obj_t **result) {
    return gen_resume((gen_t *)self, true, value, exc, result);
}

static int close_iter(obj_t *sub) {
    if (GEN_OR_CORO_CHECK(sub)) {
        obj_t *r = gen_close(sub);
        if (!r) return -1;
        DECREF(r);
        return 0;
    }
    obj_t *meth = obj_lookup_attr(sub, str_intern("close"));
    if (!meth) return err_occurred() ? -1 : 0;
    obj_t *r = obj_call0(meth);
    DECREF(meth);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static int gen_throw_status(gen_t *g, obj_t *exc, obj_t *const *raw, size_t nraw, obj_t **out);

// throw() into the claimed generator (`prev` as for gen_run), with
// delegation to a `yield from` sub-iterator.  The claim is held while the
// sub-iterator runs (gi_running is True then, as in CPython).  raw/nraw:
// throw()'s own arguments (type, value, traceback), handed unchanged to a
// sub-iterator that is not a generator, as CPython does; NULL: pass exc.
static int gen_throw_claimed(gen_t *g, int prev, obj_t *exc, obj_t *const *raw, size_t nraw,
                             obj_t **out) {
    frame_t *f = g->frame;
    if (prev != GEN_SUSPENDED || !f->yf_active) return gen_run(g, prev, false, NULL, exc, out);
    obj_t *sub = NEWREF(f->regs[f->yf_b]);
    if (type_is_subtype(TYPE(exc), exc_GeneratorExit)) {
        f->yf_active = 0;
        int r = close_iter(sub);
        DECREF(sub);
        if (r < 0) {
            obj_t *e = err_fetch();
            int st = gen_run(g, prev, false, NULL, e, out);
            DECREF(e);
            return st;
        }
        return gen_run(g, prev, false, NULL, exc, out);
    }
    int st;
    obj_t *res = NULL;
    if (GEN_OR_CORO_CHECK(sub)) {
        // The delegating frame is on the thread's stack while the
        // sub-generator handles the exception (its f_back, the traceback
        // and the stack it sees are those of a resumption), as in CPython.
        thread_t *ts = thread_current();
        f->prev = ts->frame;
        ts->frame = f;
        st = gen_throw_status((gen_t *)sub, exc, raw, nraw, &res);
        ts->frame = f->prev;
        f->prev = NULL;
    } else {
        obj_t *meth = obj_lookup_attr(sub, str_intern("throw"));
        if (!meth) {
            DECREF(sub);
            if (err_occurred()) {
                gen_release(g, prev);
                return GEN_RESULT_ERROR;
            }
            f->yf_active = 0;
            return gen_run(g, prev, false, NULL, exc, out);
        }
        res = raw ? obj_call(meth, raw, nraw, NULL) : obj_call1(meth, exc);
        DECREF(meth);
        if (res) {
            st = GEN_RESULT_YIELD;
        } else if (err_matches(exc_StopIteration)) {
            obj_t *e = err_fetch();
            res = NEWREF(exc_stopiteration_value(e));
            DECREF(e);
            st = GEN_RESULT_RETURN;
        } else {
            st = GEN_RESULT_ERROR;
        }
    }
    DECREF(sub);
    if (st == GEN_RESULT_YIELD) {
        gen_release(g, prev);
        *out = res;
        return st;
    }
    f->yf_active = 0;
    if (st == GEN_RESULT_RETURN) {
        SETREF(f->regs[f->yf_a], res);
        return gen_run(g, prev, false, NULL, NULL, out);
    }
    obj_t *e = err_fetch();
    st = gen_run(g, prev, false, NULL, e, out);
    XDECREF(e);
    return st;
}

static int gen_throw_status(gen_t *g, obj_t *exc, obj_t *const *raw, size_t nraw, obj_t **out) {
    int prev = gen_claim(g);
    if (prev < 0) return GEN_RESULT_ERROR;
    if (prev == GEN_DONE) return gen_done_result(g, exc, out);
    return gen_throw_claimed(g, prev, exc, raw, nraw, out);
}

int gen_throw_ex(obj_t *g, obj_t *exc, obj_t **result) {
    return gen_throw_status((gen_t *)g, exc, NULL, 0, result);
}

PVM_WUR obj_t *gen_close(obj_t *self) {
    gen_t *g = (gen_t *)self;
    int s = atomic_load_explicit(&g->state, memory_order_acquire);
    if (s == GEN_DONE) return NEWREF(None);
    obj_t *exc = NULL;
    if (s != GEN_CREATED) {
        exc = exc_new(exc_GeneratorExit, NULL);
        if (!exc) return NULL;
    }
    int prev = gen_claim(g);
    if (prev < 0 || prev == GEN_DONE) {
        XDECREF(exc);
        return prev < 0 ? NULL : NEWREF(None);
    }
    if (prev == GEN_CREATED) {
        XDECREF(exc);
        gen_free_frame(g);
        gen_release(g, GEN_DONE);
        return NEWREF(None);
    }
    if (!exc) { // it was started meanwhile
        exc = exc_new(exc_GeneratorExit, NULL);
        if (!exc) {
            gen_release(g, prev);
            return NULL;
        }
    }
    obj_t *out = NULL;
    int st = gen_throw_claimed(g, prev, exc, NULL, 0, &out);
    DECREF(exc);
    if (st == GEN_RESULT_YIELD || st == GEN_RESULT_AGEN_YIELD) {
        DECREF(out);
        err_format(exc_RuntimeError, "%s ignored GeneratorExit",
                   CORO_CHECK(g)       ? "coroutine"
                   : ASYNCGEN_CHECK(g) ? "async generator"
                                       : "generator");
        return NULL;
    }
    if (st == GEN_RESULT_RETURN) {
        DECREF(out);
        return NEWREF(None);
    }
    if (err_matches(exc_GeneratorExit) || err_matches(exc_StopIteration)) {
        err_clear();
        return NEWREF(None);
    }
    return NULL;
}

// ---- Python-level interface ---------------------------------------------------------------------

static obj_t *raise_stop(obj_t *value) {
    if (value == None) {
        err_set(exc_StopIteration, NULL);
    } else {
        obj_t *args = tuple_pack(1, value);
        if (args) {
            err_set(exc_StopIteration, args);
            DECREF(args);
        }
    }
    DECREF(value);
    return NULL;
}

static obj_t *gen_iternext(obj_t *self) {
    obj_t *r = NULL;
    int st = gen_resume((gen_t *)self, true, NULL, NULL, &r);
    if (st == GEN_RESULT_YIELD) return r;
    // Exhausted: NULL, with StopIteration(value) for a return value other
    // than None (obj_iternext clears it; next(enumerate(g)) shows it).
    if (st == GEN_RESULT_RETURN) {
        if (r == None)
            DECREF(r);
        else
            raise_stop(r);
    }
    return NULL;
}

static obj_t *gen_iter(obj_t *self) {
    return NEWREF(self);
}

static obj_t *gen_send_meth(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("send", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *r = NULL;
    int st = gen_resume((gen_t *)self, true, args[0], NULL, &r);
    if (st == GEN_RESULT_YIELD) return r;
    if (st == GEN_RESULT_RETURN) return raise_stop(r);
    return NULL;
}

PVM_WUR obj_t *gen_status_result(int st, obj_t *r) {
    if (st == GEN_RESULT_YIELD || st == GEN_RESULT_AGEN_YIELD) return r;
    if (st == GEN_RESULT_RETURN) return raise_stop(r);
    return NULL;
}

PVM_WUR obj_t *gen_throw_args(obj_t *const *args, size_t nargs) {
    obj_t *typ = args[0];
    obj_t *val = nargs > 1 ? args[1] : None;
    obj_t *tb = nargs > 2 ? args[2] : None;
    obj_t *exc;
    // Checked first, as CPython does: anything stored as __traceback__ is
    // walked as a traceback later (printing it crashed on throw(E, v, 32)).
    if (tb != None && !OBJ_IS_TYPE(tb, &traceback_type)) {
        err_set_str(exc_TypeError, "throw() third argument must be a traceback object");
        return NULL;
    }
    if (EXC_CHECK(typ)) {
        if (val != None) {
            err_set_str(exc_TypeError, "instance exception may not have a separate value");
            return NULL;
        }
        exc = NEWREF(typ);
    } else if (EXC_TYPE_CHECK(typ)) {
        if (EXC_CHECK(val) && type_is_subtype(TYPE(val), (type_t *)typ)) {
            exc = NEWREF(val);
        } else if (val == None) {
            exc = obj_call0(typ);
        } else if (TUPLE_CHECK(val)) {
            exc = obj_call(typ, TUPLE_ITEMS(val), TUPLE_SIZE(val), NULL);
        } else {
            exc = obj_call1(typ, val);
        }
        if (!exc) return NULL;
    } else {
        err_format(exc_TypeError,
                   "exceptions must be classes or instances deriving from BaseException, not %s",
                   obj_type_name(typ));
        return NULL;
    }
    if (tb != None) exc_set_traceback(exc, tb);
    return exc;
}

static obj_t *gen_throw_meth(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("throw", nargs, kwnames, 1, 3) < 0) return NULL;
    obj_t *exc = gen_throw_args(args, nargs);
    if (!exc) return NULL;
    obj_t *r = NULL;
    int st = gen_throw_status((gen_t *)self, exc, args, nargs, &r);
    DECREF(exc);
    if (st == GEN_RESULT_YIELD) return r;
    if (st == GEN_RESULT_RETURN) return raise_stop(r);
    return NULL;
}

static obj_t *gen_close_meth(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    return gen_close(self);
}

void gen_dealloc(obj_t *o) {
    gen_t *g = (gen_t *)o;
    if (g->ag_finalizer != NULL && asyncgen_finalize(o)) return;
    if (TYPE(o) == &coro_type &&
        atomic_load_explicit(&g->state, memory_order_relaxed) == GEN_CREATED &&
        coro_warn_unawaited(o))
        return;
    uint8_t bits = atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed);
    if (atomic_load_explicit(&g->state, memory_order_relaxed) == GEN_SUSPENDED && g->frame &&
        !(bits & GC_FINALIZED)) {
        // Run pending finally blocks (close()) once (GC_FINALIZED), on the
        // object resurrected for the while: a close() that fails ("generator
        // ignored GeneratorExit") is reported to sys.unraisablehook with the
        // generator, which the hook may keep.  The last reference dropped
        // below deallocates it again, without a second close.
        atomic_fetch_or_explicit(&o->ob_gc_bits, GC_FINALIZED, memory_order_relaxed);
        brc_init_ref(o, (bits & GC_WEAKREFS) ? REF_MAYBE_WEAKREF : REF_SHARED_NONE);
        obj_t *saved = err_fetch();
        gc_finalizer_enter();
        obj_t *r = gen_close(o);
        if (r)
            DECREF(r);
        else
            err_write_unraisable(NULL, o);
        gc_finalizer_exit();
        err_restore(saved);
        DECREF(o);
        return;
    }
    gen_free_frame(g);
    XDECREF(g->func);
    XDECREF(g->code);
    XDECREF(g->name);
    XDECREF(g->qualname);
    XDECREF(g->exc_state);
    XDECREF(g->ag_finalizer);
    XDECREF(g->origin);
    obj_free(o);
}

// ---- the cycle collector (gc/gc.h) ----------------------------------------------------------

// In the collector's pause.  A suspended or not yet started generator's
// registers are counted references (the pause paid every thread's register
// credits, gen.h); a running one's frame belongs to the thread running it,
// which also holds the generator, so it is never garbage: its registers
// are left out (the collector only gets more conservative).
int gen_gc_traverse(obj_t *o, visitproc visit, void *arg) {
    gen_t *g = (gen_t *)o;
    obj_t *fields[] = {g->func,      g->code,         g->name,  g->qualname,
                       g->exc_state, g->ag_finalizer, g->origin};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (fields[i] != NULL) {
            int r = visit(fields[i], arg);
            if (r) return r;
        }
    }
    int s = atomic_load_explicit(&g->state, memory_order_acquire);
    frame_t *f = g->frame;
    if (f == NULL || (s != GEN_SUSPENDED && s != GEN_CREATED)) return 0;
    for (int i = 0; i < f->code->nregs; i++) {
        if (f->regs[i] != NULL) {
            int r = visit(f->regs[i], arg);
            if (r) return r;
        }
    }
    if (f->locals != NULL) {
        int r = visit(f->locals, arg);
        if (r) return r;
    }
    if (f->frameobj != NULL) return visit(f->frameobj, arg);
    return 0;
}

// Only on unreachable generators, after their finalizer (gen_gc_finalize)
// ran: drops the frame's registers without running any more of its code.
int gen_gc_clear(obj_t *o) {
    gen_t *g = (gen_t *)o;
    int s = atomic_load_explicit(&g->state, memory_order_acquire);
    if ((s == GEN_SUSPENDED || s == GEN_CREATED) && g->frame != NULL) {
        s = gen_claim(g);
        if (s < 0) {
            err_clear();
            return 0;
        }
        if (s != GEN_DONE) {
            gen_free_frame(g);
            gen_release(g, GEN_DONE);
        }
    }
    CLEAR(g->exc_state);
    return 0;
}

bool gen_gc_finalize(obj_t *o) {
    if (!GEN_CHECK(o) && !CORO_CHECK(o) && !ASYNCGEN_CHECK(o)) return false;
    gen_t *g = (gen_t *)o;
    if (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_FINALIZED) return false;
    atomic_fetch_or_explicit(&o->ob_gc_bits, GC_FINALIZED, memory_order_relaxed);
    if (atomic_load_explicit(&g->state, memory_order_acquire) != GEN_SUSPENDED || g->frame == NULL)
        return false;
    // An async generator's finalizer hook (sys.set_asyncgen_hooks) instead
    // of close(), as its dealloc does.
    if (ASYNCGEN_CHECK(o) && asyncgen_gc_finalize(o)) return true;
    // PEP 442: close() runs the pending finally blocks, as dealloc would.
    obj_t *saved = err_fetch();
    obj_t *r = gen_close(o);
    if (r)
        DECREF(r);
    else
        err_write_unraisable(NULL, o);
    err_restore(saved);
    return true;
}

// __name__ / __qualname__ may be rebound while other threads read them.
PVM_WUR obj_t *gen_repr(obj_t *o) {
    obj_t *q = qsbr_field_load(o, &((gen_t *)o)->qualname);
    obj_t *r = str_from_format("<%s object %U at %p>", TYPE(o)->name, q, (void *)o);
    DECREF(q);
    return r;
}

static int gen_state(obj_t *o) {
    return atomic_load_explicit(&((gen_t *)o)->state, memory_order_acquire);
}
PVM_WUR obj_t *gen_get_running(obj_t *o, void *c) {
    return NEWREF(bool_from(gen_state(o) == GEN_RUNNING));
}
PVM_WUR obj_t *gen_get_code(obj_t *o, void *c) {
    return NEWREF(((gen_t *)o)->code);
}
PVM_WUR obj_t *gen_get_name(obj_t *o, void *c) {
    return qsbr_field_load(o, &((gen_t *)o)->name);
}
int gen_set_name(obj_t *o, obj_t *v, void *c) {
    if (!v || !STR_CHECK(v)) {
        err_set_str(exc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    qsbr_field_store(o, &((gen_t *)o)->name, NEWREF(v));
    return 0;
}
PVM_WUR obj_t *gen_get_qualname(obj_t *o, void *c) {
    return qsbr_field_load(o, &((gen_t *)o)->qualname);
}
int gen_set_qualname(obj_t *o, obj_t *v, void *c) {
    if (!v || !STR_CHECK(v)) {
        err_set_str(exc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    qsbr_field_store(o, &((gen_t *)o)->qualname, NEWREF(v));
    return 0;
}
// The frame belongs to whoever holds the claim: read the delegation target
// under a brief claim of a suspended generator (None while it runs
// elsewhere or is finished).
PVM_WUR obj_t *gen_yieldfrom(obj_t *o) {
    gen_t *g = (gen_t *)o;
    int s = GEN_SUSPENDED;
    if (!atomic_compare_exchange_strong_explicit(&g->state, &s, GEN_RUNNING, memory_order_acquire,
                                                 memory_order_relaxed))
        return NEWREF(None);
    frame_t *f = g->frame;
    obj_t *r = NEWREF(f->yf_active ? f->regs[f->yf_b] : None);
    gen_release(g, GEN_SUSPENDED);
    return r;
}
static obj_t *gen_get_yieldfrom(obj_t *o, void *c) {
    return gen_yieldfrom(o);
}
PVM_WUR obj_t *gen_get_suspended(obj_t *o, void *c) {
    return NEWREF(bool_from(gen_state(o) == GEN_SUSPENDED));
}

static const method_def_t gen_methods[] = {
    {"send", gen_send_meth, METH_DEFAULT,
     "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise "
     "StopIteration."},
    {"throw", gen_throw_meth, METH_DEFAULT,
     "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next "
     "yielded value or raise\nStopIteration."},
    {"close", gen_close_meth, METH_DEFAULT, "close() -> raise GeneratorExit inside generator."},
    {NULL},
};

PVM_WUR obj_t *gen_get_frame(obj_t *o, void *c) {
    return frameobj_of_gen(o);
}

static const getset_def_t gen_getsets[] = {
    {"gi_frame", gen_get_frame, NULL, NULL},
    {"gi_running", gen_get_running, NULL, NULL},
    {"gi_code", gen_get_code, NULL, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, NULL, NULL},
    {"gi_suspended", gen_get_suspended, NULL, NULL},
    {"__name__", gen_get_name, gen_set_name, NULL, "name of the generator"},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, "qualified name of the generator"},
    {NULL},
};

type_t gen_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "generator",
    .basicsize = sizeof(gen_t),
    .base = &object_type,
    .dealloc = gen_dealloc,
    .traverse = gen_gc_traverse,
    .clear = gen_gc_clear,
    .repr = gen_repr,
    .iter = gen_iter,
    .iternext = gen_iternext,
    .methods = gen_methods,
    .getsets = gen_getsets,
};
