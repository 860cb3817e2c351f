/*
 * threads/race_clock.c — vector clocks and the FastTrack shadow state
 * machine of the -X race detector (threads/race_clock.h).
 */
#include "race_clock.h"

#include <stdlib.h>
#include <string.h>

static int vc_reserve(race_vc_t *v, uint32_t n) {
    if (n <= v->cap) return 0;
    uint32_t cap = v->cap ? v->cap : 4;
    while (cap < n)
        cap *= 2;
    uint32_t *c = realloc(v->c, cap * sizeof *c);
    if (c == NULL) return -1;
    memset(c + v->cap, 0, (cap - v->cap) * sizeof *c);
    v->c = c;
    v->cap = cap;
    return 0;
}

int race_vc_set(race_vc_t *v, uint32_t tid, uint32_t clock) {
    if (tid >= v->n) {
        if (vc_reserve(v, tid + 1) < 0) return -1;
        v->n = tid + 1;
    }
    v->c[tid] = clock;
    return 0;
}

int race_vc_join(race_vc_t *dst, const race_vc_t *src) {
    if (src->n > dst->n) {
        if (vc_reserve(dst, src->n) < 0) return -1;
        dst->n = src->n;
    }
    for (uint32_t i = 0; i < src->n; i++)
        if (src->c[i] > dst->c[i]) dst->c[i] = src->c[i];
    return 0;
}

int race_vc_copy(race_vc_t *dst, const race_vc_t *src) {
    if (vc_reserve(dst, src->n) < 0) return -1;
    if (src->n) memcpy(dst->c, src->c, src->n * sizeof *src->c);
    if (dst->n > src->n) memset(dst->c + src->n, 0, (dst->n - src->n) * sizeof *dst->c);
    dst->n = src->n;
    return 0;
}

void race_vc_free(race_vc_t *v) {
    free(v->c);
    v->c = NULL;
    v->n = v->cap = 0;
}

size_t race_shadow_extra_bytes(const race_shadow_t *s) {
    return s->rs ? s->rs_n * sizeof *s->rs : 0;
}

void race_shadow_free(race_shadow_t *s) {
    free(s->rs);
    s->rs = NULL;
    s->rs_n = 0;
}

// Makes rs hold at least n entries.
static int rs_reserve(race_shadow_t *s, uint32_t n) {
    if (n <= s->rs_n) return 0;
    uint32_t cap = s->rs_n ? s->rs_n : 4;
    while (cap < n)
        cap *= 2;
    race_read_t *rs = realloc(s->rs, cap * sizeof *rs);
    if (rs == NULL) return -1;
    memset(rs + s->rs_n, 0, (cap - s->rs_n) * sizeof *rs);
    s->rs = rs;
    s->rs_n = cap;
    return 0;
}

int race_shadow_read(race_shadow_t *s, uint32_t tid, const race_vc_t *C, uint64_t stack,
                     race_conflict_t *out, int max) {
    uint32_t e = race_vc_get(C, tid);
    // The same epoch read this location already: nothing new to learn.
    if (s->rs == NULL ? (s->r.tid == tid && s->r.clock == e)
                      : (tid < s->rs_n && s->rs[tid].clock == e))
        return 0;
    int n = 0;
    if (s->w.clock != 0 && s->w.tid != tid && !race_epoch_hb(s->w, C) && n < max)
        out[n++] = (race_conflict_t){true, s->w, s->w_stack};
    if (s->rs == NULL) {
        if (s->r.clock == 0 || s->r.tid == tid || race_epoch_hb(s->r, C)) {
            s->r = (race_epoch_t){tid, e};
            s->r_stack = stack;
            return n;
        }
        // Two unordered reads: keep one clock per reader.
        uint32_t need = (tid > s->r.tid ? tid : s->r.tid) + 1;
        if (rs_reserve(s, need) < 0) {
            s->r = (race_epoch_t){tid, e}; // forget the older read
            s->r_stack = stack;
            return n;
        }
        s->rs[s->r.tid] = (race_read_t){s->r.clock, s->r_stack};
        s->r = (race_epoch_t){0, 0};
    } else if (rs_reserve(s, tid + 1) < 0) {
        return n;
    }
    s->rs[tid] = (race_read_t){e, stack};
    return n;
}

int race_shadow_write(race_shadow_t *s, uint32_t tid, const race_vc_t *C, uint64_t stack,
                      race_conflict_t *out, int max) {
    uint32_t e = race_vc_get(C, tid);
    if (s->w.tid == tid && s->w.clock == e && s->rs == NULL && s->r.clock == 0) return 0;
    int n = 0;
    if (s->rs == NULL) {
        if (s->r.clock != 0 && s->r.tid != tid && !race_epoch_hb(s->r, C) && n < max)
            out[n++] = (race_conflict_t){false, s->r, s->r_stack};
    } else {
        for (uint32_t u = 0; u < s->rs_n && n < max; u++) {
            race_epoch_t r = {u, s->rs[u].clock};
            if (r.clock != 0 && u != tid && !race_epoch_hb(r, C))
                out[n++] = (race_conflict_t){false, r, s->rs[u].stack};
        }
        race_shadow_free(s);
    }
    // Reads before this write are either ordered before it or reported
    // now (and then treated as ordered by the caller): forget them.
    s->r = (race_epoch_t){0, 0};
    s->w = (race_epoch_t){tid, e};
    s->w_stack = stack;
    return n;
}
