"""kgpii scanner: sources, engine, actions and the command line."""

__version__ = "0.1.0"
