"""Reading framework data: where it lives (``paths``), one YAML file with line marks and
limits (``document``), the wheel's snapshot (``snapshot``), the checks (``checks``), the
model's builders (``builders``), the user's state files (``state``) and the ``Catalog``.

Every problem with the data becomes a ``DataError`` that names the file, the line and the
key path; nothing here prints.
"""

from __future__ import annotations

from skillpath.loading.catalog import Catalog, open_catalog
from skillpath.loading.paths import bundled_root, data_path

__all__ = ["Catalog", "bundled_root", "data_path", "open_catalog"]
