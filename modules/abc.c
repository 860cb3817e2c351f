/*
 * modules/abc.c — the `_abc` module: the registry and caches behind
 * abc.ABCMeta (CPython 3.11's interface: abc.py imports get_cache_token,
 * _abc_init, _abc_register, _abc_instancecheck, _abc_subclasscheck,
 * _get_dump, _reset_registry and _reset_caches).
 *
 * Why pvm has it: without an _abc module abc.py falls back to _py_abc,
 * whose negative cache is unsafe when threads run at once.  A thread that
 * found no match in the registry could add the class to a negative cache
 * that another thread had just emptied for a later registration, and the
 * class then stayed "not a subclass" until the next register() anywhere
 * (stress/match_abc_registry.py caught it: a registered class that a match
 * statement kept calling no sequence).  It is C rather than Python because
 * typing's Protocol checks count the Python frames between their hook and
 * the issubclass() call (typing._allow_reckless_class_checks); CPython's
 * _abc adds none.
 *
 * Concurrency.  One process-wide invalidation counter (atomic), bumped by
 * every register() after the class is in the registry.  Each ABC's state
 * (`_abc_data`, the class's _abc_impl) holds sets of weak references, each
 * locked by its own critical section (objects/set.h): the registry, the
 * positive cache, and the negative cache, which comes paired with the
 * counter value it is valid for in one tuple (version, set).  A check reads
 * the counter before it looks at the registry; a stale pair is not emptied
 * but replaced by a new one (a QSBR field, gc/qsbr.h), and a negative
 * answer goes into the set of the pair the check loaded, only when that
 * pair's version equals the counter value the check read.  So a negative
 * answer computed before a registration never lands in a cache valid after
 * it: at worst in a pair already replaced, where nobody looks.  No check
 * takes a lock of its own; answers in the positive cache never become wrong
 * (short of _reset_registry, a testing hook).
 */
#include <stdatomic.h>

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../gc/qsbr.h"
#include "weakref.h"

// Bumped by every registration, after the class is in the registry.
static _Atomic int64_t abc_counter;

typedef struct {
    obj_t ob;
    obj_t *registry; // sets of weak references
    obj_t *cache;
    obj_t *negative; // (version, set): QSBR field, replaced whole
} abc_data_t;

static type_t abc_data_type;

// A new negative-cache pair: (version, empty set).
static obj_t *negative_new(int64_t version) {
    obj_t *v = int_from_i64(version);
    obj_t *set = set_new(NULL);
    obj_t *pair = v && set ? tuple_pack(2, v, set) : NULL;
    XDECREF(v);
    XDECREF(set);
    return pair;
}

// The negative-cache pair (a new reference) and its parts (borrowed from it).
static obj_t *negative_load(abc_data_t *impl, int64_t *version, obj_t **set) {
    obj_t *pair = qsbr_field_load((obj_t *)impl, &impl->negative);
    *version = SMALLINT_VALUE(TUPLE_GET(pair, 0));
    *set = TUPLE_GET(pair, 1);
    return pair;
}

static obj_t *abc_data_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_abc_data", nargs, kwnames, 0, 0) < 0) return NULL;
    abc_data_t *d = (abc_data_t *)obj_alloc(type, type->basicsize);
    if (d == NULL) return NULL;
    d->registry = set_new(NULL);
    d->cache = set_new(NULL);
    d->negative = negative_new(atomic_load(&abc_counter));
    if (d->registry == NULL || d->cache == NULL || d->negative == NULL) {
        DECREF((obj_t *)d);
        return NULL;
    }
    return (obj_t *)d;
}

static void abc_data_dealloc(obj_t *o) {
    abc_data_t *d = (abc_data_t *)o;
    XDECREF(d->registry);
    XDECREF(d->cache);
    XDECREF(d->negative);
    obj_free(o);
}

static int abc_data_traverse(obj_t *o, visitproc visit, void *arg) {
    abc_data_t *d = (abc_data_t *)o;
    if (d->registry && visit(d->registry, arg)) return 1;
    if (d->cache && visit(d->cache, arg)) return 1;
    if (d->negative && visit(d->negative, arg)) return 1;
    return 0;
}

static type_t abc_data_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_abc._abc_data",
    .basicsize = sizeof(abc_data_t),
    .base = &object_type,
    .dealloc = abc_data_dealloc,
    .tp_new = abc_data_new,
    .traverse = abc_data_traverse,
    .doc = "The registry and caches of one abstract base class (its _abc_impl).",
};

// ---- sets of weak references ---------------------------------------------------------

// The callback of a weak reference in one of those sets: self is a weak
// reference to the set (so the set does not keep itself alive through its
// members), args[0] the dead reference, which it drops.
static obj_t *weak_set_discard(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_destroy", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *set = obj_call0(self);
    if (set == NULL) return NULL;
    int r = set != None ? set_discard(set, args[0]) : 0;
    DECREF(set);
    if (r < 0) return NULL;
    return NEWREF(None);
}

static const method_def_t weak_set_discard_def = {"_destroy", weak_set_discard, 0, NULL};

static int weak_set_add(obj_t *set, obj_t *o) {
    obj_t *set_ref = obj_call1((obj_t *)&weakref_ref_type, set);
    if (set_ref == NULL) return -1;
    obj_t *cb = cfunction_new(&weak_set_discard_def, set_ref);
    DECREF(set_ref);
    if (cb == NULL) return -1;
    obj_t *args[2] = {o, cb};
    obj_t *ref = obj_call((obj_t *)&weakref_ref_type, args, 2, NULL);
    DECREF(cb);
    if (ref == NULL) return -1;
    int r = set_add(set, ref);
    DECREF(ref);
    return r;
}

// 1 when set holds a weak reference to o, 0 when not (an object that takes
// no weak references is never in one), -1 with an exception.
static int weak_set_contains(obj_t *set, obj_t *o) {
    if (set_size(set) == 0) return 0;
    obj_t *ref = obj_call1((obj_t *)&weakref_ref_type, o);
    if (ref == NULL) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            return 0;
        }
        return -1;
    }
    int r = set_contains(set, ref);
    DECREF(ref);
    return r;
}

// ---- the functions ---------------------------------------------------------------------

// cls._abc_impl, checked: a new reference, or NULL with TypeError.
static abc_data_t *impl_of(obj_t *cls) {
    obj_t *impl = obj_getattr_str(cls, "_abc_impl");
    if (impl == NULL) return NULL;
    if (!OBJ_IS_TYPE(impl, &abc_data_type)) {
        DECREF((obj_t *)impl);
        err_set_str(exc_TypeError, "_abc_impl is set to a wrong type");
        return NULL;
    }
    return (abc_data_t *)impl;
}

static obj_t *abc_get_cache_token(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    (void)args;
    if (args_check("get_cache_token", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(atomic_load(&abc_counter));
}

// 1 when value has a true __isabstractmethod__, 0 when not, -1 + exception.
static int is_abstract(obj_t *value) {
    obj_t *flag = obj_lookup_attr(value, str_intern("__isabstractmethod__"));
    if (flag == NULL) return err_occurred() ? -1 : 0;
    int r = obj_is_true(flag);
    DECREF(flag);
    return r;
}

// frozenset of the names of cls's abstract methods: those of its own
// namespace, and those its bases declare abstract that it still resolves to
// abstract values.
static obj_t *compute_abstracts(obj_t *cls) {
    obj_t *abstracts = set_new(NULL);
    if (abstracts == NULL) return NULL;
    obj_t *ns = NULL, *keys = NULL, *bases = NULL;
    ns = obj_getattr_str(cls, "__dict__");
    if (ns == NULL) goto fail;
    obj_t *kl = obj_call_method(ns, "keys", NULL, 0);
    if (kl == NULL) goto fail;
    keys = obj_call1((obj_t *)&tuple_type, kl);
    DECREF(kl);
    if (keys == NULL) goto fail;
    for (size_t i = 0; i < TUPLE_SIZE(keys); i++) {
        obj_t *key = TUPLE_GET(keys, i);
        obj_t *value = obj_getitem(ns, key);
        if (value == NULL) goto fail;
        int r = is_abstract(value);
        DECREF(value);
        if (r < 0 || (r > 0 && set_add(abstracts, key) < 0)) goto fail;
    }
    bases = obj_getattr_str(cls, "__bases__");
    if (bases == NULL) goto fail;
    if (!OBJ_IS_TYPE(bases, &tuple_type) && !type_is_subtype(TYPE(bases), &tuple_type)) {
        err_set_str(exc_TypeError, "__bases__ is not tuple");
        goto fail;
    }
    for (size_t i = 0; i < TUPLE_SIZE(bases); i++) {
        obj_t *names = obj_lookup_attr(TUPLE_GET(bases, i), str_intern("__abstractmethods__"));
        if (names == NULL) {
            if (err_occurred()) goto fail;
            continue;
        }
        obj_t *it = obj_iter(names);
        DECREF(names);
        if (it == NULL) goto fail;
        obj_t *name;
        while ((name = obj_iternext(it)) != NULL) {
            obj_t *value = obj_lookup_attr(cls, name);
            int r = 0;
            if (value != NULL) {
                r = is_abstract(value);
                DECREF(value);
                if (r > 0) r = set_add(abstracts, name) < 0 ? -1 : 1;
            } else if (err_occurred()) {
                r = -1;
            }
            DECREF(name);
            if (r < 0) {
                DECREF(it);
                goto fail;
            }
        }
        DECREF(it);
        if (err_occurred()) goto fail;
    }
    DECREF(ns);
    DECREF(keys);
    DECREF(bases);
    obj_t *frozen = frozenset_new(abstracts);
    DECREF(abstracts);
    return frozen;
fail:
    XDECREF(ns);
    XDECREF(keys);
    XDECREF(bases);
    DECREF(abstracts);
    return NULL;
}

static obj_t *abc_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    if (args_check("_abc_init", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *cls = args[0];
    obj_t *abstracts = compute_abstracts(cls);
    if (abstracts == NULL) return NULL;
    int r = obj_setattr_str(cls, "__abstractmethods__", abstracts);
    DECREF(abstracts);
    if (r < 0) return NULL;
    obj_t *data = abc_data_new(&abc_data_type, NULL, 0, NULL);
    if (data == NULL) return NULL;
    r = obj_setattr_str(cls, "_abc_impl", data);
    DECREF(data);
    if (r < 0) return NULL;
    // CPython turns __abc_tpflags__ into the type's SEQUENCE/MAPPING flags
    // and deletes it; pvm's match statement reads it from the class dict
    // (core/eval_match.c), so it stays.
    if (OBJ_IS_TYPE(cls, &type_type) || type_is_subtype(TYPE(cls), &type_type)) {
        type_t *t = (type_t *)cls;
        obj_t *flags = t->dict ? dict_get(t->dict, str_intern("__abc_tpflags__")) : NULL;
        if (flags == NULL && err_occurred()) return NULL;
        if (flags != NULL) {
            bool both = IS_SMALLINT(flags) && (SMALLINT_VALUE(flags) & (1 << 5)) &&
                        (SMALLINT_VALUE(flags) & (1 << 6));
            DECREF(flags);
            if (both) {
                err_set_str(exc_TypeError, "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE "
                                           "and Py_TPFLAGS_MAPPING");
                return NULL;
            }
        }
    }
    return NEWREF(None);
}

static obj_t *abc_register(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    if (args_check("_abc_register", nargs, kwnames, 2, 2) < 0) return NULL;
    obj_t *cls = args[0], *subclass = args[1];
    if (!type_is_subtype(TYPE(subclass), &type_type)) {
        err_set_str(exc_TypeError, "Can only register classes");
        return NULL;
    }
    int r = obj_is_subclass(subclass, cls);
    if (r < 0) return NULL;
    if (r > 0) return NEWREF(subclass); // already a subclass
    // Tested after "already a subclass": X.register(X) is allowed, a no-op.
    r = obj_is_subclass(cls, subclass);
    if (r < 0) return NULL;
    if (r > 0) {
        err_set_str(exc_RuntimeError, "Refusing to create an inheritance cycle");
        return NULL;
    }
    abc_data_t *impl = impl_of(cls);
    if (impl == NULL) return NULL;
    r = weak_set_add(impl->registry, subclass);
    DECREF((obj_t *)impl);
    if (r < 0) return NULL;
    // After the add: a check that reads the new value sees the class.
    atomic_fetch_add(&abc_counter, 1);
    return NEWREF(subclass);
}

static obj_t *call_subclasscheck(obj_t *cls, obj_t *subclass) {
    return obj_call_method(cls, "__subclasscheck__", &subclass, 1);
}

static obj_t *abc_instancecheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    if (args_check("_abc_instancecheck", nargs, kwnames, 2, 2) < 0) return NULL;
    obj_t *cls = args[0], *instance = args[1];
    abc_data_t *impl = impl_of(cls);
    if (impl == NULL) return NULL;
    obj_t *result = NULL;
    obj_t *subclass = obj_getattr_str(instance, "__class__");
    if (subclass == NULL) goto done;
    int r = weak_set_contains(impl->cache, subclass);
    if (r != 0) {
        if (r > 0) result = NEWREF(True);
        goto done;
    }
    obj_t *subtype = (obj_t *)TYPE(instance);
    if (subtype == subclass) {
        int64_t version;
        obj_t *negative;
        obj_t *pair = negative_load(impl, &version, &negative);
        r = version == atomic_load(&abc_counter) ? weak_set_contains(negative, subclass) : 0;
        DECREF(pair);
        if (r != 0) {
            if (r > 0) result = NEWREF(False);
            goto done;
        }
        result = call_subclasscheck(cls, subclass);
        goto done;
    }
    result = call_subclasscheck(cls, subclass);
    if (result == NULL) goto done;
    r = obj_is_true(result);
    if (r != 0) {
        if (r < 0) CLEAR(result);
        goto done;
    }
    DECREF(result);
    result = call_subclasscheck(cls, subtype);
done:
    XDECREF(subclass);
    DECREF((obj_t *)impl);
    return result;
}

// 1 when subclass is a subclass of one of the classes registered with impl
// (a snapshot: callbacks and other threads may change the set meanwhile),
// 0 when not, -1 + exception.
static int registry_match(abc_data_t *impl, obj_t *subclass) {
    if (set_size(impl->registry) == 0) return 0;
    obj_t *snapshot = set_new(impl->registry);
    if (snapshot == NULL) return -1;
    ssize_t pos = 0;
    obj_t *ref;
    int found = 0;
    while (found == 0 && set_next(snapshot, &pos, &ref)) {
        obj_t *rcls = obj_call0(ref);
        DECREF(ref);
        if (rcls == NULL) {
            found = -1;
            break;
        }
        if (rcls != None) found = obj_is_subclass(subclass, rcls);
        DECREF(rcls);
    }
    DECREF(snapshot);
    return found;
}

static obj_t *abc_subclasscheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    if (args_check("_abc_subclasscheck", nargs, kwnames, 2, 2) < 0) return NULL;
    obj_t *cls = args[0], *subclass = args[1];
    if (!type_is_subtype(TYPE(subclass), &type_type)) {
        err_set_str(exc_TypeError, "issubclass() arg 1 must be a class");
        return NULL;
    }
    abc_data_t *impl = impl_of(cls);
    if (impl == NULL) return NULL;
    obj_t *result = NULL, *hook = NULL, *subclasses = NULL, *pair = NULL;
    int r;
    // 1. Known subclasses.
    r = weak_set_contains(impl->cache, subclass);
    if (r < 0) goto done;
    if (r > 0) goto yes;
    // 2. Known non-subclasses.  The counter is read before the registry is.
    int64_t token = atomic_load(&abc_counter), version;
    obj_t *negative;
    pair = negative_load(impl, &version, &negative);
    if (version < token) {
        DECREF(pair);
        pair = negative_new(token);
        if (pair == NULL) goto done;
        INCREF(pair);
        qsbr_field_store((obj_t *)impl, &impl->negative, pair);
        version = token;
        negative = TUPLE_GET(pair, 1);
    } else {
        r = weak_set_contains(negative, subclass);
        if (r < 0) goto done;
        if (r > 0) {
            result = NEWREF(False);
            goto done;
        }
    }
    // 3. The subclass hook.
    hook = obj_call_method(cls, "__subclasshook__", &subclass, 1);
    if (hook == NULL) goto done;
    if (hook == True) goto yes;
    if (hook == False) goto no;
    if (hook != NotImplemented) {
        err_set_str(exc_AssertionError,
                    "__subclasshook__ must return either False, True, or NotImplemented");
        goto done;
    }
    // 4. A real subclass.
    obj_t *mro = ((type_t *)subclass)->mro;
    for (size_t i = 0; mro != NULL && i < TUPLE_SIZE(mro); i++)
        if (TUPLE_GET(mro, i) == cls) goto yes;
    // 5. A registered class (not cached, as in CPython), or a subclass of one.
    r = weak_set_contains(impl->registry, subclass);
    if (r != 0) {
        if (r > 0) result = NEWREF(True);
        goto done;
    }
    r = registry_match(impl, subclass);
    if (r < 0) goto done;
    if (r > 0) goto yes;
    // 6. A subclass of a subclass.
    subclasses = obj_call_method(cls, "__subclasses__", NULL, 0);
    if (subclasses == NULL) goto done;
    if (!type_is_subtype(TYPE(subclasses), &list_type)) {
        err_set_str(exc_TypeError, "__subclasses__() must return a list");
        goto done;
    }
    SETREF(subclasses, obj_call1((obj_t *)&tuple_type, subclasses));
    if (subclasses == NULL) goto done;
    for (size_t i = 0; i < TUPLE_SIZE(subclasses); i++) {
        r = obj_is_subclass(subclass, TUPLE_GET(subclasses, i));
        if (r < 0) goto done;
        if (r > 0) goto yes;
    }
no:
    // A newer version than token: a registration this check may have
    // missed, so the answer is not cached.
    if (version == token && weak_set_add(negative, subclass) < 0) goto done;
    result = NEWREF(False);
    goto done;
yes:
    if (weak_set_add(impl->cache, subclass) < 0) goto done;
    result = NEWREF(True);
done:
    XDECREF(hook);
    XDECREF(subclasses);
    XDECREF(pair);
    DECREF((obj_t *)impl);
    return result;
}

static obj_t *abc_get_dump(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    if (args_check("_get_dump", nargs, kwnames, 1, 1) < 0) return NULL;
    abc_data_t *impl = impl_of(args[0]);
    if (impl == NULL) return NULL;
    int64_t version;
    obj_t *negative;
    obj_t *pair = negative_load(impl, &version, &negative);
    obj_t *items[4] = {set_new(impl->registry), set_new(impl->cache), set_new(negative),
                       int_from_i64(version)};
    DECREF(pair);
    DECREF((obj_t *)impl);
    obj_t *result = NULL;
    if (items[0] && items[1] && items[2] && items[3])
        result = tuple_pack(4, items[0], items[1], items[2], items[3]);
    for (int i = 0; i < 4; i++)
        XDECREF(items[i]);
    return result;
}

// Empties one of the sets of args[0]'s state.
static obj_t *reset_set(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                        size_t which) {
    if (args_check(fname, nargs, kwnames, 1, 1) < 0) return NULL;
    abc_data_t *impl = impl_of(args[0]);
    if (impl == NULL) return NULL;
    int64_t version;
    obj_t *negative;
    obj_t *pair = negative_load(impl, &version, &negative);
    obj_t *sets[3] = {impl->registry, impl->cache, negative};
    obj_t *r = obj_call_method(sets[which], "clear", NULL, 0);
    DECREF(pair);
    DECREF((obj_t *)impl);
    return r;
}

static obj_t *abc_reset_registry(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    return reset_set("_reset_registry", args, nargs, kwnames, 0);
}

static obj_t *abc_reset_caches(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    (void)self;
    obj_t *r = reset_set("_reset_caches", args, nargs, kwnames, 1);
    if (r == NULL) return NULL;
    DECREF(r);
    return reset_set("_reset_caches", args, nargs, kwnames, 2);
}

static const method_def_t abc_functions[] = {
    {"get_cache_token", abc_get_cache_token, 0,
     "get_cache_token()\n--\n\nThe invalidation counter: every register() on any ABC changes it, "
     "so "
     "caches of subclass answers keyed by it go stale."},
    {"_abc_init", abc_init, 0, "ABCMeta.__new__'s set-up of a new ABC (for abc.py only)."},
    {"_abc_register", abc_register, 0, "ABCMeta.register (for abc.py only)."},
    {"_abc_instancecheck", abc_instancecheck, 0, "ABCMeta.__instancecheck__ (for abc.py only)."},
    {"_abc_subclasscheck", abc_subclasscheck, 0, "ABCMeta.__subclasscheck__ (for abc.py only)."},
    {"_get_dump", abc_get_dump, 0,
     "Copies of an ABC's registry and caches (sets of weak references) and the counter value "
     "its negative cache is valid for; ABCMeta._dump_registry prints them."},
    {"_reset_registry", abc_reset_registry, 0, "Empties an ABC's registry (for tests)."},
    {"_reset_caches", abc_reset_caches, 0, "Empties an ABC's caches (for tests)."},
    {NULL},
};

obj_t *abc_module_init(void) {
    if (type_ready(&abc_data_type) < 0) return NULL;
    obj_t *m = module_new("_abc");
    if (m == NULL) return NULL;
    if (module_add_functions(m, abc_functions) < 0 ||
        dict_set_str(module_dict(m), "_abc_data", (obj_t *)&abc_data_type) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
