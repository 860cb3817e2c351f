/*
 * core/repl.h — the CLI's modes besides running a file or string:
 * the interactive prompt, reading a program from stdin, -m and --dis.
 */
#ifndef PVM_REPL_H
#define PVM_REPL_H

int repl_interactive(void);
int repl_run_stdin(void);
int repl_run_module(const char *name);
int repl_dis_file(const char *path);

#endif // PVM_REPL_H
