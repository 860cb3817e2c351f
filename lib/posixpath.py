"""Path operations on POSIX path names (os.path)."""

import _os

sep = '/'
curdir = '.'
pardir = '..'


def join(a, *p):
    result = a
    for b in p:
        if b.startswith('/'):
            result = b
        elif not result or result.endswith('/'):
            result += b
        else:
            result += '/' + b
    return result


def split(p):
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def splitext(p):
    dot = p.rfind('.')
    slash = p.rfind('/')
    if dot > slash:
        # A leading dot (".bashrc") is not an extension.
        i = slash + 1
        while i < dot and p[i] == '.':
            i += 1
        if i < dot:
            return p[:dot], p[dot:]
    return p, ''


def basename(p):
    return p[p.rfind('/') + 1:]


def dirname(p):
    return split(p)[0]


def isabs(p):
    return p.startswith('/')


def normpath(path):
    if not path:
        return '.'
    initial = 1 if path.startswith('/') else 0
    if initial and path.startswith('//') and not path.startswith('///'):
        initial = 2
    parts = []
    for comp in path.split('/'):
        if comp in ('', '.'):
            continue
        if comp != '..' or (not initial and not parts) or (parts and parts[-1] == '..'):
            parts.append(comp)
        elif parts:
            parts.pop()
    path = '/'.join(parts)
    if initial:
        path = '/' * initial + path
    return path or '.'


def abspath(path):
    if not isabs(path):
        path = join(_os.getcwd(), path)
    return normpath(path)


def realpath(path):
    return abspath(path)


def exists(path):
    try:
        _os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def lexists(path):
    try:
        _os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def _mode(path):
    try:
        return _os.stat(path).st_mode
    except (OSError, ValueError):
        return None


def isdir(path):
    m = _mode(path)
    return m is not None and (m & 0o170000) == 0o040000


def isfile(path):
    m = _mode(path)
    return m is not None and (m & 0o170000) == 0o100000


def islink(path):
    try:
        m = _os.lstat(path).st_mode
    except (OSError, ValueError):
        return False
    return (m & 0o170000) == 0o120000


def getsize(path):
    return _os.stat(path).st_size


def getmtime(path):
    return _os.stat(path).st_mtime


def expanduser(path):
    if not path.startswith('~'):
        return path
    home = _os.environ.get('HOME', '/')
    i = path.find('/')
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    return home.rstrip('/') + path[i:] if home != '/' else (path[i:] or '/')


def commonprefix(m):
    if not m:
        return ''
    s1, s2 = min(m), max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def relpath(path, start=curdir):
    start_list = [x for x in abspath(start).split('/') if x]
    path_list = [x for x in abspath(path).split('/') if x]
    i = len(commonprefix([start_list, path_list]))
    rel = [pardir] * (len(start_list) - i) + path_list[i:]
    return join(*rel) if rel else curdir
