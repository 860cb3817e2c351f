/*
 * parser.h - public entry points of the Python 3.11 parser.
 *
 * Owns: turning source text into an AST (see ast.h) or a SyntaxError description.
 *
 * Invariants:
 *  - On success parse_source returns a tree allocated entirely in `arena`; err is untouched
 *    except that err->text is NULL.
 *  - On failure it returns NULL and fills *err (err->text is malloc'ed; release it with
 *    parse_error_clear).  Nodes allocated before the error stay in the arena until it is freed.
 *  - Never crashes, never loops forever, recursion depth is bounded (PARSE_MAX_LEVEL in
 *    parser_int.h; past it the error type is "MemoryError", as in CPython 3.11).
 */
#ifndef PVM_PARSER_H
#define PVM_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

typedef struct {
    char msg[256];
    const char *type; // "SyntaxError", "IndentationError", "TabError" or "MemoryError" (static)
    int lineno;
    int col_offset; // 1-based column as CPython prints the caret (SyntaxError.offset)
    int end_lineno;
    int end_col_offset; // 1-based, as SyntaxError.end_offset
    char *text;         // the offending source line, malloc'ed, may be NULL
    // The warnings met, sorted by position (see parse_warning_t).
    struct parse_warning *warnings;
} parse_error_t;

// A warning the parser met (an invalid escape sequence, a number run into a keyword), for the
// caller to issue through the warnings module (core/compile_warn.c).  Allocated in the arena,
// sorted by position; parse_error_t.warnings heads the list (NULL: none), on success and on
// failure alike (the caller issues them before the tree's arena goes).
typedef struct parse_warning {
    struct parse_warning *next;
    int deprecation; // DeprecationWarning (else SyntaxWarning)
    char msg[64];
    int lineno, col_offset, end_lineno, end_col_offset; // as parse_error_t's (1-based columns)
    const char *key; // the source byte that caused it: parsing it again adds no second warning
} parse_warning_t;

typedef enum { PARSE_FILE, PARSE_EVAL, PARSE_SINGLE } parse_mode_t;

// Parse `len` bytes of `src` (need not be NUL-terminated).  `filename` is only used for
// messages and may be NULL.  Returns NULL on error with *err filled in.
ast_mod_t *parse_source(ast_arena_t *arena, const char *src, size_t len, const char *filename,
                        parse_mode_t mode, parse_error_t *err);

// parse_source with flags: PARSE_KEEP_BOM keeps a leading U+FEFF as an ordinary character
// (text that came from a str; CPython only drops the BOM of bytes).
#define PARSE_KEEP_BOM 1
ast_mod_t *parse_source_ex(ast_arena_t *arena, const char *src, size_t len, const char *filename,
                           parse_mode_t mode, int flags, parse_error_t *err);

void parse_error_clear(parse_error_t *err);

// C stack guard shared by the parser and the compiler's tree walkers: parse_stack_init()
// records the calling thread's stack bounds (once per thread); parse_stack_exhausted() is
// then true when less than 1 MiB (a quarter of a small stack) is left.
void parse_stack_init(void);
bool parse_stack_exhausted(void);

#endif
