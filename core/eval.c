/*
 * core/eval.c — the interpreter loop.
 *
 * eval_frame() runs frames of register code (core/opcodes.def,
 * docs/bytecode.md).  Python-to-Python calls push a frame on the thread's
 * register stack and continue in the same C loop; only calls from C
 * (obj_call on a function, generator resumption, module code) start a new
 * invocation, whose entry frame has is_entry set and returns out of it.
 *
 * Dispatch: the handlers are written against three macros, as Lua's
 * lvm.c: DISPATCH(op) (switch or computed goto), CASE(name) and NEXT
 * (fetch the next instruction and dispatch).  PVM_COMPUTED_GOTO selects
 * the implementation (core/config.h); both build from the same text.
 *
 * Registers hold owned references or NULL.  Temporaries consumed by CALL
 * (arguments) and BUILD_TUPLE are moved out, not copied.  Small ints are
 * tagged: arithmetic and comparisons on them never touch the heap.
 *
 * Exceptions: a failing handler jumps to `error`, which records a
 * traceback entry for the frame, chains __context__, then `unwind` looks the
 * failing instruction up in the code's exception table (innermost range
 * first); without a handler the frame is popped and unwinding continues in
 * the caller.  Nothing is paid while no exception is raised.
 *
 * Slow paths and helpers live in core/eval_ops.c; entry points, argument
 * binding and __build_class__ in core/eval_call.c.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "../gc/credit.h"
#include "../gc/qsbr.h"
#include "../gc/refstats.h"
#include "../objects/bytes.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/exceptiongroup.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/func.h"
#include "../objects/gen.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/range.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/race.h"
#include "../threads/stress.h"
#include "../threads/thread.h"
#include "error.h"
#include "eval.h"
#include "eval_match.h"
#include "eval_ops.h"
#include "frame.h"
#include "import.h"
#include "opcodes.h"
#include "runtime.h"
#include "trace.h"
#include "traceback.h"

// ---- register stack ---------------------------------------------------------------------------

#define REG_STACK_BYTES ((size_t)256 << 20) // reserved, committed lazily by the kernel

// Under an address-space limit (ulimit -v) the reservation counts in full:
// at most a sixteenth of the limit, and smaller ones when even that fails
// (a smaller stack only means an earlier RecursionError).
static size_t reg_stack_bytes(void) {
    size_t bytes = REG_STACK_BYTES;
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur / 16 < bytes)
        bytes = rl.rlim_cur / 16 > ((size_t)1 << 20) ? (size_t)rl.rlim_cur / 16 : (size_t)1 << 20;
    return bytes & ~(size_t)4095;
}

int eval_stack_ensure(thread_t *ts) {
    if (ts->reg_base) return 0;
    size_t bytes = reg_stack_bytes();
    void *p;
    while ((p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)) == MAP_FAILED &&
           bytes > ((size_t)256 << 10))
        bytes /= 2;
    if (p == MAP_FAILED) {
        err_no_memory();
        return -1;
    }
    ts->reg_base = ts->reg_top = (obj_t **)p;
    ts->reg_limit = (obj_t **)((char *)p + bytes);
    return 0;
}

void thread_stack_free(thread_t *ts) {
    if (ts->reg_base) munmap(ts->reg_base, (size_t)((char *)ts->reg_limit - (char *)ts->reg_base));
    ts->reg_base = ts->reg_top = ts->reg_limit = NULL;
}

void frame_raise_recursion(void) {
    err_set_str(exc_RecursionError, "maximum recursion depth exceeded");
}

void eval_clear_regs(obj_t **regs, int n) {
    for (int i = 0; i < n; i++) {
        obj_t *v = regs[i];
        if (v) {
            regs[i] = NULL;
            DECREF(v);
        }
    }
}

obj_t *eval_reg_name(code_t *co, int reg) {
    if (reg < co->nlocals && (size_t)reg < TUPLE_SIZE(co->varnames))
        return TUPLE_GET(co->varnames, reg);
    if (reg >= co->nlocals && reg < co->nlocals + co->nfree)
        return TUPLE_GET(co->freevars, reg - co->nlocals);
    return str_intern("?");
}

// A tuple's item for a register: a credit when another thread owns it.
static inline obj_t *tuple_item_for_reg(obj_t *t, size_t i) {
    return qsbr_slot_load_reg(t, TUPLE_GET(t, i));
}

// ---- slow paths of the handlers
// ---------------------------------------------------------------------

static inline bool fast_add(int64_t x, int64_t y, int64_t *r) {
    *r = x + y;
    return SMALLINT_FITS(*r);
}
static inline bool fast_sub(int64_t x, int64_t y, int64_t *r) {
    *r = x - y;
    return SMALLINT_FITS(*r);
}
static inline bool fast_mul(int64_t x, int64_t y, int64_t *r) {
    return !__builtin_mul_overflow(x, y, r) && SMALLINT_FITS(*r);
}
static inline bool fast_floordiv(int64_t x, int64_t y, int64_t *r) {
    if (y == 0) return false;
    int64_t q = x / y;
    if ((x % y != 0) && ((x ^ y) < 0)) q--;
    *r = q;
    return SMALLINT_FITS(q);
}
static inline bool fast_mod(int64_t x, int64_t y, int64_t *r) {
    if (y == 0) return false;
    int64_t m = x % y;
    if (m != 0 && ((m ^ y) < 0)) m += y;
    *r = m;
    return true;
}
static inline bool fast_and(int64_t x, int64_t y, int64_t *r) {
    *r = x & y;
    return true;
}
static inline bool fast_or(int64_t x, int64_t y, int64_t *r) {
    *r = x | y;
    return true;
}
static inline bool fast_xor(int64_t x, int64_t y, int64_t *r) {
    *r = x ^ y;
    return true;
}
static inline bool fast_lshift(int64_t x, int64_t y, int64_t *r) {
    if (y < 0 || y >= 63) return false;
    int64_t v = (int64_t)((uint64_t)x << y);
    if ((v >> y) != x) return false;
    *r = v;
    return SMALLINT_FITS(v);
}
static inline bool fast_rshift(int64_t x, int64_t y, int64_t *r) {
    if (y < 0) return false;
    *r = y >= 63 ? (x < 0 ? -1 : 0) : (x >> y);
    return true;
}
static inline bool fast_none(int64_t x, int64_t y, int64_t *r) {
    return false;
}

// Float arithmetic without the object protocol: exact floats, or a float
// with a small int.  Returns true with the result in *out.
static inline bool float_fast(obj_t *a, obj_t *b, int op, double *out) {
    if (!((op == BINOP_ADD || op == BINOP_SUB || op == BINOP_MUL || op == BINOP_TRUEDIV) &&
          (FLOAT_EXACT(a) || FLOAT_EXACT(b))))
        return false;
    double x, y;
    if (FLOAT_EXACT(a))
        x = float_value(a);
    else if (IS_SMALLINT(a) && SMALLINT_VALUE(a) < ((int64_t)1 << 53) &&
             SMALLINT_VALUE(a) > -((int64_t)1 << 53))
        x = (double)SMALLINT_VALUE(a);
    else
        return false;
    if (FLOAT_EXACT(b))
        y = float_value(b);
    else if (IS_SMALLINT(b) && SMALLINT_VALUE(b) < ((int64_t)1 << 53) &&
             SMALLINT_VALUE(b) > -((int64_t)1 << 53))
        y = (double)SMALLINT_VALUE(b);
    else
        return false;
    switch (op) {
    case BINOP_ADD: *out = x + y; return true;
    case BINOP_SUB: *out = x - y; return true;
    case BINOP_MUL: *out = x * y; return true;
    default:
        if (y == 0.0) return false; // ZeroDivisionError from the slow path
        *out = x / y;
        return true;
    }
}

// A float that only the register being overwritten references can take the
// result in place (no allocation): owned by this thread, one local
// reference, no shared references, not immortal.
static inline bool float_reusable(obj_t *o) {
    return o && FLOAT_EXACT(o) && o->ob_gc_bits == 0 &&
           atomic_load_explicit(&o->ob_ref_local, memory_order_relaxed) == 1 &&
           atomic_load_explicit(&o->ob_tid, memory_order_relaxed) == current_tid() &&
           atomic_load_explicit(&o->ob_ref_shared, memory_order_relaxed) == 0;
}

static inline int truth(obj_t *v) {
    if (v == True) return 1;
    if (v == False || v == None) return 0;
    if (IS_SMALLINT(v)) return SMALLINT_VALUE(v) != 0;
    return obj_is_true(v);
}

// ---- the loop
// --------------------------------------------------------------------------------------

// NEXT dispatches through `dt`: the opcode table, or while this thread
// traces lines (core/trace.h) a table whose every entry is the line hook,
// which then dispatches the instruction through the opcode table.  The
// switch build tests `traced` instead.  SET_TRACE_MODE re-reads the
// thread's state: at calls and returns while a trace or profile function is
// set, after calls into C (which may have called sys.settrace), and in the
// hook itself.
#if PVM_COMPUTED_GOTO
#define DISPATCH(x) goto *dispatch_table[(x)];
#define CASE(name)  L_##name : REFSTATS_OP(OPC_##name);
#define NEXT                                                                                       \
    {                                                                                              \
        insn = *pc++;                                                                              \
        goto *dt[insn & 0xff];                                                                     \
    }
#define SET_TRACE_MODE() (dt = ts->trace_dispatch ? trace_table : dispatch_table)
#else
#define DISPATCH(x) switch (x)
#define CASE(name)                                                                                 \
    case OPC_##name:                                                                               \
        REFSTATS_OP(OPC_##name);
#define NEXT             goto fetch_next
#define SET_TRACE_MODE() (traced = ts->trace_dispatch)
#endif

#define A  INSN_A(insn)
#define B  INSN_B(insn)
#define C  INSN_C(insn)
#define BX INSN_BX(insn)
#define RA R[INSN_A(insn)]
#define RB R[INSN_B(insn)]
#define RC R[INSN_C(insn)]

#define LOAD_FRAME()                                                                               \
    do {                                                                                           \
        co = frame->code;                                                                          \
        R = frame->regs;                                                                           \
        K = TUPLE_ITEMS(co->consts);                                                               \
        N = TUPLE_ITEMS(co->names);                                                                \
        pc = frame->pc;                                                                            \
    } while (0)

#define CHECK_EVAL_BREAKER()                                                                       \
    do {                                                                                           \
        if (PVM_UNLIKELY(atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed))) {         \
            frame->pc = pc;                                                                        \
            if (thread_handle_eval_breaker(ts) < 0) goto error;                                    \
        }                                                                                          \
    } while (0)

// Backward jumps check the eval breaker first, while pc still points into
// the jump instruction (so an exception raised there is attributed to it).
#define JUMP_TO_WORD()                                                                             \
    do {                                                                                           \
        const uint32_t *target_ = co->insns + *pc;                                                 \
        if (target_ < pc) CHECK_EVAL_BREAKER();                                                    \
        pc = target_;                                                                              \
    } while (0)

#define SET_A(v) SETREF(R[INSN_A(insn)], (v))

PVM_WUR obj_t *eval_frame(thread_t *ts, frame_t *f, obj_t *throwexc, int *yielded) {
#if PVM_COMPUTED_GOTO
    static const void *const dispatch_table[256] = {
#define OP(name, fmt, doc) [OPC_##name] = &&L_##name,
#include "opcodes.def"
#undef OP
    };
    static const void *const trace_table[256] = {[0 ... 255] = &&trace_hook};
    const void *const *dt = dispatch_table;
#else
    bool traced = false;
#endif
    frame_t *frame = f;
    code_t *co;
    obj_t **R;
    obj_t *const *K;
    obj_t *const *N;
    const uint32_t *pc;
    insn_t insn = 0; // widened by EXTENDED_ARG (core/opcodes.h)
    // Operands shared by handlers that jump to common code.
    obj_t *lhs, *rhs, *res, *callable;
    obj_t **argv;
    uint32_t call_a, call_nargs, call_kw;
    int bop, inpl, cmpop;
    uint32_t yf_a = 0, yf_b = 0;

    *yielded = 0;
    if (frame_enter(ts, frame) < 0) {
        if (!frame->on_heap) frame_pop(ts, frame);
        return NULL;
    }
    LOAD_FRAME();
    if (PVM_UNLIKELY(trace_active(ts))) {
        if (trace_call(ts, frame) < 0) goto error;
        SET_TRACE_MODE();
    }
    if (throwexc) {
        err_set_object(throwexc);
        goto error;
    }
    if (frame->yf_active) {
        yf_a = frame->yf_a;
        yf_b = frame->yf_b;
        goto yield_from_resume;
    }
    if (PVM_UNLIKELY(atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed))) {
        frame->pc = pc;
        if (thread_handle_eval_breaker_at_entry(ts) < 0) goto error;
    }

    for (;;) {
    fetch_next:
        __attribute__((unused));
        insn = *pc++;
        // Computed-goto NEXT jumps straight to the handlers: only the first
        // instruction of an invocation comes here.
#if PVM_COMPUTED_GOTO
        if (PVM_UNLIKELY(dt != dispatch_table)) goto trace_hook;
#else
        if (PVM_UNLIKELY(traced)) goto trace_hook;
#endif
    dispatch_insn:
        DISPATCH(insn & 0xff) {
            CASE(NOP) {
                NEXT;
            }
            CASE(EXTENDED_ARG) {
                // Rare: widen the prefixed instruction once (the code was
                // validated, so the prefixes end in an instruction).
                pc += insn_decode(pc - 1, SIZE_MAX, 0, &insn) - 1;
                goto dispatch_insn;
            }
            CASE(MOVE) {
                obj_t *v = RB;
                if (v) INCREF_MOVE(v);
                SET_A(v);
                NEXT;
            }
            CASE(TAKE) {
                uint32_t b = B;
                obj_t *v = R[b];
                R[b] = NULL;
                SET_A(v);
                NEXT;
            }
            CASE(CLEAR) {
                CLEAR(RA);
                NEXT;
            }
            CASE(LOAD_CONST) {
                obj_t *v = K[BX];
                INCREF(v);
                SET_A(v);
                NEXT;
            }
            CASE(LOAD_SMALLINT) {
                SET_A(SMALLINT_FROM((int64_t)INSN_SBX(insn)));
                NEXT;
            }
            CASE(LOAD_NONE) {
                SET_A(None);
                NEXT;
            }
            CASE(LOAD_GLOBAL) {
                obj_t *name = N[BX];
                hash_t h = str_hash(name);
                obj_t *v = dict_get_hashed_for_reg(frame->globals, name, h);
                if (!v) {
                    if (err_occurred()) goto error;
                    v = dict_get_hashed_for_reg(frame->builtins, name, h);
                    if (!v) {
                        if (!err_occurred()) eval_raise_name_error(name);
                        goto error;
                    }
                }
                SET_A(v);
                NEXT;
            }
            CASE(STORE_GLOBAL) {
                if (dict_set(frame->globals, N[BX], RA) < 0) goto error;
                NEXT;
            }
            CASE(DELETE_GLOBAL) {
                obj_t *name = N[BX];
                if (dict_del(frame->globals, name) < 0) {
                    if (err_matches(exc_KeyError)) {
                        err_clear();
                        eval_raise_name_error(name);
                    }
                    goto error;
                }
                NEXT;
            }
            CASE(LOAD_NAME) {
                obj_t *v = eval_load_name(frame, N[BX]);
                if (!v) goto error;
                SET_A(v);
                NEXT;
            }
            CASE(STORE_NAME) {
                if (eval_store_name(frame, N[BX], RA) < 0) goto error;
                NEXT;
            }
            CASE(DELETE_NAME) {
                if (eval_delete_name(frame, N[BX]) < 0) goto error;
                NEXT;
            }
            CASE(CHECK_LOCAL) {
                if (PVM_UNLIKELY(RA == NULL)) {
                    eval_raise_unbound_local(co, A);
                    goto error;
                }
                NEXT;
            }
            CASE(DELETE_FAST) {
                if (RA == NULL) {
                    eval_raise_unbound_local(co, A);
                    goto error;
                }
                CLEAR(RA);
                NEXT;
            }
            CASE(LOAD_DEREF) {
                obj_t *v = cell_get_for_reg(RB);
                if (!v) {
                    eval_raise_unbound_free(co, B);
                    goto error;
                }
                SET_A(v);
                NEXT;
            }
            CASE(STORE_DEREF) {
                cell_set(RA, RB);
                NEXT;
            }
            CASE(DELETE_DEREF) {
                obj_t *v = cell_get(RA);
                if (!v) {
                    eval_raise_unbound_free(co, A);
                    goto error;
                }
                DECREF(v);
                cell_set(RA, NULL);
                NEXT;
            }
            CASE(LOAD_CLASSDEREF) {
                obj_t *name = N[C];
                obj_t *v = NULL;
                if (frame->locals) {
                    if (DICT_CHECK(frame->locals)) {
                        v = dict_get(frame->locals, name);
                        if (!v && err_occurred()) goto error;
                    } else {
                        v = obj_getitem(frame->locals, name);
                        if (!v) {
                            if (!err_matches(exc_KeyError)) goto error;
                            err_clear();
                        }
                    }
                }
                if (!v) {
                    v = cell_get(RB);
                    if (!v) {
                        eval_raise_unbound_free(co, B);
                        goto error;
                    }
                }
                SET_A(v);
                NEXT;
            }
            CASE(LOAD_ATTR) {
                obj_t *v = obj_getattr_for_reg(RB, N[C]);
                if (!v) goto error;
                SET_A(v);
                NEXT;
            }
            CASE(STORE_ATTR) {
                if (obj_setattr(RA, N[B], RC) < 0) goto error;
                NEXT;
            }
            CASE(DELETE_ATTR) {
                if (obj_setattr(RA, N[B], NULL) < 0) goto error;
                NEXT;
            }
            CASE(LOAD_METHOD) {
                uint32_t a = A;
                obj_t *self;
                obj_t *v = obj_load_method(RB, N[C], &self);
                if (!v) goto error;
                SETREF(R[a], v);
                SETREF(R[a + 1], self);
                NEXT;
            }
            CASE(GET_ITEM) {
                obj_t *o = RB, *k = RC;
                if (IS_SMALLINT(k) && OBJ_IS_TYPE(o, &tuple_type)) {
                    int64_t i = SMALLINT_VALUE(k);
                    if (i < 0) i += (int64_t)TUPLE_SIZE(o);
                    if (i >= 0 && (size_t)i < TUPLE_SIZE(o)) {
                        SET_A(tuple_item_for_reg(o, (size_t)i));
                        NEXT;
                    }
                } else if (IS_SMALLINT(k) && OBJ_IS_TYPE(o, &list_type)) {
                    int64_t i = SMALLINT_VALUE(k);
                    if (i < 0) i += list_size(o);
                    if (i >= 0) {
                        // Lock-free; the reference may be a register credit.
                        obj_t *v = list_item_for_reg(o, (size_t)i);
                        if (v) {
                            SET_A(v);
                            NEXT;
                        }
                    }
                } else if (OBJ_IS_TYPE(o, &dict_type) && (IS_SMALLINT(k) || STR_EXACT(k))) {
                    bool done;
                    hash_t h = IS_SMALLINT(k) ? int_hash(k) : str_hash(k);
                    obj_t *v = dict_get_for_reg(o, k, h, &done);
                    if (v) {
                        SET_A(v);
                        NEXT;
                    }
                    // Absent or undecided: the generic path raises KeyError.
                }
                obj_t *v = obj_getitem(o, k);
                if (!v) goto error;
                SET_A(v);
                NEXT;
            }
            CASE(SET_ITEM) {
                if (obj_setitem(RA, RB, RC) < 0) goto error;
                NEXT;
            }
            CASE(DEL_ITEM) {
                if (obj_delitem(RA, RB) < 0) goto error;
                NEXT;
            }
            CASE(BUILD_SLICE) {
                uint32_t b = B;
                obj_t *v = slice_new(R[b], R[b + 1], C == 3 ? R[b + 2] : NULL);
                if (!v) goto error;
                SET_A(v);
                NEXT;
            }

#define ARITH_FAST(FAST)                                                                           \
    if (IS_SMALLINT(lhs) && IS_SMALLINT(rhs)) {                                                    \
        int64_t r_;                                                                                \
        if (FAST(SMALLINT_VALUE(lhs), SMALLINT_VALUE(rhs), &r_)) {                                 \
            SET_A(SMALLINT_FROM(r_));                                                              \
            NEXT;                                                                                  \
        }                                                                                          \
    }
#define ARITH4(NAME, BOP, FAST)                                                                    \
    CASE(NAME) {                                                                                   \
        lhs = RB;                                                                                  \
        rhs = RC;                                                                                  \
        ARITH_FAST(FAST)                                                                           \
        bop = BOP;                                                                                 \
        inpl = 0;                                                                                  \
        goto arith_slow_path;                                                                      \
    }                                                                                              \
    CASE(NAME##_K) {                                                                               \
        lhs = RB;                                                                                  \
        rhs = K[C];                                                                                \
        ARITH_FAST(FAST)                                                                           \
        bop = BOP;                                                                                 \
        inpl = 0;                                                                                  \
        goto arith_slow_path;                                                                      \
    }                                                                                              \
    CASE(I##NAME) {                                                                                \
        lhs = RB;                                                                                  \
        rhs = RC;                                                                                  \
        ARITH_FAST(FAST)                                                                           \
        bop = BOP;                                                                                 \
        inpl = 1;                                                                                  \
        goto arith_slow_path;                                                                      \
    }                                                                                              \
    CASE(I##NAME##_K) {                                                                            \
        lhs = RB;                                                                                  \
        rhs = K[C];                                                                                \
        ARITH_FAST(FAST)                                                                           \
        bop = BOP;                                                                                 \
        inpl = 1;                                                                                  \
        goto arith_slow_path;                                                                      \
    }

            ARITH4(ADD, BINOP_ADD, fast_add)
            ARITH4(SUB, BINOP_SUB, fast_sub)
            ARITH4(MUL, BINOP_MUL, fast_mul)
            ARITH4(MATMUL, BINOP_MATMUL, fast_none)
            ARITH4(TRUEDIV, BINOP_TRUEDIV, fast_none)
            ARITH4(FLOORDIV, BINOP_FLOORDIV, fast_floordiv)
            ARITH4(MOD, BINOP_MOD, fast_mod)
            ARITH4(POW, BINOP_POW, fast_none)
            ARITH4(LSHIFT, BINOP_LSHIFT, fast_lshift)
            ARITH4(RSHIFT, BINOP_RSHIFT, fast_rshift)
            ARITH4(AND, BINOP_AND, fast_and)
            ARITH4(OR, BINOP_OR, fast_or)
            ARITH4(XOR, BINOP_XOR, fast_xor)

            CASE(NEG) {
                obj_t *v = RB;
                if (IS_SMALLINT(v) && SMALLINT_VALUE(v) != SMALLINT_MIN) {
                    SET_A(SMALLINT_FROM(-SMALLINT_VALUE(v)));
                    NEXT;
                }
                obj_t *r = obj_unop(v, UNOP_NEG);
                if (!r) goto error;
                SET_A(r);
                NEXT;
            }
            CASE(POS) {
                obj_t *v = RB;
                if (IS_SMALLINT(v)) {
                    SET_A(v);
                    NEXT;
                }
                obj_t *r = obj_unop(v, UNOP_POS);
                if (!r) goto error;
                SET_A(r);
                NEXT;
            }
            CASE(INVERT) {
                obj_t *v = RB;
                if (IS_SMALLINT(v)) {
                    SET_A(SMALLINT_FROM(~SMALLINT_VALUE(v)));
                    NEXT;
                }
                obj_t *r = obj_unop(v, UNOP_INVERT);
                if (!r) goto error;
                SET_A(r);
                NEXT;
            }
            CASE(NOT) {
                int t = truth(RB);
                if (t < 0) goto error;
                SET_A(bool_from(!t));
                NEXT;
            }

#define CMP_CASE(NAME, OP, CEXPR)                                                                  \
    CASE(NAME) {                                                                                   \
        lhs = RB;                                                                                  \
        rhs = RC;                                                                                  \
        if (IS_SMALLINT(lhs) && IS_SMALLINT(rhs)) {                                                \
            SET_A(bool_from((intptr_t)lhs CEXPR(intptr_t) rhs));                                   \
            NEXT;                                                                                  \
        }                                                                                          \
        cmpop = OP;                                                                                \
        goto compare_slow_path;                                                                    \
    }
            CMP_CASE(LT, CMP_LT_OP, <)
            CMP_CASE(LE, CMP_LE_OP, <=)
            CMP_CASE(EQ, CMP_EQ_OP, ==)
            CMP_CASE(NE, CMP_NE_OP, !=)
            CMP_CASE(GT, CMP_GT_OP, >)
            CMP_CASE(GE, CMP_GE_OP, >=)
            CASE(IS) {
                SET_A(bool_from(RB == RC));
                NEXT;
            }
            CASE(IS_NOT) {
                SET_A(bool_from(RB != RC));
                NEXT;
            }
            CASE(IN) {
                int r = obj_contains(RC, RB);
                if (r < 0) goto error;
                SET_A(bool_from(r));
                NEXT;
            }
            CASE(NOT_IN) {
                int r = obj_contains(RC, RB);
                if (r < 0) goto error;
                SET_A(bool_from(!r));
                NEXT;
            }

            CASE(JUMP) {
                JUMP_TO_WORD();
                NEXT;
            }
            CASE(JUMP_IF_TRUE) {
                int t = truth(RA);
                if (t < 0) goto error;
                if (t)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }
            CASE(JUMP_IF_FALSE) {
                int t = truth(RA);
                if (t < 0) goto error;
                if (!t)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }

#define JCMP_CASE(NAME, OP, CEXPR)                                                                 \
    CASE(NAME) {                                                                                   \
        lhs = RA;                                                                                  \
        rhs = RB;                                                                                  \
        goto NAME##_body;                                                                          \
    }                                                                                              \
    CASE(NAME##_K) {                                                                               \
        lhs = RA;                                                                                  \
        rhs = K[B];                                                                                \
        NAME##_body : {                                                                            \
            int t_;                                                                                \
            if (IS_SMALLINT(lhs) && IS_SMALLINT(rhs)) {                                            \
                t_ = (intptr_t)lhs CEXPR(intptr_t) rhs;                                            \
            } else {                                                                               \
                t_ = eval_compare_truth(lhs, rhs, OP);                                             \
                if (t_ < 0) goto error;                                                            \
            }                                                                                      \
            if (t_ == (int)C)                                                                      \
                JUMP_TO_WORD();                                                                    \
            else                                                                                   \
                pc++;                                                                              \
            NEXT;                                                                                  \
        }                                                                                          \
    }
            JCMP_CASE(JLT, CMP_LT_OP, <)
            JCMP_CASE(JLE, CMP_LE_OP, <=)
            JCMP_CASE(JEQ, CMP_EQ_OP, ==)
            JCMP_CASE(JNE, CMP_NE_OP, !=)
            JCMP_CASE(JGT, CMP_GT_OP, >)
            JCMP_CASE(JGE, CMP_GE_OP, >=)
            CASE(JIS) {
                if ((RA == RB) == (int)C)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }
            CASE(JUMP_IF_NOT_EXC_MATCH) {
                int m = eval_exc_match(RA, RB);
                if (m < 0) goto error;
                if (!m)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }

            CASE(GET_ITER) {
                obj_t *it = eval_get_iter(RB);
                if (!it) goto error;
                SET_A(it);
                NEXT;
            }
            CASE(FOR_ITER) {
                obj_t *it = RB;
                if (TYPE(it) == &pvm_fastrange_type) {
                    fastrange_t *r = (fastrange_t *)it;
                    int64_t cur = r->cur;
                    if (r->step > 0 ? cur < r->stop : cur > r->stop) {
                        r->cur = cur + r->step;
                        SET_A(SMALLINT_FROM(cur));
                        JUMP_TO_WORD();
                    } else {
                        pc++;
                        CLEAR(RB);
                    }
                    NEXT;
                }
                type_t *itt = TYPE(it);
                if (itt->iternext_reg != NULL) {
                    // Items as register references (credits).  `for k, v in
                    // d.items()` compiles to FOR_ITER then UNPACK_SEQUENCE of
                    // its target: a pair iterator does both in one step,
                    // without the tuple.
                    const uint32_t *body = co->insns + *pc;
                    uint32_t u = *body;
                    obj_t *v = NULL, *v2 = NULL;
                    // Only when the target is a temporary: `for x in
                    // d.items(): k, v = x` unpacks a named local that the
                    // body may read again, so the tuple must exist.
                    bool fuse = type_has_flag(itt, TPFLAG_ITER_PAIRS) &&
                                INSN_OP(u) == OPC_UNPACK_SEQUENCE && INSN_B(u) == A &&
                                INSN_C(u) == 2 && (int)A >= co->nlocals;
                    int rc = itt->iternext_reg(it, &v, fuse ? &v2 : NULL);
                    if (rc > 0 && fuse) {
                        SETREF(R[INSN_A(u)], v);
                        SETREF(R[INSN_A(u) + 1], v2);
                        if (body < pc) CHECK_EVAL_BREAKER();
                        pc = body + 1;
                        NEXT;
                    }
                    if (rc > 0) {
                        SET_A(v);
                        JUMP_TO_WORD();
                        NEXT;
                    }
                    if (rc < 0) goto error;
                    pc++;
                    CLEAR(RB);
                    NEXT;
                }
                obj_t *v = obj_iternext(it);
                if (v) {
                    SET_A(v);
                    JUMP_TO_WORD();
                    NEXT;
                }
                if (err_occurred()) {
                    if (!err_matches(exc_StopIteration)) goto error;
                    err_clear();
                }
                pc++;
                CLEAR(RB); // the loop is over: drop the iterator now, as CPython
                NEXT;
            }

            CASE(CALL) {
                call_a = A;
                call_nargs = B;
                call_kw = C;
                callable = R[call_a];
                argv = &R[call_a + 1];
                goto do_call;
            }
            CASE(CALL_METHOD) {
                call_a = A;
                call_nargs = B;
                call_kw = C;
                callable = R[call_a];
                if (R[call_a + 1]) {
                    argv = &R[call_a + 1];
                    call_nargs++;
                } else {
                    argv = &R[call_a + 2];
                }
                goto do_call;
            }
            CASE(CALL_EX) {
                uint32_t a = A;
                frame->pc = pc;
                obj_t *args = R[a + 1];
                if (!TUPLE_CHECK(args)) {
                    obj_t *t = tuple_from_iterable(args);
                    if (!t) goto error;
                    SETREF(R[a + 1], t);
                    args = t;
                }
                obj_t *r = obj_call_tuple_dict(R[a], args, B ? R[a + 2] : NULL);
                CLEAR(R[a + 1]);
                if (B) CLEAR(R[a + 2]);
                if (!r) goto error;
                SETREF(R[a], r);
                NEXT;
            }
            CASE(RETURN) {
                uint32_t a = A;
                res = R[a];
                R[a] = NULL;
                goto do_return;
            }
            CASE(RETURN_NONE) {
                res = None;
                goto do_return;
            }
            CASE(MAKE_FUNCTION) {
                uint32_t a = A;
                obj_t *fn = eval_make_function(frame, K[B], &R[a], C);
                if (!fn) goto error;
                SETREF(R[a], fn);
                NEXT;
            }

            CASE(BUILD_TUPLE) {
                uint32_t b = B, n = C;
                obj_t *t = tuple_new(n);
                if (!t) goto error;
                for (uint32_t i = 0; i < n; i++) {
                    obj_t *v = R[b + i];
                    R[b + i] = NULL; // moved out of the temporary
                    credit_claim(v);
                    TUPLE_SET(t, i, v);
                }
                SET_A(t);
                NEXT;
            }
            CASE(BUILD_LIST) {
                obj_t *l = list_from_array(&R[B], C);
                if (!l) goto error;
                SET_A(l);
                NEXT;
            }
            CASE(BUILD_SET) {
                obj_t *s = eval_build_set(&R[B], C);
                if (!s) goto error;
                SET_A(s);
                NEXT;
            }
            CASE(BUILD_MAP) {
                obj_t *d = eval_build_map(&R[B], C);
                if (!d) goto error;
                SET_A(d);
                NEXT;
            }
            CASE(BUILD_STRING) {
                obj_t *s = eval_build_string(&R[B], C);
                if (!s) goto error;
                SET_A(s);
                NEXT;
            }
            CASE(LIST_APPEND) {
                if (list_append(RA, RB) < 0) goto error;
                NEXT;
            }
            CASE(LIST_EXTEND) {
                uint32_t c = C;
                if (eval_list_extend_checked(RA, RB, c ? R[c - 1] : NULL) < 0) goto error;
                NEXT;
            }
            CASE(SET_ADD) {
                if (set_add(RA, RB) < 0) goto error;
                NEXT;
            }
            CASE(SET_UPDATE) {
                if (eval_set_update_iter(RA, RB) < 0) goto error;
                NEXT;
            }
            CASE(MAP_ADD) {
                if (dict_set(RA, RB, RC) < 0) goto error;
                NEXT;
            }
            CASE(DICT_UPDATE) {
                if (eval_dict_update_mapping(RA, RB) < 0) goto error;
                NEXT;
            }
            CASE(DICT_MERGE) {
                if (eval_dict_merge_kwargs(RA, RB, RC) < 0) goto error;
                NEXT;
            }
            CASE(LIST_TO_TUPLE) {
                obj_t *t = list_as_tuple(RB);
                if (!t) goto error;
                SET_A(t);
                NEXT;
            }
            CASE(FORMAT_VALUE) {
                uint32_t b = B, c = C;
                if (c == 0 && STR_EXACT(R[b])) {
                    // f"{s}" of a str is the str: a register copy (a credit
                    // when another thread owns it).
                    obj_t *v = R[b];
                    INCREF_MOVE(v);
                    SET_A(v);
                    NEXT;
                }
                obj_t *v = eval_format_value(R[b], c & 3, (c & 4) ? R[b + 1] : NULL);
                if (!v) goto error;
                SET_A(v);
                NEXT;
            }
            CASE(UNPACK_SEQUENCE) {
                obj_t *v = RB;
                uint32_t a = A, n = C;
                if (OBJ_IS_TYPE(v, &tuple_type) && TUPLE_SIZE(v) == n) {
                    for (uint32_t i = 0; i < n; i++)
                        SETREF(R[a + i], tuple_item_for_reg(v, i));
                    NEXT;
                }
                if (OBJ_IS_TYPE(v, &list_type) && list_size(v) == (ssize_t)n) {
                    uint32_t i = 0;
                    for (; i < n; i++) {
                        obj_t *x = list_get(v, i);
                        if (!x) break;
                        SETREF(R[a + i], x);
                    }
                    if (i == n) NEXT;
                    err_clear(); // shrank concurrently: take the general path
                }
                if (eval_unpack(v, (int)n, -1, &R[a]) < 0) goto error;
                NEXT;
            }
            CASE(UNPACK_EX) {
                uint32_t a = A, b = B, c = C;
                uint32_t after = *pc++;
                if (eval_unpack(R[b], (int)c, (int)after, &R[a]) < 0) {
                    pc--;
                    goto error;
                }
                NEXT;
            }

            CASE(RAISE) {
                uint32_t c = C;
                if ((c & 3) == 0) {
                    obj_t *e = ts->exc_info;
                    if (!e || e == None) {
                        err_set_str(exc_RuntimeError, "No active exception to reraise");
                        goto error;
                    }
                    err_set_object(e);
                    goto unwind;
                }
                int rr = eval_do_raise(ts, RA, (c & 3) == 2 ? RB : NULL);
                if (c & 4) {
                    // Operands were temporaries: drop them so the exception
                    // is only referenced by whoever catches it.
                    CLEAR(RA);
                    if ((c & 3) == 2) CLEAR(RB);
                }
                (void)rr;
                goto error;
            }
            CASE(RERAISE) {
                uint32_t a = A;
                obj_t *e = R[a];
                R[a] = NULL;
                credit_claim(e);
                err_restore(e);
                goto unwind;
            }
            CASE(PUSH_EXC_INFO) {
                uint32_t a = A;
                obj_t *cur = ts->exc_info;
                ts->exc_info = NULL;
                SETREF(R[a], cur);
                obj_t *e = RB;
                XINCREF(e);
                ts->exc_info = e;
                if (frame->handlers++ == 0) frame->outer_s = a < 0xFFFF ? (uint16_t)a : 0xFFFF;
                NEXT;
            }
            CASE(POP_EXCEPT) {
                uint32_t a = A;
                obj_t *old = ts->exc_info;
                credit_claim(R[a]);
                ts->exc_info = R[a];
                R[a] = NULL;
                XDECREF(old);
                if (frame->handlers) frame->handlers--;
                if (C) CLEAR(RB);
                NEXT;
            }
            CASE(CHECK_EG_MATCH) {
                obj_t *match, *rest;
                if (egroup_except_star_match(RB, RC, &match, &rest) < 0) goto error;
                if (match == None) {
                    DECREF(rest);
                    SET_A(match);
                    JUMP_TO_WORD();
                    NEXT;
                }
                SETREF(RB, rest);
                obj_t *old = ts->exc_info;
                ts->exc_info = NEWREF(match);
                XDECREF(old);
                SET_A(match);
                pc++;
                NEXT;
            }
            CASE(RERAISE_STAR) {
                obj_t *r = egroup_prep_reraise_star(RA, RB);
                if (!r) goto error;
                if (r == None) {
                    DECREF(r);
                    NEXT;
                }
                if (!EXC_CHECK(r)) {
                    DECREF(r);
                    err_set_str(exc_SystemError, "except* left a non-exception to raise");
                    goto error;
                }
                err_restore(r);
                goto unwind;
            }
            CASE(BEFORE_WITH) {
                uint32_t a = A;
                obj_t *ex, *en;
                if (eval_before_with(RB, &ex, &en) < 0) goto error;
                SETREF(R[a], ex);
                SETREF(R[a + 1], en);
                NEXT;
            }
            CASE(WITH_EXCEPT) {
                obj_t *e = RC;
                // Counted: another thread may replace e.__traceback__ while
                // __exit__ runs.
                obj_t *tb = exc_traceback_ref(e);
                obj_t *args[3] = {(obj_t *)TYPE(e), e, tb ? tb : None};
                obj_t *r = obj_call(RB, args, 3, NULL);
                XDECREF(tb);
                if (!r) goto error;
                SET_A(r);
                NEXT;
            }
            CASE(LOAD_ASSERTION_ERROR) {
                SET_A((obj_t *)exc_AssertionError);
                NEXT;
            }

            CASE(YIELD) {
                obj_t *v = RB;
                INCREF(v);
                // A yielded temporary is dead once yielded: drop it, so the
                // suspended frame does not keep the value alive (a local
                // keeps it, as in CPython).  None, not NULL, takes its place:
                // a crafted cache may read the register again (fuzz_pyc).
                if (B >= (uint32_t)(co->nlocals + co->nfree)) {
                    obj_t *dead = R[B];
                    R[B] = NEWREF(None);
                    DECREF(dead);
                }
                frame->resume_reg = A;
                frame->pc = pc;
                if (PVM_UNLIKELY(frame->frameobj != NULL) && trace_active(ts) &&
                    trace_return(ts, frame, v) < 0) {
                    DECREF(v);
                    goto exit_unwind;
                }
                *yielded = 1;
                frame_suspend(ts, frame);
                return v;
            }
            CASE(GET_YIELD_FROM_ITER) {
                obj_t *it = eval_get_yield_from_iter(RB, frame->code);
                if (!it) goto error;
                SET_A(it);
                NEXT;
            }
            CASE(YIELD_FROM) {
                yf_a = A;
                yf_b = B;
            yield_from_resume : {
                obj_t *out = NULL;
                frame->yf_active = 0;
                int st = eval_yield_from_step(R[yf_b], R[yf_a], &out);
                if (st == GEN_RESULT_ERROR) goto error;
                if (PVM_UNLIKELY(frame->frameobj != NULL) && trace_active(ts) &&
                    st == GEN_RESULT_RETURN &&
                    trace_subiter_return(ts, frame, R[yf_b], R[yf_a], out) < 0) {
                    DECREF(out);
                    goto error;
                }
                if (st == GEN_RESULT_RETURN) {
                    SETREF(R[yf_a], out);
                    NEXT;
                }
                frame->yf_active = 1;
                frame->yf_a = yf_a;
                frame->yf_b = yf_b;
                frame->pc = pc;
                if (PVM_UNLIKELY(frame->frameobj != NULL) && trace_active(ts) &&
                    trace_return(ts, frame, out) < 0) {
                    DECREF(out);
                    frame->yf_active = 0;
                    goto exit_unwind;
                }
                *yielded = 1;
                frame_suspend(ts, frame);
                return out;
            }
            }

            CASE(GET_AWAITABLE) {
                obj_t *it = eval_get_awaitable(RB, (int)C);
                if (!it) goto error;
                SET_A(it);
                NEXT;
            }
            CASE(GET_AITER) {
                obj_t *it = eval_get_aiter(RB);
                if (!it) goto error;
                SET_A(it);
                NEXT;
            }
            CASE(GET_ANEXT) {
                obj_t *it = eval_get_anext(RB);
                if (!it) goto error;
                SET_A(it);
                NEXT;
            }
            CASE(BEFORE_ASYNC_WITH) {
                uint32_t a = A;
                obj_t *ex, *en;
                if (eval_before_async_with(RB, &ex, &en) < 0) goto error;
                SETREF(R[a], ex);
                SETREF(R[a + 1], en);
                NEXT;
            }
            CASE(END_ASYNC_FOR) {
                uint32_t a = A;
                obj_t *e = R[a];
                if (type_is_subtype(TYPE(e), exc_StopAsyncIteration)) {
                    CLEAR(R[a]);
                    NEXT;
                }
                R[a] = NULL;
                credit_claim(e);
                err_restore(e);
                goto unwind;
            }

            CASE(IMPORT_NAME) {
                obj_t *info = K[C];
                obj_t *fromlist = TUPLE_GET(info, 1);
                frame->pc = pc;
                obj_t *m = eval_import_name(frame, N[B], fromlist,
                                            (int)SMALLINT_VALUE(TUPLE_GET(info, 0)));
                if (!m) goto error;
                SET_A(m);
                NEXT;
            }
            CASE(IMPORT_FROM) {
                obj_t *v = import_from(RB, N[C]);
                if (!v) goto error;
                SET_A(v);
                NEXT;
            }
            CASE(IMPORT_STAR) {
                if (import_star(RA, frame->locals ? frame->locals : frame->globals) < 0) goto error;
                NEXT;
            }
            CASE(LOAD_BUILD_CLASS) {
                obj_t *v = eval_load_build_class(frame);
                if (!v) goto error;
                SET_A(v);
                NEXT;
            }
            CASE(SETUP_ANNOTATIONS) {
                if (eval_setup_annotations(frame) < 0) goto error;
                NEXT;
            }
            CASE(PRINT_EXPR) {
                if (eval_print_expr(RA) < 0) goto error;
                NEXT;
            }

            // ---- pattern matching (core/eval_match.c) ----
            CASE(MATCH_SEQUENCE) {
                if (eval_match_kind(RA) != MATCH_KIND_SEQUENCE)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }
            CASE(MATCH_MAPPING) {
                if (eval_match_kind(RA) != MATCH_KIND_MAPPING)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }
            CASE(GET_LEN) {
                ssize_t n = obj_len(RB);
                if (n < 0) goto error;
                obj_t *v = int_from_i64(n);
                if (!v) goto error;
                SET_A(v);
                NEXT;
            }
            CASE(MATCH_KEYS) {
                obj_t *v = eval_match_keys(RB, RC);
                if (!v) goto error;
                SET_A(v);
                if (v == None)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }
            CASE(MATCH_CLASS) {
                uint32_t b = B;
                obj_t *v = eval_match_class(R[b], R[b + 1], C, R[b + 2]);
                if (!v) goto error;
                SET_A(v);
                if (v == None)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }
            CASE(STRESS_POINT) {
                // Only in code rewritten by -X stress (threads/stress.c): a
                // scheduling point, then the instruction this word replaced.
                frame->pc = pc;
                insn = stress_insn(co, pc - 1);
                if (PVM_UNLIKELY(race_mode)) race_insn(frame, (uint32_t)insn); // -X race
                goto dispatch_insn;
            }
        }
    }

    // ---- shared handler tails ------------------------------------------------------------------

arith_slow_path:
    if (bop == BINOP_ADD && INSN_A(insn) == INSN_B(insn) && STR_EXACT(lhs) &&
        eval_str_concat_inplace(&R[INSN_A(insn)], rhs))
        NEXT;
    {
        double d;
        if (float_fast(lhs, rhs, bop, &d)) {
            obj_t **slot = &R[INSN_A(insn)];
            if (float_reusable(*slot)) {
                ((floatobj_t *)*slot)->value = d;
                NEXT;
            }
            res = float_from_double(d);
            if (!res) goto error;
            SETREF(*slot, res);
            NEXT;
        }
    }
    res = eval_arith_slow(lhs, rhs, bop, inpl);
    if (!res) goto error;
    SET_A(res);
    NEXT;

compare_slow_path:
    res = eval_compare_obj(lhs, rhs, cmpop);
    if (!res) goto error;
    SET_A(res);
    NEXT;

do_call : {
    uint32_t nkw = call_kw ? (uint32_t)TUPLE_SIZE(K[call_kw - 1]) : 0;
    obj_t *self_arg = NULL;
    obj_t *fnobj = callable;
    if (TYPE(callable) == &method_type && call_kw == 0) {
        // Bound method: call the function with self prepended (simple cases).
        obj_t *mf = ((method_t *)callable)->func;
        if (TYPE(mf) == &function_type) {
            code_t *cc = (code_t *)((func_t *)mf)->code;
            if (!(cc->flags & CO_GENERATOR) && cc->nparams == cc->argcount &&
                (uint32_t)cc->argcount == call_nargs + 1 &&
                !(cc->flags & (CO_VARARGS | CO_VARKEYWORDS))) {
                self_arg = ((method_t *)callable)->self;
                fnobj = mf;
            }
        }
    }
    if (TYPE(fnobj) == &function_type) {
        func_t *fn = (func_t *)fnobj;
        code_t *cc = (code_t *)fn->code;
        if (!(cc->flags & CO_GENERATOR)) {
            int nregs = cc->nregs;
            frame_t *nf = frame_push(ts, cc, false);
            if (PVM_UNLIKELY(nf == NULL)) goto error;
            obj_t **nr = nf->regs;
            if (self_arg) {
                INCREF_REG(self_arg); // kept alive by the bound method for the call
                nr[0] = self_arg;
                for (uint32_t i = 0; i < call_nargs; i++) {
                    nr[i + 1] = argv[i];
                    argv[i] = NULL;
                }
                for (int i = (int)call_nargs + 1; i < nregs; i++)
                    nr[i] = NULL;
            } else if (call_kw == 0 && (uint32_t)cc->argcount == call_nargs &&
                       cc->nparams == cc->argcount) {
                for (uint32_t i = 0; i < call_nargs; i++) {
                    nr[i] = argv[i];
                    argv[i] = NULL;
                }
                for (int i = (int)call_nargs; i < nregs; i++)
                    nr[i] = NULL;
            } else {
                memset(nr, 0, nregs * sizeof(obj_t *));
                if (eval_bind_args(fnobj, nr, argv, call_nargs - nkw,
                                   call_kw ? K[call_kw - 1] : NULL, true) < 0) {
                    frame_pop(ts, nf);
                    goto error;
                }
                // eval_bind_args copied the arguments: the argument
                // registers are dead temporaries, dropped now as the fast
                // paths above move them (else an object the callee drops
                // stays alive until the caller reuses the register).
                for (uint32_t i = 0; i < call_nargs; i++)
                    CLEAR(argv[i]);
            }
            if (!(cc->flags & CO_NOFREE) && eval_init_cells(fnobj, cc, nr, true) < 0) {
                frame_pop(ts, nf);
                goto error;
            }
            nf->func = fnobj;
            nf->globals = fn->globals;
            nf->builtins = fn->builtins;
            nf->ret_reg = call_a;
            nf->started = 1;
            frame->pc = pc;
            if (PVM_UNLIKELY(frame_enter(ts, nf) < 0)) {
                frame_pop(ts, nf);
                goto error;
            }
            frame = nf;
            LOAD_FRAME();
            // The eval-breaker check every call makes also finds the 'call'
            // event (EB_TRACING, core/trace.h).
            if (PVM_UNLIKELY(atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed))) {
                frame->pc = pc;
                int t_ = trace_breaker_at_call(ts, frame);
                if (t_ < 0) goto error;
                if (t_ > 0) SET_TRACE_MODE();
            }
            NEXT;
        }
    }
    frame->pc = pc;
    obj_t *r;
    if (PVM_UNLIKELY(ts->profile_func != NULL))
        r = trace_profiled_call(ts, frame, callable, argv, call_nargs - nkw,
                                call_kw ? K[call_kw - 1] : NULL);
    else
        r = obj_call(callable, argv, call_nargs - nkw, call_kw ? K[call_kw - 1] : NULL);
    if (PVM_UNLIKELY(ts->trace_dispatch)) SET_TRACE_MODE(); // the callee called sys.settrace
    // The argument registers are dead temporaries: drop them now, so
    // objects die when CPython would free them.
    for (uint32_t i = 0; i < call_nargs; i++)
        CLEAR(argv[i]);
    if (!r) goto error;
    SETREF(R[call_a], r);
    // As CPython 3.11 after every call: a signal or interrupt_main() that
    // came while a blocking call ran (lock.acquire, sleep, recv) is raised
    // at that call, inside the caller's try block, not at some later
    // function entry (inside a `finally` that restores state, say).
    CHECK_EVAL_BREAKER();
    NEXT;
}

trace_hook : {
    // Line tracing is on for this thread: 'line'/'opcode' events, then the
    // instruction itself through the opcode table.
    frame->pc = pc;
    if (trace_instruction(ts, frame, pc - 1) < 0) goto error;
    if (PVM_UNLIKELY(frame->pc != pc)) { // the trace function set f_lineno (core/frame_jump.c)
        pc = frame->pc;
        insn = pc[-1];
    }
    SET_TRACE_MODE();
    goto dispatch_insn;
}

do_return : {
    frame_t *prev = frame->prev;
    if (PVM_UNLIKELY(frame->frameobj != NULL)) {
        frame->pc = pc; // f_lineno after return
        if (trace_active(ts)) {
            if (trace_return(ts, frame, res) < 0) {
                DECREF(res);
                goto exit_unwind;
            }
            SET_TRACE_MODE();
        }
    }
    // Read before the frame goes: frame_exit may drop the frame object's
    // last reference, and a __del__ it runs pushes its frames where this
    // stack frame was (frame_pop gave the window back).
    bool entry = frame->is_entry;
    uint32_t ret = frame->ret_reg;
    frame_pop(ts, frame);
    frame_exit(ts, frame);
    if (entry) {
        credit_claim(res); // leaves the frames for C code, which may store it
        return res;
    }
    frame = prev;
    LOAD_FRAME();
    SETREF(R[ret], res);
    CHECK_EVAL_BREAKER(); // a signal deferred at a function's entry lands here
    NEXT;
}

error : {
    obj_t *exc = ts->exc;
    size_t lasti = pc > co->insns ? (size_t)(pc - 1 - co->insns) : 0;
    if (exc) {
        int line, end_line, col, end_col;
        if (code_addr2loc(co, lasti, &line, &end_line, &col, &end_col) < 0) {
            line = end_line = code_addr2line(co, lasti); // no line of its own
            col = end_col = -1;
        }
        frame->pc = pc; // the frame object's f_lasti / f_lineno after it unwinds
        if (traceback_add_frame(exc, frame, lasti, line, end_line, col, end_col) < 0) {
            // Keep the original exception; drop the allocation failure.
        }
        exc = ts->exc;
        if (exc) eval_set_context(ts, exc);
    } else {
        err_set_str(exc_SystemError, "error return without exception set");
    }
    if (PVM_UNLIKELY(frame->frameobj != NULL) && trace_active(ts))
        (void)trace_exception(ts, frame); // a tracer's error replaces the exception
}
unwind : {
    size_t lasti = pc > co->insns ? (size_t)(pc - 1 - co->insns) : 0;
    // No handler runs in a hard stop, nor for an exception thrown into a
    // generator that never ran (pc == insns).
    size_t nexc = PVM_UNLIKELY(thread_hard_stopping(ts)) || pc <= co->insns ? 0 : co->nexc;
    for (size_t i = 0; i < nexc; i++) {
        exc_entry_t *e = &co->exctable[i];
        if (lasti >= e->start && lasti < e->end) {
            obj_t *exc = err_fetch();
            SETREF(R[e->depth], exc);
            // The compiler allocates the exception's register at the top of
            // the temporaries live at the protected range's start: those
            // above it are dead in the handler.  Clearing them releases what
            // the failed code held (CPython pops its stack to the handler's
            // depth), so a `for x in f():` whose iter() failed does not keep
            // f()'s result alive until the frame ends.
            for (int k = co->nregs - 1; k > (int)e->depth; k--)
                CLEAR(R[k]);
            pc = co->insns + e->handler;
            NEXT;
        }
    }
    // No handler here: leave the frame.
    if (PVM_UNLIKELY(frame->frameobj != NULL) && trace_active(ts)) {
        frame->pc = pc;
        (void)trace_return(ts, frame, NULL); // a tracer's error replaces the exception
    }
}
exit_unwind : {
    frame_t *prev = frame->prev;
    bool entry = frame->is_entry; // as in do_return: not read after frame_exit
    frame_pop(ts, frame);
    frame_exit(ts, frame);
    if (entry) return NULL;
    frame = prev;
    LOAD_FRAME();
    goto error;
}
}

// ---- entry points
// ------------------------------------------------------------------------------------

PVM_WUR obj_t *eval_run_entry(thread_t *ts, frame_t *f) {
    int y;
    return eval_frame(ts, f, NULL, &y);
}
