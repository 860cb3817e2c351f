/*
 * modules/ssl_internal.h — shared between the files of `_ssl`:
 * modules/ssl.c (module, errors, _SSLContext, MemoryBIO, SSLSession) and
 * modules/ssl_sock.c (_SSLSocket and certificate decoding).
 */
#ifndef PVM_SSL_INTERNAL_H
#define PVM_SSL_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "../objects/object.h"

// _ssl._SSLContext.  `ctx` is set once by __new__.  The Python-visible
// fields (check_hostname, post_handshake_auth, sni_cb), every SSL_CTX
// setter and SSL_new (which copies the settings: TSan saw it race with a
// setter) run inside the object's critical section.
//
// OpenSSL reads much of an SSL_CTX (cipher lists, certificates, callbacks)
// during a handshake of every SSL made from it, without a lock of its own,
// and its setters free what they replace: a set_ciphers() racing a
// handshake read a freed cipher stack (stress/ssl_threads under ASan).
// `cfg` is the one owner of that rule: every setter holds it exclusively
// (BEGIN_CTX_SETTER), and every SSL call that may read the context holds
// it shared (ssl_ctx_read_begin/end).
typedef struct {
    obj_t ob;
    SSL_CTX *ctx;
    pthread_rwlock_t cfg;
    int protocol;
    bool check_hostname, post_handshake_auth;
    obj_t *sni_cb;       // section; NULL when unset
    obj_t *msg_cb;       // section; stored only
    obj_t *dict;         // instance dict (ssl.SSLContext sets attributes)
    unsigned char *alpn; // section: wire-format ALPN list (malloc'd) or NULL
    size_t alpn_len;
} sslctx_t;
// SSL_new on the context, inside its critical section (see above).
SSL *ssl_ctx_new_ssl(sslctx_t *c);
// Holds c's configuration lock shared / lets it go.  Waits offline (in a
// blocking region).  A thread may hold several contexts (an SNI callback
// that switches an SSLObject's context) and the same one twice.
void ssl_ctx_read_begin(sslctx_t *c);
void ssl_ctx_read_end(sslctx_t *c);
// Holds it exclusively for a setter; false when this thread already holds
// it shared (a setter called from an SNI callback on the same context):
// the setter then runs without it, as it would on CPython.
bool ssl_ctx_write_begin(sslctx_t *c);
void ssl_ctx_write_end(sslctx_t *c, bool taken);
// A setter's body: the configuration lock, then the critical section.
#define BEGIN_CTX_SETTER(o)                                                                        \
    {                                                                                              \
        sslctx_t *cw_ctx_ = (sslctx_t *)(o);                                                       \
        bool cw_taken_ = ssl_ctx_write_begin(cw_ctx_);                                             \
        BEGIN_CRITICAL_SECTION(cw_ctx_);
#define END_CTX_SETTER()                                                                           \
    END_CRITICAL_SECTION();                                                                        \
    ssl_ctx_write_end(cw_ctx_, cw_taken_);                                                         \
    }

// _ssl.MemoryBIO: `bio` is a memory BIO used only inside the object's
// critical section.
typedef struct {
    obj_t ob;
    BIO *bio;
    bool eof_written;
} sslbio_t;

extern type_t sslctx_type, sslbio_type, sslsock_type, sslsession_type;
extern obj_t *ssl_error, *ssl_zero_return_error, *ssl_want_read_error, *ssl_want_write_error,
    *ssl_syscall_error, *ssl_eof_error, *ssl_cert_verification_error;

// Raises the error at the top of OpenSSL's queue (or `fallback` when the
// queue is empty) as SSLError with library/reason; returns NULL.
obj_t *ssl_raise_queue(const char *fallback);
// Raises exception class `cls` with (code, msg) and library/reason attrs.
obj_t *ssl_raise(obj_t *cls, int code, const char *lib, const char *reason, const char *msg);
// Raises an error after an SSL_* call that returned `ret` on `ssl`;
// verify errors become SSLCertVerificationError.  Returns NULL.
obj_t *ssl_raise_call(SSL *ssl, int ret, int saved_errno);

// The dict CPython's getpeercert() returns for `cert`, or NULL + exception.
PVM_WUR obj_t *ssl_decode_cert(X509 *cert);
PVM_WUR obj_t *ssl_sock_wrap(sslctx_t *ctx, obj_t *sock, bool server_side, obj_t *hostname,
                             obj_t *owner, obj_t *session, sslbio_t *in, sslbio_t *out);
PVM_WUR obj_t *ssl_session_new(SSL_SESSION *s, obj_t *ctx);
SSL_SESSION *ssl_session_get(obj_t *o);
// The SNI servername callback installed on contexts with sni_callback set.
int ssl_servername_cb(SSL *s, int *al, void *arg);
// _ssl.Certificate (modules/ssl_sock.c).
type_t *ssl_cert_type(void);
// Index of the ex_data slot of an SSL* holding its _SSLSocket (borrowed).
extern int ssl_sock_exdata_index;

#endif // PVM_SSL_INTERNAL_H
