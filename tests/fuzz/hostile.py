"""Hostile values: what an outside probe types into every field, parameter and path.

Kept short on purpose (each costs a request per field): one of each kind of trouble that has
broken a Django site somewhere. `FOR_KIND` picks the ones that matter for a field's kind, so a
date field meets every impossible date while a checkbox does not.
"""

NUL = "\x00"
LONG = "a" * 3000
LONG_EMAIL = "a" * 250 + "@example.org"  # 262 characters: past what an address (and its column) holds
HUGE = "99999999999999999999999999"

# Shared by every kind: nothing, blanks, a NUL alone and inside text, far too long.
COMMON = ["", "   ", NUL, f"1{NUL}2", LONG]
FOR_KIND: dict[str, list[str]] = {
    "text": [
        *COMMON,
        "ñandú 🐛 \u202eevil\u200b",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "1e309",
        "9999-12-31",
        "٩٠٠٢٧",  # digits of another script: \d and isdigit() take them, a library may not
    ],
    "number": [*COMMON, "-1", "0", "1e309", "NaN", "inf", HUGE, "9223372036854775808", "1.5", "１２"],
    "date": [
        *COMMON,
        "2026-02-30",
        "2026-13-01",
        "0000-00-00",
        "0001-01-01",
        "9999-12-31",
        "9998-12-31",
        "10000-01-01",
        "31/12/2026",
    ],
    "time": [*COMMON, "25:61", "24:00", "-1:00", "9999"],
    "email": [*COMMON, LONG_EMAIL, "a@" + "b" * 250 + ".org", "@", "ä@ü.example"],
    "choice": [*COMMON, "-1", HUGE, "NaN", "' OR 1=1 --"],
    "bool": [NUL, "off", "false", LONG],
}
KINDS = tuple(FOR_KIND)
# One field at a time gets the few that most often break something; the whole table goes into
# every field of a kind at once (test_forms.py), which costs one request per value.
FEW: dict[str, list[str]] = {
    "text": [NUL, LONG, "ñandú 🐛 \u202eevil\u200b"],
    "number": [NUL, "-1", "1e309", "NaN", HUGE],
    "date": [NUL, LONG, "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "10000-01-01"],
    "time": [NUL, "25:61", "24:00"],
    "email": [NUL, LONG_EMAIL, "@"],
    "choice": [NUL, HUGE, LONG],
    "bool": [NUL],
}
# Sent raw in a query string or a form body: bytes that are not UTF-8, and a NUL.
RAW = ["%FF%FE", "%ED%A0%80", "%00", "%C0%AF"]
# In a path: an int converter lets only digits through, so the numbers matter; any other takes everything.
IDS_FOR_CONVERTER = {
    "int": ["0", HUGE, "9223372036854775808", "x"],
    "kind": ["x"],
}
IDS = [NUL, "%00", f"1{NUL}", "0", "-1", HUGE, "9223372036854775808", "1e309", "ñ", LONG]
PAGE_TAILS = [NUL, f"1{NUL}", "ñ", LONG]  # after a Wagtail page's path
