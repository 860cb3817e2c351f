/*
 * modules/functools_internal.h — what other native modules use from
 * modules/functools.c (methodcaller.__reduce__ builds a partial).
 */
#ifndef PVM_FUNCTOOLS_INTERNAL_H
#define PVM_FUNCTOOLS_INTERNAL_H

#include "../objects/object.h"

// functools.partial
extern type_t functools_partial_type;

#endif // PVM_FUNCTOOLS_INTERNAL_H
