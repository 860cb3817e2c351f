/*
 * objects/dict_internal.h — private interface between dict.c (the table)
 * and dictview.c (views and iterators), also used by set.c and list.c.  The
 * table layout itself stays private to dict.c.
 */
#ifndef PVM_DICT_INTERNAL_H
#define PVM_DICT_INTERNAL_H

#if !defined(PVM_CONTAINERS_IMPL)
#error "objects/dict_internal.h is private to dict.c and dictview.c"
#endif

#include "dict.h"

// State of one dict iterator (CPython's di_used / di_pos / len).
typedef struct {
    ssize_t used; // the dict's size when iteration started; -1 after an error
    ssize_t pos;  // next entry position (reverse: next position to look at, -1 = done)
    ssize_t len;  // items left to produce; -1 once exhausted
} dict_iter_state_t;

void dict_iter_init(obj_t *d, dict_iter_state_t *st, bool reverse);
// One step of a dict iterator, in one critical section of d.  Returns 1 with
// NEW references in *key / *value (either pointer may be NULL to skip), 0 when
// exhausted, -1 with RuntimeError ("dictionary changed size during
// iteration" / "dictionary keys changed during iteration").
int dict_iter_step(obj_t *d, dict_iter_state_t *st, bool reverse, obj_t **key, obj_t **value);
// The same step forward, without the dict's lock, for the interpreter:
// *key / *value are register references (credits when another thread owns
// them, gc/credit.h).  The caller serializes the steps on one `st`.
int dict_iter_step_for_reg(obj_t *d, dict_iter_state_t *st, obj_t **key, obj_t **value);

// Lookups with a precomputed hash (from a set or another dict's entry).
int dict_contains_hashed(obj_t *d, obj_t *key, hash_t hash);
// Like dict_next, also returning the stored hash.
int dict_next_hashed(obj_t *d, ssize_t *pos, obj_t **key, obj_t **value, hash_t *hash);

// The dict type's iter slot (dict.__iter__): dictview.c's key iterator.
PVM_WUR obj_t *dictiter_new(obj_t *d, int kind, bool reverse);
#define DICT_ITER_KEYS   0
#define DICT_ITER_VALUES 1
#define DICT_ITER_ITEMS  2

// Views (dictview.c).
PVM_WUR obj_t *dictview_new(obj_t *d, int kind);
// If v is a dict_keys/dict_values/dict_items view: a list of its contents
// taken in one critical section of the dict (list(d.items()) is atomic, as
// in CPython's free-threaded build).  NULL without exception otherwise.
PVM_WUR obj_t *dictview_snapshot(obj_t *v);

#endif // PVM_DICT_INTERNAL_H
