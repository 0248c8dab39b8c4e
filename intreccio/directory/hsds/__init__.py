"""Open Referral HSDS 3.0: the directory as HSDS objects, their validation and their import.

- `serialize`: model → HSDS dict (the export, the /hsds/ API);
- `validation`: the official JSON schemas (copied in `schema/`, CC BY-SA 4.0);
- `importer`: an HSDS dataset (JSON or the tabular CSV package) → the directory.
"""

HSDS_VERSION = "3.0"
PROFILE_URL = "https://intreccio.example.org/docs/directory.md#profilo-italiano-hsds"
