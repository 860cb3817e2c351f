/*
 * objects/buffer.c — the internal buffer protocol (see buffer.h): the one
 * place that knows which types are bytes-like and how each one exports its
 * bytes.  bytes needs no pinning (immutable); a bytearray counts exports so
 * it refuses to resize while one is live; a memoryview counts exports so it
 * refuses release() while one is live (its own export of the bytearray
 * under it keeps the bytes pinned).
 */
#include "buffer.h"

#include "../core/error.h"
#include "bytearray.h"
#include "bytes.h"
#include "exceptions.h"
#include "memoryview.h"

bool buffer_check(obj_t *v) {
    return BYTES_CHECK(v) || MEMORYVIEW_CHECK(v) || BYTEARRAY_CHECK(v) || buffer_procs_of(v);
}

int buffer_get(obj_t *v, buffer_t *view) {
    view->obj = NULL;
    if (BYTES_CHECK(v)) {
        view->buf = (unsigned char *)bytes_data(v);
        view->len = bytes_len(v);
        view->readonly = true;
    } else if (BYTEARRAY_CHECK(v)) {
        bytearray_export(v, &view->buf, &view->len);
        view->readonly = false;
    } else if (MEMORYVIEW_CHECK(v)) {
        if (memoryview_export(v, &view->buf, &view->len, &view->readonly) < 0) return -1;
    } else if (buffer_procs_of(v)) {
        char fmt;
        size_t itemsize;
        if (buffer_procs_of(v)->get(v, &view->buf, &view->len, &view->readonly, &fmt, &itemsize) <
            0)
            return -1;
    } else {
        err_format(exc_TypeError, "a bytes-like object is required, not '%s'", obj_type_name(v));
        return -1;
    }
    view->obj = NEWREF(v);
    return 0;
}

void buffer_release(buffer_t *view) {
    obj_t *v = view->obj;
    if (!v) return;
    view->obj = NULL;
    if (MEMORYVIEW_CHECK(v))
        memoryview_unexport(v);
    else if (BYTEARRAY_CHECK(v))
        bytearray_unexport(v);
    else if (buffer_procs_of(v))
        buffer_procs_of(v)->release(v);
    DECREF(v);
}

obj_t *buffer_as_bytes_opt(obj_t *v) {
    if (BYTES_CHECK(v))
        return TYPE(v) == &bytes_type ? NEWREF(v) : bytes_from(bytes_data(v), bytes_len(v));
    if (BYTEARRAY_CHECK(v)) return bytearray_snapshot(v);
    if (MEMORYVIEW_CHECK(v)) {
        // A contiguous view only, as CPython's PyBUF_SIMPLE request.
        buffer_t view;
        if (buffer_get(v, &view) < 0) return NULL;
        buffer_release(&view);
        return memoryview_tobytes(v);
    }
    if (buffer_procs_of(v)) {
        // Copied from a pinned block: memory safe, though a writer in
        // another thread may change items meanwhile.
        buffer_t view;
        if (buffer_get(v, &view) < 0) return NULL;
        obj_t *b = bytes_from(view.buf, view.len);
        buffer_release(&view);
        return b;
    }
    return NULL;
}

obj_t *buffer_as_bytes(obj_t *v) {
    obj_t *r = buffer_as_bytes_opt(v);
    if (!r && !err_occurred())
        err_format(exc_TypeError, "a bytes-like object is required, not '%s'", obj_type_name(v));
    return r;
}
