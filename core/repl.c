/*
 * core/repl.c — the interactive prompt, programs read from stdin, `-m` and
 * `--dis`.
 *
 * The prompt reads one logical statement at a time: a line that opens a
 * block (ends with ':') or leaves brackets open keeps reading continuation
 * lines until a blank line.  An expression statement's value is printed
 * with repr (None is not), as CPython's prompt does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "error.h"
#include "eval.h"
#include "import.h"
#include "repl.h"
#include "runtime.h"

int pvm_exit_status_from_exception(void); // core/pvm_api.c
int dis_code(obj_t *code, FILE *out);      // core/dis.c

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int repl_run_stdin(void) {
    size_t len;
    char *src = read_all(stdin, &len);
    if (src == NULL) {
        fprintf(stderr, "pvm: cannot read stdin\n");
        return 1;
    }
    obj_t *globals = module_dict(pvm_rt.main_module);
    obj_t *r = eval_source(src, len, "<stdin>", "exec", globals, globals);
    free(src);
    if (r == NULL)
        return pvm_exit_status_from_exception();
    DECREF(r);
    return 0;
}

// Bracket depth of a line (ignores brackets in strings and comments, well
// enough for deciding whether to read a continuation line).
static int bracket_delta(const char *s) {
    int d = 0;
    char q = 0;
    for (; *s; s++) {
        if (q) {
            if (*s == '\\' && s[1])
                s++;
            else if (*s == q)
                q = 0;
        } else if (*s == '\'' || *s == '"') {
            q = *s;
        } else if (*s == '#') {
            break;
        } else if (strchr("([{", *s)) {
            d++;
        } else if (strchr(")]}", *s)) {
            d--;
        }
    }
    return d;
}

static bool ends_with_colon(const char *s) {
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n && s[n - 1] == ':';
}

static void run_interactive_chunk(const char *src) {
    obj_t *globals = module_dict(pvm_rt.main_module);
    // An expression: evaluate and echo its repr.
    obj_t *code = compile_source(src, strlen(src), "<stdin>", "eval");
    if (code) {
        obj_t *v = eval_code(code, globals, globals);
        DECREF(code);
        if (v == NULL)
            goto error;
        if (v != None) {
            obj_t *r = obj_repr(v);
            if (r == NULL) {
                DECREF(v);
                goto error;
            }
            printf("%s\n", str_data(r));
            DECREF(r);
            dict_set_str(globals, "_", v);
        }
        DECREF(v);
        return;
    }
    err_clear();
    obj_t *r = eval_source(src, strlen(src), "<stdin>", "exec", globals, globals);
    if (r) {
        DECREF(r);
        return;
    }
error:
    if (err_matches(exc_SystemExit)) {
        exit(pvm_exit_status_from_exception());
    }
    err_print();
}

int repl_interactive(void) {
    char line[4096];
    size_t cap = 8192;
    char *buf = malloc(cap);
    if (!buf)
        return 1;
    fprintf(stderr, "pvm 0.1 (Python 3.11 language, free-threaded)\n");
    for (;;) {
        size_t n = 0;
        int depth = 0;
        bool block = false;
        buf[0] = '\0';
        const char *prompt = ">>> ";
        for (;;) {
            fputs(prompt, stdout);
            fflush(stdout);
            if (!fgets(line, sizeof line, stdin)) {
                fputc('\n', stdout);
                free(buf);
                return 0;
            }
            size_t ln = strlen(line);
            if (n + ln + 1 > cap) {
                char *nb = realloc(buf, cap * 2 + ln);
                if (!nb) {
                    free(buf);
                    return 1;
                }
                buf = nb;
                cap = cap * 2 + ln;
            }
            memcpy(buf + n, line, ln + 1);
            n += ln;
            depth += bracket_delta(line);
            if (prompt[0] == '>' && ends_with_colon(line))
                block = true;
            bool blank = strspn(line, " \t\r\n") == ln;
            if (depth > 0 || (block && !blank)) {
                prompt = "... ";
                continue;
            }
            break;
        }
        if (strspn(buf, " \t\r\n") == n)
            continue;
        run_interactive_chunk(buf);
        fflush(stdout);
    }
}

int repl_run_module(const char *name) {
    obj_t *m = import_module(name);
    if (m == NULL)
        return pvm_exit_status_from_exception();
    DECREF(m);
    return 0;
}

int repl_dis_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "pvm: can't open file '%s': [Errno %d] %s\n", path, errno,
                strerror(errno));
        return 2;
    }
    size_t len;
    char *src = read_all(f, &len);
    fclose(f);
    if (src == NULL)
        return 1;
    obj_t *code = compile_source(src, len, path, "exec");
    free(src);
    if (code == NULL)
        return pvm_exit_status_from_exception();
    int rc = dis_code(code, stdout);
    DECREF(code);
    return rc < 0 ? 1 : 0;
}
