/*
 * objects/bytes.h — bytes: an immutable byte string (NUL-terminated copy).
 */
#ifndef PVM_BYTES_H
#define PVM_BYTES_H

#include "object.h"

typedef struct {
    obj_t ob;
    _Atomic hash_t hash;
    size_t len;
    unsigned char data[]; // len + 1 (NUL)
} bytes_t;

extern type_t bytes_type;
static inline const unsigned char *bytes_data(obj_t *b) {
    return ((bytes_t *)b)->data;
}
static inline size_t bytes_len(obj_t *b) {
    return ((bytes_t *)b)->len;
}
PVM_WUR obj_t *bytes_from(const void *data, size_t len);
PVM_WUR obj_t *bytes_repr(obj_t *b);
PVM_WUR obj_t *bytes_decode(obj_t *b, const char *encoding, const char *errors);
// str.encode / bytes.decode through the codec registry (modules/codecs.c),
// for the encodings and error handlers the native codecs here do not know.
PVM_WUR obj_t *codecs_encode_text(obj_t *s, const char *encoding, const char *errors);
PVM_WUR obj_t *codecs_decode_text(obj_t *b, const char *encoding, const char *errors);
PVM_WUR obj_t *str_encode(obj_t *s, const char *encoding, const char *errors);
// In development mode (-X dev), str.encode / bytes.decode check that their
// encoding and error handler exist even when they go unused, as CPython
// does (the common built-in names are taken on trust).  0, or -1 +
// LookupError.  (modules/codecs.c)
PVM_WUR int codecs_check_encoding_errors(const char *encoding, const char *errors);

// ---- added by the text engineer ----
extern type_t bytes_iter_type;                            // iter(bytes); created ready on first use
PVM_WUR obj_t *bytes_mod_format(obj_t *fmt, obj_t *args); // bytes % args (objects/format.c)

// ---- added for bytearray (objects/bytearray.c) ----
// The bytes methods, which bytearray runs on a snapshot of itself.
extern const method_def_t bytes_methods[];
// Calls bytes method fn with self (bytes, or any bytes-like: a bytes
// snapshot of it is passed) and its bytes-like arguments as bytes snapshots.
PVM_WUR obj_t *bytes_call_shared(cfunc_t fn, obj_t *self, obj_t *const *args, size_t nargs,
                                 obj_t *kw);
// find/rfind/index/rindex/count/startswith/endswith of a bytearray on its
// bytes d[0..n),
// for a caller that holds the lock of the object owning them: runs no
// Python code when every argument is a bytes, an int, None or a tuple of
// bytes (other arguments get the methods' TypeErrors).
enum {
    BSEARCH_FIND,
    BSEARCH_RFIND,
    BSEARCH_INDEX,
    BSEARCH_RINDEX,
    BSEARCH_COUNT,
    BSEARCH_STARTSWITH,
    BSEARCH_ENDSWITH
};
// __reduce__ of the bytes and bytearray iterators: (iter, (seq,), pos), or
// (iter, ((),)) once exhausted; and the clamped position __setstate__ sets.
PVM_WUR obj_t *bytes_iter_reduce(obj_t *seq, size_t pos, bool exhausted);
int bytes_iter_setstate_pos(obj_t *state, size_t len, size_t *pos);
PVM_WUR obj_t *bytes_search(int which, const unsigned char *d, size_t n, obj_t *const *args,
                            size_t nargs, obj_t *kw);

#endif // PVM_BYTES_H
