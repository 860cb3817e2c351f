/*
 * threads/stw.h — stop-the-world pauses.
 *
 * stw_stop_world() returns when every other attached thread is stopped:
 * either parked at its eval breaker or inside a blocking region (lock
 * wait, sleep, I/O, join), which it cannot leave until stw_start_world().
 * A thread attaching meanwhile waits before it runs.  Stopped threads hold
 * no critical sections (entering a blocking region suspends them) and are
 * offline for QSBR, so the requester may inspect and change any object:
 * this is what the cycle collector will run under.
 *
 * Per-thread state (thread_t.state, seq_cst): THREAD_RUNNING while the
 * thread may touch the heap, THREAD_BLOCKED while it may not.  The
 * requester publishes stw_active and then reads states; a thread leaving a
 * blocking region publishes RUNNING and then reads stw_active; with both
 * sides seq_cst at least one sees the other (Dekker), so no thread runs
 * unnoticed during a pause.  Requests are serialized by one mutex; a
 * requester waits for it in a blocking region, so two requesters cannot
 * wait for each other.
 */
#ifndef PVM_STW_H
#define PVM_STW_H

#include "thread.h"

// Stops every other attached thread; the caller must hold no critical
// section.  Returns the number of other threads that were stopped.
size_t stw_stop_world(void);
// Lets them run again.
void stw_start_world(void);

// Internal to threads/: the waiting side.
bool stw_must_wait(thread_t *ts); // a pause is on and ts is not its requester
void stw_wait(thread_t *ts);      // blocks (state BLOCKED) until the pause ends
void stw_notify(void);            // a thread became BLOCKED during a pause
// In a fork()'s child whose parent stopped the world: ends the pause.
void stw_after_fork_child(void);

#endif // PVM_STW_H
