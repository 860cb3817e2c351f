/*
 * modules/io_internal.h — shared declarations of the native `_io` module
 * (modules/io*.c).  See the top of modules/io.c for the design and the
 * locking rules.
 */
#ifndef PVM_IO_INTERNAL_H
#define PVM_IO_INTERNAL_H

#include <stdint.h>

#include "../objects/buffer.h"
#include "../objects/object.h"

#define IO_DEFAULT_BUFFER_SIZE 8192

// Every _io object starts with this header: _IOBase instances have an
// instance dict (CPython keeps `__IOBase_closed` there).
typedef struct {
    obj_t ob;
    obj_t *dict;
} iobase_t;

extern type_t io_iobase_type, io_rawiobase_type, io_bufferediobase_type, io_textiobase_type;
extern type_t io_bytesio_type, io_stringio_type, io_fileio_type;
extern type_t io_bufreader_type, io_bufwriter_type, io_bufrandom_type, io_bufrwpair_type;
extern type_t io_textwrapper_type, io_nldecoder_type;
extern type_t *io_unsupported_operation; // io.UnsupportedOperation (made at module init)

// Raises UnsupportedOperation(msg); returns NULL.
obj_t *io_unsupported(const char *msg);
// Takes a writable export of a readinto() argument; TypeError
// "readinto() argument must be read-write bytes-like object, not X".
int io_writable_buffer(obj_t *arg, buffer_t *view);
// ValueError "I/O operation on closed file."; returns NULL.
obj_t *io_closed_error(void);
// The base class's dealloc tail: clears the instance dict and frees o.
void io_base_free(obj_t *o);
// __dict__ getset shared by all _io types.
extern const getset_def_t io_dict_getset;
// Reads an optional size argument (None or absent: -1) as CPython's
// _Py_convert_optional_to_ssize_t: TypeError "argument should be integer or
// None, not 'X'".
int io_size_arg(obj_t *v, ssize_t *out);
// True when self's `closed` attribute is true (-1 on error).
int io_is_closed(obj_t *self);

// ---- the per-object I/O lock of buffered and text objects ----------------
// Held for a whole operation, including calls into the raw stream (which
// may be Python code), as CPython's buffered lock.  Waiting for it is a
// blocking region (thread_block_begin), so a waiter never stalls
// stop-the-world or holds critical sections.  A second acquisition by the
// owning thread (a __del__ or signal handler writing to the same object
// from inside it) raises RuntimeError "reentrant call inside <repr>".
typedef struct {
    _Atomic uint8_t m;
    _Atomic uint64_t owner; // ident of the holding thread, 0 when free
} io_lock_t;
int io_lock_acquire(io_lock_t *l, obj_t *self);
void io_lock_release(io_lock_t *l);

// FileIO fast paths for the buffered layer (raw is exactly a FileIO).
PVM_WUR obj_t *io_fileio_read(obj_t *self, ssize_t n);
int io_fileio_fd(obj_t *self);
// `closed` of an exact BufferedReader/Writer/Random without attribute
// lookups: 1/0, -1 + exception, -2 when o is something else.
int io_buffered_closed(obj_t *o);

// `newlines` of a universal-newline reader (bits: 1 LF, 2 CR, 4 CRLF).
PVM_WUR obj_t *io_newlines_value(unsigned seen);

PVM_WUR obj_t *io_open_impl(obj_t *file, obj_t *mode, ssize_t buffering, obj_t *encoding,
                            obj_t *errors, obj_t *newline, bool closefd, obj_t *opener);

#endif // PVM_IO_INTERNAL_H
