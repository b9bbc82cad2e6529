"""The one error the engine raises: a scenario it cannot judge."""


class ScenarioError(ValueError):
    """A fact is missing, malformed or contradicts another; the message names it.

    The engine never guesses: it raises this instead of answering.
    """
