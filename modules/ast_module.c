/*
 * modules/ast_module.c — the `_ast` module: the node classes of CPython 3.11's ast module,
 * built at run time from one table (ast_sorts / ast_classes below), and the AST base class's
 * constructor and __reduce__.
 *
 * Each class is an ordinary heap class made by type(name, (base,), ns): instances are plain
 * objects with an instance dict, so setting and reading fields is covered by the dict's own
 * locking; nothing here holds a lock of its own.  The classes and the singleton instances of
 * Load, Store, Add, ... (shared by every tree the parser converts, as in CPython) are built
 * once per process by the first `import _ast` (the import lock makes that happen once) and
 * are immortal.  The module dict only lists them.
 *
 * The table gives, for each field, its ASDL type (which yields _fields, the class defaults of
 * optional fields (None), the docstrings and the conversion) and its offset in core/ast.h's
 * C struct, so the converters in ast_convert.c are written once for all classes.
 */
#include "ast_internal.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/import.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/method.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../objects/type_internal.h"
#include "pyast.h"

/* ---- the table ---- */

#define POS(T) ((int)offsetof(T, lineno))

const ast_sortinfo_t ast_sorts[SORT_COUNT] = {
    [SORT_MOD] = {"mod", sizeof(ast_mod_t), -1, false, false},
    [SORT_STMT] = {"stmt", sizeof(ast_stmt_t), POS(ast_stmt_t), false, false},
    [SORT_EXPR] = {"expr", sizeof(ast_expr_t), POS(ast_expr_t), false, false},
    [SORT_EXPR_CONTEXT] = {"expr_context", 0, -1, true, false},
    [SORT_BOOLOP] = {"boolop", 0, -1, true, false},
    [SORT_OPERATOR] = {"operator", 0, -1, true, false},
    [SORT_UNARYOP] = {"unaryop", 0, -1, true, false},
    [SORT_CMPOP] = {"cmpop", 0, -1, true, false},
    [SORT_EXCEPTHANDLER] = {"excepthandler", sizeof(ast_excepthandler_t), POS(ast_excepthandler_t),
                            false, false},
    [SORT_PATTERN] = {"pattern", sizeof(ast_pattern_t), POS(ast_pattern_t), false, false},
    [SORT_TYPE_IGNORE] = {"type_ignore", 0, -1, false, false},
    [SORT_COMPREHENSION] = {"comprehension", sizeof(ast_comprehension_t), -1, false, true},
    [SORT_ARGUMENTS] = {"arguments", sizeof(ast_arguments_t), -1, false, true},
    [SORT_ARG] = {"arg", sizeof(ast_arg_t), POS(ast_arg_t), false, true},
    [SORT_KEYWORD] = {"keyword", sizeof(ast_keyword_t), POS(ast_keyword_t), false, true},
    [SORT_ALIAS] = {"alias", sizeof(ast_alias_t), POS(ast_alias_t), false, true},
    [SORT_WITHITEM] = {"withitem", sizeof(ast_withitem_t), -1, false, true},
    [SORT_MATCH_CASE] = {"match_case", sizeof(ast_match_case_t), -1, false, true},
};

#define OM(f)    ((uint16_t)offsetof(ast_mod_t, f))
#define OS(f)    ((uint16_t)offsetof(ast_stmt_t, v.f))
#define OE(f)    ((uint16_t)offsetof(ast_expr_t, v.f))
#define OP(f)    ((uint16_t)offsetof(ast_pattern_t, v.f))
#define OX(T, f) ((uint16_t)offsetof(T, f))

#define F(n, t, off)                                                                               \
    { n, t, C_AUTO, off, 0, false, false, NULL }
#define FC(n, t, c, off)                                                                           \
    { n, t, c, off, 0, false, false, NULL }
#define FA(n, t)                                                                                   \
    { n, t, C_ABSENT, 0, 0, false, false, NULL }
#define FIELDS(...)                                                                                \
    (ast_field_t[]){__VA_ARGS__}, (int)(sizeof((ast_field_t[]){__VA_ARGS__}) / sizeof(ast_field_t))
#define CLS(n, s, k, ...)                                                                          \
    { n, s, k, -1, 0, FIELDS(__VA_ARGS__) }
#define CLSV(n, s, k, fo, fv, ...)                                                                 \
    { n, s, k, (int16_t)(fo), fv, FIELDS(__VA_ARGS__) }
#define CLS0(n, s, k)                                                                              \
    { n, s, k, -1, 0, NULL, 0 }

#define FUNCDEF_FIELDS                                                                             \
    F("name", "identifier", OS(functiondef.name)), F("args", "arguments", OS(functiondef.args)),   \
        F("body", "stmt*", OS(functiondef.body)),                                                  \
        F("decorator_list", "expr*", OS(functiondef.decorator_list)),                              \
        F("returns", "expr?", OS(functiondef.returns)), FA("type_comment", "string?")
#define FOR_FIELDS                                                                                 \
    F("target", "expr", OS(for_.target)), F("iter", "expr", OS(for_.iter)),                        \
        F("body", "stmt*", OS(for_.body)), F("orelse", "stmt*", OS(for_.orelse)),                  \
        FA("type_comment", "string?")
#define WITH_FIELDS                                                                                \
    F("items", "withitem*", OS(with.items)), F("body", "stmt*", OS(with.body)),                    \
        FA("type_comment", "string?")
#define TRY_FIELDS                                                                                 \
    F("body", "stmt*", OS(try_.body)), F("handlers", "excepthandler*", OS(try_.handlers)),         \
        F("orelse", "stmt*", OS(try_.orelse)), F("finalbody", "stmt*", OS(try_.finalbody))
#define COMP_FIELDS                                                                                \
    F("elt", "expr", OE(comp.elt)), F("generators", "comprehension*", OE(comp.generators))

ast_class_t ast_classes[] = {
    // mod
    CLS("Module", SORT_MOD, MOD_MODULE, F("body", "stmt*", OM(body)),
        FA("type_ignores", "type_ignore*")),
    CLS("Interactive", SORT_MOD, MOD_INTERACTIVE, F("body", "stmt*", OM(body))),
    CLS("Expression", SORT_MOD, MOD_EXPRESSION, F("body", "expr", OM(expr))),
    CLS("FunctionType", SORT_MOD, -1, FA("argtypes", "expr*"), FA("returns", "expr")),
    // stmt
    CLSV("FunctionDef", SORT_STMT, STMT_FUNCTIONDEF, OS(functiondef.is_async), 0, FUNCDEF_FIELDS),
    CLSV("AsyncFunctionDef", SORT_STMT, STMT_FUNCTIONDEF, OS(functiondef.is_async), 1,
         FUNCDEF_FIELDS),
    CLS("ClassDef", SORT_STMT, STMT_CLASSDEF, F("name", "identifier", OS(classdef.name)),
        F("bases", "expr*", OS(classdef.bases)), F("keywords", "keyword*", OS(classdef.keywords)),
        F("body", "stmt*", OS(classdef.body)),
        F("decorator_list", "expr*", OS(classdef.decorator_list))),
    CLS("Return", SORT_STMT, STMT_RETURN, F("value", "expr?", OS(return_.value))),
    CLS("Delete", SORT_STMT, STMT_DELETE, F("targets", "expr*", OS(delete_.targets))),
    CLS("Assign", SORT_STMT, STMT_ASSIGN, F("targets", "expr*", OS(assign.targets)),
        F("value", "expr", OS(assign.value)), FA("type_comment", "string?")),
    CLS("AugAssign", SORT_STMT, STMT_AUGASSIGN, F("target", "expr", OS(augassign.target)),
        F("op", "operator", OS(augassign.op)), F("value", "expr", OS(augassign.value))),
    CLS("AnnAssign", SORT_STMT, STMT_ANNASSIGN, F("target", "expr", OS(annassign.target)),
        F("annotation", "expr", OS(annassign.annotation)), F("value", "expr?", OS(annassign.value)),
        F("simple", "int", OS(annassign.simple))),
    CLSV("For", SORT_STMT, STMT_FOR, OS(for_.is_async), 0, FOR_FIELDS),
    CLSV("AsyncFor", SORT_STMT, STMT_FOR, OS(for_.is_async), 1, FOR_FIELDS),
    CLS("While", SORT_STMT, STMT_WHILE, F("test", "expr", OS(while_.test)),
        F("body", "stmt*", OS(while_.body)), F("orelse", "stmt*", OS(while_.orelse))),
    CLS("If", SORT_STMT, STMT_IF, F("test", "expr", OS(if_.test)), F("body", "stmt*", OS(if_.body)),
        F("orelse", "stmt*", OS(if_.orelse))),
    CLSV("With", SORT_STMT, STMT_WITH, OS(with.is_async), 0, WITH_FIELDS),
    CLSV("AsyncWith", SORT_STMT, STMT_WITH, OS(with.is_async), 1, WITH_FIELDS),
    CLS("Match", SORT_STMT, STMT_MATCH, F("subject", "expr", OS(match.subject)),
        F("cases", "match_case*", OS(match.cases))),
    CLS("Raise", SORT_STMT, STMT_RAISE, F("exc", "expr?", OS(raise.exc)),
        F("cause", "expr?", OS(raise.cause))),
    CLSV("Try", SORT_STMT, STMT_TRY, OS(try_.is_star), 0, TRY_FIELDS),
    CLSV("TryStar", SORT_STMT, STMT_TRY, OS(try_.is_star), 1, TRY_FIELDS),
    CLS("Assert", SORT_STMT, STMT_ASSERT, F("test", "expr", OS(assert_.test)),
        F("msg", "expr?", OS(assert_.msg))),
    CLS("Import", SORT_STMT, STMT_IMPORT, F("names", "alias*", OS(import.names))),
    CLS("ImportFrom", SORT_STMT, STMT_IMPORTFROM, F("module", "identifier?", OS(importfrom.module)),
        F("names", "alias*", OS(importfrom.names)), F("level", "int?", OS(importfrom.level))),
    CLS("Global", SORT_STMT, STMT_GLOBAL, F("names", "identifier*", OS(global.names))),
    CLS("Nonlocal", SORT_STMT, STMT_NONLOCAL, F("names", "identifier*", OS(nonlocal.names))),
    CLS("Expr", SORT_STMT, STMT_EXPR, F("value", "expr", OS(expr.value))),
    CLS0("Pass", SORT_STMT, STMT_PASS),
    CLS0("Break", SORT_STMT, STMT_BREAK),
    CLS0("Continue", SORT_STMT, STMT_CONTINUE),
    // expr
    CLS("BoolOp", SORT_EXPR, EXPR_BOOLOP, F("op", "boolop", OE(boolop.op)),
        F("values", "expr*", OE(boolop.values))),
    CLS("NamedExpr", SORT_EXPR, EXPR_NAMEDEXPR, F("target", "expr", OE(namedexpr.target)),
        F("value", "expr", OE(namedexpr.value))),
    CLS("BinOp", SORT_EXPR, EXPR_BINOP, F("left", "expr", OE(binop.left)),
        F("op", "operator", OE(binop.op)), F("right", "expr", OE(binop.right))),
    CLS("UnaryOp", SORT_EXPR, EXPR_UNARYOP, F("op", "unaryop", OE(unaryop.op)),
        F("operand", "expr", OE(unaryop.operand))),
    CLS("Lambda", SORT_EXPR, EXPR_LAMBDA, F("args", "arguments", OE(lambda.args)),
        F("body", "expr", OE(lambda.body))),
    CLS("IfExp", SORT_EXPR, EXPR_IFEXP, F("test", "expr", OE(ifexp.test)),
        F("body", "expr", OE(ifexp.body)), F("orelse", "expr", OE(ifexp.orelse))),
    CLS("Dict", SORT_EXPR, EXPR_DICT, F("keys", "expr*", OE(dict.keys)),
        F("values", "expr*", OE(dict.values))),
    CLS("Set", SORT_EXPR, EXPR_SET, F("elts", "expr*", OE(set.elts))),
    CLS("ListComp", SORT_EXPR, EXPR_LISTCOMP, COMP_FIELDS),
    CLS("SetComp", SORT_EXPR, EXPR_SETCOMP, COMP_FIELDS),
    CLS("DictComp", SORT_EXPR, EXPR_DICTCOMP, F("key", "expr", OE(dictcomp.key)),
        F("value", "expr", OE(dictcomp.value)),
        F("generators", "comprehension*", OE(dictcomp.generators))),
    CLS("GeneratorExp", SORT_EXPR, EXPR_GENEXP, COMP_FIELDS),
    CLS("Await", SORT_EXPR, EXPR_AWAIT, F("value", "expr", OE(await.value))),
    CLS("Yield", SORT_EXPR, EXPR_YIELD, F("value", "expr?", OE(yield.value))),
    CLS("YieldFrom", SORT_EXPR, EXPR_YIELDFROM, F("value", "expr", OE(yieldfrom.value))),
    CLS("Compare", SORT_EXPR, EXPR_COMPARE, F("left", "expr", OE(compare.left)),
        F("ops", "cmpop*", OE(compare.ops)), F("comparators", "expr*", OE(compare.comparators))),
    CLS("Call", SORT_EXPR, EXPR_CALL, F("func", "expr", OE(call.func)),
        F("args", "expr*", OE(call.args)), F("keywords", "keyword*", OE(call.keywords))),
    CLS("FormattedValue", SORT_EXPR, EXPR_FORMATTEDVALUE,
        F("value", "expr", OE(formattedvalue.value)),
        F("conversion", "int", OE(formattedvalue.conversion)),
        F("format_spec", "expr?", OE(formattedvalue.format_spec))),
    CLS("JoinedStr", SORT_EXPR, EXPR_JOINEDSTR, F("values", "expr*", OE(joinedstr.values))),
    CLS("Constant", SORT_EXPR, EXPR_CONSTANT, FC("value", "constant", C_CONST_VALUE, OE(constant)),
        FC("kind", "string?", C_CONST_KIND, OE(constant))),
    CLS("Attribute", SORT_EXPR, EXPR_ATTRIBUTE, F("value", "expr", OE(attribute.value)),
        F("attr", "identifier", OE(attribute.attr)), F("ctx", "expr_context", OE(attribute.ctx))),
    CLS("Subscript", SORT_EXPR, EXPR_SUBSCRIPT, F("value", "expr", OE(subscript.value)),
        F("slice", "expr", OE(subscript.slice)), F("ctx", "expr_context", OE(subscript.ctx))),
    CLS("Starred", SORT_EXPR, EXPR_STARRED, F("value", "expr", OE(starred.value)),
        F("ctx", "expr_context", OE(starred.ctx))),
    CLS("Name", SORT_EXPR, EXPR_NAME, F("id", "identifier", OE(name.id)),
        F("ctx", "expr_context", OE(name.ctx))),
    CLS("List", SORT_EXPR, EXPR_LIST, F("elts", "expr*", OE(list.elts)),
        F("ctx", "expr_context", OE(list.ctx))),
    CLS("Tuple", SORT_EXPR, EXPR_TUPLE, F("elts", "expr*", OE(tuple.elts)),
        F("ctx", "expr_context", OE(tuple.ctx))),
    CLS("Slice", SORT_EXPR, EXPR_SLICE, F("lower", "expr?", OE(slice.lower)),
        F("upper", "expr?", OE(slice.upper)), F("step", "expr?", OE(slice.step))),
    // enums
    CLS0("Load", SORT_EXPR_CONTEXT, EXPR_CTX_LOAD),
    CLS0("Store", SORT_EXPR_CONTEXT, EXPR_CTX_STORE),
    CLS0("Del", SORT_EXPR_CONTEXT, EXPR_CTX_DEL),
    CLS0("And", SORT_BOOLOP, BOOL_AND),
    CLS0("Or", SORT_BOOLOP, BOOL_OR),
    CLS0("Add", SORT_OPERATOR, OP_ADD),
    CLS0("Sub", SORT_OPERATOR, OP_SUB),
    CLS0("Mult", SORT_OPERATOR, OP_MULT),
    CLS0("MatMult", SORT_OPERATOR, OP_MATMULT),
    CLS0("Div", SORT_OPERATOR, OP_DIV),
    CLS0("Mod", SORT_OPERATOR, OP_MOD),
    CLS0("Pow", SORT_OPERATOR, OP_POW),
    CLS0("LShift", SORT_OPERATOR, OP_LSHIFT),
    CLS0("RShift", SORT_OPERATOR, OP_RSHIFT),
    CLS0("BitOr", SORT_OPERATOR, OP_BITOR),
    CLS0("BitXor", SORT_OPERATOR, OP_BITXOR),
    CLS0("BitAnd", SORT_OPERATOR, OP_BITAND),
    CLS0("FloorDiv", SORT_OPERATOR, OP_FLOORDIV),
    CLS0("Invert", SORT_UNARYOP, UOP_INVERT),
    CLS0("Not", SORT_UNARYOP, UOP_NOT),
    CLS0("UAdd", SORT_UNARYOP, UOP_UADD),
    CLS0("USub", SORT_UNARYOP, UOP_USUB),
    CLS0("Eq", SORT_CMPOP, CMP_EQ),
    CLS0("NotEq", SORT_CMPOP, CMP_NOTEQ),
    CLS0("Lt", SORT_CMPOP, CMP_LT),
    CLS0("LtE", SORT_CMPOP, CMP_LTE),
    CLS0("Gt", SORT_CMPOP, CMP_GT),
    CLS0("GtE", SORT_CMPOP, CMP_GTE),
    CLS0("Is", SORT_CMPOP, CMP_IS),
    CLS0("IsNot", SORT_CMPOP, CMP_ISNOT),
    CLS0("In", SORT_CMPOP, CMP_IN),
    CLS0("NotIn", SORT_CMPOP, CMP_NOTIN),
    // products and the remaining sums
    CLS("comprehension", SORT_COMPREHENSION, 0,
        F("target", "expr", OX(ast_comprehension_t, target)),
        F("iter", "expr", OX(ast_comprehension_t, iter)),
        F("ifs", "expr*", OX(ast_comprehension_t, ifs)),
        F("is_async", "int", OX(ast_comprehension_t, is_async))),
    CLS("ExceptHandler", SORT_EXCEPTHANDLER, 0, F("type", "expr?", OX(ast_excepthandler_t, type)),
        F("name", "identifier?", OX(ast_excepthandler_t, name)),
        F("body", "stmt*", OX(ast_excepthandler_t, body))),
    CLS("arguments", SORT_ARGUMENTS, 0, F("posonlyargs", "arg*", OX(ast_arguments_t, posonlyargs)),
        F("args", "arg*", OX(ast_arguments_t, args)),
        F("vararg", "arg?", OX(ast_arguments_t, vararg)),
        F("kwonlyargs", "arg*", OX(ast_arguments_t, kwonlyargs)),
        F("kw_defaults", "expr*", OX(ast_arguments_t, kw_defaults)),
        F("kwarg", "arg?", OX(ast_arguments_t, kwarg)),
        F("defaults", "expr*", OX(ast_arguments_t, defaults))),
    CLS("arg", SORT_ARG, 0, F("arg", "identifier", OX(ast_arg_t, arg)),
        F("annotation", "expr?", OX(ast_arg_t, annotation)), FA("type_comment", "string?")),
    CLS("keyword", SORT_KEYWORD, 0, F("arg", "identifier?", OX(ast_keyword_t, arg)),
        F("value", "expr", OX(ast_keyword_t, value))),
    CLS("alias", SORT_ALIAS, 0, F("name", "identifier", OX(ast_alias_t, name)),
        F("asname", "identifier?", OX(ast_alias_t, asname))),
    CLS("withitem", SORT_WITHITEM, 0, F("context_expr", "expr", OX(ast_withitem_t, context_expr)),
        F("optional_vars", "expr?", OX(ast_withitem_t, optional_vars))),
    CLS("match_case", SORT_MATCH_CASE, 0, F("pattern", "pattern", OX(ast_match_case_t, pattern)),
        F("guard", "expr?", OX(ast_match_case_t, guard)),
        F("body", "stmt*", OX(ast_match_case_t, body))),
    // pattern
    CLS("MatchValue", SORT_PATTERN, PATTERN_VALUE, F("value", "expr", OP(value.value))),
    CLS("MatchSingleton", SORT_PATTERN, PATTERN_SINGLETON,
        FC("value", "constant", C_SINGLETON, OP(singleton.value))),
    CLS("MatchSequence", SORT_PATTERN, PATTERN_SEQUENCE,
        F("patterns", "pattern*", OP(sequence.patterns))),
    CLS("MatchMapping", SORT_PATTERN, PATTERN_MAPPING, F("keys", "expr*", OP(mapping.keys)),
        F("patterns", "pattern*", OP(mapping.patterns)),
        F("rest", "identifier?", OP(mapping.rest))),
    CLS("MatchClass", SORT_PATTERN, PATTERN_CLASS, F("cls", "expr", OP(class_.cls)),
        F("patterns", "pattern*", OP(class_.patterns)),
        F("kwd_attrs", "identifier*", OP(class_.kwd_attrs)),
        F("kwd_patterns", "pattern*", OP(class_.kwd_patterns))),
    CLS("MatchStar", SORT_PATTERN, PATTERN_STAR, F("name", "identifier?", OP(star.name))),
    CLS("MatchAs", SORT_PATTERN, PATTERN_AS, F("pattern", "pattern?", OP(as.pattern)),
        F("name", "identifier?", OP(as.name))),
    CLS("MatchOr", SORT_PATTERN, PATTERN_OR, F("patterns", "pattern*", OP(or_.patterns))),
    // type_ignore
    CLS("TypeIgnore", SORT_TYPE_IGNORE, 0, FA("lineno", "int"), FA("tag", "string")),
};

const int ast_nclasses = (int)(sizeof ast_classes / sizeof ast_classes[0]);

/* ---- the AST base class ---- */

// AST.__init__(*args, **kwargs): positional arguments fill _fields in order.
static obj_t *ast_init(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *fields = obj_lookup_attr((obj_t *)TYPE(self), str_intern("_fields"));
    if (fields == NULL && err_occurred()) return NULL;
    obj_t *ft = NULL;
    if (fields != NULL) {
        ssize_t len = obj_len(fields); // (CPython's PySequence_Size and its TypeError)
        ft = len < 0 ? NULL : tuple_from_iterable(fields);
        DECREF(fields);
        if (ft == NULL) return NULL;
    }
    size_t numfields = ft ? TUPLE_SIZE(ft) : 0;
    if (nargs > numfields) {
        err_format(exc_TypeError, "%s constructor takes at most %zu positional argument%s",
                   TYPE(self)->name, numfields, numfields == 1 ? "" : "s");
        goto error;
    }
    for (size_t i = 0; i < nargs; i++)
        if (obj_setattr(self, TUPLE_GET(ft, i), args[i]) < 0) goto error;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        obj_t *key = TUPLE_GET(kwnames, k);
        for (size_t i = 0; i < nargs; i++) {
            int eq = obj_eq(TUPLE_GET(ft, i), key);
            if (eq < 0) goto error;
            if (eq) {
                err_format(exc_TypeError, "%s got multiple values for argument '%U'",
                           TYPE(self)->name, key);
                goto error;
            }
        }
        if (obj_setattr(self, key, args[nargs + k]) < 0) goto error;
    }
    XDECREF(ft);
    return NEWREF(None);
error:
    XDECREF(ft);
    return NULL;
}

// AST.__reduce__(): (type(self), (), self.__dict__), which copy and pickle rebuild from.
static obj_t *ast_reduce(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    obj_t *d = obj_lookup_attr(self, str_intern("__dict__"));
    if (d == NULL && err_occurred()) return NULL;
    obj_t *empty = tuple_new(0);
    if (empty == NULL) {
        XDECREF(d);
        return NULL;
    }
    obj_t *r = d ? tuple_pack(3, (obj_t *)TYPE(self), empty, d)
                 : tuple_pack(2, (obj_t *)TYPE(self), empty);
    DECREF(empty);
    XDECREF(d);
    return r;
}

static const method_def_t ast_init_def = {"__init__", ast_init, METH_DEFAULT, NULL};
static const method_def_t ast_reduce_def = {"__reduce__", ast_reduce, METH_DEFAULT, NULL};

/* ---- building the classes ---- */

static int sort_by_name(const char *name, size_t len) {
    static const char *const extra[] = {"identifier", "int", "string", "constant"};
    for (int s = 0; s < SORT_COUNT; s++)
        if (strlen(ast_sorts[s].name) == len && memcmp(ast_sorts[s].name, name, len) == 0) return s;
    for (int i = 0; i < 4; i++)
        if (strlen(extra[i]) == len && memcmp(extra[i], name, len) == 0) return SORT_COUNT + i;
    return -1;
}

// Appends `text` to the growing C string *buf (realloc'ed); -1 + MemoryError.
static int buf_add(char **buf, size_t *len, const char *text) {
    size_t n = strlen(text);
    char *nb = realloc(*buf, *len + n + 1);
    if (nb == NULL) {
        err_no_memory();
        return -1;
    }
    memcpy(nb + *len, text, n + 1);
    *buf = nb;
    *len += n;
    return 0;
}

// "Name(type field, ...)" or "Name" (the ASDL line of one constructor).
static int class_signature(const ast_class_t *c, char **buf, size_t *len) {
    if (buf_add(buf, len, c->name) < 0) return -1;
    if (c->nfields == 0) return 0;
    for (int i = 0; i < c->nfields; i++)
        if (buf_add(buf, len, i ? ", " : "(") < 0 || buf_add(buf, len, c->fields[i].type) < 0 ||
            buf_add(buf, len, " ") < 0 || buf_add(buf, len, c->fields[i].name) < 0)
            return -1;
    return buf_add(buf, len, ")");
}

static obj_t *doc_for_class(const ast_class_t *c) {
    char *buf = NULL;
    size_t len = 0;
    if (class_signature(c, &buf, &len) < 0) {
        free(buf);
        return NULL;
    }
    obj_t *s = str_from_cstr(buf);
    free(buf);
    return s;
}

// "stmt = A(...)\n     | B(...)"; the constructors of an enum sort stay on one line.
static obj_t *doc_for_sort(int sort) {
    char *buf = NULL;
    size_t len = 0;
    const char *name = ast_sorts[sort].name;
    char sep[64];
    if (ast_sorts[sort].is_enum)
        snprintf(sep, sizeof sep, " | ");
    else
        snprintf(sep, sizeof sep, "\n%*s| ", (int)strlen(name) + 1, "");
    int rc = buf_add(&buf, &len, name) < 0 || buf_add(&buf, &len, " = ") < 0 ? -1 : 0;
    bool first = true;
    for (int i = 0; i < ast_nclasses && rc == 0; i++) {
        if (ast_classes[i].sort != sort) continue;
        if (!first && buf_add(&buf, &len, sep) < 0) rc = -1;
        if (rc == 0 && class_signature(&ast_classes[i], &buf, &len) < 0) rc = -1;
        first = false;
    }
    obj_t *s = rc == 0 ? str_from_cstr(buf) : NULL;
    free(buf);
    return s;
}

static obj_t *str_tuple(const char *const *names, int n) {
    obj_t *t = tuple_new((size_t)n);
    if (t == NULL) return NULL;
    for (int i = 0; i < n; i++)
        TUPLE_SET(t, (size_t)i, NEWREF(str_intern(names[i])));
    return t;
}

static const char *const attr_names[4] = {"lineno", "col_offset", "end_lineno", "end_col_offset"};

// type(name, (base,), ns) with ns holding __module__, _fields, __match_args__, __doc__,
// _attributes (when `attributes` >= 0: 0 = empty, 1 or 2 = the four positions) and None
// defaults for optional fields (and for end_lineno/end_col_offset when `attributes` is 1).
static obj_t *make_class(const char *name, obj_t *base, const ast_class_t *c, obj_t *doc,
                         int attributes) {
    obj_t *ns = dict_new(), *fields = NULL, *bases = NULL, *nm = NULL, *cls = NULL;
    if (ns == NULL) return NULL;
    int nf = c ? c->nfields : 0;
    fields = tuple_new((size_t)nf);
    if (fields == NULL) goto done;
    for (int i = 0; i < nf; i++) {
        TUPLE_SET(fields, (size_t)i, NEWREF(str_intern(c->fields[i].name)));
        if (c->fields[i].opt && dict_set_str(ns, c->fields[i].name, None) < 0) goto done;
    }
    if (dict_set_str(ns, "_fields", fields) < 0 || dict_set_str(ns, "__match_args__", fields) < 0 ||
        dict_set_str(ns, "__module__", str_intern("ast")) < 0 ||
        dict_set_str(ns, "__doc__", doc ? doc : None) < 0)
        goto done;
    if (attributes >= 0) {
        obj_t *at = str_tuple(attr_names, attributes ? 4 : 0);
        if (at == NULL) goto done;
        int rc = dict_set_str(ns, "_attributes", at);
        DECREF(at);
        if (rc < 0) goto done;
        if (attributes == 1 && (dict_set_str(ns, "end_lineno", None) < 0 ||
                                dict_set_str(ns, "end_col_offset", None) < 0))
            goto done;
    }
    bases = tuple_pack(1, base);
    nm = str_from_cstr(name);
    if (bases == NULL || nm == NULL) goto done;
    cls = type_new_class(&type_type, nm, bases, ns, NULL);
    if (cls != NULL) type_immortalize((type_t *)cls);
done:
    XDECREF(nm);
    XDECREF(bases);
    XDECREF(fields);
    DECREF(ns);
    return cls;
}

static ast_state_t state;
static _Atomic(ast_state_t *) state_ready;

static int add_method(obj_t *cls, const method_def_t *def) {
    obj_t *d = methoddescr_new((type_t *)cls, def);
    if (d == NULL) return -1;
    int rc = obj_setattr(cls, str_intern(def->name), d);
    DECREF(d);
    return rc;
}

// Runs once, from the first `import _ast` (the import lock serializes it).
static int build_state(void) {
    for (int i = 0; i < ast_nclasses; i++)
        for (int k = 0; k < ast_classes[i].nfields; k++) {
            ast_field_t *f = &ast_classes[i].fields[k];
            size_t n = strlen(f->type);
            f->seq = f->type[n - 1] == '*';
            f->opt = f->type[n - 1] == '?';
            int s = sort_by_name(f->type, f->seq || f->opt ? n - 1 : n);
            if (s < 0) {
                err_format(exc_SystemError, "_ast: unknown field type %s", f->type);
                return -1;
            }
            f->sort = (uint8_t)s;
            f->name_obj = str_intern(f->name);
        }
    for (int i = ast_nclasses - 1; i >= 0; i--) {
        state.first[ast_classes[i].sort] = i;
        state.count[ast_classes[i].sort]++;
    }
    state.cls = calloc((size_t)ast_nclasses, sizeof(obj_t *));
    state.singleton = calloc((size_t)ast_nclasses, sizeof(obj_t *));
    if (state.cls == NULL || state.singleton == NULL) {
        err_no_memory();
        return -1;
    }
    for (int i = 0; i < 4; i++)
        state.attr_names[i] = str_intern(attr_names[i]);
    obj_t *base = make_class("AST", (obj_t *)&object_type, NULL, NULL, 0);
    if (base == NULL || add_method(base, &ast_init_def) < 0 ||
        add_method(base, &ast_reduce_def) < 0)
        return -1;
    state.ast_base = base;
    for (int s = 0; s < SORT_COUNT; s++) {
        if (ast_sorts[s].is_product) continue;
        obj_t *doc = doc_for_sort(s);
        if (doc == NULL) return -1;
        // A pattern's end position is required (int, not int?), as in 3.11's ASDL.
        int attributes = ast_sorts[s].pos_off < 0 ? 0 : s == SORT_PATTERN ? 2 : 1;
        state.sort_cls[s] = make_class(ast_sorts[s].name, base, NULL, doc, attributes);
        DECREF(doc);
        if (state.sort_cls[s] == NULL) return -1;
    }
    for (int i = 0; i < ast_nclasses; i++) {
        const ast_class_t *c = &ast_classes[i];
        bool product = ast_sorts[c->sort].is_product;
        obj_t *doc = doc_for_class(c);
        if (doc == NULL) return -1;
        obj_t *cls = make_class(c->name, product ? base : state.sort_cls[c->sort], c, doc,
                                product ? (ast_sorts[c->sort].pos_off >= 0 ? 1 : 0) : -1);
        DECREF(doc);
        if (cls == NULL) return -1;
        state.cls[i] = cls;
        if (product) state.sort_cls[c->sort] = cls;
        if (ast_sorts[c->sort].is_enum) {
            obj_t *inst = object_new_instance((type_t *)cls);
            if (inst == NULL) return -1;
            obj_immortalize(inst);
            state.singleton[i] = inst;
        }
    }
    return 0;
}

ast_state_t *ast_state_get(void) {
    ast_state_t *st = atomic_load_explicit(&state_ready, memory_order_acquire);
    if (st != NULL) return st;
    obj_t *m = import_module("_ast");
    if (m == NULL) return NULL;
    DECREF(m);
    st = atomic_load_explicit(&state_ready, memory_order_acquire);
    if (st == NULL) err_set_str(exc_ImportError, "_ast: the node classes are not built");
    return st;
}

static int add_obj(obj_t *m, const char *name, obj_t *v) {
    return obj_setattr_str(m, name, v);
}

obj_t *ast_module_init(void) {
    if (atomic_load_explicit(&state_ready, memory_order_acquire) == NULL) {
        if (build_state() < 0) return NULL;
        atomic_store_explicit(&state_ready, &state, memory_order_release);
    }
    obj_t *m = module_new("_ast");
    if (m == NULL) return NULL;
    if (add_obj(m, "AST", state.ast_base) < 0) goto error;
    for (int s = 0; s < SORT_COUNT; s++)
        if (!ast_sorts[s].is_product && add_obj(m, ast_sorts[s].name, state.sort_cls[s]) < 0)
            goto error;
    for (int i = 0; i < ast_nclasses; i++)
        if (add_obj(m, ast_classes[i].name, state.cls[i]) < 0) goto error;
    static const struct {
        const char *name;
        int value;
    } consts[] = {{"PyCF_ONLY_AST", PYCF_ONLY_AST},
                  {"PyCF_TYPE_COMMENTS", PYCF_TYPE_COMMENTS},
                  {"PyCF_ALLOW_TOP_LEVEL_AWAIT", PYCF_ALLOW_TOP_LEVEL_AWAIT}};
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (add_obj(m, consts[i].name, SMALLINT_FROM(consts[i].value)) < 0) goto error;
    return m;
error:
    DECREF(m);
    return NULL;
}

/* ---- the interface to compile() ---- */

int pyast_check(obj_t *o) {
    ast_state_t *st = ast_state_get();
    if (st == NULL) return -1;
    return obj_is_instance(o, st->ast_base);
}
