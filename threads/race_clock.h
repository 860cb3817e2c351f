/*
 * threads/race_clock.h — the vector clocks and per-location shadow state of
 * the -X race detector (threads/race.h), as a pure state machine: no
 * threads, no objects, no locks.  tests/c/test_race_clock.c drives it.
 *
 * Model (FastTrack, Flanagan & Freund 2009).  Every thread t has a vector
 * clock C_t; C_t[t] is its own epoch counter, ticked at each release (lock
 * release, thread start).  A synchronization object (a lock) has a clock
 * L: release does L := L ⊔ C_t then C_t[t]++, acquire does C_t := C_t ⊔ L.
 * An access by t at epoch e = (t, C_t[t]) happened before thread u's
 * current point exactly when e.clock <= C_u[t].
 *
 * A location (an attribute of an object, a dict key, a list's layout...)
 * keeps the epoch of its last write and of its last read, or, when several
 * threads have read it without ordering among themselves, one read clock
 * per thread (the "read-shared" state).  With each epoch goes the id of
 * the stack that made the access, for the report.
 *
 * Conflicts reported (Python's single operations are atomic, so two
 * unordered writes are not a race by themselves: only a read that sees one
 * of them and acts on it is, and that read is reported):
 *   read  after an unordered write  (write-read)
 *   write after an unordered read   (read-write)
 * Invariants: a clock value 0 means "no access"; a thread's own epoch
 * counter starts at 1; rs != NULL iff the location is read-shared, and
 * then r.clock == 0.
 */
#ifndef PVM_RACE_CLOCK_H
#define PVM_RACE_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t *c; // c[tid]; entries past n are 0
    uint32_t n, cap;
} race_vc_t;

typedef struct {
    uint32_t tid, clock; // clock 0: none
} race_epoch_t;

typedef struct {
    uint32_t clock; // 0: no read by this thread
    uint64_t stack;
} race_read_t;

typedef struct {
    race_epoch_t w;
    uint64_t w_stack;
    race_epoch_t r; // single last read (when rs == NULL)
    uint64_t r_stack;
    race_read_t *rs; // read-shared: rs[tid], rs_n entries
    uint32_t rs_n;
} race_shadow_t;

// One earlier access that the current one races with.
typedef struct {
    bool prev_write; // the earlier access was a write (else a read)
    race_epoch_t prev;
    uint64_t prev_stack;
} race_conflict_t;

static inline uint32_t race_vc_get(const race_vc_t *v, uint32_t tid) {
    return tid < v->n ? v->c[tid] : 0;
}
// Returns -1 when out of memory (the clock is left as it was).
int race_vc_set(race_vc_t *v, uint32_t tid, uint32_t clock);
int race_vc_join(race_vc_t *dst, const race_vc_t *src);
int race_vc_copy(race_vc_t *dst, const race_vc_t *src);
void race_vc_free(race_vc_t *v);
// Does epoch e happen before the point whose clock is v?
static inline bool race_epoch_hb(race_epoch_t e, const race_vc_t *v) {
    return e.clock <= race_vc_get(v, e.tid);
}

// The bytes a shadow holds beyond its own struct (memory accounting).
size_t race_shadow_extra_bytes(const race_shadow_t *s);
void race_shadow_free(race_shadow_t *s);

// An access by thread tid, whose clock is C, from stack `stack`.  Updates
// the shadow and writes the conflicts found (at most max) to out; returns
// their number (0 to max).  Out of memory, the shadow may forget reads.
int race_shadow_read(race_shadow_t *s, uint32_t tid, const race_vc_t *C, uint64_t stack,
                     race_conflict_t *out, int max);
int race_shadow_write(race_shadow_t *s, uint32_t tid, const race_vc_t *C, uint64_t stack,
                      race_conflict_t *out, int max);

#endif // PVM_RACE_CLOCK_H
