/*
 * objects/memoryview.h — memoryview: a view of the bytes of a bytes or
 * bytearray object (objects/memoryview.c), with formats and shapes.
 */
#ifndef PVM_MEMORYVIEW_H
#define PVM_MEMORYVIEW_H

#include "object.h"

extern type_t memoryview_type;
#define MEMORYVIEW_CHECK(v) (!IS_SMALLINT(v) && (v)->ob_type == &memoryview_type)

// The export half of the buffer protocol (objects/buffer.c calls these only).
// memoryview_export: the contiguous bytes of mv, counted as an export of mv
// (release() refuses while one is live); -1 + ValueError (released) or
// BufferError (not C-contiguous).
PVM_WUR int memoryview_export(obj_t *mv, unsigned char **buf, size_t *len, bool *readonly);
void memoryview_unexport(obj_t *mv);
// A bytes copy of the view's items in C order (mv.tobytes()).
PVM_WUR obj_t *memoryview_tobytes(obj_t *mv);
// True if mv's bytes are contiguous in C order.
bool memoryview_contiguous(obj_t *mv);

#endif // PVM_MEMORYVIEW_H
