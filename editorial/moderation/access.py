"""Who may see the board's reports (approval report, writing-plan report): the board, from role groups."""

BOARD_ROLE_KEYS = ("hieu_truong", "pho_hieu_truong", "ban_bien_tap", "quan_tri")


def is_board(user):
    """Principal, vice principals, members of the current editorial board and the portal administrator."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_moderation_is_board", None)
    if cached is None:
        cached = user.groups.filter(school_role__key__in=BOARD_ROLE_KEYS).exists()
        user._moderation_is_board = cached
    return cached


def full_name(user):
    """A person's name in Vietnamese order (family, middle, given), else their username."""
    if user is None:
        return ""
    name = " ".join(part for part in (user.last_name, user.first_name) if part).strip()
    return name or user.get_username()
