/*
 * core/traceback.h — traceback entries and CPython-format exception reports.
 *
 * A traceback is a chain of traceback_t, outermost frame first: when an
 * exception leaves a frame, the interpreter prepends an entry for that frame
 * (code object + line).  err_display (core/traceback.c) prints
 * "Traceback (most recent call last):", one `  File "f.py", line N, in name`
 * line per entry followed by the stripped source line (read from the file),
 * then "Type: message", with __cause__/__context__ chains printed first.
 */
#ifndef PVM_TRACEBACK_H
#define PVM_TRACEBACK_H

#include <stdio.h>

#include "../objects/object.h"

typedef struct traceback {
    obj_t ob;
    obj_t *next; // traceback_t toward the raise point, or NULL
    obj_t *code; // code_t
    int lineno;
    // Source range of the failing instruction (0-based UTF-8 byte columns);
    // col < 0 when unknown.  Used for the ^^^ markers of 3.11 tracebacks.
    int end_lineno, col, end_col;
    obj_t *frame; // tb_frame: the frame object (core/frameobject.h), owned
    int lasti;    // tb_lasti: byte offset into co_code (4 per instruction word; -1: unknown)
} traceback_t;

extern type_t traceback_type;
// Prepends an entry for (code, lineno) to exc's traceback.
int traceback_add(obj_t *exc, obj_t *code, int lineno);
// Same with the instruction's source range.
int traceback_add_pos(obj_t *exc, obj_t *code, int lineno, int end_lineno, int col, int end_col);
// Same for the interpreter: an entry for register frame `f` (its frame
// object made if need be) at instruction word `lasti`.
struct frame;
int traceback_add_frame(obj_t *exc, struct frame *f, size_t lasti, int lineno, int end_lineno,
                        int col, int end_col);

// Line `lineno` (1-based) of the file at path, malloc'd, without its line
// end; NULL if unavailable (or path is "<...>").
char *traceback_source_line(const char *path, int lineno);
// Prints that line to out with its leading blanks replaced by four spaces,
// as the race and stress reports show a frame's line; nothing if it is
// unavailable or blank.
void traceback_print_source_line(FILE *out, const char *path, int lineno);

#endif // PVM_TRACEBACK_H
