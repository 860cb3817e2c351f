# A SyntaxError line is printed with its trailing blanks, and an error that
# spans lines is marked to the end of its first line.
print("not run")
return (1,   # comment  
        2)
