/*
 * modules/itertools_internal.h — shared by the files of the native
 * `itertools` module (modules/itertools.c: the infinite and filtering
 * iterators, tee, the module table; modules/itertools_comb.c: product,
 * permutations, combinations, combinations_with_replacement).
 */
#ifndef PVM_ITERTOOLS_INTERNAL_H
#define PVM_ITERTOOLS_INTERNAL_H

#if !defined(PVM_ITERTOOLS_IMPL)
#error "modules/itertools_internal.h is private to modules/itertools*.c"
#endif

#include "../objects/object.h"

extern type_t itertools_product_type, itertools_permutations_type, itertools_combinations_type,
    itertools_cwr_type;

// iter(self) for iterator types.
obj_t *itertools_self_iter(obj_t *self);

#endif // PVM_ITERTOOLS_INTERNAL_H
