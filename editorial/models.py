"""Editorial board models (school structure, board membership) live here."""
