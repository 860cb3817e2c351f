/*
 * core/frame_jump.c — `frame.f_lineno = n` from a trace function: the
 * "jump" (set next statement) of pdb and other debuggers.
 *
 * CPython's rules, checked in its order and with its messages: the value
 * must be an exact int; the thread's current (or last) trace event must be
 * 'line', or the 'return' of a generator that yields; the frame must have
 * a local trace function; the line must lie inside the code block (the
 * first line that starts code at or after n is used).  pvm adds one rule
 * of its own: the frame must be the one whose event the thread's trace
 * function is handling (thread_t.trace_fo), so the frame is live and runs
 * on this thread, and nothing here needs a lock.
 *
 * Which jumps are legal.  CPython compares the value stacks at the two
 * points (iterators of `for` loops, `with` exits, the exceptions of
 * `except` blocks, partial expressions).  pvm keeps those values in
 * registers, so it compares register states instead, using the bytecode
 * validator's data flow (core/pyc_verify.c): for every instruction start
 * it knows, per register, what holds on every path there (unbound, bound,
 * an exception, a saved handled exception, a list ...).  Execution from
 * the target is safe when every register is at least what the target's
 * state says: bound where it must be bound, of the type an instruction
 * assumes.  A temporary the target does not need (the iterator of a loop
 * being left, a `with` block's exit, the exception of an `except` block
 * left) is unbound by the jump, as CPython pops it; leaving an `except`
 * block restores the handled exception its PUSH_EXC_INFO saved.  Named
 * locals keep their values, but a jump to a point where a local is known
 * to be bound, from one where it may not be, is refused (pvm reads such a
 * local without checking; CPython would raise UnboundLocalError later).
 * Among the instructions that start the target line, the compatible one
 * with the most live temporaries wins (so jumping to a `for` line from
 * its body goes to the next iteration, not to a new loop); when none is
 * compatible, the first one's reason is reported with CPython's message.
 */
#include <stdlib.h>
#include <string.h>

#include "../gc/credit.h"
#include "../objects/code.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/tuple.h"
#include "../threads/critical.h"
#include "error.h"
#include "frameobject.h"
#include "opcodes.h"
#include "pyc.h"
#include "trace.h"

// Instruction starts that begin a run of a new line (CPython's
// "marklines"): pcs and lines, n of them.  -1 on allocation failure.
static int line_starts(code_t *co, size_t **pcs_out, int **lines_out, size_t *n_out) {
    size_t cap = 16, n = 0;
    size_t *pcs = malloc(cap * sizeof *pcs);
    int *lines = malloc(cap * sizeof *lines);
    int *word_line = code_line_per_word(co); // one pass: the table is not indexed
    if (pcs == NULL || lines == NULL || word_line == NULL) goto oom;
    int prev = -1;
    for (size_t pc = 0; pc < co->ninsns;) {
        insn_t insn;
        size_t size = insn_decode(co->insns, co->ninsns, pc, &insn);
        if (size == 0) break;
        if (opcode_has_word((int)INSN_OP(insn))) size++;
        int rl = word_line[pc];
        if (rl > 0 && rl != prev) {
            if (n == cap) {
                cap *= 2;
                size_t *np = realloc(pcs, cap * sizeof *pcs);
                if (np == NULL) goto oom;
                pcs = np;
                int *nl = realloc(lines, cap * sizeof *lines);
                if (nl == NULL) goto oom;
                lines = nl;
            }
            pcs[n] = pc;
            lines[n] = rl;
            n++;
        }
        if (rl > 0) prev = rl;
        pc += size;
    }
    free(word_line);
    *pcs_out = pcs;
    *lines_out = lines;
    *n_out = n;
    return 0;
oom:
    free(pcs);
    free(lines);
    free(word_line);
    err_no_memory();
    return -1;
}

// Whether register r is the iterator of a loop whose body holds pc: a
// FOR_ITER (tested at the bottom, jumping back to the body) or an
// `async for` (GET_ANEXT at the top, a JUMP back to it at the bottom).
static bool loop_iterator(code_t *co, uint64_t r, size_t at) {
    for (size_t pc = 0; pc < co->ninsns;) {
        insn_t insn;
        size_t size = insn_decode(co->insns, co->ninsns, pc, &insn);
        if (size == 0) break;
        int op = (int)INSN_OP(insn);
        uint32_t word = opcode_has_word(op) ? co->insns[pc + size] : 0;
        if (op == OPC_FOR_ITER && INSN_B(insn) == r && word <= at && at <= pc) return true;
        if (op == OPC_GET_ANEXT && INSN_B(insn) == r && pc <= at) {
            for (size_t q = at; q < co->ninsns;) {
                insn_t j;
                size_t sz = insn_decode(co->insns, co->ninsns, q, &j);
                if (sz == 0) break;
                if (opcode_has_word((int)INSN_OP(j))) {
                    if (INSN_OP(j) == OPC_JUMP && co->insns[q + sz] == pc) return true;
                    sz++;
                }
                q += sz;
            }
        }
        if (opcode_has_word(op)) size++;
        pc += size;
    }
    return false;
}

// Registers of the frame's named locals (the rest are temporaries and the
// closure's cells).
static bool is_named(code_t *co, uint64_t r) {
    return r < (uint64_t)co->nlocals;
}

// How the register states `from` and `to` (rows of nregs + 1 bytes) agree
// on the registers `live` at the target: 0 the jump is safe, else a reason
// (CPython's messages) in *why; *depth: how many live temporaries the
// target has.
static int compare_states(code_t *co, const uint8_t *from, const uint8_t *from_live,
                          const uint8_t *to, const uint8_t *live, size_t src_pc, size_t at,
                          const char **why, int *depth, obj_t **unbound_local) {
    int d = 0;
    int64_t bad = -1;
    for (uint64_t r = 0; r < (uint64_t)co->nregs; r++) {
        if (!live[r]) continue; // written before any read from the target on
        // A temporary the source never reads again is done with (a `with`
        // block's exit after the block, a finished `async for`'s
        // iterator): as good as unbound, as CPython has popped it.
        bool gone = !is_named(co, r) && !from_live[r];
        int rc = pyc_flow_jump_reg(gone ? pyc_flow_unbound_state() : from[r], to[r]);
        if (rc >= 0 && !is_named(co, r)) {
            // Registers are reused: the value must also be one the target
            // can see (the same definitions), not another temporary's.
            bool sub = false;
            if (!pyc_flow_defs_subset(co, r, src_pc, rc == 1 || gone, at, &sub)) {
                *why = "stack to deep to analyze";
                return -1;
            }
            if (!sub) rc = -1;
        }
        if (rc < 0) {
            if (is_named(co, r)) {
                if (*unbound_local == NULL) *unbound_local = TUPLE_GET(co->varnames, r);
                if (bad < 0) bad = (int64_t)r;
            } else {
                bad = (int64_t)r; // the highest: the innermost block
            }
        }
        if (!is_named(co, r) && to[r] != 0 && rc == 0 && pyc_flow_is_bound(to[r])) d++;
    }
    *depth = d;
    if (bad < 0) return 0;
    if (is_named(co, (uint64_t)bad))
        *why = NULL; // a local that may be unbound: reported by the caller
    else if (pyc_flow_is_handled_exc(to[bad]))
        *why = "can't jump into an 'except' block as there's no exception";
    else if (loop_iterator(co, (uint64_t)bad, at))
        *why = "can't jump into the body of a for loop";
    else
        *why = "incompatible stacks";
    return -1;
}

static bool row_reached(const uint8_t *row, size_t nregs) {
    for (size_t i = 0; i < nregs; i++)
        if (row[i] != 0) return true;
    return false;
}

int frame_set_lineno(obj_t *o, obj_t *v, void *c) {
    (void)c;
    frameobj_t *fo = (frameobj_t *)o;
    if (v == NULL) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    if (!OBJ_IS_TYPE(v, &int_type)) {
        err_set_str(exc_ValueError, "lineno must be an integer");
        return -1;
    }
    thread_t *ts = thread_current();
    switch (ts->trace_what) {
    case TRACE_WHAT_CALL:
        err_set_str(exc_ValueError, "can't jump from the 'call' trace event of a new frame");
        return -1;
    case TRACE_WHAT_LINE:
    case TRACE_WHAT_YIELD: break;
    default: err_set_str(exc_ValueError, "can only jump from a 'line' trace event"); return -1;
    }
    frame_t *f = atomic_load_explicit(&fo->live, memory_order_acquire);
    bool traced;
    BEGIN_CRITICAL_SECTION(fo);
    traced = fo->trace != NULL;
    END_CRITICAL_SECTION();
    // pvm's own rule (see the top): only the frame whose event this
    // thread's trace function is handling.
    if (!traced || ts->tracing == 0 || ts->trace_fo != (void *)fo || f == NULL) {
        err_set_str(exc_ValueError, "f_lineno can only be set by a trace function");
        return -1;
    }
    int64_t want;
    if (int_as_i64(v, &want) < 0 || want > INT32_MAX || want < INT32_MIN) {
        err_clear();
        err_set_str(exc_ValueError, "lineno out of range");
        return -1;
    }
    code_t *co = f->code;
    if (want < co->firstlineno) {
        err_format(exc_ValueError, "line %d comes before the current code block", (int)want);
        return -1;
    }
    if (co->stress_orig != NULL) { // -X stress patched the opcodes the analysis reads
        err_set_str(exc_ValueError, "can't jump in code patched by -X stress");
        return -1;
    }
    size_t *starts = NULL;
    int *lines = NULL;
    size_t nstarts = 0;
    if (line_starts(co, &starts, &lines, &nstarts) < 0) return -1;
    int rc = -1;
    size_t *pcs = NULL, *all = NULL, *rowi = NULL;
    uint8_t *rows = NULL, *live = NULL;
    size_t nregs = (size_t)co->nregs + 1;
    bool yielded = ts->trace_what == TRACE_WHAT_YIELD;
    // Where the frame stands: the instruction the line event is about, or
    // the one after the YIELD a suspended generator resumes at.
    size_t from = (size_t)(f->pc - co->insns) - (yielded ? 0 : 1);
    // The states at every line start: lines whose code cannot run do not
    // count (CPython's compiler drops such code).
    all = malloc((nstarts + 1) * sizeof *all);
    rows = malloc((nstarts + 1) * nregs);
    pcs = malloc((nstarts + 1) * sizeof *pcs);
    rowi = malloc((nstarts + 1) * sizeof *rowi);
    if (all == NULL || rows == NULL || pcs == NULL || rowi == NULL) {
        err_no_memory();
        goto done;
    }
    all[0] = from;
    memcpy(all + 1, starts, nstarts * sizeof *all);
    if (!pyc_flow_states(co, all, nstarts + 1, rows)) {
        err_set_str(exc_ValueError, "stack to deep to analyze");
        goto done;
    }
    const uint8_t *src = rows;
    if (!row_reached(src, nregs)) {
        err_set_str(exc_ValueError, "can't jump from unreachable code");
        goto done;
    }
    int line = -1;
    for (size_t i = 0; i < nstarts; i++)
        if (lines[i] >= want && (line < 0 || lines[i] < line) &&
            row_reached(rows + (i + 1) * nregs, nregs))
            line = lines[i];
    if (line < 0) {
        err_format(exc_ValueError, "line %d comes after the current code block", (int)want);
        goto done;
    }
    pcs[0] = from;
    rowi[0] = 0;
    size_t k = 1;
    for (size_t i = 0; i < nstarts; i++)
        if (lines[i] == line && row_reached(rows + (i + 1) * nregs, nregs))
            pcs[k] = starts[i], rowi[k++] = i + 1;
    // pvm tests loops at the bottom: the FOR_ITER (or an `async for`'s
    // backward JUMP) that closes a loop carries the header's line, where
    // CPython has no line start; jumping to the header starts the loop
    // afresh there.
    if (k > 2) {
        size_t kept = 1;
        for (size_t i = 1; i < k; i++) {
            insn_t insn;
            size_t size = insn_decode(co->insns, co->ninsns, pcs[i], &insn);
            int op = (int)INSN_OP(insn);
            bool closes = op == OPC_FOR_ITER ||
                          (op == OPC_JUMP && size > 0 && co->insns[pcs[i] + size] < pcs[i]);
            if (!closes || (kept == 1 && i == k - 1)) pcs[kept] = pcs[i], rowi[kept++] = rowi[i];
        }
        k = kept;
    }
    size_t ncand = k - 1;
    live = malloc((ncand + 1) * nregs);
    if (live == NULL) {
        err_no_memory();
        goto done;
    }
    if (!pyc_flow_live(co, pcs, ncand + 1, live)) {
        err_set_str(exc_ValueError, "stack to deep to analyze");
        goto done;
    }
    int best = -1, best_depth = -1;
    const char *why = NULL;
    obj_t *unbound = NULL;
    bool have_why = false;
    for (k = 1; k <= ncand; k++) {
        const uint8_t *dst = rows + rowi[k] * nregs;
        const char *w = NULL;
        int depth = 0;
        obj_t *ul = NULL;
        if (!row_reached(dst, nregs)) {
            w = "can't jump into an exception handler, or code may be unreachable";
        } else if (compare_states(co, src, live, dst, live + k * nregs, from, pcs[k], &w, &depth,
                                  &ul) == 0) {
            if (depth > best_depth) best = (int)k, best_depth = depth;
            continue;
        }
        if (!have_why) have_why = true, why = w, unbound = ul;
    }
    if (best < 0) {
        if (why == NULL && unbound != NULL)
            err_format(exc_ValueError,
                       "can't jump to line %d: local variable '%U' may be unbound there", line,
                       unbound);
        else
            err_set_str(exc_ValueError, why ? why : "cannot find bytecode for specified line");
        goto done;
    }
    // The jump: unbind the temporaries the target does not read (or reads
    // as possibly unbound), restore
    // the handled exception of the outermost `except` block left, move pc.
    size_t target = pcs[best];
    const uint8_t *dst = rows + rowi[best] * nregs;
    obj_t **drop = malloc(nregs * sizeof(obj_t *));
    if (drop == NULL) {
        err_no_memory();
        goto done;
    }
    size_t ndrop = 0;
    int64_t restore = -1;
    const uint8_t *dlive = live + (size_t)best * nregs;
    for (uint64_t r = 0; r < (uint64_t)co->nregs; r++) {
        if (is_named(co, r) || (dlive[r] && live[r] && pyc_flow_jump_reg(src[r], dst[r]) == 0))
            continue;
        if (restore < 0 && pyc_flow_is_saved_exc(src[r])) restore = (int64_t)r;
        if (f->regs[r] == NULL) continue;
        if ((int64_t)r == restore) continue;
        drop[ndrop++] = f->regs[r];
        f->regs[r] = NULL;
    }
    if (restore >= 0) {
        obj_t *saved = f->regs[restore];
        f->regs[restore] = NULL;
        if (saved != NULL) credit_claim(saved);
        drop[ndrop++] = ts->exc_info;
        ts->exc_info = saved;
    }
    f->pc = co->insns + target + (yielded ? 0 : 1);
    fo->trace_prev = (ssize_t)target;
    for (size_t i = 0; i < ndrop; i++)
        XDECREF(drop[i]);
    free(drop);
    rc = 0;
done:
    free(starts);
    free(lines);
    free(pcs);
    free(all);
    free(rowi);
    free(rows);
    free(live);
    return rc;
}
