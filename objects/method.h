/*
 * objects/method.h — bound methods, builtin functions and method descriptors.
 *
 *  method_t       a Python function bound to an instance (`obj.meth`)
 *  cfunction_t    a builtin function (len, print) or a builtin method bound
 *                 to its self (`[].append`)
 *  methoddescr_t  an unbound builtin method stored in a builtin type's dict
 *                 (`list.append`); calling it takes self as the first argument
 *
 * Types with TPFLAG_METHOD_DESCRIPTOR (Python functions and methoddescr) bind
 * as plain methods, so the interpreter's LOAD_METHOD can skip creating the
 * bound object and call them with self prepended.
 */
#ifndef PVM_METHOD_H
#define PVM_METHOD_H

#include "object.h"

typedef struct {
    obj_t ob;
    obj_t *func;
    obj_t *self;
} method_t;

typedef struct {
    obj_t ob;
    const method_def_t *def;
    obj_t *self;   // bound object, module, or NULL
    obj_t *module; // module name (str) or NULL
} cfunction_t;

typedef struct {
    obj_t ob;
    const method_def_t *def;
    type_t *owner; // the type whose dict holds it
} methoddescr_t;

extern type_t method_type, cfunction_type, methoddescr_type, classmethoddescr_type;
PVM_WUR obj_t *method_new(obj_t *func, obj_t *self);
PVM_WUR obj_t *cfunction_new(const method_def_t *def, obj_t *self);
PVM_WUR obj_t *methoddescr_new(type_t *owner, const method_def_t *def);
// A METH_CLASS entry of a builtin type's dict: binds to the class (`dict.fromkeys`).
PVM_WUR obj_t *classmethoddescr_new(type_t *owner, const method_def_t *def);

#endif // PVM_METHOD_H
