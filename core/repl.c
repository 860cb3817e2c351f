/*
 * core/repl.c — the interactive prompt, programs read from stdin, `-m`,
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

int repl_interactive(void) {
    char line[4096];
    size_t cap = 8192;
    char *buf = malloc(cap);
    if (!buf) return 1;
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
        fflush(stdout);
    }
}

// Sets sys.path[0] (or prepends it) to `dir`.  -1 + exception.
static int set_sys_path0(const char *dir) {
    obj_t *d = str_from_cstr(dir);
    if (d == NULL) return -1;
    obj_t *path = sysmodule_get("path");
    int rc = 0;
    if (path != NULL && LIST_CHECK(path))
        rc = list_size(path) > 0 ? list_set(path, 0, d) : list_append(path, d);
    XDECREF(path);
    DECREF(d);
    return rc;
}

static int set_argv0(const char *s) {
    obj_t *v = str_from_cstr(s);
    if (v == NULL) return -1;
    int rc = pvm_rt.argv && LIST_CHECK(pvm_rt.argv) && list_size(pvm_rt.argv) > 0
                 ? list_set(pvm_rt.argv, 0, v)
                 : 0;
    DECREF(v);
    return rc;
}

static int set_main_str(obj_t *globals, const char *key, const char *value) {
    obj_t *v = value ? str_from_cstr(value) : NEWREF(None);
    if (v == NULL) return -1;
    int rc = dict_set_str(globals, key, v);
    DECREF(v);
    return rc;
}

// A module given to -m that cannot be found: runpy's messages, exit status 1.
static int module_error(const char *name) {
    obj_t *exc = err_fetch();
    const char *prog = pvm_rt.program ? pvm_rt.program : "pvm";
    obj_t *ename = exc && EXC_CHECK(exc) ? ((exc_t *)exc)->name : NULL;
    if (exc && OBJ_IS_TYPE(exc, (type_t *)exc_ModuleNotFoundError) && ename && STR_CHECK(ename) &&
        str_eq_cstr(ename, name)) {
        fprintf(stderr, "%s: No module named %s\n", prog, name);
    } else {
        obj_t *msg = exc ? obj_str(exc) : NULL;
        if (msg == NULL) err_clear();
        fprintf(stderr, "%s: Error while finding module specification for '%s' (%s: %s)\n", prog,
                name, exc ? obj_type_name(exc) : "ImportError", msg ? str_data(msg) : "");
        XDECREF(msg);
    }
    XDECREF(exc);
    return 1;
}

int repl_run_module(const char *name) {
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL) strcpy(cwd, "");
    if (set_sys_path0(cwd) < 0) return pvm_exit_status_from_exception();
    bool is_pkg = false;
    char *path = import_find_source(name, &is_pkg);
    char *modname = strdup(name);
    if (path == NULL || modname == NULL) {
        free(path);
        free(modname);
        if (!err_occurred()) return 1;
        if (err_matches(exc_ImportError)) return module_error(name);
        return pvm_exit_status_from_exception();
    }
    if (is_pkg) {
        // A package runs its __main__ submodule.
        free(path);
        size_t n = strlen(name) + sizeof ".__main__";
        char *sub = malloc(n);
        if (sub == NULL) {
            free(modname);
            return 1;
        }
        snprintf(sub, n, "%s.__main__", name);
        path = import_find_source(sub, NULL);
        free(modname);
        modname = sub;
        if (path == NULL) {
            if (err_matches(exc_ImportError)) {
                err_clear();
                fprintf(stderr,
                        "%s: No module named %s; '%s' is a package and cannot be directly "
                        "executed\n",
                        pvm_rt.program ? pvm_rt.program : "pvm", sub, name);
                free(sub);
                return 1;
            }
            free(sub);
            return pvm_exit_status_from_exception();
        }
    }
    obj_t *globals = module_dict(pvm_rt.main_module);
    const char *dot = strrchr(modname, '.');
    char *pkg = strndup(modname, dot ? (size_t)(dot - modname) : 0);
    char *cached = pyc_cache_path(path);
    int status = 0;
    if (pkg == NULL || cached == NULL || set_main_str(globals, "__file__", path) < 0 ||
        set_main_str(globals, "__cached__", cached) < 0 ||
        set_main_str(globals, "__package__", pkg) < 0 || set_argv0(path) < 0 ||
        import_set_main_spec(modname, path) < 0) {
        if (!err_occurred()) err_no_memory();
        status = pvm_exit_status_from_exception();
    } else {
        obj_t *code = pyc_compile_cached(path, true, NULL);
        obj_t *r = code ? eval_code(code, globals, globals) : NULL;
        XDECREF(code);
        if (r == NULL) status = pvm_exit_status_from_exception();
        XDECREF(r);
    }
    free(pkg);
    free(cached);
    free(path);
    free(modname);
    return status;
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
    if (code == NULL) return pvm_exit_status_from_exception();
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
