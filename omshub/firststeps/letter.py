"""The letter a parent takes to the pediatrician or emergency department.

Built on request from what the parent typed and never stored. The same HTML serves the
print view and the PDF (WeasyPrint), in the language the parent chose for the doctor.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from omshub.core.pdf import html_to_pdf
from omshub.firststeps.red_flags import Sign, signs_from_keys

OMS_SIGNS = {"eyes", "unsteady", "jerks"}


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


@dataclass(frozen=True)
class Letter:
    language: str
    child_name: str
    child_age: str
    started: str
    signs: list[Sign]
    previously_well: bool
    has_videos: bool
    recent_illness: str
    notes: str
    site_url: str
    written_on: date

    @property
    def suggests_oms(self) -> bool:
        """Only eye movements, unsteadiness or jerks make the letter ask about OMS."""
        return any(sign.key in OMS_SIGNS for sign in self.signs)


def letter_from_form(cleaned: dict[str, Any], *, site_url: str, today: date) -> Letter:
    return Letter(
        language=cleaned["letter_language"],
        child_name=cleaned["child_name"],
        child_age=cleaned["child_age"],
        started=cleaned["started"],
        signs=signs_from_keys(cleaned["signs"]),
        previously_well=cleaned["previously_well"],
        has_videos=cleaned["has_videos"],
        recent_illness=cleaned["recent_illness"],
        notes=cleaned["notes"],
        site_url=site_url,
        written_on=today,
    )


def letter_html(letter: Letter, *, standalone: bool) -> str:
    """The letter in its own language; `standalone` adds the page shell the PDF needs."""
    with translation.override(letter.language):
        return render_to_string(
            "firststeps/letter_document.html" if standalone else "firststeps/letter_body.html",
            {"letter": letter, "references": REFERENCES, "LANGUAGE_CODE": letter.language},
        )


def letter_pdf(letter: Letter) -> bytes:
    return html_to_pdf(letter_html(letter, standalone=True), stylesheet="firststeps/letter.css")
