/*
 * core/pyc_path.c — where a source file's bytecode cache lives.
 *
 * Rule: pvm never writes a cache into a directory it does not own.
 *  - sys.pycache_prefix set (PYTHONPYCACHEPREFIX, or -X pycache_prefix=PATH
 *    which wins): every cache lives under it, at PREFIX + the source's
 *    absolute directory + NAME.pvm-VV.pyc (CPython's prefix scheme, with
 *    pvm's tag), and no __pycache__ folder is made beside any source.
 *  - Otherwise a source under a system tree (the standard library directory
 *    and /usr/lib/python3/dist-packages, whoever runs pvm, root included) or
 *    in a directory pvm cannot write gets the same scheme under the default
 *    prefix $XDG_CACHE_HOME/pvm, else $HOME/.cache/pvm.
 *  - Everything else: DIR/__pycache__/NAME.pvm-VV.pyc beside the source.
 * The path is a pure function of the source path and that state, so the
 * reader and the writer always agree.  sys.pycache_prefix is read on every
 * call, as CPython's importlib does, so a program may change it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../objects/str.h"
#include "error.h"
#include "pyc.h"
#include "sysmodule.h"

static const char cache_tag[] = ".pvm-" PVM_BYTECODE_VERSION_STR ".pyc";

// Is `path` equal to `dir` or inside it (textually)?
static bool under(const char *path, const char *dir) {
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return n > 0 && strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

// The default prefix, malloc'ed ("" when neither XDG_CACHE_HOME nor a home
// directory is known: then caches go under the current directory's
// ".cache/pvm", never beside a system source).
static char *default_prefix(void) {
    const char *xdg = getenv("XDG_CACHE_HOME");
    char *r = NULL;
    if (xdg && xdg[0] == '/') {
        if (asprintf(&r, "%s/pvm", xdg) < 0) r = NULL;
        return r;
    }
    const char *home = getenv("HOME");
    if (home == NULL || home[0] != '/') {
        struct passwd *pw = getpwuid(geteuid());
        home = pw && pw->pw_dir ? pw->pw_dir : "";
    }
    if (asprintf(&r, "%s%s.cache/pvm", home, home[0] ? "/" : "") < 0) r = NULL;
    return r;
}

// The prefix for a source in directory dir[0..dirlen): malloc'ed, or NULL
// with *oom false for "beside the source".
static char *prefix_for(const char *source_path, size_t dirlen, bool *oom) {
    *oom = false;
    obj_t *p = sysmodule_get("pycache_prefix");
    if (p != NULL && STR_CHECK(p) && str_nbytes(p) > 0) {
        char *r = strdup(str_data(p));
        DECREF(p);
        if (r == NULL) *oom = true;
        return r;
    }
    XDECREF(p);
    bool system = under(source_path, sysmodule_stdlib_dir()) ||
                  under(source_path, PVM_DIST_PACKAGES_DIR) ||
                  (sysmodule_pvm_lib_is_installed() && under(source_path, sysmodule_pvm_lib_dir()));
    if (!system) {
        char *dir = strndup(source_path, dirlen);
        if (dir == NULL) {
            *oom = true;
            return NULL;
        }
        // The folder must be writable (or its __pycache__, when it exists).
        char *pc = NULL;
        if (asprintf(&pc, "%s%s__pycache__", dir, dirlen ? "/" : "") < 0) pc = NULL;
        const char *d = dirlen ? dir : ".";
        struct stat st;
        if (pc != NULL && stat(pc, &st) == 0 && S_ISDIR(st.st_mode))
            system = access(pc, W_OK | X_OK) != 0;
        else
            system = access(d, W_OK | X_OK) != 0;
        free(pc);
        free(dir);
    }
    if (!system) return NULL;
    char *r = default_prefix();
    if (r == NULL) *oom = true;
    return r;
}

char *pyc_cache_path(const char *source_path) {
    const char *slash = strrchr(source_path, '/');
    size_t dirlen = slash ? (size_t)(slash - source_path) : 0;
    const char *base = slash ? slash + 1 : source_path;
    size_t blen = strlen(base);
    if (blen > 3 && strcmp(base + blen - 3, ".py") == 0) blen -= 3;
    bool oom;
    char *prefix = prefix_for(source_path, dirlen, &oom);
    if (oom) return NULL;
    char *r = NULL;
    if (prefix == NULL) {
        if (asprintf(&r, "%.*s%s__pycache__/%.*s%s", (int)dirlen, source_path, slash ? "/" : "",
                     (int)blen, base, cache_tag) < 0)
            r = NULL;
        return r;
    }
    // PREFIX + absolute source directory + NAME.tag
    char *absdir = NULL;
    if (source_path[0] == '/') {
        absdir = strndup(source_path, dirlen);
    } else {
        char cwd[PATH_MAX];
        if (getcwd(cwd, sizeof cwd) == NULL) strcpy(cwd, "/");
        const char *d = source_path;
        size_t dl = dirlen;
        while (dl >= 2 && d[0] == '.' && d[1] == '/') { // "./x" -> "x"
            d += 2;
            dl -= 2;
        }
        if (dl == 1 && d[0] == '.') dl = 0;
        if (asprintf(&absdir, "%s/%.*s", cwd, (int)dl, d) < 0) absdir = NULL;
    }
    if (absdir != NULL) {
        const char *a = absdir;
        while (*a == '/') // the prefix supplies the separator
            a++;
        size_t alen = strlen(a);
        while (alen > 0 && a[alen - 1] == '/')
            alen--;
        size_t plen = strlen(prefix);
        while (plen > 1 && prefix[plen - 1] == '/')
            plen--;
        if (asprintf(&r, "%.*s/%.*s%s%.*s%s", (int)plen, prefix, (int)alen, a, alen ? "/" : "",
                     (int)blen, base, cache_tag) < 0)
            r = NULL;
        free(absdir);
    }
    free(prefix);
    return r;
}

int pyc_make_dirs(const char *dir) {
    struct stat st;
    if (stat(dir, &st) == 0) return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
    char *tmp = strdup(dir);
    if (tmp == NULL) return -1;
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(tmp, 0777) < 0 && errno != EEXIST) {
            free(tmp);
            return -1;
        }
        *p = '/';
    }
    int rc = mkdir(tmp, 0777);
    free(tmp);
    return rc < 0 && errno != EEXIST ? -1 : 0;
}
