/*
 * objects/complex.h — complex: a boxed pair of C doubles (real, imag).
 * Immutable; arithmetic, repr, hash and the constructor follow CPython 3.11.
 */
#ifndef PVM_COMPLEX_H
#define PVM_COMPLEX_H

#include "object.h"

typedef struct {
    double real, imag;
} complex_value_t;

typedef struct {
    obj_t ob;
    complex_value_t cval;
} complexobj_t;

extern type_t complex_type;
#define COMPLEX_CHECK(v) (!IS_SMALLINT(v) && type_is_subtype((v)->ob_type, &complex_type))
#define COMPLEX_EXACT(v) (!IS_SMALLINT(v) && (v)->ob_type == &complex_type)
static inline complex_value_t complex_value(obj_t *v) {
    return ((complexobj_t *)v)->cval;
}

PVM_WUR obj_t *complex_from_doubles(double real, double imag); // new ref; NULL + MemoryError
// a ** b for complex values, with CPython's errors (ZeroDivisionError "0.0 to a
// negative or complex power", OverflowError "complex exponentiation").  Used by
// float ** float when a negative base meets a fractional exponent.
PVM_WUR obj_t *complex_pow_values(complex_value_t a, complex_value_t b);
// pow(base, exp, mod) with a complex among them: CPython's errors (ValueError
// "complex modulo", or float's TypeError) or NotImplemented.
PVM_WUR obj_t *complex_pow3(obj_t *base, obj_t *exp, obj_t *mod);

#endif // PVM_COMPLEX_H
