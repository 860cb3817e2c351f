/*
 * core/compile_int.h — state shared by the compiler's files (compile.c:
 * units, emission, assembly, constants, entry points; compile_expr.c:
 * expressions; compile_stmt.c: statements).  Internal to the compiler.
 *
 * Register discipline: registers [0, nlocals) are the named locals (params
 * first), [nlocals, nlocals + nfree) the closure's cells, then temporaries,
 * allocated and freed stack-like (alloc_reg / free_to).  An expression is
 * compiled either into a given register (expr_to) or into "any" register
 * (expr_any), which may be a local's own register: such a register is only
 * read by the caller.  Only the last instruction of an expression writes its
 * target register (expressions that cannot guarantee that go through a
 * temporary), so `x = x + 1` can compile to one ADD.
 *
 * Definite assignment: `assigned` is a bitset over the named locals that are
 * certainly bound at the current point; reading a local outside it emits
 * CHECK_LOCAL first (UnboundLocalError), so handlers never see NULL operands.
 */
#ifndef PVM_COMPILE_INT_H
#define PVM_COMPILE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../objects/code.h"
#include "../objects/object.h"
#include "ast.h"
#include "opcodes.h"
#include "parser.h"
#include "symtable.h"

// Raises SyntaxError/IndentationError/TabError `type` with CPython's args
// (msg, (filename, lineno, offset, text, end_lineno, end_offset)); col and
// end_col are 0-based byte offsets (-1 unknown); end_col SYNTAX_END_NONE
// gives end_offset None (CPython's PyErr_SyntaxLocationObject).
#define SYNTAX_END_NONE (-1000000)
void compile_set_syntax_error(const char *filename, const char *src, size_t srclen,
                              const char *type, const char *msg, int lineno, int col,
                              int end_lineno, int end_col);

typedef struct {
    uint8_t op;
    uint32_t a, b, c; // iABx formats: b holds Bx
    int label;        // jump target label or -1
    uint32_t word;    // data word (W formats)
    int line, end_line, col, end_col;
} instr_t;

typedef enum {
    FB_LOOP,
    FB_TRY_EXCEPT,  // body of try with except handlers
    FB_FINALLY_TRY, // body (and handlers) of try with finally
    FB_FINALLY_END, // exceptional copy of the finally body
    FB_HANDLER,     // except-handler body
    FB_WITH,        // body of with
} fb_kind_t;

typedef struct {
    fb_kind_t kind;
    int label_continue, label_break; // FB_LOOP
    // Protected range (all but FB_LOOP): exceptions in it go to handler_label
    // with the exception in exc_reg.
    int handler_label;
    int exc_reg;
    int range_start; // instruction index where the open range began; -1 closed
    int depth;
    ast_stmt_seq_t *finalbody; // FB_FINALLY_TRY
    int saved_reg;             // FB_HANDLER / FB_FINALLY_END: saved handled exception
    const char *handler_name;  // FB_HANDLER: `except E as name`
    int with_reg;              // FB_WITH: register of the bound __exit__
    int caught_reg;            // FB_HANDLER / FB_FINALLY_END: the caught exception (or -1)
    bool has_range;
    bool except_star; // FB_HANDLER: body of an except* clause (no break/continue/return out)
    bool with_async;  // FB_WITH of `async with`: __aexit__'s result is awaited
    // FB_LOOP: `if c:` + `break` on its own line jumps straight to a NOP
    // that carries the break's line, emitted after the loop by
    // loop_end_trampolines (compile_stmt.c).
    int ntramp;
    int tramp_label[8];
    ast_stmt_t *tramp_stmt[8];
    ast_stmt_t *with_stmt; // FB_WITH: the statement, whose line the early exit's __exit__ call has
} fblock_t;

typedef struct {
    int start, end; // instruction indices
    int handler_label;
    int reg;
    int depth;
} exc_range_t;

typedef struct unit {
    struct unit *parent;
    st_entry_t *ste;
    int scope_type; // ST_MODULE / ST_CLASS / ST_FUNCTION
    instr_t *instrs;
    int ninstrs, instrs_cap;
    int *labels; // label -> instruction index (-1 unbound)
    int nlabels, labels_cap;
    exc_range_t *ranges;
    int nranges, ranges_cap;
    fblock_t fblocks[64];
    int nfblocks;
    obj_t *consts;      // list
    obj_t *const_index; // dict key -> index
    obj_t *names;       // list of interned str
    obj_t *name_index;  // dict str -> index
    obj_t *varnames;    // list
    obj_t *cellvars;    // list
    obj_t *freevars;    // list
    int *cell_regs;
    int ncells;
    int nlocals, nfree, nparams;
    int next_reg, max_reg;
    int argcount, posonlyargcount, kwonlyargcount;
    int flags;
    int firstlineno;
    obj_t *name;
    obj_t *qualname;
    // current source position for emitted instructions
    int line, end_line, col, end_col;
    uint64_t *assigned; // definite-assignment bitset over [0, nlocals)
    int assigned_words;
    bool has_walrus;
    bool in_class_cell; // class body with a __class__ cell (register 0)
    int class_cell_reg;
    int loop_depth;
    bool future_annotations;
    const char *private_name; // class name for __private mangling, or NULL
} unit_t;

typedef struct compiler {
    symtable_t *st;
    const char *filename;
    obj_t *filename_obj;
    const char *src;
    size_t srclen;
    unit_t *u;
    ast_arena_t *arena;
    int mode; // 0 exec, 1 eval, 2 single
    int failed;
    bool future_annotations;
    int depth, depth_limit; // AST nesting of expr_to/expr_jump_if/stmt/const_value
} compiler_t;

// ---- compile.c -----------------------------------------------------------------

// Compiles a parsed module (mode 0 exec, 1 eval, 2 single) to a code object.
PVM_WUR obj_t *compile_ast(ast_mod_t *mod, ast_arena_t *arena, const char *src, size_t len,
                           const char *filename, int mode);
// compile_ast with compile_source_ex's flags (COMPILE_FUTURE_ANNOTATIONS is the one it reads).
PVM_WUR obj_t *compile_ast_ex(ast_mod_t *mod, ast_arena_t *arena, const char *src, size_t len,
                              const char *filename, int mode, int flags);
// compile_source_ex up to the parsed tree, which goes to `use` instead of the compiler
// (compile() with PyCF_ONLY_AST); returns what `use` returns.
PVM_WUR obj_t *compile_source_tree(const char *src, size_t len, const char *filename,
                                   const char *mode, int flags,
                                   obj_t *(*use)(ast_mod_t *mod, void *arg), void *arg);

void c_error(compiler_t *c, int lineno, int col, int end_lineno, int end_col, const char *fmt, ...);
void c_error_at_expr(compiler_t *c, ast_expr_t *e, const char *fmt, ...);
void c_error_at_stmt(compiler_t *c, ast_stmt_t *s, const char *fmt, ...);
void c_fail_pending(compiler_t *c); // an exception is already set

// Recursion bounds shared by the symbol table and the compiler.  As in CPython 3.11 the
// depth of AST nesting starts at three times the current Python frame depth and may reach
// three times sys.getrecursionlimit() (capped so the C stack always suffices); past it,
// "RecursionError: maximum recursion depth exceeded during compilation".
int compile_depth_start(void);
int compile_depth_limit(void);
void compile_raise_depth_error(void);
bool compile_stack_exhausted(void); // this thread's C stack is nearly used up
// One level deeper into the tree; false (with c->failed and the exception set) when too deep.
bool c_enter(compiler_t *c);
static inline void c_leave(compiler_t *c) {
    c->depth--;
}

int emit(compiler_t *c, int op, uint32_t a, uint32_t b, uint32_t cc);
int emit_bx(compiler_t *c, int op, uint32_t a, uint32_t bx);
int emit_jump(compiler_t *c, int op, uint32_t a, uint32_t b, uint32_t cc, int label);
int emit_word(compiler_t *c, int op, uint32_t a, uint32_t b, uint32_t cc, uint32_t word);
int new_label(compiler_t *c);
void bind_label(compiler_t *c, int label);
int last_op(compiler_t *c); // opcode of the last emitted instruction, or -1
// Emits the break trampolines a loop's fblock collected (a copy taken
// before pop_fblock), just before its exit label is bound.
void loop_end_trampolines(compiler_t *c, const fblock_t *loop, int exit);

int alloc_reg(compiler_t *c);
int alloc_regs(compiler_t *c, int n);
void free_to(compiler_t *c, int mark);
static inline int reg_mark(compiler_t *c) {
    return c->u->next_reg;
}

int add_const(compiler_t *c, obj_t *v); // borrowed
int add_name(compiler_t *c, const char *name);
int add_name_obj(compiler_t *c, obj_t *name);
void emit_load_const(compiler_t *c, int dst, obj_t *v);

// Source positions.
typedef struct {
    int line, end_line, col, end_col;
} loc_t;
loc_t set_loc_expr(compiler_t *c, ast_expr_t *e);
loc_t set_loc_stmt(compiler_t *c, ast_stmt_t *s);
void restore_loc(compiler_t *c, loc_t l);
// The position of the last emitted instruction becomes the current one: the
// jumps and clean-up that end a block belong to its last line, as in
// CPython (line events of sys.settrace, f_lineno).
void loc_from_last(compiler_t *c);

// Units (code objects under construction).
int enter_unit(compiler_t *c, st_entry_t *ste, const char *name, obj_t *qualname, int firstlineno);
PVM_WUR obj_t *leave_unit(compiler_t *c); // assembles and returns the code object
obj_t *make_qualname(compiler_t *c, const char *name);

// Exception-table ranges.
void fb_open_range(compiler_t *c, fblock_t *fb);
void fb_close_range(compiler_t *c, fblock_t *fb);
fblock_t *push_fblock(compiler_t *c, fb_kind_t kind);
void pop_fblock(compiler_t *c);

// Definite assignment.
void da_set(compiler_t *c, int reg);
void da_clear(compiler_t *c, int reg);
bool da_test(compiler_t *c, int reg);
uint64_t *da_save(compiler_t *c);            // malloc'ed copy
void da_restore(compiler_t *c, uint64_t *s); // copies (does not free)
void da_intersect(compiler_t *c, uint64_t *s);
void da_set_all(compiler_t *c);
void da_remove_deleted(compiler_t *c, ast_stmt_seq_t *body);

// ---- compile_expr.c ----------------------------------------------------------------

int expr_any(compiler_t *c, ast_expr_t *e);
// CPython's "cannot assign to / cannot delete __debug__" at the current location; true if
// `name` is __debug__ (the error is then reported).
bool forbid_debug(compiler_t *c, const char *name, bool del);
// "keyword argument repeated" and __debug__ keywords, reported as CPython 3.11 does.
bool check_keywords(compiler_t *c, ast_keyword_seq_t *kws);
bool check_debug_args(compiler_t *c, ast_arguments_t *a); // parameters named __debug__
void expr_to(compiler_t *c, ast_expr_t *e, int dst);
// Jumps to `label` if truth(e) == cond.
void expr_jump_if(compiler_t *c, ast_expr_t *e, bool cond, int label);
// Name access: ctx = EXPR_CTX_LOAD (into dst), STORE (from src), DEL.
void name_load(compiler_t *c, const char *name, int dst, ast_expr_t *where);
int name_load_any(compiler_t *c, const char *name, ast_expr_t *where);
void name_store(compiler_t *c, const char *name, int src);
void name_delete(compiler_t *c, const char *name);
int local_reg(compiler_t *c, const char *name); // register of a plain local, or -1
const char *mangle(compiler_t *c, const char *name);
int add_attr_name(compiler_t *c, const char *name); // mangled
// Assigns the value in register `src` to an assignment target.
void assign_to(compiler_t *c, ast_expr_t *target, int src);
// Module and class bodies keep their frame for the whole run: a temporary
// register's reference is dropped (OPC_CLEAR) once the statement or store
// is done with it (and stmt_inner clears every temporary of a simple
// statement at its end), so objects die when CPython would free them (visible
// through __del__, and a cycle's object does not survive `del x` and
// gc.collect()).  Functions' registers die with the frame: nothing emitted,
// except that `del` in a function drops the free temporaries (stmt_inner).
void drop_temp(compiler_t *c, int reg);
void compile_function_object(compiler_t *c, ast_arguments_t *args, ast_stmt_seq_t *body,
                             ast_expr_t *lambda_body, const void *node, const char *name,
                             ast_expr_t *returns, int dst, int lineno);
obj_t *const_value(compiler_t *c, ast_expr_t *e); // new ref, or NULL if not constant
// The value of an EXPR_CONSTANT node: a new reference, or NULL with the exception set.
PVM_WUR obj_t *compile_literal(compiler_t *c, ast_expr_t *e);
// ---- ast_unparse.c: e as CPython 3.11 writes an annotation under PEP 563 (a new str) ----
PVM_WUR obj_t *compile_unparse_expr(compiler_t *c, ast_expr_t *e);
// Under `from __future__ import annotations`: R[dst] = the annotation's source string.
void compile_annotation_string(compiler_t *c, ast_expr_t *e, int dst);

// ---- compile_warn.c: SyntaxWarning / DeprecationWarning of the parser and compiler ----
// Warns through _warnings.warn_explicit: 0 done, 1 the filters made it an error (cleared),
// -1 another exception is pending.
int compile_issue_warning(type_t *category, const char *msg, const char *filename, int lineno);
// Issues the parser's warnings (pe->warnings); 1: one became an error and *pe now describes the
// SyntaxError to raise instead; -1: exception pending; 0: go on.
int compile_parse_warnings(parse_error_t *pe, const char *filename, const char *src, size_t len,
                           bool eval_mode);
// The compiler's checks; each returns false when compiling must stop (c->failed).
bool compile_check_compare(compiler_t *c, ast_expr_t *e);   // `is` with a literal
bool compile_check_caller(compiler_t *c, ast_expr_t *call); // `(1, 2) (3, 4)`
bool compile_check_subscript(compiler_t *c, ast_expr_t *e); // `[1, 2] [3, 4]`, `{1} [0]`
bool compile_check_assert(compiler_t *c, ast_stmt_t *s);    // `assert (x, "msg")`
void compile_call_helper(compiler_t *c, int base, int nprefix, ast_expr_seq_t *args,
                         ast_keyword_seq_t *keywords, int method);

// ---- compile_stmt.c --------------------------------------------------------------

void stmts(compiler_t *c, ast_stmt_seq_t *seq);
void stmt(compiler_t *c, ast_stmt_t *s);
void compile_body_with_docstring(compiler_t *c, ast_stmt_seq_t *body, bool is_class);

// ---- compile_async.c -------------------------------------------------------------

// R[dst] = await R[src] (kind: GET_AWAITABLE's C operand); dst may be src.
void emit_await(compiler_t *c, int dst, int src, int kind);
void compile_await(compiler_t *c, ast_expr_t *e, int dst);
void compile_async_for(compiler_t *c, ast_stmt_t *s);
void compile_async_with(compiler_t *c, ast_stmt_t *s);

// Line `lineno` (1-based) of src[0..srclen), with its newline: its start,
// and its length in *n; NULL when the source has no such line.
const char *compile_src_line(const char *src, size_t srclen, int lineno, size_t *n);

#endif // PVM_COMPILE_INT_H
