/*
 * objects/pyhash.h — the hash secret and the keyed hash of bytes and text.
 *
 * str, bytes (and so memoryview) hash as CPython 3.11 does on a 64-bit
 * little-endian build: SipHash-1-3 keyed by the first 16 bytes of a 24-byte
 * secret, an empty input hashes to 0 and -1 becomes -2.  Text hashes the
 * code points in CPython's PEP 393 width (1, 2 or 4 bytes each, chosen by
 * the largest code point), whatever pvm stores (UTF-8), so hash('é') matches.
 *
 * The secret comes from PYTHONHASHSEED (unset or "random": the OS's random
 * bytes; 0: all zero; 1..4294967295: CPython's LCG over the seed).  It is
 * written once, before the first str is hashed (main() and runtime_init()
 * call pyhash_secret_init; a hash taken without either, as in the C unit
 * tests, sets it from the environment first), and read without a lock
 * afterwards: nothing writes it again.
 */
#ifndef PVM_PYHASH_H
#define PVM_PYHASH_H

#include <stdbool.h>
#include <stddef.h>

#include "object.h"

// Reads PYTHONHASHSEED (unless use_env is false: -E / -I) and fills the
// secret.  deterministic: with no seed given, use seed 0 instead of random
// bytes (-X stress needs replayable runs).  A bad value prints CPython's fatal
// error and exits with status 1.  Later calls do nothing.
void pyhash_secret_init(bool use_env, bool deterministic);
// sys.flags.hash_randomization: 0 only for PYTHONHASHSEED=0.
bool pyhash_randomized(void);
// The hash of n raw bytes (bytes, memoryview); never -1.
hash_t pyhash_bytes(const void *p, size_t n);
// The hash of n bytes of UTF-8 text (pvm's str storage, surrogates allowed)
// as CPython hashes the same str; ascii: every byte is < 128.  Never -1.
hash_t pyhash_utf8(const char *p, size_t n, bool ascii);

#endif
