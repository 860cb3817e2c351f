/*
 * objects/type.c — `type` and `object`, type_ready() for builtin types, and
 * classes created by `class` statements (heap types).
 *
 * Builtin types are static tables; type_ready() finishes them once: base
 * defaults to object, bases/mro tuples, __name__, a dict holding slot
 * wrappers (typeslots.c), methods, members, getsets, `__new__` and
 * `__doc__`, then every NULL slot is inherited from the base.  It is
 * idempotent and serialized by one global recursive mutex, so
 * type_ensure_ready() may be called lazily from any thread.
 *
 * Heap types (type_new_class): C3 MRO, the layout of the "solid" base plus
 * an instance dict slot (or __slots__ members), slots chosen from the
 * dunders along the MRO (typeslots.c).  A class made by a class statement
 * of a module body (or of a class body outside any function) is made
 * immortal with its dict, MRO and class-body values (type_immortalize):
 * every thread reads it and none writes its counts.  Every other class
 * (made inside a function, by type(), or by a metaclass's __new__) is an
 * ordinary counted object: each instance holds a reference to its class
 * (obj_alloc / obj_free), and since the MRO holds the class itself, a
 * class only dies through the cycle collector (type_traverse, type_clear,
 * type_dealloc).  Borrowed references to class attributes (type_lookup)
 * stay valid while the class dict holds them: a value the dict drops is
 * released after a grace period (gc/qsbr.h).
 * Every heap type is recorded in a registry (for slot updates after
 * `Cls.__add__ = f` and for __subclasses__), which holds no reference:
 * walkers take one with obj_try_incref and skip a class that is dying.
 *
 * Attribute lookup on types (type_getattro): data descriptors of the
 * metatype, then the type's own MRO (binding descriptors with obj=NULL),
 * then other metatype attributes.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/unraisable.h"
#include "../core/eval.h"
#include "../core/unraisable.h"
#include "../gc/qsbr.h"
#include "../gc/gc.h"
#include "../threads/stw.h"
#include "dict.h"
#include "bytes.h"
#include "exceptions.h"
#include "float.h"
#include "int.h"
#include "module.h"
#include "list.h"
#include "method.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"
#include "../modules/weakref.h"

static pthread_mutex_t ready_lock;
static pthread_once_t ready_lock_once = PTHREAD_ONCE_INIT;

static void ready_lock_init(void) {
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&ready_lock, &a);
    pthread_mutexattr_destroy(&a);
}

static inline uint32_t load_flags(type_t *t) {
    return __atomic_load_n(&t->flags, __ATOMIC_ACQUIRE);
}

// ---- heap type registry -------------------------------------------------------------

static pthread_mutex_t heap_lock = PTHREAD_MUTEX_INITIALIZER;
static type_t **heap_types;
static size_t n_heap, cap_heap;

static int register_heap_type(type_t *t) {
    int r = 0;
    pthread_mutex_lock(&heap_lock);
    if (n_heap == cap_heap) {
        size_t cap = cap_heap ? cap_heap * 2 : 64;
        type_t **a = realloc(heap_types, cap * sizeof(type_t *));
        if (a == NULL)
            r = -1;
        else {
            heap_types = a;
            cap_heap = cap;
        }
    }
    if (r == 0) {
        weakref_mark((obj_t *)t); // its death goes through the shared count: obj_try_incref
        heap_types[n_heap++] = t;
    }
    pthread_mutex_unlock(&heap_lock);
    if (r < 0) err_no_memory();
    return r;
}

// Called by type_dealloc before anything is freed: from then on no walker
// can find t (walkers copy the registry under the same lock).
static void unregister_heap_type(type_t *t) {
    pthread_mutex_lock(&heap_lock);
    for (size_t i = n_heap; i-- > 0;) {
        if (heap_types[i] == t) {
            heap_types[i] = heap_types[--n_heap];
            break;
        }
    }
    pthread_mutex_unlock(&heap_lock);
}

// Calls fn on every live heap type, each held by a reference for the call:
// a class whose count already reached zero, or that the running collection
// found unreachable, is skipped (it is being torn down).
void heaptypes_foreach(void (*fn)(type_t *t, void *arg), void *arg) {
    pthread_mutex_lock(&heap_lock);
    size_t n = 0;
    type_t **snap = n_heap ? malloc(n_heap * sizeof(type_t *)) : NULL;
    for (size_t i = 0; snap != NULL && i < n_heap; i++) {
        obj_t *o = (obj_t *)heap_types[i];
        if (!(atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_GARBAGE) &&
            obj_try_incref(o))
            snap[n++] = heap_types[i];
    }
    pthread_mutex_unlock(&heap_lock);
    if (snap == NULL) return;
    for (size_t i = 0; i < n; i++)
        fn(snap[i], arg);
    for (size_t i = 0; i < n; i++)
        DECREF((obj_t *)snap[i]);
    free(snap);
}

// Version tags: every ready type has a unique non-zero tag; a modification
// gives the type and all its subclasses fresh tags.  (type, tag) therefore
// names one state of a class's MRO dicts, which the method cache below and
// the interpreter's inline caches rely on.
static _Atomic uint32_t next_version_tag = 1;

static void assign_version(type_t *t) {
    uint32_t v = atomic_fetch_add_explicit(&next_version_tag, 1, memory_order_relaxed);
    if (v == 0) // wrapped around: 0 means "no tag"
        v = atomic_fetch_add_explicit(&next_version_tag, 1, memory_order_relaxed);
    atomic_store_explicit(&t->version, v, memory_order_release);
}

static void bump_version(type_t *t, void *arg) {
    type_t *changed = arg;
    if (t != changed && type_is_subtype(t, changed)) assign_version(t);
}

void type_modified(type_t *type) {
    assign_version(type);
    if (load_flags(type) & TPFLAG_HAS_SUBCLASS) heaptypes_foreach(bump_version, type);
}

// ---- lookup ---------------------------------------------------------------------------

static obj_t *dict_lookup_borrowed(obj_t *d, obj_t *name) {
    obj_t *v = dict_get(d, name);
    if (v != NULL) DECREF(v); // the class dict keeps it alive (see the top of this file)
    return v;
}

// Method cache: a global table of (version tag, interned name) -> borrowed
// value (NULL = not found), as CPython's.  Entries are published with a
// per-entry sequence counter (odd while being written), so readers take no
// lock and never see a torn entry; a writer that loses the race skips
// caching.  Only ready types with a tag and interned names are cached.
#define MCACHE_BITS 12
#define MCACHE_SIZE (1u << MCACHE_BITS)
typedef struct {
    _Atomic uint32_t seq;
    _Atomic uint32_t version;
    obj_t *_Atomic name;
    obj_t *_Atomic value;
} mcache_entry_t;
static mcache_entry_t mcache[MCACHE_SIZE];

static inline size_t mcache_index(uint32_t version, obj_t *name) {
    uintptr_t h = (uintptr_t)version * 2654435761u ^ ((uintptr_t)name >> 4);
    return (h ^ (h >> MCACHE_BITS)) & (MCACHE_SIZE - 1);
}

static obj_t *lookup_mro(type_t *type, obj_t *name) {
    obj_t *mro = type->mro;
    if (mro == NULL) {
        for (type_t *t = type; t != NULL; t = t->base) {
            if (t->dict != NULL) {
                obj_t *v = dict_lookup_borrowed(t->dict, name);
                if (v != NULL) return v;
            }
        }
        return NULL;
    }
    size_t n = TUPLE_SIZE(mro);
    for (size_t i = 0; i < n; i++) {
        type_t *t = (type_t *)TUPLE_GET(mro, i);
        if (t->dict == NULL) continue;
        obj_t *v = dict_lookup_borrowed(t->dict, name);
        if (v != NULL) return v;
    }
    return NULL;
}

obj_t *type_lookup(type_t *type, obj_t *name) {
    uint32_t fl = load_flags(type);
    if (PVM_UNLIKELY(!(fl & TPFLAG_READY))) {
        if (!(fl & TPFLAG_READYING) && type_ensure_ready(type) < 0) err_clear();
        return lookup_mro(type, name);
    }
    uint32_t version = atomic_load_explicit(&type->version, memory_order_acquire);
    if (version == 0 || !STR_CHECK(name) || !((str_t *)name)->interned)
        return lookup_mro(type, name);
    mcache_entry_t *e = &mcache[mcache_index(version, name)];
    uint32_t s1 = atomic_load_explicit(&e->seq, memory_order_acquire);
    if (!(s1 & 1)) {
        uint32_t v = atomic_load_explicit(&e->version, memory_order_relaxed);
        obj_t *n = atomic_load_explicit(&e->name, memory_order_relaxed);
        obj_t *val = atomic_load_explicit(&e->value, memory_order_relaxed);
        atomic_thread_fence(memory_order_acquire);
        if (atomic_load_explicit(&e->seq, memory_order_relaxed) == s1 && v == version && n == name)
            return val;
    }
    obj_t *res = lookup_mro(type, name);
    uint32_t s = atomic_load_explicit(&e->seq, memory_order_relaxed);
    if (!(s & 1) && atomic_compare_exchange_strong_explicit(
                        &e->seq, &s, s + 1, memory_order_acquire, memory_order_relaxed)) {
        atomic_thread_fence(memory_order_release);
        atomic_store_explicit(&e->version, version, memory_order_relaxed);
        atomic_store_explicit(&e->name, name, memory_order_relaxed);
        atomic_store_explicit(&e->value, res, memory_order_relaxed);
        atomic_store_explicit(&e->seq, s + 2, memory_order_release);
    }
    return res;
}

// ---- MRO ----------------------------------------------------------------------------------

static obj_t *type_qualname_str(type_t *t) {
    return t->qualname_obj ? t->qualname_obj : t->name_obj;
}

static void set_mro_error(obj_t **lists, size_t nlists, size_t *remain) {
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_cstr(&b, "Cannot create a consistent method resolution\norder (MRO) for bases");
    obj_t *seen[64];
    size_t nseen = 0;
    for (size_t i = 0; i < nlists; i++) {
        if (remain[i] >= TUPLE_SIZE(lists[i])) continue;
        obj_t *c = TUPLE_GET(lists[i], remain[i]);
        bool dup = false;
        for (size_t k = 0; k < nseen; k++)
            if (seen[k] == c) dup = true;
        if (dup || nseen == 64) continue;
        seen[nseen++] = c;
        str_builder_add_cstr(&b, nseen == 1 ? " " : ", ");
        str_builder_add_cstr(&b, ((type_t *)c)->name);
    }
    obj_t *msg = str_builder_finish(&b);
    if (msg != NULL) {
        err_set(exc_TypeError, msg);
        DECREF(msg);
    }
}

static bool tail_contains(obj_t *list, size_t from, obj_t *c) {
    for (size_t j = from + 1; j < TUPLE_SIZE(list); j++)
        if (TUPLE_GET(list, j) == c) return true;
    return false;
}

// C3 linearization of `type` with the given bases (a tuple of ready types).
static obj_t *compute_mro(type_t *type, obj_t *bases) {
    size_t nb = TUPLE_SIZE(bases);
    if (nb == 0) return tuple_pack(1, (obj_t *)type);
    if (nb == 1) {
        obj_t *bm = ((type_t *)TUPLE_GET(bases, 0))->mro;
        size_t n = TUPLE_SIZE(bm);
        obj_t *m = tuple_new(n + 1);
        if (m == NULL) return NULL;
        TUPLE_SET(m, 0, NEWREF((obj_t *)type));
        for (size_t i = 0; i < n; i++)
            TUPLE_SET(m, i + 1, NEWREF(TUPLE_GET(bm, i)));
        return m;
    }
    size_t nlists = nb + 1, total = 1;
    obj_t **lists = malloc(nlists * sizeof(obj_t *));
    size_t *remain = calloc(nlists, sizeof(size_t));
    if (lists == NULL || remain == NULL) {
        free(lists);
        free(remain);
        return err_no_memory();
    }
    for (size_t i = 0; i < nb; i++) {
        lists[i] = ((type_t *)TUPLE_GET(bases, i))->mro;
        total += TUPLE_SIZE(lists[i]);
    }
    lists[nb] = bases;
    obj_t **out = malloc(total * sizeof(obj_t *));
    obj_t *result = NULL;
    if (out == NULL) {
        err_no_memory();
        goto done;
    }
    size_t nout = 0;
    out[nout++] = (obj_t *)type;
    for (;;) {
        bool empty = true, progress = false;
        for (size_t i = 0; i < nlists; i++) {
            if (remain[i] >= TUPLE_SIZE(lists[i])) continue;
            empty = false;
            obj_t *cand = TUPLE_GET(lists[i], remain[i]);
            bool blocked = false;
            for (size_t j = 0; j < nlists && !blocked; j++)
                if (remain[j] < TUPLE_SIZE(lists[j]) && tail_contains(lists[j], remain[j], cand))
                    blocked = true;
            if (blocked) continue;
            out[nout++] = cand;
            for (size_t j = 0; j < nlists; j++)
                if (remain[j] < TUPLE_SIZE(lists[j]) && TUPLE_GET(lists[j], remain[j]) == cand)
                    remain[j]++;
            progress = true;
            break;
        }
        if (empty) break;
        if (!progress) {
            set_mro_error(lists, nlists, remain);
            goto done;
        }
    }
    result = tuple_from_array(out, nout);
done:
    free(out);
    free(lists);
    free(remain);
    return result;
}

// ---- type_ready -----------------------------------------------------------------------------

static int dict_setdefault(obj_t *dict, obj_t *name, obj_t *v) {
    int has = dict_contains(dict, name);
    if (has != 0) return has < 0 ? -1 : 0;
    return dict_set(dict, name, v);
}

static int add_methods(type_t *type) {
    for (const method_def_t *d = type->methods; d && d->name; d++) {
        obj_t *v;
        if (d->flags & METH_CLASS) {
            v = classmethoddescr_new(type, d);
        } else if (d->flags & METH_STATIC) {
            obj_t *f = cfunction_new(d, NULL);
            if (f == NULL) return -1;
            v = staticmethod_new(f);
            DECREF(f);
        } else {
            v = methoddescr_new(type, d);
        }
        if (v == NULL) return -1;
        int r = dict_setdefault(type->dict, str_intern(d->name), v);
        DECREF(v);
        if (r < 0) return -1;
    }
    for (const member_def_t *m = type->members; m && m->name; m++) {
        obj_t *v = memberdescr_new(type, m);
        if (v == NULL) return -1;
        int r = dict_setdefault(type->dict, str_intern(m->name), v);
        DECREF(v);
        if (r < 0) return -1;
    }
    for (const getset_def_t *g = type->getsets; g && g->name; g++) {
        obj_t *v = getsetdescr_new(type, g);
        if (v == NULL) return -1;
        int r = dict_setdefault(type->dict, str_intern(g->name), v);
        DECREF(v);
        if (r < 0) return -1;
    }
    return 0;
}

const method_def_t tp_new_def; // defined below

#define INHERIT(f)                                                                                 \
    if (type->f == NULL) type->f = base->f

static void inherit_slots(type_t *type, type_t *base) {
    INHERIT(dealloc);
    INHERIT(repr);
    INHERIT(str);
    INHERIT(hash);
    INHERIT(richcompare);
    INHERIT(getattro);
    INHERIT(setattro);
    INHERIT(call);
    INHERIT(iter);
    INHERIT(iternext);
    INHERIT(descr_get);
    INHERIT(descr_set);
    INHERIT(tp_init);
    for (int i = 0; i < BINOP_COUNT; i++) {
        INHERIT(nb[i]);
        INHERIT(nb_inplace[i]);
    }
    INHERIT(nb_neg);
    INHERIT(nb_pos);
    INHERIT(nb_abs);
    INHERIT(nb_invert);
    INHERIT(nb_bool);
    INHERIT(nb_int);
    INHERIT(nb_float);
    INHERIT(nb_index);
    INHERIT(len);
    INHERIT(getitem);
    INHERIT(setitem);
    INHERIT(contains);
    INHERIT(traverse);
    INHERIT(clear);
    if (type->tp_new == NULL && base != &object_type) type->tp_new = base->tp_new;
    if (type->basicsize == 0) type->basicsize = base->basicsize;
    if (type->dictoffset == 0) type->dictoffset = base->dictoffset;
    // Atomic: other threads test the flags of a built-in type that is being
    // readied lazily (type_has_flag, type_ensure_ready) while this runs.
    __atomic_fetch_or(&type->flags,
                      load_flags(base) &
                          (TPFLAG_INT_SUBCLASS | TPFLAG_STR_SUBCLASS | TPFLAG_TUPLE_SUBCLASS |
                           TPFLAG_LIST_SUBCLASS | TPFLAG_DICT_SUBCLASS | TPFLAG_TYPE_SUBCLASS |
                           TPFLAG_EXC_SUBCLASS | TPFLAG_BYTES_SUBCLASS),
                      __ATOMIC_RELAXED);
}

extern type_t classmethoddescr_type;
static int ready_extra_types(void);

static int do_type_ready(type_t *type) {
    type_t *base = type->base;
    if (base == NULL && type != &object_type) base = type->base = &object_type;
    if (base != NULL && type_ready(base) < 0) return -1;
    if (type->bases == NULL) {
        obj_t *b = base ? tuple_pack(1, (obj_t *)base) : tuple_new(0);
        if (b == NULL) return -1;
        obj_immortalize(b);
        type->bases = b;
    }
    for (size_t i = 0; i < TUPLE_SIZE(type->bases); i++)
        if (type_ready((type_t *)TUPLE_GET(type->bases, i)) < 0) return -1;
    if (type->name_obj == NULL) {
        const char *dot = strrchr(type->name, '.');
        obj_t *n = str_intern(dot ? dot + 1 : type->name);
        type->name_obj = n;
        if (dot && type->module_obj == NULL) {
            obj_t *m = str_from_utf8_trusted(type->name, (size_t)(dot - type->name));
            if (m == NULL) return -1;
            obj_immortalize(m);
            type->module_obj = m;
        }
    }
    if (type->qualname_obj == NULL) type->qualname_obj = type->name_obj;
    if (type->dict == NULL) {
        obj_t *d = dict_new();
        if (d == NULL) return -1;
        obj_immortalize(d);
        type->dict = d;
    }
    // Slot wrappers for the slots this type defines itself, then methods
    // (CPython's order: operators win over same-named methods).
    if (typeslots_add_wrappers(type) < 0 || add_methods(type) < 0) return -1;
    if (type->tp_new != NULL) {
        obj_t *f = cfunction_new(&tp_new_def, (obj_t *)type);
        if (f == NULL) return -1;
        obj_immortalize(f);
        if (dict_setdefault(type->dict, ID(__new__), f) < 0) return -1;
    }
    {
        obj_t *doc = type->doc ? str_from_cstr(type->doc) : NEWREF(None);
        if (doc == NULL) return -1;
        int r = dict_setdefault(type->dict, ID(__doc__), doc);
        DECREF(doc);
        if (r < 0) return -1;
    }
    if (base != NULL) inherit_slots(type, base);
    if (type->basicsize == 0) type->basicsize = sizeof(obj_t);
    obj_t *mro = compute_mro(type, type->bases);
    if (mro == NULL) return -1;
    obj_immortalize(mro);
    type->mro = mro;
    return 0;
}

// A built-in type lives as long as the process, and so do the descriptors
// and constants in its dict: make them immortal, so threads that look them
// up (obj.__class__, str.join ...) write no shared reference counts.
static void immortalize_static_dict(type_t *type) {
    if (type->dict == NULL) return;
    ssize_t pos = 0;
    obj_t *k, *v;
    while (dict_next(type->dict, &pos, &k, &v)) {
        obj_immortalize(k);
        obj_immortalize(v);
        DECREF(k);
        DECREF(v);
    }
}

int type_ready(type_t *type) {
    pthread_once(&ready_lock_once, ready_lock_init);
    if (load_flags(type) & TPFLAG_READY) return 0;
    pthread_mutex_lock(&ready_lock);
    int r = 0;
    uint32_t fl = load_flags(type);
    if (!(fl & (TPFLAG_READY | TPFLAG_READYING))) {
        __atomic_store_n(&type->flags, fl | TPFLAG_READYING, __ATOMIC_RELEASE);
        r = do_type_ready(type);
        fl = load_flags(type) & ~TPFLAG_READYING;
        if (r == 0 && !(fl & TPFLAG_HEAPTYPE)) immortalize_static_dict(type);
        if (r == 0) {
            assign_version(type);
            fl |= TPFLAG_READY;
        }
        __atomic_store_n(&type->flags, fl, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&ready_lock);
    if (r == 0 && type == &object_type) r = ready_extra_types();
    return r;
}

int type_ensure_ready(type_t *type) {
    if (load_flags(type) & TPFLAG_READY) return 0;
    return type_ready(type);
}

static int ready_extra_types(void) {
    static type_t *const extra[] = {
        &type_type,        &wrapperdescr_type,  &methodwrapper_type,
        &memberdescr_type, &getsetdescr_type,   &classmethoddescr_type,
        &methoddescr_type, &cfunction_type,     &method_type,
        &union_type,       &generic_alias_type,
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (type_ready(extra[i]) < 0) return -1;
    return 0;
}

// ---- helpers for names ------------------------------------------------------------------------

// __module__ of a type as a str (new ref), or NULL for builtins.
static obj_t *type_module(type_t *t) {
    if (type_has_flag(t, TPFLAG_HEAPTYPE)) {
        obj_t *m = dict_get(t->dict, ID(__module__));
        if (m != NULL && STR_CHECK(m)) return m;
        XDECREF(m);
        return NULL;
    }
    if (t->module_obj != NULL) return NEWREF(t->module_obj);
    return NULL;
}

// ---- object
// ---------------------------------------------------------------------------------------

static void object_dealloc(obj_t *self) {
    obj_free(self);
}

static obj_t *object_repr(obj_t *self) {
    type_t *t = TYPE(self);
    obj_t *mod = type_module(t);
    obj_t *r;
    if (mod != NULL && !str_eq_cstr(mod, "builtins"))
        r = str_from_format("<%U.%U object at %p>", mod, type_qualname_str(t), (void *)self);
    else
        r = str_from_format("<%s object at %p>", t->name, (void *)self);
    XDECREF(mod);
    return r;
}

static obj_t *object_str(obj_t *self) {
    unaryfunc f = TYPE(self)->repr;
    if (f == NULL) f = object_repr;
    return f(self);
}

obj_t *object_richcompare(obj_t *a, obj_t *b, int op) {
    switch (op) {
    case CMP_EQ_OP: return NEWREF(a == b ? True : NotImplemented);
    case CMP_NE_OP: {
        richcmpfunc f = TYPE(a)->richcompare;
        if (f == NULL) return NEWREF(NotImplemented);
        obj_t *r = f(a, b, CMP_EQ_OP);
        if (r == NULL || r == NotImplemented) return r;
        int t = obj_is_true(r);
        DECREF(r);
        if (t < 0) return NULL;
        return NEWREF(bool_from(!t));
    }
    default: return NEWREF(NotImplemented);
    }
}

static bool excess_args(size_t nargs, obj_t *kwnames) {
    return nargs > 0 || (kwnames != NULL && TUPLE_SIZE(kwnames) > 0);
}

obj_t *object_new_instance(type_t *type) {
    return obj_alloc(type, type->basicsize);
}

obj_t *object_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (excess_args(nargs, kwnames)) {
        if (type->tp_new != object_tp_new) {
            err_set_str(exc_TypeError,
                        "object.__new__() takes exactly one argument (the type to instantiate)");
            return NULL;
        }
        if (type->tp_init == object_tp_init) {
            err_format(exc_TypeError, "%s() takes no arguments", type->name);
            return NULL;
        }
    }
    if (PVM_UNLIKELY(type_has_flag(type, TPFLAG_ABSTRACT))) return typeslots_abstract_error(type);
    return object_new_instance(type);
}

int object_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (excess_args(nargs, kwnames)) {
        type_t *type = TYPE(self);
        if (type->tp_init != object_tp_init) {
            err_set_str(exc_TypeError, "object.__init__() takes exactly one argument (the "
                                       "instance to initialize)");
            return -1;
        }
        if (type->tp_new == object_tp_new) {
            err_format(exc_TypeError,
                       "%s.__init__() takes exactly one argument (the instance to initialize)",
                       type->name);
            return -1;
        }
    }
    return 0;
}

static obj_t *object_format(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__format__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "__format__() argument must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    if (str_len(args[0]) > 0) {
        err_format(exc_TypeError, "unsupported format string passed to %s.__format__",
                   obj_type_name(self));
        return NULL;
    }
    return obj_str(self);
}

int type_merge_dir(type_t *type, obj_t *acc) {
    obj_t *mro = type->mro;
    if (mro == NULL) return 0;
    for (size_t i = 0; i < TUPLE_SIZE(mro); i++) {
        type_t *t = (type_t *)TUPLE_GET(mro, i);
        if (t->dict != NULL && dict_update(acc, t->dict) < 0) return -1;
    }
    return 0;
}

static obj_t *object_dir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__dir__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *acc = dict_new();
    if (acc == NULL) return NULL;
    obj_t *d = obj_instance_dict(self);
    int r = d != NULL && DICT_CHECK(d) ? dict_update(acc, d) : 0;
    XDECREF(d);
    if (r < 0) goto error;
    obj_t *cls = obj_lookup_attr(self, ID(__class__));
    if (cls == NULL && err_occurred()) goto error;
    if (cls != NULL) {
        r = TYPE_CHECK(cls) ? type_merge_dir((type_t *)cls, acc) : 0;
        DECREF(cls);
        if (r < 0) goto error;
    }
    obj_t *keys = dict_keys_list(acc);
    DECREF(acc);
    return keys;
error:
    DECREF(acc);
    return NULL;
}

static obj_t *object_init_subclass(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    const char *n = TYPE_CHECK(cls) ? ((type_t *)cls)->name : "object";
    if (kwnames != NULL && TUPLE_SIZE(kwnames) > 0) {
        err_format(exc_TypeError, "%s.__init_subclass__() takes no keyword arguments", n);
        return NULL;
    }
    if (nargs > 0) {
        err_format(exc_TypeError, "%s.__init_subclass__() takes no arguments (%zu given)", n,
                   nargs);
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *object_subclasshook(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return NEWREF(NotImplemented);
}

static obj_t *object_get_class(obj_t *self, void *c) {
    return NEWREF((obj_t *)TYPE(self));
}

static type_t *static_base(type_t *t) {
    while (t != NULL && type_has_flag(t, TPFLAG_HEAPTYPE))
        t = t->base;
    return t;
}

static int object_set_class(obj_t *self, obj_t *value, void *c) {
    if (value == NULL) {
        err_set_str(exc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!TYPE_CHECK(value)) {
        err_format(exc_TypeError, "__class__ must be set to a class, not '%s' object",
                   obj_type_name(value));
        return -1;
    }
    type_t *old = TYPE(self), *new = (type_t *)value;
    bool modules = type_is_subtype(old, &module_type) && type_is_subtype(new, &module_type);
    if (!modules &&
        (!type_has_flag(old, TPFLAG_HEAPTYPE) || !type_has_flag(new, TPFLAG_HEAPTYPE))) {
        err_set_str(exc_TypeError,
                    "__class__ assignment only supported for mutable types or ModuleType "
                    "subclasses");
        return -1;
    }
    if (old->basicsize != new->basicsize || old->dictoffset != new->dictoffset ||
        static_base(old) != static_base(new) || old->members != new->members) {
        err_format(exc_TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
                   new->name, old->name);
        return -1;
    }
    // Every reader of an object's type (attribute lookup, descriptor
    // checks, isinstance) loads it without a lock, often more than once per
    // operation: a lookup on the old class checked against the new one
    // raised spurious TypeErrors.  While other threads run, the type is
    // changed inside a stop-the-world pause, so no operation of theirs
    // straddles the change (they are between bytecodes or blocked).
    // The object holds a reference to its class (obj_alloc); the old
    // class cannot die on the spot (its MRO holds it: only the collector
    // frees a class).
    bool pause = atomic_load_explicit(&pvm_attached_threads, memory_order_seq_cst) > 1;
    INCREF((obj_t *)new);
    if (pause) stw_stop_world();
    __atomic_store_n(&self->ob_type, new, __ATOMIC_RELEASE);
    if (pause) stw_start_world();
    DECREF((obj_t *)old);
    return 0;
}

static const method_def_t object_methods[] = {
    {"__init_subclass__", object_init_subclass, METH_CLASS, NULL},
    {"__subclasshook__", object_subclasshook, METH_CLASS, NULL},
    {"__format__", object_format, METH_DEFAULT, NULL},
    {"__dir__", object_dir, METH_DEFAULT, NULL},
    {"__reduce__", object_reduce, METH_DEFAULT, NULL},       // objects/reduce.c
    {"__reduce_ex__", object_reduce_ex, METH_DEFAULT, NULL}, // objects/reduce.c
    {"__getstate__", object_getstate, METH_DEFAULT, NULL},   // objects/reduce.c
    {"__sizeof__", object_sizeof, METH_DEFAULT, NULL},       // objects/reduce.c
    {NULL, NULL, 0, NULL},
};

static const getset_def_t object_getsets[] = {
    {"__class__", object_get_class, object_set_class, NULL},
    {NULL, NULL, NULL, NULL},
};

type_t object_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "object",
    .basicsize = sizeof(obj_t),
    .flags = TPFLAG_BASETYPE,
    .base = NULL,
    .dealloc = object_dealloc,
    .repr = object_repr,
    .str = object_str,
    .hash = obj_generic_hash,
    .richcompare = object_richcompare,
    .getattro = obj_generic_getattr,
    .setattro = obj_generic_setattr,
    .tp_new = object_tp_new,
    .tp_init = object_tp_init,
    .methods = object_methods,
    .getsets = object_getsets,
    .doc = "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments "
           "and returns a new featureless\ninstance that has no instance attributes and cannot "
           "be given any.\n",
};

// ---- instance dict of heap types, dealloc ------------------------------------------------------

static obj_t *subtype_get_dict(obj_t *self, void *c) {
    return obj_instance_dict_ensure(self);
}

static int subtype_set_dict(obj_t *self, obj_t *value, void *c) {
    if (value != NULL && !DICT_CHECK(value)) {
        err_format(exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                   obj_type_name(value));
        return -1;
    }
    // NULL (`del o.__dict__`) is allowed, as in CPython 3.11: the next
    // attribute store or __dict__ read makes a new empty dict.
    return obj_instance_dict_replace(self, value);
}

const getset_def_t subtype_dict_getset = {"__dict__", subtype_get_dict, subtype_set_dict, NULL};

// Runs __del__ on an object whose count reached zero.  The object is
// resurrected (owned by this thread, one reference) for the call; returns
// true if the caller must stop deallocating (the final DECREF below either
// freed it through a nested dealloc or someone kept a reference).
static bool call_finalizer(obj_t *o) {
    if (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_FINALIZED) return false;
    obj_t *del = type_lookup(TYPE(o), ID(__del__));
    if (del == NULL) return false;
    atomic_fetch_or_explicit(&o->ob_gc_bits, GC_FINALIZED, memory_order_relaxed);
    // Weakrefs still reach o while __del__ runs (as in CPython): keep the
    // mark (modules/weakref.c), so its final death goes through MERGED.
    brc_init_ref(o, (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_WEAKREFS)
                        ? REF_MAYBE_WEAKREF
                        : REF_SHARED_NONE);
    // Alive again: the collector may see it (a __del__ that keeps it makes
    // it an ordinary object again); its next death untracks it.
    if (gc_has_head(o)) gc_track(o);
    obj_t *saved = err_fetch();
    INCREF(del);
    gc_finalizer_enter();
    obj_t *r = call_unbound(del, o, NULL, 0, NULL);
    if (r == NULL) {
        err_write_unraisable(NULL, del); // core/unraisable.c: sys.unraisablehook
    } else {
        DECREF(r);
    }
    gc_finalizer_exit();
    DECREF(del);
    err_restore(saved);
    DECREF(o);
    return true;
}

void subtype_dealloc(obj_t *o) {
    type_t *t = TYPE(o);
    if (call_finalizer(o)) return;
    if (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_WEAKREFS)
        weakref_clear_referent(o);
    type_t *b = static_base(t);
    // __slots__ members of every heap class in the chain.
    for (type_t *h = t; h != NULL && h != b; h = h->base) {
        for (const member_def_t *m = h->members; m && m->name; m++) {
            obj_t **p = (obj_t **)((char *)o + m->offset);
            CLEAR(*p);
        }
    }
    if (t->dictoffset != 0 && (b == NULL || b->dictoffset != t->dictoffset)) {
        obj_t **dp = obj_dict_ptr(o);
        CLEAR(*dp);
    }
    if (b != NULL && b->dealloc != NULL)
        b->dealloc(o);
    else
        obj_free(o);
}

// ---- the cycle collector's slots of class-statement types (gc/gc.h) ----------------------------

// Visits the __slots__ members and the instance dict of the heap classes in
// o's chain (what subtype_dealloc releases), then the static base's part.
static int subtype_traverse(obj_t *o, visitproc visit, void *arg) {
    type_t *t = TYPE(o);
    type_t *b = static_base(t);
    int r = visit((obj_t *)t, arg);
    if (r) return r;
    for (type_t *h = t; h != NULL && h != b; h = h->base) {
        for (const member_def_t *m = h->members; m && m->name; m++) {
            obj_t *v = *(obj_t **)((char *)o + m->offset);
            if (v != NULL && (r = visit(v, arg)) != 0) return r;
        }
    }
    if (t->dictoffset != 0 && (b == NULL || b->dictoffset != t->dictoffset)) {
        obj_t *d = *obj_dict_ptr(o);
        if (d != NULL && (r = visit(d, arg)) != 0) return r;
    }
    if (b != NULL && b->traverse != NULL) return b->traverse(o, visit, arg);
    return 0;
}

// Drops the references subtype_traverse visits (the dict itself, not its
// contents: someone else may hold it).
static int subtype_clear(obj_t *o) {
    type_t *t = TYPE(o);
    type_t *b = static_base(t);
    for (type_t *h = t; h != NULL && h != b; h = h->base) {
        for (const member_def_t *m = h->members; m && m->name; m++) {
            obj_t **p = (obj_t **)((char *)o + m->offset);
            CLEAR(*p);
        }
    }
    if (t->dictoffset != 0 && (b == NULL || b->dictoffset != t->dictoffset) &&
        obj_instance_dict_replace(o, NULL) < 0)
        err_clear();
    if (b != NULL && b->clear != NULL) return b->clear(o);
    return 0;
}

bool type_gc_finalize(obj_t *o) {
    if (IS_SMALLINT(o) ||
        (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_FINALIZED))
        return false;
    if (!type_has_flag(TYPE(o), TPFLAG_HEAPTYPE)) return false;
    obj_t *del = type_lookup(TYPE(o), ID(__del__));
    if (del == NULL) return false;
    atomic_fetch_or_explicit(&o->ob_gc_bits, GC_FINALIZED, memory_order_relaxed);
    obj_t *saved = err_fetch();
    INCREF(del);
    obj_t *r = call_unbound(del, o, NULL, 0, NULL);
    if (r == NULL) {
        obj_t *dr = obj_repr(del);
        if (dr == NULL) err_clear();
        fprintf(stderr, "Exception ignored in: %s\n", dr ? str_data(dr) : "<__del__>");
        XDECREF(dr);
        err_print();
    } else {
        DECREF(r);
    }
    DECREF(del);
    err_restore(saved);
    return true;
}

// ---- `__new__` of builtin types ---------------------------------------------------------------

// Some builtin constructors (int, bytes) return an exact instance even when
// asked for a subclass; this copies such a value into an instance of the heap
// subclass `sub`.  Steals `inst`.
static obj_t *builtin_to_subtype(type_t *sub, obj_t *inst) {
    type_t *it = TYPE(inst);
    obj_t *o = NULL;
    if (!type_has_flag(sub, TPFLAG_HEAPTYPE) || !type_is_subtype(sub, it))
        return inst; // not a plain "exact builtin for a subclass" case
    if (it == &int_type && type_is_subtype(sub, &int_type)) {
        o = obj_alloc(sub, sub->basicsize);
        if (o != NULL) {
            mpz_init(((int_t *)o)->z);
            int_to_mpz(inst, ((int_t *)o)->z);
        }
    } else if (it == &bytes_type) {
        size_t n = bytes_len(inst);
        size_t end = (offsetof(bytes_t, data) + n + 1 + 7) & ~(size_t)7;
        o = obj_alloc(sub, end + sizeof(obj_t *));
        if (o != NULL) {
            bytes_t *b = (bytes_t *)o;
            atomic_store_explicit(&b->hash, -1, memory_order_relaxed);
            b->len = n;
            memcpy(b->data, bytes_data(inst), n + 1);
        }
    } else if (it == &float_type) {
        o = obj_alloc(sub, sub->basicsize);
        if (o != NULL) ((floatobj_t *)o)->value = float_value(inst);
    } else {
        return inst;
    }
    DECREF(inst);
    return o;
}

// tp_new of heap subclasses of int/bytes/float: the builtin's constructor,
// then a copy into the subclass.
static obj_t *builtin_subtype_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    type_t *sb = static_base(type);
    obj_t *r = sb->tp_new(type, args, nargs, kwnames);
    if (r != NULL && !type_is_subtype(TYPE(r), type)) r = builtin_to_subtype(type, r);
    return r;
}

newfunc type_builtin_subtype_new(type_t *type, newfunc f) {
    type_t *sb = static_base(type);
    if (type_has_flag(type, TPFLAG_HEAPTYPE) && f == sb->tp_new &&
        (sb == &int_type || sb == &bytes_type || sb == &float_type))
        return builtin_subtype_new;
    return f;
}

static obj_t *tp_new_wrapper(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    type_t *type = (type_t *)self;
    if (nargs < 1) {
        err_format(exc_TypeError, "%s.__new__(): not enough arguments", type->name);
        return NULL;
    }
    obj_t *arg0 = args[0];
    if (!TYPE_CHECK(arg0)) {
        err_format(exc_TypeError, "%s.__new__(X): X is not a type object (%s)", type->name,
                   obj_type_name(arg0));
        return NULL;
    }
    type_t *sub = (type_t *)arg0;
    if (!type_is_subtype(sub, type)) {
        err_format(exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->name,
                   sub->name, sub->name, type->name);
        return NULL;
    }
    type_t *sb = sub;
    while (sb != NULL && (sb->tp_new == slot_tp_new || sb->tp_new == builtin_subtype_new))
        sb = sb->base;
    if (sb != NULL && sb->tp_new != type->tp_new) {
        err_format(exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", type->name,
                   sub->name, sb->name);
        return NULL;
    }
    obj_t *r = type->tp_new(sub, args + 1, nargs - 1, kwnames);
    if (r != NULL && sub != type && !type_is_subtype(TYPE(r), sub)) r = builtin_to_subtype(sub, r);
    return r;
}

const method_def_t tp_new_def = {"__new__", tp_new_wrapper, METH_DEFAULT,
                                 "Create and return a new object."};

// ---- type: attribute access ---------------------------------------------------------------------

static void raise_type_attr_error(obj_t *type, obj_t *name) {
    err_format(exc_AttributeError, "type object '%s' has no attribute '%U'", ((type_t *)type)->name,
               name);
    obj_t *exc = err_peek();
    if (exc != NULL && EXC_CHECK(exc)) exc_set_attr_details(exc, name, type);
}

obj_t *type_getattr_impl(obj_t *tobj, obj_t *name, bool suppress) {
    type_t *type = (type_t *)tobj;
    type_t *meta = TYPE(tobj);
    obj_t *meta_attr = type_lookup(meta, name);
    descrgetfunc meta_get = NULL;
    if (meta_attr != NULL) {
        INCREF(meta_attr);
        meta_get = TYPE(meta_attr)->descr_get;
        if (meta_get != NULL && TYPE(meta_attr)->descr_set != NULL) {
            obj_t *r = meta_get(meta_attr, tobj, (obj_t *)meta);
            DECREF(meta_attr);
            return r;
        }
    }
    obj_t *attr = type_lookup(type, name);
    if (attr != NULL) {
        INCREF(attr);
        XDECREF(meta_attr);
        descrgetfunc local_get = TYPE(attr)->descr_get;
        if (local_get != NULL) {
            obj_t *r = local_get(attr, NULL, tobj);
            DECREF(attr);
            return r;
        }
        return attr;
    }
    if (meta_get != NULL) {
        obj_t *r = meta_get(meta_attr, tobj, (obj_t *)meta);
        DECREF(meta_attr);
        return r;
    }
    if (meta_attr != NULL) return meta_attr;
    if (!suppress) raise_type_attr_error(tobj, name);
    return NULL;
}

obj_t *type_getattro(obj_t *type, obj_t *name) {
    return type_getattr_impl(type, name, false);
}

int type_setattro(obj_t *tobj, obj_t *name, obj_t *value) {
    type_t *type = (type_t *)tobj;
    if (!type_has_flag(type, TPFLAG_HEAPTYPE)) {
        err_format(exc_TypeError, "cannot set '%U' attribute of immutable type '%s'", name,
                   type->name);
        return -1;
    }
    obj_t *descr = type_lookup(TYPE(tobj), name);
    if (descr != NULL && TYPE(descr)->descr_set != NULL) {
        INCREF(descr);
        int r = TYPE(descr)->descr_set(descr, tobj, value);
        DECREF(descr);
        return r;
    }
    int r;
    if (value != NULL) {
        r = dict_set(type->dict, name, value);
    } else {
        r = dict_del(type->dict, name);
        if (r < 0 && err_matches(exc_KeyError)) {
            err_clear();
            raise_type_attr_error(tobj, name);
        }
    }
    if (r < 0) return -1;
    type_modified(type);
    typeslots_update(type, name);
    return 0;
}

// ---- type: getsets and methods ------------------------------------------------------------------

static obj_t *type_get_name(obj_t *self, void *c) {
    type_t *t = (type_t *)self;
    return NEWREF(t->name_obj ? t->name_obj : str_intern(t->name));
}

static int check_heap_set(type_t *t, obj_t *value, const char *attr) {
    if (!type_has_flag(t, TPFLAG_HEAPTYPE)) {
        err_format(exc_TypeError, "cannot set '%s' attribute of immutable type '%s'", attr,
                   t->name);
        return -1;
    }
    if (value == NULL) {
        err_format(exc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", attr,
                   t->name);
        return -1;
    }
    return 0;
}

// A class's name (name_obj and the C string `name` inside it) and qualname
// are read without a lock all over the VM (error messages, repr, method
// descriptors ...).  The old strings are immortal, so a reader never sees
// freed memory, but it may load name and name_obj in two steps: while other
// threads run, a rename happens inside a stop-the-world pause, as __class__
// assignment does, so no reader straddles it.
static bool type_rename_begin(void) {
    bool pause = atomic_load_explicit(&pvm_attached_threads, memory_order_seq_cst) > 1;
    if (pause) stw_stop_world();
    return pause;
}

static void type_rename_end(bool pause) {
    if (pause) stw_start_world();
}

static int type_set_name(obj_t *self, obj_t *value, void *c) {
    type_t *t = (type_t *)self;
    if (check_heap_set(t, value, "__name__") < 0) return -1;
    if (!STR_CHECK(value)) {
        err_format(exc_TypeError, "can only assign string to %s.__name__, not '%s'", t->name,
                   obj_type_name(value));
        return -1;
    }
    if (strlen(str_data(value)) != str_nbytes(value)) {
        err_set_str(exc_ValueError, "type name must not contain null characters");
        return -1;
    }
    INCREF(value);
    obj_immortalize(value);
    bool pause = type_rename_begin();
    t->name_obj = value;
    t->name = str_data(value);
    type_rename_end(pause);
    return 0;
}

static obj_t *type_get_qualname(obj_t *self, void *c) {
    return NEWREF(type_qualname_str((type_t *)self));
}

static int type_set_qualname(obj_t *self, obj_t *value, void *c) {
    type_t *t = (type_t *)self;
    if (check_heap_set(t, value, "__qualname__") < 0) return -1;
    if (!STR_CHECK(value)) {
        err_format(exc_TypeError, "can only assign string to %s.__qualname__, not '%s'", t->name,
                   obj_type_name(value));
        return -1;
    }
    INCREF(value);
    obj_immortalize(value);
    bool pause = type_rename_begin();
    t->qualname_obj = value;
    type_rename_end(pause);
    return 0;
}

static obj_t *type_get_module(obj_t *self, void *c) {
    type_t *t = (type_t *)self;
    if (type_has_flag(t, TPFLAG_HEAPTYPE)) {
        obj_t *m = dict_get(t->dict, ID(__module__));
        if (m == NULL && !err_occurred()) err_set(exc_AttributeError, ID(__module__));
        return m;
    }
    return NEWREF(t->module_obj ? t->module_obj : str_intern("builtins"));
}

static int type_set_module(obj_t *self, obj_t *value, void *c) {
    type_t *t = (type_t *)self;
    if (check_heap_set(t, value, "__module__") < 0) return -1;
    int r = dict_set(t->dict, ID(__module__), value);
    if (r == 0) type_modified(t);
    return r;
}

static obj_t *type_get_bases(obj_t *self, void *c) {
    type_t *t = (type_t *)self;
    return t->bases ? NEWREF(t->bases) : tuple_new(0);
}

static obj_t *type_get_base(obj_t *self, void *c) {
    type_t *t = (type_t *)self;
    return NEWREF(t->base ? (obj_t *)t->base : None);
}

static obj_t *type_get_mro(obj_t *self, void *c) {
    type_t *t = (type_t *)self;
    return t->mro ? NEWREF(t->mro) : tuple_pack(1, self);
}

static obj_t *type_get_dict(obj_t *self, void *c) {
    type_t *t = (type_t *)self;
    if (t->dict == NULL) {
        obj_t *d = dict_new();
        obj_t *r = d ? mappingproxy_new(d) : NULL;
        XDECREF(d);
        return r;
    }
    return mappingproxy_new(t->dict);
}

// A value found in a class's own dict, as the class attribute reads it:
// bound with obj=NULL when it is a descriptor.  Steals v.
static obj_t *bind_class_value(obj_t *v, obj_t *cls) {
    descrgetfunc f = TYPE(v)->descr_get;
    if (f == NULL) return v;
    obj_t *r = f(v, NULL, cls);
    DECREF(v);
    return r;
}

static obj_t *type_get_doc(obj_t *self, void *c) {
    type_t *t = (type_t *)self;
    obj_t *v = t->dict ? dict_get(t->dict, ID(__doc__)) : NULL;
    if (v == NULL) {
        if (err_occurred()) return NULL;
        if (t->doc != NULL) return str_from_cstr(t->doc);
        return NEWREF(None);
    }
    return bind_class_value(v, self);
}

static int type_set_doc(obj_t *self, obj_t *value, void *c) {
    type_t *t = (type_t *)self;
    if (check_heap_set(t, value, "__doc__") < 0) return -1;
    int r = dict_set(t->dict, ID(__doc__), value);
    if (r == 0) type_modified(t);
    return r;
}

// type.__annotations__ (CPython 3.10+): the class's own '__annotations__'
// entry (bound if it is a descriptor); a class without one gets a new
// empty dict stored in its namespace; builtin types have none.
static obj_t *type_get_annotations(obj_t *self, void *c) {
    type_t *t = (type_t *)self;
    if (!type_has_flag(t, TPFLAG_HEAPTYPE) || t->dict == NULL) {
        err_format(exc_AttributeError, "type object '%s' has no attribute '__annotations__'",
                   t->name);
        return NULL;
    }
    obj_t *v = dict_get(t->dict, ID(__annotations__));
    if (v == NULL) {
        if (err_occurred()) return NULL;
        obj_t *d = dict_new();
        if (d == NULL) return NULL;
        if (dict_setdefault(t->dict, ID(__annotations__), d) < 0) {
            DECREF(d);
            return NULL;
        }
        DECREF(d);
        type_modified(t);
        return dict_get(t->dict, ID(__annotations__));
    }
    return bind_class_value(v, self);
}

static int type_set_annotations(obj_t *self, obj_t *value, void *c) {
    type_t *t = (type_t *)self;
    if (!type_has_flag(t, TPFLAG_HEAPTYPE)) {
        err_format(exc_TypeError, "cannot set '__annotations__' attribute of immutable type '%s'",
                   t->name);
        return -1;
    }
    int r;
    if (value == NULL) {
        r = dict_contains(t->dict, ID(__annotations__));
        if (r == 0) {
            err_set_str(exc_AttributeError, "__annotations__");
            return -1;
        }
        if (r > 0) r = dict_del(t->dict, ID(__annotations__));
    } else {
        r = dict_set(t->dict, ID(__annotations__), value);
    }
    if (r == 0) type_modified(t);
    return r < 0 ? -1 : 0;
}

static type_t *solid_base(type_t *t);

// `C.__bases__ = (...)` (typing's generic NamedTuple does it): the new
// bases must keep the instance layout (the same solid base).  The MRO is
// recomputed and the slots chosen again inside a stop-the-world pause
// while other threads run (bases, base and mro are read lock-free); the
// old tuples are immortal, so a reader holding one stays safe.  A class
// that already has subclasses is refused (their MROs would have to be
// recomputed too; not supported by pvm yet).
static int type_set_bases(obj_t *self, obj_t *value, void *c) {
    type_t *t = (type_t *)self;
    if (check_heap_set(t, value, "__bases__") < 0) return -1;
    if (!TUPLE_CHECK(value)) {
        err_format(exc_TypeError, "can only assign tuple to %s.__bases__, not %s", t->name,
                   obj_type_name(value));
        return -1;
    }
    size_t nb = TUPLE_SIZE(value);
    if (nb == 0) {
        err_format(exc_TypeError, "can only assign non-empty tuple to %s.__bases__, not ()",
                   t->name);
        return -1;
    }
    type_t *best = NULL, *best_solid = NULL;
    for (size_t i = 0; i < nb; i++) {
        obj_t *bo = TUPLE_GET(value, i);
        if (!TYPE_CHECK(bo)) {
            err_format(exc_TypeError, "%s.__bases__ must be tuple of classes, not '%s'", t->name,
                       obj_type_name(bo));
            return -1;
        }
        type_t *b = (type_t *)bo;
        if (!type_has_flag(b, TPFLAG_BASETYPE) && b != &int_type && b != &bytes_type) {
            err_format(exc_TypeError, "type '%s' is not an acceptable base type", b->name);
            return -1;
        }
        if (type_is_subtype(b, t)) {
            err_set_str(exc_TypeError, "a __bases__ item causes an inheritance cycle");
            return -1;
        }
        type_t *solid = solid_base(b);
        if (best == NULL) {
            best = b;
            best_solid = solid;
        } else if (type_is_subtype(best_solid, solid)) {
            // keep
        } else if (type_is_subtype(solid, best_solid)) {
            best = b;
            best_solid = solid;
        } else {
            err_set_str(exc_TypeError, "multiple bases have instance lay-out conflict");
            return -1;
        }
    }
    if (best_solid != solid_base(t->base)) {
        err_format(exc_TypeError, "__bases__ assignment: '%s' object layout differs from '%s'",
                   best->name, t->base->name);
        return -1;
    }
    if (load_flags(t) & TPFLAG_HAS_SUBCLASS) {
        err_format(exc_TypeError,
                   "cannot set '__bases__' attribute of type '%s' that has subclasses (not "
                   "supported by pvm yet)",
                   t->name);
        return -1;
    }
    obj_t *mro = compute_mro(t, value);
    if (mro == NULL) return -1;
    // Readers load bases and mro without a lock: the old tuples are never
    // released and the new ones are immortal, so a reader blocked with a
    // borrowed pointer stays safe.  The price: a class whose __bases__ was
    // assigned is never freed (its immortal MRO holds it).
    INCREF(value);
    obj_immortalize(value);
    obj_immortalize(mro);
    bool pause = atomic_load_explicit(&pvm_attached_threads, memory_order_seq_cst) > 1;
    if (pause) stw_stop_world();
    t->bases = value;
    t->base = best;
    t->mro = mro;
    typeslots_fixup(t);
    if (pause) stw_start_world();
    for (size_t i = 1; i < TUPLE_SIZE(mro); i++) {
        type_t *m = (type_t *)TUPLE_GET(mro, i);
        if (!(load_flags(m) & TPFLAG_HAS_SUBCLASS))
            __atomic_fetch_or(&m->flags, TPFLAG_HAS_SUBCLASS, __ATOMIC_RELEASE);
    }
    type_modified(t);
    return 0;
}

// type.__flags__: pvm's flags in CPython's bit positions (Py_TPFLAGS_*), for
// the library code that tests them (inspect.isabstract, copyreg).
static obj_t *type_get_flags(obj_t *self, void *c) {
    static const struct {
        uint32_t pvm;
        uint64_t cpython;
    } map[] = {
        {TPFLAG_HEAPTYPE, 1ull << 9},        {TPFLAG_BASETYPE, 1ull << 10},
        {TPFLAG_READY, 1ull << 12},          {TPFLAG_ABSTRACT, 1ull << 20},
        {TPFLAG_INT_SUBCLASS, 1ull << 24},   {TPFLAG_LIST_SUBCLASS, 1ull << 25},
        {TPFLAG_TUPLE_SUBCLASS, 1ull << 26}, {TPFLAG_BYTES_SUBCLASS, 1ull << 27},
        {TPFLAG_STR_SUBCLASS, 1ull << 28},   {TPFLAG_DICT_SUBCLASS, 1ull << 29},
        {TPFLAG_EXC_SUBCLASS, 1ull << 30},   {TPFLAG_TYPE_SUBCLASS, 1ull << 31},
    };
    uint32_t fl = load_flags((type_t *)self);
    uint64_t r = 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (fl & map[i].pvm) r |= map[i].cpython;
    if (!(fl & TPFLAG_HEAPTYPE)) r |= 1ull << 8; // Py_TPFLAGS_IMMUTABLETYPE
    // int and bytes are subclassable though their tables do not say so
    // (the check in type_new).
    if ((type_t *)self == &int_type || (type_t *)self == &bytes_type) r |= 1ull << 10;
    return int_from_u64(r);
}

// type.__text_signature__: "()" for object (inspect.signature of a class
// with neither __init__ nor __new__ reads it); pvm's other types carry no
// signature text yet.
static obj_t *type_get_text_signature(obj_t *self, void *c) {
    if ((type_t *)self == &object_type) return str_from_cstr("()");
    return NEWREF(None);
}

// type.__basicsize__ / __itemsize__: pvm's own instance layout (its
// header and fields; bytes per item of a variable-size type, 0 otherwise).
static obj_t *type_get_basicsize(obj_t *self, void *c) {
    return int_from_u64(((type_t *)self)->basicsize);
}

static obj_t *type_get_itemsize(obj_t *self, void *c) {
    return int_from_u64(((type_t *)self)->itemsize);
}

static const getset_def_t type_getsets[] = {
    {"__name__", type_get_name, type_set_name, NULL},
    {"__qualname__", type_get_qualname, type_set_qualname, NULL},
    {"__module__", type_get_module, type_set_module, NULL},
    {"__bases__", type_get_bases, type_set_bases, NULL},
    {"__base__", type_get_base, NULL, NULL},
    {"__mro__", type_get_mro, NULL, NULL},
    {"__dict__", type_get_dict, NULL, NULL},
    {"__doc__", type_get_doc, type_set_doc, NULL},
    {"__annotations__", type_get_annotations, type_set_annotations, NULL},
    {"__flags__", type_get_flags, NULL, NULL},
    {"__basicsize__", type_get_basicsize, NULL, NULL},
    {"__itemsize__", type_get_itemsize, NULL, NULL},
    {"__text_signature__", type_get_text_signature, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static obj_t *type_mro_method(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("type.mro", nargs, kwnames, 0, 0) < 0) return NULL;
    type_t *t = (type_t *)self;
    if (t->mro == NULL) return list_from_array(&self, 1);
    return list_from_array(TUPLE_ITEMS(t->mro), TUPLE_SIZE(t->mro));
}

typedef struct {
    type_t *parent;
    obj_t *list;
    int err;
} subclasses_arg_t;

static void collect_subclass(type_t *t, void *arg) {
    subclasses_arg_t *a = arg;
    if (a->err || t->bases == NULL) return;
    for (size_t i = 0; i < TUPLE_SIZE(t->bases); i++) {
        if ((type_t *)TUPLE_GET(t->bases, i) == a->parent) {
            if (list_append(a->list, (obj_t *)t) < 0) a->err = 1;
            return;
        }
    }
}

static obj_t *type_subclasses(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("type.__subclasses__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *l = list_new(0);
    if (l == NULL) return NULL;
    subclasses_arg_t a = {(type_t *)self, l, 0};
    heaptypes_foreach(collect_subclass, &a);
    if (a.err) {
        DECREF(l);
        return NULL;
    }
    return l;
}

static obj_t *type_dir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__dir__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *acc = dict_new();
    if (acc == NULL) return NULL;
    if (type_merge_dir((type_t *)self, acc) < 0) {
        DECREF(acc);
        return NULL;
    }
    obj_t *keys = dict_keys_list(acc);
    DECREF(acc);
    return keys;
}

static obj_t *type_prepare(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return dict_new();
}

static obj_t *type_instancecheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__instancecheck__", nargs, kwnames, 1, 1) < 0) return NULL;
    int r = obj_real_is_instance(args[0], self);
    return r < 0 ? NULL : NEWREF(bool_from(r));
}

static obj_t *type_subclasscheck(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__subclasscheck__", nargs, kwnames, 1, 1) < 0) return NULL;
    int r = obj_real_is_subclass(args[0], self);
    return r < 0 ? NULL : NEWREF(bool_from(r));
}

static const method_def_t type_methods[] = {
    {"mro", type_mro_method, METH_DEFAULT, NULL},
    {"__subclasses__", type_subclasses, METH_DEFAULT, NULL},
    {"__prepare__", type_prepare, METH_CLASS, NULL},
    {"__instancecheck__", type_instancecheck, METH_DEFAULT, NULL},
    {"__subclasscheck__", type_subclasscheck, METH_DEFAULT, NULL},
    {"__dir__", type_dir, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static obj_t *type_repr(obj_t *self) {
    type_t *t = (type_t *)self;
    obj_t *mod = type_module(t);
    obj_t *r;
    if (mod != NULL && !str_eq_cstr(mod, "builtins"))
        r = str_from_format("<class '%U.%U'>", mod, type_qualname_str(t));
    else if (type_has_flag(t, TPFLAG_HEAPTYPE))
        r = str_from_format("<class '%U'>", type_qualname_str(t));
    else
        r = str_from_format("<class '%s'>", t->name);
    XDECREF(mod);
    return r;
}

// A counted class dies here, after the collector cleared it (its MRO holds
// the class itself, so its count reaches zero no other way) or when it was
// abandoned half-built.  Static types and immortal classes never come here.
static void type_dealloc(obj_t *self) {
    type_t *t = (type_t *)self;
    if (!type_has_flag(t, TPFLAG_HEAPTYPE)) return;
    unregister_heap_type(t);
    CLEAR(t->mro);
    CLEAR(t->dict);
    CLEAR(t->bases);
    CLEAR(t->qualname_obj);
    CLEAR(t->name_obj);
    CLEAR(t->module_obj);
    free((void *)t->members); // setup_slots' table; the member names are interned
    t->members = NULL;
    obj_free(self);
}

// The references a counted class holds that can form cycles: its dict
// (methods whose __class__ cell or defaults hold the class), its bases and
// its MRO (which holds the class itself).
static int type_traverse(obj_t *self, visitproc visit, void *arg) {
    type_t *t = (type_t *)self;
    if (!type_has_flag(t, TPFLAG_HEAPTYPE)) return 0;
    int r;
    if (t->dict != NULL && (r = visit(t->dict, arg)) != 0) return r;
    if (t->bases != NULL && (r = visit(t->bases, arg)) != 0) return r;
    if (t->mro != NULL && (r = visit(t->mro, arg)) != 0) return r;
    return 0;
}

// Breaks a garbage class's cycles.  Its garbage instances may still be
// torn down after this: their deallocs read the layout (members,
// dictoffset, base), which stays; lookups find an empty dict and walk
// the base chain (no MRO).
static int type_clear(obj_t *self) {
    type_t *t = (type_t *)self;
    if (!type_has_flag(t, TPFLAG_HEAPTYPE)) return 0;
    assign_version(t); // cached lookups of the old dict no longer match
    if (t->dict != NULL) dict_clear(t->dict);
    CLEAR(t->mro);
    return 0;
}

void type_immortalize(type_t *t) {
    if (!type_has_flag(t, TPFLAG_HEAPTYPE) || obj_is_immortal((obj_t *)t)) return;
    obj_immortalize((obj_t *)t);
    if (t->name_obj) obj_immortalize(t->name_obj);
    if (t->qualname_obj) obj_immortalize(t->qualname_obj);
    if (t->bases) obj_immortalize(t->bases);
    if (t->mro) obj_immortalize(t->mro);
    if (t->dict == NULL) return;
    obj_immortalize(t->dict);
    ssize_t pos = 0;
    obj_t *k, *v;
    while (dict_next(t->dict, &pos, &k, &v)) {
        obj_immortalize_tree(v);
        DECREF(k);
        DECREF(v);
    }
}

// ---- type(): call, __new__, __init__ ------------------------------------------------------------

obj_t *type_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    type_t *type = (type_t *)callable;
    if (type == &type_type) {
        size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
        if (nargs == 1 && nkw == 0) return NEWREF((obj_t *)TYPE(args[0]));
        if (nargs != 3) {
            err_set_str(exc_TypeError, "type() takes 1 or 3 arguments");
            return NULL;
        }
    }
    if (type->tp_new == NULL) {
        err_format(exc_TypeError, "cannot create '%s' instances", type->name);
        return NULL;
    }
    obj_t *obj = type->tp_new(type, args, nargs, kwnames);
    if (obj == NULL) return NULL;
    if (!type_is_subtype(TYPE(obj), type)) return obj;
    initfunc init = TYPE(obj)->tp_init;
    if (init != NULL && init(obj, args, nargs, kwnames) < 0) {
        DECREF(obj);
        return NULL;
    }
    return obj;
}

static obj_t *kwnames_to_dict(obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames == NULL || TUPLE_SIZE(kwnames) == 0) return NULL;
    obj_t *d = dict_new();
    if (d == NULL) return NULL;
    for (size_t i = 0; i < TUPLE_SIZE(kwnames); i++) {
        if (dict_set(d, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) {
            DECREF(d);
            return NULL;
        }
    }
    return d;
}

static obj_t *type_tp_new(type_t *meta, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs != 3) {
        err_format(exc_TypeError, "type.__new__() takes exactly 3 arguments (%zu given)", nargs);
        return NULL;
    }
    // type(name, bases, ns, **kw) where a base's metaclass derives from
    // `meta` and has a __new__ of its own: the call is that metaclass's, as
    // in CPython's type_new (enum's _simple_enum builds classes this way).
    if (TUPLE_CHECK(args[1])) {
        type_t *winner = meta;
        for (size_t i = 0; i < TUPLE_SIZE(args[1]); i++) {
            type_t *mt = TYPE(TUPLE_GET(args[1], i));
            if (type_is_subtype(winner, mt)) continue;
            if (type_is_subtype(mt, winner)) {
                winner = mt;
                continue;
            }
            winner = meta; // a conflict: type_new_class reports it
            break;
        }
        if (winner != meta && winner->tp_new != NULL && winner->tp_new != type_tp_new)
            return winner->tp_new(winner, args, nargs, kwnames);
    }
    obj_t *kw = kwnames_to_dict(args, nargs, kwnames);
    if (kw == NULL && err_occurred()) return NULL;
    obj_t *r = type_new_class(meta, args[0], args[1], args[2], kw);
    XDECREF(kw);
    return r;
}

static int type_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs != 1 && nargs != 3) {
        err_set_str(exc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

type_t type_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "type",
    .basicsize = sizeof(type_t),
    .flags = TPFLAG_BASETYPE | TPFLAG_TYPE_SUBCLASS,
    .base = &object_type,
    .dictoffset = offsetof(type_t, dict),
    .dealloc = type_dealloc,
    .traverse = type_traverse,
    .clear = type_clear,
    .repr = type_repr,
    .getattro = type_getattro,
    .setattro = type_setattro,
    .call = type_call,
    .nb = {[BINOP_OR] = union_or},
    .tp_new = type_tp_new,
    .tp_init = type_tp_init,
    .methods = type_methods,
    .getsets = type_getsets,
    .doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
};

// ---- heap types ---------------------------------------------------------------------------------

static bool extra_ivars(type_t *t, type_t *base) {
    size_t ts = t->basicsize;
    if (t->itemsize != base->itemsize) return true;
    if (t->dictoffset == DICTOFFSET_AT_END)
        return base->dictoffset != DICTOFFSET_AT_END ? false : ts != base->basicsize;
    if (type_has_flag(t, TPFLAG_HEAPTYPE) && t->dictoffset != 0 && base->dictoffset == 0 &&
        t->dictoffset + sizeof(obj_t *) == ts)
        ts -= sizeof(obj_t *);
    return ts != base->basicsize;
}

static type_t *solid_base(type_t *t) {
    type_t *base = t->base ? solid_base(t->base) : &object_type;
    return extra_ivars(t, base) ? t : base;
}

#define SUBCLASS_FLAGS                                                                             \
    (TPFLAG_INT_SUBCLASS | TPFLAG_STR_SUBCLASS | TPFLAG_TUPLE_SUBCLASS | TPFLAG_LIST_SUBCLASS |    \
     TPFLAG_DICT_SUBCLASS | TPFLAG_TYPE_SUBCLASS | TPFLAG_EXC_SUBCLASS | TPFLAG_BYTES_SUBCLASS)

static bool is_plain_function(obj_t *v) {
    extern type_t function_type;
    return TYPE(v) == &function_type;
}

// Wraps ns[name] in staticmethod/classmethod when it is a plain function.
static int wrap_special(obj_t *dict, obj_t *name, obj_t *(*wrap)(obj_t *)) {
    obj_t *v = dict_get(dict, name);
    if (v == NULL) return err_occurred() ? -1 : 0;
    int r = 0;
    if (is_plain_function(v)) {
        obj_t *w = wrap(v);
        r = w ? dict_set(dict, name, w) : -1;
        XDECREF(w);
    }
    DECREF(v);
    return r;
}

// "__x" inside class C becomes "_C__x" (private name mangling for __slots__).
static obj_t *mangle(obj_t *cls_name, obj_t *name) {
    const char *n = str_data(name);
    size_t len = str_nbytes(name);
    if (len < 3 || n[0] != '_' || n[1] != '_' || (n[len - 1] == '_' && n[len - 2] == '_') ||
        strchr(n, '.'))
        return NEWREF(name);
    const char *c = str_data(cls_name);
    while (*c == '_')
        c++;
    if (*c == '\0') return NEWREF(name);
    return str_from_format("_%s%U", c, name);
}

// Sets up __slots__: member descriptors at the end of the instance.  Returns
// 1 if the slots ask for a __dict__, 0 if not, -1 on error; *nslots the count.
static int setup_slots(type_t *t, obj_t *slots_obj, obj_t *dict, size_t *nslots) {
    obj_t *slots;
    int want_dict = 0;
    if (STR_CHECK(slots_obj))
        slots = tuple_pack(1, slots_obj);
    else
        slots = tuple_from_iterable(slots_obj);
    if (slots == NULL) return -1;
    size_t n = TUPLE_SIZE(slots);
    member_def_t *defs = calloc(n + 1, sizeof(member_def_t));
    if (defs == NULL) {
        DECREF(slots);
        err_no_memory();
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        obj_t *s = TUPLE_GET(slots, i);
        if (!STR_CHECK(s)) {
            err_format(exc_TypeError, "__slots__ items must be strings, not '%s'",
                       obj_type_name(s));
            goto error;
        }
        if (str_eq_cstr(s, "__dict__")) {
            want_dict = 1;
            continue;
        }
        if (str_eq_cstr(s, "__weakref__")) continue;
        obj_t *m = mangle(t->name_obj, s);
        if (m == NULL) goto error;
        int has = dict_contains(dict, m);
        if (has != 0) {
            if (has > 0)
                err_format(exc_ValueError, "%R in __slots__ conflicts with class variable", s);
            DECREF(m);
            goto error;
        }
        obj_t *im = str_intern_obj(m);
        DECREF(m);
        defs[k].name = str_data(im);
        defs[k].kind = MEMBER_OBJECT_EX;
        defs[k].offset = t->basicsize + k * sizeof(obj_t *);
        defs[k].readonly = false;
        k++;
    }
    t->basicsize += k * sizeof(obj_t *);
    t->members = defs;
    for (size_t i = 0; i < k; i++) {
        obj_t *d = memberdescr_new(t, &defs[i]);
        if (d == NULL) goto error_set;
        int r = dict_set(dict, str_intern(defs[i].name), d);
        DECREF(d);
        if (r < 0) goto error_set;
    }
    DECREF(slots);
    *nslots = k;
    return want_dict;
error:
    free(defs);
    DECREF(slots);
    return -1;
error_set:
    DECREF(slots);
    return -1;
}

static int call_set_name(type_t *t) {
    obj_t *items = dict_items_list(t->dict);
    if (items == NULL) return -1;
    int r = 0;
    for (ssize_t i = 0; i < list_size(items) && r == 0; i++) {
        obj_t *pair = list_get(items, i);
        if (pair == NULL) {
            r = -1;
            break;
        }
        obj_t *key = TUPLE_GET(pair, 0), *value = TUPLE_GET(pair, 1);
        obj_t *f = type_lookup(TYPE(value), ID(__set_name__));
        if (f != NULL) {
            INCREF(f);
            obj_t *args[2] = {(obj_t *)t, key};
            obj_t *res = call_unbound(f, value, args, 2, NULL);
            DECREF(f);
            if (res == NULL) {
                // 3.11 wraps the error: RuntimeError from the original cause.
                obj_t *cause = err_fetch();
                err_format(exc_RuntimeError,
                           "Error calling __set_name__ on '%s' instance %R in '%s'",
                           obj_type_name(value), key, t->name);
                obj_t *exc = err_peek();
                if (exc != NULL && cause != NULL) {
                    exc_set_cause(exc, NEWREF(cause));
                    exc_set_context(exc, NEWREF(cause));
                }
                XDECREF(cause);
                r = -1;
            } else {
                DECREF(res);
            }
        }
        DECREF(pair);
    }
    DECREF(items);
    return r;
}

static int call_init_subclass(type_t *t, obj_t *kwds) {
    obj_t *mro = t->mro;
    obj_t *found = NULL;
    for (size_t i = 1; i < TUPLE_SIZE(mro) && found == NULL; i++) {
        type_t *b = (type_t *)TUPLE_GET(mro, i);
        if (b->dict != NULL) {
            found = dict_get(b->dict, ID(__init_subclass__));
            if (found == NULL && err_occurred()) return -1;
        }
    }
    if (found == NULL) return 0;
    obj_t *bound;
    descrgetfunc f = TYPE(found)->descr_get;
    if (f != NULL) {
        bound = f(found, NULL, (obj_t *)t);
        DECREF(found);
        if (bound == NULL) return -1;
    } else {
        bound = found;
    }
    obj_t *empty = tuple_new(0);
    obj_t *r = empty ? obj_call_tuple_dict(bound, empty, kwds) : NULL;
    XDECREF(empty);
    DECREF(bound);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

obj_t *type_new_class(type_t *meta, obj_t *name, obj_t *bases, obj_t *ns, obj_t *kwds) {
    if (!STR_CHECK(name)) {
        err_format(exc_TypeError, "type.__new__() argument 1 must be str, not %s",
                   obj_type_name(name));
        return NULL;
    }
    if (!TUPLE_CHECK(bases)) {
        err_format(exc_TypeError, "type.__new__() argument 2 must be tuple, not %s",
                   obj_type_name(bases));
        return NULL;
    }
    if (!DICT_CHECK(ns)) {
        err_format(exc_TypeError, "type.__new__() argument 3 must be dict, not %s",
                   obj_type_name(ns));
        return NULL;
    }
    if (strlen(str_data(name)) != str_nbytes(name)) {
        err_set_str(exc_ValueError, "type name must not contain null characters");
        return NULL;
    }
    size_t nb = TUPLE_SIZE(bases);
    // The most derived metaclass.
    type_t *winner = meta;
    for (size_t i = 0; i < nb; i++) {
        type_t *mt = TYPE(TUPLE_GET(bases, i));
        if (type_is_subtype(winner, mt)) continue;
        if (type_is_subtype(mt, winner)) {
            winner = mt;
            continue;
        }
        err_set_str(exc_TypeError,
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                    "subclass of the metaclasses of all its bases");
        return NULL;
    }
    meta = winner;

    obj_t *b_tuple = nb == 0 ? tuple_pack(1, (obj_t *)&object_type) : NEWREF(bases);
    if (b_tuple == NULL) return NULL;
    nb = TUPLE_SIZE(b_tuple);
    type_t *best = NULL, *best_solid = NULL;
    uint32_t inherited_flags = 0;
    for (size_t i = 0; i < nb; i++) {
        obj_t *bo = TUPLE_GET(b_tuple, i);
        if (!TYPE_CHECK(bo)) {
            err_set_str(exc_TypeError, "bases must be types");
            goto fail_bases;
        }
        type_t *b = (type_t *)bo;
        if (type_ensure_ready(b) < 0) goto fail_bases;
        // int is subclassable in Python; its table may not say so because
        // int_tp_new builds exact ints (builtin_to_subtype copies them).
        if (!type_has_flag(b, TPFLAG_BASETYPE) && b != &int_type && b != &bytes_type) {
            err_format(exc_TypeError, "type '%s' is not an acceptable base type", b->name);
            goto fail_bases;
        }
        type_t *bsb = static_base(b);
        if (bsb->itemsize != 0 && bsb != &str_type && bsb != &tuple_type && bsb != &bytes_type &&
            bsb != &int_type) {
            err_format(exc_TypeError, "subclassing '%s' is not supported by pvm yet", b->name);
            goto fail_bases;
        }
        for (size_t j = 0; j < i; j++) {
            if (TUPLE_GET(b_tuple, j) == bo) {
                err_format(exc_TypeError, "duplicate base class %s", b->name);
                goto fail_bases;
            }
        }
        inherited_flags |= load_flags(b) & SUBCLASS_FLAGS; // another thread may set HAS_SUBCLASS
        type_t *solid = solid_base(b);
        if (best == NULL) {
            best = b;
            best_solid = solid;
        } else if (type_is_subtype(best_solid, solid)) {
            // keep
        } else if (type_is_subtype(solid, best_solid)) {
            best = b;
            best_solid = solid;
        } else {
            err_set_str(exc_TypeError, "multiple bases have instance lay-out conflict");
            goto fail_bases;
        }
    }

    type_t *t = (type_t *)obj_alloc(meta, meta->basicsize);
    if (t == NULL) goto fail_bases;
    INCREF(name);
    t->name = str_data(name);
    t->name_obj = name;
    // READYING until the end: type_lookup must not try to type_ready() it.
    t->flags = TPFLAG_HEAPTYPE | TPFLAG_BASETYPE | TPFLAG_READYING | inherited_flags;
    t->base = best;
    t->bases = b_tuple; // owned
    t->doc = NULL;

    // Counted for now; a class statement of a module body makes the class
    // immortal once it is built (type_immortalize, eval_build_class).
    obj_t *dict = dict_copy(ns);
    if (dict == NULL) goto fail;
    t->dict = dict;

    // __module__ (the compiler stores it; type() calls take the caller's __name__).
    int has = dict_contains(dict, ID(__module__));
    if (has < 0) goto fail;
    if (!has) {
        obj_t *g = eval_current_globals();
        if (g != NULL) {
            obj_t *mn = dict_get(g, ID(__name__));
            if (mn != NULL) {
                int r = dict_set(dict, ID(__module__), mn);
                DECREF(mn);
                if (r < 0) goto fail;
            } else if (err_occurred())
                goto fail;
        }
    }
    // __qualname__
    obj_t *qn = dict_get(dict, ID(__qualname__));
    if (qn != NULL) {
        if (!STR_CHECK(qn)) {
            err_format(exc_TypeError, "type __qualname__ must be a str, not %s", obj_type_name(qn));
            DECREF(qn);
            goto fail;
        }
        t->qualname_obj = qn;
        if (dict_del(dict, ID(__qualname__)) < 0) goto fail;
    } else {
        if (err_occurred()) goto fail;
        t->qualname_obj = NEWREF(name);
    }
    if (wrap_special(dict, ID(__new__), staticmethod_new) < 0 ||
        wrap_special(dict, ID(__init_subclass__), classmethod_new) < 0 ||
        wrap_special(dict, ID(__class_getitem__), classmethod_new) < 0)
        goto fail;

    // Layout.
    t->basicsize = best->basicsize;
    t->itemsize = best->itemsize;
    t->dictoffset = best->dictoffset;
    bool add_dict = true;
    type_t *sbase = static_base(best);
    bool var_base = sbase == &str_type || sbase == &tuple_type || sbase == &bytes_type;
    obj_t *slots = dict_get(dict, ID(__slots__));
    if (slots != NULL) {
        size_t nslots = 0;
        int w = setup_slots(t, slots, dict, &nslots);
        DECREF(slots);
        if (w < 0) goto fail;
        if (nslots > 0 && var_base) {
            err_format(exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                       sbase->name);
            goto fail;
        }
        add_dict = w == 1;
        // A secondary base with a __dict__ gives one (CPython's rule).
        for (size_t i = 0; !add_dict && i < TUPLE_SIZE(b_tuple); i++)
            if (((type_t *)TUPLE_GET(b_tuple, i))->dictoffset != 0) add_dict = true;
    } else if (err_occurred()) {
        goto fail;
    }
    // After the slots: `__slots__ = ('__doc__',)` makes __doc__ a member.
    if (dict_contains(dict, ID(__doc__)) == 0 && dict_set(dict, ID(__doc__), None) < 0) goto fail;
    if (t->dictoffset == 0 && add_dict) {
        if (var_base) {
            // The dict pointer follows the variable part (obj_var_end); the
            // builtin's tp_new allocates basicsize + variable part, so keep
            // room for the pointer and its alignment.
            t->dictoffset = DICTOFFSET_AT_END;
            t->basicsize += sbase == &tuple_type ? sizeof(obj_t *) : 2 * sizeof(obj_t *);
        } else {
            t->dictoffset = t->basicsize;
            t->basicsize += sizeof(obj_t *);
        }
        obj_t *gd = getsetdescr_new(t, &subtype_dict_getset);
        if (gd == NULL) goto fail;
        int r = dict_setdefault(dict, ID(__dict__), gd);
        DECREF(gd);
        if (r < 0) goto fail;
    }
    if (weakref_type_add_descriptor(t, dict) < 0) goto fail;

    obj_t *mro = compute_mro(t, b_tuple);
    if (mro == NULL) goto fail;
    t->mro = mro;

    // A class that defines __eq__ but not __hash__ is unhashable.
    if (dict_contains(dict, ID(__eq__)) == 1 && dict_contains(dict, ID(__hash__)) == 0 &&
        dict_set(dict, ID(__hash__), None) < 0)
        goto fail;

    // Slots: non-dunder ones from the base, the rest from the MRO's dunders.
    t->dealloc = subtype_dealloc;
    t->traverse = subtype_traverse;
    t->clear = subtype_clear;
    t->tp_new = best->tp_new;
    typeslots_fixup(t);
    if (t->getattro == NULL) t->getattro = obj_generic_getattr;
    if (t->setattro == NULL) t->setattro = obj_generic_setattr;
    assign_version(t);
    for (size_t i = 1; i < TUPLE_SIZE(mro); i++) {
        type_t *m = (type_t *)TUPLE_GET(mro, i);
        if (!(load_flags(m) & TPFLAG_HAS_SUBCLASS))
            __atomic_fetch_or(&m->flags, TPFLAG_HAS_SUBCLASS, __ATOMIC_RELEASE);
    }
    __atomic_store_n(&t->flags, (t->flags | TPFLAG_READY) & ~TPFLAG_READYING, __ATOMIC_RELEASE);
    if (register_heap_type(t) < 0) goto fail;

    if (call_set_name(t) < 0 || call_init_subclass(t, kwds) < 0) {
        DECREF((obj_t *)t); // registered: the collector or type_dealloc undoes it
        return NULL;
    }
    return (obj_t *)t;

fail:
    // The half-built type is dropped: type_dealloc, or the collector if
    // descriptors in its dict already refer to it, frees what it holds.
    DECREF((obj_t *)t);
    return NULL;
fail_bases:
    DECREF(b_tuple);
    return NULL;
}
