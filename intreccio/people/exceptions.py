# PLACEHOLDER (intake branch): replaced by the people/cases branch at merge
from intreccio.core.exceptions import ApplicationError


class ProbableDuplicate(ApplicationError):
    code = "probable_duplicate"
    status = 409

    def __init__(self, message: str = "", *, candidates=(), **kwargs):
        super().__init__(message or "La persona potrebbe essere già registrata.", **kwargs)
        self.candidates = list(candidates)
