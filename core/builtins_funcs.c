/*
 * core/builtins_funcs.c — the larger builtins: round, format, exec/eval/
 * compile, open and input.  Registered by core/builtins.c.
 *
 * exec/eval default to the caller's globals and locals
 * (eval_current_globals / eval_current_locals); when no Python frame runs
 * they use __main__'s dict.  A globals dict without "__builtins__" gets the
 * builtins module inserted, as CPython does.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../objects/bytes.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/file.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "builtins_internal.h"
#include "error.h"
#include "eval.h"
#include "runtime.h"
#include "sysmodule.h"
#include "../modules/pyast.h"

// ---- round ------------------------------------------------------------------------

obj_t *builtins_round(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"number", "ndigits", NULL};
    obj_t *out[2];
    if (args_parse("round", args, nargs, kwnames, names, 1, out) < 0) return NULL;
    obj_t *number = out[0], *nd = out[1] == None ? NULL : out[1];
    type_t *tp = TYPE(number);
    obj_t *fn = type_lookup(tp, str_intern("__round__"));
    if (fn != NULL) {
        descrgetfunc get = TYPE(fn)->descr_get;
        obj_t *bound = get ? get(fn, number, (obj_t *)tp) : NEWREF(fn);
        if (bound == NULL) return NULL;
        obj_t *r = nd ? obj_call1(bound, nd) : obj_call0(bound);
        DECREF(bound);
        return r;
    }
    err_format(exc_TypeError, "type %s doesn't define __round__ method", tp->name);
    return NULL;
}

// ---- format -------------------------------------------------------------------------

obj_t *builtins_format(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("format", nargs, kwnames, 1, 2) < 0) return NULL;
    obj_t *spec = nargs == 2 ? args[1] : NULL;
    if (spec && !STR_CHECK(spec)) {
        err_format(exc_TypeError, "format() argument 2 must be str, not %T", spec);
        return NULL;
    }
    return obj_format(args[0], spec);
}

// ---- exec / eval / compile ------------------------------------------------------

// Source text of a str or bytes object; -1 (no exception) if it is neither.
static int source_text(obj_t *src, const char **text, size_t *n) {
    if (STR_CHECK(src)) {
        *text = str_data(src);
        *n = str_nbytes(src);
        return 0;
    }
    if (BYTES_CHECK(src)) {
        *text = (const char *)bytes_data(src);
        *n = bytes_len(src);
        return 0;
    }
    return -1;
}

static int check_null_bytes(const char *text, size_t n) {
    if (memchr(text, '\0', n) != NULL) {
        err_set_str(exc_ValueError, "source code string cannot contain null bytes");
        return -1;
    }
    return 0;
}

static obj_t *exec_or_eval(const char *fname, bool is_exec, obj_t *const *args, size_t nargs,
                           obj_t *kwnames) {
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (nkw > 0) {
        // exec() accepts closure=None (3.11); nothing else takes keywords.
        if (!is_exec || nkw > 1 || !str_eq_cstr(TUPLE_GET(kwnames, 0), "closure")) {
            if (is_exec)
                err_format(exc_TypeError, "'%U' is an invalid keyword argument for exec()",
                           TUPLE_GET(kwnames, nkw - 1));
            else
                err_set_str(exc_TypeError, "eval() takes no keyword arguments");
            return NULL;
        }
        if (args[nargs] != None) {
            err_set_str(exc_TypeError, "closure can only be used when source is a code object");
            return NULL;
        }
    }
    if (nargs < 1 || nargs > 3) {
        err_format(exc_TypeError, "%s expected %s, got %zu", fname,
                   nargs < 1 ? "at least 1 argument" : "at most 3 arguments", nargs);
        return NULL;
    }
    obj_t *src = args[0];
    obj_t *g = nargs > 1 && args[1] != None ? args[1] : NULL;
    obj_t *l = nargs > 2 && args[2] != None ? args[2] : NULL;
    if (g && !DICT_CHECK(g)) {
        if (is_exec)
            err_format(exc_TypeError, "exec() globals must be a dict, not %T", g);
        else if (TYPE(g)->getitem)
            err_set_str(exc_TypeError, "globals must be a real dict; try eval(expr, {}, mapping)");
        else
            err_set_str(exc_TypeError, "globals must be a dict");
        return NULL;
    }
    if (l && TYPE(l)->getitem == NULL) {
        if (is_exec)
            err_format(exc_TypeError, "locals must be a mapping or None, not %T", l);
        else
            err_set_str(exc_TypeError, "locals must be a mapping");
        return NULL;
    }
    const char *text = NULL;
    size_t n = 0;
    if (CODE_CHECK(src) && ((code_t *)src)->nfree > 0) {
        // pvm's exec() takes only closure=None, so no closure can match.
        if (is_exec)
            err_format(exc_TypeError, "code object requires a closure of exactly length %d",
                       ((code_t *)src)->nfree);
        else
            err_set_str(exc_TypeError,
                        "code object passed to eval() may not contain free variables");
        return NULL;
    }
    if (!CODE_CHECK(src)) {
        if (source_text(src, &text, &n) < 0) {
            err_format(exc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
            return NULL;
        }
        if (check_null_bytes(text, n) < 0) return NULL;
        if (!is_exec)
            while (n > 0 && (*text == ' ' || *text == '\t')) {
                text++;
                n--;
            }
    }
    obj_t *owned_l = NULL;
    if (g == NULL) {
        g = builtins_current_globals();
        if (l == NULL) {
            owned_l = builtins_current_locals();
            if (owned_l == NULL) return NULL;
            l = owned_l;
        }
    } else if (l == NULL) {
        l = g;
    }
    int has = dict_contains(g, str_intern("__builtins__"));
    if (has < 0 || (has == 0 && dict_set_str(g, "__builtins__", pvm_rt.builtins) < 0)) {
        XDECREF(owned_l);
        return NULL;
    }
    obj_t *result;
    if (text == NULL)
        result = eval_code(src, g, l);
    else {
        // A str is already decoded: no BOM dropped, no coding declaration (as CPython).
        obj_t *code = compile_source_ex(text, n, "<string>", is_exec ? "exec" : "eval",
                                        (STR_CHECK(src) ? COMPILE_FROM_STR : 0) |
                                            eval_inherited_compile_flags());
        result = code ? eval_code(code, g, l) : NULL;
        XDECREF(code);
    }
    XDECREF(owned_l);
    if (result == NULL) return NULL;
    if (is_exec) {
        DECREF(result);
        return NEWREF(None);
    }
    return result;
}

obj_t *builtins_exec(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return exec_or_eval("exec", true, args, nargs, kwnames);
}

obj_t *builtins_eval(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return exec_or_eval("eval", false, args, nargs, kwnames);
}

static obj_t *compile_impl(obj_t *const *args, size_t nargs, obj_t *kwnames);

// compile()'s filename may be an os.PathLike: its __fspath__() (str or
// bytes) is used, as CPython's PyUnicode_FSDecoder does.
obj_t *builtins_compile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    size_t total = nargs + (kwnames ? (size_t)TUPLE_SIZE(kwnames) : 0);
    ssize_t at = nargs > 1 ? 1 : -1;
    for (size_t k = 0; at < 0 && kwnames && k < (size_t)TUPLE_SIZE(kwnames); k++)
        if (str_eq_cstr(TUPLE_GET(kwnames, k), "filename")) at = (ssize_t)(nargs + k);
    obj_t *fn = at >= 0 ? args[at] : NULL;
    if (fn == NULL || STR_CHECK(fn) || BYTES_CHECK(fn) || IS_SMALLINT(fn) ||
        type_lookup(TYPE(fn), str_intern("__fspath__")) == NULL)
        return compile_impl(args, nargs, kwnames);
    obj_t *path = obj_call_method(fn, "__fspath__", NULL, 0);
    if (path == NULL) return NULL;
    if (!STR_CHECK(path) && !BYTES_CHECK(path)) {
        err_format(exc_TypeError, "expected %T.__fspath__() to return str or bytes, not %T", fn,
                   path);
        DECREF(path);
        return NULL;
    }
    obj_t **copy = malloc(total * sizeof *copy);
    if (copy == NULL) {
        DECREF(path);
        return err_no_memory();
    }
    memcpy(copy, args, total * sizeof *copy);
    copy[at] = path;
    obj_t *r = compile_impl(copy, nargs, kwnames);
    free(copy);
    DECREF(path);
    return r;
}

static obj_t *compile_impl(obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {
        "source",   "filename",          "mode", "flags", "dont_inherit",
        "optimize", "$_feature_version", NULL};
    obj_t *out[7];
    if (args_parse("compile", args, nargs, kwnames, names, 3, out) < 0) return NULL;
    const char *text, *filename;
    size_t n, fnlen;
    int is_ast = 0;
    if (source_text(out[0], &text, &n) < 0) {
        is_ast = pyast_check(out[0]);
        if (is_ast < 0) return NULL;
        if (!is_ast) {
            err_set_str(exc_TypeError, "compile() arg 1 must be a string, bytes or AST object");
            return NULL;
        }
    }
    if (source_text(out[1], &filename, &fnlen) < 0) {
        err_format(exc_TypeError,
                   "compile() argument 'filename' must be str, bytes or os.PathLike, not %T",
                   out[1]);
        return NULL;
    }
    if (!STR_CHECK(out[2])) {
        err_format(exc_TypeError, "compile() argument 'mode' must be str, not %T", out[2]);
        return NULL;
    }
    const char *mode = str_data(out[2]);
    if (strcmp(mode, "exec") != 0 && strcmp(mode, "eval") != 0 && strcmp(mode, "single") != 0) {
        err_set_str(exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
        return NULL;
    }
    int future = 0; // COMPILE_FUTURE_ANNOTATIONS from flags or inherited
    int dont_inherit = out[4] ? obj_is_true(out[4]) : 0;
    if (dont_inherit < 0) return NULL;
    if (!dont_inherit) future = eval_inherited_compile_flags();
    if (out[3] != NULL) {
        ssize_t flags = obj_as_ssize(out[3]);
        if (flags == -1 && err_occurred()) return NULL;
        if (flags & 0x1000000) future = COMPILE_FUTURE_ANNOTATIONS; // CO_FUTURE_ANNOTATIONS
        if (flags & PYCF_ONLY_AST) {
            if (is_ast) return NEWREF(out[0]);
            if (check_null_bytes(text, n) < 0) return NULL;
            return pyast_parse(text, n, filename, mode, STR_CHECK(out[0]) ? COMPILE_FROM_STR : 0);
        }
    }
    if (is_ast) return pyast_compile(out[0], filename, mode);
    if (check_null_bytes(text, n) < 0) return NULL;
    return compile_source_ex(text, n, filename, mode,
                             (STR_CHECK(out[0]) ? COMPILE_FROM_STR : 0) | future);
}

// ---- input -------------------------------------------------------------------------

static int write_text(obj_t *file, obj_t *s) {
    if (TYPE(file) == &file_type && !((file_t *)file)->binary)
        return str_nbytes(s) ? file_write_utf8(file, str_data(s), str_nbytes(s)) : 0;
    obj_t *r = obj_call_method(file, "write", &s, 1);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static int flush_file(obj_t *file) {
    if (TYPE(file) == &file_type) return file_flush(file);
    obj_t *r = obj_call_method(file, "flush", NULL, 0);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static obj_t *get_std(const char *name, const char *errmsg) {
    obj_t *f = sysmodule_get(name);
    if (f == NULL || f == None) {
        XDECREF(f);
        err_set_str(exc_RuntimeError, errmsg);
        return NULL;
    }
    return f;
}

obj_t *builtins_input(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("input", nargs, kwnames, 0, 1) < 0) return NULL;
    obj_t *in = NULL, *out = NULL, *result = NULL;
    in = get_std("stdin", "input(): lost sys.stdin");
    if (in == NULL) return NULL;
    out = get_std("stdout", "input(): lost sys.stdout");
    if (out == NULL) goto done;
    obj_t *err = sysmodule_get("stderr");
    if (err != NULL && err != None && flush_file(err) < 0) err_clear();
    XDECREF(err);
    if (nargs == 1) {
        obj_t *s = obj_str(args[0]);
        if (s == NULL) goto done;
        int rc = write_text(out, s);
        DECREF(s);
        if (rc < 0) goto done;
    }
    if (flush_file(out) < 0) err_clear(); // as CPython: a stdout without flush() is fine
    obj_t *line = obj_call_method(in, "readline", NULL, 0);
    if (line == NULL) goto done;
    if (!STR_CHECK(line)) {
        err_set_str(exc_TypeError, "object.readline() returned non-string");
        DECREF(line);
        goto done;
    }
    size_t nb = str_nbytes(line);
    if (nb == 0) {
        err_set_str(exc_EOFError, "EOF when reading a line");
        DECREF(line);
        goto done;
    }
    if (str_data(line)[nb - 1] == '\n') {
        result = str_from_utf8_trusted(str_data(line), nb - 1);
        DECREF(line);
    } else {
        result = line;
    }
done:
    XDECREF(in);
    XDECREF(out);
    return result;
}
