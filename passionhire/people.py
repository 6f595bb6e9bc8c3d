"""How a staff member is named on pages, in emails and in exports."""


def display_name(user) -> str:
    """The user's full name, or their username when they have none; "" for nobody."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
