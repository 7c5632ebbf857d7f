import asyncio
from pathlib import Path

import pytest

from storage.keys import MemoryKeyHolder
from tests.conftest import PASSPHRASE, TODAY  # noqa: F401 - imported by the tests of this folder
from tests.ui.browser import make_demo_vault
from views.context import ViewContext
from views.shell import Shell
from views.state import AppState


class FakeFiles:
    """The platform's file dialogs, answered by the test: where a save goes (``save_to``), which file is
    picked (``picked``), which folder is chosen (``chosen_folder``); what was asked is recorded."""

    def __init__(self, platform="desktop"):
        self.platform = platform
        self.save_to = self.picked = self.chosen_folder = None
        self.saved, self.shared = [], []

    async def save_as(self, title, file_name, data=None, extension=""):
        self.saved.append((file_name, data))
        if self.save_to is None:  # the user cancelled
            return None
        if data is not None:  # as Flet does on desktop when it is given the bytes
            Path(self.save_to).write_bytes(data)
        return str(self.save_to)

    async def pick(self, title):
        return self.picked

    async def pick_many(self, title, extensions):
        return [self.picked] if self.picked is not None else []

    async def folder(self, title):
        return self.chosen_folder

    async def share(self, path, title):
        self.shared.append(Path(path))


class FakeHost:
    """Records what the screens ask the page to show."""

    def __init__(self):
        self.dialogs, self.toasts, self.tasks = [], [], []
        self.files = FakeFiles()

    def show_dialog(self, dialog):
        self.dialogs.append(dialog)

    def close_dialog(self):
        if self.dialogs:
            self.dialogs.pop()

    def toast(self, message):
        self.toasts.append(message)

    def run_task(self, handler, *args):
        """At once, as the page would run it soon; inside a running loop (an async test), on that loop."""
        coroutine = handler(*args)
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            asyncio.run(coroutine)
            return
        self.tasks.append(asyncio.ensure_future(coroutine))

    def run_thread(self, work):
        work()  # a test waits for the work it started: no thread


class FakeClock:
    def __init__(self):
        self.seconds = 1000.0

    def __call__(self):
        return self.seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def app(tmp_path, clock):
    """A shell on a fresh data dir, re-rendered on every state change, as CarnetApp does."""
    state = AppState(tmp_path / "data", MemoryKeyHolder(), clock=lambda: TODAY, monotonic=clock)
    state.export_dir = tmp_path / "exports"
    host = FakeHost()
    shell = Shell(ViewContext(state, host))
    state.listeners.append(shell.render)
    return shell, state, host


@pytest.fixture
def unlocked(app):
    shell, state, host = app
    state.create_vault(PASSPHRASE, PASSPHRASE)
    return shell, state, host


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """A data dir holding the demo family (for the browser tests, which serve the real app on it)."""
    return make_demo_vault(tmp_path_factory.mktemp("vault"))
