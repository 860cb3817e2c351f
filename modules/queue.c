/*
 * modules/queue.c — the native `_queue` module: `SimpleQueue` (an unbounded
 * FIFO queue whose put never blocks) and the `Empty` exception, CPython
 * 3.11's API.  queue.py uses them when they import, in place of its
 * pure-Python _PySimpleQueue; concurrent.futures' thread pools hand work to
 * their threads through one.
 *
 * Why native: the pure-Python queue is a list and a threading.Semaphore
 * (a Condition over a Lock), a Python-level lock that a getter holds while
 * it checks the count.  A fork() stops the other threads wherever they are
 * in Python code (threads/stw.h), so the child could inherit that lock held
 * by a thread that no longer exists, and its first put() (ThreadPoolExecutor's
 * exit hook puts None for every worker) waited for ever:
 * test_concurrent_futures' test_hang_global_shutdown_lock.  Here no lock is
 * ever held across Python code.
 *
 * How: the items are a collections.deque (its append and popleft are atomic,
 * modules/deque.c), and a process-private POSIX semaphore counts them.  put
 * appends and then posts; get takes one count (sem_trywait, or a wait in a
 * blocking region: offline for QSBR, no critical section held, so
 * stop-the-world pauses do not wait for it) and then pops: every count taken
 * stands for an item already appended, so the pop always finds one.  A
 * fork()'s child inherits the semaphore's value, which equals the number of
 * items nobody had taken yet.  The wait is thread_sem_wait's
 * (threads/thread.h): signal handlers run while it waits (Ctrl-C).
 */
#include <errno.h>
#include <math.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <time.h>

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/thread.h"
#include "collections.h"

bool thread_is_main(thread_t *ts); // threads/thread.c

typedef struct {
    obj_t ob;
    obj_t *items; // a deque
    sem_t count;  // the number of items not yet taken by a get
} simplequeue_t;

static obj_t *queue_empty_exc; // _queue.Empty

static obj_t *sq_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs > 0) {
        err_set_str(exc_TypeError, "SimpleQueue() takes no positional arguments");
        return NULL;
    }
    if (kwnames && TUPLE_SIZE(kwnames) > 0) {
        err_set_str(exc_TypeError, "SimpleQueue() takes no keyword arguments");
        return NULL;
    }
    obj_t *items = obj_call((obj_t *)&deque_type, NULL, 0, NULL);
    if (items == NULL) return NULL;
    simplequeue_t *q = (simplequeue_t *)obj_alloc(type, type->basicsize);
    if (q == NULL) {
        DECREF(items);
        return NULL;
    }
    q->items = items;
    sem_init(&q->count, 0, 0);
    return (obj_t *)q;
}

static void sq_dealloc(obj_t *o) {
    simplequeue_t *q = (simplequeue_t *)o;
    XDECREF(q->items);
    sem_destroy(&q->count);
    obj_free(o);
}

static int sq_traverse(obj_t *o, visitproc visit, void *arg) {
    simplequeue_t *q = (simplequeue_t *)o;
    return q->items ? visit(q->items, arg) : 0;
}

// Drops the items (the collector breaks a cycle through the queue); the
// deque itself stays, so later calls find an empty queue.
static int sq_clear(obj_t *o) {
    simplequeue_t *q = (simplequeue_t *)o;
    if (q->items == NULL) return 0;
    obj_t *r = obj_call_method(q->items, "clear", NULL, 0);
    if (r == NULL)
        err_clear();
    else
        DECREF(r);
    return 0;
}

static obj_t *sq_put_item(simplequeue_t *q, obj_t *item) {
    if (deque_append(q->items, item) < 0) return NULL;
    sem_post(&q->count);
    return NEWREF(None);
}

// put(item, block=True, timeout=None): block and timeout are ignored.
static obj_t *sq_put(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"item", "block", "timeout", NULL};
    obj_t *v[3] = {NULL, NULL, NULL};
    if (nargs > 3) {
        err_format(exc_TypeError, "put() takes at most 3 arguments (%zu given)", nargs);
        return NULL;
    }
    if (args_parse("put", args, nargs, kwnames, names, 1, v) < 0) return NULL;
    return sq_put_item((simplequeue_t *)self, v[0]);
}

static obj_t *sq_put_nowait(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"item", NULL};
    obj_t *v[1] = {NULL};
    if (args_parse("put_nowait", args, nargs, kwnames, names, 1, v) < 0) return NULL;
    return sq_put_item((simplequeue_t *)self, v[0]);
}

// Takes one count: 1 taken, 0 none before the deadline (NULL: waits for
// ever; block false: a single try), -1 a signal handler raised.
static int sq_take(simplequeue_t *q, const struct timespec *deadline, bool block) {
    struct timespec now;
    if (!block) {
        now = thread_deadline_after(0);
        deadline = &now;
    }
    return thread_sem_wait(&q->count, deadline);
}

static obj_t *sq_get_impl(simplequeue_t *q, bool block, obj_t *timeout) {
    struct timespec deadline, *dl = NULL;
    if (block && timeout && timeout != None) {
        double t;
        if (FLOAT_CHECK(timeout)) {
            t = float_as_double(timeout);
        } else {
            obj_t *i = obj_index(timeout);
            if (i == NULL) return NULL;
            t = float_as_double(i);
            DECREF(i);
            if (t == -1.0 && err_occurred()) return NULL;
        }
        if (isnan(t)) {
            err_set_str(exc_ValueError, "Invalid value NaN (not a number)");
            return NULL;
        }
        if (t < 0) {
            err_set_str(exc_ValueError, "'timeout' must be a non-negative number");
            return NULL;
        }
        if (t > 1e9) t = 1e9;
        deadline = thread_deadline_after(t);
        dl = &deadline;
    }
    int r = sq_take(q, dl, block);
    if (r < 0) return NULL;
    if (r == 0) {
        err_set((type_t *)queue_empty_exc, NULL);
        return NULL;
    }
    obj_t *item = obj_call_method(q->items, "popleft", NULL, 0);
    if (item == NULL) sem_post(&q->count); // cannot happen: give the count back
    return item;
}

// get(block=True, timeout=None)
static obj_t *sq_get(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"block", "timeout", NULL};
    obj_t *v[2] = {NULL, NULL};
    if (nargs > 2) {
        err_format(exc_TypeError, "get() takes at most 2 arguments (%zu given)", nargs);
        return NULL;
    }
    if (args_parse("get", args, nargs, kwnames, names, 0, v) < 0) return NULL;
    int block = 1;
    if (v[0] && (block = obj_is_true(v[0])) < 0) return NULL;
    return sq_get_impl((simplequeue_t *)self, block, v[1]);
}

static obj_t *sq_get_nowait(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("get_nowait", nargs, kwnames, 0, 0) < 0) return NULL;
    return sq_get_impl((simplequeue_t *)self, false, NULL);
}

static obj_t *sq_empty(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("empty", nargs, kwnames, 0, 0) < 0) return NULL;
    ssize_t n = obj_len(((simplequeue_t *)self)->items);
    if (n < 0) return NULL;
    return NEWREF(bool_from(n == 0));
}

static obj_t *sq_qsize(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("qsize", nargs, kwnames, 0, 0) < 0) return NULL;
    ssize_t n = obj_len(((simplequeue_t *)self)->items);
    if (n < 0) return NULL;
    return int_from_i64(n);
}

static const method_def_t sq_methods[] = {
    {"put", sq_put, 0,
     "Append item at the tail; never blocks (block and timeout are accepted for Queue "
     "compatibility)."},
    {"put_nowait", sq_put_nowait, 0, "Same as put(item)."},
    {"get", sq_get, 0,
     "Take the item at the head, waiting up to timeout seconds when block is true; raises Empty if "
     "none arrives."},
    {"get_nowait", sq_get_nowait, 0, "Take the item at the head, or raise Empty at once."},
    {"empty", sq_empty, 0,
     "True when the queue holds no item at this instant; other threads may change that at once."},
    {"qsize", sq_qsize, 0,
     "The number of items at this instant; other threads may change it at once."},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static type_t simplequeue_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_queue.SimpleQueue",
    .basicsize = sizeof(simplequeue_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = sq_dealloc,
    .tp_new = sq_new,
    .methods = sq_methods,
    .traverse = sq_traverse,
    .clear = sq_clear,
    .doc = "An unbounded first-in first-out queue whose put() never blocks and may be called from "
           "a __del__ or signal handler.",
};

obj_t *queue_module_init(void) {
    if (type_ready(&simplequeue_type) < 0) return NULL;
    if (queue_empty_exc == NULL) {
        queue_empty_exc = exc_new_class("_queue", "Empty", exc_Exception);
        if (queue_empty_exc == NULL) return NULL;
        obj_immortalize(queue_empty_exc);
    }
    obj_t *m = module_new("_queue");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    if (dict_set_str(d, "SimpleQueue", (obj_t *)&simplequeue_type) < 0 ||
        dict_set_str(d, "Empty", queue_empty_exc) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
