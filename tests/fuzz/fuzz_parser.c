/*
 * tests/fuzz/fuzz_parser.c — libFuzzer target for the tokenizer and parser
 * (parse_source, core/parser.h).  Built with -DPVM_FUZZ=ON (clang); run by
 * tests/fuzz/run.sh.
 *
 * The first input byte picks the mode (file, eval, single input); the rest
 * is source text.  Source that parses in file mode is also compiled, and
 * the code object must survive the bytecode cache: whatever the compiler
 * produces, the cache validator must accept (a rejection would silently
 * disable caching for that module), so it is dumped and loaded back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/error.h"
#include "../../core/eval.h"
#include "../../core/parser.h"
#include "../../core/pyc.h"
#include "../../include/pvm.h"
#include "../../threads/thread.h"

// What the eval breaker does between instructions: a quiescent state, and
// the release of memory retired through QSBR (the fuzzer never runs the
// interpreter loop, so without this retired memory would pile up).
static void quiesce(void) {
    if (thread_handle_eval_breaker(thread_current()) < 0) err_clear();
}

bool pvm_api_enter(void); // core/pvm_api.c

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    static char *args[] = {"fuzz_parser", NULL};
    if (pvm_initialize(1, args) != 0) abort();
    pvm_api_enter(); // stay inside the VM: the fuzzer calls internals
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    quiesce(); // releases what the previous input retired
    if (size == 0) return 0;
    static const parse_mode_t modes[3] = {PARSE_FILE, PARSE_EVAL, PARSE_SINGLE};
    parse_mode_t mode = modes[data[0] % 3];
    const char *src = (const char *)data + 1;
    size_t len = size - 1;
    ast_arena_t *arena = ast_arena_new();
    if (arena == NULL) return 0;
    parse_error_t pe;
    memset(&pe, 0, sizeof pe);
    ast_mod_t *mod = parse_source(arena, src, len, "<fuzz>", mode, &pe);
    if (mod == NULL) parse_error_clear(&pe);
    ast_arena_free(arena);
    if (mod == NULL || mode != PARSE_FILE) return 0;
    // Compile (needs NUL-terminated text) and round-trip through the cache.
    char *copy = malloc(len + 1);
    if (copy == NULL) return 0;
    memcpy(copy, src, len);
    copy[len] = '\0';
    obj_t *code = compile_source(copy, len, "<fuzz>", "exec");
    free(copy);
    if (code == NULL) {
        err_clear(); // SyntaxError from the compiler's own checks
        return 0;
    }
    uint8_t *img;
    size_t n;
    if (pyc_dumps(code, 0, 0, 0, &img, &n) == 0) {
        obj_t *back = pyc_loads(img, n, NULL, PYC_LOAD_NO_INTERN);
        if (back == NULL) abort(); // the validator rejected the compiler's own output
        DECREF(back);
        free(img);
    }
    DECREF(code);
    return 0;
}
