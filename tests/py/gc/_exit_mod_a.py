class B:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("B del", self.n, TAG)


TAG = "mod_a"
a1 = B("a1")
_a2 = B("_a2")
