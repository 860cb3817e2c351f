/*
 * objects/code.h — code objects: the compiler's output, the interpreter's
 * input and the unit the bytecode cache stores.  (Owned by the compiler /
 * interpreter authors; fields may be added, not renamed.)
 */
#ifndef PVM_CODE_H
#define PVM_CODE_H

#include "object.h"

// code_t.flags
#define CO_VARARGS 0x01
#define CO_VARKEYWORDS 0x02
#define CO_GENERATOR 0x04
#define CO_NESTED 0x08
#define CO_FUNCTION 0x10  // locals are registers (not a module/class body)
#define CO_CLASSBODY 0x20

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
} code_t;

extern type_t code_type;
#define CODE_CHECK(v) OBJ_IS_TYPE(v, &code_type)
// Source line of the instruction at index pc.
int code_addr2line(code_t *code, size_t pc);

#endif // PVM_CODE_H
