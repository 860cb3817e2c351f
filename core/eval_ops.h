/*
 * core/eval_ops.h — the interpreter loop's out-of-line helpers (internal to
 * core/eval.c and core/eval_ops.c): slow paths of the handlers, error
 * raisers, the private fast range iterator.  All follow the usual
 * conventions (NULL / -1 with an exception set).
 */
#ifndef PVM_EVAL_OPS_H
#define PVM_EVAL_OPS_H

#include "../objects/code.h"
#include "../objects/object.h"
#include "frame.h"

// Iterator that GET_ITER creates for a range of small ints; FOR_ITER
// advances it inline.
typedef struct {
    obj_t ob;
    int64_t cur, stop, step;
} fastrange_t;
extern type_t pvm_fastrange_type;

void eval_raise_name_error(obj_t *name);
void eval_raise_unbound_local(code_t *co, int reg);
void eval_raise_unbound_free(code_t *co, int reg);

PVM_WUR obj_t *eval_get_iter(obj_t *v);
bool eval_str_concat_inplace(obj_t **slot, obj_t *rhs);
PVM_WUR obj_t *eval_arith_slow(obj_t *a, obj_t *b, int op, int inplace);
int eval_compare_truth(obj_t *a, obj_t *b, int op); // 1/0, -1 on error
PVM_WUR obj_t *eval_compare_obj(obj_t *a, obj_t *b, int op);
int eval_exc_match(obj_t *exc, obj_t *cls);
// Unpacks v into out[0..before) [+ list + `after` items]; after < 0: exactly `before`.
int eval_unpack(obj_t *v, int before, int after, obj_t **out);
int eval_list_extend_checked(obj_t *list, obj_t *v, obj_t *callable);
int eval_dict_update_mapping(obj_t *d, obj_t *v);
int eval_dict_merge_kwargs(obj_t *d, obj_t *v, obj_t *callable);
PVM_WUR obj_t *eval_format_value(obj_t *v, int conv, obj_t *spec);
PVM_WUR obj_t *eval_build_string(obj_t **items, int n);
int eval_do_raise(thread_t *ts, obj_t *exc, obj_t *cause);
int eval_before_with(obj_t *mgr, obj_t **exit_out, obj_t **enter_out);
// The result is a register reference (may be a credit, gc/credit.h).
PVM_WUR obj_t *eval_load_name(frame_t *f, obj_t *name);
int eval_store_name(frame_t *f, obj_t *name, obj_t *v);
int eval_delete_name(frame_t *f, obj_t *name);
PVM_WUR obj_t *eval_make_function(frame_t *f, obj_t *code, obj_t **regs, int flags);
PVM_WUR obj_t *eval_build_map(obj_t **regs, int n);
PVM_WUR obj_t *eval_build_set(obj_t **regs, int n);
int eval_set_update_iter(obj_t *s, obj_t *iterable);
PVM_WUR obj_t *eval_get_yield_from_iter(obj_t *v, code_t *co);
int eval_yield_from_step(obj_t *sub, obj_t *value, obj_t **out);
int eval_setup_annotations(frame_t *f);
int eval_print_expr(obj_t *v);
PVM_WUR obj_t *eval_load_build_class(frame_t *f);
PVM_WUR obj_t *eval_import_name(frame_t *f, obj_t *name, obj_t *fromlist, int level);

// core/eval_async.c: the await protocols (GET_AWAITABLE's kind: 0 await,
// 1 __aenter__'s result, 2 __aexit__'s result).
PVM_WUR obj_t *eval_get_awaitable(obj_t *o, int kind);
PVM_WUR obj_t *eval_get_aiter(obj_t *o);
PVM_WUR obj_t *eval_get_anext(obj_t *aiter);
int eval_before_async_with(obj_t *mgr, obj_t **exit_out, obj_t **enter_out);
int async_types_ready(void);

#endif // PVM_EVAL_OPS_H
