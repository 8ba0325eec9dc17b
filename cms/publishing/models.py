"""A record of every static build, shown to the portal administrator."""

from django.db import models

from cms.core.vietnamese import vn_datetime

# The start of a build-log line saying the search index is behind the live pages (decision 0015 §4b).
SEARCH_BEHIND = "Chỉ mục tìm kiếm chưa cập nhật"


class SiteBuild(models.Model):
    """One run of the static site builder: when, why, how long, what it wrote, and any error."""

    class Status(models.TextChoices):
        RUNNING = "running", "Đang chạy"
        SUCCESS = "success", "Thành công"
        PARTIAL = "partial", "Thành công một phần"
        FAILED = "failed", "Lỗi"

    started_at = models.DateTimeField("Bắt đầu", auto_now_add=True)
    finished_at = models.DateTimeField("Kết thúc", null=True, blank=True)
    trigger = models.CharField("Lý do", max_length=200)
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices, default=Status.RUNNING)
    release = models.CharField("Bản phát hành", max_length=64, blank=True)
    full = models.BooleanField("Dựng toàn bộ", default=True)
    pages = models.PositiveIntegerField("Số trang thay đổi", default=0)
    files_total = models.PositiveIntegerField("Số tệp", default=0)
    files_written = models.PositiveIntegerField("Số tệp ghi mới", default=0)
    files_deleted = models.PositiveIntegerField("Số tệp gỡ bỏ", default=0)
    duration_ms = models.PositiveIntegerField("Thời gian (ms)", default=0)
    error = models.TextField("Lỗi", blank=True)
    failed_pages = models.JSONField("Trang lỗi", default=list, blank=True)
    manifest_sha256 = models.CharField("Mã băm danh mục tệp", max_length=64, blank=True)
    # An incremental build makes its pages live first, then brings the search index up to date in a
    # second release (clarification #13: search may follow within 10 s); both are this build's.
    search_release = models.CharField("Bản phát hành kèm chỉ mục tìm kiếm", max_length=64, blank=True)
    search_manifest_sha256 = models.CharField(
        "Mã băm danh mục tệp (bản kèm chỉ mục)", max_length=64, blank=True
    )
    search_ms = models.PositiveIntegerField("Thời gian cập nhật chỉ mục tìm kiếm (ms)", default=0)

    class Meta:
        verbose_name = "Lần xuất bản"
        verbose_name_plural = "Các lần xuất bản"
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{vn_datetime(self.started_at):%d/%m/%Y %H:%M} – {self.get_status_display()}"

    @property
    def only_search_behind(self):
        """True when the pages of this partial build are all live and only its search index is behind (the
        follow-up failed, or its process was killed): alerts and the dashboard say so, not "not published"."""
        lines = [line for line in self.error.splitlines() if line.strip()]
        return (
            self.status == self.Status.PARTIAL
            and bool(lines)
            and all(line.startswith(SEARCH_BEHIND) for line in lines)
        )


class PendingChange(models.Model):
    """A page that changed since the last build (``page_id`` empty: rebuild everything).

    Written in the same transaction as the publish; the background build drains all pending rows at
    once, so a burst of approvals gives one build.
    """

    page_id = models.PositiveIntegerField("Trang", null=True, blank=True)
    # Empty: the whole page (its HTML, every route, its listings). Otherwise one sub-path the page serves
    # (``static_routes``), e.g. one library record, or "." for its own HTML: only that output is rendered.
    route = models.CharField("Đường dẫn con", max_length=300, blank=True, default="")
    trigger = models.CharField("Lý do", max_length=200)
    created_at = models.DateTimeField("Thời điểm", auto_now_add=True)
    attempts = models.PositiveSmallIntegerField("Số lần dựng lỗi", default=0)

    class Meta:
        verbose_name = "Thay đổi chờ xuất bản"
        verbose_name_plural = "Thay đổi chờ xuất bản"

    def __str__(self):
        return f"{self.trigger} ({self.page_id or 'toàn bộ'})"


class SiteCheck(models.Model):
    """One integrity check of the live site against the last good build (Điều 13.2; ``verify_site``)."""

    checked_at = models.DateTimeField("Thời điểm kiểm tra")
    clean = models.BooleanField("Khớp bản đã duyệt", default=True)
    repaired = models.BooleanField("Đã khôi phục", default=False)
    report = models.TextField("Kết quả", blank=True)

    class Meta:
        verbose_name = "Lần kiểm tra toàn vẹn"
        verbose_name_plural = "Các lần kiểm tra toàn vẹn"
        ordering = ["-checked_at", "-pk"]

    def __str__(self):
        return (
            f"{vn_datetime(self.checked_at):%d/%m/%Y %H:%M} – {'khớp' if self.clean else 'khác bản đã duyệt'}"
        )
