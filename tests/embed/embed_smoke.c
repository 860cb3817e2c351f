/*
 * tests/embed/embed_smoke.c — a program that embeds pvm and defines
 * functions with the generic names pvm's compiler and parser use inside
 * (emit, accept, advance, expect).  If libpvm exported its internal names,
 * the dynamic linker (libpvm.so) or the static linker (libpvm-embed.a)
 * would bind pvm's own calls to these or fail with duplicate symbols; with
 * hidden visibility pvm keeps its own.  The Python code it runs compiles,
 * starts threads and joins them, and prints a checksum the test compares.
 */
#include <stdio.h>
#include <string.h>

#include "pvm.h"

static int embedder_calls;
int emit(int x) {
    embedder_calls++;
    return x + 1;
}
int accept(int fd, void *addr, void *len) {
    (void)addr;
    (void)len;
    embedder_calls++;
    return fd;
}
int advance(void) {
    embedder_calls++;
    return 0;
}
int expect(void) {
    embedder_calls++;
    return 0;
}

static const char *program =
    "import threading\n"
    "out = []\n"
    "def work(k):\n"
    "    out.append(sum(i * k for i in range(1000)))\n"
    "ts = [threading.Thread(target=work, args=(k,)) for k in range(1, 5)]\n"
    "for t in ts: t.start()\n"
    "for t in ts: t.join()\n"
    "src = 'def f(a, b=2):\\n    return [a * x for x in range(b)]\\n'\n"
    "ns = {}\n"
    "exec(compile(src, 'gen', 'exec'), ns)\n"
    "print('embedded', sorted(out), ns['f'](3, 4))\n";

int main(int argc, char **argv) {
    if (pvm_initialize(argc, argv) != 0) {
        fprintf(stderr, "pvm_initialize failed\n");
        return 1;
    }
    int rc = pvm_run_string(program);
    fflush(stdout);
    pvm_finalize();
    // The embedder's own functions are its own, and pvm never called them.
    if (emit(1) != 2 || accept(7, NULL, NULL) != 7 || embedder_calls != 2) {
        fprintf(stderr, "embedder's symbols were replaced or called by pvm\n");
        return 1;
    }
    return rc;
}
