/*
 * modules/codec_stream.h — the streaming plumbing the compression modules
 * share (modules/bz2.c, modules/lzma.c, modules/zlib.c); internal to them.
 *
 * Each library is driven through one small "step" function that the codec
 * writes: it hands the library the input and the output room described by a
 * cs_io_t (clamping them to what the library's counters hold), makes one
 * library call, moves the cs_io_t past what was consumed and produced, and
 * says what should happen next (CS_MORE / CS_DONE / CS_END, or CS_ERROR with
 * the exception set).  Around it this file owns:
 *   - the output buffer (cs_obuf_t): doubling growth from a first size,
 *     never past an optional byte limit;
 *   - the loop that calls a step until it is done or the limit is reached
 *     (cs_pump, cs_encode);
 *   - the compressor methods of bz2 and lzma (compress / flush with the
 *     "Compressor has been flushed" and "Repeated call to flush()" rules);
 *   - the decompressor state of bz2 and lzma (cs_dstate_t: eof, needs_input,
 *     unused_data and the input kept back by max_length) and their
 *     decompress(data, max_length=-1) method and getters.
 *
 * Concurrency: the state a step touches belongs to the codec object and
 * changes only inside that object's critical section.  cs_pump and
 * cs_encode run inside the caller's section; the cs_compressor_* and
 * cs_decompress / cs_dstate_get functions take the object and enter its
 * section themselves, after taking the input as a bytes snapshot.  No step
 * calls Python code.
 */
#ifndef PVM_MODULES_CODEC_STREAM_H
#define PVM_MODULES_CODEC_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "../objects/object.h"

// The input still to consume and the free output room of one step.
typedef struct {
    const unsigned char *in;
    size_t in_len;
    unsigned char *out;
    size_t out_len;
} cs_io_t;

// What a step returns.
enum {
    CS_ERROR = -1, // exception set
    CS_MORE = 0,   // call again (with more output room when the room is used up)
    CS_DONE = 1,   // the input is consumed and this call's work is over
    CS_END = 2,    // the end of the stream was reached
};

// One library call over io; mode is the codec's own (an action or flush mode).
typedef int (*cs_step_fn)(void *ctx, cs_io_t *io, int mode);

// After a library call that was given in_given input bytes and out_given
// bytes of room and left in_left / out_left of them: moves io past what was
// used; out_len becomes the room the library left (0: it filled it).
static inline void cs_io_update(cs_io_t *io, size_t in_given, size_t in_left, size_t out_given,
                                size_t out_left) {
    io->in += in_given - in_left;
    io->in_len -= in_given - in_left;
    io->out += out_given - out_left;
    io->out_len = out_left;
}

// The usual verdict of a decoding step that did not reach the end: the
// output room used up wants more room, all input used with room left is done.
static inline int cs_io_status(const cs_io_t *io) {
    if (io->out_len == 0) return CS_MORE;
    return io->in_len == 0 ? CS_DONE : CS_MORE;
}

// ---- output buffer -----------------------------------------------------------------------

typedef struct {
    unsigned char *p; // malloc'd, or NULL while empty
    size_t len, cap;
    size_t first;  // the first capacity
    ssize_t limit; // the most bytes to produce; < 0: none
} cs_obuf_t;

// Points io's output at the free room, growing the buffer when it is full
// and under the limit (the room is 0 at the limit).  -1 MemoryError.
PVM_WUR int cs_obuf_room(cs_obuf_t *o, cs_io_t *io);
// The buffer as bytes (NULL on error); the buffer is freed either way.
PVM_WUR obj_t *cs_obuf_bytes(cs_obuf_t *o);
void cs_obuf_free(cs_obuf_t *o);

// ---- loops -------------------------------------------------------------------------------

// Calls step(ctx, io, mode) until it returns CS_DONE or CS_END, growing o
// between calls; stops with CS_MORE when o reaches its limit.  Returns the
// last verdict (CS_ERROR: exception set, o still owns its bytes).  io->in
// is left at the input not consumed.
PVM_WUR int cs_pump(cs_obuf_t *o, cs_io_t *io, cs_step_fn step, void *ctx, int mode);
// The whole output of running step over in[0..len) with mode, as bytes;
// first: the first output capacity.
PVM_WUR obj_t *cs_encode(cs_step_fn step, void *ctx, int mode, const void *in, size_t len,
                         size_t first);

// ---- bz2 / lzma compressor methods ---------------------------------------------------------

// compress(data): ValueError "Compressor has been flushed" once *flushed,
// else the output of step(self, .., run_mode) over data.  Enters self's
// section; *flushed is guarded by it.
PVM_WUR obj_t *cs_compressor_compress(obj_t *self, bool *flushed, cs_step_fn step, int run_mode,
                                      obj_t *data);
// flush(): ValueError "Repeated call to flush()" the second time, else sets
// *flushed and returns the output of step(self, .., finish_mode) with no input.
PVM_WUR obj_t *cs_compressor_flush(obj_t *self, bool *flushed, cs_step_fn step, int finish_mode);

// ---- bz2 / lzma decompressor ---------------------------------------------------------------

// The Python-visible state of a decompressor; every field is guarded by the
// owning object's section.
typedef struct {
    bool eof;             // the end-of-stream marker was reached
    bool needs_input;     // decompress() wants more input before it can produce output
    bool failed;          // the library reported an error and the stream is unusable
    obj_t *unused;        // bytes after the end of the stream
    unsigned char *saved; // input kept back by max_length (malloc'd)
    size_t saved_len;
} cs_dstate_t;

// How a codec's decompressor behaves.
typedef struct {
    cs_step_fn step;         // called with the object as ctx, mode 0
    const char *eof_message; // EOFError message for decompress() after the end
    // Whether input used up with the output room full leaves needs_input
    // false (the library may still hold output: lzma), or true (bz2).
    bool full_may_hold_output;
} cs_decoder_t;

// Sets up *st (needs_input true, unused_data b""); -1 MemoryError.
PVM_WUR int cs_dstate_init(cs_dstate_t *st);
// Frees what *st holds (dealloc).
void cs_dstate_clear(cs_dstate_t *st);
// The decompress(data, max_length=-1) method: parses the arguments, takes
// the data, and under self's section runs dec->step over the saved input
// and data, keeping the state in *st (a field of self).
PVM_WUR obj_t *cs_decompress(obj_t *self, cs_dstate_t *st, const cs_decoder_t *dec,
                             obj_t *const *args, size_t nargs, obj_t *kwnames);
// The getters: which 0 unused_data, 1 eof, 2 needs_input; reads under
// self's section.
obj_t *cs_dstate_get(obj_t *self, cs_dstate_t *st, int which);

// The setter of those read-only attributes: AttributeError "readonly
// attribute", as CPython's members say.
int cs_readonly(obj_t *self, obj_t *value, void *closure);

// ---- argument helpers ----------------------------------------------------------------------

// An int argument as CPython's Argument Clinic "int" converter reports it
// (bz2, zlib; lzma's is_check_supported): any overflow is OverflowError
// "Python int too large to convert to C int".
PVM_WUR int cs_int_arg(obj_t *v, int *out);

#endif // PVM_MODULES_CODEC_STREAM_H
