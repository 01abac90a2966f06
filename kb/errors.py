"""One error type for bad data: it names the file, the line, the record and the field, on one line."""

from __future__ import annotations

from typing import Any

_QUOTE_LIMIT = 80


def quoted(value: Any) -> str:
    """A value as it may appear in an error message: repr'd, and cut short so hostile input stays small."""
    text = repr(value)
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 5] + "…" + text[-4:]


class DataError(ValueError):
    """A data file (or page) is malformed or refers to something that does not exist."""

    def __init__(self, file: str, record: str | None, field: str | None, problem: str,
                 *, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.record = record
        self.field = field
        self.problem = problem
        where = f"{file}:{line}" if line else file
        parts = [f"record {record}"] if record else []
        if field:
            parts.append(f"field '{field}'")
        prefix = f"{where}: " + (", ".join(parts) + ": " if parts else "")
        super().__init__(prefix + problem)


class DataErrors(DataError):
    """Several data problems at once, so a contributor sees all of them in one run."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.file, first.record, first.field, first.problem, line=first.line)
        self.args = ("\n".join(str(e) for e in errors),)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
