"""The concurrent package (pvm): see concurrent.futures."""
