/*
 * modules/io_text.c — _io.TextIOWrapper (text over a buffered binary
 * stream) and _io.IncrementalNewlineDecoder.
 *
 * Encodings: UTF-8, ASCII and Latin-1 are done natively (objects/bytes.c's
 * codecs, with every errors= handler they know); any other encoding goes
 * through codecs.getincrementalencoder/decoder, imported on first use (a
 * LookupError "unknown encoding: X" when the codecs machinery cannot be
 * imported or does not know it).
 *
 * Reading keeps the decoded text *untranslated* in `dec` (UTF-8, bytes
 * [dec_pos, dec_len) not consumed yet) and `pend`, the undecoded tail of
 * the last chunk (an incomplete UTF-8 sequence).  Newline translation and
 * line splitting happen as characters are handed out, so the stream
 * position of the next character stays computable: for the native
 * encodings tell() is buffer.tell() - len(pend) - (encoded size of the
 * unconsumed decoded text), and a tell() cookie is a plain byte offset
 * that seek() accepts.  (With the codec route tell() is refused.)  A "\r"
 * that ends the decoded text is held back until the next chunk shows
 * whether "\n" follows.
 *
 * Writing translates "\n" for newline='\r' / '\r\n', encodes, and collects
 * the bytes in `pending`, passed to buffer.write() once over _CHUNK_SIZE,
 * on flush(), before reads, seeks and tell(), on a newline when
 * line_buffering (then buffer.flush() too), or at once with
 * write_through.
 *
 * Locking: as the buffered classes, one io_lock_t per object held for the
 * whole method, calls into the buffer and the codec included (see
 * modules/io.c).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../gc/refcount.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "io_internal.h"

#define XSETREF_IO(field, v)                                                                       \
    do {                                                                                           \
        obj_t *old_ = (field);                                                                     \
        (field) = (v);                                                                             \
        XDECREF(old_);                                                                             \
    } while (0)

enum { ENC_NATIVE_UTF8, ENC_NATIVE_ASCII, ENC_NATIVE_LATIN1, ENC_CODEC };
enum { SEEN_LF = 1, SEEN_CR = 2, SEEN_CRLF = 4 };

typedef struct {
    iobase_t base;
    io_lock_t lock;
    _Atomic bool ok, detached; // read without the lock by the pre-checks
    obj_t *buffer;
    obj_t *encoding, *errors; // str
    int enc;
    obj_t *encoder, *decoder; // codec route only
    bool readable, writable, seekable, has_read1;
    bool universal, translate;
    char readnl[3], writenl[3];
    bool line_buffering, write_through;
    uint8_t seen;
    bool eof;
    bool split_crlf; // a read handed out the "\r" of a "\r\n" only
    bool telling;    // false while iterating: tell() refused, as CPython
    char *dec;
    size_t dec_len, dec_pos, dec_cap;
    unsigned char pend[8];
    size_t pend_len;
    str_builder_t pending; // encoded bytes not yet given to buffer.write()
    ssize_t chunk_size;
} text_t;

#define TXT(o) ((text_t *)(o))

// ---- helpers --------------------------------------------------------------------------

static int native_encoding(const char *e) {
    char n[32];
    size_t i = 0;
    for (; e[i] && i < sizeof n - 1; i++) {
        char c = e[i];
        n[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    if (e[i]) return ENC_CODEC;
    n[i] = '\0';
    static const char *const utf8[] = {"utf-8", "utf8", "u8", "utf", "cp65001", NULL};
    static const char *const ascii[] = {"ascii", "us-ascii", "646", "us", NULL};
    static const char *const latin1[] = {"latin-1", "latin1", "iso-8859-1", "iso8859-1",  "8859",
                                         "cp819",   "latin",  "l1",         "iso-ir-100", NULL};
    for (int k = 0; utf8[k]; k++)
        if (!strcmp(n, utf8[k])) return ENC_NATIVE_UTF8;
    for (int k = 0; ascii[k]; k++)
        if (!strcmp(n, ascii[k])) return ENC_NATIVE_ASCII;
    for (int k = 0; latin1[k]; k++)
        if (!strcmp(n, latin1[k])) return ENC_NATIVE_LATIN1;
    return ENC_CODEC;
}

static const char *native_name(int enc) {
    return enc == ENC_NATIVE_UTF8 ? "utf-8" : enc == ENC_NATIVE_ASCII ? "ascii" : "latin-1";
}

// codecs.getincremental{encoder,decoder}(encoding)(errors); NULL +
// LookupError when unavailable.
static obj_t *make_codec(obj_t *encoding, obj_t *errors, bool decoder) {
    obj_t *codecs = import_module("codecs");
    if (codecs == NULL) {
        err_clear();
        err_format(exc_LookupError, "unknown encoding: %s", str_data(encoding));
        return NULL;
    }
    obj_t *factory = obj_call_method(
        codecs, decoder ? "getincrementaldecoder" : "getincrementalencoder", &encoding, 1);
    DECREF(codecs);
    if (factory == NULL) return NULL;
    obj_t *r = obj_call1(factory, errors);
    DECREF(factory);
    return r;
}

static obj_t *detached_err(void) {
    err_set_str(exc_ValueError, "underlying buffer has been detached");
    return NULL;
}

static int check_ok(text_t *t) {
    if (!t->ok) {
        if (t->detached)
            detached_err();
        else
            err_set_str(exc_ValueError, "I/O operation on uninitialized object");
        return -1;
    }
    return 0;
}

// Enters the lock; `closed`: also fail on a closed stream.
static int enter(obj_t *self, bool closed) {
    text_t *t = TXT(self);
    if (check_ok(t) < 0) return -1;
    if (io_lock_acquire(&t->lock, self) < 0) return -1;
    if (check_ok(t) < 0) goto fail;
    if (closed) {
        int c = io_is_closed(t->buffer);
        if (c < 0) goto fail;
        if (c) {
            io_closed_error();
            goto fail;
        }
    }
    return 0;
fail:
    io_lock_release(&t->lock);
    return -1;
}

static void leave(obj_t *self) {
    io_lock_release(&TXT(self)->lock);
}

static void clear_read_state(text_t *t) {
    t->split_crlf = false;
    t->dec_len = t->dec_pos = 0;
    t->pend_len = 0;
    t->eof = false;
}

// Passes pending encoded bytes to buffer.write().  Lock held.
static int flush_pending(text_t *t) {
    if (t->pending.len == 0) return 0;
    if (t->pending.failed) {
        str_builder_discard(&t->pending);
        str_builder_init(&t->pending);
        err_no_memory();
        return -1;
    }
    obj_t *b = bytes_from(t->pending.buf, t->pending.len);
    t->pending.len = 0;
    if (b == NULL) return -1;
    obj_t *r = obj_call_method(t->buffer, "write", &b, 1);
    DECREF(b);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static int dec_append(text_t *t, const char *s, size_t n) {
    if (t->dec_pos == t->dec_len) t->dec_pos = t->dec_len = 0;
    if (t->dec_len + n > t->dec_cap) {
        // Drop the consumed prefix first.
        if (t->dec_pos > 0) {
            memmove(t->dec, t->dec + t->dec_pos, t->dec_len - t->dec_pos);
            t->dec_len -= t->dec_pos;
            t->dec_pos = 0;
        }
        if (t->dec_len + n > t->dec_cap) {
            size_t cap = t->dec_cap ? t->dec_cap : 256;
            while (cap < t->dec_len + n)
                cap *= 2;
            char *nd = realloc(t->dec, cap);
            if (nd == NULL) {
                err_no_memory();
                return -1;
            }
            t->dec = nd;
            t->dec_cap = cap;
        }
    }
    memcpy(t->dec + t->dec_len, s, n);
    t->dec_len += n;
    return 0;
}

// Decodes `chunk` (bytes, may be empty) after `pend`; final: no more input.
static int decode_chunk(text_t *t, obj_t *chunk, bool final) {
    if (t->enc == ENC_CODEC) {
        obj_t *a[2] = {chunk, bool_from(final)};
        obj_t *s = obj_call_method(t->decoder, "decode", a, 2);
        if (s == NULL) return -1;
        if (!STR_CHECK(s)) {
            err_format(exc_TypeError, "decoder should return a string result, not '%s'",
                       obj_type_name(s));
            DECREF(s);
            return -1;
        }
        int rc = dec_append(t, str_data(s), str_nbytes(s));
        DECREF(s);
        return rc;
    }
    size_t n = bytes_len(chunk);
    size_t total = t->pend_len + n;
    unsigned char *all = malloc(total ? total : 1);
    if (all == NULL) {
        err_no_memory();
        return -1;
    }
    memcpy(all, t->pend, t->pend_len);
    if (n) memcpy(all + t->pend_len, bytes_data(chunk), n);
    size_t cut = total;
    if (t->enc == ENC_NATIVE_UTF8 && !final && total > 0) {
        // Hold back an incomplete trailing sequence.
        size_t i = total - 1, back = 0;
        while (i > 0 && back < 3 && (all[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (all[i] >= 0xC0) {
            size_t need = all[i] >= 0xF0 ? 4 : all[i] >= 0xE0 ? 3 : 2;
            if (total - i < need) cut = i;
        }
    }
    int rc = 0;
    if (cut > 0) {
        obj_t *bb = bytes_from(all, cut);
        obj_t *s = bb ? bytes_decode(bb, native_name(t->enc), str_data(t->errors)) : NULL;
        XDECREF(bb);
        if (s == NULL) {
            rc = -1;
        } else {
            rc = dec_append(t, str_data(s), str_nbytes(s));
            DECREF(s);
        }
    }
    if (rc == 0) {
        t->pend_len = total - cut;
        memcpy(t->pend, all + cut, t->pend_len);
    }
    free(all);
    return rc;
}

// Reads and decodes the next chunk: 1 data, 0 end of file, 2 no data now
// (non-blocking buffer), -1 error.  Lock held.
static int read_chunk(text_t *t) {
    if (t->eof) return 0;
    obj_t *a = int_from_i64(t->chunk_size);
    if (a == NULL) return -1;
    obj_t *data = obj_call_method(t->buffer, t->has_read1 ? "read1" : "read", &a, 1);
    DECREF(a);
    if (data == NULL) return -1;
    if (data == None) {
        DECREF(data);
        return 2;
    }
    if (!BYTES_CHECK(data)) {
        err_format(exc_TypeError,
                   "underlying %s() should have returned a bytes-like object, not '%s'",
                   t->has_read1 ? "read1" : "read", obj_type_name(data));
        DECREF(data);
        return -1;
    }
    bool final = bytes_len(data) == 0;
    int rc = decode_chunk(t, data, final);
    DECREF(data);
    if (rc < 0) return -1;
    if (final) {
        t->eof = true;
        return 0;
    }
    return 1;
}

static size_t utf8_len(unsigned char c) {
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

// Hands out up to `limit` characters (limit < 0: all; line: stop after a
// line ending) from the decoded text, reading more as needed, applying
// newline translation.  Lock held.
static int read_chars(text_t *t, str_builder_t *out, ssize_t limit, bool line) {
    size_t nout = 0;
    for (;;) {
        bool need_more = false, done = false;
        while (t->dec_pos < t->dec_len && (limit < 0 || nout < (size_t)limit)) {
            char c = t->dec[t->dec_pos];
            if (c == '\r' && (t->universal || !strcmp(t->readnl, "\r\n"))) {
                if (t->dec_pos + 1 == t->dec_len && !t->eof) {
                    need_more = true;
                    break;
                }
                bool crlf = t->dec_pos + 1 < t->dec_len && t->dec[t->dec_pos + 1] == '\n';
                if (crlf && !t->translate && limit >= 0 && nout + 2 > (size_t)limit) {
                    // Only the "\r" fits: the "\n" comes with the next read, not
                    // counted as a newline of its own.
                    if (t->universal) t->seen |= SEEN_CRLF;
                    t->split_crlf = true;
                    str_builder_add_char(out, '\r');
                    nout++;
                    t->dec_pos++;
                    continue;
                }
                if (t->universal) {
                    t->seen |= crlf ? SEEN_CRLF : SEEN_CR;
                    if (t->translate) {
                        str_builder_add_char(out, '\n');
                        nout++;
                    } else {
                        str_builder_add(out, crlf ? "\r\n" : "\r", crlf ? 2 : 1);
                        nout += crlf ? 2 : 1;
                    }
                    t->dec_pos += crlf ? 2 : 1;
                    if (line) done = true;
                } else {
                    str_builder_add(out, crlf ? "\r\n" : "\r", crlf ? 2 : 1);
                    nout += crlf ? 2 : 1;
                    t->dec_pos += crlf ? 2 : 1;
                    if (line && crlf) done = true;
                }
                if (done) break;
                continue;
            }
            if (c == '\n') {
                bool second_half = t->split_crlf;
                t->split_crlf = false;
                if (t->universal && !second_half) t->seen |= SEEN_LF;
                str_builder_add_char(out, '\n');
                nout++;
                t->dec_pos++;
                if (line && (t->universal || t->readnl[0] == '\n' || second_half)) {
                    done = true;
                    break;
                }
                continue;
            }
            if (c == '\r' && !strcmp(t->readnl, "\r")) {
                str_builder_add_char(out, '\r');
                nout++;
                t->dec_pos++;
                if (line) {
                    done = true;
                    break;
                }
                continue;
            }
            size_t k = utf8_len((unsigned char)c);
            if (t->dec_pos + k > t->dec_len) k = t->dec_len - t->dec_pos;
            str_builder_add(out, t->dec + t->dec_pos, k);
            t->dec_pos += k;
            nout++;
        }
        if (done || (limit >= 0 && nout >= (size_t)limit && !need_more)) return 0;
        if (t->eof && !need_more) return 0;
        int r = read_chunk(t);
        if (r < 0) return -1;
        if (r == 2) return 0;
        if (r == 0 && !need_more && t->dec_pos == t->dec_len) return 0;
    }
}

// ---- construction ---------------------------------------------------------------------

static int parse_newline(obj_t *nl, text_t *t) {
    const char *v = NULL;
    if (nl != NULL && nl != None) {
        if (!STR_CHECK(nl)) {
            err_format(exc_TypeError,
                       "TextIOWrapper() argument 'newline' must be str or None, not %s",
                       obj_type_name(nl));
            return -1;
        }
        v = str_data(nl);
        if (strcmp(v, "") && strcmp(v, "\n") && strcmp(v, "\r") && strcmp(v, "\r\n")) {
            err_format(exc_ValueError, "illegal newline value: %s", v);
            return -1;
        }
    }
    t->universal = v == NULL || v[0] == '\0';
    t->translate = v == NULL;
    strcpy(t->readnl, v && v[0] ? v : "\n");
    strcpy(t->writenl, v && v[0] && strcmp(v, "\n") ? v : "");
    return 0;
}

static obj_t *call_bool(obj_t *o, const char *meth, bool *out) {
    obj_t *r = obj_call_method(o, meth, NULL, 0);
    if (r == NULL) return NULL;
    int v = obj_is_true(r);
    DECREF(r);
    if (v < 0) return NULL;
    *out = v;
    return None;
}

static obj_t *text_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *o = obj_alloc(type, type->basicsize);
    if (o) str_builder_init(&TXT(o)->pending);
    return o;
}

static int text_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"buffer",         "encoding",      "errors", "newline",
                                        "line_buffering", "write_through", NULL};
    obj_t *v[6] = {NULL};
    if (args_parse("TextIOWrapper", args, nargs, kwnames, names, 1, v) < 0) return -1;
    static const char *const an[] = {NULL, "encoding", "errors"};
    for (int i = 1; i < 3; i++) {
        if (v[i] != NULL && v[i] != None && !STR_CHECK(v[i])) {
            err_format(exc_TypeError, "TextIOWrapper() argument '%s' must be str or None, not %s",
                       an[i], obj_type_name(v[i]));
            return -1;
        }
    }
    text_t cfg = {0};
    if (parse_newline(v[3], &cfg) < 0) return -1;
    bool lb = false, wt = false;
    if (v[4] != NULL) {
        int b = obj_is_true(v[4]);
        if (b < 0) return -1;
        lb = b;
    }
    if (v[5] != NULL) {
        int b = obj_is_true(v[5]);
        if (b < 0) return -1;
        wt = b;
    }
    obj_t *encoding;
    if (v[1] == NULL || v[1] == None || str_eq_cstr(v[1], "locale"))
        encoding = str_from_cstr("UTF-8");
    else
        encoding = NEWREF(v[1]);
    if (encoding == NULL) return -1;
    if (memchr(str_data(encoding), 0, str_nbytes(encoding))) {
        DECREF(encoding);
        err_set_str(exc_ValueError, "embedded null character");
        return -1;
    }
    obj_t *errors = v[2] == NULL || v[2] == None ? str_from_cstr("strict") : NEWREF(v[2]);
    if (errors == NULL) {
        DECREF(encoding);
        return -1;
    }
    // -X dev: an unknown error handler is refused now, not at its first use.
    if (codecs_check_encoding_errors(NULL, str_data(errors)) < 0) {
        DECREF(encoding);
        DECREF(errors);
        return -1;
    }
    obj_t *buffer = v[0];
    int enc = native_encoding(str_data(encoding));
    obj_t *encoder = NULL, *decoder = NULL;
    bool readable = false, writable = false, seekable = false;
    if (call_bool(buffer, "readable", &readable) == NULL ||
        call_bool(buffer, "writable", &writable) == NULL ||
        call_bool(buffer, "seekable", &seekable) == NULL)
        goto error;
    if (enc == ENC_CODEC) {
        if (readable && (decoder = make_codec(encoding, errors, true)) == NULL) goto error;
        if (writable && (encoder = make_codec(encoding, errors, false)) == NULL) goto error;
        if (!readable && !writable) {
            // Still validate the name.
            obj_t *probe = make_codec(encoding, errors, true);
            if (probe == NULL) goto error;
            DECREF(probe);
        }
    }
    obj_t *r1 = obj_lookup_attr(buffer, str_intern("read1"));
    if (r1 == NULL && err_occurred()) goto error;
    bool has_read1 = r1 != NULL;
    XDECREF(r1);

    text_t *t = TXT(self);
    if (io_lock_acquire(&t->lock, self) < 0) goto error;
    obj_t *old[5] = {t->buffer, t->encoding, t->errors, t->encoder, t->decoder};
    t->buffer = NEWREF(buffer);
    t->encoding = encoding;
    t->errors = errors;
    t->encoder = encoder;
    t->decoder = decoder;
    t->enc = enc;
    t->readable = readable;
    t->writable = writable;
    t->seekable = seekable;
    t->has_read1 = has_read1;
    t->universal = cfg.universal;
    t->translate = cfg.translate;
    memcpy(t->readnl, cfg.readnl, 3);
    memcpy(t->writenl, cfg.writenl, 3);
    t->line_buffering = lb;
    t->write_through = wt;
    t->seen = 0;
    t->telling = seekable;
    t->chunk_size = IO_DEFAULT_BUFFER_SIZE;
    clear_read_state(t);
    t->pending.len = 0;
    t->ok = true;
    t->detached = false;
    io_lock_release(&t->lock);
    for (int i = 0; i < 5; i++)
        XDECREF(old[i]);
    return 0;
error:
    DECREF(encoding);
    DECREF(errors);
    XDECREF(encoder);
    XDECREF(decoder);
    return -1;
}

static void text_dealloc(obj_t *self) {
    text_t *t = TXT(self);
    if (t->ok && t->buffer != NULL) {
        obj_t *saved = err_fetch();
        int c = io_is_closed(t->buffer);
        if (c == 0) {
            if (flush_pending(t) < 0) err_clear();
            obj_t *r = obj_call_method(t->buffer, "close", NULL, 0);
            if (r == NULL) err_clear();
            XDECREF(r);
        } else if (c < 0) {
            err_clear();
        }
        err_restore(saved);
    }
    XDECREF(t->buffer);
    XDECREF(t->encoding);
    XDECREF(t->errors);
    XDECREF(t->encoder);
    XDECREF(t->decoder);
    free(t->dec);
    str_builder_discard(&t->pending);
    io_base_free(self);
}

// ---- reading --------------------------------------------------------------------------

static int check_readable(text_t *t) {
    if (!t->readable) {
        io_unsupported("not readable");
        return -1;
    }
    return 0;
}

static obj_t *text_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("read", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n;
    if (io_size_arg(nargs ? args[0] : NULL, &n) < 0) return NULL;
    if (enter(self, true) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *r = NULL;
    str_builder_t sb;
    str_builder_init(&sb);
    if (check_readable(t) < 0 || flush_pending(t) < 0) goto out;
    if (n < 0) {
        obj_t *all = obj_call_method(t->buffer, "read", NULL, 0);
        if (all == NULL) goto out;
        if (all == None) {
            DECREF(all);
            goto finish;
        }
        if (!BYTES_CHECK(all)) {
            err_format(exc_TypeError,
                       "underlying read() should have returned a bytes object, not '%s'",
                       obj_type_name(all));
            DECREF(all);
            goto out;
        }
        int rc = decode_chunk(t, all, false);
        if (rc == 0) {
            obj_t *empty = bytes_from(NULL, 0);
            rc = empty ? decode_chunk(t, empty, true) : -1;
            XDECREF(empty);
        }
        DECREF(all);
        if (rc < 0) goto out;
        t->eof = true;
    }
finish:
    if (read_chars(t, &sb, n, false) < 0) goto out;
    if (n < 0) t->eof = false;
    r = str_builder_finish(&sb);
    str_builder_init(&sb);
out:
    str_builder_discard(&sb);
    leave(self);
    return r;
}

static obj_t *readline_common(obj_t *self, ssize_t limit) {
    if (enter(self, true) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *r = NULL;
    str_builder_t sb;
    str_builder_init(&sb);
    if (check_readable(t) < 0 || flush_pending(t) < 0) goto out;
    if (read_chars(t, &sb, limit, true) < 0) goto out;
    r = str_builder_finish(&sb);
    str_builder_init(&sb);
out:
    str_builder_discard(&sb);
    leave(self);
    return r;
}

static obj_t *text_readline(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("readline", nargs, kwnames, 0, 1) < 0) return NULL;
    ssize_t n = -1;
    if (nargs && args[0] != None) {
        if (!INT_CHECK(args[0])) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       obj_type_name(args[0]));
            return NULL;
        }
        n = obj_as_ssize(args[0]);
        if (n == -1 && err_occurred()) return NULL;
    }
    return readline_common(self, n);
}

static void set_telling(obj_t *self, bool iterating) {
    if (enter(self, false) < 0) {
        err_clear();
        return;
    }
    TXT(self)->telling = !iterating && TXT(self)->seekable;
    leave(self);
}

static obj_t *text_iternext(obj_t *self) {
    if (TXT(self)->ok) set_telling(self, true);
    obj_t *line = TYPE(self) == &io_textwrapper_type ? readline_common(self, -1)
                                                     : obj_call_method(self, "readline", NULL, 0);
    if (line == NULL) return NULL;
    if (!STR_CHECK(line)) {
        err_format(exc_OSError, "readline() should have returned a str object, not '%s'",
                   obj_type_name(line));
        DECREF(line);
        return NULL;
    }
    if (str_len(line) == 0) {
        DECREF(line);
        set_telling(self, false);
        return NULL;
    }
    return line;
}

// ---- writing --------------------------------------------------------------------------

static obj_t *text_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *s = args[0];
    if (!STR_CHECK(s)) {
        err_format(exc_TypeError, "write() argument must be str, not %s", obj_type_name(s));
        return NULL;
    }
    if (enter(self, true) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *r = NULL, *text = NULL, *encoded = NULL;
    if (!t->writable) {
        io_unsupported("not writable");
        goto out;
    }
    const char *d = str_data(s);
    size_t nb = str_nbytes(s);
    bool has_nl = memchr(d, '\n', nb) != NULL;
    bool needflush = t->line_buffering && (has_nl || memchr(d, '\r', nb) != NULL);
    if (has_nl && t->writenl[0]) {
        str_builder_t sb;
        str_builder_init(&sb);
        for (size_t i = 0; i < nb; i++) {
            if (d[i] == '\n')
                str_builder_add_cstr(&sb, t->writenl);
            else
                str_builder_add_char(&sb, d[i]);
        }
        text = str_builder_finish(&sb);
        if (text == NULL) goto out;
    } else {
        text = NEWREF(s);
    }
    if (t->enc == ENC_CODEC) {
        encoded = obj_call_method(t->encoder, "encode", &text, 1);
        if (encoded != NULL && !BYTES_CHECK(encoded)) {
            err_format(exc_TypeError, "encoder should return a bytes object, not '%s'",
                       obj_type_name(encoded));
            CLEAR(encoded);
        }
    } else {
        encoded = str_encode(text, native_name(t->enc), str_data(t->errors));
    }
    if (encoded == NULL) goto out;
    clear_read_state(t);
    t->seen = 0; // CPython resets its newline decoder here
    str_builder_add(&t->pending, (const char *)bytes_data(encoded), bytes_len(encoded));
    if (t->write_through || needflush || (ssize_t)t->pending.len > t->chunk_size)
        if (flush_pending(t) < 0) goto out;
    if (needflush) {
        obj_t *f = obj_call_method(t->buffer, "flush", NULL, 0);
        if (f == NULL) goto out;
        DECREF(f);
    }
    r = int_from_i64((int64_t)str_len(s));
out:
    XDECREF(text);
    XDECREF(encoded);
    leave(self);
    return r;
}

static obj_t *text_flush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("flush", nargs, kwnames, 0, 0) < 0) return NULL;
    if (enter(self, true) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *r = NULL;
    if (flush_pending(t) == 0) r = obj_call_method(t->buffer, "flush", NULL, 0);
    leave(self);
    return r;
}

static obj_t *text_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    if (enter(self, false) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *r = NULL;
    int c = io_is_closed(t->buffer);
    if (c < 0) goto out;
    if (c) {
        r = NEWREF(None);
        goto out;
    }
    obj_t *ferr = NULL;
    if (flush_pending(t) < 0) {
        ferr = err_fetch();
    } else {
        obj_t *f = obj_call_method(t->buffer, "flush", NULL, 0);
        if (f == NULL) ferr = err_fetch();
        XDECREF(f);
    }
    r = obj_call_method(t->buffer, "close", NULL, 0);
    if (ferr != NULL) {
        if (r == NULL) {
            obj_t *e2 = err_fetch();
            exc_set_context(e2, ferr);
            err_restore(e2);
        } else {
            CLEAR(r);
            err_restore(ferr);
        }
    }
out:
    leave(self);
    return r;
}

// ---- positioning ----------------------------------------------------------------------

static int check_seekable(text_t *t) {
    if (!t->seekable) {
        io_unsupported("underlying stream is not seekable");
        return -1;
    }
    return 0;
}

static obj_t *text_tell(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("tell", nargs, kwnames, 0, 0) < 0) return NULL;
    if (enter(self, true) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *r = NULL;
    if (check_seekable(t) < 0) goto out;
    if (!t->telling) {
        err_set_str(exc_OSError, "telling position disabled by next() call");
        goto out;
    }
    if (flush_pending(t) < 0) goto out;
    obj_t *pos = obj_call_method(t->buffer, "tell", NULL, 0);
    if (pos == NULL) goto out;
    if (t->dec_pos == t->dec_len && t->pend_len == 0) {
        r = pos;
        goto out;
    }
    if (t->enc == ENC_CODEC) {
        DECREF(pos);
        io_unsupported("can't reconstruct logical file position");
        goto out;
    }
    int64_t p;
    int rc = int_as_i64(pos, &p);
    DECREF(pos);
    if (rc < 0) goto out;
    size_t unread = t->dec_len - t->dec_pos;
    if (t->enc != ENC_NATIVE_UTF8) {
        size_t chars = 0;
        for (size_t i = t->dec_pos; i < t->dec_len; i++)
            if (((unsigned char)t->dec[i] & 0xC0) != 0x80) chars++;
        unread = chars;
    }
    r = int_from_i64(p - (int64_t)t->pend_len - (int64_t)unread);
out:
    leave(self);
    return r;
}

static obj_t *text_seek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("seek", nargs, kwnames, 1, 2) < 0) return NULL;
    ssize_t whence = 0;
    if (nargs > 1 && obj_ssize_arg(args[1], &whence) < 0) return NULL;
    obj_t *cookie = args[0];
    if (enter(self, true) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *r = NULL;
    if (check_seekable(t) < 0) goto out;
    if (whence == 1 || whence == 2) {
        int z = obj_richcompare_bool(cookie, SMALLINT_FROM(0), CMP_EQ_OP);
        if (z < 0) goto out;
        if (!z) {
            io_unsupported(whence == 1 ? "can't do nonzero cur-relative seeks"
                                       : "can't do nonzero end-relative seeks");
            goto out;
        }
        if (whence == 1) {
            leave(self);
            return text_tell(self, NULL, 0, NULL);
        }
        if (flush_pending(t) < 0) goto out;
        clear_read_state(t);
        t->seen = 0;
        t->telling = t->seekable;
        obj_t *a[2] = {SMALLINT_FROM(0), SMALLINT_FROM(2)};
        r = obj_call_method(t->buffer, "seek", a, 2);
        if (r != NULL && t->decoder != NULL) {
            obj_t *x = obj_call_method(t->decoder, "reset", NULL, 0);
            if (x == NULL) CLEAR(r);
            XDECREF(x);
        }
        goto out;
    }
    if (whence != 0) {
        err_format(exc_ValueError, "invalid whence (%zd, should be 0, 1 or 2)", whence);
        goto out;
    }
    obj_t *idx = obj_index(cookie);
    if (idx == NULL) goto out;
    if (int_sign(idx) < 0) {
        obj_t *rep = obj_repr(idx);
        if (rep) err_format(exc_ValueError, "negative seek position %s", str_data(rep));
        XDECREF(rep);
        DECREF(idx);
        goto out;
    }
    if (flush_pending(t) < 0) {
        DECREF(idx);
        goto out;
    }
    obj_t *f = obj_call_method(t->buffer, "flush", NULL, 0);
    if (f == NULL) {
        DECREF(idx);
        goto out;
    }
    DECREF(f);
    clear_read_state(t);
    // A seek to 0 resets CPython's newline decoder; others restore its
    // state, keeping the newlines seen.
    if (int_sign(idx) == 0) t->seen = 0;
    t->telling = t->seekable;
    obj_t *s = obj_call_method(t->buffer, "seek", &idx, 1);
    if (s == NULL) {
        DECREF(idx);
        goto out;
    }
    DECREF(s);
    if (t->decoder != NULL) {
        obj_t *x = obj_call_method(t->decoder, "reset", NULL, 0);
        if (x == NULL) {
            DECREF(idx);
            goto out;
        }
        DECREF(x);
    }
    r = idx;
out:
    leave(self);
    return r;
}

static obj_t *text_truncate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("truncate", nargs, kwnames, 0, 1) < 0) return NULL;
    if (enter(self, true) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *r = NULL;
    if (flush_pending(t) == 0) {
        obj_t *f = obj_call_method(t->buffer, "flush", NULL, 0);
        if (f != NULL) {
            DECREF(f);
            obj_t *pos = nargs ? args[0] : None;
            r = obj_call_method(t->buffer, "truncate", &pos, 1);
        }
    }
    leave(self);
    return r;
}

// ---- the rest -------------------------------------------------------------------------

static obj_t *text_detach(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("detach", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *f = text_flush(self, NULL, 0, NULL);
    if (f == NULL) return NULL;
    DECREF(f);
    if (enter(self, false) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *b = t->buffer;
    t->buffer = NULL;
    t->ok = false;
    t->detached = true;
    leave(self);
    return b;
}

// A new reference to the buffer, taken under the lock (or directly when
// this thread holds it: a repr inside a locked method), so a concurrent
// detach() cannot free it under the caller.
static obj_t *buffer_ref(obj_t *self) {
    text_t *t = TXT(self);
    if (check_ok(t) < 0) return NULL;
    obj_t *b = NULL;
    if (atomic_load_explicit(&t->lock.owner, memory_order_relaxed) == current_tid()) {
        b = t->buffer ? NEWREF(t->buffer) : NULL;
    } else {
        if (io_lock_acquire(&t->lock, self) < 0) return NULL;
        b = t->buffer ? NEWREF(t->buffer) : NULL;
        io_lock_release(&t->lock);
    }
    if (b == NULL) check_ok(t);
    return b;
}

static obj_t *forward(obj_t *self, const char *meth, bool check_closed) {
    obj_t *buf = buffer_ref(self);
    if (buf == NULL) return NULL;
    obj_t *r = NULL;
    if (check_closed) {
        int c = io_is_closed(buf);
        if (c < 0) goto out;
        if (c) {
            io_closed_error();
            goto out;
        }
    }
    r = obj_call_method(buf, meth, NULL, 0);
out:
    DECREF(buf);
    return r;
}

static obj_t *text_fileno(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "fileno", false);
}
static obj_t *text_isatty(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "isatty", false);
}
static obj_t *text_readable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "readable", true);
}
static obj_t *text_writable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "writable", true);
}
static obj_t *text_seekable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return forward(self, "seekable", true);
}

static obj_t *text_reconfigure(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"$encoding",       "$errors",        "$newline",
                                        "$line_buffering", "$write_through", NULL};
    obj_t *v[5] = {NULL};
    if (args_parse("reconfigure", args, nargs, kwnames, names, 0, v) < 0) return NULL;
    for (int i = 0; i < 2; i++)
        if (v[i] != NULL && v[i] != None && !STR_CHECK(v[i])) {
            err_format(exc_TypeError, "reconfigure() argument '%s' must be str or None, not %s",
                       i ? "errors" : "encoding", obj_type_name(v[i]));
            return NULL;
        }
    text_t cfg = {0};
    bool nl_given = v[2] != NULL;
    if (nl_given && parse_newline(v[2], &cfg) < 0) return NULL;
    int lb = -1, wt = -1;
    if (v[3] != NULL && v[3] != None && (lb = obj_is_true(v[3])) < 0) return NULL;
    if (v[4] != NULL && v[4] != None && (wt = obj_is_true(v[4])) < 0) return NULL;
    obj_t *f = text_flush(self, NULL, 0, NULL);
    if (f == NULL) return NULL;
    DECREF(f);
    if (enter(self, false) < 0) return NULL;
    text_t *t = TXT(self);
    obj_t *r = NULL;
    bool enc_given = v[0] != NULL && v[0] != None, err_given = v[1] != NULL && v[1] != None;
    if ((enc_given || nl_given) && (t->dec_len > 0 || t->eof || t->pend_len > 0)) {
        io_unsupported("It is not possible to set the encoding or newline of stream after the "
                       "first read");
        goto out;
    }
    if (enc_given || err_given) {
        obj_t *enc = enc_given
                         ? (str_eq_cstr(v[0], "locale") ? str_from_cstr("UTF-8") : NEWREF(v[0]))
                         : NEWREF(t->encoding);
        obj_t *errs = err_given   ? NEWREF(v[1])
                      : enc_given ? str_from_cstr("strict")
                                  : NEWREF(t->errors);
        if (enc == NULL || errs == NULL) {
            XDECREF(enc);
            XDECREF(errs);
            goto out;
        }
        int kind = native_encoding(str_data(enc));
        obj_t *ne = NULL, *nd = NULL;
        if (kind == ENC_CODEC) {
            if ((t->readable && (nd = make_codec(enc, errs, true)) == NULL) ||
                (t->writable && (ne = make_codec(enc, errs, false)) == NULL)) {
                XDECREF(nd);
                DECREF(enc);
                DECREF(errs);
                goto out;
            }
        }
        XSETREF_IO(t->encoding, enc);
        XSETREF_IO(t->errors, errs);
        XSETREF_IO(t->encoder, ne);
        XSETREF_IO(t->decoder, nd);
        t->enc = kind;
    }
    if (nl_given) {
        t->universal = cfg.universal;
        t->translate = cfg.translate;
        memcpy(t->readnl, cfg.readnl, 3);
        memcpy(t->writenl, cfg.writenl, 3);
    }
    if (lb >= 0) t->line_buffering = lb;
    if (wt >= 0) t->write_through = wt;
    r = NEWREF(None);
out:
    leave(self);
    return r;
}

static obj_t *text_getstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_format(exc_TypeError, "cannot pickle '%s' object", TYPE(self)->name);
    return NULL;
}

static obj_t *text_repr(obj_t *self) {
    const char *tn = TYPE(self)->name;
    str_builder_t sb;
    str_builder_init(&sb);
    str_builder_printf(&sb, "<%s", tn);
    if (repr_enter(self) != 0) {
        str_builder_discard(&sb);
        if (!err_occurred()) err_format(exc_RuntimeError, "reentrant call inside %s.__repr__", tn);
        return NULL;
    }
    static const char *const attrs[] = {"name", "mode"};
    for (int i = 0; i < 2; i++) {
        obj_t *v = TXT(self)->ok ? obj_lookup_attr(self, str_intern(attrs[i])) : NULL;
        if (v == NULL && err_occurred()) {
            if (!err_matches(exc_ValueError) && !err_matches(exc_AttributeError)) goto error;
            err_clear();
        }
        if (v == NULL) continue;
        obj_t *rep = obj_repr(v);
        DECREF(v);
        if (rep == NULL) goto error;
        str_builder_printf(&sb, " %s=%s", attrs[i], str_data(rep));
        DECREF(rep);
    }
    if (TXT(self)->encoding) {
        obj_t *rep = obj_repr(TXT(self)->encoding);
        if (rep == NULL) goto error;
        str_builder_printf(&sb, " encoding=%s", str_data(rep));
        DECREF(rep);
    }
    repr_leave(self);
    str_builder_add_char(&sb, '>');
    return str_builder_finish(&sb);
error:
    repr_leave(self);
    str_builder_discard(&sb);
    return NULL;
}

static obj_t *text_get_encoding(obj_t *self, void *c) {
    if (TXT(self)->encoding == NULL) return NEWREF(None);
    return NEWREF(TXT(self)->encoding);
}

static obj_t *text_get_errors(obj_t *self, void *c) {
    if (TXT(self)->errors == NULL) return NEWREF(None);
    return NEWREF(TXT(self)->errors);
}

static obj_t *text_get_buffer(obj_t *self, void *c) {
    return buffer_ref(self);
}

static obj_t *text_get_flag(obj_t *self, void *which) {
    if (check_ok(TXT(self)) < 0) return NULL;
    bool v = which ? TXT(self)->write_through : TXT(self)->line_buffering;
    return NEWREF(bool_from(v));
}

static obj_t *text_get_newlines(obj_t *self, void *c) {
    if (check_ok(TXT(self)) < 0) return NULL;
    if (!TXT(self)->universal || !TXT(self)->readable) return NEWREF(None);
    if (TXT(self)->enc == ENC_CODEC && TXT(self)->decoder == NULL) return NEWREF(None);
    return io_newlines_value(TXT(self)->seen);
}

static obj_t *text_get_buffer_attr(obj_t *self, void *name) {
    obj_t *buf = buffer_ref(self);
    if (buf == NULL) return NULL;
    obj_t *r = obj_getattr_str(buf, (const char *)name);
    DECREF(buf);
    return r;
}

static obj_t *text_get_chunk_size(obj_t *self, void *c) {
    if (check_ok(TXT(self)) < 0) return NULL;
    return int_from_i64(TXT(self)->chunk_size);
}

static int text_set_chunk_size(obj_t *self, obj_t *v, void *c) {
    if (check_ok(TXT(self)) < 0) return -1;
    if (v == NULL) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    ssize_t n;
    if (obj_ssize_arg(v, &n) < 0) return -1;
    if (n <= 0) {
        err_set_str(exc_ValueError, "a strictly positive integer is required");
        return -1;
    }
    TXT(self)->chunk_size = n;
    return 0;
}

static const method_def_t text_methods[] = {
    {"read", text_read, 0, NULL},
    {"readline", text_readline, 0, NULL},
    {"write", text_write, 0, NULL},
    {"flush", text_flush, 0, NULL},
    {"close", text_close, 0, NULL},
    {"tell", text_tell, 0, NULL},
    {"seek", text_seek, 0, NULL},
    {"truncate", text_truncate, 0, NULL},
    {"detach", text_detach, 0, NULL},
    {"fileno", text_fileno, 0, NULL},
    {"isatty", text_isatty, 0, NULL},
    {"readable", text_readable, 0, NULL},
    {"writable", text_writable, 0, NULL},
    {"seekable", text_seekable, 0, NULL},
    {"reconfigure", text_reconfigure, 0, NULL},
    {"__getstate__", text_getstate, 0, NULL},
    {NULL},
};

static const getset_def_t text_getsets[] = {
    {"encoding", text_get_encoding, NULL, NULL},
    {"errors", text_get_errors, NULL, NULL},
    {"buffer", text_get_buffer, NULL, NULL},
    {"line_buffering", text_get_flag, NULL, NULL},
    {"write_through", text_get_flag, NULL, (void *)1},
    {"newlines", text_get_newlines, NULL, NULL},
    {"closed", text_get_buffer_attr, NULL, "closed"},
    {"name", text_get_buffer_attr, NULL, "name"},
    {"_CHUNK_SIZE", text_get_chunk_size, text_set_chunk_size, NULL},
    {NULL},
};

type_t io_textwrapper_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io.TextIOWrapper",
    .basicsize = sizeof(text_t),
    .flags = TPFLAG_BASETYPE,
    .base = &io_textiobase_type,
    .dictoffset = offsetof(iobase_t, dict),
    .dealloc = text_dealloc,
    .repr = text_repr,
    .iternext = text_iternext,
    .tp_new = text_new,
    .tp_init = text_init,
    .methods = text_methods,
    .getsets = text_getsets,
    .doc = "Character and line based layer over a BufferedIOBase object, buffer.",
};

// ---- IncrementalNewlineDecoder --------------------------------------------------------
//
// decoder (or None), translate and errors are set by __init__; pendingcr
// and seen change in decode()/setstate()/reset(), inside the object's
// critical section for the flag updates only (the wrapped decoder's
// decode() is Python code and runs outside it).

#include "../threads/critical.h"

typedef struct {
    obj_t ob;
    obj_t *decoder, *errors;
    bool translate, pendingcr, ok;
    uint8_t seen;
} nldec_t;

#define NLD(o) ((nldec_t *)(o))

static obj_t *nldec_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return obj_alloc(type, type->basicsize);
}

static int nldec_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"decoder", "translate", "errors", NULL};
    obj_t *v[3] = {NULL, NULL, NULL};
    if (args_parse("IncrementalNewlineDecoder", args, nargs, kwnames, names, 2, v) < 0) return -1;
    int tr = obj_is_true(v[1]);
    if (tr < 0) return -1;
    obj_t *errors = v[2] ? NEWREF(v[2]) : str_from_cstr("strict");
    if (errors == NULL) return -1;
    obj_t *od, *oe;
    BEGIN_CRITICAL_SECTION(self);
    od = NLD(self)->decoder;
    oe = NLD(self)->errors;
    NLD(self)->decoder = NEWREF(v[0]);
    NLD(self)->errors = errors;
    NLD(self)->translate = tr;
    NLD(self)->pendingcr = false;
    NLD(self)->seen = 0;
    NLD(self)->ok = true;
    END_CRITICAL_SECTION();
    XDECREF(od);
    XDECREF(oe);
    return 0;
}

static void nldec_dealloc(obj_t *self) {
    XDECREF(NLD(self)->decoder);
    XDECREF(NLD(self)->errors);
    obj_free(self);
}

static int nldec_check(obj_t *self) {
    if (!NLD(self)->ok) {
        err_set_str(exc_ValueError, "IncrementalNewlineDecoder.__init__() not called");
        return -1;
    }
    return 0;
}

static obj_t *nldec_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"input", "final", NULL};
    obj_t *v[2] = {NULL, NULL};
    if (args_parse("decode", args, nargs, kwnames, names, 1, v) < 0) return NULL;
    if (nldec_check(self) < 0) return NULL;
    int final = v[1] ? obj_is_true(v[1]) : 0;
    if (final < 0) return NULL;
    obj_t *out;
    obj_t *dec = NLD(self)->decoder;
    if (dec != None) {
        obj_t *a[2] = {v[0], bool_from(final)};
        out = obj_call_method(dec, "decode", a, 2);
        if (out == NULL) return NULL;
    } else {
        out = NEWREF(v[0]);
    }
    if (!STR_CHECK(out)) {
        err_format(exc_TypeError, "decoder should return a string result, not '%s'",
                   obj_type_name(out));
        DECREF(out);
        return NULL;
    }
    str_builder_t sb;
    str_builder_init(&sb);
    bool pcr;
    BEGIN_CRITICAL_SECTION(self);
    pcr = NLD(self)->pendingcr;
    if (pcr && (str_nbytes(out) > 0 || final)) NLD(self)->pendingcr = false;
    END_CRITICAL_SECTION();
    if (pcr && (str_nbytes(out) > 0 || final))
        str_builder_add_char(&sb, '\r');
    else
        pcr = false;
    str_builder_add(&sb, str_data(out), str_nbytes(out));
    DECREF(out);
    bool hold = false;
    if (!final && sb.len > 0 && sb.buf[sb.len - 1] == '\r') {
        sb.len--;
        hold = true;
    }
    uint8_t seen = 0;
    bool translate = NLD(self)->translate;
    size_t j = 0;
    for (size_t i = 0; i < sb.len; i++) {
        char c = sb.buf[i];
        if (c == '\r') {
            if (i + 1 < sb.len && sb.buf[i + 1] == '\n') {
                seen |= SEEN_CRLF;
                if (translate) {
                    sb.buf[j++] = '\n';
                    i++;
                    continue;
                }
                sb.buf[j++] = '\r';
                continue;
            }
            seen |= SEEN_CR;
            sb.buf[j++] = translate ? '\n' : '\r';
            continue;
        }
        if (c == '\n' && !(i > 0 && sb.buf[i - 1] == '\r' && !translate)) seen |= SEEN_LF;
        sb.buf[j++] = c;
    }
    sb.len = j;
    BEGIN_CRITICAL_SECTION(self);
    NLD(self)->seen |= seen;
    if (hold) NLD(self)->pendingcr = true;
    END_CRITICAL_SECTION();
    return str_builder_finish(&sb);
}

static obj_t *nldec_getstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nldec_check(self) < 0) return NULL;
    obj_t *buf;
    int64_t flag = 0;
    if (NLD(self)->decoder != None) {
        obj_t *st = obj_call_method(NLD(self)->decoder, "getstate", NULL, 0);
        if (st == NULL) return NULL;
        if (!TUPLE_CHECK(st) || TUPLE_SIZE(st) != 2 || !INT_CHECK(TUPLE_GET(st, 1))) {
            DECREF(st);
            err_set_str(exc_TypeError, "illegal decoder state");
            return NULL;
        }
        buf = NEWREF(TUPLE_GET(st, 0));
        int rc = int_as_i64(TUPLE_GET(st, 1), &flag);
        DECREF(st);
        if (rc < 0) {
            DECREF(buf);
            return NULL;
        }
    } else {
        buf = bytes_from(NULL, 0);
        if (buf == NULL) return NULL;
    }
    flag <<= 1;
    if (NLD(self)->pendingcr) flag |= 1;
    obj_t *f = int_from_i64(flag);
    obj_t *r = f ? tuple_pack(2, buf, f) : NULL;
    XDECREF(f);
    DECREF(buf);
    return r;
}

static obj_t *nldec_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("setstate", nargs, kwnames, 1, 1) < 0) return NULL;
    if (nldec_check(self) < 0) return NULL;
    obj_t *st = args[0];
    if (!TUPLE_CHECK(st) || TUPLE_SIZE(st) != 2) {
        err_set_str(exc_TypeError, "state argument must be a tuple");
        return NULL;
    }
    int64_t flag;
    if (int_as_i64(TUPLE_GET(st, 1), &flag) < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    NLD(self)->pendingcr = flag & 1;
    END_CRITICAL_SECTION();
    if (NLD(self)->decoder != None) {
        obj_t *f = int_from_i64(flag >> 1);
        obj_t *t = f ? tuple_pack(2, TUPLE_GET(st, 0), f) : NULL;
        XDECREF(f);
        if (t == NULL) return NULL;
        obj_t *r = obj_call_method(NLD(self)->decoder, "setstate", &t, 1);
        DECREF(t);
        return r;
    }
    return NEWREF(None);
}

static obj_t *nldec_reset(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nldec_check(self) < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    NLD(self)->seen = 0;
    NLD(self)->pendingcr = false;
    END_CRITICAL_SECTION();
    if (NLD(self)->decoder != None) return obj_call_method(NLD(self)->decoder, "reset", NULL, 0);
    return NEWREF(None);
}

static obj_t *nldec_get_newlines(obj_t *self, void *c) {
    if (nldec_check(self) < 0) return NULL;
    return io_newlines_value(NLD(self)->seen);
}

static const method_def_t nldec_methods[] = {
    {"decode", nldec_decode, 0, NULL},
    {"getstate", nldec_getstate, 0, NULL},
    {"setstate", nldec_setstate, 0, NULL},
    {"reset", nldec_reset, 0, NULL},
    {NULL},
};

static const getset_def_t nldec_getsets[] = {
    {"newlines", nldec_get_newlines, NULL, NULL},
    {NULL},
};

type_t io_nldecoder_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_io.IncrementalNewlineDecoder",
    .basicsize = sizeof(nldec_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = nldec_dealloc,
    .tp_new = nldec_new,
    .tp_init = nldec_init,
    .methods = nldec_methods,
    .getsets = nldec_getsets,
    .doc = "Codec used when reading a file in universal newlines mode.",
};
