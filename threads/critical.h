/*
 * threads/critical.h — critical sections over the per-object mutex.
 *
 * Built-in operations that read or write multi-word state of a shared
 * container run inside BEGIN_CRITICAL_SECTION(obj) ... END_CRITICAL_SECTION().
 * Two objects are locked in address order (BEGIN_CRITICAL_SECTION2).  The
 * object mutex (threads/mutex.h) is only ever taken through this API.  A
 * thread that blocks while inside critical sections releases them and takes
 * them again when it resumes (threads/critical.c), so critical sections never
 * deadlock against each other.
 *
 * Rules for code inside a critical section: do not call back into arbitrary
 * Python code while relying on the lock for consistency (a call may release
 * it), and leave only through END_CRITICAL_SECTION — never `return` out of
 * the block.
 */
#ifndef PVM_CRITICAL_H
#define PVM_CRITICAL_H

#include "../objects/object.h"

typedef struct critical_section {
    struct critical_section *prev; // enclosing section of this thread
    obj_t *obj1;
    obj_t *obj2; // NULL for a one-object section
    bool held;   // its mutexes are currently held by this thread
} critical_section_t;

#include "mutex.h"

// The calling thread's innermost section (threads/critical.c).
extern __thread critical_section_t *pvm_cs_top;

void critical_enter_slow(critical_section_t *cs, obj_t *o);
void critical_enter2(critical_section_t *cs, obj_t *a, obj_t *b);
void critical_exit_slow(critical_section_t *cs);

// Fast path inline: an uncontended object is one CAS to enter and one to
// leave.  Anything else (contention, re-entry on an object this thread
// already holds, a suspended enclosing section) takes the slow path.
static inline void critical_enter(critical_section_t *cs, obj_t *o) {
    cs->obj1 = o;
    cs->obj2 = NULL;
    if (PVM_LIKELY(mutex_trylock(&o->ob_mutex))) {
        cs->held = true;
        cs->prev = pvm_cs_top;
        pvm_cs_top = cs;
        return;
    }
    critical_enter_slow(cs, o);
}

// Enters a one-object section only if o's mutex is free right now; false
// (nothing taken, nothing to exit) otherwise.  For code that must not wait
// on another thread, such as the final flush at interpreter shutdown.
static inline bool critical_try_enter(critical_section_t *cs, obj_t *o) {
    if (!mutex_trylock(&o->ob_mutex)) return false;
    cs->obj1 = o;
    cs->obj2 = NULL;
    cs->held = true;
    cs->prev = pvm_cs_top;
    pvm_cs_top = cs;
    return true;
}

static inline void critical_exit(critical_section_t *cs) {
    critical_section_t *prev = cs->prev;
    if (PVM_LIKELY(cs->held && cs->obj2 == NULL && (prev == NULL || prev->held))) {
        mutex_unlock(&cs->obj1->ob_mutex);
        cs->held = false;
        pvm_cs_top = prev;
        return;
    }
    critical_exit_slow(cs);
}

#define BEGIN_CRITICAL_SECTION(o)                                                                  \
    {                                                                                              \
        critical_section_t cs_;                                                                    \
        critical_enter(&cs_, (obj_t *)(o));

#define BEGIN_CRITICAL_SECTION2(a, b)                                                              \
    {                                                                                              \
        critical_section_t cs_;                                                                    \
        critical_enter2(&cs_, (obj_t *)(a), (obj_t *)(b));

#define END_CRITICAL_SECTION()                                                                     \
    critical_exit(&cs_);                                                                           \
    }

// Debug check that the calling thread holds o's mutex.
void critical_assert_held(obj_t *o);
// Around blocking: release every held section / re-take the innermost one
// (threads/thread.c calls these from thread_block_begin/end).
void critical_suspend_all(void);
void critical_resume(void);

#endif // PVM_CRITICAL_H
