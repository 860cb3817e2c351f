/*
 * objects/code.c — the code object type: the compiler's output and the
 * interpreter's input.
 *
 * A code object is immutable once the compiler returns it, so any number of
 * threads may run it without locks.  Its instruction words, exception table,
 * location table and cell map are malloc'ed arrays owned by it.  Only
 * constants of serializable types appear in `consts` (int, float, complex,
 * str, bytes, tuple, frozenset, None, bool, Ellipsis, code), and the instruction stream
 * holds no pointers, so code objects can be written to a bytecode cache.
 *
 * Location table (code->linetable): a sequence of records, one per run of
 * instruction words that share a source position:
 *     uvarint nwords, svarint line - previous line, uvarint end_line - line + 1,
 *     uvarint col + 1, uvarint end_col + 1      (0 = unknown column)
 * A record whose third field is 0 has no line (line -1: a jump or implicit
 * return that several paths share); its line delta and columns are 0.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../threads/stress.h"
#include "bytes.h"
#include "code.h"
#include "exceptions.h"
#include "int.h"
#include "list.h"
#include "str.h"
#include "tuple.h"

PVM_WUR code_t *code_new(void) {
    code_t *co = (code_t *)obj_alloc(&code_type, sizeof(code_t));
    return co;
}

void code_immortalize(code_t *co) {
    if (obj_is_immortal((obj_t *)co)) return;
    obj_immortalize((obj_t *)co);
    if (co->consts == NULL) return;
    for (size_t i = 0; i < TUPLE_SIZE(co->consts); i++) {
        obj_t *c = TUPLE_GET(co->consts, i);
        if (CODE_CHECK(c))
            code_immortalize((code_t *)c);
        else
            obj_immortalize_tree(c);
    }
    obj_immortalize(co->consts);
}

static void code_dealloc(obj_t *o) {
    code_t *co = (code_t *)o;
    free(co->insns);
    free(co->stress_orig);
    XDECREF(co->consts);
    XDECREF(co->names);
    XDECREF(co->varnames);
    XDECREF(co->cellvars);
    XDECREF(co->freevars);
    XDECREF(co->filename);
    XDECREF(co->name);
    XDECREF(co->qualname);
    free(co->linetable);
    free(co->exctable);
    free(co->cell_regs);
    obj_free(o);
}

// ---- location table ---------------------------------------------------------------

typedef struct {
    uint8_t *buf;
    size_t len, cap;
} bytebuf_t;

static int bb_put(bytebuf_t *b, uint8_t v) {
    if (b->len == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        uint8_t *n = realloc(b->buf, cap);
        if (!n) return -1;
        b->buf = n;
        b->cap = cap;
    }
    b->buf[b->len++] = v;
    return 0;
}

static int put_uvarint(bytebuf_t *b, uint64_t v) {
    while (v >= 0x80) {
        if (bb_put(b, (uint8_t)(v | 0x80)) < 0) return -1;
        v >>= 7;
    }
    return bb_put(b, (uint8_t)v);
}

static int put_svarint(bytebuf_t *b, int64_t v) {
    return put_uvarint(b, v < 0 ? ((uint64_t)(-v) << 1) | 1 : (uint64_t)v << 1);
}

static uint64_t get_uvarint(const uint8_t **p, const uint8_t *end) {
    uint64_t v = 0;
    int shift = 0;
    while (*p < end) {
        uint8_t c = *(*p)++;
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) break;
        shift += 7;
    }
    return v;
}

static int64_t get_svarint(const uint8_t **p, const uint8_t *end) {
    uint64_t v = get_uvarint(p, end);
    return (v & 1) ? -(int64_t)(v >> 1) : (int64_t)(v >> 1);
}

int code_set_locations(code_t *code, const code_loc_t *locs, size_t n) {
    bytebuf_t b = {0};
    int prev = code->firstlineno;
    for (size_t i = 0; i < n; i++) {
        const code_loc_t *l = &locs[i];
        bool noline = l->line < 0;
        int line = l->line > 0 ? l->line : prev;
        int end_line = l->end_line >= line ? l->end_line : line;
        if (put_uvarint(&b, l->nwords) < 0 || put_svarint(&b, line - prev) < 0 ||
            put_uvarint(&b, noline ? 0 : (uint64_t)(end_line - line) + 1) < 0 ||
            put_uvarint(&b, noline ? 0 : (uint64_t)(l->col + 1)) < 0 ||
            put_uvarint(&b, noline ? 0 : (uint64_t)(l->end_col + 1)) < 0) {
            free(b.buf);
            err_no_memory();
            return -1;
        }
        prev = line;
    }
    free(code->linetable);
    code->linetable = b.buf;
    code->linetable_len = b.len;
    return 0;
}

int code_addr2loc(code_t *code, size_t pc, int *line, int *end_line, int *col, int *end_col) {
    const uint8_t *p = code->linetable, *end = p + code->linetable_len;
    int cur = code->firstlineno;
    size_t addr = 0;
    int l = cur, el = cur, c = -1, ec = -1;
    while (p && p < end) {
        uint64_t nwords = get_uvarint(&p, end);
        cur += (int)get_svarint(&p, end);
        int span = (int)get_uvarint(&p, end);
        int cc = (int)get_uvarint(&p, end) - 1;
        int ecc = (int)get_uvarint(&p, end) - 1;
        l = span ? cur : -1;
        el = span ? cur + span - 1 : -1;
        c = cc;
        ec = ecc;
        if (pc < addr + nwords) break;
        addr += nwords;
    }
    if (line) *line = l;
    if (end_line) *end_line = el;
    if (col) *col = c;
    if (end_col) *end_col = ec;
    return l;
}

int code_addr2line(code_t *code, size_t pc) {
    // An instruction without a line counts as on the nearest line before it.
    for (;;) {
        size_t start, end;
        int line = code_addr2line_range(code, pc, &start, &end);
        if (line >= 0) return line;
        if (start == 0 || start > pc) return code->firstlineno;
        pc = start - 1;
    }
}

int code_addr2line_range(code_t *code, size_t pc, size_t *start, size_t *end) {
    const uint8_t *p = code->linetable, *lend = p + code->linetable_len;
    int cur = code->firstlineno;
    size_t addr = 0;
    while (p && p < lend) {
        uint64_t nwords = get_uvarint(&p, lend);
        cur += (int)get_svarint(&p, lend);
        bool noline = get_uvarint(&p, lend) == 0; // end line, columns: not needed
        (void)get_uvarint(&p, lend);
        (void)get_uvarint(&p, lend);
        if (pc < addr + nwords) {
            *start = addr;
            *end = addr + nwords;
            return noline ? -1 : cur;
        }
        addr += nwords;
    }
    *start = *end = pc; // past the table: no cacheable range
    return cur;
}

int *code_line_per_word(code_t *code) {
    int *out = malloc((code->ninsns ? code->ninsns : 1) * sizeof(int));
    if (out == NULL) return NULL;
    const uint8_t *p = code->linetable, *lend = p + code->linetable_len;
    int cur = code->firstlineno, line = cur;
    size_t addr = 0;
    while (p && p < lend && addr < code->ninsns) {
        uint64_t nwords = get_uvarint(&p, lend);
        cur += (int)get_svarint(&p, lend);
        line = get_uvarint(&p, lend) == 0 ? -1 : cur;
        (void)get_uvarint(&p, lend);
        (void)get_uvarint(&p, lend);
        for (uint64_t i = 0; i < nwords && addr < code->ninsns; i++)
            out[addr++] = line;
    }
    while (addr < code->ninsns) // past the table: as code_addr2line_range
        out[addr++] = line;
    return out;
}

// ---- Python-level attributes ------------------------------------------------------

static obj_t *co_repr(obj_t *o) {
    code_t *co = (code_t *)o;
    return str_from_format("<code object %U at %p, file \"%U\", line %d>", co->name, (void *)o,
                           co->filename, co->firstlineno);
}

#define CO_OBJ_GETTER(field)                                                                       \
    static obj_t *co_get_##field(obj_t *o, void *c) {                                              \
        obj_t *v = ((code_t *)o)->field;                                                           \
        return NEWREF(v ? v : None);                                                               \
    }
CO_OBJ_GETTER(name)
CO_OBJ_GETTER(qualname)
CO_OBJ_GETTER(filename)
CO_OBJ_GETTER(consts)
CO_OBJ_GETTER(names)
CO_OBJ_GETTER(cellvars)
CO_OBJ_GETTER(freevars)

#define CO_INT_GETTER(field)                                                                       \
    static obj_t *co_get_##field(obj_t *o, void *c) {                                              \
        return SMALLINT_FROM(((code_t *)o)->field);                                                \
    }
CO_INT_GETTER(argcount)
CO_INT_GETTER(posonlyargcount)
CO_INT_GETTER(kwonlyargcount)
CO_INT_GETTER(firstlineno)
CO_INT_GETTER(nregs)

// A cell variable that is not a parameter has a named register in pvm,
// but CPython 3.11 lists it only in co_cellvars: co_varnames and
// co_nlocals leave it out.
static bool co_pure_cell(code_t *co, int i) {
    if (i < co->nparams) return false;
    for (int k = 0; k < co->ncells; k++)
        if (co->cell_regs[k] == i) return true;
    return false;
}

static obj_t *co_get_varnames(obj_t *o, void *c) {
    code_t *co = (code_t *)o;
    if (co->varnames == NULL) return NEWREF(None);
    size_t n = TUPLE_SIZE(co->varnames), keep = 0;
    for (size_t i = 0; i < n; i++)
        if (!co_pure_cell(co, (int)i)) keep++;
    if (keep == n) return NEWREF(co->varnames);
    obj_t *t = tuple_new(keep);
    if (t == NULL) return NULL;
    for (size_t i = 0, k = 0; i < n; i++)
        if (!co_pure_cell(co, (int)i)) TUPLE_ITEMS(t)[k++] = NEWREF(TUPLE_GET(co->varnames, i));
    return t;
}

static obj_t *co_get_nlocals(obj_t *o, void *c) {
    code_t *co = (code_t *)o;
    int n = co->nlocals;
    for (int i = 0; i < co->nlocals; i++)
        if (co_pure_cell(co, i)) n--;
    return SMALLINT_FROM(n);
}

// co_lnotab (deprecated in 3.11, still read by old tools): (byte offset
// increment, line increment) pairs, one per change of line, offsets in
// co_code's bytes (4 per instruction word), in CPython's encoding.
static obj_t *co_get_lnotab(obj_t *o, void *c) {
    code_t *co = (code_t *)o;
    size_t cap = 64, len = 0;
    uint8_t *buf = malloc(cap);
    if (buf == NULL) return err_no_memory();
    int line = co->firstlineno;
    size_t offset = 0;
    for (size_t pc = 0; pc < co->ninsns;) {
        size_t start, end;
        int l = code_addr2line_range(co, pc, &start, &end);
        if (end <= pc) end = pc + 1;
        if (l > 0 && l != line) {
            long bdelta = (long)(pc * 4 - offset), ldelta = l - line;
            // At most a few pairs per change, plus the long runs.
            if (len + 8 + (size_t)(bdelta / 255) * 2 + (size_t)labs(ldelta) / 64 * 2 > cap) {
                cap = (cap + 8 + (size_t)(bdelta / 255) * 2 + (size_t)labs(ldelta) / 64 * 2) * 2;
                uint8_t *nb = realloc(buf, cap);
                if (nb == NULL) {
                    free(buf);
                    return err_no_memory();
                }
                buf = nb;
            }
            for (; bdelta > 255; bdelta -= 255)
                buf[len++] = 255, buf[len++] = 0;
            for (; ldelta > 127; ldelta -= 127, bdelta = 0)
                buf[len++] = (uint8_t)bdelta, buf[len++] = 127;
            for (; ldelta < -128; ldelta += 128, bdelta = 0)
                buf[len++] = (uint8_t)bdelta, buf[len++] = (uint8_t)(int8_t)-128;
            buf[len++] = (uint8_t)bdelta, buf[len++] = (uint8_t)(int8_t)ldelta;
            offset = pc * 4;
            line = l;
        }
        pc = end;
    }
    obj_t *r = bytes_from(buf, len);
    free(buf);
    return r;
}

static obj_t *co_get_flags(obj_t *o, void *c) {
    // CPython's flag values for the ones programs test.
    code_t *co = (code_t *)o;
    int f = 0;
    if (co->flags & CO_FUNCTION) f |= 0x1 | 0x2; // OPTIMIZED | NEWLOCALS
    if (co->flags & CO_VARARGS) f |= 0x4;
    if (co->flags & CO_VARKEYWORDS) f |= 0x8;
    if (co->flags & CO_NESTED) f |= 0x10;
    if (co->flags & CO_COROUTINE)
        f |= 0x80;
    else if (co->flags & CO_ASYNC_GENERATOR)
        f |= 0x200;
    else if (co->flags & CO_GENERATOR)
        f |= 0x20;
    if (co->flags & CO_ITERABLE_COROUTINE) f |= 0x100;
    if (co->flags & CO_FUTURE_ANNOTATIONS) f |= 0x1000000;
    // 3.11 has no CO_NOFREE (0x40).
    return SMALLINT_FROM(f);
}

static obj_t *co_get_code(obj_t *o, void *c) {
    code_t *co = (code_t *)o;
    extern PVM_WUR obj_t *bytes_from(const void *data, size_t len);
    return bytes_from(co->stress_orig ? co->stress_orig : co->insns, co->ninsns * sizeof(uint32_t));
}

// ---- co_lines(), co_positions(), replace() ---------------------------------------------

// Calls fn for each record of the location table: words [start, start+n).
typedef int (*loc_fn)(void *arg, size_t start, size_t n, int line, int end_line, int col,
                      int end_col);
static int each_location(code_t *co, loc_fn fn, void *arg) {
    const uint8_t *p = co->linetable, *end = p + co->linetable_len;
    int cur = co->firstlineno;
    size_t addr = 0;
    while (p && p < end && addr < co->ninsns) {
        uint64_t n = get_uvarint(&p, end);
        cur += (int)get_svarint(&p, end);
        int span = (int)get_uvarint(&p, end);
        int c = (int)get_uvarint(&p, end) - 1;
        int ec = (int)get_uvarint(&p, end) - 1;
        if (n > co->ninsns - addr) n = co->ninsns - addr;
        if (fn(arg, addr, n, span ? cur : -1, span ? cur + span - 1 : -1, c, ec) < 0) return -1;
        addr += n;
    }
    if (addr < co->ninsns) return fn(arg, addr, co->ninsns - addr, cur, cur, -1, -1);
    return 0;
}

typedef struct {
    obj_t *list;
    int64_t start, end, line; // the run being merged (bytes); start < 0: none
} lines_acc_t;

static int lines_flush(lines_acc_t *a) {
    if (a->start < 0) return 0;
    obj_t *t = tuple_new(3);
    if (t == NULL) return -1;
    TUPLE_SET(t, 0, SMALLINT_FROM(a->start));
    TUPLE_SET(t, 1, SMALLINT_FROM(a->end));
    TUPLE_SET(t, 2, a->line < 0 ? NEWREF(None) : SMALLINT_FROM(a->line));
    int rc = list_append(a->list, t);
    DECREF(t);
    return rc;
}

static int lines_step(void *arg, size_t start, size_t n, int line, int end_line, int col,
                      int end_col) {
    lines_acc_t *a = arg;
    if (n == 0) return 0;
    if (a->start >= 0 && a->line == line) {
        a->end = (int64_t)(start + n) * 4;
        return 0;
    }
    if (lines_flush(a) < 0) return -1;
    a->start = (int64_t)start * 4;
    a->end = (int64_t)(start + n) * 4;
    a->line = line;
    return 0;
}

// co_lines(): (start, end, line) byte ranges of co_code, one per run of
// instructions on the same line.
static obj_t *co_lines(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("co_lines", nargs, kwnames, 0, 0) < 0) return NULL;
    lines_acc_t a = {list_new(0), -1, -1, 0};
    if (a.list == NULL) return NULL;
    if (each_location((code_t *)self, lines_step, &a) < 0 || lines_flush(&a) < 0) {
        DECREF(a.list);
        return NULL;
    }
    obj_t *it = obj_iter(a.list);
    DECREF(a.list);
    return it;
}

static obj_t *pos_item(int v) {
    return v < 0 ? NEWREF(None) : SMALLINT_FROM(v);
}

static int positions_step(void *arg, size_t start, size_t n, int line, int end_line, int col,
                          int end_col) {
    obj_t *list = arg;
    obj_t *t = tuple_new(4);
    if (t == NULL) return -1;
    TUPLE_SET(t, 0, pos_item(line));
    TUPLE_SET(t, 1, pos_item(end_line));
    TUPLE_SET(t, 2, pos_item(col));
    TUPLE_SET(t, 3, pos_item(end_col));
    int rc = 0;
    // Two entries per 4-byte word: one per 2-byte unit of co_code, so
    // positions[lasti // 2] is the instruction at byte offset lasti.
    for (size_t i = 0; i < 2 * n && rc == 0; i++)
        rc = list_append(list, t);
    DECREF(t);
    return rc;
}

// co_positions(): (line, end_line, col, end_col) per 2-byte unit of co_code.
static obj_t *co_positions(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("co_positions", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *list = list_new(0);
    if (list == NULL) return NULL;
    if (each_location((code_t *)self, positions_step, list) < 0) {
        DECREF(list);
        return NULL;
    }
    obj_t *it = obj_iter(list);
    DECREF(list);
    return it;
}

static void *dup_array(const void *src, size_t n) {
    if (src == NULL || n == 0) return NULL;
    void *p = malloc(n);
    if (p) memcpy(p, src, n);
    return p;
}

// code.replace(**changes): a copy with some co_* fields replaced.  The
// fields the interpreter's register layout depends on (co_code, the
// counts, co_consts, co_names, co_varnames, co_cellvars, co_freevars) may
// only be "replaced" by an equal value.
static obj_t *co_replace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {
        "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",  "co_stacksize",
        "co_flags",    "co_firstlineno",     "co_code",           "co_consts",   "co_names",
        "co_varnames", "co_freevars",        "co_cellvars",       "co_filename", "co_name",
        "co_qualname", "co_linetable",       "co_exceptiontable", NULL};
    obj_t *a[18] = {NULL};
    if (nargs > 0) {
        err_set_str(exc_TypeError, "replace() takes no positional arguments");
        return NULL;
    }
    if (args_parse("replace", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    code_t *co = (code_t *)self;
    // Fields that must stay as they are.
    for (int i = 0; i < 18; i++) {
        if (a[i] == NULL || i == 5 || i == 6 || i == 13 || i == 14 || i == 15) continue;
        obj_t *cur = obj_getattr_str(self, names[i]);
        if (cur == NULL) {
            err_clear();
            err_format(exc_ValueError, "code.replace(): pvm cannot change %s", names[i]);
            return NULL;
        }
        int same = obj_eq(cur, a[i]);
        DECREF(cur);
        if (same < 0) return NULL;
        if (!same) {
            err_format(exc_ValueError, "code.replace(): pvm cannot change %s", names[i]);
            return NULL;
        }
    }
    // co_flags: only CO_ITERABLE_COROUTINE (0x100) may change, which is what
    // types.coroutine() does to a generator function's code.
    int flags = co->flags;
    if (a[5] != NULL) {
        if (!IS_SMALLINT(a[5])) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       obj_type_name(a[5]));
            return NULL;
        }
        obj_t *cur = co_get_flags(self, NULL);
        int64_t want = SMALLINT_VALUE(a[5]);
        if ((want & ~0x100) != (SMALLINT_VALUE(cur) & ~0x100)) {
            err_set_str(exc_ValueError, "code.replace(): pvm can only change CO_ITERABLE_COROUTINE "
                                        "(0x100) in co_flags");
            return NULL;
        }
        flags = (flags & ~CO_ITERABLE_COROUTINE) | ((want & 0x100) ? CO_ITERABLE_COROUTINE : 0);
    }
    int64_t first = co->firstlineno;
    if (a[6] != NULL) {
        if (!INT_CHECK(a[6]) || int_as_i64(a[6], &first) < 0) {
            if (!err_occurred())
                err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                           obj_type_name(a[6]));
            return NULL;
        }
    }
    for (int i = 13; i <= 15; i++) {
        if (a[i] != NULL && !STR_CHECK(a[i])) {
            err_format(exc_TypeError, "replace() argument '%s' must be str, not %s", names[i],
                       obj_type_name(a[i]));
            return NULL;
        }
    }
    code_t *n = code_new();
    if (n == NULL) return NULL;
    size_t insn_bytes = co->ninsns * sizeof(uint32_t);
    n->insns = dup_array(co->stress_orig ? co->stress_orig : co->insns, insn_bytes);
    n->ninsns = co->ninsns;
    stress_code_patch(n);
    n->linetable = dup_array(co->linetable, co->linetable_len);
    n->linetable_len = co->linetable_len;
    n->exctable = dup_array(co->exctable, co->nexc * sizeof(exc_entry_t));
    n->nexc = co->nexc;
    n->cell_regs = dup_array(co->cell_regs, (size_t)co->ncells * sizeof(int));
    if ((insn_bytes && !n->insns) || (co->linetable_len && !n->linetable) ||
        (co->nexc && !n->exctable) || (co->ncells && !n->cell_regs)) {
        DECREF((obj_t *)n);
        return err_no_memory();
    }
#define COPY_REF(f, i) n->f = NEWREF(a[i] ? a[i] : co->f)
    n->consts = co->consts ? NEWREF(co->consts) : NULL;
    n->names = co->names ? NEWREF(co->names) : NULL;
    n->varnames = co->varnames ? NEWREF(co->varnames) : NULL;
    n->cellvars = co->cellvars ? NEWREF(co->cellvars) : NULL;
    n->freevars = co->freevars ? NEWREF(co->freevars) : NULL;
    COPY_REF(filename, 13);
    COPY_REF(name, 14);
    COPY_REF(qualname, 15);
#undef COPY_REF
    n->argcount = co->argcount;
    n->posonlyargcount = co->posonlyargcount;
    n->kwonlyargcount = co->kwonlyargcount;
    n->nlocals = co->nlocals;
    n->nregs = co->nregs;
    n->flags = flags;
    n->firstlineno = (int)first;
    n->extra = co->extra;
    n->ncells = co->ncells;
    n->nfree = co->nfree;
    n->nparams = co->nparams;
    return (obj_t *)n;
}

static const method_def_t code_methods[] = {
    {"co_lines", co_lines, 0, NULL},
    {"co_positions", co_positions, 0, NULL},
    {"replace", co_replace, 0, NULL},
    {NULL, NULL, 0, NULL},
};

// pvm's own location and exception tables, as bytes (formats private to
// pvm, as CPython's are to CPython).
static obj_t *co_get_linetable(obj_t *o, void *c) {
    code_t *co = (code_t *)o;
    extern PVM_WUR obj_t *bytes_from(const void *data, size_t len);
    return bytes_from(co->linetable, co->linetable_len);
}

static obj_t *co_get_exceptiontable(obj_t *o, void *c) {
    code_t *co = (code_t *)o;
    extern PVM_WUR obj_t *bytes_from(const void *data, size_t len);
    return bytes_from(co->exctable, co->nexc * sizeof(exc_entry_t));
}

static const getset_def_t code_getsets[] = {
    {"co_linetable", co_get_linetable, NULL, NULL},
    {"co_exceptiontable", co_get_exceptiontable, NULL, NULL},
    {"co_name", co_get_name, NULL, NULL},
    {"co_qualname", co_get_qualname, NULL, NULL},
    {"co_filename", co_get_filename, NULL, NULL},
    {"co_consts", co_get_consts, NULL, NULL},
    {"co_names", co_get_names, NULL, NULL},
    {"co_varnames", co_get_varnames, NULL, NULL},
    {"co_cellvars", co_get_cellvars, NULL, NULL},
    {"co_freevars", co_get_freevars, NULL, NULL},
    {"co_argcount", co_get_argcount, NULL, NULL},
    {"co_posonlyargcount", co_get_posonlyargcount, NULL, NULL},
    {"co_kwonlyargcount", co_get_kwonlyargcount, NULL, NULL},
    {"co_nlocals", co_get_nlocals, NULL, NULL},
    {"co_lnotab", co_get_lnotab, NULL, NULL},
    {"co_firstlineno", co_get_firstlineno, NULL, NULL},
    {"co_stacksize", co_get_nregs, NULL, NULL},
    {"co_flags", co_get_flags, NULL, NULL},
    {"co_code", co_get_code, NULL, NULL},
    {NULL},
};

type_t code_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "code",
    .basicsize = sizeof(code_t),
    .base = &object_type,
    .dealloc = code_dealloc,
    .repr = co_repr,
    .methods = code_methods,
    .getsets = code_getsets,
};
