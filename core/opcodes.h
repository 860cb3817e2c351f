/*
 * core/opcodes.h — opcode enum and tables, expanded from core/opcodes.def.
 *
 * Decoding: the interpreter keeps the current instruction in a 64-bit word:
 * the 32-bit instruction in the low half and, after an EXTENDED_ARG prefix,
 * the prefix's A/B/C bytes in bits 32..55.  The INSN_* macros below extract
 * operands from that word so they work with or without a prefix.
 */
#ifndef PVM_OPCODES_H
#define PVM_OPCODES_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
#define OP(name, fmt, doc) OPC_##name,
#include "opcodes.def"
#undef OP
    OPC_COUNT
} opcode_t;

extern const char *const opcode_names[OPC_COUNT];
// Operand format of each opcode as a string, e.g. "RRK", "RKx", "RRUJ".
extern const char *const opcode_formats[OPC_COUNT];
extern const char *const opcode_docs[OPC_COUNT];

// Encoding.
#define INSN_ABC(op, a, b, c)                                                                      \
    ((uint32_t)(op) | ((uint32_t)(a) << 8) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 24))
#define INSN_ABX(op, a, bx) ((uint32_t)(op) | ((uint32_t)(a) << 8) | ((uint32_t)(bx) << 16))
#define SBX_BIAS            32768

// Decoding from a (possibly extended) 64-bit instruction word.
#define INSN_OP(i) ((unsigned)((i)&0xff))
#define INSN_A(i)  ((uint32_t)((((uint64_t)(i) >> 8) & 0xff) | (((uint64_t)(i) >> 24) & 0xff00)))
#define INSN_B(i)  ((uint32_t)((((uint64_t)(i) >> 16) & 0xff) | (((uint64_t)(i) >> 32) & 0xff00)))
#define INSN_C(i)  ((uint32_t)((((uint64_t)(i) >> 24) & 0xff) | (((uint64_t)(i) >> 40) & 0xff00)))
#define INSN_BX(i)                                                                                 \
    ((uint32_t)((((uint64_t)(i) >> 16) & 0xffff) | (((uint64_t)(i) >> 24) & 0xffff0000u)))
#define INSN_SBX(i) ((int32_t)INSN_BX(i) - SBX_BIAS)
// Combines an EXTENDED_ARG word with the instruction that follows it.
#define INSN_EXTEND(ext, next) ((uint64_t)(next) | ((uint64_t)((ext) >> 8) << 32))

// Format queries (from opcode_formats).
bool opcode_is_bx(int op);    // A, Bx layout
bool opcode_has_jump(int op); // trailing jump word
bool opcode_has_word(int op); // trailing word of any kind (jump or data)

#endif // PVM_OPCODES_H
