"""Files written whole or not at all."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def write_atomically(path: Path, write: Callable[[str], T], *, temp_dir: Path | None = None) -> T:
    """Call ``write(temp_path)``, then move the temp file to `path`; returns write's result.

    The temp file lives in `temp_dir` (default: beside `path`), which must be
    on the same file system so the move is atomic; it is removed if anything
    fails, so no partial file is ever left at `path`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    directory = Path(temp_dir) if temp_dir is not None else path.parent
    directory.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        result = write(temp_name)
        os.replace(temp_name, path)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return result
