/*
 * parser_int.h - internals shared by parser.c (driver, errors, literals, f-strings),
 * parser_expr.c (expressions) and parser_stmt.c (statements).  Not a public header.
 *
 * Invariants:
 *  - p->toks holds the whole token stream of the input (NL/COMMENT dropped), ending with
 *    ENDMARKER, or with an ERRORTOKEN when the input ended inside brackets.  p->pos never
 *    moves past that last token.
 *  - Errors are reported by longjmp to p->jb (perr_* never return).  Trial parses install
 *    their own jmp_buf (see parse_try) and restore p->pos when they fail.
 *  - Every node is allocated from p->arena.
 */
#ifndef PVM_PARSER_INT_H
#define PVM_PARSER_INT_H

#include <setjmp.h>

#include "ast.h"
#include "parser.h"
#include "token.h"

// Parser stack budget.  CPython 3.11's PEG parser raises MemoryError (no message) once its
// rule nesting passes 6000; every recursive construct here charges a cost chosen to match the
// number of rule levels CPython spends on it (1 per unary operator, `not`, `else` of a
// conditional expression or `elif`, 2 per `**` and `lambda`, 20-odd per bracket), so that
// the same inputs fail.  Brackets themselves stop at 200 in the tokenizer.
#define PARSE_MAX_LEVEL    5970
#define PARSE_COST_PAREN   26 // ( ... ) atom
#define PARSE_COST_DISPLAY 27 // [ ... ] and { ... } atoms
#define PARSE_COST_TRAILER 22 // call arguments and subscripts
#define PARSE_COST_BLOCK   6  // an indented block

typedef struct parser {
    ast_arena_t *arena;
    tok_state_t tok; // owns the source buffer the tokens point into
    token_t *toks;
    int ntoks;
    int pos;
    int furthest; // highest token index examined: where generic errors are reported
    int depth;
    parse_mode_t mode;
    jmp_buf *jb;
    int has_err;
    parse_error_t *err;
    // Byte positions of the error (converted to CPython's character offsets at the end).
    const char *err_line_start; // NULL: look the line up by number
    int err_lineno, err_col, err_end_lineno, err_end_col;
    int err_cols_final; // err->col_offset/end_col_offset already final (tokenizer errors)
    int err_from_tok;   // the error came from the tokenizer
    int err_bare_text;  // ... and err->text drops the line's newline (tok_error_t.bare_text)
    // f-string sub-parser state
    int fstring_sub; // this parser parses an f-string replacement field
    int fstring_nesting;
    int keep_bom; // PARSE_KEEP_BOM
    // The string token decode_escapes works on (where its warning points).
    token_t *esc_tok;
} parser_t;

// A growable array in the arena, turned into an ast_*_seq_t when complete.
typedef struct {
    void **items;
    int n, cap;
} vec_t;

void vec_push(parser_t *p, vec_t *v, void *item);
#define VEC_SEQ(type, v) ((type){(v).n, (void *)(v).items})

/* ---- tokens ---- */

static inline token_t *tok_at(parser_t *p, int i) {
    if (p->pos + i >= p->ntoks) {
        i = p->ntoks - 1 - p->pos;
    }
    if (p->pos + i > p->furthest) {
        p->furthest = p->pos + i;
    }
    return &p->toks[p->pos + i];
}
#define CUR(p)     tok_at((p), 0)
#define PEEK(p, i) tok_at((p), (i))
#define PREV(p)    (&(p)->toks[(p)->pos > 0 ? (p)->pos - 1 : 0])
static inline int at(parser_t *p, tok_kind_t k) {
    return tok_at(p, 0)->kind == k;
}
static inline int at_kw(parser_t *p, tok_keyword_t kw) {
    token_t *t = tok_at(p, 0);
    return t->kind == TOK_NAME && t->kw == kw;
}
token_t *advance(parser_t *p);
int accept(parser_t *p, tok_kind_t k);
int accept_kw(parser_t *p, tok_keyword_t kw);
token_t *expect(parser_t *p, tok_kind_t k); // "expected 'x'" / "invalid syntax"
int at_soft_kw(parser_t *p, const char *word);

/* ---- errors (never return) ---- */

_Noreturn void perr_range(parser_t *p, const char *type, int lineno, int col, int end_lineno,
                          int end_col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
_Noreturn void perr_tok(parser_t *p, token_t *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void perr_expr(parser_t *p, ast_expr_t *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void perr_invalid(parser_t *p); // "invalid syntax" at the furthest token
_Noreturn void perr_memory(parser_t *p);  // MemoryError, as CPython's parser stack overflow
extern const char parse_memory_error[];   // err->type of that error
// Recursion guard: charges `cost` levels (see PARSE_MAX_LEVEL); leave() gives them back.
void enter(parser_t *p, int cost);
static inline void leave(parser_t *p, int cost) {
    p->depth -= cost;
}

// Run fn(p, arg) as a trial: returns its result, or NULL with p->pos restored on any error.
void *parse_try(parser_t *p, void *(*fn)(parser_t *, void *), void *arg);

/* ---- node construction ---- */

ast_expr_t *new_expr(parser_t *p, ast_expr_kind_t kind, token_t *start);
ast_stmt_t *new_stmt(parser_t *p, ast_stmt_kind_t kind, token_t *start);
// Set the end position of a node to the end of the last consumed token.
void end_expr(parser_t *p, ast_expr_t *e);
void end_stmt(parser_t *p, ast_stmt_t *s);
void copy_start(ast_expr_t *dst, ast_expr_t *src);
void copy_end(ast_expr_t *dst, ast_expr_t *src);
const char *tok_ident(parser_t *p, token_t *t);
const char *expr_name(ast_expr_t *e); // "function call", "literal", ... as CPython

/* ---- literals (parser.c) ---- */

ast_expr_t *parse_number(parser_t *p, token_t *t);
ast_expr_t *parse_strings(parser_t *p); // one or more adjacent STRING tokens

/* ---- expressions (parser_expr.c) ---- */

ast_expr_t *parse_expression(parser_t *p);
ast_expr_t *parse_named_expression(parser_t *p);
ast_expr_t *parse_star_expression(parser_t *p);
ast_expr_t *parse_star_expressions(parser_t *p); // tuple when there are commas
ast_expr_t *parse_star_named_expression(parser_t *p);
ast_expr_t *parse_expressions(parser_t *p); // eval input: expression list, no stars
ast_expr_t *parse_disjunction(parser_t *p);
ast_expr_t *parse_bitwise_or(parser_t *p);
ast_expr_t *parse_yield_expr(parser_t *p);
ast_expr_t *parse_star_targets(parser_t *p); // for/comprehension targets, Store ctx
ast_arguments_t *parse_parameters(parser_t *p, int is_lambda, tok_kind_t closer);
void parse_call_args(parser_t *p, token_t *open, ast_expr_seq_t *args, ast_keyword_seq_t *keywords,
                     int allow_genexp, ast_expr_t *call);
// Validate `e` as an assignment/deletion target and set its context.
void set_context(parser_t *p, ast_expr_t *e, ast_expr_ctx_t ctx, int top_level_assign);
int can_start_expression(token_t *t);

/* ---- statements (parser_stmt.c) ---- */

void parse_statements(parser_t *p, vec_t *out, int until_dedent);
ast_stmt_t *parse_statement_single(parser_t *p, vec_t *out);
void parse_simple_stmts(parser_t *p, vec_t *out); // stops after the NEWLINE
// ':' already consumed: an indented block or simple statements on the same line.
void parse_block(parser_t *p, const char *what, token_t *kw, ast_stmt_seq_t *out);

/* ---- match statement (parser_match.c) ---- */

// At a statement starting with the name `match`: parses a match statement, or the ordinary
// statements the line holds, into `out` and returns 1; returns 0 (nothing consumed) when
// neither parses, for the caller to report the ordinary statement's error.
int parse_match_stmt(parser_t *p, vec_t *out);

#endif
