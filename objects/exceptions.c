/*
 * objects/exceptions.c — the builtin exception hierarchy (EXC_TYPES in
 * exceptions.h) and BaseException's behaviour.
 *
 * The types live in a static array filled by exceptions_init() and finished
 * by type_ready(); they are immortal and not heap types (repr
 * `<class 'ValueError'>`, attributes immutable), but flagged BASETYPE so
 * `class MyError(ValueError)` works.  Every instance is an exc_t (with a
 * dict slot at dictoffset); a few families extend it with their own fields:
 * OSError (errno, strerror, filename, filename2), SyntaxError (msg,
 * filename, lineno, offset, text, end_lineno, end_offset), UnicodeError
 * (encoding, object, start, end, reason).  exc_t.value holds
 * StopIteration.value / SystemExit.code / ImportError.msg; exc_t.name holds
 * NameError/AttributeError/ImportError .name; exc_t.extra holds
 * AttributeError.obj / ImportError.path.
 *
 * Concurrency: one exception instance may be shared, raised and inspected
 * by several threads at once.  Every rebindable field (args,
 * __traceback__, __cause__, __context__ and the per-family attributes) is
 * written with qsbr_field_store and read without a lock with
 * qsbr_field_load / qsbr_field_borrow (gc/qsbr.h, through FSET/FLOAD
 * below), so a replaced value is released only after every reader is done
 * with it.  Readers that run Python code (str, repr) hold counted
 * references.  __suppress_context__ is an atomic bool.  Traceback entries
 * are immutable once published: raising one instance in several threads
 * only replaces the head pointer, each raise atomically.
 */
#include <errno.h>
#include <string.h>

#include "../core/error.h"
#include "../core/traceback.h"
#include "buffer.h"
#include "bytes.h"
#include "dict.h"
#include "exceptiongroup.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"
#include "../gc/qsbr.h"

// Writer (steals value, may be NULL) / counted reader of a rebindable field
// of exception `self` (gc/qsbr.h).
#define FSET(self, field, value) qsbr_field_store((obj_t *)(self), &(field), (value))
#define FLOAD(self, field)       qsbr_field_load((obj_t *)(self), &(field))

enum {
#define EXC_INDEX(name, base) EXC_IDX_##name,
    EXC_TYPES(EXC_INDEX)
#undef EXC_INDEX
        EXC_NTYPES
};

static type_t exc_storage[EXC_NTYPES];

#define EXC_DEFINE(name, base) type_t *exc_##name;
EXC_TYPES(EXC_DEFINE)
#undef EXC_DEFINE

extern obj_t *err_prealloc_memerror; // core/error.c

typedef struct {
    exc_t base;
    obj_t *myerrno, *strerror, *filename, *filename2;
} oserror_t;

typedef struct {
    exc_t base;
    obj_t *msg, *filename, *lineno, *offset, *text, *end_lineno, *end_offset, *print_file_and_line;
} syntaxerror_t;

typedef struct {
    exc_t base;
    obj_t *encoding, *object, *start, *end, *reason;
} unicodeerror_t;

// ---- BaseException ---------------------------------------------------------------------

static obj_t *exc_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    exc_t *e = (exc_t *)obj_alloc(type, type->basicsize);
    if (e == NULL) return NULL;
    e->args = tuple_from_array(args, nargs);
    if (e->args == NULL) {
        DECREF((obj_t *)e);
        return NULL;
    }
    return (obj_t *)e;
}

static int set_args(exc_t *e, obj_t *const *args, size_t nargs) {
    obj_t *t = tuple_from_array(args, nargs);
    if (t == NULL) return -1;
    FSET(e, e->args, t);
    return 0;
}

static int exc_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw(TYPE(self)->name, kwnames) < 0) return -1;
    return set_args((exc_t *)self, args, nargs);
}

static void exc_clear_base(exc_t *e) {
    CLEAR(e->dict);
    CLEAR(e->args);
    CLEAR(e->traceback);
    CLEAR(e->cause);
    CLEAR(e->context);
    CLEAR(e->value);
    CLEAR(e->name);
    CLEAR(e->extra);
}

// The cycle collector (gc/gc.h): the fields exc_clear_base releases (the
// subclasses' extra fields are not visited: their referents only look
// referenced from outside).
static int exc_traverse(obj_t *self, visitproc visit, void *arg) {
    exc_t *e = (exc_t *)self;
    obj_t *f[] = {e->dict,    e->args,  e->traceback, e->cause,
                  e->context, e->value, e->name,      e->extra};
    for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        if (f[i] != NULL) {
            int r = visit(f[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

// Only on unreachable exceptions: no thread can read the fields.
static int exc_gc_clear(obj_t *self) {
    exc_clear_base((exc_t *)self);
    return 0;
}

static void exc_dealloc(obj_t *self) {
    exc_clear_base((exc_t *)self);
    obj_free(self);
}

static obj_t *exc_args_str(exc_t *e) {
    obj_t *args = FLOAD(e, e->args);
    size_t n = args ? TUPLE_SIZE(args) : 0;
    obj_t *r = n == 0 ? str_intern("") : obj_str(n == 1 ? TUPLE_GET(args, 0) : args);
    XDECREF(args);
    return r;
}

static obj_t *exc_str_slot(obj_t *self) {
    return exc_args_str((exc_t *)self);
}

static obj_t *exc_repr(obj_t *self) {
    exc_t *e = (exc_t *)self;
    const char *name = TYPE(self)->name;
    obj_t *args = FLOAD(e, e->args), *r;
    if (args != NULL && TUPLE_SIZE(args) == 1)
        r = str_from_format("%s(%R)", name, TUPLE_GET(args, 0));
    else if (args == NULL)
        r = str_from_format("%s()", name);
    else
        r = str_from_format("%s%R", name, args);
    XDECREF(args);
    return r;
}

static obj_t *exc_with_traceback(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("with_traceback", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *tb = args[0];
    if (tb != None && TYPE(tb) != &traceback_type) {
        err_set_str(exc_TypeError, "__traceback__ must be a traceback or None");
        return NULL;
    }
    exc_set_traceback(self, tb == None ? NULL : tb);
    return NEWREF(self);
}

static obj_t *exc_add_note(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("BaseException.add_note", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *note = args[0];
    if (!STR_CHECK(note)) {
        err_format(exc_TypeError, "note must be a str, not '%s'", obj_type_name(note));
        return NULL;
    }
    obj_t *notes = obj_lookup_attr(self, ID(__notes__));
    if (notes == NULL) {
        if (err_occurred()) return NULL;
        notes = list_new(0);
        if (notes == NULL) return NULL;
        if (obj_setattr(self, ID(__notes__), notes) < 0) {
            DECREF(notes);
            return NULL;
        }
    }
    if (!LIST_CHECK(notes)) {
        DECREF(notes);
        err_set_str(exc_TypeError, "Cannot add note: __notes__ is not a list");
        return NULL;
    }
    int r = list_append(notes, note);
    DECREF(notes);
    return r < 0 ? NULL : NEWREF(None);
}

static int reduce_args_state(obj_t *self, obj_t **args, obj_t **state);

// BaseException.__reduce__: (type(self), self.args[, state]), the state
// (the instance dict) only when there is one, as CPython (so exceptions
// pickle and copy).  OSError and ImportError add their extra fields
// (reduce_args_state).
static obj_t *exc_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    exc_t *e = (exc_t *)self;
    obj_t *a = FLOAD(e, e->args);
    if (a == NULL) a = tuple_new(0);
    if (a == NULL) return NULL;
    obj_t *d = FLOAD(e, e->dict);
    if (reduce_args_state(self, &a, &d) < 0) {
        DECREF(a);
        XDECREF(d);
        return NULL;
    }
    obj_t *r = d ? tuple_pack(3, (obj_t *)TYPE(self), a, d) : tuple_pack(2, (obj_t *)TYPE(self), a);
    DECREF(a);
    XDECREF(d);
    return r;
}

// The extra fields CPython's OSError/ImportError __reduce__ carry: an
// OSError(errno, strerror) with a filename reduces to (errno, strerror,
// filename[, None, filename2]); an ImportError's name and path join the state
// dict.  *args and *state (may be NULL) are counted and replaced in place;
// -1 + exception on failure.
static int reduce_args_state(obj_t *self, obj_t **args, obj_t **state) {
    if (type_is_subtype(TYPE(self), exc_OSError)) {
        oserror_t *o = (oserror_t *)self;
        obj_t *fn = FLOAD(o, o->filename);
        if (fn != NULL && fn != None && TUPLE_CHECK(*args) && TUPLE_SIZE(*args) == 2) {
            obj_t *fn2 = FLOAD(o, o->filename2);
            obj_t *a0 = TUPLE_GET(*args, 0), *a1 = TUPLE_GET(*args, 1);
            obj_t *na = fn2 && fn2 != None ? tuple_pack(5, a0, a1, fn, None, fn2)
                                           : tuple_pack(3, a0, a1, fn);
            XDECREF(fn2);
            if (na == NULL) {
                DECREF(fn);
                return -1;
            }
            DECREF(*args);
            *args = na;
        }
        XDECREF(fn);
    } else if (type_is_subtype(TYPE(self), exc_ImportError)) {
        exc_t *e = (exc_t *)self;
        obj_t *name = FLOAD(e, e->name), *path = FLOAD(e, e->extra);
        bool has_name = name && name != None, has_path = path && path != None;
        if (has_name || has_path) {
            obj_t *d = *state ? dict_copy(*state) : dict_new();
            int rc = d ? 0 : -1;
            if (rc == 0 && has_name) rc = dict_set_str(d, "name", name);
            if (rc == 0 && has_path) rc = dict_set_str(d, "path", path);
            if (rc < 0) {
                XDECREF(d);
                d = NULL;
            }
            XDECREF(*state);
            *state = d;
        }
        XDECREF(name);
        XDECREF(path);
        if ((has_name || has_path) && *state == NULL) return -1;
    }
    return 0;
}

// BaseException.__setstate__(state): sets each item of a dict state as an
// attribute; None is accepted and ignored.
static obj_t *exc_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *state = args[0];
    if (state == None) return NEWREF(None);
    if (!DICT_CHECK(state)) {
        err_set_str(exc_TypeError, "state is not a dictionary");
        return NULL;
    }
    ssize_t pos = 0;
    obj_t *k, *v;
    while (dict_next(state, &pos, &k, &v)) {
        int rc = obj_setattr(self, k, v);
        DECREF(k);
        DECREF(v);
        if (rc < 0) return NULL;
    }
    return NEWREF(None);
}

static const method_def_t exc_methods[] = {
    {"with_traceback", exc_with_traceback, METH_DEFAULT,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", exc_add_note, METH_DEFAULT,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {"__reduce__", exc_reduce, METH_DEFAULT, NULL},
    {"__setstate__", exc_setstate, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

// A counted field value (FLOAD) as an attribute: None for NULL.
static obj_t *opt(obj_t *v) {
    return v ? v : NEWREF(None);
}

static obj_t *exc_get_args(obj_t *self, void *c) {
    return opt(FLOAD(self, ((exc_t *)self)->args));
}
static int exc_set_args(obj_t *self, obj_t *value, void *c) {
    if (value == NULL) {
        err_set_str(exc_TypeError, "args may not be deleted");
        return -1;
    }
    obj_t *t = tuple_from_iterable(value);
    if (t == NULL) return -1;
    FSET(self, ((exc_t *)self)->args, t);
    return 0;
}

static obj_t *exc_get_tb(obj_t *self, void *c) {
    return opt(FLOAD(self, ((exc_t *)self)->traceback));
}
static int exc_set_tb(obj_t *self, obj_t *value, void *c) {
    if (value == NULL) {
        err_set_str(exc_TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    if (value != None && TYPE(value) != &traceback_type) {
        err_set_str(exc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    exc_set_traceback(self, value == None ? NULL : value);
    return 0;
}

static obj_t *exc_get_context_attr(obj_t *self, void *c) {
    return opt(FLOAD(self, ((exc_t *)self)->context));
}
static int exc_set_context_attr(obj_t *self, obj_t *value, void *c) {
    if (value == NULL) {
        err_set_str(exc_TypeError, "__context__ may not be deleted");
        return -1;
    }
    if (value != None && !EXC_CHECK(value)) {
        err_set_str(exc_TypeError, "exception context must be None or derive from BaseException");
        return -1;
    }
    FSET(self, ((exc_t *)self)->context, value == None ? NULL : NEWREF(value));
    return 0;
}

static obj_t *exc_get_cause_attr(obj_t *self, void *c) {
    return opt(FLOAD(self, ((exc_t *)self)->cause));
}
static int exc_set_cause_attr(obj_t *self, obj_t *value, void *c) {
    if (value == NULL) {
        err_set_str(exc_TypeError, "__cause__ may not be deleted");
        return -1;
    }
    if (value != None && !EXC_CHECK(value)) {
        err_set_str(exc_TypeError, "exception cause must be None or derive from BaseException");
        return -1;
    }
    exc_t *e = (exc_t *)self;
    FSET(e, e->cause, value == None ? NULL : NEWREF(value));
    atomic_store_explicit(&e->suppress_context, true, memory_order_relaxed);
    return 0;
}

static obj_t *exc_get_suppress(obj_t *self, void *c) {
    return NEWREF(
        bool_from(atomic_load_explicit(&((exc_t *)self)->suppress_context, memory_order_relaxed)));
}
static int exc_set_suppress(obj_t *self, obj_t *value, void *c) {
    if (value == NULL) {
        err_set_str(exc_TypeError, "__suppress_context__ may not be deleted");
        return -1;
    }
    int t = obj_is_true(value);
    if (t < 0) return -1;
    atomic_store_explicit(&((exc_t *)self)->suppress_context, t != 0, memory_order_relaxed);
    return 0;
}

static const getset_def_t exc_getsets[] = {
    {"args", exc_get_args, exc_set_args, NULL},
    {"__traceback__", exc_get_tb, exc_set_tb, NULL},
    {"__context__", exc_get_context_attr, exc_set_context_attr, NULL},
    {"__cause__", exc_get_cause_attr, exc_set_cause_attr, NULL},
    {"__suppress_context__", exc_get_suppress, exc_set_suppress, NULL},
    {"__dict__", NULL, NULL, NULL}, // patched to subtype_dict_getset in exceptions_init
    {NULL, NULL, NULL, NULL},
};
static getset_def_t exc_getsets_rw[sizeof exc_getsets / sizeof exc_getsets[0]];

// ---- StopIteration, SystemExit, KeyError ------------------------------------------------------

static int stopiteration_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (exc_tp_init(self, args, nargs, kwnames) < 0) return -1;
    FSET(self, ((exc_t *)self)->value, NEWREF(nargs > 0 ? args[0] : None));
    return 0;
}

static int systemexit_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (exc_tp_init(self, args, nargs, kwnames) < 0) return -1;
    exc_t *e = (exc_t *)self;
    obj_t *code = nargs == 0 ? NEWREF(None) : nargs == 1 ? NEWREF(args[0]) : FLOAD(e, e->args);
    FSET(e, e->value, code);
    return 0;
}

static const member_def_t stopiteration_members[] = {
    {"value", MEMBER_OBJECT, offsetof(exc_t, value), false},
    {NULL, 0, 0, false},
};
static const member_def_t systemexit_members[] = {
    {"code", MEMBER_OBJECT, offsetof(exc_t, value), false},
    {NULL, 0, 0, false},
};

static obj_t *keyerror_str(obj_t *self) {
    exc_t *e = (exc_t *)self;
    obj_t *args = FLOAD(e, e->args);
    if (args != NULL && TUPLE_SIZE(args) == 1) {
        obj_t *r = obj_repr(TUPLE_GET(args, 0));
        DECREF(args);
        return r;
    }
    XDECREF(args);
    return exc_args_str(e);
}

// ---- ImportError, NameError, AttributeError ----------------------------------------------------

static int parse_kwonly(const char *tname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                        const char *const *names, obj_t **out) {
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; names[i]; i++)
        out[i] = NULL;
    for (size_t k = 0; k < nkw; k++) {
        obj_t *key = TUPLE_GET(kwnames, k);
        size_t i = 0;
        for (; names[i]; i++)
            if (str_eq_cstr(key, names[i])) break;
        if (names[i] == NULL) {
            err_format(exc_TypeError, "'%U' is an invalid keyword argument for %s()", key, tname);
            return -1;
        }
        out[i] = args[nargs + k];
    }
    return 0;
}

static int importerror_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", "path", NULL};
    obj_t *kw[2];
    if (parse_kwonly(TYPE(self)->name, args, nargs, kwnames, names, kw) < 0) return -1;
    exc_t *e = (exc_t *)self;
    if (set_args(e, args, nargs) < 0) return -1;
    FSET(e, e->name, kw[0] ? NEWREF(kw[0]) : NULL);
    FSET(e, e->extra, kw[1] ? NEWREF(kw[1]) : NULL);
    FSET(e, e->value, nargs == 1 ? NEWREF(args[0]) : NULL);
    return 0;
}

static obj_t *importerror_str(obj_t *self) {
    exc_t *e = (exc_t *)self;
    obj_t *msg = FLOAD(e, e->value);
    if (msg != NULL && msg != None) {
        obj_t *r = obj_str(msg);
        DECREF(msg);
        return r;
    }
    XDECREF(msg);
    return exc_args_str(e);
}

static const member_def_t importerror_members[] = {
    {"msg", MEMBER_OBJECT, offsetof(exc_t, value), false},
    {"name", MEMBER_OBJECT, offsetof(exc_t, name), false},
    {"path", MEMBER_OBJECT, offsetof(exc_t, extra), false},
    {NULL, 0, 0, false},
};

static int nameerror_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", NULL};
    obj_t *kw[1];
    if (parse_kwonly(TYPE(self)->name, args, nargs, kwnames, names, kw) < 0) return -1;
    exc_t *e = (exc_t *)self;
    if (set_args(e, args, nargs) < 0) return -1;
    FSET(e, e->name, kw[0] ? NEWREF(kw[0]) : NULL);
    return 0;
}

static const member_def_t nameerror_members[] = {
    {"name", MEMBER_OBJECT, offsetof(exc_t, name), false},
    {NULL, 0, 0, false},
};

static int attributeerror_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", "obj", NULL};
    obj_t *kw[2];
    if (parse_kwonly(TYPE(self)->name, args, nargs, kwnames, names, kw) < 0) return -1;
    exc_t *e = (exc_t *)self;
    if (set_args(e, args, nargs) < 0) return -1;
    FSET(e, e->name, kw[0] ? NEWREF(kw[0]) : NULL);
    FSET(e, e->extra, kw[1] ? NEWREF(kw[1]) : NULL);
    return 0;
}

static const member_def_t attributeerror_members[] = {
    {"name", MEMBER_OBJECT, offsetof(exc_t, name), false},
    {"obj", MEMBER_OBJECT, offsetof(exc_t, extra), false},
    {NULL, 0, 0, false},
};

void exc_set_attr_details(obj_t *exc, obj_t *name, obj_t *obj) {
    if (!EXC_CHECK(exc)) return;
    type_t *t = TYPE(exc);
    exc_t *e = (exc_t *)exc;
    if (type_is_subtype(t, exc_AttributeError)) {
        FSET(e, e->name, name ? NEWREF(name) : NULL);
        FSET(e, e->extra, obj ? NEWREF(obj) : NULL);
    } else if (type_is_subtype(t, exc_NameError)) {
        FSET(e, e->name, name ? NEWREF(name) : NULL);
    }
}

// A user's __getattr__ or __getattribute__ raised AttributeError for
// obj.name: the exception learns both unless it already names something
// (as CPython's attribute lookup does), so the report can suggest a name.
void exc_attr_error_context(obj_t *obj, obj_t *name) {
    obj_t *exc = err_peek();
    if (exc == NULL || !EXC_CHECK(exc) || !type_is_subtype(TYPE(exc), exc_AttributeError)) return;
    exc_t *e = (exc_t *)exc;
    if (e->name != NULL && e->name != None) return;
    if (e->extra != NULL && e->extra != None) return;
    exc_set_attr_details(exc, name, obj);
}

// ---- OSError
// -------------------------------------------------------------------------------------

static type_t *errno_subclass(int64_t e) {
    switch (e) {
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case EALREADY:
    case EINPROGRESS: return exc_BlockingIOError;
    case ECHILD: return exc_ChildProcessError;
    case EPIPE:
    case ESHUTDOWN: return exc_BrokenPipeError;
    case ECONNABORTED: return exc_ConnectionAbortedError;
    case ECONNREFUSED: return exc_ConnectionRefusedError;
    case ECONNRESET: return exc_ConnectionResetError;
    case EEXIST: return exc_FileExistsError;
    case ENOENT: return exc_FileNotFoundError;
    case EISDIR: return exc_IsADirectoryError;
    case ENOTDIR: return exc_NotADirectoryError;
    case EINTR: return exc_InterruptedError;
    case EACCES:
    case EPERM: return exc_PermissionError;
    case ESRCH: return exc_ProcessLookupError;
    case ETIMEDOUT: return exc_TimeoutError;
    default: return NULL;
    }
}

static int oserror_parse(oserror_t *o, obj_t *const *args, size_t nargs) {
    exc_t *e = &o->base;
    obj_t *no = NULL, *str = NULL, *fn = NULL, *fn2 = NULL;
    size_t keep = nargs;
    if (nargs >= 2 && nargs <= 5) {
        no = NEWREF(args[0]);
        str = NEWREF(args[1]);
        if (nargs >= 3 && args[2] != None) {
            fn = NEWREF(args[2]);
            if (nargs >= 5 && args[4] != None) fn2 = NEWREF(args[4]);
            keep = 2;
        }
    }
    FSET(o, o->myerrno, no);
    FSET(o, o->strerror, str);
    FSET(o, o->filename, fn);
    FSET(o, o->filename2, fn2);
    return set_args(e, args, keep);
}

static obj_t *oserror_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (type == exc_OSError && nargs >= 2 && INT_CHECK(args[0])) {
        int64_t en;
        if (int_as_i64(args[0], &en) == 0) {
            type_t *sub = errno_subclass(en);
            if (sub != NULL) type = sub;
        } else {
            err_clear();
        }
    }
    oserror_t *o = (oserror_t *)obj_alloc(type, type->basicsize);
    if (o == NULL) return NULL;
    if (oserror_parse(o, args, nargs) < 0) {
        DECREF((obj_t *)o);
        return NULL;
    }
    return (obj_t *)o;
}

static int oserror_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw(TYPE(self)->name, kwnames) < 0) return -1;
    return oserror_parse((oserror_t *)self, args, nargs);
}

static obj_t *oserror_str(obj_t *self) {
    oserror_t *o = (oserror_t *)self;
    obj_t *no = FLOAD(o, o->myerrno), *str = FLOAD(o, o->strerror);
    obj_t *fn = FLOAD(o, o->filename), *fn2 = FLOAD(o, o->filename2), *r;
    if (fn != NULL) {
        if (fn2 != NULL)
            r = str_from_format("[Errno %S] %S: %R -> %R", no ? no : None, str ? str : None, fn,
                                fn2);
        else
            r = str_from_format("[Errno %S] %S: %R", no ? no : None, str ? str : None, fn);
    } else if (no != NULL && str != NULL) {
        r = str_from_format("[Errno %S] %S", no, str);
    } else {
        r = exc_args_str(&o->base);
    }
    XDECREF(no);
    XDECREF(str);
    XDECREF(fn);
    XDECREF(fn2);
    return r;
}

static void oserror_dealloc(obj_t *self) {
    oserror_t *o = (oserror_t *)self;
    CLEAR(o->myerrno);
    CLEAR(o->strerror);
    CLEAR(o->filename);
    CLEAR(o->filename2);
    exc_dealloc(self);
}

static const member_def_t oserror_members[] = {
    {"errno", MEMBER_OBJECT, offsetof(oserror_t, myerrno), false},
    {"strerror", MEMBER_OBJECT, offsetof(oserror_t, strerror), false},
    {"filename", MEMBER_OBJECT, offsetof(oserror_t, filename), false},
    {"filename2", MEMBER_OBJECT, offsetof(oserror_t, filename2), false},
    {NULL, 0, 0, false},
};

// ---- SyntaxError --------------------------------------------------------------------------------

static int syntaxerror_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (exc_tp_init(self, args, nargs, kwnames) < 0) return -1;
    syntaxerror_t *s = (syntaxerror_t *)self;
    if (nargs >= 1) FSET(s, s->msg, NEWREF(args[0]));
    if (nargs == 2) {
        obj_t *info = tuple_from_iterable(args[1]);
        if (info == NULL) return -1;
        size_t n = TUPLE_SIZE(info);
        if (n < 4 || n > 6) {
            DECREF(info);
            err_format(exc_TypeError, "function takes %s %d arguments (%zu given)",
                       n < 4 ? "at least" : "at most", n < 4 ? 4 : 6, n);
            return -1;
        }
        if (n == 5) {
            DECREF(info);
            err_set_str(exc_TypeError, "end_offset must be provided when end_lineno is provided");
            return -1;
        }
        obj_t **fields[6] = {&s->filename, &s->lineno,     &s->offset,
                             &s->text,     &s->end_lineno, &s->end_offset};
        for (size_t i = 0; i < 6; i++)
            qsbr_field_store(self, fields[i], i < n ? NEWREF(TUPLE_GET(info, i)) : NULL);
        DECREF(info);
    }
    return 0;
}

static obj_t *syntaxerror_str(obj_t *self) {
    syntaxerror_t *s = (syntaxerror_t *)self;
    obj_t *filename = FLOAD(s, s->filename), *lineno = FLOAD(s, s->lineno);
    obj_t *msg = opt(FLOAD(s, s->msg)), *r;
    const char *fname = NULL;
    if (filename != NULL && STR_CHECK(filename)) {
        const char *f = str_data(filename);
        const char *slash = strrchr(f, '/');
        fname = slash ? slash + 1 : f;
    }
    bool have_lineno = lineno != NULL && INT_CHECK(lineno);
    if (fname != NULL && have_lineno)
        r = str_from_format("%S (%s, line %S)", msg, fname, lineno);
    else if (fname != NULL)
        r = str_from_format("%S (%s)", msg, fname);
    else if (have_lineno)
        r = str_from_format("%S (line %S)", msg, lineno);
    else
        r = obj_str(msg);
    XDECREF(filename);
    XDECREF(lineno);
    DECREF(msg);
    return r;
}

static void syntaxerror_dealloc(obj_t *self) {
    syntaxerror_t *s = (syntaxerror_t *)self;
    CLEAR(s->msg);
    CLEAR(s->filename);
    CLEAR(s->lineno);
    CLEAR(s->offset);
    CLEAR(s->text);
    CLEAR(s->end_lineno);
    CLEAR(s->end_offset);
    CLEAR(s->print_file_and_line);
    exc_dealloc(self);
}

static const member_def_t syntaxerror_members[] = {
    {"msg", MEMBER_OBJECT, offsetof(syntaxerror_t, msg), false},
    {"filename", MEMBER_OBJECT, offsetof(syntaxerror_t, filename), false},
    {"lineno", MEMBER_OBJECT, offsetof(syntaxerror_t, lineno), false},
    {"offset", MEMBER_OBJECT, offsetof(syntaxerror_t, offset), false},
    {"text", MEMBER_OBJECT, offsetof(syntaxerror_t, text), false},
    {"end_lineno", MEMBER_OBJECT, offsetof(syntaxerror_t, end_lineno), false},
    {"end_offset", MEMBER_OBJECT, offsetof(syntaxerror_t, end_offset), false},
    {"print_file_and_line", MEMBER_OBJECT, offsetof(syntaxerror_t, print_file_and_line), false},
    {NULL, 0, 0, false},
};

// ---- UnicodeDecodeError / UnicodeEncodeError
// ----------------------------------------------------------

static int unicodeerror_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (exc_tp_init(self, args, nargs, kwnames) < 0) return -1;
    if (nargs != 5) // lenient (CPython requires 5): a plain message works like BaseException
        return 0;
    unicodeerror_t *u = (unicodeerror_t *)self;
    obj_t *object = NEWREF(args[1]);
    if (type_is_subtype(TYPE(self), exc_UnicodeDecodeError) && !BYTES_CHECK(object) &&
        buffer_check(object)) {
        // CPython keeps a bytes copy of a bytearray or memoryview object.
        DECREF(object);
        object = buffer_as_bytes(args[1]);
        if (object == NULL) return -1;
    }
    FSET(u, u->encoding, NEWREF(args[0]));
    FSET(u, u->object, object);
    FSET(u, u->start, NEWREF(args[2]));
    FSET(u, u->end, NEWREF(args[3]));
    FSET(u, u->reason, NEWREF(args[4]));
    return 0;
}

// Counted snapshot of a UnicodeError's attributes (each may be rebound by
// another thread while str() runs).
typedef struct {
    obj_t *encoding, *object, *reason;
    int64_t start, end;
} unicode_snap_t;

static void unicode_snap_release(unicode_snap_t *v) {
    XDECREF(v->encoding);
    XDECREF(v->object);
    XDECREF(v->reason);
}

// True when all five attributes are present and start/end are ints.
static bool unicode_fields(unicodeerror_t *u, unicode_snap_t *v) {
    v->encoding = FLOAD(u, u->encoding);
    v->object = FLOAD(u, u->object);
    v->reason = FLOAD(u, u->reason);
    obj_t *start = FLOAD(u, u->start), *end = FLOAD(u, u->end);
    bool ok =
        v->encoding && v->object && v->reason && start && end && INT_CHECK(start) && INT_CHECK(end);
    if (ok && (int_as_i64(start, &v->start) < 0 || int_as_i64(end, &v->end) < 0)) {
        err_clear();
        ok = false;
    }
    XDECREF(start);
    XDECREF(end);
    if (!ok) unicode_snap_release(v);
    return ok;
}

static obj_t *unicodedecode_str(obj_t *self) {
    unicodeerror_t *u = (unicodeerror_t *)self;
    unicode_snap_t v;
    if (!unicode_fields(u, &v)) return exc_args_str(&u->base);
    int64_t start = v.start, end = v.end;
    obj_t *r;
    if (end == start + 1 && BYTES_CHECK(v.object) && start >= 0 &&
        (size_t)start < bytes_len(v.object))
        r = str_from_format("'%S' codec can't decode byte 0x%02x in position %lld: %S", v.encoding,
                            (unsigned)bytes_data(v.object)[start], (long long)start, v.reason);
    else
        r = str_from_format("'%S' codec can't decode bytes in position %lld-%lld: %S", v.encoding,
                            (long long)start, (long long)(end - 1), v.reason);
    unicode_snap_release(&v);
    return r;
}

// The character of a one-character UnicodeEncodeError or
// UnicodeTranslateError message, escaped as CPython writes it.
static void unicode_char_escape(char buf[16], uint32_t c) {
    if (c <= 0xff)
        snprintf(buf, 16, "\\x%02x", c);
    else if (c <= 0xffff)
        snprintf(buf, 16, "\\u%04x", c);
    else
        snprintf(buf, 16, "\\U%08x", c);
}

static obj_t *unicodeencode_str(obj_t *self) {
    unicodeerror_t *u = (unicodeerror_t *)self;
    unicode_snap_t v;
    if (!unicode_fields(u, &v)) return exc_args_str(&u->base);
    int64_t start = v.start, end = v.end;
    obj_t *r;
    if (end == start + 1 && STR_CHECK(v.object) && start >= 0 &&
        (size_t)start < str_len(v.object)) {
        char buf[16];
        unicode_char_escape(buf, str_char_at(v.object, (size_t)start));
        r = str_from_format("'%S' codec can't encode character '%s' in position %lld: %S",
                            v.encoding, buf, (long long)start, v.reason);
    } else {
        r = str_from_format("'%S' codec can't encode characters in position %lld-%lld: %S",
                            v.encoding, (long long)start, (long long)(end - 1), v.reason);
    }
    unicode_snap_release(&v);
    return r;
}

static void unicodeerror_dealloc(obj_t *self) {
    unicodeerror_t *u = (unicodeerror_t *)self;
    CLEAR(u->encoding);
    CLEAR(u->object);
    CLEAR(u->start);
    CLEAR(u->end);
    CLEAR(u->reason);
    exc_dealloc(self);
}

// UnicodeTranslateError(object, start, end, reason): no encoding (None).
static int unicodetranslate_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (exc_tp_init(self, args, nargs, kwnames) < 0) return -1;
    if (nargs != 4) {
        err_format(exc_TypeError, "function takes exactly 4 arguments (%zu given)", nargs);
        return -1;
    }
    unicodeerror_t *u = (unicodeerror_t *)self;
    FSET(u, u->encoding, NEWREF(None));
    FSET(u, u->object, NEWREF(args[0]));
    FSET(u, u->start, NEWREF(args[1]));
    FSET(u, u->end, NEWREF(args[2]));
    FSET(u, u->reason, NEWREF(args[3]));
    return 0;
}

static obj_t *unicodetranslate_str(obj_t *self) {
    unicodeerror_t *u = (unicodeerror_t *)self;
    unicode_snap_t v;
    if (!unicode_fields(u, &v)) return exc_args_str(&u->base);
    int64_t start = v.start, end = v.end;
    obj_t *r;
    if (end == start + 1 && STR_CHECK(v.object) && start >= 0 &&
        (size_t)start < str_len(v.object)) {
        char buf[16];
        unicode_char_escape(buf, str_char_at(v.object, (size_t)start));
        r = str_from_format("can't translate character '%s' in position %lld: %S", buf,
                            (long long)start, v.reason);
    } else {
        r = str_from_format("can't translate characters in position %lld-%lld: %S",
                            (long long)start, (long long)(end - 1), v.reason);
    }
    unicode_snap_release(&v);
    return r;
}

static const member_def_t unicodeerror_members[] = {
    {"encoding", MEMBER_OBJECT, offsetof(unicodeerror_t, encoding), false},
    {"object", MEMBER_OBJECT, offsetof(unicodeerror_t, object), false},
    {"start", MEMBER_OBJECT, offsetof(unicodeerror_t, start), false},
    {"end", MEMBER_OBJECT, offsetof(unicodeerror_t, end), false},
    {"reason", MEMBER_OBJECT, offsetof(unicodeerror_t, reason), false},
    {NULL, 0, 0, false},
};

// ---- docs (a few that programs print) -----------------------------------------------------------

static const char *exc_doc(const char *name) {
    static const struct {
        const char *name, *doc;
    } docs[] = {
        {"BaseException", "Common base class for all exceptions"},
        {"Exception", "Common base class for all non-exit exceptions."},
        {"ValueError", "Inappropriate argument value (of correct type)."},
        {"TypeError", "Inappropriate argument type."},
        {"KeyError", "Mapping key not found."},
        {"IndexError", "Sequence index out of range."},
        {"AttributeError", "Attribute not found."},
        {"NameError", "Name not found globally."},
        {"RuntimeError", "Unspecified run-time error."},
        {"ZeroDivisionError", "Second argument to a division or modulo operation was zero."},
        {"StopIteration", "Signal the end from iterator.__next__()."},
        {"NotImplementedError", "Method or function hasn't been implemented yet."},
        {"AssertionError", "Assertion failed."},
        {"OSError", "Base class for I/O related errors."},
        {"LookupError", "Base class for lookup errors."},
        {"ArithmeticError", "Base class for arithmetic errors."},
        {"OverflowError", "Result too large to be represented."},
        {"RecursionError", "Recursion limit exceeded."},
        {"ImportError", "Import can't find module, or can't find name in module."},
        {"SystemExit", "Request to exit from the interpreter."},
        {"KeyboardInterrupt", "Program interrupted by user."},
        {"MemoryError", "Out of memory."},
        {"BaseExceptionGroup", "A combination of multiple unrelated exceptions."},
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
        if (strcmp(docs[i].name, name) == 0) return docs[i].doc;
    return NULL;
}

// ---- creation
// ---------------------------------------------------------------------------------------

int exceptions_init(void) {
    if (exc_BaseException != NULL && type_has_flag(exc_BaseException, TPFLAG_READY)) return 0;
    memcpy(exc_getsets_rw, exc_getsets, sizeof exc_getsets);
    for (size_t i = 0; exc_getsets_rw[i].name; i++)
        if (strcmp(exc_getsets_rw[i].name, "__dict__") == 0)
            exc_getsets_rw[i] = subtype_dict_getset;

#define EXC_SETUP(nm, bs)                                                                          \
    {                                                                                              \
        type_t *t = &exc_storage[EXC_IDX_##nm];                                                    \
        type_t tmp = {.ob = OBJ_HEAD_INIT(&type_type),                                             \
                      .name = #nm,                                                                 \
                      .basicsize = sizeof(exc_t),                                                  \
                      .flags = TPFLAG_BASETYPE | TPFLAG_EXC_SUBCLASS,                              \
                      .dictoffset = offsetof(exc_t, dict)};                                        \
        *t = tmp;                                                                                  \
        exc_##nm = t;                                                                              \
    }
    EXC_TYPES(EXC_SETUP)
#undef EXC_SETUP
#define EXC_BASES(nm, bs) exc_storage[EXC_IDX_##nm].base = exc_##bs;
    type_t *exc_NULL = &object_type;
    EXC_TYPES(EXC_BASES)
#undef EXC_BASES
    (void)exc_NULL;

    type_t *b = exc_BaseException;
    b->dealloc = exc_dealloc;
    b->traverse = exc_traverse;
    b->clear = exc_gc_clear;
    b->repr = exc_repr;
    b->str = exc_str_slot;
    b->getattro = obj_generic_getattr;
    b->setattro = obj_generic_setattr;
    b->tp_new = exc_tp_new;
    b->tp_init = exc_tp_init;
    b->methods = exc_methods;
    b->getsets = exc_getsets_rw;

    exc_StopIteration->tp_init = stopiteration_init;
    exc_StopIteration->members = stopiteration_members;
    exc_SystemExit->tp_init = systemexit_init;
    exc_SystemExit->members = systemexit_members;
    exc_KeyError->str = keyerror_str;
    exc_ImportError->tp_init = importerror_init;
    exc_ImportError->str = importerror_str;
    exc_ImportError->members = importerror_members;
    exc_NameError->tp_init = nameerror_init;
    exc_NameError->members = nameerror_members;
    exc_AttributeError->tp_init = attributeerror_init;
    exc_AttributeError->members = attributeerror_members;

    type_t *os = exc_OSError;
    os->basicsize = sizeof(oserror_t);
    os->dealloc = oserror_dealloc;
    os->tp_new = oserror_tp_new;
    os->tp_init = oserror_init;
    os->str = oserror_str;
    os->members = oserror_members;

    type_t *se = exc_SyntaxError;
    se->basicsize = sizeof(syntaxerror_t);
    se->dealloc = syntaxerror_dealloc;
    se->tp_init = syntaxerror_init;
    se->str = syntaxerror_str;
    se->members = syntaxerror_members;

    type_t *ue = exc_UnicodeError;
    ue->basicsize = sizeof(unicodeerror_t);
    ue->dealloc = unicodeerror_dealloc;
    exc_UnicodeDecodeError->tp_init = unicodeerror_init;
    exc_UnicodeDecodeError->str = unicodedecode_str;
    exc_UnicodeDecodeError->members = unicodeerror_members;
    exc_UnicodeEncodeError->tp_init = unicodeerror_init;
    exc_UnicodeEncodeError->str = unicodeencode_str;
    exc_UnicodeEncodeError->members = unicodeerror_members;
    exc_UnicodeTranslateError->tp_init = unicodetranslate_init;
    exc_UnicodeTranslateError->str = unicodetranslate_str;
    exc_UnicodeTranslateError->members = unicodeerror_members;
    egroup_setup_types();

    for (int i = 0; i < EXC_NTYPES; i++) {
        type_t *t = &exc_storage[i];
        // Subclasses of the extended families share their layout.
        if (t->basicsize == sizeof(exc_t) && t->base != NULL && t->base != &object_type &&
            t->base->basicsize > sizeof(exc_t))
            t->basicsize = t->base->basicsize;
        t->doc = exc_doc(t->name);
        if (type_ready(t) < 0) return -1;
    }

    obj_t *args = tuple_new(0);
    if (args == NULL) return -1;
    err_prealloc_memerror = exc_tp_new(exc_MemoryError, NULL, 0, NULL);
    DECREF(args);
    if (err_prealloc_memerror == NULL) return -1;
    obj_immortalize(err_prealloc_memerror);
    return 0;
}

int exceptions_add_to_builtins(obj_t *builtins_dict) {
#define EXC_ADD(nm, bs)                                                                            \
    if (dict_set_str(builtins_dict, #nm, (obj_t *)exc_##nm) < 0) return -1;
    EXC_TYPES(EXC_ADD)
#undef EXC_ADD
    if (dict_set_str(builtins_dict, "EnvironmentError", (obj_t *)exc_OSError) < 0 ||
        dict_set_str(builtins_dict, "IOError", (obj_t *)exc_OSError) < 0)
        return -1;
    return 0;
}

// ---- the C API
// ------------------------------------------------------------------------------------

obj_t *exc_new_class(const char *module, const char *name, type_t *base) {
    obj_t *n = str_from_cstr(name);
    obj_t *bases = n ? tuple_pack(1, (obj_t *)base) : NULL;
    obj_t *ns = bases ? dict_new() : NULL;
    obj_t *mod = ns ? str_from_cstr(module) : NULL;
    obj_t *cls = NULL;
    if (mod && dict_set_str(ns, "__module__", mod) == 0) {
        obj_t *targs[3] = {n, bases, ns};
        cls = obj_call((obj_t *)&type_type, targs, 3, NULL);
    }
    XDECREF(n);
    XDECREF(bases);
    XDECREF(ns);
    XDECREF(mod);
    if (cls) type_immortalize((type_t *)cls);
    return cls;
}

obj_t *exc_new(type_t *type, obj_t *args) {
    size_t n = args ? TUPLE_SIZE(args) : 0;
    obj_t *const *items = args ? TUPLE_ITEMS(args) : NULL;
    if (!type_has_flag(type, TPFLAG_HEAPTYPE) && type_has_flag(type, TPFLAG_EXC_SUBCLASS)) {
        // Builtin exception: skip the generic call machinery.
        obj_t *e = type->tp_new(type, items, n, NULL);
        if (e == NULL) return NULL;
        initfunc init = TYPE(e)->tp_init;
        if (init != NULL && init(e, items, n, NULL) < 0) {
            DECREF(e);
            return NULL;
        }
        return e;
    }
    obj_t *e = obj_call((obj_t *)type, items, n, NULL);
    if (e != NULL && !EXC_CHECK(e)) {
        err_format(exc_TypeError,
                   "calling %s should have returned an instance of BaseException, not %s",
                   type->name, obj_type_name(e));
        DECREF(e);
        return NULL;
    }
    return e;
}

obj_t *exc_get_traceback(obj_t *exc) {
    return qsbr_field_borrow(exc, &((exc_t *)exc)->traceback);
}

obj_t *exc_traceback_ref(obj_t *exc) {
    return FLOAD(exc, ((exc_t *)exc)->traceback);
}
obj_t *exc_cause_ref(obj_t *exc) {
    return FLOAD(exc, ((exc_t *)exc)->cause);
}
obj_t *exc_context_ref(obj_t *exc) {
    return FLOAD(exc, ((exc_t *)exc)->context);
}
bool exc_suppress_context(obj_t *exc) {
    return atomic_load_explicit(&((exc_t *)exc)->suppress_context, memory_order_relaxed);
}

void exc_set_traceback(obj_t *exc, obj_t *tb) {
    exc_t *e = (exc_t *)exc;
    XINCREF(tb);
    FSET(e, e->traceback, tb);
}

void exc_set_cause(obj_t *exc, obj_t *cause) {
    exc_t *e = (exc_t *)exc;
    FSET(e, e->cause, cause);
    atomic_store_explicit(&e->suppress_context, true, memory_order_relaxed);
}

void exc_set_context(obj_t *exc, obj_t *context) {
    exc_t *e = (exc_t *)exc;
    if (context == exc) { // never make an exception its own context
        XDECREF(context);
        return;
    }
    FSET(e, e->context, context);
}

obj_t *exc_get_cause(obj_t *exc) {
    return qsbr_field_borrow(exc, &((exc_t *)exc)->cause);
}
obj_t *exc_get_context(obj_t *exc) {
    return qsbr_field_borrow(exc, &((exc_t *)exc)->context);
}

obj_t *exc_str(obj_t *exc) {
    return obj_str(exc);
}

obj_t *exc_stopiteration_value(obj_t *exc) {
    if (exc != NULL && EXC_CHECK(exc) && type_is_subtype(TYPE(exc), exc_StopIteration)) {
        obj_t *v = qsbr_field_borrow(exc, &((exc_t *)exc)->value);
        return v ? v : None;
    }
    return None;
}

void err_unicode_decode(const char *encoding, const void *data, size_t len, size_t start,
                        size_t end, const char *reason) {
    obj_t *enc = str_from_cstr(encoding);
    obj_t *obj = bytes_from(data, len);
    obj_t *rs = str_from_cstr(reason);
    obj_t *args = enc && obj && rs ? tuple_pack(5, enc, obj, SMALLINT_FROM((int64_t)start),
                                                SMALLINT_FROM((int64_t)end), rs)
                                   : NULL;
    if (args != NULL) err_set(exc_UnicodeDecodeError, args);
    XDECREF(args);
    XDECREF(enc);
    XDECREF(obj);
    XDECREF(rs);
}

void err_unicode_encode(const char *encoding, obj_t *str, size_t start, size_t end,
                        const char *reason) {
    obj_t *enc = str_from_cstr(encoding);
    obj_t *rs = str_from_cstr(reason);
    obj_t *args = enc && rs ? tuple_pack(5, enc, str, SMALLINT_FROM((int64_t)start),
                                         SMALLINT_FROM((int64_t)end), rs)
                            : NULL;
    if (args != NULL) err_set(exc_UnicodeEncodeError, args);
    XDECREF(args);
    XDECREF(enc);
    XDECREF(rs);
}
