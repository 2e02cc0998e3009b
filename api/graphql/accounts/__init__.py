"""GraphQL for data rights: a member's export, account deletion and restore."""
