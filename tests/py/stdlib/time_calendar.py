# time: struct_time, gmtime/localtime/mktime, asctime/ctime, strftime,
# clocks, time zone attributes; errors as CPython 3.11.
import time

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

names = sorted(x for x in dir(time) if not x.startswith('__'))
print([n for n in names if n not in ('strptime',)])
st = time.struct_time
print(st.n_fields, st.n_sequence_fields, st.n_unnamed_fields, st.__module__, st.__name__)
print(time._STRUCT_TM_ITEMS, issubclass(st, tuple))

t = time.gmtime(0)
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday, t.tm_isdst)
print(t.tm_zone, t.tm_gmtoff, len(t), t[0], t[-1], t[2:5], list(t), tuple(t))
print(t == (1970, 1, 1, 0, 0, 0, 3, 1, 0), hash(t) == hash(tuple(t)))
print(t.__reduce__())
for secs in [1, 86399.9, -1.5, 951782400, 2**31, 1234567890.75, True, 10**10]:
    print(secs, tuple(time.gmtime(secs)))
print(time.gmtime(None)[0] >= 2024, time.gmtime()[0] >= 2024)
lt = time.localtime(1000000000)
print(type(lt).__name__, len(lt), isinstance(lt.tm_zone, str), isinstance(lt.tm_gmtoff, int))
print(time.mktime(time.localtime(1000000000)), time.mktime(tuple(time.localtime(123456789))))
print(time.asctime(time.gmtime(0)), time.asctime((2020, 2, 29, 13, 5, 9, 5, 60, 0)))
print(time.ctime(0) == time.asctime(time.localtime(0)), type(time.ctime()).__name__, len(time.asctime()))
print(time.ctime(1e9) == time.asctime(time.localtime(1e9)))

# struct_time construction
s = st((2001, 2, 3, 4, 5, 6, 0, 34, 0))
print(s, s.tm_zone, s.tm_gmtoff)
s = st([2001, 2, 3, 4, 5, 6, 0, 34, 0, 'ZZ', 3600])
print(s, s.tm_zone, s.tm_gmtoff, len(s))
s = st((2001, 2, 3, 4, 5, 6, 0, 34, 0), {'tm_zone': 'Q', 'tm_gmtoff': 5})
print(s.tm_zone, s.tm_gmtoff)
print(st(range(9)))
show(lambda: st((1, 2)))
show(lambda: st((1,) * 12))
show(lambda: st(5))
show(lambda: setattr(t, 'tm_year', 5))

# strftime
g = time.gmtime(1234567890)
for f in ['%Y-%m-%d %H:%M:%S', '%a %A %b %B %c', '%d %j %U %w %W %y', '%x %X %p %I %M', '%%', '',
          '%Z|%z', 'plain text', 'é ü ☃ %Y', '\ud800%Y', '%', '%e %C %G %g %V %u %n|%t|', '%s' and '%D %F %R %T']:
    print(repr(f), repr(time.strftime(f, g)))
print(repr(time.strftime('%Y', (2020, 1, 1, 0, 0, 0, 0, 1, 0))))
print(repr(time.strftime('%Y %j %m %d', (2020, 0, 0, 0, 0, 0, 0, 0, 0))))
print(repr(time.strftime('%a', (2020, 1, 1, 0, 0, 0, -1, 1, 0))), repr(time.strftime('%a', (2020, 1, 1, 0, 0, 0, 7, 1, 0))))
print(repr(time.strftime('%Y', (2020, 1, 1, 0, 0, 0, 0, 1, -5))), repr(time.strftime('%S', (2020, 1, 1, 0, 0, 61, 0, 1, 0))))
print(len(time.strftime('%Y-%m-%d')) == 10)
bad = [(2020, 13, 1, 0, 0, 0, 0, 1, 0), (2020, 1, 32, 0, 0, 0, 0, 1, 0), (2020, 1, 1, 24, 0, 0, 0, 1, 0),
       (2020, 1, 1, 0, 60, 0, 0, 1, 0), (2020, 1, 1, 0, 0, 62, 0, 1, 0), (2020, 1, 1, 0, 0, 0, -2, 1, 0),
       (2020, 1, 1, 0, 0, 0, 0, 367, 0), (2020, -1, 1, 0, 0, 0, 0, 1, 0), (2020, 1, -1, 0, 0, 0, 0, 1, 0),
       (2020, 1, 1, -1, 0, 0, 0, 1, 0)]
for b in bad:
    show(lambda: time.strftime('%Y', b))
    show(lambda: time.asctime(b))
show(lambda: time.strftime(5))
show(lambda: time.strftime('%Y', 5))
show(lambda: time.strftime('%Y', (1,) * 10))
show(lambda: time.strftime('%Y', ('a',) * 9))
show(lambda: time.strftime('%Y', (2 ** 40,) + (1,) * 8))
show(lambda: time.strftime('%Y', (-2 ** 40,) + (1,) * 8))
show(lambda: time.strftime('a\0b', g))
show(lambda: time.strftime())
show(lambda: time.asctime((1,) * 8))
show(lambda: time.asctime(1))
show(lambda: time.mktime((1,) * 8))
show(lambda: time.mktime(5))
show(lambda: time.mktime((1.5,) * 9))
show(lambda: time.mktime((2 ** 40,) + (1,) * 8))
show(lambda: time.gmtime(1e300))
show(lambda: time.gmtime(float('nan')))
show(lambda: time.gmtime('x'))
show(lambda: time.gmtime(2 ** 70))
show(lambda: time.gmtime(1e18))
show(lambda: time.localtime(1e300))
show(lambda: time.ctime('x'))
show(lambda: time.gmtime(1, 2))

# clocks
print(time.get_clock_info('time'))
for n in ['monotonic', 'perf_counter', 'process_time', 'thread_time']:
    i = time.get_clock_info(n)
    print(n, i.implementation, i.monotonic, i.adjustable, i.resolution)
show(lambda: time.get_clock_info('x'))
show(lambda: time.get_clock_info(1))
print(time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_PROCESS_CPUTIME_ID, time.CLOCK_THREAD_CPUTIME_ID,
      time.CLOCK_MONOTONIC_RAW, time.CLOCK_BOOTTIME, time.CLOCK_TAI)
print(type(time.clock_gettime(time.CLOCK_MONOTONIC)).__name__, type(time.clock_gettime_ns(time.CLOCK_REALTIME)).__name__)
print(time.clock_getres(time.CLOCK_REALTIME), time.clock_getres(time.CLOCK_MONOTONIC))
a = time.clock_gettime_ns(time.CLOCK_MONOTONIC); b = time.monotonic_ns(); print(b >= a)
print(abs(time.clock_gettime(time.CLOCK_REALTIME) - time.time()) < 5)
show(lambda: time.clock_gettime('x'))
show(lambda: time.clock_gettime(12345))
show(lambda: time.clock_getres(12345))
for f in [time.perf_counter_ns, time.monotonic_ns, time.process_time_ns, time.thread_time_ns, time.time_ns]:
    print(type(f()).__name__, f() >= 0)
for f in [time.perf_counter, time.monotonic, time.process_time, time.thread_time]:
    print(type(f()).__name__, f() >= 0)

# time zone
print(type(time.timezone).__name__, type(time.altzone).__name__, time.daylight in (0, 1), type(time.tzname).__name__, len(time.tzname))
z = (time.timezone, time.altzone, time.daylight, time.tzname)
print(time.tzset())
print(z == (time.timezone, time.altzone, time.daylight, time.tzname))
print(time.timezone, time.altzone, time.daylight, time.tzname)
