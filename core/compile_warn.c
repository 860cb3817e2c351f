/*
 * core/compile_warn.c — the warnings that compiling source gives: the
 * parser's (collected in parse_error_t.warnings while it runs: invalid escape
 * sequences, a number run into a keyword) and the compiler's own checks
 * (CPython 3.11's SyntaxWarnings: `assert (x, msg)`, `is` with a literal,
 * calling or indexing a literal that looks like a missed comma).
 *
 * Each goes through _warnings.warn_explicit(msg, category, filename, lineno)
 * so the filters apply.  When the filters turn it into an exception of its
 * own category, that exception is replaced by a SyntaxError with the same
 * message at the construct's location, as CPython does ("warnings as errors"
 * reports where the problem is).  Before the import system is up (start-up
 * code) there is nothing to warn through, and the warning is dropped.
 *
 * Nothing here is shared: the compiler and its tree belong to one thread.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../objects/complex.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "compile_int.h"
#include "error.h"
#include "import.h"
#include "parser.h"

int compile_issue_warning(type_t *category, const char *msg, const char *filename, int lineno) {
    obj_t *w = import_module("_warnings");
    if (w == NULL) {
        err_clear(); // start-up: no warnings machinery yet
        return 0;
    }
    obj_t *m = str_from_cstr(msg);
    obj_t *fn = m ? str_from_cstr(filename ? filename : "<unknown>") : NULL;
    obj_t *r = NULL;
    if (fn) {
        obj_t *args[4] = {m, (obj_t *)category, fn, SMALLINT_FROM(lineno)};
        r = obj_call_method(w, "warn_explicit", args, 4);
    }
    XDECREF(fn);
    XDECREF(m);
    DECREF(w);
    if (r != NULL) {
        DECREF(r);
        return 0;
    }
    if (err_matches(category)) {
        err_clear();
        return 1;
    }
    return -1;
}

// Line `lineno` (1-based) of src with its newline, malloc'ed (NULL if absent).
static char *line_copy(const char *src, size_t len, int lineno) {
    size_t n;
    const char *p = compile_src_line(src, len, lineno, &n);
    if (!p) return NULL;
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, p, n);
    s[n] = 0;
    return s;
}

int compile_parse_warnings(parse_error_t *pe, const char *filename, const char *src, size_t len,
                           bool eval_mode) {
    for (parse_warning_t *w = pe->warnings; w != NULL; w = w->next) {
        type_t *cat = w->deprecation ? exc_DeprecationWarning : exc_SyntaxWarning;
        int r = compile_issue_warning(cat, w->msg, filename, w->lineno);
        if (r < 0) return -1;
        if (r > 0) {
            // The SyntaxError CPython raises instead, at the warning's location.
            memset(pe->msg, 0, sizeof pe->msg);
            snprintf(pe->msg, sizeof pe->msg, "%s", w->msg);
            pe->type = "SyntaxError";
            pe->lineno = w->lineno;
            pe->col_offset = w->col_offset;
            pe->end_lineno = w->end_lineno;
            pe->end_col_offset = w->end_col_offset;
            // CPython quotes a one-line string's line with a newline (not in eval mode), the
            // first line of a longer one (and the tokenizer's lines) without, and keeps the end
            // column within that line.
            free(pe->text);
            pe->text = line_copy(src, len, w->lineno);
            if (pe->text) {
                size_t n = strcspn(pe->text, "\n");
                pe->text[n] = 0;
                if (w->end_lineno == w->lineno && w->deprecation && !eval_mode) {
                    char *t = realloc(pe->text, n + 2);
                    if (t) {
                        t[n] = '\n', t[n + 1] = 0;
                        pe->text = t;
                    }
                } else if (pe->end_col_offset > (int)n + 1) {
                    pe->end_col_offset = (int)n + 1;
                }
            }
            return 1;
        }
    }
    return 0;
}

// A SyntaxWarning at the given location; false when compiling must stop (the
// warning became a SyntaxError, or warning failed).
static bool warn_at(compiler_t *c, int lineno, int col, int end_lineno, int end_col,
                    const char *fmt, ...) {
    if (c->failed) return false;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int r = compile_issue_warning(exc_SyntaxWarning, msg, c->filename, lineno);
    if (r > 0) c_error(c, lineno, col, end_lineno, end_col, "%s", msg);
    if (r < 0) c_fail_pending(c);
    return r == 0;
}

static bool warn_expr(compiler_t *c, ast_expr_t *e, const char *fmt, const char *a, const char *b) {
    return warn_at(c, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset, fmt, a, b);
}

// The value of a node CPython's AST optimizer turns into a Constant (a
// literal, or an operation on literals), or NULL.
static obj_t *folded(compiler_t *c, ast_expr_t *e) {
    switch (e->kind) {
    case EXPR_CONSTANT:
    case EXPR_UNARYOP:
    case EXPR_BINOP:
    case EXPR_TUPLE:
    case EXPR_SUBSCRIPT: return const_value(c, e);
    default: return NULL;
    }
}

// The type CPython infers for a node (for messages), or NULL.  *k is the folded
// constant when the node is one (a new reference).
static const char *infer_type(compiler_t *c, ast_expr_t *e, obj_t **k) {
    *k = folded(c, e);
    if (*k) return obj_type_name(*k);
    switch (e->kind) {
    case EXPR_TUPLE: return "tuple";
    case EXPR_LIST:
    case EXPR_LISTCOMP: return "list";
    case EXPR_DICT:
    case EXPR_DICTCOMP: return "dict";
    case EXPR_SET:
    case EXPR_SETCOMP: return "set";
    case EXPR_GENEXP: return "generator";
    case EXPR_LAMBDA: return "function";
    case EXPR_JOINEDSTR:
    case EXPR_FORMATTEDVALUE: return "str";
    default: return NULL;
    }
}

// `is` against these is fine; against any other constant it is a mistake.
static bool is_singleton_or_not_literal(compiler_t *c, ast_expr_t *e) {
    obj_t *v = folded(c, e);
    if (!v) return true;
    bool ok = v == None || v == True || v == False || v == Ellipsis;
    DECREF(v);
    return ok;
}

bool compile_check_compare(compiler_t *c, ast_expr_t *e) {
    bool left = is_singleton_or_not_literal(c, e->v.compare.left);
    for (int i = 0; i < e->v.compare.ops.n; i++) {
        int op = e->v.compare.ops.items[i];
        bool right = is_singleton_or_not_literal(c, e->v.compare.comparators.items[i]);
        if ((op == CMP_IS || op == CMP_ISNOT) && (!left || !right))
            return warn_expr(c, e,
                             op == CMP_IS ? "\"is\" with a literal. Did you mean \"==\"?"
                                          : "\"is not\" with a literal. Did you mean \"!=\"?",
                             NULL, NULL);
        left = right;
    }
    return true;
}

bool compile_check_caller(compiler_t *c, ast_expr_t *call) {
    ast_expr_t *f = call->v.call.func;
    switch (f->kind) {
    case EXPR_CONSTANT:
    case EXPR_TUPLE:
    case EXPR_LIST:
    case EXPR_LISTCOMP:
    case EXPR_DICT:
    case EXPR_DICTCOMP:
    case EXPR_SET:
    case EXPR_SETCOMP:
    case EXPR_GENEXP:
    case EXPR_JOINEDSTR:
    case EXPR_FORMATTEDVALUE: break;
    default: return true;
    }
    obj_t *k;
    const char *t = infer_type(c, f, &k);
    bool ok = warn_expr(c, call, "'%.200s' object is not callable; perhaps you missed a comma?",
                        t ? t : "object", NULL);
    XDECREF(k);
    return ok;
}

static bool check_subscripter(compiler_t *c, ast_expr_t *sub, ast_expr_t *v) {
    obj_t *k;
    const char *t = infer_type(c, v, &k);
    bool warn = false;
    if (k) {
        warn = k == None || k == Ellipsis || INT_CHECK(k) || FLOAT_CHECK(k) || COMPLEX_CHECK(k) ||
               TYPE(k) == &set_type || TYPE(k) == &frozenset_type;
    } else {
        warn = v->kind == EXPR_SET || v->kind == EXPR_SETCOMP || v->kind == EXPR_GENEXP ||
               v->kind == EXPR_LAMBDA;
    }
    bool ok = true;
    if (warn)
        ok = warn_expr(c, sub, "'%.200s' object is not subscriptable; perhaps you missed a comma?",
                       t, NULL);
    XDECREF(k);
    return ok;
}

static bool check_index(compiler_t *c, ast_expr_t *sub, ast_expr_t *v, ast_expr_t *s) {
    if (s->kind == EXPR_SLICE) return true;
    obj_t *ik;
    const char *it = infer_type(c, s, &ik);
    bool int_like = ik && INT_CHECK(ik);
    XDECREF(ik);
    if (it == NULL || int_like) return true;
    obj_t *k;
    const char *t = infer_type(c, v, &k);
    bool warn = false;
    if (k) {
        warn = STR_CHECK(k) || BYTES_CHECK(k) || TUPLE_CHECK(k);
    } else {
        warn = v->kind == EXPR_TUPLE || v->kind == EXPR_LIST || v->kind == EXPR_LISTCOMP ||
               v->kind == EXPR_JOINEDSTR || v->kind == EXPR_FORMATTEDVALUE;
    }
    bool ok = true;
    if (warn)
        ok = warn_expr(c, sub,
                       "%.200s indices must be integers or slices, not %.200s; perhaps you "
                       "missed a comma?",
                       t, it);
    XDECREF(k);
    return ok;
}

bool compile_check_subscript(compiler_t *c, ast_expr_t *e) {
    return check_subscripter(c, e, e->v.subscript.value) &&
           check_index(c, e, e->v.subscript.value, e->v.subscript.slice);
}

bool compile_check_assert(compiler_t *c, ast_stmt_t *s) {
    ast_expr_t *t = s->v.assert_.test;
    if (t->kind != EXPR_TUPLE || t->v.tuple.elts.n == 0) return true;
    return warn_at(c, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset,
                   "assertion is always true, perhaps remove parentheses?");
}
