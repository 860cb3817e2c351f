/*
 * objects/coro.c — coroutine objects (`async def`) and the
 * coroutine_wrapper that coroutine.__await__() returns.
 *
 * A coroutine is a gen_t (objects/gen.h) of type `coroutine`: the same
 * heap frame, the same state word and therefore the same guarantee that a
 * second thread resuming it while it runs gets ValueError("coroutine
 * already executing"), never a shared frame.  Its frame suspends only
 * inside YIELD_FROM (every `await` is GET_AWAITABLE + YIELD_FROM), so
 * cr_await is the YIELD_FROM target.  What differs from a generator:
 * it is not iterable (await it, or use send/throw, or __await__()), a
 * finished coroutine raises RuntimeError("cannot reuse already awaited
 * coroutine") on send/throw, and the messages name "coroutine".
 *
 * cr_frame and cr_origin are absent: pvm's frames are not objects.
 *
 * The coroutine_wrapper holds its coroutine (immutable after creation) and
 * forwards send/throw/close/__next__ to it.
 */
#include "../core/error.h"
#include "gen.h"

static obj_t *coro_send(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("send", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *r = NULL;
    int st = gen_send_ex(self, args[0], NULL, &r);
    return gen_status_result(st, r);
}

static obj_t *coro_throw(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("throw", nargs, kwnames, 1, 3) < 0) return NULL;
    obj_t *exc = gen_throw_args(args, nargs);
    if (!exc) return NULL;
    obj_t *r = NULL;
    int st = gen_throw_ex(self, exc, &r);
    DECREF(exc);
    return gen_status_result(st, r);
}

static obj_t *coro_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    return gen_close(self);
}

// ---- coroutine_wrapper ------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *coro; // owned, never rebound
} coro_wrapper_t;

static type_t coro_wrapper_type;

static obj_t *coro_await(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__await__", nargs, kwnames, 0, 0) < 0) return NULL;
    coro_wrapper_t *w = (coro_wrapper_t *)obj_alloc(&coro_wrapper_type, sizeof(coro_wrapper_t));
    if (!w) return NULL;
    w->coro = NEWREF(self);
    return (obj_t *)w;
}

static obj_t *cw_send(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return coro_send(((coro_wrapper_t *)self)->coro, args, nargs, kwnames);
}
static obj_t *cw_throw(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return coro_throw(((coro_wrapper_t *)self)->coro, args, nargs, kwnames);
}
static obj_t *cw_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return coro_close(((coro_wrapper_t *)self)->coro, args, nargs, kwnames);
}
static obj_t *cw_iter(obj_t *self) {
    return NEWREF(self);
}
static obj_t *cw_iternext(obj_t *self) {
    obj_t *r = NULL;
    int st = gen_send_ex(((coro_wrapper_t *)self)->coro, NULL, NULL, &r);
    return gen_status_result(st, r);
}
static void cw_dealloc(obj_t *o) {
    DECREF(((coro_wrapper_t *)o)->coro);
    obj_free(o);
}

static const method_def_t cw_methods[] = {
    {"send", cw_send, METH_DEFAULT, NULL},
    {"throw", cw_throw, METH_DEFAULT, NULL},
    {"close", cw_close, METH_DEFAULT, NULL},
    {NULL},
};

static type_t coro_wrapper_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "coroutine_wrapper",
    .basicsize = sizeof(coro_wrapper_t),
    .base = &object_type,
    .dealloc = cw_dealloc,
    .iter = cw_iter,
    .iternext = cw_iternext,
    .methods = cw_methods,
};

// ---- the coroutine type ----------------------------------------------------------------------

static obj_t *coro_get_await(obj_t *o, void *c) {
    return gen_yieldfrom(o);
}

static const method_def_t coro_methods[] = {
    {"send", coro_send, METH_DEFAULT, NULL},
    {"throw", coro_throw, METH_DEFAULT, NULL},
    {"close", coro_close, METH_DEFAULT, NULL},
    {"__await__", coro_await, METH_DEFAULT, NULL},
    {NULL},
};

static const getset_def_t coro_getsets[] = {
    {"cr_running", gen_get_running, NULL, NULL},
    {"cr_code", gen_get_code, NULL, NULL},
    {"cr_await", coro_get_await, NULL, NULL},
    {"cr_suspended", gen_get_suspended, NULL, NULL},
    {"__name__", gen_get_name, gen_set_name, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL},
    {NULL},
};

type_t coro_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "coroutine",
    .basicsize = sizeof(gen_t),
    .base = &object_type,
    .dealloc = gen_dealloc,
    .repr = gen_repr,
    .methods = coro_methods,
    .getsets = coro_getsets,
};

int coro_types_ready(void) {
    return type_ready(&coro_type) < 0 || type_ready(&coro_wrapper_type) < 0 ? -1 : 0;
}
