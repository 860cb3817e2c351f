/*
 * core/frameobject.c — Python frame objects over pvm's register frames.
 *
 * Design.  The interpreter's frames (core/frame.h) are windows on a
 * thread's register stack that vanish when the call returns; Python code
 * sees them only through frame objects, which are made lazily, the first
 * time something asks (sys._getframe, an exception passing through the
 * frame, gen.gi_frame, sys._current_frames), and cached in frame_t.frameobj
 * (the register frame owns one reference), so the same frame always gives
 * the same object.  While the register frame exists the object is *live*
 * (frameobj_t.live points at it) and reads its current state: the line of
 * the saved pc, the registers for f_locals, prev for f_back.  When the
 * frame is popped, frame_pop calls frameobj_detach first, while the
 * registers and the caller link are still intact: the object takes owned
 * copies of the named slots (varnames, cellvars, freevars), the last
 * instruction index and a reference to the caller's frame object (made
 * then if need be), and forgets the register frame.  From then on it
 * answers from its own copies, so a traceback can keep it for ever.
 * frame_exit then drops the register frame's reference.  If nobody else
 * holds the object at detach time (an exception that was caught and
 * dropped), nothing is copied: detaching costs nothing in the common case.
 * Generator frames live in the generator: their object stays live across
 * suspensions and is detached when the generator finishes or is freed.
 *
 * Concurrency.  A live object's frame is read only by a thread that can
 * know it is stable:
 *   - the thread running it (stack frames record their owner thread; a
 *     generator frame is looked up in the caller's own chain), or
 *   - any thread inside a stop-the-world pause (threads/stw.h): the other
 *     threads are parked between instructions or blocked, with their
 *     register credits paid, so every register is a counted reference and
 *     no frame is half pushed or half detached (detaching has no safepoint).
 * frame_t.frameobj is written only by the thread running the frame or
 * inside a pause.  A detached object's snapshot is immutable except
 * f_locals' dict, f_trace and clear(), which take the object's critical
 * section.  The detach publishes the snapshot with a release store of
 * live = NULL; readers load live with acquire.
 *
 * Cycles: the snapshot leaves out the locals that lead back to the frame
 * object itself: the object, and an exception or traceback whose
 * traceback holds it (`except E as e: err = e` would otherwise make a
 * cycle that only the cycle collector could free; frame_traverse and
 * tb_traverse let it free the others).
 */
#include <stdlib.h>
#include <string.h>

#include "../gc/credit.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/func.h"
#include "../objects/gen.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/critical.h"
#include "../threads/registry.h"
#include "../threads/stw.h"
#include "../threads/thread.h"
#include "error.h"
#include "frameobject.h"
#include "traceback.h"

// ---- named slots ----------------------------------------------------------------------

static int nvar(code_t *co) {
    int n = co->varnames ? (int)TUPLE_SIZE(co->varnames) : 0;
    return n < co->nlocals ? n : co->nlocals;
}

static int ncell(code_t *co) {
    int n = co->cellvars ? (int)TUPLE_SIZE(co->cellvars) : 0;
    return n < co->ncells ? n : co->ncells;
}

static int nslots(code_t *co) {
    int nf = co->freevars ? (int)TUPLE_SIZE(co->freevars) : 0;
    if (nf > co->nfree) nf = co->nfree;
    return nvar(co) + ncell(co) + nf;
}

static obj_t *slot_name(code_t *co, int i) {
    int nv = nvar(co), nc = ncell(co);
    if (i < nv) return TUPLE_GET(co->varnames, i);
    if (i < nv + nc) return TUPLE_GET(co->cellvars, i - nv);
    return TUPLE_GET(co->freevars, i - nv - nc);
}

// The register of slot i (borrowed, may be NULL).
static obj_t *slot_reg(frame_t *f, int i) {
    code_t *co = f->code;
    int nv = nvar(co), nc = ncell(co);
    if (i < nv) return f->regs[i];
    if (i < nv + nc) return f->regs[co->cell_regs[i - nv]];
    return f->regs[co->nlocals + (i - nv - nc)];
}

// A slot's value as f_locals shows it: the contents of a cell (new ref or NULL).
static obj_t *slot_value(code_t *co, obj_t *v, int i) {
    if (v == NULL) return NULL;
    bool cell_slot = i >= nvar(co);
    if (!cell_slot && CELL_CHECK(v)) {
        // A parameter that is also a cell variable keeps its cell in the
        // parameter's register.
        for (int k = 0; k < co->ncells; k++)
            if (co->cell_regs[k] == i) cell_slot = true;
    }
    if (cell_slot && CELL_CHECK(v)) return cell_get(v);
    return NEWREF(v);
}

// True when v leads back to fo through tracebacks (an exception or its
// context/cause, a traceback, a cell or a tuple holding one, as
// sys.exc_info() gives): a snapshot holding v would be a reference cycle.
// Lock-free: tb_next links are published with release stores and old
// links are freed after a grace period (core/traceback.c).
static bool tb_chain_has(obj_t *tb, obj_t *fo) {
    for (int n = 0; tb != NULL && n < 100000; n++) {
        if (((traceback_t *)tb)->frame == fo) return true;
        tb = __atomic_load_n(&((traceback_t *)tb)->next, __ATOMIC_ACQUIRE);
    }
    return false;
}

static bool leads_to(obj_t *v, obj_t *fo, int depth) {
    if (v == NULL || IS_SMALLINT(v)) return false;
    if (v == fo) return true;
    if (OBJ_IS_TYPE(v, &traceback_type)) return tb_chain_has(v, fo);
    if (EXC_CHECK(v)) {
        if (tb_chain_has(exc_get_traceback(v), fo)) return true;
        return depth < 4 && (leads_to(exc_get_context(v), fo, depth + 1) ||
                             leads_to(exc_get_cause(v), fo, depth + 1));
    }
    if (depth > 0) return false;
    if (CELL_CHECK(v))
        return leads_to(atomic_load_explicit(&((cell_t *)v)->ref, memory_order_acquire), fo, 1);
    if (OBJ_IS_TYPE(v, &tuple_type))
        for (size_t i = 0; i < TUPLE_SIZE(v); i++)
            if (leads_to(TUPLE_GET(v, i), fo, 1)) return true;
    return false;
}

static int lasti_of(frame_t *f) {
    return f->pc > f->code->insns ? (int)(f->pc - 1 - f->code->insns) : -1;
}

// ---- making, detaching ------------------------------------------------------------------

PVM_WUR obj_t *frameobj_get(frame_t *f, thread_t *owner) {
    if (f->frameobj) return NEWREF(f->frameobj);
    code_t *co = f->code;
    // A function frame's snapshot array lives in the object itself.
    size_t n = (co->flags & CO_FUNCTION) ? (size_t)nslots(co) : 0;
    frameobj_t *fo = (frameobj_t *)obj_alloc(&frame_type, sizeof(frameobj_t) + n * sizeof(obj_t *));
    if (fo == NULL) return NULL;
    fo->saved = n ? (obj_t **)(fo + 1) : NULL;
    fo->owner = f->on_heap ? NULL : owner;
    fo->code = NEWREF((obj_t *)co);
    fo->globals = f->globals;
    XINCREF(fo->globals);
    fo->builtins = f->builtins;
    XINCREF(fo->builtins);
    if (!(co->flags & CO_FUNCTION)) {
        fo->ns = f->locals ? f->locals : f->globals;
        XINCREF(fo->ns);
    }
    fo->lasti = -1;
    fo->trace_lines = true;
    fo->trace_prev = -1;
    atomic_store_explicit(&fo->live, f, memory_order_relaxed);
    f->frameobj = NEWREF((obj_t *)fo);
    return (obj_t *)fo;
}

void frameobj_detach(frame_t *f) {
    frameobj_t *fo = (frameobj_t *)f->frameobj;
    if (atomic_load_explicit(&fo->live, memory_order_relaxed) != f) return;
    code_t *co = f->code;
    fo->lasti = lasti_of(f);
    // References the registers hold to the object itself do not count.
    int64_t self_refs = 0;
    for (int i = 0; i < co->nregs; i++)
        if (f->regs[i] == (obj_t *)fo) self_refs++;
    bool kept = !(atomic_load_explicit(&fo->ob.ob_tid, memory_order_relaxed) == pvm_tls_tid &&
                  obj_refcount((obj_t *)fo) <= 1 + self_refs);
    if (kept) {
        obj_t *exc = err_fetch();
        if (fo->saved) {
            int n = nslots(co);
            for (int i = 0; i < n; i++) {
                obj_t *v = slot_reg(f, i);
                if (!leads_to(v, (obj_t *)fo, 0)) {
                    XINCREF(v);
                    fo->saved[i] = v;
                }
            }
            fo->nsaved = n;
        }
        if (f->prev) {
            fo->back = frameobj_get(f->prev, thread_current());
            if (fo->back == NULL) err_clear();
        }
        err_restore(exc);
    }
    atomic_store_explicit(&fo->live, NULL, memory_order_release);
}

void frameobj_release(frame_t *f) {
    obj_t *o = f->frameobj;
    if (atomic_load_explicit(&((frameobj_t *)o)->live, memory_order_relaxed) == f)
        frameobj_detach(f);
    f->frameobj = NULL;
    DECREF(o);
}

static void frame_dealloc(obj_t *o) {
    frameobj_t *fo = (frameobj_t *)o;
    XDECREF(fo->code);
    XDECREF(fo->globals);
    XDECREF(fo->builtins);
    XDECREF(fo->ns);
    XDECREF(fo->locals);
    for (int i = 0; i < fo->nsaved; i++)
        XDECREF(fo->saved[i]);
    XDECREF(fo->back);
    XDECREF(fo->trace);
    obj_free(o);
}

// The cycle collector (gc/gc.h), in its pause: the object's own fields.  A
// live object's registers belong to its register frame (a generator
// visits them, a running frame is not garbage).
static int frame_traverse(obj_t *o, visitproc visit, void *arg) {
    frameobj_t *fo = (frameobj_t *)o;
    obj_t *f[] = {fo->code, fo->globals, fo->builtins, fo->ns, fo->locals, fo->back, fo->trace};
    for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        if (f[i] != NULL) {
            int r = visit(f[i], arg);
            if (r) return r;
        }
    }
    for (int i = 0; i < fo->nsaved; i++) {
        if (fo->saved[i] != NULL) {
            int r = visit(fo->saved[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

// Only on unreachable frame objects: what a detached frame holds (a live
// one's register frame belongs to its generator, which clears it).
static int frame_gc_clear(obj_t *o) {
    frameobj_t *fo = (frameobj_t *)o;
    CLEAR(fo->locals);
    CLEAR(fo->trace);
    if (atomic_load_explicit(&fo->live, memory_order_acquire) != NULL) return 0;
    CLEAR(fo->back);
    CLEAR(fo->ns);
    for (int i = 0; i < fo->nsaved; i++)
        CLEAR(fo->saved[i]);
    return 0;
}

// ---- reading a live frame -----------------------------------------------------------------

// True when the calling thread runs `f` (its chain holds it).
static bool runs_here(thread_t *ts, frameobj_t *fo, frame_t *f) {
    if (fo->owner != NULL) return fo->owner == ts;
    for (frame_t *p = ts->frame; p != NULL; p = p->prev)
        if (p == f) return true;
    return false;
}

typedef obj_t *(*frame_reader_t)(frameobj_t *fo, frame_t *live, void *arg);

// Runs fn with fo's register frame stable (NULL when detached): directly
// when this thread runs it or it is detached, else inside a pause.
static obj_t *with_frame(frameobj_t *fo, frame_reader_t fn, void *arg) {
    thread_t *ts = thread_current();
    frame_t *f = atomic_load_explicit(&fo->live, memory_order_acquire);
    if (f == NULL || runs_here(ts, fo, f)) return fn(fo, f, arg);
    bool pause = atomic_load_explicit(&pvm_attached_threads, memory_order_seq_cst) > 1;
    if (pause) stw_stop_world();
    f = atomic_load_explicit(&fo->live, memory_order_acquire);
    obj_t *r = fn(fo, f, arg);
    if (pause) stw_start_world();
    return r;
}

static obj_t *read_lasti(frameobj_t *fo, frame_t *f, void *arg) {
    return SMALLINT_FROM(f ? lasti_of(f) : fo->lasti);
}

int frameobj_lasti(obj_t *o) {
    obj_t *r = with_frame((frameobj_t *)o, read_lasti, NULL);
    return (int)SMALLINT_VALUE(r);
}

static obj_t *read_back(frameobj_t *fo, frame_t *f, void *arg) {
    if (f == NULL) return NEWREF(fo->back ? fo->back : None);
    if (f->prev == NULL) return NEWREF(None);
    return frameobj_get(f->prev, fo->owner);
}

// Refreshes fo->locals from the registers (live) or the snapshot; new ref.
static obj_t *read_locals(frameobj_t *fo, frame_t *f, void *arg) {
    code_t *co = (code_t *)fo->code;
    obj_t *res = NULL;
    BEGIN_CRITICAL_SECTION(fo);
    if (fo->locals == NULL) fo->locals = dict_new();
    obj_t *d = fo->locals;
    if (d == NULL) goto done;
    int n = nslots(co);
    for (int i = 0; i < n; i++) {
        obj_t *raw = f ? slot_reg(f, i) : (i < fo->nsaved ? fo->saved[i] : NULL);
        obj_t *v = slot_value(co, raw, i);
        obj_t *name = slot_name(co, i);
        int rc;
        if (v) {
            rc = dict_set(d, name, v);
            DECREF(v);
        } else {
            rc = dict_contains(d, name);
            if (rc == 1) rc = dict_del(d, name);
        }
        if (rc < 0) goto done;
    }
    res = NEWREF(d);
done:
    END_CRITICAL_SECTION();
    return res;
}

// ---- attributes -------------------------------------------------------------------------

static obj_t *fr_get_back(obj_t *o, void *c) {
    return with_frame((frameobj_t *)o, read_back, NULL);
}

static obj_t *fr_get_locals(obj_t *o, void *c) {
    frameobj_t *fo = (frameobj_t *)o;
    if (fo->ns) return NEWREF(fo->ns);
    return with_frame(fo, read_locals, NULL);
}

static obj_t *fr_get_globals(obj_t *o, void *c) {
    obj_t *g = ((frameobj_t *)o)->globals;
    return NEWREF(g ? g : None);
}

static obj_t *fr_get_builtins(obj_t *o, void *c) {
    obj_t *b = ((frameobj_t *)o)->builtins;
    return NEWREF(b ? b : None);
}

static obj_t *fr_get_code(obj_t *o, void *c) {
    return NEWREF(((frameobj_t *)o)->code);
}

static obj_t *fr_get_lasti(obj_t *o, void *c) {
    int lasti = frameobj_lasti(o);
    // Byte offsets into co_code (4-byte instruction words), as CPython's.
    return SMALLINT_FROM(lasti < 0 ? -1 : lasti * 4);
}

static obj_t *fr_get_lineno(obj_t *o, void *c) {
    code_t *co = (code_t *)((frameobj_t *)o)->code;
    int lasti = frameobj_lasti(o);
    if (lasti < 0) return SMALLINT_FROM(co->firstlineno);
    int line = code_addr2loc(co, (size_t)lasti, NULL, NULL, NULL, NULL);
    if (line < 0) {
        // An instruction without a line (a jump or implicit return that
        // several paths share): while traced, the line that ran before it
        // (core/trace.c keeps trace_prev on an instruction with a line);
        // else the nearest line before it.
        ssize_t prev = ((frameobj_t *)o)->trace_prev;
        if (prev < 0 || (line = code_addr2loc(co, (size_t)prev, NULL, NULL, NULL, NULL)) < 0)
            line = code_addr2line(co, (size_t)lasti);
    }
    return SMALLINT_FROM(line);
}

static obj_t *fr_get_trace(obj_t *o, void *c) {
    frameobj_t *fo = (frameobj_t *)o;
    obj_t *t;
    BEGIN_CRITICAL_SECTION(fo);
    t = fo->trace ? fo->trace : None;
    INCREF(t);
    END_CRITICAL_SECTION();
    return t;
}

static int fr_set_trace(obj_t *o, obj_t *v, void *c) {
    frameobj_t *fo = (frameobj_t *)o;
    if (v == None) v = NULL;
    XINCREF(v);
    obj_t *old;
    BEGIN_CRITICAL_SECTION(fo);
    old = fo->trace;
    fo->trace = v;
    END_CRITICAL_SECTION();
    XDECREF(old);
    return 0;
}

static obj_t *fr_get_trace_flag(obj_t *o, void *c) {
    frameobj_t *fo = (frameobj_t *)o;
    bool v;
    BEGIN_CRITICAL_SECTION(fo);
    v = c ? fo->trace_opcodes : fo->trace_lines;
    END_CRITICAL_SECTION();
    return bool_from(v);
}

static int fr_set_trace_flag(obj_t *o, obj_t *v, void *c) {
    frameobj_t *fo = (frameobj_t *)o;
    if (v == NULL || (v != True && v != False)) {
        err_set_str(exc_TypeError, "attribute value type must be bool");
        return -1;
    }
    BEGIN_CRITICAL_SECTION(fo);
    if (c)
        fo->trace_opcodes = v == True;
    else
        fo->trace_lines = v == True;
    END_CRITICAL_SECTION();
    return 0;
}

static const getset_def_t frame_getsets[] = {
    {"f_back", fr_get_back, NULL, NULL},
    {"f_locals", fr_get_locals, NULL, NULL},
    {"f_globals", fr_get_globals, NULL, NULL},
    {"f_builtins", fr_get_builtins, NULL, NULL},
    {"f_code", fr_get_code, NULL, NULL},
    {"f_lasti", fr_get_lasti, NULL, NULL},
    {"f_lineno", fr_get_lineno, frame_set_lineno, NULL},
    {"f_trace", fr_get_trace, fr_set_trace, NULL},
    {"f_trace_lines", fr_get_trace_flag, fr_set_trace_flag, NULL},
    {"f_trace_opcodes", fr_get_trace_flag, fr_set_trace_flag, (void *)1},
    {NULL},
};

// frame.clear(): drops the locals of a finished frame; a suspended
// generator's frame closes the generator first.
static obj_t *read_clear_target(frameobj_t *fo, frame_t *f, void *arg) {
    if (f == NULL) return NEWREF(None);
    if (f->on_heap && f->gen != NULL && f->prev == NULL) return NEWREF(f->gen);
    return NEWREF(True); // executing
}

static obj_t *fr_clear(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("clear", nargs, kwnames, 0, 0) < 0) return NULL;
    frameobj_t *fo = (frameobj_t *)self;
    obj_t *t = with_frame(fo, read_clear_target, NULL);
    if (t == True) {
        err_set_str(exc_RuntimeError, "cannot clear an executing frame");
        return NULL;
    }
    if (t != None) {
        coro_warn_unawaited_live(t);
        obj_t *r = gen_close(t);
        DECREF(t);
        if (r == NULL) return NULL;
        DECREF(r);
        if (atomic_load_explicit(&fo->live, memory_order_acquire) != NULL) {
            err_set_str(exc_RuntimeError, "cannot clear an executing frame");
            return NULL;
        }
    }
    // Take the values out under the section, drop them after it.
    int n;
    obj_t *trace;
    obj_t **vals = NULL;
    BEGIN_CRITICAL_SECTION(fo);
    n = fo->nsaved;
    trace = fo->trace;
    if (n > 0 && (vals = malloc((size_t)n * sizeof(obj_t *))) != NULL) {
        memcpy(vals, fo->saved, (size_t)n * sizeof(obj_t *));
        memset(fo->saved, 0, (size_t)n * sizeof(obj_t *));
    }
    if (vals != NULL || n == 0) fo->trace = NULL;
    END_CRITICAL_SECTION();
    if (n > 0 && vals == NULL) return err_no_memory();
    for (int i = 0; i < n; i++)
        XDECREF(vals[i]);
    free(vals);
    XDECREF(trace);
    return NEWREF(None);
}

static obj_t *fr_repr(obj_t *o) {
    frameobj_t *fo = (frameobj_t *)o;
    code_t *co = (code_t *)fo->code;
    obj_t *line = fr_get_lineno(o, NULL);
    obj_t *r = str_from_format("<frame at %p, file '%U', line %d, code %U>", (void *)o,
                               co->filename, (int)SMALLINT_VALUE(line), co->name);
    return r;
}

static const method_def_t frame_methods[] = {
    {"clear", fr_clear, 0, NULL},
    {NULL, NULL, 0, NULL},
};

type_t frame_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "frame",
    .basicsize = sizeof(frameobj_t),
    .base = &object_type,
    .dealloc = frame_dealloc,
    .traverse = frame_traverse,
    .clear = frame_gc_clear,
    .repr = fr_repr,
    .methods = frame_methods,
    .getsets = frame_getsets,
};

// ---- generators, sys --------------------------------------------------------------------

PVM_WUR obj_t *frameobj_of_gen(obj_t *gen) {
    gen_t *g = (gen_t *)gen;
    // The generator may be resumed, or finish and free its frame, on
    // another thread at any moment: look at it inside a pause.
    bool pause = atomic_load_explicit(&pvm_attached_threads, memory_order_seq_cst) > 1;
    if (pause) stw_stop_world();
    frame_t *f = g->frame;
    obj_t *r = f ? frameobj_get(f, NULL) : NEWREF(None);
    if (pause) stw_start_world();
    return r;
}

PVM_WUR obj_t *frameobj_getframe(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames != NULL && TUPLE_SIZE(kwnames) > 0) {
        err_set_str(exc_TypeError, "sys._getframe() takes no keyword arguments");
        return NULL;
    }
    if (args_check("_getframe", nargs, NULL, 0, 1) < 0) return NULL;
    int64_t depth = 0;
    if (nargs == 1) {
        obj_t *i = obj_index(args[0]);
        if (i == NULL) return NULL;
        int rc = int_as_i64(i, &depth);
        DECREF(i);
        if (rc < 0) return NULL;
    }
    thread_t *ts = thread_current();
    frame_t *f = ts->frame;
    while (depth > 0 && f != NULL) {
        f = f->prev;
        depth--;
    }
    if (f == NULL) {
        err_set_str(exc_ValueError, "call stack is not deep enough");
        return NULL;
    }
    return frameobj_get(f, ts);
}

// sys._current_exceptions(): {thread ident: exc_info triple} for every
// thread, taken like _current_frames in a stop-the-world pause (each
// thread's exc_info is its own field, read here while it is stopped).
PVM_WUR obj_t *frameobj_current_exceptions(obj_t *self, obj_t *const *args, size_t nargs,
                                           obj_t *kwnames) {
    if (args_check("sys._current_exceptions", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *d = dict_new();
    if (d == NULL) return NULL;
    stw_stop_world();
    registry_lock();
    size_t n = registry_count(), k = 0;
    thread_t **ths = calloc(n ? n : 1, sizeof(thread_t *));
    if (ths)
        for (thread_t *t = registry_first(); t != NULL && k < n; t = t->next)
            ths[k++] = t;
    registry_unlock();
    int rc = ths ? 0 : -1;
    if (!ths) err_no_memory();
    for (size_t i = 0; i < k && rc == 0; i++) {
        obj_t *e = ths[i]->exc_info;
        obj_t *info;
        if (e == NULL || e == None) {
            info = tuple_pack(3, None, None, None);
        } else {
            obj_t *tb = exc_get_traceback(e);
            info = tuple_pack(3, (obj_t *)TYPE(e), e, tb ? tb : None);
        }
        obj_t *key = int_from_u64(ths[i]->ident);
        rc = info && key ? dict_set(d, key, info) : -1;
        XDECREF(info);
        XDECREF(key);
    }
    stw_start_world();
    free(ths);
    if (rc < 0) {
        DECREF(d);
        return NULL;
    }
    return d;
}

PVM_WUR obj_t *frameobj_current_frames(obj_t *self, obj_t *const *args, size_t nargs,
                                       obj_t *kwnames) {
    if (args_check("_current_frames", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *d = dict_new();
    if (d == NULL) return NULL;
    stw_stop_world();
    // Collect under the registry lock, make objects after it (allocation
    // and reference counting may need the lock).
    registry_lock();
    size_t n = registry_count(), k = 0;
    thread_t **ths = calloc(n ? n : 1, sizeof(thread_t *));
    if (ths)
        for (thread_t *t = registry_first(); t != NULL && k < n; t = t->next)
            if (t->frame) ths[k++] = t;
    registry_unlock();
    int rc = ths ? 0 : -1;
    if (!ths) err_no_memory();
    for (size_t i = 0; i < k && rc == 0; i++) {
        obj_t *fo = frameobj_get(ths[i]->frame, ths[i]);
        obj_t *key = int_from_u64(ths[i]->ident);
        rc = fo && key ? dict_set(d, key, fo) : -1;
        XDECREF(fo);
        XDECREF(key);
    }
    stw_start_world();
    free(ths);
    if (rc < 0) {
        DECREF(d);
        return NULL;
    }
    return d;
}
