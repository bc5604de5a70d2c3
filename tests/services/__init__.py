"""Tests of the Qt-free use cases in services/."""
