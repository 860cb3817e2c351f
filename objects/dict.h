/*
 * objects/dict.h — dict: compact insertion-ordered hash table (an index
 * table over a dense entries array, as CPython 3.6+).
 *
 * Concurrency: writers hold the dict's critical section; readers take no
 * lock (see dict.c: acquire-load the keys table, probe, take the value with a
 * try-increment, re-check the table).  Replaced tables are retired through
 * QSBR.  Instance __dict__s, module globals and class dicts are dicts.
 */
#ifndef PVM_DICT_H
#define PVM_DICT_H

#include "object.h"

typedef struct dict_keys dict_keys_t; // private to dict.c

typedef struct {
    obj_t ob;
    _Atomic size_t used;       // number of live items
    dict_keys_t *_Atomic keys; // table; never NULL (shared empty table)
    _Atomic uint64_t version;  // bumped on every mutation (for caches)
} dict_t;

extern type_t dict_type;

PVM_WUR obj_t *dict_new(void);
// d[key] as a NEW reference, or NULL: NULL without exception = missing,
// NULL with exception = error in __hash__/__eq__.
PVM_WUR obj_t *dict_get(obj_t *d, obj_t *key);
PVM_WUR obj_t *dict_get_str(obj_t *d, const char *key);
// Lookup with a precomputed hash (for interned names: str_hash caches).
PVM_WUR obj_t *dict_get_hashed(obj_t *d, obj_t *key, hash_t hash);
// For the interpreter only: the lock-free lookup of an exact str or tagged
// int key, as a reference for a VM register (may be a register credit,
// gc/credit.h).  *done false: undecided, use dict_get_hashed; *done true and
// NULL: the key is absent (no exception set).
PVM_WUR obj_t *dict_get_for_reg(obj_t *d, obj_t *key, hash_t hash, bool *done);
// dict_get_hashed for a value that goes into a VM register of this thread
// (gc/credit.h): the lock-free path gives a register reference, which may
// be a credit; a caller that stores it anywhere else must credit_claim it.
PVM_WUR obj_t *dict_get_hashed_for_reg(obj_t *d, obj_t *key, hash_t hash);

int dict_set(obj_t *d, obj_t *key, obj_t *value); // does not steal
int dict_set_str(obj_t *d, const char *key, obj_t *value);
int dict_del(obj_t *d, obj_t *key); // KeyError if missing
// Removes key if present: 1 removed (value stored in *out as new ref if out
// != NULL), 0 missing, -1 error.
int dict_pop(obj_t *d, obj_t *key, obj_t **out);
int dict_contains(obj_t *d, obj_t *key); // 1/0/-1
ssize_t dict_size(obj_t *d);
void dict_clear(obj_t *d);
PVM_WUR obj_t *dict_copy(obj_t *d);
int dict_update(obj_t *d, obj_t *other); // dict.update(other): mapping or iterable of pairs
int dict_merge(obj_t *d, obj_t *other, bool override); // other is a mapping
PVM_WUR obj_t *dict_keys_list(obj_t *d);
PVM_WUR obj_t *dict_values_list(obj_t *d);
PVM_WUR obj_t *dict_items_list(obj_t *d);
// The items as one flat malloc'ed array key0, value0, key1, value1, ...
// (2 * *n new references; NULL and 0 when empty), copied in one critical
// section: a snapshot C code can walk without building tuples
// (modules/json.c).  -1 + MemoryError.
int dict_items_flat(obj_t *d, obj_t ***out, size_t *n);
// Iteration by position: *pos starts at 0.  Returns 1 and NEW references in
// *key/*value (either may be NULL to skip), 0 at the end.  Safe against
// concurrent mutation (takes the critical section per step).
int dict_next(obj_t *d, ssize_t *pos, obj_t **key, obj_t **value);

// For OrderedDict (modules/odict.c), which makes each of its operations one
// critical section of the dict: these run with d's section HELD by the
// caller.  Keys and values removed go to *k / *v as the dict's references,
// to be released after the section with qsbr_container_drop.
// d[key] = value (borrowed); the replaced value to *old (DECREF after the
// section); *added when the key was new.  -1 on error.
int dict_set_locked(obj_t *d, obj_t *key, hash_t hash, obj_t *value, obj_t **old, bool *added);
// Removes key: 1 removed, 0 missing, -1 error.
int dict_pop_locked(obj_t *d, obj_t *key, hash_t hash, obj_t **k, obj_t **v);
// Removes the last (or first) item: 1, or 0 when empty.
int dict_popitem_locked(obj_t *d, bool last, obj_t **k, obj_t **v);
// Moves key to the end (or the front) of the order: 1, 0 missing, -1 error.
int dict_move_locked(obj_t *d, obj_t *key, hash_t hash, bool last);
// One step of iteration by entry position (forward from *pos, or backward
// from *pos; a *pos past the end means the last entry): 1 with NEW
// references (either pointer may be NULL), 0 at the end.
int dict_step_locked(obj_t *d, ssize_t *pos, bool reverse, obj_t **key, obj_t **value);

// The view and iterator types (objects/dictview.c).  The forward
// iterators' iternext_reg slot reads the dict without its lock.
extern type_t dict_keys_type, dict_values_type, dict_items_type;
// A view of d whose type is tp: dict_keys/values/items or a subtype of one
// with the same layout (OrderedDict's odict_keys ...).
PVM_WUR obj_t *dictview_new_of(type_t *tp, obj_t *d);
extern type_t dict_keyiter_type, dict_valueiter_type, dict_itemiter_type;
extern type_t dict_revkeyiter_type, dict_revvalueiter_type, dict_revitemiter_type;

#endif // PVM_DICT_H
