/*
 * examples/embed-server/server.c — a line-protocol TCP server on 127.0.0.1
 * whose worker threads call a Python handler through libpvm's embedding API
 * (include/pvm.h).  One shared VM, no global lock: the workers run the
 * handler in parallel.
 *
 * The main thread accepts connections and queues them; each of N worker
 * threads is attached to the VM (pvm_thread_attach) and serves one
 * connection at a time: for every line it reads it calls
 * handler.handle(line) and writes the returned str plus "\n", or
 * "ERR <Type>: <message>\n" when the handler raises.  SIGTERM / SIGINT stop
 * accepting; queued and open connections are finished first.
 *
 *   server [-p PORT] [-w WORKERS] [-d DIR] [-m MODULE]   serve (PORT 0: any)
 *   server --selftest [-w WORKERS] [-d DIR]              serve on a free port,
 *       run clients against it, check every reply, print "selftest ok".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <pvm.h>

#define MAX_WORKERS 64
#define QUEUE_CAP   1024
#define LINE_MAX_   65536

static pvm_value *handler; // handler.handle, shared by all workers (read-only)

// Connection queue: the acceptor pushes, the workers pop.
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_cond = PTHREAD_COND_INITIALIZER;
static int q_fds[QUEUE_CAP];
static int q_head, q_len;
static int q_closed;
// Set by the signal handler or the self-test driver (lock-free atomic:
// async-signal-safe and race-free).
static atomic_int stop_requested;

static void on_signal(int sig) {
    (void)sig;
    atomic_store(&stop_requested, 1);
}

static int queue_push(int fd) {
    pthread_mutex_lock(&q_lock);
    if (q_len == QUEUE_CAP) {
        pthread_mutex_unlock(&q_lock);
        return -1;
    }
    q_fds[(q_head + q_len++) % QUEUE_CAP] = fd;
    pthread_cond_signal(&q_cond);
    pthread_mutex_unlock(&q_lock);
    return 0;
}

static int queue_pop(void) { // -1: closed and empty
    pthread_mutex_lock(&q_lock);
    while (q_len == 0 && !q_closed)
        pthread_cond_wait(&q_cond, &q_lock);
    int fd = -1;
    if (q_len > 0) {
        fd = q_fds[q_head];
        q_head = (q_head + 1) % QUEUE_CAP;
        q_len--;
    }
    pthread_mutex_unlock(&q_lock);
    return fd;
}

static void queue_close(void) {
    pthread_mutex_lock(&q_lock);
    q_closed = 1;
    pthread_cond_broadcast(&q_cond);
    pthread_mutex_unlock(&q_lock);
}

static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

// Calls the handler for one line; returns a malloc()ed reply ending in "\n".
static char *call_handler(const char *line, size_t n) {
    pvm_value *arg = pvm_str_n(line, n);
    pvm_value *r = arg ? pvm_call(handler, 1, &arg, NULL) : NULL;
    char *reply = NULL;
    if (r != NULL) {
        reply = pvm_to_string(r);
    }
    if (reply == NULL) {
        char *type = pvm_err_type_name(), *msg = pvm_err_message();
        size_t len = 16 + (type ? strlen(type) : 0) + (msg ? strlen(msg) : 0);
        reply = malloc(len);
        if (reply) snprintf(reply, len, "ERR %s: %s\n", type ? type : "?", msg ? msg : "");
        pvm_free(type);
        pvm_free(msg);
        pvm_err_clear();
    } else {
        // One send per reply (with TCP_NODELAY, no Nagle wait between parts).
        size_t n = strlen(reply);
        char *grown = realloc(reply, n + 2);
        if (grown == NULL) {
            free(reply);
            return NULL;
        }
        reply = grown;
        memcpy(reply + n, "\n", 2);
    }
    pvm_release(r);
    pvm_release(arg);
    return reply;
}

static void serve_connection(int fd) {
    static __thread char buf[LINE_MAX_];
    size_t len = 0;
    for (;;) {
        ssize_t got = recv(fd, buf + len, sizeof buf - len, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        len += (size_t)got;
        size_t start = 0;
        for (size_t i = 0; i < len; i++) {
            if (buf[i] != '\n') continue;
            size_t n = i - start;
            if (n > 0 && buf[start + n - 1] == '\r') n--;
            char *reply = call_handler(buf + start, n);
            if (reply == NULL || write_all(fd, reply, strlen(reply)) < 0) {
                free(reply);
                close(fd);
                return;
            }
            free(reply);
            start = i + 1;
        }
        memmove(buf, buf + start, len - start);
        len -= start;
        if (len == sizeof buf) break; // a line longer than the buffer
    }
    close(fd);
}

static void *worker_main(void *arg) {
    (void)arg;
    if (pvm_thread_attach() != 0) {
        fprintf(stderr, "pvm_thread_attach failed\n");
        return NULL;
    }
    int fd;
    while ((fd = queue_pop()) >= 0)
        serve_connection(fd); // outside the VM while blocked in recv()
    pvm_thread_detach();
    return NULL;
}

static int listen_on(int port, int *bound_port) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return -1;
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 1024) < 0 ||
        getsockname(s, (struct sockaddr *)&a, &alen) < 0) {
        close(s);
        return -1;
    }
    *bound_port = ntohs(a.sin_port);
    return s;
}

static void accept_loop(int ls) {
    while (!atomic_load(&stop_requested)) {
        struct pollfd p = {.fd = ls, .events = POLLIN};
        if (poll(&p, 1, 100) <= 0) continue;
        int fd = accept(ls, NULL, NULL);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (queue_push(fd) < 0) close(fd); // overloaded
    }
}

// ---- --selftest: clients that check every reply ---------------------------------

#define SELFTEST_CLIENTS 16
#define SELFTEST_LINES   200

static int selftest_port;

static void *client_main(void *arg) {
    long id = (long)arg;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)selftest_port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a) < 0) return (void *)1;
    FILE *in = fdopen(dup(s), "r");
    char line[256], want[256], got[256];
    long bad = 0;
    for (int i = 0; i < SELFTEST_LINES && in; i++) {
        switch (i % 4) {
        case 0:
            snprintf(line, sizeof line, "echo c%ld-%d\n", id, i);
            snprintf(want, sizeof want, "c%ld-%d\n", id, i);
            break;
        case 1:
            snprintf(line, sizeof line, "fib 15\n");
            snprintf(want, sizeof want, "610\n");
            break;
        case 2:
            snprintf(line, sizeof line, "upper ab%ld\n", id);
            snprintf(want, sizeof want, "AB%ld\n", id);
            break;
        default:
            snprintf(line, sizeof line, "bogus %d\n", i);
            snprintf(want, sizeof want, "ERR ValueError: unknown command 'bogus'\n");
        }
        if (write_all(s, line, strlen(line)) < 0 || fgets(got, sizeof got, in) == NULL) {
            bad++;
            break;
        }
        if (strcmp(got, want) != 0) {
            fprintf(stderr, "client %ld: sent %s wanted %s got %s", id, line, want, got);
            bad++;
        }
    }
    if (in) fclose(in);
    close(s);
    return (void *)bad;
}

static void *selftest_driver(void *arg) {
    long *failures = arg;
    pthread_t th[SELFTEST_CLIENTS];
    for (long k = 0; k < SELFTEST_CLIENTS; k++)
        pthread_create(&th[k], NULL, client_main, (void *)k);
    for (int k = 0; k < SELFTEST_CLIENTS; k++) {
        void *r;
        pthread_join(th[k], &r);
        *failures += (long)r;
    }
    atomic_store(&stop_requested, 1);
    return NULL;
}

static void usage(void) {
    fputs("usage: server [-p PORT] [-w WORKERS] [-d HANDLER_DIR] [-m MODULE] [--selftest]\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv) {
    int port = 8765, workers = 4, selftest = 0;
    const char *dir = ".", *module = "handler";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--selftest") == 0)
            selftest = 1;
        else if (i + 1 < argc && strcmp(argv[i], "-p") == 0)
            port = atoi(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "-w") == 0)
            workers = atoi(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "-d") == 0)
            dir = argv[++i];
        else if (i + 1 < argc && strcmp(argv[i], "-m") == 0)
            module = argv[++i];
        else
            usage();
    }
    if (workers < 1 || workers > MAX_WORKERS) usage();
    if (selftest) port = 0;

    char *pargv[] = {argv[0], NULL};
    if (pvm_initialize(1, pargv) != 0) {
        fprintf(stderr, "pvm_initialize failed\n");
        return 1;
    }
    // sys.path.insert(0, dir); handler = <module>.handle
    pvm_value *path = pvm_lookup("sys", "path");
    pvm_value *args[2] = {pvm_int(0), pvm_str(dir)};
    pvm_value *r = path ? pvm_call_method(path, "insert", 2, args) : NULL;
    pvm_release(r);
    pvm_release(args[0]);
    pvm_release(args[1]);
    pvm_release(path);
    handler = pvm_lookup(module, "handle");
    if (handler == NULL) {
        char *tb = pvm_err_traceback();
        fprintf(stderr, "cannot load %s.handle from %s:\n%s", module, dir, tb ? tb : "");
        pvm_free(tb);
        pvm_err_clear();
        pvm_finalize();
        return 1;
    }

    int bound = 0;
    int ls = listen_on(port, &bound);
    if (ls < 0) {
        perror("listen");
        return 1;
    }
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    fprintf(stderr, "embed-server: 127.0.0.1:%d, %d workers, handler %s.handle\n", bound, workers,
            module);

    pthread_t th[MAX_WORKERS];
    for (int k = 0; k < workers; k++)
        pthread_create(&th[k], NULL, worker_main, NULL);
    long failures = 0;
    pthread_t driver;
    if (selftest) {
        selftest_port = bound;
        pthread_create(&driver, NULL, selftest_driver, &failures);
    }
    accept_loop(ls);
    close(ls);
    queue_close(); // workers finish the queued connections, then detach
    for (int k = 0; k < workers; k++)
        pthread_join(th[k], NULL);
    if (selftest) pthread_join(driver, NULL);

    pvm_value *stats = pvm_str("stats");
    r = pvm_call(handler, 1, &stats, NULL);
    char *s = r ? pvm_to_string(r) : NULL;
    fprintf(stderr, "embed-server: stopped (%s)\n", s ? s : "?");
    pvm_free(s);
    pvm_release(r);
    pvm_release(stats);
    pvm_release(handler);
    pvm_finalize();
    if (selftest) {
        if (failures) {
            printf("selftest FAILED: %ld bad replies\n", failures);
            return 1;
        }
        printf("selftest ok\n");
    }
    return 0;
}
