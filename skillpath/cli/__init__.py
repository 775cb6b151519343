"""The command line: ``app`` (the lazy command table and the one error boundary),
``asked`` (the run's output options, parsed once into Click's context), ``options`` and
``output`` (what every command shares), and one module per family of
commands: ``framework``, ``growth``, ``marks``, ``authoring``, ``sharing``."""
