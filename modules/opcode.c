/*
 * modules/opcode.c — the `_opcode` module: pvm's instruction set and the
 * decoding of a code object's instruction words, for lib/opcode.py and
 * lib/dis.py.
 *
 * Nothing here is typed by hand: the opcode table expands from
 * core/opcodes.def (through core/dis.c's name, format and doc tables) and
 * decode() walks the words with insn_decode, the interpreter's own
 * decoder, so the Python disassembler never re-implements the encoding
 * (EXTENDED_ARG prefixes, Bx, trailing words) and cannot drift from it.
 *
 * Concurrency: code objects are immutable once published (the words that
 * -X stress patches are read from code.stress_orig, the words as compiled,
 * as co_code does), so nothing here takes a lock.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/opcodes.h"
#include "../objects/bytes.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"

static code_t *code_arg(const char *fn, obj_t *o) {
    if (!CODE_CHECK(o)) {
        err_format(exc_TypeError, "%s() expects a code object, not %T", fn, o);
        return NULL;
    }
    return (code_t *)o;
}

// One operand, as the format letter says: 'I' is a signed immediate, the
// others are plain numbers (register, constant or name index, count).
static obj_t *operand(char kind, uint32_t v) {
    if (kind == 'I') return int_from_i64((int64_t)v - SBX_BIAS);
    return int_from_i64(v);
}

// One decoded instruction: (word, nwords, op, operands, extra).  word is the
// index of its first word (its first EXTENDED_ARG prefix, if any); nwords
// counts the prefixes, the instruction and its trailing word; operands has
// one item per operand letter of the format ((A, B, C) or (A, Bx)); extra
// is the trailing jump target or data word, or None.  A word that does not
// decode (a truncated prefix, an unknown opcode) gives op None.
static obj_t *insn_tuple(size_t start, size_t nwords, obj_t *op, obj_t *ops, obj_t *extra) {
    obj_t *s = int_from_i64((int64_t)start), *n = int_from_i64((int64_t)nwords);
    obj_t *t = s && n ? tuple_pack(5, s, n, op, ops, extra) : NULL;
    XDECREF(s);
    XDECREF(n);
    return t;
}

// The instruction tuples of the words w[0, n), in order.
static obj_t *decode_words(const uint32_t *w, size_t n) {
    obj_t *list = list_new(0);
    if (list == NULL) return NULL;
    for (size_t pc = 0; pc < n;) {
        insn_t insn;
        size_t len = insn_decode(w, n, pc, &insn);
        unsigned op = len ? INSN_OP(insn) : 0;
        obj_t *t;
        if (len == 0 || op >= OPC_COUNT) {
            obj_t *empty = tuple_new(0);
            t = empty ? insn_tuple(pc, 1, None, empty, None) : NULL;
            XDECREF(empty);
            pc++;
        } else {
            const char *fmt = opcode_formats[op];
            bool bx = opcode_is_bx((int)op);
            uint32_t vals[3] = {INSN_A(insn), bx ? INSN_BX(insn) : INSN_B(insn), INSN_C(insn)};
            size_t nops = bx ? 2 : 3;
            obj_t *ops = tuple_new(nops);
            if (ops == NULL) goto error;
            for (size_t i = 0; i < nops; i++) {
                obj_t *v = operand(fmt[i], vals[i]);
                if (v == NULL) {
                    DECREF(ops);
                    goto error;
                }
                TUPLE_SET(ops, i, v);
            }
            size_t start = pc;
            pc += len;
            obj_t *extra = NULL;
            if (opcode_has_word((int)op) && pc < n) {
                extra = int_from_i64(w[pc++]);
                if (extra == NULL) {
                    DECREF(ops);
                    goto error;
                }
            }
            obj_t *opn = int_from_i64(op);
            t = opn ? insn_tuple(start, pc - start, opn, ops, extra ? extra : None) : NULL;
            XDECREF(opn);
            XDECREF(extra);
            DECREF(ops);
        }
        if (t == NULL) goto error;
        int rc = list_append(list, t);
        DECREF(t);
        if (rc < 0) goto error;
    }
    return list;
error:
    DECREF(list);
    return NULL;
}

// decode(code_or_bytes) -> list of instruction tuples (see insn_tuple): a
// code object's words, or raw words as co_code gives them (bytes, 4 per
// word, in the machine's byte order).
static obj_t *opcode_decode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("decode", nargs, kwnames, 1, 1) < 0) return NULL;
    obj_t *x = args[0];
    if (CODE_CHECK(x)) {
        code_t *co = (code_t *)x;
        return decode_words(co->stress_orig ? co->stress_orig : co->insns, co->ninsns);
    }
    if (!BYTES_CHECK(x)) {
        err_format(exc_TypeError, "decode() expects a code object or bytes, not %T", x);
        return NULL;
    }
    size_t len = bytes_len(x);
    if (len % sizeof(uint32_t) != 0) {
        err_set_str(exc_ValueError, "bytecode length must be a multiple of 4");
        return NULL;
    }
    uint32_t *w = malloc(len ? len : 1);
    if (w == NULL) return err_no_memory();
    memcpy(w, bytes_data(x), len);
    obj_t *r = decode_words(w, len / sizeof(uint32_t));
    free(w);
    return r;
}

static int set_item(obj_t *d, const char *key, obj_t *v) {
    if (v == NULL) return -1;
    int rc = dict_set_str(d, key, v);
    DECREF(v);
    return rc;
}

static obj_t *int_tuple(const int *vals, size_t n) {
    obj_t *t = tuple_new(n);
    if (t == NULL) return NULL;
    for (size_t i = 0; i < n; i++) {
        obj_t *v = int_from_i64(vals[i]);
        if (v == NULL) {
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, i, v);
    }
    return t;
}

// layout(code) -> dict of what co_* attributes do not show, in pvm's own
// terms: "regnames" names registers [0, nlocals) (co_varnames leaves out
// the cells that are not parameters, as CPython's does), "nlocals",
// "nregs", "nfree" (the closure's cells follow the locals), "cell_regs"
// (the register of each co_cellvars entry) and "exctable", a tuple of
// (start, end, handler, register) in instruction words.
static obj_t *opcode_layout(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("layout", nargs, kwnames, 1, 1) < 0) return NULL;
    code_t *co = code_arg("layout", args[0]);
    if (co == NULL) return NULL;
    obj_t *d = dict_new();
    if (d == NULL) return NULL;
    obj_t *exc = tuple_new(co->nexc);
    if (exc == NULL) goto error;
    for (size_t i = 0; i < co->nexc; i++) {
        const exc_entry_t *e = &co->exctable[i];
        int vals[4] = {(int)e->start, (int)e->end, (int)e->handler, (int)e->depth};
        obj_t *t = int_tuple(vals, 4);
        if (t == NULL) {
            DECREF(exc);
            goto error;
        }
        TUPLE_SET(exc, i, t);
    }
    if (set_item(d, "exctable", exc) < 0 ||
        set_item(d, "regnames", NEWREF(co->varnames ? co->varnames : None)) < 0 ||
        set_item(d, "nlocals", int_from_i64(co->nlocals)) < 0 ||
        set_item(d, "nregs", int_from_i64(co->nregs)) < 0 ||
        set_item(d, "nfree", int_from_i64(co->nfree)) < 0 ||
        set_item(d, "cell_regs", int_tuple(co->cell_regs, (size_t)co->ncells)) < 0)
        goto error;
    return d;
error:
    DECREF(d);
    return NULL;
}

static const method_def_t opcode_functions[] = {
    {"decode", opcode_decode, 0, NULL},
    {"layout", opcode_layout, 0, NULL},
    {NULL},
};

// opcodes: one (name, format, doc) tuple per opcode, in opcode order.
static obj_t *opcode_table(void) {
    obj_t *t = tuple_new(OPC_COUNT);
    if (t == NULL) return NULL;
    for (size_t i = 0; i < OPC_COUNT; i++) {
        obj_t *name = str_from_cstr(opcode_names[i]);
        obj_t *fmt = str_from_cstr(opcode_formats[i]);
        obj_t *doc = str_from_cstr(opcode_docs[i]);
        obj_t *e = name && fmt && doc ? tuple_pack(3, name, fmt, doc) : NULL;
        XDECREF(name);
        XDECREF(fmt);
        XDECREF(doc);
        if (e == NULL) {
            DECREF(t);
            return NULL;
        }
        TUPLE_SET(t, i, e);
    }
    return t;
}

obj_t *opcode_module_init(void) {
    obj_t *m = module_new("_opcode");
    if (m == NULL) return NULL;
    if (module_add_functions(m, opcode_functions) < 0 ||
        set_item(module_dict(m), "opcodes", opcode_table()) < 0 ||
        set_item(module_dict(m), "MAX_PREFIXES", int_from_i64(INSN_MAX_PREFIXES)) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
