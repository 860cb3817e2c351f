/*
 * core/suggestions.h — "Did you mean" hints for NameError and
 * AttributeError in exception reports (core/suggestions.c).
 */
#ifndef PVM_SUGGESTIONS_H
#define PVM_SUGGESTIONS_H

#include "../objects/object.h"

// The name to suggest for exc (a new reference to a str), or NULL when
// there is none.  Never leaves an exception set; keeps the current one.
obj_t *suggestion_for_exception(obj_t *exc);

#endif // PVM_SUGGESTIONS_H
