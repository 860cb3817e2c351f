/*
 * modules/bz2.c — the `_bz2` module over the system libbz2 (Debian's
 * libbz2-1.0): BZ2Compressor(compresslevel=9) with compress/flush and
 * BZ2Decompressor() with decompress(data, max_length=-1), eof, unused_data
 * and needs_input, with CPython 3.11's arguments and messages.  The
 * pure-Python bz2 module (bz2.compress/decompress/open/BZ2File) runs over it.
 *
 * Concurrency: each object's bz_stream and its Python-visible fields change
 * only inside the object's critical section (CPython holds a lock per
 * object for the same purpose); the input is taken as a bytes snapshot
 * (objects/buffer.h) before the section, and nothing in the section calls
 * Python code.  The getters read under the section too.  The streaming
 * loops, the compress/flush rules and the decompressor's bookkeeping are
 * modules/codec_stream.c's; this file gives it the libbz2 step functions.
 */
#include <bzlib.h>
#include <limits.h>

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "codec_stream.h"

// Raises the exception CPython maps a libbz2 status to; returns -1 when
// `ret` is an error, 0 otherwise.
static int bz_check(int ret) {
    switch (ret) {
    case BZ_OK:
    case BZ_RUN_OK:
    case BZ_FLUSH_OK:
    case BZ_FINISH_OK:
    case BZ_STREAM_END: return 0;
    case BZ_PARAM_ERROR:
        err_set_str(exc_ValueError, "Internal error - invalid parameters passed to libbzip2");
        return -1;
    case BZ_MEM_ERROR: err_no_memory(); return -1;
    case BZ_DATA_ERROR:
    case BZ_DATA_ERROR_MAGIC: err_set_str(exc_OSError, "Invalid data stream"); return -1;
    case BZ_IO_ERROR: err_set_str(exc_OSError, "Unknown I/O error"); return -1;
    case BZ_UNEXPECTED_EOF:
        err_set_str(exc_EOFError,
                    "Compressed file ended before the logical end-of-stream was detected");
        return -1;
    case BZ_SEQUENCE_ERROR:
        err_set_str(exc_RuntimeError,
                    "Internal error - Invalid sequence of commands sent to libbzip2");
        return -1;
    default: err_format(exc_OSError, "Unrecognized error from libbzip2: %d", ret); return -1;
    }
}

// One BZ2_bzCompress (with `action`) or BZ2_bzDecompress call over io,
// clamped to libbz2's 32-bit counters; moves io past what it used.
static int bz_call(bz_stream *bz, cs_io_t *io, int action, bool compress) {
    unsigned in = io->in_len > UINT_MAX ? UINT_MAX : (unsigned)io->in_len;
    unsigned out = io->out_len > UINT_MAX ? UINT_MAX : (unsigned)io->out_len;
    bz->next_in = (char *)io->in;
    bz->avail_in = in;
    bz->next_out = (char *)io->out;
    bz->avail_out = out;
    int ret = compress ? BZ2_bzCompress(bz, action) : BZ2_bzDecompress(bz);
    cs_io_update(io, in, bz->avail_in, out, bz->avail_out);
    bz->next_in = NULL;
    bz->avail_in = 0;
    return ret;
}

// ---- BZ2Compressor -----------------------------------------------------------------------

typedef struct {
    obj_t ob;
    bz_stream bzs; // section
    bool ready;    // BZ2_bzCompressInit succeeded (immutable after creation)
    bool flushed;  // section
} bzcomp_t;

static type_t bzcomp_type, bzdecomp_type;

static void bzcomp_dealloc(obj_t *o) {
    bzcomp_t *c = (bzcomp_t *)o;
    if (c->ready) BZ2_bzCompressEnd(&c->bzs);
    obj_free(o);
}

static obj_t *bzcomp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_set_str(exc_TypeError, "BZ2Compressor() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1) {
        err_format(exc_TypeError, "BZ2Compressor expected at most 1 argument, got %zu", nargs);
        return NULL;
    }
    int level = 9;
    if (nargs && cs_int_arg(args[0], &level) < 0) return NULL;
    if (level < 1 || level > 9) {
        err_set_str(exc_ValueError, "compresslevel must be between 1 and 9");
        return NULL;
    }
    bzcomp_t *c = (bzcomp_t *)obj_alloc(type, sizeof(bzcomp_t));
    if (!c) return NULL;
    if (bz_check(BZ2_bzCompressInit(&c->bzs, level, 0, 0)) < 0) {
        DECREF((obj_t *)c);
        return NULL;
    }
    c->ready = true;
    return (obj_t *)c;
}

// One BZ2_bzCompress call over io with `action` (BZ_RUN or BZ_FINISH);
// a cs_step_fn over the compressor, section held.
static int bzcomp_step(void *ctx, cs_io_t *io, int action) {
    bz_stream *bz = &((bzcomp_t *)ctx)->bzs;
    // libbz2 answers BZ_RUN with no input as a parameter error.
    if (action == BZ_RUN && io->in_len == 0) return CS_DONE;
    int ret = bz_call(bz, io, action, true);
    if (bz_check(ret) < 0) return CS_ERROR;
    if (action == BZ_FINISH) return ret == BZ_STREAM_END ? CS_END : CS_MORE;
    return io->in_len == 0 ? CS_DONE : CS_MORE;
}

static obj_t *bzcomp_compress(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("BZ2Compressor.compress", nargs, kwnames, 1, 1) < 0) return NULL;
    return cs_compressor_compress(self, &((bzcomp_t *)self)->flushed, bzcomp_step, BZ_RUN, args[0]);
}

static obj_t *bzcomp_flush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("BZ2Compressor.flush", nargs, kwnames, 0, 0) < 0) return NULL;
    return cs_compressor_flush(self, &((bzcomp_t *)self)->flushed, bzcomp_step, BZ_FINISH);
}

// ---- BZ2Decompressor ---------------------------------------------------------------------

typedef struct {
    obj_t ob;
    bz_stream bzs;  // section
    bool ready;     // BZ2_bzDecompressInit succeeded (immutable after creation)
    cs_dstate_t st; // section
} bzdecomp_t;

static void bzdecomp_dealloc(obj_t *o) {
    bzdecomp_t *d = (bzdecomp_t *)o;
    if (d->ready) BZ2_bzDecompressEnd(&d->bzs);
    cs_dstate_clear(&d->st);
    obj_free(o);
}

static obj_t *bzdecomp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs) {
        err_set_str(exc_TypeError, "BZ2Decompressor() takes no positional arguments");
        return NULL;
    }
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_set_str(exc_TypeError, "BZ2Decompressor() takes no keyword arguments");
        return NULL;
    }
    bzdecomp_t *d = (bzdecomp_t *)obj_alloc(type, sizeof(bzdecomp_t));
    if (!d) return NULL;
    if (cs_dstate_init(&d->st) < 0 || bz_check(BZ2_bzDecompressInit(&d->bzs, 0, 0)) < 0) {
        DECREF((obj_t *)d);
        return NULL;
    }
    d->ready = true;
    return (obj_t *)d;
}

// One BZ2_bzDecompress call over io; a cs_step_fn over the decompressor,
// section held.  A libbz2 error leaves the stream unusable.
static int bzdecomp_step(void *ctx, cs_io_t *io, int mode) {
    bzdecomp_t *d = ctx;
    bz_stream *bz = &d->bzs;
    int ret = bz_call(bz, io, 0, false);
    if (bz_check(ret) < 0) {
        d->st.failed = true;
        d->st.needs_input = false;
        return CS_ERROR;
    }
    return ret == BZ_STREAM_END ? CS_END : cs_io_status(io);
}

static const cs_decoder_t bz_decoder = {
    .step = bzdecomp_step,
    .eof_message = "End of stream already reached",
    .full_may_hold_output = false,
};

static obj_t *bzdecomp_decompress(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return cs_decompress(self, &((bzdecomp_t *)self)->st, &bz_decoder, args, nargs, kwnames);
}

static obj_t *bzdecomp_get(obj_t *self, void *closure) {
    return cs_dstate_get(self, &((bzdecomp_t *)self)->st, (int)(intptr_t)closure);
}

static const method_def_t bzcomp_methods[] = {
    {"compress", bzcomp_compress, METH_DEFAULT, NULL},
    {"flush", bzcomp_flush, METH_DEFAULT, NULL},
    {NULL},
};

static const method_def_t bzdecomp_methods[] = {
    {"decompress", bzdecomp_decompress, METH_DEFAULT, NULL},
    {NULL},
};

static const getset_def_t bzdecomp_getsets[] = {
    {"unused_data", bzdecomp_get, cs_readonly, (void *)0},
    {"eof", bzdecomp_get, cs_readonly, (void *)1},
    {"needs_input", bzdecomp_get, cs_readonly, (void *)2},
    {NULL},
};

static type_t bzcomp_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_bz2.BZ2Compressor",
    .basicsize = sizeof(bzcomp_t),
    .base = &object_type,
    .dealloc = bzcomp_dealloc,
    .tp_new = bzcomp_new,
    .methods = bzcomp_methods,
    .doc = "Create a compressor object for compressing data incrementally.",
};

static type_t bzdecomp_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_bz2.BZ2Decompressor",
    .basicsize = sizeof(bzdecomp_t),
    .base = &object_type,
    .dealloc = bzdecomp_dealloc,
    .tp_new = bzdecomp_new,
    .methods = bzdecomp_methods,
    .getsets = bzdecomp_getsets,
    .doc = "Create a decompressor object for decompressing data incrementally.",
};

obj_t *bz2_module_init(void) {
    obj_t *m = module_new("_bz2");
    if (!m) return NULL;
    if (type_ensure_ready(&bzcomp_type) < 0 || type_ensure_ready(&bzdecomp_type) < 0 ||
        dict_set_str(module_dict(m), "BZ2Compressor", (obj_t *)&bzcomp_type) < 0 ||
        dict_set_str(module_dict(m), "BZ2Decompressor", (obj_t *)&bzdecomp_type) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
