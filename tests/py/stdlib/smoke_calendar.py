# calendar: text and HTML calendars, leap years, monthrange, weekday,
# iterators, firstweekday, timegm, day/month names (C locale), errors.
import calendar

print(calendar.month(2024, 2))
print(calendar.calendar(2023, w=2, l=1, c=6, m=3)[:400])
print(calendar.isleap(2000), calendar.isleap(1900), calendar.isleap(2024), calendar.leapdays(1900, 2025))
print(calendar.monthrange(2024, 2), calendar.monthrange(2023, 12), calendar.weekday(2024, 7, 4), calendar.MONDAY, calendar.SUNDAY)
print(calendar.monthcalendar(2024, 3))
c = calendar.Calendar(firstweekday=6)
print(list(c.iterweekdays()), list(c.itermonthdays(2024, 2))[:10])
print([d.isoformat() for d in c.itermonthdates(2024, 2)][:3], list(c.itermonthdays2(2024, 2))[:4])
print(list(c.itermonthdays3(2024, 1))[:2], len(c.yeardatescalendar(2024)), c.monthdayscalendar(2024, 2)[0])
tc = calendar.TextCalendar(calendar.SUNDAY)
print(tc.formatmonth(2025, 1, w=3))
print(tc.formatweekheader(2), "|", tc.formatmonthname(2025, 1, 20), "|")
hc = calendar.HTMLCalendar()
h = hc.formatmonth(2024, 2)
print(h.splitlines()[:3], h.count("<td"), hc.cssclasses)
print(list(calendar.day_name), list(calendar.day_abbr), list(calendar.month_name)[:3], list(calendar.month_abbr)[-2:])
print(calendar.timegm((2024, 1, 1, 0, 0, 0)), calendar.timegm((1970, 1, 2, 0, 0, 0, 0, 0, 0)))
print(calendar.weekheader(3), calendar.firstweekday())
calendar.setfirstweekday(calendar.SUNDAY)
print(calendar.firstweekday(), calendar.month(2024, 9).splitlines()[1])
calendar.setfirstweekday(0)
for bad in (lambda: calendar.monthrange(2024, 13), lambda: calendar.setfirstweekday(9),
            lambda: calendar.month_name[13]):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(issubclass(calendar.IllegalMonthError, ValueError), calendar.Month.FEBRUARY if hasattr(calendar, "Month") else "-")
