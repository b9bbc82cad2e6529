"""Lists: one page of a selector's queryset, its count, the pager and the sortable headers.

The selector scopes the rows (the policy decides); `paginate` only orders, counts and slices
them. Sort, page and filter parameters all stay in the URL, so every link keeps the others.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

PER_PAGE = 25


@dataclass(frozen=True)
class Sort:
    """A sortable column: its header text and the fields it orders by (ascending)."""

    label: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Header:
    key: str
    label: str
    url: str
    direction: str  # "ascending", "descending" or "" (aria-sort)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Listing:
    page: Page
    count: int
    headers: dict[str, Header]
    pages: list[PageLink]
    previous_url: str
    next_url: str
    label: str  # the pager's aria-label

    @property
    def rows(self) -> list:
        return self.page.object_list


def _url(request, **changes: str | None) -> str:
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


def _order(fields: tuple[str, ...], descending: bool) -> list:
    # Empty values (no follow-up, no name) last in both directions; the primary key keeps
    # pages stable when the sorted values are equal.
    return [
        F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
        for name in fields
    ] + [F("pk").desc() if descending else F("pk").asc()]


def _page_links(request, page: Page, param: str) -> list[PageLink]:
    last = page.paginator.num_pages
    shown = sorted({1, last, *range(max(1, page.number - 2), min(last, page.number + 2) + 1)})
    links: list[PageLink] = []
    for number in shown:
        if links and links[-1].number is not None and number - links[-1].number > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, _url(request, **{param: str(number)}), number == page.number))
    return links


def paginate(
    request,
    items: QuerySet,
    *,
    sorts: dict[str, Sort],
    default: str,
    per_page: int = PER_PAGE,
    prefix: str = "",
    label: str = "",
) -> Listing:
    """Order `items` by the `sort` parameter (a key of `sorts`, "-key" for descending; an
    unknown key falls back to `default`), and return the page asked for by `page`.
    `prefix` separates the parameters of two lists on one page."""
    sort_param, page_param = f"{prefix}sort", f"{prefix}page"
    wanted = request.GET.get(sort_param, "") or default
    if wanted.removeprefix("-") not in sorts:
        wanted = default
    key, descending = wanted.removeprefix("-"), wanted.startswith("-")
    paginator = Paginator(items.order_by(*_order(sorts[key].fields, descending)), per_page)
    # Not a number or below 1: the first page; past the end: the last one.
    raw = request.GET.get(page_param, "")
    page = paginator.get_page(max(1, int(raw)) if raw.isascii() and raw.isdigit() else 1)
    page.object_list = list(page.object_list)  # one query, however often the page is read
    headers = {}
    for name, sort in sorts.items():
        current = name == key
        # A click on the sorted column turns its direction; a new sort starts on page 1.
        target = name if not current or descending else f"-{name}"
        headers[name] = Header(
            key=name,
            label=sort.label,
            url=_url(request, **{sort_param: target, page_param: None}),
            direction=("descending" if descending else "ascending") if current else "",
        )
    return Listing(
        page=page,
        count=paginator.count,
        headers=headers,
        pages=_page_links(request, page, page_param) if page.has_other_pages() else [],
        previous_url=_url(request, **{page_param: str(page.previous_page_number())})
        if page.has_previous()
        else "",
        next_url=_url(request, **{page_param: str(page.next_page_number())})
        if page.has_next()
        else "",
        label=label or _("Pages"),
    )
