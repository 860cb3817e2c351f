/*
 * modules/structseq.h — struct sequences for native modules (os.stat_result,
 * posix.uname_result, posix.times_result, os.terminal_size ...): tuples
 * whose first `nvis` items are the sequence and whose further items are
 * reachable only by attribute, as CPython's PyStructSequence.
 *
 * An instance is a tuple of `nfields` items allocated as one tuple_t whose
 * `size` is then lowered to `nvis`: len(), indexing, hashing, comparison
 * and iteration see the visible part only; structseq_dealloc releases all
 * `nfields`.  Instances are immutable after creation, so they need no
 * locking (as tuples).
 */
#ifndef PVM_STRUCTSEQ_H
#define PVM_STRUCTSEQ_H

#include "../objects/object.h"

typedef struct {
    type_t type;                   // must be first; a static type
    uint16_t nvis, nfields;        // visible items, all items
    const char *const *repr_names; // nvis names for repr (visible order)
} structseq_type_t;

// Static initializer: name e.g. "os.stat_result", gs the getset table (one
// getter per field, closure = item index, see STRUCTSEQ_FIELD).
#define STRUCTSEQ_TYPE(pyname, gs, nv, nf, names)                                                  \
    {                                                                                              \
        .type =                                                                                    \
            {                                                                                      \
                .ob = OBJ_HEAD_INIT(&type_type),                                                   \
                .name = pyname,                                                                    \
                .basicsize = sizeof(tuple_t),                                                      \
                .itemsize = sizeof(obj_t *),                                                       \
                .flags = TPFLAG_TUPLE_SUBCLASS,                                                    \
                .base = &tuple_type,                                                               \
                .dealloc = structseq_dealloc,                                                      \
                .repr = structseq_repr,                                                            \
                .tp_new = structseq_tp_new,                                                        \
                .methods = structseq_methods,                                                      \
                .getsets = gs,                                                                     \
            },                                                                                     \
        .nvis = nv, .nfields = nf, .repr_names = names,                                            \
    }
#define STRUCTSEQ_FIELD(name, i)                                                                   \
    { name, structseq_get, NULL, (void *)(uintptr_t)(i) }

void structseq_dealloc(obj_t *o);
PVM_WUR obj_t *structseq_repr(obj_t *o);
PVM_WUR obj_t *structseq_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *structseq_get(obj_t *self, void *closure);
extern const method_def_t structseq_methods[];

// Readies the type and sets n_sequence_fields / n_fields / n_unnamed_fields.
int structseq_ready(structseq_type_t *t, int n_unnamed);
// A new instance from `items` (nfields of them, stolen; a NULL item means
// an allocation failed: all are released and NULL returned).
PVM_WUR obj_t *structseq_new(structseq_type_t *t, obj_t **items);

#endif // PVM_STRUCTSEQ_H
