"""Writing a framework: a new folder (``starter``), a new skill (``scaffold``), the checks
of ``validate`` (``validation``), importing pages and spreadsheets (``importer``), and the
YAML writer they share (``yamlwrite``).
"""
