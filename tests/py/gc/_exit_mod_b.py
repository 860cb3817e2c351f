import _exit_mod_a


class C:
    def __del__(self):
        print("C del", TAG, _exit_mod_a.TAG)


TAG = "mod_b"
c1 = C()
from_a = _exit_mod_a.B("made in b")
