# classmethods and class attributes through inheritance
class Model:
    table = None
    registry = {}
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Model.registry[cls.__name__] = cls
        if cls.table is None:
            cls.table = cls.__name__.lower() + "s"
    @classmethod
    def create(cls, **fields):
        obj = cls()
        for k, v in fields.items():
            setattr(obj, k, v)
        return obj
    @classmethod
    def describe(cls):
        return "%s -> %s" % (cls.__name__, cls.table)
    def __repr__(self):
        fields = ", ".join("%s=%r" % kv for kv in sorted(vars(self).items()))
        return "%s(%s)" % (type(self).__name__, fields)
class User(Model):
    pass
class Order(Model):
    table = "purchase_orders"
class Admin(User):
    pass
print(sorted(Model.registry))
print(User.describe(), Order.describe(), Admin.describe(), Model.describe())
print(User.create(name="ann", age=30), Admin.create(level=9))
print(Admin.table, User.table, Admin.__mro__[1].__name__)
class Tagged:
    def __init_subclass__(cls, tag="none", **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
class A(Tagged, tag="alpha"):
    pass
class B(Tagged):
    pass
print(A.tag, B.tag)
