/*
 * modules/unicodedata.h — the Unicode character database shared by the
 * `unicodedata` module and the `\N{...}` escapes of string literals and the
 * unicode_escape codec.
 */
#ifndef PVM_UNICODEDATA_H
#define PVM_UNICODEDATA_H

#include <stddef.h>
#include <stdint.h>

#include "../objects/object.h"

// The code point named `s` (n bytes, not NUL-terminated), as `\N{...}`
// resolves it: character names (case-insensitive), the computed names of
// CJK unified ideographs and Hangul syllables, and name aliases; not named
// sequences.  1 and *cp set, or 0 (unknown name; no exception is set).
int ucd_lookup_char(const char *s, size_t n, uint32_t *cp);

// The name of cp as the namereplace error handler shows it, written into
// buf (>= 128 bytes): unicodedata.name()'s, and, as CPython, name aliases
// and named sequences for their private code points U+F0000 + i and
// U+F0200 + i.  1, or 0 when it has none.
int ucd_char_name(uint32_t cp, char *buf);

// NFKC of the UTF-8 text s[0..n), for identifiers (PEP 3131): a malloc'd,
// NUL-terminated UTF-8 string of *outlen bytes, or NULL when memory ran
// out (no exception set).
char *ucd_nfkc_utf8(const char *s, size_t n, size_t *outlen);

obj_t *unicodedata_module_init(void);

#endif // PVM_UNICODEDATA_H
