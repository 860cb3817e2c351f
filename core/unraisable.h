/*
 * core/unraisable.h — reporting exceptions that cannot be raised
 * (PyErr_WriteUnraisable) through sys.unraisablehook (core/unraisable.c).
 */
#ifndef PVM_UNRAISABLE_H
#define PVM_UNRAISABLE_H

#include "../objects/object.h"

// Takes the pending exception and reports it: "`msg`: repr(obj)" (msg
// NULL: "Exception ignored in"), through sys.unraisablehook.  Clears it.
void err_write_unraisable(const char *msg, obj_t *obj);
// sys.unraisablehook's default (also sys.__unraisablehook__).
PVM_WUR obj_t *sys_unraisablehook(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
// Readies sys.UnraisableHookArgs; the type (borrowed).
int unraisable_ready(void);
obj_t *unraisable_args_type(void);

#endif // PVM_UNRAISABLE_H
