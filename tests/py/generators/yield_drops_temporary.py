# A suspended generator does not keep alive the value it yielded from a
# temporary (as concurrent.futures' result iterators, which
# test_concurrent_futures' test_free_reference checks); a local it yielded
# stays alive with the local, as in CPython.
import weakref


class O:
    pass


def make():
    return O()


def temporaries():
    while True:
        yield make()


def popped(items):
    items.reverse()
    while items:
        yield items.pop()


def local():
    x = O()
    yield x


def main():
    for name, g in [("call", temporaries()), ("pop", popped([O(), O()])), ("local", local())]:
        for o in g:
            wr = weakref.ref(o)
            del o
            print(name, "freed while the generator is suspended:", wr() is None)
            break
        g.close()


main()
