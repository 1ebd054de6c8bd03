"""StreamField blocks shared by every page type: the design system's content components."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


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


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, template="core/components/heading.html", icon="title")
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "h3"])
    callout = CalloutBlock()
    cards = CardGridBlock()
