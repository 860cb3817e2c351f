import atexit

def bye(tag, *, sep="!"):
    print("bye", tag, sep)

atexit.register(bye, "one")
atexit.register(bye, "two", sep="?")
atexit.register(print, "printed at exit")
atexit.register(bye, "unregistered")
atexit.unregister(bye)
atexit.register(bye, "three")
print("raising")
raise KeyError("main failed")
