"""A questionnaire as a form: each question written out in full above its answer's drop-down (a long
question squeezed into a field's label is unreadable on a phone). Same API as FormDialog."""

from __future__ import annotations

import flet as ft

from components.form_dialog import FormDialog


@ft.control
class QuestionDialog(FormDialog):
    answer_label: str = "Answer"

    def init(self) -> None:
        super().init()
        rows: list[ft.Control] = [self.error]  # a refusal that names no question is said here
        for key, label, _value in self.fields:
            control = self.inputs[key]
            field = ft.Semantics(content=control, label=label, identifier=f"{self.identifier}-{key}")
            if key in self.choices:
                control.label = self.answer_label
                rows.append(
                    ft.Column([ft.Text(label, weight=ft.FontWeight.W_500), field], spacing=4, tight=True)
                )
            else:
                rows.append(field)
        self.content = ft.Column(rows, tight=True, scroll=ft.ScrollMode.AUTO, spacing=14)
