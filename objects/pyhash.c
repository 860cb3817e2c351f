/*
 * objects/pyhash.c — the hash secret and SipHash-1-3 over bytes and text
 * (see pyhash.h for the contract).
 *
 * The secret is 24 bytes, as CPython's: k0 is bytes 0..7 and k1 bytes 8..15,
 * read little-endian; the last 8 are unused here.  It is written once, under
 * init_lock, before secret_ready is published, and never again; main() does
 * it before any other thread exists.
 */
#include "pyhash.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

static unsigned char secret[24];
static uint64_t key0, key1;
static bool randomized = true;
// Set (release) once the keys are written; the first hash in a process that
// never called pyhash_secret_init (the C unit tests) may race another thread
// there, so the writer holds init_lock.
static atomic_bool secret_ready;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;

// ---- the secret ----------------------------------------------------------------

// CPython's seeded secret: the C library's classic LCG (x = x * 214013 +
// 2531011, 32 bits) stepped once per byte, each byte taken from bits 16..23.
static void fill_from_seed(uint32_t seed) {
    uint32_t x = seed;
    for (size_t i = 0; i < sizeof secret; i++) {
        x = x * 214013u + 2531011u;
        secret[i] = (unsigned char)(x >> 16);
    }
}

static bool fill_from_os(void) {
    size_t got = 0;
    while (got < sizeof secret) {
        ssize_t r = getrandom(secret + got, sizeof secret - got, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    if (got == sizeof secret) return true;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    while (got < sizeof secret) {
        ssize_t r = read(fd, secret + got, sizeof secret - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    return got == sizeof secret;
}

static inline uint64_t load_le64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static void secret_init_locked(bool use_env, bool deterministic);

void pyhash_secret_init(bool use_env, bool deterministic) {
    if (atomic_load_explicit(&secret_ready, memory_order_acquire)) return;
    pthread_mutex_lock(&init_lock);
    if (!atomic_load_explicit(&secret_ready, memory_order_relaxed))
        secret_init_locked(use_env, deterministic);
    pthread_mutex_unlock(&init_lock);
}

static void secret_init_locked(bool use_env, bool deterministic) {
    const char *text = use_env ? getenv("PYTHONHASHSEED") : NULL;
    if (text && *text == '\0') text = NULL;
    bool seeded = false;
    unsigned long seed = 0;
    if (text && strcmp(text, "random") != 0) {
        // strtoul's grammar, as CPython's parser (leading blanks and a sign
        // pass; "-1" wraps past the range and is refused).
        char *end;
        errno = 0;
        seed = strtoul(text, &end, 10);
        if (*end != '\0' || seed > 4294967295UL || (errno == ERANGE && seed == ULONG_MAX)) {
            fputs("Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be \"random\" "
                  "or an integer in range [0; 4294967295]\n"
                  "Python runtime state: preinitialized\n\n",
                  stderr);
            exit(1);
        }
        seeded = true;
    } else if (deterministic) {
        seeded = true;
    }
    if (!seeded) {
        if (!fill_from_os()) {
            fputs("Fatal Python error: _Py_HashRandomization_Init: failed to get random numbers "
                  "to initialize Python\n",
                  stderr);
            exit(1);
        }
    } else if (seed == 0) {
        memset(secret, 0, sizeof secret);
        randomized = false;
    } else {
        fill_from_seed((uint32_t)seed);
    }
    key0 = load_le64(secret);
    key1 = load_le64(secret + 8);
    atomic_store_explicit(&secret_ready, true, memory_order_release);
}

bool pyhash_randomized(void) {
    return randomized;
}

// ---- SipHash-1-3 ------------------------------------------------------------------

// The state of one hash: the four words and the message block being filled
// (fill bytes of it so far).  Text of width 2 or 4 feeds whole units, which
// never straddle a block.
typedef struct {
    uint64_t v0, v1, v2, v3;
    uint64_t block;
    unsigned fill;
} sip_t;

#define ROTL64(x, r) (((x) << (r)) | ((x) >> (64 - (r))))

static inline void sip_round(sip_t *s) {
    s->v0 += s->v1;
    s->v2 += s->v3;
    s->v1 = ROTL64(s->v1, 13) ^ s->v0;
    s->v3 = ROTL64(s->v3, 16) ^ s->v2;
    s->v0 = ROTL64(s->v0, 32);
    s->v2 += s->v1;
    s->v0 += s->v3;
    s->v1 = ROTL64(s->v1, 17) ^ s->v2;
    s->v3 = ROTL64(s->v3, 21) ^ s->v0;
    s->v2 = ROTL64(s->v2, 32);
}

static inline void sip_start(sip_t *s) {
    // main() sets the secret before anything hashes; code that runs without
    // it (the C unit tests) gets the environment's secret on first use.
    if (PVM_UNLIKELY(!atomic_load_explicit(&secret_ready, memory_order_acquire)))
        pyhash_secret_init(true, false);
    s->v0 = key0 ^ UINT64_C(0x736f6d6570736575);
    s->v1 = key1 ^ UINT64_C(0x646f72616e646f6d);
    s->v2 = key0 ^ UINT64_C(0x6c7967656e657261);
    s->v3 = key1 ^ UINT64_C(0x7465646279746573);
    s->block = 0;
    s->fill = 0;
}

static inline void sip_compress(sip_t *s, uint64_t m) {
    s->v3 ^= m;
    sip_round(s);
    s->v0 ^= m;
}

// Appends one unit of width bytes (1, 2 or 4), little-endian.
static inline void sip_unit(sip_t *s, uint32_t u, unsigned width) {
    s->block |= (uint64_t)u << (8 * s->fill);
    s->fill += width;
    if (s->fill == 8) {
        sip_compress(s, s->block);
        s->block = 0;
        s->fill = 0;
    }
}

// total: the message length in bytes (only its low 8 bits count).
static inline hash_t sip_finish(sip_t *s, uint64_t total) {
    uint64_t b = (total << 56) | s->block;
    sip_compress(s, b);
    s->v2 ^= 0xff;
    sip_round(s);
    sip_round(s);
    sip_round(s);
    hash_t h = (hash_t)((s->v0 ^ s->v1) ^ (s->v2 ^ s->v3));
    return h == -1 ? -2 : h;
}

hash_t pyhash_bytes(const void *src, size_t n) {
    if (n == 0) return 0;
    const unsigned char *p = src;
    sip_t s;
    sip_start(&s);
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        sip_compress(&s, load_le64(p + i));
    if (i < n) {
        // The last 1..7 bytes, little-endian, in the low bytes of the block.
        unsigned char tail[8] = {0};
        memcpy(tail, p + i, n - i);
        s.block = load_le64(tail);
    }
    return sip_finish(&s, n);
}

// The PEP 393 width of UTF-8 text: 4 when a 4-byte sequence (a code point
// past U+FFFF) occurs, 2 when a lead byte starts a code point past U+00FF
// (0xC4 and up), 1 for other non-ASCII text and 0 for ASCII.
static unsigned text_width(const unsigned char *p, size_t n) {
    unsigned w = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= 0xF0) return 4;
        if (p[i] >= 0xC4)
            w = 2;
        else if (p[i] >= 0x80 && w == 0)
            w = 1;
    }
    return w;
}

// Feeds the code points of UTF-8 text as units of width bytes; returns how
// many.  Inlined with a constant width, so each width gets its own loop.
static inline __attribute__((always_inline)) size_t feed_text(sip_t *s, const unsigned char *p,
                                                              size_t n, unsigned width) {
    size_t units = 0;
    for (size_t i = 0; i < n; units++) {
        uint32_t c = p[i];
        if (c < 0x80) {
            i++;
        } else if (c < 0xE0) {
            c = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
            i += 2;
        } else if (c < 0xF0) {
            c = ((c & 0x0F) << 12) | ((uint32_t)(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
            i += 3;
        } else {
            c = ((c & 0x07) << 18) | ((uint32_t)(p[i + 1] & 0x3F) << 12) |
                ((uint32_t)(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
            i += 4;
        }
        sip_unit(s, c, width);
    }
    return units;
}

hash_t pyhash_utf8(const char *text, size_t n, bool ascii) {
    if (ascii) return pyhash_bytes(text, n);
    const unsigned char *p = (const unsigned char *)text;
    unsigned width = text_width(p, n);
    if (width == 0) return pyhash_bytes(text, n);
    sip_t s;
    sip_start(&s);
    size_t units = width == 1   ? feed_text(&s, p, n, 1)
                   : width == 2 ? feed_text(&s, p, n, 2)
                                : feed_text(&s, p, n, 4);
    return sip_finish(&s, (uint64_t)units * width);
}
