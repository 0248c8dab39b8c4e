import getpass

from django.core.management.base import BaseCommand, CommandError

from intreccio.accounts.actions import bootstrap_system_admin
from intreccio.core.context import acting_as
from intreccio.core.exceptions import ApplicationError
from intreccio.organisations.queries import organisations_for_setup


class Command(BaseCommand):
    help = "Create the first system administrator of a new installation, in an existing organisation."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="exact name of the organisation")
        parser.add_argument("--email", required=True)
        parser.add_argument("--given-name", required=True)
        parser.add_argument("--family-name", required=True)

    def handle(self, *args, organisation, email, given_name, family_name, **options):
        found = organisations_for_setup().filter(name=organisation).first()
        if found is None:
            raise CommandError(f"No organisation named {organisation!r}: create it first (seed or admin).")
        password = getpass.getpass("Password: ")
        try:
            with acting_as("command"):
                user = bootstrap_system_admin(
                    organisation=found,
                    email=email,
                    given_name=given_name,
                    family_name=family_name,
                    password=password,
                )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"System administrator {user.email} created in {found}.")
