/*
 * objects/descr.c — descriptor types: member_descriptor and
 * getset_descriptor (the attributes of builtin types and __slots__),
 * property, staticmethod and classmethod.
 *
 * Invariants:
 *  - member/getset descriptors check that the instance is an instance of
 *    their owner type before touching its memory (CPython's descr_check).
 *  - property, staticmethod and classmethod are subclassable: their
 *    instances carry a dict slot so `sm.__name__` style attributes and
 *    subclass attributes work.
 */
#include <string.h>

#include "../core/error.h"
#include "../gc/qsbr.h"
#include "dict.h"
#include "exceptions.h"
#include "float.h"
#include "int.h"
#include "method.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"

static int descr_check(type_t *owner, const char *name, obj_t *obj) {
    if (!type_is_subtype(TYPE(obj), owner)) {
        err_format(exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                   name, owner->name, obj_type_name(obj));
        return -1;
    }
    return 0;
}

// member and getset descriptors: `owner` is a counted reference (a class
// made at run time dies with its last descriptor; `def` points into it).
typedef struct {
    obj_t ob;
    type_t *owner;
} owned_descr_t;

_Static_assert(offsetof(memberdescr_t, owner) == offsetof(owned_descr_t, owner), "layout");
_Static_assert(offsetof(getsetdescr_t, owner) == offsetof(owned_descr_t, owner), "layout");

static void owned_descr_dealloc(obj_t *self) {
    type_t *owner = ((owned_descr_t *)self)->owner;
    obj_free(self);
    XDECREF((obj_t *)owner);
}

static int owned_descr_traverse(obj_t *self, visitproc visit, void *arg) {
    type_t *owner = ((owned_descr_t *)self)->owner;
    if (owner != NULL && type_has_flag(owner, TPFLAG_HEAPTYPE)) return visit((obj_t *)owner, arg);
    return 0;
}

// ---- member_descriptor ----------------------------------------------------------------

obj_t *memberdescr_new(type_t *owner, const member_def_t *def) {
    memberdescr_t *d = (memberdescr_t *)obj_alloc(&memberdescr_type, sizeof(memberdescr_t));
    if (d == NULL) return NULL;
    INCREF((obj_t *)owner);
    d->owner = owner;
    d->def = def;
    return (obj_t *)d;
}

static obj_t *member_get(obj_t *self, obj_t *obj, obj_t *type) {
    memberdescr_t *d = (memberdescr_t *)self;
    if (obj == NULL) return NEWREF(self);
    if (descr_check(d->owner, d->def->name, obj) < 0) return NULL;
    char *addr = (char *)obj + d->def->offset;
    // Object members (__slots__) are rebindable fields read without a lock
    // (gc/qsbr.h).
    switch (d->def->kind) {
    case MEMBER_OBJECT: {
        obj_t *v = qsbr_field_load(obj, (obj_t **)addr);
        return v ? v : NEWREF(None);
    }
    case MEMBER_OBJECT_EX: {
        obj_t *v = qsbr_field_load(obj, (obj_t **)addr);
        if (v == NULL) {
            err_format(exc_AttributeError, "'%s' object has no attribute '%s'", obj_type_name(obj),
                       d->def->name);
            return NULL;
        }
        return v;
    }
    case MEMBER_INT64: return int_from_i64(*(int64_t *)addr);
    case MEMBER_BOOL: return NEWREF(bool_from(*(bool *)addr));
    case MEMBER_DOUBLE: return float_from_double(*(double *)addr);
    default: err_set_str(exc_SystemError, "bad member descriptor kind"); return NULL;
    }
}

static int member_set(obj_t *self, obj_t *obj, obj_t *value) {
    memberdescr_t *d = (memberdescr_t *)self;
    if (descr_check(d->owner, d->def->name, obj) < 0) return -1;
    if (d->def->readonly) {
        err_set_str(exc_AttributeError, "readonly attribute");
        return -1;
    }
    char *addr = (char *)obj + d->def->offset;
    switch (d->def->kind) {
    case MEMBER_OBJECT:
    case MEMBER_OBJECT_EX: {
        if (value == NULL && d->def->kind == MEMBER_OBJECT_EX &&
            qsbr_field_borrow(obj, (obj_t **)addr) == NULL) {
            err_set_str(exc_AttributeError, d->def->name);
            return -1;
        }
        XINCREF(value);
        qsbr_field_store(obj, (obj_t **)addr, value);
        return 0;
    }
    case MEMBER_INT64: {
        if (value == NULL) {
            err_set_str(exc_TypeError, "can't delete numeric/char attribute");
            return -1;
        }
        if (!INT_CHECK(value)) {
            err_set_str(exc_TypeError, "attribute value type must be int");
            return -1;
        }
        int64_t v;
        if (int_as_i64(value, &v) < 0) return -1;
        *(int64_t *)addr = v;
        return 0;
    }
    case MEMBER_BOOL:
        if (value == NULL) {
            err_set_str(exc_TypeError, "can't delete numeric/char attribute");
            return -1;
        }
        if (value != True && value != False) {
            err_set_str(exc_TypeError, "attribute value type must be bool");
            return -1;
        }
        *(bool *)addr = value == True;
        return 0;
    default: err_set_str(exc_SystemError, "bad member descriptor kind"); return -1;
    }
}

static obj_t *member_repr(obj_t *self) {
    memberdescr_t *d = (memberdescr_t *)self;
    return str_from_format("<member '%s' of '%s' objects>", d->def->name, d->owner->name);
}

static obj_t *descr_get_name_member(obj_t *self, void *c) {
    return str_from_cstr(((memberdescr_t *)self)->def->name);
}
static obj_t *descr_get_objclass_member(obj_t *self, void *c) {
    return NEWREF((obj_t *)((memberdescr_t *)self)->owner);
}
static obj_t *descr_get_qualname_member(obj_t *self, void *c) {
    memberdescr_t *d = (memberdescr_t *)self;
    return str_from_format("%s.%s", d->owner->name, d->def->name);
}

static const getset_def_t member_getsets[] = {
    {"__name__", descr_get_name_member, NULL, NULL},
    {"__qualname__", descr_get_qualname_member, NULL, NULL},
    {"__objclass__", descr_get_objclass_member, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t memberdescr_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "member_descriptor",
    .basicsize = sizeof(memberdescr_t),
    .base = &object_type,
    .dealloc = owned_descr_dealloc,
    .traverse = owned_descr_traverse,
    .repr = member_repr,
    .descr_get = member_get,
    .descr_set = member_set,
    .getsets = member_getsets,
};

// ---- getset_descriptor --------------------------------------------------------------------

obj_t *getsetdescr_new(type_t *owner, const getset_def_t *def) {
    getsetdescr_t *d = (getsetdescr_t *)obj_alloc(&getsetdescr_type, sizeof(getsetdescr_t));
    if (d == NULL) return NULL;
    INCREF((obj_t *)owner);
    d->owner = owner;
    d->def = def;
    return (obj_t *)d;
}

static obj_t *getset_get(obj_t *self, obj_t *obj, obj_t *type) {
    getsetdescr_t *d = (getsetdescr_t *)self;
    if (obj == NULL) return NEWREF(self);
    if (descr_check(d->owner, d->def->name, obj) < 0) return NULL;
    if (d->def->get == NULL) {
        err_format(exc_AttributeError, "attribute '%s' of '%s' objects is not readable",
                   d->def->name, d->owner->name);
        return NULL;
    }
    return d->def->get(obj, d->def->closure);
}

static int getset_set(obj_t *self, obj_t *obj, obj_t *value) {
    getsetdescr_t *d = (getsetdescr_t *)self;
    if (descr_check(d->owner, d->def->name, obj) < 0) return -1;
    if (d->def->set == NULL) {
        err_format(exc_AttributeError, "attribute '%s' of '%s' objects is not writable",
                   d->def->name, d->owner->name);
        return -1;
    }
    return d->def->set(obj, value, d->def->closure);
}

static obj_t *getset_repr(obj_t *self) {
    getsetdescr_t *d = (getsetdescr_t *)self;
    return str_from_format("<attribute '%s' of '%s' objects>", d->def->name, d->owner->name);
}

static obj_t *descr_get_name_getset(obj_t *self, void *c) {
    return str_from_cstr(((getsetdescr_t *)self)->def->name);
}
static obj_t *descr_get_objclass_getset(obj_t *self, void *c) {
    return NEWREF((obj_t *)((getsetdescr_t *)self)->owner);
}
static obj_t *descr_get_qualname_getset(obj_t *self, void *c) {
    getsetdescr_t *d = (getsetdescr_t *)self;
    return str_from_format("%s.%s", d->owner->name, d->def->name);
}

static obj_t *descr_get_doc_getset(obj_t *self, void *c) {
    const char *doc = ((getsetdescr_t *)self)->def->doc;
    return doc ? str_from_cstr(doc) : NEWREF(None);
}

static const getset_def_t getset_getsets[] = {
    {"__doc__", descr_get_doc_getset, NULL, NULL},
    {"__name__", descr_get_name_getset, NULL, NULL},
    {"__qualname__", descr_get_qualname_getset, NULL, NULL},
    {"__objclass__", descr_get_objclass_getset, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t getsetdescr_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "getset_descriptor",
    .basicsize = sizeof(getsetdescr_t),
    .base = &object_type,
    .dealloc = owned_descr_dealloc,
    .traverse = owned_descr_traverse,
    .repr = getset_repr,
    .descr_get = getset_get,
    .descr_set = getset_set,
    .getsets = getset_getsets,
};

// ---- property -------------------------------------------------------------------------------

// fget/fset/fdel/doc/name are rebindable: a second __init__ call,
// __set_name__ or `p.__doc__ = ...` replaces them while other threads use the
// property, so they are read with qsbr_field_load (a counted reference kept
// across the call into Python) and written with qsbr_field_store
// (gc/qsbr.h).  getter_doc is atomic for the same reason.
typedef struct {
    obj_t ob;
    obj_t *dict;
    obj_t *fget, *fset, *fdel, *doc;
    obj_t *name;             // set by __set_name__, or NULL
    _Atomic bool getter_doc; // doc was taken from fget
} property_t;

#define PFIELD_LOAD(p, f)     qsbr_field_load((obj_t *)(p), &(p)->f)
#define PFIELD_STORE(p, f, v) qsbr_field_store((obj_t *)(p), &(p)->f, (v))

static obj_t *property_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(type, type->basicsize);
}

static int property_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fget", "fset", "fdel", "doc", NULL};
    obj_t *a[4];
    if (args_parse("property", args, nargs, kwnames, names, 0, a) < 0) return -1;
    property_t *p = (property_t *)self;
    for (int i = 0; i < 4; i++)
        if (a[i] == None) a[i] = NULL;
    // The docstring is worked out from the arguments (the caller's
    // references) before anything is published: looking up fget.__doc__
    // runs Python code.
    obj_t *doc = a[3] ? NEWREF(a[3]) : NULL;
    bool getter_doc = false;
    if (doc == NULL && a[0] != NULL) {
        obj_t *d = obj_lookup_attr(a[0], ID(__doc__));
        if (d == NULL && err_occurred()) return -1;
        if (d != NULL && d != None) {
            doc = d;
            getter_doc = true;
        } else {
            XDECREF(d);
        }
    }
    PFIELD_STORE(p, fget, a[0] ? NEWREF(a[0]) : NULL);
    PFIELD_STORE(p, fset, a[1] ? NEWREF(a[1]) : NULL);
    PFIELD_STORE(p, fdel, a[2] ? NEWREF(a[2]) : NULL);
    PFIELD_STORE(p, doc, doc ? NEWREF(doc) : NULL);
    atomic_store(&p->getter_doc, getter_doc);
    // A subclass instance stores the docstring in its __dict__ (CPython does too).
    if (TYPE(self) != &property_type && doc != NULL) {
        if (obj_generic_setattr(self, ID(__doc__), doc) < 0) err_clear();
    }
    XDECREF(doc);
    return 0;
}

static void property_dealloc(obj_t *self) {
    property_t *p = (property_t *)self;
    CLEAR(p->dict);
    CLEAR(p->fget);
    CLEAR(p->fset);
    CLEAR(p->fdel);
    CLEAR(p->doc);
    CLEAR(p->name);
    obj_free(self);
}

// The cycle collector (gc/gc.h), in its pause.
static int property_traverse(obj_t *self, visitproc visit, void *arg) {
    property_t *p = (property_t *)self;
    obj_t *f[] = {p->dict, p->fget, p->fset, p->fdel, p->doc, p->name};
    for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        if (f[i] != NULL) {
            int r = visit(f[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

// Only on unreachable objects: nobody reads the fields any more.
static int property_gc_clear(obj_t *self) {
    property_t *p = (property_t *)self;
    CLEAR(p->dict);
    CLEAR(p->fget);
    CLEAR(p->fset);
    CLEAR(p->fdel);
    CLEAR(p->doc);
    return 0;
}

static void property_error(property_t *p, obj_t *obj, const char *what) {
    obj_t *qn = TYPE(obj)->qualname_obj ? TYPE(obj)->qualname_obj : TYPE(obj)->name_obj;
    obj_t *name = PFIELD_LOAD(p, name);
    if (name != NULL && qn != NULL)
        err_format(exc_AttributeError, "property %R of %R object has no %s", name, qn, what);
    else if (qn != NULL)
        err_format(exc_AttributeError, "property of %R object has no %s", qn, what);
    else
        err_format(exc_AttributeError, "property has no %s", what);
    XDECREF(name);
}

static obj_t *property_get(obj_t *self, obj_t *obj, obj_t *type) {
    property_t *p = (property_t *)self;
    if (obj == NULL || obj == None) return NEWREF(self);
    obj_t *f = PFIELD_LOAD(p, fget);
    if (f == NULL) {
        property_error(p, obj, "getter");
        return NULL;
    }
    obj_t *r = obj_call1(f, obj);
    DECREF(f);
    return r;
}

static int property_set(obj_t *self, obj_t *obj, obj_t *value) {
    property_t *p = (property_t *)self;
    obj_t *f = value == NULL ? PFIELD_LOAD(p, fdel) : PFIELD_LOAD(p, fset);
    if (f == NULL) {
        property_error(p, obj, value == NULL ? "deleter" : "setter");
        return -1;
    }
    obj_t *r = value == NULL ? obj_call1(f, obj) : obj_call2(f, obj, value);
    DECREF(f);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static obj_t *none_if_null(obj_t *v) {
    return v ? v : NEWREF(None);
}

// property.getter/setter/deleter: a copy with one function replaced.
static obj_t *property_copy(obj_t *self, obj_t *get, obj_t *set, obj_t *del) {
    property_t *p = (property_t *)self;
    get = get ? NEWREF(get) : none_if_null(PFIELD_LOAD(p, fget));
    set = set ? NEWREF(set) : none_if_null(PFIELD_LOAD(p, fset));
    del = del ? NEWREF(del) : none_if_null(PFIELD_LOAD(p, fdel));
    obj_t *doc = PFIELD_LOAD(p, doc);
    if ((atomic_load(&p->getter_doc) && get != None) || doc == NULL) SETREF(doc, NEWREF(None));
    obj_t *args[4] = {get, set, del, doc};
    obj_t *np = obj_call((obj_t *)TYPE(self), args, 4, NULL);
    for (int i = 0; i < 4; i++)
        DECREF(args[i]);
    if (np == NULL) return NULL;
    obj_t *name = PFIELD_LOAD(p, name);
    if (type_is_subtype(TYPE(np), &property_type) && name != NULL) {
        property_t *q = (property_t *)np;
        PFIELD_STORE(q, name, NEWREF(name));
    }
    XDECREF(name);
    return np;
}

static obj_t *property_getter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getter", nargs, kwnames, 1, 1) < 0) return NULL;
    return property_copy(self, args[0], NULL, NULL);
}
static obj_t *property_setter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("setter", nargs, kwnames, 1, 1) < 0) return NULL;
    return property_copy(self, NULL, args[0], NULL);
}
static obj_t *property_deleter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("deleter", nargs, kwnames, 1, 1) < 0) return NULL;
    return property_copy(self, NULL, NULL, args[0]);
}
static obj_t *property_set_name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__set_name__", nargs, kwnames, 2, 2) < 0) return NULL;
    property_t *p = (property_t *)self;
    PFIELD_STORE(p, name, NEWREF(args[1]));
    return NEWREF(None);
}

static const method_def_t property_methods[] = {
    {"getter", property_getter, METH_DEFAULT, NULL},
    {"setter", property_setter, METH_DEFAULT, NULL},
    {"deleter", property_deleter, METH_DEFAULT, NULL},
    {"__set_name__", property_set_name, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static obj_t *property_get_fget(obj_t *self, void *c) {
    return none_if_null(PFIELD_LOAD((property_t *)self, fget));
}
static obj_t *property_get_fset(obj_t *self, void *c) {
    return none_if_null(PFIELD_LOAD((property_t *)self, fset));
}
static obj_t *property_get_fdel(obj_t *self, void *c) {
    return none_if_null(PFIELD_LOAD((property_t *)self, fdel));
}
static obj_t *property_get_doc(obj_t *self, void *c) {
    obj_t *dict = TYPE(self) != &property_type ? obj_instance_dict(self) : NULL;
    if (dict != NULL) {
        obj_t *d = dict_get(dict, ID(__doc__));
        DECREF(dict);
        if (d != NULL || err_occurred()) return d;
    }
    return none_if_null(PFIELD_LOAD((property_t *)self, doc));
}
static int property_set_doc(obj_t *self, obj_t *value, void *c) {
    property_t *p = (property_t *)self;
    PFIELD_STORE(p, doc, value && value != None ? NEWREF(value) : NULL);
    atomic_store(&p->getter_doc, false);
    return 0;
}
// True when fget, fset or fdel has a true __isabstractmethod__ (abc's
// @property @abstractmethod), as CPython's property.
static obj_t *property_get_abstract(obj_t *self, void *c) {
    obj_t *(*getters[3])(obj_t *, void *) = {property_get_fget, property_get_fset,
                                             property_get_fdel};
    for (int i = 0; i < 3; i++) {
        obj_t *f = getters[i](self, NULL);
        if (f == NULL) return NULL;
        obj_t *r = f == None ? NULL : obj_lookup_attr(f, ID(__isabstractmethod__));
        DECREF(f);
        if (r == NULL) {
            if (err_occurred()) return NULL;
            continue;
        }
        int t = obj_is_true(r);
        DECREF(r);
        if (t < 0) return NULL;
        if (t) return NEWREF(True);
    }
    return NEWREF(False);
}

static const getset_def_t property_getsets[] = {
    {"fget", property_get_fget, NULL, NULL},
    {"fset", property_get_fset, NULL, NULL},
    {"fdel", property_get_fdel, NULL, NULL},
    {"__doc__", property_get_doc, property_set_doc, NULL},
    {"__isabstractmethod__", property_get_abstract, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t property_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "property",
    .basicsize = sizeof(property_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dictoffset = offsetof(property_t, dict),
    .dealloc = property_dealloc,
    .traverse = property_traverse,
    .clear = property_gc_clear,
    .descr_get = property_get,
    .descr_set = property_set,
    .tp_new = property_tp_new,
    .tp_init = property_tp_init,
    .methods = property_methods,
    .getsets = property_getsets,
    .doc = "Property attribute.",
};

// ---- staticmethod / classmethod ---------------------------------------------------------------

// `callable` is rebindable: calling __init__ again on a live staticmethod or
// classmethod replaces it (as in CPython), so it is read with
// qsbr_field_load and written with qsbr_field_store (gc/qsbr.h).
typedef struct {
    obj_t ob;
    obj_t *dict;
    obj_t *callable;
} wrapfunc_t;

static obj_t *wrapfunc_callable(obj_t *self) {
    return qsbr_field_load(self, &((wrapfunc_t *)self)->callable);
}

// Copies the wrapped callable's __module__, __name__, __qualname__, __doc__
// and __annotations__ into the instance dict, as CPython 3.10+ does in
// staticmethod/classmethod __init__ (so `cm.__dict__` shows them and
// functools.wraps on the wrapper sees them).  The wrappers the VM makes
// itself (staticmethod_new/classmethod_new) copy nothing, as in CPython.
static obj_t *wrapfunc_getattro(obj_t *self, obj_t *name);

static int wrapfunc_copy_attrs(obj_t *self, obj_t *callable) {
    static const char *const names[] = {"__module__", "__name__", "__qualname__", "__doc__",
                                        "__annotations__"};
    obj_t *d = obj_instance_dict_ensure(self);
    if (d == NULL) return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof names / sizeof names[0]; i++) {
        // A wrapped staticmethod/classmethod is read without the fallback
        // to its own callable: a chain of them stays O(1) per level.
        obj_t *v;
        if (TYPE(callable)->getattro == wrapfunc_getattro) {
            obj_t *n = str_intern(names[i]);
            v = n ? generic_getattr_impl(callable, n, true) : NULL;
            if (v == NULL && !err_occurred()) continue;
        } else {
            v = obj_getattr_str(callable, names[i]);
        }
        if (v == NULL) {
            if (!err_matches(exc_AttributeError))
                rc = -1;
            else
                err_clear();
            continue;
        }
        rc = dict_set_str(d, names[i], v);
        DECREF(v);
    }
    DECREF(d);
    return rc;
}

static obj_t *wrapfunc_alloc(type_t *type, obj_t *callable) {
    wrapfunc_t *w = (wrapfunc_t *)obj_alloc(type, type->basicsize);
    if (w == NULL) return NULL;
    w->callable = NEWREF(callable);
    return (obj_t *)w;
}

obj_t *staticmethod_new(obj_t *callable) {
    return wrapfunc_alloc(&staticmethod_type, callable);
}
obj_t *classmethod_new(obj_t *callable) {
    return wrapfunc_alloc(&classmethod_type, callable);
}

static int wrapfunc_check_args(type_t *type, size_t nargs, obj_t *kwnames) {
    const char *n = type_is_subtype(type, &staticmethod_type) ? "staticmethod" : "classmethod";
    if (args_no_kw(n, kwnames) < 0) return -1;
    if (nargs != 1) {
        err_format(exc_TypeError, "%s expected 1 argument, got %zu", n, nargs);
        return -1;
    }
    return 0;
}

static obj_t *wrapfunc_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (wrapfunc_check_args(type, nargs, kwnames) < 0) return NULL;
    return wrapfunc_alloc(type, args[0]);
}

// __init__ (again, on a live object) rebinds the wrapped callable.
static int wrapfunc_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (wrapfunc_check_args(TYPE(self), nargs, kwnames) < 0) return -1;
    qsbr_field_store(self, &((wrapfunc_t *)self)->callable, NEWREF(args[0]));
    return wrapfunc_copy_attrs(self, args[0]);
}

static void wrapfunc_dealloc(obj_t *self) {
    wrapfunc_t *w = (wrapfunc_t *)self;
    CLEAR(w->dict);
    CLEAR(w->callable);
    obj_free(self);
}

static int wrapfunc_traverse(obj_t *self, visitproc visit, void *arg) {
    wrapfunc_t *w = (wrapfunc_t *)self;
    int r = 0;
    if (w->dict != NULL) r = visit(w->dict, arg);
    if (r == 0 && w->callable != NULL) r = visit(w->callable, arg);
    return r;
}

static int wrapfunc_gc_clear(obj_t *self) {
    wrapfunc_t *w = (wrapfunc_t *)self;
    CLEAR(w->dict);
    CLEAR(w->callable);
    return 0;
}

// Attributes such as __name__ / __doc__ come from the wrapped callable
// (CPython 3.10+ copies them with functools.wraps semantics).
static obj_t *wrapfunc_getattro(obj_t *self, obj_t *name) {
    obj_t *r = generic_getattr_impl(self, name, true);
    if (r != NULL || err_occurred()) return r;
    if (str_eq_cstr(name, "__wrapped__")) return wrapfunc_callable(self);
    if (str_eq_cstr(name, "__name__") || str_eq_cstr(name, "__qualname__") ||
        str_eq_cstr(name, "__doc__") || str_eq_cstr(name, "__module__") ||
        str_eq_cstr(name, "__annotations__")) {
        obj_t *c = wrapfunc_callable(self);
        r = obj_getattr(c, name);
        DECREF(c);
        return r;
    }
    raise_attribute_error(self, name);
    return NULL;
}

static obj_t *wrapfunc_get_func(obj_t *self, void *c) {
    return wrapfunc_callable(self);
}

static obj_t *wrapfunc_get_abstract(obj_t *self, void *c) {
    obj_t *f = wrapfunc_callable(self);
    obj_t *r = obj_lookup_attr(f, ID(__isabstractmethod__));
    DECREF(f);
    if (r == NULL && !err_occurred()) return NEWREF(False);
    return r;
}

static obj_t *staticmethod_get(obj_t *self, obj_t *obj, obj_t *type) {
    return wrapfunc_callable(self);
}

static obj_t *staticmethod_call(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *f = wrapfunc_callable(self);
    obj_t *r = obj_call(f, args, nargs, kwnames);
    DECREF(f);
    return r;
}

static obj_t *wrapfunc_repr(obj_t *self) {
    obj_t *f = wrapfunc_callable(self);
    // CPython names the base type, also for subclasses.
    const char *n =
        type_is_subtype(TYPE(self), &staticmethod_type) ? "staticmethod" : "classmethod";
    obj_t *r = str_from_format("<%s(%R)>", n, f);
    DECREF(f);
    return r;
}

static obj_t *classmethod_get(obj_t *self, obj_t *obj, obj_t *type) {
    if (type == NULL) type = (obj_t *)TYPE(obj);
    obj_t *f = wrapfunc_callable(self);
    obj_t *r = method_new(f, type);
    DECREF(f);
    return r;
}

static obj_t *wrapfunc_get_dict(obj_t *self, void *c) {
    return obj_instance_dict_ensure(self);
}

static int wrapfunc_set_dict(obj_t *self, obj_t *value, void *c) {
    if (value == NULL || !DICT_CHECK(value)) {
        if (value == NULL)
            err_set_str(exc_TypeError, "cannot delete __dict__");
        else
            err_format(exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                       obj_type_name(value));
        return -1;
    }
    return obj_instance_dict_replace(self, value);
}

static const getset_def_t sm_getsets[] = {
    {"__func__", wrapfunc_get_func, NULL, NULL},
    {"__dict__", wrapfunc_get_dict, wrapfunc_set_dict, NULL},
    {"__isabstractmethod__", wrapfunc_get_abstract, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t staticmethod_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "staticmethod",
    .basicsize = sizeof(wrapfunc_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dictoffset = offsetof(wrapfunc_t, dict),
    .dealloc = wrapfunc_dealloc,
    .traverse = wrapfunc_traverse,
    .clear = wrapfunc_gc_clear,
    .repr = wrapfunc_repr,
    .getattro = wrapfunc_getattro,
    .call = staticmethod_call,
    .descr_get = staticmethod_get,
    .tp_new = wrapfunc_tp_new,
    .tp_init = wrapfunc_tp_init,
    .getsets = sm_getsets,
};

type_t classmethod_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "classmethod",
    .basicsize = sizeof(wrapfunc_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dictoffset = offsetof(wrapfunc_t, dict),
    .dealloc = wrapfunc_dealloc,
    .traverse = wrapfunc_traverse,
    .clear = wrapfunc_gc_clear,
    .repr = wrapfunc_repr,
    .getattro = wrapfunc_getattro,
    .descr_get = classmethod_get,
    .tp_new = wrapfunc_tp_new,
    .tp_init = wrapfunc_tp_init,
    .getsets = sm_getsets,
};
