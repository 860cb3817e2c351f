/*
 * core/sysmodule_breakpoint.c — PEP 553: the builtin breakpoint() and
 * sys.breakpointhook / sys.__breakpointhook__.
 *
 * breakpoint(*args, **kws) calls whatever sys.breakpointhook is now.  The
 * default hook reads $PYTHONBREAKPOINT on each call: unset or empty means
 * pdb.set_trace, "0" disables breakpoints, anything else names a callable as
 * "module.attr" (a bare name is looked up in builtins).  A name that cannot
 * be imported gives a RuntimeWarning and the call returns None.  No state of
 * its own: the hook is an attribute of sys like any other.
 */
#include <stdlib.h>
#include <string.h>

#include "../objects/dict.h"
#include "../objects/exceptions.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "builtins_internal.h"
#include "error.h"
#include "import.h"
#include "sysmodule.h"

// warnings.warn(msg, RuntimeWarning); -1 + exception if it raised.
static int warn_unimportable(const char *name) {
    obj_t *warnings = import_module("warnings");
    if (warnings == NULL) return -1;
    obj_t *args[2] = {str_from_format("Ignoring unimportable $PYTHONBREAKPOINT: \"%s\"", name),
                      (obj_t *)exc_RuntimeWarning};
    obj_t *r = NULL;
    if (args[0]) r = obj_call_method(warnings, "warn", args, 2);
    XDECREF(args[0]);
    DECREF(warnings);
    if (r == NULL) return -1;
    DECREF(r);
    return 0;
}

static obj_t *sys_breakpointhook(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    const char *env = getenv("PYTHONBREAKPOINT");
    if (env == NULL || env[0] == '\0') env = "pdb.set_trace";
    if (strcmp(env, "0") == 0) return NEWREF(None);
    const char *dot = strrchr(env, '.');
    obj_t *mod = dot ? import_module_prefix(env, (size_t)(dot - env)) : import_module("builtins");
    obj_t *hook = NULL;
    if (mod) {
        hook = obj_getattr_str(mod, dot ? dot + 1 : env);
        DECREF(mod);
    }
    if (hook == NULL) {
        if (!err_matches(exc_ImportError) && !err_matches(exc_AttributeError)) return NULL;
        err_clear();
        if (warn_unimportable(env) < 0) return NULL;
        return NEWREF(None);
    }
    obj_t *r = obj_call(hook, args, nargs, kwnames);
    DECREF(hook);
    return r;
}

obj_t *builtin_breakpoint(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames) {
    obj_t *hook = sysmodule_get("breakpointhook");
    if (hook == NULL) {
        err_format(exc_RuntimeError, "lost sys.breakpointhook");
        return NULL;
    }
    obj_t *r = obj_call(hook, args, nargs, kwnames);
    DECREF(hook);
    return r;
}

static const method_def_t breakpoint_methods[] = {
    {"breakpointhook", sys_breakpointhook, 0, NULL},
    {NULL, NULL, 0, NULL},
};

int sysmodule_add_breakpoint(obj_t *m) {
    if (module_add_functions(m, breakpoint_methods) < 0) return -1;
    obj_t *d = module_dict(m);
    obj_t *hook = dict_get_str(d, "breakpointhook");
    if (hook == NULL) return -1;
    int rc = dict_set_str(d, "__breakpointhook__", hook);
    DECREF(hook);
    return rc;
}
