/*
 * core/args.c — argument binding for builtin functions and methods
 * (args_parse, args_check, args_no_kw declared in objects/object.h).
 *
 * The TypeError texts follow CPython 3.11's argument clinic and getargs.c:
 *   "len() takes exactly one argument (2 given)"          (METH_O style)
 *   "list.clear() takes no arguments (1 given)"           (METH_NOARGS style)
 *   "sorted expected 1 argument, got 0"                   (positional ranges)
 *   "split() takes at most 2 arguments (3 given)"         (keyword parsers,
 *                                                          args_check_tuple)
 *   "'foo' is an invalid keyword argument for sort()"
 *   "argument for split() given by name ('sep') and position (1)"
 *   "f() missing required argument 'x' (pos 1)"
 * `fname` is the name shown, e.g. "len" or "list.append"; "()" is appended
 * where CPython shows it.
 */
#include <stdlib.h>
#include <string.h>

#include "../objects/exceptions.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "error.h"

int args_no_kw(const char *fname, obj_t *kwnames) {
    if (kwnames != NULL && TUPLE_SIZE(kwnames) > 0) {
        err_format(exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    return 0;
}

int args_check(const char *fname, size_t nargs, obj_t *kwnames, size_t min, size_t max) {
    if (args_no_kw(fname, kwnames) < 0) return -1;
    if (nargs >= min && nargs <= max) return 0;
    if (min == 1 && max == 1) {
        err_format(exc_TypeError, "%s() takes exactly one argument (%zu given)", fname, nargs);
    } else if (max == 0) {
        err_format(exc_TypeError, "%s() takes no arguments (%zu given)", fname, nargs);
    } else if (nargs < min) {
        err_format(exc_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
                   min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    } else {
        err_format(exc_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
                   min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    }
    return -1;
}

int args_check_tuple(const char *fname, size_t nargs, obj_t *kwnames, size_t min, size_t max) {
    if (args_no_kw(fname, kwnames) < 0) return -1;
    if (nargs >= min && nargs <= max) return 0;
    size_t n = nargs < min ? min : max;
    err_format(exc_TypeError, "%s() takes %s %zu argument%s (%zu given)", fname,
               min == max    ? "exactly"
               : nargs < min ? "at least"
                             : "at most",
               n, n == 1 ? "" : "s", nargs);
    return -1;
}

static const char *plain_name(const char *n) {
    return (n[0] == '$' || n[0] == '/') ? n + 1 : n;
}

int args_parse(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
               const char *const *names, size_t nrequired, obj_t **out) {
    size_t nnames = 0, maxpos = 0, nposonly = 0;
    bool has_kwonly = false;
    while (names[nnames] != NULL) {
        if (names[nnames][0] == '$')
            has_kwonly = true;
        else
            maxpos = nnames + 1;
        if (names[nnames][0] == '/') nposonly = nnames + 1;
        nnames++;
    }
    for (size_t i = 0; i < nnames; i++)
        out[i] = NULL;

    if (nargs > maxpos) {
        if (maxpos == 0)
            err_format(exc_TypeError, "%s() takes no positional arguments", fname);
        else
            err_format(exc_TypeError, "%s() takes %s %zu %sargument%s (%zu given)", fname,
                       nrequired < maxpos ? "at most" : "exactly", maxpos,
                       has_kwonly ? "positional " : "", maxpos == 1 ? "" : "s", nargs);
        return -1;
    }
    for (size_t i = 0; i < nargs; i++)
        out[i] = args[i];

    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        obj_t *key = TUPLE_GET(kwnames, k);
        const char *ks = STR_CHECK(key) ? str_data(key) : "";
        size_t found = nnames;
        for (size_t i = 0; i < nnames; i++) {
            if (names[i][0] == '/') continue;
            if (strcmp(plain_name(names[i]), ks) == 0) {
                found = i;
                break;
            }
        }
        if (found == nnames) {
            err_format(exc_TypeError, "'%s' is an invalid keyword argument for %s()", ks, fname);
            return -1;
        }
        if (out[found] != NULL) {
            err_format(exc_TypeError, "argument for %s() given by name ('%s') and position (%zu)",
                       fname, ks, found + 1);
            return -1;
        }
        out[found] = args[nargs + k];
    }

    for (size_t i = 0; i < nrequired && i < nnames; i++) {
        if (out[i] != NULL) continue;
        if (i < nposonly) {
            // Positional-only parameters: _PyArg_UnpackStack's wording
            // ("sorted expected 1 argument, got 0").
            err_format(exc_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
                       nrequired < maxpos ? "at least " : "", nrequired, nrequired == 1 ? "" : "s",
                       nargs);
        } else if (names[i][0] == '$') {
            err_format(exc_TypeError, "%s() missing required keyword-only argument '%s'", fname,
                       plain_name(names[i]));
        } else {
            err_format(exc_TypeError, "%s() missing required argument '%s' (pos %zu)", fname,
                       plain_name(names[i]), i + 1);
        }
        return -1;
    }
    return 0;
}
