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

int eval_match_kind(obj_t *v) {
    type_t *t = TYPE(v);
    if (t == &list_type || t == &tuple_type) return MATCH_KIND_SEQUENCE;
    if (t == &dict_type) return MATCH_KIND_MAPPING;
    type_t *b = builtin_base(t);
    if (b == NULL) return MATCH_KIND_NONE;
    if (name_in(b->name, sequence_types)) return MATCH_KIND_SEQUENCE;
    if (name_in(b->name, mapping_types)) return MATCH_KIND_MAPPING;
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
