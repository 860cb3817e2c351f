/*
 * parser.c - parser driver: token buffering, error reporting, node helpers, literal decoding
 * (numbers, strings, bytes, f-strings) and the public entry points.
 *
 * Owns: parse_source / parse_error_clear, the SyntaxError positions (converted from byte
 * columns to CPython's 1-based character offsets), the "'(' was never closed" rewriting of
 * errors found after an unclosed bracket, f-string replacement fields, which are parsed
 * by a nested parser over "(" + expression text + ")" exactly as CPython 3.11 does, the
 * choice between a tokenizer error and an earlier parser error (CPython tokenizes lazily),
 * and the recursion budget (enter: levels as CPython's PEG parser counts them, and the C
 * stack guard shared with the compiler).
 *
 * Invariants:
 *  - p->err->text is malloc'ed only for the final reported error; trial parses that fail
 *    release anything they recorded.
 *  - All nodes and decoded strings live in the arena; the token array and the tokenizer
 *    buffer are released before parse_source returns.
 */
#define _GNU_SOURCE // pthread_getattr_np
#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../modules/unicodedata.h"
#include "parser_int.h"

/* ---- small helpers ---- */

void vec_push(parser_t *p, vec_t *v, void *item) {
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        void **items = ast_alloc(p->arena, sizeof(void *) * (size_t)cap);
        if (v->n) {
            memcpy(items, v->items, sizeof(void *) * (size_t)v->n);
        }
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = item;
}

token_t *advance(parser_t *p) {
    token_t *t = CUR(p);
    if (p->pos < p->ntoks - 1) {
        p->pos++;
    }
    return t;
}

int accept(parser_t *p, tok_kind_t k) {
    if (at(p, k)) {
        advance(p);
        return 1;
    }
    return 0;
}

int accept_kw(parser_t *p, tok_keyword_t kw) {
    if (at_kw(p, kw)) {
        advance(p);
        return 1;
    }
    return 0;
}

token_t *expect(parser_t *p, tok_kind_t k) {
    if (!at(p, k)) {
        perr_invalid(p);
    }
    return advance(p);
}

int at_soft_kw(parser_t *p, const char *word) {
    token_t *t = CUR(p);
    return t->kind == TOK_NAME && t->len == strlen(word) && memcmp(t->start, word, t->len) == 0;
}

/* ---- C stack guard ---- */

#define STACK_MARGIN (1024 * 1024)

static __thread uintptr_t stack_floor; // lowest address recursion may reach; 0: unknown
static __thread bool stack_known;

void parse_stack_init(void) {
    pthread_attr_t attr;
    void *addr;
    size_t size;
    if (stack_known) {
        return;
    }
    stack_known = true;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) {
        return;
    }
    if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
        // Room for what runs below the guarded frames: 1 MiB, or a quarter of a small stack.
        stack_floor = (uintptr_t)addr + (size / 4 < STACK_MARGIN ? size / 4 : STACK_MARGIN);
    }
    pthread_attr_destroy(&attr);
}

bool parse_stack_exhausted(void) {
    char here;
    return stack_floor && (uintptr_t)&here < stack_floor;
}

const char parse_memory_error[] = "MemoryError";

_Noreturn void perr_memory(parser_t *p) {
    p->err->msg[0] = '\0';
    p->err->type = parse_memory_error;
    p->err_lineno = p->err_end_lineno = 1;
    p->err_col = p->err_end_col = 0;
    p->err_cols_final = 1;
    p->has_err = 1;
    longjmp(*p->jb, 1);
}

void enter(parser_t *p, int cost) {
    p->depth += cost;
    // A thread with a small stack runs out before the level budget does: same MemoryError.
    if (p->depth > PARSE_MAX_LEVEL || parse_stack_exhausted()) {
        perr_memory(p);
    }
}

// A non-ASCII identifier in NFKC form, as CPython's parser keeps it (PEP 3131).
static const char *ident_nfkc(parser_t *p, token_t *t) {
    size_t n;
    char *norm = ucd_nfkc_utf8(t->start, t->len, &n);
    if (norm == NULL) {
        perr_memory(p);
    }
    const char *id = ast_strndup(p->arena, norm, n);
    free(norm);
    return id;
}

const char *tok_ident(parser_t *p, token_t *t) {
    for (size_t i = 0; i < t->len; i++) {
        if ((unsigned char)t->start[i] >= 0x80) {
            return ident_nfkc(p, t);
        }
    }
    return ast_strndup(p->arena, t->start, t->len);
}

ast_expr_t *new_expr(parser_t *p, ast_expr_kind_t kind, token_t *start) {
    ast_expr_t *e = ast_alloc(p->arena, sizeof(*e));
    e->kind = kind;
    if (start) {
        e->lineno = start->lineno;
        e->col_offset = start->col;
    }
    return e;
}

ast_stmt_t *new_stmt(parser_t *p, ast_stmt_kind_t kind, token_t *start) {
    ast_stmt_t *s = ast_alloc(p->arena, sizeof(*s));
    s->kind = kind;
    s->lineno = start->lineno;
    s->col_offset = start->col;
    return s;
}

void end_expr(parser_t *p, ast_expr_t *e) {
    token_t *t = PREV(p);
    e->end_lineno = t->end_lineno;
    e->end_col_offset = t->end_col;
}

void end_stmt(parser_t *p, ast_stmt_t *s) {
    token_t *t = PREV(p);
    s->end_lineno = t->end_lineno;
    s->end_col_offset = t->end_col;
}

void copy_start(ast_expr_t *dst, ast_expr_t *src) {
    dst->lineno = src->lineno;
    dst->col_offset = src->col_offset;
}

void copy_end(ast_expr_t *dst, ast_expr_t *src) {
    dst->end_lineno = src->end_lineno;
    dst->end_col_offset = src->end_col_offset;
}

const char *expr_name(ast_expr_t *e) {
    switch (e->kind) {
    case EXPR_ATTRIBUTE: return "attribute";
    case EXPR_SUBSCRIPT: return "subscript";
    case EXPR_STARRED: return "starred";
    case EXPR_NAME: return "name";
    case EXPR_LIST: return "list";
    case EXPR_TUPLE: return "tuple";
    case EXPR_LAMBDA: return "lambda";
    case EXPR_CALL: return "function call";
    case EXPR_BOOLOP:
    case EXPR_BINOP:
    case EXPR_UNARYOP: return "expression";
    case EXPR_GENEXP: return "generator expression";
    case EXPR_YIELD:
    case EXPR_YIELDFROM: return "yield expression";
    case EXPR_LISTCOMP: return "list comprehension";
    case EXPR_SETCOMP: return "set comprehension";
    case EXPR_DICTCOMP: return "dict comprehension";
    case EXPR_DICT: return "dict literal";
    case EXPR_SET: return "set display";
    case EXPR_JOINEDSTR:
    case EXPR_FORMATTEDVALUE: return "f-string expression";
    case EXPR_CONSTANT:
        switch (e->v.constant.kind) {
        case CONST_NONE: return "None";
        case CONST_TRUE: return "True";
        case CONST_FALSE: return "False";
        case CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case EXPR_COMPARE: return "comparison";
    case EXPR_IFEXP: return "conditional expression";
    case EXPR_NAMEDEXPR: return "named expression";
    case EXPR_SLICE: return "slice";
    case EXPR_AWAIT: return "await expression";
    }
    return "expression";
}

/* ---- errors ---- */

_Noreturn void perr_range(parser_t *p, const char *type, int lineno, int col, int end_lineno,
                          int end_col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
    va_end(ap);
    p->err->type = type;
    p->err_from_tok = p->err_bare_text = 0;
    p->err_lineno = lineno;
    p->err_col = col;
    p->err_end_lineno = end_lineno;
    p->err_end_col = end_col;
    p->err_cols_final = 0;
    p->has_err = 1;
    longjmp(*p->jb, 1);
}

_Noreturn void perr_tok(parser_t *p, token_t *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
    va_end(ap);
    char msg[sizeof(p->err->msg)];
    memcpy(msg, p->err->msg, sizeof(msg));
    perr_range(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col, "%s", msg);
}

_Noreturn void perr_expr(parser_t *p, ast_expr_t *e, const char *fmt, ...) {
    char msg[sizeof(p->err->msg)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    perr_range(p, "SyntaxError", e->lineno, e->col_offset, e->end_lineno, e->end_col_offset, "%s",
               msg);
}

_Noreturn void perr_invalid(parser_t *p) {
    if (p->furthest < p->pos) {
        p->furthest = p->pos;
    }
    if (p->furthest >= p->ntoks) {
        p->furthest = p->ntoks - 1;
    }
    token_t *t = &p->toks[p->furthest];
    if (t->kind == TOK_ERRORTOKEN && p->tok.level > 0 && !p->fstring_sub) {
        int i = p->tok.level - 1;
        perr_range(p, "SyntaxError", p->tok.paren_lineno[i], p->tok.paren_col[i],
                   p->tok.paren_lineno[i], p->tok.paren_col[i], "'%c' was never closed",
                   p->tok.paren_stack[i]);
    }
    if (t->kind == TOK_INDENT) {
        token_t *n = t + 1 < p->toks + p->ntoks ? t + 1 : t;
        perr_range(p, "IndentationError", n->lineno, n->col - 1, n->lineno, -2,
                   "unexpected indent");
    }
    if (t->kind == TOK_DEDENT && p->furthest + 1 < p->ntoks) {
        perr_range(p, "IndentationError", t->lineno, t->col, t->lineno, -2, "unexpected unindent");
    }
    perr_tok(p, t, "invalid syntax");
}

typedef struct {
    jmp_buf jb;
} jmp_holder_t;

void *parse_try(parser_t *p, void *(*fn)(parser_t *, void *), void *arg) {
    jmp_holder_t h;
    jmp_buf *saved = p->jb;
    int pos = p->pos, depth = p->depth;
    volatile int ok = 0;
    void *volatile res = NULL;
    p->jb = &h.jb;
    if (setjmp(h.jb) == 0) {
        res = fn(p, arg);
        ok = 1;
    }
    p->jb = saved;
    if (!ok && p->err->type == parse_memory_error) {
        longjmp(*saved, 1); // out of parser stack: no alternative can do better
    }
    if (!ok) {
        // Forget the failed attempt entirely, including how far it looked ahead.
        // p->furthest is kept: CPython's furthest token includes its failed alternatives.
        p->pos = pos;
        p->depth = depth;
        p->has_err = 0;
        p->err->msg[0] = '\0';
        free(p->err->text);
        p->err->text = NULL;
        p->err_cols_final = 0;
        return NULL;
    }
    return res;
}

// Start of line `lineno` (1-based) in the tokenizer buffer, or NULL.
static const char *find_line(parser_t *p, int lineno) {
    const char *s = p->tok.src;
    for (int l = 1; l < lineno && s < p->tok.end; l++) {
        const char *nl = memchr(s, '\n', (size_t)(p->tok.end - s));
        if (!nl) {
            return NULL;
        }
        s = nl + 1;
    }
    return s < p->tok.end ? s : NULL;
}

// Number of characters (UTF-8 code points) in the first `bytes` bytes of `line`.
static int char_offset(const char *line, const char *line_end, int bytes) {
    int n = 0;
    for (int i = 0; i < bytes && line + i < line_end; i++) {
        if (((unsigned char)line[i] & 0xC0) != 0x80) {
            n++;
        }
    }
    if (line + bytes > line_end) {
        n += (int)(line + bytes - line_end);
    }
    return n;
}

// Turn the byte positions recorded by perr_* into the public parse_error_t.
static void finalize_error(parser_t *p, int line_offset, int first_col) {
    parse_error_t *err = p->err;
    if (p->err_cols_final) {
        return;
    }
    int lineno = p->err_lineno - line_offset;
    int col = p->err_col, end_col = p->err_end_col;
    if (lineno == 1) {
        col -= first_col;
        if (end_col >= 0) {
            end_col -= first_col;
        }
    }
    const char *line = find_line(p, lineno);
    free(err->text);
    err->text = NULL;
    if (line) {
        const char *eol = memchr(line, '\n', (size_t)(p->tok.end - line));
        if (!eol) {
            eol = p->tok.end;
        }
        size_t n = (size_t)(eol - line) + 1;
        err->text = malloc(n + 1);
        if (!err->text) {
            abort();
        }
        memcpy(err->text, line, n);
        if (p->err_bare_text && n > 0 && err->text[n - 1] == '\n') {
            n--;
        }
        err->text[n] = '\0';
        err->col_offset = char_offset(line, eol, col < 0 ? 0 : col) + 1;
        if (end_col == TOK_END_NONE || end_col == TOK_END_ZERO) {
            err->end_col_offset = end_col == TOK_END_NONE ? -1 : 0;
        } else if (p->err_end_lineno == p->err_lineno) {
            err->end_col_offset = char_offset(line, eol, end_col < 0 ? 0 : end_col) + 1;
        } else {
            const char *l2 = find_line(p, p->err_end_lineno - line_offset);
            const char *e2 = l2 ? memchr(l2, '\n', (size_t)(p->tok.end - l2)) : NULL;
            err->end_col_offset = l2 && e2 ? char_offset(l2, e2, end_col) + 1 : end_col + 1;
        }
    } else {
        err->col_offset = col + 1;
        err->end_col_offset = end_col == TOK_END_NONE   ? -1
                              : end_col == TOK_END_ZERO ? 0
                                                        : end_col + 1;
    }
    err->lineno = p->err_lineno;
    err->end_lineno = p->err_end_lineno;
    if (line_offset || first_col) {
        // f-string replacement field: CPython reports positions within "(expr)".
        err->lineno = lineno;
        err->end_lineno = p->err_end_lineno - line_offset;
    }
    p->err_cols_final = 1;
}

/* ---- warnings ---- */

static int warning_before(parse_warning_t *w, int lineno, int col) {
    return w->lineno < lineno || (w->lineno == lineno && w->col_offset <= col);
}

// Records a warning for the caller (parse_warning_t), keeping the list in source order.
static void parser_warn(parser_t *p, const char *key, int deprecation, int lineno, int col,
                        int end_lineno, int end_col, const char *fmt, ...) {
    if (!p->err) {
        return;
    }
    for (parse_warning_t *o = p->err->warnings; o; o = o->next) {
        if (o->key == key) {
            return;
        }
    }
    parse_warning_t *w = ast_alloc(p->arena, sizeof *w);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->msg, sizeof w->msg, fmt, ap);
    va_end(ap);
    w->key = key;
    w->deprecation = deprecation;
    w->lineno = lineno;
    w->col_offset = col;
    w->end_lineno = end_lineno;
    w->end_col_offset = end_col;
    parse_warning_t **at = &p->err->warnings;
    while (*at && warning_before(*at, lineno, col)) {
        at = &(*at)->next;
    }
    w->next = *at;
    *at = w;
}

// CPython's DeprecationWarning for the first invalid escape of a literal (or of an f-string's
// literal chunk): `bs` points at the backslash.
static void warn_escape(parser_t *p, const char *bs, int octal) {
    token_t *t = p->esc_tok;
    if (!t) {
        return;
    }
    unsigned char c = (unsigned char)bs[1];
    char shown[8];
    if (octal) {
        snprintf(shown, sizeof shown, "%.3s", bs + 1);
    } else if (c < 0x80) {
        shown[0] = (char)c, shown[1] = 0;
    } else { // CPython shows the byte as the Latin-1 character
        shown[0] = (char)(0xC0 | (c >> 6)), shown[1] = (char)(0x80 | (c & 63)), shown[2] = 0;
    }
    parser_warn(p, bs, 1, t->lineno, t->col + 1, t->end_lineno, t->end_col + 1,
                octal ? "invalid octal escape sequence '\\%s'" : "invalid escape sequence '\\%s'",
                shown);
}

/* ---- tokenizing ---- */

// Tokenize the whole input into p->toks.  Returns 0, or -1 with the error recorded.
static int tokenize_all(parser_t *p, const char *src, size_t len) {
    if (tok_init(&p->tok, src, len) < 0) {
        goto tok_error;
    }
    if (p->keep_bom) {
        p->tok.src = p->tok.cur = p->tok.line_start = p->tok.buf;
    }
    int cap = 256;
    p->toks = malloc(sizeof(token_t) * (size_t)cap);
    if (!p->toks) {
        abort();
    }
    for (;;) {
        if (p->ntoks == cap) {
            cap *= 2;
            p->toks = realloc(p->toks, sizeof(token_t) * (size_t)cap);
            if (!p->toks) {
                abort();
            }
        }
        token_t *t = &p->toks[p->ntoks];
        tok_kind_t k = tok_next(&p->tok, t);
        p->ntoks++;
        if (p->tok.num_warning) {
            if (!p->fstring_sub) {
                int col = p->tok.num_warning_col;
                parser_warn(p, t->start, 0, t->lineno, col, t->lineno, col, "invalid %s literal",
                            p->tok.num_warning);
            }
            p->tok.num_warning = NULL;
        }
        if (k == TOK_ENDMARKER) {
            return 0;
        }
        if (k == TOK_ERRORTOKEN) {
            if (p->tok.has_err) {
                goto tok_error;
            }
            return 0; // EOF inside brackets: reported when the parser gets there
        }
    }
tok_error:
    snprintf(p->err->msg, sizeof(p->err->msg), "%s", p->tok.err.msg);
    p->err->type = p->tok.err.type;
    p->err_lineno = p->tok.err.lineno;
    p->err_col = p->tok.err.col;
    p->err_end_lineno = p->tok.err.end_lineno;
    p->err_end_col = p->tok.err.end_col;
    p->err_cols_final = 0;
    p->err_from_tok = 1;
    p->err_bare_text = p->tok.err.bare_text;
    p->has_err = 1;
    return -1;
}

/* ---- numbers ---- */

ast_expr_t *parse_number(parser_t *p, token_t *t) {
    ast_expr_t *e = new_expr(p, EXPR_CONSTANT, t);
    e->end_lineno = t->end_lineno;
    e->end_col_offset = t->end_col;
    char *buf = ast_alloc(p->arena, t->len + 1);
    size_t n = 0;
    for (size_t i = 0; i < t->len; i++) {
        if (t->start[i] != '_') {
            buf[n++] = t->start[i];
        }
    }
    buf[n] = '\0';
    ast_constant_t *c = &e->v.constant;
    if (n >= 2 && buf[0] == '0' && strchr("xXoObB", buf[1])) {
        c->kind = CONST_INT;
        c->base = (buf[1] == 'x' || buf[1] == 'X') ? 16 : (buf[1] == 'o' || buf[1] == 'O') ? 8 : 2;
        c->digits = buf + 2;
        while (c->digits[0] == '0' && c->digits[1]) {
            c->digits++;
        }
        return e;
    }
    if (buf[n - 1] == 'j' || buf[n - 1] == 'J') {
        buf[n - 1] = '\0';
        c->kind = CONST_IMAG;
        c->f = strtod(buf, NULL);
        return e;
    }
    if (strpbrk(buf, ".eE")) {
        c->kind = CONST_FLOAT;
        c->f = strtod(buf, NULL);
        return e;
    }
    c->kind = CONST_INT;
    c->base = 10;
    c->digits = buf;
    while (c->digits[0] == '0' && c->digits[1]) {
        c->digits++;
    }
    return e;
}

/* ---- string literals ---- */

typedef struct {
    char *data;
    size_t len, cap;
} sbuf_t;

static void sb_put(parser_t *p, sbuf_t *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        char *d = ast_alloc(p->arena, cap);
        if (b->len) {
            memcpy(d, b->data, b->len);
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void sb_utf8(parser_t *p, sbuf_t *b, uint32_t cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 63)), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 63));
        u[2] = (char)(0x80 | (cp & 63)), n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 63));
        u[2] = (char)(0x80 | ((cp >> 6) & 63)), u[3] = (char)(0x80 | (cp & 63)), n = 4;
    }
    sb_put(p, b, u, n);
}

// \N{name}: the Unicode name database of modules/unicodedata.c.
static int lookup_unicode_name(const char *s, size_t n, uint32_t *cp) {
    return ucd_lookup_char(s, n, cp);
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Decode the escapes of s[0..n) (a string or bytes literal body) and append to `out`.
// `body` is the start of the whole literal body, for error positions.
static void decode_escapes(parser_t *p, sbuf_t *out, const char *s, size_t n, int is_bytes,
                           const char *body) {
    const char *end = s + n;
    int warned = 0; // CPython warns about the first invalid escape only
    while (s < end) {
        const char *bs = memchr(s, '\\', (size_t)(end - s));
        if (!bs) {
            sb_put(p, out, s, (size_t)(end - s));
            return;
        }
        sb_put(p, out, s, (size_t)(bs - s));
        s = bs + 1;
        if (s >= end) {
            // Only reachable for f-string literal chunks: `\{` (the brace is in the source).
            if (!warned) {
                warn_escape(p, bs, 0);
            }
            sb_put(p, out, "\\", 1);
            return;
        }
        char c = *s++;
        const char *codec = is_bytes ? "(value error)" : "(unicode error) 'unicodeescape' codec";
        switch (c) {
        case '\n': break;
        case '\\': sb_put(p, out, "\\", 1); break;
        case '\'': sb_put(p, out, "'", 1); break;
        case '"': sb_put(p, out, "\"", 1); break;
        case 'a': sb_put(p, out, "\a", 1); break;
        case 'b': sb_put(p, out, "\b", 1); break;
        case 'f': sb_put(p, out, "\f", 1); break;
        case 'n': sb_put(p, out, "\n", 1); break;
        case 'r': sb_put(p, out, "\r", 1); break;
        case 't': sb_put(p, out, "\t", 1); break;
        case 'v': sb_put(p, out, "\v", 1); break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {
            uint32_t v = (uint32_t)(c - '0');
            for (int i = 0; i < 2 && s < end && *s >= '0' && *s <= '7'; i++) {
                v = v * 8 + (uint32_t)(*s++ - '0');
            }
            if (v > 0377 && !warned++) {
                warn_escape(p, bs, 1);
            }
            if (is_bytes) {
                char ch = (char)(v & 0xFF);
                sb_put(p, out, &ch, 1);
            } else {
                sb_utf8(p, out, v);
            }
            break;
        }
        case 'x':
        case 'u':
        case 'U': {
            if (is_bytes && c != 'x') {
                if (!warned++) {
                    warn_escape(p, bs, 0);
                }
                sb_put(p, out, bs, 2); // not an escape in bytes: keep the backslash
                break;
            }
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            uint32_t v = 0;
            int i = 0;
            for (; i < digits && s < end && hexval(*s) >= 0; i++) {
                v = v * 16 + (uint32_t)hexval(*s++);
            }
            if (i < digits) {
                if (is_bytes) {
                    perr_tok(p, CUR(p), "(value error) invalid \\x escape at position %d",
                             (int)(bs - body));
                }
                perr_tok(p, CUR(p),
                         "%s can't decode bytes in position %d-%d: truncated \\%s escape", codec,
                         (int)(bs - body), (int)(s - body) - 1,
                         c == 'x'   ? "xXX"
                         : c == 'u' ? "uXXXX"
                                    : "UXXXXXXXX");
            }
            if (v > 0x10FFFF) {
                perr_tok(p, CUR(p),
                         "%s can't decode bytes in position %d-%d: illegal Unicode character",
                         codec, (int)(bs - body), (int)(s - body) - 1);
            }
            if (is_bytes) {
                char ch = (char)v;
                sb_put(p, out, &ch, 1);
            } else {
                sb_utf8(p, out, v);
            }
            break;
        }
        case 'N': {
            if (is_bytes) {
                if (!warned++) {
                    warn_escape(p, bs, 0);
                }
                sb_put(p, out, bs, 2);
                break;
            }
            const char *close = NULL;
            if (s < end && *s == '{') {
                close = memchr(s, '}', (size_t)(end - s));
            }
            if (!close || close == s + 1) {
                perr_tok(p, CUR(p),
                         "%s can't decode bytes in position %d-%d: malformed \\N character "
                         "escape",
                         codec, (int)(bs - body),
                         close                  ? (int)(close - body) - 1
                         : s < end && *s == '{' ? (int)(end - body) - 1
                                                : (int)(s - body) - 1);
            }
            uint32_t cp;
            if (!lookup_unicode_name(s + 1, (size_t)(close - s - 1), &cp)) {
                perr_tok(p, CUR(p),
                         "%s can't decode bytes in position %d-%d: unknown Unicode character "
                         "name",
                         codec, (int)(bs - body), (int)(close - body));
            }
            sb_utf8(p, out, cp);
            s = close + 1;
            break;
        }
        default:
            // Unknown escapes keep the backslash (and warn).
            if (!warned++) {
                warn_escape(p, bs, 0);
            }
            sb_put(p, out, bs, 2);
            if ((unsigned char)c >= 0x80) {
                // keep the whole UTF-8 sequence intact
                while (s < end && ((unsigned char)*s & 0xC0) == 0x80) {
                    sb_put(p, out, s++, 1);
                }
            }
            break;
        }
    }
}

typedef struct {
    vec_t values; // JoinedStr parts
    sbuf_t lit;   // pending literal text
    int has_lit;
    token_t *first, *last; // span of the whole concatenation
} fparts_t;

static void span_expr(ast_expr_t *e, token_t *first, token_t *last) {
    e->lineno = first->lineno;
    e->col_offset = first->col;
    e->end_lineno = last->end_lineno;
    e->end_col_offset = last->end_col;
}

static ast_expr_t *make_str_const(parser_t *p, const char *s, size_t n, token_t *first,
                                  token_t *last) {
    ast_expr_t *e = new_expr(p, EXPR_CONSTANT, NULL);
    span_expr(e, first, last);
    e->v.constant.kind = CONST_STR;
    e->v.constant.s = s ? s : "";
    e->v.constant.len = n;
    return e;
}

// Pending literal text becomes a Constant spanning first..last (CPython 3.11 quirk: literal
// text before a field gets the whole concatenation's span, the tail of a format spec only
// the current token's).
static void flush_lit(parser_t *p, fparts_t *fp, token_t *first, token_t *last) {
    if (fp->lit.len > 0) {
        vec_push(p, &fp->values, make_str_const(p, fp->lit.data, fp->lit.len, first, last));
    }
    fp->lit = (sbuf_t){0};
}

static void fstring_body(parser_t *p, fparts_t *fp, token_t *t, const char **sp, const char *end,
                         int raw, int lvl, const char *body);
static ast_expr_t *parse_fstring_expr(parser_t *p, const char *s, size_t n, int line, int col);

// Locate and parse the replacement field starting at **sp == '{'.
static void fstring_field(parser_t *p, fparts_t *fp, token_t *t, const char **sp, const char *end,
                          int raw, int lvl, const char *body) {
    const char *s = *sp;
    if (lvl >= 2) {
        perr_tok(p, CUR(p), "f-string: expressions nested too deeply");
    }
    s++; // '{'
    const char *expr_start = s;
    char parens[200];
    int depth = 0;
    char quote = 0;
    int qlen = 0;
    while (s < end) {
        char ch = *s;
        if (ch == '\\') {
            perr_tok(p, CUR(p), "f-string expression part cannot include a backslash");
        }
        if (quote) {
            if (ch == quote && (qlen == 1 || (s + 2 < end && s[1] == quote && s[2] == quote))) {
                s += qlen;
                quote = 0;
                continue;
            }
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
            qlen = (s + 2 < end && s[1] == ch && s[2] == ch) ? 3 : 1;
            s += qlen;
            continue;
        } else if (ch == '[' || ch == '(' || ch == '{') {
            if (depth >= (int)sizeof(parens)) {
                perr_tok(p, CUR(p), "f-string: too many nested parenthesis");
            }
            parens[depth++] = ch;
        } else if (ch == '#') {
            perr_tok(p, CUR(p), "f-string expression part cannot include '#'");
        } else if (depth == 0 &&
                   (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
            if (s + 1 < end && s[1] == '=' && ch != ':' && ch != '}') {
                s += 2; // "!=", "==", "<=", ">="
                continue;
            }
            if (ch == '>' || ch == '<') {
                s++;
                continue;
            }
            break;
        } else if (ch == ']' || ch == ')' || ch == '}') {
            if (depth == 0) {
                perr_tok(p, CUR(p), "f-string: unmatched '%c'", ch);
            }
            char open = parens[--depth];
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') ||
                  (open == '{' && ch == '}'))) {
                perr_tok(p, CUR(p),
                         "f-string: closing parenthesis '%c' does not match opening "
                         "parenthesis '%c'",
                         ch, open);
            }
        }
        s++;
    }
    const char *expr_end = s;
    if (quote) {
        perr_tok(p, CUR(p), "f-string: unterminated string");
    }
    if (depth) {
        perr_tok(p, CUR(p), "f-string: unmatched '%c'", parens[depth - 1]);
    }
    if (s >= end) {
        perr_tok(p, CUR(p), "f-string: expecting '}'");
    }
    // Compile the expression text.
    const char *q = expr_start;
    while (q < expr_end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\f' || *q == '\r')) {
        q++;
    }
    if (q == expr_end) {
        if (*expr_end == '!' || *expr_end == ':' || *expr_end == '=') {
            perr_tok(p, CUR(p), "f-string: expression required before '%c'", *expr_end);
        }
        perr_tok(p, CUR(p), "f-string: empty expression not allowed");
    }
    // Real position of the '{' in the source, to place the sub-parser's tokens.
    const char *brace = expr_start - 1;
    int line = t->lineno, col = t->col;
    const char *ls = t->start;
    for (const char *c = t->start; c < brace; c++) {
        if (*c == '\n') {
            line++;
            ls = c + 1;
        }
    }
    if (ls != t->start) {
        col = 0;
    }
    col += (int)(brace - ls);
    ast_expr_t *value = NULL;
    value = parse_fstring_expr(p, expr_start, (size_t)(expr_end - expr_start), line, col);
    int conversion = -1;
    ast_expr_t *spec = NULL;
    int debug = 0;
    if (*s == '=') {
        s++;
        while (s < end && isspace((unsigned char)*s)) {
            s++;
        }
        if (s >= end) {
            perr_tok(p, CUR(p), "f-string: expecting '}'");
        }
        // The expression text, '=' and following whitespace become literal text.
        sb_put(p, &fp->lit, expr_start, (size_t)(s - expr_start));
        debug = 1;
    }
    if (*s == '!') {
        s++;
        if (s >= end) {
            perr_tok(p, CUR(p), "f-string: expecting '}'");
        }
        char conv = *s++;
        if (conv != 's' && conv != 'r' && conv != 'a') {
            perr_tok(p, CUR(p),
                     "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
        conversion = conv;
    }
    if (s >= end) {
        perr_tok(p, CUR(p), "f-string: expecting '}'");
    }
    if (*s == ':') {
        s++;
        fparts_t sub = {0};
        sub.first = fp->first;
        sub.last = fp->last;
        fstring_body(p, &sub, t, &s, end, raw, lvl + 1, body);
        flush_lit(p, &sub, t, t);
        spec = new_expr(p, EXPR_JOINEDSTR, NULL);
        // CPython 3.11 gives the spec the position of the current string token only.
        span_expr(spec, t, t);
        spec->v.joinedstr.values = VEC_SEQ(ast_expr_seq_t, sub.values);
    }
    if (s >= end || *s != '}') {
        perr_tok(p, CUR(p), "f-string: expecting '}'");
    }
    s++;
    if (debug && conversion == -1 && !spec) {
        conversion = 'r';
    }
    flush_lit(p, fp, fp->first, fp->last);
    ast_expr_t *fv = new_expr(p, EXPR_FORMATTEDVALUE, NULL);
    span_expr(fv, fp->first, fp->last);
    fv->v.formattedvalue.value = value;
    fv->v.formattedvalue.conversion = conversion;
    fv->v.formattedvalue.format_spec = spec;
    vec_push(p, &fp->values, fv);
    *sp = s;
}

// Literal text and replacement fields of an f-string body.  At lvl > 0 (a format spec) the
// body ends at an unmatched '}', which is left unconsumed.
static void fstring_body(parser_t *p, fparts_t *fp, token_t *t, const char **sp, const char *end,
                         int raw, int lvl, const char *body) {
    const char *s = *sp;
    while (s < end) {
        const char *lit = s;
        const char *lit_end = NULL;
        int skip = 0;
        while (s < end) {
            char ch = *s++;
            if (!raw && ch == '\\' && s < end) {
                ch = *s++;
                if (ch == 'N') {
                    if (s < end && *s++ == '{') {
                        while (s < end && *s++ != '}') {
                        }
                    }
                    continue;
                }
            }
            if (ch == '{' || ch == '}') {
                if (lvl == 0) {
                    if (s < end && *s == ch) {
                        lit_end = s; // keep one brace, skip its double
                        skip = 1;
                        break;
                    }
                    if (ch == '}') {
                        perr_tok(p, CUR(p), "f-string: single '}' is not allowed");
                    }
                }
                s--;
                lit_end = s;
                break;
            }
        }
        if (!lit_end) {
            lit_end = s;
        }
        if (lit_end > lit) {
            if (raw) {
                sb_put(p, &fp->lit, lit, (size_t)(lit_end - lit));
            } else {
                p->esc_tok = t;
                decode_escapes(p, &fp->lit, lit, (size_t)(lit_end - lit), 0, body);
            }
        }
        if (skip) {
            s = lit_end + 1;
            continue;
        }
        if (s >= end) {
            break;
        }
        if (*s == '}') {
            if (lvl == 0) {
                perr_tok(p, CUR(p), "f-string: single '}' is not allowed");
            }
            break; // end of format spec
        }
        fstring_field(p, fp, t, &s, end, raw, lvl, body);
    }
    *sp = s;
}

static int valid_utf8(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80             ? 0
                   : (c & 0xE0) == 0xC0 ? 1
                   : (c & 0xF0) == 0xE0 ? 2
                   : (c & 0xF8) == 0xF0 ? 3
                                        : 99;
        if (k == 99 || i + k >= n + (k == 0 ? 1 : 0) || (k > 0 && i + k > n - 1)) {
            return 0;
        }
        for (size_t j = 1; j <= k; j++) {
            if (((unsigned char)s[i + j] & 0xC0) != 0x80) {
                return 0;
            }
        }
        i += k + 1;
    }
    return 1;
}

ast_expr_t *parse_strings(parser_t *p) {
    token_t *first = CUR(p);
    int nt = 0;
    while (p->pos + nt < p->ntoks && p->toks[p->pos + nt].kind == TOK_STRING) {
        nt++;
    }
    token_t *last = &p->toks[p->pos + nt - 1];
    p->pos += nt;
    CUR(p); // errors are reported at the token after the literals, as CPython does
    int any_f = 0, bytes_mode = -1;
    for (int i = 0; i < nt; i++) {
        token_t *t = first + i;
        int is_b, is_r, is_f, is_u, ql;
        char q;
        tok_string_prefix(t->start, t->len, &is_b, &is_r, &is_f, &is_u, &ql, &q);
        if (bytes_mode >= 0 && bytes_mode != is_b) {
            perr_tok(p, CUR(p), "cannot mix bytes and nonbytes literals");
        }
        bytes_mode = is_b;
        any_f |= is_f;
    }
    fparts_t fp = {0};
    fp.first = first;
    fp.last = last;
    int first_u = 0;
    for (int i = 0; i < nt; i++) {
        token_t *t = first + i;
        int is_b, is_r, is_f, is_u, ql;
        char q;
        int plen = tok_string_prefix(t->start, t->len, &is_b, &is_r, &is_f, &is_u, &ql, &q);
        if (i == 0) {
            first_u = is_u;
        }
        const char *body = t->start + plen + ql;
        const char *end = t->start + t->len - ql;
        if (end < body) {
            end = body;
        }
        if (is_b) {
            for (const char *c = body; c < end; c++) {
                if ((unsigned char)*c >= 0x80) {
                    perr_range(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col,
                               "bytes can only contain ASCII literal characters");
                }
            }
        }
        if (is_f) {
            const char *s = body;
            fstring_body(p, &fp, t, &s, end, is_r, 0, body);
        } else if (is_r) {
            sb_put(p, &fp.lit, body, (size_t)(end - body));
        } else {
            p->esc_tok = t;
            decode_escapes(p, &fp.lit, body, (size_t)(end - body), is_b, body);
        }
    }
    if (!any_f) {
        ast_expr_t *e = new_expr(p, EXPR_CONSTANT, NULL);
        span_expr(e, first, last);
        e->v.constant.kind = bytes_mode ? CONST_BYTES : CONST_STR;
        e->v.constant.s = fp.lit.data ? fp.lit.data : "";
        e->v.constant.len = fp.lit.len;
        e->v.constant.is_u = first_u;
        if (!bytes_mode && !valid_utf8(e->v.constant.s, e->v.constant.len)) {
            // Only reachable through invalid UTF-8 in the source itself.
            perr_tok(p, first, "(unicode error) 'utf-8' codec can't decode bytes");
        }
        return e;
    }
    flush_lit(p, &fp, first, last);
    ast_expr_t *j = new_expr(p, EXPR_JOINEDSTR, NULL);
    span_expr(j, first, last);
    j->v.joinedstr.values = VEC_SEQ(ast_expr_seq_t, fp.values);
    return j;
}

/* ---- f-string replacement fields ---- */

// Parse "(" + s[0..n) + ")" as star_expressions with a nested parser whose tokens carry real
// source positions (the '(' sits on the '{').
static ast_expr_t *parse_fstring_expr(parser_t *p, const char *s, size_t n, int line, int col) {
    char *buf = malloc(n + 3);
    if (!buf) {
        abort();
    }
    buf[0] = '(';
    memcpy(buf + 1, s, n);
    buf[n + 1] = ')';
    buf[n + 2] = '\0';
    parser_t *sub = calloc(1, sizeof(parser_t));
    if (!sub) {
        abort();
    }
    sub->arena = p->arena;
    sub->err = p->err;
    sub->mode = PARSE_EVAL;
    sub->fstring_sub = 1;
    sub->depth = p->depth + 1;
    jmp_holder_t h;
    sub->jb = &h.jb;
    ast_expr_t *volatile res = NULL;
    if (setjmp(h.jb) == 0) {
        if (sub->depth > PARSE_MAX_LEVEL) {
            perr_range(sub, "SyntaxError", 1, 0, 1, 0, "too many nested f-strings");
        }
        if (tokenize_all(sub, buf, n + 2) < 0) {
            longjmp(h.jb, 1);
        }
        for (int i = 0; i < sub->ntoks; i++) {
            token_t *t = &sub->toks[i];
            if (t->lineno == 1) {
                t->col += col;
            }
            if (t->end_lineno == 1) {
                t->end_col += col;
            }
            t->lineno += line - 1;
            t->end_lineno += line - 1;
        }
        res = parse_star_expressions(sub);
        if (!at(sub, TOK_NEWLINE)) {
            perr_invalid(sub);
        }
    } else {
        if (!sub->err_cols_final && sub->err_from_tok) {
            // CPython reports tokenizer errors as they are, within "(" expression ")".
            finalize_error(sub, 0, 0);
        } else if (!sub->err_cols_final) {
            if (sub->err_lineno >= line && sub->ntoks > 0) {
                finalize_error(sub, line - 1, col);
            } else {
                finalize_error(sub, 0, 0); // tokenizer errors: positions already local
            }
            if (strncmp(sub->err->msg, "f-string", 8) != 0) {
                char msg[sizeof(sub->err->msg)];
                memcpy(msg, sub->err->msg, sizeof(msg));
                msg[sizeof(msg) - 16] = '\0'; // room for the prefix
                snprintf(sub->err->msg, sizeof(sub->err->msg), "f-string: %.200s", msg);
            }
        }
    }
    int failed = res == NULL;
    free(sub->toks);
    tok_free(&sub->tok);
    free(sub);
    free(buf);
    if (failed) {
        p->has_err = 1;
        p->err_cols_final = 1;
        longjmp(*p->jb, 1);
    }
    return res;
}

/* ---- entry points ---- */

void parse_error_clear(parse_error_t *err) {
    if (err) {
        free(err->text);
        err->text = NULL;
    }
}

// Parse the whole token stream in p->toks as `mode`; errors longjmp to p->jb.
static ast_mod_t *parse_mod(parser_t *p, parse_mode_t mode) {
    ast_mod_t *m = ast_alloc(p->arena, sizeof(*m));
    vec_t body = {0};
    switch (mode) {
    case PARSE_FILE:
        m->kind = MOD_MODULE;
        parse_statements(p, &body, 0);
        m->body = VEC_SEQ(ast_stmt_seq_t, body);
        break;
    case PARSE_EVAL:
        m->kind = MOD_EXPRESSION;
        if (at(p, TOK_INDENT)) {
            perr_invalid(p);
        }
        m->expr = parse_expressions(p);
        while (accept(p, TOK_NEWLINE)) {
        }
        if (!at(p, TOK_ENDMARKER)) {
            perr_invalid(p);
        }
        break;
    case PARSE_SINGLE:
        m->kind = MOD_INTERACTIVE;
        if (!at(p, TOK_ENDMARKER) && !at(p, TOK_NEWLINE)) {
            parse_statement_single(p, &body);
        }
        while (accept(p, TOK_NEWLINE) || accept(p, TOK_DEDENT)) {
        }
        if (!at(p, TOK_ENDMARKER)) {
            perr_tok(p, CUR(p), "multiple statements found while compiling a single statement");
        }
        m->body = VEC_SEQ(ast_stmt_seq_t, body);
        break;
    }
    return m;
}

// CPython tokenizes lazily: an error the parser finds before it asks for the token the
// tokenizer fails on wins, except a plain "invalid syntax", which CPython replaces by any
// tokenizer error in the rest of the source.  The tokens before the tokenizer error are
// parsed to find out; true if that produced the error to report (left in p->err).
static int parser_error_first(parser_t *p, parse_mode_t mode) {
    parse_error_t saved = *p->err;
    int s_line = p->err_lineno, s_col = p->err_col, s_eline = p->err_end_lineno,
        s_ecol = p->err_end_col, s_bare = p->err_bare_text;
    int err_tok = p->ntoks - 1;
    jmp_holder_t h;
    p->jb = &h.jb;
    p->has_err = 0;
    int first = 0;
    if (setjmp(h.jb) == 0) {
        parse_mod(p, mode);
    } else if (p->has_err && p->furthest < err_tok &&
               !(strcmp(p->err->msg, "invalid syntax") == 0 &&
                 strcmp(p->err->type, "SyntaxError") == 0)) {
        first = 1;
    }
    if (!first) {
        // The tokenizer's error wins: drop what the trial parse recorded,
        // including the text an f-string's sub-parser finalized (it leaked
        // when the struct was overwritten: LeakSanitizer in fuzz_parser).
        if (p->err->text != saved.text) free(p->err->text);
        *p->err = saved;
        p->err_lineno = s_line;
        p->err_col = s_col;
        p->err_end_lineno = s_eline;
        p->err_end_col = s_ecol;
        p->err_cols_final = 0;
        p->err_from_tok = 1;
        p->err_bare_text = s_bare;
    }
    p->has_err = 1;
    return first;
}

ast_mod_t *parse_source(ast_arena_t *arena, const char *src, size_t len, const char *filename,
                        parse_mode_t mode, parse_error_t *err) {
    return parse_source_ex(arena, src, len, filename, mode, 0, err);
}

ast_mod_t *parse_source_ex(ast_arena_t *arena, const char *src, size_t len, const char *filename,
                           parse_mode_t mode, int flags, parse_error_t *err) {
    (void)filename;
    parse_stack_init();
    memset(err, 0, sizeof(*err));
    parser_t *p = calloc(1, sizeof(parser_t));
    if (!p) {
        abort();
    }
    p->arena = arena;
    p->err = err;
    p->mode = mode;
    p->keep_bom = (flags & PARSE_KEEP_BOM) != 0;
    jmp_holder_t h;
    p->jb = &h.jb;
    ast_mod_t *volatile mod = NULL;
    if (tokenize_all(p, src, len) < 0) {
        // The input did not reach EOF, so no bracket is "never closed".
        if (p->ntoks > 1 && parser_error_first(p, mode) && p->err_cols_final) {
            goto done;
        }
        finalize_error(p, 0, 0);
        goto done;
    }
    if (setjmp(h.jb) == 0) {
        mod = parse_mod(p, mode);
    } else {
        if (!p->err_cols_final) {
            // An error found on a line after a bracket left open at EOF is really about that
            // bracket (CPython compares the line of the furthest token examined).
            int lvl = p->tok.level;
            int far_line = p->toks[p->furthest < p->ntoks ? p->furthest : p->ntoks - 1].lineno;
            if (lvl > 0 && far_line > p->tok.paren_lineno[lvl - 1]) {
                p->err->type = "SyntaxError";
                snprintf(p->err->msg, sizeof(p->err->msg), "'%c' was never closed",
                         p->tok.paren_stack[lvl - 1]);
                p->err_lineno = p->err_end_lineno = p->tok.paren_lineno[lvl - 1];
                p->err_col = p->err_end_col = p->tok.paren_col[lvl - 1];
            }
            finalize_error(p, 0, 0);
        }
    }
done:
    free(p->toks);
    tok_free(&p->tok);
    free(p);
    return mod;
}

// \N{name} for the unicode_escape codec (modules/codecs_impl.c): the same
// lookup as string literals.
int parser_unicode_name(const char *s, size_t n, uint32_t *cp) {
    return lookup_unicode_name(s, n, cp);
}
