# platform: the values that hold on any Linux machine, checked by type and
# shape rather than printed (they name the host): system, python_version,
# implementation, uname, architecture, libc_ver, freedesktop_os_release.
import platform
import sys

print(platform.system(), platform.python_version() == "%d.%d.%d" % sys.version_info[:3])
print(platform.python_version_tuple()[:2], platform.python_implementation() in ("CPython", "pvm"))
u = platform.uname()
print(type(u).__name__, u._fields, u.system, u[0] == u.system, len(u), u.node == platform.node())
print(platform.machine() == u.machine, platform.release() == u.release, platform.processor() == u.processor)
bits, linkage = platform.architecture()
print(bits, linkage)
lib, ver = platform.libc_ver()
print(lib, ver.count(".") >= 1)
print(type(platform.platform()).__name__, platform.platform().startswith("Linux-"), platform.platform(terse=True).startswith("Linux"))
print(type(platform.python_compiler()).__name__, len(platform.python_build()), type(platform.version()).__name__)
osr = platform.freedesktop_os_release()
print(type(osr).__name__, "ID" in osr, "NAME" in osr)
print(platform.system_alias("SunOS", "5.8", "x"), platform.mac_ver(), platform.java_ver()[0])
print(platform.win32_ver(), platform.win32_edition(), platform.win32_is_iot())
print(platform._comparable_version("1.2.3a") < platform._comparable_version("1.2.10"))
