# A bare except: before another handler: the whole script is a SyntaxError.
print("not run")
try:
    pass
except:
    pass
except ValueError:
    pass
