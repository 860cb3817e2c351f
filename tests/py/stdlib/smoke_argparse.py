# argparse: positionals and options, types, choices, nargs, defaults,
# actions, mutually exclusive groups, subcommands, help text, errors
# (parse_args raises SystemExit with the message on stderr).
import argparse
import io
import sys

p = argparse.ArgumentParser(prog="tool", description="A demo tool.")
p.add_argument("src")
p.add_argument("dst", nargs="?", default="out.txt")
p.add_argument("-n", "--count", type=int, default=1, help="how many")
p.add_argument("-v", "--verbose", action="count", default=0)
p.add_argument("--mode", choices=["fast", "slow"], default="fast")
p.add_argument("--tag", action="append", dest="tags")
p.add_argument("--dry-run", action="store_true")
p.add_argument("--ratio", type=float, metavar="R")
p.add_argument("--pair", nargs=2, type=int)
p.add_argument("rest", nargs="*")
g = p.add_mutually_exclusive_group()
g.add_argument("--json", action="store_true")
g.add_argument("--xml", action="store_true")
print(p.parse_args(["a"]))
print(p.parse_args(["a", "b", "c", "d", "-vvv", "-n", "3", "--tag", "x", "--tag=y", "--dry-run", "--pair", "1", "2"]))
ns, extra = p.parse_known_args(["a", "--unknown", "--mode", "slow"])
print(ns.mode, extra, vars(ns)["count"])
print(p.format_usage(), end="")
print(p.format_help())


def run(parser, argv):
    old = sys.stderr
    sys.stderr = io.StringIO()
    try:
        print(parser.parse_args(argv))
    except SystemExit as e:
        print("exit", e.code, repr(sys.stderr.getvalue()))
    finally:
        sys.stderr = old


run(p, [])
run(p, ["a", "-n", "x"])
run(p, ["a", "--mode", "medium"])
run(p, ["a", "--json", "--xml"])
run(p, ["a", "--pair", "1"])
sub_p = argparse.ArgumentParser(prog="git")
sub_p.add_argument("--debug", action="store_true")
subs = sub_p.add_subparsers(dest="cmd", required=True, title="commands")
c = subs.add_parser("clone", help="clone a repo")
c.add_argument("url")
c.add_argument("--depth", type=int)
c.set_defaults(func=lambda a: "cloning " + a.url)
cm = subs.add_parser("commit", aliases=["ci"])
cm.add_argument("-m", "--message", required=True)
a = sub_p.parse_args(["--debug", "clone", "http://x", "--depth", "1"])
print(a.cmd, a.url, a.depth, a.debug, a.func(a))
print(sub_p.parse_args(["ci", "-m", "msg"]))
run(sub_p, [])
run(sub_p, ["push"])
run(sub_p, ["commit"])
print(sub_p.format_help())
d = argparse.ArgumentParser(prog="d", formatter_class=argparse.ArgumentDefaultsHelpFormatter, add_help=False)
d.add_argument("--level", default=3, type=int, help="the level")
d.add_argument("--const", action="store_const", const=42)
d.add_argument("--ver", action="version", version="%(prog)s 1.0")
print(d.format_help())
run(d, ["--ver"])
print(d.parse_args(["--const"]), argparse.Namespace(a=1) == argparse.Namespace(a=1))
try:
    d.add_argument("--level")
except argparse.ArgumentError as e:
    print("ArgumentError:", e)
