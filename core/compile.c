/*
 * core/compile.c — the compiler's core: units (one per code object being
 * built), instruction emission with symbolic labels, register allocation,
 * constant and name tables, exception-table ranges, definite-assignment
 * bookkeeping, assembly into the final instruction words, and the entry
 * points (compile_source/_ex with the decoding of bytes sources, the
 * SyntaxError helpers, the recursion bounds of the tree walkers).
 *
 * Pipeline: decode_source (BOM, coding declaration) -> parse_source
 * (core/parser.c) -> symtable_build (symtable.c) ->
 * statements/expressions (compile_stmt.c, compile_expr.c) emit instr_t with
 * full-width operands and label ids -> leave_unit assembles: every
 * instruction gets its size (1 word, +1 EXTENDED_ARG prefix when an operand
 * does not fit, +1 trailing jump/data word), labels become absolute word
 * indices, protected ranges become the exception table (innermost first),
 * positions become the location table.  Sizes never depend on label
 * addresses (jump targets live in a full 32-bit trailing word), so assembly
 * is a single pass.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "compile_int.h"
#include "error.h"
#include "eval.h"
#include "parser.h"
#include "token.h"
#include "../threads/stress.h"
#include "../threads/thread.h"

// ---- SyntaxError ---------------------------------------------------------------------

const char *compile_src_line(const char *src, size_t srclen, int lineno, size_t *n) {
    if (!src || lineno < 1) return NULL;
    const char *p = src, *end = src + srclen;
    for (int i = 1; i < lineno && p < end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    if (p >= end) return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
    return p;
}

static obj_t *source_line(const char *src, size_t srclen, int lineno) {
    size_t n;
    const char *p = compile_src_line(src, srclen, lineno, &n);
    if (!p) return NULL;
    obj_t *s = str_from_utf8(p, n);
    if (!s) err_clear();
    return s;
}

static type_t *syntax_type(const char *type) {
    if (type && strcmp(type, "IndentationError") == 0) return exc_IndentationError;
    if (type && strcmp(type, "TabError") == 0) return exc_TabError;
    return exc_SyntaxError;
}

static void raise_syntax(type_t *type, const char *filename, const char *msg, int lineno,
                         int offset, obj_t *text, int end_lineno, int end_offset) {
    obj_t *fn = str_from_cstr(filename ? filename : "<unknown>");
    obj_t *m = str_from_cstr(msg);
    if (!fn || !m) {
        XDECREF(fn);
        XDECREF(m);
        return;
    }
    obj_t *loc = tuple_new(6);
    if (!loc) {
        DECREF(fn);
        DECREF(m);
        return;
    }
    TUPLE_SET(loc, 0, fn);
    TUPLE_SET(loc, 1, SMALLINT_FROM(lineno));
    TUPLE_SET(loc, 2, SMALLINT_FROM(offset));
    TUPLE_SET(loc, 3, text ? NEWREF(text) : NEWREF(None));
    TUPLE_SET(loc, 4, SMALLINT_FROM(end_lineno));
    TUPLE_SET(loc, 5, end_offset == SYNTAX_END_NONE ? NEWREF(None) : SMALLINT_FROM(end_offset));
    obj_t *args = tuple_pack(2, m, loc);
    DECREF(m);
    DECREF(loc);
    if (!args) return;
    obj_t *exc = exc_new(type, args);
    DECREF(args);
    if (!exc) return;
    err_set_object(exc);
    DECREF(exc);
}

void compile_set_syntax_error(const char *filename, const char *src, size_t srclen,
                              const char *type, const char *msg, int lineno, int col,
                              int end_lineno, int end_col) {
    obj_t *text = NULL;
    // CPython reads the text back from the file, so strings compiled under
    // a pseudo file name ("<string>") have no text.
    if (filename && filename[0] != '<') text = source_line(src, srclen, lineno);
    if (end_lineno < lineno) end_lineno = lineno;
    raise_syntax(syntax_type(type), filename, msg, lineno, col + 1, text, end_lineno,
                 end_col == SYNTAX_END_NONE ? end_col : end_col + 1);
    XDECREF(text);
}

static void vc_error(compiler_t *c, int lineno, int col, int end_lineno, int end_col,
                     const char *fmt, va_list ap) {
    if (c->failed) return;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    compile_set_syntax_error(c->filename, c->src, c->srclen, "SyntaxError", msg, lineno, col,
                             end_lineno, end_col);
    c->failed = 1;
}

void c_error(compiler_t *c, int lineno, int col, int end_lineno, int end_col, const char *fmt,
             ...) {
    va_list ap;
    va_start(ap, fmt);
    vc_error(c, lineno, col, end_lineno, end_col, fmt, ap);
    va_end(ap);
}

void c_error_at_expr(compiler_t *c, ast_expr_t *e, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vc_error(c, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset, fmt, ap);
    va_end(ap);
}

void c_error_at_stmt(compiler_t *c, ast_stmt_t *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vc_error(c, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset, fmt, ap);
    va_end(ap);
}

void c_fail_pending(compiler_t *c) {
    c->failed = 1;
}

// ---- recursion bounds -------------------------------------------------------------------

// sys.setrecursionlimit() may allow more nesting than the C stack holds (frames are large in
// sanitizer builds), so the walkers also stop when the thread's stack is nearly used up
// (parse_stack_exhausted, shared with the parser).
#define COMPILE_MAX_DEPTH 30000

bool compile_stack_exhausted(void) {
    return parse_stack_exhausted();
}

int compile_depth_start(void) {
    parse_stack_init();
    thread_t *ts = thread_current();
    return ts ? ts->py_depth * 3 : 0;
}

int compile_depth_limit(void) {
    int lim = atomic_load_explicit(&pvm_recursion_limit, memory_order_relaxed);
    return lim > COMPILE_MAX_DEPTH / 3 ? COMPILE_MAX_DEPTH : lim * 3;
}

void compile_raise_depth_error(void) {
    err_set_str(exc_RecursionError, "maximum recursion depth exceeded during compilation");
}

bool c_enter(compiler_t *c) {
    if (++c->depth > c->depth_limit || compile_stack_exhausted()) {
        c->depth--;
        if (!c->failed) compile_raise_depth_error();
        c->failed = 1;
        return false;
    }
    return true;
}

// ---- emission ---------------------------------------------------------------------------

static instr_t *next_instr(compiler_t *c) {
    unit_t *u = c->u;
    if (u->ninstrs == u->instrs_cap) {
        u->instrs_cap = u->instrs_cap ? u->instrs_cap * 2 : 64;
        u->instrs = realloc(u->instrs, u->instrs_cap * sizeof(instr_t));
        if (!u->instrs) abort();
    }
    instr_t *i = &u->instrs[u->ninstrs];
    memset(i, 0, sizeof *i);
    i->label = -1;
    i->line = u->line;
    i->end_line = u->end_line;
    i->col = u->col;
    i->end_col = u->end_col;
    return i;
}

int emit(compiler_t *c, int op, uint32_t a, uint32_t b, uint32_t cc) {
    instr_t *i = next_instr(c);
    i->op = (uint8_t)op;
    i->a = a;
    i->b = b;
    i->c = cc;
    return c->u->ninstrs++;
}

int emit_bx(compiler_t *c, int op, uint32_t a, uint32_t bx) {
    return emit(c, op, a, bx, 0);
}

int emit_jump(compiler_t *c, int op, uint32_t a, uint32_t b, uint32_t cc, int label) {
    int k = emit(c, op, a, b, cc);
    c->u->instrs[k].label = label;
    return k;
}

int emit_word(compiler_t *c, int op, uint32_t a, uint32_t b, uint32_t cc, uint32_t word) {
    int k = emit(c, op, a, b, cc);
    c->u->instrs[k].word = word;
    return k;
}

int new_label(compiler_t *c) {
    unit_t *u = c->u;
    if (u->nlabels == u->labels_cap) {
        u->labels_cap = u->labels_cap ? u->labels_cap * 2 : 32;
        u->labels = realloc(u->labels, u->labels_cap * sizeof(int));
        if (!u->labels) abort();
    }
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

void bind_label(compiler_t *c, int label) {
    c->u->labels[label] = c->u->ninstrs;
}

int last_op(compiler_t *c) {
    unit_t *u = c->u;
    if (u->ninstrs == 0) return -1;
    // A label bound at the current position makes the last instruction
    // irrelevant for fall-through questions.
    for (int i = 0; i < u->nlabels; i++)
        if (u->labels[i] == u->ninstrs) return -1;
    return u->instrs[u->ninstrs - 1].op;
}

// ---- registers ----------------------------------------------------------------------------

int alloc_reg(compiler_t *c) {
    unit_t *u = c->u;
    int r = u->next_reg++;
    if (u->next_reg > u->max_reg) u->max_reg = u->next_reg;
    return r;
}

int alloc_regs(compiler_t *c, int n) {
    unit_t *u = c->u;
    int r = u->next_reg;
    u->next_reg += n;
    if (u->next_reg > u->max_reg) u->max_reg = u->next_reg;
    return r;
}

void free_to(compiler_t *c, int mark) {
    if (mark < c->u->next_reg) c->u->next_reg = mark;
}

// ---- constants and names --------------------------------------------------------------------

// Key distinguishing constants that compare equal but must stay distinct
// (1, 1.0, True; 0.0 and -0.0).
static obj_t *const_key(obj_t *v) {
    if (IS_SMALLINT(v)) return NEWREF(v);
    type_t *t = TYPE(v);
    if (t == &float_type) {
        double d = float_value(v);
        int64_t bits;
        memcpy(&bits, &d, sizeof bits);
        obj_t *b = int_from_i64(bits);
        if (!b) return NULL;
        obj_t *k = tuple_pack(2, (obj_t *)&float_type, b);
        DECREF(b);
        return k;
    }
    if (t == &str_type || t == &bytes_type || t == &int_type) return tuple_pack(2, (obj_t *)t, v);
    if (v == None || v == True || v == False || v == Ellipsis) return tuple_pack(2, (obj_t *)t, v);
    return NULL; // no dedup (tuples, frozensets, code objects)
}

int add_const(compiler_t *c, obj_t *v) {
    unit_t *u = c->u;
    // After an error the code is thrown away; the lookups below clear the exceptions
    // they raise, and must not take the pending SyntaxError with them.
    if (c->failed) return 0;
    obj_t *key = const_key(v);
    if (key) {
        obj_t *idx = dict_get(u->const_index, key);
        if (idx) {
            DECREF(key);
            DECREF(idx);
            return (int)SMALLINT_VALUE(idx);
        }
        if (err_occurred()) err_clear();
    } else if (err_occurred()) {
        err_clear();
    }
    int n = (int)list_size(u->consts);
    if (list_append(u->consts, v) < 0) {
        XDECREF(key);
        c_fail_pending(c);
        return 0;
    }
    if (key) {
        if (dict_set(u->const_index, key, SMALLINT_FROM(n)) < 0) err_clear();
        DECREF(key);
    }
    return n;
}

int add_name_obj(compiler_t *c, obj_t *name) {
    unit_t *u = c->u;
    obj_t *idx = dict_get(u->name_index, name);
    if (idx) {
        DECREF(idx);
        return (int)SMALLINT_VALUE(idx);
    }
    int n = (int)list_size(u->names);
    if (list_append(u->names, name) < 0 || dict_set(u->name_index, name, SMALLINT_FROM(n)) < 0)
        c_fail_pending(c);
    return n;
}

int add_name(compiler_t *c, const char *name) {
    return add_name_obj(c, str_intern(name));
}

const char *mangle(compiler_t *c, const char *name) {
    return st_mangle(c->arena, c->u->private_name, name);
}

int add_attr_name(compiler_t *c, const char *name) {
    return add_name(c, mangle(c, name));
}

void emit_load_const(compiler_t *c, int dst, obj_t *v) {
    if (v == None) {
        emit(c, OPC_LOAD_NONE, dst, 0, 0);
        return;
    }
    if (IS_SMALLINT(v)) {
        int64_t i = SMALLINT_VALUE(v);
        if (i >= -SBX_BIAS && i < SBX_BIAS && dst <= 255) {
            emit_bx(c, OPC_LOAD_SMALLINT, dst, (uint32_t)(i + SBX_BIAS));
            return;
        }
    }
    emit_bx(c, OPC_LOAD_CONST, dst, add_const(c, v));
}

// ---- positions ---------------------------------------------------------------------------

loc_t set_loc_expr(compiler_t *c, ast_expr_t *e) {
    unit_t *u = c->u;
    loc_t old = {u->line, u->end_line, u->col, u->end_col};
    u->line = e->lineno;
    u->end_line = e->end_lineno;
    u->col = e->col_offset;
    u->end_col = e->end_col_offset;
    return old;
}

loc_t set_loc_stmt(compiler_t *c, ast_stmt_t *s) {
    unit_t *u = c->u;
    loc_t old = {u->line, u->end_line, u->col, u->end_col};
    u->line = s->lineno;
    u->end_line = s->end_lineno;
    u->col = s->col_offset;
    u->end_col = s->end_col_offset;
    return old;
}

void loc_from_last(compiler_t *c) {
    unit_t *u = c->u;
    if (u->ninstrs == 0) return;
    if (last_op(c) < 0) {
        // A label here: several paths join, none of their lines is this
        // one's.  No line (CPython leaves such clean-up without one): the
        // frame reports the line it came from.
        u->line = u->end_line = u->col = u->end_col = -1;
        return;
    }
    instr_t *in = &u->instrs[u->ninstrs - 1];
    u->line = in->line;
    u->end_line = in->end_line;
    u->col = in->col;
    u->end_col = in->end_col;
}

void restore_loc(compiler_t *c, loc_t l) {
    unit_t *u = c->u;
    u->line = l.line;
    u->end_line = l.end_line;
    u->col = l.col;
    u->end_col = l.end_col;
}

// ---- exception ranges and fblocks -------------------------------------------------------------

void fb_open_range(compiler_t *c, fblock_t *fb) {
    if (fb->has_range && fb->range_start < 0) fb->range_start = c->u->ninstrs;
}

void fb_close_range(compiler_t *c, fblock_t *fb) {
    unit_t *u = c->u;
    if (!fb->has_range || fb->range_start < 0) return;
    if (fb->range_start < u->ninstrs) {
        if (u->nranges == u->ranges_cap) {
            u->ranges_cap = u->ranges_cap ? u->ranges_cap * 2 : 16;
            u->ranges = realloc(u->ranges, u->ranges_cap * sizeof(exc_range_t));
            if (!u->ranges) abort();
        }
        exc_range_t *r = &u->ranges[u->nranges++];
        r->start = fb->range_start;
        r->end = u->ninstrs;
        r->handler_label = fb->handler_label;
        r->reg = fb->exc_reg;
        r->depth = fb->depth;
    }
    fb->range_start = -1;
}

fblock_t *push_fblock(compiler_t *c, fb_kind_t kind) {
    unit_t *u = c->u;
    if (u->nfblocks >= (int)(sizeof u->fblocks / sizeof u->fblocks[0])) {
        c_error(c, u->line, u->col, u->end_line, u->end_col, "too many statically nested blocks");
        u->nfblocks--; // reuse the last slot to keep going safely
    }
    fblock_t *fb = &u->fblocks[u->nfblocks];
    memset(fb, 0, sizeof *fb);
    fb->kind = kind;
    fb->range_start = -1;
    fb->depth = u->nfblocks;
    fb->label_continue = fb->label_break = fb->handler_label = -1;
    fb->exc_reg = fb->saved_reg = fb->with_reg = fb->caught_reg = -1;
    u->nfblocks++;
    return fb;
}

void pop_fblock(compiler_t *c) {
    unit_t *u = c->u;
    fblock_t *fb = &u->fblocks[u->nfblocks - 1];
    fb_close_range(c, fb);
    u->nfblocks--;
}

// ---- definite assignment -----------------------------------------------------------------------

void da_set(compiler_t *c, int reg) {
    unit_t *u = c->u;
    if (reg >= 0 && reg < u->nlocals && u->assigned)
        u->assigned[reg >> 6] |= (uint64_t)1 << (reg & 63);
}
void da_clear(compiler_t *c, int reg) {
    unit_t *u = c->u;
    if (reg >= 0 && reg < u->nlocals && u->assigned)
        u->assigned[reg >> 6] &= ~((uint64_t)1 << (reg & 63));
}
bool da_test(compiler_t *c, int reg) {
    unit_t *u = c->u;
    if (reg < 0 || reg >= u->nlocals || !u->assigned) return true;
    return (u->assigned[reg >> 6] >> (reg & 63)) & 1;
}
uint64_t *da_save(compiler_t *c) {
    unit_t *u = c->u;
    uint64_t *s = malloc((u->assigned_words ? u->assigned_words : 1) * sizeof(uint64_t));
    if (!s) abort();
    if (u->assigned_words) memcpy(s, u->assigned, u->assigned_words * sizeof(uint64_t));
    return s;
}
void da_restore(compiler_t *c, uint64_t *s) {
    unit_t *u = c->u;
    if (u->assigned_words) memcpy(u->assigned, s, u->assigned_words * sizeof(uint64_t));
}
void da_intersect(compiler_t *c, uint64_t *s) {
    unit_t *u = c->u;
    for (int i = 0; i < u->assigned_words; i++)
        u->assigned[i] &= s[i];
}
void da_set_all(compiler_t *c) {
    unit_t *u = c->u;
    for (int i = 0; i < u->assigned_words; i++)
        u->assigned[i] = ~(uint64_t)0;
}

static void collect_deleted_expr(compiler_t *c, ast_expr_t *t) {
    if (!t) return;
    if (t->kind == EXPR_NAME) {
        int r = local_reg(c, t->v.name.id);
        if (r >= 0) da_clear(c, r);
    } else if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        for (int i = 0; i < t->v.tuple.elts.n; i++)
            collect_deleted_expr(c, t->v.tuple.elts.items[i]);
    }
}

static void collect_deleted(compiler_t *c, ast_stmt_seq_t *body) {
    for (int i = 0; i < body->n; i++) {
        ast_stmt_t *s = body->items[i];
        switch (s->kind) {
        case STMT_DELETE:
            for (int k = 0; k < s->v.delete_.targets.n; k++)
                collect_deleted_expr(c, s->v.delete_.targets.items[k]);
            break;
        case STMT_FOR:
            collect_deleted(c, &s->v.for_.body);
            collect_deleted(c, &s->v.for_.orelse);
            break;
        case STMT_WHILE:
            collect_deleted(c, &s->v.while_.body);
            collect_deleted(c, &s->v.while_.orelse);
            break;
        case STMT_IF:
            collect_deleted(c, &s->v.if_.body);
            collect_deleted(c, &s->v.if_.orelse);
            break;
        case STMT_WITH: collect_deleted(c, &s->v.with.body); break;
        case STMT_TRY:
            collect_deleted(c, &s->v.try_.body);
            for (int k = 0; k < s->v.try_.handlers.n; k++) {
                ast_excepthandler_t *h = s->v.try_.handlers.items[k];
                if (h->name) {
                    int r = local_reg(c, h->name);
                    if (r >= 0) da_clear(c, r);
                }
                collect_deleted(c, &h->body);
            }
            collect_deleted(c, &s->v.try_.orelse);
            collect_deleted(c, &s->v.try_.finalbody);
            break;
        case STMT_MATCH:
            for (int k = 0; k < s->v.match.cases.n; k++)
                collect_deleted(c, &s->v.match.cases.items[k]->body);
            break;
        default: break;
        }
    }
}

void da_remove_deleted(compiler_t *c, ast_stmt_seq_t *body) {
    collect_deleted(c, body);
}

// ---- units ------------------------------------------------------------------------------------

obj_t *make_qualname(compiler_t *c, const char *name) {
    unit_t *u = c->u; // the parent unit
    if (u == NULL || u->scope_type == ST_MODULE) return str_from_cstr(name);
    // A name declared global in the parent gets a bare qualname.
    if (u->ste) {
        st_symbol_t *s = st_entry_get(u->ste, name);
        if (s && s->scope == SC_GLOBAL_EXPLICIT) return str_from_cstr(name);
    }
    if (u->scope_type == ST_FUNCTION) return str_from_format("%U.<locals>.%s", u->qualname, name);
    return str_from_format("%U.%s", u->qualname, name);
}

static int list_add_str(obj_t *list, const char *s) {
    return list_append(list, str_intern(s));
}

static int sym_name_cmp(const void *a, const void *b) {
    return strcmp((*(st_symbol_t *const *)a)->name, (*(st_symbol_t *const *)b)->name);
}

// The symbols of ste that become co_cellvars (kind SC_CELL: the cell
// parameters in parameter order, then the other cells sorted by name) or
// co_freevars (kind SC_FREE: free names, and a class's DEF_FREE_CLASS ones,
// sorted by name; UTF-8 byte order is code point order).  A NULL-ended
// malloc'd array.
static st_symbol_t **unit_syms_in_co_order(st_entry_t *ste, st_scope_kind_t kind) {
    st_symbol_t **v = malloc(((size_t)ste->nsyms + 1) * sizeof(st_symbol_t *));
    if (!v) abort();
    int n = 0, first = 0;
    if (kind == SC_CELL) {
        for (int i = 0; i < ste->nparams; i++) {
            st_symbol_t *s = st_entry_get(ste, ste->params[i]);
            if (s->scope == SC_CELL) v[n++] = s;
        }
        first = n;
    }
    for (int i = 0; i < ste->nsyms; i++) {
        st_symbol_t *s = &ste->syms[i];
        bool take = kind == SC_CELL ? s->scope == SC_CELL && !(s->flags & DEF_PARAM)
                                    : s->scope == SC_FREE ||
                                          (ste->type == ST_CLASS && (s->flags & DEF_FREE_CLASS));
        if (take) v[n++] = s;
    }
    qsort(v + first, (size_t)(n - first), sizeof(st_symbol_t *), sym_name_cmp);
    v[n] = NULL;
    return v;
}

int enter_unit(compiler_t *c, st_entry_t *ste, const char *name, obj_t *qualname, int firstlineno) {
    unit_t *u = calloc(1, sizeof(unit_t));
    if (!u) abort();
    u->parent = c->u;
    u->ste = ste;
    u->scope_type = ste->type;
    u->firstlineno = firstlineno;
    u->line = u->end_line = firstlineno;
    u->col = u->end_col = -1;
    u->name = str_intern(name);
    u->qualname = qualname ? qualname : NEWREF(u->name);
    u->consts = list_new(0);
    u->const_index = dict_new();
    u->names = list_new(0);
    u->name_index = dict_new();
    u->varnames = list_new(0);
    u->cellvars = list_new(0);
    u->freevars = list_new(0);
    u->has_walrus = ste->has_walrus;
    u->future_annotations = c->future_annotations;
    u->private_name = ste->type == ST_CLASS ? name : (u->parent ? u->parent->private_name : NULL);
    c->u = u;
    if (!u->consts || !u->const_index || !u->names || !u->name_index || !u->varnames ||
        !u->cellvars || !u->freevars) {
        c_fail_pending(c);
        return -1;
    }
    int ncellcap = 0;
    // A failed list_add_str (MemoryError) must fail the unit, not leave the
    // exception pending under a compile that goes on.
    int bad = 0;
    if (ste->type == ST_FUNCTION) {
        for (int i = 0; i < ste->nparams; i++) {
            st_symbol_t *s = st_entry_get(ste, ste->params[i]);
            s->reg = u->nlocals++;
            bad |= list_add_str(u->varnames, s->name);
        }
        u->nparams = u->nlocals;
        for (int i = 0; i < ste->nsyms; i++) {
            st_symbol_t *s = &ste->syms[i];
            if ((s->scope == SC_LOCAL || s->scope == SC_CELL) && !(s->flags & DEF_PARAM)) {
                s->reg = u->nlocals++;
                bad |= list_add_str(u->varnames, s->name);
            }
        }
        // co_cellvars: parameters that are cells in parameter order, then
        // the other cells by name (CPython 3.11's order).
        st_symbol_t **cells = unit_syms_in_co_order(ste, SC_CELL);
        for (int i = 0; cells[i]; i++) {
            st_symbol_t *s = cells[i];
            if (u->ncells == ncellcap) {
                ncellcap = ncellcap ? ncellcap * 2 : 4;
                u->cell_regs = realloc(u->cell_regs, ncellcap * sizeof(int));
                if (!u->cell_regs) abort();
            }
            u->cell_regs[u->ncells++] = s->reg;
            bad |= list_add_str(u->cellvars, s->name);
        }
        free(cells);
    } else if (ste->type == ST_CLASS && ste->needs_class_cell) {
        u->in_class_cell = true;
        u->class_cell_reg = u->nlocals++;
        bad |= list_add_str(u->varnames, "__class__");
        u->cell_regs = malloc(sizeof(int));
        if (!u->cell_regs) abort();
        u->cell_regs[0] = u->class_cell_reg;
        u->ncells = 1;
        bad |= list_add_str(u->cellvars, "__class__");
    }
    // co_freevars by name (CPython 3.11's order: FunctionType(code, g,
    // name, defaults, closure) and code.replace() callers rely on it).
    st_symbol_t **frees = unit_syms_in_co_order(ste, SC_FREE);
    for (int i = 0; frees[i]; i++) {
        st_symbol_t *s = frees[i];
        s->reg = u->nlocals + u->nfree++;
        bad |= list_add_str(u->freevars, s->name);
    }
    free(frees);
    u->next_reg = u->max_reg = u->nlocals + u->nfree;
    if (ste->type == ST_FUNCTION && u->nlocals > 0) {
        u->assigned_words = (u->nlocals + 63) / 64;
        u->assigned = calloc(u->assigned_words, sizeof(uint64_t));
        if (!u->assigned) abort();
        for (int i = 0; i < u->nparams; i++)
            da_set(c, i);
    }
    if (bad) {
        c_fail_pending(c);
        return -1;
    }
    return 0;
}

static void free_unit(unit_t *u) {
    free(u->instrs);
    free(u->labels);
    free(u->ranges);
    free(u->cell_regs);
    free(u->assigned);
    XDECREF(u->consts);
    XDECREF(u->const_index);
    XDECREF(u->names);
    XDECREF(u->name_index);
    XDECREF(u->varnames);
    XDECREF(u->cellvars);
    XDECREF(u->freevars);
    XDECREF(u->qualname);
    free(u);
}

static int cmp_ranges(const void *a, const void *b) {
    const exc_range_t *x = a, *y = b;
    if (x->depth != y->depth) return y->depth - x->depth; // deeper (inner) first
    return x->start - y->start;
}

// Words of an instruction: its EXTENDED_ARG prefixes (*npre of them, in
// pre[]), the instruction, and a trailing jump/data word.
static unsigned insn_size(const instr_t *i, int *npre, uint32_t pre[INSN_MAX_PREFIXES]) {
    *npre = insn_prefixes(i->op, i->a, i->b, i->c, pre);
    return 1 + (unsigned)*npre + (opcode_has_word(i->op) ? 1 : 0);
}

// A JUMP that ends a block where paths join (`if a: x` + `else: y`, then
// the enclosing block's jump out) took the line of the instruction before
// it, which is only one of the paths: it gets no line instead, so tracing
// reports no line that did not run (the frame keeps the line it came from,
// as CPython, whose compiler leaves such jumps without a line).  A jump
// with a line of its own (`continue`, a loop's test) keeps it.
static void jumps_at_joins_lose_line(unit_t *u) {
    int n = u->ninstrs;
    if (n < 2) return;
    uint8_t *target = calloc((size_t)n, 1);
    if (target == NULL) return; // lines stay as they are
    for (int i = 0; i < u->nlabels; i++)
        if (u->labels[i] >= 0 && u->labels[i] < n) target[u->labels[i]] = 1;
    int prev_line = u->instrs[0].line;
    for (int k = 1; k < n; k++) {
        instr_t *in = &u->instrs[k];
        int line = in->line;
        if (in->op == OPC_JUMP && target[k] && line == prev_line && line >= 0 && in->label >= 0 &&
            u->labels[in->label] > k)
            in->line = in->end_line = in->col = in->end_col = -1;
        prev_line = line;
    }
    free(target);
}

static obj_t *assemble(compiler_t *c) {
    unit_t *u = c->u;
    // Every path must end in a return.
    bool need_ret = u->ninstrs == 0, jumped_to = false;
    if (!need_ret) {
        int op = u->instrs[u->ninstrs - 1].op;
        need_ret = !(op == OPC_RETURN || op == OPC_RETURN_NONE || op == OPC_JUMP ||
                     op == OPC_RERAISE || op == OPC_RAISE);
        for (int i = 0; i < u->nlabels; i++)
            if (u->labels[i] == u->ninstrs) need_ret = jumped_to = true;
    }
    if (need_ret) {
        // The implicit return is on the last line that ran before it: the
        // last instruction's when only falling through reaches it; no line
        // when jumps do (the frame then reports the line it came from: see
        // core/trace.c), so that tracing shows no line that did not run.
        if (jumped_to) {
            u->line = u->end_line = -1;
            u->col = u->end_col = -1;
        } else {
            loc_from_last(c);
        }
        if (u->scope_type == ST_MODULE && c->mode == 1)
            emit(c, OPC_RETURN_NONE, 0, 0, 0);
        else
            emit(c, OPC_RETURN_NONE, 0, 0, 0);
    }
    jumps_at_joins_lose_line(u);
    int n = u->ninstrs;
    uint32_t *addr = malloc((n + 1) * sizeof(uint32_t));
    if (!addr) return err_no_memory();
    // Registers, constants and names are full 32-bit operands (up to three
    // prefixes); the frame size is what stays bounded (see CODE_MAX_REGS).
    if (u->max_reg > CODE_MAX_REGS) {
        free(addr);
        err_format(exc_SystemError, "code object '%s' needs %d registers (the limit is %d)",
                   str_data(u->name), u->max_reg, CODE_MAX_REGS);
        return NULL;
    }
    uint64_t pos64 = 0;
    for (int i = 0; i < n; i++) {
        int npre;
        uint32_t pre[INSN_MAX_PREFIXES];
        addr[i] = (uint32_t)pos64;
        pos64 += insn_size(&u->instrs[i], &npre, pre);
        if (pos64 > UINT32_MAX) { // jump words and the exception table are 32-bit
            free(addr);
            err_format(exc_SystemError, "code object '%s' is too long", str_data(u->name));
            return NULL;
        }
    }
    uint32_t pos = (uint32_t)pos64;
    addr[n] = pos;
    uint32_t *words = malloc((pos ? pos : 1) * sizeof(uint32_t));
    code_loc_t *locs = malloc((n > 0 ? (size_t)n : 1) * sizeof(code_loc_t));
    if (!words || !locs) {
        free(addr);
        free(words);
        free(locs);
        return err_no_memory();
    }
    size_t nlocs = 0;
    uint32_t w = 0;
    for (int k = 0; k < n; k++) {
        instr_t *i = &u->instrs[k];
        int npre;
        uint32_t pre[INSN_MAX_PREFIXES];
        unsigned size = insn_size(i, &npre, pre);
        for (int j = 0; j < npre; j++)
            words[w++] = pre[j];
        if (opcode_is_bx(i->op))
            words[w++] = INSN_ABX(i->op, i->a & 0xff, i->b & 0xffff);
        else
            words[w++] = INSN_ABC(i->op, i->a & 0xff, i->b & 0xff, i->c & 0xff);
        if (opcode_has_jump(i->op)) {
            int target = i->label >= 0 ? u->labels[i->label] : -1;
            words[w++] = target >= 0 ? addr[target] : 0;
        } else if (opcode_has_word(i->op)) {
            words[w++] = i->word;
        }
        if (nlocs > 0 && locs[nlocs - 1].line == i->line &&
            locs[nlocs - 1].end_line == i->end_line && locs[nlocs - 1].col == i->col &&
            locs[nlocs - 1].end_col == i->end_col) {
            locs[nlocs - 1].nwords += size;
        } else {
            code_loc_t *l = &locs[nlocs++];
            l->nwords = size;
            l->line = i->line;
            l->end_line = i->end_line;
            l->col = i->col;
            l->end_col = i->end_col;
        }
    }
    code_t *co = code_new();
    if (!co) {
        free(addr);
        free(words);
        free(locs);
        return NULL;
    }
    co->insns = words;
    co->ninsns = pos;
    co->firstlineno = u->firstlineno;
    if (code_set_locations(co, locs, nlocs) < 0) {
        free(addr);
        free(locs);
        DECREF((obj_t *)co);
        return NULL;
    }
    free(locs);
    // Exception table.
    if (u->nranges) qsort(u->ranges, u->nranges, sizeof(exc_range_t), cmp_ranges);
    if (u->nranges) {
        co->exctable = malloc(u->nranges * sizeof(exc_entry_t));
        if (!co->exctable) {
            free(addr);
            DECREF((obj_t *)co);
            return err_no_memory();
        }
        for (int k = 0; k < u->nranges; k++) {
            exc_range_t *r = &u->ranges[k];
            co->exctable[k].start = addr[r->start];
            co->exctable[k].end = addr[r->end];
            co->exctable[k].handler = addr[u->labels[r->handler_label]];
            co->exctable[k].depth = (uint32_t)r->reg;
        }
        co->nexc = u->nranges;
    }
    free(addr);
    co->consts = list_as_tuple(u->consts);
    co->names = list_as_tuple(u->names);
    co->varnames = list_as_tuple(u->varnames);
    co->cellvars = list_as_tuple(u->cellvars);
    co->freevars = list_as_tuple(u->freevars);
    co->filename = NEWREF(c->filename_obj);
    stress_code_patch(co); // after filename: -X race instruments by file
    // Interned (immortal): every function made from this code takes a
    // reference to both, and threads making closures or comprehensions
    // from shared code would otherwise all write their counts.
    co->name = NEWREF(str_intern_obj(u->name));
    co->qualname = NEWREF(str_intern_obj(u->qualname));
    co->argcount = u->argcount;
    co->posonlyargcount = u->posonlyargcount;
    co->kwonlyargcount = u->kwonlyargcount;
    co->nlocals = u->nlocals;
    co->nregs = u->max_reg;
    co->flags = u->flags;
    if (u->future_annotations) co->flags |= CO_FUTURE_ANNOTATIONS;
    if (u->ncells == 0 && u->nfree == 0) co->flags |= CO_NOFREE;
    for (unit_t *p = u->parent; p != NULL; p = p->parent)
        if (p->scope_type == ST_FUNCTION) {
            co->flags |= CO_IN_FUNCTION;
            break;
        }
    co->ncells = u->ncells;
    co->cell_regs = u->cell_regs;
    u->cell_regs = NULL;
    co->nfree = u->nfree;
    co->nparams = u->nparams;
    if (!co->consts || !co->names || !co->varnames || !co->cellvars || !co->freevars) {
        DECREF((obj_t *)co);
        return NULL;
    }
    return (obj_t *)co;
}

obj_t *leave_unit(compiler_t *c) {
    unit_t *u = c->u;
    obj_t *code = NULL;
    if (!c->failed) {
        code = assemble(c);
        if (!code) c_fail_pending(c);
    }
    c->u = u->parent;
    free_unit(u);
    return code;
}

// ---- entry points
// --------------------------------------------------------------------------------

static obj_t *compile_module(compiler_t *c, ast_mod_t *mod) {
    if (enter_unit(c, c->st->top, "<module>", NULL, 1) < 0) return leave_unit(c);
    if (mod->kind == MOD_EXPRESSION) {
        c->u->line = c->u->end_line = mod->expr->lineno;
        int r = expr_any(c, mod->expr);
        emit(c, OPC_RETURN, r, 0, 0);
    } else {
        if (mod->body.n > 0) {
            c->u->line = mod->body.items[0]->lineno;
            c->u->end_line = c->u->line;
        }
        if (mod->kind == MOD_MODULE)
            compile_body_with_docstring(c, &mod->body, false);
        else
            stmts(c, &mod->body);
        if (!c->failed && last_op(c) != OPC_RETURN_NONE) {
            // Implicit `return None` keeps the last statement's line, as CPython.
            emit(c, OPC_RETURN_NONE, 0, 0, 0);
        }
    }
    return leave_unit(c);
}

// The offending line as a str: bytes that are not UTF-8 (the line of a "(unicode error)")
// become U+FFFD each, as CPython's "replace" decoding shows them.
static obj_t *text_replacing_bad_utf8(const char *line) {
    size_t n = strlen(line);
    if (tok_utf8_invalid_at(line, n) < 0) return str_from_utf8(line, n);
    char *buf = malloc(n * 3 + 1);
    if (!buf) return err_no_memory();
    size_t j = 0;
    for (size_t i = 0; i < n;) {
        long bad = tok_utf8_invalid_at(line + i, n - i);
        size_t good = bad < 0 ? n - i : (size_t)bad;
        memcpy(buf + j, line + i, good);
        j += good;
        i += good;
        if (bad >= 0) {
            memcpy(buf + j, "\xEF\xBF\xBD", 3);
            j += 3;
            i++;
        }
    }
    obj_t *s = str_from_utf8(buf, j);
    free(buf);
    return s;
}

static void raise_parse_error(parse_error_t *pe, const char *filename) {
    if (pe->type && strcmp(pe->type, "MemoryError") == 0) {
        // The parser ran out of its stack budget: CPython raises a bare MemoryError.
        (void)err_no_memory();
        return;
    }
    obj_t *text = NULL;
    if (pe->text) {
        text = text_replacing_bad_utf8(pe->text);
        if (!text) err_clear();
    }
    raise_syntax(syntax_type(pe->type), filename, pe->msg, pe->lineno, pe->col_offset, text,
                 pe->end_lineno > 0 ? pe->end_lineno : pe->lineno, pe->end_col_offset);
    XDECREF(text);
}

obj_t *compile_ast(ast_mod_t *mod, ast_arena_t *arena, const char *src, size_t len,
                   const char *filename, int mode) {
    return compile_ast_ex(mod, arena, src, len, filename, mode, 0);
}

obj_t *compile_ast_ex(ast_mod_t *mod, ast_arena_t *arena, const char *src, size_t len,
                      const char *filename, int mode, int flags) {
    compiler_t c;
    memset(&c, 0, sizeof c);
    c.filename = filename;
    c.src = src;
    c.srclen = len;
    c.arena = arena;
    c.mode = mode;
    // The symbol table enforces CPython's limit on the tree; the compiler may spend two
    // levels on one node (a constant condition goes expr_jump_if -> expr_to), so its own
    // guard only keeps the C stack bounded.
    c.depth = compile_depth_start();
    c.depth_limit = 2 * compile_depth_limit();
    c.filename_obj = str_from_cstr(filename);
    if (!c.filename_obj) return NULL;
    c.st = symtable_build_ex(mod, arena, filename, src, len,
                             (flags & COMPILE_FUTURE_ANNOTATIONS) != 0);
    if (!c.st) {
        DECREF(c.filename_obj);
        return NULL;
    }
    c.future_annotations = c.st->future_annotations;
    obj_t *code = compile_module(&c, mod);
    symtable_free(c.st);
    DECREF(c.filename_obj);
    if (c.failed) {
        XDECREF(code);
        if (!err_occurred()) err_set_str(exc_SystemError, "compiler failed without an exception");
        return NULL;
    }
    return code;
}

// SyntaxError(msg, (filename, 0, -1, None)): how CPython reports a source it cannot decode.
static void raise_decode_error(const char *filename, const char *msg) {
    obj_t *fn = str_from_cstr(filename ? filename : "<unknown>");
    obj_t *m = str_from_cstr(msg);
    obj_t *loc = fn ? tuple_new(4) : NULL;
    if (loc) {
        TUPLE_SET(loc, 0, NEWREF(fn));
        TUPLE_SET(loc, 1, SMALLINT_FROM(0));
        TUPLE_SET(loc, 2, SMALLINT_FROM(-1));
        TUPLE_SET(loc, 3, NEWREF(None));
    }
    obj_t *args = m && loc ? tuple_pack(2, m, loc) : NULL;
    obj_t *exc = args ? exc_new(exc_SyntaxError, args) : NULL;
    if (exc) {
        err_set_object(exc);
        DECREF(exc);
    }
    XDECREF(args);
    XDECREF(loc);
    XDECREF(m);
    XDECREF(fn);
}

// A source whose coding declaration names an encoding the tokenizer does
// not decode natively (koi8-r, cp1251...): decoded through the codec
// registry (codecs.lookup), as CPython's tokenizer does.  Returns 0 with
// *owned (UTF-8, malloc'ed) set, or -1 with no exception when the codec is
// unknown or the bytes do not decode (the caller reports its SyntaxError).
static int decode_with_codec(const char *src, size_t len, const char *encoding, char **owned,
                             size_t *ownedlen) {
    obj_t *b = bytes_from(src, len);
    obj_t *s = b ? bytes_decode(b, encoding, "strict") : NULL;
    XDECREF(b);
    if (s == NULL || !STR_CHECK(s)) {
        XDECREF(s);
        err_clear();
        return -1;
    }
    size_t n = str_nbytes(s);
    *owned = malloc(n + 1);
    if (*owned == NULL) {
        DECREF(s);
        return -1;
    }
    memcpy(*owned, str_data(s), n + 1);
    *ownedlen = n;
    DECREF(s);
    return 0;
}

// The UTF-8 text of a bytes source (BOM and coding declaration, see tok_decode_source).
// Returns 0 with *text/*textlen set (*owned: a buffer to free), or -1 with SyntaxError set.
static int decode_source(const char *src, size_t len, const char *filename, int flags,
                         const char **text, size_t *textlen, char **owned) {
    *owned = NULL;
    *text = src;
    *textlen = len;
    if (flags & COMPILE_FROM_STR) return 0;
    tok_source_t ts;
    tok_src_status_t st = tok_decode_source(src, len, &ts);
    char msg[300];
    bool main_file = (flags & COMPILE_MAIN_FILE) != 0;
    switch (st) {
    case TOK_SRC_OK:
        if (main_file && !ts.encoding[0] && ts.skip == 0) {
            // Without a declaration CPython's file reader wants UTF-8 line by line.
            long bad = tok_utf8_invalid_at(src, len);
            if (bad >= 0) {
                int line = 1;
                for (long k = 0; k < bad; k++)
                    if (src[k] == '\n') line++;
                snprintf(msg, sizeof msg,
                         "Non-UTF-8 code starting with '\\x%02x' in file %.150s on line %d, but no "
                         "encoding declared; see https://peps.python.org/pep-0263/ for details",
                         (unsigned char)src[bad], filename ? filename : "?", line);
                err_set_str(exc_SyntaxError, msg);
                return -1;
            }
        }
        if (ts.buf) {
            *owned = ts.buf;
            *text = ts.buf;
            *textlen = ts.len;
        } else {
            *text = src + ts.skip;
            *textlen = len - ts.skip;
        }
        return 0;
    case TOK_SRC_UNKNOWN:
        if (decode_with_codec(src, len, ts.encoding, owned, textlen) == 0) {
            *text = *owned;
            return 0;
        }
        snprintf(msg, sizeof msg, main_file ? "encoding problem: %s" : "unknown encoding: %s",
                 ts.encoding);
        break;
    case TOK_SRC_BOM:
        snprintf(msg, sizeof msg, "encoding problem: %s with BOM", ts.encoding);
        break;
    case TOK_SRC_BAD_BYTE:
        if (main_file)
            snprintf(msg, sizeof msg, "encoding problem: %s", ts.encoding);
        else
            snprintf(msg, sizeof msg, "%s", ts.msg);
        break;
    }
    // The script run as __main__ fails before it has a location, as in CPython.
    if (main_file)
        err_set_str(exc_SyntaxError, msg);
    else
        raise_decode_error(filename, msg);
    return -1;
}

PVM_WUR obj_t *compile_source(const char *src, size_t len, const char *filename, const char *mode) {
    return compile_source_ex(src, len, filename, mode, 0);
}

PVM_WUR obj_t *compile_source_ex(const char *src, size_t len, const char *filename,
                                 const char *mode, int flags) {
    int m = 0;
    parse_mode_t pm = PARSE_FILE;
    if (mode && strcmp(mode, "eval") == 0) {
        m = 1;
        pm = PARSE_EVAL;
    } else if (mode && strcmp(mode, "single") == 0) {
        m = 2;
        pm = PARSE_SINGLE;
    }
    const char *text;
    size_t textlen;
    char *owned;
    if (decode_source(src, len, filename, flags, &text, &textlen, &owned) < 0) return NULL;
    ast_arena_t *arena = ast_arena_new();
    if (!arena) {
        free(owned);
        return err_no_memory();
    }
    parse_error_t pe;
    memset(&pe, 0, sizeof pe);
    // The BOM of bytes is gone; one still there came from a str and is an error.
    ast_mod_t *mod = parse_source_ex(arena, text, textlen, filename, pm, PARSE_KEEP_BOM, &pe);
    int warned = compile_parse_warnings(&pe, filename, text, textlen, pm == PARSE_EVAL);
    if (!mod || warned != 0) {
        if (warned >= 0) raise_parse_error(&pe, filename);
        parse_error_clear(&pe);
        ast_arena_free(arena);
        free(owned);
        return NULL;
    }
    obj_t *code = compile_ast_ex(mod, arena, text, textlen, filename, m, flags);
    ast_arena_free(arena);
    free(owned);
    return code;
}

PVM_WUR obj_t *compile_source_tree(const char *src, size_t len, const char *filename,
                                   const char *mode, int flags,
                                   obj_t *(*use)(ast_mod_t *mod, void *arg), void *arg) {
    parse_mode_t pm = PARSE_FILE;
    if (mode && strcmp(mode, "eval") == 0)
        pm = PARSE_EVAL;
    else if (mode && strcmp(mode, "single") == 0)
        pm = PARSE_SINGLE;
    const char *text;
    size_t textlen;
    char *owned;
    if (decode_source(src, len, filename, flags, &text, &textlen, &owned) < 0) return NULL;
    ast_arena_t *arena = ast_arena_new();
    parse_error_t pe;
    memset(&pe, 0, sizeof pe);
    ast_mod_t *mod = parse_source_ex(arena, text, textlen, filename, pm, PARSE_KEEP_BOM, &pe);
    obj_t *r = NULL;
    int warned = compile_parse_warnings(&pe, filename, text, textlen, pm == PARSE_EVAL);
    if (warned > 0 || (warned == 0 && !mod))
        raise_parse_error(&pe, filename);
    else if (warned == 0)
        r = use(mod, arg);
    parse_error_clear(&pe);
    ast_arena_free(arena);
    free(owned);
    return r;
}
