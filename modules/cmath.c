/*
 * modules/cmath.c — the `cmath` module: CPython 3.11's complex functions
 * with its exact results and errors.
 *
 * Each function works on complex_value_t and reports an error code (0,
 * EDOM: "math domain error", ERANGE: "math range error") instead of going
 * through errno, except where CPython lets libm's errno through (phase).
 *   - Arguments with an infinite or nan part take their result from the
 *     C99 Annex G tables in cmath_special.h (generated), indexed by the class
 *     of each part; a few cells depend on the finite part's value (exp of
 *     inf + iy: signs from cos y and sin y) and are computed here.
 *   - Finite arguments follow the numerically careful formulas CPython uses
 *     (Kahan's branch cuts for the inverse functions via complex sqrt,
 *     scaling near overflow and underflow), so results are bit-identical.
 *   - asin, atan, sin, tan and cos are asinh, atanh, sinh, tanh and cosh of
 *     i*z rotated back.
 * The module holds no mutable state: nothing here needs a lock.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/complex.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "mathutil.h"

typedef complex_value_t cv_t;

static const double PI = 3.141592653589793238462643383279502884197;
static const double E_ = 2.718281828459045235360287471352662498;
static const double LN2 = 0.6931471805599453094;
static const double LN10 = 2.302585092994045684;

// Thresholds near overflow and underflow, computed once (pthread_once) by the
// first import: libm computes them exactly as CPython does at its start.
static double large_double, sqrt_large_double, log_large_double, sqrt_dbl_min;
#define SCALE_UP   (2 * (DBL_MANT_DIG / 2) + 1)
#define SCALE_DOWN (-(SCALE_UP + 1) / 2)

// ---- special values -------------------------------------------------------------------

enum { CELL_VALUE, CELL_EDOM, CELL_COMPUTED };
typedef struct {
    double re, im;
    uint8_t kind;
} special_t;

#define N   NAN
#define INF HUGE_VAL
#define P   3.141592653589793238462643383279502884197
#define P12 (P / 2)
#define P14 (P / 4)
#define P34 (3 * P / 4)
#define C(a, b)                                                                                    \
    { a, b, CELL_VALUE }
#define E(a, b)                                                                                    \
    { a, b, CELL_EDOM }
#define U(a, b)                                                                                    \
    { a, b, CELL_COMPUTED }
#include "cmath_special.h"
#undef N
#undef INF
#undef P
#undef P12
#undef P14
#undef P34
#undef C
#undef E
#undef U

enum { ST_NINF, ST_NEG, ST_NZERO, ST_PZERO, ST_POS, ST_PINF, ST_NAN };

static int special_type(double d) {
    bool pos = copysign(1., d) == 1.;
    if (isfinite(d)) {
        if (d != 0) return pos ? ST_POS : ST_NEG;
        return pos ? ST_PZERO : ST_NZERO;
    }
    if (isnan(d)) return ST_NAN;
    return pos ? ST_PINF : ST_NINF;
}

static bool all_finite(cv_t z) {
    return isfinite(z.real) && isfinite(z.imag);
}

// The table's value for a non-finite z (its error in *err).
static cv_t special(const special_t t[7][7], cv_t z, int *err) {
    const special_t *c = &t[special_type(z.real)][special_type(z.imag)];
    *err = c->kind == CELL_EDOM ? EDOM : 0;
    return (cv_t){c->re, c->im};
}

static cv_t neg(cv_t z) {
    return (cv_t){-z.real, -z.imag};
}

// ---- the functions --------------------------------------------------------------------

static cv_t c_sqrt(cv_t z, int *err) {
    *err = 0;
    if (!all_finite(z)) return special(sqrt_special, z, err);
    if (z.real == 0. && z.imag == 0.) return (cv_t){0., z.imag};
    double ax = fabs(z.real), ay = fabs(z.imag), s;
    if (ax < DBL_MIN && ay < DBL_MIN) { // hypot(ax, ay) would be subnormal: scale up
        ax = ldexp(ax, SCALE_UP);
        s = ldexp(sqrt(ax + hypot(ax, ldexp(ay, SCALE_UP))), SCALE_DOWN);
    } else {
        ax /= 8.;
        s = 2. * sqrt(ax + hypot(ax, ay / 8.));
    }
    double d = ay / (2. * s);
    if (z.real >= 0.) return (cv_t){s, copysign(d, z.imag)};
    return (cv_t){d, copysign(s, z.imag)};
}

// log(hypot(x, y)) for |x| or |y| near overflow.
static double log_hypot_large(double x, double y) {
    return log(hypot(x / 2., y / 2.)) + LN2 * 2.;
}

static cv_t c_acos(cv_t z, int *err) {
    *err = 0;
    if (!all_finite(z)) return special(acos_special, z, err);
    cv_t r;
    if (fabs(z.real) > large_double || fabs(z.imag) > large_double) {
        r.real = atan2(fabs(z.imag), z.real);
        if (z.real < 0.)
            r.imag = -copysign(log_hypot_large(z.real, z.imag), z.imag);
        else
            r.imag = copysign(log_hypot_large(z.real, z.imag), -z.imag);
    } else {
        int e;
        cv_t s1 = c_sqrt((cv_t){1. - z.real, -z.imag}, &e);
        cv_t s2 = c_sqrt((cv_t){1. + z.real, z.imag}, &e);
        r.real = 2. * atan2(s1.real, s2.real);
        r.imag = asinh(s2.real * s1.imag - s2.imag * s1.real);
    }
    return r;
}

static cv_t c_acosh(cv_t z, int *err) {
    *err = 0;
    if (!all_finite(z)) return special(acosh_special, z, err);
    cv_t r;
    if (fabs(z.real) > large_double || fabs(z.imag) > large_double) {
        r.real = log_hypot_large(z.real, z.imag);
        r.imag = atan2(z.imag, z.real);
    } else {
        int e;
        cv_t s1 = c_sqrt((cv_t){z.real - 1., z.imag}, &e);
        cv_t s2 = c_sqrt((cv_t){z.real + 1., z.imag}, &e);
        r.real = asinh(s1.real * s2.real + s1.imag * s2.imag);
        r.imag = 2. * atan2(s1.imag, s2.real);
    }
    return r;
}

static cv_t c_asinh(cv_t z, int *err) {
    *err = 0;
    if (!all_finite(z)) return special(asinh_special, z, err);
    cv_t r;
    if (fabs(z.real) > large_double || fabs(z.imag) > large_double) {
        if (z.imag >= 0.)
            r.real = copysign(log_hypot_large(z.real, z.imag), z.real);
        else
            r.real = -copysign(log_hypot_large(z.real, z.imag), -z.real);
        r.imag = atan2(z.imag, fabs(z.real));
    } else {
        int e;
        cv_t s1 = c_sqrt((cv_t){1. + z.imag, -z.real}, &e);
        cv_t s2 = c_sqrt((cv_t){1. - z.imag, z.real}, &e);
        r.real = asinh(s1.real * s2.imag - s2.real * s1.imag);
        r.imag = atan2(z.imag, s1.real * s2.real - s1.imag * s2.imag);
    }
    return r;
}

static cv_t c_asin(cv_t z, int *err) { // -i * asinh(i * z)
    cv_t s = c_asinh((cv_t){-z.imag, z.real}, err);
    return (cv_t){s.imag, -s.real};
}

static cv_t c_atanh(cv_t z, int *err) {
    *err = 0;
    if (!all_finite(z)) return special(atanh_special, z, err);
    if (z.real < 0.) return neg(c_atanh(neg(z), err)); // atanh(z) = -atanh(-z)
    cv_t r;
    double ay = fabs(z.imag);
    if (z.real > sqrt_large_double || ay > sqrt_large_double) {
        // atanh(z) ~ 1/z +- i*pi/2 for large z
        double h = hypot(z.real / 2., z.imag / 2.);
        r.real = z.real / 4. / h / h;
        r.imag = -copysign(PI / 2., -z.imag);
    } else if (z.real == 1. && ay < sqrt_dbl_min) {
        if (ay == 0.) {
            r.real = HUGE_VAL;
            r.imag = z.imag;
            *err = EDOM;
        } else {
            r.real = -log(sqrt(ay) / sqrt(hypot(ay, 2.)));
            r.imag = copysign(atan2(2., -ay) / 2, z.imag);
        }
    } else {
        r.real = log1p(4. * z.real / ((1 - z.real) * (1 - z.real) + ay * ay)) / 4.;
        r.imag = -atan2(-2. * z.imag, (1 - z.real) * (1 + z.real) - ay * ay) / 2.;
    }
    return r;
}

static cv_t c_atan(cv_t z, int *err) { // -i * atanh(i * z)
    cv_t s = c_atanh((cv_t){-z.imag, z.real}, err);
    return (cv_t){s.imag, -s.real};
}

static cv_t c_cosh(cv_t z, int *err) {
    cv_t r;
    if (!all_finite(z)) {
        if (isinf(z.real) && isfinite(z.imag) && z.imag != 0.) {
            r.real = copysign(HUGE_VAL, cos(z.imag));
            r.imag =
                z.real > 0 ? copysign(HUGE_VAL, sin(z.imag)) : -copysign(HUGE_VAL, sin(z.imag));
            *err = 0;
            return r;
        }
        return special(cosh_special, z, err);
    }
    if (fabs(z.real) > log_large_double) { // cosh(x) overflows where cosh(z) may not
        double x_minus_one = z.real - copysign(1., z.real);
        r.real = cos(z.imag) * cosh(x_minus_one) * E_;
        r.imag = sin(z.imag) * sinh(x_minus_one) * E_;
    } else {
        r.real = cos(z.imag) * cosh(z.real);
        r.imag = sin(z.imag) * sinh(z.real);
    }
    *err = isinf(r.real) || isinf(r.imag) ? ERANGE : 0;
    return r;
}

static cv_t c_cos(cv_t z, int *err) { // cosh(i * z)
    return c_cosh((cv_t){-z.imag, z.real}, err);
}

static cv_t c_sinh(cv_t z, int *err) {
    cv_t r;
    if (!all_finite(z)) {
        if (isinf(z.real) && isfinite(z.imag) && z.imag != 0.) {
            r.real =
                z.real > 0 ? copysign(HUGE_VAL, cos(z.imag)) : -copysign(HUGE_VAL, cos(z.imag));
            r.imag = copysign(HUGE_VAL, sin(z.imag));
            *err = 0;
            return r;
        }
        return special(sinh_special, z, err);
    }
    if (fabs(z.real) > log_large_double) {
        double x_minus_one = z.real - copysign(1., z.real);
        r.real = cos(z.imag) * sinh(x_minus_one) * E_;
        r.imag = sin(z.imag) * cosh(x_minus_one) * E_;
    } else {
        r.real = cos(z.imag) * sinh(z.real);
        r.imag = sin(z.imag) * cosh(z.real);
    }
    *err = isinf(r.real) || isinf(r.imag) ? ERANGE : 0;
    return r;
}

static cv_t c_sin(cv_t z, int *err) { // -i * sinh(i * z)
    cv_t s = c_sinh((cv_t){-z.imag, z.real}, err);
    return (cv_t){s.imag, -s.real};
}

static cv_t c_tanh(cv_t z, int *err) {
    cv_t r;
    *err = 0;
    if (!all_finite(z)) {
        if (isinf(z.real) && isfinite(z.imag) && z.imag != 0.) {
            r.real = z.real > 0 ? 1.0 : -1.0;
            r.imag = copysign(0., 2. * sin(z.imag) * cos(z.imag));
            return r;
        }
        return special(tanh_special, z, err);
    }
    if (fabs(z.real) > log_large_double) { // 2 * z.real would overflow
        r.real = copysign(1., z.real);
        r.imag = 4. * sin(z.imag) * cos(z.imag) * exp(-2. * fabs(z.real));
    } else {
        double tx = tanh(z.real);
        double ty = tan(z.imag);
        double cx = 1. / cosh(z.real);
        double txty = tx * ty;
        double denom = 1. + txty * txty;
        r.real = tx * (1. + ty * ty) / denom;
        r.imag = ((ty / denom) * cx) * cx;
    }
    return r;
}

static cv_t c_tan(cv_t z, int *err) { // -i * tanh(i * z)
    cv_t s = c_tanh((cv_t){-z.imag, z.real}, err);
    return (cv_t){s.imag, -s.real};
}

static cv_t c_exp(cv_t z, int *err) {
    cv_t r;
    if (!all_finite(z)) {
        if (isinf(z.real) && isfinite(z.imag) && z.imag != 0.) {
            if (z.real > 0) {
                r.real = copysign(HUGE_VAL, cos(z.imag));
                r.imag = copysign(HUGE_VAL, sin(z.imag));
            } else {
                r.real = copysign(0., cos(z.imag));
                r.imag = copysign(0., sin(z.imag));
            }
            *err = 0;
            return r;
        }
        return special(exp_special, z, err);
    }
    if (z.real > log_large_double) {
        double l = exp(z.real - 1.);
        r.real = l * cos(z.imag) * E_;
        r.imag = l * sin(z.imag) * E_;
    } else {
        double l = exp(z.real);
        r.real = l * cos(z.imag);
        r.imag = l * sin(z.imag);
    }
    *err = isinf(r.real) || isinf(r.imag) ? ERANGE : 0;
    return r;
}

static cv_t c_log(cv_t z, int *err) {
    *err = 0;
    if (!all_finite(z)) return special(log_special, z, err);
    cv_t r;
    double ax = fabs(z.real), ay = fabs(z.imag);
    if (ax > large_double || ay > large_double) {
        r.real = log(hypot(ax / 2., ay / 2.)) + LN2;
    } else if (ax < DBL_MIN && ay < DBL_MIN) {
        if (ax > 0. || ay > 0.) { // hypot(ax, ay) would be subnormal
            r.real =
                log(hypot(ldexp(ax, DBL_MANT_DIG), ldexp(ay, DBL_MANT_DIG))) - DBL_MANT_DIG * LN2;
        } else { // log(+-0 +- 0i)
            r.real = -HUGE_VAL;
            r.imag = atan2(z.imag, z.real);
            *err = EDOM;
            return r;
        }
    } else {
        double h = hypot(ax, ay);
        if (0.71 <= h && h <= 1.73) { // near 1: log1p keeps the precision
            double am = ax > ay ? ax : ay;
            double an = ax > ay ? ay : ax;
            r.real = log1p((am - 1) * (am + 1) + an * an) / 2.;
        } else {
            r.real = log(h);
        }
    }
    r.imag = atan2(z.imag, z.real);
    return r;
}

static cv_t c_log10(cv_t z, int *err) {
    cv_t r = c_log(z, err);
    return (cv_t){r.real / LN10, r.imag / LN10};
}

// a / b as complex division does it (Smith's method); EDOM on b == 0.
static cv_t c_quot(cv_t a, cv_t b, int *err) {
    double abs_breal = b.real < 0 ? -b.real : b.real;
    double abs_bimag = b.imag < 0 ? -b.imag : b.imag;
    cv_t r;
    if (abs_breal >= abs_bimag) {
        if (abs_breal == 0.0) {
            *err = EDOM;
            r.real = r.imag = 0.0;
        } else {
            double ratio = b.imag / b.real;
            double denom = b.real + b.imag * ratio;
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_bimag >= abs_breal) {
        double ratio = b.real / b.imag;
        double denom = b.real * ratio + b.imag;
        r.real = (a.real * ratio + a.imag) / denom;
        r.imag = (a.imag * ratio - a.real) / denom;
    } else { // a nan in b
        r.real = r.imag = NAN;
    }
    return r;
}

// abs(z) with C99's rules (an infinite part wins over a nan); ERANGE on overflow.
static double c_abs(cv_t z, int *err) {
    *err = 0;
    if (!all_finite(z)) {
        if (isinf(z.real)) return fabs(z.real);
        if (isinf(z.imag)) return fabs(z.imag);
        return NAN;
    }
    double r = hypot(z.real, z.imag);
    if (!isfinite(r)) *err = ERANGE;
    return r;
}

// atan2(z.imag, z.real) with the special cases of math.atan2.
static double c_phase(cv_t z) {
    double x = z.real, y = z.imag;
    if (isnan(x) || isnan(y)) return NAN;
    if (isinf(y)) {
        if (isinf(x)) return copysign(copysign(1., x) == 1. ? 0.25 * PI : 0.75 * PI, y);
        return copysign(0.5 * PI, y);
    }
    if (isinf(x) || y == 0.) return copysign(copysign(1., x) == 1. ? 0. : PI, y);
    return atan2(y, x);
}

// ---- argument conversion and errors ---------------------------------------------------

// PyComplex_AsCComplex: a complex, an object with __complex__, or a real number.
static bool arg_complex(obj_t *v, cv_t *out) {
    if (COMPLEX_CHECK(v)) {
        *out = complex_value(v);
        return true;
    }
    bool found;
    obj_t *c = math_call_special(v, "__complex__", &found);
    if (found) {
        if (c == NULL) return false;
        if (!COMPLEX_CHECK(c)) {
            err_format(exc_TypeError, "__complex__ returned non-complex (type %s)", TYPE(c)->name);
            DECREF(c);
            return false;
        }
        *out = complex_value(c);
        DECREF(c);
        return true;
    }
    double d = float_as_double(v);
    if (d == -1.0 && err_occurred()) return false;
    *out = (cv_t){d, 0.0};
    return true;
}

static bool arg_double(obj_t *v, double *out) {
    *out = float_as_double(v);
    return !(*out == -1.0 && err_occurred());
}

static obj_t *error_from_code(int err) {
    if (err == EDOM) return math_domain_error();
    if (err == ERANGE) return math_range_error();
    err_format(exc_ValueError, "[Errno %d] %s", err, strerror(err)); // unexpected
    return NULL;
}

static obj_t *result(cv_t r, int err) {
    if (err) return error_from_code(err);
    return complex_from_doubles(r.real, r.imag);
}

typedef cv_t (*cfunc1_t)(cv_t, int *);

#define CMATH_FUNC1(name, fn)                                                                      \
    static obj_t *cmath_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {    \
        if (args_check("cmath." #name, nargs, kwnames, 1, 1) < 0) return NULL;                     \
        cv_t z;                                                                                    \
        if (!arg_complex(args[0], &z)) return NULL;                                                \
        int err = 0;                                                                               \
        cv_t r = fn(z, &err);                                                                      \
        return result(r, err);                                                                     \
    }

CMATH_FUNC1(acos, c_acos)
CMATH_FUNC1(acosh, c_acosh)
CMATH_FUNC1(asin, c_asin)
CMATH_FUNC1(asinh, c_asinh)
CMATH_FUNC1(atan, c_atan)
CMATH_FUNC1(atanh, c_atanh)
CMATH_FUNC1(cos, c_cos)
CMATH_FUNC1(cosh, c_cosh)
CMATH_FUNC1(exp, c_exp)
CMATH_FUNC1(log10, c_log10)
CMATH_FUNC1(sin, c_sin)
CMATH_FUNC1(sinh, c_sinh)
CMATH_FUNC1(sqrt, c_sqrt)
CMATH_FUNC1(tan, c_tan)
CMATH_FUNC1(tanh, c_tanh)

static obj_t *cmath_log(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("cmath.log", kwnames) < 0 || args_check("log", nargs, NULL, 1, 2) < 0)
        return NULL;
    cv_t x, y;
    int err;
    if (!arg_complex(args[0], &x)) return NULL;
    x = c_log(x, &err);
    if (nargs == 2) {
        if (!arg_complex(args[1], &y)) return NULL;
        // As in CPython, the base's logarithm decides the error (errno is
        // overwritten), then the division may report its own.
        y = c_log(y, &err);
        x = c_quot(x, y, &err);
    }
    return result(x, err);
}

static obj_t *cmath_phase(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("cmath.phase", nargs, kwnames, 1, 1) < 0) return NULL;
    cv_t z;
    if (!arg_complex(args[0], &z)) return NULL;
    errno = 0;
    double phi = c_phase(z); // libm's atan2 may flag an underflow: CPython reports it
    if (errno != 0) return error_from_code(errno);
    return float_from_double(phi);
}

static obj_t *cmath_polar(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("cmath.polar", nargs, kwnames, 1, 1) < 0) return NULL;
    cv_t z;
    if (!arg_complex(args[0], &z)) return NULL;
    // abs() decides the error: its hypot resets what atan2 may have flagged.
    double phi = c_phase(z);
    int err;
    double r = c_abs(z, &err);
    if (err) return error_from_code(err);
    obj_t *a = float_from_double(r);
    obj_t *b = a ? float_from_double(phi) : NULL;
    obj_t *t = b ? tuple_pack(2, a, b) : NULL;
    XDECREF(a);
    XDECREF(b);
    return t;
}

static obj_t *cmath_rect(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("cmath.rect", kwnames) < 0 || args_check("rect", nargs, NULL, 2, 2) < 0)
        return NULL;
    double r, phi;
    if (!arg_double(args[0], &r) || !arg_double(args[1], &phi)) return NULL;
    cv_t z;
    int err = 0;
    if (!isfinite(r) || !isfinite(phi)) {
        if (isinf(r) && isfinite(phi) && phi != 0.) {
            if (r > 0) {
                z.real = copysign(HUGE_VAL, cos(phi));
                z.imag = copysign(HUGE_VAL, sin(phi));
            } else {
                z.real = -copysign(HUGE_VAL, cos(phi));
                z.imag = -copysign(HUGE_VAL, sin(phi));
            }
        } else {
            z = special(rect_special, (cv_t){r, phi}, &err);
        }
        err = (r != 0. && !isnan(r) && isinf(phi)) ? EDOM : 0;
    } else if (phi == 0.0) {
        z.real = r;
        z.imag = r * phi; // keeps the sign of a zero phi
    } else {
        z.real = r * cos(phi);
        z.imag = r * sin(phi);
    }
    return result(z, err);
}

#define CMATH_PRED(name, expr)                                                                     \
    static obj_t *cmath_##name(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {    \
        if (args_check("cmath." #name, nargs, kwnames, 1, 1) < 0) return NULL;                     \
        cv_t z;                                                                                    \
        if (!arg_complex(args[0], &z)) return NULL;                                                \
        return bool_from(expr);                                                                    \
    }
CMATH_PRED(isfinite, isfinite(z.real) && isfinite(z.imag))
CMATH_PRED(isinf, isinf(z.real) || isinf(z.imag))
CMATH_PRED(isnan, isnan(z.real) || isnan(z.imag))

static obj_t *cmath_isclose(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"a", "b", "$rel_tol", "$abs_tol", NULL};
    obj_t *out[4];
    if (args_parse("isclose", args, nargs, kwnames, names, 2, out) < 0) return NULL;
    cv_t a, b;
    double rel_tol = 1e-09, abs_tol = 0.0;
    if (!arg_complex(out[0], &a) || !arg_complex(out[1], &b)) return NULL;
    if (out[2] && !arg_double(out[2], &rel_tol)) return NULL;
    if (out[3] && !arg_double(out[3], &abs_tol)) return NULL;
    if (rel_tol < 0.0 || abs_tol < 0.0) {
        err_set_str(exc_ValueError, "tolerances must be non-negative");
        return NULL;
    }
    if (a.real == b.real && a.imag == b.imag) return NEWREF(True);
    if (isinf(a.real) || isinf(a.imag) || isinf(b.real) || isinf(b.imag)) return NEWREF(False);
    int e;
    double diff = c_abs((cv_t){a.real - b.real, a.imag - b.imag}, &e);
    return bool_from(diff <= rel_tol * c_abs(b, &e) || diff <= rel_tol * c_abs(a, &e) ||
                     diff <= abs_tol);
}

// ---- the module -----------------------------------------------------------------------

static const method_def_t cmath_functions[] = {
    {"acos", cmath_acos, 0, "Return the arc cosine of z."},
    {"acosh", cmath_acosh, 0, "Return the inverse hyperbolic cosine of z."},
    {"asin", cmath_asin, 0, "Return the arc sine of z."},
    {"asinh", cmath_asinh, 0, "Return the inverse hyperbolic sine of z."},
    {"atan", cmath_atan, 0, "Return the arc tangent of z."},
    {"atanh", cmath_atanh, 0, "Return the inverse hyperbolic tangent of z."},
    {"cos", cmath_cos, 0, "Return the cosine of z."},
    {"cosh", cmath_cosh, 0, "Return the hyperbolic cosine of z."},
    {"exp", cmath_exp, 0, "Return the exponential value e**z."},
    {"isclose", cmath_isclose, 0, "Determine whether two complex numbers are close in value."},
    {"isfinite", cmath_isfinite, 0,
     "Return True if both the real and imaginary parts of z are finite, else False."},
    {"isinf", cmath_isinf, 0, "Checks if the real or imaginary part of z is infinite."},
    {"isnan", cmath_isnan, 0, "Checks if the real or imaginary part of z not a number (NaN)."},
    {"log", cmath_log, 0, "log(z[, base]) -> the logarithm of z to the given base."},
    {"log10", cmath_log10, 0, "Return the base-10 logarithm of z."},
    {"phase", cmath_phase, 0, "Return argument, also known as the phase angle, of a complex."},
    {"polar", cmath_polar, 0,
     "Convert a complex from rectangular coordinates to polar coordinates."},
    {"rect", cmath_rect, 0, "Convert from polar coordinates to rectangular coordinates."},
    {"sin", cmath_sin, 0, "Return the sine of z."},
    {"sinh", cmath_sinh, 0, "Return the hyperbolic sine of z."},
    {"sqrt", cmath_sqrt, 0, "Return the square root of z."},
    {"tan", cmath_tan, 0, "Return the tangent of z."},
    {"tanh", cmath_tanh, 0, "Return the hyperbolic tangent of z."},
    {NULL, NULL, 0, NULL},
};

static int add_value(obj_t *m, const char *name, obj_t *v) {
    if (v == NULL) return -1;
    int rc = obj_setattr_str(m, name, v);
    DECREF(v);
    return rc;
}

static void init_thresholds(void) {
    large_double = DBL_MAX / 4.;
    sqrt_large_double = sqrt(large_double);
    log_large_double = log(large_double);
    sqrt_dbl_min = sqrt(DBL_MIN);
}

obj_t *cmath_module_init(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_thresholds);
    obj_t *m = module_new("cmath");
    if (m == NULL) return NULL;
    if (module_add_functions(m, cmath_functions) < 0 ||
        add_value(
            m, "__doc__",
            str_from_cstr(
                "This module provides access to mathematical functions for complex\nnumbers.")) <
            0 ||
        add_value(m, "pi", float_from_double(PI)) < 0 ||
        add_value(m, "e", float_from_double(E_)) < 0 ||
        add_value(m, "tau", float_from_double(2 * PI)) < 0 ||
        add_value(m, "inf", float_from_double(HUGE_VAL)) < 0 ||
        add_value(m, "infj", complex_from_doubles(0.0, HUGE_VAL)) < 0 ||
        add_value(m, "nan", float_from_double(fabs(NAN))) < 0 ||
        add_value(m, "nanj", complex_from_doubles(0.0, fabs(NAN))) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
