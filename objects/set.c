/*
 * objects/set.c — set and frozenset, and their iterator.
 *
 * The table is CPython's setobject.c: open addressing over set_entry_t
 * (key NULL + hash 0 = never used, key == dummy + hash -1 = deleted), a probe
 * looks at LINEAR_PROBES (9) neighbouring slots before jumping with
 * i = (5*i + 1 + perturb) & mask, perturb >>= 5.  A set starts on its inline
 * 8-slot table and is resized when fill*5 >= mask*3, to the smallest power
 * of two above used*4 (used*2 beyond 50000 items).  Updates from another set
 * copy or re-insert with stored hashes in CPython's order, so sets of small
 * ints iterate in the same order as CPython's.
 *
 * Concurrency: every read or write of a table runs in the set's critical
 * section.  Hashes are computed before entering; __eq__ (for equal hashes)
 * runs inside and the probe restarts if the table changed meanwhile.
 * Operations over two sets walk the other set one entry per section
 * (set_next_entry) rather than holding both locks, except set_merge, which
 * copies a whole table under BEGIN_CRITICAL_SECTION2.  Keys dropped by a
 * mutation are DECREF'd after the section.  Frozensets are not mutated
 * after construction; their hash is cached in `hash`.
 */
#define PVM_CONTAINERS_IMPL 1
#include "../gc/gc.h"
#include "containers_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../threads/critical.h"
#include "dict.h"
#include "dict_internal.h"
#include "exceptions.h"
#include "list.h"
#include "set.h"
#include "str.h"
#include "tuple.h"
#include "type.h"

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define SET_MINSIZE   8

static obj_t dummy_obj = OBJ_HEAD_INIT(&object_type);
#define dummy           (&dummy_obj)

#define S(o)            ((set_t *)(o))
#define IS_SET(o)       (!IS_SMALLINT(o) && type_is_subtype(TYPE(o), &set_type))
#define IS_FROZENSET(o) (!IS_SMALLINT(o) && type_is_subtype(TYPE(o), &frozenset_type))

static obj_t *make_new_set(type_t *type, obj_t *iterable);
static int set_update_internal(obj_t *so, obj_t *other);

// ---- the table (section held) ------------------------------------------------------

static void insert_clean(set_entry_t *table, size_t mask, obj_t *key, hash_t hash) {
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        set_entry_t *entry = &table[i];
        if (entry->key == NULL) goto found_null;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL) goto found_null;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found_null:
        entry->key = key;
        entry->hash = hash;
        return;
    }
}

static int table_resize(set_t *so, size_t minused) {
    size_t newsize = SET_MINSIZE;
    while (newsize <= minused)
        newsize <<= 1;
    set_entry_t *oldtable = so->table;
    bool old_malloced = oldtable != so->small;
    set_entry_t small_copy[SET_MINSIZE];
    set_entry_t *newtable;
    if (newsize == SET_MINSIZE) {
        newtable = so->small;
        if (newtable == oldtable) {
            if (so->fill == so->used) return 0;
            memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else {
        newtable = malloc(newsize * sizeof(set_entry_t));
        if (!newtable) {
            err_no_memory();
            return -1;
        }
    }
    memset(newtable, 0, newsize * sizeof(set_entry_t));
    size_t oldmask = so->mask;
    so->mask = newsize - 1;
    so->table = newtable;
    if (so->fill == so->used) {
        for (size_t i = 0; i <= oldmask; i++)
            if (oldtable[i].key != NULL)
                insert_clean(newtable, so->mask, oldtable[i].key, oldtable[i].hash);
    } else {
        so->fill = so->used;
        for (size_t i = 0; i <= oldmask; i++)
            if (oldtable[i].key != NULL && oldtable[i].key != dummy)
                insert_clean(newtable, so->mask, oldtable[i].key, oldtable[i].hash);
    }
    if (old_malloced) free(oldtable);
    return 0;
}

// Adds key (borrowed) with its hash.  0 / -1.
static int add_entry(set_t *so, obj_t *key, hash_t hash) {
    INCREF(key);
restart:;
    size_t mask = so->mask;
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    set_entry_t *freeslot = NULL;
    for (;;) {
        set_entry_t *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) goto found_unused_or_dummy;
            if (entry->hash == hash) {
                obj_t *startkey = entry->key;
                if (startkey == key) goto found_active;
                if (STR_EXACT(startkey) && STR_EXACT(key)) {
                    if (str_eq(startkey, key)) goto found_active;
                } else if (!(IS_SMALLINT(startkey) && IS_SMALLINT(key))) {
                    set_entry_t *table = so->table;
                    INCREF(startkey);
                    int cmp = obj_richcompare_bool(startkey, key, CMP_EQ_OP);
                    DECREF(startkey);
                    if (cmp > 0) goto found_active;
                    if (cmp < 0) {
                        DECREF(key);
                        return -1;
                    }
                    if (table != so->table || entry->key != startkey) goto restart;
                    mask = so->mask;
                }
            } else if (entry->hash == -1 && freeslot == NULL) {
                freeslot = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found_unused_or_dummy:
        if (freeslot == NULL) {
            so->fill++;
            so->used++;
            entry->key = key;
            entry->hash = hash;
            if (so->fill * 5 < mask * 3) return 0;
            return table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
        }
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    found_active:
        DECREF(key);
        return 0;
    }
}

// 1 found (*out = the entry), 0 absent, -1 error.
static int lookkey(set_t *so, obj_t *key, hash_t hash, set_entry_t **out) {
restart:;
    size_t mask = so->mask;
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    for (;;) {
        set_entry_t *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) return 0;
            if (entry->hash == hash) {
                obj_t *startkey = entry->key;
                if (startkey == key) goto found;
                if (STR_EXACT(startkey) && STR_EXACT(key)) {
                    if (str_eq(startkey, key)) goto found;
                } else if (!(IS_SMALLINT(startkey) && IS_SMALLINT(key))) {
                    set_entry_t *table = so->table;
                    INCREF(startkey);
                    int cmp = obj_richcompare_bool(startkey, key, CMP_EQ_OP);
                    DECREF(startkey);
                    if (cmp < 0) return -1;
                    if (table != so->table || entry->key != startkey) goto restart;
                    if (cmp > 0) goto found;
                    mask = so->mask;
                }
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        *out = entry;
        return 1;
    }
}

// 1 removed (old key to *old for release after the section), 0, -1.
static int discard_entry(set_t *so, obj_t *key, hash_t hash, obj_t **old) {
    set_entry_t *entry;
    int rc = lookkey(so, key, hash, &entry);
    if (rc <= 0) return rc;
    *old = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    so->used--;
    return 1;
}

// ---- section-taking primitives ---------------------------------------------------

static int set_add_hashed(obj_t *so, obj_t *key, hash_t hash) {
    int rc;
    BEGIN_CRITICAL_SECTION(so);
    rc = add_entry(S(so), key, hash);
    END_CRITICAL_SECTION();
    return rc;
}

static int set_contains_hashed(obj_t *so, obj_t *key, hash_t hash) {
    int rc;
    set_entry_t *e;
    BEGIN_CRITICAL_SECTION(so);
    rc = lookkey(S(so), key, hash, &e);
    END_CRITICAL_SECTION();
    return rc;
}

static int set_discard_hashed(obj_t *so, obj_t *key, hash_t hash) {
    int rc;
    obj_t *old = NULL;
    BEGIN_CRITICAL_SECTION(so);
    rc = discard_entry(S(so), key, hash, &old);
    END_CRITICAL_SECTION();
    XDECREF(old);
    return rc;
}

static int set_add_key(obj_t *so, obj_t *key) {
    hash_t h = cont_hash(key);
    if (h == -1) return -1;
    return set_add_hashed(so, key, h);
}

static int set_contains_key(obj_t *so, obj_t *key) {
    hash_t h = cont_hash(key);
    if (h == -1) return -1;
    return set_contains_hashed(so, key, h);
}

static int set_discard_key(obj_t *so, obj_t *key) {
    hash_t h = cont_hash(key);
    if (h == -1) return -1;
    return set_discard_hashed(so, key, h);
}

// One step of iteration over the table: 1 with a new ref in *key and its
// hash, 0 at the end.
static int set_next_entry(obj_t *so, ssize_t *pos, obj_t **key, hash_t *hash) {
    int found = 0;
    BEGIN_CRITICAL_SECTION(so);
    set_t *s = S(so);
    size_t i = (size_t)*pos;
    while (i <= s->mask && (s->table[i].key == NULL || s->table[i].key == dummy))
        i++;
    if (i <= s->mask) {
        *key = NEWREF(s->table[i].key);
        if (hash) *hash = s->table[i].hash;
        found = 1;
        *pos = (ssize_t)i + 1;
    } else {
        *pos = (ssize_t)i;
    }
    END_CRITICAL_SECTION();
    return found;
}

PVM_WUR obj_t *set_snapshot(obj_t *so) {
    for (;;) {
        size_t n = (size_t)set_size(so);
        obj_t *t = tuple_new(n);
        if (!t) return NULL;
        bool ok = false;
        BEGIN_CRITICAL_SECTION(so);
        set_t *s = S(so);
        if (s->used == n) {
            size_t k = 0;
            for (size_t i = 0; i <= s->mask; i++) {
                obj_t *key = s->table[i].key;
                if (key != NULL && key != dummy) TUPLE_SET(t, k++, NEWREF(key));
            }
            ok = true;
        }
        END_CRITICAL_SECTION();
        if (ok) return t;
        DECREF(t); // the size changed meanwhile: its items are all NULL
    }
}

// Empties the set; the old keys are released after the section.
static void set_clear_internal(obj_t *so) {
    set_entry_t small_copy[SET_MINSIZE];
    set_entry_t *old;
    size_t oldmask, fill;
    BEGIN_CRITICAL_SECTION(so);
    set_t *s = S(so);
    old = s->table;
    oldmask = s->mask;
    fill = s->fill;
    if (old == s->small) {
        memcpy(small_copy, s->small, sizeof(small_copy));
        old = small_copy;
    }
    memset(s->small, 0, sizeof(s->small));
    s->table = s->small;
    s->mask = SET_MINSIZE - 1;
    s->fill = 0;
    s->used = 0;
    END_CRITICAL_SECTION();
    if (fill > 0) {
        for (size_t i = 0; i <= oldmask; i++)
            if (old[i].key != NULL && old[i].key != dummy) DECREF(old[i].key);
    }
    if (old != small_copy) free(old);
}

// ---- public C API ------------------------------------------------------------------

PVM_WUR obj_t *set_new(obj_t *iterable) {
    return make_new_set(&set_type, iterable);
}
PVM_WUR obj_t *frozenset_new(obj_t *iterable) {
    return make_new_set(&frozenset_type, iterable);
}

int set_add(obj_t *s, obj_t *key) {
    return set_add_key(s, key);
}

int set_discard(obj_t *s, obj_t *key) {
    return set_discard_key(s, key);
}

int set_contains(obj_t *s, obj_t *key) {
    return set_contains_key(s, key);
}

ssize_t set_size(obj_t *s) {
    ssize_t n;
    BEGIN_CRITICAL_SECTION(s);
    n = (ssize_t)S(s)->used;
    END_CRITICAL_SECTION();
    return n;
}

int set_next(obj_t *s, ssize_t *pos, obj_t **key) {
    return set_next_entry(s, pos, key, NULL);
}

// ---- construction -----------------------------------------------------------------

static obj_t *make_new_set(type_t *type, obj_t *iterable) {
    set_t *so = (set_t *)obj_alloc(type, type->basicsize);
    if (!so) return NULL;
    so->table = so->small;
    so->mask = SET_MINSIZE - 1;
    atomic_store_explicit(&so->hash, -1, memory_order_relaxed);
    if (iterable && set_update_internal((obj_t *)so, iterable) < 0) {
        DECREF((obj_t *)so);
        return NULL;
    }
    return (obj_t *)so;
}

static obj_t *make_new_set_basetype(type_t *type, obj_t *iterable) {
    if (type != &set_type && type != &frozenset_type)
        type = type_is_subtype(type, &set_type) ? &set_type : &frozenset_type;
    return make_new_set(type, iterable);
}

static void set_dealloc(obj_t *o) {
    set_t *so = S(o);
    for (size_t i = 0; i <= so->mask; i++)
        if (so->table[i].key != NULL && so->table[i].key != dummy) DECREF(so->table[i].key);
    if (so->table != so->small) free(so->table);
    obj_free(o);
}

// ---- bulk operations --------------------------------------------------------------

// so |= other, other a set or frozenset (CPython's set_merge).
static int set_merge(obj_t *so_o, obj_t *other_o) {
    if (so_o == other_o) return 0;
    int rc = 0;
    BEGIN_CRITICAL_SECTION2(so_o, other_o);
    set_t *so = S(so_o), *other = S(other_o);
    if (other->used == 0) goto done;
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (table_resize(so, (so->used + other->used) * 2) != 0) {
            rc = -1;
            goto done;
        }
    }
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (size_t i = 0; i <= other->mask; i++) {
            obj_t *key = other->table[i].key;
            if (key != NULL) {
                so->table[i].key = NEWREF(key);
                so->table[i].hash = other->table[i].hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        goto done;
    }
    if (so->fill == 0) {
        so->fill = other->used;
        so->used = other->used;
        for (size_t i = 0; i <= other->mask; i++) {
            obj_t *key = other->table[i].key;
            if (key != NULL && key != dummy)
                insert_clean(so->table, so->mask, NEWREF(key), other->table[i].hash);
        }
        goto done;
    }
    // Possible duplicates: normal insertions (add_entry may run __eq__;
    // re-read other's table each time).
    for (size_t i = 0; i <= other->mask; i++) {
        obj_t *key = other->table[i].key;
        if (key != NULL && key != dummy) {
            if (add_entry(so, key, other->table[i].hash) < 0) {
                rc = -1;
                break;
            }
        }
    }
done:
    END_CRITICAL_SECTION();
    return rc;
}

static int set_update_internal(obj_t *so, obj_t *other) {
    if (ANYSET_CHECK(other)) return set_merge(so, other);
    if (OBJ_IS_TYPE(other, &dict_type)) {
        ssize_t dictsize = dict_size(other);
        int rc = 0;
        BEGIN_CRITICAL_SECTION(so);
        set_t *s = S(so);
        if ((s->fill + (size_t)dictsize) * 5 >= s->mask * 3)
            rc = table_resize(s, (s->used + (size_t)dictsize) * 2);
        END_CRITICAL_SECTION();
        if (rc < 0) return -1;
        ssize_t pos = 0;
        obj_t *key;
        hash_t hash;
        while (dict_next_hashed(other, &pos, &key, NULL, &hash)) {
            rc = set_add_hashed(so, key, hash);
            DECREF(key);
            if (rc < 0) return -1;
        }
        return 0;
    }
    obj_t *it = obj_iter(other);
    if (!it) return -1;
    for (;;) {
        obj_t *key = obj_iternext(it);
        if (!key) break;
        int rc = set_add_key(so, key);
        DECREF(key);
        if (rc < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

int set_update(obj_t *s, obj_t *iterable) {
    return set_update_internal(s, iterable);
}

static obj_t *set_copy(obj_t *so) {
    return make_new_set_basetype(TYPE(so), so);
}

PVM_WUR obj_t *set_intersection(obj_t *so, obj_t *other) {
    if (so == other) return set_copy(so);
    obj_t *result = make_new_set_basetype(TYPE(so), NULL);
    if (!result) return NULL;
    if (ANYSET_CHECK(other)) {
        if (set_size(other) > set_size(so)) {
            obj_t *t = so;
            so = other;
            other = t;
        }
        ssize_t pos = 0;
        obj_t *key;
        hash_t hash;
        while (set_next_entry(other, &pos, &key, &hash)) {
            int rv = set_contains_hashed(so, key, hash);
            if (rv > 0) rv = set_add_hashed(result, key, hash);
            DECREF(key);
            if (rv < 0) {
                DECREF(result);
                return NULL;
            }
        }
        return result;
    }
    obj_t *it = obj_iter(other);
    if (!it) {
        DECREF(result);
        return NULL;
    }
    for (;;) {
        obj_t *key = obj_iternext(it);
        if (!key) break;
        hash_t hash = cont_hash(key);
        int rv = hash == -1 ? -1 : set_contains_hashed(so, key, hash);
        if (rv > 0) rv = set_add_hashed(result, key, hash);
        DECREF(key);
        if (rv < 0) {
            DECREF(it);
            DECREF(result);
            return NULL;
        }
    }
    DECREF(it);
    if (err_occurred()) {
        DECREF(result);
        return NULL;
    }
    return result;
}

// Exchanges the contents of a and b (b is a private temporary).
static void set_swap_bodies(obj_t *ao, obj_t *bo) {
    BEGIN_CRITICAL_SECTION2(ao, bo);
    set_t *a = S(ao), *b = S(bo);
    size_t t;
    t = a->fill;
    a->fill = b->fill;
    b->fill = t;
    t = a->used;
    a->used = b->used;
    b->used = t;
    t = a->mask;
    a->mask = b->mask;
    b->mask = t;
    set_entry_t *u = a->table == a->small ? b->small : a->table;
    a->table = b->table == b->small ? a->small : b->table;
    b->table = u;
    if (a->table == a->small || b->table == b->small) {
        set_entry_t tab[SET_MINSIZE];
        memcpy(tab, a->small, sizeof(tab));
        memcpy(a->small, b->small, sizeof(tab));
        memcpy(b->small, tab, sizeof(tab));
    }
    if (IS_FROZENSET(ao) && IS_FROZENSET(bo)) {
        hash_t h = atomic_load(&a->hash);
        atomic_store(&a->hash, atomic_load(&b->hash));
        atomic_store(&b->hash, h);
    } else {
        atomic_store(&a->hash, -1);
        atomic_store(&b->hash, -1);
    }
    END_CRITICAL_SECTION();
}

static int set_intersection_update(obj_t *so, obj_t *other) {
    obj_t *tmp = set_intersection(so, other);
    if (!tmp) return -1;
    set_swap_bodies(so, tmp);
    DECREF(tmp);
    return 0;
}

int set_difference_update(obj_t *so, obj_t *other) {
    if (so == other) {
        set_clear_internal(so);
        return 0;
    }
    if (ANYSET_CHECK(other)) {
        obj_t *o;
        if ((set_size(other) >> 3) > set_size(so)) {
            o = set_intersection(so, other);
            if (!o) return -1;
        } else {
            o = NEWREF(other);
        }
        ssize_t pos = 0;
        obj_t *key;
        hash_t hash;
        while (set_next_entry(o, &pos, &key, &hash)) {
            int rv = set_discard_hashed(so, key, hash);
            DECREF(key);
            if (rv < 0) {
                DECREF(o);
                return -1;
            }
        }
        DECREF(o);
    } else {
        obj_t *it = obj_iter(other);
        if (!it) return -1;
        for (;;) {
            obj_t *key = obj_iternext(it);
            if (!key) break;
            int rv = set_discard_key(so, key);
            DECREF(key);
            if (rv < 0) {
                DECREF(it);
                return -1;
            }
        }
        DECREF(it);
        if (err_occurred()) return -1;
    }
    // More than 1/4 dummies: resize them away.
    int rc = 0;
    BEGIN_CRITICAL_SECTION(so);
    set_t *s = S(so);
    if (s->fill - s->used > s->mask / 4)
        rc = table_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
    END_CRITICAL_SECTION();
    return rc;
}

static obj_t *set_copy_and_difference(obj_t *so, obj_t *other) {
    obj_t *result = set_copy(so);
    if (!result) return NULL;
    if (set_difference_update(result, other) < 0) {
        DECREF(result);
        return NULL;
    }
    return result;
}

static obj_t *set_difference(obj_t *so, obj_t *other) {
    ssize_t other_size;
    bool is_dict = OBJ_IS_TYPE(other, &dict_type);
    if (ANYSET_CHECK(other))
        other_size = set_size(other);
    else if (is_dict)
        other_size = dict_size(other);
    else
        return set_copy_and_difference(so, other);
    if ((set_size(so) >> 2) > other_size) return set_copy_and_difference(so, other);
    obj_t *result = make_new_set_basetype(TYPE(so), NULL);
    if (!result) return NULL;
    ssize_t pos = 0;
    obj_t *key;
    hash_t hash;
    while (set_next_entry(so, &pos, &key, &hash)) {
        int rv = is_dict ? dict_contains_hashed(other, key, hash)
                         : set_contains_hashed(other, key, hash);
        if (rv == 0) rv = set_add_hashed(result, key, hash);
        DECREF(key);
        if (rv < 0) {
            DECREF(result);
            return NULL;
        }
    }
    return result;
}

int set_symmetric_difference_update(obj_t *so, obj_t *other) {
    if (so == other) {
        set_clear_internal(so);
        return 0;
    }
    obj_t *key;
    hash_t hash;
    ssize_t pos = 0;
    if (OBJ_IS_TYPE(other, &dict_type)) {
        while (dict_next_hashed(other, &pos, &key, NULL, &hash)) {
            int rv = set_discard_hashed(so, key, hash);
            if (rv == 0) rv = set_add_hashed(so, key, hash);
            DECREF(key);
            if (rv < 0) return -1;
        }
        return 0;
    }
    obj_t *otherset = ANYSET_CHECK(other) ? NEWREF(other) : make_new_set_basetype(TYPE(so), other);
    if (!otherset) return -1;
    while (set_next_entry(otherset, &pos, &key, &hash)) {
        int rv = set_discard_hashed(so, key, hash);
        if (rv == 0) rv = set_add_hashed(so, key, hash);
        DECREF(key);
        if (rv < 0) {
            DECREF(otherset);
            return -1;
        }
    }
    DECREF(otherset);
    return 0;
}

static obj_t *set_symmetric_difference(obj_t *so, obj_t *other) {
    obj_t *otherset = make_new_set_basetype(TYPE(so), other);
    if (!otherset) return NULL;
    if (set_symmetric_difference_update(otherset, so) < 0) {
        DECREF(otherset);
        return NULL;
    }
    return otherset;
}

// 1 if so <= other (other a set), 0, -1.
static int set_issubset_internal(obj_t *so, obj_t *other) {
    if (set_size(so) > set_size(other)) return 0;
    ssize_t pos = 0;
    obj_t *key;
    hash_t hash;
    while (set_next_entry(so, &pos, &key, &hash)) {
        int rv = set_contains_hashed(other, key, hash);
        DECREF(key);
        if (rv <= 0) return rv;
    }
    return 1;
}

static int set_issubset(obj_t *so, obj_t *other) {
    if (!ANYSET_CHECK(other)) {
        obj_t *tmp = make_new_set(&set_type, other);
        if (!tmp) return -1;
        int r = set_issubset_internal(so, tmp);
        DECREF(tmp);
        return r;
    }
    return set_issubset_internal(so, other);
}

static int set_issuperset(obj_t *so, obj_t *other) {
    if (ANYSET_CHECK(other)) return set_issubset_internal(other, so);
    obj_t *it = obj_iter(other);
    if (!it) return -1;
    for (;;) {
        obj_t *key = obj_iternext(it);
        if (!key) break;
        int rv = set_contains_key(so, key);
        DECREF(key);
        if (rv <= 0) {
            DECREF(it);
            return rv;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 1;
}

static int set_isdisjoint(obj_t *so, obj_t *other) {
    if (so == other) return set_size(so) == 0;
    if (ANYSET_CHECK(other)) {
        if (set_size(other) > set_size(so)) {
            obj_t *t = so;
            so = other;
            other = t;
        }
        ssize_t pos = 0;
        obj_t *key;
        hash_t hash;
        while (set_next_entry(other, &pos, &key, &hash)) {
            int rv = set_contains_hashed(so, key, hash);
            DECREF(key);
            if (rv != 0) return rv < 0 ? -1 : 0;
        }
        return 1;
    }
    obj_t *it = obj_iter(other);
    if (!it) return -1;
    for (;;) {
        obj_t *key = obj_iternext(it);
        if (!key) break;
        int rv = set_contains_key(so, key);
        DECREF(key);
        if (rv != 0) {
            DECREF(it);
            return rv < 0 ? -1 : 0;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 1;
}

// ---- slots ------------------------------------------------------------------------

static ssize_t set_len(obj_t *so) {
    return set_size(so);
}

// `key in so`: an unhashable set key is looked up as a frozenset.
static int set_sq_contains(obj_t *so, obj_t *key) {
    int rv = set_contains_key(so, key);
    if (rv < 0 && IS_SET(key) && err_matches(exc_TypeError)) {
        err_clear();
        obj_t *tmp = make_new_set(&frozenset_type, key);
        if (!tmp) return -1;
        rv = set_contains_key(so, tmp);
        DECREF(tmp);
    }
    return rv;
}

static obj_t *set_repr(obj_t *so) {
    const char *name = TYPE(so)->name;
    int status = repr_enter(so);
    if (status != 0) return status < 0 ? NULL : str_from_format("%s(...)", name);
    if (set_size(so) == 0) {
        repr_leave(so);
        return str_from_format("%s()", name);
    }
    obj_t *keys = list_from_iterable(so);
    if (!keys) {
        repr_leave(so);
        return NULL;
    }
    str_builder_t b;
    str_builder_init(&b);
    bool exact = OBJ_IS_TYPE(so, &set_type);
    if (!exact) {
        str_builder_add_cstr(&b, name);
        str_builder_add_char(&b, '(');
    }
    str_builder_add_char(&b, '{');
    ssize_t n = list_size(keys);
    for (ssize_t i = 0; i < n; i++) {
        if (i > 0) str_builder_add(&b, ", ", 2);
        obj_t *r = obj_repr(list_items_unsafe(keys)[i]);
        if (!r) {
            str_builder_discard(&b);
            DECREF(keys);
            repr_leave(so);
            return NULL;
        }
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    str_builder_add_char(&b, '}');
    if (!exact) str_builder_add_char(&b, ')');
    DECREF(keys);
    repr_leave(so);
    return str_builder_finish(&b);
}

static obj_t *set_richcompare(obj_t *v, obj_t *w, int op) {
    if (!ANYSET_CHECK(w)) return NEWREF(NotImplemented);
    int r;
    switch (op) {
    case CMP_EQ_OP:
    case CMP_NE_OP: {
        if (set_size(v) != set_size(w)) {
            r = 0;
        } else {
            hash_t hv = atomic_load_explicit(&S(v)->hash, memory_order_relaxed);
            hash_t hw = atomic_load_explicit(&S(w)->hash, memory_order_relaxed);
            if (hv != -1 && hw != -1 && hv != hw && IS_FROZENSET(v) && IS_FROZENSET(w))
                r = 0;
            else
                r = set_issubset_internal(v, w);
        }
        if (r < 0) return NULL;
        if (op == CMP_NE_OP) r = !r;
        break;
    }
    case CMP_LE_OP: r = set_issubset_internal(v, w); break;
    case CMP_GE_OP: r = set_issubset_internal(w, v); break;
    case CMP_LT_OP: r = set_size(v) >= set_size(w) ? 0 : set_issubset_internal(v, w); break;
    default: r = set_size(v) <= set_size(w) ? 0 : set_issubset_internal(w, v); break;
    }
    if (r < 0) return NULL;
    return NEWREF(bool_from(r));
}

static hash_t shuffle_bits(uint64_t h) {
    return (hash_t)(((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL);
}

static hash_t frozenset_hash(obj_t *self) {
    set_t *so = S(self);
    hash_t cached = atomic_load_explicit(&so->hash, memory_order_relaxed);
    if (cached != -1) return cached;
    uint64_t hash = 0;
    for (size_t i = 0; i <= so->mask; i++) {
        obj_t *k = so->table[i].key;
        if (k != NULL && k != dummy) hash ^= (uint64_t)shuffle_bits((uint64_t)so->table[i].hash);
    }
    hash ^= ((uint64_t)so->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (uint64_t)-1) hash = 590923713UL;
    atomic_store_explicit(&so->hash, (hash_t)hash, memory_order_relaxed);
    return (hash_t)hash;
}

static obj_t *set_or(obj_t *a, obj_t *b) {
    if (!ANYSET_CHECK(a) || !ANYSET_CHECK(b)) return NEWREF(NotImplemented);
    obj_t *r = set_copy(a);
    if (!r || a == b) return r;
    if (set_update_internal(r, b) < 0) {
        DECREF(r);
        return NULL;
    }
    return r;
}

static obj_t *set_and(obj_t *a, obj_t *b) {
    if (!ANYSET_CHECK(a) || !ANYSET_CHECK(b)) return NEWREF(NotImplemented);
    return set_intersection(a, b);
}

static obj_t *set_sub(obj_t *a, obj_t *b) {
    if (!ANYSET_CHECK(a) || !ANYSET_CHECK(b)) return NEWREF(NotImplemented);
    return set_difference(a, b);
}

static obj_t *set_xor(obj_t *a, obj_t *b) {
    if (!ANYSET_CHECK(a) || !ANYSET_CHECK(b)) return NEWREF(NotImplemented);
    return set_symmetric_difference(a, b);
}

static obj_t *set_ior(obj_t *a, obj_t *b) {
    if (!IS_SET(a) || !ANYSET_CHECK(b)) return NEWREF(NotImplemented);
    if (set_update_internal(a, b) < 0) return NULL;
    return NEWREF(a);
}

static obj_t *set_iand(obj_t *a, obj_t *b) {
    if (!IS_SET(a) || !ANYSET_CHECK(b)) return NEWREF(NotImplemented);
    if (set_intersection_update(a, b) < 0) return NULL;
    return NEWREF(a);
}

static obj_t *set_isub(obj_t *a, obj_t *b) {
    if (!IS_SET(a) || !ANYSET_CHECK(b)) return NEWREF(NotImplemented);
    if (set_difference_update(a, b) < 0) return NULL;
    return NEWREF(a);
}

static obj_t *set_ixor(obj_t *a, obj_t *b) {
    if (!IS_SET(a) || !ANYSET_CHECK(b)) return NEWREF(NotImplemented);
    if (set_symmetric_difference_update(a, b) < 0) return NULL;
    return NEWREF(a);
}

static obj_t *set_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &set_type && cont_no_kw("set", kwnames) < 0) return NULL;
    return make_new_set(type, NULL);
}

static int set_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("set", kwnames) < 0 || cont_check_positional(TYPE(self)->name, nargs, 0, 1) < 0)
        return -1;
    if (S(self)->fill) set_clear_internal(self);
    atomic_store_explicit(&S(self)->hash, -1, memory_order_relaxed);
    if (nargs == 1) return set_update_internal(self, args[0]);
    return 0;
}

static obj_t *frozenset_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == &frozenset_type && cont_no_kw("frozenset", kwnames) < 0) return NULL;
    if (cont_check_positional(type->name, nargs, 0, 1) < 0) return NULL;
    obj_t *iterable = nargs ? args[0] : NULL;
    if (type == &frozenset_type && iterable && OBJ_IS_TYPE(iterable, &frozenset_type))
        return NEWREF(iterable);
    return make_new_set(type, iterable);
}

// ---- methods ---------------------------------------------------------------------

static obj_t *m_add(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("set.add", nargs, kwnames, 1, 1) < 0) return NULL;
    if (set_add_key(self, args[0]) < 0) return NULL;
    return NEWREF(None);
}

// discard/remove: a set key is retried as a frozenset.
static int discard_with_retry(obj_t *self, obj_t *key) {
    int rv = set_discard_key(self, key);
    if (rv < 0 && IS_SET(key) && err_matches(exc_TypeError)) {
        err_clear();
        obj_t *tmp = make_new_set(&frozenset_type, key);
        if (!tmp) return -1;
        rv = set_discard_key(self, tmp);
        DECREF(tmp);
    }
    return rv;
}

static obj_t *m_remove(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("set.remove", nargs, kwnames, 1, 1) < 0) return NULL;
    int rv = discard_with_retry(self, args[0]);
    if (rv < 0) return NULL;
    if (rv == 0) {
        cont_set_key_error(args[0]);
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *m_discard(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("set.discard", nargs, kwnames, 1, 1) < 0) return NULL;
    if (discard_with_retry(self, args[0]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_pop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("set.pop", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *key = NULL;
    BEGIN_CRITICAL_SECTION(self);
    set_t *so = S(self);
    if (so->used > 0) {
        set_entry_t *entry = so->table + (so->finger & so->mask);
        set_entry_t *limit = so->table + so->mask;
        while (entry->key == NULL || entry->key == dummy) {
            entry++;
            if (entry > limit) entry = so->table;
        }
        key = entry->key;
        entry->key = dummy;
        entry->hash = -1;
        so->used--;
        so->finger = (size_t)(entry - so->table) + 1;
    }
    END_CRITICAL_SECTION();
    if (!key) err_set_str(exc_KeyError, "pop from an empty set");
    return key;
}

static obj_t *m_clear(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("set.clear", nargs, kwnames, 0, 0) < 0) return NULL;
    set_clear_internal(self);
    return NEWREF(None);
}

static obj_t *m_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check(IS_SET(self) ? "set.copy" : "frozenset.copy", nargs, kwnames, 0, 0) < 0)
        return NULL;
    if (OBJ_IS_TYPE(self, &frozenset_type)) return NEWREF(self);
    return set_copy(self);
}

// __reduce__: (type(self), (list(self),), self.__getstate__()), so copy and
// pickle rebuild a set or frozenset (subclass attributes travel in the state).
static obj_t *m_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check(IS_SET(self) ? "set.__reduce__" : "frozenset.__reduce__", nargs, kwnames, 0, 0) <
        0)
        return NULL;
    obj_t *keys = list_from_iterable(self);
    if (keys == NULL) return NULL;
    obj_t *state = obj_call_method(self, "__getstate__", NULL, 0);
    if (state == NULL) {
        DECREF(keys);
        return NULL;
    }
    obj_t *r = NULL;
    obj_t *ctor_args = tuple_pack(1, keys);
    if (ctor_args != NULL) r = tuple_pack(3, (obj_t *)TYPE(self), ctor_args, state);
    XDECREF(ctor_args);
    DECREF(keys);
    DECREF(state);
    return r;
}

static obj_t *m_update(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("set.update", kwnames) < 0) return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (set_update_internal(self, args[i]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_union(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw(IS_SET(self) ? "set.union" : "frozenset.union", kwnames) < 0) return NULL;
    obj_t *result = set_copy(self);
    if (!result) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        if (args[i] == self) continue;
        if (set_update_internal(result, args[i]) < 0) {
            DECREF(result);
            return NULL;
        }
    }
    return result;
}

static obj_t *intersection_multi(obj_t *self, obj_t *const *args, size_t nargs) {
    if (nargs == 0) return set_copy(self);
    obj_t *result = NEWREF(self);
    for (size_t i = 0; i < nargs; i++) {
        obj_t *nr = set_intersection(result, args[i]);
        DECREF(result);
        if (!nr) return NULL;
        result = nr;
    }
    return result;
}

static obj_t *m_intersection(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw(IS_SET(self) ? "set.intersection" : "frozenset.intersection", kwnames) < 0)
        return NULL;
    return intersection_multi(self, args, nargs);
}

static obj_t *m_intersection_update(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("set.intersection_update", kwnames) < 0) return NULL;
    obj_t *tmp = intersection_multi(self, args, nargs);
    if (!tmp) return NULL;
    set_swap_bodies(self, tmp);
    DECREF(tmp);
    return NEWREF(None);
}

static obj_t *m_difference(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw(IS_SET(self) ? "set.difference" : "frozenset.difference", kwnames) < 0)
        return NULL;
    if (nargs == 0) return set_copy(self);
    obj_t *result = set_difference(self, args[0]);
    for (size_t i = 1; result && i < nargs; i++) {
        if (set_difference_update(result, args[i]) < 0) {
            DECREF(result);
            return NULL;
        }
    }
    return result;
}

static obj_t *m_difference_update(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (cont_no_kw("set.difference_update", kwnames) < 0) return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (set_difference_update(self, args[i]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_symmetric_difference(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    if (args_check(IS_SET(self) ? "set.symmetric_difference" : "frozenset.symmetric_difference",
                   nargs, kwnames, 1, 1) < 0)
        return NULL;
    return set_symmetric_difference(self, args[0]);
}

static obj_t *m_symmetric_difference_update(obj_t *self, obj_t *const *args, size_t nargs,
                                            obj_t *kwnames) {
    if (args_check("set.symmetric_difference_update", nargs, kwnames, 1, 1) < 0) return NULL;
    if (set_symmetric_difference_update(self, args[0]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *bool_result(int r) {
    return r < 0 ? NULL : NEWREF(bool_from(r));
}

static obj_t *m_issubset(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check(IS_SET(self) ? "set.issubset" : "frozenset.issubset", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return bool_result(set_issubset(self, args[0]));
}

static obj_t *m_issuperset(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check(IS_SET(self) ? "set.issuperset" : "frozenset.issuperset", nargs, kwnames, 1, 1) <
        0)
        return NULL;
    return bool_result(set_issuperset(self, args[0]));
}

static obj_t *m_isdisjoint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check(IS_SET(self) ? "set.isdisjoint" : "frozenset.isdisjoint", nargs, kwnames, 1, 1) <
        0)
        return NULL;
    return bool_result(set_isdisjoint(self, args[0]));
}

// ---- iterator ------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *set;
    ssize_t used; // size at creation; -1 after a size change (sticky)
    ssize_t pos;
    ssize_t len;
    bool done;
} setiter_t;

static obj_t *set_iter(obj_t *so) {
    if (cont_ready(&set_iter_type) < 0) return NULL;
    setiter_t *it = (setiter_t *)obj_alloc(&set_iter_type, sizeof(setiter_t));
    if (!it) return NULL;
    it->set = NEWREF(so);
    it->used = set_size(so);
    it->len = it->used;
    return (obj_t *)it;
}

static void setiter_dealloc(obj_t *o) {
    DECREF(((setiter_t *)o)->set);
    obj_free(o);
}

static obj_t *setiter_next(obj_t *o) {
    setiter_t *it = (setiter_t *)o;
    if (it->done) return NULL;
    obj_t *key = NULL;
    bool changed = false;
    BEGIN_CRITICAL_SECTION(it->set);
    set_t *so = S(it->set);
    if (it->used != (ssize_t)so->used) {
        it->used = -1;
        changed = true;
    } else {
        size_t i = (size_t)it->pos;
        while (i <= so->mask && (so->table[i].key == NULL || so->table[i].key == dummy))
            i++;
        it->pos = (ssize_t)i + 1;
        if (i > so->mask) {
            it->done = true;
        } else {
            it->len--;
            key = NEWREF(so->table[i].key);
        }
    }
    END_CRITICAL_SECTION();
    if (changed) err_set_str(exc_RuntimeError, "Set changed size during iteration");
    return key;
}

static obj_t *setiter_length_hint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    setiter_t *it = (setiter_t *)self;
    if (it->done || it->used != set_size(it->set)) return SMALLINT_FROM(0);
    return SMALLINT_FROM(it->len);
}

// __reduce__: (iter, (list of what is left,)), from a copy of the
// iterator run out, as CPython does (the iterator itself does not move).
static obj_t *setiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    setiter_t *it = (setiter_t *)self;
    setiter_t *copy = (setiter_t *)obj_alloc(&set_iter_type, sizeof(setiter_t));
    if (!copy) return NULL;
    copy->set = NEWREF(it->set);
    BEGIN_CRITICAL_SECTION(it->set);
    copy->used = it->used;
    copy->pos = it->pos;
    copy->len = it->len;
    copy->done = it->done;
    END_CRITICAL_SECTION();
    obj_t *rest = list_from_iterable((obj_t *)copy);
    DECREF((obj_t *)copy);
    if (!rest) return NULL;
    obj_t *r = iter_reduce_seq("iter", rest, -1);
    DECREF(rest);
    return r;
}

static const method_def_t setiter_methods[] = {
    {"__length_hint__", setiter_length_hint, METH_DEFAULT, NULL},
    {"__reduce__", setiter_reduce, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

// The cycle collector (gc/gc.h): the set an iterator walks.
static int setiter_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((setiter_t *)o)->set);
}

type_t set_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "set_iterator",
    .basicsize = sizeof(setiter_t),
    .base = &object_type,
    .dealloc = setiter_dealloc,
    .traverse = setiter_traverse,
    .iter = cont_iter_self,
    .iternext = setiter_next,
    .methods = setiter_methods,
};

// __sizeof__: the object (with its 8 inline slots) and a bigger table.
static obj_t *m_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    const char *name =
        type_is_subtype(TYPE(self), &frozenset_type) ? "frozenset.__sizeof__" : "set.__sizeof__";
    if (args_check(name, nargs, kwnames, 0, 0) < 0) return NULL;
    size_t n = TYPE(self)->basicsize;
    BEGIN_CRITICAL_SECTION(self);
    if (S(self)->table != S(self)->small) n += (S(self)->mask + 1) * sizeof(set_entry_t);
    END_CRITICAL_SECTION();
    return int_from_u64(n);
}

static const method_def_t set_methods[] = {
    {"add", m_add, METH_DEFAULT, NULL},
    {"remove", m_remove, METH_DEFAULT, NULL},
    {"discard", m_discard, METH_DEFAULT, NULL},
    {"pop", m_pop, METH_DEFAULT, NULL},
    {"clear", m_clear, METH_DEFAULT, NULL},
    {"copy", m_copy, METH_DEFAULT, NULL},
    {"__sizeof__", m_sizeof, METH_DEFAULT, NULL},
    {"update", m_update, METH_DEFAULT, NULL},
    {"union", m_union, METH_DEFAULT, NULL},
    {"intersection", m_intersection, METH_DEFAULT, NULL},
    {"intersection_update", m_intersection_update, METH_DEFAULT, NULL},
    {"difference", m_difference, METH_DEFAULT, NULL},
    {"difference_update", m_difference_update, METH_DEFAULT, NULL},
    {"symmetric_difference", m_symmetric_difference, METH_DEFAULT, NULL},
    {"symmetric_difference_update", m_symmetric_difference_update, METH_DEFAULT, NULL},
    {"issubset", m_issubset, METH_DEFAULT, NULL},
    {"issuperset", m_issuperset, METH_DEFAULT, NULL},
    {"isdisjoint", m_isdisjoint, METH_DEFAULT, NULL},
    {"__reduce__", m_reduce, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static const method_def_t frozenset_methods[] = {
    {"copy", m_copy, METH_DEFAULT, NULL},
    {"__sizeof__", m_sizeof, METH_DEFAULT, NULL},
    {"union", m_union, METH_DEFAULT, NULL},
    {"intersection", m_intersection, METH_DEFAULT, NULL},
    {"difference", m_difference, METH_DEFAULT, NULL},
    {"symmetric_difference", m_symmetric_difference, METH_DEFAULT, NULL},
    {"issubset", m_issubset, METH_DEFAULT, NULL},
    {"issuperset", m_issuperset, METH_DEFAULT, NULL},
    {"isdisjoint", m_isdisjoint, METH_DEFAULT, NULL},
    {"__reduce__", m_reduce, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

// ---- the cycle collector (gc/gc.h) ----------------------------------------------

static int set_traverse(obj_t *o, visitproc visit, void *arg) {
    set_t *so = S(o);
    for (size_t i = 0; i <= so->mask; i++) {
        obj_t *k = so->table[i].key;
        if (k != NULL && k != dummy) {
            int r = visit(k, arg);
            if (r) return r;
        }
    }
    return 0;
}

static int set_gc_clear(obj_t *o) {
    set_clear_internal(o);
    return 0;
}

type_t set_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "set",
    .basicsize = sizeof(set_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_gc_clear,
    .repr = set_repr,
    .hash = hash_not_implemented,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .len = set_len,
    .contains = set_sq_contains,
    .nb =
        {[BINOP_SUB] = set_sub, [BINOP_AND] = set_and, [BINOP_OR] = set_or, [BINOP_XOR] = set_xor},
    .nb_inplace = {[BINOP_SUB] = set_isub,
                   [BINOP_AND] = set_iand,
                   [BINOP_OR] = set_ior,
                   [BINOP_XOR] = set_ixor},
    .tp_new = set_tp_new,
    .tp_init = set_tp_init,
    .methods = set_methods,
};

type_t frozenset_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "frozenset",
    .basicsize = sizeof(set_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_gc_clear,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .len = set_len,
    .contains = set_sq_contains,
    .nb =
        {[BINOP_SUB] = set_sub, [BINOP_AND] = set_and, [BINOP_OR] = set_or, [BINOP_XOR] = set_xor},
    .tp_new = frozenset_tp_new,
    .methods = frozenset_methods,
};
