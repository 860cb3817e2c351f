/*
 * threads/thread.h — the per-OS-thread VM state and the thread registry.
 *
 * Every OS thread that runs Python code is *attached*: it has a thread_t,
 * a small integer id (pvm_tls_tid, the owner id used by biased reference
 * counting) and is registered with liburcu's QSBR.  The current thread's state
 * is in thread-local storage (thread_current()).  Fields below are private to
 * their thread unless marked "shared"; shared fields are only accessed with
 * atomics.
 */
#ifndef PVM_THREAD_H
#define PVM_THREAD_H

#include "../objects/object.h"

struct frame;

// Register credits (gc/credit.h): uncounted references this thread's
// registers hold to objects it read lock-free.  Private to the thread.
#define CREDIT_BITS  8
#define CREDIT_SLOTS (1u << CREDIT_BITS)
typedef struct {
    obj_t *obj; // NULL: free slot
    uint32_t n; // credits held for obj
} credit_t;

// Spare references (gc/spare.h): counted references this thread dropped
// to small immutable objects of other threads, kept for reuse.  Private.
#define SPARE_BITS  11
#define SPARE_SLOTS (1u << SPARE_BITS)

// thread_t.state (threads/stw.h)
#define THREAD_BLOCKED 0 // in a blocking region, parked, or not started yet
#define THREAD_RUNNING 1 // may touch the heap

typedef struct thread {
    uint32_t tid;        // small id, recycled only after the thread is gone
    _Atomic int state;   // THREAD_RUNNING / THREAD_BLOCKED (shared, seq_cst)
    obj_t *exc;          // pending (raised, propagating) exception, owned
    obj_t *exc_info;     // exception currently being handled (sys.exc_info()), owned
    int py_depth;        // current Python frame depth (RecursionError at recursion_limit)
    int c_depth;         // C recursion depth (c_recursion_enter)
    struct frame *frame; // innermost executing Python frame (core/frame.h)
    // Register stack: frames are windows into [reg_base, reg_limit).
    obj_t **reg_base;
    obj_t **reg_top; // first free register
    obj_t **reg_limit;
    // Eval breaker (shared): bits set by other threads, checked by the
    // interpreter loop on backward jumps and calls.
    _Atomic uint32_t eval_breaker;
    // Repr recursion guard: objects being repr'd by this thread.
    obj_t **repr_stack;
    size_t repr_len, repr_cap;
    struct thread *next; // registry list (guarded by the registry lock)
    void *brc;           // biased-refcount merge queue (gc/refcount.c)
    bool brc_closed;     // exiting: the queue takes no more objects (registry lock)
    obj_t *pyobj;        // the threading.Thread-side object, if any
    uint32_t ncredits;   // occupied slots of credits[]
    credit_t credits[CREDIT_SLOTS];
    uint32_t nspares; // occupied slots of spares[]
    credit_t spares[SPARE_SLOTS];
    // Debts (gc/credit.h): counted references to objects of other threads
    // that this thread dropped while it held credits; the decrements are
    // applied after the credits are paid.  Private.
    obj_t **debts;
    uint32_t ndebts, debts_cap;
    // Bumped each time this thread has paid all its credits (a quiescent
    // state, going offline); read by other threads (objects/gen.c).
    _Atomic uint64_t credit_epoch;
    // Bounded-depth deallocation (gc/trashcan.h): how many deallocs are
    // running nested on this thread, and the dead objects put off until the
    // outermost one returns, linked through their headers.  Private.
    struct trashcan {
        uint32_t depth;
        obj_t *head, *tail;
    } trash;
    uint64_t ident; // pthread_self() (threading.get_ident()), set at attach
    // sys.settrace / sys.setprofile (core/trace.c): owned or NULL; `tracing`
    // counts trace/profile calls running (no events inside them), and
    // trace_dispatch = trace_func && !tracing turns the line hook on.
    obj_t *trace_func, *profile_func;
    int tracing;
    bool trace_dispatch;
    // The event of the trace or profile call running (TRACE_WHAT_*,
    // core/trace.h; TRACE_WHAT_CALL outside one, as CPython's
    // tracing_what, which f_lineno's setter checks), and the frame object
    // that call is about (NULL outside a call).  Private.
    uint8_t trace_what;
    void *trace_fo;
    obj_t *context; // current contextvars Context, owned; NULL until used (modules/contextvars.c)
    void *qsbr_reader; // liburcu's registration of this thread (gc/qsbr.c), for fork
    // sys.set_asyncgen_hooks (core/sysmodule_asyncgen.c): owned or NULL.
    obj_t *asyncgen_firstiter, *asyncgen_finalizer;
    // sys.set_coroutine_origin_tracking_depth (objects/coro.c): frames a new
    // coroutine records in cr_origin; 0 = off.  Private.
    int coro_origin_depth;
} thread_t;

// eval_breaker bits
#define EB_MERGE_QUEUE 0x1  // objects queued to this owner: merge them
#define EB_STOP_WORLD  0x2  // a stop-the-world pause was requested
#define EB_SIGNAL      0x4  // a signal handler must run (main thread)
#define EB_QSBR        0x10 // deferred-reclamation batches are ready to release
#define EB_QUIESCE     0x20 // a grace period is waiting: report a quiescent state
#define EB_HARD_STOP   0x80 // stop the thread's Python code (thread_hard_stop)
// Set (by the thread itself) while it has a trace or profile function: a
// Python-to-Python call then reports its 'call' event (core/trace.c).  Not
// handled by thread_handle_eval_breaker.
#define EB_TRACING 0x100
#define EB_GC      0x200 // the allocation count passed the threshold: collect (gc/gc.h)

extern __thread thread_t *pvm_tls_thread __attribute__((tls_model("initial-exec")));
static inline thread_t *thread_current(void) {
    return pvm_tls_thread;
}

// Attaches the calling OS thread to the VM: allocates its state, id and
// register stack, registers it for QSBR.  Returns NULL on failure.
thread_t *thread_attach(void);
// Detaches and frees the calling thread's state (drains its merge queue).
void thread_detach(void);
// Drops what the thread's state references (exception state, trace and
// profile functions, context, async generator hooks) and applies its
// debts: thread_detach's first step, which a thread about to release its
// join sentinel takes early (what it dropped is released when join returns).
void thread_clear(thread_t *ts);
// Blocking regions: a thread about to block (lock wait, sleep, I/O, join)
// calls thread_block_begin() and thread_block_end() after; in between it is
// offline for QSBR and does not hold critical sections.
void thread_block_begin(void);
// Offline for QSBR (true) and back online (false) without leaving the
// thread's critical sections or its RUNNING state: around a system call
// that may block while the caller keeps a section (a write to a full pipe),
// so it never holds a grace period up.  Nothing QSBR protects may be read
// in between.  No-op inside a blocking region.
void thread_offline_for_park(bool offline);
void thread_block_end(void);
// Before a wait that only another thread can end (a lock, a semaphore, a
// sleep, select): applies this thread's debts (gc/credit.h) now instead of
// at its next eval breaker.  A debt may be the last count of an object
// whose death another thread waits for (ThreadPoolExecutor's worker holds
// one on the executor: its weakref callback wakes the workers), and a
// blocked thread reaches no eval breaker.  Runs finalizers, so only for
// builtins called from Python code, holding no C lock, before
// thread_block_begin.
void thread_settle_before_wait(void);
// A thread blocked in a lock or semaphore wait wakes every
// THREAD_WAIT_SLICE_NS to do the work that its eval breaker would do for
// other threads' sake: merging the objects they queued to it
// (gc/refcount.c) and releasing its deferred-release batches whose grace
// period ended (gc/qsbr.c).  A thread that waits for ever would otherwise
// keep those objects alive for ever, and one of them may be what the
// other threads wait for (the executor of a ThreadPoolExecutor whose
// workers the waiting thread joins: its weakref callback wakes them).
// Called inside the wait's blocking region (depth 1), which it leaves for
// that work (finalizers may run).
#define THREAD_WAIT_SLICE_NS 50000000
void thread_wait_chores(thread_t *ts);
// Takes one count of a POSIX semaphore, waiting until `deadline`
// (CLOCK_MONOTONIC; NULL: for ever; in the past: one try) in a blocking
// region.  Signal handlers run while it waits; the main thread wakes every
// 50 ms to notice a signal another thread received for it.  Returns 1
// taken, 0 timed out, -1 with an exception (a handler raised, or OSError).
// The one wait of the native modules built on semaphores (_queue,
// _multiprocessing).
struct timespec;
int thread_sem_wait(void *sem, const struct timespec *deadline);
// CLOCK_MONOTONIC now + `seconds` (>= 0, at most 1e9).
struct timespec thread_deadline_after(double seconds);
// Quiescent point, called from the eval breaker.
void thread_quiescent(void);
// Handles the eval-breaker bits; returns -1 if an exception was raised.
int thread_handle_eval_breaker(thread_t *ts);
// The same at a function's entry, where signal handlers are not run
// (threads/thread.c says why): they run at the next backward jump or call
// return.
int thread_handle_eval_breaker_at_entry(thread_t *ts);
// Stops the Python code running on ts (async-signal-safe): from its next
// eval-breaker check on, every check raises KeyboardInterrupt and no
// exception handler (except, finally, with) runs, so even code that
// catches KeyboardInterrupt in a loop ends.  For hosts that must end a
// runaway program (tests/fuzz/pyc_mutate.h); thread_hard_stop_clear ends
// the state.
void thread_hard_stop(thread_t *ts);
void thread_hard_stop_clear(thread_t *ts);
static inline bool thread_hard_stopping(thread_t *ts) {
    return (atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed) & EB_HARD_STOP) != 0;
}

// Signals (modules/signal.c): thread_signal_main raises EB_SIGNAL on the
// main thread (async-signal-safe); its eval breaker then calls `hook`
// (-1: an exception is pending).
void thread_set_signal_hook(int (*hook)(void));
void thread_signal_main(void);
// The fork protocol (modules/posix.c's fork; see threads/thread.c).
void thread_fork_prepare(void);
void thread_fork_parent(void);
void thread_fork_child(void);
// True in a fork's child when other threads were running at the fork: what
// they owned is lost by design (the ASan build's leak check skips it).
bool thread_fork_left_threads(void);

// Number of attached threads (seq_cst; see gc/qsbr.h for why).
extern _Atomic int pvm_attached_threads;

// Recursion limit shared by all threads (sys.setrecursionlimit).
extern _Atomic int pvm_recursion_limit;

#endif // PVM_THREAD_H
