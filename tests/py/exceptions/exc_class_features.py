# custom exceptions with extra behavior: class attributes, __str__, hierarchies, catching by base
class HTTPError(Exception):
    status = 500
    def __init__(self, message, url=None):
        super().__init__(message)
        self.url = url
    def __str__(self):
        base = "%d %s" % (self.status, self.args[0])
        return base + (" (%s)" % self.url if self.url else "")
class NotFound(HTTPError):
    status = 404
class Forbidden(HTTPError):
    status = 403
def fetch(path):
    if path.startswith("/secret"):
        raise Forbidden("access denied", path)
    if path != "/":
        raise NotFound("no such page", path)
    return "home page"
for p in ["/", "/missing", "/secret/x"]:
    try:
        print(fetch(p))
    except NotFound as e:
        print("NotFound:", e, e.status)
    except HTTPError as e:
        print(type(e).__name__ + ":", e, "| repr:", repr(e))
errs = [NotFound("a"), Forbidden("b"), HTTPError("c")]
print([isinstance(e, HTTPError) for e in errs], [e.status for e in errs])
print(sorted(errs, key=lambda e: e.status)[0].args)
class Retryable(Exception):
    pass
class Timeout(Retryable, TimeoutError):
    pass
try:
    raise Timeout("slow")
except OSError as e:
    print("caught as OSError:", type(e).__name__, e, [c.__name__ for c in type(e).__mro__])
