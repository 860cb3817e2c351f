/*
 * core/repl.c — the interactive prompt, programs read from stdin,
 * `--dis` and running a `.pyc` file.
 *
 * The prompt reads one logical statement at a time: a line that opens a
 * block (ends with ':') or leaves brackets open keeps reading continuation
 * lines until a blank line.  An expression statement's value is printed
 * with repr (None is not), as CPython's prompt does.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../objects/bytes.h"
#include "../objects/code.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/list.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "error.h"
#include "eval.h"
#include "import.h"
#include "pyc.h"
#include "repl.h"
#include "runtime.h"
#include "sysmodule.h"

int pvm_exit_status_from_exception(void); // core/pvm_api.c
int dis_code(obj_t *code, FILE *out);     // core/dis.c

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
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
    if (r == NULL) return pvm_exit_status_from_exception();
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
        if (v == NULL) goto error;
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

int repl_interactive(bool banner) {
    char line[4096];
    size_t cap = 8192;
    char *buf = malloc(cap);
    if (!buf) return 1;
    if (banner) fprintf(stderr, "pvm 0.1 (Python 3.11 language, free-threaded)\n");
    for (;;) {
        size_t n = 0;
        int depth = 0;
        bool block = false;
        buf[0] = '\0';
        const char *prompt = ">>> ";
        for (;;) {
            // Prompts go to stderr, as CPython's (without readline) do.
            fflush(stdout);
            fputs(prompt, stderr);
            fflush(stderr);
            if (!fgets(line, sizeof line, stdin)) {
                fputc('\n', stderr);
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
            if (prompt[0] == '>' && ends_with_colon(line)) block = true;
            bool blank = strspn(line, " \t\r\n") == ln;
            if (depth > 0 || (block && !blank)) {
                prompt = "... ";
                continue;
            }
            break;
        }
        if (strspn(buf, " \t\r\n") == n) continue;
        run_interactive_chunk(buf);
        sysmodule_flush_std(); // as CPython after each statement: a pipe sees the output now
    }
}

static int set_main_str(obj_t *globals, const char *key, const char *value) {
    obj_t *v = value ? str_from_cstr(value) : NEWREF(None);
    if (v == NULL) return -1;
    int rc = dict_set_str(globals, key, v);
    DECREF(v);
    return rc;
}

// A .pyc in importlib's layout (py_compile, compileall on pvm): CPython
// 3.11's magic number, 12 more header bytes, then marshal data (pvm's
// marshal wraps its own code objects).  NULL with NO exception when the
// file is not one.
static obj_t *load_marshal_pyc(const char *path) {
    static const unsigned char magic[4] = {0xa7, 0x0d, 0x0d, 0x0a};
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            unsigned char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (nb == NULL) break;
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        if (got == 0) break;
        len += got;
    }
    fclose(f);
    obj_t *code = NULL;
    if (buf != NULL && len > 16 && memcmp(buf, magic, 4) == 0) {
        obj_t *marshal = import_module("marshal");
        obj_t *data = marshal ? bytes_from(buf + 16, len - 16) : NULL;
        obj_t *loads = marshal ? obj_getattr_str(marshal, "loads") : NULL;
        code = loads && data ? obj_call1(loads, data) : NULL;
        XDECREF(loads);
        XDECREF(data);
        XDECREF(marshal);
        if (code == NULL || !CODE_CHECK(code)) { // CPython's message for both
            XDECREF(code);
            code = NULL;
            err_clear();
            err_set_str(exc_RuntimeError, "Bad code object in .pyc file");
        }
    }
    free(buf);
    return code;
}

// __main__.__loader__ for a bytecode file: SourcelessFileLoader("__main__",
// path), as CPython sets it.  -1 + exception.
static int set_sourceless_loader(obj_t *globals, const char *path) {
    obj_t *m = import_module("_frozen_importlib_external");
    obj_t *cls = m ? obj_getattr_str(m, "SourcelessFileLoader") : NULL;
    obj_t *name = str_from_cstr("__main__"), *p = runtime_fs_decode(path);
    obj_t *loader = cls && name && p ? obj_call2(cls, name, p) : NULL;
    int rc = loader ? dict_set_str(globals, "__loader__", loader) : -1;
    XDECREF(loader);
    XDECREF(p);
    XDECREF(name);
    XDECREF(cls);
    XDECREF(m);
    return rc;
}

int repl_run_pyc(const char *path) {
    char abspath[PATH_MAX];
    if (path[0] != '/' && getcwd(abspath, sizeof abspath) &&
        strlen(abspath) + strlen(path) + 2 < sizeof abspath) {
        strcat(abspath, "/");
        strcat(abspath, path);
    } else {
        snprintf(abspath, sizeof abspath, "%s", path);
    }
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n",
                pvm_rt.program ? pvm_rt.program : "pvm", abspath, errno, strerror(errno));
        return 2;
    }
    obj_t *globals = module_dict(pvm_rt.main_module);
    if (sysmodule_set_path0(path) < 0 || set_main_str(globals, "__file__", abspath) < 0 ||
        set_main_str(globals, "__cached__", NULL) < 0)
        return pvm_exit_status_from_exception();
    // Tracebacks name the source the cache was compiled from (co_filename).
    obj_t *code = pyc_load_file(path, NULL);
    if (code == NULL && err_matches(exc_RuntimeError)) {
        obj_t *exc = err_fetch();
        code = load_marshal_pyc(path);
        if (code == NULL && !err_occurred())
            err_restore(exc);
        else
            XDECREF(exc);
    }
    if (code == NULL || set_sourceless_loader(globals, abspath) < 0) {
        XDECREF(code);
        return pvm_exit_status_from_exception();
    }
    obj_t *r = eval_code(code, globals, globals);
    DECREF(code);
    if (r == NULL) return pvm_exit_status_from_exception();
    DECREF(r);
    return 0;
}

int repl_dis_file(const char *path) {
    size_t plen = strlen(path);
    if ((plen > 4 && strcmp(path + plen - 4, ".pyc") == 0) || pyc_is_cache_file(path)) {
        obj_t *code = pyc_load_file(path, NULL);
        if (code == NULL) return pvm_exit_status_from_exception();
        int rc = dis_code(code, stdout);
        DECREF(code);
        return rc < 0 ? 1 : 0;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "pvm: can't open file '%s': [Errno %d] %s\n", path, errno, strerror(errno));
        return 2;
    }
    size_t len;
    char *src = read_all(f, &len);
    fclose(f);
    if (src == NULL) return 1;
    obj_t *code = compile_source(src, len, path, "exec");
    free(src);
    if (code == NULL) return pvm_exit_status_from_exception();
    int rc = dis_code(code, stdout);
    DECREF(code);
    return rc < 0 ? 1 : 0;
}
