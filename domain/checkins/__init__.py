"""Check-ins: a member's own record of how they are, shared with a group if they choose."""
