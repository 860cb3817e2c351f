/*
 * objects/code.h — code objects: the compiler's output, the interpreter's
 * input and the unit the bytecode cache stores.  (Owned by the compiler /
 * interpreter authors; fields may be added, not renamed.)
 */
#ifndef PVM_CODE_H
#define PVM_CODE_H

#include "object.h"

// code_t.flags
#define CO_VARARGS       0x01
#define CO_VARKEYWORDS   0x02
#define CO_GENERATOR     0x04
#define CO_NESTED        0x08
#define CO_FUNCTION      0x10 // locals are registers (not a module/class body)
#define CO_CLASSBODY     0x20
#define CO_HASDOC        0x40 // consts[0] is the docstring
#define CO_COMPREHENSION 0x80 // list/set/dict comprehension or generator expression body
#define CO_LAMBDA        0x100
#define CO_NOFREE        0x200 // no cells and no free variables
// A call creates a coroutine / an async generator (CO_GENERATOR is set too:
// every code whose call makes a suspendable frame has it).
#define CO_COROUTINE          0x400
#define CO_ASYNC_GENERATOR    0x800
#define CO_ITERABLE_COROUTINE 0x1000 // generator usable with await (types.coroutine)
// Some enclosing scope is a function: the functions and classes this code
// defines are made anew at run time, and are ordinary counted objects that
// the cycle collector frees.  Without it (module bodies and class bodies
// outside functions) they are made once and immortal (objects/type.c).
#define CO_IN_FUNCTION 0x2000
// Compiled under `from __future__ import annotations`: exec, eval and compile called from
// this code inherit the feature (co_flags shows CPython's 0x1000000; cache files bound
// flags below 1 << 24).
#define CO_FUTURE_ANNOTATIONS 0x100000
// Every flag above: the cache validator (core/pyc_verify.c) rejects code
// with any other bit, so a new flag is added here too.
#define CO_KNOWN_FLAGS                                                                             \
    (CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR | CO_NESTED | CO_FUNCTION | CO_CLASSBODY |         \
     CO_HASDOC | CO_COMPREHENSION | CO_LAMBDA | CO_NOFREE | CO_COROUTINE | CO_ASYNC_GENERATOR |    \
     CO_ITERABLE_COROUTINE | CO_IN_FUNCTION | CO_FUTURE_ANNOTATIONS)

// One protected range of the exception table: a raise at pc in [start, end)
// jumps to `handler`.  Inner ranges come before outer ones.
typedef struct {
    uint32_t start, end, handler;
    uint32_t depth; // handler-specific data (e.g. register to store the exception)
} exc_entry_t;

typedef struct code {
    obj_t ob;
    uint32_t *insns;
    size_t ninsns;
    obj_t *consts;   // tuple
    obj_t *names;    // tuple of interned str: global, attribute and import names
    obj_t *varnames; // tuple of str: parameters then other locals (registers 0..)
    obj_t *cellvars; // tuple of str
    obj_t *freevars; // tuple of str
    obj_t *filename; // str
    obj_t *name;     // str
    obj_t *qualname; // str
    int argcount, posonlyargcount, kwonlyargcount;
    int nlocals; // registers holding named locals
    int nregs;   // total registers of a frame
    int flags;
    int firstlineno;
    uint8_t *linetable; // pc -> line mapping, format private to compile.c
    size_t linetable_len;
    exc_entry_t *exctable;
    size_t nexc;
    void *extra; // compiler/interpreter private data (e.g. cell register map)
    // Register layout (see docs/bytecode.md): registers [0, nlocals) hold the
    // named locals (parameters first); cellvars[i] lives in register
    // cell_regs[i] (a cell object, created at frame entry); the closure's
    // cells are copied to registers [nlocals, nlocals + nfree); temporaries
    // follow.
    int ncells;
    int *cell_regs; // ncells register indices (malloc'ed)
    int nfree;      // == len(freevars)
    int nparams;    // argcount + kwonlyargcount + varargs + varkw
    // Stress mode only (threads/stress.c): the instruction words as compiled,
    // when insns has STRESS_POINT opcodes in their place; else NULL.
    uint32_t *stress_orig;
} code_t;

// The most registers a frame may have (the compiler raises SystemError
// beyond it, the cache loader rejects more).  Operands themselves are
// 32-bit (core/opcodes.def); this bounds a frame at 128 MiB, half of a
// thread's register stack.
#define CODE_MAX_REGS (1 << 24)

extern type_t code_type;
// Makes the code object, its constants (recursively through tuples,
// frozensets and nested code objects) immortal; see eval_make_function.
void code_immortalize(code_t *co);
// The one rule for what a running body defines: true for a module body and
// for class bodies outside any function (made once, shared by every
// thread: their functions and classes are immortal); false for functions
// and everything nested in one (made per call: counted, collectable).
static inline bool code_defines_immortal(const code_t *co) {
    return !(co->flags & (CO_FUNCTION | CO_IN_FUNCTION));
}
#define CODE_CHECK(v) OBJ_IS_TYPE(v, &code_type)
// Source line of the instruction at index pc; for an instruction without
// a line, the nearest line before it (never -1).
int code_addr2line(code_t *code, size_t pc);
// The line of pc as the table has it (-1: no line), with the run of
// instruction words [*start, *end) that share the entry of the line table
// pc falls in (callers cache it: core/trace.c).
int code_addr2line_range(code_t *code, size_t pc, size_t *start, size_t *end);
// The line of every instruction word (-1: none), in one pass over the
// table: a malloc'ed array of code->ninsns ints, or NULL (no memory).
int *code_line_per_word(code_t *code);
// Full source position of the instruction word at index pc (1-based lines,
// 0-based UTF-8 byte columns; -1 when unknown).  Returns the line.
int code_addr2loc(code_t *code, size_t pc, int *line, int *end_line, int *col, int *end_col);
// A new, empty code object (all fields zero/NULL); the compiler fills it.
PVM_WUR code_t *code_new(void);
// Location table encoding used by the compiler (one record per run of
// instruction words sharing a position).
typedef struct {
    uint32_t nwords;
    int line, end_line, col, end_col;
} code_loc_t;
// Builds code->linetable from `n` records.
int code_set_locations(code_t *code, const code_loc_t *locs, size_t n);

#endif // PVM_CODE_H
