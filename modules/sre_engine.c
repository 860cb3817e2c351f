/*
 * modules/sre_engine.c — the backtracking matcher of `_sre` (see
 * modules/sre.h for the program and subject layout).
 *
 * The matcher never recurses in C.  It runs the program as a loop over
 * (pc, pos) and keeps three heap-allocated stacks:
 *   - vars: the mutable match state — 2 * groups marks, lastindex, the
 *     current REPEAT record, lastmark (the highest mark set), then the
 *     REPEAT records themselves (count, pc of the REPEAT op, position of
 *     the last iteration, enclosing record), 4 words each, allocated as
 *     REPEAT ops run;
 *   - the trail: (index, old value) for every write to vars, so a
 *     backtrack undoes exactly what happened since its choice point;
 *   - choice points: where to resume when the rest of the match fails
 *     (the next BRANCH alternative, one fewer REPEAT_ONE item, one more
 *     MIN_REPEAT_ONE item, the tail after a MAX_UNTIL, one more MIN_UNTIL
 *     iteration) with the trail height and vars height to go back to.
 * Atomic constructs (lookaround, atomic groups, possessive repeats) push a
 * "barrier" choice point; the SUCCESS op that ends their body finds the
 * innermost one (a chain through the barriers) and cuts the stack back
 * to it, so nothing inside the body is retried; a failing body backtracks
 * into the barrier, which then decides (a negative lookahead succeeds, a
 * possessive repeat that has its minimum stops there).  Outside any
 * REPEAT, backtracking into a BRANCH, REPEAT_ONE, MIN_REPEAT_ONE, negative
 * lookahead or MIN_UNTIL tail keeps the spans the failed path gave groups
 * below `lastmark`, as CPython 3.11 does (undo_keeping_marks).  The REPEAT /
 * MAX_UNTIL / MIN_UNTIL protocol, and where `^`, `$`, `\b` look (the
 * string's start, the endpos window's end), follow CPython 3.11's
 * documented semantics.  Every 4096 steps the thread's eval breaker is
 * polled, so a runaway match can be interrupted (KeyboardInterrupt,
 * thread_hard_stop).
 */
#include "sre.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../objects/exceptions.h"
#include "../threads/thread.h"
#include "sre_case_tables.h"

// Unicode predicates of objects/str_methods.c (declared in its private header).
bool uni_isspace(uint32_t cp);
bool uni_isdecimal(uint32_t cp);
bool uni_isdigit(uint32_t cp);
bool uni_isnumeric(uint32_t cp);
bool uni_isalpha(uint32_t cp);
bool uni_islinebreak(uint32_t cp);

uint32_t sre_lower_ascii(uint32_t ch) {
    return ch < 128 && ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}
static uint32_t upper_ascii(uint32_t ch) {
    return ch < 128 && ch >= 'a' && ch <= 'z' ? ch - 32 : ch;
}
// The mapping of ch in a sorted pair table, ch itself if absent.
static uint32_t case_lookup(const uint32_t (*t)[2], size_t n, uint32_t ch) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t[mid][0] < ch)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && t[lo][0] == ch ? t[lo][1] : ch;
}

uint32_t sre_lower_unicode(uint32_t ch) {
    if (ch < 128) return sre_lower_ascii(ch);
    return case_lookup(sre_lower_pairs, sizeof sre_lower_pairs / sizeof sre_lower_pairs[0], ch);
}
uint32_t sre_upper_unicode(uint32_t ch) {
    if (ch < 128) return upper_ascii(ch);
    return case_lookup(sre_upper_pairs, sizeof sre_upper_pairs / sizeof sre_upper_pairs[0], ch);
}
bool sre_unicode_iscased(uint32_t ch) {
    return ch != sre_lower_unicode(ch) || ch != sre_upper_unicode(ch);
}

static bool is_ascii_digit(uint32_t ch) {
    return ch >= '0' && ch <= '9';
}
static bool is_ascii_space(uint32_t ch) {
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
}
static bool is_ascii_word(uint32_t ch) {
    return ch < 128 && (is_ascii_digit(ch) || (ch >= 'a' && ch <= 'z') ||
                        (ch >= 'A' && ch <= 'Z') || ch == '_');
}
static bool is_uni_word(uint32_t ch) {
    if (ch < 128) return is_ascii_word(ch);
    return uni_isalpha(ch) || uni_isdecimal(ch) || uni_isdigit(ch) || uni_isnumeric(ch);
}

static bool category(uint32_t cat, uint32_t ch) {
    switch (cat) {
    case SRE_CAT_DIGIT: return is_ascii_digit(ch);
    case SRE_CAT_NOT_DIGIT: return !is_ascii_digit(ch);
    case SRE_CAT_SPACE: return is_ascii_space(ch);
    case SRE_CAT_NOT_SPACE: return !is_ascii_space(ch);
    case SRE_CAT_WORD:
    case SRE_CAT_LOC_WORD: return is_ascii_word(ch);
    case SRE_CAT_NOT_WORD:
    case SRE_CAT_LOC_NOT_WORD: return !is_ascii_word(ch);
    case SRE_CAT_LINEBREAK: return ch == '\n';
    case SRE_CAT_NOT_LINEBREAK: return ch != '\n';
    case SRE_CAT_UNI_DIGIT: return uni_isdecimal(ch);
    case SRE_CAT_UNI_NOT_DIGIT: return !uni_isdecimal(ch);
    case SRE_CAT_UNI_SPACE: return uni_isspace(ch);
    case SRE_CAT_UNI_NOT_SPACE: return !uni_isspace(ch);
    case SRE_CAT_UNI_WORD: return is_uni_word(ch);
    case SRE_CAT_UNI_NOT_WORD: return !is_uni_word(ch);
    case SRE_CAT_UNI_LINEBREAK: return uni_islinebreak(ch);
    case SRE_CAT_UNI_NOT_LINEBREAK: return !uni_islinebreak(ch);
    }
    return false;
}

// ---- the matcher's state -----------------------------------------------------------

enum {
    CP_BRANCH,
    CP_MAX_UNTIL_TAIL,
    CP_MIN_UNTIL_MORE,
    CP_REPEAT_ONE,
    CP_MIN_REPEAT_ONE,
    CP_BARRIER
};
enum { B_ASSERT, B_ASSERT_NOT, B_ATOMIC, B_POSS };

typedef struct {
    uint8_t kind, bkind;
    bool poss_ok;        // B_POSS: a failing body ends the repeat (minimum reached)
    size_t pc;           // where to resume (barrier: the op after the construct)
    size_t pc2;          // B_POSS: the POSSESSIVE_REPEAT op
    ssize_t pos;         // position to resume at
    size_t trail, nvars; // heights to go back to
    ssize_t prev_barrier;
    ssize_t start, count; // REPEAT_ONE / MIN_REPEAT_ONE: first item, items taken; B_POSS: count
} choice_t;

typedef struct {
    size_t idx;
    ssize_t old;
} trail_t;

typedef struct {
    const sre_prog_t *prog;
    sre_state_t *st;
    ssize_t *vars;
    size_t nvars, capvars;
    trail_t *trail;
    size_t ntrail, captrail;
    choice_t *cps;
    size_t ncp, capcp;
    trail_t *keep; // scratch of undo_keeping_marks
    size_t capkeep;
    ssize_t barrier; // index of the innermost barrier, -1 = none
    size_t nmarks;   // vars[nmarks] = lastindex, vars[nmarks + 1] = current repeat
    unsigned steps;
} ctx_t;

#define V_LASTINDEX(c) ((c)->nmarks)
#define V_REPEAT(c)    ((c)->nmarks + 1)
#define V_LASTMARK(c)  ((c)->nmarks + 2)
#define NFIXED(c)      ((c)->nmarks + 3)

static bool grow(void **p, size_t *cap, size_t need, size_t item) {
    if (need <= *cap) return true;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    if (obj_alloc_too_big(n * item)) {
        err_no_memory();
        return false;
    }
    void *q = realloc(*p, n * item);
    if (!q) {
        err_no_memory();
        return false;
    }
    *p = q;
    *cap = n;
    return true;
}

static bool set_var(ctx_t *c, size_t i, ssize_t v) {
    if (c->ntrail == c->captrail &&
        !grow((void **)&c->trail, &c->captrail, c->ntrail + 1, sizeof(trail_t)))
        return false;
    c->trail[c->ntrail++] = (trail_t){i, c->vars[i]};
    c->vars[i] = v;
    return true;
}

static choice_t *push_cp(ctx_t *c, int kind, size_t pc, ssize_t pos) {
    if (c->ncp == c->capcp && !grow((void **)&c->cps, &c->capcp, c->ncp + 1, sizeof(choice_t)))
        return NULL;
    choice_t *cp = &c->cps[c->ncp++];
    cp->kind = (uint8_t)kind;
    cp->pc = pc;
    cp->pos = pos;
    cp->trail = c->ntrail;
    cp->nvars = c->nvars;
    cp->prev_barrier = c->barrier;
    return cp;
}

static choice_t *push_barrier(ctx_t *c, int bkind, size_t pc, ssize_t pos) {
    choice_t *cp = push_cp(c, CP_BARRIER, pc, pos);
    if (!cp) return NULL;
    cp->bkind = (uint8_t)bkind;
    c->barrier = (ssize_t)(c->ncp - 1);
    return cp;
}

static void undo_to(ctx_t *c, size_t height) {
    while (c->ntrail > height) {
        trail_t *t = &c->trail[--c->ntrail];
        c->vars[t->idx] = t->old;
    }
}

// Backtracking to a BRANCH alternative, one fewer/more REPEAT_ONE item or
// past a failed negative lookahead or a MIN_UNTIL's failed tail, CPython 3.11 restores `lastmark`
// but, outside any REPEAT, not the marks below it: a group closed on the failed path keeps that
// span.  Undoes the trail to `height`, then, when no REPEAT is active, writes back the marks at or
// below the restored lastmark that the undo changed (as new trail entries, so an earlier choice
// point still restores them).
static int undo_keeping_marks(ctx_t *c, size_t height, bool min_until) {
    size_t n = 0;
    for (size_t i = height; i < c->ntrail; i++)
        if (c->trail[i].idx < c->nmarks) n++;
    if (n == 0) {
        undo_to(c, height);
        return 0;
    }
    if (n > c->capkeep && !grow((void **)&c->keep, &c->capkeep, n, sizeof(trail_t))) return -1;
    n = 0;
    for (size_t i = height; i < c->ntrail; i++) {
        size_t idx = c->trail[i].idx;
        if (idx < c->nmarks) c->keep[n++] = (trail_t){idx, c->vars[idx]};
    }
    undo_to(c, height);
    // a MIN_UNTIL's tail ran in the enclosing repeat
    ssize_t rec = c->vars[V_REPEAT(c)];
    if (min_until && rec >= 0) rec = c->vars[rec + 3];
    if (rec >= 0) return 0;
    ssize_t lastmark = c->vars[V_LASTMARK(c)];
    for (size_t i = 0; i < n; i++) {
        trail_t k = c->keep[i];
        if ((ssize_t)k.idx <= lastmark && c->vars[k.idx] != k.old && !set_var(c, k.idx, k.old))
            return -1;
    }
    return 0;
}

// ---- single characters and sets ----------------------------------------------------

#define CH(st, i) ((st)->d8 ? (uint32_t)(st)->d8[i] : (st)->d32[i])

// Whether ch is in the set at code[p...] (ends with FAILURE).  -1 = bad code.
static int in_set(const sre_prog_t *prog, size_t p, uint32_t ch) {
    const uint32_t *code = prog->code;
    size_t len = prog->len;
    bool ok = true;
    for (;;) {
        if (p >= len) return -1;
        switch (code[p++]) {
        case SRE_OP_FAILURE: return !ok;
        case SRE_OP_LITERAL:
            if (p >= len) return -1;
            if (ch == code[p]) return ok;
            p++;
            break;
        case SRE_OP_CATEGORY:
            if (p >= len) return -1;
            if (category(code[p], ch)) return ok;
            p++;
            break;
        case SRE_OP_CHARSET:
            if (p + 8 > len) return -1;
            if (ch < 256 && (code[p + (ch >> 5)] & (1u << (ch & 31)))) return ok;
            p += 8;
            break;
        case SRE_OP_RANGE:
            if (p + 2 > len) return -1;
            if (code[p] <= ch && ch <= code[p + 1]) return ok;
            p += 2;
            break;
        case SRE_OP_RANGE_UNI_IGNORE: {
            if (p + 2 > len) return -1;
            if (code[p] <= ch && ch <= code[p + 1]) return ok;
            uint32_t u = sre_upper_unicode(ch);
            if (code[p] <= u && u <= code[p + 1]) return ok;
            p += 2;
            break;
        }
        case SRE_OP_NEGATE: ok = !ok; break;
        case SRE_OP_BIGCHARSET: {
            if (p >= len) return -1;
            size_t nblocks = code[p++];
            if (p + 64 + nblocks * 8 > len) return -1;
            if (ch < 65536) {
                unsigned block = ((const uint8_t *)&code[p])[ch >> 8];
                if (block >= nblocks) return -1;
                if (code[p + 64 + block * 8 + ((ch & 255) >> 5)] & (1u << (ch & 31))) return ok;
            }
            p += 64 + nblocks * 8;
            break;
        }
        default: return -1;
        }
    }
}

// Whether the one-character item at code[p] matches ch.  -1 = bad code.
static int match_one(const sre_prog_t *prog, size_t p, uint32_t ch) {
    const uint32_t *code = prog->code;
    if (p + 1 >= prog->len) return -1;
    uint32_t arg = code[p + 1];
    switch (code[p]) {
    case SRE_OP_ANY: return ch != '\n';
    case SRE_OP_ANY_ALL: return 1;
    case SRE_OP_LITERAL: return ch == arg;
    case SRE_OP_NOT_LITERAL: return ch != arg;
    case SRE_OP_LITERAL_IGNORE: return sre_lower_ascii(ch) == arg;
    case SRE_OP_NOT_LITERAL_IGNORE: return sre_lower_ascii(ch) != arg;
    case SRE_OP_LITERAL_UNI_IGNORE: return sre_lower_unicode(ch) == arg;
    case SRE_OP_NOT_LITERAL_UNI_IGNORE: return sre_lower_unicode(ch) != arg;
    case SRE_OP_LITERAL_LOC_IGNORE:
        return ch == arg || sre_lower_ascii(ch) == arg || upper_ascii(ch) == arg;
    case SRE_OP_NOT_LITERAL_LOC_IGNORE:
        return !(ch == arg || sre_lower_ascii(ch) == arg || upper_ascii(ch) == arg);
    case SRE_OP_CATEGORY: return category(arg, ch);
    case SRE_OP_IN: return in_set(prog, p + 2, ch);
    case SRE_OP_IN_IGNORE: return in_set(prog, p + 2, sre_lower_ascii(ch));
    case SRE_OP_IN_UNI_IGNORE: return in_set(prog, p + 2, sre_lower_unicode(ch));
    case SRE_OP_IN_LOC_IGNORE: {
        int r = in_set(prog, p + 2, ch);
        if (r) return r;
        uint32_t lo = sre_lower_ascii(ch), up = upper_ascii(ch);
        if (lo != ch && (r = in_set(prog, p + 2, lo)) != 0) return r;
        if (up != ch) return in_set(prog, p + 2, up);
        return 0;
    }
    }
    return -1;
}

// Size in words of the one-character item at code[p] (its skip for sets).
static size_t one_width(const sre_prog_t *prog, size_t p) {
    switch (prog->code[p]) {
    case SRE_OP_ANY:
    case SRE_OP_ANY_ALL: return 1;
    case SRE_OP_IN:
    case SRE_OP_IN_IGNORE:
    case SRE_OP_IN_UNI_IGNORE:
    case SRE_OP_IN_LOC_IGNORE: return p + 1 < prog->len ? 1 + (size_t)prog->code[p + 1] : 0;
    default: return 2;
    }
}

// How many characters from pos on match the item at code[p], at most maxn.
static ssize_t count_one(const sre_prog_t *prog, sre_state_t *st, size_t p, ssize_t pos,
                         size_t maxn) {
    ssize_t limit = st->end - pos;
    if (limit < 0) return 0;
    if ((size_t)limit > maxn) limit = (ssize_t)maxn;
    if (p < prog->len && prog->code[p] == SRE_OP_ANY_ALL) return limit;
    if (p + 1 < prog->len && prog->code[p] == SRE_OP_LITERAL && st->d8) {
        uint32_t c = prog->code[p + 1];
        ssize_t i = 0;
        while (i < limit && st->d8[pos + i] == c)
            i++;
        return i;
    }
    ssize_t i = 0;
    while (i < limit) {
        int r = match_one(prog, p, CH(st, pos + i));
        if (r < 0) return -1;
        if (!r) break;
        i++;
    }
    return i;
}

static bool at_word(sre_state_t *st, ssize_t i, int kind) {
    if (i < 0 || i >= st->end) return false;
    uint32_t ch = CH(st, i);
    return kind == 2 ? is_uni_word(ch) : is_ascii_word(ch);
}

static bool at(sre_state_t *st, ssize_t pos, uint32_t where) {
    switch (where) {
    case SRE_AT_BEGINNING:
    case SRE_AT_BEGINNING_STRING: return pos == 0;
    case SRE_AT_BEGINNING_LINE: return pos == 0 || CH(st, pos - 1) == '\n';
    case SRE_AT_END: return pos == st->end || (pos + 1 == st->end && CH(st, pos) == '\n');
    case SRE_AT_END_LINE: return pos == st->end || CH(st, pos) == '\n';
    case SRE_AT_END_STRING: return pos == st->end;
    case SRE_AT_BOUNDARY:
    case SRE_AT_LOC_BOUNDARY:
    case SRE_AT_UNI_BOUNDARY:
    case SRE_AT_NON_BOUNDARY:
    case SRE_AT_LOC_NON_BOUNDARY:
    case SRE_AT_UNI_NON_BOUNDARY: {
        if (st->end == 0) return false;
        int kind = (where == SRE_AT_UNI_BOUNDARY || where == SRE_AT_UNI_NON_BOUNDARY) ? 2 : 1;
        bool before = at_word(st, pos - 1, kind), here = at_word(st, pos, kind);
        bool boundary = before != here;
        return (where == SRE_AT_BOUNDARY || where == SRE_AT_LOC_BOUNDARY ||
                where == SRE_AT_UNI_BOUNDARY)
                   ? boundary
                   : !boundary;
    }
    }
    return false;
}

// ---- the main loop -----------------------------------------------------------------

static int internal_error(void) {
    err_set_str(exc_RuntimeError, "internal error in regular expression engine");
    return -1;
}

// Compares the text of group g with the subject at *pos; advances *pos on a match.
static bool groupref(ctx_t *c, uint32_t g, ssize_t *pos, int fold) {
    sre_state_t *st = c->st;
    if ((size_t)g * 2 + 1 >= c->nmarks) return false;
    ssize_t b = c->vars[2 * g], e = c->vars[2 * g + 1];
    if (b < 0 || e < 0 || e < b) return false;
    ssize_t n = e - b;
    if (*pos + n > st->end) return false;
    for (ssize_t i = 0; i < n; i++) {
        uint32_t x = CH(st, b + i), y = CH(st, *pos + i);
        if (fold == 1) {
            x = sre_lower_ascii(x);
            y = sre_lower_ascii(y);
        } else if (fold == 2) {
            x = sre_lower_unicode(x);
            y = sre_lower_unicode(y);
        }
        if (x != y) return false;
    }
    *pos += n;
    return true;
}

// Starts iteration `count` of the POSSESSIVE_REPEAT at code[rp] at pos
// (`last`: where the previous iteration began after the minimum, -1 none):
// pushes its barrier and enters the body, or goes past the repeat.
static int poss_step(ctx_t *c, size_t rp, ssize_t count, ssize_t last, ssize_t pos, size_t *pc) {
    const uint32_t *code = c->prog->code;
    uint32_t mn = code[rp + 2], mx = code[rp + 3];
    size_t after = rp + 1 + code[rp + 1] + 1;
    bool more = count < (ssize_t)mn;
    if (more || ((mx == SRE_MAXREPEAT || (size_t)count < mx) && pos != last)) {
        choice_t *cp = push_barrier(c, B_POSS, after, pos);
        if (!cp) return -1;
        cp->pc2 = rp;
        cp->count = count;
        cp->poss_ok = !more;
        *pc = rp + 4;
    } else {
        *pc = after;
    }
    return 0;
}

// Enters the first alternative from the one whose skip word is code[a]
// that can match at pos, leaving a choice point for the next one.
// 1 entered (*pc set), 0 none left, -1 error.
static int branch_from(ctx_t *c, size_t a, ssize_t pos, size_t *pc) {
    const uint32_t *code = c->prog->code;
    size_t len = c->prog->len;
    sre_state_t *st = c->st;
    for (;;) {
        if (a >= len) return internal_error();
        if (code[a] == 0) return 0;
        size_t next = a + code[a];
        if (next >= len) return internal_error();
        // an alternative that starts with a literal that is not here
        if (a + 2 < len && code[a + 1] == SRE_OP_LITERAL &&
            (pos >= st->end || CH(st, pos) != code[a + 2])) {
            a = next;
            continue;
        }
        // skip the following alternatives that cannot match here either, so
        // a BRANCH whose alternatives start with distinct literals leaves
        // no choice point behind
        while (code[next] != 0 && next + 2 < len && code[next + 1] == SRE_OP_LITERAL &&
               (pos >= st->end || CH(st, pos) != code[next + 2])) {
            size_t n2 = next + code[next];
            if (n2 >= len) return internal_error();
            next = n2;
        }
        if (code[next] != 0 && !push_cp(c, CP_BRANCH, next, pos)) return -1;
        *pc = a + 1;
        return 1;
    }
}

// One anchored attempt at `pos0`: 1 match, 0 none, -1 error.
static int run(ctx_t *c, ssize_t pos0, bool must_advance) {
    const sre_prog_t *prog = c->prog;
    const uint32_t *code = prog->code;
    size_t len = prog->len;
    sre_state_t *st = c->st;
    thread_t *ts = thread_current();

    // the marks, lastindex and current repeat are all -1 here: ctx_init
    // set them and a failed attempt undoes its whole trail
    c->nvars = NFIXED(c);
    c->ncp = 0;
    c->barrier = -1;

    size_t pc = 0;
    ssize_t pos = pos0;
    choice_t *cp;
    int r;

#define NEED(n)                                                                                    \
    do {                                                                                           \
        if (pc + (n) >= len) return internal_error();                                              \
    } while (0)
#define SETV(i, v)                                                                                 \
    do {                                                                                           \
        if (!set_var(c, (i), (v))) return -1;                                                      \
    } while (0)

    for (;;) {
        if (PVM_UNLIKELY(++c->steps >= 4096)) {
            c->steps = 0;
            if (atomic_load_explicit(&ts->eval_breaker, memory_order_relaxed) &&
                thread_handle_eval_breaker(ts) < 0)
                return -1;
        }
        if (pc >= len) return internal_error();
        uint32_t op = code[pc];
        switch (op) {
        case SRE_OP_FAILURE: goto fail;

        case SRE_OP_SUCCESS: {
            if (c->barrier < 0) {
                if ((st->match_all && pos != st->end) || (must_advance && pos == pos0)) goto fail;
                st->match_start = pos0;
                st->match_end = pos;
                for (size_t i = 0; i < c->nmarks; i++)
                    st->marks[i] = c->vars[i];
                st->lastindex = c->vars[V_LASTINDEX(c)];
                return 1;
            }
            choice_t b = c->cps[c->barrier];
            c->ncp = (size_t)c->barrier;
            c->barrier = b.prev_barrier;
            switch (b.bkind) {
            case B_ASSERT:
                pos = b.pos;
                pc = b.pc;
                break;
            case B_ASSERT_NOT: undo_to(c, b.trail); goto fail;
            case B_ATOMIC: pc = b.pc; break;
            default: {
                ssize_t last = b.count >= (ssize_t)code[b.pc2 + 2] ? b.pos : -1;
                if (poss_step(c, b.pc2, b.count + 1, last, pos, &pc) < 0) return -1;
                break;
            }
            }
            continue;
        }

        case SRE_OP_ANY:
        case SRE_OP_ANY_ALL:
        case SRE_OP_LITERAL:
        case SRE_OP_NOT_LITERAL:
        case SRE_OP_LITERAL_IGNORE:
        case SRE_OP_NOT_LITERAL_IGNORE:
        case SRE_OP_LITERAL_UNI_IGNORE:
        case SRE_OP_NOT_LITERAL_UNI_IGNORE:
        case SRE_OP_LITERAL_LOC_IGNORE:
        case SRE_OP_NOT_LITERAL_LOC_IGNORE:
        case SRE_OP_CATEGORY:
        case SRE_OP_IN:
        case SRE_OP_IN_IGNORE:
        case SRE_OP_IN_UNI_IGNORE:
        case SRE_OP_IN_LOC_IGNORE: {
            if (pos >= st->end) goto fail;
            r = match_one(prog, pc, CH(st, pos));
            if (r < 0) return internal_error();
            if (!r) goto fail;
            size_t w = one_width(prog, pc);
            if (w == 0) return internal_error();
            pc += w;
            pos++;
            continue;
        }

        case SRE_OP_AT:
            NEED(1);
            if (!at(st, pos, code[pc + 1])) goto fail;
            pc += 2;
            continue;

        case SRE_OP_INFO:
            NEED(3);
            if (st->end - pos < (ssize_t)code[pc + 3]) goto fail;
            pc += 1 + code[pc + 1];
            continue;

        case SRE_OP_JUMP:
            NEED(1);
            pc += 1 + code[pc + 1];
            continue;

        case SRE_OP_MARK: {
            NEED(1);
            uint32_t i = code[pc + 1];
            if (i >= c->nmarks) return internal_error();
            SETV(i, pos);
            if ((ssize_t)i > c->vars[V_LASTMARK(c)]) SETV(V_LASTMARK(c), (ssize_t)i);
            if (i & 1) SETV(V_LASTINDEX(c), (ssize_t)(i / 2 + 1));
            pc += 2;
            continue;
        }

        case SRE_OP_BRANCH:
            r = branch_from(c, pc + 1, pos, &pc);
            if (r < 0) return -1;
            if (r == 0) goto fail;
            continue;

        case SRE_OP_REPEAT: {
            NEED(3);
            size_t rec = c->nvars;
            if (!grow((void **)&c->vars, &c->capvars, rec + 4, sizeof(ssize_t))) return -1;
            c->nvars = rec + 4;
            c->vars[rec] = -1;
            c->vars[rec + 1] = (ssize_t)pc;
            c->vars[rec + 2] = -1;
            c->vars[rec + 3] = c->vars[V_REPEAT(c)];
            SETV(V_REPEAT(c), (ssize_t)rec);
            pc += 1 + code[pc + 1];
            continue;
        }

        case SRE_OP_MAX_UNTIL:
        case SRE_OP_MIN_UNTIL: {
            ssize_t rec = c->vars[V_REPEAT(c)];
            if (rec < 0) return internal_error();
            size_t rpc = (size_t)c->vars[rec + 1];
            uint32_t mn = code[rpc + 2], mx = code[rpc + 3];
            ssize_t count = c->vars[rec] + 1;
            if (count < (ssize_t)mn) {
                SETV((size_t)rec, count);
                pc = rpc + 4;
                continue;
            }
            if (op == SRE_OP_MIN_UNTIL) {
                if (!push_cp(c, CP_MIN_UNTIL_MORE, pc, pos)) return -1;
            } else if ((mx == SRE_MAXREPEAT || (size_t)count < mx) && pos != c->vars[rec + 2]) {
                if (!push_cp(c, CP_MAX_UNTIL_TAIL, pc, pos)) return -1;
                SETV((size_t)rec, count);
                SETV((size_t)rec + 2, pos);
                pc = rpc + 4;
                continue;
            }
            SETV(V_REPEAT(c), c->vars[rec + 3]);
            pc++;
            continue;
        }

        case SRE_OP_REPEAT_ONE:
        case SRE_OP_MIN_REPEAT_ONE:
        case SRE_OP_POSSESSIVE_REPEAT_ONE: {
            NEED(4);
            uint32_t mn = code[pc + 2], mx = code[pc + 3];
            size_t next = pc + 1 + code[pc + 1];
            if (next >= len) return internal_error();
            if (st->end - pos < (ssize_t)mn) goto fail;
            ssize_t count = count_one(prog, st, pc + 4, pos, op == SRE_OP_MIN_REPEAT_ONE ? mn : mx);
            if (count < 0) return internal_error();
            if (count < (ssize_t)mn) goto fail;
            if (op == SRE_OP_REPEAT_ONE) {
                if (next + 1 < len && code[next] == SRE_OP_LITERAL) {
                    uint32_t lit = code[next + 1];
                    while (count >= (ssize_t)mn &&
                           (pos + count >= st->end || CH(st, pos + count) != lit))
                        count--;
                    if (count < (ssize_t)mn) goto fail;
                }
                if (count > (ssize_t)mn) {
                    if (!(cp = push_cp(c, CP_REPEAT_ONE, next, pos))) return -1;
                    cp->start = pos;
                    cp->count = count;
                    cp->pc2 = pc;
                }
            } else if (op == SRE_OP_MIN_REPEAT_ONE && (mx == SRE_MAXREPEAT || (size_t)count < mx)) {
                if (!(cp = push_cp(c, CP_MIN_REPEAT_ONE, next, pos))) return -1;
                cp->start = pos;
                cp->count = count;
                cp->pc2 = pc;
            }
            pos += count;
            pc = next;
            continue;
        }

        case SRE_OP_GROUPREF:
        case SRE_OP_GROUPREF_IGNORE:
        case SRE_OP_GROUPREF_UNI_IGNORE:
        case SRE_OP_GROUPREF_LOC_IGNORE: {
            NEED(1);
            int fold = op == SRE_OP_GROUPREF ? 0 : op == SRE_OP_GROUPREF_UNI_IGNORE ? 2 : 1;
            if (!groupref(c, code[pc + 1], &pos, fold)) goto fail;
            pc += 2;
            continue;
        }

        case SRE_OP_GROUPREF_EXISTS: {
            NEED(2);
            uint32_t g = code[pc + 1];
            bool set = false;
            if ((size_t)g * 2 + 1 < c->nmarks) {
                ssize_t b = c->vars[2 * g], e = c->vars[2 * g + 1];
                set = b >= 0 && e >= 0 && e >= b;
            }
            pc = set ? pc + 3 : pc + 1 + code[pc + 2];
            continue;
        }

        case SRE_OP_ASSERT:
        case SRE_OP_ASSERT_NOT: {
            NEED(2);
            size_t after = pc + 1 + code[pc + 1];
            ssize_t back = (ssize_t)code[pc + 2];
            if (pos - back < 0) {
                if (op == SRE_OP_ASSERT) goto fail;
                pc = after;
                continue;
            }
            if (!push_barrier(c, op == SRE_OP_ASSERT ? B_ASSERT : B_ASSERT_NOT, after, pos))
                return -1;
            pos -= back;
            pc += 3;
            continue;
        }

        case SRE_OP_ATOMIC_GROUP:
            NEED(1);
            if (!push_barrier(c, B_ATOMIC, pc + 1 + code[pc + 1], pos)) return -1;
            pc += 2;
            continue;

        case SRE_OP_POSSESSIVE_REPEAT:
            NEED(3);
            if (poss_step(c, pc, 0, -1, pos, &pc) < 0) return -1;
            continue;

        default: return internal_error();
        }

    fail:
        for (;;) {
            if (c->ncp == 0) {
                undo_to(c, 0);
                return 0;
            }
            cp = &c->cps[c->ncp - 1];
            if (cp->kind == CP_BRANCH || cp->kind == CP_REPEAT_ONE ||
                cp->kind == CP_MIN_REPEAT_ONE || cp->kind == CP_MIN_UNTIL_MORE ||
                (cp->kind == CP_BARRIER && cp->bkind == B_ASSERT_NOT)) {
                if (undo_keeping_marks(c, cp->trail, cp->kind == CP_MIN_UNTIL_MORE) < 0) return -1;
                cp = &c->cps[c->ncp - 1];
            } else {
                undo_to(c, cp->trail);
            }
            c->nvars = cp->nvars;
            switch (cp->kind) {
            case CP_BRANCH:
                pos = cp->pos;
                c->ncp--;
                r = branch_from(c, cp->pc, pos, &pc);
                if (r < 0) return -1;
                if (r == 0) continue;
                break;
            case CP_MAX_UNTIL_TAIL: {
                pos = cp->pos;
                pc = cp->pc + 1;
                c->ncp--;
                ssize_t rec = c->vars[V_REPEAT(c)];
                if (rec < 0) return internal_error();
                SETV(V_REPEAT(c), c->vars[rec + 3]);
                break;
            }
            case CP_MIN_UNTIL_MORE: {
                pos = cp->pos;
                c->ncp--;
                ssize_t rec = c->vars[V_REPEAT(c)];
                if (rec < 0) return internal_error();
                size_t rpc = (size_t)c->vars[rec + 1];
                uint32_t mx = code[rpc + 3];
                ssize_t count = c->vars[rec] + 1;
                if ((mx != SRE_MAXREPEAT && (size_t)count >= mx) || pos == c->vars[rec + 2])
                    continue;
                SETV((size_t)rec, count);
                SETV((size_t)rec + 2, pos);
                pc = rpc + 4;
                break;
            }
            case CP_REPEAT_ONE: {
                uint32_t mn = code[cp->pc2 + 2];
                ssize_t count = cp->count - 1;
                size_t next = cp->pc;
                if (next + 1 < len && code[next] == SRE_OP_LITERAL) {
                    uint32_t lit = code[next + 1];
                    while (count >= (ssize_t)mn &&
                           (cp->start + count >= st->end || CH(st, cp->start + count) != lit))
                        count--;
                }
                if (count < (ssize_t)mn) {
                    c->ncp--;
                    continue;
                }
                cp->count = count;
                pos = cp->start + count;
                pc = next;
                if (count == (ssize_t)mn) c->ncp--; // nothing fewer left to try
                break;
            }
            case CP_MIN_REPEAT_ONE: {
                uint32_t mx = code[cp->pc2 + 3];
                ssize_t count = cp->count;
                ssize_t p = cp->start + count;
                if ((mx != SRE_MAXREPEAT && (size_t)count >= mx) || p >= st->end) {
                    c->ncp--;
                    continue;
                }
                r = match_one(prog, cp->pc2 + 4, CH(st, p));
                if (r < 0) return internal_error();
                if (!r) {
                    c->ncp--;
                    continue;
                }
                cp->count = ++count;
                pos = cp->start + count;
                pc = cp->pc;
                break;
            }
            default: { // CP_BARRIER: the body failed
                choice_t b = *cp;
                c->ncp--;
                c->barrier = b.prev_barrier;
                if (b.bkind == B_ASSERT || b.bkind == B_ATOMIC) continue;
                if (b.bkind == B_POSS && !b.poss_ok) continue;
                pos = b.pos;
                pc = b.pc;
                break;
            }
            }
            break;
        }
    }
#undef NEED
#undef SETV
}

static int ctx_init(ctx_t *c, const sre_prog_t *prog, sre_state_t *st) {
    memset(c, 0, sizeof *c);
    c->prog = prog;
    c->st = st;
    c->nmarks = st->nmarks;
    if (!grow((void **)&c->vars, &c->capvars, NFIXED(c) + 16, sizeof(ssize_t))) return -1;
    for (size_t i = 0; i < NFIXED(c); i++)
        c->vars[i] = -1;
    return 0;
}

static void ctx_fini(ctx_t *c) {
    free(c->vars);
    free(c->trail);
    free(c->cps);
    free(c->keep);
}

int sre_match(const sre_prog_t *prog, sre_state_t *st) {
    if (st->start > st->end) return 0;
    ctx_t c;
    if (ctx_init(&c, prog, st) < 0) return -1;
    int r = run(&c, st->start, st->must_advance);
    ctx_fini(&c);
    return r;
}

int sre_search(const sre_prog_t *prog, sre_state_t *st) {
    if (st->start > st->end) return 0;
    ctx_t c;
    if (ctx_init(&c, prog, st) < 0) return -1;
    const uint32_t *code = prog->code;
    size_t len = prog->len;
    // where the program proper starts, past the INFO block
    size_t p = 0;
    if (len > 1 && code[0] == SRE_OP_INFO) p = 1 + code[1];
    int first_lit = -1;
    bool anchored = false;
    if (p + 1 < len && code[p] == SRE_OP_LITERAL) first_lit = (int)code[p + 1];
    if (p + 1 < len && code[p] == SRE_OP_AT &&
        (code[p + 1] == SRE_AT_BEGINNING || code[p + 1] == SRE_AT_BEGINNING_STRING))
        anchored = true;
    int r = 0;
    for (ssize_t pos = st->start; pos <= st->end; pos++) {
        if (first_lit >= 0) {
            while (pos < st->end && CH(st, pos) != (uint32_t)first_lit)
                pos++;
            if (pos >= st->end) break;
        }
        r = run(&c, pos, st->must_advance && pos == st->start);
        if (r != 0) break;
        if (anchored) break;
    }
    ctx_fini(&c);
    return r;
}
