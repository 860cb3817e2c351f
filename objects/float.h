/*
 * objects/float.h — float: a boxed C double.
 * repr is the shortest string that round-trips (CPython's repr rules:
 * '1e+16', '1e-05', '0.1', 'inf', 'nan', '-0.0').
 */
#ifndef PVM_FLOAT_H
#define PVM_FLOAT_H

#include "object.h"

typedef struct {
    obj_t ob;
    double value;
} float_t_;
typedef float_t_ floatobj_t;

extern type_t float_type;
#define FLOAT_CHECK(v) (!IS_SMALLINT(v) && type_is_subtype((v)->ob_type, &float_type))
#define FLOAT_EXACT(v) (!IS_SMALLINT(v) && (v)->ob_type == &float_type)
static inline double float_value(obj_t *v) {
    return ((floatobj_t *)v)->value;
}

obj_t *float_from_double(double d); // new ref; NULL + MemoryError
// float(x) conversion of any number/str; TypeError/ValueError as CPython.
PVM_WUR obj_t *float_from_object(obj_t *v);
// Converts an int or float (or object with __float__) to double; -1.0 + exception on error
// (check err_occurred()).
double float_as_double(obj_t *v);
// Writes CPython's repr of d into buf (>= 32 bytes); returns length.
int float_repr_buf(double d, char *buf, size_t size);
hash_t float_hash(double d); // equal to int_hash for integral values
// Format d with a format-spec mini-language already parsed by the caller
// (used by format() and f-strings): see core/format.h.
PVM_WUR obj_t *float_binop(obj_t *a, obj_t *b, binop_t op);

// ---- added by the numbers engineer ----------------------------------------
PVM_WUR obj_t *float_divmod(obj_t *a,
                            obj_t *b); // divmod() of floats/ints, NotImplemented otherwise
PVM_WUR obj_t *float_repr(obj_t *v);   // repr(v) of a float
// Parses float(text) (whitespace, underscores, inf/nan); returns 0 and *out,
// or -1 without an exception when the text is not a float literal.
int float_parse_text(const char *s, size_t len, double *out);

#endif // PVM_FLOAT_H
