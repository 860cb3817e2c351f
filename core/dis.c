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
        uint64_t insn = co->insns[pc++];
        if (INSN_OP(insn) == OPC_EXTENDED_ARG && pc < co->ninsns) {
            insn = INSN_EXTEND(insn, co->insns[pc]);
            pc++;
        }
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
