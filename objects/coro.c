/*
 * objects/coro.c — coroutine objects (`async def`) and the
 * coroutine_wrapper that coroutine.__await__() returns.
 *
 * A coroutine is a gen_t (objects/gen.h) of type `coroutine`: the same
 * heap frame, the same state word and therefore the same guarantee that a
 * second thread resuming it while it runs gets ValueError("coroutine
 * already executing"), never a shared frame.  Its frame suspends only
 * inside YIELD_FROM (every `await` is GET_AWAITABLE + YIELD_FROM), so
 * cr_await is the YIELD_FROM target.  What differs from a generator:
 * it is not iterable (await it, or use send/throw, or __await__()), a
 * finished coroutine raises RuntimeError("cannot reuse already awaited
 * coroutine") on send/throw, and the messages name "coroutine".
 *
 * cr_frame is the frame object of the heap frame (None once finished).
 * cr_origin is recorded at creation when the creating thread's
 * sys.set_coroutine_origin_tracking_depth is above 0: (filename, line,
 * function) of that many frames, innermost first, from the register frames
 * of the creating thread's own chain (so no other thread is involved).
 * A coroutine freed before it started gets CPython's "coroutine '...' was
 * never awaited" RuntimeWarning through _warn_unawaited_coroutine of pvm's
 * lib/_warnings.py (the object is resurrected for the call, as __del__
 * does).
 *
 * The coroutine_wrapper holds its coroutine (immutable after creation) and
 * forwards send/throw/close/__next__ to it.
 */
#include "../core/error.h"
#include "../core/frame.h"
#include "../core/frameobject.h"
#include "../core/import.h"
#include "../core/unraisable.h"
#include "../gc/gc.h"
#include "../gc/refcount.h"
#include "code.h"
#include "exceptions.h"
#include "gen.h"
#include "int.h"
#include "str.h"
#include "tuple.h"

// ---- cr_origin, set_coroutine_origin_tracking_depth ---------------------------------------

int coro_record_origin(gen_t *g) {
    thread_t *ts = thread_current();
    int depth = ts->coro_origin_depth;
    if (depth <= 0) return 0;
    int n = 0;
    for (frame_t *f = ts->frame; f != NULL && n < depth; f = f->prev)
        n++;
    obj_t *t = tuple_new(n);
    if (t == NULL) return -1;
    int i = 0;
    for (frame_t *f = ts->frame; f != NULL && i < n; f = f->prev, i++) {
        code_t *co = f->code;
        int line = f->pc > co->insns ? code_addr2line(co, (size_t)(f->pc - 1 - co->insns))
                                     : co->firstlineno;
        obj_t *item = tuple_new(3);
        if (item == NULL) {
            DECREF(t);
            return -1;
        }
        TUPLE_ITEMS(item)[0] = NEWREF(co->filename);
        TUPLE_ITEMS(item)[1] = SMALLINT_FROM(line);
        TUPLE_ITEMS(item)[2] = NEWREF(co->name);
        TUPLE_ITEMS(t)[i] = item;
    }
    g->origin = t;
    return 0;
}

obj_t *sys_set_coro_origin_depth(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    static const char *const kw[] = {"depth", NULL};
    obj_t *v = NULL;
    if (args_parse("set_coroutine_origin_tracking_depth", args, nargs, kwnames, kw, 1, &v) < 0)
        return NULL;
    obj_t *i = obj_index(v);
    if (i == NULL) return NULL;
    int64_t d;
    int rc = int_as_i64(i, &d);
    DECREF(i);
    if (rc < 0) return NULL;
    if (d < 0) {
        err_set_str(exc_ValueError, "depth must be >= 0");
        return NULL;
    }
    thread_current()->coro_origin_depth = d > INT32_MAX ? INT32_MAX : (int)d;
    return NEWREF(None);
}

obj_t *sys_get_coro_origin_depth(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self, (void)args;
    if (args_check("get_coroutine_origin_tracking_depth", nargs, kwnames, 0, 0) < 0) return NULL;
    return SMALLINT_FROM(thread_current()->coro_origin_depth);
}

// ---- "coroutine '...' was never awaited" --------------------------------------------------

// True for the function warnings.py defines (not a replacement a program
// installed).
static bool is_warnings_own(obj_t *fn) {
    obj_t *m = obj_getattr_str(fn, "__module__");
    if (m == NULL) {
        err_clear();
        return false;
    }
    bool own = STR_CHECK(m) && str_eq_cstr(m, "warnings");
    DECREF(m);
    return own;
}

// The "coroutine ... was never awaited" RuntimeWarning, as CPython's
// _PyErr_WarnUnawaitedCoroutine: through warnings._warn_unawaited_coroutine;
// when that fails (other than by raising the warning under an "error"
// filter) its exception is unraisable and the warning is given directly.
// The exception being handled, if any, is kept.
static void warn_unawaited(obj_t *o) {
    obj_t *saved = err_fetch();
    gc_finalizer_enter();
    bool warned = false;
    obj_t *mod = import_module("warnings");
    if (mod != NULL) {
        obj_t *fn = obj_lookup_attr(mod, str_intern("_warn_unawaited_coroutine"));
        if (fn != NULL && is_warnings_own(fn)) {
            // warnings.py's own helper passes source= to the pure-Python
            // warn_explicit, which takes it for the output file (CPython
            // runs its C _warnings instead): lib/_warnings.py's stand-in
            // gives the same warning without a source.
            DECREF(fn);
            obj_t *stand_in = import_module("_warnings");
            fn = stand_in ? obj_getattr_str(stand_in, "_warn_unawaited_coroutine") : NULL;
            XDECREF(stand_in);
        }
        if (fn != NULL) {
            obj_t *r = obj_call(fn, &o, 1, NULL);
            DECREF(fn);
            warned = r != NULL || err_matches(exc_RuntimeWarning);
            XDECREF(r);
        }
    }
    if (err_occurred()) err_write_unraisable(NULL, o);
    if (!warned && mod != NULL) {
        obj_t *qualname = obj_getattr_str(o, "__qualname__");
        obj_t *args[2] = {NULL, (obj_t *)exc_RuntimeWarning};
        if (qualname) args[0] = str_from_format("coroutine '%S' was never awaited", qualname);
        obj_t *r = args[0] ? obj_call_method(mod, "warn", args, 2) : NULL;
        if (r == NULL) err_write_unraisable(NULL, o);
        XDECREF(r);
        XDECREF(args[0]);
        XDECREF(qualname);
    }
    XDECREF(mod);
    gc_finalizer_exit();
    err_restore(saved);
}

// The warning for a live, never started coroutine whose frame is cleared
// (cr_frame.clear(), as CPython's _PyGen_Finalize): once, and not again at
// dealloc; a failing warning is unraisable.
void coro_warn_unawaited_live(obj_t *o) {
    if (TYPE(o) != &coro_type ||
        atomic_load_explicit(&((gen_t *)o)->state, memory_order_relaxed) != GEN_CREATED)
        return;
    uint8_t bits = atomic_fetch_or_explicit(&o->ob_gc_bits, GC_FINALIZED, memory_order_relaxed);
    if (bits & GC_FINALIZED) return;
    warn_unawaited(o);
}

bool coro_warn_unawaited(obj_t *o) {
    if (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_FINALIZED) return false;
    atomic_fetch_or_explicit(&o->ob_gc_bits, GC_FINALIZED, memory_order_relaxed);
    brc_init_ref(o, (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_WEAKREFS)
                        ? REF_MAYBE_WEAKREF
                        : REF_SHARED_NONE);
    warn_unawaited(o);
    DECREF(o);
    return true;
}

static obj_t *coro_send(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("send", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *r = NULL;
    int st = gen_send_ex(self, args[0], NULL, &r);
    return gen_status_result(st, r);
}

static obj_t *coro_throw(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("throw", nargs, kwnames, 1, 3) < 0) return NULL;
    obj_t *exc = gen_throw_args(args, nargs);
    if (!exc) return NULL;
    obj_t *r = NULL;
    int st = gen_throw_ex(self, exc, &r);
    DECREF(exc);
    return gen_status_result(st, r);
}

static obj_t *coro_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    return gen_close(self);
}

// ---- coroutine_wrapper ------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *coro; // owned, never rebound
} coro_wrapper_t;

static type_t coro_wrapper_type;

static obj_t *coro_await(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__await__", nargs, kwnames, 0, 0) < 0) return NULL;
    coro_wrapper_t *w = (coro_wrapper_t *)obj_alloc(&coro_wrapper_type, sizeof(coro_wrapper_t));
    if (!w) return NULL;
    w->coro = NEWREF(self);
    return (obj_t *)w;
}

static obj_t *cw_send(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return coro_send(((coro_wrapper_t *)self)->coro, args, nargs, kwnames);
}
static obj_t *cw_throw(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return coro_throw(((coro_wrapper_t *)self)->coro, args, nargs, kwnames);
}
static obj_t *cw_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return coro_close(((coro_wrapper_t *)self)->coro, args, nargs, kwnames);
}
static obj_t *cw_iter(obj_t *self) {
    return NEWREF(self);
}
static obj_t *cw_iternext(obj_t *self) {
    obj_t *r = NULL;
    int st = gen_send_ex(((coro_wrapper_t *)self)->coro, NULL, NULL, &r);
    return gen_status_result(st, r);
}
static int cw_traverse(obj_t *o, visitproc visit, void *arg) {
    return visit(((coro_wrapper_t *)o)->coro, arg);
}
static void cw_dealloc(obj_t *o) {
    DECREF(((coro_wrapper_t *)o)->coro);
    obj_free(o);
}

static const method_def_t cw_methods[] = {
    {"send", cw_send, METH_DEFAULT, NULL},
    {"throw", cw_throw, METH_DEFAULT, NULL},
    {"close", cw_close, METH_DEFAULT, NULL},
    {NULL},
};

static type_t coro_wrapper_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "coroutine_wrapper",
    .basicsize = sizeof(coro_wrapper_t),
    .base = &object_type,
    .dealloc = cw_dealloc,
    .traverse = cw_traverse,
    .iter = cw_iter,
    .iternext = cw_iternext,
    .methods = cw_methods,
};

// ---- the coroutine type ----------------------------------------------------------------------

static obj_t *coro_get_await(obj_t *o, void *c) {
    return gen_yieldfrom(o);
}

static obj_t *coro_get_origin(obj_t *o, void *c) {
    obj_t *t = ((gen_t *)o)->origin;
    return NEWREF(t ? t : None);
}

static const method_def_t coro_methods[] = {
    {"send", coro_send, METH_DEFAULT,
     "send(arg) -> send 'arg' into coroutine,\nreturn next iterated value or raise "
     "StopIteration."},
    {"throw", coro_throw, METH_DEFAULT,
     "throw(value)\nthrow(type[,value[,traceback]])\n\nRaise exception in coroutine, return "
     "next iterated value or raise\nStopIteration."},
    {"close", coro_close, METH_DEFAULT, "close() -> raise GeneratorExit inside coroutine."},
    {"__await__", coro_await, METH_DEFAULT, NULL},
    {NULL},
};

static const getset_def_t coro_getsets[] = {
    {"cr_running", gen_get_running, NULL, NULL},
    {"cr_code", gen_get_code, NULL, NULL},
    {"cr_await", coro_get_await, NULL, NULL},
    {"cr_suspended", gen_get_suspended, NULL, NULL},
    {"cr_frame", gen_get_frame, NULL, NULL},
    {"cr_origin", coro_get_origin, NULL, NULL},
    {"__name__", gen_get_name, gen_set_name, NULL, "name of the coroutine"},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, "qualified name of the coroutine"},
    {NULL},
};

type_t coro_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "coroutine",
    .basicsize = sizeof(gen_t),
    .base = &object_type,
    .dealloc = gen_dealloc,
    .traverse = gen_gc_traverse,
    .clear = gen_gc_clear,
    .repr = gen_repr,
    .methods = coro_methods,
    .getsets = coro_getsets,
};

int coro_types_ready(void) {
    return type_ready(&coro_type) < 0 || type_ready(&coro_wrapper_type) < 0 ? -1 : 0;
}
