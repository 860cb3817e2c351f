/*
 * core/builtins_internal.h — shared between core/builtins.c and
 * core/builtins_funcs.c (private to the builtins module).
 */
#ifndef PVM_BUILTINS_INTERNAL_H
#define PVM_BUILTINS_INTERNAL_H

#include "../objects/object.h"

// The caller's globals (borrowed; __main__'s dict when no Python frame runs)
// and locals (new reference).
obj_t *builtins_current_globals(void);
PVM_WUR obj_t *builtins_current_locals(void);

// Builtins implemented in core/builtins_funcs.c.
obj_t *builtins_compile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *builtins_eval(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *builtins_exec(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *builtins_format(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *builtins_input(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
// core/eval_async.c
obj_t *builtin_aiter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *builtin_anext(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
// builtins.open is _io.open (modules/io.c).
obj_t *io_builtin_open(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *builtins_round(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
// core/sysmodule_breakpoint.c
obj_t *builtin_breakpoint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);

#endif // PVM_BUILTINS_INTERNAL_H
