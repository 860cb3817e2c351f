/*
 * modules/zlib.c — the `zlib` module over the system zlib (Debian's
 * zlib1g): compress/decompress, Compress and Decompress stream objects
 * (flush, copy, unused_data, unconsumed_tail, eof), crc32, adler32, the
 * constants and zlib.error, with CPython 3.11's arguments and messages.
 *
 * Concurrency: a stream object's z_stream and its Python-visible fields
 * change only inside the object's critical section; the input is taken as
 * a bytes snapshot (objects/buffer.h) before the section, and nothing in
 * the section calls Python code.  unused_data / unconsumed_tail / eof are
 * read under the section too.  The one-shot functions hold no shared state.
 * The output buffer and the loop around deflate / inflate are
 * modules/codec_stream.c's; this file gives it the zlib step functions.
 */
#include <gmp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "codec_stream.h"

static obj_t *zlib_error; // zlib.error, made by the first import, immortal after

// Raises zlib.error "Error <err> <msg>: <zmsg>" as CPython's zlib_error.
static void raise_zerr(z_stream *zs, int err, const char *msg) {
    const char *zmsg = err == Z_VERSION_ERROR ? "library version mismatch" : NULL;
    if (!zmsg && zs) zmsg = zs->msg;
    if (!zmsg) {
        switch (err) {
        case Z_BUF_ERROR: zmsg = "incomplete or truncated stream"; break;
        case Z_STREAM_ERROR: zmsg = "inconsistent stream state"; break;
        case Z_DATA_ERROR: zmsg = "invalid input data"; break;
        }
    }
    if (zmsg)
        err_format((type_t *)zlib_error, "Error %d %s: %.200s", err, msg, zmsg);
    else
        err_format((type_t *)zlib_error, "Error %d %s", err, msg);
}

// ---- steps -------------------------------------------------------------------------------

// Hands zs the input and output room of io, clamped to zlib's 32-bit
// counters; *in / *out get what was given.
static void z_feed(z_stream *zs, const cs_io_t *io, uInt *in, uInt *out) {
    *in = io->in_len > UINT_MAX ? UINT_MAX : (uInt)io->in_len;
    *out = io->out_len > UINT_MAX ? UINT_MAX : (uInt)io->out_len;
    zs->next_in = (Bytef *)io->in;
    zs->avail_in = *in;
    zs->next_out = io->out;
    zs->avail_out = *out;
}

static void z_taken(z_stream *zs, cs_io_t *io, uInt in, uInt out) {
    cs_io_update(io, in, zs->avail_in, out, zs->avail_out);
    zs->next_in = NULL;
    zs->avail_in = 0;
}

// What a deflate step works on: the stream and the message of its errors.
typedef struct {
    z_stream *zs;
    const char *what;
} deflate_ctx_t;

// One deflate call over io (a cs_step_fn): `mode` applies to the last
// piece of the input, the pieces before it are Z_NO_FLUSH.  Done when the
// input is used up and room is left.
static int deflate_step(void *ctx, cs_io_t *io, int mode) {
    deflate_ctx_t *c = ctx;
    uInt in, out;
    z_feed(c->zs, io, &in, &out);
    int err = deflate(c->zs, io->in_len > in ? Z_NO_FLUSH : mode);
    z_taken(c->zs, io, in, out);
    if (err == Z_STREAM_ERROR) {
        raise_zerr(c->zs, err, c->what);
        return CS_ERROR;
    }
    return io->in_len == 0 && io->out_len != 0 ? CS_DONE : CS_MORE;
}

// What an inflate step works on.  zdict: the Decompress object's
// dictionary, given when the stream asks for it (NULL: none).  err: the
// last inflate status.  oneshot: zlib.decompress()'s errors (Z_MEM_ERROR is
// MemoryError) rather than Decompress's.
typedef struct {
    z_stream *zs;
    obj_t *zdict;
    bool oneshot;
    int err;
} inflate_ctx_t;

// One inflate call over io (a cs_step_fn): `mode` applies to the last
// piece of the input, the pieces before it are Z_NO_FLUSH.
static int inflate_step(void *ctx, cs_io_t *io, int mode) {
    inflate_ctx_t *c = ctx;
    uInt in, out;
    z_feed(c->zs, io, &in, &out);
    int flush = io->in_len > in ? Z_NO_FLUSH : mode;
    int err = inflate(c->zs, flush);
    if (err == Z_NEED_DICT && c->zdict) {
        if (inflateSetDictionary(c->zs, bytes_data(c->zdict), (uInt)bytes_len(c->zdict)) != Z_OK) {
            z_taken(c->zs, io, in, out);
            raise_zerr(c->zs, err, "while setting zdict");
            return CS_ERROR;
        }
        err = inflate(c->zs, flush);
    }
    z_taken(c->zs, io, in, out);
    c->err = err;
    switch (err) {
    case Z_OK:
    case Z_BUF_ERROR: return io->out_len == 0 || io->in_len ? CS_MORE : CS_DONE;
    case Z_STREAM_END: return CS_END;
    case Z_MEM_ERROR:
        if (c->oneshot) {
            err_set_str(exc_MemoryError, "Out of memory while decompressing data");
            return CS_ERROR;
        }
        // fall through
    default: raise_zerr(c->zs, err, "while decompressing data"); return CS_ERROR;
    }
}

// ---- checksums ---------------------------------------------------------------------------

static obj_t *checksum(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                       bool crc) {
    if (args_check(fname, nargs, kwnames, 1, 2) < 0) return NULL;
    uLong value = crc ? 0 : 1;
    if (nargs > 1) {
        obj_t *i = obj_index(args[1]);
        if (!i) return NULL;
        mpz_t z;
        mpz_init(z);
        int_to_mpz(i, z);
        DECREF(i);
        mpz_t m;
        mpz_init_set_ui(m, 0xffffffffu);
        mpz_and(z, z, m); // two's complement wrap, as the "I" converter
        value = (uLong)mpz_get_ui(z);
        mpz_clear(z);
        mpz_clear(m);
    }
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    const unsigned char *p = view.buf;
    size_t n = view.len;
    while (n > 0) {
        uInt chunk = n > UINT_MAX ? UINT_MAX : (uInt)n;
        value = crc ? crc32(value, p, chunk) : adler32(value, p, chunk);
        p += chunk;
        n -= chunk;
    }
    buffer_release(&view);
    return int_from_u64(value & 0xffffffffu);
}

static obj_t *m_crc32(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return checksum("crc32", args, nargs, kwnames, true);
}

static obj_t *m_adler32(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return checksum("adler32", args, nargs, kwnames, false);
}

// ---- one-shot compress / decompress ------------------------------------------------------

static obj_t *m_compress(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/data", "level", "wbits", NULL};
    obj_t *a[3];
    if (nargs == 0 && !(kwnames && TUPLE_SIZE(kwnames))) {
        err_set_str(exc_TypeError, "compress() takes at least 1 positional argument (0 given)");
        return NULL;
    }
    if (args_parse("compress", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int level = Z_DEFAULT_COMPRESSION, wbits = MAX_WBITS;
    if ((a[1] && cs_int_arg(a[1], &level) < 0) || (a[2] && cs_int_arg(a[2], &wbits) < 0))
        return NULL;
    obj_t *data = buffer_as_bytes(a[0]);
    if (!data) return NULL;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    int err = deflateInit2(&zs, level, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY);
    if (err != Z_OK) {
        DECREF(data);
        if (err == Z_MEM_ERROR)
            err_set_str(exc_MemoryError, "Out of memory while compressing data");
        else if (err == Z_STREAM_ERROR)
            err_set_str((type_t *)zlib_error, "Bad compression level");
        else
            raise_zerr(&zs, err, "while compressing data");
        deflateEnd(&zs);
        return NULL;
    }
    deflate_ctx_t c = {&zs, "while compressing data"};
    obj_t *r = cs_encode(deflate_step, &c, Z_FINISH, bytes_data(data), bytes_len(data), 16384);
    deflateEnd(&zs);
    DECREF(data);
    return r;
}

static obj_t *m_decompress(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/data", "wbits", "bufsize", NULL};
    obj_t *a[3];
    if (args_parse("decompress", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int wbits = MAX_WBITS;
    ssize_t bufsize = 16384;
    if ((a[1] && cs_int_arg(a[1], &wbits) < 0) || (a[2] && obj_ssize_arg(a[2], &bufsize) < 0))
        return NULL;
    if (bufsize < 0) {
        err_set_str(exc_ValueError, "bufsize must be non-negative");
        return NULL;
    }
    if (bufsize == 0) bufsize = 1;
    obj_t *data = buffer_as_bytes(a[0]);
    if (!data) return NULL;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    int err = inflateInit2(&zs, wbits);
    if (err != Z_OK) {
        DECREF(data);
        if (err == Z_MEM_ERROR)
            err_set_str(exc_MemoryError, "Out of memory while decompressing data");
        else
            raise_zerr(&zs, err, "while preparing to decompress data");
        inflateEnd(&zs);
        return NULL;
    }
    inflate_ctx_t c = {.zs = &zs, .oneshot = true, .err = Z_OK};
    cs_obuf_t o = {.first = (size_t)bufsize, .limit = -1};
    cs_io_t io = {.in = bytes_data(data), .in_len = bytes_len(data)};
    int r = cs_pump(&o, &io, inflate_step, &c, Z_FINISH);
    if (r == CS_DONE) {
        // The input ran out before the end of the stream.
        raise_zerr(&zs, c.err, "while decompressing data");
        r = CS_ERROR;
    }
    inflateEnd(&zs);
    DECREF(data);
    if (r == CS_ERROR) {
        cs_obuf_free(&o);
        return NULL;
    }
    return cs_obuf_bytes(&o);
}

// ---- stream objects ----------------------------------------------------------------------

typedef struct {
    obj_t ob;
    z_stream zs;      // section
    bool initialised; // section: false after the final flush (or a failed init)
    bool eof;         // Decompress: the end of the stream was reached (section)
    obj_t *unused;    // Decompress: bytes after the end of the stream (section)
    obj_t *tail;      // Decompress: input kept back by max_length (section)
    obj_t *zdict;     // Decompress: the dictionary (bytes) or NULL; immutable
} zobj_t;

static type_t compress_type, decompress_type;

static void zobj_dealloc(obj_t *o) {
    zobj_t *z = (zobj_t *)o;
    if (z->initialised) {
        if (TYPE(o) == &compress_type)
            deflateEnd(&z->zs);
        else
            inflateEnd(&z->zs);
    }
    XDECREF(z->unused);
    XDECREF(z->tail);
    XDECREF(z->zdict);
    obj_free(o);
}

static zobj_t *zobj_new(type_t *t) {
    zobj_t *z = (zobj_t *)obj_alloc(t, sizeof(zobj_t));
    if (!z) return NULL;
    z->unused = bytes_from("", 0);
    z->tail = bytes_from("", 0);
    if (!z->unused || !z->tail) {
        DECREF((obj_t *)z);
        return NULL;
    }
    return z;
}

static obj_t *m_compressobj(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"level",    "method", "wbits", "memLevel",
                                        "strategy", "zdict",  NULL};
    obj_t *a[6];
    if (args_parse("compressobj", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int v[5] = {Z_DEFAULT_COMPRESSION, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY};
    for (int i = 0; i < 5; i++)
        if (a[i] && cs_int_arg(a[i], &v[i]) < 0) return NULL;
    obj_t *zdict = NULL;
    if (a[5] && a[5] != None) {
        zdict = buffer_as_bytes(a[5]);
        if (!zdict) return NULL;
    }
    zobj_t *z = zobj_new(&compress_type);
    if (!z) {
        XDECREF(zdict);
        return NULL;
    }
    int err = deflateInit2(&z->zs, v[0], v[1], v[2], v[3], v[4]);
    if (err == Z_OK) {
        z->initialised = true;
        if (zdict) {
            err = deflateSetDictionary(&z->zs, bytes_data(zdict), (uInt)bytes_len(zdict));
            if (err != Z_OK) {
                XDECREF(zdict);
                DECREF((obj_t *)z);
                err_set_str(exc_ValueError, "Invalid dictionary");
                return NULL;
            }
        }
        XDECREF(zdict);
        return (obj_t *)z;
    }
    XDECREF(zdict);
    if (err == Z_MEM_ERROR)
        err_set_str(exc_MemoryError, "Can't allocate memory for compression object");
    else if (err == Z_STREAM_ERROR)
        err_set_str(exc_ValueError, "Invalid initialization option");
    else
        raise_zerr(&z->zs, err, "while creating compression object");
    DECREF((obj_t *)z);
    return NULL;
}

static obj_t *m_decompressobj(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"wbits", "zdict", NULL};
    obj_t *a[2];
    if (args_parse("decompressobj", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int wbits = MAX_WBITS;
    if (a[0] && cs_int_arg(a[0], &wbits) < 0) return NULL;
    obj_t *zdict = NULL;
    if (a[1]) {
        zdict = buffer_as_bytes_opt(a[1]);
        if (!zdict) {
            if (!err_occurred())
                err_set_str(exc_TypeError, "zdict argument must support the buffer protocol");
            return NULL;
        }
        if (bytes_len(zdict) == 0) CLEAR(zdict);
    }
    zobj_t *z = zobj_new(&decompress_type);
    if (!z) {
        XDECREF(zdict);
        return NULL;
    }
    z->zdict = zdict;
    int err = inflateInit2(&z->zs, wbits);
    if (err == Z_OK) {
        z->initialised = true;
        // Raw streams take the dictionary up front.
        if (zdict && wbits < 0 &&
            inflateSetDictionary(&z->zs, bytes_data(zdict), (uInt)bytes_len(zdict)) != Z_OK) {
            DECREF((obj_t *)z);
            err_set_str(exc_ValueError, "Invalid dictionary");
            return NULL;
        }
        return (obj_t *)z;
    }
    if (err == Z_STREAM_ERROR)
        err_set_str(exc_ValueError, "Invalid initialization option");
    else if (err == Z_MEM_ERROR)
        err_set_str(exc_MemoryError, "Can't allocate memory for decompression object");
    else
        raise_zerr(&z->zs, err, "while creating decompression object");
    DECREF((obj_t *)z);
    return NULL;
}

// Compress.compress / flush: deflate `data` (may be NULL) with `mode`.
static obj_t *deflate_into(zobj_t *z, obj_t *data, int mode, const char *what) {
    obj_t *r;
    BEGIN_CRITICAL_SECTION(z);
    deflate_ctx_t c = {&z->zs, what};
    r = cs_encode(deflate_step, &c, mode, data ? bytes_data(data) : NULL,
                  data ? bytes_len(data) : 0, 16384);
    if (r && mode == Z_FINISH) {
        deflateEnd(&z->zs);
        z->initialised = false;
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *c_compress(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("Compress.compress", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *data = buffer_as_bytes(args[0]);
    if (!data) return NULL;
    obj_t *r = deflate_into((zobj_t *)self, data, Z_NO_FLUSH, "while compressing data");
    DECREF(data);
    return r;
}

static obj_t *c_flush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("Compress.flush", kwnames) < 0 || args_check("flush", nargs, NULL, 0, 1) < 0)
        return NULL;
    int mode = Z_FINISH;
    if (nargs && cs_int_arg(args[0], &mode) < 0) return NULL;
    if (mode == Z_NO_FLUSH) return bytes_from("", 0);
    return deflate_into((zobj_t *)self, NULL, mode, "while flushing");
}

// The end of Compress.copy / Decompress.copy: c is the new object, ok
// whether the source stream was live and err the deflateCopy / inflateCopy
// status.  Returns c, or NULL (c released) with CPython's error.
static obj_t *copy_done(zobj_t *c, bool ok, int err, const char *kind) {
    if (!ok || err == Z_STREAM_ERROR) {
        DECREF((obj_t *)c);
        err_set_str(exc_ValueError, "Inconsistent stream state");
        return NULL;
    }
    if (err != Z_OK) {
        DECREF((obj_t *)c);
        if (err == Z_MEM_ERROR) {
            err_format(exc_MemoryError, "Can't allocate memory for %s object", kind);
        } else {
            char what[64];
            snprintf(what, sizeof what, "while copying %s object", kind);
            raise_zerr(NULL, err, what);
        }
        return NULL;
    }
    c->initialised = true;
    return (obj_t *)c;
}

static obj_t *c_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("Compress.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    zobj_t *z = (zobj_t *)self;
    zobj_t *c = zobj_new(&compress_type);
    if (!c) return NULL;
    int err = Z_OK;
    bool ok;
    BEGIN_CRITICAL_SECTION(z);
    ok = z->initialised;
    if (ok) err = deflateCopy(&c->zs, &z->zs);
    END_CRITICAL_SECTION();
    return copy_done(c, ok, err, "compression");
}

static obj_t *c_deepcopy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__deepcopy__", nargs, kwnames, 1, 1) < 0) return NULL;
    return c_copy(self, NULL, 0, NULL);
}

// Keeps the input the inflate left (io->in): after the stream end (`end`)
// it goes to unused_data, otherwise (output limit reached) it is the new
// unconsumed_tail.  Section held.
static int save_unconsumed(zobj_t *z, cs_io_t *io, bool end) {
    if (end && io->in_len > 0) {
        size_t old = bytes_len(z->unused);
        unsigned char *tmp = malloc(old + io->in_len);
        if (!tmp) {
            err_no_memory();
            return -1;
        }
        memcpy(tmp, bytes_data(z->unused), old);
        memcpy(tmp + old, io->in, io->in_len);
        obj_t *n = bytes_from(tmp, old + io->in_len);
        free(tmp);
        if (!n) return -1;
        DECREF(z->unused);
        z->unused = n;
        io->in_len = 0;
    }
    if (io->in_len > 0 || bytes_len(z->tail) > 0) {
        obj_t *n = bytes_from(io->in, io->in_len);
        if (!n) return -1;
        DECREF(z->tail);
        z->tail = n;
    }
    return 0;
}

// inflate over `data` (a bytes), output limited to `limit` bytes (0: none);
// flush is Z_SYNC_FLUSH for decompress() and Z_FINISH for flush().
static obj_t *inflate_into(zobj_t *z, obj_t *data, size_t limit, int flush, size_t hint) {
    cs_obuf_t o = {.first = hint, .limit = limit ? (ssize_t)limit : -1};
    int r = CS_ERROR;
    BEGIN_CRITICAL_SECTION(z);
    cs_io_t io = {.in = bytes_data(data), .in_len = bytes_len(data)};
    inflate_ctx_t c = {.zs = &z->zs, .zdict = z->zdict, .err = Z_OK};
    if (!z->initialised)
        raise_zerr(&z->zs, Z_STREAM_ERROR, "while decompressing data");
    else
        r = cs_pump(&o, &io, inflate_step, &c, flush);
    if (r != CS_ERROR && save_unconsumed(z, &io, r == CS_END) < 0) r = CS_ERROR;
    if (r == CS_END) {
        z->eof = true;
        if (flush == Z_FINISH) {
            inflateEnd(&z->zs);
            z->initialised = false;
        }
    }
    END_CRITICAL_SECTION();
    if (r == CS_ERROR) {
        cs_obuf_free(&o);
        return NULL;
    }
    return cs_obuf_bytes(&o);
}

static obj_t *d_decompress(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/data", "max_length", NULL};
    obj_t *a[2];
    if (args_parse("decompress", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    ssize_t max_length = 0;
    if (a[1] && obj_ssize_arg(a[1], &max_length) < 0) return NULL;
    if (max_length < 0) {
        err_set_str(exc_ValueError, "max_length must be non-negative");
        return NULL;
    }
    obj_t *data = buffer_as_bytes(a[0]);
    if (!data) return NULL;
    size_t hint = max_length && max_length < 16384 ? (size_t)max_length : 16384;
    obj_t *r = inflate_into((zobj_t *)self, data, (size_t)max_length, Z_SYNC_FLUSH, hint);
    DECREF(data);
    return r;
}

static obj_t *d_flush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("Decompress.flush", kwnames) < 0 || args_check("flush", nargs, NULL, 0, 1) < 0)
        return NULL;
    ssize_t length = 16384;
    if (nargs && obj_ssize_arg(args[0], &length) < 0) return NULL;
    if (length <= 0) {
        err_set_str(exc_ValueError, "length must be greater than zero");
        return NULL;
    }
    zobj_t *z = (zobj_t *)self;
    obj_t *tail;
    bool init;
    BEGIN_CRITICAL_SECTION(z);
    tail = NEWREF(z->tail);
    init = z->initialised;
    END_CRITICAL_SECTION();
    if (!init) {
        DECREF(tail);
        return bytes_from("", 0);
    }
    obj_t *r = inflate_into(z, tail, 0, Z_FINISH, (size_t)length);
    DECREF(tail);
    if (!r && err_occurred() && err_matches((type_t *)zlib_error)) {
        // As CPython, a truncated stream at flush() is not an error.
        err_clear();
        r = bytes_from("", 0);
    }
    return r;
}

static obj_t *d_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("Decompress.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    zobj_t *z = (zobj_t *)self;
    zobj_t *c = zobj_new(&decompress_type);
    if (!c) return NULL;
    int err = Z_OK;
    bool ok;
    BEGIN_CRITICAL_SECTION(z);
    ok = z->initialised;
    if (ok) {
        err = inflateCopy(&c->zs, &z->zs);
        if (err == Z_OK) {
            DECREF(c->unused);
            DECREF(c->tail);
            c->unused = NEWREF(z->unused);
            c->tail = NEWREF(z->tail);
            c->eof = z->eof;
            c->zdict = z->zdict ? NEWREF(z->zdict) : NULL;
        }
    }
    END_CRITICAL_SECTION();
    return copy_done(c, ok, err, "decompression");
}

static obj_t *d_deepcopy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__deepcopy__", nargs, kwnames, 1, 1) < 0) return NULL;
    return d_copy(self, NULL, 0, NULL);
}

static obj_t *d_get(obj_t *self, void *closure) {
    zobj_t *z = (zobj_t *)self;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(z);
    switch ((int)(intptr_t)closure) {
    case 0: r = NEWREF(z->unused); break;
    case 1: r = NEWREF(z->tail); break;
    default: r = NEWREF(bool_from(z->eof)); break;
    }
    END_CRITICAL_SECTION();
    return r;
}

static const method_def_t compress_methods[] = {
    {"compress", c_compress, METH_DEFAULT, NULL},
    {"flush", c_flush, METH_DEFAULT, NULL},
    {"copy", c_copy, METH_DEFAULT, NULL},
    {"__copy__", c_copy, METH_DEFAULT, NULL},
    {"__deepcopy__", c_deepcopy, METH_DEFAULT, NULL},
    {NULL},
};

static const method_def_t decompress_methods[] = {
    {"decompress", d_decompress, METH_DEFAULT, NULL},
    {"flush", d_flush, METH_DEFAULT, NULL},
    {"copy", d_copy, METH_DEFAULT, NULL},
    {"__copy__", d_copy, METH_DEFAULT, NULL},
    {"__deepcopy__", d_deepcopy, METH_DEFAULT, NULL},
    {NULL},
};

static const getset_def_t decompress_getsets[] = {
    {"unused_data", d_get, NULL, (void *)0},
    {"unconsumed_tail", d_get, NULL, (void *)1},
    {"eof", d_get, NULL, (void *)2},
    {NULL},
};

static type_t compress_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "zlib.Compress",
    .basicsize = sizeof(zobj_t),
    .base = &object_type,
    .dealloc = zobj_dealloc,
    .methods = compress_methods,
};

static type_t decompress_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "zlib.Decompress",
    .basicsize = sizeof(zobj_t),
    .base = &object_type,
    .dealloc = zobj_dealloc,
    .methods = decompress_methods,
    .getsets = decompress_getsets,
};

// ---- module ------------------------------------------------------------------------------

static const method_def_t zlib_functions[] = {
    {"adler32", m_adler32, 0, NULL},
    {"crc32", m_crc32, 0, NULL},
    {"compress", m_compress, 0, NULL},
    {"decompress", m_decompress, 0, NULL},
    {"compressobj", m_compressobj, 0, NULL},
    {"decompressobj", m_decompressobj, 0, NULL},
    {NULL},
};

static const struct {
    const char *name;
    int value;
} zlib_ints[] = {
    {"MAX_WBITS", MAX_WBITS},
    {"DEFLATED", Z_DEFLATED},
    {"DEF_MEM_LEVEL", 8},
    {"DEF_BUF_SIZE", 16384},
    {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
    {"Z_BEST_SPEED", Z_BEST_SPEED},
    {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
    {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
    {"Z_FILTERED", Z_FILTERED},
    {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
    {"Z_RLE", Z_RLE},
    {"Z_FIXED", Z_FIXED},
    {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY},
    {"Z_NO_FLUSH", Z_NO_FLUSH},
    {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
    {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
    {"Z_FULL_FLUSH", Z_FULL_FLUSH},
    {"Z_FINISH", Z_FINISH},
    {"Z_BLOCK", Z_BLOCK},
    {"Z_TREES", Z_TREES},
};

obj_t *zlib_module_init(void) {
    static _Atomic int ready;
    obj_t *m = module_new("zlib");
    if (!m) return NULL;
    if (module_add_functions(m, zlib_functions) < 0 || type_ensure_ready(&compress_type) < 0 ||
        type_ensure_ready(&decompress_type) < 0)
        goto fail;
    if (!atomic_exchange(&ready, 1)) {
        zlib_error = exc_new_class("zlib", "error", exc_Exception);
        if (zlib_error) obj_immortalize(zlib_error);
    }
    if (!zlib_error || dict_set_str(module_dict(m), "error", zlib_error) < 0) goto fail;
    for (size_t i = 0; i < sizeof zlib_ints / sizeof zlib_ints[0]; i++) {
        obj_t *v = int_from_i64(zlib_ints[i].value);
        if (!v || dict_set_str(module_dict(m), zlib_ints[i].name, v) < 0) {
            XDECREF(v);
            goto fail;
        }
        DECREF(v);
    }
    obj_t *ver = str_from_cstr(ZLIB_VERSION), *rver = str_from_cstr(zlibVersion());
    int rc = ver && rver && dict_set_str(module_dict(m), "ZLIB_VERSION", ver) == 0 &&
                     dict_set_str(module_dict(m), "ZLIB_RUNTIME_VERSION", rver) == 0
                 ? 0
                 : -1;
    XDECREF(ver);
    XDECREF(rver);
    if (rc < 0) goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
