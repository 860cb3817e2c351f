/*
 * modules/sre.c — the `_sre` module: the native half of the `re` package.
 * re/_compiler.py turns a pattern into a list of code words and calls
 * _sre.compile(); this file holds the objects it returns and uses:
 *   - re.Pattern: the code words, the pattern, flags, group names; match,
 *     fullmatch, search, findall, finditer, sub, subn, split, scanner;
 *   - re.Match: the subject, the spans of the groups, lastindex;
 *   - _sre.SRE_Scanner: a position moving through one subject (finditer,
 *     re.Scanner).
 * The matcher itself is modules/sre_engine.c.
 *
 * Subjects: a str is matched over its code points — an ASCII str in place
 * (one byte each), any other decoded into a private uint32_t array for the
 * call; a bytes-like subject is snapshotted as bytes (buffer_as_bytes), so
 * another thread resizing a bytearray cannot pull memory from under a match.
 *
 * Concurrency: Pattern and Match objects never change after they are made,
 * so any number of threads share them with no lock.  A Scanner's position
 * changes: it is read and written inside the scanner's critical section,
 * and a flag set there marks a running match, so a second thread calling
 * the same scanner at once gets ValueError instead of racing (the match
 * itself runs outside the section: it may take long, poll the eval
 * breaker, and the subject it reads is immutable).  sub() with a callable
 * replacement calls Python code with no lock held.
 */
#include "sre.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/range.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"

// objects/str.c: a new exact str of the code points [start, end) of s.
obj_t *str_substr(obj_t *s, size_t start, size_t end);

typedef struct {
    obj_t ob;
    obj_t *pattern; // str, bytes or None
    int64_t flags;
    obj_t *groupindex; // dict name -> number
    obj_t *indexgroup; // tuple number -> name or None
    size_t groups;
    int isbytes; // 1 bytes, 0 str, -1 either (no pattern)
    size_t codelen;
    uint32_t code[];
} pattern_t;

typedef struct {
    obj_t ob;
    obj_t *string;  // the subject as given
    obj_t *subject; // where slices come from: the str, or a bytes copy
    pattern_t *pattern;
    ssize_t pos, endpos, lastindex;
    size_t ngroups;  // groups + 1
    ssize_t marks[]; // 2 * ngroups: group 0 is the whole match
} match_t;

// A subject prepared for matching.
typedef struct {
    obj_t *string;  // borrowed: as given
    obj_t *subject; // owned: str, or bytes snapshot
    bool isbytes;
    const uint8_t *d8;
    uint32_t *d32; // owned
    ssize_t length;
} subject_t;

typedef struct {
    obj_t ob;
    pattern_t *pattern;
    subject_t subj;
    ssize_t pos, endpos;
    // guarded by the scanner's critical section
    ssize_t start;
    bool must_advance, done, executing;
} scanner_t;

static type_t pattern_type, match_type, scanner_type;

// ---- subjects --------------------------------------------------------------------

static int subject_init(subject_t *s, obj_t *string, pattern_t *p) {
    memset(s, 0, sizeof *s);
    s->string = string;
    if (STR_CHECK(string)) {
        if (p && p->isbytes == 1) {
            err_set_str(exc_TypeError, "cannot use a bytes pattern on a string-like object");
            return -1;
        }
        s->subject = NEWREF(string);
        s->length = (ssize_t)str_len(string);
        const char *d = str_data(string);
        if (((str_t *)string)->ascii) {
            s->d8 = (const uint8_t *)d;
        } else {
            size_t n = str_len(string);
            if (obj_alloc_too_big((n + 1) * sizeof(uint32_t))) {
                DECREF(s->subject);
                err_no_memory();
                return -1;
            }
            s->d32 = malloc((n + 1) * sizeof(uint32_t));
            if (!s->d32) {
                DECREF(s->subject);
                err_no_memory();
                return -1;
            }
            for (size_t i = 0; i < n; i++)
                s->d32[i] = utf8_decode(&d);
        }
        return 0;
    }
    if (!buffer_check(string)) {
        err_format(exc_TypeError, "expected string or bytes-like object, got '%s'",
                   obj_type_name(string));
        return -1;
    }
    if (p && p->isbytes == 0) {
        err_set_str(exc_TypeError, "cannot use a string pattern on a bytes-like object");
        return -1;
    }
    s->subject = buffer_as_bytes(string);
    if (!s->subject) return -1;
    s->isbytes = true;
    s->d8 = bytes_data(s->subject);
    s->length = (ssize_t)bytes_len(s->subject);
    return 0;
}

static void subject_fini(subject_t *s) {
    XDECREF(s->subject);
    s->subject = NULL;
    free(s->d32);
    s->d32 = NULL;
}

// A new str/bytes with the characters [a, b) of the subject object `subj`.
static obj_t *slice_of(obj_t *subj, ssize_t a, ssize_t b) {
    if (b < a) b = a;
    if (BYTES_CHECK(subj)) {
        if (a == 0 && (size_t)b == bytes_len(subj) && OBJ_IS_TYPE(subj, &bytes_type))
            return NEWREF(subj);
        return bytes_from(bytes_data(subj) + a, (size_t)(b - a));
    }
    if (((str_t *)subj)->ascii) return str_from_utf8_trusted(str_data(subj) + a, (size_t)(b - a));
    return str_substr(subj, (size_t)a, (size_t)b);
}

// The same from a prepared subject (fast for decoded str).
static obj_t *subject_slice(subject_t *s, ssize_t a, ssize_t b) {
    if (b < a) b = a;
    if (!s->d32) return slice_of(s->subject, a, b);
    str_builder_t sb;
    str_builder_init(&sb);
    for (ssize_t i = a; i < b; i++)
        str_builder_add_codepoint(&sb, s->d32[i]);
    return str_builder_finish(&sb);
}

static void state_init(sre_state_t *st, subject_t *s, pattern_t *p, ssize_t pos, ssize_t endpos,
                       ssize_t *marks) {
    memset(st, 0, sizeof *st);
    st->d8 = s->d8;
    st->d32 = s->d32;
    st->length = s->length;
    if (pos < 0) pos = 0;
    if (pos > s->length) pos = s->length;
    if (endpos < 0) endpos = 0;
    if (endpos > s->length) endpos = s->length;
    st->start = pos;
    st->end = endpos;
    st->marks = marks;
    st->nmarks = 2 * p->groups;
    st->lastindex = -1;
}

static ssize_t *marks_new(pattern_t *p) {
    ssize_t *m = malloc((2 * p->groups + 1) * sizeof(ssize_t));
    if (!m) err_no_memory();
    return m;
}

static sre_prog_t prog_of(pattern_t *p) {
    return (sre_prog_t){p->code, p->codelen};
}

// ---- Match -----------------------------------------------------------------------

static obj_t *match_new(pattern_t *p, subject_t *s, sre_state_t *st, ssize_t pos, ssize_t endpos) {
    size_t ng = p->groups + 1;
    match_t *m = (match_t *)obj_alloc(&match_type, sizeof(match_t) + 2 * ng * sizeof(ssize_t));
    if (!m) return NULL;
    m->string = NEWREF(s->string);
    m->subject = NEWREF(s->subject);
    m->pattern = (pattern_t *)NEWREF((obj_t *)p);
    m->pos = pos;
    m->endpos = endpos;
    m->lastindex = st->lastindex;
    m->ngroups = ng;
    m->marks[0] = st->match_start;
    m->marks[1] = st->match_end;
    for (size_t i = 0; i < 2 * p->groups; i++) {
        m->marks[2 + i] = st->marks[i];
    }
    // a group whose end is unset (or before its start) did not match
    for (size_t g = 1; g < ng; g++) {
        if (m->marks[2 * g] < 0 || m->marks[2 * g + 1] < 0 || m->marks[2 * g + 1] < m->marks[2 * g])
            m->marks[2 * g] = m->marks[2 * g + 1] = -1;
    }
    return (obj_t *)m;
}

static void match_dealloc(obj_t *o) {
    match_t *m = (match_t *)o;
    XDECREF(m->string);
    XDECREF(m->subject);
    XDECREF((obj_t *)m->pattern);
    obj_free(o);
}

// The group number that `index` names; -1 + IndexError.
static ssize_t match_index(match_t *m, obj_t *index) {
    ssize_t i = -1;
    if (INT_CHECK(index) || type_lookup(TYPE(index), str_intern("__index__"))) {
        obj_t *v = obj_index(index);
        if (!v) return -1;
        int64_t x;
        if (int_as_i64(v, &x) < 0) {
            err_clear();
            x = int_sign(v) < 0 ? -1 : INT64_MAX;
        }
        DECREF(v);
        i = x < 0 ? -1 : (x > SSIZE_MAX ? SSIZE_MAX : (ssize_t)x);
    } else if (m->pattern->groupindex) {
        obj_t *v = dict_get(m->pattern->groupindex, index);
        if (!v && err_occurred()) return -1;
        if (v) {
            int64_t x;
            if (INT_CHECK(v) && int_as_i64(v, &x) == 0) i = (ssize_t)x;
            DECREF(v);
        }
    }
    if (i < 0 || (size_t)i >= m->ngroups) {
        err_set_str(exc_IndexError, "no such group");
        return -1;
    }
    return i;
}

static obj_t *match_group_slice(match_t *m, ssize_t g, obj_t *dflt) {
    ssize_t a = m->marks[2 * g], b = m->marks[2 * g + 1];
    if (a < 0 || b < 0) return NEWREF(dflt);
    return slice_of(m->subject, a, b);
}

static obj_t *match_getitem_one(match_t *m, obj_t *index) {
    ssize_t g = match_index(m, index);
    if (g < 0) return NULL;
    return match_group_slice(m, g, None);
}

static obj_t *M_group(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    match_t *m = (match_t *)self;
    if (args_no_kw("Match.group", kwnames) < 0) return NULL;
    if (nargs == 0) return match_group_slice(m, 0, None);
    if (nargs == 1) return match_getitem_one(m, args[0]);
    obj_t *t = tuple_new(nargs);
    if (!t) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        obj_t *v = match_getitem_one(m, args[i]);
        if (!v) {
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, i, v);
    }
    return t;
}

static obj_t *match_getitem(obj_t *self, obj_t *key) {
    return match_getitem_one((match_t *)self, key);
}

static obj_t *M_groups(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"default", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("groups", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    obj_t *dflt = a[0] ? a[0] : None;
    match_t *m = (match_t *)self;
    obj_t *t = tuple_new(m->ngroups - 1);
    if (!t) return NULL;
    for (size_t g = 1; g < m->ngroups; g++) {
        obj_t *v = match_group_slice(m, (ssize_t)g, dflt);
        if (!v) {
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, g - 1, v);
    }
    return t;
}

static obj_t *M_groupdict(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"default", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("groupdict", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    obj_t *dflt = a[0] ? a[0] : None;
    match_t *m = (match_t *)self;
    obj_t *d = dict_new();
    if (!d) return NULL;
    if (!m->pattern->groupindex) return d;
    ssize_t it = 0;
    obj_t *k, *v;
    while (dict_next(m->pattern->groupindex, &it, &k, &v)) {
        ssize_t g = match_index(m, k);
        obj_t *val = g < 0 ? NULL : match_group_slice(m, g, dflt);
        if (!val || dict_set(d, k, val) < 0) {
            XDECREF(val);
            DECREF(d);
            return NULL;
        }
        DECREF(val);
    }
    return d;
}

static ssize_t group_arg(match_t *m, const char *fname, obj_t *const *args, size_t nargs,
                         obj_t *kwnames) {
    static const char *const names[] = {"group", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse(fname, args, nargs, kwnames, names, 0, a) < 0) return -1;
    if (!a[0]) return 0;
    return match_index(m, a[0]);
}

static obj_t *M_start(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    match_t *m = (match_t *)self;
    ssize_t g = group_arg(m, "start", args, nargs, kwnames);
    return g < 0 ? NULL : int_from_i64(m->marks[2 * g]);
}

static obj_t *M_end(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    match_t *m = (match_t *)self;
    ssize_t g = group_arg(m, "end", args, nargs, kwnames);
    return g < 0 ? NULL : int_from_i64(m->marks[2 * g + 1]);
}

static obj_t *span_tuple(ssize_t a, ssize_t b) {
    obj_t *x = int_from_i64(a), *y = int_from_i64(b);
    obj_t *t = x && y ? tuple_pack(2, x, y) : NULL;
    XDECREF(x);
    XDECREF(y);
    return t;
}

static obj_t *M_span(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    match_t *m = (match_t *)self;
    ssize_t g = group_arg(m, "span", args, nargs, kwnames);
    return g < 0 ? NULL : span_tuple(m->marks[2 * g], m->marks[2 * g + 1]);
}

// Calls re.<fname>(args...).
static obj_t *call_re(const char *fname, obj_t *const *args, size_t nargs) {
    obj_t *mod = import_module("re");
    if (!mod) return NULL;
    obj_t *f = obj_getattr_str(mod, fname);
    DECREF(mod);
    if (!f) return NULL;
    obj_t *r = obj_call(f, args, nargs, NULL);
    DECREF(f);
    return r;
}

static obj_t *M_expand(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"template", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse("expand", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    obj_t *cargs[3] = {(obj_t *)((match_t *)self)->pattern, self, a[0]};
    return call_re("_expand", cargs, 3);
}

static obj_t *M_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__copy__", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *M_deepcopy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__deepcopy__", nargs, kwnames, 1, 1) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *M_get_lastindex(obj_t *self, void *c) {
    match_t *m = (match_t *)self;
    return m->lastindex < 0 ? NEWREF(None) : int_from_i64(m->lastindex);
}
static obj_t *M_get_lastgroup(obj_t *self, void *c) {
    match_t *m = (match_t *)self;
    obj_t *ig = m->pattern->indexgroup;
    if (m->lastindex < 0 || !ig || !TUPLE_CHECK(ig) || (size_t)m->lastindex >= TUPLE_SIZE(ig))
        return NEWREF(None);
    return NEWREF(TUPLE_GET(ig, (size_t)m->lastindex));
}
static obj_t *M_get_regs(obj_t *self, void *c) {
    match_t *m = (match_t *)self;
    obj_t *t = tuple_new(m->ngroups);
    if (!t) return NULL;
    for (size_t g = 0; g < m->ngroups; g++) {
        obj_t *s = span_tuple(m->marks[2 * g], m->marks[2 * g + 1]);
        if (!s) {
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, g, s);
    }
    return t;
}

// The first n code points of a str (repr truncation, %.<n>R).
static obj_t *str_truncate(obj_t *s, size_t n) {
    if (str_len(s) <= n) return s;
    obj_t *t = str_substr(s, 0, n);
    DECREF(s);
    return t;
}

static obj_t *match_repr(obj_t *self) {
    match_t *m = (match_t *)self;
    obj_t *g = match_group_slice(m, 0, None);
    if (!g) return NULL;
    obj_t *r = obj_repr(g);
    DECREF(g);
    if (!r) return NULL;
    r = str_truncate(r, 50);
    if (!r) return NULL;
    obj_t *out = str_from_format("<re.Match object; span=(%zd, %zd), match=%U>", m->marks[0],
                                 m->marks[1], r);
    DECREF(r);
    return out;
}

static const method_def_t match_methods[] = {
    {"group", M_group, METH_DEFAULT, NULL},
    {"start", M_start, METH_DEFAULT, NULL},
    {"end", M_end, METH_DEFAULT, NULL},
    {"span", M_span, METH_DEFAULT, NULL},
    {"groups", M_groups, METH_DEFAULT, NULL},
    {"groupdict", M_groupdict, METH_DEFAULT, NULL},
    {"expand", M_expand, METH_DEFAULT, NULL},
    {"__copy__", M_copy, METH_DEFAULT, NULL},
    {"__deepcopy__", M_deepcopy, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL},
};

static const getset_def_t match_getsets[] = {
    {"lastindex", M_get_lastindex, NULL, NULL},
    {"lastgroup", M_get_lastgroup, NULL, NULL},
    {"regs", M_get_regs, NULL, NULL},
    {NULL},
};

static const member_def_t match_members[] = {
    {"string", MEMBER_OBJECT, offsetof(match_t, string), true},
    {"re", MEMBER_OBJECT, offsetof(match_t, pattern), true},
    {"pos", MEMBER_INT64, offsetof(match_t, pos), true},
    {"endpos", MEMBER_INT64, offsetof(match_t, endpos), true},
    {NULL},
};

static type_t match_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "re.Match",
    .basicsize = sizeof(match_t),
    .base = &object_type,
    .dealloc = match_dealloc,
    .repr = match_repr,
    .getitem = match_getitem,
    .methods = match_methods,
    .members = match_members,
    .getsets = match_getsets,
};

// ---- Pattern ---------------------------------------------------------------------

static void pattern_dealloc(obj_t *o) {
    pattern_t *p = (pattern_t *)o;
    XDECREF(p->pattern);
    XDECREF(p->groupindex);
    XDECREF(p->indexgroup);
    obj_free(o);
}

// Parses (string, pos=0, endpos=maxsize).
static int parse_string_pos(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                            obj_t **string, ssize_t *pos, ssize_t *endpos) {
    static const char *const names[] = {"string", "pos", "endpos", NULL};
    obj_t *a[3] = {NULL, NULL, NULL};
    if (args_parse(fname, args, nargs, kwnames, names, 1, a) < 0) return -1;
    *string = a[0];
    *pos = 0;
    *endpos = SSIZE_MAX;
    if (a[1] && obj_ssize_arg(a[1], pos) < 0) return -1;
    if (a[2] && obj_ssize_arg(a[2], endpos) < 0) return -1;
    return 0;
}

enum { DO_MATCH, DO_FULLMATCH, DO_SEARCH };

static obj_t *pattern_match_impl(obj_t *self, const char *fname, int how, obj_t *const *args,
                                 size_t nargs, obj_t *kwnames) {
    pattern_t *p = (pattern_t *)self;
    obj_t *string;
    ssize_t pos, endpos;
    if (parse_string_pos(fname, args, nargs, kwnames, &string, &pos, &endpos) < 0) return NULL;
    subject_t s;
    if (subject_init(&s, string, p) < 0) return NULL;
    ssize_t *marks = marks_new(p);
    if (!marks) {
        subject_fini(&s);
        return NULL;
    }
    sre_state_t st;
    state_init(&st, &s, p, pos, endpos, marks);
    st.match_all = how == DO_FULLMATCH;
    sre_prog_t prog = prog_of(p);
    int r = how == DO_SEARCH ? sre_search(&prog, &st) : sre_match(&prog, &st);
    obj_t *res = r < 0 ? NULL : r == 0 ? NEWREF(None) : match_new(p, &s, &st, st.start, st.end);
    free(marks);
    subject_fini(&s);
    return res;
}

static obj_t *P_match(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return pattern_match_impl(self, "match", DO_MATCH, args, nargs, kwnames);
}
static obj_t *P_fullmatch(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return pattern_match_impl(self, "fullmatch", DO_FULLMATCH, args, nargs, kwnames);
}
static obj_t *P_search(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return pattern_match_impl(self, "search", DO_SEARCH, args, nargs, kwnames);
}

// Group g (1-based) of the last match in st, `dflt` when it did not take part.
static obj_t *state_group(subject_t *s, sre_state_t *st, size_t g, obj_t *dflt) {
    ssize_t a = st->marks[2 * (g - 1)], b = st->marks[2 * (g - 1) + 1];
    if (a < 0 || b < 0 || b < a) {
        if (dflt) return NEWREF(dflt);
        return subject_slice(s, 0, 0);
    }
    return subject_slice(s, a, b);
}

static obj_t *P_findall(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    pattern_t *p = (pattern_t *)self;
    obj_t *string;
    ssize_t pos, endpos;
    if (parse_string_pos("findall", args, nargs, kwnames, &string, &pos, &endpos) < 0) return NULL;
    subject_t s;
    if (subject_init(&s, string, p) < 0) return NULL;
    ssize_t *marks = marks_new(p);
    obj_t *list = marks ? list_new(0) : NULL;
    if (!list) goto error;
    sre_state_t st;
    state_init(&st, &s, p, pos, endpos, marks);
    sre_prog_t prog = prog_of(p);
    while (st.start <= st.end) {
        int r = sre_search(&prog, &st);
        if (r < 0) goto error;
        if (r == 0) break;
        obj_t *item;
        if (p->groups == 0) {
            item = subject_slice(&s, st.match_start, st.match_end);
        } else if (p->groups == 1) {
            item = state_group(&s, &st, 1, NULL);
        } else {
            item = tuple_new(p->groups);
            for (size_t g = 1; item && g <= p->groups; g++) {
                obj_t *v = state_group(&s, &st, g, NULL);
                if (!v) {
                    DECREF(item);
                    item = NULL;
                    break;
                }
                TUPLE_SET(item, g - 1, v);
            }
        }
        if (!item) goto error;
        int rc = list_append(list, item);
        DECREF(item);
        if (rc < 0) goto error;
        st.must_advance = st.match_end == st.match_start;
        st.start = st.match_end;
    }
    free(marks);
    subject_fini(&s);
    return list;
error:
    XDECREF(list);
    free(marks);
    subject_fini(&s);
    return NULL;
}

static obj_t *scanner_make(pattern_t *p, obj_t *string, ssize_t pos, ssize_t endpos) {
    scanner_t *sc = (scanner_t *)obj_alloc(&scanner_type, sizeof(scanner_t));
    if (!sc) return NULL;
    if (subject_init(&sc->subj, string, p) < 0) {
        obj_free((obj_t *)sc);
        return NULL;
    }
    sc->pattern = (pattern_t *)NEWREF((obj_t *)p);
    if (pos < 0) pos = 0;
    if (pos > sc->subj.length) pos = sc->subj.length;
    if (endpos < 0) endpos = 0;
    if (endpos > sc->subj.length) endpos = sc->subj.length;
    sc->pos = pos;
    sc->endpos = endpos;
    sc->start = pos;
    return (obj_t *)sc;
}

static obj_t *P_scanner(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *string;
    ssize_t pos, endpos;
    if (parse_string_pos("scanner", args, nargs, kwnames, &string, &pos, &endpos) < 0) return NULL;
    return scanner_make((pattern_t *)self, string, pos, endpos);
}

static obj_t *P_finditer(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *string;
    ssize_t pos, endpos;
    if (parse_string_pos("finditer", args, nargs, kwnames, &string, &pos, &endpos) < 0) return NULL;
    obj_t *sc = scanner_make((pattern_t *)self, string, pos, endpos);
    if (!sc) return NULL;
    obj_t *search = obj_getattr_str(sc, "search");
    DECREF(sc);
    if (!search) return NULL;
    obj_t *it = calliter_new(search, None);
    DECREF(search);
    return it;
}

static obj_t *P_split(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"string", "maxsplit", NULL};
    obj_t *a[2] = {NULL, NULL};
    if (args_parse("split", args, nargs, kwnames, names, 1, a) < 0) return NULL;
    ssize_t maxsplit = 0;
    if (a[1] && obj_ssize_arg(a[1], &maxsplit) < 0) return NULL;
    pattern_t *p = (pattern_t *)self;
    subject_t s;
    if (subject_init(&s, a[0], p) < 0) return NULL;
    ssize_t *marks = marks_new(p);
    obj_t *list = marks ? list_new(0) : NULL;
    obj_t *item = NULL;
    if (!list) goto error;
    sre_state_t st;
    state_init(&st, &s, p, 0, SSIZE_MAX, marks);
    sre_prog_t prog = prog_of(p);
    ssize_t last = 0, n = 0;
    while (maxsplit <= 0 ? maxsplit == 0 : n < maxsplit) {
        int r = sre_search(&prog, &st);
        if (r < 0) goto error;
        if (r == 0) break;
        item = subject_slice(&s, last, st.match_start);
        if (!item || list_append(list, item) < 0) goto error;
        DECREF(item);
        for (size_t g = 1; g <= p->groups; g++) {
            item = state_group(&s, &st, g, None);
            if (!item || list_append(list, item) < 0) goto error;
            DECREF(item);
        }
        item = NULL;
        n++;
        st.must_advance = st.match_end == st.match_start;
        last = st.start = st.match_end;
    }
    item = subject_slice(&s, last, st.end);
    if (!item || list_append(list, item) < 0) goto error;
    DECREF(item);
    free(marks);
    subject_fini(&s);
    return list;
error:
    XDECREF(item);
    XDECREF(list);
    free(marks);
    subject_fini(&s);
    return NULL;
}

static obj_t *pattern_subx(pattern_t *p, obj_t *repl, obj_t *string, ssize_t count, bool subn) {
    obj_t *filter;
    bool callable;
    if (obj_is_callable(repl)) {
        filter = NEWREF(repl);
        callable = true;
    } else {
        bool literal = false;
        if (STR_CHECK(repl)) {
            literal = memchr(str_data(repl), '\\', str_nbytes(repl)) == NULL;
        } else if (buffer_check(repl)) {
            obj_t *b = buffer_as_bytes(repl);
            if (!b) return NULL;
            literal = memchr(bytes_data(b), '\\', bytes_len(b)) == NULL;
            DECREF(b);
        }
        if (literal) {
            filter = NEWREF(repl);
            callable = false;
        } else {
            obj_t *cargs[2] = {(obj_t *)p, repl};
            filter = call_re("_subx", cargs, 2);
            if (!filter) return NULL;
            callable = obj_is_callable(filter);
        }
    }
    subject_t s;
    if (subject_init(&s, string, p) < 0) {
        DECREF(filter);
        return NULL;
    }
    ssize_t *marks = marks_new(p);
    obj_t *list = marks ? list_new(0) : NULL;
    obj_t *item = NULL, *joiner = NULL, *res = NULL;
    if (!list) goto done;
    sre_state_t st;
    state_init(&st, &s, p, 0, SSIZE_MAX, marks);
    sre_prog_t prog = prog_of(p);
    ssize_t i = 0, n = 0;
    while (count == 0 || n < count) {
        int r = sre_search(&prog, &st);
        if (r < 0) goto done;
        if (r == 0) break;
        ssize_t b = st.match_start, e = st.match_end;
        if (i < b) {
            item = subject_slice(&s, i, b);
            if (!item || list_append(list, item) < 0) goto done;
            DECREF(item);
            item = NULL;
        }
        if (callable) {
            obj_t *m = match_new(p, &s, &st, 0, s.length);
            if (!m) goto done;
            item = obj_call1(filter, m);
            DECREF(m);
            if (!item) goto done;
        } else {
            item = NEWREF(filter);
        }
        if (item != None && list_append(list, item) < 0) goto done;
        DECREF(item);
        item = NULL;
        i = e;
        n++;
        st.must_advance = e == b;
        st.start = e;
    }
    if (i < s.length) {
        item = subject_slice(&s, i, s.length);
        if (!item || list_append(list, item) < 0) goto done;
        DECREF(item);
        item = NULL;
    }
    joiner = subject_slice(&s, 0, 0);
    if (!joiner) goto done;
    res = obj_call_method(joiner, "join", &list, 1);
    if (res && subn) {
        obj_t *nn = int_from_i64(n);
        obj_t *t = nn ? tuple_pack(2, res, nn) : NULL;
        XDECREF(nn);
        DECREF(res);
        res = t;
    }
done:
    XDECREF(item);
    XDECREF(joiner);
    XDECREF(list);
    free(marks);
    subject_fini(&s);
    DECREF(filter);
    return res;
}

static obj_t *sub_impl(obj_t *self, const char *fname, obj_t *const *args, size_t nargs,
                       obj_t *kwnames, bool subn) {
    static const char *const names[] = {"repl", "string", "count", NULL};
    obj_t *a[3] = {NULL, NULL, NULL};
    if (args_parse(fname, args, nargs, kwnames, names, 2, a) < 0) return NULL;
    ssize_t count = 0;
    if (a[2] && obj_ssize_arg(a[2], &count) < 0) return NULL;
    if (count < 0) count = 0;
    return pattern_subx((pattern_t *)self, a[0], a[1], count, subn);
}

static obj_t *P_sub(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return sub_impl(self, "sub", args, nargs, kwnames, false);
}
static obj_t *P_subn(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return sub_impl(self, "subn", args, nargs, kwnames, true);
}

static obj_t *P_copy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__copy__", nargs, kwnames, 0, 0) < 0) return NULL;
    return NEWREF(self);
}
static obj_t *P_deepcopy(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__deepcopy__", nargs, kwnames, 1, 1) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *P_get_groupindex(obj_t *self, void *c) {
    pattern_t *p = (pattern_t *)self;
    // a copy, so the pattern stays immutable (CPython gives a read-only proxy)
    return p->groupindex ? dict_copy(p->groupindex) : dict_new();
}

static const struct {
    const char *name;
    int64_t value;
} flag_names[] = {
    {"re.TEMPLATE", 1},  {"re.IGNORECASE", 2}, {"re.LOCALE", 4},
    {"re.MULTILINE", 8}, {"re.DOTALL", 16},    {"re.UNICODE", 32},
    {"re.VERBOSE", 64},  {"re.DEBUG", 128},    {"re.ASCII", 256},
};

static obj_t *pattern_repr(obj_t *self) {
    pattern_t *p = (pattern_t *)self;
    obj_t *r = obj_repr(p->pattern ? p->pattern : None);
    if (!r) return NULL;
    r = str_truncate(r, 200);
    if (!r) return NULL;
    int64_t flags = p->flags;
    if (p->isbytes != 1 &&
        (flags & (SRE_FLAG_LOCALE | SRE_FLAG_UNICODE | SRE_FLAG_ASCII)) == SRE_FLAG_UNICODE)
        flags &= ~(int64_t)SRE_FLAG_UNICODE;
    str_builder_t b;
    str_builder_init(&b);
    str_builder_add_cstr(&b, "re.compile(");
    str_builder_add_str(&b, r);
    DECREF(r);
    if (flags) {
        str_builder_add_cstr(&b, ", ");
        bool first = true;
        for (size_t i = 0; i < sizeof flag_names / sizeof flag_names[0]; i++) {
            if (flags & flag_names[i].value) {
                if (!first) str_builder_add_char(&b, '|');
                str_builder_add_cstr(&b, flag_names[i].name);
                first = false;
                flags &= ~flag_names[i].value;
            }
        }
        if (flags) {
            if (!first) str_builder_add_char(&b, '|');
            str_builder_printf(&b, "0x%llx", (unsigned long long)flags);
        }
    }
    str_builder_add_char(&b, ')');
    return str_builder_finish(&b);
}

static obj_t *pattern_richcompare(obj_t *a, obj_t *b, int op) {
    if ((op != CMP_EQ_OP && op != CMP_NE_OP) || !OBJ_IS_TYPE(b, &pattern_type))
        return NEWREF(NotImplemented);
    pattern_t *x = (pattern_t *)a, *y = (pattern_t *)b;
    int eq = 1;
    if (x != y) {
        eq = x->flags == y->flags && x->isbytes == y->isbytes && x->codelen == y->codelen &&
             memcmp(x->code, y->code, x->codelen * sizeof(uint32_t)) == 0;
        if (eq) {
            eq = obj_eq(x->pattern ? x->pattern : None, y->pattern ? y->pattern : None);
            if (eq < 0) return NULL;
        }
    }
    return NEWREF(bool_from(op == CMP_EQ_OP ? eq : !eq));
}

static hash_t pattern_hash(obj_t *self) {
    pattern_t *p = (pattern_t *)self;
    hash_t h = obj_hash(p->pattern ? p->pattern : None);
    if (h == -1) return -1;
    uint64_t x = 1469598103934665603ull;
    for (size_t i = 0; i < p->codelen; i++)
        x = (x ^ p->code[i]) * 1099511628211ull;
    h ^= (hash_t)x;
    h ^= (hash_t)p->flags;
    h ^= (hash_t)p->isbytes;
    h ^= (hash_t)p->codelen;
    return h == -1 ? -2 : h;
}

static const method_def_t pattern_methods[] = {
    {"match", P_match, METH_DEFAULT, NULL},
    {"fullmatch", P_fullmatch, METH_DEFAULT, NULL},
    {"search", P_search, METH_DEFAULT, NULL},
    {"sub", P_sub, METH_DEFAULT, NULL},
    {"subn", P_subn, METH_DEFAULT, NULL},
    {"findall", P_findall, METH_DEFAULT, NULL},
    {"split", P_split, METH_DEFAULT, NULL},
    {"finditer", P_finditer, METH_DEFAULT, NULL},
    {"scanner", P_scanner, METH_DEFAULT, NULL},
    {"__copy__", P_copy, METH_DEFAULT, NULL},
    {"__deepcopy__", P_deepcopy, METH_DEFAULT, NULL},
    {"__class_getitem__", generic_class_getitem, METH_CLASS, NULL},
    {NULL},
};

static const getset_def_t pattern_getsets[] = {
    {"groupindex", P_get_groupindex, NULL, NULL},
    {NULL},
};

static const member_def_t pattern_members[] = {
    {"pattern", MEMBER_OBJECT, offsetof(pattern_t, pattern), true},
    {"flags", MEMBER_INT64, offsetof(pattern_t, flags), true},
    {"groups", MEMBER_INT64, offsetof(pattern_t, groups), true},
    {NULL},
};

static type_t pattern_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "re.Pattern",
    .basicsize = sizeof(pattern_t),
    .base = &object_type,
    .dealloc = pattern_dealloc,
    .repr = pattern_repr,
    .hash = pattern_hash,
    .richcompare = pattern_richcompare,
    .methods = pattern_methods,
    .members = pattern_members,
    .getsets = pattern_getsets,
};

// ---- Scanner ---------------------------------------------------------------------

static void scanner_dealloc(obj_t *o) {
    scanner_t *sc = (scanner_t *)o;
    subject_fini(&sc->subj);
    XDECREF((obj_t *)sc->pattern);
    obj_free(o);
}

static obj_t *scanner_step(obj_t *self, const char *fname, bool search, size_t nargs,
                           obj_t *kwnames) {
    if (args_check(fname, nargs, kwnames, 0, 0) < 0) return NULL;
    scanner_t *sc = (scanner_t *)self;
    ssize_t start = 0;
    bool must_advance = false, done = false, busy = false;
    BEGIN_CRITICAL_SECTION(self);
    busy = sc->executing;
    done = sc->done;
    if (!busy && !done) {
        sc->executing = true;
        start = sc->start;
        must_advance = sc->must_advance;
    }
    END_CRITICAL_SECTION();
    if (busy) {
        err_set_str(exc_ValueError, "regular expression scanner already executing");
        return NULL;
    }
    if (done) return NEWREF(None);
    pattern_t *p = sc->pattern;
    ssize_t *marks = marks_new(p);
    obj_t *res = NULL;
    int r = -1;
    sre_state_t st;
    if (marks) {
        state_init(&st, &sc->subj, p, start, sc->endpos, marks);
        st.must_advance = must_advance;
        sre_prog_t prog = prog_of(p);
        r = search ? sre_search(&prog, &st) : sre_match(&prog, &st);
        if (r > 0)
            res = match_new(p, &sc->subj, &st, sc->pos, sc->endpos);
        else if (r == 0)
            res = NEWREF(None);
    }
    free(marks);
    BEGIN_CRITICAL_SECTION(self);
    sc->executing = false;
    if (r > 0) {
        sc->must_advance = st.match_end == st.match_start;
        sc->start = st.match_end;
    } else if (r == 0) {
        sc->done = true;
    }
    END_CRITICAL_SECTION();
    return res;
}

static obj_t *S_match(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return scanner_step(self, "match", false, nargs, kwnames);
}
static obj_t *S_search(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return scanner_step(self, "search", true, nargs, kwnames);
}

static const method_def_t scanner_methods[] = {
    {"match", S_match, METH_DEFAULT, NULL},
    {"search", S_search, METH_DEFAULT, NULL},
    {NULL},
};
static const member_def_t scanner_members[] = {
    {"pattern", MEMBER_OBJECT, offsetof(scanner_t, pattern), true},
    {NULL},
};

static type_t scanner_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "_sre.SRE_Scanner",
    .basicsize = sizeof(scanner_t),
    .base = &object_type,
    .dealloc = scanner_dealloc,
    .methods = scanner_methods,
    .members = scanner_members,
};

// ---- code validation -------------------------------------------------------------

// Checks the set at code[a, b) (items up to a FAILURE that ends at b).
static bool valid_set(const uint32_t *code, size_t a, size_t b) {
    size_t p = a;
    while (p < b) {
        switch (code[p++]) {
        case SRE_OP_FAILURE: return p == b;
        case SRE_OP_NEGATE: break;
        case SRE_OP_LITERAL:
        case SRE_OP_CATEGORY:
            if (p + 1 > b) return false;
            p++;
            break;
        case SRE_OP_RANGE:
        case SRE_OP_RANGE_UNI_IGNORE:
            if (p + 2 > b || code[p] > code[p + 1]) return false;
            p += 2;
            break;
        case SRE_OP_CHARSET:
            if (p + 8 > b) return false;
            p += 8;
            break;
        case SRE_OP_BIGCHARSET: {
            if (p + 1 > b) return false;
            size_t n = code[p++];
            if (n > 256 || p + 64 + n * 8 > b) return false;
            for (size_t i = 0; i < 256; i++)
                if (((const uint8_t *)&code[p])[i] >= n) return false;
            p += 64 + n * 8;
            break;
        }
        default: return false;
        }
    }
    return false;
}

// Checks the op sequence at code[a, b) (CPython refuses bad code at compile
// time with "invalid SRE code"; the matcher checks bounds again as it runs).
static bool valid_seq(const uint32_t *code, size_t a, size_t b, size_t groups, size_t len,
                      int depth) {
    if (depth > 5000) return false;
    size_t p = a;
    while (p < b) {
        uint32_t op = code[p++];
        switch (op) {
        case SRE_OP_FAILURE:
        case SRE_OP_SUCCESS:
        case SRE_OP_ANY:
        case SRE_OP_ANY_ALL: break;
        case SRE_OP_MARK:
            if (p >= b || code[p] >= 2 * groups) return false;
            p++;
            break;
        case SRE_OP_LITERAL:
        case SRE_OP_NOT_LITERAL:
        case SRE_OP_LITERAL_IGNORE:
        case SRE_OP_NOT_LITERAL_IGNORE:
        case SRE_OP_LITERAL_UNI_IGNORE:
        case SRE_OP_NOT_LITERAL_UNI_IGNORE:
        case SRE_OP_LITERAL_LOC_IGNORE:
        case SRE_OP_NOT_LITERAL_LOC_IGNORE:
            if (p >= b) return false;
            p++;
            break;
        case SRE_OP_AT:
            if (p >= b || code[p] > SRE_AT_UNI_NON_BOUNDARY) return false;
            p++;
            break;
        case SRE_OP_CATEGORY:
            if (p >= b || code[p] > SRE_CAT_UNI_NOT_LINEBREAK) return false;
            p++;
            break;
        case SRE_OP_IN:
        case SRE_OP_IN_IGNORE:
        case SRE_OP_IN_UNI_IGNORE:
        case SRE_OP_IN_LOC_IGNORE:
            if (p >= b || code[p] < 2 || p + code[p] > b) return false;
            if (!valid_set(code, p + 1, p + code[p])) return false;
            p += code[p];
            break;
        case SRE_OP_INFO:
            if (p + 3 >= b || code[p] < 4 || p + code[p] > b) return false;
            p += code[p];
            break;
        case SRE_OP_JUMP:
            if (p >= b || p + 1 + code[p] > len) return false;
            p++;
            break;
        case SRE_OP_BRANCH:
            for (;;) {
                if (p >= b) return false;
                if (code[p] == 0) break;
                size_t next = p + code[p];
                if (code[p] < 3 || next > b || code[next - 2] != SRE_OP_JUMP) return false;
                if (!valid_seq(code, p + 1, next, groups, len, depth + 1)) return false;
                p = next;
            }
            p++;
            break;
        case SRE_OP_REPEAT_ONE:
        case SRE_OP_MIN_REPEAT_ONE:
        case SRE_OP_POSSESSIVE_REPEAT_ONE:
        case SRE_OP_REPEAT:
        case SRE_OP_POSSESSIVE_REPEAT: {
            if (p + 3 > b || code[p] < 3 || p + code[p] > b) return false;
            if (code[p + 1] > code[p + 2]) return false;
            size_t end = p + code[p];
            if (op == SRE_OP_REPEAT || op == SRE_OP_POSSESSIVE_REPEAT) {
                if (end >= b) return false;
                uint32_t u = code[end];
                if (op == SRE_OP_REPEAT ? (u != SRE_OP_MAX_UNTIL && u != SRE_OP_MIN_UNTIL)
                                        : u != SRE_OP_SUCCESS)
                    return false;
                if (!valid_seq(code, p + 3, end, groups, len, depth + 1)) return false;
                p = end + 1;
            } else {
                if (code[end - 1] != SRE_OP_SUCCESS) return false;
                if (!valid_seq(code, p + 3, end, groups, len, depth + 1)) return false;
                p = end;
            }
            break;
        }
        case SRE_OP_GROUPREF:
        case SRE_OP_GROUPREF_IGNORE:
        case SRE_OP_GROUPREF_UNI_IGNORE:
        case SRE_OP_GROUPREF_LOC_IGNORE:
            if (p >= b || code[p] >= groups) return false;
            p++;
            break;
        case SRE_OP_GROUPREF_EXISTS: {
            if (p + 2 > b || code[p] >= groups) return false;
            size_t target = p + code[p + 1];
            if (code[p + 1] < 2 || target > b) return false;
            if (!valid_seq(code, p + 2, target, groups, len, depth + 1)) return false;
            p = target;
            break;
        }
        case SRE_OP_ASSERT:
        case SRE_OP_ASSERT_NOT:
        case SRE_OP_ATOMIC_GROUP: {
            size_t body = op == SRE_OP_ATOMIC_GROUP ? p + 1 : p + 2;
            if (body > b || code[p] < 2 || p + code[p] > b) return false;
            size_t end = p + code[p];
            if (end < body + 1 || code[end - 1] != SRE_OP_SUCCESS) return false;
            if (!valid_seq(code, body, end, groups, len, depth + 1)) return false;
            p = end;
            break;
        }
        default: return false;
        }
    }
    return p == b;
}

// ---- module functions ------------------------------------------------------------

static obj_t *m_compile(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"pattern",    "flags",      "code", "groups",
                                        "groupindex", "indexgroup", NULL};
    obj_t *a[6] = {NULL};
    if (args_parse("compile", args, nargs, kwnames, names, 6, a) < 0) return NULL;
    int64_t flags, groups;
    if (!INT_CHECK(a[1])) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(a[1]));
        return NULL;
    }
    if (int_as_i64(a[1], &flags) < 0) return NULL;
    if (!LIST_CHECK(a[2])) {
        err_format(exc_TypeError, "compile() argument 'code' must be list, not %s",
                   obj_type_name(a[2]));
        return NULL;
    }
    if (obj_ssize_arg(a[3], (ssize_t *)&groups) < 0) return NULL;
    if (groups < 0 || groups > SRE_MAXGROUPS) {
        err_set_str(exc_RuntimeError, "invalid SRE code");
        return NULL;
    }
    if (!DICT_CHECK(a[4])) {
        err_format(exc_TypeError, "compile() argument 'groupindex' must be dict, not %s",
                   obj_type_name(a[4]));
        return NULL;
    }
    if (!TUPLE_CHECK(a[5])) {
        err_format(exc_TypeError, "compile() argument 'indexgroup' must be tuple, not %s",
                   obj_type_name(a[5]));
        return NULL;
    }
    obj_t *code = list_as_tuple(a[2]); // a snapshot: the list may change under us
    if (!code) return NULL;
    size_t n = TUPLE_SIZE(code);
    pattern_t *p = (pattern_t *)obj_alloc(&pattern_type, sizeof(pattern_t) + (n + 1) * 4);
    if (!p) {
        DECREF(code);
        return NULL;
    }
    p->codelen = n;
    for (size_t i = 0; i < n; i++) {
        obj_t *w = TUPLE_GET(code, i);
        int64_t v;
        if (!INT_CHECK(w)) {
            err_format(exc_TypeError, "an integer is required");
            goto fail;
        }
        if (int_as_i64(w, &v) < 0 || v < 0 || v > 0xffffffffll) {
            err_clear();
            err_set_str(exc_OverflowError, "regular expression code size limit exceeded");
            goto fail;
        }
        p->code[i] = (uint32_t)v;
    }
    p->code[n] = 0;
    if (!valid_seq(p->code, 0, n, (size_t)groups, n, 0)) {
        err_set_str(exc_RuntimeError, "invalid SRE code");
        goto fail;
    }
    DECREF(code);
    code = NULL;
    p->flags = flags;
    p->groups = (size_t)groups;
    if (a[0] == None) {
        p->isbytes = -1;
    } else if (STR_CHECK(a[0])) {
        p->isbytes = 0;
    } else if (buffer_check(a[0])) {
        p->isbytes = 1;
    } else {
        err_format(exc_TypeError, "expected string or bytes-like object, got '%s'",
                   obj_type_name(a[0]));
        goto fail;
    }
    p->pattern = NEWREF(a[0]);
    if (dict_size(a[4]) > 0) {
        p->groupindex = dict_copy(a[4]);
        if (!p->groupindex) goto fail;
    }
    p->indexgroup = NEWREF(a[5]);
    return (obj_t *)p;
fail:
    XDECREF(code);
    DECREF((obj_t *)p);
    return NULL;
}

static int char_arg(const char *fname, obj_t *const *args, size_t nargs, obj_t *kwnames,
                    uint32_t *out) {
    static const char *const names[] = {"character", NULL};
    obj_t *a[1] = {NULL};
    if (args_parse(fname, args, nargs, kwnames, names, 1, a) < 0) return -1;
    if (!INT_CHECK(a[0])) {
        err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                   obj_type_name(a[0]));
        return -1;
    }
    int64_t v;
    if (int_as_i64(a[0], &v) < 0 || v < INT32_MIN || v > INT32_MAX) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

static obj_t *m_ascii_iscased(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    uint32_t ch;
    if (char_arg("ascii_iscased", args, nargs, kwnames, &ch) < 0) return NULL;
    return NEWREF(bool_from(ch < 128 && ((ch | 32) >= 'a' && (ch | 32) <= 'z')));
}
static obj_t *m_unicode_iscased(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    uint32_t ch;
    if (char_arg("unicode_iscased", args, nargs, kwnames, &ch) < 0) return NULL;
    return NEWREF(bool_from(sre_unicode_iscased(ch)));
}
static obj_t *m_ascii_tolower(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    uint32_t ch;
    if (char_arg("ascii_tolower", args, nargs, kwnames, &ch) < 0) return NULL;
    return int_from_i64((int32_t)sre_lower_ascii(ch));
}
static obj_t *m_unicode_tolower(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    uint32_t ch;
    if (char_arg("unicode_tolower", args, nargs, kwnames, &ch) < 0) return NULL;
    return int_from_i64((int32_t)sre_lower_unicode(ch));
}
static obj_t *m_getcodesize(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("getcodesize", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(4);
}

static const method_def_t sre_functions[] = {
    {"compile", m_compile, 0, NULL},
    {"ascii_iscased", m_ascii_iscased, 0, NULL},
    {"unicode_iscased", m_unicode_iscased, 0, NULL},
    {"ascii_tolower", m_ascii_tolower, 0, NULL},
    {"unicode_tolower", m_unicode_tolower, 0, NULL},
    {"getcodesize", m_getcodesize, 0, NULL},
    {NULL},
};

obj_t *sre_module_init(void) {
    obj_t *m = module_new("_sre");
    if (!m) return NULL;
    if (module_add_functions(m, sre_functions) < 0 || type_ensure_ready(&pattern_type) < 0 ||
        type_ensure_ready(&match_type) < 0 || type_ensure_ready(&scanner_type) < 0)
        goto fail;
    obj_t *d = module_dict(m);
    struct {
        const char *name;
        int64_t v;
    } ints[] = {{"MAGIC", SRE_MAGIC},
                {"CODESIZE", 4},
                {"MAXREPEAT", SRE_MAXREPEAT},
                {"MAXGROUPS", SRE_MAXGROUPS}};
    for (size_t i = 0; i < 4; i++) {
        obj_t *v = int_from_i64(ints[i].v);
        if (!v || dict_set_str(d, ints[i].name, v) < 0) {
            XDECREF(v);
            goto fail;
        }
        DECREF(v);
    }
    obj_t *c = str_from_cstr(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ");
    if (!c || dict_set_str(d, "copyright", c) < 0) {
        XDECREF(c);
        goto fail;
    }
    DECREF(c);
    return m;
fail:
    DECREF(m);
    return NULL;
}
