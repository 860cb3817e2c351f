/*
 * core/pyc.h — the bytecode cache (core/pyc.c): code objects written to and
 * read from `__pycache__/NAME.pvm-VV.pyc` files.  The file format is
 * documented in docs/bytecode.md, section "Cache file format".
 *
 * Every reader here treats the file as untrusted: a missing, stale,
 * truncated, corrupt or foreign cache is reported as "no cache" (NULL with
 * NO exception set) and never crashes.  Writers never raise either: a cache
 * that cannot be written (read-only folder, full disk, unsupported constant)
 * is silently skipped.
 */
#ifndef PVM_PYC_H
#define PVM_PYC_H

#include "../objects/object.h"

// pvm's bytecode format version, the VV of NAME.pvm-VV.pyc.  RULE: any
// change to core/opcodes.def (an opcode added, removed, reordered, or its
// operands' meaning changed), to the code object layout (objects/code.h) or
// to the encoding below bumps it.  (As a safety net the header also carries
// a fingerprint of the opcode table and of the pvm build, so a forgotten bump
// or a rebuilt compiler invalidates old caches instead of misrunning them.)
#define PVM_BYTECODE_VERSION     6
#define PVM_BYTECODE_VERSION_STR "6"

// Header flags (PEP 552).
#define PYC_FLAG_HASH         0x1 // validated by a hash of the source, not mtime+size
#define PYC_FLAG_CHECK_SOURCE 0x2 // with PYC_FLAG_HASH: re-hash the source on import
#define PYC_FLAGS_KNOWN       0x3

#define PYC_HEADER_SIZE       56

typedef enum {
    PYC_MODE_TIMESTAMP,      // default: mtime (ns) + size of the source
    PYC_MODE_CHECKED_HASH,   // source hash, checked on every import
    PYC_MODE_UNCHECKED_HASH, // source hash, never checked (the cache is trusted)
} pyc_mode_t;

typedef struct {
    uint32_t version;
    uint32_t flags;
    uint64_t build;     // build fingerprint
    uint64_t source_id; // mtime in ns, or the source hash (PYC_FLAG_HASH)
    uint64_t source_size;
    uint64_t payload_len;
    uint64_t checksum;
} pyc_header_t;

// Options of pyc_loads.
#define PYC_LOAD_NO_INTERN 0x1 // do not intern strings (fuzzing: keeps memory bounded)

// Where the cache of a source lives (core/pyc_path.c): "dir/name.py" ->
// "dir/__pycache__/name.pvm-VV.pyc", or PREFIX/abs/dir/name.pvm-VV.pyc under
// a cache prefix: sys.pycache_prefix (PYTHONPYCACHEPREFIX, -X
// pycache_prefix=PATH) when set, else $XDG_CACHE_HOME/pvm or ~/.cache/pvm
// for a source in a directory pvm does not own (the standard library,
// dist-packages, any directory it cannot write).  malloc'ed; NULL on OOM,
// no exception.
char *pyc_cache_path(const char *source_path);
// mkdir -p `dir` (0777 less the umask); 0 or -1 (errno set).
int pyc_make_dirs(const char *dir);

// Hash of source text as stored in hash-based caches.
uint64_t pyc_source_hash(const void *src, size_t len);

// The checksum of a payload as stored in the header.
uint64_t pyc_payload_checksum(const uint8_t *payload, size_t len);

// The fingerprint the header must carry to be accepted by this build.
uint64_t pyc_build_fingerprint(void);

// Checks the fixed part of a cache file image: magic, version, known flags,
// build fingerprint, payload length == len - PYC_HEADER_SIZE and payload
// checksum.  Fills *hdr.  Returns 0 if the image is a well-formed cache for
// this build, -1 otherwise (no exception).
int pyc_check_header(const uint8_t *data, size_t len, pyc_header_t *hdr);

// Serializes a code object into a complete cache file image (header +
// payload), malloc'ed in *out.  Returns 0, or -1 (no exception) when the code
// holds something the format cannot store.
int pyc_dumps(obj_t *code, uint32_t flags, uint64_t source_id, uint64_t source_size, uint8_t **out,
              size_t *outlen);

// Decodes and validates the payload (data, len) of a cache file whose header
// was checked.  Every code object's filename is replaced by `filename` when
// it is not NULL (the cache may have been moved with its source).  Returns a
// new code object or NULL with NO exception set.
PVM_WUR obj_t *pyc_loads_payload(const uint8_t *data, size_t len, obj_t *filename, int options);

// Whole image: pyc_check_header + pyc_loads_payload (no source check).
PVM_WUR obj_t *pyc_loads(const uint8_t *data, size_t len, obj_t *filename, int options);

// Reads the cache file `path` and returns its code object if its header
// matches a source with the given mtime (ns) and size, or NULL (no exception).
// Hash-based caches are not accepted here (they need the source text; see
// pyc_compile_cached).
PVM_WUR obj_t *pyc_read(const char *path, uint64_t source_mtime_ns, uint64_t source_size);

// Writes `code` to `path` atomically (temp file in the same folder, then
// rename), creating the __pycache__ folder if missing.  Any failure is
// silent.  Returns 0 if the file was written, -1 otherwise (no exception).
int pyc_write(obj_t *code, const char *path, uint64_t source_mtime_ns, uint64_t source_size);

// The import system's loader: the code object of the source file `path`
// (co_filename = path), from its cache when the cache matches the source,
// otherwise compiled and, when `write_cache`, cached.  NULL + exception only
// when the source cannot be read or does not compile.
PVM_WUR obj_t *pyc_compile_cached(const char *path, bool write_cache, char **cache_path_out);

// Internal to core/pyc*.c: whether a decoded code object satisfies
// everything the interpreter trusts (core/pyc_verify.c; the rules are in
// docs/bytecode.md, "What the loader validates").  Nested code objects in
// its constants were validated when they were decoded.
struct code;
bool pyc_validate_code(struct code *co);

// Frame jumps (frame.f_lineno = n, core/frame_jump.c) reuse the
// validator's register data flow.  pyc_flow_states writes, for each
// instruction start pcs[i], the state of every register before it (one
// row of co->nregs + 1 bytes, the validator's lattice; a row of zeros: not
// reachable); false if the code does not pass the flow check or is too
// big for it.  pyc_flow_jump_reg says whether execution that reaches a
// point with register state `to` is safe with a register in state `from`:
// 0 as is, 1 once the register is unbound (its value is not needed
// there), -1 not at all.  pyc_flow_is_bound: the state says bound;
// pyc_flow_is_handled_exc: an exception, or a saved handled exception
// (PUSH_EXC_INFO's result); pyc_flow_is_saved_exc: only the latter (what
// POP_EXCEPT restores).
bool pyc_flow_states(const struct code *co, const size_t *pcs, size_t npcs, uint8_t *out);
int pyc_flow_jump_reg(uint8_t from, uint8_t to);
bool pyc_flow_is_bound(uint8_t t);
uint8_t pyc_flow_unbound_state(void);
bool pyc_flow_is_handled_exc(uint8_t t);
bool pyc_flow_is_saved_exc(uint8_t t);
// Liveness for the same pcs: row i (co->nregs + 1 bytes) has 1 for each
// register that some path from pcs[i] reads before writing it.
bool pyc_flow_live(const struct code *co, const size_t *pcs, size_t npcs, uint8_t *out);
// Reaching definitions of register r: *subset is true when every
// instruction (or exception handler) whose value r may hold before `from`
// may also be where r's value before `to` comes from (with from_unbound:
// whether r may be unbound before `to`).  False if the code is too big for
// it.
bool pyc_flow_defs_subset(const struct code *co, uint64_t r, size_t from, bool from_unbound,
                          size_t to, bool *subset);

// Reads and loads a .pyc file given on the command line (no source check).
// NULL + exception (OSError, or RuntimeError "Bad magic number in .pyc file"
// / "... is not a valid pvm bytecode cache") on failure.
PVM_WUR obj_t *pyc_load_file(const char *path, obj_t *filename);

// Whether `path` names a file that starts with this pvm version's magic.
bool pyc_is_cache_file(const char *path);

// `pvm --compile PATH...`: compiles every .py file under the given files and
// folders (recursively, skipping __pycache__) and writes their caches.
// Syntax errors are printed; returns the exit status (0, or 1 if any file
// failed to compile or could not be read/written).
int pyc_compile_paths(char *const *paths, int n, pyc_mode_t mode, bool quiet);

#endif // PVM_PYC_H
