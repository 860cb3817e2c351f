/*
 * objects/dict.c — dict: compact, insertion-ordered hash table (CPython 3.6+
 * layout) and the dict type's methods.  Views and iterators: dictview.c.
 *
 * Table (dict_keys_t, one allocation):
 *     header | indices[size] (int8/16/32/64 by size) | entries[usable]
 * indices[] maps a probe slot to an entry position (DKIX_EMPTY = never
 * used, DKIX_DUMMY = deleted); entries[] holds (hash, key, value) in
 * insertion order; a deleted entry has key == NULL.  Probing is CPython's:
 * i = hash & mask, then i = (5*i + perturb + 1) & mask with perturb >>= 5.
 * A table holds at most USABLE_FRACTION(size) = 2/3 entries; when they are
 * used up the dict is rebuilt into a NEW table sized for used*3 (dummies and
 * deleted entries are dropped), published with a release store, and the old
 * table is handed to keys_retire() (freed after a QSBR grace period).  An empty dict
 * points at the static, immortal EMPTY_KEYS table (usable 0).
 *
 * Concurrency: writers hold the dict's critical section.  Lookups of str
 * and tagged-int keys take no lock (lookup_lockfree); other keys use the
 * locked read path: keys_lookup() takes a
 * table pointer and probes it; only the comparison of a non-identical,
 * non-str key with an equal hash runs Python code (__eq__), after which the
 * lookup re-validates (same table, same key in the entry) and restarts the
 * probe otherwise, as CPython does.  Hashes are computed before entering a
 * section; replaced values and deleted keys are DECREF'd after it.
 * `version` is bumped on every mutation.
 */
#define PVM_CONTAINERS_IMPL 1
#include "containers_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gc/credit.h"
#include "../gc/qsbr.h"
#include "../modules/tracemalloc.h"
#include "../threads/critical.h"
#include "dict.h"
#include "dict_internal.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "set.h"
#include "str.h"
#include "tuple.h"
#include "type.h"

#define DKIX_EMPTY         (-1)
#define DKIX_DUMMY         (-2)
#define DKIX_ERROR         (-3)
#define DKIX_RESTART       (-4) // internal: the table changed under an __eq__ call
#define PERTURB_SHIFT      5
#define DICT_LOG_MINSIZE   3
#define USABLE_FRACTION(n) (((n) << 1) / 3)

typedef struct {
    hash_t hash;
    obj_t *key; // NULL: deleted entry
    obj_t *value;
} dict_entry_t;

struct dict_keys {
    uint8_t log2_size;
    uint8_t log2_index_bytes; // width of one index slot: 1 << this bytes
    size_t usable;            // entries still free at the end of entries[]
    size_t nentries;          // entries[] used so far (including deleted)
    size_t first;             // no live entry below this position (a hint for
                              // OrderedDict's front operations; section only)
    char indices[];           // then the entries, 8-byte aligned
};

// The shared empty table: same layout as dict_keys_t, 8 int8 slots.
static struct {
    uint8_t log2_size;
    uint8_t log2_index_bytes;
    size_t usable;
    size_t nentries;
    size_t first;
    int8_t indices[8];
} empty_keys_storage = {3, 0, 0, 0, 0, {-1, -1, -1, -1, -1, -1, -1, -1}};
#define EMPTY_KEYS  ((dict_keys_t *)&empty_keys_storage)

#define D(o)        ((dict_t *)(o))
#define DK_SIZE(dk) ((size_t)1 << (dk)->log2_size)
#define DK_MASK(dk) (DK_SIZE(dk) - 1)

static inline dict_entry_t *DK_ENTRIES(dict_keys_t *dk) {
    return (dict_entry_t *)(dk->indices + (DK_SIZE(dk) << dk->log2_index_bytes));
}

// Index slots and entry fields are read lock-free by other threads, so
// they are accessed with atomics: a slot is published with a release store
// after its entry is filled, and read with an acquire load.
static inline ssize_t ix_get(dict_keys_t *dk, size_t i) {
    switch (dk->log2_index_bytes) {
    case 0: return __atomic_load_n(&((int8_t *)dk->indices)[i], __ATOMIC_ACQUIRE);
    case 1: return __atomic_load_n(&((int16_t *)dk->indices)[i], __ATOMIC_ACQUIRE);
    case 2: return __atomic_load_n(&((int32_t *)dk->indices)[i], __ATOMIC_ACQUIRE);
    default: return __atomic_load_n(&((int64_t *)dk->indices)[i], __ATOMIC_ACQUIRE);
    }
}

static inline void ix_set(dict_keys_t *dk, size_t i, ssize_t ix) {
    switch (dk->log2_index_bytes) {
    case 0: __atomic_store_n(&((int8_t *)dk->indices)[i], (int8_t)ix, __ATOMIC_RELEASE); break;
    case 1: __atomic_store_n(&((int16_t *)dk->indices)[i], (int16_t)ix, __ATOMIC_RELEASE); break;
    case 2: __atomic_store_n(&((int32_t *)dk->indices)[i], (int32_t)ix, __ATOMIC_RELEASE); break;
    default: __atomic_store_n(&((int64_t *)dk->indices)[i], (int64_t)ix, __ATOMIC_RELEASE); break;
    }
}

#define ENTRY_LOAD(field)     __atomic_load_n(&(field), __ATOMIC_ACQUIRE)
#define ENTRY_STORE(field, v) __atomic_store_n(&(field), (v), __ATOMIC_RELEASE)

static inline dict_keys_t *KEYS(obj_t *d) {
    return atomic_load_explicit(&D(d)->keys, memory_order_acquire);
}
static inline size_t USED(obj_t *d) {
    return atomic_load_explicit(&D(d)->used, memory_order_relaxed);
}
static inline void SET_USED(obj_t *d, size_t n) {
    atomic_store_explicit(&D(d)->used, n, memory_order_relaxed);
}
// Writers are serialized by the section: no read-modify-write needed.
static inline void BUMP_VERSION(obj_t *d) {
    uint64_t v = atomic_load_explicit(&D(d)->version, memory_order_relaxed);
    atomic_store_explicit(&D(d)->version, v + 1, memory_order_relaxed);
}

// ---- tables -----------------------------------------------------------------

static uint8_t calculate_log2_keysize(size_t minsize) {
    uint8_t log2 = DICT_LOG_MINSIZE;
    while (((size_t)1 << log2) < minsize)
        log2++;
    return log2;
}

// Table size for a dict created with room for n items.
static uint8_t estimate_log2_keysize(size_t n) {
    return calculate_log2_keysize((n * 3 + 1) / 2);
}

static dict_keys_t *new_keys(uint8_t log2_size) {
    uint8_t w = log2_size < 8 ? 0 : log2_size < 16 ? 1 : log2_size < 32 ? 2 : 3;
    size_t size = (size_t)1 << log2_size;
    size_t usable = USABLE_FRACTION(size);
    size_t bytes = sizeof(dict_keys_t) + (size << w) + usable * sizeof(dict_entry_t);
    dict_keys_t *dk = malloc(bytes);
    if (!dk) {
        err_no_memory();
        return NULL;
    }
    dk->log2_size = log2_size;
    dk->log2_index_bytes = w;
    dk->usable = usable;
    dk->nentries = 0;
    dk->first = 0;
    // Only the index table needs initializing: entries past nentries are
    // never read.
    memset(dk->indices, 0xff, size << w);
    if (PVM_UNLIKELY(tracemalloc_is_active())) tracemalloc_track(dk, bytes);
    return dk;
}

// The one place a replaced table is released: a lock-free reader may still
// be probing it, so it is freed after a grace period, unless no other thread
// can have read `d` lock-free (the rule of qsbr_container_drop, as for a
// list's item array): then at once, which keeps the dicts that die by the
// million in private use out of QSBR's batches.
static void keys_retire(obj_t *d, dict_keys_t *dk) {
    if (dk == EMPTY_KEYS) return;
    if (PVM_UNLIKELY(tracemalloc_is_active())) tracemalloc_untrack(dk);
    if (qsbr_is_shared(d))
        qsbr_retire_mem(dk, sizeof(dict_keys_t) + (DK_SIZE(dk) << dk->log2_index_bytes) +
                                (USABLE_FRACTION(DK_SIZE(dk)) * sizeof(dict_entry_t)));
    else
        free(dk);
}

// Publishes a new table (release: its contents are visible before the pointer).
static void set_keys(obj_t *d, dict_keys_t *dk) {
    atomic_store_explicit(&D(d)->keys, dk, memory_order_release);
}

// First EMPTY or DUMMY slot for `hash` (insertion; no comparisons).
static size_t find_empty_slot(dict_keys_t *dk, hash_t hash) {
    size_t mask = DK_MASK(dk);
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    for (ssize_t ix = ix_get(dk, i); ix >= 0; ix = ix_get(dk, i)) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

// ---- the read path ------------------------------------------------------------

static inline bool str_fast_eq(obj_t *a, obj_t *b) {
    return STR_EXACT(a) && STR_EXACT(b);
}

// Probes table `dk` of dict `d` for key.  Returns the entry position,
// DKIX_EMPTY if absent, DKIX_ERROR if __eq__ raised, DKIX_RESTART if the
// table changed while __eq__ ran (probe again from d's current table).
static ssize_t keys_lookup(obj_t *d, dict_keys_t *dk, obj_t *key, hash_t hash) {
    size_t mask = DK_MASK(dk);
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    dict_entry_t *entries = DK_ENTRIES(dk);
    for (;;) {
        ssize_t ix = ix_get(dk, i);
        if (ix == DKIX_EMPTY) return DKIX_EMPTY;
        if (ix >= 0) {
            dict_entry_t *ep = &entries[ix];
            obj_t *startkey = ep->key;
            if (startkey == key) return ix;
            if (ep->hash == hash && startkey != NULL) {
                if (str_fast_eq(startkey, key)) {
                    if (str_eq(startkey, key)) return ix;
                } else if (!(IS_SMALLINT(startkey) && IS_SMALLINT(key))) {
                    INCREF(startkey);
                    int cmp = obj_richcompare_bool(startkey, key, CMP_EQ_OP);
                    DECREF(startkey);
                    if (cmp < 0) return DKIX_ERROR;
                    if (dk != KEYS(d) || ep->key != startkey) return DKIX_RESTART;
                    if (cmp > 0) return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

// Lookup in d's current table, restarting while __eq__ changes the table.
// Section held.  On success the entry is KEYS(d)'s entry `ix`.
static ssize_t dict_lookup(obj_t *d, obj_t *key, hash_t hash) {
    for (;;) {
        ssize_t ix = keys_lookup(d, KEYS(d), key, hash);
        if (ix != DKIX_RESTART) return ix;
    }
}

// ---- the write path (section held) -----------------------------------------------

// Rebuilds d into a new table of 2**log2 slots holding its live entries in
// order.  No comparisons.
static int dict_resize(obj_t *d, uint8_t log2) {
    dict_keys_t *old = KEYS(d);
    size_t used = USED(d);
    if (USABLE_FRACTION((size_t)1 << log2) < used) log2 = calculate_log2_keysize(used * 3 / 2 + 1);
    dict_keys_t *dk = new_keys(log2);
    if (!dk) return -1;
    dict_entry_t *src = DK_ENTRIES(old), *dst = DK_ENTRIES(dk);
    size_t n = 0;
    for (size_t k = 0; k < old->nentries; k++) {
        if (src[k].key == NULL) continue;
        dst[n] = src[k];
        ix_set(dk, find_empty_slot(dk, src[k].hash), (ssize_t)n);
        n++;
    }
    dk->nentries = n;
    dk->usable -= n;
    set_keys(d, dk);
    BUMP_VERSION(d);
    keys_retire(d, old);
    return 0;
}

static int insertion_resize(obj_t *d) {
    return dict_resize(d, calculate_log2_keysize(USED(d) * 3));
}

// Appends a new entry (key absent, both refs stolen).  Section held.
static int insert_new(obj_t *d, obj_t *key, obj_t *value, hash_t hash) {
    dict_keys_t *dk = KEYS(d);
    if (dk->usable == 0) {
        if (insertion_resize(d) < 0) return -1;
        dk = KEYS(d);
    }
    size_t slot = find_empty_slot(dk, hash);
    dict_entry_t *ep = &DK_ENTRIES(dk)[dk->nentries];
    ENTRY_STORE(ep->hash, hash);
    ENTRY_STORE(ep->key, key);
    ENTRY_STORE(ep->value, value);
    ix_set(dk, slot, (ssize_t)dk->nentries);
    // Release: a lock-free iterator that sees the new count sees the entry.
    __atomic_store_n(&dk->nentries, dk->nentries + 1, __ATOMIC_RELEASE);
    dk->usable--;
    SET_USED(d, USED(d) + 1);
    BUMP_VERSION(d);
    return 0;
}

// d[key] = value (both borrowed).  Section held.  The replaced value (to be
// DECREF'd after the section) goes to *old.
static int insertdict(obj_t *d, obj_t *key, hash_t hash, obj_t *value, obj_t **old) {
    *old = NULL;
    ssize_t ix = dict_lookup(d, key, hash);
    if (ix == DKIX_ERROR) return -1;
    INCREF(value);
    if (ix >= 0) {
        dict_entry_t *ep = &DK_ENTRIES(KEYS(d))[ix];
        *old = ep->value;
        ENTRY_STORE(ep->value, value);
        BUMP_VERSION(d);
        return 0;
    }
    INCREF(key);
    if (insert_new(d, key, value, hash) < 0) {
        DECREF(key);
        DECREF(value);
        return -1;
    }
    return 0;
}

// Deletes entry ix of the current table; the key and value refs go to *k,
// *v for release after the section.
static void delete_entry(obj_t *d, obj_t *key_for_probe, hash_t hash, ssize_t ix, obj_t **k,
                         obj_t **v) {
    dict_keys_t *dk = KEYS(d);
    size_t mask = DK_MASK(dk);
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    while (ix_get(dk, i) != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    ix_set(dk, i, DKIX_DUMMY);
    dict_entry_t *ep = &DK_ENTRIES(dk)[ix];
    *k = ep->key;
    *v = ep->value;
    ENTRY_STORE(ep->key, NULL);
    ENTRY_STORE(ep->value, NULL);
    SET_USED(d, USED(d) - 1);
    BUMP_VERSION(d);
}

// The first entry with a key at or after i (before, when reverse) in dk's
// entries, or -1 / nentries when there is none.  Caller holds the section.
static ssize_t next_live_entry(dict_keys_t *dk, ssize_t i, bool reverse) {
    dict_entry_t *ep = DK_ENTRIES(dk);
    ssize_t n = (ssize_t)dk->nentries;
    if (reverse) {
        if (i >= n) i = n - 1;
        while (i >= 0 && !ep[i].key)
            i--;
    } else {
        while (i < n && !ep[i].key)
            i++;
    }
    return i;
}

// ---- OrderedDict support (modules/odict.c; section held) ------------------------

int dict_set_locked(obj_t *d, obj_t *key, hash_t hash, obj_t *value, obj_t **old, bool *added) {
    ssize_t before = (ssize_t)USED(d);
    int rc = insertdict(d, key, hash, value, old);
    *added = rc == 0 && (ssize_t)USED(d) != before;
    return rc;
}

int dict_pop_locked(obj_t *d, obj_t *key, hash_t hash, obj_t **k, obj_t **v) {
    *k = *v = NULL;
    ssize_t ix = USED(d) ? dict_lookup(d, key, hash) : DKIX_EMPTY;
    if (ix == DKIX_ERROR) return -1;
    if (ix < 0) return 0;
    delete_entry(d, key, hash, ix, k, v);
    return 1;
}

int dict_popitem_locked(obj_t *d, bool last, obj_t **k, obj_t **v) {
    *k = *v = NULL;
    if (USED(d) == 0) return 0;
    dict_keys_t *dk = KEYS(d);
    dict_entry_t *ep = DK_ENTRIES(dk);
    ssize_t n = (ssize_t)dk->nentries, i;
    if (last) {
        for (i = n - 1; i >= 0 && !ep[i].key; i--) {
        }
    } else {
        for (i = (ssize_t)dk->first; i < n && !ep[i].key; i++) {
        }
        dk->first = (size_t)i + 1;
    }
    delete_entry(d, ep[i].key, ep[i].hash, i, k, v);
    return 1;
}

// The index slot of d's current table that points at entry ix.
static size_t slot_of(dict_keys_t *dk, hash_t hash, ssize_t ix) {
    size_t mask = DK_MASK(dk);
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    while (ix_get(dk, i) != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

// Rebuilds d's table with entry `ix` first or last.  Moving to the front
// leaves `used / 2 + 1` free (deleted) entries before the first live one,
// so the next front moves are O(1) (move_entry) and a rebuild happens once
// per that many: amortized O(1).
static int rebuild_moved(obj_t *d, ssize_t ix, bool last) {
    dict_keys_t *old = KEYS(d);
    size_t used = USED(d), slack = last ? 0 : used / 2 + 1;
    uint8_t log2 = old->log2_size;
    if (USABLE_FRACTION((size_t)1 << log2) < used + slack)
        log2 = calculate_log2_keysize((used + slack) * 3 / 2 + 1);
    dict_keys_t *dk = new_keys(log2);
    if (!dk) return -1;
    dict_entry_t *src = DK_ENTRIES(old), *dst = DK_ENTRIES(dk);
    memset(dst, 0, slack * sizeof(dict_entry_t)); // free entries: no key
    size_t n = slack;
    dk->first = slack;
    if (!last) {
        dst[n] = src[ix];
        ix_set(dk, find_empty_slot(dk, src[ix].hash), (ssize_t)n++);
    }
    for (size_t k = 0; k < old->nentries; k++) {
        if (src[k].key == NULL || (ssize_t)k == ix) continue;
        dst[n] = src[k];
        ix_set(dk, find_empty_slot(dk, src[k].hash), (ssize_t)n++);
    }
    if (last) {
        dst[n] = src[ix];
        ix_set(dk, find_empty_slot(dk, src[ix].hash), (ssize_t)n++);
    }
    dk->nentries = n;
    dk->usable -= n;
    set_keys(d, dk);
    BUMP_VERSION(d);
    keys_retire(d, old);
    return 0;
}

// Moves entry ix of the current table to position `to` (a free position:
// the end, or a deleted entry before the first live one), then retargets
// its slot and clears the old entry.  Lock-free readers see the key at the
// old entry, at the new one, or (between the two) a slot whose entry has no
// key, which sends them to the locked path.
static void move_entry(dict_keys_t *dk, ssize_t ix, ssize_t to) {
    dict_entry_t *src = &DK_ENTRIES(dk)[ix], *dst = &DK_ENTRIES(dk)[to];
    ENTRY_STORE(dst->hash, src->hash);
    ENTRY_STORE(dst->value, src->value);
    ENTRY_STORE(dst->key, src->key); // last: an iterator that sees the key sees the value
    ix_set(dk, slot_of(dk, src->hash, ix), to);
    if ((size_t)to == dk->nentries) {
        __atomic_store_n(&dk->nentries, dk->nentries + 1, __ATOMIC_RELEASE);
        dk->usable--;
    }
    ENTRY_STORE(src->value, NULL);
    ENTRY_STORE(src->key, NULL);
}

int dict_move_locked(obj_t *d, obj_t *key, hash_t hash, bool last) {
    ssize_t ix = USED(d) ? dict_lookup(d, key, hash) : DKIX_EMPTY;
    if (ix == DKIX_ERROR) return -1;
    if (ix < 0) return 0;
    dict_keys_t *dk = KEYS(d);
    dict_entry_t *ep = DK_ENTRIES(dk);
    ssize_t n = (ssize_t)dk->nentries, edge;
    if (last) {
        for (edge = n - 1; edge > ix && !ep[edge].key; edge--) {
        }
    } else {
        for (edge = (ssize_t)dk->first; edge < ix && !ep[edge].key; edge++) {
        }
        dk->first = (size_t)edge; // the scan saw nothing live below edge
    }
    if (edge == ix) return 1; // already there
    if (last && dk->usable > 0) {
        move_entry(dk, ix, n);
    } else if (!last && edge > 0) {
        move_entry(dk, ix, edge - 1); // a deleted entry before the first live one
        dk->first = (size_t)edge - 1;
    } else if (rebuild_moved(d, ix, last) < 0) {
        return -1;
    }
    BUMP_VERSION(d);
    return 1;
}

int dict_step_locked(obj_t *d, ssize_t *pos, bool reverse, obj_t **key, obj_t **value) {
    dict_keys_t *dk = KEYS(d);
    dict_entry_t *ep = DK_ENTRIES(dk);
    ssize_t i = *pos, n = (ssize_t)dk->nentries;
    if (!reverse && i < (ssize_t)dk->first) i = (ssize_t)dk->first;
    i = next_live_entry(dk, i, reverse);
    if (i < 0 || i >= n) {
        *pos = reverse ? -1 : n;
        return 0;
    }
    if (key) *key = NEWREF(ep[i].key);
    if (value) *value = NEWREF(ep[i].value);
    *pos = reverse ? i - 1 : i + 1;
    return 1;
}

// ---- public C API ---------------------------------------------------------------

static obj_t *dict_alloc(type_t *type) {
    obj_t *d = obj_alloc(type, type->basicsize);
    if (!d) return NULL;
    set_keys(d, EMPTY_KEYS);
    return d;
}

PVM_WUR obj_t *dict_new(void) {
    return dict_alloc(&dict_type);
}

// A new exact dict presized for n items.
static obj_t *dict_new_presized(size_t n) {
    obj_t *d = dict_alloc(&dict_type);
    if (!d || n <= 5) return d;
    dict_keys_t *dk = new_keys(estimate_log2_keysize(n));
    if (!dk) {
        DECREF(d);
        return NULL;
    }
    set_keys(d, dk);
    return d;
}

// Lock-free lookup for keys whose comparison runs no Python code (exact str
// and tagged ints): acquire-load the table, probe, read the value, take a
// reference.  Safe without a lock because a table is freed, and a reference
// the dict drops is released, only after a grace period (gc/qsbr.h), and
// this thread passes no quiescent state in between.  *done is false when
// the caller must use the locked path.
static inline obj_t *lookup_lockfree_impl(obj_t *d, obj_t *key, hash_t hash, bool *done, bool reg) {
    *done = false;
    qsbr_before_lockfree_read(d);
    dict_keys_t *dk = KEYS(d);
    size_t mask = DK_MASK(dk);
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    dict_entry_t *entries = DK_ENTRIES(dk);
    bool key_is_str = STR_EXACT(key);
    for (size_t probes = 0; probes <= mask; probes++) {
        ssize_t ix = ix_get(dk, i);
        if (ix == DKIX_EMPTY) {
            *done = true;
            return NULL;
        }
        if (ix >= 0) {
            dict_entry_t *ep = &entries[ix];
            obj_t *k = ENTRY_LOAD(ep->key);
            // A slot whose entry has no key: deleted or moved (dict_move_locked)
            // under this read; the locked path decides.
            if (k == NULL) return NULL;
            bool found = k == key;
            if (!found && k != NULL && ENTRY_LOAD(ep->hash) == hash) {
                // Equal hashes: only str == str is decided here; anything
                // else (True == 1, 1.0 == 1 ...) needs the full comparison.
                if (!(key_is_str && STR_EXACT(k))) return NULL;
                found = str_eq(k, key);
            }
            if (found) {
                obj_t *v = ENTRY_LOAD(ep->value);
                if (v == NULL) return NULL; // being deleted: let the locked path decide
                if (reg)
                    INCREF_REG(v); // a register's reference: may be a credit
                else
                    INCREF(v);
                *done = true;
                return v;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return NULL;
}

PVM_WUR obj_t *dict_get_for_reg(obj_t *d, obj_t *key, hash_t hash, bool *done) {
    return lookup_lockfree_impl(d, key, hash, done, true);
}

static PVM_NOINLINE obj_t *dict_get_hashed_locked(obj_t *d, obj_t *key, hash_t hash);

// The lookup every reader shares: lock-free when the key's comparison runs
// no Python code, else under the dict's critical section.  `reg`: the
// result goes to a register and may be a credit (INCREF_REG).
static inline obj_t *dict_get_hashed_impl(obj_t *d, obj_t *key, hash_t hash, bool reg) {
    if (IS_SMALLINT(key) || STR_EXACT(key)) {
        bool done;
        obj_t *r = lookup_lockfree_impl(d, key, hash, &done, reg);
        if (done) return r;
    }
    return dict_get_hashed_locked(d, key, hash);
}

// Out of line, so that the lock-free callers stay small.
static obj_t *dict_get_hashed_locked(obj_t *d, obj_t *key, hash_t hash) {
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(d);
    ssize_t ix = dict_lookup(d, key, hash);
    if (ix >= 0) {
        r = DK_ENTRIES(KEYS(d))[ix].value;
        INCREF(r); // the slow path always takes a counted reference
    }
    END_CRITICAL_SECTION();
    return r;
}

PVM_WUR obj_t *dict_get_hashed(obj_t *d, obj_t *key, hash_t hash) {
    return dict_get_hashed_impl(d, key, hash, false);
}

PVM_WUR obj_t *dict_get_hashed_for_reg(obj_t *d, obj_t *key, hash_t hash) {
    return dict_get_hashed_impl(d, key, hash, true);
}

PVM_WUR obj_t *dict_get(obj_t *d, obj_t *key) {
    hash_t hash = cont_hash(key);
    if (hash == -1) return NULL;
    return dict_get_hashed(d, key, hash);
}

PVM_WUR obj_t *dict_get_str(obj_t *d, const char *key) {
    obj_t *k = str_intern(key);
    return dict_get_hashed(d, k, str_hash(k));
}

static int dict_set_hashed(obj_t *d, obj_t *key, hash_t hash, obj_t *value) {
    int rc;
    obj_t *old = NULL;
    BEGIN_CRITICAL_SECTION(d);
    rc = insertdict(d, key, hash, value, &old);
    END_CRITICAL_SECTION();
    qsbr_container_drop(d, old);
    return rc;
}

int dict_set(obj_t *d, obj_t *key, obj_t *value) {
    hash_t hash = cont_hash(key);
    if (hash == -1) return -1;
    return dict_set_hashed(d, key, hash, value);
}

int dict_set_str(obj_t *d, const char *key, obj_t *value) {
    obj_t *k = str_intern(key);
    return dict_set_hashed(d, k, str_hash(k), value);
}

// Removes key (hash known): 1 removed (value to *out if out), 0 missing, -1.
static int dict_pop_hashed(obj_t *d, obj_t *key, hash_t hash, obj_t **out) {
    int rc = 0;
    obj_t *k = NULL, *v = NULL;
    BEGIN_CRITICAL_SECTION(d);
    ssize_t ix = USED(d) ? dict_lookup(d, key, hash) : DKIX_EMPTY;
    if (ix == DKIX_ERROR) {
        rc = -1;
    } else if (ix >= 0) {
        delete_entry(d, key, hash, ix, &k, &v);
        rc = 1;
    }
    END_CRITICAL_SECTION();
    // The dict's references are released after a grace period when other
    // threads may be reading it; the caller gets a reference of its own.
    qsbr_container_drop(d, k);
    if (out) *out = v ? NEWREF(v) : NULL;
    qsbr_container_drop(d, v);
    return rc;
}

int dict_pop(obj_t *d, obj_t *key, obj_t **out) {
    if (out) *out = NULL;
    hash_t hash = cont_hash(key);
    if (hash == -1) return -1;
    return dict_pop_hashed(d, key, hash, out);
}

int dict_del(obj_t *d, obj_t *key) {
    int rc = dict_pop(d, key, NULL);
    if (rc == 0) {
        cont_set_key_error(key);
        return -1;
    }
    return rc < 0 ? -1 : 0;
}

int dict_contains_hashed(obj_t *d, obj_t *key, hash_t hash) {
    int rc;
    BEGIN_CRITICAL_SECTION(d);
    ssize_t ix = dict_lookup(d, key, hash);
    rc = ix == DKIX_ERROR ? -1 : ix >= 0;
    END_CRITICAL_SECTION();
    return rc;
}

int dict_contains(obj_t *d, obj_t *key) {
    hash_t hash = cont_hash(key);
    if (hash == -1) return -1;
    return dict_contains_hashed(d, key, hash);
}

ssize_t dict_size(obj_t *d) {
    return (ssize_t)USED(d);
}

void dict_clear(obj_t *d) {
    dict_keys_t *old;
    BEGIN_CRITICAL_SECTION(d);
    old = KEYS(d);
    set_keys(d, EMPTY_KEYS);
    SET_USED(d, 0);
    BUMP_VERSION(d);
    END_CRITICAL_SECTION();
    if (old == EMPTY_KEYS) return;
    // Copy the references out, retire the table, then release them (DECREF
    // may run __del__, which may touch d again).
    size_t n = old->nentries, k = 0;
    obj_t **refs = malloc(2 * n * sizeof(obj_t *) + 1);
    dict_entry_t *ep = DK_ENTRIES(old);
    if (!refs) {
        for (size_t i = 0; i < n; i++) {
            qsbr_container_drop(d, ep[i].key);
            qsbr_container_drop(d, ep[i].value);
        }
        keys_retire(d, old);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (ep[i].key) {
            refs[k++] = ep[i].key;
            refs[k++] = ep[i].value;
        }
    }
    keys_retire(d, old);
    for (size_t i = 0; i < k; i++)
        qsbr_container_drop(d, refs[i]);
    free(refs);
}

int dict_next_hashed(obj_t *d, ssize_t *pos, obj_t **key, obj_t **value, hash_t *hash) {
    int found = 0;
    BEGIN_CRITICAL_SECTION(d);
    dict_keys_t *dk = KEYS(d);
    dict_entry_t *ep = DK_ENTRIES(dk);
    ssize_t i = *pos < 0 ? 0 : *pos;
    for (; (size_t)i < dk->nentries; i++) {
        if (ep[i].key) {
            if (key) *key = NEWREF(ep[i].key);
            if (value) *value = NEWREF(ep[i].value);
            if (hash) *hash = ep[i].hash;
            found = 1;
            i++;
            break;
        }
    }
    *pos = i;
    END_CRITICAL_SECTION();
    return found;
}

int dict_next(obj_t *d, ssize_t *pos, obj_t **key, obj_t **value) {
    return dict_next_hashed(d, pos, key, value, NULL);
}

// Copies the live entries of `d` under its section: n triples with new
// references in a malloc'ed array (NULL + *n == 0 when empty).
typedef struct {
    hash_t hash;
    obj_t *key, *value;
} triple_t;

static triple_t *snapshot_entries(obj_t *d, size_t *n, int *err) {
    triple_t *out = NULL;
    *n = 0;
    *err = 0;
    for (;;) {
        size_t want = USED(d);
        if (want == 0) return NULL;
        triple_t *buf = malloc(want * sizeof(triple_t));
        if (!buf) {
            err_no_memory();
            *err = 1;
            return NULL;
        }
        bool ok = false;
        BEGIN_CRITICAL_SECTION(d);
        if (USED(d) == want) {
            dict_keys_t *dk = KEYS(d);
            dict_entry_t *ep = DK_ENTRIES(dk);
            size_t k = 0;
            for (size_t i = 0; i < dk->nentries; i++) {
                if (!ep[i].key) continue;
                buf[k].hash = ep[i].hash;
                buf[k].key = NEWREF(ep[i].key);
                buf[k].value = NEWREF(ep[i].value);
                k++;
            }
            *n = k;
            ok = true;
        }
        END_CRITICAL_SECTION();
        if (ok) {
            out = buf;
            break;
        }
        free(buf);
    }
    return out;
}

static void release_triples(triple_t *t, size_t n) {
    for (size_t i = 0; i < n; i++) {
        DECREF(t[i].key);
        DECREF(t[i].value);
    }
    free(t);
}

PVM_WUR obj_t *dict_copy(obj_t *src) {
    obj_t *d = dict_alloc(&dict_type);
    if (!d) return NULL;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(src);
    size_t used = USED(src);
    if (used > 0) {
        dict_keys_t *old = KEYS(src);
        dict_keys_t *dk = new_keys(estimate_log2_keysize(used));
        if (!dk) {
            rc = -1;
        } else {
            dict_entry_t *s = DK_ENTRIES(old), *t = DK_ENTRIES(dk);
            size_t n = 0;
            for (size_t i = 0; i < old->nentries; i++) {
                if (!s[i].key) continue;
                t[n].hash = s[i].hash;
                t[n].key = NEWREF(s[i].key);
                t[n].value = NEWREF(s[i].value);
                ix_set(dk, find_empty_slot(dk, s[i].hash), (ssize_t)n);
                n++;
            }
            dk->nentries = n;
            dk->usable -= n;
            set_keys(d, dk);
            SET_USED(d, n);
        }
    }
    END_CRITICAL_SECTION();
    if (rc < 0) {
        DECREF(d);
        return NULL;
    }
    return d;
}

static obj_t *dict_iter(obj_t *d);

int dict_merge(obj_t *a, obj_t *b, bool override) {
    if (DICT_CHECK(b) && TYPE(b)->iter == dict_iter) {
        size_t n;
        int err;
        triple_t *t = snapshot_entries(b, &n, &err);
        if (err) return -1;
        int rc = 0;
        obj_t **garbage = n ? malloc(n * sizeof(obj_t *)) : NULL;
        size_t ng = 0;
        if (n && !garbage) {
            release_triples(t, n);
            err_no_memory();
            return -1;
        }
        BEGIN_CRITICAL_SECTION(a);
        // One resize up front when a is small compared to what comes in.
        dict_keys_t *dk = KEYS(a);
        if (dk->usable < n && USABLE_FRACTION(DK_SIZE(dk)) < USED(a) + n)
            rc = dict_resize(a, estimate_log2_keysize(USED(a) + n));
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (!override) {
                ssize_t ix = dict_lookup(a, t[i].key, t[i].hash);
                if (ix == DKIX_ERROR) {
                    rc = -1;
                    break;
                }
                if (ix >= 0) continue;
            }
            obj_t *old = NULL;
            rc = insertdict(a, t[i].key, t[i].hash, t[i].value, &old);
            if (old) garbage[ng++] = old;
        }
        END_CRITICAL_SECTION();
        for (size_t i = 0; i < ng; i++)
            qsbr_container_drop(a, garbage[i]); // lock-free readers: see gc/qsbr.h
        free(garbage);
        release_triples(t, n);
        return rc;
    }
    // Generic mapping: for k in b.keys(): a[k] = b[k]
    obj_t *keys = obj_call_method(b, "keys", NULL, 0);
    if (!keys) return -1;
    obj_t *it = obj_iter(keys);
    DECREF(keys);
    if (!it) return -1;
    for (;;) {
        obj_t *k = obj_iternext(it);
        if (!k) break;
        if (!override) {
            int c = dict_contains(a, k);
            if (c != 0) {
                DECREF(k);
                if (c < 0) {
                    DECREF(it);
                    return -1;
                }
                continue;
            }
        }
        obj_t *v = obj_getitem(b, k);
        if (!v) {
            DECREF(k);
            DECREF(it);
            return -1;
        }
        int rc = dict_set(a, k, v);
        DECREF(k);
        DECREF(v);
        if (rc < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

// dict.update(seq2): an iterable of 2-item iterables.
static int merge_from_seq2(obj_t *d, obj_t *seq2, bool override) {
    obj_t *it = obj_iter(seq2);
    if (!it) return -1;
    for (ssize_t i = 0;; i++) {
        obj_t *item = obj_iternext(it);
        if (!item) break;
        obj_t *fast;
        if (TUPLE_CHECK(item)) {
            fast = NEWREF(item);
        } else if (LIST_CHECK(item)) {
            fast = list_as_tuple(item);
        } else {
            obj_t *sub = obj_iter(item);
            if (!sub) {
                if (err_matches(exc_TypeError)) {
                    err_clear();
                    err_format(exc_TypeError,
                               "cannot convert dictionary update sequence element #%zd to a "
                               "sequence",
                               i);
                }
                fast = NULL;
            } else {
                fast = tuple_from_iterable(sub);
                DECREF(sub);
            }
        }
        DECREF(item);
        if (!fast) {
            DECREF(it);
            return -1;
        }
        if (TUPLE_SIZE(fast) != 2) {
            err_format(exc_ValueError,
                       "dictionary update sequence element #%zd has length %zd; 2 is required", i,
                       (ssize_t)TUPLE_SIZE(fast));
            DECREF(fast);
            DECREF(it);
            return -1;
        }
        int rc = 0;
        if (override) {
            rc = dict_set(d, TUPLE_GET(fast, 0), TUPLE_GET(fast, 1));
        } else {
            rc = dict_contains(d, TUPLE_GET(fast, 0));
            if (rc == 0)
                rc = dict_set(d, TUPLE_GET(fast, 0), TUPLE_GET(fast, 1));
            else if (rc > 0)
                rc = 0;
        }
        DECREF(fast);
        if (rc < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

// CPython's dict_update_arg: a dict, anything with .keys(), or pairs.
static int dict_update_arg(obj_t *d, obj_t *arg) {
    if (DICT_CHECK(arg)) return dict_merge(d, arg, true);
    obj_t *keys_name = str_intern("keys");
    obj_t *func = obj_lookup_attr(arg, keys_name);
    if (func) {
        DECREF(func);
        return dict_merge(d, arg, true);
    }
    if (err_occurred()) return -1;
    return merge_from_seq2(d, arg, true);
}

int dict_update(obj_t *d, obj_t *other) {
    return dict_update_arg(d, other);
}

// Snapshot lists of keys / values / items.
static obj_t *dict_list_of(obj_t *d, int kind) {
    size_t n;
    int err;
    triple_t *t = snapshot_entries(d, &n, &err);
    if (err) return NULL;
    obj_t *l = list_new(n);
    if (!l) {
        release_triples(t, n);
        return NULL;
    }
    obj_t **items = list_items_unsafe(l);
    for (size_t i = 0; i < n; i++) {
        obj_t *v;
        if (kind == DICT_ITER_KEYS) {
            v = NEWREF(t[i].key);
        } else if (kind == DICT_ITER_VALUES) {
            v = NEWREF(t[i].value);
        } else {
            v = tuple_pack(2, t[i].key, t[i].value);
            if (!v) {
                DECREF(l);
                release_triples(t, n);
                return NULL;
            }
        }
        items[i] = v; // replaces an immortal None
    }
    release_triples(t, n);
    return l;
}

PVM_WUR obj_t *dict_keys_list(obj_t *d) {
    return dict_list_of(d, DICT_ITER_KEYS);
}
PVM_WUR obj_t *dict_values_list(obj_t *d) {
    return dict_list_of(d, DICT_ITER_VALUES);
}
PVM_WUR obj_t *dict_items_list(obj_t *d) {
    return dict_list_of(d, DICT_ITER_ITEMS);
}

int dict_items_flat(obj_t *d, obj_t ***out, size_t *n) {
    *out = NULL;
    *n = 0;
    for (;;) {
        size_t want = USED(d);
        if (want == 0) return 0;
        obj_t **buf = malloc(2 * want * sizeof(obj_t *));
        if (!buf) {
            err_no_memory();
            return -1;
        }
        bool ok = false;
        BEGIN_CRITICAL_SECTION(d);
        if (USED(d) == want) {
            dict_keys_t *dk = KEYS(d);
            dict_entry_t *ep = DK_ENTRIES(dk);
            size_t k = 0;
            for (size_t i = 0; i < dk->nentries; i++) {
                if (!ep[i].key) continue;
                buf[k++] = NEWREF(ep[i].key);
                buf[k++] = NEWREF(ep[i].value);
            }
            ok = true;
        }
        END_CRITICAL_SECTION();
        if (ok) {
            *out = buf;
            *n = want;
            return 0;
        }
        free(buf); // resized meanwhile: try again
    }
}

// ---- iteration support for dictview.c ------------------------------------------

void dict_iter_init(obj_t *d, dict_iter_state_t *st, bool reverse) {
    BEGIN_CRITICAL_SECTION(d);
    st->used = (ssize_t)USED(d);
    st->len = st->used;
    st->pos = reverse ? (ssize_t)KEYS(d)->nentries - 1 : 0;
    END_CRITICAL_SECTION();
}

int dict_iter_step(obj_t *d, dict_iter_state_t *st, bool reverse, obj_t **key, obj_t **value) {
    int rc = 0;
    if (st->len < 0) return 0; // exhausted (or stopped by "keys changed")
    BEGIN_CRITICAL_SECTION(d);
    if (st->used != (ssize_t)USED(d)) {
        st->used = -1; // sticky
        rc = -1;
    } else {
        dict_keys_t *dk = KEYS(d);
        dict_entry_t *ep = DK_ENTRIES(dk);
        ssize_t n = (ssize_t)dk->nentries, i = next_live_entry(dk, st->pos, reverse);
        if (i >= 0 && i < n) {
            if (st->len == 0) {
                rc = -2;
            } else {
                if (key) *key = NEWREF(ep[i].key);
                if (value) *value = NEWREF(ep[i].value);
                st->pos = reverse ? i - 1 : i + 1;
                st->len--;
                rc = 1;
            }
        } else {
            st->len = -1;
        }
    }
    END_CRITICAL_SECTION();
    if (rc == -1) {
        err_set_str(exc_RuntimeError, "dictionary changed size during iteration");
    } else if (rc == -2) {
        st->len = -1;
        err_set_str(exc_RuntimeError, "dictionary keys changed during iteration");
        rc = -1;
    }
    return rc;
}

int dict_iter_step_for_reg(obj_t *d, dict_iter_state_t *st, obj_t **key, obj_t **value) {
    if (st->len < 0) return 0;
    // As lookup_lockfree: the table and the references it holds stay valid
    // until this thread's next quiescent state.
    qsbr_before_lockfree_read(d);
    if (st->used != (ssize_t)USED(d)) {
        st->used = -1; // sticky
        err_set_str(exc_RuntimeError, "dictionary changed size during iteration");
        return -1;
    }
    dict_keys_t *dk = KEYS(d);
    dict_entry_t *ep = DK_ENTRIES(dk);
    ssize_t n = (ssize_t)__atomic_load_n(&dk->nentries, __ATOMIC_ACQUIRE);
    for (ssize_t i = st->pos; i < n; i++) {
        obj_t *k = ENTRY_LOAD(ep[i].key);
        if (k == NULL) continue;
        obj_t *v = ENTRY_LOAD(ep[i].value);
        if (v == NULL) break; // being deleted: let the locked step decide
        if (st->len == 0) {
            st->len = -1;
            err_set_str(exc_RuntimeError, "dictionary keys changed during iteration");
            return -1;
        }
        if (key) INCREF_REG(k), *key = k;
        if (value) INCREF_REG(v), *value = v;
        st->pos = i + 1;
        st->len--;
        return 1;
    }
    if (st->pos < n) return dict_iter_step(d, st, false, key, value);
    st->len = -1;
    return 0;
}

// ---- slots -----------------------------------------------------------------------

// Nesting depth is bounded by the caller (gc/trashcan.h).
static void dict_dealloc(obj_t *d) {
    dict_keys_t *dk = KEYS(d);
    if (dk != EMPTY_KEYS) {
        dict_entry_t *ep = DK_ENTRIES(dk);
        for (size_t i = 0; i < dk->nentries; i++) {
            if (ep[i].key) {
                DECREF(ep[i].key);
                DECREF(ep[i].value);
            }
        }
        keys_retire(d, dk);
    }
    obj_free(d);
}

static ssize_t dict_length(obj_t *d) {
    return (ssize_t)USED(d);
}

static _Atomic(obj_t *) s_missing;

static obj_t *dict_subscript(obj_t *d, obj_t *key) {
    hash_t hash = cont_hash(key);
    if (hash == -1) return NULL;
    obj_t *v = dict_get_hashed(d, key, hash);
    if (v || err_occurred()) return v;
    if (TYPE(d) != &dict_type) {
        obj_t *name = atomic_load_explicit(&s_missing, memory_order_relaxed);
        if (!name) {
            name = str_intern("__missing__");
            atomic_store_explicit(&s_missing, name, memory_order_relaxed);
        }
        obj_t *missing = type_lookup(TYPE(d), name);
        if (missing) {
            descrgetfunc get = TYPE(missing)->descr_get;
            if (get) {
                obj_t *bound = get(missing, d, (obj_t *)TYPE(d));
                if (!bound) return NULL;
                obj_t *r = obj_call1(bound, key);
                DECREF(bound);
                return r;
            }
            return obj_call2(missing, d, key);
        }
    }
    cont_set_key_error(key);
    return NULL;
}

static int dict_ass_sub(obj_t *d, obj_t *key, obj_t *value) {
    if (value) return dict_set(d, key, value);
    return dict_del(d, key);
}

static int dict_sq_contains(obj_t *d, obj_t *key) {
    return dict_contains(d, key);
}

static obj_t *dict_iter(obj_t *d) {
    return dictiter_new(d, DICT_ITER_KEYS, false);
}

static obj_t *dict_repr(obj_t *d) {
    if (USED(d) == 0) return str_from_cstr("{}");
    int rc = repr_enter(d);
    if (rc != 0) return rc > 0 ? str_from_cstr("{...}") : NULL;
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_char(&b, '{');
    ssize_t pos = 0;
    obj_t *k, *v;
    bool first = true;
    while (dict_next(d, &pos, &k, &v)) {
        if (!first) str_builder_add(&b, ", ", 2);
        first = false;
        obj_t *kr = obj_repr(k);
        obj_t *vr = kr ? obj_repr(v) : NULL;
        DECREF(k);
        DECREF(v);
        if (!vr) {
            XDECREF(kr);
            str_builder_discard(&b);
            repr_leave(d);
            return NULL;
        }
        str_builder_add_str(&b, kr);
        str_builder_add(&b, ": ", 2);
        str_builder_add_str(&b, vr);
        DECREF(kr);
        DECREF(vr);
    }
    str_builder_add_char(&b, '}');
    repr_leave(d);
    return str_builder_finish(&b);
}

// 1 if a and b hold equal items, 0 if not, -1 on error.
static int dict_equal(obj_t *a, obj_t *b) {
    if (USED(a) != USED(b)) return 0;
    ssize_t pos = 0;
    obj_t *k, *v;
    hash_t h;
    while (dict_next_hashed(a, &pos, &k, &v, &h)) {
        obj_t *bv = dict_get_hashed(b, k, h);
        DECREF(k);
        if (!bv) {
            DECREF(v);
            return err_occurred() ? -1 : 0;
        }
        int c = obj_richcompare_bool(v, bv, CMP_EQ_OP);
        DECREF(v);
        DECREF(bv);
        if (c <= 0) return c;
    }
    return 1;
}

static obj_t *dict_richcompare(obj_t *a, obj_t *b, int op) {
    if (!DICT_CHECK(a) || !DICT_CHECK(b) || (op != CMP_EQ_OP && op != CMP_NE_OP))
        return NEWREF(NotImplemented);
    int c = dict_equal(a, b);
    if (c < 0) return NULL;
    return NEWREF(bool_from((c == 1) == (op == CMP_EQ_OP)));
}

static obj_t *dict_or(obj_t *a, obj_t *b) {
    if (!DICT_CHECK(a) || !DICT_CHECK(b)) return NEWREF(NotImplemented);
    obj_t *r = dict_copy(a);
    if (!r) return NULL;
    if (dict_update_arg(r, b) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static obj_t *dict_ior(obj_t *a, obj_t *b) {
    if (!DICT_CHECK(a)) return NEWREF(NotImplemented);
    if (dict_update_arg(a, b) < 0) return NULL;
    return NEWREF(a);
}

static obj_t *dict_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return dict_alloc(type);
}

// Applies keyword arguments (kwnames + values) to d.
static int dict_update_kw(obj_t *d, obj_t *const *kwvalues, obj_t *kwnames) {
    if (!kwnames) return 0;
    for (size_t i = 0; i < TUPLE_SIZE(kwnames); i++)
        if (dict_set(d, TUPLE_GET(kwnames, i), kwvalues[i]) < 0) return -1;
    return 0;
}

static int dict_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_check_positional("dict", nargs, 0, 1) < 0) return -1;
    if (nargs == 1 && dict_update_arg(self, args[0]) < 0) return -1;
    return dict_update_kw(self, args + nargs, kwnames);
}

// ---- methods ---------------------------------------------------------------------

static obj_t *m_get(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("get", kwnames) < 0 || cont_check_positional("get", nargs, 1, 2) < 0)
        return NULL;
    obj_t *v = dict_get(self, args[0]);
    if (v || err_occurred()) return v;
    return NEWREF(nargs > 1 ? args[1] : None);
}

static obj_t *m_setdefault(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("setdefault", kwnames) < 0 ||
        cont_check_positional("setdefault", nargs, 1, 2) < 0)
        return NULL;
    obj_t *key = args[0], *dflt = nargs > 1 ? args[1] : None;
    hash_t hash = cont_hash(key);
    if (hash == -1) return NULL;
    obj_t *r = NULL;
    BEGIN_CRITICAL_SECTION(self);
    ssize_t ix = dict_lookup(self, key, hash);
    if (ix >= 0) {
        r = NEWREF(DK_ENTRIES(KEYS(self))[ix].value);
    } else if (ix == DKIX_EMPTY) {
        INCREF(key);
        INCREF(dflt);
        if (insert_new(self, key, dflt, hash) == 0) {
            r = NEWREF(dflt);
        } else {
            DECREF(key);
            DECREF(dflt);
        }
    }
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *m_pop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("pop", kwnames) < 0 || cont_check_positional("pop", nargs, 1, 2) < 0)
        return NULL;
    obj_t *v = NULL;
    int rc = dict_pop(self, args[0], &v);
    if (rc < 0) return NULL;
    if (rc > 0) return v;
    if (nargs > 1) return NEWREF(args[1]);
    cont_set_key_error(args[0]);
    return NULL;
}

static obj_t *m_popitem(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dict.popitem", nargs, kwnames, 0, 0) < 0) return NULL;
    // Allocate the result first: nothing may fail after the removal.
    obj_t *res = tuple_new(2);
    if (!res) return NULL;
    bool found = false;
    BEGIN_CRITICAL_SECTION(self);
    if (USED(self) > 0) {
        dict_keys_t *dk = KEYS(self);
        dict_entry_t *ep = DK_ENTRIES(dk);
        ssize_t i = (ssize_t)dk->nentries - 1;
        while (i >= 0 && !ep[i].key)
            i--;
        obj_t *k, *v;
        delete_entry(self, ep[i].key, ep[i].hash, i, &k, &v);
        dk->nentries = (size_t)i;
        TUPLE_SET(res, 0, k);
        TUPLE_SET(res, 1, v);
        found = true;
    }
    END_CRITICAL_SECTION();
    if (found && qsbr_is_shared(self)) {
        // Readers may still hold the removed pointers: the tuple takes new
        // references and the dict's own go through a grace period.
        INCREF(TUPLE_GET(res, 0));
        INCREF(TUPLE_GET(res, 1));
        qsbr_defer_decref(TUPLE_GET(res, 0));
        qsbr_defer_decref(TUPLE_GET(res, 1));
    }
    if (!found) {
        DECREF(res);
        err_set_str(exc_KeyError, "popitem(): dictionary is empty");
        return NULL;
    }
    return res;
}

static obj_t *m_keys(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dict.keys", nargs, kwnames, 0, 0) < 0) return NULL;
    return dictview_new(self, DICT_ITER_KEYS);
}

static obj_t *m_values(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dict.values", nargs, kwnames, 0, 0) < 0) return NULL;
    return dictview_new(self, DICT_ITER_VALUES);
}

static obj_t *m_items(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dict.items", nargs, kwnames, 0, 0) < 0) return NULL;
    return dictview_new(self, DICT_ITER_ITEMS);
}

static obj_t *m_update(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_check_positional("update", nargs, 0, 1) < 0) return NULL;
    if (nargs == 1 && dict_update_arg(self, args[0]) < 0) return NULL;
    if (dict_update_kw(self, args + nargs, kwnames) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dict.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    return dict_copy(self);
}

static obj_t *m_clear(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dict.clear", nargs, kwnames, 0, 0) < 0) return NULL;
    dict_clear(self);
    return NEWREF(None);
}

static obj_t *m_fromkeys(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("fromkeys", kwnames) < 0 || cont_check_positional("fromkeys", nargs, 1, 2) < 0)
        return NULL;
    obj_t *iterable = args[0], *value = nargs > 1 ? args[1] : None;
    obj_t *d;
    bool exact = cls == (obj_t *)&dict_type;
    if (exact) {
        ssize_t hint = DICT_CHECK(iterable)     ? dict_size(iterable)
                       : ANYSET_CHECK(iterable) ? set_size(iterable)
                                                : 0;
        d = dict_new_presized((size_t)hint);
    } else {
        d = obj_call0(cls);
    }
    if (!d) return NULL;
    obj_t *it = obj_iter(iterable);
    if (!it) {
        DECREF(d);
        return NULL;
    }
    bool fast = OBJ_IS_TYPE(d, &dict_type);
    for (;;) {
        obj_t *k = obj_iternext(it);
        if (!k) break;
        int rc = fast ? dict_set(d, k, value) : obj_setitem(d, k, value);
        DECREF(k);
        if (rc < 0) {
            DECREF(it);
            DECREF(d);
            return NULL;
        }
    }
    DECREF(it);
    if (err_occurred()) {
        DECREF(d);
        return NULL;
    }
    return d;
}

static obj_t *m_reversed(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dict.__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    return dictiter_new(self, DICT_ITER_KEYS, true);
}

// __sizeof__: the object and its table as allocated (new_keys).
static obj_t *m_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dict.__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    size_t n = TYPE(self)->basicsize;
    BEGIN_CRITICAL_SECTION(self);
    dict_keys_t *dk = KEYS(self);
    if (dk != EMPTY_KEYS) {
        size_t size = (size_t)1 << dk->log2_size;
        n += sizeof(dict_keys_t) + (size << dk->log2_index_bytes) +
             USABLE_FRACTION(size) * sizeof(dict_entry_t);
    }
    END_CRITICAL_SECTION();
    return int_from_u64(n);
}

static const method_def_t dict_methods[] = {
    {"get", m_get, METH_DEFAULT, NULL},
    {"setdefault", m_setdefault, METH_DEFAULT, NULL},
    {"pop", m_pop, METH_DEFAULT, NULL},
    {"popitem", m_popitem, METH_DEFAULT, NULL},
    {"keys", m_keys, METH_DEFAULT, NULL},
    {"values", m_values, METH_DEFAULT, NULL},
    {"items", m_items, METH_DEFAULT, NULL},
    {"update", m_update, METH_DEFAULT, NULL},
    {"copy", m_copy, METH_DEFAULT, NULL},
    {"__sizeof__", m_sizeof, METH_DEFAULT, NULL},
    {"clear", m_clear, METH_DEFAULT, NULL},
    {"fromkeys", m_fromkeys, METH_CLASS, NULL},
    {"__reversed__", m_reversed, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

// ---- the cycle collector (gc/gc.h) ----------------------------------------------

// In the collector's pause (or on a dict nobody else can reach): the live
// entries of the current table hold counted references.
static int dict_traverse(obj_t *d, visitproc visit, void *arg) {
    dict_keys_t *dk = KEYS(d);
    if (dk == EMPTY_KEYS) return 0;
    dict_entry_t *ep = DK_ENTRIES(dk);
    for (size_t i = 0; i < dk->nentries; i++) {
        if (ep[i].key == NULL) continue;
        int r = visit(ep[i].key, arg);
        if (r == 0 && ep[i].value != NULL) r = visit(ep[i].value, arg);
        if (r) return r;
    }
    return 0;
}

static int dict_gc_clear(obj_t *d) {
    dict_clear(d);
    return 0;
}

type_t dict_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "dict",
    .basicsize = sizeof(dict_t),
    .flags = TPFLAG_BASETYPE | TPFLAG_DICT_SUBCLASS,
    .base = &object_type,
    .dealloc = dict_dealloc,
    .traverse = dict_traverse,
    .clear = dict_gc_clear,
    .repr = dict_repr,
    .hash = hash_not_implemented,
    .richcompare = dict_richcompare,
    .iter = dict_iter,
    .len = dict_length,
    .getitem = dict_subscript,
    .setitem = dict_ass_sub,
    .contains = dict_sq_contains,
    .nb = {[BINOP_OR] = dict_or},
    .nb_inplace = {[BINOP_OR] = dict_ior},
    .tp_new = dict_tp_new,
    .tp_init = dict_tp_init,
    .methods = dict_methods,
};
