/*
 * objects/type_internal.h — private plumbing shared by the object-protocol
 * files (object.c, abstract.c, type.c, typeslots.c, descr.c, super.c,
 * method.c, exceptions.c).  Not for other parts of the VM: use object.h /
 * type.h.
 */
#ifndef PVM_TYPE_INTERNAL_H
#define PVM_TYPE_INTERNAL_H

#include "object.h"
#include "str.h"

// Interned identifier, cached per call site: ID(__init__) is the immortal
// str "__init__".  The cache race is benign (str_intern is idempotent).
static inline obj_t *intern_cached(obj_t **cache, const char *s) {
    obj_t *v = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
    if (PVM_UNLIKELY(v == NULL)) {
        v = str_intern(s);
        __atomic_store_n(cache, v, __ATOMIC_RELEASE);
    }
    return v;
}
#define ID(name)                                                                                   \
    ({                                                                                             \
        static obj_t *id_cache_;                                                                   \
        intern_cached(&id_cache_, #name);                                                          \
    })

// A private type flag: type_ready() is running on this type.
#define TPFLAG_READYING (1u << 30)
// Private: some heap type has this type in its MRO (type_modified and slot
// updates must then visit the registry of heap types).
#define TPFLAG_HAS_SUBCLASS (1u << 29)

// type->dictoffset of heap subclasses of the variable-size builtins (str,
// tuple, bytes): the dict pointer follows the variable part, at
// obj_var_end(v).  type->basicsize includes room for it (and alignment).
#define DICTOFFSET_AT_END ((size_t)-1)
// Byte offset just past the variable part of a str/tuple/bytes instance,
// aligned to a pointer.
size_t obj_var_end(obj_t *v);

// ---- descriptors of builtin types (descr.c) ---------------------------------

typedef struct {
    obj_t ob;
    type_t *owner;
    const member_def_t *def;
} memberdescr_t;

typedef struct {
    obj_t ob;
    type_t *owner;
    const getset_def_t *def;
} getsetdescr_t;

typedef struct slotdef slotdef_t;

// A slot wrapper: `list.__len__`, `int.__add__` — calls the C slot function
// `fn` of `owner` (the value it had when the wrapper was made).
typedef struct {
    obj_t ob;
    type_t *owner;
    const slotdef_t *sd;
    void *fn;
} wrapperdescr_t;

extern type_t memberdescr_type, getsetdescr_type, wrapperdescr_type, methodwrapper_type;
PVM_WUR obj_t *memberdescr_new(type_t *owner, const member_def_t *def);
PVM_WUR obj_t *getsetdescr_new(type_t *owner, const getset_def_t *def);
PVM_WUR obj_t *wrapperdescr_new(type_t *owner, const slotdef_t *sd, void *fn);

// ---- slot table (typeslots.c) -------------------------------------------------

// Kinds of slot wrappers: how the Python-level call maps to the C slot.
enum {
    W_UNARY,     // fn(self)
    W_HASH,      // hashfunc
    W_LEN,       // lenfunc
    W_BOOL,      // inquiry
    W_RICHCMP,   // richcmpfunc with op
    W_BINARY,    // fn(self, other)
    W_BINARY_R,  // fn(other, self)
    W_POW,       // fn(self, other) [, mod]
    W_POW_R,     // fn(other, self)
    W_GETATTR,   // fn(self, name)
    W_SETATTR,   // fn(self, name, value)
    W_DELATTR,   // fn(self, name, NULL)
    W_CALL,      // fn(self, args, kw)
    W_NEXT,      // iternextfunc
    W_DESCR_GET, // fn(self, obj, type)
    W_DESCR_SET, // fn(self, obj, value)
    W_DESCR_DEL, // fn(self, obj, NULL)
    W_INIT,      // initfunc
    W_GETITEM,   // fn(self, key)
    W_SETITEM,   // fn(self, key, value)
    W_DELITEM,   // fn(self, key, NULL)
    W_CONTAINS,  // containsfunc
    W_NONE,      // no wrapper (e.g. __getattr__, which has no C slot)
};

struct slotdef {
    const char *name; // the dunder
    size_t offset;    // offsetof(type_t, slot)
    void *generic;    // heap-type implementation that calls the dunder
    int kind;         // W_*
    int op;           // cmpop_t / binop_t when relevant
};

extern const slotdef_t pvm_slotdefs[];
extern const size_t pvm_nslotdefs;
// Adds slot wrappers for the slots `type` defines itself (static types).
int typeslots_add_wrappers(type_t *type);
// Sets the slots of a heap type from the dunders found along its MRO.
void typeslots_fixup(type_t *type);
// After `name` changed in type's dict: recompute the slots it maps to.
void typeslots_update(type_t *type, obj_t *name);
// Raises object.__new__'s "Can't instantiate abstract class C with abstract
// method(s) ..." for a type with TPFLAG_ABSTRACT; returns NULL.
obj_t *typeslots_abstract_error(type_t *type);
// Heap-type slot functions referenced from elsewhere.
obj_t *slot_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames);
// The tp_new a heap type uses when `__new__` resolves to the builtin `f`
// (wraps int/bytes/float constructors so they build subclass instances).
newfunc type_builtin_subtype_new(type_t *type, newfunc f);

// ---- unions (union.c) ----------------------------------------------------------
obj_t *union_or(obj_t *a, obj_t *b); // `a | b` on classes / None / unions, else NotImplemented
int union_contains_instance(obj_t *u, obj_t *v, bool subclass);

// ---- helpers shared by the protocol files ------------------------------------

// Calls `func` (found on the type of self, unbound) with self prepended:
// binds through descr_get unless func is a method descriptor.
PVM_WUR obj_t *call_unbound(obj_t *func, obj_t *self, obj_t *const *args, size_t nargs,
                            obj_t *kwnames);
// Looks `name` up on TYPE(self) and calls it with self prepended.  If the
// attribute is missing: returns NULL with no exception and *missing = true.
PVM_WUR obj_t *call_dunder(obj_t *self, obj_t *name, obj_t *const *args, size_t nargs,
                           bool *missing);
// pow(base, exp, mod) through the C pow slot of `owner` (abstract.c), as
// CPython's long_pow / float_pow with a modulus: int's computes when all
// three are ints (else NotImplemented), float's refuses any modulus.
PVM_WUR obj_t *obj_pow3_slot(type_t *owner, obj_t *base, obj_t *exp, obj_t *mod);
// Attribute lookup with AttributeError suppressed when `suppress` (returns
// NULL without exception for a plain miss).
PVM_WUR obj_t *generic_getattr_impl(obj_t *v, obj_t *name, bool suppress);
PVM_WUR obj_t *type_getattr_impl(obj_t *type, obj_t *name, bool suppress);
obj_t *type_getattro(obj_t *type, obj_t *name);
int type_setattro(obj_t *type, obj_t *name, obj_t *value);
// Raises "'A' object has no attribute 'y'" with .name/.obj set.
void raise_attribute_error(obj_t *v, obj_t *name);

// object's slots, referenced by type.c / typeslots.c / descr.c.
obj_t *object_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames);
int object_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *object_richcompare(obj_t *a, obj_t *b, int op);
// The instance `__dict__` getset installed on heap types that add a dict.
extern const getset_def_t subtype_dict_getset;
// Heap type instance dealloc.
void subtype_dealloc(obj_t *o);
// The cycle collector (gc/collect.c): runs o's __del__ once (PEP 442:
// GC_FINALIZED) on a live object; true when it ran.
bool type_gc_finalize(obj_t *o);
// Registry of heap types (for slot updates and __subclasses__).
void heaptypes_foreach(void (*fn)(type_t *t, void *arg), void *arg);
// The cfunction def used for `__new__` entries (self is the type).
extern const method_def_t tp_new_def;
// Merges the keys of `type`'s MRO dicts into the dict `acc` (used as a set).
int type_merge_dir(type_t *type, obj_t *acc);

// object.__reduce__, __reduce_ex__, __getstate__, __sizeof__ (objects/reduce.c).
obj_t *object_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *object_reduce_ex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *object_getstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *object_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);

#endif // PVM_TYPE_INTERNAL_H
