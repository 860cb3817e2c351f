/*
 * modules/mmap.c — the native `mmap` module: mmap.mmap over mmap(2) with
 * CPython 3.11's Unix API, results and messages: anonymous maps (fileno
 * -1), ACCESS_READ / WRITE / COPY, read / write / seek / find / move /
 * resize (mremap) / flush (msync) / madvise, indexing and slicing (get
 * and set, with steps), iteration by one-byte bytes, the context manager,
 * the buffer protocol (memoryview, bytes(), re, struct.pack_into) and the
 * MAP_* / PROT_* / MADV_* / ACCESS_* constants.
 *
 * Concurrency: an mmap object may be shared by threads.  Every field but
 * the immutable ones (access, offset) is read and written inside the
 * object's critical section.  Three counts keep the mapping alive while
 * someone uses its memory without holding the section:
 *   - `exports`: live buffer exports (memoryview(m), re, struct ...).
 *     While one lives, close() and resize() raise BufferError, as CPython.
 *   - `users`: operations that copy out of the mapping into a new bytes
 *     object (read, readline, slicing, flush).  Allocating may block and so
 *     suspend the section (threads/critical.h); such an operation computes
 *     its range and moves `pos` under the section, takes a use, copies
 *     inside the section again (a suspension cannot unmap or move the
 *     memory while the use is held) and gives the use back.  close()
 *     during a use marks the object closed at once (new operations fail)
 *     and the last user unmaps; resize() during a use raises the exports
 *     BufferError.
 * Everything else (writes, find, move, single bytes, resize itself) runs
 * whole inside the section with no allocation and no Python code, so no
 * other thread can unmap or move the memory under it.  Argument
 * conversions (__index__, buffer exports of the argument) happen before
 * the section is entered.
 */
#define _GNU_SOURCE // mremap, memmem, MAP_ANONYMOUS, F_DUPFD_CLOEXEC
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/error.h"
#include "../objects/buffer.h"
#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/range.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../objects/type.h"
#include "../threads/critical.h"

enum { ACCESS_DEFAULT, ACCESS_READ, ACCESS_WRITE, ACCESS_COPY };

typedef struct {
    obj_t ob;
    unsigned char *data; // section; NULL once unmapped
    ssize_t size;        // section
    ssize_t pos;         // section; may lie past size after a shrink
    ssize_t exports;     // section: live buffer exports
    ssize_t users;       // section: copies running outside the section
    int fd;              // section; -1 for anonymous maps and once closed
    bool closed;         // section: close() ran (the last user unmaps)
    size_t backing;      // section: anonymous shared maps: bytes of shared memory behind them
    int access;          // immutable
    int prot;            // immutable
    bool anon_shared;    // immutable: fileno -1 with MAP_SHARED
    long long offset;    // immutable
} mmap_t;

#define MM(o) ((mmap_t *)(o))

extern type_t mmap_type;
static type_t mmap_iter_type;

static const char closed_msg[] = "mmap closed or invalid";
static const char readonly_msg[] = "mmap can't modify a readonly memory map.";
static const char resize_exported_msg[] = "mmap can't resize with extant buffers exported.";

// ---- checks (section held) -------------------------------------------------------------------

static int check_open(mmap_t *m) {
    if (m->closed) {
        err_set_str(exc_ValueError, closed_msg);
        return -1;
    }
    return 0;
}

static int check_writable(mmap_t *m) {
    if (m->access == ACCESS_READ) {
        err_set_str(exc_TypeError, readonly_msg);
        return -1;
    }
    return 0;
}

// The open check on its own, for methods whose CPython version checks it
// before converting arguments.
static int precheck_open(mmap_t *m) {
    int rc;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    END_CRITICAL_SECTION();
    return rc;
}

// Gives back a use taken under the section; the last user after close()
// unmaps.
static void unuse(mmap_t *m) {
    unsigned char *p = NULL;
    size_t n = 0;
    BEGIN_CRITICAL_SECTION(m);
    if (--m->users == 0 && m->closed && m->data) {
        p = m->data;
        n = (size_t)m->size;
        m->data = NULL;
    }
    END_CRITICAL_SECTION();
    if (p) munmap(p, n);
}

// ---- argument conversions ---------------------------------------------------------------------

// A C int (CPython's "i" format).
static int int_arg(obj_t *v, int *out) {
    obj_t *iv = obj_index(v);
    if (iv == NULL) return -1;
    int64_t x;
    int rc = int_as_i64(iv, &x);
    DECREF(iv);
    if (rc < 0 || x > INT_MAX) {
        err_clear();
        err_set_str(exc_OverflowError, "signed integer is greater than maximum");
        return -1;
    }
    if (x < INT_MIN) {
        err_set_str(exc_OverflowError, "signed integer is less than minimum");
        return -1;
    }
    *out = (int)x;
    return 0;
}

// A Py_ssize_t (CPython's "n" format).
static int ssize_arg(obj_t *v, ssize_t *out) {
    ssize_t x = obj_as_ssize(v);
    if (x == -1 && err_occurred()) {
        if (err_matches(exc_IndexError)) { // too big: obj_as_ssize's IndexError
            err_clear();
            err_set_str(exc_OverflowError, "Python int too large to convert to C ssize_t");
        }
        return -1;
    }
    *out = x;
    return 0;
}

static size_t page_round(size_t n) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (n + page - 1) / page * page;
}

// ---- construction -----------------------------------------------------------------------------

// CPython's messages for the constructor's argument errors, which name no
// function ("function missing required argument 'fileno' (pos 1)");
// args_parse reports whatever is left (a name given twice).
static int check_new_args(obj_t *const *args, size_t nargs, obj_t *kwnames,
                          const char *const *names) {
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (nargs + nkw > 6) {
        err_format(exc_TypeError, "function takes at most 6 arguments (%zu given)", nargs + nkw);
        return -1;
    }
    bool given[6] = {false};
    for (size_t i = 0; i < nargs; i++)
        given[i] = true;
    for (size_t k = 0; k < nkw; k++) {
        obj_t *key = TUPLE_ITEMS(kwnames)[k];
        size_t i = 0;
        while (names[i] && !str_eq_cstr(key, names[i]))
            i++;
        if (names[i] == NULL) {
            err_format(exc_TypeError, "'%U' is an invalid keyword argument for this function", key);
            return -1;
        }
        if (i < nargs) {
            err_format(exc_TypeError,
                       "argument for function given by name ('%s') and position (%zu)", names[i],
                       i + 1);
            return -1;
        }
        given[i] = true;
    }
    for (size_t i = 0; i < 2; i++) {
        if (!given[i]) {
            err_format(exc_TypeError, "function missing required argument '%s' (pos %zu)", names[i],
                       i + 1);
            return -1;
        }
    }
    return 0;
}

static obj_t *mmap_tp_new(type_t *type, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    static const char *const names[] = {"fileno", "length", "flags", "prot",
                                        "access", "offset", NULL};
    obj_t *a[6] = {NULL};
    if (check_new_args(args, nargs, kwnames, names) < 0 ||
        args_parse("mmap", args, nargs, kwnames, names, 2, a) < 0)
        return NULL;
    int fd, flags = MAP_SHARED, prot = PROT_WRITE | PROT_READ, access = ACCESS_DEFAULT;
    ssize_t length;
    int64_t offset = 0;
    if (int_arg(a[0], &fd) < 0 || ssize_arg(a[1], &length) < 0) return NULL;
    if ((a[2] && int_arg(a[2], &flags) < 0) || (a[3] && int_arg(a[3], &prot) < 0) ||
        (a[4] && int_arg(a[4], &access) < 0))
        return NULL;
    if (a[5]) {
        obj_t *iv = obj_index(a[5]);
        if (iv == NULL) return NULL;
        int rc = int_as_i64(iv, &offset);
        DECREF(iv);
        if (rc < 0) return NULL;
    }
    if (length < 0) {
        err_set_str(exc_OverflowError, "memory mapped length must be positive");
        return NULL;
    }
    if (offset < 0) {
        err_set_str(exc_OverflowError, "memory mapped offset must be positive");
        return NULL;
    }
    if (access != ACCESS_DEFAULT && (flags != MAP_SHARED || prot != (PROT_WRITE | PROT_READ))) {
        err_set_str(exc_ValueError, "mmap can't specify both access and flags, prot.");
        return NULL;
    }
    switch (access) {
    case ACCESS_READ:
        flags = MAP_SHARED;
        prot = PROT_READ;
        break;
    case ACCESS_WRITE:
        flags = MAP_SHARED;
        prot = PROT_READ | PROT_WRITE;
        break;
    case ACCESS_COPY:
        flags = MAP_PRIVATE;
        prot = PROT_READ | PROT_WRITE;
        break;
    case ACCESS_DEFAULT:
        // A map without PROT_WRITE is read-only; one with only PROT_WRITE is
        // written through.
        if (!((prot & PROT_READ) && (prot & PROT_WRITE)))
            access = (prot & PROT_WRITE) ? ACCESS_WRITE : ACCESS_READ;
        break;
    default: err_set_str(exc_ValueError, "mmap invalid access parameter."); return NULL;
    }
    struct stat st;
    if (fd != -1 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if (length == 0) {
            if (st.st_size == 0) {
                err_set_str(exc_ValueError, "cannot mmap an empty file");
                return NULL;
            }
            if (offset >= st.st_size) {
                err_set_str(exc_ValueError, "mmap offset is greater than file size");
                return NULL;
            }
            if (st.st_size - offset > (int64_t)SSIZE_MAX) {
                err_set_str(exc_ValueError, "mmap length is too large");
                return NULL;
            }
            length = (ssize_t)(st.st_size - offset);
        } else if (offset > st.st_size || st.st_size - offset < length) {
            err_set_str(exc_ValueError, "mmap length is greater than file size");
            return NULL;
        }
    }
    int dupfd = -1;
    if (fd == -1) {
        flags |= MAP_ANONYMOUS;
    } else {
        dupfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (dupfd < 0) {
            err_from_errno(errno, NULL);
            return NULL;
        }
    }
    void *p = mmap(NULL, (size_t)length, prot, flags, dupfd, (off_t)offset);
    if (p == MAP_FAILED) {
        int e = errno;
        if (dupfd >= 0) close(dupfd);
        err_from_errno(e, NULL);
        return NULL;
    }
    mmap_t *m = (mmap_t *)obj_alloc(type, type->basicsize);
    if (m == NULL) {
        munmap(p, (size_t)length);
        if (dupfd >= 0) close(dupfd);
        return NULL;
    }
    m->data = p;
    m->size = length;
    m->fd = dupfd;
    m->access = access;
    m->prot = prot;
    m->anon_shared = fd == -1 && (flags & MAP_SHARED);
    m->backing = page_round((size_t)length);
    m->offset = offset;
    return (obj_t *)m;
}

static void mmap_dealloc(obj_t *self) {
    mmap_t *m = MM(self);
    if (m->data) munmap(m->data, (size_t)m->size);
    if (m->fd >= 0) close(m->fd);
    obj_free(self);
}

// ---- close, context manager, closed ----------------------------------------------------------

static obj_t *mmap_close(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("mmap.close", nargs, kwnames, 0, 0) < 0) return NULL;
    mmap_t *m = MM(self);
    unsigned char *p = NULL;
    size_t n = 0;
    int fd = -1, rc = 0;
    BEGIN_CRITICAL_SECTION(m);
    if (m->exports > 0) {
        err_set_str(exc_BufferError, "cannot close exported pointers exist");
        rc = -1;
    } else {
        m->closed = true;
        fd = m->fd;
        m->fd = -1;
        if (m->users == 0 && m->data) {
            p = m->data;
            n = (size_t)m->size;
            m->data = NULL;
        }
    }
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    if (fd >= 0) close(fd);
    if (p) munmap(p, n);
    return NEWREF(None);
}

static obj_t *mmap_enter(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("mmap.__enter__", nargs, kwnames, 0, 0) < 0) return NULL;
    if (precheck_open(MM(self)) < 0) return NULL;
    return NEWREF(self);
}

static obj_t *mmap_exit(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_no_kw("__exit__", kwnames) < 0) return NULL;
    return mmap_close(self, NULL, 0, NULL);
}

static obj_t *mmap_get_closed(obj_t *self, void *closure) {
    bool c;
    BEGIN_CRITICAL_SECTION(self);
    c = MM(self)->closed;
    END_CRITICAL_SECTION();
    return bool_from(c);
}

// ---- reading ----------------------------------------------------------------------------------

// Copies n bytes at start out of the mapping, the section released; the
// caller took a use under the section.  Gives the use back.
// The copy itself runs inside the section (taken again if the allocation
// suspended it), so it never overlaps another thread's write into the
// mapping (TSan saw mmap_threads' readers race a setitem); the use keeps
// the mapping in place across a suspension.
static obj_t *copy_out(mmap_t *m, const unsigned char *data, ssize_t start, ssize_t n) {
    obj_t *r;
    BEGIN_CRITICAL_SECTION(m);
    r = bytes_from(data + start, (size_t)n);
    END_CRITICAL_SECTION();
    unuse(m);
    return r;
}

// read() and readline(): takes up to `want` bytes (all when negative; up
// to and including the first newline when `line`) at the position and
// advances it, inside the section; the copy holds a use (copy_out).
static obj_t *read_from_pos(mmap_t *m, ssize_t want, bool line) {
    const unsigned char *data = NULL;
    ssize_t start = 0, n = 0;
    int rc;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) {
        ssize_t remaining = m->pos < m->size ? m->size - m->pos : 0;
        start = m->pos;
        n = want < 0 || want > remaining ? remaining : want;
        if (line) {
            const unsigned char *eol =
                remaining ? memchr(m->data + start, '\n', (size_t)remaining) : NULL;
            if (eol) n = eol - (m->data + start) + 1;
        }
        m->pos += n;
        data = m->data;
        m->users++;
    }
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    return copy_out(m, data, start, n);
}

static obj_t *mmap_read(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("read", nargs, kwnames, 0, 1) < 0) return NULL;
    mmap_t *m = MM(self);
    ssize_t want = -1;
    if (nargs == 1 && args[0] != None) {
        if (!INT_CHECK(args[0]) && !type_lookup(TYPE(args[0]), str_intern("__index__"))) {
            err_format(exc_TypeError, "argument should be integer or None, not '%s'",
                       obj_type_name(args[0]));
            return NULL;
        }
        if (ssize_arg(args[0], &want) < 0) return NULL;
    }
    return read_from_pos(m, want, false);
}

static obj_t *mmap_readline(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("mmap.readline", nargs, kwnames, 0, 0) < 0) return NULL;
    return read_from_pos(MM(self), -1, true);
}

static obj_t *mmap_read_byte(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("mmap.read_byte", nargs, kwnames, 0, 0) < 0) return NULL;
    mmap_t *m = MM(self);
    int rc, byte = 0;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0 && m->pos >= m->size) {
        err_set_str(exc_ValueError, "read byte out of range");
        rc = -1;
    }
    if (rc == 0) byte = m->data[m->pos++];
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : int_from_i64(byte);
}

// find / rfind: the lowest (highest) index of sub in [start, end).
static obj_t *find_common(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames,
                          bool reverse) {
    const char *name = reverse ? "rfind" : "find";
    if (args_check_tuple(name, nargs, kwnames, 1, 3) < 0) return NULL;
    mmap_t *m = MM(self);
    if (precheck_open(m) < 0) return NULL;
    buffer_t view = {0};
    if (buffer_get(args[0], &view) < 0) return NULL;
    ssize_t start = 0, end = 0;
    if ((nargs > 1 && ssize_arg(args[1], &start) < 0) ||
        (nargs > 2 && ssize_arg(args[2], &end) < 0)) {
        buffer_release(&view);
        return NULL;
    }
    ssize_t found = -1;
    int rc;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) {
        ssize_t size = m->size;
        if (nargs < 2) start = m->pos;
        if (nargs < 3) end = size;
        if (start < 0) start += size;
        if (start < 0) start = 0;
        if (start > size) start = size;
        if (end < 0) end += size;
        if (end < 0) end = 0;
        if (end > size) end = size;
        ssize_t sl = (ssize_t)view.len;
        if (sl == 0) {
            found = reverse ? end : start; // even when end < start, as CPython
        } else if (end - start >= sl) {
            const unsigned char *d = m->data;
            if (!reverse) {
                const unsigned char *hit =
                    memmem(d + start, (size_t)(end - start), view.buf, (size_t)sl);
                if (hit) found = hit - d;
            } else {
                for (ssize_t i = end - sl; i >= start; i--) {
                    if (d[i] == view.buf[0] && memcmp(d + i, view.buf, (size_t)sl) == 0) {
                        found = i;
                        break;
                    }
                }
            }
        }
    }
    END_CRITICAL_SECTION();
    buffer_release(&view);
    return rc < 0 ? NULL : int_from_i64(found);
}

static obj_t *mmap_find(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return find_common(self, args, nargs, kwnames, false);
}

static obj_t *mmap_rfind(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    return find_common(self, args, nargs, kwnames, true);
}

// ---- writing ----------------------------------------------------------------------------------

static obj_t *mmap_write(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("write", nargs, kwnames, 1, 1) < 0) return NULL;
    mmap_t *m = MM(self);
    if (precheck_open(m) < 0) return NULL;
    buffer_t view = {0};
    if (buffer_get(args[0], &view) < 0) return NULL;
    int rc;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) rc = check_writable(m);
    if (rc == 0 && (m->pos > m->size || m->size - m->pos < (ssize_t)view.len)) {
        err_set_str(exc_ValueError, "data out of range");
        rc = -1;
    }
    if (rc == 0) {
        if (view.len) memmove(m->data + m->pos, view.buf, view.len);
        m->pos += (ssize_t)view.len;
    }
    END_CRITICAL_SECTION();
    size_t n = view.len;
    buffer_release(&view);
    return rc < 0 ? NULL : int_from_i64((int64_t)n);
}

static obj_t *mmap_write_byte(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("write_byte", nargs, kwnames, 1, 1) < 0) return NULL;
    mmap_t *m = MM(self);
    if (precheck_open(m) < 0) return NULL;
    obj_t *iv = obj_index(args[0]);
    if (iv == NULL) return NULL;
    int64_t x;
    int rc = int_as_i64(iv, &x); // OverflowError "... to C long" as CPython's "b"
    DECREF(iv);
    if (rc < 0) return NULL;
    if (x < 0 || x > 255) {
        err_set_str(exc_OverflowError, x < 0 ? "unsigned byte integer is less than minimum"
                                             : "unsigned byte integer is greater than maximum");
        return NULL;
    }
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) rc = check_writable(m);
    if (rc == 0 && m->pos >= m->size) {
        err_set_str(exc_ValueError, "write byte out of range");
        rc = -1;
    }
    if (rc == 0) m->data[m->pos++] = (unsigned char)x;
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *mmap_move(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("move", nargs, kwnames, 3, 3) < 0) return NULL;
    mmap_t *m = MM(self);
    if (precheck_open(m) < 0) return NULL;
    ssize_t dest, src, cnt;
    if (ssize_arg(args[0], &dest) < 0 || ssize_arg(args[1], &src) < 0 ||
        ssize_arg(args[2], &cnt) < 0)
        return NULL;
    int rc;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) rc = check_writable(m);
    if (rc == 0 &&
        (dest < 0 || src < 0 || cnt < 0 || m->size - dest < cnt || m->size - src < cnt)) {
        err_set_str(exc_ValueError, "source, destination, or count out of range");
        rc = -1;
    }
    if (rc == 0 && cnt) memmove(m->data + dest, m->data + src, (size_t)cnt);
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

// ---- position, size ---------------------------------------------------------------------------

static obj_t *mmap_seek(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("seek", nargs, kwnames, 1, 2) < 0) return NULL;
    mmap_t *m = MM(self);
    if (precheck_open(m) < 0) return NULL;
    ssize_t dist;
    int how = 0;
    if (ssize_arg(args[0], &dist) < 0 || (nargs > 1 && int_arg(args[1], &how) < 0)) return NULL;
    int rc;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) {
        ssize_t where = 0;
        const char *err = NULL;
        switch (how) {
        case 0: where = dist; break;
        case 1:
            if (dist > 0 ? m->pos > SSIZE_MAX - dist : m->pos + dist < 0)
                err = "seek out of range";
            else
                where = m->pos + dist;
            break;
        case 2:
            if (dist > 0 && m->size > SSIZE_MAX - dist)
                err = "seek out of range";
            else
                where = m->size + dist;
            break;
        default: err = "unknown seek type";
        }
        if (!err && (where > m->size || where < 0)) err = "seek out of range";
        if (err) {
            err_set_str(exc_ValueError, err);
            rc = -1;
        } else {
            m->pos = where;
        }
    }
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *mmap_tell(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("mmap.tell", nargs, kwnames, 0, 0) < 0) return NULL;
    mmap_t *m = MM(self);
    ssize_t pos = 0;
    int rc;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    pos = m->pos;
    END_CRITICAL_SECTION();
    return rc < 0 ? NULL : int_from_i64(pos);
}

// The size of the underlying file (fstat of the descriptor: an anonymous
// map fails with EBADF, as CPython's).
static obj_t *mmap_size(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("mmap.size", nargs, kwnames, 0, 0) < 0) return NULL;
    mmap_t *m = MM(self);
    struct stat st;
    int rc, e = 0;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0 && fstat(m->fd, &st) < 0) {
        e = errno;
        rc = -1;
    }
    END_CRITICAL_SECTION();
    if (e) err_from_errno(e, NULL);
    return rc < 0 ? NULL : int_from_i64((int64_t)st.st_size);
}

static ssize_t mmap_len(obj_t *self) {
    mmap_t *m = MM(self);
    ssize_t n;
    int rc;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    n = m->size;
    END_CRITICAL_SECTION();
    return rc < 0 ? -1 : n;
}

// Grows or shrinks the mapping (and the file, through ftruncate) with
// mremap; the memory may move, so no export or use may be live.
static obj_t *mmap_resize(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("resize", nargs, kwnames, 1, 1) < 0) return NULL;
    mmap_t *m = MM(self);
    if (precheck_open(m) < 0) return NULL;
    ssize_t newsize;
    if (ssize_arg(args[0], &newsize) < 0) return NULL;
    int rc, e = 0;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0 && (m->exports > 0 || m->users > 0)) {
        err_set_str(exc_BufferError, resize_exported_msg);
        rc = -1;
    } else if (rc == 0 && m->access != ACCESS_WRITE && m->access != ACCESS_DEFAULT) {
        err_set_str(exc_TypeError, "mmap can't resize a readonly or copy-on-write memory map.");
        rc = -1;
    } else if (rc == 0 && (newsize < 0 || SSIZE_MAX - newsize < m->offset)) {
        err_set_str(exc_ValueError, "new size out of range");
        rc = -1;
    }
    if (rc == 0) {
        if (m->fd != -1 && ftruncate(m->fd, (off_t)(m->offset + newsize)) < 0) {
            e = errno;
            rc = -1;
        } else {
            void *p;
            if (m->anon_shared && (size_t)newsize > m->backing) {
                // The shared memory behind an anonymous MAP_SHARED map keeps
                // the size it was created with: pages mremap adds past it
                // raise SIGBUS when touched (CPython 3.11 crashes so).  Grow
                // into a new map instead (forked children keep the old one).
                p = mmap(NULL, (size_t)newsize, m->prot, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
                if (p != MAP_FAILED) {
                    memcpy(p, m->data, (size_t)m->size);
                    munmap(m->data, (size_t)m->size);
                    m->backing = page_round((size_t)newsize);
                }
            } else {
                p = mremap(m->data, (size_t)m->size, (size_t)newsize, MREMAP_MAYMOVE);
            }
            if (p == MAP_FAILED) {
                e = errno;
                rc = -1;
            } else {
                m->data = p;
                m->size = newsize;
            }
        }
    }
    END_CRITICAL_SECTION();
    if (e) err_from_errno(e, NULL);
    return rc < 0 ? NULL : NEWREF(None);
}

static obj_t *mmap_flush(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("flush", nargs, kwnames, 0, 2) < 0) return NULL;
    mmap_t *m = MM(self);
    if (precheck_open(m) < 0) return NULL;
    ssize_t off = 0, size = -1;
    if ((nargs > 0 && ssize_arg(args[0], &off) < 0) || (nargs > 1 && ssize_arg(args[1], &size) < 0))
        return NULL;
    unsigned char *data = NULL;
    int rc;
    bool sync = false;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) {
        if (nargs < 2) size = m->size;
        if (size < 0 || off < 0 || m->size - off < size) {
            err_set_str(exc_ValueError, "flush values out of range");
            rc = -1;
        } else if (m->access != ACCESS_READ && m->access != ACCESS_COPY) {
            sync = true;
            data = m->data;
            m->users++;
        }
    }
    END_CRITICAL_SECTION();
    if (rc < 0 || !sync) return rc < 0 ? NULL : NEWREF(None);
    int r = msync(data + off, (size_t)size, MS_SYNC);
    int e = errno;
    unuse(m);
    if (r < 0) return err_from_errno(e, NULL), NULL;
    return NEWREF(None);
}

static obj_t *mmap_madvise(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check_tuple("madvise", nargs, kwnames, 1, 3) < 0) return NULL;
    mmap_t *m = MM(self);
    if (precheck_open(m) < 0) return NULL;
    int option;
    ssize_t start = 0, length = 0;
    if (int_arg(args[0], &option) < 0 || (nargs > 1 && ssize_arg(args[1], &start) < 0) ||
        (nargs > 2 && ssize_arg(args[2], &length) < 0))
        return NULL;
    int rc, e = 0;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) {
        if (nargs < 3) length = m->size - start;
        if (start < 0 || start >= m->size) {
            err_set_str(exc_ValueError, "madvise start out of bounds");
            rc = -1;
        } else if (length < 0) {
            err_set_str(exc_ValueError, "madvise length invalid");
            rc = -1;
        } else if (SSIZE_MAX - start < length) {
            err_set_str(exc_OverflowError, "madvise length too large");
            rc = -1;
        } else {
            if (start + length > m->size) length = m->size - start;
            if (madvise(m->data + start, (size_t)length, option) < 0) {
                e = errno;
                rc = -1;
            }
        }
    }
    END_CRITICAL_SECTION();
    if (e) err_from_errno(e, NULL);
    return rc < 0 ? NULL : NEWREF(None);
}

// ---- repr -------------------------------------------------------------------------------------

static obj_t *mmap_repr(obj_t *self) {
    static const char *const access_names[] = {"ACCESS_DEFAULT", "ACCESS_READ", "ACCESS_WRITE",
                                               "ACCESS_COPY"};
    mmap_t *m = MM(self);
    bool closed;
    ssize_t size, pos;
    BEGIN_CRITICAL_SECTION(m);
    closed = m->closed;
    size = m->size;
    pos = m->pos;
    END_CRITICAL_SECTION();
    if (closed) return str_from_format("<%s closed=True>", TYPE(self)->name);
    return str_from_format("<%s closed=False, access=%s, length=%zd, pos=%zd, offset=%lld>",
                           TYPE(self)->name, access_names[m->access], size, pos, m->offset);
}

// ---- indexing ---------------------------------------------------------------------------------

// True when key is an index (an int or has __index__), not a slice.
static bool is_index(obj_t *key) {
    return INT_CHECK(key) ||
           (!SLICE_CHECK(key) && type_lookup(TYPE(key), str_intern("__index__")) != NULL);
}

// key as a Py_ssize_t, OverflowError turned into IndexError as
// PyNumber_AsSsize_t(key, IndexError) does.
static int index_arg(obj_t *key, ssize_t *out) {
    ssize_t i = obj_as_ssize(key);
    if (i == -1 && err_occurred()) {
        if (err_matches(exc_OverflowError)) {
            err_clear();
            err_format(exc_IndexError, "cannot fit '%s' into an index-sized integer",
                       obj_type_name(key));
        }
        return -1;
    }
    *out = i;
    return 0;
}

static obj_t *mmap_getitem(obj_t *self, obj_t *key) {
    mmap_t *m = MM(self);
    if (precheck_open(m) < 0) return NULL;
    bool idx = is_index(key);
    if (!idx && !SLICE_CHECK(key)) {
        err_set_str(exc_TypeError, "mmap indices must be integers");
        return NULL;
    }
    ssize_t i = 0, start = 0, stop = 0, step = 1;
    if (idx ? index_arg(key, &i) < 0 : slice_unpack_raw(key, &start, &stop, &step) < 0) return NULL;
    int rc, byte = 0;
    ssize_t n = 0;
    const unsigned char *data = NULL;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0 && idx) {
        if (i < 0) i += m->size;
        if (i < 0 || i >= m->size) {
            err_set_str(exc_IndexError, "mmap index out of range");
            rc = -1;
        } else {
            byte = m->data[i];
        }
    } else if (rc == 0) {
        n = slice_adjust_indices(m->size, &start, &stop, step);
        if (n > 0) {
            data = m->data;
            m->users++;
        }
    }
    END_CRITICAL_SECTION();
    if (rc < 0) return NULL;
    if (idx) return int_from_i64(byte);
    if (n <= 0) return bytes_from("", 0);
    if (step == 1) return copy_out(m, data, start, n);
    obj_t *r = NULL;
    unsigned char *buf = malloc((size_t)n);
    if (buf) {
        BEGIN_CRITICAL_SECTION(m);
        for (ssize_t k = 0; k < n; k++)
            buf[k] = data[start + k * step];
        END_CRITICAL_SECTION();
        r = bytes_from(buf, (size_t)n);
        free(buf);
    } else {
        err_no_memory();
    }
    unuse(m);
    return r;
}

static int mmap_setitem(obj_t *self, obj_t *key, obj_t *value) {
    mmap_t *m = MM(self);
    int rc;
    ssize_t size = 0;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) rc = check_writable(m);
    size = m->size;
    END_CRITICAL_SECTION();
    if (rc < 0) return -1;
    if (is_index(key)) {
        ssize_t i = 0;
        if (index_arg(key, &i) < 0) return -1;
        if (i < 0) i += size;
        if (i < 0 || i >= size) {
            err_set_str(exc_IndexError, "mmap index out of range");
            return -1;
        }
        if (value == NULL) {
            err_set_str(exc_TypeError, "mmap doesn't support item deletion");
            return -1;
        }
        if (!is_index(value)) {
            err_set_str(exc_TypeError, "mmap item value must be an int");
            return -1;
        }
        // PyNumber_AsSsize_t(value, TypeError), as CPython's
        ssize_t v = obj_as_ssize(value);
        if (v == -1 && err_occurred()) {
            if (err_matches(exc_OverflowError) || err_matches(exc_IndexError)) {
                err_clear();
                err_format(exc_TypeError, "cannot fit '%s' into an index-sized integer",
                           obj_type_name(value));
            }
            return -1;
        }
        if (v < 0 || v > 255) {
            err_set_str(exc_ValueError, "mmap item value must be in range(0, 256)");
            return -1;
        }
        BEGIN_CRITICAL_SECTION(m);
        rc = check_open(m);
        if (rc == 0 && i >= m->size) { // shrunk meanwhile by another thread
            err_set_str(exc_IndexError, "mmap index out of range");
            rc = -1;
        }
        if (rc == 0) m->data[i] = (unsigned char)v;
        END_CRITICAL_SECTION();
        return rc;
    }
    if (!SLICE_CHECK(key)) {
        err_set_str(exc_TypeError, "mmap indices must be integer");
        return -1;
    }
    ssize_t start, stop, step;
    if (slice_unpack_raw(key, &start, &stop, &step) < 0) return -1;
    if (value == NULL) {
        err_set_str(exc_TypeError, "mmap object doesn't support slice deletion");
        return -1;
    }
    buffer_t view = {0};
    if (buffer_get(value, &view) < 0) return -1;
    // A stepped copy from this same mapping reads from a private copy.
    unsigned char *tmp = NULL;
    const unsigned char *src = view.buf;
    if (step != 1 && view.obj == self && view.len) {
        tmp = malloc(view.len);
        if (!tmp) {
            buffer_release(&view);
            err_no_memory();
            return -1;
        }
        memcpy(tmp, view.buf, view.len);
        src = tmp;
    }
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) {
        ssize_t n = slice_adjust_indices(m->size, &start, &stop, step);
        if ((ssize_t)view.len != n) {
            err_set_str(exc_IndexError, "mmap slice assignment is wrong size");
            rc = -1;
        } else if (n > 0 && step == 1) {
            memmove(m->data + start, src, (size_t)n);
        } else {
            for (ssize_t k = 0; k < n; k++)
                m->data[start + k * step] = src[k];
        }
    }
    END_CRITICAL_SECTION();
    free(tmp);
    buffer_release(&view);
    return rc;
}

// ---- iteration: one-byte bytes objects, as CPython's sequence fallback --------------------

typedef struct {
    obj_t ob;
    obj_t *m;              // NULL once exhausted
    _Atomic ssize_t index; // claimed with an atomic add
} mmap_iter_t;

static obj_t *mmap_iter(obj_t *self) {
    if (type_ensure_ready(&mmap_iter_type) < 0) return NULL;
    mmap_iter_t *it = (mmap_iter_t *)obj_alloc(&mmap_iter_type, sizeof(mmap_iter_t));
    if (it == NULL) return NULL;
    it->m = NEWREF(self);
    return (obj_t *)it;
}

static void mmap_iter_dealloc(obj_t *self) {
    XDECREF(((mmap_iter_t *)self)->m);
    obj_free(self);
}

static obj_t *mmap_iter_self(obj_t *self) {
    return NEWREF(self);
}

static obj_t *mmap_iter_next(obj_t *self) {
    mmap_iter_t *it = (mmap_iter_t *)self;
    mmap_t *m = (mmap_t *)it->m; // the reference is dropped only by dealloc
    ssize_t i = atomic_fetch_add_explicit(&it->index, 1, memory_order_relaxed);
    int rc, byte = 0;
    bool end = false;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0 && i >= m->size) end = true;
    if (rc == 0 && !end) byte = m->data[i];
    END_CRITICAL_SECTION();
    if (rc < 0 || end) return NULL; // NULL with no exception: exhausted
    unsigned char c = (unsigned char)byte;
    return bytes_from(&c, 1);
}

static type_t mmap_iter_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "iterator",
    .basicsize = sizeof(mmap_iter_t),
    .base = &object_type,
    .dealloc = mmap_iter_dealloc,
    .iter = mmap_iter_self,
    .iternext = mmap_iter_next,
};

// ---- buffer export ----------------------------------------------------------------------------

static int mmap_buffer_get(obj_t *o, unsigned char **buf, size_t *len, bool *readonly, char *fmt,
                           size_t *itemsize) {
    mmap_t *m = MM(o);
    int rc;
    BEGIN_CRITICAL_SECTION(m);
    rc = check_open(m);
    if (rc == 0) {
        m->exports++;
        *buf = m->data;
        *len = (size_t)m->size;
    }
    END_CRITICAL_SECTION();
    *readonly = m->access == ACCESS_READ;
    *fmt = 'B';
    *itemsize = 1;
    return rc;
}

static void mmap_buffer_release(obj_t *o) {
    BEGIN_CRITICAL_SECTION(o);
    MM(o)->exports--;
    END_CRITICAL_SECTION();
}

static const buffer_procs_t mmap_buffer_procs = {mmap_buffer_get, mmap_buffer_release};

// ---- the type and the module --------------------------------------------------------------

static const method_def_t mmap_methods[] = {
    {"close", mmap_close, METH_DEFAULT, NULL},
    {"find", mmap_find, METH_DEFAULT, NULL},
    {"rfind", mmap_rfind, METH_DEFAULT, NULL},
    {"flush", mmap_flush, METH_DEFAULT, NULL},
    {"madvise", mmap_madvise, METH_DEFAULT, NULL},
    {"move", mmap_move, METH_DEFAULT, NULL},
    {"read", mmap_read, METH_DEFAULT, NULL},
    {"read_byte", mmap_read_byte, METH_DEFAULT, NULL},
    {"readline", mmap_readline, METH_DEFAULT, NULL},
    {"resize", mmap_resize, METH_DEFAULT, NULL},
    {"seek", mmap_seek, METH_DEFAULT, NULL},
    {"size", mmap_size, METH_DEFAULT, NULL},
    {"tell", mmap_tell, METH_DEFAULT, NULL},
    {"write", mmap_write, METH_DEFAULT, NULL},
    {"write_byte", mmap_write_byte, METH_DEFAULT, NULL},
    {"__enter__", mmap_enter, METH_DEFAULT, NULL},
    {"__exit__", mmap_exit, METH_DEFAULT, NULL},
    {NULL},
};

static const getset_def_t mmap_getsets[] = {
    {"closed", mmap_get_closed, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

type_t mmap_type = {
    .ob = OBJ_HEAD_INIT(&type_type),
    .name = "mmap.mmap",
    .basicsize = sizeof(mmap_t),
    .flags = TPFLAG_BASETYPE,
    .base = &object_type,
    .dealloc = mmap_dealloc,
    .repr = mmap_repr,
    .tp_new = mmap_tp_new,
    .iter = mmap_iter,
    .len = mmap_len,
    .getitem = mmap_getitem,
    .setitem = mmap_setitem,
    .methods = mmap_methods,
    .getsets = mmap_getsets,
    .as_buffer = &mmap_buffer_procs,
    .doc = "mmap(fileno, length[, flags[, prot[, access[, offset]]]])\n\n"
           "Maps length bytes from the file specified by the file descriptor fileno,\n"
           "and returns a mmap object.  If length is 0, the maximum length of the map\n"
           "will be the current size of the file when mmap is called.\n"
           "To map anonymous memory, pass -1 as the fileno.",
};

static const struct {
    const char *name;
    long value;
} mmap_constants[] = {
    {"PROT_EXEC", PROT_EXEC},           {"PROT_READ", PROT_READ},
    {"PROT_WRITE", PROT_WRITE},         {"MAP_SHARED", MAP_SHARED},
    {"MAP_PRIVATE", MAP_PRIVATE},       {"MAP_DENYWRITE", MAP_DENYWRITE},
    {"MAP_EXECUTABLE", MAP_EXECUTABLE}, {"MAP_ANON", MAP_ANONYMOUS},
    {"MAP_ANONYMOUS", MAP_ANONYMOUS},   {"MAP_POPULATE", MAP_POPULATE},
    {"MAP_STACK", MAP_STACK},           {"ACCESS_DEFAULT", ACCESS_DEFAULT},
    {"ACCESS_READ", ACCESS_READ},       {"ACCESS_WRITE", ACCESS_WRITE},
    {"ACCESS_COPY", ACCESS_COPY},       {"MADV_NORMAL", MADV_NORMAL},
    {"MADV_RANDOM", MADV_RANDOM},       {"MADV_SEQUENTIAL", MADV_SEQUENTIAL},
    {"MADV_WILLNEED", MADV_WILLNEED},   {"MADV_DONTNEED", MADV_DONTNEED},
    {"MADV_REMOVE", MADV_REMOVE},       {"MADV_DONTFORK", MADV_DONTFORK},
    {"MADV_DOFORK", MADV_DOFORK},       {"MADV_HWPOISON", MADV_HWPOISON},
    {"MADV_MERGEABLE", MADV_MERGEABLE}, {"MADV_UNMERGEABLE", MADV_UNMERGEABLE},
    {"MADV_HUGEPAGE", MADV_HUGEPAGE},   {"MADV_NOHUGEPAGE", MADV_NOHUGEPAGE},
    {"MADV_DONTDUMP", MADV_DONTDUMP},   {"MADV_DODUMP", MADV_DODUMP},
    {"MADV_FREE", MADV_FREE},           {NULL, 0},
};

obj_t *mmap_module_init(void) {
    if (type_ensure_ready(&mmap_type) < 0) return NULL;
    obj_t *m = module_new("mmap");
    if (m == NULL) return NULL;
    obj_t *d = module_dict(m);
    long page = sysconf(_SC_PAGESIZE);
    for (size_t i = 0; mmap_constants[i].name; i++) {
        obj_t *v = int_from_i64(mmap_constants[i].value);
        int rc = v ? dict_set_str(d, mmap_constants[i].name, v) : -1;
        XDECREF(v);
        if (rc < 0) goto error;
    }
    obj_t *pv = int_from_i64(page);
    int rc = pv ? dict_set_str(d, "PAGESIZE", pv) : -1;
    if (rc == 0) rc = dict_set_str(d, "ALLOCATIONGRANULARITY", pv);
    XDECREF(pv);
    if (rc < 0 || dict_set_str(d, "error", (obj_t *)exc_OSError) < 0 ||
        dict_set_str(d, "mmap", (obj_t *)&mmap_type) < 0)
        goto error;
    return m;
error:
    DECREF(m);
    return NULL;
}
