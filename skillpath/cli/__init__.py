"""The command line: ``app`` (the lazy command table and the one error boundary),
``options`` and ``output`` (what every command shares), and one module per family of
commands: ``framework``, ``growth``, ``marks``, ``authoring``, ``sharing``."""
