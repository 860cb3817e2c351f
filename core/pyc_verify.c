/*
 * core/pyc_verify.c — the bytecode cache's validator: everything the
 * interpreter trusts about a code object, checked on a code object the
 * cache reader (core/pyc.c) decoded from an untrusted file.  The rules are
 * listed in docs/bytecode.md, "What the loader validates":
 *
 *  - header fields: counts consistent, known flags, cell registers, the
 *    location table decodes (validate_code, validate_linetable);
 *  - instructions: opcodes, EXTENDED_ARG prefixes, trailing words, jump and
 *    handler targets on instruction starts, handlers after their ranges,
 *    operand ranges and implicit register ranges inside the frame, typed
 *    constants (validate_insns, validate_insn);
 *  - register data flow: every register an instruction reads is bound, and
 *    of the type its handler assumes, on every path (validate_flow,
 *    insn_effects).
 *
 * A new opcode that reads registers beyond its A/B/C operands, assumes a
 * type, or drops a register adds its rule to validate_insn and
 * insn_effects.  Nothing here raises: a code object either passes or not.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../objects/code.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "opcodes.h"
#include "pyc.h"

// ---- validation of a decoded code object --------------------------------------------------

// Per-opcode format facts, precomputed from opcode_formats.
#define OPF_BX   1
#define OPF_WORD 2
#define OPF_JUMP 4
static uint8_t op_facts[OPC_COUNT];
static pthread_once_t op_facts_once = PTHREAD_ONCE_INIT;

static void op_facts_init(void) {
    for (int op = 0; op < OPC_COUNT; op++)
        op_facts[op] =
            (uint8_t)((opcode_is_bx(op) ? OPF_BX : 0) | (opcode_has_word(op) ? OPF_WORD : 0) |
                      (opcode_has_jump(op) ? OPF_JUMP : 0));
}

static bool is_terminator(int op) {
    return op == OPC_RETURN || op == OPC_RETURN_NONE || op == OPC_JUMP || op == OPC_RAISE ||
           op == OPC_RERAISE;
}

// The location table must decode as code_addr2loc reads it, with every
// varint short enough that its shifts and int conversions are defined.
static bool validate_linetable(const code_t *co) {
    if (co->linetable == NULL) return co->linetable_len == 0;
    const uint8_t *p = co->linetable, *end = p + co->linetable_len;
    int64_t line = co->firstlineno;
    while (p < end) {
        uint64_t v[5];
        for (int k = 0; k < 5; k++) {
            uint64_t x = 0;
            int shift = 0;
            for (;;) {
                if (p >= end || shift > 28) return false;
                uint8_t c = *p++;
                x |= (uint64_t)(c & 0x7f) << shift;
                if (!(c & 0x80)) break;
                shift += 7;
            }
            if (x > INT32_MAX) return false;
            v[k] = x;
        }
        int64_t delta = (v[1] & 1) ? -(int64_t)(v[1] >> 1) : (int64_t)(v[1] >> 1);
        line += delta;
        if (line < -(1 << 30) || line > (1 << 30) || v[2] >= (1 << 30)) return false;
    }
    return true;
}

#define BIT_SET(m, i) ((m)[(i) >> 3] |= (uint8_t)(1u << ((i)&7)))
#define BIT_GET(m, i) (((m)[(i) >> 3] >> ((i)&7)) & 1u)

static bool is_str_tuple(obj_t *t) {
    if (!OBJ_IS_TYPE(t, &tuple_type)) return false;
    for (size_t i = 0; i < TUPLE_SIZE(t); i++)
        if (!STR_CHECK(TUPLE_GET(t, i))) return false;
    return true;
}

// Checks one decoded instruction (insn = the possibly extended word, word =
// its trailing word if any).  Registers < nregs, constants < nconsts, names <
// nnames, implicit register ranges inside the window, typed constants.
static bool validate_insn(const code_t *co, insn_t insn, uint32_t word, const uint8_t *cells) {
    int op = (int)INSN_OP(insn);
    uint64_t nregs = (uint64_t)co->nregs, nk = TUPLE_SIZE(co->consts), nn = TUPLE_SIZE(co->names);
    const char *fmt = opcode_formats[op];
    bool bx = (op_facts[op] & OPF_BX) != 0;
    uint64_t a = INSN_A(insn), b = bx ? INSN_BX(insn) : INSN_B(insn), c = INSN_C(insn);
    uint64_t vals[3] = {a, b, c};
    int nops = bx ? 2 : 3;
    // Operands that are not always read get their own check in the switch
    // below instead of the generic one: the base register of an empty range
    // (BUILD_LIST R[A] R[B] 0 may name the end of the window) and RAISE's
    // registers (a bare `raise` names R[0] in a frame without registers).
    unsigned skip = 0;
    if (op == OPC_BUILD_TUPLE || op == OPC_BUILD_LIST || op == OPC_BUILD_SET ||
        op == OPC_BUILD_MAP || op == OPC_BUILD_STRING)
        skip = 2;
    else if (op == OPC_UNPACK_SEQUENCE)
        skip = 1;
    else if (op == OPC_RAISE)
        skip = 3;
    for (int i = 0; i < nops && fmt[i]; i++) {
        if (skip & (1u << i)) continue;
        switch (fmt[i]) {
        case 'R':
            if (vals[i] >= nregs) return false;
            break;
        case 'K':
            if (vals[i] >= nk) return false;
            break;
        case 'N':
            if (vals[i] >= nn) return false;
            break;
        default: break;
        }
    }
    obj_t *const *K = TUPLE_ITEMS(co->consts);
    // A register range [lo, lo + n) must lie inside the window.
#define RANGE_OK(lo, n) ((n) == 0 || (uint64_t)(lo) + (uint64_t)(n) <= nregs)
#define IS_CELL(r)      ((r) < nregs && BIT_GET(cells, (r)))
    switch (op) {
    case OPC_LOAD_METHOD:
    case OPC_BEFORE_WITH:
    case OPC_BEFORE_ASYNC_WITH: return RANGE_OK(a, 2);
    case OPC_GET_AWAITABLE: return c <= 2;
    case OPC_BUILD_SLICE: return RANGE_OK(b, c == 3 ? 3 : 2);
    case OPC_CALL:
    case OPC_CALL_METHOD: {
        if (!RANGE_OK(a, 1 + (op == OPC_CALL_METHOD) + b)) return false;
        if (c > 0) {
            if (c - 1 >= nk || !is_str_tuple(K[c - 1]) || TUPLE_SIZE(K[c - 1]) > b) return false;
        }
        return true;
    }
    case OPC_CALL_EX: return RANGE_OK(a, b ? 3 : 2);
    case OPC_MAKE_FUNCTION:
        return CODE_CHECK(K[b]) && RANGE_OK(a, __builtin_popcount((unsigned)(c & 15)));
    case OPC_BUILD_TUPLE:
    case OPC_BUILD_LIST:
    case OPC_BUILD_SET:
    case OPC_BUILD_STRING: return RANGE_OK(b, c);
    case OPC_BUILD_MAP: return RANGE_OK(b, 2 * c);
    case OPC_LIST_EXTEND: return c == 0 || c - 1 < nregs;
    case OPC_FORMAT_VALUE: return RANGE_OK(b, (c & 4) ? 2 : 1);
    case OPC_UNPACK_SEQUENCE: return RANGE_OK(a, c);
    case OPC_UNPACK_EX: return RANGE_OK(a, c + 1 + (uint64_t)word) && word <= INT32_MAX;
    case OPC_IMPORT_NAME: {
        obj_t *info = K[c];
        return OBJ_IS_TYPE(info, &tuple_type) && TUPLE_SIZE(info) == 2 &&
               IS_SMALLINT(TUPLE_GET(info, 0)) && SMALLINT_VALUE(TUPLE_GET(info, 0)) >= INT32_MIN &&
               SMALLINT_VALUE(TUPLE_GET(info, 0)) <= INT32_MAX &&
               (TUPLE_GET(info, 1) == None || TUPLE_CHECK(TUPLE_GET(info, 1)));
    }
    case OPC_RAISE: // C&3: 0 re-raise (no registers), 1 raise R[A], 2 raise R[A] from R[B]
        return (c & 3) == 0 || (a < nregs && ((c & 3) != 2 || b < nregs));
    case OPC_YIELD:
    case OPC_YIELD_FROM: // a plain frame cannot suspend
        return (co->flags & CO_GENERATOR) != 0;
    case OPC_LOAD_DEREF:
    case OPC_LOAD_CLASSDEREF: return IS_CELL(b);
    case OPC_STORE_DEREF:
    case OPC_DELETE_DEREF: return IS_CELL(a);
    case OPC_MATCH_CLASS: return RANGE_OK(b, 3); // subject, class, keyword names
    default: return true;
    }
#undef RANGE_OK
#undef IS_CELL
}

// The states before chosen instructions, for pyc_flow_states (NULL when
// only validating).
typedef struct {
    const int32_t *row_of; // per instruction word: its row in out, or -1
    uint8_t *out;
} flow_rec_t;
static bool validate_flow(const code_t *co, const uint8_t *starts, const flow_rec_t *rec);

static bool validate_insns(const code_t *co, const uint8_t *cells) {
    size_t n = co->ninsns;
    if (n == 0) return false;
    pthread_once(&op_facts_once, op_facts_init);
    uint8_t small[512];
    size_t nbytes = (n + 7) / 8;
    uint8_t *starts = nbytes <= sizeof small ? small : malloc(nbytes);
    if (starts == NULL) return false;
    memset(starts, 0, nbytes);
    bool ok = false;
    // Pass 1: instruction boundaries, opcodes, prefixes, trailing words.
    int last_op = -1;
    for (size_t pc = 0; pc < n;) {
        BIT_SET(starts, pc);
        insn_t insn;
        size_t size = insn_decode(co->insns, n, pc, &insn);
        if (size == 0) goto done;
        int op = (int)INSN_OP(insn);
        if (op >= OPC_COUNT || op == OPC_EXTENDED_ARG || op == OPC_STRESS_POINT) goto done;
        if (op_facts[op] & OPF_WORD) {
            if (pc + size >= n) goto done;
            size++;
        }
        last_op = op;
        pc += size;
    }
    if (!is_terminator(last_op)) goto done; // execution could run off the end
    // Pass 2: operands and jump targets.
    for (size_t pc = 0; pc < n;) {
        insn_t insn;
        size_t size = insn_decode(co->insns, n, pc, &insn);
        int op = (int)INSN_OP(insn);
        uint32_t word = 0;
        if (op_facts[op] & OPF_WORD) {
            word = co->insns[pc + size];
            size++;
            if ((op_facts[op] & OPF_JUMP) && (word >= n || !BIT_GET(starts, word))) goto done;
        }
        if (!validate_insn(co, insn, word, cells)) goto done;
        pc += size;
    }
    for (size_t i = 0; i < co->nexc; i++) {
        const exc_entry_t *e = &co->exctable[i];
        // A handler lies after its range (as the compiler places them), so
        // unwinding always moves forward: a loop needs a backward jump, and
        // backward jumps check the eval breaker (no uninterruptible hang).
        if (e->start > e->end || e->end > n || e->handler >= n || e->handler < e->end ||
            !BIT_GET(starts, e->handler) || e->depth >= (uint32_t)co->nregs)
            goto done;
    }
    if (!validate_flow(co, starts, NULL)) goto done;
    ok = true;
done:
    if (starts != small) free(starts);
    return ok;
}

// ---- register data flow --------------------------------------------------------------------
//
// Handlers read most register operands without a NULL check, and some
// without a type check: the compiler guarantees that a register is bound
// before such a read (CHECK_LOCAL guards a named local that might not be),
// that SET_ADD's target is the set BUILD_SET made, that RERAISE re-raises
// what a handler caught, that *_DEREF registers still hold their cells.  A
// crafted cache could break any of that, so the loader re-establishes it: a
// forward data-flow pass over the basic blocks computes, for every register
// at every instruction, what it holds on all paths (the lattice below), and
// rejects the code if an operand may not be what its handler assumes.
//
// Entry: parameters are bound, cell registers and the closure's registers
// hold cells, the rest are NULL.  Registers an instruction moves out of or
// drops (TAKE's source, CALL's arguments, BUILD_*'s items, CLEAR,
// DELETE_FAST, POP_EXCEPT's operands, an exhausted FOR_ITER's iterator)
// become NULL.  An exception handler is entered with what held before each
// instruction of its ranges (less what that instruction drops), and its
// register holds the exception.  Rules per opcode: insn_effects.

enum {
    T_NULL = 1, // unbound
    T_MAYBE,    // unbound or anything
    T_HEXC,     // an exception, None or unbound (a "handled exception" value)
    T_ANY,      // bound: anything below is bound too
    T_NONE,     // None
    T_EXC,      // an exception instance
    T_STR,      // a str
    T_LIST,     // a list
    T_SET,      // a set
    T_DICT,     // a dict
    T_CELL,     // a cell
    T_CLOSURE,  // a tuple of cells
};

static inline uint8_t t_meet(uint8_t x, uint8_t y) {
    if (x == y) return x;
    bool hx = x == T_NULL || x == T_HEXC || x == T_NONE || x == T_EXC;
    bool hy = y == T_NULL || y == T_HEXC || y == T_NONE || y == T_EXC;
    if (x >= T_ANY && y >= T_ANY) return T_ANY;
    if (hx && hy) return T_HEXC;
    return T_MAYBE;
}

// What a read needs.
enum { N_BOUND, N_HEXC, N_EXACT }; // N_EXACT: the register's type must be `type`

typedef struct {
    uint64_t lo, n;
    uint8_t need, type;
} ruse_t;

typedef struct {
    uint64_t lo, n;
    uint8_t type; // T_NULL for a drop
} rdef_t;

typedef struct {
    ruse_t use[5];
    rdef_t def[5];              // applied in order after the uses are checked
    int nuse, ndef, ndrop;      // def[0..ndrop) are drops (also applied on exception edges)
    int64_t copy_to, copy_from; // MOVE / TAKE: R[A] gets R[B]'s value (-1: none)
    int64_t jump_def;           // FOR_ITER: bound on the jump edge only
    int64_t fall_kill;          // FOR_ITER: unbound on the fall-through edge only
    bool tuple_of;              // BUILD_TUPLE: R[A] is a closure if every item is a cell
} effects_t;

static uint8_t op_writes_a[OPC_COUNT]; // the doc says "R[A] = ..." (A is a result)
static pthread_once_t op_writes_once = PTHREAD_ONCE_INIT;

static void op_writes_init(void) {
    for (int op = 0; op < OPC_COUNT; op++) {
        const char *d = opcode_docs[op];
        op_writes_a[op] = strncmp(d, "R[A] =", 6) == 0 || strncmp(d, "R[A], R[A+1] =", 14) == 0;
    }
}

#define USE(l, k)      (e->use[e->nuse++] = (ruse_t){(l), (k), N_BOUND, 0})
#define USE_T(l, k, t) (e->use[e->nuse++] = (ruse_t){(l), (k), N_EXACT, (t)})
#define USE_H(l)       (e->use[e->nuse++] = (ruse_t){(l), 1, N_HEXC, 0})
#define DROP(l, k)     (e->def[e->ndef++] = (rdef_t){(l), (k), T_NULL}, e->ndrop = e->ndef)
#define DEF(l, k, t)   (e->def[e->ndef++] = (rdef_t){(l), (k), (t)})

static void insn_effects(const code_t *co, int op, uint64_t a, uint64_t b, uint64_t c,
                         uint32_t word, effects_t *e) {
    memset(e, 0, sizeof *e);
    e->copy_to = e->copy_from = e->jump_def = e->fall_kill = -1;
    switch (op) {
    case OPC_MOVE: e->copy_to = (int64_t)a, e->copy_from = (int64_t)b; return;
    case OPC_TAKE:
        e->copy_to = (int64_t)a, e->copy_from = (int64_t)b;
        if (a != b) DROP(b, 1);
        return;
    case OPC_CLEAR:
    case OPC_DELETE_FAST: DROP(a, 1); return;
    case OPC_CHECK_LOCAL: return; // see validate_flow: R[A] is bound afterwards
    case OPC_LOAD_CONST: DEF(a, 1, STR_CHECK(TUPLE_GET(co->consts, b)) ? T_STR : T_ANY); return;
    case OPC_LOAD_NONE: DEF(a, 1, T_NONE); return;
    case OPC_LOAD_METHOD: USE(b, 1), DEF(a, 1, T_ANY), DEF(a + 1, 1, T_MAYBE); return;
    case OPC_BEFORE_WITH: USE(b, 1), DEF(a, 2, T_ANY); return;
    case OPC_BEFORE_ASYNC_WITH: USE(b, 1), DEF(a, 2, T_ANY); return;
    case OPC_END_ASYNC_FOR: USE_T(a, 1, T_EXC), DROP(a, 1); return;
    case OPC_CALL: USE(a, 1 + b), DROP(a + 1, b), DEF(a, 1, T_ANY); return;
    case OPC_CALL_METHOD: // R[A+1] may be NULL (LOAD_METHOD found a bound attribute)
        USE(a, 1), USE(a + 2, b), DROP(a + 1, 1 + b), DEF(a, 1, T_ANY);
        return;
    case OPC_CALL_EX:
        USE(a, 2);
        if (b) USE_T(a + 2, 1, T_DICT);
        DROP(a + 1, b ? 2 : 1), DEF(a, 1, T_ANY);
        return;
    case OPC_MAKE_FUNCTION: {
        uint64_t k = a;
        if (c & 1) USE(k, 1), k++;
        if (c & 2) USE_T(k, 1, T_DICT), k++;
        if (c & 4) USE(k, 1), k++;
        if (c & 8) USE_T(k, 1, T_CLOSURE), k++;
        DEF(a, 1, T_ANY);
        return;
    }
    case OPC_BUILD_TUPLE: USE(b, c), e->tuple_of = true, DROP(b, c), DEF(a, 1, T_ANY); return;
    case OPC_BUILD_LIST: USE(b, c), DROP(b, c), DEF(a, 1, T_LIST); return;
    case OPC_BUILD_SET: USE(b, c), DROP(b, c), DEF(a, 1, T_SET); return;
    case OPC_BUILD_STRING: USE_T(b, c, T_STR), DROP(b, c), DEF(a, 1, T_STR); return;
    case OPC_BUILD_MAP: USE(b, 2 * c), DROP(b, 2 * c), DEF(a, 1, T_DICT); return;
    case OPC_BUILD_SLICE: USE(b, c == 3 ? 3 : 2), DEF(a, 1, T_ANY); return;
    case OPC_FORMAT_VALUE:
        USE(b, 1);
        if (c & 4) USE_T(b + 1, 1, T_STR);
        DEF(a, 1, T_STR);
        return;
    case OPC_LIST_APPEND: USE_T(a, 1, T_LIST), USE(b, 1); return;
    case OPC_LIST_EXTEND:
        USE_T(a, 1, T_LIST), USE(b, 1);
        if (c) USE(c - 1, 1);
        return;
    case OPC_LIST_TO_TUPLE: USE_T(b, 1, T_LIST), DEF(a, 1, T_ANY); return;
    case OPC_SET_ADD:
    case OPC_SET_UPDATE: USE_T(a, 1, T_SET), USE(b, 1); return;
    case OPC_MAP_ADD: USE_T(a, 1, T_DICT), USE(b, 1), USE(c, 1); return;
    case OPC_DICT_UPDATE: USE_T(a, 1, T_DICT), USE(b, 1); return;
    case OPC_DICT_MERGE: USE_T(a, 1, T_DICT), USE(b, 1), USE(c, 1); return;
    case OPC_UNPACK_SEQUENCE: USE(b, 1), DEF(a, c, T_ANY); return;
    case OPC_UNPACK_EX: USE(b, 1), DEF(a, c + 1 + word, T_ANY); return;
    case OPC_RAISE:
        if ((c & 3) >= 1) USE(a, 1);
        if ((c & 3) == 2) USE(b, 1);
        return;
    case OPC_RERAISE: USE_T(a, 1, T_EXC), DROP(a, 1); return;
    case OPC_RERAISE_STAR: USE_T(a, 1, T_EXC), USE_T(b, 1, T_LIST); return;
    case OPC_WITH_EXCEPT: USE(b, 1), USE_T(c, 1, T_EXC), DEF(a, 1, T_ANY); return;
    case OPC_PUSH_EXC_INFO: USE_T(b, 1, T_EXC), DEF(a, 1, T_HEXC); return;
    case OPC_POP_EXCEPT:
        USE_H(a), DROP(a, 1);
        if (c) DROP(b, 1);
        return;
    case OPC_YIELD: USE(b, 1), DEF(a, 1, T_ANY); return;
    case OPC_YIELD_FROM: USE(a, 1), USE(b, 1), DEF(a, 1, T_ANY); return;
    case OPC_FOR_ITER: USE(b, 1), e->jump_def = (int64_t)a, e->fall_kill = (int64_t)b; return;
    case OPC_LOAD_DEREF:
    case OPC_LOAD_CLASSDEREF: USE_T(b, 1, T_CELL), DEF(a, 1, T_ANY); return;
    case OPC_STORE_DEREF: USE_T(a, 1, T_CELL), USE(b, 1); return;
    case OPC_DELETE_DEREF: USE_T(a, 1, T_CELL); return;
    case OPC_MATCH_CLASS: USE(b, 3), DEF(a, 1, T_ANY); return;
    default: break;
    }
    // Generic: R operands are read, except a result A ("R[A] = ...").
    const char *fmt = opcode_formats[op];
    bool bx = (op_facts[op] & OPF_BX) != 0;
    uint64_t vals[3] = {a, b, c};
    for (int i = 0; i < (bx ? 2 : 3) && fmt[i]; i++)
        if (fmt[i] == 'R' && !(i == 0 && op_writes_a[op])) USE(vals[i], 1);
    if (fmt[0] == 'R' && op_writes_a[op]) DEF(a, 1, T_ANY);
}
#undef USE
#undef USE_T
#undef USE_H
#undef DROP
#undef DEF

static bool use_ok(const uint8_t *st, const ruse_t *u) {
    for (uint64_t i = u->lo; i < u->lo + u->n; i++) {
        uint8_t t = st[i];
        switch (u->need) {
        case N_BOUND:
            if (t < T_ANY) return false;
            break;
        case N_HEXC:
            if (!(t == T_NULL || t == T_HEXC || t == T_NONE || t == T_EXC)) return false;
            break;
        default:
            if (t != u->type) return false;
            break;
        }
    }
    return true;
}

static void set_range(uint8_t *st, uint64_t lo, uint64_t n, uint8_t t) {
    memset(st + lo, t, n);
}

typedef struct {
    size_t nregs;
    uint8_t *in;      // nblocks * nregs
    uint8_t *visited; // per block
    uint8_t *queued;
    uint32_t *stack; // worklist
    size_t nstack;
    uint32_t *leader; // per block: its first word
} flow_t;

static void flow_merge(flow_t *f, uint32_t blk, const uint8_t *st) {
    uint8_t *in = f->in + (size_t)blk * f->nregs;
    bool changed = false;
    if (!f->visited[blk]) {
        memcpy(in, st, f->nregs);
        f->visited[blk] = 1;
        changed = true;
    } else {
        for (size_t i = 0; i < f->nregs; i++) {
            uint8_t v = t_meet(in[i], st[i]);
            if (v != in[i]) in[i] = v, changed = true;
        }
    }
    if (changed && !f->queued[blk]) {
        f->queued[blk] = 1;
        f->stack[f->nstack++] = blk;
    }
}

static bool ends_block(int op) {
    return op == OPC_RETURN || op == OPC_RETURN_NONE || op == OPC_JUMP || op == OPC_RAISE ||
           op == OPC_RERAISE || (op_facts[op] & OPF_JUMP);
}

// Most bytes of block states the pass allocates; bigger code is not cached.
#define FLOW_MAX_STATE ((size_t)64 << 20)

// The data-flow pass; `starts` marks instruction starts (validate_insns).
// With `rec`, the state before each instruction rec->pcs[i] is copied to
// row i of rec->out each time its block is walked: the last walk, from the
// block's final in-state, leaves the fixpoint's state there.
static bool validate_flow(const code_t *co, const uint8_t *starts, const flow_rec_t *rec) {
    pthread_once(&op_writes_once, op_writes_init);
    size_t n = co->ninsns, nregs = (size_t)co->nregs + 1;
    bool ok = false;
    uint32_t *blk_of = calloc(n, sizeof(uint32_t)); // leader pc -> block + 1
    uint8_t *lead = calloc(n + 1, 1);
    flow_t f = {.nregs = nregs};
    uint8_t *cur = NULL, *tmp = NULL;
    if (blk_of == NULL || lead == NULL) goto done;
    // Leaders: the entry, jump targets, what follows a jump or an exit, handlers.
    lead[0] = 1;
    for (size_t pc = 0; pc < n;) {
        insn_t insn;
        size_t size = insn_decode(co->insns, n, pc, &insn);
        int op = (int)INSN_OP(insn);
        if (op_facts[op] & OPF_WORD) {
            if (op_facts[op] & OPF_JUMP) lead[co->insns[pc + size]] = 1;
            size++;
        }
        pc += size;
        if (ends_block(op)) lead[pc] = 1;
    }
    for (size_t i = 0; i < co->nexc; i++)
        lead[co->exctable[i].handler] = 1;
    size_t nblocks = 0;
    for (size_t pc = 0; pc < n; pc++)
        if (lead[pc] && BIT_GET(starts, pc)) blk_of[pc] = (uint32_t)++nblocks;
    if (nblocks > FLOW_MAX_STATE / nregs) goto done; // too big to verify: not cached
    f.in = malloc(nblocks * nregs);
    f.visited = calloc(nblocks, 1);
    f.queued = calloc(nblocks, 1);
    f.stack = malloc(nblocks * sizeof(uint32_t));
    f.leader = malloc(nblocks * sizeof(uint32_t));
    cur = malloc(nregs);
    tmp = malloc(nregs);
    if (!f.in || !f.visited || !f.queued || !f.stack || !f.leader || !cur || !tmp) goto done;
    for (size_t pc = 0; pc < n; pc++)
        if (blk_of[pc]) f.leader[blk_of[pc] - 1] = (uint32_t)pc;
    // Entry state.
    set_range(cur, 0, nregs, T_NULL);
    set_range(cur, 0, (uint64_t)co->nparams, T_ANY);
    set_range(cur, (uint64_t)co->nlocals, (uint64_t)co->nfree, T_CELL);
    for (int i = 0; i < co->ncells; i++)
        cur[co->cell_regs[i]] = T_CELL;
    flow_merge(&f, 0, cur);
    while (f.nstack > 0) {
        uint32_t blk = f.stack[--f.nstack];
        f.queued[blk] = 0;
        memcpy(cur, f.in + (size_t)blk * nregs, nregs);
        size_t pc = f.leader[blk];
        for (;;) {
            if (PVM_UNLIKELY(rec != NULL) && rec->row_of[pc] >= 0)
                memcpy(rec->out + (size_t)rec->row_of[pc] * nregs, cur, nregs);
            insn_t insn;
            size_t size = insn_decode(co->insns, n, pc, &insn);
            int op = (int)INSN_OP(insn);
            uint32_t word = (op_facts[op] & OPF_WORD) ? co->insns[pc + size] : 0;
            bool bx = (op_facts[op] & OPF_BX) != 0;
            effects_t e;
            insn_effects(co, op, INSN_A(insn), bx ? INSN_BX(insn) : INSN_B(insn), INSN_C(insn),
                         word, &e);
            for (int i = 0; i < e.nuse; i++)
                if (!use_ok(cur, &e.use[i])) goto done;
            // Exception edges: what holds now, less what this instruction drops.
            for (size_t i = 0; i < co->nexc; i++) {
                const exc_entry_t *x = &co->exctable[i];
                if (pc < x->start || pc >= x->end) continue;
                memcpy(tmp, cur, nregs);
                for (int k = 0; k < e.ndrop; k++)
                    set_range(tmp, e.def[k].lo, e.def[k].n, T_NULL);
                tmp[x->depth] = T_EXC;
                flow_merge(&f, blk_of[x->handler] - 1, tmp);
            }
            uint8_t result = T_ANY;
            if (e.tuple_of && e.def[0].n > 0) { // BUILD_TUPLE: closure if all cells
                result = T_CLOSURE;
                for (uint64_t i = e.def[0].lo; i < e.def[0].lo + e.def[0].n; i++)
                    if (cur[i] != T_CELL) result = T_ANY;
            }
            if (e.copy_to >= 0) {
                uint8_t t = cur[e.copy_from];
                for (int k = 0; k < e.ndef; k++)
                    set_range(cur, e.def[k].lo, e.def[k].n, e.def[k].type);
                cur[e.copy_to] = t;
            } else {
                for (int k = 0; k < e.ndef; k++)
                    set_range(cur, e.def[k].lo, e.def[k].n, e.def[k].type);
                if (e.tuple_of) cur[e.def[e.ndef - 1].lo] = result;
            }
            if (op == OPC_CHECK_LOCAL) {
                uint64_t a = INSN_A(insn);
                if (cur[a] < T_ANY) cur[a] = T_ANY; // raised otherwise
            }
            if (op_facts[op] & OPF_WORD) size++;
            if (op_facts[op] & OPF_JUMP) {
                memcpy(tmp, cur, nregs);
                if (e.jump_def >= 0) tmp[e.jump_def] = T_ANY;
                flow_merge(&f, blk_of[word] - 1, tmp);
            }
            if (e.fall_kill >= 0) cur[e.fall_kill] = T_NULL;
            pc += size;
            if (op == OPC_RETURN || op == OPC_RETURN_NONE || op == OPC_JUMP || op == OPC_RAISE ||
                op == OPC_RERAISE || pc >= n)
                break;
            if (blk_of[pc]) {
                flow_merge(&f, blk_of[pc] - 1, cur);
                break;
            }
        }
    }
    ok = true;
done:
    free(blk_of);
    free(lead);
    free(f.in);
    free(f.visited);
    free(f.queued);
    free(f.stack);
    free(f.leader);
    free(cur);
    free(tmp);
    return ok;
}

bool pyc_validate_code(code_t *co) {
    if (co->flags & ~CO_KNOWN_FLAGS) return false;
    int nparams = co->argcount + co->kwonlyargcount + !!(co->flags & CO_VARARGS) +
                  !!(co->flags & CO_VARKEYWORDS);
    if (co->posonlyargcount > co->argcount || co->nparams != nparams || co->nparams > co->nlocals ||
        co->nlocals > co->nregs || (size_t)co->nlocals != TUPLE_SIZE(co->varnames) ||
        (int64_t)co->nlocals + co->nfree > co->nregs || co->nregs > CODE_MAX_REGS ||
        (size_t)co->ncells != TUPLE_SIZE(co->cellvars))
        return false;
    if ((co->flags & CO_NOFREE) && (co->ncells || co->nfree))
        return false; // the interpreter would skip creating the cells
    if ((co->flags & CO_HASDOC) && TUPLE_SIZE(co->consts) == 0) return false;
    if (!validate_linetable(co)) return false;
    // Cell registers: the cellvars' registers (named locals, distinct) and
    // the closure's [nlocals, nlocals + nfree).
    uint8_t small[512];
    size_t nbytes = ((size_t)co->nregs + 7) / 8 + 1;
    uint8_t *cells = nbytes <= sizeof small ? small : malloc(nbytes);
    if (cells == NULL) return false;
    memset(cells, 0, nbytes);
    bool ok = true;
    for (int i = 0; i < co->ncells && ok; i++) {
        int reg = co->cell_regs[i];
        if (reg < 0 || reg >= co->nlocals || BIT_GET(cells, reg))
            ok = false;
        else
            BIT_SET(cells, reg);
    }
    for (int i = 0; i < co->nfree && ok; i++)
        BIT_SET(cells, co->nlocals + i);
    ok = ok && validate_insns(co, cells);
    if (cells != small) free(cells);
    return ok;
}

// ---- register states for frame jumps (core/frame_jump.c) ---------------------------------

bool pyc_flow_states(const code_t *co, const size_t *pcs, size_t npcs, uint8_t *out) {
    size_t n = co->ninsns;
    if (n == 0) return false;
    pthread_once(&op_facts_once, op_facts_init);
    uint8_t *starts = calloc((n + 7) / 8, 1);
    if (starts == NULL) return false;
    for (size_t pc = 0; pc < n;) {
        BIT_SET(starts, pc);
        insn_t insn;
        size_t size = insn_decode(co->insns, n, pc, &insn);
        if (size == 0) {
            free(starts);
            return false;
        }
        if (op_facts[INSN_OP(insn)] & OPF_WORD) size++;
        pc += size;
    }
    int32_t *row_of = malloc(n * sizeof(int32_t));
    if (row_of == NULL) {
        free(starts);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        row_of[i] = -1;
    for (size_t i = npcs; i-- > 0;)
        if (pcs[i] < n) row_of[pcs[i]] = (int32_t)i;
    memset(out, 0, npcs * ((size_t)co->nregs + 1));
    flow_rec_t rec = {row_of, out};
    bool ok = validate_flow(co, starts, &rec);
    // A pc asked for twice: copy the row the walk filled.
    for (size_t i = 0; ok && i < npcs; i++)
        if (pcs[i] < n && row_of[pcs[i]] != (int32_t)i)
            memcpy(out + i * ((size_t)co->nregs + 1),
                   out + (size_t)row_of[pcs[i]] * ((size_t)co->nregs + 1), (size_t)co->nregs + 1);
    free(row_of);
    free(starts);
    return ok;
}

int pyc_flow_jump_reg(uint8_t from, uint8_t to) {
    if (t_meet(from, to) == to) return 0;
    if (t_meet(T_NULL, to) == to) return 1;
    return -1;
}

uint8_t pyc_flow_unbound_state(void) {
    return T_NULL;
}

bool pyc_flow_is_bound(uint8_t t) {
    return t >= T_ANY;
}

bool pyc_flow_is_handled_exc(uint8_t t) {
    return t == T_HEXC || t == T_EXC;
}

bool pyc_flow_is_saved_exc(uint8_t t) {
    return t == T_HEXC;
}

// Registers live before each instruction (read on some path before they
// are written), by a backward pass over the instructions with the same
// per-opcode effects as the flow check.
bool pyc_flow_live(const code_t *co, const size_t *pcs, size_t npcs, uint8_t *out) {
    size_t n = co->ninsns, nregs = (size_t)co->nregs + 1, words = (nregs + 63) / 64;
    pthread_once(&op_facts_once, op_facts_init);
    pthread_once(&op_writes_once, op_writes_init);
    bool ok = false;
    uint32_t *k_of = malloc(n * sizeof(uint32_t)); // pc -> instruction number
    size_t m = 0;
    for (size_t pc = 0; k_of != NULL && pc < n;) {
        insn_t insn;
        size_t size = insn_decode(co->insns, n, pc, &insn);
        if (size == 0) {
            free(k_of);
            return false;
        }
        if (op_facts[INSN_OP(insn)] & OPF_WORD) size++;
        k_of[pc] = (uint32_t)m++;
        pc += size;
    }
    if (k_of == NULL || m * words > FLOW_MAX_STATE / 8) {
        free(k_of);
        return false;
    }
    uint64_t *live = calloc(m * words, sizeof(uint64_t));
    uint64_t *use = calloc(m * words, sizeof(uint64_t));
    uint64_t *def = calloc(m * words, sizeof(uint64_t));
    uint64_t *acc = malloc(words * sizeof(uint64_t));
    typedef struct {
        uint32_t next, jump; // successors (UINT32_MAX: none)
        int64_t jdef, fkill; // FOR_ITER: written on the jump edge, unbound on the fall-through
        uint32_t pc;
    } node_t;
    node_t *nodes = malloc(m * sizeof(node_t));
    if (!live || !use || !def || !acc || !nodes) goto done;
#define LBIT_SET(bs, r) ((bs)[(r) / 64] |= (uint64_t)1 << ((r) % 64))
#define LBIT_CLR(bs, r) ((bs)[(r) / 64] &= ~((uint64_t)1 << ((r) % 64)))
#define LBIT_GET(bs, r) (((bs)[(r) / 64] >> ((r) % 64)) & 1)
    for (size_t pc = 0, k = 0; pc < n; k++) {
        insn_t insn;
        size_t size = insn_decode(co->insns, n, pc, &insn);
        int op = (int)INSN_OP(insn);
        uint32_t word = (op_facts[op] & OPF_WORD) ? co->insns[pc + size] : 0;
        bool bx = (op_facts[op] & OPF_BX) != 0;
        effects_t e;
        insn_effects(co, op, INSN_A(insn), bx ? INSN_BX(insn) : INSN_B(insn), INSN_C(insn), word,
                     &e);
        uint64_t *u = use + k * words, *d = def + k * words;
        for (int i = 0; i < e.nuse; i++)
            for (uint64_t r = e.use[i].lo; r < e.use[i].lo + e.use[i].n && r < nregs; r++)
                LBIT_SET(u, r);
        if (e.copy_from >= 0) LBIT_SET(u, (uint64_t)e.copy_from);
        if (op == OPC_CHECK_LOCAL) LBIT_SET(u, INSN_A(insn));
        for (int i = 0; i < e.ndef; i++)
            for (uint64_t r = e.def[i].lo; r < e.def[i].lo + e.def[i].n && r < nregs; r++)
                LBIT_SET(d, r);
        if (e.copy_to >= 0) LBIT_SET(d, (uint64_t)e.copy_to);
        for (size_t w = 0; w < words; w++) // a register read and written: read first
            d[w] &= ~u[w];
        if (op_facts[op] & OPF_WORD) size++;
        node_t *nd = &nodes[k];
        nd->pc = (uint32_t)pc;
        nd->jump = (op_facts[op] & OPF_JUMP) && word < n ? k_of[word] : UINT32_MAX;
        nd->next = pc + size < n && !is_terminator(op) ? (uint32_t)(k + 1) : UINT32_MAX;
        nd->jdef = e.jump_def;
        nd->fkill = e.fall_kill;
        pc += size;
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t k = m; k-- > 0;) {
            node_t *nd = &nodes[k];
            memset(acc, 0, words * sizeof(uint64_t));
            if (nd->next != UINT32_MAX) {
                const uint64_t *s = live + (size_t)nd->next * words;
                for (size_t w = 0; w < words; w++)
                    acc[w] |= s[w];
                if (nd->fkill >= 0) LBIT_CLR(acc, (uint64_t)nd->fkill);
            }
            if (nd->jump != UINT32_MAX) {
                const uint64_t *s = live + (size_t)nd->jump * words;
                for (size_t w = 0; w < words; w++) {
                    uint64_t v = s[w];
                    if (nd->jdef >= 0 && (uint64_t)nd->jdef / 64 == w)
                        v &= ~((uint64_t)1 << ((uint64_t)nd->jdef % 64));
                    acc[w] |= v;
                }
            }
            for (size_t i = 0; i < co->nexc; i++) {
                const exc_entry_t *x = &co->exctable[i];
                if (nd->pc < x->start || nd->pc >= x->end) continue;
                const uint64_t *s = live + (size_t)k_of[x->handler] * words;
                for (size_t w = 0; w < words; w++) {
                    uint64_t v = s[w];
                    if (x->depth / 64 == w) v &= ~((uint64_t)1 << (x->depth % 64));
                    acc[w] |= v;
                }
            }
            uint64_t *in = live + k * words;
            const uint64_t *u = use + k * words, *d = def + k * words;
            for (size_t w = 0; w < words; w++) {
                uint64_t v = u[w] | (acc[w] & ~d[w]);
                if (v != in[w]) in[w] = v, changed = true;
            }
        }
    }
    for (size_t i = 0; i < npcs; i++) {
        const uint64_t *in = live + (size_t)k_of[pcs[i]] * words;
        for (size_t r = 0; r < nregs; r++)
            out[i * nregs + r] = (uint8_t)LBIT_GET(in, r);
    }
#undef LBIT_SET
#undef LBIT_CLR
#undef LBIT_GET
    ok = true;
done:
    free(k_of);
    free(live);
    free(use);
    free(def);
    free(acc);
    free(nodes);
    return ok;
}

// Reaching definitions of one register: the instructions (and exception
// handlers) whose value it may hold before `from` and before `to`; true
// in *subset when every value it may hold at `from` is one it may hold at
// `to` (the code after `to` was checked for those).  Unbound counts as a
// definition of its own.
bool pyc_flow_defs_subset(const code_t *co, uint64_t r, size_t from, bool from_unbound, size_t to,
                          bool *subset) {
    size_t n = co->ninsns;
    pthread_once(&op_facts_once, op_facts_init);
    pthread_once(&op_writes_once, op_writes_init);
    bool ok = false;
    uint32_t *k_of = malloc(n * sizeof(uint32_t));
    uint32_t *pc_of = malloc(n * sizeof(uint32_t));
    uint32_t *hid = malloc(n * sizeof(uint32_t)); // per pc: id of the def at that handler
    uint32_t *did = malloc(n * sizeof(uint32_t)); // per instruction: id of its def of r
    uint64_t *in = NULL, *tmp = NULL;
    uint8_t *reached = NULL;
    if (!k_of || !pc_of || !hid || !did) goto done;
    size_t m = 0, nids = 1; // id 0: unbound
    for (size_t pc = 0; pc < n;) {
        insn_t insn;
        size_t size = insn_decode(co->insns, n, pc, &insn);
        if (size == 0) goto done;
        int op = (int)INSN_OP(insn);
        uint32_t word = (op_facts[op] & OPF_WORD) ? co->insns[pc + size] : 0;
        bool bx = (op_facts[op] & OPF_BX) != 0;
        effects_t e;
        insn_effects(co, op, INSN_A(insn), bx ? INSN_BX(insn) : INSN_B(insn), INSN_C(insn), word,
                     &e);
        bool writes = e.copy_to == (int64_t)r || e.jump_def == (int64_t)r;
        for (int i = e.ndrop; i < e.ndef; i++)
            if (r >= e.def[i].lo && r < e.def[i].lo + e.def[i].n) writes = true;
        did[m] = writes ? (uint32_t)nids++ : 0;
        hid[pc] = 0;
        k_of[pc] = (uint32_t)m;
        pc_of[m++] = (uint32_t)pc;
        pc += size + ((op_facts[op] & OPF_WORD) ? 1 : 0);
    }
    for (size_t i = 0; i < co->nexc; i++)
        if (co->exctable[i].depth == r && hid[co->exctable[i].handler] == 0)
            hid[co->exctable[i].handler] = (uint32_t)nids++;
    size_t words = (nids + 63) / 64;
    if (m * words > FLOW_MAX_STATE / 8) goto done;
    in = calloc(m * words, sizeof(uint64_t));
    tmp = malloc(words * sizeof(uint64_t));
    reached = calloc(m, 1);
    if (!in || !tmp || !reached) goto done;
    in[0] = 1; // entry: unbound (only temporaries are asked about)
    reached[0] = 1;
#define MERGE_INTO(k2, set)                                                                        \
    do {                                                                                           \
        uint64_t *dst_ = in + (size_t)(k2)*words;                                                  \
        for (size_t w_ = 0; w_ < words; w_++)                                                      \
            if ((dst_[w_] | (set)[w_]) != dst_[w_]) dst_[w_] |= (set)[w_], changed = true;         \
        if (!reached[k2]) reached[k2] = 1, changed = true;                                         \
    } while (0)
#define SINGLE(id)                                                                                 \
    do {                                                                                           \
        memset(tmp, 0, words * sizeof(uint64_t));                                                  \
        tmp[(id) / 64] = (uint64_t)1 << ((id) % 64);                                               \
    } while (0)
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t k = 0; k < m; k++) {
            if (!reached[k]) continue;
            size_t pc = pc_of[k];
            insn_t insn;
            size_t size = insn_decode(co->insns, n, pc, &insn);
            int op = (int)INSN_OP(insn);
            uint32_t word = (op_facts[op] & OPF_WORD) ? co->insns[pc + size] : 0;
            bool bx = (op_facts[op] & OPF_BX) != 0;
            effects_t e;
            insn_effects(co, op, INSN_A(insn), bx ? INSN_BX(insn) : INSN_B(insn), INSN_C(insn),
                         word, &e);
            const uint64_t *cur = in + k * words;
            bool dropped = false;
            for (int i = 0; i < e.ndrop; i++)
                if (r >= e.def[i].lo && r < e.def[i].lo + e.def[i].n) dropped = true;
            for (size_t i = 0; i < co->nexc; i++) {
                const exc_entry_t *x = &co->exctable[i];
                if (pc < x->start || pc >= x->end) continue;
                if (x->depth == r)
                    SINGLE(hid[x->handler]);
                else if (dropped)
                    SINGLE(0);
                else
                    memcpy(tmp, cur, words * sizeof(uint64_t));
                MERGE_INTO(k_of[x->handler], tmp);
            }
            if (did[k] != 0 && e.jump_def != (int64_t)r)
                SINGLE(did[k]);
            else if (dropped)
                SINGLE(0);
            else
                memcpy(tmp, cur, words * sizeof(uint64_t));
            size_t next = pc + size + ((op_facts[op] & OPF_WORD) ? 1 : 0);
            if ((op_facts[op] & OPF_JUMP) && word < n) {
                if (e.jump_def == (int64_t)r) {
                    uint64_t *save = malloc(words * sizeof(uint64_t));
                    if (save == NULL) goto done;
                    memcpy(save, tmp, words * sizeof(uint64_t));
                    SINGLE(did[k]);
                    MERGE_INTO(k_of[word], tmp);
                    memcpy(tmp, save, words * sizeof(uint64_t));
                    free(save);
                } else {
                    MERGE_INTO(k_of[word], tmp);
                }
            }
            if (next < n && !is_terminator(op)) {
                if (e.fall_kill == (int64_t)r) SINGLE(0);
                MERGE_INTO(k + 1, tmp);
            }
        }
    }
#undef MERGE_INTO
#undef SINGLE
    {
        const uint64_t *a = in + (size_t)k_of[from] * words, *b = in + (size_t)k_of[to] * words;
        bool sub = true;
        if (from_unbound)
            sub = (b[0] & 1) != 0;
        else
            for (size_t w = 0; w < words; w++)
                if (a[w] & ~b[w]) sub = false;
        *subset = sub;
    }
    ok = true;
done:
    free(k_of);
    free(pc_of);
    free(hid);
    free(did);
    free(in);
    free(tmp);
    free(reached);
    return ok;
}
