/*
 * threads/stress.h — seeded interleaving stress mode (docs/stress-testing.md).
 *
 * `pvm -X stress=SEED` (or PVM_STRESS=SEED) perturbs the timing of every
 * Python thread at chosen bytecode boundaries so that rare interleavings
 * become common; `-X stress=SEED,serial` runs the threads one at a time on a
 * seeded scheduler so that a seed replays the same interleaving;
 * `-X stress=explore:N` runs seeds 1..N in fresh processes.
 *
 * Cost when off: nothing in the interpreter loop.  Stress mode rewrites the
 * code objects it creates (stress_code_patch): the opcode of each
 * interesting instruction becomes STRESS_POINT and the original words are
 * kept in code->stress_orig; the STRESS_POINT handler runs a scheduling
 * point, then dispatches the original instruction.  Without stress mode no
 * code object contains STRESS_POINT, so no instruction pays anything.  The
 * other hooks (lock acquire/release, thread start/end, time.sleep, clocks)
 * test stress_mode on paths that are already slow.
 *
 * The scheduler's pure state machine is in threads/stress_sched.h (tested
 * by tests/c/test_stress_sched.c).
 */
#ifndef PVM_STRESS_H
#define PVM_STRESS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "../core/config.h"

struct code;

#define STRESS_OFF     0
#define STRESS_PERTURB 1 // threads run in parallel; timing perturbed
#define STRESS_SERIAL  2 // one thread at a time, seeded token passing

// Kinds of scheduling points, by weight (stress_sched.h's thresholds).
#define STRESS_KIND_NONE  0
#define STRESS_KIND_LIGHT 1 // backward jumps, returns
#define STRESS_KIND_HEAVY 2 // attribute/global/item/cell loads and stores, calls
#define STRESS_KIND_SYNC  3 // lock acquire/release (and so queues, events...)
#define STRESS_KIND_START 4 // a thread's first instruction, right after a start

// Exit status of a run that serial mode found deadlocked.
#define STRESS_DEADLOCK_STATUS 3

// Set once at startup, before any other thread exists; read-only after.
extern int stress_mode;

static inline bool stress_serial(void) {
    return PVM_UNLIKELY(stress_mode == STRESS_SERIAL);
}

// Command line: reads -X stress=... from xopts (or PVM_STRESS).  Returns -1
// to continue starting the program (stress mode set up or off), or an exit
// status: 2 for a malformed value, or explore's result after running the
// seeds in child processes (argv is the whole command line).
int stress_main(int argc, char **argv, char **xopts, int n_xopts);
// After pvm_initialize: registers the main thread with the scheduler.
void stress_start(void);
// At exit: prints the seed to stderr when the run failed; returns status.
int stress_finish(int status);
// An uncaught exception in some thread (threading.excepthook, _thread).
void stress_note_failure(void);

// Code objects: rewrites co->insns for stress mode (no-op when off).
// Called once by each producer of code objects before the code is shared.
void stress_code_patch(struct code *co);
// The STRESS_POINT handler: runs the point for the instruction word at pc
// (inside co->insns) and returns the original word.
uint32_t stress_insn(struct code *co, const uint32_t *pc);

// A scheduling point of the given kind on the calling thread.
void stress_point(int kind);

// Threads: the parent calls stress_thread_created() before starting the OS
// thread (creation order decides the thread's index and PRNG stream) and
// passes the result to the child's stress_thread_begin(); the child calls
// stress_thread_end() when its Python code is done.  stress_thread_abandon
// undoes stress_thread_created when the OS thread could not be started.
void *stress_thread_created(void);
void stress_thread_begin(void *token);
void stress_thread_end(void);
void stress_thread_abandon(void *token);

// Serial mode's lock protocol (threads/thread_module.c): acquire returns 1
// when acquired, 0 on (virtual) timeout; timeout_ns < 0 waits forever.
int stress_lock_acquire(_Atomic uint8_t *m, int64_t timeout_ns);
// Any mode: a lock was released (wakes serial waiters; a perturbation point).
void stress_lock_released(_Atomic uint8_t *m);
// time.sleep: in serial mode waits in virtual time and returns true (the
// caller does not sleep); otherwise a perturbation point, false.
bool stress_sleep(double secs);
// Serial mode: clocks read virtual time.  Returns true and sets *ns for
// CLOCK_MONOTONIC and CLOCK_REALTIME.
bool stress_clock_ns(clockid_t id, int64_t *ns);
// Import locks: no serial switch while this thread holds one (another
// thread importing the same module would wait on it holding the token).
void stress_noswitch(int delta);

#endif // PVM_STRESS_H
