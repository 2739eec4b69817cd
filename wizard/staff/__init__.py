"""Pages for council staff: how routing works, a scenario tester, and the outbox's health."""
