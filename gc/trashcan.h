/*
 * gc/trashcan.h — bounded-depth deallocation (CPython's "trashcan").
 *
 * A dealloc releases the references its object holds; a reference that
 * reaches zero runs that object's dealloc from inside the first one.  A
 * chain of a million lists, tuples, instances, cells, generators or
 * exceptions would so nest a million deallocs on the C stack.  The one cure,
 * for every type at once, sits in the DECREF-to-zero path (gc/refcount.c):
 * every dead object goes through trashcan_dealloc, which counts the deallocs
 * running nested on this thread and, past TRASHCAN_DEPTH, puts the object
 * off instead of deallocating it.  The outermost trashcan_dealloc of the
 * thread runs what was put off before it returns, so no dealloc waits for an
 * eval breaker or for another thread: when the DECREF that started it all
 * returns to the interpreter, everything it freed is gone and every __del__
 * it caused has run, as in an unbounded recursion.
 *
 * State (thread_t.trash, private to its thread: pvm has no GIL and many
 * threads deallocate at once):
 *   depth       deallocs running nested in trashcan_dealloc on this thread;
 *   head, tail  objects put off while the current dealloc ran, in order
 *               (FIFO), linked through their own headers (see below).
 *
 *   depth <  TRASHCAN_DEPTH: depth++, dealloc, then (outermost only: depth
 *              is 1 again) drain, then depth--.
 *   depth >= TRASHCAN_DEPTH: append the object to the list, return.
 *   drain:    take the list; run its first object at depth 1 (so its own
 *             children may nest TRASHCAN_DEPTH - 1 deep again); what that
 *             put off is spliced in front of the rest.  Put-off objects
 *             thus run, among themselves, in the depth-first order an
 *             unbounded recursion would have started them in (CPython's
 *             trashcan runs them last-in first-out), and after everything
 *             that was not put off, as in CPython.  For a chain, the order
 *             of __del__ calls is exactly the unbounded one.
 *
 * The link lives in memory the object already owns, so the free path never
 * allocates: the 8 bytes of ob_tid and ob_ref_local (the first two header
 * words, 8-byte aligned).  They are safe to reuse on a dead object because
 * nobody else may read them any more:
 *   - biased counting: the count is zero, so no thread holds a reference
 *     through which it could INCREF/DECREF (a non-owner DECREF reads both
 *     words);
 *   - the merge queue (gc/refcount.c) holds a counted reference while an
 *     object sits in it, so a queued object is never dead;
 *   - QSBR: a shared container drops its items only after a grace period
 *     (qsbr_defer_decref), and that deferred DECREF is itself a counted
 *     reference; a lock-free reader can only have reached an object whose
 *     count is not zero yet;
 *   - register credits (gc/credit.h) are all paid before the counted part
 *     can reach zero.
 * ob_ref_shared (its MERGED state), ob_gc_bits (GC_FINALIZED, GC_SHARED),
 * ob_flags and ob_type stay untouched: the deferred dealloc needs them.
 * The two words are restored before the deferred dealloc runs: ob_ref_local
 * to 0, ob_tid to what it was at death, which is always either this
 * thread's id (the owner's count reached zero) or 0 (merged); bit 0 of the
 * stored link (objects are at least 8-byte aligned) says which.  Deallocs
 * read ob_tid (qsbr_is_shared, gen_dealloc), so it must come back exact.
 *
 * Python code that a dealloc runs (__del__, a generator's finally blocks)
 * runs at the depth of that dealloc, so what it frees past the limit waits
 * for the outermost dealloc too: the same as in CPython.
 *
 * Thread exit: an outermost trashcan_dealloc never returns with anything
 * put off, so an exiting thread holds none; brc_thread_fini checks (and
 * drains, defensively).  Deallocs before thread_attach or after
 * thread_detach (no thread_t) run at once, unbounded.
 */
#ifndef PVM_TRASHCAN_H
#define PVM_TRASHCAN_H

#include "../objects/object.h"
#include "../threads/thread.h"

// Nested deallocs past which a dead object is put off.  Each level costs a
// few hundred bytes of C stack; a dealloc that runs Python code (__del__,
// a generator's finally blocks) adds an interpreter frame per level.
#define TRASHCAN_DEPTH 50

// Deallocates `o`, whose count has reached zero: now, or after the deallocs
// running on this thread have unwound (see above).
void trashcan_dealloc(obj_t *o);

// Thread exit (brc_thread_fini): runs anything still put off.
void trashcan_thread_fini(thread_t *ts);

// Objects currently put off on `ts` (tests).
size_t trashcan_pending(thread_t *ts);

#endif // PVM_TRASHCAN_H
