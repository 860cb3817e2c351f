/*
 * objects/reduce.c — the object-protocol half of pickle and copy:
 * object.__reduce__, object.__reduce_ex__, object.__getstate__ and
 * object.__sizeof__, with CPython 3.11's semantics (its typeobject.c).
 *
 *   __reduce_ex__(protocol): a class that overrides __reduce__ gets its own
 *       __reduce__() called; otherwise protocol >= 2 builds
 *       (copyreg.__newobj__, (cls, *args), state, listitems, dictitems)
 *       from __getnewargs_ex__ / __getnewargs__ (copyreg.__newobj_ex__ when
 *       there are keyword arguments), and protocols 0 and 1 defer to
 *       copyreg._reduce_ex.
 *   __getstate__(): the instance __dict__ (None when empty), paired with a
 *       dict of the __slots__ values when there are any ((dict, slots)).
 *       When nothing else can rebuild the object (no new-args, not a list or
 *       dict), an instance of a builtin type with state of its own cannot be
 *       pickled: "cannot pickle 'X' object".
 *
 * Nothing here is shared state: each call reads the object through the
 * ordinary attribute and dict APIs, which do their own locking.
 */
#include "../core/error.h"
#include "../core/import.h"
#include "bytes.h"
#include "dict.h"
#include "exceptions.h"
#include "list.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"

static obj_t *copyreg_attr(const char *name) {
    obj_t *m = import_module("copyreg");
    if (m == NULL) return NULL;
    obj_t *r = obj_getattr_str(m, name);
    DECREF(m);
    return r;
}

// The type whose instances' layout `tp` extends: the first builtin type on
// its base chain.
static type_t *solid_base(type_t *tp) {
    while (tp->base != NULL && (tp->flags & TPFLAG_HEAPTYPE))
        tp = tp->base;
    return tp;
}

// object.__getstate__ without an override: __dict__ and __slots__.
static obj_t *getstate_default(obj_t *obj, bool required) {
    type_t *tp = TYPE(obj);
    if (required && solid_base(tp) != &object_type) {
        err_format(exc_TypeError, "cannot pickle '%s' object", tp->name);
        return NULL;
    }
    obj_t *state = obj_instance_dict(obj);
    if (state == NULL || dict_size(state) == 0) {
        XDECREF(state);
        state = NEWREF(None);
    }
    obj_t *slotnames_fn = copyreg_attr("_slotnames");
    if (slotnames_fn == NULL) {
        DECREF(state);
        return NULL;
    }
    obj_t *names = obj_call1(slotnames_fn, (obj_t *)tp);
    DECREF(slotnames_fn);
    if (names == NULL) {
        DECREF(state);
        return NULL;
    }
    if (!LIST_CHECK(names)) {
        err_set_str(exc_TypeError, "copyreg._slotnames didn't return a list or None");
        goto fail;
    }
    if (list_size(names) > 0) {
        obj_t *slots = dict_new();
        if (slots == NULL) goto fail;
        for (ssize_t i = 0; i < list_size(names); i++) {
            obj_t *name = list_get(names, i);
            if (name == NULL) {
                DECREF(slots);
                goto fail;
            }
            obj_t *v = obj_lookup_attr(obj, name);
            int rc = 0;
            if (v != NULL) {
                rc = dict_set(slots, name, v);
                DECREF(v);
            } else if (err_occurred()) {
                rc = -1;
            }
            DECREF(name);
            if (rc < 0) {
                DECREF(slots);
                goto fail;
            }
        }
        if (dict_size(slots) > 0) {
            obj_t *pair = tuple_pack(2, state, slots);
            DECREF(state);
            state = pair;
        }
        DECREF(slots);
        if (state == NULL) goto fail;
    }
    DECREF(names);
    return state;
fail:
    DECREF(names);
    XDECREF(state);
    return NULL;
}

// The object's state for pickling: its own __getstate__ if its class
// overrides object's, else the default.
static obj_t *object_state(obj_t *obj, bool required) {
    obj_t *name = str_intern("__getstate__");
    obj_t *mine = type_lookup(TYPE(obj), name);
    if (mine != NULL && mine != type_lookup(&object_type, name))
        return obj_call_method(obj, "__getstate__", NULL, 0);
    return getstate_default(obj, required);
}

// __getnewargs_ex__ / __getnewargs__: *args (new ref, NULL when neither
// exists) and *kwargs (new ref or NULL).  -1 with an exception.
static int newargs_of(obj_t *obj, obj_t **args, obj_t **kwargs) {
    *args = *kwargs = NULL;
    obj_t *f = obj_lookup_attr(obj, str_intern("__getnewargs_ex__"));
    if (f != NULL) {
        obj_t *r = obj_call0(f);
        DECREF(f);
        if (r == NULL) return -1;
        if (!TUPLE_CHECK(r)) {
            err_format(exc_TypeError, "__getnewargs_ex__ should return a tuple, not '%s'",
                       obj_type_name(r));
        } else if (TUPLE_SIZE(r) != 2) {
            err_format(exc_ValueError,
                       "__getnewargs_ex__ should return a tuple of length 2, not %zd",
                       (ssize_t)TUPLE_SIZE(r));
        } else if (!TUPLE_CHECK(TUPLE_GET(r, 0))) {
            err_format(exc_TypeError,
                       "first item of the tuple returned by __getnewargs_ex__ must be a tuple, "
                       "not '%s'",
                       obj_type_name(TUPLE_GET(r, 0)));
        } else if (!DICT_CHECK(TUPLE_GET(r, 1))) {
            err_format(exc_TypeError,
                       "second item of the tuple returned by __getnewargs_ex__ must be a dict, "
                       "not '%s'",
                       obj_type_name(TUPLE_GET(r, 1)));
        } else {
            *args = NEWREF(TUPLE_GET(r, 0));
            *kwargs = NEWREF(TUPLE_GET(r, 1));
            DECREF(r);
            return 0;
        }
        DECREF(r);
        return -1;
    }
    if (err_occurred()) return -1;
    f = obj_lookup_attr(obj, str_intern("__getnewargs__"));
    if (f != NULL) {
        obj_t *r = obj_call0(f);
        DECREF(f);
        if (r == NULL) return -1;
        if (!TUPLE_CHECK(r)) {
            err_format(exc_TypeError, "__getnewargs__ should return a tuple, not '%s'",
                       obj_type_name(r));
            DECREF(r);
            return -1;
        }
        *args = r;
        return 0;
    }
    return err_occurred() ? -1 : 0;
}

// Protocol 2 and above.
static obj_t *reduce_newobj(obj_t *obj) {
    obj_t *args, *kwargs;
    if (newargs_of(obj, &args, &kwargs) < 0) return NULL;
    bool hasargs = args != NULL;
    if (args == NULL) args = tuple_new(0);
    obj_t *newobj = NULL, *newargs = NULL, *state = NULL, *listitems = NULL, *dictitems = NULL;
    obj_t *r = NULL;
    if (args == NULL) goto done;
    if (kwargs == NULL || dict_size(kwargs) == 0) {
        newobj = copyreg_attr("__newobj__");
        if (newobj == NULL) goto done;
        newargs = tuple_new(TUPLE_SIZE(args) + 1);
        if (newargs == NULL) goto done;
        TUPLE_SET(newargs, 0, NEWREF((obj_t *)TYPE(obj)));
        for (size_t i = 0; i < TUPLE_SIZE(args); i++)
            TUPLE_SET(newargs, i + 1, NEWREF(TUPLE_GET(args, i)));
    } else {
        newobj = copyreg_attr("__newobj_ex__");
        if (newobj == NULL) goto done;
        newargs = tuple_pack(3, (obj_t *)TYPE(obj), args, kwargs);
        if (newargs == NULL) goto done;
    }
    state = object_state(obj, !hasargs && !LIST_CHECK(obj) && !DICT_CHECK(obj));
    if (state == NULL) goto done;
    if (LIST_CHECK(obj)) {
        listitems = obj_iter(obj);
    } else {
        listitems = NEWREF(None);
    }
    if (listitems == NULL) goto done;
    if (DICT_CHECK(obj)) {
        obj_t *items = obj_call_method(obj, "items", NULL, 0);
        if (items == NULL) goto done;
        dictitems = obj_iter(items);
        DECREF(items);
    } else {
        dictitems = NEWREF(None);
    }
    if (dictitems == NULL) goto done;
    r = tuple_pack(5, newobj, newargs, state, listitems, dictitems);
done:
    XDECREF(args);
    XDECREF(kwargs);
    XDECREF(newobj);
    XDECREF(newargs);
    XDECREF(state);
    XDECREF(listitems);
    XDECREF(dictitems);
    return r;
}

static obj_t *common_reduce(obj_t *obj, int64_t protocol) {
    if (protocol >= 2) return reduce_newobj(obj);
    obj_t *f = copyreg_attr("_reduce_ex");
    if (f == NULL) return NULL;
    obj_t *args[2] = {obj, SMALLINT_FROM(protocol)};
    obj_t *r = obj_call(f, args, 2, NULL);
    DECREF(f);
    return r;
}

obj_t *object_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("object.__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    return common_reduce(self, 0);
}

obj_t *object_reduce_ex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("object.__reduce_ex__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!IS_SMALLINT(args[0])) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(args[0]));
        return NULL;
    }
    obj_t *name = str_intern("__reduce__");
    obj_t *mine = type_lookup(TYPE(self), name);
    if (mine != NULL && mine != type_lookup(&object_type, name))
        return obj_call_method(self, "__reduce__", NULL, 0);
    return common_reduce(self, SMALLINT_VALUE(args[0]));
}

obj_t *object_getstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("object.__getstate__", nargs, kwnames, 0, 0) < 0) return NULL;
    return getstate_default(self, false);
}

obj_t *object_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("object.__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    size_t n = TYPE(self)->basicsize;
    if (BYTES_CHECK(self)) n += bytes_len(self) + 1; // the data and its NUL, inline
    return SMALLINT_FROM((int64_t)n);
}
