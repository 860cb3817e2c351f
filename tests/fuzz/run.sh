#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-DPVM_FUZZ=ON: ASan+UBSan and
# coverage instrumentation) and runs each for SECONDS (default 60).
#
#   tests/fuzz/run.sh [SECONDS] [BUILD_DIR]      (BUILD_DIR default: build-fuzz)
#
# Seeds: every .py file of lib/ and tests/py/ (fuzz_parser), and the caches
# this build's pvm writes for them with --compile (fuzz_pyc, as a payload
# and as a whole image; see the modes in fuzz_pyc.c).  The corpus grown by a
# run is kept in BUILD_DIR/fuzz-corpus/ for the next one.  A crash, sanitizer
# report or leak stops the target, leaves the input as
# BUILD_DIR/fuzz-artifacts/crash-* and makes the script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
build=${2:-build-fuzz}

cmake -S . -B "$build" -DPVM_FUZZ=ON -DCMAKE_C_COMPILER=clang \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 --target fuzz_pyc fuzz_parser pvm
build=$(realpath "$build") # fuzz_pyc runs its mutants in a scratch cwd: absolute paths

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/tree" "$seeds/pyc" "$seeds/py" "$build/fuzz-corpus/pyc" \
         "$build/fuzz-corpus/py" "$build/fuzz-artifacts"
cp -r lib tests/py "$seeds/tree/"
find "$seeds/tree" -name __pycache__ -prune -exec rm -rf {} +
"$build/pvm" --compile -q "$seeds/tree" >/dev/null 2>&1 || true # syntax-error tests fail
python3 - "$seeds" <<'EOF'
import hashlib, os, sys
root = sys.argv[1]
def put(kind, blob):
    with open(os.path.join(root, kind, hashlib.sha1(blob).hexdigest()), "wb") as f:
        f.write(blob)
for d, _, files in os.walk(os.path.join(root, "tree")):
    for name in files:
        data = open(os.path.join(d, name), "rb").read()
        if name.endswith(".pyc") and len(data) <= 16384:
            put("pyc", b"\x00" + data[56:])  # payload only
            put("pyc", b"\x02" + data)       # whole image, header fixed up
            src = os.path.join(os.path.dirname(d), name.split(".")[0] + ".py")
            text = open(src, errors="replace").read() if os.path.exists(src) else "thread"
            # Mode 3 runs the mutants: only programs without threads, files,
            # sleeps or exits, so that a mutant cannot wander off.
            if not any(w in text for w in ("thread", "open(", "sleep", "os.", "exit",
                                          "input(", "import ", "socket", "signal")):
                put("pyc", b"\x03" + data)   # whole image, mutated code is run
        elif name.endswith(".py"):
            put("py", b"\x00" + data)
EOF

# A mutant may legitimately ask for gigabytes ("%.2147483640d" % 1 does in
# CPython too): a single allocation over 512 MB fails, so pvm raises
# MemoryError as it does when the system refuses, instead of the process
# crossing libFuzzer's RSS limit, which would be reported as a finding.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1}:allocator_may_return_null=1:max_allocation_size_mb=512
export LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp
status=0
run() {
    local name=$1 kind=$2
    shift 2
    echo "== $name: ${secs}s"
    local before
    before=$(ls "$build/fuzz-artifacts" | wc -l)
    if ! "$build/$name" -max_total_time="$secs" -print_final_stats=1 -timeout=20 \
            -rss_limit_mb=4096 -artifact_prefix="$build/fuzz-artifacts/" "$@" \
            "$build/fuzz-corpus/$kind" "$seeds/$kind" 2>"$build/fuzz-$name.log"; then
        status=1
        grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$build/fuzz-$name.log" | head -20 || true
        tail -30 "$build/fuzz-$name.log" || true
        # A report printed while a mutant ran went to /dev/null (fuzz_pyc.c):
        # run the new artifacts again with stderr kept, and show them.
        ls -t "$build/fuzz-artifacts" | head -n $(( $(ls "$build/fuzz-artifacts" | wc -l) - before )) |
        while read -r a; do
            echo "== $name: replaying $a ($(stat -c %s "$build/fuzz-artifacts/$a") bytes, base64 below)"
            FUZZ_PYC_STDERR=1 timeout 60 "$build/$name" -runs=1 -rss_limit_mb=4096 "$@" \
                "$build/fuzz-artifacts/$a" 2>&1 | grep -v "^INFO:" | tail -40 || true
            base64 -w 0 "$build/fuzz-artifacts/$a" | head -c 24000
            echo
        done
    fi
    grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|stat::new_units_added" \
         "$build/fuzz-$name.log" || true
}
# Per-input leak checks (-detect_leaks=1) cost 10x in throughput here: the
# object allocator caches freed memory, so malloc and free counts rarely
# balance within one input and libFuzzer re-runs it under LeakSanitizer.
# Leaks are still caught: LeakSanitizer checks the whole process at exit
# (interned strings, immortal by design, are suppressed in lsan.supp).
run fuzz_pyc pyc -max_len=16384 -detect_leaks=0
# Parser + compiler + cache round trip (fuzz_parser.c).
run fuzz_parser py -max_len=16384 -detect_leaks=0 -dict=tests/fuzz/python.dict
exit $status
