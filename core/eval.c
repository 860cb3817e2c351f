/*
 * core/eval.c — the interpreter loop.
 *
 * eval_frame() runs frames of register code (core/opcodes.def,
 * docs/bytecode.md).  Python-to-Python calls push a frame on the thread's
 * register stack and continue in the same C loop; only calls from C
 * (obj_call on a function, generator resumption, module code) start a new
 * invocation, whose entry frame has is_entry set and returns out of it.
 *
 * Dispatch: the handlers are written against three macros, as Lua's
 * lvm.c: DISPATCH(op) (switch or computed goto), CASE(name) and NEXT
 * (fetch the next instruction and dispatch).  PVM_COMPUTED_GOTO selects
 * the implementation (core/config.h); both build from the same text.
 *
 * Registers hold owned references or NULL.  Temporaries consumed by CALL
 * (arguments) and BUILD_TUPLE are moved out, not copied.  Small ints are
 * tagged: arithmetic and comparisons on them never touch the heap.
 *
 * Exceptions: a failing handler jumps to `error`, which records a
 * traceback entry for the frame, chains __context__, then `unwind` looks the
 * failing instruction up in the code's exception table (innermost range
 * first); without a handler the frame is popped and unwinding continues in
 * the caller.  Nothing is paid while no exception is raised.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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
#include "frame.h"
#include "import.h"
#include "opcodes.h"
#include "runtime.h"
#include "traceback.h"

// ---- register stack ---------------------------------------------------------------------------

#define REG_STACK_BYTES ((size_t)1 << 30) // reserved, committed lazily by the kernel

int eval_stack_ensure(thread_t *ts) {
    if (ts->reg_base)
        return 0;
    void *p = mmap(NULL, REG_STACK_BYTES, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        err_no_memory();
        return -1;
    }
    ts->reg_base = ts->reg_top = (obj_t **)p;
    ts->reg_limit = (obj_t **)((char *)p + REG_STACK_BYTES);
    return 0;
}

void thread_stack_free(thread_t *ts) {
    if (ts->reg_base)
        munmap(ts->reg_base, REG_STACK_BYTES);
    ts->reg_base = ts->reg_top = ts->reg_limit = NULL;
}

static void raise_recursion(void) {
    err_set_str(exc_RecursionError, "maximum recursion depth exceeded");
}

frame_t *eval_push_frame(thread_t *ts, code_t *co) {
    if (!ts->reg_base && eval_stack_ensure(ts) < 0)
        return NULL;
    obj_t **top = ts->reg_top;
    if (top + FRAME_SLOTS + co->nregs > ts->reg_limit) {
        raise_recursion();
        return NULL;
    }
    frame_t *f = (frame_t *)top;
    memset(f, 0, sizeof *f);
    f->regs = top + FRAME_SLOTS;
    memset(f->regs, 0, co->nregs * sizeof(obj_t *));
    f->code = co;
    f->pc = co->insns;
    f->is_entry = 1;
    ts->reg_top = f->regs + co->nregs;
    return f;
}

void eval_clear_regs(obj_t **regs, int n) {
    for (int i = 0; i < n; i++) {
        obj_t *v = regs[i];
        if (v) {
            regs[i] = NULL;
            DECREF(v);
        }
    }
}

obj_t *eval_reg_name(code_t *co, int reg) {
    if (reg < co->nlocals && (size_t)reg < TUPLE_SIZE(co->varnames))
        return TUPLE_GET(co->varnames, reg);
    if (reg >= co->nlocals && reg < co->nlocals + co->nfree)
        return TUPLE_GET(co->freevars, reg - co->nlocals);
    return str_intern("?");
}

// ---- error helpers --------------------------------------------------------------------------------

static void set_exc_name(obj_t *name) {
    obj_t *exc = err_peek();
    if (exc && EXC_CHECK(exc))
        SETREF(((exc_t *)exc)->name, NEWREF(name));
}

static PVM_UNUSED void raise_name_error(obj_t *name) {
    err_format(exc_NameError, "name '%U' is not defined", name);
    set_exc_name(name);
}

static void raise_unbound_local(code_t *co, int reg) {
    obj_t *name = eval_reg_name(co, reg);
    err_format(exc_UnboundLocalError,
               "cannot access local variable '%U' where it is not associated with a value", name);
    set_exc_name(name);
}

static void raise_unbound_free(code_t *co, int reg) {
    if (reg < co->nlocals) {
        raise_unbound_local(co, reg);
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
    if (exc_get_context(exc))
        return;
    // Avoid a cycle: cut exc out of handled's context chain.
    obj_t *o = handled;
    int guard = 0;
    while (guard++ < 10000) {
        obj_t *ctx = exc_get_context(o);
        if (!ctx)
            break;
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
    if (!mod && err_occurred())
        err_clear();
    obj_t *r;
    if (mod && STR_CHECK(mod) && !str_eq_cstr(mod, "builtins"))
        r = str_from_format("%U.%U()", mod, qual);
    else
        r = str_from_format("%U()", qual);
    XDECREF(mod);
    DECREF(qual);
    return r;
}

// ---- fast range iteration -------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    int64_t cur, stop, step;
} fastrange_t;

static obj_t *fastrange_iter(obj_t *o) { return NEWREF(o); }
static obj_t *fastrange_next(obj_t *o) {
    fastrange_t *r = (fastrange_t *)o;
    int64_t cur = r->cur;
    if (r->step > 0 ? cur < r->stop : cur > r->stop) {
        r->cur = cur + r->step;
        return SMALLINT_FROM(cur);
    }
    return NULL;
}
static void fastrange_dealloc(obj_t *o) { obj_free(o); }

type_t pvm_fastrange_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "range_iterator",
    .basicsize = sizeof(fastrange_t),
    .base = &object_type,
    .dealloc = fastrange_dealloc,
    .iter = fastrange_iter,
    .iternext = fastrange_next,
};

static obj_t *get_iter(obj_t *v) {
    if (OBJ_IS_TYPE(v, &range_type)) {
        range_t *r = (range_t *)v;
        if (IS_SMALLINT(r->start) && IS_SMALLINT(r->stop) && IS_SMALLINT(r->step)) {
            static _Atomic int ready;
            if (!atomic_load_explicit(&ready, memory_order_acquire)) {
                if (type_ensure_ready(&pvm_fastrange_type) < 0)
                    return NULL;
                atomic_store_explicit(&ready, 1, memory_order_release);
            }
            fastrange_t *it = (fastrange_t *)obj_alloc(&pvm_fastrange_type, sizeof(fastrange_t));
            if (!it)
                return NULL;
            it->cur = SMALLINT_VALUE(r->start);
            it->stop = SMALLINT_VALUE(r->stop);
            it->step = SMALLINT_VALUE(r->step);
            return (obj_t *)it;
        }
    }
    return obj_iter(v);
}

// ---- slow paths of the handlers ---------------------------------------------------------------------

static inline bool fast_add(int64_t x, int64_t y, int64_t *r) {
    *r = x + y;
    return SMALLINT_FITS(*r);
}
static inline bool fast_sub(int64_t x, int64_t y, int64_t *r) {
    *r = x - y;
    return SMALLINT_FITS(*r);
}
static inline bool fast_mul(int64_t x, int64_t y, int64_t *r) {
    return !__builtin_mul_overflow(x, y, r) && SMALLINT_FITS(*r);
}
static inline bool fast_floordiv(int64_t x, int64_t y, int64_t *r) {
    if (y == 0)
        return false;
    int64_t q = x / y;
    if ((x % y != 0) && ((x ^ y) < 0))
        q--;
    *r = q;
    return SMALLINT_FITS(q);
}
static inline bool fast_mod(int64_t x, int64_t y, int64_t *r) {
    if (y == 0)
        return false;
    int64_t m = x % y;
    if (m != 0 && ((m ^ y) < 0))
        m += y;
    *r = m;
    return true;
}
static inline bool fast_and(int64_t x, int64_t y, int64_t *r) {
    *r = x & y;
    return true;
}
static inline bool fast_or(int64_t x, int64_t y, int64_t *r) {
    *r = x | y;
    return true;
}
static inline bool fast_xor(int64_t x, int64_t y, int64_t *r) {
    *r = x ^ y;
    return true;
}
static inline bool fast_lshift(int64_t x, int64_t y, int64_t *r) {
    if (y < 0 || y >= 63)
        return false;
    int64_t v = (int64_t)((uint64_t)x << y);
    if ((v >> y) != x)
        return false;
    *r = v;
    return SMALLINT_FITS(v);
}
static inline bool fast_rshift(int64_t x, int64_t y, int64_t *r) {
    if (y < 0)
        return false;
    *r = y >= 63 ? (x < 0 ? -1 : 0) : (x >> y);
    return true;
}
static inline bool fast_none(int64_t x, int64_t y, int64_t *r) { return false; }

// `s += t` / `s = s + t` on a str that only this register references:
// grow it in place (amortized by the allocator's size classes), as CPython
// does.  Relies on str objects being plain malloc blocks (gc/alloc.c).
static bool str_concat_inplace(obj_t **slot, obj_t *rhs) {
    obj_t *s = *slot;
    if (s == rhs || !STR_EXACT(s) || !STR_EXACT(rhs))
        return false;
    str_t *st = (str_t *)s;
    if (st->interned || s->ob_gc_bits != 0 ||
        atomic_load_explicit(&s->ob_tid, memory_order_relaxed) != current_tid() ||
        atomic_load_explicit(&s->ob_ref_local, memory_order_relaxed) != 1 ||
        atomic_load_explicit(&s->ob_ref_shared, memory_order_relaxed) != 0)
        return false;
    size_t add = str_nbytes(rhs);
    size_t newn = st->nbytes + add;
    str_t *ns = realloc(st, offsetof(str_t, data) + newn + 1);
    if (!ns)
        return false;
    memcpy(ns->data + ns->nbytes, str_data(rhs), add);
    ns->data[newn] = 0;
    ns->nbytes = newn;
    ns->len += str_len(rhs);
    ns->ascii = ns->ascii && ((str_t *)rhs)->ascii;
    atomic_store_explicit(&ns->hash, -1, memory_order_relaxed);
    *slot = (obj_t *)ns;
    return true;
}

static PVM_WUR obj_t *arith_slow(obj_t *a, obj_t *b, int op, int inplace) {
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
                if (y != 0.0)
                    return float_from_double(x / y);
                break;
            }
        }
    }
    return inplace ? obj_inplace_binop(a, b, (binop_t)op) : obj_binop(a, b, (binop_t)op);
}

// Truth of `a <op> b` as 1/0, -1 on error.
static int compare_truth(obj_t *a, obj_t *b, int op) {
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
    if (!r)
        return -1;
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

static PVM_WUR obj_t *compare_obj(obj_t *a, obj_t *b, int op) {
    if (FLOAT_EXACT(a) && FLOAT_EXACT(b)) {
        int t = compare_truth(a, b, op);
        return NEWREF(bool_from(t));
    }
    return obj_richcompare(a, b, op);
}

static inline int truth(obj_t *v) {
    if (v == True)
        return 1;
    if (v == False || v == None)
        return 0;
    if (IS_SMALLINT(v))
        return SMALLINT_VALUE(v) != 0;
    return obj_is_true(v);
}

static int exc_match(obj_t *exc, obj_t *cls) {
    if (TUPLE_CHECK(cls)) {
        for (size_t i = 0; i < TUPLE_SIZE(cls); i++)
            if (!EXC_TYPE_CHECK(TUPLE_GET(cls, i)))
                goto bad;
        for (size_t i = 0; i < TUPLE_SIZE(cls); i++)
            if (type_is_subtype(TYPE(exc), (type_t *)TUPLE_GET(cls, i)))
                return 1;
        return 0;
    }
    if (!EXC_TYPE_CHECK(cls))
        goto bad;
    return type_is_subtype(TYPE(exc), (type_t *)cls);
bad:
    err_set_str(exc_TypeError,
                "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

// Unpacks v into out[0..before) + [list] + out[..after]; after < 0 means
// exactly `before` items.  Fills owned references.
static int unpack(obj_t *v, int before, int after, obj_t **out) {
    bool star = after >= 0;
    if (!star && (TUPLE_CHECK(v) || LIST_CHECK(v)) && OBJ_IS_TYPE(v, &tuple_type)) {
        size_t n = TUPLE_SIZE(v);
        if (n == (size_t)before) {
            for (int i = 0; i < before; i++)
                SETREF(out[i], NEWREF(TUPLE_GET(v, i)));
            return 0;
        }
        if (n < (size_t)before)
            err_format(exc_ValueError, "not enough values to unpack (expected %d, got %zd)",
                       before, (ssize_t)n);
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
                if (!err_matches(exc_StopIteration))
                    goto fail;
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
            if (!err_matches(exc_StopIteration))
                goto fail;
            err_clear();
        }
        DECREF(it);
        return 0;
    }
    obj_t *rest = list_from_iterable(it);
    if (!rest)
        goto fail;
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

static int list_extend_checked(obj_t *list, obj_t *v, obj_t *callable) {
    if (list_extend(list, v) == 0)
        return 0;
    if (err_matches(exc_TypeError) && TYPE(v)->iter == NULL && TYPE(v)->getitem == NULL) {
        err_clear();
        if (callable) {
            obj_t *fs = eval_func_str(callable);
            if (!fs)
                return -1;
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
    if (DICT_CHECK(v))
        return 1;
    obj_t *k = obj_lookup_attr(v, str_intern("keys"));
    if (!k)
        return err_occurred() ? -1 : 0;
    DECREF(k);
    return 1;
}

static int dict_update_mapping(obj_t *d, obj_t *v) {
    int m = is_mapping(v);
    if (m < 0)
        return -1;
    if (!m) {
        err_format(exc_TypeError, "'%s' object is not a mapping", obj_type_name(v));
        return -1;
    }
    return dict_merge(d, v, true);
}

// **kwargs of a call: duplicates are errors.
static int dict_merge_kwargs(obj_t *d, obj_t *v, obj_t *callable) {
    int m = is_mapping(v);
    if (m < 0)
        return -1;
    if (!m) {
        obj_t *fs = eval_func_str(callable);
        if (!fs)
            return -1;
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
        if (!km)
            return -1;
        keys = list_from_iterable(km);
        DECREF(km);
    }
    if (!keys)
        return -1;
    ssize_t n = list_size(keys);
    for (ssize_t i = 0; i < n; i++) {
        obj_t *k = list_get(keys, i);
        if (!k)
            goto fail;
        if (!STR_CHECK(k)) {
            err_set_str(exc_TypeError, "keywords must be strings");
            DECREF(k);
            goto fail;
        }
        int has = dict_contains(d, k);
        if (has != 0) {
            if (has > 0) {
                obj_t *fs = eval_func_str(callable);
                if (fs) {
                    err_format(exc_TypeError, "%U got multiple values for keyword argument '%U'",
                               fs, k);
                    DECREF(fs);
                }
            }
            DECREF(k);
            goto fail;
        }
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

static PVM_WUR obj_t *format_value(obj_t *v, int conv, obj_t *spec) {
    obj_t *x;
    switch (conv) {
    case 1: x = obj_str(v); break;
    case 2: x = obj_repr(v); break;
    case 3: x = obj_ascii(v); break;
    default: x = NEWREF(v); break;
    }
    if (!x)
        return NULL;
    if (STR_EXACT(x) && (!spec || str_len(spec) == 0))
        return x;
    obj_t *r = obj_format(x, spec);
    DECREF(x);
    return r;
}

static PVM_WUR obj_t *build_string(obj_t **items, int n) {
    size_t total = 0;
    for (int i = 0; i < n; i++)
        total += str_nbytes(items[i]);
    obj_t *s = str_alloc(total);
    if (!s)
        return NULL;
    char *p = ((str_t *)s)->data;
    for (int i = 0; i < n; i++) {
        memcpy(p, str_data(items[i]), str_nbytes(items[i]));
        p += str_nbytes(items[i]);
    }
    str_finish(s);
    return s;
}

static PVM_WUR obj_t *do_raise_value(obj_t *v) {
    // Returns the exception instance to raise, or NULL (error set).
    if (TYPE_CHECK(v) && EXC_TYPE_CHECK(v)) {
        obj_t *e = obj_call0(v);
        if (!e)
            return NULL;
        if (!EXC_CHECK(e)) {
            err_format(exc_TypeError,
                       "calling %R should have returned an instance of BaseException, not %s", v,
                       obj_type_name(e));
            DECREF(e);
            return NULL;
        }
        return e;
    }
    if (EXC_CHECK(v))
        return NEWREF(v);
    err_set_str(exc_TypeError, "exceptions must derive from BaseException");
    return NULL;
}

static int do_raise(thread_t *ts, obj_t *exc, obj_t *cause) {
    obj_t *e = do_raise_value(exc);
    if (!e)
        return -1;
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
    if (!d)
        return NULL;
    descrgetfunc get = TYPE(d)->descr_get;
    if (get)
        return get(d, obj, (obj_t *)TYPE(obj));
    return NEWREF(d);
}

static int before_with(obj_t *mgr, obj_t **exit_out, obj_t **enter_out) {
    obj_t *enter = lookup_special(mgr, "__enter__");
    if (!enter) {
        if (!err_occurred())
            err_format(exc_TypeError,
                       "'%s' object does not support the context manager protocol",
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

static PVM_WUR obj_t *load_name(frame_t *f, obj_t *name) {
    obj_t *v = NULL;
    if (f->locals && f->locals != f->globals) {
        if (DICT_CHECK(f->locals)) {
            v = dict_get(f->locals, name);
            if (!v && err_occurred())
                return NULL;
        } else {
            v = obj_getitem(f->locals, name);
            if (!v) {
                if (!err_matches(exc_KeyError))
                    return NULL;
                err_clear();
            }
        }
        if (v)
            return v;
    }
    hash_t h = str_hash(name);
    v = dict_get_hashed(f->globals, name, h);
    if (v || err_occurred())
        return v;
    v = dict_get_hashed(f->builtins, name, h);
    if (v || err_occurred())
        return v;
    raise_name_error(name);
    return NULL;
}

static int store_name(frame_t *f, obj_t *name, obj_t *v) {
    obj_t *ns = f->locals ? f->locals : f->globals;
    if (DICT_CHECK(ns))
        return dict_set(ns, name, v);
    return obj_setitem(ns, name, v);
}

static int delete_name(frame_t *f, obj_t *name) {
    obj_t *ns = f->locals ? f->locals : f->globals;
    int r = DICT_CHECK(ns) ? dict_del(ns, name) : obj_delitem(ns, name);
    if (r < 0 && err_matches(exc_KeyError)) {
        err_clear();
        raise_name_error(name);
    }
    return r;
}

static PVM_WUR obj_t *load_method_slow(obj_t *obj, obj_t *name, obj_t **self_out) {
    type_t *tp = TYPE(obj);
    *self_out = NULL;
    if (tp->getattro == obj_generic_getattr) {
        obj_t *descr = type_lookup(tp, name);
        if (descr && type_has_flag(TYPE(descr), TPFLAG_METHOD_DESCRIPTOR)) {
            obj_t **dp = obj_dict_ptr(obj);
            int shadow = 0;
            if (dp && *dp) {
                shadow = dict_contains(*dp, name);
                if (shadow < 0)
                    return NULL;
            }
            if (!shadow) {
                *self_out = NEWREF(obj);
                return NEWREF(descr);
            }
        }
    }
    return obj_getattr(obj, name);
}

static inline obj_t *XNEWREF_(obj_t *o) {
    XINCREF(o);
    return o;
}

static PVM_WUR obj_t *make_function(frame_t *f, obj_t *code, obj_t **regs, int flags) {
    func_t *fn = (func_t *)func_new(code, f->globals, f->builtins);
    if (!fn)
        return NULL;
    int k = 0;
    if (flags & 1) {
        obj_t *d = regs[k++];
        if (d && TUPLE_CHECK(d) && TUPLE_SIZE(d) > 0)
            fn->defaults = NEWREF(d);
    }
    if (flags & 2)
        fn->kwdefaults = XNEWREF_(regs[k++]);
    if (flags & 4)
        fn->annotations = XNEWREF_(regs[k++]);
    if (flags & 8)
        fn->closure = XNEWREF_(regs[k++]);
    return (obj_t *)fn;
}

static PVM_WUR obj_t *build_map(obj_t **regs, int n) {
    obj_t *d = dict_new();
    if (!d)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (dict_set(d, regs[2 * i], regs[2 * i + 1]) < 0) {
            DECREF(d);
            return NULL;
        }
    }
    return d;
}

static PVM_WUR obj_t *build_set(obj_t **regs, int n) {
    obj_t *s = set_new(NULL);
    if (!s)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (set_add(s, regs[i]) < 0) {
            DECREF(s);
            return NULL;
        }
    }
    return s;
}

static int set_update_iter(obj_t *s, obj_t *iterable) {
    obj_t *it = obj_iter(iterable);
    if (!it)
        return -1;
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

static PVM_WUR obj_t *get_yield_from_iter(obj_t *v) {
    if (GEN_CHECK(v))
        return NEWREF(v);
    return obj_iter(v);
}

// One step of `yield from`: sends `value` into `sub`.  Returns
// GEN_RESULT_YIELD (value to yield in *out), GEN_RESULT_RETURN (result of
// the delegation in *out) or GEN_RESULT_ERROR.
static int yield_from_step(obj_t *sub, obj_t *value, obj_t **out) {
    if (GEN_CHECK(sub))
        return gen_send_ex(sub, value, NULL, out);
    obj_t *r;
    if (value == None || value == NULL) {
        r = obj_iternext(sub);
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

static int setup_annotations(frame_t *f) {
    obj_t *ns = f->locals ? f->locals : f->globals;
    obj_t *name = str_intern("__annotations__");
    if (DICT_CHECK(ns)) {
        int has = dict_contains(ns, name);
        if (has != 0)
            return has < 0 ? -1 : 0;
    } else {
        obj_t *v = obj_getitem(ns, name);
        if (v) {
            DECREF(v);
            return 0;
        }
        if (!err_matches(exc_KeyError))
            return -1;
        err_clear();
    }
    obj_t *d = dict_new();
    if (!d)
        return -1;
    int r = DICT_CHECK(ns) ? dict_set(ns, name, d) : obj_setitem(ns, name, d);
    DECREF(d);
    return r;
}

static int print_expr(obj_t *v) {
    obj_t *hook = pvm_rt.sys ? obj_getattr_str(pvm_rt.sys, "displayhook") : NULL;
    if (!hook) {
        err_clear();
        err_set_str(exc_RuntimeError, "lost sys.displayhook");
        return -1;
    }
    obj_t *r = obj_call1(hook, v);
    DECREF(hook);
    if (!r)
        return -1;
    DECREF(r);
    return 0;
}

static PVM_WUR obj_t *load_build_class(frame_t *f) {
    obj_t *v = dict_get_str(f->builtins, "__build_class__");
    if (!v && !err_occurred())
        err_set_str(exc_NameError, "__build_class__ not found");
    return v;
}

// ---- the loop --------------------------------------------------------------------------------------

#if PVM_COMPUTED_GOTO
#define DISPATCH(x) goto *dispatch_table[(x)];
#define CASE(name) L_##name:
#define NEXT                                                                                       \
    {                                                                                              \
        insn = *pc++;                                                                              \
        goto *dispatch_table[insn & 0xff];                                                         \
    }
#else
#define DISPATCH(x) switch (x)
#define CASE(name) case OPC_##name:
#define NEXT goto fetch_next
#endif

#define A INSN_A(insn)
#define B INSN_B(insn)
#define C INSN_C(insn)
#define BX INSN_BX(insn)
#define RA R[INSN_A(insn)]
#define RB R[INSN_B(insn)]
#define RC R[INSN_C(insn)]

#define LOAD_FRAME()                                                                               \
    do {                                                                                           \
        co = frame->code;                                                                          \
        R = frame->regs;                                                                           \
        K = TUPLE_ITEMS(co->consts);                                                               \
        N = TUPLE_ITEMS(co->names);                                                                \
        pc = frame->pc;                                                                            \
    } while (0)

#define CHECK_EVAL_BREAKER()                                                                       \
    do {                                                                                           \
        if (PVM_UNLIKELY(atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed))) {         \
            frame->pc = pc;                                                                        \
            if (thread_handle_eval_breaker(ts) < 0)                                                \
                goto error;                                                                        \
        }                                                                                          \
    } while (0)

#define JUMP_TO_WORD()                                                                             \
    do {                                                                                           \
        const uint32_t *target_ = co->insns + *pc;                                                 \
        if (target_ < pc) {                                                                        \
            pc = target_;                                                                          \
            CHECK_EVAL_BREAKER();                                                                  \
        } else {                                                                                   \
            pc = target_;                                                                          \
        }                                                                                          \
    } while (0)

#define SET_A(v) SETREF(R[INSN_A(insn)], (v))

PVM_WUR obj_t *eval_frame(thread_t *ts, frame_t *f, obj_t *throwexc, int *yielded) {
#if PVM_COMPUTED_GOTO
    static const void *const dispatch_table[256] = {
#define OP(name, fmt, doc) [OPC_##name] = &&L_##name,
#include "opcodes.def"
#undef OP
    };
#endif
    frame_t *frame = f;
    code_t *co;
    obj_t **R;
    obj_t *const *K;
    obj_t *const *N;
    const uint32_t *pc;
    uint64_t insn = 0;
    // Operands shared by handlers that jump to common code.
    obj_t *lhs, *rhs, *res, *callable;
    obj_t **argv;
    uint32_t call_a, call_nargs, call_kw;
    int bop, inpl, cmpop;
    uint32_t yf_a = 0, yf_b = 0;

    *yielded = 0;
    frame->prev = ts->frame;
    ts->frame = frame;
    if (PVM_UNLIKELY(ts->py_depth >= atomic_load_explicit(&pvm_recursion_limit,
                                                          memory_order_relaxed))) {
        raise_recursion();
        ts->frame = frame->prev;
        if (!frame->on_heap) {
            eval_clear_regs(frame->regs, frame->code->nregs);
            ts->reg_top = (obj_t **)frame;
        }
        return NULL;
    }
    ts->py_depth++;
    LOAD_FRAME();
    if (throwexc) {
        err_set_object(throwexc);
        goto error;
    }
    if (frame->yf_active) {
        yf_a = frame->yf_a;
        yf_b = frame->yf_b;
        goto yield_from_resume;
    }
    CHECK_EVAL_BREAKER();

    for (;;) {
    fetch_next:
        __attribute__((unused));
        insn = *pc++;
    dispatch_insn:
        DISPATCH(insn & 0xff) {
            CASE(NOP) { NEXT; }
            CASE(EXTENDED_ARG) {
                insn = INSN_EXTEND(insn, *pc);
                pc++;
                goto dispatch_insn;
            }
            CASE(MOVE) {
                obj_t *v = RB;
                XINCREF(v);
                SET_A(v);
                NEXT;
            }
            CASE(LOAD_CONST) {
                obj_t *v = K[BX];
                INCREF(v);
                SET_A(v);
                NEXT;
            }
            CASE(LOAD_SMALLINT) {
                SET_A(SMALLINT_FROM((int64_t)INSN_SBX(insn)));
                NEXT;
            }
            CASE(LOAD_NONE) {
                SET_A(None);
                NEXT;
            }
            CASE(LOAD_GLOBAL) {
                obj_t *name = N[BX];
                hash_t h = str_hash(name);
                obj_t *v = dict_get_hashed(frame->globals, name, h);
                if (!v) {
                    if (err_occurred())
                        goto error;
                    v = dict_get_hashed(frame->builtins, name, h);
                    if (!v) {
                        if (!err_occurred())
                            raise_name_error(name);
                        goto error;
                    }
                }
                SET_A(v);
                NEXT;
            }
            CASE(STORE_GLOBAL) {
                if (dict_set(frame->globals, N[BX], RA) < 0)
                    goto error;
                NEXT;
            }
            CASE(DELETE_GLOBAL) {
                obj_t *name = N[BX];
                if (dict_del(frame->globals, name) < 0) {
                    if (err_matches(exc_KeyError)) {
                        err_clear();
                        raise_name_error(name);
                    }
                    goto error;
                }
                NEXT;
            }
            CASE(LOAD_NAME) {
                obj_t *v = load_name(frame, N[BX]);
                if (!v)
                    goto error;
                SET_A(v);
                NEXT;
            }
            CASE(STORE_NAME) {
                if (store_name(frame, N[BX], RA) < 0)
                    goto error;
                NEXT;
            }
            CASE(DELETE_NAME) {
                if (delete_name(frame, N[BX]) < 0)
                    goto error;
                NEXT;
            }
            CASE(CHECK_LOCAL) {
                if (PVM_UNLIKELY(RA == NULL)) {
                    raise_unbound_local(co, A);
                    goto error;
                }
                NEXT;
            }
            CASE(DELETE_FAST) {
                if (RA == NULL) {
                    raise_unbound_local(co, A);
                    goto error;
                }
                CLEAR(RA);
                NEXT;
            }
            CASE(LOAD_DEREF) {
                obj_t *v = cell_get(RB);
                if (!v) {
                    raise_unbound_free(co, B);
                    goto error;
                }
                SET_A(v);
                NEXT;
            }
            CASE(STORE_DEREF) {
                cell_set(RA, RB);
                NEXT;
            }
            CASE(DELETE_DEREF) {
                obj_t *v = cell_get(RA);
                if (!v) {
                    raise_unbound_free(co, A);
                    goto error;
                }
                DECREF(v);
                cell_set(RA, NULL);
                NEXT;
            }
            CASE(LOAD_CLASSDEREF) {
                obj_t *name = N[C];
                obj_t *v = NULL;
                if (frame->locals) {
                    if (DICT_CHECK(frame->locals)) {
                        v = dict_get(frame->locals, name);
                        if (!v && err_occurred())
                            goto error;
                    } else {
                        v = obj_getitem(frame->locals, name);
                        if (!v) {
                            if (!err_matches(exc_KeyError))
                                goto error;
                            err_clear();
                        }
                    }
                }
                if (!v) {
                    v = cell_get(RB);
                    if (!v) {
                        raise_unbound_free(co, B);
                        goto error;
                    }
                }
                SET_A(v);
                NEXT;
            }
            CASE(LOAD_ATTR) {
                obj_t *v = obj_getattr(RB, N[C]);
                if (!v)
                    goto error;
                SET_A(v);
                NEXT;
            }
            CASE(STORE_ATTR) {
                if (obj_setattr(RA, N[B], RC) < 0)
                    goto error;
                NEXT;
            }
            CASE(DELETE_ATTR) {
                if (obj_setattr(RA, N[B], NULL) < 0)
                    goto error;
                NEXT;
            }
            CASE(LOAD_METHOD) {
                obj_t *obj = RB;
                obj_t *name = N[C];
                uint32_t a = A;
                type_t *tp = TYPE(obj);
                if (tp->getattro == obj_generic_getattr) {
                    obj_t *descr = type_lookup(tp, name);
                    if (descr && type_has_flag(TYPE(descr), TPFLAG_METHOD_DESCRIPTOR)) {
                        obj_t **dp = obj_dict_ptr(obj);
                        int shadow = 0;
                        if (dp && *dp) {
                            shadow = dict_contains(*dp, name);
                            if (shadow < 0)
                                goto error;
                        }
                        if (!shadow) {
                            INCREF(descr);
                            INCREF(obj);
                            SETREF(R[a], descr);
                            SETREF(R[a + 1], obj);
                            NEXT;
                        }
                    }
                }
                obj_t *self;
                obj_t *v = load_method_slow(obj, name, &self);
                if (!v)
                    goto error;
                SETREF(R[a], v);
                SETREF(R[a + 1], self);
                NEXT;
            }
            CASE(GET_ITEM) {
                obj_t *o = RB, *k = RC;
                if (IS_SMALLINT(k) && OBJ_IS_TYPE(o, &tuple_type)) {
                    int64_t i = SMALLINT_VALUE(k);
                    if (i < 0)
                        i += (int64_t)TUPLE_SIZE(o);
                    if (i >= 0 && (size_t)i < TUPLE_SIZE(o)) {
                        obj_t *v = TUPLE_GET(o, i);
                        INCREF(v);
                        SET_A(v);
                        NEXT;
                    }
                } else if (IS_SMALLINT(k) && OBJ_IS_TYPE(o, &list_type)) {
                    int64_t i = SMALLINT_VALUE(k);
                    if (i >= 0 && i < list_size(o)) {
                        obj_t *v = list_get(o, i);
                        if (!v)
                            goto error;
                        SET_A(v);
                        NEXT;
                    }
                }
                obj_t *v = obj_getitem(o, k);
                if (!v)
                    goto error;
                SET_A(v);
                NEXT;
            }
            CASE(SET_ITEM) {
                if (obj_setitem(RA, RB, RC) < 0)
                    goto error;
                NEXT;
            }
            CASE(DEL_ITEM) {
                if (obj_delitem(RA, RB) < 0)
                    goto error;
                NEXT;
            }
            CASE(BUILD_SLICE) {
                uint32_t b = B;
                obj_t *v = slice_new(R[b], R[b + 1], C == 3 ? R[b + 2] : NULL);
                if (!v)
                    goto error;
                SET_A(v);
                NEXT;
            }

#define ARITH_FAST(FAST)                                                                           \
    if (IS_SMALLINT(lhs) && IS_SMALLINT(rhs)) {                                                    \
        int64_t r_;                                                                                \
        if (FAST(SMALLINT_VALUE(lhs), SMALLINT_VALUE(rhs), &r_)) {                                 \
            SET_A(SMALLINT_FROM(r_));                                                              \
            NEXT;                                                                                  \
        }                                                                                          \
    }
#define ARITH4(NAME, BOP, FAST)                                                                    \
    CASE(NAME) {                                                                                   \
        lhs = RB;                                                                                  \
        rhs = RC;                                                                                  \
        ARITH_FAST(FAST)                                                                           \
        bop = BOP;                                                                                 \
        inpl = 0;                                                                                  \
        goto arith_slow_path;                                                                      \
    }                                                                                              \
    CASE(NAME##_K) {                                                                               \
        lhs = RB;                                                                                  \
        rhs = K[C];                                                                                \
        ARITH_FAST(FAST)                                                                           \
        bop = BOP;                                                                                 \
        inpl = 0;                                                                                  \
        goto arith_slow_path;                                                                      \
    }                                                                                              \
    CASE(I##NAME) {                                                                                \
        lhs = RB;                                                                                  \
        rhs = RC;                                                                                  \
        ARITH_FAST(FAST)                                                                           \
        bop = BOP;                                                                                 \
        inpl = 1;                                                                                  \
        goto arith_slow_path;                                                                      \
    }                                                                                              \
    CASE(I##NAME##_K) {                                                                            \
        lhs = RB;                                                                                  \
        rhs = K[C];                                                                                \
        ARITH_FAST(FAST)                                                                           \
        bop = BOP;                                                                                 \
        inpl = 1;                                                                                  \
        goto arith_slow_path;                                                                      \
    }

            ARITH4(ADD, BINOP_ADD, fast_add)
            ARITH4(SUB, BINOP_SUB, fast_sub)
            ARITH4(MUL, BINOP_MUL, fast_mul)
            ARITH4(MATMUL, BINOP_MATMUL, fast_none)
            ARITH4(TRUEDIV, BINOP_TRUEDIV, fast_none)
            ARITH4(FLOORDIV, BINOP_FLOORDIV, fast_floordiv)
            ARITH4(MOD, BINOP_MOD, fast_mod)
            ARITH4(POW, BINOP_POW, fast_none)
            ARITH4(LSHIFT, BINOP_LSHIFT, fast_lshift)
            ARITH4(RSHIFT, BINOP_RSHIFT, fast_rshift)
            ARITH4(AND, BINOP_AND, fast_and)
            ARITH4(OR, BINOP_OR, fast_or)
            ARITH4(XOR, BINOP_XOR, fast_xor)

            CASE(NEG) {
                obj_t *v = RB;
                if (IS_SMALLINT(v) && SMALLINT_VALUE(v) != SMALLINT_MIN) {
                    SET_A(SMALLINT_FROM(-SMALLINT_VALUE(v)));
                    NEXT;
                }
                obj_t *r = obj_unop(v, UNOP_NEG);
                if (!r)
                    goto error;
                SET_A(r);
                NEXT;
            }
            CASE(POS) {
                obj_t *v = RB;
                if (IS_SMALLINT(v)) {
                    SET_A(v);
                    NEXT;
                }
                obj_t *r = obj_unop(v, UNOP_POS);
                if (!r)
                    goto error;
                SET_A(r);
                NEXT;
            }
            CASE(INVERT) {
                obj_t *v = RB;
                if (IS_SMALLINT(v)) {
                    SET_A(SMALLINT_FROM(~SMALLINT_VALUE(v)));
                    NEXT;
                }
                obj_t *r = obj_unop(v, UNOP_INVERT);
                if (!r)
                    goto error;
                SET_A(r);
                NEXT;
            }
            CASE(NOT) {
                int t = truth(RB);
                if (t < 0)
                    goto error;
                SET_A(bool_from(!t));
                NEXT;
            }

#define CMP_CASE(NAME, OP, CEXPR)                                                                  \
    CASE(NAME) {                                                                                   \
        lhs = RB;                                                                                  \
        rhs = RC;                                                                                  \
        if (IS_SMALLINT(lhs) && IS_SMALLINT(rhs)) {                                                \
            SET_A(bool_from((intptr_t)lhs CEXPR(intptr_t) rhs));                                   \
            NEXT;                                                                                  \
        }                                                                                          \
        cmpop = OP;                                                                                \
        goto compare_slow_path;                                                                    \
    }
            CMP_CASE(LT, CMP_LT_OP, <)
            CMP_CASE(LE, CMP_LE_OP, <=)
            CMP_CASE(EQ, CMP_EQ_OP, ==)
            CMP_CASE(NE, CMP_NE_OP, !=)
            CMP_CASE(GT, CMP_GT_OP, >)
            CMP_CASE(GE, CMP_GE_OP, >=)
            CASE(IS) {
                SET_A(bool_from(RB == RC));
                NEXT;
            }
            CASE(IS_NOT) {
                SET_A(bool_from(RB != RC));
                NEXT;
            }
            CASE(IN) {
                int r = obj_contains(RC, RB);
                if (r < 0)
                    goto error;
                SET_A(bool_from(r));
                NEXT;
            }
            CASE(NOT_IN) {
                int r = obj_contains(RC, RB);
                if (r < 0)
                    goto error;
                SET_A(bool_from(!r));
                NEXT;
            }

            CASE(JUMP) {
                JUMP_TO_WORD();
                NEXT;
            }
            CASE(JUMP_IF_TRUE) {
                int t = truth(RA);
                if (t < 0)
                    goto error;
                if (t)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }
            CASE(JUMP_IF_FALSE) {
                int t = truth(RA);
                if (t < 0)
                    goto error;
                if (!t)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }

#define JCMP_CASE(NAME, OP, CEXPR)                                                                 \
    CASE(NAME) {                                                                                   \
        lhs = RA;                                                                                  \
        rhs = RB;                                                                                  \
        goto NAME##_body;                                                                          \
    }                                                                                              \
    CASE(NAME##_K) {                                                                               \
        lhs = RA;                                                                                  \
        rhs = K[B];                                                                                \
        NAME##_body : {                                                                            \
            int t_;                                                                                \
            if (IS_SMALLINT(lhs) && IS_SMALLINT(rhs)) {                                            \
                t_ = (intptr_t)lhs CEXPR(intptr_t) rhs;                                            \
            } else {                                                                               \
                t_ = compare_truth(lhs, rhs, OP);                                                  \
                if (t_ < 0)                                                                        \
                    goto error;                                                                    \
            }                                                                                      \
            if (t_ == (int)C)                                                                      \
                JUMP_TO_WORD();                                                                    \
            else                                                                                   \
                pc++;                                                                              \
            NEXT;                                                                                  \
        }                                                                                          \
    }
            JCMP_CASE(JLT, CMP_LT_OP, <)
            JCMP_CASE(JLE, CMP_LE_OP, <=)
            JCMP_CASE(JEQ, CMP_EQ_OP, ==)
            JCMP_CASE(JNE, CMP_NE_OP, !=)
            JCMP_CASE(JGT, CMP_GT_OP, >)
            JCMP_CASE(JGE, CMP_GE_OP, >=)
            CASE(JIS) {
                if ((RA == RB) == (int)C)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }
            CASE(JUMP_IF_NOT_EXC_MATCH) {
                int m = exc_match(RA, RB);
                if (m < 0)
                    goto error;
                if (!m)
                    JUMP_TO_WORD();
                else
                    pc++;
                NEXT;
            }

            CASE(GET_ITER) {
                obj_t *it = get_iter(RB);
                if (!it)
                    goto error;
                SET_A(it);
                NEXT;
            }
            CASE(FOR_ITER) {
                obj_t *it = RB;
                if (TYPE(it) == &pvm_fastrange_type) {
                    fastrange_t *r = (fastrange_t *)it;
                    int64_t cur = r->cur;
                    if (r->step > 0 ? cur < r->stop : cur > r->stop) {
                        r->cur = cur + r->step;
                        SET_A(SMALLINT_FROM(cur));
                        JUMP_TO_WORD();
                    } else {
                        pc++;
                    }
                    NEXT;
                }
                obj_t *v = obj_iternext(it);
                if (v) {
                    SET_A(v);
                    JUMP_TO_WORD();
                    NEXT;
                }
                if (err_occurred()) {
                    if (!err_matches(exc_StopIteration))
                        goto error;
                    err_clear();
                }
                pc++;
                NEXT;
            }

            CASE(CALL) {
                call_a = A;
                call_nargs = B;
                call_kw = C;
                callable = R[call_a];
                argv = &R[call_a + 1];
                goto do_call;
            }
            CASE(CALL_METHOD) {
                call_a = A;
                call_nargs = B;
                call_kw = C;
                callable = R[call_a];
                if (R[call_a + 1]) {
                    argv = &R[call_a + 1];
                    call_nargs++;
                } else {
                    argv = &R[call_a + 2];
                }
                goto do_call;
            }
            CASE(CALL_EX) {
                uint32_t a = A;
                frame->pc = pc;
                obj_t *args = R[a + 1];
                if (!TUPLE_CHECK(args)) {
                    obj_t *t = tuple_from_iterable(args);
                    if (!t)
                        goto error;
                    SETREF(R[a + 1], t);
                    args = t;
                }
                obj_t *r = obj_call_tuple_dict(R[a], args, B ? R[a + 2] : NULL);
                if (!r)
                    goto error;
                SETREF(R[a], r);
                NEXT;
            }
            CASE(RETURN) {
                uint32_t a = A;
                res = R[a];
                R[a] = NULL;
                goto do_return;
            }
            CASE(RETURN_NONE) {
                res = None;
                goto do_return;
            }
            CASE(MAKE_FUNCTION) {
                uint32_t a = A;
                obj_t *fn = make_function(frame, K[B], &R[a], C);
                if (!fn)
                    goto error;
                SETREF(R[a], fn);
                NEXT;
            }

            CASE(BUILD_TUPLE) {
                uint32_t b = B, n = C;
                obj_t *t = tuple_new(n);
                if (!t)
                    goto error;
                for (uint32_t i = 0; i < n; i++) {
                    obj_t *v = R[b + i];
                    R[b + i] = NULL; // moved out of the temporary
                    TUPLE_SET(t, i, v);
                }
                SET_A(t);
                NEXT;
            }
            CASE(BUILD_LIST) {
                obj_t *l = list_from_array(&R[B], C);
                if (!l)
                    goto error;
                SET_A(l);
                NEXT;
            }
            CASE(BUILD_SET) {
                obj_t *s = build_set(&R[B], C);
                if (!s)
                    goto error;
                SET_A(s);
                NEXT;
            }
            CASE(BUILD_MAP) {
                obj_t *d = build_map(&R[B], C);
                if (!d)
                    goto error;
                SET_A(d);
                NEXT;
            }
            CASE(BUILD_STRING) {
                obj_t *s = build_string(&R[B], C);
                if (!s)
                    goto error;
                SET_A(s);
                NEXT;
            }
            CASE(LIST_APPEND) {
                if (list_append(RA, RB) < 0)
                    goto error;
                NEXT;
            }
            CASE(LIST_EXTEND) {
                uint32_t c = C;
                if (list_extend_checked(RA, RB, c ? R[c - 1] : NULL) < 0)
                    goto error;
                NEXT;
            }
            CASE(SET_ADD) {
                if (set_add(RA, RB) < 0)
                    goto error;
                NEXT;
            }
            CASE(SET_UPDATE) {
                if (set_update_iter(RA, RB) < 0)
                    goto error;
                NEXT;
            }
            CASE(MAP_ADD) {
                if (dict_set(RA, RB, RC) < 0)
                    goto error;
                NEXT;
            }
            CASE(DICT_UPDATE) {
                if (dict_update_mapping(RA, RB) < 0)
                    goto error;
                NEXT;
            }
            CASE(DICT_MERGE) {
                if (dict_merge_kwargs(RA, RB, RC) < 0)
                    goto error;
                NEXT;
            }
            CASE(LIST_TO_TUPLE) {
                obj_t *t = list_as_tuple(RB);
                if (!t)
                    goto error;
                SET_A(t);
                NEXT;
            }
            CASE(FORMAT_VALUE) {
                uint32_t b = B, c = C;
                obj_t *v = format_value(R[b], c & 3, (c & 4) ? R[b + 1] : NULL);
                if (!v)
                    goto error;
                SET_A(v);
                NEXT;
            }
            CASE(UNPACK_SEQUENCE) {
                obj_t *v = RB;
                uint32_t a = A, n = C;
                if (OBJ_IS_TYPE(v, &tuple_type) && TUPLE_SIZE(v) == n) {
                    for (uint32_t i = 0; i < n; i++) {
                        obj_t *x = TUPLE_GET(v, i);
                        INCREF(x);
                        SETREF(R[a + i], x);
                    }
                    NEXT;
                }
                if (OBJ_IS_TYPE(v, &list_type) && list_size(v) == (ssize_t)n) {
                    uint32_t i = 0;
                    for (; i < n; i++) {
                        obj_t *x = list_get(v, i);
                        if (!x)
                            break;
                        SETREF(R[a + i], x);
                    }
                    if (i == n)
                        NEXT;
                    err_clear(); // shrank concurrently: take the general path
                }
                if (unpack(v, (int)n, -1, &R[a]) < 0)
                    goto error;
                NEXT;
            }
            CASE(UNPACK_EX) {
                uint32_t a = A, b = B, c = C;
                uint32_t after = *pc++;
                if (unpack(R[b], (int)c, (int)after, &R[a]) < 0) {
                    pc--;
                    goto error;
                }
                NEXT;
            }

            CASE(RAISE) {
                uint32_t c = C;
                if (c == 0) {
                    obj_t *e = ts->exc_info;
                    if (!e || e == None) {
                        err_set_str(exc_RuntimeError, "No active exception to reraise");
                        goto error;
                    }
                    err_set_object(e);
                    goto unwind;
                }
                if (do_raise(ts, RA, c == 2 ? RB : NULL) < 0)
                    goto error;
                goto error;
            }
            CASE(RERAISE) {
                uint32_t a = A;
                obj_t *e = R[a];
                R[a] = NULL;
                err_restore(e);
                goto unwind;
            }
            CASE(PUSH_EXC_INFO) {
                uint32_t a = A;
                obj_t *cur = ts->exc_info;
                ts->exc_info = NULL;
                SETREF(R[a], cur);
                obj_t *e = RB;
                XINCREF(e);
                ts->exc_info = e;
                NEXT;
            }
            CASE(POP_EXCEPT) {
                uint32_t a = A;
                obj_t *old = ts->exc_info;
                ts->exc_info = R[a];
                R[a] = NULL;
                XDECREF(old);
                NEXT;
            }
            CASE(BEFORE_WITH) {
                uint32_t a = A;
                obj_t *ex, *en;
                if (before_with(RB, &ex, &en) < 0)
                    goto error;
                SETREF(R[a], ex);
                SETREF(R[a + 1], en);
                NEXT;
            }
            CASE(WITH_EXCEPT) {
                obj_t *e = RC;
                obj_t *tb = exc_get_traceback(e);
                obj_t *args[3] = {(obj_t *)TYPE(e), e, tb ? tb : None};
                obj_t *r = obj_call(RB, args, 3, NULL);
                if (!r)
                    goto error;
                SET_A(r);
                NEXT;
            }
            CASE(LOAD_ASSERTION_ERROR) {
                SET_A((obj_t *)exc_AssertionError);
                NEXT;
            }

            CASE(YIELD) {
                obj_t *v = RB;
                INCREF(v);
                frame->resume_reg = A;
                frame->pc = pc;
                *yielded = 1;
                ts->frame = frame->prev;
                ts->py_depth--;
                return v;
            }
            CASE(GET_YIELD_FROM_ITER) {
                obj_t *it = get_yield_from_iter(RB);
                if (!it)
                    goto error;
                SET_A(it);
                NEXT;
            }
            CASE(YIELD_FROM) {
                yf_a = A;
                yf_b = B;
            yield_from_resume : {
                obj_t *out = NULL;
                frame->yf_active = 0;
                int st = yield_from_step(R[yf_b], R[yf_a], &out);
                if (st == GEN_RESULT_ERROR)
                    goto error;
                if (st == GEN_RESULT_RETURN) {
                    SETREF(R[yf_a], out);
                    NEXT;
                }
                frame->yf_active = 1;
                frame->yf_a = yf_a;
                frame->yf_b = yf_b;
                frame->pc = pc;
                *yielded = 1;
                ts->frame = frame->prev;
                ts->py_depth--;
                return out;
            }
            }

            CASE(IMPORT_NAME) {
                obj_t *info = K[C];
                obj_t *fromlist = TUPLE_GET(info, 1);
                frame->pc = pc;
                obj_t *m = import_name(N[B], frame->globals, fromlist == None ? NULL : fromlist,
                                       (int)SMALLINT_VALUE(TUPLE_GET(info, 0)));
                if (!m)
                    goto error;
                SET_A(m);
                NEXT;
            }
            CASE(IMPORT_FROM) {
                obj_t *v = import_from(RB, N[C]);
                if (!v)
                    goto error;
                SET_A(v);
                NEXT;
            }
            CASE(IMPORT_STAR) {
                if (import_star(RA, frame->locals ? frame->locals : frame->globals) < 0)
                    goto error;
                NEXT;
            }
            CASE(LOAD_BUILD_CLASS) {
                obj_t *v = load_build_class(frame);
                if (!v)
                    goto error;
                SET_A(v);
                NEXT;
            }
            CASE(SETUP_ANNOTATIONS) {
                if (setup_annotations(frame) < 0)
                    goto error;
                NEXT;
            }
            CASE(PRINT_EXPR) {
                if (print_expr(RA) < 0)
                    goto error;
                NEXT;
            }
        }
    }

    // ---- shared handler tails ------------------------------------------------------------------

arith_slow_path:
    if (bop == BINOP_ADD && INSN_A(insn) == INSN_B(insn) && STR_EXACT(lhs) &&
        str_concat_inplace(&R[INSN_A(insn)], rhs))
        NEXT;
    res = arith_slow(lhs, rhs, bop, inpl);
    if (!res)
        goto error;
    SET_A(res);
    NEXT;

compare_slow_path:
    res = compare_obj(lhs, rhs, cmpop);
    if (!res)
        goto error;
    SET_A(res);
    NEXT;

do_call: {
    uint32_t nkw = call_kw ? (uint32_t)TUPLE_SIZE(K[call_kw - 1]) : 0;
    obj_t *self_arg = NULL;
    obj_t *fnobj = callable;
    if (TYPE(callable) == &method_type && call_kw == 0) {
        // Bound method: call the function with self prepended (simple cases).
        obj_t *mf = ((method_t *)callable)->func;
        if (TYPE(mf) == &function_type) {
            code_t *cc = (code_t *)((func_t *)mf)->code;
            if (!(cc->flags & CO_GENERATOR) && cc->nparams == cc->argcount &&
                (uint32_t)cc->argcount == call_nargs + 1 && !(cc->flags & (CO_VARARGS |
                                                                           CO_VARKEYWORDS))) {
                self_arg = ((method_t *)callable)->self;
                fnobj = mf;
            }
        }
    }
    if (TYPE(fnobj) == &function_type) {
        func_t *fn = (func_t *)fnobj;
        code_t *cc = (code_t *)fn->code;
        if (!(cc->flags & CO_GENERATOR)) {
            if (PVM_UNLIKELY(ts->py_depth >=
                             atomic_load_explicit(&pvm_recursion_limit, memory_order_relaxed))) {
                raise_recursion();
                goto error;
            }
            obj_t **top = ts->reg_top;
            if (PVM_UNLIKELY(top + FRAME_SLOTS + cc->nregs > ts->reg_limit)) {
                raise_recursion();
                goto error;
            }
            frame_t *nf = (frame_t *)top;
            obj_t **nr = top + FRAME_SLOTS;
            int nregs = cc->nregs;
            if (self_arg) {
                nr[0] = NEWREF(self_arg);
                for (uint32_t i = 0; i < call_nargs; i++) {
                    nr[i + 1] = argv[i];
                    argv[i] = NULL;
                }
                for (int i = (int)call_nargs + 1; i < nregs; i++)
                    nr[i] = NULL;
            } else if (call_kw == 0 && (uint32_t)cc->argcount == call_nargs &&
                       cc->nparams == cc->argcount) {
                for (uint32_t i = 0; i < call_nargs; i++) {
                    nr[i] = argv[i];
                    argv[i] = NULL;
                }
                for (int i = (int)call_nargs; i < nregs; i++)
                    nr[i] = NULL;
            } else {
                memset(nr, 0, nregs * sizeof(obj_t *));
                ts->reg_top = nr + nregs; // protect the window during binding
                if (eval_bind_args(fnobj, nr, argv, call_nargs - nkw,
                                   call_kw ? K[call_kw - 1] : NULL) < 0) {
                    eval_clear_regs(nr, nregs);
                    ts->reg_top = top;
                    goto error;
                }
            }
            ts->reg_top = nr + nregs;
            if (!(cc->flags & CO_NOFREE)) {
                if (eval_init_cells(fnobj, cc, nr) < 0) {
                    eval_clear_regs(nr, nregs);
                    ts->reg_top = top;
                    goto error;
                }
            }
            nf->prev = frame;
            nf->code = cc;
            nf->func = fnobj;
            nf->globals = fn->globals;
            nf->builtins = fn->builtins;
            nf->locals = NULL;
            nf->regs = nr;
            nf->ret_reg = call_a;
            nf->is_entry = 0;
            nf->on_heap = 0;
            nf->yf_active = 0;
            nf->started = 1;
            nf->gen = NULL;
            nf->pc = cc->insns;
            frame->pc = pc;
            ts->py_depth++;
            frame = nf;
            ts->frame = nf;
            LOAD_FRAME();
            CHECK_EVAL_BREAKER();
            NEXT;
        }
    }
    frame->pc = pc;
    obj_t *r = obj_call(callable, argv, call_nargs - nkw, call_kw ? K[call_kw - 1] : NULL);
    if (!r)
        goto error;
    SETREF(R[call_a], r);
    NEXT;
}

do_return: {
    frame_t *prev = frame->prev;
    eval_clear_regs(R, co->nregs);
    ts->py_depth--;
    ts->frame = prev;
    if (!frame->on_heap)
        ts->reg_top = (obj_t **)frame;
    if (frame->is_entry)
        return res;
    uint32_t ret = frame->ret_reg;
    frame = prev;
    LOAD_FRAME();
    SETREF(R[ret], res);
    NEXT;
}

error: {
    obj_t *exc = ts->exc;
    size_t lasti = pc > co->insns ? (size_t)(pc - 1 - co->insns) : 0;
    if (exc) {
        int line, end_line, col, end_col;
        code_addr2loc(co, lasti, &line, &end_line, &col, &end_col);
        if (traceback_add_pos(exc, (obj_t *)co, line, end_line, col, end_col) < 0) {
            // Keep the original exception; drop the allocation failure.
        }
        exc = ts->exc;
        if (exc)
            eval_set_context(ts, exc);
    } else {
        err_set_str(exc_SystemError, "error return without exception set");
    }
}
unwind: {
    size_t lasti = pc > co->insns ? (size_t)(pc - 1 - co->insns) : 0;
    for (size_t i = 0; i < co->nexc; i++) {
        exc_entry_t *e = &co->exctable[i];
        if (lasti >= e->start && lasti < e->end) {
            obj_t *exc = err_fetch();
            SETREF(R[e->depth], exc);
            pc = co->insns + e->handler;
            NEXT;
        }
    }
    // No handler here: leave the frame.
    frame_t *prev = frame->prev;
    eval_clear_regs(R, co->nregs);
    ts->py_depth--;
    ts->frame = prev;
    if (!frame->on_heap)
        ts->reg_top = (obj_t **)frame;
    if (frame->is_entry)
        return NULL;
    frame = prev;
    LOAD_FRAME();
    goto error;
}
}

// ---- entry points ------------------------------------------------------------------------------------

PVM_WUR obj_t *eval_run_entry(thread_t *ts, frame_t *f) {
    int y;
    return eval_frame(ts, f, NULL, &y);
}
