# logging: levels, basicConfig on a stream, named loggers and propagation,
# handlers/formatters/filters, exception logging, LoggerAdapter, dictConfig.
import io
import logging
import logging.config
import sys

stream = io.StringIO()
logging.basicConfig(stream=stream, level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s")
logging.debug("hidden")
logging.info("info %d", 1)
logging.warning("warn %s", "two")
log = logging.getLogger("app.db")
log.error("failed %r", {"k": 1})
print(stream.getvalue(), end="")
print(logging.getLevelName(10), logging.getLevelName("ERROR"), logging.WARNING, log.getEffectiveLevel(), log.parent.name)
print(log is logging.getLogger("app.db"), logging.getLogger("app").getChild("db") is log, logging.root.name)
out = io.StringIO()
h = logging.StreamHandler(out)
h.setFormatter(logging.Formatter("[%(name)s] %(levelname)-8s %(message)s | %(funcName)s %(lineno)d"))
lg = logging.getLogger("mod")
lg.propagate = False
lg.addHandler(h)
lg.setLevel(logging.DEBUG)


def f():
    lg.debug("from f")


f()


class OnlyOdd(logging.Filter):
    def filter(self, record):
        return record.args[0] % 2 == 1 if record.args else True


h.addFilter(OnlyOdd())
for i in range(4):
    lg.info("n=%d", i)
try:
    1 / 0
except ZeroDivisionError:
    lg.exception("boom")
lines = out.getvalue().splitlines()
print("\n".join(ln.replace(__file__, "FILE") for ln in lines if not ln.startswith("  File")))
ad = logging.LoggerAdapter(lg, {"user": "bob"})
h.setFormatter(logging.Formatter("%(user)s %(message)s"))
out.seek(0)
out.truncate()
ad.warning("adapted")
h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
lg.log(25, "custom level")
logging.addLevelName(25, "NOTICE")
lg.log(25, "named level")
print(repr(out.getvalue()))
fmt = logging.Formatter("%(asctime)s %(message)s", datefmt="%Y")
rec = logging.LogRecord("n", logging.INFO, "p.py", 3, "msg %s", ("x",), None)
rec.created = 0
print(rec.getMessage(), rec.levelname, rec.lineno, len(fmt.format(rec).split()[0]))
print(logging.Formatter("{levelname}/{message}", style="{").format(rec), logging.Formatter("$message!", style="$").format(rec))
o2 = io.StringIO()
logging.config.dictConfig({
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"short": {"format": "%(name)s=%(message)s"}},
    "handlers": {"s": {"class": "logging.StreamHandler", "formatter": "short", "stream": o2}},
    "loggers": {"cfg": {"handlers": ["s"], "level": "WARNING", "propagate": False}},
})
cfg = logging.getLogger("cfg")
cfg.info("no")
cfg.warning("yes")
print(repr(o2.getvalue()), cfg.isEnabledFor(logging.INFO), logging.getLogger("cfg.sub").getEffectiveLevel())
import logging.handlers
buf = logging.handlers.BufferingHandler(2)
lg.addHandler(buf)
lg.warning("b1")
print(len(buf.buffer), buf.shouldFlush(buf.buffer[0]))
logging.disable(logging.CRITICAL)
lg.critical("silenced")
logging.disable(logging.NOTSET)
print(len(buf.buffer))
logging.shutdown()
