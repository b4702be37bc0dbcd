"""Count docstrings on the public definitions of a package.

Counted: each module, plus every ``def``, ``async def`` and ``class`` whose
name does not start with ``_``, at module level or nested (to any depth)
inside a public class. Functions nested in functions, and members of private
classes, are not counted. The script prints the coverage as a fraction and,
with ``-v``, one ``path:line name`` row per definition that has no docstring.
It only reads files; it never imports them.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


@dataclass(frozen=True)
class Entry:
    """One counted definition: where it is, its name, whether it has a docstring."""

    path: Path
    line: int
    name: str
    documented: bool


@dataclass(frozen=True)
class Coverage:
    """The counted definitions of a tree; ``ratio`` is 1.0 for an empty tree."""

    entries: tuple[Entry, ...]

    @property
    def documented(self) -> int:
        """How many counted definitions have a docstring."""
        return sum(entry.documented for entry in self.entries)

    @property
    def ratio(self) -> float:
        """Documented over counted, in [0, 1]."""
        return self.documented / len(self.entries) if self.entries else 1.0

    def missing(self) -> tuple[Entry, ...]:
        """The counted definitions without a docstring, in file order."""
        return tuple(entry for entry in self.entries if not entry.documented)


def _public_children(body: list[ast.stmt]) -> Iterator[Definition]:
    """Yield the public definitions in ``body`` and, inside public classes, theirs."""
    for node in body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if node.name.startswith("_"):
            continue
        yield node
        if isinstance(node, ast.ClassDef):
            yield from _public_children(node.body)


def file_entries(path: Path, root: Path) -> Iterator[Entry]:
    """Yield the module and its public definitions; paths are relative to ``root``.

    Raises ``SyntaxError`` where the file is not valid Python.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(root)
    yield Entry(relative, 1, str(relative), ast.get_docstring(tree) is not None)
    for node in _public_children(tree.body):
        has_doc = ast.get_docstring(node) is not None
        yield Entry(relative, node.lineno, node.name, has_doc)


def measure(package: Path) -> Coverage:
    """Count every ``*.py`` file below ``package``, in sorted path order."""
    root = package.parent
    entries: list[Entry] = []
    for path in sorted(package.rglob("*.py")):
        entries.extend(file_entries(path, root))
    return Coverage(tuple(entries))


def main(argv: list[str] | None = None) -> int:
    """Print the coverage of the package; return 0, or 1 below ``--minimum``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", default="sandbox", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the missing")
    parser.add_argument("--minimum", type=float, default=0.0, help="fail below this ratio")
    args = parser.parse_args(argv)
    coverage = measure(args.package)
    if args.verbose:
        for entry in coverage.missing():
            print(f"{entry.path}:{entry.line} {entry.name}")
    total = len(coverage.entries)
    print(f"docstrings: {coverage.documented}/{total} = {coverage.ratio:.3f}")
    return 0 if coverage.ratio >= args.minimum else 1


if __name__ == "__main__":
    sys.exit(main())
