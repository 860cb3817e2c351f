/*
 * core/mod_pvm.c — the `_pvm` module: helpers that pvm's own Python library
 * (lib/) needs from the VM and that CPython keeps in private modules.
 */
#include "../objects/exceptions.h"
#include "../objects/module.h"
#include "error.h"
#include "runtime.h"
#include "sysmodule.h"

// print_exception(exc): the CPython-format report of exc on stderr.
static obj_t *pvm_print_exception(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    if (args_check("print_exception", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!EXC_CHECK(args[0])) {
        err_format(exc_TypeError, "print_exception() expects an exception, not %T", args[0]);
        return NULL;
    }
    sysmodule_flush_std();
    err_display(args[0], stderr);
    return NEWREF(None);
}

static const method_def_t pvm_functions[] = {
    {"print_exception", pvm_print_exception, 0, NULL},
    {NULL},
};

obj_t *pvm_module_init(void) {
    obj_t *m = module_new("_pvm");
    if (m && module_add_functions(m, pvm_functions) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
