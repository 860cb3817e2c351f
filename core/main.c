/*
 * core/main.c — the `pvm` command line.  Thin: parses options and calls the
 * library (include/pvm.h and core/).
 *
 *   pvm script.py [args]    run a script          pvm -c 'code' [args]
 *   pvm -m module [args]    run a module          pvm --dis script.py
 *   pvm -B ...              no bytecode caches    pvm           (REPL)
 *   pvm file.pyc [args]     run a bytecode cache  pvm --compile PATH...
 *   pvm DIR | ZIP [args]    run its __main__ (core/runmain.c)
 */
#include <signal.h>
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
#include "runmain.h"
#include "runtime.h"
#include "sysmodule.h"
#include "../threads/race.h"
#include "../objects/list.h"
#include "../objects/pyhash.h"
#include "../objects/str.h"
#include "../threads/stress.h"
#include "../threads/thread.h"
#include "../modules/tracemalloc.h"
#if PVM_ASAN
#include <sanitizer/lsan_interface.h>
#endif

static const char usage_line[] = "usage: pvm [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

static void usage(FILE *out) {
    fputs(usage_line, out);
    if (out == stdout)
        fputs("Options:\n"
              "  -B         don't write .pyc files on import (also PYTHONDONTWRITEBYTECODE=x)\n"
              "  -X opt     set implementation-specific option (sys._xoptions); -X\n"
              "             pycache_prefix=PATH writes .pyc files under PATH (also\n"
              "             PYTHONPYCACHEPREFIX)\n"
              "  -X stress=SEED[,serial] | -X stress=explore:N[,serial]\n"
              "             stress-test threads: perturbed (or serialized, replayable)\n"
              "             interleavings; explore runs seeds 1..N (also PVM_STRESS);\n"
              "             see docs/stress-testing.md\n"
              "  -X race[=report-only]\n"
              "             report data races between threads (exit status 66 when\n"
              "             found, unless report-only; also PVM_RACE)\n"
              "  -c cmd     program passed in as string (terminates option list)\n"
              "  -i         inspect interactively after running the program, and force\n"
              "             the prompt even if stdin is not a terminal (also PYTHONINSPECT=x)\n"
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
bool pvm_exit_by_sigint(void);            // core/pvm_api.c
bool pvm_api_enter(void);                 // core/pvm_api.c: back inside the VM after pvm_initialize

static int append_warnoption(obj_t *list, const char *opt, size_t len) {
    obj_t *s = str_from_utf8(opt, len);
    int rc = s ? list_append(list, s) : -1;
    XDECREF(s);
    return rc;
}

// sys.warnoptions: the comma-separated entries of PYTHONWARNINGS (unless
// -E or -I), then the -W options, as CPython orders them.
static int set_warnoptions(char **opts, int n, bool use_env, bool dev_mode) {
    const char *env = use_env ? getenv("PYTHONWARNINGS") : NULL;
    if (n == 0 && !dev_mode && (env == NULL || *env == '\0')) return 0;
    obj_t *list = sysmodule_get("warnoptions");
    if (list == NULL) return 0;
    int rc = dev_mode ? append_warnoption(list, "default", 7) : 0; // lowest priority
    for (const char *p = env; p && *p && rc == 0;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len > 0) rc = append_warnoption(list, p, len);
        p = comma ? comma + 1 : NULL;
    }
    for (int i = 0; i < n && rc == 0; i++)
        rc = append_warnoption(list, opts[i], strlen(opts[i]));
    DECREF(list);
    return rc;
}

// -X dev, or PYTHONDEVMODE unless -E: CPython's development mode
// (sys.flags.dev_mode, the "default" warning filter, faulthandler).
static bool want_dev_mode(char **xopts, int n, bool use_env) {
    const char *env = use_env ? getenv("PYTHONDEVMODE") : NULL;
    if (env && *env) return true;
    for (int i = 0; i < n; i++)
        if (strcmp(xopts[i], "dev") == 0) return true;
    return false;
}

// -X utf8[=0|1] (the last one), else PYTHONUTF8=0/1 unless -E: UTF-8
// mode as asked; otherwise what runtime_init chose from the locale.
static void apply_utf8_mode(char **xopts, int n, bool use_env) {
    for (int i = n - 1; i >= 0; i--) {
        if (strcmp(xopts[i], "utf8") == 0 || strcmp(xopts[i], "utf8=1") == 0) {
            pvm_rt.utf8_mode = true;
            return;
        }
        if (strcmp(xopts[i], "utf8=0") == 0) {
            pvm_rt.utf8_mode = false;
            return;
        }
    }
    const char *env = use_env ? getenv("PYTHONUTF8") : NULL;
    if (env && strcmp(env, "1") == 0) pvm_rt.utf8_mode = true;
    if (env && strcmp(env, "0") == 0) pvm_rt.utf8_mode = false;
}

// -X faulthandler or PYTHONFAULTHANDLER: faulthandler.enable() at start-up.
static bool want_faulthandler(char **xopts, int n) {
    const char *env = getenv("PYTHONFAULTHANDLER");
    if (env && *env) return true;
    for (int i = 0; i < n; i++)
        if (strcmp(xopts[i], "faulthandler") == 0) return true;
    return false;
}

static int enable_faulthandler(void) {
    obj_t *m = import_module("faulthandler");
    if (m == NULL) return -1;
    obj_t *r = obj_call_method(m, "enable", NULL, 0);
    DECREF(m);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

// CPython's option letters that take no argument and that pvm accepts and
// ignores (-E -s -S -I -u -q -b -d -O -R -v): test.support.script_helper
// and subprocess start sys.executable with them.  "-IEs" style groups too.
// -i (inspect: the interactive prompt after the program), -B and -P (safe
// path: no sys.path entry for the program's folder; -I implies it) may be
// grouped with them.
#define FLAG_LETTERS "EsSIuqbdORviBP"
static bool accepted_flag_group(const char *a, bool *ignore_env, bool *inspect, bool *safe_path,
                                bool *dont_write) {
    if (a[0] != '-' || a[1] == '\0' || a[1] == '-') return false;
    for (const char *p = a + 1; *p; p++)
        if (strchr(FLAG_LETTERS, *p) == NULL) return false;
    if (strpbrk(a + 1, "EI")) *ignore_env = true; // PYTHONWARNINGS is not read
    if (strchr(a + 1, 'i')) *inspect = true;
    if (strpbrk(a + 1, "PI")) *safe_path = true;
    if (strchr(a + 1, 'B')) *dont_write = true;
    return true;
}

static char *dup_prefixed(const char *prefix, const char *s, size_t n) {
    size_t k = strlen(prefix);
    char *r = malloc(k + n + 1);
    if (r == NULL) return NULL;
    memcpy(r, prefix, k);
    memcpy(r + k, s, n);
    r[k + n] = '\0';
    return r;
}

// CPython's getopt lets flag letters share one argument with an option
// that takes a value, and the value follow its letter: "-sm mod", "-Im",
// "-mjson.tool", "-Bc code".  Splits such groups into separate arguments
// ("-s" "-m" "mod") so the option loop in main() sees one option each;
// everything from the program (or -c/-m's value) on is kept as is.  NULL
// when out of memory.  The strings live until the process ends.
static char **split_option_groups(int argc, char **argv, int *out_argc) {
    char **out = calloc((size_t)argc * 3 + 1, sizeof(char *));
    if (out == NULL) return NULL;
    int n = 0, i = 0;
    if (argc > 0) out[n++] = argv[i++];
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0' || strcmp(a, "--compile") == 0 || strcmp(a, "--dis") == 0)
            break; // the program, "-", or a mode that reads the rest itself
        if (a[1] == '-') {
            out[n++] = argv[i];
            continue;
        }
        const char *p = a + 1;
        while (*p && strchr(FLAG_LETTERS, *p))
            p++;
        bool inline_xw = p == a + 1 && p[1] != '\0' && (*p == 'X' || *p == 'W'); // "-Xdev"
        if (*p == '\0' || strchr("cmXW", *p) == NULL || inline_xw) {
            out[n++] = argv[i]; // as it is (an unknown letter is reported by main)
            continue;
        }
        if (p > a + 1 && (out[n++] = dup_prefixed("-", a + 1, (size_t)(p - a - 1))) == NULL)
            return NULL;
        if ((out[n++] = dup_prefixed("-", p, 1)) == NULL) return NULL;
        if (p[1] != '\0') {
            if ((out[n++] = dup_prefixed("", p + 1, strlen(p + 1))) == NULL) return NULL;
        } else if (i + 1 < argc) {
            out[n++] = argv[++i];
        }
        if (*p == 'c' || *p == 'm') {
            i++;
            break;
        }
    }
    for (; i < argc; i++)
        out[n++] = argv[i];
    out[n] = NULL;
    *out_argc = n;
    return out;
}

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
    pvm_api_enter();
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

// What main() allocates for the whole run (the split arguments, the -X and
// -W lists, sys.argv's array): held here so that it stays reachable (for
// LeakSanitizer too) whichever way main() ends.
static struct { char **argv, **xopts, **wopts, **sargv; } main_args;

int main(int argc, char **argv) {
    argv = main_args.argv = split_option_groups(argc, argv, &argc);
    if (argv == NULL) return 1;
    const char *cmd = NULL, *module = NULL, *dis = NULL, *script = NULL;
    bool dont_write = getenv("PYTHONDONTWRITEBYTECODE") && *getenv("PYTHONDONTWRITEBYTECODE");
    char **xopts = main_args.xopts = calloc((size_t)argc + 1, sizeof(char *));
    int n_xopts = 0;
    char **wopts = main_args.wopts = calloc((size_t)argc + 1, sizeof(char *));
    int n_wopts = 0;
    bool ignore_env = false;
    bool inspect = false;
    bool safe_path = false;
    if (xopts == NULL || wopts == NULL) return 1;
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
        } else if (accepted_flag_group(a, &ignore_env, &inspect, &safe_path, &dont_write)) {
            continue;
        } else if (strncmp(a, "-W", 2) == 0) {
            // Warning filters: sys.warnoptions, which warnings.py reads.
            if (a[2] == '\0' && i + 1 >= argc) {
                fputs("Argument expected for the -W option\n", stderr);
                fputs(usage_line, stderr);
                fputs("Try `pvm -h' for more information.\n", stderr);
                return 2;
            }
            wopts[n_wopts++] = a[2] ? (char *)a + 2 : argv[++i];
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
        argv0 = "-m"; // as CPython, until runpy has found the module's file
    else if (dis)
        argv0 = dis;
    else if (i < argc) {
        argv0 = argv[i++];
        if (strcmp(argv0, "-") != 0) script = argv0;
    }
    int sargc = argc - i + 1;
    char **sargv = main_args.sargv = calloc((size_t)sargc + 1, sizeof(char *));
    if (sargv == NULL) return 1;
    sargv[0] = (char *)argv0;
    for (int k = 1; k < sargc; k++)
        sargv[k] = argv[i + k - 1];

    int stress_status = stress_main(argc, argv, xopts, n_xopts); // -X stress (threads/stress.h)
    if (stress_status >= 0) return stress_status;
    int race_status = race_main(xopts, n_xopts); // -X race (threads/race.h)
    if (race_status >= 0) return race_status;
    // Stress mode rewrites code objects: no cache is written from them.
    if (stress_mode || race_mode) dont_write = true;
    // The hash secret before anything hashes a str: interned names and the
    // tables start-up builds keep the hashes they get now.  -X stress runs
    // must replay, so without PYTHONHASHSEED they take seed 0.
    pyhash_secret_init(!ignore_env, stress_mode != STRESS_OFF);
    if (pvm_initialize(sargc, sargv) != 0) return 1;
    pvm_api_enter();
    stress_start();
    race_start();
    pvm_rt.dont_write_bytecode = dont_write;
    bool dev_mode = want_dev_mode(xopts, n_xopts, !ignore_env);
    sysmodule_set_startup_flags(ignore_env, dev_mode);
    apply_utf8_mode(xopts, n_xopts, !ignore_env);
    sysmodule_sync_flags();
    if (sysmodule_set_xoptions(xopts, n_xopts) < 0) {
        err_print();
        return 1;
    }
    bool faulthandler = dev_mode || want_faulthandler(xopts, n_xopts);
    if (tracemalloc_start_from_options(xopts, n_xopts, !ignore_env) < 0) return 1;
    free(xopts);
    main_args.xopts = NULL;
    if (set_warnoptions(wopts, n_wopts, !ignore_env, dev_mode) < 0) {
        err_print();
        return 1;
    }
    free(wopts);
    main_args.wopts = NULL;
    if (faulthandler && enable_faulthandler() < 0) {
        err_print();
        return 1;
    }

    const char *safe_env = ignore_env ? NULL : getenv("PYTHONSAFEPATH");
    if (safe_env && *safe_env) safe_path = true;
    int status = 0;
    if (safe_path && !module && !script && runmain_drop_path0() < 0) {
        status = pvm_exit_status_from_exception();
    } else if (cmd) {
        status = pvm_run_string(cmd);
    } else if (module) {
        status = runmain_module(module, safe_path);
    } else if (dis) {
        status = repl_dis_file(dis);
    } else if (script) {
        if (runmain_may_be_importer(script) && runmain_path(script, &status))
            ; // a folder or zip archive: its __main__ ran
        else if (is_pyc_path(script))
            status = repl_run_pyc(script);
        else if ((safe_path ? runmain_drop_path0() : sysmodule_set_path0(script)) < 0 ||
                 import_set_main_loader(script) < 0)
            status = pvm_exit_status_from_exception();
        else
            status = pvm_run_file(script);
    }
    // PYTHONINSPECT as CPython reads it (unless -E/-I), at the end: the
    // program may have set it in os.environ.
    bool force_prompt = inspect; // -i itself
    const char *inspect_env = ignore_env ? NULL : getenv("PYTHONINSPECT");
    if (inspect_env && *inspect_env) inspect = true;
    // As CPython: the prompt (after a program, whatever it did) needs
    // inspection asked for and either a terminal or -i itself.
    bool prompt_ok = force_prompt || isatty(0);
    if (!cmd && !module && !dis && !script)
        status = prompt_ok ? repl_interactive(true) : repl_run_stdin();
    else if (inspect && prompt_ok && !dis)
        status = repl_interactive(false);
    pvm_finalize();
    status = stress_finish(status);
    status = race_finish(status);
    free(sargv);
    main_args.sargv = NULL;
    // Daemon threads may still run: end the process without running C
    // library destructors under their feet (stdio was flushed above).
    fflush(stdout);
    fflush(stderr);
#if PVM_ASAN
    // _exit skips LeakSanitizer's at-exit check: run it here (it does
    // nothing under ASAN_OPTIONS=detect_leaks=0).  What is still allocated
    // by design at exit is listed in tests/lsan.supp (docs/memory.md).
    // Not in a fork's child of a multi-threaded parent: what the threads
    // that did not survive the fork owned is unreachable by definition.
    if (!thread_fork_left_threads() && __lsan_do_recoverable_leak_check() && status == 0)
        status = 23; // LSan's exit code
#endif
    if (pvm_exit_by_sigint() && !inspect) {
        // As CPython: the default action of SIGINT ends the process.
        signal(SIGINT, SIG_DFL);
        kill(getpid(), SIGINT);
    }
    _exit(status);
}
