/*
 * objects/exceptions.h — the built-in exception hierarchy and the exception
 * instance layout.
 *
 * The hierarchy is declared once in EXC_TYPES (name, base); exceptions.c
 * expands it into the type objects, builtins registers each under its name.
 * All exception instances share exc_t; subclasses created in Python add an
 * instance dict.  `args` is always a tuple.
 */
#ifndef PVM_EXCEPTIONS_H
#define PVM_EXCEPTIONS_H

#include "object.h"

typedef struct exc {
    obj_t ob;
    obj_t *dict;      // instance attributes (and attributes of subclasses)
    obj_t *args;      // tuple
    obj_t *traceback; // traceback_t chain or NULL (core/traceback.h)
    obj_t *cause;     // __cause__ or NULL
    obj_t *context;   // __context__ or NULL
    _Atomic bool suppress_context;
    obj_t *value;   // StopIteration.value, SystemExit.code, KeyError key... or NULL
    obj_t *name;    // NameError/AttributeError .name, ImportError .name, or NULL
    obj_t *extra;   // OSError.filename / SyntaxError details (tuple) or NULL
    int64_t errnum; // OSError.errno
} exc_t;

#define EXC_TYPES(X)                                                                               \
    X(BaseException, NULL)                                                                         \
    X(SystemExit, BaseException)                                                                   \
    X(KeyboardInterrupt, BaseException)                                                            \
    X(GeneratorExit, BaseException)                                                                \
    X(Exception, BaseException)                                                                    \
    X(StopIteration, Exception)                                                                    \
    X(StopAsyncIteration, Exception)                                                               \
    X(ArithmeticError, Exception)                                                                  \
    X(FloatingPointError, ArithmeticError)                                                         \
    X(OverflowError, ArithmeticError)                                                              \
    X(ZeroDivisionError, ArithmeticError)                                                          \
    X(AssertionError, Exception)                                                                   \
    X(AttributeError, Exception)                                                                   \
    X(BufferError, Exception)                                                                      \
    X(EOFError, Exception)                                                                         \
    X(ImportError, Exception)                                                                      \
    X(ModuleNotFoundError, ImportError)                                                            \
    X(LookupError, Exception)                                                                      \
    X(IndexError, LookupError)                                                                     \
    X(KeyError, LookupError)                                                                       \
    X(MemoryError, Exception)                                                                      \
    X(NameError, Exception)                                                                        \
    X(UnboundLocalError, NameError)                                                                \
    X(OSError, Exception)                                                                          \
    X(BlockingIOError, OSError)                                                                    \
    X(ChildProcessError, OSError)                                                                  \
    X(ConnectionError, OSError)                                                                    \
    X(BrokenPipeError, ConnectionError)                                                            \
    X(ConnectionAbortedError, ConnectionError)                                                     \
    X(ConnectionRefusedError, ConnectionError)                                                     \
    X(ConnectionResetError, ConnectionError)                                                       \
    X(FileExistsError, OSError)                                                                    \
    X(FileNotFoundError, OSError)                                                                  \
    X(InterruptedError, OSError)                                                                   \
    X(IsADirectoryError, OSError)                                                                  \
    X(NotADirectoryError, OSError)                                                                 \
    X(PermissionError, OSError)                                                                    \
    X(ProcessLookupError, OSError)                                                                 \
    X(TimeoutError, OSError)                                                                       \
    X(ReferenceError, Exception)                                                                   \
    X(RuntimeError, Exception)                                                                     \
    X(NotImplementedError, RuntimeError)                                                           \
    X(RecursionError, RuntimeError)                                                                \
    X(SyntaxError, Exception)                                                                      \
    X(IndentationError, SyntaxError)                                                               \
    X(TabError, IndentationError)                                                                  \
    X(SystemError, Exception)                                                                      \
    X(TypeError, Exception)                                                                        \
    X(ValueError, Exception)                                                                       \
    X(UnicodeError, ValueError)                                                                    \
    X(UnicodeDecodeError, UnicodeError)                                                            \
    X(UnicodeEncodeError, UnicodeError)                                                            \
    X(Warning, Exception)                                                                          \
    X(DeprecationWarning, Warning)                                                                 \
    X(RuntimeWarning, Warning)                                                                     \
    X(UserWarning, Warning)                                                                        \
    X(BaseExceptionGroup, BaseException)                                                           \
    X(ExceptionGroup, BaseExceptionGroup)                                                          \
    X(PendingDeprecationWarning, Warning)                                                          \
    X(SyntaxWarning, Warning)                                                                      \
    X(FutureWarning, Warning)                                                                      \
    X(ImportWarning, Warning)                                                                      \
    X(UnicodeWarning, Warning)                                                                     \
    X(BytesWarning, Warning)                                                                       \
    X(ResourceWarning, Warning)                                                                    \
    X(EncodingWarning, Warning)                                                                    \
    X(UnicodeTranslateError, UnicodeError)

#define EXC_DECLARE(name, base) extern type_t *exc_##name;
EXC_TYPES(EXC_DECLARE)
#undef EXC_DECLARE

// Creates the exception types; called once at start-up before anything raises.
int exceptions_init(void);
// Registers every exception type in the builtins dict.
int exceptions_add_to_builtins(obj_t *builtins_dict);
// New instance of `type` with the given args tuple (borrowed).
PVM_WUR obj_t *exc_new(type_t *type, obj_t *args);
// A native module's exception class, as `class NAME(base)` with
// __module__ = module: made once at module set-up, kept for the process
// (immortal: every thread reads it).  NULL with an exception set on failure.
PVM_WUR obj_t *exc_new_class(const char *module, const char *name, type_t *base);
// Accessors used by the VM.  Another thread may replace these fields at any
// time (gc/qsbr.h): a borrowed result is valid only until this thread's
// next quiescent state, so it must not be kept across Python code,
// blocking or a mutex park; the *_ref forms return a new reference.
obj_t *exc_get_traceback(obj_t *exc);             // borrowed, may be NULL
void exc_set_traceback(obj_t *exc, obj_t *tb);    // does not steal
void exc_set_cause(obj_t *exc, obj_t *cause);     // steals cause; also sets suppress_context
void exc_set_context(obj_t *exc, obj_t *context); // steals context
obj_t *exc_get_cause(obj_t *exc);                 // borrowed
obj_t *exc_get_context(obj_t *exc);               // borrowed
obj_t *exc_traceback_ref(obj_t *exc);             // new reference or NULL
obj_t *exc_cause_ref(obj_t *exc);                 // new reference or NULL
obj_t *exc_context_ref(obj_t *exc);               // new reference or NULL
bool exc_suppress_context(obj_t *exc);
// str(exc) as CPython prints it after "Name: " (KeyError uses repr of the key).
PVM_WUR obj_t *exc_str(obj_t *exc);
// StopIteration.value (borrowed; None if absent).
obj_t *exc_stopiteration_value(obj_t *exc);
// Sets .name (NameError, AttributeError) and .obj (AttributeError) of an
// exception instance; other types are left alone.  Borrowed arguments, may be
// NULL.  Raise a NameError with: err_format(exc_NameError, "name '%U' is not
// defined", name); exc_set_attr_details(err_peek(), name, NULL);
void exc_set_attr_details(obj_t *exc, obj_t *name, obj_t *obj);
// After a failed attribute lookup through a user's __getattr__ or
// __getattribute__: names obj and name in the AttributeError being raised
// when it names nothing yet.
void exc_attr_error_context(obj_t *obj, obj_t *name);
// Raise UnicodeDecodeError(encoding, bytes(data[:len]), start, end, reason) /
// UnicodeEncodeError(encoding, str, start, end, reason) with CPython's
// messages and the .encoding/.object/.start/.end/.reason attributes set.
void err_unicode_decode(const char *encoding, const void *data, size_t len, size_t start,
                        size_t end, const char *reason);
void err_unicode_encode(const char *encoding, obj_t *str, size_t start, size_t end,
                        const char *reason);

#endif // PVM_EXCEPTIONS_H
