/*
 * objects/buffer.h — pvm's internal buffer protocol: the one way C code
 * reaches the bytes of a bytes-like object (bytes, bytearray, memoryview and
 * their subclasses).  objects/buffer.c owns it; no caller looks inside a
 * bytearray or a memoryview on its own.
 *
 * Two ways in:
 *   - buffer_get() takes an *export*: a pointer + length + readonly flag that
 *     stay valid until buffer_release(), because a bytearray refuses to
 *     resize while it has exports ("BufferError: Existing exports of data:
 *     object cannot be re-sized") and a memoryview refuses release() while
 *     it has exports.  The bytes may still change in place under a writable
 *     export (ba[0] = 1 from another thread): memory safe, but a reader that
 *     needs a consistent copy uses buffer_as_bytes() instead.
 *   - buffer_as_bytes() returns a bytes object with the same bytes: a new
 *     reference to an exact bytes, else a copy taken under the exporter's
 *     critical section (a consistent snapshot).  Methods that take a
 *     bytes-like argument (b"".join, bytes.find, int.from_bytes ...) use it.
 * Both raise TypeError "a bytes-like object is required, not 'X'" for other
 * objects, and BufferError "memoryview: underlying buffer is not
 * C-contiguous" for a strided memoryview.
 */
#ifndef PVM_BUFFER_H
#define PVM_BUFFER_H

#include "object.h"

typedef struct {
    obj_t *obj;         // the object the export was taken from (a reference)
    unsigned char *buf; // first byte (NULL allowed when len == 0)
    size_t len;
    bool readonly;
} buffer_t;

// Other exporters (array.array) set type_t.as_buffer: get() pins the block
// (resizing refused while pinned) and gives its address, byte length, a
// struct format character and the item size; release() unpins.
typedef struct buffer_procs {
    int (*get)(obj_t *o, unsigned char **buf, size_t *len, bool *readonly, char *fmt,
               size_t *itemsize);
    void (*release)(obj_t *o);
} buffer_procs_t;
// The exporter procs of v's type or of a base, NULL if none.
static inline const buffer_procs_t *buffer_procs_of(obj_t *v) {
    if (IS_SMALLINT(v)) return NULL;
    for (type_t *t = TYPE(v); t; t = t->base)
        if (t->as_buffer) return t->as_buffer;
    return NULL;
}

// True if v is bytes-like (bytes, bytearray, memoryview or a subclass).
bool buffer_check(obj_t *v);
// Takes an export of v's bytes into *view; -1 + TypeError / BufferError.
PVM_WUR int buffer_get(obj_t *v, buffer_t *view);
// Gives the export back (view->obj is released; safe to call twice).
void buffer_release(buffer_t *view);
// v's bytes as a bytes object (see above); NULL + TypeError / BufferError.
PVM_WUR obj_t *buffer_as_bytes(obj_t *v);
// As buffer_as_bytes, but NULL with no exception when v is not bytes-like.
PVM_WUR obj_t *buffer_as_bytes_opt(obj_t *v);

#endif // PVM_BUFFER_H
