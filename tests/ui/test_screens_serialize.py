"""Every Agenda and Enfant screen (each tab and view) can be sent to the Flet client: a client-less test
builds controls a real client could still refuse (a function in a control's field cannot be sent)."""

import flet as ft
import msgpack
import pytest
from flet.messaging.protocol import configure_encode_object_for_msgpack

SCREENS = [
    ("/agenda", {}),
    ("/child", {"enfant.tab": "growth"}),
    ("/child", {"enfant.tab": "growth", "enfant.measure": "height", "enfant.view": "0-5"}),
    ("/child", {"enfant.tab": "vaccinations"}),
    ("/child", {"enfant.tab": "vaccinations", "enfant.vaccinations": "booklet"}),
    ("/child", {"enfant.tab": "exams"}),
    ("/child", {"enfant.tab": "advice"}),
]


@pytest.mark.parametrize("route, choices", SCREENS)
def test_the_screen_can_be_sent_to_the_client(unlocked, route, choices):
    shell, state, host = unlocked
    state.switch(next(p.id for p in state.profiles if p.first_name == "Léo"))
    for key, value in choices.items():
        state.choose(key, value)
    state.go(route)
    encode = configure_encode_object_for_msgpack(ft.BaseControl)
    assert msgpack.packb(shell.body, default=encode)
