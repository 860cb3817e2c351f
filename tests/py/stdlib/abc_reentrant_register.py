# Single-thread replay of the negative-cache race that stress/match_abc_registry.py
# caught with threads (modules/abc.c): A's check of X is still running when a
# hook registers X with A and another check renews A's negative cache.
import abc

class A(abc.ABC):
    pass

class X:
    pass

class Z:
    pass

class Meta(abc.ABCMeta):
    pass

fired = []

class S(A, metaclass=Meta):
    @classmethod
    def __subclasshook__(cls, C):
        if C is X and not fired:
            fired.append(1)
            A.register(X)          # a registration after A's registry scan
            issubclass(Z, A)       # another check renews A's negative cache
        return NotImplemented

print(issubclass(X, A))   # the check that was running: no
print(issubclass(X, A))   # X is registered: yes
print(isinstance(X(), A))
