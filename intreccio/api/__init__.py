"""The versioned JSON API (/api/v1/): the same actions and queries as the pages."""
