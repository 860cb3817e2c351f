/*
 * tests/fuzz/pyc_mutate.h — a structure-aware mutator of bytecode cache
 * images, shared by the libFuzzer target tests/fuzz/fuzz_pyc.c (its custom
 * mutator) and the deterministic test tests/c/test_pyc_mutants.c.
 *
 * pyc_mutate_image walks the payload of a whole image (header + payload)
 * to the instruction words and exception tables of every code object and
 * mutates those: an opcode, an operand bit or byte, a jump word, an
 * EXTENDED_ARG prefix, two words swapped or one copied, an exception entry,
 * random operands.  Everything else stays intact, so mutants decode and
 * reach the validator (and, when it accepts them, the interpreter).  The
 * caller fixes the checksum up (pyc_fix_checksum).  Deterministic for a
 * given state of the xorshift generator.
 */
#ifndef PVM_TESTS_PYC_MUTATE_H
#define PVM_TESTS_PYC_MUTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "../../core/error.h"
#include "../../core/eval.h"
#include "../../core/opcodes.h"
#include "../../core/pyc.h"
#include "../../objects/dict.h"
#include "../../objects/str.h"
#include "../../threads/thread.h"

static inline uint32_t pm_rand(uint64_t *s) {
    uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ull;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return (uint32_t)(x >> 16);
}

typedef struct {
    const uint8_t *base, *p, *end;
    // What the walk found: offsets (into the image) of instruction arrays and
    // exception-table entries.
    size_t insn_off[64], insn_n[64], ninsn;
    size_t exc_off[64], nexc;
    bool bad;
} walk_t;

static inline uint64_t wk_uv(walk_t *w) {
    uint64_t v = 0;
    for (int s = 0; s < 64 && w->p < w->end; s += 7) {
        uint8_t c = *w->p++;
        v |= (uint64_t)(c & 0x7f) << s;
        if (!(c & 0x80)) return v;
    }
    w->bad = true;
    return 0;
}

static inline void wk_skip(walk_t *w, uint64_t n) {
    if ((uint64_t)(w->end - w->p) < n) {
        w->bad = true;
        w->p = w->end;
    } else {
        w->p += n;
    }
}

static inline void wk_str(walk_t *w) {
    if (w->p >= w->end) {
        w->bad = true;
        return;
    }
    uint8_t t = *w->p++;
    if (t == 'r')
        wk_uv(w);
    else if (t == 's' || t == 'n')
        wk_skip(w, wk_uv(w));
    else
        w->bad = true;
}

static inline void wk_strtuple(walk_t *w) {
    if (w->p >= w->end) {
        w->bad = true;
        return;
    }
    uint8_t t = *w->p++;
    if (t == 't') {
        wk_uv(w);
        return;
    }
    uint64_t n = wk_uv(w);
    for (uint64_t i = 0; i < n && !w->bad; i++)
        wk_str(w);
}

static inline void wk_object(walk_t *w, int depth);

static inline void wk_code(walk_t *w, int depth) {
    for (int i = 0; i < 8; i++)
        wk_uv(w); // counts, flags, firstlineno
    uint64_t n = wk_uv(w);
    if (w->bad || n > (uint64_t)(w->end - w->p) / 4) {
        w->bad = true;
        return;
    }
    if (w->ninsn < 64) {
        w->insn_off[w->ninsn] = (size_t)(w->p - w->base);
        w->insn_n[w->ninsn++] = n;
    }
    w->p += 4 * n;
    wk_object(w, depth + 1);
    for (int i = 0; i < 4; i++)
        wk_strtuple(w);
    for (int i = 0; i < 3; i++)
        wk_str(w);
    uint64_t nc = wk_uv(w);
    for (uint64_t i = 0; i < nc && !w->bad; i++)
        wk_uv(w);
    wk_skip(w, wk_uv(w));
    uint64_t ne = wk_uv(w);
    for (uint64_t i = 0; i < ne && !w->bad; i++) {
        if (w->nexc < 64) w->exc_off[w->nexc++] = (size_t)(w->p - w->base);
        for (int k = 0; k < 4; k++)
            wk_uv(w);
    }
}

static inline void wk_object(walk_t *w, int depth) {
    if (w->bad || w->p >= w->end || depth > 64) {
        w->bad = true;
        return;
    }
    uint8_t t = *w->p++;
    switch (t) {
    case 'N':
    case 'T':
    case 'F':
    case '.': return;
    case 'i':
    case 'r': wk_uv(w); return;
    case 'I':
        wk_skip(w, 1);
        wk_skip(w, wk_uv(w));
        return;
    case 'f': wk_skip(w, 8); return;
    case 'x': wk_skip(w, 16); return;
    case 's':
    case 'n':
    case 'b': wk_skip(w, wk_uv(w)); return;
    case '(':
    case 'z': {
        uint64_t n = wk_uv(w);
        for (uint64_t i = 0; i < n && !w->bad; i++)
            wk_object(w, depth + 1);
        return;
    }
    case 'c': wk_code(w, depth); return;
    default: w->bad = true; return;
    }
}

static inline uint32_t pm_rd32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline void pm_wr32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

// Recomputes the payload length and checksum of a whole image (and this
// build's fingerprint), so that a mutant passes the header check.
static inline void pyc_fix_header(uint8_t *img, size_t len) {
    uint64_t v[3] = {pyc_build_fingerprint(), len - PYC_HEADER_SIZE,
                     pyc_payload_checksum(img + PYC_HEADER_SIZE, len - PYC_HEADER_SIZE)};
    size_t at[3] = {16, 40, 48};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < 8; i++)
            img[at[k] + i] = (uint8_t)(v[k] >> (8 * i));
}

// Mutates the code of the whole image img[0..len) in place.  Returns false
// if the payload could not be walked (nothing changed).
static inline bool pyc_mutate_image(uint8_t *img, size_t len, uint64_t *rng) {
    if (len < PYC_HEADER_SIZE + 1) return false;
    walk_t w = {.base = img, .p = img + PYC_HEADER_SIZE, .end = img + len};
    if (*w.p != 'c') return false;
    w.p++;
    wk_code(&w, 0);
    if (w.ninsn == 0) return false;
    int rounds = 1 + (int)(pm_rand(rng) % 3);
    for (int r = 0; r < rounds; r++) {
        size_t k = pm_rand(rng) % w.ninsn;
        size_t n = w.insn_n[k];
        if (n == 0) continue;
        uint8_t *code = img + w.insn_off[k];
        size_t i = pm_rand(rng) % n;
        uint32_t word = pm_rd32(code + 4 * i);
        switch (pm_rand(rng) % 9) {
        case 0: word = (word & ~0xffu) | (pm_rand(rng) % OPC_COUNT); break; // opcode
        case 1: word ^= 1u << (8 + pm_rand(rng) % 24); break;               // operand bit
        case 2: {                                                           // operand byte
            int shift = 8 * (1 + (int)(pm_rand(rng) % 3));
            uint32_t vals[] = {0, 1, 2, 3, 255, pm_rand(rng) & 0xff};
            word = (word & ~(0xffu << shift)) | (vals[pm_rand(rng) % 6] << shift);
            break;
        }
        case 3: word = pm_rand(rng) % (uint32_t)(n + 2); break; // a jump word / small value
        case 4:
            word = INSN_ABC(OPC_EXTENDED_ARG, pm_rand(rng) % 3, pm_rand(rng) % 3, pm_rand(rng) % 3);
            break;
        case 5: { // swap two words
            size_t j = pm_rand(rng) % n;
            uint32_t other = pm_rd32(code + 4 * j);
            pm_wr32(code + 4 * j, word);
            word = other;
            break;
        }
        case 6: word = pm_rd32(code + 4 * (pm_rand(rng) % n)); break; // copy a word
        case 7: {                                                     // an exception entry
            if (w.nexc == 0) break;
            uint8_t *e = img + w.exc_off[pm_rand(rng) % w.nexc];
            int f = (int)(pm_rand(rng) % 4); // varints are mostly one byte
            if (e + f < img + len && !(e[f] & 0x80)) e[f] = (uint8_t)(pm_rand(rng) % 0x80);
            break;
        }
        default: word = (word & 0xff) | (pm_rand(rng) << 8); break; // random operands
        }
        pm_wr32(code + 4 * i, word);
    }
    return true;
}

// ---- running a mutant with limits ------------------------------------------------------------

// Ticks of the mutant running now; past PM_MAX_TICKS (1 s of CPU time at
// the fuzzer's 50 ms tick) it is hard-stopped: a mutant that catches
// KeyboardInterrupt in a loop would otherwise run into libFuzzer's timeout.
#define PM_MAX_TICKS 20
static volatile sig_atomic_t pm_ticks;
static thread_t *volatile pm_running;

static inline void pm_on_alarm(int sig) {
    (void)sig;
    if (++pm_ticks > PM_MAX_TICKS && pm_running != NULL) thread_hard_stop(pm_running);
    kill(getpid(), SIGINT); // pvm's SIGINT handler: KeyboardInterrupt at the eval breaker
}

// SIGVTALRM (the tick of pm_run_limited, in CPU time: libFuzzer's own
// -timeout uses SIGALRM and the real-time timer) becomes pvm's
// KeyboardInterrupt.
static inline void pm_install_alarm(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = pm_on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGVTALRM, &sa, NULL);
}

// Runs a module code object in a fresh namespace with the recursion limit
// at 50 and an interval timer that interrupts it every tick_us of CPU time,
// so that a loop ends in KeyboardInterrupt instead of hanging.  Whatever it raises is
// cleared; an exception left pending by a late tick too.
static inline void pm_run_limited(obj_t *code, long tick_us) {
    obj_t *g = dict_new();
    if (g == NULL || dict_set_str(g, "__name__", str_intern("__mutant__")) < 0) abort();
    int saved_limit = atomic_load(&pvm_recursion_limit);
    atomic_store(&pvm_recursion_limit, 50);
    pm_ticks = 0;
    pm_running = thread_current();
    struct itimerval it = {{0, tick_us}, {0, tick_us}};
    setitimer(ITIMER_VIRTUAL, &it, NULL);
    obj_t *r = eval_code(code, g, g);
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_VIRTUAL, &off, NULL);
    pm_running = NULL;
    atomic_store(&pvm_recursion_limit, saved_limit);
    if (r == NULL) {
        if (!err_occurred()) abort(); // NULL without an exception
        err_clear();
    } else {
        DECREF(r);
    }
    dict_clear(g);
    DECREF(g);
    thread_hard_stop_clear(thread_current());
    if (thread_handle_eval_breaker(thread_current()) < 0) err_clear(); // a late tick
    err_clear();
}

#endif // PVM_TESTS_PYC_MUTATE_H
