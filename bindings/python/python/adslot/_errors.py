"""adslot's exceptions and the located problems they carry."""

from typing import NamedTuple, Optional, Sequence, Tuple


class Problem(NamedTuple):
    """One problem found in an input, where it is.

    ``path`` names the input (a file name, ``<article>``, or the ``name=`` given); ``line`` and
    ``column`` are 1-based (the column counts characters) and ``None`` when the problem has no
    place, as in a dict article, whose ``message`` then starts with the key (``blocks[2].kind:``);
    ``help`` is a suggestion such as the nearest valid key. ``str(problem)`` is the line the
    ``adslot`` command prints.
    """

    path: str
    line: Optional[int]
    column: Optional[int]
    message: str
    help: Optional[str] = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.help:
            text += f" ({self.help})"
        return text


class Error(ValueError):
    """Base of adslot's errors: bad input, never a bug (those raise ``RuntimeError``).

    ``str(error)`` is the message the ``adslot`` command prints (one line per problem);
    ``problems`` lists them; ``path``, ``line`` and ``column`` are the first one's (``None``
    for an error without a place, such as an unknown device).
    """

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message, tuple(problems))
        self.message = message
        self.problems: Tuple[Problem, ...] = tuple(problems)

    def __str__(self) -> str:
        return self.message

    @property
    def path(self) -> Optional[str]:
        """The input the first problem is in."""
        return self.problems[0].path if self.problems else None

    @property
    def line(self) -> Optional[int]:
        """The first problem's line (1-based)."""
        return self.problems[0].line if self.problems else None

    @property
    def column(self) -> Optional[int]:
        """The first problem's column (1-based, in characters)."""
        return self.problems[0].column if self.problems else None


class RulesError(Error):
    """A rule file that cannot be used: every problem of the file, each located."""


class ArticleError(Error):
    """An article or document that cannot be read, or slots that cannot be written into it."""


# They are adslot's: reprs and tracebacks say `adslot.RulesError`, not the private module.
for _cls in (Problem, Error, RulesError, ArticleError):
    _cls.__module__ = "adslot"
del _cls
