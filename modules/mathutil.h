/*
 * modules/mathutil.h — helpers shared by the `math` and `cmath` modules
 * (modules/math.c, modules/math_int.c, modules/cmath.c); internal to them.
 *
 * Both modules follow CPython 3.11's error conventions: a libm result is
 * judged by its value (nan from a non-nan argument: "math domain error";
 * inf from a finite argument: "math range error" or a domain error) and by
 * errno, where ERANGE with a result under 1.5 in magnitude is an underflow
 * and is ignored.
 */
#ifndef PVM_MODULES_MATHUTIL_H
#define PVM_MODULES_MATHUTIL_H

#include "../objects/object.h"

// ValueError "math domain error"; returns NULL.
obj_t *math_domain_error(void);
// OverflowError "math range error"; returns NULL.
obj_t *math_range_error(void);
// Judges a nonzero errno left by a libm call that returned r: -1 with an
// exception set, or 0 when it is an underflow to ignore.
PVM_WUR int math_errno_check(double r);
// Looks up a special method on type(v); *found tells whether it exists.  When
// found, calls it bound to v with no arguments and returns the result.
PVM_WUR obj_t *math_call_special(obj_t *v, const char *name, bool *found);

// Integer functions of `math` (modules/math_int.c).
obj_t *math_factorial(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *math_gcd(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *math_lcm(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *math_isqrt(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *math_comb(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *math_perm(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
obj_t *math_prod(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);

#endif // PVM_MODULES_MATHUTIL_H
