/*
 * modules/ast_convert.c — pvm's C syntax tree (core/ast.h) to `_ast` objects and back,
 * driven by the field table of ast_module.c, plus compile()'s two AST entry points.
 *
 * C -> Python (compile(..., PyCF_ONLY_AST), ast.parse): each node becomes an instance of its
 * class whose instance dict receives the fields and the positions; Load/Store/Add... are the
 * shared singleton instances, as in CPython.
 *
 * Python -> C (compile(tree, ...)): the tree is read with ordinary attribute lookups (each
 * read takes the node dict's own lock); a list field is first copied to a tuple under the
 * list's lock (list_as_tuple), so another thread mutating the tree can change what is
 * compiled but never the memory being read.  Strings are copied into the arena; other
 * constants (ints, floats, tuples...) become CONST_OBJ nodes that borrow the object, which a
 * `keep` list holds until the code object is built.  Errors are CPython 3.11's: TypeError for
 * a missing field or a wrong type, ValueError for what its validator rejects (ast_validate.c).
 */
#include <string.h>

#include "../core/compile_int.h"
#include "../core/error.h"
#include "../core/parser.h"
#include "../objects/bytes.h"
#include "../objects/complex.h"
#include "../objects/exceptions.h"
#include "../objects/float.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/set.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "ast_internal.h"
#include "pyast.h"

#define AT(node, off, T) ((T *)((char *)(node) + (off)))

// Every ast_*_seq_t is this: a count and an array.
typedef struct {
    int n;
    void *items;
} any_seq_t;

/* ---- C -> Python ---- */

static obj_t *node_to_py(ast_state_t *st, int sort, const void *node);

static obj_t *ident_to_py(const char *s) {
    if (s == NULL) return NEWREF(None);
    obj_t *r = str_from_utf8(s, strlen(s));
    if (r == NULL) {
        err_clear();
        r = str_from_utf8_trusted(s, strlen(s));
    }
    return r;
}

static obj_t *constant_to_py(const ast_constant_t *k) {
    switch (k->kind) {
    case CONST_NONE: return NEWREF(None);
    case CONST_TRUE: return NEWREF(True);
    case CONST_FALSE: return NEWREF(False);
    case CONST_ELLIPSIS: return NEWREF(Ellipsis);
    case CONST_INT: return int_from_string(k->digits, strlen(k->digits), k->base);
    case CONST_FLOAT: return float_from_double(k->f);
    case CONST_IMAG: return complex_from_doubles(0.0, k->f);
    case CONST_STR: {
        obj_t *s = str_from_utf8(k->s, k->len);
        if (s == NULL) {
            err_clear();
            s = str_from_utf8_trusted(k->s, k->len);
        }
        return s;
    }
    case CONST_BYTES: return bytes_from(k->s, k->len);
    case CONST_OBJ: return NEWREF((obj_t *)k->obj);
    }
    err_set_str(exc_SystemError, "unknown constant kind");
    return NULL;
}

static obj_t *enum_to_py(ast_state_t *st, int sort, int value) {
    if (value < 0 || value >= st->count[sort]) {
        err_format(exc_SystemError, "invalid %s value %d", ast_sorts[sort].name, value);
        return NULL;
    }
    return NEWREF(st->singleton[st->first[sort] + value]);
}

static obj_t *item_to_py(ast_state_t *st, int sort, const any_seq_t *seq, int i) {
    if (sort == SORT_IDENTIFIER) return ident_to_py(((const char **)seq->items)[i]);
    if (ast_sorts[sort].is_enum) return enum_to_py(st, sort, ((int *)seq->items)[i]);
    const void *p = ((void **)seq->items)[i];
    return p ? node_to_py(st, sort, p) : NEWREF(None);
}

static obj_t *field_to_py(ast_state_t *st, const ast_field_t *f, const void *node) {
    switch (f->cfield) {
    case C_ABSENT: return f->seq ? list_new(0) : NEWREF(None);
    case C_CONST_VALUE: return constant_to_py(AT(node, f->off, ast_constant_t));
    case C_CONST_KIND: {
        const ast_constant_t *k = AT(node, f->off, ast_constant_t);
        return k->kind == CONST_STR && k->is_u ? NEWREF(str_intern("u")) : NEWREF(None);
    }
    case C_SINGLETON: {
        int v = *AT(node, f->off, int);
        return NEWREF(v == CONST_NONE ? None : v == CONST_TRUE ? True : False);
    }
    }
    if (f->seq) {
        const any_seq_t *seq = AT(node, f->off, any_seq_t);
        obj_t *l = list_new((size_t)seq->n);
        if (l == NULL) return NULL;
        for (int i = 0; i < seq->n; i++) {
            obj_t *v = item_to_py(st, f->sort, seq, i);
            if (v == NULL || list_set(l, i, v) < 0) {
                XDECREF(v);
                DECREF(l);
                return NULL;
            }
            DECREF(v);
        }
        return l;
    }
    switch (f->sort) {
    case SORT_IDENTIFIER: return ident_to_py(*AT(node, f->off, const char *));
    case SORT_INT: return int_from_i64(*AT(node, f->off, int));
    default: break;
    }
    if (ast_sorts[f->sort].is_enum) return enum_to_py(st, f->sort, *AT(node, f->off, int));
    const void *child = *AT(node, f->off, void *);
    return child ? node_to_py(st, f->sort, child) : NEWREF(None);
}

// The class of a C node: its sort's classes in table order, told apart by `kind` (the first
// member of every sum-type struct) and the async/star flag.
static int class_of(ast_state_t *st, int sort, const void *node) {
    if (ast_sorts[sort].is_product || st->count[sort] == 1) return st->first[sort];
    int kind = *(const int *)node;
    for (int i = st->first[sort]; i < st->first[sort] + st->count[sort]; i++) {
        const ast_class_t *c = &ast_classes[i];
        if (c->ckind != kind) continue;
        if (c->flag_off >= 0 && *AT(node, c->flag_off, int) != c->flag_val) continue;
        return i;
    }
    return -1;
}

static obj_t *node_to_py(ast_state_t *st, int sort, const void *node) {
    if (parse_stack_exhausted()) {
        err_set_str(exc_RecursionError, "maximum recursion depth exceeded during ast construction");
        return NULL;
    }
    int ci = class_of(st, sort, node);
    if (ci < 0) {
        err_format(exc_SystemError, "unknown %s kind %d", ast_sorts[sort].name, *(const int *)node);
        return NULL;
    }
    const ast_class_t *c = &ast_classes[ci];
    obj_t *o = object_new_instance((type_t *)st->cls[ci]);
    if (o == NULL) return NULL;
    for (int i = 0; i < c->nfields; i++) {
        obj_t *v = field_to_py(st, &c->fields[i], node);
        if (v == NULL || obj_setattr(o, c->fields[i].name_obj, v) < 0) goto error_v;
        DECREF(v);
        continue;
    error_v:
        XDECREF(v);
        DECREF(o);
        return NULL;
    }
    int pos = ast_sorts[sort].pos_off;
    if (pos >= 0) {
        const int *p = AT(node, pos, int);
        for (int i = 0; i < 4; i++)
            if (obj_setattr(o, st->attr_names[i], SMALLINT_FROM(p[i])) < 0) {
                DECREF(o);
                return NULL;
            }
    }
    return o;
}

obj_t *ast_mod_to_py(ast_state_t *st, ast_mod_t *mod) {
    return node_to_py(st, SORT_MOD, mod);
}

/* ---- Python -> C ---- */

typedef struct {
    ast_state_t *st;
    ast_arena_t *arena;
    obj_t *keep; // list: the CONST_OBJ values
} from_py_t;

static int node_from_py(from_py_t *cx, int sort, obj_t *o, void **out);

static int ident_from_py(from_py_t *cx, obj_t *v, const char **out) {
    if (v == None) {
        *out = NULL;
        return 0;
    }
    if (!STR_EXACT(v)) {
        err_set_str(exc_TypeError, "AST identifier must be of type str");
        return -1;
    }
    *out = ast_strndup(cx->arena, str_data(v), str_nbytes(v));
    return 0;
}

static int int_from_py(obj_t *v, int *out) {
    if (!INT_CHECK(v)) {
        err_format(exc_ValueError, "invalid integer value: %R", v);
        return -1;
    }
    int64_t i;
    if (int_as_i64(v, &i) < 0 || i < INT32_MIN || i > INT32_MAX) {
        if (!err_occurred() || err_matches(exc_OverflowError)) {
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
        }
        return -1;
    }
    *out = (int)i;
    return 0;
}

static int enum_from_py(from_py_t *cx, int sort, obj_t *v, int *out) {
    ast_state_t *st = cx->st;
    for (int i = st->first[sort]; i < st->first[sort] + st->count[sort]; i++) {
        int r = obj_is_instance(v, st->cls[i]);
        if (r < 0) return -1;
        if (r) {
            *out = ast_classes[i].ckind;
            return 0;
        }
    }
    err_format(exc_TypeError, "expected some sort of %s, but got %R", ast_sorts[sort].name, v);
    return -1;
}

// CPython's validate_constant: the types a code object may hold as constants.
static int check_constant(obj_t *v) {
    if (v == None || v == Ellipsis || v == True || v == False) return 0;
    type_t *t = TYPE(v);
    if (t == &int_type || t == &float_type || t == &complex_type || t == &str_type ||
        t == &bytes_type)
        return 0;
    if (t == &tuple_type || t == &frozenset_type) {
        obj_t *items = tuple_from_iterable(v);
        if (items == NULL) return -1;
        for (size_t i = 0; i < TUPLE_SIZE(items); i++)
            if (check_constant(TUPLE_GET(items, i)) < 0) {
                DECREF(items);
                return -1;
            }
        DECREF(items);
        return 0;
    }
    err_format(exc_TypeError, "got an invalid type in Constant: %s", t->name);
    return -1;
}

static int constant_from_py(from_py_t *cx, obj_t *v, ast_constant_t *k) {
    if (check_constant(v) < 0) return -1;
    if (v == None)
        k->kind = CONST_NONE;
    else if (v == True)
        k->kind = CONST_TRUE;
    else if (v == False)
        k->kind = CONST_FALSE;
    else if (v == Ellipsis)
        k->kind = CONST_ELLIPSIS;
    else if (STR_EXACT(v)) {
        k->kind = CONST_STR;
        k->len = str_nbytes(v);
        k->s = ast_strndup(cx->arena, str_data(v), k->len);
    } else {
        if (list_append(cx->keep, v) < 0) return -1;
        k->kind = CONST_OBJ;
        k->obj = v;
    }
    return 0;
}

static int seq_from_py(from_py_t *cx, const ast_class_t *c, const ast_field_t *f, obj_t *v,
                       any_seq_t *seq) {
    if (!LIST_CHECK(v)) {
        err_format(exc_TypeError, "%s field \"%s\" must be a list, not a %.200s", c->name, f->name,
                   TYPE(v)->name);
        return -1;
    }
    obj_t *items = list_as_tuple(v);
    if (items == NULL) return -1;
    int n = (int)TUPLE_SIZE(items);
    seq->n = n;
    bool ints = f->sort < SORT_COUNT && ast_sorts[f->sort].is_enum;
    seq->items = n ? ast_alloc(cx->arena, (size_t)n * (ints ? sizeof(int) : sizeof(void *))) : NULL;
    for (int i = 0; i < n; i++) {
        obj_t *it = TUPLE_GET(items, i);
        int rc;
        if (f->sort == SORT_IDENTIFIER) {
            rc = it == None ? (err_set_str(exc_TypeError, "AST identifier must be of type str"), -1)
                            : ident_from_py(cx, it, &((const char **)seq->items)[i]);
        } else if (ints)
            rc = enum_from_py(cx, f->sort, it, &((int *)seq->items)[i]);
        else
            rc = node_from_py(cx, f->sort, it, &((void **)seq->items)[i]);
        if (rc < 0) {
            DECREF(items);
            return -1;
        }
    }
    DECREF(items);
    return 0;
}

static int field_from_py(from_py_t *cx, const ast_class_t *c, const ast_field_t *f, obj_t *o,
                         void *node) {
    obj_t *v = obj_lookup_attr(o, f->name_obj);
    if (v == NULL) {
        if (err_occurred()) return -1;
        if (f->opt) return 0;
        err_format(exc_TypeError, "required field \"%s\" missing from %s", f->name, c->name);
        return -1;
    }
    int rc = 0;
    if (f->seq) {
        if (f->cfield == C_ABSENT) {
            if (!LIST_CHECK(v)) {
                err_format(exc_TypeError, "%s field \"%s\" must be a list, not a %.200s", c->name,
                           f->name, TYPE(v)->name);
                rc = -1;
            }
        } else {
            rc = seq_from_py(cx, c, f, v, AT(node, f->off, any_seq_t));
        }
    } else if (f->opt && v == None) {
        // absent: NULL / 0 as the arena left it
    } else {
        switch (f->cfield) {
        case C_ABSENT:
            if (f->sort == SORT_STRING && !STR_CHECK(v)) {
                err_set_str(exc_TypeError, "AST string must be of type str");
                rc = -1;
            }
            break;
        case C_CONST_VALUE: rc = constant_from_py(cx, v, AT(node, f->off, ast_constant_t)); break;
        case C_CONST_KIND:
            if (!STR_CHECK(v)) {
                err_set_str(exc_TypeError, "AST string must be of type str");
                rc = -1;
            } else {
                AT(node, f->off, ast_constant_t)->is_u = strcmp(str_data(v), "u") == 0;
            }
            break;
        case C_SINGLETON:
            if (v != None && v != True && v != False) {
                rc = check_constant(v);
                if (rc == 0) {
                    err_set_str(exc_ValueError,
                                "MatchSingleton can only contain True, False and None");
                    rc = -1;
                }
            }
            *AT(node, f->off, int) = v == None ? CONST_NONE : v == True ? CONST_TRUE : CONST_FALSE;
            break;
        default:
            if (f->sort == SORT_IDENTIFIER) {
                rc = ident_from_py(cx, v, AT(node, f->off, const char *));
                if (rc == 0 && v == None) {
                    err_format(exc_ValueError, "field '%s' is required for %s", f->name, c->name);
                    rc = -1;
                }
            } else if (f->sort == SORT_INT) {
                rc = int_from_py(v, AT(node, f->off, int));
            } else if (ast_sorts[f->sort].is_enum) {
                rc = enum_from_py(cx, f->sort, v, AT(node, f->off, int));
            } else {
                rc = node_from_py(cx, f->sort, v, AT(node, f->off, void *));
                if (rc == 0 && v == None) {
                    err_format(exc_ValueError, "field '%s' is required for %s", f->name, c->name);
                    rc = -1;
                }
            }
        }
    }
    DECREF(v);
    return rc;
}

static int positions_from_py(from_py_t *cx, int sort, obj_t *o, int *p) {
    for (int i = 0; i < 4; i++) {
        obj_t *v = obj_lookup_attr(o, cx->st->attr_names[i]);
        if (v == NULL) {
            if (err_occurred()) return -1;
            if (i >= 2 && sort != SORT_PATTERN) {
                p[i] = p[i - 2]; // no end: the start (as CPython)
                continue;
            }
            err_format(exc_TypeError, "required field \"%s\" missing from %s",
                       str_data(cx->st->attr_names[i]), ast_sorts[sort].name);
            return -1;
        }
        int rc = 0;
        if (i >= 2 && v == None && sort != SORT_PATTERN)
            p[i] = p[i - 2];
        else
            rc = int_from_py(v, &p[i]);
        DECREF(v);
        if (rc < 0) return -1;
    }
    return 0;
}

static int fields_from_py(from_py_t *cx, int ci, obj_t *o, void *node) {
    const ast_class_t *c = &ast_classes[ci];
    for (int i = 0; i < c->nfields; i++)
        if (field_from_py(cx, c, &c->fields[i], o, node) < 0) return -1;
    return 0;
}

static int node_from_py(from_py_t *cx, int sort, obj_t *o, void **out) {
    ast_state_t *st = cx->st;
    const ast_sortinfo_t *si = &ast_sorts[sort];
    *out = NULL;
    if (parse_stack_exhausted()) {
        err_set_str(exc_RecursionError, "maximum recursion depth exceeded during compilation");
        return -1;
    }
    void *node = ast_alloc(cx->arena, si->size);
    if (si->is_product) {
        // Products have no isinstance check (as CPython): fields, then positions.
        if (fields_from_py(cx, st->first[sort], o, node) < 0) return -1;
        if (si->pos_off >= 0 && positions_from_py(cx, sort, o, AT(node, si->pos_off, int)) < 0)
            return -1;
        *out = node;
        return 0;
    }
    if (o == None) return 0;
    if (si->pos_off >= 0 && positions_from_py(cx, sort, o, AT(node, si->pos_off, int)) < 0)
        return -1;
    for (int i = st->first[sort]; i < st->first[sort] + st->count[sort]; i++) {
        int r = obj_is_instance(o, st->cls[i]);
        if (r < 0) return -1;
        if (!r) continue;
        const ast_class_t *c = &ast_classes[i];
        if (c->ckind < 0) break; // FunctionType: no C counterpart
        *(int *)node = c->ckind;
        if (c->flag_off >= 0) *AT(node, c->flag_off, int) = c->flag_val;
        if (fields_from_py(cx, i, o, node) < 0) return -1;
        *out = node;
        return 0;
    }
    err_format(exc_TypeError, "expected some sort of %s, but got %R", si->name, o);
    return -1;
}

ast_mod_t *ast_mod_from_py(ast_state_t *st, obj_t *o, int mode, ast_arena_t *arena, obj_t **keep) {
    static const int want[3] = {MOD_MODULE, MOD_EXPRESSION, MOD_INTERACTIVE};
    static const char *const want_name[3] = {"Module", "Expression", "Interactive"};
    int ci = -1;
    for (int i = st->first[SORT_MOD]; i < st->first[SORT_MOD] + st->count[SORT_MOD]; i++)
        if (ast_classes[i].ckind == want[mode]) ci = i;
    int r = obj_is_instance(o, st->cls[ci]);
    if (r < 0) return NULL;
    if (!r) {
        err_format(exc_TypeError, "expected %s node, got %.400s", want_name[mode], TYPE(o)->name);
        return NULL;
    }
    *keep = list_new(0);
    if (*keep == NULL) return NULL;
    from_py_t cx = {st, arena, *keep};
    ast_mod_t *mod = ast_alloc(arena, sizeof(ast_mod_t));
    mod->kind = (ast_mod_kind_t)want[mode];
    if (fields_from_py(&cx, ci, o, mod) < 0) return NULL;
    if (ast_validate_mod(mod) < 0) return NULL;
    return mod;
}

/* ---- compile() ---- */

static obj_t *tree_to_py(ast_mod_t *mod, void *arg) {
    return ast_mod_to_py(arg, mod);
}

obj_t *pyast_parse(const char *src, size_t len, const char *filename, const char *mode,
                   int compile_flags) {
    ast_state_t *st = ast_state_get();
    if (st == NULL) return NULL;
    return compile_source_tree(src, len, filename, mode, compile_flags, tree_to_py, st);
}

obj_t *pyast_compile(obj_t *tree, const char *filename, const char *mode) {
    ast_state_t *st = ast_state_get();
    if (st == NULL) return NULL;
    int m = strcmp(mode, "eval") == 0 ? 1 : strcmp(mode, "single") == 0 ? 2 : 0;
    parse_stack_init(); // the converters' recursion guard needs this thread's stack bounds
    ast_arena_t *arena = ast_arena_new();
    obj_t *keep = NULL;
    ast_mod_t *mod = ast_mod_from_py(st, tree, m, arena, &keep);
    obj_t *code = mod ? compile_ast(mod, arena, NULL, 0, filename, m) : NULL;
    ast_arena_free(arena);
    XDECREF(keep);
    return code;
}
