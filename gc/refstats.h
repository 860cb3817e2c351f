/*
 * gc/refstats.h — counting build of the shared reference-count writes
 * (cmake -DPVM_COUNT_SHARED=ON).
 *
 * "A read writes nothing shared" (docs/threading.md) is checked by counting
 * every write a thread makes to the shared half of another thread's object
 * header: brc_incref_shared, brc_decref_shared when no credit absorbs it,
 * and the payment of a credit (gc/credit.c).  Each write is charged to the
 * opcode the thread was executing (the interpreter records it in every
 * handler of this build) and to the object's type.  With PVM_SHARED_COUNTS
 * set in the environment, pvm prints both tables to stderr at exit.  In
 * every other build the macros are empty and nothing is counted.
 */
#ifndef PVM_REFSTATS_H
#define PVM_REFSTATS_H

#ifndef PVM_COUNT_SHARED
#define PVM_COUNT_SHARED 0
#endif

#if PVM_COUNT_SHARED
#include <stdint.h>

typedef struct obj obj_t;

enum { REFSTATS_INC, REFSTATS_DEC, REFSTATS_PAY, REFSTATS_KINDS };

extern __thread uint8_t refstats_op;
void refstats_count(int kind, obj_t *o);
void refstats_report(void);
#define REFSTATS_OP(op)      (refstats_op = (uint8_t)(op))
#define REFSTATS_COUNT(k, o) refstats_count((k), (o))
#define REFSTATS_REPORT()    refstats_report()
#else
#define REFSTATS_OP(op)      ((void)0)
#define REFSTATS_COUNT(k, o) ((void)0)
#define REFSTATS_REPORT()    ((void)0)
#endif

#endif // PVM_REFSTATS_H
