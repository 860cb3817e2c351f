/*
 * tests/fuzz/fuzz_pyc.c — libFuzzer target for the bytecode cache loader
 * (core/pyc.c).  Built with -DPVM_FUZZ=ON (clang); run by tests/fuzz/run.sh.
 *
 * The first input byte selects how the rest is fed to the loader:
 *   mode 0  the bytes are a payload: pyc_loads_payload (decoder + validator,
 *           without the checksum that would stop almost every mutation)
 *   mode 1  the bytes are a whole cache file image, used as is: pyc_loads
 *   mode 2  a whole image whose build fingerprint, payload length and
 *           checksum are fixed up first, so the header path reaches the
 *           decoder too
 * Whatever loads must survive the consumers of untrusted code objects (the
 * disassembler, the location table) and must round-trip: dumping it and
 * loading the dump gives a code object whose dump is byte-identical.
 * Any crash, sanitizer report, leak or abort() is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/error.h"
#include "../../core/eval.h"
#include "../../core/pyc.h"
#include "../../include/pvm.h"
#include "../../threads/thread.h"
#include "../../objects/code.h"

static FILE *devnull;

// What the eval breaker does between instructions: a quiescent state, and
// the release of memory retired through QSBR (the fuzzer never runs the
// interpreter loop, so without this retired memory would pile up).
static void quiesce(void) {
    if (thread_handle_eval_breaker(thread_current()) < 0) err_clear();
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    static char *args[] = {"fuzz_pyc", NULL};
    if (pvm_initialize(1, args) != 0) abort();
    devnull = fopen("/dev/null", "w");
    return 0;
}

static void wr64(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void exercise(obj_t *code) {
    code_t *co = (code_t *)code;
    // The disassembler looks every word's line up (quadratic): small code only.
    if (co->ninsns <= 1024 && dis_code(code, devnull) < 0)
        abort(); // a validated code object must disassemble
    size_t pcs[3] = {0, co->ninsns / 2, co->ninsns};
    for (int i = 0; i < 3; i++) {
        int l, el, c, ec;
        code_addr2loc(co, pcs[i], &l, &el, &c, &ec);
    }
    // Round trip: dumps(loads(x)) loads again and dumps to the same bytes.
    uint8_t *img1, *img2;
    size_t n1, n2;
    if (pyc_dumps(code, 0, 1, 2, &img1, &n1) < 0) abort();
    obj_t *again = pyc_loads(img1, n1, NULL, PYC_LOAD_NO_INTERN);
    if (again == NULL) abort();
    if (pyc_dumps(again, 0, 1, 2, &img2, &n2) < 0 || n1 != n2 || memcmp(img1, img2, n1) != 0)
        abort();
    DECREF(again);
    free(img1);
    free(img2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    quiesce(); // releases what the previous input retired
    if (size == 0) return 0;
    int mode = data[0] % 3;
    data++;
    size--;
    obj_t *code = NULL;
    if (mode == 0) {
        code = pyc_loads_payload(data, size, NULL, PYC_LOAD_NO_INTERN);
    } else if (mode == 1) {
        code = pyc_loads(data, size, NULL, PYC_LOAD_NO_INTERN);
    } else if (size >= PYC_HEADER_SIZE) {
        uint8_t *img = malloc(size);
        if (img == NULL) return 0;
        memcpy(img, data, size);
        // Fix the fields a mutation almost never gets right; magic, version
        // and flags stay as the input has them.
        wr64(img + 16, pyc_build_fingerprint());
        wr64(img + 40, size - PYC_HEADER_SIZE);
        wr64(img + 48, pyc_payload_checksum(img + PYC_HEADER_SIZE, size - PYC_HEADER_SIZE));
        code = pyc_loads(img, size, NULL, PYC_LOAD_NO_INTERN);
        free(img);
    }
    if (code != NULL) {
        if (!CODE_CHECK(code)) abort();
        exercise(code);
        DECREF(code);
    }
    return 0;
}
