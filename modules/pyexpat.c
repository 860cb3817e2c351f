/*
 * modules/pyexpat.c — the `pyexpat` module over Debian's libexpat, with
 * CPython 3.11's API: ParserCreate, the xmlparser type (Parse, ParseFile,
 * SetBase/GetBase, GetInputContext, ExternalEntityParserCreate,
 * SetParamEntityParsing, UseForeignDTD, the buffer_* and attribute-shape
 * flags, the Error* / Current* positions and every handler attribute),
 * ExpatError (also `error`), ErrorString, the `errors` and `model`
 * submodules (also in sys.modules as pyexpat.errors / pyexpat.model),
 * version_info, EXPAT_VERSION, native_encoding and features.  expat_CAPI is
 * not provided: there is no _elementtree, so xml.etree.ElementTree runs its
 * pure-Python XMLParser over this module.
 *
 * expat hands every string over as UTF-8 (XML_Char is char), which is also
 * pvm's str representation: names and text become str objects directly.
 * Element and attribute names, processing-instruction targets and
 * namespace prefixes/URIs go through the parser's `intern` dict as
 * CPython's do.  Character data is collected in a buffer of buffer_size
 * bytes when buffer_text is set and handed to CharacterDataHandler when it
 * fills, before any other handler runs and at the end of each Parse call.
 * A handler that raises clears every handler and stops expat
 * (XML_StopParser), and Parse re-raises the exception, as CPython does.
 *
 * Concurrency.  An expat parser is not thread-safe and handlers run Python
 * code in the middle of XML_Parse, so no lock can be held across a parse.
 * Instead each xmlparser has an owner token: the thread that is using the
 * expat parser (Parse, ParseFile, a handler setter, the Error* / Current*
 * getters, SetBase, ...) takes it with a compare-and-swap and gives it back
 * when done; the same thread may take it again (a handler may read
 * CurrentLineNumber, set handlers or even call Parse again, as CPython
 * allows).  Another thread that finds the token taken gets
 * RuntimeError("parser is in use by another thread") instead of racing
 * inside expat; the acquire/release pair of the token orders everything the
 * owner wrote (expat's state, the character buffer) before the next owner.
 * The handler table is written only by the owner and only inside the
 * parser's critical section; getters of other threads read it inside the
 * section and take a reference, the owner reads it directly (nobody else
 * can write it).  The flags other threads may read without the token
 * (buffer_text, buffer_size, buffer_used, ordered_attributes, ...) are
 * atomics.  No Python code runs inside the critical section.
 */
#include <expat.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/sysmodule.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"

#define MAX_CHUNK      (1 << 20) // Parse feeds expat at most this much per call
#define READ_CHUNK     2048      // ParseFile's read() size
#define DEFAULT_BUFFER 8192      // buffer_size's initial value

// The handlers, in CPython's order (the attribute names below).
enum {
    H_StartElement,
    H_EndElement,
    H_ProcessingInstruction,
    H_CharacterData,
    H_UnparsedEntityDecl,
    H_NotationDecl,
    H_StartNamespaceDecl,
    H_EndNamespaceDecl,
    H_Comment,
    H_StartCdataSection,
    H_EndCdataSection,
    H_Default,
    H_DefaultExpand,
    H_NotStandalone,
    H_ExternalEntityRef,
    H_StartDoctypeDecl,
    H_EndDoctypeDecl,
    H_EntityDecl,
    H_XmlDecl,
    H_ElementDecl,
    H_AttlistDecl,
    H_SkippedEntity,
    H_COUNT
};

typedef struct xmlparser {
    obj_t ob;
    XML_Parser xp;            // owner only
    _Atomic uintptr_t owner;  // token of the thread using xp; 0 = none
    int depth;                // owner only: nesting of the owner's uses
    int in_callback;          // owner only: a handler is running
    obj_t *handlers[H_COUNT]; // written by the owner inside the section
    obj_t *intern;            // dict or NULL; immutable after creation
    obj_t *parent;            // ExternalEntityParserCreate's parser or NULL; immutable
    char *buffer;             // owner only: character data buffer (NULL: buffer_text off)
    _Atomic bool buffer_text; // mirrors buffer != NULL
    _Atomic int buffer_size;  // written by the owner
    _Atomic int buffer_used;  // written by the owner
    _Atomic bool ordered, specified, ns_prefixes;
} xmlparser_t;

static type_t xmlparser_type;
static obj_t *expat_error; // ExpatError (immortal)

// ---- the owner token ------------------------------------------------------------------

static __thread char thread_token;

static int take(xmlparser_t *p) {
    uintptr_t me = (uintptr_t)&thread_token;
    if (atomic_load_explicit(&p->owner, memory_order_relaxed) == me) {
        p->depth++;
        return 0;
    }
    uintptr_t none = 0;
    if (atomic_compare_exchange_strong_explicit(&p->owner, &none, me, memory_order_acquire,
                                                memory_order_relaxed)) {
        p->depth = 1;
        return 0;
    }
    err_set_str(exc_RuntimeError, "parser is in use by another thread");
    return -1;
}

static void give_back(xmlparser_t *p) {
    if (--p->depth == 0) atomic_store_explicit(&p->owner, 0, memory_order_release);
}

// ---- conversions ----------------------------------------------------------------------

// A str from expat's UTF-8 (NULL: None).  Sets an exception on failure.
static obj_t *conv(const XML_Char *s) {
    if (s == NULL) return NEWREF(None);
    return str_from_utf8(s, strlen(s));
}

static obj_t *conv_len(const XML_Char *s, int len) {
    if (s == NULL) return NEWREF(None);
    return str_from_utf8(s, (size_t)len);
}

// conv() through the parser's intern dict: equal names share one object.
static obj_t *intern_name(xmlparser_t *p, const XML_Char *s) {
    obj_t *key = conv(s);
    if (key == NULL || s == NULL || p->intern == NULL) return key;
    obj_t *found = dict_get(p->intern, key);
    if (found) {
        DECREF(key);
        return found;
    }
    if (err_occurred() || dict_set(p->intern, key, key) < 0) {
        DECREF(key);
        return NULL;
    }
    return key;
}

// ---- setting expat's callbacks --------------------------------------------------------

static void install(xmlparser_t *p, int h, bool on);

// Called when a handler raised (or its arguments could not be built):
// every handler is dropped and expat stops; Parse re-raises.  Owner only.
static void flag_error(xmlparser_t *p) {
    obj_t *old[H_COUNT];
    BEGIN_CRITICAL_SECTION(p);
    for (int i = 0; i < H_COUNT; i++) {
        old[i] = p->handlers[i];
        p->handlers[i] = NULL;
    }
    END_CRITICAL_SECTION();
    for (int i = 0; i < H_COUNT; i++) {
        install(p, i, false);
        XDECREF(old[i]);
    }
    XML_StopParser(p->xp, XML_FALSE);
}

// Calls handler h with args (stolen references, NULL entries mean a failed
// conversion); returns the result or NULL after flag_error.  Owner only.
static obj_t *call_handler(xmlparser_t *p, int h, obj_t **args, size_t n) {
    obj_t *r = NULL;
    for (size_t i = 0; i < n; i++)
        if (args[i] == NULL) goto done;
    obj_t *fn = p->handlers[h];
    if (fn == NULL) goto done_ok;
    INCREF(fn);
    p->in_callback++;
    r = obj_call(fn, args, n, NULL);
    p->in_callback--;
    DECREF(fn);
    if (r == NULL) goto done;
done_ok:
    for (size_t i = 0; i < n; i++)
        DECREF(args[i]);
    return r ? r : NEWREF(None);
done:
    for (size_t i = 0; i < n; i++)
        XDECREF(args[i]);
    flag_error(p);
    return NULL;
}

static void call_void(xmlparser_t *p, int h, obj_t **args, size_t n) {
    obj_t *r = call_handler(p, h, args, n);
    XDECREF(r);
}

static int call_chars(xmlparser_t *p, const XML_Char *s, int len) {
    if (p->handlers[H_CharacterData] == NULL) return 0;
    obj_t *a[1] = {conv_len(s, len)};
    obj_t *r = call_handler(p, H_CharacterData, a, 1);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

// Hands buffered character data to CharacterDataHandler.  Owner only.
static int flush_buffer(xmlparser_t *p) {
    int used = atomic_load_explicit(&p->buffer_used, memory_order_relaxed);
    if (p->buffer == NULL || used == 0) return 0;
    atomic_store_explicit(&p->buffer_used, 0, memory_order_relaxed);
    return call_chars(p, p->buffer, used);
}

// The common prologue of every callback but character data: nothing to do
// without a handler or after an error; buffered text goes out first.
static bool begin(xmlparser_t *p, int h) {
    if (p->handlers[h] == NULL || err_occurred()) return false;
    return flush_buffer(p) == 0 && p->handlers[h] != NULL;
}

#define P ((xmlparser_t *)ud)

static void cb_start_element(void *ud, const XML_Char *name, const XML_Char **atts) {
    if (!begin(P, H_StartElement)) return;
    int max = 0;
    if (atomic_load_explicit(&P->specified, memory_order_relaxed))
        max = XML_GetSpecifiedAttributeCount(P->xp);
    else
        while (atts[max] != NULL)
            max += 2;
    bool ordered = atomic_load_explicit(&P->ordered, memory_order_relaxed);
    obj_t *container = ordered ? list_new(0) : dict_new();
    if (container == NULL) goto fail;
    for (int i = 0; i < max; i += 2) {
        obj_t *k = intern_name(P, atts[i]);
        if (k == NULL) goto fail;
        obj_t *v = conv(atts[i + 1]);
        if (v == NULL) {
            DECREF(k);
            goto fail;
        }
        int rc = ordered ? (list_append(container, k) < 0 || list_append(container, v) < 0 ? -1 : 0)
                         : dict_set(container, k, v);
        DECREF(k);
        DECREF(v);
        if (rc < 0) goto fail;
    }
    obj_t *a[2] = {intern_name(P, name), container};
    call_void(P, H_StartElement, a, 2);
    return;
fail:
    XDECREF(container);
    flag_error(P);
}

static void cb_end_element(void *ud, const XML_Char *name) {
    if (!begin(P, H_EndElement)) return;
    obj_t *a[1] = {intern_name(P, name)};
    call_void(P, H_EndElement, a, 1);
}

static void cb_pi(void *ud, const XML_Char *target, const XML_Char *data) {
    if (!begin(P, H_ProcessingInstruction)) return;
    obj_t *a[2] = {intern_name(P, target), conv(data)};
    call_void(P, H_ProcessingInstruction, a, 2);
}

static void cb_chars(void *ud, const XML_Char *s, int len) {
    xmlparser_t *p = P;
    if (err_occurred()) return;
    if (p->buffer == NULL) {
        call_chars(p, s, len);
        return;
    }
    int size = atomic_load_explicit(&p->buffer_size, memory_order_relaxed);
    int used = atomic_load_explicit(&p->buffer_used, memory_order_relaxed);
    if ((int64_t)used + len > size) {
        if (flush_buffer(p) < 0 || p->handlers[H_CharacterData] == NULL) return;
        used = 0;
    }
    if (p->buffer == NULL || len > size) {
        // A handler turned buffering off, or the text is bigger than the buffer.
        call_chars(p, s, len);
        return;
    }
    memcpy(p->buffer + used, s, (size_t)len);
    atomic_store_explicit(&p->buffer_used, used + len, memory_order_relaxed);
}

static void cb_unparsed_entity(void *ud, const XML_Char *name, const XML_Char *base,
                               const XML_Char *sysid, const XML_Char *pubid,
                               const XML_Char *notation) {
    if (!begin(P, H_UnparsedEntityDecl)) return;
    obj_t *a[5] = {conv(name), conv(base), conv(sysid), conv(pubid), conv(notation)};
    call_void(P, H_UnparsedEntityDecl, a, 5);
}

static void cb_notation(void *ud, const XML_Char *name, const XML_Char *base, const XML_Char *sysid,
                        const XML_Char *pubid) {
    if (!begin(P, H_NotationDecl)) return;
    obj_t *a[4] = {conv(name), conv(base), conv(sysid), conv(pubid)};
    call_void(P, H_NotationDecl, a, 4);
}

static void cb_start_ns(void *ud, const XML_Char *prefix, const XML_Char *uri) {
    if (!begin(P, H_StartNamespaceDecl)) return;
    obj_t *a[2] = {intern_name(P, prefix), intern_name(P, uri)};
    call_void(P, H_StartNamespaceDecl, a, 2);
}

static void cb_end_ns(void *ud, const XML_Char *prefix) {
    if (!begin(P, H_EndNamespaceDecl)) return;
    obj_t *a[1] = {intern_name(P, prefix)};
    call_void(P, H_EndNamespaceDecl, a, 1);
}

static void cb_comment(void *ud, const XML_Char *data) {
    if (!begin(P, H_Comment)) return;
    obj_t *a[1] = {conv(data)};
    call_void(P, H_Comment, a, 1);
}

static void cb_start_cdata(void *ud) {
    if (!begin(P, H_StartCdataSection)) return;
    call_void(P, H_StartCdataSection, NULL, 0);
}

static void cb_end_cdata(void *ud) {
    if (!begin(P, H_EndCdataSection)) return;
    call_void(P, H_EndCdataSection, NULL, 0);
}

static void cb_default(void *ud, const XML_Char *s, int len) {
    if (!begin(P, H_Default)) return;
    obj_t *a[1] = {conv_len(s, len)};
    call_void(P, H_Default, a, 1);
}

static void cb_default_expand(void *ud, const XML_Char *s, int len) {
    if (!begin(P, H_DefaultExpand)) return;
    obj_t *a[1] = {conv_len(s, len)};
    call_void(P, H_DefaultExpand, a, 1);
}

// The int a handler returned (NotStandalone, ExternalEntityRef); a result
// that is not an int leaves its TypeError pending, as CPython does.
static int int_result(obj_t *r) {
    if (r == NULL) return 0;
    int64_t v = -1;
    obj_t *i = obj_index(r);
    if (i) {
        if (int_as_i64(i, &v) < 0) v = -1;
        DECREF(i);
    }
    DECREF(r);
    return (int)v;
}

static int cb_not_standalone(void *ud) {
    if (!begin(P, H_NotStandalone)) return 0;
    return int_result(call_handler(P, H_NotStandalone, NULL, 0));
}

static int cb_external_entity(XML_Parser parser, const XML_Char *context, const XML_Char *base,
                              const XML_Char *sysid, const XML_Char *pubid) {
    void *ud = XML_GetUserData(parser);
    if (!begin(P, H_ExternalEntityRef)) return 0;
    obj_t *a[4] = {intern_name(P, context), conv(base), conv(sysid), conv(pubid)};
    return int_result(call_handler(P, H_ExternalEntityRef, a, 4));
}

static void cb_start_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                             const XML_Char *pubid, int has_internal) {
    if (!begin(P, H_StartDoctypeDecl)) return;
    obj_t *a[4] = {conv(name), conv(sysid), conv(pubid), int_from_i64(has_internal)};
    call_void(P, H_StartDoctypeDecl, a, 4);
}

static void cb_end_doctype(void *ud) {
    if (!begin(P, H_EndDoctypeDecl)) return;
    call_void(P, H_EndDoctypeDecl, NULL, 0);
}

static void cb_entity_decl(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
                           int value_len, const XML_Char *base, const XML_Char *sysid,
                           const XML_Char *pubid, const XML_Char *notation) {
    if (!begin(P, H_EntityDecl)) return;
    obj_t *a[7] = {
        conv(name),  int_from_i64(is_param), conv_len(value, value_len), conv(base), conv(sysid),
        conv(pubid), conv(notation)};
    call_void(P, H_EntityDecl, a, 7);
}

static void cb_xml_decl(void *ud, const XML_Char *version, const XML_Char *encoding,
                        int standalone) {
    if (!begin(P, H_XmlDecl)) return;
    obj_t *a[3] = {conv(version), conv(encoding), int_from_i64(standalone)};
    call_void(P, H_XmlDecl, a, 3);
}

// An element's content model as (type, quant, name, children): CPython's shape.
static obj_t *conv_model(XML_Content *m) {
    // A deeply nested model is RecursionError, not a C stack overflow.
    if (c_recursion_enter(" in conv_content_model") < 0) return NULL;
    obj_t *children = tuple_new(m->numchildren);
    if (children == NULL) {
        c_recursion_leave();
        return NULL;
    }
    for (unsigned i = 0; i < m->numchildren; i++) {
        obj_t *c = conv_model(&m->children[i]);
        if (c == NULL) {
            DECREF(children);
            c_recursion_leave();
            return NULL;
        }
        TUPLE_SET(children, i, c);
    }
    obj_t *t = int_from_i64(m->type), *q = int_from_i64(m->quant), *n = conv(m->name);
    obj_t *r = (t && q && n) ? tuple_pack(4, t, q, n, children) : NULL;
    XDECREF(t);
    XDECREF(q);
    XDECREF(n);
    DECREF(children);
    c_recursion_leave();
    return r;
}

static void cb_element_decl(void *ud, const XML_Char *name, XML_Content *model) {
    if (begin(P, H_ElementDecl)) {
        obj_t *a[2] = {conv(name), conv_model(model)};
        call_void(P, H_ElementDecl, a, 2);
    }
    XML_FreeContentModel(P->xp, model);
}

static void cb_attlist_decl(void *ud, const XML_Char *elname, const XML_Char *attname,
                            const XML_Char *att_type, const XML_Char *dflt, int isrequired) {
    if (!begin(P, H_AttlistDecl)) return;
    obj_t *a[5] = {conv(elname), conv(attname), conv(att_type), conv(dflt),
                   int_from_i64(isrequired)};
    call_void(P, H_AttlistDecl, a, 5);
}

static void cb_skipped(void *ud, const XML_Char *name, int is_param) {
    if (!begin(P, H_SkippedEntity)) return;
    obj_t *a[2] = {conv(name), int_from_i64(is_param)};
    call_void(P, H_SkippedEntity, a, 2);
}

#undef P

// Sets or removes expat's callback for handler h.  Owner only.
static void install(xmlparser_t *p, int h, bool on) {
    XML_Parser x = p->xp;
#define SET(fn, cb) fn(x, on ? cb : NULL)
    switch (h) {
    case H_StartElement: SET(XML_SetStartElementHandler, cb_start_element); break;
    case H_EndElement: SET(XML_SetEndElementHandler, cb_end_element); break;
    case H_ProcessingInstruction: SET(XML_SetProcessingInstructionHandler, cb_pi); break;
    case H_CharacterData: SET(XML_SetCharacterDataHandler, cb_chars); break;
    case H_UnparsedEntityDecl: SET(XML_SetUnparsedEntityDeclHandler, cb_unparsed_entity); break;
    case H_NotationDecl: SET(XML_SetNotationDeclHandler, cb_notation); break;
    case H_StartNamespaceDecl: SET(XML_SetStartNamespaceDeclHandler, cb_start_ns); break;
    case H_EndNamespaceDecl: SET(XML_SetEndNamespaceDeclHandler, cb_end_ns); break;
    case H_Comment: SET(XML_SetCommentHandler, cb_comment); break;
    case H_StartCdataSection: SET(XML_SetStartCdataSectionHandler, cb_start_cdata); break;
    case H_EndCdataSection: SET(XML_SetEndCdataSectionHandler, cb_end_cdata); break;
    case H_Default: SET(XML_SetDefaultHandler, cb_default); break;
    case H_DefaultExpand: SET(XML_SetDefaultHandlerExpand, cb_default_expand); break;
    case H_NotStandalone: SET(XML_SetNotStandaloneHandler, cb_not_standalone); break;
    case H_ExternalEntityRef: SET(XML_SetExternalEntityRefHandler, cb_external_entity); break;
    case H_StartDoctypeDecl: SET(XML_SetStartDoctypeDeclHandler, cb_start_doctype); break;
    case H_EndDoctypeDecl: SET(XML_SetEndDoctypeDeclHandler, cb_end_doctype); break;
    case H_EntityDecl: SET(XML_SetEntityDeclHandler, cb_entity_decl); break;
    case H_XmlDecl: SET(XML_SetXmlDeclHandler, cb_xml_decl); break;
    case H_ElementDecl: SET(XML_SetElementDeclHandler, cb_element_decl); break;
    case H_AttlistDecl: SET(XML_SetAttlistDeclHandler, cb_attlist_decl); break;
    case H_SkippedEntity: SET(XML_SetSkippedEntityHandler, cb_skipped); break;
    default: break;
    }
#undef SET
}

// expat's hook for encodings it does not know: any single-byte codec
// Python has (bytes 0..255 decoded with errors="replace").
static int unknown_encoding(void *data, const XML_Char *name, XML_Encoding *info) {
    unsigned char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (unsigned char)i;
    obj_t *b = bytes_from(all, 256);
    if (b == NULL) return XML_STATUS_ERROR;
    obj_t *u = bytes_decode(b, name, "replace");
    DECREF(b);
    if (u == NULL) return XML_STATUS_ERROR;
    if (str_len(u) != 256) {
        DECREF(u);
        err_set_str(exc_ValueError, "multi-byte encodings are not supported");
        return XML_STATUS_ERROR;
    }
    for (size_t i = 0; i < 256; i++) {
        uint32_t ch = str_char_at(u, i);
        info->map[i] = ch == 0xFFFD ? -1 : (int)ch;
    }
    DECREF(u);
    info->data = NULL;
    info->convert = NULL;
    info->release = NULL;
    return XML_STATUS_OK;
}

// ---- the xmlparser object -------------------------------------------------------------

static xmlparser_t *parser_alloc(obj_t *intern) {
    xmlparser_t *p = (xmlparser_t *)obj_alloc(&xmlparser_type, sizeof(xmlparser_t));
    if (p == NULL) return NULL;
    p->intern = intern ? NEWREF(intern) : NULL;
    atomic_store_explicit(&p->buffer_size, DEFAULT_BUFFER, memory_order_relaxed);
    return p;
}

static void parser_dealloc(obj_t *o) {
    xmlparser_t *p = (xmlparser_t *)o;
    if (p->xp) XML_ParserFree(p->xp);
    for (int i = 0; i < H_COUNT; i++)
        XDECREF(p->handlers[i]);
    free(p->buffer);
    XDECREF(p->intern);
    XDECREF(p->parent);
    obj_free(o);
}

static int parser_traverse(obj_t *self, visitproc visit, void *arg) {
    xmlparser_t *p = (xmlparser_t *)self;
    for (int i = 0; i < H_COUNT; i++)
        if (p->handlers[i] && visit(p->handlers[i], arg)) return 1;
    if (p->intern && visit(p->intern, arg)) return 1;
    if (p->parent && visit(p->parent, arg)) return 1;
    return 0;
}

static int parser_clear(obj_t *self) {
    xmlparser_t *p = (xmlparser_t *)self;
    obj_t *old[H_COUNT];
    BEGIN_CRITICAL_SECTION(p);
    for (int i = 0; i < H_COUNT; i++) {
        old[i] = p->handlers[i];
        p->handlers[i] = NULL;
    }
    END_CRITICAL_SECTION();
    for (int i = 0; i < H_COUNT; i++) {
        if (old[i] && p->xp) install(p, i, false);
        XDECREF(old[i]);
    }
    return 0;
}

// Raises ExpatError for expat's error `code` with CPython's message and
// its code / lineno / offset attributes.  Owner only.
static void set_error(xmlparser_t *p, enum XML_Error code) {
    unsigned long line = XML_GetErrorLineNumber(p->xp);
    unsigned long col = XML_GetErrorColumnNumber(p->xp);
    const char *msg = XML_ErrorString(code);
    obj_t *text = str_from_format("%s: line %lu, column %lu", msg ? msg : "", line, col);
    if (text == NULL) return;
    obj_t *exc = obj_call1(expat_error, text);
    DECREF(text);
    if (exc == NULL) return;
    obj_t *c = int_from_i64(code), *o = int_from_i64((int64_t)col),
          *l = int_from_i64((int64_t)line);
    if (c && o && l && obj_setattr_str(exc, "code", c) == 0 &&
        obj_setattr_str(exc, "offset", o) == 0 && obj_setattr_str(exc, "lineno", l) == 0)
        err_set_object(exc);
    XDECREF(c);
    XDECREF(o);
    XDECREF(l);
    DECREF(exc);
}

// The end of Parse / ParseFile: a handler's exception wins, then expat's
// error; buffered text is delivered.  Owner only.
static obj_t *parse_result(xmlparser_t *p, int rc) {
    if (err_occurred()) return NULL;
    if (rc == 0) {
        set_error(p, XML_GetErrorCode(p->xp));
        return NULL;
    }
    if (flush_buffer(p) < 0) return NULL;
    return int_from_i64(rc);
}

static obj_t *parser_parse(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_format(exc_TypeError, "%R is an invalid keyword argument for Parse()",
                   TUPLE_GET(kwnames, 0));
        return NULL;
    }
    if (nargs < 1 || nargs > 2) {
        if (nargs < 1)
            err_format(exc_TypeError, "Parse expected at least 1 argument, got %zu", nargs);
        else
            err_format(exc_TypeError, "Parse expected at most 2 arguments, got %zu", nargs);
        return NULL;
    }
    int isfinal = 0;
    if (nargs == 2) {
        if (!INT_CHECK(args[1])) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       TYPE(args[1])->name);
            return NULL;
        }
        int64_t v;
        if (int_as_i64(args[1], &v) < 0) return NULL;
        isfinal = v != 0;
    }
    xmlparser_t *p = (xmlparser_t *)self;
    buffer_t view = {0};
    const char *s;
    size_t len;
    bool is_str = STR_CHECK(args[0]);
    if (is_str) {
        s = str_data(args[0]);
        len = str_nbytes(args[0]);
    } else {
        if (buffer_get(args[0], &view) < 0) return NULL;
        s = (const char *)view.buf;
        len = view.len;
    }
    obj_t *r = NULL;
    if (take(p) == 0) {
        if (is_str) (void)XML_SetEncoding(p->xp, "utf-8");
        int rc = 1;
        while (len > MAX_CHUNK) {
            rc = XML_Parse(p->xp, s, MAX_CHUNK, 0);
            if (rc == 0 || err_occurred()) break;
            s += MAX_CHUNK;
            len -= MAX_CHUNK;
        }
        if (rc != 0 && !err_occurred()) rc = XML_Parse(p->xp, s, (int)len, isfinal);
        r = parse_result(p, rc);
        give_back(p);
    }
    if (!is_str) buffer_release(&view);
    return r;
}

static obj_t *parser_parsefile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("ParseFile", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "ParseFile() takes exactly 1 positional argument (%zu given)",
                   nargs);
        return NULL;
    }
    xmlparser_t *p = (xmlparser_t *)self;
    obj_t *read = obj_getattr_str(args[0], "read");
    if (read == NULL) {
        if (!err_matches(exc_AttributeError)) return NULL;
        err_clear();
        err_set_str(exc_TypeError, "argument must have 'read' attribute");
        return NULL;
    }
    if (take(p) < 0) {
        DECREF(read);
        return NULL;
    }
    obj_t *r = NULL;
    obj_t *size = int_from_i64(READ_CHUNK);
    int rc = 1;
    for (;;) {
        obj_t *data = obj_call1(read, size);
        if (data == NULL) goto out;
        if (!BYTES_CHECK(data)) {
            err_format(exc_TypeError, "read() did not return a bytes object (type=%s)",
                       TYPE(data)->name);
            DECREF(data);
            goto out;
        }
        size_t n = bytes_len(data);
        if (n > READ_CHUNK) {
            err_format(exc_ValueError,
                       "read() returned too much data: %d bytes requested, %zu returned",
                       READ_CHUNK, n);
            DECREF(data);
            goto out;
        }
        rc = XML_Parse(p->xp, (const char *)bytes_data(data), (int)n, n == 0);
        DECREF(data);
        if (err_occurred()) goto out;
        if (rc == 0 || n == 0) break;
    }
    r = parse_result(p, rc);
out:
    give_back(p);
    DECREF(size);
    DECREF(read);
    return r;
}

static obj_t *parser_setbase(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("SetBase", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "SetBase() argument must be str, not %s", TYPE(args[0])->name);
        return NULL;
    }
    xmlparser_t *p = (xmlparser_t *)self;
    if (take(p) < 0) return NULL;
    int ok = XML_SetBase(p->xp, str_data(args[0]));
    give_back(p);
    if (!ok) return err_no_memory();
    return NEWREF(None);
}

static obj_t *parser_getbase(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("GetBase", nargs, kwnames, 0, 0) < 0) return NULL;
    xmlparser_t *p = (xmlparser_t *)self;
    if (take(p) < 0) return NULL;
    obj_t *r = conv(XML_GetBase(p->xp));
    give_back(p);
    return r;
}

static obj_t *parser_getinputcontext(obj_t *self, obj_t *const *args, size_t nargs,
                                     obj_t *kwnames) {
    if (args_check("GetInputContext", nargs, kwnames, 0, 0) < 0) return NULL;
    xmlparser_t *p = (xmlparser_t *)self;
    if (take(p) < 0) return NULL;
    obj_t *r = NULL;
    int offset = 0, size = 0;
    const char *buf = p->in_callback ? XML_GetInputContext(p->xp, &offset, &size) : NULL;
    if (buf)
        r = bytes_from(buf + offset, (size_t)(size - offset));
    else
        r = NEWREF(None);
    give_back(p);
    return r;
}

// str argument or None (NULL), with CPython's message.
static int opt_str_arg(const char *fname, const char *what, obj_t *v, const char **out) {
    if (v == NULL || v == None) {
        *out = NULL;
        return 0;
    }
    if (!STR_CHECK(v)) {
        err_format(exc_TypeError, "%s() argument %s must be str or None, not %s", fname, what,
                   TYPE(v)->name);
        return -1;
    }
    *out = str_data(v);
    return 0;
}

static obj_t *parser_extparser(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("ExternalEntityParserCreate", nargs, kwnames, 1, 2) < 0) return NULL;
    const char *context, *encoding = NULL;
    if (opt_str_arg("ExternalEntityParserCreate", "1", args[0], &context) < 0) return NULL;
    if (nargs == 2) {
        if (!STR_CHECK(args[1])) {
            err_format(exc_TypeError, "ExternalEntityParserCreate() argument 2 must be str, not %s",
                       TYPE(args[1])->name);
            return NULL;
        }
        encoding = str_data(args[1]);
    }
    xmlparser_t *p = (xmlparser_t *)self;
    xmlparser_t *n = parser_alloc(p->intern);
    if (n == NULL) return NULL;
    if (take(p) < 0) {
        DECREF((obj_t *)n);
        return NULL;
    }
    n->parent = NEWREF(self);
    n->xp = XML_ExternalEntityParserCreate(p->xp, context, encoding);
    if (n->xp == NULL) {
        give_back(p);
        DECREF((obj_t *)n);
        return err_no_memory();
    }
    int size = atomic_load_explicit(&p->buffer_size, memory_order_relaxed);
    atomic_store_explicit(&n->buffer_size, size, memory_order_relaxed);
    atomic_store_explicit(&n->ordered, atomic_load(&p->ordered), memory_order_relaxed);
    atomic_store_explicit(&n->specified, atomic_load(&p->specified), memory_order_relaxed);
    atomic_store_explicit(&n->ns_prefixes, atomic_load(&p->ns_prefixes), memory_order_relaxed);
    if (p->buffer) {
        n->buffer = malloc((size_t)size);
        if (n->buffer == NULL) {
            give_back(p);
            DECREF((obj_t *)n);
            return err_no_memory();
        }
        atomic_store_explicit(&n->buffer_text, true, memory_order_relaxed);
    }
    XML_SetUserData(n->xp, n);
    // n is not shared yet: its table is filled without its section.
    for (int i = 0; i < H_COUNT; i++) {
        if (p->handlers[i]) {
            n->handlers[i] = NEWREF(p->handlers[i]);
            install(n, i, true);
        }
    }
    give_back(p);
    return (obj_t *)n;
}

static int int_arg(obj_t *v, int *out) {
    if (!INT_CHECK(v)) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer", TYPE(v)->name);
        return -1;
    }
    int64_t x;
    if (int_as_i64(v, &x) < 0 || x > INT_MAX || x < INT_MIN) {
        if (err_occurred()) err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)x;
    return 0;
}

static obj_t *parser_setparamentity(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("SetParamEntityParsing", nargs, kwnames, 1, 1) < 0) return NULL;
    int flag;
    if (int_arg(args[0], &flag) < 0) return NULL;
    xmlparser_t *p = (xmlparser_t *)self;
    if (take(p) < 0) return NULL;
    int rc = XML_SetParamEntityParsing(p->xp, (enum XML_ParamEntityParsing)flag);
    give_back(p);
    return int_from_i64(rc);
}

static obj_t *parser_useforeigndtd(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("UseForeignDTD", nargs, kwnames, 0, 1) < 0) return NULL;
    int flag = 1;
    if (nargs) {
        flag = obj_is_true(args[0]);
        if (flag < 0) return NULL;
    }
    xmlparser_t *p = (xmlparser_t *)self;
    if (take(p) < 0) return NULL;
    enum XML_Error rc = XML_UseForeignDTD(p->xp, flag ? XML_TRUE : XML_FALSE);
    if (rc != XML_ERROR_NONE) set_error(p, rc);
    give_back(p);
    if (rc != XML_ERROR_NONE) return NULL;
    return NEWREF(None);
}

// ---- attributes -----------------------------------------------------------------------

static obj_t *handler_get(obj_t *self, void *closure) {
    xmlparser_t *p = (xmlparser_t *)self;
    int h = (int)(intptr_t)closure;
    obj_t *r;
    BEGIN_CRITICAL_SECTION(p);
    r = p->handlers[h] ? NEWREF(p->handlers[h]) : NEWREF(None);
    END_CRITICAL_SECTION();
    return r;
}

static int no_delete(obj_t *value) {
    if (value != NULL) return 0;
    err_set_str(exc_RuntimeError, "Cannot delete attribute");
    return -1;
}

static int handler_set(obj_t *self, obj_t *value, void *closure) {
    if (no_delete(value) < 0) return -1;
    xmlparser_t *p = (xmlparser_t *)self;
    int h = (int)(intptr_t)closure;
    if (take(p) < 0) return -1;
    // Text buffered for the old character handler goes to it first.
    if (h == H_CharacterData && flush_buffer(p) < 0) {
        give_back(p);
        return -1;
    }
    obj_t *v = value == None ? NULL : NEWREF(value), *old;
    BEGIN_CRITICAL_SECTION(p);
    old = p->handlers[h];
    p->handlers[h] = v;
    END_CRITICAL_SECTION();
    install(p, h, v != NULL);
    give_back(p);
    XDECREF(old);
    return 0;
}

enum { A_ErrorCode, A_ErrorLine, A_ErrorColumn, A_ErrorByte, A_CurLine, A_CurColumn, A_CurByte };

static obj_t *position_get(obj_t *self, void *closure) {
    xmlparser_t *p = (xmlparser_t *)self;
    if (take(p) < 0) return NULL;
    int64_t v = 0;
    switch ((int)(intptr_t)closure) {
    case A_ErrorCode: v = XML_GetErrorCode(p->xp); break;
    case A_ErrorLine: v = (int64_t)XML_GetErrorLineNumber(p->xp); break;
    case A_ErrorColumn: v = (int64_t)XML_GetErrorColumnNumber(p->xp); break;
    case A_ErrorByte: v = (int64_t)XML_GetErrorByteIndex(p->xp); break;
    case A_CurLine: v = (int64_t)XML_GetCurrentLineNumber(p->xp); break;
    case A_CurColumn: v = (int64_t)XML_GetCurrentColumnNumber(p->xp); break;
    default: v = (int64_t)XML_GetCurrentByteIndex(p->xp); break;
    }
    give_back(p);
    return int_from_i64(v);
}

enum { F_buffer_text, F_ordered, F_specified, F_ns_prefixes };

static _Atomic bool *flag_of(xmlparser_t *p, int f) {
    switch (f) {
    case F_buffer_text: return &p->buffer_text;
    case F_ordered: return &p->ordered;
    case F_specified: return &p->specified;
    default: return &p->ns_prefixes;
    }
}

static obj_t *flag_get(obj_t *self, void *closure) {
    _Atomic bool *f = flag_of((xmlparser_t *)self, (int)(intptr_t)closure);
    return NEWREF(bool_from(atomic_load_explicit(f, memory_order_relaxed)));
}

static int flag_set(obj_t *self, obj_t *value, void *closure) {
    if (no_delete(value) < 0) return -1;
    int b = obj_is_true(value);
    if (b < 0) return -1;
    xmlparser_t *p = (xmlparser_t *)self;
    int f = (int)(intptr_t)closure;
    if (f == F_ordered || f == F_specified) {
        atomic_store_explicit(flag_of(p, f), b != 0, memory_order_relaxed);
        return 0;
    }
    if (take(p) < 0) return -1;
    int rc = 0;
    if (f == F_ns_prefixes) {
        XML_SetReturnNSTriplet(p->xp, b);
        atomic_store_explicit(&p->ns_prefixes, b != 0, memory_order_relaxed);
    } else if (b && p->buffer == NULL) {
        int size = atomic_load_explicit(&p->buffer_size, memory_order_relaxed);
        p->buffer = malloc((size_t)size);
        if (p->buffer == NULL) {
            err_no_memory();
            rc = -1;
        } else {
            atomic_store_explicit(&p->buffer_used, 0, memory_order_relaxed);
            atomic_store_explicit(&p->buffer_text, true, memory_order_relaxed);
        }
    } else if (!b && p->buffer != NULL) {
        rc = flush_buffer(p);
        if (rc == 0) {
            free(p->buffer);
            p->buffer = NULL;
            atomic_store_explicit(&p->buffer_text, false, memory_order_relaxed);
        }
    }
    give_back(p);
    return rc;
}

static obj_t *buffer_size_get(obj_t *self, void *closure) {
    xmlparser_t *p = (xmlparser_t *)self;
    _Atomic int *f = closure ? &p->buffer_used : &p->buffer_size;
    return int_from_i64(atomic_load_explicit(f, memory_order_relaxed));
}

static int buffer_size_set(obj_t *self, obj_t *value, void *closure) {
    if (no_delete(value) < 0) return -1;
    if (!INT_CHECK(value)) {
        err_set_str(exc_TypeError, "buffer_size must be an integer");
        return -1;
    }
    int64_t n;
    if (int_as_i64(value, &n) < 0) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    if (n <= 0) {
        err_set_str(exc_ValueError, "buffer_size must be greater than zero");
        return -1;
    }
    xmlparser_t *p = (xmlparser_t *)self;
    if (n == atomic_load_explicit(&p->buffer_size, memory_order_relaxed)) return 0;
    if (n > INT_MAX) {
        err_format(exc_ValueError, "buffer_size must not be greater than %d", INT_MAX);
        return -1;
    }
    if (take(p) < 0) return -1;
    int rc = 0;
    if (p->buffer != NULL) {
        rc = flush_buffer(p);
        if (rc == 0) {
            char *nb = malloc((size_t)n);
            if (nb == NULL) {
                err_no_memory();
                rc = -1;
            } else {
                free(p->buffer);
                p->buffer = nb;
            }
        }
    }
    if (rc == 0) atomic_store_explicit(&p->buffer_size, (int)n, memory_order_relaxed);
    give_back(p);
    return rc;
}

static obj_t *intern_get(obj_t *self, void *closure) {
    xmlparser_t *p = (xmlparser_t *)self;
    return NEWREF(p->intern ? p->intern : None);
}

static int readonly_set(obj_t *self, obj_t *value, void *closure) {
    err_set_str(exc_AttributeError, "readonly attribute");
    return -1;
}

// Each handler attribute names its slot; clang wants the name as a literal here.
#define HANDLER(i, name)                                                                           \
    { name, handler_get, handler_set, (void *)(intptr_t)(i) }
static const getset_def_t parser_getsets[] = {
    HANDLER(H_StartElement, "StartElementHandler"),
    HANDLER(H_EndElement, "EndElementHandler"),
    HANDLER(H_ProcessingInstruction, "ProcessingInstructionHandler"),
    HANDLER(H_CharacterData, "CharacterDataHandler"),
    HANDLER(H_UnparsedEntityDecl, "UnparsedEntityDeclHandler"),
    HANDLER(H_NotationDecl, "NotationDeclHandler"),
    HANDLER(H_StartNamespaceDecl, "StartNamespaceDeclHandler"),
    HANDLER(H_EndNamespaceDecl, "EndNamespaceDeclHandler"),
    HANDLER(H_Comment, "CommentHandler"),
    HANDLER(H_StartCdataSection, "StartCdataSectionHandler"),
    HANDLER(H_EndCdataSection, "EndCdataSectionHandler"),
    HANDLER(H_Default, "DefaultHandler"),
    HANDLER(H_DefaultExpand, "DefaultHandlerExpand"),
    HANDLER(H_NotStandalone, "NotStandaloneHandler"),
    HANDLER(H_ExternalEntityRef, "ExternalEntityRefHandler"),
    HANDLER(H_StartDoctypeDecl, "StartDoctypeDeclHandler"),
    HANDLER(H_EndDoctypeDecl, "EndDoctypeDeclHandler"),
    HANDLER(H_EntityDecl, "EntityDeclHandler"),
    HANDLER(H_XmlDecl, "XmlDeclHandler"),
    HANDLER(H_ElementDecl, "ElementDeclHandler"),
    HANDLER(H_AttlistDecl, "AttlistDeclHandler"),
    HANDLER(H_SkippedEntity, "SkippedEntityHandler"),
    {"ErrorCode", position_get, NULL, (void *)A_ErrorCode},
    {"ErrorLineNumber", position_get, NULL, (void *)A_ErrorLine},
    {"ErrorColumnNumber", position_get, NULL, (void *)A_ErrorColumn},
    {"ErrorByteIndex", position_get, NULL, (void *)A_ErrorByte},
    {"CurrentLineNumber", position_get, NULL, (void *)A_CurLine},
    {"CurrentColumnNumber", position_get, NULL, (void *)A_CurColumn},
    {"CurrentByteIndex", position_get, NULL, (void *)A_CurByte},
    {"buffer_text", flag_get, flag_set, (void *)F_buffer_text},
    {"ordered_attributes", flag_get, flag_set, (void *)F_ordered},
    {"specified_attributes", flag_get, flag_set, (void *)F_specified},
    {"namespace_prefixes", flag_get, flag_set, (void *)F_ns_prefixes},
    {"buffer_size", buffer_size_get, buffer_size_set, (void *)0},
    {"buffer_used", buffer_size_get, NULL, (void *)1},
    {"intern", intern_get, readonly_set, NULL},
    {NULL},
};
#undef HANDLER

static const method_def_t parser_methods[] = {
    {"Parse", parser_parse, METH_DEFAULT,
     "Parse XML data.\n\n`isfinal' should be true at end of input."},
    {"ParseFile", parser_parsefile, METH_DEFAULT, "Parse XML data from file-like object."},
    {"SetBase", parser_setbase, METH_DEFAULT, "Set the base URL for the parser."},
    {"GetBase", parser_getbase, METH_DEFAULT, "Return base URL string for the parser."},
    {"GetInputContext", parser_getinputcontext, METH_DEFAULT,
     "Return the untranslated text of the input that caused the current event.\n\nIf "
     "the event was generated by a large amount of text (such as a start tag\nfor an "
     "element with many attributes), not all of the text may be available."},
    {"ExternalEntityParserCreate", parser_extparser, METH_DEFAULT,
     "Create a parser for parsing an external entity based on the information passed to "
     "the ExternalEntityRefHandler."},
    {"SetParamEntityParsing", parser_setparamentity, METH_DEFAULT,
     "Controls parsing of parameter entities (including the external DTD subset).\n\n"
     "Possible flag values are XML_PARAM_ENTITY_PARSING_NEVER,\n"
     "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE and\nXML_PARAM_ENTITY_PARSING_ALWAYS. "
     "Returns true if setting the flag\nwas successful."},
    {"UseForeignDTD", parser_useforeigndtd, METH_DEFAULT,
     "Allows the application to provide an artificial external subset if one is not "
     "specified as part of the document instance.\n\nThis readily allows the use of a "
     "'default' document type controlled by the\napplication, while still getting the "
     "advantage of providing document type\ninformation to the parser. 'flag' "
     "defaults to True if not provided."},
    {NULL},
};

static type_t xmlparser_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "pyexpat.xmlparser",
    .basicsize = sizeof(xmlparser_t),
    .base = &object_type,
    .dealloc = parser_dealloc,
    .methods = parser_methods,
    .getsets = parser_getsets,
    .traverse = parser_traverse,
    .clear = parser_clear,
    .doc = "XML parser",
};

// ---- module functions -----------------------------------------------------------------

static obj_t *pyexpat_parsercreate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"encoding", "namespace_separator", "intern", NULL};
    obj_t *a[3];
    if (args_parse("ParserCreate", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    const char *encoding, *sep;
    if (opt_str_arg("ParserCreate", "'encoding'", a[0], &encoding) < 0 ||
        opt_str_arg("ParserCreate", "'namespace_separator'", a[1], &sep) < 0)
        return NULL;
    if (sep && str_len(a[1]) > 1) {
        err_set_str(exc_ValueError,
                    "namespace_separator must be at most one character, omitted, or None");
        return NULL;
    }
    obj_t *intern = NULL;
    if (a[2] == NULL) {
        intern = dict_new();
        if (intern == NULL) return NULL;
    } else if (a[2] != None) {
        if (!DICT_CHECK(a[2])) {
            err_set_str(exc_TypeError, "intern must be a dictionary");
            return NULL;
        }
        intern = NEWREF(a[2]);
    }
    xmlparser_t *p = parser_alloc(intern);
    XDECREF(intern);
    if (p == NULL) return NULL;
    // A one-character separator may be a multi-byte code point: expat takes
    // one byte, as CPython's build does (XML_Char is char).
    p->xp = sep ? XML_ParserCreateNS(encoding, sep[0]) : XML_ParserCreate(encoding);
    if (p->xp == NULL) {
        DECREF((obj_t *)p);
        err_set_str(exc_RuntimeError, "XML_ParserCreate failed");
        return NULL;
    }
    XML_SetUserData(p->xp, p);
    XML_SetUnknownEncodingHandler(p->xp, unknown_encoding, NULL);
    return (obj_t *)p;
}

static obj_t *pyexpat_errorstring(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("ErrorString", nargs, kwnames, 1, 1) < 0) return NULL;
    int code;
    if (int_arg(args[0], &code) < 0) return NULL;
    return conv(XML_ErrorString((enum XML_Error)code));
}

static const method_def_t pyexpat_functions[] = {
    {"ParserCreate", pyexpat_parsercreate, METH_DEFAULT, "Return a new XML parser object."},
    {"ErrorString", pyexpat_errorstring, METH_DEFAULT, "Returns string error for given number."},
    {NULL},
};

// ---- module set-up --------------------------------------------------------------------

static int set_int(obj_t *d, const char *name, int64_t v) {
    obj_t *o = int_from_i64(v);
    if (o == NULL) return -1;
    int rc = dict_set_str(d, name, o);
    DECREF(o);
    return rc;
}

static int set_str(obj_t *d, const char *name, const char *v) {
    obj_t *o = conv(v);
    if (o == NULL) return -1;
    int rc = dict_set_str(d, name, o);
    DECREF(o);
    return rc;
}

// A submodule: pyexpat.NAME, also in sys.modules.
static obj_t *submodule(obj_t *parent, const char *name, const char *doc) {
    char full[64];
    snprintf(full, sizeof full, "pyexpat.%s", name);
    // Made as types.ModuleType(full) would be: CPython's repr has no "(built-in)".
    obj_t *fname = str_from_cstr(full);
    if (fname == NULL) return NULL;
    obj_t *m = obj_call1((obj_t *)&module_type, fname);
    DECREF(fname);
    if (m == NULL) return NULL;
    obj_t *modules = sysmodule_get("modules");
    if (set_str(module_dict(m), "__doc__", doc) < 0 ||
        dict_set_str(module_dict(parent), name, m) < 0 ||
        (modules && DICT_CHECK(modules) && dict_set_str(modules, full, m) < 0)) {
        XDECREF(modules);
        DECREF(m);
        return NULL;
    }
    if (modules == NULL) err_clear();
    XDECREF(modules);
    return m; // new reference
}

static int add_errors(obj_t *m) {
    static const struct {
        const char *name;
        enum XML_Error code;
    } errors[] = {
#define E(x) {"XML_ERROR_" #x, XML_ERROR_##x}
        E(NO_MEMORY),
        E(SYNTAX),
        E(NO_ELEMENTS),
        E(INVALID_TOKEN),
        E(UNCLOSED_TOKEN),
        E(PARTIAL_CHAR),
        E(TAG_MISMATCH),
        E(DUPLICATE_ATTRIBUTE),
        E(JUNK_AFTER_DOC_ELEMENT),
        E(PARAM_ENTITY_REF),
        E(UNDEFINED_ENTITY),
        E(RECURSIVE_ENTITY_REF),
        E(ASYNC_ENTITY),
        E(BAD_CHAR_REF),
        E(BINARY_ENTITY_REF),
        E(ATTRIBUTE_EXTERNAL_ENTITY_REF),
        E(MISPLACED_XML_PI),
        E(UNKNOWN_ENCODING),
        E(INCORRECT_ENCODING),
        E(UNCLOSED_CDATA_SECTION),
        E(EXTERNAL_ENTITY_HANDLING),
        E(NOT_STANDALONE),
        E(UNEXPECTED_STATE),
        E(ENTITY_DECLARED_IN_PE),
        E(FEATURE_REQUIRES_XML_DTD),
        E(CANT_CHANGE_FEATURE_ONCE_PARSING),
        E(UNBOUND_PREFIX),
        E(UNDECLARING_PREFIX),
        E(INCOMPLETE_PE),
        E(XML_DECL),
        E(TEXT_DECL),
        E(PUBLICID),
        E(SUSPENDED),
        E(NOT_SUSPENDED),
        E(ABORTED),
        E(FINISHED),
        E(SUSPEND_PE),
        E(RESERVED_PREFIX_XML),
        E(RESERVED_PREFIX_XMLNS),
        E(RESERVED_NAMESPACE_URI),
        E(INVALID_ARGUMENT),
        E(NO_BUFFER),
        E(AMPLIFICATION_LIMIT_BREACH),
#undef E
    };
    obj_t *em = submodule(m, "errors", "Constants used to describe error conditions.");
    if (em == NULL) return -1;
    obj_t *codes = dict_new(), *messages = dict_new();
    int rc = -1;
    if (codes == NULL || messages == NULL) goto out;
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        obj_t *msg = conv(XML_ErrorString(errors[i].code));
        obj_t *code = int_from_i64(errors[i].code);
        int bad = msg == NULL || code == NULL ||
                  dict_set_str(module_dict(em), errors[i].name, msg) < 0 ||
                  dict_set(codes, msg, code) < 0 || dict_set(messages, code, msg) < 0;
        XDECREF(msg);
        XDECREF(code);
        if (bad) goto out;
    }
    if (dict_set_str(module_dict(em), "codes", codes) < 0 ||
        dict_set_str(module_dict(em), "messages", messages) < 0)
        goto out;
    rc = 0;
out:
    XDECREF(codes);
    XDECREF(messages);
    DECREF(em);
    return rc;
}

static int add_model(obj_t *m) {
    obj_t *mm = submodule(m, "model", "Constants used to interpret content model information.");
    if (mm == NULL) return -1;
    obj_t *d = module_dict(mm);
    int rc = set_int(d, "XML_CTYPE_EMPTY", XML_CTYPE_EMPTY) < 0 ||
                     set_int(d, "XML_CTYPE_ANY", XML_CTYPE_ANY) < 0 ||
                     set_int(d, "XML_CTYPE_MIXED", XML_CTYPE_MIXED) < 0 ||
                     set_int(d, "XML_CTYPE_NAME", XML_CTYPE_NAME) < 0 ||
                     set_int(d, "XML_CTYPE_CHOICE", XML_CTYPE_CHOICE) < 0 ||
                     set_int(d, "XML_CTYPE_SEQ", XML_CTYPE_SEQ) < 0 ||
                     set_int(d, "XML_CQUANT_NONE", XML_CQUANT_NONE) < 0 ||
                     set_int(d, "XML_CQUANT_OPT", XML_CQUANT_OPT) < 0 ||
                     set_int(d, "XML_CQUANT_REP", XML_CQUANT_REP) < 0 ||
                     set_int(d, "XML_CQUANT_PLUS", XML_CQUANT_PLUS) < 0
                 ? -1
                 : 0;
    DECREF(mm);
    return rc;
}

static int add_info(obj_t *d) {
    XML_Expat_Version v = XML_ExpatVersionInfo();
    obj_t *a = int_from_i64(v.major), *b = int_from_i64(v.minor), *c = int_from_i64(v.micro);
    obj_t *vi = (a && b && c) ? tuple_pack(3, a, b, c) : NULL;
    XDECREF(a);
    XDECREF(b);
    XDECREF(c);
    if (vi == NULL) return -1;
    int rc = dict_set_str(d, "version_info", vi);
    DECREF(vi);
    if (rc < 0 || set_str(d, "EXPAT_VERSION", XML_ExpatVersion()) < 0 ||
        set_str(d, "native_encoding", "UTF-8") < 0)
        return -1;
    obj_t *features = list_new(0);
    if (features == NULL) return -1;
    for (const XML_Feature *f = XML_GetFeatureList(); f && f->feature != XML_FEATURE_END; f++) {
        obj_t *name = conv(f->name), *val = int_from_i64(f->value);
        obj_t *t = (name && val) ? tuple_pack(2, name, val) : NULL;
        XDECREF(name);
        XDECREF(val);
        if (t == NULL || list_append(features, t) < 0) {
            XDECREF(t);
            DECREF(features);
            return -1;
        }
        DECREF(t);
    }
    rc = dict_set_str(d, "features", features);
    DECREF(features);
    return rc;
}

obj_t *pyexpat_module_init(void) {
    if (expat_error == NULL) {
        expat_error = exc_new_class("xml.parsers.expat", "ExpatError", exc_Exception);
        if (expat_error == NULL) return NULL;
    }
    if (type_ensure_ready(&xmlparser_type) < 0) return NULL;
    obj_t *m = module_new("pyexpat");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    if (set_str(d, "__doc__", "Python wrapper for Expat parser.") < 0 ||
        module_add_functions(m, pyexpat_functions) < 0 ||
        dict_set_str(d, "ExpatError", expat_error) < 0 ||
        dict_set_str(d, "error", expat_error) < 0 ||
        dict_set_str(d, "XMLParserType", (obj_t *)&xmlparser_type) < 0 || add_info(d) < 0 ||
        set_int(d, "XML_PARAM_ENTITY_PARSING_NEVER", XML_PARAM_ENTITY_PARSING_NEVER) < 0 ||
        set_int(d, "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE",
                XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE) < 0 ||
        set_int(d, "XML_PARAM_ENTITY_PARSING_ALWAYS", XML_PARAM_ENTITY_PARSING_ALWAYS) < 0 ||
        add_errors(m) < 0 || add_model(m) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
