/*
 * objects/type.h — classes: `type` itself, heap types made by `class`
 * statements (C3 MRO, slot dispatch to dunder methods), `object`, `super`,
 * and the descriptor types property / staticmethod / classmethod.
 */
#ifndef PVM_TYPE_H
#define PVM_TYPE_H

#include "object.h"

// type(name, bases, dict) with metaclass `meta`: computes the MRO (C3,
// TypeError "Cannot create a consistent method resolution order (MRO) for
// bases A, B"), picks the instance layout from the solid base, fills every
// slot whose dunder is defined anywhere in the MRO with a generic function
// that calls it, runs __set_name__ and the parent's __init_subclass__.
// The class is a counted object (freed by the cycle collector).
PVM_WUR obj_t *type_new_class(type_t *meta, obj_t *name, obj_t *bases, obj_t *dict,
                              obj_t *kwnames_dict);
// Makes a finished class immortal with its name, bases, MRO, dict and the
// values in it (recursively through tuples), so that no thread writes
// their counts: for classes made once per process (a class statement of a
// module body, native modules' classes).  Call it before the class is
// shared, or where a lost count does not matter (it never dies after).
void type_immortalize(type_t *t);
// Instance layout helpers for heap types.
PVM_WUR obj_t *object_new_instance(type_t *type); // object.__new__(type) for any heap type
// Generic `type.__call__`: tp_new, then tp_init when the result is an instance.
PVM_WUR obj_t *type_call(obj_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames);
// Called when a type's dict or bases change (bumps version tags).
void type_modified(type_t *type);

extern type_t super_type, property_type, staticmethod_type, classmethod_type;
// types.UnionType: the value of `int | str` (objects/union.c).
extern type_t union_type;
// types.GenericAlias: `list[int]` for builtin generic classes (objects/union.c).
extern type_t generic_alias_type;
PVM_WUR obj_t *generic_alias_new(obj_t *origin, obj_t *item);
// The shared classmethod `__class_getitem__` of builtin generic classes
// (list, dict, deque...): cls[item] is types.GenericAlias(cls, item).
PVM_WUR obj_t *generic_class_getitem(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames);
// types.MappingProxyType: a read-only view of a mapping; a class's
// __dict__ (objects/mappingproxy.c).
extern type_t mappingproxy_type;
PVM_WUR obj_t *mappingproxy_new(obj_t *mapping);
PVM_WUR obj_t *staticmethod_new(obj_t *callable);
PVM_WUR obj_t *classmethod_new(obj_t *callable);

#endif // PVM_TYPE_H
