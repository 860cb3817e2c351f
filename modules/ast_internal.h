/*
 * modules/ast_internal.h — the data that drives the `_ast` module: one table describes every
 * ASDL type ("sort": mod, stmt, expr, ..., arguments, arg) and every node class with its
 * fields, the ASDL type of each field and where the field lives in core/ast.h's C structs.
 * The class builder (ast_module.c) and both converters (ast_convert.c) read only this table;
 * no code is written per node class.
 */
#ifndef PVM_AST_INTERNAL_H
#define PVM_AST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/ast.h"
#include "../objects/object.h"

// The ASDL types that have classes.  Sum types first (their classes are abstract), then the
// product types (one concrete class each).
typedef enum {
    SORT_MOD,
    SORT_STMT,
    SORT_EXPR,
    SORT_EXPR_CONTEXT,
    SORT_BOOLOP,
    SORT_OPERATOR,
    SORT_UNARYOP,
    SORT_CMPOP,
    SORT_EXCEPTHANDLER,
    SORT_PATTERN,
    SORT_TYPE_IGNORE,
    SORT_COMPREHENSION,
    SORT_ARGUMENTS,
    SORT_ARG,
    SORT_KEYWORD,
    SORT_ALIAS,
    SORT_WITHITEM,
    SORT_MATCH_CASE,
    SORT_COUNT,
    // Field types that are not nodes.
    SORT_IDENTIFIER = SORT_COUNT,
    SORT_INT,
    SORT_STRING,
    SORT_CONSTANT,
} ast_sort_t;

// How a field is stored in the C node.
typedef enum {
    C_AUTO,        // from the ASDL type: node pointer, sequence, enum, identifier or int
    C_ABSENT,      // not kept by pvm's tree (type comments, type_ignores): None / [] in Python
    C_CONST_VALUE, // Constant.value: an ast_constant_t
    C_CONST_KIND,  // Constant.kind: 'u' when ast_constant_t.is_u
    C_SINGLETON,   // MatchSingleton.value: an ast_const_kind_t
} ast_cfield_t;

typedef struct {
    const char *name;
    const char *type; // ASDL spelling: "expr", "stmt*", "identifier?"
    uint8_t cfield;   // ast_cfield_t
    uint16_t off;     // offset in the C struct
    // Filled from `type` when the classes are built:
    uint8_t sort;
    bool seq, opt;
    obj_t *name_obj; // interned name
} ast_field_t;

typedef struct {
    const char *name;
    uint8_t sort;     // the ASDL type this class is a constructor of
    int ckind;        // C `kind` value (node sorts) or enum value (operator sorts)
    int16_t flag_off; // offset of the int telling async/star variants apart, -1 if none
    int8_t flag_val;  // its value for this class
    ast_field_t *fields;
    int nfields;
} ast_class_t;

typedef struct {
    const char *name;
    size_t size;     // sizeof the C struct of one node
    int pos_off;     // offset of `int lineno, col_offset, end_lineno, end_col_offset`, or -1
    bool is_enum;    // constructors without fields, kept as an int in C
    bool is_product; // one concrete class named like the sort
} ast_sortinfo_t;

extern const ast_sortinfo_t ast_sorts[SORT_COUNT];
extern ast_class_t ast_classes[];
extern const int ast_nclasses;

// The per-process state built by ast_state_get(): the class objects (index = sort for the
// abstract classes of sum types; SORT_COUNT + i for ast_classes[i]), the singleton
// instances of the enum classes, and interned attribute names.
typedef struct {
    obj_t *ast_base;
    obj_t *sort_cls[SORT_COUNT]; // abstract class, or the product class
    obj_t **cls;                 // per ast_classes entry
    obj_t **singleton;           // per ast_classes entry: the shared instance, enum sorts only
    obj_t *attr_names[4];        // lineno, col_offset, end_lineno, end_col_offset
    int first[SORT_COUNT];       // the classes of a sort are ast_classes[first, first + count)
    int count[SORT_COUNT];
} ast_state_t;

// Builds the classes on first use (thread-safe); NULL + exception on failure.
ast_state_t *ast_state_get(void);

// ast_convert.c
PVM_WUR obj_t *ast_mod_to_py(ast_state_t *st, ast_mod_t *mod);
// Converts and validates; *keep receives a list the returned tree's constants borrow from.
ast_mod_t *ast_mod_from_py(ast_state_t *st, obj_t *o, int mode, ast_arena_t *arena, obj_t **keep);

// ast_validate.c: CPython's checks of a converted tree.  -1 + ValueError/TypeError.
int ast_validate_mod(ast_mod_t *mod);

#endif // PVM_AST_INTERNAL_H
