"""A team's shared plans, reviews and calibration, kept as files in the team's git
repository: the values (``model``), the team view (``summary``), the review packet and
calibration (``reviews``), and the files that keep them (``files``: the only module here
that touches files).
"""
