"""One error type for bad data: it names the file, the record and the field."""

from __future__ import annotations


class DataError(ValueError):
    """A data file is malformed or refers to something that does not exist."""

    def __init__(self, file: str, record: str | None, field: str | None, problem: str) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.problem = problem
        where = file
        if record:
            where += f", record {record}"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")


class DataErrors(DataError):
    """Several data problems at once, so a contributor sees all of them in one run."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.file, first.record, first.field, first.problem)
        self.args = ("\n".join(str(e) for e in errors),)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
