/*
 * include/pvm.h — the public embedding API of libpvm.
 *
 * A program links libpvm (libpvm.so, or libpvm-embed.a for static linking;
 * `pkg-config --cflags --libs pvm` after `cmake --install`), calls
 * pvm_initialize() once, and may then call into the VM from any OS thread
 * after pvm_thread_attach() on that thread.  Everything else in the tree is
 * internal: compiled with hidden visibility, so these functions (PVM_API)
 * are the only symbols the libraries export.  docs/embedding.md is the
 * guide; the rules in short:
 *
 * Threads.  There is no global lock: attached threads run Python code in
 * parallel.  Every call below (but pvm_initialize and pvm_thread_attach)
 * must come from an attached thread.  Between two API calls an attached
 * thread is *outside* the VM (parked: the collector and stop-the-world never
 * wait for it), so a host thread may block in accept() or read() for as long
 * as it likes between calls.  Detach every host thread before
 * pvm_finalize().
 *
 * Values.  A pvm_value is an opaque handle that owns one reference to a
 * Python object.  Every function returning a pvm_value * returns a new
 * handle (or NULL with a pending exception); release it exactly once with
 * pvm_release(), from any attached thread: a handle made on one thread may
 * be used and released on another (pvm's biased reference counting makes
 * cross-thread releases correct).  Functions taking pvm_value * arguments
 * borrow them (they never release the caller's handles).  Two threads may
 * use the same handle at once for reading and calling; release it only
 * when no other thread uses it any more (or give each thread its own with
 * pvm_retain()).
 *
 * Errors.  A failing call returns NULL (or -1) and leaves a pending
 * exception on the calling thread (each thread has its own).  Inspect it
 * with pvm_err_*() and clear it with pvm_err_clear() before the next call.
 * Strings returned as `char *` are malloc()ed copies: free them with
 * pvm_free().
 */
#ifndef PVM_H
#define PVM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PVM_API         __attribute__((visibility("default")))

#define PVM_API_VERSION 1 // bumped when the API below changes incompatibly

// ---- the VM ---------------------------------------------------------------

// Starts the VM; argv becomes sys.argv.  Attaches the calling thread (and
// leaves it outside the VM, like every call).  Returns 0 on success.  Call
// it once per process.
PVM_API int pvm_initialize(int argc, char **argv);
// Waits for non-daemon Python threads, runs atexit callbacks, flushes
// sys.stdout/stderr and shuts the VM down.  Call it from the thread that
// called pvm_initialize(), after every other host thread has detached.
PVM_API void pvm_finalize(void);
// Runs a file as __main__ / a string in __main__; returns a process exit
// status (0 ok, 1 uncaught exception printed to stderr, n for
// SystemExit(n)).  No exception is left pending.
PVM_API int pvm_run_file(const char *path);
PVM_API int pvm_run_string(const char *source);
// Attach / detach an OS thread created by the embedder.  Attaching twice is
// allowed (nested: the thread detaches on the matching last detach).
// Returns 0 on success.
PVM_API int pvm_thread_attach(void);
PVM_API void pvm_thread_detach(void);

// ---- values ---------------------------------------------------------------

typedef struct pvm_value pvm_value;

// Constructors: new handles, or NULL with an exception (MemoryError;
// UnicodeDecodeError when pvm_str's bytes are not UTF-8).
PVM_API pvm_value *pvm_none(void);
PVM_API pvm_value *pvm_bool(int b);
PVM_API pvm_value *pvm_int(int64_t v);
PVM_API pvm_value *pvm_float(double v);
PVM_API pvm_value *pvm_str(const char *utf8);             // NUL-terminated
PVM_API pvm_value *pvm_str_n(const char *utf8, size_t n); // n bytes
PVM_API pvm_value *pvm_bytes(const void *data, size_t n);
PVM_API pvm_value *pvm_tuple(size_t n, pvm_value *const *items); // borrows items
PVM_API pvm_value *pvm_list(size_t n, pvm_value *const *items);  // borrows items
PVM_API pvm_value *pvm_dict(void);                               // empty dict

// Another handle to the same object (one more reference).
PVM_API pvm_value *pvm_retain(pvm_value *v);
// Releases a handle; NULL is ignored.
PVM_API void pvm_release(pvm_value *v);

// Type tests and accessors.  pvm_type_name() is the Python type's name
// ("int", "str", "MyClass"); it stays valid while v is held.
PVM_API const char *pvm_type_name(pvm_value *v);
PVM_API int pvm_is_none(pvm_value *v);
PVM_API int pvm_is_int(pvm_value *v); // bool counts as int, as in Python
PVM_API int pvm_is_float(pvm_value *v);
PVM_API int pvm_is_str(pvm_value *v);
PVM_API int pvm_is_bytes(pvm_value *v);
PVM_API int pvm_is_tuple(pvm_value *v);
PVM_API int pvm_is_list(pvm_value *v);
PVM_API int pvm_is_dict(pvm_value *v);
// 0 and *out set, or -1 with an exception: TypeError for the wrong type,
// OverflowError for an int that does not fit in 64 bits.  pvm_as_float
// accepts ints too.
PVM_API int pvm_as_int(pvm_value *v, int64_t *out);
PVM_API int pvm_as_float(pvm_value *v, double *out);
PVM_API int pvm_as_bool(pvm_value *v); // truth value: 1, 0, or -1 with an exception
// The UTF-8 text of a str / the bytes of a bytes object, borrowed from v
// (valid while v is held; str and bytes are immutable).  *len (may be
// NULL) gets the length in bytes.  NULL + TypeError for another type.
PVM_API const char *pvm_as_str(pvm_value *v, size_t *len);
PVM_API const void *pvm_as_bytes(pvm_value *v, size_t *len);
// str(v) and repr(v) as malloc()ed UTF-8 strings (pvm_free), or NULL with
// an exception.
PVM_API char *pvm_to_string(pvm_value *v);
PVM_API char *pvm_repr(pvm_value *v);

// Containers.  pvm_len: len(v), or -1 with an exception.  pvm_item: v[i]
// for a tuple or list (negative i counts from the end), a new handle.
PVM_API int64_t pvm_len(pvm_value *v);
PVM_API pvm_value *pvm_item(pvm_value *v, int64_t i);
// d[key] = value / d[key] for any mapping (dicts take the dict's lock).
// pvm_getitem raises KeyError for a missing key; pvm_getitem_str returns
// NULL *without* an exception for a missing key of a dict.
PVM_API int pvm_setitem(pvm_value *d, pvm_value *key, pvm_value *value);
PVM_API int pvm_setitem_str(pvm_value *d, const char *key, pvm_value *value);
PVM_API pvm_value *pvm_getitem(pvm_value *d, pvm_value *key);
PVM_API pvm_value *pvm_getitem_str(pvm_value *d, const char *key);

// ---- modules, attributes, calls ---------------------------------------------

// import name (dotted names allowed); the module.
PVM_API pvm_value *pvm_import(const char *name);
// getattr(obj, name).
PVM_API pvm_value *pvm_getattr(pvm_value *obj, const char *name);
// setattr(obj, name, value): 0, or -1 with an exception.
PVM_API int pvm_setattr(pvm_value *obj, const char *name, pvm_value *value);
// getattr(import(module), name): a function (or any attribute) of a module.
PVM_API pvm_value *pvm_lookup(const char *module, const char *name);
// callable(*args, **kwargs): args borrowed (nargs of them, args may be NULL
// when nargs is 0); kwargs a dict handle or NULL.
PVM_API pvm_value *pvm_call(pvm_value *callable, size_t nargs, pvm_value *const *args,
                            pvm_value *kwargs);
// obj.name(*args).
PVM_API pvm_value *pvm_call_method(pvm_value *obj, const char *name, size_t nargs,
                                   pvm_value *const *args);
// eval(expression) in __main__'s namespace.
PVM_API pvm_value *pvm_eval(const char *expression);

// ---- exceptions -------------------------------------------------------------

// 1 when the calling thread has a pending exception.
PVM_API int pvm_err_occurred(void);
// The pending exception's type name ("ValueError"), its str() ("bad
// value"), and the full CPython-format report ("Traceback (most recent call
// last):\n ... ValueError: bad value\n"): malloc()ed copies (pvm_free), NULL
// when no exception is pending.  The exception stays pending.
PVM_API char *pvm_err_type_name(void);
PVM_API char *pvm_err_message(void);
PVM_API char *pvm_err_traceback(void);
// Takes the pending exception (a new handle, or NULL) and clears it.
PVM_API pvm_value *pvm_err_fetch(void);
// Clears the pending exception, if any.
PVM_API void pvm_err_clear(void);
// Prints the pending exception's traceback to sys.stderr and clears it.
PVM_API void pvm_err_print(void);
// Raises a new exception: type_name is a builtin exception's name
// ("ValueError", "RuntimeError"...); an unknown name raises SystemError.
PVM_API void pvm_err_set(const char *type_name, const char *message);

// Frees a string this API returned.
PVM_API void pvm_free(void *p);

#ifdef __cplusplus
}
#endif
#endif // PVM_H
