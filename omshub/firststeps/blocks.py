"""The urgency box: a topic page's "call 911" or "get seen today" list, built from the rules.

An editor picks a level and a section of the checklist (and, if they like, some of its signs);
the box lists those signs from red_flags.toml in the page's language, so a page can never
give a sign another urgency than the checklist does.
"""

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale

from omshub.firststeps.red_flags import LEVELS, RULES, Sign


def level_choices() -> list[tuple[str, str]]:
    return [(name, RULES.levels[urgency].title) for name, urgency in LEVELS.items()]


def group_choices() -> list[tuple[str, str]]:
    return [(group.key, group.title) for group in RULES.groups]


def sign_choices() -> list[tuple[str, str]]:
    return [(sign.key, f"{sign.label} ({RULES.group(sign.group).title})") for sign in RULES.signs]


def box_signs(level: str, group: str, keys: list[str]) -> list[Sign]:
    """The signs a box lists: of `level` in `group`, only `keys` when given, in checklist order."""
    urgency = LEVELS.get(level)
    found = [sign for sign in RULES.signs if sign.group == group and sign.level == urgency]
    return [sign for sign in found if sign.key in keys] if keys else found


def checklist_url(request: Any) -> str | None:
    """The "Get help now" page in the active language (the English one when it has no translation)."""
    # Looked up by name: the checklist's model module imports the page blocks, this module among them.
    checklist_page = apps.get_model("firststeps", "ChecklistPage")
    pages = checklist_page.objects.live()
    page = pages.filter(locale=Locale.get_active()).first() or pages.first()
    return page.get_url(request=request) if page else None


def _with_advice_once(signs: list[Sign]) -> list[tuple[Sign, str]]:
    """Each sign with its advice under it; advice two signs share (a stroke's) is given once."""
    given: set[str] = set()
    items = []
    for sign in signs:
        advice = sign.advice if sign.advice not in given else ""
        given.add(sign.advice)
        items.append((sign, advice))
    return items


class UrgencyBoxBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(choices=level_choices, default="today", label=_("Level"))
    group = blocks.ChoiceBlock(
        choices=group_choices,
        default="new",
        label=_("Checklist section"),
        help_text=_("The signs come from this section of the red-flag rules."),
    )
    signs = blocks.MultipleChoiceBlock(
        choices=sign_choices,
        required=False,
        label=_("Only these signs"),
        help_text=_("Leave empty to list every sign of this level in the section."),
    )

    class Meta:
        icon = "warning"
        label = _("Urgency box (from the red-flag rules)")
        template = "firststeps/urgency_box.html"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        wrong = [
            key for key in value["signs"] if key not in {s.key for s in box_signs(value["level"], value["group"], [])}
        ]
        if wrong:
            message = _("These signs have another level or section in the rules: %(signs)s") % {
                "signs": ", ".join(wrong)
            }
            raise StructBlockValidationError(block_errors={"signs": ValidationError(message)})
        if not box_signs(value["level"], value["group"], value["signs"]):
            raise StructBlockValidationError(
                block_errors={"level": ValidationError(_("No sign in this section has this level."))}
            )
        return value

    def get_searchable_content(self, value: Any) -> list[str]:
        """The box's signs as parents read them (Wagtail's search index; raw data holds only keys)."""
        signs = box_signs(value["level"], value["group"], list(value["signs"] or []))
        return [text for sign in signs for text in sign.parent_texts.values()]

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        urgency = LEVELS.get(value["level"])
        group = {g.key: g for g in RULES.groups}.get(value["group"])
        signs = box_signs(value["level"], value["group"], list(value["signs"] or []))
        context.update(
            level=RULES.levels.get(urgency) if urgency else None,
            urgency=urgency,
            group_note=group.note if group else "",
            signs=signs,
            items=_with_advice_once(signs),
            checklist_url=checklist_url((parent_context or {}).get("request")),
            rules=RULES,
        )
        return context
