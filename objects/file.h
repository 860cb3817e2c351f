/*
 * objects/file.h — file objects: what open() returns and what sys.stdin,
 * sys.stdout and sys.stderr are.  Text mode reads and writes UTF-8 with
 * universal newlines on input; binary mode reads and writes bytes.
 *
 * Concurrency: every operation on a file runs in the file's critical
 * section, so concurrent write() calls from several threads never tear one
 * another's text (print() of one argument is atomic; CPython gives the same).
 */
#ifndef PVM_FILE_H
#define PVM_FILE_H

#include "object.h"

typedef struct {
    obj_t ob;
    int fd;
    bool readable, writable, binary, append;
    bool closed, closefd;
    bool line_buffered, unbuffered;
    bool eof;
    obj_t *name; // str or int
    obj_t *mode; // str
    char *wbuf;
    size_t wlen, wcap;
    char *rbuf;
    size_t rpos, rlen, rcap;
    obj_t *_Atomic buffer; // text files: the binary file .buffer gives, made once, or NULL
} file_t;

extern type_t file_type;
#define FILE_CHECK(v) (!IS_SMALLINT(v) && type_is_subtype((v)->ob_type, &file_type))

// open(path, mode) for the builtin.
PVM_WUR obj_t *file_open(obj_t *path, const char *mode, int buffering);
// Wraps an existing descriptor (sys.stdout ...).  buffering: 0 unbuffered,
// 1 line buffered, -1 default (line buffered for ttys, else block).
PVM_WUR obj_t *file_from_fd(int fd, const char *name, const char *mode, int buffering);
// Writes UTF-8 text to a text file (fast path for print).
int file_write_utf8(obj_t *f, const char *s, size_t n);
int file_flush(obj_t *f);
// The flush of interpreter shutdown: waits at most about timeout_ms for
// another thread that holds the file (a daemon thread blocked writing to a
// pipe nobody reads holds it for ever), then gives up.  1 flushed, 0 gave
// up, -1 error (exception set).
int file_flush_at_exit(obj_t *f, int timeout_ms);

#endif // PVM_FILE_H
