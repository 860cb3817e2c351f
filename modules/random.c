/*
 * modules/random.c — the `_random` module: Random, the Mersenne Twister
 * (MT19937) core that random.py's Random class subclasses: random(),
 * seed(), getstate(), setstate() and getrandbits().  Seeding follows
 * CPython 3.11's C half exactly (an int's absolute value split into
 * 32-bit words, least significant first, fed to init_by_array; any other
 * object's hash() used as the int; None seeds from /dev/urandom), so a
 * given seed gives CPython's sequences.  str/bytes seeds are turned into an
 * int by random.py itself (with sha512).
 *
 * Concurrency: the generator state (624 words and an index) changes inside
 * the object's critical section, whole draws at a time, so threads sharing
 * one Random each get values of the one sequence, never a torn state.
 * hash() of a seed object and the int conversions run before the section
 * is entered; nothing inside it calls Python code.
 */
#include <errno.h>
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"

#define MT_N 624
#define MT_M 397

typedef struct {
    obj_t ob;
    int index; // next word of state[] to temper; MT_N: regenerate first
    uint32_t state[MT_N];
} random_t;

static type_t random_type;

// ---- the generator (callers hold the object's critical section) --------------------------

static void init_genrand(random_t *r, uint32_t s) {
    uint32_t *mt = r->state;
    mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    r->index = MT_N;
}

static void init_by_array(random_t *r, const uint32_t *key, size_t len) {
    uint32_t *mt = r->state;
    init_genrand(r, 19650218u);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
        if (j >= len) j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u;
}

static uint32_t genrand_uint32(random_t *r) {
    static const uint32_t mag01[2] = {0, 0x9908b0dfu};
    uint32_t *mt = r->state, y;
    if (r->index >= MT_N) {
        int kk;
        for (kk = 0; kk < MT_N - MT_M; kk++) {
            y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
            mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 1];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
            mt[kk] = mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1];
        }
        y = (mt[MT_N - 1] & 0x80000000u) | (mt[0] & 0x7fffffffu);
        mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
        r->index = 0;
    }
    y = mt[r->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

// ---- seeding ---------------------------------------------------------------------------

static int seed_urandom(uint32_t *key, size_t n) {
    FILE *f = fopen("/dev/urandom", "rb");
    if (!f) return -1;
    size_t got = fread(key, sizeof(uint32_t), n, f);
    fclose(f);
    return got == n ? 0 : -1;
}

// Seeds r from arg (NULL or None: from the OS).  0, or -1 + exception.
static int random_seed_obj(random_t *r, obj_t *arg) {
    if (arg == NULL || arg == None) {
        uint32_t key[MT_N];
        if (seed_urandom(key, MT_N) < 0) {
            // No /dev/urandom: time and pid, as CPython's fallback.
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            key[0] = (uint32_t)ts.tv_sec;
            key[1] = (uint32_t)ts.tv_nsec;
            key[2] = (uint32_t)getpid();
            clock_gettime(CLOCK_MONOTONIC, &ts);
            key[3] = (uint32_t)ts.tv_nsec;
            BEGIN_CRITICAL_SECTION(r);
            init_by_array(r, key, 4);
            END_CRITICAL_SECTION();
            return 0;
        }
        BEGIN_CRITICAL_SECTION(r);
        init_by_array(r, key, MT_N);
        END_CRITICAL_SECTION();
        return 0;
    }
    mpz_t z;
    mpz_init(z);
    if (INT_CHECK(arg)) {
        int_to_mpz(arg, z);
        mpz_abs(z, z);
    } else {
        hash_t h = obj_hash(arg);
        if (h == -1 && err_occurred()) {
            mpz_clear(z);
            return -1;
        }
        mpz_set_ui(z, (unsigned long)(size_t)h);
    }
    size_t bits = mpz_sizeinbase(z, 2);
    size_t nwords = mpz_sgn(z) == 0 ? 1 : (bits - 1) / 32 + 1;
    uint32_t *key = calloc(nwords, sizeof(uint32_t));
    if (!key) {
        mpz_clear(z);
        err_no_memory();
        return -1;
    }
    mpz_export(key, NULL, -1, sizeof(uint32_t), 0, 0, z);
    mpz_clear(z);
    BEGIN_CRITICAL_SECTION(r);
    init_by_array(r, key, nwords);
    END_CRITICAL_SECTION();
    free(key);
    return 0;
}

// ---- methods ---------------------------------------------------------------------------

static obj_t *random_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    random_t *r = (random_t *)obj_alloc(type, type->basicsize);
    if (r) r->index = MT_N;
    return (obj_t *)r;
}

static int random_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if ((TYPE(self) == &random_type || TYPE(self)->tp_init == random_type.tp_init) &&
        args_no_kw("Random", kwnames) < 0)
        return -1;
    if (nargs > 1) {
        err_set_str(exc_TypeError, "Random() requires 0 or 1 argument");
        return -1;
    }
    return random_seed_obj((random_t *)self, nargs ? args[0] : NULL);
}

static obj_t *m_random(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("Random.random", nargs, kwnames, 0, 0) < 0) return NULL;
    random_t *r = (random_t *)self;
    uint32_t a, b;
    BEGIN_CRITICAL_SECTION(r);
    a = genrand_uint32(r) >> 5;
    b = genrand_uint32(r) >> 6;
    END_CRITICAL_SECTION();
    return float_from_double((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

static obj_t *m_seed(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("Random.seed", kwnames) < 0 || args_check("seed", nargs, NULL, 0, 1) < 0)
        return NULL;
    if (random_seed_obj((random_t *)self, nargs ? args[0] : NULL) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_getstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("Random.getstate", nargs, kwnames, 0, 0) < 0) return NULL;
    random_t *r = (random_t *)self;
    uint32_t words[MT_N];
    int index;
    BEGIN_CRITICAL_SECTION(r);
    memcpy(words, r->state, sizeof words);
    index = r->index;
    END_CRITICAL_SECTION();
    obj_t *t = tuple_new(MT_N + 1);
    if (!t) return NULL;
    for (size_t i = 0; i <= MT_N; i++) {
        obj_t *v = i < MT_N ? int_from_u64(words[i]) : int_from_i64(index);
        if (!v) {
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, i, v);
    }
    return t;
}

// An element of a state tuple as C unsigned long, as CPython's
// PyLong_AsUnsignedLong (TypeError for non-ints, OverflowError out of range).
static int state_word(obj_t *v, uint64_t *out) {
    if (!INT_CHECK(v)) {
        err_set_str(exc_TypeError, "an integer is required");
        return -1;
    }
    if (int_sign(v) < 0) {
        err_set_str(exc_OverflowError, "can't convert negative value to unsigned int");
        return -1;
    }
    mpz_t z;
    mpz_init(z);
    int_to_mpz(v, z);
    int ok = mpz_sizeinbase(z, 2) <= 64;
    if (ok) *out = (uint64_t)mpz_getlimbn(z, 0);
    mpz_clear(z);
    if (!ok) {
        err_set_str(exc_OverflowError, "Python int too large to convert to C unsigned long");
        return -1;
    }
    return 0;
}

static obj_t *m_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("Random.setstate", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *st = args[0];
    if (!TUPLE_CHECK(st)) {
        err_set_str(exc_TypeError, "state vector must be a tuple");
        return NULL;
    }
    if (TUPLE_SIZE(st) != MT_N + 1) {
        err_set_str(exc_ValueError, "state vector is the wrong size");
        return NULL;
    }
    uint32_t words[MT_N];
    for (size_t i = 0; i < MT_N; i++) {
        uint64_t w;
        if (state_word(TUPLE_GET(st, i), &w) < 0) return NULL;
        words[i] = (uint32_t)w;
    }
    obj_t *iv = TUPLE_GET(st, MT_N);
    int64_t index;
    if (!INT_CHECK(iv)) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(iv));
        return NULL;
    }
    if (int_as_i64(iv, &index) < 0) return NULL;
    if (index < 0 || index > MT_N) {
        err_set_str(exc_ValueError, "invalid state");
        return NULL;
    }
    random_t *r = (random_t *)self;
    BEGIN_CRITICAL_SECTION(r);
    memcpy(r->state, words, sizeof words);
    r->index = (int)index;
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static obj_t *m_getrandbits(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("Random.getrandbits", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!INT_CHECK(args[0])) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(args[0]));
        return NULL;
    }
    int64_t k;
    if (int_as_i64(args[0], &k) < 0 || k > INT32_MAX || k < INT32_MIN) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    if (k < 0) {
        err_set_str(exc_ValueError, "number of bits must be non-negative");
        return NULL;
    }
    random_t *r = (random_t *)self;
    if (k == 0) return int_from_i64(0);
    if (k <= 32) {
        uint32_t v;
        BEGIN_CRITICAL_SECTION(r);
        v = genrand_uint32(r) >> (32 - k);
        END_CRITICAL_SECTION();
        return int_from_u64(v);
    }
    size_t nwords = (size_t)((k - 1) / 32 + 1);
    if (obj_alloc_too_big(nwords * 4)) return err_no_memory();
    uint32_t *words = malloc(nwords * sizeof(uint32_t));
    if (!words) return err_no_memory();
    BEGIN_CRITICAL_SECTION(r);
    int64_t left = k;
    for (size_t i = 0; i < nwords; i++, left -= 32) {
        uint32_t w = genrand_uint32(r);
        if (left < 32) w >>= (32 - left);
        words[i] = w;
    }
    END_CRITICAL_SECTION();
    mpz_t z;
    mpz_init(z);
    mpz_import(z, nwords, -1, sizeof(uint32_t), 0, 0, words);
    free(words);
    obj_t *res = int_from_mpz(z);
    mpz_clear(z);
    return res;
}

static const method_def_t random_methods[] = {
    {"random", m_random, METH_DEFAULT, "random() -> x in the interval [0, 1)."},
    {"seed", m_seed, METH_DEFAULT,
     "seed([n]) -> None.\n\nDefaults to use urandom and falls back to a combination\nof the "
     "current time and the process identifier."},
    {"getstate", m_getstate, METH_DEFAULT, "getstate() -> tuple containing the current state."},
    {"setstate", m_setstate, METH_DEFAULT, "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", m_getrandbits, METH_DEFAULT,
     "getrandbits(k) -> x.  Generates an int with k random bits."},
    {NULL},
};

static type_t random_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_random.Random",
    .basicsize = sizeof(random_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .tp_new = random_new,
    .tp_init = random_init,
    .methods = random_methods,
    .doc = "Random() -> create a random number generator with its own internal state.",
};

obj_t *random_module_init(void) {
    obj_t *m = module_new("_random");
    if (!m) return NULL;
    if (type_ensure_ready(&random_type) < 0 ||
        dict_set_str(module_dict(m), "Random", (obj_t *)&random_type) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
