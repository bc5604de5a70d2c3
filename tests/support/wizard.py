"""Helpers for the wizard tests: a simulator-backed WizardBackend, a GUI-thread I/O guard, and drivers."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tripletex_desktop.core.api import TripletexClient, make_http_client
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.models import Environment
from tripletex_desktop.services.wizard import WizardBackend, WizardDraft
from tripletex_desktop.simulator import Simulator
from tripletex_desktop.storage.secrets import TokenStore
from tripletex_desktop.storage.settings import SettingsStore
from tripletex_desktop.ui.wizard import SetupWizard


class GuardedTransport(httpx.BaseTransport):
    """Fails the request (and records it) when it runs on the GUI thread."""

    def __init__(self, inner: httpx.BaseTransport, enforce: bool) -> None:
        self.inner = inner
        self.enforce = enforce
        self.gui_thread_requests: list[str] = []
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.enforce and threading.current_thread() is threading.main_thread():
            self.gui_thread_requests.append(f"{request.method} {request.url.path}")
            raise AssertionError("network I/O on the GUI thread")
        return self.inner.handle_request(request)


class FailingTransport(httpx.BaseTransport):
    """No network at all."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Name or service not known", request=request)


class Env:
    """A simulator, a backend over it, and the stores the backend writes to."""

    def __init__(
        self, tmp_path: Path, runner, *, enforce_guard: bool, transport: httpx.BaseTransport | None = None
    ):
        self.sim = Simulator(sleep=lambda s: None)
        self.transport = GuardedTransport(transport or self.sim.transport(), enforce_guard)
        self.settings_path = tmp_path / "settings.json"
        self.settings_store = SettingsStore(self.settings_path)
        self.token_store = TokenStore()
        self.runner = runner
        #: this PC's date as the client sees it (None: the real one, as the simulator's)
        self.client_today = None
        #: when the backend's permission checks run ("checked at hh:mm"); tests move it
        self.checked_at = dt.datetime(2026, 12, 1, 9, 41, tzinfo=dt.UTC)
        self.backend = WizardBackend(
            self.make_client, self.token_store, self.settings_store, now=lambda: self.checked_at
        )

    def make_client(self, target, employee_token, cancel=None):
        http = make_http_client(target, transport=self.transport)
        extra = {"today": self.client_today} if self.client_today is not None else {}
        return TripletexClient(http, target, employee_token, cancel=cancel, sleep=lambda s: None, **extra)

    def wizard(self, qtbot, **kwargs) -> SetupWizard:
        kwargs.setdefault("demo_mode", True)
        kwargs.setdefault("language", "en")
        kwargs.setdefault("switch_language", lambda code: None)
        wiz = SetupWizard(self.backend, runner=self.runner, **kwargs)
        qtbot.addWidget(wiz)
        wiz.show()
        return wiz


def click_next(qtbot, wiz: SetupWizard) -> None:
    button = wiz.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next disabled on {wiz.page_key()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_next_enabled(qtbot, wiz: SetupWizard, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: wiz.button(QWizard.WizardButton.NextButton).isEnabled(), timeout=timeout)


def go_to_token_page(qtbot, wiz: SetupWizard) -> None:
    click_next(qtbot, wiz)  # welcome -> environment
    click_next(qtbot, wiz)  # environment -> token
    assert wiz.page_key() == "token"


def connect_with(qtbot, wiz: SetupWizard, token: str) -> None:
    page = wiz.token
    if page.is_demo():
        page.demo_token.setCurrentText(token)
    else:
        page.token.setText(token)
    qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)


def stored_connection(env, token: str = "demo-all"):
    """A connection set up as the wizard would (the setup itself runs here, off the guard)."""
    backend = env.backend
    draft = WizardDraft(environment=Environment.DEMO, employee_token=token, language="en")
    env.transport.enforce = False
    try:
        outcome = backend.connect(draft, CancelToken())
        draft.who, draft.companies = outcome.who, outcome.companies
        draft.is_accountant = outcome.is_accountant
        draft.selected_company_ids = [c.id for c in outcome.companies]
        for company in outcome.companies:  # the categories the wizard suggests, as if accepted
            setup = backend.load_company_setup(draft, company.id, CancelToken())
            draft.mappings[company.id] = setup.suggestion
    finally:
        env.transport.enforce = True
    return backend.commit(draft)
