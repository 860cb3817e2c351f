/*
 * threads/registry.h — the registry of attached threads (threads/thread.c):
 * small thread ids and the id -> thread_t table.  One mutex guards it; it is
 * taken on attach/detach, by biased refcounting's queueing slow path and by
 * stop-the-world, never on a hot path.
 */
#ifndef PVM_REGISTRY_H
#define PVM_REGISTRY_H

#include "thread.h"

void registry_lock(void);
void registry_unlock(void);
// The attached thread with id `tid`, or NULL.  Registry lock held.
thread_t *registry_find(uint32_t tid);
// First attached thread (registry lock held); iterate with ->next.
thread_t *registry_first(void);
// Number of attached threads.
size_t registry_count(void);

#endif // PVM_REGISTRY_H
