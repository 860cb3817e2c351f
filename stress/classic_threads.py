# The classic benchmark programs' kernels (bench/classic/) run in several
# threads at once on pvm's shared heap: each thread computes results that
# must equal the ones computed single-threaded first.  Shared module state
# (the classes, module-level tables, compiled regexes, json's and copy's
# caches) is read by all threads at the same time.
import os
import random
import runpy
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSIC = os.path.join(HERE, "..", "bench", "classic")


class Namespace:
    def __init__(self, d):
        self.__dict__.update(d)


def load(name):
    # runpy keeps the functions' globals alive in the returned dict
    return Namespace(runpy.run_path(os.path.join(CLASSIC, name + ".py"), run_name="classic_" + name))


richards = load("richards")
raytrace = load("raytrace")
fannkuch = load("fannkuch")
hexiom = load("hexiom")
meteor = load("meteor_contest")
regex_v8 = load("regex_v8")
json_bench = load("json_bench")
deepcopy_bench = load("deepcopy_bench")
go = load("go")
nbody = load("nbody")
generators = load("generators")
chaos = load("chaos")
scimark = load("scimark")
coroutines = load("coroutines")
comprehensions = load("comprehensions")
pidigits = load("pidigits")
spectral_norm = load("spectral_norm")
nqueens = load("nqueens")
float_bench = load("float_bench")

import copy  # noqa: E402
import json  # noqa: E402

shared_records = json_bench.make_records(40)
shared_data = deepcopy_bench.make_data()
shared_corpus = regex_v8.make_corpus(random.Random(3), 20)
shared_scene = raytrace.build_scene()
shared_tree = generators.build(0, 2000)


def k_richards():
    return richards.run_once(300)


def k_raytrace():
    # a scene per thread: render() keeps its recursion depth on the scene
    px = raytrace.build_scene().render(12, 12)
    return [tuple(round(c, 9) for c in p) for row in px for p in row]


def k_fannkuch():
    return fannkuch.fannkuch(6)


def k_hexiom():
    board = hexiom.Hex(2)
    tiles, n_empty, fixed = hexiom.make_puzzle(board, random.Random(5), 0.6, 8)
    s = hexiom.Solver(board, tiles, n_empty, fixed)
    s.solve()
    return sorted(s.solutions)


def k_meteor():
    pieces = meteor.random_tiling(random.Random(2009))
    s = meteor.Solver(pieces, 3)
    s.solve()
    return sorted(s.solutions)


def k_regex():
    return regex_v8.one_round(shared_corpus, 0)


def k_json():
    text = json.dumps(shared_records, sort_keys=True)
    return text, json.loads(text) == shared_records


def k_deepcopy():
    c = copy.deepcopy(shared_data)
    return deepcopy_bench.checksum(c), c["cycle"][2] is c["cycle"]


def k_go():
    b = go.Board()
    return go.uct(b, 2, random.Random(7))


def k_nbody():
    bodies = nbody.make_bodies()
    pairs = [(a, b) for i, a in enumerate(bodies) for b in bodies[i + 1:]]
    nbody.offset_momentum(bodies)
    nbody.advance(bodies, pairs, 0.01, 200)
    return nbody.energy(bodies, pairs)


def k_generators():
    return sum(shared_tree), sum(generators.walk_manual(shared_tree))


shared_entries = comprehensions.make_entries(300)
def k_chaos():
    splines = [chaos.Spline([chaos.GVector(1.0, 1.0, 0.0), chaos.GVector(2.0, 3.0, 0.0),
                             chaos.GVector(3.0, 1.5, 0.0), chaos.GVector(4.0, 2.0, 0.0)],
                            3, [0, 0, 0, 1, 1, 1])]
    game = chaos.Chaosgame(splines, random.Random(11), 0.25)
    return game.create_image(32, 32, 300)


def k_scimark():
    rng = random.Random(9)
    return (scimark.sor(12, 2, rng), scimark.monte_carlo(500, rng), scimark.sparse_matmult(50, 200, 2, rng),
            scimark.lu(8, 1, rng), scimark.fft(64, 1, rng))


def k_coroutines():
    import collections
    q = collections.deque()
    return coroutines.run_all([coroutines.fibonacci(12), coroutines.producer(q, 500),
                               coroutines.consumer(q, 500)])


def k_comprehensions():
    return comprehensions.one_round(shared_entries)


def k_pidigits():
    import itertools
    return list(itertools.islice(pidigits.gen_digits(), 150))


def k_spectral():
    u = [1.0] * 20
    v = spectral_norm.mult_atav(u, 20)
    return spectral_norm.mult_atav(v, 20)


def k_nqueens():
    return list(nqueens.n_queens(6))


def k_float():
    return repr(float_bench.benchmark(500))


KERNELS = [k_chaos, k_scimark, k_coroutines, k_comprehensions, k_pidigits, k_spectral, k_nqueens,
           k_float, k_richards, k_raytrace, k_fannkuch, k_hexiom, k_meteor, k_regex, k_json, k_deepcopy,
           k_go, k_nbody, k_generators]
expected = {k.__name__: k() for k in KERNELS}
errors = []
NTHREADS = 6
ROUNDS = 3


def worker(seed):
    order = KERNELS[:]
    random.Random(seed).shuffle(order)
    for _ in range(ROUNDS):
        for k in order:
            try:
                got = k()
            except Exception as e:  # report, never crash the VM
                errors.append("%s raised %s: %s" % (k.__name__, type(e).__name__, e))
                continue
            if got != expected[k.__name__]:
                errors.append("%s gave a different result" % k.__name__)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if errors:
    print("\n".join(sorted(set(errors))))
    sys.exit(1)
print("ok classic_threads")
