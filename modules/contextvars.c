/*
 * modules/contextvars.c — the `_contextvars` module: Context, ContextVar,
 * Token and copy_context() (PEP 567), as CPython 3.11 has them.
 *
 * Each thread has its own current context, thread_t.context (owned, NULL
 * until first used: a new thread starts with a fresh empty context, as in
 * CPython 3.11).  Context.run() pushes a context: the context keeps the one
 * it replaced in `prev` and the thread's field points to it; leaving pops.
 * Only the thread that entered a context touches `prev`; `entered` is set
 * with a compare-exchange, so two threads racing to run one context get one
 * winner and one RuntimeError, as CPython.
 *
 * A Context is an immutable mapping over a copy-on-write dict: `vars` is a
 * dict that is never changed once it is published.  ContextVar.set()/
 * reset() build a new dict (a copy plus the change) and swap it into the
 * field; copy() and copy_context() share the dict, so a copy is O(1) and a
 * set is O(number of variables) — contexts hold few variables, and a plain
 * dict keeps lookups as fast as a dict's.  (CPython uses a HAMT, O(log n)
 * both ways; the difference shows only with thousands of variables.)
 * Readers in any thread load `vars` lock-free through the qsbr field
 * helpers (gc/qsbr.h) and then read a dict nobody writes; the
 * read-modify-write of a set runs inside the context's critical section so
 * that concurrent writers never lose an update.  ContextVar keys hash by
 * identity, so no Python code runs while a section is held.
 */
#include "../core/error.h"
#include "../gc/qsbr.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "../threads/thread.h"

typedef struct context {
    obj_t ob;
    obj_t *vars;          // dict ContextVar -> value, immutable once stored (qsbr field)
    obj_t *prev;          // the thread's previous context while entered (owned)
    _Atomic bool entered; // inside a run() (or a thread's base context: never)
} context_t;

typedef struct {
    obj_t ob;
    obj_t *name; // str
    obj_t *def;  // default value or NULL
} contextvar_t;

typedef struct {
    obj_t ob;
    obj_t *ctx;        // the context the set() changed
    obj_t *var;        // the ContextVar
    obj_t *old;        // value before the set(), NULL: none (Token.MISSING)
    _Atomic bool used; // reset() done
} token_t;

static type_t context_type, contextvar_type, token_type, missing_type;
static obj_t missing_obj = OBJ_HEAD_INIT(&missing_type);

#define CONTEXT_CHECK(o)    (!IS_SMALLINT(o) && TYPE(o) == &context_type)
#define CONTEXTVAR_CHECK(o) (!IS_SMALLINT(o) && TYPE(o) == &contextvar_type)
#define TOKEN_CHECK(o)      (!IS_SMALLINT(o) && TYPE(o) == &token_type)

// ---- Context ---------------------------------------------------------------------------

// A new context over `vars` (stolen).
static obj_t *context_make(obj_t *vars) {
    if (!vars) return NULL;
    context_t *c = (context_t *)obj_alloc(&context_type, sizeof(context_t));
    if (!c) {
        DECREF(vars);
        return NULL;
    }
    c->vars = vars;
    return (obj_t *)c;
}

// The calling thread's current context (borrowed), made empty on first use.
static context_t *current_context(void) {
    thread_t *ts = thread_current();
    if (!ts->context) ts->context = context_make(dict_new());
    return (context_t *)ts->context;
}

// A new reference to the context's variables dict.
static obj_t *context_vars(context_t *c) {
    return qsbr_field_load((obj_t *)c, &c->vars);
}

static void context_dealloc(obj_t *o) {
    context_t *c = (context_t *)o;
    XDECREF(c->vars);
    XDECREF(c->prev);
    obj_free(o);
}

static obj_t *context_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs > 0 || (kwnames && TUPLE_SIZE(kwnames) > 0)) {
        err_set_str(exc_TypeError, "Context() does not accept any arguments");
        return NULL;
    }
    return context_make(dict_new());
}

static int check_key(obj_t *key) {
    if (CONTEXTVAR_CHECK(key)) return 0;
    err_format(exc_TypeError, "a ContextVar key was expected, got %R", key);
    return -1;
}

// ctx[var]: a new reference, NULL with no exception when missing.
static obj_t *context_lookup(context_t *c, obj_t *var) {
    obj_t *vars = context_vars(c);
    obj_t *v = dict_get(vars, var);
    DECREF(vars);
    return v;
}

static obj_t *context_getitem(obj_t *self, obj_t *key) {
    if (check_key(key) < 0) return NULL;
    obj_t *v = context_lookup((context_t *)self, key);
    if (!v && !err_occurred()) err_set(exc_KeyError, key);
    return v;
}

static int context_contains(obj_t *self, obj_t *key) {
    if (check_key(key) < 0) return -1;
    obj_t *vars = context_vars((context_t *)self);
    int r = dict_contains(vars, key);
    DECREF(vars);
    return r;
}

static ssize_t context_len(obj_t *self) {
    obj_t *vars = context_vars((context_t *)self);
    ssize_t n = dict_size(vars);
    DECREF(vars);
    return n;
}

static obj_t *context_iter(obj_t *self) {
    obj_t *vars = context_vars((context_t *)self);
    obj_t *it = obj_iter(vars);
    DECREF(vars);
    return it;
}

static obj_t *context_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || !CONTEXT_CHECK(a) || !CONTEXT_CHECK(b))
        return NEWREF(NotImplemented);
    obj_t *va = context_vars((context_t *)a), *vb = context_vars((context_t *)b);
    obj_t *r = obj_richcompare(va, vb, op);
    DECREF(va);
    DECREF(vb);
    return r;
}

static obj_t *context_get(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("Context.get", kwnames) < 0 || args_check("get", nargs, NULL, 1, 2) < 0 ||
        check_key(args[0]) < 0)
        return NULL;
    obj_t *v = context_lookup((context_t *)self, args[0]);
    if (v || err_occurred()) return v;
    return NEWREF(nargs > 1 ? args[1] : None);
}

static obj_t *vars_method(obj_t *self, const char *name, const char *fname, size_t nargs,
                          obj_t *kwnames) {
    if (args_check(fname, nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *vars = context_vars((context_t *)self);
    obj_t *r = obj_call_method(vars, name, NULL, 0);
    DECREF(vars);
    return r;
}

static obj_t *context_keys(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return vars_method(self, "keys", "Context.keys", nargs, kwnames);
}

static obj_t *context_values(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return vars_method(self, "values", "Context.values", nargs, kwnames);
}

static obj_t *context_items(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return vars_method(self, "items", "Context.items", nargs, kwnames);
}

static obj_t *context_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("Context.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    return context_make(context_vars((context_t *)self));
}

static int context_enter(context_t *c) {
    bool expected = false;
    if (!atomic_compare_exchange_strong(&c->entered, &expected, true)) {
        err_format(exc_RuntimeError, "cannot enter context: %R is already entered", (obj_t *)c);
        return -1;
    }
    thread_t *ts = thread_current();
    current_context(); // the base context, so that leaving restores it
    if (err_occurred()) {
        atomic_store(&c->entered, false);
        return -1;
    }
    c->prev = ts->context;
    ts->context = NEWREF((obj_t *)c);
    return 0;
}

static void context_exit(context_t *c) {
    thread_t *ts = thread_current();
    ts->context = c->prev;
    c->prev = NULL;
    atomic_store(&c->entered, false);
    DECREF((obj_t *)c);
}

static obj_t *context_run(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs == 0) {
        err_set_str(exc_TypeError, "run() missing 1 required positional argument");
        return NULL;
    }
    context_t *c = (context_t *)self;
    if (context_enter(c) < 0) return NULL;
    obj_t *r = obj_call(args[0], args + 1, nargs - 1, kwnames);
    context_exit(c);
    return r;
}

static const method_def_t context_methods[] = {
    {"get", context_get, METH_DEFAULT, NULL},
    {"keys", context_keys, METH_DEFAULT, NULL},
    {"values", context_values, METH_DEFAULT, NULL},
    {"items", context_items, METH_DEFAULT, NULL},
    {"copy", context_copy, METH_DEFAULT, NULL},
    {"run", context_run, METH_DEFAULT, NULL},
    {NULL},
};

static type_t context_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_contextvars.Context",
    .basicsize = sizeof(context_t),
    .base = &object_type,
    .dealloc = context_dealloc,
    .hash = hash_not_implemented,
    .richcompare = context_richcompare,
    .iter = context_iter,
    .tp_new = context_new,
    .len = context_len,
    .getitem = context_getitem,
    .contains = context_contains,
    .methods = context_methods,
};

// ---- ContextVar ------------------------------------------------------------------------

static void contextvar_dealloc(obj_t *o) {
    contextvar_t *v = (contextvar_t *)o;
    XDECREF(v->name);
    XDECREF(v->def);
    obj_free(o);
}

static obj_t *contextvar_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/name", "$default", NULL};
    obj_t *a[2];
    if (nargs > 0 && args_parse("ContextVar", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    if (nargs == 0) {
        err_format(exc_TypeError, "ContextVar() takes exactly 1 positional argument (%zu given)",
                   nargs);
        return NULL;
    }
    if (!STR_CHECK(a[0])) {
        err_set_str(exc_TypeError, "context variable name must be a str");
        return NULL;
    }
    contextvar_t *v = (contextvar_t *)obj_alloc(&contextvar_type, sizeof(contextvar_t));
    if (!v) return NULL;
    v->name = NEWREF(a[0]);
    if (a[1]) v->def = NEWREF(a[1]);
    return (obj_t *)v;
}

static obj_t *contextvar_repr(obj_t *self) {
    contextvar_t *v = (contextvar_t *)self;
    if (v->def) return str_from_format("<ContextVar name=%R default=%R at %p>", v->name, v->def, v);
    return str_from_format("<ContextVar name=%R at %p>", v->name, v);
}

static obj_t *contextvar_get(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("ContextVar.get", kwnames) < 0 || args_check("get", nargs, NULL, 0, 1) < 0)
        return NULL;
    thread_t *ts = thread_current();
    if (ts->context) {
        obj_t *v = context_lookup((context_t *)ts->context, self);
        if (v || err_occurred()) return v;
    }
    if (nargs > 0) return NEWREF(args[0]);
    contextvar_t *cv = (contextvar_t *)self;
    if (cv->def) return NEWREF(cv->def);
    err_set(exc_LookupError, self);
    return NULL;
}

// Replaces ctx's vars with a copy where var is bound to value (removed when
// value is NULL).  *old gets the previous value (new reference) or NULL.
static int context_update(context_t *c, obj_t *var, obj_t *value, obj_t **old) {
    int rc = 0;
    BEGIN_CRITICAL_SECTION(c);
    obj_t *vars = c->vars;
    obj_t *nv = NULL;
    if (old) {
        *old = dict_get(vars, var);
        if (!*old && err_occurred()) rc = -1;
    }
    if (rc == 0) nv = dict_copy(vars);
    if (!nv)
        rc = -1;
    else if (value ? dict_set(nv, var, value) : dict_pop(nv, var, NULL)) {
        if (err_occurred()) rc = -1;
    }
    if (rc == 0)
        qsbr_field_store((obj_t *)c, &c->vars, nv);
    else
        XDECREF(nv);
    END_CRITICAL_SECTION();
    if (rc < 0 && old) CLEAR(*old);
    return rc;
}

static obj_t *contextvar_set(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("ContextVar.set", nargs, kwnames, 1, 1) < 0) return NULL;
    context_t *c = current_context();
    if (!c) return NULL;
    token_t *t = (token_t *)obj_alloc(&token_type, sizeof(token_t));
    if (!t) return NULL;
    t->ctx = NEWREF((obj_t *)c);
    t->var = NEWREF(self);
    if (context_update(c, self, args[0], &t->old) < 0) {
        DECREF((obj_t *)t);
        return NULL;
    }
    return (obj_t *)t;
}

static obj_t *contextvar_reset(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("ContextVar.reset", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *tok = args[0];
    if (!TOKEN_CHECK(tok)) {
        err_format(exc_TypeError, "expected an instance of Token, got %R", tok);
        return NULL;
    }
    token_t *t = (token_t *)tok;
    if (atomic_load(&t->used)) goto used;
    if (t->var != self) {
        err_format(exc_ValueError, "%R was created by a different ContextVar", tok);
        return NULL;
    }
    context_t *c = current_context();
    if (!c) return NULL;
    if (t->ctx != (obj_t *)c) {
        err_format(exc_ValueError, "%R was created in a different Context", tok);
        return NULL;
    }
    bool expected = false;
    if (!atomic_compare_exchange_strong(&t->used, &expected, true)) goto used;
    if (context_update(c, self, t->old, NULL) < 0) return NULL;
    return NEWREF(None);
used:
    err_format(exc_RuntimeError, "%R has already been used once", tok);
    return NULL;
}

static const method_def_t contextvar_methods[] = {
    {"get", contextvar_get, METH_DEFAULT, NULL},
    {"set", contextvar_set, METH_DEFAULT, NULL},
    {"reset", contextvar_reset, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL},
};

static const member_def_t contextvar_members[] = {
    {"name", MEMBER_OBJECT, offsetof(contextvar_t, name), true},
    {NULL},
};

static type_t contextvar_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_contextvars.ContextVar",
    .basicsize = sizeof(contextvar_t),
    .base = &object_type,
    .dealloc = contextvar_dealloc,
    .repr = contextvar_repr,
    .tp_new = contextvar_new,
    .methods = contextvar_methods,
    .members = contextvar_members,
};

// ---- Token -----------------------------------------------------------------------------

static void token_dealloc(obj_t *o) {
    token_t *t = (token_t *)o;
    XDECREF(t->ctx);
    XDECREF(t->var);
    XDECREF(t->old);
    obj_free(o);
}

static obj_t *token_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_set_str(exc_RuntimeError, "Tokens can only be created by ContextVars");
    return NULL;
}

static obj_t *token_repr(obj_t *self) {
    token_t *t = (token_t *)self;
    return str_from_format("<Token%s var=%R at %p>", atomic_load(&t->used) ? " used" : "", t->var,
                           self);
}

static obj_t *token_get_old(obj_t *self, void *closure) {
    token_t *t = (token_t *)self;
    return NEWREF(t->old ? t->old : &missing_obj);
}

static const getset_def_t token_getsets[] = {
    {"old_value", token_get_old, NULL, NULL},
    {NULL},
};

static const member_def_t token_members[] = {
    {"var", MEMBER_OBJECT, offsetof(token_t, var), true},
    {NULL},
};

static const method_def_t token_methods[] = {
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL},
};

static type_t token_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_contextvars.Token",
    .basicsize = sizeof(token_t),
    .base = &object_type,
    .dealloc = token_dealloc,
    .repr = token_repr,
    .tp_new = token_new,
    .methods = token_methods,
    .members = token_members,
    .getsets = token_getsets,
};

static obj_t *missing_repr(obj_t *self) {
    return str_from_cstr("<Token.MISSING>");
}

static obj_t *missing_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    err_set_str(exc_TypeError, "cannot create 'Token.MISSING' instances");
    return NULL;
}

static type_t missing_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "Token.MISSING",
    .basicsize = sizeof(obj_t),
    .base = &object_type,
    .repr = missing_repr,
    .tp_new = missing_new,
};

// ---- module ----------------------------------------------------------------------------

static obj_t *m_copy_context(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("_contextvars.copy_context", nargs, kwnames, 0, 0) < 0) return NULL;
    context_t *c = current_context();
    if (!c) return NULL;
    return context_make(context_vars(c));
}

static const method_def_t contextvars_functions[] = {
    {"copy_context", m_copy_context, 0, NULL},
    {NULL},
};

obj_t *contextvars_module_init(void) {
    static _Atomic int ready;
    obj_t *m = module_new("_contextvars");
    if (!m) return NULL;
    if (module_add_functions(m, contextvars_functions) < 0 ||
        type_ensure_ready(&context_type) < 0 || type_ensure_ready(&contextvar_type) < 0 ||
        type_ensure_ready(&token_type) < 0 || type_ensure_ready(&missing_type) < 0)
        goto fail;
    if (!atomic_exchange(&ready, 1)) {
        if (dict_set_str(token_type.dict, "MISSING", &missing_obj) < 0) goto fail;
        type_modified(&token_type);
    }
    if (dict_set_str(module_dict(m), "Context", (obj_t *)&context_type) < 0 ||
        dict_set_str(module_dict(m), "ContextVar", (obj_t *)&contextvar_type) < 0 ||
        dict_set_str(module_dict(m), "Token", (obj_t *)&token_type) < 0)
        goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
