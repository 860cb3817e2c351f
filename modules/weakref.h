/*
 * modules/weakref.h — weak references (modules/weakref.c): the hooks the
 * rest of the VM calls.
 */
#ifndef PVM_WEAKREF_H
#define PVM_WEAKREF_H

#include "../objects/object.h"

// Called by trashcan_dealloc when o's count reached zero and o has (or had)
// weak references (GC_WEAKREFS): clears every weakref to o and runs their
// callbacks.  After it returns no weakref can reach o.
void weakref_clear_referent(obj_t *o);

// A new reference to o unless o's count has already reached zero (o is
// dying): then false and nothing changes.  o must carry the weakref mark
// (weakref_mark) or be owned by the caller; the caller must keep o's memory
// valid meanwhile (weakrefs call it under their stripe lock).
bool obj_try_incref(obj_t *o);
// Marks o so that its death goes through the shared count (MAYBE_WEAKREF):
// from then on obj_try_incref is sound on it.  Caller holds a reference.
void weakref_mark(obj_t *o);

// Called by type creation (objects/type.c) for a class statement's type:
// adds the `__weakref__` descriptor when the type adds weakref support.
int weakref_type_add_descriptor(type_t *t, obj_t *dict);

// The cycle collector (gc/collect.c).  In its stop-the-world pause:
// clears every weakref to the garbage object o and appends (weakref,
// callback) for each one with a callback that is not garbage itself
// (GC_GARBAGE), holding a reference to both; a weakref that is garbage
// keeps its callback, which is never called (as in CPython).  After the
// pause: weakref_run_callback calls one and drops both references.
typedef struct {
    obj_t *w, *cb;
} weakref_pending_t;
void weakref_clear_for_gc(obj_t *o, weakref_pending_t **arr, size_t *n, size_t *cap);
void weakref_run_callback(obj_t *w, obj_t *cb);
// At exit (core/exitclear.c): drops the callback of weakref o, if o is
// one, so that it is never called.
void weakref_drop_callback(obj_t *o);

extern type_t weakref_ref_type, weakref_proxy_type, weakref_callable_proxy_type;
#endif // PVM_WEAKREF_H
