/*
 * threads/race.h — the -X race data-race detector (docs/stress-testing.md,
 * "The race detector").
 *
 * `pvm -X race script.py` reports pairs of Python-level accesses to the
 * same location (an attribute, a module global, a closure cell, a dict key,
 * a list's contents) made by two threads without a happens-before order
 * between them, in the format of Go's `WARNING: DATA RACE`, and exits with
 * status 66 when it found any; `-X race=report-only` keeps the program's
 * own exit status.  The clocks and the per-location state machine are in
 * threads/race_clock.h.
 *
 * Cost when off: nothing in the interpreter loop.  The detector reuses
 * stress mode's code patching (threads/stress.c): in race mode the
 * instructions that access shared locations become STRESS_POINT, whose
 * handler calls race_insn before dispatching the original word; without
 * -X race or -X stress no code object contains STRESS_POINT.  The other
 * hooks (lock acquire/release, thread start) test race_mode on paths that
 * are already slow, and an object the detector tracks carries GC_RACE in
 * ob_gc_bits, tested by obj_dealloc together with GC_WEAKREFS.
 */
#ifndef PVM_RACE_H
#define PVM_RACE_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/config.h"

struct code;
struct frame;
struct obj;

#define RACE_OFF         0
#define RACE_ON          1 // exit status 66 when a race was reported
#define RACE_REPORT_ONLY 2 // the program's own exit status

#define RACE_EXIT_STATUS 66

// Set once at startup, before any other thread exists; read-only after.
extern int race_mode;

// Command line: reads -X race[=report-only] (or PVM_RACE).  Returns -1 to
// go on, or 2 for a malformed value (after a message).
int race_main(char **xopts, int n_xopts);
// After pvm_initialize: sets up the main thread's clock.
void race_start(void);
// At exit: prints the summary; returns the exit status to use.
int race_finish(int status);

// Code patching (threads/stress.c): does race mode instrument opcode op in
// code co?  (Code of the standard library is not instrumented: see
// docs/stress-testing.md.)
bool race_wants_code(struct code *co);
bool race_wants_op(unsigned op);
// The STRESS_POINT handler in race mode: the access the instruction word
// `insn` of the frame's code is about to make.
void race_insn(struct frame *f, uint32_t insn);

// Objects: an object whose ob_gc_bits has GC_RACE is being freed.
void race_forget(struct obj *o);

// Threads (threads/thread_module.c), as stress.h's: the parent calls
// race_thread_created before starting the OS thread, the child
// race_thread_begin with its result and race_thread_end at the end.
void *race_thread_created(void);
void race_thread_begin(void *token);
void race_thread_end(void);
void race_thread_abandon(void *token);

// Synchronization: `lock` was acquired / is about to be released by the
// calling thread (_thread.lock, _thread.RLock).
void race_acquire(struct obj *lock);
void race_release(struct obj *lock);

#endif // PVM_RACE_H
