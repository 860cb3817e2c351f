/*
 * objects/gen.h — generator objects.
 *
 * A generator owns a heap frame (core/frame.h: header + registers) that the
 * interpreter loop resumes: each resumption is one eval_frame() call that
 * returns at the next YIELD (or at the end).  `yield from` delegation keeps
 * the sub-iterator in a register of the frame; send/throw/close forward to
 * it while the frame is suspended inside YIELD_FROM.
 *
 * A generator is used by one thread at a time.  `state` is one atomic word
 * (CREATED, SUSPENDED, RUNNING, DONE): a thread resumes, throws into or
 * closes the generator only after it moved the state to RUNNING with a
 * compare-and-swap, and only that thread touches the frame, exc_state and
 * the delegation registers until it stores the next state (release) after
 * the frame is suspended again or freed.  A second resumption meanwhile
 * raises ValueError("generator already executing"); a DONE generator has no
 * frame and is never resumed.
 */
#ifndef PVM_GEN_H
#define PVM_GEN_H

#include "object.h"

struct frame;

typedef enum { GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_DONE } gen_state_t;

typedef struct {
    obj_t ob;
    struct frame *frame; // heap frame (NULL once finished)
    obj_t *func;         // the generator function (owned)
    obj_t *code;         // its code object (owned)
    obj_t *name, *qualname;
    obj_t *exc_state;  // exception being handled inside the generator while suspended
    _Atomic int state; // gen_state_t; see the top of this file
    // The thread that last suspended the frame while it held register
    // credits (0: none), and its credit epoch then (gen.c, gen_claim).
    uint32_t susp_tid;
    uint64_t susp_epoch;
    // Async generators only (objects/asyncgen.c): an asend/athrow awaitable
    // is in progress (ag_running), and aclose() started or the generator
    // finished by StopAsyncIteration/GeneratorExit (no more asend).
    _Atomic int ag_running_async;
    _Atomic int ag_closed;
    _Atomic int ag_hooks_inited; // the firstiter hook was looked up (asyncgen.c)
    obj_t *ag_finalizer;         // the finalizer hook then (owned), or NULL
    // Coroutines only: cr_origin, the (filename, lineno, function) tuple of
    // the frames that created it (sys.set_coroutine_origin_tracking_depth),
    // or NULL.  Set at creation, immutable after.
    obj_t *origin;
} gen_t;

// Coroutines (objects/coro.c) and async generators (objects/asyncgen.c)
// are gen_t too: one frame machinery, three types.  A call of code with
// CO_COROUTINE makes a coroutine, with CO_ASYNC_GENERATOR an async
// generator.
extern type_t gen_type, coro_type, asyncgen_type;
#define GEN_CHECK(v)      OBJ_IS_TYPE(v, &gen_type)
#define CORO_CHECK(v)     OBJ_IS_TYPE((obj_t *)(v), &coro_type)
#define ASYNCGEN_CHECK(v) OBJ_IS_TYPE((obj_t *)(v), &asyncgen_type)
// A generator or a coroutine: `yield from` / `await` resume it directly.
#define GEN_OR_CORO_CHECK(v) (GEN_CHECK(v) || CORO_CHECK(v))

// Creates the generator for a call of generator function `func`.
PVM_WUR obj_t *gen_new_from_call(obj_t *func, obj_t *const *args, size_t nargs, obj_t *kwnames);

// Result kinds of gen_send_ex.
#define GEN_RESULT_ERROR  -1
#define GEN_RESULT_YIELD  0
#define GEN_RESULT_RETURN 1
// Resumes `g` sending `value` (borrowed; NULL = None) or throwing `exc`
// (borrowed exception instance, may be NULL).  *result receives a new
// reference (the yielded or returned value) unless the result is an error.
int gen_send_ex(obj_t *g, obj_t *value, obj_t *exc, obj_t **result);
// An async generator's own `yield` (not a suspension inside `await`):
// gen_send_ex and gen_throw_ex return this instead of GEN_RESULT_YIELD.
#define GEN_RESULT_AGEN_YIELD 2
// throw(exc) (borrowed instance), delegated to a `yield from`/`await` target.
int gen_throw_ex(obj_t *g, obj_t *exc, obj_t **result);
// gen.close()
PVM_WUR obj_t *gen_close(obj_t *g);

// ---- shared by the three types (objects/coro.c, objects/asyncgen.c) ----------------------
// The exception throw(typ[, val[, tb]]) raises (new reference), or NULL.
PVM_WUR obj_t *gen_throw_args(obj_t *const *args, size_t nargs);
// The send()/throw() result of status st: the yielded value, or StopIteration(value).
PVM_WUR obj_t *gen_status_result(int st, obj_t *r);
// What `g` is delegating to (cr_await, ag_await, gi_yieldfrom): new reference, None if
// nothing (or running elsewhere).
PVM_WUR obj_t *gen_yieldfrom(obj_t *g);
void gen_dealloc(obj_t *o);
// The cycle collector's slots, shared by the three types, and the
// finalizer it runs on an unreachable generator or coroutine (PEP 442:
// close() once; true if it ran code).
int gen_gc_traverse(obj_t *o, visitproc visit, void *arg);
int gen_gc_clear(obj_t *o);
bool gen_gc_finalize(obj_t *o);
// An unfinished async generator whose count reached zero: calls its
// finalizer hook (PEP 525) with it resurrected; true if it did (the caller
// stops deallocating).  objects/asyncgen.c.
bool asyncgen_finalize(obj_t *o);
// The collector's PEP 442 step for an unreachable async generator that
// has a finalizer hook and is not closed (gen_gc_finalize): calls the hook
// with it; true when it did.
bool asyncgen_gc_finalize(obj_t *o);
PVM_WUR obj_t *gen_repr(obj_t *o);
// Getset functions of the common attributes.
PVM_WUR obj_t *gen_get_running(obj_t *o, void *c);
PVM_WUR obj_t *gen_get_suspended(obj_t *o, void *c);
PVM_WUR obj_t *gen_get_code(obj_t *o, void *c);
PVM_WUR obj_t *gen_get_name(obj_t *o, void *c);
int gen_set_name(obj_t *o, obj_t *v, void *c);
PVM_WUR obj_t *gen_get_qualname(obj_t *o, void *c);
int gen_set_qualname(obj_t *o, obj_t *v, void *c);
PVM_WUR obj_t *gen_get_frame(obj_t *o, void *c);
// Coroutines (objects/coro.c): cr_origin at creation, and the "coroutine
// '...' was never awaited" RuntimeWarning of one freed before it started
// (true: the object was resurrected for the warning and freed again
// inside; the caller must stop deallocating).
int coro_record_origin(gen_t *g);
bool coro_warn_unawaited(obj_t *o);
void coro_warn_unawaited_live(obj_t *o); // frame.clear() of a never started coroutine
// sys.set_coroutine_origin_tracking_depth / get_... (per thread).
PVM_WUR obj_t *sys_set_coro_origin_depth(obj_t *self, obj_t *const *args, size_t nargs,
                                         obj_t *kwnames);
PVM_WUR obj_t *sys_get_coro_origin_depth(obj_t *self, obj_t *const *args, size_t nargs,
                                         obj_t *kwnames);

#endif // PVM_GEN_H
