/*
 * core/trace.c — sys.settrace / sys.setprofile and their events.
 *
 * CPython 3.11's rules, which pdb, bdb, trace and coverage rely on:
 *  - 'call' goes to the thread's trace function (then to the profile
 *    function) when a frame starts or a generator resumes; what the trace
 *    function returns becomes the frame's f_trace, the local trace function
 *    that gets the frame's other events.  A local function that returns
 *    None keeps f_trace as it was.
 *  - 'line' before the first instruction of a new source line, and before
 *    any instruction reached by a backward jump (each turn of a loop on one
 *    line); only when f_trace_lines.  'opcode' before every instruction when
 *    f_trace_opcodes.
 *  - 'return' when the frame returns or yields (the value), or when an
 *    exception leaves it (None); 'exception' with (type, value, traceback)
 *    when an exception is raised in the frame or passes through it.
 *  - The profile function gets 'call' and 'return', and 'c_call',
 *    'c_return', 'c_exception' around calls of builtin functions and
 *    methods; never 'line'.
 *  - A function that raises is switched off for the thread, f_trace is
 *    cleared, and its exception propagates from the traced code.
 * Everything here runs on the thread that owns the frame, so the per-frame
 * line state in the frame object needs no lock.
 */
#include "trace.h"

#include "../modules/tracemalloc.h"
#include "../objects/exceptions.h"
#include "../objects/gen.h"
#include "../objects/method.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/critical.h"
#include "error.h"
#include "frameobject.h"
#include "opcodes.h"

static void update_dispatch(thread_t *ts) {
    ts->trace_dispatch = (ts->trace_func != NULL && ts->tracing == 0) || tracemalloc_is_active();
    if (ts->trace_func != NULL || ts->profile_func != NULL)
        atomic_fetch_or_explicit(&ts->eval_breaker, EB_TRACING, memory_order_relaxed);
    else
        atomic_fetch_and_explicit(&ts->eval_breaker, ~(uint32_t)EB_TRACING, memory_order_relaxed);
}

void trace_refresh_dispatch(thread_t *ts) {
    update_dispatch(ts);
}

// Frames already running when tracing starts get a frame object, so that
// their 'return' events are seen (the interpreter looks for events only
// in frames that have one).
static void give_frame_objects(thread_t *ts) {
    for (frame_t *f = ts->frame; f != NULL; f = f->prev) {
        if (f->frameobj != NULL) continue;
        obj_t *fo = frameobj_get(f, ts);
        if (fo == NULL) {
            err_clear(); // out of memory: that frame's 'return' goes unreported
            return;
        }
        DECREF(fo);
    }
}

// True on a thread while set_trace_func releases the function it replaces
// (whose __del__ may call sys.settrace again).
static _Thread_local bool installing_trace;

// Replaces the thread's trace function as CPython 3.11 does: the old one is
// unset before it is released (sys.gettrace() in its __del__ sees None),
// and a sys.settrace() from that release raises RuntimeError.  -1 + that
// error; nothing changed then.
static int set_trace_func(thread_t *ts, obj_t *fn) {
    if (installing_trace) {
        err_set_str(exc_RuntimeError,
                    "Cannot install a trace function while another trace function is being "
                    "installed");
        return -1;
    }
    installing_trace = true;
    obj_t *old = ts->trace_func;
    ts->trace_func = NULL;
    update_dispatch(ts);
    XDECREF(old);
    ts->trace_func = fn == None ? NULL : fn;
    XINCREF(ts->trace_func);
    update_dispatch(ts);
    installing_trace = false;
    return 0;
}

static void set_profile_func(thread_t *ts, obj_t *fn) {
    obj_t *old = ts->profile_func;
    ts->profile_func = fn == None ? NULL : fn;
    XINCREF(ts->profile_func);
    update_dispatch(ts);
    XDECREF(old);
}

static void set_frame_trace(frameobj_t *fo, obj_t *fn) {
    obj_t *old;
    XINCREF(fn);
    BEGIN_CRITICAL_SECTION(fo);
    old = fo->trace;
    fo->trace = fn;
    END_CRITICAL_SECTION();
    XDECREF(old);
}

static obj_t *frame_trace_ref(frameobj_t *fo) {
    obj_t *t;
    BEGIN_CRITICAL_SECTION(fo);
    t = fo->trace;
    XINCREF(t);
    END_CRITICAL_SECTION();
    return t;
}

// fn(frame, event, arg) with events off for the duration.  New reference,
// or NULL with the function's exception.
// `what`: the TRACE_WHAT_ code of the event, in ts->trace_what for
// f_lineno's setter (core/frame_jump.c) while the call runs, with the
// frame object in ts->trace_fo (both restored after, as CPython restores
// tracing_what).
static obj_t *call_hook(thread_t *ts, obj_t *fn, obj_t *fo, const char *event, obj_t *arg,
                        int what) {
    obj_t *args[3] = {fo, str_intern(event), arg ? arg : None};
    INCREF(fn); // the function may switch itself off (settrace(None))
    ts->tracing++;
    update_dispatch(ts);
    void *prev_fo = ts->trace_fo;
    uint8_t prev_what = ts->trace_what;
    ts->trace_what = (uint8_t)what;
    ts->trace_fo = fo;
    obj_t *r = obj_call(fn, args, 3, NULL);
    ts->trace_fo = prev_fo;
    ts->trace_what = prev_what;
    ts->tracing--;
    update_dispatch(ts);
    DECREF(fn);
    return r;
}

// The trace function's side of an event: `fn` is the global function for
// 'call', else the frame's f_trace.  0, or -1 with the function's error
// (tracing then off).
static int trace_event(thread_t *ts, frameobj_t *fo, obj_t *fn, const char *event, obj_t *arg,
                       int what) {
    obj_t *r = call_hook(ts, fn, (obj_t *)fo, event, arg, what);
    if (r == NULL) {
        if (!installing_trace) (void)set_trace_func(ts, NULL); // cannot fail then
        set_frame_trace(fo, NULL);
        return -1;
    }
    if (r != None) set_frame_trace(fo, r);
    DECREF(r);
    return 0;
}

static int profile_event(thread_t *ts, obj_t *fo, const char *event, obj_t *arg, int what) {
    obj_t *r = call_hook(ts, ts->profile_func, fo, event, arg, what);
    if (r == NULL) {
        set_profile_func(ts, NULL);
        return -1;
    }
    DECREF(r);
    return 0;
}

int trace_call(thread_t *ts, frame_t *f) {
    if (ts->tracing) return 0;
    obj_t *fo = frameobj_get(f, ts);
    if (fo == NULL) return -1;
    frameobj_t *fob = (frameobj_t *)fo;
    int rc = 0;
    if (f->pc == f->code->insns) fob->trace_prev = -1; // not started
    if (ts->trace_func != NULL)
        rc = trace_event(ts, fob, ts->trace_func, "call", None, TRACE_WHAT_CALL);
    if (rc == 0 && ts->profile_func != NULL)
        rc = profile_event(ts, fo, "call", None, TRACE_WHAT_CALL);
    DECREF(fo);
    return rc;
}

int trace_breaker_at_call(thread_t *ts, frame_t *f) {
    if (thread_handle_eval_breaker_at_entry(ts) < 0) return -1;
    if (!trace_active(ts)) return 0;
    return trace_call(ts, f) < 0 ? -1 : 1;
}

// Line of instruction word `idx`, through the frame object's one-run cache.
static int line_of(frameobj_t *fo, code_t *co, size_t idx) {
    if (idx >= fo->line_start && idx < fo->line_end) return fo->line_no;
    fo->line_no = code_addr2line_range(co, idx, &fo->line_start, &fo->line_end);
    return fo->line_no;
}

// The line the previous instruction counts as: none at a frame's start,
// so its first instruction always gets a 'line' event (CPython compares
// with _co_firsttraceable).
static int prev_line(frameobj_t *fo, code_t *co) {
    if (fo->trace_prev < 0) return -1;
    return line_of(fo, co, (size_t)fo->trace_prev);
}

// Whether going from instruction prev to idx counts as a jump back to the
// top of a loop, which gets a 'line' event even on the same line (each turn
// of `for x in xs: f(x)`).  CPython tests its loops at the top, so its
// backward jumps land on FOR_ITER; pvm tests `for` loops at the bottom
// (FOR_ITER jumps back to the body): reaching FOR_ITER from inside the body
// is the jump back, and FOR_ITER's own jump into the body is not.
static bool loops_back(code_t *co, ssize_t prev, ssize_t idx) {
    if (prev < 0) return false;
    const uint32_t *w = co->insns;
    if (INSN_OP(w[idx]) == OPC_FOR_ITER && (size_t)idx + 1 < co->ninsns) {
        ssize_t body = (ssize_t)w[idx + 1];
        if (prev >= body && prev < idx) return true;
    }
    if (idx >= prev) return false;
    return INSN_OP(w[prev]) != OPC_FOR_ITER;
}

int trace_instruction(thread_t *ts, frame_t *f, const uint32_t *insn) {
    if (ts->tracing || ts->trace_func == NULL) {
        // The hook ran for tracemalloc, which has stopped since.
        if (ts->trace_func == NULL && !tracemalloc_is_active()) update_dispatch(ts);
        return 0;
    }
    frameobj_t *fo = (frameobj_t *)f->frameobj;
    if (fo == NULL) return 0; // no frame object: nobody set its f_trace
    code_t *co = f->code;
    ssize_t idx = insn - co->insns;
    ssize_t prev = fo->trace_prev;
    // A frame that ran untraced until now (its f_trace set during a call
    // it made) continues the line of the instruction before: no event
    // for the rest of that line, as in CPython.
    if (prev < 0 && idx > 0) prev = idx - 1;
    fo->trace_prev = idx;
    obj_t *fn;
    bool lines, opcodes;
    BEGIN_CRITICAL_SECTION(fo); // f_trace and its flags may be set by any thread
    fn = fo->trace;
    XINCREF(fn);
    lines = fo->trace_lines;
    opcodes = fo->trace_opcodes;
    END_CRITICAL_SECTION();
    if (fn == NULL) return 0;
    int rc = 0;
    INCREF((obj_t *)fo);
    int line = line_of(fo, co, (size_t)idx);
    // An instruction without a line (a jump or implicit return several
    // paths share) is invisible: the frame keeps reporting the line it
    // came from (f_lineno), and the next instruction compares with that line.
    if (line < 0) fo->trace_prev = prev;
    if (lines) {
        fo->trace_prev = prev;
        int before = prev_line(fo, co);
        fo->trace_prev = line < 0 ? prev : idx;
        if (line > 0 && (line != before || loops_back(co, prev, idx)))
            rc = trace_event(ts, fo, fn, "line", None, TRACE_WHAT_LINE);
    }
    // After a jump (f_lineno set by the line event) the instruction is
    // another one: its 'opcode' event is not this one's.
    if (rc == 0 && opcodes && f->pc == insn + 1) {
        obj_t *fn2 = frame_trace_ref(fo); // the line event may have replaced it
        if (fn2 != NULL) {
            rc = trace_event(ts, fo, fn2, "opcode", None, TRACE_WHAT_OPCODE);
            DECREF(fn2);
        }
    }
    DECREF(fn);
    DECREF((obj_t *)fo);
    return rc;
}

int trace_return(thread_t *ts, frame_t *f, obj_t *value) {
    if (ts->tracing) return 0;
    obj_t *fo = f->frameobj;
    obj_t *fn = NULL;
    if (ts->trace_func != NULL && fo != NULL) fn = frame_trace_ref((frameobj_t *)fo);
    if (fn == NULL && ts->profile_func == NULL) return 0;
    obj_t *exc = value == NULL ? err_fetch() : NULL;
    int rc = 0;
    if (fo == NULL)
        fo = frameobj_get(f, ts);
    else
        INCREF(fo);
    if (fo == NULL) rc = -1;
    // A generator that yields stays suspended: f_lineno may be set then.
    int what = value != NULL && f->on_heap && !f->yf_active && f->pc > f->code->insns &&
                       INSN_OP(f->pc[-1]) == OPC_YIELD
                   ? TRACE_WHAT_YIELD
                   : TRACE_WHAT_RETURN;
    if (rc == 0 && fn != NULL) rc = trace_event(ts, (frameobj_t *)fo, fn, "return", value, what);
    if (rc == 0 && ts->profile_func != NULL) rc = profile_event(ts, fo, "return", value, what);
    XDECREF(fn);
    XDECREF(fo);
    if (exc != NULL) {
        if (rc == 0)
            err_restore(exc);
        else
            DECREF(exc); // the hook's exception replaces it
    }
    return rc;
}

int trace_exception(thread_t *ts, frame_t *f) {
    if (ts->tracing || ts->trace_func == NULL || f->frameobj == NULL) return 0;
    frameobj_t *fo = (frameobj_t *)f->frameobj;
    obj_t *fn = frame_trace_ref(fo);
    if (fn == NULL) return 0;
    obj_t *exc = err_fetch();
    if (exc == NULL) {
        DECREF(fn);
        return 0;
    }
    obj_t *tb = exc_traceback_ref(exc);
    obj_t *arg = tuple_pack(3, (obj_t *)TYPE(exc), exc, tb ? tb : None);
    XDECREF(tb);
    int rc = -1;
    if (arg != NULL) {
        INCREF((obj_t *)fo);
        rc = trace_event(ts, fo, fn, "exception", arg, TRACE_WHAT_EXCEPTION);
        DECREF((obj_t *)fo);
        DECREF(arg);
    }
    DECREF(fn);
    if (rc == 0)
        err_restore(exc);
    else
        DECREF(exc);
    return rc;
}

int trace_subiter_return(thread_t *ts, frame_t *f, obj_t *sub, obj_t *sent, obj_t *value) {
    if (ts->tracing || ts->trace_func == NULL || f->frameobj == NULL) return 0;
    bool raised;
    if (GEN_CHECK(sub))
        raised = (sent != NULL && sent != None) || value != None;
    else if (CORO_CHECK(sub))
        raised = true;
    else
        raised = (sent != NULL && sent != None) || value != None ||
                 type_has_flag(TYPE(sub), TPFLAG_HEAPTYPE);
    if (!raised) return 0;
    obj_t *args = value == None ? tuple_new(0) : tuple_pack(1, value);
    if (args == NULL) return -1;
    obj_t *exc = exc_new((type_t *)exc_StopIteration, args);
    DECREF(args);
    if (exc == NULL) return -1;
    err_set_object(exc);
    DECREF(exc);
    if (trace_exception(ts, f) < 0) return -1;
    err_clear();
    return 0;
}

static int c_event(thread_t *ts, frame_t *f, const char *event, obj_t *callable, int what) {
    obj_t *fo = frameobj_get(f, ts);
    if (fo == NULL) return -1;
    int rc = profile_event(ts, fo, event, callable, what);
    DECREF(fo);
    return rc;
}

obj_t *trace_profiled_call(thread_t *ts, frame_t *f, obj_t *callable, obj_t *const *args,
                           size_t nargs, obj_t *kwnames) {
    type_t *t = TYPE(callable);
    obj_t *shown = NULL; // what the events report
    if (ts->tracing == 0) {
        if (t == &cfunction_type) {
            shown = NEWREF(callable);
        } else if (t == &methoddescr_type && nargs > 0) {
            shown = t->descr_get(callable, args[0], (obj_t *)TYPE(args[0]));
            if (shown == NULL) return NULL;
        }
    }
    if (shown == NULL) return obj_call(callable, args, nargs, kwnames);
    obj_t *r = NULL;
    if (c_event(ts, f, "c_call", shown, TRACE_WHAT_C_CALL) == 0) {
        r = obj_call(callable, args, nargs, kwnames);
        if (ts->profile_func != NULL && ts->tracing == 0) {
            obj_t *exc = r == NULL ? err_fetch() : NULL;
            int rc = c_event(ts, f, r != NULL ? "c_return" : "c_exception", shown,
                             r != NULL ? TRACE_WHAT_C_RETURN : TRACE_WHAT_C_EXCEPTION);
            if (exc != NULL) {
                if (rc == 0)
                    err_restore(exc);
                else
                    DECREF(exc); // the profiler's exception replaces it
            }
            if (rc < 0) CLEAR(r);
        }
    }
    DECREF(shown);
    return r;
}

// ---- sys functions ------------------------------------------------------------------------

obj_t *sys_settrace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    if (args_check("sys.settrace", nargs, kwnames, 1, 1) < 0) return NULL;
    thread_t *ts = thread_current();
    if (args[0] != None) give_frame_objects(ts);
    if (set_trace_func(ts, args[0]) < 0) return NULL;
    return NEWREF(None);
}

obj_t *sys_gettrace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self, (void)args;
    if (args_check("sys.gettrace", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *t = thread_current()->trace_func;
    return NEWREF(t ? t : None);
}

obj_t *sys_setprofile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    if (args_check("sys.setprofile", nargs, kwnames, 1, 1) < 0) return NULL;
    thread_t *ts = thread_current();
    if (args[0] != None) give_frame_objects(ts);
    set_profile_func(ts, args[0]);
    return NEWREF(None);
}

obj_t *sys_getprofile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self, (void)args;
    if (args_check("sys.getprofile", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *t = thread_current()->profile_func;
    return NEWREF(t ? t : None);
}
