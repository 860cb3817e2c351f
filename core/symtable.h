/*
 * core/symtable.h — scopes and name resolution for the compiler (internal).
 *
 * symtable_build() walks a module's AST once and creates one scope per
 * module, class body, function, lambda, comprehension and generator
 * expression, recording how each name is used; symtable_analyze (called by
 * build) then decides for every name whether it is a local (a register in
 * functions), a cell (a local captured by a nested function), a free
 * variable (captured from an enclosing function), or global (explicit or
 * implicit), with CPython 3.11's rules and SyntaxError messages.
 */
#ifndef PVM_SYMTABLE_H
#define PVM_SYMTABLE_H

#include <stdbool.h>

#include "ast.h"

// How a name is used in one scope (flags).
#define DEF_GLOBAL     0x001 // `global` statement
#define DEF_LOCAL      0x002 // assigned / bound in this scope
#define DEF_PARAM      0x004 // parameter
#define DEF_NONLOCAL   0x008 // `nonlocal` statement
#define DEF_USE        0x010 // read
#define DEF_FREE_CLASS 0x020 // free in a nested scope and bound in this class
#define DEF_IMPORT     0x040 // bound by import
#define DEF_COMP_ITER  0x080 // comprehension iteration variable
#define DEF_ANNOT      0x100 // annotated
#define DEF_BOUND      (DEF_LOCAL | DEF_PARAM | DEF_IMPORT)

// Resolved scope of a name.
typedef enum {
    SC_UNKNOWN = 0,
    SC_LOCAL,
    SC_GLOBAL_EXPLICIT,
    SC_GLOBAL_IMPLICIT,
    SC_FREE,
    SC_CELL,
} st_scope_kind_t;

typedef enum { ST_MODULE, ST_CLASS, ST_FUNCTION } st_block_t;

typedef struct st_symbol {
    const char *name;
    int flags;
    st_scope_kind_t scope;
    int lineno, col, end_col; // where the first global/nonlocal declaration is
    int reg;                  // compiler: register of a local / cell / free variable
} st_symbol_t;

typedef struct st_entry {
    st_block_t type;
    const char *name; // "top", class name, function name, "<lambda>", "<listcomp>" ...
    const void *node; // AST node that opened the scope (NULL for the module)
    int lineno;
    struct st_entry *parent;
    struct st_entry **children;
    int nchildren, children_cap;
    st_symbol_t *syms;
    int nsyms, syms_cap;
    int *index; // open-addressing hash of name -> syms index (+1), size index_cap
    int index_cap;
    const char **params; // parameter names in order (functions)
    int nparams, params_cap;
    bool is_generator;
    bool is_comprehension; // list/set/dict comprehension or generator expression
    bool is_lambda;
    bool needs_class_cell; // class scope: a method uses __class__ / super
    bool has_walrus;
    bool has_free;         // any free or cell variable (code gets CO_NOFREE otherwise)
    bool comp_iter_target; // while visiting a comprehension target
    bool child_has_free;
    // > 0 while visiting a comprehension's iterable (inherited by the scopes
    // opened inside it): a walrus there is a SyntaxError.
    int comp_iter_expr;
    bool is_async_def; // `async def` (a coroutine, or an async generator if is_generator)
    bool is_coroutine; // comprehension with `async for` or `await`: its code is a coroutine
                       // (an async generator for a generator expression)
} st_entry_t;

typedef struct symtable {
    st_entry_t *top;
    st_entry_t *cur;
    const char *filename;
    const char *src;
    size_t srclen;
    // node -> entry map
    const void **keys;
    st_entry_t **vals;
    int map_cap, map_len;
    st_entry_t **all;
    int nall, all_cap;
    bool future_annotations;
    // Line of the last `from __future__` import of the module's leading
    // run of them (after its docstring), -1 when none: a later one is a
    // SyntaxError (the compiler checks).
    int future_lineno;
    ast_arena_t *arena;
    const char *private_name; // enclosing class name for __private name mangling
} symtable_t;

// Private name mangling: `__x` inside class C becomes `_C__x` (names ending
// in `__` and dotted names are left alone).  Result lives in `arena`.
const char *st_mangle(ast_arena_t *arena, const char *private_name, const char *name);

// Builds and analyzes the symbol table; NULL + SyntaxError on error.
symtable_t *symtable_build(ast_mod_t *mod, ast_arena_t *arena, const char *filename,
                           const char *src, size_t srclen);
// symtable_build, with `from __future__ import annotations` already in force when
// `future_annotations` (compile() flags, or inherited from the calling code).
symtable_t *symtable_build_ex(ast_mod_t *mod, ast_arena_t *arena, const char *filename,
                              const char *src, size_t srclen, bool future_annotations);
void symtable_free(symtable_t *st);
st_entry_t *symtable_lookup(symtable_t *st, const void *node);
st_symbol_t *st_entry_get(st_entry_t *e, const char *name);
// Resolved scope of `name` in `e` (SC_GLOBAL_IMPLICIT when unknown).
st_scope_kind_t st_entry_scope(st_entry_t *e, const char *name);

#endif // PVM_SYMTABLE_H
