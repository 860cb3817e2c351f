/*
 * core/pvm_embed.c — the value, call and exception half of the embedding
 * API (include/pvm.h; docs/embedding.md).
 *
 * A pvm_value * is an obj_t * that owns one counted reference: handles cost
 * nothing to convert and pvm_release() is a DECREF.  Biased reference
 * counting makes a DECREF from a thread that does not own the object
 * correct (it goes to the shared count), which is the whole ownership rule
 * for handles passed between host threads.  Every entry point runs between
 * pvm_api_enter() and pvm_api_leave() (core/pvm_api.c): the calling host
 * thread is inside the VM only for the duration of the call.  A call from a
 * thread that is not attached returns NULL / -1 without an exception (there
 * is no thread state to hold one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/pvm.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../threads/thread.h"
#include "error.h"
#include "eval.h"
#include "import.h"
#include "runtime.h"

bool pvm_api_enter(void);
void pvm_api_leave(void);

#define OBJ(v) ((obj_t *)(v))
#define VAL(o) ((pvm_value *)(o))

// Entry / exit of a call returning a handle or an int.
#define ENTER_OR(fail)                                                                             \
    do {                                                                                           \
        if (!pvm_api_enter()) return fail;                                                         \
    } while (0)

static pvm_value *leave_val(obj_t *o) {
    pvm_api_leave();
    return VAL(o);
}
static int leave_int(int r) {
    pvm_api_leave();
    return r;
}

// A malloc()ed copy of a str object's UTF-8 text; consumes s.
static char *take_cstring(obj_t *s) {
    if (s == NULL) return NULL;
    char *copy = NULL;
    if (STR_CHECK(s)) {
        size_t n = str_nbytes(s);
        copy = malloc(n + 1);
        if (copy) {
            memcpy(copy, str_data(s), n);
            copy[n] = '\0';
        } else {
            err_no_memory();
        }
    }
    DECREF(s);
    return copy;
}

// ---- constructors --------------------------------------------------------------

pvm_value *pvm_none(void) {
    ENTER_OR(NULL);
    INCREF(None);
    return leave_val(None);
}

pvm_value *pvm_bool(int b) {
    ENTER_OR(NULL);
    obj_t *o = bool_from(b != 0);
    INCREF(o);
    return leave_val(o);
}

pvm_value *pvm_int(int64_t v) {
    ENTER_OR(NULL);
    return leave_val(int_from_i64(v));
}

pvm_value *pvm_float(double v) {
    ENTER_OR(NULL);
    return leave_val(float_from_double(v));
}

pvm_value *pvm_str(const char *utf8) {
    if (utf8 == NULL) return NULL;
    return pvm_str_n(utf8, strlen(utf8));
}

pvm_value *pvm_str_n(const char *utf8, size_t n) {
    ENTER_OR(NULL);
    return leave_val(str_from_utf8(utf8, n));
}

pvm_value *pvm_bytes(const void *data, size_t n) {
    ENTER_OR(NULL);
    return leave_val(bytes_from(data, n));
}

pvm_value *pvm_tuple(size_t n, pvm_value *const *items) {
    ENTER_OR(NULL);
    return leave_val(tuple_from_array((obj_t *const *)items, n));
}

pvm_value *pvm_list(size_t n, pvm_value *const *items) {
    ENTER_OR(NULL);
    return leave_val(list_from_array((obj_t *const *)items, n));
}

pvm_value *pvm_dict(void) {
    ENTER_OR(NULL);
    return leave_val(dict_new());
}

pvm_value *pvm_retain(pvm_value *v) {
    if (v == NULL) return NULL;
    ENTER_OR(NULL);
    INCREF(OBJ(v));
    return leave_val(OBJ(v));
}

void pvm_release(pvm_value *v) {
    if (v == NULL) return;
    ENTER_OR();
    DECREF(OBJ(v));
    pvm_api_leave();
}

// ---- type tests and accessors ----------------------------------------------------

// Type tests read only the (immutable) type pointer: no need to enter.
const char *pvm_type_name(pvm_value *v) {
    return v ? obj_type_name(OBJ(v)) : "NULL";
}
int pvm_is_none(pvm_value *v) {
    return OBJ(v) == None;
}
int pvm_is_int(pvm_value *v) {
    return v && INT_CHECK(OBJ(v));
}
int pvm_is_float(pvm_value *v) {
    return v && FLOAT_CHECK(OBJ(v));
}
int pvm_is_str(pvm_value *v) {
    return v && STR_CHECK(OBJ(v));
}
int pvm_is_bytes(pvm_value *v) {
    return v && BYTES_CHECK(OBJ(v));
}
int pvm_is_tuple(pvm_value *v) {
    return v && TUPLE_CHECK(OBJ(v));
}
int pvm_is_list(pvm_value *v) {
    return v && LIST_CHECK(OBJ(v));
}
int pvm_is_dict(pvm_value *v) {
    return v && DICT_CHECK(OBJ(v));
}

static int type_error(const char *want, obj_t *v) {
    err_format(exc_TypeError, "expected %s, got %s", want, v ? obj_type_name(v) : "NULL");
    return -1;
}

int pvm_as_int(pvm_value *v, int64_t *out) {
    ENTER_OR(-1);
    if (v == NULL || !INT_CHECK(OBJ(v))) return leave_int(type_error("int", OBJ(v)));
    return leave_int(int_as_i64(OBJ(v), out) < 0 ? -1 : 0);
}

int pvm_as_float(pvm_value *v, double *out) {
    ENTER_OR(-1);
    obj_t *o = OBJ(v);
    if (o != NULL && FLOAT_CHECK(o)) {
        *out = float_as_double(o);
        return leave_int(0);
    }
    if (o != NULL && INT_CHECK(o)) {
        int overflow = 0;
        double d = int_as_double(o, &overflow);
        if (overflow) {
            err_set_str(exc_OverflowError, "int too large to convert to float");
            return leave_int(-1);
        }
        *out = d;
        return leave_int(0);
    }
    return leave_int(type_error("float", o));
}

int pvm_as_bool(pvm_value *v) {
    ENTER_OR(-1);
    if (v == NULL) return leave_int(type_error("object", NULL));
    return leave_int(obj_is_true(OBJ(v)));
}

const char *pvm_as_str(pvm_value *v, size_t *len) {
    ENTER_OR(NULL);
    if (v == NULL || !STR_CHECK(OBJ(v))) {
        type_error("str", OBJ(v));
        pvm_api_leave();
        return NULL;
    }
    if (len) *len = str_nbytes(OBJ(v));
    const char *p = str_data(OBJ(v));
    pvm_api_leave();
    return p;
}

const void *pvm_as_bytes(pvm_value *v, size_t *len) {
    ENTER_OR(NULL);
    if (v == NULL || !BYTES_CHECK(OBJ(v))) {
        type_error("bytes", OBJ(v));
        pvm_api_leave();
        return NULL;
    }
    if (len) *len = bytes_len(OBJ(v));
    const void *p = bytes_data(OBJ(v));
    pvm_api_leave();
    return p;
}

char *pvm_to_string(pvm_value *v) {
    ENTER_OR(NULL);
    char *s = v ? take_cstring(obj_str(OBJ(v))) : NULL;
    pvm_api_leave();
    return s;
}

char *pvm_repr(pvm_value *v) {
    ENTER_OR(NULL);
    char *s = v ? take_cstring(obj_repr(OBJ(v))) : NULL;
    pvm_api_leave();
    return s;
}

// ---- containers -------------------------------------------------------------------

int64_t pvm_len(pvm_value *v) {
    ENTER_OR(-1);
    if (v == NULL) return leave_int(type_error("object", NULL));
    ssize_t n = obj_len(OBJ(v));
    pvm_api_leave();
    return (int64_t)n;
}

pvm_value *pvm_item(pvm_value *v, int64_t i) {
    ENTER_OR(NULL);
    obj_t *o = OBJ(v);
    if (o == NULL || !(TUPLE_CHECK(o) || LIST_CHECK(o))) {
        type_error("tuple or list", o);
        return leave_val(NULL);
    }
    obj_t *key = int_from_i64(i);
    obj_t *r = key ? obj_getitem(o, key) : NULL;
    XDECREF(key);
    return leave_val(r);
}

int pvm_setitem(pvm_value *d, pvm_value *key, pvm_value *value) {
    ENTER_OR(-1);
    if (d == NULL || key == NULL || value == NULL) return leave_int(type_error("object", NULL));
    return leave_int(obj_setitem(OBJ(d), OBJ(key), OBJ(value)) < 0 ? -1 : 0);
}

int pvm_setitem_str(pvm_value *d, const char *key, pvm_value *value) {
    ENTER_OR(-1);
    if (d == NULL || key == NULL || value == NULL) return leave_int(type_error("object", NULL));
    obj_t *k = str_from_utf8(key, strlen(key));
    int r = k ? obj_setitem(OBJ(d), k, OBJ(value)) : -1;
    XDECREF(k);
    return leave_int(r < 0 ? -1 : 0);
}

pvm_value *pvm_getitem(pvm_value *d, pvm_value *key) {
    ENTER_OR(NULL);
    if (d == NULL || key == NULL) {
        type_error("object", NULL);
        return leave_val(NULL);
    }
    return leave_val(obj_getitem(OBJ(d), OBJ(key)));
}

pvm_value *pvm_getitem_str(pvm_value *d, const char *key) {
    ENTER_OR(NULL);
    if (d == NULL || key == NULL) {
        type_error("object", NULL);
        return leave_val(NULL);
    }
    obj_t *r;
    if (DICT_CHECK(OBJ(d))) {
        r = dict_get_str(OBJ(d), key); // NULL without an exception when missing
    } else {
        obj_t *k = str_from_utf8(key, strlen(key));
        r = k ? obj_getitem(OBJ(d), k) : NULL;
        XDECREF(k);
    }
    return leave_val(r);
}

// ---- modules, attributes, calls ---------------------------------------------------

pvm_value *pvm_import(const char *name) {
    ENTER_OR(NULL);
    if (name == NULL) {
        type_error("module name", NULL);
        return leave_val(NULL);
    }
    return leave_val(import_module(name));
}

pvm_value *pvm_getattr(pvm_value *obj, const char *name) {
    ENTER_OR(NULL);
    if (obj == NULL || name == NULL) {
        type_error("object", NULL);
        return leave_val(NULL);
    }
    return leave_val(obj_getattr_str(OBJ(obj), name));
}

int pvm_setattr(pvm_value *obj, const char *name, pvm_value *value) {
    ENTER_OR(-1);
    if (obj == NULL || name == NULL || value == NULL) return leave_int(type_error("object", NULL));
    return leave_int(obj_setattr_str(OBJ(obj), name, OBJ(value)) < 0 ? -1 : 0);
}

pvm_value *pvm_lookup(const char *module, const char *name) {
    ENTER_OR(NULL);
    if (module == NULL || name == NULL) {
        type_error("name", NULL);
        return leave_val(NULL);
    }
    obj_t *m = import_module(module);
    if (m == NULL) return leave_val(NULL);
    obj_t *r = obj_getattr_str(m, name);
    DECREF(m);
    return leave_val(r);
}

pvm_value *pvm_call(pvm_value *callable, size_t nargs, pvm_value *const *args, pvm_value *kwargs) {
    ENTER_OR(NULL);
    if (callable == NULL || (nargs > 0 && args == NULL)) {
        type_error("callable", NULL);
        return leave_val(NULL);
    }
    for (size_t i = 0; i < nargs; i++) {
        if (args[i] == NULL) {
            type_error("argument", NULL);
            return leave_val(NULL);
        }
    }
    obj_t *r;
    if (kwargs == NULL) {
        r = obj_call(OBJ(callable), (obj_t *const *)args, nargs, NULL);
    } else if (!DICT_CHECK(OBJ(kwargs))) {
        type_error("dict of keyword arguments", OBJ(kwargs));
        r = NULL;
    } else {
        obj_t *t = tuple_from_array((obj_t *const *)args, nargs);
        r = t ? obj_call_tuple_dict(OBJ(callable), t, OBJ(kwargs)) : NULL;
        XDECREF(t);
    }
    return leave_val(r);
}

pvm_value *pvm_call_method(pvm_value *obj, const char *name, size_t nargs, pvm_value *const *args) {
    ENTER_OR(NULL);
    if (obj == NULL || name == NULL || (nargs > 0 && args == NULL)) {
        type_error("object", NULL);
        return leave_val(NULL);
    }
    return leave_val(obj_call_method(OBJ(obj), name, (obj_t *const *)args, nargs));
}

pvm_value *pvm_eval(const char *expression) {
    ENTER_OR(NULL);
    if (expression == NULL) {
        type_error("expression", NULL);
        return leave_val(NULL);
    }
    obj_t *globals = module_dict(pvm_rt.main_module);
    return leave_val(
        eval_source(expression, strlen(expression), "<string>", "eval", globals, globals));
}

// ---- exceptions -------------------------------------------------------------------

int pvm_err_occurred(void) {
    return pvm_tls_thread != NULL && err_occurred();
}

char *pvm_err_type_name(void) {
    ENTER_OR(NULL);
    obj_t *exc = err_peek();
    char *r = exc ? strdup(obj_type_name(exc)) : NULL;
    pvm_api_leave();
    return r;
}

char *pvm_err_message(void) {
    ENTER_OR(NULL);
    obj_t *exc = err_fetch();
    char *r = NULL;
    if (exc) {
        r = take_cstring(obj_str(exc));
        if (r == NULL) {
            err_clear();
            r = strdup("<exception str() failed>");
        }
        err_restore(exc);
    }
    pvm_api_leave();
    return r;
}

char *pvm_err_traceback(void) {
    ENTER_OR(NULL);
    obj_t *exc = err_fetch();
    char *buf = NULL;
    if (exc) {
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);
        if (f) {
            err_display(exc, f);
            fclose(f);
        }
        err_clear(); // err_display may have failed inside (e.g. a bad __str__)
        err_restore(exc);
    }
    pvm_api_leave();
    return buf;
}

pvm_value *pvm_err_fetch(void) {
    ENTER_OR(NULL);
    return leave_val(err_fetch());
}

void pvm_err_clear(void) {
    ENTER_OR();
    err_clear();
    pvm_api_leave();
}

void pvm_err_print(void) {
    ENTER_OR();
    if (err_occurred()) err_print();
    pvm_api_leave();
}

void pvm_err_set(const char *type_name, const char *message) {
    ENTER_OR();
    obj_t *t = type_name ? dict_get_str(pvm_rt.builtins_dict, type_name) : NULL;
    if (t != NULL && TYPE_CHECK(t) && type_is_subtype((type_t *)t, exc_BaseException)) {
        err_set_str((type_t *)t, message ? message : "");
    } else {
        err_clear();
        err_format(exc_SystemError, "pvm_err_set: unknown exception type %s",
                   type_name ? type_name : "NULL");
    }
    XDECREF(t);
    pvm_api_leave();
}

void pvm_free(void *p) {
    free(p);
}
