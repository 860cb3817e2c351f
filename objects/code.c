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
 *     uvarint nwords, svarint line - previous line, uvarint end_line - line,
 *     uvarint col + 1, uvarint end_col + 1      (0 = unknown column)
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "code.h"
#include "exceptions.h"
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
        int line = l->line > 0 ? l->line : prev;
        int end_line = l->end_line >= line ? l->end_line : line;
        if (put_uvarint(&b, l->nwords) < 0 || put_svarint(&b, line - prev) < 0 ||
            put_uvarint(&b, (uint64_t)(end_line - line)) < 0 ||
            put_uvarint(&b, (uint64_t)(l->col + 1)) < 0 ||
            put_uvarint(&b, (uint64_t)(l->end_col + 1)) < 0) {
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
        int e = cur + (int)get_uvarint(&p, end);
        int cc = (int)get_uvarint(&p, end) - 1;
        int ecc = (int)get_uvarint(&p, end) - 1;
        l = cur;
        el = e;
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
    return code_addr2loc(code, pc, NULL, NULL, NULL, NULL);
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
CO_OBJ_GETTER(varnames)
CO_OBJ_GETTER(cellvars)
CO_OBJ_GETTER(freevars)

#define CO_INT_GETTER(field)                                                                       \
    static obj_t *co_get_##field(obj_t *o, void *c) {                                              \
        return SMALLINT_FROM(((code_t *)o)->field);                                                \
    }
CO_INT_GETTER(argcount)
CO_INT_GETTER(posonlyargcount)
CO_INT_GETTER(kwonlyargcount)
CO_INT_GETTER(nlocals)
CO_INT_GETTER(firstlineno)
CO_INT_GETTER(nregs)

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
    if (co->flags & CO_NOFREE) f |= 0x40;
    return SMALLINT_FROM(f);
}

static obj_t *co_get_code(obj_t *o, void *c) {
    code_t *co = (code_t *)o;
    extern PVM_WUR obj_t *bytes_from(const void *data, size_t len);
    return bytes_from(co->insns, co->ninsns * sizeof(uint32_t));
}

static void *dup_mem(const void *p, size_t n) {
    if (!p || n == 0) return NULL;
    void *d = malloc(n);
    if (d) memcpy(d, p, n);
    return d;
}

// code.replace(co_flags=...): only CO_ITERABLE_COROUTINE (0x100) may change,
// which is what types.coroutine() does to a generator function's code.
static obj_t *co_replace(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"$co_flags", NULL};
    obj_t *a[1];
    if (args_parse("replace", args, nargs, kwnames, names, 0, a) < 0) return NULL;
    code_t *co = (code_t *)self;
    int flags = co->flags;
    if (a[0]) {
        if (!IS_SMALLINT(a[0])) {
            err_format(exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       obj_type_name(a[0]));
            return NULL;
        }
        obj_t *cur = co_get_flags(self, NULL);
        int64_t want = SMALLINT_VALUE(a[0]);
        if ((want & ~0x100) != (SMALLINT_VALUE(cur) & ~0x100)) {
            err_set_str(exc_ValueError,
                        "pvm: code.replace() can only change CO_ITERABLE_COROUTINE (0x100)");
            return NULL;
        }
        flags = (flags & ~CO_ITERABLE_COROUTINE) | ((want & 0x100) ? CO_ITERABLE_COROUTINE : 0);
    }
    code_t *n = code_new();
    if (!n) return NULL;
    obj_t hdr = n->ob;
    *n = *co;
    n->ob = hdr;
    n->flags = flags;
    n->extra = NULL;
    n->insns = dup_mem(co->insns, co->ninsns * sizeof(uint32_t));
    n->linetable = dup_mem(co->linetable, co->linetable_len);
    n->exctable = dup_mem(co->exctable, co->nexc * sizeof(exc_entry_t));
    n->cell_regs = dup_mem(co->cell_regs, co->ncells * sizeof(int));
    XINCREF(n->consts);
    XINCREF(n->names);
    XINCREF(n->varnames);
    XINCREF(n->cellvars);
    XINCREF(n->freevars);
    XINCREF(n->filename);
    XINCREF(n->name);
    XINCREF(n->qualname);
    if ((co->ninsns && !n->insns) || (co->linetable_len && !n->linetable) ||
        (co->nexc && !n->exctable) || (co->ncells && !n->cell_regs)) {
        DECREF((obj_t *)n);
        return err_no_memory();
    }
    return (obj_t *)n;
}

static const method_def_t code_methods[] = {
    {"replace", co_replace, METH_DEFAULT, NULL},
    {NULL},
};

static const getset_def_t code_getsets[] = {
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
    .getsets = code_getsets,
    .methods = code_methods,
};
