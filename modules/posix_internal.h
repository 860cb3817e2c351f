/*
 * modules/posix_internal.h — shared between the files of the `posix`
 * module (modules/posix.c: module, processes, environment, constants;
 * modules/posix_fs.c: paths, stat, directories, file descriptors).
 */
#ifndef PVM_POSIX_INTERNAL_H
#define PVM_POSIX_INTERNAL_H

#include <stdbool.h>
#include <sys/stat.h>

#include "../objects/object.h"

// A converted path argument (CPython's path_t rules): str (encoded as
// UTF-8 with surrogateescape), bytes, os.PathLike, or an int fd where the
// function accepts one.  `obj` is the argument as given (the filename of
// errors), `narrow` keeps `path` alive.
typedef struct {
    const char *fname;   // function name for messages
    const char *argname; // argument name for messages
    bool allow_fd, nullable;
    const char *path; // NULL: fd (or None when nullable)
    int fd;           // -1 unless an fd was given
    bool is_bytes;    // the result type for functions returning names
    obj_t *obj;       // borrowed: the argument as given
    obj_t *narrow;    // owned: the bytes holding `path`
    obj_t *conv;      // owned: what __fspath__ returned, or NULL
} path_t;

#define PATH_INIT(f, a, fd_ok, null_ok)                                                            \
    { .fname = f, .argname = a, .allow_fd = fd_ok, .nullable = null_ok, .fd = -1 }

int path_convert(obj_t *arg, path_t *p);
void path_release(path_t *p);
// Raises the OSError subclass for errnum with p's object as filename.
obj_t *posix_path_error(int errnum, path_t *p);
obj_t *posix_path_error2(int errnum, path_t *a, path_t *b);
// An fd argument: an int (or __index__) in C int range.
int posix_fd_arg(obj_t *v, int *fd);
// A name from the OS as the caller's type: bytes, or str (surrogateescape).
PVM_WUR obj_t *posix_fs_decode(const char *s, size_t n, bool as_bytes);
// str -> bytes, UTF-8 with surrogateescape (the file-system encoding).
PVM_WUR obj_t *posix_fs_encode(obj_t *s);
// dir_fd keyword: None or an fd; *fd = AT_FDCWD for None.
int posix_dir_fd(obj_t *v, int *fd);

PVM_WUR obj_t *posix_stat_result(const struct stat *st);
int posix_fs_add(obj_t *module);
int posix_misc_add(obj_t *module); // modules/posix_misc.c // functions and types of posix_fs.c
extern const method_def_t posix_fs_functions[];

#endif // PVM_POSIX_INTERNAL_H
