"""Data rights: a member's export, account deletion with a grace period, the purge, and retention."""
