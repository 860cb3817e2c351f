/*
 * modules/socket_internal.h — shared between the files of `_socket`:
 * modules/socket.c (the socket type and the module), modules/socket_addr.c
 * (address conversion both ways, name resolution and the module-level
 * functions) and modules/socket_const.c (the constants).
 */
#ifndef PVM_SOCKET_INTERNAL_H
#define PVM_SOCKET_INTERNAL_H

#include <netinet/in.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../objects/object.h"

// Any socket address this module handles.
typedef union {
    struct sockaddr sa;
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
    struct sockaddr_un un;
    struct sockaddr_storage storage;
} sock_addr_t;

// The socket object.  `fd` is atomic (-1 once closed or detached): every
// method loads it once per system call, no lock is held around a system
// call, so close() racing a blocked recv() never frees anything the other
// thread uses (the kernel keeps the open file alive for the call).
// family/type/proto are written by __init__ only; `timeout_ns` (-1: blocking
// without timeout, 0: non-blocking, > 0: timeout) is changed under the
// object's critical section together with the descriptor's O_NONBLOCK flag
// and read with an atomic load.
typedef struct {
    obj_t ob;
    _Atomic int fd;
    _Atomic int family, type, proto;
    _Atomic int64_t timeout_ns;
} sock_t;

extern type_t sock_type;

// socket.gaierror / socket.herror (made once by the first import).
extern obj_t *sock_gaierror, *sock_herror;

// Raises socket.gaierror(code, gai_strerror(code)) (or OSError from errno
// for EAI_SYSTEM); returns NULL.
obj_t *sock_set_gaierror(int code);

// Converts a Python address for `family` into *addr (*len bytes); `caller`
// names the method in CPython's messages ("bind", "connect" ...).  Name
// resolution runs in a blocking region.  -1 + exception.
int sock_addr_parse(int family, obj_t *arg, sock_addr_t *addr, socklen_t *len, const char *caller);
// The Python form of an address (None when len is 0).
PVM_WUR obj_t *sock_addr_make(const struct sockaddr *sa, socklen_t len, int family);

// Module-level functions of socket_addr.c, and the constants.
extern const method_def_t sock_addr_functions[];
int sock_add_constants(obj_t *module);

// Default timeout of new sockets in ns (-1: None), module-wide.
extern _Atomic int64_t sock_default_timeout_ns;
// A timeout argument as ns: None -> -1; negative -> ValueError.
int sock_timeout_arg(obj_t *v, int64_t *out);

#endif // PVM_SOCKET_INTERNAL_H
