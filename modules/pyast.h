/*
 * modules/pyast.h — the `_ast` module's interface to the rest of the VM (compile()).
 *
 * The node classes exist once per process: the first call of any function below (or
 * `import _ast`) builds them (see modules/ast_module.c).
 */
#ifndef PVM_PYAST_H
#define PVM_PYAST_H

#include "../core/ast.h"
#include "../objects/object.h"

#define PYCF_ONLY_AST              0x0400
#define PYCF_TYPE_COMMENTS         0x1000
#define PYCF_ALLOW_TOP_LEVEL_AWAIT 0x2000

// 1 when `o` is an instance of _ast.AST, 0 when not, -1 + exception when the classes could
// not be built.
int pyast_check(obj_t *o);
// compile(source, filename, mode, PyCF_ONLY_AST): parses and returns the tree as _ast
// objects (mode "exec", "eval" or "single"); SyntaxError as compile() raises it.
PVM_WUR obj_t *pyast_parse(const char *src, size_t len, const char *filename, const char *mode,
                           int compile_flags);
// compile(tree, filename, mode): converts and validates the _ast tree (CPython's TypeError /
// ValueError for malformed trees), then compiles it to a code object.
PVM_WUR obj_t *pyast_compile(obj_t *tree, const char *filename, const char *mode);

#endif // PVM_PYAST_H
