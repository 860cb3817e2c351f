/*
 * modules/codec_stream.c — the streaming plumbing of the compression
 * modules (see modules/codec_stream.h for what it owns and its locking).
 */
#include "codec_stream.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../threads/critical.h"

// ---- output buffer -----------------------------------------------------------------------

int cs_obuf_room(cs_obuf_t *o, cs_io_t *io) {
    bool at_limit = o->limit >= 0 && o->len >= (size_t)o->limit;
    if (o->len == o->cap && !at_limit) {
        size_t cap = o->cap ? o->cap * 2 : o->first;
        if (o->limit >= 0 && cap > (size_t)o->limit) cap = (size_t)o->limit;
        if (cap <= o->len || obj_alloc_too_big(cap)) {
            err_no_memory();
            return -1;
        }
        unsigned char *p = realloc(o->p, cap);
        if (!p) {
            err_no_memory();
            return -1;
        }
        o->p = p;
        o->cap = cap;
    }
    io->out = o->p ? o->p + o->len : NULL;
    io->out_len = o->cap - o->len;
    return 0;
}

obj_t *cs_obuf_bytes(cs_obuf_t *o) {
    obj_t *b = bytes_from(o->p ? o->p : (const unsigned char *)"", o->len);
    cs_obuf_free(o);
    return b;
}

void cs_obuf_free(cs_obuf_t *o) {
    free(o->p);
    o->p = NULL;
    o->len = o->cap = 0;
}

// ---- loops -------------------------------------------------------------------------------

int cs_pump(cs_obuf_t *o, cs_io_t *io, cs_step_fn step, void *ctx, int mode) {
    for (;;) {
        if (cs_obuf_room(o, io) < 0) return CS_ERROR;
        int r = step(ctx, io, mode);
        if (o->p) o->len = (size_t)(io->out - o->p);
        if (r != CS_MORE) return r;
        if (o->limit >= 0 && o->len >= (size_t)o->limit) return CS_MORE;
    }
}

obj_t *cs_encode(cs_step_fn step, void *ctx, int mode, const void *in, size_t len, size_t first) {
    cs_obuf_t o = {.first = first, .limit = -1};
    cs_io_t io = {.in = in, .in_len = len};
    if (cs_pump(&o, &io, step, ctx, mode) == CS_ERROR) {
        cs_obuf_free(&o);
        return NULL;
    }
    return cs_obuf_bytes(&o);
}

// ---- bz2 / lzma compressor methods ---------------------------------------------------------

enum { FIRST_OUT = 32768 };

obj_t *cs_compressor_compress(obj_t *self, bool *flushed, cs_step_fn step, int run_mode,
                              obj_t *data) {
    obj_t *snap = buffer_as_bytes(data);
    if (!snap) return NULL;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (*flushed)
        err_set_str(exc_ValueError, "Compressor has been flushed");
    else
        r = cs_encode(step, self, run_mode, bytes_data(snap), bytes_len(snap), FIRST_OUT);
    END_CRITICAL_SECTION();
    DECREF(snap);
    return r;
}

obj_t *cs_compressor_flush(obj_t *self, bool *flushed, cs_step_fn step, int finish_mode) {
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (*flushed) {
        err_set_str(exc_ValueError, "Repeated call to flush()");
    } else {
        *flushed = true;
        r = cs_encode(step, self, finish_mode, NULL, 0, FIRST_OUT);
    }
    END_CRITICAL_SECTION();
    return r;
}

// ---- bz2 / lzma decompressor ---------------------------------------------------------------

int cs_dstate_init(cs_dstate_t *st) {
    st->needs_input = true;
    st->unused = bytes_from("", 0);
    return st->unused ? 0 : -1;
}

void cs_dstate_clear(cs_dstate_t *st) {
    CLEAR(st->unused);
    free(st->saved);
    st->saved = NULL;
    st->saved_len = 0;
}

static void forget_saved(cs_dstate_t *st) {
    free(st->saved);
    st->saved = NULL;
    st->saved_len = 0;
}

// One decompress() call over the saved input followed by `data`, output
// limited to max_length bytes (< 0: none).  Section held.
static obj_t *decode(obj_t *self, cs_dstate_t *st, const cs_decoder_t *dec, obj_t *data,
                     ssize_t max_length) {
    unsigned char *joined = NULL;
    cs_io_t io;
    if (st->saved_len) {
        size_t n = bytes_len(data);
        joined = malloc(st->saved_len + n + 1);
        if (!joined) {
            err_no_memory();
            return NULL;
        }
        memcpy(joined, st->saved, st->saved_len);
        memcpy(joined + st->saved_len, bytes_data(data), n);
        io.in = joined;
        io.in_len = st->saved_len + n;
    } else {
        io.in = bytes_data(data);
        io.in_len = bytes_len(data);
    }
    cs_obuf_t o = {.first = FIRST_OUT, .limit = max_length};
    int r = cs_pump(&o, &io, dec->step, self, 0);
    if (r == CS_ERROR) goto fail;
    if (r == CS_END) st->eof = true;
    if (st->eof) {
        st->needs_input = false;
        if (io.in_len) {
            obj_t *u = bytes_from(io.in, io.in_len);
            if (!u) goto fail;
            DECREF(st->unused);
            st->unused = u;
        }
        forget_saved(st);
    } else if (io.in_len == 0) {
        st->needs_input = dec->full_may_hold_output ? io.out_len != 0 : true;
        forget_saved(st);
    } else {
        st->needs_input = false;
        unsigned char *keep = malloc(io.in_len);
        if (!keep) {
            err_no_memory();
            goto fail;
        }
        memcpy(keep, io.in, io.in_len);
        free(st->saved);
        st->saved = keep;
        st->saved_len = io.in_len;
    }
    free(joined);
    return cs_obuf_bytes(&o);
fail:
    free(joined);
    cs_obuf_free(&o);
    return NULL;
}

obj_t *cs_decompress(obj_t *self, cs_dstate_t *st, const cs_decoder_t *dec, obj_t *const *args,
                     size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"data", "max_length", NULL};
    obj_t *a[2];
    if (args_parse("decompress", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *data = buffer_as_bytes(a[0]);
    if (!data) return NULL;
    ssize_t max_length = -1;
    if (a[1] && obj_ssize_arg(a[1], &max_length) < 0) {
        DECREF(data);
        return NULL;
    }
    if (max_length < 0) max_length = -1;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    if (st->eof)
        err_set_str(exc_EOFError, dec->eof_message);
    else if (st->failed)
        err_set_str(exc_ValueError, "Decompressor is unusable after a previous error");
    else
        r = decode(self, st, dec, data, max_length);
    END_CRITICAL_SECTION();
    DECREF(data);
    return r;
}

obj_t *cs_dstate_get(obj_t *self, cs_dstate_t *st, int which) {
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    switch (which) {
    case 0: r = NEWREF(st->unused); break;
    case 1: r = NEWREF(bool_from(st->eof)); break;
    default: r = NEWREF(bool_from(st->needs_input)); break;
    }
    END_CRITICAL_SECTION();
    return r;
}

int cs_readonly(obj_t *self, obj_t *value, void *closure) {
    err_set_str(exc_AttributeError, "readonly attribute");
    return -1;
}

// ---- argument helpers ----------------------------------------------------------------------

int cs_int_arg(obj_t *v, int *out) {
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int64_t x;
    int rc = int_as_i64(i, &x);
    DECREF(i);
    if (rc < 0 || x > INT_MAX || x < INT_MIN) {
        if (rc < 0) err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)x;
    return 0;
}
