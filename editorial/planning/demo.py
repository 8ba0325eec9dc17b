"""Demo writing plan: a department head's and the principal's assignments, one overdue. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from cms.news.models import ArticlePage, SectionPage

from .models import Assignment, AssignmentStatus

PLAN = [
    # (topic, section slug, assignee, assigned by, days until due (negative: past), status, article slug)
    (
        "Chuyên đề dạy đọc cho học sinh lớp 1",
        "hoat-dong-chuyen-mon",
        "giaovien1",
        "totruong1",
        10,
        AssignmentStatus.ASSIGNED,
        None,
    ),
    (
        "Tiết học trải nghiệm “Em yêu cây xanh” của lớp 1A",
        "hoat-dong-chuyen-mon",
        "gvcn1a",
        "totruong1",
        -5,
        AssignmentStatus.ASSIGNED,
        None,
    ),
    (
        "Thiết kế bài giảng e-learning Tiếng Việt lớp 1",
        "hoat-dong-chuyen-mon",
        "giaovien1",
        "totruong1",
        -20,
        AssignmentStatus.PUBLISHED,
        "thiet-ke-bai-giang-e-learning-tieng-viet-lop-1",
    ),
    (
        "Công đoàn thăm hỏi đoàn viên có hoàn cảnh khó khăn",
        "hoat-dong-doi-cong-doan",
        "congdoan",
        "hieutruong",
        14,
        AssignmentStatus.ASSIGNED,
        None,
    ),
]


def seed_plan(users):
    """Create the demo assignments that do not exist yet (matched by topic and assignee)."""
    created = 0
    today = timezone.localdate()
    for topic, section_slug, assignee, assigned_by, days, status, article_slug in PLAN:
        if assignee not in users or assigned_by not in users:
            continue
        if Assignment.objects.filter(topic=topic, assignee=users[assignee]).exists():
            continue
        section = SectionPage.objects.filter(slug=section_slug).first()
        if section is None:
            continue
        Assignment.objects.create(
            topic=topic,
            section=section,
            assignee=users[assignee],
            assigned_by=users[assigned_by],
            due_date=today + timedelta(days=days),
            status=status,
            article=ArticlePage.objects.filter(slug=article_slug).first() if article_slug else None,
        )
        created += 1
    return created
