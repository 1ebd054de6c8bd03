"""The campaign page's admin form: on a translation, the goal, dates and preset amounts are the
English page's, shown read-only, so a translator changes only text."""

from typing import Any

from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from omshub.giving.campaign_translations import SHARED_FIELDS

PRESET_SHARED = ("frequency", "amount_cents")


class CampaignPageForm(WagtailAdminPageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source = self.instance.translation_source() if self.instance.locale_id else None
        if self.source is None:
            return
        shared_help = _("Shared by every language of this campaign: change it on the %(language)s page.") % {
            "language": self.source_language()
        }
        for name in SHARED_FIELDS:
            if name in self.fields:
                # Disabled fields keep the stored value whatever is posted; the page's save
                # takes the source's values in any case.
                self.fields[name].disabled = True
                self.fields[name].help_text = shared_help
                self.initial[name] = getattr(self.source, name)
        for form in self.formsets["amounts"].forms:
            for name in (name for name in PRESET_SHARED if name in form.fields):
                form.fields[name].disabled = True
                form.fields[name].help_text = shared_help

    def source_language(self) -> str:
        assert self.source is not None
        name = str(get_language_info(self.source.locale.language_code)["name_translated"])
        # Spanish writes language names in lower case: "la página en inglés".
        return name.lower() if (get_language() or "").startswith("es") else name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.source is not None:
            presets = self.formsets["amounts"]
            added = [form for form in presets.forms if form.instance.pk is None and form.has_changed()]
            if added or presets.deleted_forms:
                message = _(
                    "Preset amounts are added or removed on the %(language)s page; here you translate what each does."
                )
                self.add_error(None, message % {"language": self.source_language()})
        return cleaned
