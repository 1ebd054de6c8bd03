"""StreamField blocks shared by every page type: the design system's content components."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# The one block a medical page takes from another app: its signs and levels are the red-flag
# rules' (firststeps/data/red_flags.toml), so a page cannot state another urgency by hand.
from omshub.firststeps.blocks import UrgencyBoxBlock


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning")), ("urgent", _("Urgent"))],
        default="info",
    )
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "core/components/callout.html"


class CardBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(max_length=300)
    page = blocks.PageChooserBlock()
    link_text = blocks.CharBlock(max_length=60)


class CardGridBlock(blocks.StructBlock):
    cards = blocks.ListBlock(CardBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        template = "core/components/card_grid.html"


class KeyFactsBlock(blocks.ListBlock):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(blocks.CharBlock(max_length=240), **kwargs)

    class Meta:
        icon = "list-ul"
        template = "core/components/key_facts.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(max_length=250, help_text=_("What the image shows, for people who cannot see it."))
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "core/components/figure.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])


class FaqBlock(blocks.ListBlock):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(FaqItemBlock(), **kwargs)

    class Meta:
        icon = "help"
        template = "core/components/faq.html"


class ReferenceBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=400, help_text=_("Authors, title, journal, year;volume:pages."))
    url = blocks.URLBlock(required=False)


class VideoBlock(blocks.StructBlock):
    """A YouTube video that loads nothing from YouTube until the visitor asks for it."""

    youtube_id = blocks.RegexBlock(
        regex=r"^[A-Za-z0-9_-]{11}$",
        help_text=_("The 11 characters after v= in the video's address."),
        error_messages={"invalid": _("Enter the 11-character video ID, for example dQw4w9WgXcQ.")},
    )
    title = blocks.CharBlock(max_length=120)
    poster = ImageChooserBlock(required=False, help_text=_("Shown until the video plays; stored on this site."))

    class Meta:
        icon = "media"
        template = "core/components/video.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, template="core/components/heading.html", icon="title")
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3"], template="core/components/paragraph.html"
    )
    callout = CalloutBlock()
    cards = CardGridBlock()
    video = VideoBlock()


class TopicBodyBlock(BodyBlock):
    """What a medical page may hold: text, callouts, urgency boxes, key facts, figures and questions."""

    urgency_box = UrgencyBoxBlock()
    key_facts = KeyFactsBlock()
    figure = FigureBlock()
    faq = FaqBlock()
