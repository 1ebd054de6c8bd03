"""Fundraising views: the public page and team page, giving through a page, starting a page,
the owner's dashboard (donors, thanks, edit, close) and "Report this page". Thin: forms
validate, services write, selectors read and decide who may see what."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.validators import slug_re
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from omshub.core import ratelimit
from omshub.core.links import absolute
from omshub.core.models import FoundationSettings
from omshub.core.private import private
from omshub.fundraising import selectors, services
from omshub.fundraising.forms import JOIN, NEW, PageForm, ReportForm
from omshub.fundraising.models import FundraisingPage, FundraisingSettings, Team
from omshub.giving.attribution import Attribution
from omshub.giving.sharing import qr_svg, share_links
from omshub.giving.views import donate, no_shared_cache
from omshub.payments.registry import PaymentsClosed, get_provider

PAGES_PER_HOUR = 5
REPORTS_PER_HOUR = 5


def _include_test() -> bool:
    """As on the campaign's page: in test mode the figures count test gifts (and say so)."""
    try:
        return get_provider().is_test
    except PaymentsClosed:
        return False


def _settings(request: HttpRequest) -> tuple[FundraisingSettings, str]:
    """The moderation setting and where staff's emails go."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return FundraisingSettings(), ""
    chosen = FundraisingSettings.for_site(site)
    return chosen, chosen.moderation_email or FoundationSettings.for_site(site).contact_email


def _found[T](read: Callable[[], T]) -> T:
    try:
        return read()
    except selectors.NotFound:
        raise Http404 from None


def owner_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in (strangers go to sign in), never stored by a cache; the selectors turn away
    anyone but the owner with a 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return private(view(request, *args, **kwargs))

    return never_cache(login_required(wrapper))


def _share(request: HttpRequest, url: str, title: str) -> dict[str, Any]:
    address = absolute(url)
    return {"short_url": address, "share_links": share_links(address, title), "qr_svg": qr_svg(address)}


def page_view(request: HttpRequest, slug: str) -> HttpResponse:
    page = _found(lambda: selectors.page_for_viewer(slug=slug, user=request.user))
    include_test = _include_test()
    campaign = selectors.campaign_in_language(
        campaign_key=page.campaign_key, language=get_language() or "en", fallback=page.campaign
    )
    context = {
        "fundraiser": page,
        "campaign": campaign,
        "progress": selectors.page_progress(page=page, include_test=include_test),
        "gifts": selectors.page_gifts(page=page, include_test=include_test),
        "is_owner": request.user.is_authenticated and page.owner_id == request.user.pk,
        "test_mode": include_test,
        **_share(request, page.get_absolute_url(), page.title),
    }
    response = render(request, "fundraising/page.html", context)
    return private(response) if not page.is_public else no_shared_cache(response)


def team_view(request: HttpRequest, slug: str) -> HttpResponse:
    team = _found(lambda: selectors.team_for_viewer(slug=slug, user=request.user))
    include_test = _include_test()
    campaign = selectors.campaign_in_language(
        campaign_key=team.campaign_key, language=get_language() or "en", fallback=team.campaign
    )
    context = {
        "team": team,
        "campaign": campaign,
        "progress": selectors.team_progress(team=team, include_test=include_test),
        "members": selectors.team_members(team=team, include_test=include_test),
        "test_mode": include_test,
        **_share(request, team.get_absolute_url(), team.name),
    }
    response = render(request, "fundraising/team.html", context)
    return private(response) if not team.is_public else no_shared_cache(response)


@never_cache
@require_http_methods(["GET", "POST"])
def give(request: HttpRequest, slug: str) -> HttpResponse:
    """The campaign's donation form, its gifts attributed to this page and its team."""
    page = _found(lambda: selectors.page_taking_gifts(slug=slug))
    campaign = selectors.campaign_in_language(
        campaign_key=page.campaign_key, language=get_language() or "en", fallback=page.campaign
    )
    url = page.get_absolute_url()
    attribution = Attribution(
        fundraiser_id=page.pk,
        team_id=page.team_id,
        label=_("Your gift counts toward %(title)s, for %(campaign)s.")
        % {"title": page.title, "campaign": campaign.title},
        page_url=url,
        form_url=reverse("fundraising:give", args=[page.slug]),
    )
    return donate(request, campaign, attribution=attribution)


def photo_view(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The photo through the page's own access rule: a hidden page's photo is hidden too."""
    page = _found(lambda: selectors.page_for_viewer(slug=slug, user=request.user))
    if not page.photo or not page.shows_story:
        raise Http404
    response = FileResponse(default_storage.open(str(page.photo.name), "rb"), content_type="image/jpeg")
    # The address changes with the photo (see the template's ?v=), so a browser may keep it.
    response["Cache-Control"] = "public, max-age=86400" if page.is_public else "private, no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Anyone sees what it takes; a signed-in supporter gets the form."""
    if not request.user.is_authenticated:
        return render(request, "fundraising/start.html", {"next": request.get_full_path()})
    return _create(request)


def _create(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    campaigns = selectors.open_campaigns(language=language)
    if not campaigns:
        return private(render(request, "fundraising/start.html", {"no_campaigns": True}))
    teams = selectors.teams_to_join(campaign_keys=[c.translation_key for c in campaigns])
    initial: dict[str, Any] = {}
    if request.method == "GET":
        chosen = request.GET.get("campaign", "")
        initial["campaign"] = next((c.pk for c in campaigns if str(c.pk) == chosen), campaigns[0].pk)
        team = request.GET.get("team", "")
        if slug_re.match(team) and (found := teams.filter(slug=team).first()):  # a team's address, or nothing
            initial |= {"team_choice": JOIN, "team": found.pk}
    form = PageForm(request.POST or None, request.FILES or None, campaigns=campaigns, teams=teams, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            form.add_error(None, _("We could not accept this form. Please try again."))
            status = 400
        elif ratelimit.exceeded("fundraiser-create", str(request.user.pk), limit=PAGES_PER_HOUR) or ratelimit.exceeded(
            "fundraiser-create-ip", ratelimit.client_key(request), limit=PAGES_PER_HOUR * 4
        ):
            form.add_error(None, _("You have started many pages in the last hour. Please try again later."))
            status = 429
        else:
            page = _create_page(request, form, language)
            if page is not None:
                form.forget_kept_photo()
                return redirect("fundraising:dashboard", page.slug)
            form.add_error("team", _("That team is not taking new members. Choose another."))
            status = 400
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "heading": _("Start your fundraising page"),
        "kept_photo": form.kept_token(),
        "creating": True,
    }
    return private(render(request, "fundraising/form.html", context, status=status))


def _details(form: PageForm) -> services.PageDetails:
    data = form.cleaned_data
    return services.PageDetails(
        title=form.page_title(),
        owner_name=data["owner_name"].strip(),
        story=data["story"].strip(),
        goal_cents=data["goal"],
        photo_alt=data["photo_alt"].strip() if form.prepared_photo is not None else "",
        about_child_health=data["about_child_health"],
        consent_given=data["consent_given"],
    )


def _create_page(request: HttpRequest, form: PageForm, language: str) -> FundraisingPage | None:
    data = form.cleaned_data
    chosen, staff_email = _settings(request)
    choice = data.get("team_choice")
    try:
        return services.page_create(
            owner=request.user,
            campaign=data["campaign"],
            details=_details(form),
            photo=form.prepared_photo,
            join_team=data["team"] if choice == JOIN else None,
            new_team=services.NewTeam(name=data["team_name"].strip(), goal_cents=data["team_goal"])
            if choice == NEW
            else None,
            hold=chosen.hold_for_approval,
            language=language,
            staff_email=staff_email,
        )
    except services.TeamUnavailable:
        return None


@owner_view
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "fundraising/mine.html", {"pages": selectors.pages_of_owner(user=request.user)})


@owner_view
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    page = _found(lambda: selectors.page_for_owner(slug=slug, user=request.user))
    include_test = _include_test()
    donors = selectors.page_donors_for_owner(page=page, include_test=include_test)
    context = {
        "fundraiser": page,
        "progress": selectors.page_progress(page=page, include_test=include_test),
        "donors": donors,
        "to_thank": sum(1 for donor in donors if donor.can_thank and not donor.thanked),
        "test_mode": include_test,
        **_share(request, page.get_absolute_url(), page.title),
    }
    return render(request, "fundraising/dashboard.html", context)


@owner_view
@require_POST
def thank(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    page = _found(lambda: selectors.page_for_owner(slug=slug, user=request.user))
    gift = _found(lambda: selectors.gift_to_thank(page=page, reference=reference))
    if services.donor_thank(page=page, donation=gift):
        messages.success(request, _("Thank-you sent to %(name)s.") % {"name": gift.public_name})
    return redirect(reverse("fundraising:dashboard", args=[page.slug]) + "#donors")


@owner_view
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    page = _found(lambda: selectors.page_for_owner(slug=slug, user=request.user))
    initial = {
        "owner_name": page.owner_name,
        "title": page.title,
        "story": page.story,
        "goal": page.goal_cents,
        "photo_alt": page.photo_alt,
        "about_child_health": page.about_child_health,
        "consent_given": page.consent_given,
    }
    form = PageForm(request.POST or None, request.FILES or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        services.page_update(
            page=page,
            details=_details(form) if form.prepared_photo is not None else _details_keeping_alt(form, page),
            photo=form.prepared_photo,
            remove_photo=form.cleaned_data.get("remove_photo", False),
        )
        form.forget_kept_photo()
        messages.success(request, _("Your page is saved."))
        return redirect("fundraising:dashboard", page.slug)
    context = {"form": form, "fundraiser": page, "heading": _("Edit your page"), "kept_photo": form.kept_token()}
    return render(request, "fundraising/form.html", context, status=400 if form.errors else 200)


def _details_keeping_alt(form: PageForm, page: FundraisingPage) -> services.PageDetails:
    details = _details(form)
    alt = form.cleaned_data["photo_alt"].strip() or page.photo_alt
    keeps = bool(page.photo) and not form.cleaned_data.get("remove_photo")
    return services.PageDetails(**{**details.__dict__, "photo_alt": alt if keeps else ""})


@owner_view
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, slug: str) -> HttpResponse:
    page = _found(lambda: selectors.page_for_owner(slug=slug, user=request.user))
    if request.method == "POST":
        services.page_close(page=page)
        messages.success(request, _("Your page is closed. Thank you for everything you raised."))
        return redirect("fundraising:dashboard", page.slug)
    return render(request, "fundraising/close.html", {"fundraiser": page})


@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str, kind: str = "page") -> HttpResponse:
    """Anyone may tell staff a page or team breaks the rules; limited per visitor."""
    page: FundraisingPage | None = None
    team: Team | None = None
    if kind == "team":
        team = _found(lambda: selectors.team_for_viewer(slug=slug, user=request.user))
        subject, back = team.name, team.get_absolute_url()
    else:
        page = _found(lambda: selectors.page_for_viewer(slug=slug, user=request.user))
        subject, back = page.title, page.get_absolute_url()
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            form.add_error(None, _("We could not accept this form. Please try again."))
            status = 400
        elif ratelimit.exceeded("fundraiser-report", ratelimit.client_key(request), limit=REPORTS_PER_HOUR):
            form.add_error(None, _("You have sent many reports in the last hour. Please try again later."))
            status = 429
        else:
            staff_email = _settings(request)[1]
            services.report_create(
                page=page,
                team=team,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"].strip(),
                email=form.cleaned_data["email"],
                client_key=ratelimit.client_key(request),
                staff_email=staff_email,
            )
            return render(request, "fundraising/report_sent.html", {"subject": subject, "back": back})
    elif request.method == "POST":
        status = 400
    context = {"form": form, "subject": subject, "back": back}
    return render(request, "fundraising/report.html", context, status=status)
