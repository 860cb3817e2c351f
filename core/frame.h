/*
 * core/frame.h — interpreter frames (internal to the core).
 *
 * A frame is a header followed by a window of registers.  Ordinary frames
 * live on the thread's register stack ([ts->reg_base, ts->reg_limit), one
 * big lazily committed reservation per thread, so frames never move): the
 * header sits at ts->reg_top when the frame is pushed and its registers
 * follow it; popping resets ts->reg_top to the header.  Generator frames
 * are allocated with their generator object and are never on the stack.
 *
 * Invariants:
 *  - regs[0 .. code->nregs) are owned references or NULL (unbound);
 *    registers of cell variables hold cell objects.
 *  - ts->frame is the innermost executing frame; frame->prev is the frame
 *    that was executing when this one was entered (its caller).
 *  - ts->reg_top is always above every live stack frame's registers.
 *  - Python-to-Python calls push a frame and continue in the same C loop;
 *    `is_entry` marks a frame whose return leaves the current C invocation
 *    of the loop (frames entered from C: module code, obj_call on a
 *    function, generator resumption).
 */
#ifndef PVM_FRAME_H
#define PVM_FRAME_H

#include <string.h>

#include "../gc/credit.h"
#include "../objects/code.h"
#include "../objects/object.h"
#include "../threads/thread.h"

typedef struct frame {
    struct frame *prev;
    code_t *code;       // borrowed: kept alive by func (or by eval_code's caller)
    obj_t *func;        // owned function object, or NULL (module / exec code)
    obj_t *globals;     // borrowed (func->globals or eval_code's argument)
    obj_t *builtins;    // borrowed builtins dict
    obj_t *locals;      // owned: namespace of module/class bodies, else NULL
    const uint32_t *pc; // next instruction word to execute (saved on calls)
    obj_t **regs;
    uint32_t ret_reg;    // caller register that receives the return value
    uint8_t is_entry;    // returning leaves the current eval_frame() invocation
    uint8_t on_heap;     // generator frame (not on the register stack)
    uint8_t yf_active;   // generator suspended inside YIELD_FROM
    uint8_t started;     // generator frame has started running
    uint32_t resume_reg; // YIELD: register that receives the sent value
    uint32_t yf_a, yf_b; // YIELD_FROM operands while suspended in it
    uint16_t handlers;   // except handlers entered and not left (PUSH_EXC_INFO/POP_EXCEPT)
    uint16_t outer_s;    // the outermost one's saved-exception register (0xFFFF: too high)
    obj_t *gen;          // owning generator (borrowed), or NULL
    obj_t *frameobj;     // its Python frame object (owned), or NULL (core/frameobject.c)
} frame_t;

#define FRAME_SLOTS ((sizeof(frame_t) + sizeof(obj_t *) - 1) / sizeof(obj_t *))
// frame_push initializes frame_t field by field (a memset of the header
// made every Python call 40% slower): a new field must be added there.
_Static_assert(sizeof(frame_t) == 104, "frame_push initializes every frame_t field: update it");

// Runs `f` (already set up, f->is_entry set) until it returns or, for a
// generator frame, yields.  `throwexc` (borrowed, may be NULL) is raised at
// the resume point first.  Returns the result (new ref) or NULL with an
// exception.  *yielded is set to 1 when the frame yielded.
PVM_WUR obj_t *eval_frame(thread_t *ts, frame_t *f, obj_t *throwexc, int *yielded);

// Frame objects (core/frameobject.c).  frame_pop snapshots what a frame
// object needs from a frame that has one (its named locals, last
// instruction, caller); frame_exit drops the frame's reference to it.
void frameobj_detach(frame_t *f);
void frameobj_release(frame_t *f);

// Register stack management.
int eval_stack_ensure(thread_t *ts);
void thread_stack_free(thread_t *ts);

// Binds call arguments into a frame's parameter registers (regs[0..nparams)),
// taking new references.  Raises CPython's TypeErrors.
// `credit`: the frame ends with the call, so arguments may be bound as
// register credits (gc/credit.h); false for generator frames.
int eval_bind_args(obj_t *func, obj_t **regs, obj_t *const *args, size_t nargs, obj_t *kwnames,
                   bool credit);
// Creates cells for cellvars and copies the closure's cells, after
// binding; `credit` as for eval_bind_args (the function, which the caller
// holds for the call, keeps its closure alive).
int eval_init_cells(obj_t *func, code_t *co, obj_t **regs, bool credit);
// Clears (DECREFs) a frame's registers.
void eval_clear_regs(obj_t **regs, int n);
// Name of register `reg` for error messages.
obj_t *eval_reg_name(code_t *co, int reg);
// Runs a frame made by frame_push (func/globals/... filled in, is_entry set).
PVM_WUR obj_t *eval_run_entry(thread_t *ts, frame_t *f);

// ---- the frame lifecycle: every frame goes through these two pairs ----------------------
//
//   frame_push -> frame_enter -> (runs; a generator frame_suspends and
//                                 re-enters) -> frame_pop -> frame_exit
//
// frame_push / frame_pop own the register-stack window and the registers'
// references; frame_enter / frame_exit own the frame's place in the
// thread's chain (ts->frame, prev) and the Python recursion depth.  A
// finished frame is popped first, so finalizers that clearing its
// registers runs still see it as the innermost frame, then exits (frame_pop
// leaves the header intact).  A frame that fails to enter, or is abandoned
// before it runs, is only popped.
// Generator frames live in their generator (on_heap): they are entered and
// exited on every resumption, and frame_pop only clears their registers.

// Raises RecursionError (the register stack or the recursion limit).
void frame_raise_recursion(void);

// A new frame for `co` at the top of ts's register stack, its window
// claimed (ts->reg_top above it).  With `zero` its registers are cleared;
// without, the caller must store every register before anything can look
// at them.  The header is cleared except regs and code.  NULL with
// RecursionError when the stack is exhausted.
static inline frame_t *frame_push(thread_t *ts, code_t *co, bool zero) {
    if (PVM_UNLIKELY(ts->reg_base == NULL) && eval_stack_ensure(ts) < 0) return NULL;
    obj_t **top = ts->reg_top;
    if (PVM_UNLIKELY(top + FRAME_SLOTS + co->nregs > ts->reg_limit)) {
        frame_raise_recursion();
        return NULL;
    }
    frame_t *f = (frame_t *)top;
    // Field by field: this is the call path of every Python-to-Python call.
    f->prev = NULL;
    f->code = co;
    f->func = NULL;
    f->globals = NULL;
    f->builtins = NULL;
    f->locals = NULL;
    f->pc = co->insns;
    f->regs = top + FRAME_SLOTS;
    f->ret_reg = 0;
    f->is_entry = 0;
    f->on_heap = 0;
    f->yf_active = 0;
    f->started = 0;
    f->resume_reg = 0;
    f->yf_a = f->yf_b = 0;
    f->handlers = 0;
    f->gen = NULL;
    f->frameobj = NULL;
    if (zero) memset(f->regs, 0, co->nregs * sizeof(obj_t *));
    ts->reg_top = f->regs + co->nregs;
    return f;
}

// Clears f's registers and, for a stack frame, gives its window back (f
// must be the topmost stack frame).
static inline void frame_pop(thread_t *ts, frame_t *f) {
    if (PVM_UNLIKELY(f->frameobj != NULL)) frameobj_detach(f);
    eval_clear_regs(f->regs, f->code->nregs);
    if (!f->on_heap) ts->reg_top = (obj_t **)f;
}

// Makes f the innermost executing frame of ts.  -1 with RecursionError at
// the recursion limit (f is then not linked).
static inline int frame_enter(thread_t *ts, frame_t *f) {
    if (PVM_UNLIKELY(ts->py_depth >=
                     atomic_load_explicit(&pvm_recursion_limit, memory_order_relaxed))) {
        frame_raise_recursion();
        return -1;
    }
    f->prev = ts->frame;
    ts->frame = f;
    ts->py_depth++;
    return 0;
}

// Unlinks f, the innermost frame (it returned, raised, or is suspending).
static inline void frame_exit(thread_t *ts, frame_t *f) {
    ts->frame = f->prev;
    ts->py_depth--;
    if (PVM_UNLIKELY(f->frameobj != NULL)) frameobj_release(f);
}

// objects/gen.c: records who suspended the generator (see there).
void gen_note_suspend(obj_t *gen, thread_t *ts);

// A generator frame yields: it leaves the chain with its registers, which
// may hold this thread's register credits.  They stay credits: another
// thread that resumes (or closes) the generator first waits until this
// thread has paid all its credits (gen.c, gen_claim), so nobody else
// clears a register that is only credited, and no credit this thread
// read from an object the frame keeps alive outlives it.
static inline void frame_suspend(thread_t *ts, frame_t *f) {
    gen_note_suspend(f->gen, ts);
    // Unlinked without frame_exit: the frame object stays with the frame.
    // A suspended frame has no caller (frame_enter links it again).
    ts->frame = f->prev;
    ts->py_depth--;
    f->prev = NULL;
}
// Calls a Python function from C (the `call` slot of function objects).
PVM_WUR obj_t *eval_call_function(obj_t *func, obj_t *const *args, size_t nargs, obj_t *kwnames);
// "f()" description of a callable for error messages (CPython's
// _PyObject_FunctionStr), new reference.
PVM_WUR obj_t *eval_func_str(obj_t *callable);
// Sets exc.__context__ to the exception being handled (if any and not
// already set), breaking cycles as CPython does.
void eval_set_context(thread_t *ts, obj_t *exc);

#endif // PVM_FRAME_H
