"""What Stripe's objects and parameters look like, for the fake Stripe and the test events.

Objects come from Stripe's published examples (stripe_examples/, see its README). Which fields
an object lets you expand, and which parameters an endpoint takes, come from stripe-python's
own types, which describe the API version the SDK sends (`stripe.api_version`): the version
production talks. So the fake refuses, as Stripe does, what that version would refuse.
"""

import copy
import inspect
import json
import sys
import typing
from functools import cache
from pathlib import Path
from typing import Any

import stripe
import typing_extensions

# Copied into the repository (with Stripe's MIT notice, which the licence asks us to keep) rather
# than read from ../shared/stripe/ at test time: the suite must run from any checkout, in CI or on
# a volunteer's laptop, without a folder beside it. test_fake_stripe.py checks the copies against
# ../shared/stripe/fixtures3.json wherever that folder is present.
EXAMPLES: dict[str, dict] = json.loads((Path(__file__).parent / "stripe_examples" / "fixtures3.json").read_text())[
    "resources"
]

# The stripe-python class of each object the fake serves (a public name for each).
SDK_CLASSES: dict[str, type] = {
    "charge": stripe.Charge,
    "checkout.session": stripe.checkout.Session,
    "dispute": stripe.Dispute,
    "invoice": stripe.Invoice,
    "invoice_payment": stripe.InvoicePayment,
    "payment_intent": stripe.PaymentIntent,
    "refund": stripe.Refund,
    "subscription": stripe.Subscription,
}


def example(object_type: str, **changes: Any) -> dict:
    """A fresh copy of Stripe's example object, with the given fields changed."""
    obj = copy.deepcopy(EXAMPLES[object_type])
    unknown = set(changes) - set(obj) - set(_annotations(object_type))
    assert not unknown, f"{object_type} has no field {unknown}"  # the fake must not invent fields
    obj.update(changes)
    return obj


def _annotations(object_type: str) -> dict[str, Any]:
    cls = SDK_CLASSES.get(object_type)
    return inspect.get_annotations(cls) if cls else {}


def _sdk_object_type(name: str) -> str:
    """'PaymentIntent' -> 'payment_intent'; '' for a class not at the SDK's top level."""
    cls = getattr(stripe, name, None)
    return str(getattr(cls, "OBJECT_NAME", "")) if isinstance(cls, type) else ""


def _forward_name(arg: Any) -> str:
    return arg.__forward_arg__ if isinstance(arg, typing.ForwardRef) else getattr(arg, "__name__", "")


@cache
def expansion(object_type: str, field: str) -> tuple[str, bool] | None:
    """What expanding `field` gives: (object type, is a list), or None when it cannot be expanded.

    An expandable field is typed `ExpandableField[X]` (an id or an X); a list Stripe leaves out
    unless asked (an invoice's `payments`, a charge's `refunds`) is an optional `ListObject[X]`."""
    hint = _annotations(object_type).get(field)
    if hint is None:
        return None
    args = typing.get_args(hint)
    if str in args:
        objects = [arg for arg in args if arg not in (str, type(None))]
        return (_sdk_object_type(_forward_name(objects[0])), False) if objects else None
    for candidate in (hint, *args):
        if typing.get_origin(candidate) is stripe.ListObject and type(None) in args:
            return _sdk_object_type(_forward_name(typing.get_args(candidate)[0])), True
    return None


@cache
def includable_lists(object_type: str) -> list[str]:
    """The lists left out of an object unless expanded."""
    return [field for field in _annotations(object_type) if (expansion(object_type, field) or ("", False))[1]]


def expansion_error(object_type: str, path: str) -> str:
    """'' when `path` (e.g. 'payment_intent', 'data.payment_intent' on a list) can be expanded."""
    head, _, rest = path.partition(".")
    target = expansion(object_type, head)
    if target is None:
        return f"This property cannot be expanded ({head})."
    if not rest:
        return ""
    item_type, is_list = target
    if is_list:
        if not rest.startswith("data."):
            return f"This property cannot be expanded ({rest.partition('.')[0]})."
        rest = rest.removeprefix("data.")
    return expansion_error(item_type, rest) if item_type else f"This property cannot be expanded ({rest})."


# Parameters ---------------------------------------------------------------------------------

# stripe.params are typing_extensions TypedDicts, which typing.is_typeddict does not recognise.
ANY_KEYS = object()  # metadata and other free-form hashes
LEAF = object()


def _resolve(text: str, module: Any) -> list[Any]:
    """A forward reference of stripe.params, e.g. 'ChargeListParamsCreated|int'."""
    found: list[Any] = []
    for part in (p.strip() for p in text.split("|")):
        if part.startswith(("Dict[", "UntypedStripeObject[")):
            found.append(ANY_KEYS)
        elif part.startswith("List[") and part.endswith("]"):
            found.append(("list", part[5:-1], module))
        elif part.isidentifier() and typing_extensions.is_typeddict(vars(module).get(part)):
            found.append(vars(module)[part])
        else:
            found.append(LEAF)
    return found


def _types(hint: Any, module: Any) -> list[Any]:
    """The shapes a parameter's annotation allows: TypedDicts, lists, free-form hashes or leaves."""
    origin = typing.get_origin(hint)
    if origin in (typing.NotRequired, typing.Required, typing_extensions.NotRequired, typing_extensions.Required):
        return _types(typing.get_args(hint)[0], module)
    if isinstance(hint, typing.ForwardRef):
        return _resolve(hint.__forward_arg__, module)
    if isinstance(hint, str):
        return _resolve(hint, module)
    if origin is typing.Union:
        return [t for arg in typing.get_args(hint) for t in _types(arg, module)]
    if origin is list:
        return [("list", typing.get_args(hint)[0], module)]
    if typing_extensions.is_typeddict(hint):
        return [hint]
    if origin is dict:
        return [ANY_KEYS]
    return [LEAF]


def _step(shape: Any, segment: str) -> list[Any]:
    if shape is ANY_KEYS:
        return [ANY_KEYS]
    if isinstance(shape, tuple):  # a list: an index, then the item
        _, item, module = shape
        return _types(item, module) if segment.isdigit() else []
    if typing_extensions.is_typeddict(shape) and segment in shape.__annotations__:
        return _types(shape.__annotations__[segment], sys.modules[shape.__module__])
    return []


@cache  # the fake serves the benchmark too: each endpoint's few keys are worked out once
def parameter_error(params_type: type, key: str) -> str:
    """'' when a form-encoded key (e.g. 'line_items[0][price_data][currency]') is a parameter
    the endpoint takes, else the name of the unknown parameter, as Stripe reports it."""
    segments = key.replace("]", "").split("[")
    if segments[0] in stripe.RequestOptions.__annotations__:
        return segments[0]  # the SDK's own options never go to the API as parameters
    shapes: list[Any] = [params_type]
    for depth, segment in enumerate(segments):
        shapes = [found for shape in shapes for found in _step(shape, segment)]
        if not shapes:
            return segments[0] + "".join(f"[{segment}]" for segment in segments[1 : depth + 1])
    return ""
