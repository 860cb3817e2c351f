/*
 * objects/str_internal.h — helpers shared by the text files only
 * (str.c, str_methods.c, format.c, bytes.c).  Not part of the public
 * contract: other parts of pvm use objects/str.h and objects/bytes.h.
 */
#ifndef PVM_STR_INTERNAL_H
#define PVM_STR_INTERNAL_H

#include "str.h"

#if !defined(PVM_STR_IMPL)
#error "objects/str_internal.h is private to the text files (define PVM_STR_IMPL)"
#endif

// Method table of str (str_methods.c).
extern const method_def_t str_methods_table[];
// Method table of bytes (bytes.c uses its own).

// The empty string and the cached one-char ASCII strings (immortal).
obj_t *str_empty(void);            // borrowed immortal
obj_t *str_ascii_char(unsigned c); // borrowed immortal, c < 128

// Byte pointer of code point index i (0 <= i <= len) of s.
const char *str_cp_ptr(obj_t *s, size_t i);
// Code-point index of byte offset off (on a char boundary) of s.
size_t str_byte_to_cp(obj_t *s, size_t off);
// New exact str with the code points [start, end) of s.
PVM_WUR obj_t *str_substr(obj_t *s, size_t start, size_t end);
// Returns s itself (new ref) if it is an exact str, else an exact copy.
PVM_WUR obj_t *str_exact_copy(obj_t *s);
// New exact str of the n bytes at p, which lie inside s (a str): reuses s's
// ascii flag to skip counting; returns the singletons for short text.
PVM_WUR obj_t *str_from_bytes_of(obj_t *s, const char *p, size_t n);
// Makes room for `extra` more bytes in b; false (b->failed set, so
// str_builder_finish raises MemoryError) when no machine could hold them.
// Callers that append a long run (padding, tabs) reserve first and stop
// on false instead of failing one byte at a time.
bool str_builder_reserve(str_builder_t *b, size_t extra);
// A C int argument of the text methods (expandtabs' tabsize), with
// CPython's error ("Python int too large to convert to C int"); -1 +
// exception.  Py_ssize_t arguments use obj_ssize_arg (objects/object.h).
int str_arg_int(obj_t *v, int *out);
// Number of code points in n bytes of valid UTF-8.
size_t utf8_count(const char *p, size_t n);
// Length of the UTF-8 sequence that starts with byte c (1 for invalid lead).
static inline int utf8_seq_len(unsigned char c) {
    return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

// Decodes n bytes of UTF-8 into a new str with error handler `errors`
// ("strict", "replace", "ignore", ...): bytes.c.
PVM_WUR obj_t *utf8_decode_to_str(const unsigned char *p, size_t n, const char *errors);

// Unicode character predicates (approximations good for the common scripts).
bool uni_isspace(uint32_t cp);
bool uni_isprintable(uint32_t cp);
bool uni_isdecimal(uint32_t cp);
bool uni_isdigit(uint32_t cp);
bool uni_isnumeric(uint32_t cp);
bool uni_isalpha(uint32_t cp);
bool uni_isupper(uint32_t cp);
bool uni_islower(uint32_t cp);
bool uni_istitle(uint32_t cp);
uint32_t uni_toupper(uint32_t cp);
uint32_t uni_tolower(uint32_t cp);
bool uni_islinebreak(uint32_t cp);
int uni_decimal_value(uint32_t cp); // -1 if not a decimal digit

// str.format engine; `mapping` (format_map) or kwnames/args supply names.
PVM_WUR obj_t *str_format_impl(obj_t *fmt, obj_t *const *args, size_t nargs, obj_t *kwnames,
                               obj_t *mapping);

// Writes repr/ascii escape of text into b (no quotes): used by repr and ascii().
void str_repr_into(str_builder_t *b, obj_t *s, bool ascii_only, char quote);

// Converts an optional start/end argument pair (None or index-like) to a
// clamped range [*start, *end) of a sequence of len items.  -1 + error.
int str_parse_range(obj_t *ostart, obj_t *oend, ssize_t len, ssize_t *start, ssize_t *end);

#endif // PVM_STR_INTERNAL_H
