"""The host of the screens on a Flet page: closing a form never closes the message shown after it."""

import flet as ft

from views.app import PageHost


class FakePage:
    """Flet's dialog stack: show_dialog opens and stacks; pop_dialog would close the topmost open one."""

    def __init__(self):
        self.stack, self.updates = [], 0

    def show_dialog(self, dialog):
        dialog.open = True
        self.stack.append(dialog)

    def update(self):
        self.updates += 1


def test_closing_the_form_after_a_message_closes_the_form_and_keeps_the_message():
    page = FakePage()
    host = PageHost(page)
    form = ft.AlertDialog(title=ft.Text("Appointment"))
    host.show_dialog(form)
    host.toast("Appointment saved.")
    host.close_dialog()
    snack = page.stack[-1]
    assert isinstance(snack, ft.SnackBar) and snack.open
    assert form.open is False and page.updates == 1


def test_a_dialog_the_user_dismissed_is_skipped_and_the_one_below_is_closed():
    page = FakePage()
    host = PageHost(page)
    detail, confirm = ft.AlertDialog(), ft.AlertDialog()
    host.show_dialog(detail)
    host.show_dialog(confirm)
    confirm.open = False  # tapped outside
    host.close_dialog()
    assert detail.open is False
    host.close_dialog()  # nothing left: nothing happens
    assert page.updates == 1


class FakeSessionPage(FakePage):
    """What CarnetApp uses of a Flet page in web mode; its tasks are recorded, not run."""

    web = True

    def __init__(self):
        super().__init__()
        self.tasks = []

    def run_task(self, handler, *args):
        self.tasks.append(handler)


def test_a_closed_tab_forgets_its_keys_at_once_shows_the_lock_screen_and_its_loops_end(tmp_path):
    import asyncio

    from services.session import Sessions
    from views.app import CarnetApp
    from views.state import AppState

    from .conftest import PASSPHRASE

    sessions = Sessions()
    state = AppState(tmp_path / "data", sessions=sessions, web=True)
    state.create_vault(PASSPHRASE, PASSPHRASE)
    page = FakeSessionPage()
    app = CarnetApp(page, state)
    assert page.appbar is not None  # the unlocked home
    page.on_disconnect(None)
    assert state.locked and len(sessions) == 0
    assert page.appbar is None and app.shell.switcher is None  # what a reconnecting tab would receive
    page.on_connect(None)
    assert len(sessions) == 1 and state.locked
    page.on_close(None)  # Flet dropped the session
    for task in page.tasks:  # the inactivity and reminder loops return instead of running forever
        asyncio.run(asyncio.wait_for(task(), timeout=5))


def test_an_unlock_starts_the_weekly_copy_check_off_the_ui_thread(tmp_path):
    from services.session import Sessions
    from views.app import CarnetApp
    from views.settings import backup as backup_settings
    from views.state import AppState

    from .conftest import PASSPHRASE

    state = AppState(tmp_path / "data", sessions=Sessions(), web=True)
    state.create_vault(PASSPHRASE, PASSPHRASE)
    state.lock()
    page = FakeSessionPage()
    threads = []
    page.run_thread = lambda handler, *args: threads.append((handler, args))
    CarnetApp(page, state)
    assert threads == []  # locked: nothing to copy
    state.unlock(PASSPHRASE)
    assert threads == [(backup_settings.weekly_copy, (state,))]
    state.notify()
    assert len(threads) == 1  # once per unlock, not at every redraw
