"""'Gute Bleibeperspektive' by country of origin and date (brief §5.4)."""

from lotse.status.rules.context import Context
from lotse.status.rules.fact import fact

Q = "gute_bleibeperspektive"


def good_perspective(ctx: Context, *, cite: bool = False) -> bool | None:
    """True or False by the list in force on the as-of day; None before the label existed."""
    rule = ctx.rule("perspective.countries")
    nationality = ctx.scenario.person.nationality
    if cite:
        countries = rule.params["countries"]
        facts = [
            fact("nationality", f"nationality {nationality}", country=nationality),
            fact("country_list", f"list: {', '.join(countries)}", countries=list(countries)),
        ]
        ctx.cite(Q, rule.id, facts)
    if not rule.params["defined"]:
        return None
    return nationality in rule.params["countries"]
