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
// sys.flags.ignore_environment (-E, -I) and dev_mode (-X dev, PYTHONDEVMODE)
// for the next sysmodule_sync_flags().
void sysmodule_set_startup_flags(bool ignore_env, bool dev_mode);
// True under -X dev / PYTHONDEVMODE (set once at startup).
bool sysmodule_dev_mode(void);
// sys.<name> as a NEW reference, or NULL with NO exception when missing.
PVM_WUR obj_t *sysmodule_get(const char *name);
// Flushes sys.stdout and sys.stderr (file objects only); errors are cleared.
void sysmodule_flush_std(void);
// Adds the introspection functions and information values
// (core/sysmodule_info.c) to the sys module being made.
int sysmodule_add_info(obj_t *sys);
// Adds get_asyncgen_hooks / set_asyncgen_hooks (core/sysmodule_asyncgen.c).
int sysmodule_add_asyncgen(obj_t *sys);
// Adds breakpointhook and __breakpointhook__ (core/sysmodule_breakpoint.c).
int sysmodule_add_breakpoint(obj_t *sys);
// The switch interval set by sys.setswitchinterval (seconds).
double sysmodule_switch_interval(void);

// The standard library directory pvm runs (CPython 3.11's pure-Python
// library): $PVM_STDLIB when set, else PVM_STDLIB_DIR chosen at build time.
const char *sysmodule_stdlib_dir(void);
// pvm's own lib/: the installed copy (PREFIX/share/pvm/lib) when this
// program or libpvm.so runs from an installation, else the source tree's.
const char *sysmodule_pvm_lib_dir(void);
// Whether sysmodule_pvm_lib_dir() is an installed copy (its bytecode caches
// then go under the cache prefix, as the standard library's do).
bool sysmodule_pvm_lib_is_installed(void);
// Debian's directory of apt-installed pure-Python packages (last on sys.path).
#define PVM_DIST_PACKAGES_DIR "/usr/lib/python3/dist-packages"
// -X options from the command line ("name" or "name=value"): fill
// sys._xoptions; -X pycache_prefix=PATH also sets sys.pycache_prefix.
int sysmodule_set_xoptions(char **opts, int n);

// Struct sequences (sys.version_info, sys.flags ...): immortal tuples re-typed
// to a tuple subclass whose getsets name the fields (closure = index).
obj_t *sys_seq_get(obj_t *self, void *closure);
obj_t *sys_seq_repr(obj_t *self);
// An immortal struct sequence of `type` from n items (stolen; a NULL item means an
// allocation failed: the others are released and NULL returned).
obj_t *sys_seq_new(type_t *type, size_t n, obj_t **items);

#endif // PVM_SYSMODULE_H
