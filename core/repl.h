/*
 * core/repl.h — the CLI's modes besides running a file or string:
 * the interactive prompt, reading a program from stdin, --dis and
 * running a bytecode cache file.
 */
#ifndef PVM_REPL_H
#define PVM_REPL_H

#include <stdbool.h>

// The interactive prompt on stdin (prompts on stderr); `banner`: print the
// greeting first (not after -i ran a program).  0 at end of input.
int repl_interactive(bool banner);
int repl_run_stdin(void);
// pvm --dis file: a source file, or a .pyc written by pvm.
int repl_dis_file(const char *path);
// pvm file.pyc: runs a bytecode cache file as __main__ (no source check).
int repl_run_pyc(const char *path);

#endif // PVM_REPL_H
