/*
 * objects/func.c — Python function objects and cells.
 *
 * A function is created by MAKE_FUNCTION (core/eval.c) from a code object
 * and the running frame's globals/builtins; its defaults, kwdefaults,
 * annotations and closure are filled in right after creation, before any
 * other thread can see it.  Later writes through the Python-level setters
 * (`f.__defaults__ = ...`) swap a pointer and drop the old value; readers in
 * the interpreter take the pointer once per call.
 *
 * Calling a function from C (obj_call → function_type.call) runs a nested
 * invocation of the interpreter loop (eval_call_function); calls from Python
 * code do not come here (CALL pushes a frame in the same loop).
 *
 * Cells hold one variable shared between a function and its nested
 * functions.  The reference is read and written with atomics so racing
 * threads see either value, never a torn pointer.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gc/qsbr.h"
#include "../core/frame.h"
#include "../core/runtime.h"
#include "code.h"
#include "dict.h"
#include "exceptions.h"
#include "func.h"
#include "method.h"
#include "module.h"
#include "str.h"
#include "tuple.h"

obj_t *eval_call_function(obj_t *func, obj_t *const *args, size_t nargs, obj_t *kwnames);

obj_t *func_builtins_for(obj_t *globals) {
    if (globals && DICT_CHECK(globals)) {
        obj_t *b = dict_get_str(globals, "__builtins__");
        if (b) {
            obj_t *d = NULL;
            if (MODULE_CHECK(b))
                d = module_dict(b);
            else if (DICT_CHECK(b))
                d = b;
            DECREF(b); // module dicts and builtins are immortal or kept by globals
            if (d) return d;
        } else if (err_occurred()) {
            err_clear();
        }
    }
    return pvm_rt.builtins_dict;
}

PVM_WUR obj_t *func_new(obj_t *code, obj_t *globals, obj_t *builtins) {
    func_t *f = (func_t *)obj_alloc(&function_type, sizeof(func_t));
    if (!f) return NULL;
    code_t *co = (code_t *)code;
    f->code = NEWREF(code);
    f->globals = NEWREF(globals);
    f->builtins = NEWREF(builtins ? builtins : func_builtins_for(globals));
    f->name = NEWREF(co->name);
    f->qualname = NEWREF(co->qualname ? co->qualname : co->name);
    if ((co->flags & CO_HASDOC) && TUPLE_SIZE(co->consts) > 0)
        f->doc = NEWREF(TUPLE_GET(co->consts, 0));
    obj_t *mod = dict_get_str(globals, "__name__");
    if (mod)
        f->module = mod;
    else if (err_occurred())
        err_clear();
    return (obj_t *)f;
}

// function(code, globals, name=None, argdefs=None, closure=None)
// (types.FunctionType): the closure must hold one cell per co_freevars name,
// in co_freevars order.
static obj_t *func_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"code", "globals", "name", "argdefs", "closure", NULL};
    obj_t *a[5] = {NULL, NULL, NULL, NULL, NULL};
    (void)type;
    if (args_parse("function", args, nargs, kwnames, names, 2, a) < 0) return NULL;
    obj_t *code = a[0], *globals = a[1];
    obj_t *name = a[2] ? a[2] : None, *defs = a[3] ? a[3] : None, *closure = a[4] ? a[4] : None;
    if (!CODE_CHECK(code)) {
        err_format(exc_TypeError, "function() argument 'code' must be code, not %s",
                   obj_type_name(code));
        return NULL;
    }
    if (!DICT_CHECK(globals)) {
        err_format(exc_TypeError, "function() argument 'globals' must be dict, not %s",
                   obj_type_name(globals));
        return NULL;
    }
    if (name != None && !STR_CHECK(name)) {
        err_set_str(exc_TypeError, "arg 3 (name) must be None or string");
        return NULL;
    }
    if (defs != None && !TUPLE_CHECK(defs)) {
        err_set_str(exc_TypeError, "arg 4 (defaults) must be None or tuple");
        return NULL;
    }
    code_t *co = (code_t *)code;
    if (!TUPLE_CHECK(closure)) {
        if (closure != None || co->nfree) {
            err_set_str(exc_TypeError, closure == None ? "arg 5 (closure) must be tuple"
                                                       : "arg 5 (closure) must be None or tuple");
            return NULL;
        }
    }
    size_t ncl = closure == None ? 0 : TUPLE_SIZE(closure);
    if ((size_t)co->nfree != ncl) {
        err_format(exc_ValueError, "%U requires closure of length %d, not %zu", co->name, co->nfree,
                   ncl);
        return NULL;
    }
    for (size_t i = 0; i < ncl; i++) {
        if (!CELL_CHECK(TUPLE_GET(closure, i))) {
            err_format(exc_TypeError, "arg 5 (closure) expected cell, found %s",
                       obj_type_name(TUPLE_GET(closure, i)));
            return NULL;
        }
    }
    func_t *f = (func_t *)func_new(code, globals, NULL);
    if (!f) return NULL;
    if (name != None) SETREF(f->name, NEWREF(name));
    if (defs != None) f->defaults = NEWREF(defs);
    if (ncl) f->closure = NEWREF(closure);
    return (obj_t *)f;
}

// Fields are released in CPython's order (the order __del__ methods of the
// values see); nesting depth is bounded by the caller (gc/trashcan.h).
static void func_dealloc(obj_t *o) {
    func_t *f = (func_t *)o;
    XDECREF(f->globals);
    XDECREF(f->builtins);
    XDECREF(f->module);
    XDECREF(f->defaults);
    XDECREF(f->kwdefaults);
    XDECREF(f->doc);
    XDECREF(f->dict);
    XDECREF(f->closure);
    XDECREF(f->annotations);
    XDECREF(f->name);
    XDECREF(f->qualname);
    XDECREF(f->code);
    obj_free(o);
}

static obj_t *func_repr(obj_t *o) {
    func_t *f = (func_t *)o;
    return str_from_format("<function %U at %p>", f->qualname, (void *)o);
}

static obj_t *func_descr_get(obj_t *descr, obj_t *obj, obj_t *type) {
    if (obj == NULL || obj == None) return NEWREF(descr);
    return method_new(descr, obj);
}

static obj_t *func_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return eval_call_function(callable, args, nargs, kwnames);
}

// ---- getsets ------------------------------------------------------------------------

static obj_t *or_none(obj_t *v) {
    return NEWREF(v ? v : None);
}

static obj_t *get_name(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->name));
}
// Replaces a field of a function (__defaults__, __code__, ...), stealing v.
// Other threads may be calling the function and reading the field without
// a lock (func_field): a rebindable field (gc/qsbr.h).
static void func_replace(obj_t *f, obj_t **field, obj_t *v) {
    qsbr_field_store(f, field, v);
}

static int set_name(obj_t *o, obj_t *v, void *c) {
    if (v == NULL || !STR_CHECK(v)) {
        err_set_str(exc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    func_replace(o, &((func_t *)o)->name, NEWREF(v));
    return 0;
}
static obj_t *get_qualname(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->qualname));
}
static int set_qualname(obj_t *o, obj_t *v, void *c) {
    if (v == NULL || !STR_CHECK(v)) {
        err_set_str(exc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    func_replace(o, &((func_t *)o)->qualname, NEWREF(v));
    return 0;
}
static obj_t *get_doc(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->doc));
}
static int set_doc(obj_t *o, obj_t *v, void *c) {
    func_replace(o, &((func_t *)o)->doc, v ? NEWREF(v) : NULL);
    return 0;
}
static obj_t *get_defaults(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->defaults));
}
static int set_defaults(obj_t *o, obj_t *v, void *c) {
    if (v == None) v = NULL;
    if (v && !TUPLE_CHECK(v)) {
        err_set_str(exc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    if (v && TUPLE_SIZE(v) == 0) v = NULL;
    func_replace(o, &((func_t *)o)->defaults, v ? NEWREF(v) : NULL);
    return 0;
}
static obj_t *get_kwdefaults(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->kwdefaults));
}
static int set_kwdefaults(obj_t *o, obj_t *v, void *c) {
    if (v == None) v = NULL;
    if (v && !DICT_CHECK(v)) {
        err_set_str(exc_TypeError, "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    func_replace(o, &((func_t *)o)->kwdefaults, v ? NEWREF(v) : NULL);
    return 0;
}
static obj_t *get_closure(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->closure));
}
static obj_t *get_code(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->code));
}
static int set_code(obj_t *o, obj_t *v, void *c) {
    if (v == NULL || !CODE_CHECK(v)) {
        err_set_str(exc_TypeError, "__code__ must be set to a code object");
        return -1;
    }
    func_t *f = (func_t *)o;
    size_t nclosure = f->closure ? TUPLE_SIZE(f->closure) : 0;
    if ((size_t)((code_t *)v)->nfree != nclosure) {
        err_format(exc_ValueError, "%U() requires a code object with %zd free vars, not %zd",
                   f->name, (ssize_t)nclosure, (ssize_t)((code_t *)v)->nfree);
        return -1;
    }
    // Running frames of f (on any thread, this one included) borrow their
    // code from f: the replaced code object is never freed.
    obj_t *old = func_field(o, &f->code);
    if (old) obj_immortalize(old);
    func_replace((obj_t *)f, &f->code, NEWREF(v));
    return 0;
}
static obj_t *get_globals(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->globals));
}
static obj_t *get_builtins(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->builtins));
}
static obj_t *get_module(obj_t *o, void *c) {
    return or_none(func_field(o, &((func_t *)o)->module));
}
static int set_module(obj_t *o, obj_t *v, void *c) {
    func_replace(o, &((func_t *)o)->module, v ? NEWREF(v) : NULL);
    return 0;
}
static obj_t *get_dict(obj_t *o, void *c) {
    return obj_instance_dict_ensure(o);
}
static int set_dict(obj_t *o, obj_t *v, void *c) {
    if (v == NULL) {
        err_set_str(exc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!DICT_CHECK(v)) {
        err_set_str(exc_TypeError, "__dict__ must be set to a dictionary");
        return -1;
    }
    return obj_instance_dict_replace(o, v);
}
static obj_t *get_annotations(obj_t *o, void *c) {
    func_t *f = (func_t *)o;
    obj_t *a = qsbr_field_load(o, &f->annotations);
    if (a != NULL) return a;
    obj_t *nd = dict_new();
    if (nd == NULL) return NULL;
    return NEWREF(qsbr_field_init(o, &f->annotations, nd));
}
static int set_annotations(obj_t *o, obj_t *v, void *c) {
    if (v == None) v = NULL;
    if (v && !DICT_CHECK(v)) {
        err_set_str(exc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    func_replace(o, &((func_t *)o)->annotations, v ? NEWREF(v) : NULL);
    return 0;
}

static const getset_def_t func_getsets[] = {
    {"__name__", get_name, set_name, NULL},
    {"__qualname__", get_qualname, set_qualname, NULL},
    {"__doc__", get_doc, set_doc, NULL},
    {"__defaults__", get_defaults, set_defaults, NULL},
    {"__kwdefaults__", get_kwdefaults, set_kwdefaults, NULL},
    {"__closure__", get_closure, NULL, NULL},
    {"__code__", get_code, set_code, NULL},
    {"__globals__", get_globals, NULL, NULL},
    {"__builtins__", get_builtins, NULL, NULL},
    {"__module__", get_module, set_module, NULL},
    {"__dict__", get_dict, set_dict, NULL},
    {"__annotations__", get_annotations, set_annotations, NULL},
    {NULL},
};

// ---- the cycle collector (gc/gc.h) ----------------------------------------------

static int func_traverse(obj_t *o, visitproc visit, void *arg) {
    func_t *f = (func_t *)o;
    obj_t *fields[] = {f->code,     f->globals, f->builtins, f->name,
                       f->qualname, f->module,  f->defaults, f->kwdefaults,
                       f->closure,  f->doc,     f->dict,     f->annotations};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (fields[i] != NULL) {
            int r = visit(fields[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

// The collector clears only unreachable functions: no thread can call them.
static int func_gc_clear(obj_t *o) {
    func_t *f = (func_t *)o;
    CLEAR(f->defaults);
    CLEAR(f->kwdefaults);
    CLEAR(f->closure);
    CLEAR(f->dict);
    CLEAR(f->annotations);
    CLEAR(f->module);
    CLEAR(f->doc);
    return 0;
}

type_t function_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "function",
    .basicsize = sizeof(func_t),
    .flags = TPFLAG_METHOD_DESCRIPTOR,
    .base = &object_type,
    .dealloc = func_dealloc,
    .traverse = func_traverse,
    .clear = func_gc_clear,
    .repr = func_repr,
    .call = func_call,
    .descr_get = func_descr_get,
    .getattro = obj_generic_getattr,
    .setattro = obj_generic_setattr,
    .dictoffset = offsetof(func_t, dict),
    .getsets = func_getsets,
    .tp_new = func_tp_new,
};

// ---- cells ------------------------------------------------------------------------------

PVM_WUR obj_t *cell_new(obj_t *value) {
    cell_t *c = (cell_t *)obj_alloc(&cell_type, sizeof(cell_t));
    if (!c) return NULL;
    XINCREF(value);
    atomic_store_explicit(&c->ref, value, memory_order_relaxed);
    return (obj_t *)c;
}

// Cells shared between threads (closures run by several threads) are read
// without a lock: a reader that is not the cell's owner marks it shared
// first, and cell_set releases the old value after a QSBR grace period when
// the cell may be read elsewhere (gc/qsbr.h), so the pointer a reader loaded
// stays valid until it has its reference.
PVM_WUR obj_t *cell_get(obj_t *cell) {
    return qsbr_field_load(cell, (obj_t **)&((cell_t *)cell)->ref);
}

PVM_WUR obj_t *cell_get_for_reg(obj_t *cell) {
    return qsbr_field_load_reg(cell, (obj_t **)&((cell_t *)cell)->ref);
}

obj_t *cell_borrow(obj_t *cell) {
    return qsbr_field_borrow(cell, (obj_t **)&((cell_t *)cell)->ref);
}

void cell_set(obj_t *cell, obj_t *value) {
    XINCREF(value);
    qsbr_field_store(cell, (obj_t **)&((cell_t *)cell)->ref, value);
}

static void cell_dealloc(obj_t *o) {
    XDECREF(atomic_load_explicit(&((cell_t *)o)->ref, memory_order_relaxed));
    obj_free(o);
}

static obj_t *cell_repr(obj_t *o) {
    obj_t *v = atomic_load_explicit(&((cell_t *)o)->ref, memory_order_acquire);
    if (v == NULL) return str_from_format("<cell at %p: empty>", (void *)o);
    return str_from_format("<cell at %p: %s object at %p>", (void *)o, obj_type_name(v), (void *)v);
}

static obj_t *cell_get_contents(obj_t *o, void *c) {
    obj_t *v = cell_get(o);
    if (v == NULL) err_set_str(exc_ValueError, "Cell is empty");
    return v;
}

static int cell_set_contents(obj_t *o, obj_t *v, void *c) {
    cell_set(o, v);
    return 0;
}

static obj_t *cell_richcompare(obj_t *a, obj_t *b, int op) {
    if (!CELL_CHECK(a) || !CELL_CHECK(b)) return NEWREF(NotImplemented);
    obj_t *x = cell_get(a), *y = cell_get(b);
    obj_t *r;
    if (x && y) {
        r = obj_richcompare(x, y, op);
    } else {
        int cmp = (x != NULL) - (y != NULL);
        bool res = false;
        switch (op) {
        case CMP_LT_OP: res = cmp < 0; break;
        case CMP_LE_OP: res = cmp <= 0; break;
        case CMP_EQ_OP: res = cmp == 0; break;
        case CMP_NE_OP: res = cmp != 0; break;
        case CMP_GT_OP: res = cmp > 0; break;
        case CMP_GE_OP: res = cmp >= 0; break;
        }
        r = NEWREF(bool_from(res));
    }
    XDECREF(x);
    XDECREF(y);
    return r;
}

static const getset_def_t cell_getsets[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL},
    {NULL},
};

static int cell_traverse(obj_t *o, visitproc visit, void *arg) {
    obj_t *v = atomic_load_explicit(&((cell_t *)o)->ref, memory_order_relaxed);
    return v != NULL ? visit(v, arg) : 0;
}

static int cell_gc_clear(obj_t *o) {
    obj_t *v = atomic_exchange_explicit(&((cell_t *)o)->ref, NULL, memory_order_acq_rel);
    XDECREF(v);
    return 0;
}

// cell([contents]) (types.CellType).
static obj_t *cell_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)type;
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_set_str(exc_TypeError, "cell() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1) {
        err_format(exc_TypeError, "cell expected at most 1 argument, got %zu", nargs);
        return NULL;
    }
    return cell_new(nargs ? args[0] : NULL);
}

type_t cell_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "cell",
    .basicsize = sizeof(cell_t),
    .base = &object_type,
    .dealloc = cell_dealloc,
    .traverse = cell_traverse,
    .clear = cell_gc_clear,
    .repr = cell_repr,
    .richcompare = cell_richcompare,
    .hash = hash_not_implemented,
    .getsets = cell_getsets,
    .tp_new = cell_tp_new,
};
