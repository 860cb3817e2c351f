/*
 * modules/sre.h — the `_sre` regular-expression engine shared by
 * modules/sre.c (the module, Pattern, Match and Scanner objects) and
 * modules/sre_engine.c (the backtracking matcher).
 *
 * The code a Pattern runs is the word list re/_compiler.py builds (CPython
 * 3.11's opcode numbering, re/_constants.py), kept as uint32_t words.  A
 * subject is seen as an array of code points: 1 byte each for bytes-like
 * subjects and ASCII str, 4 bytes each (a decoded copy) for other str.
 */
#ifndef PVM_SRE_H
#define PVM_SRE_H

#include "../objects/object.h"

#define SRE_MAGIC     20220615
#define SRE_MAXREPEAT 0xffffffffu
#define SRE_MAXGROUPS 1073741823

// Opcodes (re/_constants.py OPCODES order).
enum {
    SRE_OP_FAILURE,
    SRE_OP_SUCCESS,
    SRE_OP_ANY,
    SRE_OP_ANY_ALL,
    SRE_OP_ASSERT,
    SRE_OP_ASSERT_NOT,
    SRE_OP_AT,
    SRE_OP_BRANCH,
    SRE_OP_CATEGORY,
    SRE_OP_CHARSET,
    SRE_OP_BIGCHARSET,
    SRE_OP_GROUPREF,
    SRE_OP_GROUPREF_EXISTS,
    SRE_OP_IN,
    SRE_OP_INFO,
    SRE_OP_JUMP,
    SRE_OP_LITERAL,
    SRE_OP_MARK,
    SRE_OP_MAX_UNTIL,
    SRE_OP_MIN_UNTIL,
    SRE_OP_NOT_LITERAL,
    SRE_OP_NEGATE,
    SRE_OP_RANGE,
    SRE_OP_REPEAT,
    SRE_OP_REPEAT_ONE,
    SRE_OP_SUBPATTERN,
    SRE_OP_MIN_REPEAT_ONE,
    SRE_OP_ATOMIC_GROUP,
    SRE_OP_POSSESSIVE_REPEAT,
    SRE_OP_POSSESSIVE_REPEAT_ONE,
    SRE_OP_GROUPREF_IGNORE,
    SRE_OP_IN_IGNORE,
    SRE_OP_LITERAL_IGNORE,
    SRE_OP_NOT_LITERAL_IGNORE,
    SRE_OP_GROUPREF_LOC_IGNORE,
    SRE_OP_IN_LOC_IGNORE,
    SRE_OP_LITERAL_LOC_IGNORE,
    SRE_OP_NOT_LITERAL_LOC_IGNORE,
    SRE_OP_GROUPREF_UNI_IGNORE,
    SRE_OP_IN_UNI_IGNORE,
    SRE_OP_LITERAL_UNI_IGNORE,
    SRE_OP_NOT_LITERAL_UNI_IGNORE,
    SRE_OP_RANGE_UNI_IGNORE,
};

// AT codes and categories (re/_constants.py ATCODES, CHCODES).
enum {
    SRE_AT_BEGINNING,
    SRE_AT_BEGINNING_LINE,
    SRE_AT_BEGINNING_STRING,
    SRE_AT_BOUNDARY,
    SRE_AT_NON_BOUNDARY,
    SRE_AT_END,
    SRE_AT_END_LINE,
    SRE_AT_END_STRING,
    SRE_AT_LOC_BOUNDARY,
    SRE_AT_LOC_NON_BOUNDARY,
    SRE_AT_UNI_BOUNDARY,
    SRE_AT_UNI_NON_BOUNDARY,
};
enum {
    SRE_CAT_DIGIT,
    SRE_CAT_NOT_DIGIT,
    SRE_CAT_SPACE,
    SRE_CAT_NOT_SPACE,
    SRE_CAT_WORD,
    SRE_CAT_NOT_WORD,
    SRE_CAT_LINEBREAK,
    SRE_CAT_NOT_LINEBREAK,
    SRE_CAT_LOC_WORD,
    SRE_CAT_LOC_NOT_WORD,
    SRE_CAT_UNI_DIGIT,
    SRE_CAT_UNI_NOT_DIGIT,
    SRE_CAT_UNI_SPACE,
    SRE_CAT_UNI_NOT_SPACE,
    SRE_CAT_UNI_WORD,
    SRE_CAT_UNI_NOT_WORD,
    SRE_CAT_UNI_LINEBREAK,
    SRE_CAT_UNI_NOT_LINEBREAK,
};

#define SRE_FLAG_IGNORECASE 2
#define SRE_FLAG_LOCALE     4
#define SRE_FLAG_UNICODE    32
#define SRE_FLAG_ASCII      256

// One match attempt over a subject.  The caller fills the subject fields
// and start/end/marks; sre_match/sre_search fill the result fields.
typedef struct {
    // subject
    const uint8_t *d8;   // width 1
    const uint32_t *d32; // width 4
    ssize_t length;      // whole subject, in characters
    ssize_t start, end;  // the window [pos, endpos) after clamping
    // options
    bool match_all;    // fullmatch: the match must end at `end`
    bool must_advance; // the match must not be empty at `start`
    // result
    ssize_t match_start, match_end;
    ssize_t *marks; // 2 * ngroups, -1 = unset (owned by the caller)
    size_t nmarks;
    ssize_t lastindex; // -1 = none
} sre_state_t;

// The compiled program.
typedef struct {
    const uint32_t *code;
    size_t len;
} sre_prog_t;

// Runs the program anchored at st->start.  1 match, 0 none, -1 + exception.
int sre_match(const sre_prog_t *prog, sre_state_t *st);
// Tries st->start, st->start + 1, ... st->end.  Same results.
int sre_search(const sre_prog_t *prog, sre_state_t *st);

// Case helpers (also the module's *_tolower / *_iscased functions).
uint32_t sre_lower_ascii(uint32_t ch);
uint32_t sre_lower_unicode(uint32_t ch);
uint32_t sre_upper_unicode(uint32_t ch);
bool sre_unicode_iscased(uint32_t ch);

#endif // PVM_SRE_H
