"""Public page "Ban biên tập": the current editorial board (name, board role, position; nothing private)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.core.pages import VietnamesePageMixin
from cms.core.people import public_name

from .board import BoardMembership
from .profiles import Position, person_name
from .structure import SchoolYear


def is_student(profile):
    return profile is not None and profile.position == Position.STUDENT


class BoardPage(VietnamesePageMixin, Page):
    """Shows the editorial board of the current school year and the decision that set it up."""

    intro = models.TextField("Giới thiệu", blank=True)
    shows_school_structure = True  # rebuilt when the board or the structure changes (editorial.signals)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "editorial/board_page.html"

    class Meta:
        verbose_name = "Trang Ban biên tập"
        verbose_name_plural = "Trang Ban biên tập"

    def board_members(self):
        """Current board members as dicts with only public fields, ordered Trưởng ban → Thư ký."""
        memberships = (
            BoardMembership.objects.current()
            .select_related("user", "user__staff_profile", "board")
            .order_by("pk")
        )
        rows = []
        for membership in memberships:
            user = membership.user
            profile = getattr(user, "staff_profile", None)
            rows.append(
                {
                    # Public output names people through cms.core.people (pupils by given name).
                    "name": public_name(person_name(user), student=is_student(profile)),
                    "board_role": membership.get_role_display(),
                    "position": profile.get_position_display() if profile else "",
                    "order": BoardMembership.ROLE_ORDER.get(membership.role, 9),
                }
            )
        return sorted(rows, key=lambda row: row["order"])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        year = SchoolYear.objects.current()
        context["school_year"] = year
        context["board"] = getattr(year, "editorial_board", None) if year else None
        context["members"] = self.board_members()
        return context
