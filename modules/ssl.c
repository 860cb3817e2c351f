/*
 * modules/ssl.c — the `_ssl` module over OpenSSL 3 (libssl + libcrypto):
 * the constants, the SSLError hierarchy (made by a short Python snippet at
 * first import, with CPython's str() format and library/reason/verify_code/
 * verify_message attributes), _SSLContext, MemoryBIO, SSLSession and the
 * module functions (RAND_*, txt2obj, nid2obj, get_default_verify_paths,
 * _test_decode_cert), so that CPython's Lib/ssl.py imports and runs on top.
 * _SSLSocket and certificate decoding are in modules/ssl_sock.c.
 *
 * Concurrency: an _SSLContext is typically shared by many threads.  Its
 * SSL_CTX is set once at creation; every setter (options, verify mode,
 * certificates, ciphers ...) holds the context's configuration lock
 * exclusively (BEGIN_CTX_SETTER; handshakes hold it shared, see
 * ssl_internal.h) and runs inside the context's critical section, as
 * do SSL_new (ssl_ctx_new_ssl: it copies the settings a setter writes) and
 * the reads and writes of the Python-level fields.  A MemoryBIO's BIO is used only inside the
 * MemoryBIO's critical section (an _SSLSocket over BIOs takes its own and
 * both BIOs' sections around each SSL_* call).  No Python code runs while a
 * section is held.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../gc/gc.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "../threads/thread.h"
#include "ssl_internal.h"

#define DEFAULT_CIPHERS                                                                            \
    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM"

// Python's protocol numbers (_ssl.PROTOCOL_*).
enum { P_TLS = 2, P_TLSv1 = 3, P_TLSv1_1 = 4, P_TLSv1_2 = 5, P_TLS_CLIENT = 16, P_TLS_SERVER = 17 };
enum { CERT_NONE = 0, CERT_OPTIONAL = 1, CERT_REQUIRED = 2 };

obj_t *ssl_error, *ssl_zero_return_error, *ssl_want_read_error, *ssl_want_write_error,
    *ssl_syscall_error, *ssl_eof_error, *ssl_cert_verification_error;

// ---- errors ------------------------------------------------------------------------------

static const char exc_source[] =
    "class SSLError(OSError):\n"
    "    def __str__(self):\n"
    "        if isinstance(self.strerror, str):\n"
    "            return self.strerror\n"
    "        return str(self.args)\n"
    "class SSLZeroReturnError(SSLError): pass\n"
    "class SSLWantReadError(SSLError): pass\n"
    "class SSLWantWriteError(SSLError): pass\n"
    "class SSLSyscallError(SSLError): pass\n"
    "class SSLEOFError(SSLError): pass\n"
    "class SSLCertVerificationError(SSLError, ValueError): pass\n"
    "for _c in (SSLError, SSLZeroReturnError, SSLWantReadError, SSLWantWriteError,\n"
    "           SSLSyscallError, SSLEOFError, SSLCertVerificationError):\n"
    "    _c.__module__ = 'ssl'\n"
    "del _c\n";

static const char *lib_name(int lib) {
    switch (lib) {
    case ERR_LIB_SSL: return "SSL";
    case ERR_LIB_PEM: return "PEM";
    case ERR_LIB_X509: return "X509";
    case ERR_LIB_X509V3: return "X509V3";
    case ERR_LIB_ASN1: return "ASN1";
    case ERR_LIB_EVP: return "EVP";
    case ERR_LIB_SYS: return "SYS";
    case ERR_LIB_PKCS12: return "PKCS12";
    case ERR_LIB_BIO: return "BIO";
    case ERR_LIB_RSA: return "RSA";
    case ERR_LIB_DH: return "DH";
    case ERR_LIB_EC: return "EC";
    case ERR_LIB_CRYPTO: return "CRYPTO";
    case ERR_LIB_OSSL_DECODER: return "DECODER";
    default: return NULL;
    }
}

obj_t *ssl_raise(obj_t *cls, int code, const char *lib, const char *reason, const char *msg) {
    char text[512];
    if (lib && reason)
        snprintf(text, sizeof text, "[%s: %s] %s (_ssl.c:0)", lib, reason, msg);
    else if (lib)
        snprintf(text, sizeof text, "[%s] %s (_ssl.c:0)", lib, msg);
    else
        snprintf(text, sizeof text, "%s (_ssl.c:0)", msg);
    obj_t *a[2] = {int_from_i64(code), str_from_cstr(text)};
    obj_t *e = a[0] && a[1] ? obj_call(cls, a, 2, NULL) : NULL;
    XDECREF(a[0]);
    XDECREF(a[1]);
    if (!e) return NULL;
    obj_t *l = lib ? str_from_cstr(lib) : NEWREF(None);
    obj_t *r = reason ? str_from_cstr(reason) : NEWREF(None);
    if (l && r) {
        obj_setattr_str(e, "library", l);
        obj_setattr_str(e, "reason", r);
    }
    XDECREF(l);
    XDECREF(r);
    if (err_occurred()) {
        DECREF(e);
        return NULL;
    }
    err_set_object(e);
    DECREF(e);
    return NULL;
}

// The REASON_NAME of an OpenSSL error: its reason string upper-cased with
// '_' for spaces (OpenSSL 3 has no public name table).
static void reason_name(unsigned long e, char *out, size_t n) {
    const char *s = ERR_reason_error_string(e);
    if (!s) {
        snprintf(out, n, "UNKNOWN");
        return;
    }
    size_t k = 0;
    for (; s[k] && k < n - 1; k++) {
        char c = s[k];
        out[k] = (char)(c == ' ' ? '_' : (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c);
    }
    out[k] = 0;
}

static obj_t *raise_err_code(obj_t *cls, int code, unsigned long e, const char *extra) {
    char rname[128], msg[400];
    const char *lib = lib_name(ERR_GET_LIB(e));
    const char *rs = ERR_reason_error_string(e);
    reason_name(e, rname, sizeof rname);
    if (ERR_GET_REASON(e) & ERR_RFLAG_COMMON) rs = NULL; // ERR_R_*: no name
    if (!rs) rs = ERR_reason_error_string(e);
    bool named = !(ERR_GET_REASON(e) & ERR_RFLAG_COMMON) && ERR_reason_error_string(e);
    if (extra)
        snprintf(msg, sizeof msg, "%s: %s", rs ? rs : "unknown error", extra);
    else
        snprintf(msg, sizeof msg, "%s", rs ? rs : "unknown error");
    return ssl_raise(cls, code, lib, named ? rname : NULL, msg);
}

obj_t *ssl_raise_queue(const char *fallback) {
    unsigned long e = ERR_peek_last_error();
    ERR_clear_error();
    if (!e) return ssl_raise(ssl_error, 0, NULL, NULL, fallback ? fallback : "unknown error");
    return raise_err_code(ssl_error, (int)ERR_GET_REASON(e), e, NULL);
}

obj_t *ssl_raise_call(SSL *ssl, int ret, int saved_errno) {
    int code = SSL_get_error(ssl, ret);
    unsigned long e = ERR_peek_last_error();
    switch (code) {
    case SSL_ERROR_ZERO_RETURN:
        ERR_clear_error();
        return ssl_raise(ssl_zero_return_error, code, NULL, NULL,
                         "TLS/SSL connection has been closed (EOF)");
    case SSL_ERROR_WANT_READ:
        ERR_clear_error();
        return ssl_raise(ssl_want_read_error, code, NULL, NULL,
                         "The operation did not complete (read)");
    case SSL_ERROR_WANT_WRITE:
        ERR_clear_error();
        return ssl_raise(ssl_want_write_error, code, NULL, NULL,
                         "The operation did not complete (write)");
    case SSL_ERROR_WANT_X509_LOOKUP:
        ERR_clear_error();
        return ssl_raise(ssl_error, code, NULL, NULL,
                         "The operation did not complete (X509 lookup)");
    case SSL_ERROR_WANT_CONNECT:
        ERR_clear_error();
        return ssl_raise(ssl_error, code, NULL, NULL, "The operation did not complete (connect)");
    case SSL_ERROR_SYSCALL:
        if (e == 0) {
            ERR_clear_error();
            if (ret == 0 || saved_errno == 0)
                return ssl_raise(ssl_eof_error, 8, NULL, NULL,
                                 "EOF occurred in violation of protocol");
            return err_from_errno(saved_errno, NULL);
        }
        break;
    default: break;
    }
    if (e == 0) {
        ERR_clear_error();
        return ssl_raise(ssl_error, code, NULL, NULL, "A failure in the SSL library occurred");
    }
    if (ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
        long vr = SSL_get_verify_result(ssl);
        const char *vm = X509_verify_cert_error_string(vr);
        char extra[300];
        const char *ext = vm;
        if (vr == X509_V_ERR_HOSTNAME_MISMATCH || vr == X509_V_ERR_IP_ADDRESS_MISMATCH) {
            X509_VERIFY_PARAM *p = SSL_get0_param(ssl);
            char *host = X509_VERIFY_PARAM_get0_host(p, 0);
            char *ip = X509_VERIFY_PARAM_get1_ip_asc(p);
            if (vr == X509_V_ERR_HOSTNAME_MISMATCH && host)
                snprintf(extra, sizeof extra,
                         "Hostname mismatch, certificate is not valid for '%s'.", host);
            else if (ip)
                snprintf(extra, sizeof extra,
                         "IP address mismatch, certificate is not valid for '%s'.", ip);
            else
                snprintf(extra, sizeof extra, "%s", vm);
            OPENSSL_free(ip);
            ext = extra;
        }
        ERR_clear_error();
        raise_err_code(ssl_cert_verification_error, SSL_ERROR_SSL, e, ext);
        obj_t *exc = err_fetch();
        obj_t *c = int_from_i64(vr), *m = str_from_cstr(ext);
        if (c && m) {
            obj_setattr_str(exc, "verify_code", c);
            obj_setattr_str(exc, "verify_message", m);
        }
        XDECREF(c);
        XDECREF(m);
        if (err_occurred()) {
            DECREF(exc);
            return NULL;
        }
        err_restore(exc);
        return NULL;
    }
    ERR_clear_error();
    return raise_err_code(ssl_error, SSL_ERROR_SSL, e, NULL);
}

// A plain SSLError(msg), as CPython raises for argument-level failures.
static obj_t *raise_plain(const char *msg) {
    obj_t *m = str_from_cstr(msg);
    obj_t *e = m ? obj_call1(ssl_error, m) : NULL;
    XDECREF(m);
    if (e) {
        err_set_object(e);
        DECREF(e);
    }
    return NULL;
}

// DeprecationWarning(msg) through _warnings.warn at the caller's caller
// (CPython's stacklevel 2); -1 when the filters made it an error.
static int deprecated(const char *msg) {
    obj_t *m = str_from_cstr(msg);
    obj_t *mod = m ? import_module("_warnings") : NULL;
    obj_t *fn = mod ? obj_getattr_str(mod, "warn") : NULL;
    obj_t *lvl = fn ? int_from_i64(2) : NULL;
    obj_t *w = NULL;
    if (lvl) w = obj_call(fn, (obj_t *[]){m, (obj_t *)exc_DeprecationWarning, lvl}, 3, NULL);
    XDECREF(lvl);
    XDECREF(fn);
    XDECREF(mod);
    XDECREF(m);
    if (!w) return -1;
    DECREF(w);
    return 0;
}

// ---- _SSLContext ---------------------------------------------------------------------------

#define CTX(o) ((sslctx_t *)(o))

static void set_verify_mode(sslctx_t *c, int n);
static obj_t *ctx_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"protocol", NULL};
    obj_t *a[1];
    if (args_parse("_SSLContext", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    int proto;
    if (obj_int_arg(a[0], &proto) < 0) return NULL;
    const SSL_METHOD *meth = NULL;
    int ver = 0;
    switch (proto) {
    case P_TLS: meth = TLS_method(); break;
    case P_TLS_CLIENT: meth = TLS_client_method(); break;
    case P_TLS_SERVER: meth = TLS_server_method(); break;
    case P_TLSv1: meth = TLS_method(), ver = TLS1_VERSION; break;
    case P_TLSv1_1: meth = TLS_method(), ver = TLS1_1_VERSION; break;
    case P_TLSv1_2: meth = TLS_method(), ver = TLS1_2_VERSION; break;
    default: break;
    }
    if (!meth) {
        err_format(exc_ValueError, "invalid or unsupported protocol version %i", proto);
        return NULL;
    }
    static const char *const dep[] = {NULL,
                                      NULL,
                                      "ssl.PROTOCOL_TLS is deprecated",
                                      "ssl.PROTOCOL_TLSv1 is deprecated",
                                      "ssl.PROTOCOL_TLSv1_1 is deprecated",
                                      "ssl.PROTOCOL_TLSv1_2 is deprecated"};
    if (proto >= P_TLS && proto <= P_TLSv1_2 && deprecated(dep[proto]) < 0) return NULL;
    SSL_CTX *sc = SSL_CTX_new(meth);
    if (!sc) return ssl_raise_queue("failed to allocate SSL context");
    if (ver &&
        (!SSL_CTX_set_min_proto_version(sc, ver) || !SSL_CTX_set_max_proto_version(sc, ver))) {
        SSL_CTX_free(sc);
        return ssl_raise_queue("failed to set protocol version");
    }
    sslctx_t *c = (sslctx_t *)obj_alloc(type, type->basicsize);
    if (!c) {
        SSL_CTX_free(sc);
        return NULL;
    }
    pthread_rwlock_init(&c->cfg, NULL);
    c->ctx = sc;
    c->protocol = proto;
    if (proto == P_TLS_CLIENT) {
        c->check_hostname = true;
        set_verify_mode(c, CERT_REQUIRED);
    } else {
        SSL_CTX_set_verify(sc, SSL_VERIFY_NONE, NULL);
    }
    uint64_t opts = (SSL_OP_ALL & ~SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS) | SSL_OP_NO_SSLv2 |
                    SSL_OP_NO_SSLv3 | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE |
                    SSL_OP_SINGLE_DH_USE | SSL_OP_SINGLE_ECDH_USE | SSL_OP_IGNORE_UNEXPECTED_EOF;
    SSL_CTX_set_options(sc, opts);
    if (!SSL_CTX_set_cipher_list(sc, DEFAULT_CIPHERS)) {
        DECREF((obj_t *)c);
        return ssl_raise_queue("No cipher can be selected.");
    }
    SSL_CTX_set_mode(sc, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_AUTO_RETRY);
    static const unsigned char sid[] = "Python";
    SSL_CTX_set_session_id_context(sc, sid, sizeof sid - 1);
    X509_VERIFY_PARAM *p = SSL_CTX_get0_param(sc);
    X509_VERIFY_PARAM_set_flags(p, X509_V_FLAG_TRUSTED_FIRST);
    X509_VERIFY_PARAM_set_hostflags(p, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    SSL_CTX_set_app_data(sc, c);
    return (obj_t *)c;
}

static void ctx_dealloc(obj_t *o) {
    sslctx_t *c = CTX(o);
    if (c->ctx) SSL_CTX_free(c->ctx);
    pthread_rwlock_destroy(&c->cfg);
    free(c->alpn);
    XDECREF(c->sni_cb);
    XDECREF(c->msg_cb);
    XDECREF(c->dict);
    obj_free(o);
}

static int ctx_traverse(obj_t *o, visitproc visit, void *arg) {
    sslctx_t *c = CTX(o);
    return GC_VISIT_FIELDS(visit, arg, c->sni_cb, c->msg_cb, c->dict);
}

static int ctx_clear(obj_t *o) {
    sslctx_t *c = CTX(o);
    CLEAR(c->sni_cb);
    CLEAR(c->msg_cb);
    CLEAR(c->dict);
    return 0;
}

static obj_t *ctx_get_protocol(obj_t *self, void *cl) {
    return int_from_i64(CTX(self)->protocol);
}

static obj_t *ctx_get_options(obj_t *self, void *cl) {
    return int_from_u64(SSL_CTX_get_options(CTX(self)->ctx));
}

static int u64_arg(obj_t *v, uint64_t *out) {
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int64_t x;
    int rc = int_as_i64(i, &x);
    if (rc < 0) {
        err_clear();
        obj_t *m = obj_call_method(i, "__and__", (obj_t *[]){int_from_u64(UINT64_MAX)}, 1);
        (void)m;
        DECREF(i);
        err_set_str(exc_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    DECREF(i);
    *out = (uint64_t)x;
    return 0;
}

static int ctx_set_options(obj_t *self, obj_t *v, void *cl) {
    if (!v) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    uint64_t nw;
    if (u64_arg(v, &nw) < 0) return -1;
    SSL_CTX *sc = CTX(self)->ctx;
    uint64_t protos = SSL_OP_NO_SSLv2 | SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1 |
                      SSL_OP_NO_TLSv1_2 | SSL_OP_NO_TLSv1_3;
    if ((nw & protos & ~SSL_CTX_get_options(sc)) &&
        deprecated("ssl.OP_NO_SSL*/ssl.OP_NO_TLS* options are deprecated") < 0)
        return -1;
    BEGIN_CTX_SETTER(self);
    uint64_t old = SSL_CTX_get_options(sc);
    uint64_t clear = old & ~nw, set = ~old & nw;
    if (clear) SSL_CTX_clear_options(sc, clear);
    if (set) SSL_CTX_set_options(sc, set);
    END_CTX_SETTER();
    return 0;
}

static int get_verify_mode(SSL_CTX *sc) {
    int m = SSL_CTX_get_verify_mode(sc);
    if (m & SSL_VERIFY_FAIL_IF_NO_PEER_CERT) return CERT_REQUIRED;
    if (m & SSL_VERIFY_PEER) return CERT_OPTIONAL;
    return CERT_NONE;
}

static obj_t *ctx_get_verify_mode(obj_t *self, void *cl) {
    return int_from_i64(get_verify_mode(CTX(self)->ctx));
}

// Sets the verify mode; called inside the section.
static void set_verify_mode(sslctx_t *c, int n) {
    int mode = n == CERT_NONE       ? SSL_VERIFY_NONE
               : n == CERT_OPTIONAL ? SSL_VERIFY_PEER
                                    : SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    if (c->post_handshake_auth && mode != SSL_VERIFY_NONE) mode |= SSL_VERIFY_POST_HANDSHAKE;
    SSL_CTX_set_verify(c->ctx, mode, SSL_CTX_get_verify_callback(c->ctx));
}

static int ctx_set_verify_mode(obj_t *self, obj_t *v, void *cl) {
    if (!v) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    int n;
    if (obj_int_arg(v, &n) < 0) return -1;
    if (n < 0 || n > 2) {
        err_set_str(exc_ValueError, "invalid value for verify_mode");
        return -1;
    }
    int bad = 0;
    sslctx_t *c = CTX(self);
    BEGIN_CTX_SETTER(self);
    if (n == CERT_NONE && c->check_hostname)
        bad = 1;
    else
        set_verify_mode(c, n);
    END_CTX_SETTER();
    if (bad) {
        err_set_str(exc_ValueError,
                    "Cannot set verify_mode to CERT_NONE when check_hostname is enabled.");
        return -1;
    }
    return 0;
}

static obj_t *ctx_get_check_hostname(obj_t *self, void *cl) {
    bool b;
    BEGIN_CRITICAL_SECTION(self);
    b = CTX(self)->check_hostname;
    END_CRITICAL_SECTION();
    return NEWREF(bool_from(b));
}

static int ctx_set_check_hostname(obj_t *self, obj_t *v, void *cl) {
    if (!v) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    int t = obj_is_true(v);
    if (t < 0) return -1;
    sslctx_t *c = CTX(self);
    BEGIN_CTX_SETTER(self);
    if (t && get_verify_mode(c->ctx) == CERT_NONE) set_verify_mode(c, CERT_REQUIRED);
    c->check_hostname = t;
    END_CTX_SETTER();
    return 0;
}

static obj_t *ctx_get_pha(obj_t *self, void *cl) {
    bool b;
    BEGIN_CRITICAL_SECTION(self);
    b = CTX(self)->post_handshake_auth;
    END_CRITICAL_SECTION();
    return NEWREF(bool_from(b));
}

static int ctx_set_pha(obj_t *self, obj_t *v, void *cl) {
    if (!v) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    int t = obj_is_true(v);
    if (t < 0) return -1;
    BEGIN_CTX_SETTER(self);
    CTX(self)->post_handshake_auth = t;
    END_CTX_SETTER();
    return 0;
}

static obj_t *ctx_get_verify_flags(obj_t *self, void *cl) {
    return int_from_u64(X509_VERIFY_PARAM_get_flags(SSL_CTX_get0_param(CTX(self)->ctx)));
}

static int ctx_set_verify_flags(obj_t *self, obj_t *v, void *cl) {
    if (!v) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    uint64_t nw;
    if (u64_arg(v, &nw) < 0) return -1;
    BEGIN_CTX_SETTER(self);
    X509_VERIFY_PARAM *p = SSL_CTX_get0_param(CTX(self)->ctx);
    unsigned long old = X509_VERIFY_PARAM_get_flags(p);
    unsigned long clear = old & ~nw, set = ~old & nw;
    if (clear) X509_VERIFY_PARAM_clear_flags(p, clear);
    if (set) X509_VERIFY_PARAM_set_flags(p, set);
    END_CTX_SETTER();
    return 0;
}

static obj_t *ctx_get_host_flags(obj_t *self, void *cl) {
    return int_from_u64(X509_VERIFY_PARAM_get_hostflags(SSL_CTX_get0_param(CTX(self)->ctx)));
}

static int ctx_set_host_flags(obj_t *self, obj_t *v, void *cl) {
    if (!v) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    uint64_t nw;
    if (u64_arg(v, &nw) < 0) return -1;
    BEGIN_CTX_SETTER(self);
    X509_VERIFY_PARAM_set_hostflags(SSL_CTX_get0_param(CTX(self)->ctx), (unsigned int)nw);
    END_CTX_SETTER();
    return 0;
}

static obj_t *ctx_get_min_version(obj_t *self, void *cl) {
    long v = SSL_CTX_get_min_proto_version(CTX(self)->ctx);
    return int_from_i64(v == 0 ? -2 : v);
}

static obj_t *ctx_get_max_version(obj_t *self, void *cl) {
    long v = SSL_CTX_get_max_proto_version(CTX(self)->ctx);
    return int_from_i64(v == 0 ? -1 : v);
}

static int set_version(obj_t *self, obj_t *v, bool is_max) {
    if (!v) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    int n;
    if (obj_int_arg(v, &n) < 0) return -1;
    sslctx_t *c = CTX(self);
    if (c->protocol != P_TLS && c->protocol != P_TLS_CLIENT && c->protocol != P_TLS_SERVER) {
        err_set_str(exc_ValueError,
                    "The context's protocol doesn't support modification of highest and lowest "
                    "version.");
        return -1;
    }
    switch (n) {
    case -2:
    case -1:
    case SSL3_VERSION:
    case TLS1_VERSION:
    case TLS1_1_VERSION:
    case TLS1_2_VERSION:
    case TLS1_3_VERSION: break;
    default: err_format(exc_ValueError, "Unsupported TLS/SSL version 0x%x", (unsigned)n); return -1;
    }
    if ((n == SSL3_VERSION && deprecated("ssl.TLSVersion.SSLv3 is deprecated") < 0) ||
        (n == TLS1_VERSION && deprecated("ssl.TLSVersion.TLSv1 is deprecated") < 0) ||
        (n == TLS1_1_VERSION && deprecated("ssl.TLSVersion.TLSv1_1 is deprecated") < 0))
        return -1;
    if (n == -2)
        n = is_max ? TLS1_VERSION : 0; // this OpenSSL has no SSLv3
    else if (n == -1)
        n = is_max ? 0 : TLS1_3_VERSION;
    int ok;
    BEGIN_CTX_SETTER(self);
    ok = is_max ? SSL_CTX_set_max_proto_version(c->ctx, n)
                : SSL_CTX_set_min_proto_version(c->ctx, n);
    END_CTX_SETTER();
    if (!ok) {
        ERR_clear_error();
        err_format(exc_ValueError, "Unsupported protocol version 0x%x", (unsigned)n);
        return -1;
    }
    return 0;
}

static int ctx_set_min_version(obj_t *self, obj_t *v, void *cl) {
    return set_version(self, v, false);
}
static int ctx_set_max_version(obj_t *self, obj_t *v, void *cl) {
    return set_version(self, v, true);
}

static obj_t *ctx_get_num_tickets(obj_t *self, void *cl) {
    return int_from_u64(SSL_CTX_get_num_tickets(CTX(self)->ctx));
}

static int ctx_set_num_tickets(obj_t *self, obj_t *v, void *cl) {
    if (!v) {
        err_set_str(exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    int64_t n;
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int rc = int_as_i64(i, &n);
    DECREF(i);
    if (rc < 0) return -1;
    if (n < 0) {
        err_set_str(exc_ValueError, "value must be non-negative");
        return -1;
    }
    if (CTX(self)->protocol != P_TLS_SERVER) {
        err_set_str(exc_ValueError, "SSLContext is not a server context.");
        return -1;
    }
    BEGIN_CTX_SETTER(self);
    SSL_CTX_set_num_tickets(CTX(self)->ctx, (size_t)n);
    END_CTX_SETTER();
    return 0;
}

static obj_t *ctx_get_security_level(obj_t *self, void *cl) {
    return int_from_i64(SSL_CTX_get_security_level(CTX(self)->ctx));
}

static obj_t *ctx_get_sni(obj_t *self, void *cl) {
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    r = CTX(self)->sni_cb ? NEWREF(CTX(self)->sni_cb) : NEWREF(None);
    END_CRITICAL_SECTION();
    return r;
}

static int ctx_set_sni(obj_t *self, obj_t *v, void *cl) {
    sslctx_t *c = CTX(self);
    if (c->protocol == P_TLS_CLIENT) {
        err_set_str(exc_ValueError, "sni_callback cannot be set on TLS_CLIENT context");
        return -1;
    }
    if (v == None) v = NULL;
    if (v && !obj_is_callable(v)) {
        err_set_str(exc_TypeError, "not a callable object");
        return -1;
    }
    obj_t *old;
    BEGIN_CTX_SETTER(self);
    old = c->sni_cb;
    c->sni_cb = v ? NEWREF(v) : NULL;
    if (v) {
        SSL_CTX_set_tlsext_servername_callback(c->ctx, ssl_servername_cb);
        SSL_CTX_set_tlsext_servername_arg(c->ctx, c);
    } else {
        SSL_CTX_set_tlsext_servername_callback(c->ctx, NULL);
    }
    END_CTX_SETTER();
    XDECREF(old);
    return 0;
}

static obj_t *ctx_get_msg_cb(obj_t *self, void *cl) {
    obj_t *r;
    BEGIN_CRITICAL_SECTION(self);
    r = CTX(self)->msg_cb ? NEWREF(CTX(self)->msg_cb) : NEWREF(None);
    END_CRITICAL_SECTION();
    return r;
}

static int ctx_set_msg_cb(obj_t *self, obj_t *v, void *cl) {
    if (v == None) v = NULL;
    if (v && !obj_is_callable(v)) {
        err_set_str(exc_TypeError, "not a callable object");
        return -1;
    }
    obj_t *old;
    BEGIN_CTX_SETTER(self);
    old = CTX(self)->msg_cb;
    CTX(self)->msg_cb = v ? NEWREF(v) : NULL;
    END_CTX_SETTER();
    XDECREF(old);
    return 0;
}

static obj_t *ctx_get_keylog(obj_t *self, void *cl) {
    return NEWREF(None);
}

static int ctx_set_keylog(obj_t *self, obj_t *v, void *cl) {
    if (v && v != None) {
        err_set_str(exc_NotImplementedError, "keylog_filename is not supported");
        return -1;
    }
    return 0;
}

// A str/bytes/PathLike filename as a malloc'd C string, or NULL + exception.
static char *fs_path(obj_t *v) {
    obj_t *os = import_module("os");
    obj_t *f = os ? obj_getattr_str(os, "fsencode") : NULL;
    XDECREF(os);
    obj_t *b = f ? obj_call1(f, v) : NULL;
    XDECREF(f);
    if (!b) return NULL;
    if (!BYTES_CHECK(b)) {
        DECREF(b);
        err_set_str(exc_TypeError, "path should be str, bytes or os.PathLike");
        return NULL;
    }
    char *s = strndup((const char *)bytes_data(b), bytes_len(b));
    DECREF(b);
    if (!s) err_no_memory();
    return s;
}

typedef struct {
    obj_t *pw; // callable, str or bytes
    bool error;
    obj_t *exc;
} pw_info_t;

static int pw_callback(char *buf, int size, int rwflag, void *u) {
    pw_info_t *pi = u;
    obj_t *v = pi->pw;
    obj_t *r = NULL;
    if (obj_is_callable(v)) {
        r = obj_call(v, NULL, 0, NULL);
        if (!r) goto fail;
    } else {
        r = NEWREF(v);
    }
    const char *d;
    size_t n;
    if (STR_CHECK(r)) {
        d = str_data(r);
        n = str_nbytes(r);
    } else if (BYTES_CHECK(r)) {
        d = (const char *)bytes_data(r);
        n = bytes_len(r);
    } else if (buffer_check(r)) {
        obj_t *b = buffer_as_bytes(r);
        if (!b) goto fail;
        DECREF(r);
        r = b;
        d = (const char *)bytes_data(r);
        n = bytes_len(r);
    } else if (obj_is_callable(v)) {
        err_set_str(exc_TypeError, "password callback must return a string");
        goto fail;
    } else {
        err_set_str(exc_TypeError, "password should be a string or callable");
        goto fail;
    }
    if (n > (size_t)size) {
        err_format(exc_ValueError, "password cannot be longer than %d bytes", size);
        goto fail;
    }
    memcpy(buf, d, n);
    DECREF(r);
    return (int)n;
fail:
    XDECREF(r);
    pi->error = true;
    pi->exc = err_fetch();
    return -1;
}

static obj_t *ctx_load_cert_chain(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"certfile", "keyfile", "password", NULL};
    obj_t *a[3] = {NULL, NULL, NULL};
    if (args_parse("load_cert_chain", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    if (a[1] == None) a[1] = NULL;
    if (a[2] == None) a[2] = NULL;
    if (a[2] && !STR_CHECK(a[2]) && !BYTES_CHECK(a[2]) && !buffer_check(a[2]) &&
        !obj_is_callable(a[2])) {
        err_set_str(exc_TypeError, "password should be a string or callable");
        return NULL;
    }
    char *cert = fs_path(a[0]);
    if (!cert) return NULL;
    char *key = a[1] ? fs_path(a[1]) : NULL;
    if (a[1] && !key) {
        free(cert);
        return NULL;
    }
    sslctx_t *c = CTX(self);
    pw_info_t pi = {a[2], false, NULL};
    int ok = 1, err_no = 0, stage = 0;
    BEGIN_CTX_SETTER(self);
    pem_password_cb *old_cb = SSL_CTX_get_default_passwd_cb(c->ctx);
    void *old_ud = SSL_CTX_get_default_passwd_cb_userdata(c->ctx);
    if (a[2]) {
        SSL_CTX_set_default_passwd_cb(c->ctx, pw_callback);
        SSL_CTX_set_default_passwd_cb_userdata(c->ctx, &pi);
    }
    errno = 0;
    ok = SSL_CTX_use_certificate_chain_file(c->ctx, cert);
    err_no = errno;
    if (ok) {
        stage = 1;
        errno = 0;
        ok = SSL_CTX_use_PrivateKey_file(c->ctx, key ? key : cert, SSL_FILETYPE_PEM);
        err_no = errno;
        if (ok) {
            stage = 2;
            ok = SSL_CTX_check_private_key(c->ctx);
        }
    }
    SSL_CTX_set_default_passwd_cb(c->ctx, old_cb);
    SSL_CTX_set_default_passwd_cb_userdata(c->ctx, old_ud);
    END_CTX_SETTER();
    free(cert);
    free(key);
    if (ok) {
        ERR_clear_error();
        return NEWREF(None);
    }
    if (pi.error) {
        ERR_clear_error();
        err_restore(pi.exc);
        return NULL;
    }
    unsigned long e = ERR_peek_last_error();
    if (stage < 2 && err_no &&
        (ERR_GET_LIB(e) == ERR_LIB_SYS || ERR_GET_LIB(e) == ERR_LIB_BIO ||
         ERR_GET_REASON(e) == ERR_R_SYS_LIB || e == 0)) {
        ERR_clear_error();
        return err_from_errno(err_no, NULL);
    }
    return ssl_raise_queue(NULL);
}

static int load_cadata(SSL_CTX *sc, const unsigned char *d, size_t n, bool pem) {
    BIO *b = BIO_new_mem_buf(d, (int)n);
    if (!b) return -1;
    X509_STORE *st = SSL_CTX_get_cert_store(sc);
    int loaded = 0, bad = 0;
    for (;;) {
        X509 *x = pem ? PEM_read_bio_X509(b, NULL, NULL, NULL) : d2i_X509_bio(b, NULL);
        if (!x) break;
        if (!X509_STORE_add_cert(st, x)) {
            unsigned long e = ERR_peek_last_error();
            if (ERR_GET_LIB(e) != ERR_LIB_X509 ||
                ERR_GET_REASON(e) != X509_R_CERT_ALREADY_IN_HASH_TABLE)
                bad = 1;
            ERR_clear_error();
        }
        X509_free(x);
        if (bad) break;
        loaded++;
    }
    BIO_free(b);
    unsigned long e = ERR_peek_last_error();
    if (loaded > 0 && !bad &&
        ((pem && ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE) ||
         (!pem && ERR_GET_LIB(e) == ERR_LIB_ASN1) || e == 0)) {
        ERR_clear_error();
        return 0;
    }
    return loaded == 0 ? -2 : -1;
}

static obj_t *ctx_load_verify_locations(obj_t *self, obj_t *const *args, size_t nargs,
                                        obj_t *kwnames) {
    static const char *const names[] = {"cafile", "capath", "cadata", NULL};
    obj_t *a[3] = {NULL, NULL, NULL};
    if (args_parse("load_verify_locations", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    for (int i = 0; i < 3; i++)
        if (a[i] == None) a[i] = NULL;
    if (!a[0] && !a[1] && !a[2]) {
        err_set_str(exc_TypeError, "cafile, capath and cadata cannot be all omitted");
        return NULL;
    }
    sslctx_t *c = CTX(self);
    if (a[2]) {
        int rc;
        if (STR_CHECK(a[2])) {
            for (size_t i = 0; i < str_nbytes(a[2]); i++)
                if ((unsigned char)str_data(a[2])[i] >= 128) {
                    err_set_str(exc_TypeError,
                                "cadata should be an ASCII string or a bytes-like object");
                    return NULL;
                }
            BEGIN_CTX_SETTER(self);
            rc = load_cadata(c->ctx, (const unsigned char *)str_data(a[2]), str_nbytes(a[2]), true);
            END_CTX_SETTER();
        } else if (buffer_check(a[2])) {
            buffer_t view;
            if (buffer_get(a[2], &view) < 0) return NULL;
            BEGIN_CTX_SETTER(self);
            rc = load_cadata(c->ctx, view.buf, view.len, false);
            END_CTX_SETTER();
            buffer_release(&view);
        } else {
            err_set_str(exc_TypeError, "cadata should be an ASCII string or a bytes-like object");
            return NULL;
        }
        if (rc == -2) {
            ERR_clear_error();
            return ssl_raise(ssl_error, 0, NULL, NULL,
                             STR_CHECK(a[2])
                                 ? "no start line: cadata does not contain a certificate"
                                 : "not enough data: cadata does not contain a certificate");
        }
        if (rc < 0) return ssl_raise_queue(NULL);
    }
    if (a[0] || a[1]) {
        char *file = a[0] ? fs_path(a[0]) : NULL;
        if (a[0] && !file) return NULL;
        char *path = a[1] ? fs_path(a[1]) : NULL;
        if (a[1] && !path) {
            free(file);
            return NULL;
        }
        int ok, en;
        BEGIN_CTX_SETTER(self);
        errno = 0;
        ok = SSL_CTX_load_verify_locations(c->ctx, file, path);
        en = errno;
        END_CTX_SETTER();
        free(file);
        free(path);
        if (!ok) {
            if (en) {
                ERR_clear_error();
                return err_from_errno(en, NULL);
            }
            return ssl_raise_queue(NULL);
        }
    }
    return NEWREF(None);
}

static obj_t *ctx_set_default_verify_paths(obj_t *self, obj_t *const *args, size_t nargs,
                                           obj_t *kwnames) {
    if (args_check("set_default_verify_paths", nargs, kwnames, 0, 0) < 0) return NULL;
    int ok;
    BEGIN_CTX_SETTER(self);
    ok = SSL_CTX_set_default_verify_paths(CTX(self)->ctx);
    END_CTX_SETTER();
    if (!ok) return ssl_raise_queue(NULL);
    return NEWREF(None);
}

static obj_t *ctx_set_ciphers(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("set_ciphers", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "set_ciphers() argument must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    int ok;
    BEGIN_CTX_SETTER(self);
    ok = SSL_CTX_set_cipher_list(CTX(self)->ctx, str_data(args[0]));
    END_CTX_SETTER();
    if (!ok) {
        ERR_clear_error();
        obj_t *m = str_from_cstr("No cipher can be selected.");
        if (m) {
            obj_t *e = obj_call1(ssl_error, m);
            DECREF(m);
            if (e) {
                err_set_object(e);
                DECREF(e);
            }
        }
        return NULL;
    }
    return NEWREF(None);
}

// The dict get_ciphers()/cipher() describe a cipher with.
static obj_t *cipher_dict(const SSL_CIPHER *ci) {
    obj_t *d = dict_new();
    if (!d) return NULL;
    char desc[256];
    SSL_CIPHER_description(ci, desc, sizeof desc);
    size_t dl = strlen(desc);
    while (dl && (desc[dl - 1] == '\n' || desc[dl - 1] == ' '))
        desc[--dl] = 0;
    int aead = SSL_CIPHER_is_aead(ci);
    int nid;
    const char *sym = (nid = SSL_CIPHER_get_cipher_nid(ci)) != NID_undef ? OBJ_nid2ln(nid) : NULL;
    const char *dig = (nid = SSL_CIPHER_get_digest_nid(ci)) != NID_undef ? OBJ_nid2ln(nid) : NULL;
    const char *kx = (nid = SSL_CIPHER_get_kx_nid(ci)) != NID_undef ? OBJ_nid2ln(nid) : NULL;
    const char *au = (nid = SSL_CIPHER_get_auth_nid(ci)) != NID_undef ? OBJ_nid2ln(nid) : NULL;
    int bits = SSL_CIPHER_get_bits(ci, NULL);
    struct {
        const char *k;
        obj_t *v;
    } items[] = {
        {"id", int_from_u64(SSL_CIPHER_get_id(ci))},
        {"name", str_from_cstr(SSL_CIPHER_get_name(ci))},
        {"protocol", str_from_cstr(SSL_CIPHER_get_version(ci))},
        {"description", str_from_cstr(desc)},
        {"strength_bits", int_from_i64(bits)},
        {"alg_bits", int_from_i64(bits)},
        {"aead", NEWREF(bool_from(aead))},
        {"symmetric", sym ? str_from_cstr(sym) : NEWREF(None)},
        {"digest", dig ? str_from_cstr(dig) : NEWREF(None)},
        {"kea", kx ? str_from_cstr(kx) : NEWREF(None)},
        {"auth", au ? str_from_cstr(au) : NEWREF(None)},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        if (!items[i].v || dict_set_str(d, items[i].k, items[i].v) < 0) bad = 1;
        XDECREF(items[i].v);
    }
    if (bad) {
        DECREF(d);
        return NULL;
    }
    return d;
}

// The contexts whose configuration lock this thread holds shared (a
// setter checks it to avoid waiting for itself); deeper nesting is
// counted but not remembered.
#define CFG_HELD_MAX 8
static __thread sslctx_t *cfg_held[CFG_HELD_MAX];
static __thread int cfg_nheld;

void ssl_ctx_read_begin(sslctx_t *c) {
    int rc = pthread_rwlock_tryrdlock(&c->cfg);
    if (rc == EBUSY) {
        thread_block_begin();
        rc = pthread_rwlock_rdlock(&c->cfg);
        thread_block_end();
    }
    // EDEADLK: this thread holds it exclusively (a setter's password
    // callback doing a handshake): the lock is ours already.
    if (cfg_nheld < CFG_HELD_MAX) cfg_held[cfg_nheld] = rc == 0 ? c : NULL;
    cfg_nheld++;
}

void ssl_ctx_read_end(sslctx_t *c) {
    sslctx_t *h = --cfg_nheld < CFG_HELD_MAX ? cfg_held[cfg_nheld] : c;
    if (h) pthread_rwlock_unlock(&c->cfg);
}

bool ssl_ctx_write_begin(sslctx_t *c) {
    for (int i = 0; i < cfg_nheld && i < CFG_HELD_MAX; i++)
        if (cfg_held[i] == c) return false;
    if (pthread_rwlock_trywrlock(&c->cfg) == 0) return true;
    thread_block_begin();
    int rc = pthread_rwlock_wrlock(&c->cfg);
    thread_block_end();
    return rc == 0; // EDEADLK: a nested setter of the same context
}

void ssl_ctx_write_end(sslctx_t *c, bool taken) {
    if (taken) pthread_rwlock_unlock(&c->cfg);
}

SSL *ssl_ctx_new_ssl(sslctx_t *c) {
    SSL *s;
    BEGIN_CRITICAL_SECTION((obj_t *)c);
    s = SSL_new(c->ctx);
    END_CRITICAL_SECTION();
    return s;
}

static obj_t *ctx_get_ciphers(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("get_ciphers", nargs, kwnames, 0, 0) < 0) return NULL;
    SSL *s = ssl_ctx_new_ssl(CTX(self));
    if (!s) return ssl_raise_queue(NULL);
    ssl_ctx_read_begin(CTX(self)); // the list is the context's
    STACK_OF(SSL_CIPHER) *sk = SSL_get_ciphers(s);
    obj_t *l = list_new(0);
    for (int i = 0; l && i < sk_SSL_CIPHER_num(sk); i++) {
        obj_t *d = cipher_dict(sk_SSL_CIPHER_value(sk, i));
        if (!d || list_append(l, d) < 0) CLEAR(l);
        XDECREF(d);
    }
    ssl_ctx_read_end(CTX(self));
    SSL_free(s);
    return l;
}

// Servers pick the first of their protocols the client offers.
static int alpn_select_cb(SSL *s, const unsigned char **out, unsigned char *outlen,
                          const unsigned char *in, unsigned int inlen, void *arg) {
    sslctx_t *c = arg;
    int rc = SSL_TLSEXT_ERR_NOACK;
    BEGIN_CRITICAL_SECTION(c);
    if (c->alpn && c->alpn_len) {
        unsigned char *o;
        if (SSL_select_next_proto(&o, outlen, c->alpn, (unsigned)c->alpn_len, in, inlen) ==
            OPENSSL_NPN_NEGOTIATED) {
            // point into the client's list, which outlives the handshake step
            for (unsigned i = 0; i < inlen;) {
                unsigned l = in[i];
                if (l == *outlen && i + 1 + l <= inlen && memcmp(in + i + 1, o, l) == 0) {
                    *out = in + i + 1;
                    rc = SSL_TLSEXT_ERR_OK;
                    break;
                }
                i += 1 + l;
            }
        }
    }
    END_CRITICAL_SECTION();
    return rc;
}

static obj_t *ctx_set_alpn(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_set_alpn_protocols", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    if (view.len > UINT_MAX) {
        buffer_release(&view);
        err_set_str(exc_OverflowError, "protocols longer than 4294967295 bytes");
        return NULL;
    }
    sslctx_t *c = CTX(self);
    unsigned char *copy = malloc(view.len ? (size_t)view.len : 1);
    if (!copy) {
        buffer_release(&view);
        return err_no_memory();
    }
    memcpy(copy, view.buf, view.len);
    size_t len = view.len;
    buffer_release(&view);
    unsigned char *old;
    BEGIN_CTX_SETTER(self);
    old = c->alpn;
    c->alpn = copy;
    c->alpn_len = len;
    SSL_CTX_set_alpn_protos(c->ctx, copy, (unsigned)len);
    SSL_CTX_set_alpn_select_cb(c->ctx, alpn_select_cb, c);
    END_CTX_SETTER();
    free(old);
    return NEWREF(None);
}

static obj_t *ctx_load_dh_params(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("load_dh_params", nargs, kwnames, 1, 1) < 0) return NULL;
    char *path = fs_path(args[0]);
    if (!path) return NULL;
    BIO *bio = BIO_new_file(path, "r");
    int en = errno;
    free(path);
    if (!bio) {
        ERR_clear_error();
        return err_from_errno(en ? en : ENOENT, NULL);
    }
    EVP_PKEY *pk = PEM_read_bio_Parameters(bio, NULL);
    BIO_free(bio);
    if (!pk) return ssl_raise_queue(NULL);
    int ok;
    BEGIN_CTX_SETTER(self);
    ok = SSL_CTX_set0_tmp_dh_pkey(CTX(self)->ctx, pk);
    END_CTX_SETTER();
    if (!ok) {
        EVP_PKEY_free(pk);
        return ssl_raise_queue(NULL);
    }
    return NEWREF(None);
}

static obj_t *ctx_set_ecdh_curve(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("set_ecdh_curve", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *b = args[0];
    const char *name;
    if (STR_CHECK(b))
        name = str_data(b);
    else if (BYTES_CHECK(b))
        name = (const char *)bytes_data(b);
    else {
        err_format(exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                   obj_type_name(b));
        return NULL;
    }
    int nid = OBJ_sn2nid(name);
    if (nid == 0) {
        err_format(exc_ValueError, "unknown elliptic curve name %R", b);
        return NULL;
    }
    int ok;
    BEGIN_CTX_SETTER(self);
    ok = SSL_CTX_set1_groups(CTX(self)->ctx, &nid, 1);
    END_CTX_SETTER();
    if (!ok) return ssl_raise_queue(NULL);
    return NEWREF(None);
}

static obj_t *ctx_cert_store_stats(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("cert_store_stats", nargs, kwnames, 0, 0) < 0) return NULL;
    int x509 = 0, crl = 0, ca = 0;
    BEGIN_CRITICAL_SECTION(self);
    X509_STORE *st = SSL_CTX_get_cert_store(CTX(self)->ctx);
    X509_STORE_lock(st);
    STACK_OF(X509_OBJECT) *objs = X509_STORE_get0_objects(st);
    for (int i = 0; objs && i < sk_X509_OBJECT_num(objs); i++) {
        X509_OBJECT *o = sk_X509_OBJECT_value(objs, i);
        if (X509_OBJECT_get_type(o) == X509_LU_X509) {
            x509++;
            if (X509_check_ca(X509_OBJECT_get0_X509(o))) ca++;
        } else if (X509_OBJECT_get_type(o) == X509_LU_CRL) {
            crl++;
        }
    }
    X509_STORE_unlock(st);
    END_CRITICAL_SECTION();
    obj_t *d = dict_new();
    obj_t *v1 = int_from_i64(x509), *v2 = int_from_i64(crl), *v3 = int_from_i64(ca);
    if (!d || dict_set_str(d, "x509", v1) < 0 || dict_set_str(d, "crl", v2) < 0 ||
        dict_set_str(d, "x509_ca", v3) < 0)
        CLEAR(d);
    XDECREF(v1);
    XDECREF(v2);
    XDECREF(v3);
    return d;
}

static obj_t *ctx_get_ca_certs(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"binary_form", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("get_ca_certs", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int bin = a[0] ? obj_is_true(a[0]) : 0;
    if (bin < 0) return NULL;
    STACK_OF(X509) *certs = sk_X509_new_null();
    BEGIN_CRITICAL_SECTION(self);
    X509_STORE *st = SSL_CTX_get_cert_store(CTX(self)->ctx);
    X509_STORE_lock(st);
    STACK_OF(X509_OBJECT) *objs = X509_STORE_get0_objects(st);
    for (int i = 0; objs && i < sk_X509_OBJECT_num(objs); i++) {
        X509_OBJECT *o = sk_X509_OBJECT_value(objs, i);
        if (X509_OBJECT_get_type(o) != X509_LU_X509) continue;
        X509 *x = X509_OBJECT_get0_X509(o);
        if (!X509_check_ca(x)) continue;
        X509_up_ref(x);
        sk_X509_push(certs, x);
    }
    X509_STORE_unlock(st);
    END_CRITICAL_SECTION();
    obj_t *l = list_new(0);
    for (int i = 0; l && i < sk_X509_num(certs); i++) {
        X509 *x = sk_X509_value(certs, i);
        obj_t *v;
        if (bin) {
            unsigned char *der = NULL;
            int n = i2d_X509(x, &der);
            v = n < 0 ? ssl_raise_queue(NULL) : bytes_from(der, (size_t)n);
            OPENSSL_free(der);
        } else {
            v = ssl_decode_cert(x);
        }
        if (!v || list_append(l, v) < 0) CLEAR(l);
        XDECREF(v);
    }
    sk_X509_pop_free(certs, X509_free);
    return l;
}

static obj_t *ctx_session_stats(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("session_stats", nargs, kwnames, 0, 0) < 0) return NULL;
    SSL_CTX *sc = CTX(self)->ctx;
    struct {
        const char *k;
        long v;
    } it[] = {
        {"number", SSL_CTX_sess_number(sc)},
        {"connect", SSL_CTX_sess_connect(sc)},
        {"connect_good", SSL_CTX_sess_connect_good(sc)},
        {"connect_renegotiate", SSL_CTX_sess_connect_renegotiate(sc)},
        {"accept", SSL_CTX_sess_accept(sc)},
        {"accept_good", SSL_CTX_sess_accept_good(sc)},
        {"accept_renegotiate", SSL_CTX_sess_accept_renegotiate(sc)},
        {"hits", SSL_CTX_sess_hits(sc)},
        {"misses", SSL_CTX_sess_misses(sc)},
        {"timeouts", SSL_CTX_sess_timeouts(sc)},
        {"cache_full", SSL_CTX_sess_cache_full(sc)},
    };
    obj_t *d = dict_new();
    for (size_t i = 0; d && i < sizeof it / sizeof it[0]; i++) {
        obj_t *v = int_from_i64(it[i].v);
        if (!v || dict_set_str(d, it[i].k, v) < 0) CLEAR(d);
        XDECREF(v);
    }
    return d;
}

static obj_t *ctx_wrap_socket(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"sock",   "server_side", "server_hostname",
                                        "$owner", "$session",    NULL};
    obj_t *a[5] = {NULL, NULL, NULL, NULL, NULL};
    if (args_parse("_wrap_socket", args, nargs, kwnames, names, 2, a) < 0) return NULL;
    extern type_t sock_type;
    if (!type_is_subtype(TYPE(a[0]), &sock_type)) {
        err_format(exc_TypeError, "_wrap_socket() argument 'sock' must be _socket.socket, not %s",
                   obj_type_name(a[0]));
        return NULL;
    }
    int ss = obj_is_true(a[1]);
    if (ss < 0) return NULL;
    return ssl_sock_wrap(CTX(self), a[0], ss, a[2], a[3], a[4], NULL, NULL);
}

static obj_t *ctx_wrap_bio(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"incoming", "outgoing", "server_side", "server_hostname",
                                        "$owner",   "$session", NULL};
    obj_t *a[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    if (args_parse("_wrap_bio", args, nargs, kwnames, names, 3, a) < 0) return NULL;
    for (int i = 0; i < 2; i++)
        if (!type_is_subtype(TYPE(a[i]), &sslbio_type)) {
            err_format(exc_TypeError, "_wrap_bio() argument '%s' must be _ssl.MemoryBIO, not %s",
                       names[i], obj_type_name(a[i]));
            return NULL;
        }
    int ss = obj_is_true(a[2]);
    if (ss < 0) return NULL;
    return ssl_sock_wrap(CTX(self), NULL, ss, a[3], a[4], a[5], (sslbio_t *)a[0], (sslbio_t *)a[1]);
}

static const method_def_t ctx_methods[] = {
    {"load_cert_chain", ctx_load_cert_chain, 0, NULL},
    {"load_verify_locations", ctx_load_verify_locations, 0, NULL},
    {"set_default_verify_paths", ctx_set_default_verify_paths, 0, NULL},
    {"set_ciphers", ctx_set_ciphers, 0, NULL},
    {"get_ciphers", ctx_get_ciphers, 0, NULL},
    {"_set_alpn_protocols", ctx_set_alpn, 0, NULL},
    {"load_dh_params", ctx_load_dh_params, 0, NULL},
    {"set_ecdh_curve", ctx_set_ecdh_curve, 0, NULL},
    {"cert_store_stats", ctx_cert_store_stats, 0, NULL},
    {"get_ca_certs", ctx_get_ca_certs, 0, NULL},
    {"session_stats", ctx_session_stats, 0, NULL},
    {"_wrap_socket", ctx_wrap_socket, 0, NULL},
    {"_wrap_bio", ctx_wrap_bio, 0, NULL},
    {NULL},
};

static const getset_def_t ctx_getsets[] = {
    {"protocol", ctx_get_protocol, NULL, NULL},
    {"options", ctx_get_options, ctx_set_options, NULL},
    {"verify_mode", ctx_get_verify_mode, ctx_set_verify_mode, NULL},
    {"check_hostname", ctx_get_check_hostname, ctx_set_check_hostname, NULL},
    {"post_handshake_auth", ctx_get_pha, ctx_set_pha, NULL},
    {"verify_flags", ctx_get_verify_flags, ctx_set_verify_flags, NULL},
    {"_host_flags", ctx_get_host_flags, ctx_set_host_flags, NULL},
    {"minimum_version", ctx_get_min_version, ctx_set_min_version, NULL},
    {"maximum_version", ctx_get_max_version, ctx_set_max_version, NULL},
    {"num_tickets", ctx_get_num_tickets, ctx_set_num_tickets, NULL},
    {"security_level", ctx_get_security_level, NULL, NULL},
    {"sni_callback", ctx_get_sni, ctx_set_sni, NULL},
    {"_msg_callback", ctx_get_msg_cb, ctx_set_msg_cb, NULL},
    {"keylog_filename", ctx_get_keylog, ctx_set_keylog, NULL},
    {NULL},
};

type_t sslctx_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_ssl._SSLContext",
    .basicsize = sizeof(sslctx_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dictoffset = offsetof(sslctx_t, dict),
    .dealloc = ctx_dealloc,
    .traverse = ctx_traverse,
    .clear = ctx_clear,
    .tp_new = ctx_new,
    .methods = ctx_methods,
    .getsets = ctx_getsets,
};

// ---- MemoryBIO -------------------------------------------------------------------------------

#define MBIO(o) ((sslbio_t *)(o))

static obj_t *bio_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs || (kwnames && TUPLE_SIZE(kwnames))) {
        err_set_str(exc_TypeError, "MemoryBIO() takes no arguments");
        return NULL;
    }
    BIO *b = BIO_new(BIO_s_mem());
    if (!b) return ssl_raise_queue("failed to allocate BIO");
    BIO_set_retry_read(b);
    BIO_set_mem_eof_return(b, -1);
    sslbio_t *o = (sslbio_t *)obj_alloc(type, type->basicsize);
    if (!o) {
        BIO_free(b);
        return NULL;
    }
    o->bio = b;
    return (obj_t *)o;
}

static void bio_dealloc(obj_t *o) {
    if (MBIO(o)->bio) BIO_free(MBIO(o)->bio);
    obj_free(o);
}

static obj_t *bio_get_pending(obj_t *self, void *cl) {
    size_t n;
    BEGIN_CRITICAL_SECTION(self);
    n = BIO_ctrl_pending(MBIO(self)->bio);
    END_CRITICAL_SECTION();
    return int_from_u64(n);
}

static obj_t *bio_get_eof(obj_t *self, void *cl) {
    bool e;
    BEGIN_CRITICAL_SECTION(self);
    e = BIO_ctrl_pending(MBIO(self)->bio) == 0 && MBIO(self)->eof_written;
    END_CRITICAL_SECTION();
    return NEWREF(bool_from(e));
}

static obj_t *bio_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/size", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("read", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int64_t want = -1;
    if (a[0]) {
        obj_t *i = obj_index(a[0]);
        if (!i) return NULL;
        int rc = int_as_i64(i, &want);
        DECREF(i);
        if (rc < 0) return NULL;
    }
    obj_t *r = NULL;
    unsigned char *buf = NULL;
    int got = 0;
    size_t n;
    BEGIN_CRITICAL_SECTION(self);
    size_t avail = BIO_ctrl_pending(MBIO(self)->bio);
    n = (want < 0 || (uint64_t)want > avail) ? avail : (size_t)want;
    if (n > INT_MAX) n = INT_MAX;
    if (n) {
        buf = malloc(n);
        if (buf) got = BIO_read(MBIO(self)->bio, buf, (int)n);
    }
    END_CRITICAL_SECTION();
    if (n && !buf) return err_no_memory();
    if (got < 0) got = 0;
    r = bytes_from(buf ? buf : (unsigned char *)"", (size_t)got);
    free(buf);
    return r;
}

static obj_t *bio_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!buffer_check(args[0])) {
        err_format(exc_TypeError, "a bytes-like object is required, not '%s'",
                   obj_type_name(args[0]));
        return NULL;
    }
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    if (view.len > INT_MAX) {
        buffer_release(&view);
        err_format(exc_OverflowError, "string longer than %d bytes", INT_MAX);
        return NULL;
    }
    int n = -2;
    BEGIN_CRITICAL_SECTION(self);
    if (!MBIO(self)->eof_written) n = BIO_write(MBIO(self)->bio, view.buf, (int)view.len);
    END_CRITICAL_SECTION();
    size_t len = view.len;
    buffer_release(&view);
    if (n == -2) return raise_plain("cannot write() after write_eof()");
    if (n < 0 && len) return ssl_raise_queue(NULL);
    return int_from_i64(n < 0 ? 0 : n);
}

static obj_t *bio_write_eof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write_eof", nargs, kwnames, 0, 0) < 0) return NULL;
    BEGIN_CRITICAL_SECTION(self);
    MBIO(self)->eof_written = true;
    BIO_clear_retry_flags(MBIO(self)->bio);
    BIO_set_mem_eof_return(MBIO(self)->bio, 0);
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static const method_def_t bio_methods[] = {
    {"read", bio_read, 0, NULL},
    {"write", bio_write, 0, NULL},
    {"write_eof", bio_write_eof, 0, NULL},
    {NULL},
};

static const getset_def_t bio_getsets[] = {
    {"pending", bio_get_pending, NULL, NULL},
    {"eof", bio_get_eof, NULL, NULL},
    {NULL},
};

type_t sslbio_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_ssl.MemoryBIO",
    .basicsize = sizeof(sslbio_t),
    .base = &object_type,
    .dealloc = bio_dealloc,
    .tp_new = bio_new,
    .methods = bio_methods,
    .getsets = bio_getsets,
};

// ---- SSLSession ------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    SSL_SESSION *s; // immutable
    obj_t *ctx;
} sslsession_t;

obj_t *ssl_session_new(SSL_SESSION *s, obj_t *ctx) {
    sslsession_t *o = (sslsession_t *)obj_alloc(&sslsession_type, sizeof(sslsession_t));
    if (!o) {
        SSL_SESSION_free(s);
        return NULL;
    }
    o->s = s;
    o->ctx = NEWREF(ctx);
    return (obj_t *)o;
}

SSL_SESSION *ssl_session_get(obj_t *o) {
    return ((sslsession_t *)o)->s;
}

static void session_dealloc(obj_t *o) {
    sslsession_t *s = (sslsession_t *)o;
    if (s->s) SSL_SESSION_free(s->s);
    XDECREF(s->ctx);
    obj_free(o);
}

static int session_traverse(obj_t *o, visitproc visit, void *arg) {
    return GC_VISIT_FIELDS(visit, arg, ((sslsession_t *)o)->ctx);
}

static int session_clear(obj_t *o) {
    CLEAR(((sslsession_t *)o)->ctx);
    return 0;
}

static obj_t *session_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || TYPE(b) != &sslsession_type)
        return NEWREF(NotImplemented);
    unsigned int la, lb;
    const unsigned char *ia = SSL_SESSION_get_id(((sslsession_t *)a)->s, &la);
    const unsigned char *ib = SSL_SESSION_get_id(((sslsession_t *)b)->s, &lb);
    bool eq = a == b || (la == lb && memcmp(ia, ib, la) == 0);
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static obj_t *session_get_time(obj_t *self, void *cl) {
    return int_from_i64(SSL_SESSION_get_time(((sslsession_t *)self)->s));
}
static obj_t *session_get_timeout(obj_t *self, void *cl) {
    return int_from_i64(SSL_SESSION_get_timeout(((sslsession_t *)self)->s));
}
static obj_t *session_get_hint(obj_t *self, void *cl) {
    return int_from_u64(SSL_SESSION_get_ticket_lifetime_hint(((sslsession_t *)self)->s));
}
static obj_t *session_get_id(obj_t *self, void *cl) {
    unsigned int n;
    const unsigned char *id = SSL_SESSION_get_id(((sslsession_t *)self)->s, &n);
    return bytes_from(id, n);
}
static obj_t *session_get_has_ticket(obj_t *self, void *cl) {
    return NEWREF(bool_from(SSL_SESSION_has_ticket(((sslsession_t *)self)->s)));
}

static const getset_def_t session_getsets[] = {
    {"time", session_get_time, NULL, NULL},
    {"timeout", session_get_timeout, NULL, NULL},
    {"ticket_lifetime_hint", session_get_hint, NULL, NULL},
    {"id", session_get_id, NULL, NULL},
    {"has_ticket", session_get_has_ticket, NULL, NULL},
    {NULL},
};

static obj_t *no_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_format(exc_TypeError, "cannot create '%s' instances", type->name);
    return NULL;
}

type_t sslsession_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_ssl.SSLSession",
    .basicsize = sizeof(sslsession_t),
    .base = &object_type,
    .dealloc = session_dealloc,
    .traverse = session_traverse,
    .clear = session_clear,
    .richcompare = session_richcompare,
    .tp_new = no_new,
    .getsets = session_getsets,
};

// ---- module functions ------------------------------------------------------------------------

static obj_t *m_rand_status(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("RAND_status", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(bool_from(RAND_status() == 1));
}

static obj_t *m_rand_add(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("RAND_add", nargs, kwnames, 2, 2) < 0) return NULL;
    const void *d;
    size_t n;
    buffer_t view;
    bool have_view = false;
    if (STR_CHECK(args[0])) {
        d = str_data(args[0]);
        n = str_nbytes(args[0]);
    } else {
        if (buffer_get(args[0], &view) < 0) return NULL;
        have_view = true;
        d = view.buf;
        n = view.len;
    }
    obj_t *f = obj_call_method(args[1], "__float__", NULL, 0);
    if (!f) {
        if (have_view) buffer_release(&view);
        return NULL;
    }
    double ent = float_as_double(f);
    DECREF(f);
    RAND_add(d, (int)(n > INT_MAX ? INT_MAX : n), ent);
    if (have_view) buffer_release(&view);
    return NEWREF(None);
}

static obj_t *rand_bytes_impl(obj_t *arg, const char *fname, bool pseudo) {
    int n;
    if (obj_int_arg(arg, &n) < 0) return NULL;
    if (n < 0) {
        err_set_str(exc_ValueError, "num must be positive");
        return NULL;
    }
    unsigned char *buf = malloc(n ? (size_t)n : 1);
    if (!buf) return err_no_memory();
    int ok = RAND_bytes(buf, n);
    if (ok != 1 && !pseudo) {
        free(buf);
        return ssl_raise_queue(NULL);
    }
    obj_t *b = bytes_from(buf, (size_t)n);
    free(buf);
    if (!pseudo || !b) return b;
    obj_t *t = tuple_pack(2, b, bool_from(ok == 1));
    DECREF(b);
    return t;
}

static obj_t *m_rand_bytes(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("RAND_bytes", nargs, kwnames, 1, 1) < 0) return NULL;
    return rand_bytes_impl(args[0], "RAND_bytes", false);
}

static obj_t *m_rand_pseudo_bytes(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("RAND_pseudo_bytes", nargs, kwnames, 1, 1) < 0) return NULL;
    return rand_bytes_impl(args[0], "RAND_pseudo_bytes", true);
}

static obj_t *str_or_none(const char *s) {
    return s ? str_from_cstr(s) : NEWREF(None);
}

static obj_t *m_get_default_verify_paths(obj_t *m, obj_t *const *args, size_t nargs,
                                         obj_t *kwnames) {
    if (args_check("get_default_verify_paths", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *v[4] = {
        str_or_none(X509_get_default_cert_file_env()), str_or_none(X509_get_default_cert_file()),
        str_or_none(X509_get_default_cert_dir_env()), str_or_none(X509_get_default_cert_dir())};
    obj_t *t = v[0] && v[1] && v[2] && v[3] ? tuple_pack(4, v[0], v[1], v[2], v[3]) : NULL;
    for (int i = 0; i < 4; i++)
        XDECREF(v[i]);
    return t;
}

// (nid, shortname, longname, oid) for an ASN1 object.
static obj_t *asn1obj_tuple(const ASN1_OBJECT *o, bool no_name) {
    int nid = OBJ_obj2nid(o);
    if (nid == NID_undef && no_name) {
    }
    char buf[256];
    int n = OBJ_obj2txt(buf, sizeof buf, o, 1);
    if (n < 0) return ssl_raise_queue(NULL);
    obj_t *sn = nid != NID_undef ? str_or_none(OBJ_nid2sn(nid)) : NEWREF(None);
    obj_t *ln = nid != NID_undef ? str_or_none(OBJ_nid2ln(nid)) : NEWREF(None);
    obj_t *oid = str_from_cstr(buf);
    obj_t *id = int_from_i64(nid);
    obj_t *t = sn && ln && oid && id ? tuple_pack(4, id, sn, ln, oid) : NULL;
    XDECREF(sn);
    XDECREF(ln);
    XDECREF(oid);
    XDECREF(id);
    return t;
}

static obj_t *m_txt2obj(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"txt", "name", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("txt2obj", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    if (!STR_CHECK(a[0])) {
        err_format(exc_TypeError, "txt2obj() argument 'txt' must be str, not %s",
                   obj_type_name(a[0]));
        return NULL;
    }
    int name = a[1] ? obj_is_true(a[1]) : 0;
    if (name < 0) return NULL;
    ASN1_OBJECT *o = OBJ_txt2obj(str_data(a[0]), name ? 0 : 1);
    if (!o) {
        ERR_clear_error();
        err_format(exc_ValueError, "unknown object '%s'", str_data(a[0]));
        return NULL;
    }
    obj_t *t = asn1obj_tuple(o, false);
    ASN1_OBJECT_free(o);
    return t;
}

static obj_t *m_nid2obj(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("nid2obj", nargs, kwnames, 1, 1) < 0) return NULL;
    int nid;
    if (obj_int_arg(args[0], &nid) < 0) return NULL;
    if (nid < NID_undef) {
        err_set_str(exc_ValueError, "NID must be positive.");
        return NULL;
    }
    ASN1_OBJECT *o = OBJ_nid2obj(nid);
    if (!o) {
        ERR_clear_error();
        err_format(exc_ValueError, "unknown NID %i", nid);
        return NULL;
    }
    obj_t *t = asn1obj_tuple(o, false);
    ASN1_OBJECT_free(o);
    return t;
}

static obj_t *m_test_decode_cert(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_test_decode_cert", nargs, kwnames, 1, 1) < 0) return NULL;
    char *path = fs_path(args[0]);
    if (!path) return NULL;
    BIO *b = BIO_new_file(path, "r");
    free(path);
    if (!b) return raise_plain("Can't open file");
    X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    if (!x) return raise_plain("Error decoding PEM-encoded file");
    obj_t *r = ssl_decode_cert(x);
    X509_free(x);
    return r;
}

static const method_def_t ssl_functions[] = {
    {"RAND_status", m_rand_status, 0, NULL},
    {"RAND_add", m_rand_add, 0, NULL},
    {"RAND_bytes", m_rand_bytes, 0, NULL},
    {"RAND_pseudo_bytes", m_rand_pseudo_bytes, 0, NULL},
    {"get_default_verify_paths", m_get_default_verify_paths, 0, NULL},
    {"txt2obj", m_txt2obj, 0, NULL},
    {"nid2obj", m_nid2obj, 0, NULL},
    {"_test_decode_cert", m_test_decode_cert, 0, NULL},
    {NULL},
};

// ---- module ---------------------------------------------------------------------------------

static const struct {
    const char *name;
    int64_t value;
} int_constants[] = {
    {"ALERT_DESCRIPTION_ACCESS_DENIED", 49},
    {"ALERT_DESCRIPTION_BAD_CERTIFICATE", 42},
    {"ALERT_DESCRIPTION_BAD_CERTIFICATE_HASH_VALUE", 114},
    {"ALERT_DESCRIPTION_BAD_CERTIFICATE_STATUS_RESPONSE", 113},
    {"ALERT_DESCRIPTION_BAD_RECORD_MAC", 20},
    {"ALERT_DESCRIPTION_CERTIFICATE_EXPIRED", 45},
    {"ALERT_DESCRIPTION_CERTIFICATE_REVOKED", 44},
    {"ALERT_DESCRIPTION_CERTIFICATE_UNKNOWN", 46},
    {"ALERT_DESCRIPTION_CERTIFICATE_UNOBTAINABLE", 111},
    {"ALERT_DESCRIPTION_CLOSE_NOTIFY", 0},
    {"ALERT_DESCRIPTION_DECODE_ERROR", 50},
    {"ALERT_DESCRIPTION_DECOMPRESSION_FAILURE", 30},
    {"ALERT_DESCRIPTION_DECRYPT_ERROR", 51},
    {"ALERT_DESCRIPTION_HANDSHAKE_FAILURE", 40},
    {"ALERT_DESCRIPTION_ILLEGAL_PARAMETER", 47},
    {"ALERT_DESCRIPTION_INSUFFICIENT_SECURITY", 71},
    {"ALERT_DESCRIPTION_INTERNAL_ERROR", 80},
    {"ALERT_DESCRIPTION_NO_RENEGOTIATION", 100},
    {"ALERT_DESCRIPTION_PROTOCOL_VERSION", 70},
    {"ALERT_DESCRIPTION_RECORD_OVERFLOW", 22},
    {"ALERT_DESCRIPTION_UNEXPECTED_MESSAGE", 10},
    {"ALERT_DESCRIPTION_UNKNOWN_CA", 48},
    {"ALERT_DESCRIPTION_UNKNOWN_PSK_IDENTITY", 115},
    {"ALERT_DESCRIPTION_UNRECOGNIZED_NAME", 112},
    {"ALERT_DESCRIPTION_UNSUPPORTED_CERTIFICATE", 43},
    {"ALERT_DESCRIPTION_UNSUPPORTED_EXTENSION", 110},
    {"ALERT_DESCRIPTION_USER_CANCELLED", 90},
    {"CERT_NONE", 0},
    {"CERT_OPTIONAL", 1},
    {"CERT_REQUIRED", 2},
    {"ENCODING_DER", 2},
    {"ENCODING_PEM", 1},
    {"HOSTFLAG_ALWAYS_CHECK_SUBJECT", 1},
    {"HOSTFLAG_MULTI_LABEL_WILDCARDS", 8},
    {"HOSTFLAG_NEVER_CHECK_SUBJECT", 32},
    {"HOSTFLAG_NO_PARTIAL_WILDCARDS", 4},
    {"HOSTFLAG_NO_WILDCARDS", 2},
    {"HOSTFLAG_SINGLE_LABEL_SUBDOMAINS", 16},
    {"OP_ALL", 2147483728},
    {"OP_CIPHER_SERVER_PREFERENCE", 4194304},
    {"OP_ENABLE_MIDDLEBOX_COMPAT", 1048576},
    {"OP_IGNORE_UNEXPECTED_EOF", 128},
    {"OP_NO_COMPRESSION", 131072},
    {"OP_NO_RENEGOTIATION", 1073741824},
    {"OP_NO_SSLv2", 0},
    {"OP_NO_SSLv3", 33554432},
    {"OP_NO_TICKET", 16384},
    {"OP_NO_TLSv1", 67108864},
    {"OP_NO_TLSv1_1", 268435456},
    {"OP_NO_TLSv1_2", 134217728},
    {"OP_NO_TLSv1_3", 536870912},
    {"OP_SINGLE_DH_USE", 0},
    {"OP_SINGLE_ECDH_USE", 0},
    {"PROTOCOL_SSLv23", 2},
    {"PROTOCOL_TLS", 2},
    {"PROTOCOL_TLS_CLIENT", 16},
    {"PROTOCOL_TLS_SERVER", 17},
    {"PROTOCOL_TLSv1", 3},
    {"PROTOCOL_TLSv1_1", 4},
    {"PROTOCOL_TLSv1_2", 5},
    {"PROTO_MAXIMUM_SUPPORTED", -1},
    {"PROTO_MINIMUM_SUPPORTED", -2},
    {"PROTO_SSLv3", 768},
    {"PROTO_TLSv1", 769},
    {"PROTO_TLSv1_1", 770},
    {"PROTO_TLSv1_2", 771},
    {"PROTO_TLSv1_3", 772},
    {"SSL_ERROR_EOF", 8},
    {"SSL_ERROR_INVALID_ERROR_CODE", 10},
    {"SSL_ERROR_SSL", 1},
    {"SSL_ERROR_SYSCALL", 5},
    {"SSL_ERROR_WANT_CONNECT", 7},
    {"SSL_ERROR_WANT_READ", 2},
    {"SSL_ERROR_WANT_WRITE", 3},
    {"SSL_ERROR_WANT_X509_LOOKUP", 4},
    {"SSL_ERROR_ZERO_RETURN", 6},
    {"VERIFY_ALLOW_PROXY_CERTS", 64},
    {"VERIFY_CRL_CHECK_CHAIN", 12},
    {"VERIFY_CRL_CHECK_LEAF", 4},
    {"VERIFY_DEFAULT", 0},
    {"VERIFY_X509_PARTIAL_CHAIN", 524288},
    {"VERIFY_X509_STRICT", 32},
    {"VERIFY_X509_TRUSTED_FIRST", 32768},
};

static obj_t *exc_classes[7];
static const char *const exc_names[] = {
    "SSLError",        "SSLZeroReturnError", "SSLWantReadError",        "SSLWantWriteError",
    "SSLSyscallError", "SSLEOFError",        "SSLCertVerificationError"};

// Makes the exception classes once (immortal) by running exc_source.
static int make_exceptions(void) {
    static _Atomic int done;
    if (atomic_load(&done)) return 0;
    obj_t *ns = dict_new();
    if (!ns) return -1;
    obj_t *bi = import_module("builtins");
    obj_t *ex = bi ? obj_getattr_str(bi, "exec") : NULL;
    XDECREF(bi);
    obj_t *src = str_from_cstr(exc_source);
    obj_t *r = ex && src ? obj_call(ex, (obj_t *[]){src, ns}, 2, NULL) : NULL;
    XDECREF(ex);
    XDECREF(src);
    if (!r) {
        DECREF(ns);
        return -1;
    }
    DECREF(r);
    for (int i = 0; i < 7; i++) {
        exc_classes[i] = dict_get_str(ns, exc_names[i]);
        if (!exc_classes[i]) {
            DECREF(ns);
            return -1;
        }
        obj_immortalize(exc_classes[i]);
    }
    DECREF(ns);
    ssl_error = exc_classes[0];
    ssl_zero_return_error = exc_classes[1];
    ssl_want_read_error = exc_classes[2];
    ssl_want_write_error = exc_classes[3];
    ssl_syscall_error = exc_classes[4];
    ssl_eof_error = exc_classes[5];
    ssl_cert_verification_error = exc_classes[6];
    atomic_store(&done, 1);
    return 0;
}

static int add_obj(obj_t *d, const char *name, obj_t *v) {
    if (!v) return -1;
    int rc = dict_set_str(d, name, v);
    DECREF(v);
    return rc;
}

static obj_t *version_info(unsigned long n) {
    obj_t *v[5] = {int_from_u64(n >> 28 & 0xf), int_from_u64(n >> 20 & 0xff),
                   int_from_u64(n >> 12 & 0xff), int_from_u64(n >> 4 & 0xff),
                   int_from_u64(n & 0xf)};
    obj_t *t = tuple_pack(5, v[0], v[1], v[2], v[3], v[4]);
    for (int i = 0; i < 5; i++)
        XDECREF(v[i]);
    return t;
}

static void exdata_init(void) {
    ssl_sock_exdata_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

obj_t *ssl_module_init(void) {
    obj_t *m = module_new("_ssl");
    if (!m) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, ssl_functions) < 0 || type_ensure_ready(&sslctx_type) < 0 ||
        type_ensure_ready(&sslbio_type) < 0 || type_ensure_ready(&sslsock_type) < 0 ||
        type_ensure_ready(&sslsession_type) < 0 || type_ensure_ready(ssl_cert_type()) < 0 ||
        make_exceptions() < 0)
        goto fail;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, exdata_init);
    for (int i = 0; i < 7; i++)
        if (dict_set_str(d, exc_names[i], exc_classes[i]) < 0) goto fail;
    for (size_t i = 0; i < sizeof int_constants / sizeof int_constants[0]; i++)
        if (add_obj(d, int_constants[i].name, int_from_i64(int_constants[i].value)) < 0) goto fail;
    unsigned long vn = OpenSSL_version_num();
    if (add_obj(d, "OPENSSL_VERSION_NUMBER", int_from_u64(vn)) < 0 ||
        add_obj(d, "OPENSSL_VERSION_INFO", version_info(vn)) < 0 ||
        add_obj(d, "_OPENSSL_API_VERSION", version_info(OPENSSL_VERSION_NUMBER)) < 0 ||
        add_obj(d, "OPENSSL_VERSION", str_from_cstr(OpenSSL_version(OPENSSL_VERSION))) < 0 ||
        add_obj(d, "_DEFAULT_CIPHERS", str_from_cstr(DEFAULT_CIPHERS)) < 0 ||
        dict_set_str(d, "_SSLContext", (obj_t *)&sslctx_type) < 0 ||
        dict_set_str(d, "_SSLSocket", (obj_t *)&sslsock_type) < 0 ||
        dict_set_str(d, "MemoryBIO", (obj_t *)&sslbio_type) < 0 ||
        dict_set_str(d, "SSLSession", (obj_t *)&sslsession_type) < 0 ||
        dict_set_str(d, "Certificate", (obj_t *)ssl_cert_type()) < 0)
        goto fail;
    static const char *const has_true[] = {"HAS_SNI",        "HAS_ECDH",   "HAS_ALPN",
                                           "HAS_TLS_UNIQUE", "HAS_TLSv1",  "HAS_TLSv1_1",
                                           "HAS_TLSv1_2",    "HAS_TLSv1_3"};
    static const char *const has_false[] = {"HAS_NPN", "HAS_SSLv2", "HAS_SSLv3"};
    for (size_t i = 0; i < sizeof has_true / sizeof has_true[0]; i++)
        if (dict_set_str(d, has_true[i], True) < 0) goto fail;
    for (size_t i = 0; i < sizeof has_false / sizeof has_false[0]; i++)
        if (dict_set_str(d, has_false[i], False) < 0) goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
