/*
 * objects/str.c — the str type: construction, interning, hashing, equality
 * and ordering, indexing/slicing by code point, repr, the UTF-8 builder and
 * the str iterators.  The methods live in str_methods.c, the format-spec
 * mini-language, str.format and % formatting in format.c.
 *
 * Invariants:
 *  - data[] is valid UTF-8 (surrogates from "\ud800" literals are stored
 *    WTF-8 style as 3-byte sequences), NUL-terminated; len counts code
 *    points; ascii <=> nbytes == len.
 *  - "" and the 128 one-char ASCII strings are immortal singletons created
 *    before main() runs; every constructor returns them for such text, so
 *    indexing an ASCII string never allocates.
 *  - The hash is cached in `hash` with relaxed atomics (-1 = not computed):
 *    every thread computes the same value, so the race is benign.
 *  - Interned strings are immortal and unique per text; the intern table is
 *    guarded by a pthread mutex.
 */
#define _GNU_SOURCE  1
#define PVM_STR_IMPL 1
#include "str_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "../core/error.h"
#include "buffer.h"
#include "bytes.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "pyhash.h"
#include "range.h"
#include "tuple.h"

// ---- UTF-8 primitives --------------------------------------------------------

uint32_t utf8_decode(const char **pp) {
    const unsigned char *p = (const unsigned char *)*pp;
    uint32_t c = p[0];
    if (c < 0x80) {
        *pp += 1;
        return c;
    }
    if (c < 0xe0) {
        *pp += 2;
        return ((c & 0x1f) << 6) | (p[1] & 0x3f);
    }
    if (c < 0xf0) {
        *pp += 3;
        return ((c & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    }
    *pp += 4;
    return ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3f) << 12) | ((uint32_t)(p[2] & 0x3f) << 6) |
           (p[3] & 0x3f);
}

int utf8_encode(uint32_t cp, char *buf) {
    unsigned char *b = (unsigned char *)buf;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (unsigned char)(0xc0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (unsigned char)(0xe0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    b[0] = (unsigned char)(0xf0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
    b[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}

size_t utf8_count(const char *p, size_t n) {
    size_t count = 0;
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    // Count bytes that are not continuation bytes, 8 at a time when possible.
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        // continuation bytes are 10xxxxxx: bit7 set and bit6 clear
        uint64_t cont = (w & ~(w << 1)) & UINT64_C(0x8080808080808080);
        count += 8 - (size_t)__builtin_popcountll(cont);
    }
    for (; i < n; i++)
        count += (s[i] & 0xc0) != 0x80;
    return count;
}

// ---- allocation and the singletons -------------------------------------------

#define STR_HEADER offsetof(str_t, data)

// A new exact str with room for nbytes; the caller fills data.
static obj_t *str_new_raw(size_t nbytes, size_t len, bool ascii) {
    str_t *s = (str_t *)obj_alloc(&str_type, STR_HEADER + nbytes + 1);
    if (!s) return NULL;
    atomic_store_explicit(&s->hash, -1, memory_order_relaxed);
    s->len = len;
    s->nbytes = nbytes;
    s->ascii = ascii;
    s->interned = false;
    s->data[nbytes] = 0;
    return (obj_t *)s;
}

obj_t *str_alloc(size_t nbytes) {
    str_t *s = (str_t *)str_new_raw(nbytes, 0, false);
    return (obj_t *)s;
}

void str_finish(obj_t *o) {
    str_t *s = (str_t *)o;
    s->data[s->nbytes] = 0;
    s->len = utf8_count(s->data, s->nbytes);
    s->ascii = s->len == s->nbytes;
    atomic_store_explicit(&s->hash, -1, memory_order_relaxed);
}

// Storage for "" and the one-char ASCII strings; 64 bytes leave room for the
// header and the two data bytes.
static _Alignas(16) unsigned char small_storage[129][64];
#define SMALL_STR(i) ((str_t *)(void *)small_storage[i])

__attribute__((constructor)) static void str_init_singletons(void) {
    for (int i = 0; i < 129; i++) {
        str_t *s = SMALL_STR(i);
        obj_t head = OBJ_HEAD_INIT(&str_type);
        memcpy(&s->ob, &head, sizeof head);
        s->len = i < 128 ? 1 : 0;
        s->nbytes = s->len;
        s->ascii = true;
        s->interned = true;
        s->data[0] = i < 128 ? (char)i : 0;
        s->data[1] = 0;
        // Hashed on first use: the hash secret is not known yet.
        atomic_store_explicit(&s->hash, -1, memory_order_relaxed);
    }
}

obj_t *str_empty(void) {
    return (obj_t *)SMALL_STR(128);
}
obj_t *str_ascii_char(unsigned c) {
    return (obj_t *)SMALL_STR(c & 127);
}

// ---- constructors ---------------------------------------------------------------

static obj_t *str_from_known(const char *s, size_t nbytes, size_t len, bool ascii) {
    if (nbytes == 0) return str_empty();
    if (nbytes == 1 && (unsigned char)s[0] < 128) return str_ascii_char((unsigned char)s[0]);
    obj_t *r = str_new_raw(nbytes, len, ascii);
    if (r) memcpy(((str_t *)r)->data, s, nbytes);
    return r;
}

obj_t *str_from_utf8_trusted(const char *s, size_t nbytes) {
    size_t len = utf8_count(s, nbytes);
    return str_from_known(s, nbytes, len, len == nbytes);
}

obj_t *str_from_bytes_of(obj_t *s, const char *p, size_t n) {
    if (((str_t *)s)->ascii) return str_from_known(p, n, n, true);
    return str_from_utf8_trusted(p, n);
}

obj_t *str_from_cstr(const char *s) {
    return str_from_utf8_trusted(s, strlen(s));
}

obj_t *str_from_utf8(const char *s, size_t nbytes) {
    return utf8_decode_to_str((const unsigned char *)s, nbytes, "strict");
}

obj_t *str_from_codepoint(uint32_t cp) {
    if (cp < 128) return str_ascii_char(cp);
    char buf[4];
    int n = utf8_encode(cp, buf);
    return str_from_known(buf, (size_t)n, 1, false);
}

obj_t *str_exact_copy(obj_t *s) {
    if (STR_EXACT(s)) return NEWREF(s);
    str_t *t = (str_t *)s;
    return str_from_known(t->data, t->nbytes, t->len, t->ascii);
}

// ---- hashing, equality, ordering -------------------------------------------------

// CPython's hash of the same text (objects/pyhash.c): the hash secret is
// set before anything hashes a str, and the result is cached in the object.
hash_t str_hash(obj_t *o) {
    str_t *s = (str_t *)o;
    hash_t h = atomic_load_explicit(&s->hash, memory_order_relaxed);
    if (h != -1) return h;
    h = pyhash_utf8(s->data, s->nbytes, s->ascii);
    atomic_store_explicit(&s->hash, h, memory_order_relaxed);
    return h;
}

bool str_eq(obj_t *a, obj_t *b) {
    if (a == b) return true;
    str_t *x = (str_t *)a, *y = (str_t *)b;
    if (x->nbytes != y->nbytes) return false;
    if (x->interned && y->interned) return false;
    hash_t hx = atomic_load_explicit(&x->hash, memory_order_relaxed);
    hash_t hy = atomic_load_explicit(&y->hash, memory_order_relaxed);
    if (hx != -1 && hy != -1 && hx != hy) return false;
    return memcmp(x->data, y->data, x->nbytes) == 0;
}

bool str_eq_cstr(obj_t *s, const char *c) {
    size_t n = strlen(c);
    return str_nbytes(s) == n && memcmp(str_data(s), c, n) == 0;
}

// UTF-8 byte order equals code-point order (surrogates included).
int str_cmp(obj_t *a, obj_t *b) {
    if (a == b) return 0;
    size_t na = str_nbytes(a), nb = str_nbytes(b);
    int c = memcmp(str_data(a), str_data(b), na < nb ? na : nb);
    if (c == 0) return na < nb ? -1 : na > nb ? 1 : 0;
    return c < 0 ? -1 : 1;
}

static obj_t *str_richcompare(obj_t *a, obj_t *b, int op) {
    if (!STR_CHECK(a) || !STR_CHECK(b)) return NEWREF(NotImplemented);
    bool r;
    if (op == CMP_EQ_OP || op == CMP_NE_OP) {
        r = str_eq(a, b) == (op == CMP_EQ_OP);
    } else {
        int c = str_cmp(a, b);
        switch (op) {
        case CMP_LT_OP: r = c < 0; break;
        case CMP_LE_OP: r = c <= 0; break;
        case CMP_GT_OP: r = c > 0; break;
        default: r = c >= 0; break;
        }
    }
    return bool_from(r);
}

// ---- interning ---------------------------------------------------------------------

// Lookups are lock-free: the table is published with a release store and
// every slot is written once (NULL -> an immortal str) with a release store.
// Insertions and growth take intern_lock.  A replaced table is never freed
// (a reader may still probe it; growth happens O(log n) times), so a reader
// on a stale table at worst misses and retries under the lock.
typedef struct {
    size_t mask;
    _Atomic(obj_t *) slots[];
} intern_tab_t;

static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic(intern_tab_t *) intern_table;
static size_t intern_used; // guarded by intern_lock

// Probes t for text (p, n) with hash h: returns the slot holding it or the
// empty slot where it would go.
static _Atomic(obj_t *) *intern_probe(intern_tab_t *t, const char *p, size_t n, hash_t h) {
    size_t i = (size_t)h & t->mask;
    for (;;) {
        obj_t *e = atomic_load_explicit(&t->slots[i], memory_order_acquire);
        if (!e || (str_nbytes(e) == n && memcmp(str_data(e), p, n) == 0)) return &t->slots[i];
        i = (i + 1) & t->mask;
    }
}

static intern_tab_t *intern_grow(intern_tab_t *old) {
    size_t newsize = old ? (old->mask + 1) * 2 : 1024;
    intern_tab_t *t = calloc(1, sizeof(intern_tab_t) + newsize * sizeof(obj_t *));
    if (!t) {
        fprintf(stderr, "pvm: out of memory interning strings\n");
        abort();
    }
    t->mask = newsize - 1;
    for (size_t i = 0; old && i <= old->mask; i++) {
        obj_t *e = atomic_load_explicit(&old->slots[i], memory_order_relaxed);
        if (e)
            atomic_store_explicit(intern_probe(t, str_data(e), str_nbytes(e), str_hash(e)), e,
                                  memory_order_relaxed);
    }
    atomic_store_explicit(&intern_table, t, memory_order_release);
    return t;
}

static obj_t *intern_text(const char *p, size_t n, hash_t h) {
    if (n == 0) return str_empty();
    if (n == 1 && (unsigned char)p[0] < 128) return str_ascii_char((unsigned char)p[0]);
    intern_tab_t *t = atomic_load_explicit(&intern_table, memory_order_acquire);
    if (t) {
        obj_t *e = atomic_load_explicit(intern_probe(t, p, n, h), memory_order_acquire);
        if (e) return e;
    }
    pthread_mutex_lock(&intern_lock);
    t = atomic_load_explicit(&intern_table, memory_order_relaxed);
    if (!t || (intern_used + 1) * 2 > t->mask + 1) t = intern_grow(t);
    _Atomic(obj_t *) *slot = intern_probe(t, p, n, h);
    obj_t *r = atomic_load_explicit(slot, memory_order_relaxed);
    if (!r) {
        size_t len = utf8_count(p, n);
        r = str_new_raw(n, len, len == n);
        if (!r) {
            pthread_mutex_unlock(&intern_lock);
            fprintf(stderr, "pvm: out of memory interning strings\n");
            abort();
        }
        memcpy(((str_t *)r)->data, p, n);
        atomic_store_explicit(&((str_t *)r)->hash, h, memory_order_relaxed);
        ((str_t *)r)->interned = true;
        obj_immortalize(r);
        atomic_store_explicit(slot, r, memory_order_release);
        intern_used++;
    }
    pthread_mutex_unlock(&intern_lock);
    return r;
}

obj_t *str_intern(const char *s) {
    size_t n = strlen(s);
    return intern_text(s, n, pyhash_utf8(s, n, false));
}

obj_t *str_intern_obj(obj_t *s) {
    if (STR_EXACT(s) && ((str_t *)s)->interned) return s;
    return intern_text(str_data(s), str_nbytes(s), str_hash(s));
}

// ---- concatenation, repetition, join -------------------------------------------------

obj_t *str_concat(obj_t *a, obj_t *b) {
    str_t *x = (str_t *)a, *y = (str_t *)b;
    if (y->nbytes == 0) return str_exact_copy(a);
    if (x->nbytes == 0) return str_exact_copy(b);
    size_t n = x->nbytes + y->nbytes;
    if (n == 1) return str_from_known(x->data, 1, 1, true);
    obj_t *r = str_new_raw(n, x->len + y->len, x->ascii && y->ascii);
    if (!r) return NULL;
    memcpy(((str_t *)r)->data, x->data, x->nbytes);
    memcpy(((str_t *)r)->data + x->nbytes, y->data, y->nbytes);
    return r;
}

static obj_t *str_repeat(obj_t *s, ssize_t n) {
    str_t *x = (str_t *)s;
    if (n <= 0 || x->nbytes == 0) return str_empty();
    if (n == 1) return str_exact_copy(s);
    // CPython's limit counts code points; the UTF-8 size is only a memory
    // question ("\u20ac" * 2**62 is a MemoryError there too).
    if ((size_t)n > (size_t)PTRDIFF_MAX / x->len) {
        err_set_str(exc_OverflowError, "repeated string is too long");
        return NULL;
    }
    size_t total;
    if (__builtin_mul_overflow(x->nbytes, (size_t)n, &total)) return err_no_memory();
    obj_t *r = str_new_raw(total, x->len * (size_t)n, x->ascii);
    if (!r) return NULL;
    char *d = ((str_t *)r)->data;
    if (x->nbytes == 1) {
        memset(d, x->data[0], total);
    } else {
        // Doubling copies.
        memcpy(d, x->data, x->nbytes);
        size_t done = x->nbytes;
        while (done < total) {
            size_t chunk = done <= total - done ? done : total - done;
            memcpy(d + done, d, chunk);
            done += chunk;
        }
    }
    return r;
}

obj_t *str_join(obj_t *sep, obj_t *iterable) {
    obj_t *seq;
    if (TUPLE_CHECK(iterable)) {
        seq = NEWREF(iterable);
    } else if (LIST_CHECK(iterable)) {
        seq = list_as_tuple(iterable); // a snapshot, safe against mutation
        if (!seq) return NULL;
    } else {
        obj_t *it = obj_iter(iterable);
        if (!it) {
            if (err_matches(exc_TypeError)) {
                err_clear();
                err_set_str(exc_TypeError, "can only join an iterable");
            }
            return NULL;
        }
        obj_t *l = list_from_iterable(it);
        DECREF(it);
        if (!l) return NULL;
        seq = list_as_tuple(l);
        DECREF(l);
        if (!seq) return NULL;
    }
    size_t n = TUPLE_SIZE(seq);
    obj_t *r = NULL;
    if (n == 0) {
        r = str_empty();
        goto done;
    }
    if (n == 1 && STR_EXACT(TUPLE_GET(seq, 0))) {
        r = NEWREF(TUPLE_GET(seq, 0));
        goto done;
    }
    size_t sepn = str_nbytes(sep), total = 0, len = 0;
    bool ascii = ((str_t *)sep)->ascii;
    for (size_t i = 0; i < n; i++) {
        obj_t *item = TUPLE_GET(seq, i);
        if (!STR_CHECK(item)) {
            err_format(exc_TypeError, "sequence item %zu: expected str instance, %T found", i,
                       item);
            goto done;
        }
        if (__builtin_add_overflow(total, str_nbytes(item), &total)) goto too_long;
        len += str_len(item);
        ascii = ascii && ((str_t *)item)->ascii;
    }
    size_t seps;
    if (__builtin_mul_overflow(sepn, n - 1, &seps) || __builtin_add_overflow(total, seps, &total) ||
        total > (size_t)PTRDIFF_MAX)
        goto too_long;
    len += str_len(sep) * (n - 1);
    r = str_new_raw(total, len, ascii);
    if (!r) goto done;
    char *d = ((str_t *)r)->data;
    for (size_t i = 0; i < n; i++) {
        if (i && sepn) {
            memcpy(d, str_data(sep), sepn);
            d += sepn;
        }
        obj_t *item = TUPLE_GET(seq, i);
        memcpy(d, str_data(item), str_nbytes(item));
        d += str_nbytes(item);
    }
    if (total <= 1) { // keep the singleton invariant
        obj_t *c = str_from_known(((str_t *)r)->data, total, total, true);
        DECREF(r);
        r = c;
    }
    goto done;
too_long:
    err_set_str(exc_OverflowError, "join() result is too long for a Python string");
done:
    DECREF(seq);
    return r;
}

// ---- indexing and slicing ---------------------------------------------------------------

// Number of UTF-8 lead (non-continuation) bytes in the 8 bytes at p.
static inline size_t lead_bytes8(const unsigned char *p) {
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t cont = (w & ~(w << 1)) & UINT64_C(0x8080808080808080);
    return 8 - (size_t)__builtin_popcountll(cont);
}

// Finds code point i by counting lead bytes, 8 bytes at a time, from the
// nearer end of the string.
const char *str_cp_ptr(obj_t *o, size_t i) {
    str_t *s = (str_t *)o;
    if (s->ascii) return s->data + i;
    if (i >= s->len) return s->data + s->nbytes;
    const unsigned char *begin = (const unsigned char *)s->data, *end = begin + s->nbytes;
    if (i <= s->len / 2) {
        const unsigned char *p = begin;
        size_t k = i; // lead bytes still to pass
        while (end - p >= 8) {
            size_t leads = lead_bytes8(p);
            if (leads > k) break;
            k -= leads;
            p += 8;
        }
        for (;; p++) {
            if ((*p & 0xc0) != 0x80) {
                if (k == 0) return (const char *)p;
                k--;
            }
        }
    }
    const unsigned char *q = end;
    size_t k = s->len - i; // lead bytes to pass going backwards
    while (q - begin >= 8) {
        size_t leads = lead_bytes8(q - 8);
        if (leads >= k) break;
        k -= leads;
        q -= 8;
    }
    while (k) {
        q--;
        if ((*q & 0xc0) != 0x80) k--;
    }
    return (const char *)q;
}

size_t str_byte_to_cp(obj_t *s, size_t off) {
    if (((str_t *)s)->ascii) return off;
    return utf8_count(str_data(s), off);
}

obj_t *str_substr(obj_t *s, size_t start, size_t end) {
    if (end <= start) return str_empty();
    if (start == 0 && end >= str_len(s)) return str_exact_copy(s);
    const char *a = str_cp_ptr(s, start);
    const char *b;
    if (((str_t *)s)->ascii) {
        b = str_data(s) + end;
    } else {
        b = a;
        for (size_t k = start; k < end; k++)
            b += utf8_seq_len((unsigned char)*b);
    }
    return str_from_known(a, (size_t)(b - a), end - start, ((str_t *)s)->ascii);
}

uint32_t str_char_at(obj_t *s, size_t i) {
    const char *p = str_cp_ptr(s, i);
    return utf8_decode(&p);
}

static obj_t *str_item(obj_t *s, ssize_t i) {
    ssize_t n = (ssize_t)str_len(s);
    if (i < 0) i += n;
    if (i < 0 || i >= n) {
        err_set_str(exc_IndexError, "string index out of range");
        return NULL;
    }
    const char *p = str_cp_ptr(s, (size_t)i);
    if ((unsigned char)*p < 128) return str_ascii_char((unsigned char)*p);
    return str_from_known(p, (size_t)utf8_seq_len((unsigned char)*p), 1, false);
}

static obj_t *str_getitem(obj_t *s, obj_t *key) {
    if (IS_SMALLINT(key)) return str_item(s, (ssize_t)SMALLINT_VALUE(key));
    if (SLICE_CHECK(key)) {
        ssize_t start, stop, step, slen;
        if (slice_unpack(key, (ssize_t)str_len(s), &start, &stop, &step, &slen) < 0) return NULL;
        if (slen <= 0) return str_empty();
        if (step == 1) return str_substr(s, (size_t)start, (size_t)stop);
        str_t *t = (str_t *)s;
        if (t->ascii) {
            obj_t *r = str_new_raw((size_t)slen, (size_t)slen, true);
            if (!r) return NULL;
            char *d = ((str_t *)r)->data;
            for (size_t k = 0, i = (size_t)start; k < (size_t)slen; k++, i += (size_t)step)
                d[k] = t->data[i];
            if (slen == 1) {
                obj_t *c = str_ascii_char((unsigned char)d[0]);
                DECREF(r);
                return c;
            }
            return r;
        }
        // Non-ASCII: table of code point offsets.
        size_t *offs = malloc((t->len + 1) * sizeof(size_t));
        if (!offs) return err_no_memory();
        const char *p = t->data;
        for (size_t k = 0; k <= t->len; k++) {
            offs[k] = (size_t)(p - t->data);
            if (k < t->len) p += utf8_seq_len((unsigned char)*p);
        }
        str_builder_t b;
        str_builder_init(&b);
        for (size_t k = 0, i = (size_t)start; k < (size_t)slen; k++, i += (size_t)step)
            str_builder_add(&b, t->data + offs[i], offs[i + 1] - offs[i]);
        free(offs);
        return str_builder_finish(&b);
    }
    if (INT_CHECK(key) || TYPE(key)->nb_index) {
        ssize_t i = obj_as_ssize(key);
        if (i == -1 && err_occurred()) return NULL;
        return str_item(s, i);
    }
    err_format(exc_TypeError, "string indices must be integers, not '%s'", obj_type_name(key));
    return NULL;
}

static ssize_t str_length(obj_t *s) {
    return (ssize_t)str_len(s);
}

static int str_contains(obj_t *s, obj_t *item) {
    if (!STR_CHECK(item)) {
        err_format(exc_TypeError, "'in <string>' requires string as left operand, not %s",
                   obj_type_name(item));
        return -1;
    }
    size_t n = str_nbytes(item);
    if (n == 0) return 1;
    return memmem(str_data(s), str_nbytes(s), str_data(item), n) != NULL;
}

// ---- repr --------------------------------------------------------------------------------

void str_repr_into(str_builder_t *b, obj_t *s, bool ascii_only, char quote) {
    const char *p = str_data(s), *end = p + str_nbytes(s);
    while (p < end) {
        // Copy runs of plain printable ASCII at once.
        const char *run = p;
        while (p < end && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f && *p != '\\' &&
               *p != quote)
            p++;
        if (p > run) str_builder_add(b, run, (size_t)(p - run));
        if (p >= end) break;
        const char *start = p;
        uint32_t c = utf8_decode(&p);
        char esc[16];
        if (c == (uint32_t)quote || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            str_builder_add(b, esc, 2);
        } else if (c == '\n') {
            str_builder_add(b, "\\n", 2);
        } else if (c == '\r') {
            str_builder_add(b, "\\r", 2);
        } else if (c == '\t') {
            str_builder_add(b, "\\t", 2);
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof esc, "\\x%02x", c);
            str_builder_add(b, esc, 4);
        } else if (c < 0x7f) {
            str_builder_add_char(b, (char)c);
        } else if (!ascii_only && uni_isprintable(c)) {
            str_builder_add(b, start, (size_t)(p - start));
        } else if (c < 0x100) {
            snprintf(esc, sizeof esc, "\\x%02x", c);
            str_builder_add(b, esc, 4);
        } else if (c < 0x10000) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            str_builder_add(b, esc, 6);
        } else {
            snprintf(esc, sizeof esc, "\\U%08x", c);
            str_builder_add(b, esc, 10);
        }
    }
}

obj_t *str_repr(obj_t *s) {
    const char *d = str_data(s);
    size_t n = str_nbytes(s);
    char quote = '\'';
    if (memchr(d, '\'', n) && !memchr(d, '"', n)) quote = '"';
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_char(&b, quote);
    str_repr_into(&b, s, false, quote);
    str_builder_add_char(&b, quote);
    return str_builder_finish(&b);
}

static obj_t *str_str(obj_t *s) {
    return str_exact_copy(s);
}

// ---- the builder --------------------------------------------------------------------------

void str_builder_init(str_builder_t *b) {
    b->buf = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

// Room for `extra` more bytes (and the NUL).  A size no machine could hold
// (the sum overflows, or it passes obj_alloc_too_big) fails at once, so a
// caller that reserves a huge padding up front never loops over it.
static bool builder_reserve(str_builder_t *b, size_t extra) {
    if (b->failed) return false;
    size_t need;
    if (__builtin_add_overflow(b->len, extra, &need) || need >= SIZE_MAX / 2 ||
        obj_alloc_too_big(++need)) {
        b->failed = true;
        return false;
    }
    if (need <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    if (obj_alloc_too_big(cap)) cap = need;
    char *nb = realloc(b->buf, cap);
    if (!nb) {
        b->failed = true;
        return false;
    }
    b->buf = nb;
    b->cap = cap;
    return true;
}

void str_builder_add(str_builder_t *b, const char *s, size_t n) {
    if (!builder_reserve(b, n)) return;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
}

void str_builder_add_cstr(str_builder_t *b, const char *s) {
    str_builder_add(b, s, strlen(s));
}

bool str_builder_reserve(str_builder_t *b, size_t extra) {
    return builder_reserve(b, extra);
}

void str_builder_add_char(str_builder_t *b, char c) {
    if (b->len + 2 > b->cap && !builder_reserve(b, 1)) return;
    b->buf[b->len++] = c;
}

void str_builder_add_codepoint(str_builder_t *b, uint32_t cp) {
    char buf[4];
    str_builder_add(b, buf, (size_t)utf8_encode(cp, buf));
}

void str_builder_add_str(str_builder_t *b, obj_t *s) {
    str_builder_add(b, str_data(s), str_nbytes(s));
}

void str_builder_printf(str_builder_t *b, const char *fmt, ...) {
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        str_builder_add(b, small, (size_t)n);
        return;
    }
    if (!builder_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

obj_t *str_builder_finish(str_builder_t *b) {
    if (b->failed) {
        str_builder_discard(b);
        return err_no_memory();
    }
    obj_t *r = str_from_utf8_trusted(b->buf ? b->buf : "", b->len);
    str_builder_discard(b);
    return r;
}

void str_builder_discard(str_builder_t *b) {
    free(b->buf);
    b->buf = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

// ---- iterators ------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *str;         // NULL once exhausted
    _Atomic size_t pos; // byte offset of the next code point
} str_iter_t;

static void str_iter_dealloc(obj_t *o) {
    str_iter_t *it = (str_iter_t *)o;
    XDECREF(it->str);
    obj_free(o);
}

static obj_t *str_iter_self(obj_t *o) {
    return NEWREF(o);
}

// Threads sharing one iterator each claim the code point at the position
// they read by moving pos past it with a compare-and-swap, so every
// character is produced once; pos only ever holds a char boundary <= nbytes.
static obj_t *str_iter_next(obj_t *o) {
    str_iter_t *it = (str_iter_t *)o;
    obj_t *s = it->str;
    size_t nbytes = str_nbytes(s);
    const unsigned char *data = (const unsigned char *)str_data(s);
    size_t pos = atomic_load_explicit(&it->pos, memory_order_relaxed);
    const unsigned char *p;
    size_t n;
    do {
        if (pos >= nbytes) return NULL;
        p = data + pos;
        n = *p < 128 ? 1 : (size_t)utf8_seq_len(*p);
    } while (!atomic_compare_exchange_weak_explicit(&it->pos, &pos, pos + n, memory_order_relaxed,
                                                    memory_order_relaxed));
    if (n == 1) return str_ascii_char(*p);
    return str_from_known((const char *)p, n, 1, false);
}

// __reduce__: (iter, (str,), index) with the index in code points, or
// (iter, ('',)) once exhausted, as CPython 3.11 gives them.
static obj_t *str_iter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    str_iter_t *it = (str_iter_t *)self;
    obj_t *s = it->str;
    size_t pos = atomic_load_explicit(&it->pos, memory_order_relaxed);
    if (pos >= str_nbytes(s)) return iter_reduce_seq("iter", str_empty(), -1);
    size_t index = pos;
    if (!((str_t *)s)->ascii) {
        const unsigned char *data = (const unsigned char *)str_data(s);
        index = 0;
        for (size_t k = 0; k < pos; k++)
            index += (data[k] & 0xC0) != 0x80;
    }
    return iter_reduce_seq("iter", s, (ssize_t)index);
}

// __setstate__(index): the index in code points, clamped to [0, len].
static obj_t *str_iter_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    str_iter_t *it = (str_iter_t *)self;
    obj_t *s = it->str;
    ssize_t index;
    if (iter_setstate_index(args[0], 0, (ssize_t)str_len(s), &index) < 0) return NULL;
    size_t pos = (size_t)index;
    if (!((str_t *)s)->ascii) {
        const unsigned char *data = (const unsigned char *)str_data(s);
        pos = 0;
        for (ssize_t k = 0; k < index; k++)
            pos += data[pos] < 128 ? 1 : (size_t)utf8_seq_len(data[pos]);
    }
    atomic_store_explicit(&it->pos, pos, memory_order_relaxed);
    return NEWREF(None);
}

static const method_def_t str_iter_methods[] = {
    {"__reduce__", str_iter_reduce, METH_DEFAULT, NULL},
    {"__setstate__", str_iter_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

type_t str_ascii_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "str_ascii_iterator",
    .basicsize = sizeof(str_iter_t),
    .base = &object_type,
    .dealloc = str_iter_dealloc,
    .iter = str_iter_self,
    .iternext = str_iter_next,
    .methods = str_iter_methods,
};

type_t str_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "str_iterator",
    .basicsize = sizeof(str_iter_t),
    .base = &object_type,
    .dealloc = str_iter_dealloc,
    .iter = str_iter_self,
    .iternext = str_iter_next,
    .methods = str_iter_methods,
};

static obj_t *str_iter(obj_t *s) {
    type_t *tp = ((str_t *)s)->ascii ? &str_ascii_iter_type : &str_iter_type;
    if (PVM_UNLIKELY(!type_has_flag(tp, TPFLAG_READY)) && type_ensure_ready(tp) < 0) return NULL;
    str_iter_t *it = (str_iter_t *)obj_alloc(tp, sizeof(str_iter_t));
    if (!it) return NULL;
    it->str = NEWREF(s);
    atomic_store_explicit(&it->pos, 0, memory_order_relaxed);
    return (obj_t *)it;
}

// ---- number slots -----------------------------------------------------------------------------

// A heap type with its own slot for op may implement the reflected operation:
// let the abstract layer try it instead of raising here.
static bool other_may_handle(obj_t *v, binop_t op) {
    type_t *t = TYPE(v);
    return type_has_flag(t, TPFLAG_HEAPTYPE) && t->nb[op] != NULL;
}

static obj_t *str_add(obj_t *a, obj_t *b) {
    if (!STR_CHECK(a)) return NEWREF(NotImplemented);
    if (!STR_CHECK(b)) {
        if (other_may_handle(b, BINOP_ADD)) return NEWREF(NotImplemented);
        err_format(exc_TypeError, "can only concatenate str (not \"%s\") to str", obj_type_name(b));
        return NULL;
    }
    return str_concat(a, b);
}

static obj_t *str_mul(obj_t *a, obj_t *b) {
    obj_t *s = STR_CHECK(a) ? a : b, *n = STR_CHECK(a) ? b : a;
    if (!STR_CHECK(s)) return NEWREF(NotImplemented);
    if (!(INT_CHECK(n) || TYPE(n)->nb_index)) {
        if (other_may_handle(n, BINOP_MUL)) return NEWREF(NotImplemented);
        err_format(exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                   obj_type_name(n));
        return NULL;
    }
    ssize_t count;
    if (IS_SMALLINT(n)) {
        int64_t v = SMALLINT_VALUE(n);
        if (v <= 0) return str_empty();
        count = (ssize_t)v;
    } else {
        count = obj_as_ssize(n);
        if (count == -1 && err_occurred()) {
            if (err_matches(exc_IndexError)) {
                obj_t *e = err_fetch();
                obj_t *msg = exc_str(e);
                DECREF(e);
                if (!msg) return NULL;
                err_set(exc_OverflowError, msg);
                DECREF(msg);
            }
            return NULL;
        }
    }
    return str_repeat(s, count);
}

static obj_t *str_mod(obj_t *a, obj_t *b) {
    if (!STR_CHECK(a)) return NEWREF(NotImplemented);
    return str_mod_format(a, b);
}

// ---- str() ------------------------------------------------------------------------------------

static obj_t *str_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"object", "encoding", "errors", NULL};
    obj_t *a[3] = {NULL, NULL, NULL};
    if (args_parse("str", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    obj_t *r;
    if (a[1] || a[2]) {
        for (int i = 1; i < 3; i++) {
            if (a[i] && !STR_CHECK(a[i])) {
                err_format(exc_TypeError, "str() argument '%s' must be str, not %s", names[i],
                           obj_type_name(a[i]));
                return NULL;
            }
        }
        obj_t *o = a[0];
        if (!o) {
            r = str_empty();
        } else if (BYTES_CHECK(o)) {
            r = bytes_decode(o, a[1] ? str_data(a[1]) : "utf-8", a[2] ? str_data(a[2]) : "strict");
        } else if (buffer_check(o)) { // bytearray, memoryview: decoded from a snapshot
            obj_t *b = buffer_as_bytes(o);
            r = b ? bytes_decode(b, a[1] ? str_data(a[1]) : "utf-8",
                                 a[2] ? str_data(a[2]) : "strict")
                  : NULL;
            XDECREF(b);
        } else if (STR_CHECK(o)) {
            err_set_str(exc_TypeError, "decoding str is not supported");
            return NULL;
        } else {
            err_format(exc_TypeError, "decoding to str: need a bytes-like object, %s found",
                       obj_type_name(o));
            return NULL;
        }
    } else if (!a[0]) {
        r = str_empty();
    } else {
        r = obj_str(a[0]);
    }
    if (!r || type == &str_type) return r;
    // A subclass instance: copy the text into an object of `type`.
    size_t n = str_nbytes(r);
    size_t base = type->basicsize > STR_HEADER ? type->basicsize : STR_HEADER;
    str_t *s = (str_t *)obj_alloc(type, base + n + 1);
    if (!s) {
        DECREF(r);
        return NULL;
    }
    atomic_store_explicit(&s->hash, -1, memory_order_relaxed);
    s->len = str_len(r);
    s->nbytes = n;
    s->ascii = ((str_t *)r)->ascii;
    s->interned = false;
    memcpy(s->data, str_data(r), n + 1);
    DECREF(r);
    return (obj_t *)s;
}

static void str_dealloc(obj_t *o) {
    obj_free(o);
}

static hash_t str_hash_slot(obj_t *o) {
    return str_hash(o);
}

type_t str_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "str",
    .basicsize = sizeof(str_t),
    .itemsize = 1,
    .flags = TPFLAG_BASETYPE | TPFLAG_STR_SUBCLASS | TPFLAG_LEAF,
    .base = &object_type,
    .dealloc = str_dealloc,
    .repr = str_repr,
    .str = str_str,
    .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .iter = str_iter,
    .tp_new = str_tp_new,
    .nb = {[BINOP_ADD] = str_add, [BINOP_MUL] = str_mul, [BINOP_MOD] = str_mod},
    .len = str_length,
    .getitem = str_getitem,
    .contains = str_contains,
    .methods = str_methods_table,
    .doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str",
};
