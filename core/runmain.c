/*
 * core/runmain.c — the programs that runpy runs for the command line, as
 * CPython's start-up does:
 *
 *   pvm -m NAME [args]   runpy._run_module_as_main(NAME, alter_argv=True):
 *                        sys.argv[0] is "-m" while the module is looked
 *                        up, then its file; a package runs NAME.__main__.
 *   pvm DIR | pvm ZIP    when a sys.path hook accepts the path (a folder, a
 *                        zip archive: any file zipimport reads), the path
 *                        (made absolute, not normalized) becomes
 *                        sys.path[0] and runpy._run_module_as_main(
 *                        "__main__", alter_argv=False) runs its __main__
 *                        module; sys.argv[0] stays the path as given.
 *
 * Going through runpy gives __spec__, __loader__, __file__, __cached__ and
 * every error message ("can't find '__main__' module in ...", "No module
 * named ...", "... is a package and cannot be directly executed") exactly
 * as CPython.  Only the start-up thread runs this, before any other thread
 * exists.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "import.h"
#include "runmain.h"
#include "runtime.h"
#include "sysmodule.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/list.h"
#include "../objects/str.h"

int pvm_exit_status_from_exception(void); // core/pvm_api.c

// A zip archive ends with an end-of-central-directory record ("PK\5\6",
// 22 bytes plus a comment of at most 65535 bytes).  Only a file whose tail
// holds that signature is offered to the path hooks: a plain script then
// never imports zipimport.
static bool tail_has_zip_signature(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool found = false;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 22) {
        off_t want = st.st_size < 65557 ? st.st_size : 65557;
        unsigned char *buf = malloc((size_t)want);
        if (buf != NULL && pread(fd, buf, (size_t)want, st.st_size - want) == (ssize_t)want) {
            for (off_t i = want - 22; i >= 0 && !found; i--)
                found = buf[i] == 'P' && buf[i + 1] == 'K' && buf[i + 2] == 5 && buf[i + 3] == 6;
        }
        free(buf);
    }
    close(fd);
    return found;
}

bool runmain_may_be_importer(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return false;
    if (S_ISDIR(st.st_mode)) return true;
    return tail_has_zip_signature(path);
}

// The first importer a sys.path_hooks entry makes for `path` (a hook that
// raises ImportError declines), cached in sys.path_importer_cache as the
// import system does.  1: found, 0: none, -1 + exception.
static int find_importer(obj_t *path) {
    obj_t *hooks = sysmodule_get("path_hooks");
    if (hooks == NULL || !LIST_CHECK(hooks)) {
        XDECREF(hooks);
        return 0;
    }
    int found = 0;
    for (ssize_t i = 0; i < list_size(hooks) && found == 0; i++) {
        obj_t *hook = list_get(hooks, i);
        if (hook == NULL) {
            found = -1;
            break;
        }
        obj_t *importer = obj_call1(hook, path);
        DECREF(hook);
        if (importer == NULL) {
            if (!err_matches(exc_ImportError)) {
                found = -1;
                break;
            }
            err_clear();
            continue;
        }
        found = 1;
        obj_t *cache = sysmodule_get("path_importer_cache");
        if (cache != NULL && DICT_CHECK(cache) && dict_set(cache, path, importer) < 0) found = -1;
        XDECREF(cache);
        DECREF(importer);
    }
    DECREF(hooks);
    return found;
}

// runpy._run_module_as_main(name, alter_argv); the exit status.
static int run_module_as_main(const char *name, bool alter_argv) {
    obj_t *runpy = import_module("runpy");
    if (runpy == NULL) {
        fputs("Could not import runpy module\n", stderr);
        return pvm_exit_status_from_exception();
    }
    obj_t *fn = obj_getattr_str(runpy, "_run_module_as_main");
    DECREF(runpy);
    if (fn == NULL) {
        fputs("Could not access runpy._run_module_as_main\n", stderr);
        return pvm_exit_status_from_exception();
    }
    obj_t *n = str_from_cstr(name);
    obj_t *r = n ? obj_call2(fn, n, bool_from(alter_argv)) : NULL;
    XDECREF(n);
    DECREF(fn);
    if (r == NULL) return pvm_exit_status_from_exception();
    DECREF(r);
    return 0;
}

// Sets sys.path[0] (pvm's start-up puts a placeholder there) to `entry`.
static int set_path0(obj_t *entry) {
    obj_t *path = sysmodule_get("path");
    int rc = 0;
    if (path != NULL && LIST_CHECK(path))
        rc = list_size(path) > 0 ? list_set(path, 0, entry) : list_append(path, entry);
    XDECREF(path);
    return rc;
}

int runmain_path(const char *path, int *status) {
    obj_t *abs;
    char cwd[PATH_MAX];
    if (path[0] == '/' || getcwd(cwd, sizeof cwd) == NULL) {
        abs = str_from_cstr(path);
    } else {
        size_t n = strlen(cwd) + strlen(path) + 2;
        char *joined = malloc(n);
        if (joined == NULL) {
            err_no_memory();
            *status = pvm_exit_status_from_exception();
            return 1;
        }
        snprintf(joined, n, "%s%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/", path);
        abs = str_from_cstr(joined);
        free(joined);
    }
    int found = abs ? find_importer(abs) : -1;
    if (found == 0) {
        DECREF(abs);
        return 0;
    }
    if (found < 0 || set_path0(abs) < 0) {
        XDECREF(abs);
        *status = pvm_exit_status_from_exception();
        return 1;
    }
    DECREF(abs);
    *status = run_module_as_main("__main__", false);
    return 1;
}

int runmain_drop_path0(void) {
    obj_t *path = sysmodule_get("path");
    int rc = 0;
    if (path != NULL && LIST_CHECK(path) && list_size(path) > 0) {
        obj_t *zero = SMALLINT_FROM(0);
        rc = obj_delitem(path, zero);
    }
    XDECREF(path);
    return rc;
}

int runmain_module(const char *name, bool safe_path) {
    if (safe_path) {
        if (runmain_drop_path0() < 0) return pvm_exit_status_from_exception();
    } else {
        char cwd[PATH_MAX];
        if (getcwd(cwd, sizeof cwd) == NULL) strcpy(cwd, "");
        obj_t *d = str_from_cstr(cwd);
        if (d == NULL || set_path0(d) < 0) {
            XDECREF(d);
            return pvm_exit_status_from_exception();
        }
        DECREF(d);
    }
    return run_module_as_main(name, true);
}
