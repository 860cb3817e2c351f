/*
 * core/eval_match.c — what the match statement's opcodes do at run time
 * (the compilation scheme is in core/compile_match.c).
 *
 * Owns: the sequence/mapping classification of subjects, the mapping-key
 * lookup of MATCH_KEYS (map.get(key, sentinel), duplicate keys detected as
 * they come) and the class-pattern protocol of MATCH_CLASS (isinstance,
 * __match_args__, the built-in types that match themselves), with CPython
 * 3.11's messages.
 *
 * Nothing here holds a lock across Python code: `get`, __getattr__,
 * __instancecheck__ and __eq__/__hash__ of keys may run arbitrary code, and
 * only values owned by the caller (registers) or created here are used
 * afterwards.
 */
#include <string.h>

#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/list.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "error.h"
#include "eval_match.h"
#include "runtime.h"

// The first built-in (static) type of a class's MRO: the base whose layout,
// and so whose pattern-matching flags, the class inherits.
static type_t *builtin_base(type_t *t) {
    obj_t *mro = t->mro;
    if (mro != NULL) {
        for (size_t i = 0; i < TUPLE_SIZE(mro); i++) {
            type_t *b = (type_t *)TUPLE_GET(mro, i);
            if (!(b->flags & TPFLAG_HEAPTYPE)) return b;
        }
    }
    while (t != NULL && (t->flags & TPFLAG_HEAPTYPE))
        t = t->base;
    return t;
}

// By name, so that built-in types added later find their CPython flags.
static bool name_in(const char *name, const char *const *names) {
    for (; *names; names++)
        if (strcmp(name, *names) == 0) return true;
    return false;
}

static const char *const sequence_types[] = {
    "list", "tuple", "range", "memoryview", "collections.deque", "array.array", NULL};
static const char *const mapping_types[] = {"dict", "mappingproxy", NULL};
// _Py_TPFLAGS_MATCH_SELF: one positional sub-pattern matches the subject itself.
static const char *const match_self_types[] = {"bool",  "bytearray", "bytes", "dict",
                                               "float", "frozenset", "int",   "list",
                                               "set",   "str",       "tuple", NULL};

// collections.abc.Sequence and Mapping say which flag their subclasses get
// with a class attribute (CPython's _abc turns it into Py_TPFLAGS_SEQUENCE /
// MAPPING = 1 << 5 / 1 << 6; pvm's _abc, lib/_abc.py, leaves it in the class dict).
#define ABC_TPFLAGS_SEQUENCE (1 << 5)
#define ABC_TPFLAGS_MAPPING  (1 << 6)

// A class inherits the flag of the first class of its MRO that has one, as
// CPython's type_ready does: a built-in base by name, a Python class by its own
// __abc_tpflags__.  -1: no class has one.
static int heap_match_kind(type_t *t) {
    obj_t *mro = t->mro;
    if (mro == NULL) return -1;
    for (size_t i = 0; i < TUPLE_SIZE(mro); i++) {
        type_t *b = (type_t *)TUPLE_GET(mro, i);
        if (!(b->flags & TPFLAG_HEAPTYPE)) {
            if (name_in(b->name, sequence_types)) return MATCH_KIND_SEQUENCE;
            if (name_in(b->name, mapping_types)) return MATCH_KIND_MAPPING;
            continue;
        }
        if (b->dict == NULL) continue;
        obj_t *f = dict_get(b->dict, str_intern("__abc_tpflags__"));
        if (f == NULL) {
            err_clear();
            continue;
        }
        int64_t bits = IS_SMALLINT(f) ? SMALLINT_VALUE(f) : 0;
        DECREF(f);
        if (bits & ABC_TPFLAGS_SEQUENCE) return MATCH_KIND_SEQUENCE;
        if (bits & ABC_TPFLAGS_MAPPING) return MATCH_KIND_MAPPING;
    }
    return MATCH_KIND_NONE;
}

// issubclass(t, _collections_abc.<name>) through a registration of a Python
// class: CPython's register() leaves built-in (immutable) types and their
// subclasses unflagged, so `class S(str)` is no sequence although str is
// registered.  1, 0, or -1 when the check raised (cleared: CPython's check
// runs no Python code, so there is nothing to report).
static int abc_subclass(obj_t *abc_mod, type_t *t, const char *name) {
    obj_t *abc = obj_getattr_str(abc_mod, name);
    int r = abc ? obj_is_subclass((obj_t *)t, abc) : -1;
    obj_t *mro = t->mro;
    for (size_t i = 0; r > 0 && mro != NULL && i < TUPLE_SIZE(mro); i++) {
        type_t *b = (type_t *)TUPLE_GET(mro, i);
        if (!(b->flags & TPFLAG_HEAPTYPE) && b != &object_type) {
            int s = obj_is_subclass((obj_t *)b, abc);
            if (s != 0) r = s < 0 ? -1 : 0;
        }
    }
    XDECREF(abc);
    if (r < 0) err_clear();
    return r;
}

// The answers of registered_match_kind, per thread (so no lock), keyed by the
// type's version tag (globally unique, new when the type or a base changes)
// and lib/_abc.py's _abc_invalidation_counter (bumped by every register(),
// after the class is in the registry; read here before the registry is).
#define REG_CACHE_SIZE 64
static _Thread_local struct {
    uint32_t version;
    int64_t counter;
    int kind;
} reg_cache[REG_CACHE_SIZE];

// A class registered after the fact (`Sequence.register(C)`, or a registered
// base): CPython's register() sets the flag on the class and its subclasses;
// pvm's _abc (lib/_abc.py) keeps only its registry, so ask it.  Without
// collections.abc loaded nothing can have been registered.
static int registered_match_kind(type_t *t) {
    obj_t *mod = dict_get(pvm_rt.modules, str_intern("_collections_abc"));
    if (mod == NULL) {
        err_clear();
        return MATCH_KIND_NONE;
    }
    int64_t counter = -1;
    obj_t *abc = dict_get(pvm_rt.modules, str_intern("_abc"));
    obj_t *cnt = abc ? obj_getattr_str(abc, "_abc_invalidation_counter") : NULL;
    if (cnt && IS_SMALLINT(cnt)) counter = SMALLINT_VALUE(cnt);
    XDECREF(cnt);
    XDECREF(abc);
    err_clear();
    uint32_t version = atomic_load_explicit(&t->version, memory_order_acquire);
    size_t slot = (size_t)version % REG_CACHE_SIZE;
    if (version != 0 && counter >= 0 && reg_cache[slot].version == version &&
        reg_cache[slot].counter == counter) {
        DECREF(mod);
        return reg_cache[slot].kind;
    }
    int kind = MATCH_KIND_NONE, s = -1, m = -1;
    for (int tries = 0; tries < 4 && (s < 0 || m < 0); tries++) {
        s = abc_subclass(mod, t, "Sequence");
        m = s == 0 ? abc_subclass(mod, t, "Mapping") : 0;
    }
    if (s > 0)
        kind = MATCH_KIND_SEQUENCE;
    else if (m > 0)
        kind = MATCH_KIND_MAPPING;
    DECREF(mod);
    if (version != 0 && counter >= 0 && s >= 0 && m >= 0) {
        reg_cache[slot].version = version;
        reg_cache[slot].counter = counter;
        reg_cache[slot].kind = kind;
    }
    return kind;
}

int eval_match_kind(obj_t *v) {
    type_t *t = TYPE(v);
    if (t == &list_type || t == &tuple_type) return MATCH_KIND_SEQUENCE;
    if (t == &dict_type) return MATCH_KIND_MAPPING;
    if (t->flags & TPFLAG_HEAPTYPE) {
        int k = heap_match_kind(t);
        if (k == MATCH_KIND_NONE) k = registered_match_kind(t);
        if (k >= 0) return k;
    }
    // A built-in subclass (collections.defaultdict of dict) inherits its
    // base's flags, as CPython's static types do.
    for (type_t *b = builtin_base(t); b != NULL; b = b->base) {
        if (name_in(b->name, sequence_types)) return MATCH_KIND_SEQUENCE;
        if (name_in(b->name, mapping_types)) return MATCH_KIND_MAPPING;
    }
    return MATCH_KIND_NONE;
}

// Keys whose hash and equality run no Python code: the duplicate check may compare them
// pairwise instead of through a set without any observable difference.
static bool plain_key(obj_t *k) {
    if (IS_SMALLINT(k)) return true;
    type_t *t = TYPE(k);
    return t == &str_type || t == &int_type || t == &float_type || t == &bool_type ||
           t == &none_type || t == &bytes_type;
}

// Pairwise duplicate check (at most this many keys, all plain).
#define PAIRWISE_MAX 8

obj_t *eval_match_keys(obj_t *map, obj_t *keys) {
    if (!OBJ_IS_TYPE(keys, &tuple_type)) { // only a crafted cache file gets here
        err_set_str(exc_SystemError, "MATCH_KEYS needs a tuple of keys");
        return NULL;
    }
    size_t n = TUPLE_SIZE(keys);
    if (n == 0) return tuple_new(0);
    bool pairwise = n <= PAIRWISE_MAX;
    for (size_t i = 0; i < n && pairwise; i++)
        pairwise = plain_key(TUPLE_GET(keys, i));
    // An exact dict's get() cannot be overridden: look the keys up directly.
    bool exact = OBJ_IS_TYPE(map, &dict_type);
    obj_t *get = NULL, *seen = NULL, *dummy = NULL, *values = NULL, *result = NULL;
    if (!exact) {
        get = obj_getattr_str(map, "get");
        if (get == NULL) goto done;
        dummy = obj_call0((obj_t *)&object_type);
        if (dummy == NULL) goto done;
    }
    if (!pairwise) {
        seen = set_new(NULL);
        if (seen == NULL) goto done;
    }
    values = tuple_new(n);
    if (values == NULL) goto done;
    for (size_t i = 0; i < n; i++) {
        obj_t *key = TUPLE_GET(keys, i);
        int r = 0;
        if (pairwise) {
            for (size_t j = 0; j < i && r == 0; j++)
                r = obj_richcompare_bool(TUPLE_GET(keys, j), key, CMP_EQ_OP);
        } else {
            r = set_contains(seen, key);
            if (r == 0 && set_add(seen, key) < 0) r = -1;
        }
        if (r < 0) goto done;
        if (r > 0) {
            err_format(exc_ValueError, "mapping pattern checks duplicate key (%R)", key);
            goto done;
        }
        obj_t *value;
        if (exact) {
            value = dict_get(map, key);
            if (value == NULL && err_occurred()) goto done;
        } else {
            value = obj_call2(get, key, dummy);
            if (value == NULL) goto done;
            if (value == dummy) {
                DECREF(value);
                value = NULL;
            }
        }
        if (value == NULL) { // missing
            result = NEWREF(None);
            goto done;
        }
        TUPLE_SET(values, i, value);
    }
    result = values;
    values = NULL;
done:
    if (values != NULL) {
        // Fill the rest so the half-built tuple can be released.
        for (size_t i = 0; i < n; i++)
            if (TUPLE_GET(values, i) == NULL) TUPLE_SET(values, i, NEWREF(None));
        DECREF(values);
    }
    if (get) DECREF(get);
    if (seen) DECREF(seen);
    if (dummy) DECREF(dummy);
    return result;
}

// One attribute for a class pattern: NULL with no exception when missing.
// `names[0..k)` are the attributes already taken (exact strs); `seen` (a set, or NULL while
// there are few names) holds them too.
static obj_t *class_attr(obj_t *subject, type_t *type, obj_t *name, obj_t *const *names, size_t k,
                         obj_t *seen, bool *failed) {
    int r = 0;
    if (seen == NULL) {
        for (size_t j = 0; j < k && r == 0; j++)
            r = str_eq(names[j], name);
    } else {
        r = set_contains(seen, name);
        if (r == 0 && set_add(seen, name) < 0) r = -1;
    }
    if (r < 0) {
        *failed = true;
        return NULL;
    }
    if (r > 0) {
        err_format(exc_TypeError, "%s() got multiple sub-patterns for attribute %R", type->name,
                   name);
        *failed = true;
        return NULL;
    }
    obj_t *v = obj_getattr(subject, name);
    if (v == NULL) {
        if (err_matches(exc_AttributeError))
            err_clear();
        else
            *failed = true;
    }
    return v;
}

obj_t *eval_match_class(obj_t *subject, obj_t *cls, size_t nargs, obj_t *kwnames) {
    if (!OBJ_IS_TYPE(kwnames, &tuple_type)) { // only a crafted cache file gets here
        err_set_str(exc_SystemError, "MATCH_CLASS needs a tuple of attribute names");
        return NULL;
    }
    for (size_t i = 0; i < TUPLE_SIZE(kwnames); i++) {
        if (!STR_EXACT(TUPLE_GET(kwnames, i))) {
            err_set_str(exc_SystemError, "MATCH_CLASS needs a tuple of attribute names");
            return NULL;
        }
    }
    if (!TYPE_CHECK(cls)) {
        err_set_str(exc_TypeError, "called match pattern must be a type");
        return NULL;
    }
    type_t *type = (type_t *)cls;
    int inst = obj_is_instance(subject, cls);
    if (inst < 0) return NULL;
    if (!inst) return NEWREF(None);
    size_t nkw = TUPLE_SIZE(kwnames);
    obj_t *seen = NULL, *match_args = NULL, *attrs = NULL, *result = NULL;
    bool failed = false;
    size_t k = 0; // attributes found so far
    bool match_self = false;
    obj_t *taken[PAIRWISE_MAX]; // names taken so far, while they are few (else `seen`)
    size_t ntaken = 0;
    if (nargs > 0) {
        match_args = obj_getattr_str(cls, "__match_args__");
        if (match_args != NULL) {
            if (!OBJ_IS_TYPE(match_args, &tuple_type)) {
                err_format(exc_TypeError, "%s.__match_args__ must be a tuple (got %T)", type->name,
                           match_args);
                goto done;
            }
        } else if (err_matches(exc_AttributeError)) {
            // Only a class without __match_args__ keeps its base's "matches itself".
            err_clear();
            match_args = tuple_new(0);
            if (match_args == NULL) goto done;
            type_t *b = builtin_base(type);
            match_self = b != NULL && name_in(b->name, match_self_types);
        } else {
            goto done;
        }
        size_t allowed = match_self ? 1 : TUPLE_SIZE(match_args);
        if (allowed < nargs) {
            err_format(exc_TypeError, "%s() accepts %zu positional sub-pattern%s (%zu given)",
                       type->name, allowed, allowed == 1 ? "" : "s", nargs);
            goto done;
        }
    }
    // nargs is now at most len(__match_args__) (or 1): the tuple size is bounded.
    attrs = tuple_new(nargs + nkw);
    if (attrs == NULL) goto done;
    if (nargs + nkw > PAIRWISE_MAX) {
        seen = set_new(NULL);
        if (seen == NULL) goto done;
    }
    if (nargs > 0) {
        if (match_self) {
            TUPLE_SET(attrs, k++, NEWREF(subject));
        } else {
            for (size_t i = 0; i < nargs; i++) {
                obj_t *name = TUPLE_GET(match_args, i);
                if (!STR_EXACT(name)) {
                    err_format(exc_TypeError, "__match_args__ elements must be strings (got %T)",
                               name);
                    goto done;
                }
                obj_t *v = class_attr(subject, type, name, taken, ntaken, seen, &failed);
                if (seen == NULL) taken[ntaken++] = name;
                if (v == NULL) {
                    if (!failed) result = NEWREF(None);
                    goto done;
                }
                TUPLE_SET(attrs, k++, v);
            }
        }
    }
    for (size_t i = 0; i < nkw; i++) {
        obj_t *name = TUPLE_GET(kwnames, i);
        obj_t *v = class_attr(subject, type, name, taken, ntaken, seen, &failed);
        if (seen == NULL) taken[ntaken++] = name;
        if (v == NULL) {
            if (!failed) result = NEWREF(None);
            goto done;
        }
        TUPLE_SET(attrs, k++, v);
    }
    result = attrs;
    attrs = NULL;
done:
    if (attrs != NULL) {
        for (size_t i = k; i < nargs + nkw; i++)
            TUPLE_SET(attrs, i, NEWREF(None));
        DECREF(attrs);
    }
    if (seen) DECREF(seen);
    if (match_args) DECREF(match_args);
    return result;
}
