/*
 * objects/object.h — the object header, the value representation, the type
 * object, and the abstract object API that every other file calls.
 *
 * Values.  Every Python value is an `obj_t *`.  A value whose low bit is 1 is
 * not a pointer: it is a *tagged small int* holding a 63-bit signed integer
 * (see IS_SMALLINT).  Ints in [SMALLINT_MIN, SMALLINT_MAX] are ALWAYS tagged
 * (canonical form); only ints outside that range are heap `int_t` objects.
 * Tagged ints need no allocation and no reference count, so threads that read
 * shared lists/dicts of ints write nothing shared (DESIGN.md "Reads must not
 * write").  Consequences for all code:
 *   - never dereference a value without knowing it is a pointer: use TYPE(v),
 *     never v->ob_type;
 *   - INCREF/DECREF accept tagged values (they are no-ops);
 *   - `a == b` identity works for tagged ints (same value, same bits).
 *
 * Object header (24 bytes), the free-threaded layout of DESIGN.md section 3:
 *   ob_tid        owning thread's small id; 0 = no owner (counted only shared)
 *   ob_ref_local  owner-only count, plain loads/stores; UINT32_MAX = immortal
 *   ob_ref_shared (count << 2) | state, atomic, for every other thread
 *   ob_mutex      per-object lock byte (threads/mutex.h), only ever taken
 *                 through the critical-section API (threads/critical.h)
 *   ob_gc_bits    GC_* bits below
 *   ob_flags      reserved for type-specific use
 *
 * Ownership conventions (as CPython's): functions returning `obj_t *` return
 * a NEW reference, or NULL with an exception set in the thread state
 * (core/error.h).  Arguments are BORROWED unless a comment says "steals".
 * Functions returning int return 0 (or a non-negative result) on success and
 * -1 with an exception set on failure.  Fallible functions are PVM_WUR.
 */
#ifndef PVM_OBJECT_H
#define PVM_OBJECT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "../core/config.h"

typedef struct obj obj_t;
typedef struct type type_t;
typedef int64_t hash_t; // -1 means error

struct obj {
    _Atomic uint32_t ob_tid;
    _Atomic uint32_t ob_ref_local;
    _Atomic int32_t ob_ref_shared;
    _Atomic uint8_t ob_mutex;
    _Atomic uint8_t ob_gc_bits;
    uint16_t ob_flags;
    type_t *ob_type;
};

// ob_gc_bits
#define GC_SHARED    0x01 // reachable by more than one thread at some point
#define GC_DEFERRED  0x02 // deferred reference counting (DESIGN.md sec. 3)
#define GC_RACE      0x04 // has shadow state in the -X race detector (threads/race.c)
#define GC_FINALIZED 0x08 // __del__ already ran (objects/type.c; PEP 442: at most once)
#define GC_WEAKREFS  0x10 // has (or had) weak references (modules/weakref.c)
#define GC_HEAD      0x20 // allocated with a gc_head_t before the header (gc/gc.h)
#define GC_CAND      0x40 // cycle collector's scratch bit (gc/collect.c), only in its pause
#define GC_GARBAGE   0x80 // found unreachable by the running collection (gc/collect.c)

// Static header initializer for statically allocated, immortal objects.
#define OBJ_HEAD_INIT(type_ptr)                                                                    \
    {                                                                                              \
        .ob_tid = 0, .ob_ref_local = UINT32_MAX, .ob_ref_shared = 0, .ob_mutex = 0,                \
        .ob_gc_bits = 0, .ob_flags = 0, .ob_type = (type_ptr)                                      \
    }

// ---- tagged small ints --------------------------------------------------

#define SMALLINT_MAX      ((int64_t)((UINT64_C(1) << 62) - 1))
#define SMALLINT_MIN      (-(int64_t)(UINT64_C(1) << 62))
#define IS_SMALLINT(v)    ((((uintptr_t)(v)) & 1u) != 0)
#define SMALLINT_VALUE(v) ((int64_t)(intptr_t)(v) >> 1)
#define SMALLINT_FITS(i)  ((i) >= SMALLINT_MIN && (i) <= SMALLINT_MAX)
// Caller guarantees SMALLINT_FITS(i).
#define SMALLINT_FROM(i) ((obj_t *)(uintptr_t)((((uint64_t)(int64_t)(i)) << 1) | 1u))

extern type_t int_type;

static inline type_t *TYPE(obj_t *v) {
    return IS_SMALLINT(v) ? &int_type : v->ob_type;
}

// ---- slot signatures -------------------------------------------------------

// Calling convention everywhere (builtin functions, methods, types, Python
// functions): positional arguments are args[0..nargs), then one value per
// keyword name in `kwnames` (a tuple of str, or NULL when there are none):
// args[nargs + i] is the value for kwnames[i].  All borrowed.
typedef obj_t *(*callfunc)(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames);
// Builtin function / method implementation: `self` is the bound object (for
// methods), the module (for module-level builtins) or NULL.
typedef obj_t *(*cfunc_t)(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);

typedef void (*destructor)(obj_t *);
typedef obj_t *(*unaryfunc)(obj_t *);
typedef obj_t *(*binaryfunc)(obj_t *, obj_t *);
typedef obj_t *(*ternaryfunc)(obj_t *, obj_t *, obj_t *);
typedef int (*inquiry)(obj_t *);     // 1 true, 0 false, -1 error
typedef ssize_t (*lenfunc)(obj_t *); // -1 error
typedef hash_t (*hashfunc)(obj_t *); // -1 error
typedef obj_t *(*richcmpfunc)(obj_t *, obj_t *, int op);
typedef obj_t *(*getattrofunc)(obj_t *, obj_t *name);
typedef int (*setattrofunc)(obj_t *, obj_t *name, obj_t *value); // value NULL = delete
typedef obj_t *(*getitemfunc)(obj_t *, obj_t *key);
typedef int (*setitemfunc)(obj_t *, obj_t *key, obj_t *value); // value NULL = delete
typedef int (*containsfunc)(obj_t *, obj_t *item);             // 1, 0, -1
// Returns the next item (new ref); NULL with no exception set = exhausted
// (no StopIteration object is created); NULL with an exception = error.
typedef obj_t *(*iternextfunc)(obj_t *);
// type_t.iternext_reg: one step of an iterator whose items go to registers
// (FOR_ITER, C loops that look at each item and drop it).  The item may be
// a register credit (gc/credit.h): valid until this thread's next quiescent
// state, to be claimed with INCREF before it is stored anywhere else.
// Returns 1 with the item in *v, 0 when exhausted (no exception), -1 on
// error.  Types with TPFLAG_ITER_PAIRS yield 2-tuples and, when `pair` is
// not NULL, deliver the tuple's two items in *v and *pair instead (no tuple
// is built: `for k, v in d.items()`).
typedef int (*iternextregfunc)(obj_t *it, obj_t **v, obj_t **pair);
// Cycle collector (gc/gc.h): visit returns non-zero to stop the traversal.
typedef int (*visitproc)(obj_t *o, void *arg);
typedef int (*traverseproc)(obj_t *self, visitproc visit, void *arg);
typedef obj_t *(*descrgetfunc)(obj_t *descr, obj_t *obj, obj_t *type); // obj may be NULL
typedef int (*descrsetfunc)(obj_t *descr, obj_t *obj, obj_t *value);   // value NULL = delete
typedef obj_t *(*newfunc)(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames);
typedef int (*initfunc)(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
typedef obj_t *(*getter)(obj_t *self, void *closure);
typedef int (*setter)(obj_t *self, obj_t *value, void *closure); // value NULL = delete

// Binary operators, in the order of the compiler's BINARY_OP argument.
typedef enum {
    BINOP_ADD,
    BINOP_SUB,
    BINOP_MUL,
    BINOP_MATMUL,
    BINOP_TRUEDIV,
    BINOP_FLOORDIV,
    BINOP_MOD,
    BINOP_POW,
    BINOP_LSHIFT,
    BINOP_RSHIFT,
    BINOP_AND,
    BINOP_OR,
    BINOP_XOR,
    BINOP_COUNT
} binop_t;

typedef enum { UNOP_NEG, UNOP_POS, UNOP_INVERT, UNOP_NOT, UNOP_COUNT } unop_t;

// Rich comparison operators, CPython's order.
typedef enum { CMP_LT_OP, CMP_LE_OP, CMP_EQ_OP, CMP_NE_OP, CMP_GT_OP, CMP_GE_OP } cmpop_t;

// Declarative method table entry (MicroPython/CPython style).
#define METH_DEFAULT 0x0 // bound to the instance: fn(self, args...)
#define METH_CLASS   0x1 // bound to the class: fn(cls, args...)
#define METH_STATIC  0x2 // unbound: fn(NULL, args...)
typedef struct method_def {
    const char *name;
    cfunc_t fn;
    int flags;
    const char *doc;
} method_def_t;

// Data attribute stored in the instance struct at `offset`.
#define MEMBER_OBJECT    0 // obj_t *; NULL reads as None
#define MEMBER_OBJECT_EX 1 // obj_t *; NULL raises AttributeError
#define MEMBER_INT64     2
#define MEMBER_BOOL      3
#define MEMBER_DOUBLE    4 // double, read as a float
typedef struct member_def {
    const char *name;
    int kind;
    size_t offset;
    bool readonly;
} member_def_t;

typedef struct getset_def {
    const char *name;
    getter get;
    setter set; // NULL = read-only
    void *closure;
    const char *doc; // the descriptor's __doc__, or NULL (None)
} getset_def_t;

// type_t.flags
#define TPFLAG_HEAPTYPE          (1u << 0) // created by a class statement
#define TPFLAG_BASETYPE          (1u << 1) // may be subclassed
#define TPFLAG_READY             (1u << 2) // type_ready() has run
#define TPFLAG_INT_SUBCLASS      (1u << 3) // fast isinstance checks ...
#define TPFLAG_STR_SUBCLASS      (1u << 4)
#define TPFLAG_TUPLE_SUBCLASS    (1u << 5)
#define TPFLAG_LIST_SUBCLASS     (1u << 6)
#define TPFLAG_DICT_SUBCLASS     (1u << 7)
#define TPFLAG_TYPE_SUBCLASS     (1u << 8)
#define TPFLAG_EXC_SUBCLASS      (1u << 9) // BaseException and subclasses
#define TPFLAG_BYTES_SUBCLASS    (1u << 10)
#define TPFLAG_ABSTRACT          (1u << 11)
#define TPFLAG_METHOD_DESCRIPTOR (1u << 12) // binds like a function (see objects/method.h)
#define TPFLAG_ITER_PAIRS        (1u << 13) // iternext_reg can unpack 2-tuple items (above)
// Instances hold no pointers to other objects (exact str, bytes, int,
// float, complex), so no register credit can stand for a pointer read out
// of one (gc/credit.h).  Never inherited: a subclass's instances have dicts.
#define TPFLAG_LEAF (1u << 14)

// The type object.  Builtin types are static, immortal `type_t` definitions
// written as one designated-initializer table in their own file; type_ready()
// (objects/type.c) fills the rest: inherited slots, mro, and a dict holding
// the methods/members/getsets and a wrapper for every dunder slot.  Classes
// created by `class` statements are heap types whose slots are generic
// functions that look the dunder methods up in the MRO.
struct type {
    obj_t ob;
    const char *name; // tp_name, e.g. "int" or "MyClass"
    size_t basicsize; // instance size for obj_alloc
    size_t itemsize;
    uint32_t flags;
    type_t *base;             // primary base (object has NULL)
    obj_t *bases;             // tuple of types
    obj_t *mro;               // tuple of types, C3 order, starting with this type
    obj_t *dict;              // class namespace (a dict); read lock-free
    obj_t *name_obj;          // __name__ (str)
    obj_t *qualname_obj;      // __qualname__ (str)
    obj_t *module_obj;        // __module__ value or NULL ("builtins")
    size_t dictoffset;        // offset of the instance's `obj_t *dict` field, 0 = none
    _Atomic uint32_t version; // bumped whenever the type or a base changes

    destructor dealloc;
    unaryfunc repr;
    unaryfunc str;
    hashfunc hash; // NULL after type_ready means unhashable
    richcmpfunc richcompare;
    getattrofunc getattro;
    setattrofunc setattro;
    callfunc call;
    unaryfunc iter;
    iternextfunc iternext;
    // NULL: iternext only.  Never inherited (a subclass may define __next__).
    iternextregfunc iternext_reg;
    descrgetfunc descr_get;
    descrsetfunc descr_set;
    newfunc tp_new;
    initfunc tp_init;

    // Number protocol.  nb[op](a, b) is called with either operand of this
    // type and returns NotImplemented when it cannot handle the pair.
    binaryfunc nb[BINOP_COUNT];
    binaryfunc nb_inplace[BINOP_COUNT]; // NULL = fall back to nb[]
    unaryfunc nb_neg, nb_pos, nb_abs, nb_invert;
    inquiry nb_bool;
    unaryfunc nb_int, nb_float, nb_index;

    // Sequence / mapping protocol (keys may be ints, slices or anything).
    lenfunc len;
    getitemfunc getitem;
    setitemfunc setitem;
    containsfunc contains;

    const method_def_t *methods;
    const member_def_t *members;
    const getset_def_t *getsets;
    const char *doc;
    const struct buffer_procs *as_buffer; // exporters other than bytes/bytearray (objects/buffer.h)

    // Cycle collector (gc/gc.h).  traverse calls visit on every strong
    // reference the object holds (never a borrowed one); a type with a
    // traverse slot is a container: its instances get a gc_head_t before
    // the header and sit in the collector's registry.  clear drops the
    // references that can form cycles.  Inherited by subtypes.
    traverseproc traverse;
    inquiry clear;
};

extern type_t type_type;   // "type"
extern type_t object_type; // "object"

// ---- reference counting (biased), allocation -------------------------------

#include "../gc/refcount.h"

// Allocates `size` zeroed bytes (>= sizeof(obj_t)) for a new object of `type`,
// owned by the calling thread with one reference.  NULL + MemoryError.
PVM_WUR obj_t *obj_alloc(type_t *type, size_t size);
// True when one block of `nbytes` is more than this machine can ever hold
// (physical memory + swap).  Every allocation whose size comes from the
// program (sequence sizes, widths, counts) checks it and raises MemoryError:
// jemalloc maps big blocks with MAP_NORESERVE, so malloc alone would succeed
// and the process would be killed when it touched the pages.
bool obj_alloc_too_big(size_t nbytes);
// Releases the memory of an object whose dealloc has run (called by deallocs).
void obj_free(obj_t *o);
// Runs type->dealloc; called when the count reaches zero.
void obj_dealloc(obj_t *o);
// Makes an object immortal (never counted, never freed).
void obj_immortalize(obj_t *o);
// For the interpreter's LOAD_ATTR: obj_getattr, but a value found in the
// instance dict may come back as a register credit (gc/credit.h).
PVM_WUR obj_t *obj_getattr_for_reg(obj_t *v, obj_t *name);
// Same for a constant and, for tuples and frozensets, its items.
void obj_immortalize_tree(obj_t *o);

// ---- the singletons (objects/none.c, objects/bool.c) -------------------------

extern obj_t none_obj, notimpl_obj, ellipsis_obj;
#define None           (&none_obj)
#define NotImplemented (&notimpl_obj)
#define Ellipsis       (&ellipsis_obj)
extern type_t none_type, notimpl_type, ellipsis_type, bool_type;
typedef struct {
    obj_t ob;
    int64_t value;
} bool_obj_t;
extern bool_obj_t true_obj, false_obj;
#define True  ((obj_t *)&true_obj)
#define False ((obj_t *)&false_obj)
static inline obj_t *bool_from(bool b) {
    return b ? True : False;
} // immortal: no INCREF needed

// ---- type checks -------------------------------------------------------------

static inline bool type_has_flag(type_t *t, uint32_t f) {
    // Acquire: type_ready publishes READY last, with a release store, while
    // other threads may test it: one that sees READY also sees the slots
    // and fields that readying wrote (free on x86).
    return (__atomic_load_n(&t->flags, __ATOMIC_ACQUIRE) & f) != 0;
}
bool type_is_subtype(type_t *a, type_t *b); // a is b or a subclass of b (via mro)
#define OBJ_IS_TYPE(v, tp) (TYPE(v) == (tp))
#define INT_CHECK(v)       (IS_SMALLINT(v) || type_has_flag(TYPE(v), TPFLAG_INT_SUBCLASS)) // incl. bool
#define STR_CHECK(v)       (!IS_SMALLINT(v) && type_has_flag((v)->ob_type, TPFLAG_STR_SUBCLASS))
#define TUPLE_CHECK(v)     (!IS_SMALLINT(v) && type_has_flag((v)->ob_type, TPFLAG_TUPLE_SUBCLASS))
#define LIST_CHECK(v)      (!IS_SMALLINT(v) && type_has_flag((v)->ob_type, TPFLAG_LIST_SUBCLASS))
#define DICT_CHECK(v)      (!IS_SMALLINT(v) && type_has_flag((v)->ob_type, TPFLAG_DICT_SUBCLASS))
#define TYPE_CHECK(v)      (!IS_SMALLINT(v) && type_has_flag((v)->ob_type, TPFLAG_TYPE_SUBCLASS))
#define EXC_CHECK(v)       (!IS_SMALLINT(v) && type_has_flag((v)->ob_type, TPFLAG_EXC_SUBCLASS))
#define BYTES_CHECK(v)     (!IS_SMALLINT(v) && type_has_flag((v)->ob_type, TPFLAG_BYTES_SUBCLASS))
#define EXC_TYPE_CHECK(v)  (TYPE_CHECK(v) && type_has_flag((type_t *)(v), TPFLAG_EXC_SUBCLASS))
#define STR_EXACT(v)       (!IS_SMALLINT(v) && (v)->ob_type == &str_type)
extern type_t str_type;

// ---- the abstract object API (objects/object.c, objects/abstract.c) -----------

PVM_WUR obj_t *obj_repr(obj_t *v);
PVM_WUR obj_t *obj_str(obj_t *v);
PVM_WUR obj_t *obj_ascii(obj_t *v);
PVM_WUR obj_t *obj_format(obj_t *v, obj_t *spec); // format(v, spec); spec NULL = ""
hash_t obj_hash(obj_t *v);                        // -1 + TypeError if unhashable
// The hash slot of unhashable types (list, dict, set): raises TypeError
// "unhashable type: 'list'".
hash_t hash_not_implemented(obj_t *v);
// object's default hash (identity based).
hash_t obj_generic_hash(obj_t *v);
PVM_WUR obj_t *obj_richcompare(obj_t *a, obj_t *b, int op);
int obj_richcompare_bool(obj_t *a, obj_t *b, int op); // identity implies equality for EQ/NE
int obj_eq(obj_t *a, obj_t *b);                       // obj_richcompare_bool(a, b, CMP_EQ_OP)
int obj_is_true(obj_t *v);                            // 1, 0, -1
ssize_t obj_len(obj_t *v);                            // -1 + TypeError if no len
// operator.length_hint(v, dflt): len(v), else v.__length_hint__(), else
// dflt; -1 + exception (ValueError for a negative hint).
ssize_t obj_length_hint(obj_t *v, ssize_t dflt);

PVM_WUR obj_t *obj_getattr(obj_t *v, obj_t *name); // name is a str
PVM_WUR obj_t *obj_getattr_str(obj_t *v, const char *name);
// Like obj_getattr, but a missing attribute returns NULL with NO exception set.
PVM_WUR obj_t *obj_lookup_attr(obj_t *v, obj_t *name);
int obj_setattr(obj_t *v, obj_t *name, obj_t *value); // value NULL = delete
int obj_setattr_str(obj_t *v, const char *name, obj_t *value);
int obj_hasattr(obj_t *v, obj_t *name);
// object.__getattribute__ / __setattr__ semantics: data descriptors on the
// type, then the instance dict, then non-data descriptors / class attributes.
PVM_WUR obj_t *obj_generic_getattr(obj_t *v, obj_t *name);
int obj_generic_setattr(obj_t *v, obj_t *name, obj_t *value);
// Returns the address of the instance dict slot, or NULL if the type has none.
// Only deallocs and the obj_instance_dict* functions below touch the slot.
obj_t **obj_dict_ptr(obj_t *v);
// The instance dict (another thread may replace it: gc/qsbr.h rebindable
// fields).  _borrow: valid until this thread's next quiescent state (no
// Python code, blocking or mutex wait meanwhile), or NULL.  obj_instance_dict:
// a new reference, or NULL (no exception) when there is none yet.  _ensure:
// a new reference, creating an empty dict if needed; NULL with an exception
// when the type has no instance dict.  _replace: stores d (borrowed; NULL
// deletes), releasing the old dict safely; -1 when there is no slot.
obj_t *obj_instance_dict_borrow(obj_t *v);
obj_t *obj_instance_dict(obj_t *v);
PVM_WUR obj_t *obj_instance_dict_ensure(obj_t *v);
PVM_WUR int obj_instance_dict_replace(obj_t *v, obj_t *d);
// LOAD_METHOD: the attribute `name` of obj for a call.  When it is a method
// descriptor not shadowed by the instance dict, returns the descriptor and
// sets *self_out to obj (both new references; *self_out is a register
// reference, a credit when another thread owns obj: obj must be held by a
// register of the calling frame); otherwise returns the attribute (a new
// reference, which may be a register credit: the interpreter stores it in
// a register) with *self_out NULL.  NULL with an exception on error.
PVM_WUR obj_t *obj_load_method(obj_t *obj, obj_t *name, obj_t **self_out);

// A Py_ssize_t argument (CPython's "n" converter: list.pop(i), str.center(w),
// bytes.split(maxsplit=n)): __index__, then OverflowError "Python int too
// large to convert to C ssize_t".  -1 with the exception set.
PVM_WUR int obj_ssize_arg(obj_t *v, ssize_t *out);
// A C int argument (PyArg_Parse's "i" converter: socket, time tuples,
// lzma's format and check): __index__, then OverflowError "signed integer
// is greater than maximum" / "... less than minimum".  -1 with the
// exception set.
PVM_WUR int obj_int_arg(obj_t *v, int *out);

PVM_WUR obj_t *obj_getitem(obj_t *v, obj_t *key);
int obj_setitem(obj_t *v, obj_t *key, obj_t *value);
int obj_delitem(obj_t *v, obj_t *key);
int obj_contains(obj_t *container, obj_t *item); // `item in container`, 1/0/-1

PVM_WUR obj_t *obj_iter(obj_t *v); // iter(v): TypeError "'X' object is not iterable"
// next(it): new ref; NULL without exception = exhausted; NULL + exception = error.
PVM_WUR obj_t *obj_iternext(obj_t *it);
// The iternext slot as is: exhausted may also be NULL with a StopIteration set
// (a Python __next__ raising StopIteration(value)), which the caller passes on
// as CPython does (next(), enumerate/zip/map/filter, `yield from`).
PVM_WUR obj_t *obj_iternext_raw(obj_t *it);
// obj_iternext for C code that only looks at each item and then drops it
// (sum, min, max): through the iternext_reg slot, so the reference may be a
// register credit (gc/credit.h) and reading a shared list or dict writes
// nothing shared.  The caller
// must DECREF it, or credit_claim it before storing it anywhere or
// returning it.
PVM_WUR obj_t *obj_iternext_transient(obj_t *it);
// Calls the one-argument method fn(self, item) for each item of iterable
// (writelines, csv's writerows); None, or NULL at the first error.
PVM_WUR obj_t *obj_apply_each(obj_t *self, obj_t *iterable, cfunc_t fn);

// a <op> b with CPython's rules: reflected operands, subclass priority,
// NotImplemented, TypeError "unsupported operand type(s) for +: 'int' and 'str'".
PVM_WUR obj_t *obj_binop(obj_t *a, obj_t *b, binop_t op);
PVM_WUR obj_t *obj_inplace_binop(obj_t *a, obj_t *b, binop_t op); // a <op>= b
PVM_WUR obj_t *obj_unop(obj_t *v, unop_t op);                     // -v, +v, ~v, not v
PVM_WUR obj_t *obj_pow3(obj_t *base, obj_t *exp, obj_t *mod);     // pow(b, e, m)
PVM_WUR obj_t *obj_divmod(obj_t *a, obj_t *b);                    // divmod(a, b)
const char *binop_symbol(binop_t op);                             // "+", "//", "**"...

PVM_WUR obj_t *obj_call(obj_t *callable, obj_t *const *args, size_t nargs, obj_t *kwnames);
PVM_WUR obj_t *obj_call0(obj_t *callable);
PVM_WUR obj_t *obj_call1(obj_t *callable, obj_t *a);
PVM_WUR obj_t *obj_call2(obj_t *callable, obj_t *a, obj_t *b);
// callable(*tuple, **dict); kwargs may be NULL.
PVM_WUR obj_t *obj_call_tuple_dict(obj_t *callable, obj_t *args_tuple, obj_t *kwargs);
// obj.name(*args)
PVM_WUR obj_t *obj_call_method(obj_t *obj, const char *name, obj_t *const *args, size_t nargs);
bool obj_is_callable(obj_t *v);

int obj_is_instance(obj_t *v, obj_t *cls); // isinstance(v, cls), cls may be a tuple
int obj_is_subclass(obj_t *a, obj_t *cls); // issubclass(a, cls), cls may be a tuple
// The same without cls's __instancecheck__/__subclasscheck__ hook (what
// type.__instancecheck__ / type.__subclasscheck__ do).
int obj_real_is_instance(obj_t *v, obj_t *cls);
int obj_real_is_subclass(obj_t *a, obj_t *cls);
PVM_WUR obj_t *obj_index(obj_t *v); // operator.index(v): an int, or TypeError
// Converts an index-like value to ssize_t; OverflowError/IndexError style
// handling is the caller's business: returns -1 with an exception on error
// (check err_occurred() when -1 is a legal value).
ssize_t obj_as_ssize(obj_t *v);
PVM_WUR obj_t *obj_dir(obj_t *v); // dir(v) as a sorted list
// The name of v's type, for error messages.
static inline const char *obj_type_name(obj_t *v) {
    return TYPE(v)->name;
}

// Looks `name` up along type->mro in each class dict, without descriptors;
// returns a BORROWED reference (types are immortal or deferred, their dicts
// live as long as the type) or NULL without exception.
obj_t *type_lookup(type_t *type, obj_t *name);
// Finishes a static builtin type: mro, inherited slots, dict of methods,
// members, getsets and slot wrappers.  Called once per type at start-up.
int type_ready(type_t *type);
// type_ready() if not done yet (thread-safe, idempotent).
int type_ensure_ready(type_t *type);

// Repr recursion guard for containers: returns 1 if v is already being
// repr'd by this thread (print "[...]"), 0 after entering, -1 on error.
int repr_enter(obj_t *v);
void repr_leave(obj_t *v);

// ---- argument parsing helpers (core/args.c) ------------------------------------

// Binds positional and keyword arguments to `names` (NULL-terminated; a name
// starting with '$' is keyword-only, the '$' is not part of the name; a name
// starting with '/' is positional-only).  out[i] receives a BORROWED value or
// NULL when an optional argument is absent.  The first `nrequired` names are
// required.  Raises CPython-style TypeErrors ("f() takes at most 2 arguments
// (3 given)", "f() missing required argument 'x' (pos 1)", "f() got an
// unexpected keyword argument 'y'").  `fname` is e.g. "sorted" or "split".
int args_parse(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
               const char *const *names, size_t nrequired, obj_t **out);
// Checks min <= nargs <= max and no keywords; raises
// "f() takes exactly one argument (2 given)" style TypeErrors.
int args_check(const char *fname, size_t nargs, obj_t *kwnames, size_t min, size_t max);
int args_no_kw(const char *fname, obj_t *kwnames);
// The same check in PyArg_ParseTuple's wording:
// "f() takes at most 1 argument (2 given)", "... exactly 2 arguments ...".
int args_check_tuple(const char *fname, size_t nargs, obj_t *kwnames, size_t min, size_t max);

// C-level recursion guard (for repr, richcompare, calls from C into Python):
// returns -1 with RecursionError when too deep.
int c_recursion_enter(const char *where);
void c_recursion_leave(void);

#endif // PVM_OBJECT_H
