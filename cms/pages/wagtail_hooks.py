"""Introduction, organisation, links and contact pages of a new school (``cms.core.school_pages``)."""

from wagtail import hooks

from cms.core.school_pages import HOME, SchoolPageSpec


@hooks.register("register_school_pages")
def introduction_pages():
    return [
        SchoolPageSpec(
            "gioi_thieu",
            "pages.StandardPage",
            HOME,
            "Giới thiệu",
            "gioi-thieu",
            {"intro": "Giới thiệu về nhà trường.", "show_in_menus": True},
            order=10,
        ),
        SchoolPageSpec(
            "co_cau_to_chuc",
            "pages.OrganisationPage",
            "gioi_thieu",
            "Cơ cấu tổ chức",
            "co-cau-to-chuc",
            {"intro": "Ban giám hiệu, các tổ chuyên môn, tổ văn phòng và các đoàn thể của nhà trường."},
            order=11,
        ),
        SchoolPageSpec(
            "lien_ket",
            "pages.LinksPage",
            HOME,
            "Liên kết",
            "lien-ket",
            {"intro": "Cơ quan quản lý và các hệ thống thông tin của ngành giáo dục."},
            order=80,
        ),
        SchoolPageSpec(
            "lien_he",
            "pages.StandardPage",
            HOME,
            "Liên hệ",
            "lien-he",
            {
                "intro": "Thông tin liên hệ của nhà trường.",
                "show_school_contacts": True,
                "show_in_menus": True,
            },
            order=90,
        ),
    ]
