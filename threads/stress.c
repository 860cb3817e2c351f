/*
 * threads/stress.c — seeded interleaving stress mode (threads/stress.h,
 * docs/stress-testing.md).
 *
 * Owns: the mode and seed (set once at startup, read-only after), the
 * per-thread stress state (a sched_thread_t, reached through TLS), the
 * serial scheduler (threads/stress_sched.c) behind `mu`/`cv`, the code
 * patcher and the explore driver.
 *
 * Perturbation mode (-X stress=SEED): every Python thread runs in parallel
 * as usual; at each scheduling point it draws from its own xorshift stream
 * (seeded by the seed and its creation index) whether to yield the CPU,
 * spin for a while or sleep some microseconds.  Nothing is serialized, so
 * a failing seed fails often but does not replay exactly.
 *
 * Serial mode (-X stress=SEED,serial): one token, held by one registered
 * thread at a time (sched.current).  A thread runs Python code only while it
 * holds the token; at a scheduling point the scheduler's stream decides
 * whether to hand it on and to whom.  Every blocking operation the
 * scheduler knows of hands the token on: a lock acquire that would block
 * (and so Condition.wait, Event.wait, queue.get, Thread.join, which are
 * built on _thread locks) waits in the scheduler for the lock's release or
 * its virtual deadline; time.sleep waits for a virtual deadline.  Waiting
 * for the token is a blocking region (offline for QSBR, critical sections
 * released), so stop-the-world pauses and grace periods go on.  Invariants
 * (under mu): only sched.current runs Python code among registered
 * threads; a thread that is not RUNNABLE is never picked; a WAITING thread
 * has a wait object or a deadline.
 */
#define _GNU_SOURCE
#include "stress.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/frame.h"
#include "../core/traceback.h"
#include "../core/opcodes.h"
#include "../objects/code.h"
#include "../objects/str.h"
#include "mutex.h"
#include "race.h"
#include "stress_sched.h"
#include "thread.h"

int stress_mode = STRESS_OFF;
static uint64_t stress_seed;
static _Atomic bool run_failed;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static stress_sched_t sched;         // guarded by mu
static int64_t base_mono, base_real; // clocks at stress_start (serial mode's virtual clocks)

static __thread sched_thread_t *me_tls;

// ---- configuration ---------------------------------------------------------------------

static bool parse_u64(const char *s, size_t n, uint64_t *out) {
    if (n == 0 || n > 19) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

// "SEED", "SEED,serial", "explore:N", "explore:N,serial".
static bool parse_spec(const char *spec, uint64_t *seed, uint64_t *explore, bool *serial) {
    const char *comma = strchr(spec, ',');
    size_t n = comma ? (size_t)(comma - spec) : strlen(spec);
    *serial = false;
    *explore = 0;
    if (comma) {
        if (strcmp(comma + 1, "serial") != 0) return false;
        *serial = true;
    }
    if (n > 8 && strncmp(spec, "explore:", 8) == 0)
        return parse_u64(spec + 8, n - 8, explore) && *explore > 0 && *explore <= 1000000;
    return parse_u64(spec, n, seed);
}

static int explore(int argc, char **argv, uint64_t nseeds, bool serial);

int stress_main(int argc, char **argv, char **xopts, int n_xopts) {
    const char *spec = NULL;
    for (int i = 0; i < n_xopts; i++) {
        if (strncmp(xopts[i], "stress=", 7) == 0)
            spec = xopts[i] + 7;
        else if (strcmp(xopts[i], "stress") == 0)
            spec = "";
    }
    bool from_env = false;
    if (spec == NULL) {
        spec = getenv("PVM_STRESS");
        if (spec == NULL || *spec == '\0') return -1;
        from_env = true;
    }
    uint64_t seed = 0, nseeds = 0;
    bool serial;
    if (!parse_spec(spec, &seed, &nseeds, &serial)) {
        fprintf(stderr,
                "pvm: %s: invalid value '%s' (expected SEED, SEED,serial, explore:N or "
                "explore:N,serial)\n",
                from_env ? "PVM_STRESS" : "-X stress", spec);
        return 2;
    }
    if (nseeds > 0) return explore(argc, argv, nseeds, serial);
    stress_seed = seed;
    stress_mode = serial ? STRESS_SERIAL : STRESS_PERTURB;
    stress_sched_init(&sched, seed);
    return -1;
}

static int64_t clock_now(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

void stress_start(void) {
    if (stress_mode == STRESS_OFF) return;
    base_mono = clock_now(CLOCK_MONOTONIC);
    base_real = clock_now(CLOCK_REALTIME);
    sched_thread_t *t = calloc(1, sizeof *t);
    if (t == NULL) return; // the main thread then runs unscheduled
    pthread_mutex_lock(&mu);
    stress_sched_add(&sched, t);
    t->ts = thread_current();
    sched.current = t;
    pthread_mutex_unlock(&mu);
    me_tls = t;
}

void stress_note_failure(void) {
    if (stress_mode != STRESS_OFF) atomic_store(&run_failed, true);
}

static void print_replay(void) {
    fflush(stdout);
    fprintf(stderr,
            "pvm: stress: run failed with seed %" PRIu64 "; replay: -X stress=%" PRIu64 "%s\n",
            stress_seed, stress_seed, stress_mode == STRESS_SERIAL ? ",serial" : "");
    fflush(stderr);
}

int stress_finish(int status) {
    if (stress_mode != STRESS_OFF && (status != 0 || atomic_load(&run_failed))) print_replay();
    return status;
}

// ---- code patching ---------------------------------------------------------------------

static uint8_t kind_of_op(unsigned op) {
    switch (op) {
    case OPC_LOAD_GLOBAL:
    case OPC_STORE_GLOBAL:
    case OPC_DELETE_GLOBAL:
    case OPC_LOAD_NAME:
    case OPC_STORE_NAME:
    case OPC_LOAD_DEREF:
    case OPC_STORE_DEREF:
    case OPC_LOAD_ATTR:
    case OPC_STORE_ATTR:
    case OPC_DELETE_ATTR:
    case OPC_LOAD_METHOD:
    case OPC_GET_ITEM:
    case OPC_SET_ITEM:
    case OPC_DEL_ITEM:
    case OPC_IN:
    case OPC_NOT_IN:
    case OPC_CALL:
    case OPC_CALL_METHOD:
    case OPC_CALL_EX:
    case OPC_FOR_ITER: return STRESS_KIND_HEAVY;
    case OPC_JUMP:
    case OPC_RETURN:
    case OPC_RETURN_NONE: return STRESS_KIND_LIGHT;
    default: return STRESS_KIND_NONE;
    }
}

static bool has_trailing_word(unsigned op) {
    const char *f = opcode_formats[op];
    size_t n = strlen(f);
    return n > 0 && (f[n - 1] == 'J' || f[n - 1] == 'W');
}

void stress_code_patch(code_t *co) {
    // -X race (threads/race.h) patches the accesses it checks the same way.
    bool stress = stress_mode != STRESS_OFF, race = race_wants_code(co);
    if ((!stress && !race) || co->insns == NULL || co->stress_orig != NULL) return;
    size_t n = co->ninsns;
    uint32_t *orig = malloc(n * sizeof(uint32_t) + 1);
    if (orig == NULL) return; // the code runs without points
    memcpy(orig, co->insns, n * sizeof(uint32_t));
    bool any = false;
    for (size_t pc = 0; pc < n;) {
        insn_t insn;
        size_t size = insn_decode(orig, n, pc, &insn);
        if (size == 0) break;
        unsigned op = INSN_OP(insn);
        if (op >= OPC_COUNT) break;
        // Prefixed instructions keep their opcode (rare; the handler
        // dispatches one unprefixed word).
        if (size == 1 &&
            ((stress && kind_of_op(op) != STRESS_KIND_NONE) || (race && race_wants_op(op)))) {
            co->insns[pc] = (orig[pc] & ~(uint32_t)0xff) | OPC_STRESS_POINT;
            any = true;
        }
        if (has_trailing_word(op)) size++;
        pc += size;
    }
    if (any)
        co->stress_orig = orig;
    else
        free(orig);
}

static bool is_store(unsigned op) {
    return op == OPC_STORE_GLOBAL || op == OPC_STORE_NAME || op == OPC_STORE_DEREF ||
           op == OPC_STORE_ATTR || op == OPC_SET_ITEM || op == OPC_DELETE_GLOBAL ||
           op == OPC_DELETE_ATTR || op == OPC_DEL_ITEM;
}

uint32_t stress_insn(code_t *co, const uint32_t *pc) {
    uint32_t w = co->stress_orig[pc - co->insns];
    sched_thread_t *me = me_tls;
    if (me) {
        // The point before the instruction that follows a store is the
        // point "just after" the store (publication races, check-then-act
        // windows): it weighs as much as a lock operation.
        int kind = kind_of_op(w & 0xff);
        if (me->after_store) kind = STRESS_KIND_SYNC;
        me->after_store = is_store(w & 0xff);
        stress_point(kind);
    }
    return w;
}

// ---- deadlock report (serial mode) -----------------------------------------------------

static void print_thread_stack(thread_t *ts) {
    frame_t *frames[256];
    int n = 0;
    for (frame_t *f = ts ? ts->frame : NULL; f && n < 256; f = f->prev)
        frames[n++] = f;
    fputs("Traceback (most recent call last):\n", stderr);
    for (int i = n - 1; i >= 0; i--) {
        frame_t *f = frames[i];
        code_t *co = f->code;
        size_t pc = f->pc > co->insns ? (size_t)(f->pc - 1 - co->insns) : 0;
        const char *file = str_data(co->filename);
        fprintf(stderr, "  File \"%s\", line %d, in %s\n", file, code_addr2line(co, pc),
                str_data(co->name));
        traceback_print_source_line(stderr, file, code_addr2line(co, pc));
    }
}

// mu held; no registered thread can run.  Prints every live thread's stack
// and ends the process.
static void deadlock_locked(void) PVM_NORETURN;
static void deadlock_locked(void) {
    fflush(stdout);
    fprintf(stderr, "pvm: stress: deadlock: every thread is blocked (seed %" PRIu64 ", serial)\n",
            stress_seed);
    for (sched_thread_t *t = sched.head; t; t = t->next) {
        if (t->state == SCHED_EXITED) continue;
        fprintf(stderr, "\nThread %u%s, %s:\n", t->index, t->index == 0 ? " (main)" : "",
                t->wait_obj ? "waiting for a lock" : "waiting");
        print_thread_stack(t->ts);
    }
    fputc('\n', stderr);
    print_replay();
    _exit(STRESS_DEADLOCK_STATUS);
}

// ---- serial scheduling -----------------------------------------------------------------

// mu held, me holds the token (or just gave it up by blocking/exiting).
// Hands the token to the thread the scheduler picks and, unless that is
// me, waits until it comes back.  Returns with mu held.
static void switch_locked(sched_thread_t *me) {
    sched_thread_t *next = stress_sched_pick(&sched);
    if (next == NULL) deadlock_locked();
    sched.current = next;
    if (next == me) return;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    thread_block_begin();
    pthread_mutex_lock(&mu);
    while (sched.current != me)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    thread_block_end();
    pthread_mutex_lock(&mu);
}

static void serial_point(sched_thread_t *me, int kind) {
    pthread_mutex_lock(&mu);
    if (me->noswitch == 0 && sched.current == me && stress_sched_should_switch(&sched, kind)) {
        // One switch in three also lets virtual time pass, as if this
        // thread had been preempted for a while.
        if (stress_rand(&sched.rng) % 3 == 0) stress_sched_delay(&sched);
        switch_locked(me);
    }
    pthread_mutex_unlock(&mu);
}

// ---- perturbation ----------------------------------------------------------------------

// Out of 1024: how often a point of each kind perturbs the thread.
static const uint32_t perturb_weight[] = {
    [STRESS_KIND_NONE] = 0,   [STRESS_KIND_LIGHT] = 8,    [STRESS_KIND_HEAVY] = 48,
    [STRESS_KIND_SYNC] = 256, [STRESS_KIND_START] = 1024,
};

static void perturb(sched_thread_t *me, int kind) {
    uint64_t r = stress_rand(&me->rng);
    if ((r >> 40) % 1024 >= perturb_weight[kind]) return;
    switch ((r >> 20) % 4) {
    case 0: sched_yield(); break;
    case 1:
    case 2: {
        // Spin: the other threads run on, this one falls behind by a few
        // microseconds without a context switch.
        uint32_t spins = 64 + (uint32_t)((r >> 8) % 4096);
        for (volatile uint32_t i = 0; i < spins; i++)
            __asm__ volatile("" ::: "memory");
        break;
    }
    default: {
        struct timespec req = {0, 1000 * (long)(1 + (r >> 4) % 100)};
        thread_block_begin();
        nanosleep(&req, NULL);
        thread_block_end();
        break;
    }
    }
}

void stress_point(int kind) {
    sched_thread_t *me = me_tls;
    if (me == NULL || kind == STRESS_KIND_NONE) return;
    if (stress_mode == STRESS_SERIAL)
        serial_point(me, kind);
    else
        perturb(me, kind);
}

// ---- threads ---------------------------------------------------------------------------

void *stress_thread_created(void) {
    if (stress_mode == STRESS_OFF) return NULL;
    sched_thread_t *t = calloc(1, sizeof *t);
    if (t == NULL) return NULL; // runs unscheduled
    pthread_mutex_lock(&mu);
    stress_sched_add(&sched, t);
    pthread_mutex_unlock(&mu);
    return t;
}

void stress_thread_abandon(void *token) {
    sched_thread_t *t = token;
    if (t == NULL) return;
    pthread_mutex_lock(&mu);
    stress_sched_exit(&sched, t);
    pthread_mutex_unlock(&mu);
    free(t);
}

void stress_thread_begin(void *token) {
    sched_thread_t *t = token;
    if (t == NULL) return;
    me_tls = t;
    pthread_mutex_lock(&mu);
    t->ts = thread_current();
    pthread_mutex_unlock(&mu);
    if (stress_mode == STRESS_SERIAL) {
        // Runs only once the scheduler hands it the token.
        thread_block_begin();
        pthread_mutex_lock(&mu);
        while (sched.current != t)
            pthread_cond_wait(&cv, &mu);
        pthread_mutex_unlock(&mu);
        thread_block_end();
    } else {
        perturb(t, STRESS_KIND_START);
    }
}

void stress_thread_end(void) {
    sched_thread_t *me = me_tls;
    if (me == NULL) return;
    me_tls = NULL;
    pthread_mutex_lock(&mu);
    bool had_token = sched.current == me;
    stress_sched_exit(&sched, me);
    if (stress_mode == STRESS_SERIAL && had_token && stress_sched_live(&sched) > 0) {
        sched_thread_t *next = stress_sched_pick(&sched);
        if (next == NULL) deadlock_locked();
        sched.current = next;
        pthread_cond_broadcast(&cv);
    }
    pthread_mutex_unlock(&mu);
    free(me);
}

// ---- locks, sleep, clocks --------------------------------------------------------------

int stress_lock_acquire(_Atomic uint8_t *m, int64_t timeout_ns) {
    sched_thread_t *me = me_tls;
    if (me == NULL) return -2;
    if (stress_mode != STRESS_SERIAL) {
        perturb(me, STRESS_KIND_SYNC);
        return -2; // the caller acquires as usual
    }
    serial_point(me, STRESS_KIND_SYNC);
    pthread_mutex_lock(&mu);
    uint64_t deadline = timeout_ns < 0 ? SCHED_NO_DEADLINE : sched.vnow + (uint64_t)timeout_ns;
    pthread_mutex_unlock(&mu);
    for (;;) {
        if (mutex_trylock(m)) return 1;
        if (timeout_ns == 0) return 0;
        pthread_mutex_lock(&mu);
        stress_sched_block(&sched, me, m, deadline);
        switch_locked(me);
        bool timed_out = me->timed_out;
        me->timed_out = false;
        pthread_mutex_unlock(&mu);
        if (timed_out) return mutex_trylock(m) ? 1 : 0;
    }
}

void stress_lock_released(_Atomic uint8_t *m) {
    sched_thread_t *me = me_tls;
    if (stress_mode == STRESS_SERIAL) {
        pthread_mutex_lock(&mu);
        stress_sched_wake(&sched, m);
        pthread_mutex_unlock(&mu);
        if (me) serial_point(me, STRESS_KIND_SYNC);
    } else if (me) {
        perturb(me, STRESS_KIND_SYNC);
    }
}

bool stress_sleep(double secs) {
    sched_thread_t *me = me_tls;
    if (me == NULL) return false;
    if (stress_mode != STRESS_SERIAL) {
        perturb(me, STRESS_KIND_SYNC);
        return false;
    }
    pthread_mutex_lock(&mu);
    if (secs > 0) {
        double ns = secs * 1e9;
        uint64_t d = ns >= 1.8e19 ? SCHED_NO_DEADLINE - 1 : (uint64_t)ns;
        if (d == 0) d = 1;
        stress_sched_block(&sched, me, NULL, sched.vnow + d);
    }
    // sleep(0) is a yield: the scheduler picks among the runnable threads.
    if (sched.current == me) switch_locked(me);
    me->timed_out = false;
    pthread_mutex_unlock(&mu);
    // Then a real sleep of up to 10 ms, holding the token: a sleep is a
    // blocking region, where QSBR grace periods and exiting threads'
    // reference merges make progress, and programs that poll with sleeps
    // while waiting for finalizers (deferred reclamation) rely on that.
    struct timespec req = {0, secs >= 0.01 ? 10000000 : (long)(secs * 1e9)};
    thread_block_begin();
    nanosleep(&req, NULL);
    thread_block_end();
    return true;
}

bool stress_clock_ns(clockid_t id, int64_t *ns) {
    if (stress_mode != STRESS_SERIAL || (id != CLOCK_MONOTONIC && id != CLOCK_REALTIME))
        return false;
    pthread_mutex_lock(&mu);
    // Each read advances the clock a little, so a loop polling the clock
    // ends even when no other thread runs.
    sched.vnow += SCHED_SWITCH_STEP_NS;
    uint64_t v = sched.vnow;
    pthread_mutex_unlock(&mu);
    *ns = (id == CLOCK_MONOTONIC ? base_mono : base_real) + (int64_t)v;
    return true;
}

void stress_noswitch(int delta) {
    sched_thread_t *me = me_tls;
    if (me) me->noswitch += delta;
}

// ---- explore ---------------------------------------------------------------------------

// Runs seeds 1..nseeds, each in a fresh process: the same command line
// without the -X stress option and with PVM_STRESS=SEED[,serial].  A fresh
// process per seed is what makes a seed replayable on its own (same start
// state: no module or thread left over from an earlier seed) and keeps a
// crash, a hang or a deadlocked thread (which cannot be cancelled
// in-process) from spoiling the other seeds.
static int explore(int argc, char **argv, uint64_t nseeds, bool serial) {
    char **cargv = calloc((size_t)argc + 1, sizeof(char *));
    if (cargv == NULL) return 1;
    int cargc = 0;
    bool stripped = false;
    for (int i = 0; i < argc; i++) {
        if (!stripped && i > 0) {
            if (strncmp(argv[i], "-Xstress", 8) == 0) {
                stripped = true;
                continue;
            }
            if (strcmp(argv[i], "-X") == 0 && i + 1 < argc &&
                strncmp(argv[i + 1], "stress", 6) == 0) {
                stripped = true;
                i++;
                continue;
            }
        }
        cargv[cargc++] = argv[i];
    }
    cargv[cargc] = NULL;
    double timeout = 60;
    const char *te = getenv("PVM_STRESS_TIMEOUT");
    if (te && *te) timeout = atof(te);
    uint64_t failed = 0, first = 0;
    for (uint64_t seed = 1; seed <= nseeds; seed++) {
        char val[64];
        snprintf(val, sizeof val, "%" PRIu64 "%s", seed, serial ? ",serial" : "");
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid < 0) {
            perror("pvm: stress explore: fork");
            free(cargv);
            return 1;
        }
        if (pid == 0) {
            setenv("PVM_STRESS", val, 1);
            int fd = open("/dev/null", O_RDWR);
            if (fd >= 0) {
                dup2(fd, 0);
                dup2(fd, 1);
                dup2(fd, 2);
            }
            execv("/proc/self/exe", cargv);
            _exit(127);
        }
        int st = 0;
        bool timed_out = false;
        int64_t start = clock_now(CLOCK_MONOTONIC);
        for (;;) {
            pid_t r = waitpid(pid, &st, WNOHANG);
            if (r == pid) break;
            if (r < 0 && errno != EINTR) break;
            if (timeout > 0 && (double)(clock_now(CLOCK_MONOTONIC) - start) > timeout * 1e9) {
                kill(pid, SIGKILL);
                waitpid(pid, &st, 0);
                timed_out = true;
                break;
            }
            struct timespec req = {0, 2000000};
            nanosleep(&req, NULL);
        }
        bool fail = timed_out || !WIFEXITED(st) || WEXITSTATUS(st) != 0;
        if (fail) {
            if (failed++ == 0) first = seed;
            if (failed <= 10) {
                if (timed_out)
                    fprintf(stderr, "pvm: stress explore: seed %" PRIu64 ": timed out after %gs\n",
                            seed, timeout);
                else if (WIFEXITED(st))
                    fprintf(stderr, "pvm: stress explore: seed %" PRIu64 ": exit status %d%s\n",
                            seed, WEXITSTATUS(st),
                            WEXITSTATUS(st) == STRESS_DEADLOCK_STATUS && serial ? " (deadlock)"
                                                                                : "");
                else
                    fprintf(stderr, "pvm: stress explore: seed %" PRIu64 ": killed by signal %d\n",
                            seed, WTERMSIG(st));
            }
        }
    }
    free(cargv);
    fprintf(stderr, "pvm: stress explore: %" PRIu64 " of %" PRIu64 " seeds failed (%.1f%%)%s\n",
            failed, nseeds, 100.0 * (double)failed / (double)nseeds, serial ? ", serial" : "");
    if (failed)
        fprintf(stderr,
                "pvm: stress explore: first failing seed: %" PRIu64 "; replay: -X stress=%" PRIu64
                "%s\n",
                first, first, serial ? ",serial" : "");
    return failed ? 1 : 0;
}
