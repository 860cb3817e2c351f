/*
 * core/eval_ops.c — out-of-line helpers of the interpreter loop
 * (core/eval.c): the slow paths of arithmetic and comparisons, unpacking,
 * container building and merging, f-string formatting, raise, with, name
 * lookups in namespace dicts, LOAD_METHOD's general case, function
 * creation, `yield from` steps, and the error raisers with CPython's
 * messages.  Everything here runs only when the inline fast path of a
 * handler does not apply.
 */
#include <stdlib.h>
#include <string.h>

#include "../objects/bytes.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/func.h"
#include "../objects/gen.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/range.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/thread.h"
#include "error.h"
#include "eval.h"
#include "eval_ops.h"
#include "frame.h"
#include "import.h"
#include "runtime.h"

// ---- error helpers
// --------------------------------------------------------------------------------

static void set_exc_name(obj_t *name) {
    obj_t *exc = err_peek();
    if (exc && EXC_CHECK(exc)) SETREF(((exc_t *)exc)->name, NEWREF(name));
}

void eval_raise_name_error(obj_t *name) {
    err_format(exc_NameError, "name '%U' is not defined", name);
    set_exc_name(name);
}

void eval_raise_unbound_local(code_t *co, int reg) {
    obj_t *name = eval_reg_name(co, reg);
    err_format(exc_UnboundLocalError,
               "cannot access local variable '%U' where it is not associated with a value", name);
    // No .name: CPython 3.11 names only a plain NameError (so the report's
    // "Did you mean" hint never offers the local being read too early).
}

void eval_raise_unbound_free(code_t *co, int reg) {
    if (reg < co->nlocals) {
        eval_raise_unbound_local(co, reg);
        return;
    }
    obj_t *name = eval_reg_name(co, reg);
    err_format(exc_NameError,
               "cannot access free variable '%U' where it is not associated with a value in "
               "enclosing scope",
               name);
    set_exc_name(name);
}

void eval_set_context(thread_t *ts, obj_t *exc) {
    obj_t *handled = ts->exc_info;
    if (!handled || handled == None || handled == exc || !EXC_CHECK(exc) || !EXC_CHECK(handled))
        return;
    if (exc_get_context(exc)) return;
    // Avoid a cycle: cut exc out of handled's context chain.
    obj_t *o = handled;
    int guard = 0;
    while (guard++ < 10000) {
        obj_t *ctx = exc_get_context(o);
        if (!ctx) break;
        if (ctx == exc) {
            exc_set_context(o, NULL);
            break;
        }
        o = ctx;
    }
    exc_set_context(exc, NEWREF(handled));
}

PVM_WUR obj_t *eval_func_str(obj_t *callable) {
    obj_t *qual = obj_lookup_attr(callable, str_intern("__qualname__"));
    if (!qual) {
        err_clear();
        return str_from_format("%s object", obj_type_name(callable));
    }
    if (!STR_CHECK(qual)) {
        DECREF(qual);
        return str_from_format("%s object", obj_type_name(callable));
    }
    obj_t *mod = obj_lookup_attr(callable, str_intern("__module__"));
    if (!mod && err_occurred()) err_clear();
    obj_t *r;
    if (mod && STR_CHECK(mod) && !str_eq_cstr(mod, "builtins"))
        r = str_from_format("%U.%U()", mod, qual);
    else
        r = str_from_format("%U()", qual);
    XDECREF(mod);
    DECREF(qual);
    return r;
}

// ---- fast range iteration
// -------------------------------------------------------------------------

static obj_t *fastrange_iter(obj_t *o) {
    return NEWREF(o);
}
static obj_t *fastrange_next(obj_t *o) {
    fastrange_t *r = (fastrange_t *)o;
    int64_t cur = r->cur;
    if (r->step > 0 ? cur < r->stop : cur > r->stop) {
        r->cur = cur + r->step;
        return SMALLINT_FROM(cur);
    }
    return NULL;
}
static void fastrange_dealloc(obj_t *o) {
    obj_free(o);
}

type_t pvm_fastrange_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "range_iterator",
    .basicsize = sizeof(fastrange_t),
    .base = &object_type,
    .dealloc = fastrange_dealloc,
    .iter = fastrange_iter,
    .iternext = fastrange_next,
};

obj_t *eval_get_iter(obj_t *v) {
    if (OBJ_IS_TYPE(v, &range_type)) {
        range_t *r = (range_t *)v;
        if (IS_SMALLINT(r->start) && IS_SMALLINT(r->stop) && IS_SMALLINT(r->step)) {
            static _Atomic int ready;
            if (!atomic_load_explicit(&ready, memory_order_acquire)) {
                if (type_ensure_ready(&pvm_fastrange_type) < 0) return NULL;
                atomic_store_explicit(&ready, 1, memory_order_release);
            }
            fastrange_t *it = (fastrange_t *)obj_alloc(&pvm_fastrange_type, sizeof(fastrange_t));
            if (!it) return NULL;
            it->cur = SMALLINT_VALUE(r->start);
            it->stop = SMALLINT_VALUE(r->stop);
            it->step = SMALLINT_VALUE(r->step);
            return (obj_t *)it;
        }
    }
    return obj_iter(v);
}

// ---- slow paths of the handlers ------------------------------------------------------------

// `s += t` / `s = s + t` on a str that only this register references:
// grow it in place (amortized by the allocator's size classes), as CPython
// does.  Relies on str objects being plain malloc blocks (gc/alloc.c).
bool eval_str_concat_inplace(obj_t **slot, obj_t *rhs) {
    obj_t *s = *slot;
    if (s == rhs || !STR_EXACT(s) || !STR_EXACT(rhs)) return false;
    str_t *st = (str_t *)s;
    if (st->interned || s->ob_gc_bits != 0 ||
        atomic_load_explicit(&s->ob_tid, memory_order_relaxed) != current_tid() ||
        atomic_load_explicit(&s->ob_ref_local, memory_order_relaxed) != 1 ||
        atomic_load_explicit(&s->ob_ref_shared, memory_order_relaxed) != 0)
        return false;
    size_t add = str_nbytes(rhs);
    size_t newn = st->nbytes + add;
    str_t *ns = realloc(st, offsetof(str_t, data) + newn + 1);
    if (!ns) return false;
    memcpy(ns->data + ns->nbytes, str_data(rhs), add);
    ns->data[newn] = 0;
    ns->nbytes = newn;
    ns->len += str_len(rhs);
    ns->ascii = ns->ascii && ((str_t *)rhs)->ascii;
    atomic_store_explicit(&ns->hash, -1, memory_order_relaxed);
    *slot = (obj_t *)ns;
    return true;
}

PVM_WUR obj_t *eval_arith_slow(obj_t *a, obj_t *b, int op, int inplace) {
    // Float fast paths (exact floats, or a float with a small int).
    if ((op == BINOP_ADD || op == BINOP_SUB || op == BINOP_MUL || op == BINOP_TRUEDIV) &&
        (FLOAT_EXACT(a) || FLOAT_EXACT(b))) {
        double x, y;
        bool ok = true;
        if (FLOAT_EXACT(a))
            x = float_value(a);
        else if (IS_SMALLINT(a) && SMALLINT_VALUE(a) < ((int64_t)1 << 53) &&
                 SMALLINT_VALUE(a) > -((int64_t)1 << 53))
            x = (double)SMALLINT_VALUE(a);
        else
            ok = false;
        if (FLOAT_EXACT(b))
            y = float_value(b);
        else if (IS_SMALLINT(b) && SMALLINT_VALUE(b) < ((int64_t)1 << 53) &&
                 SMALLINT_VALUE(b) > -((int64_t)1 << 53))
            y = (double)SMALLINT_VALUE(b);
        else
            ok = false;
        if (ok) {
            switch (op) {
            case BINOP_ADD: return float_from_double(x + y);
            case BINOP_SUB: return float_from_double(x - y);
            case BINOP_MUL: return float_from_double(x * y);
            default:
                if (y != 0.0) return float_from_double(x / y);
                break;
            }
        }
    }
    return inplace ? obj_inplace_binop(a, b, (binop_t)op) : obj_binop(a, b, (binop_t)op);
}

// Truth of `a <op> b` as 1/0, -1 on error.
int eval_compare_truth(obj_t *a, obj_t *b, int op) {
    if (FLOAT_EXACT(a) && FLOAT_EXACT(b)) {
        double x = float_value(a), y = float_value(b);
        switch (op) {
        case CMP_LT_OP: return x < y;
        case CMP_LE_OP: return x <= y;
        case CMP_EQ_OP: return x == y;
        case CMP_NE_OP: return x != y;
        case CMP_GT_OP: return x > y;
        default: return x >= y;
        }
    }
    if ((op == CMP_EQ_OP || op == CMP_NE_OP) && STR_EXACT(a) && STR_EXACT(b)) {
        bool eq = a == b || str_eq(a, b);
        return op == CMP_EQ_OP ? eq : !eq;
    }
    obj_t *r = obj_richcompare(a, b, op);
    if (!r) return -1;
    int t;
    if (r == True)
        t = 1;
    else if (r == False)
        t = 0;
    else
        t = obj_is_true(r);
    DECREF(r);
    return t;
}

PVM_WUR obj_t *eval_compare_obj(obj_t *a, obj_t *b, int op) {
    if (FLOAT_EXACT(a) && FLOAT_EXACT(b)) {
        int t = eval_compare_truth(a, b, op);
        return NEWREF(bool_from(t));
    }
    return obj_richcompare(a, b, op);
}

int eval_exc_match(obj_t *exc, obj_t *cls) {
    if (TUPLE_CHECK(cls)) {
        for (size_t i = 0; i < TUPLE_SIZE(cls); i++)
            if (!EXC_TYPE_CHECK(TUPLE_GET(cls, i))) goto bad;
        for (size_t i = 0; i < TUPLE_SIZE(cls); i++)
            if (type_is_subtype(TYPE(exc), (type_t *)TUPLE_GET(cls, i))) return 1;
        return 0;
    }
    if (!EXC_TYPE_CHECK(cls)) goto bad;
    return type_is_subtype(TYPE(exc), (type_t *)cls);
bad:
    err_set_str(exc_TypeError,
                "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

// Unpacks v into out[0..before) + [list] + out[..after]; after < 0 means
// exactly `before` items.  Fills owned references.
int eval_unpack(obj_t *v, int before, int after, obj_t **out) {
    bool star = after >= 0;
    if (!star && (TUPLE_CHECK(v) || LIST_CHECK(v)) && OBJ_IS_TYPE(v, &tuple_type)) {
        size_t n = TUPLE_SIZE(v);
        if (n == (size_t)before) {
            for (int i = 0; i < before; i++)
                SETREF(out[i], NEWREF(TUPLE_GET(v, i)));
            return 0;
        }
        if (n < (size_t)before)
            err_format(exc_ValueError, "not enough values to unpack (expected %d, got %zd)", before,
                       (ssize_t)n);
        else
            err_format(exc_ValueError, "too many values to unpack (expected %d)", before);
        return -1;
    }
    obj_t *it = obj_iter(v);
    if (!it) {
        if (err_matches(exc_TypeError) && TYPE(v)->iter == NULL && TYPE(v)->getitem == NULL) {
            err_clear();
            err_format(exc_TypeError, "cannot unpack non-iterable %s object", obj_type_name(v));
        }
        return -1;
    }
    int i = 0;
    for (; i < before; i++) {
        obj_t *x = obj_iternext(it);
        if (!x) {
            if (err_occurred()) {
                if (!err_matches(exc_StopIteration)) goto fail;
                err_clear();
            }
            if (star)
                err_format(exc_ValueError,
                           "not enough values to unpack (expected at least %d, got %d)",
                           before + after, i);
            else
                err_format(exc_ValueError, "not enough values to unpack (expected %d, got %d)",
                           before, i);
            goto fail;
        }
        SETREF(out[i], x);
    }
    if (!star) {
        obj_t *x = obj_iternext(it);
        if (x) {
            DECREF(x);
            err_format(exc_ValueError, "too many values to unpack (expected %d)", before);
            goto fail;
        }
        if (err_occurred()) {
            if (!err_matches(exc_StopIteration)) goto fail;
            err_clear();
        }
        DECREF(it);
        return 0;
    }
    obj_t *rest = list_from_iterable(it);
    if (!rest) goto fail;
    ssize_t n = list_size(rest);
    if (n < after) {
        err_format(exc_ValueError, "not enough values to unpack (expected at least %d, got %zd)",
                   before + after, (ssize_t)(before + n));
        DECREF(rest);
        goto fail;
    }
    for (int k = 0; k < after; k++) {
        obj_t *x = list_get(rest, n - after + k);
        if (!x) {
            DECREF(rest);
            goto fail;
        }
        SETREF(out[before + 1 + k], x);
    }
    // Truncate the list to the starred part.
    if (after > 0) {
        obj_t *sl = slice_new(SMALLINT_FROM(n - after), NULL, NULL);
        if (!sl || obj_delitem(rest, sl) < 0) {
            XDECREF(sl);
            DECREF(rest);
            goto fail;
        }
        DECREF(sl);
    }
    SETREF(out[before], rest);
    DECREF(it);
    return 0;
fail:
    DECREF(it);
    return -1;
}

int eval_list_extend_checked(obj_t *list, obj_t *v, obj_t *callable) {
    if (list_extend(list, v) == 0) return 0;
    if (err_matches(exc_TypeError) && TYPE(v)->iter == NULL && TYPE(v)->getitem == NULL) {
        err_clear();
        if (callable) {
            obj_t *fs = eval_func_str(callable);
            if (!fs) return -1;
            err_format(exc_TypeError, "%U argument after * must be an iterable, not %s", fs,
                       obj_type_name(v));
            DECREF(fs);
        } else {
            err_format(exc_TypeError, "Value after * must be an iterable, not %s",
                       obj_type_name(v));
        }
    }
    return -1;
}

static int is_mapping(obj_t *v) {
    if (DICT_CHECK(v)) return 1;
    obj_t *k = obj_lookup_attr(v, str_intern("keys"));
    if (!k) return err_occurred() ? -1 : 0;
    DECREF(k);
    return 1;
}

int eval_dict_update_mapping(obj_t *d, obj_t *v) {
    int m = is_mapping(v);
    if (m < 0) return -1;
    if (!m) {
        err_format(exc_TypeError, "'%s' object is not a mapping", obj_type_name(v));
        return -1;
    }
    return dict_merge(d, v, true);
}

// **kwargs of a call: duplicates are errors.
int eval_dict_merge_kwargs(obj_t *d, obj_t *v, obj_t *callable) {
    int m = is_mapping(v);
    if (m < 0) return -1;
    if (!m) {
        obj_t *fs = eval_func_str(callable);
        if (!fs) return -1;
        err_format(exc_TypeError, "%U argument after ** must be a mapping, not %s", fs,
                   obj_type_name(v));
        DECREF(fs);
        return -1;
    }
    obj_t *keys = NULL;
    if (DICT_CHECK(v)) {
        keys = dict_keys_list(v);
    } else {
        obj_t *km = obj_call_method(v, "keys", NULL, 0);
        if (!km) return -1;
        keys = list_from_iterable(km);
        DECREF(km);
    }
    if (!keys) return -1;
    ssize_t n = list_size(keys);
    for (ssize_t i = 0; i < n; i++) {
        obj_t *k = list_get(keys, i);
        if (!k) goto fail;
        // A repeated key first (whatever its type), as CPython's merge.
        int has = dict_contains(d, k);
        if (has != 0) {
            obj_t *ks = has > 0 ? obj_str(k) : NULL;
            if (ks) {
                obj_t *fs = eval_func_str(callable);
                if (fs) {
                    err_format(exc_TypeError, "%U got multiple values for keyword argument '%U'",
                               fs, ks);
                    DECREF(fs);
                }
                DECREF(ks);
            }
            DECREF(k);
            goto fail;
        }
        // A key that is no str is refused by the call (obj_call_tuple_dict).
        obj_t *val = obj_getitem(v, k);
        if (!val || dict_set(d, k, val) < 0) {
            XDECREF(val);
            DECREF(k);
            goto fail;
        }
        DECREF(val);
        DECREF(k);
    }
    DECREF(keys);
    return 0;
fail:
    DECREF(keys);
    return -1;
}

PVM_WUR obj_t *eval_format_value(obj_t *v, int conv, obj_t *spec) {
    obj_t *x;
    switch (conv) {
    case 1: x = obj_str(v); break;
    case 2: x = obj_repr(v); break;
    case 3: x = obj_ascii(v); break;
    default: x = NEWREF(v); break;
    }
    if (!x) return NULL;
    if (STR_EXACT(x) && (!spec || str_len(spec) == 0)) return x;
    obj_t *r = obj_format(x, spec);
    DECREF(x);
    return r;
}

PVM_WUR obj_t *eval_build_string(obj_t **items, int n) {
    size_t total = 0;
    for (int i = 0; i < n; i++)
        total += str_nbytes(items[i]);
    obj_t *s = str_alloc(total);
    if (!s) return NULL;
    char *p = ((str_t *)s)->data;
    for (int i = 0; i < n; i++) {
        memcpy(p, str_data(items[i]), str_nbytes(items[i]));
        p += str_nbytes(items[i]);
    }
    str_finish(s);
    return s;
}

static PVM_WUR obj_t *raise_value(obj_t *v) {
    // Returns the exception instance to raise, or NULL (error set).
    if (TYPE_CHECK(v) && EXC_TYPE_CHECK(v)) {
        obj_t *e = obj_call0(v);
        if (!e) return NULL;
        if (!EXC_CHECK(e)) {
            err_format(exc_TypeError,
                       "calling %R should have returned an instance of BaseException, not %s", v,
                       obj_type_name(e));
            DECREF(e);
            return NULL;
        }
        return e;
    }
    if (EXC_CHECK(v)) return NEWREF(v);
    err_set_str(exc_TypeError, "exceptions must derive from BaseException");
    return NULL;
}

int eval_do_raise(thread_t *ts, obj_t *exc, obj_t *cause) {
    obj_t *e = raise_value(exc);
    if (!e) return -1;
    if (cause) {
        if (cause == None) {
            exc_set_cause(e, NULL);
        } else {
            obj_t *c;
            if (TYPE_CHECK(cause) && EXC_TYPE_CHECK(cause)) {
                c = obj_call0(cause);
                if (!c) {
                    DECREF(e);
                    return -1;
                }
            } else if (EXC_CHECK(cause)) {
                c = NEWREF(cause);
            } else {
                DECREF(e);
                err_set_str(exc_TypeError, "exception causes must derive from BaseException");
                return -1;
            }
            exc_set_cause(e, c);
        }
    }
    err_restore(e);
    return 0;
}

static PVM_WUR obj_t *lookup_special(obj_t *obj, const char *name) {
    obj_t *d = type_lookup(TYPE(obj), str_intern(name));
    if (!d) return NULL;
    descrgetfunc get = TYPE(d)->descr_get;
    if (get) return get(d, obj, (obj_t *)TYPE(obj));
    return NEWREF(d);
}

int eval_before_with(obj_t *mgr, obj_t **exit_out, obj_t **enter_out) {
    obj_t *enter = lookup_special(mgr, "__enter__");
    if (!enter) {
        if (!err_occurred())
            err_format(exc_TypeError, "'%s' object does not support the context manager protocol",
                       obj_type_name(mgr));
        return -1;
    }
    obj_t *exit = lookup_special(mgr, "__exit__");
    if (!exit) {
        if (!err_occurred())
            err_format(exc_TypeError,
                       "'%s' object does not support the context manager protocol (missed "
                       "__exit__ method)",
                       obj_type_name(mgr));
        DECREF(enter);
        return -1;
    }
    obj_t *r = obj_call0(enter);
    DECREF(enter);
    if (!r) {
        DECREF(exit);
        return -1;
    }
    *exit_out = exit;
    *enter_out = r;
    return 0;
}

PVM_WUR obj_t *eval_load_name(frame_t *f, obj_t *name) {
    obj_t *v = NULL;
    if (f->locals && f->locals != f->globals) {
        // A dict subclass (a metaclass's __prepare__, as enum's) gets its
        // own __getitem__, as in CPython.
        if (OBJ_IS_TYPE(f->locals, &dict_type)) {
            v = dict_get_hashed_for_reg(f->locals, name, str_hash(name));
            if (!v && err_occurred()) return NULL;
        } else {
            v = obj_getitem(f->locals, name);
            if (!v) {
                if (!err_matches(exc_KeyError)) return NULL;
                err_clear();
            }
        }
        if (v) return v;
    }
    hash_t h = str_hash(name);
    v = dict_get_hashed_for_reg(f->globals, name, h);
    if (v || err_occurred()) return v;
    v = dict_get_hashed_for_reg(f->builtins, name, h);
    if (v || err_occurred()) return v;
    eval_raise_name_error(name);
    return NULL;
}

int eval_store_name(frame_t *f, obj_t *name, obj_t *v) {
    obj_t *ns = f->locals ? f->locals : f->globals;
    if (OBJ_IS_TYPE(ns, &dict_type)) return dict_set(ns, name, v);
    return obj_setitem(ns, name, v); // a dict subclass's __setitem__ too
}

int eval_delete_name(frame_t *f, obj_t *name) {
    obj_t *ns = f->locals ? f->locals : f->globals;
    int r = OBJ_IS_TYPE(ns, &dict_type) ? dict_del(ns, name) : obj_delitem(ns, name);
    if (r < 0 && err_matches(exc_KeyError)) {
        err_clear();
        eval_raise_name_error(name);
    }
    return r;
}

static inline obj_t *XNEWREF_(obj_t *o) {
    XINCREF(o);
    return o;
}

PVM_WUR obj_t *eval_make_function(frame_t *f, obj_t *code, obj_t **regs, int flags) {
    func_t *fn = (func_t *)func_new(code, f->globals, f->builtins);
    if (!fn) return NULL;
    int k = 0;
    if (flags & 1) {
        obj_t *d = regs[k++];
        if (d && TUPLE_CHECK(d) && TUPLE_SIZE(d) > 0) fn->defaults = NEWREF(d);
    }
    if (flags & 2) fn->kwdefaults = XNEWREF_(regs[k++]);
    if (flags & 4) fn->annotations = XNEWREF_(regs[k++]);
    if (flags & 8) fn->closure = XNEWREF_(regs[k++]);
    // Functions defined by module and class bodies are shared, read-mostly
    // objects that every thread loads and calls.  They are made immortal,
    // with their code's constants and their defaults, so that calling them
    // from many threads never writes a shared reference count (DESIGN.md,
    // "Reads must not write").  The cost: such functions are never freed.
    // A class body inside a function runs once per call: its functions
    // are counted, like the class (code_defines_immortal).
    if (code_defines_immortal((code_t *)f->code)) {
        code_immortalize((code_t *)code);
        if (fn->defaults) obj_immortalize_tree(fn->defaults);
        obj_immortalize((obj_t *)fn);
    }
    return (obj_t *)fn;
}

PVM_WUR obj_t *eval_build_map(obj_t **regs, int n) {
    obj_t *d = dict_new();
    if (!d) return NULL;
    for (int i = 0; i < n; i++) {
        if (dict_set(d, regs[2 * i], regs[2 * i + 1]) < 0) {
            DECREF(d);
            return NULL;
        }
    }
    return d;
}

PVM_WUR obj_t *eval_build_set(obj_t **regs, int n) {
    obj_t *s = set_new(NULL);
    if (!s) return NULL;
    for (int i = 0; i < n; i++) {
        if (set_add(s, regs[i]) < 0) {
            DECREF(s);
            return NULL;
        }
    }
    return s;
}

int eval_set_update_iter(obj_t *s, obj_t *iterable) {
    obj_t *it = obj_iter(iterable);
    if (!it) return -1;
    obj_t *x;
    while ((x = obj_iternext(it))) {
        int r = set_add(s, x);
        DECREF(x);
        if (r < 0) {
            DECREF(it);
            return -1;
        }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

PVM_WUR obj_t *eval_get_yield_from_iter(obj_t *v, code_t *co) {
    if (GEN_CHECK(v)) return NEWREF(v);
    if (CORO_CHECK(v)) {
        if (!(co->flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE))) {
            err_set_str(exc_TypeError,
                        "cannot 'yield from' a coroutine object in a non-coroutine generator");
            return NULL;
        }
        return NEWREF(v);
    }
    return obj_iter(v);
}

// One step of `yield from`: sends `value` into `sub`.  Returns
// GEN_RESULT_YIELD (value to yield in *out), GEN_RESULT_RETURN (result of
// the delegation in *out) or GEN_RESULT_ERROR.
int eval_yield_from_step(obj_t *sub, obj_t *value, obj_t **out) {
    if (GEN_OR_CORO_CHECK(sub)) return gen_send_ex(sub, value, NULL, out);
    obj_t *r;
    if (value == None || value == NULL) {
        r = obj_iternext_raw(sub); // keeps StopIteration(value): the delegation's result
    } else {
        r = obj_call_method(sub, "send", &value, 1);
    }
    if (r) {
        *out = r;
        return GEN_RESULT_YIELD;
    }
    if (!err_occurred()) {
        *out = NEWREF(None);
        return GEN_RESULT_RETURN;
    }
    if (err_matches(exc_StopIteration)) {
        obj_t *e = err_fetch();
        *out = NEWREF(exc_stopiteration_value(e));
        DECREF(e);
        return GEN_RESULT_RETURN;
    }
    return GEN_RESULT_ERROR;
}

int eval_setup_annotations(frame_t *f) {
    obj_t *ns = f->locals ? f->locals : f->globals;
    obj_t *name = str_intern("__annotations__");
    if (DICT_CHECK(ns)) {
        int has = dict_contains(ns, name);
        if (has != 0) return has < 0 ? -1 : 0;
    } else {
        obj_t *v = obj_getitem(ns, name);
        if (v) {
            DECREF(v);
            return 0;
        }
        if (!err_matches(exc_KeyError)) return -1;
        err_clear();
    }
    obj_t *d = dict_new();
    if (!d) return -1;
    int r = DICT_CHECK(ns) ? dict_set(ns, name, d) : obj_setitem(ns, name, d);
    DECREF(d);
    return r;
}

int eval_print_expr(obj_t *v) {
    obj_t *hook = pvm_rt.sys ? obj_getattr_str(pvm_rt.sys, "displayhook") : NULL;
    if (!hook) {
        err_clear();
        err_set_str(exc_RuntimeError, "lost sys.displayhook");
        return -1;
    }
    obj_t *r = obj_call1(hook, v);
    DECREF(hook);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

// IMPORT_NAME calls whatever the frame's builtins hold as __import__ (with
// globals, locals or None, fromlist or None, level), as CPython does; the
// builtin one goes to the import system directly.
PVM_WUR obj_t *eval_import_name(frame_t *f, obj_t *name, obj_t *fromlist, int level) {
    obj_t *imp = dict_get(f->builtins, str_intern("__import__"));
    if (!imp) {
        if (!err_occurred()) err_set_str(exc_ImportError, "__import__ not found");
        return NULL;
    }
    obj_t *m;
    if (builtins_is_import(imp)) {
        m = import_name(name, f->globals, fromlist == None ? NULL : fromlist, level);
    } else {
        obj_t *args[5] = {name, f->globals, f->locals ? f->locals : None, fromlist,
                          SMALLINT_FROM(level)};
        m = obj_call(imp, args, 5, NULL);
    }
    DECREF(imp);
    return m;
}

PVM_WUR obj_t *eval_load_build_class(frame_t *f) {
    obj_t *v = dict_get_str(f->builtins, "__build_class__");
    if (!v && !err_occurred()) err_set_str(exc_NameError, "__build_class__ not found");
    return v;
}
