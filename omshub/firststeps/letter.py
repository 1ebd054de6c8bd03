"""The letter a parent takes to the pediatrician or emergency department.

Built on request from the parent's answers, which wait in their session between the form,
the letter and the PDF (never in a URL) and are never stored as a letter. The same HTML
serves the print view and the PDF (WeasyPrint), in the language chosen for the doctor.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from omshub.core.pdf import html_to_pdf
from omshub.firststeps.red_flags import Sign
from omshub.firststeps.triage import signs_from_keys, suggests_oms


@dataclass(frozen=True)
class Reference:
    text: str
    url: str


# Cited in the letter's explanation and requests; see shared content notes §1 and §3.2. Each link
# leads to the paper itself (DOI or PubMed record), never to a search.
REFERENCES = [
    Reference(
        "Rossor T, Yeh EA, Khakoo Y, et al. Diagnosis and management of opsoclonus-myoclonus-ataxia "
        "syndrome in children: an international perspective. Neurol Neuroimmunol Neuroinflamm 2022;9:e1153.",
        "https://doi.org/10.1212/NXI.0000000000001153",
    ),
    Reference(
        "Pranzatelli MR, Tate ED, McGee NR. Demographic, clinical, and immunologic features of 389 children "
        "with opsoclonus-myoclonus syndrome. Front Neurol 2017;8:468.",
        "https://doi.org/10.3389/fneur.2017.00468",
    ),
    Reference(
        "Brunklaus A, Pohl K, Zuberi SM, de Sousa C. Investigating neuroblastoma in childhood "
        "opsoclonus-myoclonus syndrome. Arch Dis Child 2012;97:461–463.",
        "https://pubmed.ncbi.nlm.nih.gov/21460401/",
    ),
    Reference(
        "Hasegawa S, Matsushige T, Kajimoto M, et al. A nationwide survey of opsoclonus-myoclonus syndrome in "
        "Japanese children. Brain Dev 2015;37:656–660.",
        "https://doi.org/10.1016/j.braindev.2014.10.010",
    ),
]


# What the letter says for each answer, gendered where Spanish needs it. Rendered in the
# letter's language (translation.override), so no word of the form's language gets in.
MY_CHILD = {
    "girl": pgettext_lazy("letter", "my daughter"),
    "boy": pgettext_lazy("letter", "my son"),
    "unsaid": pgettext_lazy("letter", "my child"),
}
AGE_WITH_NAME = {
    "girl": pgettext_lazy("girl", "My daughter %(name)s is %(age)s old."),
    "boy": pgettext_lazy("boy", "My son %(name)s is %(age)s old."),
    "unsaid": pgettext_lazy("child", "My child %(name)s is %(age)s old."),
}
AGE_WITHOUT_NAME = {
    "girl": pgettext_lazy("girl", "My daughter is %(age)s old."),
    "boy": pgettext_lazy("boy", "My son is %(age)s old."),
    "unsaid": pgettext_lazy("child", "My child is %(age)s old."),
}
WAS_WELL = {
    "girl": pgettext_lazy("girl", "My daughter was well before this started."),
    "boy": pgettext_lazy("boy", "My son was well before this started."),
    "unsaid": pgettext_lazy("child", "My child was well before this started."),
}
ONSET = {
    "hours": gettext_lazy("in the last few hours"),
    "days": gettext_lazy("in the last few days"),
    "weeks": gettext_lazy("1 to 2 weeks ago"),
    "longer": gettext_lazy("more than 2 weeks ago"),
}
ILLNESS = {
    "cold": gettext_lazy("a cold or a cough"),
    "stomach": gettext_lazy("a stomach bug"),
    "fever": gettext_lazy("another illness with a fever"),
}


@dataclass(frozen=True)
class Letter:
    language: str
    child_name: str
    sex: str
    age_number: int
    age_unit: str
    onset: str
    after_illness: str
    signs: list[Sign]
    previously_well: bool
    has_videos: bool
    notes: str
    site_url: str
    written_on: date
    recipient: str = "doctor"  # or "scheduling": a neurology scheduling office, asked for an earlier visit

    @property
    def to_scheduling(self) -> bool:
        return self.recipient == "scheduling"

    @property
    def suggests_oms(self) -> bool:
        """Eye movements, or two different core signs, make the letter ask about OMS."""
        return suggests_oms(self.signs)

    @property
    def my_child(self) -> str:
        return str(MY_CHILD[self.sex])

    @property
    def age(self) -> str:
        if self.age_unit == "months":
            return ngettext("%(count)d month", "%(count)d months", self.age_number) % {"count": self.age_number}
        return ngettext("%(count)d year", "%(count)d years", self.age_number) % {"count": self.age_number}

    @property
    def age_sentence(self) -> str:
        if self.child_name:
            return str(AGE_WITH_NAME[self.sex]) % {"name": self.child_name, "age": self.age}
        return str(AGE_WITHOUT_NAME[self.sex]) % {"age": self.age}

    @property
    def onset_sentence(self) -> str:
        if self.after_illness in ILLNESS:
            return _("It started %(when)s, after %(illness)s. I have seen:") % {
                "when": ONSET[self.onset],
                "illness": ILLNESS[self.after_illness],
            }
        return _("It started %(when)s. I have seen:") % {"when": ONSET[self.onset]}

    @property
    def was_well_sentence(self) -> str:
        return str(WAS_WELL[self.sex])


def letter_from_answers(answers: dict[str, Any], *, site_url: str, today: date) -> Letter:
    """The letter from a valid form's answers (kept in the session between requests)."""
    return Letter(
        language=answers["letter_language"],
        child_name=answers["child_name"],
        sex=answers["sex"],
        age_number=answers["age_number"],
        age_unit=answers["age_unit"],
        onset=answers["onset"],
        after_illness=answers.get("after_illness", ""),
        signs=signs_from_keys(answers["signs"]),
        previously_well=answers["previously_well"],
        has_videos=answers["has_videos"],
        notes=answers["notes"],
        site_url=site_url,
        written_on=today,
        recipient=answers.get("recipient") or "doctor",
    )


def letter_html(letter: Letter, *, standalone: bool) -> str:
    """The letter in its own language; `standalone` adds the page shell the PDF needs."""
    with translation.override(letter.language):
        return render_to_string(
            "firststeps/letter_document.html" if standalone else "firststeps/letter_body.html",
            {
                "letter": letter,
                "references": REFERENCES,
                "LANGUAGE_CODE": letter.language,
                # The PDF is the letter alone; on the web page it sits under the page's own h1.
                "title_level": 1 if standalone else 2,
            },
        )


def letter_pdf(letter: Letter) -> bytes:
    return html_to_pdf(letter_html(letter, standalone=True), stylesheet="firststeps/letter.css")
