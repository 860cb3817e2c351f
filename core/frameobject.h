/*
 * core/frameobject.h — Python frame objects (sys._getframe(), tb_frame,
 * gi_frame), made lazily from the interpreter's register frames
 * (core/frame.h).  The design and its concurrency rules are at the top of
 * core/frameobject.c.
 */
#ifndef PVM_FRAMEOBJECT_H
#define PVM_FRAMEOBJECT_H

#include "frame.h"

typedef struct frameobj {
    obj_t ob;
    // The register frame while it exists; NULL once detached (frame_pop
    // snapshotted it).  Stored NULL with release after the snapshot.
    frame_t *_Atomic live;
    // Thread whose register stack holds `live`, or NULL when not known (a
    // generator frame, which any thread may resume).
    thread_t *owner;
    obj_t *code, *globals, *builtins; // owned
    obj_t *ns;                        // module / class body: the namespace dict (owned), else NULL
    obj_t *locals;                    // function frames: the f_locals dict, made on demand (owned)
    // Function frames: room for the values of the named slots (varnames,
    // then cellvars, then freevars; cells as cells) after the struct, in
    // the same allocation; filled (owned or NULL) when detached, nsaved
    // slots then.
    obj_t **saved;
    int nsaved;
    int lasti;          // once detached: index of the last instruction word (-1: none)
    obj_t *back;        // once detached: f_back (owned) or NULL
    obj_t *trace;       // f_trace (owned) or NULL; guarded by the object's critical section
    bool trace_lines;   // f_trace_lines
    bool trace_opcodes; // f_trace_opcodes
    // Line tracing (core/trace.c), touched only by the thread running the
    // frame: the last instruction the line hook saw (-1: none yet), and the
    // line-table run [line_start, line_end) with line line_no last looked up.
    ssize_t trace_prev;
    size_t line_start, line_end;
    int line_no;
} frameobj_t;

extern type_t frame_type;
#define FRAME_CHECK(v) OBJ_IS_TYPE(v, &frame_type)

// The frame object of `f` (new reference), made on first use.  Called by
// the thread running f's chain, or inside a stop-the-world pause (then
// `owner` is the thread whose chain holds f).
PVM_WUR obj_t *frameobj_get(frame_t *f, thread_t *owner);
// gen.gi_frame: the frame object of a generator's heap frame, or None.
PVM_WUR obj_t *frameobj_of_gen(obj_t *gen);
// Last executed instruction word of a frame object (-1: not started).
int frameobj_lasti(obj_t *fo);
// frame.f_lineno = v from a trace function (core/frame_jump.c).
int frame_set_lineno(obj_t *fo, obj_t *v, void *c);
// sys._getframe(depth) and sys._current_frames().
PVM_WUR obj_t *frameobj_getframe(obj_t *self, obj_t *const *args, size_t nargs, obj_t *kwnames);
PVM_WUR obj_t *frameobj_current_exceptions(obj_t *self, obj_t *const *args, size_t nargs,
                                           obj_t *kwnames);
PVM_WUR obj_t *frameobj_current_frames(obj_t *self, obj_t *const *args, size_t nargs,
                                       obj_t *kwnames);

#endif // PVM_FRAMEOBJECT_H
