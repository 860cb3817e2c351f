/*
 * modules/codecs_internal.h — what the two halves of the native `_codecs`
 * module share: modules/codecs.c (the registry, error handlers, module
 * table) and modules/codecs_impl.c (the codec functions).
 *
 * Error handling inside a codec goes through codec_err_t: the built-in
 * handlers strict, ignore and replace are applied inline; every other name
 * (backslashreplace, surrogateescape, surrogatepass, xmlcharrefreplace,
 * namereplace and registered ones) is looked up in the error registry and
 * called with a fresh UnicodeEncodeError/UnicodeDecodeError, as CPython
 * does, so each handler is written once (codecs.c).
 */
#ifndef PVM_CODECS_INTERNAL_H
#define PVM_CODECS_INTERNAL_H

#include "../objects/object.h"
#include "../objects/str.h"

enum { CEH_STRICT, CEH_IGNORE, CEH_REPLACE, CEH_OTHER };

typedef struct {
    const char *encoding; // name reported in exceptions
    const char *errors;   // handler name (never NULL: "strict" by default)
    int eh;               // CEH_*
    obj_t *handler;       // registered handler, looked up on first use (a reference)
    obj_t *input;         // bytes a handler put in exc.object, now the input (a reference)
} codec_err_t;

// The type name argument errors show ("None" for None, as CPython's).
static inline const char *arg_type_name(obj_t *v) {
    return v == None ? "None" : obj_type_name(v);
}

void codec_err_init(codec_err_t *c, const char *encoding, const char *errors);
void codec_err_done(codec_err_t *c);

// Calls the handler for undecodable bytes [start, end) of (*data)[0..*n):
// appends the replacement to b and stores the position to go on from in
// *newpos; -1 + exception (strict raises UnicodeDecodeError).  A handler
// may replace the input (it sets exc.object, as CPython allows): *data and
// *n then point at the new bytes (kept alive by c until codec_err_done)
// and *newpos is a position in them.
PVM_WUR int codec_decode_error(codec_err_t *c, str_builder_t *b, const unsigned char **data,
                               size_t *n, size_t start, size_t end, const char *reason,
                               size_t *newpos);

// Calls a non-inline handler for unencodable characters [start, end) of the
// str `s` (len code points): *repl gets a new reference to the replacement
// (str or bytes), *newpos the position to go on from.  -1 + exception.
PVM_WUR int codec_encode_error(codec_err_t *c, obj_t *s, size_t len, size_t start, size_t end,
                               const char *reason, obj_t **repl, size_t *newpos);

// Raises UnicodeEncodeError(encoding, s, start, end, reason).
void codec_raise_encode(const char *encoding, obj_t *s, size_t start, size_t end,
                        const char *reason);

// The registry (codecs.c): a new reference to the CodecInfo for encoding,
// or NULL + LookupError.
PVM_WUR obj_t *codecs_lookup(const char *encoding);
// Looks up a Unicode character name among those string literals know
// (core/parser.c): 1 with *cp set, 0 when unknown.
int parser_unicode_name(const char *s, size_t n, uint32_t *cp);
// The codec functions of the module (codecs_impl.c).
extern const method_def_t codecs_impl_functions[];

#endif // PVM_CODECS_INTERNAL_H
