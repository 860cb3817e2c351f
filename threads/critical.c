/*
 * threads/critical.c — critical sections (threads/critical.h).
 *
 * Each thread keeps a stack of its active sections (innermost on top) in
 * thread-local storage.  Invariants:
 *  - a section's mutexes are held by this thread iff `held` is set;
 *  - before the thread blocks (a contended object mutex, or any blocking
 *    call wrapped in thread_block_begin/end) every held section is released,
 *    so no thread sleeps while holding an object lock and sections can never
 *    deadlock against each other, whatever their nesting order;
 *  - after a block only the innermost section is re-acquired; an outer one
 *    is re-acquired when the inner ones end and it becomes the top again.
 *  - a section on an object the top section already holds takes the lock
 *    over (the outer one is marked not held) and gives it back at its end,
 *    without ever releasing the mutex in between.
 */
#include "critical.h"
#include "mutex.h"
#include "thread.h"

__thread critical_section_t *pvm_cs_top;
#define cs_top pvm_cs_top

static inline _Atomic uint8_t *mtx(obj_t *o) {
    return &o->ob_mutex;
}

static void release(critical_section_t *cs) {
    if (!cs->held) return;
    if (cs->obj2) mutex_unlock(mtx(cs->obj2));
    mutex_unlock(mtx(cs->obj1));
    cs->held = false;
}

void critical_suspend_all(void) {
    for (critical_section_t *cs = cs_top; cs; cs = cs->prev)
        release(cs);
}

// Takes the section's mutexes, releasing everything else first if that
// would block.  obj1 < obj2 by address when both are set.
static void acquire(critical_section_t *cs) {
    if (mutex_trylock(mtx(cs->obj1))) {
        if (cs->obj2 == NULL || mutex_trylock(mtx(cs->obj2))) {
            cs->held = true;
            return;
        }
        mutex_unlock(mtx(cs->obj1));
    }
    critical_suspend_all();
    mutex_lock(mtx(cs->obj1));
    if (cs->obj2) mutex_lock(mtx(cs->obj2));
    cs->held = true;
}

void critical_resume(void) {
    if (cs_top && !cs_top->held) acquire(cs_top);
}

static void take_over_or_acquire(critical_section_t *cs) {
    critical_section_t *top = cs_top;
    if (top && top->held && top->obj2 == NULL && cs->obj2 == NULL && top->obj1 == cs->obj1) {
        top->held = false; // ours now; given back in critical_exit
        cs->held = true;
        return;
    }
    if (top && top->held &&
        (top->obj1 == cs->obj1 || top->obj1 == cs->obj2 || top->obj2 == cs->obj1 ||
         (cs->obj2 && top->obj2 == cs->obj2))) {
        // Overlapping pair: release and re-take in address order.
        critical_suspend_all();
    }
    acquire(cs);
}

void critical_enter_slow(critical_section_t *cs, obj_t *o) {
    cs->obj1 = o;
    cs->obj2 = NULL;
    cs->held = false;
    take_over_or_acquire(cs);
    cs->prev = cs_top;
    cs_top = cs;
}

void critical_enter2(critical_section_t *cs, obj_t *a, obj_t *b) {
    if (a == b) {
        critical_enter_slow(cs, a);
        return;
    }
    if ((uintptr_t)a > (uintptr_t)b) {
        obj_t *t = a;
        a = b;
        b = t;
    }
    cs->obj1 = a;
    cs->obj2 = b;
    cs->held = false;
    take_over_or_acquire(cs);
    cs->prev = cs_top;
    cs_top = cs;
}

void critical_exit_slow(critical_section_t *cs) {
    PVM_ASSERT(cs == cs_top);
    critical_section_t *prev = cs->prev;
    if (cs->held && prev != NULL && !prev->held && prev->obj1 == cs->obj1 &&
        prev->obj2 == cs->obj2) {
        // The enclosing section is on the same object(s) (a take-over, or it
        // was suspended and this one took the locks again): hand them back
        // without releasing them, or another thread could slip in between
        // and break the enclosing section's atomicity.
        cs->held = false;
        prev->held = true;
        cs_top = prev;
        return;
    }
    release(cs);
    cs_top = cs->prev;
    critical_resume();
}

void critical_assert_held(obj_t *o) {
    PVM_ASSERT(mutex_is_locked(mtx(o)));
    (void)o;
}
