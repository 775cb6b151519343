"""A person's plan: its values and the pure changes to them (``model``), the answers about
it (who is asking, path, compare, progress, which item, history), and the state folder that
keeps it (``store``, ``statefiles``: the only modules here that touch files).
"""
