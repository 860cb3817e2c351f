# uncaught TypeError from a bad call, with the qualified name in the message
class Greeter:
    def __init__(self, greeting):
        self.greeting = greeting
    def greet(self, name):
        print(self.greeting + ", " + name)
g = Greeter("Hello")
g.greet("world")
args = ["a", "b"]
print("calling with too many arguments")
g.greet(*args)
print("not reached")
