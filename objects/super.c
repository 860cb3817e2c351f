/*
 * objects/super.c — super(): zero-argument form (the __class__ cell and the
 * first argument of the calling frame, via eval_super_args), super(type,
 * obj) and super(type, type2).  Attribute lookup starts after `type` in the
 * MRO of obj's type and binds what it finds.
 *
 * Calling __init__ again on a live super object rebinds its three fields,
 * which readers load without a lock and must see as one consistent triple:
 * once the object is initialised and other threads run, the rebinding
 * happens inside a stop-the-world pause (as __class__ assignment does,
 * objects/type.c), and every reader takes a snapshot of the fields
 * (super_snapshot, with a counted reference to obj) before it can reach a
 * safe point.
 */
#include "../gc/gc.h"
#include "../core/error.h"
#include "../core/eval.h"
#include "../threads/stw.h"
#include "dict.h"
#include "exceptions.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"

typedef struct {
    obj_t ob;
    type_t *type;     // the class super() was called for (counted)
    obj_t *obj;       // instance or class, or NULL (unbound super)
    type_t *obj_type; // type(obj), or obj itself when it is a subclass of type
} super_t;

static type_t *supercheck(type_t *type, obj_t *obj) {
    if (TYPE_CHECK(obj) && type_is_subtype((type_t *)obj, type)) return (type_t *)obj;
    if (type_is_subtype(TYPE(obj), type)) return TYPE(obj);
    err_set_str(exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return NULL;
}

static obj_t *super_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(type, type->basicsize);
}

static int super_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("super", kwnames) < 0) return -1;
    if (nargs > 2) {
        err_format(exc_TypeError, "super() takes at most 2 arguments (%zu given)", nargs);
        return -1;
    }
    super_t *su = (super_t *)self;
    type_t *type = NULL;
    obj_t *obj = NULL;
    if (nargs == 0) {
        if (eval_super_args(&type, &obj) < 0) return -1;
        if (obj == None) obj = NULL; // a first argument of None: unbound, as super(T, None)
    } else {
        if (!TYPE_CHECK(args[0])) {
            err_format(exc_TypeError, "super() argument 1 must be a type, not %s",
                       obj_type_name(args[0]));
            return -1;
        }
        type = (type_t *)args[0];
        obj = nargs == 2 && args[1] != None ? args[1] : NULL;
    }
    type_t *obj_type = NULL;
    if (obj != NULL) {
        obj_type = supercheck(type, obj);
        if (obj_type == NULL) return -1;
    }
    // A first init by the creating thread runs before the object is shared;
    // any other (a re-init, or an init from another thread) stops the world
    // while other threads run, so no reader sees a mix of two inits.
    bool live = su->type != NULL ||
                atomic_load_explicit(&self->ob_tid, memory_order_relaxed) != current_tid();
    bool pause = live && atomic_load(&pvm_attached_threads) > 1;
    if (pause) stw_stop_world();
    obj_t *old = su->obj;
    obj_t *old_type = (obj_t *)su->type;
    INCREF((obj_t *)type);
    su->obj = obj ? NEWREF(obj) : NULL;
    su->type = type;
    su->obj_type = obj_type; // kept alive by obj (its class, or obj itself)
    if (pause) stw_start_world();
    XDECREF(old);
    XDECREF(old_type);
    return 0;
}

// A consistent copy of a super object's fields (see the top comment);
// release with super_snapshot_done.  It counts obj and type; obj keeps
// obj_type alive (its class, or obj itself).
typedef struct {
    type_t *type;
    obj_t *obj; // counted, or NULL
    type_t *obj_type;
} super_snap_t;

static super_snap_t super_snapshot(obj_t *self) {
    super_t *su = (super_t *)self;
    super_snap_t s = {su->type, su->obj, su->obj_type};
    if (s.obj != NULL) INCREF(s.obj);
    if (s.type != NULL) INCREF((obj_t *)s.type);
    return s;
}

static void super_snapshot_done(super_snap_t *s) {
    XDECREF(s->obj);
    XDECREF((obj_t *)s->type);
}

static void super_dealloc(obj_t *self) {
    super_t *su = (super_t *)self;
    CLEAR(su->obj);
    obj_t *type = (obj_t *)su->type;
    su->type = NULL;
    XDECREF(type);
    obj_free(self);
}

// The attribute found after su->type in the MRO of su->obj_type, bound;
// NULL without an error when there is none.
static obj_t *super_lookup(super_snap_t *su, obj_t *name) {
    type_t *start = su->obj_type;
    if (start != NULL && !str_eq_cstr(name, "__class__")) {
        obj_t *mro = start->mro;
        size_t n = mro ? TUPLE_SIZE(mro) : 0, i = 0;
        while (i + 1 < n && (type_t *)TUPLE_GET(mro, i) != su->type)
            i++;
        i++; // skip su->type itself
        for (; i < n; i++) {
            type_t *t = (type_t *)TUPLE_GET(mro, i);
            if (t->dict == NULL) continue;
            obj_t *res = dict_get(t->dict, name);
            if (res == NULL) {
                if (err_occurred()) return NULL;
                continue;
            }
            descrgetfunc f = TYPE(res)->descr_get;
            if (f != NULL) {
                obj_t *r = f(res, su->obj == (obj_t *)start ? NULL : su->obj, (obj_t *)start);
                DECREF(res);
                return r;
            }
            return res;
        }
    }
    return NULL;
}

static obj_t *super_getattro(obj_t *self, obj_t *name) {
    super_snap_t su = super_snapshot(self);
    obj_t *r = super_lookup(&su, name);
    super_snapshot_done(&su);
    if (r != NULL || err_occurred()) return r;
    return obj_generic_getattr(self, name);
}

static obj_t *super_descr_get(obj_t *self, obj_t *obj, obj_t *type) {
    super_t *su = (super_t *)self;
    if (obj == NULL || obj == None || su->obj != NULL) return NEWREF(self);
    obj_t *args[2] = {(obj_t *)su->type, obj};
    return obj_call((obj_t *)TYPE(self), args, 2, NULL);
}

static obj_t *super_repr(obj_t *self) {
    super_t *su = (super_t *)self;
    const char *tn = su->type ? su->type->name : "NULL";
    if (su->obj_type != NULL)
        return str_from_format("<super: <class '%s'>, <%s object>>", tn, su->obj_type->name);
    return str_from_format("<super: <class '%s'>, NULL>", tn);
}

static obj_t *opt(obj_t *v) {
    return NEWREF(v ? v : None);
}
static obj_t *super_get_thisclass(obj_t *self, void *c) {
    return opt((obj_t *)((super_t *)self)->type);
}
static obj_t *super_get_self(obj_t *self, void *c) {
    return opt(((super_t *)self)->obj);
}
static obj_t *super_get_self_class(obj_t *self, void *c) {
    return opt((obj_t *)((super_t *)self)->obj_type);
}

static const getset_def_t super_getsets[] = {
    {"__thisclass__", super_get_thisclass, NULL, NULL},
    {"__self__", super_get_self, NULL, NULL},
    {"__self_class__", super_get_self_class, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

// The cycle collector (gc/gc.h): the instance and the class super() was
// called for (counted; obj_type is kept by obj).
static int super_traverse(obj_t *self, visitproc visit, void *arg) {
    super_t *su = (super_t *)self;
    return GC_VISIT_FIELDS(visit, arg, su->obj, (obj_t *)su->type);
}

type_t super_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "super",
    .basicsize = sizeof(super_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = super_dealloc,
    .traverse = super_traverse,
    .repr = super_repr,
    .getattro = super_getattro,
    .descr_get = super_descr_get,
    .tp_new = super_tp_new,
    .tp_init = super_tp_init,
    .getsets = super_getsets,
};
