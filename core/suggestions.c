/*
 * core/suggestions.c — the "Did you mean: 'x'?" hint that the exception
 * report adds to a NameError or AttributeError (CPython 3.11's rules).
 *
 * The candidates: for an AttributeError, dir(exc.obj); for a NameError,
 * the keys of the innermost traceback frame's locals, then its globals,
 * then its builtins.  The best candidate is the one with the smallest
 * edit distance over the names' UTF-8 bytes, where an insertion, deletion
 * or substitution costs MOVE_COST and a substitution that only changes
 * ASCII case costs CASE_COST; a candidate counts only when at most about a
 * third of the characters involved change.  Lists of MAX_CANDIDATES or
 * more names, and names longer than MAX_NAME bytes, are not searched.
 *
 * Nothing here raises: whatever goes wrong just means "no hint".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/list.h"
#include "../objects/object.h"
#include "../objects/str.h"
#include "error.h"
#include "suggestions.h"

#define MOVE_COST      2
#define CASE_COST      1
#define MAX_CANDIDATES 750
#define MAX_NAME       40

static bool same_ignoring_case(char a, char b) {
    if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');
    return a == b;
}

// Edit distance between a[0..na) and b[0..nb), or a value over max_cost
// once it is sure to exceed it.
static size_t edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t max_cost) {
    if (na == nb && memcmp(a, b, na) == 0) return 0;
    while (na > 0 && nb > 0 && a[0] == b[0]) { // common prefix
        a++, b++, na--, nb--;
    }
    while (na > 0 && nb > 0 && a[na - 1] == b[nb - 1]) // common suffix
        na--, nb--;
    if (na == 0 || nb == 0) return (na + nb) * MOVE_COST;
    if (na > MAX_NAME || nb > MAX_NAME) return max_cost + 1;
    if (nb < na) { // a is the shorter one
        const char *t = a;
        a = b, b = t;
        size_t tn = na;
        na = nb, nb = tn;
    }
    if ((nb - na) * MOVE_COST > max_cost) return max_cost + 1;
    // One row of the table: row[i] is the distance between a[0..i+1) and
    // the part of b seen so far.
    size_t row[MAX_NAME];
    for (size_t i = 0; i < na; i++)
        row[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t j = 0; j < nb; j++) {
        size_t diag = j * MOVE_COST; // distance(a[0..0), b[0..j))
        result = (j + 1) * MOVE_COST;
        size_t row_min = result;
        for (size_t i = 0; i < na; i++) {
            size_t sub = a[i] == b[j] ? 0 : same_ignoring_case(a[i], b[j]) ? CASE_COST : MOVE_COST;
            size_t best = diag + sub;
            diag = row[i];
            if (result + MOVE_COST < best) best = result + MOVE_COST; // from the left
            if (diag + MOVE_COST < best) best = diag + MOVE_COST;     // from above
            row[i] = result = best;
            if (best < row_min) row_min = best;
        }
        if (row_min > max_cost) return max_cost + 1;
    }
    return result;
}

// The closest name of the list `names` to `name` (new reference), or NULL.
static obj_t *closest(obj_t *names, obj_t *name) {
    ssize_t n = list_size(names);
    if (n < 0 || n >= MAX_CANDIDATES) return NULL;
    const char *s = str_data(name);
    size_t ns = str_nbytes(name);
    obj_t *best = NULL;
    size_t best_cost = SIZE_MAX;
    for (ssize_t i = 0; i < n; i++) {
        obj_t *item = list_get(names, i);
        if (item == NULL) break;
        if (!STR_CHECK(item) || str_eq(item, name)) {
            DECREF(item);
            continue;
        }
        size_t ni = str_nbytes(item);
        // At most about a third of the characters involved may change, and
        // a candidate must beat the best so far.
        size_t max_cost = (ns + ni + 3) * MOVE_COST / 6;
        if (best != NULL && best_cost - 1 < max_cost) max_cost = best_cost - 1;
        size_t cost = edit_distance(s, ns, str_data(item), ni, max_cost);
        if (cost > max_cost || (best != NULL && cost >= best_cost)) {
            DECREF(item);
            continue;
        }
        XDECREF(best);
        best = item;
        best_cost = cost;
    }
    return best;
}

// The keys of frame.<attr> when it is a dict, as a list; else NULL.
static obj_t *frame_names(obj_t *frame, const char *attr) {
    obj_t *ns = obj_getattr_str(frame, attr);
    obj_t *keys = ns != NULL && DICT_CHECK(ns) ? dict_keys_list(ns) : NULL;
    XDECREF(ns);
    return keys;
}

static obj_t *for_name_error(obj_t *exc, obj_t *name) {
    // The innermost frame: the last link of the traceback.
    obj_t *tb = obj_getattr_str(exc, "__traceback__");
    while (tb != NULL && tb != None) {
        obj_t *next = obj_getattr_str(tb, "tb_next");
        if (next == NULL || next == None) {
            XDECREF(next);
            break;
        }
        DECREF(tb);
        tb = next;
    }
    if (tb == NULL || tb == None) {
        XDECREF(tb);
        return NULL;
    }
    obj_t *frame = obj_getattr_str(tb, "tb_frame");
    DECREF(tb);
    if (frame == NULL) return NULL;
    static const char *const scopes[] = {"f_locals", "f_globals", "f_builtins"};
    obj_t *r = NULL;
    for (size_t i = 0; i < sizeof scopes / sizeof *scopes && r == NULL; i++) {
        obj_t *names = frame_names(frame, scopes[i]);
        if (names == NULL) continue;
        r = closest(names, name);
        DECREF(names);
    }
    DECREF(frame);
    return r;
}

static obj_t *for_attribute_error(obj_t *exc, obj_t *name) {
    obj_t *obj = obj_getattr_str(exc, "obj");
    if (obj == NULL || obj == None) {
        XDECREF(obj);
        return NULL;
    }
    obj_t *names = obj_dir(obj);
    DECREF(obj);
    if (names == NULL) return NULL;
    obj_t *r = LIST_CHECK(names) ? closest(names, name) : NULL;
    DECREF(names);
    return r;
}

obj_t *suggestion_for_exception(obj_t *exc) {
    type_t *t = TYPE(exc);
    bool attr = type_is_subtype(t, exc_AttributeError);
    if (!attr && !type_is_subtype(t, exc_NameError)) return NULL;
    // The hint may run Python code (dir(), a frame's f_locals): keep the
    // exception being reported out of its way.
    obj_t *saved = err_fetch();
    obj_t *name = obj_getattr_str(exc, "name");
    obj_t *r = NULL;
    if (name != NULL && STR_CHECK(name))
        r = attr ? for_attribute_error(exc, name) : for_name_error(exc, name);
    XDECREF(name);
    err_clear();
    err_restore(saved);
    return r;
}
