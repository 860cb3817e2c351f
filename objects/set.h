/*
 * objects/set.h — set and frozenset: open-addressing hash tables with the
 * same probing and growth policy as CPython (so small-int sets iterate in
 * the same order).  Mutations and reads run in the set's critical section.
 */
#ifndef PVM_SET_H
#define PVM_SET_H

#include "object.h"

typedef struct {
    obj_t *key; // NULL = empty slot, set_dummy = deleted
    hash_t hash;
} set_entry_t;

typedef struct {
    obj_t ob;
    size_t fill; // active + dummy
    size_t used; // active
    size_t mask; // table size - 1
    set_entry_t *table;
    set_entry_t small[8];
    _Atomic hash_t hash; // frozenset only
    size_t finger;       // pop() position
} set_t;

extern type_t set_type, frozenset_type;
#define ANYSET_CHECK(v)                                                                            \
    (!IS_SMALLINT(v) &&                                                                            \
     (type_is_subtype((v)->ob_type, &set_type) || type_is_subtype((v)->ob_type, &frozenset_type)))

PVM_WUR obj_t *set_new(obj_t *iterable);       // iterable may be NULL
PVM_WUR obj_t *frozenset_new(obj_t *iterable); // iterable may be NULL
int set_add(obj_t *s, obj_t *key);
int set_discard(obj_t *s, obj_t *key); // 1 removed, 0 missing, -1 error
int set_contains(obj_t *s, obj_t *key);
ssize_t set_size(obj_t *s);
// Iteration: *pos starts at 0; returns 1 with a NEW ref in *key, 0 at end.
int set_next(obj_t *s, ssize_t *pos, obj_t **key);

// Added by the containers piece (used by dict views and builtins):
// s.update(iterable), s.difference_update(other),
// s.symmetric_difference_update(other) — 0 / -1; s & other as a new set
// (of s's base type).
int set_update(obj_t *s, obj_t *iterable);
int set_difference_update(obj_t *s, obj_t *other);
int set_symmetric_difference_update(obj_t *s, obj_t *other);
PVM_WUR obj_t *set_intersection(obj_t *s, obj_t *other);
// The iterator type of set and frozenset, for type_ready at start-up.
extern type_t set_iter_type;

#endif // PVM_SET_H
