/*
 * modules/ssl_sock.c — `_ssl._SSLSocket`: one TLS connection (an SSL*)
 * over either a `_socket.socket` (ctx._wrap_socket, ssl.SSLSocket) or two
 * MemoryBIOs (ctx._wrap_bio, ssl.SSLObject), and the decoding of X509
 * certificates into the dicts getpeercert() returns.
 *
 * Concurrency: an SSL* is not thread-safe, so every SSL_* call on it runs
 * under the connection's own recursive mutex `lock`, and, for BIO
 * connections, the mutexes of both MemoryBIOs (taken in address order
 * after `lock`; MemoryBIO methods take only their own).  These are plain
 * pthread mutexes rather than critical sections because they are held
 * across calls that may run Python code (the SNI callback) and, on
 * blocking sockets, across system calls: a thread that has to wait for
 * one waits in a blocking region (thread_block_begin/end), so
 * stop-the-world pauses never wait for it.  Blocking sockets run the SSL
 * call itself in a blocking region (the SNI callback comes back online to
 * run Python); sockets with a timeout keep their descriptor non-blocking,
 * call OpenSSL online and wait with poll(2) offline.  A call that may read
 * the context's settings (any call before the handshake is done, every
 * call on a non-blocking, timeout or BIO connection) also holds the
 * context's configuration lock shared (ssl_internal.h), so that a setter
 * never frees what a handshake reads.
 */
#define _GNU_SOURCE 1
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "../core/error.h"
#include "../core/unraisable.h"
#include "../gc/gc.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "../threads/thread.h"
#include "socket_internal.h"
#include "weakref.h"
#include "ssl_internal.h"

typedef struct {
    obj_t ob;
    SSL *ssl;               // under lock
    pthread_mutex_t lock;   // recursive
    obj_t *ctx;             // the _SSLContext; replaced under lock
    obj_t *sock;            // _socket.socket or NULL (BIO mode)
    sslbio_t *in, *out;     // BIO mode
    obj_t *owner;           // a weakref, as CPython's (no cycle); under lock; NULL = None
    obj_t *server_hostname; // immutable; NULL = None
    bool server_side;
    bool handshake_done; // under lock
} sslsock_t;

#define SS(o) ((sslsock_t *)(o))

int ssl_sock_exdata_index = -1;
static __thread bool in_offline_ssl; // this thread runs an SSL call in a blocking region

static void lock_wait(pthread_mutex_t *m) {
    if (pthread_mutex_trylock(m) == 0) return;
    thread_block_begin();
    pthread_mutex_lock(m);
    thread_block_end();
}

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

// Locks the connection.
static void conn_lock(sslsock_t *s) {
    lock_wait(&s->lock);
}

static void conn_unlock(sslsock_t *s) {
    pthread_mutex_unlock(&s->lock);
}

// ---- certificate decoding ----------------------------------------------------------------

static obj_t *asn1str(ASN1_STRING *v) {
    unsigned char *u = NULL;
    int n = ASN1_STRING_to_UTF8(&u, v);
    if (n < 0) return ssl_raise_queue(NULL);
    obj_t *r = str_from_utf8((const char *)u, (size_t)n);
    OPENSSL_free(u);
    return r;
}

static obj_t *name_entry_pair(X509_NAME_ENTRY *e) {
    char buf[256];
    int n = OBJ_obj2txt(buf, sizeof buf, X509_NAME_ENTRY_get_object(e), 0);
    if (n < 0) return ssl_raise_queue(NULL);
    obj_t *k = str_from_cstr(buf);
    obj_t *v = asn1str(X509_NAME_ENTRY_get_data(e));
    obj_t *t = k && v ? tuple_pack(2, k, v) : NULL;
    XDECREF(k);
    XDECREF(v);
    return t;
}

// A list to a tuple (consumes the list).
static obj_t *list_to_tuple(obj_t *l) {
    if (!l) return NULL;
    obj_t *t = list_as_tuple(l);
    DECREF(l);
    return t;
}

static obj_t *decode_name(X509_NAME *name) {
    obj_t *rdns = list_new(0), *rdn = NULL;
    int last = -1;
    for (int i = 0; rdns && i < X509_NAME_entry_count(name); i++) {
        X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
        int set = X509_NAME_ENTRY_set(e);
        if (set != last && rdn) {
            obj_t *t = list_to_tuple(rdn);
            rdn = NULL;
            if (!t || list_append(rdns, t) < 0) CLEAR(rdns);
            XDECREF(t);
            if (!rdns) break;
        }
        last = set;
        if (!rdn && !(rdn = list_new(0))) {
            CLEAR(rdns);
            break;
        }
        obj_t *p = name_entry_pair(e);
        if (!p || list_append(rdn, p) < 0) CLEAR(rdns);
        XDECREF(p);
    }
    if (rdns && rdn) {
        obj_t *t = list_to_tuple(rdn);
        rdn = NULL;
        if (!t || list_append(rdns, t) < 0) CLEAR(rdns);
        XDECREF(t);
    }
    XDECREF(rdn);
    return list_to_tuple(rdns);
}

static obj_t *bio_to_str(BIO *b) {
    char buf[256];
    int n = BIO_gets(b, buf, sizeof buf);
    if (n < 0) n = 0;
    return str_from_utf8(buf, (size_t)n);
}

static int add_pair(obj_t *l, const char *k, obj_t *v) {
    if (!v) return -1;
    obj_t *ks = str_from_cstr(k);
    obj_t *t = ks ? tuple_pack(2, ks, v) : NULL;
    XDECREF(ks);
    DECREF(v);
    int rc = t ? list_append(l, t) : -1;
    XDECREF(t);
    return rc;
}

static obj_t *decode_san(X509 *x) {
    GENERAL_NAMES *names = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    if (!names) {
        ERR_clear_error();
        return NULL;
    }
    obj_t *l = list_new(0);
    for (int i = 0; l && i < sk_GENERAL_NAME_num(names); i++) {
        GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
        int rc = 0;
        char buf[256];
        switch (g->type) {
        case GEN_DNS: rc = add_pair(l, "DNS", asn1str(g->d.dNSName)); break;
        case GEN_EMAIL: rc = add_pair(l, "email", asn1str(g->d.rfc822Name)); break;
        case GEN_URI: rc = add_pair(l, "URI", asn1str(g->d.uniformResourceIdentifier)); break;
        case GEN_DIRNAME: rc = add_pair(l, "DirName", decode_name(g->d.directoryName)); break;
        case GEN_RID:
            OBJ_obj2txt(buf, sizeof buf, g->d.registeredID, 1);
            rc = add_pair(l, "Registered ID", str_from_cstr(buf));
            break;
        case GEN_IPADD: {
            const unsigned char *p = ASN1_STRING_get0_data(g->d.iPAddress);
            int n = ASN1_STRING_length(g->d.iPAddress);
            if (n == 4)
                snprintf(buf, sizeof buf, "%d.%d.%d.%d", p[0], p[1], p[2], p[3]);
            else if (n == 16)
                snprintf(buf, sizeof buf, "%X:%X:%X:%X:%X:%X:%X:%X", p[0] << 8 | p[1],
                         p[2] << 8 | p[3], p[4] << 8 | p[5], p[6] << 8 | p[7], p[8] << 8 | p[9],
                         p[10] << 8 | p[11], p[12] << 8 | p[13], p[14] << 8 | p[15]);
            else
                snprintf(buf, sizeof buf, "<invalid>");
            rc = add_pair(l, "IP Address", str_from_cstr(buf));
            break;
        }
        case GEN_OTHERNAME: rc = add_pair(l, "othername", str_from_cstr("<unsupported>")); break;
        case GEN_X400: rc = add_pair(l, "X400", str_from_cstr("<unsupported>")); break;
        case GEN_EDIPARTY: rc = add_pair(l, "EdiPartyName", str_from_cstr("<unsupported>")); break;
        default: rc = add_pair(l, "unknown", str_from_cstr("<unsupported>")); break;
        }
        if (rc < 0) CLEAR(l);
    }
    GENERAL_NAMES_free(names);
    if (!l) return NULL;
    if (list_size(l) == 0) {
        DECREF(l);
        return NEWREF(None);
    }
    return list_to_tuple(l);
}

static obj_t *decode_aia(X509 *x, int nid) {
    AUTHORITY_INFO_ACCESS *aia = X509_get_ext_d2i(x, NID_info_access, NULL, NULL);
    if (!aia) {
        ERR_clear_error();
        return NEWREF(None);
    }
    obj_t *l = list_new(0);
    for (int i = 0; l && i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
        ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(aia, i);
        if (OBJ_obj2nid(ad->method) != nid || ad->location->type != GEN_URI) continue;
        obj_t *u = asn1str(ad->location->d.uniformResourceIdentifier);
        if (!u || list_append(l, u) < 0) CLEAR(l);
        XDECREF(u);
    }
    AUTHORITY_INFO_ACCESS_free(aia);
    if (!l) return NULL;
    if (list_size(l) == 0) {
        DECREF(l);
        return NEWREF(None);
    }
    return list_to_tuple(l);
}

static obj_t *decode_crldp(X509 *x) {
    STACK_OF(DIST_POINT) *dps = X509_get_ext_d2i(x, NID_crl_distribution_points, NULL, NULL);
    if (!dps) {
        ERR_clear_error();
        return NEWREF(None);
    }
    obj_t *l = list_new(0);
    for (int i = 0; l && i < sk_DIST_POINT_num(dps); i++) {
        DIST_POINT *dp = sk_DIST_POINT_value(dps, i);
        if (!dp->distpoint || dp->distpoint->type != 0) continue;
        GENERAL_NAMES *gns = dp->distpoint->name.fullname;
        for (int j = 0; l && j < sk_GENERAL_NAME_num(gns); j++) {
            GENERAL_NAME *g = sk_GENERAL_NAME_value(gns, j);
            if (g->type != GEN_URI) continue;
            obj_t *u = asn1str(g->d.uniformResourceIdentifier);
            if (!u || list_append(l, u) < 0) CLEAR(l);
            XDECREF(u);
        }
    }
    CRL_DIST_POINTS_free(dps);
    if (!l) return NULL;
    if (list_size(l) == 0) {
        DECREF(l);
        return NEWREF(None);
    }
    return list_to_tuple(l);
}

static int set_opt(obj_t *d, const char *k, obj_t *v) {
    if (!v) return -1;
    int rc = v == None ? 0 : dict_set_str(d, k, v);
    DECREF(v);
    return rc;
}

obj_t *ssl_decode_cert(X509 *x) {
    obj_t *d = dict_new();
    if (!d) return NULL;
    BIO *b = BIO_new(BIO_s_mem());
    if (!b) goto fail;
    if (set_opt(d, "subject", decode_name(X509_get_subject_name(x))) < 0 ||
        set_opt(d, "issuer", decode_name(X509_get_issuer_name(x))) < 0 ||
        set_opt(d, "version", int_from_i64(X509_get_version(x) + 1)) < 0)
        goto fail;
    (void)BIO_reset(b);
    i2a_ASN1_INTEGER(b, X509_get0_serialNumber(x));
    if (set_opt(d, "serialNumber", bio_to_str(b)) < 0) goto fail;
    (void)BIO_reset(b);
    ASN1_TIME_print(b, X509_get0_notBefore(x));
    if (set_opt(d, "notBefore", bio_to_str(b)) < 0) goto fail;
    (void)BIO_reset(b);
    ASN1_TIME_print(b, X509_get0_notAfter(x));
    if (set_opt(d, "notAfter", bio_to_str(b)) < 0) goto fail;
    obj_t *san = decode_san(x);
    if (!san && err_occurred()) goto fail;
    if (san && set_opt(d, "subjectAltName", san) < 0) goto fail;
    if (set_opt(d, "OCSP", decode_aia(x, NID_ad_OCSP)) < 0 ||
        set_opt(d, "caIssuers", decode_aia(x, NID_ad_ca_issuers)) < 0 ||
        set_opt(d, "crlDistributionPoints", decode_crldp(x)) < 0)
        goto fail;
    BIO_free(b);
    return d;
fail:
    if (b) BIO_free(b);
    DECREF(d);
    return NULL;
}

// ---- the connection ------------------------------------------------------------------------

// The owner (ssl.SSLSocket / ssl.SSLObject, which holds this object) is
// kept by a weak reference, as CPython does: a strong one made a cycle, so
// an SSLObject and its context outlived their last use until a collection
// (test_asyncio's test_ssl leak tests).
static obj_t *owner_weakref(obj_t *owner) {
    return obj_call1((obj_t *)&weakref_ref_type, owner);
}

// The owner, or None once it died (a new reference).
static obj_t *owner_get(sslsock_t *s) {
    conn_lock(s);
    obj_t *w = s->owner ? NEWREF(s->owner) : NULL;
    conn_unlock(s);
    if (!w) return NEWREF(None);
    obj_t *o = obj_call(w, NULL, 0, NULL);
    DECREF(w);
    return o;
}

obj_t *ssl_sock_wrap(sslctx_t *ctx, obj_t *sock, bool server_side, obj_t *hostname, obj_t *owner,
                     obj_t *session, sslbio_t *in, sslbio_t *out) {
    if (hostname == None) hostname = NULL;
    if (owner == None) owner = NULL;
    if (session == None) session = NULL;
    if (ctx->protocol == 17 && !server_side) {
        return ssl_raise(ssl_error, 0, NULL, NULL,
                         "Cannot create a client socket with a PROTOCOL_TLS_SERVER context");
    }
    if (ctx->protocol == 16 && server_side) {
        return ssl_raise(ssl_error, 0, NULL, NULL,
                         "Cannot create a server socket with a PROTOCOL_TLS_CLIENT context");
    }
    obj_t *host = NULL; // the A-label str
    if (hostname) {
        if (!STR_CHECK(hostname) && !BYTES_CHECK(hostname)) {
            err_format(exc_TypeError, "server_hostname must be str, not %s",
                       obj_type_name(hostname));
            return NULL;
        }
        obj_t *enc;
        if (STR_CHECK(hostname)) {
            obj_t *idna = str_from_cstr("idna");
            enc = idna ? obj_call_method(hostname, "encode", &idna, 1) : NULL;
            XDECREF(idna);
        } else {
            enc = NEWREF(hostname);
        }
        if (!enc) return NULL;
        size_t n = bytes_len(enc);
        const char *p = (const char *)bytes_data(enc);
        if (n == 0 || p[0] == '.') {
            DECREF(enc);
            err_set_str(exc_ValueError,
                        "server_hostname cannot be an empty string or start with a leading dot.");
            return NULL;
        }
        if (memchr(p, 0, n)) {
            DECREF(enc);
            err_set_str(exc_TypeError, "argument must be encoded string without null bytes");
            return NULL;
        }
        host = str_from_utf8(p, n);
        DECREF(enc);
        if (!host) return NULL;
    }
    obj_t *owner_ref = NULL;
    if (owner && !(owner_ref = owner_weakref(owner))) {
        XDECREF(host);
        return NULL;
    }
    SSL *ssl = ssl_ctx_new_ssl(ctx);
    if (!ssl) {
        XDECREF(host);
        XDECREF(owner_ref);
        return ssl_raise_queue(NULL);
    }
    sslsock_t *s = (sslsock_t *)obj_alloc(&sslsock_type, sizeof(sslsock_t));
    if (!s) {
        SSL_free(ssl);
        XDECREF(host);
        XDECREF(owner_ref);
        return NULL;
    }
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&s->lock, &ma);
    pthread_mutexattr_destroy(&ma);
    s->ssl = ssl;
    s->ctx = NEWREF((obj_t *)ctx);
    s->server_side = server_side;
    s->server_hostname = host;
    s->owner = owner_ref;
    SSL_set_ex_data(ssl, ssl_sock_exdata_index, s);
    SSL_set_mode(ssl, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_AUTO_RETRY);
    bool pha;
    BEGIN_CRITICAL_SECTION(ctx);
    pha = ctx->post_handshake_auth;
    END_CRITICAL_SECTION();
    if (pha && !server_side) SSL_set_post_handshake_auth(ssl, 1);
    if (pha && server_side) {
        int mode = SSL_get_verify_mode(ssl);
        if (mode & SSL_VERIFY_PEER) {
            mode |= SSL_VERIFY_POST_HANDSHAKE;
            SSL_set_verify(ssl, mode, NULL);
        }
    }
    if (in) {
        s->in = (sslbio_t *)NEWREF((obj_t *)in);
        s->out = (sslbio_t *)NEWREF((obj_t *)out);
        BIO_up_ref(in->bio);
        BIO_up_ref(out->bio);
        SSL_set_bio(ssl, in->bio, out->bio);
    } else {
        s->sock = NEWREF(sock);
        int fd = atomic_load(&((sock_t *)sock)->fd);
        BIO *b = BIO_new_socket(fd, BIO_NOCLOSE);
        if (!b) {
            DECREF((obj_t *)s);
            return ssl_raise_queue(NULL);
        }
        SSL_set_bio(ssl, b, b);
    }
    if (host) {
        const char *h = str_data(host);
        ASN1_OCTET_STRING *ip = a2i_IPADDRESS(h);
        if (!ip) {
            ERR_clear_error();
            if (!SSL_set_tlsext_host_name(ssl, h)) {
                DECREF((obj_t *)s);
                return ssl_raise_queue(NULL);
            }
        } else {
            ASN1_OCTET_STRING_free(ip);
        }
        bool check;
        BEGIN_CRITICAL_SECTION(ctx);
        check = ctx->check_hostname;
        END_CRITICAL_SECTION();
        if (check) {
            X509_VERIFY_PARAM *p = SSL_get0_param(ssl);
            int ok =
                ip ? X509_VERIFY_PARAM_set1_ip_asc(p, h) : X509_VERIFY_PARAM_set1_host(p, h, 0);
            if (!ok) {
                DECREF((obj_t *)s);
                return ssl_raise_queue(NULL);
            }
        }
    }
    if (server_side)
        SSL_set_accept_state(ssl);
    else
        SSL_set_connect_state(ssl);
    if (session) {
        if (TYPE(session) != &sslsession_type) {
            DECREF((obj_t *)s);
            err_set_str(exc_TypeError, "Value is not a SSLSession.");
            return NULL;
        }
        if (server_side) {
            DECREF((obj_t *)s);
            err_set_str(exc_ValueError, "Cannot set session for server-side SSLSocket.");
            return NULL;
        }
        if (!SSL_set_session(ssl, ssl_session_get(session))) {
            DECREF((obj_t *)s);
            return ssl_raise_queue(NULL);
        }
    }
    return (obj_t *)s;
}

static void sock_dealloc(obj_t *o) {
    sslsock_t *s = SS(o);
    if (s->ssl) SSL_free(s->ssl);
    pthread_mutex_destroy(&s->lock);
    XDECREF(s->ctx);
    XDECREF(s->sock);
    XDECREF((obj_t *)s->in);
    XDECREF((obj_t *)s->out);
    XDECREF(s->owner);
    XDECREF(s->server_hostname);
    obj_free(o);
}

static int sock_traverse(obj_t *o, visitproc visit, void *arg) {
    sslsock_t *s = SS(o);
    return GC_VISIT_FIELDS(visit, arg, s->ctx, s->sock, (obj_t *)s->in, (obj_t *)s->out, s->owner);
}

static int sock_gc_clear(obj_t *o) {
    sslsock_t *s = SS(o);
    CLEAR(s->owner);
    CLEAR(s->sock);
    return 0;
}

// Socket state: timeout in ns (-1 blocking, 0 non-blocking), or -2 for BIOs.
static int64_t sock_timeout(sslsock_t *s) {
    if (!s->sock) return -2;
    return atomic_load(&((sock_t *)s->sock)->timeout_ns);
}

// Waits on the socket for `want` (SSL_ERROR_WANT_READ/WRITE); 1 ready, 0
// timed out, -1 + exception.
static int wait_sock(sslsock_t *s, int want, int64_t deadline) {
    int fd = atomic_load(&((sock_t *)s->sock)->fd);
    if (fd < 0) {
        err_set_str(exc_ValueError, "Underlying socket has been closed.");
        return -1;
    }
    for (;;) {
        int ms = -1;
        if (deadline) {
            int64_t left = deadline - now_ns();
            if (left <= 0) return 0;
            int64_t m = (left + 999999) / 1000000;
            ms = m > INT_MAX ? INT_MAX : (int)m;
        }
        struct pollfd p = {.fd = fd, .events = want == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN};
        thread_block_begin();
        int rc = poll(&p, 1, ms);
        int e = errno;
        thread_block_end();
        if (rc > 0) return 1;
        if (rc == 0) return 0;
        if (e != EINTR) {
            err_from_errno(e, NULL);
            return -1;
        }
        thread_t *ts = thread_current();
        if (ts && thread_handle_eval_breaker(ts) < 0) return -1;
    }
}

typedef int (*ssl_op_t)(SSL *ssl, void *arg);

// Runs op under the connection lock with CPython's timeout semantics.
// Returns op's positive result, or -1 + exception (`what` names the
// operation in timeout messages).  *ret_out gets op's last return value.
static int run_op(sslsock_t *s, ssl_op_t op, void *arg, const char *what) {
    int64_t timeout = sock_timeout(s);
    int64_t deadline = timeout > 0 ? now_ns() + timeout : 0;
    for (;;) {
        if (s->sock && atomic_load(&((sock_t *)s->sock)->fd) < 0) {
            err_set_str(exc_ValueError, "Underlying socket has been closed.");
            return -1;
        }
        conn_lock(s);
        // The context's settings, which a handshake reads, hold still
        // (ssl_internal.h).  A blocking socket past its handshake goes
        // without: its call may wait for the peer indefinitely, and a
        // setter must not wait for that.
        sslctx_t *cfg = NULL;
        if (timeout != -1 || !SSL_is_init_finished(s->ssl)) {
            cfg = (sslctx_t *)NEWREF(s->ctx); // an SNI callback may replace s->ctx
            ssl_ctx_read_begin(cfg);
        }
        critical_section_t cs;
        bool bios = s->in != NULL;
        if (bios) critical_enter2(&cs, (obj_t *)s->in, (obj_t *)s->out);
        ERR_clear_error();
        errno = 0;
        int ret;
        if (timeout == -1) {
            in_offline_ssl = true;
            thread_block_begin();
            ret = op(s->ssl, arg);
            thread_block_end();
            in_offline_ssl = false;
        } else {
            ret = op(s->ssl, arg);
        }
        int en = errno;
        int err = ret > 0 ? SSL_ERROR_NONE : SSL_get_error(s->ssl, ret);
        if (bios) critical_exit(&cs);
        if (cfg) {
            ssl_ctx_read_end(cfg);
            DECREF((obj_t *)cfg);
        }
        if (err_occurred()) { // from a callback
            ERR_clear_error();
            conn_unlock(s);
            return -1;
        }
        if (ret > 0) {
            conn_unlock(s);
            return ret;
        }
        if (timeout > 0 && (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE)) {
            conn_unlock(s);
            int w = wait_sock(s, err, deadline);
            if (w < 0) return -1;
            if (w == 0) {
                err_format(exc_TimeoutError, "The %s operation timed out", what);
                return -1;
            }
            continue;
        }
        if (err == SSL_ERROR_SYSCALL && en == EINTR) {
            conn_unlock(s);
            thread_t *ts = thread_current();
            if (ts && thread_handle_eval_breaker(ts) < 0) return -1;
            continue;
        }
        // A read gives b'' only while the peer's close_notify is in and
        // ours is not sent; after both, SSLZeroReturnError (as CPython).
        if (err == SSL_ERROR_ZERO_RETURN && strcmp(what, "read") == 0 &&
            SSL_get_shutdown(s->ssl) == SSL_RECEIVED_SHUTDOWN) {
            conn_unlock(s);
            ERR_clear_error();
            return 0;
        }
        ssl_raise_call(s->ssl, ret, en);
        conn_unlock(s);
        return -1;
    }
}

static int op_handshake(SSL *ssl, void *arg) {
    return SSL_do_handshake(ssl);
}

static obj_t *m_do_handshake(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("do_handshake", nargs, kwnames, 0, 0) < 0) return NULL;
    if (run_op(SS(self), op_handshake, NULL, "handshake") < 0) return NULL;
    conn_lock(SS(self));
    SS(self)->handshake_done = true;
    conn_unlock(SS(self));
    return NEWREF(None);
}

typedef struct {
    void *buf;
    size_t len;
    size_t done;
} io_arg_t;

static int op_read(SSL *ssl, void *arg) {
    io_arg_t *a = arg;
    return SSL_read_ex(ssl, a->buf, a->len, &a->done) == 1 ? 1 : 0;
}

static int op_write(SSL *ssl, void *arg) {
    io_arg_t *a = arg;
    return SSL_write_ex(ssl, a->buf, a->len, &a->done) == 1 ? 1 : 0;
}

static obj_t *m_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("read", nargs, kwnames, 1, 2) < 0) return NULL;
    int64_t len;
    obj_t *i = obj_index(args[0]);
    if (!i) return NULL;
    int rc = int_as_i64(i, &len);
    DECREF(i);
    if (rc < 0) return NULL;
    obj_t *bufobj = nargs > 1 && args[1] != None ? args[1] : NULL;
    buffer_t view;
    obj_t *result = NULL;
    void *mem;
    if (bufobj) {
        if (buffer_get(bufobj, &view) < 0) return NULL;
        if (view.readonly) {
            buffer_release(&view);
            err_set_str(exc_TypeError, "read-only buffer");
            return NULL;
        }
        if (len <= 0 || (size_t)len > (size_t)view.len) len = view.len;
        mem = view.buf;
    } else {
        if (len < 0) {
            err_set_str(exc_ValueError, "size should not be negative");
            return NULL;
        }
        mem = malloc(len ? (size_t)len : 1);
        if (!mem) return err_no_memory();
    }
    if (len == 0) {
        if (bufobj) {
            buffer_release(&view);
            return int_from_i64(0);
        }
        free(mem);
        return bytes_from("", 0);
    }
    io_arg_t a = {mem, (size_t)len, 0};
    int r = run_op(SS(self), op_read, &a, "read");
    if (r >= 0) {
        size_t n = r > 0 ? a.done : 0;
        result = bufobj ? int_from_u64(n) : bytes_from(mem, n);
    }
    if (bufobj)
        buffer_release(&view);
    else
        free(mem);
    return result;
}

static obj_t *m_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("write", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    io_arg_t a = {view.buf, view.len, 0};
    obj_t *r = NULL;
    if (view.len == 0) {
        buffer_release(&view);
        return int_from_i64(0);
    }
    if (run_op(SS(self), op_write, &a, "write") >= 0) r = int_from_u64(a.done);
    buffer_release(&view);
    return r;
}

static obj_t *m_pending(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("pending", nargs, kwnames, 0, 0) < 0) return NULL;
    conn_lock(SS(self));
    int n = SSL_pending(SS(self)->ssl);
    conn_unlock(SS(self));
    return int_from_i64(n);
}

typedef struct {
    int zeros;
} shut_arg_t;

static int op_shutdown(SSL *ssl, void *arg) {
    shut_arg_t *a = arg;
    for (;;) {
        int r = SSL_shutdown(ssl);
        if (r > 0) return 1;
        if (r == 0) {
            if (++a->zeros > 1) return 1;
            SSL_set_read_ahead(ssl, 0);
            continue;
        }
        return r;
    }
}

static obj_t *m_shutdown(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("shutdown", nargs, kwnames, 0, 0) < 0) return NULL;
    sslsock_t *s = SS(self);
    if (s->sock && atomic_load(&((sock_t *)s->sock)->fd) < 0) {
        err_set_str(exc_ValueError, "Underlying socket has been closed.");
        return NULL;
    }
    shut_arg_t a = {0};
    if (run_op(s, op_shutdown, &a, "write") < 0) return NULL;
    return s->sock ? NEWREF(s->sock) : NEWREF(None);
}

static obj_t *m_getpeercert(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/binary_form", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("getpeercert", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int bin = a[0] ? obj_is_true(a[0]) : 0;
    if (bin < 0) return NULL;
    sslsock_t *s = SS(self);
    conn_lock(s);
    bool done = s->handshake_done || SSL_is_init_finished(s->ssl);
    X509 *x = done ? SSL_get1_peer_certificate(s->ssl) : NULL;
    ssl_ctx_read_begin((sslctx_t *)s->ctx);
    int vm = SSL_CTX_get_verify_mode(SSL_get_SSL_CTX(s->ssl));
    ssl_ctx_read_end((sslctx_t *)s->ctx);
    conn_unlock(s);
    if (!done) {
        err_set_str(exc_ValueError, "handshake not done yet");
        return NULL;
    }
    if (!x) return NEWREF(None);
    obj_t *r;
    if (bin) {
        unsigned char *der = NULL;
        int n = i2d_X509(x, &der);
        r = n < 0 ? ssl_raise_queue(NULL) : bytes_from(der, (size_t)n);
        OPENSSL_free(der);
    } else if (!(vm & SSL_VERIFY_PEER)) {
        r = dict_new();
    } else {
        r = ssl_decode_cert(x);
    }
    X509_free(x);
    return r;
}

static obj_t *cipher_tuple(const SSL_CIPHER *c) {
    obj_t *n = str_from_cstr(SSL_CIPHER_get_name(c));
    obj_t *v = str_from_cstr(SSL_CIPHER_get_version(c));
    obj_t *b = int_from_i64(SSL_CIPHER_get_bits(c, NULL));
    obj_t *t = n && v && b ? tuple_pack(3, n, v, b) : NULL;
    XDECREF(n);
    XDECREF(v);
    XDECREF(b);
    return t;
}

static obj_t *m_cipher(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("cipher", nargs, kwnames, 0, 0) < 0) return NULL;
    conn_lock(SS(self));
    const SSL_CIPHER *c = SSL_get_current_cipher(SS(self)->ssl);
    conn_unlock(SS(self));
    if (!c) return NEWREF(None);
    return cipher_tuple(c);
}

static obj_t *m_shared_ciphers(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("shared_ciphers", nargs, kwnames, 0, 0) < 0) return NULL;
    sslsock_t *s = SS(self);
    conn_lock(s);
    sslctx_t *cfg = (sslctx_t *)s->ctx; // the list may be the context's
    ssl_ctx_read_begin(cfg);
    STACK_OF(SSL_CIPHER) *sk = SSL_get_ciphers(s->ssl);
    obj_t *l = NULL;
    if (sk) {
        l = list_new(0);
        for (int i = 0; l && i < sk_SSL_CIPHER_num(sk); i++) {
            obj_t *t = cipher_tuple(sk_SSL_CIPHER_value(sk, i));
            if (!t || list_append(l, t) < 0) CLEAR(l);
            XDECREF(t);
        }
    }
    ssl_ctx_read_end(cfg);
    conn_unlock(s);
    if (!sk) return NEWREF(None);
    return l;
}

static obj_t *m_version(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("version", nargs, kwnames, 0, 0) < 0) return NULL;
    conn_lock(SS(self));
    bool done = SSL_is_init_finished(SS(self)->ssl);
    const char *v = done ? SSL_get_version(SS(self)->ssl) : NULL;
    conn_unlock(SS(self));
    if (!v || strcmp(v, "unknown") == 0) return NEWREF(None);
    return str_from_cstr(v);
}

static obj_t *m_selected_alpn(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("selected_alpn_protocol", nargs, kwnames, 0, 0) < 0) return NULL;
    const unsigned char *p;
    unsigned int n;
    conn_lock(SS(self));
    SSL_get0_alpn_selected(SS(self)->ssl, &p, &n);
    obj_t *r = p && n ? str_from_utf8((const char *)p, n) : NEWREF(None);
    conn_unlock(SS(self));
    return r;
}

static obj_t *m_compression(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("compression", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *m_channel_binding(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"cb_type", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("get_channel_binding", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    const char *t = "tls-unique";
    if (a[0]) {
        if (!STR_CHECK(a[0])) {
            err_format(exc_TypeError,
                       "get_channel_binding() argument 'cb_type' must be str, not %s",
                       obj_type_name(a[0]));
            return NULL;
        }
        t = str_data(a[0]);
    }
    if (strcmp(t, "tls-unique") != 0) {
        err_format(exc_ValueError, "'%s' channel binding type not implemented", t);
        return NULL;
    }
    sslsock_t *s = SS(self);
    unsigned char buf[128];
    size_t n;
    conn_lock(s);
    if (SSL_session_reused(s->ssl) ^ !s->server_side)
        n = SSL_get_finished(s->ssl, buf, sizeof buf);
    else
        n = SSL_get_peer_finished(s->ssl, buf, sizeof buf);
    conn_unlock(s);
    if (n == 0) return NEWREF(None);
    return bytes_from(buf, n);
}

static obj_t *m_verify_pha(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("verify_client_post_handshake", nargs, kwnames, 0, 0) < 0) return NULL;
    conn_lock(SS(self));
    int ok = SSL_verify_client_post_handshake(SS(self)->ssl);
    conn_unlock(SS(self));
    if (!ok) return ssl_raise_queue(NULL);
    return NEWREF(None);
}

static obj_t *g_context(obj_t *self, void *cl) {
    conn_lock(SS(self));
    obj_t *c = NEWREF(SS(self)->ctx);
    conn_unlock(SS(self));
    return c;
}

static int s_context(obj_t *self, obj_t *v, void *cl) {
    if (!v || !type_is_subtype(TYPE(v), &sslctx_type)) {
        err_set_str(exc_TypeError, "The value must be a SSLContext");
        return -1;
    }
    sslsock_t *s = SS(self);
    conn_lock(s);
    obj_t *old = s->ctx;
    s->ctx = NEWREF(v);
    ssl_ctx_read_begin((sslctx_t *)v); // SSL_set_SSL_CTX copies its settings
    SSL_set_SSL_CTX(s->ssl, ((sslctx_t *)v)->ctx);
    ssl_ctx_read_end((sslctx_t *)v);
    conn_unlock(s);
    DECREF(old);
    return 0;
}

static obj_t *g_server_side(obj_t *self, void *cl) {
    return NEWREF(bool_from(SS(self)->server_side));
}

static obj_t *g_server_hostname(obj_t *self, void *cl) {
    return SS(self)->server_hostname ? NEWREF(SS(self)->server_hostname) : NEWREF(None);
}

static obj_t *g_owner(obj_t *self, void *cl) {
    return owner_get(SS(self));
}

static int s_owner(obj_t *self, obj_t *v, void *cl) {
    if (v && !(v = owner_weakref(v))) return -1;
    conn_lock(SS(self));
    obj_t *old = SS(self)->owner;
    SS(self)->owner = v;
    conn_unlock(SS(self));
    XDECREF(old);
    return 0;
}

static obj_t *g_session(obj_t *self, void *cl) {
    conn_lock(SS(self));
    SSL_SESSION *se = SSL_get1_session(SS(self)->ssl);
    obj_t *ctx = NEWREF(SS(self)->ctx);
    conn_unlock(SS(self));
    obj_t *r = se ? ssl_session_new(se, ctx) : NEWREF(None);
    DECREF(ctx);
    return r;
}

static int s_session(obj_t *self, obj_t *v, void *cl) {
    if (!v || TYPE(v) != &sslsession_type) {
        err_set_str(exc_TypeError, "Value is not a SSLSession.");
        return -1;
    }
    sslsock_t *s = SS(self);
    if (s->server_side) {
        err_set_str(exc_ValueError, "Cannot set session for server-side SSLSocket.");
        return -1;
    }
    int rc = 0;
    conn_lock(s);
    if (s->handshake_done) {
        rc = -2;
    } else if (!SSL_set_session(s->ssl, ssl_session_get(v))) {
        rc = -1;
    }
    conn_unlock(s);
    if (rc == -2) {
        err_set_str(exc_ValueError, "Cannot set session after handshake.");
        return -1;
    }
    if (rc < 0) {
        ssl_raise_queue(NULL);
        return -1;
    }
    return 0;
}

static obj_t *g_session_reused(obj_t *self, void *cl) {
    conn_lock(SS(self));
    int r = SSL_session_reused(SS(self)->ssl);
    conn_unlock(SS(self));
    return NEWREF(bool_from(r));
}

// The SNI callback: sni_callback(sslobj_or_owner, servername, context).
int ssl_servername_cb(SSL *ssl, int *al, void *arg) {
    // `arg` may be a context the callback already replaced and freed: use
    // the connection's current one, held for the call.
    (void)arg;
    sslsock_t *s = SSL_get_ex_data(ssl, ssl_sock_exdata_index);
    if (!s) return SSL_TLSEXT_ERR_OK;
    bool offline = in_offline_ssl;
    if (offline) thread_block_end();
    sslctx_t *ctx = (sslctx_t *)NEWREF(s->ctx);
    int rc = SSL_TLSEXT_ERR_OK;
    obj_t *cb;
    BEGIN_CRITICAL_SECTION(ctx);
    cb = ctx->sni_cb ? NEWREF(ctx->sni_cb) : NULL;
    END_CRITICAL_SECTION();
    if (cb) {
        const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
        obj_t *n = name ? str_from_utf8(name, strlen(name)) : NEWREF(None);
        obj_t *who = owner_get(s);
        if (who == NULL) err_clear();
        if (who == NULL || who == None) { // no owner (or it died)
            XDECREF(who);
            who = NEWREF((obj_t *)s);
        }
        obj_t *r = n ? obj_call(cb, (obj_t *[]){who, n, (obj_t *)ctx}, 3, NULL) : NULL;
        XDECREF(n);
        DECREF(who);
        if (!r) {
            err_write_unraisable(NULL, cb);
            *al = SSL_AD_HANDSHAKE_FAILURE;
            rc = SSL_TLSEXT_ERR_ALERT_FATAL;
        } else if (r != None) {
            int64_t v;
            if (!INT_CHECK(r) || int_as_i64(r, &v) < 0) {
                if (!err_occurred())
                    err_set_str(exc_TypeError, "servername callback must return None or an int");
                err_write_unraisable(NULL, cb);
                *al = SSL_AD_INTERNAL_ERROR;
            } else {
                *al = (int)v;
            }
            rc = SSL_TLSEXT_ERR_ALERT_FATAL;
        }
        XDECREF(r);
        DECREF(cb);
    }
    DECREF((obj_t *)ctx);
    if (offline) thread_block_begin();
    return rc;
}

// ---- _ssl.Certificate ------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    X509 *cert; // immutable
} sslcert_t;

static type_t sslcert_type;

static obj_t *cert_new(X509 *x) {
    sslcert_t *c = (sslcert_t *)obj_alloc(&sslcert_type, sizeof(sslcert_t));
    if (!c) return NULL;
    X509_up_ref(x);
    c->cert = x;
    return (obj_t *)c;
}

static void cert_dealloc(obj_t *o) {
    if (((sslcert_t *)o)->cert) X509_free(((sslcert_t *)o)->cert);
    obj_free(o);
}

static obj_t *cert_public_bytes(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"format", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("public_bytes", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    int fmt = 1; // ENCODING_PEM
    if (a[0] && obj_int_arg(a[0], &fmt) < 0) return NULL;
    X509 *x = ((sslcert_t *)self)->cert;
    if (fmt == 2) {
        unsigned char *der = NULL;
        int n = i2d_X509(x, &der);
        obj_t *r = n < 0 ? ssl_raise_queue(NULL) : bytes_from(der, (size_t)n);
        OPENSSL_free(der);
        return r;
    }
    if (fmt != 1) {
        err_set_str(exc_ValueError, "Unsupported format");
        return NULL;
    }
    BIO *b = BIO_new(BIO_s_mem());
    if (!b || !PEM_write_bio_X509(b, x)) {
        if (b) BIO_free(b);
        return ssl_raise_queue(NULL);
    }
    char *p;
    long n = BIO_get_mem_data(b, &p);
    obj_t *r = str_from_utf8(p, (size_t)n);
    BIO_free(b);
    return r;
}

static obj_t *cert_get_info(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("get_info", nargs, kwnames, 0, 0) < 0) return NULL;
    return ssl_decode_cert(((sslcert_t *)self)->cert);
}

static obj_t *cert_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || TYPE(b) != &sslcert_type)
        return NEWREF(NotImplemented);
    bool eq = X509_cmp(((sslcert_t *)a)->cert, ((sslcert_t *)b)->cert) == 0;
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static hash_t cert_hash(obj_t *self) {
    hash_t h = (hash_t)X509_subject_name_hash(((sslcert_t *)self)->cert);
    return h == -1 ? -2 : h;
}

static obj_t *cert_repr(obj_t *self) {
    char buf[512];
    X509_NAME_oneline(X509_get_subject_name(((sslcert_t *)self)->cert), buf, sizeof buf);
    obj_t *n = str_from_utf8(buf, strlen(buf));
    if (!n) return NULL;
    obj_t *r = str_from_format("<%s '%U'>", "Certificate", n);
    DECREF(n);
    return r;
}

static const method_def_t cert_methods[] = {
    {"public_bytes", cert_public_bytes, 0, NULL},
    {"get_info", cert_get_info, 0, NULL},
    {NULL},
};

static obj_t *cert_no_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_format(exc_TypeError, "cannot create '%s' instances", type->name);
    return NULL;
}

static type_t sslcert_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_ssl.Certificate",
    .basicsize = sizeof(sslcert_t),
    .base = &object_type,
    .dealloc = cert_dealloc,
    .repr = cert_repr,
    .hash = cert_hash,
    .richcompare = cert_richcompare,
    .tp_new = cert_no_new,
    .methods = cert_methods,
};

type_t *ssl_cert_type(void) {
    return &sslcert_type;
}

static obj_t *chain_list(STACK_OF(X509) * sk) {
    obj_t *l = list_new(0);
    for (int i = 0; l && i < sk_X509_num(sk); i++) {
        obj_t *c = cert_new(sk_X509_value(sk, i));
        if (!c || list_append(l, c) < 0) CLEAR(l);
        XDECREF(c);
    }
    return l;
}

static obj_t *m_verified_chain(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("get_verified_chain", nargs, kwnames, 0, 0) < 0) return NULL;
    conn_lock(SS(self));
    STACK_OF(X509) *sk = SSL_get0_verified_chain(SS(self)->ssl);
    obj_t *r = sk ? chain_list(sk) : NEWREF(None);
    conn_unlock(SS(self));
    return r;
}

static obj_t *m_unverified_chain(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("get_unverified_chain", nargs, kwnames, 0, 0) < 0) return NULL;
    sslsock_t *s = SS(self);
    conn_lock(s);
    STACK_OF(X509) *sk = SSL_get_peer_cert_chain(s->ssl);
    obj_t *r;
    if (!sk) {
        r = NEWREF(None);
    } else {
        r = chain_list(sk);
        // servers' chains lack the peer certificate itself
        X509 *peer = s->server_side ? SSL_get0_peer_certificate(s->ssl) : NULL;
        if (r && peer) {
            obj_t *c = cert_new(peer);
            if (!c || list_insert(r, 0, c) < 0) CLEAR(r);
            XDECREF(c);
        }
    }
    conn_unlock(s);
    return r;
}

static const method_def_t sock_methods[] = {
    {"get_verified_chain", m_verified_chain, 0, NULL},
    {"get_unverified_chain", m_unverified_chain, 0, NULL},
    {"do_handshake", m_do_handshake, 0, NULL},
    {"read", m_read, 0, NULL},
    {"write", m_write, 0, NULL},
    {"pending", m_pending, 0, NULL},
    {"shutdown", m_shutdown, 0, NULL},
    {"getpeercert", m_getpeercert, 0, NULL},
    {"cipher", m_cipher, 0, NULL},
    {"shared_ciphers", m_shared_ciphers, 0, NULL},
    {"version", m_version, 0, NULL},
    {"selected_alpn_protocol", m_selected_alpn, 0, NULL},
    {"compression", m_compression, 0, NULL},
    {"get_channel_binding", m_channel_binding, 0, NULL},
    {"verify_client_post_handshake", m_verify_pha, 0, NULL},
    {NULL},
};

static const getset_def_t sock_getsets[] = {
    {"context", g_context, s_context, NULL},
    {"server_side", g_server_side, NULL, NULL},
    {"server_hostname", g_server_hostname, NULL, NULL},
    {"owner", g_owner, s_owner, NULL},
    {"session", g_session, s_session, NULL},
    {"session_reused", g_session_reused, NULL, NULL},
    {NULL},
};

static obj_t *sock_no_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_format(exc_TypeError, "cannot create '%s' instances", type->name);
    return NULL;
}

type_t sslsock_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_ssl._SSLSocket",
    .basicsize = sizeof(sslsock_t),
    .base = &object_type,
    .dealloc = sock_dealloc,
    .traverse = sock_traverse,
    .clear = sock_gc_clear,
    .tp_new = sock_no_new,
    .methods = sock_methods,
    .getsets = sock_getsets,
};
