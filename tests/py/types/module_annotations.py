import types, sys
m = types.ModuleType("m")
print(m.__annotations__, '__annotations__' in m.__dict__)
m.__annotations__ = {'a': 1}
print(m.__annotations__)
del m.__annotations__
try:
    del m.__annotations__
except AttributeError as e:
    print(type(e).__name__, e)
print(m.__annotations__)
import json
print(json.__annotations__)
print(__annotations__ if '__annotations__' in dir() else 'none')
print(sys.modules[__name__].__annotations__)
