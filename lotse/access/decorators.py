"""Marking views with the action they perform.

`@requires(Action.X)` asks the policy before the view runs and records the action on the view
function, so that the access test matrix (lotse/web/tests/test_access_matrix.py) can find, for
every URL of the project, what it guards. A view without the mark fails that test.
"""

from collections.abc import Callable
from functools import wraps

from lotse.access.policy import Action, authorize


def requires(action: Action, *, person_data: bool = False) -> Callable:
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            authorize(request.user, action)
            return view(request, *args, **kwargs)

        wrapped.lotse_action = action
        wrapped.lotse_person_data = person_data
        return wrapped

    return decorate


def public(view: Callable) -> Callable:
    """A page anyone may see without signing in (health check, error pages)."""
    from django.contrib.auth.decorators import login_not_required

    view = login_not_required(view)
    view.lotse_action = None
    view.lotse_person_data = False
    return view
