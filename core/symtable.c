/*
 * core/symtable.c — scopes and name resolution (see symtable.h).
 *
 * Two passes, as CPython's Python/symtable.c:
 *  1. visit: walk the AST, open a scope for every def/lambda/class/
 *     comprehension, and record per name how it is used (DEF_* flags).
 *     Expressions evaluated in the enclosing scope (defaults, decorators,
 *     annotations, class bases, the first iterable of a comprehension) are
 *     visited there.  Walrus targets inside comprehensions bind in the
 *     nearest enclosing function (or module) scope.
 *  2. analyze: top-down with the set of names bound by enclosing function
 *     scopes; decides each name's scope (local, global, free, cell) and
 *     propagates free variables upward, turning captured locals into cells.
 *     Class scopes do not make their names visible to nested scopes, but a
 *     class whose methods use `super`/`__class__` gets a `__class__` cell.
 *
 * All memory is malloc'ed and released by symtable_free; names point into
 * the AST arena (which outlives the table).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compile_int.h"
#include "symtable.h"

typedef struct {
    symtable_t *st;
    int failed;
    // Nesting of visit_expr/visit_stmt, counted as CPython 3.11's symtable does: it starts at
    // three times the Python frame depth and RecursionError is raised past
    // compile_depth_limit(), so deep trees never overflow the C stack here or in the compiler.
    int depth, depth_limit;
} visitor_t;

// ---- small helpers ------------------------------------------------------------------

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) abort();
    return q;
}

static uint64_t hash_str(const char *s) {
    uint64_t h = 1469598103934665603ull;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ull;
    }
    return h;
}

st_symbol_t *st_entry_get(st_entry_t *e, const char *name) {
    if (e->index_cap == 0) return NULL;
    uint64_t h = hash_str(name);
    int mask = e->index_cap - 1;
    for (int i = (int)(h & mask);; i = (i + 1) & mask) {
        int k = e->index[i];
        if (k == 0) return NULL;
        if (strcmp(e->syms[k - 1].name, name) == 0) return &e->syms[k - 1];
    }
}

static void index_insert(st_entry_t *e, int symidx) {
    uint64_t h = hash_str(e->syms[symidx].name);
    int mask = e->index_cap - 1;
    int i = (int)(h & mask);
    while (e->index[i])
        i = (i + 1) & mask;
    e->index[i] = symidx + 1;
}

static st_symbol_t *st_entry_add(st_entry_t *e, const char *name) {
    st_symbol_t *s = st_entry_get(e, name);
    if (s) return s;
    if (e->nsyms == e->syms_cap) {
        e->syms_cap = e->syms_cap ? e->syms_cap * 2 : 16;
        e->syms = xrealloc(e->syms, e->syms_cap * sizeof(st_symbol_t));
    }
    if ((e->nsyms + 1) * 2 > e->index_cap) {
        int cap = e->index_cap ? e->index_cap * 2 : 32;
        while ((e->nsyms + 1) * 2 > cap)
            cap *= 2;
        free(e->index);
        e->index = calloc(cap, sizeof(int));
        if (!e->index) abort();
        e->index_cap = cap;
        for (int i = 0; i < e->nsyms; i++)
            index_insert(e, i);
    }
    s = &e->syms[e->nsyms];
    memset(s, 0, sizeof *s);
    s->name = name;
    s->lineno = -1;
    index_insert(e, e->nsyms);
    e->nsyms++;
    return s;
}

st_scope_kind_t st_entry_scope(st_entry_t *e, const char *name) {
    st_symbol_t *s = st_entry_get(e, name);
    return s && s->scope ? s->scope : SC_GLOBAL_IMPLICIT;
}

static void map_put(symtable_t *st, const void *key, st_entry_t *val) {
    if ((st->map_len + 1) * 2 > st->map_cap) {
        int cap = st->map_cap ? st->map_cap * 2 : 64;
        const void **keys = calloc(cap, sizeof(void *));
        st_entry_t **vals = calloc(cap, sizeof(void *));
        if (!keys || !vals) abort();
        for (int i = 0; i < st->map_cap; i++) {
            if (!st->keys[i]) continue;
            int j = (int)(((uintptr_t)st->keys[i] >> 4) & (cap - 1));
            while (keys[j])
                j = (j + 1) & (cap - 1);
            keys[j] = st->keys[i];
            vals[j] = st->vals[i];
        }
        free(st->keys);
        free(st->vals);
        st->keys = keys;
        st->vals = vals;
        st->map_cap = cap;
    }
    int j = (int)(((uintptr_t)key >> 4) & (st->map_cap - 1));
    while (st->keys[j])
        j = (j + 1) & (st->map_cap - 1);
    st->keys[j] = key;
    st->vals[j] = val;
    st->map_len++;
}

st_entry_t *symtable_lookup(symtable_t *st, const void *node) {
    if (st->map_cap == 0) return NULL;
    int j = (int)(((uintptr_t)node >> 4) & (st->map_cap - 1));
    while (st->keys[j]) {
        if (st->keys[j] == node) return st->vals[j];
        j = (j + 1) & (st->map_cap - 1);
    }
    return NULL;
}

static st_entry_t *enter_scope(visitor_t *v, st_block_t type, const char *name, const void *node,
                               int lineno) {
    symtable_t *st = v->st;
    st_entry_t *e = calloc(1, sizeof(st_entry_t));
    if (!e) abort();
    e->type = type;
    e->name = name;
    e->node = node;
    e->lineno = lineno;
    e->parent = st->cur;
    if (st->cur) e->comp_iter_expr = st->cur->comp_iter_expr;
    if (st->cur) {
        st_entry_t *p = st->cur;
        if (p->nchildren == p->children_cap) {
            p->children_cap = p->children_cap ? p->children_cap * 2 : 4;
            p->children = xrealloc(p->children, p->children_cap * sizeof(void *));
        }
        p->children[p->nchildren++] = e;
    }
    if (st->nall == st->all_cap) {
        st->all_cap = st->all_cap ? st->all_cap * 2 : 16;
        st->all = xrealloc(st->all, st->all_cap * sizeof(void *));
    }
    st->all[st->nall++] = e;
    if (node) map_put(st, node, e);
    st->cur = e;
    return e;
}

static void leave_scope(visitor_t *v) {
    v->st->cur = v->st->cur->parent;
}

static void st_error(visitor_t *v, int lineno, int col, int end_lineno, int end_col,
                     const char *fmt, ...) {
    if (v->failed) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    compile_set_syntax_error(v->st->filename, v->st->src, v->st->srclen, "SyntaxError", msg, lineno,
                             col, end_lineno, end_col);
    v->failed = 1;
}

const char *st_mangle(ast_arena_t *arena, const char *private_name, const char *name) {
    if (!private_name || name[0] != '_' || name[1] != '_') return name;
    size_t n = strlen(name);
    if ((n >= 2 && name[n - 1] == '_' && name[n - 2] == '_') || strchr(name, '.')) return name;
    while (*private_name == '_')
        private_name++;
    if (!*private_name) return name;
    size_t p = strlen(private_name);
    char *r = ast_alloc(arena, p + n + 2);
    r[0] = '_';
    memcpy(r + 1, private_name, p);
    memcpy(r + 1 + p, name, n + 1);
    return r;
}

#define MANGLE(v, name) st_mangle((v)->st->arena, (v)->st->private_name, (name))

// Records a use of `name` in the current scope.
static void add_def(visitor_t *v, const char *name, int flag, int lineno, int col, int end_lineno,
                    int end_col) {
    name = MANGLE(v, name);
    st_entry_t *e = v->st->cur;
    st_symbol_t *s = st_entry_add(e, name);
    if ((flag & DEF_PARAM) && (s->flags & DEF_PARAM)) {
        st_error(v, lineno, col, end_lineno, end_col,
                 "duplicate argument '%s' in function definition", name);
        return;
    }
    s->flags |= flag;
    if (flag & DEF_PARAM) {
        if (e->nparams == e->params_cap) {
            e->params_cap = e->params_cap ? e->params_cap * 2 : 8;
            e->params = xrealloc(e->params, e->params_cap * sizeof(char *));
        }
        e->params[e->nparams++] = name;
    }
}

// ---- pass 1: visiting -------------------------------------------------------------------

static void visit_stmts(visitor_t *v, ast_stmt_seq_t *seq);
static void visit_expr(visitor_t *v, ast_expr_t *e);
static void visit_exprs(visitor_t *v, ast_expr_seq_t *seq) {
    for (int i = 0; i < seq->n; i++)
        if (seq->items[i]) visit_expr(v, seq->items[i]);
}

static void visit_params(visitor_t *v, ast_arg_seq_t *args) {
    for (int i = 0; i < args->n; i++) {
        ast_arg_t *a = args->items[i];
        add_def(v, a->arg, DEF_PARAM, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
    }
}

static bool visit_enter(visitor_t *v);
static void check_ann(visitor_t *v, ast_expr_t *e, const char *comp);
static void check_anns(visitor_t *v, ast_expr_seq_t *seq, const char *comp) {
    for (int i = 0; i < seq->n && !v->failed; i++)
        check_ann(v, seq->items[i], comp);
}

static const char *comp_kind_name(ast_expr_t *e) {
    switch (e->kind) {
    case EXPR_LISTCOMP: return "list comprehension";
    case EXPR_SETCOMP: return "set comprehension";
    case EXPR_DICTCOMP: return "dict comprehension";
    default: return "generator expression";
    }
}

// Under `from __future__ import annotations` annotations are not evaluated
// and not visited for names, but CPython 3.11 still refuses yield, await
// and := in them (`comp` NULL), and yield inside a comprehension in them
// (`comp`: the comprehension's kind, as "'yield' inside list comprehension").
static void check_ann(visitor_t *v, ast_expr_t *e, const char *comp) {
    if (v->failed || e == NULL || !visit_enter(v)) return;
    const char *what = NULL;
    switch (e->kind) {
    case EXPR_YIELD:
    case EXPR_YIELDFROM:
        if (comp) {
            st_error(v, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                     "'yield' inside %s", comp);
            break;
        }
        what = "yield expression";
        break;
    case EXPR_AWAIT:
        if (!comp)
            what = "await expression";
        else
            check_ann(v, e->v.await.value, comp);
        break;
    case EXPR_NAMEDEXPR:
        if (!comp)
            what = "named expression";
        else
            check_ann(v, e->v.namedexpr.value, comp);
        break;
    case EXPR_BOOLOP: check_anns(v, &e->v.boolop.values, comp); break;
    case EXPR_BINOP:
        check_ann(v, e->v.binop.left, comp);
        check_ann(v, e->v.binop.right, comp);
        break;
    case EXPR_UNARYOP: check_ann(v, e->v.unaryop.operand, comp); break;
    case EXPR_IFEXP:
        check_ann(v, e->v.ifexp.test, comp);
        check_ann(v, e->v.ifexp.body, comp);
        check_ann(v, e->v.ifexp.orelse, comp);
        break;
    case EXPR_DICT:
        check_anns(v, &e->v.dict.keys, comp);
        check_anns(v, &e->v.dict.values, comp);
        break;
    case EXPR_SET: check_anns(v, &e->v.set.elts, comp); break;
    case EXPR_LISTCOMP:
    case EXPR_SETCOMP:
    case EXPR_DICTCOMP:
    case EXPR_GENEXP: {
        ast_comprehension_seq_t *gens =
            e->kind == EXPR_DICTCOMP ? &e->v.dictcomp.generators : &e->v.comp.generators;
        const char *inner = comp_kind_name(e);
        check_ann(v, gens->items[0]->iter, comp); // evaluated in the enclosing block
        for (int i = 0; i < gens->n; i++) {
            if (i > 0) check_ann(v, gens->items[i]->iter, inner);
            check_anns(v, &gens->items[i]->ifs, inner);
        }
        if (e->kind == EXPR_DICTCOMP) {
            check_ann(v, e->v.dictcomp.key, inner);
            check_ann(v, e->v.dictcomp.value, inner);
        } else {
            check_ann(v, e->v.comp.elt, inner);
        }
        break;
    }
    case EXPR_COMPARE:
        check_ann(v, e->v.compare.left, comp);
        check_anns(v, &e->v.compare.comparators, comp);
        break;
    case EXPR_CALL:
        check_ann(v, e->v.call.func, comp);
        check_anns(v, &e->v.call.args, comp);
        for (int i = 0; i < e->v.call.keywords.n; i++)
            check_ann(v, e->v.call.keywords.items[i]->value, comp);
        break;
    case EXPR_FORMATTEDVALUE:
        check_ann(v, e->v.formattedvalue.value, comp);
        check_ann(v, e->v.formattedvalue.format_spec, comp);
        break;
    case EXPR_JOINEDSTR: check_anns(v, &e->v.joinedstr.values, comp); break;
    case EXPR_ATTRIBUTE: check_ann(v, e->v.attribute.value, comp); break;
    case EXPR_SUBSCRIPT:
        check_ann(v, e->v.subscript.value, comp);
        check_ann(v, e->v.subscript.slice, comp);
        break;
    case EXPR_STARRED: check_ann(v, e->v.starred.value, comp); break;
    case EXPR_LIST:
    case EXPR_TUPLE: check_anns(v, &e->v.list.elts, comp); break;
    case EXPR_SLICE:
        check_ann(v, e->v.slice.lower, comp);
        check_ann(v, e->v.slice.upper, comp);
        check_ann(v, e->v.slice.step, comp);
        break;
    default: break; // names, constants; a lambda is a function scope of its own
    }
    if (what)
        st_error(v, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                 "'%s' can not be used within an annotation", what);
    v->depth--;
}

static void check_annotation(visitor_t *v, ast_expr_t *e) {
    check_ann(v, e, NULL);
}

static void visit_annotation(visitor_t *v, ast_expr_t *e) {
    if (!v->st->future_annotations)
        visit_expr(v, e);
    else
        check_annotation(v, e);
}

static void visit_annotations_of(visitor_t *v, ast_arg_seq_t *args) {
    for (int i = 0; i < args->n; i++)
        if (args->items[i]->annotation) visit_annotation(v, args->items[i]->annotation);
}

static void visit_arguments_outer(visitor_t *v, ast_arguments_t *a, ast_expr_t *returns) {
    // Defaults and annotations are evaluated in the enclosing scope.
    visit_exprs(v, &a->defaults);
    visit_exprs(v, &a->kw_defaults);
    visit_annotations_of(v, &a->posonlyargs);
    visit_annotations_of(v, &a->args);
    visit_annotations_of(v, &a->kwonlyargs);
    if (a->vararg && a->vararg->annotation) visit_annotation(v, a->vararg->annotation);
    if (a->kwarg && a->kwarg->annotation) visit_annotation(v, a->kwarg->annotation);
    if (returns) visit_annotation(v, returns);
}

static void visit_arguments_inner(visitor_t *v, ast_arguments_t *a) {
    visit_params(v, &a->posonlyargs);
    visit_params(v, &a->args);
    visit_params(v, &a->kwonlyargs);
    if (a->vararg)
        add_def(v, a->vararg->arg, DEF_PARAM, a->vararg->lineno, a->vararg->col_offset,
                a->vararg->end_lineno, a->vararg->end_col_offset);
    if (a->kwarg)
        add_def(v, a->kwarg->arg, DEF_PARAM, a->kwarg->lineno, a->kwarg->col_offset,
                a->kwarg->end_lineno, a->kwarg->end_col_offset);
}

static const char *comp_name(ast_expr_t *e) {
    switch (e->kind) {
    case EXPR_LISTCOMP: return "<listcomp>";
    case EXPR_SETCOMP: return "<setcomp>";
    case EXPR_DICTCOMP: return "<dictcomp>";
    default: return "<genexpr>";
    }
}

static void visit_comprehension(visitor_t *v, ast_expr_t *e, ast_comprehension_seq_t *gens,
                                ast_expr_t *elt, ast_expr_t *value) {
    // The first iterable is evaluated in the enclosing scope.
    v->st->cur->comp_iter_expr++;
    visit_expr(v, gens->items[0]->iter);
    v->st->cur->comp_iter_expr--;
    st_entry_t *ce = enter_scope(v, ST_FUNCTION, comp_name(e), e, e->lineno);
    ce->is_comprehension = true;
    if (e->kind == EXPR_GENEXP) ce->is_generator = true;
    add_def(v, ".0", DEF_PARAM, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
    for (int i = 0; i < gens->n; i++) {
        ast_comprehension_t *g = gens->items[i];
        ce->comp_iter_target = true;
        visit_expr(v, g->target);
        ce->comp_iter_target = false;
        if (i > 0) {
            ce->comp_iter_expr++;
            visit_expr(v, g->iter);
            ce->comp_iter_expr--;
        }
        visit_exprs(v, &g->ifs);
    }
    if (value) visit_expr(v, value);
    visit_expr(v, elt);
    leave_scope(v);
    for (int i = 0; i < gens->n; i++)
        if (gens->items[i]->is_async) ce->is_coroutine = true;
    // A list/set/dict comprehension that awaits is awaited by its caller:
    // an enclosing comprehension becomes asynchronous too.
    st_entry_t *parent = v->st->cur;
    if (ce->is_coroutine && e->kind != EXPR_GENEXP && parent->is_comprehension)
        parent->is_coroutine = true;
}

// Walrus target inside a comprehension: bind in the enclosing function scope.
static void visit_walrus_target(visitor_t *v, ast_expr_t *target) {
    st_entry_t *cur = v->st->cur;
    const char *name = MANGLE(v, target->v.name.id);
    int l = target->lineno, c = target->col_offset, el = target->end_lineno,
        ec = target->end_col_offset;
    if (!cur->is_comprehension) {
        cur->has_walrus = true;
        add_def(v, name, DEF_LOCAL, l, c, el, ec);
        return;
    }
    // Comprehension iteration variables cannot be rebound.
    for (st_entry_t *e = cur; e && e->is_comprehension; e = e->parent) {
        st_symbol_t *s = st_entry_get(e, name);
        if (s && (s->flags & DEF_COMP_ITER)) {
            st_error(v, l, c, el, ec,
                     "assignment expression cannot rebind comprehension iteration variable '%s'",
                     name);
            return;
        }
    }
    st_entry_t *e = cur;
    while (e->is_comprehension)
        e = e->parent;
    if (e->type == ST_CLASS) {
        st_error(v, l, c, el, ec,
                 "assignment expression within a comprehension cannot be used in a class body");
        return;
    }
    // Mark the name in every comprehension scope on the way as nonlocal/global
    // (global too when the function declares it global).
    st_symbol_t *decl = st_entry_get(e, name);
    int flag =
        e->type == ST_FUNCTION && !(decl && (decl->flags & DEF_GLOBAL)) ? DEF_NONLOCAL : DEF_GLOBAL;
    for (st_entry_t *x = cur; x != e; x = x->parent) {
        st_symbol_t *s = st_entry_add(x, name);
        s->flags |= flag | DEF_USE;
        if (s->lineno < 0) {
            s->lineno = l;
            s->col = c;
        }
    }
    st_symbol_t *s = st_entry_add(e, name);
    s->flags |= DEF_LOCAL;
    e->has_walrus = true;
}

// Counts one level of AST nesting; false (RecursionError set) when too deep.
static bool visit_enter(visitor_t *v) {
    if (++v->depth > v->depth_limit || compile_stack_exhausted()) {
        if (!v->failed) compile_raise_depth_error();
        v->failed = 1;
        v->depth--;
        return false;
    }
    return true;
}

static void visit_expr_inner(visitor_t *v, ast_expr_t *e);
static void visit_expr(visitor_t *v, ast_expr_t *e) {
    if (v->failed || e == NULL || !visit_enter(v)) return;
    visit_expr_inner(v, e);
    v->depth--;
}

static void visit_expr_inner(visitor_t *v, ast_expr_t *e) {
    st_entry_t *cur = v->st->cur;
    switch (e->kind) {
    case EXPR_BOOLOP: visit_exprs(v, &e->v.boolop.values); break;
    case EXPR_NAMEDEXPR:
        // CPython's order: the iterable check, the target's scope, the value.
        if (cur->comp_iter_expr > 0) {
            st_error(v, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                     "assignment expression cannot be used in a comprehension iterable "
                     "expression");
            return;
        }
        visit_walrus_target(v, e->v.namedexpr.target);
        visit_expr(v, e->v.namedexpr.value);
        break;
    case EXPR_BINOP:
        visit_expr(v, e->v.binop.left);
        visit_expr(v, e->v.binop.right);
        break;
    case EXPR_UNARYOP: visit_expr(v, e->v.unaryop.operand); break;
    case EXPR_LAMBDA: {
        ast_arguments_t *a = e->v.lambda.args;
        visit_exprs(v, &a->defaults);
        visit_exprs(v, &a->kw_defaults);
        st_entry_t *le = enter_scope(v, ST_FUNCTION, "<lambda>", e, e->lineno);
        le->is_lambda = true;
        visit_arguments_inner(v, a);
        visit_expr(v, e->v.lambda.body);
        leave_scope(v);
        break;
    }
    case EXPR_IFEXP:
        visit_expr(v, e->v.ifexp.test);
        visit_expr(v, e->v.ifexp.body);
        visit_expr(v, e->v.ifexp.orelse);
        break;
    case EXPR_DICT:
        visit_exprs(v, &e->v.dict.keys);
        visit_exprs(v, &e->v.dict.values);
        break;
    case EXPR_SET: visit_exprs(v, &e->v.set.elts); break;
    case EXPR_LISTCOMP:
    case EXPR_SETCOMP:
    case EXPR_GENEXP: visit_comprehension(v, e, &e->v.comp.generators, e->v.comp.elt, NULL); break;
    case EXPR_DICTCOMP:
        visit_comprehension(v, e, &e->v.dictcomp.generators, e->v.dictcomp.key,
                            e->v.dictcomp.value);
        break;
    case EXPR_YIELD:
    case EXPR_YIELDFROM: {
        ast_expr_t *val = e->kind == EXPR_YIELD ? e->v.yield.value : e->v.yieldfrom.value;
        visit_expr(v, val);
        if (cur->type != ST_FUNCTION) {
            st_error(v, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                     "'yield' outside function");
            return;
        }
        if (cur->is_comprehension) {
            const char *what = cur->name;
            const char *kind = strcmp(what, "<listcomp>") == 0   ? "list comprehension"
                               : strcmp(what, "<setcomp>") == 0  ? "set comprehension"
                               : strcmp(what, "<dictcomp>") == 0 ? "dict comprehension"
                                                                 : "generator expression";
            st_error(v, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                     "'yield' inside %s", kind);
            return;
        }
        cur->is_generator = true;
        break;
    }
    case EXPR_AWAIT:
        visit_expr(v, e->v.await.value);
        if (cur->is_comprehension) cur->is_coroutine = true;
        break;
    case EXPR_COMPARE:
        visit_expr(v, e->v.compare.left);
        visit_exprs(v, &e->v.compare.comparators);
        break;
    case EXPR_CALL:
        visit_expr(v, e->v.call.func);
        visit_exprs(v, &e->v.call.args);
        for (int i = 0; i < e->v.call.keywords.n; i++)
            visit_expr(v, e->v.call.keywords.items[i]->value);
        break;
    case EXPR_FORMATTEDVALUE:
        visit_expr(v, e->v.formattedvalue.value);
        visit_expr(v, e->v.formattedvalue.format_spec);
        break;
    case EXPR_JOINEDSTR: visit_exprs(v, &e->v.joinedstr.values); break;
    case EXPR_CONSTANT: break;
    case EXPR_ATTRIBUTE: visit_expr(v, e->v.attribute.value); break;
    case EXPR_SUBSCRIPT:
        visit_expr(v, e->v.subscript.value);
        visit_expr(v, e->v.subscript.slice);
        break;
    case EXPR_STARRED: visit_expr(v, e->v.starred.value); break;
    case EXPR_NAME: {
        const char *id = e->v.name.id;
        if (e->v.name.ctx == EXPR_CTX_LOAD) {
            add_def(v, id, DEF_USE, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
            // Zero-argument super() needs the __class__ cell.
            if (cur->type == ST_FUNCTION && strcmp(id, "super") == 0)
                add_def(v, "__class__", DEF_USE, e->lineno, e->col_offset, e->end_lineno,
                        e->end_col_offset);
        } else {
            int flag = DEF_LOCAL;
            if (cur->comp_iter_target) {
                // A walrus earlier in this comprehension bound the name outside it.
                st_symbol_t *prev = st_entry_get(cur, MANGLE(v, id));
                if (prev && (prev->flags & (DEF_GLOBAL | DEF_NONLOCAL))) {
                    st_error(v, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                             "comprehension inner loop cannot rebind assignment expression "
                             "target '%s'",
                             id);
                    return;
                }
                flag |= DEF_COMP_ITER;
            }
            add_def(v, id, flag, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
        }
        break;
    }
    case EXPR_LIST: visit_exprs(v, &e->v.list.elts); break;
    case EXPR_TUPLE: visit_exprs(v, &e->v.tuple.elts); break;
    case EXPR_SLICE:
        visit_expr(v, e->v.slice.lower);
        visit_expr(v, e->v.slice.upper);
        visit_expr(v, e->v.slice.step);
        break;
    }
}

static void visit_decl(visitor_t *v, ast_stmt_t *s, bool global) {
    st_entry_t *cur = v->st->cur;
    ast_ident_seq_t *names = global ? &s->v.global.names : &s->v.nonlocal.names;
    for (int i = 0; i < names->n; i++) {
        const char *name = MANGLE(v, names->items[i]);
        st_symbol_t *sym = st_entry_get(cur, name);
        int cur_flags = sym ? sym->flags : 0;
        const char *kind = global ? "global" : "nonlocal";
        if (cur_flags & (DEF_PARAM | DEF_LOCAL | DEF_USE | DEF_ANNOT)) {
            const char *msg;
            if (cur_flags & DEF_PARAM)
                msg = "name '%s' is parameter and %s";
            else if (cur_flags & DEF_USE)
                msg = "name '%s' is used prior to %s declaration";
            else if (cur_flags & DEF_ANNOT)
                msg = "annotated name '%s' can't be %s";
            else
                msg = "name '%s' is assigned to before %s declaration";
            st_error(v, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset, msg, name,
                     kind);
            return;
        }
        if (!global && cur->type == ST_MODULE) {
            st_error(v, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset,
                     "nonlocal declaration not allowed at module level");
            return;
        }
        if ((global && (cur_flags & DEF_NONLOCAL)) || (!global && (cur_flags & DEF_GLOBAL))) {
            // Reported at the name's first declaration, as CPython's
            // error_at_directive does.
            if (sym->lineno > 0)
                st_error(v, sym->lineno, sym->col, sym->lineno, sym->end_col,
                         "name '%s' is nonlocal and global", name);
            else
                st_error(v, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset,
                         "name '%s' is nonlocal and global", name);
            return;
        }
        sym = st_entry_add(cur, name);
        sym->flags |= global ? DEF_GLOBAL : DEF_NONLOCAL;
        if (sym->lineno < 0) {
            sym->lineno = s->lineno;
            sym->col = s->col_offset;
            sym->end_col = s->end_col_offset;
        }
        // As in CPython, a `global` anywhere marks the module's own symbol too: the module
        // body then stores and loads the name in its globals (exec with separate locals).
        if (global && cur != v->st->top) st_entry_add(v->st->top, name)->flags |= DEF_GLOBAL;
    }
}

// Patterns (match statement): value expressions and classes are loads, captures are stores.
static void visit_pattern(visitor_t *v, ast_pattern_t *pt) {
    if (v->failed || pt == NULL || !visit_enter(v)) return;
    int l = pt->lineno, c = pt->col_offset, el = pt->end_lineno, ec = pt->end_col_offset;
    switch (pt->kind) {
    case PATTERN_VALUE: visit_expr(v, pt->v.value.value); break;
    case PATTERN_SINGLETON: break;
    case PATTERN_SEQUENCE:
    case PATTERN_OR:
        for (int i = 0; i < pt->v.sequence.patterns.n; i++)
            visit_pattern(v, pt->v.sequence.patterns.items[i]);
        break;
    case PATTERN_MAPPING:
        visit_exprs(v, &pt->v.mapping.keys);
        for (int i = 0; i < pt->v.mapping.patterns.n; i++)
            visit_pattern(v, pt->v.mapping.patterns.items[i]);
        if (pt->v.mapping.rest) add_def(v, pt->v.mapping.rest, DEF_LOCAL, l, c, el, ec);
        break;
    case PATTERN_CLASS:
        visit_expr(v, pt->v.class_.cls);
        for (int i = 0; i < pt->v.class_.patterns.n; i++)
            visit_pattern(v, pt->v.class_.patterns.items[i]);
        for (int i = 0; i < pt->v.class_.kwd_patterns.n; i++)
            visit_pattern(v, pt->v.class_.kwd_patterns.items[i]);
        break;
    case PATTERN_STAR:
        if (pt->v.star.name) add_def(v, pt->v.star.name, DEF_LOCAL, l, c, el, ec);
        break;
    case PATTERN_AS:
        visit_pattern(v, pt->v.as.pattern);
        if (pt->v.as.name) add_def(v, pt->v.as.name, DEF_LOCAL, l, c, el, ec);
        break;
    }
    v->depth--;
}

static void visit_match(visitor_t *v, ast_stmt_t *s) {
    visit_expr(v, s->v.match.subject);
    for (int i = 0; i < s->v.match.cases.n; i++) {
        ast_match_case_t *m = s->v.match.cases.items[i];
        visit_pattern(v, m->pattern);
        visit_expr(v, m->guard);
        visit_stmts(v, &m->body);
    }
}

static void visit_stmt_inner(visitor_t *v, ast_stmt_t *s);
static void visit_stmt(visitor_t *v, ast_stmt_t *s) {
    if (v->failed || !visit_enter(v)) return;
    visit_stmt_inner(v, s);
    v->depth--;
}

static void visit_stmt_inner(visitor_t *v, ast_stmt_t *s) {
    st_entry_t *cur = v->st->cur;
    int l = s->lineno, c = s->col_offset, el = s->end_lineno, ec = s->end_col_offset;
    switch (s->kind) {
    case STMT_FUNCTIONDEF: {
        add_def(v, s->v.functiondef.name, DEF_LOCAL, l, c, el, ec);
        visit_exprs(v, &s->v.functiondef.decorator_list);
        visit_arguments_outer(v, s->v.functiondef.args, s->v.functiondef.returns);
        st_entry_t *fe = enter_scope(v, ST_FUNCTION, s->v.functiondef.name, s, l);
        fe->is_async_def = s->v.functiondef.is_async;
        visit_arguments_inner(v, s->v.functiondef.args);
        visit_stmts(v, &s->v.functiondef.body);
        leave_scope(v);
        break;
    }
    case STMT_CLASSDEF: {
        add_def(v, s->v.classdef.name, DEF_LOCAL, l, c, el, ec);
        visit_exprs(v, &s->v.classdef.bases);
        for (int i = 0; i < s->v.classdef.keywords.n; i++)
            visit_expr(v, s->v.classdef.keywords.items[i]->value);
        visit_exprs(v, &s->v.classdef.decorator_list);
        enter_scope(v, ST_CLASS, s->v.classdef.name, s, l);
        const char *saved_private = v->st->private_name;
        v->st->private_name = s->v.classdef.name;
        visit_stmts(v, &s->v.classdef.body);
        v->st->private_name = saved_private;
        leave_scope(v);
        break;
    }
    case STMT_RETURN: visit_expr(v, s->v.return_.value); break;
    case STMT_DELETE: visit_exprs(v, &s->v.delete_.targets); break;
    case STMT_ASSIGN:
        visit_exprs(v, &s->v.assign.targets);
        visit_expr(v, s->v.assign.value);
        break;
    case STMT_AUGASSIGN: {
        ast_expr_t *t = s->v.augassign.target;
        if (t->kind == EXPR_NAME) {
            add_def(v, t->v.name.id, DEF_LOCAL | DEF_USE, t->lineno, t->col_offset, t->end_lineno,
                    t->end_col_offset);
        } else {
            visit_expr(v, t);
        }
        visit_expr(v, s->v.augassign.value);
        break;
    }
    case STMT_ANNASSIGN: {
        ast_expr_t *t = s->v.annassign.target;
        if (t->kind == EXPR_NAME) {
            st_symbol_t *sym = st_entry_get(cur, MANGLE(v, t->v.name.id));
            if (sym && (sym->flags & (DEF_GLOBAL | DEF_NONLOCAL)) && s->v.annassign.simple &&
                cur != v->st->top) {
                st_error(v, l, c, el, ec, "annotated name '%s' can't be %s", t->v.name.id,
                         (sym->flags & DEF_GLOBAL) ? "global" : "nonlocal");
                return;
            }
            // A bare `x: int` makes x local too, as in CPython (not assigned yet).
            if (s->v.annassign.simple)
                add_def(v, t->v.name.id, DEF_ANNOT | DEF_LOCAL, l, c, el, ec);
            else if (s->v.annassign.value)
                add_def(v, t->v.name.id, DEF_LOCAL, l, c, el, ec);
        } else {
            visit_expr(v, t);
        }
        if (!v->st->future_annotations && cur->type != ST_FUNCTION)
            visit_expr(v, s->v.annassign.annotation);
        else if (v->st->future_annotations)
            check_annotation(v, s->v.annassign.annotation);
        visit_expr(v, s->v.annassign.value);
        break;
    }
    case STMT_FOR:
        visit_expr(v, s->v.for_.target);
        visit_expr(v, s->v.for_.iter);
        visit_stmts(v, &s->v.for_.body);
        visit_stmts(v, &s->v.for_.orelse);
        break;
    case STMT_WHILE:
        visit_expr(v, s->v.while_.test);
        visit_stmts(v, &s->v.while_.body);
        visit_stmts(v, &s->v.while_.orelse);
        break;
    case STMT_IF:
        visit_expr(v, s->v.if_.test);
        visit_stmts(v, &s->v.if_.body);
        visit_stmts(v, &s->v.if_.orelse);
        break;
    case STMT_WITH:
        for (int i = 0; i < s->v.with.items.n; i++) {
            visit_expr(v, s->v.with.items.items[i]->context_expr);
            visit_expr(v, s->v.with.items.items[i]->optional_vars);
        }
        visit_stmts(v, &s->v.with.body);
        break;
    case STMT_RAISE:
        visit_expr(v, s->v.raise.exc);
        visit_expr(v, s->v.raise.cause);
        break;
    case STMT_TRY:
        visit_stmts(v, &s->v.try_.body);
        for (int i = 0; i < s->v.try_.handlers.n; i++) {
            ast_excepthandler_t *h = s->v.try_.handlers.items[i];
            visit_expr(v, h->type);
            if (h->name)
                add_def(v, h->name, DEF_LOCAL, h->lineno, h->col_offset, h->end_lineno,
                        h->end_col_offset);
            visit_stmts(v, &h->body);
        }
        visit_stmts(v, &s->v.try_.orelse);
        visit_stmts(v, &s->v.try_.finalbody);
        break;
    case STMT_ASSERT:
        visit_expr(v, s->v.assert_.test);
        visit_expr(v, s->v.assert_.msg);
        break;
    case STMT_IMPORT:
    case STMT_IMPORTFROM: {
        ast_alias_seq_t *names =
            s->kind == STMT_IMPORT ? &s->v.import.names : &s->v.importfrom.names;
        if (s->kind == STMT_IMPORTFROM && s->v.importfrom.module &&
            strcmp(s->v.importfrom.module, "__future__") == 0) {
            for (int i = 0; i < names->n; i++)
                if (strcmp(names->items[i]->name, "annotations") == 0)
                    v->st->future_annotations = true;
        }
        for (int i = 0; i < names->n; i++) {
            ast_alias_t *a = names->items[i];
            if (strcmp(a->name, "*") == 0) {
                if (cur->type != ST_MODULE) {
                    st_error(v, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset,
                             "import * only allowed at module level");
                    return;
                }
                continue;
            }
            const char *store = a->asname;
            const char *tmp = NULL;
            if (!store) {
                const char *dot = strchr(a->name, '.');
                if (dot && s->kind == STMT_IMPORT) {
                    // `import a.b` binds `a`; the arena keeps the name alive.
                    tmp = ast_strndup(v->st->arena, a->name, (size_t)(dot - a->name));
                    store = tmp;
                } else {
                    store = a->name;
                }
            }
            add_def(v, store, DEF_IMPORT, a->lineno, a->col_offset, a->end_lineno,
                    a->end_col_offset);
        }
        break;
    }
    case STMT_GLOBAL: visit_decl(v, s, true); break;
    case STMT_NONLOCAL: visit_decl(v, s, false); break;
    case STMT_EXPR: visit_expr(v, s->v.expr.value); break;
    case STMT_PASS:
    case STMT_BREAK:
    case STMT_CONTINUE: break;
    case STMT_MATCH: visit_match(v, s); break;
    }
}

static void visit_stmts(visitor_t *v, ast_stmt_seq_t *seq) {
    for (int i = 0; i < seq->n && !v->failed; i++)
        visit_stmt(v, seq->items[i]);
}

// ---- pass 2: analysis -----------------------------------------------------------------

// A simple growable set of names.
// A set of names, in insertion order.  Past NS_LINEAR names it keeps a
// hash index (rebuilt lazily after a removal), so that scopes with tens of
// thousands of names analyze in linear time.
#define NS_LINEAR 16
typedef struct {
    const char **items;
    int n, cap;
    int *slots; // item index + 1, 0 = empty; nslots a power of two (or 0)
    int nslots;
    bool stale; // items moved since the index was built
} nameset_t;

static void ns_index_put(nameset_t *s, int idx) {
    int mask = s->nslots - 1;
    int i = (int)(hash_str(s->items[idx]) & (uint64_t)mask);
    while (s->slots[i])
        i = (i + 1) & mask;
    s->slots[i] = idx + 1;
}
static int ns_find(nameset_t *s, const char *name) {
    if (s->n <= NS_LINEAR) {
        for (int i = 0; i < s->n; i++)
            if (strcmp(s->items[i], name) == 0) return i;
        return -1;
    }
    if (s->stale || s->nslots < 2 * s->n) {
        int want = s->nslots ? s->nslots : 64;
        while (want < 4 * s->n)
            want *= 2;
        free(s->slots);
        s->slots = xrealloc(NULL, (size_t)want * sizeof(int));
        memset(s->slots, 0, (size_t)want * sizeof(int));
        s->nslots = want;
        s->stale = false;
        for (int i = 0; i < s->n; i++)
            ns_index_put(s, i);
    }
    int mask = s->nslots - 1;
    for (int i = (int)(hash_str(name) & (uint64_t)mask);; i = (i + 1) & mask) {
        int k = s->slots[i];
        if (k == 0) return -1;
        if (strcmp(s->items[k - 1], name) == 0) return k - 1;
    }
}
static bool ns_has(nameset_t *s, const char *name) {
    return ns_find(s, name) >= 0;
}
static void ns_add(nameset_t *s, const char *name) {
    if (ns_find(s, name) >= 0) return;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->items = xrealloc(s->items, s->cap * sizeof(char *));
    }
    s->items[s->n++] = name;
    if (s->slots && !s->stale && s->nslots >= 2 * s->n)
        ns_index_put(s, s->n - 1);
    else if (s->slots)
        s->stale = true;
}
static void ns_remove(nameset_t *s, const char *name) {
    int i = ns_find(s, name);
    if (i < 0) return;
    s->items[i] = s->items[--s->n];
    s->stale = true;
}
static void ns_copy(nameset_t *dst, nameset_t *src) {
    for (int i = 0; i < src->n; i++)
        ns_add(dst, src->items[i]);
}
static void ns_free(nameset_t *s) {
    free(s->items);
    free(s->slots);
}

// `bound`: names bound by enclosing function scopes; `global`: names declared
// global in enclosing scopes.  Adds this scope's free variables to `free_out`.
static void analyze(visitor_t *v, st_entry_t *e, nameset_t *bound, nameset_t *global,
                    nameset_t *free_out) {
    if (v->failed) return;
    nameset_t local = {0}, newbound = {0}, newglobal = {0}, allfree = {0};
    ns_copy(&newglobal, global);
    for (int i = 0; i < e->nsyms; i++) {
        st_symbol_t *s = &e->syms[i];
        int f = s->flags;
        if (f & DEF_GLOBAL) {
            s->scope = SC_GLOBAL_EXPLICIT;
            ns_add(&newglobal, s->name);
        } else if (f & DEF_NONLOCAL) {
            if (!ns_has(bound, s->name)) {
                int l = s->lineno > 0 ? s->lineno : e->lineno;
                st_error(v, l, s->lineno > 0 ? s->col : 0, l, s->lineno > 0 ? s->end_col : -1,
                         "no binding for nonlocal '%s' found", s->name);
                goto done;
            }
            s->scope = SC_FREE;
            e->has_free = true;
            ns_add(free_out, s->name);
        } else if (f & DEF_BOUND) {
            s->scope = SC_LOCAL;
            ns_add(&local, s->name);
            ns_remove(&newglobal, s->name);
        } else if (ns_has(bound, s->name)) {
            s->scope = SC_FREE;
            e->has_free = true;
            ns_add(free_out, s->name);
        } else {
            s->scope = SC_GLOBAL_IMPLICIT;
        }
    }
    // Names visible to children.
    if (e->type == ST_FUNCTION) {
        ns_copy(&newbound, bound);
        ns_copy(&newbound, &local);
        for (int i = 0; i < e->nsyms; i++)
            if (e->syms[i].scope == SC_FREE) ns_add(&newbound, e->syms[i].name);
        for (int i = 0; i < local.n; i++)
            ns_remove(&newglobal, local.items[i]);
    } else if (e->type == ST_CLASS) {
        ns_copy(&newbound, bound);
        ns_add(&newbound, "__class__");
    }
    // A class body's own `global x` does not reach its methods (CPython: the class passes
    // down what it was given).
    for (int i = 0; i < e->nsyms && e->type != ST_CLASS; i++)
        if (e->syms[i].scope == SC_GLOBAL_EXPLICIT) ns_remove(&newbound, e->syms[i].name);
    // Module scope: children see no bound names.
    for (int i = 0; i < e->nchildren && !v->failed; i++) {
        nameset_t childfree = {0};
        analyze(v, e->children[i], &newbound, &newglobal, &childfree);
        ns_copy(&allfree, &childfree);
        ns_free(&childfree);
    }
    if (v->failed) goto done;
    if (e->type == ST_FUNCTION) {
        // Locals captured by children become cells.
        for (int i = 0; i < allfree.n;) {
            st_symbol_t *s = st_entry_get(e, allfree.items[i]);
            if (s && s->scope == SC_LOCAL) {
                s->scope = SC_CELL;
                e->has_free = true;
                ns_remove(&allfree, s->name);
                continue;
            }
            i++;
        }
    } else if (e->type == ST_CLASS) {
        if (ns_has(&allfree, "__class__")) {
            e->needs_class_cell = true;
            e->has_free = true;
            ns_remove(&allfree, "__class__");
        }
    }
    // Free variables of children that this scope does not bind pass through.
    for (int i = 0; i < allfree.n; i++) {
        const char *name = allfree.items[i];
        st_symbol_t *s = st_entry_get(e, name);
        if (e->type == ST_MODULE) continue; // resolved as globals by the children
        if (s == NULL) {
            s = st_entry_add(e, name);
            s->scope = SC_FREE;
            e->has_free = true;
            ns_add(free_out, name);
        } else if (e->type == ST_CLASS &&
                   (s->scope == SC_LOCAL || s->scope == SC_GLOBAL_EXPLICIT)) {
            s->flags |= DEF_FREE_CLASS;
            e->has_free = true;
            ns_add(free_out, name);
        } else if (s->scope == SC_GLOBAL_IMPLICIT && ns_has(bound, name)) {
            s->scope = SC_FREE;
            e->has_free = true;
            ns_add(free_out, name);
        } else if (s->scope == SC_FREE) {
            ns_add(free_out, name);
        }
    }
done:
    ns_free(&local);
    ns_free(&newbound);
    ns_free(&newglobal);
    ns_free(&allfree);
}

// CPython's future_parse: the `from __future__` imports at the start of a
// module (after its docstring) name known features; a future import that
// follows another statement on the same line is refused here (a later one
// by the compiler, from future_lineno).
static void future_parse(visitor_t *v, ast_mod_t *mod) {
    static const char *const known[] = {
        "nested_scopes",  "generators",       "division",       "absolute_import", "with_statement",
        "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop",  "annotations",
    };
    v->st->future_lineno = -1;
    if (mod->kind == MOD_EXPRESSION || mod->body.n == 0) return;
    int i = 0, prev_line = 0;
    bool done = false;
    ast_stmt_t *first = mod->body.items[0];
    if (first->kind == STMT_EXPR && first->v.expr.value->kind == EXPR_CONSTANT &&
        first->v.expr.value->v.constant.kind == CONST_STR)
        i++;
    for (; i < mod->body.n; i++) {
        ast_stmt_t *s = mod->body.items[i];
        if (done && s->lineno > prev_line) return;
        prev_line = s->lineno;
        if (s->kind != STMT_IMPORTFROM || s->v.importfrom.module == NULL ||
            strcmp(s->v.importfrom.module, "__future__") != 0) {
            done = true;
            continue;
        }
        if (done) {
            // CPython gives this one offset col_offset, not col_offset + 1.
            st_error(v, s->lineno, s->col_offset - 1, s->lineno, SYNTAX_END_NONE,
                     "from __future__ imports must occur at the beginning of the file");
            return;
        }
        ast_alias_seq_t *names = &s->v.importfrom.names;
        for (int k = 0; k < names->n; k++) {
            const char *f = names->items[k]->name;
            bool ok = false;
            for (size_t j = 0; j < sizeof known / sizeof known[0]; j++)
                ok = ok || strcmp(f, known[j]) == 0;
            if (ok) continue;
            if (strcmp(f, "braces") == 0)
                st_error(v, s->lineno, s->col_offset, s->lineno, SYNTAX_END_NONE, "not a chance");
            else
                st_error(v, s->lineno, s->col_offset, s->lineno, SYNTAX_END_NONE,
                         "future feature %.100s is not defined", f);
            return;
        }
        v->st->future_lineno = s->lineno;
    }
}

symtable_t *symtable_build(ast_mod_t *mod, ast_arena_t *arena, const char *filename,
                           const char *src, size_t srclen) {
    return symtable_build_ex(mod, arena, filename, src, srclen, false);
}

symtable_t *symtable_build_ex(ast_mod_t *mod, ast_arena_t *arena, const char *filename,
                              const char *src, size_t srclen, bool future_annotations) {
    symtable_t *st = calloc(1, sizeof(symtable_t));
    if (!st) abort();
    st->arena = arena;
    st->filename = filename;
    st->src = src;
    st->srclen = srclen;
    st->future_annotations = future_annotations;
    visitor_t v = {st, 0, compile_depth_start(), compile_depth_limit()};
    enter_scope(&v, ST_MODULE, "top", NULL, 1);
    st->top = st->cur;
    future_parse(&v, mod);
    if (v.failed)
        ;
    else if (mod->kind == MOD_EXPRESSION)
        visit_expr(&v, mod->expr);
    else
        visit_stmts(&v, &mod->body);
    st->cur = st->top;
    if (!v.failed) {
        nameset_t bound = {0}, global = {0}, free = {0};
        analyze(&v, st->top, &bound, &global, &free);
        ns_free(&bound);
        ns_free(&global);
        ns_free(&free);
    }
    if (v.failed) {
        symtable_free(st);
        return NULL;
    }
    return st;
}

void symtable_free(symtable_t *st) {
    if (!st) return;
    for (int i = 0; i < st->nall; i++) {
        st_entry_t *e = st->all[i];
        free(e->children);
        free(e->syms);
        free(e->index);
        free(e->params);
        free(e);
    }
    free(st->all);
    free(st->keys);
    free(st->vals);
    free(st);
}
