/*
 * objects/bytearray.h — bytearray: a mutable, resizable byte string.
 * See the top of objects/bytearray.c for its concurrency rules.
 */
#ifndef PVM_BYTEARRAY_H
#define PVM_BYTEARRAY_H

#include "object.h"

typedef struct {
    obj_t ob;
    unsigned char *data; // malloc'd, `cap` bytes; NULL while cap == 0
    _Atomic size_t len;  // written in the section; len() reads it without one
    size_t cap;
    size_t exports; // live buffer exports (section held); no resize while > 0
} bytearray_t;

extern type_t bytearray_type, bytearray_iter_type;

static inline bool bytearray_check(obj_t *v) {
    return !IS_SMALLINT(v) &&
           (v->ob_type == &bytearray_type || type_is_subtype(v->ob_type, &bytearray_type));
}
#define BYTEARRAY_CHECK(v) bytearray_check(v)

PVM_WUR obj_t *bytearray_from(const void *data, size_t len);
// A bytes copy of the current contents (taken in the section).
PVM_WUR obj_t *bytearray_snapshot(obj_t *ba);
// The export half of the buffer protocol (objects/buffer.c calls these only):
// takes an export (the data pointer stays valid until the matching unexport).
void bytearray_export(obj_t *ba, unsigned char **buf, size_t *len);
void bytearray_unexport(obj_t *ba);

#endif // PVM_BYTEARRAY_H
