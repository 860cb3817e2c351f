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
                                        STR_CHECK(src) ? COMPILE_FROM_STR : 0);
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

obj_t *builtins_compile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {
        "source",   "filename",          "mode", "flags", "dont_inherit",
        "optimize", "$_feature_version", NULL};
    obj_t *out[7];
    if (args_parse("compile", args, nargs, kwnames, names, 3, out) < 0) return NULL;
    const char *text, *filename;
    size_t n, fnlen;
    if (source_text(out[0], &text, &n) < 0) {
        err_set_str(exc_TypeError, "compile() arg 1 must be a string, bytes or AST object");
        return NULL;
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
    if (out[3] != NULL) {
        ssize_t flags = obj_as_ssize(out[3]);
        if (flags == -1 && err_occurred()) return NULL;
        if (flags & 0x400) { // PyCF_ONLY_AST
            err_set_str(exc_NotImplementedError, "compile(): AST objects are not supported");
            return NULL;
        }
    }
    if (check_null_bytes(text, n) < 0) return NULL;
    return compile_source_ex(text, n, filename, mode, STR_CHECK(out[0]) ? COMPILE_FROM_STR : 0);
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
    if (flush_file(out) < 0) goto done;
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

// ---- open ----------------------------------------------------------------------------

// Only UTF-8 (and its ASCII subset) is implemented by file objects.
static bool encoding_supported(const char *enc) {
    char norm[32];
    size_t n = strlen(enc);
    if (n >= sizeof norm) return false;
    for (size_t i = 0; i <= n; i++) {
        char c = (char)tolower((unsigned char)enc[i]);
        norm[i] = (c == '_' || c == ' ') ? '-' : c;
    }
    static const char *const ok[] = {"utf-8", "utf8",     "u8",  "utf",    "cp65001",
                                     "ascii", "us-ascii", "646", "locale", NULL};
    for (size_t i = 0; ok[i]; i++)
        if (strcmp(norm, ok[i]) == 0) return true;
    return false;
}

static int check_str_or_none(obj_t *v, const char *what) {
    if (v == NULL || v == None || STR_CHECK(v)) return 0;
    err_format(exc_TypeError, "open() argument '%s' must be str or None, not %T", what, v);
    return -1;
}

static void close_quietly(obj_t *f) {
    obj_t *exc = err_fetch();
    obj_t *r = obj_call_method(f, "close", NULL, 0);
    if (r == NULL) err_clear();
    XDECREF(r);
    err_restore(exc);
}

obj_t *builtins_open(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"file",    "mode",    "buffering", "encoding", "errors",
                                        "newline", "closefd", "opener",    NULL};
    obj_t *out[8];
    if (args_parse("open", args, nargs, kwnames, names, 1, out) < 0) return NULL;
    obj_t *file = out[0];
    const char *mode = "r";
    if (out[1] != NULL) {
        if (!STR_CHECK(out[1])) {
            err_format(exc_TypeError, "open() argument 'mode' must be str, not %T", out[1]);
            return NULL;
        }
        mode = str_data(out[1]);
    }
    int buffering = -1;
    if (out[2] != NULL) {
        ssize_t b = obj_as_ssize(out[2]);
        if (b == -1 && err_occurred()) return NULL;
        buffering = b < -1 ? -1 : b > 1 ? 2 : (int)b;
    }
    obj_t *encoding = out[3], *errors = out[4], *newline = out[5];
    if (check_str_or_none(encoding, "encoding") < 0 || check_str_or_none(errors, "errors") < 0 ||
        check_str_or_none(newline, "newline") < 0)
        return NULL;
    if (encoding == None) encoding = NULL;
    if (errors == None) errors = NULL;
    if (newline == None) newline = NULL;
    bool closefd = true;
    if (out[6] != NULL) {
        int t = obj_is_true(out[6]);
        if (t < 0) return NULL;
        closefd = t;
    }
    if (out[7] != NULL && out[7] != None) {
        err_set_str(exc_NotImplementedError, "open(): the opener argument is not supported");
        return NULL;
    }
    bool binary = strchr(mode, 'b') != NULL;
    if (binary && strchr(mode, 't') == NULL && strspn(mode, "rwaxb+") == strlen(mode)) {
        if (encoding) {
            err_set_str(exc_ValueError, "binary mode doesn't take an encoding argument");
            return NULL;
        }
        if (errors) {
            err_set_str(exc_ValueError, "binary mode doesn't take an errors argument");
            return NULL;
        }
        if (newline) {
            err_set_str(exc_ValueError, "binary mode doesn't take a newline argument");
            return NULL;
        }
    }
    if (!closefd && !INT_CHECK(file)) {
        err_set_str(exc_ValueError, "Cannot use closefd=False with file name");
        return NULL;
    }
    obj_t *f = file_open(file, mode, buffering);
    if (f == NULL) return NULL;
    if (!closefd && FILE_CHECK(f)) ((file_t *)f)->closefd = false;
    if (!binary) {
        if (buffering == 0) {
            err_set_str(exc_ValueError, "can't have unbuffered text I/O");
            goto error;
        }
        if (encoding && !encoding_supported(str_data(encoding))) {
            err_format(exc_LookupError, "unknown encoding: %U", encoding);
            goto error;
        }
        if (newline) {
            const char *nl = str_data(newline);
            if (!(nl[0] == '\0' || strcmp(nl, "\n") == 0 || strcmp(nl, "\r") == 0 ||
                  strcmp(nl, "\r\n") == 0)) {
                err_format(exc_ValueError, "illegal newline value: %U", newline);
                goto error;
            }
        }
    }
    return f;
error:
    close_quietly(f);
    DECREF(f);
    return NULL;
}
