/*
 * objects/func.h — Python function objects (`def`, `lambda`, comprehension
 * bodies) and cells.
 *
 * A function binds a code object to its globals and builtins dicts, default
 * values, keyword-only defaults, closure (tuple of cells) and attributes.
 * Calling one runs the interpreter (core/eval.c).  Functions are method
 * descriptors (TPFLAG_METHOD_DESCRIPTOR): `obj.f` binds through method_new,
 * and LOAD_METHOD/CALL_METHOD skip the bound object.
 */
#ifndef PVM_FUNC_H
#define PVM_FUNC_H

#include "../gc/qsbr.h"
#include "object.h"

typedef struct {
    obj_t ob;
    obj_t *code;        // code_t
    obj_t *globals;     // dict
    obj_t *builtins;    // dict
    obj_t *name;        // str
    obj_t *qualname;    // str
    obj_t *module;      // __module__ value (any object) or NULL
    obj_t *defaults;    // tuple or NULL
    obj_t *kwdefaults;  // dict or NULL
    obj_t *closure;     // tuple of cells or NULL
    obj_t *doc;         // any object or NULL (= None)
    obj_t *dict;        // attribute dict or NULL
    obj_t *annotations; // dict or NULL
} func_t;

// Reads a field of function f that `f.__defaults__ = ...` and friends may
// replace while the function runs elsewhere: a rebindable field (gc/qsbr.h),
// borrowed until this thread's next quiescent state.  Load it once and use
// that value.
static inline obj_t *func_field(obj_t *f, obj_t *const *field) {
    return qsbr_field_borrow(f, field);
}

extern type_t function_type;
#define FUNC_CHECK(v) OBJ_IS_TYPE(v, &function_type)

// A new function for `code` with the given globals (borrowed); builtins are
// taken from `builtins` (borrowed) or looked up from globals['__builtins__'].
PVM_WUR obj_t *func_new(obj_t *code, obj_t *globals, obj_t *builtins);
// The builtins dict to use for code running with `globals`.
obj_t *func_builtins_for(obj_t *globals); // borrowed

// Cells: a box holding one variable shared between scopes.
typedef struct {
    obj_t ob;
    obj_t *_Atomic ref; // NULL = empty
} cell_t;
extern type_t cell_type;
#define CELL_CHECK(v) OBJ_IS_TYPE(v, &cell_type)
PVM_WUR obj_t *cell_new(obj_t *value); // value borrowed, may be NULL
PVM_WUR obj_t *cell_get(obj_t *cell);  // new ref or NULL (empty, no exception)
// The same for the interpreter's LOAD_DEREF: the reference lives in a VM
// register (a register credit when another thread owns the value).
PVM_WUR obj_t *cell_get_for_reg(obj_t *cell);
// The contents, borrowed until this thread's next quiescent state (gc/qsbr.h).
obj_t *cell_borrow(obj_t *cell);
void cell_set(obj_t *cell, obj_t *value); // value borrowed, may be NULL

#endif // PVM_FUNC_H
