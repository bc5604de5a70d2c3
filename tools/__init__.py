"""Build tools of the checkout (translations, resources, the simulator's schema); never installed with the app."""
