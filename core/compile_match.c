/*
 * core/compile_match.c — compiling the match statement (PEP 634) to register
 * code, with CPython 3.11's compile-time SyntaxErrors.
 *
 * Scheme.  The subject is evaluated once into a temporary.  Each case gets a
 * fail label and one temporary per name its pattern captures; a pattern is
 * compiled against a register holding its subject and jumps to the fail
 * label as soon as something does not match:
 *
 *   value       JEQ(_K) subj, value, 0 -> fail           (subject == value)
 *   singleton   JIS subj, None/True/False, 0 -> fail
 *   sequence    MATCH_SEQUENCE subj -> fail; GET_LEN + JEQ_K/JGE_K -> fail;
 *               UNPACK_SEQUENCE / UNPACK_EX, or GET_ITEM per item when the
 *               star is `*_`; then each sub-pattern on its register
 *   mapping     MATCH_MAPPING subj -> fail; GET_LEN + JGE_K -> fail;
 *               keys -> BUILD_TUPLE; MATCH_KEYS -> fail; UNPACK_SEQUENCE;
 *               sub-patterns; `**rest`: BUILD_MAP, DICT_UPDATE, DEL_ITEM
 *   class       MATCH_CLASS (subject, class, keyword-name tuple) -> fail;
 *               UNPACK_SEQUENCE; sub-patterns
 *   or          each alternative with its own fail label; success jumps out
 *   capture     MOVE cap[name], subj
 *
 * Captures only fill the case's temporaries: the names are stored (in
 * CPython's order) once the whole pattern has matched, then the guard runs,
 * so a failed pattern binds nothing and a failed guard leaves the names bound,
 * as in CPython.
 *
 * Errors are reported where CPython 3.11 reports them: at the last pattern
 * node the compiler started on (pctx_t.loc), which is not always the node at
 * fault ("multiple assignments to name" of `p as x` points into p).
 */
#include <stdlib.h>
#include <string.h>

#include "../objects/dict.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "compile_int.h"
#include "error.h"

void compile_match(compiler_t *c, ast_stmt_t *s);

typedef struct {
    const char **names; // captured names of the case (each once)
    int base;           // names[i] is collected in register base + i
    int n, cap;
    const char **stores; // names bound so far, in CPython's store order
    int nstores, stores_cap;
    bool allow_irrefutable;
    int fail; // label: the pattern does not match
    int line, col, end_line, end_col;
} pctx_t;

static void push_name(const char ***v, int *n, int *cap, const char *name) {
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        const char **nv = realloc((void *)*v, (size_t)*cap * sizeof(char *));
        if (!nv) abort();
        *v = nv;
    }
    (*v)[(*n)++] = name;
}

static int find_name(const char **v, int n, const char *name) {
    for (int i = 0; i < n; i++)
        if (strcmp(v[i], name) == 0) return i;
    return -1;
}

static void collect_captures(pctx_t *pc, ast_pattern_t *pt) {
    const char *name = NULL;
    switch (pt->kind) {
    case PATTERN_VALUE:
    case PATTERN_SINGLETON: return;
    case PATTERN_SEQUENCE:
    case PATTERN_OR:
        for (int i = 0; i < pt->v.sequence.patterns.n; i++)
            collect_captures(pc, pt->v.sequence.patterns.items[i]);
        return;
    case PATTERN_MAPPING:
        for (int i = 0; i < pt->v.mapping.patterns.n; i++)
            collect_captures(pc, pt->v.mapping.patterns.items[i]);
        name = pt->v.mapping.rest;
        break;
    case PATTERN_CLASS:
        for (int i = 0; i < pt->v.class_.patterns.n; i++)
            collect_captures(pc, pt->v.class_.patterns.items[i]);
        for (int i = 0; i < pt->v.class_.kwd_patterns.n; i++)
            collect_captures(pc, pt->v.class_.kwd_patterns.items[i]);
        return;
    case PATTERN_STAR: name = pt->v.star.name; break;
    case PATTERN_AS:
        if (pt->v.as.pattern) collect_captures(pc, pt->v.as.pattern);
        name = pt->v.as.name;
        break;
    }
    if (name && find_name(pc->names, pc->n, name) < 0)
        push_name(&pc->names, &pc->n, &pc->cap, name);
}

static void pattern_loc(compiler_t *c, pctx_t *pc, ast_pattern_t *pt) {
    unit_t *u = c->u;
    pc->line = u->line = pt->lineno;
    pc->col = u->col = pt->col_offset;
    pc->end_line = u->end_line = pt->end_lineno;
    pc->end_col = u->end_col = pt->end_col_offset;
}

#define P_ERROR(c, pc, ...)                                                                        \
    c_error((c), (pc)->line, (pc)->col, (pc)->end_line, (pc)->end_col, __VA_ARGS__)

// Records the capture of `name` (NULL: nothing to bind) from register src (-1: the value is
// already in the name's register).
static void store_name(compiler_t *c, pctx_t *pc, const char *name, int src) {
    if (name == NULL) return;
    if (strcmp(name, "__debug__") == 0) {
        P_ERROR(c, pc, "cannot assign to __debug__");
        return;
    }
    if (find_name(pc->stores, pc->nstores, name) >= 0) {
        P_ERROR(c, pc, "multiple assignments to name '%s' in pattern", name);
        return;
    }
    push_name(&pc->stores, &pc->nstores, &pc->stores_cap, name);
    if (src >= 0) emit(c, OPC_MOVE, pc->base + find_name(pc->names, pc->n, name), src, 0);
}

static bool is_wildcard(ast_pattern_t *pt) {
    return pt->kind == PATTERN_AS && !pt->v.as.pattern && !pt->v.as.name;
}

static bool is_star_wildcard(ast_pattern_t *pt) {
    return pt->kind == PATTERN_STAR && !pt->v.star.name;
}

static void pattern(compiler_t *c, pctx_t *pc, ast_pattern_t *pt, int subj);

static void subpattern(compiler_t *c, pctx_t *pc, ast_pattern_t *pt, int subj) {
    bool saved = pc->allow_irrefutable;
    pc->allow_irrefutable = true;
    pattern(c, pc, pt, subj);
    pc->allow_irrefutable = saved;
}

static void jump_unless_len(compiler_t *c, pctx_t *pc, int subj, int op, ssize_t n) {
    int mark = reg_mark(c);
    int len = alloc_reg(c);
    emit(c, OPC_GET_LEN, len, subj, 0);
    obj_t *k = int_from_i64(n);
    if (!k) {
        c_fail_pending(c);
        return;
    }
    int ki = add_const(c, k);
    DECREF(k);
    emit_jump(c, op, len, ki, 0, pc->fail);
    free_to(c, mark);
}

static void pattern_sequence(compiler_t *c, pctx_t *pc, ast_pattern_t *pt, int subj) {
    ast_pattern_seq_t *pats = &pt->v.sequence.patterns;
    int size = pats->n, star = -1;
    bool only_wildcard = true, star_wildcard = false;
    for (int i = 0; i < size; i++) {
        ast_pattern_t *p = pats->items[i];
        if (p->kind == PATTERN_STAR) {
            if (star >= 0) {
                P_ERROR(c, pc, "multiple starred names in sequence pattern");
                return;
            }
            star = i;
            star_wildcard = is_star_wildcard(p);
        }
        only_wildcard &= is_wildcard(p) || is_star_wildcard(p);
    }
    emit_jump(c, OPC_MATCH_SEQUENCE, subj, 0, 0, pc->fail);
    if (star < 0)
        jump_unless_len(c, pc, subj, OPC_JEQ_K, size);
    else if (size > 1)
        jump_unless_len(c, pc, subj, OPC_JGE_K, size - 1);
    if (only_wildcard || c->failed) return;
    int mark = reg_mark(c);
    if (star_wildcard) {
        // Index only the items that need matching: subject[i] before the star,
        // subject[len(subject) - (size - i)] after it (a non-negative index, with len()
        // asked again for each item, as CPython does).
        int idx = alloc_reg(c), item = alloc_reg(c);
        for (int i = 0; i < size && !c->failed; i++) {
            ast_pattern_t *p = pats->items[i];
            if (i == star || is_wildcard(p)) continue;
            if (i < star) {
                emit_bx(c, OPC_LOAD_SMALLINT, idx, (uint32_t)(i + SBX_BIAS));
            } else {
                obj_t *k = int_from_i64(size - i);
                if (!k) {
                    c_fail_pending(c);
                    break;
                }
                int ki = add_const(c, k);
                DECREF(k);
                emit(c, OPC_GET_LEN, item, subj, 0);
                emit(c, OPC_SUB_K, idx, item, ki);
            }
            emit(c, OPC_GET_ITEM, item, subj, idx);
            subpattern(c, pc, p, item);
        }
    } else {
        if (star >= 256) { // CPython's UNPACK_EX operand limit
            P_ERROR(c, pc, "too many expressions in star-unpacking sequence pattern");
            return;
        }
        int base = alloc_regs(c, size);
        if (star < 0)
            emit(c, OPC_UNPACK_SEQUENCE, base, subj, size);
        else
            emit_word(c, OPC_UNPACK_EX, base, subj, star, size - star - 1);
        for (int i = 0; i < size && !c->failed; i++) {
            ast_pattern_t *p = pats->items[i];
            if (p->kind == PATTERN_STAR) {
                pattern_loc(c, pc, p);
                store_name(c, pc, p->v.star.name, base + i);
            } else if (!is_wildcard(p)) {
                subpattern(c, pc, p, base + i);
            }
        }
    }
    free_to(c, mark);
}

// Literal keys are folded like CPython's AST optimizer does (-1, 1+2j are constants there).
static bool is_literal_key(ast_expr_t *e) {
    return e->kind == EXPR_CONSTANT || e->kind == EXPR_UNARYOP || e->kind == EXPR_BINOP;
}

static void pattern_mapping(compiler_t *c, pctx_t *pc, ast_pattern_t *pt, int subj) {
    ast_expr_seq_t *keys = &pt->v.mapping.keys;
    ast_pattern_seq_t *pats = &pt->v.mapping.patterns;
    int size = keys->n;
    const char *rest = pt->v.mapping.rest;
    emit_jump(c, OPC_MATCH_MAPPING, subj, 0, 0, pc->fail);
    if (size == 0 && !rest) return;
    if (size) jump_unless_len(c, pc, subj, OPC_JGE_K, size);
    // Duplicate literal keys are a SyntaxError; other keys are checked by MATCH_KEYS.
    obj_t *seen = dict_new();
    if (!seen) {
        c_fail_pending(c);
        return;
    }
    int mark = reg_mark(c);
    int ktuple = alloc_reg(c), vals = alloc_reg(c);
    int kregs = alloc_regs(c, size);
    for (int i = 0; i < size && !c->failed; i++) {
        ast_expr_t *key = keys->items[i];
        if (is_literal_key(key)) {
            obj_t *v = const_value(c, key);
            if (v) {
                int r = dict_contains(seen, v);
                if (r > 0) {
                    obj_t *repr = obj_repr(v);
                    const char *text = repr ? str_data(repr) : NULL;
                    if (text) P_ERROR(c, pc, "mapping pattern checks duplicate key (%s)", text);
                    XDECREF(repr);
                    if (!text) c_fail_pending(c);
                    DECREF(v);
                    break;
                }
                if (r < 0 || dict_set(seen, v, None) < 0) err_clear(); // unhashable: runtime
                DECREF(v);
            }
        } else if (key->kind != EXPR_ATTRIBUTE) {
            P_ERROR(c, pc, "mapping pattern keys may only match literals and attribute lookups");
            break;
        }
        expr_to(c, key, kregs + i);
    }
    DECREF(seen);
    if (c->failed) return;
    emit(c, OPC_BUILD_TUPLE, ktuple, kregs, size);
    free_to(c, kregs);
    emit_jump(c, OPC_MATCH_KEYS, vals, subj, ktuple, pc->fail);
    if (size) {
        int base = alloc_regs(c, size);
        emit(c, OPC_UNPACK_SEQUENCE, base, vals, size);
        for (int i = 0; i < size && !c->failed; i++) {
            ast_pattern_t *p = pats->items[i];
            if (!is_wildcard(p)) subpattern(c, pc, p, base + i);
        }
        free_to(c, base);
    }
    if (rest && !c->failed) {
        // rest = dict(subject) without the matched keys
        int r = alloc_reg(c);
        emit(c, OPC_BUILD_MAP, r, r, 0);
        emit(c, OPC_DICT_UPDATE, r, subj, 0);
        if (size) {
            int k = alloc_regs(c, size);
            emit(c, OPC_UNPACK_SEQUENCE, k, ktuple, size);
            for (int i = 0; i < size; i++)
                emit(c, OPC_DEL_ITEM, r, k + i, 0);
        }
        store_name(c, pc, rest, r);
    }
    free_to(c, mark);
}

static void pattern_class(compiler_t *c, pctx_t *pc, ast_pattern_t *pt, int subj) {
    ast_pattern_seq_t *pats = &pt->v.class_.patterns;
    ast_ident_seq_t *attrs = &pt->v.class_.kwd_attrs;
    ast_pattern_seq_t *kwpats = &pt->v.class_.kwd_patterns;
    int nargs = pats->n, nattrs = attrs->n;
    for (int i = 0; i < nattrs; i++) {
        pattern_loc(c, pc, kwpats->items[i]);
        if (strcmp(attrs->items[i], "__debug__") == 0) {
            P_ERROR(c, pc, "cannot assign to __debug__");
            return;
        }
        for (int j = i + 1; j < nattrs; j++) {
            if (strcmp(attrs->items[i], attrs->items[j]) == 0) {
                pattern_loc(c, pc, kwpats->items[j]);
                P_ERROR(c, pc, "attribute name repeated in class pattern: %s", attrs->items[i]);
                return;
            }
        }
    }
    pattern_loc(c, pc, pt);
    obj_t *names = tuple_new((size_t)nattrs);
    if (!names) {
        c_fail_pending(c);
        return;
    }
    for (int i = 0; i < nattrs; i++)
        TUPLE_SET(names, i, NEWREF(str_intern(attrs->items[i])));
    int mark = reg_mark(c);
    int res = alloc_reg(c);
    int base = alloc_regs(c, 3); // subject, class, keyword names
    emit(c, OPC_MOVE, base, subj, 0);
    expr_to(c, pt->v.class_.cls, base + 1);
    pattern_loc(c, pc, pt);
    emit_load_const(c, base + 2, names);
    DECREF(names);
    emit_jump(c, OPC_MATCH_CLASS, res, base, nargs, pc->fail);
    free_to(c, base);
    int n = nargs + nattrs;
    if (n) {
        int items = alloc_regs(c, n);
        emit(c, OPC_UNPACK_SEQUENCE, items, res, n);
        for (int i = 0; i < n && !c->failed; i++) {
            ast_pattern_t *p = i < nargs ? pats->items[i] : kwpats->items[i - nargs];
            if (!is_wildcard(p)) subpattern(c, pc, p, items + i);
        }
    }
    free_to(c, mark);
}

static void pattern_or(compiler_t *c, pctx_t *pc, ast_pattern_t *pt, int subj) {
    ast_pattern_seq_t *alts = &pt->v.or_.patterns;
    const char **outer = pc->stores;
    int nouter = pc->nstores, outer_cap = pc->stores_cap;
    bool allow = pc->allow_irrefutable;
    int fail = pc->fail, end = new_label(c);
    const char **control = NULL;
    int ncontrol = 0;
    for (int i = 0; i < alts->n && !c->failed; i++) {
        ast_pattern_t *alt = alts->items[i];
        bool last = i == alts->n - 1;
        pattern_loc(c, pc, alt);
        pc->stores = NULL;
        pc->nstores = pc->stores_cap = 0;
        pc->allow_irrefutable = last && allow;
        pc->fail = last ? fail : new_label(c);
        pattern(c, pc, alt, subj);
        if (!c->failed) {
            if (i == 0) {
                control = pc->stores;
                ncontrol = pc->nstores;
                pc->stores = NULL;
            } else {
                bool same = pc->nstores == ncontrol;
                for (int k = 0; k < ncontrol && same; k++)
                    same = find_name(pc->stores, pc->nstores, control[k]) >= 0;
                if (!same) P_ERROR(c, pc, "alternative patterns bind different names");
            }
        }
        free((void *)pc->stores);
        if (!last) {
            emit_jump(c, OPC_JUMP, 0, 0, 0, end);
            bind_label(c, pc->fail);
        }
    }
    bind_label(c, end);
    pc->stores = outer;
    pc->nstores = nouter;
    pc->stores_cap = outer_cap;
    pc->allow_irrefutable = allow;
    pc->fail = fail;
    // Every alternative left the names in their registers: just record them.
    for (int k = 0; k < ncontrol && !c->failed; k++)
        store_name(c, pc, control[k], -1);
    free((void *)control);
}

static void pattern(compiler_t *c, pctx_t *pc, ast_pattern_t *pt, int subj) {
    if (c->failed || !c_enter(c)) return;
    pattern_loc(c, pc, pt);
    switch (pt->kind) {
    case PATTERN_VALUE: {
        ast_expr_t *value = pt->v.value.value;
        if (!is_literal_key(value) && value->kind != EXPR_ATTRIBUTE) {
            P_ERROR(c, pc, "patterns may only match literals and attribute lookups");
            break;
        }
        int mark = reg_mark(c);
        obj_t *k = value->kind != EXPR_ATTRIBUTE ? const_value(c, value) : NULL;
        if (k) {
            int ki = add_const(c, k);
            DECREF(k);
            emit_jump(c, OPC_JEQ_K, subj, ki, 0, pc->fail);
        } else {
            int r = expr_any(c, value);
            pattern_loc(c, pc, pt);
            emit_jump(c, OPC_JEQ, subj, r, 0, pc->fail);
        }
        free_to(c, mark);
        break;
    }
    case PATTERN_SINGLETON: {
        int mark = reg_mark(c);
        int r = alloc_reg(c);
        ast_const_kind_t v = pt->v.singleton.value;
        emit_load_const(c, r, v == CONST_NONE ? None : v == CONST_TRUE ? True : False);
        emit_jump(c, OPC_JIS, subj, r, 0, pc->fail);
        free_to(c, mark);
        break;
    }
    case PATTERN_SEQUENCE: pattern_sequence(c, pc, pt, subj); break;
    case PATTERN_MAPPING: pattern_mapping(c, pc, pt, subj); break;
    case PATTERN_CLASS: pattern_class(c, pc, pt, subj); break;
    case PATTERN_OR: pattern_or(c, pc, pt, subj); break;
    case PATTERN_STAR: store_name(c, pc, pt->v.star.name, subj); break;
    case PATTERN_AS:
        if (pt->v.as.pattern == NULL) {
            if (!pc->allow_irrefutable) {
                if (pt->v.as.name)
                    P_ERROR(c, pc, "name capture '%s' makes remaining patterns unreachable",
                            pt->v.as.name);
                else
                    P_ERROR(c, pc, "wildcard makes remaining patterns unreachable");
                break;
            }
            store_name(c, pc, pt->v.as.name, subj);
            break;
        }
        pattern(c, pc, pt->v.as.pattern, subj);
        store_name(c, pc, pt->v.as.name, subj);
        break;
    }
    c_leave(c);
}

static bool irrefutable(ast_pattern_t *pt) {
    if (pt->kind == PATTERN_AS) return !pt->v.as.pattern || irrefutable(pt->v.as.pattern);
    if (pt->kind == PATTERN_OR) {
        for (int i = 0; i < pt->v.or_.patterns.n; i++)
            if (irrefutable(pt->v.or_.patterns.items[i])) return true;
    }
    return false;
}

static bool ends_flow(int op) {
    return op == OPC_RETURN || op == OPC_RETURN_NONE || op == OPC_JUMP || op == OPC_RAISE ||
           op == OPC_RERAISE;
}

// Temporaries are dropped when CPython would pop them (visible through __del__).  Module and
// class bodies keep their frame, so everything goes; in a function only the subject does (it
// stays allocated during the case bodies, while the pattern's temporaries are reused by them).
static void clear_regs(compiler_t *c, int from, int to, int subj) {
    for (int r = from; r < to; r++)
        if (c->u->scope_type != ST_FUNCTION || r == subj) emit(c, OPC_CLEAR, r, 0, 0);
}

void compile_match(compiler_t *c, ast_stmt_t *s) {
    unit_t *u = c->u;
    int mark = reg_mark(c);
    int subj = alloc_reg(c);
    expr_to(c, s->v.match.subject, subj);
    int end = new_label(c);
    uint64_t *before = da_save(c), *acc = NULL;
    bool no_match_path = true;
    ast_match_case_seq_t *cases = &s->v.match.cases;
    for (int i = 0; i < cases->n && !c->failed; i++) {
        ast_match_case_t *m = cases->items[i];
        da_restore(c, before);
        int cmark = reg_mark(c);
        int max0 = u->max_reg;
        u->max_reg = cmark;
        pctx_t pc = {0};
        collect_captures(&pc, m->pattern);
        pc.base = alloc_regs(c, pc.n);
        pc.allow_irrefutable = m->guard != NULL || i == cases->n - 1;
        pc.fail = new_label(c);
        pattern(c, &pc, m->pattern, subj);
        if (!c->failed) {
            // It matched: bind the names, in CPython's order.
            for (int k = 0; k < pc.nstores; k++)
                name_store(c, pc.stores[k], pc.base + find_name(pc.names, pc.n, pc.stores[k]));
        }
        int case_peak = u->max_reg; // [cmark, case_peak): this case's temporaries
        if (max0 > u->max_reg) u->max_reg = max0;
        free((void *)pc.names);
        free((void *)pc.stores);
        if (c->failed) break;
        if (m->guard)
            expr_jump_if(c, m->guard, false, pc.fail);
        else if (i == cases->n - 1 && irrefutable(m->pattern))
            no_match_path = false;
        free_to(c, cmark);
        clear_regs(c, mark, case_peak, subj); // CPython pops the subject before the body
        stmts(c, &m->body);
        if (!ends_flow(last_op(c))) {
            loc_from_last(c); // the jump out belongs to the body's last line
            emit_jump(c, OPC_JUMP, 0, 0, 0, end);
            if (acc) da_intersect(c, acc);
            free(acc);
            acc = da_save(c);
        }
        // A failed pattern's cleanup belongs to the pattern's line, not the body's.
        pattern_loc(c, &pc, m->pattern);
        bind_label(c, pc.fail);
        clear_regs(c, cmark, case_peak, subj);
    }
    if (no_match_path) clear_regs(c, subj, subj + 1, subj);
    bind_label(c, end);
    if (no_match_path) {
        da_restore(c, before);
        if (acc) da_intersect(c, acc);
    } else if (acc) {
        da_restore(c, acc);
    } else {
        da_set_all(c);
    }
    free(before);
    free(acc);
    free_to(c, mark);
}
