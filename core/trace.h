/*
 * core/trace.h — sys.settrace and sys.setprofile: the events the interpreter
 * reports to Python-level trace and profile functions (pdb, bdb, trace,
 * coverage, profile).
 *
 * Owns: each thread's trace and profile functions (thread_t.trace_func,
 * profile_func), the per-thread "line hook on" bit the interpreter loop
 * reads (thread_t.trace_dispatch), and the rules of every event.
 *
 * Invariants:
 *  - Per thread, as in CPython: sys.settrace sets the calling thread's
 *    function only; threading.settrace hands it to threads started later.
 *  - No events while a trace or profile function runs (thread_t.tracing),
 *    so the functions' own frames are not traced.
 *  - trace_dispatch == (trace_func != NULL && tracing == 0) || tracemalloc
 *    traces: the loop runs its line hook before every instruction only then
 *    (for tracemalloc the hook only saves the pc: its line numbers).  A
 *    thread sees tracemalloc start at its next traced allocation and stop
 *    at its next instruction (trace_refresh_dispatch, trace_instruction).
 *  - EB_TRACING is set in the thread's eval breaker while either function
 *    is set, so a Python-to-Python call finds its 'call' event through the
 *    eval-breaker check it makes anyway; returns, yields and unwinding look
 *    for events only in frames that have a frame object, which every frame
 *    with an event has (trace_call makes one, sys.settrace gives one to the
 *    frames already running).  With nothing set, tracing costs the loop one
 *    load and branch per call into C (the dispatch table choice) and per
 *    yield and C-level entry.
 *  - A trace function that raises is switched off (sys.settrace(None)) and
 *    its exception replaces whatever was happening, as CPython does; the
 *    same for a profile function.
 */
#ifndef PVM_TRACE_H
#define PVM_TRACE_H

#include "frame.h"

// thread_t.trace_what: CPython's event numbers (PyTrace_CALL ...), and
// the 'return' event of a generator that yields (its frame stays
// suspended, so f_lineno may be set then).
enum {
    TRACE_WHAT_CALL,
    TRACE_WHAT_EXCEPTION,
    TRACE_WHAT_LINE,
    TRACE_WHAT_RETURN,
    TRACE_WHAT_C_CALL,
    TRACE_WHAT_C_EXCEPTION,
    TRACE_WHAT_C_RETURN,
    TRACE_WHAT_OPCODE,
    TRACE_WHAT_YIELD,
};

// True when a trace or profile function may want an event of this thread.
static inline bool trace_active(thread_t *ts) {
    return PVM_UNLIKELY(ts->trace_func != NULL || ts->profile_func != NULL);
}

// A frame starts or resumes running (entered, generator resumed): the
// 'call' event.  -1 with an exception when a trace function raised.
int trace_call(thread_t *ts, frame_t *f);
// The eval breaker of a Python-to-Python call into f was set: handles it,
// then the 'call' event if the thread traces (EB_TRACING).  -1 on error,
// 1 when the interpreter must re-read its trace state, else 0.
int trace_breaker_at_call(thread_t *ts, frame_t *f);
// The instruction at `insn` of f is about to run (only while
// ts->trace_dispatch): 'line' and 'opcode' events.  -1 on error.
int trace_instruction(thread_t *ts, frame_t *f, const uint32_t *insn);
// Re-reads whether the calling thread `ts` needs its per-instruction hook:
// tracemalloc (modules/tracemalloc.c) calls it when it starts and from
// its allocation hook, as it needs the innermost frame's pc saved before
// every instruction.
void trace_refresh_dispatch(thread_t *ts);
// f returns or yields `value` (borrowed; NULL when an exception leaves the
// frame): the 'return' event.  A pending exception is kept.  -1 when a
// trace function raised (its exception is then the pending one).
int trace_return(thread_t *ts, frame_t *f, obj_t *value);
// An exception is raised in f or passes through it: the 'exception' event
// with (type, value, traceback).  -1 when the trace function raised (its
// exception replaces the pending one).
int trace_exception(thread_t *ts, frame_t *f);
// A `yield from` / `await` in f finished: its sub-iterator `sub`, sent
// `sent`, returned `value`.  When CPython's SEND would have seen the
// sub-iterator raise StopIteration (a send() call, a coroutine, a value
// other than None, an iterator written in Python), the trace function gets
// that 'exception' event.  -1 when it raised.
int trace_subiter_return(thread_t *ts, frame_t *f, obj_t *sub, obj_t *sent, obj_t *value);
// obj_call from frame f while a profile function is set: a builtin
// function or method call is bracketed by 'c_call' and 'c_return' (or
// 'c_exception'), with the callable (a method descriptor bound to its
// first argument) as the event's argument.
PVM_WUR obj_t *trace_profiled_call(thread_t *ts, frame_t *f, obj_t *callable, obj_t *const *args,
                                   size_t nargs, obj_t *kwnames);

// sys.settrace / gettrace / setprofile / getprofile.
PVM_WUR obj_t *sys_settrace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
PVM_WUR obj_t *sys_gettrace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
PVM_WUR obj_t *sys_setprofile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
PVM_WUR obj_t *sys_getprofile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);

#endif // PVM_TRACE_H
