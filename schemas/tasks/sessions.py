"""Task names of the sessions concern: beat's tick over sessions whose reminder or missed-sessions look is due."""

TICK = "sessions.tick"
