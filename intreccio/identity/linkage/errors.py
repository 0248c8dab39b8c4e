"""The one error the linkage engine raises for bad input: it names the file, line and column."""

from intreccio.core.exceptions import ApplicationError


def translate(message: str) -> str:
    """Translate through Django when it is configured (commands, the app); as is in bare scripts."""
    try:
        from django.conf import settings

        if settings.configured:
            from django.utils.translation import gettext

            return gettext(message)
    except ImportError:  # pragma: no cover - Django is always installed in this project
        pass
    return message


class LinkageInputError(ApplicationError):
    """An export or its description cannot be read; nothing has been written."""

    code = "linkage_input_invalid"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
        code: str | None = None,
    ):
        self.file = file
        self.line = line
        self.column = column
        where = []
        if file:
            where.append(str(file))
        if line:
            where.append(translate("riga %(line)s") % {"line": line})
        if column:
            where.append(translate("colonna «%(column)s»") % {"column": column})
        full = f"{', '.join(where)}: {message}" if where else message
        super().__init__(
            full,
            code=code,
            details={"file": file, "line": line, "column": column, "reason": message},
        )
