/*
 * parser_match.c - the match statement (PEP 634): subject, case blocks and every pattern kind,
 * producing CPython 3.11's pattern nodes (MatchValue, MatchSingleton, MatchSequence,
 * MatchMapping, MatchClass, MatchStar, MatchAs, MatchOr) with their positions.
 *
 * `match` and `case` are soft keywords: parse_match_stmt is tried at a statement that starts
 * with the name `match` and gives up (returning 0, nothing consumed) unless the line reads
 * `match SUBJECT:` up to its end, so `match = 1`, `match(x)`, `match[x]: int` stay ordinary
 * statements.  `_` is a wildcard only inside patterns.
 *
 * Errors follow CPython's grammar actions and its second-pass "invalid_" rules: "expected ':'",
 * "expected an indented block after 'match'/'case' statement", "cannot use '_' as a target",
 * "invalid pattern target", "positional patterns follow keyword patterns" and the
 * real/imaginary checks of complex literals.  Errors that need name analysis (irrefutable
 * patterns, repeated names, duplicate keys...) belong to the compiler (core/compile_match.c).
 *
 * Invariants: as parser_stmt.c (a compound statement consumes its whole block; its end is the
 * end of the last statement of its last block).
 */
#include <string.h>

#include "parser_int.h"

static ast_pattern_t *parse_pattern(parser_t *p);

static ast_pattern_t *new_pattern(parser_t *p, ast_pattern_kind_t kind, token_t *start) {
    ast_pattern_t *pt = ast_alloc(p->arena, sizeof(*pt));
    pt->kind = kind;
    pt->lineno = start->lineno;
    pt->col_offset = start->col;
    return pt;
}

static void end_pattern(parser_t *p, ast_pattern_t *pt) {
    token_t *t = PREV(p);
    pt->end_lineno = t->end_lineno;
    pt->end_col_offset = t->end_col;
}

static int tok_is(token_t *t, const char *word) {
    return t->kind == TOK_NAME && t->len == strlen(word) && memcmp(t->start, word, t->len) == 0;
}

// pattern_capture_target: !"_" NAME !('.' | '(' | '=')
static int at_capture_target(parser_t *p) {
    token_t *t = CUR(p);
    if (t->kind != TOK_NAME || t->kw != KW_NOT_KEYWORD || tok_is(t, "_")) {
        return 0;
    }
    tok_kind_t k = PEEK(p, 1)->kind;
    return k != TOK_DOT && k != TOK_LPAR && k != TOK_EQUAL;
}

static const char *capture_target(parser_t *p) {
    if (!at_capture_target(p)) {
        perr_invalid(p);
    }
    token_t *t = advance(p);
    return tok_ident(p, t);
}

// signed_number, or complex_number: signed_real_number ('+' | '-') imaginary_number
static ast_expr_t *parse_signed_number(parser_t *p) {
    token_t *start = CUR(p);
    int neg = accept(p, TOK_MINUS);
    if (!at(p, TOK_NUMBER)) {
        perr_invalid(p);
    }
    token_t *nt = advance(p);
    ast_expr_t *num = parse_number(p, nt);
    ast_expr_t *value = num;
    if (neg) {
        value = new_expr(p, EXPR_UNARYOP, start);
        value->v.unaryop.op = UOP_USUB;
        value->v.unaryop.operand = num;
        end_expr(p, value);
    }
    if (!at(p, TOK_PLUS) && !at(p, TOK_MINUS)) {
        return value;
    }
    if (num->v.constant.kind == CONST_IMAG) {
        perr_expr(p, num, "real number required in complex literal");
    }
    ast_operator_t op = at(p, TOK_PLUS) ? OP_ADD : OP_SUB;
    advance(p);
    if (!at(p, TOK_NUMBER)) {
        perr_invalid(p);
    }
    token_t *it = advance(p);
    ast_expr_t *imag = parse_number(p, it);
    if (imag->v.constant.kind != CONST_IMAG) {
        perr_expr(p, imag, "imaginary number required in complex literal");
    }
    ast_expr_t *b = new_expr(p, EXPR_BINOP, start);
    b->v.binop.left = value;
    b->v.binop.op = op;
    b->v.binop.right = imag;
    end_expr(p, b);
    return b;
}

// name_or_attr: NAME ('.' NAME)*, as Name or Attribute nodes in Load context.
static ast_expr_t *parse_name_or_attr(parser_t *p) {
    token_t *t = CUR(p);
    if (t->kind != TOK_NAME || t->kw != KW_NOT_KEYWORD) {
        perr_invalid(p);
    }
    advance(p);
    ast_expr_t *e = new_expr(p, EXPR_NAME, t);
    e->v.name.id = tok_ident(p, t);
    e->v.name.ctx = EXPR_CTX_LOAD;
    end_expr(p, e);
    while (at(p, TOK_DOT)) {
        advance(p);
        token_t *n = CUR(p);
        if (n->kind != TOK_NAME || n->kw != KW_NOT_KEYWORD) {
            perr_invalid(p);
        }
        advance(p);
        ast_expr_t *a = new_expr(p, EXPR_ATTRIBUTE, t);
        a->v.attribute.value = e;
        a->v.attribute.attr = tok_ident(p, n);
        a->v.attribute.ctx = EXPR_CTX_LOAD;
        end_expr(p, a);
        e = a;
    }
    return e;
}

static ast_pattern_t *value_pattern(parser_t *p, ast_expr_t *value) {
    ast_pattern_t *pt = ast_alloc(p->arena, sizeof(*pt));
    pt->kind = PATTERN_VALUE;
    pt->lineno = value->lineno;
    pt->col_offset = value->col_offset;
    pt->end_lineno = value->end_lineno;
    pt->end_col_offset = value->end_col_offset;
    pt->v.value.value = value;
    return pt;
}

// maybe_star_pattern: '*' (capture target | '_') | pattern
static ast_pattern_t *parse_maybe_star(parser_t *p) {
    token_t *t = CUR(p);
    if (!accept(p, TOK_STAR)) {
        return parse_pattern(p);
    }
    ast_pattern_t *pt = new_pattern(p, PATTERN_STAR, t);
    if (tok_is(CUR(p), "_")) {
        advance(p);
    } else {
        pt->v.star.name = capture_target(p);
    }
    end_pattern(p, pt);
    return pt;
}

// Items of a sequence pattern up to `closer` (the opening bracket is consumed); a trailing
// comma is allowed.
static void parse_sequence_items(parser_t *p, tok_kind_t closer, vec_t *items) {
    while (!at(p, closer)) {
        vec_push(p, items, parse_maybe_star(p));
        if (!accept(p, TOK_COMMA)) {
            break;
        }
    }
    expect(p, closer);
}

static ast_pattern_t *parse_group_or_sequence(parser_t *p) {
    token_t *open = advance(p); // '('
    vec_t items = {0};
    if (!at(p, TOK_RPAR)) {
        ast_pattern_t *first = parse_maybe_star(p);
        if (at(p, TOK_RPAR) && first->kind != PATTERN_STAR) {
            advance(p);
            return first; // group pattern: the inner node, positions included
        }
        vec_push(p, &items, first);
        if (!accept(p, TOK_COMMA)) {
            perr_invalid(p);
        }
    }
    parse_sequence_items(p, TOK_RPAR, &items);
    ast_pattern_t *pt = new_pattern(p, PATTERN_SEQUENCE, open);
    pt->v.sequence.patterns = VEC_SEQ(ast_pattern_seq_t, items);
    end_pattern(p, pt);
    return pt;
}

// literal_expr | attr, the keys of a mapping pattern.
static ast_expr_t *parse_mapping_key(parser_t *p) {
    token_t *t = CUR(p);
    switch (t->kind) {
    case TOK_NUMBER:
    case TOK_MINUS: return parse_signed_number(p);
    case TOK_STRING: return parse_strings(p);
    case TOK_NAME: {
        ast_const_kind_t k;
        switch (t->kw) {
        case KW_NONE: k = CONST_NONE; break;
        case KW_TRUE: k = CONST_TRUE; break;
        case KW_FALSE: k = CONST_FALSE; break;
        default: {
            ast_expr_t *e = parse_name_or_attr(p);
            if (e->kind != EXPR_ATTRIBUTE) {
                perr_invalid(p);
            }
            return e;
        }
        }
        advance(p);
        ast_expr_t *e = new_expr(p, EXPR_CONSTANT, t);
        e->v.constant.kind = k;
        end_expr(p, e);
        return e;
    }
    default: perr_invalid(p);
    }
}

static ast_pattern_t *parse_mapping(parser_t *p) {
    token_t *open = advance(p); // '{'
    ast_pattern_t *pt = new_pattern(p, PATTERN_MAPPING, open);
    vec_t keys = {0}, pats = {0};
    while (!at(p, TOK_RBRACE)) {
        if (accept(p, TOK_DOUBLESTAR)) {
            pt->v.mapping.rest = capture_target(p);
            accept(p, TOK_COMMA);
            break;
        }
        vec_push(p, &keys, parse_mapping_key(p));
        expect(p, TOK_COLON);
        vec_push(p, &pats, parse_pattern(p));
        if (!accept(p, TOK_COMMA)) {
            break;
        }
    }
    expect(p, TOK_RBRACE);
    pt->v.mapping.keys = VEC_SEQ(ast_expr_seq_t, keys);
    pt->v.mapping.patterns = VEC_SEQ(ast_pattern_seq_t, pats);
    end_pattern(p, pt);
    return pt;
}

static int at_keyword_pattern(parser_t *p) {
    token_t *t = CUR(p);
    return t->kind == TOK_NAME && t->kw == KW_NOT_KEYWORD && PEEK(p, 1)->kind == TOK_EQUAL;
}

static void *try_pattern(parser_t *p, void *arg) {
    (void)arg;
    return parse_pattern(p);
}

// cls '(' [positional_patterns] [keyword_patterns] [','] ')'; the '(' is next.
static ast_pattern_t *parse_class(parser_t *p, ast_expr_t *cls) {
    advance(p); // '('
    ast_pattern_t *pt = ast_alloc(p->arena, sizeof(*pt));
    pt->kind = PATTERN_CLASS;
    pt->lineno = cls->lineno;
    pt->col_offset = cls->col_offset;
    pt->v.class_.cls = cls;
    vec_t pos = {0}, attrs = {0}, kwpats = {0};
    while (!at(p, TOK_RPAR)) {
        if (at_keyword_pattern(p)) {
            vec_push(p, &attrs, (void *)tok_ident(p, advance(p)));
            advance(p); // '='
            vec_push(p, &kwpats, parse_pattern(p));
        } else if (attrs.n > 0) {
            // CPython's invalid_class_pattern: the run of positional patterns that follows
            // the keyword patterns.
            ast_pattern_t *first = parse_pattern(p), *last = first;
            while (at(p, TOK_COMMA) &&
                   !(PEEK(p, 1)->kind == TOK_NAME && PEEK(p, 2)->kind == TOK_EQUAL)) {
                int save = p->pos;
                advance(p);
                ast_pattern_t *next = parse_try(p, try_pattern, NULL);
                if (!next) {
                    p->pos = save;
                    break;
                }
                last = next;
            }
            perr_range(p, "SyntaxError", first->lineno, first->col_offset, last->end_lineno,
                       last->end_col_offset, "positional patterns follow keyword patterns");
        } else {
            vec_push(p, &pos, parse_pattern(p));
        }
        if (!accept(p, TOK_COMMA)) {
            break;
        }
    }
    expect(p, TOK_RPAR);
    pt->v.class_.patterns = VEC_SEQ(ast_pattern_seq_t, pos);
    pt->v.class_.kwd_attrs = VEC_SEQ(ast_ident_seq_t, attrs);
    pt->v.class_.kwd_patterns = VEC_SEQ(ast_pattern_seq_t, kwpats);
    end_pattern(p, pt);
    return pt;
}

static ast_pattern_t *parse_closed_pattern(parser_t *p) {
    token_t *t = CUR(p);
    switch (t->kind) {
    case TOK_NUMBER:
    case TOK_MINUS: return value_pattern(p, parse_signed_number(p));
    case TOK_STRING: return value_pattern(p, parse_strings(p));
    case TOK_LPAR: {
        enter(p, PARSE_COST_PAREN);
        ast_pattern_t *pt = parse_group_or_sequence(p);
        leave(p, PARSE_COST_PAREN);
        return pt;
    }
    case TOK_LSQB: {
        enter(p, PARSE_COST_DISPLAY);
        advance(p);
        vec_t items = {0};
        parse_sequence_items(p, TOK_RSQB, &items);
        ast_pattern_t *pt = new_pattern(p, PATTERN_SEQUENCE, t);
        pt->v.sequence.patterns = VEC_SEQ(ast_pattern_seq_t, items);
        end_pattern(p, pt);
        leave(p, PARSE_COST_DISPLAY);
        return pt;
    }
    case TOK_LBRACE: {
        enter(p, PARSE_COST_DISPLAY);
        ast_pattern_t *pt = parse_mapping(p);
        leave(p, PARSE_COST_DISPLAY);
        return pt;
    }
    case TOK_NAME: break;
    default: perr_invalid(p);
    }
    if (t->kw == KW_NONE || t->kw == KW_TRUE || t->kw == KW_FALSE) {
        advance(p);
        ast_pattern_t *pt = new_pattern(p, PATTERN_SINGLETON, t);
        pt->v.singleton.value = t->kw == KW_NONE   ? CONST_NONE
                                : t->kw == KW_TRUE ? CONST_TRUE
                                                   : CONST_FALSE;
        end_pattern(p, pt);
        return pt;
    }
    if (t->kw != KW_NOT_KEYWORD) {
        perr_invalid(p);
    }
    if (tok_is(t, "_")) { // wildcard_pattern comes before value and class patterns
        advance(p);
        ast_pattern_t *pt = new_pattern(p, PATTERN_AS, t);
        end_pattern(p, pt);
        return pt;
    }
    if (at_capture_target(p)) {
        advance(p);
        ast_pattern_t *pt = new_pattern(p, PATTERN_AS, t);
        pt->v.as.name = tok_ident(p, t);
        end_pattern(p, pt);
        return pt;
    }
    ast_expr_t *e = parse_name_or_attr(p);
    if (at(p, TOK_LPAR)) {
        enter(p, PARSE_COST_TRAILER);
        ast_pattern_t *pt = parse_class(p, e);
        leave(p, PARSE_COST_TRAILER);
        return pt;
    }
    if (e->kind != EXPR_ATTRIBUTE || at(p, TOK_EQUAL)) {
        perr_invalid(p);
    }
    return value_pattern(p, e);
}

// or_pattern: '|'.closed_pattern+
static ast_pattern_t *parse_or_pattern(parser_t *p) {
    token_t *start = CUR(p);
    ast_pattern_t *first = parse_closed_pattern(p);
    if (!at(p, TOK_VBAR)) {
        return first;
    }
    vec_t alts = {0};
    vec_push(p, &alts, first);
    while (accept(p, TOK_VBAR)) {
        vec_push(p, &alts, parse_closed_pattern(p));
    }
    ast_pattern_t *pt = new_pattern(p, PATTERN_OR, start);
    pt->v.or_.patterns = VEC_SEQ(ast_pattern_seq_t, alts);
    end_pattern(p, pt);
    return pt;
}

static void *try_expression(parser_t *p, void *arg) {
    (void)arg;
    return parse_expression(p);
}

// pattern: or_pattern ['as' capture target]
static ast_pattern_t *parse_pattern(parser_t *p) {
    enter(p, 1);
    token_t *start = CUR(p);
    ast_pattern_t * or = parse_or_pattern(p);
    if (!at_kw(p, KW_AS)) {
        leave(p, 1);
        return or ;
    }
    advance(p);
    token_t *t = CUR(p);
    if (tok_is(t, "_")) {
        perr_tok(p, t, "cannot use '_' as a target");
    }
    if (t->kind != TOK_NAME || t->kw != KW_NOT_KEYWORD) {
        ast_expr_t *e = parse_try(p, try_expression, NULL);
        if (e) {
            perr_expr(p, e, "invalid pattern target");
        }
        perr_invalid(p);
    }
    ast_pattern_t *pt = new_pattern(p, PATTERN_AS, start);
    pt->v.as.pattern = or ;
    pt->v.as.name = capture_target(p);
    end_pattern(p, pt);
    leave(p, 1);
    return pt;
}

// patterns: open_sequence_pattern | pattern (the pattern of a case block)
static ast_pattern_t *parse_case_patterns(parser_t *p) {
    token_t *start = CUR(p);
    ast_pattern_t *first = parse_maybe_star(p);
    if (!at(p, TOK_COMMA)) {
        if (first->kind == PATTERN_STAR) {
            perr_invalid(p);
        }
        return first;
    }
    vec_t items = {0};
    vec_push(p, &items, first);
    while (accept(p, TOK_COMMA)) {
        if (at(p, TOK_COLON) || at_kw(p, KW_IF) || at(p, TOK_NEWLINE)) {
            break; // a trailing comma (a missing ':' is reported by the caller)
        }
        vec_push(p, &items, parse_maybe_star(p));
    }
    ast_pattern_t *pt = new_pattern(p, PATTERN_SEQUENCE, start);
    pt->v.sequence.patterns = VEC_SEQ(ast_pattern_seq_t, items);
    end_pattern(p, pt);
    return pt;
}

// ':' ending a match or case line; "expected ':'" (empty caret) when the line ends instead.
static void expect_block_colon(parser_t *p) {
    if (accept(p, TOK_COLON)) {
        return;
    }
    if (at(p, TOK_NEWLINE)) {
        token_t *t = CUR(p);
        perr_range(p, "SyntaxError", t->lineno, t->col, t->lineno, t->col, "expected ':'");
    }
    perr_invalid(p);
}

// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
static ast_expr_t *parse_subject(parser_t *p) {
    token_t *st = CUR(p);
    ast_expr_t *first = parse_star_named_expression(p);
    if (!at(p, TOK_COMMA)) {
        if (first->kind == EXPR_STARRED) {
            perr_invalid(p);
        }
        return first;
    }
    vec_t v = {0};
    vec_push(p, &v, first);
    while (accept(p, TOK_COMMA)) {
        if (!can_start_expression(CUR(p)) && !at(p, TOK_STAR)) {
            break;
        }
        vec_push(p, &v, parse_star_named_expression(p));
    }
    ast_expr_t *t = new_expr(p, EXPR_TUPLE, st);
    end_expr(p, t);
    t->v.tuple.elts = VEC_SEQ(ast_expr_seq_t, v);
    t->v.tuple.ctx = EXPR_CTX_LOAD;
    return t;
}

// `match SUBJECT` followed by `:` NEWLINE (want_colon) or by NEWLINE alone.
static void *try_match_line(parser_t *p, void *want_colon) {
    advance(p); // 'match'
    if (at(p, TOK_EQUAL) || at(p, TOK_COLON) || at(p, TOK_DOT) || at(p, TOK_NEWLINE)) {
        perr_invalid(p);
    }
    parse_subject(p);
    if (want_colon && !accept(p, TOK_COLON)) {
        perr_invalid(p);
    }
    if (!at(p, TOK_NEWLINE)) {
        perr_invalid(p);
    }
    return p;
}

static void *try_simple_stmts(parser_t *p, void *out) {
    parse_simple_stmts(p, out);
    return p;
}

static ast_match_case_t *parse_case(parser_t *p) {
    token_t *kw = advance(p); // 'case'
    ast_match_case_t *m = ast_alloc(p->arena, sizeof(*m));
    m->pattern = parse_case_patterns(p);
    if (accept_kw(p, KW_IF)) {
        m->guard = parse_named_expression(p);
    }
    expect_block_colon(p);
    parse_block(p, "'case' statement", kw, &m->body);
    return m;
}

int parse_match_stmt(parser_t *p, vec_t *out) {
    token_t *kw = CUR(p);
    int save = p->pos;
    if (!parse_try(p, try_match_line, (void *)1)) {
        // Not a match statement: an ordinary statement starting with the name `match`.  When
        // that fails too, CPython's second pass reports `match SUBJECT` NEWLINE as a match
        // statement missing its colon.
        vec_t tmp = {0};
        if (parse_try(p, try_simple_stmts, &tmp)) {
            for (int i = 0; i < tmp.n; i++) {
                vec_push(p, out, tmp.items[i]);
            }
            return 1;
        }
        if (parse_try(p, try_match_line, NULL)) {
            p->pos = save;
            advance(p);
            parse_subject(p);
            expect_block_colon(p);
        }
        p->pos = save;
        return 0;
    }
    p->pos = save;
    advance(p); // 'match'
    ast_stmt_t *s = new_stmt(p, STMT_MATCH, kw);
    s->v.match.subject = parse_subject(p);
    expect(p, TOK_COLON);
    expect(p, TOK_NEWLINE);
    if (!at(p, TOK_INDENT)) {
        token_t *t = CUR(p);
        perr_range(p, "IndentationError", t->lineno, t->col, t->end_lineno,
                   t->kind == TOK_ENDMARKER ? TOK_END_NONE : t->end_col,
                   "expected an indented block after 'match' statement on line %d", kw->lineno);
    }
    advance(p);
    enter(p, PARSE_COST_BLOCK);
    vec_t cases = {0};
    do {
        if (!at_soft_kw(p, "case")) {
            perr_invalid(p);
        }
        vec_push(p, &cases, parse_case(p));
    } while (!at(p, TOK_DEDENT));
    leave(p, PARSE_COST_BLOCK);
    expect(p, TOK_DEDENT);
    s->v.match.cases = VEC_SEQ(ast_match_case_seq_t, cases);
    // The statement ends where its last block's last statement does.
    int i = p->pos - 1;
    while (i > 0 && (p->toks[i].kind == TOK_NEWLINE || p->toks[i].kind == TOK_INDENT ||
                     p->toks[i].kind == TOK_DEDENT)) {
        i--;
    }
    s->end_lineno = p->toks[i].end_lineno;
    s->end_col_offset = p->toks[i].end_col;
    vec_push(p, out, s);
    return 1;
}
