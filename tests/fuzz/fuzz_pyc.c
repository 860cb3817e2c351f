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
 *   mode 3  as mode 2, and what loads is then RUN (in a fresh module
 *           namespace, stdin/stdout on /dev/null, cwd a scratch folder,
 *           stderr on /dev/null while it runs unless FUZZ_PYC_STDERR=1,
 *           recursion limit 50, and a 50 ms CPU-time interval timer that raises
 *           KeyboardInterrupt through the eval breaker, so a loop becomes
 *           an exception, not a hang): the loader's validator must reject
 *           whatever the interpreter would trust and crash on.
 * Whatever loads must survive the consumers of untrusted code objects (the
 * disassembler, the location table, the interpreter) and must round-trip:
 * dumping it and loading the dump gives a code object whose dump is
 * byte-identical.  Any crash, sanitizer report, leak or abort() is a
 * finding.
 *
 * LLVMFuzzerCustomMutator: for mode-3 inputs that are whole images it
 * walks the payload to the instruction words, exception tables and
 * register counts of every code object and mutates those (an opcode, an
 * operand byte, a jump word, an EXTENDED_ARG prefix, two words swapped,
 * an exception entry), keeping the rest intact so that mutants get past
 * the decoder and reach the validator and the interpreter; the checksum
 * is fixed up by mode 3 itself.  Other inputs get libFuzzer's mutations.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "../../core/error.h"
#include "../../core/eval.h"
#include "../../core/pyc.h"
#include "../../include/pvm.h"
#include "../../threads/thread.h"
#include "../../objects/code.h"
#include "../../objects/dict.h"
#include "../../objects/str.h"
#include "../../core/opcodes.h"
#include "pyc_mutate.h"

static FILE *devnull;
static obj_t *mutant_name; // "<mutant>"
static bool keep_stderr;   // FUZZ_PYC_STDERR=1

// What the eval breaker does between instructions: a quiescent state, and
// the release of memory retired through QSBR (the fuzzer never runs the
// interpreter loop, so without this retired memory would pile up).
static void quiesce(void) {
    if (thread_handle_eval_breaker(thread_current()) < 0) err_clear();
}

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

// Mode 3's loader: a function of its own so that lsan.supp can name it (the
// functions a mutant defines at module level are immortal, and so are
// their code objects: by design, not a leak).  optnone: no tail call, so
// the frame stays in the allocation stacks LeakSanitizer matches.
static __attribute__((noinline, optnone)) obj_t *load_to_run(const uint8_t *img, size_t size) {
    return pyc_loads(img, size, mutant_name, PYC_LOAD_NO_INTERN);
}

bool pvm_api_enter(void); // core/pvm_api.c

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    static char *args[] = {"fuzz_pyc", NULL};
    if (pvm_initialize(1, args) != 0) abort();
    pvm_api_enter(); // stay inside the VM: the fuzzer calls internals
    devnull = fopen("/dev/null", "w");
    keep_stderr = getenv("FUZZ_PYC_STDERR") != NULL;
    mutant_name = str_from_cstr("<mutant>"); // not interned: the round trip compares dumps
    if (mutant_name == NULL) abort();
    // Run mutants away from the source tree, with no terminal to read or write.
    char tmpl[] = "/tmp/fuzz_pyc.XXXXXX";
    if (mkdtemp(tmpl) == NULL || chdir(tmpl) != 0) abort();
    int fd = open("/dev/null", O_RDWR);
    if (fd < 0) abort();
    dup2(fd, 0);
    dup2(fd, 1);
    close(fd);
    pm_install_alarm();
    return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed) {
    uint64_t rng = seed * 0x9e3779b97f4a7c15ull + 1;
    if (size < 1 + PYC_HEADER_SIZE + 1 || data[0] % 4 != 3 || pm_rand(&rng) % 8 == 0 ||
        !pyc_mutate_image(data + 1, size - 1, &rng))
        return LLVMFuzzerMutate(data, size, max_size);
    return size; // mode 3 fixes the header up
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
    int mode = data[0] % 4;
    data++;
    size--;
    obj_t *code = NULL;
    if (mode == 0) {
        code = pyc_loads_payload(data, size, NULL, PYC_LOAD_NO_INTERN);
    } else if (mode == 1) {
        code = pyc_loads(data, size, NULL, PYC_LOAD_NO_INTERN);
    } else if (size >= PYC_HEADER_SIZE) { // modes 2 and 3
        uint8_t *img = malloc(size);
        if (img == NULL) return 0;
        memcpy(img, data, size);
        // Fix the fields a mutation almost never gets right; magic, version
        // and flags stay as the input has them.
        wr64(img + 16, pyc_build_fingerprint());
        wr64(img + 40, size - PYC_HEADER_SIZE);
        wr64(img + 48, pyc_payload_checksum(img + PYC_HEADER_SIZE, size - PYC_HEADER_SIZE));
        // Mode 3 runs the code: a filename with no source behind it keeps
        // tracebacks from re-reading (and re-parsing) the seed's source.
        code = mode == 3 ? load_to_run(img, size) : pyc_loads(img, size, NULL, PYC_LOAD_NO_INTERN);
        free(img);
    }
    if (code != NULL) {
        if (!CODE_CHECK(code)) abort();
        exercise(code);
        if (mode == 3) {
            // What mutants print to stderr (tracebacks, "Exception ignored"
            // for every object of a dealloc chain: megabytes, one write per
            // character) goes to /dev/null, or it turns into false timeouts.
            // FUZZ_PYC_STDERR=1 keeps it (a sanitizer report printed while
            // a mutant runs is hidden too: reproduce a crash with it set).
            int saved_err = -1;
            if (!keep_stderr) {
                fflush(stderr);
                saved_err = dup(2);
                dup2(fileno(devnull), 2);
            }
            pm_run_limited(code, 50000);
            quiesce();
            if (saved_err >= 0) {
                dup2(saved_err, 2);
                close(saved_err);
            }
        }
        DECREF(code);
    }
    return 0;
}
