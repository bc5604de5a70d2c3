"""Use cases the GUI and the CLI share, without Qt: sync, setup wizard, travel reports, profiles, support."""
