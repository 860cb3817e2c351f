/*
 * modules/select.c — `select`: select(), poll objects and epoll objects,
 * enough for selectors.DefaultSelector (EpollSelector), subprocess and
 * asyncio's selector event loop.
 *
 * select() is implemented over poll(2), so descriptors are not limited to
 * FD_SETSIZE.  Every wait is a blocking region; EINTR runs the signal
 * handlers (eval breaker) and retries with the time left (PEP 475).
 *
 * Locking: a poll object's registrations (a dict fd -> mask) are changed
 * inside the object's critical section (dict operations are themselves
 * atomic); poll() copies them into a private array first, and a second
 * concurrent poll() on one object raises RuntimeError as in CPython (the
 * `polling` flag, set and cleared in the section).  An epoll object is a
 * kernel descriptor: the kernel serializes register/modify/poll; `epfd` is
 * read and closed atomically (close wins once; a call racing with close
 * gets EBADF or "I/O operation on closed epoll object").
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "../core/error.h"
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

// operator.index(v) as an int64 (TypeError for non-integers).
static int index_i64(obj_t *v, int64_t *out) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int rc = int_as_i64(i, out);
    DECREF(i);
    return rc;
}

// An fd from an int or an object with fileno(), as CPython's
// PyObject_AsFileDescriptor.
static int as_fd(obj_t *o, int *fd) {
    obj_t *v;
    if (INT_CHECK(o)) {
        v = NEWREF(o);
    } else {
        obj_t *f = type_lookup(TYPE(o), str_intern("fileno"));
        if (f == NULL) {
            err_set_str(exc_TypeError, "argument must be an int, or have a fileno() method.");
            return -1;
        }
        v = obj_call1(f, o);
        if (v == NULL) return -1;
        if (!INT_CHECK(v)) {
            err_set_str(exc_TypeError, "fileno() returned a non-integer");
            DECREF(v);
            return -1;
        }
    }
    int64_t x;
    int rc = int_as_i64(v, &x);
    DECREF(v);
    if (rc < 0) return -1;
    if (x < 0) {
        err_format(exc_ValueError, "file descriptor cannot be a negative integer (%d)", (int)x);
        return -1;
    }
    if (x > INT_MAX) {
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *fd = (int)x;
    return 0;
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

// Waits with poll(2); timeout_ms < 0 = forever.  Returns the count, or -1
// with an exception (a signal handler raised, or OSError).
static int do_poll(struct pollfd *fds, nfds_t n, double timeout_s) {
    double deadline = timeout_s >= 0 ? now_s() + timeout_s : 0;
    if (timeout_s != 0) thread_settle_before_wait(); // threads/thread.h
    for (;;) {
        int ms = -1;
        if (timeout_s >= 0) {
            double left = deadline - now_s();
            if (left < 0) left = 0;
            double m = ceil(left * 1e3);
            ms = m > INT_MAX ? INT_MAX : (int)m;
        }
        thread_block_begin();
        int rc = poll(fds, n, ms);
        int e = errno;
        thread_block_end();
        if (rc >= 0) return rc;
        if (e != EINTR) {
            err_from_errno(e, NULL);
            return -1;
        }
        thread_t *ts = thread_current();
        if (ts && thread_handle_eval_breaker(ts) < 0) return -1;
    }
}

// timeout in seconds: None (forever), int or float >= 0.
static int timeout_arg(obj_t *v, double *out, const char *msg, double scale) {
    if (v == NULL || v == None) {
        *out = -1;
        return 0;
    }
    double t;
    if (INT_CHECK(v)) {
        obj_t *f = obj_call1((obj_t *)&float_type, v);
        if (f == NULL) return -1;
        t = float_as_double(f);
        DECREF(f);
    } else if (FLOAT_CHECK(v)) {
        t = float_as_double(v);
    } else {
        obj_t *i = TYPE(v)->nb_index ? obj_index(v) : NULL;
        if (i == NULL) {
            err_clear();
            err_set_str(exc_TypeError, msg);
            return -1;
        }
        int64_t x = 0;
        int rc = int_as_i64(i, &x);
        DECREF(i);
        if (rc < 0) return -1;
        t = (double)x;
    }
    if (isnan(t)) {
        err_set_str(exc_ValueError, "Invalid value NaN (not a number)");
        return -1;
    }
    *out = t * scale;
    return 0;
}

// ---- select() ----------------------------------------------------------------------

static obj_t *select_select(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("select", nargs, kwnames, 3, 4) < 0) return NULL;
    double timeout = -1;
    if (nargs == 4 && args[3] != None) {
        if (timeout_arg(args[3], &timeout, "timeout must be a float or None", 1.0) < 0) return NULL;
        if (timeout < 0) {
            err_set_str(exc_ValueError, "timeout must be non-negative");
            return NULL;
        }
    }
    obj_t *seqs[3] = {NULL, NULL, NULL}, *out[3] = {NULL, NULL, NULL}, *result = NULL;
    struct pollfd *fds = NULL;
    size_t total = 0;
    for (int k = 0; k < 3; k++) {
        if (!TUPLE_CHECK(args[k]) && !LIST_CHECK(args[k]) &&
            type_lookup(TYPE(args[k]), str_intern("__iter__")) == NULL) {
            err_set_str(exc_TypeError, "arguments 1-3 must be sequences");
            goto done;
        }
        if ((seqs[k] = tuple_from_iterable(args[k])) == NULL) goto done;
        total += TUPLE_SIZE(seqs[k]);
    }
    fds = calloc(total ? total : 1, sizeof *fds);
    if (fds == NULL) {
        err_no_memory();
        goto done;
    }
    static const short ev[3] = {POLLIN, POLLOUT, POLLPRI};
    size_t j = 0;
    for (int k = 0; k < 3; k++) {
        for (size_t i = 0; i < TUPLE_SIZE(seqs[k]); i++, j++) {
            if (as_fd(TUPLE_GET(seqs[k], i), &fds[j].fd) < 0) goto done;
            fds[j].events = ev[k];
        }
    }
    if (do_poll(fds, total, timeout) < 0) goto done;
    j = 0;
    for (int k = 0; k < 3; k++) {
        if ((out[k] = list_new(0)) == NULL) goto done;
        for (size_t i = 0; i < TUPLE_SIZE(seqs[k]); i++, j++) {
            short re = fds[j].revents;
            bool ready = k == 0   ? (re & (POLLIN | POLLHUP | POLLERR)) != 0
                         : k == 1 ? (re & (POLLOUT | POLLERR)) != 0
                                  : (re & POLLPRI) != 0;
            if (re & POLLNVAL) {
                err_from_errno(EBADF, NULL);
                goto done;
            }
            if (ready && list_append(out[k], TUPLE_GET(seqs[k], i)) < 0) goto done;
        }
    }
    result = tuple_pack(3, out[0], out[1], out[2]);
done:
    free(fds);
    for (int k = 0; k < 3; k++) {
        XDECREF(seqs[k]);
        XDECREF(out[k]);
    }
    return result;
}

// ---- poll objects --------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *fds;   // dict int fd -> int mask
    bool polling; // a poll() is running (critical section)
} poll_t;

static type_t poll_type;

static void poll_dealloc(obj_t *o) {
    XDECREF(((poll_t *)o)->fds);
    obj_free(o);
}

static int mask_arg(obj_t *v, unsigned *mask) {
    obj_t *i = obj_index(v);
    if (i == NULL) return -1;
    int64_t x;
    int rc = int_as_i64(i, &x);
    DECREF(i);
    if (rc < 0) return -1;
    if (x < 0 || x > 0xffffffffLL) {
        err_set_str(exc_OverflowError, "Python int too large for C unsigned short");
        return -1;
    }
    *mask = (unsigned)x;
    return 0;
}

static obj_t *poll_register(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    unsigned mask = POLLIN | POLLPRI | POLLOUT;
    if (args_check("register", nargs, kwnames, 1, 2) < 0 || as_fd(args[0], &fd) < 0 ||
        (nargs == 2 && mask_arg(args[1], &mask) < 0))
        return NULL;
    obj_t *k = SMALLINT_FROM(fd), *v = int_from_i64(mask & 0xffff);
    if (v == NULL) return NULL;
    int rc = dict_set(((poll_t *)self)->fds, k, v);
    DECREF(v);
    if (rc < 0) return NULL;
    return NEWREF(None);
}

static obj_t *poll_modify(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    unsigned mask;
    if (args_check("modify", nargs, kwnames, 2, 2) < 0 || as_fd(args[0], &fd) < 0 ||
        mask_arg(args[1], &mask) < 0)
        return NULL;
    poll_t *p = (poll_t *)self;
    obj_t *k = SMALLINT_FROM(fd), *v = int_from_i64(mask & 0xffff);
    if (v == NULL) return NULL;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(self);
    rc = dict_contains(p->fds, k);
    if (rc == 1) rc = dict_set(p->fds, k, v) < 0 ? -1 : 1;
    END_CRITICAL_SECTION();
    DECREF(v);
    if (rc < 0) return NULL;
    if (rc == 0) return err_from_errno(ENOENT, NULL);
    return NEWREF(None);
}

static obj_t *poll_unregister(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd;
    if (args_check("unregister", nargs, kwnames, 1, 1) < 0 || as_fd(args[0], &fd) < 0) return NULL;
    if (dict_del(((poll_t *)self)->fds, SMALLINT_FROM(fd)) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *poll_poll(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("poll", nargs, kwnames, 0, 1) < 0) return NULL;
    double timeout = -1;
    if (nargs == 1 &&
        timeout_arg(args[0], &timeout, "timeout must be an integer or None", 1e-3) < 0)
        return NULL;
    poll_t *p = (poll_t *)self;
    bool busy = false;
    obj_t *items = NULL;
    BEGIN_CRITICAL_SECTION(self);
    busy = p->polling;
    if (!busy) {
        p->polling = true;
        items = dict_items_list(p->fds);
        if (items == NULL) p->polling = false;
    }
    END_CRITICAL_SECTION();
    if (busy) {
        err_set_str(exc_RuntimeError, "concurrent poll() invocation");
        return NULL;
    }
    if (items == NULL) return NULL;
    obj_t *result = NULL;
    size_t n = (size_t)list_size(items);
    struct pollfd *fds = calloc(n ? n : 1, sizeof *fds);
    if (fds == NULL) {
        err_no_memory();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        obj_t *kv = list_items_unsafe(items)[i]; // private list
        int64_t fd, m;
        if (int_as_i64(TUPLE_GET(kv, 0), &fd) < 0 || int_as_i64(TUPLE_GET(kv, 1), &m) < 0)
            goto done;
        fds[i].fd = (int)fd;
        fds[i].events = (short)m;
    }
    if (do_poll(fds, n, timeout < 0 ? -1 : timeout) < 0) goto done;
    if ((result = list_new(0)) == NULL) goto done;
    for (size_t i = 0; i < n; i++) {
        if (fds[i].revents == 0) continue;
        obj_t *t = tuple_pack(2, SMALLINT_FROM(fds[i].fd), SMALLINT_FROM(fds[i].revents & 0xffff));
        if (t == NULL || list_append(result, t) < 0) {
            XDECREF(t);
            CLEAR(result);
            goto done;
        }
        DECREF(t);
    }
done:
    free(fds);
    DECREF(items);
    BEGIN_CRITICAL_SECTION(self);
    p->polling = false;
    END_CRITICAL_SECTION();
    return result;
}

static const method_def_t poll_methods[] = {
    {"register", poll_register, 0, NULL},
    {"modify", poll_modify, 0, NULL},
    {"unregister", poll_unregister, 0, NULL},
    {"poll", poll_poll, 0, NULL},
    {NULL},
};

static type_t poll_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "select.poll",
    .basicsize = sizeof(poll_t),
    .base = &object_type,
    .dealloc = poll_dealloc,
    .methods = poll_methods,
};

static obj_t *select_poll(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("poll", nargs, kwnames, 0, 0) < 0) return NULL;
    poll_t *p = (poll_t *)obj_alloc(&poll_type, sizeof(poll_t));
    if (p == NULL) return NULL;
    if ((p->fds = dict_new()) == NULL) {
        DECREF((obj_t *)p);
        return NULL;
    }
    return (obj_t *)p;
}

// ---- epoll objects -------------------------------------------------------------------

typedef struct {
    obj_t ob;
    _Atomic int epfd; // -1 once closed
} epoll_t;

static type_t epoll_type;

static void epoll_dealloc(obj_t *o) {
    int fd = atomic_exchange(&((epoll_t *)o)->epfd, -1);
    if (fd >= 0) close(fd);
    obj_free(o);
}

static int epfd_of(obj_t *self) {
    int fd = atomic_load(&((epoll_t *)self)->epfd);
    if (fd < 0) err_set_str(exc_ValueError, "I/O operation on closed epoll object");
    return fd;
}

static obj_t *new_epoll(type_t *type, int fd) {
    epoll_t *e = (epoll_t *)obj_alloc(type, type->basicsize);
    if (e == NULL) {
        close(fd);
        return NULL;
    }
    atomic_store(&e->epfd, fd);
    return (obj_t *)e;
}

static obj_t *epoll_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"sizehint", "flags", NULL};
    obj_t *vals[2] = {NULL, NULL};
    if (args_parse("epoll", args, nargs, kwnames, names, 0, vals) < 0) return NULL;
    int64_t hint = -1, flags = 0;
    if (vals[0] && index_i64(vals[0], &hint) < 0) return NULL;
    if (vals[1] && index_i64(vals[1], &flags) < 0) return NULL;
    if (hint == 0 || hint < -1) {
        err_set_str(exc_ValueError, "negative sizehint");
        return NULL;
    }
    int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0) return err_from_errno(errno, NULL);
    return new_epoll(type, fd);
}

static obj_t *epoll_ctl_call(obj_t *self, int op, obj_t *fdobj, obj_t *maskobj, unsigned dflt) {
    int fd, ep;
    unsigned mask = dflt;
    if (as_fd(fdobj, &fd) < 0 || (maskobj && mask_arg(maskobj, &mask) < 0)) return NULL;
    if ((ep = epfd_of(self)) < 0) return NULL;
    struct epoll_event ev = {.events = mask, .data.fd = fd};
    if (epoll_ctl(ep, op, fd, &ev) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *epoll_register(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", "eventmask", NULL};
    obj_t *vals[2] = {NULL, NULL};
    if (args_parse("register", args, nargs, kwnames, names, 1, vals) < 0) return NULL;
    return epoll_ctl_call(self, EPOLL_CTL_ADD, vals[0], vals[1], EPOLLIN | EPOLLPRI | EPOLLOUT);
}

static obj_t *epoll_modify(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", "eventmask", NULL};
    obj_t *vals[2] = {NULL, NULL};
    if (args_parse("modify", args, nargs, kwnames, names, 2, vals) < 0) return NULL;
    return epoll_ctl_call(self, EPOLL_CTL_MOD, vals[0], vals[1], 0);
}

static obj_t *epoll_unregister(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fd", NULL};
    obj_t *v = NULL;
    if (args_parse("unregister", args, nargs, kwnames, names, 1, &v) < 0) return NULL;
    return epoll_ctl_call(self, EPOLL_CTL_DEL, v, NULL, 0);
}

static obj_t *epoll_poll(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"timeout", "maxevents", NULL};
    obj_t *vals[2] = {NULL, NULL};
    if (args_parse("poll", args, nargs, kwnames, names, 0, vals) < 0) return NULL;
    double timeout = -1;
    int64_t maxev = -1;
    if (timeout_arg(vals[0], &timeout, "timeout must be an integer or None", 1.0) < 0) return NULL;
    if (vals[1] && index_i64(vals[1], &maxev) < 0) return NULL;
    if (maxev == -1)
        maxev = FD_SETSIZE - 1;
    else if (maxev < 1) {
        err_format(exc_ValueError, "maxevents must be greater than 0, got %d", (int)maxev);
        return NULL;
    }
    int ep = epfd_of(self);
    if (ep < 0) return NULL;
    struct epoll_event *evs = calloc((size_t)maxev, sizeof *evs);
    if (evs == NULL) return err_no_memory();
    double deadline = timeout >= 0 ? now_s() + timeout : 0;
    if (timeout != 0) thread_settle_before_wait(); // threads/thread.h
    int n;
    for (;;) {
        int ms = -1;
        if (timeout >= 0) {
            double left = deadline - now_s();
            double m = ceil((left < 0 ? 0 : left) * 1e3);
            ms = m > INT_MAX ? INT_MAX : (int)m;
        }
        thread_block_begin();
        n = epoll_wait(ep, evs, (int)maxev, ms);
        int e = errno;
        thread_block_end();
        if (n >= 0) break;
        if (e != EINTR) {
            free(evs);
            return err_from_errno(e, NULL);
        }
        thread_t *ts = thread_current();
        if (ts && thread_handle_eval_breaker(ts) < 0) {
            free(evs);
            return NULL;
        }
    }
    obj_t *result = list_new(0);
    for (int i = 0; result && i < n; i++) {
        obj_t *ev = int_from_i64(evs[i].events);
        obj_t *t = ev ? tuple_pack(2, SMALLINT_FROM(evs[i].data.fd), ev) : NULL;
        XDECREF(ev);
        if (t == NULL || list_append(result, t) < 0) CLEAR(result);
        XDECREF(t);
    }
    free(evs);
    return result;
}

static obj_t *epoll_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int fd = atomic_exchange(&((epoll_t *)self)->epfd, -1);
    if (fd >= 0 && close(fd) < 0) return err_from_errno(errno, NULL);
    return NEWREF(None);
}

static obj_t *epoll_fileno(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("fileno", nargs, kwnames, 0, 0) < 0) return NULL;
    int fd = epfd_of(self);
    if (fd < 0) return NULL;
    return SMALLINT_FROM(fd);
}

static obj_t *epoll_enter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (epfd_of(self) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *epoll_fromfd(obj_t *cls, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    int64_t fd;
    if (args_check("fromfd", nargs, kwnames, 1, 1) < 0 || index_i64(args[0], &fd) < 0) return NULL;
    return new_epoll((type_t *)cls, (int)fd);
}

static obj_t *epoll_closed(obj_t *self, void *closure) {
    return NEWREF(atomic_load(&((epoll_t *)self)->epfd) < 0 ? True : False);
}

static const method_def_t epoll_methods[] = {
    {"register", epoll_register, 0, NULL},
    {"modify", epoll_modify, 0, NULL},
    {"unregister", epoll_unregister, 0, NULL},
    {"poll", epoll_poll, 0, NULL},
    {"close", epoll_close, 0, NULL},
    {"fileno", epoll_fileno, 0, NULL},
    {"__enter__", epoll_enter, 0, NULL},
    {"__exit__", epoll_close, 0, NULL},
    {"fromfd", epoll_fromfd, METH_CLASS, NULL},
    {NULL},
};

static const getset_def_t epoll_getsets[] = {
    {"closed", epoll_closed, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static type_t epoll_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "select.epoll",
    .basicsize = sizeof(epoll_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = epoll_dealloc,
    .tp_new = epoll_tp_new,
    .methods = epoll_methods,
    .getsets = epoll_getsets,
};

static const method_def_t select_functions[] = {
    {"select", select_select, 0, NULL},
    {"poll", select_poll, 0, NULL},
    {NULL},
};

#define K(name)                                                                                    \
    { #name, name }
static const struct {
    const char *name;
    long value;
} select_constants[] = {
    K(POLLIN),     K(POLLPRI),       K(POLLOUT),         K(POLLERR),      K(POLLHUP),
    K(POLLNVAL),   K(POLLRDNORM),    K(POLLRDBAND),      K(POLLWRNORM),   K(POLLWRBAND),
    K(POLLMSG),    K(POLLRDHUP),     K(EPOLLIN),         K(EPOLLOUT),     K(EPOLLPRI),
    K(EPOLLERR),   K(EPOLLHUP),      K(EPOLLET),         K(EPOLLONESHOT), K(EPOLLEXCLUSIVE),
    K(EPOLLRDHUP), K(EPOLLRDNORM),   K(EPOLLRDBAND),     K(EPOLLWRNORM),  K(EPOLLWRBAND),
    K(EPOLLMSG),   K(EPOLL_CLOEXEC), {"PIPE_BUF", 4096}, {NULL, 0},
};

obj_t *select_module_init(void) {
    if (type_ready(&poll_type) < 0 || type_ready(&epoll_type) < 0) return NULL;
    obj_t *m = module_new("select");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, select_functions) < 0) goto error;
    for (size_t i = 0; select_constants[i].name; i++) {
        obj_t *v = int_from_i64(select_constants[i].value);
        int rc = v ? dict_set_str(d, select_constants[i].name, v) : -1;
        XDECREF(v);
        if (rc < 0) goto error;
    }
    if (dict_set_str(d, "error", (obj_t *)exc_OSError) < 0 ||
        dict_set_str(d, "epoll", (obj_t *)&epoll_type) < 0)
        goto error;
    return m;
error:
    DECREF(m);
    return NULL;
}
