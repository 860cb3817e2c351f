/*
 * objects/list_internal.h — private interface between list.c and
 * listsort.c.
 */
#ifndef PVM_LIST_INTERNAL_H
#define PVM_LIST_INTERNAL_H

#if !defined(PVM_CONTAINERS_IMPL)
#error "objects/list_internal.h is private to list.c and listsort.c"
#endif

#include "object.h"

// Sorts keys[0..n) stably in ascending order with `<` (obj_richcompare),
// moving values[] alongside when values != NULL.  Runs Python code (the
// comparisons); the caller must not hold the list's critical section.
// Returns 0, or -1 with an exception set; on error every item is still
// present exactly once in keys/values (in some order).
int listsort_sort(obj_t **keys, obj_t **values, size_t n);

#endif // PVM_LIST_INTERNAL_H
