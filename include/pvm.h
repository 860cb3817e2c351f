/*
 * include/pvm.h — the public embedding API of libpvm.
 *
 * A program links libpvm, calls pvm_initialize() once, and may then run code
 * from any OS thread after pvm_thread_attach() on that thread.  Everything
 * else in the tree is internal.
 */
#ifndef PVM_H
#define PVM_H

#ifdef __cplusplus
extern "C" {
#endif

// Starts the VM; argv becomes sys.argv.  Attaches the calling thread.
// Returns 0 on success.
int pvm_initialize(int argc, char **argv);
// Waits for non-daemon Python threads, then shuts the VM down.
void pvm_finalize(void);
// Runs a file as __main__ / a string; returns a process exit status (0 ok,
// 1 uncaught exception printed to stderr, n for SystemExit(n)).
int pvm_run_file(const char *path);
int pvm_run_string(const char *source);
// Attach / detach an OS thread created by the embedder.
int pvm_thread_attach(void);
void pvm_thread_detach(void);

#ifdef __cplusplus
}
#endif
#endif // PVM_H
