/*
 * core/main.c — the `pvm` command line.  Thin: parses options and calls the
 * library (include/pvm.h and core/).
 *
 *   pvm script.py [args]    run a script          pvm -c 'code' [args]
 *   pvm -m module [args]    run a module          pvm --dis script.py
 *   pvm -B ...              no bytecode caches    pvm           (REPL)
 *   pvm file.pyc [args]     run a bytecode cache  pvm --compile PATH...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../include/pvm.h"
#include "error.h"
#include "eval.h"
#include "import.h"
#include "pyc.h"
#include "repl.h"
#include "runtime.h"
#include "sysmodule.h"

static const char usage_line[] = "usage: pvm [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

static void usage(FILE *out) {
    fputs(usage_line, out);
    if (out == stdout)
        fputs("Options:\n"
              "  -B         don't write .pyc files on import (also PYTHONDONTWRITEBYTECODE=x)\n"
              "  -X opt     set implementation-specific option (sys._xoptions); -X\n"
              "             pycache_prefix=PATH writes .pyc files under PATH (also\n"
              "             PYTHONPYCACHEPREFIX)\n"
              "  -c cmd     program passed in as string (terminates option list)\n"
              "  -m mod     run library module as a script (terminates option list)\n"
              "  --dis file print the register bytecode of every code object in file\n"
              "             (a source file, or a .pyc written by pvm)\n"
              "  --compile [-q] [--invalidation-mode MODE] PATH...\n"
              "             compile every .py file under PATH (files and folders, recursively)\n"
              "             to __pycache__/NAME.pvm-" PVM_BYTECODE_VERSION_STR ".pyc;\n"
              "             MODE is timestamp (default), checked-hash or unchecked-hash\n"
              "  -h, --help print this help message and exit\n"
              "  -V         print the version and exit\n",
              out);
}

int pvm_exit_status_from_exception(void); // core/pvm_api.c

// pvm --compile [-q] [--invalidation-mode MODE] PATH...
static int compile_main(int argc, char **argv, int i) {
    pyc_mode_t mode = PYC_MODE_TIMESTAMP;
    bool quiet = false;
    const char *env = getenv("SOURCE_DATE_EPOCH"); // reproducible builds, as py_compile
    if (env && *env) mode = PYC_MODE_CHECKED_HASH;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-q") == 0) {
            quiet = true;
        } else if (strcmp(argv[i], "--invalidation-mode") == 0 && i + 1 < argc) {
            const char *m = argv[++i];
            if (strcmp(m, "timestamp") == 0)
                mode = PYC_MODE_TIMESTAMP;
            else if (strcmp(m, "checked-hash") == 0)
                mode = PYC_MODE_CHECKED_HASH;
            else if (strcmp(m, "unchecked-hash") == 0)
                mode = PYC_MODE_UNCHECKED_HASH;
            else {
                fprintf(stderr,
                        "pvm --compile: invalid invalidation mode '%s' (timestamp, "
                        "checked-hash or unchecked-hash)\n",
                        m);
                return 2;
            }
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else {
            fprintf(stderr, "pvm --compile: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (i >= argc) {
        fputs("usage: pvm --compile [-q] [--invalidation-mode MODE] PATH...\n", stderr);
        return 2;
    }
    char *sargv[] = {"", NULL};
    if (pvm_initialize(1, sargv) != 0) return 1;
    int status = pyc_compile_paths(argv + i, argc - i, mode, quiet);
    pvm_finalize();
    fflush(stdout);
    fflush(stderr);
    _exit(status);
}

static bool is_pyc_path(const char *p) {
    size_t n = strlen(p);
    return (n > 4 && strcmp(p + n - 4, ".pyc") == 0) || pyc_is_cache_file(p);
}

int main(int argc, char **argv) {
    const char *cmd = NULL, *module = NULL, *dis = NULL, *script = NULL;
    bool dont_write = getenv("PYTHONDONTWRITEBYTECODE") && *getenv("PYTHONDONTWRITEBYTECODE");
    char **xopts = calloc((size_t)argc + 1, sizeof(char *));
    int n_xopts = 0;
    if (xopts == NULL) return 1;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-c") == 0 || strcmp(a, "-m") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "Argument expected for the %s option\n", a);
                fputs(usage_line, stderr);
                fputs("Try `pvm -h' for more information.\n", stderr);
                return 2;
            }
            if (a[1] == 'c')
                cmd = argv[++i];
            else
                module = argv[++i];
            i++;
            break;
        } else if (strcmp(a, "--dis") == 0) {
            if (i + 1 >= argc) {
                fputs("Argument expected for the --dis option\n", stderr);
                return 2;
            }
            dis = argv[++i];
            i++;
            break;
        } else if (strcmp(a, "--compile") == 0) {
            return compile_main(argc, argv, i + 1);
        } else if (strcmp(a, "-B") == 0) {
            dont_write = true;
        } else if (strncmp(a, "-X", 2) == 0) {
            if (a[2] == '\0' && i + 1 >= argc) {
                fputs("Argument expected for the -X option\n", stderr);
                fputs(usage_line, stderr);
                fputs("Try `pvm -h' for more information.\n", stderr);
                return 2;
            }
            xopts[n_xopts++] = a[2] ? (char *)a + 2 : argv[++i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("pvm 0.1 (Python 3.11 language)\n");
            return 0;
        } else if (strcmp(a, "-") == 0) {
            break;
        } else if (a[0] == '-') {
            fprintf(stderr, "Unknown option: %s\n", a);
            fputs(usage_line, stderr);
            fputs("Try `pvm -h' for more information.\n", stderr);
            return 2;
        } else {
            break;
        }
    }
    // sys.argv: ['-c' | module | script | '', rest...]
    const char *argv0 = "";
    if (cmd)
        argv0 = "-c";
    else if (module)
        argv0 = module;
    else if (dis)
        argv0 = dis;
    else if (i < argc) {
        argv0 = argv[i++];
        if (strcmp(argv0, "-") != 0) script = argv0;
    }
    int sargc = argc - i + 1;
    char **sargv = calloc((size_t)sargc + 1, sizeof(char *));
    if (sargv == NULL) return 1;
    sargv[0] = (char *)argv0;
    for (int k = 1; k < sargc; k++)
        sargv[k] = argv[i + k - 1];

    if (pvm_initialize(sargc, sargv) != 0) return 1;
    pvm_rt.dont_write_bytecode = dont_write;
    sysmodule_sync_flags();
    if (sysmodule_set_xoptions(xopts, n_xopts) < 0) {
        err_print();
        return 1;
    }
    free(xopts);

    int status;
    if (cmd) {
        status = pvm_run_string(cmd);
    } else if (module) {
        status = repl_run_module(module);
    } else if (dis) {
        status = repl_dis_file(dis);
    } else if (script) {
        if (is_pyc_path(script))
            status = repl_run_pyc(script);
        else if (sysmodule_set_path0(script) < 0 || import_set_main_loader(script) < 0)
            status = pvm_exit_status_from_exception();
        else
            status = pvm_run_file(script);
    } else {
        status = isatty(0) ? repl_interactive() : repl_run_stdin();
    }
    pvm_finalize();
    free(sargv);
    // Daemon threads may still run: end the process without running C
    // library destructors under their feet (stdio was flushed above).
    fflush(stdout);
    fflush(stderr);
    _exit(status);
}
