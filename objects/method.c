/*
 * objects/method.c — bound methods (method_t), builtin functions and bound
 * builtin methods (cfunction_t), and the descriptors builtin types keep in
 * their dicts for their methods (methoddescr_t, classmethod descriptors).
 *
 * Invariants:
 *  - A method_t holds strong references to its function and self; calling it
 *    prepends self (a small stack buffer avoids malloc for short calls).
 *  - A cfunction_t's def points into a static method table; its self is the
 *    bound object, the module, or NULL.
 *  - A methoddescr type-checks self before calling the C function, so a C
 *    method may cast self to its struct without checking.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/runtime.h"
#include "dict.h"
#include "exceptions.h"
#include "method.h"
#include "module.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"

// Calls f(self, args...) with self prepended.
static obj_t *call_prepend(obj_t *f, obj_t *self, obj_t *const *args, size_t nargs,
                           obj_t *kwnames) {
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    size_t total = nargs + nkw + 1;
    obj_t *small[8];
    obj_t **argv = total <= 8 ? small : malloc(total * sizeof(obj_t *));
    if (argv == NULL) return err_no_memory();
    argv[0] = self;
    if (nargs + nkw > 0) memcpy(argv + 1, args, (nargs + nkw) * sizeof(obj_t *));
    obj_t *r = obj_call(f, argv, nargs + 1, kwnames);
    if (argv != small) free(argv);
    return r;
}

// ---- bound method ----------------------------------------------------------------------

obj_t *method_new(obj_t *func, obj_t *self) {
    if (self == NULL) {
        err_set_str(exc_SystemError, "method_new: NULL self");
        return NULL;
    }
    method_t *m = (method_t *)obj_alloc(&method_type, sizeof(method_t));
    if (m == NULL) return NULL;
    m->func = NEWREF(func);
    m->self = NEWREF(self);
    return (obj_t *)m;
}

static obj_t *method_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("method", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!obj_is_callable(args[0])) {
        err_set_str(exc_TypeError, "first argument must be callable");
        return NULL;
    }
    if (args[1] == None) {
        err_set_str(exc_TypeError, "instance must not be None");
        return NULL;
    }
    return method_new(args[0], args[1]);
}

static void method_dealloc(obj_t *o) {
    method_t *m = (method_t *)o;
    DECREF(m->func);
    DECREF(m->self);
    obj_free(o);
}

static obj_t *method_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    method_t *m = (method_t *)callable;
    return call_prepend(m->func, m->self, args, nargs, kwnames);
}

static obj_t *method_repr(obj_t *o) {
    method_t *m = (method_t *)o;
    obj_t *name = obj_lookup_attr(m->func, ID(__qualname__));
    if (name == NULL && !err_occurred()) name = obj_lookup_attr(m->func, ID(__name__));
    if (name == NULL && err_occurred()) return NULL;
    obj_t *r;
    if (name != NULL && STR_CHECK(name))
        r = str_from_format("<bound method %U of %R>", name, m->self);
    else
        r = str_from_format("<bound method ? of %R>", m->self);
    XDECREF(name);
    return r;
}

static obj_t *method_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || TYPE(b) != &method_type)
        return NEWREF(NotImplemented);
    method_t *x = (method_t *)a, *y = (method_t *)b;
    int eq = x->self == y->self ? obj_eq(x->func, y->func) : 0;
    if (eq < 0) return NULL;
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static hash_t method_hash(obj_t *o) {
    method_t *m = (method_t *)o;
    hash_t y = obj_hash(m->func);
    if (y == -1) return -1;
    hash_t h = obj_generic_hash(m->self) ^ y;
    return h == -1 ? -2 : h;
}

static obj_t *method_getattro(obj_t *o, obj_t *name) {
    obj_t *descr = type_lookup(&method_type, name);
    if (descr != NULL) {
        descrgetfunc f = TYPE(descr)->descr_get;
        if (f != NULL) return f(descr, o, (obj_t *)&method_type);
        return NEWREF(descr);
    }
    return obj_getattr(((method_t *)o)->func, name);
}

static obj_t *method_get_func(obj_t *o, void *c) {
    return NEWREF(((method_t *)o)->func);
}
static obj_t *method_get_self(obj_t *o, void *c) {
    return NEWREF(((method_t *)o)->self);
}
static obj_t *method_get_doc(obj_t *o, void *c) {
    return obj_getattr(((method_t *)o)->func, ID(__doc__));
}

static const getset_def_t method_getsets[] = {
    {"__func__", method_get_func, NULL, NULL},
    {"__self__", method_get_self, NULL, NULL},
    {"__doc__", method_get_doc, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

// The cycle collector (gc/gc.h): a bound method holds its function and self.
static int method_traverse(obj_t *o, visitproc visit, void *arg) {
    method_t *m = (method_t *)o;
    int r = m->func ? visit(m->func, arg) : 0;
    if (r == 0 && m->self) r = visit(m->self, arg);
    return r;
}

type_t method_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "method",
    .basicsize = sizeof(method_t),
    .base = &object_type,
    .dealloc = method_dealloc,
    .traverse = method_traverse,
    .repr = method_repr,
    .hash = method_hash,
    .richcompare = method_richcompare,
    .getattro = method_getattro,
    .setattro = obj_generic_setattr,
    .call = method_call,
    .tp_new = method_tp_new,
    .getsets = method_getsets,
};

// ---- builtin function / bound builtin method ----------------------------------------------

obj_t *cfunction_new(const method_def_t *def, obj_t *self) {
    cfunction_t *f = (cfunction_t *)obj_alloc(&cfunction_type, sizeof(cfunction_t));
    if (f == NULL) return NULL;
    f->def = def;
    f->self = self;
    XINCREF(self);
    f->module = NULL;
    if (self != NULL && MODULE_CHECK(self)) {
        obj_t *n = obj_lookup_attr(self, ID(__name__));
        if (n != NULL && STR_CHECK(n))
            f->module = n;
        else {
            XDECREF(n);
            err_clear();
        }
    }
    return (obj_t *)f;
}

static void cfunction_dealloc(obj_t *o) {
    cfunction_t *f = (cfunction_t *)o;
    XDECREF(f->self);
    XDECREF(f->module);
    obj_free(o);
}

// The cycle collector (gc/gc.h): a bound builtin method holds its self
// (`l.append` stored into l makes a cycle), a module function its module's
// name.
static int cfunction_traverse(obj_t *o, visitproc visit, void *arg) {
    cfunction_t *f = (cfunction_t *)o;
    int r = f->self ? visit(f->self, arg) : 0;
    if (r == 0 && f->module) r = visit(f->module, arg);
    return r;
}

static obj_t *cfunction_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    cfunction_t *f = (cfunction_t *)callable;
    return f->def->fn(f->self, args, nargs, kwnames);
}

static bool is_function_like(cfunction_t *f) {
    return f->self == NULL || MODULE_CHECK(f->self);
}

static obj_t *cfunction_repr(obj_t *o) {
    cfunction_t *f = (cfunction_t *)o;
    if (is_function_like(f)) return str_from_format("<built-in function %s>", f->def->name);
    return str_from_format("<built-in method %s of %s object at %p>", f->def->name,
                           obj_type_name(f->self), (void *)f->self);
}

static obj_t *cfunction_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || TYPE(b) != &cfunction_type)
        return NEWREF(NotImplemented);
    cfunction_t *x = (cfunction_t *)a, *y = (cfunction_t *)b;
    bool eq = x->def == y->def && x->self == y->self;
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static hash_t cfunction_hash(obj_t *o) {
    cfunction_t *f = (cfunction_t *)o;
    hash_t h = obj_generic_hash((obj_t *)f->def);
    if (f->self != NULL) h ^= obj_generic_hash(f->self);
    return h == -1 ? -2 : h;
}

static obj_t *cfunction_get_name(obj_t *o, void *c) {
    return str_from_cstr(((cfunction_t *)o)->def->name);
}

static obj_t *cfunction_get_qualname(obj_t *o, void *c) {
    cfunction_t *f = (cfunction_t *)o;
    if (is_function_like(f)) return str_from_cstr(f->def->name);
    obj_t *owner = TYPE_CHECK(f->self) ? f->self : (obj_t *)TYPE(f->self);
    return str_from_format("%s.%s", ((type_t *)owner)->name, f->def->name);
}

static obj_t *cfunction_get_self(obj_t *o, void *c) {
    cfunction_t *f = (cfunction_t *)o;
    return NEWREF(f->self ? f->self : None);
}

static obj_t *cfunction_get_module(obj_t *o, void *c) {
    cfunction_t *f = (cfunction_t *)o;
    return NEWREF(f->module ? f->module : None);
}

static obj_t *cfunction_get_doc(obj_t *o, void *c) {
    cfunction_t *f = (cfunction_t *)o;
    return f->def->doc ? str_from_cstr(f->def->doc) : NEWREF(None);
}

// Pickling: a builtin function pickles by name (the pickler finds it as a
// global); a bound builtin method as getattr(self, name).
static obj_t *cfunction_reduce(obj_t *o, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    cfunction_t *f = (cfunction_t *)o;
    if (is_function_like(f)) return str_from_cstr(f->def->name);
    obj_t *getattr = dict_get(pvm_rt.builtins_dict, ID(getattr));
    if (getattr == NULL) {
        if (!err_occurred()) err_set_str(exc_RuntimeError, "lost builtins.getattr");
        return NULL;
    }
    obj_t *name = str_from_cstr(f->def->name);
    obj_t *inner = name ? tuple_pack(2, f->self, name) : NULL;
    obj_t *r = inner ? tuple_pack(2, getattr, inner) : NULL;
    XDECREF(inner);
    XDECREF(name);
    DECREF(getattr);
    return r;
}

static const method_def_t cfunction_methods[] = {
    {"__reduce__", cfunction_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static const getset_def_t cfunction_getsets[] = {
    {"__name__", cfunction_get_name, NULL, NULL},
    {"__qualname__", cfunction_get_qualname, NULL, NULL},
    {"__self__", cfunction_get_self, NULL, NULL},
    {"__module__", cfunction_get_module, NULL, NULL},
    {"__doc__", cfunction_get_doc, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t cfunction_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "builtin_function_or_method",
    .basicsize = sizeof(cfunction_t),
    .base = &object_type,
    .dealloc = cfunction_dealloc,
    .traverse = cfunction_traverse,
    .repr = cfunction_repr,
    .hash = cfunction_hash,
    .richcompare = cfunction_richcompare,
    .call = cfunction_call,
    .methods = cfunction_methods,
    .getsets = cfunction_getsets,
};

// ---- method_descriptor
// -----------------------------------------------------------------------------

obj_t *methoddescr_new(type_t *owner, const method_def_t *def) {
    methoddescr_t *d = (methoddescr_t *)obj_alloc(&methoddescr_type, sizeof(methoddescr_t));
    if (d == NULL) return NULL;
    d->owner = owner;
    d->def = def;
    return (obj_t *)d;
}

static void plain_dealloc(obj_t *o) {
    obj_free(o);
}

static int methoddescr_check(methoddescr_t *d, obj_t *self) {
    if (!type_is_subtype(TYPE(self), d->owner)) {
        err_format(exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                   d->def->name, d->owner->name, obj_type_name(self));
        return -1;
    }
    return 0;
}

static obj_t *methoddescr_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    methoddescr_t *d = (methoddescr_t *)callable;
    if (nargs < 1) {
        err_format(exc_TypeError, "unbound method %s.%s() needs an argument", d->owner->name,
                   d->def->name);
        return NULL;
    }
    if (methoddescr_check(d, args[0]) < 0) return NULL;
    return d->def->fn(args[0], args + 1, nargs - 1, kwnames);
}

static obj_t *methoddescr_get(obj_t *descr, obj_t *obj, obj_t *type) {
    methoddescr_t *d = (methoddescr_t *)descr;
    if (obj == NULL) return NEWREF(descr);
    if (methoddescr_check(d, obj) < 0) return NULL;
    return cfunction_new(d->def, obj);
}

static obj_t *methoddescr_repr(obj_t *o) {
    methoddescr_t *d = (methoddescr_t *)o;
    return str_from_format("<method '%s' of '%s' objects>", d->def->name, d->owner->name);
}

static obj_t *md_get_name(obj_t *o, void *c) {
    return str_from_cstr(((methoddescr_t *)o)->def->name);
}
static obj_t *md_get_qualname(obj_t *o, void *c) {
    methoddescr_t *d = (methoddescr_t *)o;
    return str_from_format("%s.%s", d->owner->name, d->def->name);
}
static obj_t *md_get_objclass(obj_t *o, void *c) {
    return NEWREF((obj_t *)((methoddescr_t *)o)->owner);
}
static obj_t *md_get_doc(obj_t *o, void *c) {
    methoddescr_t *d = (methoddescr_t *)o;
    return d->def->doc ? str_from_cstr(d->def->doc) : NEWREF(None);
}

static const getset_def_t methoddescr_getsets[] = {
    {"__name__", md_get_name, NULL, NULL},
    {"__qualname__", md_get_qualname, NULL, NULL},
    {"__objclass__", md_get_objclass, NULL, NULL},
    {"__doc__", md_get_doc, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t methoddescr_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "method_descriptor",
    .basicsize = sizeof(methoddescr_t),
    .flags = TPFLAG_METHOD_DESCRIPTOR,
    .base = &object_type,
    .dealloc = plain_dealloc,
    .repr = methoddescr_repr,
    .call = methoddescr_call,
    .descr_get = methoddescr_get,
    .getsets = methoddescr_getsets,
};

// ---- classmethod_descriptor
// -------------------------------------------------------------------------

obj_t *classmethoddescr_new(type_t *owner, const method_def_t *def) {
    methoddescr_t *d = (methoddescr_t *)obj_alloc(&classmethoddescr_type, sizeof(methoddescr_t));
    if (d == NULL) return NULL;
    d->owner = owner;
    d->def = def;
    return (obj_t *)d;
}

static obj_t *classmethoddescr_get(obj_t *descr, obj_t *obj, obj_t *type) {
    methoddescr_t *d = (methoddescr_t *)descr;
    if (type == NULL) type = (obj_t *)TYPE(obj);
    if (!TYPE_CHECK(type) || !type_is_subtype((type_t *)type, d->owner)) {
        err_format(exc_TypeError, "descriptor '%s' for type '%s' doesn't apply to type '%s'",
                   d->def->name, d->owner->name,
                   TYPE_CHECK(type) ? ((type_t *)type)->name : obj_type_name(type));
        return NULL;
    }
    return cfunction_new(d->def, type);
}

static obj_t *classmethoddescr_call(obj_t *callable, obj_t *const *args, size_t nargs,
                                    obj_t *kwnames) {
    methoddescr_t *d = (methoddescr_t *)callable;
    if (nargs < 1) {
        err_format(exc_TypeError, "descriptor '%s' of '%s' object needs an argument", d->def->name,
                   d->owner->name);
        return NULL;
    }
    if (!TYPE_CHECK(args[0])) {
        err_format(exc_TypeError, "descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
                   d->def->name, d->owner->name, obj_type_name(args[0]));
        return NULL;
    }
    if (!type_is_subtype((type_t *)args[0], d->owner)) {
        err_format(exc_TypeError, "descriptor '%s' requires a subtype of '%s' but received '%s'",
                   d->def->name, d->owner->name, ((type_t *)args[0])->name);
        return NULL;
    }
    return d->def->fn(args[0], args + 1, nargs - 1, kwnames);
}

static obj_t *classmethoddescr_repr(obj_t *o) {
    methoddescr_t *d = (methoddescr_t *)o;
    return str_from_format("<method '%s' of '%s' objects>", d->def->name, d->owner->name);
}

static const getset_def_t classmethoddescr_getsets[] = {
    {"__name__", md_get_name, NULL, NULL},
    {"__qualname__", md_get_qualname, NULL, NULL},
    {"__objclass__", md_get_objclass, NULL, NULL},
    {"__doc__", md_get_doc, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t classmethoddescr_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "classmethod_descriptor",
    .basicsize = sizeof(methoddescr_t),
    .base = &object_type,
    .dealloc = plain_dealloc,
    .repr = classmethoddescr_repr,
    .call = classmethoddescr_call,
    .descr_get = classmethoddescr_get,
    .getsets = classmethoddescr_getsets,
};
