# Namespace packages (folders without __init__.py): spec, loader, __path__.
import impns_portion
import impns_portion.deeper.leaf as leaf

ns = impns_portion
print(ns.__file__, ns.__spec__.origin, ns.__spec__.has_location, ns.__package__)
print([p.rsplit("/", 1)[1] for p in ns.__path__], type(ns.__loader__).__name__)
print(ns.__spec__.loader is ns.__loader__, ns.__spec__.submodule_search_locations is ns.__path__)
print(ns.__loader__.is_package("impns_portion"), repr(ns.__loader__.get_source("impns_portion")))
print(leaf.V, leaf.__spec__.parent, leaf.__package__, leaf.__spec__.name)
print(type(impns_portion.deeper.__loader__).__name__, impns_portion.deeper.__spec__.parent)
