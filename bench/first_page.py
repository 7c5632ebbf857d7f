"""Run by bench/storage.py in a fresh process: unlock a vault and build the first page, then print
the seconds spent inside Python and the peak RSS in MB."""

import resource
import sys
import time
from pathlib import Path

started = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage.keys import NoKeyHolder  # noqa: E402
from views.context import ViewContext  # noqa: E402
from views.shell import Shell  # noqa: E402
from views.state import AppState  # noqa: E402


class SilentHost:
    def show_dialog(self, dialog):
        pass

    def close_dialog(self):
        pass

    def toast(self, message):
        pass

    def run_task(self, handler, *args):
        pass

    def run_thread(self, work):
        pass


state = AppState(sys.argv[1], NoKeyHolder())
state.unlock(sys.argv[2])
Shell(ViewContext(state, SilentHost()))
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
