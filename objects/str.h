/*
 * objects/str.h — str: immutable Unicode text stored as UTF-8.
 *
 * Layout: the bytes are NUL-terminated UTF-8, `len` counts code points,
 * `nbytes` bytes.  `ascii` is set when every code point is < 128, making
 * indexing O(1); non-ASCII strings index by scanning (a cached index table
 * may be added later).  The hash is computed lazily and cached in `hash`
 * (-1 = not yet), a benign race: every thread computes the same value.
 * Interned strings (identifiers, one-char ASCII strings, "") are immortal and
 * unique, so name lookups can compare pointers first.
 */
#ifndef PVM_STR_H
#define PVM_STR_H

#include "object.h"

typedef struct {
    obj_t ob;
    _Atomic hash_t hash;
    size_t len;    // code points
    size_t nbytes; // UTF-8 bytes, excluding the NUL
    bool ascii;
    bool interned;
    char data[]; // nbytes + 1 (NUL)
} str_t;

static inline const char *str_data(obj_t *s) {
    return ((str_t *)s)->data;
}
static inline size_t str_len(obj_t *s) {
    return ((str_t *)s)->len;
}
static inline size_t str_nbytes(obj_t *s) {
    return ((str_t *)s)->nbytes;
}

// Constructors: UTF-8 input must be valid (from_utf8 validates and raises
// UnicodeDecodeError; the others trust the caller).
PVM_WUR obj_t *str_from_cstr(const char *s);
PVM_WUR obj_t *str_from_utf8(const char *s, size_t nbytes);         // validates
PVM_WUR obj_t *str_from_utf8_trusted(const char *s, size_t nbytes); // no validation
PVM_WUR obj_t *str_from_format(const char *fmt, ...);               // printf + %R %S %T %U %N
#include <stdarg.h>
PVM_WUR obj_t *str_from_vformat(const char *fmt, va_list ap);
PVM_WUR obj_t *str_from_codepoint(uint32_t cp);
// Allocates an uninitialized str of nbytes (caller fills data, then calls
// str_finish to compute len/ascii and the NUL).
PVM_WUR obj_t *str_alloc(size_t nbytes);
void str_finish(obj_t *s);
// Interned, immortal string for an identifier; never NULL (aborts on OOM).
obj_t *str_intern(const char *s);
obj_t *str_intern_obj(obj_t *s); // returns the interned equivalent (borrowed, immortal)
hash_t str_hash(obj_t *s);
bool str_eq(obj_t *a, obj_t *b); // both str
int str_cmp(obj_t *a, obj_t *b); // code-point order, -1/0/1
bool str_eq_cstr(obj_t *s, const char *c);
PVM_WUR obj_t *str_concat(obj_t *a, obj_t *b);
PVM_WUR obj_t *str_join(obj_t *sep, obj_t *iterable);
PVM_WUR obj_t *str_repr(obj_t *s); // 'text' with CPython's quoting and escapes
// The code point at index i (0 <= i < len).
uint32_t str_char_at(obj_t *s, size_t i);
// str % args
PVM_WUR obj_t *str_mod_format(obj_t *fmt, obj_t *args);
// Decodes one UTF-8 code point at p (valid UTF-8); returns it, advances *p.
uint32_t utf8_decode(const char **p);
// Encodes cp into buf (>= 4 bytes); returns the byte count.
int utf8_encode(uint32_t cp, char *buf);

// A growable UTF-8 builder for repr/str/format code.
typedef struct {
    char *buf;
    size_t len, cap;
    bool failed; // allocation failed: str_builder_finish raises MemoryError
} str_builder_t;
void str_builder_init(str_builder_t *b);
void str_builder_add(str_builder_t *b, const char *s, size_t n);
void str_builder_add_cstr(str_builder_t *b, const char *s);
void str_builder_add_char(str_builder_t *b, char c);
void str_builder_add_codepoint(str_builder_t *b, uint32_t cp);
void str_builder_add_str(str_builder_t *b, obj_t *s); // a str object
void str_builder_printf(str_builder_t *b, const char *fmt, ...);
PVM_WUR obj_t *str_builder_finish(str_builder_t *b); // frees the buffer
void str_builder_discard(str_builder_t *b);

// format(value, spec) for the builtin types: the format-spec mini-language
// ([[fill]align][sign][z][#][0][width][grouping][.precision][type]).
PVM_WUR obj_t *format_int(obj_t *v, obj_t *spec);
PVM_WUR obj_t *format_float(double d, obj_t *spec);
// format(complex(re, im), spec) for a non-empty spec (objects/format.c).
PVM_WUR obj_t *format_complex(double re, double im, obj_t *spec);
PVM_WUR obj_t *format_str(obj_t *s, obj_t *spec);
// str.format(*args, **kwargs) engine
PVM_WUR obj_t *str_format_method(obj_t *fmt, obj_t *const *args, size_t nargs, obj_t *kwnames);

// ---- added by the text engineer (objects/str.c, objects/format.c) ----
// The iterator types of iter(str) (ASCII and general); created ready on first use.
extern type_t str_iter_type, str_ascii_iter_type;
// The decimal value of a Unicode decimal digit (category Nd), or -1; for
// int()/float() parsing of non-ASCII digits such as '١٢٣'.
int str_decimal_value(uint32_t cp);
// str.format_map(mapping) engine: like str_format_method, names looked up in mapping.
PVM_WUR obj_t *str_format_map(obj_t *fmt, obj_t *mapping);

#endif // PVM_STR_H
