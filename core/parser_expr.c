/*
 * parser_expr.c - recursive-descent parsing of Python 3.11 expressions.
 *
 * Owns: the expression grammar from `star_expressions` down to `atom`, displays and
 * comprehensions, call arguments, subscripts/slices, lambda and def parameter lists, and the
 * validation of assignment/deletion targets (set_context).
 *
 * Invariants:
 *  - Each parse_* function starts at the first token of its construct and leaves p->pos on the
 *    first token after it; on a syntax error it longjmps (see parser_int.h).
 *  - Positions follow CPython: a parenthesized expression keeps the position of its contents,
 *    while tuples, generator expressions and displays include their brackets.
 */
#include <stdint.h>
#include <string.h>

#include "parser_int.h"

static ast_expr_t *parse_primary(parser_t *p);
static ast_expr_t *parse_factor(parser_t *p);
static ast_expr_t *parse_lambda(parser_t *p);
static ast_expr_t *named_expression(parser_t *p, int check_eq);
static void parse_comp_for(parser_t *p, vec_t *gens);

int can_start_expression(token_t *t) {
    switch (t->kind) {
    case TOK_NAME:
        switch (t->kw) {
        case KW_NOT_KEYWORD:
        case KW_TRUE:
        case KW_FALSE:
        case KW_NONE:
        case KW_NOT:
        case KW_LAMBDA:
        case KW_AWAIT: return 1;
        default: return 0;
        }
    case TOK_NUMBER:
    case TOK_STRING:
    case TOK_LPAR:
    case TOK_LSQB:
    case TOK_LBRACE:
    case TOK_MINUS:
    case TOK_PLUS:
    case TOK_TILDE:
    case TOK_ELLIPSIS: return 1;
    default: return 0;
    }
}

static ast_expr_t *make_name(parser_t *p, token_t *t, ast_expr_ctx_t ctx) {
    ast_expr_t *e = new_expr(p, EXPR_NAME, t);
    e->v.name.id = tok_ident(p, t);
    e->v.name.ctx = ctx;
    e->end_lineno = t->end_lineno;
    e->end_col_offset = t->end_col;
    return e;
}

static ast_expr_t *make_const(parser_t *p, token_t *t, ast_const_kind_t kind) {
    ast_expr_t *e = new_expr(p, EXPR_CONSTANT, t);
    e->v.constant.kind = kind;
    e->end_lineno = t->end_lineno;
    e->end_col_offset = t->end_col;
    return e;
}

/* ---- "Perhaps you forgot a comma?" ---- */

static void *try_expression(parser_t *p, void *arg) {
    (void)arg;
    return parse_expression(p);
}

// Called inside brackets when `prev` is followed by a token that cannot continue the
// construct.  Mirrors CPython's invalid_expression rule; otherwise reports "invalid syntax".
static _Noreturn void missing_comma(parser_t *p, ast_expr_t *prev) {
    token_t *t = CUR(p);
    int legacy = prev && prev->kind == EXPR_NAME &&
                 (strcmp(prev->v.name.id, "print") == 0 || strcmp(prev->v.name.id, "exec") == 0);
    int name_string = prev && prev->kind == EXPR_NAME && t->kind == TOK_STRING;
    int simple = prev && prev->kind != EXPR_IFEXP && prev->kind != EXPR_LAMBDA &&
                 prev->kind != EXPR_NAMEDEXPR && prev->kind != EXPR_STARRED;
    if (simple && !legacy && !name_string && can_start_expression(t) && t->kw != KW_NOT) {
        int save = p->pos;
        ast_expr_t *b = parse_try(p, try_expression, NULL);
        if (b) {
            perr_range(p, "SyntaxError", prev->lineno, prev->col_offset, b->end_lineno,
                       b->end_col_offset, "invalid syntax. Perhaps you forgot a comma?");
        }
        p->pos = save;
    }
    perr_invalid(p);
}

/* ---- targets ---- */

static ast_expr_t *invalid_target(ast_expr_t *e, ast_expr_ctx_t ctx) {
    switch (e->kind) {
    case EXPR_LIST:
    case EXPR_TUPLE:
        for (int i = 0; i < e->v.tuple.elts.n; i++) {
            ast_expr_t *bad = invalid_target(e->v.tuple.elts.items[i], ctx);
            if (bad) {
                return bad;
            }
        }
        return NULL;
    case EXPR_STARRED:
        if (ctx == EXPR_CTX_DEL) {
            return e;
        }
        return invalid_target(e->v.starred.value, ctx);
    case EXPR_NAME:
    case EXPR_ATTRIBUTE:
    case EXPR_SUBSCRIPT: return NULL;
    default: return e;
    }
}

static void apply_ctx(ast_expr_t *e, ast_expr_ctx_t ctx) {
    switch (e->kind) {
    case EXPR_NAME: e->v.name.ctx = ctx; break;
    case EXPR_ATTRIBUTE: e->v.attribute.ctx = ctx; break;
    case EXPR_SUBSCRIPT: e->v.subscript.ctx = ctx; break;
    case EXPR_STARRED:
        e->v.starred.ctx = ctx;
        apply_ctx(e->v.starred.value, ctx);
        break;
    case EXPR_LIST:
    case EXPR_TUPLE:
        e->v.tuple.ctx = ctx;
        for (int i = 0; i < e->v.tuple.elts.n; i++) {
            apply_ctx(e->v.tuple.elts.items[i], ctx);
        }
        break;
    default: break;
    }
}

void set_context(parser_t *p, ast_expr_t *e, ast_expr_ctx_t ctx, int top_level_assign) {
    ast_expr_t *bad = invalid_target(e, ctx);
    if (bad) {
        if (top_level_assign == 2 && bad == e) {
            perr_expr(p, bad, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                      expr_name(bad));
        }
        perr_expr(p, bad, ctx == EXPR_CTX_DEL ? "cannot delete %s" : "cannot assign to %s",
                  expr_name(bad));
    }
    apply_ctx(e, ctx);
}

static int can_start_target(token_t *t) {
    return (t->kind == TOK_NAME && (t->kw == KW_NOT_KEYWORD || t->kw == KW_TRUE ||
                                    t->kw == KW_FALSE || t->kw == KW_NONE)) ||
           t->kind == TOK_LPAR || t->kind == TOK_LSQB || t->kind == TOK_STAR ||
           t->kind == TOK_NUMBER || t->kind == TOK_STRING || t->kind == TOK_LBRACE;
}

static ast_expr_t *parse_star_target(parser_t *p) {
    token_t *t = CUR(p);
    if (accept(p, TOK_STAR)) {
        ast_expr_t *e = new_expr(p, EXPR_STARRED, t);
        if (at(p, TOK_STAR)) {
            perr_invalid(p);
        }
        e->v.starred.value = parse_bitwise_or(p);
        end_expr(p, e);
        return e;
    }
    return parse_bitwise_or(p);
}

ast_expr_t *parse_star_targets(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *first = parse_star_target(p);
    ast_expr_t *res = first;
    if (at(p, TOK_COMMA)) {
        vec_t v = {0};
        vec_push(p, &v, first);
        while (accept(p, TOK_COMMA) && can_start_target(CUR(p))) {
            vec_push(p, &v, parse_star_target(p));
        }
        res = new_expr(p, EXPR_TUPLE, st);
        end_expr(p, res);
        res->v.tuple.elts = VEC_SEQ(ast_expr_seq_t, v);
    }
    set_context(p, res, EXPR_CTX_STORE, 0);
    return res;
}

/* ---- atoms ---- */

static ast_expr_t *make_seq(parser_t *p, ast_expr_kind_t kind, token_t *open, vec_t *v) {
    ast_expr_t *e = new_expr(p, kind, open);
    end_expr(p, e);
    if (kind == EXPR_SET) {
        e->v.set.elts = VEC_SEQ(ast_expr_seq_t, *v);
    } else {
        e->v.tuple.elts = VEC_SEQ(ast_expr_seq_t, *v);
        e->v.tuple.ctx = EXPR_CTX_LOAD;
    }
    return e;
}

static ast_expr_t *make_comp(parser_t *p, ast_expr_kind_t kind, token_t *open, ast_expr_t *elt) {
    if (elt->kind == EXPR_STARRED) {
        perr_expr(p, elt, "iterable unpacking cannot be used in comprehension");
    }
    ast_expr_t *e = new_expr(p, kind, open);
    vec_t gens = {0};
    parse_comp_for(p, &gens);
    e->v.comp.elt = elt;
    e->v.comp.generators = VEC_SEQ(ast_comprehension_seq_t, gens);
    return e;
}

// Elements after the first of a list/tuple/set display, up to (not including) `closer`.
static void parse_display_rest(parser_t *p, vec_t *v, tok_kind_t closer, ast_expr_t *first) {
    ast_expr_t *last = first;
    for (;;) {
        if (at(p, closer)) {
            return;
        }
        if (!accept(p, TOK_COMMA)) {
            if (at(p, TOK_NAME) && CUR(p)->kw == KW_FOR && v->n >= 2 && closer == TOK_RSQB) {
                ast_expr_t *a = v->items[0];
                perr_range(p, "SyntaxError", a->lineno, a->col_offset, last->end_lineno,
                           last->end_col_offset,
                           "did you forget parentheses around the comprehension target?");
            }
            missing_comma(p, last);
        }
        if (at(p, closer)) {
            return;
        }
        last = parse_star_named_expression(p);
        vec_push(p, v, last);
    }
}

// `( ** expression )`: what it is, for CPython's error (NULL: not that).
static void *double_starred_group(parser_t *p, void *arg) {
    (void)arg;
    token_t *star = advance(p);
    parse_expression(p);
    expect(p, TOK_RPAR);
    return star;
}

static ast_expr_t *parse_paren(parser_t *p) {
    token_t *open = advance(p);
    if (at(p, TOK_DOUBLESTAR)) {
        int furthest = p->furthest; // a syntax error still points at the `**`
        token_t *star = parse_try(p, double_starred_group, NULL);
        if (star) {
            perr_tok(p, star, "cannot use double starred expression here");
        }
        p->furthest = furthest;
    }
    if (accept(p, TOK_RPAR)) {
        vec_t v = {0};
        return make_seq(p, EXPR_TUPLE, open, &v);
    }
    if (at_kw(p, KW_YIELD)) {
        ast_expr_t *y = parse_yield_expr(p);
        expect(p, TOK_RPAR);
        return y;
    }
    ast_expr_t *first = parse_star_named_expression(p);
    if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
        ast_expr_t *g = make_comp(p, EXPR_GENEXP, open, first);
        expect(p, TOK_RPAR);
        end_expr(p, g);
        return g;
    }
    if (accept(p, TOK_RPAR)) {
        if (first->kind == EXPR_STARRED) {
            perr_expr(p, first, "cannot use starred expression here");
        }
        return first;
    }
    vec_t v = {0};
    vec_push(p, &v, first);
    if (!at(p, TOK_COMMA)) {
        if (first->kind == EXPR_NAMEDEXPR || at(p, TOK_COLONEQUAL)) {
            perr_invalid(p);
        }
        missing_comma(p, first);
    }
    parse_display_rest(p, &v, TOK_RPAR, first);
    expect(p, TOK_RPAR);
    return make_seq(p, EXPR_TUPLE, open, &v);
}

static ast_expr_t *parse_list(parser_t *p) {
    token_t *open = advance(p);
    vec_t v = {0};
    if (accept(p, TOK_RSQB)) {
        return make_seq(p, EXPR_LIST, open, &v);
    }
    ast_expr_t *first = parse_star_named_expression(p);
    if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
        ast_expr_t *c = make_comp(p, EXPR_LISTCOMP, open, first);
        expect(p, TOK_RSQB);
        end_expr(p, c);
        return c;
    }
    vec_push(p, &v, first);
    parse_display_rest(p, &v, TOK_RSQB, first);
    expect(p, TOK_RSQB);
    return make_seq(p, EXPR_LIST, open, &v);
}

static ast_expr_t *parse_brace(parser_t *p) {
    token_t *open = advance(p);
    vec_t keys = {0}, values = {0};
    if (accept(p, TOK_RBRACE)) {
        ast_expr_t *d = new_expr(p, EXPR_DICT, open);
        end_expr(p, d);
        return d;
    }
    ast_expr_t *first_key = NULL, *first_val;
    if (accept(p, TOK_DOUBLESTAR)) {
        first_val = parse_bitwise_or(p);
    } else {
        bool key_in_parens = at(p, TOK_LPAR); // `{(k := 1): v}` is a valid key
        first_key = parse_star_named_expression(p);
        if (!at(p, TOK_COLON)) {
            // A set display or comprehension.
            if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
                ast_expr_t *c = make_comp(p, EXPR_SETCOMP, open, first_key);
                expect(p, TOK_RBRACE);
                end_expr(p, c);
                return c;
            }
            vec_t v = {0};
            vec_push(p, &v, first_key);
            parse_display_rest(p, &v, TOK_RBRACE, first_key);
            expect(p, TOK_RBRACE);
            return make_seq(p, EXPR_SET, open, &v);
        }
        if (first_key->kind == EXPR_STARRED ||
            (first_key->kind == EXPR_NAMEDEXPR && !key_in_parens)) {
            perr_tok(p, CUR(p), "invalid syntax");
        }
        advance(p); // ':'
        if (at(p, TOK_COMMA) || at(p, TOK_RBRACE)) {
            perr_tok(p, PREV(p), "expression expected after dictionary key and ':'");
        }
        first_val = parse_expression(p);
        if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
            ast_expr_t *c = new_expr(p, EXPR_DICTCOMP, open);
            vec_t gens = {0};
            parse_comp_for(p, &gens);
            expect(p, TOK_RBRACE);
            end_expr(p, c);
            c->v.dictcomp.key = first_key;
            c->v.dictcomp.value = first_val;
            c->v.dictcomp.generators = VEC_SEQ(ast_comprehension_seq_t, gens);
            return c;
        }
    }
    vec_push(p, &keys, first_key);
    vec_push(p, &values, first_val);
    ast_expr_t *last = first_val;
    for (;;) {
        if (at(p, TOK_RBRACE)) {
            break;
        }
        if (!accept(p, TOK_COMMA)) {
            if (at_kw(p, KW_FOR) && !first_key) {
                perr_expr(p, first_val, "dict unpacking cannot be used in dict comprehension");
            }
            missing_comma(p, last);
        }
        if (at(p, TOK_RBRACE)) {
            break;
        }
        if (accept(p, TOK_DOUBLESTAR)) {
            vec_push(p, &keys, NULL);
            last = parse_bitwise_or(p);
            vec_push(p, &values, last);
            continue;
        }
        ast_expr_t *k = parse_expression(p);
        if (!at(p, TOK_COLON)) {
            if (at(p, TOK_COMMA) || at(p, TOK_RBRACE)) {
                perr_range(p, "SyntaxError", k->lineno, k->col_offset, k->end_lineno,
                           k->end_col_offset, "':' expected after dictionary key");
            }
            missing_comma(p, k);
        }
        advance(p);
        if (at(p, TOK_COMMA) || at(p, TOK_RBRACE)) {
            perr_tok(p, PREV(p), "expression expected after dictionary key and ':'");
        }
        last = parse_expression(p);
        vec_push(p, &keys, k);
        vec_push(p, &values, last);
    }
    expect(p, TOK_RBRACE);
    ast_expr_t *d = new_expr(p, EXPR_DICT, open);
    end_expr(p, d);
    d->v.dict.keys = VEC_SEQ(ast_expr_seq_t, keys);
    d->v.dict.values = VEC_SEQ(ast_expr_seq_t, values);
    return d;
}

static ast_expr_t *bracket(parser_t *p, ast_expr_t *(*fn)(parser_t *), int cost) {
    enter(p, cost);
    ast_expr_t *e = fn(p);
    leave(p, cost);
    return e;
}

static ast_expr_t *parse_atom(parser_t *p) {
    token_t *t = CUR(p);
    switch (t->kind) {
    case TOK_NAME:
        switch (t->kw) {
        case KW_NOT_KEYWORD: advance(p); return make_name(p, t, EXPR_CTX_LOAD);
        case KW_TRUE: advance(p); return make_const(p, t, CONST_TRUE);
        case KW_FALSE: advance(p); return make_const(p, t, CONST_FALSE);
        case KW_NONE: advance(p); return make_const(p, t, CONST_NONE);
        default: perr_invalid(p);
        }
    case TOK_NUMBER: advance(p); return parse_number(p, t);
    case TOK_STRING: return parse_strings(p);
    case TOK_ELLIPSIS: advance(p); return make_const(p, t, CONST_ELLIPSIS);
    case TOK_LPAR: return bracket(p, parse_paren, PARSE_COST_PAREN);
    case TOK_LSQB: return bracket(p, parse_list, PARSE_COST_DISPLAY);
    case TOK_LBRACE: return bracket(p, parse_brace, PARSE_COST_DISPLAY);
    default: perr_invalid(p);
    }
}

/* ---- primaries ---- */

static ast_expr_t *parse_slice(parser_t *p) {
    token_t *start = CUR(p);
    ast_expr_t *lower = NULL;
    if (!at(p, TOK_COLON)) {
        lower = parse_named_expression(p);
        if (!at(p, TOK_COLON)) {
            return lower;
        }
    }
    ast_expr_t *s = new_expr(p, EXPR_SLICE, start);
    advance(p); // ':'
    s->v.slice.lower = lower;
    if (can_start_expression(CUR(p))) {
        s->v.slice.upper = parse_expression(p);
    }
    if (accept(p, TOK_COLON) && can_start_expression(CUR(p))) {
        s->v.slice.step = parse_expression(p);
    }
    end_expr(p, s);
    return s;
}

static ast_expr_t *parse_slice_or_star(parser_t *p) {
    token_t *t = CUR(p);
    if (accept(p, TOK_STAR)) {
        ast_expr_t *e = new_expr(p, EXPR_STARRED, t);
        e->v.starred.value = parse_expression(p);
        end_expr(p, e);
        return e;
    }
    return parse_slice(p);
}

static ast_expr_t *parse_slices(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *first = parse_slice_or_star(p);
    if (!at(p, TOK_COMMA) && first->kind != EXPR_STARRED) {
        return first;
    }
    vec_t v = {0};
    vec_push(p, &v, first);
    while (accept(p, TOK_COMMA)) {
        if (at(p, TOK_RSQB)) {
            break;
        }
        vec_push(p, &v, parse_slice_or_star(p));
    }
    ast_expr_t *t = new_expr(p, EXPR_TUPLE, st);
    end_expr(p, t);
    t->v.tuple.elts = VEC_SEQ(ast_expr_seq_t, v);
    return t;
}

void parse_call_args(parser_t *p, token_t *open, ast_expr_seq_t *args, ast_keyword_seq_t *keywords,
                     int allow_genexp, ast_expr_t *call) {
    vec_t a = {0}, k = {0};
    int seen_kw = 0, seen_dstar = 0;
    ast_expr_t *last = NULL;
    while (!at(p, TOK_RPAR)) {
        token_t *t = CUR(p);
        if (t->kind == TOK_STAR) {
            advance(p);
            ast_expr_t *e = new_expr(p, EXPR_STARRED, t);
            e->v.starred.value = parse_expression(p);
            end_expr(p, e);
            if (seen_dstar) {
                perr_tok(p, t, "iterable argument unpacking follows keyword argument unpacking");
            }
            vec_push(p, &a, e);
            last = e;
        } else if (t->kind == TOK_DOUBLESTAR) {
            advance(p);
            ast_keyword_t *kw = ast_alloc(p->arena, sizeof(*kw));
            kw->value = parse_expression(p);
            kw->lineno = t->lineno;
            kw->col_offset = t->col;
            kw->end_lineno = PREV(p)->end_lineno;
            kw->end_col_offset = PREV(p)->end_col;
            vec_push(p, &k, kw);
            seen_dstar = 1;
            last = kw->value;
        } else if (t->kind == TOK_NAME && PEEK(p, 1)->kind == TOK_EQUAL &&
                   (t->kw == KW_NOT_KEYWORD || t->kw == KW_TRUE || t->kw == KW_FALSE ||
                    t->kw == KW_NONE)) {
            if (t->kw != KW_NOT_KEYWORD) {
                token_t *eq = PEEK(p, 1);
                perr_range(p, "SyntaxError", t->lineno, t->col, eq->end_lineno, eq->end_col,
                           "cannot assign to %.*s", (int)t->len, t->start);
            }
            advance(p);
            advance(p);
            ast_keyword_t *kw = ast_alloc(p->arena, sizeof(*kw));
            kw->arg = tok_ident(p, t);
            if (at(p, TOK_COMMA) || at(p, TOK_RPAR)) {
                perr_invalid(p);
            }
            kw->value = parse_expression(p);
            kw->lineno = t->lineno;
            kw->col_offset = t->col;
            kw->end_lineno = PREV(p)->end_lineno;
            kw->end_col_offset = PREV(p)->end_col;
            vec_push(p, &k, kw);
            seen_kw = 1;
            last = kw->value;
        } else {
            ast_expr_t *e = named_expression(p, 0);
            if (at(p, TOK_EQUAL)) {
                token_t *eq = CUR(p);
                perr_range(p, "SyntaxError", e->lineno, e->col_offset, eq->end_lineno, eq->end_col,
                           "expression cannot contain assignment, perhaps you meant \"==\"?");
            }
            if (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
                if (!allow_genexp) {
                    perr_invalid(p);
                }
                ast_expr_t *g = new_expr(p, EXPR_GENEXP, open);
                vec_t gens = {0};
                if (e->kind == EXPR_STARRED) {
                    perr_expr(p, e, "iterable unpacking cannot be used in comprehension");
                }
                parse_comp_for(p, &gens);
                g->v.comp.elt = e;
                g->v.comp.generators = VEC_SEQ(ast_comprehension_seq_t, gens);
                if (a.n > 0 || k.n > 0 || !at(p, TOK_RPAR)) {
                    token_t *end = PREV(p);
                    perr_range(p, "SyntaxError", e->lineno, e->col_offset, end->end_lineno,
                               end->end_col, "Generator expression must be parenthesized");
                }
                e = g;
                // The genexp's end is the call's closing parenthesis.
                g->end_lineno = CUR(p)->end_lineno;
                g->end_col_offset = CUR(p)->end_col;
            }
            if (seen_kw || seen_dstar) {
                // CPython reports these at the token after the argument.
                perr_tok(p, CUR(p),
                         seen_dstar ? "positional argument follows keyword argument unpacking"
                                    : "positional argument follows keyword argument");
            }
            vec_push(p, &a, e);
            last = e;
        }
        if (!accept(p, TOK_COMMA)) {
            if (!at(p, TOK_RPAR)) {
                missing_comma(p, last);
            }
            break;
        }
    }
    (void)call;
    *args = VEC_SEQ(ast_expr_seq_t, a);
    *keywords = VEC_SEQ(ast_keyword_seq_t, k);
}

static ast_expr_t *parse_primary(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *e = parse_atom(p);
    for (;;) {
        token_t *t = CUR(p);
        if (t->kind == TOK_DOT) {
            advance(p);
            token_t *n = CUR(p);
            if (n->kind != TOK_NAME || n->kw != KW_NOT_KEYWORD) {
                perr_invalid(p);
            }
            advance(p);
            ast_expr_t *a = new_expr(p, EXPR_ATTRIBUTE, st);
            end_expr(p, a);
            a->v.attribute.value = e;
            a->v.attribute.attr = tok_ident(p, n);
            a->v.attribute.ctx = EXPR_CTX_LOAD;
            e = a;
        } else if (t->kind == TOK_LPAR) {
            advance(p);
            ast_expr_t *c = new_expr(p, EXPR_CALL, st);
            c->v.call.func = e;
            enter(p, PARSE_COST_TRAILER);
            parse_call_args(p, t, &c->v.call.args, &c->v.call.keywords, 1, c);
            leave(p, PARSE_COST_TRAILER);
            expect(p, TOK_RPAR);
            end_expr(p, c);
            e = c;
        } else if (t->kind == TOK_LSQB) {
            advance(p);
            ast_expr_t *s = new_expr(p, EXPR_SUBSCRIPT, st);
            s->v.subscript.value = e;
            enter(p, PARSE_COST_TRAILER);
            s->v.subscript.slice = parse_slices(p);
            leave(p, PARSE_COST_TRAILER);
            if (!at(p, TOK_RSQB)) {
                missing_comma(p, s->v.subscript.slice);
            }
            advance(p);
            end_expr(p, s);
            s->v.subscript.ctx = EXPR_CTX_LOAD;
            e = s;
        } else {
            return e;
        }
    }
}

/* ---- operators ---- */

// Positions come from the tokens, so `(a) + b` starts at the parenthesis as in CPython.
static ast_expr_t *binop(parser_t *p, token_t *st, ast_expr_t *left, ast_operator_t op,
                         ast_expr_t *right) {
    ast_expr_t *e = new_expr(p, EXPR_BINOP, st);
    end_expr(p, e);
    e->v.binop.left = left;
    e->v.binop.op = op;
    e->v.binop.right = right;
    return e;
}

static ast_expr_t *parse_await_primary(parser_t *p) {
    if (!at_kw(p, KW_AWAIT)) return parse_primary(p);
    token_t *t = advance(p);
    ast_expr_t *e = new_expr(p, EXPR_AWAIT, t);
    e->v.await.value = parse_primary(p);
    end_expr(p, e);
    return e;
}

static ast_expr_t *parse_power(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *e = parse_await_primary(p);
    if (accept(p, TOK_DOUBLESTAR)) {
        enter(p, 2);
        ast_expr_t *r = parse_factor(p); // right associative, binds tighter than unary minus
        leave(p, 2);
        e = binop(p, st, e, OP_POW, r);
    }
    return e;
}

static ast_expr_t *parse_factor(parser_t *p) {
    token_t *t = CUR(p);
    ast_unaryop_t op;
    switch (t->kind) {
    case TOK_PLUS: op = UOP_UADD; break;
    case TOK_MINUS: op = UOP_USUB; break;
    case TOK_TILDE: op = UOP_INVERT; break;
    default: return parse_power(p);
    }
    advance(p);
    enter(p, 1);
    ast_expr_t *operand = parse_factor(p);
    leave(p, 1);
    ast_expr_t *e = new_expr(p, EXPR_UNARYOP, t);
    end_expr(p, e);
    e->v.unaryop.op = op;
    e->v.unaryop.operand = operand;
    return e;
}

static ast_expr_t *parse_term(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *e = parse_factor(p);
    for (;;) {
        ast_operator_t op;
        switch (CUR(p)->kind) {
        case TOK_STAR: op = OP_MULT; break;
        case TOK_SLASH: op = OP_DIV; break;
        case TOK_DOUBLESLASH: op = OP_FLOORDIV; break;
        case TOK_PERCENT: op = OP_MOD; break;
        case TOK_AT: op = OP_MATMULT; break;
        default: return e;
        }
        advance(p);
        e = binop(p, st, e, op, parse_factor(p));
    }
}

static ast_expr_t *parse_sum(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *e = parse_term(p);
    for (;;) {
        ast_operator_t op;
        switch (CUR(p)->kind) {
        case TOK_PLUS: op = OP_ADD; break;
        case TOK_MINUS: op = OP_SUB; break;
        default: return e;
        }
        advance(p);
        e = binop(p, st, e, op, parse_term(p));
    }
}

static ast_expr_t *parse_shift(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *e = parse_sum(p);
    for (;;) {
        ast_operator_t op;
        switch (CUR(p)->kind) {
        case TOK_LEFTSHIFT: op = OP_LSHIFT; break;
        case TOK_RIGHTSHIFT: op = OP_RSHIFT; break;
        default: return e;
        }
        advance(p);
        e = binop(p, st, e, op, parse_sum(p));
    }
}

static ast_expr_t *parse_bitand(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *e = parse_shift(p);
    while (accept(p, TOK_AMPER)) {
        e = binop(p, st, e, OP_BITAND, parse_shift(p));
    }
    return e;
}

static ast_expr_t *parse_bitxor(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *e = parse_bitand(p);
    while (accept(p, TOK_CIRCUMFLEX)) {
        e = binop(p, st, e, OP_BITXOR, parse_bitand(p));
    }
    return e;
}

ast_expr_t *parse_bitwise_or(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *e = parse_bitxor(p);
    while (accept(p, TOK_VBAR)) {
        e = binop(p, st, e, OP_BITOR, parse_bitxor(p));
    }
    return e;
}

static int compare_op(parser_t *p, int *op) {
    token_t *t = CUR(p);
    switch (t->kind) {
    case TOK_EQEQUAL: *op = CMP_EQ; break;
    case TOK_NOTEQUAL:
        if (t->start[0] == '<') {
            perr_tok(p, t, "invalid syntax");
        }
        *op = CMP_NOTEQ;
        break;
    case TOK_LESS: *op = CMP_LT; break;
    case TOK_LESSEQUAL: *op = CMP_LTE; break;
    case TOK_GREATER: *op = CMP_GT; break;
    case TOK_GREATEREQUAL: *op = CMP_GTE; break;
    case TOK_NAME:
        if (t->kw == KW_IN) {
            *op = CMP_IN;
        } else if (t->kw == KW_IS) {
            if (PEEK(p, 1)->kind == TOK_NAME && PEEK(p, 1)->kw == KW_NOT) {
                advance(p);
                *op = CMP_ISNOT;
            } else {
                *op = CMP_IS;
            }
        } else if (t->kw == KW_NOT && PEEK(p, 1)->kind == TOK_NAME && PEEK(p, 1)->kw == KW_IN) {
            advance(p);
            *op = CMP_NOTIN;
        } else {
            return 0;
        }
        break;
    default: return 0;
    }
    advance(p);
    return 1;
}

static ast_expr_t *parse_comparison(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *e = parse_bitwise_or(p);
    int op;
    if (!compare_op(p, &op)) {
        return e;
    }
    vec_t ops = {0}, comps = {0};
    ast_expr_t *c = new_expr(p, EXPR_COMPARE, st);
    do {
        // ops are stored as ints in the pointer vector, then unpacked below
        vec_push(p, &ops, (void *)(intptr_t)op);
        vec_push(p, &comps, parse_bitwise_or(p));
    } while (compare_op(p, &op));
    c->v.compare.left = e;
    c->v.compare.ops.n = ops.n;
    c->v.compare.ops.items = ast_alloc(p->arena, sizeof(int) * (size_t)ops.n);
    for (int i = 0; i < ops.n; i++) {
        c->v.compare.ops.items[i] = (int)(intptr_t)ops.items[i];
    }
    c->v.compare.comparators = VEC_SEQ(ast_expr_seq_t, comps);
    end_expr(p, c);
    return c;
}

static ast_expr_t *parse_inversion(parser_t *p) {
    token_t *t = CUR(p);
    if (at_kw(p, KW_NOT)) {
        advance(p);
        enter(p, 1);
        ast_expr_t *operand = parse_inversion(p);
        leave(p, 1);
        ast_expr_t *e = new_expr(p, EXPR_UNARYOP, t);
        end_expr(p, e);
        e->v.unaryop.op = UOP_NOT;
        e->v.unaryop.operand = operand;
        return e;
    }
    return parse_comparison(p);
}

static ast_expr_t *parse_boolop(parser_t *p, ast_boolop_t op) {
    tok_keyword_t kw = op == BOOL_OR ? KW_OR : KW_AND;
    token_t *st = CUR(p);
    ast_expr_t *e = op == BOOL_OR ? parse_boolop(p, BOOL_AND) : parse_inversion(p);
    if (!at_kw(p, kw)) {
        return e;
    }
    vec_t v = {0};
    vec_push(p, &v, e);
    while (accept_kw(p, kw)) {
        vec_push(p, &v, op == BOOL_OR ? parse_boolop(p, BOOL_AND) : parse_inversion(p));
    }
    ast_expr_t *b = new_expr(p, EXPR_BOOLOP, st);
    end_expr(p, b);
    b->v.boolop.op = op;
    b->v.boolop.values = VEC_SEQ(ast_expr_seq_t, v);
    return b;
}

ast_expr_t *parse_disjunction(parser_t *p) {
    return parse_boolop(p, BOOL_OR);
}

ast_expr_t *parse_expression(parser_t *p) {
    if (at_kw(p, KW_LAMBDA)) {
        return parse_lambda(p);
    }
    enter(p, 1);
    token_t *st = CUR(p);
    ast_expr_t *body = parse_disjunction(p);
    if (at_kw(p, KW_IF)) {
        advance(p);
        ast_expr_t *test = parse_disjunction(p);
        if (!at_kw(p, KW_ELSE)) {
            if (at(p, TOK_NEWLINE) || at(p, TOK_RPAR) || at(p, TOK_RSQB) || at(p, TOK_COMMA) ||
                at(p, TOK_RBRACE) || at(p, TOK_COLON) || at(p, TOK_SEMI) || at(p, TOK_EQUAL)) {
                perr_range(p, "SyntaxError", body->lineno, body->col_offset, test->end_lineno,
                           test->end_col_offset, "expected 'else' after 'if' expression");
            }
            perr_invalid(p);
        }
        advance(p);
        ast_expr_t *orelse = parse_expression(p);
        ast_expr_t *e = new_expr(p, EXPR_IFEXP, st);
        end_expr(p, e);
        e->v.ifexp.test = test;
        e->v.ifexp.body = body;
        e->v.ifexp.orelse = orelse;
        body = e;
    }
    leave(p, 1);
    return body;
}

static void *try_bitwise_or(parser_t *p, void *arg) {
    (void)arg;
    return parse_bitwise_or(p);
}

// `check_eq`: diagnose `x = 1` where a named expression is expected (not in call arguments,
// where `f(a.b=1)` gets its own message).
static ast_expr_t *named_expression(parser_t *p, int check_eq) {
    token_t *t = CUR(p);
    if (t->kind == TOK_NAME && t->kw == KW_NOT_KEYWORD && PEEK(p, 1)->kind == TOK_COLONEQUAL) {
        advance(p);
        advance(p);
        ast_expr_t *e = new_expr(p, EXPR_NAMEDEXPR, t);
        e->v.namedexpr.target = make_name(p, t, EXPR_CTX_STORE);
        e->v.namedexpr.value = parse_expression(p);
        end_expr(p, e);
        return e;
    }
    ast_expr_t *e = parse_expression(p);
    if (at(p, TOK_COLONEQUAL)) {
        perr_expr(p, e, "cannot use assignment expressions with %s", expr_name(e));
    }
    if (check_eq && at(p, TOK_EQUAL) && e->kind != EXPR_LIST && e->kind != EXPR_TUPLE &&
        e->kind != EXPR_GENEXP && e->kind != EXPR_COMPARE && e->kind != EXPR_BOOLOP &&
        e->kind != EXPR_IFEXP && e->kind != EXPR_LAMBDA &&
        !(e->kind == EXPR_UNARYOP && e->v.unaryop.op == UOP_NOT) &&
        !(e->kind == EXPR_CONSTANT &&
          (e->v.constant.kind == CONST_NONE || e->v.constant.kind == CONST_TRUE ||
           e->v.constant.kind == CONST_FALSE))) {
        int save = p->pos;
        advance(p);
        ast_expr_t *b = parse_try(p, try_bitwise_or, NULL);
        if (b && !at(p, TOK_EQUAL) && !at(p, TOK_COLONEQUAL)) {
            if (e->kind == EXPR_NAME) {
                perr_range(p, "SyntaxError", e->lineno, e->col_offset, b->end_lineno,
                           b->end_col_offset,
                           "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            }
            perr_expr(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                      expr_name(e));
        }
        p->pos = save;
    }
    return e;
}

ast_expr_t *parse_named_expression(parser_t *p) {
    return named_expression(p, 1);
}

ast_expr_t *parse_star_expression(parser_t *p) {
    token_t *t = CUR(p);
    if (accept(p, TOK_STAR)) {
        ast_expr_t *e = new_expr(p, EXPR_STARRED, t);
        e->v.starred.value = parse_bitwise_or(p);
        e->v.starred.ctx = EXPR_CTX_LOAD;
        end_expr(p, e);
        return e;
    }
    return parse_expression(p);
}

ast_expr_t *parse_star_named_expression(parser_t *p) {
    if (at(p, TOK_STAR)) {
        return parse_star_expression(p);
    }
    return parse_named_expression(p);
}

static ast_expr_t *expr_list(parser_t *p, ast_expr_t *(*elem)(parser_t *), int allow_star) {
    token_t *st = CUR(p);
    ast_expr_t *first = elem(p);
    if (!at(p, TOK_COMMA)) {
        return first;
    }
    vec_t v = {0};
    vec_push(p, &v, first);
    while (accept(p, TOK_COMMA)) {
        if (!can_start_expression(CUR(p)) && !(allow_star && at(p, TOK_STAR))) {
            break;
        }
        vec_push(p, &v, elem(p));
    }
    ast_expr_t *t = new_expr(p, EXPR_TUPLE, st);
    end_expr(p, t);
    t->v.tuple.elts = VEC_SEQ(ast_expr_seq_t, v);
    return t;
}

ast_expr_t *parse_star_expressions(parser_t *p) {
    return expr_list(p, parse_star_expression, 1);
}

ast_expr_t *parse_expressions(parser_t *p) {
    return expr_list(p, parse_expression, 0);
}

ast_expr_t *parse_yield_expr(parser_t *p) {
    token_t *t = advance(p); // 'yield'
    if (accept_kw(p, KW_FROM)) {
        ast_expr_t *e = new_expr(p, EXPR_YIELDFROM, t);
        e->v.yieldfrom.value = parse_expression(p);
        end_expr(p, e);
        return e;
    }
    ast_expr_t *e = new_expr(p, EXPR_YIELD, t);
    if (can_start_expression(CUR(p)) || at(p, TOK_STAR)) {
        e->v.yield.value = parse_star_expressions(p);
    }
    end_expr(p, e);
    return e;
}

/* ---- comprehensions ---- */

static void parse_comp_for(parser_t *p, vec_t *gens) {
    enter(p, 1);
    while (at_kw(p, KW_FOR) || at_kw(p, KW_ASYNC)) {
        int is_async = 0;
        if (at_kw(p, KW_ASYNC)) {
            advance(p);
            if (!at_kw(p, KW_FOR)) perr_invalid(p);
            is_async = 1;
        }
        advance(p);
        ast_comprehension_t *c = ast_alloc(p->arena, sizeof(*c));
        c->is_async = is_async;
        c->target = parse_star_targets(p);
        if (!accept_kw(p, KW_IN)) {
            perr_invalid(p);
        }
        c->iter = parse_disjunction(p);
        vec_t ifs = {0};
        while (accept_kw(p, KW_IF)) {
            vec_push(p, &ifs, parse_disjunction(p));
        }
        c->ifs = VEC_SEQ(ast_expr_seq_t, ifs);
        vec_push(p, gens, c);
    }
    leave(p, 1);
}

/* ---- parameters ---- */

static ast_arg_t *parse_param(parser_t *p, int is_lambda, int star_annotation) {
    token_t *t = CUR(p);
    if (t->kind != TOK_NAME || t->kw != KW_NOT_KEYWORD) {
        perr_invalid(p);
    }
    advance(p);
    ast_arg_t *a = ast_alloc(p->arena, sizeof(*a));
    a->arg = tok_ident(p, t);
    a->lineno = t->lineno;
    a->col_offset = t->col;
    if (!is_lambda && accept(p, TOK_COLON)) {
        a->annotation = star_annotation ? parse_star_expression(p) : parse_expression(p);
    }
    token_t *last = PREV(p);
    a->end_lineno = last->end_lineno;
    a->end_col_offset = last->end_col;
    return a;
}

static _Noreturn void arg_error(parser_t *p, ast_arg_t *a, const char *msg) {
    perr_range(p, "SyntaxError", a->lineno, a->col_offset, a->end_lineno, a->end_col_offset, "%s",
               msg);
}

ast_arguments_t *parse_parameters(parser_t *p, int is_lambda, tok_kind_t closer) {
    ast_arguments_t *args = ast_alloc(p->arena, sizeof(*args));
    vec_t posonly = {0}, plain = {0}, defaults = {0}, kwonly = {0}, kwdefaults = {0};
    int seen_slash = 0, seen_star = 0, seen_default = 0;
    while (!at(p, closer)) {
        token_t *t = CUR(p);
        if (t->kind == TOK_SLASH) {
            if (seen_slash) {
                perr_tok(p, t, "/ may appear only once");
            }
            if (seen_star) {
                perr_tok(p, t, "/ must be ahead of *");
            }
            if (plain.n == 0) {
                if (PEEK(p, 1)->kind == TOK_COMMA) {
                    perr_tok(p, t, "at least one argument must precede /");
                }
                perr_tok(p, t, "invalid syntax");
            }
            advance(p);
            posonly = plain;
            plain = (vec_t){0};
            seen_slash = 1;
        } else if (t->kind == TOK_STAR) {
            if (seen_star) {
                perr_tok(p, t, "* argument may appear only once");
            }
            advance(p);
            seen_star = 1;
            if (at(p, TOK_NAME)) {
                args->vararg = parse_param(p, is_lambda, 1);
                if (at(p, TOK_EQUAL)) {
                    perr_tok(p, CUR(p), "var-positional argument cannot have default value");
                }
            } else if (at(p, closer) ||
                       (at(p, TOK_COMMA) &&
                        (PEEK(p, 1)->kind == closer || PEEK(p, 1)->kind == TOK_DOUBLESTAR))) {
                perr_tok(p, t, "named arguments must follow bare *");
            }
        } else if (t->kind == TOK_DOUBLESTAR) {
            advance(p);
            args->kwarg = parse_param(p, is_lambda, 0);
            if (at(p, TOK_EQUAL)) {
                perr_tok(p, CUR(p), "var-keyword argument cannot have default value");
            }
            if (accept(p, TOK_COMMA) && !at(p, closer)) {
                perr_tok(p, CUR(p), "arguments cannot follow var-keyword argument");
            }
            break;
        } else {
            ast_arg_t *a = parse_param(p, is_lambda, 0);
            ast_expr_t *def = NULL;
            if (accept(p, TOK_EQUAL)) {
                def = parse_expression(p);
            }
            if (seen_star) {
                vec_push(p, &kwonly, a);
                vec_push(p, &kwdefaults, def);
            } else {
                vec_push(p, &plain, a);
                if (def) {
                    vec_push(p, &defaults, def);
                    seen_default = 1;
                } else if (seen_default) {
                    arg_error(p, a, "non-default argument follows default argument");
                }
            }
        }
        if (!accept(p, TOK_COMMA)) {
            break;
        }
    }
    if (!at(p, closer)) {
        if (closer == TOK_COLON) {
            perr_invalid(p);
        }
        perr_invalid(p);
    }
    args->posonlyargs = VEC_SEQ(ast_arg_seq_t, posonly);
    args->args = VEC_SEQ(ast_arg_seq_t, plain);
    args->defaults = VEC_SEQ(ast_expr_seq_t, defaults);
    args->kwonlyargs = VEC_SEQ(ast_arg_seq_t, kwonly);
    args->kw_defaults = VEC_SEQ(ast_expr_seq_t, kwdefaults);
    return args;
}

static ast_expr_t *parse_lambda(parser_t *p) {
    token_t *t = advance(p);
    enter(p, 2);
    ast_expr_t *e = new_expr(p, EXPR_LAMBDA, t);
    e->v.lambda.args = parse_parameters(p, 1, TOK_COLON);
    expect(p, TOK_COLON);
    e->v.lambda.body = parse_expression(p);
    end_expr(p, e);
    leave(p, 2);
    return e;
}
