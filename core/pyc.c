/*
 * core/pyc.c — the bytecode cache: code objects serialized to
 * `__pycache__/NAME.pvm-VV.pyc` beside their source, and read back on the
 * next import.  Format: docs/bytecode.md, section "Cache file format".
 *
 * Invariants and rules:
 *  - A cache is used only when its header matches: magic (which embeds the
 *    format version VV), version, known flags, this build's fingerprint, the
 *    payload length (= file size - header) and the payload checksum, and
 *    then the source's mtime (ns) + size, or its hash (PEP 552 modes).
 *  - The reader never trusts a byte: every length is checked against the
 *    bytes that remain before it is used, nesting is bounded
 *    (PYC_MAX_DEPTH), strings must be well-formed UTF-8 (surrogates allowed,
 *    as str stores them), and each code object is validated before it is
 *    returned (pyc_validate_code, core/pyc_verify.c): every operand indexes inside its register
 *    window, constants or names; jump and handler targets land on
 *    instruction starts; the code cannot run off its end; implicit register
 *    ranges (CALL, BUILD_*, UNPACK_*) fit the window; constants the
 *    interpreter assumes a type for (MAKE_FUNCTION's code, IMPORT_NAME's
 *    info tuple, CALL's keyword names) have it; *_DEREF operands are cell
 *    registers; handlers lie after their ranges; the location table
 *    decodes; and a data-flow pass (validate_flow) proves that every
 *    register an instruction reads is bound and of the type its handler
 *    assumes.  A failure anywhere is "no cache": NULL without an
 *    exception, never a crash.
 *  - Writers never raise: a cache that cannot be written is skipped.  Files
 *    are written to a temp file in the same folder (named with the pid and a
 *    process-wide counter) and renamed over the target, so readers in other
 *    threads or processes see the old file, the new file or no file, never a
 *    torn one.
 *  - File I/O runs inside thread_block_begin/end (it may block), and never
 *    touches Python objects while detached.
 */
#define _GNU_SOURCE
#include "pyc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../objects/bytes.h"
#include "../objects/code.h"
#include "../objects/complex.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/stress.h"
#include "../threads/thread.h"
#include "error.h"
#include "eval.h"
#include "opcodes.h"
#include "runtime.h"
#include "sysmodule.h"

#define PYC_MAX_DEPTH 512               // nesting of tuples / code objects
#define PYC_MAX_FILE  ((size_t)1 << 30) // larger files are not caches we wrote
#define PYC_MAX_COUNT (1 << 24)         // argcount, nregs, ... (sanity bound)

static const uint8_t pyc_magic[8] = {'P', 'V', 'M', PVM_BYTECODE_VERSION, '\r', '\n', 0x1a, '\n'};

// ---- little-endian helpers and the checksum ------------------------------------------------

static inline uint32_t rd_u32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t rd_u64(const uint8_t *p) {
    return (uint64_t)rd_u32(p) | ((uint64_t)rd_u32(p + 4) << 32);
}

static inline void wr_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline void wr_u64(uint8_t *p, uint64_t v) {
    wr_u32(p, (uint32_t)v);
    wr_u32(p + 4, (uint32_t)(v >> 32));
}

static inline uint64_t rotl64(uint64_t x, int r) {
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t mix64(uint64_t h) {
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return h;
}

// 64-bit hash (MurmurHash3-style mixing, four independent lanes of 8-byte
// words so the multiply chains overlap).  Part of the file format: the
// payload checksum and the source hash of hash-based caches.
static uint64_t hash64(const uint8_t *p, size_t n, uint64_t seed) {
    const uint64_t c1 = UINT64_C(0x87c37b91114253d5), c2 = UINT64_C(0x4cf5ad432745937f);
    uint64_t h[4] = {seed ^ UINT64_C(0x9e3779b97f4a7c15), seed + c1, seed ^ c2, seed - c1};
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        for (int l = 0; l < 4; l++) {
            uint64_t k = rd_u64(p + i + 8 * l);
            k *= c1;
            k = rotl64(k, 31);
            k *= c2;
            h[l] ^= k;
            h[l] = rotl64(h[l], 27) * 5 + 0x52dce729;
        }
    }
    uint64_t r = (uint64_t)n * UINT64_C(0xff51afd7ed558ccd);
    for (int l = 0; l < 4; l++)
        r = rotl64(r ^ mix64(h[l]), 23) * 9 + 0x2dce729;
    for (; i + 8 <= n; i += 8) {
        uint64_t k = rd_u64(p + i) * c1;
        r ^= rotl64(k, 31) * c2;
        r = rotl64(r, 27) * 5 + 0x52dce729;
    }
    uint64_t k = 0;
    for (int j = 0; i < n; i++, j++)
        k |= (uint64_t)p[i] << (8 * j);
    r ^= rotl64(k * c1, 31) * c2;
    return mix64(r);
}

uint64_t pyc_source_hash(const void *src, size_t len) {
    return hash64((const uint8_t *)src, len, UINT64_C(0x5059435f53524321)); // "PYC_SRC!"
}

uint64_t pyc_payload_checksum(const uint8_t *p, size_t n) {
    return hash64(p, n, UINT64_C(0x5059435f50415931)); // "PYC_PAY1"
}

// ---- the build fingerprint -------------------------------------------------------------------

// The GNU build-id note of the loaded object that contains this function
// (the pvm executable, or whatever links libpvm), hashed; 0 if none.
static int build_id_cb(struct dl_phdr_info *info, size_t size, void *data) {
    uint64_t *out = data;
    uintptr_t self = (uintptr_t)(void *)&build_id_cb;
    bool contains = false;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD) continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (self >= lo && self < lo + ph->p_memsz) contains = true;
    }
    if (!contains) return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE) continue;
        const uint8_t *p = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr);
        const uint8_t *end = p + ph->p_memsz;
        while (p + 12 <= end) {
            uint32_t namesz, descsz, type;
            memcpy(&namesz, p, 4);
            memcpy(&descsz, p + 4, 4);
            memcpy(&type, p + 8, 4);
            size_t nlen = (namesz + 3u) & ~3u, dlen = (descsz + 3u) & ~3u;
            if ((size_t)(end - p) < 12 + nlen + dlen) break;
            if (type == NT_GNU_BUILD_ID && namesz == 4 && memcmp(p + 12, "GNU", 4) == 0) {
                *out = hash64(p + 12 + nlen, descsz, 0x4255494c44ULL) | 1;
                return 1;
            }
            p += 12 + nlen + dlen;
        }
    }
    return 1;
}

uint64_t pyc_build_fingerprint(void) {
    static _Atomic uint64_t cached;
    uint64_t fp = atomic_load_explicit(&cached, memory_order_relaxed);
    if (fp) return fp;
    // The opcode table: names, operand formats and semantics.
    uint64_t h = PVM_BYTECODE_VERSION;
    for (int op = 0; op < OPC_COUNT; op++) {
        const char *parts[3] = {opcode_names[op], opcode_formats[op], opcode_docs[op]};
        for (int k = 0; k < 3; k++)
            h = hash64((const uint8_t *)parts[k], strlen(parts[k]), h);
    }
    uint64_t build = 0;
    dl_iterate_phdr(build_id_cb, &build);
    fp = mix64(h ^ rotl64(build, 17)) | 1;
    atomic_store_explicit(&cached, fp, memory_order_relaxed);
    return fp;
}

// ---- paths -----------------------------------------------------------------------------------

// pyc_cache_path: core/pyc_path.c (where a cache lives: beside the source or
// under a cache prefix).

// ---- the writer ------------------------------------------------------------------------------

typedef struct {
    uint8_t *buf;
    size_t len, cap;
    bool failed;
    obj_t *strings[2]; // dicts: str -> index in the string table (plain / interned)
    size_t nstrings;
    obj_t *name_tuples; // dict: tuple of interned str -> index in the name-tuple table
    size_t nname_tuples;
} writer_t;

static void w_reserve(writer_t *w, size_t n) {
    if (w->failed) return;
    if (w->len + n <= w->cap) return;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + n)
        cap *= 2;
    uint8_t *b = realloc(w->buf, cap);
    if (b == NULL) {
        w->failed = true;
        return;
    }
    w->buf = b;
    w->cap = cap;
}

static void w_bytes(writer_t *w, const void *p, size_t n) {
    w_reserve(w, n);
    if (w->failed) return;
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void w_u8(writer_t *w, uint8_t v) {
    w_bytes(w, &v, 1);
}

static void w_uvarint(writer_t *w, uint64_t v) {
    uint8_t tmp[10];
    int n = 0;
    while (v >= 0x80) {
        tmp[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    tmp[n++] = (uint8_t)v;
    w_bytes(w, tmp, (size_t)n);
}

static void w_svarint(writer_t *w, int64_t v) {
    w_uvarint(w, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63)); // zigzag
}

static void w_object(writer_t *w, obj_t *v, int depth);

// A str: the first occurrence is written in full and numbered, later ones
// as a back-reference to that number.
static void w_str(writer_t *w, obj_t *s) {
    bool interned = ((str_t *)s)->interned;
    obj_t *tab = w->strings[interned];
    obj_t *idx = dict_get(tab, s);
    if (idx != NULL) {
        w_u8(w, 'r');
        w_uvarint(w, (uint64_t)SMALLINT_VALUE(idx));
        DECREF(idx);
        return;
    }
    if (err_occurred()) {
        w->failed = true;
        return;
    }
    if (dict_set(tab, s, SMALLINT_FROM((int64_t)w->nstrings)) < 0) {
        w->failed = true;
        return;
    }
    w->nstrings++;
    w_u8(w, interned ? 'n' : 's');
    w_uvarint(w, str_nbytes(s));
    w_bytes(w, str_data(s), str_nbytes(s));
}

static void w_big_int(writer_t *w, obj_t *v) {
    int_t *iv = (int_t *)v;
    size_t n = (mpz_sizeinbase(iv->z, 2) + 7) / 8;
    uint8_t *mag = malloc(n ? n : 1);
    if (mag == NULL) {
        w->failed = true;
        return;
    }
    size_t count = 0;
    mpz_export(mag, &count, -1, 1, 0, 0, iv->z); // least significant byte first
    w_u8(w, 'I');
    w_u8(w, mpz_sgn(iv->z) < 0 ? 1 : 0);
    w_uvarint(w, count);
    w_bytes(w, mag, count);
    free(mag);
}

static void w_tuple_items(writer_t *w, obj_t *t, int depth) {
    w_uvarint(w, TUPLE_SIZE(t));
    for (size_t i = 0; i < TUPLE_SIZE(t) && !w->failed; i++)
        w_object(w, TUPLE_GET(t, i), depth + 1);
}

// names / varnames / cellvars / freevars: a tuple of str.  Tuples of
// interned strings are numbered like strings, and a repeated one (('self',),
// ('range', 'len') ...) is written as a back-reference, so the loaded code
// objects share one tuple.
static void w_str_tuple(writer_t *w, obj_t *t) {
    if (t == NULL || !OBJ_IS_TYPE(t, &tuple_type)) {
        w->failed = true;
        return;
    }
    bool all_interned = TUPLE_SIZE(t) > 0;
    for (size_t i = 0; i < TUPLE_SIZE(t); i++) {
        obj_t *s = TUPLE_GET(t, i);
        if (!STR_EXACT(s)) {
            w->failed = true;
            return;
        }
        all_interned = all_interned && ((str_t *)s)->interned;
    }
    if (all_interned) {
        obj_t *idx = dict_get(w->name_tuples, t);
        if (idx != NULL) {
            w_u8(w, 't');
            w_uvarint(w, (uint64_t)SMALLINT_VALUE(idx));
            DECREF(idx);
            return;
        }
        if (err_occurred() ||
            dict_set(w->name_tuples, t, SMALLINT_FROM((int64_t)w->nname_tuples)) < 0) {
            w->failed = true;
            return;
        }
        w->nname_tuples++;
        w_u8(w, 'T');
    } else {
        w_u8(w, '(');
    }
    w_uvarint(w, TUPLE_SIZE(t));
    for (size_t i = 0; i < TUPLE_SIZE(t) && !w->failed; i++)
        w_str(w, TUPLE_GET(t, i));
}

static void w_code(writer_t *w, code_t *co, int depth) {
    if (co->extra != NULL || co->insns == NULL || co->consts == NULL || co->filename == NULL ||
        co->name == NULL || co->qualname == NULL || !STR_EXACT(co->filename) ||
        !STR_EXACT(co->name) || !STR_EXACT(co->qualname) || !OBJ_IS_TYPE(co->consts, &tuple_type) ||
        co->ncells < 0 || (co->ncells > 0 && co->cell_regs == NULL)) {
        w->failed = true; // something the format does not describe
        return;
    }
    w_u8(w, 'c');
    w_uvarint(w, (uint64_t)co->argcount);
    w_uvarint(w, (uint64_t)co->posonlyargcount);
    w_uvarint(w, (uint64_t)co->kwonlyargcount);
    w_uvarint(w, (uint64_t)co->nparams);
    w_uvarint(w, (uint64_t)co->nlocals);
    w_uvarint(w, (uint64_t)co->nregs);
    w_uvarint(w, (uint64_t)co->flags);
    w_svarint(w, co->firstlineno);
    w_uvarint(w, co->ninsns);
    w_reserve(w, co->ninsns * 4);
    if (w->failed) return;
    for (size_t i = 0; i < co->ninsns; i++)
        wr_u32(w->buf + w->len + 4 * i, (co->stress_orig ? co->stress_orig : co->insns)[i]);
    w->len += co->ninsns * 4;
    w_object(w, co->consts, depth + 1);
    w_str_tuple(w, co->names);
    w_str_tuple(w, co->varnames);
    w_str_tuple(w, co->cellvars);
    w_str_tuple(w, co->freevars);
    w_str(w, co->filename);
    w_str(w, co->name);
    w_str(w, co->qualname);
    w_uvarint(w, (uint64_t)co->ncells);
    for (int i = 0; i < co->ncells; i++)
        w_uvarint(w, (uint64_t)co->cell_regs[i]);
    w_uvarint(w, co->linetable_len);
    if (co->linetable_len) w_bytes(w, co->linetable, co->linetable_len);
    w_uvarint(w, co->nexc);
    for (size_t i = 0; i < co->nexc; i++) {
        w_uvarint(w, co->exctable[i].start);
        w_uvarint(w, co->exctable[i].end);
        w_uvarint(w, co->exctable[i].handler);
        w_uvarint(w, co->exctable[i].depth);
    }
}

static void w_object(writer_t *w, obj_t *v, int depth) {
    if (w->failed) return;
    if (depth > PYC_MAX_DEPTH) {
        w->failed = true;
        return;
    }
    if (IS_SMALLINT(v)) {
        w_u8(w, 'i');
        w_svarint(w, SMALLINT_VALUE(v));
    } else if (v == None) {
        w_u8(w, 'N');
    } else if (v == True) {
        w_u8(w, 'T');
    } else if (v == False) {
        w_u8(w, 'F');
    } else if (v == Ellipsis) {
        w_u8(w, '.');
    } else if (v->ob_type == &int_type) {
        int64_t i;
        if (int_as_i64(v, &i) == 0) {
            w_u8(w, 'i');
            w_svarint(w, i);
        } else {
            err_clear();
            w_big_int(w, v);
        }
    } else if (v->ob_type == &float_type) {
        double d = float_value(v);
        uint64_t bits;
        memcpy(&bits, &d, 8);
        uint8_t b[8];
        wr_u64(b, bits);
        w_u8(w, 'f');
        w_bytes(w, b, 8);
    } else if (v->ob_type == &complex_type) {
        complex_value_t c = complex_value(v);
        uint64_t bits[2];
        memcpy(&bits[0], &c.real, 8);
        memcpy(&bits[1], &c.imag, 8);
        uint8_t b[16];
        wr_u64(b, bits[0]);
        wr_u64(b + 8, bits[1]);
        w_u8(w, 'x');
        w_bytes(w, b, 16);
    } else if (v->ob_type == &str_type) {
        w_str(w, v);
    } else if (v->ob_type == &bytes_type) {
        w_u8(w, 'b');
        w_uvarint(w, bytes_len(v));
        w_bytes(w, bytes_data(v), bytes_len(v));
    } else if (v->ob_type == &tuple_type) {
        w_u8(w, '(');
        w_tuple_items(w, v, depth);
    } else if (v->ob_type == &frozenset_type) {
        obj_t *t = tuple_from_iterable(v);
        if (t == NULL) {
            w->failed = true;
            return;
        }
        w_u8(w, 'z');
        w_tuple_items(w, t, depth);
        DECREF(t);
    } else if (v->ob_type == &code_type) {
        w_code(w, (code_t *)v, depth);
    } else {
        w->failed = true; // not a constant type the format knows
    }
}

int pyc_dumps(obj_t *code, uint32_t flags, uint64_t source_id, uint64_t source_size, uint8_t **out,
              size_t *outlen) {
    *out = NULL;
    *outlen = 0;
    if (!CODE_CHECK(code)) return -1;
    obj_t *exc = err_occurred() ? err_fetch() : NULL;
    writer_t w;
    memset(&w, 0, sizeof w);
    w.strings[0] = dict_new();
    w.strings[1] = dict_new();
    w.name_tuples = dict_new();
    if (w.strings[0] == NULL || w.strings[1] == NULL || w.name_tuples == NULL) w.failed = true;
    w_reserve(&w, PYC_HEADER_SIZE);
    if (!w.failed) w.len = PYC_HEADER_SIZE;
    w_object(&w, code, 0);
    XDECREF(w.strings[0]);
    XDECREF(w.strings[1]);
    XDECREF(w.name_tuples);
    if (err_occurred()) err_clear();
    if (exc) err_restore(exc);
    if (w.failed) {
        free(w.buf);
        return -1;
    }
    uint8_t *h = w.buf;
    memcpy(h, pyc_magic, 8);
    wr_u32(h + 8, PVM_BYTECODE_VERSION);
    wr_u32(h + 12, flags);
    wr_u64(h + 16, pyc_build_fingerprint());
    wr_u64(h + 24, source_id);
    wr_u64(h + 32, source_size);
    wr_u64(h + 40, w.len - PYC_HEADER_SIZE);
    wr_u64(h + 48, pyc_payload_checksum(h + PYC_HEADER_SIZE, w.len - PYC_HEADER_SIZE));
    *out = w.buf;
    *outlen = w.len;
    return 0;
}

// ---- the reader ------------------------------------------------------------------------------

typedef struct {
    const uint8_t *p, *end;
    obj_t **strings; // the string table: new references
    size_t nstrings, capstrings;
    obj_t **tuples; // the name-tuple table: new references
    size_t ntuples, captuples;
    obj_t *filename; // replaces every co_filename when not NULL (borrowed)
    int options;
} reader_t;

static inline size_t r_left(reader_t *r) {
    return (size_t)(r->end - r->p);
}

static int r_u8(reader_t *r, uint8_t *out) {
    if (r->p >= r->end) return -1;
    *out = *r->p++;
    return 0;
}

static int r_uvarint(reader_t *r, uint64_t *out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) return -1;
        uint8_t c = *r->p++;
        if (shift == 63 && c > 1) return -1; // more than 64 bits
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

static int r_svarint(reader_t *r, int64_t *out) {
    uint64_t u;
    if (r_uvarint(r, &u) < 0) return -1;
    *out = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
    return 0;
}

// A count that must fit in an int and stay below PYC_MAX_COUNT.
static int r_count(reader_t *r, int *out) {
    uint64_t v;
    if (r_uvarint(r, &v) < 0 || v > PYC_MAX_COUNT) return -1;
    *out = (int)v;
    return 0;
}

// A length of items that each take at least `unit` bytes: it must fit in
// what remains.
static int r_length(reader_t *r, size_t unit, size_t *out) {
    uint64_t v;
    if (r_uvarint(r, &v) < 0) return -1;
    if (v > r_left(r) / unit) return -1;
    *out = (size_t)v;
    return 0;
}

// UTF-8 as str stores it: well-formed sequences of 1..4 bytes, no overlong
// forms, nothing above U+10FFFF; surrogates (ED A0..BF xx) are allowed
// because "\ud800" literals are stored that way.
static bool wtf8_valid(const uint8_t *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t word;
            memcpy(&word, s + i, 8);
            if ((word & UINT64_C(0x8080808080808080)) == 0) {
                i += 8;
                continue;
            }
        }
        uint8_t c = s[i];
        if (c < 0x80) {
            i++;
        } else if (c < 0xc2) {
            return false;
        } else if (c < 0xe0) {
            if (i + 1 >= n || (s[i + 1] & 0xc0) != 0x80) return false;
            i += 2;
        } else if (c < 0xf0) {
            if (i + 2 >= n || (s[i + 1] & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80) return false;
            if (c == 0xe0 && s[i + 1] < 0xa0) return false;
            i += 3;
        } else if (c < 0xf5) {
            if (i + 3 >= n || (s[i + 1] & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80 ||
                (s[i + 3] & 0xc0) != 0x80)
                return false;
            if ((c == 0xf0 && s[i + 1] < 0x90) || (c == 0xf4 && s[i + 1] >= 0x90)) return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

static int r_add_string(reader_t *r, obj_t *s) {
    if (r->nstrings == r->capstrings) {
        size_t cap = r->capstrings ? r->capstrings * 2 : 64;
        obj_t **n = realloc(r->strings, cap * sizeof(obj_t *));
        if (n == NULL) return -1;
        r->strings = n;
        r->capstrings = cap;
    }
    r->strings[r->nstrings++] = NEWREF(s);
    return 0;
}

// After tag 's' / 'n': the text; returns a new reference.
static obj_t *r_str_body(reader_t *r, bool intern) {
    size_t n;
    if (r_length(r, 1, &n) < 0 || !wtf8_valid(r->p, n)) return NULL;
    intern = intern && !(r->options & PYC_LOAD_NO_INTERN);
    obj_t *s;
    char buf[128];
    if (intern && n < sizeof buf && memchr(r->p, 0, n) == NULL) {
        // Identifiers: look the intern table up without a temporary str.
        memcpy(buf, r->p, n);
        buf[n] = '\0';
        r->p += n;
        s = str_intern(buf); // immortal
        if (r_add_string(r, s) < 0) return NULL;
        return s;
    }
    s = str_from_utf8_trusted((const char *)r->p, n);
    r->p += n;
    if (s == NULL) return NULL;
    if (intern) {
        obj_t *i = str_intern_obj(s); // borrowed, immortal
        DECREF(s);
        s = NEWREF(i);
    }
    if (r_add_string(r, s) < 0) {
        DECREF(s);
        return NULL;
    }
    return s;
}

static obj_t *r_object(reader_t *r, int depth);

// A str in any of its encodings ('s', 'n', 'r'); NULL for anything else.
static obj_t *r_str(reader_t *r) {
    uint8_t tag;
    if (r_u8(r, &tag) < 0) return NULL;
    if (tag == 's' || tag == 'n') return r_str_body(r, tag == 'n');
    if (tag == 'r') {
        uint64_t i;
        if (r_uvarint(r, &i) < 0 || i >= r->nstrings) return NULL;
        return NEWREF(r->strings[i]);
    }
    return NULL;
}

static obj_t *r_tuple_body(reader_t *r, int depth) {
    size_t n;
    if (r_length(r, 1, &n) < 0) return NULL;
    obj_t *t = tuple_new(n);
    if (t == NULL) return NULL;
    for (size_t i = 0; i < n; i++) {
        obj_t *v = r_object(r, depth + 1);
        if (v == NULL) {
            for (size_t k = i; k < n; k++)
                TUPLE_SET(t, k, NEWREF(None)); // keep the tuple well-formed for DECREF
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, i, v);
    }
    return t;
}

// A tuple of str: '(' or 'T' (a numbered tuple of interned strings)
// followed by the items, or 't' and the number of an earlier 'T' tuple.
static obj_t *r_str_tuple(reader_t *r) {
    uint8_t tag;
    size_t n;
    if (r_u8(r, &tag) < 0) return NULL;
    if (tag == 't') {
        uint64_t i;
        if (r_uvarint(r, &i) < 0 || i >= r->ntuples) return NULL;
        return NEWREF(r->tuples[i]);
    }
    if ((tag != '(' && tag != 'T') || r_length(r, 1, &n) < 0) return NULL;
    obj_t *t = tuple_new(n);
    if (t == NULL) return NULL;
    for (size_t i = 0; i < n; i++) {
        obj_t *s = r_str(r);
        if (s == NULL) {
            for (size_t k = i; k < n; k++)
                TUPLE_SET(t, k, NEWREF(None));
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, i, s);
    }
    if (tag == 'T') {
        if (r->ntuples == r->captuples) {
            size_t cap = r->captuples ? r->captuples * 2 : 32;
            obj_t **nt = realloc(r->tuples, cap * sizeof(obj_t *));
            if (nt == NULL) {
                DECREF(t);
                return NULL;
            }
            r->tuples = nt;
            r->captuples = cap;
        }
        r->tuples[r->ntuples++] = NEWREF(t);
    }
    return t;
}

static obj_t *r_big_int(reader_t *r) {
    uint8_t sign;
    size_t n;
    if (r_u8(r, &sign) < 0 || sign > 1 || r_length(r, 1, &n) < 0) return NULL;
    mpz_t z;
    mpz_init(z);
    if (n > 0) mpz_import(z, n, -1, 1, 0, 0, r->p);
    r->p += n;
    if (sign) mpz_neg(z, z);
    obj_t *v = int_from_mpz(z);
    mpz_clear(z);
    return v;
}

static obj_t *r_code(reader_t *r, int depth);

static obj_t *r_object(reader_t *r, int depth) {
    if (depth > PYC_MAX_DEPTH) return NULL;
    uint8_t tag;
    if (r_u8(r, &tag) < 0) return NULL;
    switch (tag) {
    case 'N': return NEWREF(None);
    case 'T': return NEWREF(True);
    case 'F': return NEWREF(False);
    case '.': return NEWREF(Ellipsis);
    case 'i': {
        int64_t v;
        if (r_svarint(r, &v) < 0) return NULL;
        return int_from_i64(v);
    }
    case 'I': return r_big_int(r);
    case 'f': {
        if (r_left(r) < 8) return NULL;
        uint64_t bits = rd_u64(r->p);
        r->p += 8;
        double d;
        memcpy(&d, &bits, 8);
        return float_from_double(d);
    }
    case 'x': {
        if (r_left(r) < 16) return NULL;
        uint64_t bits[2] = {rd_u64(r->p), rd_u64(r->p + 8)};
        r->p += 16;
        double re, im;
        memcpy(&re, &bits[0], 8);
        memcpy(&im, &bits[1], 8);
        return complex_from_doubles(re, im);
    }
    case 's':
    case 'n': return r_str_body(r, tag == 'n');
    case 'r': {
        uint64_t i;
        if (r_uvarint(r, &i) < 0 || i >= r->nstrings) return NULL;
        return NEWREF(r->strings[i]);
    }
    case 'b': {
        size_t n;
        if (r_length(r, 1, &n) < 0) return NULL;
        obj_t *b = bytes_from(r->p, n);
        r->p += n;
        return b;
    }
    case '(': return r_tuple_body(r, depth);
    case 'z': {
        obj_t *t = r_tuple_body(r, depth);
        if (t == NULL) return NULL;
        obj_t *s = frozenset_new(t);
        DECREF(t);
        return s;
    }
    case 'c': return r_code(r, depth);
    default: return NULL;
    }
}

static obj_t *r_code(reader_t *r, int depth) {
    int argcount, posonly, kwonly, nparams, nlocals, nregs, flags, ncells;
    int64_t firstlineno;
    size_t ninsns, ltlen, nexc;
    if (r_count(r, &argcount) < 0 || r_count(r, &posonly) < 0 || r_count(r, &kwonly) < 0 ||
        r_count(r, &nparams) < 0 || r_count(r, &nlocals) < 0 || r_count(r, &nregs) < 0 ||
        r_count(r, &flags) < 0 || r_svarint(r, &firstlineno) < 0 || firstlineno < -(1 << 30) ||
        firstlineno > (1 << 30) || r_length(r, 4, &ninsns) < 0)
        return NULL;
    code_t *co = code_new();
    if (co == NULL) return NULL;
    co->argcount = argcount;
    co->posonlyargcount = posonly;
    co->kwonlyargcount = kwonly;
    co->nparams = nparams;
    co->nlocals = nlocals;
    co->nregs = nregs;
    co->flags = flags;
    co->firstlineno = (int)firstlineno;
    co->ninsns = ninsns;
    co->insns = malloc(ninsns ? ninsns * 4 : 4);
    if (co->insns == NULL) goto fail;
    for (size_t i = 0; i < ninsns; i++)
        co->insns[i] = rd_u32(r->p + 4 * i);
    r->p += 4 * ninsns;
    co->consts = r_object(r, depth + 1);
    if (co->consts == NULL || !OBJ_IS_TYPE(co->consts, &tuple_type)) goto fail;
    if ((co->names = r_str_tuple(r)) == NULL || (co->varnames = r_str_tuple(r)) == NULL ||
        (co->cellvars = r_str_tuple(r)) == NULL || (co->freevars = r_str_tuple(r)) == NULL)
        goto fail;
    if ((co->filename = r_str(r)) == NULL || (co->name = r_str(r)) == NULL ||
        (co->qualname = r_str(r)) == NULL)
        goto fail;
    if (r->filename != NULL) SETREF(co->filename, NEWREF(r->filename));
    if (r_count(r, &ncells) < 0 || (size_t)ncells > r_left(r)) goto fail;
    co->ncells = ncells;
    if (ncells > 0 && (co->cell_regs = malloc((size_t)ncells * sizeof(int))) == NULL)
        goto fail; // (NULL without cells, as the compiler leaves it)
    for (int i = 0; i < ncells; i++)
        if (r_count(r, &co->cell_regs[i]) < 0) goto fail;
    co->nfree = (int)TUPLE_SIZE(co->freevars);
    if (r_length(r, 1, &ltlen) < 0) goto fail;
    // Never NULL, as the compiler's (code_addr2loc does pointer arithmetic on it).
    co->linetable = malloc(ltlen ? ltlen : 1);
    if (co->linetable == NULL) goto fail;
    memcpy(co->linetable, r->p, ltlen);
    r->p += ltlen;
    co->linetable_len = ltlen;
    if (r_length(r, 4, &nexc) < 0) // 4 varints of >= 1 byte each
        goto fail;
    if (nexc) {
        co->exctable = malloc(nexc * sizeof(exc_entry_t));
        if (co->exctable == NULL) goto fail;
        co->nexc = nexc;
        for (size_t i = 0; i < nexc; i++) {
            uint64_t v[4];
            for (int k = 0; k < 4; k++)
                if (r_uvarint(r, &v[k]) < 0 || v[k] > UINT32_MAX) goto fail;
            co->exctable[i] =
                (exc_entry_t){(uint32_t)v[0], (uint32_t)v[1], (uint32_t)v[2], (uint32_t)v[3]};
        }
    }
    if (!pyc_validate_code(co)) goto fail;
    stress_code_patch(co);
    return (obj_t *)co;
fail:
    DECREF((obj_t *)co);
    return NULL;
}

obj_t *pyc_loads_payload(const uint8_t *data, size_t len, obj_t *filename, int options) {
    obj_t *saved = err_occurred() ? err_fetch() : NULL;
    reader_t r = {.p = data, .end = data + len, .filename = filename, .options = options};
    obj_t *code = NULL;
    uint8_t tag;
    // The payload is exactly one code object and nothing after it.
    if (len > 0 && data[0] == 'c' && r_u8(&r, &tag) == 0) {
        code = r_code(&r, 0);
        // The payload is run as a module body (eval_code): not a generator.
        if (code != NULL && (r.p != r.end || (((code_t *)code)->flags & CO_GENERATOR))) CLEAR(code);
    }
    for (size_t i = 0; i < r.nstrings; i++)
        DECREF(r.strings[i]);
    free(r.strings);
    for (size_t i = 0; i < r.ntuples; i++)
        DECREF(r.tuples[i]);
    free(r.tuples);
    if (err_occurred()) err_clear();
    if (saved) err_restore(saved);
    return code;
}

int pyc_check_header(const uint8_t *data, size_t len, pyc_header_t *hdr) {
    if (len < PYC_HEADER_SIZE || memcmp(data, pyc_magic, 8) != 0) return -1;
    hdr->version = rd_u32(data + 8);
    hdr->flags = rd_u32(data + 12);
    hdr->build = rd_u64(data + 16);
    hdr->source_id = rd_u64(data + 24);
    hdr->source_size = rd_u64(data + 32);
    hdr->payload_len = rd_u64(data + 40);
    hdr->checksum = rd_u64(data + 48);
    if (hdr->version != PVM_BYTECODE_VERSION || (hdr->flags & ~(uint32_t)PYC_FLAGS_KNOWN) ||
        ((hdr->flags & PYC_FLAG_CHECK_SOURCE) && !(hdr->flags & PYC_FLAG_HASH)) ||
        hdr->build != pyc_build_fingerprint() || hdr->payload_len != len - PYC_HEADER_SIZE ||
        hdr->checksum != pyc_payload_checksum(data + PYC_HEADER_SIZE, len - PYC_HEADER_SIZE))
        return -1;
    return 0;
}

obj_t *pyc_loads(const uint8_t *data, size_t len, obj_t *filename, int options) {
    pyc_header_t hdr;
    if (pyc_check_header(data, len, &hdr) < 0) return NULL;
    return pyc_loads_payload(data + PYC_HEADER_SIZE, len - PYC_HEADER_SIZE, filename, options);
}

// ---- files -----------------------------------------------------------------------------------

// Reads the whole regular file open on fd (at most `max` bytes) into a
// malloc'ed buffer; NULL with errno set on failure.  Detached while reading.
static uint8_t *read_fd(int fd, size_t max, size_t *len) {
    struct stat st;
    if (fstat(fd, &st) < 0) return NULL;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        return NULL;
    }
    if ((uint64_t)st.st_size > max) {
        errno = EFBIG;
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    uint8_t *buf = malloc(cap);
    if (buf == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    for (;;) {
        if (n == cap) { // the file grew while we read it
            if (cap > max) {
                free(buf);
                errno = EFBIG;
                return NULL;
            }
            uint8_t *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(buf);
            errno = e;
            return NULL;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    *len = n;
    return buf;
}

// A cache file's bytes.  Large images live in an anonymous mapping
// populated up front: on machines where page faults are costly that is much
// cheaper than faulting a fresh heap buffer in page by page, and warm
// imports are dominated by fresh memory.  (The file itself is not mapped: a
// file truncated by someone else while mapped would raise SIGBUS.)
typedef struct {
    uint8_t *data;
    size_t len;
    size_t maplen; // > 0: data is an mmap of maplen bytes
} image_t;

#define IMAGE_MAP_MIN ((size_t)64 << 10)

static void image_free(image_t *img) {
    if (img->maplen)
        munmap(img->data, img->maplen);
    else
        free(img->data);
    img->data = NULL;
}

// Reads the regular file open on fd into *img; -1 with errno on failure.
// The file is expected not to change while it is read (caches are replaced
// by rename, never rewritten in place); a file that grows is rejected.
static int image_read_fd(int fd, image_t *img) {
    struct stat st;
    memset(img, 0, sizeof *img);
    if (fstat(fd, &st) < 0) return -1;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        return -1;
    }
    if ((uint64_t)st.st_size > PYC_MAX_FILE) {
        errno = EFBIG;
        return -1;
    }
    size_t cap = (size_t)st.st_size + 1; // +1: a read that fills it means the file grew
    if (cap >= IMAGE_MAP_MIN) {
        void *m = mmap(NULL, cap, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (m != MAP_FAILED) {
            img->data = m;
            img->maplen = cap;
        }
    }
    if (img->data == NULL && (img->data = malloc(cap)) == NULL) {
        errno = ENOMEM;
        return -1;
    }
    size_t n = 0;
    while (n < cap) {
        ssize_t r = read(fd, img->data + n, cap - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            image_free(img);
            errno = e;
            return -1;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    if (n == cap) {
        image_free(img);
        errno = EAGAIN;
        return -1;
    }
    img->len = n;
    return 0;
}

// Reads a cache file; -1 (no exception) if it is missing or unreadable.
static int read_cache_file(const char *path, image_t *img) {
    memset(img, 0, sizeof *img);
    thread_block_begin();
    int rc = -1, fd;
    do {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd >= 0) {
        rc = image_read_fd(fd, img);
        close(fd);
    }
    thread_block_end();
    return rc;
}

static uint64_t stat_mtime_ns(const struct stat *st) {
    return (uint64_t)st->st_mtim.tv_sec * UINT64_C(1000000000) + (uint64_t)st->st_mtim.tv_nsec;
}

obj_t *pyc_read(const char *path, uint64_t source_mtime_ns, uint64_t source_size) {
    image_t img;
    if (read_cache_file(path, &img) < 0) return NULL;
    pyc_header_t hdr;
    obj_t *code = NULL;
    if (pyc_check_header(img.data, img.len, &hdr) == 0 && !(hdr.flags & PYC_FLAG_HASH) &&
        hdr.source_id == source_mtime_ns && hdr.source_size == source_size)
        code = pyc_loads_payload(img.data + PYC_HEADER_SIZE, img.len - PYC_HEADER_SIZE, NULL, 0);
    image_free(&img);
    return code;
}

static _Atomic unsigned long tmp_counter;

// Writes an image atomically; -1 on any failure (nothing left behind).
static int write_atomic(const char *path, const uint8_t *data, size_t len, mode_t mode) {
    // mkdir the __pycache__ folder if needed.
    const char *slash = strrchr(path, '/');
    if (slash != NULL && slash != path) {
        size_t dlen = (size_t)(slash - path);
        char *dir = malloc(dlen + 1);
        if (dir == NULL) return -1;
        memcpy(dir, path, dlen);
        dir[dlen] = '\0';
        int rc = pyc_make_dirs(dir);
        free(dir);
        if (rc < 0) return -1;
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 64);
    if (tmp == NULL) return -1;
    unsigned long n = atomic_fetch_add(&tmp_counter, 1);
    snprintf(tmp, plen + 64, "%s.%ld.%lu.tmp", path, (long)getpid(), n);
    int fd;
    do {
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            break;
        }
        off += (size_t)w;
    }
    int rc = -1;
    if (close(fd) == 0 && off == len && rename(tmp, path) == 0) rc = 0;
    if (rc < 0) unlink(tmp);
    free(tmp);
    return rc;
}

static int write_image(obj_t *code, const char *path, uint32_t flags, uint64_t id, uint64_t size,
                       mode_t mode) {
    uint8_t *img;
    size_t len;
    if (pyc_dumps(code, flags, id, size, &img, &len) < 0) return -1;
    thread_block_begin();
    int rc = write_atomic(path, img, len, mode);
    thread_block_end();
    free(img);
    return rc;
}

int pyc_write(obj_t *code, const char *path, uint64_t source_mtime_ns, uint64_t source_size) {
    return write_image(code, path, 0, source_mtime_ns, source_size, 0666);
}

// Opens and reads a source file; NULL + OSError on failure.  *st receives
// the stat taken before reading (so a later edit changes the mtime).
static char *read_source(const char *path, size_t *len, struct stat *st) {
    thread_block_begin();
    int fd;
    do {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    int e = errno;
    uint8_t *buf = NULL;
    if (fd >= 0) {
        if (fstat(fd, st) == 0) buf = read_fd(fd, (size_t)1 << 40, len);
        e = errno;
        close(fd);
    }
    thread_block_end();
    if (buf == NULL) {
        err_from_errno(e, path);
        return NULL;
    }
    buf[*len] = '\0'; // read_fd leaves room for it
    return (char *)buf;
}

// sys.dont_write_bytecode (the CLI copies -B / PYTHONDONTWRITEBYTECODE into
// it; a program may also set it).
static bool dont_write_bytecode(void) {
    if (pvm_rt.dont_write_bytecode) return true;
    obj_t *v = sysmodule_get("dont_write_bytecode");
    if (v == NULL) return false;
    int t = obj_is_true(v);
    DECREF(v);
    if (t < 0) {
        err_clear();
        return false;
    }
    return t != 0;
}

obj_t *pyc_compile_cached(const char *path, bool write_cache, char **cache_path_out) {
    if (cache_path_out) *cache_path_out = NULL;
    char *cpath = pyc_cache_path(path);
    if (cpath == NULL) return err_no_memory();
    obj_t *filename = str_from_cstr(path);
    if (filename == NULL) {
        free(cpath);
        return NULL;
    }
    obj_t *code = NULL;
    char *src = NULL;
    size_t srclen = 0;
    struct stat st;
    uint32_t flags = 0;

    thread_block_begin();
    int have_stat = stat(path, &st) == 0;
    thread_block_end();
    if (have_stat) {
        image_t img;
        pyc_header_t hdr;
        if (read_cache_file(cpath, &img) == 0 && pyc_check_header(img.data, img.len, &hdr) == 0) {
            bool match;
            if (hdr.flags & PYC_FLAG_HASH) {
                flags = hdr.flags; // a rewrite keeps the invalidation mode
                match = true;
                if (hdr.flags & PYC_FLAG_CHECK_SOURCE) {
                    src = read_source(path, &srclen, &st);
                    if (src == NULL) {
                        image_free(&img);
                        goto done;
                    }
                    match =
                        hdr.source_size == srclen && hdr.source_id == pyc_source_hash(src, srclen);
                }
            } else {
                match =
                    hdr.source_id == stat_mtime_ns(&st) && hdr.source_size == (uint64_t)st.st_size;
            }
            if (match)
                code = pyc_loads_payload(img.data + PYC_HEADER_SIZE, img.len - PYC_HEADER_SIZE,
                                         filename, 0);
        }
        if (img.data != NULL) image_free(&img);
    }
    if (code != NULL) goto done;
    if (src == NULL && (src = read_source(path, &srclen, &st)) == NULL) goto done;
    code = compile_source(src, srclen, path, "exec");
    if (code == NULL || !write_cache || dont_write_bytecode()) goto done;
    {
        // Do not cache a source that changed while we compiled it.
        struct stat st2;
        thread_block_begin();
        int same = stat(path, &st2) == 0 && stat_mtime_ns(&st2) == stat_mtime_ns(&st) &&
                   st2.st_size == st.st_size && (uint64_t)st.st_size == srclen;
        thread_block_end();
        if (same) {
            mode_t mode = (st.st_mode | 0200) & 0666;
            if (flags & PYC_FLAG_HASH)
                write_image(code, cpath, flags, pyc_source_hash(src, srclen), srclen, mode);
            else
                write_image(code, cpath, 0, stat_mtime_ns(&st), srclen, mode);
        }
    }
done:
    free(src);
    DECREF(filename);
    if (code != NULL && cache_path_out)
        *cache_path_out = cpath;
    else
        free(cpath);
    return code;
}

bool pyc_is_cache_file(const char *path) {
    uint8_t head[8];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    return n == (ssize_t)sizeof head && memcmp(head, pyc_magic, 3) == 0;
}

obj_t *pyc_load_file(const char *path, obj_t *filename) {
    image_t img;
    thread_block_begin();
    int rc = -1, fd = open(path, O_RDONLY | O_CLOEXEC);
    int e = errno;
    if (fd >= 0) {
        rc = image_read_fd(fd, &img);
        e = errno;
        close(fd);
    }
    thread_block_end();
    if (rc < 0) return err_from_errno(e, path);
    const uint8_t *buf = img.data;
    size_t len = img.len;
    obj_t *code = NULL;
    if (len < 8 || memcmp(buf, pyc_magic, 3) != 0) {
        err_format(exc_RuntimeError, "Bad magic number in .pyc file");
    } else if (buf[3] != PVM_BYTECODE_VERSION) {
        err_format(exc_RuntimeError, "%s: bytecode format version %d, this pvm reads version %d",
                   path, buf[3], PVM_BYTECODE_VERSION);
    } else {
        pyc_header_t hdr;
        if (pyc_check_header(buf, len, &hdr) < 0) {
            if (len >= PYC_HEADER_SIZE && rd_u64(buf + 16) != pyc_build_fingerprint())
                err_format(exc_RuntimeError, "%s: bytecode cache written by a different pvm build",
                           path);
            else
                err_format(exc_RuntimeError, "%s: corrupt bytecode cache file", path);
        } else {
            code = pyc_loads_payload(buf + PYC_HEADER_SIZE, len - PYC_HEADER_SIZE, filename, 0);
            if (code == NULL) err_format(exc_RuntimeError, "%s: invalid bytecode cache file", path);
        }
    }
    image_free(&img);
    return code;
}

// ---- pvm --compile ---------------------------------------------------------------------------

typedef struct {
    pyc_mode_t mode;
    bool quiet;
    int status;
} compile_ctx_t;

static void compile_one(compile_ctx_t *cx, const char *path) {
    size_t len;
    struct stat st;
    char *src = read_source(path, &len, &st);
    if (src == NULL) {
        err_print();
        cx->status = 1;
        return;
    }
    if (!cx->quiet) printf("Compiling '%s'...\n", path);
    obj_t *code = compile_source(src, len, path, "exec");
    if (code == NULL) {
        fflush(stdout);
        err_print();
        cx->status = 1;
        free(src);
        return;
    }
    char *cpath = pyc_cache_path(path);
    uint32_t flags = 0;
    uint64_t id = stat_mtime_ns(&st);
    if (cx->mode != PYC_MODE_TIMESTAMP) {
        flags = PYC_FLAG_HASH | (cx->mode == PYC_MODE_CHECKED_HASH ? PYC_FLAG_CHECK_SOURCE : 0);
        id = pyc_source_hash(src, len);
    }
    if (cpath == NULL || write_image(code, cpath, flags, id, len, (st.st_mode | 0200) & 0666) < 0) {
        fprintf(stderr, "pvm: cannot write the bytecode cache of '%s'%s%s\n", path,
                cpath ? " to " : "", cpath ? cpath : "");
        cx->status = 1;
    }
    free(cpath);
    DECREF(code);
    free(src);
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void compile_tree(compile_ctx_t *cx, const char *path, int depth) {
    struct stat st;
    if (stat(path, &st) < 0) {
        fprintf(stderr, "pvm: can't compile '%s': [Errno %d] %s\n", path, errno, strerror(errno));
        cx->status = 1;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        compile_one(cx, path);
        return;
    }
    if (depth > 64) return;
    DIR *d = opendir(path);
    if (d == NULL) {
        fprintf(stderr, "pvm: can't list '%s': [Errno %d] %s\n", path, errno, strerror(errno));
        cx->status = 1;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "__pycache__") == 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof(char *));
            if (nn == NULL) break;
            names = nn;
        }
        names[n] = strdup(e->d_name);
        if (names[n] != NULL) n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof(char *), cmp_names);
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(path), nlen = strlen(names[i]);
        char *child = malloc(plen + nlen + 2);
        if (child != NULL) {
            snprintf(child, plen + nlen + 2, "%s%s%s", path,
                     plen && path[plen - 1] == '/' ? "" : "/", names[i]);
            struct stat cst;
            if (lstat(child, &cst) == 0) {
                if (S_ISDIR(cst.st_mode))
                    compile_tree(cx, child, depth + 1); // symlinked folders are not followed
                else if (S_ISREG(cst.st_mode) && nlen > 3 &&
                         strcmp(names[i] + nlen - 3, ".py") == 0)
                    compile_one(cx, child);
            }
            free(child);
        }
        free(names[i]);
    }
    free(names);
}

int pyc_compile_paths(char *const *paths, int n, pyc_mode_t mode, bool quiet) {
    compile_ctx_t cx = {.mode = mode, .quiet = quiet, .status = 0};
    for (int i = 0; i < n; i++)
        compile_tree(&cx, paths[i], 0);
    fflush(stdout);
    return cx.status;
}
