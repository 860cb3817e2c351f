/*
 * ast.h - the abstract syntax tree produced by the parser (core/parser.c) and consumed by the
 * compiler.
 *
 * Owns: node kinds, node structs (C tagged unions mirroring CPython 3.11's `ast` module),
 * the arena allocator every node lives in, and a debug dumper.
 *
 * Invariants:
 *  - Every node, sequence array and string reachable from an ast_mod_t is allocated from one
 *    ast_arena_t; freeing the arena frees the whole tree.  Nothing is individually free'd.
 *  - Sequences are (n, items) pairs; items may be NULL when n == 0.  Items are never NULL
 *    except where noted (ast_dict.keys for `**d`, ast_arguments.kw_defaults).
 *  - Identifiers are NUL-terminated UTF-8 strings (no NFKC normalization of non-ASCII names).
 *  - Positions: lineno/end_lineno are 1-based, col_offset/end_col_offset are 0-based UTF-8 byte
 *    offsets, exactly as CPython's ast module reports them.
 *  - Optional child pointers (e.g. return value, else-less if) are NULL when absent.
 */
#ifndef PVM_AST_H
#define PVM_AST_H

#include <stddef.h>
#include <stdio.h>

/* ---- arena ---- */

typedef struct ast_arena ast_arena_t;

ast_arena_t *ast_arena_new(void);
void ast_arena_free(ast_arena_t *arena);
// Zero-filled, 16-byte aligned memory that lives as long as the arena.  Aborts on OOM.
void *ast_alloc(ast_arena_t *arena, size_t size);
// Copy `len` bytes into the arena and NUL-terminate them.
char *ast_strndup(ast_arena_t *arena, const char *s, size_t len);
char *ast_strdup(ast_arena_t *arena, const char *s);

/* ---- forward declarations ---- */

typedef struct ast_mod ast_mod_t;
typedef struct ast_stmt ast_stmt_t;
typedef struct ast_expr ast_expr_t;
typedef struct ast_arguments ast_arguments_t;
typedef struct ast_arg ast_arg_t;
typedef struct ast_keyword ast_keyword_t;
typedef struct ast_alias ast_alias_t;
typedef struct ast_withitem ast_withitem_t;
typedef struct ast_excepthandler ast_excepthandler_t;
typedef struct ast_comprehension ast_comprehension_t;
typedef struct ast_pattern ast_pattern_t;
typedef struct ast_match_case ast_match_case_t;

/* ---- sequences ---- */

typedef struct {
    int n;
    ast_stmt_t **items;
} ast_stmt_seq_t;
typedef struct {
    int n;
    ast_expr_t **items;
} ast_expr_seq_t;
typedef struct {
    int n;
    ast_arg_t **items;
} ast_arg_seq_t;
typedef struct {
    int n;
    ast_keyword_t **items;
} ast_keyword_seq_t;
typedef struct {
    int n;
    ast_alias_t **items;
} ast_alias_seq_t;
typedef struct {
    int n;
    ast_withitem_t **items;
} ast_withitem_seq_t;
typedef struct {
    int n;
    ast_excepthandler_t **items;
} ast_excepthandler_seq_t;
typedef struct {
    int n;
    ast_comprehension_t **items;
} ast_comprehension_seq_t;
typedef struct {
    int n;
    const char **items;
} ast_ident_seq_t;
typedef struct {
    int n;
    ast_pattern_t **items;
} ast_pattern_seq_t;
typedef struct {
    int n;
    ast_match_case_t **items;
} ast_match_case_seq_t;
typedef struct {
    int n;
    int *items;
} ast_int_seq_t; // cmpop_t values for Compare.ops

/* ---- enums ---- */

typedef enum { EXPR_CTX_LOAD, EXPR_CTX_STORE, EXPR_CTX_DEL } ast_expr_ctx_t;

typedef enum { BOOL_AND, BOOL_OR } ast_boolop_t;

typedef enum {
    OP_ADD,
    OP_SUB,
    OP_MULT,
    OP_MATMULT,
    OP_DIV,
    OP_MOD,
    OP_POW,
    OP_LSHIFT,
    OP_RSHIFT,
    OP_BITOR,
    OP_BITXOR,
    OP_BITAND,
    OP_FLOORDIV
} ast_operator_t;

typedef enum { UOP_INVERT, UOP_NOT, UOP_UADD, UOP_USUB } ast_unaryop_t;

typedef enum {
    CMP_EQ,
    CMP_NOTEQ,
    CMP_LT,
    CMP_LTE,
    CMP_GT,
    CMP_GTE,
    CMP_IS,
    CMP_ISNOT,
    CMP_IN,
    CMP_NOTIN
} ast_cmpop_t;

typedef enum { MOD_MODULE, MOD_EXPRESSION, MOD_INTERACTIVE } ast_mod_kind_t;

typedef enum {
    STMT_FUNCTIONDEF,
    STMT_CLASSDEF,
    STMT_RETURN,
    STMT_DELETE,
    STMT_ASSIGN,
    STMT_AUGASSIGN,
    STMT_ANNASSIGN,
    STMT_FOR,
    STMT_WHILE,
    STMT_IF,
    STMT_WITH,
    STMT_RAISE,
    STMT_TRY,
    STMT_ASSERT,
    STMT_IMPORT,
    STMT_IMPORTFROM,
    STMT_GLOBAL,
    STMT_NONLOCAL,
    STMT_EXPR,
    STMT_PASS,
    STMT_BREAK,
    STMT_CONTINUE,
    STMT_MATCH
} ast_stmt_kind_t;

typedef enum {
    EXPR_BOOLOP,
    EXPR_NAMEDEXPR,
    EXPR_BINOP,
    EXPR_UNARYOP,
    EXPR_LAMBDA,
    EXPR_IFEXP,
    EXPR_DICT,
    EXPR_SET,
    EXPR_LISTCOMP,
    EXPR_SETCOMP,
    EXPR_DICTCOMP,
    EXPR_GENEXP,
    EXPR_YIELD,
    EXPR_YIELDFROM,
    EXPR_COMPARE,
    EXPR_CALL,
    EXPR_FORMATTEDVALUE,
    EXPR_JOINEDSTR,
    EXPR_CONSTANT,
    EXPR_ATTRIBUTE,
    EXPR_SUBSCRIPT,
    EXPR_STARRED,
    EXPR_NAME,
    EXPR_LIST,
    EXPR_TUPLE,
    EXPR_SLICE,
    EXPR_AWAIT
} ast_expr_kind_t;

typedef enum {
    CONST_NONE,
    CONST_TRUE,
    CONST_FALSE,
    CONST_ELLIPSIS,
    CONST_INT,   // digits + base (see ast_constant_t)
    CONST_FLOAT, // f
    CONST_IMAG,  // f is the imaginary part (the constant is complex(0.0, f))
    CONST_STR,   // s, len: UTF-8, escapes decoded, may contain NUL
    CONST_BYTES, // s, len: raw bytes, may contain NUL
    CONST_OBJ    // obj: any other constant of a tree compiled from _ast objects
                 // (modules/ast_convert.c)
} ast_const_kind_t;

/* ---- module ---- */

struct ast_mod {
    ast_mod_kind_t kind;
    ast_stmt_seq_t body; // MOD_MODULE, MOD_INTERACTIVE
    ast_expr_t *expr;    // MOD_EXPRESSION
};

/* ---- statements ---- */

struct ast_stmt {
    ast_stmt_kind_t kind;
    int lineno, col_offset, end_lineno, end_col_offset;
    union {
        struct { // STMT_FUNCTIONDEF
            const char *name;
            ast_arguments_t *args;
            ast_stmt_seq_t body;
            ast_expr_seq_t decorator_list;
            ast_expr_t *returns; // may be NULL
            int is_async;        // AsyncFunctionDef
        } functiondef;
        struct { // STMT_CLASSDEF
            const char *name;
            ast_expr_seq_t bases;
            ast_keyword_seq_t keywords;
            ast_stmt_seq_t body;
            ast_expr_seq_t decorator_list;
        } classdef;
        struct {
            ast_expr_t *value;
        } return_; // STMT_RETURN; value may be NULL
        struct {
            ast_expr_seq_t targets;
        } delete_; // STMT_DELETE
        struct {   // STMT_ASSIGN: targets[0] = targets[1] = ... = value
            ast_expr_seq_t targets;
            ast_expr_t *value;
        } assign;
        struct { // STMT_AUGASSIGN
            ast_expr_t *target;
            ast_operator_t op;
            ast_expr_t *value;
        } augassign;
        struct { // STMT_ANNASSIGN
            ast_expr_t *target;
            ast_expr_t *annotation;
            ast_expr_t *value; // may be NULL
            int simple;        // 1 if target is a plain unparenthesized Name
        } annassign;
        struct { // STMT_FOR
            ast_expr_t *target;
            ast_expr_t *iter;
            ast_stmt_seq_t body;
            ast_stmt_seq_t orelse;
            int is_async; // AsyncFor
        } for_;
        struct { // STMT_WHILE
            ast_expr_t *test;
            ast_stmt_seq_t body;
            ast_stmt_seq_t orelse;
        } while_;
        struct { // STMT_IF (elif is a nested If as the sole orelse statement)
            ast_expr_t *test;
            ast_stmt_seq_t body;
            ast_stmt_seq_t orelse;
        } if_;
        struct { // STMT_WITH
            ast_withitem_seq_t items;
            ast_stmt_seq_t body;
            int is_async; // AsyncWith
        } with;
        struct {               // STMT_RAISE
            ast_expr_t *exc;   // may be NULL
            ast_expr_t *cause; // may be NULL
        } raise;
        struct { // STMT_TRY
            ast_stmt_seq_t body;
            ast_excepthandler_seq_t handlers;
            ast_stmt_seq_t orelse;
            ast_stmt_seq_t finalbody;
            int is_star; // try/except* (CPython's TryStar)
        } try_;
        struct { // STMT_ASSERT
            ast_expr_t *test;
            ast_expr_t *msg; // may be NULL
        } assert_;
        struct {
            ast_alias_seq_t names;
        } import;                  // STMT_IMPORT
        struct {                   // STMT_IMPORTFROM
            const char *module;    // may be NULL (`from . import x`)
            ast_alias_seq_t names; // `*` is a single alias named "*"
            int level;             // number of leading dots
        } importfrom;
        struct {
            ast_ident_seq_t names;
        } global; // STMT_GLOBAL
        struct {
            ast_ident_seq_t names;
        } nonlocal; // STMT_NONLOCAL
        struct {
            ast_expr_t *value;
        } expr; // STMT_EXPR
        // STMT_PASS, STMT_BREAK, STMT_CONTINUE have no fields
        struct { // STMT_MATCH: cases has >= 1 item
            ast_expr_t *subject;
            ast_match_case_seq_t cases;
        } match;
    } v;
};

/* ---- expressions ---- */

typedef struct {
    ast_const_kind_t kind;
    // CONST_INT: digits in `base` (2, 8, 10 or 16), prefix and underscores removed, suitable
    // for mpz_set_str(z, digits, base).  Never empty, no sign.
    const char *digits;
    int base;
    double f;      // CONST_FLOAT, CONST_IMAG
    const char *s; // CONST_STR (UTF-8) / CONST_BYTES; NUL-terminated for convenience
    size_t len;    // byte length of s (s may contain NUL bytes)
    int is_u;      // CONST_STR written with a u prefix (CPython's Constant.kind == 'u')
    void *obj;     // CONST_OBJ: an obj_t * that outlives the tree (borrowed)
} ast_constant_t;

struct ast_expr {
    ast_expr_kind_t kind;
    int lineno, col_offset, end_lineno, end_col_offset;
    union {
        struct { // EXPR_BOOLOP: values has >= 2 items
            ast_boolop_t op;
            ast_expr_seq_t values;
        } boolop;
        struct { // EXPR_NAMEDEXPR: target is a Name in Store context
            ast_expr_t *target;
            ast_expr_t *value;
        } namedexpr;
        struct { // EXPR_BINOP
            ast_expr_t *left;
            ast_operator_t op;
            ast_expr_t *right;
        } binop;
        struct { // EXPR_UNARYOP
            ast_unaryop_t op;
            ast_expr_t *operand;
        } unaryop;
        struct { // EXPR_LAMBDA
            ast_arguments_t *args;
            ast_expr_t *body;
        } lambda;
        struct { // EXPR_IFEXP: body if test else orelse
            ast_expr_t *test;
            ast_expr_t *body;
            ast_expr_t *orelse;
        } ifexp;
        struct { // EXPR_DICT: keys[i] == NULL means `**values[i]`
            ast_expr_seq_t keys;
            ast_expr_seq_t values;
        } dict;
        struct {
            ast_expr_seq_t elts;
        } set;   // EXPR_SET
        struct { // EXPR_LISTCOMP, EXPR_SETCOMP, EXPR_GENEXP
            ast_expr_t *elt;
            ast_comprehension_seq_t generators;
        } comp;
        struct { // EXPR_DICTCOMP
            ast_expr_t *key;
            ast_expr_t *value;
            ast_comprehension_seq_t generators;
        } dictcomp;
        struct {
            ast_expr_t *value;
        } yield; // EXPR_YIELD; value may be NULL
        struct {
            ast_expr_t *value;
        } yieldfrom; // EXPR_YIELDFROM
        struct {     // EXPR_COMPARE: left ops[0] comparators[0] ops[1] comparators[1] ...
            ast_expr_t *left;
            ast_int_seq_t ops; // ast_cmpop_t values
            ast_expr_seq_t comparators;
        } compare;
        struct { // EXPR_CALL
            ast_expr_t *func;
            ast_expr_seq_t args;        // may contain EXPR_STARRED for *a
            ast_keyword_seq_t keywords; // arg == NULL for **k
        } call;
        struct { // EXPR_FORMATTEDVALUE
            ast_expr_t *value;
            int conversion;          // -1, 's', 'r' or 'a'
            ast_expr_t *format_spec; // an EXPR_JOINEDSTR or NULL
        } formattedvalue;
        // EXPR_JOINEDSTR: Constant str and FormattedValue parts
        struct {
            ast_expr_seq_t values;
        } joinedstr;
        ast_constant_t constant; // EXPR_CONSTANT
        struct {                 // EXPR_ATTRIBUTE
            ast_expr_t *value;
            const char *attr;
            ast_expr_ctx_t ctx;
        } attribute;
        struct { // EXPR_SUBSCRIPT: slice may be an EXPR_SLICE or an EXPR_TUPLE containing them
            ast_expr_t *value;
            ast_expr_t *slice;
            ast_expr_ctx_t ctx;
        } subscript;
        struct { // EXPR_STARRED
            ast_expr_t *value;
            ast_expr_ctx_t ctx;
        } starred;
        struct { // EXPR_NAME
            const char *id;
            ast_expr_ctx_t ctx;
        } name;
        struct { // EXPR_LIST, EXPR_TUPLE
            ast_expr_seq_t elts;
            ast_expr_ctx_t ctx;
        } list, tuple;
        struct { // EXPR_SLICE: each part may be NULL
            ast_expr_t *lower;
            ast_expr_t *upper;
            ast_expr_t *step;
        } slice;
        struct {
            ast_expr_t *value;
        } await; // EXPR_AWAIT
    } v;
};

/* ---- auxiliary nodes ---- */

struct ast_arguments {
    ast_arg_seq_t posonlyargs;
    ast_arg_seq_t args;
    ast_arg_t *vararg; // may be NULL
    ast_arg_seq_t kwonlyargs;
    ast_expr_seq_t kw_defaults; // same length as kwonlyargs; NULL item = no default
    ast_arg_t *kwarg;           // may be NULL
    ast_expr_seq_t defaults;    // defaults for the LAST len(defaults) of posonlyargs + args
};

struct ast_arg {
    const char *arg;
    ast_expr_t *annotation; // may be NULL
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct ast_keyword {
    const char *arg; // NULL for `**value`
    ast_expr_t *value;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct ast_alias {
    const char *name;   // dotted name, e.g. "a.b.c", or "*"
    const char *asname; // may be NULL
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct ast_withitem {
    ast_expr_t *context_expr;
    ast_expr_t *optional_vars; // may be NULL; Store context
};

struct ast_excepthandler {
    ast_expr_t *type; // may be NULL (bare except)
    const char *name; // may be NULL
    ast_stmt_seq_t body;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct ast_comprehension {
    ast_expr_t *target; // Store context
    ast_expr_t *iter;
    ast_expr_seq_t ifs;
    int is_async; // `async for`
};

/* ---- patterns (match statement, PEP 634) ---- */

typedef enum {
    PATTERN_VALUE,     // MatchValue: Constant, UnaryOp(-, number), BinOp(real +/- imag), Attribute
    PATTERN_SINGLETON, // MatchSingleton: None, True, False
    PATTERN_SEQUENCE,  // MatchSequence: at most one PATTERN_STAR among patterns
    PATTERN_MAPPING,   // MatchMapping
    PATTERN_CLASS,     // MatchClass
    PATTERN_STAR,      // MatchStar (only directly inside a sequence pattern)
    PATTERN_AS,        // MatchAs: capture (pattern NULL), wildcard (both NULL), or `p as name`
    PATTERN_OR         // MatchOr: patterns has >= 2 items
} ast_pattern_kind_t;

struct ast_pattern {
    ast_pattern_kind_t kind;
    int lineno, col_offset, end_lineno, end_col_offset;
    union {
        struct {
            ast_expr_t *value;
        } value; // PATTERN_VALUE
        struct {
            ast_const_kind_t value; // CONST_NONE, CONST_TRUE or CONST_FALSE
        } singleton;
        struct {
            ast_pattern_seq_t patterns;
        } sequence, or_;         // PATTERN_SEQUENCE, PATTERN_OR
        struct {                 // PATTERN_MAPPING: keys[i]: patterns[i], then **rest
            ast_expr_seq_t keys; // Constant/UnaryOp/BinOp literals or Attribute
            ast_pattern_seq_t patterns;
            const char *rest; // may be NULL
        } mapping;
        struct {             // PATTERN_CLASS: cls(patterns..., kwd_attrs[i]=kwd_patterns[i]...)
            ast_expr_t *cls; // Name or Attribute
            ast_pattern_seq_t patterns;
            ast_ident_seq_t kwd_attrs;
            ast_pattern_seq_t kwd_patterns;
        } class_;
        struct {
            const char *name; // NULL for `*_`
        } star;               // PATTERN_STAR
        struct {
            ast_pattern_t *pattern; // may be NULL
            const char *name;       // NULL only when pattern is NULL too (wildcard `_`)
        } as;                       // PATTERN_AS
    } v;
};

struct ast_match_case {
    ast_pattern_t *pattern;
    ast_expr_t *guard; // may be NULL
    ast_stmt_seq_t body;
};

/* ---- helpers ---- */

// Human-readable names ("FunctionDef", "Add", "Eq", ...) for debugging and error messages.
const char *ast_stmt_kind_name(ast_stmt_kind_t kind);
const char *ast_expr_kind_name(ast_expr_kind_t kind);
const char *ast_operator_name(ast_operator_t op);
const char *ast_unaryop_name(ast_unaryop_t op);
const char *ast_cmpop_name(ast_cmpop_t op);

// Print the tree in a format close to CPython's ast.dump() (no positions) to `out`.
void ast_dump(FILE *out, ast_mod_t *mod);
// Same, with include_attributes=True when `include_attributes` is nonzero.
void ast_dump_ex(FILE *out, ast_mod_t *mod, int include_attributes);
void ast_dump_expr(FILE *out, ast_expr_t *expr);
void ast_dump_stmt(FILE *out, ast_stmt_t *stmt);

#endif
