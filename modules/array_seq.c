/*
 * modules/array_seq.c — array.array's sequence protocol (len, indexing,
 * slices, +, *, +=, *=, comparisons, `in`), its methods and its iterator.
 * Locking as described at the top of modules/array.c: raw items under the
 * array's critical section, conversions and comparisons outside it.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../objects/bytes.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/range.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"
#include "array.h"

#define A(o)   ((array_t *)(o))
#define ISZ(a) ((size_t)(a)->d->size)

static size_t locked_len(array_t *a) {
    size_t n;
    BEGIN_CRITICAL_SECTION(a);
    n = a->len;
    END_CRITICAL_SECTION();
    return n;
}

obj_t *array_tolist_obj(obj_t *self) {
    array_t *a = A(self);
    obj_t *snap = array_snapshot(self);
    if (!snap) return NULL;
    size_t n = bytes_len(snap) / ISZ(a);
    obj_t *l = list_new(0);
    for (size_t i = 0; l && i < n; i++) {
        obj_t *v = array_item_obj(a->d, (const char *)bytes_data(snap) + i * ISZ(a));
        if (!v || list_append(l, v) < 0) CLEAR(l);
        XDECREF(v);
    }
    DECREF(snap);
    return l;
}

obj_t *array_tounicode_obj(obj_t *self) {
    array_t *a = A(self);
    obj_t *snap = array_snapshot(self);
    if (!snap) return NULL;
    size_t n = bytes_len(snap) / 4;
    const unsigned char *p = bytes_data(snap);
    str_builder_t b;
    str_builder_init(&b);
    for (size_t i = 0; i < n; i++) {
        uint32_t c;
        memcpy(&c, p + 4 * i, 4);
        if (c > 0x10ffff) {
            str_builder_discard(&b);
            DECREF(snap);
            err_format(exc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", c);
            return NULL;
        }
        str_builder_add_codepoint(&b, c);
    }
    DECREF(snap);
    (void)a;
    return str_builder_finish(&b);
}

// ---- indexing ----------------------------------------------------------------------------

static ssize_t array_len(obj_t *self) {
    return (ssize_t)locked_len(A(self));
}

static int index_arg(obj_t *key, ssize_t *out) {
    *out = obj_as_ssize(key);
    if (*out == -1 && err_occurred()) {
        if (err_matches(exc_OverflowError)) {
            err_clear();
            err_format(exc_IndexError, "cannot fit '%s' into an index-sized integer",
                       obj_type_name(key));
        }
        return -1;
    }
    return 0;
}

static bool has_index(obj_t *v) {
    return INT_CHECK(v) || TYPE(v)->nb_index != NULL;
}

static obj_t *slice_of(array_t *a, ssize_t start, ssize_t step, ssize_t n) {
    obj_t *r = array_new_empty(&array_type, a->d);
    if (!r) return NULL;
    array_t *b = A(r);
    size_t isz = ISZ(a);
    if (n > 0 && array_reserve_locked(b, (size_t)n) < 0) {
        DECREF(r);
        return NULL;
    }
    for (ssize_t k = 0; k < n; k++)
        memcpy(b->data + (size_t)k * isz, a->data + (size_t)(start + k * step) * isz, isz);
    b->len = (size_t)(n > 0 ? n : 0);
    return r;
}

static obj_t *array_getitem(obj_t *self, obj_t *key) {
    array_t *a = A(self);
    if (SLICE_CHECK(key)) {
        ssize_t start, stop, step;
        if (slice_unpack_raw(key, &start, &stop, &step) < 0) return NULL;
        obj_t *r;
        BEGIN_CRITICAL_SECTION(a);
        ssize_t n = slice_adjust_indices((ssize_t)a->len, &start, &stop, step);
        r = slice_of(a, start, step, n);
        END_CRITICAL_SECTION();
        return r;
    }
    if (!has_index(key)) {
        err_set_str(exc_TypeError, "array indices must be integers");
        return NULL;
    }
    ssize_t i;
    if (index_arg(key, &i) < 0) return NULL;
    char raw[8];
    bool ok;
    BEGIN_CRITICAL_SECTION(a);
    if (i < 0) i += (ssize_t)a->len;
    ok = i >= 0 && (size_t)i < a->len;
    if (ok) memcpy(raw, a->data + (size_t)i * ISZ(a), ISZ(a));
    END_CRITICAL_SECTION();
    if (!ok) {
        err_set_str(exc_IndexError, "array index out of range");
        return NULL;
    }
    return array_item_obj(a->d, raw);
}

// a[slice] = value (value NULL: delete).  value is an array of a's kind.
static int assign_slice(array_t *a, obj_t *key, obj_t *value) {
    ssize_t start, stop, step;
    if (slice_unpack_raw(key, &start, &stop, &step) < 0) return -1;
    obj_t *snap = NULL;
    size_t vn = 0;
    if (value) {
        snap = array_snapshot(value);
        if (!snap) return -1;
        vn = bytes_len(snap) / ISZ(a);
    }
    const char *src = snap ? (const char *)bytes_data(snap) : NULL;
    size_t isz = ISZ(a);
    int rc = 0;
    BEGIN_CRITICAL_SECTION(a);
    ssize_t n = slice_adjust_indices((ssize_t)a->len, &start, &stop, step);
    if (step == 1) {
        size_t cnt = (size_t)n;
        if (cnt == vn) {
            if (vn) memcpy(a->data + (size_t)start * isz, src, vn * isz);
        } else if (array_check_resize_locked(a) < 0) {
            rc = -1;
        } else if (array_delete_locked(a, (size_t)start, cnt) < 0 ||
                   array_insert_raw_locked(a, (size_t)start, src, vn) < 0) {
            rc = -1;
        }
    } else if (value) {
        if ((size_t)n != vn) {
            err_format(exc_ValueError,
                       "attempt to assign array of size %zu to extended slice of size %zd", vn, n);
            rc = -1;
        } else {
            for (ssize_t k = 0; k < n; k++)
                memcpy(a->data + (size_t)(start + k * step) * isz, src + (size_t)k * isz, isz);
        }
    } else if (n > 0) {
        if (array_check_resize_locked(a) < 0) {
            rc = -1;
        } else {
            // Deletion of an extended slice: keep the others, in order.
            if (step < 0) {
                start += step * (n - 1);
                step = -step;
            }
            size_t w = (size_t)start;
            for (size_t r = (size_t)start; r < a->len; r++) {
                if (r >= (size_t)start && (r - (size_t)start) % (size_t)step == 0 &&
                    (r - (size_t)start) / (size_t)step < (size_t)n)
                    continue;
                memmove(a->data + w * isz, a->data + r * isz, isz);
                w++;
            }
            a->len = w;
        }
    }
    END_CRITICAL_SECTION();
    XDECREF(snap);
    return rc;
}

static int array_setitem(obj_t *self, obj_t *key, obj_t *value) {
    array_t *a = A(self);
    if (SLICE_CHECK(key)) {
        if (value) {
            if (!ARRAY_CHECK(value)) {
                err_format(exc_TypeError, "can only assign array (not \"%s\") to array slice",
                           obj_type_name(value));
                return -1;
            }
            if (A(value)->d != a->d) {
                err_set_str(exc_TypeError, "bad argument type for built-in operation");
                return -1;
            }
        }
        return assign_slice(a, key, value);
    }
    if (!has_index(key)) {
        err_set_str(exc_TypeError, "array indices must be integers");
        return -1;
    }
    ssize_t i;
    if (index_arg(key, &i) < 0) return -1;
    char raw[8];
    if (value && array_item_from_obj(a->d, value, raw) < 0) return -1;
    int rc = 0;
    BEGIN_CRITICAL_SECTION(a);
    if (i < 0) i += (ssize_t)a->len;
    if (i < 0 || (size_t)i >= a->len) {
        err_set_str(exc_IndexError, "array assignment index out of range");
        rc = -1;
    } else if (value) {
        memcpy(a->data + (size_t)i * ISZ(a), raw, ISZ(a));
    } else {
        rc = array_delete_locked(a, (size_t)i, 1);
    }
    END_CRITICAL_SECTION();
    return rc;
}

// ---- searching (on a snapshot, comparisons outside the section) --------------------------

// Index of the first item == v in [start, stop) of a snapshot, -1 none, -2 error.
static ssize_t find(obj_t *self, obj_t *v, ssize_t start, ssize_t stop, size_t *count) {
    array_t *a = A(self);
    obj_t *snap = array_snapshot(self);
    if (!snap) return -2;
    ssize_t n = (ssize_t)(bytes_len(snap) / ISZ(a));
    if (start < 0) {
        start += n;
        if (start < 0) start = 0;
    }
    if (stop < 0) {
        stop += n;
        if (stop < 0) stop = 0;
    }
    if (stop > n) stop = n;
    ssize_t found = -1;
    for (ssize_t i = start; i < stop; i++) {
        obj_t *item = array_item_obj(a->d, (const char *)bytes_data(snap) + (size_t)i * ISZ(a));
        if (!item) {
            found = -2;
            break;
        }
        int eq = obj_richcompare_bool(item, v, CMP_EQ_OP);
        DECREF(item);
        if (eq < 0) {
            found = -2;
            break;
        }
        if (eq) {
            if (!count) {
                found = i;
                break;
            }
            (*count)++;
        }
    }
    DECREF(snap);
    return found;
}

static int array_contains(obj_t *self, obj_t *v) {
    ssize_t i = find(self, v, 0, SSIZE_MAX, NULL);
    return i == -2 ? -1 : i >= 0;
}

static obj_t *m_count(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.count", nargs, kwnames, 1, 1) < 0) return NULL;
    size_t c = 0;
    if (find(self, args[0], 0, SSIZE_MAX, &c) == -2) return NULL;
    return int_from_u64(c);
}

static int slice_bound(obj_t *v, ssize_t *out) {
    if (!has_index(v)) {
        err_set_str(exc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    obj_t *i = obj_index(v);
    if (!i) return -1;
    int64_t x;
    if (int_as_i64(i, &x) < 0) {
        err_clear();
        x = int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
    }
    DECREF(i);
    *out = (ssize_t)x;
    return 0;
}

static obj_t *m_index(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("array.index", kwnames) < 0 || args_check("index", nargs, NULL, 1, 3) < 0)
        return NULL;
    ssize_t start = 0, stop = SSIZE_MAX;
    if ((nargs > 1 && slice_bound(args[1], &start) < 0) ||
        (nargs > 2 && slice_bound(args[2], &stop) < 0))
        return NULL;
    ssize_t i = find(self, args[0], start, stop, NULL);
    if (i == -2) return NULL;
    if (i < 0) {
        err_set_str(exc_ValueError, "array.index(x): x not in array");
        return NULL;
    }
    return int_from_i64(i);
}

static obj_t *m_remove(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.remove", nargs, kwnames, 1, 1) < 0) return NULL;
    ssize_t i = find(self, args[0], 0, SSIZE_MAX, NULL);
    if (i == -2) return NULL;
    if (i < 0) {
        err_set_str(exc_ValueError, "array.remove(x): x not in array");
        return NULL;
    }
    array_t *a = A(self);
    int rc = 0;
    BEGIN_CRITICAL_SECTION(a);
    if ((size_t)i < a->len) rc = array_delete_locked(a, (size_t)i, 1);
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

// ---- methods that change the array -------------------------------------------------------

static obj_t *m_append(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.append", nargs, kwnames, 1, 1) < 0) return NULL;
    array_t *a = A(self);
    char raw[8];
    if (array_item_from_obj(a->d, args[0], raw) < 0) return NULL;
    int rc;
    BEGIN_CRITICAL_SECTION(a);
    rc = array_insert_raw_locked(a, a->len, raw, 1);
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *m_insert(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("array.insert", kwnames) < 0 || args_check("insert", nargs, NULL, 2, 2) < 0)
        return NULL;
    array_t *a = A(self);
    ssize_t i;
    if (!has_index(args[0])) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(args[0]));
        return NULL;
    }
    i = obj_as_ssize(args[0]);
    if (i == -1 && err_occurred()) return NULL;
    char raw[8];
    if (array_item_from_obj(a->d, args[1], raw) < 0) return NULL;
    int rc;
    BEGIN_CRITICAL_SECTION(a);
    ssize_t n = (ssize_t)a->len;
    if (i < 0) {
        i += n;
        if (i < 0) i = 0;
    }
    if (i > n) i = n;
    rc = array_insert_raw_locked(a, (size_t)i, raw, 1);
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *m_pop(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("array.pop", kwnames) < 0 || args_check("pop", nargs, NULL, 0, 1) < 0)
        return NULL;
    ssize_t i = -1;
    if (nargs) {
        if (!has_index(args[0])) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       obj_type_name(args[0]));
            return NULL;
        }
        i = obj_as_ssize(args[0]);
        if (i == -1 && err_occurred()) return NULL;
    }
    array_t *a = A(self);
    char raw[8];
    int why = 0;
    BEGIN_CRITICAL_SECTION(a);
    if (a->len == 0) {
        why = 1;
    } else {
        if (i < 0) i += (ssize_t)a->len;
        if (i < 0 || (size_t)i >= a->len) {
            why = 2;
        } else {
            memcpy(raw, a->data + (size_t)i * ISZ(a), ISZ(a));
            if (array_delete_locked(a, (size_t)i, 1) < 0) why = 3;
        }
    }
    END_CRITICAL_SECTION();
    if (why == 1 || why == 2) {
        err_set_str(exc_IndexError, why == 1 ? "pop from empty array" : "pop index out of range");
        return NULL;
    }
    if (why == 3) return NULL;
    return array_item_obj(a->d, raw);
}

static obj_t *m_extend(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.extend", nargs, kwnames, 1, 1) < 0) return NULL;
    int rc = ARRAY_CHECK(args[0]) ? array_extend_array(self, args[0])
                                  : array_extend_iterable(self, args[0]);
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *m_frombytes(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.frombytes", nargs, kwnames, 1, 1) < 0) return NULL;
    return array_frombytes_impl(self, args[0]) < 0 ? NULL : NEWREF(None);
}

static obj_t *m_fromlist(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.fromlist", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!LIST_CHECK(args[0])) {
        err_set_str(exc_TypeError, "arg must be list");
        return NULL;
    }
    // All or nothing: convert into a scratch array first.
    array_t *a = A(self);
    obj_t *tmp = array_new_empty(&array_type, a->d);
    if (!tmp) return NULL;
    int rc = array_extend_iterable(tmp, args[0]);
    if (rc == 0) rc = array_extend_array(self, tmp);
    DECREF(tmp);
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *m_fromunicode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.fromunicode", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!STR_CHECK(args[0])) {
        err_format(exc_TypeError, "fromunicode() argument must be str, not %s",
                   obj_type_name(args[0]));
        return NULL;
    }
    if (A(self)->d->code != 'u') {
        err_set_str(exc_ValueError, "fromunicode() may only be called on unicode type arrays");
        return NULL;
    }
    return array_fromunicode_impl(self, args[0]) < 0 ? NULL : NEWREF(None);
}

static obj_t *m_fromfile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("array.fromfile", kwnames) < 0 || args_check("fromfile", nargs, NULL, 2, 2) < 0)
        return NULL;
    array_t *a = A(self);
    if (!has_index(args[1])) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(args[1]));
        return NULL;
    }
    ssize_t n = obj_as_ssize(args[1]);
    if (n == -1 && err_occurred()) return NULL;
    if (n < 0) {
        err_set_str(exc_ValueError, "negative count");
        return NULL;
    }
    if ((size_t)n > SSIZE_MAX / ISZ(a)) return err_no_memory();
    obj_t *nb = int_from_i64(n * (ssize_t)ISZ(a));
    if (!nb) return NULL;
    obj_t *b = obj_call_method(args[0], "read", &nb, 1);
    DECREF(nb);
    if (!b) return NULL;
    if (!BYTES_CHECK(b)) {
        DECREF(b);
        err_set_str(exc_TypeError, "read() didn't return bytes");
        return NULL;
    }
    size_t got = bytes_len(b) / ISZ(a) * ISZ(a);
    obj_t *part = got == bytes_len(b) ? NEWREF(b) : bytes_from(bytes_data(b), got);
    bool short_read = bytes_len(b) != (size_t)n * ISZ(a);
    DECREF(b);
    if (!part) return NULL;
    int rc = array_frombytes_impl(self, part);
    DECREF(part);
    if (rc < 0) return NULL;
    if (short_read) {
        err_set_str(exc_EOFError, "read() didn't return enough bytes");
        return NULL;
    }
    return NEWREF(None);
}

static obj_t *m_tofile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.tofile", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *snap = array_snapshot(self);
    if (!snap) return NULL;
    const size_t block = 64 * 1024;
    size_t n = bytes_len(snap);
    for (size_t off = 0; off < n || (n == 0 && off == 0); off += block) {
        if (n == 0) {
            // CPython writes nothing for an empty array but still looks up write.
            obj_t *w = obj_getattr_str(args[0], "write");
            if (!w) {
                DECREF(snap);
                return NULL;
            }
            DECREF(w);
            break;
        }
        size_t len = n - off < block ? n - off : block;
        obj_t *chunk = bytes_from(bytes_data(snap) + off, len);
        if (!chunk) {
            DECREF(snap);
            return NULL;
        }
        obj_t *r = obj_call_method(args[0], "write", &chunk, 1);
        DECREF(chunk);
        if (!r) {
            DECREF(snap);
            return NULL;
        }
        DECREF(r);
    }
    DECREF(snap);
    return NEWREF(None);
}

static obj_t *m_reverse(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.reverse", nargs, kwnames, 0, 0) < 0) return NULL;
    array_t *a = A(self);
    size_t isz = ISZ(a);
    BEGIN_CRITICAL_SECTION(a);
    char tmp[8];
    for (size_t i = 0, j = a->len; a->len && i < --j; i++) {
        memcpy(tmp, a->data + i * isz, isz);
        memcpy(a->data + i * isz, a->data + j * isz, isz);
        memcpy(a->data + j * isz, tmp, isz);
    }
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static obj_t *m_byteswap(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.byteswap", nargs, kwnames, 0, 0) < 0) return NULL;
    array_t *a = A(self);
    size_t isz = ISZ(a);
    BEGIN_CRITICAL_SECTION(a);
    for (size_t i = 0; i < a->len; i++) {
        char *p = a->data + i * isz;
        for (size_t k = 0; k < isz / 2; k++) {
            char c = p[k];
            p[k] = p[isz - 1 - k];
            p[isz - 1 - k] = c;
        }
    }
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static obj_t *m_buffer_info(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.buffer_info", nargs, kwnames, 0, 0) < 0) return NULL;
    array_t *a = A(self);
    uintptr_t addr;
    size_t n;
    BEGIN_CRITICAL_SECTION(a);
    addr = (uintptr_t)a->data;
    n = a->len;
    END_CRITICAL_SECTION();
    obj_t *x = int_from_u64(addr), *y = int_from_u64(n);
    obj_t *r = x && y ? tuple_pack(2, x, y) : NULL;
    XDECREF(x);
    XDECREF(y);
    return r;
}

static obj_t *m_tobytes(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.tobytes", nargs, kwnames, 0, 0) < 0) return NULL;
    return array_snapshot(self);
}

static obj_t *m_tolist(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.tolist", nargs, kwnames, 0, 0) < 0) return NULL;
    return array_tolist_obj(self);
}

static obj_t *m_tounicode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.tounicode", nargs, kwnames, 0, 0) < 0) return NULL;
    if (A(self)->d->code != 'u') {
        err_set_str(exc_ValueError, "tounicode() may only be called on unicode type arrays");
        return NULL;
    }
    return array_tounicode_obj(self);
}

static obj_t *copy_of(obj_t *self) {
    array_t *a = A(self);
    obj_t *r;
    BEGIN_CRITICAL_SECTION(a);
    r = slice_of(a, 0, 1, (ssize_t)a->len);
    END_CRITICAL_SECTION();
    return r;
}

static obj_t *m_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.__copy__", nargs, kwnames, 0, 0) < 0) return NULL;
    return copy_of(self);
}

static obj_t *m_deepcopy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.__deepcopy__", nargs, kwnames, 1, 1) < 0) return NULL;
    return copy_of(self);
}

static obj_t *m_sizeof(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("array.__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    array_t *a = A(self);
    size_t cap;
    BEGIN_CRITICAL_SECTION(a);
    cap = a->cap;
    END_CRITICAL_SECTION();
    return int_from_u64(64 + cap * ISZ(a));
}

// ---- operators ---------------------------------------------------------------------------

static obj_t *array_concat(obj_t *x, obj_t *y) {
    if (!ARRAY_CHECK(x)) return NEWREF(NotImplemented);
    if (!ARRAY_CHECK(y)) {
        if (!IS_SMALLINT(y) && type_has_flag(TYPE(y), TPFLAG_HEAPTYPE) && TYPE(y)->nb[BINOP_ADD])
            return NEWREF(NotImplemented);
        err_format(exc_TypeError, "can only append array (not \"%s\") to array", obj_type_name(y));
        return NULL;
    }
    if (A(x)->d != A(y)->d) {
        err_set_str(exc_TypeError, "bad argument type for built-in operation");
        return NULL;
    }
    obj_t *r = copy_of(x);
    if (r && array_extend_array(r, y) < 0) CLEAR(r);
    return r;
}

// The count of seq * n: 1 ok, 0 NotImplemented, -1 error.
static int repeat_count(obj_t *count, ssize_t *n) {
    if (!has_index(count)) {
        if (!IS_SMALLINT(count) && type_has_flag(TYPE(count), TPFLAG_HEAPTYPE) &&
            TYPE(count)->nb[BINOP_MUL])
            return 0;
        err_format(exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                   obj_type_name(count));
        return -1;
    }
    *n = obj_as_ssize(count);
    if (*n == -1 && err_occurred()) {
        if (err_matches(exc_OverflowError)) {
            err_clear();
            err_format(exc_OverflowError, "cannot fit '%s' into an index-sized integer",
                       obj_type_name(count));
        }
        return -1;
    }
    return 1;
}

// The items of snap (bytes) repeated n times, into a (section held).
static int repeat_into(array_t *a, obj_t *snap, ssize_t n) {
    size_t len = bytes_len(snap);
    if (n <= 0 || len == 0) return 0;
    if ((size_t)n > SIZE_MAX / len || obj_alloc_too_big(len * (size_t)n)) {
        err_no_memory();
        return -1;
    }
    size_t items = len / ISZ(a);
    if (array_reserve_locked(a, a->len + items * (size_t)n) < 0) return -1;
    for (ssize_t k = 0; k < n; k++) {
        memcpy(a->data + a->len * ISZ(a), bytes_data(snap), len);
        a->len += items;
    }
    return 0;
}

static obj_t *array_repeat(obj_t *x, obj_t *y) {
    bool left = ARRAY_CHECK(x);
    obj_t *seq = left ? x : y, *count = left ? y : x;
    ssize_t n;
    int rc = repeat_count(count, &n);
    if (rc <= 0) return rc == 0 ? NEWREF(NotImplemented) : NULL;
    obj_t *snap = array_snapshot(seq);
    if (!snap) return NULL;
    obj_t *r = array_new_empty(&array_type, A(seq)->d);
    if (r && repeat_into(A(r), snap, n) < 0) CLEAR(r);
    DECREF(snap);
    return r;
}

static obj_t *array_iadd(obj_t *x, obj_t *y) {
    if (!ARRAY_CHECK(y)) {
        err_format(exc_TypeError, "can only extend array with array (not \"%s\")",
                   obj_type_name(y));
        return NULL;
    }
    if (array_extend_array(x, y) < 0) return NULL;
    return NEWREF(x);
}

static obj_t *array_imul(obj_t *x, obj_t *y) {
    ssize_t n;
    if (!has_index(y)) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(y));
        return NULL;
    }
    int rc = repeat_count(y, &n);
    if (rc <= 0) return rc == 0 ? NEWREF(NotImplemented) : NULL;
    array_t *a = A(x);
    obj_t *snap = array_snapshot(x);
    if (!snap) return NULL;
    BEGIN_CRITICAL_SECTION(a);
    if (bytes_len(snap) == 0 || n == 1)
        rc = 0;
    else if (array_check_resize_locked(a) < 0)
        rc = -1;
    else {
        a->len = 0;
        rc = repeat_into(a, snap, n);
    }
    END_CRITICAL_SECTION();
    DECREF(snap);
    return rc < 0 ? NULL : NEWREF(x);
}

static obj_t *array_richcompare(obj_t *x, obj_t *y, int op) {
    if (!ARRAY_CHECK(x) || !ARRAY_CHECK(y)) return NEWREF(NotImplemented);
    if ((op == CMP_EQ_OP || op == CMP_NE_OP) && locked_len(A(x)) != locked_len(A(y)))
        return NEWREF(bool_from(op == CMP_NE_OP));
    obj_t *lx = array_tolist_obj(x);
    obj_t *ly = lx ? array_tolist_obj(y) : NULL;
    obj_t *r = ly ? obj_richcompare(lx, ly, op) : NULL;
    XDECREF(lx);
    XDECREF(ly);
    return r;
}

// ---- iterator ------------------------------------------------------------------------------

typedef struct {
    obj_t ob;
    obj_t *arr;   // NULL once exhausted (iterator's section)
    size_t index; // iterator's section
} arrayiter_t;

static obj_t *array_iter(obj_t *self) {
    if (type_ensure_ready(&array_iter_type) < 0) return NULL;
    arrayiter_t *it = (arrayiter_t *)obj_alloc(&array_iter_type, sizeof(arrayiter_t));
    if (!it) return NULL;
    it->arr = NEWREF(self);
    return (obj_t *)it;
}

static void arrayiter_dealloc(obj_t *o) {
    XDECREF(((arrayiter_t *)o)->arr);
    obj_free(o);
}

static obj_t *arrayiter_next(obj_t *o) {
    arrayiter_t *it = (arrayiter_t *)o;
    obj_t *arr = NULL, *dead = NULL;
    char raw[8];
    bool got = false;
    BEGIN_CRITICAL_SECTION(it);
    arr = it->arr;
    if (arr) {
        array_t *a = A(arr);
        BEGIN_CRITICAL_SECTION(a);
        if (it->index < a->len) {
            memcpy(raw, a->data + it->index * ISZ(a), ISZ(a));
            it->index++;
            got = true;
        }
        END_CRITICAL_SECTION();
        if (!got) {
            dead = arr;
            it->arr = NULL;
        }
    }
    END_CRITICAL_SECTION();
    if (dead) DECREF(dead);
    if (!got) return NULL;
    return array_item_obj(A(arr)->d, raw);
}

static obj_t *builtin_iter(void) {
    obj_t *b = import_module("builtins");
    if (!b) return NULL;
    obj_t *f = obj_getattr_str(b, "iter");
    DECREF(b);
    return f;
}

static obj_t *arrayiter_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    arrayiter_t *it = (arrayiter_t *)self;
    obj_t *fn = builtin_iter();
    if (!fn) return NULL;
    obj_t *arr;
    size_t index;
    BEGIN_CRITICAL_SECTION(it);
    arr = it->arr ? NEWREF(it->arr) : NULL;
    index = it->index;
    END_CRITICAL_SECTION();
    obj_t *r;
    if (!arr) {
        obj_t *empty = tuple_new(0);
        obj_t *inner = empty ? tuple_pack(1, empty) : NULL;
        r = inner ? tuple_pack(2, fn, inner) : NULL;
        XDECREF(empty);
        XDECREF(inner);
    } else {
        obj_t *inner = tuple_pack(1, arr);
        obj_t *idx = int_from_u64(index);
        r = inner && idx ? tuple_pack(3, fn, inner, idx) : NULL;
        XDECREF(inner);
        XDECREF(idx);
        DECREF(arr);
    }
    DECREF(fn);
    return r;
}

static obj_t *arrayiter_setstate(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__setstate__", nargs, kwnames, 1, 1) < 0) return NULL;
    ssize_t i = obj_as_ssize(args[0]);
    if (i == -1 && err_occurred()) return NULL;
    arrayiter_t *it = (arrayiter_t *)self;
    BEGIN_CRITICAL_SECTION(it);
    if (it->arr) {
        size_t n = locked_len(A(it->arr));
        if (i < 0) i = 0;
        if ((size_t)i > n) i = (ssize_t)n;
        it->index = (size_t)i;
    }
    END_CRITICAL_SECTION();
    return NEWREF(None);
}

static obj_t *iter_self(obj_t *self) {
    return NEWREF(self);
}

static const method_def_t arrayiter_methods[] = {
    {"__reduce__", arrayiter_reduce, METH_DEFAULT, "Return state information for pickling."},
    {"__setstate__", arrayiter_setstate, METH_DEFAULT, "Set state information for unpickling."},
    {NULL},
};

type_t array_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "array.arrayiterator",
    .basicsize = sizeof(arrayiter_t),
    .base = &object_type,
    .dealloc = arrayiter_dealloc,
    .iter = iter_self,
    .iternext = arrayiter_next,
    .methods = arrayiter_methods,
};

// ---- the method table --------------------------------------------------------------------

static const method_def_t array_methods[] = {
    {"append", m_append, METH_DEFAULT, "Append new value v to the end of the array."},
    {"buffer_info", m_buffer_info, METH_DEFAULT, NULL},
    {"byteswap", m_byteswap, METH_DEFAULT, "Byteswap all items of the array."},
    {"count", m_count, METH_DEFAULT, "Return number of occurrences of v in the array."},
    {"extend", m_extend, METH_DEFAULT, "Append items to the end of the array."},
    {"frombytes", m_frombytes, METH_DEFAULT, NULL},
    {"fromfile", m_fromfile, METH_DEFAULT, NULL},
    {"fromlist", m_fromlist, METH_DEFAULT, "Append items to array from list."},
    {"fromunicode", m_fromunicode, METH_DEFAULT, NULL},
    {"index", m_index, METH_DEFAULT, NULL},
    {"insert", m_insert, METH_DEFAULT, "Insert a new item v into the array before position i."},
    {"pop", m_pop, METH_DEFAULT, NULL},
    {"remove", m_remove, METH_DEFAULT, "Remove the first occurrence of v in the array."},
    {"reverse", m_reverse, METH_DEFAULT, "Reverse the order of the items in the array."},
    {"tobytes", m_tobytes, METH_DEFAULT, NULL},
    {"tofile", m_tofile, METH_DEFAULT, "Write all items (as machine values) to the file object f."},
    {"tolist", m_tolist, METH_DEFAULT, "Convert array to an ordinary list with the same items."},
    {"tounicode", m_tounicode, METH_DEFAULT, NULL},
    {"__copy__", m_copy, METH_DEFAULT, "Return a copy of the array."},
    {"__deepcopy__", m_deepcopy, METH_DEFAULT, "Return a copy of the array."},
    {"__sizeof__", m_sizeof, METH_DEFAULT, "Size of the array in memory, in bytes."},
    {"__reduce_ex__", array_reduce_ex, METH_DEFAULT, "Return state information for pickling."},
    {NULL},
};

type_t array_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "array.array",
    .basicsize = sizeof(array_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = array_dealloc,
    .repr = array_repr,
    .hash = hash_not_implemented,
    .richcompare = array_richcompare,
    .iter = array_iter,
    .tp_new = array_tp_new,
    .nb = {[BINOP_ADD] = array_concat, [BINOP_MUL] = array_repeat},
    .nb_inplace = {[BINOP_ADD] = array_iadd, [BINOP_MUL] = array_imul},
    .len = array_len,
    .getitem = array_getitem,
    .setitem = array_setitem,
    .contains = array_contains,
    .methods = array_methods,
    .getsets = array_getsets,
    .doc = "array(typecode [, initializer]) -> array",
    .as_buffer = &array_buffer_procs,
};
