"""Task names of the organisations concern."""

PAGE_ON_CALL = "organisations.page_on_call"
IMPORT_LOCAL_SERVICES = "organisations.import_local_services"
