/*
 * gc/brc.h — internal interface of biased reference counting's merge
 * queues (gc/refcount.c), used by the thread runtime.
 */
#ifndef PVM_BRC_H
#define PVM_BRC_H

#include "../objects/object.h"
#include "../threads/thread.h"

typedef struct brc_queue brc_queue_t;

// Gives the owner of `o` the reference the caller is dropping (QUEUED state).
void brc_queue_object(obj_t *o);
// Owner side: merges every object queued to `ts` (eval breaker).
void brc_merge_queue(thread_t *ts);
// Drops a counted reference of a non-owner now (brc_decref_shared without
// credits or debts): the shared-count decrement, queueing or dealloc.
void brc_decref_apply(obj_t *o);
// Folds local into shared, gives up ownership; returns the new total count.
int64_t brc_explicit_merge(obj_t *o, int64_t extra);
// Drains and frees the thread's queue at thread exit.
void brc_thread_fini(thread_t *ts);

#endif // PVM_BRC_H
