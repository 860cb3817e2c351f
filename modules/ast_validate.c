/*
 * modules/ast_validate.c — the checks CPython 3.11 makes on a tree built from `_ast` objects
 * before compiling it (its PyAST_Validate), with its messages: expression contexts, empty
 * bodies, list lengths that must agree, forbidden names, pattern shapes.  They also keep the
 * promises of core/ast.h (BoolOp has >= 2 values, Compare's lists agree, ...) that pvm's
 * compiler relies on, so a malformed tree is an exception, never a crash.
 *
 * Works on the C tree only (ast_convert.c has already copied it out of the Python objects);
 * nothing is shared, nothing locked.
 */
#include <string.h>

#include "../core/error.h"
#include "../core/parser.h"
#include "../objects/bytes.h"
#include "../objects/complex.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/object.h"
#include "ast_internal.h"

static const char *const ctx_names[] = {"Load", "Store", "Del"};

static int fail(type_t *t, const char *msg) {
    err_set_str(t, msg);
    return -1;
}

static int v_expr(ast_expr_t *e, ast_expr_ctx_t ctx);

// p: lineno, col_offset, end_lineno, end_col_offset.
static int v_pos(const int *p) {
    if (p[0] > p[2]) {
        err_format(exc_ValueError, "AST node line range (%d, %d) is not valid", p[0], p[2]);
        return -1;
    }
    if ((p[0] < 0 && p[2] != p[0]) || (p[1] < 0 && p[1] != p[3])) {
        err_format(exc_ValueError,
                   "AST node column range (%d, %d) for line range (%d, %d) is not valid", p[1],
                   p[3], p[0], p[2]);
        return -1;
    }
    if (p[0] == p[2] && p[1] > p[3]) {
        err_format(exc_ValueError, "line %d, column %d-%d is not a valid range", p[0], p[1], p[3]);
        return -1;
    }
    return 0;
}
static int v_stmts(ast_stmt_seq_t *s);
static int v_pattern(ast_pattern_t *p, bool star_ok);

static int v_exprs(ast_expr_seq_t *s, ast_expr_ctx_t ctx, bool null_ok) {
    for (int i = 0; i < s->n; i++) {
        if (s->items[i] == NULL) {
            if (null_ok) continue;
            return fail(exc_ValueError, "None disallowed in expression list");
        }
        if (v_expr(s->items[i], ctx) < 0) return -1;
    }
    return 0;
}

static int v_opt(ast_expr_t *e) {
    return e ? v_expr(e, EXPR_CTX_LOAD) : 0;
}

static int v_name(const char *id) {
    static const char *const bad[] = {"None", "True", "False"};
    for (int i = 0; i < 3; i++)
        if (id && strcmp(id, bad[i]) == 0) {
            err_format(exc_ValueError, "identifier field can't represent '%s' constant", id);
            return -1;
        }
    return 0;
}

static int v_nonempty(int n, const char *what, const char *owner) {
    if (n > 0) return 0;
    err_format(exc_ValueError, "empty %s on %s", what, owner);
    return -1;
}

static int v_arg(ast_arg_t *a) {
    if (a == NULL) return 0;
    return v_name(a->arg) < 0 || v_opt(a->annotation) < 0 ? -1 : 0;
}

static int v_arguments(ast_arguments_t *a) {
    for (int i = 0; i < a->posonlyargs.n; i++)
        if (v_arg(a->posonlyargs.items[i]) < 0) return -1;
    for (int i = 0; i < a->args.n; i++)
        if (v_arg(a->args.items[i]) < 0) return -1;
    for (int i = 0; i < a->kwonlyargs.n; i++)
        if (v_arg(a->kwonlyargs.items[i]) < 0) return -1;
    if (v_arg(a->vararg) < 0 || v_arg(a->kwarg) < 0) return -1;
    if (a->defaults.n > a->posonlyargs.n + a->args.n)
        return fail(exc_ValueError, "more positional defaults than args on arguments");
    if (a->kw_defaults.n != a->kwonlyargs.n)
        return fail(exc_ValueError,
                    "length of kwonlyargs is not the same as kw_defaults on arguments");
    if (v_exprs(&a->defaults, EXPR_CTX_LOAD, false) < 0) return -1;
    return v_exprs(&a->kw_defaults, EXPR_CTX_LOAD, true);
}

static int v_keywords(ast_keyword_seq_t *k) {
    for (int i = 0; i < k->n; i++)
        if (v_expr(k->items[i]->value, EXPR_CTX_LOAD) < 0) return -1;
    return 0;
}

static int v_comprehension(ast_comprehension_seq_t *g) {
    if (g->n == 0) return fail(exc_ValueError, "comprehension with no generators");
    for (int i = 0; i < g->n; i++) {
        ast_comprehension_t *c = g->items[i];
        if (v_expr(c->target, EXPR_CTX_STORE) < 0 || v_expr(c->iter, EXPR_CTX_LOAD) < 0 ||
            v_exprs(&c->ifs, EXPR_CTX_LOAD, false) < 0)
            return -1;
    }
    return 0;
}

static int v_expr(ast_expr_t *e, ast_expr_ctx_t ctx) {
    if (parse_stack_exhausted())
        return fail(exc_RecursionError, "maximum recursion depth exceeded during compilation");
    if (v_pos(&e->lineno) < 0) return -1;
    int actual = -1;
    switch (e->kind) {
    case EXPR_ATTRIBUTE: actual = e->v.attribute.ctx; break;
    case EXPR_SUBSCRIPT: actual = e->v.subscript.ctx; break;
    case EXPR_STARRED: actual = e->v.starred.ctx; break;
    case EXPR_NAME: actual = e->v.name.ctx; break;
    case EXPR_LIST: actual = e->v.list.ctx; break;
    case EXPR_TUPLE: actual = e->v.tuple.ctx; break;
    default:
        if (ctx != EXPR_CTX_LOAD) {
            err_format(exc_ValueError, "expression which can't be assigned to in %s context",
                       ctx_names[ctx]);
            return -1;
        }
    }
    if (actual >= 0 && actual != (int)ctx) {
        err_format(exc_ValueError, "expression must have %s context but has %s instead",
                   ctx_names[ctx], ctx_names[actual]);
        return -1;
    }
    switch (e->kind) {
    case EXPR_BOOLOP:
        if (e->v.boolop.values.n < 2) return fail(exc_ValueError, "BoolOp with less than 2 values");
        return v_exprs(&e->v.boolop.values, EXPR_CTX_LOAD, false);
    case EXPR_NAMEDEXPR:
        if (e->v.namedexpr.target->kind != EXPR_NAME)
            return fail(exc_TypeError, "NamedExpr target must be a Name");
        return v_expr(e->v.namedexpr.target, EXPR_CTX_STORE) < 0 ? -1 : v_opt(e->v.namedexpr.value);
    case EXPR_BINOP: return v_opt(e->v.binop.left) < 0 ? -1 : v_opt(e->v.binop.right);
    case EXPR_UNARYOP: return v_opt(e->v.unaryop.operand);
    case EXPR_LAMBDA: return v_arguments(e->v.lambda.args) < 0 ? -1 : v_opt(e->v.lambda.body);
    case EXPR_IFEXP:
        return v_opt(e->v.ifexp.test) < 0 || v_opt(e->v.ifexp.body) < 0 ? -1
                                                                        : v_opt(e->v.ifexp.orelse);
    case EXPR_DICT:
        if (e->v.dict.keys.n != e->v.dict.values.n)
            return fail(exc_ValueError, "Dict doesn't have the same number of keys as values");
        return v_exprs(&e->v.dict.keys, EXPR_CTX_LOAD, true) < 0
                   ? -1
                   : v_exprs(&e->v.dict.values, EXPR_CTX_LOAD, false);
    case EXPR_SET: return v_exprs(&e->v.set.elts, EXPR_CTX_LOAD, false);
    case EXPR_LISTCOMP:
    case EXPR_SETCOMP:
    case EXPR_GENEXP: return v_comprehension(&e->v.comp.generators) < 0 ? -1 : v_opt(e->v.comp.elt);
    case EXPR_DICTCOMP:
        return v_comprehension(&e->v.dictcomp.generators) < 0 || v_opt(e->v.dictcomp.key) < 0
                   ? -1
                   : v_opt(e->v.dictcomp.value);
    case EXPR_YIELD: return v_opt(e->v.yield.value);
    case EXPR_YIELDFROM: return v_opt(e->v.yieldfrom.value);
    case EXPR_AWAIT: return v_opt(e->v.await.value);
    case EXPR_COMPARE:
        if (e->v.compare.comparators.n == 0)
            return fail(exc_ValueError, "Compare with no comparators");
        if (e->v.compare.comparators.n != e->v.compare.ops.n)
            return fail(exc_ValueError,
                        "Compare has a different number of comparators and operands");
        return v_exprs(&e->v.compare.comparators, EXPR_CTX_LOAD, false) < 0
                   ? -1
                   : v_opt(e->v.compare.left);
    case EXPR_CALL:
        return v_opt(e->v.call.func) < 0 || v_exprs(&e->v.call.args, EXPR_CTX_LOAD, false) < 0
                   ? -1
                   : v_keywords(&e->v.call.keywords);
    case EXPR_FORMATTEDVALUE: {
        int conv = e->v.formattedvalue.conversion;
        if (conv != -1 && conv != 's' && conv != 'r' && conv != 'a') {
            err_format(exc_SystemError, "Unrecognized conversion character %d", conv);
            return -1;
        }
        return v_opt(e->v.formattedvalue.value) < 0 ? -1 : v_opt(e->v.formattedvalue.format_spec);
    }
    case EXPR_JOINEDSTR: return v_exprs(&e->v.joinedstr.values, EXPR_CTX_LOAD, false);
    case EXPR_CONSTANT: return 0;
    case EXPR_ATTRIBUTE: return v_opt(e->v.attribute.value);
    case EXPR_SUBSCRIPT: return v_opt(e->v.subscript.slice) < 0 ? -1 : v_opt(e->v.subscript.value);
    case EXPR_STARRED: return v_expr(e->v.starred.value, ctx);
    case EXPR_SLICE:
        return v_opt(e->v.slice.lower) < 0 || v_opt(e->v.slice.upper) < 0 ? -1
                                                                          : v_opt(e->v.slice.step);
    case EXPR_NAME: return v_name(e->v.name.id);
    case EXPR_LIST: return v_exprs(&e->v.list.elts, ctx, false);
    case EXPR_TUPLE: return v_exprs(&e->v.tuple.elts, ctx, false);
    }
    return 0;
}

// Constant classes of a literal pattern: 'r' int or float (bool excluded), 'j' complex,
// 's' str or bytes, 0 anything else.
static int const_class(ast_expr_t *e) {
    if (e->kind != EXPR_CONSTANT) return 0;
    ast_constant_t *k = &e->v.constant;
    switch (k->kind) {
    case CONST_INT:
    case CONST_FLOAT: return 'r';
    case CONST_IMAG: return 'j';
    case CONST_STR:
    case CONST_BYTES: return 's';
    case CONST_OBJ: {
        type_t *t = TYPE((obj_t *)k->obj);
        if (t == &int_type || t == &float_type) return 'r';
        if (t == &complex_type) return 'j';
        return t == &str_type || t == &bytes_type ? 's' : 0;
    }
    default: return 0;
    }
}

static bool is_neg_number(ast_expr_t *e, bool real_only) {
    if (e->kind != EXPR_UNARYOP || e->v.unaryop.op != UOP_USUB) return false;
    int k = const_class(e->v.unaryop.operand);
    return k == 'r' || (!real_only && k == 'j');
}

// MatchValue / MatchMapping keys: a literal, -number, real +/- imaginary, or an attribute.
static int v_match_value(ast_expr_t *e) {
    if (v_expr(e, EXPR_CTX_LOAD) < 0) return -1;
    switch (e->kind) {
    case EXPR_CONSTANT:
        if (const_class(e) == 0)
            return fail(exc_ValueError, "unexpected constant inside of a literal pattern");
        return 0;
    case EXPR_ATTRIBUTE: return 0;
    case EXPR_UNARYOP:
        if (is_neg_number(e, false)) return 0;
        break;
    case EXPR_BINOP: {
        ast_expr_t *l = e->v.binop.left, *r = e->v.binop.right;
        if ((e->v.binop.op == OP_ADD || e->v.binop.op == OP_SUB) && const_class(r) == 'j' &&
            (const_class(l) == 'r' || is_neg_number(l, true)))
            return 0;
        break;
    }
    default: break;
    }
    return fail(exc_ValueError, "patterns may only match literals and attribute lookups");
}

static int v_capture(const char *name) {
    if (name && strcmp(name, "_") == 0)
        return fail(exc_ValueError, "can't capture name '_' in patterns");
    return v_name(name);
}

static int v_patterns(ast_pattern_seq_t *s, bool star_ok) {
    for (int i = 0; i < s->n; i++)
        if (s->items[i] == NULL || v_pattern(s->items[i], star_ok) < 0)
            return s->items[i] ? -1 : fail(exc_ValueError, "None disallowed in pattern list");
    return 0;
}

static int v_pattern(ast_pattern_t *p, bool star_ok) {
    if (parse_stack_exhausted())
        return fail(exc_RecursionError, "maximum recursion depth exceeded during compilation");
    if (v_pos(&p->lineno) < 0) return -1;
    switch (p->kind) {
    case PATTERN_VALUE: return v_match_value(p->v.value.value);
    case PATTERN_SINGLETON: return 0;
    case PATTERN_SEQUENCE: return v_patterns(&p->v.sequence.patterns, true);
    case PATTERN_MAPPING:
        if (p->v.mapping.keys.n != p->v.mapping.patterns.n)
            return fail(exc_ValueError,
                        "MatchMapping doesn't have the same number of keys as patterns");
        if (v_capture(p->v.mapping.rest) < 0) return -1;
        for (int i = 0; i < p->v.mapping.keys.n; i++) {
            ast_expr_t *k = p->v.mapping.keys.items[i];
            if (k == NULL) return fail(exc_ValueError, "None disallowed in expression list");
            if (v_match_value(k) < 0) return -1;
        }
        return v_patterns(&p->v.mapping.patterns, false);
    case PATTERN_CLASS: {
        ast_expr_t *c = p->v.class_.cls;
        while (c->kind == EXPR_ATTRIBUTE)
            c = c->v.attribute.value;
        if (c->kind != EXPR_NAME)
            return fail(exc_ValueError,
                        "MatchClass cls field can only contain Name or Attribute nodes.");
        if (v_expr(p->v.class_.cls, EXPR_CTX_LOAD) < 0) return -1;
        if (p->v.class_.kwd_attrs.n != p->v.class_.kwd_patterns.n)
            return fail(exc_ValueError, "MatchClass doesn't have the same number of keyword "
                                        "attributes as patterns");
        for (int i = 0; i < p->v.class_.kwd_attrs.n; i++)
            if (v_name(p->v.class_.kwd_attrs.items[i]) < 0) return -1;
        return v_patterns(&p->v.class_.patterns, false) < 0
                   ? -1
                   : v_patterns(&p->v.class_.kwd_patterns, false);
    }
    case PATTERN_STAR:
        if (!star_ok) return fail(exc_ValueError, "can't use MatchStar here");
        return v_capture(p->v.star.name);
    case PATTERN_AS:
        if (v_capture(p->v.as.name) < 0) return -1;
        if (p->v.as.pattern == NULL) return 0;
        if (p->v.as.name == NULL)
            return fail(exc_ValueError, "MatchAs must specify a target name if a pattern is given");
        return v_pattern(p->v.as.pattern, false);
    case PATTERN_OR:
        if (p->v.or_.patterns.n < 2)
            return fail(exc_ValueError, "MatchOr requires at least 2 patterns");
        return v_patterns(&p->v.or_.patterns, false);
    }
    return 0;
}

static const char *stmt_name(ast_stmt_t *s) {
    switch (s->kind) {
    case STMT_FUNCTIONDEF: return s->v.functiondef.is_async ? "AsyncFunctionDef" : "FunctionDef";
    case STMT_FOR: return s->v.for_.is_async ? "AsyncFor" : "For";
    case STMT_WITH: return s->v.with.is_async ? "AsyncWith" : "With";
    case STMT_TRY: return s->v.try_.is_star ? "TryStar" : "Try";
    default: return ast_stmt_kind_name(s->kind);
    }
}

static int v_stmt(ast_stmt_t *s) {
    if (parse_stack_exhausted())
        return fail(exc_RecursionError, "maximum recursion depth exceeded during compilation");
    if (v_pos(&s->lineno) < 0) return -1;
    const char *name = stmt_name(s);
    switch (s->kind) {
    case STMT_FUNCTIONDEF:
        if (v_nonempty(s->v.functiondef.body.n, "body", name) < 0 ||
            v_arguments(s->v.functiondef.args) < 0 ||
            v_exprs(&s->v.functiondef.decorator_list, EXPR_CTX_LOAD, false) < 0 ||
            v_opt(s->v.functiondef.returns) < 0)
            return -1;
        return v_stmts(&s->v.functiondef.body);
    case STMT_CLASSDEF:
        if (v_nonempty(s->v.classdef.body.n, "body", name) < 0 ||
            v_exprs(&s->v.classdef.bases, EXPR_CTX_LOAD, false) < 0 ||
            v_keywords(&s->v.classdef.keywords) < 0 ||
            v_exprs(&s->v.classdef.decorator_list, EXPR_CTX_LOAD, false) < 0)
            return -1;
        return v_stmts(&s->v.classdef.body);
    case STMT_RETURN: return v_opt(s->v.return_.value);
    case STMT_DELETE:
        if (v_nonempty(s->v.delete_.targets.n, "targets", name) < 0) return -1;
        return v_exprs(&s->v.delete_.targets, EXPR_CTX_DEL, false);
    case STMT_ASSIGN:
        if (v_nonempty(s->v.assign.targets.n, "targets", name) < 0 ||
            v_exprs(&s->v.assign.targets, EXPR_CTX_STORE, false) < 0)
            return -1;
        return v_opt(s->v.assign.value);
    case STMT_AUGASSIGN:
        return v_expr(s->v.augassign.target, EXPR_CTX_STORE) < 0 ? -1 : v_opt(s->v.augassign.value);
    case STMT_ANNASSIGN:
        if (s->v.annassign.simple && s->v.annassign.target->kind != EXPR_NAME)
            return fail(exc_TypeError, "AnnAssign with simple non-Name target");
        return v_expr(s->v.annassign.target, EXPR_CTX_STORE) < 0 || v_opt(s->v.annassign.value) < 0
                   ? -1
                   : v_opt(s->v.annassign.annotation);
    case STMT_FOR:
        if (v_expr(s->v.for_.target, EXPR_CTX_STORE) < 0 || v_opt(s->v.for_.iter) < 0 ||
            v_nonempty(s->v.for_.body.n, "body", name) < 0 || v_stmts(&s->v.for_.body) < 0)
            return -1;
        return v_stmts(&s->v.for_.orelse);
    case STMT_WHILE:
        if (v_opt(s->v.while_.test) < 0 || v_nonempty(s->v.while_.body.n, "body", name) < 0 ||
            v_stmts(&s->v.while_.body) < 0)
            return -1;
        return v_stmts(&s->v.while_.orelse);
    case STMT_IF:
        if (v_opt(s->v.if_.test) < 0 || v_nonempty(s->v.if_.body.n, "body", name) < 0 ||
            v_stmts(&s->v.if_.body) < 0)
            return -1;
        return v_stmts(&s->v.if_.orelse);
    case STMT_WITH:
        if (v_nonempty(s->v.with.items.n, "items", name) < 0) return -1;
        for (int i = 0; i < s->v.with.items.n; i++) {
            ast_withitem_t *w = s->v.with.items.items[i];
            if (v_opt(w->context_expr) < 0 ||
                (w->optional_vars && v_expr(w->optional_vars, EXPR_CTX_STORE) < 0))
                return -1;
        }
        if (v_nonempty(s->v.with.body.n, "body", name) < 0) return -1;
        return v_stmts(&s->v.with.body);
    case STMT_MATCH:
        if (v_opt(s->v.match.subject) < 0 || v_nonempty(s->v.match.cases.n, "cases", name) < 0)
            return -1;
        for (int i = 0; i < s->v.match.cases.n; i++) {
            ast_match_case_t *m = s->v.match.cases.items[i];
            if (v_pattern(m->pattern, false) < 0 || v_opt(m->guard) < 0 ||
                v_nonempty(m->body.n, "body", "match_case") < 0 || v_stmts(&m->body) < 0)
                return -1;
        }
        return 0;
    case STMT_RAISE:
        if (s->v.raise.exc) return v_opt(s->v.raise.exc) < 0 ? -1 : v_opt(s->v.raise.cause);
        if (s->v.raise.cause) return fail(exc_ValueError, "Raise with cause but no exception");
        return 0;
    case STMT_TRY:
        if (v_nonempty(s->v.try_.body.n, "body", name) < 0) return -1;
        if (s->v.try_.handlers.n == 0 && s->v.try_.finalbody.n == 0) {
            err_format(exc_ValueError, "%s has neither except handlers nor finalbody", name);
            return -1;
        }
        if (s->v.try_.handlers.n == 0 && s->v.try_.orelse.n != 0) {
            err_format(exc_ValueError, "%s has orelse but no except handlers", name);
            return -1;
        }
        // try/finally with no handlers means the same with or without the star; the
        // compiler's except* path expects at least one handler, each with a type.
        if (s->v.try_.handlers.n == 0) s->v.try_.is_star = 0;
        for (int i = 0; i < s->v.try_.handlers.n; i++) {
            ast_excepthandler_t *h = s->v.try_.handlers.items[i];
            if (h == NULL) return fail(exc_ValueError, "None disallowed in excepthandler list");
            if (s->v.try_.is_star && h->type == NULL)
                return fail(exc_ValueError, "except* handler must have a type");
            if (v_opt(h->type) < 0 || v_nonempty(h->body.n, "body", "ExceptHandler") < 0 ||
                v_stmts(&h->body) < 0)
                return -1;
        }
        if (v_stmts(&s->v.try_.body) < 0 || v_stmts(&s->v.try_.orelse) < 0) return -1;
        return v_stmts(&s->v.try_.finalbody);
    case STMT_ASSERT: return v_opt(s->v.assert_.test) < 0 ? -1 : v_opt(s->v.assert_.msg);
    case STMT_IMPORT: return v_nonempty(s->v.import.names.n, "names", name);
    case STMT_IMPORTFROM:
        if (s->v.importfrom.level < 0) return fail(exc_ValueError, "Negative ImportFrom level");
        return v_nonempty(s->v.importfrom.names.n, "names", name);
    case STMT_GLOBAL: return v_nonempty(s->v.global.names.n, "names", name);
    case STMT_NONLOCAL: return v_nonempty(s->v.nonlocal.names.n, "names", name);
    case STMT_EXPR: return v_opt(s->v.expr.value);
    case STMT_PASS:
    case STMT_BREAK:
    case STMT_CONTINUE: return 0;
    }
    return 0;
}

static int v_stmts(ast_stmt_seq_t *s) {
    for (int i = 0; i < s->n; i++) {
        if (s->items[i] == NULL) return fail(exc_ValueError, "None disallowed in statement list");
        if (v_stmt(s->items[i]) < 0) return -1;
    }
    return 0;
}

int ast_validate_mod(ast_mod_t *mod) {
    switch (mod->kind) {
    case MOD_MODULE:
    case MOD_INTERACTIVE: return v_stmts(&mod->body);
    case MOD_EXPRESSION: return v_opt(mod->expr);
    }
    return 0;
}
