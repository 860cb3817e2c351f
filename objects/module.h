/*
 * objects/module.h — module objects: a name and a dict (the module's globals).
 */
#ifndef PVM_MODULE_H
#define PVM_MODULE_H

#include "object.h"

typedef struct {
    obj_t ob;
    obj_t *dict;
} module_t;

extern type_t module_type;
#define MODULE_CHECK(v) (!IS_SMALLINT(v) && type_is_subtype((v)->ob_type, &module_type))
PVM_WUR obj_t *module_new(const char *name); // dict holds __name__, __doc__=None
static inline obj_t *module_dict(obj_t *m) {
    return ((module_t *)m)->dict;
} // borrowed
// Adds builtin functions from a NULL-terminated table to a module.
int module_add_functions(obj_t *m, const method_def_t *defs);

#endif // PVM_MODULE_H
