"""Monthly and yearly loan report: loans per class and the most-read titles (XLSX via the export helper)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from cms.core.exports import xlsx_response

from .loans import today
from .models import Loan, ReaderKind

TOP_TITLES = 20


@dataclass(frozen=True)
class Period:
    """A calendar month (``month`` 1–12) or a whole year (``month`` None) of loan dates."""

    year: int
    month: int | None = None

    @classmethod
    def from_query(cls, year, month):
        """Parse ``?nam=2026&thang=11`` (strings or None); the current month by default."""
        now = today()
        if not year:
            return cls(now.year, now.month)
        if not str(year).isdigit() or not 2000 <= int(year) <= 2100:
            raise ValueError(f"Năm “{year}” không hợp lệ.")
        if month in (None, "", "ca-nam"):
            return cls(int(year))
        if not str(month).isdigit() or not 1 <= int(month) <= 12:
            raise ValueError(f"Tháng “{month}” không hợp lệ (1–12).")
        return cls(int(year), int(month))

    @property
    def label(self):
        return f"tháng {self.month}/{self.year}" if self.month else f"năm {self.year}"

    @property
    def slug(self):
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    def bounds(self):
        if self.month:
            end = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date(self.year, self.month, 1), end
        return date(self.year, 1, 1), date(self.year + 1, 1, 1)


def loan_report(period):
    """``{"by_class": [(class, loans, readers)], "top": [(title, call number, loans)], "total": n}``."""
    start, end = period.bounds()
    loans = Loan.objects.filter(loaned_on__gte=start, loaned_on__lt=end)
    by_class = {}
    for row in loans.values("reader__kind", "reader__class_name").annotate(
        n=Count("pk"), readers=Count("reader", distinct=True)
    ):
        key = row["reader__class_name"] if row["reader__kind"] == ReaderKind.PUPIL else "Giáo viên, nhân viên"
        count, readers = by_class.get(key, (0, 0))
        by_class[key] = (count + row["n"], readers + row["readers"])
    top = (
        loans.values("copy__record__title", "copy__record__call_number")
        .annotate(n=Count("pk"))
        .order_by("-n", "copy__record__title")[:TOP_TITLES]
    )
    return {
        "by_class": [(k, *v) for k, v in sorted(by_class.items(), key=lambda kv: (len(kv[0]), kv[0]))],
        "top": [(r["copy__record__title"], r["copy__record__call_number"], r["n"]) for r in top],
        "total": loans.count(),
    }


def report_xlsx(period, data):
    """One sheet: loans per class, a blank row, then the most-read titles."""
    rows = [[cls, n, readers] for cls, n, readers in data["by_class"]]
    rows += [
        ["Tổng", data["total"], None],
        [None, None, None],
        ["Sách được mượn nhiều nhất", "Ký hiệu xếp giá", "Lượt"],
    ]
    rows += [list(t) for t in data["top"]]
    return xlsx_response(
        f"bao-cao-muon-sach-{period.slug}.xlsx",
        ["Lớp", "Lượt mượn", "Số bạn đọc"],
        rows,
        sheet_title=f"Mượn sách {period.slug}",
    )
