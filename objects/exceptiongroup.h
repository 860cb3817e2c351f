/*
 * objects/exceptiongroup.h — BaseExceptionGroup and ExceptionGroup (PEP 654)
 * and the two runtime helpers behind `except*`.
 *
 * A group is an exc_t extended with `message` (a str) and `exceptions` (a
 * non-empty tuple of exception instances).  Both are set once by __new__
 * and read-only afterwards, so any thread may read them without a lock.
 */
#ifndef PVM_EXCEPTIONGROUP_H
#define PVM_EXCEPTIONGROUP_H

#include "exceptions.h"

typedef struct egroup {
    exc_t base;
    obj_t *msg;  // str, never rebound
    obj_t *excs; // tuple of exceptions, never rebound
} egroup_t;

#define EGROUP_CHECK(v) (EXC_CHECK(v) && type_is_subtype(TYPE(v), exc_BaseExceptionGroup))

// Fills the slots of the two group types; exceptions_init calls it before
// readying the hierarchy.
void egroup_setup_types(void);
// ExceptionGroup(msg, excs) as the interpreter builds it (excs: a list or
// tuple of exceptions, borrowed).
PVM_WUR obj_t *egroup_new(const char *msg, obj_t *excs);
// The group's exceptions tuple (borrowed; lives as long as the group).
obj_t *egroup_exceptions(obj_t *eg);
// except* matching: validates `type` (TypeError for non-exception classes
// and for ExceptionGroup types), then sets *match to the part of `exc`
// matching it (None when nothing matches; a naked matching exception is
// wrapped in ExceptionGroup("", [exc])) and *rest to the remainder (None
// when everything matched).  New references; -1 with an exception set.
int egroup_except_star_match(obj_t *exc, obj_t *type, obj_t **match, obj_t **rest);
// After the except* clauses ran: `orig` is the exception that entered the
// try, `raised` a list of the exceptions each clause raised or re-raised
// plus the unmatched rest (None items ignored).  Returns the exception to
// raise, or None when nothing is left.  New reference, NULL on error.
PVM_WUR obj_t *egroup_prep_reraise_star(obj_t *orig, obj_t *raised);

#endif // PVM_EXCEPTIONGROUP_H
