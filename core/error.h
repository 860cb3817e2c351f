/*
 * core/error.h — raising, testing and clearing the pending exception.
 *
 * The pending exception lives in the current thread state (threads/thread.h)
 * and is always a normalized exception instance (never a (type, value) pair).
 * Functions signal failure by returning NULL / -1 with an exception pending;
 * callers propagate by returning NULL / -1 themselves (goto error), or handle
 * it with err_matches + err_clear.  No longjmp anywhere.
 */
#ifndef PVM_ERROR_H
#define PVM_ERROR_H

#include "../objects/object.h"

// Raises an instance of `type` created from `value` (NULL: no args; a tuple:
// the args; anything else: a single argument).
void err_set(type_t *type, obj_t *value);
// Raises type(message) where message is printf-like text.  Supports the
// standard conversions plus: %R repr(obj), %S str(obj), %T type name of obj,
// %U a str object's text, %N a type_t's name.
void err_format(type_t *type, const char *fmt, ...);
void err_set_str(type_t *type, const char *msg);
// Raises an existing exception instance (steals nothing; INCREFs it).
void err_set_object(obj_t *exc);
bool err_occurred(void);
// The pending exception (borrowed), or NULL.
obj_t *err_peek(void);
// True if the pending exception is an instance of `type` (or a subclass).
bool err_matches(type_t *type);
// Takes the pending exception (new reference) and clears it.
obj_t *err_fetch(void);
// Makes `exc` (stolen; may be NULL) the pending exception.
void err_restore(obj_t *exc);
void err_clear(void);
// Convenience raisers; each returns NULL so `return err_no_memory();` works.
obj_t *err_no_memory(void);
// After a MemoryError freed the emergency reserve (core/error.c): takes it
// again when memory allows (the cycle collector calls it after each
// collection).
void err_mem_reserve_refill(void);
obj_t *err_bad_argument(const char *fname); // TypeError "bad argument type for built-in operation"
// Raises OSError (or the fitting subclass, e.g. FileNotFoundError) from errno.
obj_t *err_from_errno(int errnum, const char *filename);
// Prints the pending exception with its traceback to stderr (as an uncaught
// exception at top level) and clears it.
void err_print(void);
// Writes a CPython-format report of `exc` (chained causes/contexts first,
// "Traceback (most recent call last):", frames, "ValueError: msg").
void err_display(obj_t *exc, FILE *out);

#endif // PVM_ERROR_H
