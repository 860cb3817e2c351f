/*
 * core/compile_async.c — the compiler's async parts: `await`, `async for`
 * and `async with` (comprehensions with `async for` are in compile_expr.c,
 * next to the synchronous ones).
 *
 * `await x` is GET_AWAITABLE (the iterator to delegate to: the coroutine
 * itself, a generator-based coroutine, or what x.__await__() returns)
 * followed by the same YIELD_FROM loop as `yield from`: the coroutine's
 * frame suspends inside YIELD_FROM until the awaited iterator returns.
 *
 * `async for` protects only GET_ANEXT and its await with a range whose
 * handler is END_ASYNC_FOR: StopAsyncIteration ends the loop, anything else
 * propagates.  The awaited item lands in a temporary first, so the loop
 * variable keeps its last value when the iterator ends (as in CPython).
 *
 * `async with` is `with` with three awaits: the result of __aenter__()
 * (before the protected range), and the result of __aexit__() on the
 * normal, the exceptional and the unwinding (return/break/continue, in
 * compile_stmt.c) paths.
 *
 * CPython 3.11's compile-time SyntaxErrors live here too: "'await' outside
 * function", "'await' outside async function", "'async for' outside async
 * function", "'async with' outside async function".
 */
#include <stdlib.h>

#include "compile_int.h"

void emit_await(compiler_t *c, int dst, int src, int kind) {
    int mark = reg_mark(c);
    int t = alloc_reg(c);
    emit(c, OPC_GET_AWAITABLE, t, src, kind);
    emit(c, OPC_LOAD_NONE, dst, 0, 0);
    emit(c, OPC_YIELD_FROM, dst, t, 0);
    free_to(c, mark);
}

void compile_await(compiler_t *c, ast_expr_t *e, int dst) {
    unit_t *u = c->u;
    if (u->scope_type != ST_FUNCTION) {
        c_error_at_expr(c, e, "'await' outside function");
        return;
    }
    if (!u->ste->is_async_def && !u->ste->is_comprehension) {
        c_error_at_expr(c, e, "'await' outside async function");
        return;
    }
    int v = expr_any(c, e->v.await.value);
    set_loc_expr(c, e);
    emit_await(c, dst, v, 0);
}

static bool in_async_def(compiler_t *c) {
    return c->u->scope_type == ST_FUNCTION && c->u->ste->is_async_def;
}

static bool is_terminator(int op) {
    return op == OPC_RETURN || op == OPC_RETURN_NONE || op == OPC_JUMP || op == OPC_RAISE ||
           op == OPC_RERAISE;
}

void compile_async_for(compiler_t *c, ast_stmt_t *s) {
    if (!in_async_def(c)) {
        c_error_at_stmt(c, s, "'async for' outside async function");
        return;
    }
    int mark = reg_mark(c);
    int it = alloc_reg(c);
    {
        int m = reg_mark(c);
        int src = expr_any(c, s->v.for_.iter);
        set_loc_stmt(c, s);
        emit(c, OPC_GET_AITER, it, src, 0);
        free_to(c, m);
    }
    int e = alloc_reg(c), v = alloc_reg(c);
    int top = new_label(c), exit = new_label(c), H = new_label(c);
    ast_expr_t *target = s->v.for_.target;
    int lr = target->kind == EXPR_NAME ? local_reg(c, target->v.name.id) : -1;
    da_remove_deleted(c, &s->v.for_.body);
    da_remove_deleted(c, &s->v.for_.orelse);
    uint64_t *head = da_save(c);
    bind_label(c, top);
    set_loc_stmt(c, s);
    fblock_t *fb = push_fblock(c, FB_TRY_EXCEPT);
    fb->has_range = true;
    fb->handler_label = H;
    fb->exc_reg = e;
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
    if (lr >= 0) {
        emit(c, OPC_TAKE, lr, v, 0);
        da_set(c, lr);
    } else {
        assign_to(c, target, v);
    }
    fblock_t *lb = push_fblock(c, FB_LOOP);
    lb->label_continue = top;
    lb->label_break = exit;
    stmts(c, &s->v.for_.body);
    fblock_t loop = *lb;
    pop_fblock(c);
    // The jump back has no line (as in CPython): the header's line event
    // comes from GET_ANEXT at the top, once per turn.
    c->u->line = c->u->end_line = c->u->col = c->u->end_col = -1;
    if (!is_terminator(last_op(c))) emit_jump(c, OPC_JUMP, 0, 0, 0, top);
    bind_label(c, H);
    set_loc_stmt(c, s);
    emit(c, OPC_END_ASYNC_FOR, e, 0, 0);
    da_restore(c, head);
    stmts(c, &s->v.for_.orelse);
    da_intersect(c, head);
    loop_end_trampolines(c, &loop, exit);
    bind_label(c, exit);
    free(head);
    free_to(c, mark);
}

static void async_with_item(compiler_t *c, ast_stmt_t *s, int idx) {
    ast_withitem_t *item = s->v.with.items.items[idx];
    int mark = reg_mark(c);
    int ex = alloc_regs(c, 2);
    {
        int m = reg_mark(c);
        int mgr = expr_any(c, item->context_expr);
        loc_t l = set_loc_expr(c, item->context_expr);
        emit(c, OPC_BEFORE_ASYNC_WITH, ex, mgr, 0);
        emit_await(c, ex + 1, ex + 1, 1);
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
    fb->with_async = true;
    fb_open_range(c, fb);
    // Saved before the target is bound: binding it can raise (`as (a, b)`
    // unpacks), and __exit__ may suppress that, leaving the target unbound.
    uint64_t *start = da_save(c);
    if (item->optional_vars) assign_to(c, item->optional_vars, ex + 1);
    if (idx + 1 < s->v.with.items.n)
        async_with_item(c, s, idx + 1);
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
        emit_await(c, base, base, 2);
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
    emit_await(c, r, r, 2);
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

void compile_async_with(compiler_t *c, ast_stmt_t *s) {
    if (!in_async_def(c)) {
        c_error_at_stmt(c, s, "'async with' outside async function");
        return;
    }
    async_with_item(c, s, 0);
}
