/*
 * ast.c - arena allocator for AST nodes, node-kind names and the debug dumper.
 *
 * Owns: ast_arena_t (a linked list of malloc'ed chunks with a bump pointer) and ast_dump,
 * whose output is byte-for-byte CPython 3.11's ast.dump(tree) (optionally with
 * include_attributes=True) so trees can be diffed against the reference implementation.
 *
 * Invariants:
 *  - Every block handed out by ast_alloc is zero-filled and 16-byte aligned, and stays valid
 *    until ast_arena_free.
 *  - The dumper never modifies the tree.
 */
#include "ast.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ---- */

#define CHUNK_SIZE (64 * 1024)
#define ALIGN      16

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} chunk_t;

struct ast_arena {
    chunk_t *head;
};

ast_arena_t *ast_arena_new(void) {
    ast_arena_t *a = calloc(1, sizeof(*a));
    if (!a) {
        abort();
    }
    return a;
}

void ast_arena_free(ast_arena_t *arena) {
    if (!arena) {
        return;
    }
    chunk_t *c = arena->head;
    while (c) {
        chunk_t *next = c->next;
        free(c);
        c = next;
    }
    free(arena);
}

void *ast_alloc(ast_arena_t *arena, size_t size) {
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size == 0) {
        size = ALIGN;
    }
    chunk_t *c = arena->head;
    if (!c || c->size - c->used < size) {
        size_t cap = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
        chunk_t *n = malloc(sizeof(chunk_t) + cap);
        if (!n) {
            abort();
        }
        n->used = 0;
        n->size = cap;
        if (cap != CHUNK_SIZE && c) {
            // A big one-off block: keep filling the current chunk afterwards.
            n->next = c->next;
            c->next = n;
            c = n;
        } else {
            n->next = c;
            arena->head = c = n;
        }
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *ast_strndup(ast_arena_t *arena, const char *s, size_t len) {
    char *p = ast_alloc(arena, len + 1);
    if (len) {
        memcpy(p, s, len);
    }
    p[len] = '\0';
    return p;
}

char *ast_strdup(ast_arena_t *arena, const char *s) {
    return ast_strndup(arena, s, strlen(s));
}

/* ---- names ---- */

static const char *const stmt_names[] = {
    "FunctionDef", "ClassDef", "Return", "Delete", "Assign", "AugAssign", "AnnAssign", "For",
    "While",       "If",       "With",   "Raise",  "Try",    "Assert",    "Import",    "ImportFrom",
    "Global",      "Nonlocal", "Expr",   "Pass",   "Break",  "Continue",  "Match",
};

static const char *const expr_names[] = {
    "BoolOp",  "NamedExpr", "BinOp",          "UnaryOp",   "Lambda",       "IfExp",     "Dict",
    "Set",     "ListComp",  "SetComp",        "DictComp",  "GeneratorExp", "Yield",     "YieldFrom",
    "Compare", "Call",      "FormattedValue", "JoinedStr", "Constant",     "Attribute", "Subscript",
    "Starred", "Name",      "List",           "Tuple",     "Slice",        "Await",
};

static const char *const operator_names[] = {
    "Add",    "Sub",    "Mult",  "MatMult", "Div",    "Mod",      "Pow",
    "LShift", "RShift", "BitOr", "BitXor",  "BitAnd", "FloorDiv",
};

static const char *const unaryop_names[] = {"Invert", "Not", "UAdd", "USub"};

static const char *const cmpop_names[] = {
    "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn",
};

const char *ast_stmt_kind_name(ast_stmt_kind_t kind) {
    return (unsigned)kind < sizeof(stmt_names) / sizeof(*stmt_names) ? stmt_names[kind] : "?";
}

const char *ast_expr_kind_name(ast_expr_kind_t kind) {
    return (unsigned)kind < sizeof(expr_names) / sizeof(*expr_names) ? expr_names[kind] : "?";
}

const char *ast_operator_name(ast_operator_t op) {
    return (unsigned)op < sizeof(operator_names) / sizeof(*operator_names) ? operator_names[op]
                                                                           : "?";
}

const char *ast_unaryop_name(ast_unaryop_t op) {
    return (unsigned)op < 4 ? unaryop_names[op] : "?";
}

const char *ast_cmpop_name(ast_cmpop_t op) {
    return (unsigned)op < 10 ? cmpop_names[op] : "?";
}

/* ---- dumper ---- */

// Trees deeper than this (a 100,000-term `1+1+...` parses fine) are dumped as "..." below
// that depth, so the dumper's recursion stays within the C stack.
#define DUMP_MAX_DEPTH 5000

typedef struct {
    FILE *out;
    int attrs; // include_attributes=True
    int depth;
} dumper_t;

static void dump_expr_node(dumper_t *d, ast_expr_t *e);
static void dump_stmt_node(dumper_t *d, ast_stmt_t *s);

static void dump_expr(dumper_t *d, ast_expr_t *e) {
    if (d->depth >= DUMP_MAX_DEPTH) {
        fputs("...", d->out);
        return;
    }
    d->depth++;
    dump_expr_node(d, e);
    d->depth--;
}

static void dump_stmt(dumper_t *d, ast_stmt_t *s) {
    if (d->depth >= DUMP_MAX_DEPTH) {
        fputs("...", d->out);
        return;
    }
    d->depth++;
    dump_stmt_node(d, s);
    d->depth--;
}

// Python's repr() of a str (UTF-8 input).  Non-ASCII code points are treated as printable
// except the C1 controls and NBSP/soft hyphen, which is close enough for debugging.
static void repr_str(FILE *out, const char *s, size_t len) {
    int has_sq = memchr(s, '\'', len) != NULL, has_dq = memchr(s, '"', len) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    fputc(q, out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == (unsigned char)q || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(out, "\\x%02x", c);
        } else if (c < 0x80) {
            fputc(c, out);
        } else {
            // Decode one UTF-8 sequence.
            int n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            uint32_t cp = n == 4 ? c & 7 : n == 3 ? c & 15 : n == 2 ? c & 31 : c;
            if (i + (size_t)n > len) {
                n = 1;
            }
            for (int k = 1; k < n; k++) {
                cp = (cp << 6) | ((unsigned char)s[i + (size_t)k] & 63);
            }
            // Code points Python's str.isprintable() rejects (a practical subset).
            int hidden = (cp >= 0x80 && cp <= 0xa0) || cp == 0xad || cp == 0x1680 || cp == 0x180e ||
                         (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
                         (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000 ||
                         (cp >= 0xd800 && cp <= 0xf8ff) || cp == 0xfeff ||
                         (cp >= 0xfff0 && cp <= 0xfffb) || cp >= 0xf0000;
            if (hidden && cp < 0x100) {
                fprintf(out, "\\x%02x", cp);
            } else if (hidden && cp < 0x10000) {
                fprintf(out, "\\u%04x", cp);
            } else if (hidden) {
                fprintf(out, "\\U%08x", cp);
            } else {
                fwrite(s + i, 1, (size_t)n, out);
            }
            i += (size_t)n - 1;
        }
    }
    fputc(q, out);
}

static void repr_bytes(FILE *out, const char *s, size_t len) {
    int has_sq = memchr(s, '\'', len) != NULL, has_dq = memchr(s, '"', len) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    fputc('b', out);
    fputc(q, out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == (unsigned char)q || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else if (c < 0x20 || c >= 0x7f) {
            fprintf(out, "\\x%02x", c);
        } else {
            fputc(c, out);
        }
    }
    fputc(q, out);
}

// Python's float repr: shortest round-tripping digits, fixed notation for 1e-4 <= |x| < 1e16.
// `imag` selects complex formatting (no forced ".0").
static void repr_float(FILE *out, double x, int imag) {
    if (isinf(x)) {
        fputs(x < 0 ? "-inf" : "inf", out);
        return;
    }
    if (isnan(x)) {
        fputs("nan", out);
        return;
    }
    char buf[64];
    int prec = 1;
    for (; prec <= 17; prec++) {
        snprintf(buf, sizeof(buf), "%.*e", prec - 1, x);
        if (strtod(buf, NULL) == x) {
            break;
        }
    }
    // buf is [-]d[.ddd]e[+-]XX
    char digits[32];
    int nd = 0, neg = 0;
    char *p = buf;
    if (*p == '-') {
        neg = 1, p++;
    }
    for (; *p && *p != 'e'; p++) {
        if (*p != '.') {
            digits[nd++] = *p;
        }
    }
    int exp = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0') {
        nd--;
    }
    digits[nd] = '\0';
    if (neg) {
        fputc('-', out);
    }
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            fputs("0.", out);
            for (int i = 0; i < -exp - 1; i++) {
                fputc('0', out);
            }
            fputs(digits, out);
        } else {
            for (int i = 0; i <= exp; i++) {
                fputc(i < nd ? digits[i] : '0', out);
            }
            if (nd > exp + 1) {
                fprintf(out, ".%s", digits + exp + 1);
            } else if (!imag) {
                fputs(".0", out);
            }
        }
    } else {
        fputc(digits[0], out);
        if (nd > 1) {
            fprintf(out, ".%s", digits + 1);
        }
        fprintf(out, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    }
}

// Print a digit string in `base` as decimal (small bignum: limbs of 10^9).
static void repr_int(FILE *out, const char *digits, int base) {
    if (base == 10) {
        const char *p = digits;
        while (p[0] == '0' && p[1]) {
            p++;
        }
        fputs(p, out);
        return;
    }
    size_t n = strlen(digits);
    size_t cap = n / 2 + 2;
    uint32_t *limbs = calloc(cap, sizeof(uint32_t));
    size_t used = 1;
    if (!limbs) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        int c = digits[i];
        uint64_t v = (uint64_t)(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
        for (size_t k = 0; k < used; k++) {
            uint64_t t = (uint64_t)limbs[k] * (uint64_t)base + v;
            limbs[k] = (uint32_t)(t % 1000000000u);
            v = t / 1000000000u;
        }
        if (v && used < cap) {
            limbs[used++] = (uint32_t)v;
        }
    }
    fprintf(out, "%u", limbs[used - 1]);
    for (size_t k = used - 1; k-- > 0;) {
        fprintf(out, "%09u", limbs[k]);
    }
    free(limbs);
}

static void dump_constant(dumper_t *d, ast_constant_t *c) {
    FILE *out = d->out;
    switch (c->kind) {
    case CONST_NONE: fputs("None", out); break;
    case CONST_TRUE: fputs("True", out); break;
    case CONST_FALSE: fputs("False", out); break;
    case CONST_ELLIPSIS: fputs("Ellipsis", out); break;
    case CONST_INT: repr_int(out, c->digits, c->base); break;
    case CONST_FLOAT: repr_float(out, c->f, 0); break;
    case CONST_IMAG:
        repr_float(out, c->f, 1);
        fputc('j', out);
        break;
    case CONST_STR: repr_str(out, c->s, c->len); break;
    case CONST_BYTES: repr_bytes(out, c->s, c->len); break;
    case CONST_OBJ: fputs("<object>", out); break;
    }
}

static void pos(dumper_t *d, int lineno, int col, int end_lineno, int end_col) {
    if (d->attrs) {
        fprintf(d->out, ", lineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d", lineno, col,
                end_lineno, end_col);
    }
}

static void dump_ctx(dumper_t *d, ast_expr_ctx_t ctx) {
    fputs(ctx == EXPR_CTX_LOAD ? "Load()" : ctx == EXPR_CTX_STORE ? "Store()" : "Del()", d->out);
}

static void dump_exprs(dumper_t *d, ast_expr_seq_t *seq) {
    fputc('[', d->out);
    for (int i = 0; i < seq->n; i++) {
        if (i) {
            fputs(", ", d->out);
        }
        if (seq->items[i]) {
            dump_expr(d, seq->items[i]);
        } else {
            fputs("None", d->out);
        }
    }
    fputc(']', d->out);
}

static void dump_stmts(dumper_t *d, ast_stmt_seq_t *seq) {
    fputc('[', d->out);
    for (int i = 0; i < seq->n; i++) {
        if (i) {
            fputs(", ", d->out);
        }
        dump_stmt(d, seq->items[i]);
    }
    fputc(']', d->out);
}

static void dump_ident(dumper_t *d, const char *s) {
    repr_str(d->out, s, strlen(s));
}

static void dump_idents(dumper_t *d, ast_ident_seq_t *seq) {
    fputc('[', d->out);
    for (int i = 0; i < seq->n; i++) {
        if (i) {
            fputs(", ", d->out);
        }
        dump_ident(d, seq->items[i]);
    }
    fputc(']', d->out);
}

static void dump_arg(dumper_t *d, ast_arg_t *a) {
    fputs("arg(arg=", d->out);
    dump_ident(d, a->arg);
    if (a->annotation) {
        fputs(", annotation=", d->out);
        dump_expr(d, a->annotation);
    }
    pos(d, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
    fputc(')', d->out);
}

static void dump_args_seq(dumper_t *d, ast_arg_seq_t *seq) {
    fputc('[', d->out);
    for (int i = 0; i < seq->n; i++) {
        if (i) {
            fputs(", ", d->out);
        }
        dump_arg(d, seq->items[i]);
    }
    fputc(']', d->out);
}

static void dump_arguments(dumper_t *d, ast_arguments_t *a) {
    fputs("arguments(posonlyargs=", d->out);
    dump_args_seq(d, &a->posonlyargs);
    fputs(", args=", d->out);
    dump_args_seq(d, &a->args);
    if (a->vararg) {
        fputs(", vararg=", d->out);
        dump_arg(d, a->vararg);
    }
    fputs(", kwonlyargs=", d->out);
    dump_args_seq(d, &a->kwonlyargs);
    fputs(", kw_defaults=", d->out);
    dump_exprs(d, &a->kw_defaults);
    if (a->kwarg) {
        fputs(", kwarg=", d->out);
        dump_arg(d, a->kwarg);
    }
    fputs(", defaults=", d->out);
    dump_exprs(d, &a->defaults);
    fputc(')', d->out);
}

static void dump_keywords(dumper_t *d, ast_keyword_seq_t *seq) {
    fputc('[', d->out);
    for (int i = 0; i < seq->n; i++) {
        ast_keyword_t *k = seq->items[i];
        fputs(i ? ", keyword(" : "keyword(", d->out);
        if (k->arg) {
            fputs("arg=", d->out);
            dump_ident(d, k->arg);
            fputs(", ", d->out);
        }
        fputs("value=", d->out);
        dump_expr(d, k->value);
        pos(d, k->lineno, k->col_offset, k->end_lineno, k->end_col_offset);
        fputc(')', d->out);
    }
    fputc(']', d->out);
}

static void dump_aliases(dumper_t *d, ast_alias_seq_t *seq) {
    fputc('[', d->out);
    for (int i = 0; i < seq->n; i++) {
        ast_alias_t *a = seq->items[i];
        fputs(i ? ", alias(name=" : "alias(name=", d->out);
        dump_ident(d, a->name);
        if (a->asname) {
            fputs(", asname=", d->out);
            dump_ident(d, a->asname);
        }
        pos(d, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
        fputc(')', d->out);
    }
    fputc(']', d->out);
}

static void dump_generators(dumper_t *d, ast_comprehension_seq_t *seq) {
    fputc('[', d->out);
    for (int i = 0; i < seq->n; i++) {
        ast_comprehension_t *c = seq->items[i];
        fputs(i ? ", comprehension(target=" : "comprehension(target=", d->out);
        dump_expr(d, c->target);
        fputs(", iter=", d->out);
        dump_expr(d, c->iter);
        fputs(", ifs=", d->out);
        dump_exprs(d, &c->ifs);
        fprintf(d->out, ", is_async=%d)", c->is_async);
    }
    fputc(']', d->out);
}

static void dump_expr_node(dumper_t *d, ast_expr_t *e) {
    FILE *out = d->out;
    fprintf(out, "%s(", ast_expr_kind_name(e->kind));
    switch (e->kind) {
    case EXPR_BOOLOP:
        fprintf(out, "op=%s(), values=", e->v.boolop.op == BOOL_AND ? "And" : "Or");
        dump_exprs(d, &e->v.boolop.values);
        break;
    case EXPR_NAMEDEXPR:
        fputs("target=", out);
        dump_expr(d, e->v.namedexpr.target);
        fputs(", value=", out);
        dump_expr(d, e->v.namedexpr.value);
        break;
    case EXPR_BINOP:
        fputs("left=", out);
        dump_expr(d, e->v.binop.left);
        fprintf(out, ", op=%s(), right=", ast_operator_name(e->v.binop.op));
        dump_expr(d, e->v.binop.right);
        break;
    case EXPR_UNARYOP:
        fprintf(out, "op=%s(), operand=", ast_unaryop_name(e->v.unaryop.op));
        dump_expr(d, e->v.unaryop.operand);
        break;
    case EXPR_LAMBDA:
        fputs("args=", out);
        dump_arguments(d, e->v.lambda.args);
        fputs(", body=", out);
        dump_expr(d, e->v.lambda.body);
        break;
    case EXPR_IFEXP:
        fputs("test=", out);
        dump_expr(d, e->v.ifexp.test);
        fputs(", body=", out);
        dump_expr(d, e->v.ifexp.body);
        fputs(", orelse=", out);
        dump_expr(d, e->v.ifexp.orelse);
        break;
    case EXPR_DICT:
        fputs("keys=", out);
        dump_exprs(d, &e->v.dict.keys);
        fputs(", values=", out);
        dump_exprs(d, &e->v.dict.values);
        break;
    case EXPR_SET:
        fputs("elts=", out);
        dump_exprs(d, &e->v.set.elts);
        break;
    case EXPR_LISTCOMP:
    case EXPR_SETCOMP:
    case EXPR_GENEXP:
        fputs("elt=", out);
        dump_expr(d, e->v.comp.elt);
        fputs(", generators=", out);
        dump_generators(d, &e->v.comp.generators);
        break;
    case EXPR_DICTCOMP:
        fputs("key=", out);
        dump_expr(d, e->v.dictcomp.key);
        fputs(", value=", out);
        dump_expr(d, e->v.dictcomp.value);
        fputs(", generators=", out);
        dump_generators(d, &e->v.dictcomp.generators);
        break;
    case EXPR_YIELD:
        if (e->v.yield.value) {
            fputs("value=", out);
            dump_expr(d, e->v.yield.value);
        }
        break;
    case EXPR_YIELDFROM:
        fputs("value=", out);
        dump_expr(d, e->v.yieldfrom.value);
        break;
    case EXPR_AWAIT:
        fputs("value=", out);
        dump_expr(d, e->v.await.value);
        break;
    case EXPR_COMPARE:
        fputs("left=", out);
        dump_expr(d, e->v.compare.left);
        fputs(", ops=[", out);
        for (int i = 0; i < e->v.compare.ops.n; i++) {
            fprintf(out, "%s%s()", i ? ", " : "", ast_cmpop_name(e->v.compare.ops.items[i]));
        }
        fputs("], comparators=", out);
        dump_exprs(d, &e->v.compare.comparators);
        break;
    case EXPR_CALL:
        fputs("func=", out);
        dump_expr(d, e->v.call.func);
        fputs(", args=", out);
        dump_exprs(d, &e->v.call.args);
        fputs(", keywords=", out);
        dump_keywords(d, &e->v.call.keywords);
        break;
    case EXPR_FORMATTEDVALUE:
        fputs("value=", out);
        dump_expr(d, e->v.formattedvalue.value);
        fprintf(out, ", conversion=%d", e->v.formattedvalue.conversion);
        if (e->v.formattedvalue.format_spec) {
            fputs(", format_spec=", out);
            dump_expr(d, e->v.formattedvalue.format_spec);
        }
        break;
    case EXPR_JOINEDSTR:
        fputs("values=", out);
        dump_exprs(d, &e->v.joinedstr.values);
        break;
    case EXPR_CONSTANT:
        fputs("value=", out);
        dump_constant(d, &e->v.constant);
        if (e->v.constant.kind == CONST_STR && e->v.constant.is_u) {
            fputs(", kind='u'", out);
        }
        break;
    case EXPR_ATTRIBUTE:
        fputs("value=", out);
        dump_expr(d, e->v.attribute.value);
        fputs(", attr=", out);
        dump_ident(d, e->v.attribute.attr);
        fputs(", ctx=", out);
        dump_ctx(d, e->v.attribute.ctx);
        break;
    case EXPR_SUBSCRIPT:
        fputs("value=", out);
        dump_expr(d, e->v.subscript.value);
        fputs(", slice=", out);
        dump_expr(d, e->v.subscript.slice);
        fputs(", ctx=", out);
        dump_ctx(d, e->v.subscript.ctx);
        break;
    case EXPR_STARRED:
        fputs("value=", out);
        dump_expr(d, e->v.starred.value);
        fputs(", ctx=", out);
        dump_ctx(d, e->v.starred.ctx);
        break;
    case EXPR_NAME:
        fputs("id=", out);
        dump_ident(d, e->v.name.id);
        fputs(", ctx=", out);
        dump_ctx(d, e->v.name.ctx);
        break;
    case EXPR_LIST:
    case EXPR_TUPLE:
        fputs("elts=", out);
        dump_exprs(d, &e->v.list.elts);
        fputs(", ctx=", out);
        dump_ctx(d, e->v.list.ctx);
        break;
    case EXPR_SLICE: {
        const char *sep = "";
        if (e->v.slice.lower) {
            fputs("lower=", out);
            dump_expr(d, e->v.slice.lower);
            sep = ", ";
        }
        if (e->v.slice.upper) {
            fprintf(out, "%supper=", sep);
            dump_expr(d, e->v.slice.upper);
            sep = ", ";
        }
        if (e->v.slice.step) {
            fprintf(out, "%sstep=", sep);
            dump_expr(d, e->v.slice.step);
        }
        break;
    }
    }
    int empty =
        (e->kind == EXPR_YIELD && !e->v.yield.value) ||
        (e->kind == EXPR_SLICE && !e->v.slice.lower && !e->v.slice.upper && !e->v.slice.step);
    if (d->attrs) {
        fprintf(out, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d",
                empty ? "" : ", ", e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
    }
    fputc(')', out);
}

static void dump_pattern(dumper_t *d, ast_pattern_t *pt);

static void dump_patterns(dumper_t *d, ast_pattern_seq_t *seq) {
    fputc('[', d->out);
    for (int i = 0; i < seq->n; i++) {
        if (i) {
            fputs(", ", d->out);
        }
        dump_pattern(d, seq->items[i]);
    }
    fputc(']', d->out);
}

static const char *const pattern_names[] = {
    "MatchValue", "MatchSingleton", "MatchSequence", "MatchMapping",
    "MatchClass", "MatchStar",      "MatchAs",       "MatchOr",
};

static void dump_pattern(dumper_t *d, ast_pattern_t *pt) {
    FILE *out = d->out;
    if (d->depth >= DUMP_MAX_DEPTH) {
        fputs("...", out);
        return;
    }
    d->depth++;
    fprintf(out, "%s(", pattern_names[pt->kind]);
    int empty = 0;
    switch (pt->kind) {
    case PATTERN_VALUE:
        fputs("value=", out);
        dump_expr(d, pt->v.value.value);
        break;
    case PATTERN_SINGLETON:
        fputs(pt->v.singleton.value == CONST_NONE   ? "value=None"
              : pt->v.singleton.value == CONST_TRUE ? "value=True"
                                                    : "value=False",
              out);
        break;
    case PATTERN_SEQUENCE:
    case PATTERN_OR:
        fputs("patterns=", out);
        dump_patterns(d, &pt->v.sequence.patterns);
        break;
    case PATTERN_MAPPING:
        fputs("keys=", out);
        dump_exprs(d, &pt->v.mapping.keys);
        fputs(", patterns=", out);
        dump_patterns(d, &pt->v.mapping.patterns);
        if (pt->v.mapping.rest) {
            fputs(", rest=", out);
            dump_ident(d, pt->v.mapping.rest);
        }
        break;
    case PATTERN_CLASS:
        fputs("cls=", out);
        dump_expr(d, pt->v.class_.cls);
        fputs(", patterns=", out);
        dump_patterns(d, &pt->v.class_.patterns);
        fputs(", kwd_attrs=", out);
        dump_idents(d, &pt->v.class_.kwd_attrs);
        fputs(", kwd_patterns=", out);
        dump_patterns(d, &pt->v.class_.kwd_patterns);
        break;
    case PATTERN_STAR:
        empty = !pt->v.star.name;
        if (pt->v.star.name) {
            fputs("name=", out);
            dump_ident(d, pt->v.star.name);
        }
        break;
    case PATTERN_AS:
        empty = !pt->v.as.pattern && !pt->v.as.name;
        if (pt->v.as.pattern) {
            fputs("pattern=", out);
            dump_pattern(d, pt->v.as.pattern);
        }
        if (pt->v.as.name) {
            fputs(pt->v.as.pattern ? ", name=" : "name=", out);
            dump_ident(d, pt->v.as.name);
        }
        break;
    }
    if (d->attrs) {
        fprintf(out, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d",
                empty ? "" : ", ", pt->lineno, pt->col_offset, pt->end_lineno, pt->end_col_offset);
    }
    fputc(')', out);
    d->depth--;
}

static int ast_stmt_is_async(ast_stmt_t *s) {
    switch (s->kind) {
    case STMT_FUNCTIONDEF: return s->v.functiondef.is_async;
    case STMT_FOR: return s->v.for_.is_async;
    case STMT_WITH: return s->v.with.is_async;
    default: return 0;
    }
}

static void dump_stmt_node(dumper_t *d, ast_stmt_t *s) {
    FILE *out = d->out;
    fprintf(out, "%s%s(", ast_stmt_is_async(s) ? "Async" : "",
            s->kind == STMT_TRY && s->v.try_.is_star ? "TryStar" : ast_stmt_kind_name(s->kind));
    int empty = 0;
    switch (s->kind) {
    case STMT_FUNCTIONDEF:
        fputs("name=", out);
        dump_ident(d, s->v.functiondef.name);
        fputs(", args=", out);
        dump_arguments(d, s->v.functiondef.args);
        fputs(", body=", out);
        dump_stmts(d, &s->v.functiondef.body);
        fputs(", decorator_list=", out);
        dump_exprs(d, &s->v.functiondef.decorator_list);
        if (s->v.functiondef.returns) {
            fputs(", returns=", out);
            dump_expr(d, s->v.functiondef.returns);
        }
        break;
    case STMT_CLASSDEF:
        fputs("name=", out);
        dump_ident(d, s->v.classdef.name);
        fputs(", bases=", out);
        dump_exprs(d, &s->v.classdef.bases);
        fputs(", keywords=", out);
        dump_keywords(d, &s->v.classdef.keywords);
        fputs(", body=", out);
        dump_stmts(d, &s->v.classdef.body);
        fputs(", decorator_list=", out);
        dump_exprs(d, &s->v.classdef.decorator_list);
        break;
    case STMT_RETURN:
        if (s->v.return_.value) {
            fputs("value=", out);
            dump_expr(d, s->v.return_.value);
        } else {
            empty = 1;
        }
        break;
    case STMT_DELETE:
        fputs("targets=", out);
        dump_exprs(d, &s->v.delete_.targets);
        break;
    case STMT_ASSIGN:
        fputs("targets=", out);
        dump_exprs(d, &s->v.assign.targets);
        fputs(", value=", out);
        dump_expr(d, s->v.assign.value);
        break;
    case STMT_AUGASSIGN:
        fputs("target=", out);
        dump_expr(d, s->v.augassign.target);
        fprintf(out, ", op=%s(), value=", ast_operator_name(s->v.augassign.op));
        dump_expr(d, s->v.augassign.value);
        break;
    case STMT_ANNASSIGN:
        fputs("target=", out);
        dump_expr(d, s->v.annassign.target);
        fputs(", annotation=", out);
        dump_expr(d, s->v.annassign.annotation);
        if (s->v.annassign.value) {
            fputs(", value=", out);
            dump_expr(d, s->v.annassign.value);
        }
        fprintf(out, ", simple=%d", s->v.annassign.simple);
        break;
    case STMT_FOR:
        fputs("target=", out);
        dump_expr(d, s->v.for_.target);
        fputs(", iter=", out);
        dump_expr(d, s->v.for_.iter);
        fputs(", body=", out);
        dump_stmts(d, &s->v.for_.body);
        fputs(", orelse=", out);
        dump_stmts(d, &s->v.for_.orelse);
        break;
    case STMT_WHILE:
    case STMT_IF:
        fputs("test=", out);
        dump_expr(d, s->v.if_.test);
        fputs(", body=", out);
        dump_stmts(d, &s->v.if_.body);
        fputs(", orelse=", out);
        dump_stmts(d, &s->v.if_.orelse);
        break;
    case STMT_WITH:
        fputs("items=[", out);
        for (int i = 0; i < s->v.with.items.n; i++) {
            ast_withitem_t *w = s->v.with.items.items[i];
            fputs(i ? ", withitem(context_expr=" : "withitem(context_expr=", out);
            dump_expr(d, w->context_expr);
            if (w->optional_vars) {
                fputs(", optional_vars=", out);
                dump_expr(d, w->optional_vars);
            }
            fputc(')', out);
        }
        fputs("], body=", out);
        dump_stmts(d, &s->v.with.body);
        break;
    case STMT_RAISE:
        empty = 1;
        if (s->v.raise.exc) {
            fputs("exc=", out);
            dump_expr(d, s->v.raise.exc);
            empty = 0;
        }
        if (s->v.raise.cause) {
            fputs(empty ? "cause=" : ", cause=", out);
            dump_expr(d, s->v.raise.cause);
            empty = 0;
        }
        break;
    case STMT_TRY:
        fputs("body=", out);
        dump_stmts(d, &s->v.try_.body);
        fputs(", handlers=[", out);
        for (int i = 0; i < s->v.try_.handlers.n; i++) {
            ast_excepthandler_t *h = s->v.try_.handlers.items[i];
            fputs(i ? ", ExceptHandler(" : "ExceptHandler(", out);
            if (h->type) {
                fputs("type=", out);
                dump_expr(d, h->type);
                fputs(", ", out);
            }
            if (h->name) {
                fputs("name=", out);
                dump_ident(d, h->name);
                fputs(", ", out);
            }
            fputs("body=", out);
            dump_stmts(d, &h->body);
            pos(d, h->lineno, h->col_offset, h->end_lineno, h->end_col_offset);
            fputc(')', out);
        }
        fputs("], orelse=", out);
        dump_stmts(d, &s->v.try_.orelse);
        fputs(", finalbody=", out);
        dump_stmts(d, &s->v.try_.finalbody);
        break;
    case STMT_ASSERT:
        fputs("test=", out);
        dump_expr(d, s->v.assert_.test);
        if (s->v.assert_.msg) {
            fputs(", msg=", out);
            dump_expr(d, s->v.assert_.msg);
        }
        break;
    case STMT_IMPORT:
        fputs("names=", out);
        dump_aliases(d, &s->v.import.names);
        break;
    case STMT_IMPORTFROM:
        if (s->v.importfrom.module) {
            fputs("module=", out);
            dump_ident(d, s->v.importfrom.module);
            fputs(", ", out);
        }
        fputs("names=", out);
        dump_aliases(d, &s->v.importfrom.names);
        fprintf(out, ", level=%d", s->v.importfrom.level);
        break;
    case STMT_GLOBAL:
    case STMT_NONLOCAL:
        fputs("names=", out);
        dump_idents(d, &s->v.global.names);
        break;
    case STMT_EXPR:
        fputs("value=", out);
        dump_expr(d, s->v.expr.value);
        break;
    case STMT_PASS:
    case STMT_BREAK:
    case STMT_CONTINUE: empty = 1; break;
    case STMT_MATCH:
        fputs("subject=", out);
        dump_expr(d, s->v.match.subject);
        fputs(", cases=[", out);
        for (int i = 0; i < s->v.match.cases.n; i++) {
            ast_match_case_t *m = s->v.match.cases.items[i];
            fputs(i ? ", match_case(pattern=" : "match_case(pattern=", out);
            dump_pattern(d, m->pattern);
            if (m->guard) {
                fputs(", guard=", out);
                dump_expr(d, m->guard);
            }
            fputs(", body=", out);
            dump_stmts(d, &m->body);
            fputc(')', out);
        }
        fputc(']', out);
        break;
    }
    if (d->attrs) {
        fprintf(out, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d",
                empty ? "" : ", ", s->lineno, s->col_offset, s->end_lineno, s->end_col_offset);
    }
    fputc(')', out);
}

void ast_dump_ex(FILE *out, ast_mod_t *mod, int include_attributes) {
    dumper_t d = {out, include_attributes};
    switch (mod->kind) {
    case MOD_MODULE:
        fputs("Module(body=", out);
        dump_stmts(&d, &mod->body);
        fputs(", type_ignores=[])", out);
        break;
    case MOD_INTERACTIVE:
        fputs("Interactive(body=", out);
        dump_stmts(&d, &mod->body);
        fputc(')', out);
        break;
    case MOD_EXPRESSION:
        fputs("Expression(body=", out);
        dump_expr(&d, mod->expr);
        fputc(')', out);
        break;
    }
    fputc('\n', out);
}

void ast_dump(FILE *out, ast_mod_t *mod) {
    ast_dump_ex(out, mod, 0);
}

void ast_dump_expr(FILE *out, ast_expr_t *expr) {
    dumper_t d = {out, 0};
    dump_expr(&d, expr);
}

void ast_dump_stmt(FILE *out, ast_stmt_t *stmt) {
    dumper_t d = {out, 0};
    dump_stmt(&d, stmt);
}
