/*
 * modules/array.h — array.array shared between modules/array.c (storage,
 * conversions, construction, pickling) and modules/array_seq.c (sequence
 * protocol, methods, iterator).  See array.c for the locking rules.
 */
#ifndef PVM_ARRAY_H
#define PVM_ARRAY_H

#include "../objects/buffer.h"
#include "../objects/object.h"

enum { K_INT, K_FLOAT, K_UNICODE };

typedef struct {
    char code;
    int size; // bytes per item
    int kind; // K_INT / K_FLOAT / K_UNICODE
    bool is_signed;
    int64_t min;
    uint64_t max;
    const char *too_small, *too_big; // OverflowError texts (ints)
    int mformat;                     // CPython's machine format code on this machine
} array_desc_t;

typedef struct {
    obj_t ob;
    const array_desc_t *d; // immutable
    char *data;            // section
    size_t len, cap;       // items; section
    size_t exports;        // live buffer exports; section
} array_t;

extern type_t array_type, array_iter_type;
extern const array_desc_t array_descs[];
extern const buffer_procs_t array_buffer_procs;
extern const getset_def_t array_getsets[];
#define ARRAY_CHECK(v) (!IS_SMALLINT(v) && obj_is_instance_of(v, &array_type))

static inline bool obj_is_instance_of(obj_t *v, type_t *t) {
    for (type_t *x = TYPE(v); x; x = x->base)
        if (x == t) return true;
    return false;
}

const array_desc_t *array_desc_for(uint32_t c);
PVM_WUR obj_t *array_item_obj(const array_desc_t *d, const char *p);
int array_item_from_obj(const array_desc_t *d, obj_t *v, char *out);
int array_reserve_locked(array_t *a, size_t n);
int array_check_resize_locked(array_t *a);
int array_insert_raw_locked(array_t *a, size_t i, const char *items, size_t n);
int array_delete_locked(array_t *a, size_t i, size_t n);
PVM_WUR obj_t *array_snapshot(obj_t *self);
PVM_WUR obj_t *array_new_empty(type_t *type, const array_desc_t *d);
int array_frombytes_impl(obj_t *self, obj_t *src);
int array_fromunicode_impl(obj_t *self, obj_t *s);
int array_extend_iterable(obj_t *self, obj_t *iterable);
int array_extend_array(obj_t *self, obj_t *other);
PVM_WUR obj_t *array_tolist_obj(obj_t *self);
PVM_WUR obj_t *array_tounicode_obj(obj_t *self);
PVM_WUR obj_t *array_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames);
void array_dealloc(obj_t *o);
PVM_WUR obj_t *array_repr(obj_t *self);
PVM_WUR obj_t *array_reduce_ex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);

#endif // PVM_ARRAY_H
