"""The framework and the questions asked of it: its values, the one name resolver, the
ladder's answers (list, show, next), search, and hiring documents.

The core: pure functions over values. Nothing here reads a file, imports Typer, Rich or
YAML, or prints; a catalog of skills comes in as an argument (``source.SkillSource``).
"""
