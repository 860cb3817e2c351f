/*
 * core/ast_unparse.c — an expression tree back to source text, for
 * `from __future__ import annotations` (PEP 563): each annotation is stored
 * as the string this file renders.
 *
 * The output must equal CPython 3.11's own unparser (the C one behind PEP
 * 563, not Lib/ast.py's ast.unparse, which differs in details), since
 * programs compare `__annotations__` values.  The rules it follows:
 *  - Each node is written at a "level" (the precedence its context needs,
 *    enum prec below); a node whose own precedence is lower gets parentheses.
 *    The whole annotation is written at PR_TEST.
 *  - Spacing is normalized: `a + b`, `f(x, y=1)`, `x[1:2, ::3]`, `lambda x: x`.
 *  - Constants are written with repr() (so `"List[int]"` gives `'List[int]'`);
 *    an infinite float or complex part is written `1e309`; a u-prefixed
 *    string keeps its `u`.  An int's attribute is `1 .real`.
 *  - An f-string is rebuilt as its body (literal braces doubled, each field
 *    `{expr!c:spec}`), then written as `f` + repr(body).
 *
 * Nothing here is shared between threads: the compiler owns the tree and the
 * builder.  The recursion is bounded by the symbol table's depth limit.
 */
#include <string.h>

#include "../objects/complex.h"
#include "../objects/float.h"
#include "../objects/object.h"
#include "../objects/str.h"
#include "ast.h"
#include "compile_int.h"
#include "error.h"

enum prec {
    PR_TUPLE,
    PR_TEST, // if-else, lambda
    PR_OR,
    PR_AND,
    PR_NOT,
    PR_CMP,
    PR_EXPR,
    PR_BOR = PR_EXPR,
    PR_BXOR,
    PR_BAND,
    PR_SHIFT,
    PR_ARITH,
    PR_TERM,
    PR_FACTOR,
    PR_POWER,
    PR_AWAIT,
    PR_ATOM
};

typedef struct {
    compiler_t *c;
    str_builder_t b;
    bool failed; // an exception is pending
} unparser_t;

static void expr(unparser_t *u, ast_expr_t *e, int level);

static void put(unparser_t *u, const char *s) {
    str_builder_add_cstr(&u->b, s);
}

static void put_if(unparser_t *u, bool cond, const char *s) {
    if (cond) put(u, s);
}

// repr(v) onto the output; "inf" in a float's or complex's repr becomes 1e309, a literal
// that reads back as infinity.
static void put_repr(unparser_t *u, obj_t *v) {
    obj_t *r = obj_repr(v);
    if (!r) {
        u->failed = true;
        return;
    }
    size_t n = str_nbytes(r);
    const char *s = str_data(r);
    bool numeric = !IS_SMALLINT(v) && (FLOAT_CHECK(v) || COMPLEX_CHECK(v));
    for (size_t i = 0; i < n; i++) {
        if (numeric && i + 3 <= n && memcmp(s + i, "inf", 3) == 0) {
            put(u, "1e309");
            i += 2;
        } else {
            str_builder_add_char(&u->b, s[i]);
        }
    }
    DECREF(r);
}

static void constant(unparser_t *u, ast_expr_t *e) {
    ast_constant_t *k = &e->v.constant;
    if (k->kind == CONST_ELLIPSIS || (k->kind == CONST_OBJ && k->obj == (void *)Ellipsis)) {
        put(u, "...");
        return;
    }
    obj_t *v = compile_literal(u->c, e);
    if (!v) {
        u->failed = true;
        return;
    }
    if (k->kind == CONST_STR && k->is_u) put(u, "u");
    put_repr(u, v);
    DECREF(v);
}

static void seq(unparser_t *u, ast_expr_seq_t *items, int level) {
    for (int i = 0; i < items->n; i++) {
        put_if(u, i > 0, ", ");
        expr(u, items->items[i], level);
    }
}

static void boolop(unparser_t *u, ast_expr_t *e, int level) {
    int pr = e->v.boolop.op == BOOL_AND ? PR_AND : PR_OR;
    const char *op = e->v.boolop.op == BOOL_AND ? " and " : " or ";
    put_if(u, level > pr, "(");
    for (int i = 0; i < e->v.boolop.values.n; i++) {
        put_if(u, i > 0, op);
        expr(u, e->v.boolop.values.items[i], pr + 1);
    }
    put_if(u, level > pr, ")");
}

static void binop(unparser_t *u, ast_expr_t *e, int level) {
    const char *op = " + ";
    int pr = PR_ARITH;
    switch (e->v.binop.op) {
    case OP_ADD: op = " + ", pr = PR_ARITH; break;
    case OP_SUB: op = " - ", pr = PR_ARITH; break;
    case OP_MULT: op = " * ", pr = PR_TERM; break;
    case OP_MATMULT: op = " @ ", pr = PR_TERM; break;
    case OP_DIV: op = " / ", pr = PR_TERM; break;
    case OP_MOD: op = " % ", pr = PR_TERM; break;
    case OP_FLOORDIV: op = " // ", pr = PR_TERM; break;
    case OP_LSHIFT: op = " << ", pr = PR_SHIFT; break;
    case OP_RSHIFT: op = " >> ", pr = PR_SHIFT; break;
    case OP_BITOR: op = " | ", pr = PR_BOR; break;
    case OP_BITXOR: op = " ^ ", pr = PR_BXOR; break;
    case OP_BITAND: op = " & ", pr = PR_BAND; break;
    case OP_POW: op = " ** ", pr = PR_POWER; break;
    }
    bool rassoc = e->v.binop.op == OP_POW;
    put_if(u, level > pr, "(");
    expr(u, e->v.binop.left, pr + rassoc);
    put(u, op);
    expr(u, e->v.binop.right, pr + !rassoc);
    put_if(u, level > pr, ")");
}

static void unaryop(unparser_t *u, ast_expr_t *e, int level) {
    const char *op = "-";
    int pr = PR_FACTOR;
    switch (e->v.unaryop.op) {
    case UOP_INVERT: op = "~"; break;
    case UOP_NOT: op = "not ", pr = PR_NOT; break;
    case UOP_UADD: op = "+"; break;
    case UOP_USUB: op = "-"; break;
    }
    put_if(u, level > pr, "(");
    put(u, op);
    expr(u, e->v.unaryop.operand, pr);
    put_if(u, level > pr, ")");
}

static void arg(unparser_t *u, ast_arg_t *a) {
    put(u, a->arg);
    if (a->annotation) {
        put(u, ": ");
        expr(u, a->annotation, PR_TEST);
    }
}

static void arguments(unparser_t *u, ast_arguments_t *a) {
    bool first = true;
    int npos = a->posonlyargs.n + a->args.n;
    int di = npos - a->defaults.n; // index of the first positional with a default
    for (int i = 0; i < npos; i++) {
        put_if(u, !first, ", ");
        first = false;
        arg(u,
            i < a->posonlyargs.n ? a->posonlyargs.items[i] : a->args.items[i - a->posonlyargs.n]);
        if (i >= di) {
            put(u, "=");
            expr(u, a->defaults.items[i - di], PR_TEST);
        }
        if (a->posonlyargs.n && i + 1 == a->posonlyargs.n) put(u, ", /");
    }
    if (a->vararg || a->kwonlyargs.n) {
        put_if(u, !first, ", ");
        first = false;
        put(u, "*");
        if (a->vararg) arg(u, a->vararg);
    }
    for (int i = 0; i < a->kwonlyargs.n; i++) {
        put(u, ", ");
        arg(u, a->kwonlyargs.items[i]);
        if (i < a->kw_defaults.n && a->kw_defaults.items[i]) {
            put(u, "=");
            expr(u, a->kw_defaults.items[i], PR_TEST);
        }
    }
    if (a->kwarg) {
        put_if(u, !first, ", ");
        put(u, "**");
        arg(u, a->kwarg);
    }
}

static void lambda(unparser_t *u, ast_expr_t *e, int level) {
    ast_arguments_t *a = e->v.lambda.args;
    put_if(u, level > PR_TEST, "(");
    put(u, a->posonlyargs.n + a->args.n ? "lambda " : "lambda");
    arguments(u, a);
    put(u, ": ");
    expr(u, e->v.lambda.body, PR_TEST);
    put_if(u, level > PR_TEST, ")");
}

static void ifexp(unparser_t *u, ast_expr_t *e, int level) {
    put_if(u, level > PR_TEST, "(");
    expr(u, e->v.ifexp.body, PR_TEST + 1);
    put(u, " if ");
    expr(u, e->v.ifexp.test, PR_TEST + 1);
    put(u, " else ");
    expr(u, e->v.ifexp.orelse, PR_TEST);
    put_if(u, level > PR_TEST, ")");
}

static void dict(unparser_t *u, ast_expr_t *e) {
    put(u, "{");
    for (int i = 0; i < e->v.dict.values.n; i++) {
        put_if(u, i > 0, ", ");
        ast_expr_t *k = e->v.dict.keys.items[i];
        if (k) {
            expr(u, k, PR_TEST);
            put(u, ": ");
            expr(u, e->v.dict.values.items[i], PR_TEST);
        } else {
            put(u, "**");
            expr(u, e->v.dict.values.items[i], PR_EXPR);
        }
    }
    put(u, "}");
}

static void tuple(unparser_t *u, ast_expr_t *e, int level) {
    if (e->v.tuple.elts.n == 0) {
        put(u, "()");
        return;
    }
    put_if(u, level > PR_TUPLE, "(");
    seq(u, &e->v.tuple.elts, PR_TEST);
    put_if(u, e->v.tuple.elts.n == 1, ",");
    put_if(u, level > PR_TUPLE, ")");
}

static void comprehensions(unparser_t *u, ast_comprehension_seq_t *gens) {
    for (int i = 0; i < gens->n; i++) {
        ast_comprehension_t *g = gens->items[i];
        put(u, g->is_async ? " async for " : " for ");
        expr(u, g->target, PR_TUPLE);
        put(u, " in ");
        expr(u, g->iter, PR_TEST + 1);
        for (int k = 0; k < g->ifs.n; k++) {
            put(u, " if ");
            expr(u, g->ifs.items[k], PR_TEST + 1);
        }
    }
}

static void comp(unparser_t *u, ast_expr_t *e, const char *open, const char *close) {
    put(u, open);
    expr(u, e->v.comp.elt, PR_TEST);
    comprehensions(u, &e->v.comp.generators);
    put(u, close);
}

static void compare(unparser_t *u, ast_expr_t *e, int level) {
    static const char *const ops[] = {" == ", " != ", " < ",      " <= ", " > ",
                                      " >= ", " is ", " is not ", " in ", " not in "};
    put_if(u, level > PR_CMP, "(");
    expr(u, e->v.compare.left, PR_CMP + 1);
    for (int i = 0; i < e->v.compare.ops.n; i++) {
        put(u, ops[e->v.compare.ops.items[i]]);
        expr(u, e->v.compare.comparators.items[i], PR_CMP + 1);
    }
    put_if(u, level > PR_CMP, ")");
}

static void call(unparser_t *u, ast_expr_t *e) {
    expr(u, e->v.call.func, PR_ATOM);
    ast_expr_seq_t *args = &e->v.call.args;
    ast_keyword_seq_t *kws = &e->v.call.keywords;
    if (args->n == 1 && kws->n == 0 && args->items[0]->kind == EXPR_GENEXP) {
        // f(x for x in y): the generator's own parentheses are the call's
        comp(u, args->items[0], "(", ")");
        return;
    }
    put(u, "(");
    seq(u, args, PR_TEST);
    for (int i = 0; i < kws->n; i++) {
        put_if(u, i > 0 || args->n > 0, ", ");
        if (kws->items[i]->arg) {
            put(u, kws->items[i]->arg);
            put(u, "=");
        } else {
            put(u, "**");
        }
        expr(u, kws->items[i]->value, PR_TEST);
    }
    put(u, ")");
}

static void fstring_body(unparser_t *u, ast_expr_t *e);

// A literal part of an f-string: braces doubled.
static void fstring_literal(unparser_t *u, ast_expr_t *e) {
    if (e->v.constant.kind != CONST_STR) return;
    const char *s = e->v.constant.s;
    for (size_t i = 0; i < e->v.constant.len; i++) {
        char ch = s[i];
        str_builder_add_char(&u->b, ch);
        if (ch == '{' || ch == '}') str_builder_add_char(&u->b, ch);
    }
}

static void formatted_value(unparser_t *u, ast_expr_t *e) {
    // The expression goes above PR_TEST so that a lambda's ':' is parenthesized.
    unparser_t inner = {.c = u->c};
    str_builder_init(&inner.b);
    expr(&inner, e->v.formattedvalue.value, PR_TEST + 1);
    if (inner.failed) {
        str_builder_discard(&inner.b);
        u->failed = true;
        return;
    }
    // `{{` would read as an escaped brace: `{ {x}}`.
    put(u, inner.b.len > 0 && inner.b.buf[0] == '{' ? "{ " : "{");
    str_builder_add(&u->b, inner.b.buf, inner.b.len);
    str_builder_discard(&inner.b);
    switch (e->v.formattedvalue.conversion) {
    case 's': put(u, "!s"); break;
    case 'r': put(u, "!r"); break;
    case 'a': put(u, "!a"); break;
    default: break;
    }
    if (e->v.formattedvalue.format_spec) {
        put(u, ":");
        fstring_body(u, e->v.formattedvalue.format_spec);
    }
    put(u, "}");
}

static void fstring_part(unparser_t *u, ast_expr_t *e) {
    switch (e->kind) {
    case EXPR_CONSTANT: fstring_literal(u, e); break;
    case EXPR_FORMATTEDVALUE: formatted_value(u, e); break;
    case EXPR_JOINEDSTR: fstring_body(u, e); break;
    default: break;
    }
}

static void fstring_body(unparser_t *u, ast_expr_t *e) {
    if (e->kind != EXPR_JOINEDSTR) {
        fstring_part(u, e);
        return;
    }
    for (int i = 0; i < e->v.joinedstr.values.n; i++)
        fstring_part(u, e->v.joinedstr.values.items[i]);
}

static void joinedstr(unparser_t *u, ast_expr_t *e) {
    unparser_t body = {.c = u->c};
    str_builder_init(&body.b);
    fstring_body(&body, e);
    if (body.failed) {
        str_builder_discard(&body.b);
        u->failed = true;
        return;
    }
    obj_t *s = str_builder_finish(&body.b);
    if (!s) {
        u->failed = true;
        return;
    }
    put(u, "f");
    put_repr(u, s);
    DECREF(s);
}

static void slice(unparser_t *u, ast_expr_t *e) {
    if (e->v.slice.lower) expr(u, e->v.slice.lower, PR_TEST);
    put(u, ":");
    if (e->v.slice.upper) expr(u, e->v.slice.upper, PR_TEST);
    if (e->v.slice.step) {
        put(u, ":");
        expr(u, e->v.slice.step, PR_TEST);
    }
}

static void attribute(unparser_t *u, ast_expr_t *e) {
    ast_expr_t *v = e->v.attribute.value;
    expr(u, v, PR_ATOM);
    // `1.real` would read as a float: an int needs a space before the dot.
    bool is_int =
        v->kind == EXPR_CONSTANT &&
        (v->v.constant.kind == CONST_INT || (v->v.constant.kind == CONST_OBJ && v->v.constant.obj &&
                                             TYPE((obj_t *)v->v.constant.obj) == &int_type));
    put(u, is_int ? " ." : ".");
    put(u, e->v.attribute.attr);
}

static void expr(unparser_t *u, ast_expr_t *e, int level) {
    if (u->failed) return;
    switch (e->kind) {
    case EXPR_BOOLOP: boolop(u, e, level); break;
    case EXPR_BINOP: binop(u, e, level); break;
    case EXPR_UNARYOP: unaryop(u, e, level); break;
    case EXPR_LAMBDA: lambda(u, e, level); break;
    case EXPR_IFEXP: ifexp(u, e, level); break;
    case EXPR_DICT: dict(u, e); break;
    case EXPR_SET:
        put(u, "{");
        seq(u, &e->v.set.elts, PR_TEST);
        put(u, "}");
        break;
    case EXPR_GENEXP: comp(u, e, "(", ")"); break;
    case EXPR_LISTCOMP: comp(u, e, "[", "]"); break;
    case EXPR_SETCOMP: comp(u, e, "{", "}"); break;
    case EXPR_DICTCOMP:
        put(u, "{");
        expr(u, e->v.dictcomp.key, PR_TEST);
        put(u, ": ");
        expr(u, e->v.dictcomp.value, PR_TEST);
        comprehensions(u, &e->v.dictcomp.generators);
        put(u, "}");
        break;
    case EXPR_YIELD:
        if (!e->v.yield.value) {
            put(u, "(yield)");
            break;
        }
        put(u, "(yield ");
        expr(u, e->v.yield.value, PR_TEST);
        put(u, ")");
        break;
    case EXPR_YIELDFROM:
        put(u, "(yield from ");
        expr(u, e->v.yieldfrom.value, PR_TEST);
        put(u, ")");
        break;
    case EXPR_AWAIT:
        put_if(u, level > PR_AWAIT, "(");
        put(u, "await ");
        expr(u, e->v.await.value, PR_ATOM);
        put_if(u, level > PR_AWAIT, ")");
        break;
    case EXPR_COMPARE: compare(u, e, level); break;
    case EXPR_CALL: call(u, e); break;
    case EXPR_CONSTANT: constant(u, e); break;
    case EXPR_JOINEDSTR: joinedstr(u, e); break;
    case EXPR_FORMATTEDVALUE: formatted_value(u, e); break;
    case EXPR_ATTRIBUTE: attribute(u, e); break;
    case EXPR_SUBSCRIPT:
        expr(u, e->v.subscript.value, PR_ATOM);
        put(u, "[");
        expr(u, e->v.subscript.slice, PR_TUPLE);
        put(u, "]");
        break;
    case EXPR_STARRED:
        put(u, "*");
        expr(u, e->v.starred.value, PR_EXPR);
        break;
    case EXPR_SLICE: slice(u, e); break;
    case EXPR_NAME: put(u, e->v.name.id); break;
    case EXPR_LIST:
        put(u, "[");
        seq(u, &e->v.list.elts, PR_TEST);
        put(u, "]");
        break;
    case EXPR_TUPLE: tuple(u, e, level); break;
    case EXPR_NAMEDEXPR:
        put_if(u, level > PR_TUPLE, "(");
        expr(u, e->v.namedexpr.target, PR_ATOM);
        put(u, " := ");
        expr(u, e->v.namedexpr.value, PR_ATOM);
        put_if(u, level > PR_TUPLE, ")");
        break;
    }
}

obj_t *compile_unparse_expr(compiler_t *c, ast_expr_t *e) {
    unparser_t u = {.c = c};
    str_builder_init(&u.b);
    expr(&u, e, PR_TEST);
    if (u.failed) {
        str_builder_discard(&u.b);
        return NULL;
    }
    return str_builder_finish(&u.b);
}

void compile_annotation_string(compiler_t *c, ast_expr_t *e, int dst) {
    obj_t *s = compile_unparse_expr(c, e);
    if (!s) {
        c_fail_pending(c);
        return;
    }
    emit_load_const(c, dst, s);
    DECREF(s);
}
