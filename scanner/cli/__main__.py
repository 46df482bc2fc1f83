"""`python -m scanner.cli`: the same as the `kgpii` console script."""

from . import main

main(prog_name="kgpii")
