/*
 * parser_stmt.c - recursive-descent parsing of Python 3.11 statements.
 *
 * Owns: simple statements (assignments of every form, del, import, raise, ...), compound
 * statements and their blocks (async def / for / with included), and decorators (the match
 * statement lives in parser_match.c).
 *
 * Invariants:
 *  - Each parse function starts at the statement's first token; simple statements stop before
 *    the ';' or NEWLINE that ends them, compound statements consume their whole block.
 *  - A compound statement's end position is the end of the last statement in its last block.
 */
#include <string.h>

#include "parser_int.h"

// A block ends at its last significant token (so a trailing ';' counts, as in CPython).
static void end_from_seq(parser_t *p, ast_stmt_t *s) {
    int i = p->pos - 1;
    while (i > 0 && (p->toks[i].kind == TOK_NEWLINE || p->toks[i].kind == TOK_INDENT ||
                     p->toks[i].kind == TOK_DEDENT)) {
        i--;
    }
    s->end_lineno = p->toks[i].end_lineno;
    s->end_col_offset = p->toks[i].end_col;
}

static ast_stmt_seq_t stmt_seq1(parser_t *p, ast_stmt_t *s) {
    ast_stmt_seq_t seq;
    seq.n = 1;
    seq.items = ast_alloc(p->arena, sizeof(ast_stmt_t *));
    seq.items[0] = s;
    return seq;
}

// ':' introducing a block; CPython says "expected ':'" only when the line ends instead.
static void expect_colon(parser_t *p) {
    if (accept(p, TOK_COLON)) {
        return;
    }
    if (at(p, TOK_NEWLINE)) {
        token_t *t = CUR(p); // CPython's caret is empty: end_offset == offset
        perr_range(p, "SyntaxError", t->lineno, t->col, t->lineno, t->col, "expected ':'");
    }
    perr_invalid(p);
}

static const char *name_tok(parser_t *p) {
    token_t *t = CUR(p);
    if (t->kind != TOK_NAME || t->kw != KW_NOT_KEYWORD) {
        perr_invalid(p);
    }
    advance(p);
    return tok_ident(p, t);
}

/* ---- simple statements ---- */

static int augassign_op(tok_kind_t k, ast_operator_t *op) {
    switch (k) {
    case TOK_PLUSEQUAL: *op = OP_ADD; return 1;
    case TOK_MINEQUAL: *op = OP_SUB; return 1;
    case TOK_STAREQUAL: *op = OP_MULT; return 1;
    case TOK_ATEQUAL: *op = OP_MATMULT; return 1;
    case TOK_SLASHEQUAL: *op = OP_DIV; return 1;
    case TOK_PERCENTEQUAL: *op = OP_MOD; return 1;
    case TOK_AMPEREQUAL: *op = OP_BITAND; return 1;
    case TOK_VBAREQUAL: *op = OP_BITOR; return 1;
    case TOK_CIRCUMFLEXEQUAL: *op = OP_BITXOR; return 1;
    case TOK_LEFTSHIFTEQUAL: *op = OP_LSHIFT; return 1;
    case TOK_RIGHTSHIFTEQUAL: *op = OP_RSHIFT; return 1;
    case TOK_DOUBLESTAREQUAL: *op = OP_POW; return 1;
    case TOK_DOUBLESLASHEQUAL: *op = OP_FLOORDIV; return 1;
    default: return 0;
    }
}

static ast_expr_t *parse_rhs(parser_t *p) {
    if (at_kw(p, KW_YIELD)) {
        return parse_yield_expr(p);
    }
    return parse_star_expressions(p);
}

// Kinds CPython's bitwise_or rule can produce: targets of "cannot assign to X here" errors.
static int is_bitwise_or_level(ast_expr_t *e) {
    switch (e->kind) {
    case EXPR_COMPARE:
    case EXPR_BOOLOP:
    case EXPR_IFEXP:
    case EXPR_LAMBDA:
    case EXPR_NAMEDEXPR:
    case EXPR_STARRED:
    case EXPR_TUPLE:
    case EXPR_LIST:
    case EXPR_GENEXP:
    case EXPR_YIELD:
    case EXPR_YIELDFROM: return 0;
    case EXPR_UNARYOP: return e->v.unaryop.op != UOP_NOT;
    case EXPR_CONSTANT:
        return e->v.constant.kind != CONST_NONE && e->v.constant.kind != CONST_TRUE &&
               e->v.constant.kind != CONST_FALSE;
    default: return 1;
    }
}

static ast_stmt_t *parse_expr_stmt(parser_t *p) {
    token_t *start = CUR(p);
    ast_expr_t *first;
    if (at_kw(p, KW_YIELD)) {
        first = parse_yield_expr(p);
        if (at(p, TOK_EQUAL)) {
            perr_expr(p, first, "assignment to yield expression not possible");
        }
    } else {
        first = parse_star_expressions(p);
    }
    token_t *t = CUR(p);
    ast_operator_t op;
    if (t->kind == TOK_COLON) {
        if (first->kind == EXPR_TUPLE || first->kind == EXPR_LIST) {
            perr_expr(p, first, "only single target (not %s) can be annotated",
                      first->kind == EXPR_TUPLE ? "tuple" : "list");
        }
        if (first->kind != EXPR_NAME && first->kind != EXPR_ATTRIBUTE &&
            first->kind != EXPR_SUBSCRIPT) {
            perr_expr(p, first, "illegal target for annotation");
        }
        advance(p);
        ast_stmt_t *s = new_stmt(p, STMT_ANNASSIGN, start);
        set_context(p, first, EXPR_CTX_STORE, 0);
        s->v.annassign.target = first;
        s->v.annassign.annotation = parse_expression(p);
        s->v.annassign.simple = first->kind == EXPR_NAME && start->kind != TOK_LPAR;
        if (accept(p, TOK_EQUAL)) {
            s->v.annassign.value = parse_rhs(p);
        }
        end_stmt(p, s);
        return s;
    }
    if (augassign_op(t->kind, &op)) {
        if (first->kind != EXPR_NAME && first->kind != EXPR_ATTRIBUTE &&
            first->kind != EXPR_SUBSCRIPT) {
            perr_expr(p, first, "'%s' is an illegal expression for augmented assignment",
                      expr_name(first));
        }
        advance(p);
        ast_stmt_t *s = new_stmt(p, STMT_AUGASSIGN, start);
        set_context(p, first, EXPR_CTX_STORE, 0);
        s->v.augassign.target = first;
        s->v.augassign.op = op;
        s->v.augassign.value = parse_rhs(p);
        end_stmt(p, s);
        return s;
    }
    if (t->kind == TOK_EQUAL) {
        vec_t targets = {0}, starts = {0};
        ast_expr_t *value = first;
        token_t *vstart = start;
        while (accept(p, TOK_EQUAL)) {
            vec_push(p, &targets, value);
            vec_push(p, &starts, vstart);
            vstart = CUR(p);
            value = parse_rhs(p);
        }
        for (int i = 0; i < targets.n; i++) {
            ast_expr_t *tg = targets.items[i];
            token_t *ts = starts.items[i];
            // CPython's invalid_named_expression: `target = value` with one
            // '=', a target its bitwise_or rule parses (a parenthesized
            // group is one) and a value that starts with a bitwise_or.
            bool group =
                ts->kind == TOK_LPAR && (tg->lineno != ts->lineno || tg->col_offset != ts->col);
            bool value_or =
                value->kind != EXPR_YIELD && value->kind != EXPR_YIELDFROM &&
                vstart->kind != TOK_STAR &&
                !(vstart->kind == TOK_NAME && (vstart->kw == KW_NOT || vstart->kw == KW_LAMBDA));
            int here = targets.n == 1 && (is_bitwise_or_level(tg) || group) && value_or;
            if (tg->kind == EXPR_YIELD || tg->kind == EXPR_YIELDFROM) {
                perr_expr(p, tg,
                          ts->kind == TOK_NAME ? "assignment to yield expression not possible"
                          : here ? "cannot assign to yield expression here. Maybe you meant "
                                   "'==' instead of '='?"
                                 : "cannot assign to yield expression");
            }
            set_context(p, tg, EXPR_CTX_STORE, here ? 2 : 1);
        }
        ast_stmt_t *s = new_stmt(p, STMT_ASSIGN, start);
        s->v.assign.targets = VEC_SEQ(ast_expr_seq_t, targets);
        s->v.assign.value = value;
        end_stmt(p, s);
        return s;
    }
    if (!at(p, TOK_NEWLINE) && !at(p, TOK_SEMI)) {
        if (first->kind == EXPR_NAME && can_start_expression(t) &&
            (strcmp(first->v.name.id, "print") == 0 || strcmp(first->v.name.id, "exec") == 0)) {
            ast_expr_t *rest = parse_star_expressions(p);
            perr_range(p, "SyntaxError", first->lineno, first->col_offset, rest->end_lineno,
                       rest->end_col_offset,
                       "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                       first->v.name.id, first->v.name.id);
        }
        if (at(p, TOK_COLONEQUAL) && first->kind != EXPR_NAME) {
            perr_expr(p, first, "cannot use assignment expressions with %s", expr_name(first));
        }
        perr_invalid(p);
    }
    ast_stmt_t *s = new_stmt(p, STMT_EXPR, start);
    s->v.expr.value = first;
    end_stmt(p, s);
    return s;
}

static ast_alias_t *parse_alias(parser_t *p, int dotted) {
    token_t *start = CUR(p);
    ast_alias_t *a = ast_alloc(p->arena, sizeof(*a));
    if (dotted) {
        const char *first = name_tok(p);
        if (at(p, TOK_DOT)) {
            // Join a.b.c into one identifier.
            size_t len = strlen(first);
            char buf[1024];
            memcpy(buf, first, len < sizeof(buf) ? len : sizeof(buf) - 1);
            while (accept(p, TOK_DOT)) {
                const char *n = name_tok(p);
                size_t nl = strlen(n);
                if (len + 1 + nl >= sizeof(buf)) {
                    perr_tok(p, PREV(p), "dotted name too long");
                }
                buf[len++] = '.';
                memcpy(buf + len, n, nl);
                len += nl;
            }
            a->name = ast_strndup(p->arena, buf, len);
        } else {
            a->name = first;
        }
    } else {
        a->name = name_tok(p);
    }
    if (accept_kw(p, KW_AS)) {
        a->asname = name_tok(p);
    }
    a->lineno = start->lineno;
    a->col_offset = start->col;
    a->end_lineno = PREV(p)->end_lineno;
    a->end_col_offset = PREV(p)->end_col;
    return a;
}

static ast_stmt_t *parse_import(parser_t *p) {
    token_t *start = advance(p);
    ast_stmt_t *s = new_stmt(p, STMT_IMPORT, start);
    vec_t names = {0};
    do {
        vec_push(p, &names, parse_alias(p, 1));
    } while (accept(p, TOK_COMMA));
    s->v.import.names = VEC_SEQ(ast_alias_seq_t, names);
    end_stmt(p, s);
    return s;
}

static ast_stmt_t *parse_from_import(parser_t *p) {
    token_t *start = advance(p);
    ast_stmt_t *s = new_stmt(p, STMT_IMPORTFROM, start);
    int level = 0;
    for (;;) {
        if (accept(p, TOK_DOT)) {
            level++;
        } else if (accept(p, TOK_ELLIPSIS)) {
            level += 3;
        } else {
            break;
        }
    }
    if (!at_kw(p, KW_IMPORT)) {
        token_t *mt = CUR(p);
        ast_alias_t *m = parse_alias(p, 1);
        if (m->asname) {
            p->pos--; // "from a as b": point at 'as'
            perr_invalid(p);
        }
        (void)mt;
        s->v.importfrom.module = m->name;
    } else if (level == 0) {
        perr_invalid(p);
    }
    if (!accept_kw(p, KW_IMPORT)) {
        perr_invalid(p);
    }
    s->v.importfrom.level = level;
    vec_t names = {0};
    token_t *t = CUR(p);
    if (accept(p, TOK_STAR)) {
        ast_alias_t *a = ast_alloc(p->arena, sizeof(*a));
        a->name = "*";
        a->lineno = t->lineno;
        a->col_offset = t->col;
        a->end_lineno = t->end_lineno;
        a->end_col_offset = t->end_col;
        vec_push(p, &names, a);
    } else if (accept(p, TOK_LPAR)) {
        do {
            if (at(p, TOK_RPAR) && names.n > 0) {
                break;
            }
            vec_push(p, &names, parse_alias(p, 0));
        } while (accept(p, TOK_COMMA));
        expect(p, TOK_RPAR);
    } else {
        do {
            if (names.n > 0 && at(p, TOK_NEWLINE)) {
                perr_tok(p, CUR(p), "trailing comma not allowed without surrounding parentheses");
            }
            vec_push(p, &names, parse_alias(p, 0));
        } while (accept(p, TOK_COMMA));
    }
    s->v.importfrom.names = VEC_SEQ(ast_alias_seq_t, names);
    end_stmt(p, s);
    return s;
}

static ast_stmt_t *parse_simple_stmt(parser_t *p) {
    token_t *t = CUR(p);
    ast_stmt_t *s;
    if (t->kind != TOK_NAME || t->kw == KW_NOT_KEYWORD) {
        return parse_expr_stmt(p);
    }
    switch (t->kw) {
    case KW_PASS:
    case KW_BREAK:
    case KW_CONTINUE:
        advance(p);
        s = new_stmt(p,
                     t->kw == KW_PASS    ? STMT_PASS
                     : t->kw == KW_BREAK ? STMT_BREAK
                                         : STMT_CONTINUE,
                     t);
        end_stmt(p, s);
        return s;
    case KW_RETURN:
        advance(p);
        s = new_stmt(p, STMT_RETURN, t);
        if (can_start_expression(CUR(p)) || at(p, TOK_STAR)) {
            s->v.return_.value = parse_star_expressions(p);
        }
        end_stmt(p, s);
        return s;
    case KW_RAISE:
        advance(p);
        s = new_stmt(p, STMT_RAISE, t);
        if (can_start_expression(CUR(p))) {
            s->v.raise.exc = parse_expression(p);
            if (accept_kw(p, KW_FROM)) {
                s->v.raise.cause = parse_expression(p);
            }
        }
        end_stmt(p, s);
        return s;
    case KW_GLOBAL:
    case KW_NONLOCAL: {
        advance(p);
        s = new_stmt(p, t->kw == KW_GLOBAL ? STMT_GLOBAL : STMT_NONLOCAL, t);
        vec_t names = {0};
        do {
            vec_push(p, &names, (void *)name_tok(p));
        } while (accept(p, TOK_COMMA));
        s->v.global.names = VEC_SEQ(ast_ident_seq_t, names);
        end_stmt(p, s);
        return s;
    }
    case KW_DEL: {
        advance(p);
        s = new_stmt(p, STMT_DELETE, t);
        vec_t targets = {0};
        do {
            if (targets.n > 0 && (at(p, TOK_NEWLINE) || at(p, TOK_SEMI))) {
                break;
            }
            ast_expr_t *e = parse_star_expression(p);
            set_context(p, e, EXPR_CTX_DEL, 0);
            vec_push(p, &targets, e);
        } while (accept(p, TOK_COMMA));
        s->v.delete_.targets = VEC_SEQ(ast_expr_seq_t, targets);
        end_stmt(p, s);
        return s;
    }
    case KW_ASSERT:
        advance(p);
        s = new_stmt(p, STMT_ASSERT, t);
        s->v.assert_.test = parse_expression(p);
        if (accept(p, TOK_COMMA)) {
            s->v.assert_.msg = parse_expression(p);
        }
        end_stmt(p, s);
        return s;
    case KW_IMPORT: return parse_import(p);
    case KW_FROM: return parse_from_import(p);
    default: return parse_expr_stmt(p);
    }
}

void parse_simple_stmts(parser_t *p, vec_t *out) {
    for (;;) {
        token_t *t = CUR(p);
        if (t->kind == TOK_NAME &&
            (t->kw == KW_IF || t->kw == KW_WHILE || t->kw == KW_FOR || t->kw == KW_TRY ||
             t->kw == KW_WITH || t->kw == KW_DEF || t->kw == KW_CLASS || t->kw == KW_ELIF ||
             t->kw == KW_ELSE || t->kw == KW_EXCEPT || t->kw == KW_FINALLY)) {
            perr_invalid(p);
        }
        if (t->kind == TOK_NAME && t->kw == KW_ASYNC) {
            perr_invalid(p);
        }
        vec_push(p, out, parse_simple_stmt(p));
        if (!accept(p, TOK_SEMI)) {
            break;
        }
        if (at(p, TOK_NEWLINE)) {
            break;
        }
    }
    if (!accept(p, TOK_NEWLINE)) {
        perr_invalid(p);
    }
}

/* ---- compound statements ---- */

void parse_block(parser_t *p, const char *what, token_t *kw, ast_stmt_seq_t *out) {
    vec_t body = {0};
    if (accept(p, TOK_NEWLINE)) {
        if (!at(p, TOK_INDENT)) {
            token_t *t = CUR(p);
            perr_range(p, "IndentationError", t->lineno, t->col, t->end_lineno,
                       t->kind == TOK_ENDMARKER ? TOK_END_NONE : t->end_col,
                       "expected an indented block after %s on line %d", what, kw->lineno);
        }
        advance(p);
        enter(p, PARSE_COST_BLOCK);
        parse_statements(p, &body, 1);
        leave(p, PARSE_COST_BLOCK);
        expect(p, TOK_DEDENT);
    } else {
        parse_simple_stmts(p, &body);
    }
    *out = VEC_SEQ(ast_stmt_seq_t, body);
}

static ast_stmt_t *parse_if(parser_t *p, int is_elif) {
    token_t *kw = advance(p);
    ast_stmt_t *s = new_stmt(p, STMT_IF, kw);
    s->v.if_.test = parse_named_expression(p);
    expect_colon(p);
    parse_block(p, is_elif ? "'elif' statement" : "'if' statement", kw, &s->v.if_.body);
    end_from_seq(p, s);
    if (at_kw(p, KW_ELIF)) {
        enter(p, 1);
        ast_stmt_t *e = parse_if(p, 1);
        leave(p, 1);
        s->v.if_.orelse = stmt_seq1(p, e);
        end_from_seq(p, s);
    } else if (at_kw(p, KW_ELSE)) {
        token_t *ek = advance(p);
        expect_colon(p);
        parse_block(p, "'else' statement", ek, &s->v.if_.orelse);
        end_from_seq(p, s);
    }
    return s;
}

static void parse_else(parser_t *p, ast_stmt_t *s, ast_stmt_seq_t *orelse) {
    if (at_kw(p, KW_ELSE)) {
        token_t *ek = advance(p);
        expect_colon(p);
        parse_block(p, "'else' statement", ek, orelse);
        end_from_seq(p, s);
    }
}

static ast_stmt_t *parse_while(parser_t *p) {
    token_t *kw = advance(p);
    ast_stmt_t *s = new_stmt(p, STMT_WHILE, kw);
    s->v.while_.test = parse_named_expression(p);
    expect_colon(p);
    parse_block(p, "'while' statement", kw, &s->v.while_.body);
    end_from_seq(p, s);
    parse_else(p, s, &s->v.while_.orelse);
    return s;
}

static ast_stmt_t *parse_for(parser_t *p) {
    token_t *kw = advance(p);
    ast_stmt_t *s = new_stmt(p, STMT_FOR, kw);
    s->v.for_.target = parse_star_targets(p);
    if (!accept_kw(p, KW_IN)) {
        perr_invalid(p);
    }
    s->v.for_.iter = parse_star_expressions(p);
    expect_colon(p);
    parse_block(p, "'for' statement", kw, &s->v.for_.body);
    end_from_seq(p, s);
    parse_else(p, s, &s->v.for_.orelse);
    return s;
}

static ast_withitem_t *parse_with_item(parser_t *p) {
    ast_withitem_t *w = ast_alloc(p->arena, sizeof(*w));
    w->context_expr = parse_expression(p);
    if (accept_kw(p, KW_AS)) {
        token_t *t = CUR(p);
        ast_expr_t *target;
        if (accept(p, TOK_STAR)) {
            target = new_expr(p, EXPR_STARRED, t);
            target->v.starred.value = parse_bitwise_or(p);
            end_expr(p, target);
        } else {
            target = parse_bitwise_or(p);
        }
        if (!at(p, TOK_COMMA) && !at(p, TOK_RPAR) && !at(p, TOK_COLON)) {
            perr_invalid(p);
        }
        set_context(p, target, EXPR_CTX_STORE, 0);
        w->optional_vars = target;
    }
    return w;
}

// '(' with_item (',' with_item)* [','] ')' ':'  -- tried before the unparenthesized form.
static void *try_paren_with_items(parser_t *p, void *arg) {
    vec_t *items = arg;
    advance(p); // '('
    do {
        if (at(p, TOK_RPAR) && items->n > 0) {
            break;
        }
        vec_push(p, items, parse_with_item(p));
    } while (accept(p, TOK_COMMA));
    expect(p, TOK_RPAR);
    if (!at(p, TOK_COLON)) {
        perr_invalid(p);
    }
    return items;
}

static ast_stmt_t *parse_with(parser_t *p) {
    token_t *kw = advance(p);
    ast_stmt_t *s = new_stmt(p, STMT_WITH, kw);
    vec_t items = {0};
    if (!at(p, TOK_LPAR) || !parse_try(p, try_paren_with_items, &items)) {
        items = (vec_t){0};
        do {
            vec_push(p, &items, parse_with_item(p));
        } while (accept(p, TOK_COMMA));
    }
    s->v.with.items = VEC_SEQ(ast_withitem_seq_t, items);
    expect_colon(p);
    parse_block(p, "'with' statement", kw, &s->v.with.body);
    end_from_seq(p, s);
    return s;
}

// After `except`: consumes the `*` of `except*` and records on the try
// statement whether its clauses are except* ones (the first clause decides;
// mixing the two kinds is a SyntaxError at the first clause that differs).
static bool parse_except_star_mark(parser_t *p, ast_stmt_t *s, token_t *ek, bool first) {
    bool star = at(p, TOK_STAR);
    if (first) s->v.try_.is_star = star;
    if (star != (bool)s->v.try_.is_star) {
        token_t *t = star ? CUR(p) : ek;
        perr_range(p, "SyntaxError", ek->lineno, ek->col, t->end_lineno, t->end_col,
                   "cannot have both 'except' and 'except*' on the same 'try'");
    }
    if (star) advance(p);
    return star;
}

static ast_stmt_t *parse_try_stmt(parser_t *p) {
    token_t *kw = advance(p);
    ast_stmt_t *s = new_stmt(p, STMT_TRY, kw);
    expect_colon(p);
    parse_block(p, "'try' statement", kw, &s->v.try_.body);
    end_from_seq(p, s);
    vec_t handlers = {0};
    while (at_kw(p, KW_EXCEPT)) {
        token_t *ek = advance(p);
        if (parse_except_star_mark(p, s, ek, handlers.n == 0)) {
            // except* needs a type.
            token_t *t = CUR(p);
            if (at(p, TOK_COLON))
                perr_range(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col,
                           "expected one or more exception types");
            if (at(p, TOK_NEWLINE))
                perr_range(p, "SyntaxError", t->lineno, t->col, t->lineno, t->col,
                           "expected one or more exception types");
        }
        ast_excepthandler_t *h = ast_alloc(p->arena, sizeof(*h));
        h->lineno = ek->lineno;
        h->col_offset = ek->col;
        if (!at(p, TOK_COLON)) {
            h->type = parse_expression(p);
            if (at(p, TOK_COMMA)) {
                // "except A, B:" -- find the end of the unparenthesized tuple for the range
                ast_expr_t *first = h->type;
                while (accept(p, TOK_COMMA)) {
                    h->type = parse_expression(p);
                }
                if (at(p, TOK_COLON) || at_kw(p, KW_AS)) {
                    perr_range(p, "SyntaxError", first->lineno, first->col_offset,
                               h->type->end_lineno, h->type->end_col_offset,
                               "multiple exception types must be parenthesized");
                }
                perr_invalid(p);
            }
            if (accept_kw(p, KW_AS)) {
                h->name = name_tok(p);
            }
        }
        expect_colon(p);
        parse_block(p, "'except' statement", ek, &h->body);
        ast_stmt_t tmp;
        end_from_seq(p, &tmp);
        h->end_lineno = tmp.end_lineno;
        h->end_col_offset = tmp.end_col_offset;
        s->end_lineno = h->end_lineno;
        s->end_col_offset = h->end_col_offset;
        vec_push(p, &handlers, h);
    }
    s->v.try_.handlers = VEC_SEQ(ast_excepthandler_seq_t, handlers);
    if (handlers.n > 0) {
        parse_else(p, s, &s->v.try_.orelse);
    }
    if (at_kw(p, KW_FINALLY)) {
        token_t *fk = advance(p);
        expect_colon(p);
        parse_block(p, "'finally' statement", fk, &s->v.try_.finalbody);
        end_from_seq(p, s);
    } else if (handlers.n == 0) {
        token_t *t = CUR(p);
        perr_range(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->end_col,
                   "expected 'except' or 'finally' block");
    }
    return s;
}

static ast_stmt_t *parse_funcdef(parser_t *p, vec_t *decorators) {
    token_t *kw = advance(p);
    ast_stmt_t *s = new_stmt(p, STMT_FUNCTIONDEF, kw);
    s->v.functiondef.name = name_tok(p);
    if (!at(p, TOK_LPAR)) {
        perr_invalid(p);
    }
    advance(p);
    s->v.functiondef.args = parse_parameters(p, 0, TOK_RPAR);
    expect(p, TOK_RPAR);
    if (accept(p, TOK_RARROW)) {
        s->v.functiondef.returns = parse_expression(p);
    }
    expect_colon(p);
    parse_block(p, "function definition", kw, &s->v.functiondef.body);
    end_from_seq(p, s);
    s->v.functiondef.decorator_list = VEC_SEQ(ast_expr_seq_t, *decorators);
    return s;
}

static ast_stmt_t *parse_classdef(parser_t *p, vec_t *decorators) {
    token_t *kw = advance(p);
    ast_stmt_t *s = new_stmt(p, STMT_CLASSDEF, kw);
    s->v.classdef.name = name_tok(p);
    token_t *open = CUR(p);
    if (accept(p, TOK_LPAR)) {
        parse_call_args(p, open, &s->v.classdef.bases, &s->v.classdef.keywords, 0, NULL);
        expect(p, TOK_RPAR);
    }
    expect_colon(p);
    parse_block(p, "class definition", kw, &s->v.classdef.body);
    end_from_seq(p, s);
    s->v.classdef.decorator_list = VEC_SEQ(ast_expr_seq_t, *decorators);
    return s;
}

// `async def`, `async for`, `async with`: the statement starts at `async`; errors about the
// block name the `def` / `for` / `with` line, as CPython's do.
static ast_stmt_t *parse_async_stmt(parser_t *p, vec_t *decorators) {
    token_t *at_async = advance(p);
    ast_stmt_t *s;
    if (at_kw(p, KW_DEF)) {
        s = parse_funcdef(p, decorators);
        s->v.functiondef.is_async = 1;
    } else if (at_kw(p, KW_FOR) && decorators->n == 0) {
        s = parse_for(p);
        s->v.for_.is_async = 1;
    } else if (at_kw(p, KW_WITH) && decorators->n == 0) {
        s = parse_with(p);
        s->v.with.is_async = 1;
    } else {
        perr_invalid(p);
    }
    s->lineno = at_async->lineno;
    s->col_offset = at_async->col;
    return s;
}

static ast_stmt_t *parse_decorated(parser_t *p) {
    vec_t decorators = {0};
    while (accept(p, TOK_AT)) {
        vec_push(p, &decorators, parse_named_expression(p));
        if (!accept(p, TOK_NEWLINE)) {
            perr_invalid(p);
        }
    }
    if (at_kw(p, KW_DEF)) {
        return parse_funcdef(p, &decorators);
    }
    if (at_kw(p, KW_CLASS)) {
        return parse_classdef(p, &decorators);
    }
    if (at_kw(p, KW_ASYNC) && PEEK(p, 1)->kind == TOK_NAME && PEEK(p, 1)->kw == KW_DEF) {
        return parse_async_stmt(p, &decorators);
    }
    perr_invalid(p);
}

static void parse_statement(parser_t *p, vec_t *out) {
    token_t *t = CUR(p);
    if (t->kind == TOK_AT) {
        vec_push(p, out, parse_decorated(p));
        return;
    }
    if (t->kind == TOK_NAME) {
        vec_t none = {0};
        switch (t->kw) {
        case KW_IF: vec_push(p, out, parse_if(p, 0)); return;
        case KW_WHILE: vec_push(p, out, parse_while(p)); return;
        case KW_FOR: vec_push(p, out, parse_for(p)); return;
        case KW_WITH: vec_push(p, out, parse_with(p)); return;
        case KW_TRY: vec_push(p, out, parse_try_stmt(p)); return;
        case KW_DEF: vec_push(p, out, parse_funcdef(p, &none)); return;
        case KW_CLASS: vec_push(p, out, parse_classdef(p, &none)); return;
        case KW_ASYNC: vec_push(p, out, parse_async_stmt(p, &none)); return;
        case KW_NOT_KEYWORD:
            if (t->len == 5 && memcmp(t->start, "match", 5) == 0 && parse_match_stmt(p, out)) {
                return; // core/parser_match.c
            }
            break;
        default: break;
        }
    }
    parse_simple_stmts(p, out);
}

void parse_statements(parser_t *p, vec_t *out, int until_dedent) {
    for (;;) {
        token_t *t = CUR(p);
        if (t->kind == TOK_ENDMARKER || t->kind == TOK_ERRORTOKEN) {
            if (until_dedent) {
                perr_invalid(p);
            }
            return;
        }
        if (t->kind == TOK_DEDENT) {
            if (until_dedent) {
                return;
            }
            perr_invalid(p);
        }
        if (t->kind == TOK_INDENT) {
            token_t *n = PEEK(p, 1);
            perr_range(p, "IndentationError", n->lineno, n->col - 1, n->lineno, -2,
                       "unexpected indent");
        }
        parse_statement(p, out);
    }
}

ast_stmt_t *parse_statement_single(parser_t *p, vec_t *out) {
    token_t *t = CUR(p);
    if (t->kind == TOK_INDENT) {
        token_t *n = PEEK(p, 1);
        perr_range(p, "IndentationError", n->lineno, n->col - 1, n->lineno, -2,
                   "unexpected indent");
    }
    parse_statement(p, out);
    return out->n ? out->items[0] : NULL;
}
