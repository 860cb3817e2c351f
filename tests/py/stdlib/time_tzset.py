# time.tzset() re-reads TZ: timezone/altzone/daylight/tzname, localtime, mktime, %Z/%z.
import os, time
for tz in ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'UTC', 'Asia/Kolkata']:
    os.environ['TZ'] = tz; os.putenv('TZ', tz)
    time.tzset()
    lt = time.localtime(1000000000)
    print(tz, time.timezone, time.altzone, time.daylight, time.tzname, lt, lt.tm_zone, lt.tm_gmtoff, time.mktime(lt), time.strftime('%Z %z', lt), time.ctime(1e9))
    print(time.localtime(1e9 + 86400*180).tm_zone)
