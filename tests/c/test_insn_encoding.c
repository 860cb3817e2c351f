/*
 * tests/c/test_insn_encoding.c — the instruction encoding of
 * core/opcodes.def: EXTENDED_ARG prefixes (insn_prefixes, used by the
 * assembler) and their decoding (insn_decode, used by the interpreter, the
 * disassembler and the cache validator) round-trip every operand width up
 * to 32 bits, with the fewest prefixes, for iABC and iABx instructions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/opcodes.h"

static const uint32_t values[] = {0,          1,          255,         256,       0xffff,
                                  0x10000,    0x12345,    0xffffff,    0x1000000, 0x7fffffff,
                                  0x80000000, 0xfedcba98, 0xffffffffu, 70000,     65535 * 2};
#define NVALUES (sizeof values / sizeof values[0])

static int expected_prefixes(uint32_t m) {
    return m > 0xffffff ? 3 : m > 0xffff ? 2 : m > 0xff ? 1 : 0;
}

// Encodes like the assembler, decodes like the interpreter.
static void round_trip(int op, uint32_t a, uint32_t b, uint32_t c, insn_t *out, int *npre) {
    uint32_t words[INSN_MAX_PREFIXES + 1];
    *npre = insn_prefixes(op, a, b, c, words);
    assert_true(*npre >= 0 && *npre <= INSN_MAX_PREFIXES);
    if (opcode_is_bx(op))
        words[*npre] = INSN_ABX(op, a & 0xff, b & 0xffff);
    else
        words[*npre] = INSN_ABC(op, a & 0xff, b & 0xff, c & 0xff);
    size_t n = (size_t)*npre + 1;
    assert_int_equal(insn_decode(words, n, 0, out), n);
    assert_int_equal(INSN_OP(*out), (unsigned)op);
    // The interpreter's own call: no bound, and starting at a prefix.
    insn_t again;
    assert_int_equal(insn_decode(words, SIZE_MAX, 0, &again), n);
    assert_true(again == *out);
}

static void test_abc_round_trip(void **state) {
    (void)state;
    for (size_t i = 0; i < NVALUES; i++)
        for (size_t j = 0; j < NVALUES; j++)
            for (size_t k = 0; k < NVALUES; k += 3) {
                uint32_t a = values[i], b = values[j], c = values[(k + i) % NVALUES];
                insn_t insn;
                int npre;
                round_trip(OPC_ADD, a, b, c, &insn, &npre);
                assert_int_equal(INSN_A(insn), a);
                assert_int_equal(INSN_B(insn), b);
                assert_int_equal(INSN_C(insn), c);
                assert_int_equal(npre, expected_prefixes(a | b | c));
            }
}

static void test_abx_round_trip(void **state) {
    (void)state;
    for (size_t i = 0; i < NVALUES; i++)
        for (size_t j = 0; j < NVALUES; j++) {
            uint32_t a = values[i], bx = values[j];
            insn_t insn;
            int npre;
            round_trip(OPC_LOAD_CONST, a, bx, 0, &insn, &npre);
            assert_int_equal(INSN_A(insn), a);
            assert_int_equal(INSN_BX(insn), bx);
            int want = expected_prefixes(a);
            if (want == 0 && bx > 0xffff) want = 1;
            assert_int_equal(npre, want);
        }
}

static void test_plain_words_need_no_decoding(void **state) {
    (void)state;
    // A word without prefix decodes by zero extension: what the
    // interpreter's fetch does.
    uint32_t w = INSN_ABC(OPC_SUB, 7, 200, 255);
    insn_t insn = w;
    assert_int_equal(INSN_A(insn), 7);
    assert_int_equal(INSN_B(insn), 200);
    assert_int_equal(INSN_C(insn), 255);
    assert_int_equal(INSN_A(w), 7);
    uint32_t x = INSN_ABX(OPC_LOAD_SMALLINT, 3, SBX_BIAS - 5);
    assert_int_equal(INSN_SBX((insn_t)x), -5);
}

static void test_malformed_prefixes(void **state) {
    (void)state;
    uint32_t ext = INSN_ABC(OPC_EXTENDED_ARG, 1, 1, 1);
    insn_t insn;
    uint32_t lone[] = {ext};
    assert_int_equal(insn_decode(lone, 1, 0, &insn), 0); // a prefix at the end
    uint32_t four[] = {ext, ext, ext, ext, INSN_ABC(OPC_ADD, 0, 0, 0)};
    assert_int_equal(insn_decode(four, 5, 0, &insn), 0); // more than three
    uint32_t three[] = {ext, ext, ext, INSN_ABC(OPC_ADD, 0, 0, 0)};
    assert_int_equal(insn_decode(three, 4, 0, &insn), 4);
    assert_int_equal(INSN_A(insn), 0x01010100);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abc_round_trip),
        cmocka_unit_test(test_abx_round_trip),
        cmocka_unit_test(test_plain_words_need_no_decoding),
        cmocka_unit_test(test_malformed_prefixes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
