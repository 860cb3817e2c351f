/*
 * objects/none.c — the singletons None (NoneType), NotImplemented
 * (NotImplementedType) and Ellipsis (ellipsis).  All three are static and
 * immortal; calling their types with no arguments returns the singleton.
 */
#include "../core/error.h"
#include "exceptions.h"
#include "str.h"
#include "tuple.h"

obj_t none_obj = OBJ_HEAD_INIT(&none_type);
obj_t notimpl_obj = OBJ_HEAD_INIT(&notimpl_type);
obj_t ellipsis_obj = OBJ_HEAD_INIT(&ellipsis_type);

static void singleton_dealloc(obj_t *o) {
    (void)o; // immortal
}

static int no_arguments(type_t *type, size_t nargs, obj_t *kwnames) {
    if (nargs || (kwnames && TUPLE_SIZE(kwnames) > 0)) {
        err_format(exc_TypeError, "%s takes no arguments", type->name);
        return -1;
    }
    return 0;
}

static obj_t *none_repr(obj_t *v) {
    return NEWREF(str_intern("None"));
}
static int none_bool(obj_t *v) {
    return 0;
}
static obj_t *none_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (no_arguments(type, nargs, kwnames) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *notimpl_repr(obj_t *v) {
    return NEWREF(str_intern("NotImplemented"));
}
static int notimpl_bool(obj_t *v) {
    return 1;
}
static obj_t *notimpl_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (no_arguments(type, nargs, kwnames) < 0) return NULL;
    return NEWREF(NotImplemented);
}

static obj_t *ellipsis_repr(obj_t *v) {
    return NEWREF(str_intern("Ellipsis"));
}
static obj_t *ellipsis_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (no_arguments(type, nargs, kwnames) < 0) return NULL;
    return NEWREF(Ellipsis);
}

// __reduce__ returns the name, so copy/pickle keep the singletons unique.
static obj_t *notimpl_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(str_intern("NotImplemented"));
}

static obj_t *ellipsis_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(str_intern("Ellipsis"));
}

static const method_def_t notimpl_methods[] = {{"__reduce__", notimpl_reduce, METH_DEFAULT, NULL},
                                               {NULL, NULL, 0, NULL}};
static const method_def_t ellipsis_methods[] = {{"__reduce__", ellipsis_reduce, METH_DEFAULT, NULL},
                                                {NULL, NULL, 0, NULL}};

type_t none_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "NoneType",
    .basicsize = sizeof(obj_t),
    .base = &object_type,
    .dealloc = singleton_dealloc,
    .repr = none_repr,
    .tp_new = none_new,
    .nb_bool = none_bool,
};

type_t notimpl_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "NotImplementedType",
    .basicsize = sizeof(obj_t),
    .base = &object_type,
    .dealloc = singleton_dealloc,
    .repr = notimpl_repr,
    .tp_new = notimpl_new,
    .nb_bool = notimpl_bool,
    .methods = notimpl_methods,
};

type_t ellipsis_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "ellipsis",
    .basicsize = sizeof(obj_t),
    .base = &object_type,
    .dealloc = singleton_dealloc,
    .repr = ellipsis_repr,
    .tp_new = ellipsis_new,
    .methods = ellipsis_methods,
};
