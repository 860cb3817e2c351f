# Helper for thread_imports.py: records which helper modules ran.
runs = []
