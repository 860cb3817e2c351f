/*
 * modules/socket.c — `_socket`: the socket type (socket.socket's base) and
 * the module object.  Addresses and name resolution are in
 * modules/socket_addr.c, the constants in modules/socket_const.c.
 *
 * Concurrency (see sock_t in socket_internal.h): as in CPython, two threads
 * may use one socket at once (one sending, one receiving).  The descriptor
 * is an atomic int loaded once per system call; close() and detach() swap
 * it to -1 first, so the descriptor is closed exactly once and a thread
 * racing with close() gets EBADF (or, as on CPython, uses a descriptor
 * number the OS has reused meanwhile), never freed memory.  settimeout()
 * and setblocking() change the timeout and the O_NONBLOCK flag together
 * inside the object's critical section; readers load the timeout
 * atomically.  No Python code runs while the section is held.
 *
 * Blocking: every system call that may block (accept, connect, recv*,
 * send*, and the waits of timeouts) runs in a blocking region
 * (thread_block_begin/end), so stop-the-world pauses and QSBR grace
 * periods never wait for a blocked thread.  A socket with a timeout keeps
 * its descriptor non-blocking and waits with poll(2) for the time left;
 * EINTR runs the signal handlers (PEP 475) and retries with the time left.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/critical.h"
#include "../threads/thread.h"
#include "socket_internal.h"

#define SOCK(o) ((sock_t *)(o))

_Atomic int64_t sock_default_timeout_ns = -1;

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int64_t get_timeout(obj_t *self) {
    return atomic_load_explicit(&SOCK(self)->timeout_ns, memory_order_acquire);
}

static obj_t *timeout_error(void) {
    err_set_str(exc_TimeoutError, "timed out");
    return NULL;
}

// The descriptor of an open socket, else OSError EBADF (-1).
static int open_fd(obj_t *self) {
    int fd = atomic_load_explicit(&SOCK(self)->fd, memory_order_acquire);
    if (fd < 0) err_from_errno(EBADF, NULL);
    return fd;
}

// Runs the signal handlers after EINTR; -1 if one raised.
static int eintr_check(void) {
    thread_t *ts = thread_current();
    return ts ? thread_handle_eval_breaker(ts) : 0;
}

int sock_timeout_arg(obj_t *v, int64_t *out) {
    if (v == None) {
        *out = -1;
        return 0;
    }
    double ns;
    if (FLOAT_CHECK(v)) {
        double d = float_as_double(v);
        if (isnan(d)) {
            err_set_str(exc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
        ns = ceil(d * 1e9);
    } else {
        obj_t *i = obj_index(v);
        if (i == NULL) return -1;
        int ovf = 0;
        ns = int_as_double(i, &ovf) * 1e9;
        DECREF(i);
        if (ovf) ns = INFINITY;
    }
    if (!(ns >= -9.2e18 && ns <= 9.2e18)) {
        err_set_str(exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
        return -1;
    }
    if (ns < 0) {
        err_set_str(exc_ValueError, "Timeout value out of range");
        return -1;
    }
    *out = (int64_t)ns;
    return 0;
}

static obj_t *timeout_obj(int64_t ns) {
    if (ns < 0) return NEWREF(None);
    return float_from_double((double)ns / 1e9);
}

// O_NONBLOCK on or off; -1 + errno.
static int set_nonblocking(int fd, bool on) {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return -1;
    int nfl = on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
    if (nfl != fl && fcntl(fd, F_SETFL, nfl) < 0) return -1;
    return 0;
}

// Sets the timeout and the descriptor's mode together; -1 + exception.
static int apply_timeout(obj_t *self, int64_t ns) {
    int e = 0;
    BEGIN_CRITICAL_SECTION(self);
    atomic_store_explicit(&SOCK(self)->timeout_ns, ns, memory_order_release);
    int fd = atomic_load(&SOCK(self)->fd);
    if (fd >= 0 && set_nonblocking(fd, ns >= 0) < 0) e = errno;
    END_CRITICAL_SECTION();
    if (e) {
        err_from_errno(e, NULL);
        return -1;
    }
    return 0;
}

// Waits until fd is readable (or writable); 1 ready, 0 timed out, -1 +
// exception.  deadline 0 = no limit.
static int wait_fd(int fd, bool writing, int64_t deadline) {
    for (;;) {
        int ms = -1;
        if (deadline) {
            int64_t left = deadline - now_ns();
            if (left <= 0) return 0;
            int64_t m = (left + 999999) / 1000000;
            ms = m > INT_MAX ? INT_MAX : (int)m;
        }
        struct pollfd p = {.fd = fd, .events = writing ? POLLOUT : POLLIN};
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
        if (eintr_check() < 0) return -1;
    }
}

// One socket operation: fn(fd, data) returns >= 0 or -1 with errno.
typedef ssize_t (*sock_fn_t)(int fd, void *data);

// Calls fn with CPython's sock_call semantics (timeouts, EINTR, PEP 475).
// `deadline` (0: computed here from the timeout) lets sendall share one
// deadline across calls.  Returns fn's result, or -1 + exception.
static ssize_t sock_call(obj_t *self, bool writing, sock_fn_t fn, void *data, int64_t *deadline) {
    int64_t timeout = get_timeout(self);
    int64_t dl_local = 0, *dl = deadline ? deadline : &dl_local;
    for (;;) {
        int fd = open_fd(self);
        if (fd < 0) return -1;
        thread_block_begin();
        ssize_t r = fn(fd, data);
        int e = errno;
        thread_block_end();
        if (r >= 0) return r;
        if (e == EINTR) {
            if (eintr_check() < 0) return -1;
            continue;
        }
        if (timeout > 0 && (e == EAGAIN || e == EWOULDBLOCK)) {
            if (*dl == 0) *dl = now_ns() + timeout;
            int w = wait_fd(fd, writing, *dl);
            if (w < 0) return -1;
            if (w == 0) {
                timeout_error();
                return -1;
            }
            continue;
        }
        err_from_errno(e, NULL);
        return -1;
    }
}

// ---- construction ------------------------------------------------------------------

static obj_t *sock_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *o = obj_alloc(type, type->basicsize);
    if (o == NULL) return NULL;
    atomic_store(&SOCK(o)->fd, -1);
    atomic_store(&SOCK(o)->timeout_ns, -1);
    return o;
}

static int sock_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"family", "type", "proto", "fileno", NULL};
    obj_t *v[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("socket", args, nargs, kwnames, names, 0, v) < 0) return -1;
    int family = -1, type = -1, proto = -1, fd = -1;
    if ((v[0] && obj_int_arg(v[0], &family) < 0) || (v[1] && obj_int_arg(v[1], &type) < 0) ||
        (v[2] && obj_int_arg(v[2], &proto) < 0))
        return -1;
    if (v[3] != NULL && v[3] != None) {
        if (FLOAT_CHECK(v[3])) {
            err_set_str(exc_TypeError, "'float' object cannot be interpreted as an integer");
            return -1;
        }
        if (obj_int_arg(v[3], &fd) < 0) return -1;
        if (fd < 0) {
            err_set_str(exc_ValueError, "negative file descriptor");
            return -1;
        }
        // Missing family/type/proto come from the descriptor itself.
        int *want[3] = {&family, &type, &proto};
        static const int opts[3] = {SO_DOMAIN, SO_TYPE, SO_PROTOCOL};
        for (int k = 0; k < 3; k++) {
            if (*want[k] != -1) continue;
            int val = 0;
            socklen_t len = sizeof val;
            if (getsockopt(fd, SOL_SOCKET, opts[k], &val, &len) < 0) {
                err_from_errno(errno, NULL);
                return -1;
            }
            *want[k] = val;
        }
    } else {
        if (family == -1) family = AF_INET;
        if (type == -1) type = SOCK_STREAM;
        if (proto == -1) proto = 0;
        fd = socket(family, type | SOCK_CLOEXEC, proto);
        if (fd < 0) {
            err_from_errno(errno, NULL);
            return -1;
        }
    }
    sock_t *s = SOCK(self);
    int old = atomic_exchange(&s->fd, fd);
    if (old >= 0 && old != fd) close(old);
    atomic_store(&s->family, family);
    atomic_store(&s->type, type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC));
    atomic_store(&s->proto, proto);
    int64_t t = (type & SOCK_NONBLOCK) ? 0 : atomic_load(&sock_default_timeout_ns);
    atomic_store(&s->timeout_ns, t);
    if (t >= 0 && set_nonblocking(fd, true) < 0) {
        err_from_errno(errno, NULL);
        return -1;
    }
    return 0;
}

static void sock_dealloc(obj_t *self) {
    int fd = atomic_exchange(&SOCK(self)->fd, -1);
    if (fd >= 0) close(fd);
    obj_free(self);
}

// A new socket object of the base type around fd (socketpair, dup).
static obj_t *sock_wrap(int fd, int family, int type, int proto) {
    obj_t *o = sock_tp_new(&sock_type, NULL, 0, NULL);
    if (o == NULL) {
        close(fd);
        return NULL;
    }
    sock_t *s = SOCK(o);
    atomic_store(&s->fd, fd);
    atomic_store(&s->family, family);
    atomic_store(&s->type, type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC));
    atomic_store(&s->proto, proto);
    int64_t t = atomic_load(&sock_default_timeout_ns);
    atomic_store(&s->timeout_ns, t);
    if (t >= 0) set_nonblocking(fd, true);
    return o;
}

// ---- simple methods ----------------------------------------------------------------

static obj_t *sock_fileno(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("fileno", nargs, kwnames, 0, 0) < 0) return NULL;
    return SMALLINT_FROM(atomic_load(&SOCK(self)->fd));
}

static obj_t *sock_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 0, 0) < 0) return NULL;
    int fd = atomic_exchange(&SOCK(self)->fd, -1);
    if (fd < 0) return NEWREF(None);
    // close() may block (SO_LINGER).  ECONNRESET from it is ignored, as
    // CPython does: the socket is closed.
    thread_block_begin();
    int rc = close(fd);
    int e = errno;
    thread_block_end();
    if (rc < 0 && e != ECONNRESET && e != EINTR) return err_from_errno(e, NULL);
    return NEWREF(None);
}

static obj_t *sock_detach(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("detach", nargs, kwnames, 0, 0) < 0) return NULL;
    return SMALLINT_FROM(atomic_exchange(&SOCK(self)->fd, -1));
}

static obj_t *sock_settimeout(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("settimeout", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t ns;
    if (sock_timeout_arg(args[0], &ns) < 0 || apply_timeout(self, ns) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *sock_gettimeout(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("gettimeout", nargs, kwnames, 0, 0) < 0) return NULL;
    return timeout_obj(get_timeout(self));
}

static obj_t *sock_setblocking(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("setblocking", nargs, kwnames, 1, 1) < 0) return NULL;
    int b;
    if (obj_int_arg(args[0], &b) < 0 || apply_timeout(self, b ? -1 : 0) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *sock_getblocking(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getblocking", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(bool_from(get_timeout(self) != 0));
}

static obj_t *sock_get_timeout(obj_t *self, void *c) {
    return timeout_obj(get_timeout(self));
}
static obj_t *sock_get_family(obj_t *self, void *c) {
    return SMALLINT_FROM(atomic_load(&SOCK(self)->family));
}
static obj_t *sock_get_type(obj_t *self, void *c) {
    return SMALLINT_FROM(atomic_load(&SOCK(self)->type));
}
static obj_t *sock_get_proto(obj_t *self, void *c) {
    return SMALLINT_FROM(atomic_load(&SOCK(self)->proto));
}

static obj_t *sock_repr(obj_t *self) {
    sock_t *s = SOCK(self);
    return str_from_format("<socket object, fd=%d, family=%d, type=%d, proto=%d>",
                           atomic_load(&s->fd), atomic_load(&s->family), atomic_load(&s->type),
                           atomic_load(&s->proto));
}

static obj_t *sock_bind(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("bind", nargs, kwnames, 1, 1) < 0) return NULL;
    sock_addr_t addr;
    socklen_t len;
    if (sock_addr_parse(atomic_load(&SOCK(self)->family), args[0], &addr, &len, "bind") < 0)
        return NULL;
    int fd = open_fd(self);
    if (fd < 0) return NULL;
    if (bind(fd, &addr.sa, len) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *sock_listen(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("listen", nargs, kwnames, 0, 1) < 0) return NULL;
    int backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
    if (nargs == 1 && obj_int_arg(args[0], &backlog) < 0) return NULL;
    if (backlog < 0) backlog = 0;
    int fd = open_fd(self);
    if (fd < 0) return NULL;
    if (listen(fd, backlog) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *sock_shutdown(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("shutdown", nargs, kwnames, 1, 1) < 0) return NULL;
    int how;
    if (obj_int_arg(args[0], &how) < 0) return NULL;
    int fd = open_fd(self);
    if (fd < 0) return NULL;
    if (shutdown(fd, how) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *name_of(obj_t *self, bool peer) {
    int fd = open_fd(self);
    if (fd < 0) return NULL;
    sock_addr_t a;
    memset(&a, 0, sizeof a);
    socklen_t len = sizeof a;
    int rc = peer ? getpeername(fd, &a.sa, &len) : getsockname(fd, &a.sa, &len);
    if (rc < 0) return err_from_errno(errno, NULL);
    return sock_addr_make(&a.sa, len, atomic_load(&SOCK(self)->family));
}

static obj_t *sock_getsockname(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getsockname", nargs, kwnames, 0, 0) < 0) return NULL;
    return name_of(self, false);
}

static obj_t *sock_getpeername(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getpeername", nargs, kwnames, 0, 0) < 0) return NULL;
    return name_of(self, true);
}

static obj_t *sock_setsockopt(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs < 3 || nargs > 4 || (kwnames && TUPLE_SIZE(kwnames))) {
        if (args_no_kw("setsockopt", kwnames) < 0) return NULL;
        err_format(exc_TypeError, "setsockopt() takes at least 3 arguments (%zu given)", nargs);
        if (nargs > 4) {
            err_clear();
            err_format(exc_TypeError, "setsockopt() takes at most 4 arguments (%zu given)", nargs);
        }
        return NULL;
    }
    int level, opt;
    if (obj_int_arg(args[0], &level) < 0 || obj_int_arg(args[1], &opt) < 0) return NULL;
    int fd = open_fd(self);
    if (fd < 0) return NULL;
    int rc;
    if (nargs == 4) {
        if (args[2] != None) {
            err_format(exc_TypeError, "a bytes-like object is required, not '%s'",
                       obj_type_name(args[2]));
            return NULL;
        }
        int optlen;
        if (obj_int_arg(args[3], &optlen) < 0) return NULL;
        rc = setsockopt(fd, level, opt, NULL, (socklen_t)optlen);
    } else if (INT_CHECK(args[2])) {
        int val;
        if (obj_int_arg(args[2], &val) < 0) return NULL;
        rc = setsockopt(fd, level, opt, &val, sizeof val);
    } else {
        buffer_t view;
        if (buffer_get(args[2], &view) < 0) return NULL;
        rc = setsockopt(fd, level, opt, view.buf, (socklen_t)view.len);
        int e = errno;
        buffer_release(&view);
        errno = e;
    }
    if (rc < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *sock_getsockopt(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getsockopt", nargs, kwnames, 2, 3) < 0) return NULL;
    int level, opt, buflen = 0;
    if (obj_int_arg(args[0], &level) < 0 || obj_int_arg(args[1], &opt) < 0 ||
        (nargs == 3 && obj_int_arg(args[2], &buflen) < 0))
        return NULL;
    int fd = open_fd(self);
    if (fd < 0) return NULL;
    if (buflen == 0) {
        int val = 0;
        socklen_t len = sizeof val;
        if (getsockopt(fd, level, opt, &val, &len) < 0) return err_from_errno(errno, NULL);
        return int_from_i64(val);
    }
    if (buflen < 0 || buflen > 1024) {
        err_set_str(exc_OSError, "getsockopt buflen out of range");
        return NULL;
    }
    char buf[1024];
    socklen_t len = (socklen_t)buflen;
    if (getsockopt(fd, level, opt, buf, &len) < 0) return err_from_errno(errno, NULL);
    return bytes_from(buf, len);
}

// ---- accept / connect ----------------------------------------------------------------

typedef struct {
    sock_addr_t addr;
    socklen_t len;
} accept_data_t;

static ssize_t do_accept(int fd, void *d) {
    accept_data_t *a = d;
    a->len = sizeof a->addr;
    return accept4(fd, &a->addr.sa, &a->len, SOCK_CLOEXEC);
}

static obj_t *sock_accept(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_accept", nargs, kwnames, 0, 0) < 0) return NULL;
    accept_data_t a;
    memset(&a, 0, sizeof a);
    ssize_t nfd = sock_call(self, false, do_accept, &a, NULL);
    if (nfd < 0) return NULL;
    obj_t *addr = sock_addr_make(&a.addr.sa, a.len, atomic_load(&SOCK(self)->family));
    if (addr == NULL) {
        close((int)nfd);
        return NULL;
    }
    obj_t *fdo = SMALLINT_FROM(nfd);
    obj_t *r = tuple_pack(2, fdo, addr);
    DECREF(addr);
    if (r == NULL) close((int)nfd);
    return r;
}

// connect() with CPython's semantics; returns 0, an errno value (for
// connect_ex), or -1 with an exception (timeouts raise for connect only).
static int do_connect(obj_t *self, obj_t *addrobj, bool raise) {
    sock_addr_t addr;
    socklen_t len;
    const char *name = raise ? "connect" : "connect_ex";
    if (sock_addr_parse(atomic_load(&SOCK(self)->family), addrobj, &addr, &len, name) < 0)
        return -1;
    int fd = open_fd(self);
    if (fd < 0) return -1;
    int64_t timeout = get_timeout(self);
    thread_block_begin();
    int rc = connect(fd, &addr.sa, len);
    int e = errno;
    thread_block_end();
    if (rc == 0) return 0;
    if (e == EINTR) {
        if (eintr_check() < 0) return -1;
        if (timeout == 0) return EINTR;
    } else if (!(e == EINPROGRESS && timeout != 0)) {
        return e;
    }
    // The connection goes on in the kernel: wait for it to finish.
    int64_t deadline = timeout > 0 ? now_ns() + timeout : 0;
    int w = wait_fd(fd, true, deadline);
    if (w < 0) return -1;
    if (w == 0) {
        if (!raise) return EWOULDBLOCK;
        timeout_error();
        return -1;
    }
    int err = 0;
    socklen_t elen = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0) return errno;
    return err;
}

static obj_t *sock_connect(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("connect", nargs, kwnames, 1, 1) < 0) return NULL;
    int r = do_connect(self, args[0], true);
    if (r < 0) return NULL;
    if (r > 0) return err_from_errno(r, NULL);
    return NEWREF(None);
}

static obj_t *sock_connect_ex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("connect_ex", nargs, kwnames, 1, 1) < 0) return NULL;
    int r = do_connect(self, args[0], false);
    if (r < 0) return NULL;
    return SMALLINT_FROM(r);
}

// ---- receiving -------------------------------------------------------------------------

typedef struct {
    void *buf;
    size_t len;
    int flags;
    sock_addr_t addr; // recvfrom / sendto
    socklen_t alen;
} io_data_t;

static ssize_t do_recv(int fd, void *d) {
    io_data_t *io = d;
    return recv(fd, io->buf, io->len, io->flags);
}

static ssize_t do_recvfrom(int fd, void *d) {
    io_data_t *io = d;
    io->alen = sizeof io->addr;
    return recvfrom(fd, io->buf, io->len, io->flags, &io->addr.sa, &io->alen);
}

static int size_arg(obj_t *v, ssize_t *out) {
    return obj_ssize_arg(v, out);
}

// recv(bufsize[, flags]) and recvfrom(bufsize[, flags]).
static obj_t *recv_common(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames,
                          bool from) {
    const char *name = from ? "recvfrom" : "recv";
    if (args_check(name, nargs, kwnames, 1, 2) < 0) return NULL;
    ssize_t n;
    int flags = 0;
    if (size_arg(args[0], &n) < 0 || (nargs == 2 && obj_int_arg(args[1], &flags) < 0)) return NULL;
    if (n < 0) {
        err_format(exc_ValueError, "negative buffersize in %s", name);
        return NULL;
    }
    char small[256];
    if (obj_alloc_too_big((size_t)n)) return err_no_memory();
    char *buf = (size_t)n <= sizeof small ? small : malloc((size_t)n);
    if (buf == NULL) return err_no_memory();
    io_data_t io = {.buf = buf, .len = (size_t)n, .flags = flags};
    ssize_t r = sock_call(self, false, from ? do_recvfrom : do_recv, &io, NULL);
    obj_t *res = NULL;
    if (r >= 0) {
        obj_t *data = bytes_from(buf, (size_t)r);
        if (data != NULL && from) {
            obj_t *addr = sock_addr_make(&io.addr.sa, io.alen, atomic_load(&SOCK(self)->family));
            res = addr ? tuple_pack(2, data, addr) : NULL;
            XDECREF(addr);
            DECREF(data);
        } else {
            res = data;
        }
    }
    if (buf != small) free(buf);
    return res;
}

static obj_t *sock_recv(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return recv_common(self, args, nargs, kwnames, false);
}

static obj_t *sock_recvfrom(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return recv_common(self, args, nargs, kwnames, true);
}

// recv_into(buffer[, nbytes[, flags]]) and recvfrom_into.
static obj_t *recv_into_common(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames,
                               bool from) {
    static const char *const names[] = {"buffer", "nbytes", "flags", NULL};
    const char *name = from ? "recvfrom_into" : "recv_into";
    obj_t *v[3] = {NULL, NULL, NULL};
    if (args_parse(name, args, nargs, kwnames, names, 1, v) < 0) return NULL;
    ssize_t n = 0;
    int flags = 0;
    if ((v[1] && size_arg(v[1], &n) < 0) || (v[2] && obj_int_arg(v[2], &flags) < 0)) return NULL;
    buffer_t view;
    if (buffer_get(v[0], &view) < 0) return NULL;
    if (view.readonly) {
        buffer_release(&view);
        err_format(exc_TypeError,
                   "%s() argument 'buffer' must be read-write bytes-like object, "
                   "not %s",
                   name, obj_type_name(v[0]));
        return NULL;
    }
    if (n < 0) {
        buffer_release(&view);
        err_format(exc_ValueError, "negative buffersize in %s", name);
        return NULL;
    }
    if (n == 0) n = (ssize_t)view.len;
    if ((size_t)n > view.len) {
        buffer_release(&view);
        err_set_str(exc_ValueError, from ? "nbytes is greater than the length of the buffer"
                                         : "buffer too small for requested bytes");
        return NULL;
    }
    io_data_t io = {.buf = view.buf, .len = (size_t)n, .flags = flags};
    ssize_t r = sock_call(self, false, from ? do_recvfrom : do_recv, &io, NULL);
    buffer_release(&view);
    if (r < 0) return NULL;
    if (!from) return int_from_i64(r);
    obj_t *addr = sock_addr_make(&io.addr.sa, io.alen, atomic_load(&SOCK(self)->family));
    if (addr == NULL) return NULL;
    obj_t *res = tuple_pack(2, SMALLINT_FROM(r), addr);
    DECREF(addr);
    return res;
}

static obj_t *sock_recv_into(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return recv_into_common(self, args, nargs, kwnames, false);
}

static obj_t *sock_recvfrom_into(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return recv_into_common(self, args, nargs, kwnames, true);
}

// ---- sending -----------------------------------------------------------------------------

static ssize_t do_send(int fd, void *d) {
    io_data_t *io = d;
    return send(fd, io->buf, io->len, io->flags | MSG_NOSIGNAL);
}

static ssize_t do_sendto(int fd, void *d) {
    io_data_t *io = d;
    return sendto(fd, io->buf, io->len, io->flags | MSG_NOSIGNAL, &io->addr.sa, io->alen);
}

static obj_t *sock_send(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("send", nargs, kwnames, 1, 2) < 0) return NULL;
    int flags = 0;
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    if (nargs == 2 && obj_int_arg(args[1], &flags) < 0) {
        buffer_release(&view);
        return NULL;
    }
    io_data_t io = {.buf = view.buf, .len = view.len, .flags = flags};
    ssize_t r = sock_call(self, true, do_send, &io, NULL);
    buffer_release(&view);
    return r < 0 ? NULL : int_from_i64(r);
}

static obj_t *sock_sendall(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("sendall", nargs, kwnames, 1, 2) < 0) return NULL;
    int flags = 0;
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    if (nargs == 2 && obj_int_arg(args[1], &flags) < 0) {
        buffer_release(&view);
        return NULL;
    }
    int64_t deadline = 0; // one deadline for the whole send, as CPython
    size_t done = 0;
    obj_t *res = NULL;
    while (done < view.len) {
        io_data_t io = {.buf = view.buf + done, .len = view.len - done, .flags = flags};
        ssize_t r = sock_call(self, true, do_send, &io, &deadline);
        if (r < 0) goto out;
        done += (size_t)r;
        // Signal handlers run between the pieces (PEP 475).
        if (done < view.len && eintr_check() < 0) goto out;
    }
    res = NEWREF(None);
out:
    buffer_release(&view);
    return res;
}

static obj_t *sock_sendto(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("sendto", kwnames) < 0) return NULL;
    if (nargs < 2 || nargs > 3) {
        err_format(exc_TypeError, "sendto() takes 2 or 3 arguments (%zu given)", nargs);
        return NULL;
    }
    int flags = 0;
    obj_t *addrobj = args[nargs - 1];
    buffer_t view;
    if (buffer_get(args[0], &view) < 0) return NULL;
    io_data_t io = {.buf = view.buf, .len = view.len};
    if ((nargs == 3 && obj_int_arg(args[1], &flags) < 0) ||
        sock_addr_parse(atomic_load(&SOCK(self)->family), addrobj, &io.addr, &io.alen, "sendto") <
            0) {
        buffer_release(&view);
        return NULL;
    }
    io.flags = flags;
    ssize_t r = sock_call(self, true, do_sendto, &io, NULL);
    buffer_release(&view);
    return r < 0 ? NULL : int_from_i64(r);
}

// ---- sendmsg / recvmsg ---------------------------------------------------------------------

typedef struct {
    struct msghdr msg;
    int flags;
} msg_data_t;

static ssize_t do_sendmsg(int fd, void *d) {
    msg_data_t *m = d;
    return sendmsg(fd, &m->msg, m->flags | MSG_NOSIGNAL);
}

static ssize_t do_recvmsg(int fd, void *d) {
    msg_data_t *m = d;
    return recvmsg(fd, &m->msg, m->flags);
}

// sendmsg(buffers[, ancdata[, flags[, address]]])
static obj_t *sock_sendmsg(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("sendmsg", nargs, kwnames, 1, 4) < 0) return NULL;
    obj_t *bufs = NULL, *anc = NULL, *res = NULL;
    buffer_t *views = NULL, *aviews = NULL;
    struct iovec *iov = NULL;
    char *control = NULL;
    size_t nbufs = 0, nanc = 0, nv = 0, nav = 0;
    msg_data_t m;
    memset(&m, 0, sizeof m);
    sock_addr_t addr;
    if ((bufs = tuple_from_iterable(args[0])) == NULL) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_set_str(exc_TypeError, "sendmsg() argument 1 must be an iterable");
        }
        goto out;
    }
    nbufs = TUPLE_SIZE(bufs);
    views = calloc(nbufs ? nbufs : 1, sizeof *views);
    iov = calloc(nbufs ? nbufs : 1, sizeof *iov);
    if (views == NULL || iov == NULL) {
        err_no_memory();
        goto out;
    }
    for (; nv < nbufs; nv++) {
        if (buffer_get(TUPLE_GET(bufs, nv), &views[nv]) < 0) goto out;
        iov[nv].iov_base = views[nv].buf;
        iov[nv].iov_len = views[nv].len;
    }
    m.msg.msg_iov = iov;
    m.msg.msg_iovlen = nbufs;
    if (nargs >= 2) {
        if ((anc = tuple_from_iterable(args[1])) == NULL) {
            if (err_occurred() && err_matches(exc_TypeError)) {
                err_clear();
                err_set_str(exc_TypeError, "sendmsg() argument 2 must be an iterable");
            }
            goto out;
        }
        nanc = TUPLE_SIZE(anc);
    }
    if (nanc) {
        aviews = calloc(nanc, sizeof *aviews);
        int *lv = calloc(nanc * 2, sizeof *lv);
        if (aviews == NULL || lv == NULL) {
            free(lv);
            err_no_memory();
            goto out;
        }
        size_t space = 0;
        for (; nav < nanc; nav++) {
            obj_t *item = TUPLE_GET(anc, nav);
            if (!TUPLE_CHECK(item) || TUPLE_SIZE(item) != 3) {
                free(lv);
                if (!TUPLE_CHECK(item))
                    err_format(exc_TypeError,
                               "[sendmsg() ancillary data items]() argument must be 3-item "
                               "sequence, not %s",
                               obj_type_name(item));
                else
                    err_format(exc_TypeError,
                               "[sendmsg() ancillary data items]() argument must be sequence of "
                               "length 3, not %zu",
                               (size_t)TUPLE_SIZE(item));
                goto out;
            }
            if (obj_int_arg(TUPLE_GET(item, 0), &lv[2 * nav]) < 0 ||
                obj_int_arg(TUPLE_GET(item, 1), &lv[2 * nav + 1]) < 0 ||
                buffer_get(TUPLE_GET(item, 2), &aviews[nav]) < 0) {
                free(lv);
                goto out;
            }
            space += CMSG_SPACE(aviews[nav].len);
        }
        control = calloc(1, space);
        if (control == NULL) {
            free(lv);
            err_no_memory();
            goto out;
        }
        m.msg.msg_control = control;
        m.msg.msg_controllen = space;
        struct cmsghdr *c = CMSG_FIRSTHDR(&m.msg);
        for (size_t i = 0; i < nanc && c; i++, c = CMSG_NXTHDR(&m.msg, c)) {
            c->cmsg_level = lv[2 * i];
            c->cmsg_type = lv[2 * i + 1];
            c->cmsg_len = CMSG_LEN(aviews[i].len);
            if (aviews[i].len) memcpy(CMSG_DATA(c), aviews[i].buf, aviews[i].len);
        }
        free(lv);
    }
    if (nargs >= 3 && obj_int_arg(args[2], &m.flags) < 0) goto out;
    if (nargs == 4 && args[3] != None) {
        socklen_t alen;
        if (sock_addr_parse(atomic_load(&SOCK(self)->family), args[3], &addr, &alen, "sendmsg") < 0)
            goto out;
        m.msg.msg_name = &addr;
        m.msg.msg_namelen = alen;
    }
    ssize_t r = sock_call(self, true, do_sendmsg, &m, NULL);
    if (r >= 0) res = int_from_i64(r);
out:
    for (size_t i = 0; i < nv; i++)
        buffer_release(&views[i]);
    for (size_t i = 0; i < nav; i++)
        buffer_release(&aviews[i]);
    free(views);
    free(aviews);
    free(iov);
    free(control);
    XDECREF(bufs);
    XDECREF(anc);
    return res;
}

// The common part of recvmsg and recvmsg_into: receives into iov and returns
// (data, ancdata, msg_flags, address), data being bytes of `bytes_buf` when
// it is not NULL (recvmsg), else the byte count (recvmsg_into).
static obj_t *recvmsg_impl(obj_t *self, struct iovec *iov, size_t niov, ssize_t ancn, int flags,
                           const char *bytes_buf) {
    char *control = ancn ? calloc(1, (size_t)ancn) : NULL;
    if (ancn && control == NULL) return err_no_memory();
    sock_addr_t addr;
    memset(&addr, 0, sizeof addr);
    msg_data_t m;
    memset(&m, 0, sizeof m);
    m.msg.msg_name = &addr;
    m.msg.msg_namelen = sizeof addr;
    m.msg.msg_iov = iov;
    m.msg.msg_iovlen = niov;
    m.msg.msg_control = control;
    m.msg.msg_controllen = (size_t)ancn;
    m.flags = flags;
    obj_t *res = NULL, *data = NULL, *anc = NULL, *a = NULL;
    ssize_t r = sock_call(self, false, do_recvmsg, &m, NULL);
    if (r < 0) goto out;
    data = bytes_buf ? bytes_from(bytes_buf, (size_t)r) : int_from_i64(r);
    if (data == NULL || (anc = list_new(0)) == NULL) goto out;
    if (control && m.msg.msg_controllen) {
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&m.msg); c; c = CMSG_NXTHDR(&m.msg, c)) {
            size_t dlen = c->cmsg_len - CMSG_LEN(0);
            size_t avail = (size_t)(control + m.msg.msg_controllen - (char *)CMSG_DATA(c));
            if (dlen > avail) dlen = avail;
            obj_t *d = bytes_from(CMSG_DATA(c), dlen);
            obj_t *t =
                d ? tuple_pack(3, SMALLINT_FROM(c->cmsg_level), SMALLINT_FROM(c->cmsg_type), d)
                  : NULL;
            XDECREF(d);
            if (t == NULL || list_append(anc, t) < 0) {
                XDECREF(t);
                goto out;
            }
            DECREF(t);
        }
    }
    if ((a = sock_addr_make(&addr.sa, m.msg.msg_namelen, atomic_load(&SOCK(self)->family))) == NULL)
        goto out;
    res = tuple_pack(4, data, anc, SMALLINT_FROM(m.msg.msg_flags), a);
out:
    XDECREF(data);
    XDECREF(anc);
    XDECREF(a);
    free(control);
    return res;
}

static int anc_args(obj_t *const *args, size_t nargs, ssize_t *ancn, int *flags) {
    if ((nargs >= 2 && size_arg(args[1], ancn) < 0) ||
        (nargs == 3 && obj_int_arg(args[2], flags) < 0))
        return -1;
    if (*ancn < 0) {
        err_set_str(exc_ValueError, "invalid ancillary data buffer length");
        return -1;
    }
    return 0;
}

// recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)
static obj_t *sock_recvmsg(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("recvmsg", nargs, kwnames, 1, 3) < 0) return NULL;
    ssize_t n, ancn = 0;
    int flags = 0;
    if (size_arg(args[0], &n) < 0) return NULL;
    if (n < 0) {
        err_set_str(exc_ValueError, "negative buffer size in recvmsg()");
        return NULL;
    }
    if (anc_args(args, nargs, &ancn, &flags) < 0) return NULL;
    char *buf = obj_alloc_too_big((size_t)n) ? NULL : malloc(n ? (size_t)n : 1);
    if (buf == NULL) return err_no_memory();
    struct iovec iov = {.iov_base = buf, .iov_len = (size_t)n};
    obj_t *res = recvmsg_impl(self, &iov, 1, ancn, flags, buf);
    free(buf);
    return res;
}

// recvmsg_into(buffers[, ancbufsize[, flags]]) -> (nbytes, ancdata, msg_flags, address)
static obj_t *sock_recvmsg_into(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("recvmsg_into", nargs, kwnames, 1, 3) < 0) return NULL;
    ssize_t ancn = 0;
    int flags = 0;
    if (anc_args(args, nargs, &ancn, &flags) < 0) return NULL;
    obj_t *bufs = tuple_from_iterable(args[0]);
    if (bufs == NULL) {
        if (err_matches(exc_TypeError)) {
            err_clear();
            err_set_str(exc_TypeError, "recvmsg_into() argument 1 must be an iterable");
        }
        return NULL;
    }
    size_t n = TUPLE_SIZE(bufs), got = 0;
    buffer_t *views = calloc(n ? n : 1, sizeof *views);
    struct iovec *iov = calloc(n ? n : 1, sizeof *iov);
    obj_t *res = NULL;
    if (views == NULL || iov == NULL) {
        err_no_memory();
        goto out;
    }
    for (; got < n; got++) {
        if (buffer_get(TUPLE_GET(bufs, got), &views[got]) < 0) goto out;
        if (views[got].readonly) {
            err_format(exc_TypeError,
                       "recvmsg_into() argument 1 must be an iterable of single-segment "
                       "read-write buffers");
            buffer_release(&views[got]);
            goto out;
        }
        iov[got].iov_base = views[got].buf;
        iov[got].iov_len = views[got].len;
    }
    res = recvmsg_impl(self, iov, n, ancn, flags, NULL);
out:
    for (size_t i = 0; i < got; i++)
        buffer_release(&views[i]);
    free(views);
    free(iov);
    DECREF(bufs);
    return res;
}

static const method_def_t sock_methods[] = {
    {"_accept", sock_accept, 0, NULL},
    {"bind", sock_bind, 0, NULL},
    {"close", sock_close, 0, NULL},
    {"connect", sock_connect, 0, NULL},
    {"connect_ex", sock_connect_ex, 0, NULL},
    {"detach", sock_detach, 0, NULL},
    {"fileno", sock_fileno, 0, NULL},
    {"getblocking", sock_getblocking, 0, NULL},
    {"getpeername", sock_getpeername, 0, NULL},
    {"getsockname", sock_getsockname, 0, NULL},
    {"getsockopt", sock_getsockopt, 0, NULL},
    {"gettimeout", sock_gettimeout, 0, NULL},
    {"listen", sock_listen, 0, NULL},
    {"recv", sock_recv, 0, NULL},
    {"recv_into", sock_recv_into, 0, NULL},
    {"recvfrom", sock_recvfrom, 0, NULL},
    {"recvfrom_into", sock_recvfrom_into, 0, NULL},
    {"recvmsg", sock_recvmsg, 0, NULL},
    {"recvmsg_into", sock_recvmsg_into, 0, NULL},
    {"send", sock_send, 0, NULL},
    {"sendall", sock_sendall, 0, NULL},
    {"sendmsg", sock_sendmsg, 0, NULL},
    {"sendto", sock_sendto, 0, NULL},
    {"setblocking", sock_setblocking, 0, NULL},
    {"setsockopt", sock_setsockopt, 0, NULL},
    {"settimeout", sock_settimeout, 0, NULL},
    {"shutdown", sock_shutdown, 0, NULL},
    {NULL},
};

static const getset_def_t sock_getsets[] = {
    {"family", sock_get_family, NULL, NULL},
    {"type", sock_get_type, NULL, NULL},
    {"proto", sock_get_proto, NULL, NULL},
    {"timeout", sock_get_timeout, NULL, NULL},
    {NULL},
};

type_t sock_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_socket.socket",
    .basicsize = sizeof(sock_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = sock_dealloc,
    .repr = sock_repr,
    .tp_new = sock_tp_new,
    .tp_init = sock_init,
    .methods = sock_methods,
    .getsets = sock_getsets,
    .doc = "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object",
};

// ---- module functions that make sockets ------------------------------------------------

static obj_t *mod_socketpair(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("socketpair", nargs, kwnames, 0, 3) < 0) return NULL;
    int family = AF_UNIX, type = SOCK_STREAM, proto = 0;
    if ((nargs > 0 && obj_int_arg(args[0], &family) < 0) ||
        (nargs > 1 && obj_int_arg(args[1], &type) < 0) ||
        (nargs > 2 && obj_int_arg(args[2], &proto) < 0))
        return NULL;
    int sv[2];
    if (socketpair(family, type | SOCK_CLOEXEC, proto, sv) < 0) return err_from_errno(errno, NULL);
    obj_t *a = sock_wrap(sv[0], family, type, proto);
    if (a == NULL) {
        close(sv[1]);
        return NULL;
    }
    obj_t *b = sock_wrap(sv[1], family, type, proto);
    if (b == NULL) {
        DECREF(a);
        return NULL;
    }
    obj_t *r = tuple_pack(2, a, b);
    DECREF(a);
    DECREF(b);
    return r;
}

static obj_t *mod_dup(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dup", nargs, kwnames, 1, 1) < 0) return NULL;
    int fd;
    if (obj_int_arg(args[0], &fd) < 0) return NULL;
    int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (nfd < 0) return err_from_errno(errno, NULL);
    return SMALLINT_FROM(nfd);
}

static obj_t *mod_close(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("close", nargs, kwnames, 1, 1) < 0) return NULL;
    int fd;
    if (obj_int_arg(args[0], &fd) < 0) return NULL;
    if (close(fd) < 0 && errno != ECONNRESET) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *mod_getdefaulttimeout(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getdefaulttimeout", nargs, kwnames, 0, 0) < 0) return NULL;
    return timeout_obj(atomic_load(&sock_default_timeout_ns));
}

static obj_t *mod_setdefaulttimeout(obj_t *m, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("setdefaulttimeout", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t ns;
    if (sock_timeout_arg(args[0], &ns) < 0) return NULL;
    atomic_store(&sock_default_timeout_ns, ns);
    return NEWREF(None);
}

static const method_def_t sock_module_functions[] = {
    {"socketpair", mod_socketpair, 0, NULL},
    {"dup", mod_dup, 0, NULL},
    {"close", mod_close, 0, NULL},
    {"getdefaulttimeout", mod_getdefaulttimeout, 0, NULL},
    {"setdefaulttimeout", mod_setdefaulttimeout, 0, NULL},
    {NULL},
};

obj_t *sock_gaierror, *sock_herror;

obj_t *socket_module_init(void) {
    // Imports are serialized by the module's import lock; the error classes
    // are made once and kept (immortal) for later re-imports.
    static _Atomic(obj_t *) gai, her;
    if (type_ensure_ready(&sock_type) < 0) return NULL;
    if (atomic_load(&gai) == NULL) {
        obj_t *g = exc_new_class("socket", "gaierror", exc_OSError),
              *h = g ? exc_new_class("socket", "herror", exc_OSError) : NULL;
        if (h == NULL) return NULL;
        sock_gaierror = g;
        sock_herror = h;
        atomic_store(&her, h);
        atomic_store(&gai, g);
    }
    obj_t *m = module_new("_socket");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, sock_module_functions) < 0 ||
        module_add_functions(m, sock_addr_functions) < 0 || sock_add_constants(m) < 0 ||
        dict_set_str(d, "socket", (obj_t *)&sock_type) < 0 ||
        dict_set_str(d, "SocketType", (obj_t *)&sock_type) < 0 ||
        dict_set_str(d, "error", (obj_t *)exc_OSError) < 0 ||
        dict_set_str(d, "timeout", (obj_t *)exc_TimeoutError) < 0 ||
        dict_set_str(d, "gaierror", atomic_load(&gai)) < 0 ||
        dict_set_str(d, "herror", atomic_load(&her)) < 0 || dict_set_str(d, "has_ipv6", True) < 0)
        goto error;
    return m;
error:
    DECREF(m);
    return NULL;
}
