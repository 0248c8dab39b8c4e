# PLACEHOLDER (intake branch): replaced by the people/cases branch at merge
from intreccio.core.exceptions import Conflict


class CaseAlreadyOpen(Conflict):
    code = "case_already_open"

    def __init__(self, message: str = "", *, case=None, **kwargs):
        super().__init__(message or "La persona ha già una presa in carico aperta.", **kwargs)
        self.case = case
