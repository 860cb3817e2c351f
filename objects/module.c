/*
 * objects/module.c — module objects: a dict (the module's globals) behind
 * the generic attribute protocol, PEP 562 module __getattr__/__dir__, and
 * CPython's reprs.
 *
 * The dict is created with the module and never replaced, so attribute
 * reads go straight to a lock-free dict lookup.  ob_flags bit
 * MODULE_FROM_PYTHON marks modules made by `types.ModuleType(name)` (repr
 * `<module 'x'>`) as opposed to C-created builtin modules (`(built-in)`).
 */
#include <string.h>

#include "../gc/gc.h"
#include "../core/error.h"
#include "../core/import.h"
#include "dict.h"
#include "exceptions.h"
#include "method.h"
#include "module.h"
#include "str.h"
#include "type_internal.h"

#define MODULE_FROM_PYTHON 0x1

static int module_init_dict(module_t *m, obj_t *name, obj_t *doc) {
    obj_t *d = m->dict;
    // Interned (immortal): every function defined in the module takes a
    // reference to its __name__ (__module__).
    if (STR_EXACT(name)) name = str_intern_obj(name);
    if (dict_set(d, ID(__name__), name) < 0 || dict_set(d, ID(__doc__), doc ? doc : None) < 0 ||
        dict_set(d, ID(__package__), None) < 0 || dict_set(d, ID(__loader__), None) < 0 ||
        dict_set(d, ID(__spec__), None) < 0)
        return -1;
    return 0;
}

static module_t *module_alloc(type_t *type) {
    module_t *m = (module_t *)obj_alloc(type, type->basicsize);
    if (m == NULL) return NULL;
    m->dict = dict_new();
    if (m->dict == NULL) {
        DECREF((obj_t *)m);
        return NULL;
    }
    return m;
}

obj_t *module_new(const char *name) {
    module_t *m = module_alloc(&module_type);
    if (m == NULL) return NULL;
    obj_t *n = str_from_cstr(name);
    if (n == NULL || module_init_dict(m, n, NULL) < 0) {
        XDECREF(n);
        DECREF((obj_t *)m);
        return NULL;
    }
    DECREF(n);
    // Modules made by the VM (builtin modules, imports, __main__) live in
    // sys.modules for the whole run and are loaded by every thread: immortal,
    // so LOAD_GLOBAL of a module writes no shared count.
    obj_immortalize((obj_t *)m);
    obj_immortalize(m->dict);
    return (obj_t *)m;
}

int module_add_functions(obj_t *m, const method_def_t *defs) {
    for (const method_def_t *d = defs; d && d->name; d++) {
        obj_t *f = cfunction_new(d, m);
        if (f == NULL) return -1;
        obj_immortalize(f);
        int r = dict_set(module_dict(m), str_intern(d->name), f);
        DECREF(f);
        if (r < 0) return -1;
    }
    return 0;
}

static obj_t *module_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return (obj_t *)module_alloc(type);
}

static int module_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", "doc", NULL};
    obj_t *a[2];
    if (args_parse("module", args, nargs, kwnames, names, 1, a) < 0) return -1;
    if (!STR_CHECK(a[0])) {
        err_format(exc_TypeError, "module.__init__() argument 'name' must be str, not %s",
                   obj_type_name(a[0]));
        return -1;
    }
    // Atomic: a repr on another thread may read the flags while __init__
    // runs again on a live module.
    __atomic_fetch_or(&self->ob_flags, MODULE_FROM_PYTHON, __ATOMIC_RELAXED);
    return module_init_dict((module_t *)self, a[0], a[1]);
}

static void module_dealloc(obj_t *self) {
    module_t *m = (module_t *)self;
    CLEAR(m->dict);
    obj_free(self);
}

static obj_t *module_getattro(obj_t *self, obj_t *name) {
    obj_t *r = generic_getattr_impl(self, name, true);
    if (r != NULL || err_occurred()) return r;
    module_t *m = (module_t *)self;
    obj_t *ga = dict_get(m->dict, ID(__getattr__));
    if (ga != NULL) {
        r = obj_call1(ga, name);
        DECREF(ga);
        return r;
    }
    if (err_occurred()) return NULL;
    obj_t *mn = dict_get(m->dict, ID(__name__));
    if (mn != NULL && STR_CHECK(mn) && import_is_initializing(self))
        err_format(exc_AttributeError,
                   "partially initialized module '%U' has no attribute '%U' (most likely due to "
                   "a circular import)",
                   mn, name);
    else if (mn != NULL && STR_CHECK(mn))
        err_format(exc_AttributeError, "module '%U' has no attribute '%U'", mn, name);
    else
        err_format(exc_AttributeError, "module has no attribute '%U'", name);
    XDECREF(mn);
    obj_t *exc = err_peek();
    if (exc != NULL) exc_set_attr_details(exc, name, self);
    return NULL;
}

static obj_t *module_repr(obj_t *self) {
    module_t *m = (module_t *)self;
    obj_t *name = dict_get(m->dict, ID(__name__));
    if (name == NULL && err_occurred()) return NULL;
    obj_t *file = dict_get(m->dict, ID(__file__));
    if (file == NULL && err_occurred()) {
        XDECREF(name);
        return NULL;
    }
    obj_t *nr = name ? obj_repr(name) : str_from_cstr("'?'");
    obj_t *r = NULL;
    if (nr != NULL) {
        if (file != NULL && file != None) {
            obj_t *fr = obj_repr(file);
            if (fr != NULL) r = str_from_format("<module %U from %U>", nr, fr);
            XDECREF(fr);
        } else if (__atomic_load_n(&self->ob_flags, __ATOMIC_RELAXED) & MODULE_FROM_PYTHON) {
            r = str_from_format("<module %U>", nr);
        } else {
            r = str_from_format("<module %U (built-in)>", nr);
        }
    }
    XDECREF(nr);
    XDECREF(name);
    XDECREF(file);
    return r;
}

static obj_t *module_get_dict(obj_t *self, void *c) {
    return NEWREF(((module_t *)self)->dict);
}

static obj_t *module_dir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__dir__", nargs, kwnames, 0, 0) < 0) return NULL;
    module_t *m = (module_t *)self;
    obj_t *f = dict_get(m->dict, ID(__dir__));
    if (f != NULL) {
        obj_t *r = obj_call0(f);
        DECREF(f);
        return r;
    }
    if (err_occurred()) return NULL;
    return dict_keys_list(m->dict);
}

static const method_def_t module_methods[] = {
    {"__dir__", module_dir, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

// module.__annotations__ (CPython 3.10+): the '__annotations__' entry of the
// module's dict; a module without one gets a new empty dict stored there.
static obj_t *module_get_annotations(obj_t *self, void *c) {
    obj_t *dict = ((module_t *)self)->dict;
    obj_t *v = dict_get(dict, ID(__annotations__));
    if (v != NULL || err_occurred()) return v;
    obj_t *d = dict_new();
    if (d == NULL) return NULL;
    if (dict_set(dict, ID(__annotations__), d) < 0) {
        DECREF(d);
        return NULL;
    }
    return d;
}

static int module_set_annotations(obj_t *self, obj_t *value, void *c) {
    obj_t *dict = ((module_t *)self)->dict;
    if (value != NULL) return dict_set(dict, ID(__annotations__), value) < 0 ? -1 : 0;
    int r = dict_contains(dict, ID(__annotations__));
    if (r == 0) err_set_str(exc_AttributeError, "__annotations__");
    if (r > 0) r = dict_del(dict, ID(__annotations__)) < 0 ? -1 : 1;
    return r > 0 ? 0 : -1;
}

static const getset_def_t module_getsets[] = {
    {"__dict__", module_get_dict, NULL, NULL},
    {"__annotations__", module_get_annotations, module_set_annotations, NULL},
    {NULL, NULL, NULL, NULL},
};

// The cycle collector (gc/gc.h): the module's dict (which has its own
// clear, so a cycle through a module breaks there).
static int module_traverse(obj_t *self, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((module_t *)self)->dict);
}

type_t module_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "module",
    .basicsize = sizeof(module_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dictoffset = offsetof(module_t, dict),
    .dealloc = module_dealloc,
    .traverse = module_traverse,
    .repr = module_repr,
    .getattro = module_getattro,
    .setattro = obj_generic_setattr,
    .tp_new = module_tp_new,
    .tp_init = module_tp_init,
    .methods = module_methods,
    .getsets = module_getsets,
    .doc = "Create a module object.\n\nThe name must be a string; the optional doc argument can "
           "have any type.",
};
