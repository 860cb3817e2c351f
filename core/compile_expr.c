/*
 * core/compile_expr.c — compiling expressions to register code.
 *
 * Each expression is compiled either into a given register (expr_to) or
 * into "any" register (expr_any: a local's own register when the value is a
 * plain local, else a fresh temporary).  Temporaries are freed by resetting
 * the allocation mark after the instruction that consumes them.  Constant
 * subexpressions are folded (literal arithmetic, unary minus, tuples of
 * constants).  Comprehensions, generator expressions and lambdas become
 * nested code objects; the first iterable of a comprehension is evaluated
 * in the enclosing scope (3.11 semantics).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../objects/bytes.h"
#include "../objects/complex.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "compile_int.h"
#include "error.h"

// ---- names ----------------------------------------------------------------------------------

static st_symbol_t *sym_of(compiler_t *c, const char *name) {
    return st_entry_get(c->u->ste, name);
}

// __debug__ can never be bound (see forbid_debug); no register fast path skips that check.
static bool is_debug_name(const char *name) {
    return name && strcmp(name, "__debug__") == 0;
}

bool forbid_debug(compiler_t *c, const char *name, bool del) {
    if (!is_debug_name(name)) return false;
    unit_t *u = c->u;
    c_error(c, u->line, u->col, u->end_line, u->end_col,
            del ? "cannot delete __debug__" : "cannot assign to __debug__");
    return true;
}

int local_reg(compiler_t *c, const char *name) {
    if (c->u->scope_type != ST_FUNCTION || is_debug_name(name)) return -1;
    name = mangle(c, name);
    st_symbol_t *s = sym_of(c, name);
    if (s && s->scope == SC_LOCAL) return s->reg;
    return -1;
}

static void ensure_assigned(compiler_t *c, int reg) {
    if (!da_test(c, reg)) {
        emit(c, OPC_CHECK_LOCAL, reg, 0, 0);
        da_set(c, reg);
    }
}

void name_load(compiler_t *c, const char *name, int dst, ast_expr_t *where) {
    unit_t *u = c->u;
    if (strcmp(name, "__debug__") == 0) {
        emit_load_const(c, dst, True);
        return;
    }
    name = mangle(c, name);
    st_symbol_t *s = sym_of(c, name);
    st_scope_kind_t sc = s && s->scope ? s->scope : SC_GLOBAL_IMPLICIT;
    if (u->scope_type == ST_FUNCTION) {
        switch (sc) {
        case SC_LOCAL:
            ensure_assigned(c, s->reg);
            if (dst != s->reg) emit(c, OPC_MOVE, dst, s->reg, 0);
            return;
        case SC_CELL:
        case SC_FREE: emit(c, OPC_LOAD_DEREF, dst, s->reg, 0); return;
        default: emit_bx(c, OPC_LOAD_GLOBAL, dst, add_name(c, name)); return;
        }
    }
    if (u->scope_type == ST_CLASS) {
        if (sc == SC_FREE) {
            emit(c, OPC_LOAD_CLASSDEREF, dst, s->reg, add_name(c, name));
            return;
        }
        if (sc == SC_GLOBAL_EXPLICIT) {
            emit_bx(c, OPC_LOAD_GLOBAL, dst, add_name(c, name));
            return;
        }
        emit_bx(c, OPC_LOAD_NAME, dst, add_name(c, name));
        return;
    }
    if (sc == SC_GLOBAL_EXPLICIT)
        emit_bx(c, OPC_LOAD_GLOBAL, dst, add_name(c, name));
    else
        emit_bx(c, OPC_LOAD_NAME, dst, add_name(c, name));
}

int name_load_any(compiler_t *c, const char *name, ast_expr_t *where) {
    int r = local_reg(c, name);
    if (r >= 0 && strcmp(name, "__debug__") != 0) {
        ensure_assigned(c, r);
        if (!c->u->has_walrus) return r;
    }
    int t = alloc_reg(c);
    name_load(c, name, t, where);
    return t;
}

void name_store(compiler_t *c, const char *name, int src) {
    if (forbid_debug(c, name, false)) return;
    unit_t *u = c->u;
    name = mangle(c, name);
    st_symbol_t *s = sym_of(c, name);
    st_scope_kind_t sc = s && s->scope ? s->scope : SC_GLOBAL_IMPLICIT;
    if (u->scope_type == ST_FUNCTION) {
        switch (sc) {
        case SC_LOCAL:
            if (src != s->reg) emit(c, OPC_MOVE, s->reg, src, 0);
            da_set(c, s->reg);
            return;
        case SC_CELL:
        case SC_FREE: emit(c, OPC_STORE_DEREF, s->reg, src, 0); return;
        default: emit_bx(c, OPC_STORE_GLOBAL, src, add_name(c, name)); return;
        }
    }
    if (u->scope_type == ST_CLASS && sc == SC_FREE) {
        emit(c, OPC_STORE_DEREF, s->reg, src, 0);
        return;
    }
    if (sc == SC_GLOBAL_EXPLICIT)
        emit_bx(c, OPC_STORE_GLOBAL, src, add_name(c, name));
    else
        emit_bx(c, OPC_STORE_NAME, src, add_name(c, name));
}

void name_delete(compiler_t *c, const char *name) {
    if (forbid_debug(c, name, true)) return;
    unit_t *u = c->u;
    name = mangle(c, name);
    st_symbol_t *s = sym_of(c, name);
    st_scope_kind_t sc = s && s->scope ? s->scope : SC_GLOBAL_IMPLICIT;
    if (u->scope_type == ST_FUNCTION) {
        switch (sc) {
        case SC_LOCAL:
            emit(c, OPC_DELETE_FAST, s->reg, 0, 0);
            da_clear(c, s->reg);
            return;
        case SC_CELL:
        case SC_FREE: emit(c, OPC_DELETE_DEREF, s->reg, 0, 0); return;
        default: emit_bx(c, OPC_DELETE_GLOBAL, 0, add_name(c, name)); return;
        }
    }
    if (u->scope_type == ST_CLASS && sc == SC_FREE) {
        emit(c, OPC_DELETE_DEREF, s->reg, 0, 0);
        return;
    }
    if (sc == SC_GLOBAL_EXPLICIT)
        emit_bx(c, OPC_DELETE_GLOBAL, 0, add_name(c, name));
    else
        emit_bx(c, OPC_DELETE_NAME, 0, add_name(c, name));
}

// ---- constants --------------------------------------------------------------------------------

static bool is_identifier_like(const char *s, size_t n) {
    if (n == 0 || n > 64) return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
              (ch >= '0' && ch <= '9')))
            return false;
    }
    return true;
}

static obj_t *literal_value(compiler_t *c, ast_expr_t *e) {
    ast_constant_t *k = &e->v.constant;
    switch (k->kind) {
    case CONST_NONE: return NEWREF(None);
    case CONST_TRUE: return NEWREF(True);
    case CONST_FALSE: return NEWREF(False);
    case CONST_ELLIPSIS: return NEWREF(Ellipsis);
    case CONST_INT: return int_from_string(k->digits, strlen(k->digits), k->base);
    case CONST_FLOAT: return float_from_double(k->f);
    case CONST_IMAG: return complex_from_doubles(0.0, k->f);
    case CONST_STR: {
        if (is_identifier_like(k->s, k->len)) return NEWREF(str_intern(k->s));
        obj_t *s = str_from_utf8(k->s, k->len);
        if (!s) {
            err_clear();
            s = str_from_utf8_trusted(k->s, k->len);
        }
        return s;
    }
    case CONST_BYTES: return bytes_from(k->s, k->len);
    case CONST_OBJ: return NEWREF((obj_t *)k->obj);
    }
    err_set_str(exc_SystemError, "unknown constant kind");
    return NULL;
}

obj_t *compile_literal(compiler_t *c, ast_expr_t *e) {
    return literal_value(c, e);
}

static bool fold_safe(obj_t *a, obj_t *b, int op) {
    // Refuse to fold operations that could build huge objects at compile time.
    if (op == OP_POW) {
        if (INT_CHECK(a) && INT_CHECK(b)) {
            if (!IS_SMALLINT(b) || SMALLINT_VALUE(b) < 0) return !IS_SMALLINT(b) ? false : true;
            int64_t e = SMALLINT_VALUE(b);
            if (!IS_SMALLINT(a)) return false;
            int64_t base = SMALLINT_VALUE(a);
            if (base < 0) base = -base;
            int bits = 0;
            while (base) {
                bits++;
                base >>= 1;
            }
            return bits == 0 || e <= 128 / bits; // (bits * e could overflow: fuzz_parser)
        }
        return true;
    }
    if (op == OP_LSHIFT) {
        if (IS_SMALLINT(b) && SMALLINT_VALUE(b) > 128) return false;
        if (!IS_SMALLINT(b)) return false;
        return true;
    }
    if (op == OP_MULT) {
        obj_t *seq = NULL, *n = NULL;
        if (INT_CHECK(a) && !INT_CHECK(b)) {
            seq = b;
            n = a;
        } else if (INT_CHECK(b) && !INT_CHECK(a)) {
            seq = a;
            n = b;
        }
        if (seq && (STR_CHECK(seq) || BYTES_CHECK(seq) || TUPLE_CHECK(seq))) {
            if (!IS_SMALLINT(n)) return false;
            int64_t cnt = SMALLINT_VALUE(n);
            ssize_t len = obj_len(seq);
            if (len < 0) {
                err_clear();
                return false;
            }
            return cnt <= 0 || len == 0 || cnt <= 4096 / len; // (no len * cnt overflow)
        }
        if (INT_CHECK(a) && INT_CHECK(b)) return IS_SMALLINT(a) && IS_SMALLINT(b);
        return true;
    }
    if (op == OP_ADD && (STR_CHECK(a) || BYTES_CHECK(a) || TUPLE_CHECK(a))) {
        ssize_t la = obj_len(a), lb = obj_len(b);
        if (la < 0 || lb < 0) {
            err_clear();
            return false;
        }
        return la + lb <= 4096;
    }
    return true;
}

static binop_t ast_to_binop(int op) {
    switch (op) {
    case OP_ADD: return BINOP_ADD;
    case OP_SUB: return BINOP_SUB;
    case OP_MULT: return BINOP_MUL;
    case OP_MATMULT: return BINOP_MATMUL;
    case OP_DIV: return BINOP_TRUEDIV;
    case OP_MOD: return BINOP_MOD;
    case OP_POW: return BINOP_POW;
    case OP_LSHIFT: return BINOP_LSHIFT;
    case OP_RSHIFT: return BINOP_RSHIFT;
    case OP_BITOR: return BINOP_OR;
    case OP_BITXOR: return BINOP_XOR;
    case OP_BITAND: return BINOP_AND;
    case OP_FLOORDIV: return BINOP_FLOORDIV;
    }
    return BINOP_ADD;
}

static obj_t *const_value_inner(compiler_t *c, ast_expr_t *e);

// Constant value of e (folded), or NULL (no exception) if it is not constant.  Too deep a
// tree is simply not folded: the symbol table has already rejected trees past the limit.
obj_t *const_value(compiler_t *c, ast_expr_t *e) {
    // After an error nothing is folded: folding clears the exceptions it provokes, and
    // would take the pending SyntaxError with them.
    if (c->failed || c->depth >= c->depth_limit || compile_stack_exhausted()) return NULL;
    c->depth++;
    obj_t *r = const_value_inner(c, e);
    c->depth--;
    return r;
}

static obj_t *const_value_inner(compiler_t *c, ast_expr_t *e) {
    switch (e->kind) {
    case EXPR_CONSTANT: {
        obj_t *v = literal_value(c, e);
        if (!v && err_occurred()) err_clear();
        return v;
    }
    case EXPR_UNARYOP: {
        if (e->v.unaryop.op == UOP_NOT) return NULL;
        obj_t *v = const_value(c, e->v.unaryop.operand);
        if (!v) return NULL;
        if (!(INT_CHECK(v) || FLOAT_CHECK(v) || COMPLEX_CHECK(v))) {
            DECREF(v);
            return NULL;
        }
        unop_t op = e->v.unaryop.op == UOP_USUB   ? UNOP_NEG
                    : e->v.unaryop.op == UOP_UADD ? UNOP_POS
                                                  : UNOP_INVERT;
        if (op == UNOP_INVERT && (FLOAT_CHECK(v) || COMPLEX_CHECK(v))) {
            DECREF(v);
            return NULL;
        }
        obj_t *r = obj_unop(v, op);
        DECREF(v);
        if (!r) err_clear();
        return r;
    }
    case EXPR_BINOP: {
        obj_t *a = const_value(c, e->v.binop.left);
        if (!a) return NULL;
        obj_t *b = const_value(c, e->v.binop.right);
        if (!b) {
            DECREF(a);
            return NULL;
        }
        obj_t *r = NULL;
        bool ok_types = (INT_CHECK(a) || FLOAT_CHECK(a) || COMPLEX_CHECK(a) || STR_CHECK(a) ||
                         BYTES_CHECK(a) || TUPLE_CHECK(a)) &&
                        (INT_CHECK(b) || FLOAT_CHECK(b) || COMPLEX_CHECK(b) || STR_CHECK(b) ||
                         BYTES_CHECK(b) || TUPLE_CHECK(b));
        // `'%s' % x` formatting is left to run time (as CPython 3.11 mostly does).
        if (ok_types && !(e->v.binop.op == OP_MOD && (STR_CHECK(a) || BYTES_CHECK(a))) &&
            fold_safe(a, b, e->v.binop.op)) {
            r = obj_binop(a, b, ast_to_binop(e->v.binop.op));
            if (!r) err_clear();
        }
        DECREF(a);
        DECREF(b);
        return r;
    }
    case EXPR_TUPLE: {
        if (e->v.tuple.ctx != EXPR_CTX_LOAD) return NULL;
        int n = e->v.tuple.elts.n;
        for (int i = 0; i < n; i++)
            if (e->v.tuple.elts.items[i]->kind == EXPR_STARRED) return NULL;
        obj_t *t = tuple_new(n);
        if (!t) {
            err_clear();
            return NULL;
        }
        for (int i = 0; i < n; i++) {
            obj_t *v = const_value(c, e->v.tuple.elts.items[i]);
            if (!v) {
                for (int k = i; k < n; k++)
                    TUPLE_SET(t, k, NEWREF(None));
                DECREF(t);
                return NULL;
            }
            TUPLE_SET(t, i, v);
        }
        return t;
    }
    default: return NULL;
    }
}

// ---- helpers ----------------------------------------------------------------------------------

static bool is_named_local(compiler_t *c, int reg) {
    return reg < c->u->nlocals;
}

static int binop_opcode(int astop, bool k) {
    int base;
    switch (astop) {
    case OP_ADD: base = OPC_ADD; break;
    case OP_SUB: base = OPC_SUB; break;
    case OP_MULT: base = OPC_MUL; break;
    case OP_MATMULT: base = OPC_MATMUL; break;
    case OP_DIV: base = OPC_TRUEDIV; break;
    case OP_FLOORDIV: base = OPC_FLOORDIV; break;
    case OP_MOD: base = OPC_MOD; break;
    case OP_POW: base = OPC_POW; break;
    case OP_LSHIFT: base = OPC_LSHIFT; break;
    case OP_RSHIFT: base = OPC_RSHIFT; break;
    case OP_BITAND: base = OPC_AND; break;
    case OP_BITOR: base = OPC_OR; break;
    default: base = OPC_XOR; break;
    }
    return k ? base + (OPC_ADD_K - OPC_ADD) : base;
}

int inplace_opcode(int astop, bool k);
int inplace_opcode(int astop, bool k) {
    return binop_opcode(astop, false) + (k ? OPC_IADD_K - OPC_ADD : OPC_IADD - OPC_ADD);
}

// A constant suitable as a K operand (small, immutable scalar).
static obj_t *k_operand(compiler_t *c, ast_expr_t *e) {
    if (e->kind != EXPR_CONSTANT && e->kind != EXPR_UNARYOP && e->kind != EXPR_BINOP) return NULL;
    obj_t *v = const_value(c, e);
    if (!v) return NULL;
    if (INT_CHECK(v) || FLOAT_CHECK(v) || STR_CHECK(v) || v == None) return v;
    DECREF(v);
    return NULL;
}

// ---- expressions
// ---------------------------------------------------------------------------------

int expr_any(compiler_t *c, ast_expr_t *e) {
    if (e->kind == EXPR_NAME && e->v.name.ctx == EXPR_CTX_LOAD) {
        loc_t l = set_loc_expr(c, e);
        int r = name_load_any(c, e->v.name.id, e);
        restore_loc(c, l);
        return r;
    }
    int t = alloc_reg(c);
    expr_to(c, e, t);
    return t;
}

static void compile_call(compiler_t *c, ast_expr_t *e, int dst);
static void compile_comprehension(compiler_t *c, ast_expr_t *e, int dst);
static void compile_sequence(compiler_t *c, ast_expr_t *e, int dst);
static void compile_dict(compiler_t *c, ast_expr_t *e, int dst);
static void compile_joinedstr(compiler_t *c, ast_expr_t *e, int dst);
static void compile_formatted(compiler_t *c, ast_expr_t *e, int dst);

static void compile_compare(compiler_t *c, ast_expr_t *e, int dst) {
    static const int cmp_ops[] = {
        [CMP_EQ] = OPC_EQ, [CMP_NOTEQ] = OPC_NE,     [CMP_LT] = OPC_LT, [CMP_LTE] = OPC_LE,
        [CMP_GT] = OPC_GT, [CMP_GTE] = OPC_GE,       [CMP_IS] = OPC_IS, [CMP_ISNOT] = OPC_IS_NOT,
        [CMP_IN] = OPC_IN, [CMP_NOTIN] = OPC_NOT_IN,
    };
    if (!compile_check_compare(c, e)) return;
    int n = e->v.compare.ops.n;
    int mark = reg_mark(c);
    int l = expr_any(c, e->v.compare.left);
    if (n == 1) {
        int r = expr_any(c, e->v.compare.comparators.items[0]);
        emit(c, cmp_ops[e->v.compare.ops.items[0]], dst, l, r);
        free_to(c, mark);
        return;
    }
    int end = new_label(c);
    uint64_t *always = NULL; // definite assignment: later comparators may not run
    for (int i = 0; i < n; i++) {
        ast_expr_t *ce = e->v.compare.comparators.items[i];
        int r = expr_any(c, ce);
        if (i == 0) always = da_save(c);
        emit(c, cmp_ops[e->v.compare.ops.items[i]], dst, l, r);
        if (i + 1 < n) emit_jump(c, OPC_JUMP_IF_FALSE, dst, 0, 0, end);
        l = r;
    }
    bind_label(c, end);
    da_restore(c, always);
    free(always);
    free_to(c, mark);
}

static void compile_boolop(compiler_t *c, ast_expr_t *e, int dst) {
    int end = new_label(c);
    int n = e->v.boolop.values.n;
    int jop = e->v.boolop.op == BOOL_AND ? OPC_JUMP_IF_FALSE : OPC_JUMP_IF_TRUE;
    uint64_t *always = NULL; // definite assignment: only the first operand always runs
    for (int i = 0; i < n; i++) {
        int mark = reg_mark(c);
        expr_to(c, e->v.boolop.values.items[i], dst);
        free_to(c, mark);
        if (i == 0) always = da_save(c);
        if (i + 1 < n) emit_jump(c, jop, dst, 0, 0, end);
    }
    bind_label(c, end);
    da_restore(c, always);
    free(always);
}

static void compile_subscript_load(compiler_t *c, ast_expr_t *e, int dst) {
    if (!compile_check_subscript(c, e)) return;
    int mark = reg_mark(c);
    int o = expr_any(c, e->v.subscript.value);
    int k = expr_any(c, e->v.subscript.slice);
    emit(c, OPC_GET_ITEM, dst, o, k);
    free_to(c, mark);
}

static void compile_slice(compiler_t *c, ast_expr_t *e, int dst) {
    int n = e->v.slice.step ? 3 : 2;
    int mark = reg_mark(c);
    int base = alloc_regs(c, n);
    ast_expr_t *parts[3] = {e->v.slice.lower, e->v.slice.upper, e->v.slice.step};
    for (int i = 0; i < n; i++) {
        if (parts[i])
            expr_to(c, parts[i], base + i);
        else
            emit(c, OPC_LOAD_NONE, base + i, 0, 0);
    }
    emit(c, OPC_BUILD_SLICE, dst, base, n);
    free_to(c, mark);
}

static bool display_builds_in_steps(ast_expr_t *e);
static void expr_to_inner(compiler_t *c, ast_expr_t *e, int dst);
void expr_to(compiler_t *c, ast_expr_t *e, int dst) {
    if (c->failed || !c_enter(c)) return;
    expr_to_inner(c, e, dst);
    c_leave(c);
}

static void expr_to_inner(compiler_t *c, ast_expr_t *e, int dst) {
    loc_t saved = set_loc_expr(c, e);
    int mark = reg_mark(c);
    // Expressions that write their target before reading all operands go
    // through a temporary when the target is a named local.
    if (is_named_local(c, dst) &&
        (e->kind == EXPR_BOOLOP || e->kind == EXPR_IFEXP || e->kind == EXPR_YIELDFROM ||
         e->kind == EXPR_AWAIT || (e->kind == EXPR_COMPARE && e->v.compare.ops.n > 1) ||
         ((e->kind == EXPR_LIST || e->kind == EXPR_SET || e->kind == EXPR_TUPLE ||
           e->kind == EXPR_DICT) &&
          c->u->has_walrus) ||
         display_builds_in_steps(e))) {
        int t = alloc_reg(c);
        expr_to(c, e, t);
        emit(c, OPC_TAKE, dst, t, 0);
        free_to(c, mark);
        restore_loc(c, saved);
        return;
    }
    switch (e->kind) {
    case EXPR_CONSTANT: {
        obj_t *v = literal_value(c, e);
        if (!v && e->v.constant.kind == CONST_INT && err_matches(exc_ValueError)) {
            // The tokenizer validated the digits: only the int <-> str digit
            // limit fails here, a SyntaxError at the literal as in CPython.
            obj_t *exc = err_fetch();
            obj_t *msg = exc ? exc_str(exc) : NULL;
            XDECREF(exc);
            if (!msg) {
                c_fail_pending(c);
                break;
            }
            c_error_at_expr(c, e,
                            "%s - Consider hexadecimal for huge integer literals to avoid "
                            "decimal conversion limits.",
                            str_data(msg));
            DECREF(msg);
            break;
        }
        if (!v) {
            c_fail_pending(c);
            break;
        }
        emit_load_const(c, dst, v);
        DECREF(v);
        break;
    }
    case EXPR_NAME:
        if (e->v.name.ctx != EXPR_CTX_LOAD) {
            c_error_at_expr(c, e, "invalid name context");
            break;
        }
        name_load(c, e->v.name.id, dst, e);
        break;
    case EXPR_BINOP: {
        obj_t *v = const_value(c, e);
        if (v) {
            emit_load_const(c, dst, v);
            DECREF(v);
            break;
        }
        int l = expr_any(c, e->v.binop.left);
        obj_t *k = k_operand(c, e->v.binop.right);
        if (k) {
            int ki = add_const(c, k);
            DECREF(k);
            emit(c, binop_opcode(e->v.binop.op, true), dst, l, ki);
        } else {
            int r = expr_any(c, e->v.binop.right);
            emit(c, binop_opcode(e->v.binop.op, false), dst, l, r);
        }
        break;
    }
    case EXPR_UNARYOP: {
        obj_t *v = const_value(c, e);
        if (v) {
            emit_load_const(c, dst, v);
            DECREF(v);
            break;
        }
        int o = expr_any(c, e->v.unaryop.operand);
        int op = e->v.unaryop.op == UOP_NOT    ? OPC_NOT
                 : e->v.unaryop.op == UOP_USUB ? OPC_NEG
                 : e->v.unaryop.op == UOP_UADD ? OPC_POS
                                               : OPC_INVERT;
        emit(c, op, dst, o, 0);
        break;
    }
    case EXPR_BOOLOP: compile_boolop(c, e, dst); break;
    case EXPR_COMPARE: compile_compare(c, e, dst); break;
    case EXPR_IFEXP: {
        int else_l = new_label(c), end = new_label(c);
        expr_jump_if(c, e->v.ifexp.test, false, else_l);
        uint64_t *after_test = da_save(c); // definite assignment: one branch runs
        expr_to(c, e->v.ifexp.body, dst);
        uint64_t *after_body = da_save(c);
        da_restore(c, after_test);
        emit_jump(c, OPC_JUMP, 0, 0, 0, end);
        bind_label(c, else_l);
        expr_to(c, e->v.ifexp.orelse, dst);
        bind_label(c, end);
        da_intersect(c, after_body);
        free(after_test);
        free(after_body);
        break;
    }
    case EXPR_NAMEDEXPR: {
        const char *name = e->v.namedexpr.target->v.name.id;
        if (is_debug_name(name)) {
            set_loc_expr(c, e->v.namedexpr.target);
            forbid_debug(c, name, false);
            break;
        }
        int r = local_reg(c, name);
        if (r >= 0) {
            expr_to(c, e->v.namedexpr.value, r);
            // Not recorded as definitely assigned: it may sit in a branch.
            if (dst != r) emit(c, OPC_MOVE, dst, r, 0);
        } else {
            expr_to(c, e->v.namedexpr.value, dst);
            name_store(c, name, dst);
        }
        break;
    }
    case EXPR_CALL: compile_call(c, e, dst); break;
    case EXPR_ATTRIBUTE: {
        int o = expr_any(c, e->v.attribute.value);
        emit(c, OPC_LOAD_ATTR, dst, o, add_attr_name(c, e->v.attribute.attr));
        break;
    }
    case EXPR_SUBSCRIPT: compile_subscript_load(c, e, dst); break;
    case EXPR_SLICE: compile_slice(c, e, dst); break;
    case EXPR_TUPLE: {
        obj_t *v = const_value(c, e);
        if (v) {
            emit_load_const(c, dst, v);
            DECREF(v);
            break;
        }
        compile_sequence(c, e, dst);
        break;
    }
    case EXPR_LIST:
    case EXPR_SET: compile_sequence(c, e, dst); break;
    case EXPR_DICT: compile_dict(c, e, dst); break;
    case EXPR_LISTCOMP:
    case EXPR_SETCOMP:
    case EXPR_DICTCOMP:
    case EXPR_GENEXP: compile_comprehension(c, e, dst); break;
    case EXPR_LAMBDA:
        if (!check_debug_args(c, e->v.lambda.args)) break;
        compile_function_object(c, e->v.lambda.args, NULL, e->v.lambda.body, e, "<lambda>", NULL,
                                dst, e->lineno);
        break;
    case EXPR_YIELD: {
        if (c->u->scope_type != ST_FUNCTION) {
            c_error_at_expr(c, e, "'yield' outside function");
            break;
        }
        int v;
        if (e->v.yield.value) {
            v = expr_any(c, e->v.yield.value);
        } else {
            v = alloc_reg(c);
            emit(c, OPC_LOAD_NONE, v, 0, 0);
        }
        emit(c, OPC_YIELD, dst, v, 0);
        break;
    }
    case EXPR_YIELDFROM: {
        if (c->u->scope_type != ST_FUNCTION) {
            c_error_at_expr(c, e, "'yield' outside function");
            break;
        }
        if (c->u->ste->is_async_def) {
            c_error_at_expr(c, e, "'yield from' inside async function");
            break;
        }
        int it = alloc_reg(c);
        int v = expr_any(c, e->v.yieldfrom.value);
        emit(c, OPC_GET_YIELD_FROM_ITER, it, v, 0);
        emit(c, OPC_LOAD_NONE, dst, 0, 0);
        emit(c, OPC_YIELD_FROM, dst, it, 0);
        break;
    }
    case EXPR_AWAIT: compile_await(c, e, dst); break;
    case EXPR_JOINEDSTR: compile_joinedstr(c, e, dst); break;
    case EXPR_FORMATTEDVALUE: compile_formatted(c, e, dst); break;
    case EXPR_STARRED: c_error_at_expr(c, e, "can't use starred expression here"); break;
    }
    free_to(c, mark);
    restore_loc(c, saved);
}

// ---- conditional jumps
// ------------------------------------------------------------------------------

static void expr_jump_if_inner(compiler_t *c, ast_expr_t *e, bool cond, int label);
void expr_jump_if(compiler_t *c, ast_expr_t *e, bool cond, int label) {
    if (c->failed || !c_enter(c)) return;
    expr_jump_if_inner(c, e, cond, label);
    c_leave(c);
}

static void expr_jump_if_inner(compiler_t *c, ast_expr_t *e, bool cond, int label) {
    loc_t saved = set_loc_expr(c, e);
    int mark = reg_mark(c);
    switch (e->kind) {
    case EXPR_UNARYOP:
        if (e->v.unaryop.op == UOP_NOT) {
            expr_jump_if(c, e->v.unaryop.operand, !cond, label);
            goto done;
        }
        break;
    case EXPR_BOOLOP: {
        bool is_and = e->v.boolop.op == BOOL_AND;
        int n = e->v.boolop.values.n;
        // Definite assignment: only the first operand always runs.
        uint64_t *always = NULL;
        if (is_and != cond) {
            // and/false or or/true: any operand decides.
            for (int i = 0; i < n; i++) {
                expr_jump_if(c, e->v.boolop.values.items[i], cond, label);
                if (i == 0) always = da_save(c);
            }
        } else {
            int skip = new_label(c);
            for (int i = 0; i + 1 < n; i++) {
                expr_jump_if(c, e->v.boolop.values.items[i], !cond, skip);
                if (i == 0) always = da_save(c);
            }
            expr_jump_if(c, e->v.boolop.values.items[n - 1], cond, label);
            if (always == NULL) always = da_save(c);
            bind_label(c, skip);
        }
        da_restore(c, always);
        free(always);
        goto done;
    }
    case EXPR_CONSTANT: {
        obj_t *v = const_value(c, e);
        if (v) {
            int t = obj_is_true(v);
            DECREF(v);
            if (t >= 0) {
                if ((t != 0) == cond) emit_jump(c, OPC_JUMP, 0, 0, 0, label);
                goto done;
            }
            err_clear();
        }
        break;
    }
    case EXPR_COMPARE: {
        if (e->v.compare.ops.n != 1) break;
        int op = e->v.compare.ops.items[0];
        ast_expr_t *right = e->v.compare.comparators.items[0];
        int jop = -1;
        bool c2 = cond;
        switch (op) {
        case CMP_LT: jop = OPC_JLT; break;
        case CMP_LTE: jop = OPC_JLE; break;
        case CMP_EQ: jop = OPC_JEQ; break;
        case CMP_NOTEQ: jop = OPC_JNE; break;
        case CMP_GT: jop = OPC_JGT; break;
        case CMP_GTE: jop = OPC_JGE; break;
        case CMP_IS: jop = OPC_JIS; break;
        case CMP_ISNOT:
            jop = OPC_JIS;
            c2 = !cond;
            break;
        default: break;
        }
        if (jop < 0) break;
        if (!compile_check_compare(c, e)) goto done;
        int l = expr_any(c, e->v.compare.left);
        if (jop != OPC_JIS) {
            obj_t *k = k_operand(c, right);
            if (k) {
                int ki = add_const(c, k);
                DECREF(k);
                emit_jump(c, jop + (OPC_JLT_K - OPC_JLT), l, ki, c2, label);
                goto done_leak;
            }
        }
        int r = expr_any(c, right);
        emit_jump(c, jop, l, r, c2, label);
        goto done_leak;
    }
    default: break;
    }
    {
        int r = expr_any(c, e);
        emit_jump(c, cond ? OPC_JUMP_IF_TRUE : OPC_JUMP_IF_FALSE, r, 0, 0, label);
    }
done:
    free_to(c, mark);
    restore_loc(c, saved);
    return;
done_leak:
    // CPython 3.11 leaves a comparison's position in effect after a
    // conditional jump on it (visible in assert tracebacks).
    free_to(c, mark);
}

// ---- displays
// ------------------------------------------------------------------------------------

#define CHUNK 32

static void compile_sequence(compiler_t *c, ast_expr_t *e, int dst) {
    ast_expr_seq_t *elts = e->kind == EXPR_SET ? &e->v.set.elts : &e->v.list.elts;
    int n = elts->n;
    int has_star = 0;
    for (int i = 0; i < n; i++)
        if (elts->items[i]->kind == EXPR_STARRED) has_star = 1;
    int build = e->kind == EXPR_LIST  ? OPC_BUILD_LIST
                : e->kind == EXPR_SET ? OPC_BUILD_SET
                                      : OPC_BUILD_TUPLE;
    if (!has_star && n <= CHUNK) {
        int base = alloc_regs(c, n);
        for (int i = 0; i < n; i++)
            expr_to(c, elts->items[i], base + i);
        emit(c, build, dst, base, n);
        return;
    }
    // General path: build a list (or set) then add the rest one by one.
    bool is_set = e->kind == EXPR_SET;
    // A named local as the target may be read by the elements (`a = [*a, 1]`):
    // build in a temporary, then move.
    int acc = e->kind == EXPR_TUPLE || is_named_local(c, dst) ? alloc_reg(c) : dst;
    int prefix = 0;
    while (prefix < n && prefix < CHUNK && elts->items[prefix]->kind != EXPR_STARRED)
        prefix++;
    int mark = reg_mark(c);
    int base = alloc_regs(c, prefix);
    for (int i = 0; i < prefix; i++)
        expr_to(c, elts->items[i], base + i);
    emit(c, is_set ? OPC_BUILD_SET : OPC_BUILD_LIST, acc, base, prefix);
    free_to(c, mark);
    for (int i = prefix; i < n; i++) {
        ast_expr_t *x = elts->items[i];
        int m = reg_mark(c);
        if (x->kind == EXPR_STARRED) {
            int v = expr_any(c, x->v.starred.value);
            emit(c, is_set ? OPC_SET_UPDATE : OPC_LIST_EXTEND, acc, v, 0);
        } else {
            int v = expr_any(c, x);
            emit(c, is_set ? OPC_SET_ADD : OPC_LIST_APPEND, acc, v, 0);
        }
        free_to(c, m);
    }
    if (e->kind == EXPR_TUPLE)
        emit(c, OPC_LIST_TO_TUPLE, dst, acc, 0);
    else if (acc != dst)
        emit(c, OPC_MOVE, dst, acc, 0);
}

static void compile_dict(compiler_t *c, ast_expr_t *e, int dst) {
    int n = e->v.dict.keys.n;
    int prefix = 0;
    while (prefix < n && prefix < CHUNK / 2 && e->v.dict.keys.items[prefix] != NULL)
        prefix++;
    // `a = {**a, **b}`: the items after the first build may read a named
    // local target, so they go into a temporary that is moved at the end.
    int final = dst;
    if (prefix < n && is_named_local(c, dst)) dst = alloc_reg(c);
    int mark = reg_mark(c);
    int base = alloc_regs(c, prefix * 2);
    for (int i = 0; i < prefix; i++) {
        expr_to(c, e->v.dict.keys.items[i], base + 2 * i);
        expr_to(c, e->v.dict.values.items[i], base + 2 * i + 1);
    }
    emit(c, OPC_BUILD_MAP, dst, base, prefix);
    free_to(c, mark);
    for (int i = prefix; i < n; i++) {
        int m = reg_mark(c);
        ast_expr_t *k = e->v.dict.keys.items[i];
        if (k == NULL) {
            int v = expr_any(c, e->v.dict.values.items[i]);
            emit(c, OPC_DICT_UPDATE, dst, v, 0);
        } else {
            int kr = expr_any(c, k);
            int vr = expr_any(c, e->v.dict.values.items[i]);
            emit(c, OPC_MAP_ADD, dst, kr, vr);
        }
        free_to(c, m);
    }
    if (final != dst) emit(c, OPC_MOVE, final, dst, 0);
}

// A list, set or dict display that does not fit one BUILD_* instruction
// builds into its target first and then adds the remaining items one by one,
// so `x = [*x, *y]` would read the half-built x: such a display goes through
// a temporary when its target is a named local (and a failing item then leaves
// the local untouched, as in CPython).
static bool display_builds_in_steps(ast_expr_t *e) {
    if (e->kind == EXPR_DICT) {
        int n = e->v.dict.keys.n;
        if (n > CHUNK / 2) return true;
        for (int i = 0; i < n; i++)
            if (e->v.dict.keys.items[i] == NULL) return true;
        return false;
    }
    if (e->kind != EXPR_LIST && e->kind != EXPR_SET) return false;
    ast_expr_seq_t *elts = e->kind == EXPR_SET ? &e->v.set.elts : &e->v.list.elts;
    if (elts->n > CHUNK) return true;
    for (int i = 0; i < elts->n; i++)
        if (elts->items[i]->kind == EXPR_STARRED) return true;
    return false;
}

// ---- f-strings
// -------------------------------------------------------------------------------------

static int conversion_code(int conv) {
    switch (conv) {
    case 's': return 1;
    case 'r': return 2;
    case 'a': return 3;
    default: return 0;
    }
}

static void compile_formatted(compiler_t *c, ast_expr_t *e, int dst) {
    int conv = conversion_code(e->v.formattedvalue.conversion);
    if (e->v.formattedvalue.format_spec) {
        int base = alloc_regs(c, 2);
        expr_to(c, e->v.formattedvalue.value, base);
        expr_to(c, e->v.formattedvalue.format_spec, base + 1);
        emit(c, OPC_FORMAT_VALUE, dst, base, conv | 4);
    } else {
        int v = expr_any(c, e->v.formattedvalue.value);
        emit(c, OPC_FORMAT_VALUE, dst, v, conv);
    }
}

static void compile_joinedstr(compiler_t *c, ast_expr_t *e, int dst) {
    int n = e->v.joinedstr.values.n;
    if (n == 0) {
        emit_load_const(c, dst, str_intern(""));
        return;
    }
    if (n == 1) {
        ast_expr_t *x = e->v.joinedstr.values.items[0];
        if (x->kind == EXPR_FORMATTEDVALUE) {
            compile_formatted(c, x, dst);
            return;
        }
        expr_to(c, x, dst);
        return;
    }
    // Long f-strings are joined in chunks.
    if (n > CHUNK) {
        int acc = alloc_reg(c);
        int done = 0;
        bool first = true;
        while (done < n) {
            int k = n - done < CHUNK ? n - done : CHUNK;
            int m = reg_mark(c);
            int base = alloc_regs(c, k + 1);
            if (!first) emit(c, OPC_MOVE, base, acc, 0);
            int off = first ? 0 : 1;
            for (int i = 0; i < k; i++)
                expr_to(c, e->v.joinedstr.values.items[done + i], base + off + i);
            emit(c, OPC_BUILD_STRING, acc, base, k + off);
            free_to(c, m);
            done += k;
            first = false;
        }
        emit(c, OPC_TAKE, dst, acc, 0);
        return;
    }
    int base = alloc_regs(c, n);
    for (int i = 0; i < n; i++)
        expr_to(c, e->v.joinedstr.values.items[i], base + i);
    emit(c, OPC_BUILD_STRING, dst, base, n);
}

// ---- calls
// ------------------------------------------------------------------------------------------

static bool call_is_simple(ast_expr_seq_t *args, ast_keyword_seq_t *kws) {
    for (int i = 0; i < args->n; i++)
        if (args->items[i]->kind == EXPR_STARRED) return false;
    for (int i = 0; i < kws->n; i++)
        if (kws->items[i]->arg == NULL) return false;
    return args->n + kws->n < 250;
}

// Emits the argument registers base+nprefix.. and the CALL/CALL_METHOD.
void compile_call_helper(compiler_t *c, int base, int nprefix, ast_expr_seq_t *args,
                         ast_keyword_seq_t *keywords, int method) {
    int nargs = args->n, nkw = keywords->n;
    int first = alloc_regs(c, nargs + nkw);
    (void)first;
    for (int i = 0; i < nargs; i++)
        expr_to(c, args->items[i], base + nprefix + i);
    int kwidx = 0;
    if (nkw) {
        obj_t *names = tuple_new(nkw);
        if (!names) {
            c_fail_pending(c);
            return;
        }
        for (int i = 0; i < nkw; i++) {
            TUPLE_SET(names, i, NEWREF(str_intern(keywords->items[i]->arg)));
            expr_to(c, keywords->items[i]->value, base + nprefix + nargs + i);
        }
        kwidx = add_const(c, names) + 1;
        DECREF(names);
    }
    emit(c, method ? OPC_CALL_METHOD : OPC_CALL, base, nargs + nkw, kwidx);
}

// f(*args, **kwargs) form: R[base] callable, R[base+1] args tuple, R[base+2] kwargs dict.
static void compile_call_ex(compiler_t *c, int base, ast_expr_seq_t *args,
                            ast_keyword_seq_t *keywords) {
    alloc_regs(c, 2); // base+1, base+2
    int acc = base + 1;
    int n = args->n;
    // Positional part.
    int prefix = 0;
    while (prefix < n && prefix < CHUNK && args->items[prefix]->kind != EXPR_STARRED)
        prefix++;
    if (prefix == n) {
        int m = reg_mark(c);
        int b = alloc_regs(c, n);
        for (int i = 0; i < n; i++)
            expr_to(c, args->items[i], b + i);
        emit(c, OPC_BUILD_TUPLE, acc, b, n);
        free_to(c, m);
    } else {
        int m = reg_mark(c);
        int b = alloc_regs(c, prefix);
        for (int i = 0; i < prefix; i++)
            expr_to(c, args->items[i], b + i);
        emit(c, OPC_BUILD_LIST, acc, b, prefix);
        free_to(c, m);
        for (int i = prefix; i < n; i++) {
            int mm = reg_mark(c);
            ast_expr_t *x = args->items[i];
            if (x->kind == EXPR_STARRED) {
                int v = expr_any(c, x->v.starred.value);
                loc_t l = set_loc_expr(c, x);
                emit(c, OPC_LIST_EXTEND, acc, v, base + 1);
                restore_loc(c, l);
            } else {
                int v = expr_any(c, x);
                emit(c, OPC_LIST_APPEND, acc, v, 0);
            }
            free_to(c, mm);
        }
        emit(c, OPC_LIST_TO_TUPLE, acc, acc, 0);
    }
    // Keyword part.
    int nkw = keywords->n;
    if (nkw == 0) {
        emit(c, OPC_CALL_EX, base, 0, 0);
        return;
    }
    int kw = base + 2;
    int i = 0;
    int m = reg_mark(c);
    int b = alloc_regs(c, 2 * CHUNK);
    int np = 0;
    while (i < nkw && keywords->items[i]->arg != NULL && np < CHUNK) {
        emit_load_const(c, b + 2 * np, str_intern(keywords->items[i]->arg));
        expr_to(c, keywords->items[i]->value, b + 2 * np + 1);
        np++;
        i++;
    }
    emit(c, OPC_BUILD_MAP, kw, b, np);
    free_to(c, m);
    for (; i < nkw; i++) {
        int mm = reg_mark(c);
        ast_keyword_t *k = keywords->items[i];
        if (k->arg == NULL) {
            int v = expr_any(c, k->value);
            emit(c, OPC_DICT_MERGE, kw, v, base);
        } else {
            int pair = alloc_regs(c, 2);
            emit_load_const(c, pair, str_intern(k->arg));
            expr_to(c, k->value, pair + 1);
            int d = alloc_reg(c);
            emit(c, OPC_BUILD_MAP, d, pair, 1);
            emit(c, OPC_DICT_MERGE, kw, d, base);
        }
        free_to(c, mm);
    }
    emit(c, OPC_CALL_EX, base, 1, 0);
}

static uint64_t kw_hash(const char *s) {
    uint64_t h = 1469598103934665603ull; // FNV-1a
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

// next[i]: index of the next keyword with the same name as keyword i, or -1 (linear time: a
// call may pass tens of thousands of keywords).
static void next_same_keyword(ast_keyword_seq_t *kws, int *next) {
    int cap = 16;
    while (cap < 2 * kws->n)
        cap *= 2;
    int *slots = malloc((size_t)cap * sizeof(int)); // keyword index + 1, 0 = empty
    if (!slots) abort();
    memset(slots, 0, (size_t)cap * sizeof(int));
    for (int i = kws->n - 1; i >= 0; i--) {
        const char *arg = kws->items[i]->arg;
        next[i] = -1;
        if (!arg) continue;
        for (int h = (int)(kw_hash(arg) & (uint64_t)(cap - 1));; h = (h + 1) & (cap - 1)) {
            if (slots[h] == 0) {
                slots[h] = i + 1;
                break;
            }
            if (strcmp(kws->items[slots[h] - 1]->arg, arg) == 0) {
                next[i] = slots[h] - 1;
                slots[h] = i + 1;
                break;
            }
        }
    }
    free(slots);
}

bool check_keywords(compiler_t *c, ast_keyword_seq_t *kws) {
    if (kws->n == 0) return true;
    int *next = malloc((size_t)kws->n * sizeof(int));
    if (!next) abort();
    next_same_keyword(kws, next);
    bool ok = true;
    // CPython checks keyword by keyword: __debug__, then a later keyword with its name.
    for (int i = 0; i < kws->n && ok; i++) {
        ast_keyword_t *k = kws->items[i];
        if (k->arg == NULL) continue;
        if (forbid_debug(c, k->arg, false)) {
            ok = false;
        } else if (next[i] >= 0) {
            ast_keyword_t *o = kws->items[next[i]];
            c_error(c, o->lineno, o->col_offset, o->end_lineno, o->end_col_offset,
                    "keyword argument repeated: %s", k->arg);
            ok = false;
        }
    }
    free(next);
    return ok;
}

bool check_debug_args(compiler_t *c, ast_arguments_t *a) {
    ast_arg_seq_t *seqs[] = {&a->posonlyargs, &a->args, &a->kwonlyargs};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < seqs[k]->n; i++)
            if (forbid_debug(c, seqs[k]->items[i]->arg, false)) return false;
    if (a->vararg && forbid_debug(c, a->vararg->arg, false)) return false;
    if (a->kwarg && forbid_debug(c, a->kwarg->arg, false)) return false;
    return true;
}

static void compile_call(compiler_t *c, ast_expr_t *e, int dst) {
    ast_expr_t *fn = e->v.call.func;
    ast_expr_seq_t *args = &e->v.call.args;
    ast_keyword_seq_t *kws = &e->v.call.keywords;
    if (!compile_check_caller(c, e) || !check_keywords(c, kws)) return;
    int mark = reg_mark(c);
    // The call's base can be dst itself when dst is the topmost register.
    int base;
    if (dst == c->u->next_reg - 1 && !is_named_local(c, dst))
        base = dst;
    else
        base = alloc_reg(c);
    if (call_is_simple(args, kws) && fn->kind == EXPR_ATTRIBUTE) {
        alloc_reg(c); // base + 1: self
        int m = reg_mark(c);
        int o = expr_any(c, fn->v.attribute.value);
        loc_t l = set_loc_expr(c, fn);
        emit(c, OPC_LOAD_METHOD, base, o, add_attr_name(c, fn->v.attribute.attr));
        restore_loc(c, l);
        free_to(c, m);
        compile_call_helper(c, base, 2, args, kws, 1);
    } else if (call_is_simple(args, kws)) {
        expr_to(c, fn, base);
        compile_call_helper(c, base, 1, args, kws, 0);
    } else {
        expr_to(c, fn, base);
        compile_call_ex(c, base, args, kws);
    }
    if (base != dst) emit(c, OPC_TAKE, dst, base, 0);
    free_to(c, mark);
}

// ---- assignment targets
// ----------------------------------------------------------------------------

void assign_to(compiler_t *c, ast_expr_t *t, int src) {
    if (c->failed) return;
    loc_t saved = set_loc_expr(c, t);
    int mark = reg_mark(c);
    switch (t->kind) {
    case EXPR_NAME: name_store(c, t->v.name.id, src); break;
    case EXPR_ATTRIBUTE: {
        if (forbid_debug(c, t->v.attribute.attr, false)) break;
        int o = expr_any(c, t->v.attribute.value);
        emit(c, OPC_STORE_ATTR, o, add_attr_name(c, t->v.attribute.attr), src);
        drop_temp(c, o);
        break;
    }
    case EXPR_SUBSCRIPT: {
        int o = expr_any(c, t->v.subscript.value);
        int k = expr_any(c, t->v.subscript.slice);
        emit(c, OPC_SET_ITEM, o, k, src);
        drop_temp(c, o);
        if (k != o) drop_temp(c, k);
        break;
    }
    case EXPR_TUPLE:
    case EXPR_LIST: {
        ast_expr_seq_t *elts = &t->v.tuple.elts;
        int n = elts->n, star = -1;
        for (int i = 0; i < n; i++) {
            if (elts->items[i]->kind == EXPR_STARRED) {
                if (star >= 0) {
                    c_error_at_expr(c, elts->items[i],
                                    "multiple starred expressions in assignment");
                    goto done;
                }
                star = i;
            }
        }
        if (star >= 256) { // CPython's UNPACK_EX operand limit
            c_error_at_expr(c, t, "too many expressions in star-unpacking assignment");
            goto done;
        }
        int base = alloc_regs(c, n);
        if (star < 0)
            emit(c, OPC_UNPACK_SEQUENCE, base, src, n);
        else
            emit_word(c, OPC_UNPACK_EX, base, src, star, n - star - 1);
        for (int i = 0; i < n; i++) {
            ast_expr_t *x = elts->items[i];
            if (x->kind == EXPR_STARRED) x = x->v.starred.value;
            assign_to(c, x, base + i);
        }
        break;
    }
    case EXPR_STARRED:
        c_error_at_expr(c, t, "starred assignment target must be in a list or tuple");
        break;
    default: c_error_at_expr(c, t, "cannot assign to expression"); break;
    }
done:
    free_to(c, mark);
    restore_loc(c, saved);
}

// ---- functions and lambdas
// --------------------------------------------------------------------------

// Builds the closure tuple for `code` (its freevars) into register dst.
void compile_emit_closure(compiler_t *c, obj_t *code, int dst);
void compile_emit_closure(compiler_t *c, obj_t *code, int dst) {
    code_t *co = (code_t *)code;
    int n = (int)TUPLE_SIZE(co->freevars);
    int mark = reg_mark(c);
    int base = alloc_regs(c, n);
    unit_t *u = c->u;
    for (int i = 0; i < n; i++) {
        const char *name = str_data(TUPLE_GET(co->freevars, i));
        int reg = -1;
        if (u->scope_type == ST_CLASS && strcmp(name, "__class__") == 0 && u->in_class_cell) {
            reg = u->class_cell_reg;
        } else {
            st_symbol_t *s = st_entry_get(u->ste, name);
            if (s && (s->scope == SC_CELL || s->scope == SC_FREE ||
                      (u->scope_type == ST_CLASS && (s->flags & DEF_FREE_CLASS))))
                reg = s->reg;
        }
        if (reg < 0) {
            c_error(c, co->firstlineno, 0, co->firstlineno, 0,
                    "internal compiler error: no cell for free variable '%s'", name);
            return;
        }
        emit(c, OPC_MOVE, base + i, reg, 0);
    }
    emit(c, OPC_BUILD_TUPLE, dst, base, n);
    free_to(c, mark);
}

static void add_annotation(compiler_t *c, obj_t *names, int *nann, int base, const char *name,
                           ast_expr_t *ann) {
    if (!ann) return;
    (void)names;
    emit_load_const(c, base + 2 * *nann, str_intern(mangle(c, name)));
    if (c->future_annotations) {
        compile_annotation_string(c, ann, base + 2 * *nann + 1);
    } else if (ann->kind == EXPR_STARRED) {
        // `*args: *Ts` (PEP 646): the one item that unpacking Ts gives,
        // as CPython 3.11 compiles it (UNPACK_SEQUENCE of 1).
        int mark = reg_mark(c);
        int src = expr_any(c, ann->v.starred.value);
        emit(c, OPC_UNPACK_SEQUENCE, base + 2 * *nann + 1, src, 1);
        free_to(c, mark);
    } else {
        expr_to(c, ann, base + 2 * *nann + 1);
    }
    (*nann)++;
}

static int count_annotations(ast_arguments_t *a, ast_expr_t *returns) {
    int n = returns ? 1 : 0;
    for (int i = 0; i < a->posonlyargs.n; i++)
        n += a->posonlyargs.items[i]->annotation != NULL;
    for (int i = 0; i < a->args.n; i++)
        n += a->args.items[i]->annotation != NULL;
    for (int i = 0; i < a->kwonlyargs.n; i++)
        n += a->kwonlyargs.items[i]->annotation != NULL;
    if (a->vararg) n += a->vararg->annotation != NULL;
    if (a->kwarg) n += a->kwarg->annotation != NULL;
    return n;
}

void compile_function_object(compiler_t *c, ast_arguments_t *args, ast_stmt_seq_t *body,
                             ast_expr_t *lambda_body, const void *node, const char *name,
                             ast_expr_t *returns, int dst, int lineno) {
    st_entry_t *ste = symtable_lookup(c->st, node);
    if (!ste) {
        c_error(c, lineno, 0, lineno, 0, "internal compiler error: missing scope");
        return;
    }
    int mark = reg_mark(c);
    int flags = 0, nextra = 0;
    bool has_defaults = args->defaults.n > 0;
    int nkwdef = 0;
    for (int i = 0; i < args->kw_defaults.n; i++)
        if (args->kw_defaults.items[i]) nkwdef++;
    int nann = count_annotations(args, returns);
    if (has_defaults) flags |= 1, nextra++;
    if (nkwdef) flags |= 2, nextra++;
    if (nann) flags |= 4, nextra++;
    bool needs_closure = ste->has_free && false;
    (void)needs_closure;
    int base = alloc_regs(c, nextra + 1);
    int slot = base;
    if (has_defaults) {
        ast_expr_t tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.kind = EXPR_TUPLE;
        tmp.lineno = lineno;
        tmp.v.tuple.elts = args->defaults;
        tmp.v.tuple.ctx = EXPR_CTX_LOAD;
        obj_t *v = const_value(c, &tmp);
        if (v) {
            emit_load_const(c, slot, v);
            DECREF(v);
        } else {
            int m = reg_mark(c);
            int b = alloc_regs(c, args->defaults.n);
            for (int i = 0; i < args->defaults.n; i++)
                expr_to(c, args->defaults.items[i], b + i);
            emit(c, OPC_BUILD_TUPLE, slot, b, args->defaults.n);
            free_to(c, m);
        }
        slot++;
    }
    if (nkwdef) {
        int m = reg_mark(c);
        int b = alloc_regs(c, 2 * nkwdef);
        int k = 0;
        for (int i = 0; i < args->kwonlyargs.n; i++) {
            ast_expr_t *d = args->kw_defaults.items[i];
            if (!d) continue;
            emit_load_const(c, b + 2 * k, str_intern(mangle(c, args->kwonlyargs.items[i]->arg)));
            expr_to(c, d, b + 2 * k + 1);
            k++;
        }
        emit(c, OPC_BUILD_MAP, slot, b, nkwdef);
        free_to(c, m);
        slot++;
    }
    if (nann) {
        int m = reg_mark(c);
        int b = alloc_regs(c, 2 * nann);
        int k = 0;
        for (int i = 0; i < args->posonlyargs.n; i++)
            add_annotation(c, NULL, &k, b, args->posonlyargs.items[i]->arg,
                           args->posonlyargs.items[i]->annotation);
        for (int i = 0; i < args->args.n; i++)
            add_annotation(c, NULL, &k, b, args->args.items[i]->arg,
                           args->args.items[i]->annotation);
        if (args->vararg)
            add_annotation(c, NULL, &k, b, args->vararg->arg, args->vararg->annotation);
        for (int i = 0; i < args->kwonlyargs.n; i++)
            add_annotation(c, NULL, &k, b, args->kwonlyargs.items[i]->arg,
                           args->kwonlyargs.items[i]->annotation);
        if (args->kwarg) add_annotation(c, NULL, &k, b, args->kwarg->arg, args->kwarg->annotation);
        if (returns) add_annotation(c, NULL, &k, b, "return", returns);
        emit(c, OPC_BUILD_MAP, slot, b, k);
        free_to(c, m);
        slot++;
    }
    // Compile the body into its own code object.
    obj_t *qualname = make_qualname(c, name);
    if (!qualname) {
        c_fail_pending(c);
        return;
    }
    bool nested = c->u->scope_type == ST_FUNCTION;
    if (enter_unit(c, ste, name, qualname, lineno) < 0) {
        obj_t *x = leave_unit(c);
        XDECREF(x);
        return;
    }
    unit_t *u = c->u;
    u->argcount = args->posonlyargs.n + args->args.n;
    u->posonlyargcount = args->posonlyargs.n;
    u->kwonlyargcount = args->kwonlyargs.n;
    u->flags = CO_FUNCTION;
    if (args->vararg) u->flags |= CO_VARARGS;
    if (args->kwarg) u->flags |= CO_VARKEYWORDS;
    if (ste->is_generator) u->flags |= CO_GENERATOR;
    if (ste->is_async_def)
        u->flags |= CO_GENERATOR | (ste->is_generator ? CO_ASYNC_GENERATOR : CO_COROUTINE);
    if (nested) u->flags |= CO_NESTED;
    if (lambda_body) {
        u->flags |= CO_LAMBDA;
        u->line = lambda_body->lineno;
        int r = expr_any(c, lambda_body);
        emit(c, OPC_RETURN, r, 0, 0); // a generator lambda returns its value too
    } else {
        compile_body_with_docstring(c, body, false);
    }
    obj_t *code = leave_unit(c);
    if (!code) return;
    if (((code_t *)code)->nfree > 0) {
        flags |= 8;
        compile_emit_closure(c, code, slot);
        slot++;
    }
    int ki = add_const(c, code);
    DECREF(code);
    emit(c, OPC_MAKE_FUNCTION, base, ki, flags);
    if (dst != base) emit(c, OPC_TAKE, dst, base, 0);
    free_to(c, mark);
}

// ---- comprehensions
// -----------------------------------------------------------------------------------

static void comp_async_generator(compiler_t *c, ast_expr_t *e, ast_comprehension_seq_t *gens,
                                 int gi, int iter_reg, int result);

// The innermost step of an async comprehension: add the element to the result (or yield
// it); comp_generator has the same switch inline.
static void comp_element(compiler_t *c, ast_expr_t *e, int result) {
    int m = reg_mark(c);
    switch (e->kind) {
    case EXPR_LISTCOMP: emit(c, OPC_LIST_APPEND, result, expr_any(c, e->v.comp.elt), 0); break;
    case EXPR_SETCOMP: emit(c, OPC_SET_ADD, result, expr_any(c, e->v.comp.elt), 0); break;
    case EXPR_DICTCOMP: {
        int k = expr_any(c, e->v.dictcomp.key);
        int v = expr_any(c, e->v.dictcomp.value);
        emit(c, OPC_MAP_ADD, result, k, v);
        break;
    }
    default: {
        int v = expr_any(c, e->v.comp.elt);
        int t = alloc_reg(c);
        emit(c, OPC_YIELD, t, v, 0);
        break;
    }
    }
    free_to(c, m);
}

static void comp_generator(compiler_t *c, ast_expr_t *e, ast_comprehension_seq_t *gens, int gi,
                           int iter_reg, int result) {
    ast_comprehension_t *g = gens->items[gi];
    if (g->is_async) {
        comp_async_generator(c, e, gens, gi, iter_reg, result);
        return;
    }
    int mark = reg_mark(c);
    int it = iter_reg;
    if (gi > 0) {
        it = alloc_reg(c);
        int m = reg_mark(c);
        int src = expr_any(c, g->iter);
        emit(c, OPC_GET_ITER, it, src, 0);
        free_to(c, m);
    }
    int body = new_label(c), check = new_label(c);
    emit_jump(c, OPC_JUMP, 0, 0, 0, check);
    bind_label(c, body);
    // Target.
    int item;
    int lr = g->target->kind == EXPR_NAME ? local_reg(c, g->target->v.name.id) : -1;
    int item_reg = lr >= 0 ? lr : alloc_reg(c);
    item = item_reg;
    if (lr < 0)
        assign_to(c, g->target, item);
    else
        da_set(c, lr);
    for (int i = 0; i < g->ifs.n; i++)
        expr_jump_if(c, g->ifs.items[i], false, check);
    if (gi + 1 < gens->n) {
        comp_generator(c, e, gens, gi + 1, -1, result);
    } else {
        int m = reg_mark(c);
        switch (e->kind) {
        case EXPR_LISTCOMP: emit(c, OPC_LIST_APPEND, result, expr_any(c, e->v.comp.elt), 0); break;
        case EXPR_SETCOMP: emit(c, OPC_SET_ADD, result, expr_any(c, e->v.comp.elt), 0); break;
        case EXPR_DICTCOMP: {
            int k = expr_any(c, e->v.dictcomp.key);
            int v = expr_any(c, e->v.dictcomp.value);
            emit(c, OPC_MAP_ADD, result, k, v);
            break;
        }
        default: {
            int v = expr_any(c, e->v.comp.elt);
            int t = alloc_reg(c);
            emit(c, OPC_YIELD, t, v, 0);
            break;
        }
        }
        free_to(c, m);
    }
    bind_label(c, check);
    emit_jump(c, OPC_FOR_ITER, item_reg, it, 0, body);
    free_to(c, mark);
}

// `async for` in a comprehension: the loop of compile_async_for (core/compile_async.c).
static void comp_async_generator(compiler_t *c, ast_expr_t *e, ast_comprehension_seq_t *gens,
                                 int gi, int iter_reg, int result) {
    ast_comprehension_t *g = gens->items[gi];
    int mark = reg_mark(c);
    int it = iter_reg;
    if (gi > 0) {
        it = alloc_reg(c);
        int m = reg_mark(c);
        int src = expr_any(c, g->iter);
        loc_t l = set_loc_expr(c, g->iter);
        emit(c, OPC_GET_AITER, it, src, 0);
        restore_loc(c, l);
        free_to(c, m);
    }
    int exc = alloc_reg(c), v = alloc_reg(c);
    int top = new_label(c), H = new_label(c);
    bind_label(c, top);
    fblock_t *fb = push_fblock(c, FB_TRY_EXCEPT);
    fb->has_range = true;
    fb->handler_label = H;
    fb->exc_reg = exc;
    fb_open_range(c, fb);
    {
        int m = reg_mark(c);
        int t = alloc_reg(c);
        emit(c, OPC_GET_ANEXT, t, it, 0);
        emit(c, OPC_LOAD_NONE, v, 0, 0);
        emit(c, OPC_YIELD_FROM, v, t, 0);
        free_to(c, m);
    }
    pop_fblock(c);
    int lr = g->target->kind == EXPR_NAME ? local_reg(c, g->target->v.name.id) : -1;
    if (lr >= 0) {
        emit(c, OPC_TAKE, lr, v, 0);
        da_set(c, lr);
    } else {
        assign_to(c, g->target, v);
    }
    for (int i = 0; i < g->ifs.n; i++)
        expr_jump_if(c, g->ifs.items[i], false, top);
    if (gi + 1 < gens->n)
        comp_generator(c, e, gens, gi + 1, -1, result);
    else
        comp_element(c, e, result);
    emit_jump(c, OPC_JUMP, 0, 0, 0, top);
    bind_label(c, H);
    emit(c, OPC_END_ASYNC_FOR, exc, 0, 0);
    free_to(c, mark);
}

static void compile_comprehension(compiler_t *c, ast_expr_t *e, int dst) {
    st_entry_t *ste = symtable_lookup(c->st, e);
    if (!ste) {
        c_error_at_expr(c, e, "internal compiler error: missing comprehension scope");
        return;
    }
    ast_comprehension_seq_t *gens =
        e->kind == EXPR_DICTCOMP ? &e->v.dictcomp.generators : &e->v.comp.generators;
    const char *name = ste->name;
    obj_t *qualname = make_qualname(c, name);
    if (!qualname) {
        c_fail_pending(c);
        return;
    }
    bool nested = c->u->scope_type == ST_FUNCTION;
    if (ste->is_coroutine && e->kind != EXPR_GENEXP &&
        !(nested && (c->u->ste->is_async_def || c->u->ste->is_comprehension))) {
        DECREF(qualname);
        c_error_at_expr(c, e, "asynchronous comprehension outside of an asynchronous function");
        return;
    }
    int mark = reg_mark(c);
    int base;
    if (dst == c->u->next_reg - 1 && !is_named_local(c, dst))
        base = dst;
    else
        base = alloc_reg(c);
    alloc_reg(c); // base + 1: the iterator argument
    if (enter_unit(c, ste, name, qualname, e->lineno) < 0) {
        obj_t *x = leave_unit(c);
        XDECREF(x);
        return;
    }
    unit_t *u = c->u;
    u->argcount = 1;
    u->flags = CO_FUNCTION | CO_COMPREHENSION | (nested ? CO_NESTED : 0);
    if (ste->is_generator) u->flags |= CO_GENERATOR;
    if (ste->is_coroutine)
        u->flags |= CO_GENERATOR | (ste->is_generator ? CO_ASYNC_GENERATOR : CO_COROUTINE);
    set_loc_expr(c, e);
    int result = -1;
    if (e->kind != EXPR_GENEXP) {
        result = alloc_reg(c);
        int op = e->kind == EXPR_LISTCOMP  ? OPC_BUILD_LIST
                 : e->kind == EXPR_SETCOMP ? OPC_BUILD_SET
                                           : OPC_BUILD_MAP;
        emit(c, op, result, 0, 0);
    }
    comp_generator(c, e, gens, 0, 0, result);
    set_loc_expr(c, e);
    if (result >= 0)
        emit(c, OPC_RETURN, result, 0, 0);
    else
        emit(c, OPC_RETURN_NONE, 0, 0, 0);
    obj_t *code = leave_unit(c);
    if (!code) return;
    int flags = 0;
    if (((code_t *)code)->nfree > 0) {
        flags |= 8;
        compile_emit_closure(c, code, base);
    }
    int ki = add_const(c, code);
    DECREF(code);
    emit(c, OPC_MAKE_FUNCTION, base, ki, flags);
    int m = reg_mark(c);
    int src = expr_any(c, gens->items[0]->iter);
    loc_t l = set_loc_expr(c, gens->items[0]->iter);
    emit(c, gens->items[0]->is_async ? OPC_GET_AITER : OPC_GET_ITER, base + 1, src, 0);
    restore_loc(c, l);
    free_to(c, m);
    emit(c, OPC_CALL, base, 1, 0);
    if (ste->is_coroutine && e->kind != EXPR_GENEXP) emit_await(c, base, base, 0);
    if (dst != base) emit(c, OPC_TAKE, dst, base, 0);
    free_to(c, mark);
}
