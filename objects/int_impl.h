/*
 * objects/int_impl.h — private helpers shared by objects/int.c,
 * objects/int_ops.c and objects/float.c (the numbers engineer's files only).
 *
 * An int value is one of: a tagged small int, a bool (bool_obj_t, value 0/1,
 * NOT tagged), or a heap int_t whose mpz holds a value outside the small
 * range.  int_small_value() folds the first two cases; int_zview() gives a
 * read-only mpz view of any int value without allocating.
 */
#ifndef PVM_INT_IMPL_H
#define PVM_INT_IMPL_H

#include "../core/error.h"
#include "exceptions.h"
#include "float.h"
#include "int.h"

#if GMP_LIMB_BITS != 64 || GMP_NAIL_BITS != 0
#error "pvm's int code assumes 64-bit GMP limbs without nails"
#endif

#define INT_Z(v) (((int_t *)(v))->z)

// Largest int pvm agrees to build, in bits (GMP's own limit is 2**37 bits);
// bigger results raise MemoryError instead of aborting inside GMP.
#define INT_MAX_BITS ((uint64_t)1 << 36)

// True (and *out set) for a tagged int or a bool; false for a heap int_t.
// The caller has checked INT_CHECK(v).
static inline bool int_small_value(obj_t *v, int64_t *out) {
    if (IS_SMALLINT(v)) {
        *out = SMALLINT_VALUE(v);
        return true;
    }
    if (v->ob_type == &bool_type) {
        *out = ((bool_obj_t *)v)->value;
        return true;
    }
    return false;
}

typedef struct {
    mpz_t z;
    mp_limb_t limb;
} zview_t;

// A read-only mpz for any int value (valid while v and *t live).
static inline mpz_srcptr int_zview(obj_t *v, zview_t *t) {
    int64_t s;
    if (int_small_value(v, &s)) {
        t->limb = s < 0 ? (mp_limb_t)(-(uint64_t)s) : (mp_limb_t)s;
        return mpz_roinit_n(t->z, &t->limb, s < 0 ? -1 : (s > 0 ? 1 : 0));
    }
    return INT_Z(v);
}

// Builds an int from z and clears z (its storage moves into the new object
// when the value is big).  NULL + MemoryError (z cleared anyway).
PVM_WUR obj_t *int_from_mpz_move(mpz_ptr z);
// z * 2**exp correctly rounded (half-even) to a double, subnormals included;
// *overflow = 1 (and +-inf returned) when it does not fit.
double int_mpz_ldexp(mpz_srcptr z, long exp, int *overflow);
// -1/0/1 comparing the int v with d exactly; 2 when d is nan.
int int_cmp_double(obj_t *v, double d);
// The raw float ** float computation with CPython's special cases and errors.
PVM_WUR obj_t *float_pow_doubles(double iv, double iw);
// int(v) for a str/bytes text: `orig` (a str or bytes) is used in the error
// message.  Handles non-ASCII decimal digits and whitespace of str input.
PVM_WUR obj_t *int_parse_object(obj_t *orig, int base);
// Copies the text of a str into a malloc'd NUL-terminated ASCII buffer with
// Unicode decimal digits mapped to '0'..'9' and Unicode whitespace to ' ';
// other non-ASCII characters become '\x01' (never valid in a number).
// NULL + MemoryError.
char *num_ascii_text(obj_t *s, size_t *len);
// Unary slots and truth (int.c).
PVM_WUR obj_t *int_neg(obj_t *v);
PVM_WUR obj_t *int_pos(obj_t *v); // also int(v) for an int or bool
PVM_WUR obj_t *int_abs(obj_t *v);
PVM_WUR obj_t *int_invert(obj_t *v);
int int_bool(obj_t *v);
// The digit limit of int<->str conversion (0 = none).
int64_t int_get_max_str_digits(void);

#endif // PVM_INT_IMPL_H
