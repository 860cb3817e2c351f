/*
 * core/builtins.c — the `builtins` module: the builtin functions (print,
 * len, sorted, min/max, sum, iter/next, getattr family, open, exec/eval ...)
 * and the names of the builtin types and constants.
 *
 * The functions with the most code (numbers, introspection, exec/eval/
 * compile, open/input) live in core/builtins_funcs.c; this file holds the
 * rest and the module table.  Every builtin is a cfunction_t whose `self` is
 * the builtins module; all take the common calling convention (args, nargs,
 * kwnames) and parse with args_parse / args_check so TypeError texts match
 * CPython 3.11.  The exception types are added by the runtime
 * (exceptions_add_to_builtins).
 *
 * Thread safety: builtins hold no state of their own.  print() on a file
 * object builds the whole line first and writes it with one
 * file_write_utf8 call (inside the file's critical section), so lines
 * printed by concurrent threads never interleave.
 */
#include <string.h>

#include "../gc/credit.h"
#include "../objects/bytearray.h"
#include "../objects/bytes.h"
#include "../objects/complex.h"
#include "../objects/memoryview.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/file.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/range.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/gen.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "builtins_internal.h"
#include "error.h"
#include "eval.h"
#include "import.h"
#include "runtime.h"
#include "sysmodule.h"

// ---- print --------------------------------------------------------------------------

static int check_sep_end(obj_t *v, const char *what) {
    if (v == NULL || v == None || STR_CHECK(v)) return 0;
    err_format(exc_TypeError, "%s must be None or a string, not %T", what, v);
    return -1;
}

// Writes one str through file.write (the generic path).
static int write_via_method(obj_t *write, obj_t *s) {
    obj_t *r = obj_call1(write, s);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static int write_cstr_via_method(obj_t *write, const char *s) {
    obj_t *o = str_from_cstr(s);
    if (o == NULL) return -1;
    int rc = write_via_method(write, o);
    DECREF(o);
    return rc;
}

static obj_t *builtin_print(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"sep", "end", "file", "flush", NULL};
    obj_t *kw[4] = {NULL, NULL, NULL, NULL};
    if (kwnames != NULL && TUPLE_SIZE(kwnames) > 0 &&
        args_parse("print", args + nargs, 0, kwnames, names, 0, kw) < 0)
        return NULL;
    obj_t *sep = kw[0], *end = kw[1], *file = kw[2], *flush = kw[3];
    obj_t *owned_file = NULL;
    if (file == NULL || file == None) {
        owned_file = sysmodule_get("stdout");
        if (owned_file == NULL) {
            err_set_str(exc_RuntimeError, "lost sys.stdout");
            return NULL;
        }
        if (owned_file == None) {
            DECREF(owned_file);
            return NEWREF(None);
        }
        file = owned_file;
    }
    if (check_sep_end(sep, "sep") < 0 || check_sep_end(end, "end") < 0) goto error;
    if (sep == None) sep = NULL;
    if (end == None) end = NULL;

    if (TYPE(file) == &file_type && !((file_t *)file)->binary) {
        // Fast path: build the whole text, write it at once.
        str_builder_t b;
        str_builder_init(&b);
        for (size_t i = 0; i < nargs; i++) {
            if (i > 0) {
                if (sep)
                    str_builder_add_str(&b, sep);
                else
                    str_builder_add_char(&b, ' ');
            }
            obj_t *a = args[i];
            if (STR_EXACT(a)) {
                str_builder_add_str(&b, a);
            } else {
                obj_t *s = obj_str(a);
                if (s == NULL) {
                    // CPython has written the earlier pieces already.
                    obj_t *exc = err_fetch();
                    if (!b.failed && b.len > 0 && file_write_utf8(file, b.buf, b.len) < 0)
                        err_clear();
                    err_restore(exc);
                    str_builder_discard(&b);
                    goto error;
                }
                str_builder_add_str(&b, s);
                DECREF(s);
            }
        }
        if (end)
            str_builder_add_str(&b, end);
        else
            str_builder_add_char(&b, '\n');
        if (b.failed) {
            str_builder_discard(&b);
            err_no_memory();
            goto error;
        }
        int rc = b.len > 0 ? file_write_utf8(file, b.buf, b.len) : 0;
        str_builder_discard(&b);
        if (rc < 0) goto error;
        if (flush && flush != False) {
            int t = obj_is_true(flush);
            if (t < 0 || (t && file_flush(file) < 0)) goto error;
        }
    } else {
        obj_t *write = obj_getattr_str(file, "write");
        if (write == NULL) goto error;
        for (size_t i = 0; i < nargs; i++) {
            if (i > 0) {
                int rc = sep ? write_via_method(write, sep) : write_cstr_via_method(write, " ");
                if (rc < 0) {
                    DECREF(write);
                    goto error;
                }
            }
            obj_t *s = obj_str(args[i]);
            if (s == NULL || write_via_method(write, s) < 0) {
                XDECREF(s);
                DECREF(write);
                goto error;
            }
            DECREF(s);
        }
        int rc = end ? write_via_method(write, end) : write_cstr_via_method(write, "\n");
        DECREF(write);
        if (rc < 0) goto error;
        if (flush && flush != False) {
            int t = obj_is_true(flush);
            if (t < 0) goto error;
            if (t) {
                obj_t *r = obj_call_method(file, "flush", NULL, 0);
                if (r == NULL) goto error;
                DECREF(r);
            }
        }
    }
    XDECREF(owned_file);
    return NEWREF(None);
error:
    XDECREF(owned_file);
    return NULL;
}

// ---- len, sorted, min/max, sum, any/all ----------------------------------------------

static obj_t *builtin_len(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("len", nargs, kwnames, 1, 1) < 0) return NULL;
    ssize_t n = obj_len(args[0]);
    if (n < 0) return NULL;
    return int_from_i64(n);
}

static obj_t *builtin_sorted(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs != 1) {
        err_format(exc_TypeError, "sorted expected 1 argument, got %zu", nargs);
        return NULL;
    }
    obj_t *key = NULL, *reverse = NULL;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        obj_t *n = TUPLE_GET(kwnames, k);
        if (str_eq_cstr(n, "key"))
            key = args[nargs + k];
        else if (str_eq_cstr(n, "reverse"))
            reverse = args[nargs + k];
        else {
            err_format(exc_TypeError, "'%U' is an invalid keyword argument for sort()", n);
            return NULL;
        }
    }
    bool rev = false;
    if (reverse) {
        int t = obj_is_true(reverse);
        if (t < 0) return NULL;
        rev = t;
    }
    obj_t *list = list_from_iterable(args[0]);
    if (list == NULL) return NULL;
    if (list_sort(list, key == None ? NULL : key, rev) < 0) {
        DECREF(list);
        return NULL;
    }
    return list;
}

static obj_t *min_max(const char *name, obj_t *const *args, size_t nargs, obj_t *kwnames, int op) {
    obj_t *key = NULL, *dflt = NULL;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (nargs == 0) {
        err_format(exc_TypeError, "%s expected at least 1 argument, got 0", name);
        return NULL;
    }
    if (nkw > 2) {
        err_format(exc_TypeError, "%s() takes at most 2 keyword arguments (%zu given)", name, nkw);
        return NULL;
    }
    for (size_t k = 0; k < nkw; k++) {
        obj_t *n = TUPLE_GET(kwnames, k);
        if (str_eq_cstr(n, "key"))
            key = args[nargs + k];
        else if (str_eq_cstr(n, "default"))
            dflt = args[nargs + k];
        else {
            err_format(exc_TypeError, "'%U' is an invalid keyword argument for %s()", n, name);
            return NULL;
        }
    }
    if (nargs > 1 && dflt) {
        err_format(exc_TypeError,
                   "Cannot specify a default for %s() with multiple positional arguments", name);
        return NULL;
    }
    if (key == None) key = NULL;
    obj_t *it = NULL;
    size_t idx = 0;
    if (nargs == 1) {
        it = obj_iter(args[0]);
        if (it == NULL) return NULL;
    }
    obj_t *best = NULL, *bestkey = NULL;
    for (;;) {
        obj_t *item;
        if (it) {
            item = obj_iternext_transient(it); // claimed if it is the result
            if (item == NULL) {
                if (err_occurred()) goto error;
                break;
            }
        } else {
            if (idx >= nargs) break;
            item = NEWREF(args[idx++]);
        }
        obj_t *k;
        if (key) {
            k = obj_call1(key, item);
        } else {
            INCREF_MOVE(item); // a copy of our reference, dropped before returning
            k = item;
        }
        if (k == NULL) {
            DECREF(item);
            goto error;
        }
        if (best == NULL) {
            best = item;
            bestkey = k;
            continue;
        }
        int c = obj_richcompare_bool(k, bestkey, op);
        if (c < 0) {
            DECREF(item);
            DECREF(k);
            goto error;
        }
        if (c) {
            SETREF(best, item);
            SETREF(bestkey, k);
        } else {
            DECREF(item);
            DECREF(k);
        }
    }
    XDECREF(it);
    XDECREF(bestkey);
    if (best == NULL) {
        if (dflt) return NEWREF(dflt);
        err_format(exc_ValueError, "%s() arg is an empty sequence", name);
        return NULL;
    }
    credit_claim(best); // C callers may store the result
    return best;
error:
    XDECREF(it);
    XDECREF(best);
    XDECREF(bestkey);
    return NULL;
}

static obj_t *builtin_min(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return min_max("min", args, nargs, kwnames, CMP_LT_OP);
}

static obj_t *builtin_max(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return min_max("max", args, nargs, kwnames, CMP_GT_OP);
}

static obj_t *builtin_sum(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"/iterable", "start", NULL};
    obj_t *out[2];
    if (nargs == 0) {
        err_set_str(exc_TypeError, "sum() takes at least 1 positional argument (0 given)");
        return NULL;
    }
    if (args_parse("sum", args, nargs, kwnames, names, 1, out) < 0) return NULL;
    obj_t *start = out[1];
    if (start != NULL) {
        if (STR_CHECK(start)) {
            err_set_str(exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
            return NULL;
        }
        if (BYTES_CHECK(start)) {
            err_set_str(exc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
            return NULL;
        }
        if (BYTEARRAY_CHECK(start)) {
            err_set_str(exc_TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]");
            return NULL;
        }
    }
    obj_t *it = obj_iter(out[0]);
    if (it == NULL) return NULL;
    obj_t *result = start ? NEWREF(start) : SMALLINT_FROM(0);
    // Float accumulation: while `in_float`, the running total is `facc`
    // (result is stale) and items are exact floats or small ints.
    bool in_float = false;
    double facc = 0.0;
    for (;;) {
        obj_t *item = obj_iternext_transient(it); // every path drops it
        if (item == NULL) {
            if (err_occurred()) goto error;
            break;
        }
        if (IS_SMALLINT(result) && IS_SMALLINT(item) && !in_float) {
            int64_t s = SMALLINT_VALUE(result) + SMALLINT_VALUE(item);
            if (SMALLINT_FITS(s)) {
                result = SMALLINT_FROM(s);
                continue;
            }
        }
        if (!in_float && FLOAT_EXACT(result) && (FLOAT_EXACT(item) || IS_SMALLINT(item))) {
            in_float = true;
            facc = float_value(result);
        }
        if (in_float) {
            if (FLOAT_EXACT(item)) {
                facc += float_value(item);
                DECREF(item);
                continue;
            }
            if (IS_SMALLINT(item)) {
                facc += (double)SMALLINT_VALUE(item);
                continue;
            }
            obj_t *f = float_from_double(facc);
            if (f == NULL) {
                DECREF(item);
                goto error;
            }
            SETREF(result, f);
            in_float = false;
        }
        obj_t *r = obj_binop(result, item, BINOP_ADD);
        DECREF(item);
        if (r == NULL) goto error;
        SETREF(result, r);
    }
    if (in_float) {
        obj_t *f = float_from_double(facc);
        if (f == NULL) goto error;
        SETREF(result, f);
    }
    DECREF(it);
    return result;
error:
    DECREF(it);
    DECREF(result);
    return NULL;
}

static obj_t *any_all(const char *name, obj_t *const *args, size_t nargs, obj_t *kwnames,
                      bool want) {
    if (args_check(name, nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *it = obj_iter(args[0]);
    if (it == NULL) return NULL;
    for (;;) {
        obj_t *item = obj_iternext(it);
        if (item == NULL) {
            DECREF(it);
            if (err_occurred()) return NULL;
            return bool_from(!want);
        }
        int t = obj_is_true(item);
        DECREF(item);
        if (t < 0) {
            DECREF(it);
            return NULL;
        }
        if ((bool)t == want) {
            DECREF(it);
            return bool_from(want);
        }
    }
}

static obj_t *builtin_any(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return any_all("any", args, nargs, kwnames, true);
}

static obj_t *builtin_all(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return any_all("all", args, nargs, kwnames, false);
}

// ---- isinstance, repr, hash, id, iter/next ------------------------------------------

static obj_t *builtin_isinstance(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("isinstance", nargs, kwnames, 2, 2) < 0) return NULL;
    int r = obj_is_instance(args[0], args[1]);
    if (r < 0) return NULL;
    return bool_from(r);
}

static obj_t *builtin_issubclass(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("issubclass", nargs, kwnames, 2, 2) < 0) return NULL;
    int r = obj_is_subclass(args[0], args[1]);
    if (r < 0) return NULL;
    return bool_from(r);
}

static obj_t *builtin_repr(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("repr", nargs, kwnames, 1, 1) < 0) return NULL;
    return obj_repr(args[0]);
}

static obj_t *builtin_ascii(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("ascii", nargs, kwnames, 1, 1) < 0) return NULL;
    return obj_ascii(args[0]);
}

static obj_t *builtin_hash(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("hash", nargs, kwnames, 1, 1) < 0) return NULL;
    hash_t h = obj_hash(args[0]);
    if (h == -1) return NULL;
    return int_from_i64(h);
}

static obj_t *builtin_id(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("id", nargs, kwnames, 1, 1) < 0) return NULL;
    // Tagged ints have no address: their word (odd, so it never collides
    // with an object address) serves as the identity.
    return int_from_u64((uint64_t)(uintptr_t)args[0]);
}

static obj_t *builtin_iter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("iter", nargs, kwnames, 1, 2) < 0) return NULL;
    if (nargs == 1) return obj_iter(args[0]);
    if (!obj_is_callable(args[0])) {
        err_set_str(exc_TypeError, "iter(v, w): v must be callable");
        return NULL;
    }
    return calliter_new(args[0], args[1]);
}

static obj_t *builtin_next(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("next", nargs, kwnames, 1, 2) < 0) return NULL;
    obj_t *it = args[0];
    if (TYPE(it)->iternext == NULL) {
        err_format(exc_TypeError, "'%s' object is not an iterator", obj_type_name(it));
        return NULL;
    }
    obj_t *item;
    if (GEN_CHECK(it)) {
        // A generator's return value travels in StopIteration.value.
        int kind = gen_send_ex(it, NULL, NULL, &item);
        if (kind == GEN_RESULT_YIELD) return item;
        if (kind == GEN_RESULT_RETURN) {
            if (nargs == 2) {
                DECREF(item);
                return NEWREF(args[1]);
            }
            if (item == None)
                err_set(exc_StopIteration, NULL);
            else {
                obj_t *t = tuple_pack(1, item);
                if (t) {
                    err_set(exc_StopIteration, t);
                    DECREF(t);
                }
            }
            DECREF(item);
            return NULL;
        }
        item = NULL;
    } else {
        item = obj_iternext_raw(it); // StopIteration(value) reaches the caller
    }
    if (item != NULL) return item;
    if (err_occurred()) {
        if (nargs == 2 && err_matches(exc_StopIteration)) {
            err_clear();
            return NEWREF(args[1]);
        }
        return NULL;
    }
    if (nargs == 2) return NEWREF(args[1]);
    err_set(exc_StopIteration, NULL);
    return NULL;
}

// ---- chr, ord, hex/oct/bin, abs, divmod, pow ------------------------------------

static obj_t *builtin_chr(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("chr", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *i = obj_index(args[0]);
    if (i == NULL) return NULL;
    int64_t v;
    int rc = int_as_i64(i, &v);
    DECREF(i);
    if (rc < 0 || v > INT32_MAX || v < INT32_MIN) {
        if (rc == 0 || err_matches(exc_OverflowError)) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        }
        return NULL;
    }
    if (v < 0 || v > 0x10FFFF) {
        err_set_str(exc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    return str_from_codepoint((uint32_t)v);
}

static obj_t *builtin_ord(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("ord", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *c = args[0];
    size_t n;
    if (STR_CHECK(c)) {
        n = str_len(c);
        if (n == 1) return SMALLINT_FROM(str_char_at(c, 0));
    } else if (BYTES_CHECK(c)) {
        n = bytes_len(c);
        if (n == 1) return SMALLINT_FROM(bytes_data(c)[0]);
    } else if (BYTEARRAY_CHECK(c)) {
        obj_t *b = bytearray_snapshot(c);
        if (!b) return NULL;
        n = bytes_len(b);
        int ch = n == 1 ? bytes_data(b)[0] : -1;
        DECREF(b);
        if (ch >= 0) return SMALLINT_FROM(ch);
    } else {
        err_format(exc_TypeError, "ord() expected string of length 1, but %T found", c);
        return NULL;
    }
    err_format(exc_TypeError, "ord() expected a character, but string of length %zu found", n);
    return NULL;
}

static obj_t *to_base(const char *name, obj_t *const *args, size_t nargs, obj_t *kwnames,
                      int base) {
    if (args_check(name, nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *i = obj_index(args[0]);
    if (i == NULL) return NULL;
    obj_t *r = int_to_base_str(i, base);
    DECREF(i);
    return r;
}

static obj_t *builtin_hex(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return to_base("hex", args, nargs, kwnames, 16);
}
static obj_t *builtin_oct(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return to_base("oct", args, nargs, kwnames, 8);
}
static obj_t *builtin_bin(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return to_base("bin", args, nargs, kwnames, 2);
}

static obj_t *builtin_abs(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("abs", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *v = args[0];
    if (IS_SMALLINT(v)) {
        int64_t x = SMALLINT_VALUE(v);
        return int_from_i64(x < 0 ? -x : x);
    }
    unaryfunc f = TYPE(v)->nb_abs;
    if (f == NULL) {
        err_format(exc_TypeError, "bad operand type for abs(): '%s'", obj_type_name(v));
        return NULL;
    }
    return f(v);
}

static obj_t *builtin_divmod(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("divmod", nargs, kwnames, 2, 2) < 0) return NULL;
    return obj_divmod(args[0], args[1]);
}

static obj_t *builtin_pow(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"base", "exp", "mod", NULL};
    obj_t *out[3];
    if (args_parse("pow", args, nargs, kwnames, names, 2, out) < 0) return NULL;
    if (out[2] == NULL || out[2] == None) return obj_binop(out[0], out[1], BINOP_POW);
    return obj_pow3(out[0], out[1], out[2]);
}

// ---- attributes ------------------------------------------------------------------

static int check_attr_name(obj_t *name) {
    if (STR_CHECK(name)) return 0;
    err_format(exc_TypeError, "attribute name must be string, not '%s'", obj_type_name(name));
    return -1;
}

static obj_t *builtin_getattr(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getattr", nargs, kwnames, 2, 3) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    if (nargs == 2) return obj_getattr(args[0], args[1]);
    obj_t *r = obj_lookup_attr(args[0], args[1]);
    if (r == NULL && !err_occurred()) return NEWREF(args[2]);
    return r;
}

static obj_t *builtin_setattr(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("setattr", nargs, kwnames, 3, 3) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    if (obj_setattr(args[0], args[1], args[2]) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *builtin_delattr(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("delattr", nargs, kwnames, 2, 2) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    if (obj_setattr(args[0], args[1], NULL) < 0) return NULL;
    return NEWREF(None);
}

static obj_t *builtin_hasattr(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("hasattr", nargs, kwnames, 2, 2) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    obj_t *r = obj_lookup_attr(args[0], args[1]);
    if (r == NULL) return err_occurred() ? NULL : NEWREF(False);
    DECREF(r);
    return NEWREF(True);
}

static obj_t *builtin_callable(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("callable", nargs, kwnames, 1, 1) < 0) return NULL;
    return bool_from(obj_is_callable(args[0]));
}

static obj_t *builtin_vars(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("vars", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs == 0) return builtins_current_locals();
    obj_t *d = obj_lookup_attr(args[0], str_intern("__dict__"));
    if (d == NULL && !err_occurred())
        err_set_str(exc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

static obj_t *builtin_dir(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("dir", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs == 1) return obj_dir(args[0]);
    obj_t *locals = builtins_current_locals();
    if (locals == NULL) return NULL;
    obj_t *keys;
    if (DICT_CHECK(locals)) {
        keys = dict_keys_list(locals);
    } else {
        keys = list_from_iterable(locals);
    }
    DECREF(locals);
    if (keys == NULL) return NULL;
    if (list_sort(keys, NULL, false) < 0) {
        DECREF(keys);
        return NULL;
    }
    return keys;
}

// ---- globals/locals, __import__, exit ------------------------------------------

obj_t *builtins_current_globals(void) {
    obj_t *g = eval_current_globals();
    if (g == NULL) g = module_dict(pvm_rt.main_module);
    return g;
}

obj_t *builtins_current_locals(void) {
    obj_t *l = eval_current_locals();
    if (l == NULL && !err_occurred()) return NEWREF(module_dict(pvm_rt.main_module));
    return l;
}

static obj_t *builtin_globals(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("globals", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(builtins_current_globals());
}

static obj_t *builtin_locals(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("locals", nargs, kwnames, 0, 0) < 0) return NULL;
    return builtins_current_locals();
}

static obj_t *builtin_import(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level", NULL};
    obj_t *out[5];
    if (args_parse("__import__", args, nargs, kwnames, names, 1, out) < 0) return NULL;
    if (!STR_CHECK(out[0])) {
        err_set_str(exc_TypeError, "module name must be a string");
        return NULL;
    }
    int level = 0;
    if (out[4] != NULL) {
        ssize_t l = obj_as_ssize(out[4]);
        if (l == -1 && err_occurred()) return NULL;
        if (l < 0) {
            err_set_str(exc_ValueError, "level must be >= 0");
            return NULL;
        }
        level = (int)l;
    }
    obj_t *globals = out[1] == None ? NULL : out[1];
    obj_t *fromlist = out[3] == None ? NULL : out[3];
    return import_name(out[0], globals, fromlist, level);
}

bool builtins_is_import(obj_t *f) {
    return TYPE(f) == &cfunction_type && ((cfunction_t *)f)->def->fn == builtin_import;
}

static obj_t *builtin_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("exit", nargs, kwnames, 0, 1) < 0) return NULL;
    obj_t *t = tuple_pack(1, nargs ? args[0] : None);
    if (t == NULL) return NULL;
    err_set(exc_SystemExit, t);
    DECREF(t);
    return NULL;
}

// ---- the module -----------------------------------------------------------------

static const method_def_t builtin_methods[] = {
    {"__build_class__", eval_build_class, 0, NULL},
    {"__import__", builtin_import, 0, NULL},
    {"abs", builtin_abs, 0, NULL},
    {"aiter", builtin_aiter, 0, NULL},
    {"all", builtin_all, 0, NULL},
    {"anext", builtin_anext, 0, NULL},
    {"any", builtin_any, 0, NULL},
    {"ascii", builtin_ascii, 0, NULL},
    {"bin", builtin_bin, 0, NULL},
    {"breakpoint", builtin_breakpoint, 0, NULL},
    {"callable", builtin_callable, 0, NULL},
    {"chr", builtin_chr, 0, NULL},
    {"compile", builtins_compile, 0, NULL},
    {"delattr", builtin_delattr, 0, NULL},
    {"dir", builtin_dir, 0, NULL},
    {"divmod", builtin_divmod, 0, NULL},
    {"eval", builtins_eval, 0, NULL},
    {"exec", builtins_exec, 0, NULL},
    {"exit", builtin_exit, 0, NULL},
    {"format", builtins_format, 0, NULL},
    {"getattr", builtin_getattr, 0, NULL},
    {"globals", builtin_globals, 0, NULL},
    {"hasattr", builtin_hasattr, 0, NULL},
    {"hash", builtin_hash, 0, NULL},
    {"hex", builtin_hex, 0, NULL},
    {"id", builtin_id, 0, NULL},
    {"input", builtins_input, 0, NULL},
    {"isinstance", builtin_isinstance, 0, NULL},
    {"issubclass", builtin_issubclass, 0, NULL},
    {"iter", builtin_iter, 0, NULL},
    {"len", builtin_len, 0, NULL},
    {"locals", builtin_locals, 0, NULL},
    {"max", builtin_max, 0, NULL},
    {"min", builtin_min, 0, NULL},
    {"next", builtin_next, 0, NULL},
    {"oct", builtin_oct, 0, NULL},
    {"open", io_builtin_open, 0, NULL},
    {"ord", builtin_ord, 0, NULL},
    {"pow", builtin_pow, 0, NULL},
    {"print", builtin_print, 0, NULL},
    {"quit", builtin_exit, 0, NULL},
    {"repr", builtin_repr, 0, NULL},
    {"round", builtins_round, 0, NULL},
    {"setattr", builtin_setattr, 0, NULL},
    {"sorted", builtin_sorted, 0, NULL},
    {"sum", builtin_sum, 0, NULL},
    {"vars", builtin_vars, 0, NULL},
    {NULL, NULL, 0, NULL},
};

obj_t *builtins_module_init(void) {
    obj_t *m = module_new("builtins");
    if (m == NULL) return NULL;
    if (module_add_functions(m, builtin_methods) < 0) goto error;
    obj_t *d = module_dict(m);
    static const struct {
        const char *name;
        type_t *type;
    } types[] = {
        {"object", &object_type},
        {"type", &type_type},
        {"int", &int_type},
        {"bool", &bool_type},
        {"float", &float_type},
        {"complex", &complex_type},
        {"str", &str_type},
        {"bytes", &bytes_type},
        {"bytearray", &bytearray_type},
        {"memoryview", &memoryview_type},
        {"tuple", &tuple_type},
        {"list", &list_type},
        {"dict", &dict_type},
        {"set", &set_type},
        {"frozenset", &frozenset_type},
        {"range", &range_type},
        {"slice", &slice_type},
        {"enumerate", &enumerate_type},
        {"zip", &zip_type},
        {"map", &map_type},
        {"filter", &filter_type},
        {"reversed", &reversed_type},
        {"property", &property_type},
        {"staticmethod", &staticmethod_type},
        {"classmethod", &classmethod_type},
        {"super", &super_type},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (dict_set_str(d, types[i].name, (obj_t *)types[i].type) < 0) goto error;
    if (dict_set_str(d, "None", None) < 0 || dict_set_str(d, "True", True) < 0 ||
        dict_set_str(d, "False", False) < 0 || dict_set_str(d, "Ellipsis", Ellipsis) < 0 ||
        dict_set_str(d, "NotImplemented", NotImplemented) < 0 ||
        dict_set_str(d, "__debug__", True) < 0)
        goto error;
    return m;
error:
    DECREF(m);
    return NULL;
}
