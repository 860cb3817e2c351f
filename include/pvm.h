/*
 * include/pvm.h — the public embedding API of libpvm.
 *
 * A program links libpvm (libpvm.so, or libpvm-embed.a for static linking),
 * calls pvm_initialize() once, and may then run code from any OS thread
 * after pvm_thread_attach() on that thread.  Everything else in the tree is
 * internal: compiled with hidden visibility, so these functions (PVM_API)
 * are the only symbols the libraries export.
 */
#ifndef PVM_H
#define PVM_H

#ifdef __cplusplus
extern "C" {
#endif

#define PVM_API __attribute__((visibility("default")))

// Starts the VM; argv becomes sys.argv.  Attaches the calling thread.
// Returns 0 on success.
PVM_API int pvm_initialize(int argc, char **argv);
// Waits for non-daemon Python threads, then shuts the VM down.
PVM_API void pvm_finalize(void);
// Runs a file as __main__ / a string; returns a process exit status (0 ok,
// 1 uncaught exception printed to stderr, n for SystemExit(n)).
PVM_API int pvm_run_file(const char *path);
PVM_API int pvm_run_string(const char *source);
// Attach / detach an OS thread created by the embedder.
PVM_API int pvm_thread_attach(void);
PVM_API void pvm_thread_detach(void);

#ifdef __cplusplus
}
#endif
#endif // PVM_H
