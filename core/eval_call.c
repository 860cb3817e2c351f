/*
 * core/eval_call.c — the interpreter's entry points and call machinery:
 * argument binding with CPython's error messages, cells and closures at
 * frame entry, calling Python functions from C, running module code
 * (eval_code / eval_source / eval_run_file), frame introspection for
 * builtins (globals(), locals(), zero-argument super()) and
 * __build_class__.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../gc/credit.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/func.h"
#include "../objects/gen.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "error.h"
#include "eval.h"
#include "frame.h"
#include "runtime.h"

// ---- argument binding ---------------------------------------------------------------------------

static obj_t *format_names(obj_t **names, int n) {
    str_builder_t b;
    str_builder_init(&b);
    for (int i = 0; i < n; i++) {
        if (i > 0) {
            if (n == 2)
                str_builder_add_cstr(&b, " and ");
            else if (i == n - 1)
                str_builder_add_cstr(&b, ", and ");
            else
                str_builder_add_cstr(&b, ", ");
        }
        str_builder_add_char(&b, '\'');
        str_builder_add_str(&b, names[i]);
        str_builder_add_char(&b, '\'');
    }
    return str_builder_finish(&b);
}

static void missing_arguments(func_t *fn, code_t *co, obj_t **regs, int start, int end,
                              const char *kind) {
    obj_t *names[256];
    int n = 0;
    for (int i = start; i < end && n < 256; i++)
        if (regs[i] == NULL) names[n++] = TUPLE_GET(co->varnames, i);
    obj_t *s = format_names(names, n);
    if (!s) return;
    err_format(exc_TypeError, "%U() missing %d required %s argument%s: %U", fn->qualname, n, kind,
               n == 1 ? "" : "s", s);
    DECREF(s);
}

static void too_many_positional(func_t *fn, code_t *co, obj_t **regs, size_t given) {
    obj_t *defaults = func_field((obj_t *)fn, &fn->defaults);
    int defcount = defaults ? (int)TUPLE_SIZE(defaults) : 0;
    int argcount = co->argcount;
    int kwonly_given = 0;
    for (int i = argcount; i < argcount + co->kwonlyargcount; i++)
        if (regs[i]) kwonly_given++;
    char sig[64];
    bool plural;
    if (defcount) {
        snprintf(sig, sizeof sig, "from %d to %d", argcount - defcount, argcount);
        plural = true;
    } else {
        snprintf(sig, sizeof sig, "%d", argcount);
        plural = argcount != 1;
    }
    char kwsig[128] = "";
    if (kwonly_given)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %d keyword-only argument%s)",
                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    err_format(exc_TypeError, "%U() takes %s positional argument%s but %zd%s %s given",
               fn->qualname, sig, plural ? "s" : "", (ssize_t)given, kwsig,
               given == 1 && !kwonly_given ? "was" : "were");
}

static int find_param(code_t *co, obj_t *name, int from, int to) {
    obj_t **vn = TUPLE_ITEMS(co->varnames);
    for (int i = from; i < to; i++)
        if (vn[i] == name) return i;
    for (int i = from; i < to; i++)
        if (str_eq(vn[i], name)) return i;
    return -1;
}

// An argument's reference for the new frame's register: a register credit
// when the frame ends with the call (the caller keeps the argument alive
// until then, gc/credit.h), else counted (generator frames outlive it).
static inline obj_t *arg_ref(obj_t *v, bool credit) {
    if (credit)
        INCREF_REG(v);
    else
        INCREF(v);
    return v;
}

int eval_bind_args(obj_t *funcobj, obj_t **regs, obj_t *const *args, size_t nargs, obj_t *kwnames,
                   bool credit) {
    func_t *fn = (func_t *)funcobj;
    code_t *co = (code_t *)fn->code;
    int argcount = co->argcount, kwonly = co->kwonlyargcount, posonly = co->posonlyargcount;
    int total = argcount + kwonly;
    obj_t *kwdict = NULL;
    if (co->flags & CO_VARKEYWORDS) {
        kwdict = dict_new();
        if (!kwdict) return -1;
        regs[total + ((co->flags & CO_VARARGS) ? 1 : 0)] = kwdict;
    }
    size_t n = nargs < (size_t)argcount ? nargs : (size_t)argcount;
    for (size_t i = 0; i < n; i++)
        regs[i] = arg_ref(args[i], credit);
    if (co->flags & CO_VARARGS) {
        // args may be NULL when nargs is 0 (a call from C with no arguments).
        obj_t *t = tuple_from_array(nargs > n ? args + n : NULL, nargs - n);
        if (!t) return -1;
        regs[total] = t;
    }
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        obj_t *name = TUPLE_GET(kwnames, k);
        obj_t *value = args[nargs + k];
        int j = find_param(co, name, posonly, total);
        if (j < 0) {
            if (kwdict) {
                if (dict_set(kwdict, name, value) < 0) return -1;
                continue;
            }
            if (posonly) {
                obj_t *bad[256];
                int nb = 0;
                for (size_t q = 0; q < nkw && nb < 256; q++) {
                    obj_t *kn = TUPLE_GET(kwnames, q);
                    if (find_param(co, kn, 0, posonly) >= 0) bad[nb++] = kn;
                }
                if (nb) {
                    str_builder_t b;
                    str_builder_init(&b);
                    for (int q = 0; q < nb; q++) {
                        if (q) str_builder_add_cstr(&b, ", ");
                        str_builder_add_str(&b, bad[q]);
                    }
                    obj_t *s = str_builder_finish(&b);
                    if (!s) return -1;
                    err_format(exc_TypeError,
                               "%U() got some positional-only arguments passed as keyword "
                               "arguments: '%U'",
                               fn->qualname, s);
                    DECREF(s);
                    return -1;
                }
            }
            err_format(exc_TypeError, "%U() got an unexpected keyword argument '%U'", fn->qualname,
                       name);
            return -1;
        }
        if (regs[j]) {
            err_format(exc_TypeError, "%U() got multiple values for argument '%U'", fn->qualname,
                       name);
            return -1;
        }
        regs[j] = arg_ref(value, credit);
    }
    if (nargs > (size_t)argcount && !(co->flags & CO_VARARGS)) {
        too_many_positional(fn, co, regs, nargs);
        return -1;
    }
    if (nargs < (size_t)argcount) {
        obj_t *defaults = func_field((obj_t *)fn, &fn->defaults); // once: may be replaced meanwhile
        int defcount = defaults ? (int)TUPLE_SIZE(defaults) : 0;
        int m = argcount - defcount;
        bool missing = false;
        for (int i = (int)nargs; i < m; i++)
            if (!regs[i]) missing = true;
        if (missing) {
            missing_arguments(fn, co, regs, (int)nargs, m, "positional");
            return -1;
        }
        for (int i = m > (int)nargs ? m : (int)nargs; i < argcount; i++)
            if (!regs[i]) regs[i] = NEWREF(TUPLE_GET(defaults, i - m));
    }
    if (kwonly) {
        bool missing = false;
        for (int i = argcount; i < total; i++) {
            if (regs[i]) continue;
            // Counted: the lookup may wait for the dict's lock.
            obj_t *kwdefaults = qsbr_field_load((obj_t *)fn, &fn->kwdefaults);
            if (kwdefaults) {
                obj_t *d = dict_get(kwdefaults, TUPLE_GET(co->varnames, i));
                DECREF(kwdefaults);
                if (d) {
                    regs[i] = d;
                    continue;
                }
                if (err_occurred()) return -1;
            }
            missing = true;
        }
        if (missing) {
            missing_arguments(fn, co, regs, argcount, total, "keyword-only");
            return -1;
        }
    }
    return 0;
}

int eval_init_cells(obj_t *funcobj, code_t *co, obj_t **regs, bool credit) {
    for (int i = 0; i < co->ncells; i++) {
        int r = co->cell_regs[i];
        obj_t *cell = cell_new(regs[r]);
        if (!cell) return -1;
        XDECREF(regs[r]);
        regs[r] = cell;
    }
    if (co->nfree) {
        obj_t *closure = funcobj ? ((func_t *)funcobj)->closure : NULL;
        if (!closure || TUPLE_SIZE(closure) < (size_t)co->nfree) {
            err_set_str(exc_SystemError, "function has no closure for its free variables");
            return -1;
        }
        for (int i = 0; i < co->nfree; i++)
            regs[co->nlocals + i] = arg_ref(TUPLE_GET(closure, i), credit);
    }
    return 0;
}

// ---- calling functions from C
// ---------------------------------------------------------------------

PVM_WUR obj_t *eval_call_function(obj_t *func, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    func_t *fn = (func_t *)func;
    code_t *co = (code_t *)fn->code;
    if (co->flags & CO_GENERATOR) return gen_new_from_call(func, args, nargs, kwnames);
    // obj_call already counts C-level recursion for this call.
    thread_t *ts = thread_current();
    frame_t *f = frame_push(ts, co, true);
    if (!f) return NULL;
    f->is_entry = 1;
    if (eval_bind_args(func, f->regs, args, nargs, kwnames, true) < 0 ||
        (!(co->flags & CO_NOFREE) && eval_init_cells(func, co, f->regs, true) < 0)) {
        frame_pop(ts, f);
        return NULL;
    }
    f->func = func;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->started = 1;
    return eval_run_entry(ts, f);
}

// ---- module code
// ----------------------------------------------------------------------------------

PVM_WUR obj_t *eval_code(obj_t *code, obj_t *globals, obj_t *locals) {
    thread_t *ts = thread_current();
    code_t *co = (code_t *)code;
    if (!DICT_CHECK(globals)) {
        err_set_str(exc_TypeError, "globals must be a dict");
        return NULL;
    }
    int has = dict_contains(globals, str_intern("__builtins__"));
    if (has < 0) return NULL;
    if (!has && dict_set(globals, str_intern("__builtins__"), pvm_rt.builtins) < 0) return NULL;
    if (co->nparams != 0 || (co->flags & CO_GENERATOR)) {
        // A function's code (exec(f.__code__)): its parameters must be
        // bound, or a generator made, as a call without arguments does
        // (CPython: "f() missing 1 required positional argument: 'a'").
        obj_t *fn = func_new(code, globals, func_builtins_for(globals));
        if (!fn) return NULL;
        obj_t *r = obj_call(fn, NULL, 0, NULL);
        DECREF(fn);
        if (!r) return NULL;
        DECREF(r);
        return NEWREF(None);
    }
    frame_t *f = frame_push(ts, co, true);
    if (!f) return NULL;
    f->is_entry = 1;
    f->globals = globals;
    f->builtins = func_builtins_for(globals);
    f->locals = locals ? locals : globals;
    f->started = 1;
    if ((co->ncells || co->nfree) && eval_init_cells(NULL, co, f->regs, true) < 0) {
        frame_pop(ts, f);
        return NULL;
    }
    return eval_run_entry(ts, f);
}

PVM_WUR obj_t *eval_source(const char *src, size_t len, const char *filename, const char *mode,
                           obj_t *globals, obj_t *locals) {
    obj_t *code = compile_source(src, len, filename, mode);
    if (!code) return NULL;
    obj_t *r = eval_code(code, globals, locals);
    DECREF(code);
    return r;
}

int pvm_exit_status_from_exception(void);

int eval_run_file(const char *path) {
    // CPython makes the script path absolute (__file__, tracebacks).
    char abspath[4096];
    if (path[0] != '/' && getcwd(abspath, sizeof abspath - 1) &&
        strlen(abspath) + strlen(path) + 2 < sizeof abspath) {
        strcat(abspath, "/");
        strcat(abspath, path);
    } else {
        snprintf(abspath, sizeof abspath, "%s", path);
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n",
                pvm_rt.program ? pvm_rt.program : "pvm", path, errno, strerror(errno));
        return 2;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(fp);
        return 1;
    }
    for (;;) {
        if (len == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(fp);
                return 1;
            }
            buf = nb;
        }
        size_t n = fread(buf + len, 1, cap - len, fp);
        if (n == 0) break;
        len += n;
    }
    fclose(fp);
    obj_t *globals = module_dict(pvm_rt.main_module);
    obj_t *file = runtime_fs_decode(abspath);
    if (!file || dict_set_str(globals, "__file__", file) < 0) {
        XDECREF(file);
        free(buf);
        return pvm_exit_status_from_exception();
    }
    DECREF(file);
    if (dict_set_str(globals, "__cached__", None) < 0) {
        free(buf);
        return pvm_exit_status_from_exception();
    }
    obj_t *code = compile_source_ex(buf, len, abspath, "exec", COMPILE_MAIN_FILE);
    free(buf);
    if (!code) return pvm_exit_status_from_exception();
    obj_t *r = eval_code(code, globals, globals);
    DECREF(code);
    if (!r) return pvm_exit_status_from_exception();
    DECREF(r);
    return 0;
}

// ---- introspection
// --------------------------------------------------------------------------------

obj_t *eval_current_globals(void) {
    thread_t *ts = thread_current();
    return ts && ts->frame ? ts->frame->globals : NULL;
}

int eval_inherited_compile_flags(void) {
    thread_t *ts = thread_current();
    bool future = ts && ts->frame && (ts->frame->code->flags & CO_FUTURE_ANNOTATIONS);
    return future ? COMPILE_FUTURE_ANNOTATIONS : 0;
}

PVM_WUR obj_t *eval_current_locals(void) {
    thread_t *ts = thread_current();
    frame_t *f = ts ? ts->frame : NULL;
    if (!f) {
        err_set_str(exc_SystemError, "no current frame");
        return NULL;
    }
    if (f->locals) return NEWREF(f->locals);
    code_t *co = f->code;
    obj_t *d = dict_new();
    if (!d) return NULL;
    for (int i = 0; i < co->nlocals + co->nfree; i++) {
        obj_t *v = f->regs[i];
        if (!v) continue;
        bool is_cell = i >= co->nlocals;
        for (int k = 0; k < co->ncells && !is_cell; k++)
            if (co->cell_regs[k] == i) is_cell = true;
        obj_t *val = is_cell ? cell_get(v) : NEWREF(v);
        if (!val) continue;
        int r = dict_set(d, eval_reg_name(co, i), val);
        DECREF(val);
        if (r < 0) {
            DECREF(d);
            return NULL;
        }
    }
    return d;
}

int eval_super_args(type_t **type, obj_t **self) {
    thread_t *ts = thread_current();
    frame_t *f = ts ? ts->frame : NULL;
    if (!f) {
        err_set_str(exc_RuntimeError, "super(): no current frame");
        return -1;
    }
    code_t *co = f->code;
    if (co->argcount == 0) { // *args does not count (CPython 3.11)
        err_set_str(exc_RuntimeError, "super(): no arguments");
        return -1;
    }
    obj_t *first = f->regs[0];
    for (int k = 0; k < co->ncells && first; k++) {
        if (co->cell_regs[k] == 0) {
            first = cell_borrow(first);
            break;
        }
    }
    if (!first) {
        err_set_str(exc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    for (int i = 0; i < co->nfree; i++) {
        if (str_eq_cstr(TUPLE_GET(co->freevars, i), "__class__")) {
            obj_t *cell = f->regs[co->nlocals + i];
            obj_t *cls = cell ? cell_borrow(cell) : NULL;
            if (!cls) {
                err_set_str(exc_RuntimeError, "super(): empty __class__ cell");
                return -1;
            }
            if (!TYPE_CHECK(cls)) {
                err_format(exc_RuntimeError, "super(): __class__ is not a type (%s)",
                           obj_type_name(cls));
                return -1;
            }
            *type = (type_t *)cls;
            *self = first;
            return 0;
        }
    }
    err_set_str(exc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

// ---- classes
// ----------------------------------------------------------------------------------------

static PVM_WUR obj_t *run_class_body(obj_t *func, obj_t *ns) {
    thread_t *ts = thread_current();
    func_t *fn = (func_t *)func;
    code_t *co = (code_t *)fn->code;
    // __build_class__ takes any function: one with parameters or a
    // generator is called as CPython does, without arguments (a TypeError
    // names the missing ones; a generator is made), never run with its
    // parameter registers unbound.
    if (co->nparams != 0 || (co->flags & CO_GENERATOR)) return obj_call(func, NULL, 0, NULL);
    frame_t *f = frame_push(ts, co, true);
    if (!f) return NULL;
    f->is_entry = 1;
    f->func = func;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->locals = ns;
    f->started = 1;
    if (eval_init_cells(func, co, f->regs, true) < 0) {
        frame_pop(ts, f);
        return NULL;
    }
    return eval_run_entry(ts, f);
}

static type_t *calculate_metaclass(type_t *meta, obj_t *bases) {
    type_t *winner = meta;
    for (size_t i = 0; i < TUPLE_SIZE(bases); i++) {
        type_t *t = TYPE(TUPLE_GET(bases, i));
        if (type_is_subtype(winner, t)) continue;
        if (type_is_subtype(t, winner)) {
            winner = t;
            continue;
        }
        err_set_str(exc_TypeError,
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                    "subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

// PEP 560: a base that is not a class but has __mro_entries__ is replaced
// by the tuple that method returns (called with the original bases).  New
// reference: the resolved bases, or `bases` itself when nothing changed.
static obj_t *update_bases(obj_t *bases) {
    size_t n = TUPLE_SIZE(bases);
    obj_t *out = NULL; // list, made at the first replaced base
    for (size_t i = 0; i < n; i++) {
        obj_t *b = TUPLE_GET(bases, i);
        obj_t *meth = TYPE_CHECK(b) ? NULL : obj_lookup_attr(b, str_intern("__mro_entries__"));
        if (meth == NULL) {
            if (err_occurred()) goto fail;
            if (out != NULL && list_append(out, b) < 0) goto fail;
            continue;
        }
        obj_t *r = obj_call(meth, &bases, 1, NULL);
        DECREF(meth);
        if (r == NULL) goto fail;
        if (!TUPLE_CHECK(r)) {
            err_set_str(exc_TypeError, "__mro_entries__ must return a tuple");
            DECREF(r);
            goto fail;
        }
        if (out == NULL) {
            out = list_from_array(TUPLE_ITEMS(bases), i);
            if (out == NULL) {
                DECREF(r);
                goto fail;
            }
        }
        for (size_t j = 0; j < TUPLE_SIZE(r); j++) {
            if (list_append(out, TUPLE_GET(r, j)) < 0) {
                DECREF(r);
                goto fail;
            }
        }
        DECREF(r);
    }
    if (out == NULL) return NEWREF(bases);
    obj_t *t = list_as_tuple(out);
    DECREF(out);
    return t;
fail:
    XDECREF(out);
    return NULL;
}

PVM_WUR obj_t *eval_build_class(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (nargs < 2) {
        err_set_str(exc_TypeError, "__build_class__: not enough arguments");
        return NULL;
    }
    obj_t *func = args[0], *name = args[1];
    if (!FUNC_CHECK(func)) {
        err_set_str(exc_TypeError, "__build_class__: func must be a function");
        return NULL;
    }
    if (!STR_CHECK(name)) {
        err_set_str(exc_TypeError, "__build_class__: name is not a string");
        return NULL;
    }
    obj_t *orig_bases = tuple_from_array(args + 2, nargs - 2);
    if (!orig_bases) return NULL;
    obj_t *bases = update_bases(orig_bases);
    if (!bases) {
        DECREF(orig_bases);
        return NULL;
    }
    obj_t *meta = NULL;
    obj_t *kwargs = NULL; // remaining keywords as a dict
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    obj_t *ns = NULL, *cell = NULL, *cls = NULL;
    obj_t *kwnames2 = NULL;
    obj_t **callargs = NULL;
    if (nkw) {
        kwargs = dict_new();
        if (!kwargs) goto done;
        for (size_t i = 0; i < nkw; i++) {
            obj_t *k = TUPLE_GET(kwnames, i);
            if (str_eq_cstr(k, "metaclass")) {
                meta = NEWREF(args[nargs + i]);
                continue;
            }
            if (dict_set(kwargs, k, args[nargs + i]) < 0) goto done;
        }
    }
    bool is_class = false;
    if (!meta) {
        meta = TUPLE_SIZE(bases) ? NEWREF((obj_t *)TYPE(TUPLE_GET(bases, 0)))
                                 : NEWREF((obj_t *)&type_type);
        is_class = true;
    } else {
        is_class = TYPE_CHECK(meta);
    }
    if (is_class) {
        type_t *w = calculate_metaclass((type_t *)meta, bases);
        if (!w) goto done;
        SETREF(meta, NEWREF((obj_t *)w));
    }
    // __prepare__
    obj_t *prep = obj_lookup_attr(meta, str_intern("__prepare__"));
    if (prep) {
        size_t nk = kwargs ? (size_t)dict_size(kwargs) : 0;
        obj_t **pa = malloc((2 + nk + 1) * sizeof(obj_t *));
        obj_t *pk = nk ? tuple_new(nk) : NULL;
        pa[0] = name;
        pa[1] = bases;
        ssize_t pos = 0;
        obj_t *k, *v;
        size_t i = 0;
        while (nk && dict_next(kwargs, &pos, &k, &v)) {
            TUPLE_SET(pk, i, k);
            pa[2 + i] = v;
            i++;
        }
        ns = obj_call(prep, pa, 2, pk);
        for (size_t q = 0; q < i; q++)
            DECREF(pa[2 + q]);
        XDECREF(pk);
        free(pa);
        DECREF(prep);
        if (!ns) goto done;
        if (TYPE(ns)->getitem == NULL) { // CPython's PyMapping_Check
            err_format(exc_TypeError, "%s.__prepare__() must return a mapping, not %T",
                       is_class ? ((type_t *)meta)->name : "<metaclass>", ns);
            goto done;
        }
    } else {
        if (err_occurred()) goto done;
        ns = dict_new();
        if (!ns) goto done;
    }
    cell = run_class_body(func, ns);
    if (!cell) goto done;
    if (bases != orig_bases && obj_setitem(ns, str_intern("__orig_bases__"), orig_bases) < 0)
        goto done;
    {
        size_t nk = kwargs ? (size_t)dict_size(kwargs) : 0;
        callargs = malloc((3 + nk) * sizeof(obj_t *));
        if (!callargs) {
            err_no_memory();
            goto done;
        }
        callargs[0] = name;
        callargs[1] = bases;
        callargs[2] = ns;
        if (nk) {
            kwnames2 = tuple_new(nk);
            if (!kwnames2) goto done;
            ssize_t pos = 0;
            obj_t *k, *v;
            size_t i = 0;
            while (dict_next(kwargs, &pos, &k, &v)) {
                TUPLE_SET(kwnames2, i, k);
                callargs[3 + i] = v;
                i++;
            }
        }
        cls = obj_call(meta, callargs, 3, kwnames2);
        for (size_t i = 0; i < nk; i++)
            DECREF(callargs[3 + i]);
        // A class statement that runs once (module body, or a class body
        // outside functions): the class is shared and read-mostly.  One
        // that runs per call makes a counted class the collector frees.
        frame_t *caller = thread_current()->frame;
        if (cls && TYPE_CHECK(cls) && caller != NULL &&
            code_defines_immortal((code_t *)caller->code))
            type_immortalize((type_t *)cls);
        if (cls && CELL_CHECK(cell)) {
            obj_t *cur = cell_get(cell);
            if (!cur)
                cell_set(cell, cls);
            else
                DECREF(cur);
        }
    }
done:
    free(callargs);
    XDECREF(kwnames2);
    XDECREF(cell);
    XDECREF(ns);
    XDECREF(meta);
    XDECREF(kwargs);
    DECREF(bases);
    DECREF(orig_bases);
    return cls;
}
