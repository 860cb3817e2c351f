/*
 * core/sysmodule.h — the `sys` module (core/sysmodule.c): helpers other
 * parts of the VM call.
 */
#ifndef PVM_SYSMODULE_H
#define PVM_SYSMODULE_H

#include "../objects/object.h"

// Sets sys.path[0] to the directory of the script (symlinks resolved, as
// CPython does).  Called by the runner before executing `pvm file.py`.
// Also refreshes sys.dont_write_bytecode from pvm_rt.  -1 + exception.
int sysmodule_set_path0(const char *script_path);
// Copies the runtime flags (pvm_rt.dont_write_bytecode) into sys attributes;
// the CLI calls it after changing them (sysmodule_set_path0 does it too).
void sysmodule_sync_flags(void);
// sys.<name> as a NEW reference, or NULL with NO exception when missing.
PVM_WUR obj_t *sysmodule_get(const char *name);
// Flushes sys.stdout and sys.stderr (file objects only); errors are cleared.
void sysmodule_flush_std(void);
// Adds the introspection functions and information values
// (core/sysmodule_info.c) to the sys module being made.
int sysmodule_add_info(obj_t *sys);
// The switch interval set by sys.setswitchinterval (seconds).
double sysmodule_switch_interval(void);

// The standard library directory pvm runs (CPython 3.11's pure-Python
// library): $PVM_STDLIB when set, else PVM_STDLIB_DIR chosen at build time.
const char *sysmodule_stdlib_dir(void);
// Debian's directory of apt-installed pure-Python packages (last on sys.path).
#define PVM_DIST_PACKAGES_DIR "/usr/lib/python3/dist-packages"
// -X options from the command line ("name" or "name=value"): fill
// sys._xoptions; -X pycache_prefix=PATH also sets sys.pycache_prefix.
int sysmodule_set_xoptions(char **opts, int n);

// Struct sequences (sys.version_info, sys.flags ...): immortal tuples re-typed
// to a tuple subclass whose getsets name the fields (closure = index).
obj_t *sys_seq_get(obj_t *self, void *closure);
obj_t *sys_seq_repr(obj_t *self);

#endif // PVM_SYSMODULE_H
