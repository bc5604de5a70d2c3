"""The setup wizard: one small class per page; the wizard commits everything in accept()."""

from tripletex_desktop.ui.wizard.wizard import PAGE_KEYS, SetupWizard, draft_from_connection

__all__ = ["PAGE_KEYS", "SetupWizard", "draft_from_connection"]
