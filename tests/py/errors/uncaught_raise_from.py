# uncaught exception with an explicit cause (raise ... from ...)
class ConfigError(Exception):
    pass
def require(settings, key):
    if key not in settings:
        raise KeyError(key)
def read_setting(settings, key):
    try:
        require(settings, key)
    except KeyError as e:
        raise ConfigError("missing setting: " + key) from e
    print("setting", key, "=", settings[key])
settings = {"debug": True}
read_setting(settings, "debug")
print("reading port")
read_setting(settings, "port")
print("not reached")
