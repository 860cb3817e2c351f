/*
 * modules/blake2.c — the `_blake2` module: blake2b and blake2s (RFC 7693)
 * with every parameter of CPython 3.11's constructors (digest_size, key,
 * salt, person, fanout, depth, leaf_size, node_offset, node_depth,
 * inner_size, last_node), written here: hashlib.py takes blake2 only from
 * _blake2 (never from OpenSSL), and without it `import hashlib` logs an
 * error through the logging module.
 *
 * Both variants come from one template (BLAKE2_DEFINE) over the word type,
 * block size, round count and rotations.  Concurrency: an object's state
 * (chaining value, counter, pending block) changes only inside its critical
 * section; input is read through a buffer export taken before it.
 */
#include <gmp.h>
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
#include "../objects/type.h"
#include "../threads/critical.h"

static const uint8_t sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

static const uint64_t iv_b[8] = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull};
static const uint32_t iv_s[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                 0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};

// One variant: state struct NAME##_state_t and compress/update/final.
#define BLAKE2_DEFINE(NAME, WORD, BB, NR, R1, R2, R3, R4, IV)                                      \
    typedef struct {                                                                               \
        WORD h[8];                                                                                 \
        WORD t[2];                                                                                 \
        WORD f[2];                                                                                 \
        uint8_t buf[BB];                                                                           \
        size_t buflen;                                                                             \
        size_t outlen;                                                                             \
        bool last_node;                                                                            \
    } NAME##_state_t;                                                                              \
    static WORD NAME##_load(const uint8_t *p) {                                                    \
        WORD w = 0;                                                                                \
        for (size_t i = 0; i < sizeof(WORD); i++)                                                  \
            w |= (WORD)p[i] << (8 * i);                                                            \
        return w;                                                                                  \
    }                                                                                              \
    static WORD NAME##_rotr(WORD x, int n) {                                                       \
        return (WORD)((x >> n) | (x << (8 * sizeof(WORD) - n)));                                   \
    }                                                                                              \
    static void NAME##_compress(NAME##_state_t *S, const uint8_t *block) {                         \
        WORD m[16], v[16];                                                                         \
        for (int i = 0; i < 16; i++)                                                               \
            m[i] = NAME##_load(block + i * sizeof(WORD));                                          \
        for (int i = 0; i < 8; i++) {                                                              \
            v[i] = S->h[i];                                                                        \
            v[i + 8] = (WORD)IV[i];                                                                \
        }                                                                                          \
        v[12] ^= S->t[0];                                                                          \
        v[13] ^= S->t[1];                                                                          \
        v[14] ^= S->f[0];                                                                          \
        v[15] ^= S->f[1];                                                                          \
        for (int r = 0; r < NR; r++) {                                                             \
            const uint8_t *s = sigma[r];                                                           \
            static const int idx[8][4] = {{0, 4, 8, 12},  {1, 5, 9, 13},  {2, 6, 10, 14},          \
                                          {3, 7, 11, 15}, {0, 5, 10, 15}, {1, 6, 11, 12},          \
                                          {2, 7, 8, 13},  {3, 4, 9, 14}};                          \
            for (int g = 0; g < 8; g++) {                                                          \
                int a = idx[g][0], b = idx[g][1], c = idx[g][2], d = idx[g][3];                    \
                v[a] = v[a] + v[b] + m[s[2 * g]];                                                  \
                v[d] = NAME##_rotr(v[d] ^ v[a], R1);                                               \
                v[c] = v[c] + v[d];                                                                \
                v[b] = NAME##_rotr(v[b] ^ v[c], R2);                                               \
                v[a] = v[a] + v[b] + m[s[2 * g + 1]];                                              \
                v[d] = NAME##_rotr(v[d] ^ v[a], R3);                                               \
                v[c] = v[c] + v[d];                                                                \
                v[b] = NAME##_rotr(v[b] ^ v[c], R4);                                               \
            }                                                                                      \
        }                                                                                          \
        for (int i = 0; i < 8; i++)                                                                \
            S->h[i] ^= v[i] ^ v[i + 8];                                                            \
    }                                                                                              \
    static void NAME##_inc(NAME##_state_t *S, WORD n) {                                            \
        S->t[0] += n;                                                                              \
        if (S->t[0] < n) S->t[1]++;                                                                \
    }                                                                                              \
    static void NAME##_update(NAME##_state_t *S, const uint8_t *in, size_t n) {                    \
        while (n > 0) {                                                                            \
            if (S->buflen == BB) {                                                                 \
                NAME##_inc(S, BB);                                                                 \
                NAME##_compress(S, S->buf);                                                        \
                S->buflen = 0;                                                                     \
            }                                                                                      \
            size_t take = BB - S->buflen < n ? BB - S->buflen : n;                                 \
            memcpy(S->buf + S->buflen, in, take);                                                  \
            S->buflen += take;                                                                     \
            in += take;                                                                            \
            n -= take;                                                                             \
        }                                                                                          \
    }                                                                                              \
    static void NAME##_final(const NAME##_state_t *S0, uint8_t *out) {                             \
        NAME##_state_t S = *S0;                                                                    \
        NAME##_inc(&S, (WORD)S.buflen);                                                            \
        S.f[0] = (WORD) ~(WORD)0;                                                                  \
        if (S.last_node) S.f[1] = (WORD) ~(WORD)0;                                                 \
        memset(S.buf + S.buflen, 0, BB - S.buflen);                                                \
        NAME##_compress(&S, S.buf);                                                                \
        uint8_t full[8 * sizeof(WORD)];                                                            \
        for (int i = 0; i < 8; i++)                                                                \
            for (size_t k = 0; k < sizeof(WORD); k++)                                              \
                full[i * sizeof(WORD) + k] = (uint8_t)(S.h[i] >> (8 * k));                         \
        memcpy(out, full, S.outlen);                                                               \
    }

BLAKE2_DEFINE(b2b, uint64_t, 128, 12, 32, 24, 16, 63, iv_b)
BLAKE2_DEFINE(b2s, uint32_t, 64, 10, 16, 12, 8, 7, iv_s)

// ---- the Python objects ------------------------------------------------------------------

typedef struct {
    obj_t ob;
    bool is_b;
    union {
        b2b_state_t b;
        b2s_state_t s;
    } st; // section
} blake_t;

static type_t blake2b_type, blake2s_type;

typedef struct {
    const char *name;
    size_t max_digest, salt, person, max_key, block;
} variant_t;

static const variant_t vb = {"blake2b", 64, 16, 16, 64, 128};
static const variant_t vs = {"blake2s", 32, 8, 8, 32, 64};

static int bytes_param(obj_t *v, obj_t **out) {
    *out = NULL;
    if (!v) return 0;
    *out = buffer_as_bytes(v);
    return *out ? 0 : -1;
}

static int int_param(obj_t *v, int64_t def, int64_t *out, bool *ovf) {
    *ovf = false;
    *out = def;
    if (!v) return 0;
    obj_t *i = obj_index(v);
    if (!i) return -1;
    if (int_as_i64(i, out) < 0) {
        err_clear();
        *ovf = true;
        *out = int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
    }
    DECREF(i);
    return 0;
}

// An unsigned parameter of up to `bits` bits: 1 fits, 0 too large, -2
// negative, -1 error.
static int uint_param(obj_t *v, int bits, uint64_t *out) {
    *out = 0;
    if (!v) return 1;
    obj_t *i = obj_index(v);
    if (!i) return -1;
    mpz_t z;
    mpz_init(z);
    int_to_mpz(i, z);
    DECREF(i);
    int rc = mpz_sgn(z) < 0 ? -2 : mpz_sizeinbase(z, 2) <= (size_t)bits ? 1 : 0;
    if (rc == 1) *out = (uint64_t)mpz_getlimbn(z, 0);
    mpz_clear(z);
    return rc;
}

static int do_update(blake_t *b, obj_t *data) {
    if (STR_CHECK(data)) {
        err_set_str(exc_TypeError, "Strings must be encoded before hashing");
        return -1;
    }
    if (!buffer_check(data)) {
        err_set_str(exc_TypeError, "object supporting the buffer API required");
        return -1;
    }
    buffer_t view;
    if (buffer_get(data, &view) < 0) return -1;
    BEGIN_CRITICAL_SECTION(b);
    if (b->is_b)
        b2b_update(&b->st.b, view.buf, view.len);
    else
        b2s_update(&b->st.s, view.buf, view.len);
    END_CRITICAL_SECTION();
    buffer_release(&view);
    return 0;
}

static obj_t *blake_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/data",
                                        "$digest_size",
                                        "$key",
                                        "$salt",
                                        "$person",
                                        "$fanout",
                                        "$depth",
                                        "$leaf_size",
                                        "$node_offset",
                                        "$node_depth",
                                        "$inner_size",
                                        "$last_node",
                                        "$usedforsecurity",
                                        NULL};
    bool is_b =
        type == &blake2b_type || obj_is_subclass((obj_t *)type, (obj_t *)&blake2b_type) == 1;
    const variant_t *V = is_b ? &vb : &vs;
    obj_t *a[13];
    if (args_parse(V->name, args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int64_t digest_size, fanout, depth, leaf, node_depth, inner;
    bool ovf[7];
    if (int_param(a[1], (int64_t)V->max_digest, &digest_size, &ovf[0]) < 0 ||
        int_param(a[5], 1, &fanout, &ovf[1]) < 0 || int_param(a[6], 1, &depth, &ovf[2]) < 0 ||
        int_param(a[7], 0, &leaf, &ovf[3]) < 0 || int_param(a[9], 0, &node_depth, &ovf[5]) < 0 ||
        int_param(a[10], 0, &inner, &ovf[6]) < 0)
        return NULL;
    if (digest_size < 1 || (uint64_t)digest_size > V->max_digest) {
        err_format(exc_ValueError, "digest_size must be between 1 and %zu bytes", V->max_digest);
        return NULL;
    }
    obj_t *key = NULL, *salt = NULL, *person = NULL;
    obj_t *r = NULL;
    if (bytes_param(a[2], &key) < 0 || bytes_param(a[3], &salt) < 0 ||
        bytes_param(a[4], &person) < 0)
        goto done;
    if (salt && bytes_len(salt) > V->salt) {
        err_format(exc_ValueError, "maximum salt length is %zu bytes", V->salt);
        goto done;
    }
    if (person && bytes_len(person) > V->person) {
        err_format(exc_ValueError, "maximum person length is %zu bytes", V->person);
        goto done;
    }
    if (fanout < 0 || fanout > 255) {
        err_set_str(exc_ValueError, "fanout must be between 0 and 255");
        goto done;
    }
    if (depth <= 0 || depth > 255) {
        err_set_str(exc_ValueError, "depth must be between 1 and 255");
        goto done;
    }
    if (ovf[3] || leaf < 0 || leaf > 0xffffffffll) {
        if (leaf < 0)
            err_set_str(exc_ValueError, "value must be positive");
        else
            err_set_str(exc_OverflowError, "leaf_size is too large");
        goto done;
    }
    uint64_t node_off;
    int orc = uint_param(a[8], is_b ? 64 : 48, &node_off);
    if (orc <= 0) {
        if (orc == -2)
            err_set_str(exc_OverflowError, "can't convert negative int to unsigned");
        else if (orc == 0)
            err_set_str(exc_OverflowError, "node_offset is too large");
        goto done;
    }
    if (node_depth < 0 || node_depth > 255) {
        err_set_str(exc_ValueError, "node_depth must be between 0 and 255");
        goto done;
    }
    if (inner < 0 || (uint64_t)inner > V->max_digest) {
        err_format(exc_ValueError, "inner_size must be between 0 and is %zu", V->max_digest);
        goto done;
    }
    if (key && bytes_len(key) > V->max_key) {
        err_format(exc_ValueError, "maximum key length is %zu bytes", V->max_key);
        goto done;
    }
    bool last_node = false;
    if (a[11]) {
        int t = obj_is_true(a[11]);
        if (t < 0) goto done;
        last_node = t;
    }
    blake_t *b = (blake_t *)obj_alloc(type, type->basicsize);
    if (!b) goto done;
    b->is_b = is_b;
    uint8_t P[64];
    memset(P, 0, sizeof P);
    size_t klen = key ? bytes_len(key) : 0;
    P[0] = (uint8_t)digest_size;
    P[1] = (uint8_t)klen;
    P[2] = (uint8_t)fanout;
    P[3] = (uint8_t)depth;
    for (int k = 0; k < 4; k++)
        P[4 + k] = (uint8_t)((uint64_t)leaf >> (8 * k));
    for (int k = 0; k < (is_b ? 8 : 6); k++)
        P[8 + k] = (uint8_t)(node_off >> (8 * k));
    P[is_b ? 16 : 14] = (uint8_t)node_depth;
    P[is_b ? 17 : 15] = (uint8_t)inner;
    if (salt) memcpy(P + (is_b ? 32 : 16), bytes_data(salt), bytes_len(salt));
    if (person) memcpy(P + (is_b ? 48 : 24), bytes_data(person), bytes_len(person));
    uint8_t kb[128];
    memset(kb, 0, sizeof kb);
    if (klen) memcpy(kb, bytes_data(key), klen);
    if (is_b) {
        for (int i = 0; i < 8; i++)
            b->st.b.h[i] = iv_b[i] ^ b2b_load(P + 8 * i);
        b->st.b.outlen = (size_t)digest_size;
        b->st.b.last_node = last_node;
        if (klen) b2b_update(&b->st.b, kb, 128);
    } else {
        for (int i = 0; i < 8; i++)
            b->st.s.h[i] = iv_s[i] ^ b2s_load(P + 4 * i);
        b->st.s.outlen = (size_t)digest_size;
        b->st.s.last_node = last_node;
        if (klen) b2s_update(&b->st.s, kb, 64);
    }
    if (a[0] && do_update(b, a[0]) < 0) {
        DECREF((obj_t *)b);
        goto done;
    }
    r = (obj_t *)b;
done:
    XDECREF(key);
    XDECREF(salt);
    XDECREF(person);
    return r;
}

static obj_t *bl_update(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("update", nargs, kwnames, 1, 1) < 0) return NULL;
    if (do_update((blake_t *)self, args[0]) < 0) return NULL;
    return NEWREF(None);
}

static size_t final_out(blake_t *b, uint8_t *out) {
    size_t n;
    BEGIN_CRITICAL_SECTION(b);
    if (b->is_b) {
        b2b_final(&b->st.b, out);
        n = b->st.b.outlen;
    } else {
        b2s_final(&b->st.s, out);
        n = b->st.s.outlen;
    }
    END_CRITICAL_SECTION();
    return n;
}

static obj_t *bl_digest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("digest", nargs, kwnames, 0, 0) < 0) return NULL;
    uint8_t out[64];
    size_t n = final_out((blake_t *)self, out);
    return bytes_from(out, n);
}

static obj_t *bl_hexdigest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("hexdigest", nargs, kwnames, 0, 0) < 0) return NULL;
    uint8_t out[64];
    size_t n = final_out((blake_t *)self, out);
    static const char hexd[] = "0123456789abcdef";
    char s[129];
    for (size_t i = 0; i < n; i++) {
        s[2 * i] = hexd[out[i] >> 4];
        s[2 * i + 1] = hexd[out[i] & 15];
    }
    s[2 * n] = 0;
    return str_from_cstr(s);
}

static obj_t *bl_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("copy", nargs, kwnames, 0, 0) < 0) return NULL;
    blake_t *b = (blake_t *)self;
    blake_t *c = (blake_t *)obj_alloc(TYPE(self), TYPE(self)->basicsize);
    if (!c) return NULL;
    BEGIN_CRITICAL_SECTION(b);
    c->is_b = b->is_b;
    c->st = b->st;
    END_CRITICAL_SECTION();
    return (obj_t *)c;
}

static obj_t *bl_get_name(obj_t *self, void *closure) {
    return str_from_cstr(((blake_t *)self)->is_b ? "blake2b" : "blake2s");
}

static obj_t *bl_get_digest_size(obj_t *self, void *closure) {
    blake_t *b = (blake_t *)self;
    return int_from_u64(b->is_b ? b->st.b.outlen : b->st.s.outlen);
}

static obj_t *bl_get_block_size(obj_t *self, void *closure) {
    return int_from_i64(((blake_t *)self)->is_b ? 128 : 64);
}

static const method_def_t blake_methods[] = {
    {"update", bl_update, METH_DEFAULT,
     "Update this hash object's state with the provided bytes-like object."},
    {"digest", bl_digest, METH_DEFAULT, "Return the digest value as a bytes object."},
    {"hexdigest", bl_hexdigest, METH_DEFAULT,
     "Return the digest value as a string of hexadecimal digits."},
    {"copy", bl_copy, METH_DEFAULT, "Return a copy of the hash object."},
    {NULL},
};

static const getset_def_t blake_getsets[] = {
    {"name", bl_get_name, NULL, NULL},
    {"digest_size", bl_get_digest_size, NULL, NULL},
    {"block_size", bl_get_block_size, NULL, NULL},
    {NULL},
};

static type_t blake2b_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_blake2.blake2b",
    .basicsize = sizeof(blake_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .tp_new = blake_new,
    .methods = blake_methods,
    .getsets = blake_getsets,
    .doc = "Return a new BLAKE2b hash object.",
};

static type_t blake2s_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_blake2.blake2s",
    .basicsize = sizeof(blake_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .tp_new = blake_new,
    .methods = blake_methods,
    .getsets = blake_getsets,
    .doc = "Return a new BLAKE2s hash object.",
};

static int set_int(obj_t *d, const char *name, int64_t v) {
    obj_t *o = int_from_i64(v);
    if (!o) return -1;
    int rc = dict_set_str(d, name, o);
    DECREF(o);
    return rc;
}

obj_t *blake2_module_init(void) {
    static _Atomic int ready;
    obj_t *m = module_new("_blake2");
    if (!m) return NULL;
    if (type_ensure_ready(&blake2b_type) < 0 || type_ensure_ready(&blake2s_type) < 0) goto fail;
    if (!atomic_exchange(&ready, 1)) {
        const variant_t *vv[2] = {&vb, &vs};
        type_t *tt[2] = {&blake2b_type, &blake2s_type};
        for (int i = 0; i < 2; i++) {
            obj_t *d = tt[i]->dict;
            if (set_int(d, "SALT_SIZE", (int64_t)vv[i]->salt) < 0 ||
                set_int(d, "PERSON_SIZE", (int64_t)vv[i]->person) < 0 ||
                set_int(d, "MAX_KEY_SIZE", (int64_t)vv[i]->max_key) < 0 ||
                set_int(d, "MAX_DIGEST_SIZE", (int64_t)vv[i]->max_digest) < 0)
                goto fail;
            type_modified(tt[i]);
        }
    }
    obj_t *d = module_dict(m);
    if (dict_set_str(d, "blake2b", (obj_t *)&blake2b_type) < 0 ||
        dict_set_str(d, "blake2s", (obj_t *)&blake2s_type) < 0 ||
        set_int(d, "BLAKE2B_SALT_SIZE", 16) < 0 || set_int(d, "BLAKE2B_PERSON_SIZE", 16) < 0 ||
        set_int(d, "BLAKE2B_MAX_KEY_SIZE", 64) < 0 ||
        set_int(d, "BLAKE2B_MAX_DIGEST_SIZE", 64) < 0 || set_int(d, "BLAKE2S_SALT_SIZE", 8) < 0 ||
        set_int(d, "BLAKE2S_PERSON_SIZE", 8) < 0 || set_int(d, "BLAKE2S_MAX_KEY_SIZE", 32) < 0 ||
        set_int(d, "BLAKE2S_MAX_DIGEST_SIZE", 32) < 0)
        goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
