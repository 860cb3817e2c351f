/*
 * core/repl.h — the CLI's modes besides running a file or string:
 * the interactive prompt, reading a program from stdin, -m, --dis and
 * running a bytecode cache file.
 */
#ifndef PVM_REPL_H
#define PVM_REPL_H

int repl_interactive(void);
int repl_run_stdin(void);
// pvm -m name: runs the module (a package: its __main__ submodule) as
// __main__, with sys.path[0] = the current folder and sys.argv[0] = its file.
int repl_run_module(const char *name);
// pvm --dis file: a source file, or a .pyc written by pvm.
int repl_dis_file(const char *path);
// pvm file.pyc: runs a bytecode cache file as __main__ (no source check).
int repl_run_pyc(const char *path);

#endif // PVM_REPL_H
