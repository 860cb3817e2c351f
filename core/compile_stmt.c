/*
 * core/compile_stmt.c — compiling statements: control flow, exception
 * handling (protected ranges, handlers, finally bodies duplicated on the
 * normal and exceptional paths and inlined at return/break/continue), with,
 * imports, class and function definitions.
 *
 * Exception handling layout (no runtime block stack):
 *   try body                 protected by a range -> H (exception in R[e])
 *   H: PUSH_EXC_INFO s, e    s saves the previously handled exception
 *      handler bodies        protected by a range -> C (exception in R[e2])
 *      POP_EXCEPT s; JUMP end
 *   C: POP_EXCEPT s; RERAISE e2
 * `return`/`break`/`continue` leaving blocks run their exit actions inline
 * (finally body, POP_EXCEPT, __exit__(None, None, None)) with the ranges of
 * the blocks being left closed around that code (unwind_fblocks).
 */
#include <stdlib.h>
#include <string.h>

#include "../objects/dict.h"
#include "../objects/float.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "compile_int.h"
#include "error.h"

int inplace_opcode(int astop, bool k);
void compile_emit_closure(compiler_t *c, obj_t *code, int dst);
void compile_match(compiler_t *c, ast_stmt_t *s);

// Instructions emitted next have no line (clean-up CPython does not trace).
static void loc_none(compiler_t *c) {
    c->u->line = c->u->end_line = c->u->col = c->u->end_col = -1;
}

static bool is_terminator(int op) {
    return op == OPC_RETURN || op == OPC_RETURN_NONE || op == OPC_JUMP || op == OPC_RAISE ||
           op == OPC_RERAISE;
}

// ---- unwinding for return / break / continue ------------------------------------------------

// Emits the exit actions of every block above the innermost loop (or all
// blocks for `return`), closing their protected ranges.  Returns the index
// of the loop block (or -1).  `keep` is a register whose value must survive
// the inlined code (the return value), -1 if none.
static int unwind_fblocks(compiler_t *c, bool to_loop, int *closed_from) {
    unit_t *u = c->u;
    int i = u->nfblocks - 1;
    *closed_from = u->nfblocks;
    for (; i >= 0; i--) {
        fblock_t *fb = &u->fblocks[i];
        if (fb->kind == FB_LOOP) {
            if (to_loop) return i;
            continue;
        }
        fb_close_range(c, fb);
        *closed_from = i;
        switch (fb->kind) {
        case FB_FINALLY_TRY: {
            // Compile the finally body with this block (and those above) gone.
            int saved_n = u->nfblocks;
            int nsave = saved_n - i;
            fblock_t *save = malloc(nsave * sizeof(fblock_t));
            if (!save) abort();
            memcpy(save, &u->fblocks[i], nsave * sizeof(fblock_t));
            u->nfblocks = i;
            stmts(c, fb->finalbody);
            memcpy(&u->fblocks[i], save, nsave * sizeof(fblock_t));
            u->nfblocks = saved_n;
            free(save);
            // Nested blocks pushed while compiling may have reopened nothing of
            // ours; make sure our range stays closed until reopened.
            u->fblocks[i].range_start = -1;
            break;
        }
        case FB_FINALLY_END: emit(c, OPC_POP_EXCEPT, fb->saved_reg, fb->caught_reg, 1); break;
        case FB_HANDLER:
            if (fb->handler_name) {
                int t = alloc_reg(c);
                emit(c, OPC_LOAD_NONE, t, 0, 0);
                name_store(c, fb->handler_name, t);
                name_delete(c, fb->handler_name);
                free_to(c, t);
            }
            if (fb->saved_reg >= 0)
                emit(c, OPC_POP_EXCEPT, fb->saved_reg, fb->caught_reg, fb->caught_reg >= 0);
            break;
        case FB_WITH: {
            // On the `with` line, and what follows (the jump or return
            // that left the block) on none, so that the exit appears to
            // run after the statement that left, as in CPython.
            if (fb->with_stmt != NULL) set_loc_stmt(c, fb->with_stmt);
            int base = alloc_regs(c, 4);
            emit(c, OPC_MOVE, base, fb->with_reg, 0);
            emit(c, OPC_LOAD_NONE, base + 1, 0, 0);
            emit(c, OPC_LOAD_NONE, base + 2, 0, 0);
            emit(c, OPC_LOAD_NONE, base + 3, 0, 0);
            emit(c, OPC_CALL, base, 3, 0);
            if (fb->with_async) emit_await(c, base, base, 2);
            free_to(c, base);
            if (fb->with_stmt != NULL) loc_none(c);
            break;
        }
        default: break;
        }
    }
    return -1;
}

static void reopen_fblocks(compiler_t *c, int from) {
    unit_t *u = c->u;
    for (int i = from; i < u->nfblocks; i++)
        fb_open_range(c, &u->fblocks[i]);
}

static bool needs_unwind(compiler_t *c, bool to_loop) {
    unit_t *u = c->u;
    for (int i = u->nfblocks - 1; i >= 0; i--) {
        if (u->fblocks[i].kind == FB_LOOP) {
            if (to_loop) return false;
            continue;
        }
        return true;
    }
    return false;
}

// ---- simple statements ------------------------------------------------------------------------

void drop_temp(compiler_t *c, int reg) {
    unit_t *u = c->u;
    if (u->scope_type != ST_FUNCTION && reg >= u->nlocals + u->nfree) emit(c, OPC_CLEAR, reg, 0, 0);
}

// `break`/`continue` (to_loop) or `return` may not leave an except* clause
// body: reports the SyntaxError at `s` (or at the returned value) and
// returns true when it would.
static bool leaves_except_star(compiler_t *c, ast_stmt_t *s, bool to_loop) {
    unit_t *u = c->u;
    for (int i = u->nfblocks - 1; i >= 0; i--) {
        fblock_t *fb = &u->fblocks[i];
        if (fb->kind == FB_LOOP && to_loop) return false;
        if (fb->kind != FB_HANDLER || !fb->except_star) continue;
        const char *msg = "'break', 'continue' and 'return' cannot appear in an except* block";
        if (s->kind == STMT_RETURN && s->v.return_.value)
            c_error_at_expr(c, s->v.return_.value, "%s", msg);
        else
            c_error_at_stmt(c, s, "%s", msg);
        return true;
    }
    return false;
}

static void compile_return(compiler_t *c, ast_stmt_t *s) {
    if (c->u->scope_type != ST_FUNCTION) {
        c_error_at_stmt(c, s, "'return' outside function");
        return;
    }
    if (leaves_except_star(c, s, false)) return;
    if (s->v.return_.value && c->u->ste->is_async_def && c->u->ste->is_generator) {
        c_error_at_stmt(c, s, "'return' with value in async generator");
        return;
    }
    int mark = reg_mark(c);
    bool unwind = needs_unwind(c, false);
    int r = -1;
    if (s->v.return_.value) {
        if (unwind) {
            r = alloc_reg(c);
            expr_to(c, s->v.return_.value, r);
        } else {
            r = expr_any(c, s->v.return_.value);
        }
    }
    int from = c->u->nfblocks;
    if (unwind) {
        // The `return` line runs before the clean-up (a NOP when no value
        // is computed on it).  After the inlined finally bodies and
        // __exit__ calls the return is on the last line they ran, as in
        // CPython.
        if (r < 0) emit(c, OPC_NOP, 0, 0, 0);
        unwind_fblocks(c, false, &from);
        loc_from_last(c);
    }
    if (r >= 0)
        emit(c, OPC_RETURN, r, 0, 0);
    else
        emit(c, OPC_RETURN_NONE, 0, 0, 0);
    if (unwind) reopen_fblocks(c, from);
    free_to(c, mark);
    da_set_all(c);
}

static void compile_break_continue(compiler_t *c, ast_stmt_t *s, bool is_break) {
    unit_t *u = c->u;
    if (leaves_except_star(c, s, true)) return;
    int loop = -1;
    for (int i = u->nfblocks - 1; i >= 0; i--)
        if (u->fblocks[i].kind == FB_LOOP) {
            loop = i;
            break;
        }
    if (loop < 0) {
        c_error_at_stmt(c, s,
                        is_break ? "'break' outside loop" : "'continue' not properly in loop");
        return;
    }
    int from = u->nfblocks;
    // With clean-up to run (finally bodies, __exit__ calls), the statement's
    // line runs first (a NOP) and the jump is on the last line the clean-up
    // ran, as in CPython.
    int before = u->ninstrs;
    if (needs_unwind(c, true)) emit(c, OPC_NOP, 0, 0, 0);
    unwind_fblocks(c, true, &from);
    if (u->ninstrs > before + 1)
        loc_from_last(c);
    else
        set_loc_stmt(c, s);
    fblock_t *fb = &u->fblocks[loop];
    emit_jump(c, OPC_JUMP, 0, 0, 0, is_break ? fb->label_break : fb->label_continue);
    reopen_fblocks(c, from);
    da_set_all(c);
}

static void delete_target(compiler_t *c, ast_expr_t *t) {
    loc_t l = set_loc_expr(c, t);
    int mark = reg_mark(c);
    switch (t->kind) {
    case EXPR_NAME: name_delete(c, t->v.name.id); break;
    case EXPR_ATTRIBUTE: {
        int o = expr_any(c, t->v.attribute.value);
        emit(c, OPC_DELETE_ATTR, o, add_attr_name(c, t->v.attribute.attr), 0);
        break;
    }
    case EXPR_SUBSCRIPT: {
        int o = expr_any(c, t->v.subscript.value);
        int k = expr_any(c, t->v.subscript.slice);
        emit(c, OPC_DEL_ITEM, o, k, 0);
        break;
    }
    case EXPR_TUPLE:
    case EXPR_LIST:
        for (int i = 0; i < t->v.tuple.elts.n; i++)
            delete_target(c, t->v.tuple.elts.items[i]);
        break;
    default: c_error_at_expr(c, t, "cannot delete expression"); break;
    }
    free_to(c, mark);
    restore_loc(c, l);
}

static void compile_assign(compiler_t *c, ast_stmt_t *s) {
    ast_expr_seq_t *targets = &s->v.assign.targets;
    ast_expr_t *value = s->v.assign.value;
    int mark = reg_mark(c);
    if (targets->n == 1) {
        ast_expr_t *t = targets->items[0];
        if (t->kind == EXPR_NAME) {
            int r = local_reg(c, t->v.name.id);
            if (r >= 0) {
                expr_to(c, value, r);
                da_set(c, r);
                free_to(c, mark);
                return;
            }
        }
        // a, b = x, y without building a tuple.
        if ((t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) &&
            (value->kind == EXPR_TUPLE || value->kind == EXPR_LIST) &&
            t->v.tuple.elts.n == value->v.tuple.elts.n && t->v.tuple.elts.n <= 16) {
            int n = t->v.tuple.elts.n;
            bool simple = true;
            for (int i = 0; i < n; i++)
                if (t->v.tuple.elts.items[i]->kind == EXPR_STARRED ||
                    value->v.tuple.elts.items[i]->kind == EXPR_STARRED)
                    simple = false;
            if (simple) {
                int base = alloc_regs(c, n);
                for (int i = 0; i < n; i++)
                    expr_to(c, value->v.tuple.elts.items[i], base + i);
                for (int i = 0; i < n; i++)
                    assign_to(c, t->v.tuple.elts.items[i], base + i);
                free_to(c, mark);
                return;
            }
        }
    }
    int v = expr_any(c, value);
    for (int i = 0; i < targets->n; i++)
        assign_to(c, targets->items[i], v);
    drop_temp(c, v);
    free_to(c, mark);
}

static void compile_augassign(compiler_t *c, ast_stmt_t *s) {
    ast_expr_t *t = s->v.augassign.target;
    ast_expr_t *value = s->v.augassign.value;
    int op = s->v.augassign.op;
    int mark = reg_mark(c);
    obj_t *k = NULL;
    if (value->kind == EXPR_CONSTANT || value->kind == EXPR_UNARYOP || value->kind == EXPR_BINOP) {
        k = const_value(c, value);
        if (k && !(INT_CHECK(k) || STR_CHECK(k) || FLOAT_CHECK(k))) {
            DECREF(k);
            k = NULL;
        }
    }
    int target;
    int obj = -1, key = -1;
    switch (t->kind) {
    case EXPR_NAME: {
        int r = local_reg(c, t->v.name.id);
        if (r >= 0) {
            loc_t l = set_loc_expr(c, t);
            name_load_any(c, t->v.name.id, t); // UnboundLocalError check
            restore_loc(c, l);
            free_to(c, mark);
            target = r;
        } else {
            target = alloc_reg(c);
            loc_t l = set_loc_expr(c, t);
            name_load(c, t->v.name.id, target, t);
            restore_loc(c, l);
        }
        break;
    }
    case EXPR_ATTRIBUTE: {
        obj = expr_any(c, t->v.attribute.value);
        target = alloc_reg(c);
        loc_t l = set_loc_expr(c, t);
        emit(c, OPC_LOAD_ATTR, target, obj, add_attr_name(c, t->v.attribute.attr));
        restore_loc(c, l);
        break;
    }
    case EXPR_SUBSCRIPT: {
        obj = expr_any(c, t->v.subscript.value);
        key = expr_any(c, t->v.subscript.slice);
        target = alloc_reg(c);
        loc_t l = set_loc_expr(c, t);
        emit(c, OPC_GET_ITEM, target, obj, key);
        restore_loc(c, l);
        break;
    }
    default:
        c_error_at_expr(c, t, "'%s' is an illegal expression for augmented assignment",
                        "expression");
        return;
    }
    if (k) {
        int ki = add_const(c, k);
        DECREF(k);
        emit(c, inplace_opcode(op, true), target, target, ki);
    } else {
        int m = reg_mark(c);
        int v = expr_any(c, value);
        emit(c, inplace_opcode(op, false), target, target, v);
        free_to(c, m);
    }
    loc_t l = set_loc_expr(c, t);
    switch (t->kind) {
    case EXPR_NAME: name_store(c, t->v.name.id, target); break;
    case EXPR_ATTRIBUTE:
        emit(c, OPC_STORE_ATTR, obj, add_attr_name(c, t->v.attribute.attr), target);
        break;
    default: emit(c, OPC_SET_ITEM, obj, key, target); break;
    }
    drop_temp(c, target);
    restore_loc(c, l);
    free_to(c, mark);
}

static void compile_annassign(compiler_t *c, ast_stmt_t *s) {
    ast_expr_t *t = s->v.annassign.target;
    // Without a value nothing is stored, yet CPython refuses __debug__ as
    // the target's name or attribute all the same.
    if (!s->v.annassign.value &&
        ((t->kind == EXPR_NAME && forbid_debug(c, t->v.name.id, false)) ||
         (t->kind == EXPR_ATTRIBUTE && forbid_debug(c, t->v.attribute.attr, false))))
        return;
    int mark = reg_mark(c);
    if (s->v.annassign.value) {
        if (t->kind == EXPR_NAME && local_reg(c, t->v.name.id) >= 0) {
            int r = local_reg(c, t->v.name.id);
            expr_to(c, s->v.annassign.value, r);
            da_set(c, r);
        } else {
            int v = expr_any(c, s->v.annassign.value);
            assign_to(c, t, v);
        }
    }
    free_to(c, mark);
    if (t->kind == EXPR_NAME && s->v.annassign.simple && c->u->scope_type != ST_FUNCTION) {
        int a;
        if (c->future_annotations) {
            a = alloc_reg(c);
            compile_annotation_string(c, s->v.annassign.annotation, a);
        } else {
            a = expr_any(c, s->v.annassign.annotation);
        }
        int d = alloc_reg(c);
        emit_bx(c, OPC_LOAD_NAME, d, add_name(c, "__annotations__"));
        int k = alloc_reg(c);
        emit_load_const(c, k, str_intern(mangle(c, t->v.name.id)));
        emit(c, OPC_SET_ITEM, d, k, a);
    } else if (t->kind != EXPR_NAME && c->u->scope_type != ST_FUNCTION && !s->v.annassign.value) {
        // Evaluate the target's container (as CPython does) for its side effects.
        if (t->kind == EXPR_ATTRIBUTE) expr_any(c, t->v.attribute.value);
    }
    free_to(c, mark);
}

static void compile_raise(compiler_t *c, ast_stmt_t *s) {
    int mark = reg_mark(c);
    if (!s->v.raise.exc) {
        emit(c, OPC_RAISE, 0, 0, 0);
    } else {
        int e = expr_any(c, s->v.raise.exc);
        int first_temp = c->u->nlocals + c->u->nfree;
        if (s->v.raise.cause) {
            int k = expr_any(c, s->v.raise.cause);
            emit(c, OPC_RAISE, e, k, 2 | (e >= first_temp && k >= first_temp ? 4 : 0));
        } else {
            emit(c, OPC_RAISE, e, 0, 1 | (e >= first_temp ? 4 : 0));
        }
    }
    free_to(c, mark);
    da_set_all(c);
}

static void compile_assert(compiler_t *c, ast_stmt_t *s) {
    if (!compile_check_assert(c, s)) return;
    int mark = reg_mark(c);
    int ok = new_label(c);
    uint64_t *before = da_save(c);
    expr_jump_if(c, s->v.assert_.test, true, ok);
    int base = alloc_regs(c, 2);
    emit(c, OPC_LOAD_ASSERTION_ERROR, base, 0, 0);
    if (s->v.assert_.msg) {
        expr_to(c, s->v.assert_.msg, base + 1);
        emit(c, OPC_CALL, base, 1, 0);
    }
    emit(c, OPC_RAISE, base, 0, 1);
    bind_label(c, ok);
    da_restore(c, before);
    free(before);
    free_to(c, mark);
}

static void compile_import(compiler_t *c, ast_stmt_t *s) {
    for (int i = 0; i < s->v.import.names.n; i++) {
        ast_alias_t *a = s->v.import.names.items[i];
        int mark = reg_mark(c);
        int m = alloc_reg(c);
        obj_t *lv = tuple_pack(2, SMALLINT_FROM(0), None);
        if (!lv) {
            c_fail_pending(c);
            return;
        }
        int ki = add_const(c, lv);
        DECREF(lv);
        emit(c, OPC_IMPORT_NAME, m, add_name(c, a->name), ki);
        if (a->asname) {
            const char *dot = strchr(a->name, '.');
            while (dot) {
                const char *next = strchr(dot + 1, '.');
                size_t n = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
                char *part = ast_strndup(c->arena, dot + 1, n);
                emit(c, OPC_IMPORT_FROM, m, m, add_name(c, part));
                dot = next;
            }
            name_store(c, a->asname, m);
        } else {
            const char *dot = strchr(a->name, '.');
            if (dot) {
                char *top = ast_strndup(c->arena, a->name, (size_t)(dot - a->name));
                name_store(c, top, m);
            } else {
                name_store(c, a->name, m);
            }
        }
        free_to(c, mark);
    }
}

static void compile_importfrom(compiler_t *c, ast_stmt_t *s) {
    const char *modname = s->v.importfrom.module ? s->v.importfrom.module : "";
    if (s->lineno > c->st->future_lineno && strcmp(modname, "__future__") == 0) {
        c_error(c, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset,
                "from __future__ imports must occur at the beginning of the file");
        return;
    }
    // `from __future__ import x` also imports, as CPython does: the features
    // act at compile time, and the statement binds the _Feature objects.
    int n = s->v.importfrom.names.n;
    int mark = reg_mark(c);
    obj_t *fromlist = tuple_new(n);
    if (!fromlist) {
        c_fail_pending(c);
        return;
    }
    for (int i = 0; i < n; i++)
        TUPLE_SET(fromlist, i, NEWREF(str_intern(s->v.importfrom.names.items[i]->name)));
    obj_t *lv = tuple_pack(2, SMALLINT_FROM(s->v.importfrom.level), fromlist);
    DECREF(fromlist);
    if (!lv) {
        c_fail_pending(c);
        return;
    }
    int ki = add_const(c, lv);
    DECREF(lv);
    int m = alloc_reg(c);
    emit(c, OPC_IMPORT_NAME, m, add_name(c, modname), ki);
    for (int i = 0; i < n; i++) {
        ast_alias_t *a = s->v.importfrom.names.items[i];
        if (strcmp(a->name, "*") == 0) {
            emit(c, OPC_IMPORT_STAR, m, 0, 0);
            continue;
        }
        int t = alloc_reg(c);
        emit(c, OPC_IMPORT_FROM, t, m, add_name(c, a->name));
        name_store(c, a->asname ? a->asname : a->name, t);
        free_to(c, t);
    }
    free_to(c, mark);
}

static void compile_expr_stmt(compiler_t *c, ast_stmt_t *s) {
    ast_expr_t *e = s->v.expr.value;
    int mark = reg_mark(c);
    if (c->mode == 2 && c->u->scope_type == ST_MODULE && !c->u->parent) {
        int r = expr_any(c, e);
        emit(c, OPC_PRINT_EXPR, r, 0, 0);
        free_to(c, mark);
        return;
    }
    if (e->kind == EXPR_CONSTANT) {
        // No effect, but its line runs (line tracing, f_lineno jumps): a
        // NOP, unless the instruction before is on the same line and falls
        // through to it alone.
        unit_t *u = c->u;
        if (last_op(c) < 0 || u->instrs[u->ninstrs - 1].line != s->lineno)
            emit(c, OPC_NOP, 0, 0, 0);
        return;
    }
    int t = alloc_reg(c);
    expr_to(c, e, t);
    drop_temp(c, t);
    free_to(c, mark);
}

// ---- compound statements ----------------------------------------------------------------------

// Statements the compiler leaves out (the branch of `if 0:` / `while 0:`
// not taken) still get the errors compiling them would raise, as CPython
// compiles dead code before dropping it: 'break'/'continue' outside a loop
// and 'return' outside a function.  Nested defs and classes are not
// entered: their bodies are other scopes.  Stops at the first error
// (c_error_at_stmt sets c->failed).
static bool dead_in_loop(compiler_t *c) {
    for (int i = c->u->nfblocks - 1; i >= 0; i--)
        if (c->u->fblocks[i].kind == FB_LOOP) return true;
    return false;
}

static void check_dead_stmts(compiler_t *c, ast_stmt_seq_t *seq, bool in_loop) {
    for (int i = 0; i < seq->n; i++) {
        ast_stmt_t *s = seq->items[i];
        switch (s->kind) {
        case STMT_BREAK:
        case STMT_CONTINUE:
            if (!in_loop && !dead_in_loop(c)) {
                c_error_at_stmt(c, s,
                                s->kind == STMT_BREAK ? "'break' outside loop"
                                                      : "'continue' not properly in loop");
                return;
            }
            break;
        case STMT_RETURN:
            if (c->u->scope_type != ST_FUNCTION) {
                c_error_at_stmt(c, s, "'return' outside function");
                return;
            }
            break;
        case STMT_IF:
            check_dead_stmts(c, &s->v.if_.body, in_loop);
            check_dead_stmts(c, &s->v.if_.orelse, in_loop);
            break;
        case STMT_WHILE:
            check_dead_stmts(c, &s->v.while_.body, true);
            check_dead_stmts(c, &s->v.while_.orelse, in_loop);
            break;
        case STMT_FOR:
            check_dead_stmts(c, &s->v.for_.body, true);
            check_dead_stmts(c, &s->v.for_.orelse, in_loop);
            break;
        case STMT_WITH: check_dead_stmts(c, &s->v.with.body, in_loop); break;
        case STMT_TRY:
            check_dead_stmts(c, &s->v.try_.body, in_loop);
            for (int h = 0; h < s->v.try_.handlers.n; h++)
                check_dead_stmts(c, &s->v.try_.handlers.items[h]->body, in_loop);
            check_dead_stmts(c, &s->v.try_.orelse, in_loop);
            check_dead_stmts(c, &s->v.try_.finalbody, in_loop);
            break;
        case STMT_MATCH:
            for (int k = 0; k < s->v.match.cases.n; k++)
                check_dead_stmts(c, &s->v.match.cases.items[k]->body, in_loop);
            break;
        default: break;
        }
        if (c->failed) return;
    }
}

static void compile_if(compiler_t *c, ast_stmt_t *s) {
    ast_expr_t *test = s->v.if_.test;
    // `if cond: break` / `if cond: continue`: one conditional jump.  A
    // `break` on its own line jumps to a trampoline after the loop (a NOP
    // with the break's line, then the exit) so that line tracing sees the
    // line, as in CPython, at no cost to the loop's iterations; a
    // `continue` on its own line keeps its own jump.
    ast_stmt_t *bc = s->v.if_.body.n == 1 ? s->v.if_.body.items[0] : NULL;
    if (s->v.if_.orelse.n == 0 && bc && (bc->kind == STMT_BREAK || bc->kind == STMT_CONTINUE) &&
        !needs_unwind(c, true)) {
        unit_t *u = c->u;
        for (int i = u->nfblocks - 1; i >= 0; i--) {
            if (u->fblocks[i].kind != FB_LOOP) continue;
            fblock_t *fb = &u->fblocks[i];
            if (bc->lineno == s->lineno) {
                expr_jump_if(c, test, true,
                             bc->kind == STMT_BREAK ? fb->label_break : fb->label_continue);
                return;
            }
            if (bc->kind == STMT_BREAK && fb->ntramp < 8) {
                int t = new_label(c);
                fb->tramp_label[fb->ntramp] = t;
                fb->tramp_stmt[fb->ntramp++] = bc;
                expr_jump_if(c, test, true, t);
                return;
            }
            break;
        }
    }
    obj_t *k = test->kind == EXPR_CONSTANT ? const_value(c, test) : NULL;
    if (k) {
        int t = obj_is_true(k);
        DECREF(k);
        if (t >= 0) {
            emit(c, OPC_NOP, 0, 0, 0); // the `if` line runs, as in CPython
            check_dead_stmts(c, t ? &s->v.if_.orelse : &s->v.if_.body, false);
            stmts(c, t ? &s->v.if_.body : &s->v.if_.orelse);
            return;
        }
        err_clear();
    }
    int else_l = new_label(c), end = new_label(c);
    expr_jump_if(c, test, false, else_l);
    uint64_t *before = da_save(c);
    stmts(c, &s->v.if_.body);
    if (s->v.if_.orelse.n) {
        int lo = last_op(c);
        loc_t il = {c->u->line, c->u->end_line, c->u->col, c->u->end_col};
        loc_from_last(c);
        if (!is_terminator(lo)) emit_jump(c, OPC_JUMP, 0, 0, 0, end);
        restore_loc(c, il);
        uint64_t *after_body = da_save(c);
        da_restore(c, before);
        bind_label(c, else_l);
        stmts(c, &s->v.if_.orelse);
        da_intersect(c, after_body);
        free(after_body);
    } else {
        bind_label(c, else_l);
        da_intersect(c, before);
    }
    bind_label(c, end);
    free(before);
}

void loop_end_trampolines(compiler_t *c, const fblock_t *loop, int exit) {
    if (loop->ntramp == 0) return;
    unit_t *u = c->u;
    loc_t l = {u->line, u->end_line, u->col, u->end_col};
    loc_from_last(c);
    if (!is_terminator(last_op(c))) emit_jump(c, OPC_JUMP, 0, 0, 0, exit);
    for (int i = 0; i < loop->ntramp; i++) {
        bind_label(c, loop->tramp_label[i]);
        set_loc_stmt(c, loop->tramp_stmt[i]);
        emit(c, OPC_NOP, 0, 0, 0);
        if (i + 1 < loop->ntramp) emit_jump(c, OPC_JUMP, 0, 0, 0, exit);
    }
    restore_loc(c, l);
}

static void compile_while(compiler_t *c, ast_stmt_t *s) {
    ast_expr_t *test = s->v.while_.test;
    int body = new_label(c), cont = new_label(c), else_l = new_label(c), exit = new_label(c);
    bool forever = false;
    obj_t *k = test->kind == EXPR_CONSTANT ? const_value(c, test) : NULL;
    if (k) {
        int t = obj_is_true(k);
        DECREF(k);
        if (t < 0)
            err_clear();
        else if (t == 0) {
            emit(c, OPC_NOP, 0, 0, 0); // `while 0:`'s line runs, as in CPython
            check_dead_stmts(c, &s->v.while_.body, true);
            goto orelse_only;
        } else
            forever = true;
    }
    if (!forever)
        expr_jump_if(c, test, false, else_l);
    else
        emit(c, OPC_NOP, 0, 0, 0); // the `while` line runs once before the body
    da_remove_deleted(c, &s->v.while_.body);
    uint64_t *head = da_save(c);
    bind_label(c, body);
    fblock_t *fb = push_fblock(c, FB_LOOP);
    fb->label_continue = forever ? body : cont;
    fb->label_break = exit;
    stmts(c, &s->v.while_.body);
    fblock_t loop = *fb;
    pop_fblock(c);
    bind_label(c, cont);
    {
        loc_t l = set_loc_expr(c, test);
        if (forever)
            emit_jump(c, OPC_JUMP, 0, 0, 0, body);
        else
            expr_jump_if(c, test, true, body);
        restore_loc(c, l);
    }
    da_restore(c, head);
    bind_label(c, else_l);
    stmts(c, &s->v.while_.orelse);
    da_intersect(c, head);
    loop_end_trampolines(c, &loop, exit);
    bind_label(c, exit);
    free(head);
    return;
orelse_only:
    stmts(c, &s->v.while_.orelse);
}

static void compile_for(compiler_t *c, ast_stmt_t *s) {
    int mark = reg_mark(c);
    int it = alloc_reg(c);
    {
        int m = reg_mark(c);
        int src = expr_any(c, s->v.for_.iter);
        set_loc_stmt(c, s);
        emit(c, OPC_GET_ITER, it, src, 0);
        free_to(c, m);
    }
    int body = new_label(c), check = new_label(c), exit = new_label(c);
    ast_expr_t *target = s->v.for_.target;
    int lr = target->kind == EXPR_NAME ? local_reg(c, target->v.name.id) : -1;
    int item = lr >= 0 ? lr : alloc_reg(c);
    emit_jump(c, OPC_JUMP, 0, 0, 0, check);
    da_remove_deleted(c, &s->v.for_.body);
    da_remove_deleted(c, &s->v.for_.orelse);
    uint64_t *head = da_save(c);
    bind_label(c, body);
    if (lr < 0)
        assign_to(c, target, item);
    else
        da_set(c, lr);
    fblock_t *fb = push_fblock(c, FB_LOOP);
    fb->label_continue = check;
    fb->label_break = exit;
    stmts(c, &s->v.for_.body);
    fblock_t loop = *fb;
    pop_fblock(c);
    bind_label(c, check);
    set_loc_stmt(c, s);
    emit_jump(c, OPC_FOR_ITER, item, it, 0, body);
    da_restore(c, head);
    stmts(c, &s->v.for_.orelse);
    da_intersect(c, head);
    loop_end_trampolines(c, &loop, exit);
    bind_label(c, exit);
    free(head);
    free_to(c, mark);
}

static void compile_try_star(compiler_t *c, ast_stmt_t *s);

// try/except (without finally).
static void compile_try_except(compiler_t *c, ast_stmt_t *s) {
    if (s->v.try_.is_star) {
        compile_try_star(c, s);
        return;
    }
    int mark = reg_mark(c);
    int e = alloc_reg(c);
    int H = new_label(c), end = new_label(c), C = new_label(c);
    uint64_t *before = da_save(c);
    fblock_t *fb = push_fblock(c, FB_TRY_EXCEPT);
    fb->has_range = true;
    fb->handler_label = H;
    fb->exc_reg = e;
    emit(c, OPC_NOP, 0, 0, 0); // the `try` line, for line tracing
    fb_open_range(c, fb);
    stmts(c, &s->v.try_.body);
    pop_fblock(c);
    stmts(c, &s->v.try_.orelse);
    uint64_t *acc = da_save(c);
    loc_t tl = {c->u->line, c->u->end_line, c->u->col, c->u->end_col};
    loc_from_last(c);
    if (!is_terminator(last_op(c))) emit_jump(c, OPC_JUMP, 0, 0, 0, end);
    restore_loc(c, tl);
    // Handlers.
    da_restore(c, before);
    da_remove_deleted(c, &s->v.try_.body);
    uint64_t *hstart = da_save(c);
    bind_label(c, H);
    int sreg = alloc_reg(c);
    int e2 = alloc_reg(c);
    if (s->v.try_.handlers.n)
        set_loc_stmt(c, s), c->u->line = s->v.try_.handlers.items[0]->lineno,
                            c->u->end_line = c->u->line,
                            c->u->col = s->v.try_.handlers.items[0]->col_offset,
                            c->u->end_col = s->v.try_.handlers.items[0]->end_col_offset;
    emit(c, OPC_PUSH_EXC_INFO, sreg, e, 0);
    fblock_t *hb = push_fblock(c, FB_HANDLER);
    hb->has_range = true;
    hb->handler_label = C;
    hb->exc_reg = e2;
    hb->saved_reg = sreg;
    hb->caught_reg = e;
    fb_open_range(c, hb);
    for (int i = 0; i < s->v.try_.handlers.n; i++) {
        ast_excepthandler_t *h = s->v.try_.handlers.items[i];
        da_restore(c, hstart);
        c->u->line = h->lineno;
        c->u->end_line = h->end_lineno;
        c->u->col = h->col_offset;
        c->u->end_col = h->end_col_offset;
        if (!h->type && i < s->v.try_.handlers.n - 1) {
            c_error(c, h->lineno, h->col_offset, h->end_lineno, h->end_col_offset,
                    "default 'except:' must be last");
            break;
        }
        int next = new_label(c);
        int m = reg_mark(c);
        if (h->type) {
            int t = expr_any(c, h->type);
            loc_t l = set_loc_expr(c, h->type);
            emit_jump(c, OPC_JUMP_IF_NOT_EXC_MATCH, e, t, 0, next);
            restore_loc(c, l);
            free_to(c, m);
        }
        if (h->name) {
            name_store(c, h->name, e);
            // Body with the name cleaned up on every exit.
            int CN = new_label(c);
            int e3 = alloc_reg(c);
            fblock_t *nb = push_fblock(c, FB_HANDLER);
            nb->has_range = true;
            nb->handler_label = CN;
            nb->exc_reg = e3;
            nb->saved_reg = -1;
            nb->handler_name = h->name;
            fb_open_range(c, nb);
            stmts(c, &h->body);
            pop_fblock(c);
            bool reachable = !is_terminator(last_op(c));
            int t = alloc_reg(c);
            loc_from_last(c);
            if (reachable) {
                emit(c, OPC_LOAD_NONE, t, 0, 0);
                name_store(c, h->name, t);
                name_delete(c, h->name);
                emit(c, OPC_POP_EXCEPT, sreg, e, 1);
                emit_jump(c, OPC_JUMP, 0, 0, 0, end);
                da_intersect(c, acc);
                memcpy(acc, c->u->assigned ? c->u->assigned : acc,
                       c->u->assigned_words * sizeof(uint64_t));
            }
            // Exceptional exit from the body: clear the name and re-raise
            // (no line: CPython does not trace this clean-up).
            bind_label(c, CN);
            loc_t bl = {c->u->line, c->u->end_line, c->u->col, c->u->end_col};
            loc_none(c);
            emit(c, OPC_LOAD_NONE, t, 0, 0);
            name_store(c, h->name, t);
            name_delete(c, h->name);
            emit(c, OPC_RERAISE, e3, 0, 0);
            restore_loc(c, bl);
            free_to(c, m);
        } else {
            stmts(c, &h->body);
            loc_from_last(c);
            if (!is_terminator(last_op(c))) {
                emit(c, OPC_POP_EXCEPT, sreg, e, 1);
                emit_jump(c, OPC_JUMP, 0, 0, 0, end);
                da_intersect(c, acc);
                memcpy(acc, c->u->assigned ? c->u->assigned : acc,
                       c->u->assigned_words * sizeof(uint64_t));
            }
        }
        bind_label(c, next);
    }
    // No handler matched.  The re-raises have no line (the last `except`
    // line stays the frame's).
    loc_none(c);
    emit(c, OPC_RERAISE, e, 0, 0);
    pop_fblock(c);
    bind_label(c, C);
    emit(c, OPC_POP_EXCEPT, sreg, e, 1);
    emit(c, OPC_RERAISE, e2, 0, 0);
    bind_label(c, end);
    da_restore(c, acc);
    free(acc);
    free(hstart);
    free(before);
    free_to(c, mark);
}

// try/except* (PEP 654) without finally (compile_try wraps it like
// try/except).  The clauses run one after the other on what is left:
//   try body                        range -> H (exception in R[e])
//   orelse; JUMP end
//   H: PUSH_EXC_INFO s, e           clauses protected by a range -> C (R[e2])
//      BUILD_LIST l; MOVE cur, e
//      per clause:
//        CHECK_EG_MATCH m, cur, T -> next     m = matching part, cur = rest
//        name = m; body                       body protected -> CN (R[e3])
//        name = None; del name; JUMP next
//    CN: name = None; del name; LIST_APPEND l, e3; JUMP next
//  next:
//      LIST_APPEND l, cur; RERAISE_STAR e, l  raises what is left, if anything
//      POP_EXCEPT s, e; JUMP end
//   C: POP_EXCEPT s, e; RERAISE e2
static void compile_try_star(compiler_t *c, ast_stmt_t *s) {
    int mark = reg_mark(c);
    int e = alloc_reg(c);
    int H = new_label(c), end = new_label(c), C = new_label(c);
    uint64_t *before = da_save(c);
    fblock_t *fb = push_fblock(c, FB_TRY_EXCEPT);
    fb->has_range = true;
    fb->handler_label = H;
    fb->exc_reg = e;
    emit(c, OPC_NOP, 0, 0, 0); // the `try` line, for line tracing
    fb_open_range(c, fb);
    stmts(c, &s->v.try_.body);
    pop_fblock(c);
    stmts(c, &s->v.try_.orelse);
    uint64_t *acc = da_save(c);
    {
        loc_t tl = {c->u->line, c->u->end_line, c->u->col, c->u->end_col};
        loc_from_last(c);
        if (!is_terminator(last_op(c))) emit_jump(c, OPC_JUMP, 0, 0, 0, end);
        restore_loc(c, tl);
    }
    // Clauses: any of them may run or not, so they all start from (and
    // end with) what held before the try less whatever the statement deletes.
    da_restore(c, before);
    ast_stmt_t *self[1] = {s};
    ast_stmt_seq_t whole = {.items = self, .n = 1};
    da_remove_deleted(c, &whole);
    uint64_t *hstart = da_save(c);
    bind_label(c, H);
    int sreg = alloc_reg(c), e2 = alloc_reg(c), lst = alloc_reg(c), cur = alloc_reg(c);
    int m = alloc_reg(c);
    ast_excepthandler_t *h0 = s->v.try_.handlers.items[0];
    set_loc_stmt(c, s);
    c->u->line = c->u->end_line = h0->lineno;
    c->u->col = h0->col_offset;
    c->u->end_col = h0->end_col_offset;
    emit(c, OPC_PUSH_EXC_INFO, sreg, e, 0);
    fblock_t *hb = push_fblock(c, FB_HANDLER);
    hb->has_range = true;
    hb->handler_label = C;
    hb->exc_reg = e2;
    hb->saved_reg = sreg;
    hb->caught_reg = e;
    fb_open_range(c, hb);
    emit(c, OPC_BUILD_LIST, lst, lst, 0);
    emit(c, OPC_MOVE, cur, e, 0);
    for (int i = 0; i < s->v.try_.handlers.n; i++) {
        ast_excepthandler_t *h = s->v.try_.handlers.items[i];
        da_restore(c, hstart);
        c->u->line = h->lineno;
        c->u->end_line = h->end_lineno;
        c->u->col = h->col_offset;
        c->u->end_col = h->end_col_offset;
        int next = new_label(c), CN = new_label(c);
        int hm = reg_mark(c);
        {
            int t = expr_any(c, h->type);
            loc_t l = set_loc_expr(c, h->type);
            emit_jump(c, OPC_CHECK_EG_MATCH, m, cur, t, next);
            restore_loc(c, l);
            free_to(c, hm);
        }
        if (h->name) name_store(c, h->name, m);
        emit(c, OPC_CLEAR, m, 0, 0);
        int e3 = alloc_reg(c);
        fblock_t *nb = push_fblock(c, FB_HANDLER);
        nb->has_range = true;
        nb->handler_label = CN;
        nb->exc_reg = e3;
        nb->saved_reg = -1;
        nb->handler_name = h->name;
        nb->except_star = true;
        fb_open_range(c, nb);
        stmts(c, &h->body);
        pop_fblock(c);
        int t = alloc_reg(c);
        // The clean-up after the body and what follows the clauses have no
        // line, as in CPython (they appear to run on the last line run).
        bool reachable = !is_terminator(last_op(c));
        loc_none(c);
        if (reachable) {
            if (h->name) {
                emit(c, OPC_LOAD_NONE, t, 0, 0);
                name_store(c, h->name, t);
                name_delete(c, h->name);
            }
            emit_jump(c, OPC_JUMP, 0, 0, 0, next);
        }
        // An exception leaving the body joins the list of raised ones.
        bind_label(c, CN);
        if (h->name) {
            emit(c, OPC_LOAD_NONE, t, 0, 0);
            name_store(c, h->name, t);
            name_delete(c, h->name);
        }
        emit(c, OPC_LIST_APPEND, lst, e3, 0);
        emit(c, OPC_CLEAR, e3, 0, 0);
        free_to(c, hm);
        bind_label(c, next);
    }
    da_restore(c, hstart);
    emit(c, OPC_LIST_APPEND, lst, cur, 0);
    emit(c, OPC_CLEAR, cur, 0, 0);
    emit(c, OPC_RERAISE_STAR, e, lst, 0);
    pop_fblock(c);
    emit(c, OPC_CLEAR, lst, 0, 0);
    emit(c, OPC_POP_EXCEPT, sreg, e, 1);
    emit_jump(c, OPC_JUMP, 0, 0, 0, end);
    bind_label(c, C);
    emit(c, OPC_CLEAR, lst, 0, 0);
    emit(c, OPC_POP_EXCEPT, sreg, e, 1);
    emit(c, OPC_RERAISE, e2, 0, 0);
    bind_label(c, end);
    da_restore(c, acc);
    da_intersect(c, hstart);
    free(acc);
    free(hstart);
    free(before);
    free_to(c, mark);
}

static void compile_try(compiler_t *c, ast_stmt_t *s) {
    if (s->v.try_.finalbody.n == 0) {
        compile_try_except(c, s);
        return;
    }
    int mark = reg_mark(c);
    int e = alloc_reg(c);
    int H = new_label(c), end = new_label(c), C = new_label(c);
    uint64_t *before = da_save(c);
    fblock_t *fb = push_fblock(c, FB_FINALLY_TRY);
    fb->has_range = true;
    fb->handler_label = H;
    fb->exc_reg = e;
    fb->finalbody = &s->v.try_.finalbody;
    fb_open_range(c, fb);
    if (s->v.try_.handlers.n) {
        compile_try_except(c, s);
    } else {
        emit(c, OPC_NOP, 0, 0, 0); // the `try` line, for line tracing
        stmts(c, &s->v.try_.body);
    }
    pop_fblock(c);
    // Normal path.
    stmts(c, &s->v.try_.finalbody);
    uint64_t *after = da_save(c);
    loc_t tl = {c->u->line, c->u->end_line, c->u->col, c->u->end_col};
    loc_from_last(c);
    if (!is_terminator(last_op(c))) emit_jump(c, OPC_JUMP, 0, 0, 0, end);
    restore_loc(c, tl);
    // Exceptional path.
    da_restore(c, before);
    da_remove_deleted(c, &s->v.try_.body);
    for (int i = 0; i < s->v.try_.handlers.n; i++)
        da_remove_deleted(c, &s->v.try_.handlers.items[i]->body);
    da_remove_deleted(c, &s->v.try_.orelse);
    bind_label(c, H);
    int sreg = alloc_reg(c);
    int e2 = alloc_reg(c);
    loc_none(c); // the handler's entry has no line: the finally body's come next
    emit(c, OPC_PUSH_EXC_INFO, sreg, e, 0);
    fblock_t *fe = push_fblock(c, FB_FINALLY_END);
    fe->has_range = true;
    fe->handler_label = C;
    fe->exc_reg = e2;
    fe->saved_reg = sreg;
    fe->caught_reg = e;
    fb_open_range(c, fe);
    stmts(c, &s->v.try_.finalbody);
    pop_fblock(c);
    loc_from_last(c);
    if (!is_terminator(last_op(c))) {
        emit(c, OPC_POP_EXCEPT, sreg, 0, 0);
        emit(c, OPC_RERAISE, e, 0, 0);
    }
    bind_label(c, C);
    emit(c, OPC_POP_EXCEPT, sreg, e, 1);
    emit(c, OPC_RERAISE, e2, 0, 0);
    bind_label(c, end);
    restore_loc(c, tl);
    da_restore(c, after);
    free(after);
    free(before);
    free_to(c, mark);
}

static void compile_with_item(compiler_t *c, ast_stmt_t *s, int idx) {
    ast_withitem_t *item = s->v.with.items.items[idx];
    int mark = reg_mark(c);
    int ex = alloc_regs(c, 2);
    {
        int m = reg_mark(c);
        int mgr = expr_any(c, item->context_expr);
        loc_t l = set_loc_expr(c, item->context_expr);
        emit(c, OPC_BEFORE_WITH, ex, mgr, 0);
        restore_loc(c, l);
        free_to(c, m);
    }
    int e = alloc_reg(c);
    int H = new_label(c), end = new_label(c), C = new_label(c), suppress = new_label(c);
    fblock_t *fb = push_fblock(c, FB_WITH);
    fb->has_range = true;
    fb->handler_label = H;
    fb->exc_reg = e;
    fb->with_reg = ex;
    fb->with_stmt = s;
    fb_open_range(c, fb);
    // Saved before the target is bound: binding it can raise (`as (a, b)`
    // unpacks), and __exit__ may suppress that, leaving the target unbound.
    uint64_t *start = da_save(c);
    if (item->optional_vars) assign_to(c, item->optional_vars, ex + 1);
    if (idx + 1 < s->v.with.items.n)
        compile_with_item(c, s, idx + 1);
    else
        stmts(c, &s->v.with.body);
    pop_fblock(c);
    uint64_t *after = da_save(c);
    bool reachable = !is_terminator(last_op(c));
    loc_t l = set_loc_stmt(c, s);
    if (reachable) {
        int base = alloc_regs(c, 4);
        emit(c, OPC_MOVE, base, ex, 0);
        emit(c, OPC_LOAD_NONE, base + 1, 0, 0);
        emit(c, OPC_LOAD_NONE, base + 2, 0, 0);
        emit(c, OPC_LOAD_NONE, base + 3, 0, 0);
        emit(c, OPC_CALL, base, 3, 0);
        free_to(c, base);
        emit_jump(c, OPC_JUMP, 0, 0, 0, end);
    }
    bind_label(c, H);
    int sreg = alloc_reg(c);
    int e2 = alloc_reg(c);
    emit(c, OPC_PUSH_EXC_INFO, sreg, e, 0);
    fblock_t *hb = push_fblock(c, FB_HANDLER);
    hb->has_range = true;
    hb->handler_label = C;
    hb->exc_reg = e2;
    hb->saved_reg = sreg;
    hb->caught_reg = e;
    fb_open_range(c, hb);
    int r = alloc_reg(c);
    emit(c, OPC_WITH_EXCEPT, r, ex, e);
    emit_jump(c, OPC_JUMP_IF_TRUE, r, 0, 0, suppress);
    emit(c, OPC_RERAISE, e, 0, 0);
    bind_label(c, suppress);
    emit(c, OPC_POP_EXCEPT, sreg, e, 1);
    pop_fblock(c);
    emit_jump(c, OPC_JUMP, 0, 0, 0, end);
    bind_label(c, C);
    emit(c, OPC_POP_EXCEPT, sreg, e, 1);
    emit(c, OPC_RERAISE, e2, 0, 0);
    restore_loc(c, l);
    bind_label(c, end);
    // The body may have been cut short by a suppressed exception.
    da_restore(c, start);
    da_remove_deleted(c, &s->v.with.body);
    if (reachable) da_intersect(c, after);
    free(start);
    free(after);
    free_to(c, mark);
}

// ---- definitions
// ---------------------------------------------------------------------------------

static void compile_funcdef(compiler_t *c, ast_stmt_t *s) {
    if (!check_debug_args(c, s->v.functiondef.args)) return;
    int mark = reg_mark(c);
    int nd = s->v.functiondef.decorator_list.n;
    int base = alloc_regs(c, nd + 1);
    for (int i = 0; i < nd; i++)
        expr_to(c, s->v.functiondef.decorator_list.items[i], base + i);
    // co_firstlineno of a decorated function is its first decorator's line.
    int line = nd ? s->v.functiondef.decorator_list.items[0]->lineno : s->lineno;
    compile_function_object(c, s->v.functiondef.args, &s->v.functiondef.body, NULL, s,
                            s->v.functiondef.name, s->v.functiondef.returns, base + nd, line);
    for (int i = nd - 1; i >= 0; i--) {
        loc_t l = set_loc_expr(c, s->v.functiondef.decorator_list.items[i]);
        emit(c, OPC_CALL, base + i, 1, 0);
        restore_loc(c, l);
    }
    name_store(c, s->v.functiondef.name, base);
    free_to(c, mark);
}

static bool has_annotations(ast_stmt_seq_t *body) {
    for (int i = 0; i < body->n; i++) {
        ast_stmt_t *s = body->items[i];
        switch (s->kind) {
        case STMT_ANNASSIGN: return true;
        case STMT_FOR:
            if (has_annotations(&s->v.for_.body) || has_annotations(&s->v.for_.orelse)) return true;
            break;
        case STMT_WHILE:
            if (has_annotations(&s->v.while_.body) || has_annotations(&s->v.while_.orelse))
                return true;
            break;
        case STMT_IF:
            if (has_annotations(&s->v.if_.body) || has_annotations(&s->v.if_.orelse)) return true;
            break;
        case STMT_WITH:
            if (has_annotations(&s->v.with.body)) return true;
            break;
        case STMT_TRY:
            if (has_annotations(&s->v.try_.body) || has_annotations(&s->v.try_.orelse) ||
                has_annotations(&s->v.try_.finalbody))
                return true;
            for (int k = 0; k < s->v.try_.handlers.n; k++)
                if (has_annotations(&s->v.try_.handlers.items[k]->body)) return true;
            break;
        default: break;
        }
    }
    return false;
}

static bool is_docstring(ast_stmt_t *s) {
    return s->kind == STMT_EXPR && s->v.expr.value->kind == EXPR_CONSTANT &&
           s->v.expr.value->v.constant.kind == CONST_STR;
}

void compile_body_with_docstring(compiler_t *c, ast_stmt_seq_t *body, bool is_class) {
    unit_t *u = c->u;
    int start = 0;
    if (u->scope_type != ST_FUNCTION && has_annotations(body))
        emit(c, OPC_SETUP_ANNOTATIONS, 0, 0, 0);
    // "single" mode: a string statement at the prompt is printed, not a docstring.
    if (body->n > 0 && is_docstring(body->items[0]) &&
        (c->mode != 2 || u->scope_type != ST_MODULE)) {
        ast_stmt_t *d = body->items[0];
        // Not const_value: it reports nothing (folding fails silently), so its
        // NULL past the depth limit or on MemoryError would fail with no exception.
        obj_t *doc = compile_literal(c, d->v.expr.value);
        if (!doc) {
            c_fail_pending(c);
            return;
        }
        if (u->scope_type == ST_FUNCTION) {
            if (list_size(u->consts) == 0) {
                add_const(c, doc);
                u->flags |= CO_HASDOC;
            }
        } else {
            loc_t l = set_loc_stmt(c, d);
            int t = alloc_reg(c);
            emit_load_const(c, t, doc);
            name_store(c, "__doc__", t);
            free_to(c, t);
            restore_loc(c, l);
        }
        DECREF(doc);
        start = 1;
    }
    for (int i = start; i < body->n && !c->failed; i++)
        stmt(c, body->items[i]);
}

static void compile_classdef(compiler_t *c, ast_stmt_t *s) {
    st_entry_t *ste = symtable_lookup(c->st, s);
    if (!ste) {
        c_error_at_stmt(c, s, "internal compiler error: missing class scope");
        return;
    }
    int mark = reg_mark(c);
    int nd = s->v.classdef.decorator_list.n;
    int dbase = alloc_regs(c, nd);
    for (int i = 0; i < nd; i++)
        expr_to(c, s->v.classdef.decorator_list.items[i], dbase + i);
    int base = alloc_regs(c, 3);
    emit(c, OPC_LOAD_BUILD_CLASS, base, 0, 0);
    // The class body.
    obj_t *qualname = make_qualname(c, s->v.classdef.name);
    if (!qualname) {
        c_fail_pending(c);
        return;
    }
    int first =
        s->v.classdef.decorator_list.n ? s->v.classdef.decorator_list.items[0]->lineno : s->lineno;
    if (enter_unit(c, ste, s->v.classdef.name, qualname, first) < 0) {
        obj_t *x = leave_unit(c);
        XDECREF(x);
        return;
    }
    c->u->flags = CO_CLASSBODY;
    set_loc_stmt(c, s);
    {
        int t = alloc_reg(c);
        emit_bx(c, OPC_LOAD_NAME, t, add_name(c, "__name__"));
        emit_bx(c, OPC_STORE_NAME, t, add_name(c, "__module__"));
        emit_load_const(c, t, c->u->qualname);
        emit_bx(c, OPC_STORE_NAME, t, add_name(c, "__qualname__"));
        free_to(c, t);
    }
    compile_body_with_docstring(c, &s->v.classdef.body, true);
    loc_from_last(c); // the body's implicit return is on its last line
    if (c->u->in_class_cell) {
        emit(c, OPC_RETURN, c->u->class_cell_reg, 0, 0);
    } else {
        emit(c, OPC_RETURN_NONE, 0, 0, 0);
    }
    obj_t *code = leave_unit(c);
    if (!code) return;
    set_loc_stmt(c, s);
    int flags = 0;
    if (((code_t *)code)->nfree > 0) {
        // MAKE_FUNCTION takes the closure from R[base+1].
        compile_emit_closure(c, code, base + 1);
        flags = 8;
    }
    int ki = add_const(c, code);
    DECREF(code);
    emit(c, OPC_MAKE_FUNCTION, base + 1, ki, flags);
    emit_load_const(c, base + 2, str_intern(s->v.classdef.name));
    ast_expr_seq_t *bases = &s->v.classdef.bases;
    ast_keyword_seq_t *kws = &s->v.classdef.keywords;
    if (!check_keywords(c, kws)) {
        free_to(c, mark);
        return;
    }
    bool simple = true;
    for (int i = 0; i < bases->n; i++)
        if (bases->items[i]->kind == EXPR_STARRED) simple = false;
    for (int i = 0; i < kws->n; i++)
        if (kws->items[i]->arg == NULL) simple = false;
    if (simple) {
        // Arguments: func, name, *bases, **kw as a plain call.
        compile_call_helper(c, base, 3, bases, kws, 0);
        // compile_call_helper counts only bases+kws: patch B to include func+name.
        c->u->instrs[c->u->ninstrs - 1].b += 2;
    } else {
        // Build (func, name, *bases) and the keyword dict, then CALL_EX.
        ast_expr_seq_t all;
        all.n = bases->n;
        all.items = bases->items;
        int args = alloc_regs(c, 2);
        (void)args;
        int lst = base + 1; // reuse: build list [func, name]
        int tmp = alloc_regs(c, 2);
        emit(c, OPC_MOVE, tmp, base + 1, 0);
        emit(c, OPC_MOVE, tmp + 1, base + 2, 0);
        emit(c, OPC_BUILD_LIST, lst, tmp, 2);
        for (int i = 0; i < all.n; i++) {
            ast_expr_t *x = all.items[i];
            int m = reg_mark(c);
            if (x->kind == EXPR_STARRED)
                emit(c, OPC_LIST_EXTEND, lst, expr_any(c, x->v.starred.value), 0);
            else
                emit(c, OPC_LIST_APPEND, lst, expr_any(c, x), 0);
            free_to(c, m);
        }
        emit(c, OPC_LIST_TO_TUPLE, lst, lst, 0);
        int kw = base + 2;
        emit(c, OPC_BUILD_MAP, kw, 0, 0);
        for (int i = 0; i < kws->n; i++) {
            int m = reg_mark(c);
            ast_keyword_t *k = kws->items[i];
            if (k->arg == NULL) {
                emit(c, OPC_DICT_MERGE, kw, expr_any(c, k->value), base);
            } else {
                int kr = alloc_reg(c);
                emit_load_const(c, kr, str_intern(k->arg));
                int vr = expr_any(c, k->value);
                emit(c, OPC_MAP_ADD, kw, kr, vr);
            }
            free_to(c, m);
        }
        emit(c, OPC_CALL_EX, base, 1, 0);
    }
    // base == dbase + nd: apply decorators innermost first.
    for (int i = nd - 1; i >= 0; i--) {
        loc_t l = set_loc_expr(c, s->v.classdef.decorator_list.items[i]);
        emit(c, OPC_CALL, dbase + i, 1, 0);
        restore_loc(c, l);
    }
    set_loc_stmt(c, s);
    name_store(c, s->v.classdef.name, nd ? dbase : base);
    free_to(c, mark);
}

// ---- dispatch
// ------------------------------------------------------------------------------------

static void stmt_inner(compiler_t *c, ast_stmt_t *s);
void stmt(compiler_t *c, ast_stmt_t *s) {
    if (c->failed || !c_enter(c)) return;
    stmt_inner(c, s);
    c_leave(c);
}

// After a simple statement of a module or class body, every temporary it
// used, [from, peak), is dropped (those a trailing CLEAR already dropped
// are skipped): an operand of IS or a comparison, or a BUILD_MAP item, would
// otherwise keep its object alive until the register is reused, where
// CPython has popped it (`print(r() is w); del w` leaves r() dead).
static void clear_stmt_temps(compiler_t *c, int from, int peak) {
    unit_t *u = c->u;
    if (from < u->nlocals + u->nfree) from = u->nlocals + u->nfree;
    int tail = u->ninstrs;
    while (tail > 0 && u->instrs[tail - 1].op == OPC_CLEAR)
        tail--;
    for (int r = from; r < peak; r++) {
        bool done = false;
        for (int i = tail; i < u->ninstrs && !done; i++)
            done = u->instrs[i].a == (uint32_t)r;
        if (!done) emit(c, OPC_CLEAR, r, 0, 0);
    }
}

static void stmt_inner(compiler_t *c, ast_stmt_t *s) {
    loc_t saved = set_loc_stmt(c, s);
    int mark = reg_mark(c);
    unit_t *u = c->u;
    bool clear = u->scope_type != ST_FUNCTION &&
                 (s->kind == STMT_ASSIGN || s->kind == STMT_AUGASSIGN ||
                  s->kind == STMT_ANNASSIGN || s->kind == STMT_EXPR || s->kind == STMT_DELETE);
    int max0 = u->max_reg;
    if (clear) u->max_reg = mark; // measures this statement's peak
    // In a function, `del` also drops every free temporary the code so far
    // used, [mark, max_reg): a temporary of an earlier statement (the
    // result of wref() in `assertEqual(wref().tag, 'e')`) would otherwise
    // keep the deleted object alive until the register is reused, where
    // CPython has popped it.  Other statements leave them: functions'
    // registers die with the frame.
    bool clear_after_del = u->scope_type == ST_FUNCTION && s->kind == STMT_DELETE;
    switch (s->kind) {
    case STMT_FUNCTIONDEF: compile_funcdef(c, s); break;
    case STMT_CLASSDEF: compile_classdef(c, s); break;
    case STMT_RETURN: compile_return(c, s); break;
    case STMT_DELETE:
        for (int i = 0; i < s->v.delete_.targets.n; i++)
            delete_target(c, s->v.delete_.targets.items[i]);
        break;
    case STMT_ASSIGN: compile_assign(c, s); break;
    case STMT_AUGASSIGN: compile_augassign(c, s); break;
    case STMT_ANNASSIGN: compile_annassign(c, s); break;
    case STMT_FOR:
        if (s->v.for_.is_async)
            compile_async_for(c, s);
        else
            compile_for(c, s);
        break;
    case STMT_WHILE: compile_while(c, s); break;
    case STMT_IF: compile_if(c, s); break;
    case STMT_WITH:
        if (s->v.with.is_async)
            compile_async_with(c, s);
        else
            compile_with_item(c, s, 0);
        break;
    case STMT_RAISE: compile_raise(c, s); break;
    case STMT_TRY: compile_try(c, s); break;
    case STMT_ASSERT: compile_assert(c, s); break;
    case STMT_IMPORT: compile_import(c, s); break;
    case STMT_IMPORTFROM: compile_importfrom(c, s); break;
    case STMT_GLOBAL:
    case STMT_NONLOCAL: break;
    case STMT_PASS: emit(c, OPC_NOP, 0, 0, 0); break; // its line, for line tracing
    case STMT_EXPR: compile_expr_stmt(c, s); break;
    case STMT_BREAK: compile_break_continue(c, s, true); break;
    case STMT_CONTINUE: compile_break_continue(c, s, false); break;
    case STMT_MATCH: compile_match(c, s); break; // core/compile_match.c
    }
    if (clear) {
        int peak = u->max_reg;
        if (max0 > u->max_reg) u->max_reg = max0;
        clear_stmt_temps(c, mark, peak);
    } else if (clear_after_del) {
        clear_stmt_temps(c, mark, u->max_reg);
    }
    free_to(c, mark);
    restore_loc(c, saved);
}

void stmts(compiler_t *c, ast_stmt_seq_t *seq) {
    for (int i = 0; i < seq->n && !c->failed; i++)
        stmt(c, seq->items[i]);
}
