/*
 * modules/collections.c — the `_collections` module: deque (modules/
 * deque.c), defaultdict, OrderedDict, _count_elements and _tuplegetter.  OrderedDict
 * (modules/odict.c) is a dict subclass whose order is the dict's own.
 *
 * defaultdict is a dict subclass whose struct adds `default_factory`.  The
 * dict part keeps dict's own concurrency rules (objects/dict.c); the factory
 * field can be rebound by one thread while another reads it, so it is read
 * and written only through the qsbr field helpers (gc/qsbr.h): a reader
 * takes a reference, a writer's old value is released after a grace
 * period.  __missing__ calls the factory and stores the result with
 * d[key] = value, so two threads missing the same key may both call the
 * factory (as in CPython; the last store wins).
 *
 * _tuplegetter is the read-only descriptor namedtuple uses for its fields:
 * it holds nothing mutable but __doc__, a plain member.
 */
#include <string.h>

#include "../gc/gc.h"
#include "../core/error.h"
#include "../gc/qsbr.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "collections.h"

// ---- defaultdict -----------------------------------------------------------------------

typedef struct {
    dict_t d;
    obj_t *default_factory; // NULL or None: no factory
} defdict_t;

extern type_t defdict_type;

#define DD(o) ((defdict_t *)(o))

// The factory as a new reference (None when unset).
static obj_t *factory_ref(obj_t *dd) {
    obj_t *f = qsbr_field_load(dd, &DD(dd)->default_factory);
    return f ? f : NEWREF(None);
}

static int defdict_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs > 0) {
        obj_t *f = args[0];
        if (f != None && !obj_is_callable(f)) {
            err_set_str(exc_TypeError, "first argument must be callable or None");
            return -1;
        }
        qsbr_field_store(self, &DD(self)->default_factory, NEWREF(f));
        args++;
        nargs--;
    }
    return dict_type.tp_init(self, args, nargs, kwnames);
}

static void defdict_dealloc(obj_t *o) {
    XDECREF(DD(o)->default_factory);
    DD(o)->default_factory = NULL;
    dict_type.dealloc(o);
}

static obj_t *get_factory(obj_t *self, void *closure) {
    return factory_ref(self);
}

static int set_factory(obj_t *self, obj_t *value, void *closure) {
    qsbr_field_store(self, &DD(self)->default_factory, value ? NEWREF(value) : NULL);
    return 0;
}

static obj_t *dd_missing(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("defaultdict.__missing__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *key = args[0];
    obj_t *f = factory_ref(self);
    if (f == None) {
        DECREF(f);
        obj_t *t = tuple_pack(1, key);
        if (t) {
            err_set(exc_KeyError, t);
            DECREF(t);
        }
        return NULL;
    }
    obj_t *value = obj_call0(f);
    DECREF(f);
    if (!value) return NULL;
    if (obj_setitem(self, key, value) < 0) {
        DECREF(value);
        return NULL;
    }
    return value;
}

// type(self)(default_factory, arg)
static obj_t *new_like(obj_t *self, obj_t *arg) {
    obj_t *f = factory_ref(self);
    obj_t *r = obj_call2((obj_t *)TYPE(self), f, arg);
    DECREF(f);
    return r;
}

static obj_t *dd_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("defaultdict.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    return new_like(self, self);
}

static obj_t *dd_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("defaultdict.__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *f = factory_ref(self);
    obj_t *a = f == None ? tuple_new(0) : tuple_pack(1, f);
    DECREF(f);
    if (!a) return NULL;
    obj_t *items = obj_call_method(self, "items", NULL, 0);
    obj_t *it = items ? obj_iter(items) : NULL;
    XDECREF(items);
    obj_t *r = it ? tuple_pack(5, (obj_t *)TYPE(self), a, None, None, it) : NULL;
    XDECREF(it);
    DECREF(a);
    return r;
}

static obj_t *defdict_repr(obj_t *self) {
    obj_t *base = dict_type.repr(self);
    if (!base) return NULL;
    obj_t *f = factory_ref(self), *fr = NULL, *r = NULL;
    if (f == None) {
        fr = str_from_cstr("None");
    } else {
        int rc = repr_enter(f);
        if (rc == 0) {
            fr = obj_repr(f);
            repr_leave(f);
        } else if (rc > 0) {
            fr = str_from_cstr("...");
        }
    }
    if (fr) {
        const char *n = obj_type_name(self), *dot = strrchr(n, '.');
        r = str_from_format("%s(%U, %U)", dot ? dot + 1 : n, fr, base);
    }
    XDECREF(fr);
    DECREF(f);
    DECREF(base);
    return r;
}

static obj_t *defdict_or(obj_t *a, obj_t *b) {
    obj_t *self, *other;
    if (!IS_SMALLINT(a) && type_is_subtype(TYPE(a), &defdict_type)) {
        self = a;
        other = b;
    } else {
        self = b;
        other = a;
    }
    if (!DICT_CHECK(other)) return NEWREF(NotImplemented);
    obj_t *r = new_like(self, a);
    if (!r) return NULL;
    if (dict_update(r, b) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static const method_def_t defdict_methods[] = {
    {"__missing__", dd_missing, METH_DEFAULT, NULL},
    {"copy", dd_copy, METH_DEFAULT, NULL},
    {"__copy__", dd_copy, METH_DEFAULT, NULL},
    {"__reduce__", dd_reduce, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static const getset_def_t defdict_getsets[] = {
    {"default_factory", get_factory, set_factory, NULL},
    {NULL, NULL, NULL, NULL},
};

// The cycle collector (gc/gc.h): the dict part, then the factory.
static int defdict_traverse(obj_t *o, visitproc visit, void *arg) {
    int r = dict_type.traverse(o, visit, arg);
    if (r == 0 && DD(o)->default_factory != NULL) r = visit(DD(o)->default_factory, arg);
    return r;
}

// Only on unreachable objects: nobody reads the factory any more.
static int defdict_gc_clear(obj_t *o) {
    CLEAR(DD(o)->default_factory);
    return dict_type.clear(o);
}

type_t defdict_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "collections.defaultdict",
    .basicsize = sizeof(defdict_t),
    .flags = TPFLAG_BASETYPE | TPFLAG_DICT_SUBCLASS,
    .base = &dict_type,
    .dealloc = defdict_dealloc,
    .traverse = defdict_traverse,
    .clear = defdict_gc_clear,
    .repr = defdict_repr,
    .nb = {[BINOP_OR] = defdict_or},
    .tp_init = defdict_init,
    .methods = defdict_methods,
    .getsets = defdict_getsets,
    .doc = "defaultdict(default_factory=None, /, [...]) --> dict with default factory",
};

// ---- _count_elements ------------------------------------------------------------------------

static obj_t *count_elements(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_count_elements", nargs, kwnames, 2, 2) < 0) return NULL;
    obj_t *mapping = args[0];
    obj_t *it = obj_iter(args[1]);
    if (!it) return NULL;
    bool fast = OBJ_IS_TYPE(mapping, &dict_type);
    obj_t *get = NULL, *one = SMALLINT_FROM(1), *zero = SMALLINT_FROM(0);
    if (!fast && (get = obj_getattr_str(mapping, "get")) == NULL) goto error;
    for (;;) {
        obj_t *key = obj_iternext(it);
        if (!key) break;
        obj_t *old = fast ? dict_get(mapping, key) : obj_call2(get, key, zero);
        if (!old && (!fast || err_occurred())) {
            DECREF(key);
            goto error;
        }
        obj_t *nv = old ? obj_binop(old, one, BINOP_ADD) : NEWREF(one);
        XDECREF(old);
        int rc = nv ? (fast ? dict_set(mapping, key, nv) : obj_setitem(mapping, key, nv)) : -1;
        XDECREF(nv);
        DECREF(key);
        if (rc < 0) goto error;
    }
    if (err_occurred()) goto error;
    XDECREF(get);
    DECREF(it);
    return NEWREF(None);
error:
    XDECREF(get);
    DECREF(it);
    return NULL;
}

// ---- _tuplegetter ----------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    ssize_t index;
    obj_t *doc;
} tuplegetter_t;

extern type_t tuplegetter_type;

static obj_t *tuplegetter_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tuplegetter", nargs, kwnames, 2, 2) < 0) return NULL;
    ssize_t index;
    if (obj_ssize_arg(args[0], &index) < 0) return NULL;
    tuplegetter_t *g = (tuplegetter_t *)obj_alloc(type, type->basicsize);
    if (!g) return NULL;
    g->index = index;
    g->doc = NEWREF(args[1]);
    return (obj_t *)g;
}

static void tuplegetter_dealloc(obj_t *o) {
    XDECREF(((tuplegetter_t *)o)->doc);
    obj_free(o);
}

static obj_t *tuplegetter_get(obj_t *self, obj_t *obj, obj_t *type) {
    ssize_t i = ((tuplegetter_t *)self)->index;
    if (obj == NULL || obj == None) return NEWREF(self);
    if (!TUPLE_CHECK(obj)) {
        err_format(exc_TypeError,
                   "descriptor for index '%zd' for tuple subclasses doesn't apply to '%s' object",
                   i, obj_type_name(obj));
        return NULL;
    }
    if (i < 0 || (size_t)i >= TUPLE_SIZE(obj)) {
        err_set_str(exc_IndexError, "tuple index out of range");
        return NULL;
    }
    return NEWREF(TUPLE_GET(obj, i));
}

static int tuplegetter_set(obj_t *self, obj_t *obj, obj_t *value) {
    err_set_str(exc_AttributeError, value ? "can't set attribute" : "can't delete attribute");
    return -1;
}

static obj_t *tuplegetter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_tuplegetter.__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    tuplegetter_t *g = (tuplegetter_t *)self;
    obj_t *i = int_from_i64(g->index);
    if (!i) return NULL;
    obj_t *doc = g->doc ? g->doc : None;
    obj_t *a = tuple_pack(2, i, doc);
    DECREF(i);
    if (!a) return NULL;
    obj_t *r = tuple_pack(2, (obj_t *)TYPE(self), a);
    DECREF(a);
    return r;
}

static const method_def_t tuplegetter_methods[] = {
    {"__reduce__", tuplegetter_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static const member_def_t tuplegetter_members[] = {
    {"__doc__", MEMBER_OBJECT, offsetof(tuplegetter_t, doc), false},
    {NULL, 0, 0, false},
};

type_t tuplegetter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_collections._tuplegetter",
    .basicsize = sizeof(tuplegetter_t),
    .base = &object_type,
    .dealloc = tuplegetter_dealloc,
    .descr_get = tuplegetter_get,
    .descr_set = tuplegetter_set,
    .tp_new = tuplegetter_new,
    .methods = tuplegetter_methods,
    .members = tuplegetter_members,
};

// ---- the module ---------------------------------------------------------------------------------

static const method_def_t collections_functions[] = {
    {"_count_elements", count_elements, 0, NULL},
    {NULL},
};

obj_t *collections_module_init(void) {
    type_t *types[] = {&deque_type, &deque_iter_type, &deque_reviter_type, &defdict_type,
                       &tuplegetter_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (type_ensure_ready(types[i]) < 0) return NULL;
    obj_t *m = module_new("_collections");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, collections_functions) < 0 ||
        dict_set_str(d, "deque", (obj_t *)&deque_type) < 0 ||
        dict_set_str(d, "defaultdict", (obj_t *)&defdict_type) < 0 ||
        dict_set_str(d, "_deque_iterator", (obj_t *)&deque_iter_type) < 0 ||
        dict_set_str(d, "_deque_reverse_iterator", (obj_t *)&deque_reviter_type) < 0 ||
        dict_set_str(d, "_tuplegetter", (obj_t *)&tuplegetter_type) < 0 || odict_register(d) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
