/*
 * modules/structseq.c — struct sequences (modules/structseq.h).
 */
#include "structseq.h"

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/str.h"
#include "../objects/tuple.h"

const method_def_t structseq_methods[] = {{NULL}};

// The struct-sequence description of o's type.  Struct sequence types are
// not subclassable, so TYPE(o) is the static structseq_type_t.
static structseq_type_t *seq_type(obj_t *o) {
    return (structseq_type_t *)TYPE(o);
}

void structseq_dealloc(obj_t *o) {
    tuple_t *t = (tuple_t *)o;
    size_t n = seq_type(o)->nfields;
    for (size_t i = n; i > 0; i--)
        XDECREF(t->items[i - 1]);
    obj_free(o);
}

obj_t *structseq_get(obj_t *self, void *closure) {
    obj_t *v = ((tuple_t *)self)->items[(uintptr_t)closure];
    return NEWREF(v ? v : None);
}

obj_t *structseq_repr(obj_t *o) {
    structseq_type_t *st = seq_type(o);
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_cstr(&b, st->type.name);
    str_builder_add_char(&b, '(');
    for (size_t i = 0; i < st->nvis; i++) {
        if (i > 0) str_builder_add_cstr(&b, ", ");
        str_builder_add_cstr(&b, st->repr_names[i]);
        str_builder_add_char(&b, '=');
        obj_t *r = obj_repr(TUPLE_GET(o, i));
        if (r == NULL) {
            str_builder_discard(&b);
            return NULL;
        }
        str_builder_add_str(&b, r);
        DECREF(r);
    }
    str_builder_add_char(&b, ')');
    return str_builder_finish(&b);
}

obj_t *structseq_new(structseq_type_t *st, obj_t **items) {
    size_t n = st->nfields;
    obj_t *t = NULL;
    for (size_t i = 0; i < n; i++)
        if (items[i] == NULL) goto error;
    if ((t = tuple_new(n)) == NULL) goto error;
    for (size_t i = 0; i < n; i++)
        TUPLE_SET(t, i, items[i]);
    ((tuple_t *)t)->size = st->nvis;
    t->ob_type = &st->type;
    return t;
error:
    for (size_t i = 0; i < n; i++)
        XDECREF(items[i]);
    return NULL;
}

// type(sequence, dict=None): the visible items, then optional hidden ones
// (missing hidden items read as None).
obj_t *structseq_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"sequence", "dict", NULL};
    obj_t *vals[2] = {NULL, NULL};
    if (args_parse(type->name, args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    structseq_type_t *st = (structseq_type_t *)type;
    obj_t *seq = tuple_from_iterable(vals[0]);
    if (seq == NULL) return NULL;
    size_t len = TUPLE_SIZE(seq);
    if (len < st->nvis || len > st->nfields) {
        if (st->nvis == st->nfields)
            err_format(exc_TypeError, "%s() takes a %d-sequence (%d-sequence given)", type->name,
                       (int)st->nvis, (int)len);
        else if (len < st->nvis)
            err_format(exc_TypeError, "%s() takes an at least %d-sequence (%d-sequence given)",
                       type->name, (int)st->nvis, (int)len);
        else
            err_format(exc_TypeError, "%s() takes an at most %d-sequence (%d-sequence given)",
                       type->name, (int)st->nfields, (int)len);
        DECREF(seq);
        return NULL;
    }
    obj_t *items[64];
    for (size_t i = 0; i < st->nfields; i++)
        items[i] = NEWREF(i < len ? TUPLE_GET(seq, i) : None);
    DECREF(seq);
    return structseq_new(st, items);
}

int structseq_ready(structseq_type_t *st, int n_unnamed) {
    if (type_ensure_ready(&st->type) < 0) return -1;
    obj_t *d = st->type.dict;
    if (dict_set_str(d, "n_sequence_fields", SMALLINT_FROM(st->nvis)) < 0 ||
        dict_set_str(d, "n_fields", SMALLINT_FROM(st->nfields)) < 0 ||
        dict_set_str(d, "n_unnamed_fields", SMALLINT_FROM(n_unnamed)) < 0)
        return -1;
    return 0;
}
