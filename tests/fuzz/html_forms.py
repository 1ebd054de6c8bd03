"""The forms of a page, read from its HTML as a browser would: where each goes and what it sends.

The fuzz tests fill the fields they find here, so a field added to a template is fuzzed
without anyone listing it.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

SKIPPED_TYPES = {"submit", "button", "reset", "image", "file"}


@dataclass
class Field:
    name: str
    kind: str  # one of hostile.KINDS
    value: str = ""  # what the browser would send untouched ("" when it sends nothing)
    options: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # of a group of checkboxes or a multiple select
    multiple: bool = False
    button: bool = False  # sent only when pressed


@dataclass
class Form:
    action: str  # a path, with any query string
    method: str  # "get" or "post"
    fields: dict[str, Field] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # the names of its file inputs (test_forms.py fills them)

    def data(self) -> dict[str, str | list[str]]:
        """What the form sends as it stands (checked boxes, selected options, typed values)."""
        sent: dict[str, str | list[str]] = {}
        for f in self.fields.values():
            if f.multiple:
                sent[f.name] = list(f.checked)
            elif not f.button and (f.value or f.kind not in ("bool", "choice")):
                sent[f.name] = f.value
        return sent

    @property
    def path(self) -> str:
        return urlsplit(self.action).path


def _kind(tag: str, attrs: dict[str, str]) -> str:
    kind = (attrs.get("type") or "text").lower()
    if tag == "select" or kind == "radio":
        return "choice"
    if kind == "checkbox":
        return "bool"
    if kind in ("date", "datetime-local", "month"):
        return "date"
    if kind in ("number", "range") or attrs.get("inputmode") in ("numeric", "decimal"):
        return "number"
    if kind in ("email", "time"):
        return kind
    return "text"


class _Parser(HTMLParser):
    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self.select: Field | None = None
        self.textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "form":
            action = urljoin(self.page_path, attrs.get("action") or self.page_path)
            self.forms.append(Form(action=action, method=(attrs.get("method") or "get").lower()))
            return
        if tag == "option" and self.select is not None:
            self.select.options.append(attrs.get("value", ""))
            if "selected" in attrs:
                self.select.value = self.select.value or attrs.get("value", "")
                self.select.checked.append(attrs.get("value", ""))
            return
        if not self.forms or "name" not in attrs or "disabled" in attrs:
            return
        form = self.forms[-1]
        name, kind = attrs["name"], (attrs.get("type") or "text").lower()
        if tag == "input" and kind == "file":
            form.files.append(name)
            return
        if tag == "button" or kind in SKIPPED_TYPES:
            if tag == "button" or kind == "submit":
                pressed = form.fields.setdefault(name, Field(name, "choice", button=True))
                pressed.options.append(attrs.get("value", ""))
            return
        if tag == "input":
            found = form.fields.setdefault(name, Field(name, _kind(tag, attrs)))
            if kind in ("radio", "checkbox"):
                value = attrs.get("value", "on")
                found.options.append(value)
                found.multiple = kind == "checkbox" and len(found.options) > 1
                found.kind = "choice" if found.multiple else found.kind
                if "checked" in attrs:
                    found.checked.append(value)
                    found.value = found.value or value
            else:
                found.value = attrs.get("value", "")
        elif tag == "select":
            self.select = form.fields.setdefault(name, Field(name, "choice", multiple="multiple" in attrs))
        elif tag == "textarea":
            self.textarea = form.fields.setdefault(name, Field(name, "text"))

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def forms_of(html: str, page_path: str) -> list[Form]:
    parser = _Parser(page_path)
    parser.feed(html)
    return parser.forms
