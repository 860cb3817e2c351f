/*
 * objects/int.h — int: tagged 63-bit small ints (objects/object.h) and heap
 * big ints backed by GMP for everything outside that range.
 *
 * Invariant: a value that fits SMALLINT_FITS is always tagged; an int_t
 * always holds a value outside the small range (int_from_mpz normalizes).
 * bool is a subclass of int: True/False are bool_obj_t with value 1/0, and
 * every int operation accepts them (INT_CHECK covers bool).
 */
#ifndef PVM_INT_H
#define PVM_INT_H

#include <gmp.h>
#include "object.h"

typedef struct {
    obj_t ob;
    mpz_t z;
} int_t;

obj_t *int_from_i64(int64_t v); // new ref (tagged if it fits); NULL + MemoryError
obj_t *int_from_u64(uint64_t v);
obj_t *int_from_mpz(const mpz_t z); // copies; normalizes to tagged when it fits
obj_t *int_from_double(double d);   // truncates; ValueError/OverflowError for nan/inf
// Parses like int(text, base): base 0 honours prefixes, allows '_' between
// digits and surrounding whitespace; ValueError "invalid literal for int()
// with base 10: 'x'" on failure.  `len` bytes of UTF-8.
PVM_WUR obj_t *int_from_string(const char *s, size_t len, int base);
// Fetches the value of an int (or bool).  Returns 0 on success, -1 +
// OverflowError ("Python int too large to convert to C long") if it does not fit.
int int_as_i64(obj_t *v, int64_t *out);
// Copies any int value into an initialized mpz.
void int_to_mpz(obj_t *v, mpz_t out);
double int_as_double(obj_t *v,
                     int *overflow); // sets *overflow=1 if too big (OverflowError is the caller's)
int int_sign(obj_t *v);              // -1, 0, 1
PVM_WUR obj_t *int_to_base_str(obj_t *v, int base); // str(v) for base 10; "0x.." for 16 etc.
hash_t int_hash(obj_t *v);                          // CPython's: v mod (2**61 - 1)
// Binary int operations on two int values (bools included); return
// NotImplemented if either operand is not an int.
PVM_WUR obj_t *int_binop(obj_t *a, obj_t *b, binop_t op);
PVM_WUR obj_t *int_compare(obj_t *a, obj_t *b, int op); // bool result or NotImplemented
int int_cmp(obj_t *a, obj_t *b);                        // -1/0/1 on two ints
PVM_WUR obj_t *int_pow3(obj_t *b, obj_t *e, obj_t *m);

// ---- added by the numbers engineer ----------------------------------------
// The digit limit of int <-> decimal str conversions (sys.set_int_max_str_digits;
// 0 = no limit).  Default 4300 as CPython 3.11.
extern _Atomic int64_t int_max_str_digits;
PVM_WUR obj_t *int_from_object(obj_t *v); // int(v): __int__, __index__, __trunc__, str, float...
PVM_WUR obj_t *int_divmod(obj_t *a, obj_t *b); // (a // b, a % b), NotImplemented if not both ints
PVM_WUR obj_t *int_repr(obj_t *v);             // str(v) in base 10 (bools give "1"/"0")

#endif // PVM_INT_H
