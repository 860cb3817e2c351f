/*
 * core/eval.h — the interpreter: running code objects, calling Python
 * functions, and the frame introspection builtins need.
 */
#ifndef PVM_EVAL_H
#define PVM_EVAL_H

#include "../objects/object.h"

// Runs a module-level (or exec/eval) code object with the given globals and
// locals (locals may be the same dict as globals, or NULL = globals).
// Returns the result (None for modules) or NULL with an exception.
PVM_WUR obj_t *eval_code(obj_t *code, obj_t *globals, obj_t *locals);
// Compiles and runs source text (pvm -c, exec(), eval()); mode is "exec",
// "eval" or "single".
PVM_WUR obj_t *eval_source(const char *src, size_t len, const char *filename, const char *mode,
                           obj_t *globals, obj_t *locals);
// Compiles source to a code object (compile() builtin); SyntaxError on error.
PVM_WUR obj_t *compile_source(const char *src, size_t len, const char *filename, const char *mode);
// compile_source for a source that is not a file read as bytes: COMPILE_FROM_STR (the text
// of a str: no BOM dropped, no coding declaration honoured), COMPILE_MAIN_FILE (the script
// run as __main__: an undecodable source is "SyntaxError: encoding problem: NAME").
#define COMPILE_FROM_STR  1
#define COMPILE_MAIN_FILE 2

// As if the source began with `from __future__ import annotations` (PEP 563).
#define COMPILE_FUTURE_ANNOTATIONS 4
PVM_WUR obj_t *compile_source_ex(const char *src, size_t len, const char *filename,
                                 const char *mode, int flags);
// Runs a script file as __main__: the CLI's `pvm file.py`.  Returns the
// process exit status (uncaught exceptions are printed here).
int eval_run_file(const char *path);
// The globals / locals of the innermost running Python frame (borrowed), or
// NULL when no Python code runs.
obj_t *eval_current_globals(void);
// compile_source_ex flags that exec/eval/compile inherit from the running code's future
// imports (COMPILE_FUTURE_ANNOTATIONS), 0 outside Python code.
int eval_inherited_compile_flags(void);
PVM_WUR obj_t *eval_current_locals(void); // new ref: a dict snapshot for functions
// For zero-argument super(): the __class__ cell and first argument of the
// innermost frame.  -1 + RuntimeError ("super(): no arguments") on failure.
int eval_super_args(type_t **type, obj_t **self);
// __build_class__(func, name, *bases, metaclass=..., **kwds)
PVM_WUR obj_t *eval_build_class(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
// Prints the register bytecode of `code` and of every code object among its
// constants, recursively (pvm --dis).  Returns 0, or -1 with an exception.
int dis_code(obj_t *code, FILE *out);

#endif // PVM_EVAL_H
