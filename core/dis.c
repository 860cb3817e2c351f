/*
 * core/dis.c — opcode tables and the disassembler behind `pvm --dis`.
 *
 * Everything here expands from core/opcodes.def: the name, format and doc
 * tables, and the operand rendering (the format string says which operand
 * is a register, a constant, a name, a number or a jump target).
 */
#include <stdio.h>
#include <string.h>

#include "../objects/code.h"
#include "../objects/exceptions.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "error.h"
#include "eval.h"
#include "opcodes.h"

const char *const opcode_names[OPC_COUNT] = {
#define OP(name, fmt, doc) #name,
#include "opcodes.def"
#undef OP
};

const char *const opcode_formats[OPC_COUNT] = {
#define OP(name, fmt, doc) #fmt,
#include "opcodes.def"
#undef OP
};

const char *const opcode_docs[OPC_COUNT] = {
#define OP(name, fmt, doc) doc,
#include "opcodes.def"
#undef OP
};

bool opcode_is_bx(int op) {
    const char *f = opcode_formats[op];
    return strlen(f) >= 3 && f[2] == 'x';
}

bool opcode_has_jump(int op) {
    return strchr(opcode_formats[op], 'J') != NULL;
}

bool opcode_has_word(int op) {
    const char *f = opcode_formats[op];
    return strchr(f, 'J') != NULL || strchr(f, 'W') != NULL;
}

size_t insn_decode(const uint32_t *code, size_t n, size_t pc, insn_t *out) {
    uint32_t a = 0, b = 0, c = 0; // prefix bytes, the nearest prefix's lowest
    size_t k = 0;
    while (pc + k < n && (code[pc + k] & 0xff) == OPC_EXTENDED_ARG) {
        if (k == INSN_MAX_PREFIXES) return 0;
        uint32_t w = code[pc + k++];
        a = (a << 8) | ((w >> 8) & 0xff);
        b = (b << 8) | ((w >> 16) & 0xff);
        c = (c << 8) | (w >> 24);
    }
    if (pc + k >= n) return 0;
    uint32_t word = code[pc + k];
    insn_t v = word;
    if (k > 0) {
        int op = (int)(word & 0xff);
        v |= (insn_t)(a << 8) << 64;
        if (op < OPC_COUNT && opcode_is_bx(op))
            v |= (insn_t)((b & 0xff) | ((c & 0xff) << 8)) << 32;
        else
            v |= ((insn_t)c << 32) | ((insn_t)(b << 8) << 96);
    }
    *out = v;
    return k + 1;
}

int insn_prefixes(int op, uint32_t a, uint32_t b, uint32_t c, uint32_t words[INSN_MAX_PREFIXES]) {
    bool bx = opcode_is_bx(op);
    uint32_t m = bx ? a : (a | b | c);
    int n = m > 0xffffff ? 3 : m > 0xffff ? 2 : m > 0xff ? 1 : 0;
    if (bx && b > 0xffff && n == 0) n = 1;
    for (int j = 0; j < n; j++) {
        int s = 8 * (n - j); // words[n - 1] is the nearest prefix: bits 8..15
        uint32_t pa = (a >> s) & 0xff, pb = 0, pc = 0;
        if (!bx) {
            pb = (b >> s) & 0xff;
            pc = (c >> s) & 0xff;
        } else if (j == n - 1) {
            pb = (b >> 16) & 0xff;
            pc = b >> 24;
        }
        words[j] = INSN_ABC(OPC_EXTENDED_ARG, pa, pb, pc);
    }
    return n;
}

static void print_const(FILE *out, obj_t *v) {
    obj_t *r = obj_repr(v);
    if (!r) {
        err_clear();
        fputs("?", out);
        return;
    }
    const char *s = str_data(r);
    size_t n = strlen(s);
    if (n > 48)
        fprintf(out, "%.45s...", s);
    else
        fputs(s, out);
    DECREF(r);
}

static void dis_one(code_t *co, FILE *out) {
    fprintf(out, "Disassembly of %s (%s, line %d):\n", str_data(co->qualname),
            str_data(co->filename), co->firstlineno);
    fprintf(out,
            "  registers: %d  params: %d (posonly %d, kwonly %d)  locals: %d  cells: %d  free: "
            "%d  flags: 0x%x\n",
            co->nregs, co->nparams, co->posonlyargcount, co->kwonlyargcount, co->nlocals,
            co->ncells, co->nfree, co->flags);
    if (TUPLE_SIZE(co->varnames)) {
        fputs("  locals:", out);
        for (size_t i = 0; i < TUPLE_SIZE(co->varnames); i++)
            fprintf(out, " R[%zu]=%s", i, str_data(TUPLE_GET(co->varnames, i)));
        fputc('\n', out);
    }
    if (TUPLE_SIZE(co->freevars)) {
        fputs("  free:", out);
        for (size_t i = 0; i < TUPLE_SIZE(co->freevars); i++)
            fprintf(out, " R[%zu]=%s", co->nlocals + i, str_data(TUPLE_GET(co->freevars, i)));
        fputc('\n', out);
    }
    int last_line = -1;
    size_t pc = 0;
    while (pc < co->ninsns) {
        size_t start = pc;
        insn_t insn;
        size_t len = insn_decode(co->insns, co->ninsns, pc, &insn);
        if (len == 0) {
            fprintf(out, "  %6zu        <bad EXTENDED_ARG prefix>\n", start);
            break;
        }
        pc += len;
        int op = (int)INSN_OP(insn);
        if (op >= OPC_COUNT) {
            fprintf(out, "  %6zu        <bad opcode %d>\n", start, op);
            continue;
        }
        int line = code_addr2line(co, start);
        if (line != last_line) {
            fprintf(out, "%6d ", line);
            last_line = line;
        } else {
            fputs("       ", out);
        }
        fprintf(out, "%6zu %-22s", start, opcode_names[op]);
        const char *fmt = opcode_formats[op];
        bool bx = opcode_is_bx(op);
        uint32_t vals[3] = {INSN_A(insn), bx ? INSN_BX(insn) : INSN_B(insn), INSN_C(insn)};
        int nops = bx ? 2 : 3;
        obj_t *comment_const = NULL;
        obj_t *comment_name = NULL;
        for (int i = 0; i < nops && fmt[i]; i++) {
            char k = fmt[i];
            uint32_t v = vals[i];
            switch (k) {
            case 'R': fprintf(out, " R[%u]", v); break;
            case 'K':
                fprintf(out, " K[%u]", v);
                if (v < TUPLE_SIZE(co->consts)) comment_const = TUPLE_GET(co->consts, v);
                break;
            case 'N':
                fprintf(out, " N[%u]", v);
                if (v < TUPLE_SIZE(co->names)) comment_name = TUPLE_GET(co->names, v);
                break;
            case 'U': fprintf(out, " %u", v); break;
            case 'I': fprintf(out, " %d", (int)v - SBX_BIAS); break;
            default: break;
            }
        }
        if (op == OPC_CALL || op == OPC_CALL_METHOD) {
            uint32_t c = INSN_C(insn);
            if (c > 0 && c - 1 < TUPLE_SIZE(co->consts))
                comment_const = TUPLE_GET(co->consts, c - 1);
        }
        if (opcode_has_word(op) && pc < co->ninsns) {
            uint32_t w = co->insns[pc++];
            if (opcode_has_jump(op))
                fprintf(out, " -> %u", w);
            else
                fprintf(out, " W=%u", w);
        }
        if (comment_const || comment_name) {
            fputs("    ; ", out);
            if (comment_name)
                fputs(str_data(comment_name), out);
            else
                print_const(out, comment_const);
        }
        fputc('\n', out);
    }
    if (co->nexc) {
        fputs("  exception table:\n", out);
        for (size_t i = 0; i < co->nexc; i++)
            fprintf(out, "    [%u, %u) -> %u  exc in R[%u]\n", co->exctable[i].start,
                    co->exctable[i].end, co->exctable[i].handler, co->exctable[i].depth);
    }
    fputc('\n', out);
}

int dis_code(obj_t *code, FILE *out) {
    if (!CODE_CHECK(code)) {
        err_set_str(exc_TypeError, "dis_code: not a code object");
        return -1;
    }
    code_t *co = (code_t *)code;
    dis_one(co, out);
    for (size_t i = 0; i < TUPLE_SIZE(co->consts); i++) {
        obj_t *k = TUPLE_GET(co->consts, i);
        if (CODE_CHECK(k) && dis_code(k, out) < 0) return -1;
    }
    return 0;
}
