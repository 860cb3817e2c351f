# A script without a coding declaration must be UTF-8: this comment holds
# a Latin-1 byte (café), so CPython 3.11 refuses to run it.
print('never printed')
