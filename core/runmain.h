/*
 * core/runmain.h — `pvm -m NAME`, `pvm DIR` and `pvm ZIP` through runpy
 * (core/runmain.c).
 */
#ifndef PVM_RUNMAIN_H
#define PVM_RUNMAIN_H

#include <stdbool.h>

// Whether `path` may be a sys.path entry holding a __main__ module (a
// folder, or a file with a zip archive's end record); cheap, no import.
bool runmain_may_be_importer(const char *path);
// When a sys.path hook accepts `path`: runs its __main__ module, sets
// *status to the exit status and returns 1.  0 (nothing done): the caller
// runs the path as a script.
int runmain_path(const char *path, int *status);
// pvm -m NAME: sys.path[0] = the current folder (unless safe_path), then
// runpy._run_module_as_main(NAME).  The exit status.
int runmain_module(const char *name, bool safe_path);

// -P / -I / PYTHONSAFEPATH: sys.path gets no entry for the program's
// folder (or the current one): removes the placeholder sys.path[0].
int runmain_drop_path0(void);

#endif // PVM_RUNMAIN_H
