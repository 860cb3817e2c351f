# try/except/else/finally ordering
def run(fail):
    print("start", fail)
    try:
        print(" try")
        if fail == "value":
            raise ValueError("v")
        if fail == "type":
            raise TypeError("t")
    except ValueError as e:
        print(" except ValueError", e)
    else:
        print(" else")
    finally:
        print(" finally")
    print("end")
run(None)
run("value")
try:
    run("type")
except TypeError as e:
    print("outer caught", e)
def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer except", e)
    finally:
        print("outer finally")
nested()
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
while True:
    try:
        break
    finally:
        print("finally on break")
try:
    pass
except Exception:
    print("never")
else:
    print("else without exception")
