/*
 * modules/odict.c — `_collections.OrderedDict`, its views (odict_keys,
 * odict_values, odict_items) and its iterator (odict_iterator).
 *
 * An OrderedDict is a dict subclass whose order IS the dict's insertion
 * order: there is no linked list beside the table.  move_to_end and
 * popitem(last=False) are dict primitives (dict_move_locked,
 * dict_popitem_locked in objects/dict.c) that keep the dict's lock-free
 * readers correct.  Every operation that changes the order or the set of
 * keys is ONE critical section of the dict (taken here, around the
 * dict_*_locked primitives), so two threads racing on set/del/move/popitem
 * can neither lose a key nor leave it twice.
 *
 * `state` counts those changes (bumped inside the same section); an
 * iterator records it and the size, and each step (one section) raises
 * "OrderedDict mutated during iteration" / "... changed size ..." as
 * CPython's odict does.  Positions stay valid while state is unchanged:
 * only order-changing operations rebuild or move entries.
 *
 * Subclasses that override __setitem__ / __getitem__ are served through
 * those methods by update, copy and setdefault, as CPython's C OrderedDict
 * does (pop and popitem work on the dict directly, as there).
 * Instances have a __dict__ (dictoffset) and are weakref-able (weakrefs
 * need no slot in pvm).
 */
#include <string.h>

#include "../core/error.h"
#include "../core/runtime.h"
#include "../gc/gc.h"
#include "../gc/qsbr.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "collections.h"

typedef struct {
    dict_t d;
    obj_t *inst_dict;       // __dict__ (obj_instance_dict_*), NULL until used
    _Atomic uint64_t state; // changes of order or key set; written in d's section
} odict_t;

#define OD(o) ((odict_t *)(o))
// Item i of a list this thread built and has not shared (borrowed).
#define LIST_AT(l, i) (list_items_unsafe(l)[i])

extern type_t odict_type, odict_keys_type, odict_values_type, odict_items_type, odict_iter_type;

static bool odict_check(obj_t *o) {
    return !IS_SMALLINT(o) && type_is_subtype(TYPE(o), &odict_type);
}

static uint64_t state_of(obj_t *od) {
    return atomic_load_explicit(&OD(od)->state, memory_order_relaxed);
}

// Section of od held.
static void bump_state(obj_t *od) {
    atomic_store_explicit(&OD(od)->state, state_of(od) + 1, memory_order_relaxed);
}

// ---- the atomic operations --------------------------------------------------------------

static int odict_set(obj_t *od, obj_t *key, obj_t *value) {
    hash_t hash = obj_hash(key);
    if (hash == -1) return -1;
    obj_t *old = NULL;
    bool added = false;
    int rc;
    BEGIN_CRITICAL_SECTION(od);
    rc = dict_set_locked(od, key, hash, value, &old, &added);
    if (added) bump_state(od);
    END_CRITICAL_SECTION();
    qsbr_container_drop(od, old);
    return rc;
}

// Removes key: 1 with its value (new reference) in *out, 0 missing, -1 error.
// pop and popitem use it for subclasses too, without their __getitem__ /
// __delitem__, as CPython 3.11's C OrderedDict.
static int odict_pop_exact(obj_t *od, obj_t *key, obj_t **out) {
    *out = NULL;
    hash_t hash = obj_hash(key);
    if (hash == -1) return -1;
    obj_t *k, *v;
    int rc;
    BEGIN_CRITICAL_SECTION(od);
    rc = dict_pop_locked(od, key, hash, &k, &v);
    if (rc > 0) bump_state(od);
    END_CRITICAL_SECTION();
    if (rc > 0) {
        *out = NEWREF(v);
        qsbr_container_drop(od, k);
        qsbr_container_drop(od, v);
    }
    return rc;
}

static int odict_ass_sub(obj_t *od, obj_t *key, obj_t *value) {
    if (value) return odict_set(od, key, value);
    obj_t *v;
    int rc = odict_pop_exact(od, key, &v);
    if (rc == 0) {
        obj_t *t = tuple_pack(1, key);
        if (t) {
            err_set(exc_KeyError, t);
            DECREF(t);
        }
        return -1;
    }
    if (rc > 0) DECREF(v);
    return rc < 0 ? -1 : 0;
}

// True when type(od) uses OrderedDict's own item access (no Python override).
static bool plain_access(obj_t *od) {
    type_t *t = TYPE(od);
    return t->setitem == odict_ass_sub && t->getitem == dict_type.getitem;
}

// ---- update (CPython's mutablemapping_update) ------------------------------------------

static int update_pairs(obj_t *self, obj_t *seq) {
    obj_t *it = obj_iter(seq);
    if (!it) return -1;
    for (;;) {
        obj_t *pair = obj_iternext(it);
        if (!pair) break;
        obj_t *fast = list_from_iterable(pair);
        DECREF(pair);
        if (!fast) {
            if (err_matches(exc_TypeError)) {
                err_clear();
                err_set_str(exc_TypeError, "cannot convert dictionary update sequence element "
                                           "to a sequence");
            }
            DECREF(it);
            return -1;
        }
        if (list_size(fast) != 2) {
            err_set_str(exc_ValueError, "need more than 1 value to unpack");
            DECREF(fast);
            DECREF(it);
            return -1;
        }
        int rc = obj_setitem(self, LIST_AT(fast, 0), LIST_AT(fast, 1));
        DECREF(fast);
        if (rc < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

static int update_arg(obj_t *self, obj_t *arg) {
    if (OBJ_IS_TYPE(arg, &dict_type)) {
        obj_t *items = dict_items_list(arg); // a snapshot, in order
        if (!items) return -1;
        int rc = 0;
        for (ssize_t i = 0; rc == 0 && i < list_size(items); i++) {
            obj_t *p = LIST_AT(items, i);
            rc = obj_setitem(self, TUPLE_GET(p, 0), TUPLE_GET(p, 1));
        }
        DECREF(items);
        return rc;
    }
    obj_t *keys = obj_getattr_str(arg, "keys");
    if (keys) {
        obj_t *ks = obj_call0(keys);
        DECREF(keys);
        obj_t *it = ks ? obj_iter(ks) : NULL;
        XDECREF(ks);
        if (!it) return -1;
        for (;;) {
            obj_t *k = obj_iternext(it);
            if (!k) break;
            obj_t *v = obj_getitem(arg, k);
            int rc = v ? obj_setitem(self, k, v) : -1;
            XDECREF(v);
            DECREF(k);
            if (rc < 0) {
                DECREF(it);
                return -1;
            }
        }
        DECREF(it);
        return err_occurred() ? -1 : 0;
    }
    if (!err_matches(exc_AttributeError)) return -1;
    err_clear();
    obj_t *items = obj_getattr_str(arg, "items");
    if (items) {
        obj_t *its = obj_call0(items);
        DECREF(items);
        if (!its) return -1;
        int rc = update_pairs(self, its);
        DECREF(its);
        return rc;
    }
    if (!err_matches(exc_AttributeError)) return -1;
    err_clear();
    return update_pairs(self, arg);
}

static int update_common(const char *fname, obj_t *self, obj_t *const *args, size_t nargs,
                         obj_t *kwnames) {
    if (nargs > 1) {
        err_format(exc_TypeError, "%s() takes at most 1 positional argument (%zu given)", fname,
                   nargs);
        return -1;
    }
    if (nargs == 1 && update_arg(self, args[0]) < 0) return -1;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++)
        if (obj_setitem(self, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) return -1;
    return 0;
}

static int odict_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs > 1) {
        err_format(exc_TypeError, "expected at most 1 arguments, got %zu", nargs);
        return -1;
    }
    return update_common("OrderedDict", self, args, nargs, kwnames);
}

static obj_t *od_update(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (update_common("update", self, args, nargs, kwnames) < 0) return NULL;
    return NEWREF(None);
}

// ---- methods ------------------------------------------------------------------------------

static obj_t *od_move_to_end(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"key", "last", NULL};
    obj_t *a[2];
    if (args_parse("move_to_end", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int last = a[1] ? obj_is_true(a[1]) : 1;
    if (last < 0) return NULL;
    hash_t hash = obj_hash(a[0]);
    if (hash == -1) return NULL;
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = dict_move_locked(self, a[0], hash, last);
    if (rc > 0) bump_state(self);
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    if (rc == 0) {
        obj_t *t = tuple_pack(1, a[0]);
        if (t) {
            err_set(exc_KeyError, t);
            DECREF(t);
        }
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *od_popitem(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"last", NULL};
    obj_t *a[1];
    if (args_parse("popitem", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int last = a[0] ? obj_is_true(a[0]) : 1;
    if (last < 0) return NULL;
    obj_t *res = tuple_new(2);
    if (!res) return NULL;
    obj_t *k, *v;
    int rc;
    BEGIN_CRITICAL_SECTION(self);
    rc = dict_popitem_locked(self, last, &k, &v);
    if (rc > 0) bump_state(self);
    END_CRITICAL_SECTION();
    if (rc == 0) {
        DECREF(res);
        err_set_str(exc_KeyError, "dictionary is empty");
        return NULL;
    }
    TUPLE_SET(res, 0, NEWREF(k));
    TUPLE_SET(res, 1, NEWREF(v));
    qsbr_container_drop(self, k);
    qsbr_container_drop(self, v);
    return res;
}

static obj_t *od_pop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"key", "default", NULL};
    obj_t *a[2];
    if (args_parse("pop", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *key = a[0], *v = NULL;
    int rc = odict_pop_exact(self, key, &v);
    if (rc < 0) return NULL;
    if (rc > 0) return v;
    if (a[1]) return NEWREF(a[1]);
    obj_t *t = tuple_pack(1, key);
    if (t) {
        err_set(exc_KeyError, t);
        DECREF(t);
    }
    return NULL;
}

static obj_t *od_setdefault(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"key", "default", NULL};
    obj_t *a[2];
    if (args_parse("setdefault", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *key = a[0], *dflt = a[1] ? a[1] : None;
    if (!plain_access(self)) {
        int has = obj_contains(self, key);
        if (has < 0) return NULL;
        if (has) return obj_getitem(self, key);
        if (obj_setitem(self, key, dflt) < 0) return NULL;
        return NEWREF(dflt);
    }
    hash_t hash = obj_hash(key);
    if (hash == -1) return NULL;
    // One section: look up, insert when absent.  dict_set_locked with the
    // current value as the "new" one would double as a lookup; a plain
    // lookup first keeps it simple: contains + set under one section.
    obj_t *r = NULL, *old = NULL;
    bool added = false;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    r = dict_get_hashed(self, key, hash);
    if (!r && !err_occurred()) {
        rc = dict_set_locked(self, key, hash, dflt, &old, &added);
        if (added) bump_state(self);
        if (rc == 0) r = NEWREF(dflt);
    }
    END_CRITICAL_SECTION();
    XDECREF(old);
    (void)rc;
    return r;
}

static obj_t *od_fromkeys(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"iterable", "value", NULL};
    obj_t *a[2];
    if (args_parse("fromkeys", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *value = a[1] ? a[1] : None;
    obj_t *it = obj_iter(a[0]);
    if (!it) return NULL;
    obj_t *d = obj_call0(cls);
    while (d) {
        obj_t *k = obj_iternext(it);
        if (!k) {
            if (err_occurred()) CLEAR(d);
            break;
        }
        if (obj_setitem(d, k, value) < 0) CLEAR(d);
        DECREF(k);
    }
    DECREF(it);
    return d;
}

static obj_t *od_clear(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("clear", nargs, kwnames, 0, 0) < 0) return NULL;
    // No state change, as in CPython: iterators see "changed size"; keys
    // added afterwards change the state.
    dict_clear(self);
    return NEWREF(None);
}

// The items as a list of pairs taken in one section (for copy, repr, reduce).
static obj_t *items_snapshot(obj_t *self) {
    if (plain_access(self) || OBJ_IS_TYPE(self, &odict_type)) return dict_items_list(self);
    obj_t *items = obj_call_method(self, "items", NULL, 0);
    if (!items) return NULL;
    obj_t *l = list_from_iterable(items);
    DECREF(items);
    return l;
}

static obj_t *od_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("copy", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *items = dict_items_list(self);
    if (!items) return NULL;
    obj_t *r = obj_call0((obj_t *)TYPE(self));
    for (ssize_t i = 0; r && i < list_size(items); i++) {
        obj_t *p = LIST_AT(items, i);
        if (obj_setitem(r, TUPLE_GET(p, 0), TUPLE_GET(p, 1)) < 0) CLEAR(r);
    }
    DECREF(items);
    return r;
}

static obj_t *odict_repr_slot(obj_t *self) {
    const char *n = obj_type_name(self), *dot = strrchr(n, '.');
    if (dot) n = dot + 1;
    if (dict_size(self) == 0) return str_from_format("%s()", n);
    int rc = repr_enter(self);
    if (rc != 0) return rc > 0 ? str_from_cstr("...") : NULL;
    obj_t *r = NULL, *items = items_snapshot(self);
    if (items) {
        r = str_from_format("%s(%R)", n, items);
        DECREF(items);
    }
    repr_leave(self);
    return r;
}

static obj_t *od_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *state = obj_call_method(self, "__getstate__", NULL, 0);
    if (!state) return NULL;
    obj_t *items = obj_call_method(self, "items", NULL, 0);
    obj_t *it = items ? obj_iter(items) : NULL;
    XDECREF(items);
    obj_t *empty = it ? tuple_new(0) : NULL;
    obj_t *r = empty ? tuple_pack(5, (obj_t *)TYPE(self), empty, state, None, it) : NULL;
    XDECREF(empty);
    XDECREF(it);
    DECREF(state);
    return r;
}

static obj_t *od_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    // The dict's own accounting (basicsize of this type + the table).
    obj_t *f = obj_getattr_str((obj_t *)&dict_type, "__sizeof__");
    if (!f) return NULL;
    obj_t *r = obj_call1(f, self);
    DECREF(f);
    return r;
}

// OrderedDict == OrderedDict is order-sensitive; anything else compares as dicts.
static obj_t *odict_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || !odict_check(b))
        return dict_type.richcompare(a, b, op);
    obj_t *r = dict_type.richcompare(a, b, CMP_EQ_OP);
    if (!r || r != True) {
        if (r == False && op == CMP_NE_OP) {
            DECREF(r);
            return NEWREF(True);
        }
        return r;
    }
    DECREF(r);
    obj_t *ka = dict_keys_list(a), *kb = ka ? dict_keys_list(b) : NULL;
    int eq = -1;
    if (kb) {
        eq = list_size(ka) == list_size(kb);
        for (ssize_t i = 0; eq == 1 && i < list_size(ka); i++)
            eq = obj_richcompare_bool(LIST_AT(ka, i), LIST_AT(kb, i), CMP_EQ_OP);
    }
    XDECREF(ka);
    XDECREF(kb);
    if (eq < 0) return NULL;
    return NEWREF((eq != 0) == (op == CMP_EQ_OP) ? True : False);
}

static obj_t *odict_or(obj_t *a, obj_t *b) {
    obj_t *self = odict_check(a) ? a : b;
    if (!DICT_CHECK(a) || !DICT_CHECK(b)) return NEWREF(NotImplemented);
    obj_t *r = obj_call1((obj_t *)TYPE(self), a);
    if (r && update_arg(r, b) < 0) CLEAR(r);
    return r;
}

static obj_t *odict_ior(obj_t *a, obj_t *b) {
    if (update_arg(a, b) < 0) return NULL;
    return NEWREF(a);
}

static obj_t *odict_iter_new(obj_t *od, int kind, bool reverse);

static obj_t *odict_iter(obj_t *self) {
    return odict_iter_new(self, 0, false);
}

static obj_t *od_reversed(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    return odict_iter_new(self, 0, true);
}

static obj_t *od_keys(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("keys", nargs, kwnames, 0, 0) < 0) return NULL;
    return dictview_new_of(&odict_keys_type, self);
}

static obj_t *od_values(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("values", nargs, kwnames, 0, 0) < 0) return NULL;
    return dictview_new_of(&odict_values_type, self);
}

static obj_t *od_items(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("items", nargs, kwnames, 0, 0) < 0) return NULL;
    return dictview_new_of(&odict_items_type, self);
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
        err_format(exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                   obj_type_name(v));
        return -1;
    }
    return obj_instance_dict_replace(o, v);
}

// ---- odict_iterator ------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *od;      // NULL once exhausted
    ssize_t pos;    // next entry position (dict_step_locked)
    ssize_t size;   // od's size when iteration started
    uint64_t state; // od's state then
    int kind;       // 0 keys, 1 values, 2 items
    bool reverse;
} odictiter_t;

#define IT(o) ((odictiter_t *)(o))

static obj_t *odict_iter_new(obj_t *od, int kind, bool reverse) {
    if (type_ensure_ready(&odict_iter_type) < 0) return NULL;
    odictiter_t *it = (odictiter_t *)obj_alloc(&odict_iter_type, sizeof(odictiter_t));
    if (!it) return NULL;
    it->od = NEWREF(od);
    it->kind = kind;
    it->reverse = reverse;
    BEGIN_CRITICAL_SECTION(od);
    it->pos = reverse ? SSIZE_MAX : 0;
    it->size = dict_size(od);
    it->state = state_of(od);
    END_CRITICAL_SECTION();
    return (obj_t *)it;
}

// One step with its checks, in one section of the dict.  Iterators are not
// shared-safe objects in CPython either; two threads stepping one iterator
// are serialized by the iterator's own section.
static obj_t *odictiter_next(obj_t *self) {
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    odictiter_t *it = IT(self);
    obj_t *od = it->od;
    if (od) {
        obj_t *k = NULL, *v = NULL;
        int rc = 0;
        const char *err = NULL;
        BEGIN_CRITICAL_SECTION(od);
        if (state_of(od) != it->state) {
            err = "OrderedDict mutated during iteration";
        } else if (dict_size(od) != it->size) {
            err = "OrderedDict changed size during iteration";
            it->size = -1;
        } else {
            rc = dict_step_locked(od, &it->pos, it->reverse, it->kind != 1 ? &k : NULL,
                                  it->kind != 0 ? &v : NULL);
        }
        END_CRITICAL_SECTION();
        if (err) {
            err_set_str(exc_RuntimeError, err);
        } else if (rc == 0) {
            it->od = NULL;
            DECREF(od);
        } else if (it->kind == 0) {
            r = k;
        } else if (it->kind == 1) {
            r = v;
        } else {
            r = tuple_pack(2, k, v);
            DECREF(k);
            DECREF(v);
        }
    }
    END_CRITICAL_SECTION();
    return r;
}

static void odictiter_dealloc(obj_t *o) {
    XDECREF(IT(o)->od);
    obj_free(o);
}

static int odictiter_traverse(obj_t *o, visitproc visit, void *arg) {
    return IT(o)->od ? visit(IT(o)->od, arg) : 0;
}

static obj_t *odictiter_iter(obj_t *o) {
    return NEWREF(o);
}

// What is left, without consuming it: a list of the rest.
static obj_t *odictiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *rest = list_new(0);
    if (!rest) return NULL;
    odictiter_t copy;
    BEGIN_CRITICAL_SECTION(self);
    copy = *IT(self);
    XINCREF(copy.od);
    END_CRITICAL_SECTION();
    if (copy.od) {
        obj_t *tmp = odict_iter_new(copy.od, copy.kind, copy.reverse);
        if (tmp) {
            IT(tmp)->pos = copy.pos;
            IT(tmp)->size = copy.size;
            IT(tmp)->state = copy.state;
            for (obj_t *x; (x = odictiter_next(tmp)) != NULL;) {
                int rc = list_append(rest, x);
                DECREF(x);
                if (rc < 0) break;
            }
            DECREF(tmp);
        }
        DECREF(copy.od);
        if (err_occurred()) {
            DECREF(rest);
            return NULL;
        }
    }
    obj_t *iter = dict_get_str(pvm_rt.builtins_dict, "iter");
    obj_t *a = iter ? tuple_pack(1, rest) : NULL;
    obj_t *r = a ? tuple_pack(2, iter, a) : NULL;
    XDECREF(a);
    XDECREF(iter);
    DECREF(rest);
    return r;
}

static obj_t *odictiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__length_hint__", nargs, kwnames, 0, 0) < 0) return NULL;
    ssize_t n = 0;
    BEGIN_CRITICAL_SECTION(self); // od may be dropped by a concurrent step
    if (IT(self)->od) n = dict_size(IT(self)->od);
    END_CRITICAL_SECTION();
    return int_from_i64(n);
}

static const method_def_t odictiter_methods[] = {
    {"__reduce__", odictiter_reduce, METH_DEFAULT, NULL},
    {"__length_hint__", odictiter_length_hint, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

type_t odict_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "odict_iterator",
    .basicsize = sizeof(odictiter_t),
    .base = &object_type,
    .dealloc = odictiter_dealloc,
    .traverse = odictiter_traverse,
    .iter = odictiter_iter,
    .iternext = odictiter_next,
    .methods = odictiter_methods,
};

// ---- views -----------------------------------------------------------------------------------

// The view's OrderedDict: views share dict views' layout {header, dict}.
static obj_t *view_od(obj_t *v) {
    return ((obj_t **)((char *)v + sizeof(obj_t)))[0];
}

static obj_t *odview_iter(obj_t *v) {
    type_t *t = TYPE(v);
    int kind = t == &odict_keys_type ? 0 : t == &odict_values_type ? 1 : 2;
    return odict_iter_new(view_od(v), kind, false);
}

static obj_t *odview_reversed(obj_t *v, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    type_t *t = TYPE(v);
    int kind = t == &odict_keys_type ? 0 : t == &odict_values_type ? 1 : 2;
    return odict_iter_new(view_od(v), kind, true);
}

static const method_def_t odview_methods[] = {
    {"__reversed__", odview_reversed, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

#define ODICT_VIEW(var, tname, basetype)                                                           \
    type_t var = {                                                                                 \
        .ob = OBJ_HEAD_INIT(&type_type),                                                           \
        .name = tname,                                                                             \
        .basicsize = sizeof(obj_t) + sizeof(obj_t *),                                              \
        .base = &basetype,                                                                         \
        .iter = odview_iter,                                                                       \
        .methods = odview_methods,                                                                 \
    }

ODICT_VIEW(odict_keys_type, "odict_keys", dict_keys_type);
ODICT_VIEW(odict_values_type, "odict_values", dict_values_type);
ODICT_VIEW(odict_items_type, "odict_items", dict_items_type);

// ---- the type ----------------------------------------------------------------------------------

static const method_def_t odict_methods[] = {
    {"__reversed__", od_reversed, METH_DEFAULT, NULL},
    {"move_to_end", od_move_to_end, METH_DEFAULT, NULL},
    {"popitem", od_popitem, METH_DEFAULT, NULL},
    {"pop", od_pop, METH_DEFAULT, NULL},
    {"setdefault", od_setdefault, METH_DEFAULT, NULL},
    {"update", od_update, METH_DEFAULT, NULL},
    {"clear", od_clear, METH_DEFAULT, NULL},
    {"copy", od_copy, METH_DEFAULT, NULL},
    {"keys", od_keys, METH_DEFAULT, NULL},
    {"values", od_values, METH_DEFAULT, NULL},
    {"items", od_items, METH_DEFAULT, NULL},
    {"fromkeys", od_fromkeys, METH_CLASS, NULL},
    {"__reduce__", od_reduce, METH_DEFAULT, NULL},
    {"__sizeof__", od_sizeof, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static const getset_def_t odict_getsets[] = {
    {"__dict__", get_dict, set_dict, NULL},
    {NULL, NULL, NULL, NULL},
};

static void odict_dealloc(obj_t *o) {
    CLEAR(OD(o)->inst_dict);
    dict_type.dealloc(o);
}

static int odict_traverse(obj_t *o, visitproc visit, void *arg) {
    int r = dict_type.traverse(o, visit, arg);
    if (r == 0 && OD(o)->inst_dict) r = visit(OD(o)->inst_dict, arg);
    return r;
}

// Only on unreachable objects.
static int odict_gc_clear(obj_t *o) {
    CLEAR(OD(o)->inst_dict);
    return dict_type.clear(o);
}

type_t odict_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "collections.OrderedDict",
    .basicsize = sizeof(odict_t),
    .flags = TPFLAG_BASETYPE | TPFLAG_DICT_SUBCLASS,
    .base = &dict_type,
    .dictoffset = offsetof(odict_t, inst_dict),
    .dealloc = odict_dealloc,
    .traverse = odict_traverse,
    .clear = odict_gc_clear,
    .repr = odict_repr_slot,
    .richcompare = odict_richcompare,
    .iter = odict_iter,
    .setitem = odict_ass_sub,
    .nb = {[BINOP_OR] = odict_or},
    .nb_inplace = {[BINOP_OR] = odict_ior},
    .tp_init = odict_init,
    .methods = odict_methods,
    .getsets = odict_getsets,
    .doc = "Dictionary that remembers insertion order",
};

int odict_register(obj_t *module_dict) {
    type_t *types[] = {&odict_type, &odict_keys_type, &odict_values_type, &odict_items_type,
                       &odict_iter_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (type_ensure_ready(types[i]) < 0) return -1;
    return dict_set_str(module_dict, "OrderedDict", (obj_t *)&odict_type);
}
