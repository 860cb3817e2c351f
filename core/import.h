/*
 * core/import.h — the import system: `import a.b.c`, `from m import x`,
 * relative imports, sys.modules, builtin (C) modules and source modules found
 * on sys.path.
 */
#ifndef PVM_IMPORT_H
#define PVM_IMPORT_H

#include "../objects/object.h"

// __import__(name, globals, locals, fromlist, level): returns the top-level
// package for `import a.b` (fromlist NULL/empty) or the module itself when a
// fromlist is given; `level` > 0 for relative imports (resolved with
// globals' __package__/__name__).
PVM_WUR obj_t *import_name(obj_t *name, obj_t *globals, obj_t *fromlist, int level);
// `from module import name`: attribute, or the submodule module.name;
// ImportError "cannot import name 'y' from 'x' (path)".
PVM_WUR obj_t *import_from(obj_t *module, obj_t *name);
// `from module import *` into the dict `locals` (honours __all__).
int import_star(obj_t *module, obj_t *locals);
// Imports a module by dotted name and returns it (importlib.import_module).
PVM_WUR obj_t *import_module(const char *name);

// Added by the import piece (core/import.c):
// Imports the absolute dotted name name[0..len) (parents first).
PVM_WUR obj_t *import_module_prefix(const char *name, size_t len);
// For `pvm -m name`: imports the parent packages of `name` and returns the
// path of its source file (malloc'ed; the package's __init__.py when
// *is_package is set) without executing it; NULL + ModuleNotFoundError.
// is_package may be NULL.
char *import_find_source(const char *name, bool *is_package);

// Loads lib/_pvm_import.py (which sets up CPython's importlib._bootstrap
// and _bootstrap_external) and gives the modules loaded so far their
// __spec__.  Called once by runtime_init; a failure is a warning on stderr.
int import_bootstrap(void);
// __main__.__loader__ = SourceFileLoader('__main__', path), for `pvm
// script.py` (CPython's value).  -1 + exception.
int import_set_main_loader(const char *path);
// For `pvm -m name`: __main__.__spec__ is the spec of module `name` found at
// `path` and __loader__ its loader, as runpy sets them.  -1 + exception.
int import_set_main_spec(const char *name, const char *path);
// Runs the source file `path` (through the bytecode cache) in module m.
int import_exec_source(obj_t *m, const char *path);
// Whether module m's body is being executed by an import right now (a
// partially initialized module; objects/module.c words its AttributeError
// as CPython's then).
bool import_is_initializing(obj_t *m);

#endif // PVM_IMPORT_H
