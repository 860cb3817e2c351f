/*
 * modules/math_int.c — the integer functions of `math`: factorial, comb,
 * perm, gcd, lcm, isqrt, and prod (any numbers).
 *
 * Arguments pass through __index__ (obj_index) as in CPython, so floats are
 * refused with "'float' object cannot be interpreted as an integer".  The
 * arithmetic is GMP's (pvm's big ints are mpz): results are exact, and the
 * result size is estimated first so that an absurd request raises
 * MemoryError instead of aborting inside GMP.  No state, no locks.
 */
#include <gmp.h>
#include <limits.h>
#include <math.h>

#include "../core/error.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/tuple.h"
#include "mathutil.h"

// Largest result pvm builds, in bits (objects/int_impl.h's INT_MAX_BITS).
#define RESULT_MAX_BITS ((double)((uint64_t)1 << 36))

// operator.index(v) copied into the initialized mpz z; -1 on error.
static int index_mpz(obj_t *v, mpz_t z) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int_to_mpz(i, z);
    DECREF(i);
    return 0;
}

static obj_t *too_big(void) {
    err_no_memory();
    return NULL;
}

// n! for an n that already passed through __index__ checks.
static obj_t *factorial_of(mpz_srcptr n) {
    if (mpz_sgn(n) < 0) {
        err_set_str(exc_ValueError, "factorial() not defined for negative values");
        return NULL;
    }
    if (!mpz_fits_slong_p(n)) {
        err_format(exc_OverflowError, "factorial() argument should not exceed %ld", LONG_MAX);
        return NULL;
    }
    unsigned long x = mpz_get_ui(n);
    // log2(x!) ~ x * (log2(x) - log2(e))
    if (x > 1000 && (double)x * (log2((double)x) - 1.4426950408889634) > RESULT_MAX_BITS)
        return too_big();
    mpz_t r;
    mpz_init(r);
    mpz_fac_ui(r, x);
    obj_t *res = int_from_mpz(r);
    mpz_clear(r);
    return res;
}

obj_t *math_factorial(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.factorial", nargs, kwnames, 1, 1) < 0) return NULL;
    mpz_t n;
    mpz_init(n);
    obj_t *r = index_mpz(args[0], n) < 0 ? NULL : factorial_of(n);
    mpz_clear(n);
    return r;
}

obj_t *math_gcd(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.gcd", kwnames) < 0) return NULL;
    mpz_t g, x;
    mpz_inits(g, x, NULL);
    obj_t *r = NULL;
    for (size_t i = 0; i < nargs; i++) {
        if (index_mpz(args[i], x) < 0) goto done;
        if (i == 0)
            mpz_abs(g, x);
        else if (mpz_cmp_ui(g, 1) != 0) // once 1, the rest are only checked
            mpz_gcd(g, g, x);
    }
    r = int_from_mpz(g);
done:
    mpz_clears(g, x, NULL);
    return r;
}

obj_t *math_lcm(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.lcm", kwnames) < 0) return NULL;
    mpz_t l, x;
    mpz_inits(l, x, NULL);
    mpz_set_ui(l, 1);
    obj_t *r = NULL;
    for (size_t i = 0; i < nargs; i++) {
        if (index_mpz(args[i], x) < 0) goto done;
        if (i == 0) {
            mpz_abs(l, x);
        } else if (mpz_sgn(l) != 0) { // once 0, the rest are only checked
            if ((double)mpz_sizeinbase(l, 2) + (double)mpz_sizeinbase(x, 2) > RESULT_MAX_BITS) {
                too_big();
                goto done;
            }
            mpz_lcm(l, l, x);
        }
    }
    r = int_from_mpz(l);
done:
    mpz_clears(l, x, NULL);
    return r;
}

obj_t *math_isqrt(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("math.isqrt", nargs, kwnames, 1, 1) < 0) return NULL;
    mpz_t n;
    mpz_init(n);
    obj_t *r = NULL;
    if (index_mpz(args[0], n) < 0) goto done;
    if (mpz_sgn(n) < 0) {
        err_set_str(exc_ValueError, "isqrt() argument must be nonnegative");
        goto done;
    }
    mpz_sqrt(n, n);
    r = int_from_mpz(n);
done:
    mpz_clear(n);
    return r;
}

// Reads n and k through __index__ and checks both are >= 0; -1 on error.
static int comb_args(obj_t *nv, obj_t *kv, mpz_t n, mpz_t k) {
    if (index_mpz(nv, n) < 0 || index_mpz(kv, k) < 0) return -1;
    if (mpz_sgn(n) < 0) {
        err_set_str(exc_ValueError, "n must be a non-negative integer");
        return -1;
    }
    if (mpz_sgn(k) < 0) {
        err_set_str(exc_ValueError, "k must be a non-negative integer");
        return -1;
    }
    return 0;
}

obj_t *math_comb(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.comb", kwnames) < 0 || args_check("comb", nargs, kwnames, 2, 2) < 0)
        return NULL;
    mpz_t n, k, t;
    mpz_inits(n, k, t, NULL);
    obj_t *r = NULL;
    if (comb_args(args[0], args[1], n, k) < 0) goto done;
    mpz_sub(t, n, k);
    if (mpz_sgn(t) < 0) { // k > n
        r = int_from_i64(0);
        goto done;
    }
    if (mpz_cmp(t, k) < 0) mpz_set(k, t); // k = min(k, n - k)
    if (!mpz_fits_slong_p(k)) {
        err_format(exc_OverflowError, "min(n - k, k) must not exceed %lld", (long long)LLONG_MAX);
        goto done;
    }
    unsigned long kk = mpz_get_ui(k);
    // log2(comb(n, k)) <= k * log2(e * n / k)
    if (kk > 1000 &&
        (double)kk * (log2(mpz_get_d(n) / (double)kk) + 1.4426950408889634) > RESULT_MAX_BITS) {
        too_big();
        goto done;
    }
    mpz_bin_ui(t, n, kk);
    r = int_from_mpz(t);
done:
    mpz_clears(n, k, t, NULL);
    return r;
}

obj_t *math_perm(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("math.perm", kwnames) < 0 || args_check("perm", nargs, kwnames, 1, 2) < 0)
        return NULL;
    if (nargs == 1 || args[1] == None) {
        mpz_t n;
        mpz_init(n);
        obj_t *r = index_mpz(args[0], n) < 0 ? NULL : factorial_of(n);
        mpz_clear(n);
        return r;
    }
    mpz_t n, k, t;
    mpz_inits(n, k, t, NULL);
    obj_t *r = NULL;
    if (comb_args(args[0], args[1], n, k) < 0) goto done;
    if (mpz_cmp(k, n) > 0) {
        r = int_from_i64(0);
        goto done;
    }
    if (!mpz_fits_slong_p(k)) {
        err_format(exc_OverflowError, "k must not exceed %lld", (long long)LLONG_MAX);
        goto done;
    }
    unsigned long kk = mpz_get_ui(k);
    if (kk > 1000 && (double)kk * log2(mpz_get_d(n)) > RESULT_MAX_BITS) {
        too_big();
        goto done;
    }
    // n! / (n-k)! = comb(n, k) * k!
    mpz_bin_ui(t, n, kk);
    mpz_fac_ui(k, kk);
    mpz_mul(t, t, k);
    r = int_from_mpz(t);
done:
    mpz_clears(n, k, t, NULL);
    return r;
}

obj_t *math_prod(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/iterable", "$start", NULL};
    if (nargs != 1) {
        err_format(exc_TypeError, "prod() takes exactly 1 positional argument (%zu given)", nargs);
        return NULL;
    }
    size_t total = nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0);
    if (total > 2) {
        err_format(exc_TypeError, "prod() takes at most 2 arguments (%zu given)", total);
        return NULL;
    }
    obj_t *out[2];
    if (args_parse("prod", args, nargs, kwnames, names, 1, out) < 0) return NULL;
    obj_t *it = obj_iter(out[0]);
    if (it == NULL) return NULL;
    obj_t *result = out[1] ? NEWREF(out[1]) : int_from_i64(1);
    for (;;) {
        obj_t *item = obj_iternext(it);
        if (item == NULL) {
            if (err_occurred()) {
                DECREF(result);
                result = NULL;
            }
            break;
        }
        obj_t *next = obj_binop(result, item, BINOP_MUL);
        DECREF(item);
        DECREF(result);
        result = next;
        if (result == NULL) break;
    }
    DECREF(it);
    return result;
}
