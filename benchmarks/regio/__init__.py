"""The builders of benchmarks/region.py, one module per concern (the script holds only
its command line)."""
