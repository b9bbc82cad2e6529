from django.conf import settings

from lotse.access.policy import Action, decide


def layout(request):
    """What the page frame needs: the acting office and the navigation the user may use."""
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        candidates = [
            ("web:start", "start", Action.VIEW_START),
            ("web:kreis_list", "directory", Action.VIEW_DIRECTORY),
            ("audit:search", "audit", Action.VIEW_AUDIT_TRAIL),
        ]
        nav = [(url, key) for url, key, action in candidates if decide(user, action)]
        if user.is_staff:
            nav.append(("admin:index", "admin"))
    return {
        "nav_items": nav,
        "lotse_demo": settings.LOTSE_DEMO,
    }
