# datetime: arithmetic, strftime/strptime, isoformat/fromisoformat,
# fixed-offset time zones, comparisons and errors.
import datetime as dt

d = dt.date(2024, 2, 28)
print(d + dt.timedelta(days=1), d + dt.timedelta(days=2), d.weekday(), d.isoweekday(), tuple(d.isocalendar()), d.isocalendar().week)
print(d.replace(year=2023), d.toordinal(), dt.date.fromordinal(738000), d.timetuple()[:6])
print(dt.date.fromisoformat("2021-12-31"), dt.date(2020, 1, 1) - dt.date(2019, 1, 1))
t = dt.datetime(2024, 3, 10, 14, 5, 9, 123456)
print(t, repr(t), t.isoformat(), t.isoformat(sep=" ", timespec="seconds"))
print(t.strftime("%Y-%m-%d %H:%M:%S.%f %a %A %b %B %j %p %I %%"))
print(dt.datetime.strptime("2023-07-04 09:30", "%Y-%m-%d %H:%M"))
print(dt.datetime.fromisoformat("2024-01-02T03:04:05.678+05:30"))
td = dt.timedelta(days=1, hours=25, minutes=61, seconds=3.5)
print(td, repr(td), td.total_seconds(), td.days, td.seconds, td.microseconds)
print(-td, abs(-td), td * 2, td / 2, td // dt.timedelta(hours=1), td % dt.timedelta(hours=1))
print(dt.timedelta(microseconds=-1), dt.timedelta.max, dt.timedelta.resolution)
utc = dt.timezone.utc
ist = dt.timezone(dt.timedelta(hours=5, minutes=30), "IST")
a = dt.datetime(2024, 1, 1, 12, tzinfo=utc)
b = a.astimezone(ist)
print(a, b, b.tzname(), b.utcoffset(), a == b, b - a)
print(repr(utc), repr(ist), str(dt.timezone(dt.timedelta(hours=-3))))
print(a.timestamp(), dt.datetime.fromtimestamp(0, utc), dt.datetime.utcfromtimestamp(86400))
print(a.replace(tzinfo=None) < dt.datetime(2025, 1, 1), a.date(), a.time(), a.timetz())
print(dt.datetime.combine(d, dt.time(8, 15)), dt.time(23, 59, 59, 999999).isoformat())
print(dt.time.fromisoformat("10:20:30"), dt.time(1, 2) < dt.time(1, 3), dt.MINYEAR, dt.MAXYEAR)
print(sorted([dt.date(2020, 5, 1), dt.date(2019, 1, 1), dt.date(2020, 1, 1)]))
print(hash(dt.date(2020, 1, 1)) == hash(dt.date(2020, 1, 1)), {dt.date(2020, 1, 1): 1}[dt.date(2020, 1, 1)])


# Only the exception type where CPython's C _datetime words its message
# differently from the pure-Python datetime that pvm runs (no _datetime yet).
def err(f, message=False):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e if message else "")


err(lambda: dt.date(2023, 2, 29))
err(lambda: dt.datetime(2023, 1, 1, 24))
err(lambda: dt.date.fromisoformat("2023/01/01"), True)
err(lambda: dt.datetime.strptime("x", "%Y"), True)
err(lambda: a - dt.datetime(2024, 1, 1))
err(lambda: a < dt.datetime(2024, 1, 1))
err(lambda: dt.timedelta(days=10**9))
err(lambda: dt.date.max + dt.timedelta(days=1))
