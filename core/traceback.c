/*
 * core/traceback.c — traceback entries and the CPython 3.11 report of an
 * uncaught exception.
 *
 * The report matches CPython byte for byte where it can: chained exceptions
 * first ("The above exception was the direct cause ..." / "During handling
 * of the above exception ..."), then "Traceback (most recent call last):",
 * one `  File "x.py", line N, in f` line per entry with the stripped source
 * line, 3.11's position markers (`~~~^^^`) under the failing expression when
 * it does not span the whole line, and the final "Type: message" line.
 * SyntaxErrors print file, line, the text and a caret instead.
 */
#include <stdlib.h>
#include <string.h>

#include "../gc/qsbr.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/exceptiongroup.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type_internal.h"
#include "../threads/critical.h"
#include "../threads/thread.h"
#include "ast.h"
#include "error.h"
#include "suggestions.h"
#include "frameobject.h"
#include "parser.h"
#include "traceback.h"

static void tb_dealloc(obj_t *o) {
    traceback_t *tb = (traceback_t *)o;
    XDECREF(tb->next);
    XDECREF(tb->code);
    XDECREF(tb->frame);
    obj_free(o);
}

// The cycle collector (gc/gc.h), in its pause.
static int tb_traverse(obj_t *o, visitproc visit, void *arg) {
    traceback_t *tb = (traceback_t *)o;
    int r = 0;
    if (tb->next != NULL) r = visit(tb->next, arg);
    if (r == 0 && tb->code != NULL) r = visit(tb->code, arg);
    if (r == 0 && tb->frame != NULL) r = visit(tb->frame, arg);
    return r;
}

// Only on unreachable entries (lock-free walkers reach an entry through a
// reference they hold, so none is on this one).
static int tb_gc_clear(obj_t *o) {
    traceback_t *tb = (traceback_t *)o;
    obj_t *next = tb->next, *frame = tb->frame;
    __atomic_store_n(&tb->next, NULL, __ATOMIC_RELEASE);
    tb->frame = NULL;
    XDECREF(next);
    XDECREF(frame);
    return 0;
}

// tb_next is writable: the field is guarded by the entry's critical section.
static obj_t *tb_get_next(obj_t *self, void *c) {
    obj_t *n;
    BEGIN_CRITICAL_SECTION(self);
    n = ((traceback_t *)self)->next;
    n = n ? n : None;
    INCREF(n);
    END_CRITICAL_SECTION();
    return n;
}

static int tb_set_next(obj_t *self, obj_t *v, void *c) {
    if (v == NULL) {
        err_set_str(exc_TypeError, "can't delete tb_next attribute");
        return -1;
    }
    if (v == None) {
        v = NULL;
    } else if (!OBJ_IS_TYPE(v, &traceback_type)) {
        err_format(exc_TypeError, "expected traceback object, got '%s'", obj_type_name(v));
        return -1;
    }
    // No loops: walk the new chain (each link read under its own section).
    obj_t *cur = v;
    XINCREF(cur);
    while (cur != NULL) {
        if (cur == self) {
            DECREF(cur);
            err_set_str(exc_ValueError, "traceback loop detected");
            return -1;
        }
        obj_t *n;
        BEGIN_CRITICAL_SECTION(cur);
        n = ((traceback_t *)cur)->next;
        XINCREF(n);
        END_CRITICAL_SECTION();
        DECREF(cur);
        cur = n;
    }
    XINCREF(v);
    obj_t *old;
    BEGIN_CRITICAL_SECTION(self);
    old = ((traceback_t *)self)->next;
    __atomic_store_n(&((traceback_t *)self)->next, v, __ATOMIC_RELEASE);
    END_CRITICAL_SECTION();
    // Lock-free walkers (core/frameobject.c) may still be on the old link.
    if (old) qsbr_defer_decref(old);
    return 0;
}

static obj_t *tb_get_lineno(obj_t *self, void *c) {
    return SMALLINT_FROM(((traceback_t *)self)->lineno);
}

static obj_t *tb_get_frame(obj_t *self, void *c) {
    obj_t *f = ((traceback_t *)self)->frame;
    return NEWREF(f ? f : None);
}

static obj_t *tb_get_lasti(obj_t *self, void *c) {
    return SMALLINT_FROM(((traceback_t *)self)->lasti);
}

static const getset_def_t tb_getsets[] = {
    {"tb_next", tb_get_next, tb_set_next, NULL},
    {"tb_frame", tb_get_frame, NULL, NULL},
    {"tb_lasti", tb_get_lasti, NULL, NULL},
    {"tb_lineno", tb_get_lineno, NULL, NULL},
    {NULL},
};

// types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)
static obj_t *tb_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"tb_next", "tb_frame", "tb_lasti", "tb_lineno", NULL};
    obj_t *a[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("TracebackType", args, nargs, kwnames, names, 4, a) < 0) return NULL;
    if (a[0] != None && !OBJ_IS_TYPE(a[0], &traceback_type)) {
        err_format(exc_TypeError, "expected traceback object or None, got '%s'",
                   obj_type_name(a[0]));
        return NULL;
    }
    if (!FRAME_CHECK(a[1])) {
        err_format(exc_TypeError, "TracebackType() argument 'tb_frame' must be frame, not %s",
                   obj_type_name(a[1]));
        return NULL;
    }
    int64_t v[2];
    for (int i = 0; i < 2; i++) {
        obj_t *n = obj_index(a[2 + i]);
        if (n == NULL) return NULL;
        int rc = int_as_i64(n, &v[i]);
        DECREF(n);
        if (rc < 0) return NULL;
        if (v[i] < INT32_MIN || v[i] > INT32_MAX) {
            err_set_str(exc_OverflowError, "Python int too large to convert to C int");
            return NULL;
        }
    }
    traceback_t *tb = (traceback_t *)obj_alloc(&traceback_type, sizeof(traceback_t));
    if (tb == NULL) return NULL;
    tb->next = a[0] == None ? NULL : NEWREF(a[0]);
    tb->frame = NEWREF(a[1]);
    tb->code = NEWREF(((frameobj_t *)a[1])->code);
    tb->lasti = (int)v[0];
    tb->lineno = (int)v[1];
    tb->end_lineno = (int)v[1];
    tb->col = tb->end_col = -1;
    return (obj_t *)tb;
}

type_t traceback_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "traceback",
    .basicsize = sizeof(traceback_t),
    .base = &object_type,
    .dealloc = tb_dealloc,
    .traverse = tb_traverse,
    .clear = tb_gc_clear,
    .getsets = tb_getsets,
    .tp_new = tb_tp_new,
};

// Prepends a fully built entry (frame: stolen, may be NULL) to exc's
// traceback: every field is set before the entry is published, since other
// threads may raise the same exception object at the same time.
static int tb_prepend(obj_t *exc, obj_t *code, obj_t *frame, int lasti, int lineno, int end_lineno,
                      int col, int end_col) {
    traceback_t *tb = (traceback_t *)obj_alloc(&traceback_type, sizeof(traceback_t));
    if (tb == NULL) {
        XDECREF(frame);
        return -1;
    }
    obj_t *old = exc_get_traceback(exc);
    tb->next = old;
    XINCREF(old);
    tb->code = NEWREF(code);
    tb->frame = frame;
    tb->lasti = lasti;
    tb->lineno = lineno;
    tb->end_lineno = end_lineno;
    tb->col = col;
    tb->end_col = end_col;
    exc_set_traceback(exc, (obj_t *)tb);
    DECREF((obj_t *)tb);
    return 0;
}

int traceback_add_pos(obj_t *exc, obj_t *code, int lineno, int end_lineno, int col, int end_col) {
    return tb_prepend(exc, code, NULL, -1, lineno, end_lineno, col, end_col);
}

int traceback_add_frame(obj_t *exc, struct frame *f, size_t lasti, int lineno, int end_lineno,
                        int col, int end_col) {
    obj_t *fo = frameobj_get(f, thread_current());
    if (fo == NULL) return -1;
    // tb_lasti is a byte offset into co_code, as f_lasti.
    return tb_prepend(exc, (obj_t *)f->code, fo, (int)lasti * 4, lineno, end_lineno, col, end_col);
}

int traceback_add(obj_t *exc, obj_t *code, int lineno) {
    return traceback_add_pos(exc, code, lineno, lineno, -1, -1);
}

// ---- source lines ---------------------------------------------------------------

char *traceback_source_line(const char *path, int lineno) {
    if (lineno < 1 || path[0] == '<') return NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = 0;
    for (int i = 1; i <= lineno; i++) {
        n = getline(&line, &cap, f);
        if (n < 0) {
            free(line);
            fclose(f);
            return NULL;
        }
    }
    fclose(f);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

void traceback_print_source_line(FILE *out, const char *path, int lineno) {
    char *line = traceback_source_line(path, lineno);
    if (line == NULL) return;
    const char *s = line;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s) fprintf(out, "    %s\n", s);
    free(line);
}

// Number of code points in the first `nbytes` bytes of UTF-8 text.
static int chars_in(const char *s, int nbytes) {
    int n = 0;
    for (int i = 0; i < nbytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r';
}

// 3.11's anchors for a binary operation or subscript: [0, left) and
// [right, end) get '~', [left, right) gets '^'.  Byte offsets into seg.
static bool caret_anchors(const char *seg, int seglen, int *left, int *right) {
    ast_arena_t *arena = ast_arena_new();
    parse_error_t perr = {0};
    ast_mod_t *mod = parse_source(arena, seg, (size_t)seglen, "<segment>", PARSE_FILE, &perr);
    bool ok = false;
    if (mod == NULL) {
        parse_error_clear(&perr);
        goto done;
    }
    if (mod->body.n != 1 || mod->body.items[0]->kind != STMT_EXPR) goto done;
    ast_expr_t *e = mod->body.items[0]->v.expr.value;
    if (e->kind == EXPR_BINOP) {
        int op_start = e->v.binop.left->end_col_offset;
        int op_end = e->v.binop.right->col_offset;
        int off = 0;
        while (op_start + off < op_end && is_space(seg[op_start + off]))
            off++;
        int l = op_start + off;
        int r = l + 1;
        if (op_start + off + 1 < op_end && !is_space(seg[op_start + off + 1])) r++;
        while (l < seglen && (is_space(seg[l]) || seg[l] == ')' || seg[l] == '#')) {
            l++;
            r++;
        }
        *left = l;
        *right = r;
        ok = true;
    } else if (e->kind == EXPR_SUBSCRIPT) {
        int l = e->v.subscript.value->end_col_offset;
        int r = e->v.subscript.slice->end_col_offset + 1;
        while (l < seglen && seg[l] != '[')
            l++;
        while (r < seglen && seg[r] != ']')
            r++;
        if (r < seglen) r++;
        *left = l;
        *right = r;
        ok = true;
    }
done:
    ast_arena_free(arena);
    return ok;
}

// pfx: the group margin ("" outside exception groups) before each line.
static void print_source_line(FILE *out, traceback_t *tb, const char *filename, const char *pfx) {
    char *line = traceback_source_line(filename, tb->lineno);
    if (line == NULL) return;
    int len = (int)strlen(line);
    int strip = 0;
    while (strip < len && is_space(line[strip]))
        strip++;
    int end = len;
    while (end > strip && is_space(line[end - 1]))
        end--;
    fprintf(out, "%s    %.*s\n", pfx, end - strip, line + strip);
    if (tb->col >= 0 && tb->end_col >= 0 && tb->col <= len) {
        int start_b = tb->col;
        int end_b = tb->lineno == tb->end_lineno ? tb->end_col : end;
        if (end_b > len) end_b = len;
        if (end_b < start_b) end_b = start_b;
        int left = 0, right = 0;
        bool anchors = tb->lineno == tb->end_lineno &&
                       caret_anchors(line + start_b, end_b - start_b, &left, &right);
        int start_c = chars_in(line, start_b), end_c = chars_in(line, end_b);
        int strip_c = chars_in(line, strip);
        int stripped_len_c = chars_in(line + strip, end - strip);
        int left_c = anchors ? chars_in(line + start_b, left) : 0;
        int right_c = anchors ? chars_in(line + start_b, right) : 0;
        if (end_c - start_c < stripped_len_c || (anchors && right_c - left_c > 0)) {
            fprintf(out, "%s    ", pfx);
            for (int i = strip_c; i < start_c; i++)
                fputc(' ', out);
            if (anchors) {
                for (int i = 0; i < left_c; i++)
                    fputc('~', out);
                for (int i = left_c; i < right_c; i++)
                    fputc('^', out);
                for (int i = right_c; i < end_c - start_c; i++)
                    fputc('~', out);
            } else {
                for (int i = start_c; i < end_c; i++)
                    fputc('^', out);
            }
            fputc('\n', out);
        }
    }
    free(line);
}

// CPython folds runs of identical entries (same file, line and function)
// after the third into one "[Previous line repeated N more times]" line.
#define TB_RECURSIVE_CUTOFF 3

// 3.11 prints this line without the group margin.
static void print_repeated(FILE *out, int cnt) {
    cnt -= TB_RECURSIVE_CUTOFF;
    fprintf(out, "  [Previous line repeated %d more time%s]\n", cnt, cnt > 1 ? "s" : "");
}

// `head` is the header line's own margin; `pfx` prefixes the entries.
static void print_tb(FILE *out, obj_t *tbo, const char *head, const char *header, const char *pfx) {
    fprintf(out, "%s%s", head, header);
    obj_t *last_file = NULL, *last_name = NULL;
    int last_line = -1, cnt = 0;
    for (traceback_t *tb = (traceback_t *)tbo; tb; tb = (traceback_t *)tb->next) {
        code_t *co = (code_t *)tb->code;
        if (last_file == NULL || co->filename != last_file || tb->lineno != last_line ||
            co->name != last_name) {
            if (cnt > TB_RECURSIVE_CUTOFF) print_repeated(out, cnt);
            last_file = co->filename;
            last_line = tb->lineno;
            last_name = co->name;
            cnt = 0;
        }
        if (++cnt > TB_RECURSIVE_CUTOFF) continue;
        const char *filename = co->filename ? str_data(co->filename) : "???";
        const char *name = co->name ? str_data(co->name) : "???";
        fprintf(out, "%s  File \"%s\", line %d, in %s\n", pfx, filename, tb->lineno, name);
        print_source_line(out, tb, filename, pfx);
    }
    if (cnt > TB_RECURSIVE_CUTOFF) print_repeated(out, cnt);
}

// "Type" or "module.Type" as CPython prints it (builtins and __main__ unqualified).
static void print_type_name(FILE *out, type_t *t) {
    obj_t *mod = t->module_obj;
    if (mod && STR_CHECK(mod) && !str_eq_cstr(mod, "builtins") && !str_eq_cstr(mod, "__main__"))
        fprintf(out, "%s.", str_data(mod));
    const char *qn =
        t->qualname_obj && STR_CHECK(t->qualname_obj) ? str_data(t->qualname_obj) : t->name;
    fputs(qn, out);
}

static void print_plain_exception_line(FILE *out, obj_t *exc, const char *pfx);

// One integer attribute of a SyntaxError for its report: false when it is
// not an int (the report then falls back to the plain "Type: str" line, as
// CPython's parse_syntax_error does).  None gives `none_value` when it is
// allowed (`none_ok`).
static bool syntax_int_attr(obj_t *exc, const char *name, bool none_ok, int64_t none_value,
                            int64_t *out) {
    obj_t *v = obj_getattr_str(exc, name);
    if (v == NULL) {
        err_clear();
        return false;
    }
    bool ok = true;
    if (v == None && none_ok)
        *out = none_value;
    else if (!INT_CHECK(v) || int_as_i64(v, out) < 0)
        ok = false;
    DECREF(v);
    if (!ok) err_clear();
    return ok;
}

// The text line and its carets, as CPython 3.11's print_error_text: offsets
// are 1-based and counted in UTF-8 bytes of the text; leading blanks are
// stripped, an offset past the end points just after the text, an offset
// left of the stripped text prints no caret line.
static void print_error_text(FILE *out, int64_t offset, int64_t end_offset, const char *text) {
    int64_t carets = end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
    offset--;
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    int64_t len = (int64_t)strlen(text);
    if (len > 0 && text[len - 1] == '\n') len--;
    if (offset > len) offset = len;
    // Text of several lines: print the one the offset falls in.
    for (;;) {
        const char *nl = strchr(text, '\n');
        if (nl == NULL || nl - text >= offset) break;
        int64_t skip = nl - text + 1;
        text += skip;
        len -= skip;
        offset -= skip;
    }
    fprintf(out, "    %s", text);
    if (text[len] != '\n') fputc('\n', out);
    if (offset < 0) return;
    fputs("    ", out);
    for (int64_t i = 0; i < offset; i++)
        fputc(' ', out);
    for (int64_t i = 0; i < carets; i++)
        fputc('^', out);
    fputc('\n', out);
}

// CPython 3.11's report of a SyntaxError: its attributes (not its args) give
// the file, line, text and caret range; only SyntaxError itself (not
// IndentationError or TabError) marks more than one column.
static void print_syntax_error(FILE *out, obj_t *exc, const char *pfx) {
    obj_t *msg = obj_getattr_str(exc, "msg"), *filename = NULL, *text = NULL;
    int64_t lineno = 0, offset = -1, end_lineno = 0, end_offset = -1;
    bool parsed = msg != NULL;
    if (parsed) {
        filename = obj_getattr_str(exc, "filename");
        parsed = filename != NULL;
    }
    parsed = parsed && syntax_int_attr(exc, "lineno", false, 0, &lineno) &&
             syntax_int_attr(exc, "offset", true, -1, &offset);
    if (parsed && exc->ob_type == exc_SyntaxError) {
        // Missing or None end positions: one caret at offset.
        if (!syntax_int_attr(exc, "end_lineno", true, lineno, &end_lineno)) end_lineno = lineno;
        if (!syntax_int_attr(exc, "end_offset", true, -1, &end_offset)) end_offset = -1;
    } else {
        end_lineno = lineno;
    }
    if (parsed) {
        text = obj_getattr_str(exc, "text");
        parsed = text != NULL;
    }
    if (!parsed) {
        err_clear();
        XDECREF(msg);
        XDECREF(filename);
        print_plain_exception_line(out, exc, pfx);
        return;
    }
    obj_t *fname = filename == None ? NULL : obj_str(filename);
    if (filename != None && fname == NULL) err_clear();
    fprintf(out, "%s  File \"%s\", line %lld\n", pfx,
            fname != NULL      ? str_data(fname)
            : filename == None ? "<string>"
                               : "<unknown>",
            (long long)lineno);
    XDECREF(fname);
    if (text != None && STR_CHECK(text)) {
        int64_t size = (int64_t)str_nbytes(text);
        // An error spanning lines is marked to the end of its first line;
        // never more carets than the text has room for.
        if (end_lineno > lineno) end_offset = size;
        if (end_offset > size + 1) end_offset = size + 1;
        // 3.11 prints the text and caret lines without the group margin.
        print_error_text(out, offset, end_offset, str_data(text));
    }
    fputs(pfx, out);
    print_type_name(out, exc->ob_type);
    obj_t *s = msg == None ? NULL : obj_str(msg);
    if (s == NULL && msg != None) {
        err_clear();
        fputs(": <exception str() failed>", out);
    } else if (s != NULL) {
        if (str_nbytes(s) > 0) fprintf(out, ": %s", str_data(s));
        DECREF(s);
    }
    fputc('\n', out);
    DECREF(msg);
    DECREF(filename);
    DECREF(text);
}

static void print_exception_line(FILE *out, obj_t *exc, const char *pfx) {
    if (type_is_subtype(exc->ob_type, exc_SyntaxError)) {
        print_syntax_error(out, exc, pfx);
        return;
    }
    print_plain_exception_line(out, exc, pfx);
}

static void print_plain_exception_line(FILE *out, obj_t *exc, const char *pfx) {
    fputs(pfx, out);
    print_type_name(out, exc->ob_type);
    obj_t *s = exc_str(exc);
    if (s == NULL) {
        err_clear();
        fputs(": <exception str() failed>", out);
    } else {
        if (str_nbytes(s) > 0) fprintf(out, ": %s", str_data(s));
        DECREF(s);
    }
    obj_t *hint = suggestion_for_exception(exc); // NameError, AttributeError
    if (hint != NULL) {
        fprintf(out, ". Did you mean: '%s'?", str_data(hint));
        DECREF(hint);
    }
    fputc('\n', out);
}

// ---- the report: chains and exception groups --------------------------------------------------
//
// 3.11 prints an exception group as a box: its own traceback and line, then
// each sub-exception (with its chain) indented two more columns behind a
// "| " margin, under a "+---------------- N ----------------" separator,
// at most MAX_GROUP_WIDTH of them ("and N more exceptions") and
// MAX_GROUP_DEPTH levels deep ("... (max_group_depth is 10)").

#define MAX_SEEN        512
#define MAX_GROUP_WIDTH 15
#define MAX_GROUP_DEPTH 10

typedef struct {
    FILE *out;
    int depth;       // group nesting: 0 outside any group
    bool need_close; // the last sub-exception's box still needs its closing line
    obj_t *seen[MAX_SEEN];
    int nseen;
    char pfx[2 * (MAX_GROUP_DEPTH + 3) + 3]; // indent + margin for `depth`
} report_t;

static const char *margin(report_t *r) {
    int d = r->depth > MAX_GROUP_DEPTH + 2 ? MAX_GROUP_DEPTH + 2 : r->depth;
    int n = 2 * d;
    memset(r->pfx, ' ', (size_t)n);
    if (d > 0) r->pfx[n++] = '|', r->pfx[n++] = ' ';
    r->pfx[n] = '\0';
    return r->pfx;
}

static void indent(report_t *r) {
    for (int i = 0; i < 2 * r->depth; i++)
        fputc(' ', r->out);
}

// The lines of __notes__ after the exception line, each behind the margin.
static void print_notes(report_t *r, obj_t *exc) {
    obj_t *notes = obj_lookup_attr(exc, ID(__notes__));
    if (notes == NULL) {
        err_clear();
        return;
    }
    FILE *out = r->out;
    // Not a sequence: its repr, and 3.11.2 ends that line without a newline.
    if (TYPE(notes)->getitem == NULL || DICT_CHECK(notes)) {
        fputs(margin(r), out);
        obj_t *s = obj_repr(notes);
        if (s == NULL) {
            err_clear();
            fputs("<__notes__ repr() failed>", out);
        } else {
            fwrite(str_data(s), 1, str_nbytes(s), out);
            DECREF(s);
        }
        DECREF(notes);
        return;
    }
    ssize_t n = obj_len(notes);
    if (n < 0) err_clear();
    for (ssize_t i = 0; i < n; i++) {
        obj_t *idx = SMALLINT_FROM(i);
        obj_t *note = obj_getitem(notes, idx);
        obj_t *s = note ? obj_str(note) : NULL;
        XDECREF(note);
        obj_t *lines = NULL;
        if (s != NULL) {
            obj_t *keep = NEWREF(True);
            lines = obj_call_method(s, "splitlines", &keep, 1);
            DECREF(keep);
        }
        if (lines == NULL || !LIST_CHECK(lines)) {
            err_clear();
            fputs("<note str() failed>", out);
        } else {
            for (ssize_t k = 0; k < list_size(lines); k++) {
                obj_t *line = list_get(lines, k);
                if (line == NULL) {
                    err_clear();
                    break;
                }
                fputs(margin(r), out);
                fwrite(str_data(line), 1, str_nbytes(line), out);
                DECREF(line);
            }
        }
        XDECREF(lines);
        XDECREF(s);
        fputc('\n', out);
    }
    DECREF(notes);
}

// One exception: traceback, "Type: message", notes.
static void print_one(report_t *r, obj_t *exc) {
    obj_t *tb = exc_traceback_ref(exc);
    if (tb) {
        bool group = EGROUP_CHECK(exc);
        const char *m = margin(r);
        char head[sizeof r->pfx];
        strcpy(head, m);
        if (group && r->depth == 1) strcpy(head + 2, "+ ");
        print_tb(r->out, tb, head,
                 group ? "Exception Group Traceback (most recent call last):\n"
                       : "Traceback (most recent call last):\n",
                 m);
    }
    XDECREF(tb);
    print_exception_line(r->out, exc, margin(r));
    print_notes(r, exc);
}

static void print_recursive(report_t *r, obj_t *exc);

static void print_chained(report_t *r, obj_t *exc, const char *msg) {
    bool need_close = r->need_close;
    print_recursive(r, exc);
    r->need_close = need_close;
    fprintf(r->out, "%s\n", margin(r));
    fprintf(r->out, "%s%s\n", margin(r), msg);
    fprintf(r->out, "%s\n", margin(r));
}

static void print_group(report_t *r, obj_t *eg) {
    FILE *out = r->out;
    if (r->depth > MAX_GROUP_DEPTH) {
        fprintf(out, "%s... (max_group_depth is %d)\n", margin(r), MAX_GROUP_DEPTH);
        return;
    }
    if (r->depth == 0) r->depth = 1;
    print_one(r, eg);
    obj_t *excs = egroup_exceptions(eg);
    size_t n = TUPLE_SIZE(excs);
    size_t shown = n <= MAX_GROUP_WIDTH ? n : MAX_GROUP_WIDTH + 1;
    r->need_close = false;
    for (size_t i = 0; i < shown; i++) {
        bool last = i == shown - 1, truncated = i >= MAX_GROUP_WIDTH;
        if (last) r->need_close = true; // a nested group may draw the closing line
        indent(r);
        if (truncated)
            fprintf(out, "%s+---------------- ... ----------------\n", i == 0 ? "+-" : "  ");
        else
            fprintf(out, "%s+---------------- %zu ----------------\n", i == 0 ? "+-" : "  ", i + 1);
        r->depth++;
        if (!truncated) {
            print_recursive(r, TUPLE_GET(excs, i));
        } else {
            size_t more = n - MAX_GROUP_WIDTH;
            fprintf(out, "%sand %zu more exception%s\n", margin(r), more, more > 1 ? "s" : "");
        }
        if (last && r->need_close) {
            indent(r);
            fputs("+------------------------------------\n", out);
            r->need_close = false;
        }
        r->depth--;
    }
    if (r->depth == 1) r->depth = 0;
}

static bool was_seen(report_t *r, obj_t *exc) {
    for (int i = 0; i < r->nseen; i++)
        if (r->seen[i] == exc) return true;
    return false;
}

static void print_recursive(report_t *r, obj_t *exc) {
    if (r->nseen >= MAX_SEEN) return;
    r->seen[r->nseen++] = exc;
    // Counted references: printing runs Python code (str()), while another
    // thread may rebind these fields of a shared exception.
    obj_t *cause = exc_cause_ref(exc);
    obj_t *context = exc_context_ref(exc);
    bool suppress = exc_suppress_context(exc);
    if (cause && cause != None && EXC_CHECK(cause)) {
        if (!was_seen(r, cause))
            print_chained(r, cause,
                          "The above exception was the direct cause of the following exception:");
    } else if (!suppress && context && context != None && EXC_CHECK(context)) {
        if (!was_seen(r, context))
            print_chained(r, context,
                          "During handling of the above exception, another exception occurred:");
    }
    XDECREF(cause);
    XDECREF(context);
    if (EGROUP_CHECK(exc))
        print_group(r, exc);
    else
        print_one(r, exc);
}

void err_display(obj_t *exc, FILE *out) {
    report_t *r = calloc(1, sizeof *r);
    if (r == NULL) return;
    r->out = out;
    // Python-level sys.stdout may hold buffered text that must come first.
    fflush(stdout);
    print_recursive(r, exc);
    fflush(out);
    free(r);
}

void err_print(void) {
    obj_t *exc = err_fetch();
    if (exc == NULL) return;
    // sys.stdout is a Python object whose buffer must be flushed before the
    // report, so the two streams interleave as in CPython.
    extern void sysmodule_flush_std(void);
    sysmodule_flush_std();
    err_display(exc, stderr);
    DECREF(exc);
}
