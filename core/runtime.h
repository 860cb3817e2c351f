/*
 * core/runtime.h — process-wide VM state: the builtins module, sys, the
 * module registry, and start-up / shut-down.  One VM per process (as in
 * CPython); any number of OS threads attach to it (threads/thread.h).
 */
#ifndef PVM_RUNTIME_H
#define PVM_RUNTIME_H

#include "../objects/object.h"

typedef struct runtime {
    obj_t *builtins;      // the builtins module
    obj_t *builtins_dict; // its dict (immortal)
    obj_t *sys;           // the sys module
    obj_t *modules;       // sys.modules (dict)
    obj_t *argv;          // sys.argv (list)
    obj_t *main_module;   // __main__
    const char *program;  // argv[0] of the process
    bool dont_write_bytecode;
    bool utf8_mode; // sys.flags.utf8_mode (runtime_init: init_ctype_locale)
} runtime_t;

extern runtime_t pvm_rt;

// Each piece of the runtime has an init function called in order by
// runtime_init(): types, exceptions, interned strings, builtins, sys ...
int runtime_init(int argc, char **argv);
// A C string from the operating system (argv, a file name) as str, the way
// CPython's file-system decoding does: UTF-8, undecodable bytes as lone
// surrogates U+DC80..U+DCFF (surrogateescape).
PVM_WUR obj_t *runtime_fs_decode(const char *s);
void runtime_fini(void);

// Builtin modules implemented in C register here: name -> init function that
// returns a new module object.
typedef obj_t *(*module_init_fn)(void);
void runtime_register_builtin_module(const char *name, module_init_fn init);
module_init_fn runtime_find_builtin_module(const char *name);
// The registered builtin module names (sys.builtin_module_names): a new
// tuple, sorted.
PVM_WUR obj_t *runtime_builtin_module_names(void);

// Module initializers provided by their files.
obj_t *builtins_module_init(void); // core/builtins.c
bool builtins_is_import(obj_t *f); // f is the builtin __import__ (not a replacement)
obj_t *sys_module_init(void);      // core/sysmodule.c
int types_init(void);              // objects/*: type_ready on every builtin type

#endif // PVM_RUNTIME_H
