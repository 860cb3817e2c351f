/*
 * core/opcodes.h — opcode enum and tables, expanded from core/opcodes.def.
 *
 * Decoding: the interpreter keeps the current instruction in an insn_t, a
 * 128-bit value whose low 32 bits are the instruction word itself.  A plain
 * word (no EXTENDED_ARG prefix) is just zero-extended, so the fetch costs
 * nothing extra.  A prefixed instruction is widened once by insn_decode
 * (rare: only operands above 255, or Bx above 65535, need prefixes) into
 *
 *     bits   0..31   the instruction word (op, low bytes of A, B, C / Bx)
 *     bits  32..63   iABC: C >> 8 (so C = bits 24..55)
 *                    iABx: Bx >> 16 (so Bx = bits 16..47)
 *     bits  64..95   A with its low byte cleared
 *     bits  96..127  B with its low byte cleared (iABC)
 *
 * so that each INSN_* macro below is two or three shifts/masks whether or
 * not a prefix was present.  Up to INSN_MAX_PREFIXES prefixes give A, B and
 * C their full 32 bits (see core/opcodes.def for the encoding).
 */
#ifndef PVM_OPCODES_H
#define PVM_OPCODES_H

#include <stdbool.h>
#include <stddef.h>
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

// A decoded instruction (layout above).  A plain uint32_t word converts to
// one by zero extension.
typedef unsigned __int128 insn_t;

// At most this many EXTENDED_ARG prefixes precede an instruction: each adds
// 8 high bits to A, B and C, so three give them 32 bits.  (Bx gets its 16
// high bits from the nearest prefix alone.)
#define INSN_MAX_PREFIXES 3

// Decoding from a plain word or a widened insn_t.
#define INSN_OP(i)  ((unsigned)((uint32_t)(i)&0xff))
#define INSN_A(i)   ((((uint32_t)(i) >> 8) & 0xff) | (uint32_t)((insn_t)(i) >> 64))
#define INSN_B(i)   ((((uint32_t)(i) >> 16) & 0xff) | (uint32_t)((insn_t)(i) >> 96))
#define INSN_C(i)   ((uint32_t)((uint64_t)(i) >> 24))
#define INSN_BX(i)  ((uint32_t)((uint64_t)(i) >> 16))
#define INSN_SBX(i) ((int32_t)INSN_BX(i) - SBX_BIAS)

// Decodes the instruction at code[pc]: its EXTENDED_ARG prefixes, if any,
// and the instruction word they extend (not a trailing J/W word).  Stores
// the widened instruction in *out and returns the number of words read
// (prefixes + 1), or 0 when code[pc..n) does not hold a whole prefixed
// instruction (a prefix at the end, more than INSN_MAX_PREFIXES prefixes).
// The interpreter passes n = SIZE_MAX: it runs validated code only.
size_t insn_decode(const uint32_t *code, size_t n, size_t pc, insn_t *out);

// Number of EXTENDED_ARG prefixes an instruction with these full-width
// operands needs (0..INSN_MAX_PREFIXES), and the prefix words themselves,
// outermost first, in words[0..nprefixes).
int insn_prefixes(int op, uint32_t a, uint32_t b, uint32_t c, uint32_t words[INSN_MAX_PREFIXES]);

// Format queries (from opcode_formats).
bool opcode_is_bx(int op);    // A, Bx layout
bool opcode_has_jump(int op); // trailing jump word
bool opcode_has_word(int op); // trailing word of any kind (jump or data)

#endif // PVM_OPCODES_H
