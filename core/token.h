/*
 * token.h - the Python 3.11 tokenizer interface.
 *
 * Owns: token kinds, the token record and the tokenizer state.
 *
 * Invariants:
 *  - tok_init copies the source into tok->buf (CRLF/CR translated to LF, a final LF appended
 *    when missing, NUL-terminated); tokens point into that buffer, so they stay valid until
 *    tok_free.
 *  - Positions: lineno/end_lineno 1-based, col/end_col 0-based byte offsets within the line.
 *  - The token stream of a file always ends with NEWLINE (synthesised if the text lacks a
 *    trailing newline), the DEDENTs closing all open blocks, then ENDMARKER.
 *  - After an error (tok_next returns TOK_ERRORTOKEN with tok->err set) every further call
 *    returns TOK_ERRORTOKEN again.
 */
#ifndef PVM_TOKEN_H
#define PVM_TOKEN_H

#include <stddef.h>

typedef enum {
    TOK_ENDMARKER,
    TOK_NAME,
    TOK_NUMBER,
    TOK_STRING,
    TOK_NEWLINE,
    TOK_INDENT,
    TOK_DEDENT,
    TOK_NL,      // only when tok_state_t.emit_nl is set
    TOK_COMMENT, // only when tok_state_t.emit_nl is set
    TOK_ERRORTOKEN,
    // operators and delimiters
    TOK_LPAR,
    TOK_RPAR,
    TOK_LSQB,
    TOK_RSQB,
    TOK_COLON,
    TOK_COMMA,
    TOK_SEMI,
    TOK_PLUS,
    TOK_MINUS,
    TOK_STAR,
    TOK_SLASH,
    TOK_VBAR,
    TOK_AMPER,
    TOK_LESS,
    TOK_GREATER,
    TOK_EQUAL,
    TOK_DOT,
    TOK_PERCENT,
    TOK_LBRACE,
    TOK_RBRACE,
    TOK_EQEQUAL,
    TOK_NOTEQUAL,
    TOK_LESSEQUAL,
    TOK_GREATEREQUAL,
    TOK_TILDE,
    TOK_CIRCUMFLEX,
    TOK_LEFTSHIFT,
    TOK_RIGHTSHIFT,
    TOK_DOUBLESTAR,
    TOK_PLUSEQUAL,
    TOK_MINEQUAL,
    TOK_STAREQUAL,
    TOK_SLASHEQUAL,
    TOK_PERCENTEQUAL,
    TOK_AMPEREQUAL,
    TOK_VBAREQUAL,
    TOK_CIRCUMFLEXEQUAL,
    TOK_LEFTSHIFTEQUAL,
    TOK_RIGHTSHIFTEQUAL,
    TOK_DOUBLESTAREQUAL,
    TOK_DOUBLESLASH,
    TOK_DOUBLESLASHEQUAL,
    TOK_AT,
    TOK_ATEQUAL,
    TOK_RARROW,
    TOK_ELLIPSIS,
    TOK_COLONEQUAL,
    TOK_OP, // any other single character (e.g. '$', '?', '!'): the parser rejects it
    TOK__COUNT
} tok_kind_t;

// Hard keywords; NAME tokens carry one of these (KW_NONE_ for ordinary names, including the
// soft keywords match/case/_).
typedef enum {
    KW_NOT_KEYWORD = 0,
    KW_FALSE,
    KW_NONE,
    KW_TRUE,
    KW_AND,
    KW_AS,
    KW_ASSERT,
    KW_ASYNC,
    KW_AWAIT,
    KW_BREAK,
    KW_CLASS,
    KW_CONTINUE,
    KW_DEF,
    KW_DEL,
    KW_ELIF,
    KW_ELSE,
    KW_EXCEPT,
    KW_FINALLY,
    KW_FOR,
    KW_FROM,
    KW_GLOBAL,
    KW_IF,
    KW_IMPORT,
    KW_IN,
    KW_IS,
    KW_LAMBDA,
    KW_NONLOCAL,
    KW_NOT,
    KW_OR,
    KW_PASS,
    KW_RAISE,
    KW_RETURN,
    KW_TRY,
    KW_WHILE,
    KW_WITH,
    KW_YIELD,
    KW__COUNT
} tok_keyword_t;

typedef struct {
    tok_kind_t kind;
    tok_keyword_t kw;  // for TOK_NAME
    const char *start; // points into the source
    size_t len;
    int lineno, col, end_lineno, end_col;
    const char *line_start; // start of the (first) physical line holding the token
} token_t;

#define TOK_MAX_INDENT 100

// Error end columns that CPython reports without a real position: SyntaxError.end_offset
// -1 (unindent errors) and 0 (TabError, too many levels of indentation).
#define TOK_END_NONE (-2)
#define TOK_END_ZERO (-3)

typedef struct {
    char msg[200];
    const char *type; // "SyntaxError", "IndentationError", "TabError"
    int lineno;
    int col; // 0-based byte column of the error start, -1 if unknown
    int end_lineno;
    int end_col; // 0-based byte column, or TOK_END_NONE / TOK_END_ZERO
    // CPython's own tokenizer errors quote the line without its newline (SyntaxError.text);
    // the ones it reports through the parser (indentation, line continuation) keep it.
    int bare_text;
} tok_error_t;

typedef struct {
    char *buf;              // owned copy of the input (see invariants)
    const char *src, *end;  // whole input (src == buf after the BOM)
    const char *cur;        // next unread byte
    const char *line_start; // start of the current physical line
    int lineno;
    int at_bol;  // at the beginning of a logical line: indentation must be measured
    int pending; // >0: INDENTs to emit, <0: DEDENTs to emit
    int indent_top;
    int indstack[TOK_MAX_INDENT + 1];
    int altindstack[TOK_MAX_INDENT + 1];
    int level; // bracket nesting depth
    char paren_stack[200];
    int paren_lineno[200];
    int paren_col[200];
    int emit_nl;   // produce NL/COMMENT tokens (for tests and tooling)
    int blankline; // the current logical line holds only whitespace/comments so far
    int done;      // ENDMARKER has been produced
    tok_error_t err;
    int has_err;
    // Set by tok_next when a number runs into a keyword (`0xfor x`): the literal's kind for
    // CPython's SyntaxWarning "invalid %s literal", and the keyword's 0-based byte column on
    // line tok->lineno.  The caller reads and clears it.
    const char *num_warning;
    int num_warning_col;
} tok_state_t;

// The text of a source given as bytes, decoded as CPython 3.11 does before tokenizing: a
// UTF-8 BOM is dropped, and a coding declaration ("# -*- coding: NAME -*-") on line 1 or 2
// (line 2 only when line 1 is blank or a comment) names the encoding.  pvm decodes UTF-8,
// Latin-1, ASCII and cp1252 under their Python names and aliases.
typedef enum {
    TOK_SRC_OK,
    TOK_SRC_UNKNOWN,  // unknown encoding
    TOK_SRC_BOM,      // a BOM with a declaration other than UTF-8
    TOK_SRC_BAD_BYTE, // a byte the declared encoding cannot decode
} tok_src_status_t;

typedef struct {
    char *buf;         // malloc'ed UTF-8 text (the caller frees it), or NULL: see `skip`
    size_t len;        // length of buf
    size_t skip;       // with buf == NULL: the text is the input after its first `skip` bytes
    char encoding[64]; // the declared encoding as CPython names it in messages, or ""
    char msg[200];     // the codec's message for TOK_SRC_BAD_BYTE
} tok_source_t;

tok_src_status_t tok_decode_source(const char *src, size_t len, tok_source_t *out);
// Offset of the first byte of s[0..len) that is not part of valid UTF-8, or -1.
long tok_utf8_invalid_at(const char *s, size_t len);

// Initialise a tokenizer over src[0..len).  A leading UTF-8 BOM is skipped.  Returns 0, or -1
// with tok->err set when the input is unusable (NUL bytes).  Always call tok_free afterwards.
int tok_init(tok_state_t *tok, const char *src, size_t len);
void tok_free(tok_state_t *tok);
// Produce the next token.  Returns its kind (TOK_ERRORTOKEN on error; see tok->err).
tok_kind_t tok_next(tok_state_t *tok, token_t *out);
// Static name of a token kind ("NAME", "LPAR", ...).
const char *tok_kind_name(tok_kind_t kind);
// Source spelling of an operator kind ("(", "**=", ...) or NULL.
const char *tok_op_text(tok_kind_t kind);
// Keyword id of an identifier (KW_NOT_KEYWORD when not a hard keyword).
tok_keyword_t tok_keyword_lookup(const char *s, size_t len);
// Parse the prefix of a STRING token: sets flags, returns the number of prefix characters.
// Quote length (1 or 3) is returned in *quote_len, the quote char in *quote.
int tok_string_prefix(const char *s, size_t len, int *is_bytes, int *is_raw, int *is_fstring,
                      int *is_u, int *quote_len, char *quote);

#endif
