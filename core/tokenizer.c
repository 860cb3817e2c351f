/*
 * tokenizer.c - turns Python 3.11 source text into tokens.
 *
 * Owns: decoding a bytes source (tok_decode_source: BOM, PEP 263 coding declarations), the
 * owned input copy (newline translation, BOM skipping), INDENT/DEDENT bookkeeping with
 * CPython's tab rules, bracket tracking, NUMBER/STRING/NAME/operator scanning and the
 * tokenizer's error messages (worded exactly as CPython 3.11 words them).
 *
 * Invariants:
 *  - tok->buf always ends with "\n\0", so one byte of lookahead past any character that is not
 *    the final NUL is always safe.
 *  - tok->lineno / tok->line_start describe the physical line containing tok->cur.
 *  - Once tok->has_err is set, tok_next keeps returning TOK_ERRORTOKEN.
 *  - String tokens are only validated for termination and prefix here; escape decoding is the
 *    parser's job.  Number tokens are fully validated here.
 */
#include "token.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[TOK__COUNT] = {
    "ENDMARKER",
    "NAME",
    "NUMBER",
    "STRING",
    "NEWLINE",
    "INDENT",
    "DEDENT",
    "NL",
    "COMMENT",
    "ERRORTOKEN",
    "LPAR",
    "RPAR",
    "LSQB",
    "RSQB",
    "COLON",
    "COMMA",
    "SEMI",
    "PLUS",
    "MINUS",
    "STAR",
    "SLASH",
    "VBAR",
    "AMPER",
    "LESS",
    "GREATER",
    "EQUAL",
    "DOT",
    "PERCENT",
    "LBRACE",
    "RBRACE",
    "EQEQUAL",
    "NOTEQUAL",
    "LESSEQUAL",
    "GREATEREQUAL",
    "TILDE",
    "CIRCUMFLEX",
    "LEFTSHIFT",
    "RIGHTSHIFT",
    "DOUBLESTAR",
    "PLUSEQUAL",
    "MINEQUAL",
    "STAREQUAL",
    "SLASHEQUAL",
    "PERCENTEQUAL",
    "AMPEREQUAL",
    "VBAREQUAL",
    "CIRCUMFLEXEQUAL",
    "LEFTSHIFTEQUAL",
    "RIGHTSHIFTEQUAL",
    "DOUBLESTAREQUAL",
    "DOUBLESLASH",
    "DOUBLESLASHEQUAL",
    "AT",
    "ATEQUAL",
    "RARROW",
    "ELLIPSIS",
    "COLONEQUAL",
    "OP",
};

static const char *const op_texts[TOK__COUNT] = {
    [TOK_LPAR] = "(",
    [TOK_RPAR] = ")",
    [TOK_LSQB] = "[",
    [TOK_RSQB] = "]",
    [TOK_COLON] = ":",
    [TOK_COMMA] = ",",
    [TOK_SEMI] = ";",
    [TOK_PLUS] = "+",
    [TOK_MINUS] = "-",
    [TOK_STAR] = "*",
    [TOK_SLASH] = "/",
    [TOK_VBAR] = "|",
    [TOK_AMPER] = "&",
    [TOK_LESS] = "<",
    [TOK_GREATER] = ">",
    [TOK_EQUAL] = "=",
    [TOK_DOT] = ".",
    [TOK_PERCENT] = "%",
    [TOK_LBRACE] = "{",
    [TOK_RBRACE] = "}",
    [TOK_EQEQUAL] = "==",
    [TOK_NOTEQUAL] = "!=",
    [TOK_LESSEQUAL] = "<=",
    [TOK_GREATEREQUAL] = ">=",
    [TOK_TILDE] = "~",
    [TOK_CIRCUMFLEX] = "^",
    [TOK_LEFTSHIFT] = "<<",
    [TOK_RIGHTSHIFT] = ">>",
    [TOK_DOUBLESTAR] = "**",
    [TOK_PLUSEQUAL] = "+=",
    [TOK_MINEQUAL] = "-=",
    [TOK_STAREQUAL] = "*=",
    [TOK_SLASHEQUAL] = "/=",
    [TOK_PERCENTEQUAL] = "%=",
    [TOK_AMPEREQUAL] = "&=",
    [TOK_VBAREQUAL] = "|=",
    [TOK_CIRCUMFLEXEQUAL] = "^=",
    [TOK_LEFTSHIFTEQUAL] = "<<=",
    [TOK_RIGHTSHIFTEQUAL] = ">>=",
    [TOK_DOUBLESTAREQUAL] = "**=",
    [TOK_DOUBLESLASH] = "//",
    [TOK_DOUBLESLASHEQUAL] = "//=",
    [TOK_AT] = "@",
    [TOK_ATEQUAL] = "@=",
    [TOK_RARROW] = "->",
    [TOK_ELLIPSIS] = "...",
    [TOK_COLONEQUAL] = ":=",
};

static const char *const keywords[KW__COUNT] = {
    NULL,    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",
    "break", "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",
    "for",   "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal",
    "not",   "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
};

const char *tok_kind_name(tok_kind_t kind) {
    if ((int)kind < 0 || kind >= TOK__COUNT) {
        return "?";
    }
    return kind_names[kind];
}

const char *tok_op_text(tok_kind_t kind) {
    if ((int)kind < 0 || kind >= TOK__COUNT) {
        return NULL;
    }
    return op_texts[kind];
}

tok_keyword_t tok_keyword_lookup(const char *s, size_t len) {
    // Keywords are short and start with a lowercase letter or F/N/T; a linear scan is plenty.
    if (len < 2 || len > 8) {
        return KW_NOT_KEYWORD;
    }
    for (int i = 1; i < KW__COUNT; i++) {
        if (strlen(keywords[i]) == len && memcmp(keywords[i], s, len) == 0) {
            return (tok_keyword_t)i;
        }
    }
    return KW_NOT_KEYWORD;
}

int tok_string_prefix(const char *s, size_t len, int *is_bytes, int *is_raw, int *is_fstring,
                      int *is_u, int *quote_len, char *quote) {
    size_t i = 0;
    *is_bytes = *is_raw = *is_fstring = *is_u = 0;
    while (i < len && s[i] != '\'' && s[i] != '"') {
        switch (tolower((unsigned char)s[i])) {
        case 'b': *is_bytes = 1; break;
        case 'r': *is_raw = 1; break;
        case 'f': *is_fstring = 1; break;
        case 'u': *is_u = 1; break;
        default: break;
        }
        i++;
    }
    *quote = i < len ? s[i] : '"';
    *quote_len = (i + 2 < len && s[i + 1] == s[i] && s[i + 2] == s[i] && len - i >= 6) ? 3 : 1;
    return (int)i;
}

/* ---- input buffer ---- */

/* ---- source encodings ---- */

// Bounds of line `n` (0 or 1) of src: [*b, *e) without its terminator.  False if absent.
static bool src_line(const char *src, size_t len, int n, const char **b, const char **e) {
    const char *p = src, *end = src + len;
    for (int i = 0;; i++) {
        if (p >= end) {
            return false;
        }
        const char *q = p;
        while (q < end && *q != '\n' && *q != '\r') {
            q++;
        }
        if (i == n) {
            *b = p;
            *e = q;
            return true;
        }
        p = q + (q < end && *q == '\r' && q + 1 < end && q[1] == '\n' ? 2 : 1);
    }
}

// CPython's get_coding_spec: the encoding named by a comment line, copied to name[] (empty
// when none).  Returns whether the line holds anything but blanks and a comment.
static bool coding_spec(const char *b, const char *e, char *name, size_t cap) {
    name[0] = '\0';
    const char *p = b;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\014')) {
        p++;
    }
    if (p == e) {
        return false;
    }
    if (*p != '#') {
        return true;
    }
    for (const char *t = p; t + 6 < e; t++) {
        if (memcmp(t, "coding", 6) != 0 || (t[6] != ':' && t[6] != '=')) {
            continue;
        }
        const char *v = t + 7;
        while (v < e && (*v == ' ' || *v == '\t')) {
            v++;
        }
        const char *w = v;
        while (w < e && (isalnum((unsigned char)*w) || *w == '-' || *w == '_' || *w == '.')) {
            w++;
        }
        if (w > v) {
            size_t n = (size_t)(w - v) < cap - 1 ? (size_t)(w - v) : cap - 1;
            memcpy(name, v, n);
            name[n] = '\0';
            // CPython's get_normal_name: utf-8 and latin-1 spellings get canonical names.
            char low[13];
            size_t k = 0;
            for (; k < 12 && name[k]; k++) {
                low[k] = name[k] == '_' ? '-' : (char)tolower((unsigned char)name[k]);
            }
            low[k] = '\0';
            if (strcmp(low, "utf-8") == 0 || strncmp(low, "utf-8-", 6) == 0) {
                snprintf(name, cap, "utf-8");
            } else if (strcmp(low, "latin-1") == 0 || strcmp(low, "iso-8859-1") == 0 ||
                       strcmp(low, "iso-latin-1") == 0 || strncmp(low, "latin-1-", 8) == 0 ||
                       strncmp(low, "iso-8859-1-", 11) == 0 ||
                       strncmp(low, "iso-latin-1-", 12) == 0) {
                snprintf(name, cap, "iso-8859-1");
            }
            return false;
        }
    }
    return false;
}

typedef enum { ENC_UNKNOWN, ENC_UTF8, ENC_LATIN1, ENC_ASCII, ENC_CP1252 } src_enc_t;

// The codec a name selects, after Python's normalize_encoding (lower case, runs of other
// characters than letters, digits and '.' become one '_') and its alias table.
static src_enc_t lookup_encoding(const char *name) {
    char n[64];
    size_t k = 0;
    int pending = 0;
    for (const char *p = name; *p && k < sizeof(n) - 2; p++) {
        if (isalnum((unsigned char)*p) || *p == '.') {
            if (pending && k > 0) {
                n[k++] = '_';
            }
            pending = 0;
            n[k++] = (char)tolower((unsigned char)*p);
        } else {
            pending = 1;
        }
    }
    n[k] = '\0';
    static const struct {
        const char *name;
        src_enc_t enc;
    } names[] = {
        {"utf_8", ENC_UTF8},
        {"utf8", ENC_UTF8},
        {"u8", ENC_UTF8},
        {"utf", ENC_UTF8},
        {"utf8_ucs2", ENC_UTF8},
        {"utf8_ucs4", ENC_UTF8},
        {"cp65001", ENC_UTF8},
        {"latin_1", ENC_LATIN1},
        {"latin1", ENC_LATIN1},
        {"latin", ENC_LATIN1},
        {"iso_8859_1", ENC_LATIN1},
        {"iso8859_1", ENC_LATIN1},
        {"iso8859", ENC_LATIN1},
        {"8859", ENC_LATIN1},
        {"cp819", ENC_LATIN1},
        {"l1", ENC_LATIN1},
        {"iso_ir_100", ENC_LATIN1},
        {"csisolatin1", ENC_LATIN1},
        {"ibm819", ENC_LATIN1},
        {"iso_8859_1_1987", ENC_LATIN1},
        {"ascii", ENC_ASCII},
        {"us_ascii", ENC_ASCII},
        {"646", ENC_ASCII},
        {"us", ENC_ASCII},
        {"cp367", ENC_ASCII},
        {"csascii", ENC_ASCII},
        {"ibm367", ENC_ASCII},
        {"iso646_us", ENC_ASCII},
        {"iso_646.irv_1991", ENC_ASCII},
        {"iso_ir_6", ENC_ASCII},
        {"ansi_x3.4_1968", ENC_ASCII},
        {"ansi_x3_4_1968", ENC_ASCII},
        {"ansi_x3.4_1986", ENC_ASCII},
        {"cp1252", ENC_CP1252},
        {"windows_1252", ENC_CP1252},
        {"1252", ENC_CP1252},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(n, names[i].name) == 0) {
            return names[i].enc;
        }
    }
    return ENC_UNKNOWN;
}

// cp1252 code points for bytes 0x80-0x9F (0: undefined).
static const uint16_t cp1252_high[32] = {
    0x20ac, 0,      0x201a, 0x192,  0x201e, 0x2026, 0x2020, 0x2021, 0x2c6,  0x2030, 0x160,
    0x2039, 0x152,  0,      0x17d,  0,      0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x2dc,  0x2122, 0x161,  0x203a, 0x153,  0,      0x17e,  0x178};

tok_src_status_t tok_decode_source(const char *src, size_t len, tok_source_t *out) {
    memset(out, 0, sizeof(*out));
    int bom = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0;
    const char *text = src + (bom ? 3 : 0);
    size_t n = len - (bom ? 3 : 0);
    const char *b, *e;
    char name[64] = "";
    if (src_line(text, n, 0, &b, &e) && !coding_spec(b, e, name, sizeof(name)) && !name[0] &&
        src_line(text, n, 1, &b, &e)) {
        coding_spec(b, e, name, sizeof(name));
    }
    snprintf(out->encoding, sizeof(out->encoding), "%s", name);
    src_enc_t enc = name[0] ? lookup_encoding(name) : ENC_UTF8;
    if (bom && name[0] && strcmp(name, "utf-8") != 0) {
        return TOK_SRC_BOM;
    }
    if (enc == ENC_UNKNOWN) {
        return TOK_SRC_UNKNOWN;
    }
    if (enc == ENC_UTF8) {
        out->skip = bom ? 3 : 0;
        return TOK_SRC_OK;
    }
    out->buf = malloc(n * 3 + 1);
    if (!out->buf) {
        abort();
    }
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)text[i];
        if (c >= 0x80 && enc == ENC_ASCII) {
            snprintf(out->msg, sizeof(out->msg),
                     "'ascii' codec can't decode byte 0x%02x in position %zu: ordinal not in "
                     "range(128)",
                     c, i);
            free(out->buf);
            out->buf = NULL;
            return TOK_SRC_BAD_BYTE;
        }
        if (c >= 0x80 && c < 0xA0 && enc == ENC_CP1252) {
            c = cp1252_high[c - 0x80];
            if (c == 0) {
                snprintf(out->msg, sizeof(out->msg),
                         "'charmap' codec can't decode byte 0x%02x in position %zu: character "
                         "maps to <undefined>",
                         (unsigned char)text[i], i);
                free(out->buf);
                out->buf = NULL;
                return TOK_SRC_BAD_BYTE;
            }
        }
        if (c < 0x80) {
            out->buf[j++] = (char)c;
        } else if (c < 0x800) {
            out->buf[j++] = (char)(0xC0 | (c >> 6));
            out->buf[j++] = (char)(0x80 | (c & 0x3F));
        } else {
            out->buf[j++] = (char)(0xE0 | (c >> 12));
            out->buf[j++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out->buf[j++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out->buf[j] = '\0';
    out->len = j;
    return TOK_SRC_OK;
}

// Length of the valid UTF-8 sequence at s[0..n), or 0: no overlong forms, surrogates or code
// points above U+10FFFF (found by tests/fuzz/fuzz_parser: they made invalid str objects).
static size_t utf8_seq_len(const char *s, size_t avail) {
    unsigned char c = (unsigned char)s[0];
    size_t n = c < 0x80                          ? 1
               : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 2
               : (c & 0xF0) == 0xE0              ? 3
               : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 4
                                                 : 0;
    if (n == 0 || n > avail) {
        return 0;
    }
    for (size_t k = 1; k < n; k++) {
        if (((unsigned char)s[k] & 0xC0) != 0x80) {
            return 0;
        }
    }
    if (n >= 3) {
        unsigned char c1 = (unsigned char)s[1];
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
            (c == 0xF4 && c1 > 0x8F)) {
            return 0;
        }
    }
    return n;
}

long tok_utf8_invalid_at(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq_len(s + i, len - i);
        if (n == 0) {
            return (long)i;
        }
        i += n;
    }
    return -1;
}

int tok_init(tok_state_t *tok, const char *src, size_t len) {
    memset(tok, 0, sizeof(*tok));
    // Translate CRLF and lone CR to LF as CPython does for string input; append a final LF.
    tok->buf = malloc(len + 2);
    if (!tok->buf) {
        abort();
    }
    size_t j = 0;
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        if (c == '\r') {
            if (i + 1 < len && src[i + 1] == '\n') {
                continue;
            }
            c = '\n';
        }
        tok->buf[j++] = c;
    }
    if (j == 0 || tok->buf[j - 1] != '\n') {
        tok->buf[j++] = '\n';
    }
    tok->buf[j] = '\0';
    tok->src = tok->buf;
    tok->end = tok->buf + j;
    if (j >= 3 && memcmp(tok->buf, "\xEF\xBB\xBF", 3) == 0) {
        tok->src += 3;
    }
    tok->cur = tok->src;
    tok->line_start = tok->src;
    tok->lineno = 1;
    tok->at_bol = 1;
    // UTF-8 is checked token by token (bad_utf8): as in CPython, a comment may hold any bytes.
    if (memchr(tok->buf, '\0', j) != NULL) {
        tok->has_err = 1;
        snprintf(tok->err.msg, sizeof(tok->err.msg), "source code cannot contain null bytes");
        tok->err.type = "SyntaxError";
        tok->err.lineno = 1;
        tok->err.col = 0;
        tok->err.end_lineno = 1;
        tok->err.end_col = 0;
        return -1;
    }
    return 0;
}

void tok_free(tok_state_t *tok) {
    free(tok->buf);
    tok->buf = NULL;
}

/* ---- errors ---- */

// Record an error.  `col` is the 0-based byte column of the caret; -1 means "tok->cur - 1".
static tok_kind_t error_at(tok_state_t *tok, const char *type, int lineno, int col, int end_col,
                           const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tok->err.msg, sizeof(tok->err.msg), fmt, ap);
    va_end(ap);
    tok->err.type = type;
    tok->err.lineno = lineno;
    tok->err.col = col >= 0 ? col : (int)(tok->cur - tok->line_start) - 1;
    if (tok->err.col < 0) {
        tok->err.col = 0;
    }
    tok->err.end_lineno = lineno;
    tok->err.end_col =
        end_col >= 0 || end_col == TOK_END_NONE || end_col == TOK_END_ZERO ? end_col : tok->err.col;
    tok->err.bare_text = strcmp(type, "SyntaxError") == 0;
    tok->has_err = 1;
    return TOK_ERRORTOKEN;
}

#define SYNTAX_ERROR(tok, ...) error_at((tok), "SyntaxError", (tok)->lineno, -1, -1, __VA_ARGS__)

/* ---- helpers ---- */

// Report the invalid UTF-8 sequence at `at` (inside a NAME or STRING token) the way pvm has
// always worded it: CPython's codec message with the byte's position within its line.
static tok_kind_t bad_utf8(tok_state_t *tok, const char *at) {
    const char *ls = tok->src;
    int line = 1;
    for (const char *q = tok->src; q < at; q++) {
        if (*q == '\n') {
            line++;
            ls = q + 1;
        }
    }
    unsigned char c = (unsigned char)*at;
    snprintf(tok->err.msg, sizeof(tok->err.msg),
             "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: %s", c,
             (size_t)(at - ls),
             c < 0xC2 || c > 0xF4 ? "invalid start byte" : "invalid continuation byte");
    tok->err.type = "SyntaxError";
    tok->err.lineno = tok->err.end_lineno = line;
    tok->err.col = tok->err.end_col = 0;
    tok->err.bare_text = 0;
    tok->has_err = 1;
    return TOK_ERRORTOKEN;
}

static int is_ident_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

static int is_ident_char(int c) {
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

// Decode the UTF-8 sequence at p (validated by the caller); *n receives its length.
static unsigned decode_utf8(const char *p, int *n) {
    unsigned char c = (unsigned char)p[0];
    *n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    unsigned cp = *n == 4 ? c & 7u : *n == 3 ? c & 15u : *n == 2 ? c & 31u : c;
    for (int i = 1; i < *n; i++) {
        cp = (cp << 6) | ((unsigned char)p[i] & 63u);
    }
    return cp;
}

// 0: usable in identifiers; 1: invalid character; 2: invalid non-printable character.
// An approximation of CPython's XID_Start/XID_Continue test covering the usual suspects
// (smart quotes, NBSP, currency and math symbols, arrows, full-width punctuation).
static int bad_ident_char(unsigned cp) {
    if ((cp >= 0x80 && cp <= 0xA0) || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
        (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0xFEFF) {
        return 2;
    }
    if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA && cp != 0xB7) ||
        cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x2027) ||
        (cp >= 0x2030 && cp <= 0x205E && cp != 0x203F && cp != 0x2040 && cp != 0x2054) ||
        (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x2BFF) ||
        (cp >= 0x3000 && cp <= 0x3004) || (cp >= 0x3008 && cp <= 0x3020) ||
        (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20)) {
        return 1;
    }
    return 0;
}

static int peek(tok_state_t *tok, int ahead) {
    const char *p = tok->cur + ahead;
    return p < tok->end ? (unsigned char)*p : -1;
}

// Consume a '\n' at tok->cur and move to the next physical line.
static void eat_newline(tok_state_t *tok) {
    tok->cur++;
    tok->lineno++;
    tok->line_start = tok->cur;
}

static void fill(tok_state_t *tok, token_t *out, tok_kind_t kind, const char *start, int lineno,
                 const char *line_start) {
    out->kind = kind;
    out->kw = KW_NOT_KEYWORD;
    out->start = start;
    out->len = (size_t)(tok->cur - start);
    out->lineno = lineno;
    out->col = (int)(start - line_start);
    out->end_lineno = tok->lineno;
    out->end_col = (int)(tok->cur - tok->line_start);
    out->line_start = line_start;
}

/* ---- numbers ---- */

// After a number: CPython accepts `1if x else y` (with a warning) but rejects `1abc`.
static int verify_end_of_number(tok_state_t *tok, const char *kind) {
    int c = peek(tok, 0);
    const char *p = tok->cur;
    size_t rest = (size_t)(tok->end - p);
    static const char *const ok_words[] = {"and", "else", "for", "if", "in", "is", "or", "not"};
    for (size_t i = 0; i < sizeof(ok_words) / sizeof(ok_words[0]); i++) {
        size_t n = strlen(ok_words[i]);
        // CPython only checks as many letters as it needs to tell the keywords apart.
        if (ok_words[i][0] == 'i') {
            n = 2;
        }
        if (rest >= n && memcmp(p, ok_words[i], n) == 0) {
            tok->num_warning = kind;
            tok->num_warning_col = (int)(p - tok->line_start);
            return 1;
        }
    }
    if (c >= 0 && is_ident_char(c)) {
        // CPython's caret ends just before the offending character.
        SYNTAX_ERROR(tok, "invalid %s literal", kind);
        tok->err.col = tok->err.end_col = (int)(tok->cur - tok->line_start) - 1;
        return 0;
    }
    return 1;
}

// Digits with single underscores between them.  Returns 0 after reporting an error.
static int decimal_tail(tok_state_t *tok) {
    for (;;) {
        while (isdigit(peek(tok, 0))) {
            tok->cur++;
        }
        if (peek(tok, 0) != '_') {
            return 1;
        }
        tok->cur++;
        if (!isdigit(peek(tok, 0))) {
            tok->cur++;
            tok->cur--; // CPython reports the caret on the offending underscore
            SYNTAX_ERROR(tok, "invalid decimal literal");
            tok->err.col = (int)(tok->cur - tok->line_start) - 1;
            tok->err.end_col = tok->err.col;
            return 0;
        }
    }
}

// Fraction/exponent/imaginary part of a decimal number, starting after the integer part.
static tok_kind_t number_rest(tok_state_t *tok, token_t *out, const char *start, int lineno,
                              const char *ls, int seen_dot) {
    int c = peek(tok, 0);
    if (!seen_dot && c == '.') {
        tok->cur++;
        seen_dot = 1;
        if (isdigit(peek(tok, 0)) && !decimal_tail(tok)) {
            return TOK_ERRORTOKEN;
        }
        c = peek(tok, 0);
    }
    if (c == 'e' || c == 'E') {
        const char *save = tok->cur;
        tok->cur++;
        c = peek(tok, 0);
        if (c == '+' || c == '-') {
            tok->cur++;
            if (!isdigit(peek(tok, 0))) {
                // CPython's offset: the characters before the one after the sign.
                return SYNTAX_ERROR(tok, "invalid decimal literal");
            }
        } else if (!isdigit(c)) {
            // `1else`: the 'e' starts a keyword; otherwise `1e` / `1ex` is invalid.
            tok->cur = save;
            if (!verify_end_of_number(tok, "decimal")) {
                return TOK_ERRORTOKEN;
            }
            fill(tok, out, TOK_NUMBER, start, lineno, ls);
            return TOK_NUMBER;
        }
        if (!decimal_tail(tok)) {
            return TOK_ERRORTOKEN;
        }
        c = peek(tok, 0);
    }
    if (c == 'j' || c == 'J') {
        tok->cur++;
        if (!verify_end_of_number(tok, "imaginary")) {
            return TOK_ERRORTOKEN;
        }
    } else if (!verify_end_of_number(tok, "decimal")) {
        return TOK_ERRORTOKEN;
    }
    fill(tok, out, TOK_NUMBER, start, lineno, ls);
    return TOK_NUMBER;
}

static tok_kind_t scan_number(tok_state_t *tok, token_t *out) {
    const char *start = tok->cur;
    const char *ls = tok->line_start;
    int lineno = tok->lineno;
    if (*tok->cur == '.') {
        // ".5": fraction only
        tok->cur++;
        if (!decimal_tail(tok)) {
            return TOK_ERRORTOKEN;
        }
        return number_rest(tok, out, start, lineno, ls, 1);
    }
    if (*tok->cur == '0') {
        tok->cur++;
        int c = peek(tok, 0);
        int base = 0;
        const char *kind = NULL;
        if (c == 'x' || c == 'X') {
            base = 16, kind = "hexadecimal";
        } else if (c == 'o' || c == 'O') {
            base = 8, kind = "octal";
        } else if (c == 'b' || c == 'B') {
            base = 2, kind = "binary";
        }
        if (base) {
            tok->cur++;
            int ndigits = 0;
            for (;;) {
                c = peek(tok, 0);
                if (c == '_') {
                    tok->cur++;
                    c = peek(tok, 0);
                }
                int ok = base == 16  ? isxdigit(c)
                         : base == 8 ? (c >= '0' && c <= '7')
                                     : (c == '0' || c == '1');
                if (!ok) {
                    if (base != 16 && isdigit(c)) {
                        tok->cur++;
                        return SYNTAX_ERROR(tok, "invalid digit '%c' in %s literal", c, kind);
                    }
                    if (ndigits == 0 || tok->cur[-1] == '_') {
                        return SYNTAX_ERROR(tok, "invalid %s literal", kind),
                               tok->err.col = (int)(tok->cur - tok->line_start) - 1, TOK_ERRORTOKEN;
                    }
                    break;
                }
                tok->cur++;
                ndigits++;
            }
            if (!verify_end_of_number(tok, kind)) {
                return TOK_ERRORTOKEN;
            }
            fill(tok, out, TOK_NUMBER, start, lineno, ls);
            return TOK_NUMBER;
        }
        // "0", "00", "0_0", or a float/imaginary starting with 0 ("0.5", "09.5", "0e1", "0j")
        int nonzero = 0;
        for (;;) {
            while (peek(tok, 0) == '0') {
                tok->cur++;
            }
            if (peek(tok, 0) == '_') {
                tok->cur++;
                if (!isdigit(peek(tok, 0))) {
                    return SYNTAX_ERROR(tok, "invalid decimal literal"), TOK_ERRORTOKEN;
                }
                continue;
            }
            break;
        }
        const char *zeros_end = tok->cur;
        if (isdigit(peek(tok, 0))) {
            nonzero = 1;
            if (!decimal_tail(tok)) {
                return TOK_ERRORTOKEN;
            }
        }
        c = peek(tok, 0);
        if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J') {
            return number_rest(tok, out, start, lineno, ls, 0);
        }
        if (nonzero) {
            return error_at(tok, "SyntaxError", lineno, (int)(start - ls), (int)(zeros_end - ls),
                            "leading zeros in decimal integer literals are not permitted; "
                            "use an 0o prefix for octal integers");
        }
        if (!verify_end_of_number(tok, "decimal")) {
            return TOK_ERRORTOKEN;
        }
        fill(tok, out, TOK_NUMBER, start, lineno, ls);
        return TOK_NUMBER;
    }
    if (!decimal_tail(tok)) {
        return TOK_ERRORTOKEN;
    }
    return number_rest(tok, out, start, lineno, ls, 0);
}

/* ---- strings ---- */

// tok->cur is at the opening quote; `start` at the prefix.
static tok_kind_t scan_string(tok_state_t *tok, token_t *out, const char *start) {
    const char *ls = tok->line_start;
    int lineno = tok->lineno;
    char q = *tok->cur;
    int triple = peek(tok, 1) == q && peek(tok, 2) == q;
    tok->cur += triple ? 3 : 1;
    for (;;) {
        int c = peek(tok, 0);
        if (c < 0 || (c == '\n' && !triple)) {
            // Unterminated.  CPython reports the start of the literal and the line reached.
            int detected = tok->lineno;
            if (c < 0 && tok->cur > tok->src && tok->cur[-1] == '\n') {
                detected--; // the final newline does not start a new line
            }
            tok->lineno = lineno;
            tok->line_start = ls;
            return error_at(tok, "SyntaxError", lineno, (int)(start - ls), (int)(start - ls),
                            triple ? "unterminated triple-quoted string literal (detected at "
                                     "line %d)"
                                   : "unterminated string literal (detected at line %d)",
                            detected);
        }
        if (c == '\n') {
            eat_newline(tok);
            continue;
        }
        if (c == '\\') {
            tok->cur++;
            if (peek(tok, 0) == '\n') {
                eat_newline(tok);
            } else if (peek(tok, 0) >= 0) {
                tok->cur++;
            }
            continue;
        }
        tok->cur++;
        if (c == q) {
            if (!triple) {
                break;
            }
            if (peek(tok, 0) == q && peek(tok, 1) == q) {
                tok->cur += 2;
                break;
            }
        }
    }
    long bad = tok_utf8_invalid_at(start, (size_t)(tok->cur - start));
    if (bad >= 0) {
        return bad_utf8(tok, start + bad);
    }
    fill(tok, out, TOK_STRING, start, lineno, ls);
    return TOK_STRING;
}

/* ---- operators ---- */

static tok_kind_t scan_operator(tok_state_t *tok) {
    int c = (unsigned char)tok->cur[0], c2 = peek(tok, 1), c3 = peek(tok, 2);
    int n = 1;
    tok_kind_t k = TOK_OP;
    switch (c) {
    case '(': k = TOK_LPAR; break;
    case ')': k = TOK_RPAR; break;
    case '[': k = TOK_LSQB; break;
    case ']': k = TOK_RSQB; break;
    case '{': k = TOK_LBRACE; break;
    case '}': k = TOK_RBRACE; break;
    case ',': k = TOK_COMMA; break;
    case ';': k = TOK_SEMI; break;
    case '~': k = TOK_TILDE; break;
    case ':': k = c2 == '=' ? (n = 2, TOK_COLONEQUAL) : TOK_COLON; break;
    case '+': k = c2 == '=' ? (n = 2, TOK_PLUSEQUAL) : TOK_PLUS; break;
    case '-':
        k = c2 == '=' ? (n = 2, TOK_MINEQUAL) : c2 == '>' ? (n = 2, TOK_RARROW) : TOK_MINUS;
        break;
    case '*':
        if (c2 == '*') {
            k = c3 == '=' ? (n = 3, TOK_DOUBLESTAREQUAL) : (n = 2, TOK_DOUBLESTAR);
        } else {
            k = c2 == '=' ? (n = 2, TOK_STAREQUAL) : TOK_STAR;
        }
        break;
    case '/':
        if (c2 == '/') {
            k = c3 == '=' ? (n = 3, TOK_DOUBLESLASHEQUAL) : (n = 2, TOK_DOUBLESLASH);
        } else {
            k = c2 == '=' ? (n = 2, TOK_SLASHEQUAL) : TOK_SLASH;
        }
        break;
    case '|': k = c2 == '=' ? (n = 2, TOK_VBAREQUAL) : TOK_VBAR; break;
    case '&': k = c2 == '=' ? (n = 2, TOK_AMPEREQUAL) : TOK_AMPER; break;
    case '^': k = c2 == '=' ? (n = 2, TOK_CIRCUMFLEXEQUAL) : TOK_CIRCUMFLEX; break;
    case '%': k = c2 == '=' ? (n = 2, TOK_PERCENTEQUAL) : TOK_PERCENT; break;
    case '@': k = c2 == '=' ? (n = 2, TOK_ATEQUAL) : TOK_AT; break;
    case '=': k = c2 == '=' ? (n = 2, TOK_EQEQUAL) : TOK_EQUAL; break;
    case '!': k = c2 == '=' ? (n = 2, TOK_NOTEQUAL) : TOK_OP; break;
    case '<':
        if (c2 == '<') {
            k = c3 == '=' ? (n = 3, TOK_LEFTSHIFTEQUAL) : (n = 2, TOK_LEFTSHIFT);
        } else if (c2 == '=') {
            k = TOK_LESSEQUAL, n = 2;
        } else if (c2 == '>') {
            k = TOK_NOTEQUAL, n = 2; // only valid with barry_as_FLUFL; parser rejects "<>"
        } else {
            k = TOK_LESS;
        }
        break;
    case '>':
        if (c2 == '>') {
            k = c3 == '=' ? (n = 3, TOK_RIGHTSHIFTEQUAL) : (n = 2, TOK_RIGHTSHIFT);
        } else {
            k = c2 == '=' ? (n = 2, TOK_GREATEREQUAL) : TOK_GREATER;
        }
        break;
    case '.': k = (c2 == '.' && c3 == '.') ? (n = 3, TOK_ELLIPSIS) : TOK_DOT; break;
    default: break;
    }
    tok->cur += n;
    return k;
}

/* ---- indentation ---- */

// Measure the indentation of the line at tok->cur and queue INDENT/DEDENT tokens.
// Returns 0 or reports an error.
static int handle_indentation(tok_state_t *tok) {
    int col = 0, altcol = 0;
    int cont_col = 0; // column of the first backslash-newline in the indentation, if any
    const char *p = tok->cur;
    for (;; p++) {
        if (*p == ' ') {
            col++, altcol++;
        } else if (*p == '\t') {
            col = (col / 8 + 1) * 8; // tabs to multiples of 8 ...
            altcol = altcol + 1;     // ... and, for the consistency check, of 1
        } else if (*p == '\014') {
            col = altcol = 0; // form feed resets the count (CPython quirk)
        } else if (*p == '\\' && p + 2 < tok->end && p[1] == '\n') {
            // As in CPython 3.11, indentation is not split over physical lines: the column
            // of the first backslash (when not 0) is the indentation of what follows.
            if (!cont_col) {
                cont_col = col;
            }
            tok->cur = p + 1;
            eat_newline(tok);
            p = tok->cur - 1;
        } else {
            break;
        }
    }
    if (cont_col) {
        col = altcol = cont_col;
    }
    // Blank and comment-only lines do not affect indentation; neither do lines in brackets.
    tok->blankline = (*p == '#' || *p == '\n') && p < tok->end;
    if (tok->blankline || tok->level > 0) {
        return 0;
    }
    if (p >= tok->end) {
        col = altcol = 0; // EOF: close every block
    }
    int top = tok->indent_top;
    if (col == tok->indstack[top]) {
        if (altcol != tok->altindstack[top]) {
            tok->cur = p;
            error_at(tok, "TabError", tok->lineno, 0, TOK_END_ZERO,
                     "inconsistent use of tabs and spaces in indentation");
            return -1;
        }
    } else if (col > tok->indstack[top]) {
        if (top + 1 >= TOK_MAX_INDENT) {
            tok->cur = p;
            error_at(tok, "IndentationError", tok->lineno, 0, TOK_END_ZERO,
                     "too many levels of indentation");
            return -1;
        }
        if (altcol <= tok->altindstack[top]) {
            tok->cur = p;
            error_at(tok, "TabError", tok->lineno, 0, TOK_END_ZERO,
                     "inconsistent use of tabs and spaces in indentation");
            return -1;
        }
        tok->pending++;
        tok->indent_top = ++top;
        tok->indstack[top] = col;
        tok->altindstack[top] = altcol;
    } else {
        while (top > 0 && col < tok->indstack[top]) {
            tok->pending--;
            top--;
        }
        tok->indent_top = top;
        if (col != tok->indstack[top]) {
            // CPython puts the caret after the whole line.
            const char *eol = memchr(p, '\n', (size_t)(tok->end - p));
            int len = eol ? (int)(eol - tok->line_start) + 1 : (int)(p - tok->line_start);
            tok->cur = p;
            error_at(tok, "IndentationError", tok->lineno, len - 1, TOK_END_NONE,
                     "unindent does not match any outer indentation level");
            return -1;
        }
        if (altcol != tok->altindstack[top]) {
            tok->cur = p;
            error_at(tok, "TabError", tok->lineno, 0, TOK_END_ZERO,
                     "inconsistent use of tabs and spaces in indentation");
            return -1;
        }
    }
    return 0;
}

/* ---- main entry ---- */

// CPython places the tokens produced at end of input (DEDENTs, ENDMARKER) at the end of the
// last line rather than at the start of a line after it.
static void eof_position(tok_state_t *tok, token_t *out) {
    if (tok->end <= tok->src) {
        return;
    }
    const char *last_nl = tok->end - 1; // the buffer always ends with '\n'
    const char *ls = last_nl;
    while (ls > tok->src && ls[-1] != '\n') {
        ls--;
    }
    out->lineno = out->end_lineno = tok->lineno > 1 ? tok->lineno - 1 : 1;
    out->col = out->end_col = (int)(last_nl - ls);
    out->line_start = ls;
}

tok_kind_t tok_next(tok_state_t *tok, token_t *out) {
    memset(out, 0, sizeof(*out));
    if (tok->has_err) {
        out->kind = TOK_ERRORTOKEN;
        out->lineno = out->end_lineno = tok->err.lineno;
        out->line_start = tok->line_start;
        out->start = tok->cur;
        return TOK_ERRORTOKEN;
    }
again:
    if (tok->at_bol) {
        tok->at_bol = 0;
        if (handle_indentation(tok) < 0) {
            return tok_next(tok, out);
        }
    }
    // Skip whitespace within the line.
    while (*tok->cur == ' ' || *tok->cur == '\t' || *tok->cur == '\014') {
        tok->cur++;
    }
    if (tok->pending != 0) {
        // INDENT spans the indentation; DEDENT is empty at the first token of the line.
        tok_kind_t k = tok->pending > 0 ? TOK_INDENT : TOK_DEDENT;
        tok->pending += tok->pending > 0 ? -1 : 1;
        fill(tok, out, k, k == TOK_INDENT ? tok->line_start : tok->cur, tok->lineno,
             tok->line_start);
        if (tok->cur >= tok->end) {
            eof_position(tok, out);
        }
        return k;
    }
    const char *start = tok->cur;
    int c = tok->cur < tok->end ? (unsigned char)*tok->cur : -1;

    if (c == '#') {
        while (*tok->cur != '\n') {
            tok->cur++;
        }
        if (tok->emit_nl) {
            fill(tok, out, TOK_COMMENT, start, tok->lineno, tok->line_start);
            return TOK_COMMENT;
        }
        start = tok->cur;
        c = '\n';
    }
    if (c < 0) {
        if (tok->level > 0) {
            // EOF inside brackets: the parser turns this into "'(' was never closed".
            fill(tok, out, TOK_ERRORTOKEN, tok->cur, tok->lineno, tok->line_start);
            return TOK_ERRORTOKEN;
        }
        tok->done = 1;
        fill(tok, out, TOK_ENDMARKER, tok->cur, tok->lineno, tok->line_start);
        eof_position(tok, out);
        return TOK_ENDMARKER;
    }
    if (c == '\n') {
        // Blank lines (only whitespace/comments) and lines inside brackets produce NL.
        int blank = tok->blankline;
        int lineno = tok->lineno;
        const char *ls = tok->line_start;
        tok->cur++;
        out->kind = (blank || tok->level > 0) ? TOK_NL : TOK_NEWLINE;
        out->start = start;
        out->len = 1;
        out->lineno = out->end_lineno = lineno;
        out->col = (int)(start - ls);
        out->end_col = out->col + 1;
        out->line_start = ls;
        tok->lineno++;
        tok->line_start = tok->cur;
        tok->at_bol = 1;
        if (out->kind == TOK_NL && !tok->emit_nl) {
            goto again;
        }
        return out->kind;
    }
    // Identifiers, keywords and string prefixes.
    if (is_ident_start(c)) {
        int saw_b = 0, saw_r = 0, saw_u = 0, saw_f = 0;
        for (;;) {
            int l = tolower(c);
            if (l == 'b' && !saw_b && !saw_u && !saw_f) {
                saw_b = 1;
            } else if (l == 'r' && !saw_r && !saw_u) {
                saw_r = 1;
            } else if (l == 'u' && !saw_b && !saw_u && !saw_r && !saw_f) {
                saw_u = 1;
            } else if (l == 'f' && !saw_f && !saw_b && !saw_u) {
                saw_f = 1;
            } else {
                break;
            }
            tok->cur++;
            c = (unsigned char)*tok->cur;
            if (c == '"' || c == '\'') {
                return scan_string(tok, out, start);
            }
        }
        tok->cur = start;
        while (is_ident_char((unsigned char)*tok->cur)) {
            if ((unsigned char)*tok->cur >= 0x80) {
                if (utf8_seq_len(tok->cur, (size_t)(tok->end - tok->cur)) == 0) {
                    return bad_utf8(tok, tok->cur);
                }
                int n;
                unsigned cp = decode_utf8(tok->cur, &n);
                int bad = bad_ident_char(cp);
                if (bad) {
                    int col = (int)(tok->cur - tok->line_start);
                    if (bad == 2) {
                        return error_at(tok, "SyntaxError", tok->lineno, col, col,
                                        "invalid non-printable character U+%04X", cp);
                    }
                    return error_at(tok, "SyntaxError", tok->lineno, col, col,
                                    "invalid character '%.*s' (U+%04X)", n, tok->cur, cp);
                }
                tok->cur += n;
                continue;
            }
            tok->cur++;
        }
        fill(tok, out, TOK_NAME, start, tok->lineno, tok->line_start);
        out->kw = tok_keyword_lookup(start, out->len);
        return TOK_NAME;
    }
    if (isdigit(c) || (c == '.' && isdigit(peek(tok, 1)))) {
        return scan_number(tok, out);
    }
    if (c == '"' || c == '\'') {
        return scan_string(tok, out, start);
    }
    if (c == '\\') {
        tok->cur++;
        if (*tok->cur != '\n') {
            tok->cur++;
            SYNTAX_ERROR(tok, "unexpected character after line continuation character");
            tok->err.end_col = TOK_END_ZERO;
            tok->err.bare_text = 0;
            return TOK_ERRORTOKEN;
        }
        eat_newline(tok);
        if (tok->cur >= tok->end) {
            // CPython reports the position just past the backslash-newline.
            tok->lineno--;
            const char *p = tok->cur - 1;
            while (p > tok->src && p[-1] != '\n') {
                p--;
            }
            tok->line_start = p;
            SYNTAX_ERROR(tok, "unexpected EOF while parsing");
            tok->err.end_col = TOK_END_NONE;
            tok->err.bare_text = 0;
            return TOK_ERRORTOKEN;
        }
        goto again;
    }
    if (c < 0x20 || c == 0x7F) {
        int col = (int)(tok->cur - tok->line_start);
        return error_at(tok, "SyntaxError", tok->lineno, col, col,
                        "invalid non-printable character U+%04X", c);
    }
    // Operators and brackets.
    int lineno = tok->lineno;
    tok_kind_t k = scan_operator(tok);
    if (k == TOK_LPAR || k == TOK_LSQB || k == TOK_LBRACE) {
        if (tok->level >= 200) {
            return SYNTAX_ERROR(tok, "too many nested parentheses");
        }
        tok->paren_stack[tok->level] = (char)c;
        tok->paren_lineno[tok->level] = tok->lineno;
        tok->paren_col[tok->level] = (int)(start - tok->line_start);
        tok->level++;
    } else if (k == TOK_RPAR || k == TOK_RSQB || k == TOK_RBRACE) {
        if (tok->level == 0) {
            return SYNTAX_ERROR(tok, "unmatched '%c'", c);
        }
        tok->level--;
        int open = tok->paren_stack[tok->level];
        if (!((open == '(' && c == ')') || (open == '[' && c == ']') ||
              (open == '{' && c == '}'))) {
            if (tok->paren_lineno[tok->level] != tok->lineno) {
                return SYNTAX_ERROR(tok,
                                    "closing parenthesis '%c' does not match opening "
                                    "parenthesis '%c' on line %d",
                                    c, open, tok->paren_lineno[tok->level]);
            }
            return SYNTAX_ERROR(tok,
                                "closing parenthesis '%c' does not match opening parenthesis "
                                "'%c'",
                                c, open);
        }
    }
    fill(tok, out, k, start, lineno, tok->line_start);
    return k;
}
