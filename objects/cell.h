/*
 * objects/cell.h — cells live with functions in objects/func.h; this header
 * exists so code that only needs cells can say so.
 */
#ifndef PVM_CELL_H
#define PVM_CELL_H
#include "func.h"
#endif // PVM_CELL_H
