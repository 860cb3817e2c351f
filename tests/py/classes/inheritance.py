# single inheritance and method overriding
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "%s says %s" % (self.name, self.sound)
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def kind(self):
        return "dog, a kind of " + super().kind()
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return Dog.speak(self) + " (squeaky, age %d)" % self.age
for a in [Animal("generic"), Dog("Rex"), Puppy("Bit", 1)]:
    print(a.speak(), "|", a.kind())
p = Puppy("Bit", 1)
print(isinstance(p, Animal), isinstance(p, Dog), isinstance(Dog("x"), Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, Dog))
print(Puppy.__bases__[0].__name__, Dog.__base__.__name__, Animal.__bases__[0].__name__)
print([c.__name__ for c in Puppy.__mro__])
print(issubclass(Puppy, object), isinstance(p, object))
class Base:
    def template(self):
        return "[" + self.hook() + "]"
    def hook(self):
        return "base"
class Derived(Base):
    def hook(self):
        return "derived"
print(Base().template(), Derived().template())
print(type(p).__name__, p.__class__.__name__, p.__class__.__bases__[0].__name__)
