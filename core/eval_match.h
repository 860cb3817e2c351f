/*
 * core/eval_match.h — runtime support of the match statement's opcodes
 * (MATCH_SEQUENCE, MATCH_MAPPING, MATCH_KEYS, MATCH_CLASS; core/eval_match.c).
 * Internal to the interpreter.
 */
#ifndef PVM_EVAL_MATCH_H
#define PVM_EVAL_MATCH_H

#include "../objects/object.h"

// What kind of subject `v` is for sequence and mapping patterns: CPython's
// Py_TPFLAGS_SEQUENCE / Py_TPFLAGS_MAPPING, which a class inherits from its
// built-in base.
enum { MATCH_KIND_NONE, MATCH_KIND_SEQUENCE, MATCH_KIND_MAPPING };
int eval_match_kind(obj_t *v);

// MATCH_KEYS: a new tuple of map.get(k) for each k of the tuple `keys`, a new
// reference to None when a key is missing, NULL with an exception on error.
PVM_WUR obj_t *eval_match_keys(obj_t *map, obj_t *keys);

// MATCH_CLASS: a new tuple of the attributes matched by `nargs` positional
// sub-patterns (through cls.__match_args__) and by the str tuple `kwnames`,
// a new reference to None when there is no match, NULL with an exception on
// error (CPython 3.11's TypeErrors).
PVM_WUR obj_t *eval_match_class(obj_t *subject, obj_t *cls, size_t nargs, obj_t *kwnames);

#endif // PVM_EVAL_MATCH_H
