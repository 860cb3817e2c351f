/*
 * objects/tuple.h — tuple: immutable array of values, items inline.
 * The empty tuple is an immortal singleton.
 */
#ifndef PVM_TUPLE_H
#define PVM_TUPLE_H

#include "object.h"

typedef struct {
    obj_t ob;
    _Atomic hash_t hash; // cached, -1 = not computed
    size_t size;
    obj_t *items[];
} tuple_t;

extern type_t tuple_type;
#define TUPLE_ITEMS(t)     (((tuple_t *)(t))->items)
#define TUPLE_SIZE(t)      (((tuple_t *)(t))->size)
#define TUPLE_GET(t, i)    (((tuple_t *)(t))->items[i])       // borrowed
#define TUPLE_SET(t, i, v) (((tuple_t *)(t))->items[i] = (v)) // steals v; only on new tuples

PVM_WUR obj_t *tuple_new(size_t size); // items NULL; fill with TUPLE_SET before use
PVM_WUR obj_t *tuple_from_array(obj_t *const *items, size_t n); // INCREFs the items
PVM_WUR obj_t *tuple_pack(size_t n, ...);                       // borrowed items
PVM_WUR obj_t *tuple_from_iterable(obj_t *it);
PVM_WUR obj_t *tuple_slice(obj_t *t, size_t lo, size_t hi);

// Added by the containers piece: the iterator type (iter(tuple)), for
// type_ready at start-up.
extern type_t tuple_iter_type;

#endif // PVM_TUPLE_H
