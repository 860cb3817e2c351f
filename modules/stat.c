/*
 * modules/stat.c — the native `_stat` module (CPython 3.11's API on
 * Linux): the S_IS*() tests, S_IMODE, S_IFMT, filemode and the S_*, ST_*,
 * UF_* and SF_* constants.  stat.py defines the same names in Python and
 * then takes these over (`from _stat import *`); the visible difference
 * is filemode's first letter, '?' for a mode of no known file type where
 * the Python version says '-' (tarfile's listings show it).
 *
 * A mode argument must be an int (no __index__), from 0 to 2**32 - 1, as
 * CPython's _PyLong_AsMode_t takes it.  The module has no state.
 */
#include <stdint.h>
#include <sys/stat.h>

#include "../core/error.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"

// File types Linux does not have (Solaris doors, event ports, BSD whiteouts).
#define S_IFDOOR_ 0
#define S_IFPORT_ 0
#define S_IFWHT_  0

static int mode_arg(obj_t *v, uint32_t *out) {
    if (!INT_CHECK(v)) {
        err_set_str(exc_TypeError, "an integer is required");
        return -1;
    }
    if (int_cmp(v, SMALLINT_FROM(0)) < 0) {
        err_set_str(exc_OverflowError, "can't convert negative value to unsigned int");
        return -1;
    }
    int64_t x;
    if (int_as_i64(v, &x) < 0) {
        err_clear();
        err_set_str(exc_OverflowError, "Python int too large to convert to C unsigned long");
        return -1;
    }
    if (x > (int64_t)UINT32_MAX) {
        err_set_str(exc_OverflowError, "mode out of range");
        return -1;
    }
    *out = (uint32_t)x;
    return 0;
}

#define STAT_TEST(pyname, test)                                                                    \
    static obj_t *sta_##pyname(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {    \
        uint32_t m;                                                                                \
        if (args_check("_stat." #pyname, nargs, kwnames, 1, 1) < 0 || mode_arg(args[0], &m) < 0)   \
            return NULL;                                                                           \
        return bool_from(test);                                                                    \
    }
STAT_TEST(S_ISDIR, S_ISDIR(m))
STAT_TEST(S_ISCHR, S_ISCHR(m))
STAT_TEST(S_ISBLK, S_ISBLK(m))
STAT_TEST(S_ISREG, S_ISREG(m))
STAT_TEST(S_ISFIFO, S_ISFIFO(m))
STAT_TEST(S_ISLNK, S_ISLNK(m))
STAT_TEST(S_ISSOCK, S_ISSOCK(m))
STAT_TEST(S_ISDOOR, false)
STAT_TEST(S_ISPORT, false)
STAT_TEST(S_ISWHT, false)

static obj_t *sta_S_IMODE(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    uint32_t m;
    if (args_check("_stat.S_IMODE", nargs, kwnames, 1, 1) < 0 || mode_arg(args[0], &m) < 0)
        return NULL;
    return int_from_i64(m & 07777);
}

static obj_t *sta_S_IFMT(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    uint32_t m;
    if (args_check("_stat.S_IFMT", nargs, kwnames, 1, 1) < 0 || mode_arg(args[0], &m) < 0)
        return NULL;
    return int_from_i64(m & S_IFMT);
}

static char file_type(uint32_t m) {
    if (S_ISREG(m)) return '-';
    if (S_ISDIR(m)) return 'd';
    if (S_ISLNK(m)) return 'l';
    if (S_ISBLK(m)) return 'b';
    if (S_ISCHR(m)) return 'c';
    if (S_ISFIFO(m)) return 'p';
    if (S_ISSOCK(m)) return 's';
    return '?';
}

// "-rwxr-xr-x" as `ls -l` writes it: s/S for set-user/group-ID, t/T for
// the sticky bit (capital when the matching x bit is off).
static obj_t *sta_filemode(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    uint32_t m;
    if (args_check("_stat.filemode", nargs, kwnames, 1, 1) < 0 || mode_arg(args[0], &m) < 0)
        return NULL;
    char b[11];
    b[0] = file_type(m);
    b[1] = m & S_IRUSR ? 'r' : '-';
    b[2] = m & S_IWUSR ? 'w' : '-';
    b[3] = m & S_ISUID ? (m & S_IXUSR ? 's' : 'S') : (m & S_IXUSR ? 'x' : '-');
    b[4] = m & S_IRGRP ? 'r' : '-';
    b[5] = m & S_IWGRP ? 'w' : '-';
    b[6] = m & S_ISGID ? (m & S_IXGRP ? 's' : 'S') : (m & S_IXGRP ? 'x' : '-');
    b[7] = m & S_IROTH ? 'r' : '-';
    b[8] = m & S_IWOTH ? 'w' : '-';
    b[9] = m & S_ISVTX ? (m & S_IXOTH ? 't' : 'T') : (m & S_IXOTH ? 'x' : '-');
    b[10] = '\0';
    return str_from_cstr(b);
}

static const method_def_t stat_functions[] = {
    {"S_ISDIR", sta_S_ISDIR, 0, NULL},   {"S_ISCHR", sta_S_ISCHR, 0, NULL},
    {"S_ISBLK", sta_S_ISBLK, 0, NULL},   {"S_ISREG", sta_S_ISREG, 0, NULL},
    {"S_ISFIFO", sta_S_ISFIFO, 0, NULL}, {"S_ISLNK", sta_S_ISLNK, 0, NULL},
    {"S_ISSOCK", sta_S_ISSOCK, 0, NULL}, {"S_ISDOOR", sta_S_ISDOOR, 0, NULL},
    {"S_ISPORT", sta_S_ISPORT, 0, NULL}, {"S_ISWHT", sta_S_ISWHT, 0, NULL},
    {"S_IMODE", sta_S_IMODE, 0, NULL},   {"S_IFMT", sta_S_IFMT, 0, NULL},
    {"filemode", sta_filemode, 0, NULL}, {NULL, NULL, 0, NULL},
};

static const struct {
    const char *name;
    long value;
} stat_constants[] = {
    {"S_IFDIR", S_IFDIR},
    {"S_IFCHR", S_IFCHR},
    {"S_IFBLK", S_IFBLK},
    {"S_IFREG", S_IFREG},
    {"S_IFIFO", S_IFIFO},
    {"S_IFLNK", S_IFLNK},
    {"S_IFSOCK", S_IFSOCK},
    {"S_IFDOOR", S_IFDOOR_},
    {"S_IFPORT", S_IFPORT_},
    {"S_IFWHT", S_IFWHT_},
    {"S_ISUID", S_ISUID},
    {"S_ISGID", S_ISGID},
    {"S_ISVTX", S_ISVTX},
    {"S_ENFMT", S_ISGID}, // mandatory locking: the set-group-ID bit, as CPython
    {"S_IREAD", S_IRUSR},
    {"S_IWRITE", S_IWUSR},
    {"S_IEXEC", S_IXUSR},
    {"S_IRWXU", S_IRWXU},
    {"S_IRUSR", S_IRUSR},
    {"S_IWUSR", S_IWUSR},
    {"S_IXUSR", S_IXUSR},
    {"S_IRWXG", S_IRWXG},
    {"S_IRGRP", S_IRGRP},
    {"S_IWGRP", S_IWGRP},
    {"S_IXGRP", S_IXGRP},
    {"S_IRWXO", S_IRWXO},
    {"S_IROTH", S_IROTH},
    {"S_IWOTH", S_IWOTH},
    {"S_IXOTH", S_IXOTH},
    // BSD file flags (chflags), CPython's values where the system has none.
    {"UF_NODUMP", 0x00000001},
    {"UF_IMMUTABLE", 0x00000002},
    {"UF_APPEND", 0x00000004},
    {"UF_OPAQUE", 0x00000008},
    {"UF_NOUNLINK", 0x00000010},
    {"UF_COMPRESSED", 0x00000020},
    {"UF_HIDDEN", 0x00008000},
    {"SF_ARCHIVED", 0x00010000},
    {"SF_IMMUTABLE", 0x00020000},
    {"SF_APPEND", 0x00040000},
    {"SF_NOUNLINK", 0x00100000},
    {"SF_SNAPSHOT", 0x00200000},
    // Indexes into the tuple os.stat() once returned.
    {"ST_MODE", 0},
    {"ST_INO", 1},
    {"ST_DEV", 2},
    {"ST_NLINK", 3},
    {"ST_UID", 4},
    {"ST_GID", 5},
    {"ST_SIZE", 6},
    {"ST_ATIME", 7},
    {"ST_MTIME", 8},
    {"ST_CTIME", 9},
};

obj_t *stat_module_init(void) {
    obj_t *m = module_new("_stat");
    if (!m) return NULL;
    obj_t *d = module_dict(m);
    if (module_add_functions(m, stat_functions) < 0) goto fail;
    for (size_t i = 0; i < sizeof stat_constants / sizeof stat_constants[0]; i++) {
        obj_t *v = int_from_i64(stat_constants[i].value);
        int rc = v ? dict_set_str(d, stat_constants[i].name, v) : -1;
        XDECREF(v);
        if (rc < 0) goto fail;
    }
    return m;
fail:
    DECREF(m);
    return NULL;
}
