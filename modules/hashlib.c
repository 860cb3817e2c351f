/*
 * modules/hashlib.c — the `_hashlib` module over OpenSSL's libcrypto (the
 * EVP digest API of OpenSSL 3): new() and the openssl_* constructors,
 * HASH / HASHXOF objects (update, digest, hexdigest, copy, name,
 * digest_size, block_size), HMAC objects (hmac_new, hmac_digest; built
 * here from two digest contexts), pbkdf2_hmac, scrypt, compare_digest,
 * get_fips_mode, openssl_md_meth_names, _constructors and
 * UnsupportedDigestmodError, so that hashlib.py and hmac.py import and
 * take their OpenSSL paths, with CPython 3.11's names and errors.
 *
 * Concurrency: a HASH or HMAC object's EVP contexts are updated, copied
 * and finalised (on a copy) only inside the object's critical section.
 * Input is read through a buffer export taken before the section; nothing
 * inside it calls Python code.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <string.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"

// Python's names for OpenSSL's digests (hashlib's spelling).
static const struct {
    const char *py, *ossl;
} digest_names[] = {
    {"md5", "MD5"},
    {"sha1", "SHA1"},
    {"sha224", "SHA224"},
    {"sha256", "SHA256"},
    {"sha384", "SHA384"},
    {"sha512", "SHA512"},
    {"sha512_224", "SHA512-224"},
    {"sha512_256", "SHA512-256"},
    {"sha3_224", "SHA3-224"},
    {"sha3_256", "SHA3-256"},
    {"sha3_384", "SHA3-384"},
    {"sha3_512", "SHA3-512"},
    {"shake_128", "SHAKE128"},
    {"shake_256", "SHAKE256"},
    {"blake2b", "BLAKE2B512"},
    {"blake2s", "BLAKE2S256"},
    {"md5-sha1", "MD5-SHA1"},
    {"ripemd160", "RIPEMD160"},
    {"sm3", "SM3"},
};
#define NDIGESTS (sizeof digest_names / sizeof digest_names[0])

static obj_t *unsupported_error; // _hashlib.UnsupportedDigestmodError, immortal
static obj_t *constructors;      // dict: constructor function -> name, immortal

static void raise_unsupported(void) {
    err_set_str(exc_ValueError, "[digital envelope routines] unsupported");
}

// The digest called `name` (a new reference to be EVP_MD_free'd), or NULL +
// UnsupportedDigestmodError.
static EVP_MD *digest_by_name(const char *name) {
    const char *ossl = name;
    for (size_t i = 0; i < NDIGESTS; i++)
        if (strcmp(name, digest_names[i].py) == 0) {
            ossl = digest_names[i].ossl;
            break;
        }
    EVP_MD *md = EVP_MD_fetch(NULL, ossl, NULL);
    if (!md) {
        ERR_clear_error();
        raise_unsupported();
    }
    return md;
}

// The Python name of a digest: hashlib's spelling, else OpenSSL's in lower case.
static obj_t *digest_py_name(const EVP_MD *md) {
    for (size_t i = 0; i < NDIGESTS; i++)
        if (EVP_MD_is_a(md, digest_names[i].ossl)) return str_from_cstr(digest_names[i].py);
    const char *n = EVP_MD_get0_name(md);
    char buf[64];
    size_t k = 0;
    for (; n && n[k] && k < sizeof buf - 1; k++)
        buf[k] = (char)(n[k] >= 'A' && n[k] <= 'Z' ? n[k] - 'A' + 'a' : n[k]);
    buf[k] = 0;
    return str_from_cstr(buf);
}

static bool is_xof(const EVP_MD *md) {
    return (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0;
}

// Feeds a bytes-like object to `ctx` under `lock`'s critical section.
static int update_from(obj_t *lock, EVP_MD_CTX *ctx, obj_t *data) {
    if (STR_CHECK(data)) {
        err_set_str(exc_TypeError, "Strings must be encoded before hashing");
        return -1;
    }
    if (!buffer_check(data)) {
        err_set_str(exc_TypeError, "object supporting the buffer API required");
        return -1;
    }
    buffer_t view;
    if (buffer_get(data, &view) < 0) return -1;
    int ok;
    BEGIN_CRITICAL_SECTION(lock);
    ok = EVP_DigestUpdate(ctx, view.buf, view.len);
    END_CRITICAL_SECTION();
    buffer_release(&view);
    if (!ok) {
        err_set_str(exc_ValueError, "[digital envelope routines] digest update failed");
        return -1;
    }
    return 0;
}

static obj_t *hex_of(const unsigned char *p, size_t n) {
    static const char hexd[] = "0123456789abcdef";
    char *s = malloc(2 * n + 1);
    if (!s) return err_no_memory();
    for (size_t i = 0; i < n; i++) {
        s[2 * i] = hexd[p[i] >> 4];
        s[2 * i + 1] = hexd[p[i] & 15];
    }
    s[2 * n] = 0;
    obj_t *r = str_from_cstr(s);
    free(s);
    return r;
}

// ---- HASH / HASHXOF ----------------------------------------------------------------------

typedef struct {
    obj_t ob;
    EVP_MD_CTX *ctx; // section
    EVP_MD *md;      // immutable
} hash_t_obj;

static type_t hash_type, hashxof_type, hmac_type;

static void hash_dealloc(obj_t *o) {
    hash_t_obj *h = (hash_t_obj *)o;
    if (h->ctx) EVP_MD_CTX_free(h->ctx);
    if (h->md) EVP_MD_free(h->md);
    obj_free(o);
}

static hash_t_obj *hash_alloc(EVP_MD *md) {
    hash_t_obj *h =
        (hash_t_obj *)obj_alloc(is_xof(md) ? &hashxof_type : &hash_type, sizeof(hash_t_obj));
    if (!h) {
        EVP_MD_free(md);
        return NULL;
    }
    h->md = md;
    h->ctx = EVP_MD_CTX_new();
    if (!h->ctx) {
        DECREF((obj_t *)h);
        err_no_memory();
        return NULL;
    }
    return h;
}

static obj_t *hash_make(const char *name, obj_t *data) {
    EVP_MD *md = digest_by_name(name);
    if (!md) return NULL;
    hash_t_obj *h = hash_alloc(md);
    if (!h) return NULL;
    if (!EVP_DigestInit_ex(h->ctx, h->md, NULL)) {
        DECREF((obj_t *)h);
        raise_unsupported();
        return NULL;
    }
    if (data && update_from((obj_t *)h, h->ctx, data) < 0) {
        DECREF((obj_t *)h);
        return NULL;
    }
    return (obj_t *)h;
}

// (string=b'', *, usedforsecurity=True) of the constructors; *data gets
// the data argument (borrowed, may be NULL).
static int ctor_args(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                     obj_t **data) {
    static const char *const names[] = {"string", "$usedforsecurity", NULL};
    obj_t *a[2];
    if (args_parse(fname, args, nargs, kwnames, names, 0, a) < 0) return -1;
    *data = a[0] == None ? NULL : a[0];
    return 0;
}

static obj_t *m_new(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", "string", "$usedforsecurity", NULL};
    obj_t *a[3];
    if (args_parse("new", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    if (!STR_CHECK(a[0])) {
        err_set_str(exc_TypeError, "name must be a string");
        return NULL;
    }
    return hash_make(str_data(a[0]), a[1] == None ? NULL : a[1]);
}

#define OPENSSL_CTOR(pyname)                                                                       \
    static obj_t *m_openssl_##pyname(obj_t *self, obj_t *const *args, size_t nargs,                \
                                     obj_t *kwnames) {                                             \
        obj_t *data;                                                                               \
        if (ctor_args("openssl_" #pyname, args, nargs, kwnames, &data) < 0) return NULL;           \
        return hash_make(#pyname, data);                                                           \
    }
OPENSSL_CTOR(md5)
OPENSSL_CTOR(sha1)
OPENSSL_CTOR(sha224)
OPENSSL_CTOR(sha256)
OPENSSL_CTOR(sha384)
OPENSSL_CTOR(sha512)
OPENSSL_CTOR(sha3_224)
OPENSSL_CTOR(sha3_256)
OPENSSL_CTOR(sha3_384)
OPENSSL_CTOR(sha3_512)
OPENSSL_CTOR(shake_128)
OPENSSL_CTOR(shake_256)

static obj_t *h_update(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("update", nargs, kwnames, 1, 1) < 0) return NULL;
    hash_t_obj *h = (hash_t_obj *)self;
    if (update_from(self, h->ctx, args[0]) < 0) return NULL;
    return NEWREF(None);
}

// The digest of a copy of the context (the object can go on being
// updated); length is the output length for XOFs.
static int final_copy(hash_t_obj *h, unsigned char *out, size_t length, unsigned int *n) {
    EVP_MD_CTX *tmp = EVP_MD_CTX_new();
    if (!tmp) {
        err_no_memory();
        return -1;
    }
    int ok;
    BEGIN_CRITICAL_SECTION(h);
    ok = EVP_MD_CTX_copy_ex(tmp, h->ctx);
    END_CRITICAL_SECTION();
    if (ok) {
        if (is_xof(h->md)) {
            ok = EVP_DigestFinalXOF(tmp, out, length);
            *n = (unsigned int)length;
        } else {
            ok = EVP_DigestFinal_ex(tmp, out, n);
        }
    }
    EVP_MD_CTX_free(tmp);
    if (!ok) {
        err_set_str(exc_ValueError, "[digital envelope routines] digest failed");
        return -1;
    }
    return 0;
}

static obj_t *h_digest_impl(obj_t *self, bool hex) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n;
    if (final_copy((hash_t_obj *)self, out, 0, &n) < 0) return NULL;
    return hex ? hex_of(out, n) : bytes_from(out, n);
}

static obj_t *h_digest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("HASH.digest", nargs, kwnames, 0, 0) < 0) return NULL;
    return h_digest_impl(self, false);
}

static obj_t *h_hexdigest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("HASH.hexdigest", nargs, kwnames, 0, 0) < 0) return NULL;
    return h_digest_impl(self, true);
}

static obj_t *xof_digest_impl(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames,
                              bool hex) {
    static const char *const names[] = {"length", NULL};
    obj_t *a[1];
    if (args_parse(hex ? "hexdigest" : "digest", args, nargs, kwnames, names, 1, a) < 0)
        return NULL;
    obj_t *i = obj_index(a[0]);
    if (!i) return NULL;
    ssize_t len = obj_as_ssize(i);
    DECREF(i);
    if (len == -1 && err_occurred()) return NULL;
    if (len < 0) {
        err_set_str(exc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
        return NULL;
    }
    if (obj_alloc_too_big((size_t)len)) return err_no_memory();
    unsigned char *out = malloc(len ? (size_t)len : 1);
    if (!out) return err_no_memory();
    unsigned int n;
    obj_t *r = NULL;
    if (len == 0)
        r = hex ? str_from_cstr("") : bytes_from("", 0);
    else if (final_copy((hash_t_obj *)self, out, (size_t)len, &n) == 0)
        r = hex ? hex_of(out, (size_t)len) : bytes_from(out, (size_t)len);
    free(out);
    return r;
}

static obj_t *x_digest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return xof_digest_impl(self, args, nargs, kwnames, false);
}

static obj_t *x_hexdigest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return xof_digest_impl(self, args, nargs, kwnames, true);
}

static obj_t *h_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("HASH.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    hash_t_obj *h = (hash_t_obj *)self;
    EVP_MD_up_ref(h->md);
    hash_t_obj *c = hash_alloc(h->md);
    if (!c) return NULL;
    int ok;
    BEGIN_CRITICAL_SECTION(h);
    ok = EVP_MD_CTX_copy_ex(c->ctx, h->ctx);
    END_CRITICAL_SECTION();
    if (!ok) {
        DECREF((obj_t *)c);
        err_set_str(exc_ValueError, "[digital envelope routines] copy failed");
        return NULL;
    }
    return (obj_t *)c;
}

static obj_t *h_get_name(obj_t *self, void *closure) {
    return digest_py_name(((hash_t_obj *)self)->md);
}

static obj_t *h_get_digest_size(obj_t *self, void *closure) {
    hash_t_obj *h = (hash_t_obj *)self;
    return int_from_i64(is_xof(h->md) ? 0 : EVP_MD_get_size(h->md));
}

static obj_t *h_get_block_size(obj_t *self, void *closure) {
    return int_from_i64(EVP_MD_get_block_size(((hash_t_obj *)self)->md));
}

static obj_t *h_repr(obj_t *self) {
    obj_t *n = h_get_name(self, NULL);
    if (!n) return NULL;
    obj_t *r = str_from_format("<%U %s object @ %p>", n, TYPE(self)->name, (void *)self);
    DECREF(n);
    return r;
}

static const method_def_t hash_methods[] = {
    {"update", h_update, METH_DEFAULT, "Update this hash object's state with the provided string."},
    {"digest", h_digest, METH_DEFAULT, "Return the digest value as a bytes object."},
    {"hexdigest", h_hexdigest, METH_DEFAULT,
     "Return the digest value as a string of hexadecimal digits."},
    {"copy", h_copy, METH_DEFAULT, "Return a copy of the hash object."},
    {NULL},
};

static const method_def_t hashxof_methods[] = {
    {"digest", x_digest, METH_DEFAULT, "Return the digest value as a bytes object."},
    {"hexdigest", x_hexdigest, METH_DEFAULT,
     "Return the digest value as a string of hexadecimal digits."},
    {NULL},
};

static const getset_def_t hash_getsets[] = {
    {"name", h_get_name, NULL, NULL},
    {"digest_size", h_get_digest_size, NULL, NULL},
    {"block_size", h_get_block_size, NULL, NULL},
    {NULL},
};

static obj_t *no_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_format(exc_TypeError, "cannot create '%s' instances", type->name);
    return NULL;
}

static type_t hash_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_hashlib.HASH",
    .basicsize = sizeof(hash_t_obj),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = hash_dealloc,
    .repr = h_repr,
    .tp_new = no_new,
    .methods = hash_methods,
    .getsets = hash_getsets,
};

static type_t hashxof_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_hashlib.HASHXOF",
    .basicsize = sizeof(hash_t_obj),
    .base = &hash_type,
    .dealloc = hash_dealloc,
    .repr = h_repr,
    .tp_new = no_new,
    .methods = hashxof_methods,
};

// ---- HMAC --------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    EVP_MD_CTX *inner, *outer; // section (outer is keyed once and only copied)
    EVP_MD *md;
} hmac_obj_t;

static void hmac_dealloc(obj_t *o) {
    hmac_obj_t *h = (hmac_obj_t *)o;
    if (h->inner) EVP_MD_CTX_free(h->inner);
    if (h->outer) EVP_MD_CTX_free(h->outer);
    if (h->md) EVP_MD_free(h->md);
    obj_free(o);
}

// The digest named by digestmod: a str, or one of this module's constructors.
static EVP_MD *digest_by_digestmod(obj_t *digestmod) {
    if (STR_CHECK(digestmod)) return digest_by_name(str_data(digestmod));
    obj_t *name = constructors ? dict_get(constructors, digestmod) : NULL;
    if (!name) {
        if (!err_occurred())
            err_format((type_t *)unsupported_error, "Unsupported digestmod %R", digestmod);
        return NULL;
    }
    EVP_MD *md = digest_by_name(str_data(name));
    DECREF(name);
    return md;
}

static obj_t *hmac_make(obj_t *key, obj_t *msg, obj_t *digestmod) {
    EVP_MD *md = digest_by_digestmod(digestmod);
    if (!md) return NULL;
    if (is_xof(md)) {
        EVP_MD_free(md);
        raise_unsupported();
        return NULL;
    }
    buffer_t kv;
    if (buffer_get(key, &kv) < 0) {
        EVP_MD_free(md);
        return NULL;
    }
    hmac_obj_t *h = (hmac_obj_t *)obj_alloc(&hmac_type, sizeof(hmac_obj_t));
    if (!h) {
        buffer_release(&kv);
        EVP_MD_free(md);
        return NULL;
    }
    h->md = md;
    h->inner = EVP_MD_CTX_new();
    h->outer = EVP_MD_CTX_new();
    size_t bs = (size_t)EVP_MD_get_block_size(md);
    unsigned char kb[256], ipad[256], opad[256];
    memset(kb, 0, sizeof kb);
    bool ok = h->inner && h->outer && bs <= sizeof kb;
    if (ok && kv.len > bs) {
        unsigned int n;
        ok = EVP_Digest(kv.buf, kv.len, kb, &n, md, NULL);
    } else if (ok) {
        memcpy(kb, kv.buf, kv.len);
    }
    buffer_release(&kv);
    if (ok) {
        for (size_t i = 0; i < bs; i++) {
            ipad[i] = kb[i] ^ 0x36;
            opad[i] = kb[i] ^ 0x5c;
        }
        ok = EVP_DigestInit_ex(h->inner, md, NULL) && EVP_DigestUpdate(h->inner, ipad, bs) &&
             EVP_DigestInit_ex(h->outer, md, NULL) && EVP_DigestUpdate(h->outer, opad, bs);
    }
    if (!ok) {
        DECREF((obj_t *)h);
        raise_unsupported();
        return NULL;
    }
    if (msg && msg != None && update_from((obj_t *)h, h->inner, msg) < 0) {
        DECREF((obj_t *)h);
        return NULL;
    }
    return (obj_t *)h;
}

static obj_t *m_hmac_new(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"key", "msg", "digestmod", NULL};
    obj_t *a[3];
    if (args_parse("hmac_new", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    if (!a[2] || a[2] == None) {
        err_set_str(exc_TypeError, "Missing required parameter 'digestmod'.");
        return NULL;
    }
    return hmac_make(a[0], a[1], a[2]);
}

static int hmac_final(hmac_obj_t *h, unsigned char *out, unsigned int *n) {
    EVP_MD_CTX *i = EVP_MD_CTX_new(), *o = EVP_MD_CTX_new();
    int ok = i && o;
    if (ok) {
        BEGIN_CRITICAL_SECTION(h);
        ok = EVP_MD_CTX_copy_ex(i, h->inner) && EVP_MD_CTX_copy_ex(o, h->outer);
        END_CRITICAL_SECTION();
    }
    unsigned char ih[EVP_MAX_MD_SIZE];
    unsigned int in;
    ok = ok && EVP_DigestFinal_ex(i, ih, &in) && EVP_DigestUpdate(o, ih, in) &&
         EVP_DigestFinal_ex(o, out, n);
    if (i) EVP_MD_CTX_free(i);
    if (o) EVP_MD_CTX_free(o);
    if (!ok) {
        err_set_str(exc_ValueError, "[digital envelope routines] digest failed");
        return -1;
    }
    return 0;
}

static obj_t *m_hmac_digest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"key", "msg", "digest", NULL};
    obj_t *a[3];
    if (args_parse("hmac_digest", args, nargs, kwnames, names, 3, a) < 0) return NULL;
    obj_t *h = hmac_make(a[0], a[1], a[2]);
    if (!h) return NULL;
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n;
    obj_t *r = hmac_final((hmac_obj_t *)h, out, &n) < 0 ? NULL : bytes_from(out, n);
    DECREF(h);
    return r;
}

static obj_t *hm_update(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"msg", NULL};
    obj_t *a[1];
    if (args_parse("update", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    if (update_from(self, ((hmac_obj_t *)self)->inner, a[0]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *hm_digest_impl(obj_t *self, bool hex) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n;
    if (hmac_final((hmac_obj_t *)self, out, &n) < 0) return NULL;
    return hex ? hex_of(out, n) : bytes_from(out, n);
}

static obj_t *hm_digest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("HMAC.digest", nargs, kwnames, 0, 0) < 0) return NULL;
    return hm_digest_impl(self, false);
}

static obj_t *hm_hexdigest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("HMAC.hexdigest", nargs, kwnames, 0, 0) < 0) return NULL;
    return hm_digest_impl(self, true);
}

static obj_t *hm_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("HMAC.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    hmac_obj_t *h = (hmac_obj_t *)self;
    hmac_obj_t *c = (hmac_obj_t *)obj_alloc(&hmac_type, sizeof(hmac_obj_t));
    if (!c) return NULL;
    EVP_MD_up_ref(h->md);
    c->md = h->md;
    c->inner = EVP_MD_CTX_new();
    c->outer = EVP_MD_CTX_new();
    int ok = c->inner && c->outer;
    if (ok) {
        BEGIN_CRITICAL_SECTION(h);
        ok = EVP_MD_CTX_copy_ex(c->inner, h->inner) && EVP_MD_CTX_copy_ex(c->outer, h->outer);
        END_CRITICAL_SECTION();
    }
    if (!ok) {
        DECREF((obj_t *)c);
        err_set_str(exc_ValueError, "[digital envelope routines] copy failed");
        return NULL;
    }
    return (obj_t *)c;
}

static obj_t *hm_get_name(obj_t *self, void *closure) {
    obj_t *n = digest_py_name(((hmac_obj_t *)self)->md);
    if (!n) return NULL;
    obj_t *r = str_from_format("hmac-%U", n);
    DECREF(n);
    return r;
}

static obj_t *hm_get_digest_size(obj_t *self, void *closure) {
    return int_from_i64(EVP_MD_get_size(((hmac_obj_t *)self)->md));
}

static obj_t *hm_get_block_size(obj_t *self, void *closure) {
    return int_from_i64(EVP_MD_get_block_size(((hmac_obj_t *)self)->md));
}

static obj_t *hm_repr(obj_t *self) {
    obj_t *n = digest_py_name(((hmac_obj_t *)self)->md);
    if (!n) return NULL;
    obj_t *r = str_from_format("<%U HMAC object @ %p>", n, (void *)self);
    DECREF(n);
    return r;
}

static const method_def_t hmac_methods[] = {
    {"update", hm_update, METH_DEFAULT, "Update the HMAC object with msg."},
    {"digest", hm_digest, METH_DEFAULT,
     "Return the digest of the bytes passed to the update() method so far."},
    {"hexdigest", hm_hexdigest, METH_DEFAULT,
     "Return hexadecimal digest of the bytes passed to the update() method so far."},
    {"copy", hm_copy, METH_DEFAULT, "Return a copy (\"clone\") of the HMAC object."},
    {NULL},
};

static const getset_def_t hmac_getsets[] = {
    {"name", hm_get_name, NULL, NULL},
    {"digest_size", hm_get_digest_size, NULL, NULL},
    {"block_size", hm_get_block_size, NULL, NULL},
    {NULL},
};

static type_t hmac_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_hashlib.HMAC",
    .basicsize = sizeof(hmac_obj_t),
    .base = &object_type,
    .dealloc = hmac_dealloc,
    .repr = hm_repr,
    .tp_new = no_new,
    .methods = hmac_methods,
    .getsets = hmac_getsets,
};

// ---- key derivation, comparison ----------------------------------------------------------

static int64_t long_arg(obj_t *v, bool *overflow) {
    *overflow = false;
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int64_t x;
    if (int_as_i64(i, &x) < 0) {
        if (!err_matches(exc_OverflowError)) {
            DECREF(i);
            return -1;
        }
        err_clear();
        *overflow = true;
        x = int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
    }
    DECREF(i);
    return x;
}

static obj_t *m_pbkdf2_hmac(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"hash_name",  "password", "salt",
                                        "iterations", "dklen",    NULL};
    obj_t *a[5];
    if (args_parse("pbkdf2_hmac", args, nargs, kwnames, names, 4, a) < 0) return NULL;
    if (!STR_CHECK(a[0])) {
        err_format(exc_TypeError, "pbkdf2_hmac() argument 'hash_name' must be str, not %s",
                   obj_type_name(a[0]));
        return NULL;
    }
    bool ovf;
    int64_t iters = long_arg(a[3], &ovf);
    if (iters == -1 && err_occurred()) return NULL;
    if (iters < 1) {
        err_set_str(exc_ValueError, "iteration value must be greater than 0.");
        return NULL;
    }
    if (iters > INT_MAX) {
        err_set_str(exc_OverflowError, "iteration value is too great.");
        return NULL;
    }
    EVP_MD *md = digest_by_name(str_data(a[0]));
    if (!md) return NULL;
    int64_t dklen = EVP_MD_get_size(md);
    if (a[4] && a[4] != None) {
        dklen = long_arg(a[4], &ovf);
        if (dklen == -1 && err_occurred()) {
            EVP_MD_free(md);
            return NULL;
        }
        if (dklen < 1) {
            EVP_MD_free(md);
            err_set_str(exc_ValueError, "key length must be greater than 0.");
            return NULL;
        }
        if (dklen > INT_MAX) {
            EVP_MD_free(md);
            err_set_str(exc_OverflowError, "key length is too great.");
            return NULL;
        }
    }
    obj_t *pw = buffer_as_bytes(a[1]);
    obj_t *salt = pw ? buffer_as_bytes(a[2]) : NULL;
    unsigned char *out = salt ? malloc((size_t)dklen) : NULL;
    obj_t *r = NULL;
    if (salt && !out) err_no_memory();
    if (out) {
        int ok;
        ok = PKCS5_PBKDF2_HMAC((const char *)bytes_data(pw), (int)bytes_len(pw), bytes_data(salt),
                               (int)bytes_len(salt), (int)iters, md, (int)dklen, out);
        if (ok)
            r = bytes_from(out, (size_t)dklen);
        else
            err_set_str(exc_ValueError, "[digital envelope routines] pbkdf2 failed");
    }
    free(out);
    XDECREF(pw);
    XDECREF(salt);
    EVP_MD_free(md);
    return r;
}

static obj_t *m_scrypt(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"password", "$salt",   "$n",     "$r",
                                        "$p",       "$maxmem", "$dklen", NULL};
    obj_t *a[7];
    if (args_parse("scrypt", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    if (!a[1]) {
        err_set_str(exc_TypeError, "salt is required");
        return NULL;
    }
    uint64_t v[5] = {0, 0, 0, 0, 64};
    for (int k = 0; k < 5; k++) {
        if (!a[2 + k] || a[2 + k] == None) continue;
        bool ovf;
        int64_t x = long_arg(a[2 + k], &ovf);
        if (x == -1 && err_occurred()) return NULL;
        v[k] = (uint64_t)x;
    }
    if (!a[2] || v[0] < 2 || (v[0] & (v[0] - 1))) {
        err_set_str(exc_ValueError, "n must be a power of 2.");
        return NULL;
    }
    if (v[4] < 1 || v[4] > INT_MAX) {
        err_set_str(exc_ValueError, "dklen must be greater than 0 and smaller than 2147483647");
        return NULL;
    }
    obj_t *pw = buffer_as_bytes(a[0]);
    obj_t *salt = pw ? buffer_as_bytes(a[1]) : NULL;
    if (!salt) {
        XDECREF(pw);
        return NULL;
    }
    unsigned char *out = malloc((size_t)v[4]);
    obj_t *r = NULL;
    if (!out)
        err_no_memory();
    else if (EVP_PBE_scrypt((const char *)bytes_data(pw), bytes_len(pw), bytes_data(salt),
                            bytes_len(salt), v[0], v[1], v[2], v[3], out, (size_t)v[4]))
        r = bytes_from(out, (size_t)v[4]);
    else
        err_set_str(exc_ValueError, "Invalid parameter combination for n, r, p, maxmem.");
    free(out);
    DECREF(pw);
    DECREF(salt);
    return r;
}

static obj_t *m_compare_digest(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("compare_digest", nargs, kwnames, 2, 2) < 0) return NULL;
    obj_t *x = args[0], *y = args[1];
    obj_t *bx = NULL, *by = NULL;
    if (STR_CHECK(x) && STR_CHECK(y)) {
        if (str_len(x) != str_nbytes(x) || str_len(y) != str_nbytes(y)) {
            err_set_str(exc_TypeError,
                        "comparing strings with non-ASCII characters is not supported");
            return NULL;
        }
        bx = bytes_from(str_data(x), str_nbytes(x));
        by = bytes_from(str_data(y), str_nbytes(y));
    } else if (STR_CHECK(x) || STR_CHECK(y) || !buffer_check(x) || !buffer_check(y)) {
        if (!STR_CHECK(x) && !STR_CHECK(y) && (!buffer_check(x) || !buffer_check(y)) &&
            !(buffer_check(x) || buffer_check(y))) {
            err_format(exc_TypeError,
                       "unsupported operand types(s) or combination of types: '%s' and '%s'",
                       obj_type_name(x), obj_type_name(y));
            return NULL;
        }
        err_format(exc_TypeError, "a bytes-like object is required, not '%s'",
                   obj_type_name(STR_CHECK(x) || !buffer_check(x) ? x : y));
        return NULL;
    } else {
        bx = buffer_as_bytes(x);
        by = bx ? buffer_as_bytes(y) : NULL;
    }
    if (!bx || !by) {
        XDECREF(bx);
        XDECREF(by);
        return NULL;
    }
    bool eq = bytes_len(bx) == bytes_len(by) &&
              CRYPTO_memcmp(bytes_data(bx), bytes_data(by), bytes_len(bx)) == 0;
    DECREF(bx);
    DECREF(by);
    return NEWREF(bool_from(eq));
}

static obj_t *m_get_fips_mode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("get_fips_mode", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(EVP_default_properties_is_fips_enabled(NULL) ? 1 : 0);
}

// ---- module ------------------------------------------------------------------------------

static const method_def_t hashlib_functions[] = {
    {"new", m_new, 0, "Return a new hash object using the named algorithm."},
    {"openssl_md5", m_openssl_md5, 0,
     "Returns a md5 hash object; optionally initialized with a string"},
    {"openssl_sha1", m_openssl_sha1, 0,
     "Returns a sha1 hash object; optionally initialized with a string"},
    {"openssl_sha224", m_openssl_sha224, 0,
     "Returns a sha224 hash object; optionally initialized with a string"},
    {"openssl_sha256", m_openssl_sha256, 0,
     "Returns a sha256 hash object; optionally initialized with a string"},
    {"openssl_sha384", m_openssl_sha384, 0,
     "Returns a sha384 hash object; optionally initialized with a string"},
    {"openssl_sha512", m_openssl_sha512, 0,
     "Returns a sha512 hash object; optionally initialized with a string"},
    {"openssl_sha3_224", m_openssl_sha3_224, 0,
     "Returns a sha3-224 hash object; optionally initialized with a string"},
    {"openssl_sha3_256", m_openssl_sha3_256, 0,
     "Returns a sha3-256 hash object; optionally initialized with a string"},
    {"openssl_sha3_384", m_openssl_sha3_384, 0,
     "Returns a sha3-384 hash object; optionally initialized with a string"},
    {"openssl_sha3_512", m_openssl_sha3_512, 0,
     "Returns a sha3-512 hash object; optionally initialized with a string"},
    {"openssl_shake_128", m_openssl_shake_128, 0,
     "Returns a shake-128 variable hash object; optionally initialized with a string"},
    {"openssl_shake_256", m_openssl_shake_256, 0,
     "Returns a shake-256 variable hash object; optionally initialized with a string"},
    {"pbkdf2_hmac", m_pbkdf2_hmac, 0,
     "Password based key derivation function 2 (PKCS #5 v2.0) with HMAC as pseudorandom function."},
    {"scrypt", m_scrypt, 0, "scrypt password-based key derivation function."},
    {"hmac_digest", m_hmac_digest, 0, "Single-shot HMAC."},
    {"hmac_new", m_hmac_new, 0, "Return a new hmac object."},
    {"compare_digest", m_compare_digest, 0, "Return 'a == b'."},
    {"get_fips_mode", m_get_fips_mode, 0, "Determine the OpenSSL FIPS mode of operation."},
    {NULL},
};

// {openssl_md5: 'md5', ...} over this module's constructor functions, as a
// read-only mapping (types.MappingProxyType) for _constructors.
static obj_t *build_constructors(obj_t *m, obj_t **proxy) {
    obj_t *d = dict_new();
    if (!d) return NULL;
    static const char *const ctors[] = {"md5",      "sha1",     "sha224",    "sha256",
                                        "sha384",   "sha512",   "sha3_224",  "sha3_256",
                                        "sha3_384", "sha3_512", "shake_128", "shake_256"};
    for (size_t i = 0; i < sizeof ctors / sizeof ctors[0]; i++) {
        char key[32];
        snprintf(key, sizeof key, "openssl_%s", ctors[i]);
        obj_t *f = dict_get_str(module_dict(m), key);
        obj_t *name = f ? str_from_cstr(ctors[i]) : NULL;
        int rc = name ? dict_set(d, f, name) : -1;
        XDECREF(f);
        XDECREF(name);
        if (rc < 0) {
            DECREF(d);
            return NULL;
        }
    }
    obj_t *types = import_module("types");
    obj_t *mp = types ? obj_getattr_str(types, "MappingProxyType") : NULL;
    XDECREF(types);
    *proxy = mp ? obj_call1(mp, d) : NULL;
    XDECREF(mp);
    if (!*proxy) {
        err_clear();
        *proxy = NEWREF(d);
    }
    return d;
}

static obj_t *md_meth_names(void) {
    obj_t *s = set_new(NULL);
    if (!s) return NULL;
    for (size_t i = 0; i < NDIGESTS; i++) {
        EVP_MD *md = EVP_MD_fetch(NULL, digest_names[i].ossl, NULL);
        if (!md) continue;
        EVP_MD_free(md);
        obj_t *n = str_from_cstr(digest_names[i].py);
        if (!n || set_add(s, n) < 0) {
            XDECREF(n);
            DECREF(s);
            return NULL;
        }
        DECREF(n);
    }
    ERR_clear_error();
    obj_t *fs = frozenset_new(s);
    DECREF(s);
    return fs;
}

obj_t *hashlib_module_init(void) {
    static _Atomic int ready;
    obj_t *m = module_new("_hashlib");
    if (!m) return NULL;
    obj_t *proxy = NULL, *names = NULL;
    if (module_add_functions(m, hashlib_functions) < 0 || type_ensure_ready(&hash_type) < 0 ||
        type_ensure_ready(&hashxof_type) < 0 || type_ensure_ready(&hmac_type) < 0)
        goto fail;
    if (!atomic_exchange(&ready, 1)) {
        unsupported_error = exc_new_class("_hashlib", "UnsupportedDigestmodError", exc_ValueError);
        if (!unsupported_error) goto fail;
        constructors = build_constructors(m, &proxy);
        if (!constructors) goto fail;
        obj_immortalize(constructors);
    } else {
        proxy = NEWREF(constructors);
    }
    names = md_meth_names();
    obj_t *d = module_dict(m);
    if (!unsupported_error || !names || !proxy ||
        dict_set_str(d, "UnsupportedDigestmodError", unsupported_error) < 0 ||
        dict_set_str(d, "_constructors", proxy) < 0 ||
        dict_set_str(d, "openssl_md_meth_names", names) < 0 ||
        dict_set_str(d, "HASH", (obj_t *)&hash_type) < 0 ||
        dict_set_str(d, "HASHXOF", (obj_t *)&hashxof_type) < 0 ||
        dict_set_str(d, "HMAC", (obj_t *)&hmac_type) < 0)
        goto fail;
    DECREF(proxy);
    DECREF(names);
    return m;
fail:
    XDECREF(proxy);
    XDECREF(names);
    DECREF(m);
    return NULL;
}
