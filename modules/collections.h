/*
 * modules/collections.h — types shared between the files of the
 * `_collections` module (modules/collections.c, modules/deque.c).
 */
#ifndef PVM_MODULES_COLLECTIONS_H
#define PVM_MODULES_COLLECTIONS_H

#include "../objects/object.h"

extern type_t deque_type, deque_iter_type, deque_reviter_type;

// True for deques and instances of subclasses.
bool deque_check(obj_t *v);
// d.append(v): v borrowed; -1 + exception.
int deque_append(obj_t *d, obj_t *v);

// Adds OrderedDict to the module's dict (modules/odict.c).
int odict_register(obj_t *module_dict);

#endif // PVM_MODULES_COLLECTIONS_H
