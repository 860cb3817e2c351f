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
#define CODE_CHECK(v) OBJ_IS_TYPE(v, &code_type)
// Source line of the instruction at index pc.
int code_addr2line(code_t *code, size_t pc);
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
