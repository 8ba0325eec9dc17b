"""Demo home page content: quick links to superiors and sector systems, the featured story (idempotent)."""

from .models import QuickLink

QUICK_LINKS = [
    ("Bộ Giáo dục và Đào tạo", "https://moet.gov.vn", ""),
    ("Sở GD&ĐT Hải Phòng", "https://haiphong.edu.vn", ""),
    ("Phòng GD&ĐT quận Ngô Quyền", "https://ngoquyen.haiphong.edu.vn", ""),
    ("Cơ sở dữ liệu ngành", "https://csdl.moet.gov.vn", "Dành cho cán bộ, giáo viên"),
    ("Trường học kết nối", "https://truonghocketnoi.edu.vn", "Sinh hoạt chuyên môn trực tuyến"),
    ("Dịch vụ công trực tuyến", "https://dichvucong.gov.vn", "Thủ tục hành chính về giáo dục"),
]


def seed_home(home, featured=None):
    """Add the quick links (once) and choose the featured story if none is chosen yet."""
    changed = False
    if not home.quick_links.exists():
        home.quick_links = [
            QuickLink(sort_order=order, title=title, url=url, description=description)
            for order, (title, url, description) in enumerate(QUICK_LINKS)
        ]
        changed = True
    if featured is not None and home.featured_article_id is None:
        home.featured_article = featured
        changed = True
    if changed:
        home.save_revision().publish()
    return home


def seed_school_settings(site, school):
    """Fill the portal settings (managing bodies, tagline, hours, map) that are still empty."""
    from cms.core.models import SchoolSettings

    settings = SchoolSettings.for_site(site)
    defaults = {
        "managing_bodies": "\n".join(school.get("managing_bodies", [])),
        "tagline": "Mỗi ngày đến trường là một ngày vui",
        "working_hours": "Thứ Hai – Thứ Sáu: 7h00 – 17h00; Thứ Bảy: 7h30 – 11h00",
        "map_url": "https://www.openstreetmap.org/search?query=C%E1%BA%A7u%20%C4%90%E1%BA%A5t%2C%20Ng%C3%B4%20Quy%E1%BB%81n%2C%20H%E1%BA%A3i%20Ph%C3%B2ng",
    }
    missing = {key: value for key, value in defaults.items() if value and not getattr(settings, key)}
    if missing:
        for key, value in missing.items():
            setattr(settings, key, value)
        settings.save()
    return settings
