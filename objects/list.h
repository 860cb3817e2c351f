/*
 * objects/list.h — list: a growable array of values.
 *
 * Concurrency: every mutation runs inside the list's critical section.  The
 * item array is a separately allocated list_items_t so readers can load it
 * lock-free (acquire) and index it; when it is replaced (growth), the old
 * array is retired through QSBR, never freed while a reader may hold it.
 */
#ifndef PVM_LIST_H
#define PVM_LIST_H

#include "object.h"

typedef struct {
    size_t cap;
    obj_t *items[];
} list_items_t;

typedef struct {
    obj_t ob;
    _Atomic size_t size;
    list_items_t *_Atomic arr; // NULL when cap == 0
} list_t;

extern type_t list_type;

PVM_WUR obj_t *list_new(size_t size);                          // size items, all None
PVM_WUR obj_t *list_from_array(obj_t *const *items, size_t n); // INCREFs
PVM_WUR obj_t *list_from_iterable(obj_t *it);
int list_append(obj_t *l, obj_t *v); // does not steal
int list_extend(obj_t *l, obj_t *iterable);
int list_insert(obj_t *l, ssize_t i, obj_t *v);
ssize_t list_size(obj_t *l);
PVM_WUR obj_t *list_get(obj_t *l, ssize_t i); // new ref; IndexError if out of range
int list_set(obj_t *l, ssize_t i, obj_t *v);  // does not steal; IndexError
// For the interpreter only: item i (NULL, no exception, when out of range)
// as a reference for a VM register, which may be a register credit
// (gc/credit.h).  List iterators have the iternext_reg slot.
PVM_WUR obj_t *list_item_for_reg(obj_t *l, size_t i);
int list_sort(obj_t *l, obj_t *key, bool reverse);
int list_reverse(obj_t *l);
PVM_WUR obj_t *list_as_tuple(obj_t *l);
// Direct item access for lists not shared yet (the owner just built it):
// only valid while no other thread can see the list.
obj_t **list_items_unsafe(obj_t *l);

// Added by the containers piece: the iterator types (iter(list),
// reversed(list)), for type_ready at start-up.
extern type_t list_iter_type, list_reviter_type;

// For algorithms that run over a list inside its critical section
// (modules/heapq.c); the caller holds l's section and passes indexes below
// the size.  append: appends v (not stolen), -1 + MemoryError.  item:
// borrowed.  replace: stores v (not stolen), returns the old item as a new
// reference.  pop_last: removes the last item and returns it as a new
// reference.  Dropped references follow list.c's
// rules for lock-free readers.
int list_append_locked(obj_t *l, obj_t *v);
obj_t *list_item_locked(obj_t *l, size_t i);
void list_swap_locked(obj_t *l, size_t i, size_t j);
PVM_WUR obj_t *list_replace_locked(obj_t *l, size_t i, obj_t *v);
PVM_WUR obj_t *list_pop_last_locked(obj_t *l);

#endif // PVM_LIST_H
