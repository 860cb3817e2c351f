/*
 * modules/socket_addr.c — `_socket` addresses: Python address objects to
 * sockaddr and back (AF_INET, AF_INET6, AF_UNIX with Linux's abstract
 * namespace), host name resolution, and the module-level functions built
 * on them (getaddrinfo, getnameinfo, gethostbyname*, inet_*, hton*, ...).
 *
 * Nothing here touches shared mutable state: the functions work on their
 * arguments and on the C library's resolver, whose reentrant entry points
 * (getaddrinfo, gethostbyname_r ...) are used.  Lookups that may block
 * (DNS, /etc files) run in a blocking region.
 */
#define _GNU_SOURCE 1
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <netdb.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytearray.h"
#include "../objects/bytes.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "posix_internal.h"
#include "socket_internal.h"

static obj_t *raise_pair(obj_t *cls, int code, const char *msg) {
    obj_t *m = str_from_cstr(msg);
    if (m == NULL) return NULL;
    obj_t *args[2] = {SMALLINT_FROM(code), m};
    obj_t *exc = obj_call(cls, args, 2, NULL);
    DECREF(m);
    if (exc != NULL) {
        err_set_object(exc);
        DECREF(exc);
    }
    return NULL;
}

obj_t *sock_set_gaierror(int code) {
    if (code == EAI_SYSTEM) return err_from_errno(errno, NULL);
    return raise_pair(sock_gaierror, code, gai_strerror(code));
}

static obj_t *set_herror(int code) {
    return raise_pair(sock_herror, code, hstrerror(code));
}

// getaddrinfo(3) in a blocking region.
static int gai_blocking(const char *host, const char *port, const struct addrinfo *hints,
                        struct addrinfo **res) {
    thread_block_begin();
    int rc = getaddrinfo(host, port, hints, res);
    int e = errno;
    thread_block_end();
    errno = e;
    return rc;
}

// A host name argument as bytes (CPython's idna converter): str (ASCII as
// is, else the "idna" codec), bytes or bytearray.  New reference or NULL.
static obj_t *host_bytes(obj_t *v) {
    obj_t *b;
    if (STR_CHECK(v)) {
        if (str_len(v) == str_nbytes(v))
            b = bytes_from(str_data(v), str_nbytes(v));
        else
            b = str_encode(v, "idna", NULL);
    } else if (BYTES_CHECK(v) || bytearray_check(v)) {
        b = buffer_as_bytes(v);
    } else {
        err_format(exc_TypeError, "str, bytes or bytearray expected, not %s", obj_type_name(v));
        return NULL;
    }
    if (b == NULL) return NULL;
    if (!BYTES_CHECK(b)) {
        DECREF(b);
        err_set_str(exc_TypeError, "encoding with 'idna' codec failed");
        return NULL;
    }
    if (memchr(bytes_data(b), 0, bytes_len(b))) {
        DECREF(b);
        err_set_str(exc_TypeError, "host name must not contain null character");
        return NULL;
    }
    return b;
}

// Resolves `name` into *out (an IPv4 or IPv6 address), CPython's setipaddr:
// "" is the wildcard address, "<broadcast>" INADDR_BROADCAST, numeric
// addresses need no lookup.  Returns the family found, -1 + exception.
static int set_ip_addr(const char *name, sock_addr_t *out, int family) {
    memset(out, 0, sizeof *out);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    if (name[0] == '\0') {
        hints.ai_family = family;
        hints.ai_socktype = SOCK_DGRAM;
        hints.ai_flags = AI_PASSIVE;
        int rc = gai_blocking(NULL, "0", &hints, &res);
        if (rc) {
            sock_set_gaierror(rc);
            return -1;
        }
        int fam = res->ai_family;
        if (res->ai_next) {
            freeaddrinfo(res);
            err_set_str(exc_OSError, "wildcard resolved to multiple address");
            return -1;
        }
        memcpy(out, res->ai_addr, res->ai_addrlen < sizeof *out ? res->ai_addrlen : sizeof *out);
        freeaddrinfo(res);
        return fam;
    }
    if (strcmp(name, "<broadcast>") == 0 || strcmp(name, "255.255.255.255") == 0) {
        if (family != AF_INET && family != AF_UNSPEC) {
            err_set_str(exc_OSError, "address family mismatched");
            return -1;
        }
        out->in4.sin_family = AF_INET;
        out->in4.sin_addr.s_addr = INADDR_BROADCAST;
        return AF_INET;
    }
    if ((family == AF_INET || family == AF_UNSPEC) &&
        inet_pton(AF_INET, name, &out->in4.sin_addr) == 1) {
        out->in4.sin_family = AF_INET;
        return AF_INET;
    }
    if ((family == AF_INET6 || family == AF_UNSPEC) && strchr(name, '%') == NULL &&
        inet_pton(AF_INET6, name, &out->in6.sin6_addr) == 1) {
        out->in6.sin6_family = AF_INET6;
        return AF_INET6;
    }
    hints.ai_family = family;
    int rc = gai_blocking(name, NULL, &hints, &res);
    if (rc) {
        sock_set_gaierror(rc);
        return -1;
    }
    int fam = res->ai_family;
    memcpy(out, res->ai_addr, res->ai_addrlen < sizeof *out ? res->ai_addrlen : sizeof *out);
    freeaddrinfo(res);
    return fam;
}

static int uint_arg(obj_t *v, int64_t lo, int64_t hi, int64_t *out) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int rc = int_as_i64(i, out);
    DECREF(i);
    if (rc < 0) return -1;
    if (*out < lo || *out > hi) {
        err_set_str(exc_OverflowError, *out < lo ? "signed integer is less than minimum"
                                                 : "signed integer is greater than maximum");
        return -1;
    }
    return 0;
}

static int parse_unix(obj_t *arg, sock_addr_t *addr, socklen_t *len) {
    obj_t *b = STR_CHECK(arg) ? posix_fs_encode(arg) : buffer_as_bytes(arg);
    if (b == NULL) return -1;
    size_t n = bytes_len(b);
    const unsigned char *p = bytes_data(b);
    bool abstract = n > 0 && p[0] == 0;
    if (abstract ? n > sizeof addr->un.sun_path : n >= sizeof addr->un.sun_path) {
        DECREF(b);
        err_set_str(exc_OSError, "AF_UNIX path too long");
        return -1;
    }
    memset(addr, 0, sizeof *addr);
    addr->un.sun_family = AF_UNIX;
    memcpy(addr->un.sun_path, p, n);
    *len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
    DECREF(b);
    return 0;
}

static int parse_inet(obj_t *arg, sock_addr_t *addr, socklen_t *len, const char *caller, bool v6) {
    const char *fam = v6 ? "AF_INET6" : "AF_INET";
    if (!TUPLE_CHECK(arg)) {
        err_format(exc_TypeError, "%s(): %s address must be tuple, not %s", caller, fam,
                   obj_type_name(arg));
        return -1;
    }
    size_t n = TUPLE_SIZE(arg);
    if (v6 ? (n < 2 || n > 4) : n != 2) {
        err_set_str(exc_TypeError, v6 ? "AF_INET6 address must be a tuple (host, port[, "
                                        "flowinfo[, scopeid]])"
                                      : "AF_INET address must be a pair (host, port)");
        return -1;
    }
    obj_t *host = host_bytes(TUPLE_GET(arg, 0));
    if (host == NULL) return -1;
    int64_t port, flow = 0, scope = 0;
    if (uint_arg(TUPLE_GET(arg, 1), INT_MIN, INT_MAX, &port) < 0 ||
        (n > 2 && uint_arg(TUPLE_GET(arg, 2), 0, UINT_MAX, &flow) < 0) ||
        (n > 3 && uint_arg(TUPLE_GET(arg, 3), 0, UINT_MAX, &scope) < 0)) {
        DECREF(host);
        return -1;
    }
    int rc = set_ip_addr((const char *)bytes_data(host), addr, v6 ? AF_INET6 : AF_INET);
    DECREF(host);
    if (rc < 0) return -1;
    if (port < 0 || port > 0xffff) {
        err_format(exc_OverflowError, "%s(): port must be 0-65535.", caller);
        return -1;
    }
    if (v6) {
        if (flow > 0xfffff) {
            err_format(exc_OverflowError, "%s(): flowinfo must be 0-1048575.", caller);
            return -1;
        }
        addr->in6.sin6_family = AF_INET6;
        addr->in6.sin6_port = htons((uint16_t)port);
        addr->in6.sin6_flowinfo = htonl((uint32_t)flow);
        addr->in6.sin6_scope_id = (uint32_t)scope;
        *len = sizeof addr->in6;
    } else {
        addr->in4.sin_family = AF_INET;
        addr->in4.sin_port = htons((uint16_t)port);
        *len = sizeof addr->in4;
    }
    return 0;
}

int sock_addr_parse(int family, obj_t *arg, sock_addr_t *addr, socklen_t *len, const char *caller) {
    switch (family) {
    case AF_UNIX: return parse_unix(arg, addr, len);
    case AF_INET: return parse_inet(arg, addr, len, caller, false);
    case AF_INET6: return parse_inet(arg, addr, len, caller, true);
    default: err_format(exc_OSError, "%s(): bad family", caller); return -1;
    }
}

// The numeric host of an IP address.  As CPython, an IPv6 address has no
// "%scope" suffix: the scope id is the tuple's 4th item.
static obj_t *ip_str(const struct sockaddr *sa) {
    char host[INET6_ADDRSTRLEN];
    const void *a = sa->sa_family == AF_INET6
                        ? (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr
                        : (const void *)&((const struct sockaddr_in *)sa)->sin_addr;
    if (inet_ntop(sa->sa_family, a, host, sizeof host) == NULL) return err_from_errno(errno, NULL);
    return str_from_cstr(host);
}

obj_t *sock_addr_make(const struct sockaddr *sa, socklen_t len, int family) {
    (void)family;
    if (len == 0) return NEWREF(None);
    switch (sa->sa_family) {
    case AF_INET: {
        const struct sockaddr_in *a = (const struct sockaddr_in *)sa;
        obj_t *h = ip_str(sa);
        if (h == NULL) return NULL;
        obj_t *r = tuple_pack(2, h, SMALLINT_FROM(ntohs(a->sin_port)));
        DECREF(h);
        return r;
    }
    case AF_INET6: {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)sa;
        obj_t *h = ip_str(sa);
        if (h == NULL) return NULL;
        obj_t *r =
            tuple_pack(4, h, SMALLINT_FROM(ntohs(a->sin6_port)),
                       SMALLINT_FROM(ntohl(a->sin6_flowinfo)), SMALLINT_FROM(a->sin6_scope_id));
        DECREF(h);
        return r;
    }
    case AF_UNIX: {
        const struct sockaddr_un *a = (const struct sockaddr_un *)sa;
        size_t off = offsetof(struct sockaddr_un, sun_path);
        size_t n = len > off ? len - off : 0;
        if (n > sizeof a->sun_path) n = sizeof a->sun_path;
        if (n > 0 && a->sun_path[0] == 0) return bytes_from(a->sun_path, n);
        n = strnlen(a->sun_path, n);
        return posix_fs_decode(a->sun_path, n, false);
    }
    default: {
        obj_t *b = bytes_from(sa->sa_data, sizeof sa->sa_data);
        if (b == NULL) return NULL;
        obj_t *r = tuple_pack(2, SMALLINT_FROM(sa->sa_family), b);
        DECREF(b);
        return r;
    }
    }
}

// ---- module functions ------------------------------------------------------------------

static obj_t *mod_getaddrinfo(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"host", "port", "family", "type", "proto", "flags", NULL};
    obj_t *v[6] = {NULL};
    if (args_parse("getaddrinfo", args, nargs, kwnames, names, 2, v) < 0) return NULL;
    int fam = 0, type = 0, proto = 0, flags = 0;
    if ((v[2] && obj_int_arg(v[2], &fam) < 0) || (v[3] && obj_int_arg(v[3], &type) < 0) ||
        (v[4] && obj_int_arg(v[4], &proto) < 0) || (v[5] && obj_int_arg(v[5], &flags) < 0))
        return NULL;
    obj_t *host = NULL, *port = NULL, *res = NULL;
    if (v[0] == None) {
    } else if (STR_CHECK(v[0]) || BYTES_CHECK(v[0])) {
        if ((host = host_bytes(v[0])) == NULL) return NULL;
    } else {
        err_set_str(exc_TypeError, "getaddrinfo() argument 1 must be string or None");
        return NULL;
    }
    char pbuf[32];
    const char *pstr = NULL;
    if (INT_CHECK(v[1])) {
        int64_t p;
        if (int_as_i64(v[1], &p) < 0) goto out;
        snprintf(pbuf, sizeof pbuf, "%lld", (long long)p);
        pstr = pbuf;
    } else if (STR_CHECK(v[1])) {
        if ((port = bytes_from(str_data(v[1]), str_nbytes(v[1]))) == NULL) goto out;
        pstr = (const char *)bytes_data(port);
    } else if (BYTES_CHECK(v[1])) {
        port = NEWREF(v[1]);
        pstr = (const char *)bytes_data(port);
    } else if (v[1] != None) {
        err_set_str(exc_OSError, "Int or String expected");
        goto out;
    }
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = fam;
    hints.ai_socktype = type;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    int rc = gai_blocking(host ? (const char *)bytes_data(host) : NULL, pstr, &hints, &ai);
    if (rc) {
        sock_set_gaierror(rc);
        goto out;
    }
    if ((res = list_new(0)) == NULL) goto out_free;
    for (struct addrinfo *p = ai; p; p = p->ai_next) {
        obj_t *addr = sock_addr_make(p->ai_addr, p->ai_addrlen, p->ai_family);
        obj_t *canon = addr ? str_from_cstr(p->ai_canonname ? p->ai_canonname : "") : NULL;
        obj_t *t = canon ? tuple_pack(5, SMALLINT_FROM(p->ai_family), SMALLINT_FROM(p->ai_socktype),
                                      SMALLINT_FROM(p->ai_protocol), canon, addr)
                         : NULL;
        XDECREF(addr);
        XDECREF(canon);
        if (t == NULL || list_append(res, t) < 0) {
            XDECREF(t);
            CLEAR(res);
            break;
        }
        DECREF(t);
    }
out_free:
    freeaddrinfo(ai);
out:
    XDECREF(host);
    XDECREF(port);
    return res;
}

static obj_t *mod_getnameinfo(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getnameinfo", nargs, kwnames, 2, 2) < 0) return NULL;
    obj_t *sa = args[0];
    int flags;
    if (!TUPLE_CHECK(sa)) {
        err_set_str(exc_TypeError, "getnameinfo() argument 1 must be a tuple");
        return NULL;
    }
    if (obj_int_arg(args[1], &flags) < 0) return NULL;
    size_t n = TUPLE_SIZE(sa);
    int64_t port = 0, flow = 0, scope = 0;
    if (n < 2 || n > 4 || !STR_CHECK(TUPLE_GET(sa, 0)) || !INT_CHECK(TUPLE_GET(sa, 1)) ||
        (n > 2 && !INT_CHECK(TUPLE_GET(sa, 2))) || (n > 3 && !INT_CHECK(TUPLE_GET(sa, 3)))) {
        err_set_str(exc_TypeError, "getnameinfo(): illegal sockaddr argument");
        return NULL;
    }
    if (uint_arg(TUPLE_GET(sa, 1), INT_MIN, INT_MAX, &port) < 0 ||
        (n > 2 && uint_arg(TUPLE_GET(sa, 2), 0, UINT_MAX, &flow) < 0) ||
        (n > 3 && uint_arg(TUPLE_GET(sa, 3), 0, UINT_MAX, &scope) < 0))
        return NULL;
    if (flow > 0xfffff) {
        err_set_str(exc_OverflowError, "getnameinfo(): flowinfo must be 0-1048575.");
        return NULL;
    }
    char pbuf[32];
    snprintf(pbuf, sizeof pbuf, "%lld", (long long)port);
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST;
    int rc = gai_blocking(str_data(TUPLE_GET(sa, 0)), pbuf, &hints, &ai);
    if (rc) return sock_set_gaierror(rc);
    obj_t *res = NULL;
    if (ai->ai_next) {
        err_set_str(exc_OSError, "sockaddr resolved to multiple addresses");
        goto out;
    }
    sock_addr_t addr;
    memset(&addr, 0, sizeof addr);
    memcpy(&addr, ai->ai_addr, ai->ai_addrlen < sizeof addr ? ai->ai_addrlen : sizeof addr);
    if (ai->ai_family == AF_INET) {
        if (n != 2) {
            err_set_str(exc_OSError, "IPv4 sockaddr must be 2 tuple");
            goto out;
        }
    } else if (ai->ai_family == AF_INET6) {
        addr.in6.sin6_flowinfo = htonl((uint32_t)flow);
        addr.in6.sin6_scope_id = (uint32_t)scope;
    }
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    thread_block_begin();
    rc = getnameinfo(&addr.sa, ai->ai_addrlen, host, sizeof host, serv, sizeof serv, flags);
    thread_block_end();
    if (rc) {
        sock_set_gaierror(rc);
        goto out;
    }
    obj_t *h = str_from_cstr(host), *s = h ? str_from_cstr(serv) : NULL;
    if (s) res = tuple_pack(2, h, s);
    XDECREF(h);
    XDECREF(s);
out:
    freeaddrinfo(ai);
    return res;
}

static obj_t *mod_gethostname(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("gethostname", nargs, kwnames, 0, 0) < 0) return NULL;
    char buf[1024];
    if (gethostname(buf, sizeof buf - 1) < 0) return err_from_errno(errno, NULL);
    buf[sizeof buf - 1] = 0;
    return posix_fs_decode(buf, strlen(buf), false);
}

// A name argument for the gethostby* functions: str/bytes via the idna
// converter.
static obj_t *name_arg(obj_t *v) {
    return host_bytes(v);
}

static obj_t *mod_gethostbyname(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("gethostbyname", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *name = name_arg(args[0]);
    if (name == NULL) return NULL;
    sock_addr_t a;
    int rc = set_ip_addr((const char *)bytes_data(name), &a, AF_INET);
    DECREF(name);
    if (rc < 0) return NULL;
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a.in4.sin_addr, buf, sizeof buf);
    return str_from_cstr(buf);
}

// (name, aliases, addresses) of a hostent.
static obj_t *hostent_tuple(struct hostent *h) {
    obj_t *name = NULL, *aliases = NULL, *addrs = NULL, *r = NULL;
    if ((name = str_from_cstr(h->h_name)) == NULL || (aliases = list_new(0)) == NULL ||
        (addrs = list_new(0)) == NULL)
        goto out;
    for (char **p = h->h_aliases; p && *p; p++) {
        obj_t *s = str_from_cstr(*p);
        if (s == NULL || list_append(aliases, s) < 0) {
            XDECREF(s);
            goto out;
        }
        DECREF(s);
    }
    for (char **p = h->h_addr_list; p && *p; p++) {
        char buf[INET6_ADDRSTRLEN];
        inet_ntop(h->h_addrtype, *p, buf, sizeof buf);
        obj_t *s = str_from_cstr(buf);
        if (s == NULL || list_append(addrs, s) < 0) {
            XDECREF(s);
            goto out;
        }
        DECREF(s);
    }
    r = tuple_pack(3, name, aliases, addrs);
out:
    XDECREF(name);
    XDECREF(aliases);
    XDECREF(addrs);
    return r;
}

static obj_t *mod_gethostbyname_ex(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("gethostbyname_ex", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *name = name_arg(args[0]);
    if (name == NULL) return NULL;
    sock_addr_t a;
    if (set_ip_addr((const char *)bytes_data(name), &a, AF_INET) < 0) {
        DECREF(name);
        return NULL;
    }
    struct hostent he, *h = NULL;
    char buf[16384];
    int herr = 0;
    thread_block_begin();
    gethostbyname_r((const char *)bytes_data(name), &he, buf, sizeof buf, &h, &herr);
    thread_block_end();
    DECREF(name);
    if (h == NULL) return set_herror(herr);
    return hostent_tuple(h);
}

static obj_t *mod_gethostbyaddr(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("gethostbyaddr", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *name = name_arg(args[0]);
    if (name == NULL) return NULL;
    sock_addr_t a;
    int fam = set_ip_addr((const char *)bytes_data(name), &a, AF_UNSPEC);
    DECREF(name);
    if (fam < 0) return NULL;
    const void *ap =
        fam == AF_INET6 ? (const void *)&a.in6.sin6_addr : (const void *)&a.in4.sin_addr;
    socklen_t al = fam == AF_INET6 ? sizeof a.in6.sin6_addr : sizeof a.in4.sin_addr;
    struct hostent he, *h = NULL;
    char buf[16384];
    int herr = 0;
    thread_block_begin();
    gethostbyaddr_r(ap, al, fam, &he, buf, sizeof buf, &h, &herr);
    thread_block_end();
    if (h == NULL) return set_herror(herr);
    return hostent_tuple(h);
}

static int opt_str(obj_t *v, const char *fname, const char **out) {
    if (v == NULL || v == None) {
        *out = NULL;
        return 0;
    }
    if (!STR_CHECK(v)) {
        err_format(exc_TypeError, "%s() argument 2 must be str, not %s", fname, obj_type_name(v));
        return -1;
    }
    *out = str_data(v);
    return 0;
}

static obj_t *mod_getservbyname(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getservbyname", nargs, kwnames, 1, 2) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "getservbyname() argument 1 must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    const char *proto;
    if (opt_str(nargs > 1 ? args[1] : NULL, "getservbyname", &proto) < 0) return NULL;
    struct servent se, *sp = NULL;
    char buf[4096];
    thread_block_begin();
    getservbyname_r(str_data(args[0]), proto, &se, buf, sizeof buf, &sp);
    thread_block_end();
    if (sp == NULL) {
        err_set_str(exc_OSError, "service/proto not found");
        return NULL;
    }
    return SMALLINT_FROM(ntohs((uint16_t)sp->s_port));
}

static obj_t *mod_getservbyport(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getservbyport", nargs, kwnames, 1, 2) < 0) return NULL;
    int port;
    const char *proto;
    if (obj_int_arg(args[0], &port) < 0 ||
        opt_str(nargs > 1 ? args[1] : NULL, "getservbyport", &proto) < 0)
        return NULL;
    if (port < 0 || port > 0xffff) {
        err_set_str(exc_OverflowError, "getservbyport: port must be 0-65535.");
        return NULL;
    }
    struct servent se, *sp = NULL;
    char buf[4096];
    thread_block_begin();
    getservbyport_r(htons((uint16_t)port), proto, &se, buf, sizeof buf, &sp);
    thread_block_end();
    if (sp == NULL) {
        err_set_str(exc_OSError, "port/proto not found");
        return NULL;
    }
    return str_from_cstr(sp->s_name);
}

static obj_t *mod_getprotobyname(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getprotobyname", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "getprotobyname() argument must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    struct protoent pe, *pp = NULL;
    char buf[4096];
    thread_block_begin();
    getprotobyname_r(str_data(args[0]), &pe, buf, sizeof buf, &pp);
    thread_block_end();
    if (pp == NULL) {
        err_set_str(exc_OSError, "protocol not found");
        return NULL;
    }
    return SMALLINT_FROM(pp->p_proto);
}

static obj_t *mod_inet_aton(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("inet_aton", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "inet_aton() argument must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    struct in_addr a;
    if (strlen(str_data(args[0])) != str_nbytes(args[0]) || inet_aton(str_data(args[0]), &a) == 0) {
        err_set_str(exc_OSError, "illegal IP address string passed to inet_aton");
        return NULL;
    }
    return bytes_from(&a, 4);
}

static obj_t *mod_inet_ntoa(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("inet_ntoa", nargs, kwnames, 1, 1) < 0) return NULL;
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    if (view.len != 4) {
        buffer_release(&view);
        err_set_str(exc_OSError, "packed IP wrong length for inet_ntoa");
        return NULL;
    }
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, view.buf, buf, sizeof buf);
    buffer_release(&view);
    return str_from_cstr(buf);
}

static obj_t *mod_inet_pton(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("inet_pton", nargs, kwnames, 2, 2) < 0) return NULL;
    int af;
    if (obj_int_arg(args[0], &af) < 0) return NULL;
    if (!STR_CHECK(args[1])) {
        err_format(exc_TypeError, "inet_pton() argument 2 must be str, not %s",
                   obj_type_name(args[1]));
        return NULL;
    }
    unsigned char buf[16];
    int rc = inet_pton(af, str_data(args[1]), buf);
    if (rc < 0) return err_from_errno(errno, NULL);
    if (rc == 0) {
        err_set_str(exc_OSError, "illegal IP address string passed to inet_pton");
        return NULL;
    }
    return bytes_from(buf, af == AF_INET ? 4 : 16);
}

static obj_t *mod_inet_ntop(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("inet_ntop", nargs, kwnames, 2, 2) < 0) return NULL;
    int af;
    if (obj_int_arg(args[0], &af) < 0) return NULL;
    buffer_t view;
    if (buffer_get(args[1], &view) < 0) return NULL;
    size_t want = af == AF_INET ? 4 : af == AF_INET6 ? 16 : 0;
    if (want == 0) {
        buffer_release(&view);
        err_format(exc_ValueError, "unknown address family %d", af);
        return NULL;
    }
    if (view.len != want) {
        buffer_release(&view);
        err_set_str(exc_ValueError, "invalid length of packed IP address string");
        return NULL;
    }
    char buf[INET6_ADDRSTRLEN];
    const char *r = inet_ntop(af, view.buf, buf, sizeof buf);
    buffer_release(&view);
    if (r == NULL) return err_from_errno(errno, NULL);
    return str_from_cstr(buf);
}

static obj_t *short_conv(obj_t *const *args, size_t nargs, obj_t *kwnames, const char *name) {
    if (args_check(name, nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *i = obj_index(args[0]);
    if (i == NULL) return NULL;
    int64_t x;
    int rc = int_as_i64(i, &x);
    int s = int_sign(i);
    DECREF(i);
    if (rc < 0 || x < 0 || x > 0xffff) {
        err_clear();
        err_format(exc_OverflowError,
                   s < 0 ? "%s: can't convert negative Python int to C 16-bit unsigned integer"
                         : "%s: Python int too large to convert to C 16-bit unsigned integer",
                   name);
        return NULL;
    }
    return SMALLINT_FROM(ntohs((uint16_t)x));
}

static obj_t *long_conv(obj_t *const *args, size_t nargs, obj_t *kwnames, const char *name) {
    if (args_check(name, nargs, kwnames, 1, 1) < 0) return NULL;
    if (!INT_CHECK(args[0])) {
        err_format(exc_TypeError, "expected int, %s found", obj_type_name(args[0]));
        return NULL;
    }
    int64_t x;
    int s = int_sign(args[0]);
    if (s < 0) {
        err_set_str(exc_OverflowError, "can't convert negative value to unsigned int");
        return NULL;
    }
    if (int_as_i64(args[0], &x) < 0 || x > 0xffffffffLL) {
        err_clear();
        err_set_str(exc_OverflowError, "int larger than 32 bits");
        return NULL;
    }
    return int_from_i64(ntohl((uint32_t)x));
}

static obj_t *mod_htons(obj_t *m, obj_t *const *a, size_t n, obj_t *k) {
    return short_conv(a, n, k, "htons");
}
static obj_t *mod_ntohs(obj_t *m, obj_t *const *a, size_t n, obj_t *k) {
    return short_conv(a, n, k, "ntohs");
}
static obj_t *mod_htonl(obj_t *m, obj_t *const *a, size_t n, obj_t *k) {
    return long_conv(a, n, k, "htonl");
}
static obj_t *mod_ntohl(obj_t *m, obj_t *const *a, size_t n, obj_t *k) {
    return long_conv(a, n, k, "ntohl");
}

static obj_t *cmsg_conv(obj_t *const *args, size_t nargs, obj_t *kwnames, const char *name,
                        bool space) {
    if (args_check(name, nargs, kwnames, 1, 1) < 0) return NULL;
    ssize_t n;
    if (obj_ssize_arg(args[0], &n) < 0) return NULL;
    if (n < 0 || (size_t)n > (size_t)INT_MAX - 64) {
        err_format(exc_OverflowError, "%s() argument out of range", name);
        return NULL;
    }
    return int_from_i64(space ? (int64_t)CMSG_SPACE((size_t)n) : (int64_t)CMSG_LEN((size_t)n));
}

static obj_t *mod_cmsg_len(obj_t *m, obj_t *const *a, size_t n, obj_t *k) {
    return cmsg_conv(a, n, k, "CMSG_LEN", false);
}
static obj_t *mod_cmsg_space(obj_t *m, obj_t *const *a, size_t n, obj_t *k) {
    return cmsg_conv(a, n, k, "CMSG_SPACE", true);
}

static obj_t *mod_if_nameindex(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("if_nameindex", nargs, kwnames, 0, 0) < 0) return NULL;
    struct if_nameindex *ni = if_nameindex();
    if (ni == NULL) return err_from_errno(errno, NULL);
    obj_t *res = list_new(0);
    for (struct if_nameindex *p = ni; res && p->if_index; p++) {
        obj_t *nm = posix_fs_decode(p->if_name, strlen(p->if_name), false);
        obj_t *t = nm ? tuple_pack(2, SMALLINT_FROM(p->if_index), nm) : NULL;
        XDECREF(nm);
        if (t == NULL || list_append(res, t) < 0) CLEAR(res);
        XDECREF(t);
    }
    if_freenameindex(ni);
    return res;
}

static obj_t *mod_if_nametoindex(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("if_nametoindex", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *b = STR_CHECK(args[0]) ? posix_fs_encode(args[0]) : buffer_as_bytes(args[0]);
    if (b == NULL) return NULL;
    unsigned idx = if_nametoindex((const char *)bytes_data(b));
    DECREF(b);
    if (idx == 0) {
        err_set_str(exc_OSError, "no interface with this name");
        return NULL;
    }
    return int_from_i64(idx);
}

static obj_t *mod_if_indextoname(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("if_indextoname", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!INT_CHECK(args[0])) {
        err_set_str(exc_TypeError, "an integer is required");
        return NULL;
    }
    int64_t idx;
    if (int_as_i64(args[0], &idx) < 0) return NULL;
    if (idx < 0 || idx > UINT_MAX) {
        err_set_str(exc_OverflowError, "index out of range");
        return NULL;
    }
    char name[IF_NAMESIZE + 1];
    if (if_indextoname((unsigned)idx, name) == NULL) return err_from_errno(errno, NULL);
    return posix_fs_decode(name, strlen(name), false);
}

static obj_t *mod_sethostname(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("sethostname", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *b = STR_CHECK(args[0]) ? posix_fs_encode(args[0]) : buffer_as_bytes(args[0]);
    if (b == NULL) return NULL;
    int rc = sethostname((const char *)bytes_data(b), bytes_len(b));
    DECREF(b);
    if (rc < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

const method_def_t sock_addr_functions[] = {
    {"getaddrinfo", mod_getaddrinfo, 0, NULL},
    {"getnameinfo", mod_getnameinfo, 0, NULL},
    {"gethostname", mod_gethostname, 0, NULL},
    {"sethostname", mod_sethostname, 0, NULL},
    {"gethostbyname", mod_gethostbyname, 0, NULL},
    {"gethostbyname_ex", mod_gethostbyname_ex, 0, NULL},
    {"gethostbyaddr", mod_gethostbyaddr, 0, NULL},
    {"getservbyname", mod_getservbyname, 0, NULL},
    {"getservbyport", mod_getservbyport, 0, NULL},
    {"getprotobyname", mod_getprotobyname, 0, NULL},
    {"inet_aton", mod_inet_aton, 0, NULL},
    {"inet_ntoa", mod_inet_ntoa, 0, NULL},
    {"inet_pton", mod_inet_pton, 0, NULL},
    {"inet_ntop", mod_inet_ntop, 0, NULL},
    {"htons", mod_htons, 0, NULL},
    {"ntohs", mod_ntohs, 0, NULL},
    {"htonl", mod_htonl, 0, NULL},
    {"ntohl", mod_ntohl, 0, NULL},
    {"CMSG_LEN", mod_cmsg_len, 0, NULL},
    {"CMSG_SPACE", mod_cmsg_space, 0, NULL},
    {"if_nameindex", mod_if_nameindex, 0, NULL},
    {"if_nametoindex", mod_if_nametoindex, 0, NULL},
    {"if_indextoname", mod_if_indextoname, 0, NULL},
    {NULL},
};
