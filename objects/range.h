/*
 * objects/range.h — range, slice and the builtin iterator types
 * (objects/range.c, objects/slice.c, objects/iter.c).
 */
#ifndef PVM_RANGE_H
#define PVM_RANGE_H

#include "object.h"

typedef struct {
    obj_t ob;
    obj_t *start, *stop, *step, *length; // ints
} range_t;
extern type_t range_type;
PVM_WUR obj_t *range_new_i64(int64_t start, int64_t stop, int64_t step);
// Added by the containers piece: range's iterator types (int64 fast path and
// big-int fallback), for type_ready at start-up.
extern type_t range_iter_type, longrange_iter_type;

typedef struct {
    obj_t ob;
    obj_t *start, *stop, *step; // any objects, None when absent
} slice_t;
extern type_t slice_type;
#define SLICE_CHECK(v) OBJ_IS_TYPE(v, &slice_type)
PVM_WUR obj_t *slice_new(obj_t *start, obj_t *stop, obj_t *step); // borrowed; NULL = None
// Computes start/stop/step and the slice length for a sequence of `len`
// items, as slice.indices() does.  -1 + exception on error (e.g. step 0:
// "slice step cannot be zero").
int slice_unpack(obj_t *slice, ssize_t len, ssize_t *start, ssize_t *stop, ssize_t *step,
                 ssize_t *slicelen);
// Added by the containers piece: the two halves of slice_unpack, for callers
// that must convert the bounds (which may run __index__) before taking a
// lock and adjust them to the length inside it (CPython's PySlice_Unpack and
// PySlice_AdjustIndices).  slice_adjust_indices returns the slice length.
int slice_unpack_raw(obj_t *slice, ssize_t *start, ssize_t *stop, ssize_t *step);
ssize_t slice_adjust_indices(ssize_t len, ssize_t *start, ssize_t *stop, ssize_t step);

// Iterator over any object with __getitem__ (the old sequence protocol), and
// over the builtin sequences (list, tuple, str, bytes, range have their own
// fast iterators in their files).
extern type_t seqiter_type, calliter_type, enumerate_type, zip_type, map_type, filter_type,
    reversed_type;
PVM_WUR obj_t *seqiter_new(obj_t *seq);
PVM_WUR obj_t *calliter_new(obj_t *callable, obj_t *sentinel); // iter(f, sentinel)

// Pickling of the builtin iterators (iter.c), in the shapes CPython 3.11's
// __reduce__ methods give, so pickle and copy rebuild an iterator where it
// stands.  iter_reduce_builtin: (builtins.<name>, args) or, with a state,
// (builtins.<name>, args, state); args and state are borrowed.
// iter_reduce_seq: (builtins.<name>, (seq,), index), or (builtins.<name>,
// (seq,)) when index < 0.  iter_setstate_index: the int argument of
// __setstate__ clamped to [lo, hi]; -1 + TypeError when it is no int.
PVM_WUR obj_t *iter_reduce_builtin(const char *name, obj_t *args, obj_t *state);
PVM_WUR obj_t *iter_reduce_seq(const char *name, obj_t *seq, ssize_t index);
PVM_WUR int iter_setstate_index(obj_t *state, ssize_t lo, ssize_t hi, ssize_t *out);

#endif // PVM_RANGE_H
