/*
 * objects/exceptiongroup.c — BaseExceptionGroup and ExceptionGroup (PEP 654)
 * and the helpers that the except* opcodes call.
 *
 * Both types are entries of EXC_TYPES (exceptions.h) laid out as egroup_t;
 * ExceptionGroup's bases are (BaseExceptionGroup, Exception), so its MRO is
 * ExceptionGroup, BaseExceptionGroup, Exception, BaseException, object.
 * __new__ checks its arguments as CPython 3.11 does and picks the class:
 * BaseExceptionGroup(...) of nothing but Exceptions is an ExceptionGroup.
 * `args` keeps the arguments as passed (a list stays a list); `message` and
 * `exceptions` (a tuple) are fixed at creation, which is what lets other
 * threads read them without a lock (no qsbr rebinding needed).
 *
 * split/subgroup walk the tree and rebuild each partly matching group with
 * derive(), copying __traceback__, __cause__, __context__ and a copy of
 * __notes__ onto the new group (so the parts keep the original's metadata).
 * The same walk, matching leaves by identity, builds the part of the
 * original group that except* clauses re-raised (egroup_prep_reraise_star).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../gc/qsbr.h"
#include "../threads/thread.h"
#include "dict.h"
#include "exceptiongroup.h"
#include "func.h"
#include "list.h"
#include "str.h"
#include "tuple.h"
#include "type.h"
#include "type_internal.h"

// What a split is matching against.
typedef enum {
    MATCH_TYPE,      // an exception class or a tuple of them
    MATCH_PREDICATE, // a Python function called with each exception
    MATCH_LEAVES,    // identities of leaf exceptions (a C array)
} match_kind_t;

typedef struct {
    match_kind_t kind;
    obj_t *value;        // MATCH_TYPE / MATCH_PREDICATE
    obj_t **leaves;      // MATCH_LEAVES
    size_t nleaves, cap; // MATCH_LEAVES
} matcher_t;

// ---- construction ------------------------------------------------------------------------------

// PySequence_Check: indexable and not a mapping.
static bool is_sequence(obj_t *v) {
    return TYPE(v)->getitem != NULL && !DICT_CHECK(v);
}

static obj_t *egroup_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs != 2) {
        err_format(exc_TypeError,
                   "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zu given)", nargs);
        return NULL;
    }
    obj_t *msg = args[0], *seq = args[1];
    if (!STR_CHECK(msg)) {
        // PyArg_ParseTuple's wording: None is "None", not "NoneType".
        err_format(exc_TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not %s",
                   msg == None ? "None" : obj_type_name(msg));
        return NULL;
    }
    if (!is_sequence(seq)) {
        err_set_str(exc_TypeError, "second argument (exceptions) must be a sequence");
        return NULL;
    }
    obj_t *excs = tuple_from_iterable(seq);
    if (excs == NULL) return NULL;
    size_t n = TUPLE_SIZE(excs);
    if (n == 0) {
        err_set_str(exc_ValueError, "second argument (exceptions) must be a non-empty sequence");
        goto error;
    }
    bool nested_base = false;
    for (size_t i = 0; i < n; i++) {
        obj_t *e = TUPLE_GET(excs, i);
        if (!EXC_CHECK(e)) {
            err_format(exc_ValueError,
                       "Item %zu of second argument (exceptions) is not an exception", i);
            goto error;
        }
        if (!type_is_subtype(TYPE(e), exc_Exception)) nested_base = true;
    }
    type_t *cls = type;
    if (cls == exc_ExceptionGroup) {
        if (nested_base) {
            err_set_str(exc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
            goto error;
        }
    } else if (cls == exc_BaseExceptionGroup) {
        if (!nested_base) cls = exc_ExceptionGroup;
    } else if (nested_base && type_is_subtype(cls, exc_Exception)) {
        err_format(exc_TypeError, "Cannot nest BaseExceptions in '%s'", cls->name);
        goto error;
    }
    egroup_t *g = (egroup_t *)obj_alloc(cls, cls->basicsize);
    if (g == NULL) goto error;
    g->base.args = tuple_from_array(args, nargs);
    if (g->base.args == NULL) {
        DECREF((obj_t *)g);
        goto error;
    }
    g->msg = NEWREF(msg);
    g->excs = excs;
    return (obj_t *)g;
error:
    DECREF(excs);
    return NULL;
}

static int egroup_tp_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw(TYPE(self)->name, kwnames) < 0) return -1;
    // BaseException.__init__: args = the positional arguments.
    obj_t *t = tuple_from_array(args, nargs);
    if (t == NULL) return -1;
    qsbr_field_store(self, &((exc_t *)self)->args, t);
    return 0;
}

static void egroup_dealloc(obj_t *self) {
    egroup_t *g = (egroup_t *)self;
    CLEAR(g->msg);
    CLEAR(g->excs);
    // BaseException's dealloc clears the common fields and frees.
    exc_BaseException->dealloc(self);
}

static obj_t *egroup_str(obj_t *self) {
    egroup_t *g = (egroup_t *)self;
    size_t n = TUPLE_SIZE(g->excs);
    return str_from_format("%U (%zu sub-exception%s)", g->msg, n, n > 1 ? "s" : "");
}

obj_t *egroup_new(const char *msg, obj_t *excs) {
    obj_t *m = str_from_cstr(msg);
    if (m == NULL) return NULL;
    obj_t *args[2] = {m, excs};
    obj_t *r = obj_call((obj_t *)exc_BaseExceptionGroup, args, 2, NULL);
    DECREF(m);
    return r;
}

obj_t *egroup_exceptions(obj_t *eg) {
    return ((egroup_t *)eg)->excs;
}

// ---- split / subgroup
// ----------------------------------------------------------------------------

static int matcher_from(obj_t *v, matcher_t *m) {
    memset(m, 0, sizeof *m);
    m->value = v;
    if (FUNC_CHECK(v)) {
        m->kind = MATCH_PREDICATE;
        return 0;
    }
    m->kind = MATCH_TYPE;
    if (EXC_TYPE_CHECK(v)) return 0;
    if (OBJ_IS_TYPE(v, &tuple_type)) {
        for (size_t i = 0; i < TUPLE_SIZE(v); i++)
            if (!EXC_TYPE_CHECK(TUPLE_GET(v, i))) goto bad;
        return 0;
    }
bad:
    err_set_str(exc_TypeError, "expected a function, exception type or tuple of exception types");
    return -1;
}

static int matcher_test(matcher_t *m, obj_t *exc) {
    switch (m->kind) {
    case MATCH_TYPE:
        if (TUPLE_CHECK(m->value)) {
            for (size_t i = 0; i < TUPLE_SIZE(m->value); i++)
                if (type_is_subtype(TYPE(exc), (type_t *)TUPLE_GET(m->value, i))) return 1;
            return 0;
        }
        return type_is_subtype(TYPE(exc), (type_t *)m->value);
    case MATCH_PREDICATE: {
        obj_t *r = obj_call(m->value, &exc, 1, NULL);
        if (r == NULL) return -1;
        int t = obj_is_true(r);
        DECREF(r);
        return t;
    }
    case MATCH_LEAVES:
        for (size_t i = 0; i < m->nleaves; i++)
            if (m->leaves[i] == exc) return 1;
        return 0;
    }
    return 0;
}

// The group derived from `orig` holding `items` (a list; NULL result without
// error when it is empty), with orig's traceback, cause, context and a copy
// of its notes.
static int derive_part(obj_t *orig, obj_t *items, obj_t **out) {
    *out = NULL;
    if (list_size(items) == 0) return 0;
    obj_t *eg = obj_call_method(orig, "derive", &items, 1);
    if (eg == NULL) return -1;
    if (!EGROUP_CHECK(eg)) {
        err_set_str(exc_TypeError, "derive must return an instance of BaseExceptionGroup");
        goto error;
    }
    obj_t *tb = exc_traceback_ref(orig);
    if (tb != NULL) {
        exc_set_traceback(eg, tb);
        DECREF(tb);
    }
    exc_set_context(eg, exc_context_ref(orig));
    exc_set_cause(eg, exc_cause_ref(orig)); // like CPython, also sets __suppress_context__
    obj_t *notes = obj_lookup_attr(orig, ID(__notes__));
    if (notes == NULL && err_occurred()) goto error;
    if (notes != NULL) {
        if (is_sequence(notes)) {
            obj_t *copy = list_from_iterable(notes);
            DECREF(notes);
            if (copy == NULL) goto error;
            int r = obj_setattr(eg, ID(__notes__), copy);
            DECREF(copy);
            if (r < 0) goto error;
        } else {
            DECREF(notes); // not a list: split() is no place to complain
        }
    }
    *out = eg;
    return 0;
error:
    DECREF(eg);
    return -1;
}

// Splits `exc` by `m`: *match gets the matching part, *rest (when wanted)
// the remainder; either may come back NULL (empty).  `depth` (the nesting
// so far) counts against sys.getrecursionlimit() with the Python frames, as
// CPython's Py_EnterRecursiveCall does: a group nested deeper than the
// limit raises RecursionError.
static int split_rec(obj_t *exc, matcher_t *m, obj_t **match, obj_t **rest, int depth) {
    *match = NULL;
    if (rest) *rest = NULL;
    int is = matcher_test(m, exc);
    if (is < 0) return -1;
    if (is) {
        *match = NEWREF(exc);
        return 0;
    }
    if (!EGROUP_CHECK(exc)) {
        if (rest) *rest = NEWREF(exc);
        return 0;
    }
    obj_t *excs = egroup_exceptions(exc);
    obj_t *mlist = list_new(0), *rlist = rest ? list_new(0) : NULL;
    int ret = -1;
    if (mlist == NULL || (rest && rlist == NULL)) goto done;
    for (size_t i = 0; i < TUPLE_SIZE(excs); i++) {
        obj_t *sm, *sr;
        if (thread_current()->py_depth + depth + 1 >=
            atomic_load_explicit(&pvm_recursion_limit, memory_order_relaxed)) {
            err_set_str(exc_RecursionError,
                        "maximum recursion depth exceeded in exceptiongroup_split_recursive");
            goto done;
        }
        if (c_recursion_enter(" in exceptiongroup_split_recursive") < 0) goto done;
        int r = split_rec(TUPLE_GET(excs, i), m, &sm, rest ? &sr : NULL, depth + 1);
        c_recursion_leave();
        if (r < 0) goto done;
        int a = sm ? list_append(mlist, sm) : 0;
        XDECREF(sm);
        if (rest && sr) {
            if (a == 0) a = list_append(rlist, sr);
            DECREF(sr);
        }
        if (a < 0) goto done;
    }
    if (derive_part(exc, mlist, match) < 0) goto done;
    if (rest && derive_part(exc, rlist, rest) < 0) {
        CLEAR(*match);
        goto done;
    }
    ret = 0;
done:
    XDECREF(mlist);
    XDECREF(rlist);
    return ret;
}

static obj_t *eg_split(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("split", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "split expected 1 argument, got %zu", nargs);
        return NULL;
    }
    matcher_t m;
    if (matcher_from(args[0], &m) < 0) return NULL;
    obj_t *match, *rest;
    if (split_rec(self, &m, &match, &rest, 0) < 0) return NULL;
    obj_t *r = tuple_pack(2, match ? match : None, rest ? rest : None);
    XDECREF(match);
    XDECREF(rest);
    return r;
}

static obj_t *eg_subgroup(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("subgroup", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "subgroup expected 1 argument, got %zu", nargs);
        return NULL;
    }
    matcher_t m;
    if (matcher_from(args[0], &m) < 0) return NULL;
    obj_t *match;
    if (split_rec(self, &m, &match, NULL, 0) < 0) return NULL;
    return match ? match : NEWREF(None);
}

static obj_t *eg_derive(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("derive", kwnames) < 0) return NULL;
    if (nargs != 1) {
        err_format(exc_TypeError, "function takes exactly 1 argument (%zu given)", nargs);
        return NULL;
    }
    obj_t *a[2] = {((egroup_t *)self)->msg, args[0]};
    return obj_call((obj_t *)exc_BaseExceptionGroup, a, 2, NULL);
}

static const method_def_t egroup_methods[] = {
    {"split", eg_split, METH_DEFAULT, NULL},
    {"subgroup", eg_subgroup, METH_DEFAULT, NULL},
    {"derive", eg_derive, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static const member_def_t egroup_members[] = {
    {"message", MEMBER_OBJECT, offsetof(egroup_t, msg), true},
    {"exceptions", MEMBER_OBJECT, offsetof(egroup_t, excs), true},
    {NULL, 0, 0, false},
};

void egroup_setup_types(void) {
    type_t *b = exc_BaseExceptionGroup;
    b->basicsize = sizeof(egroup_t);
    b->tp_new = egroup_tp_new;
    b->tp_init = egroup_tp_init;
    b->dealloc = egroup_dealloc;
    b->str = egroup_str;
    b->methods = egroup_methods;
    b->members = egroup_members;
    type_t *e = exc_ExceptionGroup;
    e->basicsize = sizeof(egroup_t);
    obj_t *bases = tuple_pack(2, (obj_t *)b, (obj_t *)exc_Exception);
    if (bases != NULL) {
        obj_immortalize(bases);
        e->bases = bases;
    }
}

// ---- except* ------------------------------------------------------------------------------------

static int check_star_type(obj_t *type) {
    bool is_group = false;
    if (TUPLE_CHECK(type)) {
        for (size_t i = 0; i < TUPLE_SIZE(type); i++) {
            obj_t *t = TUPLE_GET(type, i);
            if (!EXC_TYPE_CHECK(t)) goto bad;
            is_group |= type_is_subtype((type_t *)t, exc_BaseExceptionGroup);
        }
    } else {
        if (!EXC_TYPE_CHECK(type)) goto bad;
        is_group = type_is_subtype((type_t *)type, exc_BaseExceptionGroup);
    }
    if (is_group) {
        err_set_str(exc_TypeError,
                    "catching ExceptionGroup with except* is not allowed. Use except instead.");
        return -1;
    }
    return 0;
bad:
    err_set_str(exc_TypeError,
                "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

int egroup_except_star_match(obj_t *exc, obj_t *type, obj_t **match, obj_t **rest) {
    *match = *rest = NULL;
    if (check_star_type(type) < 0) return -1;
    if (exc == None) {
        *match = NEWREF(None);
        *rest = NEWREF(None);
        return 0;
    }
    matcher_t m = {.kind = MATCH_TYPE, .value = type};
    if (matcher_test(&m, exc)) {
        if (EGROUP_CHECK(exc)) {
            *match = NEWREF(exc);
        } else {
            obj_t *one = tuple_pack(1, exc);
            if (one == NULL) return -1;
            *match = egroup_new("", one);
            DECREF(one);
            if (*match == NULL) return -1;
        }
        *rest = NEWREF(None);
        return 0;
    }
    if (EGROUP_CHECK(exc)) {
        obj_t *pair = obj_call_method(exc, "split", &type, 1);
        if (pair == NULL) return -1;
        if (!OBJ_IS_TYPE(pair, &tuple_type)) {
            err_format(exc_TypeError, "%s.split must return a tuple, not %s", TYPE(exc)->name,
                       obj_type_name(pair));
            DECREF(pair);
            return -1;
        }
        if (TUPLE_SIZE(pair) != 2) {
            err_format(exc_TypeError, "%s.split must return a 2-tuple, got tuple of size %zu",
                       TYPE(exc)->name, TUPLE_SIZE(pair));
            DECREF(pair);
            return -1;
        }
        *match = NEWREF(TUPLE_GET(pair, 0));
        *rest = NEWREF(TUPLE_GET(pair, 1));
        DECREF(pair);
        return 0;
    }
    *match = NEWREF(None);
    *rest = NEWREF(exc);
    return 0;
}

// Same traceback, cause and context (by identity): an exception carrying
// orig's metadata was re-raised by a clause, not raised anew.
static bool same_metadata(obj_t *a, obj_t *b) {
    obj_t *ta = exc_traceback_ref(a), *tb = exc_traceback_ref(b);
    obj_t *ca = exc_cause_ref(a), *cb = exc_cause_ref(b);
    obj_t *xa = exc_context_ref(a), *xb = exc_context_ref(b);
    bool same = ta == tb && ca == cb && xa == xb;
    XDECREF(ta);
    XDECREF(tb);
    XDECREF(ca);
    XDECREF(cb);
    XDECREF(xa);
    XDECREF(xb);
    return same;
}

static int collect_leaves(obj_t *exc, matcher_t *m) {
    if (exc == None) return 0;
    if (!EGROUP_CHECK(exc)) {
        if (m->nleaves == m->cap) {
            size_t cap = m->cap ? m->cap * 2 : 8;
            obj_t **a = realloc(m->leaves, cap * sizeof *a);
            if (a == NULL) {
                err_no_memory();
                return -1;
            }
            m->leaves = a;
            m->cap = cap;
        }
        m->leaves[m->nleaves++] = exc; // identity only: orig keeps the leaves alive
        return 0;
    }
    obj_t *excs = egroup_exceptions(exc);
    for (size_t i = 0; i < TUPLE_SIZE(excs); i++) {
        if (c_recursion_enter(" in collect_exception_group_leaf_ids") < 0) return -1;
        int r = collect_leaves(TUPLE_GET(excs, i), m);
        c_recursion_leave();
        if (r < 0) return -1;
    }
    return 0;
}

obj_t *egroup_prep_reraise_star(obj_t *orig, obj_t *raised) {
    ssize_t n = list_size(raised);
    if (n == 0) return NEWREF(None);
    if (!EGROUP_CHECK(orig)) {
        // A naked exception was wrapped: only one clause ran, so the list
        // holds one exception (or None) and maybe the None rest.
        return list_get(raised, 0);
    }
    obj_t *fresh = list_new(0), *result = NULL, *reraised = NULL;
    matcher_t m = {.kind = MATCH_LEAVES};
    if (fresh == NULL) return NULL;
    for (ssize_t i = 0; i < n; i++) {
        obj_t *e = list_get(raised, i);
        if (e == NULL) goto done;
        int r = 0;
        if (e != None) {
            if (EXC_CHECK(e) && same_metadata(e, orig))
                r = collect_leaves(e, &m);
            else
                r = list_append(fresh, e);
        }
        DECREF(e);
        if (r < 0) goto done;
    }
    if (split_rec(orig, &m, &reraised, NULL, 0) < 0) goto done;
    if (list_size(fresh) == 0) {
        result = reraised ? NEWREF(reraised) : NEWREF(None);
    } else {
        // 3.11 wraps whatever the clauses raised, even a single exception.
        if (reraised && list_append(fresh, reraised) < 0) goto done;
        result = egroup_new("", fresh);
    }
done:
    free(m.leaves);
    XDECREF(reraised);
    DECREF(fresh);
    return result;
}
