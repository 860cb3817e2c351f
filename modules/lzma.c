/*
 * modules/lzma.c — the `_lzma` module over the system liblzma (Debian's
 * liblzma5): LZMACompressor(format, check, preset, filters),
 * LZMADecompressor(format, memlimit, filters) with decompress(data,
 * max_length=-1), check, eof, unused_data and needs_input,
 * is_check_supported, _encode_filter_properties, _decode_filter_properties,
 * LZMAError and the FORMAT_* / CHECK_* / FILTER_* / MF_* / MODE_* / PRESET_*
 * constants, with CPython 3.11's arguments and messages.  Filter chains are
 * sequences of dicts ({"id": FILTER_LZMA2, "preset": 6, "dict_size": ...}),
 * parsed as CPython parses them.  The pure-Python lzma module runs over it.
 *
 * Concurrency: each object's lzma_stream and its Python-visible fields
 * change only inside the object's critical section (CPython holds a lock per
 * object for the same purpose); the input is taken as a bytes snapshot
 * before the section, and nothing in the section calls Python code (filter
 * specs are parsed before the object exists).  The getters read under the
 * section too.  The streaming loops, the compress/flush rules and the
 * decompressor's bookkeeping are modules/codec_stream.c's; this file gives
 * it the liblzma step functions.
 */
#include <gmp.h>
#include <limits.h>
#include <lzma.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

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

enum { FORMAT_AUTO, FORMAT_XZ, FORMAT_ALONE, FORMAT_RAW };

// The check reported before the stream header was read (CPython's value).
#define LZMA_CHECK_UNKNOWN (LZMA_CHECK_ID_MAX + 1)

static _Atomic(obj_t *) lzma_error; // _lzma.LZMAError, made by the first import, immortal

// Raises the exception CPython maps a liblzma status to; -1 on error.
static int lz_check(lzma_ret ret) {
    type_t *e = (type_t *)atomic_load(&lzma_error);
    switch (ret) {
    case LZMA_OK:
    case LZMA_GET_CHECK:
    case LZMA_NO_CHECK:
    case LZMA_STREAM_END: return 0;
    case LZMA_UNSUPPORTED_CHECK: err_set_str(e, "Unsupported integrity check"); return -1;
    case LZMA_MEM_ERROR: err_no_memory(); return -1;
    case LZMA_MEMLIMIT_ERROR: err_set_str(e, "Memory usage limit exceeded"); return -1;
    case LZMA_FORMAT_ERROR: err_set_str(e, "Input format not supported by decoder"); return -1;
    case LZMA_OPTIONS_ERROR: err_set_str(e, "Invalid or unsupported options"); return -1;
    case LZMA_DATA_ERROR: err_set_str(e, "Corrupt input data"); return -1;
    case LZMA_BUF_ERROR: err_set_str(e, "Insufficient buffer space"); return -1;
    case LZMA_PROG_ERROR: err_set_str(e, "Internal error"); return -1;
    default: err_format(e, "Unrecognized error from liblzma: %d", (int)ret); return -1;
    }
}

// ---- integer converters ------------------------------------------------------------------

// CPython's uint64 / uint32 converters (PyLong_AsUnsignedLongLong: an int,
// not an __index__ object).
static int conv_u64(obj_t *v, uint64_t *out) {
    if (!INT_CHECK(v)) {
        err_set_str(exc_TypeError, "an integer is required");
        return -1;
    }
    mpz_t z;
    mpz_init(z);
    int_to_mpz(v, z);
    int rc = 0;
    if (mpz_sgn(z) < 0) {
        err_set_str(exc_OverflowError, "can't convert negative int to unsigned");
        rc = -1;
    } else if (mpz_sizeinbase(z, 2) > 64) {
        err_set_str(exc_OverflowError, "int too big to convert");
        rc = -1;
    } else {
        *out = (uint64_t)mpz_get_ui(z);
    }
    mpz_clear(z);
    return rc;
}

static int conv_u32(obj_t *v, uint32_t *out) {
    uint64_t x;
    if (conv_u64(v, &x) < 0) return -1;
    if (x > UINT32_MAX) {
        err_set_str(exc_OverflowError, "Value too large for uint32_t type");
        return -1;
    }
    *out = (uint32_t)x;
    return 0;
}

// ---- filter specs ------------------------------------------------------------------------

// Sets the uint32 fields named in `names` from the dict `spec`; any other
// key but "id" (and "preset" for LZMA) is an error.  -1: error set (the
// caller replaces it with its ValueError).
static int spec_fields(obj_t *spec, const char *const *names, uint32_t **fields, size_t n,
                       bool lzma) {
    ssize_t pos = 0;
    obj_t *k, *v;
    while (dict_next(spec, &pos, &k, &v)) {
        int rc = -1;
        if (STR_CHECK(k)) {
            const char *ks = str_data(k);
            if (strcmp(ks, "id") == 0 || (lzma && strcmp(ks, "preset") == 0)) {
                rc = 0;
            } else {
                for (size_t i = 0; i < n; i++)
                    if (strcmp(ks, names[i]) == 0) {
                        rc = conv_u32(v, fields[i]);
                        break;
                    }
            }
        }
        DECREF(k);
        DECREF(v);
        if (rc < 0) return -1;
    }
    return 0;
}

// Parses one filter spec (a dict) into *f; f->options is malloc'd.
static int parse_filter(obj_t *spec, lzma_filter *f) {
    f->options = NULL;
    if (!DICT_CHECK(spec)) {
        err_set_str(exc_TypeError, "Filter specifier must be a dict or dict-like object");
        return -1;
    }
    obj_t *id = dict_get_str(spec, "id");
    if (!id) {
        if (!err_occurred())
            err_set_str(exc_ValueError, "Filter specifier must have an \"id\" entry");
        return -1;
    }
    uint64_t fid;
    int rc = conv_u64(id, &fid);
    DECREF(id);
    if (rc < 0) return -1;
    f->id = fid;
    switch (fid) {
    case LZMA_FILTER_LZMA1:
    case LZMA_FILTER_LZMA2: {
        uint32_t preset = LZMA_PRESET_DEFAULT;
        obj_t *p = dict_get_str(spec, "preset");
        if (p) {
            rc = conv_u32(p, &preset);
            DECREF(p);
            if (rc < 0) return -1;
        } else if (err_occurred()) {
            return -1;
        }
        lzma_options_lzma *o = calloc(1, sizeof *o);
        if (!o) {
            err_no_memory();
            return -1;
        }
        f->options = o;
        if (lzma_lzma_preset(o, preset)) {
            err_format((type_t *)atomic_load(&lzma_error), "Invalid compression preset: %u",
                       preset);
            return -1;
        }
        uint32_t mode = o->mode, mf = o->mf;
        static const char *const names[] = {"dict_size", "lc",       "lp", "pb",
                                            "mode",      "nice_len", "mf", "depth"};
        uint32_t *fields[] = {&o->dict_size, &o->lc,       &o->lp, &o->pb,
                              &mode,         &o->nice_len, &mf,    &o->depth};
        if (spec_fields(spec, names, fields, 8, true) < 0) {
            err_clear();
            err_set_str(exc_ValueError, "Invalid filter specifier for LZMA filter");
            return -1;
        }
        o->mode = (lzma_mode)mode;
        o->mf = (lzma_match_finder)mf;
        return 0;
    }
    case LZMA_FILTER_DELTA: {
        lzma_options_delta *o = calloc(1, sizeof *o);
        if (!o) {
            err_no_memory();
            return -1;
        }
        f->options = o;
        uint32_t dist = 1;
        static const char *const names[] = {"dist"};
        uint32_t *fields[] = {&dist};
        if (spec_fields(spec, names, fields, 1, false) < 0) {
            err_clear();
            err_set_str(exc_ValueError, "Invalid filter specifier for delta filter");
            return -1;
        }
        o->type = LZMA_DELTA_TYPE_BYTE;
        o->dist = dist;
        return 0;
    }
    case LZMA_FILTER_X86:
    case LZMA_FILTER_POWERPC:
    case LZMA_FILTER_IA64:
    case LZMA_FILTER_ARM:
    case LZMA_FILTER_ARMTHUMB:
    case LZMA_FILTER_SPARC: {
        lzma_options_bcj *o = calloc(1, sizeof *o);
        if (!o) {
            err_no_memory();
            return -1;
        }
        f->options = o;
        static const char *const names[] = {"start_offset"};
        uint32_t *fields[] = {&o->start_offset};
        if (spec_fields(spec, names, fields, 1, false) < 0) {
            err_clear();
            err_set_str(exc_ValueError, "Invalid filter specifier for BCJ filter");
            return -1;
        }
        return 0;
    }
    default:
        err_format(exc_ValueError, "Invalid filter ID: %llu", (unsigned long long)fid);
        return -1;
    }
}

static void free_chain(lzma_filter *filters) {
    for (int i = 0; filters[i].id != LZMA_VLI_UNKNOWN; i++)
        free(filters[i].options);
}

// Parses a sequence of filter specs into filters[] (LZMA_VLI_UNKNOWN
// terminated); on error everything is freed.
static int parse_chain(obj_t *specs, lzma_filter *filters) {
    filters[0].id = LZMA_VLI_UNKNOWN;
    ssize_t n = obj_len(specs);
    if (n < 0) return -1;
    if (n > LZMA_FILTERS_MAX) {
        err_format(exc_ValueError, "Too many filters - liblzma supports a maximum of %d",
                   LZMA_FILTERS_MAX);
        return -1;
    }
    for (ssize_t i = 0; i < n; i++) {
        obj_t *idx = int_from_i64(i);
        obj_t *spec = idx ? obj_getitem(specs, idx) : NULL;
        XDECREF(idx);
        int rc = spec ? parse_filter(spec, &filters[i]) : -1;
        XDECREF(spec);
        if (rc < 0) {
            if (spec) free(filters[i].options);
            filters[i].id = LZMA_VLI_UNKNOWN;
            free_chain(filters);
            return -1;
        }
        filters[i + 1].id = LZMA_VLI_UNKNOWN;
    }
    return 0;
}

// ---- LZMACompressor ----------------------------------------------------------------------

typedef struct {
    obj_t ob;
    lzma_stream s; // section
    bool ready;    // the encoder was set up (immutable after creation)
    bool flushed;  // section
} lzcomp_t;

static type_t lzcomp_type, lzdecomp_type;

static void lzcomp_dealloc(obj_t *o) {
    lzcomp_t *c = (lzcomp_t *)o;
    if (c->ready) lzma_end(&c->s);
    obj_free(o);
}

static obj_t *lzcomp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"format", "check", "preset", "filters", NULL};
    obj_t *a[4];
    if (args_parse("LZMACompressor", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int format = FORMAT_XZ, check = -1;
    if ((a[0] && obj_int_arg(a[0], &format) < 0) || (a[1] && obj_int_arg(a[1], &check) < 0))
        return NULL;
    obj_t *preset_obj = a[2] ? a[2] : None, *specs = a[3] ? a[3] : None;
    if (format != FORMAT_XZ && check != -1 && check != LZMA_CHECK_NONE) {
        err_set_str(exc_ValueError, "Integrity checks are only supported by FORMAT_XZ");
        return NULL;
    }
    if (preset_obj != None && specs != None) {
        err_set_str(exc_ValueError, "Cannot specify both preset and filter chain");
        return NULL;
    }
    uint32_t preset = LZMA_PRESET_DEFAULT;
    if (preset_obj != None && conv_u32(preset_obj, &preset) < 0) return NULL;
    lzma_filter filters[LZMA_FILTERS_MAX + 1];
    filters[0].id = LZMA_VLI_UNKNOWN;
    if (format != FORMAT_XZ && format != FORMAT_ALONE && format != FORMAT_RAW) {
        err_format(exc_ValueError, "Invalid container format: %d", format);
        return NULL;
    }
    if (format == FORMAT_RAW && specs == None) {
        err_set_str(exc_ValueError, "Must specify filters for FORMAT_RAW");
        return NULL;
    }
    if (specs != None && parse_chain(specs, filters) < 0) return NULL;
    lzcomp_t *c = (lzcomp_t *)obj_alloc(type, sizeof(lzcomp_t));
    if (!c) {
        free_chain(filters);
        return NULL;
    }
    lzma_stream init = LZMA_STREAM_INIT;
    c->s = init;
    lzma_ret ret;
    if (format == FORMAT_XZ) {
        if (check == -1) check = LZMA_CHECK_CRC64;
        if (specs == None)
            ret = lzma_easy_encoder(&c->s, preset, (lzma_check)check);
        else
            ret = lzma_stream_encoder(&c->s, filters, (lzma_check)check);
    } else if (format == FORMAT_ALONE) {
        if (specs == None) {
            lzma_options_lzma opts;
            if (lzma_lzma_preset(&opts, preset)) {
                err_format((type_t *)atomic_load(&lzma_error), "Invalid compression preset: %u",
                           preset);
                DECREF((obj_t *)c);
                return NULL;
            }
            ret = lzma_alone_encoder(&c->s, &opts);
        } else if (filters[0].id != LZMA_FILTER_LZMA1 || filters[1].id != LZMA_VLI_UNKNOWN) {
            free_chain(filters);
            DECREF((obj_t *)c);
            err_set_str(exc_ValueError,
                        "Invalid filter chain for FORMAT_ALONE - must be a single LZMA1 filter");
            return NULL;
        } else {
            ret = lzma_alone_encoder(&c->s, filters[0].options);
        }
    } else {
        ret = lzma_raw_encoder(&c->s, filters);
    }
    free_chain(filters);
    if (lz_check(ret) < 0) {
        lzma_end(&c->s);
        DECREF((obj_t *)c);
        return NULL;
    }
    c->ready = true;
    return (obj_t *)c;
}

// One lzma_code call over io with `action`; the status of a call that
// could not progress for want of input is not an error.  -1 error set.
static int lz_code(lzma_stream *s, cs_io_t *io, lzma_action action, lzma_ret *ret) {
    s->next_in = io->in;
    s->avail_in = io->in_len;
    s->next_out = io->out;
    s->avail_out = io->out_len;
    *ret = lzma_code(s, action);
    cs_io_update(io, io->in_len, s->avail_in, io->out_len, s->avail_out);
    s->next_in = NULL;
    s->avail_in = 0;
    if (*ret == LZMA_BUF_ERROR && io->in_len == 0 && io->out_len > 0) *ret = LZMA_OK;
    return lz_check(*ret);
}

// A cs_step_fn over the compressor (section held).
static int lzcomp_step(void *ctx, cs_io_t *io, int action) {
    lzma_ret ret;
    if (lz_code(&((lzcomp_t *)ctx)->s, io, (lzma_action)action, &ret) < 0) return CS_ERROR;
    if (action == LZMA_RUN) return io->in_len == 0 ? CS_DONE : CS_MORE;
    return ret == LZMA_STREAM_END ? CS_END : CS_MORE;
}

static obj_t *lzcomp_compress(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("LZMACompressor.compress", nargs, kwnames, 1, 1) < 0) return NULL;
    return cs_compressor_compress(self, &((lzcomp_t *)self)->flushed, lzcomp_step, LZMA_RUN,
                                  args[0]);
}

static obj_t *lzcomp_flush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("LZMACompressor.flush", nargs, kwnames, 0, 0) < 0) return NULL;
    return cs_compressor_flush(self, &((lzcomp_t *)self)->flushed, lzcomp_step, LZMA_FINISH);
}

// ---- LZMADecompressor --------------------------------------------------------------------

typedef struct {
    obj_t ob;
    lzma_stream s;  // section
    bool ready;     // the decoder was set up (immutable after creation)
    int check;      // section: the stream's integrity check (CHECK_UNKNOWN until known)
    cs_dstate_t st; // section
} lzdecomp_t;

static void lzdecomp_dealloc(obj_t *o) {
    lzdecomp_t *d = (lzdecomp_t *)o;
    if (d->ready) lzma_end(&d->s);
    cs_dstate_clear(&d->st);
    obj_free(o);
}

static obj_t *lzdecomp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"format", "memlimit", "filters", NULL};
    obj_t *a[3];
    if (args_parse("LZMADecompressor", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int format = FORMAT_AUTO;
    if (a[0] && obj_int_arg(a[0], &format) < 0) return NULL;
    obj_t *memlimit_obj = a[1] ? a[1] : None, *specs = a[2] ? a[2] : None;
    if (memlimit_obj != None && format == FORMAT_RAW) {
        err_set_str(exc_ValueError, "Cannot specify memory limit with FORMAT_RAW");
        return NULL;
    }
    if (format == FORMAT_RAW && specs == None) {
        err_set_str(exc_ValueError, "Must specify filters for FORMAT_RAW");
        return NULL;
    }
    if (format != FORMAT_RAW && specs != None) {
        err_set_str(exc_ValueError, "Cannot specify filters except with FORMAT_RAW");
        return NULL;
    }
    uint64_t memlimit = UINT64_MAX;
    if (memlimit_obj != None && conv_u64(memlimit_obj, &memlimit) < 0) return NULL;
    if (format < FORMAT_AUTO || format > FORMAT_RAW) {
        err_format(exc_ValueError, "Invalid container format: %d", format);
        return NULL;
    }
    lzma_filter filters[LZMA_FILTERS_MAX + 1];
    filters[0].id = LZMA_VLI_UNKNOWN;
    if (format == FORMAT_RAW && parse_chain(specs, filters) < 0) return NULL;
    lzdecomp_t *d = (lzdecomp_t *)obj_alloc(type, sizeof(lzdecomp_t));
    if (!d) {
        free_chain(filters);
        return NULL;
    }
    lzma_stream init = LZMA_STREAM_INIT;
    d->s = init;
    d->check = LZMA_CHECK_UNKNOWN;
    if (cs_dstate_init(&d->st) < 0) {
        free_chain(filters);
        DECREF((obj_t *)d);
        return NULL;
    }
    lzma_ret ret;
    const uint32_t flags = LZMA_TELL_ANY_CHECK | LZMA_TELL_NO_CHECK;
    switch (format) {
    case FORMAT_AUTO: ret = lzma_auto_decoder(&d->s, memlimit, flags); break;
    case FORMAT_XZ: ret = lzma_stream_decoder(&d->s, memlimit, flags); break;
    case FORMAT_ALONE:
        d->check = LZMA_CHECK_NONE;
        ret = lzma_alone_decoder(&d->s, memlimit);
        break;
    default:
        d->check = LZMA_CHECK_NONE;
        ret = lzma_raw_decoder(&d->s, filters);
        break;
    }
    free_chain(filters);
    if (lz_check(ret) < 0) {
        lzma_end(&d->s);
        DECREF((obj_t *)d);
        return NULL;
    }
    d->ready = true;
    return (obj_t *)d;
}

// A cs_step_fn over the decompressor (section held); notes the integrity
// check once the decoder knows it.
static int lzdecomp_step(void *ctx, cs_io_t *io, int mode) {
    lzdecomp_t *d = ctx;
    lzma_ret ret;
    if (lz_code(&d->s, io, LZMA_RUN, &ret) < 0) return CS_ERROR;
    if (ret == LZMA_GET_CHECK || ret == LZMA_NO_CHECK) d->check = lzma_get_check(&d->s);
    return ret == LZMA_STREAM_END ? CS_END : cs_io_status(io);
}

static const cs_decoder_t lz_decoder = {
    .step = lzdecomp_step,
    .eof_message = "Already at end of stream",
    // Input used up with the output full: the decoder may still hold output.
    .full_may_hold_output = true,
};

static obj_t *lzdecomp_decompress(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return cs_decompress(self, &((lzdecomp_t *)self)->st, &lz_decoder, args, nargs, kwnames);
}

static obj_t *lzdecomp_get(obj_t *self, void *closure) {
    lzdecomp_t *d = (lzdecomp_t *)self;
    if ((intptr_t)closure < 3) return cs_dstate_get(self, &d->st, (int)(intptr_t)closure);
    obj_t *r;
    BEGIN_CRITICAL_SECTION(d);
    r = int_from_i64(d->check);
    END_CRITICAL_SECTION();
    return r;
}

// ---- module functions --------------------------------------------------------------------

static obj_t *m_is_check_supported(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("is_check_supported", nargs, kwnames, 1, 1) < 0) return NULL;
    int x;
    if (cs_int_arg(args[0], &x) < 0) return NULL;
    return NEWREF(bool_from(x >= 0 && lzma_check_is_supported((lzma_check)x)));
}

static obj_t *m_encode_props(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_encode_filter_properties", nargs, kwnames, 1, 1) < 0) return NULL;
    lzma_filter f;
    if (parse_filter(args[0], &f) < 0) {
        free(f.options);
        return NULL;
    }
    uint32_t size;
    obj_t *r = NULL;
    if (lz_check(lzma_properties_size(&size, &f)) == 0) {
        uint8_t *buf = malloc(size ? size : 1);
        if (!buf)
            err_no_memory();
        else if (lz_check(lzma_properties_encode(&f, buf)) == 0)
            r = bytes_from((const char *)buf, size);
        free(buf);
    }
    free(f.options);
    return r;
}

static int set_u32(obj_t *d, const char *k, uint32_t v) {
    obj_t *o = int_from_u64(v);
    int rc = o ? dict_set_str(d, k, o) : -1;
    XDECREF(o);
    return rc;
}

static obj_t *m_decode_props(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_decode_filter_properties", nargs, kwnames, 2, 2) < 0) return NULL;
    uint64_t fid;
    if (conv_u64(args[0], &fid) < 0) return NULL;
    obj_t *props = buffer_as_bytes(args[1]);
    if (!props) return NULL;
    lzma_filter f = {.id = fid, .options = NULL};
    lzma_ret ret = lzma_properties_decode(&f, NULL, bytes_data(props), bytes_len(props));
    DECREF(props);
    if (lz_check(ret) < 0) return NULL;
    obj_t *d = dict_new();
    obj_t *idv = d ? int_from_u64(fid) : NULL;
    int rc = idv ? dict_set_str(d, "id", idv) : -1;
    XDECREF(idv);
    if (rc == 0) {
        switch (fid) {
        case LZMA_FILTER_LZMA1: {
            lzma_options_lzma *o = f.options;
            rc = set_u32(d, "lc", o->lc) < 0 || set_u32(d, "lp", o->lp) < 0 ||
                         set_u32(d, "pb", o->pb) < 0 || set_u32(d, "dict_size", o->dict_size) < 0
                     ? -1
                     : 0;
            break;
        }
        case LZMA_FILTER_LZMA2:
            rc = set_u32(d, "dict_size", ((lzma_options_lzma *)f.options)->dict_size);
            break;
        case LZMA_FILTER_DELTA:
            rc = set_u32(d, "dist", ((lzma_options_delta *)f.options)->dist);
            break;
        case LZMA_FILTER_X86:
        case LZMA_FILTER_POWERPC:
        case LZMA_FILTER_IA64:
        case LZMA_FILTER_ARM:
        case LZMA_FILTER_ARMTHUMB:
        case LZMA_FILTER_SPARC:
            if (f.options)
                rc = set_u32(d, "start_offset", ((lzma_options_bcj *)f.options)->start_offset);
            break;
        default:
            err_format(exc_ValueError, "Invalid filter ID: %llu", (unsigned long long)fid);
            rc = -1;
        }
    }
    free(f.options);
    if (rc < 0) {
        XDECREF(d);
        return NULL;
    }
    return d;
}

// ---- tables ------------------------------------------------------------------------------

static const method_def_t lzcomp_methods[] = {
    {"compress", lzcomp_compress, METH_DEFAULT, NULL},
    {"flush", lzcomp_flush, METH_DEFAULT, NULL},
    {NULL},
};

static const method_def_t lzdecomp_methods[] = {
    {"decompress", lzdecomp_decompress, METH_DEFAULT, NULL},
    {NULL},
};

static const getset_def_t lzdecomp_getsets[] = {
    {"unused_data", lzdecomp_get, cs_readonly, (void *)0},
    {"eof", lzdecomp_get, cs_readonly, (void *)1},
    {"needs_input", lzdecomp_get, cs_readonly, (void *)2},
    {"check", lzdecomp_get, cs_readonly, (void *)3},
    {NULL},
};

static type_t lzcomp_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_lzma.LZMACompressor",
    .basicsize = sizeof(lzcomp_t),
    .base = &object_type,
    .dealloc = lzcomp_dealloc,
    .tp_new = lzcomp_new,
    .methods = lzcomp_methods,
    .doc = "Create a compressor object for compressing data incrementally.",
};

static type_t lzdecomp_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_lzma.LZMADecompressor",
    .basicsize = sizeof(lzdecomp_t),
    .base = &object_type,
    .dealloc = lzdecomp_dealloc,
    .tp_new = lzdecomp_new,
    .methods = lzdecomp_methods,
    .getsets = lzdecomp_getsets,
    .doc = "Create a decompressor object for decompressing data incrementally.",
};

static const method_def_t lzma_functions[] = {
    {"is_check_supported", m_is_check_supported, 0, NULL},
    {"_encode_filter_properties", m_encode_props, 0, NULL},
    {"_decode_filter_properties", m_decode_props, 0, NULL},
    {NULL},
};

static const struct {
    const char *name;
    uint64_t value;
} lzma_consts[] = {
    {"FORMAT_AUTO", FORMAT_AUTO},
    {"FORMAT_XZ", FORMAT_XZ},
    {"FORMAT_ALONE", FORMAT_ALONE},
    {"FORMAT_RAW", FORMAT_RAW},
    {"CHECK_NONE", LZMA_CHECK_NONE},
    {"CHECK_CRC32", LZMA_CHECK_CRC32},
    {"CHECK_CRC64", LZMA_CHECK_CRC64},
    {"CHECK_SHA256", LZMA_CHECK_SHA256},
    {"CHECK_ID_MAX", LZMA_CHECK_ID_MAX},
    {"CHECK_UNKNOWN", LZMA_CHECK_UNKNOWN},
    {"FILTER_LZMA1", LZMA_FILTER_LZMA1},
    {"FILTER_LZMA2", LZMA_FILTER_LZMA2},
    {"FILTER_DELTA", LZMA_FILTER_DELTA},
    {"FILTER_X86", LZMA_FILTER_X86},
    {"FILTER_IA64", LZMA_FILTER_IA64},
    {"FILTER_ARM", LZMA_FILTER_ARM},
    {"FILTER_ARMTHUMB", LZMA_FILTER_ARMTHUMB},
    {"FILTER_SPARC", LZMA_FILTER_SPARC},
    {"FILTER_POWERPC", LZMA_FILTER_POWERPC},
    {"MF_HC3", LZMA_MF_HC3},
    {"MF_HC4", LZMA_MF_HC4},
    {"MF_BT2", LZMA_MF_BT2},
    {"MF_BT3", LZMA_MF_BT3},
    {"MF_BT4", LZMA_MF_BT4},
    {"MODE_FAST", LZMA_MODE_FAST},
    {"MODE_NORMAL", LZMA_MODE_NORMAL},
    {"PRESET_DEFAULT", LZMA_PRESET_DEFAULT},
    {"PRESET_EXTREME", LZMA_PRESET_EXTREME},
};

// _lzma.LZMAError(Exception), made once: the first import's class wins.
static obj_t *get_error(void) {
    obj_t *e = atomic_load(&lzma_error);
    if (e) return e;
    obj_t *r = exc_new_class("_lzma", "LZMAError", exc_Exception);
    if (!r) return NULL;
    obj_t *expected = NULL;
    if (atomic_compare_exchange_strong(&lzma_error, &expected, r)) {
        obj_immortalize(r);
        return r;
    }
    DECREF(r);
    return expected;
}

obj_t *lzma_module_init(void) {
    obj_t *m = module_new("_lzma");
    if (!m) return NULL;
    obj_t *err = get_error();
    if (!err || module_add_functions(m, lzma_functions) < 0 ||
        type_ensure_ready(&lzcomp_type) < 0 || type_ensure_ready(&lzdecomp_type) < 0 ||
        dict_set_str(module_dict(m), "LZMACompressor", (obj_t *)&lzcomp_type) < 0 ||
        dict_set_str(module_dict(m), "LZMADecompressor", (obj_t *)&lzdecomp_type) < 0 ||
        dict_set_str(module_dict(m), "LZMAError", err) < 0)
        goto fail;
    for (size_t i = 0; i < sizeof lzma_consts / sizeof lzma_consts[0]; i++) {
        obj_t *v = int_from_u64(lzma_consts[i].value);
        if (!v || dict_set_str(module_dict(m), lzma_consts[i].name, v) < 0) {
            XDECREF(v);
            goto fail;
        }
        DECREF(v);
    }
    return m;
fail:
    DECREF(m);
    return NULL;
}
