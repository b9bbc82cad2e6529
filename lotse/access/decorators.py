"""Marking views with the action they perform.

`@requires(Action.X)` asks the policy before the view runs and records the action on the view
function, so that the access test matrix (lotse/web/tests/test_access_matrix.py) can find, for
every URL of the project, what it guards. A view without the mark fails that test.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest

from lotse.access.policy import Action, authorize


def requires(action: Action, *, person_data: bool = False) -> Callable:
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            authorize(request.user, action)
            return view(request, *args, **kwargs)

        wrapped.lotse_action = action  # type: ignore[attr-defined]  # read by the access matrix
        wrapped.lotse_person_data = person_data  # type: ignore[attr-defined]
        return wrapped

    return decorate


def public(view: Callable) -> Callable:
    """A page anyone may see without signing in (health check, error pages)."""
    from django.contrib.auth.decorators import login_not_required

    view = login_not_required(view)
    view.lotse_action = None  # type: ignore[attr-defined]  # read by the access matrix
    view.lotse_person_data = False  # type: ignore[attr-defined]
    return view
